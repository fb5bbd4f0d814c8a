// The demo hire's journey through a move to another checklist version and
// back, through the real window: Home says who moved them and who reviews
// what again, and a move back to the older version brings none of the
// approvals given before the moves back, on the hire's screens as on the
// mentor's; signed off while IT has yet to add the secret, every page says
// so alike; and Home offers reissuing credentials only where there is one.
#include "E2eDriver.h"

#include "onboarding/Enrollments.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestWalkFixesHire : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    /// Acts on the vault as the demo person \a name, outside the window (another desktop).
    onramp::Error asPerson(const QString& name, const std::function<onramp::Error(onramp::Vault&)>& work)
    {
        return e2e::asDemoPerson(m_vault, name, work);
    }

    void moveAlexTo(int version)
    {
        const onramp::Error e = asPerson(QStringLiteral("ada"), [version](onramp::Vault& v) {
            return onramp::Enrollments(v).move(QStringLiteral("alex"), version);
        });
        QVERIFY2(!e, qPrintable(e.message));
    }

    void approveBoth(const QString& comment)
    {
        const onramp::Error e = asPerson(QStringLiteral("maya"), [&](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            for (const QString& step : {QStringLiteral("sandbox-tests"), QStringLiteral("restore-drill")})
                if (onramp::Error r = enrollments.review(QStringLiteral("alex"), step, true, comment))
                    return r;
            return onramp::Error();
        });
        QVERIFY2(!e, qPrintable(e.message));
    }

    void openHomeAs(const QString& name)
    {
        QVERIFY(m_ui->signInAs(name));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        // maya has approved both steps she reviews on version 1; ada makes a version 2.
        e = asPerson(QStringLiteral("maya"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true,
                                                 QStringLiteral("That is whole, thanks."));
        });
        QVERIFY2(!e, qPrintable(e.message));
        {
            std::unique_ptr<onramp::Vault> admin;
            e = onramp::Vault::unlock(m_vault, QStringLiteral("ada"),
                                      e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), &admin);
            QVERIFY2(!e, qPrintable(e.message));
            QByteArray v2 = onramp::demo::sampleChecklist();
            v2.replace("title: Lunch with the team", "title: Coffee with the team");
            e2e::importChecklist(*admin, v2);
        }
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow(QSize(1024, 640)));
    }

    void cleanupTestCase() { closeWindow(); }

    // Hire §2: a move that takes production access away is told on Home,
    // by name, with what happens next; seen once, it goes.
    void homeSaysWhoMovedTheHireAndWhatHappensNext()
    {
        openHomeAs(QStringLiteral("alex"));
        QVERIFY(!shown(QStringLiteral("moveNotice")));
        moveAlexTo(2);
        openHomeAs(QStringLiteral("alex"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("moveNotice")) && settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("moveNoticeText")),
                 QStringLiteral("Ada Admin moved you to version 2 of the checklist. Approvals given before the move "
                                "no longer count. Waiting for Maya Mentor's review before production opens: “Run the "
                                "test suite against your sandbox” and “Restore a backup into your sandbox”. Version 2 "
                                "changes the wording of “Coffee with the team”: each step's page shows what changed."));
        // No line of the gate's jargon about the versions a sign-off covers.
        const QString home = allTextsUnder(QStringLiteral("home"));
        QVERIFY2(!home.contains(QStringLiteral("covers checklist version")), qPrintable(home));

        QVERIFY(m_ui->click(QStringLiteral("moveDismiss")));
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("moveNotice")), e2e::kPatienceMs);
        openHomeAs(QStringLiteral("alex"));
        QVERIFY(!shown(QStringLiteral("moveNotice")));
    }

    // Approvals given before a move count for nothing after a move back to
    // the version they were given on: every screen says the steps wait for
    // the mentor's review again.
    void aMoveBackCountsNoApprovalFromBeforeIt()
    {
        approveBoth(QStringLiteral("Good on version 2 too."));
        moveAlexTo(1);
        openHomeAs(QStringLiteral("alex"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("moveNotice")) && settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("moveNoticeText")),
                 QStringLiteral("Ada Admin moved you to version 1 of the checklist. Approvals given before the move "
                                "no longer count. Waiting for Maya Mentor's review before production opens: “Run the "
                                "test suite against your sandbox” and “Restore a backup into your sandbox”. Version 1 "
                                "changes the wording of “Lunch with the team”: each step's page shows what changed."));
        QVERIFY2(m_ui->text(QStringLiteral("progressText")).contains(QStringLiteral("2 waiting for review")),
                 qPrintable(m_ui->text(QStringLiteral("progressText"))));

        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("review-alex-sandbox-tests"))
                                     && item(QStringLiteral("review-alex-restore-drill")) && settled(),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            allTextsUnder(QStringLiteral("menteeColumn")).contains(QStringLiteral("2 waiting for review")),
            e2e::kPatienceMs);
    }

    // Keyboard §4: a step row clicked with the mouse shows no fill or ring
    // that looks like the keyboard focus, and Tab into the list lands on
    // the row last opened, not the first.
    void theChecklistKeysLandOnTheRowLastOpened()
    {
        openHomeAs(QStringLiteral("alex"));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("step-sandbox-tests")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("step-sandbox-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("step-sandbox-tests")) && settled(), e2e::kPatienceMs);
        const auto looksFocused = [this](const QString& name) {
            const QQuickItem* row = item(name);
            const auto* background = row ? row->property("background").value<QQuickItem*>() : nullptr;
            return row->property("highlighted").toBool()
                || (background && background->property("border").value<QObject*>()
                    && background->property("border").value<QObject*>()->property("width").toReal() > 0);
        };
        for (const QString& row : {QStringLiteral("step-handbook"), QStringLiteral("step-sandbox-tests")})
            QVERIFY2(!looksFocused(row), qPrintable(row));

        // The keys come in from the Checklist tab's side: Tab until the list has them.
        QQuickItem* list = item(QStringLiteral("stepList"));
        QVERIFY(list);
        list->setFocus(false);
        m_window->contentItem()->forceActiveFocus();
        for (int i = 0; i < 30 && !list->hasActiveFocus(); ++i)
            m_ui->key(Qt::Key_Tab);
        QVERIFY(list->hasActiveFocus());
        const auto* current = list->property("currentItem").value<QQuickItem*>();
        QVERIFY(current);
        QCOMPARE(current->objectName(), QStringLiteral("step-sandbox-tests"));
        QTRY_VERIFY_WITH_TIMEOUT(looksFocused(QStringLiteral("step-sandbox-tests")), e2e::kPatienceMs);
    }

    // Keyboard §2-3: the F1 sheet lists the mentor's shortcuts to ask for
    // changes and to sign off, and its rows, which do nothing, look like no
    // selection; Ctrl+Shift+R with nothing written goes to the box to write
    // in, and with a comment written asks for changes.
    void theMentorAsksForChangesByKeyboard()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_F1);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("shortcutRow-0")) && settled(), e2e::kPatienceMs);
        const QString sheet = allTextsUnder(QStringLiteral("shortcutsSheet"));
        QVERIFY2(sheet.contains(QStringLiteral("Ask for changes on the open step")), qPrintable(sheet));
        QVERIFY2(sheet.contains(QStringLiteral("Sign off production access for the mentee shown")), qPrintable(sheet));
        for (int i = 0; item(QStringLiteral("shortcutRow-%1").arg(i)); ++i) {
            const QQuickItem* row = item(QStringLiteral("shortcutRow-%1").arg(i));
            QVERIFY2(!row->property("highlighted").toBool(), qPrintable(QString::number(i)));
            const auto* background = row->property("background").value<QQuickItem*>();
            const QVariant color = background ? background->property("color") : QVariant();
            QVERIFY2(!color.isValid() || color.value<QColor>().alpha() == 0, qPrintable(QString::number(i)));
        }
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("shortcutRow-0"))
                                     || !item(QStringLiteral("shortcutRow-0"))->isVisible(),
                                 e2e::kPatienceMs);

        QVERIFY(m_ui->click(QStringLiteral("review-alex-restore-drill")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("rejectHint")) && settled(), e2e::kPatienceMs);
        // §5.3: Ask for changes, held for want of a comment, has no tooltip
        // to leave over the status line: the hint under the buttons says it.
        QQuickItem* reject = item(QStringLiteral("rejectButton"));
        QVERIFY(reject);
        QVERIFY(!reject->isEnabled());
        for (const QObject* child : reject->children())
            QVERIFY2(!child->inherits("QQuickToolTipAttached"), qPrintable(child->property("text").toString()));
        // The keys start elsewhere: on the back button.
        item(QStringLiteral("backButton"))->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("threadNoteField"))->hasActiveFocus(), e2e::kPatienceMs);
        for (const QChar c : QStringLiteral("Please add the row counts"))
            QTest::keyClick(m_window, c.toLatin1());
        QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        // Asked first, as Approve is; Enter sends.
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("sendBackQuestion")) && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        onramp::EnrollmentStatus status;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                status = {};
                const onramp::Error e = asPerson(QStringLiteral("maya"), [&](onramp::Vault& v) {
                    return onramp::Enrollments(v).status(QStringLiteral("alex"), &status);
                });
                return !e && status.steps.size() > 3 && status.steps.at(3).status() == onramp::StepStatus::SentBack;
            }(),
            e2e::kPatienceMs);
        QCOMPARE(status.steps.at(3).reviewComment, QStringLiteral("Please add the row counts"));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    // Hire §3: Home offers reissuing credentials only to a hire who has a
    // sandbox credential to reissue.
    void homeOffersReissuingOnlyWithASandboxCredential()
    {
        openHomeAs(QStringLiteral("alex"));
        const auto subtitle = [this] { return allTextsUnder(QStringLiteral("home")); };
        QTRY_VERIFY_WITH_TIMEOUT(subtitle().contains(QStringLiteral("reissue credentials")), e2e::kPatienceMs);
        // ada moves alex to a checklist whose only credential is a production one.
        QByteArray other = onramp::demo::sampleChecklist();
        other.replace("id: backend-week-one", "id: backend-no-sandbox");
        // A production credential whose secret IT has not added yet.
        other.replace("id: prod-db", "id: prod-api");
        const qsizetype sandbox = other.indexOf("  - id: sandbox-db");
        const qsizetype production = other.indexOf("  - id: prod-api");
        QVERIFY(sandbox > 0 && production > sandbox);
        other.remove(sandbox, production - sandbox);
        const onramp::Error e = asPerson(QStringLiteral("ada"), [&](onramp::Vault& v) {
            e2e::importChecklist(v, other);
            return onramp::Enrollments(v).moveTo(QStringLiteral("alex"), QStringLiteral("backend-no-sandbox"), 0);
        });
        QVERIFY2(!e, qPrintable(e.message));
        openHomeAs(QStringLiteral("alex"));
        QTRY_VERIFY_WITH_TIMEOUT(subtitle().contains(QStringLiteral("experiment and make mistakes")), e2e::kPatienceMs);
        QVERIFY2(!subtitle().contains(QStringLiteral("reissue")), qPrintable(subtitle()));
    }

    // Mentor §3: signed off while IT has yet to add the secret, the mentor's
    // page and the hire's Home say one state, and the grant offers Revoke
    // (a secret added later then never reaches the hire) but no Renew.
    void signedOffAndWaitingForITIsOneState()
    {
        // alex redoes the step sent back; maya approves both and signs off
        // with Ctrl+Shift+S (Keyboard §2).
        onramp::Error e = asPerson(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("restore-drill"),
                                                   QStringLiteral("Row counts added."));
        });
        QVERIFY2(!e, qPrintable(e.message));
        approveBoth(QStringLiteral("Fine on the new checklist."));
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("signoffButton"))
                                     && item(QStringLiteral("signoffButton"))->isEnabled() && settled(),
                                 e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("confirmPassphrase")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->type(QStringLiteral("confirmPassphrase"), e2e::demoPassphrase(QStringLiteral("maya"))));
        m_ui->key(Qt::Key_Return);
        const QString waiting = QStringLiteral("Production access: signed off — waiting for IT to add the secret");
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("revoke-prod-api")) && settled(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")), waiting, e2e::kPatienceMs);
        QVERIFY(shown(QStringLiteral("revoke-prod-api")));
        QVERIFY(!shown(QStringLiteral("renew-prod-api")));

        openHomeAs(QStringLiteral("alex"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")), waiting, e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesHire)
#include "TestWalkFixesHire.moc"
