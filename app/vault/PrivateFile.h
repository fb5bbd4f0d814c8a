#pragma once

#include "Error.h"

#include <QByteArrayView>
#include <QString>

namespace onramp {

/// Writes \a bytes to \a path atomically (QSaveFile: all of it or nothing),
/// readable and writable by its owner only from the first byte on. A failure
/// is ErrorKind::Io naming \a what ("key file", …) and the path.
Error writePrivateFile(const QString& path, QByteArrayView bytes, const QString& what);

} // namespace onramp
