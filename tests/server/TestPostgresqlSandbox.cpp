// A hire's own sandbox database through the real `onramp` binary against a
// real PostgreSQL 15 (the ctest fixture's cluster): a sandbox `postgresql`
// credential with a `template` gives each hire a database made from the
// team's template, owned by their login, that no other hire can open. The
// hire breaks it (DROP TABLE), and `cred reset` makes it again from the
// template with their own credential alone, ending the session they held
// open. Another hire's login cannot drop it, a mentor cannot reset, and a
// production credential is refused.
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
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <thread>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_pgsbx");
const QString kTemplate = QStringLiteral("pgsbx_template");
const QByteArray kProvisionerPassword = "the sandbox provisioner's password";
const QByteArray kSecondPassphrase = "hugo's own passphrase";

const QByteArray kChecklist = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: own-databases
  title: A database of your own
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: own-db
    title: Your sandbox database
    environment: sandbox
    provider: postgresql
    postgresql: {server: sandbox, template: pgsbx_template}
  - id: live-db
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [pgsbx_reader]}
    ttl: 8h
)";

// A production credential cannot name a template.
const QByteArray kProductionTemplate = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: wrong-template
  title: A template where none belongs
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: live-db
    title: Live database
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [pgsbx_reader], template: pgsbx_template}
)";

// A production grant of ten seconds: its login's VALID UNTIL ends it at the
// server itself. (Ten, not two: the sign-off runs on a fixed clock, and a
// busy machine may take seconds between that moment and the login's making.)
const QByteArray kShortLived = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: short-lived
  title: Ten seconds of production
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: blink-db
    title: Live database, for ten seconds
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [pgsbx_reader]}
    ttl: 10s
)";
const QByteArray kThirdPassphrase = "hedy's own passphrase";

// Where a move takes Hal: no database of his own any more.
const QByteArray kElsewhere = R"(onramp: 1
checklist:
  id: elsewhere
  title: No database of your own
  steps:
    - {id: tour, title: Take the tour, required: true}
)";

} // namespace

class TestPostgresqlSandbox : public PostgresqlCliTest
{
    Q_OBJECT

    QStringList m_secrets; // the hires' sandbox passwords
    std::unique_ptr<PgConnection> m_held; // hal's session in their sandbox, held open

    RunResult hal(const QStringList& args) { return as(QStringLiteral("hal"), kHirePassphrase, args); }
    RunResult hugo(const QStringList& args) { return as(QStringLiteral("hugo"), kSecondPassphrase, args); }
    /// As as(), with Onramp's clock fixed at \a now (ONRAMP_NOW).
    RunResult asAt(const QDateTime& now, const QString& who, const QByteArray& passphrase, const QStringList& args)
    {
        return as(who, passphrase, args, {{QStringLiteral("ONRAMP_NOW"), now.toUTC().toString(Qt::ISODate)}});
    }

    QJsonObject show(const QString& who, const QByteArray& passphrase, const QString& id)
    {
        const RunResult r = as(who, passphrase, {"cred", "show", id, "--json"});
        const QJsonObject credential = QJsonDocument::fromJson(r.out.toUtf8()).object();
        if (credential.contains(QStringLiteral("secret")))
            m_secrets.append(credential.value(QStringLiteral("secret")).toString());
        return credential;
    }

    static QString databaseOf(const QJsonObject& credential)
    {
        return credential.value(QStringLiteral("fields")).toObject().value(QStringLiteral("database")).toString();
    }

    /// Drops what an earlier run left: the sandbox databases, then the
    /// logins of this test's hires.
    static Error dropLeftovers() { return pgDropLogins(QStringLiteral("^onramp_(hal|hugo|hedy)_")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run through ctest");
        QVERIFY(!dropLeftovers());
        {
            std::unique_ptr<PgConnection> super;
            const Error provisioned =
                pgProvisionedDatabase(kDatabase, kProvisionerPassword, {QStringLiteral("pgsbx_reader")}, &super);
            QVERIFY2(!provisioned, qPrintable(provisioned.message));
            QVERIFY(
                !super->executeScript(QStringLiteral("UPDATE onramp_provision.settings SET sandbox_databases = true")));
        }
        {
            // The team's template, as the provisioning script's header says to make it.
            std::unique_ptr<PgConnection> super;
            QVERIFY(!pgConnectSuper(QStringLiteral("postgres"), &super));
            QVERIFY(!super->executeScript(
                QStringLiteral("DO $$ BEGIN IF EXISTS (SELECT FROM pg_database WHERE datname = '%1') THEN "
                               "ALTER DATABASE %1 IS_TEMPLATE false; END IF; END $$;")
                    .arg(kTemplate)));
        }
        QVERIFY(!pgRecreateDatabase(kTemplate));
        {
            std::unique_ptr<PgConnection> inTemplate;
            QVERIFY(!pgConnectSuper(kTemplate, &inTemplate));
            QVERIFY(!inTemplate->executeScript(
                QStringLiteral("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);"
                               "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');"
                               "ALTER TABLE customers OWNER TO onramp_sandbox;")));
        }
        {
            std::unique_ptr<PgConnection> super;
            QVERIFY(!pgConnectSuper(QStringLiteral("postgres"), &super));
            QVERIFY(!super->executeScript(QStringLiteral("ALTER DATABASE %1 IS_TEMPLATE true;"
                                                         "REVOKE ALL ON DATABASE %1 FROM PUBLIC")
                                              .arg(kTemplate)));
        }

        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        {
            std::unique_ptr<Vault> vault = makeVault(m_vault);
            QVERIFY(vault);
            QVERIFY(!People(*vault).add(QStringLiteral("hugo"), QStringLiteral("Hugo Hire"), Role::Hire,
                                        QByteArrayView(kSecondPassphrase)));
            QVERIFY(!People(*vault).add(QStringLiteral("hedy"), QStringLiteral("Hedy Hire"), Role::Hire,
                                        QByteArrayView(kThirdPassphrase)));
        }
        for (const QString& name : {QStringLiteral("sandbox"), QStringLiteral("live")}) {
            const RunResult r = setConnection(name, provisionerDsn(kDatabase), kProvisionerPassword,
                                              name == QLatin1String("sandbox") ? QStringLiteral("sandbox") : QString());
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        RunResult r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"checklist", "import", write(QStringLiteral("short.yaml"), kShortLived)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = admin({"enroll", "hedy", "--checklist", "short-lived", "--mentor", "max"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const QString& hire : {QStringLiteral("hal"), QStringLiteral("hugo")}) {
            r = admin({"enroll", hire, "--checklist", "own-databases", "--mentor", "max"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
    }

    void cleanupTestCase()
    {
        m_held.reset();
        const Error e = dropLeftovers();
        QVERIFY2(!e, qPrintable(e.message));
    }

    void aTemplateOnAProductionCredentialIsRefusedAtImport()
    {
        const QString file = write(QStringLiteral("wrong.yaml"), kProductionTemplate);
        const RunResult r = admin({"checklist", "import", file});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(file + QStringLiteral(":13:")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("'template' of credential 'live-db'")), qPrintable(r.err));
    }

    void eachHireGetsADatabaseOfTheirOwnFromTheTemplate()
    {
        const QJsonObject own = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("own-db"));
        QCOMPARE(own.value(QStringLiteral("status")).toString(), QStringLiteral("sandbox"));
        const QString database = databaseOf(own);
        QVERIFY2(database.startsWith(QStringLiteral("onramp_sbx_hal_own_db_")), qPrintable(database));
        const QString user = own.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QVERIFY2(user.startsWith(QStringLiteral("onramp_hal_own_db_")), qPrintable(user));

        QVERIFY(!pgConnectAs(own, &m_held));
        QCOMPARE(m_held->scalar(QStringLiteral("SELECT current_database()")).toString(), database);
        QCOMPARE(m_held->scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), 3);
        // Every object cloned from the template is the hire's, and the database too.
        QCOMPARE(
            m_held->scalar(QStringLiteral("SELECT tableowner FROM pg_tables WHERE tablename = 'customers'")).toString(),
            user);
        QCOMPARE(m_held
                     ->scalar(QStringLiteral("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = "
                                             "current_database()"))
                     .toString(),
                 user);
        // The hire creates and drops tables in it as they like.
        QVERIFY(!m_held->executeScript(QStringLiteral("CREATE TABLE scratch (x int); DROP TABLE scratch;")));

        // Hugo has a database of his own, and cannot open Hal's, nor the template.
        const QJsonObject hugos = show(QStringLiteral("hugo"), kSecondPassphrase, QStringLiteral("own-db"));
        QVERIFY(databaseOf(hugos).startsWith(QStringLiteral("onramp_sbx_hugo_own_db_")));
        std::unique_ptr<PgConnection> connection;
        QVERIFY(!pgConnectAs(hugos, &connection));
        connection.reset();
        QVERIFY(pgConnectAs(hugos, &connection, database));
        QVERIFY(pgConnectAs(hugos, &connection, kTemplate));
    }

    void theHireBreaksTheirDatabaseAndAResetPutsItBack()
    {
        QVERIFY(m_held);
        QVERIFY(!m_held->executeScript(QStringLiteral("DROP TABLE customers; CREATE TABLE mess (x int);")));
        const RunResult r = hal({"cred", "reset", "own-db"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("as it was on day one")), qPrintable(r.out));
        // The session held open was ended first.
        QCOMPARE(m_held->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        m_held.reset();

        const QJsonObject own = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("own-db"));
        std::unique_ptr<PgConnection> connection;
        QVERIFY(!pgConnectAs(own, &connection));
        QCOMPARE(connection->scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), 3);
        QCOMPARE(
            connection->scalar(QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = 'mess'")).toLongLong(),
            0);
        // Still theirs to break, and still closed to others.
        QVERIFY(!connection->executeScript(QStringLiteral("CREATE TABLE notes (x int)")));
        QCOMPARE(connection
                     ->scalar(QStringLiteral("SELECT has_database_privilege('public', current_database(), "
                                             "'CONNECT')"))
                     .toBool(),
                 false);

        // Recorded, by the hire, with no secret.
        const RunResult log = admin({"audit", "log", "--json"});
        QCOMPARE(log.code, 0);
        bool seen = false;
        for (const QString& line : log.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject entry = QJsonDocument::fromJson(line.toUtf8()).object();
            if (entry.value(QStringLiteral("action")).toString() == QLatin1String("credential.reset"))
                seen = entry.value(QStringLiteral("actor")).toString() == QLatin1String("hal");
        }
        if (!seen) // one JSON array rather than lines
            for (const QJsonValue& v : QJsonDocument::fromJson(log.out.toUtf8()).array())
                if (v[QStringLiteral("action")].toString() == QLatin1String("credential.reset"))
                    seen = v[QStringLiteral("actor")].toString() == QLatin1String("hal");
        QVERIFY2(seen, qPrintable(log.out));
        QCOMPARE(admin({"audit", "verify"}).code, 0);
    }

    void noOneElseResetsIt()
    {
        const QJsonObject hals = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("own-db"));
        const QString database = databaseOf(hals);
        // Hugo's login cannot drop Hal's database at the server.
        const QJsonObject hugos = show(QStringLiteral("hugo"), kSecondPassphrase, QStringLiteral("own-db"));
        std::unique_ptr<PgConnection> asHugo;
        QVERIFY(!pgConnectAs(hugos, &asHugo, QStringLiteral("postgres")));
        QCOMPARE(asHugo->execute(QStringLiteral("DROP DATABASE %1").arg(database)).kind, ErrorKind::NotPermitted);
        // Hugo's reset makes his own database again, never Hal's (whose notes stay).
        const RunResult r = hugo({"cred", "reset", "own-db"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        std::unique_ptr<PgConnection> asHal;
        QVERIFY(!pgConnectAs(hals, &asHal));
        QCOMPARE(asHal->scalar(QStringLiteral("SELECT count(*) FROM pg_tables WHERE tablename = 'notes'")).toLongLong(),
                 1);
        // A mentor, who holds the provisioning secret, has no sandbox to reset.
        const RunResult byMentor = mentor({"cred", "reset", "own-db"});
        QCOMPARE(byMentor.code, 4);
        QVERIFY2(byMentor.err.contains(QStringLiteral("only a hire")), qPrintable(byMentor.err));
    }

    void aProductionCredentialsResetIsRefused()
    {
        const RunResult r = hal({"cred", "reset", "live-db"});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("'live-db' is a production credential")), qPrintable(r.err));
        const RunResult unknown = hal({"cred", "reset", "no-such"});
        QCOMPARE(unknown.code, 5);
        QVERIFY2(unknown.err.contains(QStringLiteral("no-such")), qPrintable(unknown.err));
    }

    // `onramp sandbox reset`, the issue's name for it: the hire's one
    // database of their own when no ID is given, or the one named; a hire
    // with none is told so, and nothing is reset.
    void sandboxResetNeedsNoIdForTheOneDatabase()
    {
        const QJsonObject own = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("own-db"));
        {
            std::unique_ptr<PgConnection> connection;
            QVERIFY(!pgConnectAs(own, &connection));
            QVERIFY(!connection->executeScript(QStringLiteral("DELETE FROM customers WHERE id > 1;")));
        }
        RunResult r = hal({"sandbox", "reset"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("own-db: it is as it was on day one")), qPrintable(r.out));
        {
            std::unique_ptr<PgConnection> connection;
            QVERIFY(!pgConnectAs(own, &connection));
            QCOMPARE(connection->scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), 3);
        }
        r = hal({"sandbox", "reset", "own-db"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = hal({"sandbox", "reset", "live-db"});
        QCOMPARE(r.code, 4);
        // Hedy's checklist gives her no database of her own.
        r = as(QStringLiteral("hedy"), kThirdPassphrase, {"sandbox", "reset"});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("no sandbox database of your own")), qPrintable(r.err));
    }

    // A session in the hire's database that their login may not end (an
    // autovacuum worker's, or one still starting up; here a superuser's,
    // held for a moment) does not fail the reset: it waits the session out.
    void aResetWaitsOutASessionItCannotEnd()
    {
        const QJsonObject own = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("own-db"));
        std::unique_ptr<PgConnection> held;
        QVERIFY(!pgConnectSuper(databaseOf(own), &held));
        QCOMPARE(held->scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), 3);
        std::thread release([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            held.reset();
        });
        const RunResult r = hal({"sandbox", "reset"});
        release.join();
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("own-db: it is as it was on day one")), qPrintable(r.out));
        // Held for good, it is the server's word after the tries, and the database stays.
        QVERIFY(!pgConnectSuper(databaseOf(own), &held));
        const RunResult refused = hal({"sandbox", "reset"});
        QVERIFY2(refused.code != 0 && refused.err.contains(QStringLiteral("a session that is not yours is using"))
                     && refused.err.contains(QStringLiteral("superuser")),
                 qPrintable(refused.out + refused.err));
        QCOMPARE(held->scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), 3);
        held.reset();
    }

    // VALID UNTIL is the grant's expiry, and the server refuses the login
    // once it has passed, though Onramp never ran again and the role is
    // still there with LOGIN.
    void aShortGrantsLoginStopsWorkingAtTheServerItself()
    {
        QCOMPARE(as(QStringLiteral("hedy"), kThirdPassphrase, {"step", "done", "hedy", "handbook"}).code, 0);
        // Onramp's clock stands still at the sign-off: to Onramp the grant
        // stays live, and only the server's clock ends it.
        const QDateTime signedOff = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 1, Qt::UTC);
        const RunResult r = asAt(signedOff, QStringLiteral("max"), kMentorPassphrase, {"signoff", "hedy"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const RunResult shown =
            asAt(signedOff, QStringLiteral("hedy"), kThirdPassphrase, {"cred", "show", "blink-db", "--json"});
        QVERIFY2(shown.code == 0, qPrintable(shown.out + shown.err));
        const QJsonObject blink = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        m_secrets.append(blink.value(QStringLiteral("secret")).toString());
        const QString user = blink.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        QVERIFY2(user.startsWith(QStringLiteral("onramp_hedy_blink_db_")), qPrintable(user));
        // The server holds the grant's own expiry.
        std::unique_ptr<PgConnection> super;
        QVERIFY(!pgConnectSuper(kDatabase, &super));
        const qint64 validUntil = super
                                      ->scalar(QStringLiteral("SELECT extract(epoch FROM rolvaliduntil)::bigint FROM "
                                                              "pg_roles WHERE rolname = $1"),
                                               {user})
                                      .toLongLong();
        const QDateTime expires =
            QDateTime::fromString(blink.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
        QVERIFY2(expires.isValid(), qPrintable(shown.out));
        QCOMPARE(expires, signedOff.addSecs(10));
        QCOMPARE(validUntil, expires.toSecsSinceEpoch());
        // Wait, by the server's own clock, until it has passed.
        QTRY_VERIFY_WITH_TIMEOUT(
            super->scalar(QStringLiteral("SELECT now() > rolvaliduntil FROM pg_roles WHERE rolname = $1"), {user})
                .toBool(),
            30000);
        std::unique_ptr<PgConnection> connection;
        QCOMPARE(pgConnectAs(blink, &connection).kind, ErrorKind::Auth);
        QCOMPARE(super->scalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {user}).toBool(),
                 true);
    }

    // A withdrawn sandbox login owns its database, and DROP DATABASE runs
    // in no provisioning function: the revoke drops it first, signed in as
    // that login, and only the database Onramp named for this hire. Attacker
    // first: Hal (CREATEDB, as every sandbox login) made a database of
    // another name; it is left alone, and the login stays NOLOGIN and
    // pending until the superuser removes it. Hugo's database is never
    // touched. (cleanupTestCase drops what is left.)
    void aWithdrawnSandboxDropsItsOwnDatabaseAndNoOther()
    {
        const QJsonObject hals = show(QStringLiteral("hal"), kHirePassphrase, QStringLiteral("own-db"));
        const QJsonObject hugos = show(QStringLiteral("hugo"), kSecondPassphrase, QStringLiteral("own-db"));
        const QString login = hals.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        {
            std::unique_ptr<PgConnection> asHal;
            QVERIFY(!pgConnectAs(hals, &asHal, QStringLiteral("postgres")));
            QVERIFY(!asHal->execute(QStringLiteral("CREATE DATABASE hal_keeps")));
        }
        std::unique_ptr<PgConnection> super;
        QVERIFY(!pgConnectSuper(QStringLiteral("postgres"), &super));
        const auto databaseThere = [&](const QString& name) {
            return super->scalar(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = $1"), {name})
                       .toLongLong()
                == 1;
        };
        const auto loginThere = [&] {
            return super->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = $1"), {login})
                       .toLongLong()
                == 1;
        };
        QVERIFY(databaseThere(databaseOf(hals)));

        QVERIFY(admin({"checklist", "import", write(QStringLiteral("elsewhere.yaml"), kElsewhere)}).code == 0);
        const RunResult moved = admin({"enrollment", "move", "hal", "--checklist", "elsewhere", "--accept-weaker"});
        QVERIFY2(moved.code == 0, qPrintable(moved.out + moved.err));
        QVERIFY(!databaseThere(databaseOf(hals))); // his own, dropped
        QVERIFY(databaseThere(QStringLiteral("hal_keeps"))); // another name: left
        QVERIFY(databaseThere(databaseOf(hugos))); // and Hugo's
        {
            std::unique_ptr<PgConnection> connection;
            QVERIFY(!pgConnectAs(hugos, &connection));
            QCOMPARE(connection->scalar(QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), 3);
        }
        QVERIFY(loginThere());
        QCOMPARE(super->scalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {login}).toBool(),
                 false);
        QVERIFY2(moved.err.contains(QStringLiteral("at its source pending")), qPrintable(moved.err));
    }

    void noPasswordReachedAnyOutput()
    {
        QVERIFY(!m_secrets.isEmpty());
        QVERIFY(!m_output.contains(QString::fromUtf8(kProvisionerPassword)));
        QVERIFY(filesContaining(m_vault, kProvisionerPassword).isEmpty());
        const RunResult log = admin({"audit", "log", "--json"});
        for (const QString& secret : std::as_const(m_secrets))
            QVERIFY(!log.out.contains(secret));
    }
};

QTEST_GUILESS_MAIN(TestPostgresqlSandbox)
#include "TestPostgresqlSandbox.moc"
