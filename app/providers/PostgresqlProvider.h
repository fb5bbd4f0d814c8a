#pragma once

#include "credentials/Provider.h"

#include <QString>

namespace onramp::providers {

/// The login role for \a hire's credential \a credentialId:
/// `onramp_<hire>_<credential>_<8 hex>`, lower-case letters, digits and `_`
/// only, at most 63 bytes; the hex is of a hash of both names, so two pairs
/// that read alike once sanitised or cut still get different roles.
QString loginRoleName(const QString& hire, const QString& credentialId);

/// A hire's own sandbox database for \a credentialId:
/// `onramp_sbx_<hire>_<credential>_<8 hex>`, sanitised and hashed as
/// loginRoleName(), at most 63 bytes.
QString sandboxDatabaseName(const QString& hire, const QString& credentialId);

/// The `postgresql` provider: issue() makes a login role for the hire at the
/// server the credential's `postgresql: {server: NAME}` names, through the
/// provisioning functions of share/postgresql-provisioning.sql, signed in
/// with the connection an admin set (`onramp provider set`). The password is
/// random, sent only as a SCRAM verifier, and is the secret; VALID UNTIL is
/// the grant's expiry (production: now + ttl, else 30 days) or, in the
/// sandbox, 30 days. A login that exists already is dropped first (a renewal
/// issues afresh). The hire's connection fields (host, port and database of
/// the provisioning connection, user: the login) go to IssueRequest::fields.
/// revoke() drops the login, ending its sessions.
///
/// A sandbox credential with a `template` also gets a database of its own:
/// the login is made by create_sandbox_login (CREATEDB, in the group
/// onramp_sandbox; a reissue gives it a new password and keeps its
/// database), and the login itself, signed in to the `postgres` database,
/// makes sandboxDatabaseName() from the template (makeSandboxDatabase);
/// `database` in the fields is that database. reset(), run by the hire with
/// their own login and nothing else, ends the login's sessions in it, drops
/// it and makes it again from the template.
class PostgresqlProvider final : public Provider
{
public:
    QString name() const override { return QStringLiteral("postgresql"); }
    Error issue(const IssueRequest& request, std::optional<SecureBytes>* out) override;
    Error revoke(const IssueRequest& request) override;
    Error reset(const IssueRequest& request, const QMap<QString, QString>& fields, const SecureBytes& secret) override;
    bool actsAtSource() const override { return true; }
    Error readConnection(const QString& dsn, ConnectionAddress* out) const override;
};

/// Makes "postgresql" known to Providers::make() in this program.
void registerPostgresqlProvider();

} // namespace onramp::providers
