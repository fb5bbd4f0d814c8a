#include "ServerAddress.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>

#include <arpa/inet.h>
#include <libpq-fe.h>

namespace onramp::server {

namespace {

QByteArray valueOf(const QList<QPair<QByteArray, QByteArray>>& options, const QByteArray& keyword)
{
    for (const auto& [key, value] : options) {
        if (key == keyword)
            return value;
    }
    return {};
}

// libpq's own words on a string it cannot read, unless they quote a piece
// of it (missing "=" after "…"): a password pasted into the address, or a
// passphrase, would be shown back on screen and in the log.
QString parseProblem(const QString& url, const char* libpqMessage)
{
    static const QRegularExpression userInfo(QStringLiteral("://[^/@?]*:[^/@?]*@"));
    if (libpqMessage == nullptr || url.contains(QLatin1String("password"), Qt::CaseInsensitive)
        || userInfo.match(url).hasMatch())
        return {};
    const QString words = QString::fromUtf8(libpqMessage).trimmed();
    if (words.contains(QLatin1Char('"')) || words.contains(QLatin1Char('\'')))
        return {};
    return words;
}

} // namespace

bool isLocalHost(const QString& host)
{
    return host.isEmpty() || host.startsWith(QLatin1Char('/')) || host.startsWith(QLatin1Char('@'));
}

Error ServerAddress::parse(const QString& url, ServerAddress* out)
{
    return parse(url, out, Server::FromEnvironment);
}

Error ServerAddress::parseProvisioning(const QString& url, ServerAddress* out)
{
    return parse(url, out, Server::AsWritten);
}

Error ServerAddress::parse(const QString& url, ServerAddress* out, Server server)
{
    const QByteArray utf8 = url.trimmed().toUtf8();
    if (utf8.isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("The server address is empty: give a libpq connection string or a postgresql:// URI.")};
    char* message = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(utf8.constData(), &message);
    if (parsed == nullptr) {
        const QString problem = parseProblem(url, message);
        PQfreemem(message);
        if (problem.isEmpty())
            return {ErrorKind::InvalidInput,
                    Tr::tr("The server address is not a libpq connection string or postgresql:// URI.")};
        return {ErrorKind::InvalidInput,
                Tr::tr("The server address is not a libpq connection string or postgresql:// URI: %1").arg(problem)};
    }
    ServerAddress address;
    bool hasPassword = false;
    for (PQconninfoOption* option = parsed; option->keyword != nullptr; ++option) {
        if (option->val == nullptr)
            continue;
        const QByteArray keyword(option->keyword);
        // A client key's passphrase is a secret too: it would be kept in the
        // signed log and shown wherever the address is.
        if (keyword == "password" || keyword == "sslpassword") {
            hasPassword = true;
            continue;
        }
        address.m_options.append({keyword, QByteArray(option->val)});
    }
    PQconninfoFree(parsed);
    // What the environment (PGHOST, PGSSLMODE…) would fill in is made
    // explicit here, so that the policy below judges what libpq will use.
    static const QList<QByteArray> fromEnvironment = {"host",    "hostaddr",        "port",        "dbname",
                                                      "sslmode", "channel_binding", "sslrootcert", "sslcert",
                                                      "sslkey",  "sslcrl",          "gssencmode",  "requirepeer"};
    if (PQconninfoOption* defaults = PQconndefaults()) {
        for (PQconninfoOption* option = defaults; option->keyword != nullptr; ++option) {
            const QByteArray keyword(option->keyword);
            // A provisioning connection is the one server it names, on every desktop.
            const bool picksServer = keyword == "host" || keyword == "hostaddr" || keyword == "port";
            if (option->val != nullptr && option->val[0] != 0 && fromEnvironment.contains(keyword)
                && address.option(keyword).isEmpty() && (server == Server::FromEnvironment || !picksServer))
                address.m_options.append({keyword, QByteArray(option->val)});
        }
        PQconninfoFree(defaults);
    }

    const QString shown = address.displayName();
    // Where the password comes from instead: a team server's sign-in, or a
    // provisioning connection's password kept apart under the production key.
    const QString instead = server == Server::AsWritten
        ? Tr::tr("the provisioning role's password is given apart, and sealed under the production key")
        : Tr::tr("Onramp signs in with your passphrase");
    if (hasPassword)
        return {ErrorKind::InvalidInput,
                Tr::tr("The server address for %1 carries a password. Remove it: %2.").arg(shown, instead)};
    if (!address.option("passfile").isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("The server address for %1 names a password file. Remove it: %2.").arg(shown, instead)};

    QStringList hosts = QString::fromUtf8(address.option("host")).split(QLatin1Char(','));
    const QByteArray hostaddr = address.option("hostaddr");
    if (!hostaddr.isEmpty())
        hosts += QString::fromUtf8(hostaddr).split(QLatin1Char(','));
    for (const QString& host : std::as_const(hosts)) {
        if (!isLocalHost(host.trimmed()))
            address.m_local = false;
    }
    // hostaddr is always TCP, whatever host says.
    if (!hostaddr.isEmpty())
        address.m_local = false;
    // A socket answers for the server only when the server's own user made it.
    if (address.m_local && address.option("requirepeer").isEmpty())
        address.m_options.append({QByteArrayLiteral("requirepeer"), QByteArrayLiteral("postgres")});
    if (!address.m_local) {
        const bool verified = address.option("sslmode") == "verify-full";
        const bool bound = address.option("channel_binding") == "require";
        // Both said at once when both are missing: one fix, not two tries.
        if (!verified && !bound)
            return {ErrorKind::InvalidInput,
                    Tr::tr("The server address for %1 must ask for sslmode=verify-full and channel_binding=require: a "
                           "server reached over TCP, on this machine too, has to prove who it is with its "
                           "certificate, and the sign-in must not be answered in clear text or relayed.")
                        .arg(shown)};
        if (!verified)
            return {
                ErrorKind::InvalidInput,
                Tr::tr("The server address for %1 must ask for sslmode=verify-full: a server reached over TCP, on this "
                       "machine too, has to prove who it is with its certificate.")
                    .arg(shown)};
        if (!bound)
            return {
                ErrorKind::InvalidInput,
                Tr::tr("The server address for %1 must ask for channel_binding=require, so that the sign-in cannot be "
                       "answered in clear text or relayed.")
                    .arg(shown)};
    }
    address.m_provisioning = server == Server::AsWritten;
    *out = std::move(address);
    return {};
}

QByteArray ServerAddress::option(const QByteArray& keyword) const
{
    return valueOf(m_options, keyword);
}

QStringList ServerAddress::endpoints() const
{
    QStringList hosts = QString::fromUtf8(option("host")).split(QLatin1Char(','));
    const QStringList hostaddrs = QString::fromUtf8(option("hostaddr")).split(QLatin1Char(','));
    const QStringList ports = QString::fromUtf8(option("port")).split(QLatin1Char(','));
    const qsizetype count = std::max(hosts.size(), hostaddrs.size());
    QStringList out;
    for (qsizetype i = 0; i < count; ++i) {
        // libpq connects to hostaddr when given, host naming it for TLS only.
        QString host = i < hostaddrs.size() ? hostaddrs.at(i).trimmed() : QString();
        if (host.isEmpty())
            host = i < hosts.size() ? hosts.at(i).trimmed() : QString();
        if (host.isEmpty())
            host = QStringLiteral("/var/run/postgresql");
        while (host.size() > 1 && host.endsWith(QLatin1Char('/')))
            host.chop(1);
        QString port =
            ports.size() == 1 ? ports.first().trimmed() : (i < ports.size() ? ports.at(i).trimmed() : QString());
        if (port.isEmpty())
            port = QStringLiteral("5432");
        // A socket folder is a path, whose case matters; a host name's does not.
        const bool path = host.startsWith(QLatin1Char('/')) || host.startsWith(QLatin1Char('@'));
        out.append((path ? host : host.toLower()) + QLatin1Char(':') + port);
    }
    out.removeDuplicates();
    return out;
}

Error ServerAddress::requireOneServer() const
{
    // A service is looked up in each desktop's own service file, and an
    // address without a host is each desktop's PGHOST: not one server.
    if (!option("service").isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("the address for %1 names the service '%2', which each desktop looks up in its own service "
                       "file; a provisioning connection names its server with host= and port=")
                    .arg(displayName(), QString::fromUtf8(option("service")))};
    if (option("host").isEmpty() && option("hostaddr").isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("the address for %1 names no host, so each desktop's PGHOST would decide; a provisioning "
                       "connection names its server with host=")
                    .arg(displayName())};
    const QStringList reached = endpoints();
    const auto listed = [this](const char* keyword) { return option(keyword).contains(','); };
    if (reached.size() == 1 && !listed("host") && !listed("hostaddr") && !listed("port"))
        return {};
    return {ErrorKind::InvalidInput,
            Tr::tr("the address for %1 lists more than one server (%2); a provisioning connection names exactly one, "
                   "so that every login is ended where it was made")
                .arg(displayName(), reached.join(QStringLiteral(", ")))};
}

QString ServerAddress::displayName() const
{
    QString host = QString::fromUtf8(option("host"));
    const QString address = QString::fromUtf8(option("hostaddr"));
    // libpq connects to hostaddr when given (host names it for TLS alone):
    // both are shown, so that nobody reads only the name.
    if (host.isEmpty())
        host = address;
    else if (!address.isEmpty() && address != host)
        host += QStringLiteral(" (%1)").arg(address);
    if (host.isEmpty())
        host = QStringLiteral("/var/run/postgresql");
    QString port = QString::fromUtf8(option("port"));
    if (port.isEmpty())
        port = QStringLiteral("5432");
    QString shown = host + QLatin1Char(':') + port;
    const QString database = QString::fromUtf8(option("dbname"));
    if (!database.isEmpty())
        shown += QLatin1Char('/') + database;
    return shown;
}

} // namespace onramp::server
