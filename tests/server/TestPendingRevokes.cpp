// A login at its source that is still to be dropped, attacked by a hire who
// holds the master key, through the real `onramp` binary against a real
// PostgreSQL 15 (the ctest fixture's cluster):
// - the hire's own production login makes drop_login answer false (a default
//   privilege in another database); the revoke must say pending, not done,
//   and a later renewal takes the same login over instead of failing;
// - the hire deletes the provider connection (the revoke can then not reach
//   the server) and then the pending row: the revoke says the vault is
//   damaged, every desk still shows "revoke pending", `vault check` names the
//   missing connection, and the sweep drops the login once it is set again;
// - the hire plants a pending row for another hire's live grant: the admin's
//   sweep leaves that login alone;
// - a routine restore of last night's backup after a pending revoke: the
//   restored vault still knows the drop is pending and the sweep does it.
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

const QString kDatabase = QStringLiteral("onramp_pendrev");
const QByteArray kProvisionerPassword = "the provisioner's password for the pending revokes";
// Login names start with the hire's: "p_" keeps them this test's own.
const QString kOurLogins = QStringLiteral("^onramp_p_");

const QByteArray kChecklist = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: pending
  title: Logins at the source
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [pendrev_reader]}
    ttl: 8h
)";

} // namespace

class TestPendingRevokes : public PostgresqlCliTest
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_super;

    RunResult setLiveConnection()
    {
        return setConnection(QStringLiteral("live"), provisionerDsn(kDatabase), kProvisionerPassword);
    }

    /// Enrolls \a hire, who does the step, and the mentor signs them off.
    bool signedOff(const QString& hire)
    {
        const QList<RunResult> runs = {
            admin({"enroll", hire, "--checklist", "pending", "--mentor", "max"}),
            as(hire, kHirePassphrase, {"step", "done", hire, "handbook"}),
            mentor({"signoff", hire}),
        };
        for (const RunResult& r : runs)
            if (r.code != 0) {
                qWarning().noquote() << r.out << r.err;
                return false;
            }
        return true;
    }

    QJsonObject show(const QString& hire)
    {
        const RunResult r = as(hire, kHirePassphrase, {"cred", "show", "live-pg", "--json"});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    /// live-pg as the mentor's `cred list --json` shows it for \a hire.
    QJsonObject listed(const QString& hire)
    {
        const RunResult r = mentor({"cred", "list", "--hire", hire, "--json"});
        if (r.code != 0)
            qWarning().noquote() << "cred list:" << r.err;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (v[QStringLiteral("id")].toString() == QLatin1String("live-pg"))
                return v.toObject();
        return {};
    }

    /// Whether the role exists, and whether it may log in.
    std::pair<bool, bool> role(const QString& name)
    {
        QList<QVariantList> rows;
        if (m_super->execute(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {name}, &rows))
            return {true, true};
        return {!rows.isEmpty(), !rows.isEmpty() && rows.first().at(0).toBool()};
    }

    /// SQL on the vault as the hire \a who runs it by hand, with their own master key.
    Error asHireBySql(const QString& who, const QString& sql)
    {
        std::unique_ptr<Vault> vault;
        if (Error e = Vault::unlock(m_vault, who, QByteArrayView(kHirePassphrase), &vault))
            return e;
        return vault->db().execute(sql);
    }

    /// The source_revokes rows of \a hire's enrollment (-1: the vault does not open).
    qint64 pendingRows(const QString& hire)
    {
        std::unique_ptr<Vault> vault;
        if (Vault::unlock(m_vault, QStringLiteral("ada"), QByteArrayView(kAdminPassphrase), &vault))
            return -1;
        return vault->db()
            .scalar(QStringLiteral("SELECT count(*) FROM source_revokes r JOIN enrollments e ON e.id = "
                                   "r.enrollment_id JOIN people p ON p.id = e.hire_id WHERE p.name = ?1"),
                    {hire})
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!pgDropLogins(kOurLogins));
        const Error provisioned =
            pgProvisionedDatabase(kDatabase, kProvisionerPassword, {QStringLiteral("pendrev_reader")}, &m_super);
        QVERIFY2(!provisioned, qPrintable(provisioned.message));
        QVERIFY(
            !m_super->executeScript(QStringLiteral("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2);"
                                                   "GRANT SELECT ON orders TO pendrev_reader;")));

        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        {
            std::unique_ptr<Vault> vault = makeVault(m_vault);
            QVERIFY(vault);
            // Login names start with the hire's: "p_" keeps them this test's own.
            for (const QString& hire : {QStringLiteral("p_ida"), QStringLiteral("p_una"), QStringLiteral("p_ola"),
                                        QStringLiteral("p_bea"), QStringLiteral("p_rex")})
                QVERIFY(!People(*vault).add(hire, hire, Role::Hire, QByteArrayView(kHirePassphrase)));
        }
        const RunResult set = setLiveConnection();
        QVERIFY2(set.code == 0, qPrintable(set.err));
        const RunResult r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    }

    void cleanupTestCase()
    {
        m_super.reset();
        if (const Error e = pgDropLogins(kOurLogins))
            qWarning().noquote() << "cannot drop this test's logins:" << e.message;
    }

    // Each test starts with the provider connection in place, whatever the one before left.
    void init()
    {
        std::unique_ptr<Vault> vault;
        QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), QByteArrayView(kAdminPassphrase), &vault));
        const bool stored = vault->db()
                                .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id "
                                                       "= 'provider:live'"))
                                .toLongLong()
            > 0;
        vault.reset();
        if (!stored) {
            const RunResult set = setLiveConnection();
            QVERIFY2(set.code == 0, qPrintable(set.err));
        }
    }

    // F3: one statement of the hire's own production login in another
    // database (a default privilege it owns there) and drop_login cannot
    // drop the role. That is no revoke done: pending, said so, retried by
    // the sweep; the login left keeps no group; and a renewal takes the
    // same login over instead of failing "exists already".
    void aDropTheServerLeftUndoneIsPendingAndARenewalTakesTheLoginOver()
    {
        const QString hire = QStringLiteral("p_ida");
        QVERIFY(signedOff(hire));
        const QJsonObject live = show(hire);
        const QString user = live.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QVERIFY(!user.isEmpty());
        {
            std::unique_ptr<PgConnection> elsewhere;
            const Error e = pgConnectAs(live, &elsewhere, QStringLiteral("postgres"));
            QVERIFY2(!e, qPrintable(e.message));
            QVERIFY(!elsewhere->execute(QStringLiteral("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO public")));
        }

        const RunResult revoked = mentor({"cred", "revoke", hire, "live-pg"});
        QVERIFY2(revoked.code == 0, qPrintable(revoked.err));
        QVERIFY2(revoked.out.contains(QStringLiteral("pending")), qPrintable(revoked.out));
        QVERIFY2(revoked.err.contains(QStringLiteral("was not dropped")), qPrintable(revoked.err));
        QCOMPARE(role(user), std::pair(true, false)); // still there, NOLOGIN
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = "
                                             "m.member WHERE u.rolname = $1"),
                              {user})
                     .toLongLong(),
                 0); // and in no group
        const QJsonObject shown = listed(hire);
        QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QCOMPARE(shown.value(QStringLiteral("revoke_pending")).toBool(), true);
        const RunResult sweep = mentor({"cred", "sweep"});
        QCOMPARE(sweep.code, 1);
        QVERIFY2(sweep.out.contains(QStringLiteral("Still pending: p_ida's live-pg")), qPrintable(sweep.out));

        const RunResult renewed = mentor({"cred", "renew", hire, "live-pg"});
        QVERIFY2(renewed.code == 0, qPrintable(renewed.out + renewed.err));
        const QJsonObject again = show(hire);
        QCOMPARE(again.value(QStringLiteral("status")).toString(), QStringLiteral("granted"));
        std::unique_ptr<PgConnection> connection;
        const Error e = pgConnectAs(again, &connection, kDatabase);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(connection->scalar(QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), 2);
        QCOMPARE(listed(hire).value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    // F5: the hire deletes the provider connection, so the mentor's revoke
    // cannot reach the server, then deletes the pending row. The revoke says
    // the vault is damaged; every desk still shows the drop pending (the
    // signed entry says it); `vault check` names the missing connection; the
    // sweep drops the login once an admin sets the connection again.
    void aDeletedConnectionAndADeletedPendingRowHideNothing()
    {
        const QString hire = QStringLiteral("p_una");
        QVERIFY(signedOff(hire));
        const QString user =
            show(hire).value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QCOMPARE(role(user), std::pair(true, true));
        QVERIFY(!asHireBySql(hire,
                             QStringLiteral("DELETE FROM credential_secrets WHERE credential_id = "
                                            "'provider:live'")));

        const RunResult revoked = mentor({"cred", "revoke", hire, "live-pg"});
        QCOMPARE(revoked.code, 6);
        QVERIFY2(revoked.err.contains(QStringLiteral("deleted outside Onramp")), qPrintable(revoked.err));
        // The grant ended all the same: the hire reads the secret no more.
        QCOMPARE(show(hire).value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QVERIFY(!asHireBySql(hire, QStringLiteral("DELETE FROM source_revokes")));

        // No desk shows a plain "revoked": the mentor's list names the damage.
        const RunResult list = mentor({"cred", "list", "--hire", hire, "--json"});
        QCOMPARE(list.code, 6);
        QVERIFY2(list.err.contains(QStringLiteral("provider:live")), qPrintable(list.err));
        const RunResult check = admin({"vault", "check"});
        QVERIFY(check.code != 0);
        QVERIFY2(check.err.contains(QStringLiteral("provider:live")), qPrintable(check.out + check.err));
        QVERIFY(admin({"cred", "sweep"}).code != 0); // refuses a vault that does not check
        QCOMPARE(role(user), std::pair(true, true));

        // Set again, the connection is the repair; the drop is still pending by the log.
        const RunResult set = setLiveConnection();
        QVERIFY2(set.code == 0, qPrintable(set.err));
        const QJsonObject shown = listed(hire);
        QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QCOMPARE(shown.value(QStringLiteral("revoke_pending")).toBool(), true);
        const RunResult sweep = admin({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(QJsonDocument::fromJson(sweep.out.toUtf8()).object().value(QStringLiteral("done")).toInt(), 1);
        QCOMPARE(role(user).first, false);
        QCOMPARE(listed(hire).value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    // The hire puts back an earlier box of the connection (the admin set it
    // again since). The mentor's revoke ends the grant all the same, but
    // sends nothing through a vault that does not check: the drop is
    // pending, and the sweep does it once the admin sets the connection again.
    void aRevokeThroughAVaultThatDoesNotCheckSendsNothing()
    {
        const QString hire = QStringLiteral("p_ola");
        QVERIFY(signedOff(hire));
        const QString user =
            show(hire).value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QCOMPARE(role(user), std::pair(true, true));
        QVariantList earlier;
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, hire, QByteArrayView(kHirePassphrase), &vault));
            earlier = keptRowOf(vault->db(), QStringLiteral("provider:live"));
            QVERIFY(!earlier.isEmpty());
        }
        const RunResult again = setLiveConnection();
        QVERIFY2(again.code == 0, qPrintable(again.err));
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, hire, QByteArrayView(kHirePassphrase), &vault));
            QVERIFY(!putKeptRowBack(vault->db(), earlier));
        }

        const RunResult revoked = mentor({"cred", "revoke", hire, "live-pg"});
        QCOMPARE(revoked.code, 6);
        QVERIFY2(revoked.err.contains(QStringLiteral("nothing was sent to its server"))
                     && revoked.err.contains(QStringLiteral("an earlier one was put back")),
                 qPrintable(revoked.err));
        QCOMPARE(role(user), std::pair(true, true)); // nothing reached the server
        QCOMPARE(pendingRows(hire), 1);

        const RunResult set = setLiveConnection();
        QVERIFY2(set.code == 0, qPrintable(set.err));
        const QJsonObject shown = listed(hire);
        QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QCOMPARE(shown.value(QStringLiteral("revoke_pending")).toBool(), true);
        const RunResult sweep = admin({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(role(user).first, false);
    }

    // F6: a pending row the hire plants for another hire's live grant; the
    // admin's sweep acts only on what the signed log says is ended, so that
    // login stays and the desks agree it is granted.
    void aPlantedPendingRowDropsNobodysLogin()
    {
        const QString victim = QStringLiteral("p_bea");
        QVERIFY(signedOff(victim));
        const QJsonObject live = show(victim);
        const QString user = live.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QCOMPARE(role(user), std::pair(true, true));
        QVERIFY(!asHireBySql(
            QStringLiteral("p_ida"),
            QStringLiteral("INSERT INTO source_revokes (enrollment_id, credential_id, requested_at, requested_by, "
                           "last_error) SELECT e.id, 'live-pg', '2026-01-01T00:00:00.000Z', e.mentor_id, 'x' FROM "
                           "enrollments e JOIN people p ON p.id = e.hire_id WHERE p.name = 'p_bea'")));
        QCOMPARE(pendingRows(victim), 1); // planted

        const RunResult sweep = admin({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(role(user), std::pair(true, true));
        std::unique_ptr<PgConnection> connection;
        const Error e = pgConnectAs(live, &connection, kDatabase);
        QVERIFY2(!e, qPrintable(e.message));
        const QJsonObject shown = listed(victim);
        QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("granted"));
        QCOMPARE(shown.value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    // F7 (last: it puts the vault back): the server is out of reach during a
    // revoke, then an admin restores last night's backup. The restored vault
    // keeps the ending and still knows the drop is pending; the restore drops
    // the login, and the sweep signs the drop done.
    void aRestoreKeepsTheDropPending()
    {
        const QString hire = QStringLiteral("p_rex");
        QVERIFY(signedOff(hire));
        const QString user =
            show(hire).value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        const QString backup = m_dir.filePath(QStringLiteral("nightly.onramp"));
        RunResult r = admin({"backup", backup});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(pgCluster(QStringLiteral("pause")));
        const RunResult revoked = mentor({"cred", "revoke", hire, "live-pg"});
        QVERIFY(pgCluster(QStringLiteral("resume")));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));
        QVERIFY2(revoked.code == 0 && revoked.out.contains(QStringLiteral("pending")), qPrintable(revoked.out));
        QCOMPARE(pendingRows(hire), 1);

        r = admin({"restore", backup, "--replace"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Revoked again")) || r.out.contains(QStringLiteral("revoked again")),
                 qPrintable(r.out));
        QCOMPARE(pendingRows(hire), 0); // the backup's vault has no row for it
        const QJsonObject shown = listed(hire);
        QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QCOMPARE(shown.value(QStringLiteral("revoke_pending")).toBool(), true);
        // The restore's carried ending dropped the login at the source
        // already; the log keeps the drop pending until a sweep signs it done.
        QCOMPARE(role(user).first, false);
        const RunResult sweep = admin({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(QJsonDocument::fromJson(sweep.out.toUtf8()).object().value(QStringLiteral("done")).toInt(), 1);
        QCOMPARE(role(user).first, false);
        QCOMPARE(listed(hire).value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    void noPasswordReachedAnyOutput()
    {
        QVERIFY(!m_output.contains(QString::fromUtf8(kProvisionerPassword)));
        QVERIFY(filesContaining(m_vault, kProvisionerPassword).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPendingRevokes)
#include "TestPendingRevokes.moc"
