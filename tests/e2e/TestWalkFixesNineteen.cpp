// The nineteenth walk's findings, in the real window on the demo team's
// vault: the mentor's page says that a mentee was moved and what still waits
// since, a request for changes from before the move says so, a locked
// credential reads in one tone on every page, and the Vault tab speaks of
// what it does rather than of commands.
#include "AdminBackend.h"
#include "AdminFixture.h"

#include "Appearance.h"
#include "Demo.h"
#include "credentials/Credentials.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesNineteen : public e2e::AdminFixture
{
    Q_OBJECT

    /// Signs in as the mentor and shows \a hire's steps on the mentor's page.
    bool menteeAsMaya(const QString& hire)
    {
        if (!m_ui->signInAs(QStringLiteral("maya")) || !m_ui->waitForPage(QStringLiteral("mentor")))
            return false;
        const QString row = QStringLiteral("mentee-") + hire;
        if (!QTest::qWaitFor([&] { return m_ui->item(row) && settled(); }, e2e::kPatienceMs) || !m_ui->click(row))
            return false;
        return QTest::qWaitFor([&] { return visible("step-handbook") && settled(); }, e2e::kPatienceMs);
    }

    /// The tone a Tag is drawn in.
    QColor toneOf(const char* tag) const
    {
        QQuickItem* it = item(tag);
        return it ? it->property("tone").value<QColor>() : QColor();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        {
            // kai did the restore drill too; maya approves it and sends the tests back,
            // then ada moves kai to version 2, which ends the approval and keeps the request.
            QVERIFY(markDemoDone(QStringLiteral("kai"), QStringLiteral("restore-drill")));
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            onramp::Error e =
                onramp::Enrollments(*maya).review(QStringLiteral("kai"), QStringLiteral("restore-drill"), true, {});
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::Enrollments(*maya).review(QStringLiteral("kai"), QStringLiteral("sandbox-tests"), false,
                                                  QStringLiteral("Share the output too."));
            QVERIFY2(!e, qPrintable(e.message));
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            e2e::importChecklist(*ada, demoVersionTwo());
            e = onramp::Enrollments(*ada).move(QStringLiteral("kai"), 2);
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // The mentor's page says that the mentee was moved, by whom and when, which
    // approvals it ended and which requests for changes it kept; an admin reads
    // the same with the mentor named. A mentee never moved shows nothing of it,
    // and once nothing the move caused waits any more, the note goes.
    void theMentorsPageSaysAMenteeWasMoved()
    {
        QVERIFY(menteeAsMaya(QStringLiteral("kai")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("menteeMoveNote") && settled(), e2e::kPatienceMs);
        const QString note = text("menteeMoveNoteText");
        QVERIFY2(note.startsWith(QStringLiteral("Ada Admin moved Kai Waiting to version 2 of the checklist on ")),
                 qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("It ended the approvals given before it; waiting for your review "
                                              "again: “Restore a backup into your sandbox”.")),
                 qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral(
                     "Changes asked before it still stand on “Run the test suite against your sandbox”.")),
                 qPrintable(note));
        shot(QStringLiteral("mentor-move-note"));
        // What production waits for is written for the mentor: the sign-off is theirs to give.
        QVERIFY2(
            e2e::textsUnder(item("gateStatus"))
                .contains(QStringLiteral(
                    "• You have not signed off yet: Sign off production… once the steps above are done, and approved "
                    "where they need your review")),
            qPrintable(e2e::textsUnder(item("gateStatus")).join(u'\n')));

        // The sent-back step's own page says the request came before the move.
        QVERIFY(click("step-sandbox-tests"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepState") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("stepState")
                     .contains(QStringLiteral(
                         ", before the move to this version of the checklist; that still stands. Waiting for Kai "
                         "Waiting to redo it.")),
                 qPrintable(text("stepState")));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));

        // alex was never moved.
        QVERIFY(click("mentee-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("step-handbook") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("menteeMoveNote"));

        // The admin reads it with the mentor named.
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentee-kai") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-kai"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("menteeMoveNote") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("menteeMoveNoteText")
                     .contains(QStringLiteral("waiting for a review by Maya Mentor again: “Restore a backup")),
                 qPrintable(text("menteeMoveNoteText")));

        // Re-reviewed and redone: nothing the move caused waits, and the note goes.
        {
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            onramp::Error e =
                onramp::Enrollments(*maya).review(QStringLiteral("kai"), QStringLiteral("restore-drill"), true, {});
            QVERIFY2(!e, qPrintable(e.message));
            std::unique_ptr<onramp::Vault> kai = unlockDemo(QStringLiteral("kai"));
            QVERIFY(kai);
            e = onramp::Enrollments(*kai).markDone(QStringLiteral("kai"), QStringLiteral("sandbox-tests"),
                                                   QStringLiteral("Output attached."));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(menteeAsMaya(QStringLiteral("kai")));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("menteeMoveNote") && settled(), e2e::kPatienceMs);
    }

    // A step's conversation tells the hire that they were moved, in words for
    // them, and the mentor whom: no "enrollment", which is the admin's word.
    void theConversationSaysWhoWasMoved()
    {
        // kai's first look on this desktop, after a move of steps they had done:
        // that is news, and Home says so (a move before anything they did is not).
        QVERIFY(m_ui->signInAs(QStringLiteral("kai")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveNotice") && settled(), e2e::kPatienceMs);
        QVERIFY2(
            text("moveNoticeText").startsWith(QStringLiteral("Ada Admin moved you to version 2 of the checklist.")),
            qPrintable(text("moveNoticeText")));
        shot(QStringLiteral("kai-home-after-move"));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("step-restore-drill") && settled(), e2e::kPatienceMs);
        QVERIFY(click("step-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepThread") && settled(), e2e::kPatienceMs);
        QString thread = e2e::textsUnder(item("stepThread")).join(u'\n');
        QVERIFY2(thread.contains(QStringLiteral("Ada Admin (admin) moved you from version 1 to version 2 of the "
                                                "checklist: the approval given on version 1 ended")),
                 qPrintable(thread));
        QVERIFY2(!thread.contains(QStringLiteral("enrollment")), qPrintable(thread));
        m_ui->key(Qt::Key_Escape);

        QVERIFY(menteeAsMaya(QStringLiteral("kai")));
        QVERIFY(click("step-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepThread") && settled(), e2e::kPatienceMs);
        thread = e2e::textsUnder(item("stepThread")).join(u'\n');
        QVERIFY2(thread.contains(QStringLiteral("Ada Admin (admin) moved Kai Waiting from version 1 to version 2")),
                 qPrintable(thread));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    // A production credential behind the gate is "locked" in the same tone on
    // the hire's Home and on the mentor's page: it is not there yet, nothing
    // went wrong.
    void aLockedCredentialReadsInOneToneEverywhere()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("status-prod-db") && settled(), e2e::kPatienceMs);
        const QColor hire = toneOf("status-prod-db");
        QVERIFY2(e2e::textsUnder(item("gateStatus"))
                     .contains(QStringLiteral("• Maya Mentor has not signed off your production access yet")),
                 qPrintable(e2e::textsUnder(item("gateStatus")).join(u'\n')));
        QVERIFY(menteeAsMaya(QStringLiteral("alex")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("grant-status-prod-db"), e2e::kPatienceMs);
        QCOMPARE(text("grant-status-prod-db"), QStringLiteral("locked"));
        const QColor mentor = toneOf("grant-status-prod-db");
        QVERIFY(hire.isValid());
        QCOMPARE(hire, mentor);
        // The warning tone, not the danger one: revoked and run out keep that.
        QCOMPARE(mentor, item("menteeAccess-alex")->property("tone").value<QColor>());
    }

    // A progress bar's colour means on the mentor's page what it means on the
    // report's progress chart: blue while production is locked, green once
    // unlocked, the third tone once revoked or expired. A locked hire's bar
    // was green beside a "locked" tag.
    void progressBarsAreColouredAsTheReportsChart()
    {
        QVERIFY(menteeAsMaya(QStringLiteral("lee")));
        const auto fillOf = [this](const QString& hire) {
            QQuickItem* row = m_ui->item(QStringLiteral("mentee-") + hire);
            QQuickItem* fill = row ? e2e::findItem(row, QStringLiteral("progressFill")) : nullptr;
            return fill ? fill->property("color").value<QColor>() : QColor();
        };
        const QColor alex = fillOf(QStringLiteral("alex")); // locked, not selected
        const QColor noor = fillOf(QStringLiteral("noor")); // signed off, every grant expired since
        QVERIFY(alex.isValid() && noor.isValid());
        QVERIFY(alex != noor);
        QVERIFY(showPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("progressChart") && settled(), e2e::kPatienceMs);
        QCOMPARE(alex, item("progressChart")->property("barColor").value<QColor>());
        // Expired reads in the third tone, as revoked does, on both.
        QCOMPARE(noor, item("progressChart")->property("mutedColor").value<QColor>());
    }

    // The Vault tab's cards say what they do; the command that does the same
    // is a line of its own under each, for the admin who scripts it, and no
    // sentence sends anyone to the command line.
    void theVaultTabSpeaksOfWhatItDoes()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("vault"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("scriptRestore") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("scriptCheck"), QStringLiteral("From a script: onramp vault check"));
        QCOMPARE(text("scriptRotate"), QStringLiteral("From a script: onramp vault rotate-production-key"));
        QCOMPARE(text("scriptBackup"), QStringLiteral("From a script: onramp backup FILE"));
        QCOMPARE(text("scriptRestore"), QStringLiteral("From a script: onramp restore FILE --replace"));
        int prose = 0;
        const QList<QQuickItem*> all = item("vaultTab")->findChildren<QQuickItem*>();
        for (QQuickItem* it : all) {
            const QString said = it->property("text").toString();
            if (!it->inherits("QQuickText") || it->objectName().startsWith(QStringLiteral("script")) || said.isEmpty())
                continue;
            ++prose;
            QVERIFY2(!said.contains(QStringLiteral("onramp ")), qPrintable(said));
        }
        QVERIFY(prose >= 8); // the headings and the descriptions were read
        shot(QStringLiteral("vault-tab"));
    }

    // A step renamed in a later version reads on the audit page under the
    // title it has today, marked as today's: entries written under the old
    // title do not pass it off as the one they were written under.
    void theAuditPageMarksAStepsTitleOfToday()
    {
        {
            QByteArray three = demoVersionTwo();
            three.replace("title: Set up your laptop", "title: Set up your workstation");
            QVERIFY(three.contains("Set up your workstation"));
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            e2e::importChecklist(*ada, three);
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("audit")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("auditEntries") && settled(), e2e::kPatienceMs);
        QQuickItem* field = item("auditActorFilter");
        QVERIFY(field);
        QVERIFY(m_ui->type(QStringLiteral("auditActorFilter"), QStringLiteral("noor")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QAbstractItemModel* model = item("auditEntries")->property("model").value<QAbstractItemModel*>();
        QVERIFY(model);
        const int details = model->roleNames().key("details");
        QVERIFY(details > 0);
        QStringList laptop;
        QStringList handbook;
        int laptopRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString said = model->index(row, 0).data(details).toString();
            if (said.contains(QStringLiteral("(laptop"))) {
                laptop.append(said);
                laptopRow = row;
            }
            if (said.contains(QStringLiteral("(handbook")))
                handbook.append(said);
        }
        QCOMPARE(laptop.size(), 1);
        QVERIFY2(laptop.at(0).startsWith(QStringLiteral("Step: Set up your workstation (laptop; its title today) · ")),
                 qPrintable(laptop.at(0)));
        // A step whose title never changed reads plainly.
        QCOMPARE(handbook.size(), 1);
        QVERIFY2(handbook.at(0).startsWith(QStringLiteral("Step: Read how we handle mistakes (handbook) · ")),
                 qPrintable(handbook.at(0)));
        // And so the row on the page reads, scrolled to.
        QVERIFY(QMetaObject::invokeMethod(item("auditEntries"), "positionViewAtIndex", Q_ARG(int, laptopRow),
                                          Q_ARG(int, 1 /* ListView.Center */)));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QStringList rows = e2e::textsUnder(item("auditEntries"));
        QVERIFY2(std::any_of(rows.cbegin(), rows.cend(),
                             [](const QString& t) { return t.contains(QStringLiteral("(laptop; its title today)")); }),
                 qPrintable(rows.join(u'\n')));
        shot(QStringLiteral("audit-retitled-step"));
    }

    // The first passphrase typed for a new person can be read back before it
    // is handed over, as a reset's can; hidden again for the next person.
    void aFirstPassphraseCanBeReadBack()
    {
        constexpr int kNormal = 0; // TextInput.Normal
        constexpr int kPassword = 2; // TextInput.Password
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("people"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personPassphraseShow") && settled(), e2e::kPatienceMs);
        QQuickItem* field = item("personPassphrase");
        QCOMPARE(field->property("echoMode").toInt(), kPassword);
        QVERIFY(click("personPassphraseShow"));
        QTRY_COMPARE_WITH_TIMEOUT(field->property("echoMode").toInt(), kNormal, e2e::kPatienceMs);
        QCOMPARE(text("personPassphraseShow"), QStringLiteral("Hide"));
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("rio")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Rio Reader")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("rio's first passphrase here")));
        QCOMPARE(field->property("displayText").toString(), QStringLiteral("rio's first passphrase here"));
        QVERIFY(click("addPersonButton"));
        QVERIFY(m_ui->closeFirstPassphrase());
        QTRY_VERIFY_WITH_TIMEOUT(visible("person-rio") && settled(), e2e::kPatienceMs);
        QCOMPARE(field->property("echoMode").toInt(), kPassword);
    }

    // The form's body box keeps two lines at 1024x640; "Larger…" (or Ctrl+E
    // in the box) opens the body in a box as large as the window allows.
    // "Use this text" puts it in the step; Escape leaves the step as it was.
    void aStepsBodyOpensInALargerBox()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorStep-restore-drill") && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorStep-restore-drill"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorBodyLarger") && settled(), e2e::kPatienceMs);
        const QString before = item("editorBody")->property("text").toString();
        QVERIFY(!before.isEmpty());
        QVERIFY(click("editorBodyLarger"));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = popupNamed(QStringLiteral("editorBodyDialog")))
                                     && dialog->property("opened").toBool() && settled(),
                                 e2e::kPatienceMs);
        QCOMPARE(dialog->property("title").toString(), QStringLiteral("Body of “Restore a backup into your sandbox”"));
        QCOMPARE(text("editorBodyDialogText"), before);
        QVERIFY(focused("editorBodyDialogText"));
        // Far larger than the form's two lines.
        QQuickItem* larger = item("editorBodyDialogText")->parentItem();
        while (larger && !larger->inherits("QQuickScrollView"))
            larger = larger->parentItem();
        QVERIFY(larger);
        QVERIFY2(larger->height() > 4 * item("editorBodyFrame")->height(),
                 qPrintable(
                     QStringLiteral("%1 px against %2").arg(larger->height()).arg(item("editorBodyFrame")->height())));
        shot(QStringLiteral("editor-body-larger"));
        typeText(QStringLiteral(" Time it."));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(item("editorBody")->property("text").toString(), before);
        QVERIFY(focused("editorBody"));

        // Ctrl+E from the form's box; Ctrl+Enter uses the text.
        QTest::keyClick(m_window, Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool() && settled(), e2e::kPatienceMs);
        typeText(QStringLiteral(" Time it."));
        QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(item("editorBody")->property("text").toString(), before + QStringLiteral(" Time it."));
        QVERIFY(visible("editorUnsaved"));
    }

    // A hire signed off and since revoked has no access left: the move dialog
    // warns of none, and its button says only where the hire goes.
    void aMoveOfARevokedHireEndsNoAccess()
    {
        {
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            const onramp::Error e =
                onramp::Credentials(*maya).revoke(QStringLiteral("noor"), QStringLiteral("prod-db"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-noor") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-noor"));
        QTRY_COMPARE_WITH_TIMEOUT(text("enrollmentAccess"), QStringLiteral("revoked"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveEnrollmentButton") && item("moveEnrollmentButton")->isEnabled()
                                     && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(click("moveEnrollmentButton"));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = popupNamed(QStringLiteral("moveDialog")))
                                     && dialog->property("opened").toBool() && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(!visible("moveAccessWarning"));
        QVERIFY2(!text("moveDialogConfirm").contains(QStringLiteral("production access")),
                 qPrintable(text("moveDialogConfirm")));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
    }

    // A hire whose grant ran out (sam) or was revoked (noor, above) shows a
    // way on to the Team page, which opens with that hire shown and their
    // grant's Renew in sight; one whose access is open (alex, not signed off)
    // shows none.
    void anExpiredGrantLeadsToItsRenewal()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QTRY_COMPARE_WITH_TIMEOUT(text("enrollmentAccess"), QStringLiteral("locked"), e2e::kPatienceMs);
        QVERIFY(!visible("renewOnTeamButton"));
        QVERIFY(click("enrollment-sam"));
        QTRY_COMPARE_WITH_TIMEOUT(text("enrollmentAccess"), QStringLiteral("expired"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("renewOnTeamButton") && settled(), e2e::kPatienceMs);
        QVERIFY(click("renewOnTeamButton"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QCOMPARE(item("mentor")->property("selected").toString(), QStringLiteral("sam"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("renew-prod-db") && settled(), e2e::kPatienceMs);
    }

    // A scan found a production secret in the team's documents: the Production
    // secrets list marks it "leaked, rotate", and the form that sets a new one
    // says when and what to do, as `onramp cred list` does. Set again, the mark goes.
    void aLeakedSecretIsMarkedWhereItIsSet()
    {
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            onramp::scan::ScanSummary summary;
            summary.files = 1;
            const onramp::Error e =
                onramp::scan::VaultScan(*ada).record(summary, QMap<QString, int>{{QStringLiteral("prod-db"), 1}});
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("template-prod-db") && settled(), e2e::kPatienceMs);
        QVERIFY(visible("leakedTag-prod-db"));
        QCOMPARE(text("leakedTag-prod-db"), QStringLiteral("leaked, rotate"));
        QVERIFY(click("template-prod-db"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("secretLeaked") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("secretLeaked").startsWith(QStringLiteral("Leaked: found by a scan on ")),
                 qPrintable(text("secretLeaked")));
        shot(QStringLiteral("secrets-leaked"));

        // Set anew: no longer what the scan found.
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            int delivered = 0;
            const onramp::Error e = onramp::Credentials(*ada).setSecret(
                QStringLiteral("prod-db"), onramp::SecureBytes::copyOf(QByteArrayLiteral("a-new-rotated-secret-42")),
                &delivered);
            QVERIFY2(!e, qPrintable(e.message));
        }
        QObject* backend = item("admin")->findChild<onramp::ui::AdminBackend*>();
        QVERIFY(backend);
        QVERIFY(QMetaObject::invokeMethod(backend, "reload"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("leakedTag-prod-db") && !visible("secretLeaked") && settled(),
                                 e2e::kPatienceMs);
    }

    // Last, as it disables maya: the Team page marks a hire's disabled
    // mentor and says where another is given, in place of "waiting for
    // sign-off by" someone who never will.
    void theTeamPageMarksADisabledMentor()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("menteeHeading") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("mentorDisabledTag"));
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            const onramp::Error e = onramp::People(*ada).disable(QStringLiteral("maya"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(showPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentorDisabledTag") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("mentorDisabledTag"), QStringLiteral("mentor disabled"));
        QCOMPARE(toneOf("mentorDisabledTag"), AdminFixture::theme("warning"));
        QVERIFY(!visible("signoffWaiting"));
        // What production waits for says that no sign-off comes, and who gives another mentor.
        const QString page = e2e::textsUnder(item("mentor")).join(u'\n');
        QVERIFY2(page.contains(QStringLiteral(
                     "Maya Mentor is disabled: nobody signs off until an admin gives Alex Newhire another mentor")),
                 qPrintable(page));
        QVERIFY(!page.contains(QStringLiteral("Maya Mentor has not signed off yet")));
        const QString subtitle = item("menteeHeading")->property("subtitle").toString();
        QVERIFY2(subtitle.contains(QStringLiteral("mentored by Maya Mentor, disabled")), qPrintable(subtitle));
        shot(QStringLiteral("team-mentor-disabled"));
        // The hire reads it on Home, in their words.
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(
            e2e::textsUnder(item("home"))
                .join(u'\n')
                .contains(QStringLiteral(
                    "Your mentor Maya Mentor is disabled: an admin gives you another mentor, who signs off")),
            e2e::kPatienceMs);
    }
};

QTEST_MAIN(TestWalkFixesNineteen)
#include "TestWalkFixesNineteen.moc"
