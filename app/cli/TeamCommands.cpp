// The team server's commands as the command line sees them: their words and
// options, the --server option's rules, and the hand-over to the team module
// (app/cli/team), which alone links libpq and is loaded only when one of
// these commands runs against a server.
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

/// The parsed command line of \a command again as arguments: options first
/// (--name=value, so that no value is taken for an option), then "--" and the words.
QStringList rebuiltArguments(const Command& command, const ParsedArgs& args)
{
    QList<OptionSpec> known = command.options;
    known += globalOptions();
    QStringList out;
    for (auto it = args.options.cbegin(); it != args.options.cend(); ++it) {
        const bool takesValue = std::any_of(known.cbegin(), known.cend(), [&](const OptionSpec& spec) {
            return spec.name == it.key() && spec.takesValue();
        });
        for (const QString& value : it.value())
            out.append(takesValue ? QStringLiteral("--%1=%2").arg(it.key(), value) : QStringLiteral("--") + it.key());
    }
    out.append(QStringLiteral("--"));
    out += args.positional;
    return out;
}

} // namespace

/// Runs the command in the team module, which parses the same arguments
/// against the same options and runs the handler that talks to the server.
int runInTeamModule(Context& c)
{
    QLibrary library(teamLibraryPath());
    using Entry = int (*)(const QStringList*, QTextStream*, QTextStream*);
    const auto entry = reinterpret_cast<Entry>(library.resolve("onramp_team_main"));
    if (!entry)
        return c.fail(ErrorKind::Io,
                      Tr::tr("The team server's part of Onramp cannot be loaded: %1").arg(library.errorString()));
    c.out().flush();
    c.err().flush();
    const QStringList args = rebuiltArguments(c.command(), c.args());
    return entry(&args, &c.out(), &c.err());
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

QString selectedServer(const ParsedArgs& args)
{
    const QString given = args.value(QStringLiteral("server"));
    if (!given.isEmpty() || args.has(QStringLiteral("vault")))
        return given;
    return qEnvironmentVariable("ONRAMP_SERVER");
}

/// The commands that run on a team server so far, besides team's own.
static const QStringList& serverCommands()
{
    static const QStringList names{QStringLiteral("whoami"),           QStringLiteral("person add"),
                                   QStringLiteral("person disable"),   QStringLiteral("passphrase change"),
                                   QStringLiteral("passphrase reset"), QStringLiteral("audit verify")};
    return names;
}

bool worksOnServer(const Command& command)
{
    return command.words.value(0) == QLatin1String("team") || serverCommands().contains(command.name());
}

Error checkStoreOptions(const Command& command, const ParsedArgs& args)
{
    if (args.has(QStringLiteral("server")) && args.has(QStringLiteral("vault")))
        return {ErrorKind::Usage,
                Tr::tr("give --server URL (a team server) or --vault DIR (a folder vault), not both")};
    if (args.has(QStringLiteral("server")) && args.value(QStringLiteral("server")).isEmpty())
        return {ErrorKind::Usage, Tr::tr("--server needs a libpq connection string or postgresql:// URI")};
    if (worksOnServer(command) || selectedServer(args).isEmpty())
        return {};
    const QString from =
        args.has(QStringLiteral("server")) ? QStringLiteral("--server") : QStringLiteral("ONRAMP_SERVER");
    return {ErrorKind::Usage,
            Tr::tr("'%1' works on folder vaults only so far; on a team server Onramp runs 'team init', %2. "
                   "Leave out %3 and give --vault DIR.")
                .arg(command.name(),
                     QStringLiteral("'") + serverCommands().join(QStringLiteral("', '")) + QStringLiteral("'"), from)};
}

void registerTeamCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("team"), QStringLiteral("init")},
                  QStringLiteral("[URL]"),
                  Tr::tr("set up a team server: its schema, roles and first admin (--admin NAME)"),
                  {{QStringLiteral("admin"), QStringLiteral("NAME"), Tr::tr("the first admin")},
                   {QStringLiteral("display"), QStringLiteral("\"FULL NAME\""), Tr::tr("the name shown to people")}},
                  0,
                  1,
                  runInTeamModule});
    registry.add({{QStringLiteral("whoami")},
                  {},
                  Tr::tr("sign in (--as NAME) and say who you are and your role, on a vault or a team server"),
                  {},
                  0,
                  0,
                  runWhoami});
}

} // namespace onramp::cli
