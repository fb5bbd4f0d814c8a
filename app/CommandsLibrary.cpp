// The commands that open a vault as a library of their own: `onramp`
// (main.cpp) loads it only to run one, after the command line's front
// (app/cli/CliMain.cpp) has checked its words and options, so that --help,
// --version and a usage error never load SQLCipher, OpenSSL, libsodium or
// yaml-cpp. A command that needs another library (libpq for the team server)
// belongs in a library of its own, named by its Command::library.
#include "CliMain.h"
#include "Command.h"
#include "credentials/ProviderModules.h"

#include <QtGlobal>

extern "C" Q_DECL_EXPORT int onramp_commands_main(int /*argc*/, char** /*argv*/)
{
    onramp::registerProviderModules();
    onramp::cli::CommandRegistry registry;
    onramp::cli::registerAllCommands(registry);
    return onramp::cli::runInLibrary(registry);
}
