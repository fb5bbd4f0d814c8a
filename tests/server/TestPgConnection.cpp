#include "PgConnection.h"
#include "PgTestCluster.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <libpq-fe.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;

namespace {

const QString kDatabase = QStringLiteral("onramp_conn");
const QString kUser = QStringLiteral("onramp_conn_user");
const QByteArray kPassword = "right horse battery";

/// A server of someone else's making on a Unix socket, as a hire could leave
/// one in a shared socket folder: it answers any sign-in with a request for
/// the password in clear text and keeps what it is sent.
class FakeSocketServer
{
public:
    explicit FakeSocketServer(const QString& folder)
    {
        const QByteArray path = QFile::encodeName(folder + QStringLiteral("/.s.PGSQL.5432"));
        m_listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || ::listen(m_listener, 1) != 0)
            return;
        m_thread = std::thread([this] { serve(); });
    }
    ~FakeSocketServer()
    {
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listener);
    }
    bool listening() const { return m_thread.joinable(); }
    /// Everything the client sent, once it hung up (or after 10 s).
    QByteArray received()
    {
        if (m_thread.joinable())
            m_thread.join();
        return m_received;
    }

private:
    bool readSome(int fd)
    {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 10000) != 1)
            return false;
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            return false;
        m_received.append(buffer, n);
        return true;
    }
    void serve()
    {
        pollfd ready{m_listener, POLLIN, 0};
        if (::poll(&ready, 1, 10000) != 1)
            return;
        const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (readSome(fd)) {
            // AuthenticationCleartextPassword: 'R', length 8, code 3.
            static const char cleartext[] = {'R', 0, 0, 0, 8, 0, 0, 0, 3};
            if (::write(fd, cleartext, sizeof cleartext) == ssize_t(sizeof cleartext))
                while (readSome(fd)) {}
        }
        ::close(fd);
    }

    int m_listener = -1;
    std::thread m_thread;
    QByteArray m_received;
};

} // namespace

/// The libpq wrapper against the fixture's real PostgreSQL 15: parameters,
/// transactions, and each failure's kind and message.
class TestPgConnection : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_super;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run this test through ctest");
        Error error = pgRecreateDatabase(kDatabase);
        QVERIFY2(!error, qPrintable(error.message));
        error = pgConnectSuper(kDatabase, &m_super);
        QVERIFY2(!error, qPrintable(error.message));
        QString verifier;
        error = m_super->scramVerifier(kUser, SecureBytes::copyOf(kPassword), &verifier);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY2(verifier.startsWith(QLatin1String("SCRAM-SHA-256$")), qPrintable(verifier));
        QVERIFY(!verifier.contains(QString::fromLatin1(kPassword)));
        // CREATE ROLE takes no parameters: the name and the verifier reach it as
        // settings passed as parameters, quoted by format().
        QVERIFY(!m_super->execute(QStringLiteral("DROP ROLE IF EXISTS onramp_conn_user")));
        QVERIFY(!m_super->execute(
            QStringLiteral("SELECT set_config('onramp.user', $1, false), set_config('onramp.verifier', $2, false)"),
            {kUser, verifier}));
        error = m_super->execute(
            QStringLiteral("DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', "
                           "current_setting('onramp.user'), current_setting('onramp.verifier')); END $$"));
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!m_super->execute(QStringLiteral("CREATE TABLE notes (id bigint PRIMARY KEY, body text, blob bytea)")));
        QVERIFY(!m_super->execute(QStringLiteral("CREATE TABLE private (secret text)")));
        QVERIFY(!m_super->execute(QStringLiteral("GRANT SELECT, INSERT ON notes TO onramp_conn_user")));
    }

    void valuesGoAsParametersAndComeBackTyped()
    {
        QList<QVariantList> rows;
        const QByteArray blob("\x00\x01\xff'\\x", 6);
        const Error error = m_super->execute(
            QStringLiteral("SELECT $1::int8, $2::text, $3::bytea, $4::bool, $5::text, $6::float8, $7::int4"),
            {qint64(1) << 40, QStringLiteral("Zoë's \"note\""), blob, true, QVariant(), 2.5, 7}, &rows);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(rows.size(), 1);
        const QVariantList row = rows.first();
        QCOMPARE(row.at(0), QVariant(qint64(1) << 40));
        QCOMPARE(row.at(1).toString(), QStringLiteral("Zoë's \"note\""));
        QCOMPARE(row.at(2).toByteArray(), blob);
        QCOMPARE(row.at(3), QVariant(true));
        QVERIFY(row.at(4).isNull());
        QCOMPARE(row.at(5).toDouble(), 2.5);
        QCOMPARE(row.at(6), QVariant(qint64(7)));
    }

    void aValueThatLooksLikeSqlStaysAValue()
    {
        const QString hostile = QStringLiteral("x'); DROP TABLE notes; --");
        QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"), {100, hostile}));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT body FROM notes WHERE id = $1"), {100}).toString(), hostile);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes")).toLongLong(), 1);
    }

    void aFailedStatementRollsTheTransactionBack()
    {
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!transaction.beginError());
            QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                      {1, QStringLiteral("first")}));
            const Error failed = m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                                  {1, QStringLiteral("again")});
            QCOMPARE(failed.kind, ErrorKind::InvalidInput);
            QVERIFY2(failed.message.contains(m_super->serverName()), qPrintable(failed.message));
            const Error committed = transaction.commit();
            QVERIFY(committed);
            QVERIFY2(committed.message.contains(m_super->serverName()), qPrintable(committed.message));
        }
        QVERIFY(!m_super->inTransaction());
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes WHERE id = 1")).toLongLong(), 0);
    }

    void aTransactionNotCommittedIsRolledBack()
    {
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                      {2, QStringLiteral("kept?")}));
        }
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes WHERE id = 2")).toLongLong(), 0);
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                      {3, QStringLiteral("kept")}));
            QVERIFY(!transaction.commit());
        }
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes WHERE id = 3")).toLongLong(), 1);
    }

    // The last statement and COMMIT go in one round trip.
    void commitAfterKeepsBothOrNothing()
    {
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                      {10, QStringLiteral("ten")}));
            QList<QVariantList> rows;
            const Error error =
                transaction.commitAfter(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2) RETURNING id"),
                                        {11, QStringLiteral("eleven")}, &rows);
            QVERIFY2(!error, qPrintable(error.message));
            QCOMPARE(rows, QList<QVariantList>({{qint64(11)}}));
        }
        QVERIFY(!m_super->inTransaction());
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes WHERE id IN (10, 11)")).toLongLong(), 2);
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                      {12, QStringLiteral("twelve")}));
            // 11 is taken: the statement fails, and the COMMIT after it with it.
            const Error error = transaction.commitAfter(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                                        {11, QStringLiteral("again")});
            QCOMPARE(error.kind, ErrorKind::InvalidInput);
            QVERIFY2(error.message.contains(m_super->serverName()), qPrintable(error.message));
        }
        QVERIFY(!m_super->inTransaction());
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes WHERE id = 12")).toLongLong(), 0);
        // The connection is back out of pipeline mode and works as before.
        QCOMPARE(PQpipelineStatus(m_super->handle()), PQ_PIPELINE_OFF);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT $1::int8 + 1"), {41}), QVariant(qint64(42)));
    }

    // A socket this desktop did not get from the server's own user is
    // refused before a byte is sent: the fake, run as this test's user (not
    // postgres), never sees the sign-in. The control row, an address that
    // names the fake's user as the server's, shows what it would otherwise
    // have been sent: the password, in clear text.
    void aSocketOfSomeoneElsesServerGetsNoPassword_data()
    {
        QTest::addColumn<bool>("namesFakesUser");
        QTest::newRow("the policy's peer") << false;
        QTest::newRow("control: the fake's own user named") << true;
    }
    void aSocketOfSomeoneElsesServerGetsNoPassword()
    {
        QFETCH(bool, namesFakesUser);
        QTemporaryDir folder(QStringLiteral("/tmp/onramp-fake-XXXXXX"));
        QVERIFY(folder.isValid());
        FakeSocketServer fake(folder.path());
        QVERIFY(fake.listening());
        QString url = QStringLiteral("host=%1 dbname=team connect_timeout=10").arg(folder.path());
        if (namesFakesUser)
            url += QStringLiteral(" requirepeer=") + QString::fromLocal8Bit(::getpwuid(::geteuid())->pw_name);
        ServerAddress address;
        QVERIFY(!ServerAddress::parse(url, &address));
        std::unique_ptr<PgConnection> connection;
        const Error error = PgConnection::connect(address, kUser, SecureBytes::copyOf(kPassword), &connection);
        QVERIFY(error);
        QVERIFY(!connection);
        QVERIFY2(!error.message.contains(QString::fromLatin1(kPassword)), qPrintable(error.message));
        const QByteArray sent = fake.received();
        if (namesFakesUser) {
            QVERIFY2(sent.contains(kPassword), sent.toHex().constData());
        } else {
            QVERIFY2(sent.isEmpty(), sent.toHex().constData());
            QVERIFY2(error.message.contains(QStringLiteral("requirepeer")), qPrintable(error.message));
        }
    }

    void anUnreachableServerIsNamedWithExitOne_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("named");
        QTest::newRow("no socket there") << "host=/tmp/onramp-no-server-here port=5432 dbname=team"
                                         << "/tmp/onramp-no-server-here:5432/team";
        // Port 1 on loopback: nothing listens there, the refusal is immediate.
        QTest::newRow("closed port")
            << "host=127.0.0.1 port=1 dbname=team sslmode=verify-full channel_binding=require connect_timeout=5"
            << "127.0.0.1:1/team";
    }
    void anUnreachableServerIsNamedWithExitOne()
    {
        QFETCH(QString, url);
        QFETCH(QString, named);
        ServerAddress address;
        QVERIFY(!ServerAddress::parse(url, &address));
        std::unique_ptr<PgConnection> connection;
        const Error error = PgConnection::connect(address, kUser, SecureBytes::copyOf(kPassword), &connection);
        QCOMPARE(error.kind, ErrorKind::Io);
        QCOMPARE(exitCodeFor(error.kind), 1);
        QVERIFY2(error.message.contains(named), qPrintable(error.message));
        QVERIFY2(!error.message.contains(QString::fromLatin1(kPassword)), qPrintable(error.message));
        QVERIFY(!connection);
    }

    void aWrongPasswordIsExitThree_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("wrong password") << kUser << QByteArray("wrong horse battery");
        QTest::newRow("unknown person") << QStringLiteral("onramp_nobody") << kPassword;
        // Not "no password": libpq would then read PGPASSWORD or ~/.pgpass.
        QTest::newRow("empty password") << kUser << QByteArray();
    }
    void aWrongPasswordIsExitThree()
    {
        QFETCH(QString, user);
        QFETCH(QByteArray, password);
        qputenv("PGPASSWORD", kPassword);
        std::unique_ptr<PgConnection> connection;
        const Error error =
            PgConnection::connect(pgAddress(kDatabase), user, SecureBytes::copyOf(password), &connection);
        QCOMPARE(error.kind, ErrorKind::Auth);
        QCOMPARE(exitCodeFor(error.kind), 3);
        QVERIFY2(error.message.contains(pgSocketDir() + QStringLiteral(":5432/") + kDatabase),
                 qPrintable(error.message));
        if (!password.isEmpty())
            QVERIFY2(!error.message.contains(QString::fromLatin1(password)), qPrintable(error.message));
        QVERIFY(!connection);
        qunsetenv("PGPASSWORD");
    }

    void theRightPasswordSignsIn()
    {
        std::unique_ptr<PgConnection> connection;
        const Error error =
            PgConnection::connect(pgAddress(kDatabase), kUser, SecureBytes::copyOf(kPassword), &connection);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(connection->scalar(QStringLiteral("SELECT current_user")).toString(), kUser);
        QVERIFY(PQconnectionUsedPassword(connection->handle()));
    }

    void aMissingPrivilegeIsExitFour()
    {
        std::unique_ptr<PgConnection> connection;
        QVERIFY(!PgConnection::connect(pgAddress(kDatabase), kUser, SecureBytes::copyOf(kPassword), &connection));
        QVERIFY(!connection->execute(QStringLiteral("SELECT count(*) FROM notes")));
        const Error read = connection->execute(QStringLiteral("SELECT secret FROM private"));
        QCOMPARE(read.kind, ErrorKind::NotPermitted);
        QCOMPARE(exitCodeFor(read.kind), 4);
        QVERIFY2(read.message.contains(connection->serverName()), qPrintable(read.message));
        const Error write = connection->execute(QStringLiteral("DELETE FROM notes"));
        QCOMPARE(write.kind, ErrorKind::NotPermitted);
    }

    // The server ends the session mid-transaction: the error names the
    // server, exits 1, and nothing of the transaction is kept.
    void aConnectionLostMidTransactionKeepsNothing()
    {
        std::unique_ptr<PgConnection> connection;
        QVERIFY(!PgConnection::connect(pgAddress(kDatabase), kUser, SecureBytes::copyOf(kPassword), &connection));
        const qint64 pid = connection->scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
        PgConnection::Transaction transaction(*connection);
        QVERIFY(!connection->execute(QStringLiteral("INSERT INTO notes (id, body) VALUES ($1, $2)"),
                                     {50, QStringLiteral("half")}));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT pg_terminate_backend($1::int)"), {pid}), QVariant(true));
        // pg_terminate_backend returns before the backend is gone.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_super->scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int"), {pid})
                .toLongLong(),
            0, 10000);
        const Error error = transaction.commit();
        QCOMPARE(error.kind, ErrorKind::Io);
        QCOMPARE(exitCodeFor(error.kind), 1);
        QVERIFY2(error.message.contains(connection->serverName()), qPrintable(error.message));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM notes WHERE id = 50")).toLongLong(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "TestPgConnection.moc"
