// Where a provider connection points, attacked through the real `onramp`
// binary against two real PostgreSQL 15 clusters (the ctest fixture's, and
// a second one this test starts beside it):
// - an admin re-points the production connection at another server (a
//   cluster moved) while a hire's login made through it is live: that is
//   refused naming the login unless --accept-pending-drops; accepted, the
//   mentor's revoke and the admin's disable must not say "dropped" because
//   the new server has no such role: the login lives on at the old server,
//   so the drop stays pending until the connection points back for a sweep;
// - the admin gives a DSN listing several servers, one of them the old one:
//   refused, as libpq would sign in (and "drop") wherever answers first;
// - a backup taken before a sign-off is restored after it: the login the
//   sign-off made is dropped at the server (or pending while it is down).
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "PostgresqlProvider.h"
#include "credentials/ProviderConnections.h"
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

const QString kDatabase = QStringLiteral("onramp_targets");
const QByteArray kProvisionerPassword = "the provisioner's password for the targets";

const QByteArray kChecklist = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: targets
  title: Logins where they were made
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [targets_reader]}
    ttl: 8h
)";

/// The second cluster's folder, beside the fixture's (under /tmp, short).
QString otherClusterDir()
{
    return pgClusterDir() + QStringLiteral("t");
}

QString dsnAt(const QString& clusterDir, const QString& database, const QString& extra = {})
{
    return QStringLiteral("host=%1/s port=5432 dbname=%2 user=onramp_provisioner%3")
        .arg(clusterDir, database, extra.isEmpty() ? QString() : QLatin1Char(' ') + extra);
}

Error connectSuperAt(const QString& clusterDir, const QString& database, std::unique_ptr<PgConnection>* out)
{
    QFile file(clusterDir + QStringLiteral("/superuser.pw"));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QStringLiteral("no superuser password in %1").arg(clusterDir));
    ServerAddress address;
    if (Error e =
            ServerAddress::parse(QStringLiteral("host=%1/s port=5432 dbname=%2").arg(clusterDir, database), &address))
        return e;
    return PgConnection::connect(address, pgSuperuser(), SecureBytes::copyOf(file.readAll().trimmed()), out);
}

bool clusterScript(const QString& command, const QString& dir)
{
    QProcess process;
    process.start(QStringLiteral("bash"), {qEnvironmentVariable("ONRAMP_TEST_PG_SCRIPT"), command, dir});
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace

class TestProviderTargets : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vault;
    QString m_output; // stdout and stderr of every run
    std::unique_ptr<PgConnection> m_old; // the server the connection points at first
    std::unique_ptr<PgConnection> m_new; // the one it is pointed at later

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        const RunResult r = runOnramp(args, passphrase);
        m_output += r.out + r.err;
        return r;
    }
    RunResult admin(const QStringList& args) { return as(QStringLiteral("ada"), kAdminPassphrase, args); }
    RunResult mentor(const QStringList& args) { return as(QStringLiteral("max"), kMentorPassphrase, args); }

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    RunResult providerSet(const QString& name, const QString& dsn, const QStringList& more = {})
    {
        const QString secretFile = write(QStringLiteral("provisioner.pw"), kProvisionerPassword + '\n');
        const RunResult r =
            admin(QStringList{"provider", "set", name, "--dsn", dsn, "--secret-file", secretFile} + more);
        QFile::remove(secretFile);
        return r;
    }

    QJsonArray providers()
    {
        return QJsonDocument::fromJson(admin({"provider", "list", "--json"}).out.toUtf8()).array();
    }

    QString dsnOf(const QString& name)
    {
        for (const QJsonValue& v : providers())
            if (v[QStringLiteral("name")].toString() == name)
                return v[QStringLiteral("dsn")].toString();
        return {};
    }

    bool signedOff(const QString& hire)
    {
        const QList<RunResult> runs = {
            admin({"enroll", hire, "--checklist", "targets", "--mentor", "max"}),
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

    QString loginOf(const QString& hire)
    {
        const RunResult r = as(hire, kHirePassphrase, {"cred", "show", "live-pg", "--json"});
        return QJsonDocument::fromJson(r.out.toUtf8())
            .object()
            .value(QStringLiteral("fields"))
            .toObject()
            .value(QStringLiteral("user"))
            .toString();
    }

    QJsonObject listed(const QString& hire)
    {
        const RunResult r = mentor({"cred", "list", "--hire", hire, "--json"});
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (v[QStringLiteral("id")].toString() == QLatin1String("live-pg"))
                return v.toObject();
        return {};
    }

    /// A backup (\a file) taken after \a hire was enrolled on "targets" and
    /// did a step, and before their sign-off, which made \a login through
    /// "live"; \a at, when given, is where "live" points after the backup.
    void madeAfterBackup(const QString& hire, const QString& clusterDir, QString* file, QString* login,
                         const QString& at = {})
    {
        RunResult r = providerSet(QStringLiteral("live"), dsnAt(clusterDir, kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        *file = m_vault + QStringLiteral("-before-%1.onramp").arg(hire);
        r = admin({"enroll", hire, "--checklist", "targets", "--mentor", "max"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = as(hire, kHirePassphrase, {"step", "done", hire, "handbook"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"backup", *file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        if (!at.isEmpty()) {
            r = providerSet(QStringLiteral("live"), dsnAt(at, kDatabase));
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        r = mentor({"signoff", hire});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        *login = loginOf(hire);
        QVERIFY(!login->isEmpty());
    }

    /// Runs \a sql on the vault as \a hire would, holding the master key.
    void rewriteAs(const QString& hire, const QStringList& sql)
    {
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(m_vault, hire, QByteArrayView(kHirePassphrase), &vault);
        QVERIFY2(!e, qPrintable(e.message));
        for (const QString& statement : sql) {
            const Error run = vault->db().execute(statement);
            QVERIFY2(!run, qPrintable(statement + QStringLiteral(": ") + run.message));
        }
    }

    /// Whether \a role exists at \a server, and whether it may log in.
    static std::pair<bool, bool> role(PgConnection& server, const QString& name)
    {
        QList<QVariantList> rows;
        if (server.execute(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {name}, &rows))
            return {true, true};
        return {!rows.isEmpty(), !rows.isEmpty() && rows.first().at(0).toBool()};
    }

    /// The provisioning script, the provisioner's password and the group, in kDatabase at \a clusterDir.
    static bool provision(const QString& clusterDir, std::unique_ptr<PgConnection>* out)
    {
        if (clusterDir == pgClusterDir()) {
            if (pgRecreateDatabase(kDatabase))
                return false;
        } else {
            std::unique_ptr<PgConnection> postgres;
            if (connectSuperAt(clusterDir, QStringLiteral("postgres"), &postgres)
                || postgres->execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(kDatabase))
                || postgres->execute(QStringLiteral("CREATE DATABASE %1").arg(kDatabase)))
                return false;
        }
        if (connectSuperAt(clusterDir, kDatabase, out))
            return false;
        QFile script(qEnvironmentVariable("ONRAMP_PROVISIONING_SQL"));
        if (!script.open(QIODevice::ReadOnly) || (*out)->executeScript(QString::fromUtf8(script.readAll())))
            return false;
        QString verifier;
        if ((*out)->scramVerifier(QStringLiteral("onramp_provisioner"), SecureBytes::copyOf(kProvisionerPassword),
                                  &verifier))
            return false;
        return !(*out)->executeScript(QStringLiteral("ALTER ROLE onramp_provisioner PASSWORD '%1';"
                                                     "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname "
                                                     "= 'targets_reader') THEN CREATE ROLE targets_reader NOLOGIN; "
                                                     "END IF; END $$;"
                                                     "INSERT INTO onramp_provision.allowed_groups VALUES "
                                                     "('targets_reader')")
                                          .arg(verifier));
    }

    static void dropOurLogins(PgConnection* server)
    {
        if (server)
            server->executeScript(
                QStringLiteral("DO $$ DECLARE r text; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE "
                               "'onramp\\_tg\\_%' LOOP EXECUTE format('DROP OWNED BY %I', r); EXECUTE "
                               "format('DROP ROLE %I', r); END LOOP; END $$;"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run through ctest");
        QVERIFY2(clusterScript(QStringLiteral("start"), otherClusterDir()), "the second cluster did not start");
        QVERIFY(provision(pgClusterDir(), &m_old));
        QVERIFY(provision(otherClusterDir(), &m_new));
        dropOurLogins(m_old.get());
        QVERIFY(m_dir.isValid());
    }

    void cleanupTestCase()
    {
        dropOurLogins(m_old.get());
        m_old.reset();
        m_new.reset();
        clusterScript(QStringLiteral("stop"), otherClusterDir());
    }

    // Each test on a vault of its own (connections cannot be removed); a data row, too.
    void init()
    {
        static int made = 0;
        m_vault = m_dir.filePath(QStringLiteral("vault-%1").arg(++made));
        std::unique_ptr<Vault> vault = makeVault(m_vault);
        QVERIFY(vault);
        // Login names start with the hire's: "tg_" keeps them this test's own.
        for (const QString& hire : {QStringLiteral("tg_ida"), QStringLiteral("tg_una")})
            QVERIFY(!People(*vault).add(hire, hire, Role::Hire, QByteArrayView(kHirePassphrase)));
    }

    // G5: the connection is re-pointed while a hire's login made through it
    // is live. Refused without the option, naming the login; accepted with
    // it, a revoke and a disable leave the drop pending (the login is at the
    // old server, not the new one), until the connection points back and a
    // sweep drops it there.
    void aRepointedConnectionLeavesTheOldLoginsPending()
    {
        RunResult r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(signedOff(QStringLiteral("tg_ida")));
        QVERIFY(signedOff(QStringLiteral("tg_una")));
        const QString ida = loginOf(QStringLiteral("tg_ida"));
        const QString una = loginOf(QStringLiteral("tg_una"));
        QVERIFY(!ida.isEmpty() && !una.isEmpty());
        QCOMPARE(role(*m_old, ida), std::pair(true, true));

        // The same server under another database keeps the logins reachable: no question.
        r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase, QStringLiteral("application_name=y")));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));

        // A list naming the old server and a new one shares an endpoint with
        // the old DSN, but libpq signs in to whichever answers first: a drop
        // "done" at the new one would leave the login live at the old one.
        // Refused, with or without the option, and so is any list.
        const QString both = QStringLiteral("host=%1/s,%2/s port=5432 dbname=%3 user=onramp_provisioner")
                                 .arg(otherClusterDir(), pgClusterDir(), kDatabase);
        for (const QStringList& more : {QStringList(), QStringList{"--accept-pending-drops"}}) {
            r = providerSet(QStringLiteral("live"), both, more);
            QCOMPARE(r.code, 5);
            QVERIFY2(r.err.contains(QStringLiteral("more than one server")), qPrintable(r.err));
        }
        r = providerSet(QStringLiteral("spare"),
                        QStringLiteral("host=%1/s port=5432,5433 dbname=%2").arg(pgClusterDir(), kDatabase));
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("more than one server")), qPrintable(r.err));
        QCOMPARE(dsnOf(QStringLiteral("live")), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY(dsnOf(QStringLiteral("spare")).isEmpty());

        r = providerSet(QStringLiteral("live"), dsnAt(otherClusterDir(), kDatabase));
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("tg_ida's live-pg"))
                     && r.err.contains(QStringLiteral("tg_una's live-pg"))
                     && r.err.contains(QStringLiteral("--accept-pending-drops")),
                 qPrintable(r.err));
        QCOMPARE(dsnOf(QStringLiteral("live")), dsnAt(pgClusterDir(), kDatabase));
        // The admin's page sets it through the same call, which hands it
        // the logins to ask about, and changes nothing either.
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), QByteArrayView(kAdminPassphrase), &vault));
            QStringList refusedFor;
            ProviderSetOptions options;
            options.refusedFor = &refusedFor;
            const Error e = ProviderConnections(*vault, defaultClock())
                                .setThrough(providers::PostgresqlProvider(), QStringLiteral("live"),
                                            dsnAt(otherClusterDir(), kDatabase),
                                            SecureBytes::copyOf(QByteArrayView(kProvisionerPassword)),
                                            Environment::Production, options);
            QCOMPARE(e.kind, ErrorKind::InvalidInput);
            refusedFor.sort();
            QCOMPARE(refusedFor, (QStringList{QStringLiteral("tg_ida's live-pg"), QStringLiteral("tg_una's live-pg")}));
            // Accepted for fewer logins than it would leave behind (the admin
            // was shown a list from before a sign-off): refused the same.
            const QStringList shown{QStringLiteral("tg_ida's live-pg")};
            options.acceptPendingDrops = true;
            options.acceptOnly = &shown;
            refusedFor.clear();
            const Error unseen = ProviderConnections(*vault, defaultClock())
                                     .setThrough(providers::PostgresqlProvider(), QStringLiteral("live"),
                                                 dsnAt(otherClusterDir(), kDatabase),
                                                 SecureBytes::copyOf(QByteArrayView(kProvisionerPassword)),
                                                 Environment::Production, options);
            QCOMPARE(unseen.kind, ErrorKind::InvalidInput);
            QCOMPARE(refusedFor.size(), 2);
        }
        QCOMPARE(dsnOf(QStringLiteral("live")), dsnAt(pgClusterDir(), kDatabase));

        r = providerSet(QStringLiteral("live"), dsnAt(otherClusterDir(), kDatabase), {"--accept-pending-drops"});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        const RunResult revoked = mentor({"cred", "revoke", "tg_ida", "live-pg"});
        QVERIFY2(revoked.code == 0, qPrintable(revoked.err));
        QVERIFY2(revoked.out.contains(QStringLiteral("pending")), qPrintable(revoked.out));
        QVERIFY2(!revoked.out.contains(QStringLiteral("dropped")), qPrintable(revoked.out));
        QCOMPARE(listed(QStringLiteral("tg_ida")).value(QStringLiteral("revoke_pending")).toBool(), true);

        const RunResult disabled = admin({"person", "disable", "tg_una"});
        QVERIFY2(disabled.code == 0, qPrintable(disabled.out + disabled.err));
        QVERIFY2(!disabled.out.contains(QStringLiteral("dropped")), qPrintable(disabled.out));

        RunResult sweep = mentor({"cred", "sweep"});
        QCOMPARE(sweep.code, 1);
        QVERIFY2(sweep.out.contains(QStringLiteral("tg_ida's live-pg")), qPrintable(sweep.out));
        // Both logins still at the old server: nothing said otherwise.
        QCOMPARE(role(*m_old, ida).first, true);
        QCOMPARE(role(*m_old, una).first, true);

        // Pointed back (the same question: the new server's side has nothing), a sweep drops them there.
        r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase), {"--accept-pending-drops"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        sweep = admin({"cred", "sweep", "--json"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(role(*m_old, ida).first, false);
        QCOMPARE(role(*m_old, una).first, false);
        QCOMPARE(listed(QStringLiteral("tg_ida")).value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    // A backup is taken before tg_ida's sign-off, and restored after it:
    // the restored vault knows nothing of the login the sign-off made, which
    // would live on at the server with nothing to end it but its expiry.
    // The restore drops it there, in a signed credential.drop.
    void aRestoreDropsTheLoginsMadeAfterItsBackup()
    {
        QString file;
        QString ida;
        madeAfterBackup(QStringLiteral("tg_ida"), pgClusterDir(), &file, &ida);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(role(*m_old, ida), std::pair(true, true));

        RunResult r = admin({"restore", file, "--replace"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("The login tg_ida's live-pg, made after the backup was taken, was "
                                               "dropped at its server")),
                 qPrintable(r.out));
        QCOMPARE(role(*m_old, ida).first, false);
        const QJsonObject after = listed(QStringLiteral("tg_ida"));
        QCOMPARE(after.value(QStringLiteral("revoke_pending")).toBool(), false);
        QVERIFY2(admin({"audit", "log"})
                     .out.section(QStringLiteral("vault.restore"), 1)
                     .contains(QStringLiteral("credential.drop")),
                 "no signed credential.drop after the restore");
        for (const QStringList& check : {QStringList{"audit", "verify"}, QStringList{"vault", "check"}}) {
            const RunResult c = admin(check);
            QVERIFY2(c.code == 0, qPrintable(c.out + c.err));
        }
        // The restored vault works on: the hire is signed off again, afresh.
        r = mentor({"signoff", "tg_ida"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(role(*m_old, loginOf(QStringLiteral("tg_ida"))), std::pair(true, true));
    }

    // The same with the server down during the restore: the drop is
    // pending, shown so, and a sweep once the server is back drops it.
    void aLoginMadeAfterTheBackupStaysPendingWhileItsServerIsDown()
    {
        QString file;
        QString una;
        madeAfterBackup(QStringLiteral("tg_una"), otherClusterDir(), &file, &una);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(role(*m_new, una), std::pair(true, true));

        m_new.reset();
        RunResult r;
        QVERIFY(clusterScript(QStringLiteral("pause"), otherClusterDir()));
        r = admin({"restore", file, "--replace"});
        const bool started = clusterScript(QStringLiteral("resume"), otherClusterDir());
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(started);
        QVERIFY(!connectSuperAt(otherClusterDir(), kDatabase, &m_new));
        QVERIFY2(r.out.contains(QStringLiteral("The login tg_una's live-pg, made after the backup was taken, could "
                                               "not be dropped at its server yet")),
                 qPrintable(r.out));
        QCOMPARE(role(*m_new, una).first, true);
        QCOMPARE(listed(QStringLiteral("tg_una")).value(QStringLiteral("revoke_pending")).toBool(), true);

        const RunResult sweep = admin({"cred", "sweep"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(role(*m_new, una).first, false);
        QCOMPARE(listed(QStringLiteral("tg_una")).value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    // The hire holds the master key and rewrites the replaced vault's rows
    // before the restore, to hide their login made after the backup: their
    // enrollment handed to nobody or to another person, the checklist rows
    // changed. The restore places the login by the signed log and drops it
    // all the same; nothing else is dropped.
    void aLoginTheReplacedRowsHideIsDroppedAllTheSame_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::newRow("enrollment to nobody")
            << QStringList{QStringLiteral("PRAGMA foreign_keys = OFF"),
                           QStringLiteral("UPDATE enrollments SET hire_id = 99999 WHERE hire_id = (SELECT id FROM "
                                          "people WHERE name = 'tg_ida')")};
        QTest::newRow("enrollment to another hire")
            << QStringList{QStringLiteral("UPDATE enrollments SET hire_id = (SELECT id FROM people WHERE name = "
                                          "'tg_una') WHERE hire_id = (SELECT id FROM people WHERE name = 'tg_ida')")};
        QTest::newRow("checklist rows garbled")
            << QStringList{QStringLiteral("UPDATE checklists SET yaml = CAST(replace(CAST(yaml AS TEXT), 'provider: "
                                          "postgresql', 'provider: static') AS BLOB)")};
        QTest::newRow("checklist rows name another connection")
            << QStringList{QStringLiteral("UPDATE checklists SET yaml = CAST(replace(CAST(yaml AS TEXT), 'server: "
                                          "live', 'server: spare') AS BLOB)")};
    }

    void aLoginTheReplacedRowsHideIsDroppedAllTheSame()
    {
        QFETCH(QStringList, sql);
        QString file;
        QString ida;
        madeAfterBackup(QStringLiteral("tg_ida"), pgClusterDir(), &file, &ida);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(role(*m_old, ida), std::pair(true, true));
        rewriteAs(QStringLiteral("tg_ida"), sql);
        if (QTest::currentTestFailed())
            return;

        const RunResult r = admin({"restore", file, "--replace"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("The login tg_ida's live-pg, made after the backup was taken, was "
                                               "dropped at its server")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("tg_una's")), qPrintable(r.out));
        QCOMPARE(role(*m_old, ida).first, false);
        const RunResult verified = admin({"vault", "check"});
        QVERIFY2(verified.code == 0, qPrintable(verified.out + verified.err));
    }

    // After the backup, the connection is pointed at another server and the
    // sign-off makes the login there. The restored copy's connection points
    // at the first server, where the login never was: not finding it there
    // is not taken for dropped. Pending until the connection points at the
    // second server again, where a sweep drops it.
    void aLoginMadeWhereTheConnectionPointedSinceStaysPending()
    {
        QString file;
        QString ida;
        madeAfterBackup(QStringLiteral("tg_ida"), pgClusterDir(), &file, &ida, otherClusterDir());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(role(*m_new, ida), std::pair(true, true));

        RunResult r = admin({"restore", file, "--replace"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("The login tg_ida's live-pg, made after the backup was taken, could "
                                               "not be dropped at its server yet")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("was dropped")), qPrintable(r.out));
        QCOMPARE(role(*m_new, ida).first, true);
        QCOMPARE(listed(QStringLiteral("tg_ida")).value(QStringLiteral("revoke_pending")).toBool(), true);
        RunResult sweep = admin({"cred", "sweep"});
        QCOMPARE(sweep.code, 1);
        QCOMPARE(role(*m_new, ida).first, true);

        r = providerSet(QStringLiteral("live"), dsnAt(otherClusterDir(), kDatabase), {"--accept-pending-drops"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        sweep = admin({"cred", "sweep"});
        QVERIFY2(sweep.code == 0, qPrintable(sweep.out + sweep.err));
        QCOMPARE(role(*m_new, ida).first, false);
        QCOMPARE(listed(QStringLiteral("tg_ida")).value(QStringLiteral("revoke_pending")).toBool(), false);
    }

    // After the backup the login is revoked (dropped at the first server),
    // the connection pointed at a second one and the grant given again there.
    // The backup knows the grant, so the restore revokes it again, but the
    // restored connection points at the first server, where the login is
    // not: its vault.restore entry says where the replaced vault pointed
    // the connection since, so the drop stays pending until it points there.
    void aLoginRemadeElsewhereAfterTheBackupStaysPending()
    {
        QString file;
        QString ida;
        madeAfterBackup(QStringLiteral("tg_ida"), pgClusterDir(), &file, &ida);
        if (QTest::currentTestFailed())
            return;
        RunResult r = admin({"backup", file, "--force"}); // after the sign-off: the backup holds the grant
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = mentor({"cred", "revoke", "tg_ida", "live-pg"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(role(*m_old, ida).first, false);
        r = providerSet(QStringLiteral("live"), dsnAt(otherClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = mentor({"cred", "renew", "tg_ida", "live-pg"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QString again = loginOf(QStringLiteral("tg_ida"));
        QCOMPARE(role(*m_new, again), std::pair(true, true));

        r = admin({"restore", file, "--replace"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(role(*m_new, again).first, true);
        QCOMPARE(listed(QStringLiteral("tg_ida")).value(QStringLiteral("revoke_pending")).toBool(), true);
        r = admin({"cred", "sweep"});
        QCOMPARE(r.code, 1);
        QCOMPARE(role(*m_new, again).first, true);
        r = providerSet(QStringLiteral("live"), dsnAt(otherClusterDir(), kDatabase), {"--accept-pending-drops"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"cred", "sweep"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(role(*m_new, again).first, false);
    }

    // The hire deletes the stored connection, or rewrites its box: the
    // admin's repair points it at another server. What the log says it
    // pointed at decides, so the logins made through it still need
    // --accept-pending-drops.
    void aDeletedConnectionIsNoNewOne_data()
    {
        QTest::addColumn<QString>("tampering");
        QTest::newRow("deleted") << QStringLiteral(
            "DELETE FROM credential_secrets WHERE credential_id = 'provider:live'");
        QTest::newRow("box rewritten") << QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) "
                                                         "WHERE credential_id = 'provider:live'");
    }

    void aDeletedConnectionIsNoNewOne()
    {
        QFETCH(QString, tampering);
        RunResult r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(signedOff(QStringLiteral("tg_ida")));
        rewriteAs(QStringLiteral("tg_ida"), {tampering});
        if (QTest::currentTestFailed())
            return;
        r = admin({"vault", "check"});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.out.contains(QStringLiteral("provider:live")) || r.err.contains(QStringLiteral("provider:live")),
                 qPrintable(r.out + r.err));
        // What the admin's page offers to set again.
        const auto toSetAgain = [this] {
            std::unique_ptr<Vault> vault;
            QStringList names;
            if (Vault::unlock(m_vault, QStringLiteral("ada"), QByteArrayView(kAdminPassphrase), &vault)
                || ProviderConnections(*vault, defaultClock()).toSetAgain(&names))
                names = QStringList{QStringLiteral("(not read)")};
            return names;
        };
        QCOMPARE(toSetAgain(), QStringList{QStringLiteral("live")});
        r = providerSet(QStringLiteral("live"), dsnAt(otherClusterDir(), kDatabase));
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("tg_ida's live-pg")) && r.err.contains(QStringLiteral("--accept")),
                 qPrintable(r.err));
        r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"vault", "check"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(toSetAgain(), QStringList());
        r = mentor({"cred", "revoke", "tg_ida", "live-pg"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    }

    // The hire rebuilds the log's index by action without their
    // grant.create (the table and its chain untouched). A new mentor ends
    // the grant: its login is dropped all the same, the log read whole.
    void aLogIndexThatHidesTheGrantDropsItAllTheSame()
    {
        RunResult r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(signedOff(QStringLiteral("tg_ida")));
        const QString ida = loginOf(QStringLiteral("tg_ida"));
        QCOMPARE(role(*m_old, ida), std::pair(true, true));
        r = admin({"person", "add", "sue", "--role", "mentor", "--new-passphrase-file",
                   write(QStringLiteral("sue.pass"), "sue's first passphrase\n")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        {
            std::unique_ptr<Vault> vault;
            const Error e = Vault::unlock(m_vault, QStringLiteral("tg_ida"), QByteArrayView(kHirePassphrase), &vault);
            QVERIFY2(!e, qPrintable(e.message));
            Database& db = vault->db();
            const qint64 grant =
                db.scalar(QStringLiteral("SELECT max(seq) FROM audit_log WHERE action = 'grant.create'")).toLongLong();
            QVERIFY(grant > 0);
            QVERIFY(!db.execute(QStringLiteral("CREATE TABLE zz (action TEXT, seq INTEGER)")));
            QVERIFY(!db.execute(QStringLiteral("CREATE INDEX zzi ON zz (action, seq)")));
            QVERIFY(!db.execute(QStringLiteral("INSERT INTO zz (rowid, action, seq) SELECT seq, action, seq FROM "
                                               "audit_log WHERE seq <> ?1"),
                                {grant}));
            const qint64 root =
                db.scalar(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = 'zzi'")).toLongLong();
            const qint64 version = db.scalar(QStringLiteral("PRAGMA schema_version")).toLongLong();
            for (const QString& sql :
                 {QStringLiteral("PRAGMA writable_schema = ON"),
                  QStringLiteral("UPDATE sqlite_schema SET rootpage = %1 WHERE name = 'audit_log_by_action'").arg(root),
                  QStringLiteral("DELETE FROM sqlite_schema WHERE name IN ('zz', 'zzi')"),
                  QStringLiteral("PRAGMA schema_version = %1").arg(version + 1),
                  QStringLiteral("PRAGMA writable_schema = OFF")}) {
                const Error run = db.execute(sql);
                QVERIFY2(!run, qPrintable(sql + QStringLiteral(": ") + run.message));
            }
            // The index hides it now.
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM audit_log INDEXED BY audit_log_by_action WHERE "
                                              "action = 'grant.create'"))
                         .toLongLong(),
                     0);
        }
        r = admin({"enrollment", "edit", "tg_ida", "--mentor", "sue"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(role(*m_old, ida).first, false);
    }

    // The backup is taken before the hire was enrolled at all: the restored
    // copy holds no enrollment to keep a pending drop for. The login their
    // sign-off made is dropped by name once the copy is in place, in a
    // signed credential.drop, and not left to its expiry.
    void aLoginOfAnEnrollmentTheBackupLacksIsDropped()
    {
        RunResult r = providerSet(QStringLiteral("live"), dsnAt(pgClusterDir(), kDatabase));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QString file = m_vault + QStringLiteral("-before-enrolling.onramp");
        r = admin({"backup", file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(signedOff(QStringLiteral("tg_ida")));
        const QString ida = loginOf(QStringLiteral("tg_ida"));
        QCOMPARE(role(*m_old, ida), std::pair(true, true));

        r = admin({"restore", file, "--replace"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("The login tg_ida's live-pg, made after the backup was taken, was "
                                               "dropped at its server")),
                 qPrintable(r.out));
        QCOMPARE(role(*m_old, ida).first, false);
        const RunResult log = admin({"audit", "log"});
        QVERIFY2(log.out.section(QStringLiteral("vault.restore"), 1).contains(QStringLiteral("credential.drop")),
                 qPrintable(log.out));
        for (const QStringList& check : {QStringList{"audit", "verify"}, QStringList{"vault", "check"}}) {
            const RunResult c = admin(check);
            QVERIFY2(c.code == 0, qPrintable(c.out + c.err));
        }
    }

    void noPasswordReachedAnyOutput() { QVERIFY(!m_output.contains(QString::fromUtf8(kProvisionerPassword))); }
};

QTEST_GUILESS_MAIN(TestProviderTargets)
#include "TestProviderTargets.moc"
