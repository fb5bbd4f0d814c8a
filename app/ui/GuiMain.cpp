#include "GuiMain.h"

#include "Appearance.h"
#include "Demo.h"
#include "OnrampVersion.h"
#include "Session.h"
#include "Translations.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)
Q_LOGGING_CATEGORY(lcGui, "onramp.gui")

namespace onramp::ui {

namespace {

struct GuiOptions {
    QString screenshot;
    QString page;
    QSize size{1280, 800};
    QString vault;
    QString theme;
    bool demo = false;
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

// Who the screenshot of a page signs in as, in the demo vault.
QString demoPersonFor(const QString& page)
{
    if (page == QLatin1String("home") || page == QLatin1String("checklist"))
        return QStringLiteral("alex");
    if (page == QLatin1String("mentor"))
        return QStringLiteral("maya");
    if (page == QLatin1String("admin") || page == QLatin1String("report") || page == QLatin1String("audit"))
        return QStringLiteral("ada");
    return {};
}

QString demoPassphrase(const QString& name)
{
    for (const demo::DemoPerson& p : demo::people()) {
        if (p.name == name)
            return p.passphrase;
    }
    return {};
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

} // namespace

int runGui(int argc, char** argv)
{
    QStringList rawArgs;
    for (int i = 1; i < argc; ++i)
        rawArgs.append(QString::fromLocal8Bit(argv[i]));
    GuiOptions options;
    options.screenshot = argValue(rawArgs, QStringLiteral("--screenshot"));
    options.page = argValue(rawArgs, QStringLiteral("--page"));
    options.vault = argValue(rawArgs, QStringLiteral("--vault"));
    options.demo = rawArgs.contains(QStringLiteral("--demo"));
    options.theme = argValue(rawArgs, QStringLiteral("--theme"));
    if ((rawArgs.contains(QStringLiteral("--theme")) || !options.theme.isEmpty())
        && !Appearance::modes().contains(options.theme)) {
        std::fprintf(stderr, "onramp: --theme wants one of %s (got '%s')\n",
                     qPrintable(Appearance::modes().join(QStringLiteral(", "))), qPrintable(options.theme));
        return 2;
    }
    const QString sizeText = argValue(rawArgs, QStringLiteral("--size"));
    if (!sizeText.isEmpty() && !parseSize(sizeText, &options.size)) {
        std::fprintf(stderr, "onramp: --size wants WIDTHxHEIGHT, for example 1280x800 (got '%s')\n",
                     qPrintable(sizeText));
        return 2;
    }
    if (options.screenshot.isEmpty() && !options.page.isEmpty()) {
        std::fprintf(stderr, "onramp: --page only applies with --screenshot FILE.png\n");
        return 2;
    }

    if (!options.screenshot.isEmpty()) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // The software renderer draws identically with or without a GPU.
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    } else if (!hasDisplay()) {
        std::fprintf(stderr,
                     "onramp: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run headless with "
                     "'onramp --screenshot out.png', or start the app under 'xvfb-run onramp'\n");
        return 1;
    }

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("onramp"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Onramp"));
    QGuiApplication::setOrganizationName(QStringLiteral("Onramp"));
    QGuiApplication::setApplicationVersion(QStringLiteral(ONRAMP_VERSION_STRING));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.example.Onramp"));
    installTranslations(app);
    if (!qEnvironmentVariableIsSet("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    if (!options.theme.isEmpty())
        Appearance::instance()->setModeForThisRun(options.theme);
    else
        Appearance::instance(); // applies the saved mode before the first frame

    Session* session = Session::instance();
    if (!options.vault.isEmpty())
        session->setVaultPath(QDir::current().absoluteFilePath(options.vault));
    // A screenshot of the demo uses a fresh demo vault of its own, so that the
    // pictures are the same on every machine and no real vault is touched.
    QTemporaryDir screenshotVault;
    if (options.demo && !options.screenshot.isEmpty()) {
        const QString dir = screenshotVault.filePath(QStringLiteral("demo"));
        if (Error e = demo::createDemoVault(dir); e || (e = demo::seedDemoProgress(dir))) {
            std::fprintf(stderr, "onramp: cannot create the demo vault: %s\n", qPrintable(e.message));
            return 1;
        }
        session->setVaultPath(dir);
        const QString person = demoPersonFor(options.page);
        if (!person.isEmpty()) {
            if (Error e = session->unlockNow(person, demoPassphrase(person).toUtf8())) {
                std::fprintf(stderr, "onramp: %s\n", qPrintable(e.message));
                return 1;
            }
        }
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Onramp/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "onramp: the user interface failed to load\n");
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window)
        return 1;

    if (options.screenshot.isEmpty()) {
        if (options.demo && options.vault.isEmpty())
            session->openDemo();
        return QGuiApplication::exec();
    }

    window->resize(options.size);
    if (!options.page.isEmpty()) {
        QVariant found;
        QMetaObject::invokeMethod(window, "showPage", Q_RETURN_ARG(QVariant, found), Q_ARG(QVariant, options.page));
        if (!found.toBool()) {
            const QStringList pages = window->property("pageNames").toStringList();
            std::fprintf(stderr, "onramp: no page named '%s'; pages: %s\n", qPrintable(options.page),
                         qPrintable(pages.join(QStringLiteral(", "))));
            return 2;
        }
    }
    window->show();
    int exitCode = 0;
    // Give bindings, loaders and the first frames time to settle before grabbing.
    QTimer::singleShot(600, window, [&] {
        const QImage image = window->grabWindow();
        if (image.isNull() || !image.save(options.screenshot, "PNG")) {
            std::fprintf(stderr, "onramp: cannot write screenshot %s\n", qPrintable(options.screenshot));
            exitCode = 1;
        } else {
            qCInfo(lcGui) << "screenshot written to" << QDir::toNativeSeparators(options.screenshot);
        }
        QGuiApplication::exit(exitCode);
    });
    return QGuiApplication::exec();
}

} // namespace onramp::ui
