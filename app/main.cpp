// The onramp executable: a command runs headless, no command starts the app.
// The app is a library of its own (GuiLibrary.cpp), loaded only to start it:
// a command loads Qt Core and the vault's libraries, not Qt Quick.
#include "CliMain.h"
#include "ProcessHardening.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

#include <cstdio>

namespace {

/// The app's library, at ONRAMP_GUI_LIBRARY relative to this executable's folder.
QString guiLibraryPath(const char* argv0)
{
    QString binary = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    if (binary.isEmpty())
        binary = QFileInfo(QFile::decodeName(argv0)).absoluteFilePath();
    return QDir::cleanPath(QFileInfo(binary).absolutePath() + QLatin1Char('/') + QStringLiteral(ONRAMP_GUI_LIBRARY));
}

int runGui(int argc, char** argv)
{
    QLibrary library(guiLibraryPath(argv[0]));
    using Entry = int (*)(int, char**);
    const auto entry = reinterpret_cast<Entry>(library.resolve("onramp_gui_main"));
    if (!entry) {
        std::fprintf(stderr, "onramp: the desktop app cannot be loaded: %s\n", qPrintable(library.errorString()));
        return 1;
    }
    return entry(argc, argv);
}

} // namespace

int main(int argc, char** argv)
{
    onramp::hardenProcess();
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    if (onramp::cli::isCommandLineInvocation(args))
        return onramp::cli::runCommandLine(argc, argv);
    return runGui(argc, argv);
}
