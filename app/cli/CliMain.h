#pragma once

#include <QStringList>

#include <QTextStream>

namespace onramp::cli {

class CommandRegistry;

/// True when the arguments ask for a command, --help or --version (run
/// headless); false when they only carry GUI options (start the app).
bool isCommandLineInvocation(const QStringList& args);

/// Runs one command with \a args (without the program name); returns the exit code.
int runCommand(const CommandRegistry& registry, const QStringList& args, QTextStream& out, QTextStream& err);

/// The headless entry point: creates the core application and runs the command.
int runCommandLine(int argc, char** argv);

/// Registers every command of the program (Commands.cpp).
void registerAllCommands(CommandRegistry& registry);

} // namespace onramp::cli
