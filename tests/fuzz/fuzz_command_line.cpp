// libFuzzer target for the command line: the fuzz bytes, split at NUL bytes,
// are the arguments of `onramp`, run through the real parser and the real
// command registry, with every command's handler replaced by a stub, so
// nothing runs against a vault. Checked: no crash; the app (not a command)
// starts only for options; the exit code is 0 (help,
// version), 2 (usage) or the stub's; a usage error says "onramp: " and names
// the argument at fault (or prints the usage when no command is given); a
// command is only reached with options it takes and operands it accepts;
// and whatever the parser accepts, written back canonically
// (--name=value ... -- words), parses to the same thing.
#include "CliMain.h"
#include "Command.h"
#include "CommandLine.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace onramp::cli;

namespace {

constexpr int kStubExit = 42;

void require(bool condition, const char* what, const QStringList& args, const QString& detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_command_line: %s\n", what);
        for (const QString& arg : args)
            std::fprintf(stderr, "  arg: [%s]\n", arg.toUtf8().constData());
        std::fprintf(stderr, "%s\n", detail.toUtf8().constData());
        std::abort();
    }
}

const OptionSpec* specOf(const QList<OptionSpec>& specs, const QString& name)
{
    for (const OptionSpec& spec : specs)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

// What a command may be given, checked where a handler would start.
QStringList g_args;
int stub(Context& c)
{
    const Command& command = c.command();
    const QList<OptionSpec> globals = globalOptions();
    const qsizetype operands = c.operands().size();
    require(operands >= command.minArgs && (command.maxArgs < 0 || operands <= command.maxArgs),
            "a command is reached only with the operands it accepts", g_args, command.name());
    require(c.args().positional.mid(0, command.words.size()) == command.words, "a command is reached by its own words",
            g_args, command.name());
    for (auto it = c.args().options.cbegin(); it != c.args().options.cend(); ++it) {
        const OptionSpec* spec = specOf(command.options, it.key());
        if (!spec)
            spec = specOf(globals, it.key());
        require(spec, "a command is reached only with options it takes", g_args, it.key());
        for (const QString& value : it.value())
            require(spec->takesValue() || value.isEmpty(), "a flag carries no value", g_args, it.key());
    }
    return kStubExit;
}

const CommandRegistry& registry()
{
    static const CommandRegistry stubbed = [] {
        CommandRegistry real;
        registerAllCommands(real);
        CommandRegistry out;
        for (Command command : real.commands()) {
            command.run = stub;
            out.add(command);
        }
        return out;
    }();
    return stubbed;
}

// The parse written back: every option as --name=value (or --name), then
// "--" and the words, which the parser must read as it read the original.
QStringList canonical(const ParsedArgs& parsed, const QList<OptionSpec>& specs)
{
    QStringList out;
    for (auto it = parsed.options.cbegin(); it != parsed.options.cend(); ++it) {
        const bool takesValue = specOf(specs, it.key())->takesValue();
        for (const QString& value : it.value())
            out.append(takesValue ? QString(QStringLiteral("--") + it.key() + u'=' + value)
                                  : QString(QStringLiteral("--") + it.key()));
    }
    out.append(QStringLiteral("--"));
    out.append(parsed.positional);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QStringList args;
    if (size > 0) {
        for (const QByteArray& arg : QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)).split('\0'))
            args.append(QString::fromUtf8(arg));
    }
    g_args = args;

    // The app starts for nothing or for its own options (and their values),
    // never for a command's words.
    if (!isCommandLineInvocation(args))
        require(args.isEmpty() || args.first().startsWith(u'-'), "the app starts only for options", args);

    const QList<OptionSpec> specs = registry().allOptions();
    ParsedArgs parsed;
    QString error;
    if (parseArguments(args, specs, &parsed, &error)) {
        ParsedArgs again;
        QString againError;
        require(parseArguments(canonical(parsed, specs), specs, &again, &againError),
                "what the parser accepts, written back, parses", args, againError);
        require(again.positional == parsed.positional && again.options == parsed.options,
                "what the parser accepts, written back, parses the same", args);
    }

    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    const int code = runCommand(registry(), args, outStream, errStream);
    outStream.flush();
    errStream.flush();
    require(code == 0 || code == 2 || code == kStubExit, "the exit code is 0, 2 or the command's", args,
            QString::number(code));
    if (code != 2)
        return 0;
    if (err.isEmpty()) {
        require(parsed.positional.isEmpty() && out.contains(QLatin1String("Usage:")),
                "without a command, the usage is printed", args, out);
        return 0;
    }
    require(err.startsWith(QLatin1String("onramp: ")) || err.startsWith(QLatin1String("'onramp ")),
            "a usage error starts with onramp", args, err);
    // The argument at fault: itself, its --name part, or the words given.
    bool named = err.contains(u'\'' + parsed.positional.join(u' ') + u'\'');
    for (const QString& arg : std::as_const(args)) {
        const QString name = arg.section(u'=', 0, 0);
        named = named || (!arg.isEmpty() && err.contains(arg)) || (name.size() > 2 && err.contains(name))
            || (arg.isEmpty() && err.contains(QLatin1String("''")));
    }
    require(named, "a usage error names the argument at fault", args, err);
    return 0;
}
