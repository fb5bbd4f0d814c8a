// The onramp executable. It links Qt Core and the command line's front only:
// the app (GuiLibrary.cpp) and the commands that open a vault
// (CommandsLibrary.cpp) are libraries of their own in lib/onramp, loaded
// when they run. So --help, --version and a usage error load neither the
// vault's libraries (SQLCipher, OpenSSL, libsodium, yaml-cpp) nor Qt Quick,
// and a command never loads Qt Quick.
#include "CliMain.h"
#include "ProcessHardening.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

#include <cstdio>

namespace {

/// lib/onramp/lib<name>.so, at ONRAMP_LIBRARY_DIR relative to this executable's folder.
QString libraryPath(const char* argv0, const QString& name)
{
    QString binary = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    if (binary.isEmpty())
        binary = QFileInfo(QFile::decodeName(argv0)).absoluteFilePath();
    return QDir::cleanPath(QFileInfo(binary).absolutePath() + QLatin1Char('/') + QStringLiteral(ONRAMP_LIBRARY_DIR)
                           + QStringLiteral("/lib") + name + QStringLiteral(".so"));
}

/// Loads the library \a name and runs its entry point `<name>_main`; sets
/// \a loadError when the library or its entry point cannot be loaded.
int runLibrary(const QString& name, int argc, char** argv, QString* loadError)
{
    QLibrary library(libraryPath(argv[0], name));
    using Entry = int (*)(int, char**);
    const auto entry = reinterpret_cast<Entry>(library.resolve(qPrintable(name + QStringLiteral("_main"))));
    if (!entry) {
        *loadError = library.errorString();
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
        return onramp::cli::runCommandLine(argc, argv, [&](const QString& library, QString* loadError) {
            return runLibrary(library, argc, argv, loadError);
        });
    QString loadError;
    const int code = runLibrary(QStringLiteral("onramp_gui"), argc, argv, &loadError);
    if (!loadError.isEmpty()) {
        std::fprintf(stderr, "onramp: the desktop app cannot be loaded: %s\n", qPrintable(loadError));
        return 1;
    }
    return code;
}
