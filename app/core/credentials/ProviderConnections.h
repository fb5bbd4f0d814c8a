#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "checklist/Checklist.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace onramp {

class Clock;
class Provider;
class Vault;
struct StoredChecklist;

/// One provisioning connection as an admin lists it: never its password.
struct ProviderConnection {
    QString name;
    QString dsn; ///< a libpq connection string without a password
    QDateTime setAt;
    QString setBy; ///< the admin whose signed provider.set entry names this DSN; empty when none holds
    /// What its signed provider.set entry says it serves; production when
    /// the entry says nothing (a connection set before environments were).
    Environment environment = Environment::Production;
    /// Its stored box does not open (changed outside Onramp): no DSN, no
    /// signer; set it again.
    bool damaged = false;
};

/// The servers a DSN reaches, one "host:port" each, as libpq reads it
/// (server::ServerAddress::endpoints()); the core links no libpq, so the
/// caller that parsed the DSN hands this in.
using EndpointsOf = std::function<QStringList(const QString& dsn)>;

/// What ProviderConnections::set() checks beyond the name, DSN and password.
struct ProviderSetOptions {
    /// When given: a new server for a connection with logins is refused.
    EndpointsOf endpointsOf;
    /// Re-point a connection although logins made through it are live or
    /// pending at the server it points at now (they stay pending there).
    bool acceptPendingDrops = false;
    /// With acceptPendingDrops, when given: only exactly these logins are
    /// left behind (what the admin was shown); any other list is refused as
    /// without acceptPendingDrops.
    const QStringList* acceptOnly = nullptr;
    /// Out, when given: the logins a re-point was refused for, so that the
    /// caller can ask the admin.
    QStringList* refusedFor = nullptr;
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
    ///
    /// With \a options.endpointsOf: a new server for \a name (anything but
    /// the same single host and port) is refused, naming them, while logins made through it
    /// are live or their drop is pending (Credentials::loginsOn()), unless
    /// \a options.acceptPendingDrops (the entry then names them).
    Error set(const QString& name, const QString& dsn, const SecureBytes& password,
              Environment environment = Environment::Production, const ProviderSetOptions& options = {});
    /// set() as `provider set` and the admin's page do it: \a dsn read by
    /// \a reader (the `postgresql` provider: libpq's parser, the address
    /// policy, one server; its errors name the DSN of \a name), the
    /// production_hosts rule (checkHosts()), and a new server checked as
    /// \a options.endpointsOf would (filled in from \a reader). \a shownName,
    /// when given: the server as a person reads it, for the message.
    Error setThrough(const Provider& reader, const QString& name, const QString& dsn, const SecureBytes& password,
                     Environment environment, ProviderSetOptions options, QString* shownName = nullptr);
    /// The DSNs \a name pointed at since enrollment \a enrollmentId began
    /// (its first audit entry; every one when 0), by the signed log's
    /// provider.set entries: the one in force then and every later one. A
    /// login made for that enrollment was made at one of them.
    Error dsnsSince(const QString& name, qint64 enrollmentId, QStringList* out);
    /// Every connection, name order: admins only. One whose box does not
    /// open is listed `damaged`, not an error.
    Error list(QList<ProviderConnection>* out);
    /// Admin: the connections a signed provider.set made whose kept box is
    /// gone or does not open where it is kept (rewritten or moved outside
    /// Onramp), name order: what fails Ledger::require() and what set()
    /// repairs. Read to offer that repair, never to decide.
    Error toSetAgain(QStringList* names);
    /// \a name's DSN and password, for a provider: needs the production key,
    /// and the newest signed `provider.set` entry for \a name must name the
    /// same DSN (Damaged otherwise); InvalidInput naming \a name when none is set.
    Error open(const QString& name, QString* dsn, SecureBytes* password);
    /// The environment \a name serves, as its newest signed provider.set
    /// entry says (production when it says nothing). InvalidInput naming
    /// \a name when no admin's holding entry sets it.
    Error environmentOf(const QString& name, Environment* out);

    /// The production_hosts rule, for connection \a name serving \a
    /// environment and signing in at \a hosts (its host and hostaddr; socket
    /// folders say nothing): NotPermitted when a sandbox connection is on a
    /// host a stored checklist version lists as production, or a production
    /// one on a network host (not loopback) none lists while any lists one.
    /// \a stored, when given, is every stored checklist version (read once
    /// for many connections); otherwise they are read here.
    Error checkHosts(const QString& name, Environment environment, const QStringList& hosts,
                     const QList<StoredChecklist>* stored = nullptr);

    /// True when \a name may name a connection: a slug of at most 63 characters.
    static bool isValidName(const QString& name);
    /// The DSN and the password in \a box, connection \a name's stored secret
    /// (credential id `provider:NAME`); Damaged, naming it, when it does not split.
    static Error splitBox(const QString& name, const SecureBytes& box, QString* dsn, SecureBytes* password);

private:
    Error read(const QString& name, QString* dsn, SecureBytes* password, QDateTime* setAt);
    /// set()'s check of a new server for \a name; \a leftBehind: the logins
    /// an accepted re-point leaves at the server before.
    Error checkTarget(const QString& name, const QString& dsn, const ProviderSetOptions& options,
                      QStringList* leftBehind);
    /// \a dsn empty: any DSN. \a environment, when given: what the entry says.
    Error signer(const QString& name, const QString& dsn, QString* admin, Environment* environment = nullptr);

    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace onramp
