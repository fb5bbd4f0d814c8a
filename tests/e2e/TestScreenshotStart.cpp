// A screenshot at start-up, as `onramp --screenshot FILE --page NAME` takes
// it: the page asked for is built once and shown at once, with no page
// transition to wait out, and the picture is written once.
#include "E2eDriver.h"

#include "Screenshot.h"
#include "Session.h"

#include <QFile>
#include <QImage>
#include <QPointer>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Screenshot;
using onramp::ui::Session;

namespace {

/// How many times the screenshot said it wrote its file, while installed.
int g_written = 0;
QtMessageHandler g_previous = nullptr;

void countWrites(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("screenshot written to")))
        ++g_written;
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

/// Whether the page stack ran a page transition while it was watched.
class BusyWatch : public QObject
{
    Q_OBJECT

public:
    explicit BusyWatch(QObject* stack)
        : m_stack(stack)
        , moved(stack->property("busy").toBool())
    {
        const QMetaObject* meta = stack->metaObject();
        const QMetaMethod changed = meta->property(meta->indexOfProperty("busy")).notifySignal();
        connect(stack, changed, this, metaObject()->method(metaObject()->indexOfSlot("busyChanged()")));
    }

private:
    QObject* m_stack;

public:
    bool moved;

private Q_SLOTS:
    void busyChanged() { moved = moved || m_stack->property("busy").toBool(); }
};

class TestScreenshotStart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;

    /// Opens a fresh demo vault (seeded part of the way) and signs \a name in,
    /// as `--demo` does before the window loads.
    void signInToDemo(const QString& vault, const QString& name)
    {
        if (Session::instance()->isUnlocked())
            Session::instance()->lock();
        QVERIFY(!e2e::makeDemoVault(vault, e2e::DemoSeed::Progress));
        Session::instance()->setVaultPath(vault);
        const onramp::Error e = Session::instance()->unlockNow(name, e2e::demoPassphrase(name).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
    }

    /// Takes \a shot of the window Main.qml makes, loaded as the app loads it
    /// for a screenshot, and checks what a person would see: the page asked
    /// for, built once (the first page the window made), never moving.
    void takeAtStart(Screenshot& shot, const QString& page, const QString& file)
    {
        m_window = nullptr;
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        shot.prepare(*m_engine);
        m_engine->load(QUrl(QStringLiteral("qrc:/Onramp/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        auto* window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().constFirst());
        QVERIFY(window);
        QQuickItem* stack = e2e::pageStack(window);
        QVERIFY(stack);
        const QPointer<QObject> first = stack->property("currentItem").value<QObject*>();
        QVERIFY(first);
        BusyWatch watch(stack);

        g_written = 0;
        g_previous = qInstallMessageHandler(countWrites);
        const int code = shot.take(window);
        qInstallMessageHandler(g_previous);

        QCOMPARE(code, 0);
        QVERIFY(!QImage(file).isNull());
        QCOMPARE(window->property("currentPageName").toString(), page);
        QVERIFY2(!watch.moved, "the page slid in: the screenshot waited for a page transition");
        QVERIFY2(first && stack->property("currentItem").value<QObject*>() == first.data(),
                 "the page shown was built again before the picture");
        QCOMPARE(stack->property("depth").toInt(), 1);
        QCOMPARE(g_written, 1);
        m_window = window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(m_dir.isValid());
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("trust"))));
    }

    // The welcome page's first frame, with no vault: it waits for no module
    // the page does not show. Qt Quick Dialogs is the folder dialog's, made
    // when first opened; a page that names a dialog type loads it at start.
    // (First in this process: the home page's credentials card loads it.)
    void theWelcomePageStartsWithoutQtQuickDialogs()
    {
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("none")));
        const QString file = m_dir.filePath(QStringLiteral("welcome.png"));
        Screenshot shot(file, QStringLiteral("welcome"), QSize(1024, 640));
        takeAtStart(shot, QStringLiteral("welcome"), file);
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("libQt6Quick.so"));
        QVERIFY2(!mapped.contains("QuickDialogs2"), "the welcome page loaded Qt Quick Dialogs before its first frame");
    }

    // What the welcome and home screenshots do: the page asked for is the
    // session's home, already shown when the window appears.
    void theHomePageIsShownAtOnceAndBuiltOnce()
    {
        signInToDemo(m_dir.filePath(QStringLiteral("home")), QStringLiteral("alex"));
        const QString file = m_dir.filePath(QStringLiteral("home.png"));
        Screenshot shot(file, QStringLiteral("home"), QSize(1024, 640));
        takeAtStart(shot, QStringLiteral("home"), file);
        QVERIFY(m_window);
        // The page made first answers as one shown later does.
        e2e::Driver ui(m_window);
        QVERIFY(ui.click(QStringLiteral("openChecklist")));
        QVERIFY(ui.waitForPage(QStringLiteral("checklist")));
    }

    // A page other than the home: the window starts on it, and the home page
    // is never built.
    void anotherPageIsTheFirstPageBuilt()
    {
        signInToDemo(m_dir.filePath(QStringLiteral("checklist")), QStringLiteral("alex"));
        const QString file = m_dir.filePath(QStringLiteral("checklist.png"));
        Screenshot shot(file, QStringLiteral("checklist"), QSize(1024, 640));
        takeAtStart(shot, QStringLiteral("checklist"), file);
    }

    void cleanup()
    {
        m_window = nullptr;
        m_engine.reset();
    }

    void cleanupTestCase() { Session::instance()->lock(); }
};

ONRAMP_E2E_MAIN(TestScreenshotStart)
#include "TestScreenshotStart.moc"
