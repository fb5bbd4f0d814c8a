// The whole onboarding journey through the real window, by clicks and keys:
// an admin creates the vault, imports a checklist, adds a mentor and a hire
// and enrolls the hire; the hire completes the steps; the mentor approves and
// signs off; the hire sees and reveals the production credential; the mentor
// revokes it and production is locked again.
#include "E2eDriver.h"
#include "Translations.h"

#include "Session.h"

#include <QQuickStyle>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

const QByteArray kChecklist = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: week-one
  title: Week one
  steps:
    - id: handbook
      section: Day one
      title: Read the handbook
      body: Read **how we handle mistakes**.
      required: true
    - id: sandbox-tests
      section: Day one
      title: Run the tests in your sandbox
      required: true
      signoff: true
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: generated
    fields: {host: sandbox-db.internal, user: "{{hire}}"}
    secret: {name: password, length: 20}
  - id: prod-db
    title: Production database
    environment: production
    provider: generated
    fields: {host: db.prod.internal, user: readonly}
    secret: {name: password, length: 24}
    ttl: 8h
)";

} // namespace

class TestJourney : public e2e::WindowFixture
{
    Q_OBJECT

private:
    void markDone(const QString& step)
    {
        QVERIFY(m_ui->click(QStringLiteral("step-") + step));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done")),
                                 e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings(); // also while the window first loads
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("vault")));
        QVERIFY(openWindow());
    }

    void adminCreatesTheVault()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QVERIFY(m_ui->type(QStringLiteral("adminName"), QStringLiteral("ada")));
        QVERIFY(m_ui->type(QStringLiteral("adminDisplay"), QStringLiteral("Ada Admin")));
        QVERIFY(m_ui->type(QStringLiteral("passphrase"), QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->type(QStringLiteral("passphraseRepeated"), QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("createVaultButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QCOMPARE(Session::instance()->userName(), QStringLiteral("ada"));
    }

    void adminAddsAMentorAndAHire()
    {
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("maya")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Maya Mentor")));
        QVERIFY(m_ui->choose(QStringLiteral("personRole"), 1)); // hire -> mentor
        // A passphrase too short is refused, and what was typed stays to be
        // corrected: the passphrase selected, to be typed over.
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("short")));
        QVERIFY(m_ui->click(QStringLiteral("addPersonButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("addPersonButton"))->isEnabled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->item(QStringLiteral("peopleList"))->property("count").toInt(), 1);
        QCOMPARE(m_ui->item(QStringLiteral("personName"))->property("text").toString(), QStringLiteral("maya"));
        QCOMPARE(m_ui->item(QStringLiteral("personDisplay"))->property("text").toString(),
                 QStringLiteral("Maya Mentor"));
        QCOMPARE(m_ui->item(QStringLiteral("personRole"))->property("currentText").toString(),
                 QStringLiteral("mentor"));
        QVERIFY(m_ui->item(QStringLiteral("personPassphrase"))->hasActiveFocus());
        for (const QChar c : QStringLiteral("maya's passphrase"))
            QTest::keyClick(m_window, c.toLatin1());
        QCOMPARE(m_ui->item(QStringLiteral("personPassphrase"))->property("text").toString(),
                 QStringLiteral("maya's passphrase"));
        QVERIFY(m_ui->click(QStringLiteral("addPersonButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("peopleList"))->property("count").toInt(), 2,
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->closeFirstPassphrase());

        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("alex")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Alex Newhire")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("alex's passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("peopleList"))->property("count").toInt(), 3,
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->closeFirstPassphrase());
    }

    void adminImportsAChecklistAndEnrollsTheHire()
    {
        QFile file(m_dir.filePath(QStringLiteral("week-one.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kChecklist);
        file.close();
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QVERIFY(m_ui->type(QStringLiteral("importPath"), file.fileName()));
        QVERIFY(m_ui->click(QStringLiteral("importButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("checklistList"))->property("count").toInt(), 1,
                                  e2e::kPatienceMs);

        QVERIFY(m_ui->click(QStringLiteral("tab-enrollments")));
        QVERIFY(m_ui->click(QStringLiteral("enrollButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText"))
                                     .contains(QStringLiteral("Enrolled Alex Newhire with mentor Maya Mentor")),
                                 e2e::kPatienceMs);
    }

    void hireCompletesTheSteps()
    {
        QVERIFY(m_ui->firstSignInThroughPage(1, QStringLiteral("alex's passphrase"),
                                             QStringLiteral("alex's own passphrase"))); // ada, alex, maya
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QCOMPARE(m_ui->text(QStringLiteral("gateTitle")), QStringLiteral("Production access: locked"));
        // The sandbox credential is there on day one; production is not.
        QVERIFY(m_ui->click(QStringLiteral("reveal-sandbox-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secret-sandbox-db")).size(), 20, e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("status-prod-db")), QStringLiteral("locked"));
        QVERIFY(!m_ui->item(QStringLiteral("reveal-prod-db")));
        QVERIFY(m_ui->click(QStringLiteral("openChecklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        markDone(QStringLiteral("handbook"));
        markDone(QStringLiteral("sandbox-tests"));
        QVERIFY(m_ui->click(QStringLiteral("nav-home")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("progressText")),
                                  QStringLiteral("1 of 2 steps done · 1 waiting for review"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("gateTitle")), QStringLiteral("Production access: locked"));
    }

    void mentorApprovesAndSignsOff()
    {
        QVERIFY(m_ui->firstSignInThroughPage(2, QStringLiteral("maya's passphrase"),
                                             QStringLiteral("maya's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("step-sandbox-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("All green")));
        QVERIFY(m_ui->click(QStringLiteral("approveButton")));
        // The question shows the comment that goes with the approval.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("approveComment")), QStringLiteral("“All green”"),
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("approveConfirmButton"))); // Approve asks first
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done and approved")), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("signoffButton")));
        QVERIFY(m_ui->type(QStringLiteral("confirmPassphrase"), QStringLiteral("maya's own passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
    }

    void hireSeesTheProductionCredential()
    {
        QVERIFY(m_ui->signInThroughPage(1, QStringLiteral("alex's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("status-prod-db")), QStringLiteral("granted"),
                                  e2e::kPatienceMs);
        // Unlocked, with the time left on the 8-hour grant.
        static const QRegularExpression eightHours(QStringLiteral("^(8 hours|7 hours 59 minutes) left"));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("expires-prod-db")).contains(eightHours), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("gateTimeLeft")),
                 QStringLiteral("Production credentials: %1.\nYour mentor can renew them.")
                     .arg(eightHours.match(m_ui->text(QStringLiteral("expires-prod-db"))).captured(0)));
        QVERIFY(m_ui->click(QStringLiteral("reveal-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secret-prod-db")).size(), 24, e2e::kPatienceMs);
    }

    void mentorRevokesAndProductionIsLockedAgain()
    {
        QVERIFY(m_ui->signInThroughPage(2, QStringLiteral("maya's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        // Asked first, by title and name; Cancel changes nothing.
        const auto dialog = [this] {
            QQuickItem* page = m_ui->item(QStringLiteral("mentor"));
            return page ? page->findChild<QObject*>(QStringLiteral("grantDialog")) : nullptr;
        };
        const auto dialogOpen = [&] { return dialog() && dialog()->property("opened").toBool(); };
        QVERIFY(m_ui->click(QStringLiteral("revoke-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(), e2e::kPatienceMs);
        QCOMPARE(dialog()->property("title").toString(),
                 QStringLiteral("Revoke Production database for Alex Newhire?"));
        QVERIFY(m_ui->click(QStringLiteral("grantCancelButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!dialogOpen(), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("grant-status-prod-db")) != QStringLiteral("revoked"));
        QVERIFY(m_ui->click(QStringLiteral("revoke-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("grantConfirmButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("revoked"),
                                  e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")),
                                  QStringLiteral("Revoked Production database for Alex Newhire."), e2e::kPatienceMs);

        QVERIFY(m_ui->signInThroughPage(1, QStringLiteral("alex's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("status-prod-db")), QStringLiteral("revoked"),
                                  e2e::kPatienceMs);
        QVERIFY(!m_ui->item(QStringLiteral("reveal-prod-db")));
        QVERIFY(m_ui->item(QStringLiteral("reveal-sandbox-db")));
    }

    void wrongPassphraseSaysSoAndStaysOnSignIn()
    {
        QVERIFY(m_ui->signInThroughPage(0, QStringLiteral("not ada's passphrase")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->text(QStringLiteral("signInError")).isEmpty(), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("signin"));
        QVERIFY(!Session::instance()->isUnlocked());
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }
};

ONRAMP_E2E_MAIN(TestJourney)

#include "TestJourney.moc"
