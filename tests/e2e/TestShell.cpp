// The app shell through the real window: the idle lock sees a person typing
// and clicking, notices belong to their page and cover nothing, the sign-in
// card stays put, content keeps a readable width, the shortcuts sheet and
// Ctrl+L, the settings popup, and what focus and a disabled button look like.
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Session.h"

#include <QElapsedTimer>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

/// The idle limit the tests set, in ms: long enough for a click to land, short
/// enough that a test waits seconds, not minutes.
constexpr int kIdleLimitMs = 1500;

QRectF sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

/// The texts of every visible item under \a root.
void collectTexts(const QQuickItem* root, QStringList* out)
{
    if (!root->isVisible())
        return;
    const QString text = root->property("text").toString();
    if (!text.isEmpty())
        out->append(text);
    const auto children = root->childItems();
    for (const QQuickItem* child : children)
        collectTexts(child, out);
}

} // namespace

class TestShell : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    std::unique_ptr<e2e::Driver> m_ui;

    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    void signInAs(const QString& name)
    {
        if (Session::instance()->isUnlocked())
            Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QString passphrase;
        for (const auto& person : onramp::demo::people()) {
            if (person.name == name)
                passphrase = person.passphrase;
        }
        const onramp::Error e = Session::instance()->unlockNow(name, passphrase.toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
    }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
    }

    void openNoteOfFirstStep()
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "openStep", Q_ARG(QVariant, QStringLiteral("handbook")),
                                          Q_ARG(QVariant, QString())));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("noteField")));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void cleanup()
    {
        qunsetenv("ONRAMP_TEST_IDLE_LOCK_MS");
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        if (m_window)
            m_window->resize(1280, 800);
    }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true); // the settings popup writes QSettings
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(demo));
        const onramp::Error e = onramp::demo::createDemoVault(demo);
        QVERIFY2(!e, qPrintable(e.message));
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        Session::instance()->setVaultPath(demo);
        m_window = e2e::loadMainWindow(m_engine);
        QVERIFY(m_window);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_ui = std::make_unique<e2e::Driver>(m_window);
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }

    // The idle lock.

    void typingANoteKeepsTheSessionOpen()
    {
        signInAs(QStringLiteral("alex"));
        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", QByteArray::number(kIdleLimitMs));
        openNoteOfFirstStep();
        // A person typing a long note: a key every fifth of the limit, for three limits.
        QElapsedTimer typing;
        typing.start();
        while (typing.elapsed() < 3 * kIdleLimitMs) {
            QTest::keyClick(m_window, 'a');
            QTest::qWait(kIdleLimitMs / 5);
            QVERIFY2(Session::instance()->isUnlocked(), "locked while the person was typing");
        }
        QVERIFY(m_ui->text(QStringLiteral("noteField")).startsWith(QStringLiteral("aaaa")));
    }

    void clickingKeepsTheSessionOpen()
    {
        signInAs(QStringLiteral("alex"));
        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", QByteArray::number(kIdleLimitMs));
        openNoteOfFirstStep();
        QElapsedTimer clicking;
        clicking.start();
        while (clicking.elapsed() < 3 * kIdleLimitMs) {
            QVERIFY(m_ui->click(QStringLiteral("noteField")));
            QTest::qWait(kIdleLimitMs / 5);
            QVERIFY2(Session::instance()->isUnlocked(), "locked while the person was clicking");
        }
    }

    void idlenessLocks()
    {
        signInAs(QStringLiteral("alex"));
        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", QByteArray::number(kIdleLimitMs));
        openNoteOfFirstStep(); // the last activity: a click
        QElapsedTimer idle;
        idle.start();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->isUnlocked());
        QVERIFY2(idle.elapsed() >= kIdleLimitMs - 100, "locked before the idle limit");
    }

    void ctrlLLocks()
    {
        signInAs(QStringLiteral("alex"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->isUnlocked());
    }

    // Notices.

    void aNoticeStaysOnItsPageAndCoversNothing()
    {
        signInAs(QStringLiteral("alex"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        Session::instance()->notify(QStringLiteral("The checklist could not be read."), true);
        QQuickItem* text = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((text = m_ui->item(QStringLiteral("noticeText"))), e2e::kPatienceMs);
        QQuickItem* notice = text->parentItem();
        QTRY_VERIFY_WITH_TIMEOUT(!QQuickTest::qIsPolishScheduled(m_window), e2e::kPatienceMs);
        const QQuickItem* page = e2e::pageStack(m_window)->property("currentItem").value<QQuickItem*>();
        QVERIFY(page);
        const QRectF overlap = sceneRect(notice).intersected(sceneRect(page));
        QVERIFY2(
            overlap.isEmpty(),
            qPrintable(
                QStringLiteral("the notice covers %1x%2 px of the page").arg(overlap.width()).arg(overlap.height())));

        QVERIFY(m_ui->click(QStringLiteral("nav-checklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY2(!m_ui->item(QStringLiteral("noticeText")), "the home page's notice followed to the checklist");
    }

    // The sign-in card.

    void theSignInCardStaysPutWhenAnErrorAppears()
    {
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QRectF before = sceneRect(m_ui->item(QStringLiteral("personPicker")));
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("not the passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("signInError")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QCOMPARE(sceneRect(m_ui->item(QStringLiteral("personPicker"))), before);
        Session::instance()->clearError();
    }

    // Width.

    void contentKeepsAReadableWidthOnAWideScreen()
    {
        signInAs(QStringLiteral("alex"));
        m_window->resize(1920, 1000);
        showPage(QStringLiteral("checklist"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* row = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((row = m_ui->item(QStringLiteral("step-handbook"))), e2e::kPatienceMs);
        const QRectF r = sceneRect(row);
        QVERIFY2(r.width() <= 1200, qPrintable(QStringLiteral("a step row is %1 px wide").arg(r.width())));
        QVERIFY2(qAbs(r.center().x() - 960) <= 2,
                 qPrintable(QStringLiteral("the content is not centred: %1").arg(r.center().x())));
    }

    // The shortcuts sheet.

    void f1ListsTheShortcutsAndEscapeClosesIt()
    {
        signInAs(QStringLiteral("alex"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, Qt::Key_F1);
        QQuickItem* sheet = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        QStringList texts;
        collectTexts(sheet, &texts);
        for (const char* sequence : {"Ctrl+L", "F1", "Ctrl+F", "Ctrl+D", "Ctrl+Shift+A", "Ctrl+Shift+N"})
            QVERIFY2(texts.contains(QLatin1String(sequence)),
                     qPrintable(QStringLiteral("%1 missing from: %2")
                                    .arg(QLatin1String(sequence), texts.join(QStringLiteral(" | ")))));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("home"));
    }

    void questionMarkOpensTheSheetOutsideTextFields()
    {
        signInAs(QStringLiteral("alex"));
        openNoteOfFirstStep();
        QTest::keyClick(m_window, '?');
        QCOMPARE(m_ui->text(QStringLiteral("noteField")), QStringLiteral("?"));
        QVERIFY(!m_ui->item(QStringLiteral("shortcutsSheet")));
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, '?');
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    TestShell test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestShell.moc"
