#include "CliMain.h"

#include "Command.h"

namespace onramp::cli {

// Each feature's commands live in their own file and register here.
void registerAllCommands(CommandRegistry& registry)
{
    Q_UNUSED(registry);
}

} // namespace onramp::cli
