#include "Screenshot.h"

#include "Demo.h"
#include "PrivateFile.h"
#include "SecureBytes.h"
#include "Session.h"
#include "people/PassphraseFile.h"
#include "vault/Vault.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStorageInfo>
#include <QTimer>

#include <algorithm>
#include <cstdio>

Q_LOGGING_CATEGORY(lcScreenshot, "onramp.gui.screenshot")

namespace onramp::ui {

namespace {

// Who the screenshot of a page signs in as, in the demo vault.
QString demoPersonFor(const QString& page)
{
    if (page == QLatin1String("home") || page == QLatin1String("checklist") || page == QLatin1String("step"))
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

// The folder of a screenshot's demo vault, removed at exit. In memory where
// there is a tmpfs (the user's runtime folder, /dev/shm): the demo's many
// commits then do not wait for the disk's syncs, which no one needs of a
// vault thrown away within the second. Its passphrases are public.
std::unique_ptr<QTemporaryDir> makeScratchFolder()
{
    for (const QString& base : {qEnvironmentVariable("XDG_RUNTIME_DIR"), QStringLiteral("/dev/shm")}) {
        const QFileInfo info(base);
        if (base.isEmpty() || !info.isDir() || !info.isWritable()
            || QStorageInfo(base).fileSystemType() != QByteArrayLiteral("tmpfs"))
            continue;
        auto folder = std::make_unique<QTemporaryDir>(base + QStringLiteral("/onramp-demo-XXXXXX"));
        if (folder->isValid())
            return folder;
    }
    return std::make_unique<QTemporaryDir>();
}

// True while \a item or a part of it (a backend among its children) still
// fetches from the vault: the backends say so in `loading`.
bool isLoading(const QQuickItem* item)
{
    const auto parts = item->children();
    for (const QObject* part : parts) {
        if (part->property("loading").toBool())
            return true;
    }
    const auto children = item->childItems();
    return std::any_of(children.cbegin(), children.cend(), [](const QQuickItem* c) { return isLoading(c); });
}

QQuickItem* findStack(QQuickItem* item)
{
    if (item->inherits("QQuickStackView"))
        return item;
    const auto children = item->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = findStack(child))
            return found;
    }
    return nullptr;
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
    m_demoVault = makeScratchFolder();
    if (!m_demoVault->isValid()) {
        std::fprintf(stderr, "onramp: cannot create the demo vault: %s\n", qPrintable(m_demoVault->errorString()));
        return 1;
    }
    const QString dir = m_demoVault->filePath(QStringLiteral("demo"));
    if (Error e = demo::createDemoVault(dir); e || (e = demo::seedDemoProgress(dir))) {
        std::fprintf(stderr, "onramp: cannot create the demo vault: %s\n", qPrintable(e.message));
        return 1;
    }
    // With its team, as the demo the app opens has it (recreateDemoVault()).
    if (Error e = demo::seedDemoTeam(dir)) {
        std::fprintf(stderr, "onramp: cannot create the demo vault: %s\n", qPrintable(e.message));
        return 1;
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

QStringList Screenshot::pagesFor(const QString& role)
{
    if (role == QLatin1String("admin"))
        return {QStringLiteral("admin"), QStringLiteral("mentor"), QStringLiteral("report"), QStringLiteral("audit"),
                QStringLiteral("about")};
    if (role == QLatin1String("mentor"))
        return {QStringLiteral("mentor"), QStringLiteral("report"), QStringLiteral("about")};
    if (role == QLatin1String("hire"))
        return {QStringLiteral("home"), QStringLiteral("checklist"), QStringLiteral("about")};
    return {};
}

int Screenshot::signIn(Session* session, const QString& person, const QString& passphraseFile)
{
    Error error;
    const std::optional<SecureBytes> passphrase = readPassphraseFile(passphraseFile, &error);
    if (!passphrase) {
        std::fprintf(stderr, "onramp: %s\n", qPrintable(error.message));
        return exitCodeFor(error.kind);
    }
    // A view of the secure bytes, not a copy.
    const QByteArray view = QByteArray::fromRawData(passphrase->constChar(), qsizetype(passphrase->size()));
    if (Error e = session->unlockNow(person, view)) {
        std::fprintf(
            stderr, "onramp: %s\n",
            qPrintable(QCoreApplication::translate("onramp", "cannot sign in to %1 as %2 with the passphrase in %3: %4")
                           .arg(QDir::toNativeSeparators(session->vaultPath()), person,
                                QDir::toNativeSeparators(passphraseFile), e.message)));
        return exitCodeFor(e.kind);
    }
    // A name no page has is told by take(), with the pages there are (exit 2).
    QStringList known{QStringLiteral("welcome"), QStringLiteral("signin"), QStringLiteral("step")};
    for (const char* role : {"admin", "mentor", "hire"})
        known += pagesFor(QString::fromLatin1(role));
    const QStringList pages = pagesFor(session->role());
    if (known.contains(m_page) && !pages.contains(m_page)) {
        std::fprintf(
            stderr, "onramp: %s\n",
            qPrintable(QCoreApplication::translate("onramp", "the page '%1' is not shown to %2 (%3); their pages: %4")
                           .arg(m_page, person, session->role(), pages.join(QStringLiteral(", ")))));
        session->lock();
        return exitCodeFor(ErrorKind::NotPermitted);
    }
    return 0;
}

void Screenshot::prepare(QQmlApplicationEngine& engine) const
{
    // "step" is opened from the checklist (take()).
    const QString first = m_page == QLatin1String("step") ? QStringLiteral("checklist") : m_page;
    if (!first.isEmpty())
        engine.setInitialProperties({{QStringLiteral("startPage"), first}});
}

QString Screenshot::readiness(QQuickWindow* window, const QString& page)
{
    if (!window->isExposed())
        return QStringLiteral("the window to be shown");
    const QString shown = window->property("currentPageName").toString();
    if (shown.isEmpty() || (!page.isEmpty() && shown != page))
        return QStringLiteral("the page '%1' (it shows '%2')").arg(page, shown);
    const QQuickItem* stack = findStack(window->contentItem());
    if (stack && stack->property("busy").toBool())
        return QStringLiteral("the page transition to end");
    if (Session::instance()->isBusy() || isLoading(window->contentItem()))
        return QStringLiteral("the page to load from the vault");
    return {};
}

int Screenshot::take(QQuickWindow* window, int ceilingMs)
{
    window->resize(m_size);
    if (!m_page.isEmpty()) {
        // "step" is the demo hire's step with a conversation, opened from the checklist.
        const bool stepPage = m_page == QLatin1String("step");
        const QString first = stepPage ? QStringLiteral("checklist") : m_page;
        // A page already shown (prepare()) is not built again behind a transition.
        QVariant found = true;
        if (window->property("currentPageName").toString() != first)
            QMetaObject::invokeMethod(window, "showPage", Q_RETURN_ARG(QVariant, found), Q_ARG(QVariant, first));
        if (found.toBool() && stepPage)
            QMetaObject::invokeMethod(window, "openStep", Q_ARG(QVariant, demo::kConversationStep),
                                      Q_ARG(QVariant, QString()));
        if (!found.toBool()) {
            const QStringList pages = window->property("pageNames").toStringList();
            std::fprintf(stderr, "onramp: no page named '%s'; pages: %s\n", qPrintable(m_page),
                         qPrintable(pages.join(QStringLiteral(", "))));
            return 2;
        }
    }
    window->show();
    int exitCode = 0;
    // Not a fixed delay, which a loaded machine outlasts: the page is checked
    // after each frame and on a short poll, and grabbed once it is at rest and
    // has been drawn so (grabWindow polishes what is still pending).
    QElapsedTimer waited;
    waited.start();
    bool drawnAtRest = false;
    // Once taken (or given up), the timers and frames that are still due
    // before the event loop returns do nothing: one picture, written once.
    bool finished = false;
    QTimer poll;
    poll.setInterval(25);
    const auto check = [&] {
        if (finished)
            return;
        const QString missing = readiness(window, m_page);
        if (missing.isEmpty() && drawnAtRest) {
            finished = true;
            poll.stop();
            const QImage image = window->grabWindow();
            // Owner-only, as every file Onramp writes: a real vault's page shows its people.
            QByteArray png;
            QBuffer buffer(&png);
            if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")
                || writePrivateFile(m_file, png, QStringLiteral("screenshot"))) {
                std::fprintf(stderr, "onramp: cannot write screenshot %s\n", qPrintable(m_file));
                exitCode = 1;
            } else {
                qCInfo(lcScreenshot) << "screenshot written to" << QDir::toNativeSeparators(m_file);
            }
            QGuiApplication::exit(exitCode);
            return;
        }
        if (!missing.isEmpty())
            drawnAtRest = false;
        if (waited.elapsed() > ceilingMs) {
            finished = true;
            poll.stop();
            std::fprintf(stderr, "onramp: no screenshot written: after %d s still waiting for %s\n", ceilingMs / 1000,
                         qPrintable(missing.isEmpty() ? QStringLiteral("a frame of the page at rest") : missing));
            exitCode = 1;
            QGuiApplication::exit(exitCode);
            return;
        }
        window->update(); // one more frame, to see the page drawn at rest
    };
    // A frame drawn at rest is grabbed at once, not at the next poll.
    QTimer soon;
    soon.setSingleShot(true);
    soon.setInterval(0);
    const QMetaObject::Connection frames = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        drawnAtRest = readiness(window, m_page).isEmpty();
        if (drawnAtRest && !finished)
            soon.start();
    });
    QObject::connect(&poll, &QTimer::timeout, window, check);
    QObject::connect(&soon, &QTimer::timeout, window, check);
    poll.start();
    QGuiApplication::exec();
    QObject::disconnect(frames);
    poll.stop();
    soon.stop();
    return exitCode;
}

} // namespace onramp::ui
