// onramp team init, --server and whoami through the real `onramp` binary,
// against the fixture's PostgreSQL 15 cluster. The setup role (the fixture's
// superuser) signs in through a password file (PGPASSFILE), as libpq reads it;
// Onramp people sign in with the login their passphrase derives.
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "ServerSchema.h"
#include "TeamAccess.h"
#include "TeamTestFixture.h"
#include "VaultTestUtil.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_cli");
const QString kForeign = QStringLiteral("onramp_team_foreign");
// Login roles are the cluster's: these names are this test's alone.
const QString kRace = QStringLiteral("onramp_team_race");
const QStringList kPeople = {QStringLiteral("tess"), QStringLiteral("hugo"), QStringLiteral("finn"),
                             QStringLiteral("rhea"), QStringLiteral("una"),  QStringLiteral("uri")};
const QByteArray kTessPassphrase = "tess keeps a long passphrase";
const QByteArray kHugoPassphrase = "hugo's first-week passphrase";
const QByteArray kHugoOwn = "hugo chose this passphrase himself";

} // namespace

class TestTeamCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_passfile;
    std::unique_ptr<PgConnection> m_super;

    static QString setupUrl(const QString& database) { return teamSetupUrl(database); }
    static QString personUrl() { return teamPersonUrl(kDatabase); }

    QString writeFile(const QString& name, const QByteArray& content)
    {
        return writeOwnerOnlyFile(m_tmp.filePath(name), content);
    }

    // The binary with the setup role's password file in its environment.
    RunResult onramp(const QStringList& args, const QMap<QString, QString>& env = {})
    {
        QMap<QString, QString> all = env;
        all.insert(QStringLiteral("PGPASSFILE"), m_passfile);
        return runOnramp(args, {}, all);
    }

    RunResult teamInit(const QString& url, const QString& admin, const QByteArray& passphrase)
    {
        const QString pass = writeFile(admin + QStringLiteral(".pass"), passphrase + '\n');
        return onramp({QStringLiteral("team"), QStringLiteral("init"), url, QStringLiteral("--admin"), admin,
                       QStringLiteral("--passphrase-file"), pass});
    }

    RunResult whoami(const QString& url, const QString& name, const QByteArray& passphrase)
    {
        const QString pass = writeFile(name + QStringLiteral("-whoami.pass"), passphrase + '\n');
        return onramp({QStringLiteral("--server"), url, QStringLiteral("whoami"), QStringLiteral("--as"), name,
                       QStringLiteral("--passphrase-file"), pass});
    }

    QVariant superScalar(const QString& sql, const QVariantList& params = {})
    {
        return scalarOf(*m_super, sql, params);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run this test through ctest");
        QVERIFY(m_tmp.isValid());
        Error error = startTeamTest(m_tmp, {kDatabase, kForeign, kRace}, kPeople,
                                    "*:*:*:onramp_test_plain:plain role's password\n", &m_passfile, &m_super);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!m_super->execute(QStringLiteral("DROP ROLE IF EXISTS onramp_test_plain")));
        QVERIFY(
            !m_super->execute(QStringLiteral("CREATE ROLE onramp_test_plain LOGIN PASSWORD 'plain role''s password'")));
    }

    void teamInitSetsUpOnceAndChangesNothingTheSecondTime()
    {
        RunResult r = teamInit(setupUrl(kDatabase), QStringLiteral("tess"), kTessPassphrase);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Set up the team onramp_team_cli")), qPrintable(r.out));
        QCOMPARE(superScalar(QStringLiteral("SELECT max(version) FROM onramp.schema_version")).toLongLong(),
                 schema::kLatestVersion);
        QCOMPARE(superScalar(QStringLiteral("SELECT role FROM onramp.people WHERE name = 'tess'")).toString(),
                 QStringLiteral("admin"));
        // The login's secret reached the server only as a SCRAM verifier.
        const QString verifier =
            superScalar(QStringLiteral("SELECT rolpassword FROM pg_authid WHERE rolname = 'onramp_p_tess'")).toString();
        QVERIFY2(verifier.startsWith(QStringLiteral("SCRAM-SHA-256$")), qPrintable(verifier));
        QCOMPARE(superScalar(QStringLiteral("SELECT pg_has_role('onramp_p_tess', 'onramp_admin', 'MEMBER')")),
                 QVariant(true));
        const QByteArray slot =
            superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'tess'")).toByteArray();
        QVERIFY(!slot.isEmpty());
        QVERIFY(!slot.contains(kTessPassphrase));

        r = teamInit(setupUrl(kDatabase), QStringLiteral("tess"), kTessPassphrase);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("set up already")) && r.out.contains(QStringLiteral("nothing changed")),
                 qPrintable(r.out));
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.people")).toLongLong(), 1);
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.schema_version")).toLongLong(),
                 schema::kLatestVersion);
        QCOMPARE(superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'tess'")).toByteArray(),
                 slot);
        // The first admin signed the log's first entry, once.
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), 1);
        QCOMPARE(
            superScalar(QStringLiteral("SELECT actor || ' ' || action FROM onramp.audit WHERE seq = 1")).toString(),
            QStringLiteral("tess team.init"));

        // Run again with a wrong passphrase for the admin it has: refused, unchanged.
        r = teamInit(setupUrl(kDatabase), QStringLiteral("tess"), "not tess's passphrase at all");
        QCOMPARE(r.code, 3);
        // Another first admin for a team that has one: refused, nobody added.
        r = teamInit(setupUrl(kDatabase), QStringLiteral("finn"), "finn wants to be admin too");
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("set up already")), qPrintable(r.err));
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.people")).toLongLong(), 1);
        QCOMPARE(
            superScalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = 'onramp_p_finn'")).toLongLong(),
            0);
    }

    // Two team inits of one empty database at once, each for another first
    // admin: one sets the team up, the other is refused (exit 5), and the
    // schema holds each version once.
    void twoTeamInitsAtOnceTakeTurns()
    {
        QVERIFY(!pgRecreateDatabase(kRace));
        const QString unaPass = writeFile(QStringLiteral("una.pass"), "una would be the first admin\n");
        const QString uriPass = writeFile(QStringLiteral("uri.pass"), "uri would be the first admin\n");
        const auto init = [&](const QString& admin, const QString& pass) {
            return onramp({QStringLiteral("team"), QStringLiteral("init"), setupUrl(kRace), QStringLiteral("--admin"),
                           admin, QStringLiteral("--passphrase-file"), pass});
        };
        RunResult una;
        RunResult uri;
        std::thread first([&] { una = init(QStringLiteral("una"), unaPass); });
        std::thread second([&] { uri = init(QStringLiteral("uri"), uriPass); });
        first.join();
        second.join();
        QList<int> codes{una.code, uri.code};
        std::sort(codes.begin(), codes.end());
        QCOMPARE(codes, (QList<int>{0, 5}));
        const RunResult& refused = una.code == 5 ? una : uri;
        QVERIFY2(refused.err.contains(QStringLiteral("set up already")), qPrintable(refused.err));
        std::unique_ptr<PgConnection> race;
        QVERIFY(!pgConnectSuper(kRace, &race));
        QCOMPARE(scalarOf(*race, QStringLiteral("SELECT count(*) FROM onramp.people")).toLongLong(), 1);
        QCOMPARE(scalarOf(*race,
                          QStringLiteral("SELECT count(DISTINCT version) || ' ' || count(*) FROM "
                                         "onramp.schema_version"))
                     .toString(),
                 QStringLiteral("%1 %1").arg(schema::kLatestVersion));
    }

    void teamInitNeedsARoleThatMayCreateRoles()
    {
        const QString url =
            QStringLiteral("host=%1 port=5432 dbname=%2 user=onramp_test_plain").arg(pgSocketDir(), kDatabase);
        const RunResult r = teamInit(url, QStringLiteral("finn"), "finn's long passphrase");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("onramp_test_plain may not create roles")), qPrintable(r.err));
        // Without the password file, the setup role's sign-in is refused: exit 3, naming it.
        const RunResult refused = runOnramp(
            {QStringLiteral("team"), QStringLiteral("init"), url, QStringLiteral("--admin"), QStringLiteral("finn"),
             QStringLiteral("--passphrase-file"), m_tmp.filePath(QStringLiteral("finn.pass"))},
            {}, {{QStringLiteral("PGPASSFILE"), m_tmp.filePath(QStringLiteral("none"))}});
        QCOMPARE(refused.code, 3);
        QVERIFY2(refused.err.contains(QStringLiteral("refused the setup role onramp_test_plain")),
                 qPrintable(refused.err));
    }

    void teamInitRefusesADatabaseHoldingOtherObjects()
    {
        QVERIFY(!pgRecreateDatabase(kForeign));
        std::unique_ptr<PgConnection> foreign;
        QVERIFY(!pgConnectSuper(kForeign, &foreign));
        QVERIFY(!foreign->execute(QStringLiteral("CREATE TABLE payroll (id int)")));

        const RunResult r = teamInit(setupUrl(kForeign), QStringLiteral("finn"), "finn's long passphrase");
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("/onramp_team_foreign")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("1 other object")), qPrintable(r.err));
        // Nothing was created: no schema, no login role.
        QVERIFY(foreign->scalar(QStringLiteral("SELECT to_regnamespace('onramp')::text")).isNull());
        QCOMPARE(foreign->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = 'onramp_p_finn'"))
                     .toLongLong(),
                 0);
        QCOMPARE(foreign
                     ->scalar(QStringLiteral("SELECT count(*) FROM pg_class WHERE relnamespace = "
                                             "'public'::regnamespace"))
                     .toLongLong(),
                 1);
    }

    void anUnreachableServerIsNamedWithExit1()
    {
        const QString nowhere = m_tmp.filePath(QStringLiteral("no-server-here"));
        const QString url = QStringLiteral("host=%1 port=5432 dbname=gone user=%2").arg(nowhere, pgSuperuser());
        RunResult r = teamInit(url, QStringLiteral("tess"), kTessPassphrase);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Cannot reach the team server %1:5432/gone").arg(nowhere)),
                 qPrintable(r.err));
        r = whoami(QStringLiteral("host=%1 port=5432 dbname=gone").arg(nowhere), QStringLiteral("tess"),
                   kTessPassphrase);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("%1:5432/gone").arg(nowhere)), qPrintable(r.err));
    }

    void anAddressThePolicyRefusesIsRefusedBeforeAnythingConnects_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("says");
        QTest::newRow("password in a URI")
            << QStringLiteral("postgresql://tess:hunter2secret@localhost/onramp_team_cli")
            << QStringLiteral("carries a password");
        QTest::newRow("password keyword")
            << QStringLiteral("host=localhost dbname=x password=hunter2secret") << QStringLiteral("carries a password");
        QTest::newRow("remote without verify-full")
            << QStringLiteral("host=db.example.com dbname=team") << QStringLiteral("sslmode=verify-full");
        QTest::newRow("remote without channel binding")
            << QStringLiteral("host=db.example.com dbname=team sslmode=verify-full")
            << QStringLiteral("channel_binding=require");
        QTest::newRow("no database") << QStringLiteral("host=/tmp port=5432") << QStringLiteral("names no database");
    }

    void anAddressThePolicyRefusesIsRefusedBeforeAnythingConnects()
    {
        QFETCH(QString, url);
        QFETCH(QString, says);
        for (const RunResult& r : {teamInit(url, QStringLiteral("tess"), kTessPassphrase),
                                   whoami(url, QStringLiteral("tess"), kTessPassphrase)}) {
            QCOMPARE(r.code, 5);
            QVERIFY2(r.err.contains(says), qPrintable(r.err));
            QVERIFY2(!r.err.contains(QStringLiteral("hunter2secret")), qPrintable(r.err));
        }
    }

    void signInWithTheRightPassphraseOnlyAndExit3Otherwise()
    {
        RunResult r = whoami(personUrl(), QStringLiteral("tess"), kTessPassphrase);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("tess (admin) in the team onramp_team_cli")), qPrintable(r.out));

        r = whoami(personUrl(), QStringLiteral("tess"), "tess keeps a long passphrasf");
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("refused the sign-in of")), qPrintable(r.err));
        r = whoami(personUrl(), QStringLiteral("nobody"), kTessPassphrase);
        QCOMPARE(r.code, 3);

        // ONRAMP_SERVER instead of --server, in JSON.
        const QString pass = writeFile(QStringLiteral("tess-env.pass"), kTessPassphrase + '\n');
        r = onramp({QStringLiteral("whoami"), QStringLiteral("--as"), QStringLiteral("tess"),
                    QStringLiteral("--passphrase-file"), pass, QStringLiteral("--json")},
                   {{QStringLiteral("ONRAMP_SERVER"), personUrl()}});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\"role\":\"admin\"")), qPrintable(r.out));
    }

    void otherCommandsSayTheyWorkOnFolderVaultsOnly()
    {
        RunResult r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("checklist"),
                              QStringLiteral("list"), QStringLiteral("--as"), QStringLiteral("tess")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'checklist list' works on folder vaults only so far")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--server")), qPrintable(r.err));

        r = onramp({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                    QStringLiteral("csv"), QStringLiteral("--as"), QStringLiteral("tess")},
                   {{QStringLiteral("ONRAMP_SERVER"), personUrl()}});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("ONRAMP_SERVER")), qPrintable(r.err));

        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("--vault"),
                    m_tmp.filePath(QStringLiteral("v")), QStringLiteral("whoami"), QStringLiteral("--as"),
                    QStringLiteral("tess")});
        QCOMPARE(r.code, 2);

        // --vault wins over ONRAMP_SERVER: a folder vault's whoami.
        const QString vault = m_tmp.filePath(QStringLiteral("folder"));
        QVERIFY(makeVault(vault));
        const QString pass = writeFile(QStringLiteral("ada.pass"), kAdminPassphrase + '\n');
        r = onramp({QStringLiteral("whoami"), QStringLiteral("--vault"), vault, QStringLiteral("--as"),
                    QStringLiteral("ada"), QStringLiteral("--passphrase-file"), pass},
                   {{QStringLiteral("ONRAMP_SERVER"), personUrl()}});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("(admin) in the vault")), qPrintable(r.out));
    }

    void aHireSignsInAndCannotReadAnotherPersonsSlot()
    {
        ServerAddress address;
        QVERIFY(!ServerAddress::parse(personUrl(), &address));
        SignedIn tess;
        Error error = signIn(address, QStringLiteral("tess"), kTessPassphrase, &tess);
        QVERIFY2(!error, qPrintable(error.message));
        error = addPerson(tess, QStringLiteral("hugo"), QStringLiteral("hire"), QStringLiteral("Hugo Hire"),
                          kHugoPassphrase);
        QVERIFY2(!error, qPrintable(error.message));

        // The passphrase tess handed over does nothing but let hugo choose his own.
        RunResult r = whoami(personUrl(), QStringLiteral("hugo"), kHugoPassphrase);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("hugo still has the passphrase they were handed")), qPrintable(r.err));
        const QString handed = writeFile(QStringLiteral("hugo-handed.pass"), kHugoPassphrase + '\n');
        const QString own = writeFile(QStringLiteral("hugo-own.pass"), kHugoOwn + '\n');
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("passphrase"), QStringLiteral("change"),
                    QStringLiteral("--as"), QStringLiteral("hugo"), QStringLiteral("--passphrase-file"), handed,
                    QStringLiteral("--new-passphrase-file"), handed});
        QCOMPARE(r.code, 5);
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("passphrase"), QStringLiteral("change"),
                    QStringLiteral("--as"), QStringLiteral("hugo"), QStringLiteral("--passphrase-file"), handed,
                    QStringLiteral("--new-passphrase-file"), own});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(whoami(personUrl(), QStringLiteral("hugo"), kHugoPassphrase).code, 3);
        r = whoami(personUrl(), QStringLiteral("hugo"), kHugoOwn);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Hugo Hire (hire)")), qPrintable(r.out));

        SignedIn hugo;
        error = signIn(address, QStringLiteral("hugo"), kHugoOwn, &hugo);
        QVERIFY2(!error, qPrintable(error.message));
        QList<QVariantList> rows;
        QVERIFY(
            !hugo.connection->execute(QStringLiteral("SELECT name FROM onramp.key_slots ORDER BY name"), {}, &rows));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().first().toString(), QStringLiteral("hugo"));
        rows.clear();
        QVERIFY(!hugo.connection->execute(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'tess'"), {},
                                          &rows));
        QVERIFY(rows.isEmpty());
        // Nor write it: no person's login updates a slot but through the
        // server's own functions (schema 13).
        const QByteArray tessSlot =
            superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'tess'")).toByteArray();
        QCOMPARE(hugo.connection
                     ->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = '\\x00'::bytea WHERE name = 'tess'"))
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'tess'")).toByteArray(),
                 tessSlot);
        // And a hire may not add people.
        error = addPerson(hugo, QStringLiteral("finn"), QStringLiteral("admin"), {}, "finn's long passphrase");
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
    }

    // A slot swapped on the server (a database administrator's doing) is
    // found at sign-in: it does not open with the person's derived key.
    void aSlotSwappedOnTheServerIsNamedAsDamage()
    {
        const QByteArray hugoSlot =
            superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'hugo'")).toByteArray();
        QVERIFY(!hugoSlot.isEmpty());
        // As the database's superuser, who can turn the server's own checks off.
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = (SELECT slot FROM "
                                                 "onramp.key_slots WHERE name = 'tess') WHERE name = 'hugo'")));
        RunResult r = whoami(personUrl(), QStringLiteral("hugo"), kHugoOwn);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("key slot of hugo")), qPrintable(r.err));
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = $1 WHERE name = 'hugo'"), {hugoSlot}));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        r = whoami(personUrl(), QStringLiteral("hugo"), kHugoOwn);
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    // person add, passphrase reset and person disable on a server, as the
    // admin runs them; each is an entry the admin signed.
    void anAdminAddsResetsAndDisablesAPersonOnTheServer()
    {
        const QString tessPass = writeFile(QStringLiteral("tess-admin.pass"), kTessPassphrase + '\n');
        const QString rheaFirst = writeFile(QStringLiteral("rhea-first.pass"), "rhea's handed-over passphrase\n");
        const QStringList asTess = {QStringLiteral("--as"), QStringLiteral("tess"), QStringLiteral("--passphrase-file"),
                                    tessPass};
        const qint64 entries = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();

        // Without the passphrase to hand over: a usage error before anything signs in.
        RunResult r =
            onramp(QStringList{QStringLiteral("--server"), personUrl(), QStringLiteral("person"), QStringLiteral("add"),
                               QStringLiteral("rhea"), QStringLiteral("--role"), QStringLiteral("mentor")}
                   + asTess);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--new-passphrase-file")), qPrintable(r.err));

        r = onramp(QStringList{QStringLiteral("--server"), personUrl(), QStringLiteral("person"), QStringLiteral("add"),
                               QStringLiteral("rhea"), QStringLiteral("--role"), QStringLiteral("mentor"),
                               QStringLiteral("--display"), QStringLiteral("Rhea Mentor"),
                               QStringLiteral("--new-passphrase-file"), rheaFirst}
                   + asTess);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Added rhea (mentor)")), qPrintable(r.out));
        r = whoami(personUrl(), QStringLiteral("rhea"), "rhea's handed-over passphrase");
        QCOMPARE(r.code, 4);
        const QString rheaOwn = writeFile(QStringLiteral("rhea-own.pass"), "rhea's very own passphrase\n");
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("passphrase"), QStringLiteral("change"),
                    QStringLiteral("--as"), QStringLiteral("rhea"), QStringLiteral("--passphrase-file"), rheaFirst,
                    QStringLiteral("--new-passphrase-file"), rheaOwn});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = whoami(personUrl(), QStringLiteral("rhea"), "rhea's very own passphrase");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Rhea Mentor (mentor)")), qPrintable(r.out));

        // A hire may not: exit 4, and the server is unchanged.
        const QString hugoPass = writeFile(QStringLiteral("hugo-admin.pass"), kHugoOwn + '\n');
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("person"), QStringLiteral("disable"),
                    QStringLiteral("rhea"), QStringLiteral("--as"), QStringLiteral("hugo"),
                    QStringLiteral("--passphrase-file"), hugoPass});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("does not permit")), qPrintable(r.err));

        const QString rheaNew = writeFile(QStringLiteral("rhea-new.pass"), "rhea's passphrase after a reset\n");
        r = onramp(QStringList{QStringLiteral("--server"), personUrl(), QStringLiteral("passphrase"),
                               QStringLiteral("reset"), QStringLiteral("rhea"), QStringLiteral("--new-passphrase-file"),
                               rheaNew}
                   + asTess);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(whoami(personUrl(), QStringLiteral("rhea"), "rhea's very own passphrase").code, 3);
        // The new one signs in, and must be replaced by her own first again.
        QCOMPARE(whoami(personUrl(), QStringLiteral("rhea"), "rhea's passphrase after a reset").code, 4);

        r = onramp(QStringList{QStringLiteral("--server"), personUrl(), QStringLiteral("person"),
                               QStringLiteral("disable"), QStringLiteral("rhea")}
                   + asTess);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Disabled rhea")), qPrintable(r.out));
        QCOMPARE(whoami(personUrl(), QStringLiteral("rhea"), "rhea's passphrase after a reset").code, 3);

        QList<QVariantList> rows;
        QVERIFY(!m_super->execute(QStringLiteral("SELECT actor, action FROM onramp.audit WHERE seq > $1 ORDER BY seq"),
                                  {entries}, &rows));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0], (QVariantList{QStringLiteral("tess"), QStringLiteral("person.add")}));
        QCOMPARE(rows[1], (QVariantList{QStringLiteral("rhea"), QStringLiteral("passphrase.change")}));
        QCOMPARE(rows[2], (QVariantList{QStringLiteral("tess"), QStringLiteral("passphrase.reset")}));
        QCOMPARE(rows[3], (QVariantList{QStringLiteral("tess"), QStringLiteral("person.disable")}));
        ServerAddress address;
        QVERIFY(!ServerAddress::parse(personUrl(), &address));
        SignedIn tess;
        QVERIFY(!signIn(address, QStringLiteral("tess"), kTessPassphrase, &tess));
        const Error error = verifyAudit(tess);
        QVERIFY2(!error, qPrintable(error.message));
    }

    // person list and audit log on a server, with the words, options and
    // formats of a folder vault's: the admin's desk verifies the log first
    // and says what it vouches for; a hire sees their own entries, and asking
    // for someone else's is refused as on a folder vault (exit 4).
    void personListAndAuditLogWorkOnAServerAsOnAFolderVault()
    {
        const QString tessPass = writeFile(QStringLiteral("tess-list.pass"), kTessPassphrase + '\n');
        const QString hugoPass = writeFile(QStringLiteral("hugo-list.pass"), kHugoOwn + '\n');
        const auto as = [&](const QString& name, const QString& pass, const QStringList& args) {
            return onramp(QStringList{QStringLiteral("--server"), personUrl()} + args
                          + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass});
        };
        const QStringList personList = {QStringLiteral("person"), QStringLiteral("list")};
        const QStringList auditLog = {QStringLiteral("audit"), QStringLiteral("log")};

        RunResult r = as(QStringLiteral("tess"), tessPass, personList);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("hugo\thire\tHugo Hire"));
        QCOMPARE(lines[1], QStringLiteral("rhea\tmentor\tRhea Mentor\t(disabled)"));
        QCOMPARE(lines[2], QStringLiteral("tess\tadmin\t"));
        r = as(QStringLiteral("tess"), tessPass, personList + QStringList{QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray people = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(people.size(), 3);
        for (const QJsonValue& person : people) {
            QVERIFY2(person[QStringLiteral("verified")].toBool(), qPrintable(r.out));
            QCOMPARE(person[QStringLiteral("disabled")].toBool(),
                     person[QStringLiteral("name")].toString() == QLatin1String("rhea"));
            QCOMPARE(QByteArray::fromBase64(person[QStringLiteral("sign_public_key")].toString().toLatin1()).size(),
                     32);
        }

        const qint64 entries = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        r = as(QStringLiteral("tess"), tessPass, auditLog);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), entries);
        QVERIFY2(lines[0].startsWith(QStringLiteral("1\t")), qPrintable(lines[0]));
        QVERIFY2(lines[0].contains(QStringLiteral("\ttess\tteam.init\ttess\t{")), qPrintable(lines[0]));
        QVERIFY2(!r.out.contains(QStringLiteral("not verified")), qPrintable(r.out));
        r = as(QStringLiteral("tess"), tessPass,
               auditLog + QStringList{QStringLiteral("--action"), QStringLiteral("person.add")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].contains(QStringLiteral("\ttess\tperson.add\thugo\t")), qPrintable(lines[0]));
        QVERIFY2(lines[1].contains(QStringLiteral("\ttess\tperson.add\trhea\t")), qPrintable(lines[1]));
        r = as(QStringLiteral("tess"), tessPass,
               auditLog + QStringList{QStringLiteral("--actor"), QStringLiteral("hugo"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonArray log = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log[0][QStringLiteral("action")].toString(), QStringLiteral("passphrase.change"));
        QCOMPARE(log[0][QStringLiteral("subject")].toString(), QStringLiteral("hugo"));
        QVERIFY(log[0][QStringLiteral("verified")].toBool());
        QCOMPARE(QByteArray::fromBase64(log[0][QStringLiteral("signature")].toString().toLatin1()).size(), 64);
        r = as(QStringLiteral("tess"), tessPass,
               auditLog + QStringList{QStringLiteral("--since"), QStringLiteral("2999-01-01")});
        QVERIFY2(r.code == 0 && r.out.isEmpty(), qPrintable(r.err + r.out));
        r = as(QStringLiteral("tess"), tessPass,
               auditLog + QStringList{QStringLiteral("--since"), QStringLiteral("last tuesday")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'last tuesday'")), qPrintable(r.err));

        // A mentor reads the whole log, and their desk verifies it, but is
        // shown their own entries only, as on a folder vault.
        {
            ServerAddress address;
            QVERIFY(!ServerAddress::parse(personUrl(), &address));
            SignedIn tess;
            QVERIFY(!signIn(address, QStringLiteral("tess"), kTessPassphrase, &tess));
            QVERIFY(!addPerson(tess, QStringLiteral("finn"), QStringLiteral("mentor"), QStringLiteral("Finn Mentor"),
                               "finn's handed-over passphrase"));
            SignedIn finn;
            QVERIFY(!signIn(address, QStringLiteral("finn"), "finn's handed-over passphrase", &finn));
            QVERIFY(!changeOwnPassphrase(finn, "finn's handed-over passphrase", "finn mentors with his own"));
        }
        const QString finnPass = writeFile(QStringLiteral("finn-list.pass"), "finn mentors with his own\n");
        r = as(QStringLiteral("finn"), finnPass, auditLog);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains(QStringLiteral("\tfinn\tpassphrase.change\tfinn\t")), qPrintable(lines[0]));
        r = as(QStringLiteral("finn"), finnPass,
               auditLog + QStringList{QStringLiteral("--actor"), QStringLiteral("tess")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("finn can see only their own audit trail")), qPrintable(r.err));
        r = as(QStringLiteral("finn"), finnPass, personList);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("finn\tmentor\tFinn Mentor\n")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("not verified")), qPrintable(r.out));

        // A hire: their own entries, checked; anyone else's refused as on a folder vault.
        r = as(QStringLiteral("hugo"), hugoPass, auditLog + QStringList{QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        log = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log[0][QStringLiteral("actor")].toString(), QStringLiteral("hugo"));
        QVERIFY(log[0][QStringLiteral("verified")].toBool());
        r = as(QStringLiteral("hugo"), hugoPass,
               auditLog + QStringList{QStringLiteral("--actor"), QStringLiteral("tess")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("hugo can see only their own audit trail")), qPrintable(r.err));
        // The people, as on a folder vault, but nothing a hire's desk can vouch for.
        r = as(QStringLiteral("hugo"), hugoPass, personList);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        for (const QString& line : std::as_const(lines))
            QVERIFY2(line.endsWith(QStringLiteral("\t(not verified against the audit log)")), qPrintable(line));
        r = as(QStringLiteral("hugo"), hugoPass, personList + QStringList{QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const QJsonValue& person : QJsonDocument::fromJson(r.out.toUtf8()).array())
            QVERIFY2(!person[QStringLiteral("verified")].toBool(), qPrintable(r.out));
    }

    // What a server's superuser rewrites is not shown as trusted: an entry's
    // content (to the admin's desk and to the hire's, who checks their own
    // entries on their own), and a person's row the log does not vouch for.
    void whatTheServerRewroteIsNotShownAsTrusted()
    {
        const QString tessPass = writeFile(QStringLiteral("tess-rewrite.pass"), kTessPassphrase + '\n');
        const QString hugoPass = writeFile(QStringLiteral("hugo-rewrite.pass"), kHugoOwn + '\n');
        const auto as = [&](const QString& name, const QString& pass, const QStringList& args) {
            return onramp(QStringList{QStringLiteral("--server"), personUrl()} + args
                          + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass});
        };
        const qint64 seq = superScalar(QStringLiteral("SELECT seq FROM onramp.audit WHERE actor = 'hugo' AND action = "
                                                      "'passphrase.change'"))
                               .toLongLong();
        const QByteArray content =
            superScalar(QStringLiteral("SELECT content FROM onramp.audit WHERE seq = $1"), {seq}).toByteArray();
        QVERIFY(seq > 0);
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.audit SET content = $2 WHERE seq = $1"),
                                  {seq, QByteArray("{\"name\":\"tess\"}")}));

        RunResult r =
            onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("audit"), QStringLiteral("log"),
                    QStringLiteral("--as"), QStringLiteral("tess"), QStringLiteral("--passphrase-file"), tessPass});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("entry %1 (by hugo)").arg(seq)), qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& line : lines)
            QCOMPARE(line.contains(QStringLiteral("(not verified: ")),
                     line.startsWith(QStringLiteral("%1\t").arg(seq)));
        r = as(QStringLiteral("hugo"), hugoPass,
               {QStringLiteral("audit"), QStringLiteral("log"), QStringLiteral("--json")});
        QCOMPARE(r.code, 6);
        // That entry gave hugo the key he signs with (his first choice,
        // schema 11): his desk takes none of the log as verified.
        QVERIFY2(r.err.contains(QStringLiteral("does not give hugo the key they sign with now")), qPrintable(r.err));
        const QJsonArray log = QJsonDocument::fromJson(r.out.toUtf8()).array();
        for (const QJsonValue& entry : log)
            QCOMPARE(entry[QStringLiteral("verified")].toBool(), false);
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.audit SET content = $2 WHERE seq = $1"), {seq, content}));
        QCOMPARE(as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("audit"), QStringLiteral("log")}).code, 0);

        // A full name other than the one the log signed: refused, naming both (exit 6).
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.people SET full_name = 'Tess Admin' WHERE name = 'hugo'")));
        r = as(QStringLiteral("tess"), tessPass, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("shows hugo as “Tess Admin”")), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("Tess Admin")), qPrintable(r.out));
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.people SET full_name = 'Hugo Hire' WHERE name = 'hugo'")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
    }

    // A reset gives a new key pair: what a person signed before it was
    // signed with the key the log gave them then, and still verifies, on the
    // admin's desk (audit verify, audit log) and on the hire's own, which
    // follows the entries that say who is who from the team's first key.
    void entriesSignedBeforeAResetStillVerify()
    {
        const QString tessPass = writeFile(QStringLiteral("tess-reset.pass"), kTessPassphrase + '\n');
        const QString handed = writeFile(QStringLiteral("hugo-handed.pass"), "hugo's passphrase after a reset\n");
        const QString hugoOwn = writeFile(QStringLiteral("hugo-own-again.pass"), kHugoOwn + '\n');
        const QStringList asTess = {QStringLiteral("--as"), QStringLiteral("tess"), QStringLiteral("--passphrase-file"),
                                    tessPass};
        const QStringList asHugo = {QStringLiteral("--as"), QStringLiteral("hugo"), QStringLiteral("--passphrase-file"),
                                    hugoOwn};
        const QStringList auditLog = {QStringLiteral("--server"), personUrl(), QStringLiteral("audit"),
                                      QStringLiteral("log"), QStringLiteral("--json")};
        RunResult r = onramp(QStringList{QStringLiteral("--server"), personUrl(), QStringLiteral("passphrase"),
                                         QStringLiteral("reset"), QStringLiteral("hugo"),
                                         QStringLiteral("--new-passphrase-file"), handed}
                             + asTess);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("passphrase"), QStringLiteral("change"),
                    QStringLiteral("--as"), QStringLiteral("hugo"), QStringLiteral("--passphrase-file"), handed,
                    QStringLiteral("--new-passphrase-file"), hugoOwn});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        // Hugo's two passphrase.change entries, one on each side of the reset, each with its key.
        r = onramp(auditLog + asHugo);
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QJsonArray log = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(log.size(), 2);
        for (const QJsonValue& entry : std::as_const(log)) {
            QCOMPARE(entry[QStringLiteral("actor")].toString(), QStringLiteral("hugo"));
            QVERIFY2(entry[QStringLiteral("verified")].toBool(), qPrintable(r.out));
        }
        r = onramp(auditLog + asTess + QStringList{QStringLiteral("--actor"), QStringLiteral("hugo")});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        log = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(log.size(), 2);
        for (const QJsonValue& entry : std::as_const(log))
            QVERIFY2(entry[QStringLiteral("verified")].toBool(), qPrintable(r.out));
        r = onramp(
            QStringList{QStringLiteral("--server"), personUrl(), QStringLiteral("audit"), QStringLiteral("verify")}
            + asTess);
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    // checklist import, enroll and status on a server, with a folder
    // vault's words, options, exit codes and --json; attacker first: a hire
    // inserting or altering a checklist version or an enrollment through
    // SQL, a mentor enrolling, an admin's login writing a row without its
    // signed entry, and a server that rewrites a row after its entry.
    void onboardingWorksOnAServerAsOnAFolderVault()
    {
        const QString tessPass = writeFile(QStringLiteral("tess-onboard.pass"), kTessPassphrase + '\n');
        const QString hugoPass = writeFile(QStringLiteral("hugo-onboard.pass"), kHugoOwn + '\n');
        const QString finnPass = writeFile(QStringLiteral("finn-onboard.pass"), "finn mentors with his own\n");
        const auto as = [&](const QString& name, const QString& pass, const QStringList& args) {
            return onramp(QStringList{QStringLiteral("--server"), personUrl()} + args
                          + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass});
        };
        const QString file = writeFile(QStringLiteral("week-one.yaml"), R"(onramp: 1
checklist:
  id: week-one
  title: Week one
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
    - {id: repo, title: Clone the repository, signoff: true}
)");
        const QString broken = writeFile(QStringLiteral("broken.yaml"), "onramp: 1\nchecklist: [not, a, mapping]\n");
        const QStringList import = {QStringLiteral("checklist"), QStringLiteral("import"), file};
        const QStringList enrollHugo = {QStringLiteral("enroll"),      QStringLiteral("hugo"),
                                        QStringLiteral("--checklist"), QStringLiteral("week-one"),
                                        QStringLiteral("--start"),     QStringLiteral("2026-12-01")};
        const QStringList withFinn = {QStringLiteral("--mentor"), QStringLiteral("finn")};
        const auto count = [&](const QString& table) {
            return superScalar(QStringLiteral("SELECT count(*) FROM onramp.%1").arg(table)).toLongLong();
        };

        // Who may not: a hire imports, a mentor enrolls (exit 4); a broken file, before anyone signs in (exit 5).
        RunResult r = as(QStringLiteral("hugo"), hugoPass, import);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only an admin can import checklists")), qPrintable(r.err));
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("checklist"), QStringLiteral("import"),
                    broken, QStringLiteral("--as"), QStringLiteral("tess")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("was not imported")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("checklist_versions")), 0);

        r = as(QStringLiteral("tess"), tessPass, import);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Imported checklist week-one as version 1 (2 steps, 0 credentials)")),
                 qPrintable(r.out));
        r = as(QStringLiteral("tess"), tessPass, import + QStringList{QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject outcome = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(outcome[QStringLiteral("version")].toInt(), 1);
        QVERIFY(outcome[QStringLiteral("unchanged")].toBool());
        QCOMPARE(count(QStringLiteral("checklist_versions")), 1);
        // A copy of the file that weakens the gate is refused, each weakening named, as on a folder vault.
        const QString weaker = writeFile(QStringLiteral("week-one-weaker.yaml"), R"(onramp: 1
checklist:
  id: week-one
  title: Week one
  steps:
    - {id: laptop, title: Set up the laptop}
    - {id: repo, title: Clone the repository}
)");
        r = as(QStringLiteral("tess"), tessPass, {QStringLiteral("checklist"), QStringLiteral("import"), weaker});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("step “Set up the laptop” is no longer required")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("step “Clone the repository” is no longer required")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--accept-weaker")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("checklist_versions")), 1);

        r = as(QStringLiteral("finn"), finnPass, enrollHugo + withFinn);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only an admin can enroll a hire")), qPrintable(r.err));
        r = as(QStringLiteral("tess"), tessPass,
               enrollHugo + QStringList{QStringLiteral("--mentor"), QStringLiteral("rhea")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'rhea' is disabled and cannot mentor")), qPrintable(r.err));
        r = as(QStringLiteral("tess"), tessPass,
               enrollHugo + QStringList{QStringLiteral("--mentor"), QStringLiteral("hugo")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'hugo' cannot mentor")), qPrintable(r.err));
        r = as(QStringLiteral("tess"), tessPass,
               QStringList{QStringLiteral("enroll"), QStringLiteral("hugo"), QStringLiteral("--checklist"),
                           QStringLiteral("week-one"), QStringLiteral("--start"), QStringLiteral("someday")}
                   + withFinn);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'someday'")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("enrollments")), 0);

        // The server itself refuses what the client would not send.
        ServerAddress address;
        QVERIFY(!ServerAddress::parse(personUrl(), &address));
        {
            SignedIn hugo;
            QVERIFY(!signIn(address, QStringLiteral("hugo"), kHugoOwn, &hugo));
            QCOMPARE(hugo.connection
                         ->execute(QStringLiteral("INSERT INTO onramp.checklist_versions (checklist_id, version, "
                                                  "content, author) VALUES ('week-one', 2, '\\x00', 'hugo')"))
                         .kind,
                     ErrorKind::NotPermitted);
            QCOMPARE(hugo.connection
                         ->execute(QStringLiteral("INSERT INTO onramp.enrollments (hire, mentor, checklist_id, "
                                                  "version, start_date, author) VALUES ('hugo', 'finn', "
                                                  "'week-one', 1, '2026-12-01', 'hugo')"))
                         .kind,
                     ErrorKind::NotPermitted);
            SignedIn finn;
            QVERIFY(!signIn(address, QStringLiteral("finn"), "finn mentors with his own", &finn));
            QCOMPARE(finn.connection
                         ->execute(QStringLiteral("INSERT INTO onramp.enrollments (hire, mentor, checklist_id, "
                                                  "version, start_date, author) VALUES ('hugo', 'finn', "
                                                  "'week-one', 1, '2026-12-01', 'finn')"))
                         .kind,
                     ErrorKind::NotPermitted);
            // An admin's login without the signed entry: refused at the commit.
            SignedIn tess;
            QVERIFY(!signIn(address, QStringLiteral("tess"), kTessPassphrase, &tess));
            QCOMPARE(tess.connection
                         ->execute(QStringLiteral("INSERT INTO onramp.checklist_versions (checklist_id, version, "
                                                  "content, author) VALUES ('week-one', 2, '\\x00', 'tess')"))
                         .kind,
                     ErrorKind::NotPermitted);
            QCOMPARE(tess.connection
                         ->execute(QStringLiteral("INSERT INTO onramp.enrollments (hire, mentor, checklist_id, "
                                                  "version, start_date, author) VALUES ('hugo', 'finn', "
                                                  "'week-one', 1, '2026-12-01', 'tess')"))
                         .kind,
                     ErrorKind::NotPermitted);
        }
        QCOMPARE(count(QStringLiteral("checklist_versions")), 1);
        QCOMPARE(count(QStringLiteral("enrollments")), 0);

        r = as(QStringLiteral("tess"), tessPass, enrollHugo + withFinn);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Enrolled hugo on week-one with mentor finn, starting 2026-12-01.\n"));
        r = as(QStringLiteral("tess"), tessPass, enrollHugo + withFinn);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'hugo' is already enrolled")), qPrintable(r.err));
        {
            // The hire cannot move their own enrollment, nor the admin without an entry.
            SignedIn hugo;
            QVERIFY(!signIn(address, QStringLiteral("hugo"), kHugoOwn, &hugo));
            QCOMPARE(hugo.connection->execute(QStringLiteral("UPDATE onramp.enrollments SET mentor = 'tess'")).kind,
                     ErrorKind::NotPermitted);
            for (const QString& sql : {QStringLiteral("DELETE FROM onramp.enrollments"),
                                       QStringLiteral("UPDATE onramp.checklist_versions SET content = '\\x00'"),
                                       QStringLiteral("DELETE FROM onramp.checklist_versions"),
                                       QStringLiteral("UPDATE onramp.checklists SET title = 'Week none'")})
                QCOMPARE(hugo.connection->execute(sql).kind, ErrorKind::NotPermitted);
            SignedIn tess;
            QVERIFY(!signIn(address, QStringLiteral("tess"), kTessPassphrase, &tess));
            QCOMPARE(
                tess.connection->execute(QStringLiteral("UPDATE onramp.enrollments SET version = 1, author = 'tess'"))
                    .kind,
                ErrorKind::NotPermitted);
        }
        QCOMPARE(superScalar(QStringLiteral("SELECT mentor || ' ' || start_date FROM onramp.enrollments")).toString(),
                 QStringLiteral("finn 2026-12-01"));

        // status: the hire, their mentor and an admin; nobody else's for a hire.
        r = as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("(hugo) on week-one v1, mentor Finn Mentor, started 2026-12-01")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Progress: 0 of 2 steps done")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("[ ] laptop - Set up the laptop")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Production: locked")), qPrintable(r.out));
        r = as(QStringLiteral("finn"), finnPass,
               {QStringLiteral("status"), QStringLiteral("hugo"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json[QStringLiteral("locked")].toBool(), true);
        QCOMPARE(json[QStringLiteral("steps")].toArray().size(), 2);
        r = as(QStringLiteral("tess"), tessPass, {QStringLiteral("status"), QStringLiteral("hugo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status"), QStringLiteral("tess")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("you can only see your own status")), qPrintable(r.err));

        // A server that rewrites the checklist version, or the enrollment, after its entry.
        const QByteArray content =
            superScalar(QStringLiteral("SELECT content FROM onramp.checklist_versions")).toByteArray();
        QByteArray rewritten = content;
        rewritten.replace("Clone the repository", "Skip the repository");
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.checklist_versions SET content = $1"), {rewritten}));
        r = as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("checklist week-one version 1 other than its signed entry")),
                 qPrintable(r.err));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.checklist_versions SET content = $1"), {content}));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.enrollments SET mentor = 'tess'")));
        r = as(QStringLiteral("tess"), tessPass, {QStringLiteral("status"), QStringLiteral("hugo")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("an enrollment of hugo that no signed entry")), qPrintable(r.err));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.enrollments SET mentor = 'finn'")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        QCOMPARE(as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status")}).code, 0);

        // step done: the hire's own step, with their signed entry; nobody else's.
        const QStringList stepDone = {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("hugo")};
        r = as(QStringLiteral("finn"), finnPass, stepDone + QStringList{QStringLiteral("laptop")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only hugo can mark their own steps done")), qPrintable(r.err));
        r = as(QStringLiteral("hugo"), hugoPass, stepDone + QStringList{QStringLiteral("coffee")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("no step 'coffee' in checklist 'week-one' version 1")),
                 qPrintable(r.err));
        {
            // Through SQL, without the entry: refused at the commit, and another hire's enrollment not at all.
            SignedIn hugo;
            QVERIFY(!signIn(address, QStringLiteral("hugo"), kHugoOwn, &hugo));
            const qint64 enrollment = superScalar(QStringLiteral("SELECT id FROM onramp.enrollments")).toLongLong();
            const QString record = QStringLiteral("SELECT onramp.record_step($1, 'laptop', now(), '')");
            QCOMPARE(hugo.connection->execute(record, {enrollment}).kind, ErrorKind::NotPermitted);
            QCOMPARE(hugo.connection->execute(record, {enrollment + 1000}).kind, ErrorKind::NotPermitted);
            // Nor into the table directly: a hire has no privilege on it (schema 13).
            QCOMPARE(hugo.connection
                         ->execute(QStringLiteral("INSERT INTO onramp.step_records (enrollment_id, step_id, author) "
                                                  "VALUES ($1, 'laptop', 'hugo')"),
                                   {enrollment})
                         .kind,
                     ErrorKind::NotPermitted);
        }
        QCOMPARE(count(QStringLiteral("step_records")), 0);
        r = as(QStringLiteral("hugo"), hugoPass,
               stepDone
                   + QStringList{QStringLiteral("laptop"), QStringLiteral("--note"), QStringLiteral("All set up")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Step laptop is done.\n"));
        r = as(QStringLiteral("hugo"), hugoPass, stepDone + QStringList{QStringLiteral("laptop")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("is already done")), qPrintable(r.err));
        r = as(QStringLiteral("finn"), finnPass, {QStringLiteral("status"), QStringLiteral("hugo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Progress: 1 of 2 steps done")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("[x] laptop - Set up the laptop")), qPrintable(r.out));
        r = as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject laptop = QJsonDocument::fromJson(r.out.toUtf8())[QStringLiteral("steps")][0].toObject();
        QCOMPARE(laptop[QStringLiteral("id")].toString(), QStringLiteral("laptop"));
        QVERIFY2(QDateTime::fromString(laptop[QStringLiteral("done_at")].toString(), Qt::ISODateWithMs).isValid(),
                 qPrintable(r.out));

        // A server that marks a step done, or rewrites the note, without the hire's entry.
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.step_records SET note = 'done by the server'")));
        r = as(QStringLiteral("tess"), tessPass, {QStringLiteral("status"), QStringLiteral("hugo")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("step laptop of hugo done")), qPrintable(r.err));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.step_records SET note = 'All set up'")));
        QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO onramp.step_records (enrollment_id, step_id, author) "
                                                 "SELECT id, 'repo', 'hugo' FROM onramp.enrollments")));
        r = as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("step repo of hugo done")), qPrintable(r.err));
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.step_records WHERE step_id = 'repo'")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        QCOMPARE(as(QStringLiteral("hugo"), hugoPass, {QStringLiteral("status")}).code, 0);
    }

    // team watch, the operator's watch over the lock table the cluster
    // shares: it ends an Onramp login's session that holds too many locks,
    // also once that session has filled the table and no one else can get
    // a lock; a session within the limit stays, and a role that may not end
    // others' sessions is refused.
    void aWatchEndsTheSessionThatFillsTheLockTable()
    {
        const QString url = setupUrl(kDatabase);
        RunResult r = onramp({QStringLiteral("team"), QStringLiteral("watch"),
                              url.section(QStringLiteral(" user="), 0, 0) + QStringLiteral(" user=onramp_test_plain"),
                              QStringLiteral("--once")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("GRANT pg_signal_backend TO onramp_test_plain")), qPrintable(r.err));
        r = onramp(
            {QStringLiteral("team"), QStringLiteral("watch"), url, QStringLiteral("--max-locks"), QStringLiteral("3")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--max-locks needs a whole number from 16")), qPrintable(r.err));

        ServerAddress address;
        QVERIFY(!ServerAddress::parse(personUrl(), &address));
        SignedIn hugo;
        Error error = signIn(address, QStringLiteral("hugo"), kHugoOwn, &hugo);
        QVERIFY2(!error, qPrintable(error.message));
        const QString login = hugo.connection->scalar(QStringLiteral("SELECT current_user")).toString();
        {
            PgConnection::Transaction reading(*hugo.connection);
            QVERIFY(!hugo.connection->execute(QStringLiteral("SELECT count(*) FROM onramp.people")));
            r = onramp({QStringLiteral("team"), QStringLiteral("watch"), url, QStringLiteral("--once"),
                        QStringLiteral("--max-locks"), QStringLiteral("64")});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains(QStringLiteral("holds more than 64 locks")), qPrintable(r.out));
        }
        QVERIFY(!hugo.connection->execute(QStringLiteral("SELECT 1")));

        // Nested savepoints of a login's own ALTER ROLE fill the table, but
        // take minutes: advisory locks, granted for this test, take
        // milliseconds. The function takes up to \a wanted and stops at the
        // first lock PostgreSQL refuses, its transaction holding the others.
        QVERIFY(!m_super->execute(QStringLiteral(
            "CREATE FUNCTION public.onramp_test_fill_locks(wanted integer) RETURNS integer LANGUAGE plpgsql AS $$ "
            "DECLARE taken integer := 0; BEGIN "
            "  FOR i IN 1..wanted LOOP "
            "    BEGIN PERFORM pg_advisory_xact_lock(pg_backend_pid()::int8 << 32 | i); taken := taken + 1; "
            "    EXCEPTION WHEN out_of_memory THEN RETURN taken; END; "
            "  END LOOP; "
            "  RETURN taken; "
            "END $$")));
        const auto dropFill = qScopeGuard([&] {
            m_super->execute(QStringLiteral("DROP FUNCTION IF EXISTS public.onramp_test_fill_locks(integer)"));
        });
        QVERIFY(!m_super->execute(
            QStringLiteral("GRANT EXECUTE ON FUNCTION pg_advisory_xact_lock(bigint) TO \"%1\"").arg(login)));
        const auto revoke = qScopeGuard([&] {
            m_super->execute(
                QStringLiteral("REVOKE EXECUTE ON FUNCTION pg_advisory_xact_lock(bigint) FROM \"%1\"").arg(login));
        });
        const auto fill = [](PgConnection& connection, int wanted, Error* error) {
            if ((*error = connection.execute(QStringLiteral("BEGIN"))))
                return 0;
            return connection.scalar(QStringLiteral("SELECT public.onramp_test_fill_locks($1::int4)"), {wanted}, error)
                .toInt();
        };

        // The limit is the login's: two sessions of 150 locks each pass 200
        // together, and every session of the login is ended, an idle one too.
        SignedIn second;
        error = signIn(address, QStringLiteral("hugo"), kHugoOwn, &second);
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn idle;
        error = signIn(address, QStringLiteral("hugo"), kHugoOwn, &idle);
        QVERIFY2(!error, qPrintable(error.message));
        QHash<const SignedIn*, qint64> pids;
        for (const SignedIn* session : {&hugo, &second, &idle})
            pids.insert(session, session->connection->scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong());
        const auto pidOf = [&](const SignedIn& session) { return pids.value(&session); };
        const int first = fill(*hugo.connection, 150, &error);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(first, 150);
        QCOMPARE(fill(*second.connection, 150, &error), 150);
        QVERIFY2(!error, qPrintable(error.message));
        r = onramp({QStringLiteral("team"), QStringLiteral("watch"), url, QStringLiteral("--once"),
                    QStringLiteral("--max-locks"), QStringLiteral("200")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Each of the three by its process (another of the login's, ending
        // from an earlier test, may be listed too).
        for (const SignedIn* session : {&hugo, &second, &idle}) {
            const QString ended =
                QStringLiteral("ended the session of %1 (process %2,").arg(login).arg(pidOf(*session));
            QVERIFY2(r.out.contains(ended), qPrintable(r.out));
        }
        QCOMPARE(hugo.connection->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        QCOMPARE(second.connection->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        QCOMPARE(idle.connection->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);

        // The watch connects before the table fills, as an operator's service would.
        error = signIn(address, QStringLiteral("hugo"), kHugoOwn, &hugo);
        QVERIFY2(!error, qPrintable(error.message));
        const qint64 pid = hugo.connection->scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
        QProcess watch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSFILE"), m_passfile);
        watch.setProcessEnvironment(env);
        watch.setProcessChannelMode(QProcess::MergedChannels);
        watch.start(QStringLiteral(ONRAMP_BINARY),
                    {QStringLiteral("team"), QStringLiteral("watch"), url, QStringLiteral("--max-locks"),
                     QStringLiteral("200"), QStringLiteral("--interval"), QStringLiteral("2")});
        const auto stop = qScopeGuard([&] {
            watch.kill();
            watch.waitForFinished();
        });
        QByteArray said;
        while (!said.contains("Watching the team") && watch.waitForReadyRead(30000))
            said += watch.readAllStandardOutput();
        QVERIFY2(said.contains("Watching the team"), said.constData());
        // A change of the login's role (as a hire may always make to their
        // own) drops it from the watch's catalog cache just before the table
        // fills: reading it again then needs the lock on pg_authid the watch
        // has held from its start.
        QVERIFY(!m_super->execute(QStringLiteral("ALTER ROLE \"%1\" VALID UNTIL 'infinity'").arg(login)));
        const int taken = fill(*hugo.connection, 1000000, &error);
        // Full, or ended by the watch before it was (a watch that looks
        // while the fill still runs, on a busy machine): either way the
        // session is to end, and the watch says so below.
        if (error)
            QVERIFY2(error.kind == ErrorKind::Io && error.message.contains(QStringLiteral("administrator command")),
                     qPrintable(error.message));
        else
            QVERIFY2(taken > 200 && taken < 1000000, qPrintable(QString::number(taken)));

        const QByteArray ended = QStringLiteral("ended the session of %1 (process %2, ").arg(login).arg(pid).toUtf8();
        while (!said.contains(ended) && watch.waitForReadyRead(30000))
            said += watch.readAllStandardOutput();
        QVERIFY2(said.contains(ended), said.constData());
        QVERIFY2(said.contains("more than 200"), said.constData());
        QCOMPARE(watch.state(), QProcess::Running);
        QCOMPARE(hugo.connection->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        std::unique_ptr<PgConnection> after;
        error = pgConnectSuper(kDatabase, &after);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(scalarOf(*after, QStringLiteral("SELECT count(*) FROM pg_locks WHERE pid = $1"), {pid}).toInt(), 0);
    }

    // audit verify on a server: the admin's desk checks the whole log end
    // to end; a hire, who sees only their own entries, is refused; a
    // rewritten entry is named (exit 6).
    void auditVerifyChecksTheServersLogEndToEnd()
    {
        const QString tessPass = writeFile(QStringLiteral("tess-verify.pass"), kTessPassphrase + '\n');
        RunResult r =
            onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("audit"), QStringLiteral("verify"),
                    QStringLiteral("--as"), QStringLiteral("tess"), QStringLiteral("--passphrase-file"), tessPass});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const qint64 entries = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        QVERIFY2(r.out.contains(QStringLiteral("verified: %1 entries").arg(entries)), qPrintable(r.out));

        const QString hugoPass = writeFile(QStringLiteral("hugo-verify.pass"), kHugoOwn + '\n');
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("audit"), QStringLiteral("verify"),
                    QStringLiteral("--as"), QStringLiteral("hugo"), QStringLiteral("--passphrase-file"), hugoPass});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("hugo is a hire")), qPrintable(r.err));

        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.audit SET content = '{\"name\":\"finn\"}' "
                                                 "WHERE action = 'person.disable'")));
        r = onramp({QStringLiteral("--server"), personUrl(), QStringLiteral("audit"), QStringLiteral("verify"),
                    QStringLiteral("--as"), QStringLiteral("tess"), QStringLiteral("--passphrase-file"), tessPass,
                    QStringLiteral("--json")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.out.contains(QStringLiteral("\"ok\":false")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("(by tess)")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestTeamCommands)
#include "TestTeamCommands.moc"
