// The twenty-first walk's findings, in the real window on the demo team's
// vault: what waits for a mentor besides reviews, a page that holds still
// when its queue empties, the admin's way back to where they were, and the
// words an audit entry's fingerprints and keys were missing.
#include "AdminFixture.h"

#include "HireSummaryPdf.h"
#include "Session.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "report/Report.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesTwentyOne : public e2e::AdminFixture
{
    Q_OBJECT

    QString subtitle(const char* heading) const { return item(heading)->property("subtitle").toString(); }

    /// The Checklists tab of the Admin page shown (one replaced may linger a moment).
    QQuickItem* checklistsTab() const
    {
        return item("admin")->findChild<QQuickItem*>(QStringLiteral("tab-checklists"));
    }

    /// The page's y of \a name, for whether it moved.
    qreal sceneY(const char* name) const { return item(name)->mapToScene({0, 0}).y(); }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        {
            // pat is added but not enrolled yet.
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            const onramp::Error e = onramp::People(*ada).add(QStringLiteral("pat"), QStringLiteral("Pat Pending"),
                                                             onramp::Role::Hire, "pat's passphrase, never used here");
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // People › a hire not enrolled yet: the page says so and Enroll… opens
    // the Enrollments form with them picked, the keys in it.
    void aHireNotEnrolledYetCanBeEnrolledFromPeople()
    {
        showTab(QStringLiteral("people"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("person-pat") && settled(), e2e::kPatienceMs);
        QVERIFY(click("person-pat"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personEnroll") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("personNotEnrolled").startsWith(QStringLiteral("Not enrolled on a checklist yet")),
                 qPrintable(text("personNotEnrolled")));
        // An enrolled hire has no such line.
        QVERIFY(click("person-kai"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("personEnroll") && settled(), e2e::kPatienceMs);
        QVERIFY(click("person-pat"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personEnroll") && settled(), e2e::kPatienceMs);
        shot(QStringLiteral("people-not-enrolled"));

        QVERIFY(click("personEnroll"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollHire") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("admin")->property("currentTab").toInt(), 2);
        QCOMPARE(item("enrollHire")->property("currentValue").toString(), QStringLiteral("pat"));
        QVERIFY(focused("enrollHire"));
    }

    // Admin opens again on the tab left, within the session; a new session
    // starts on People.
    void adminReopensOnTheTabLeft()
    {
        showTab(QStringLiteral("secrets"));
        QVERIFY(showPage(QStringLiteral("report")));
        QVERIFY(showPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(item("admin") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("admin")->property("currentTab").toInt(), 3);
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QCOMPARE(item("admin")->property("currentTab").toInt(), 0);
    }

    // Edits not saved as a version are marked on the Checklists tab, read
    // out as such, wherever in Admin the admin goes.
    void unsavedEditsAreMarkedOnTheTab()
    {
        showTab(QStringLiteral("checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(item("checklistEditor") && settled(), e2e::kPatienceMs);
        QCOMPARE(checklistsTab()->property("text").toString(), QStringLiteral("Checklists"));
        QVERIFY(QMetaObject::invokeMethod(item("checklistEditor"), "select", Q_ARG(QVariant, 0)));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorTitle") && settled(), e2e::kPatienceMs);
        QVERIFY(typeOver("editorTitle", QStringLiteral("Read how we handle mistakes, edited")));
        QObject* model = item("checklistEditor")->property("model").value<QObject*>();
        QTRY_VERIFY2_WITH_TIMEOUT(model->property("dirty").toBool(), qPrintable(text("editorTitle")), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(checklistsTab()->property("text").toString(), QStringLiteral("Checklists •"),
                                  e2e::kPatienceMs);
        // Another page and back: Admin is made anew, and the kept edits mark the tab again.
        QVERIFY(showPage(QStringLiteral("report")));
        showTab(QStringLiteral("people"));
        QTRY_COMPARE_WITH_TIMEOUT(checklistsTab()->property("text").toString(), QStringLiteral("Checklists •"),
                                  e2e::kPatienceMs);
        const QString name = QAccessible::queryAccessibleInterface(checklistsTab())->text(QAccessible::Name);
        QCOMPARE(name, QStringLiteral("Checklists, changes not saved as a version"));
        shot(QStringLiteral("unsaved-tab"));
    }

    // An entry's fingerprints and keys say what they are for, and a signed
    // record's digest is whole.
    void anAuditEntrysKeysAndSealsAreExplained()
    {
        QVERIFY(showPage(QStringLiteral("audit")));
        QQuickItem* list = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((list = item("auditEntries")) && settled(), e2e::kPatienceMs);
        auto* model = list->property("model").value<QAbstractItemModel*>();
        QVERIFY(model);
        const int actionRole = model->roleNames().key("actionName");
        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r)
            if (model->index(r, 0).data(actionRole).toString() == QLatin1String("signoff"))
                row = r;
        QVERIFY(row >= 0);
        QVERIFY(QMetaObject::invokeMethod(item("audit"), "showEntry", Q_ARG(QVariant, row)));
        QObject* dialog = item("audit")->findChild<QObject*>(QStringLiteral("auditEntryDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool() && settled(), e2e::kPatienceMs);
        const QStringList shown = e2e::textsUnder(item("auditEntryDetails"));
        const QString all = shown.join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("A fingerprint of the checklist's text as it was signed")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Each entry's hash covers the entry before it")), qPrintable(all));
        static const QRegularExpression whole(QStringLiteral("signed digest [0-9a-f]{64}$"),
                                              QRegularExpression::MultilineOption);
        QVERIFY2(whole.match(all).hasMatch(), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("…")), qPrintable(all));
        shot(QStringLiteral("audit-entry-explained"));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
    }

    // A hire whose status cannot be read is told that, with another try,
    // not that they are not enrolled.
    void aStatusThatCannotBeReadIsNotCalledNotEnrolled()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        const auto sql = [](const QString& statement, const QVariantList& params) {
            return onramp::ui::Session::instance()->performNow(
                [&](onramp::Vault& v) { return v.db().execute(statement, params); });
        };
        // The checklist's row rewritten outside Onramp into something that does not parse.
        QByteArray original;
        QVERIFY(!onramp::ui::Session::instance()->performNow([&](onramp::Vault& v) {
            original = v.db()
                           .scalar(QStringLiteral("SELECT yaml FROM checklists WHERE slug = ?1"),
                                   {QStringLiteral("backend-week-one")})
                           .toByteArray();
            return onramp::Error();
        }));
        QVERIFY(!original.isEmpty());
        const QString update = QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE slug = ?2");
        QVERIFY(!sql(update, {QByteArray("checklist: [unclosed"), QStringLiteral("backend-week-one")}));
        // Put back whatever happens, for the tests after this one.
        auto putBack = qScopeGuard([&] { sql(update, {original, QStringLiteral("backend-week-one")}); });
        QVERIFY(showPage(QStringLiteral("checklist")));
        QVERIFY(showPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("homeUnreadable") && settled(), e2e::kPatienceMs);
        const QString said = e2e::textsUnder(item("home")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("Your checklist could not be read")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("not enrolled")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("comes with your checklist")), qPrintable(said));
        shot(QStringLiteral("home-unreadable"));
        putBack.dismiss();
        QVERIFY(!sql(update, {original, QStringLiteral("backend-week-one")}));
        QVERIFY(click("emptyStateAction"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("homeUnreadable") && visible("gateStatus") && settled(), e2e::kPatienceMs);
    }

    // A control at the top of Home, given the keys while the page is
    // scrolled to its end (Tab wraps around), scrolls back into sight.
    void theKeysOnHomeAreAlwaysInSight()
    {
        QVERIFY(showPage(QStringLiteral("home")));
        // A short window, so that Home scrolls whatever it holds.
        const QSize size = m_window->size();
        auto restore = qScopeGuard([&] { m_window->resize(size); });
        m_window->resize(size.width(), 400);
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        QQuickItem* scroll = item("homeScroll");
        QVERIFY(scroll);
        auto* flick = scroll->property("contentItem").value<QQuickItem*>();
        QVERIFY(flick);
        QTRY_VERIFY_WITH_TIMEOUT(flick->height() < m_window->height() && settled(), e2e::kPatienceMs);
        const qreal most = flick->property("contentHeight").toReal() - flick->height();
        QVERIFY2(most > 100,
                 qPrintable(QStringLiteral("window %1, view %2, content %3")
                                .arg(m_window->height())
                                .arg(flick->height())
                                .arg(flick->property("contentHeight").toReal())));
        // The first control the keys reach, from the top of the page's content.
        auto* content = flick->property("contentItem").value<QQuickItem*>();
        QQuickItem* first = nullptr;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (!it->isVisible())
                return;
            if (it->activeFocusOnTab() && it->isEnabled()
                && (!first || it->mapToItem(content, {0, 0}).y() < first->mapToItem(content, {0, 0}).y()))
                first = it;
            for (QQuickItem* child : it->childItems())
                visit(child);
        };
        visit(content);
        QVERIFY(first);
        flick->setProperty("contentY", most);
        QVERIFY(first->mapToItem(flick, {0, 0}).y() + first->height() < 0); // out of sight above
        first->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(first->mapToItem(flick, {0, 0}).y() >= 0
                                     && first->mapToItem(flick, {0, 0}).y() + first->height() <= flick->height(),
                                 e2e::kPatienceMs);
        restore.dismiss();
        m_window->resize(size);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    // A step past its day and not done is overdue until the sign-off holds,
    // in every screen, export and report alike: lee, locked, has steps
    // overdue. sam, signed off, never had lunch with the team, an optional
    // step: it was due, and is late for nothing now, so no list, export or
    // chart counts it overdue, and its line says the day passed.
    void aStepPastItsDayIsOverdueUntilTheSignoff()
    {
        std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
        QVERIFY(ada);
        onramp::EnrollmentStatus sam;
        onramp::EnrollmentStatus lee;
        onramp::Error e = onramp::Enrollments(*ada).status(QStringLiteral("sam"), &sam);
        QVERIFY2(!e, qPrintable(e.message));
        e = onramp::Enrollments(*ada).status(QStringLiteral("lee"), &lee);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!sam.locked());
        const auto lunch = [](const onramp::EnrollmentStatus& s) {
            for (const onramp::StepView& v : s.steps)
                if (v.step.id == QLatin1String("team-lunch"))
                    return v;
            return onramp::StepView();
        };
        QVERIFY(!lunch(sam).done);
        QVERIFY(!lunch(sam).step.required);
        QVERIFY(lunch(sam).due.isValid() && lunch(sam).due < QDate::currentDate());
        QVERIFY(lunch(sam).pastDue);
        QVERIFY(!lunch(sam).overdue);
        QVERIFY(!onramp::report::csvRows(sam).contains(",overdue,"));
        QVERIFY(!onramp::ui::hireSummaryHtml(sam).contains(QStringLiteral("overdue")));
        const onramp::report::Figures samsFigures = onramp::report::compute({sam}, QDateTime::currentDateTimeUtc());
        QVERIFY(samsFigures.overdue.isEmpty());
        onramp::report::Summary summary;
        e = onramp::report::summarize(*ada, &summary);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(std::none_of(summary.overdue.cbegin(), summary.overdue.cend(),
                             [](const auto& o) { return o.hire == QLatin1String("sam"); }));
        // lee is locked: a step past its day is overdue, in the report too.
        QVERIFY(lee.locked());
        QVERIFY(std::any_of(lee.steps.cbegin(), lee.steps.cend(), [](const onramp::StepView& v) { return v.overdue; }));
        QVERIFY(std::any_of(summary.overdue.cbegin(), summary.overdue.cend(),
                            [](const auto& o) { return o.hire == QLatin1String("lee"); }));
    }

    // Back from a step with Escape, the keys are in the Checklist's list
    // again: Down moves on from the step left.
    void backFromAStepTheKeysAreInTheList()
    {
        QVERIFY(showPage(QStringLiteral("checklist")));
        QQuickItem* list = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((list = item("stepList")) && list->property("count").toInt() > 1 && settled(),
                                 e2e::kPatienceMs);
        list->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(list->hasActiveFocus(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Down);
        const int row = list->property("currentIndex").toInt();
        m_ui->key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->page(), QStringLiteral("step"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->page(), QStringLiteral("checklist"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(item("stepList") && item("stepList")->hasActiveFocus(), e2e::kPatienceMs);
        QCOMPARE(item("stepList")->property("currentIndex").toInt(), row);
    }

    // maya's header counts what waits for her, and the access that ran out
    // for sam and noor, which only a renewal gives back; kai's week-long wait
    // is said on his review, alex's fresh one is not.
    void aMentorIsToldOfAccessThatRanOutAndOfLongWaits()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("review-kai-sandbox-tests") && settled(), e2e::kPatienceMs);
        const QString header = subtitle("teamHeading");
        QVERIFY2(header.startsWith(QStringLiteral("Waiting for you: 2 reviews")), qPrintable(header));
        QVERIFY2(header.endsWith(QStringLiteral(" · access expired for 2 mentees")), qPrintable(header));
        static const QRegularExpression days(QStringLiteral("^waiting [2-9] days$"));
        QVERIFY2(days.match(text("reviewWait-kai-sandbox-tests")).hasMatch(),
                 qPrintable(text("reviewWait-kai-sandbox-tests")));
        QVERIFY(!visible("reviewWait-alex-restore-drill"));
        // sam's bar is coloured as expired, as the report's is, not as access that stands.
        QCOMPARE(item("mentee-sam")->property("accessKey").toString(), QStringLiteral("expired"));
        QCOMPARE(item("mentee-alex")->property("accessKey").toString(), QStringLiteral("locked"));
        const QString name =
            QAccessible::queryAccessibleInterface(item("review-kai-sandbox-tests"))->text(QAccessible::Name);
        QVERIFY2(name.contains(text("reviewWait-kai-sandbox-tests")), qPrintable(name));
        // At 1024x640 the mentees do not all fit under the queue: a bar says there are more.
        QQuickItem* list = item("menteeList");
        QVERIFY(list);
        QVERIFY2(list->property("contentHeight").toReal() > list->height(), "every mentee fits: nothing to show");
        QVERIFY(visible("menteeScrollBar"));
        QVERIFY(item("mentee-alex")->width() <= list->width() - item("menteeScrollBar")->width() + 0.5);
        shot(QStringLiteral("mentor-long-wait"));
    }

    // Approving with Ctrl+Shift+A moves on to the next review; the hire whose
    // last review it was stays shown, ready for the sign-off, with the keys on
    // Sign off and no review of another hire marked beside them; the next
    // Ctrl+Shift+A shows the hire it asks about: it never acts on a hire other
    // than the one on screen.
    void theNextReviewsHireIsShownAfterAnApproval()
    {
        QVERIFY(click("mentee-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(item("review-alex-restore-drill")
                                     && item("review-alex-restore-drill")->property("highlighted").toBool() && settled()
                                     && !onramp::ui::Session::instance()->isBusy(),
                                 e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(visible("approveConfirmButton") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("approveNotesHeading").endsWith(QStringLiteral("approving answers them:")),
                 qPrintable(text("approveNotesHeading")));
        QVERIFY(click("approveConfirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!item("review-alex-restore-drill") && settled(), e2e::kPatienceMs);
        // That was alex's last review: alex, now ready for the sign-off, stays shown, the keys on Sign off...
        QTRY_VERIFY_WITH_TIMEOUT(visible("menteeReady-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(item("mentee-alex")->property("highlighted").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(focused("signoffButton"), e2e::kPatienceMs);
        // ...and kai's review, the next, is not marked as a second selection.
        QVERIFY(item("review-kai-sandbox-tests"));
        QVERIFY(!item("review-kai-sandbox-tests")->property("highlighted").toBool());
        shot(QStringLiteral("mentor-next-review"));
        // ...and Ctrl+Shift+A on the review marked shows the hire it asks about before it asks.
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(visible("approveConfirmButton") && settled(), e2e::kPatienceMs);
        QVERIFY(item("mentee-kai")->property("highlighted").toBool());
        QVERIFY(!item("mentee-alex")->property("highlighted").toBool());
        QVERIFY(item("review-kai-sandbox-tests")->property("highlighted").toBool());
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("approveConfirmButton") && settled(), e2e::kPatienceMs);
    }

    // The queue empties while the page is open: its card stays and says so,
    // and the mentees below do not jump up.
    void thePageHoldsStillWhenTheQueueEmpties()
    {
        QTRY_VERIFY_WITH_TIMEOUT(visible("review-kai-sandbox-tests") && visible("mentee-kai") && settled()
                                     && !visible("review-alex-restore-drill"),
                                 e2e::kPatienceMs);
        const qreal before = sceneY("mentee-kai");
        {
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            for (const auto& [hire, step] : {std::pair{"kai", "sandbox-tests"}}) {
                const onramp::Error e =
                    onramp::Enrollments(*maya).review(QString::fromLatin1(hire), QString::fromLatin1(step), true, {});
                QVERIFY2(!e, qPrintable(e.message));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(visible("approvalQueueDone") && settled(), e2e::kPatienceMs);
        // Not "nothing waits" beside a header that counts a sign-off: what waits is said, and marked on its row.
        QCOMPARE(text("approvalQueueDone"),
                 QStringLiteral("No step waits for your review. 1 mentee ready for your sign-off, marked below."));
        QVERIFY(visible("menteeReady-alex"));
        QVERIFY(!visible("menteeReady-kai"));
        QVERIFY(!visible("approvalQueueKeys"));
        QVERIFY2(sceneY("mentee-kai") >= before - 1,
                 qPrintable(QStringLiteral("kai's row went from %1 to %2").arg(before).arg(sceneY("mentee-kai"))));
        // The card holds its height with its words at its top, not floating in it.
        const qreal headingInCard = sceneY("approvalQueueHeading") - sceneY("approvalQueue");
        QVERIFY2(headingInCard < 40,
                 qPrintable(QStringLiteral("the heading is %1 px into its card").arg(headingInCard)));
        const QString header = subtitle("teamHeading");
        // alex's steps are all approved now: the sign-off is what waits.
        QCOMPARE(header, QStringLiteral("Waiting for you: 1 sign-off · access expired for 2 mentees"));
        shot(QStringLiteral("mentor-queue-emptied"));
    }

    // Another mentee's page starts at its top, not where the last one was left.
    void anotherMenteeStartsAtTheTop()
    {
        QVERIFY(click("mentee-noor"));
        QQuickItem* detail = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((detail = item("menteeDetail")) && settled(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(detail->property("contentHeight").toReal() > detail->height() + 50, e2e::kPatienceMs);
        detail->setProperty("contentY", 200.0);
        QCOMPARE(detail->property("contentY").toReal(), 200.0);
        QVERIFY(click("mentee-kai"));
        QTRY_COMPARE_WITH_TIMEOUT(detail->property("contentY").toReal(), 0.0, e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesTwentyOne)

#include "TestWalkFixesTwentyOne.moc"
