#pragma once

#include "CredentialView.h"

#include "SecureBytes.h"

#include <optional>
#include <vector>

namespace onramp {

/// The file formats `onramp cred export` writes.
enum class ExportFormat {
    Env, ///< SANDBOX_DB_HOST='…' lines, for `set -a; . FILE`
    Pgpass, ///< host:port:database:user:password lines (libpq's ~/.pgpass)
};

/// "env" or "pgpass".
std::optional<ExportFormat> exportFormatFromName(const QString& name);

/// The export file's content in secure memory: one entry per readable
/// credential; \a secrets[i] belongs to \a views[i].
SecureBytes exportCredentials(const QList<CredentialView>& views, const std::vector<SecureBytes>& secrets,
                              ExportFormat format);

/// \a view names a host and a user: a pgpass export writes a line for it.
bool fitsPgpass(const CredentialView& view);

/// The environment variable name for a credential's field: "sandbox-db" + "host" -> "SANDBOX_DB_HOST".
QString envName(const QString& credentialId, const QString& field);

} // namespace onramp
