#pragma once

#include "CommandLine.h"
#include "Error.h"

#include <QString>
#include <QTextStream>

namespace onramp::cli {

struct Command;
class Context;
class CommandRegistry;

/// The team server the command line names: --server, else ONRAMP_SERVER
/// unless --vault is given; empty for a folder vault.
QString selectedServer(const ParsedArgs& args);

/// Whether \a command can act on a team server yet (team init, whoami,
/// person add, person disable, passphrase change and reset, audit verify).
bool worksOnServer(const Command& command);

/// The store options of \a args for \a command: --server with --vault is a
/// usage error, and so, for now, is a team server for any command that works
/// on folder vaults only (ErrorKind::Usage saying so).
Error checkStoreOptions(const Command& command, const ParsedArgs& args);

/// Runs \a c's command in the team module (the handlers that talk to a
/// server): for the folder-vault commands that also work on a team server,
/// when one is selected.
int runInTeamModule(Context& c);

/// Registers the team server's commands. Their handlers live in the team
/// module (app/cli/team, lib/onramp/libonramp_team.so), the only part of
/// onramp that links libpq: these entries load it when they run, so that no
/// other command loads libpq. whoami on a folder vault runs here.
void registerTeamCommands(CommandRegistry& registry);

/// The team module's side: registers the same commands with the handlers
/// that talk to a server (app/cli/team/TeamModule.cpp).
void registerTeamHandlers(CommandRegistry& registry);

} // namespace onramp::cli
