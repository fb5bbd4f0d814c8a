// The wall between sandbox and production at a credential's source, and the
// endings that reach it, attacker first, through the real `onramp` binary
// against a real PostgreSQL 15 (the ctest fixture's cluster):
// - a hire-edited checklist version whose *sandbox* `postgresql` credential
//   names the production connection or a production group is refused at
//   import, naming file:line; one already in the vault (imported before the
//   rule) is refused at enrollment, and no login is made;
// - a version that widens what a production login reaches (a group more,
//   another connection, another provider, a rename with more) is named as a
//   weakening and refused without --accept-weaker;
// - a move (another checklist, or a new version), a new mentor and a disable
//   after a move drop the hire's production login at the server; one that
//   cannot be dropped while the server is down stays pending until a sweep.
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "PostgresqlProviderTest.h"
#include "ServerAddress.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "audit/Records.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/Signatures.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_wall");
const QByteArray kProvisionerPassword = "the wall's provisioner password";

// The team's checklist: one production login in the reading group, and a
// sandbox login on the sandbox connection, in no group.
const QByteArray kTeam = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: team
  title: Team week one
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: sandbox-pg
    title: Sandbox database
    environment: sandbox
    provider: postgresql
    postgresql: {server: sandbox}
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [wall_reader]}
    ttl: 8h
)";

// The checklist the endings are tried on, apart from the one the imports
// above try to change.
const QByteArray kOps = R"(onramp: 1
checklist:
  id: ops
  title: Operations week one
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: ops-sandbox
    title: Sandbox database
    environment: sandbox
    provider: postgresql
    postgresql: {server: sandbox}
  - id: ops-live
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [wall_reader]}
    ttl: 8h
)";

const QByteArray kOther = R"(onramp: 1
checklist:
  id: frontend
  title: Frontend week one
  steps:
    - {id: tour, title: Take the tour, required: true}
)";

QByteArray withExtra(const QByteArray& extra)
{
    return kTeam + extra;
}

} // namespace

class TestSourceWall : public PostgresqlCliTest
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_super;

    /// What \a hire's credential \a id hands out, as `cred show --json`.
    QJsonObject show(const QString& hire, const QString& id)
    {
        const RunResult r = as(hire, kHirePassphrase, {"cred", "show", id, "--json"});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    /// Whether the handed-out credential still reads production rows.
    static bool readsProduction(const QJsonObject& credential)
    {
        std::unique_ptr<PgConnection> connection;
        if (pgConnectAs(credential, &connection))
            return false;
        return connection->scalar(QStringLiteral("SELECT secret FROM prod_data")).toString()
            == QLatin1String("PRODUCTION-ROW");
    }

    /// \a hire enrolled on the ops checklist, their step done and signed
    /// off: the production login they read.
    QJsonObject signedOff(const QString& hire)
    {
        if (admin({"enroll", hire, "--checklist", "ops", "--mentor", "max"}).code != 0)
            return {};
        // Every required step of the latest version, whichever it has.
        for (const QString& step : {QStringLiteral("handbook"), QStringLiteral("access")})
            as(hire, kHirePassphrase, {"step", "done", hire, step});
        if (mentor({"signoff", hire}).code != 0)
            return {};
        return show(hire, QStringLiteral("ops-live"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!pgDropLogins(QStringLiteral("^onramp_(hal|hana|hugo|hedy|hank)_")));
        const Error provisioned =
            pgProvisionedDatabase(kDatabase, kProvisionerPassword, {QStringLiteral("wall_reader")}, &m_super);
        QVERIFY2(!provisioned, qPrintable(provisioned.message));
        QVERIFY(!m_super->executeScript(
            QStringLiteral("CREATE TABLE prod_data (secret text); INSERT INTO prod_data VALUES ('PRODUCTION-ROW');"
                           "GRANT SELECT ON prod_data TO wall_reader;")));

        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        {
            std::unique_ptr<Vault> vault = makeVault(m_vault);
            QVERIFY(vault);
            for (const QString& hire :
                 {QStringLiteral("hana"), QStringLiteral("hugo"), QStringLiteral("hedy"), QStringLiteral("hank")})
                QVERIFY(!People(*vault).add(hire, hire, Role::Hire, QByteArrayView(kHirePassphrase)));
            QVERIFY(!People(*vault).add(QStringLiteral("sam"), QStringLiteral("Sam Mentor"), Role::Mentor,
                                        QByteArrayView(kMentorPassphrase)));
        }
        RunResult r = setConnection(QStringLiteral("live"), provisionerDsn(kDatabase), kProvisionerPassword);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = setConnection(QStringLiteral("sandbox"), provisionerDsn(kDatabase), kProvisionerPassword,
                          QStringLiteral("sandbox"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // A second production connection no production credential names yet.
        r = setConnection(QStringLiteral("live2"), provisionerDsn(kDatabase), kProvisionerPassword);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write(QStringLiteral("team.yaml"), kTeam)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"checklist", "import", write(QStringLiteral("other.yaml"), kOther)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"checklist", "import", write(QStringLiteral("ops.yaml"), kOps)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    }

    // Each connection serves one environment, in its signed entry.
    void aConnectionSaysWhatItServes()
    {
        const RunResult odd = setConnection(QStringLiteral("odd"), provisionerDsn(kDatabase), kProvisionerPassword,
                                            QStringLiteral("staging"));
        QCOMPARE(odd.code, 2);
        QVERIFY2(odd.err.contains(QStringLiteral("--environment of provider connection 'odd' is 'staging'")),
                 qPrintable(odd.err));
        const RunResult listed = admin({"provider", "list", "--json"});
        QStringList environments;
        for (const QJsonValue& connection : QJsonDocument::fromJson(listed.out.toUtf8()).array())
            environments << connection[QStringLiteral("name")].toString() + u'='
                    + connection[QStringLiteral("environment")].toString();
        QCOMPARE(environments, (QStringList{"live=production", "live2=production", "sandbox=sandbox"}));
        const RunResult text = admin({"provider", "list"});
        QVERIFY2(text.out.contains(QStringLiteral("sandbox  sandbox  ")), qPrintable(text.out));
        const RunResult log = admin({"audit", "log", "--json"});
        QVERIFY2(log.out.contains(QStringLiteral("\"environment\": \"sandbox\""))
                     || log.out.contains(QStringLiteral("\"environment\":\"sandbox\"")),
                 qPrintable(log.out));
    }

    // F1: the hire's edit of the team's file puts a sandbox login (given at
    // enrollment, no gate) on the production connection or in its group.
    void aSandboxCredentialWhereProductionSignsInIsRefusedAtImport_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("the production connection and group")
            << QByteArray("  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                          "    provider: postgresql\n    postgresql: {server: live, roles: [wall_reader]}\n")
            << QStringLiteral("team.yaml:20: sandbox credential 'practice-db' names connection 'live', which "
                              "production credential 'ops-live' of checklist 'ops' version 1 names");
        QTest::newRow("the production group on the sandbox connection")
            << QByteArray("  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                          "    provider: postgresql\n    postgresql: {server: sandbox, roles: [wall_reader]}\n")
            << QStringLiteral("team.yaml:20: sandbox credential 'practice-db' names group 'wall_reader', which "
                              "production credential 'ops-live' of checklist 'ops' version 1 names");
        QTest::newRow("a connection set for production")
            << QByteArray("  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                          "    provider: postgresql\n    postgresql: {server: live2}\n")
            << QStringLiteral("team.yaml:20: sandbox credential 'practice-db' names provider connection 'live2', "
                              "which an admin set for production");
        QTest::newRow("a production credential on the sandbox connection")
            << QByteArray("  - id: other-pg\n    title: Other\n    environment: production\n"
                          "    provider: postgresql\n    postgresql: {server: sandbox, roles: [wall_reader]}\n")
            << QStringLiteral("team.yaml:20: production credential 'other-pg' names connection 'sandbox', which "
                              "sandbox credential 'ops-sandbox' of checklist 'ops' version 1 names");
    }
    void aSandboxCredentialWhereProductionSignsInIsRefusedAtImport()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, expected);
        const RunResult r =
            admin({"checklist", "import", write(QStringLiteral("team.yaml"), withExtra(extra)), "--accept-weaker"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("nothing was imported")), qPrintable(r.err));
        QCOMPARE(admin({"checklist", "export", "team", "--checklist-version", "2"}).code, 5); // no version 2
    }

    // Nor can a connection a production credential names be set for the sandbox.
    void theProductionConnectionCannotBeSetForTheSandbox()
    {
        const RunResult r = setConnection(QStringLiteral("live"), provisionerDsn(kDatabase), kProvisionerPassword,
                                          QStringLiteral("sandbox"));
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("provider connection 'live' cannot serve sandbox: production "
                                               "credential 'ops-live' of checklist 'ops' version 1 names it")),
                 qPrintable(r.err));
        const RunResult listed = admin({"provider", "list"});
        QVERIFY2(listed.out.contains(QStringLiteral("live  production")), qPrintable(listed.out));
    }

    // production_hosts says where production lives: a sandbox connection
    // there is refused when it is set, and a login is not made through one
    // a later version's list reaches; a production connection on a network
    // host no list names is refused too (the scan and this rule would not
    // know it). Socket folders and loopback say nothing either way.
    void aConnectionOnTheWrongSideOfProductionHostsIsRefused()
    {
        const auto dsnAt = [](const QString& host) {
            return QStringLiteral("host=%1 port=5432 dbname=x user=onramp_provisioner sslmode=verify-full "
                                  "channel_binding=require")
                .arg(host);
        };
        RunResult r = setConnection(QStringLiteral("practice"), dsnAt(QStringLiteral("DB.Prod.Internal")),
                                    kProvisionerPassword, QStringLiteral("sandbox"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("provider connection 'practice' serves the sandbox but signs in at "
                                               "db.prod.internal, which checklist 'team' version 1 lists as a "
                                               "production host")),
                 qPrintable(r.err));
        r = setConnection(QStringLiteral("replica"), dsnAt(QStringLiteral("db.replica.internal")),
                          kProvisionerPassword);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("signs in at db.replica.internal, which no stored checklist lists "
                                               "in production_hosts")),
                 qPrintable(r.err));
        for (const QString& name : {QStringLiteral("practice"), QStringLiteral("replica")})
            QVERIFY2(!admin({"provider", "list"}).out.contains(name), qPrintable(name));

        // Set while no list named it; a later checklist calls it production.
        r = setConnection(QStringLiteral("staging"), dsnAt(QStringLiteral("db.staging.internal")), kProvisionerPassword,
                          QStringLiteral("sandbox"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import",
                   write(QStringLiteral("staging.yaml"),
                         "onramp: 1\nproduction_hosts: [\"*.staging.internal\"]\nchecklist:\n  id: staging\n"
                         "  title: Staging\n  steps:\n    - {id: tour, title: Take the tour, required: true}\n"
                         "credentials:\n  - id: staging-sandbox\n    title: Practice database\n"
                         "    environment: sandbox\n    provider: postgresql\n    postgresql: {server: staging}\n")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"person", "add", "hilde", "--role", "hire", "--new-passphrase-file",
                   write(QStringLiteral("hilde.pass"), kHirePassphrase + '\n')});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enroll", "hilde", "--checklist", "staging", "--mentor", "max"});
        QVERIFY2(r.code != 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("provider connection 'staging' serves the sandbox but signs in at "
                                               "db.staging.internal, which checklist 'staging' version 1 lists")),
                 qPrintable(r.err));

        // An admin's check names it, and one stored before the one-server
        // rule (set here through the core, which the command holds to it).
        {
            std::unique_ptr<Vault> vault;
            const Error opened =
                Vault::unlock(m_vault, QStringLiteral("ada"), QByteArrayView(vaulttest::kAdminPassphrase), &vault);
            QVERIFY2(!opened, qPrintable(opened.message));
            const Error set =
                ProviderConnections(*vault, defaultClock())
                    .set(QStringLiteral("twin"), provisionerDsn(kDatabase) + QStringLiteral(" port=5432,5433"),
                         SecureBytes::copyOf(kProvisionerPassword), Environment::Production, {});
            QVERIFY2(!set, qPrintable(set.message));
        }
        r = admin({"vault", "check"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("provider connection staging: provider connection 'staging' serves the "
                                               "sandbox but signs in at db.staging.internal")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("provider connection twin: the address for")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("lists more than one server")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("onramp provider set twin --dsn DSN --secret-file FILE")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral(", 2 to set again")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("provider connection live:")), qPrintable(r.out));
    }

    // F2: each way a new version widens what a production login reaches is
    // named, and refused until --accept-weaker.
    void aVersionThatWidensAProductionLoginIsAWeakening_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a group more") << QByteArray("roles: [wall_reader]")
                                      << QByteArray("roles: [wall_reader, wall_writer]")
                                      << QStringLiteral("production credential “Live database, read only” puts its "
                                                        "login in group wall_writer as well");
        QTest::newRow("another connection") << QByteArray("server: live,") << QByteArray("server: live2,")
                                            << QStringLiteral("production credential “Live database, read only” is "
                                                              "made on provider connection live2 instead of live");
        QTest::newRow("another provider")
            << QByteArray("    provider: postgresql\n    postgresql: {server: live, roles: [wall_reader]}\n")
            << QByteArray("    provider: static\n")
            << QStringLiteral("production credential “Live database, read only” comes from provider static "
                              "instead of postgresql");
        QTest::newRow("renamed, longer, wider")
            << QByteArray("  - id: live-pg\n    title: Live database, read only\n    environment: production\n"
                          "    provider: postgresql\n    postgresql: {server: live, roles: [wall_reader]}\n"
                          "    ttl: 8h\n")
            << QByteArray("  - id: live-pg2\n    title: Live database, read only\n    environment: production\n"
                          "    provider: postgresql\n    postgresql: {server: live, roles: [wall_reader, "
                          "wall_writer]}\n    ttl: 31d\n")
            << QStringLiteral("production credential “Live database, read only” (live-pg2) is new");
    }
    void aVersionThatWidensAProductionLoginIsAWeakening()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        QByteArray next = kTeam;
        QVERIFY(next.contains(from));
        next.replace(from, to);
        const QString file = write(QStringLiteral("next.yaml"), next);
        const RunResult r = admin({"checklist", "import", file});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--accept-weaker")), qPrintable(r.err));
        QCOMPARE(admin({"checklist", "export", "team", "--checklist-version", "2"}).code, 5); // no version 2
    }

    // F4: a move to another checklist ends the grant at the server too.
    void aMoveToAnotherChecklistDropsTheLogin()
    {
        const QJsonObject live = signedOff(QStringLiteral("hal"));
        QVERIFY2(readsProduction(live), "the sign-off's login must read production first");
        const RunResult r = admin({"enrollment", "move", "hal", "--checklist", "frontend", "--accept-weaker"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!readsProduction(live));
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hal")), QStringList()); // the withdrawn sandbox login went too
    }

    // A move to a new version of the same checklist.
    void aMoveToANewVersionDropsTheLogin()
    {
        const QJsonObject live = signedOff(QStringLiteral("hana"));
        QVERIFY(readsProduction(live));
        QByteArray tighter = kOps;
        tighter.replace("    - {id: handbook, title: Read the handbook, required: true}\n",
                        "    - {id: handbook, title: Read the handbook, required: true}\n"
                        "    - {id: access, title: Request access, required: true}\n");
        RunResult r = admin({"checklist", "import", write(QStringLiteral("v2.yaml"), tighter)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"enrollment", "move", "hana", "--accept-weaker"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!readsProduction(live));
    }

    // A new mentor ends the former one's sign-off, and the login with it.
    void aNewMentorDropsTheLogin()
    {
        const QJsonObject live = signedOff(QStringLiteral("hugo"));
        QVERIFY(readsProduction(live));
        const RunResult r = admin({"enrollment", "edit", "hugo", "--mentor", "sam"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!readsProduction(live));
    }

    // A move while the server is down: the grant ends in the vault, the drop
    // is pending (said in the move's entry), and the sweep finds it though
    // the credential is no longer in the hire's checklist.
    void aMoveWhileTheServerIsDownIsPendingUntilASweep()
    {
        const QJsonObject live = signedOff(QStringLiteral("hedy"));
        QVERIFY(readsProduction(live));
        // The sandbox login the move withdraws (frontend has none) waits too.
        const QJsonObject sandbox = show(QStringLiteral("hedy"), QStringLiteral("ops-sandbox"));
        const auto signsIn = [](const QJsonObject& credential) {
            std::unique_ptr<PgConnection> connection;
            return !pgConnectAs(credential, &connection);
        };
        QVERIFY(signsIn(sandbox));
        QVERIFY(pgCluster(QStringLiteral("pause")));
        const RunResult r = admin({"enrollment", "move", "hedy", "--checklist", "frontend", "--accept-weaker"});
        QVERIFY(pgCluster(QStringLiteral("resume")));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(readsProduction(live)); // still at the server: the drop waits
        QVERIFY(signsIn(sandbox));
        const RunResult log = admin({"audit", "log", "--json"});
        QVERIFY2(log.out.contains(QStringLiteral("source_revoke_pending")), qPrintable(log.out));
        const RunResult sweep = admin({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QVERIFY(QJsonDocument::fromJson(sweep.out.toUtf8()).object().value(QStringLiteral("done")).toInt() >= 2);
        QVERIFY(!readsProduction(live));
        QVERIFY(!signsIn(sandbox));
    }

    // A disable walks every credential the log ever granted the hire, not
    // the checklist they are on now: a login a move left behind goes.
    void aDisableAfterAMoveDropsWhatTheLogGranted()
    {
        const QJsonObject live = signedOff(QStringLiteral("hank"));
        QVERIFY(readsProduction(live));
        const QString user = live.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        // The move's drop lost (the server down, its pending row deleted by
        // the hire with the vault's master key): only the log remembers.
        QVERIFY(pgCluster(QStringLiteral("pause")));
        const RunResult moved = admin({"enrollment", "move", "hank", "--checklist", "frontend", "--accept-weaker"});
        QVERIFY(pgCluster(QStringLiteral("resume")));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));
        QVERIFY2(moved.code == 0, qPrintable(moved.err));
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("hank"), kHirePassphrase, &vault));
            QVERIFY(!vault->db().execute(QStringLiteral("DELETE FROM source_revokes")));
        }
        QVERIFY(readsProduction(live));
        const RunResult r = admin({"person", "disable", "hank"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!pgLoginsOf(*m_super, QStringLiteral("hank")).contains(user));
        QVERIFY(!readsProduction(live));
    }

    // A version imported before the wall (by an older Onramp, or a row the
    // hire wrote) is refused at enrollment, and no login is made.
    void aSandboxCredentialAlreadyInTheVaultIsRefusedAtEnroll()
    {
        ParseResult parsed = parseChecklist(
            QByteArray("onramp: 1\nchecklist:\n  id: old-team\n  title: Old\n  steps:\n"
                       "    - {id: handbook, title: Read the handbook, required: true}\n"
                       "credentials:\n  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                       "    provider: postgresql\n    postgresql: {server: live, roles: [wall_reader]}\n"),
            QStringLiteral("old.yaml"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(u'\n')));
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &vault));
            Database& db = vault->db();
            Database::Transaction transaction(db);
            QVERIFY(!transaction.beginError());
            // As an import did before the wall: the row, vouched and logged.
            QVERIFY(!db.execute(
                QStringLiteral("INSERT INTO checklists (slug, version, title, yaml, imported_at, "
                               "imported_by) VALUES ('old-team', 1, 'Old', ?1, ?2, ?3)"),
                {toYaml(*parsed.checklist), signatures::timeText(QDateTime::currentDateTimeUtc()), vault->me().id}));
            QJsonArray vouched;
            QVERIFY(!records::vouch(db, QStringLiteral("checklists"), db.lastInsertId(), &vouched));
            QVERIFY(!AuditLog::append(*vault, QStringLiteral("checklist.import"), QStringLiteral("old-team"),
                                      {{QStringLiteral("version"), 1},
                                       {QStringLiteral("title"), QStringLiteral("Old")},
                                       {records::key(), vouched}}));
            QVERIFY(!transaction.commit());
        }
        {
            std::unique_ptr<Vault> vault = nullptr;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &vault));
            QVERIFY(!People(*vault).add(QStringLiteral("hope"), QStringLiteral("Hope"), Role::Hire,
                                        QByteArrayView(kHirePassphrase)));
        }
        const RunResult r = admin({"enroll", "hope", "--checklist", "old-team", "--mentor", "max"});
        QVERIFY2(r.code != 0, qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("sandbox credential 'practice-db' names provider connection 'live', "
                                               "which an admin set for production")),
                 qPrintable(r.err));
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hope")), QStringList());
        const RunResult status = admin({"status", "hope"});
        QVERIFY2(status.code != 0, qPrintable(status.out)); // not enrolled
    }
};

QTEST_GUILESS_MAIN(TestSourceWall)
#include "TestSourceWall.moc"
