// The desktop app as a library of its own: `onramp` (main.cpp) loads it only
// when it starts the app or takes a screenshot, so that a headless command
// never loads Qt Quick.
#include "GuiMain.h"
#include "credentials/ProviderModules.h"

#include <QtGlobal>

extern "C" Q_DECL_EXPORT int onramp_gui_main(int argc, char** argv)
{
    onramp::registerProviderModules();
    return onramp::ui::runGui(argc, argv);
}
