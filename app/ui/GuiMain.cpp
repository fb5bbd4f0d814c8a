#include "GuiMain.h"

#include "Appearance.h"
#include "Badge.h"
#include "Notifications.h"
#include "OfflineEngine.h"
#include "OnrampLink.h"
#include "OnrampVersion.h"
#include "Screenshot.h"
#include "Session.h"
#include "Translations.h"
#include "WindowFit.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

namespace onramp::ui {

namespace {

struct GuiOptions {
    QString screenshot;
    QString page;
    QSize size{1280, 800};
    QString vault;
    QString theme;
    QString lang; ///< a language for this run (Appearance::languages())
    QString as; ///< with --screenshot: who signs in to --vault
    QString passphraseFile;
    bool demo = false;
    QString link; ///< an onramp:// link to follow (OnrampLink)
};

QString argValue(const QStringList& args, const QString& name)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == name && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(name + QLatin1Char('=')))
            return args.at(i).mid(name.size() + 1);
    }
    return {};
}

bool parseSize(const QString& text, QSize* size)
{
    const QStringList parts = text.split(QLatin1Char('x'));
    if (parts.size() != 2)
        return false;
    bool okW = false;
    bool okH = false;
    const int w = parts.at(0).toInt(&okW);
    const int h = parts.at(1).toInt(&okH);
    if (!okW || !okH || w < 320 || h < 240 || w > 8192 || h > 8192)
        return false;
    *size = QSize(w, h);
    return true;
}

// The options of the app itself; a usage problem is printed and gives exit code 2.
int parseOptions(int argc, char** argv, GuiOptions* options)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    options->screenshot = argValue(args, QStringLiteral("--screenshot"));
    options->page = argValue(args, QStringLiteral("--page"));
    options->vault = argValue(args, QStringLiteral("--vault"));
    options->demo = args.contains(QStringLiteral("--demo"));
    for (const QString& arg : std::as_const(args)) {
        if (!OnrampLink::isLink(arg))
            continue;
        if (!options->link.isEmpty()) {
            std::fprintf(stderr, "onramp: %s\n",
                         qPrintable(QCoreApplication::translate("onramp", "give one onramp:// link at a time")));
            return 2;
        }
        options->link = arg;
    }
    if (!options->link.isEmpty() && (options->demo || !options->vault.isEmpty())) {
        std::fprintf(stderr, "onramp: %s\n",
                     qPrintable(QCoreApplication::translate(
                         "onramp", "an onramp:// link names its own vault: give it without --vault or --demo")));
        return 2;
    }
    options->theme = argValue(args, QStringLiteral("--theme"));
    if ((args.contains(QStringLiteral("--theme")) || !options->theme.isEmpty())
        && !Appearance::modes().contains(options->theme)) {
        std::fprintf(stderr, "onramp: --theme wants one of %s (got '%s')\n",
                     qPrintable(Appearance::modes().join(QStringLiteral(", "))), qPrintable(options->theme));
        return 2;
    }
    options->lang = argValue(args, QStringLiteral("--lang"));
    if (args.contains(QStringLiteral("--lang")) && options->lang.isEmpty()) {
        std::fprintf(stderr, "onramp: --lang wants a language code, for example de\n");
        return 2;
    }
    const QString sizeText = argValue(args, QStringLiteral("--size"));
    if (!sizeText.isEmpty() && !parseSize(sizeText, &options->size)) {
        std::fprintf(stderr, "onramp: --size wants WIDTHxHEIGHT, for example 1280x800 (got '%s')\n",
                     qPrintable(sizeText));
        return 2;
    }
    if (options->screenshot.isEmpty() && !options->page.isEmpty()) {
        std::fprintf(stderr, "onramp: --page only applies with --screenshot FILE.png\n");
        return 2;
    }
    // Who signs in for a screenshot of a real vault; the passphrase comes
    // from a file only, never from the command line.
    options->as = argValue(args, QStringLiteral("--as"));
    options->passphraseFile = argValue(args, QStringLiteral("--passphrase-file"));
    const bool signsIn = args.contains(QStringLiteral("--as")) || !options->as.isEmpty()
        || args.contains(QStringLiteral("--passphrase-file")) || !options->passphraseFile.isEmpty();
    if (signsIn) {
        const char* problem = nullptr;
        if (options->screenshot.isEmpty())
            problem = QT_TRANSLATE_NOOP("onramp", "--as and --passphrase-file only apply with --screenshot FILE.png");
        else if (options->demo)
            problem = QT_TRANSLATE_NOOP(
                "onramp", "--as signs in to the vault given with --vault DIR; the demo signs in by itself");
        else if (options->vault.isEmpty())
            problem = QT_TRANSLATE_NOOP("onramp", "--as needs the vault: --vault DIR");
        else if (options->as.isEmpty() || options->passphraseFile.isEmpty())
            problem = QT_TRANSLATE_NOOP(
                "onramp", "a screenshot of a vault signs in with both --as NAME and --passphrase-file FILE");
        if (problem) {
            std::fprintf(stderr, "onramp: %s\n", qPrintable(QCoreApplication::translate("onramp", problem)));
            return 2;
        }
    }
    return 0;
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

// The path of the running binary, before any QCoreApplication exists: a
// build tree's onramp is not on PATH, so a hint must name it in full.
QString runningBinary(const char* argv0)
{
    const QString link = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    if (!link.isEmpty())
        return link;
    const QString name = QString::fromLocal8Bit(argv0);
    if (name.contains(QLatin1Char('/')))
        return QFileInfo(name).absoluteFilePath();
    const QString found = QStandardPaths::findExecutable(name);
    return found.isEmpty() ? name : found;
}

int setUpApplication(const GuiOptions& options)
{
    QGuiApplication::setApplicationName(QStringLiteral("onramp"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Onramp"));
    QGuiApplication::setOrganizationName(QStringLiteral("Onramp"));
    QGuiApplication::setApplicationVersion(QStringLiteral(ONRAMP_VERSION_STRING));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.example.Onramp"));
    if (!options.lang.isEmpty()) {
        // For this run only, as --theme: Settings keeps the person's own choice.
        if (!Appearance::instance()->setLanguageForThisRun(options.lang)) {
            std::fprintf(stderr, "onramp: --lang wants one of %s (got '%s')\n",
                         qPrintable(Appearance::languages().join(QStringLiteral(", "))), qPrintable(options.lang));
            return 2;
        }
    } else {
        installTranslations(*QCoreApplication::instance(), Appearance::instance()->language());
    }
    if (!qEnvironmentVariableIsSet("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    if (!options.theme.isEmpty())
        Appearance::instance()->setModeForThisRun(options.theme);
    else
        Appearance::instance(); // applies the saved mode before the first frame
    return 0;
}

} // namespace

int runGui(int argc, char** argv)
{
    GuiOptions options;
    if (const int usage = parseOptions(argc, argv, &options))
        return usage;
    if (!options.screenshot.isEmpty()) {
        Screenshot::prepareRendering();
    } else if (!hasDisplay()) {
        const QByteArray binary = QFile::encodeName(runningBinary(argv[0]));
        std::fprintf(stderr,
                     "onramp: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run headless with "
                     "'%s --screenshot out.png', or start the app under 'xvfb-run %s'\n",
                     binary.constData(), binary.constData());
        return 1;
    }

    QGuiApplication app(argc, argv);
    if (const int usage = setUpApplication(options))
        return usage;
    Session* session = Session::instance();
    if (!options.vault.isEmpty())
        session->setVaultPath(QDir::current().absoluteFilePath(options.vault));
    else if (options.screenshot.isEmpty() && !options.demo && options.link.isEmpty())
        session->openNewestVault(); // where this desktop last worked, when the default folder has none
    // A link opens its vault, or shows why it opened nothing; never a passphrase from it.
    if (!options.link.isEmpty())
        session->openLink(options.link);
    std::unique_ptr<Screenshot> screenshot;
    if (!options.screenshot.isEmpty()) {
        screenshot = std::make_unique<Screenshot>(options.screenshot, options.page, options.size);
        if (options.demo) {
            if (const int failed = screenshot->useDemoVault(session))
                return failed;
        } else if (!options.as.isEmpty()) {
            if (const int failed = screenshot->signIn(session, options.as, options.passphraseFile))
                return failed;
        }
    }

    QQmlApplicationEngine engine;
    keepOffline(engine);
    engine.addImportPath(QStringLiteral("qrc:/"));
    if (screenshot)
        screenshot->prepare(engine);
    engine.load(QUrl(QStringLiteral("qrc:/Onramp/Main.qml")));
    auto* window =
        engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window) {
        std::fprintf(stderr, "onramp: the user interface failed to load\n");
        return 1;
    }
    if (screenshot)
        return screenshot->take(window);
    // On a screen smaller than the window's first size (1280x800), the room there is.
    fitToScreen(window);
    // Follows the sign-ins and the live reloads from now on, Settings or not.
    Notifications::instance();
    Badge::instance();
    if (options.demo && options.vault.isEmpty())
        session->openDemo();
    return QGuiApplication::exec();
}

} // namespace onramp::ui
