#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "checklist/Checklist.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace onramp {

class Clock;
class Vault;

/// One provisioning connection as an admin lists it: never its password.
struct ProviderConnection {
    QString name;
    QString dsn; ///< a libpq connection string without a password
    QDateTime setAt;
    QString setBy; ///< the admin whose signed provider.set entry names this DSN; empty when none holds
    /// What its signed provider.set entry says it serves; production when
    /// the entry says nothing (a connection set before environments were).
    Environment environment = Environment::Production;
};

/// The connections a source provider (the `postgresql` provider) signs in
/// with, by name (`server:` in a checklist). The DSN and the password are
/// kept together in one box under the production key (credential_secrets,
/// credential id `provider:NAME`, which no checklist slug can be), so a
/// session without that key can neither read the password nor point the
/// password at another server; each set is a `provider.set` entry signed by
/// the admin, naming the DSN and never the password.
///
/// Each connection serves one environment, named in that signed entry
/// (`provider set NAME --environment sandbox|production`, production unless
/// said): a credential may only name a connection of its own environment,
/// so a sandbox credential, which a hire gets at enrollment without any
/// gate, never signs in with a production connection.
class ProviderConnections
{
public:
    ProviderConnections(Vault& vault, const Clock& clock)
        : m_vault(vault)
        , m_clock(clock)
    {}

    /// Sets (or replaces) \a name's connection: admins only. \a dsn must
    /// already have passed the address policy (server::ServerAddress); a
    /// name that is not a slug, an empty or oversized password, or a DSN with
    /// control characters is refused, naming it, and changes nothing.
    /// \a environment is what the connection serves; a sandbox connection
    /// that a production credential of any stored checklist version names
    /// (or a production one a sandbox credential names) is refused.
    Error set(const QString& name, const QString& dsn, const SecureBytes& password,
              Environment environment = Environment::Production);
    /// Every connection, name order: admins only.
    Error list(QList<ProviderConnection>* out);
    /// \a name's DSN and password, for a provider: needs the production key,
    /// and the newest signed `provider.set` entry for \a name must name the
    /// same DSN (Damaged otherwise); InvalidInput naming \a name when none is set.
    Error open(const QString& name, QString* dsn, SecureBytes* password);
    /// The environment \a name serves, as its newest signed provider.set
    /// entry says (production when it says nothing). InvalidInput naming
    /// \a name when no admin's holding entry sets it.
    Error environmentOf(const QString& name, Environment* out);

    /// True when \a name may name a connection: a slug of at most 63 characters.
    static bool isValidName(const QString& name);
    /// The DSN and the password in \a box, connection \a name's stored secret
    /// (credential id `provider:NAME`); Damaged, naming it, when it does not split.
    static Error splitBox(const QString& name, const SecureBytes& box, QString* dsn, SecureBytes* password);

private:
    Error read(const QString& name, QString* dsn, SecureBytes* password, QDateTime* setAt);
    /// \a dsn empty: any DSN. \a environment, when given: what the entry says.
    Error signer(const QString& name, const QString& dsn, QString* admin, Environment* environment = nullptr);

    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace onramp
