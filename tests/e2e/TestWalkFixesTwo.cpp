// What a second walk through the app found, through the real window on the
// demo vault: the step page does not hand a typed Space to Mark done or Undo,
// the sign-in page picks who signed in last on this desktop (never the admin
// by default), the checklist's rows say their section where it begins, and
// Home's reasons and the checklist's chips say a step's state as it is.
#include "E2eDriver.h"

#include <QAccessible>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestWalkFixesTwo : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    QString picked() const
    {
        const QQuickItem* picker = item(QStringLiteral("personPicker"));
        return picker ? picker->property("currentText").toString() : QString();
    }
    /// Types \a text, key by key, wherever the keys are.
    void typeHere(const QString& text)
    {
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
    }
    /// Opens the vault again, as a new run of the app on this desktop would.
    void reopenVault()
    {
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("elsewhere")));
        Session::instance()->setVaultPath(m_vault);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QAccessible::setActive(true); // as a screen reader would
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow(QSize(1024, 640)));
    }

    void cleanupTestCase() { closeWindow(); }

    // Keyboard §4 (issue 14): the sign-in page picks who signed in last on
    // this desktop, after a lock and in a later run; with nobody remembered,
    // the first person who is no admin, never the admin.
    void theSignInPicksWhoSignedInLastHere()
    {
        QSettings().remove(Session::lastSignInKey(m_vault));
        reopenVault();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_COMPARE_WITH_TIMEOUT(picked(), QStringLiteral("alex"), e2e::kPatienceMs);

        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_COMPARE_WITH_TIMEOUT(picked(), QStringLiteral("maya"), e2e::kPatienceMs);
        reopenVault();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(!Session::instance()->people().isEmpty() && settled(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(picked(), QStringLiteral("maya"), e2e::kPatienceMs);
        // A choice made on the page (Use) does not stick past the next lock.
        QVERIFY(m_ui->click(QStringLiteral("demoUse-ada")));
        QTRY_COMPARE_WITH_TIMEOUT(picked(), QStringLiteral("ada"), e2e::kPatienceMs);
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_COMPARE_WITH_TIMEOUT(picked(), QStringLiteral("alex"), e2e::kPatienceMs);
    }

    // Hire §5: Home's reasons say that a step the mentor reviews must be done
    // and approved, as the card beside them does; the checklist's chip says
    // "to do" for it as for the others, its review a tag of its own.
    void reasonsAndChipsSayTheState()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && allTextsUnder(QStringLiteral("gateStatus")).contains(u'•'),
                                 e2e::kPatienceMs);
        const QString gate = allTextsUnder(QStringLiteral("gateStatus"));
        QVERIFY2(
            gate.contains(QStringLiteral("“Run the test suite against your sandbox” is not done and approved yet")),
            qPrintable(gate));
        QVERIFY2(!gate.contains(QStringLiteral("“Run the test suite against your sandbox” is not done yet")),
                 qPrintable(gate));

        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("stepStatus-sandbox-tests")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-sandbox-tests")), QStringLiteral("to do"));
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-handbook")), QStringLiteral("to do"));
        QVERIFY(item(QStringLiteral("stepReviewed-sandbox-tests"))); // the first visible one of that name
        QVERIFY(!item(QStringLiteral("stepReviewed-handbook")));
    }

    // Keyboard §2: a section's heading is heard before its steps, and the
    // section's first row says it too, as the arrow keys skip headings.
    void theFirstRowOfASectionSaysItsHeading()
    {
        if (Session::instance()->userName() != QLatin1String("alex"))
            QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("step-sandbox-tests")) && settled(), e2e::kPatienceMs);
        QCOMPARE(e2e::accessibleName(item(QStringLiteral("step-handbook"))),
                 QStringLiteral("Day one: Read how we handle mistakes, to do"));
        QCOMPARE(e2e::accessibleName(item(QStringLiteral("step-laptop"))), QStringLiteral("Set up your laptop, to do"));
        QCOMPARE(e2e::accessibleName(item(QStringLiteral("step-sandbox-tests"))),
                 QStringLiteral("First week: Run the test suite against your sandbox, to do"));
        // The heading itself is read once, in order: before its section's first row.
        QAccessibleInterface* list = QAccessible::queryAccessibleInterface(item(QStringLiteral("stepList")));
        QVERIFY(list);
        QStringList names;
        std::function<void(QAccessibleInterface*)> walk = [&](QAccessibleInterface* at) {
            for (int i = 0; i < at->childCount(); ++i)
                if (QAccessibleInterface* child = at->child(i)) {
                    names.append(child->text(QAccessible::Name));
                    walk(child);
                }
        };
        walk(list);
        QVERIFY2(names.count(QStringLiteral("Day one")) == 1, qPrintable(names.join(u'|')));
        QVERIFY2(names.indexOf(QStringLiteral("Day one"))
                     < names.indexOf(QStringLiteral("Day one: Read how we handle mistakes, to do")),
                 qPrintable(names.join(u'|')));
    }

    // Hire §4: the step opens with the keys in the note; typing there, Space
    // and all, neither marks the step done nor undoes it.
    void typingOnTheStepPageNeverActs()
    {
        if (Session::instance()->userName() != QLatin1String("alex"))
            QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QVERIFY(m_ui->click(QStringLiteral("step-sandbox-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->activeFocusItem() == item(QStringLiteral("threadNoteField")),
                                 e2e::kPatienceMs);
        const QString state = m_ui->text(QStringLiteral("stepState"));
        typeHere(QStringLiteral("all green here"));
        QVERIFY(!Session::instance()->property("busy").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("stepState")), state);
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QStringLiteral("all green here"));

        // Ctrl+D acts; then the keys are nowhere a Space presses Undo.
        QTest::keyClick(m_window, Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")) != state && settled(), e2e::kPatienceMs);
        const QString done = m_ui->text(QStringLiteral("stepState"));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("undoButton")) && item(QStringLiteral("undoButton"))->isVisible(),
                                 e2e::kPatienceMs);
        QVERIFY(!item(QStringLiteral("undoButton"))->hasActiveFocus());
        typeHere(QStringLiteral(" more "));
        // A press would have started the act at once: nothing is under way.
        QVERIFY(!Session::instance()->property("busy").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("stepState")), done);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesTwo)
#include "TestWalkFixesTwo.moc"
