// whoami on a folder vault, and the hand-over to the team module
// (app/cli/team), which alone links libpq, when it names a team server.
// `team init` runs in the team module itself (Command::library); the
// commands' words and options are in CommandSpecs.cpp, --server's rules in
// TeamOptions.cpp.
#include "TeamCommands.h"

#include "Command.h"
#include "VaultAccess.h"

#include "people/Person.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLibrary>

namespace onramp::cli {

namespace {

/// The team module, at ONRAMP_TEAM_LIBRARY relative to the executable's folder.
QString teamLibraryPath()
{
    QString binary = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    return QDir::cleanPath(QFileInfo(binary).absolutePath() + QLatin1Char('/') + QStringLiteral(ONRAMP_TEAM_LIBRARY));
}

} // namespace

/// Runs the command in the team module, which parses the running
/// application's command line again and runs the handler that talks to the server.
int runInTeamModule(Context& c)
{
    QLibrary library(teamLibraryPath());
    using Entry = int (*)(int, char**);
    const auto entry = reinterpret_cast<Entry>(library.resolve("onramp_team_main"));
    if (!entry)
        return c.fail(ErrorKind::Io,
                      Tr::tr("The team server's part of Onramp cannot be loaded: %1").arg(library.errorString()));
    c.out().flush();
    c.err().flush();
    return entry(0, nullptr);
}

namespace {

// whoami: who the passphrase signs in as, and with which role.
int runWhoami(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c);
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    const Person& me = vault->me();
    if (c.json()) {
        c.printJson(QJsonObject{{QStringLiteral("name"), me.name},
                                {QStringLiteral("display_name"), me.displayName},
                                {QStringLiteral("role"), roleName(me.role)},
                                {QStringLiteral("vault"), vault->directory()}},
                    QJsonDocument::Compact);
        return 0;
    }
    c.out() << Tr::tr("%1 (%2) in the vault %3").arg(me.shownName(), roleName(me.role), vault->directory()) << '\n';
    return 0;
}

} // namespace

void bindTeamCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("whoami"), runWhoami);
}

} // namespace onramp::cli
