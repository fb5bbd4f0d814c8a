#include "ServerAddress.h"

#include <QTest>

using namespace onramp;
using namespace onramp::server;

/// The connection-string policy: no password in an address, and a server
/// reached over the network only with verify-full TLS and channel binding.
class TestServerAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("local");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<QByteArray>("peer"); // the server's user a socket must belong to
        QTest::newRow("socket folder") << "host=/tmp/pg dbname=onramp" << true << "/tmp/pg:5432/onramp"
                                       << QByteArray("postgres");
        QTest::newRow("default socket") << "dbname=onramp" << true << "/var/run/postgresql:5432/onramp"
                                        << QByteArray("postgres");
        QTest::newRow("socket of another server user")
            << "host=/tmp/pg dbname=onramp requirepeer=pgsvc" << true << "/tmp/pg:5432/onramp" << QByteArray("pgsvc");
        QTest::newRow("loopback, verified")
            << "postgresql://localhost:5433/onramp?sslmode=verify-full&channel_binding=require" << false
            << "localhost:5433/onramp" << QByteArray();
        QTest::newRow("remote, verified")
            << "postgresql://onramp.example.org/team?sslmode=verify-full&channel_binding=require" << false
            << "onramp.example.org:5432/team" << QByteArray();
        QTest::newRow("remote keywords") << "host=db.example.org port=6432 dbname=team sslmode=verify-full "
                                            "channel_binding=require sslrootcert=/etc/onramp/ca.pem"
                                         << false << "db.example.org:6432/team" << QByteArray();
    }
    void accepted()
    {
        QFETCH(QString, url);
        QFETCH(bool, local);
        QFETCH(QString, shown);
        QFETCH(QByteArray, peer);
        ServerAddress address;
        const Error error = ServerAddress::parse(url, &address);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(address.isLocal(), local);
        QCOMPARE(address.displayName(), shown);
        QCOMPARE(address.option("requirepeer"), peer);
        for (const auto& option : address.options())
            QVERIFY(option.first != "password");
    }

    void refused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("secret");
        QTest::newRow("password keyword") << "host=/tmp/pg dbname=team password=hunter2"
                                          << "carries a password"
                                          << "hunter2";
        QTest::newRow("password in uri") << "postgresql://ada:hunter2@localhost/team"
                                         << "carries a password"
                                         << "hunter2";
        QTest::newRow("password parameter") << "postgresql://localhost/team?password=hunter2"
                                            << "carries a password"
                                            << "hunter2";
        QTest::newRow("client key passphrase") << "host=/tmp/pg sslpassword=hunter2"
                                               << "carries a password"
                                               << "hunter2";
        QTest::newRow("a secret pasted without a keyword") << "host=/tmp/pg dbname=team hunter2"
                                                           << "not a libpq connection string"
                                                           << "hunter2";
        QTest::newRow("password file") << "host=/tmp/pg passfile=/home/ada/.pgpass"
                                       << "password file"
                                       << "";
        QTest::newRow("remote, no tls") << "host=db.example.org dbname=team"
                                        << "sslmode=verify-full and channel_binding=require"
                                        << "";
        QTest::newRow("remote, require only")
            << "postgresql://db.example.org/team?sslmode=require&channel_binding=require"
            << "sslmode=verify-full"
            << "";
        QTest::newRow("remote, no channel binding") << "postgresql://db.example.org/team?sslmode=verify-full"
                                                    << "channel_binding=require"
                                                    << "";
        QTest::newRow("private address") << "host=10.1.2.3 sslmode=verify-full"
                                         << "channel_binding=require"
                                         << "";
        QTest::newRow("one of two hosts remote") << "host=/tmp/pg,db.example.org dbname=team"
                                                 << "sslmode=verify-full"
                                                 << "";
        QTest::newRow("hostaddr remote") << "host=localhost hostaddr=192.0.2.7 dbname=team"
                                         << "sslmode=verify-full"
                                         << "";
        // Anyone on this machine can listen on a free loopback port and ask
        // for the password in clear text: loopback is TCP like any other.
        QTest::newRow("localhost uri") << "postgresql://localhost:5433/onramp"
                                       << "sslmode=verify-full"
                                       << "";
        QTest::newRow("loopback v4") << "host=127.0.0.1 dbname=team"
                                     << "sslmode=verify-full"
                                     << "";
        QTest::newRow("loopback v6") << "postgresql://[::1]/team?sslmode=verify-full"
                                     << "channel_binding=require"
                                     << "";
        QTest::newRow("socket folder with a hostaddr") << "host=/tmp/pg hostaddr=127.0.0.1 dbname=team"
                                                       << "sslmode=verify-full"
                                                       << "";
        QTest::newRow("not an address") << "this is not = a = string"
                                        << "not a libpq connection string"
                                        << "";
        QTest::newRow("malformed with password") << "postgresql://ada:hunter2@localhost/team?bogus=1"
                                                 << "not a libpq connection string"
                                                 << "hunter2";
        QTest::newRow("empty") << "  "
                               << "empty"
                               << "";
    }
    void refused()
    {
        QFETCH(QString, url);
        QFETCH(QString, says);
        QFETCH(QString, secret);
        ServerAddress address;
        const Error error = ServerAddress::parse(url, &address);
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(says), qPrintable(error.message));
        if (!secret.isEmpty())
            QVERIFY2(!error.message.contains(secret), qPrintable(error.message));
    }

    // A provisioning connection names one server, the same on every desk:
    // every login is then ended where it was made.
    void aProvisioningAddressNamesOneServer_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("says"); // empty: accepted
        QTest::newRow("socket folder and port") << "host=/tmp/pg port=5433 dbname=x" << QString();
        QTest::newRow("socket folder, default port") << "host=/tmp/pg dbname=x" << QString();
        QTest::newRow("two hosts") << "host=/tmp/pg,/tmp/other dbname=x"
                                   << "more than one server";
        QTest::newRow("one host twice") << "host=/tmp/pg,/tmp/pg dbname=x"
                                        << "more than one server";
        QTest::newRow("two ports") << "host=/tmp/pg port=5432,5433 dbname=x"
                                   << "more than one server";
        QTest::newRow("a service") << "host=/tmp/pg service=live dbname=x"
                                   << "the service 'live'";
        QTest::newRow("no host") << "port=5432 dbname=x"
                                 << "names no host";
    }

    void aProvisioningAddressNamesOneServer()
    {
        QFETCH(QString, url);
        QFETCH(QString, says);
        ServerAddress address;
        const Error parsed = ServerAddress::parse(url, &address);
        QVERIFY2(!parsed, qPrintable(parsed.message));
        const Error error = address.requireOneServer();
        if (says.isEmpty()) {
            QVERIFY2(!error, qPrintable(error.message));
            return;
        }
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(says), qPrintable(error.message));
    }

    // A socket folder is a path: its case tells two servers apart. A host
    // name's case does not.
    void endpointsKeepTheCaseOfASocketFolder()
    {
        ServerAddress lower;
        ServerAddress upper;
        QVERIFY(!ServerAddress::parse(QStringLiteral("host=/tmp/pg dbname=x"), &lower));
        QVERIFY(!ServerAddress::parse(QStringLiteral("host=/tmp/PG dbname=x"), &upper));
        QCOMPARE(lower.endpoints(), QStringList{QStringLiteral("/tmp/pg:5432")});
        QCOMPARE(upper.endpoints(), QStringList{QStringLiteral("/tmp/PG:5432")});
        ServerAddress name;
        QVERIFY(!ServerAddress::parse(
            QStringLiteral("host=DB.Example.org sslmode=verify-full channel_binding=require dbname=x"), &name));
        QCOMPARE(name.endpoints(), QStringList{QStringLiteral("db.example.org:5432")});
    }

    // libpq connects to hostaddr when given: the name shown says so.
    void theNameShownIncludesTheAddressConnectedTo()
    {
        ServerAddress address;
        QVERIFY(!ServerAddress::parse(QStringLiteral("host=sbx.example.com hostaddr=10.1.2.3 port=5433 "
                                                     "sslmode=verify-full channel_binding=require dbname=x"),
                                      &address));
        QCOMPARE(address.displayName(), QStringLiteral("sbx.example.com (10.1.2.3):5433/x"));
        QVERIFY(!ServerAddress::parse(QStringLiteral("host=/tmp/pg dbname=x"), &address));
        QCOMPARE(address.displayName(), QStringLiteral("/tmp/pg:5432/x"));
    }

    // PGHOST and PGSSLMODE would otherwise send a "local" address to a
    // remote host without TLS.
    void environmentCannotWeakenTheAddress()
    {
        qputenv("PGHOST", "db.example.org");
        qputenv("PGSSLMODE", "disable");
        ServerAddress address;
        const Error error = ServerAddress::parse(QStringLiteral("dbname=team"), &address);
        qunsetenv("PGHOST");
        qunsetenv("PGSSLMODE");
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("db.example.org")), qPrintable(error.message));
    }

    // A provisioning connection is the server it names on every desktop: a
    // desk's PGHOST, PGHOSTADDR or PGPORT neither supplies a missing host
    // (it is refused, as without them) nor moves the port off 5432.
    void theEnvironmentPicksNoProvisioningServer()
    {
        qputenv("PGHOST", "sbx.internal");
        qputenv("PGHOSTADDR", "10.20.30.40");
        qputenv("PGPORT", "55433");
        ServerAddress hostless;
        const Error parsed = ServerAddress::parseProvisioning(
            QStringLiteral("dbname=postgres user=onramp sslmode=verify-full channel_binding=require"), &hostless);
        ServerAddress socket;
        const Error socketParsed = ServerAddress::parseProvisioning(QStringLiteral("host=/tmp/pg dbname=x"), &socket);
        qunsetenv("PGHOST");
        qunsetenv("PGHOSTADDR");
        ServerAddress team;
        const Error teamParsed = ServerAddress::parse(QStringLiteral("host=/tmp/pg dbname=x"), &team);
        qunsetenv("PGPORT");
        QVERIFY2(!parsed, qPrintable(parsed.message));
        const Error refused = hostless.requireOneServer();
        QCOMPARE(refused.kind, ErrorKind::InvalidInput);
        QVERIFY2(refused.message.contains(QLatin1String("names no host")), qPrintable(refused.message));
        QVERIFY2(!socketParsed, qPrintable(socketParsed.message));
        QCOMPARE(socket.endpoints(), QStringList{QStringLiteral("/tmp/pg:5432")});
        QVERIFY(!socket.requireOneServer());
        // A team server's address still takes what the desk's libpq would.
        QVERIFY2(!teamParsed, qPrintable(teamParsed.message));
        QCOMPARE(team.endpoints(), QStringList{QStringLiteral("/tmp/pg:55433")});
    }
};

QTEST_GUILESS_MAIN(TestServerAddress)
#include "TestServerAddress.moc"
