#include "Command.h"

#include "PlainText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>

#include <sodium.h>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <iterator>
#include <termios.h>
#include <unistd.h>

namespace onramp::cli {

QString Context::vaultPath() const
{
    const QString given = option(QStringLiteral("vault"));
    if (!given.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(given));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/vault");
}

namespace {

QString tooLongMessage(const QString& what)
{
    return QCoreApplication::translate("onramp", "%1 is longer than %2 bytes, the longest passphrase Onramp accepts")
        .arg(what)
        .arg(kMaxPassphraseBytes);
}

// The terminal's settings while the prompt has echo off, for a signal handler
// to put back before the process ends.
volatile sig_atomic_t g_promptFd = -1;
termios g_promptSaved{};
constexpr int kPromptSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreTerminalAndReraise(int number)
{
    const int fd = g_promptFd;
    if (fd >= 0) {
        tcsetattr(fd, TCSANOW, &g_promptSaved);
        [[maybe_unused]] const ssize_t n = ::write(fd, "\n", 1);
        g_promptFd = -1;
    }
    ::signal(number, SIG_DFL);
    ::raise(number);
}

/// Echo off (and line editing done here, so that no line limit of the
/// terminal cuts the passphrase silently) until destroyed; a signal in
/// between restores the terminal too.
class SilentTerminal
{
public:
    explicit SilentTerminal(int fd)
        : m_fd(fd)
    {
        if (tcgetattr(fd, &m_saved) != 0)
            return;
        m_active = true;
        g_promptSaved = m_saved;
        g_promptFd = fd;
        struct sigaction action {};
        action.sa_handler = restoreTerminalAndReraise;
        sigemptyset(&action.sa_mask);
        // A signal the process was started ignoring (nohup: SIGHUP) stays
        // ignored: the prompt must not turn it into one that ends the process.
        for (std::size_t i = 0; i < std::size(kPromptSignals); ++i)
            if (sigaction(kPromptSignals[i], nullptr, &m_previous[i]) == 0 && m_previous[i].sa_handler != SIG_IGN)
                sigaction(kPromptSignals[i], &action, nullptr);
        termios silent = m_saved;
        silent.c_lflag &= ~tcflag_t(ECHO | ICANON);
        silent.c_cc[VMIN] = 1;
        silent.c_cc[VTIME] = 0;
        tcsetattr(fd, TCSAFLUSH, &silent);
    }
    ~SilentTerminal()
    {
        if (!m_active)
            return;
        tcsetattr(m_fd, TCSAFLUSH, &m_saved);
        g_promptFd = -1;
        for (std::size_t i = 0; i < std::size(kPromptSignals); ++i)
            sigaction(kPromptSignals[i], &m_previous[i], nullptr);
    }
    SilentTerminal(const SilentTerminal&) = delete;
    SilentTerminal& operator=(const SilentTerminal&) = delete;

    const termios& saved() const { return m_saved; }

private:
    int m_fd;
    bool m_active = false;
    termios m_saved{};
    struct sigaction m_previous[std::size(kPromptSignals)]{};
};

/// Reads one line from the terminal \a fd byte by byte with read(2) straight
/// into secure memory: no stdio buffer holds a copy. Handles erase, word
/// erase and kill as the terminal would, also on a full buffer. Past
/// kMaxPassphraseBytes the rest of the line is read and dropped and \a tooLong
/// is set, unless a kill starts the line over.
SecureBytes readLine(int fd, const termios& settings, bool* tooLong)
{
    SecureBytes buffer(kMaxPassphraseBytes);
    std::size_t length = 0;
    *tooLong = false;
    auto eraseTo = [&](std::size_t to) {
        sodium_memzero(buffer.data() + to, length - to);
        length = to;
    };
    for (;;) {
        unsigned char* next = length < buffer.size() ? buffer.data() + length : nullptr;
        unsigned char spare = 0;
        const ssize_t n = ::read(fd, next ? next : &spare, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        const unsigned char c = next ? *next : spare;
        sodium_memzero(&spare, 1);
        if (next)
            *next = 0;
        if (c == '\n' || c == '\r' || (c == settings.c_cc[VEOF] && c != 0))
            break;
        // Kill clears the whole line, dropped bytes included: the line starts over.
        if (c == settings.c_cc[VKILL] && c != 0) {
            eraseTo(0);
            *tooLong = false;
            continue;
        }
        // Once bytes were dropped, an erase cannot tell which: the line stays too long.
        if (*tooLong)
            continue;
        if ((c == settings.c_cc[VERASE] && c != 0) || c == 0x7f || c == '\b') {
            std::size_t to = length;
            while (to > 0 && (buffer.data()[to - 1] & 0xC0) == 0x80) // a whole UTF-8 character
                --to;
            eraseTo(to > 0 ? to - 1 : 0);
        } else if (c == settings.c_cc[VWERASE] && c != 0) {
            std::size_t to = length;
            while (to > 0 && buffer.data()[to - 1] == ' ')
                --to;
            while (to > 0 && buffer.data()[to - 1] != ' ')
                --to;
            eraseTo(to);
        } else if (!next) {
            *tooLong = true; // a byte past the limit: read on to the end of the line, then refuse
        } else {
            buffer.data()[length++] = c;
        }
    }
    if (*tooLong)
        return {};
    SecureBytes line = SecureBytes::copyOf(QByteArrayView(buffer.constChar(), qsizetype(length)));
    return line;
}

} // namespace

static std::optional<SecureBytes> promptPassphrase(const QString& prompt, Error* error)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || !isatty(fd)) {
        if (fd >= 0)
            ::close(fd);
        *error =
            Error(ErrorKind::Usage,
                  QCoreApplication::translate(
                      "onramp",
                      "no passphrase given: use --passphrase-file FILE, set ONRAMP_PASSPHRASE, or run in a terminal"));
        return std::nullopt;
    }
    const QByteArray promptBytes = prompt.toLocal8Bit();
    bool tooLong = false;
    SecureBytes secret;
    {
        // Echo goes off before the prompt shows, so nothing typed after it is echoed or flushed.
        SilentTerminal silent(fd);
        [[maybe_unused]] ssize_t n = ::write(fd, promptBytes.constData(), std::size_t(promptBytes.size()));
        secret = readLine(fd, silent.saved(), &tooLong);
    }
    [[maybe_unused]] const ssize_t n = ::write(fd, "\n", 1);
    ::close(fd);
    if (tooLong) {
        *error = Error(ErrorKind::InvalidInput,
                       tooLongMessage(QCoreApplication::translate("onramp", "the passphrase typed")));
        return std::nullopt;
    }
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
        const bool tooLong = std::size_t(value.size()) > kMaxPassphraseBytes;
        SecureBytes secret = tooLong ? SecureBytes() : SecureBytes::copyOf(value);
        wipe(value);
        if (tooLong) {
            *error = Error(ErrorKind::InvalidInput, tooLongMessage(QStringLiteral("ONRAMP_PASSPHRASE")));
            return std::nullopt;
        }
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

QString Context::outputFile() const
{
    const QString output = option(QStringLiteral("output"));
    return output == QLatin1String("-") ? QString() : output;
}

void Context::printJson(const QJsonValue& value, QJsonDocument::JsonFormat format)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(document.toJson(format));
    if (format == QJsonDocument::Compact)
        m_out << '\n';
}

int Context::fail(const Error& error)
{
    // A message may quote what others wrote (a name, an entry's subject).
    m_err << "onramp: " << text::printable(error.message, text::LineBreaks::Keep) << Qt::endl;
    return exitCodeFor(error.kind);
}

} // namespace onramp::cli
