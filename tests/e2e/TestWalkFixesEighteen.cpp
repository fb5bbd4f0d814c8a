// The eighteenth walk's findings, in the real window on the demo team's
// vault: a request for changes outlives a move to a new version, a step the
// move changed shows what changed, Ctrl+Shift+N on a step's page opens the
// hire's next step waiting for review, and the report stays about the hire
// it was about when its page comes back.
#include "AdminFixture.h"

#include "Appearance.h"
#include "Demo.h"
#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QScopeGuard>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesEighteen : public e2e::AdminFixture
{
    Q_OBJECT

    /// Signs in as \a name and shows their Checklist, settled.
    bool checklistAs(const QString& name)
    {
        if (!m_ui->signInAs(name) || !m_ui->waitForPage(QStringLiteral("home"))
            || !showPage(QStringLiteral("checklist")))
            return false;
        return QTest::qWaitFor([&] { return visible("step-handbook") && settled(); }, e2e::kPatienceMs);
    }

    /// Signs in as the mentor and opens \a hire's step \a stepId from the review queue.
    bool openReviewAsMaya(const QString& hire, const QString& stepId)
    {
        if (!m_ui->signInAs(QStringLiteral("maya")) || !m_ui->waitForPage(QStringLiteral("mentor")))
            return false;
        const QString row = QStringLiteral("review-%1-%2").arg(hire, stepId);
        if (!QTest::qWaitFor([&] { return m_ui->item(row) && settled(); }, e2e::kPatienceMs) || !m_ui->click(row)
            || !m_ui->waitForPage(QStringLiteral("step")))
            return false;
        return QTest::qWaitFor([&] { return visible("stepState") && settled(); }, e2e::kPatienceMs);
    }

    /// The id of the step the step page shows; empty off it.
    QString shownStep() const
    {
        QQuickItem* page = item("step");
        return page ? page->property("stepId").toString() : QString();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        // kai did the restore drill too: two steps wait for maya.
        QVERIFY(markDemoDone(QStringLiteral("kai"), QStringLiteral("restore-drill")));
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // On a step's page, Ctrl+Shift+N opens the hire's next step waiting for
    // review in its place, from the top again past the last; Escape still
    // goes back to the mentor's page. With no other, it says so.
    void theNextStepWaitingOpensFromAStepPage()
    {
        QVERIFY(openReviewAsMaya(QStringLiteral("kai"), QStringLiteral("sandbox-tests")));
        QCOMPARE(shownStep(), QStringLiteral("sandbox-tests"));
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(shownStep() == QStringLiteral("restore-drill") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(shownStep() == QStringLiteral("sandbox-tests") && settled(), e2e::kPatienceMs);

        // Ctrl+Shift+A approves the open step as the button does: it asks first.
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(visible("approveQuestion") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("approveQuestion").contains(QStringLiteral("Run the test suite against your sandbox")),
                 qPrintable(text("approveQuestion")));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("approveQuestion") && settled(), e2e::kPatienceMs);
        QVERIFY(visible("approveButton")); // nothing approved
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));

        // Ctrl+Shift+S before the sign-off may be given says why, rather than nothing.
        QVERIFY(click("mentee-kai"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("signoffHeld") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Kai Waiting's production access can be signed "
                                                                    "off once these are done: ")),
                                 e2e::kPatienceMs);
        // Each thing it waits for, by the step's title.
        QVERIFY2(notice().contains(QStringLiteral("“Run the test suite against your sandbox” waits for your review")),
                 qPrintable(notice()));

        // alex has one step waiting: nothing else to open, and it is said.
        QVERIFY(openReviewAsMaya(QStringLiteral("alex"), QStringLiteral("restore-drill")));
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("No other step of Alex Newhire's waits for your review."),
                                  e2e::kPatienceMs);
        QCOMPARE(shownStep(), QStringLiteral("restore-drill"));

        // On a step with nothing to approve, Ctrl+Shift+A says so.
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(click("mentee-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("step-team-lunch") && settled(), e2e::kPatienceMs);
        QVERIFY(click("step-team-lunch"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepState") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("“Lunch with the team” is not waiting for your review."),
                                  e2e::kPatienceMs);
        QVERIFY(!visible("approveQuestion"));
    }

    // A step maya sent back stays sent back through a move to a new version:
    // the move dialog says so, and kai's Checklist shows "changes asked".
    // The step the new version changed says what changed, on Home and on
    // its page, for the hire and for the mentor.
    void aSendBackAndAChangeOutliveAMove()
    {
        {
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            const onramp::Error e = onramp::Enrollments(*maya).review(
                QStringLiteral("kai"), QStringLiteral("sandbox-tests"), false, QStringLiteral("Share the output too."));
            QVERIFY2(!e, qPrintable(e.message));
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            e2e::importChecklist(*ada, demoVersionTwo());
        }
        // kai looks at Home once before the move: the move is news after it.
        QVERIFY(checklistAs(QStringLiteral("kai")));
        QCOMPARE(text("stepStatus-sandbox-tests"), QStringLiteral("changes asked"));

        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-kai"), e2e::kPatienceMs);
        QVERIFY(click("enrollment-kai"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveEnrollmentButton") && item("moveEnrollmentButton")->isEnabled()
                                     && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(click("moveEnrollmentButton"));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = popupNamed(QStringLiteral("moveDialog")))
                                     && dialog->property("opened").toBool() && settled(),
                                 e2e::kPatienceMs);
        const QString said = text("moveDialogText");
        QVERIFY2(said.contains(QStringLiteral("Steps with changes asked keep them, with the comment, until Maya "
                                              "Mentor reviews them again: “Run the test suite against your "
                                              "sandbox”.")),
                 qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("Version 2 changes the wording of these steps, and each step's page "
                                              "shows Kai Waiting what changed: “Read how we handle mistakes”.")),
                 qPrintable(said));
        // A request for changes is no approval that a move ends.
        QVERIFY2(said.contains(QStringLiteral("No step is approved yet, so no approval is lost")), qPrintable(said));
        shot(QStringLiteral("move-keeps-send-back"));
        QVERIFY(click("moveDialogConfirm"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            onramp::EnrollmentStatus status;
            QVERIFY(!onramp::Enrollments(*ada).status(QStringLiteral("kai"), &status));
            QCOMPARE(status.checklistVersion, 2);
        }

        // kai: still "changes asked", the comment kept; Home names the changed step.
        QVERIFY(checklistAs(QStringLiteral("kai")));
        QCOMPARE(text("stepStatus-sandbox-tests"), QStringLiteral("changes asked"));
        QVERIFY(showPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveNotice") && settled(), e2e::kPatienceMs);
        const QString notice = text("moveNoticeText");
        QVERIFY2(notice.contains(QStringLiteral(
                     "Version 2 changes the wording of “Read how we handle mistakes”: each step's page shows what "
                     "changed.")),
                 qPrintable(notice));
        // Nothing was approved: no approval is spoken of as lost.
        QVERIFY2(!notice.contains(QStringLiteral("Approvals")), qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("Waiting for Maya Mentor's review before production opens: “Restore a "
                                                "backup into your sandbox”.")),
                 qPrintable(notice));
        // A way in from the notice to what changed.
        QCOMPARE(text("movedChangeOpen-handbook"), QStringLiteral("Open “Read how we handle mistakes”"));
        QVERIFY(click("movedChangeOpen-handbook"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepChanges") && settled(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("step-handbook") && settled(), e2e::kPatienceMs);
        // The list marks the changed step, and only it.
        QVERIFY(visible("stepChanged-handbook"));
        QVERIFY(!visible("stepChanged-laptop"));
        QVERIFY(click("step-handbook"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepChanges") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("stepChangesHeading"),
                 QStringLiteral("Changed since version 1 of the checklist, the version before the move:"));
        // The words that changed in bold; a screen reader reads the sentence plain.
        QCOMPARE(text("stepChange-0"),
                 QStringLiteral("\u2212 Read the blameless postmortem guide, find out where "
                                "backups live, and <b>how restores are tested.</b>"));
        QCOMPARE(item("stepChange-0")->property("kind").toString(), QStringLiteral("removed"));
        QCOMPARE(QAccessible::queryAccessibleInterface(item("stepChange-0"))->text(QAccessible::Name),
                 QStringLiteral("Removed: Read the blameless postmortem guide, find out where "
                                "backups live, and how restores are tested."));
        QCOMPARE(text("stepChange-1"),
                 QStringLiteral("+ Read the blameless postmortem guide, find out where "
                                "backups live, and <b>who tests the restores.</b>"));
        QVERIFY(!visible("stepChange-2"));
        shot(QStringLiteral("step-changed-by-move"));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));

        // A step the move did not change shows nothing of the kind; the sent-back one keeps its state.
        QVERIFY(click("step-sandbox-tests"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepState") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("stepChanges"));
        QVERIFY2(text("stepState").startsWith(QStringLiteral("Maya Mentor asked for changes on")),
                 qPrintable(text("stepState")));

        // maya sees the same on kai's steps: sent back, and what the move changed.
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentee-kai") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-kai"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("step-handbook") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("stepStatus-sandbox-tests"), QStringLiteral("changes asked"));
        QVERIFY(click("step-handbook"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepChanges") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("stepChange-1")->property("kind").toString(), QStringLiteral("added"));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    // The step list's mark of the current row covers that row, at once: it
    // was left half as wide and between two rows while it grew.
    void theEditorsCurrentStepMarkCoversItsRow()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("checklists"));
        QQuickItem* list = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((list = item("editorStepList")) && list->property("count").toInt() > 1 && settled(),
                                 e2e::kPatienceMs);
        auto* current = list->property("currentItem").value<QQuickItem*>();
        auto* mark = list->property("highlightItem").value<QQuickItem*>();
        QVERIFY(current && mark);
        QCOMPARE(mark->size(), current->size());
        QCOMPARE(mark->position(), current->position());
    }

    // A check box reads ticked or empty at a glance in dark too: ticked,
    // the box fills in the highlight with a tick; empty, its edge is in
    // the frame's colour and nothing is inside.
    void aCheckBoxReadsTickedOrEmptyInDark()
    {
        onramp::ui::Appearance::instance()->setModeForThisRun(QStringLiteral("dark"));
        const auto light =
            qScopeGuard([] { onramp::ui::Appearance::instance()->setModeForThisRun(QStringLiteral("light")); });
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorRequired") && visible("editorSignoff") && settled(), e2e::kPatienceMs);
        const auto box = [this](const char* name) { return item(name)->property("indicator").value<QQuickItem*>(); };
        const auto tick = [&](const char* name) {
            return box(name)->findChild<QQuickItem*>(QStringLiteral("checkBoxTick"));
        };
        QVERIFY(item("editorRequired")->property("checked").toBool());
        QVERIFY(!item("editorSignoff")->property("checked").toBool());
        // Filled, in another colour than an empty box's edge, with the tick in sight.
        const QColor filled = box("editorRequired")->property("color").value<QColor>();
        QCOMPARE(filled.alpha(), 255);
        QVERIFY(filled
                != box("editorSignoff")->property("border").value<QObject*>()->property("color").value<QColor>());
        QVERIFY(tick("editorRequired") && tick("editorRequired")->isVisible());
        QCOMPARE(box("editorSignoff")->property("color").value<QColor>().alpha(), 0);
        QVERIFY(tick("editorSignoff") && !tick("editorSignoff")->isVisible());
        shot(QStringLiteral("dark-check-boxes"));
    }

    // The report is about the hire picked on it when its page comes back,
    // until the session locks.
    void theReportStaysAboutThePickedHire()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("report")));
        QQuickItem* picker = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((picker = item("reportHirePicker")) && picker->property("count").toInt() > 1
                                     && settled(),
                                 e2e::kPatienceMs);
        QCOMPARE(picker->property("currentIndex").toInt(), 0); // All hires
        QVERIFY(click("reportHirePicker"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Down);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(picker->property("currentIndex").toInt() == 1 && settled(), e2e::kPatienceMs);
        const QString picked = picker->property("displayText").toString();
        QVERIFY(!picked.isEmpty());

        QVERIFY(showPage(QStringLiteral("audit")));
        QVERIFY(showPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT((picker = item("reportHirePicker")) && settled()
                                     && picker->property("displayText").toString() == picked,
                                 e2e::kPatienceMs);

        // A new session starts on every hire again.
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT((picker = item("reportHirePicker")) && picker->property("count").toInt() > 1
                                     && settled() && picker->property("currentIndex").toInt() == 0,
                                 e2e::kPatienceMs);
    }
};

QTEST_MAIN(TestWalkFixesEighteen)
#include "TestWalkFixesEighteen.moc"
