// The fourth walk's news between a hire and their mentor, through the real
// window: a hire's note the mentor has not answered yet is flagged on the
// mentee's row and on the step's row, in words and in their accessible names,
// and the flag goes once the mentor answers; the mentor's reply, and a new
// mentor, reach the hire's Home "since you last looked".
#include "E2eDriver.h"

#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "people/People.h"

#include <QAccessible>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

static const QRegularExpression kOneNote(QStringLiteral("\\b1 note.* not answered"));

class TestWalkFixesSeven : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    /// Adds \a body to alex's step \a stepId as the demo person \a name, outside the window.
    void addNote(const QString& name, const QString& stepId, const QString& body)
    {
        const onramp::Error e = e2e::asDemoPerson(m_vault, name, [&](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), stepId, body);
        });
        QVERIFY2(!e, qPrintable(e.message));
    }

    QString accessibleName(const QString& objectName) const
    {
        QQuickItem* it = item(objectName);
        return it ? QAccessible::queryAccessibleInterface(it)->text(QAccessible::Name) : QString();
    }

    /// Signs in as maya and selects alex on the mentor's page.
    bool showAlexToMaya()
    {
        if (!m_ui->signInAs(QStringLiteral("maya")) || !m_ui->waitForPage(QStringLiteral("mentor")))
            return false;
        if (!QTest::qWaitFor([this] { return item(QStringLiteral("mentee-alex")) && settled(); }, e2e::kPatienceMs))
            return false;
        return m_ui->click(QStringLiteral("mentee-alex"))
            && QTest::qWaitFor([this] { return item(QStringLiteral("step-handbook")) && settled(); }, e2e::kPatienceMs);
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
        // A second mentor, for alex to be handed to.
        e = e2e::asDemoPerson(m_vault, QStringLiteral("ada"), [](onramp::Vault& v) {
            return onramp::People(v).add(QStringLiteral("senior"), QStringLiteral("Sam Senior"), onramp::Role::Mentor,
                                         "sam's own passphrase");
        });
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow(QSize(1024, 640)));
    }

    void cleanupTestCase() { closeWindow(); }

    // New #1: a question on a step not waiting for review raises a flag on
    // the mentee and on the step, said in words; the answer takes it down.
    void aHiresQuestionIsFlaggedForTheMentor()
    {
        // The demo's hire has a question waiting already, on a step waiting for review.
        QVERIFY(showAlexToMaya());
        QVERIFY(!shown(QStringLiteral("stepUnanswered-handbook")));
        const QString before = m_ui->text(QStringLiteral("menteeUnanswered-alex"));
        addNote(QStringLiteral("alex"), QStringLiteral("handbook"), QStringLiteral("Where is the backup runbook?"));
        QVERIFY(showAlexToMaya());
        QVERIFY(shown(QStringLiteral("menteeUnanswered-alex")));
        // (The English plural forms of a new text come with the next refresh of the translations.)
        const QRegularExpression oneMore(QStringLiteral("\\b%1 note.* not answered")
                                             .arg(before.isEmpty() ? 1 : before.section(u' ', 0, 0).toInt() + 1));
        QVERIFY2(m_ui->text(QStringLiteral("menteeUnanswered-alex")).contains(oneMore),
                 qPrintable(m_ui->text(QStringLiteral("menteeUnanswered-alex"))));
        QVERIFY2(accessibleName(QStringLiteral("mentee-alex")).contains(oneMore),
                 qPrintable(accessibleName(QStringLiteral("mentee-alex"))));
        QVERIFY(shown(QStringLiteral("stepUnanswered-handbook")));
        QVERIFY2(m_ui->text(QStringLiteral("stepUnanswered-handbook")).contains(kOneNote),
                 qPrintable(m_ui->text(QStringLiteral("stepUnanswered-handbook"))));
        QVERIFY2(accessibleName(QStringLiteral("step-handbook")).contains(kOneNote),
                 qPrintable(accessibleName(QStringLiteral("step-handbook"))));
        // No other step carries the flag; nor does the redone step whose note
        // waits with its review (it is counted as the review).
        QVERIFY(!shown(QStringLiteral("stepUnanswered-laptop-setup")));
        QVERIFY(item(QStringLiteral("step-restore-drill")));
        QVERIFY(!shown(QStringLiteral("stepUnanswered-restore-drill")));

        addNote(QStringLiteral("maya"), QStringLiteral("handbook"), QStringLiteral("It is linked from the wiki."));
        QVERIFY(showAlexToMaya());
        QVERIFY(!shown(QStringLiteral("stepUnanswered-handbook")));
        QCOMPARE(m_ui->text(QStringLiteral("menteeUnanswered-alex")), before);
    }

    // New #2: the mentor's reply reaches the hire's Home, with a way to the
    // step; what stood at the hire's first look is not news.
    void aMentorsReplyReachesTheHire()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!shown(QStringLiteral("newsNotice")));

        addNote(QStringLiteral("maya"), QStringLiteral("handbook"),
                QStringLiteral("And the restore drill has its own page."));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("replyText-handbook")) && settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("replyText-handbook")),
                 QStringLiteral("Maya Mentor replied on “Read how we handle mistakes”"));
        QVERIFY(!shown(QStringLiteral("mentorNoticeText")));
        QVERIFY(m_ui->click(QStringLiteral("replyOpen-handbook")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled()
                                     && allTextsUnder(QStringLiteral("stepThread"))
                                            .contains(QStringLiteral("And the restore drill has its own page.")),
                                 e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !shown(QStringLiteral("newsNotice")), e2e::kPatienceMs);
        // Seen stays seen at the next sign-in.
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!shown(QStringLiteral("newsNotice")));
    }

    // New #7: a change of mentor is announced to the hire once.
    void aNewMentorIsAnnouncedToTheHire()
    {
        const onramp::Error e = e2e::asDemoPerson(m_vault, QStringLiteral("ada"), [](onramp::Vault& v) {
            onramp::EnrollmentStatus status;
            if (onramp::Error r = onramp::Enrollments(v).status(QStringLiteral("alex"), &status))
                return r;
            return onramp::Enrollments(v).edit(QStringLiteral("alex"), QStringLiteral("senior"), status.start);
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("mentorNoticeText")) && settled(), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("mentorNoticeText"))
                     .startsWith(QStringLiteral("Your mentor is now Sam Senior. ")),
                 qPrintable(m_ui->text(QStringLiteral("mentorNoticeText"))));
        QVERIFY(m_ui->click(QStringLiteral("newsDismiss")));
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("newsNotice")), e2e::kPatienceMs);
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!shown(QStringLiteral("newsNotice")));

        // maya, who can no longer read the enrollment, is told that alex is no longer hers.
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("goneNoticeText")) && settled(), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("goneNoticeText"))
                     .startsWith(QStringLiteral("Alex Newhire is no longer your mentee")),
                 qPrintable(m_ui->text(QStringLiteral("goneNoticeText"))));
        QVERIFY(m_ui->click(QStringLiteral("goneDismiss")));
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("goneNotice")), e2e::kPatienceMs);
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!shown(QStringLiteral("goneNotice")));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesSeven)
#include "TestWalkFixesSeven.moc"
