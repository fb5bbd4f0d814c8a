// The onramp executable: a command runs headless, no command starts the app.
#include "CliMain.h"
#include "GuiMain.h"
#include "ProcessHardening.h"

#include <QStringList>

int main(int argc, char** argv)
{
    onramp::hardenProcess();
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    if (onramp::cli::isCommandLineInvocation(args))
        return onramp::cli::runCommandLine(argc, argv);
    return onramp::ui::runGui(argc, argv);
}
