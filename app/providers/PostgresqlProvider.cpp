#include "PostgresqlProvider.h"

#include "Clock.h"
#include "PgConnection.h"
#include "ServerAddress.h"
#include "credentials/Credentials.h"
#include "credentials/ProviderConnections.h"
#include "vault/Vault.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>

Q_LOGGING_CATEGORY(lcPostgresqlProvider, "onramp.providers.postgresql")

namespace onramp::providers {

namespace {

constexpr qint64 kSandboxSeconds = 30 * 24 * 3600;
constexpr int kPasswordLength = 32;

QString sanitised(const QString& text)
{
    QString out;
    for (const QChar c : text.toLower())
        out.append((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ? c : QLatin1Char('_'));
    return out;
}

/// Signs in to the provisioning connection the credential names. Errors
/// name the credential, the connection and the server, never a password.
Error connectFor(const IssueRequest& request, std::unique_ptr<server::PgConnection>* out,
                 server::ServerAddress* addressOut = nullptr, bool issuing = false)
{
    const CredentialTemplate& cred = request.credential;
    const auto fail = [&](const Error& e, const QString& where) {
        return Error(e.kind,
                     Tr::tr("postgresql credential '%1', provider connection '%2'%3: %4")
                         .arg(cred.id, cred.pgServer, where, e.message));
    };
    QString dsn;
    SecureBytes password;
    if (Error e = ProviderConnections(request.vault, defaultClock()).open(cred.pgServer, &dsn, &password))
        return fail(e, QString());
    server::ServerAddress address;
    if (Error e = server::ServerAddress::parseProvisioning(dsn, &address))
        return fail(e, QString());
    // A connection stored before one server was required signs in nowhere:
    // a drop "done" at whichever listed server answered proves nothing.
    if (Error e = address.requireOneServer())
        return fail(e, QString());
    // A login is made only where the checklists say its environment lives
    // (a drop goes wherever the login was made).
    if (issuing)
        if (Error e = ProviderConnections(request.vault, defaultClock())
                          .checkHosts(cred.pgServer, cred.environment,
                                      {QString::fromUtf8(address.option("host")),
                                       QString::fromUtf8(address.option("hostaddr"))}))
            return fail(e, QString());
    const QString where = QStringLiteral(" (%1)").arg(address.displayName());
    if (Error e = server::PgConnection::connect(address, QString::fromUtf8(address.option("user")), password, out))
        return fail(e, where);
    if (addressOut)
        *addressOut = address;
    return {};
}

/// What the hire connects with besides the password: the provisioning
/// connection's host, port and database, and the login's name.
QMap<QString, QString> connectionFields(const server::ServerAddress& address, const QString& role)
{
    QString host = QString::fromUtf8(address.option("host"));
    if (host.isEmpty())
        host = QString::fromUtf8(address.option("hostaddr"));
    if (host.isEmpty())
        host = QStringLiteral("/var/run/postgresql");
    QString port = QString::fromUtf8(address.option("port"));
    if (port.isEmpty())
        port = QStringLiteral("5432");
    return {{QStringLiteral("host"), host},
            {QStringLiteral("port"), port},
            {QStringLiteral("database"), QString::fromUtf8(address.option("dbname"))},
            {QStringLiteral("user"), role}};
}

/// Drops \a role through drop_login when it exists; \a dropped tells
/// whether it is gone. drop_login answers false when the role still owns
/// something in another database (which a login can make so from its own
/// session): the role stays, NOLOGIN and in no group, and that is no drop.
Error dropIfThere(server::PgConnection& connection, const QString& role, bool* dropped, bool* absent = nullptr)
{
    *dropped = false;
    if (absent)
        *absent = false;
    Error error;
    const QVariant there = connection.scalar(
        QStringLiteral("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = $1"), {role}, &error);
    if (error)
        return error;
    if (there.toLongLong() == 0) {
        *dropped = true;
        if (absent)
            *absent = true;
        return {};
    }
    const QVariant done = connection.scalar(QStringLiteral("SELECT onramp_provision.drop_login($1)"), {role}, &error);
    if (error)
        return error;
    *dropped = done.toBool();
    return {};
}

/// \a value quoted for a libpq connection string.
QString conninfoValue(const QString& value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

/// \a address with its database replaced by \a database.
Error withDatabase(const server::ServerAddress& address, const QString& database, server::ServerAddress* out)
{
    QStringList parts;
    for (const auto& [key, value] : address.options())
        if (key != "dbname" && key != "user")
            parts.append(QString::fromUtf8(key) + QLatin1Char('=') + conninfoValue(QString::fromUtf8(value)));
    parts.append(QStringLiteral("dbname=") + conninfoValue(database));
    return server::ServerAddress::parseProvisioning(parts.join(QLatin1Char(' ')), out);
}

/// Where a hire's login runs CREATE and DROP DATABASE: the cluster's
/// `postgres` database (one cannot drop the database one is connected to).
const QString kMaintenanceDatabase = QStringLiteral("postgres");

/// Signed in as the hire's own sandbox login (connected to the maintenance
/// database): ends the login's other sessions in \a database, drops it when
/// \a dropFirst, and makes it again from \a templateName, owned by the
/// login, CONNECT and TEMPORARY revoked from PUBLIC before anyone can connect;
/// then, in it, takes every object cloned from the template over from the
/// group onramp_sandbox. A database of that name owned by someone else is
/// refused, never touched.
Error makeSandboxDatabase(const server::ServerAddress& maintenance, const QString& role, const SecureBytes& password,
                          const QString& database, const QString& templateName, bool dropFirst)
{
    std::unique_ptr<server::PgConnection> connection;
    if (Error e = server::PgConnection::connect(maintenance, role, password, &connection))
        return e;
    Error error;
    const QVariant owner = connection->scalar(QStringLiteral("SELECT pg_catalog.pg_get_userbyid(datdba) FROM "
                                                             "pg_catalog.pg_database WHERE datname = $1"),
                                              {database}, &error);
    if (error)
        return error;
    if (!owner.isNull() && owner.toString() != role)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("the database %1 exists and belongs to %2, not to %3; it is left as it is")
                         .arg(database, owner.toString(), role));
    if (!owner.isNull()) {
        if (!dropFirst)
            return {}; // made before (a reissue keeps it)
        if (Error e = connection->execute(
                QStringLiteral("SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity "
                               "WHERE datname = $1 AND usename = current_user AND pid <> pg_catalog.pg_backend_pid()"),
                {database}))
            return e;
        // FORCE ends the other sessions in it, which this login may signal
        // only when they are its own: a backend still starting up, or an
        // autovacuum worker, is nobody's yet and refuses the drop until it
        // is gone, within moments. Tried again a few times, then the
        // server's word.
        for (int attempt = 0;; ++attempt) {
            const Error dropped = connection->execute(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(database));
            if (!dropped)
                break;
            if (dropped.kind != ErrorKind::NotPermitted)
                return dropped;
            if (attempt == 8)
                return Error(ErrorKind::Busy,
                             Tr::tr("a session that is not yours is using the database %1, and it "
                                    "was left as it is: %2. Close that session, then reset again.")
                                 .arg(database, dropped.message));
            std::this_thread::sleep_for(std::chrono::milliseconds(100 << std::min(attempt, 3)));
        }
    }
    // The names are checked plain names (`onramp_sbx_…`, the parser's template rule): no quoting needed.
    if (Error e = connection->execute(
            QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 ALLOW_CONNECTIONS false").arg(database, templateName)))
        return e;
    if (Error e = connection->execute(QStringLiteral("REVOKE ALL ON DATABASE %1 FROM PUBLIC").arg(database)))
        return e;
    if (Error e = connection->execute(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(database)))
        return e;
    server::ServerAddress inside;
    if (Error e = withDatabase(maintenance, database, &inside))
        return e;
    std::unique_ptr<server::PgConnection> own;
    if (Error e = server::PgConnection::connect(inside, role, password, &own))
        return e;
    return own->execute(QStringLiteral("REASSIGN OWNED BY onramp_sandbox TO CURRENT_USER"));
}

/// How long the password a revoke gives a sandbox login to drop its own
/// database with stays valid at the server.
constexpr qint64 kDropPasswordSeconds = 300;

/// Before the drop of \a role, a sandbox login with a database of its own:
/// drops that database, \a database, which the provisioning functions
/// cannot (DROP DATABASE runs in no function or transaction) and which
/// would keep the login from being dropped. The provisioning connection
/// gives the login a fresh password only this process knows, for a few
/// minutes (create_sandbox_login, as a reissue does), and the login itself
/// drops the database, signed in to the maintenance database: a login can
/// drop only a database it owns, and the name is Onramp's own for this hire
/// and credential, never one read from the vault. A database of that name
/// owned by someone else is left alone; none at all is nothing to do.
Error dropSandboxDatabase(server::PgConnection& provisioning, const server::ServerAddress& address, const QString& role,
                          const QString& database, const QDateTime& now)
{
    Error error;
    const QVariant owner = provisioning.scalar(QStringLiteral("SELECT pg_catalog.pg_get_userbyid(datdba) FROM "
                                                              "pg_catalog.pg_database WHERE datname = $1"),
                                               {database}, &error);
    if (error)
        return error;
    if (owner.isNull() || owner.toString() != role)
        return {};
    SecureBytes password = readableSecret(kPasswordLength);
    QString verifier;
    if (Error e = provisioning.scramVerifier(role, password, &verifier))
        return e;
    if (Error e = provisioning.execute(
            QStringLiteral("SELECT onramp_provision.create_sandbox_login($1, $2, $3::timestamptz)"),
            {role, verifier, now.addSecs(kDropPasswordSeconds).toUTC().toString(Qt::ISODateWithMs)}))
        return e;
    server::ServerAddress maintenance;
    if (Error e = withDatabase(address, kMaintenanceDatabase, &maintenance))
        return e;
    std::unique_ptr<server::PgConnection> own;
    if (Error e = server::PgConnection::connect(maintenance, role, password, &own))
        return e;
    // The name is a checked plain name (`onramp_sbx_…`): no quoting needed.
    return own->execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database));
}

} // namespace

namespace {

QString nameSuffix(const QString& hire, const QString& credentialId)
{
    const QByteArray names = QByteArray(hire.toUtf8() + '\0' + credentialId.toUtf8());
    const QByteArray digest = QCryptographicHash::hash(names, QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.left(4).toHex());
}

} // namespace

QString loginRoleName(const QString& hire, const QString& credentialId)
{
    // 63 bytes: "onramp_" (7) + at most 46 + "_" + 8 hex + room to spare.
    const QString middle = QString(sanitised(hire) + QLatin1Char('_') + sanitised(credentialId)).left(46);
    return QStringLiteral("onramp_") + middle + QLatin1Char('_') + nameSuffix(hire, credentialId);
}

QString sandboxDatabaseName(const QString& hire, const QString& credentialId)
{
    // 63 bytes: "onramp_sbx_" (11) + at most 43 + "_" + 8 hex.
    const QString middle = QString(sanitised(hire) + QLatin1Char('_') + sanitised(credentialId)).left(43);
    return QStringLiteral("onramp_sbx_") + middle + QLatin1Char('_') + nameSuffix(hire, credentialId);
}

Error PostgresqlProvider::issue(const IssueRequest& request, std::optional<SecureBytes>* out)
{
    out->reset();
    const CredentialTemplate& cred = request.credential;
    std::unique_ptr<server::PgConnection> connection;
    server::ServerAddress address;
    if (Error e = connectFor(request, &connection, &address, true))
        return e;
    const QString role = loginRoleName(request.hire.name, cred.id);
    const qint64 seconds = cred.environment == Environment::Sandbox
        ? kSandboxSeconds
        : (cred.ttlSeconds > 0 ? cred.ttlSeconds : Credentials::kDefaultTtlSeconds);
    const QDateTime validUntil = request.now.addSecs(seconds);
    SecureBytes password = readableSecret(kPasswordLength);
    QString verifier;
    if (Error e = connection->scramVerifier(role, password, &verifier))
        return e;
    // Role names are checked plain names (CredentialParser): the array literal needs no quoting.
    const QString groups = QLatin1Char('{') + cred.pgRoles.join(QLatin1Char(',')) + QLatin1Char('}');
    const bool ownDatabase = cred.environment == Environment::Sandbox && !cred.pgTemplate.isEmpty();
    const auto named = [&](const Error& e) {
        return Error(e.kind,
                     Tr::tr("postgresql credential '%1' for %2: %3").arg(cred.id, request.hire.name, e.message));
    };
    server::PgConnection::Transaction transaction(*connection);
    if (ownDatabase) {
        // The login keeps its database across a reissue: a new password only.
        if (Error e = connection->execute(
                QStringLiteral("SELECT onramp_provision.create_sandbox_login($1, $2, $3::timestamptz)"),
                {role, verifier, validUntil.toUTC().toString(Qt::ISODateWithMs)}))
            return named(e);
    } else {
        // A login an earlier grant left (drop_login could not finish it) is
        // taken over by create_login: the same role Onramp made, given the
        // new password, expiry and groups.
        bool dropped = false;
        if (Error e = dropIfThere(*connection, role, &dropped))
            return e;
        if (Error e = connection->execute(
                QStringLiteral("SELECT onramp_provision.create_login($1, $2, $3::timestamptz, $4::text[])"),
                {role, verifier, validUntil.toUTC().toString(Qt::ISODateWithMs), groups}))
            return named(e);
    }
    if (Error e = transaction.commit())
        return e;
    qCDebug(lcPostgresqlProvider) << "login" << role << "made for" << request.hire.name << "until" << validUntil;
    QMap<QString, QString> fields = connectionFields(address, role);
    if (ownDatabase) {
        const QString database = sandboxDatabaseName(request.hire.name, cred.id);
        server::ServerAddress maintenance;
        if (Error e = withDatabase(address, kMaintenanceDatabase, &maintenance))
            return named(e);
        if (Error e = makeSandboxDatabase(maintenance, role, password, database, cred.pgTemplate, false))
            return named(e);
        fields.insert(QStringLiteral("database"), database);
        qCDebug(lcPostgresqlProvider) << "sandbox database" << database << "of" << request.hire.name << "ready";
    }
    if (request.fields)
        *request.fields = fields;
    *out = std::move(password);
    return {};
}

Error PostgresqlProvider::reset(const IssueRequest& request, const QMap<QString, QString>& fields,
                                const SecureBytes& secret)
{
    const CredentialTemplate& cred = request.credential;
    const auto named = [&](const Error& e) {
        return Error(e.kind,
                     Tr::tr("postgresql credential '%1' for %2: %3").arg(cred.id, request.hire.name, e.message));
    };
    if (cred.environment != Environment::Sandbox || cred.pgTemplate.isEmpty())
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("'%1' has no sandbox database of its own to reset; only a sandbox credential with "
                            "'postgresql: {template: …}' has one")
                         .arg(cred.id));
    const QString database = sandboxDatabaseName(request.hire.name, cred.id);
    const QString role = loginRoleName(request.hire.name, cred.id);
    if (fields.value(QStringLiteral("database")) != database || fields.value(QStringLiteral("user")) != role)
        return named(Error(
            ErrorKind::InvalidInput,
            Tr::tr("the fields handed out name the database '%1' and the user '%2', not this "
                   "credential's %3 and %4")
                .arg(fields.value(QStringLiteral("database")), fields.value(QStringLiteral("user")), database, role)));
    // Only what the hire was handed: their host and port, their own login.
    const QString host = fields.value(QStringLiteral("host"));
    QStringList parts{QStringLiteral("host=") + conninfoValue(host),
                      QStringLiteral("port=") + conninfoValue(fields.value(QStringLiteral("port"))),
                      QStringLiteral("dbname=") + conninfoValue(kMaintenanceDatabase)};
    if (!server::isLocalHost(host))
        parts << QStringLiteral("sslmode=verify-full") << QStringLiteral("channel_binding=require");
    server::ServerAddress maintenance;
    if (Error e = server::ServerAddress::parseProvisioning(parts.join(QLatin1Char(' ')), &maintenance))
        return named(e);
    if (Error e = makeSandboxDatabase(maintenance, role, secret, database, cred.pgTemplate, true))
        return named(e);
    qCDebug(lcPostgresqlProvider) << "sandbox database" << database << "of" << request.hire.name << "reset";
    return {};
}

Error PostgresqlProvider::readConnection(const QString& dsn, ConnectionAddress* out) const
{
    *out = {};
    server::ServerAddress address;
    if (Error e = server::ServerAddress::parseProvisioning(dsn, &address))
        return e;
    if (Error e = address.requireOneServer())
        return e;
    out->hosts = {QString::fromUtf8(address.option("host")), QString::fromUtf8(address.option("hostaddr"))};
    out->endpoints = address.endpoints();
    out->shownName = address.displayName();
    return {};
}

Error PostgresqlProvider::revoke(const IssueRequest& request)
{
    const CredentialTemplate& cred = request.credential;
    std::unique_ptr<server::PgConnection> connection;
    server::ServerAddress address;
    if (Error e = connectFor(request, &connection, &address))
        return e;
    const QString role = loginRoleName(request.hire.name, cred.id);
    if (cred.environment == Environment::Sandbox && !cred.pgTemplate.isEmpty()) {
        const QString database = sandboxDatabaseName(request.hire.name, cred.id);
        // The server's clock decides VALID UNTIL, whatever Onramp's says.
        if (Error e = dropSandboxDatabase(*connection, address, role, database, QDateTime::currentDateTimeUtc()))
            return Error(e.kind,
                         Tr::tr("postgresql credential '%1', provider connection '%2': the sandbox database "
                                "%3 of %4 was not dropped: %5")
                             .arg(cred.id, cred.pgServer, database, role, e.message));
        qCDebug(lcPostgresqlProvider) << "sandbox database" << database << "of" << request.hire.name << "dropped";
    }
    bool dropped = false;
    bool absent = false;
    if (Error e = dropIfThere(*connection, role, &dropped, &absent))
        return e;
    if (absent) {
        // Not here is gone only where it was made: after the connection was
        // pointed at another server, the login may live on at the one before.
        QStringList dsns;
        if (Error e = ProviderConnections(request.vault, defaultClock())
                          .dsnsSince(request.credential.pgServer, request.enrollmentId, &dsns))
            return e;
        QStringList here = address.endpoints();
        here.sort();
        QStringList elsewhere;
        for (const QString& dsn : std::as_const(dsns)) {
            server::ServerAddress before;
            if (server::ServerAddress::parseProvisioning(dsn, &before)) {
                elsewhere.append(dsn);
                continue;
            }
            // The same single server only: a list sharing one host may have
            // signed in at another (requireOneServer()).
            QStringList there = before.endpoints();
            there.sort();
            if (there != here)
                elsewhere.append(before.displayName());
        }
        if (!elsewhere.isEmpty())
            return Error(ErrorKind::Io,
                         Tr::tr("postgresql credential '%1', provider connection '%2': the login %3 is not at %4, "
                                "but the connection pointed at %5 while it could have been made; it is not known "
                                "to be dropped there and stays pending until an admin points '%2' back for a sweep "
                                "or drops it there")
                             .arg(request.credential.id, request.credential.pgServer, role, address.displayName(),
                                  elsewhere.join(QStringLiteral(", "))));
    }
    if (!dropped)
        return Error(ErrorKind::Io,
                     Tr::tr("postgresql credential '%1', provider connection '%2': the login %3 was not dropped (it "
                            "still owns objects in another database); it stays NOLOGIN and in no group until a drop "
                            "there finishes it")
                         .arg(request.credential.id, request.credential.pgServer, role));
    qCDebug(lcPostgresqlProvider) << "login" << role << "of" << request.hire.name << "dropped";
    return {};
}

void registerPostgresqlProvider()
{
    Providers::add(QStringLiteral("postgresql"), [] { return std::make_unique<PostgresqlProvider>(); });
}

} // namespace onramp::providers
