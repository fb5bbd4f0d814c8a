// Where the keyboard goes and where notices show, through the real window:
// the first Tab lands on the page (or its navigation), not on the header's
// buttons; Enter and Space open the settings; Ctrl+1… switch the main tabs
// and the shortcuts sheet lists them; the sign-off passphrase field has the
// keys and a cursor when it opens; a notice sits at the bottom over nothing,
// is spoken as an alert, an error stays until closed or the tab changes.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"

#include <QAccessible>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

QRectF sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

} // namespace

class TestFocusNotices : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    /// Shows \a name by clicking its tab in the header, and waits until it has loaded.
    void clickTab(const QString& name)
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-") + name));
        QVERIFY(m_ui->waitForPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    QQuickItem* currentPage() const { return e2e::pageStack(m_window)->property("currentItem").value<QQuickItem*>(); }

    QQuickItem* notice() const
    {
        QQuickItem* text = m_ui->item(QStringLiteral("noticeText"));
        return text ? text->parentItem() : nullptr;
    }

    /// Tabs until \a objectName has the keys; false when it never does.
    bool tabTo(const QString& objectName)
    {
        for (int i = 0; i < 80; ++i) {
            if (focused() && focused()->objectName() == objectName)
                return true;
            QTest::keyClick(m_window, Qt::Key_Tab);
        }
        return false;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(demo));
        onramp::Error e = onramp::demo::createDemoVault(demo);
        if (!e)
            e = onramp::demo::seedDemoProgress(demo);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void cleanupTestCase() { closeWindow(); }

    // Focus.

    void theFirstTabLandsOnThePageOrItsNavigation_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("page");
        QTest::newRow("hire's home") << "alex"
                                     << "home";
        QTest::newRow("hire's checklist") << "alex"
                                          << "checklist";
        QTest::newRow("mentor's mentees") << "maya"
                                          << "mentor";
        QTest::newRow("mentor's report") << "maya"
                                         << "report";
        QTest::newRow("admin") << "ada"
                               << "admin";
        QTest::newRow("audit") << "ada"
                               << "audit";
    }

    void theFirstTabLandsOnThePageOrItsNavigation()
    {
        QFETCH(QString, person);
        QFETCH(QString, page);
        if (Session::instance()->userName() != person)
            QVERIFY(m_ui->signInAs(person));
        // Shown by a click on its tab, as a person does, which leaves the keys there.
        clickTab(page);
        QTest::keyClick(m_window, Qt::Key_Tab);
        QQuickItem* first = focused();
        QVERIFY2(first, "the first Tab reaches nothing");
        const bool onPage = currentPage()->isAncestorOf(first);
        const bool onNavigation = first->objectName().startsWith(QLatin1String("nav-"));
        QVERIFY2(
            onPage || onNavigation,
            qPrintable(QStringLiteral("the first Tab on %1 goes to %2 '%3'")
                           .arg(page, QString::fromLatin1(first->metaObject()->className()), first->objectName())));
    }

    void enterAndSpaceOpenTheSettings_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("Enter") << int(Qt::Key_Return);
        QTest::newRow("Space") << int(Qt::Key_Space);
    }

    void enterAndSpaceOpenTheSettings()
    {
        QFETCH(int, key);
        if (!Session::instance()->isUnlocked())
            QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY2(tabTo(QStringLiteral("settingsButton")), "Tab never reaches the settings");
        // The popup is made when the gear first opens it.
        QTest::keyClick(m_window, Qt::Key(key));
        QObject* popup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (popup = m_ui->item(QStringLiteral("settingsButton"))->findChild<QObject*>(QStringLiteral("settingsPopup")))
                && popup->property("opened").toBool(),
            e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), e2e::kPatienceMs);
    }

    void ctrlAndANumberSwitchTheMainTabs()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        const QStringList order = {QStringLiteral("admin"), QStringLiteral("mentor"), QStringLiteral("report"),
                                   QStringLiteral("audit")};
        for (int i = order.size() - 1; i >= 0; --i) {
            QTest::keyClick(m_window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QVERIFY2(m_ui->waitForPage(order.at(i)), qPrintable(QStringLiteral("Ctrl+%1").arg(i + 1)));
        }
        // No fifth tab: nothing happens.
        QTest::keyClick(m_window, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(m_ui->page(), QStringLiteral("admin"));

        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, Qt::Key_2, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(m_ui->page(), QStringLiteral("checklist"));
        QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));

        // F1 lists them.
        QTest::keyClick(m_window, Qt::Key_F1);
        QQuickItem* sheet = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QString listed = e2e::textsUnder(sheet).join(u'\n');
        QVERIFY2(listed.contains(QStringLiteral("Ctrl+1")), qPrintable(listed));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
    }

    void theSignOffPassphraseFieldHasTheCursor()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QObject* dialog = currentPage()->findChild<QObject*>(QStringLiteral("signoffDialog"));
        QVERIFY(dialog);
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QQuickItem* field = m_ui->item(QStringLiteral("confirmPassphrase"));
        QVERIFY(field);
        QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), e2e::kPatienceMs);
        QTRY_VERIFY2_WITH_TIMEOUT(field->property("cursorVisible").toBool(), "the passphrase field shows no cursor",
                                  e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
    }

    // Notices.

    void aNoticeSitsAtTheBottomOverNothing()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        // The keys on a tab at the top: the notice still goes to the bottom.
        QVERIFY(m_ui->click(QStringLiteral("tab-people")));
        QAccessible::setActive(true);
        Session::instance()->notify(QStringLiteral("Something failed."), true);
        QQuickItem* shown = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((shown = notice()), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!QQuickTest::qIsPolishScheduled(m_window), e2e::kPatienceMs);
        const QRectF box = sceneRect(shown);
        QVERIFY2(box.bottom() <= m_window->height() && box.top() > m_window->height() / 2,
                 qPrintable(QStringLiteral("the notice is at %1..%2 of %3")
                                .arg(box.top())
                                .arg(box.bottom())
                                .arg(m_window->height())));
        // Over no part of the page (its lower edge moves up; what scrolls gets the room).
        const QRectF page = sceneRect(currentPage());
        QVERIFY2(
            !page.intersects(box),
            qPrintable(QStringLiteral("the notice covers the page from %1 to %2").arg(box.top()).arg(page.bottom())));
        QVERIFY2(!sceneRect(m_ui->item(QStringLiteral("tab-people"))).intersects(box), "the notice covers a tab");
        if (!qEnvironmentVariableIsEmpty("NOTICE_SHOT"))
            m_window->grabWindow().save(qEnvironmentVariable("NOTICE_SHOT"));
        // A screen reader hears it as an alert.
        QAccessibleInterface* spoken = QAccessible::queryAccessibleInterface(shown);
        QVERIFY(spoken);
        QCOMPARE(spoken->role(), QAccessible::AlertMessage);
        QCOMPARE(spoken->text(QAccessible::Name), QStringLiteral("Something failed."));
    }

    void anErrorStaysUntilTheTabChangesAndInformationFades()
    {
        if (Session::instance()->userName() != QLatin1String("ada"))
            QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-people")));
        Session::instance()->notify(QStringLiteral("Something failed."), true);
        QTRY_VERIFY_WITH_TIMEOUT(notice(), e2e::kPatienceMs);
        QVERIFY2(!notice()->property("fading").toBool(), "an error fades before anyone read it");
        // Another tab of the same page: the error belonged to the one before.
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QTRY_VERIFY2_WITH_TIMEOUT(!notice(), "an error stays over another tab", e2e::kPatienceMs);

        // Closed by its button.
        Session::instance()->notify(QStringLiteral("Something failed again."), true);
        QTRY_VERIFY_WITH_TIMEOUT(notice(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("noticeClose")));
        QTRY_VERIFY_WITH_TIMEOUT(!notice(), e2e::kPatienceMs);

        // Information goes by itself.
        Session::instance()->notify(QStringLiteral("Saved."), false);
        QTRY_VERIFY_WITH_TIMEOUT(notice(), e2e::kPatienceMs);
        QVERIFY(notice()->property("fading").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!notice(), e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestFocusNotices)
#include "TestFocusNotices.moc"
