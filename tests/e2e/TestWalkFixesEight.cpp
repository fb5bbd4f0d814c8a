// The fourth walk's wordings and what a screen reader reads, in the real
// window at 1024x640 on the demo hire's vault part of the way through: a
// step's body is read as the text it shows, not as its Markdown; one style of
// date on a step's page; German field names and quotation marks; one wording
// for a reviewed step not done yet, whoever reads it; and a new credential's
// id and problem that follow its title as it is typed.
#include "AdminFixture.h"

#include "Appearance.h"
#include "Demo.h"
#include "Formats.h"
#include "Session.h"
#include "onboarding/Enrollments.h"

#include <QSettings>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

class TestWalkFixesEight : public e2e::AdminFixture
{
    Q_OBJECT

    void signIn(const QString& name, const QString& page)
    {
        QVERIFY(m_ui->signInAs(name));
        QVERIFY(m_ui->waitForPage(page));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !Session::instance()->isBusy(), e2e::kPatienceMs);
    }
    void openStep(const QString& stepId, const QString& hire = QString())
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "openStep", Q_ARG(QVariant, stepId), Q_ARG(QVariant, hire)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !Session::instance()->isBusy(), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(m_demo, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase()
    {
        Appearance::instance()->setLanguage(QStringLiteral("system"));
        closeWindow();
    }

    // New #3: the body's Markdown shows a link and bold words; a screen reader
    // reads those words, without brackets, stars or the link's address.
    void aStepBodyIsReadAsTheTextItShows()
    {
        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        openStep(QStringLiteral("handbook"));
        const QString name = e2e::accessibleName(item(QStringLiteral("stepBody")));
        QVERIFY2(name.contains(QStringLiteral("Read the blameless postmortem guide, find out where backups live")),
                 qPrintable(name));
        for (const QString& mark :
             {QStringLiteral("["), QStringLiteral("]("), QStringLiteral("**"), QStringLiteral("https://")})
            QVERIFY2(!name.contains(mark), qPrintable(mark + QStringLiteral(" in: ") + name));
        // The link stays reachable, as a control of its own.
        QVERIFY(item(QStringLiteral("stepLink-0")));
    }

    // New #14: the state's sentence writes the moment as the due date and the
    // conversation do ("Dec 3, 2026 …"), not in a third style ("December 3, 2026, …").
    void aStepPageWritesItsDatesOneWay()
    {
        const QString state = m_ui->text(QStringLiteral("stepState"));
        QVERIFY2(state.startsWith(QStringLiteral("Done on ")), qPrintable(state));
        const QDate today = QDate::currentDate();
        QVERIFY2(state.contains(onramp::ui::listDate(today)), qPrintable(state));
        // In May the two styles write the same words ("May 4, 2026").
        if (onramp::ui::sentenceDate(today) != onramp::ui::listDate(today))
            QVERIFY2(!state.contains(onramp::ui::sentenceDate(today)), qPrintable(state));
    }

    // New #9: in German, the hire's note on the mentor's review card is
    // quoted „…“, as the bullets beside it are, not “…”.
    void aReviewCardQuotesANoteInTheLanguagesMarks()
    {
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("de")));
        signIn(QStringLiteral("maya"), QStringLiteral("mentor"));
        const QString name = QStringLiteral("reviewNote-alex-restore-drill");
        QTRY_VERIFY_WITH_TIMEOUT(item(name) && item(name)->isVisible(), e2e::kPatienceMs);
        const QString note = m_ui->text(name);
        QVERIFY2(note.startsWith(QStringLiteral("„Row counts match")) && note.endsWith(QStringLiteral("“")),
                 qPrintable(note));
        const QString read = e2e::accessibleName(item(QStringLiteral("review-alex-restore-drill")));
        QVERIFY2(read.contains(QStringLiteral("„Row counts match")), qPrintable(read));
    }

    // New #9: in German, Production secrets names a credential's fields in
    // German ("Host", "Benutzer"), as the hire's Home does.
    void productionSecretsNameTheFieldsInGerman()
    {
        signIn(QStringLiteral("ada"), QStringLiteral("admin"));
        showTab(QStringLiteral("secrets"));
        const QString target = m_ui->text(QStringLiteral("templateTarget-prod-db"));
        QVERIFY2(target.contains(QStringLiteral("Host: db.prod.internal")), qPrintable(target));
        QVERIFY2(target.contains(QStringLiteral("Benutzer: readonly")), qPrintable(target));
        QVERIFY2(!target.contains(QStringLiteral("host:")) && !target.contains(QStringLiteral("user:")),
                 qPrintable(target));
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("en")));
    }

    // New #13: a reviewed step not done yet reads the same on the mentor's
    // card as on the hire's: not done and approved yet. Lee, of the demo
    // team, has done the handbook only.
    void aReviewedStepNotDoneReadsTheSameForEveryone()
    {
        const onramp::Error e = onramp::demo::seedDemoTeam(m_demo);
        QVERIFY2(!e, qPrintable(e.message));
        const QString reason =
            QStringLiteral("• “Run the test suite against your sandbox” is not done and approved yet");

        signIn(QStringLiteral("maya"), QStringLiteral("mentor"));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("mentee-lee")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("mentee-lee")));
        QTRY_VERIFY2_WITH_TIMEOUT(allTextsUnder(QStringLiteral("mentor")).contains(reason),
                                  qPrintable(allTextsUnder(QStringLiteral("mentor"))), e2e::kPatienceMs);
        QVERIFY(!allTextsUnder(QStringLiteral("mentor")).contains(QStringLiteral("has not done “Run the test suite")));
    }

    // New #10: Credentials… › Add: the problem under the form asks for a title
    // in words, and while "Staging Grafana" is typed, before the field loses
    // focus, the id, the list and the problem follow it.
    void aNewCredentialFollowsItsTitleAsItIsTyped()
    {
        signIn(QStringLiteral("ada"), QStringLiteral("admin"));
        showTab(QStringLiteral("checklists"));
        QVERIFY(click("editorCredentials"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorAddCredential") && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorAddCredential"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorCredentialTitle"), e2e::kPatienceMs);
        QCOMPARE(text("editorCredentialProblem"),
                 QStringLiteral("Give this credential a title: say what it opens, such as 'Sandbox database'."));

        typeText(QStringLiteral("Staging Grafana"));
        QVERIFY(focused("editorCredentialTitle"));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorCredentialId"), QStringLiteral("staging-grafana"), e2e::kPatienceMs);
        QCOMPARE(text("editorCredentialProblem"), QString());
        const int added = count("editorCredentialList") - 1;
        const QString row = e2e::accessibleName(item(QStringLiteral("editorCredential-%1").arg(added)));
        QVERIFY2(row.contains(QStringLiteral("Staging Grafana")), qPrintable(row));
        QVERIFY2(!row.contains(QStringLiteral("credential-")), qPrintable(row));
        QCOMPARE(text("editorCredentialTitle"), QStringLiteral("Staging Grafana"));
    }
};

QTEST_MAIN(TestWalkFixesEight)
#include "TestWalkFixesEight.moc"
