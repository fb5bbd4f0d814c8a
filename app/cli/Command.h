#pragma once

#include "CommandLine.h"

#include "Error.h"
#include "SecureBytes.h"
#include "people/PassphraseFile.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QTextStream>

#include <functional>
#include <optional>

namespace onramp::cli {

class Context;

/// The library that runs most commands: it links the vault's libraries.
inline constexpr char kCommandsLibrary[] = "onramp_commands";

/// `onramp scan`'s exit code when it found anything (README.md, "Command line").
inline constexpr int kExitScanFindings = 10;

/// A command of the `onramp` program: its words, arguments, options, the
/// library that runs it and, once bound there, its handler.
struct Command {
    QStringList words; ///< e.g. {"person", "add"}
    QString arguments; ///< synopsis of positional arguments, e.g. "NAME"
    QString summary; ///< one line for `onramp --help`
    QList<OptionSpec> options; ///< options besides the global ones
    int minArgs = 0;
    int maxArgs = 0; ///< -1: any number
    /// `lib/onramp/lib<library>.so`, which `onramp` loads only when the
    /// command runs; a command whose code needs other libraries (libpq) names
    /// a library of its own, so that no other command loads them.
    QString library = QString::fromLatin1(kCommandsLibrary);
    std::function<int(Context&)> run = {}; ///< set by bind() in the library that runs it

    QString name() const { return words.join(QLatin1Char(' ')); }
};

/// All commands. What each command is (words, options, help) is described in
/// CommandSpecs.cpp, which needs Qt Core only; its handler is bound by name
/// in its area's file (VaultCommands.cpp, ...), linked by the library that runs it.
class CommandRegistry
{
public:
    void add(Command command);
    /// Sets the handler of the command named \a name; a name no command has is
    /// remembered in unknownBindings().
    void bind(const QString& name, std::function<int(Context&)> run);
    /// Sets the handler of every command that has none to \a run.
    void bindUnbound(const std::function<int(Context&)>& run);
    /// Names bind() was given that no command has (none in a correct build).
    const QStringList& unknownBindings() const { return m_unknownBindings; }
    const QList<Command>& commands() const { return m_commands; }
    /// The command whose words start \a positional, longest match first.
    const Command* match(const QStringList& positional) const;
    /// Every option any command or the program accepts.
    QList<OptionSpec> allOptions() const;

private:
    QList<Command> m_commands;
    QStringList m_unknownBindings;
};

/// The options every command accepts.
QList<OptionSpec> globalOptions();

/// What a running command sees: its operands, options, output and the
/// acting person's passphrase.
class Context
{
public:
    Context(const Command& command, ParsedArgs args, QTextStream& out, QTextStream& err);

    const Command& command() const { return m_command; }
    const ParsedArgs& args() const { return m_args; }
    /// Positional arguments after the command's words.
    const QStringList& operands() const { return m_operands; }
    QString operand(qsizetype i) const { return m_operands.value(i); }
    bool has(const QString& option) const { return m_args.has(option); }
    QString option(const QString& name, const QString& fallback = {}) const { return m_args.value(name, fallback); }

    bool json() const { return m_args.has(QStringLiteral("json")); }
    /// --vault, else the platform's app-data folder.
    QString vaultPath() const;
    /// --as, empty when not given.
    QString actor() const { return option(QStringLiteral("as")); }

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }

    /// The acting person's passphrase: --passphrase-file, else ONRAMP_PASSPHRASE,
    /// else a no-echo prompt on the terminal.
    std::optional<SecureBytes> passphrase(Error* error);
    /// Reads a passphrase from a file named by an option (e.g. --new-passphrase-file).
    std::optional<SecureBytes> passphraseFromFileOption(const QString& option, Error* error);

    /// --output FILE (-o) of an export; empty for stdout (so is "-").
    QString outputFile() const;
    /// Prints \a value (an object or an array) as JSON on stdout, ending the line.
    void printJson(const QJsonValue& value, QJsonDocument::JsonFormat format = QJsonDocument::Indented);

    /// Prints "onramp: message" on stderr and returns the error's exit code.
    int fail(const Error& error);
    int fail(ErrorKind kind, const QString& message) { return fail(Error(kind, message)); }

private:
    const Command& m_command;
    ParsedArgs m_args;
    QStringList m_operands;
    QTextStream& m_out;
    QTextStream& m_err;
};

/// The longest passphrase the command line reads, in bytes (of UTF-8), from
/// a file, ONRAMP_PASSPHRASE or the prompt; a longer one is refused with an
/// error naming this limit, never cut short.
inline constexpr std::size_t kMaxPassphraseBytes = std::size_t(Vault::kMaxPassphraseBytes);

/// The passphrase files' reader is the core's (people/PassphraseFile.h).
using onramp::readPassphraseFile;

} // namespace onramp::cli
