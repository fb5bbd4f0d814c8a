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

// 32 letters and digits, drawn uniformly, in secure memory.
SecureBytes randomPassword()
{
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    ensureSodium();
    SecureBytes password(kPasswordLength);
    for (std::size_t i = 0; i < password.size(); ++i)
        password.data()[i] = static_cast<unsigned char>(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
    return password;
}

/// Signs in to the provisioning connection the credential names. Errors
/// name the credential, the connection and the server, never a password.
Error connectFor(const IssueRequest& request, std::unique_ptr<server::PgConnection>* out,
                 server::ServerAddress* addressOut = nullptr)
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
    if (Error e = server::ServerAddress::parse(dsn, &address))
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
Error dropIfThere(server::PgConnection& connection, const QString& role, bool* dropped)
{
    *dropped = false;
    Error error;
    const QVariant there = connection.scalar(
        QStringLiteral("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = $1"), {role}, &error);
    if (error)
        return error;
    if (there.toLongLong() == 0) {
        *dropped = true;
        return {};
    }
    const QVariant done = connection.scalar(QStringLiteral("SELECT onramp_provision.drop_login($1)"), {role}, &error);
    if (error)
        return error;
    *dropped = done.toBool();
    return {};
}

} // namespace

QString loginRoleName(const QString& hire, const QString& credentialId)
{
    const QByteArray names = QByteArray(hire.toUtf8() + '\0' + credentialId.toUtf8());
    const QByteArray digest = QCryptographicHash::hash(names, QCryptographicHash::Sha256);
    const QString suffix = QString::fromLatin1(digest.left(4).toHex());
    // 63 bytes: "onramp_" (7) + at most 46 + "_" + 8 hex + room to spare.
    const QString middle = QString(sanitised(hire) + QLatin1Char('_') + sanitised(credentialId)).left(46);
    return QStringLiteral("onramp_") + middle + QLatin1Char('_') + suffix;
}

Error PostgresqlProvider::issue(const IssueRequest& request, std::optional<SecureBytes>* out)
{
    out->reset();
    const CredentialTemplate& cred = request.credential;
    std::unique_ptr<server::PgConnection> connection;
    server::ServerAddress address;
    if (Error e = connectFor(request, &connection, &address))
        return e;
    const QString role = loginRoleName(request.hire.name, cred.id);
    const qint64 seconds = cred.environment == Environment::Sandbox
        ? kSandboxSeconds
        : (cred.ttlSeconds > 0 ? cred.ttlSeconds : Credentials::kDefaultTtlSeconds);
    const QDateTime validUntil = request.now.addSecs(seconds);
    SecureBytes password = randomPassword();
    QString verifier;
    if (Error e = connection->scramVerifier(role, password, &verifier))
        return e;
    // Role names are checked plain names (CredentialParser): the array literal needs no quoting.
    const QString groups = QLatin1Char('{') + cred.pgRoles.join(QLatin1Char(',')) + QLatin1Char('}');
    server::PgConnection::Transaction transaction(*connection);
    // A login an earlier grant left (drop_login could not finish it) is
    // taken over by create_login: the same role Onramp made, given the new
    // password, expiry and groups.
    bool dropped = false;
    if (Error e = dropIfThere(*connection, role, &dropped))
        return e;
    if (Error e = connection->execute(
            QStringLiteral("SELECT onramp_provision.create_login($1, $2, $3::timestamptz, $4::text[])"),
            {role, verifier, validUntil.toUTC().toString(Qt::ISODateWithMs), groups}))
        return Error(e.kind,
                     Tr::tr("postgresql credential '%1' for %2: %3").arg(cred.id, request.hire.name, e.message));
    if (Error e = transaction.commit())
        return e;
    qCDebug(lcPostgresqlProvider) << "login" << role << "made for" << request.hire.name << "until" << validUntil;
    if (request.fields)
        *request.fields = connectionFields(address, role);
    *out = std::move(password);
    return {};
}

Error PostgresqlProvider::revoke(const IssueRequest& request)
{
    std::unique_ptr<server::PgConnection> connection;
    if (Error e = connectFor(request, &connection))
        return e;
    const QString role = loginRoleName(request.hire.name, request.credential.id);
    bool dropped = false;
    if (Error e = dropIfThere(*connection, role, &dropped))
        return e;
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
