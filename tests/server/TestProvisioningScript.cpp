#include "PgConnection.h"
#include "PgTestCluster.h"

#include <QDateTime>
#include <QFile>
#include <QTest>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;

namespace {

const QString kDatabase = QStringLiteral("onramp_prov");
const QString kOtherDatabase = QStringLiteral("onramp_prov_other");
const QString kProvisioner = QStringLiteral("onramp_provisioner");
const QByteArray kProvisionerPassword = "provisioning role's test password";
const QByteArray kLoginPassword = "a hire's generated password";

const QString kCreate = QStringLiteral("SELECT onramp_provision.create_login($1, $2, $3::timestamptz, $4::text[])");
const QString kDrop = QStringLiteral("SELECT onramp_provision.drop_login($1)");

QString inHours(double hours)
{
    return QDateTime::currentDateTimeUtc().addSecs(qint64(hours * 3600)).toString(Qt::ISODateWithMs);
}

} // namespace

/// share/postgresql-provisioning.sql on a real PostgreSQL 15, attacker first:
/// what the provisioning role, whose password every mentor's session can open,
/// cannot do through the functions or around them; then what the functions
/// do for a login they are asked for.
class TestProvisioningScript : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_super;
    std::unique_ptr<PgConnection> m_prov;
    QString m_verifier;

    bool roleExists(const QString& role)
    {
        return m_super->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = $1"), {role}).toLongLong()
            == 1;
    }

    Error create(const QString& role, const QString& verifier, const QString& validUntil, const QString& groups)
    {
        const auto orNull = [](const QString& text) { return text.isNull() ? QVariant() : QVariant(text); };
        return m_prov->execute(kCreate, {role, orNull(verifier), orNull(validUntil), groups});
    }

    QString verifierFor(const QString& role)
    {
        QString verifier;
        if (Error e = m_prov->scramVerifier(role, SecureBytes::copyOf(kLoginPassword), &verifier))
            qWarning() << e.message;
        return verifier;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run through ctest");
        QVERIFY(!pgRecreateDatabase(kDatabase));
        QVERIFY(!pgRecreateDatabase(kOtherDatabase));
        QVERIFY(!pgConnectSuper(kDatabase, &m_super));

        QFile script(qEnvironmentVariable("ONRAMP_PROVISIONING_SQL"));
        QVERIFY2(script.open(QIODevice::ReadOnly), qPrintable(script.fileName()));
        const QString sql = QString::fromUtf8(script.readAll());
        Error error = m_super->executeScript(sql);
        QVERIFY2(!error, qPrintable(error.message));
        // Run again, as an upgrade would: it replaces the functions and keeps the rows.
        error = m_super->executeScript(sql);
        QVERIFY2(!error, qPrintable(error.message));

        QString verifier;
        QVERIFY(!m_super->scramVerifier(kProvisioner, SecureBytes::copyOf(kProvisionerPassword), &verifier));
        // A verifier is no password: it may be spliced into the statement.
        QVERIFY(!m_super->executeScript(QStringLiteral("ALTER ROLE onramp_provisioner PASSWORD '%1'").arg(verifier)));
        // Roles outlive the database: clear what an interrupted run left.
        QVERIFY(!m_super->executeScript(QStringLiteral(
            "DO $$ DECLARE r text; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE 'onramp\\_ada\\_%' "
            "LOOP EXECUTE format('DROP ROLE %I', r); END LOOP; END $$;"
            "DROP ROLE IF EXISTS team_ro; DROP ROLE IF EXISTS team_rw; DROP ROLE IF EXISTS team_super;"
            "DROP ROLE IF EXISTS team_sneaky; DROP ROLE IF EXISTS onramp_p_admin;"
            "CREATE ROLE team_ro NOLOGIN; CREATE ROLE team_rw NOLOGIN; CREATE ROLE team_super NOLOGIN SUPERUSER;"
            "CREATE ROLE team_sneaky NOLOGIN IN ROLE pg_read_server_files;"
            "CREATE ROLE onramp_p_admin LOGIN;"
            "CREATE SCHEMA sandbox; GRANT USAGE, CREATE ON SCHEMA sandbox TO team_ro;"
            "CREATE TABLE sandbox.shared (n int); GRANT SELECT ON sandbox.shared TO team_ro;"
            "INSERT INTO onramp_provision.allowed_groups VALUES ('team_ro')")));

        error = PgConnection::connect(pgAddress(kDatabase), kProvisioner, SecureBytes::copyOf(kProvisionerPassword),
                                      &m_prov);
        QVERIFY2(!error, qPrintable(error.message));
        m_verifier = verifierFor(QStringLiteral("onramp_ada_db"));
        QVERIFY(m_verifier.startsWith(QLatin1String("SCRAM-SHA-256$")));
    }

    void cannotCreateARoleOutsideTheOnrampNames_data()
    {
        QTest::addColumn<QString>("role");
        QTest::newRow("plain") << QStringLiteral("alice");
        QTest::newRow("superuser's") << QStringLiteral("postgres");
        QTest::newRow("prefix only") << QStringLiteral("onramp_");
        QTest::newRow("upper case") << QStringLiteral("Onramp_ada");
        QTest::newRow("quote") << QStringLiteral("onramp_a\"; DROP ROLE team_ro; --");
        QTest::newRow("space") << QStringLiteral("onramp_a b");
        QTest::newRow("64 bytes") << QStringLiteral("onramp_") + QString(57, QLatin1Char('a'));
        QTest::newRow("existing") << QStringLiteral("onramp_p_admin");
        QTest::newRow("the owner") << QStringLiteral("onramp_provision_owner");
    }
    void cannotCreateARoleOutsideTheOnrampNames()
    {
        QFETCH(QString, role);
        const bool existed = roleExists(role);
        const Error error = create(role, m_verifier, inHours(1), QStringLiteral("{team_ro}"));
        QVERIFY(error);
        QVERIFY2(error.kind == ErrorKind::NotPermitted || error.kind == ErrorKind::InvalidInput,
                 qPrintable(error.message));
        QCOMPARE(roleExists(role), existed);
        QVERIFY(roleExists(QStringLiteral("team_ro")));
    }

    void cannotGrantAGroupNotOnTheList_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<bool>("listed");
        QTest::newRow("server programs") << QStringLiteral("pg_execute_server_program") << false;
        QTest::newRow("server files") << QStringLiteral("pg_read_server_files") << false;
        QTest::newRow("signal backends") << QStringLiteral("pg_signal_backend") << false;
        QTest::newRow("superuser role") << QStringLiteral("team_super") << false;
        QTest::newRow("unlisted group") << QStringLiteral("team_rw") << false;
        QTest::newRow("the owner") << QStringLiteral("onramp_provision_owner") << false;
        QTest::newRow("the provisioner") << QStringLiteral("onramp_provisioner") << false;
        QTest::newRow("missing") << QStringLiteral("no_such_group") << false;
        // Listed by mistake, still refused: what it is, not the list, decides.
        QTest::newRow("listed server programs") << QStringLiteral("pg_execute_server_program") << true;
        QTest::newRow("listed superuser role") << QStringLiteral("team_super") << true;
        QTest::newRow("listed member of server files") << QStringLiteral("team_sneaky") << true;
        QTest::newRow("listed provisioner") << QStringLiteral("onramp_provisioner") << true;
    }
    void cannotGrantAGroupNotOnTheList()
    {
        QFETCH(QString, group);
        QFETCH(bool, listed);
        if (listed)
            QVERIFY(
                !m_super->execute(QStringLiteral("INSERT INTO onramp_provision.allowed_groups VALUES ($1)"), {group}));
        const QString role = QStringLiteral("onramp_ada_escalate");
        const Error error = create(role, verifierFor(role), inHours(1), QStringLiteral("{team_ro,\"%1\"}").arg(group));
        if (listed)
            QVERIFY(!m_super->execute(
                QStringLiteral("DELETE FROM onramp_provision.allowed_groups WHERE group_name = $1"), {group}));
        QVERIFY(error);
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(group), qPrintable(error.message));
        QVERIFY(!roleExists(role));
    }

    void cannotExceedTheCap_data()
    {
        QTest::addColumn<QString>("validUntil");
        QTest::newRow("past the cap") << inHours(31 * 24 + 1);
        QTest::newRow("infinity") << QStringLiteral("infinity");
        QTest::newRow("in the past") << inHours(-1);
        QTest::newRow("none") << QString();
    }
    void cannotExceedTheCap()
    {
        QFETCH(QString, validUntil);
        const QString role = QStringLiteral("onramp_ada_forever");
        const Error error = create(role, verifierFor(role), validUntil, QStringLiteral("{team_ro}"));
        QVERIFY(error);
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(role), qPrintable(error.message));
        QVERIFY(!roleExists(role));
    }

    void cannotSetAPasswordInClear_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("clear") << QStringLiteral("hunter2hunter2");
        QTest::newRow("md5") << QStringLiteral("md5") + QString(32, QLatin1Char('a'));
        QTest::newRow("scram prefix only") << QStringLiteral("SCRAM-SHA-256$hunter2");
        QTest::newRow("empty") << QString(QLatin1String(""));
        QTest::newRow("null") << QString();
        QTest::newRow("verifier then text") << m_verifier + QStringLiteral(" hunter2");
    }
    void cannotSetAPasswordInClear()
    {
        QFETCH(QString, password);
        const QString role = QStringLiteral("onramp_ada_clear");
        const Error error = create(role, password, inHours(1), QStringLiteral("{team_ro}"));
        QVERIFY(error);
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("SCRAM")), qPrintable(error.message));
        QVERIFY(!roleExists(role));
    }

    void cannotDropARoleItDidNotMake_data()
    {
        QTest::addColumn<QString>("role");
        QTest::newRow("superuser") << pgSuperuser();
        QTest::newRow("group") << QStringLiteral("team_ro");
        QTest::newRow("owner") << QStringLiteral("onramp_provision_owner");
        QTest::newRow("itself") << kProvisioner;
        QTest::newRow("onramp name, not made here") << QStringLiteral("onramp_p_admin");
    }
    void cannotDropARoleItDidNotMake()
    {
        QFETCH(QString, role);
        const QString canLogin = QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1");
        const QVariant before = m_super->scalar(canLogin, {role});
        const Error error = m_prov->execute(kDrop, {role});
        QVERIFY(error);
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(role), qPrintable(error.message));
        QVERIFY(roleExists(role));
        QCOMPARE(m_super->scalar(canLogin, {role}), before);
    }

    void cannotUseTheOwnersPowersDirectly_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("create role") << QStringLiteral("CREATE ROLE onramp_direct LOGIN");
        QTest::newRow("grant itself server programs")
            << QStringLiteral("GRANT pg_execute_server_program TO onramp_provisioner");
        QTest::newRow("become the owner") << QStringLiteral("SET ROLE onramp_provision_owner");
        QTest::newRow("list a group") << QStringLiteral(
            "INSERT INTO onramp_provision.allowed_groups VALUES ('team_rw')");
        QTest::newRow("raise the cap") << QStringLiteral(
            "UPDATE onramp_provision.settings SET max_valid = '100 years'");
        QTest::newRow("forge a made login")
            << QStringLiteral("INSERT INTO onramp_provision.logins VALUES ('onramp_p_admin', 1, now(), now())");
        QTest::newRow("change a function")
            << QStringLiteral("CREATE OR REPLACE FUNCTION onramp_provision.drop_login(p_role text) RETURNS boolean "
                              "LANGUAGE sql AS 'SELECT true'");
        QTest::newRow("the helper") << QStringLiteral("SELECT onramp_provision.is_dangerous_group(10)");
    }
    void cannotUseTheOwnersPowersDirectly()
    {
        QFETCH(QString, sql);
        const Error error = m_prov->execute(sql);
        QVERIFY(error);
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY(!roleExists(QStringLiteral("onramp_direct")));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT pg_has_role('onramp_provisioner', 'pg_execute_server_program', "
                                                "'MEMBER')")),
                 QVariant(false));
    }

    void everyFunctionPinsItsSearchPathAndIsClosedToPublic()
    {
        QList<QVariantList> rows;
        QVERIFY(!m_super->execute(
            QStringLiteral(
                "SELECT p.proname, p.prosecdef, "
                "coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=pg_catalog, pg_temp%', false), "
                "p.proacl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0), "
                "pg_get_userbyid(p.proowner) "
                "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'onramp_provision' ORDER BY 1"),
            {}, &rows));
        QCOMPARE(rows.size(), 6);
        for (const QVariantList& row : rows) {
            const QString name = row.at(0).toString();
            QVERIFY2(row.at(2).toBool(), qPrintable(name));
            QVERIFY2(row.at(3).toBool(), qPrintable(name));
            QCOMPARE(row.at(4).toString(), QStringLiteral("onramp_provision_owner"));
            QCOMPARE(row.at(1).toBool(),
                     name == QLatin1String("create_login") || name == QLatin1String("drop_login")
                         || name == QLatin1String("create_sandbox_login"));
        }
    }

    // A CREATEDB login only where the superuser said this cluster makes
    // sandbox databases (none of production data): off by default, so on a
    // production cluster the provisioner cannot make one.
    void aSandboxLoginIsRefusedUntilTheSuperuserTurnsSandboxDatabasesOn()
    {
        const QString role = QStringLiteral("onramp_ada_sbx");
        const QString verifier = verifierFor(role);
        const QString until = inHours(2);
        const QString sql = QStringLiteral("SELECT onramp_provision.create_sandbox_login($1, $2, $3::timestamptz)");
        const Error refused = m_prov->execute(sql, {role, verifier, until});
        QCOMPARE(refused.kind, ErrorKind::NotPermitted);
        QVERIFY2(refused.message.contains(QStringLiteral("sandbox_databases")), qPrintable(refused.message));
        QVERIFY(!roleExists(role));
        // Nor can the provisioner turn it on.
        QCOMPARE(m_prov->execute(QStringLiteral("UPDATE onramp_provision.settings SET sandbox_databases = true")).kind,
                 ErrorKind::NotPermitted);

        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp_provision.settings SET sandbox_databases = true")));
        const Error made = m_prov->execute(sql, {role, verifier, until});
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp_provision.settings SET sandbox_databases = false")));
        QVERIFY2(!made, qPrintable(made.message));
        QCOMPARE(
            m_super
                ->scalar(QStringLiteral("SELECT rolcanlogin AND rolcreatedb AND NOT rolcreaterole AND NOT rolsuper "
                                        "AND pg_has_role(oid, 'onramp_sandbox', 'MEMBER') "
                                        "AND (SELECT count(*) FROM pg_auth_members WHERE member = r.oid) = 1 "
                                        "FROM pg_roles r WHERE rolname = $1"),
                         {role})
                .toBool(),
            true);
        // A role of that name it did not make is not taken over.
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp_provision.settings SET sandbox_databases = true")));
        const Error other = m_prov->execute(sql, {QStringLiteral("onramp_p_admin"), verifier, until});
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp_provision.settings SET sandbox_databases = false")));
        QCOMPARE(other.kind, ErrorKind::InvalidInput); // "exists already"
        QVERIFY(!m_prov->execute(QStringLiteral("SELECT onramp_provision.drop_login($1)"), {role}));
        QVERIFY(!roleExists(role));
    }

    void aLoginItMakesSignsInWithTheGroupUntilDropped()
    {
        const QString role = QStringLiteral("onramp_ada_db");
        const QString until = inHours(2);
        const Error made = create(role, m_verifier, until, QStringLiteral("{team_ro}"));
        QVERIFY2(!made, qPrintable(made.message));
        QCOMPARE(
            m_super
                ->scalar(QStringLiteral("SELECT rolvaliduntil = $1::timestamptz AND rolcanlogin AND NOT rolcreaterole "
                                        "AND pg_has_role(oid, 'team_ro', 'MEMBER') FROM pg_roles WHERE rolname = $2"),
                         {until, role})
                .toBool(),
            true);
        // The server keeps the verifier it was given, never a password.
        QCOMPARE(
            m_super->scalar(QStringLiteral("SELECT rolpassword FROM pg_authid WHERE rolname = $1"), {role}).toString(),
            m_verifier);

        std::unique_ptr<PgConnection> hire;
        Error error = PgConnection::connect(pgAddress(kDatabase), role, SecureBytes::copyOf(kLoginPassword), &hire);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!hire->execute(QStringLiteral("SELECT n FROM sandbox.shared")));
        QVERIFY(!hire->execute(QStringLiteral("CREATE TABLE sandbox.mine (n int)")));
        QCOMPARE(hire->execute(QStringLiteral("CREATE ROLE onramp_hire_made LOGIN")).kind, ErrorKind::NotPermitted);

        QList<QVariantList> rows;
        error = m_prov->execute(kDrop, {role}, &rows);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(rows.value(0).value(0), QVariant(true));
        QVERIFY(!roleExists(role));
        // Its session was ended, its objects went with it (DROP OWNED), and it signs in no more.
        QCOMPARE(hire->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT to_regclass('sandbox.mine') IS NULL")), QVariant(true));
        std::unique_ptr<PgConnection> again;
        QCOMPARE(PgConnection::connect(pgAddress(kDatabase), role, SecureBytes::copyOf(kLoginPassword), &again).kind,
                 ErrorKind::Auth);
        // Once dropped, the name is no longer one it made.
        QCOMPARE(m_prov->execute(kDrop, {role}).kind, ErrorKind::NotPermitted);
    }

    void aLoginHoldingObjectsInAnotherDatabaseStaysWithoutLogin()
    {
        const QString role = QStringLiteral("onramp_ada_elsewhere");
        QVERIFY(!create(role, verifierFor(role), inHours(1), QStringLiteral("{team_ro}")));
        std::unique_ptr<PgConnection> otherSuper;
        QVERIFY(!pgConnectSuper(kOtherDatabase, &otherSuper));
        QVERIFY(!otherSuper->executeScript(
            QStringLiteral("CREATE SCHEMA IF NOT EXISTS scratch; GRANT USAGE, CREATE ON SCHEMA scratch TO team_ro")));
        {
            std::unique_ptr<PgConnection> hire;
            QVERIFY(
                !PgConnection::connect(pgAddress(kOtherDatabase), role, SecureBytes::copyOf(kLoginPassword), &hire));
            QVERIFY(!hire->execute(QStringLiteral("CREATE TABLE scratch.left_behind (n int)")));
        }
        QList<QVariantList> rows;
        const Error error = m_prov->execute(kDrop, {role}, &rows);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(rows.value(0).value(0), QVariant(false));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {role}),
                 QVariant(false));
        std::unique_ptr<PgConnection> again;
        QCOMPARE(
            PgConnection::connect(pgAddress(kOtherDatabase), role, SecureBytes::copyOf(kLoginPassword), &again).kind,
            ErrorKind::Auth);

        // Cleared there, a second drop_login finishes it.
        QVERIFY(!otherSuper->executeScript(QStringLiteral("DROP TABLE scratch.left_behind")));
        rows.clear();
        QVERIFY(!m_prov->execute(kDrop, {role}, &rows));
        QCOMPARE(rows.value(0).value(0), QVariant(true));
        QVERIFY(!roleExists(role));
    }

    void cleanupTestCase()
    {
        m_prov.reset();
        if (m_super)
            m_super->executeScript(QStringLiteral("DROP ROLE IF EXISTS onramp_p_admin"));
    }
};

QTEST_GUILESS_MAIN(TestProvisioningScript)
#include "TestProvisioningScript.moc"
