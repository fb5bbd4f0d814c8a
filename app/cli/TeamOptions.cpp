// The --server option's rules, checked by the command line's front before a
// command's library is loaded. Qt Core only, like CommandSpecs.cpp.
#include "Command.h"
#include "TeamCommands.h"

namespace onramp::cli {

QString selectedServer(const ParsedArgs& args)
{
    const QString given = args.value(QStringLiteral("server"));
    if (!given.isEmpty() || args.has(QStringLiteral("vault")))
        return given;
    return qEnvironmentVariable("ONRAMP_SERVER");
}

namespace {

/// The commands that run on a team server so far, besides team's own.
const QStringList& serverCommands()
{
    static const QStringList names{QStringLiteral("whoami"),
                                   QStringLiteral("person add"),
                                   QStringLiteral("person list"),
                                   QStringLiteral("person disable"),
                                   QStringLiteral("passphrase change"),
                                   QStringLiteral("passphrase reset"),
                                   QStringLiteral("audit verify"),
                                   QStringLiteral("audit log"),
                                   QStringLiteral("checklist import"),
                                   QStringLiteral("enroll"),
                                   QStringLiteral("step done"),
                                   QStringLiteral("step undo"),
                                   QStringLiteral("step approve"),
                                   QStringLiteral("step reject"),
                                   QStringLiteral("signoff"),
                                   QStringLiteral("status"),
                                   QStringLiteral("cred list"),
                                   QStringLiteral("cred show"),
                                   QStringLiteral("cred revoke"),
                                   QStringLiteral("cred renew"),
                                   QStringLiteral("cred set"),
                                   QStringLiteral("enrollment move"),
                                   QStringLiteral("vault rotate-production-key")};
    return names;
}

} // namespace

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

} // namespace onramp::cli
