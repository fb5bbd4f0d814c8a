#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QString>

#include <optional>

namespace onramp {

/// Reads a whole passphrase file straight into secure memory (unbuffered,
/// so the bytes go from read(2) into it), one trailing line end dropped.
/// InvalidInput naming the file when it cannot be read, is empty, or holds
/// more than Vault::kMaxPassphraseBytes: a longer one is refused, never cut
/// short. The command line, `--screenshot` and the roster import read
/// passphrase files through it.
std::optional<SecureBytes> readPassphraseFile(const QString& path, Error* error);
/// The same, from \a fd, a file opened and checked already (\a path names
/// it in errors). The descriptor stays open.
std::optional<SecureBytes> readPassphraseFile(int fd, const QString& path, Error* error);

} // namespace onramp
