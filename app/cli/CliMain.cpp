#include "CliMain.h"

#include "Command.h"
#include "TeamCommands.h"

#include "OnrampVersion.h"
#include "Translations.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

namespace onramp::cli {

namespace {

// GUI options and whether they take a value; anything else means a command.
const QList<QPair<QLatin1String, bool>> kGuiOptions = {
    {QLatin1String("--screenshot"), true}, {QLatin1String("--page"), true},
    {QLatin1String("--size"), true},       {QLatin1String("--vault"), true},
    {QLatin1String("--theme"), true},      {QLatin1String("--lang"), true},
    {QLatin1String("--demo"), false},      {QLatin1String("-platform"), true},
    {QLatin1String("-style"), true},       {QLatin1String("-qmljsdebugger"), true},
    {QLatin1String("--as"), true},         {QLatin1String("--passphrase-file"), true},
};

void printUsage(const CommandRegistry& registry, QTextStream& out)
{
    out << Tr::tr("Usage: onramp [OPTIONS]            start the desktop app") << '\n'
        << Tr::tr("       onramp COMMAND [ARGS] [OPTIONS]  run a command headless") << "\n\n"
        << Tr::tr("Onramp makes a new developer's first days safe: sandbox credentials on day one,\n"
                  "production access only after the required steps and a mentor's sign-off.")
        << "\n\n"
        << Tr::tr("Desktop app options:") << '\n'
        << "  --vault DIR           " << Tr::tr("open the vault in DIR") << '\n'
        << "  --demo                " << Tr::tr("open the demo vault (public passphrases; never for real secrets)")
        << '\n'
        << "  --screenshot FILE     " << Tr::tr("render the window to a PNG file and exit") << '\n'
        << "  --page NAME           " << Tr::tr("with --screenshot: the page to show") << '\n'
        << "  --size WxH            " << Tr::tr("with --screenshot: the window size (default 1280x800)") << '\n'
        << "  --as NAME             " << Tr::tr("with --screenshot and --vault: sign in as NAME and show their data")
        << '\n'
        << "  --passphrase-file F   " << Tr::tr("with --as: read NAME's passphrase from the file F") << '\n'
        << "  --theme MODE          " << Tr::tr("system, light or dark for this run (default: the app's setting)")
        << '\n'
        << "  --lang CODE           "
        << Tr::tr("the language for this run, such as de or en (default: the app's setting)") << '\n';
    if (!registry.commands().isEmpty()) {
        out << '\n' << Tr::tr("Commands:") << '\n';
        for (const Command& command : registry.commands()) {
            QString head = command.name();
            if (!command.arguments.isEmpty())
                head += QLatin1Char(' ') + command.arguments;
            out << "  " << head.leftJustified(38) << ' ' << command.summary << '\n';
        }
    }
    out << '\n' << Tr::tr("Options for every command:") << '\n';
    for (const OptionSpec& spec : globalOptions()) {
        QString head = QStringLiteral("--") + spec.name;
        if (spec.takesValue())
            head += QLatin1Char(' ') + spec.valueName;
        out << "  " << head.leftJustified(23) << ' ' << spec.help << '\n';
    }
    out << '\n'
        << Tr::tr("Exit codes: 0 ok, 1 I/O error, 2 usage, 3 wrong passphrase or unknown person,\n"
                  "4 not permitted, 5 invalid input, 6 vault damaged or tampered, 7 vault busy,\n"
                  "%1 scan found something.")
               .arg(kExitScanFindings)
        << '\n';
}

void printCommandHelp(const Command& command, QTextStream& out)
{
    out << Tr::tr("Usage: onramp %1").arg(command.name());
    if (!command.arguments.isEmpty())
        out << ' ' << command.arguments;
    out << Tr::tr(" [OPTIONS]") << "\n\n" << command.summary << "\n\n";
    QList<OptionSpec> options = command.options;
    options += globalOptions();
    out << Tr::tr("Options:") << '\n';
    for (const OptionSpec& spec : options) {
        QString head = QStringLiteral("--") + spec.name;
        if (spec.takesValue())
            head += QLatin1Char(' ') + spec.valueName;
        out << "  " << head.leftJustified(25) << ' ' << spec.help << '\n';
    }
}

/// The commands whose words start with \a words ("person" → person add, list, disable).
QList<const Command*> commandsUnder(const CommandRegistry& registry, const QStringList& words)
{
    QList<const Command*> found;
    for (const Command& command : registry.commands()) {
        const QStringList name = command.name().split(QLatin1Char(' '));
        if (name.size() > words.size() && name.mid(0, words.size()) == words)
            found.append(&command);
    }
    return found;
}

/// The first option of \a args that neither the desktop app nor any command
/// knows, when \a args name no command: what a typo in the app's options
/// leaves. Empty when a command is named, or when every option is known.
QString unknownAppOption(const QStringList& args, const QList<OptionSpec>& commandOptions)
{
    QString unknown;
    qsizetype unknownAt = -1;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (!unknown.isEmpty() && i == unknownAt + 1 && !arg.startsWith(QLatin1Char('-')))
            continue; // the unknown option's value, as `--lang de` was before the app knew it
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("--"))
            return {}; // a command's words: its parser speaks
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        const auto gui = std::find_if(kGuiOptions.cbegin(), kGuiOptions.cend(),
                                      [&](const auto& option) { return option.first == name; });
        if (gui != kGuiOptions.cend()) {
            if (gui->second && !arg.contains(QLatin1Char('=')))
                ++i;
            continue;
        }
        const bool isShort = !arg.startsWith(QLatin1String("--"));
        const QString bare = name.mid(isShort ? 1 : 2);
        const bool commandKnows = std::any_of(commandOptions.cbegin(), commandOptions.cend(), [&](const OptionSpec& s) {
            return isShort ? (bare.size() == 1 && s.shortName == bare.at(0)) : s.name == bare;
        });
        if (commandKnows) {
            if (const auto spec = std::find_if(commandOptions.cbegin(), commandOptions.cend(),
                                               [&](const OptionSpec& s) { return s.name == bare; });
                spec != commandOptions.cend() && spec->takesValue() && !arg.contains(QLatin1Char('=')))
                ++i;
            continue;
        }
        if (unknown.isEmpty()) {
            unknown = arg;
            unknownAt = i;
        }
    }
    return unknown;
}

} // namespace

bool isCommandLineInvocation(const QStringList& args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        // An onramp:// link, as the desktop file hands it over (Exec=onramp %u), is the app's.
        if (arg.startsWith(QLatin1String("onramp:"), Qt::CaseInsensitive))
            continue;
        if (!arg.startsWith(QLatin1Char('-')))
            return true;
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        bool known = false;
        for (const auto& [option, takesValue] : kGuiOptions) {
            if (name == option) {
                known = true;
                if (takesValue && !arg.contains(QLatin1Char('=')))
                    ++i;
                break;
            }
        }
        if (!known)
            return true; // --help, --version, or a command's option: let the parser speak
    }
    return false;
}

int runCommand(const CommandRegistry& registry, const QStringList& args, QTextStream& out, QTextStream& err)
{
    // The app's own options with one it does not know: that one is named,
    // not the first of the app's (which no command knows either).
    if (const QString unknown = unknownAppOption(args, registry.allOptions()); !unknown.isEmpty()) {
        err << "onramp: " << QCoreApplication::translate("onramp", "unknown option '%1'").arg(unknown) << '\n'
            << Tr::tr("Run 'onramp --help' for usage.") << Qt::endl;
        return exitCodeFor(ErrorKind::Usage);
    }
    ParsedArgs parsed;
    QString error;
    if (!parseArguments(args, registry.allOptions(), &parsed, &error)) {
        err << "onramp: " << error << '\n' << Tr::tr("Run 'onramp --help' for usage.") << Qt::endl;
        return exitCodeFor(ErrorKind::Usage);
    }
    if (parsed.positional.isEmpty()) {
        if (parsed.has(QStringLiteral("version"))) {
            out << "onramp " << ONRAMP_VERSION_STRING << Qt::endl;
            return 0;
        }
        printUsage(registry, out);
        out.flush();
        return parsed.has(QStringLiteral("help")) ? 0 : exitCodeFor(ErrorKind::Usage);
    }
    const Command* command = registry.match(parsed.positional);
    if (!command) {
        // The first words of a group ("onramp person"): list what follows them.
        const QList<const Command*> group = commandsUnder(registry, parsed.positional);
        if (!group.isEmpty()) {
            QTextStream& stream = parsed.has(QStringLiteral("help")) ? out : err;
            stream << Tr::tr("'onramp %1' is followed by one of:").arg(parsed.positional.join(QLatin1Char(' ')))
                   << '\n';
            for (const Command* member : group) {
                QString head = member->name();
                if (!member->arguments.isEmpty())
                    head += QLatin1Char(' ') + member->arguments;
                stream << "  " << head.leftJustified(30) << ' ' << member->summary << '\n';
            }
            stream.flush();
            return parsed.has(QStringLiteral("help")) ? 0 : exitCodeFor(ErrorKind::Usage);
        }
        err << "onramp: " << Tr::tr("unknown command '%1'").arg(parsed.positional.join(QLatin1Char(' '))) << '\n'
            << Tr::tr("Run 'onramp --help' for the list of commands.") << Qt::endl;
        return exitCodeFor(ErrorKind::Usage);
    }
    if (parsed.has(QStringLiteral("help"))) {
        printCommandHelp(*command, out);
        out.flush();
        return 0;
    }
    const QList<OptionSpec> globals = globalOptions(); // one list: begin and end must match
    for (auto it = parsed.options.cbegin(); it != parsed.options.cend(); ++it) {
        const bool global =
            std::any_of(globals.cbegin(), globals.cend(), [&](const OptionSpec& s) { return s.name == it.key(); });
        const bool own = std::any_of(command->options.cbegin(), command->options.cend(),
                                     [&](const OptionSpec& s) { return s.name == it.key(); });
        if (!global && !own) {
            err << "onramp: " << Tr::tr("'%1' does not take --%2").arg(command->name(), it.key()) << '\n'
                << Tr::tr("Run 'onramp %1 --help' for its options.").arg(command->name()) << Qt::endl;
            return exitCodeFor(ErrorKind::Usage);
        }
    }
    if (const Error store = checkStoreOptions(*command, parsed)) {
        err << "onramp: " << store.message << Qt::endl;
        return exitCodeFor(store.kind);
    }
    const qsizetype operands = parsed.positional.size() - command->words.size();
    if (operands < command->minArgs || (command->maxArgs >= 0 && operands > command->maxArgs)) {
        err << "onramp: " << Tr::tr("usage: onramp %1 %2").arg(command->name(), command->arguments).trimmed()
            << Qt::endl;
        return exitCodeFor(ErrorKind::Usage);
    }
    Context context(*command, std::move(parsed), out, err);
    const int code = command->run(context);
    out.flush();
    err.flush();
    return code;
}

int runCommandLine(int argc, char** argv, const LibraryRunner& runLibrary)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("onramp"));
    QCoreApplication::setOrganizationName(QStringLiteral("Onramp"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONRAMP_VERSION_STRING));
    installTranslations(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    CommandRegistry registry;
    describeAllCommands(registry);
    registry.bindUnbound([&](Context& c) {
        out.flush();
        err.flush();
        QString loadError;
        const int code = runLibrary(c.command().library, &loadError);
        if (loadError.isEmpty())
            return code;
        err << "onramp: " << Tr::tr("'%1' cannot run: %2").arg(c.command().name(), loadError) << Qt::endl;
        return exitCodeFor(ErrorKind::Io);
    });
    return runCommand(registry, app.arguments().mid(1), out, err);
}

int runInLibrary(const CommandRegistry& registry)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return runCommand(registry, QCoreApplication::arguments().mid(1), out, err);
}

} // namespace onramp::cli
