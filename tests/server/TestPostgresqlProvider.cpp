#include "PgConnection.h"
#include "PgTestCluster.h"
#include "PostgresqlProvider.h"
#include "PostgresqlProviderTest.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "credentials/ProviderConnections.h"
#include "vault/Vault.h"

#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;

namespace {

const QString kDatabase = QStringLiteral("onramp_pgprov");
const QByteArray kProvisionerPassword = "the provisioner's password in the vault";

} // namespace

/// The postgresql provider against a real PostgreSQL 15 with the
/// provisioning script: the login it issues signs in with the group's
/// privileges until revoked; a renewal issues afresh; a server that cannot be
/// reached or refuses is an error naming the provider connection, and leaves
/// no login.
class TestPostgresqlProvider : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<PgConnection> m_super;
    CredentialTemplate m_live;
    Person m_hire;

    Error connectAs(const QString& role, const SecureBytes& password, std::unique_ptr<PgConnection>* out)
    {
        return PgConnection::connect(pgAddress(kDatabase), role, password, out);
    }

    bool roleExists(const QString& role)
    {
        return m_super->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = $1"), {role}).toLongLong()
            == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!pgDropLogins(QStringLiteral("^onramp_hal_")));
        const Error provisioned =
            pgProvisionedDatabase(kDatabase, kProvisionerPassword, {QStringLiteral("ro_reader")}, &m_super);
        QVERIFY2(!provisioned, qPrintable(provisioned.message));
        QVERIFY(
            !m_super->executeScript(QStringLiteral("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2);"
                                                   "GRANT SELECT ON orders TO ro_reader;")));

        QVERIFY(m_dir.isValid());
        m_vault = vaulttest::makeVault(m_dir.filePath(QStringLiteral("vault")));
        QVERIFY(m_vault);
        for (const Person& person : m_vault->people())
            if (person.name == QLatin1String("hal"))
                m_hire = person;
        QVERIFY(m_hire.id != 0);
        ProviderConnections connections(*m_vault, defaultClock());
        Error error = connections.set(QStringLiteral("live"), provisionerDsn(kDatabase),
                                      SecureBytes::copyOf(kProvisionerPassword));
        QVERIFY2(!error, qPrintable(error.message));
        error = connections.set(QStringLiteral("gone"), provisionerDsn(kDatabase, m_dir.path()),
                                SecureBytes::copyOf(kProvisionerPassword));
        QVERIFY2(!error, qPrintable(error.message));
        error = connections.set(QStringLiteral("wrong"), provisionerDsn(kDatabase), SecureBytes::copyOf("not it"));
        QVERIFY2(!error, qPrintable(error.message));

        m_live.id = QStringLiteral("live-pg");
        m_live.title = QStringLiteral("Live database");
        m_live.environment = Environment::Production;
        m_live.provider = QStringLiteral("postgresql");
        m_live.pgServer = QStringLiteral("live");
        m_live.pgRoles = {QStringLiteral("ro_reader")};
        m_live.ttlSeconds = 8 * 3600;
        providers::registerPostgresqlProvider();
    }

    void loginNamesAreSanitisedCappedAndUnique()
    {
        QCOMPARE(providers::loginRoleName(QStringLiteral("Hal.Smith"), QStringLiteral("live-pg")).left(25),
                 QStringLiteral("onramp_hal_smith_live_pg_"));
        const QString longName = providers::loginRoleName(QString(80, QLatin1Char('h')), QString(64, QLatin1Char('c')));
        QVERIFY(longName.toUtf8().size() <= 63);
        QVERIFY(QRegularExpression(QStringLiteral("^onramp_[a-z0-9_]+$")).match(longName).hasMatch());
        QVERIFY(providers::loginRoleName(QStringLiteral("a-b"), QStringLiteral("c"))
                != providers::loginRoleName(QStringLiteral("a_b"), QStringLiteral("c")));
        QVERIFY(providers::loginRoleName(QString(80, QLatin1Char('h')) + QLatin1Char('1'), QStringLiteral("c"))
                != providers::loginRoleName(QString(80, QLatin1Char('h')) + QLatin1Char('2'), QStringLiteral("c")));
    }

    void anIssuedLoginConnectsWithTheGroupUntilRevoked()
    {
        std::unique_ptr<Provider> provider = Providers::make(QStringLiteral("postgresql"));
        QVERIFY(provider);
        const QString role = providers::loginRoleName(m_hire.name, m_live.id);
        QVERIFY(!roleExists(role));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QMap<QString, QString> fields;
        const IssueRequest request{*m_vault, m_live, m_hire, 0, now, false, &fields};
        QVERIFY(provider->actsAtSource());
        std::optional<SecureBytes> secret;
        Error error = provider->issue(request, &secret);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(secret && secret->size() == 32);
        // What the hire connects with besides the password.
        const QMap<QString, QString> expected{{QStringLiteral("host"), pgSocketDir()},
                                              {QStringLiteral("port"), QStringLiteral("5432")},
                                              {QStringLiteral("database"), kDatabase},
                                              {QStringLiteral("user"), role}};
        QCOMPARE(fields, expected);
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT rolvaliduntil = $1::timestamptz FROM pg_roles WHERE rolname = $2"),
                              {now.addSecs(8 * 3600).toString(Qt::ISODateWithMs), role})
                     .toBool(),
                 true);

        std::unique_ptr<PgConnection> hire;
        error = connectAs(role, *secret, &hire);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(hire->scalar(QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), 2);
        QCOMPARE(hire->execute(QStringLiteral("DELETE FROM orders")).kind, ErrorKind::NotPermitted);

        // A renewal issues afresh: the old password no longer signs in.
        std::optional<SecureBytes> renewed;
        error = provider->issue({*m_vault, m_live, m_hire, 0, now, true}, &renewed);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(renewed && renewed->view() != secret->view());
        std::unique_ptr<PgConnection> old;
        QCOMPARE(connectAs(role, *secret, &old).kind, ErrorKind::Auth);
        QVERIFY(!connectAs(role, *renewed, &hire));

        error = provider->revoke(request);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!roleExists(role));
        QCOMPARE(hire->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        std::unique_ptr<PgConnection> again;
        QCOMPARE(connectAs(role, *renewed, &again).kind, ErrorKind::Auth);
        // Revoking what is gone already changes nothing and is no error.
        QVERIFY(!provider->revoke(request));
    }

    void anUnreachableOrRefusingServerIsNamedAndMakesNoLogin_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<int>("kind");
        QTest::newRow("nobody listens") << QStringLiteral("gone") << int(ErrorKind::Io);
        QTest::newRow("wrong password") << QStringLiteral("wrong") << int(ErrorKind::Auth);
        QTest::newRow("never set") << QStringLiteral("unset") << int(ErrorKind::InvalidInput);
    }
    void anUnreachableOrRefusingServerIsNamedAndMakesNoLogin()
    {
        QFETCH(QString, server);
        QFETCH(int, kind);
        CredentialTemplate cred = m_live;
        cred.pgServer = server;
        std::optional<SecureBytes> secret;
        const Error error = providers::PostgresqlProvider().issue(
            {*m_vault, cred, m_hire, 0, QDateTime::currentDateTimeUtc()}, &secret);
        QCOMPARE(int(error.kind), kind);
        QVERIFY2(error.message.contains(QStringLiteral("provider connection '%1'").arg(server)),
                 qPrintable(error.message));
        QVERIFY(!error.message.contains(QString::fromUtf8(kProvisionerPassword)));
        QVERIFY(!secret);
        QVERIFY(!roleExists(providers::loginRoleName(m_hire.name, cred.id)));
    }

    void aGroupTheServerDoesNotAllowIsRefused()
    {
        CredentialTemplate cred = m_live;
        cred.pgRoles = {QStringLiteral("ro_reader"), QStringLiteral("team_admins")};
        std::optional<SecureBytes> secret;
        const Error error = providers::PostgresqlProvider().issue(
            {*m_vault, cred, m_hire, 0, QDateTime::currentDateTimeUtc()}, &secret);
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(QStringLiteral("team_admins")), qPrintable(error.message));
        QVERIFY(!secret);
        QVERIFY(!roleExists(providers::loginRoleName(m_hire.name, cred.id)));
    }
};

QTEST_GUILESS_MAIN(TestPostgresqlProvider)
#include "TestPostgresqlProvider.moc"
