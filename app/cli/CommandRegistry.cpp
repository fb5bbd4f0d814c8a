// What every build of the command line shares: the registry and the options
// every command takes. Qt Core only, like CommandSpecs.cpp: `onramp` links it
// without the vault's libraries (see CliMain.h).
#include "Command.h"

namespace onramp::cli {

void CommandRegistry::add(Command command)
{
    m_commands.append(std::move(command));
}

void CommandRegistry::bind(const QString& name, std::function<int(Context&)> run)
{
    for (Command& command : m_commands) {
        if (command.name() == name) {
            command.run = std::move(run);
            return;
        }
    }
    m_unknownBindings.append(name);
}

void CommandRegistry::bindUnbound(const std::function<int(Context&)>& run)
{
    for (Command& command : m_commands)
        if (!command.run)
            command.run = run;
}

const Command* CommandRegistry::match(const QStringList& positional) const
{
    const Command* best = nullptr;
    for (const Command& command : m_commands) {
        if (command.words.size() > positional.size())
            continue;
        if (positional.mid(0, command.words.size()) != command.words)
            continue;
        if (!best || command.words.size() > best->words.size())
            best = &command;
    }
    return best;
}

QList<OptionSpec> CommandRegistry::allOptions() const
{
    QList<OptionSpec> all = globalOptions();
    for (const Command& command : m_commands) {
        for (const OptionSpec& spec : command.options) {
            const bool seen =
                std::any_of(all.cbegin(), all.cend(), [&](const OptionSpec& s) { return s.name == spec.name; });
            if (!seen)
                all.append(spec);
        }
    }
    return all;
}

QList<OptionSpec> globalOptions()
{
    return {
        {QStringLiteral("vault"), QStringLiteral("DIR"), Tr::tr("the vault folder (default: the app-data folder)")},
        {QStringLiteral("server"), QStringLiteral("URL"),
         Tr::tr("a team server (libpq connection string or postgresql:// URI; also ONRAMP_SERVER)")},
        {QStringLiteral("as"), QStringLiteral("NAME"), Tr::tr("the person acting")},
        {QStringLiteral("passphrase-file"), QStringLiteral("FILE"),
         Tr::tr("read the acting person's passphrase from FILE")},
        {QStringLiteral("json"), {}, Tr::tr("print machine-readable JSON")},
        {QStringLiteral("help"), {}, Tr::tr("show help"), QLatin1Char('h')},
        {QStringLiteral("version"), {}, Tr::tr("show the version"), QLatin1Char('v')},
    };
}

Context::Context(const Command& command, ParsedArgs args, QTextStream& out, QTextStream& err)
    : m_command(command)
    , m_args(std::move(args))
    , m_operands(m_args.positional.mid(command.words.size()))
    , m_out(out)
    , m_err(err)
{}

} // namespace onramp::cli
