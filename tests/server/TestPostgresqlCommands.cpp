// The `postgresql` provider through the real `onramp` binary against a real
// PostgreSQL 15 (the ctest fixture's cluster): an admin sets the provisioning
// connections, imports a checklist with a sandbox and a production
// `postgresql` credential and enrolls a hire; the hire reads the sandbox
// credential and connects with libpq using exactly the fields handed out;
// after the mentor's sign-off the hire connects with the production login and
// has the group's privilege; a revoke ends a connection held open and new
// logins fail. Faults first: the server stopped during the sign-off, and a
// sign-off that fails after one login was made; the server stopped during a
// revoke, which stays pending until `cred sweep` does it.
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "PostgresqlProviderTest.h"
#include "ServerAddress.h"
#include "VaultTestUtil.h"

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

const QString kDatabase = QStringLiteral("onramp_pgcmd");
const QByteArray kProvisionerPassword = "the provisioner's password, kept in the vault";

const QByteArray kChecklist = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: databases
  title: Databases at the source
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: sandbox-pg
    title: Sandbox database login
    environment: sandbox
    provider: postgresql
    postgresql: {server: sandbox}
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [pgcmd_reader]}
    ttl: 8h
)";

// Its second production login's server is never reachable: a sign-off makes
// the first login, then fails.
const QByteArray kHalfReachable = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: half-reachable
  title: One server answers, one does not
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [pgcmd_reader]}
    ttl: 8h
  - id: gone-pg
    title: A database nobody serves
    environment: production
    provider: postgresql
    postgresql: {server: gone, roles: [pgcmd_reader]}
    ttl: 8h
)";

} // namespace

class TestPostgresqlCommands : public PostgresqlCliTest
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_super;
    std::unique_ptr<PgConnection> m_held; // the hire's production session, held open

    RunResult hire(const QStringList& args) { return as(QStringLiteral("hal"), kHirePassphrase, args); }

    QJsonObject show(const QString& who, const QByteArray& passphrase, const QString& id, int* code = nullptr)
    {
        const RunResult r = as(who, passphrase, {"cred", "show", id, "--json"});
        if (code)
            *code = r.code;
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!pgDropLogins(QStringLiteral("^onramp_(hal|hana)_")));
        const Error provisioned =
            pgProvisionedDatabase(kDatabase, kProvisionerPassword, {QStringLiteral("pgcmd_reader")}, &m_super);
        QVERIFY2(!provisioned, qPrintable(provisioned.message));
        QVERIFY(
            !m_super->executeScript(QStringLiteral("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2);"
                                                   "GRANT SELECT ON orders TO pgcmd_reader;")));

        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        {
            std::unique_ptr<Vault> vault = makeVault(m_vault);
            QVERIFY(vault);
            QVERIFY(!People(*vault).add(QStringLiteral("hana"), QStringLiteral("Hana Hire"), Role::Hire,
                                        QByteArrayView(kHirePassphrase)));
        }
        for (const auto& [name, socketDir] :
             {std::pair{QStringLiteral("sandbox"), pgSocketDir()}, std::pair{QStringLiteral("live"), pgSocketDir()},
              std::pair{QStringLiteral("gone"), m_dir.path()}}) {
            const RunResult r = setConnection(name, provisionerDsn(kDatabase, socketDir), kProvisionerPassword,
                                              name == QLatin1String("sandbox") ? QStringLiteral("sandbox") : QString());
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        for (const QByteArray& checklist : {kChecklist, kHalfReachable}) {
            const RunResult r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), checklist)});
            QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        }
        RunResult r = admin({"enroll", "hal", "--checklist", "databases", "--mentor", "max"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enroll", "hana", "--checklist", "half-reachable", "--mentor", "max"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void theSandboxLoginConnectsWithTheFieldsHandedOut()
    {
        const QJsonObject sandbox = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("sandbox-pg"));
        QCOMPARE(sandbox.value(QStringLiteral("status")).toString(), QStringLiteral("sandbox"));
        const QJsonObject fields = sandbox.value(QStringLiteral("fields")).toObject();
        QCOMPARE(fields.value(QStringLiteral("host")).toString(), pgSocketDir());
        QCOMPARE(fields.value(QStringLiteral("port")).toString(), QStringLiteral("5432"));
        QCOMPARE(fields.value(QStringLiteral("database")).toString(), kDatabase);
        const QString user = fields.value(QStringLiteral("user")).toString();
        QVERIFY2(user.startsWith(QStringLiteral("onramp_hal_sandbox_pg_")), qPrintable(user));
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hal")), QStringList{user});

        std::unique_ptr<PgConnection> connection;
        const Error e = pgConnectAs(sandbox, &connection);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(connection->scalar(QStringLiteral("SELECT current_user")).toString(), user);

        // The text form shows the same fields beside the password.
        const RunResult text = hire({"cred", "show", "sandbox-pg"});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains(QStringLiteral("  user: ") + user + u'\n'), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("  database: ") + kDatabase + u'\n'), qPrintable(text.out));
        // And a .pgpass line from them works as libpq reads it.
        const RunResult pgpass = hire({"cred", "export", "--format", "pgpass"});
        QCOMPARE(pgpass.code, 0);
        QVERIFY2(pgpass.out.startsWith(QStringLiteral("%1:5432:%2:%3:").arg(pgSocketDir(), kDatabase, user)),
                 qPrintable(user));
    }

    void aSignoffWhileTheServerIsDownFailsNamingItAndRecordsNothing()
    {
        QCOMPARE(hire({"step", "done", "hal", "handbook"}).code, 0);
        QVERIFY(pgCluster(QStringLiteral("pause")));
        const RunResult r = mentor({"signoff", "hal"});
        QVERIFY(pgCluster(QStringLiteral("resume")));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("postgresql credential 'live-pg', provider connection 'live'")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(pgSocketDir()), qPrintable(r.err));
        QVERIFY(!r.err.contains(QString::fromUtf8(kProvisionerPassword)));
        // No sign-off, so no grant: production stays locked, and no login was made.
        int code = 0;
        const QJsonObject live = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"), &code);
        QCOMPARE(code, 4);
        QCOMPARE(live.value(QStringLiteral("status")).toString(), QStringLiteral("locked"));
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hal")).size(), 1); // the sandbox login alone
        const RunResult status = mentor({"status", "hal", "--json"});
        QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8()).object().value(QStringLiteral("production")).toString(),
                 QStringLiteral("locked"));
        const RunResult verify = admin({"vault", "check"});
        QVERIFY2(verify.code == 0, qPrintable(verify.out + verify.err));
    }

    void aSignoffThatFailsAfterMakingALoginDropsItAgain()
    {
        QCOMPARE(as(QStringLiteral("hana"), kHirePassphrase, {"step", "done", "hana", "handbook"}).code, 0);
        const RunResult r = mentor({"signoff", "hana"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("provider connection 'gone'")), qPrintable(r.err));
        // live-pg's login was made before gone-pg failed; the sign-off rolled
        // back, and so was the login: none is left without a record.
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hana")), QStringList());
        int code = 0;
        const QJsonObject live = show(QStringLiteral("hana"), kHirePassphrase, QStringLiteral("live-pg"), &code);
        QCOMPARE(live.value(QStringLiteral("status")).toString(), QStringLiteral("locked"));
    }

    void afterTheSignoffTheHireConnectsWithTheGroupsPrivilege()
    {
        const RunResult r = mentor({"signoff", "hal"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject live = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"));
        QCOMPARE(live.value(QStringLiteral("status")).toString(), QStringLiteral("granted"));
        const QString user = live.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QVERIFY2(user.startsWith(QStringLiteral("onramp_hal_live_pg_")), qPrintable(user));
        const Error e = pgConnectAs(live, &m_held);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(m_held->scalar(QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), 2);
        QCOMPARE(m_held->execute(QStringLiteral("DELETE FROM orders")).kind, ErrorKind::NotPermitted);
        // The mentor sees the same fields, never the secret.
        const RunResult list = mentor({"cred", "list", "--hire", "hal", "--json"});
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.contains(user), qPrintable(list.out));
        QVERIFY(!list.out.contains(live.value(QStringLiteral("secret")).toString()));
    }

    // The fields are signed with the grant: whoever holds the vault's master
    // key and points them at a server of theirs (to collect the password)
    // makes the grant invalid, and the hire is given nothing to connect with.
    void rewrittenFieldsMakeTheGrantInvalid()
    {
        const QString original = QStringLiteral("SELECT fields FROM credential_grants WHERE credential_id = 'live-pg' "
                                                "AND ended IS NULL");
        QString fields;
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &vault));
            fields = vault->db().scalar(original).toString();
            QVERIFY2(fields.contains(pgSocketDir()), qPrintable(fields));
            QString evil = fields;
            evil.replace(pgSocketDir(), QStringLiteral("/tmp/elsewhere"));
            QVERIFY(!vault->db().execute(QStringLiteral("UPDATE credential_grants SET fields = ?1 WHERE "
                                                        "credential_id = 'live-pg' AND ended IS NULL"),
                                         {evil}));
        }
        int code = 0;
        const QJsonObject live = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"), &code);
        QCOMPARE(code, 4);
        QCOMPARE(live.value(QStringLiteral("status")).toString(), QStringLiteral("invalid"));
        QVERIFY(!live.contains(QStringLiteral("secret")));
        QVERIFY(!live.value(QStringLiteral("fields")).toObject().contains(QStringLiteral("host")));
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &vault));
            QVERIFY(!vault->db().execute(QStringLiteral("UPDATE credential_grants SET fields = ?1 WHERE "
                                                        "credential_id = 'live-pg' AND ended IS NULL"),
                                         {fields}));
        }
        QCOMPARE(show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg")).value("status").toString(),
                 QStringLiteral("granted"));
    }

    void aRevokeEndsTheOpenSessionAndNewLoginsFail()
    {
        const QJsonObject live = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"));
        QVERIFY(m_held);
        const RunResult r = mentor({"cred", "revoke", "hal", "live-pg"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(m_held->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        std::unique_ptr<PgConnection> again;
        QCOMPARE(pgConnectAs(live, &again).kind, ErrorKind::Auth);
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hal")).size(), 1); // the sandbox login alone
        int code = 0;
        QCOMPARE(show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"), &code)
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("revoked"));
        QCOMPARE(code, 4);
    }

    void aRenewalIssuesAFreshLogin()
    {
        const RunResult r = mentor({"cred", "renew", "hal", "live-pg"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject live = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"));
        QCOMPARE(live.value(QStringLiteral("status")).toString(), QStringLiteral("granted"));
        std::unique_ptr<PgConnection> connection;
        const Error e = pgConnectAs(live, &connection);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(connection->scalar(QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), 2);
    }

    // The server down during a revoke: the grant ends in Onramp all the same
    // (the hire can no longer read it), the revoke at the server is recorded
    // as pending and shown so, never as done, and the sweep does it once the
    // server answers again.
    void aRevokeWhileTheServerIsDownIsPendingUntilASweepDoesIt()
    {
        const QJsonObject live = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"));
        const QString user = live.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QVERIFY(!user.isEmpty());
        QVERIFY(pgCluster(QStringLiteral("pause")));
        const RunResult r = mentor({"cred", "revoke", "hal", "live-pg"});
        const RunResult listed = mentor({"cred", "list", "--hire", "hal"});
        const RunResult listedJson = mentor({"cred", "list", "--hire", "hal", "--json"});
        const RunResult sweepDown = mentor({"cred", "sweep"});
        QVERIFY(pgCluster(QStringLiteral("resume")));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));

        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("pending")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("provider connection 'live'")), qPrintable(r.err));
        QVERIFY2(listed.out.contains(QStringLiteral("live-pg\tproduction, revoked by max, revoke pending")),
                 qPrintable(listed.out));
        bool seen = false;
        for (const QJsonValue& v : QJsonDocument::fromJson(listedJson.out.toUtf8()).array()) {
            if (v[QStringLiteral("id")].toString() != QLatin1String("live-pg"))
                continue;
            seen = true;
            QCOMPARE(v[QStringLiteral("status")].toString(), QStringLiteral("revoked"));
            QCOMPARE(v[QStringLiteral("revoke_pending")].toBool(), true);
        }
        QVERIFY2(seen, qPrintable(listedJson.out));
        QCOMPARE(sweepDown.code, 1);
        QVERIFY2(sweepDown.out.contains(QStringLiteral("Still pending: hal's live-pg")), qPrintable(sweepDown.out));
        // The hire reads it no more, though the login is still at the server.
        int code = 0;
        show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"), &code);
        QCOMPARE(code, 4);
        QVERIFY(pgLoginsOf(*m_super, QStringLiteral("hal")).contains(user));

        const RunResult sweep = mentor({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        const QJsonObject swept = QJsonDocument::fromJson(sweep.out.toUtf8()).object();
        QCOMPARE(swept.value(QStringLiteral("done")).toInt(), 1);
        QCOMPARE(swept.value(QStringLiteral("pending")).toArray().size(), 0);
        QVERIFY(!pgLoginsOf(*m_super, QStringLiteral("hal")).contains(user));
        const RunResult after = mentor({"cred", "list", "--hire", "hal"});
        QVERIFY2(after.out.contains(QStringLiteral("live-pg\tproduction, revoked by max\t")), qPrintable(after.out));
        QCOMPARE(mentor({"cred", "sweep"}).code, 0);
    }

    // A pending revoke is retried by the mentor's next act that loads the
    // provider, before it, quietly, and the act says what it dropped.
    void aPendingRevokeIsRetriedByTheMentorsNextAct()
    {
        QCOMPARE(mentor({"cred", "renew", "hal", "live-pg"}).code, 0);
        const QString user = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("live-pg"))
                                 .value(QStringLiteral("fields"))
                                 .toObject()
                                 .value(QStringLiteral("user"))
                                 .toString();
        QVERIFY(pgCluster(QStringLiteral("pause")));
        const RunResult revoked = mentor({"cred", "revoke", "hal", "live-pg"});
        QVERIFY(pgCluster(QStringLiteral("resume")));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));
        QVERIFY2(revoked.out.contains(QStringLiteral("pending")), qPrintable(revoked.out));
        QVERIFY(pgLoginsOf(*m_super, QStringLiteral("hal")).contains(user));

        // Hana's sign-off still fails (its second server is gone), but the
        // retry before it dropped Hal's login.
        const RunResult act = mentor({"signoff", "hana"});
        QCOMPARE(act.code, 1);
        QVERIFY2(act.out.contains(QStringLiteral("Dropped at its source, pending until now: hal's live-pg")),
                 qPrintable(act.out));
        QVERIFY(!pgLoginsOf(*m_super, QStringLiteral("hal")).contains(user));
        const RunResult listed = mentor({"cred", "list", "--hire", "hal"});
        QVERIFY2(listed.out.contains(QStringLiteral("live-pg\tproduction, revoked by max\t")), qPrintable(listed.out));
        // Nothing is pending now: the next act says nothing of it.
        const RunResult again = mentor({"signoff", "hana"});
        QVERIFY(!again.out.contains(QStringLiteral("Dropped at its source")));
    }

    void disablingTheHireDropsTheirLogins()
    {
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hal")).size(), 1);
        const RunResult r = admin({"person", "disable", "hal"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(pgLoginsOf(*m_super, QStringLiteral("hal")), QStringList());
    }

    void noPasswordReachedAnyOutput()
    {
        QVERIFY(!m_output.contains(QString::fromUtf8(kProvisionerPassword)));
        QVERIFY(filesContaining(m_vault, kProvisionerPassword).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPostgresqlCommands)
#include "TestPostgresqlCommands.moc"
