#include "Command.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace onramp::cli {

void CommandRegistry::add(Command command)
{
    m_commands.append(std::move(command));
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
            const bool seen = std::any_of(all.cbegin(), all.cend(),
                                          [&](const OptionSpec& s) { return s.name == spec.name; });
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
        {QStringLiteral("as"), QStringLiteral("NAME"), Tr::tr("the person acting")},
        {QStringLiteral("passphrase-file"), QStringLiteral("FILE"), Tr::tr("read the acting person's passphrase from FILE")},
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
{
}

QString Context::vaultPath() const
{
    const QString given = option(QStringLiteral("vault"));
    if (!given.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(given));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/vault");
}

std::optional<SecureBytes> readPassphraseFile(const QString& path, Error* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Error(ErrorKind::InvalidInput,
                       QCoreApplication::translate("onramp", "cannot read passphrase file %1: %2")
                           .arg(path, file.errorString()));
        return std::nullopt;
    }
    QByteArray bytes = file.readAll();
    qsizetype length = bytes.size();
    if (length > 0 && bytes.at(length - 1) == '\n')
        --length;
    if (length > 0 && bytes.at(length - 1) == '\r')
        --length;
    SecureBytes secret = SecureBytes::copyOf(QByteArrayView(bytes.constData(), length));
    wipe(bytes);
    if (secret.isEmpty()) {
        *error = Error(ErrorKind::InvalidInput,
                       QCoreApplication::translate("onramp", "passphrase file %1 is empty").arg(path));
        return std::nullopt;
    }
    return secret;
}

static std::optional<SecureBytes> promptPassphrase(const QString& prompt, Error* error)
{
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty || !isatty(fileno(tty))) {
        if (tty)
            std::fclose(tty);
        *error = Error(ErrorKind::Usage,
                       QCoreApplication::translate("onramp",
                           "no passphrase given: use --passphrase-file FILE, set ONRAMP_PASSPHRASE, or run in a terminal"));
        return std::nullopt;
    }
    std::fputs(prompt.toLocal8Bit().constData(), tty);
    std::fflush(tty);
    termios saved{};
    tcgetattr(fileno(tty), &saved);
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(fileno(tty), TCSAFLUSH, &silent);
    SecureBytes buffer(1024);
    std::size_t length = 0;
    int c = 0;
    while ((c = std::fgetc(tty)) != EOF && c != '\n' && length < buffer.size())
        buffer.data()[length++] = static_cast<unsigned char>(c);
    tcsetattr(fileno(tty), TCSAFLUSH, &saved);
    std::fputs("\n", tty);
    std::fclose(tty);
    SecureBytes secret = SecureBytes::copyOf(QByteArrayView(buffer.data(), qsizetype(length)));
    if (secret.isEmpty()) {
        *error = Error(ErrorKind::Usage, QCoreApplication::translate("onramp", "no passphrase entered"));
        return std::nullopt;
    }
    return secret;
}

std::optional<SecureBytes> Context::passphrase(Error* error)
{
    const QString file = option(QStringLiteral("passphrase-file"));
    if (!file.isEmpty())
        return readPassphraseFile(file, error);
    if (qEnvironmentVariableIsSet("ONRAMP_PASSPHRASE")) {
        QByteArray value = qgetenv("ONRAMP_PASSPHRASE");
        SecureBytes secret = SecureBytes::copyOf(value);
        wipe(value);
        if (!secret.isEmpty())
            return secret;
    }
    return promptPassphrase(QCoreApplication::translate("onramp", "Passphrase for %1: ").arg(actor()), error);
}

std::optional<SecureBytes> Context::passphraseFromFileOption(const QString& optionName, Error* error)
{
    const QString file = option(optionName);
    if (file.isEmpty()) {
        *error = Error(ErrorKind::Usage,
                       QCoreApplication::translate("onramp", "'%1' needs --%2 FILE").arg(m_command.name(), optionName));
        return std::nullopt;
    }
    return readPassphraseFile(file, error);
}

int Context::fail(const Error& error)
{
    m_err << "onramp: " << error.message << Qt::endl;
    return exitCodeFor(error.kind);
}

} // namespace onramp::cli
