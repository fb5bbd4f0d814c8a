#pragma once

#include "Error.h"

#include <QByteArrayView>
#include <QString>

namespace onramp {

/// Writes \a bytes to \a path atomically and durably: a new file beside it
/// (mode 0600 from the first byte on), fsynced, renamed over \a path, and the
/// folder fsynced, so that after a crash or a power cut \a path holds either
/// all of the old bytes or all of the new ones, and a success means the new.
/// An existing \a path must be a regular file: a symbolic link (never
/// followed), a device, a FIFO or a folder is refused, and nothing is
/// written. A failure is ErrorKind::Io naming \a what ("key file", …) and
/// the path, and leaves no file behind.
Error writePrivateFile(const QString& path, QByteArrayView bytes, const QString& what);

/// Creates the folder \a dir (and its missing parents), owner-only, and syncs
/// each parent so that the new folder survives a power cut.
Error makePrivateFolder(const QString& dir, const QString& what);

} // namespace onramp
