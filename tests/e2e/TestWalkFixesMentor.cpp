// The demo's mentor and admin journeys after a move to a new checklist
// version, through the real window: the move's dialog counts right, the Team
// page counts as its rows do, a step keeps its conversation and says why it
// waits for review again, the review queue quotes the newest note and the
// approval shows the notes not answered yet, the keys go on after an
// approval, and the sign-off says when it was given.
#include "E2eDriver.h"

#include "Formats.h"
#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestWalkFixesMentor : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    /// Acts on the vault as the demo person \a name, outside the window (another desktop).
    onramp::Error asPerson(const QString& name, const std::function<onramp::Error(onramp::Vault&)>& work)
    {
        return e2e::asDemoPerson(m_vault, name, work);
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
        // maya approves both steps she reviews on version 1; ada makes a version 2.
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
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
    }

    void cleanupTestCase() { closeWindow(); }

    // Admin §2: the move's dialog says which done steps stay done, which wait
    // for a review again, and how many count as done after it.
    void theMoveDialogSaysWhatHappens()
    {
        QVERIFY(showPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-enrollments")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("enrollment-alex")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("enrollment-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("moveEnrollmentButton"))
                                     && item(QStringLiteral("moveEnrollmentButton"))->isEnabled() && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("moveEnrollmentButton")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("moveDialogText")) && settled(), e2e::kPatienceMs);
        const QString text = m_ui->text(QStringLiteral("moveDialogText"));
        const QStringList sentences = text.split(QStringLiteral("\n\n"));
        const auto sentence = [&](const QString& words) {
            for (const QString& s : sentences)
                if (s.contains(words))
                    return s;
            return QString();
        };
        const QString stay = sentence(QStringLiteral("stay done"));
        QVERIFY2(stay.contains(QStringLiteral("Set up your laptop")), qPrintable(text));
        QVERIFY2(!stay.contains(QStringLiteral("Run the test suite")), qPrintable(text));
        const QString again = sentence(QStringLiteral("wait for their review"));
        QVERIFY2(again.contains(QStringLiteral("Run the test suite against your sandbox"))
                     && again.contains(QStringLiteral("Restore a backup into your sandbox")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("After the move: 2 of 5 steps done.")), qPrintable(text));

        QVERIFY(m_ui->click(QStringLiteral("moveDialogConfirm")));
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("moveDialogText")) && settled(), e2e::kPatienceMs);
        // What the dialog said is what the list then says.
        QTRY_VERIFY_WITH_TIMEOUT(allTextsUnder(QStringLiteral("admin")).contains(QStringLiteral("2 of 5 steps done")),
                                 e2e::kPatienceMs);
    }

    // Admin §3: the Team page's header counts the steps waiting for review as its rows do.
    void theTeamHeaderCountsAsItsRows()
    {
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(
            allTextsUnder(QStringLiteral("menteeColumn")).contains(QStringLiteral("2 waiting for review")) && settled(),
            e2e::kPatienceMs);
        const QString column = allTextsUnder(QStringLiteral("menteeColumn"));
        QVERIFY2(!column.contains(QStringLiteral("0 waiting for review")), qPrintable(column));
    }

    // Hire §1 / Mentor §2: after the move the step keeps its conversation,
    // with a line for the move, and says it waits for a re-review.
    void aMovedStepKeepsItsConversation()
    {
        // alex writes twice on a step waiting for review again.
        for (const QString& note :
             {QStringLiteral("Output: 312 passed"), QStringLiteral("Standalone question: which branch?")}) {
            const onramp::Error e = asPerson(QStringLiteral("alex"), [&](onramp::Vault& v) {
                return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("sandbox-tests"), note);
            });
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("review-alex-restore-drill")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled()
                                     && allTextsUnder(QStringLiteral("stepThread"))
                                            .contains(QStringLiteral("Maya Mentor (mentor) asked for changes")),
                                 e2e::kPatienceMs);
        const QString thread = allTextsUnder(QStringLiteral("stepThread"));
        QVERIFY2(thread.contains(QStringLiteral("Maya Mentor (mentor) approved the step")), qPrintable(thread));
        QVERIFY2(thread.contains(QStringLiteral("Please also compare the row counts")), qPrintable(thread));
        QVERIFY2(thread.contains(QStringLiteral("Ada Admin (admin) moved Alex Newhire from version 1 to version 2")),
                 qPrintable(thread));
        const QString page = e2e::textsUnder(m_window->contentItem()).join(u'\n');
        QVERIFY2(page.contains(QStringLiteral("it waits for your re-review")), qPrintable(page));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    // Mentor §1 and Keyboard §1: the queue quotes the newest note, the
    // approval lists the notes not answered yet, and after Enter the keys
    // are on the next item waiting for review.
    void theQueueAndTheApprovalShowTheNotes()
    {
        const QString note = QStringLiteral("reviewNote-alex-sandbox-tests");
        const QString review = QStringLiteral("review-alex-sandbox-tests");
        QTRY_VERIFY_WITH_TIMEOUT(item(review) && settled(), e2e::kPatienceMs);
        // Every review in the queue quotes its newest note, selected or not:
        // one line of it, up to six on the selected one, with no tool tip
        // that would cover the row and take its click.
        QTRY_VERIFY_WITH_TIMEOUT(item(note) && item(note)->isVisible(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(note), QStringLiteral("“Standalone question: which branch?”"));
        QCOMPARE(item(note)->property("maximumLineCount").toInt(),
                 item(review)->property("highlighted").toBool() ? 6 : 1);
        QVERIFY2(e2e::accessibleName(item(review)).endsWith(QStringLiteral(" — “Standalone question: which branch?”")),
                 qPrintable(e2e::accessibleName(item(review))));
        // The review of the step opened last is selected: Ctrl+Shift+N goes on to the other.
        if (!item(review)->property("highlighted").toBool())
            QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item(review)->property("highlighted").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(item(note)->property("maximumLineCount").toInt(), 6);
        QCOMPARE(m_ui->text(QStringLiteral("reviewEarlierNotes-alex-sandbox-tests")), QStringLiteral("+1 earlier"));

        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("approveQuestion")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("approveQuestion")).contains(QStringLiteral("Run the test suite")));
        QCOMPARE(m_ui->text(QStringLiteral("approveNote-0")), QStringLiteral("“Output: 312 passed”"));
        QCOMPARE(m_ui->text(QStringLiteral("approveNote-1")), QStringLiteral("“Standalone question: which branch?”"));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("approveQuestion")) && settled()
                                     && !item(QStringLiteral("review-alex-sandbox-tests")),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("reviewList"))
                                     && item(QStringLiteral("reviewList"))->hasActiveFocus(),
                                 e2e::kPatienceMs);
        // Enter opens the next one.
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(e2e::textsUnder(m_window->contentItem()).join(u'\n').contains(QStringLiteral("Restore a backup")));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    // Mentor §4: the sign-off says when it was given, as step statuses do.
    void theSignoffSaysWhen()
    {
        onramp::Error e = asPerson(QStringLiteral("maya"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            if (onramp::Error r = enrollments.review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true,
                                                     QStringLiteral("Still whole.")))
                return r;
            return enrollments.signOff(QStringLiteral("alex"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        onramp::EnrollmentStatus status;
        e = asPerson(QStringLiteral("maya"),
                     [&](onramp::Vault& v) { return onramp::Enrollments(v).status(QStringLiteral("alex"), &status); });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(status.signedOffAt.isValid());
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        // Maya reads her own sign-off as hers.
        const QString expected =
            QStringLiteral("You signed off on %1.").arg(onramp::ui::sentenceDate(status.signedOffAt));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("gateUnlockedText")) && settled(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateUnlockedText")), expected, e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesMentor)
#include "TestWalkFixesMentor.moc"
