// The twenty-second walk's findings, in the real window on the demo team's
// vault: a form with nothing to fill in folded away, with the way to what
// would give it something to do; a mentor's rows that say what the pages
// say (access renewed, a sign-off that waits, steps overdue) and the next
// review the one marked.
#include "AdminFixture.h"

#include "Appearance.h"
#include "EnrollmentBackend.h"
#include "Formats.h"
#include "Session.h"
#include "credentials/Credentials.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QElapsedTimer>
#include <QQmlContext>
#include <QQmlExpression>
#include <QScopeGuard>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesTwentyTwo : public e2e::AdminFixture
{
    Q_OBJECT

    QString accessibleName(const char* name) const
    {
        return QAccessible::queryAccessibleInterface(item(name))->text(QAccessible::Name);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // Every demo hire is enrolled: the Enrollments form folds to what it
    // waits for and a way to add a hire, and the enrollments get its room.
    void aFormWithNobodyToEnrollFoldsAway()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollEveryoneEnrolled") && settled(), e2e::kPatienceMs);
        for (const char* field : {"enrollHire", "enrollMentor", "enrollStart", "enrollChecklist", "enrollButton"})
            QVERIFY2(!visible(field), field);
        QVERIFY(visible("enrollAddHire"));
        // At 1024x640 the list shows most of the page's height, not what is left under a greyed form.
        QQuickItem* list = item("enrollmentList");
        QVERIFY(list);
        QVERIFY2(list->height() >= 0.5 * m_window->height(),
                 qPrintable(QStringLiteral("the list is %1 px high in a window %2 px high")
                                .arg(list->height())
                                .arg(m_window->height())));
        shot(QStringLiteral("enrollments-folded"));

        // Add a hire… is the People tab's form, ready for a hire, the keys in its user name.
        QVERIFY(click("enrollAddHire"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personName") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("admin")->property("currentTab").toInt(), 0);
        QVERIFY(focused("personName"));
        QCOMPARE(item("personRole")->property("value").toString(), QStringLiteral("hire"));

        // A hire added elsewhere unfolds the form with them proposed.
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            const onramp::Error e = onramp::People(*ada).add(QStringLiteral("pat"), QStringLiteral("Pat Pending"),
                                                             onramp::Role::Hire, "pat's passphrase, never used here");
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(showPage(QStringLiteral("report")));
        QVERIFY(showPage(QStringLiteral("admin")));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollHire") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("enrollAddHire"));
        QVERIFY(!visible("enrollEveryoneEnrolled"));
        QCOMPARE(item("enrollHire")->property("currentValue").toString(), QStringLiteral("pat"));

        // Enrolled to start next week: the enrollment says it starts then, not that it started.
        const QDate start = QDate::currentDate().addDays(7);
        QVERIFY(typeOver("enrollStart", start.toString(Qt::ISODate)));
        QTRY_VERIFY_WITH_TIMEOUT(item("enrollButton")->isEnabled(), e2e::kPatienceMs);
        QVERIFY(click("enrollButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Enrolled Pat Pending")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollmentSummary") && settled(), e2e::kPatienceMs);
        QVERIFY2(
            text("enrollmentSummary").contains(QStringLiteral(", starts %1;").arg(onramp::ui::sentenceDate(start))),
            qPrintable(text("enrollmentSummary")));
    }

    // Edits kept in the editor are dropped from the editor itself, once the
    // admin has read what they would lose.
    void aKeptDraftIsDiscardedFromTheEditorSayingWhatGoes()
    {
        showTab(QStringLiteral("checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(item("checklistEditor") && settled(), e2e::kPatienceMs);
        QObject* model = item("checklistEditor")->property("model").value<QObject*>();
        QVERIFY(model);
        QVERIFY(!visible("editorDiscard"));
        QVERIFY(QMetaObject::invokeMethod(item("checklistEditor"), "select", Q_ARG(QVariant, 0)));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorTitle") && settled(), e2e::kPatienceMs);
        const QString before = text("editorTitle");
        QVERIFY(typeOver("editorTitle", QStringLiteral("Read how we handle mistakes, edited")));
        QTRY_VERIFY_WITH_TIMEOUT(model->property("dirty").toBool() && visible("editorDiscard"), e2e::kPatienceMs);

        // Keep editing changes nothing.
        QVERIFY(click("editorDiscard"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("discardText") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("discardText")
                     .endsWith(QStringLiteral(
                         "\n• Changed “Read how we handle mistakes” (now “Read how we handle mistakes, edited”)")),
                 qPrintable(text("discardText")));
        shot(QStringLiteral("editor-discard"));
        QVERIFY(click("discardCancel"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("discardText") && settled(), e2e::kPatienceMs);
        QVERIFY(model->property("dirty").toBool());

        // Discard goes back to the saved version.
        QVERIFY(click("editorDiscard"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("discardConfirm") && settled(), e2e::kPatienceMs);
        QVERIFY(click("discardConfirm"));
        QTRY_VERIFY_WITH_TIMEOUT(!model->property("dirty").toBool() && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("editorDiscard"));
        QVERIFY(QMetaObject::invokeMethod(item("checklistEditor"), "select", Q_ARG(QVariant, 0)));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorTitle"), before, e2e::kPatienceMs);
    }

    // A review marked in the queue whose hire is not the one shown was never
    // seen: Ctrl+Shift+N goes to it, not past it. While another mentee is
    // shown it is not drawn as a second selection beside them.
    void theNextReviewIsTheOneMarkedWhenItsHireIsNotShown()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(
            visible("review-alex-restore-drill") && visible("review-kai-sandbox-tests") && settled(), e2e::kPatienceMs);
        QVERIFY(item("review-alex-restore-drill")->property("highlighted").toBool());
        QVERIFY(click("mentee-lee")); // nothing of lee's waits: alex's review stays the one marked, undrawn
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-lee")->property("highlighted").toBool() && settled(), e2e::kPatienceMs);
        QVERIFY(!item("review-alex-restore-drill")->property("highlighted").toBool());
        QVERIFY(!item("review-kai-sandbox-tests")->property("highlighted").toBool());
        QCOMPARE(item("mentor")->property("reviewIndex").toInt(), 0);
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-alex")->property("highlighted").toBool(), e2e::kPatienceMs);
        QVERIFY(item("review-alex-restore-drill")->property("highlighted").toBool());
        // Its hire now shown, the next one is the next.
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-kai")->property("highlighted").toBool(), e2e::kPatienceMs);
        QVERIFY(item("review-kai-sandbox-tests")->property("highlighted").toBool());
    }

    // lee's steps past their day are said on his row; noor's access, once
    // renewed, is "unlocked" in green on her row as on her page.
    void aMenteesRowSaysWhatTheirPageSays()
    {
        QVERIFY2(accessibleName("mentee-lee").contains(QStringLiteral("steps overdue")),
                 qPrintable(accessibleName("mentee-lee")));
        QVERIFY(!accessibleName("mentee-alex").contains(QStringLiteral("overdue")));
        QVERIFY(e2e::textsUnder(item("mentee-lee")).join(u'|').contains(QStringLiteral(" overdue")));
        {
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            QDateTime renewed;
            const onramp::Error e =
                onramp::Credentials(*maya).renew(QStringLiteral("noor"), QStringLiteral("prod-db"), &renewed);
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(showPage(QStringLiteral("report")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentee-noor") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("mentee-noor")->property("accessKey").toString(), QStringLiteral("unlocked"));
        QVERIFY(item("mentee-noor")->property("accessOpen").toBool());
        QCOMPARE(item("menteeAccess-noor")->property("text").toString(), QStringLiteral("unlocked"));
        QCOMPARE(item("menteeAccess-noor")->property("tone").value<QColor>(), theme("success"));
        QQuickItem* fill = e2e::findItem(item("mentee-noor"), QStringLiteral("progressFill"));
        QVERIFY(fill);
        if (!item("mentee-noor")->property("highlighted").toBool())
            QCOMPARE(fill->property("color").value<QColor>(), theme("success"));
        shot(QStringLiteral("mentor-rows"));
    }

    // A renewal (or any act) reloads the mentees: the list stays where it
    // was scrolled to, with the mentee acted on in sight, not back at its top.
    void theMenteeListKeepsItsPlaceOnAReload()
    {
        QQuickItem* list = item("menteeList");
        QVERIFY(list);
        const qreal bottom = list->property("contentHeight").toReal() - list->height();
        QVERIFY2(bottom > 0, "the test needs a list longer than its room (1024x640)");
        QVERIFY(list->setProperty("contentY", bottom));
        QVERIFY(click("mentee-noor"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const qreal before = list->property("contentY").toReal();
        QVERIFY(before > 0);
        // Renewed through its dialog, as a mentor does: every list is read again.
        QTRY_VERIFY_WITH_TIMEOUT(visible("renew-prod-db") && settled(), e2e::kPatienceMs);
        QVERIFY(click("renew-prod-db"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("grantConfirmButton") && settled(), e2e::kPatienceMs);
        QVERIFY(click("grantConfirmButton"));
        QTRY_VERIFY2_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Renewed")), qPrintable(notice()),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !onramp::ui::Session::instance()->isBusy(), e2e::kPatienceMs);
        QTest::qWait(50);
        QCOMPARE(list->property("contentY").toReal(), before);
        QVERIFY(item("mentee-noor")->property("highlighted").toBool());
    }

    // Another Onramp holding the vault past the wait for it is no damage:
    // Home says the vault is busy and to try again, not to tell an admin.
    void aBusyVaultIsNotCalledUnreadable()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        std::unique_ptr<onramp::Vault> other = unlockDemo(QStringLiteral("alex"));
        QVERIFY(other);
        QVERIFY(!other->db().execute(QStringLiteral("BEGIN EXCLUSIVE")));
        auto release = qScopeGuard([&] { other->db().execute(QStringLiteral("ROLLBACK")); });
        QObject* enrollment = item("home")->findChild<onramp::ui::EnrollmentBackend*>();
        QVERIFY(enrollment);
        QElapsedTimer waited;
        waited.start();
        QVERIFY(QMetaObject::invokeMethod(enrollment, "reload"));
        // The read waits for the vault (kBusyTimeoutMs) before it gives up.
        QTRY_VERIFY_WITH_TIMEOUT(visible("homeUnreadable") && settled(), e2e::kPatienceMs);
        const QString said = e2e::textsUnder(item("home")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("The vault is busy")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("Tell your admin")), qPrintable(said));
        qInfo("the busy vault was told after %lld ms", waited.elapsed());
        release.dismiss();
        QVERIFY(!other->db().execute(QStringLiteral("ROLLBACK")));
        QVERIFY(click("emptyStateAction"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("homeUnreadable") && visible("gateStatus") && settled(), e2e::kPatienceMs);
    }

    // A step's links take the theme's link colour when the theme changes
    // while the step is open, not the blue of a light page on a dark one.
    void aStepsLinksFollowTheTheme()
    {
        QVERIFY(onramp::ui::Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
        auto restore =
            qScopeGuard([] { onramp::ui::Appearance::instance()->setModeForThisRun(QStringLiteral("light")); });
        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("step-restore-drill") && settled(), e2e::kPatienceMs);
        QVERIFY(click("step-restore-drill"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepBody") && settled(), e2e::kPatienceMs);
        QVERIFY(onramp::ui::Appearance::instance()->setModeForThisRun(QStringLiteral("dark")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* body = item("stepBody");
        const QRectF box = body->mapRectToScene(QRectF(0, 0, body->width(), body->height()));
        const QImage shown = m_window->grabWindow().copy(box.toAlignedRect());
        const auto pixelsLike = [&shown](const QColor& colour) {
            int n = 0;
            for (int y = 0; y < shown.height(); ++y)
                for (int x = 0; x < shown.width(); ++x) {
                    const QColor c = shown.pixelColor(x, y);
                    if (std::abs(c.red() - colour.red()) < 24 && std::abs(c.green() - colour.green()) < 24
                        && std::abs(c.blue() - colour.blue()) < 24)
                        ++n;
                }
            return n;
        };
        QVERIFY2(pixelsLike(theme("primary")) > 20, "the link is not in the dark theme's link colour");
        QCOMPARE(pixelsLike(QColor(0x1f, 0x5f, 0x8b)), 0); // the light theme's
        QCOMPARE(pixelsLike(QColor(0, 0, 255)), 0); // the default blue
        shot(QStringLiteral("step-link-dark"));
    }

    // Replacing a production secret says how many hires hold it now: noor,
    // renewed above; sam's grant ran out.
    void replacingASecretSaysWhoHoldsIt()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("template-prod-db") && settled(), e2e::kPatienceMs);
        QVERIFY(click("template-prod-db"));
        QVERIFY(m_ui->type(QStringLiteral("secretField"), QStringLiteral("a-new-secret")));
        QVERIFY(click("setSecretButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceSecretText") && settled(), e2e::kPatienceMs);
        // Counted as setSecret() delivers (Credentials::recipients()): noor's live grant, not sam's expired one.
        QTRY_VERIFY2_WITH_TIMEOUT(text("replaceSecretText")
                                      .startsWith(QStringLiteral("1 hire holds it now: each is given the new one at "
                                                                 "once, in place of the old.")),
                                  qPrintable(text("replaceSecretText")), e2e::kPatienceMs);
        QVERIFY(!text("replaceSecretText").contains(QStringLiteral("a-new-secret")));
        // Replaced: the notice counts the same hires the question did.
        QVERIFY(click("replaceSecretButton"));
        QTRY_VERIFY2_WITH_TIMEOUT(notice().contains(QStringLiteral("1 hire")), qPrintable(notice()), e2e::kPatienceMs);
    }

    // A mentor's shortcuts are more than 1024x640 holds: the sheet stays in
    // the window, its list scrolls with a bar, and the arrow keys bring its
    // last row (Esc) into view.
    void theShortcutSheetScrollsInASmallWindow()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTest::keyClick(m_window, Qt::Key_F1);
        QTRY_VERIFY_WITH_TIMEOUT(item("shortcutsSheet") && settled(), e2e::kPatienceMs);
        QQuickItem* list = item("shortcutsSheet");
        QVERIFY(list);
        const QRectF box = list->mapRectToScene(QRectF(0, 0, list->width(), list->height()));
        QVERIFY2(box.top() >= 0 && box.bottom() <= m_window->height(),
                 qPrintable(QStringLiteral("the list spans %1..%2 in a window %3 px high")
                                .arg(box.top())
                                .arg(box.bottom())
                                .arg(m_window->height())));
        QVERIFY2(list->property("contentHeight").toReal() > list->height(),
                 "the test needs a list longer than its room");
        QVERIFY(list->property("interactive").toBool());
        QVERIFY(visible("shortcutsScrollBar"));
        const int rows = list->property("count").toInt();
        for (int i = 1; i < rows; ++i)
            QTest::keyClick(m_window, Qt::Key_Down);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* last = m_ui->item(QStringLiteral("shortcutRow-%1").arg(rows - 1));
        QVERIFY(last);
        const QRectF lastBox = last->mapRectToScene(QRectF(0, 0, last->width(), last->height()));
        QVERIFY2(lastBox.top() >= box.top() - 0.5 && lastBox.bottom() <= box.bottom() + 0.5,
                 qPrintable(QStringLiteral("the last row spans %1..%2, the list %3..%4")
                                .arg(lastBox.top())
                                .arg(lastBox.bottom())
                                .arg(box.top())
                                .arg(box.bottom())));
        QVERIFY(e2e::textsUnder(last).join(u' ').contains(QStringLiteral("Esc")));
        shot(QStringLiteral("shortcuts-scrolled"));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!item("shortcutsSheet"), e2e::kPatienceMs);
    }

    // A disabled hire's enrollment says so, offers no edit nor move, and
    // none of their steps is overdue any more (lee had four).
    void aDisabledHiresEnrollmentSaysSoAndOffersNoMove()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(!onramp::ui::Session::instance()->performNow(
            [](onramp::Vault& v) { return onramp::People(v).disable(QStringLiteral("lee")); }));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-lee") && settled(), e2e::kPatienceMs);
        QVERIFY(visible("enrollmentDisabled-lee"));
        QVERIFY(!visible("enrollmentRowAccess-lee"));
        QVERIFY(visible("enrollmentRowAccess-alex"));
        QVERIFY(!visible("enrollmentDisabled-alex"));
        QVERIFY(click("enrollment-lee"));
        QTRY_VERIFY_WITH_TIMEOUT(text("enrollmentSummary").contains(QStringLiteral("is disabled")) && settled(),
                                 e2e::kPatienceMs);
        for (const char* action : {"editEnrollmentButton", "moveEnrollmentButton", "moveBackButton", "moveTarget"})
            QVERIFY2(!visible(action), action);
        QVERIFY(click("enrollment-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editEnrollmentButton") && settled(), e2e::kPatienceMs);
        std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
        QVERIFY(ada);
        onramp::EnrollmentStatus lee;
        QVERIFY(!onramp::Enrollments(*ada, onramp::defaultClock()).status(QStringLiteral("lee"), &lee));
        QVERIFY(
            std::none_of(lee.steps.cbegin(), lee.steps.cend(), [](const onramp::StepView& v) { return v.overdue; }));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesTwentyTwo)
#include "TestWalkFixesTwentyTwo.moc"
