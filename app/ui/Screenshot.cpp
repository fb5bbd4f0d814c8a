#include "Screenshot.h"

#include "Demo.h"
#include "Session.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QLoggingCategory>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

Q_LOGGING_CATEGORY(lcScreenshot, "onramp.gui.screenshot")

namespace onramp::ui {

namespace {

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

} // namespace

Screenshot::Screenshot(const QString& file, const QString& page, const QSize& size)
    : m_file(file)
    , m_page(page)
    , m_size(size)
{}

void Screenshot::prepareRendering()
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
}

int Screenshot::useDemoVault(Session* session)
{
    const QString dir = m_demoVault.filePath(QStringLiteral("demo"));
    if (Error e = demo::createDemoVault(dir); e || (e = demo::seedDemoProgress(dir))) {
        std::fprintf(stderr, "onramp: cannot create the demo vault: %s\n", qPrintable(e.message));
        return 1;
    }
    // The report charts a team; the other pages show the demo's three people.
    if (m_page == QLatin1String("report")) {
        if (Error e = demo::seedDemoTeam(dir)) {
            std::fprintf(stderr, "onramp: cannot create the demo vault: %s\n", qPrintable(e.message));
            return 1;
        }
    }
    session->setVaultPath(dir);
    const QString person = demoPersonFor(m_page);
    if (person.isEmpty())
        return 0;
    if (Error e = session->unlockNow(person, demoPassphrase(person).toUtf8())) {
        std::fprintf(stderr, "onramp: %s\n", qPrintable(e.message));
        return 1;
    }
    return 0;
}

int Screenshot::take(QQuickWindow* window)
{
    window->resize(m_size);
    if (!m_page.isEmpty()) {
        QVariant found;
        QMetaObject::invokeMethod(window, "showPage", Q_RETURN_ARG(QVariant, found), Q_ARG(QVariant, m_page));
        if (!found.toBool()) {
            const QStringList pages = window->property("pageNames").toStringList();
            std::fprintf(stderr, "onramp: no page named '%s'; pages: %s\n", qPrintable(m_page),
                         qPrintable(pages.join(QStringLiteral(", "))));
            return 2;
        }
    }
    window->show();
    int exitCode = 0;
    // Give bindings, loaders and the first frames time to settle before grabbing.
    QTimer::singleShot(600, window, [&] {
        const QImage image = window->grabWindow();
        if (image.isNull() || !image.save(m_file, "PNG")) {
            std::fprintf(stderr, "onramp: cannot write screenshot %s\n", qPrintable(m_file));
            exitCode = 1;
        } else {
            qCInfo(lcScreenshot) << "screenshot written to" << QDir::toNativeSeparators(m_file);
        }
        QGuiApplication::exit(exitCode);
    });
    QGuiApplication::exec();
    return exitCode;
}

} // namespace onramp::ui
