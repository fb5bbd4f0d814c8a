// A drop at a credential's source that is pending is tried again before
// every act that loads a provider, not only before `cred revoke`, `cred
// renew` and `signoff` on the command line: before `onramp enroll`, and
// before the app's own enroll, sign-off, revoke and renew (its backends on a
// real Session), against a real PostgreSQL 15 (the ctest fixture's cluster).
// Each drop is made pending the way a hire can: their production login owns
// a default privilege in another database, so drop_login cannot finish it;
// the superuser then removes that, and the next act must finish the drop.
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "PostgresqlProvider.h"
#include "PostgresqlProviderTest.h"
#include "VaultTestUtil.h"

#include "AdminBackend.h"
#include "CredentialsBackend.h"
#include "EnrollmentBackend.h"
#include "Session.h"

#include "people/People.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace onramp::ui;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_pendretry");
const QByteArray kProvisionerPassword = "the provisioner's password for the retries";

const QByteArray kChecklist = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: retry
  title: Drops tried again
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [retry_reader]}
    ttl: 8h
)";

// Login names start with the hire's: "r_" keeps them this test's own.
const QStringList kHires = {QStringLiteral("r_ann"), QStringLiteral("r_bob"), QStringLiteral("r_cai"),
                            QStringLiteral("r_dee"), QStringLiteral("r_eve"), QStringLiteral("r_fay"),
                            QStringLiteral("r_gus"), QStringLiteral("r_hop"), QStringLiteral("r_ivy"),
                            QStringLiteral("r_jon")};

} // namespace

class TestPendingRetries : public PostgresqlCliTest
{
    Q_OBJECT

    std::unique_ptr<PgConnection> m_super;

    RunResult hire(const QString& name, const QStringList& args) { return as(name, kHirePassphrase, args); }

    bool enrolled(const QString& name)
    {
        const RunResult r = admin({"enroll", name, "--checklist", "retry", "--mentor", "max"});
        if (r.code != 0)
            qWarning().noquote() << r.out << r.err;
        return r.code == 0;
    }

    /// \a name enrolled, their step done, signed off on the command line.
    bool signedOff(const QString& name)
    {
        if (!enrolled(name))
            return false;
        for (const RunResult& r : {hire(name, {"step", "done", name, "handbook"}), mentor({"signoff", name})})
            if (r.code != 0) {
                qWarning().noquote() << r.out << r.err;
                return false;
            }
        return true;
    }

    bool loginExists(const QString& login)
    {
        return m_super->scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = $1"), {login}).toLongLong()
            > 0;
    }

    /// \a name signed off and revoked with a drop the server could not
    /// finish, then freed by the superuser, so that the next try succeeds:
    /// the login that is still to be dropped.
    QString pendingDropOf(const QString& name)
    {
        if (!signedOff(name))
            return {};
        const RunResult shown = hire(name, {"cred", "show", "live-pg", "--json"});
        const QJsonObject live = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        const QString login = live.value(QStringLiteral("fields")).toObject().value(QStringLiteral("user")).toString();
        {
            std::unique_ptr<PgConnection> elsewhere;
            if (Error e = pgConnectAs(live, &elsewhere, QStringLiteral("postgres"))) {
                qWarning().noquote() << e.message;
                return {};
            }
            if (elsewhere->execute(QStringLiteral("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO public")))
                return {};
        }
        const RunResult revoked = mentor({"cred", "revoke", name, "live-pg"});
        if (revoked.code != 0 || !revoked.out.contains(QStringLiteral("pending")) || !loginExists(login)) {
            qWarning().noquote() << "not pending:" << revoked.out << revoked.err;
            return {};
        }
        std::unique_ptr<PgConnection> inPostgres;
        if (pgConnectSuper(QStringLiteral("postgres"), &inPostgres)
            || inPostgres->execute(QStringLiteral("DROP OWNED BY %1").arg(login)))
            return {};
        return login;
    }

    /// Signs the app's session in as \a name.
    static bool signedInAs(const QString& name, const QByteArray& passphrase)
    {
        Session::instance()->lock();
        const Error e = Session::instance()->unlockNow(name, passphrase);
        if (e)
            qWarning().noquote() << e.message;
        return !e;
    }

    /// Waits for \a backend's act to end: its error, or empty when done.
    static QString outcome(QObject* backend, const std::function<void()>& act)
    {
        QSignalSpy done(backend, SIGNAL(done(QString)));
        QSignalSpy failed(backend, SIGNAL(error(QString)));
        act();
        if (!QTest::qWaitFor([&] { return done.count() + failed.count() > 0; }, 60000))
            return QStringLiteral("(no answer)");
        return failed.isEmpty() ? QString() : failed.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!pgDropLogins(QStringLiteral("^onramp_r_")));
        const Error provisioned =
            pgProvisionedDatabase(kDatabase, kProvisionerPassword, {QStringLiteral("retry_reader")}, &m_super);
        QVERIFY2(!provisioned, qPrintable(provisioned.message));
        QVERIFY(!m_super->executeScript(QStringLiteral("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1);"
                                                       "GRANT SELECT ON orders TO retry_reader;")));
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        {
            std::unique_ptr<Vault> vault = makeVault(m_vault);
            QVERIFY(vault);
            for (const QString& name : kHires)
                QVERIFY(!People(*vault).add(name, name, Role::Hire, QByteArrayView(kHirePassphrase)));
        }
        const RunResult set = setConnection(QStringLiteral("live"), provisionerDsn(kDatabase), kProvisionerPassword);
        QVERIFY2(set.code == 0, qPrintable(set.err));
        const RunResult r = admin({"checklist", "import", write(QStringLiteral("checklist.yaml"), kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        // The app's session, in this process: the provider linked in, not loaded as a module.
        providers::registerPostgresqlProvider();
        Session::instance()->setVaultPath(m_vault);
    }

    void cleanupTestCase()
    {
        Session::instance()->lock();
        m_super.reset();
        if (const Error e = pgDropLogins(QStringLiteral("^onramp_r_")))
            qWarning().noquote() << "cannot drop this test's logins:" << e.message;
    }

    void enrollOnTheCommandLineRetriesFirst()
    {
        const QString login = pendingDropOf(QStringLiteral("r_ann"));
        QVERIFY(!login.isEmpty());
        QVERIFY(loginExists(login));
        const RunResult r = admin({"enroll", "r_bob", "--checklist", "retry", "--mentor", "max"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Dropped at its source, pending until now: r_ann's live-pg")),
                 qPrintable(r.out));
        QVERIFY(!loginExists(login));
    }

    void theAppsEnrollRetriesFirst()
    {
        const QString login = pendingDropOf(QStringLiteral("r_cai"));
        QVERIFY(!login.isEmpty());
        QVERIFY(signedInAs(QStringLiteral("ada"), kAdminPassphrase));
        AdminBackend backend;
        const QString error = outcome(&backend, [&] {
            backend.enroll(QStringLiteral("r_dee"), QStringLiteral("retry"), QStringLiteral("max"), QString());
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!loginExists(login));
    }

    void theAppsSignoffRetriesFirst()
    {
        // Ready for her sign-off before the drop is made pending: the
        // commands' own retries must not finish it first.
        QVERIFY(enrolled(QStringLiteral("r_fay")));
        QCOMPARE(hire(QStringLiteral("r_fay"), {"step", "done", "r_fay", "handbook"}).code, 0);
        const QString login = pendingDropOf(QStringLiteral("r_eve"));
        QVERIFY(!login.isEmpty());
        QVERIFY(signedInAs(QStringLiteral("max"), kMentorPassphrase));
        EnrollmentBackend backend;
        backend.setHire(QStringLiteral("r_fay"));
        QTRY_VERIFY_WITH_TIMEOUT(backend.enrolled() && backend.hireName() == QLatin1String("r_fay"), 30000);
        QVERIFY(loginExists(login));
        const QString error = outcome(&backend, [&] { backend.signOff(QString::fromUtf8(kMentorPassphrase)); });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!loginExists(login));
    }

    void theAppsRevokeAndRenewRetryFirst()
    {
        QVERIFY(signedOff(QStringLiteral("r_gus")));
        QVERIFY(signedOff(QStringLiteral("r_jon")));
        for (const bool renew : {false, true}) {
            const QString login = pendingDropOf(renew ? QStringLiteral("r_ivy") : QStringLiteral("r_hop"));
            QVERIFY(!login.isEmpty());
            QVERIFY(signedInAs(QStringLiteral("max"), kMentorPassphrase));
            CredentialsBackend backend;
            const QString error = outcome(&backend, [&] {
                if (renew)
                    backend.renew(QStringLiteral("r_jon"), QStringLiteral("live-pg"), QString(), QString());
                else
                    backend.revoke(QStringLiteral("r_gus"), QStringLiteral("live-pg"), QString(), QString());
            });
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(!loginExists(login), renew ? "renew" : "revoke");
        }
        QVERIFY(!m_output.contains(QString::fromUtf8(kProvisionerPassword)));
    }
};

QTEST_MAIN(TestPendingRetries)
#include "TestPendingRetries.moc"
