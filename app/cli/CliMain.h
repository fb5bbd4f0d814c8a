#pragma once

#include <QStringList>

#include <QTextStream>

#include <functional>

namespace onramp::cli {

class CommandRegistry;

/// True when the arguments ask for a command, --help or --version (run
/// headless); false when they only carry GUI options (start the app).
bool isCommandLineInvocation(const QStringList& args);

/// Runs one command with \a args (without the program name); returns the exit code.
int runCommand(const CommandRegistry& registry, const QStringList& args, QTextStream& out, QTextStream& err);

/// Runs the command line in the library named \a library (Command::library);
/// sets \a loadError, and returns nothing useful, when it cannot be loaded.
using LibraryRunner = std::function<int(const QString& library, QString* loadError)>;

/// The headless entry point of `onramp`: creates the core application and
/// answers --help, --version and a usage error from the commands'
/// descriptions alone (Qt Core only); a command that passes them runs in its
/// library, through \a runLibrary.
int runCommandLine(int argc, char** argv, const LibraryRunner& runLibrary);

/// The entry point of a library that runs commands: runs the running core
/// application's command line with \a registry's handlers.
int runInLibrary(const CommandRegistry& registry);

/// Describes every command of the program without its handler (CommandSpecs.cpp).
void describeAllCommands(CommandRegistry& registry);

/// Describes every command and binds the handlers of the vault's commands (Commands.cpp).
void registerAllCommands(CommandRegistry& registry);

} // namespace onramp::cli
