// The team module: the handlers of the commands that talk to a team server,
// built as a library of their own (lib/onramp/libonramp_team.so) that
// `onramp` loads only to run `team init` (its Command::library) and the
// commands' library only for `whoami` on a server (TeamCommands.cpp), so
// that libpq and what it pulls in load for them alone.
#include "CliMain.h"
#include "Command.h"
#include "TeamCommands.h"

#include "PgConnection.h"
#include "ServerAddress.h"
#include "TeamAccess.h"
#include "vault/Vault.h"

#include <QJsonObject>
#include <QtGlobal>

namespace onramp::cli {

namespace {

Error serverAddress(Context& c, const QString& url, server::ServerAddress* out)
{
    if (url.isEmpty())
        return {ErrorKind::Usage,
                Tr::tr("'%1' needs the team server: give --server URL or set ONRAMP_SERVER").arg(c.command().name())};
    return server::ServerAddress::parse(url, out);
}

int runTeamInit(Context& c)
{
    const QString operand = c.operand(0);
    const QString option = selectedServer(c.args());
    if (!operand.isEmpty() && c.has(QStringLiteral("server")) && option != operand)
        return c.fail(ErrorKind::Usage, Tr::tr("'team init' takes the server once: as URL or as --server, not both"));
    const QString admin = c.option(QStringLiteral("admin"));
    if (admin.isEmpty())
        return c.fail(ErrorKind::Usage, Tr::tr("'team init' needs --admin NAME (the first admin)"));
    server::ServerAddress address;
    if (Error e = serverAddress(c, operand.isEmpty() ? option : operand, &address))
        return c.fail(e);
    QString teamId;
    if (Error e = server::requireTeamId(address, &teamId))
        return c.fail(e);
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return c.fail(error);
    if (Error e = Vault::checkNewPassphrase(passphrase->view()))
        return c.fail(e);
    server::TeamInitOutcome outcome = server::TeamInitOutcome::Created;
    if (Error e = server::initTeam(address, admin, c.option(QStringLiteral("display")), passphrase->view(), &outcome))
        return c.fail(e);
    if (outcome == server::TeamInitOutcome::AlreadySetUp)
        c.out() << Tr::tr("The team %1 on %2 is set up already with admin %3; nothing changed.")
                       .arg(teamId, address.displayName(), admin)
                << '\n';
    else
        c.out() << Tr::tr("Set up the team %1 on %2 with admin %3.").arg(teamId, address.displayName(), admin) << '\n';
    return 0;
}

int runWhoamiOnServer(Context& c)
{
    const QString name = c.actor();
    if (name.isEmpty())
        return c.fail(ErrorKind::Usage, Tr::tr("'whoami' needs --as NAME (who signs in)"));
    server::ServerAddress address;
    if (Error e = serverAddress(c, selectedServer(c.args()), &address))
        return c.fail(e);
    QString teamId;
    if (Error e = server::requireTeamId(address, &teamId))
        return c.fail(e);
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return c.fail(error);
    server::SignedIn me;
    if (Error e = server::signIn(address, name, passphrase->view(), &me))
        return c.fail(e);
    if (c.json()) {
        c.printJson(QJsonObject{{QStringLiteral("name"), me.name},
                                {QStringLiteral("display_name"), me.fullName},
                                {QStringLiteral("role"), me.role},
                                {QStringLiteral("server"), address.displayName()},
                                {QStringLiteral("team"), me.teamId}},
                    QJsonDocument::Compact);
        return 0;
    }
    c.out() << Tr::tr("%1 (%2) in the team %3 on %4")
                   .arg(me.fullName.isEmpty() ? me.name : me.fullName, me.role, me.teamId, address.displayName())
            << '\n';
    return 0;
}

} // namespace

void registerTeamHandlers(CommandRegistry& registry)
{
    describeTeamCommands(registry);
    registry.bind(QStringLiteral("team init"), runTeamInit);
    registry.bind(QStringLiteral("whoami"), runWhoamiOnServer);
}

} // namespace onramp::cli

/// The module's entry point, as `onramp` (main.cpp) calls it for `team init`
/// and the commands' library for `whoami` on a server: runs the running core
/// application's command line and returns its exit code.
extern "C" Q_DECL_EXPORT int onramp_team_main(int /*argc*/, char** /*argv*/)
{
    onramp::cli::CommandRegistry registry;
    onramp::cli::registerTeamHandlers(registry);
    return onramp::cli::runInLibrary(registry);
}
