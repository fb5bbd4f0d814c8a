// provider set and provider list: the connections a source provider (the
// `postgresql` provider) signs in with, kept in a folder vault. A DSN is
// read by that provider (ProviderConnections::setThrough), with libpq's own
// parser and the team server's address policy (server::ServerAddress): no
// password in it, TLS with verify-full and channel binding over TCP, the
// server's user for a Unix socket. The admin's page sets one the same way.
// The rules of keeping one are in app/core/credentials/ProviderConnections.h.
#include "Command.h"
#include "VaultAccess.h"

#include "Clock.h"
#include "PlainText.h"
#include "SecretFile.h"
#include "credentials/Provider.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonObject>

namespace onramp::cli {

namespace {

int runProviderSet(Context& c)
{
    if (!c.has(QStringLiteral("dsn")))
        return c.fail(ErrorKind::Usage, Tr::tr("'provider set' needs --dsn DSN (the connection, without a password)"));
    if (!c.has(QStringLiteral("secret-file")))
        return c.fail(ErrorKind::Usage,
                      Tr::tr("'provider set' needs --secret-file FILE (the provisioning role's "
                             "password is never a command-line argument)"));
    const QString name = c.operand(0);
    Environment environment = Environment::Production;
    if (c.has(QStringLiteral("environment"))) {
        const std::optional<Environment> given = environmentFromName(c.option(QStringLiteral("environment")));
        if (!given)
            return c.fail(ErrorKind::Usage,
                          Tr::tr("--environment of provider connection '%1' is '%2': give sandbox or production")
                              .arg(name, text::printable(c.option(QStringLiteral("environment")))));
        environment = *given;
    }
    SecureBytes password;
    // Never more than 4 KiB read: set() refuses a password past its own limit, naming it.
    if (Error e = secretFromFile(c.option(QStringLiteral("secret-file")), &password, 4097))
        return c.fail(e);
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    // libpq's own parser and the address policy, in the provider's module.
    const std::unique_ptr<Provider> postgresql = Providers::make(QStringLiteral("postgresql"));
    if (!postgresql)
        return c.fail(ErrorKind::Io, Tr::tr("this Onramp has no postgresql provider"));
    ProviderSetOptions options;
    options.acceptPendingDrops = c.has(QStringLiteral("accept-pending-drops"));
    QString shownName;
    if (Error e = ProviderConnections(*vault, defaultClock())
                      .setThrough(*postgresql, name, c.option(QStringLiteral("dsn")), password, environment, options,
                                  &shownName))
        return c.fail(e);
    c.out() << Tr::tr("Set provider connection %1 to %2, for %3 credentials.")
                   .arg(name, shownName, environmentName(environment))
            << '\n';
    return 0;
}

int runProviderList(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    QList<ProviderConnection> connections;
    if (Error e = ProviderConnections(*vault, defaultClock()).list(&connections))
        return c.fail(e);
    if (c.json()) {
        QJsonArray array;
        for (const ProviderConnection& connection : std::as_const(connections))
            array.append(QJsonObject{{QStringLiteral("name"), connection.name},
                                     {QStringLiteral("dsn"), connection.dsn},
                                     {QStringLiteral("environment"), environmentName(connection.environment)},
                                     {QStringLiteral("set_at"), signatures::timeText(connection.setAt)},
                                     {QStringLiteral("set_by"), connection.setBy},
                                     {QStringLiteral("verified"), !connection.setBy.isEmpty()},
                                     {QStringLiteral("damaged"), connection.damaged}});
        c.printJson(array);
        return 0;
    }
    if (connections.isEmpty()) {
        c.out() << Tr::tr("No provider connections; an admin adds one with 'onramp provider set NAME --dsn DSN "
                          "--secret-file FILE'.")
                << '\n';
        return 0;
    }
    for (const ProviderConnection& connection : std::as_const(connections)) {
        const QString who = connection.damaged
            ? Tr::tr("(does not open: changed outside Onramp; an admin sets it again)")
            : connection.setBy.isEmpty()
            ? Tr::tr("(not verified: no admin's signed entry names this DSN)")
            : Tr::tr("set %1 by %2").arg(signatures::timeText(connection.setAt), text::printable(connection.setBy));
        c.out() << text::printable(connection.name) << "  " << environmentName(connection.environment) << "  "
                << text::printable(connection.dsn) << "  " << who << '\n';
    }
    return 0;
}

} // namespace

void bindProviderCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("provider set"), runProviderSet);
    registry.bind(QStringLiteral("provider list"), runProviderList);
}

} // namespace onramp::cli
