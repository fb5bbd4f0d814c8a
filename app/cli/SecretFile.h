#pragma once

#include "Error.h"
#include "SecureBytes.h"

namespace onramp::cli {

class Context;

/// The secret `cred set` reads from --secret-file (never a command-line
/// argument), without one trailing line end, read into secure memory: the
/// folder vault's handler and the team server's share it. A missing option
/// is ErrorKind::Usage; a file that cannot be read, or an empty secret,
/// ErrorKind::InvalidInput naming the file.
Error secretFromFile(Context& c, SecureBytes* secret);
/// The secret in the file \a path, read as above (at most \a maxBytes of
/// it when given, so that the caller's own limit sees one too many).
Error secretFromFile(const QString& path, SecureBytes* secret, qint64 maxBytes = -1);

} // namespace onramp::cli
