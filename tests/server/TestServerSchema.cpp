#include "LoginDerivation.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerSchema.h"
#include "TeamAccess.h"
#include "TeamSetup.h"
#include "TeamTestFixture.h"

#include "Crypto.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sodium.h>

#include <thread>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;

namespace {

const QString kDatabase = QStringLiteral("onramp_rules");
const QString kTeam = QStringLiteral("rules-test-team");
const QStringList kPeople = {QStringLiteral("ada"), QStringLiteral("mira"), QStringLiteral("otto"),
                             QStringLiteral("hana"), QStringLiteral("omar")};

QByteArray passphraseOf(const QString& name)
{
    return name.toUtf8() + " has a long passphrase";
}

QByteArray publicKeyOf(const QString& name)
{
    return QByteArray(32, name.at(0).toLatin1());
}

// An append at the chain's head as it stands: the server cannot check a
// signature, so a test's stand-in need not cover the place it takes.
const QString kAppendAtHead = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, "
                                             "(SELECT seq + 1 FROM onramp.audit_head), "
                                             "(SELECT hash FROM onramp.audit_head))");

QString psqlProgram()
{
    const QString bundled = QStringLiteral("/usr/lib/postgresql/15/bin/psql");
    return QFile::exists(bundled) ? bundled : QStandardPaths::findExecutable(QStringLiteral("psql"));
}

} // namespace

/// The server's schema v1 on a real PostgreSQL 15: its migration, and the
/// rules of docs/SECURITY.md enforced by the server itself (privileges,
/// row-level security, SECURITY DEFINER functions) for a hire's and a
/// mentor's login roles, whose passwords come from the login derivation.
class TestServerSchema : public QObject
{
    Q_OBJECT

    QTemporaryDir m_trust;
    std::unique_ptr<PgConnection> m_super;
    std::map<QString, ServerLogin> m_logins;
    qint64 m_hanaEnrollment = 0;
    qint64 m_omarEnrollment = 0;

    Error connectAs(const QString& name, std::unique_ptr<PgConnection>* out)
    {
        return PgConnection::connect(pgAddress(kDatabase), QStringLiteral("onramp_p_") + name,
                                     m_logins[name].scramPassword, out);
    }

    /// Runs \a sql as one of \a by's acts together with the entry the server
    /// requires of a change to who is who (schema 3), naming \a name. The
    /// server cannot check an Ed25519 signature (clients do), so any 64
    /// bytes stand in for it here.
    static Error actWithEntry(PgConnection& by, const QString& action, const QString& name, const QString& sql,
                              const QVariantList& params, const QByteArray& publicKey = {})
    {
        PgConnection::Transaction transaction(by);
        if (transaction.beginError())
            return transaction.beginError();
        if (Error error = by.execute(sql, params))
            return error;
        QJsonObject details{{QStringLiteral("name"), name}};
        if (!publicKey.isEmpty())
            details.insert(QStringLiteral("public_key"), QString::fromLatin1(publicKey.toBase64()));
        return transaction.commitAfter(
            kAppendAtHead, {action, QJsonDocument(details).toJson(QJsonDocument::Compact), QByteArray(64, '\0')});
    }

    Error addPerson(PgConnection& by, const QString& name, const QString& role)
    {
        QString verifier;
        if (Error error = by.scramVerifier(QStringLiteral("onramp_p_") + name, m_logins[name].scramPassword, &verifier))
            return error;
        const QString add = QStringLiteral("SELECT onramp.add_person($1, $2, $3, $4, $5, $6)");
        const QVariantList params{
            name, role, name.toUpper(), publicKeyOf(name), verifier, QByteArray("slot of " + name.toUtf8())};
        // The setup role adds the first admin, before any entry can exist.
        if (&by == m_super.get())
            return by.execute(add, params);
        return actWithEntry(by, QStringLiteral("person.add"), name, add, params);
    }

    /// Marks \a name's slot as a handed-over passphrase or not, past the
    /// server's triggers (what the database administrator can do): these
    /// tests stand in for the person's own choice that clears the mark.
    Error markHandedOver(const QString& name, bool handedOver)
    {
        return pastTriggers(*m_super, QStringLiteral("UPDATE onramp.key_slots SET handed_over = $2 WHERE name = $1"),
                            {name, handedOver});
    }

    // Runs tests/server/sql/SCRIPT with psql as NAME; returns pgTAP's output.
    QString runTap(const QString& script, const QString& name)
    {
        // pgTAP keeps its plan in temporary tables, which schema 13 takes
        // from PUBLIC in the team's database: this login may, for the script.
        const QString temporary = QStringLiteral("%1 TEMPORARY ON DATABASE %2 %3 onramp_p_%4");
        if (Error error =
                m_super->execute(temporary.arg(QStringLiteral("GRANT"), kDatabase, QStringLiteral("TO"), name)))
            return error.message;
        const auto revoke = qScopeGuard([&] {
            m_super->execute(temporary.arg(QStringLiteral("REVOKE"), kDatabase, QStringLiteral("FROM"), name));
        });
        QProcess psql;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(m_logins[name].scramPassword.view()));
        psql.setProcessEnvironment(environment);
        psql.setProcessChannelMode(QProcess::MergedChannels);
        psql.start(psqlProgram(),
                   {QStringLiteral("-X"), QStringLiteral("-q"),
                    QStringLiteral("-A"), QStringLiteral("-t"),
                    QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                    QStringLiteral("-v"), QStringLiteral("hana=%1").arg(m_hanaEnrollment),
                    QStringLiteral("-v"), QStringLiteral("omar=%1").arg(m_omarEnrollment),
                    QStringLiteral("-h"), pgSocketDir(),
                    QStringLiteral("-p"), QStringLiteral("5432"),
                    QStringLiteral("-U"), QStringLiteral("onramp_p_") + name,
                    QStringLiteral("-d"), kDatabase,
                    QStringLiteral("-f"), qEnvironmentVariable("ONRAMP_TEST_PG_SQL") + QLatin1Char('/') + script});
        if (!psql.waitForFinished(60000))
            return QStringLiteral("psql did not finish");
        const QString output = QString::fromUtf8(psql.readAll());
        if (psql.exitStatus() != QProcess::NormalExit || psql.exitCode() != 0)
            return QStringLiteral("psql failed (%1):\n%2").arg(psql.exitCode()).arg(output);
        return output;
    }

    static void verifyTap(const QString& output)
    {
        const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        int planned = -1;
        int passed = 0;
        QStringList failed;
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1String("1..")))
                planned = line.mid(3).toInt();
            else if (line.startsWith(QLatin1String("ok ")))
                ++passed;
            else if (line.startsWith(QLatin1String("not ok")))
                failed << line;
        }
        QVERIFY2(failed.isEmpty(), qPrintable(output));
        QVERIFY2(planned > 0 && passed == planned, qPrintable(output));
    }

    /// Two migrations of \a database at once, each on a connection of its
    /// own: \a blocker (the superuser, in an open transaction) holds what
    /// both must pass, until both wait on a lock; then it lets go and both
    /// run on. Their errors in \a first and \a second.
    void raceTwoMigrations(const QString& database, PgConnection& blocker, Error* first, Error* second)
    {
        std::unique_ptr<PgConnection> a;
        std::unique_ptr<PgConnection> b;
        QVERIFY(!pgConnectSuper(database, &a));
        QVERIFY(!pgConnectSuper(database, &b));
        std::thread one([&] { *first = schema::migrate(*a); });
        std::thread two([&] { *second = schema::migrate(*b); });
        // Both wait on a lock: the blocker's, or the one the other migration holds.
        const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 "
                                               "AND wait_event_type = 'Lock' AND pid <> $2");
        const qint64 blockerPid = blocker.scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
        bool bothWaited = false;
        for (int i = 0; i < 600 && !bothWaited; ++i) {
            bothWaited = m_super->scalar(waiting, {database, blockerPid}).toLongLong() == 2;
            if (!bothWaited)
                QThread::msleep(100);
        }
        // Let go and wait for both also when they never met, so no thread outlives the test.
        const Error released = blocker.execute(QStringLiteral("ROLLBACK"));
        one.join();
        two.join();
        QVERIFY(bothWaited);
        QVERIFY2(!released, qPrintable(released.message));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run this test through ctest");
        // Signing in pins the team on this desk: in a folder of this test's own.
        QVERIFY(m_trust.isValid());
        qputenv("ONRAMP_TRUST_DIR", m_trust.path().toLocal8Bit());
        qputenv("ONRAMP_TEST_KDF", "fast");
        QVERIFY2(!psqlProgram().isEmpty(), "psql is missing: install postgresql-15 (tools/setup-debian.sh)");
        std::unique_ptr<PgConnection> postgres;
        Error error = pgConnectSuper(QStringLiteral("postgres"), &postgres);
        QVERIFY2(!error, qPrintable(error.message));
        for (const QString& database : {kDatabase, QStringLiteral("onramp_foreign"), QStringLiteral("onramp_newer"),
                                        QStringLiteral("onramp_setup"), QStringLiteral("onramp_v3"),
                                        QStringLiteral("onramp_race_empty"), QStringLiteral("onramp_race_older")})
            QVERIFY(!postgres->execute(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(database)));
        // Login roles are the cluster's: a run before this one may have left them.
        for (const QString& name : kPeople + QStringList{QStringLiteral("ines"), QStringLiteral("ivan")})
            QVERIFY(!postgres->execute(QStringLiteral("DROP ROLE IF EXISTS \"onramp_p_%1\"").arg(name)));
        error = pgRecreateDatabase(kDatabase);
        QVERIFY2(!error, qPrintable(error.message));
        error = pgConnectSuper(kDatabase, &m_super);
        QVERIFY2(!error, qPrintable(error.message));
        for (const QString& name : kPeople) {
            error = deriveLogin(passphraseOf(name), kTeam, name, LoginCost::floor(), &m_logins[name]);
            QVERIFY2(!error, qPrintable(error.message));
        }
    }

    void migratesAnEmptyDatabaseOnce()
    {
        int version = -1;
        QVERIFY(!schema::currentVersion(*m_super, &version));
        QCOMPARE(version, 0);
        Error error = schema::migrate(*m_super);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!schema::currentVersion(*m_super, &version));
        QCOMPARE(version, schema::kLatestVersion);
        // Again: nothing to do, nothing changed.
        error = schema::migrate(*m_super);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.schema_version")).toLongLong(),
                 schema::kLatestVersion);
        for (const QString& group :
             {QStringLiteral("onramp_hire"), QStringLiteral("onramp_mentor"), QStringLiteral("onramp_admin")})
            QCOMPARE(m_super->scalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"), {group}),
                     QVariant(false));
        // pgTAP for the rule scripts below; after the migration, which wants an empty database.
        QVERIFY(!m_super->execute(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pgtap")));
    }

    void refusesADatabaseHoldingOtherObjects()
    {
        QVERIFY(!pgRecreateDatabase(QStringLiteral("onramp_foreign")));
        std::unique_ptr<PgConnection> foreign;
        QVERIFY(!pgConnectSuper(QStringLiteral("onramp_foreign"), &foreign));
        QVERIFY(!foreign->execute(QStringLiteral("CREATE TABLE invoices (id int)")));
        const Error error = schema::migrate(*foreign);
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("/onramp_foreign")), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("1 other object")), qPrintable(error.message));
        QVERIFY(foreign->scalar(QStringLiteral("SELECT to_regnamespace('onramp')::text")).isNull());
    }

    void refusesANewerSchema()
    {
        QVERIFY(!pgRecreateDatabase(QStringLiteral("onramp_newer")));
        std::unique_ptr<PgConnection> newer;
        QVERIFY(!pgConnectSuper(QStringLiteral("onramp_newer"), &newer));
        QVERIFY(!schema::migrate(*newer));
        QVERIFY(!newer->execute(QStringLiteral("INSERT INTO onramp.schema_version (version) VALUES ($1)"),
                                {schema::kLatestVersion + 1}));
        const Error error = schema::migrate(*newer);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QLatin1String("Update Onramp")), qPrintable(error.message));
    }

    // onramp team init's work: the schema and the first admin, once.
    void settingUpATeamTwiceChangesNothing()
    {
        QVERIFY(!pgRecreateDatabase(QStringLiteral("onramp_setup")));
        std::unique_ptr<PgConnection> setup;
        QVERIFY(!pgConnectSuper(QStringLiteral("onramp_setup"), &setup));
        ServerLogin login;
        QVERIFY(!deriveLogin("ines' passphrase", kTeam, QStringLiteral("ines"), LoginCost::floor(), &login));
        FirstAdmin ines{QStringLiteral("ines"), QStringLiteral("Ines"), publicKeyOf(QStringLiteral("ines")),
                        QByteArray("slot"), SecureBytes::copyOf(login.scramPassword.view())};
        Error error = setUpTeam(*setup, ines);
        QVERIFY2(!error, qPrintable(error.message));
        error = setUpTeam(*setup, ines);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(setup->scalar(QStringLiteral("SELECT count(*) FROM onramp.people")).toLongLong(), 1);

        FirstAdmin ivan{QStringLiteral("ivan"), QStringLiteral("Ivan"), publicKeyOf(QStringLiteral("ivan")),
                        QByteArray("slot"), SecureBytes::copyOf(login.scramPassword.view())};
        error = setUpTeam(*setup, ivan);
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("/onramp_setup"))
                     && error.message.contains(QLatin1String("ivan")),
                 qPrintable(error.message));
        QVERIFY(setup->scalar(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname = 'onramp_p_ivan'")).isNull());

        // The first admin signs in with what their passphrase derives.
        std::unique_ptr<PgConnection> admin;
        error = PgConnection::connect(pgAddress(QStringLiteral("onramp_setup")), QStringLiteral("onramp_p_ines"),
                                      login.scramPassword, &admin);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(admin->scalar(QStringLiteral("SELECT onramp.current_person()")).toString(), QStringLiteral("ines"));
    }

    void theFirstAdminThenOnlyAdminsAddPeople()
    {
        Error error = addPerson(*m_super, QStringLiteral("ada"), QStringLiteral("admin"));
        QVERIFY2(!error, qPrintable(error.message));
        // Once the team has a person, the setup role is no admin of it.
        error = addPerson(*m_super, QStringLiteral("mira"), QStringLiteral("mentor"));
        QCOMPARE(error.kind, ErrorKind::NotPermitted);

        std::unique_ptr<PgConnection> ada;
        error = connectAs(QStringLiteral("ada"), &ada);
        QVERIFY2(!error, qPrintable(error.message));
        for (const auto& [name, role] : {std::pair{QStringLiteral("mira"), QStringLiteral("mentor")},
                                         std::pair{QStringLiteral("otto"), QStringLiteral("mentor")},
                                         std::pair{QStringLiteral("hana"), QStringLiteral("hire")},
                                         std::pair{QStringLiteral("omar"), QStringLiteral("hire")}}) {
            error = addPerson(*ada, name, role);
            QVERIFY2(!error, qPrintable(error.message));
        }
        // A handed-over passphrase signs nothing but its holder's own
        // passphrase.change (schema 11): whoever else saw it acts in nobody's name.
        std::unique_ptr<PgConnection> handed;
        QVERIFY(!connectAs(QStringLiteral("hana"), &handed));
        QCOMPARE(handed
                     ->execute(kAppendAtHead,
                               {QStringLiteral("step.note"), QByteArray(R"({"name":"hana"})"), QByteArray(64, 'h')})
                     .kind,
                 ErrorKind::NotPermitted);
        handed.reset();
        for (const QString& name :
             {QStringLiteral("mira"), QStringLiteral("otto"), QStringLiteral("hana"), QStringLiteral("omar")})
            QVERIFY(!markHandedOver(name, false));
        // A bad verifier, or a password in clear, never becomes a login.
        error = ada->execute(QStringLiteral("SELECT onramp.add_person($1, 'hire', '', $2, $3, $4)"),
                             {QStringLiteral("eve"), publicKeyOf(QStringLiteral("eve")),
                              QStringLiteral("plain password"), QByteArray("s")});
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY(
            m_super->scalar(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname = 'onramp_p_eve'")).isNull());

        for (const QString& name : kPeople) {
            const QString stored = m_super
                                       ->scalar(QStringLiteral("SELECT rolpassword FROM pg_authid WHERE rolname = $1"),
                                                {QString(QStringLiteral("onramp_p_") + name)})
                                       .toString();
            QVERIFY2(stored.startsWith(QLatin1String("SCRAM-SHA-256$")), qPrintable(name));
            QVERIFY(!stored.contains(QString::fromLatin1(m_logins[name].scramPassword.view())));
        }
        // A person's role has none of the powers that would let it step outside the rules.
        QCOMPARE(m_super
                     ->scalar(QStringLiteral(
                         "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'onramp\\_p\\_%' "
                         "AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication)"))
                     .toLongLong(),
                 0);

        // The admin imports a checklist and enrolls both hires.
        PgConnection::Transaction transaction(*ada);
        QVERIFY(
            !ada->execute(QStringLiteral("INSERT INTO onramp.checklists (id, title) VALUES ('week-one', 'Week one')")));
        QVERIFY(!ada->execute(
            QStringLiteral("INSERT INTO onramp.checklist_versions (checklist_id, version, content, required_steps, "
                           "author, signature) VALUES ('week-one', 1, $1, '{laptop,repo}', 'ada', $2)"),
            {QByteArray("steps: …"), QByteArray(64, 's')}));
        // Schema 6: each row commits only with the admin's entry naming what it holds (the
        // server cannot check the signature; every client does).
        const QByteArray digest =
            QCryptographicHash::hash(QByteArray("steps: …"), QCryptographicHash::Sha256).toBase64();
        const QByteArray imported =
            QByteArray("{\"name\":\"week-one\",\"version\":1,\"title\":\"Week one\",\"digest\":\"") + digest
            + QByteArray("\"}");
        QVERIFY(!ada->execute(kAppendAtHead, {QStringLiteral("checklist.import"), imported, QByteArray(64, 's')}));
        const QString enroll =
            QStringLiteral("INSERT INTO onramp.enrollments (hire, mentor, checklist_id, version, start_date, "
                           "author, signature) VALUES ($1, $2, 'week-one', 1, '2026-12-01', 'ada', $3) RETURNING id");
        m_hanaEnrollment =
            ada->scalar(enroll, {QStringLiteral("hana"), QStringLiteral("mira"), QByteArray(64, 's')}).toLongLong();
        m_omarEnrollment =
            ada->scalar(enroll, {QStringLiteral("omar"), QStringLiteral("otto"), QByteArray(64, 's')}).toLongLong();
        for (const auto& [hire, mentor] : {std::pair{"hana", "mira"}, std::pair{"omar", "otto"}})
            QVERIFY(!ada->execute(
                kAppendAtHead,
                {QStringLiteral("enrollment.create"),
                 QStringLiteral("{\"name\":\"%1\",\"mentor\":\"%2\",\"checklist\":\"week-one\",\"version\":1,"
                                "\"start\":\"%3\"}")
                     .arg(QLatin1String(hire), QLatin1String(mentor), QStringLiteral("2026-12-01"))
                     .toUtf8(),
                 QByteArray(64, 's')}));
        const QString keep =
            QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author, signature) "
                           "VALUES ($1, $2, $3, $4, 'ada', $5)");
        for (const auto& [hire, name, environment] :
             {std::tuple{QStringLiteral("hana"), QStringLiteral("sandbox-db"), QStringLiteral("sandbox")},
              std::tuple{QStringLiteral("omar"), QStringLiteral("sandbox-db"), QStringLiteral("sandbox")},
              std::tuple{QString(), QStringLiteral("prod-db"), QStringLiteral("production")}}) {
            QVERIFY(!ada->execute(keep,
                                  {hire.isNull() ? QVariant() : QVariant(hire), name, environment, QByteArray("box"),
                                   QByteArray(64, 's')}));
            // Schema 10: a kept secret commits only with the admin's entry naming it.
            QJsonObject set{{QStringLiteral("credential"), name},
                            {QStringLiteral("environment"), environment},
                            {QStringLiteral("box_digest"),
                             QString::fromLatin1(
                                 QCryptographicHash::hash(QByteArray("box"), QCryptographicHash::Sha256).toBase64())}};
            if (!hire.isNull())
                set.insert(QStringLiteral("hire"), hire);
            QVERIFY(!ada->execute(kAppendAtHead,
                                  {QStringLiteral("credential.set"), QJsonDocument(set).toJson(QJsonDocument::Compact),
                                   QByteArray(64, 's')}));
        }
        QVERIFY(!transaction.commit());
        QVERIFY(m_hanaEnrollment > 0 && m_omarEnrollment > 0);

        // Each hire marks their steps: hana both required ones, omar one, each
        // with their step.done entry naming it (schema 6).
        const auto mark = [](PgConnection& by, qint64 enrollment, const QString& hire, const QString& step) -> Error {
            PgConnection::Transaction transaction(by);
            if (transaction.beginError())
                return transaction.beginError();
            const QString at = QStringLiteral("2026-12-02T09:00:00.000Z");
            if (Error error =
                    by.execute(QStringLiteral("SELECT onramp.record_step($1, $2, $3, '')"), {enrollment, step, at}))
                return error;
            const QByteArray content =
                QStringLiteral("{\"name\":\"%1\",\"enrollment\":%2,\"step\":\"%3\",\"note\":\"\",\"done_at\":\"%4\"}")
                    .arg(hire)
                    .arg(enrollment)
                    .arg(step, at)
                    .toUtf8();
            return transaction.commitAfter(kAppendAtHead, {QStringLiteral("step.done"), content, QByteArray(64, 'h')});
        };
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        Error marked = mark(*hana, m_hanaEnrollment, QStringLiteral("hana"), QStringLiteral("laptop"));
        QVERIFY2(!marked, qPrintable(marked.message));
        marked = mark(*hana, m_hanaEnrollment, QStringLiteral("hana"), QStringLiteral("repo"));
        QVERIFY2(!marked, qPrintable(marked.message));
        std::unique_ptr<PgConnection> omar;
        QVERIFY(!connectAs(QStringLiteral("omar"), &omar));
        marked = mark(*omar, m_omarEnrollment, QStringLiteral("omar"), QStringLiteral("laptop"));
        QVERIFY2(!marked, qPrintable(marked.message));
        // Without the entry, the server refuses the record.
        QCOMPARE(
            omar->execute(QStringLiteral("SELECT onramp.record_step($1, 'repo', now(), '')"), {m_omarEnrollment}).kind,
            ErrorKind::NotPermitted);
    }

    void aHireIsHeldToTheirOwnRecords()
    {
        QVERIFY(m_hanaEnrollment > 0);
        verifyTap(runTap(QStringLiteral("hire.sql"), QStringLiteral("hana")));
    }

    void aMentorIsHeldToTheirMentees()
    {
        QVERIFY(m_hanaEnrollment > 0);
        verifyTap(runTap(QStringLiteral("mentor.sql"), QStringLiteral("mira")));
    }

    // Row-level security hides rows rather than failing: a write aimed at a
    // row one may not see changes nothing.
    void writesToRowsOutOfSightChangeNothing()
    {
        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        QCOMPARE(mira->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = $1 WHERE name = 'hana'"),
                               {QByteArray("mine now")})
                     .kind,
                 ErrorKind::NotPermitted);
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        QCOMPARE(
            hana->execute(QStringLiteral("UPDATE onramp.step_records SET note = 'edited' WHERE enrollment_id = $1"),
                          {m_omarEnrollment})
                .kind,
            ErrorKind::NotPermitted);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'hana'")).toByteArray(),
                 QByteArray("slot of hana"));
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT note FROM onramp.step_records WHERE enrollment_id = $1"),
                              {m_omarEnrollment})
                     .toString(),
                 QString());
        // Nor does its owner write their own slot but through
        // change_own_passphrase (schema 13): with UPDATE they could lock the
        // row and hold it, and an admin's disable of them waited.
        QCOMPARE(actWithEntry(*hana, QStringLiteral("passphrase.change"), QStringLiteral("hana"),
                              QStringLiteral("UPDATE onramp.key_slots SET slot = $1 WHERE name = 'hana'"),
                              {QByteArray("new slot")})
                     .kind,
                 ErrorKind::NotPermitted);
        {
            PgConnection::Transaction holding(*hana);
            QCOMPARE(
                hana->execute(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'hana' FOR UPDATE")).kind,
                ErrorKind::NotPermitted);
        }
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'hana'")).toByteArray(),
                 QByteArray("slot of hana"));
    }

    // The client signs an entry's content; the server numbers and chains it.
    void theServerChainsTheAuditLog()
    {
        const QByteArray signature(64, '\x5a');
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        const QString append = kAppendAtHead;
        const qint64 first =
            hana->scalar(append, {QStringLiteral("step.done"), QByteArray("hana did laptop"), signature}).toLongLong();
        // As a change would: its rows, then the entry and COMMIT in one round trip
        // (schema 7: the entry names the review).
        QList<QVariantList> appended;
        {
            PgConnection::Transaction transaction(*mira);
            const QString at = QStringLiteral("2026-12-02T10:00:00.000Z");
            QVERIFY(!mira->execute(
                QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, signature, "
                               "created_at, version) VALUES ($1, 'repo', 'approved', 'mira', $2, $3, 1)"),
                {m_hanaEnrollment, signature, at}));
            const QByteArray approved =
                QStringLiteral("{\"name\":\"hana\",\"enrollment\":%1,\"step\":\"repo\",\"version\":1,"
                               "\"comment\":\"\",\"at\":\"%2\"}")
                    .arg(m_hanaEnrollment)
                    .arg(at)
                    .toUtf8();
            const Error error =
                transaction.commitAfter(append, {QStringLiteral("step.approve"), approved, signature}, &appended);
            QVERIFY2(!error, qPrintable(error.message));
        }
        QCOMPARE(appended.size(), 1);
        const qint64 second = appended.first().first().toLongLong();
        QCOMPARE(second, first + 1);

        std::unique_ptr<PgConnection> ada;
        QVERIFY(!connectAs(QStringLiteral("ada"), &ada));
        QList<QVariantList> rows;
        QVERIFY(!ada->execute(
            QStringLiteral("SELECT seq, prev_hash, hash, actor, action, content, signature FROM onramp.audit "
                           "WHERE seq >= $1 ORDER BY seq"),
            {first}, &rows));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0][3].toString(), QStringLiteral("hana"));
        QCOMPARE(rows[1][3].toString(), QStringLiteral("mira"));
        QCOMPARE(rows[1][1].toByteArray(), rows[0][2].toByteArray());
        for (const QVariantList& row : rows) {
            // sha256(prev_hash || seq (8 bytes, big-endian) || actor || 0 || action || 0 || content || signature)
            QByteArray message = row[1].toByteArray();
            const qint64 seq = row[0].toLongLong();
            for (int shift = 56; shift >= 0; shift -= 8)
                message.append(char((seq >> shift) & 0xff));
            message += row[3].toString().toUtf8() + '\0' + row[4].toString().toUtf8() + '\0' + row[5].toByteArray()
                + row[6].toByteArray();
            QByteArray hash(crypto_hash_sha256_BYTES, 0);
            crypto_hash_sha256(reinterpret_cast<unsigned char*>(hash.data()),
                               reinterpret_cast<const unsigned char*>(message.constData()), quint64(message.size()));
            QCOMPARE(row[2].toByteArray(), hash);
        }

        // Not even an admin changes it; no Onramp role holds a grant that could.
        for (const QString& statement :
             {QStringLiteral("UPDATE onramp.audit SET action = 'x'"), QStringLiteral("DELETE FROM onramp.audit"),
              QStringLiteral("TRUNCATE onramp.audit")}) {
            const Error error = ada->execute(statement);
            QCOMPARE(error.kind, ErrorKind::NotPermitted);
        }
        QCOMPARE(
            m_super
                ->scalar(QStringLiteral("SELECT count(*) FROM pg_roles r CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', "
                                        "'DELETE', 'TRUNCATE']) AS p(privilege) WHERE r.rolname LIKE 'onramp\\_%' "
                                        "AND r.rolname <> 'onramp_owner' AND NOT r.rolsuper "
                                        "AND has_table_privilege(r.oid, 'onramp.audit', p.privilege)"))
                .toLongLong(),
            0);
    }

    // The append waits for the chain's lock no longer than its lock_timeout:
    // a second desk gets "busy" (exit 7), not a hang.
    void aHeldChainLockGivesBusy()
    {
        const QByteArray signature(64, '\x5a');
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        PgConnection::Transaction holding(*hana);
        const QString append = kAppendAtHead;
        QVERIFY(!hana->execute(append, {QStringLiteral("step.done"), QByteArray("first"), signature}));
        const Error error = mira->execute(append, {QStringLiteral("step.approve"), QByteArray("second"), signature});
        QCOMPARE(error.kind, ErrorKind::Busy);
        QCOMPARE(exitCodeFor(error.kind), 7);
    }

    // A hire holds every lock their login can take, in an open transaction:
    // the tables' share locks. The head row only append_audit locks: no
    // Onramp role may UPDATE it, so none may lock it; nor, since schema 13,
    // take the advisory lock the chain used before schema 4, or any other
    // (a login that took them by the thousand filled the cluster's shared
    // lock table, and no one could connect), make a temporary table (one
    // lock each) or a large object. An admin's act still commits at once.
    void aHireCannotStallTheLog()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        PgConnection::Transaction holding(*hana);
        QVERIFY(!hana->execute(QStringLiteral("SELECT count(*) FROM onramp.audit")));
        QVERIFY(!hana->execute(QStringLiteral("SELECT seq FROM onramp.audit_head")));
        for (const QString& lock :
             {QStringLiteral("SELECT pg_advisory_lock(122520156073328)"),
              QStringLiteral("SELECT pg_advisory_xact_lock(122520156073328)"),
              QStringLiteral("SELECT pg_try_advisory_lock_shared(1, 2)"),
              QStringLiteral("SELECT pg_try_advisory_xact_lock(7)"),
              QStringLiteral("CREATE TEMPORARY TABLE held (n int)"), QStringLiteral("SELECT lo_create(0)"),
              QStringLiteral("SELECT lo_from_bytea(0, '\\x01')"),
              QStringLiteral("SELECT seq FROM onramp.audit_head FOR UPDATE"),
              QStringLiteral("SELECT seq FROM onramp.audit_head FOR KEY SHARE"),
              QStringLiteral("LOCK TABLE onramp.audit_head IN EXCLUSIVE MODE"),
              QStringLiteral("LOCK TABLE onramp.audit IN SHARE MODE"),
              QStringLiteral("SELECT 1 FROM onramp.step_records WHERE enrollment_id = %1 FOR UPDATE")
                  .arg(m_hanaEnrollment),
              QStringLiteral("SELECT 1 FROM onramp.step_records WHERE enrollment_id = %1 FOR KEY SHARE")
                  .arg(m_hanaEnrollment),
              QStringLiteral("INSERT INTO onramp.step_records (enrollment_id, step_id, author) VALUES (%1, 'x', "
                             "'hana')")
                  .arg(m_hanaEnrollment),
              QStringLiteral("DELETE FROM onramp.step_records WHERE enrollment_id = %1").arg(m_hanaEnrollment)}) {
            std::unique_ptr<PgConnection> other;
            QVERIFY(!connectAs(QStringLiteral("hana"), &other));
            PgConnection::Transaction attempt(*other);
            QCOMPARE(other->execute(lock).kind, ErrorKind::NotPermitted);
        }

        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        const Error error = mira->execute(
            kAppendAtHead, {QStringLiteral("step.approve"), QByteArray("not stalled"), QByteArray(64, 'm')});
        QVERIFY2(!error, qPrintable(error.message));
    }

    // A hire's login writes in one nested savepoint after another, each
    // kept open: each holds a transaction id, one entry in the lock table
    // the whole cluster shares (some 3,300 filled it, and no one could
    // connect). A hire writes only through the server's functions, and the
    // write that would hold a 16th is refused.
    void aHireCannotFillTheLockTableWithSavepoints()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        const qint64 pid = hana->scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
        PgConnection::Transaction holding(*hana);
        QVERIFY(!holding.beginError());
        int written = 0;
        Error refused;
        for (int i = 0; i < 40 && !refused; ++i) {
            QVERIFY(!hana->execute(QStringLiteral("SAVEPOINT s%1").arg(i)));
            refused = hana->execute(QStringLiteral("SELECT onramp.record_step($1, $2, now(), '')"),
                                    {m_hanaEnrollment, QStringLiteral("nested-%1").arg(i)});
            if (refused)
                break;
            ++written;
            // A released savepoint lets its transaction id go: every other
            // one is, and only those kept open count.
            if (i % 2 == 0)
                QVERIFY(!hana->execute(QStringLiteral("RELEASE SAVEPOINT s%1").arg(i)));
        }
        QCOMPARE(written, 30);
        QCOMPARE(refused.kind, ErrorKind::Busy);
        QVERIFY2(refused.message.contains(QLatin1String("15 nested savepoints")), qPrintable(refused.message));
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT count(*) FROM pg_locks WHERE pid = $1 AND locktype = "
                                             "'transactionid'"),
                              {pid})
                     .toInt(),
                 16);
        // The same in a DO block's nested exception blocks (each one a
        // subtransaction): the functions count them too.
        QString opening;
        QString closing;
        for (int i = 0; i < 20; ++i) {
            opening += QStringLiteral("BEGIN PERFORM onramp.record_step(%1, 'block-%2', now(), ''); ")
                           .arg(m_hanaEnrollment)
                           .arg(i);
            closing += QStringLiteral(" EXCEPTION WHEN division_by_zero THEN NULL; END;");
        }
        std::unique_ptr<PgConnection> again;
        QVERIFY(!connectAs(QStringLiteral("hana"), &again));
        const Error error = again->execute(QStringLiteral("DO $$ BEGIN %1%2 END $$").arg(opening, closing));
        QCOMPARE(error.kind, ErrorKind::Busy);
        QVERIFY2(error.message.contains(QLatin1String("15 nested savepoints")), qPrintable(error.message));
    }

    // A hire's login holds 8 sessions at most (schema 13): without a limit
    // one login took every connection the cluster allows, and no desk could
    // sign in. A mentor's or admin's holds 16.
    void aLoginHoldsAFewSessionsOnly()
    {
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT rolconnlimit FROM pg_roles WHERE rolname = 'onramp_p_hana'"))
                     .toInt(),
                 8);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT rolconnlimit FROM pg_roles WHERE rolname = 'onramp_p_mira'"))
                     .toInt(),
                 16);
        // Sessions of this test's own (others may be closing still): as many as the limit leaves.
        std::vector<std::unique_ptr<PgConnection>> held;
        Error refused;
        for (int i = 0; i < 20 && !refused; ++i) {
            std::unique_ptr<PgConnection> one;
            refused = connectAs(QStringLiteral("omar"), &one);
            if (!refused)
                held.push_back(std::move(one));
        }
        QVERIFY2(refused, "a hire's login opened 20 sessions");
        QCOMPARE(refused.kind, ErrorKind::Busy);
        QVERIFY2(refused.message.contains(QLatin1String("as many sessions of onramp_p_omar as it allows")),
                 qPrintable(refused.message));
        QVERIFY(held.size() <= 8);
        // Another person still signs in.
        std::unique_ptr<PgConnection> ada;
        const Error error = connectAs(QStringLiteral("ada"), &ada);
        QVERIFY2(!error, qPrintable(error.message));
    }

    // A hire's uncommitted step record holds its enrollment's row (a key
    // share, as any reference does): a desk's statement that needs the row
    // waits 15 s at most, then fails as busy (exit 7) rather than hang.
    void aLockAHireHoldsIsWaitedOutForAWhileOnly()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        std::unique_ptr<PgConnection> admin;
        QVERIFY(!connectAs(QStringLiteral("ada"), &admin));
        QCOMPARE(admin->scalar(QStringLiteral("SHOW lock_timeout")).toString(), QStringLiteral("15s"));
        PgConnection::Transaction holding(*hana);
        QVERIFY(!holding.beginError());
        QVERIFY(!hana->execute(QStringLiteral("SELECT onramp.record_step($1, 'held', now(), '')"), {m_hanaEnrollment}));
        PgConnection::Transaction waiting(*admin);
        const Error error = admin->execute(QStringLiteral("SELECT 1 FROM onramp.enrollments WHERE id = $1 FOR UPDATE"),
                                           {m_hanaEnrollment});
        QCOMPARE(error.kind, ErrorKind::Busy);
        QCOMPARE(exitCodeFor(error.kind), 7);
    }

    // What team init warns of when the role that migrated could not take
    // it from every role (a setup role that is no superuser).
    void whatIsStillOpenToEveryRoleIsNamed()
    {
        QStringList open;
        Error error = openToEveryRole(*m_super, &open);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(open, QStringList());
        QVERIFY(!m_super->execute(QStringLiteral("GRANT TEMPORARY ON DATABASE %1 TO PUBLIC").arg(kDatabase)));
        QVERIFY(!m_super->execute(QStringLiteral("GRANT EXECUTE ON FUNCTION pg_advisory_lock(bigint) TO PUBLIC")));
        error = openToEveryRole(*m_super, &open);
        QVERIFY(!m_super->execute(QStringLiteral("REVOKE TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(kDatabase)));
        QVERIFY(!m_super->execute(QStringLiteral("REVOKE EXECUTE ON FUNCTION pg_advisory_lock(bigint) FROM PUBLIC")));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(open, QStringList({QStringLiteral("take advisory locks"), QStringLiteral("make temporary tables")}));
    }

    // Two team inits of an empty database at once: one makes the schema, the
    // other then finds it made; neither applies a step the other applied.
    void twoFirstMigrationsTakeTurns()
    {
        const QString database = QStringLiteral("onramp_race_empty");
        QVERIFY(!pgRecreateDatabase(database));
        std::unique_ptr<PgConnection> blocker;
        QVERIFY(!pgConnectSuper(database, &blocker));
        // An uncommitted schema of the same name: the first migration waits at
        // making its own, the other at the lock the first holds.
        QVERIFY(!blocker->execute(QStringLiteral("BEGIN")));
        QVERIFY(!blocker->execute(QStringLiteral("CREATE SCHEMA onramp")));
        Error first;
        Error second;
        raceTwoMigrations(database, *blocker, &first, &second);
        QVERIFY2(!first, qPrintable(first.message));
        QVERIFY2(!second, qPrintable(second.message));
        QCOMPARE(blocker
                     ->scalar(QStringLiteral("SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || "
                                             "max(version) FROM onramp.schema_version"))
                     .toString(),
                 QStringLiteral("%1 %1 %1").arg(schema::kLatestVersion));
    }

    // The same for a team whose schema is older: every step once.
    void twoMigrationsOfAnOlderSchemaTakeTurns()
    {
        const QString database = QStringLiteral("onramp_race_older");
        QVERIFY(!pgRecreateDatabase(database));
        std::unique_ptr<PgConnection> blocker;
        QVERIFY(!pgConnectSuper(database, &blocker));
        QVERIFY(!schema::migrate(*blocker, 1));
        QVERIFY(!blocker->execute(QStringLiteral("BEGIN")));
        QVERIFY(!blocker->execute(QStringLiteral("LOCK TABLE onramp.schema_version IN ACCESS EXCLUSIVE MODE")));
        Error first;
        Error second;
        raceTwoMigrations(database, *blocker, &first, &second);
        QVERIFY2(!first, qPrintable(first.message));
        QVERIFY2(!second, qPrintable(second.message));
        QCOMPARE(blocker
                     ->scalar(QStringLiteral("SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || "
                                             "max(version) FROM onramp.schema_version"))
                     .toString(),
                 QStringLiteral("%1 %1 %1").arg(schema::kLatestVersion));
    }

    // A hire holds every lock their login can take (the migrations' old
    // advisory lock not among them since schema 13), in an open transaction: team init, run
    // again, still migrates at once (here: finds nothing to do) rather than
    // waiting for the hire.
    void aHireCannotStallAMigration()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        PgConnection::Transaction holding(*hana);
        QVERIFY(!hana->execute(QStringLiteral("SELECT max(version) FROM onramp.schema_version")));
        for (const QString& lock : {QStringLiteral("SELECT pg_advisory_lock(8029480948421651815)"),
                                    QStringLiteral("SELECT pg_advisory_xact_lock(8029480948421651815)"),
                                    QStringLiteral("LOCK TABLE onramp.schema_version IN ROW SHARE MODE"),
                                    QStringLiteral("LOCK TABLE onramp.schema_version IN EXCLUSIVE MODE"),
                                    QStringLiteral("SELECT version FROM onramp.schema_version FOR SHARE")}) {
            std::unique_ptr<PgConnection> other;
            QVERIFY(!connectAs(QStringLiteral("hana"), &other));
            PgConnection::Transaction attempt(*other);
            QCOMPARE(other->execute(lock).kind, ErrorKind::NotPermitted);
        }
        // The setup role gives up after a while rather than hang the test.
        std::unique_ptr<PgConnection> setup;
        QVERIFY(!pgConnectSuper(kDatabase, &setup));
        QVERIFY(!setup->execute(QStringLiteral("SET lock_timeout = '10s'")));
        const Error error = schema::migrate(*setup);
        QVERIFY2(!error, qPrintable(error.message));
    }

    // An entry is at most 16 KiB; the server says so and keeps nothing.
    void anOversizedEntryIsRefused()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        const qint64 before = m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        const Error error =
            hana->execute(kAppendAtHead, {QStringLiteral("step.note"), QByteArray(16385, 'n'), QByteArray(64, 'h')});
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("16384")), qPrintable(error.message));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), before);
        QVERIFY(
            !hana->execute(kAppendAtHead, {QStringLiteral("step.note"), QByteArray(16384, 'n'), QByteArray(64, 'h')}));
    }

    // A hire's or a mentor's entries are taken only up to onramp.entry_limits
    // in the last hour and the last day (schema 12): a login appending as
    // fast as the server takes them is stopped, named, with nothing taken;
    // an admin's are not limited.
    void aPersonsEntriesAreLimited()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        const auto recent = [&](const QString& interval) {
            return m_super
                ->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit WHERE actor = 'hana' AND "
                                        "recorded_at > now() - $1::interval"),
                         {interval})
                .toLongLong();
        };
        const auto total = [&] {
            return m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        };
        const auto note = [&](PgConnection& c) {
            return c.execute(kAppendAtHead, {QStringLiteral("step.note"), QByteArray("{}"), QByteArray(64, 'l')});
        };
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT per_hour || ' ' || per_day FROM onramp.entry_limits "
                                             "WHERE role = 'hire'"))
                     .toString(),
                 QStringLiteral("300 2000"));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.entry_limits SET per_hour = $1, per_day = 2000 "
                                                 "WHERE role = 'hire'"),
                                  {recent(QStringLiteral("1 hour")) + 2}));
        QVERIFY(!note(*hana));
        QVERIFY(!note(*hana));
        qint64 before = total();
        Error error = note(*hana);
        QCOMPARE(error.kind, ErrorKind::Busy);
        QVERIFY2(error.message.contains(QLatin1String("hana appended")) && error.message.contains(QLatin1String("hour"))
                     && error.message.contains(QLatin1String("Try again later")),
                 qPrintable(error.message));
        QCOMPARE(total(), before);
        // The day's limit, likewise (her entries recorded two hours ago, as
        // the server's clock says).
        QVERIFY(!pastTriggers(*m_super,
                              QStringLiteral("UPDATE onramp.audit SET recorded_at = recorded_at - "
                                             "interval '2 hours' WHERE actor = 'hana'")));
        QCOMPARE(recent(QStringLiteral("1 hour")), 0);
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.entry_limits SET per_hour = 1, per_day = $1 "
                                                 "WHERE role = 'hire'"),
                                  {recent(QStringLiteral("1 day"))}));
        error = note(*hana);
        QCOMPARE(error.kind, ErrorKind::Busy);
        QVERIFY2(error.message.contains(QLatin1String("in the last day")), qPrintable(error.message));
        QCOMPARE(total(), before);
        // An admin appends all the same.
        std::unique_ptr<PgConnection> ada;
        QVERIFY(!connectAs(QStringLiteral("ada"), &ada));
        QVERIFY(
            !ada->execute(kAppendAtHead, {QStringLiteral("checklist.import"), QByteArray("{}"), QByteArray(64, 'a')}));
        QCOMPARE(total(), before + 1);
        QVERIFY(!m_super->execute(
            QStringLiteral("UPDATE onramp.entry_limits SET per_hour = 300, per_day = 2000 WHERE role = 'hire'")));
        QVERIFY(!note(*hana));
    }

    // The fields a row is matched on have the one JSON type Onramp writes
    // (the server compares them as text, a desk by type), and no object
    // names a key twice (schema 12); each entry bears the server's time
    // when it was appended, not when its transaction began.
    void anEntryIsTypedAndStampedWhenAppended()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        const auto total = [&] {
            return m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        };
        const qint64 before = total();
        for (const QByteArray& content :
             {QByteArray(R"({"name":"hana","enrollment":"1","step":"laptop"})"),
              QByteArray(R"({"name":"hana","enrollment":1,"step":7})"),
              QByteArray(R"({"name":"hana","version":1.5e0,"name":"hana"})"),
              QByteArray(R"({"name":"hana","grants":[{"credential":"db","credential":"db2"}]})"),
              QByteArray(R"({"name":"hana","grants":[{"credential":1}]})"),
              QByteArray(R"({"name":"hana","grants":{}})")}) {
            const Error error =
                hana->execute(kAppendAtHead, {QStringLiteral("step.note"), content, QByteArray(64, 't')});
            QVERIFY2(error.kind == ErrorKind::InvalidInput,
                     qPrintable(QString::fromUtf8(content) + QLatin1Char(' ') + error.message));
        }
        QCOMPARE(total(), before);
        // As Onramp writes them; and what is no JSON object vouches for nothing, and is taken.
        for (const QByteArray& content : {QByteArray(R"({"name":"hana","enrollment":1,"step":"laptop","version":2})"),
                                          QByteArray("[1]"), QByteArray("not json")})
            QVERIFY(!hana->execute(kAppendAtHead, {QStringLiteral("step.note"), content, QByteArray(64, 't')}));
        QCOMPARE(total(), before + 3);

        {
            PgConnection::Transaction transaction(*hana);
            QVERIFY(!transaction.beginError());
            QVERIFY(!hana->execute(QStringLiteral("SELECT pg_sleep(1.2)")));
            const qint64 seq =
                hana->scalar(kAppendAtHead, {QStringLiteral("step.note"), QByteArray("{}"), QByteArray(64, 't')})
                    .toLongLong();
            QVERIFY(seq > 0);
            // Its own entry, read in the same transaction, against the transaction's start.
            const double late = hana->scalar(QStringLiteral("SELECT extract(epoch FROM recorded_at - now()) FROM "
                                                            "onramp.audit WHERE seq = $1"),
                                             {seq})
                                    .toDouble();
            QVERIFY2(late >= 1.0, qPrintable(QString::number(late)));
        }
    }

    // An entry naming an enrollment records the act of someone it concerns
    // (schema 13): the hire's steps, the mentor's reviews and sign-off, a
    // note by either, a grant's acts by the mentor or an admin. And JSON the
    // server cannot read as a desk does is refused.
    void anEntryNamesItsActorsOwnEnrollment()
    {
        QVERIFY(m_hanaEnrollment > 0 && m_omarEnrollment > 0);
        const auto content = [](qint64 enrollment, const char* name) {
            return QStringLiteral(
                       R"({"name":"%1","enrollment":%2,"step":"repo","credential":"db","at":"2026-12-05T09:00:00.000Z"})")
                .arg(QLatin1String(name))
                .arg(enrollment)
                .toUtf8();
        };
        const auto total = [&] {
            return m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        };
        const qint64 before = total();
        struct Attempt {
            const char* person;
            const char* action;
            qint64 enrollment;
            ErrorKind expected;
        };
        for (const Attempt& attempt : {Attempt{"mira", "step.reject", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"mira", "step.approve", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"mira", "signoff", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"mira", "grant.revoke", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"mira", "step.note", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"hana", "step.done", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"hana", "step.undo", m_omarEnrollment, ErrorKind::NotPermitted},
                                       Attempt{"hana", "step.note", 99999, ErrorKind::InvalidInput}}) {
            std::unique_ptr<PgConnection> connection;
            QVERIFY(!connectAs(QLatin1String(attempt.person), &connection));
            const Error error = connection->execute(
                kAppendAtHead,
                {QLatin1String(attempt.action), content(attempt.enrollment, "omar"), QByteArray(64, 'a')});
            QVERIFY2(error.kind == attempt.expected,
                     qPrintable(QStringLiteral("%1 %2: %3")
                                    .arg(QLatin1String(attempt.person), QLatin1String(attempt.action), error.message)));
        }
        QCOMPARE(total(), before);
        // The enrollment's own mentor and hire, and an admin's grant act.
        for (const auto& [person, action] :
             {std::pair{"mira", "step.note"}, std::pair{"hana", "step.note"}, std::pair{"ada", "grant.revoke"}}) {
            std::unique_ptr<PgConnection> connection;
            QVERIFY(!connectAs(QLatin1String(person), &connection));
            const Error error = connection->execute(
                kAppendAtHead, {QLatin1String(action), content(m_hanaEnrollment, "hana"), QByteArray(64, 'a')});
            QVERIFY2(!error, qPrintable(QLatin1String(person) + QLatin1Char(' ') + error.message));
        }
        QCOMPARE(total(), before + 3);

        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        for (const QByteArray& unread :
             {QByteArray(R"({"name":"hana","note":"\u0000"})"), QByteArray(R"( {"name":"hana","note":"\ud800"})"),
              QByteArray("{\"name\":\"h\xffna\"}"), QByteArray(R"({"name":"hana"} {})"),
              QByteArray("\xef\xbb\xbf{\"name\":\"hana\",\"enrollment\":1}")}) {
            const Error error =
                hana->execute(kAppendAtHead, {QStringLiteral("step.note"), unread, QByteArray(64, 'u')});
            QVERIFY2(error.kind == ErrorKind::InvalidInput, qPrintable(QString::fromLatin1(unread) + error.message));
        }
        QCOMPARE(total(), before + 3);
    }

    // Each role records only its own acts, and no action nobody may make.
    void eachRoleRecordsOnlyItsOwnActs_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("hire marks a step") << QStringLiteral("hana") << QStringLiteral("step.done") << true;
        QTest::newRow("hire approves") << QStringLiteral("hana") << QStringLiteral("step.approve") << false;
        QTest::newRow("hire signs off") << QStringLiteral("hana") << QStringLiteral("signoff") << false;
        QTest::newRow("hire grants") << QStringLiteral("hana") << QStringLiteral("grant.create") << false;
        QTest::newRow("hire enrolls") << QStringLiteral("hana") << QStringLiteral("enrollment.create") << false;
        QTest::newRow("hire invents") << QStringLiteral("hana") << QStringLiteral("vault.sql") << false;
        QTest::newRow("mentor signs off") << QStringLiteral("mira") << QStringLiteral("signoff") << true;
        QTest::newRow("mentor marks a step") << QStringLiteral("mira") << QStringLiteral("step.done") << false;
        QTest::newRow("mentor imports") << QStringLiteral("mira") << QStringLiteral("checklist.import") << false;
        QTest::newRow("admin enrolls") << QStringLiteral("ada") << QStringLiteral("enrollment.create") << true;
        QTest::newRow("admin signs off") << QStringLiteral("ada") << QStringLiteral("signoff") << false;
    }
    void eachRoleRecordsOnlyItsOwnActs()
    {
        QFETCH(QString, person);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        std::unique_ptr<PgConnection> connection;
        QVERIFY(!connectAs(person, &connection));
        const Error error = connection->execute(kAppendAtHead, {action, QByteArray("{}"), QByteArray(64, 'r')});
        if (allowed)
            QVERIFY2(!error, qPrintable(error.message));
        else
            QCOMPARE(error.kind, ErrorKind::NotPermitted);
    }

    // An entry signed for one place in the chain is taken only there: sent
    // again, or after another desk's entry took its place, it is refused
    // (busy: the client reads the head and signs again).
    void anEntryIsTakenOnlyAtThePlaceItWasSignedFor()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        QList<QVariantList> head;
        QVERIFY(!hana->execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head));
        const QString append = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)");
        const QVariantList entry{QStringLiteral("step.done"), QByteArray("{\"step\":\"repo\"}"), QByteArray(64, 'p'),
                                 head.first().at(0).toLongLong() + 1, head.first().at(1)};
        QCOMPARE(hana->scalar(append, entry).toLongLong(), head.first().at(0).toLongLong() + 1);
        QCOMPARE(hana->execute(append, entry).kind, ErrorKind::Busy);
        QVariantList skipping = entry;
        skipping[3] = head.first().at(0).toLongLong() + 5;
        QCOMPARE(hana->execute(append, skipping).kind, ErrorKind::Busy);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit WHERE content = $1"), {entry.at(1)})
                     .toLongLong(),
                 1);
        // The head moves with the chain and is the newest entry's.
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT (SELECT hash FROM onramp.audit_head) = "
                                                "(SELECT hash FROM onramp.audit ORDER BY seq DESC LIMIT 1)")),
                 QVariant(true));
    }

    // A reset changes the login and the slot together and ends the
    // person's sessions: the old passphrase no longer signs in.
    void aResetChangesTheLoginAndTheSlot()
    {
        std::unique_ptr<PgConnection> omar;
        QVERIFY(!connectAs(QStringLiteral("omar"), &omar));
        ServerLogin fresh;
        QVERIFY(!deriveLogin("omar's new passphrase", kTeam, QStringLiteral("omar"), LoginCost::floor(), &fresh));
        std::unique_ptr<PgConnection> ada;
        QVERIFY(!connectAs(QStringLiteral("ada"), &ada));
        QString verifier;
        QVERIFY(!ada->scramVerifier(QStringLiteral("onramp_p_omar"), fresh.scramPassword, &verifier));
        // A reset gives a new key pair: the new public key comes with the new slot.
        const QByteArray newKey(32, '\x7e');
        const QString reset = QStringLiteral("SELECT onramp.reset_person($1, $2, $3, $4)");
        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        QCOMPARE(mira->execute(reset, {QStringLiteral("omar"), verifier, QByteArray("mira's slot"), newKey}).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(ada->execute(reset, {QStringLiteral("omar"), verifier, QByteArray("slot"), QByteArray(5, 'k')}).kind,
                 ErrorKind::InvalidInput);
        // Without its signed entry in the same transaction the reset does not commit.
        QCOMPARE(ada->execute(reset, {QStringLiteral("omar"), verifier, QByteArray("omar's new slot"), newKey}).kind,
                 ErrorKind::NotPermitted);
        std::unique_ptr<PgConnection> probe;
        QVERIFY(!connectAs(QStringLiteral("omar"), &probe));
        // Nor with an entry that names someone else.
        QCOMPARE(actWithEntry(*ada, QStringLiteral("passphrase.reset"), QStringLiteral("hana"), reset,
                              {QStringLiteral("omar"), verifier, QByteArray("omar's new slot"), newKey})
                     .kind,
                 ErrorKind::NotPermitted);
        QVERIFY(!connectAs(QStringLiteral("omar"), &probe));
        // Nor with one that names another key (schema 11).
        QCOMPARE(actWithEntry(*ada, QStringLiteral("passphrase.reset"), QStringLiteral("omar"), reset,
                              {QStringLiteral("omar"), verifier, QByteArray("omar's new slot"), newKey},
                              QByteArray(32, '\x7d'))
                     .kind,
                 ErrorKind::NotPermitted);
        QVERIFY(!connectAs(QStringLiteral("omar"), &probe));
        Error error = actWithEntry(*ada, QStringLiteral("passphrase.reset"), QStringLiteral("omar"), reset,
                                   {QStringLiteral("omar"), verifier, QByteArray("omar's new slot"), newKey}, newKey);
        QVERIFY2(!error, qPrintable(error.message));

        // The act ends no session inside its transaction; the admin's desk
        // ends them once it committed, and only an admin may.
        QVERIFY(!omar->execute(QStringLiteral("SELECT 1")));
        const QString end = QStringLiteral("SELECT onramp.end_sessions($1)");
        QCOMPARE(mira->execute(end, {QStringLiteral("omar")}).kind, ErrorKind::NotPermitted);
        QVERIFY(!omar->execute(QStringLiteral("SELECT 1")));
        QVERIFY(ada->scalar(end, {QStringLiteral("omar")}).toLongLong() >= 2);
        QCOMPARE(omar->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        std::unique_ptr<PgConnection> again;
        QCOMPARE(connectAs(QStringLiteral("omar"), &again).kind, ErrorKind::Auth);
        error =
            PgConnection::connect(pgAddress(kDatabase), QStringLiteral("onramp_p_omar"), fresh.scramPassword, &again);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(again->scalar(QStringLiteral("SELECT slot FROM onramp.key_slots")).toByteArray(),
                 QByteArray("omar's new slot"));
        QCOMPARE(again->scalar(QStringLiteral("SELECT sign_public_key FROM onramp.people WHERE name = 'omar'"))
                     .toByteArray(),
                 newKey);
    }

    // Disabling ends the person's sessions, refuses their next sign-in
    // (exit 3, as a wrong passphrase) and empties their slot.
    void aDisabledPersonIsSignedOutAndCannotSignIn()
    {
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        const QString disable = QStringLiteral("SELECT onramp.disable_person($1)");
        QCOMPARE(mira->execute(disable, {QStringLiteral("hana")}).kind, ErrorKind::NotPermitted);
        QCOMPARE(hana->scalar(QStringLiteral("SELECT onramp.current_person()")).toString(), QStringLiteral("hana"));

        std::unique_ptr<PgConnection> ada;
        QVERIFY(!connectAs(QStringLiteral("ada"), &ada));
        QCOMPARE(ada->execute(disable, {QStringLiteral("ada")}).kind, ErrorKind::InvalidInput);
        QCOMPARE(ada->execute(disable, {QStringLiteral("nobody")}).kind, ErrorKind::InvalidInput);
        // Alone, the disable does not commit, and it ended nothing: hana's
        // open session goes on, and she still signs in.
        QCOMPARE(ada->execute(disable, {QStringLiteral("hana")}).kind, ErrorKind::NotPermitted);
        QCOMPARE(hana->scalar(QStringLiteral("SELECT onramp.current_person()")).toString(), QStringLiteral("hana"));
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        QCOMPARE(hana->scalar(QStringLiteral("SELECT onramp.current_person()")).toString(), QStringLiteral("hana"));
        // Nor does hana's own slot change without hana's passphrase.change, or with mira's.
        QCOMPARE(hana->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = 'x'")).kind, ErrorKind::NotPermitted);
        QCOMPARE(actWithEntry(*hana, QStringLiteral("passphrase.change"), QStringLiteral("mira"),
                              QStringLiteral("UPDATE onramp.key_slots SET slot = 'x'"), {})
                     .kind,
                 ErrorKind::NotPermitted);
        // A step record hana's other session wrote and holds uncommitted
        // (a key share of her row, as any reference takes) holds nothing off:
        // the disable does not wait for it (15 s, then busy).
        std::unique_ptr<PgConnection> holder;
        QVERIFY(!connectAs(QStringLiteral("hana"), &holder));
        PgConnection::Transaction holding(*holder);
        QVERIFY(
            !holder->execute(QStringLiteral("SELECT onramp.record_step($1, 'held', now(), '')"), {m_hanaEnrollment}));
        const Error error = actWithEntry(*ada, QStringLiteral("person.disable"), QStringLiteral("hana"), disable,
                                         {QStringLiteral("hana")});
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!ada->execute(QStringLiteral("SELECT onramp.end_sessions($1)"), {QStringLiteral("hana")}));

        const Error lost = hana->execute(QStringLiteral("SELECT count(*) FROM onramp.enrollments"));
        QCOMPARE(lost.kind, ErrorKind::Io);
        std::unique_ptr<PgConnection> again;
        const Error refused = connectAs(QStringLiteral("hana"), &again);
        QCOMPARE(refused.kind, ErrorKind::Auth);
        QCOMPARE(exitCodeFor(refused.kind), 3);
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'onramp_p_hana'")),
                 QVariant(false));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT enabled FROM onramp.people WHERE name = 'hana'")),
                 QVariant(false));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT length(slot) FROM onramp.key_slots WHERE name = 'hana'")),
                 QVariant(qint64(0)));
    }

    // A server set up before schema 4 keeps its log: its entries stay
    // signed the old way (signed_as 1) and verify, the head row starts at
    // its last entry, and every new entry is signed with its place.
    void migratingToVersion4KeepsTheLogVerifiable()
    {
        const QString database = QStringLiteral("onramp_v3");
        std::unique_ptr<PgConnection> postgres;
        QVERIFY(!pgConnectSuper(QStringLiteral("postgres"), &postgres));
        QVERIFY(!postgres->execute(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(database)));
        for (const QString& name : {QStringLiteral("vera"), QStringLiteral("vic"), QStringLiteral("val")})
            QVERIFY(!postgres->execute(QStringLiteral("DROP ROLE IF EXISTS \"onramp_p_%1\"").arg(name)));
        QVERIFY(!pgRecreateDatabase(database));
        std::unique_ptr<PgConnection> super;
        QVERIFY(!pgConnectSuper(database, &super));
        Error error = schema::migrate(*super, 3);
        QVERIFY2(!error, qPrintable(error.message));

        NewPerson vera;
        QVERIFY(!makeNewPerson("vera's passphrase of old", database, QStringLiteral("vera"), {}, &vera));
        QString verifier;
        QVERIFY(!super->scramVerifier(loginRoleFor(vera.name), vera.scramPassword, &verifier));
        QVERIFY(!super->execute(QStringLiteral("SELECT onramp.add_person('vera', 'admin', '', $1, $2, $3)"),
                                {vera.keys.publicKey, verifier, vera.slot}));
        std::unique_ptr<PgConnection> asVera;
        QVERIFY(!PgConnection::connect(pgAddress(database), loginRoleFor(vera.name), vera.scramPassword, &asVera));
        // As a version-3 client appended: signed over the content alone.
        const auto oldEntry = [&](const QString& action, const QJsonObject& details) {
            const QByteArray content = QJsonDocument(details).toJson(QJsonDocument::Compact);
            return QVariantList{
                action, content,
                crypto::sign(auditMessageV1(database, vera.name, action, content), vera.keys.secretKey)};
        };
        const QString oldAppend = QStringLiteral("SELECT onramp.append_audit($1, $2, $3)");
        QVERIFY(!asVera->execute(
            oldAppend,
            oldEntry(QStringLiteral("team.init"),
                     {{QStringLiteral("name"), vera.name},
                      {QStringLiteral("role"), QStringLiteral("admin")},
                      {QStringLiteral("public_key"), QString::fromLatin1(vera.keys.publicKey.toBase64())}})));
        NewPerson vic;
        QVERIFY(!makeNewPerson("vic's passphrase of old", database, QStringLiteral("vic"), {}, &vic));
        QVERIFY(!asVera->scramVerifier(loginRoleFor(vic.name), vic.scramPassword, &verifier));
        {
            PgConnection::Transaction transaction(*asVera);
            QVERIFY(!asVera->execute(QStringLiteral("SELECT onramp.add_person('vic', 'hire', '', $1, $2, $3)"),
                                     {vic.keys.publicKey, verifier, vic.slot}));
            error = transaction.commitAfter(
                oldAppend,
                oldEntry(QStringLiteral("person.add"),
                         {{QStringLiteral("name"), vic.name},
                          {QStringLiteral("role"), QStringLiteral("hire")},
                          {QStringLiteral("public_key"), QString::fromLatin1(vic.keys.publicKey.toBase64())}}));
            QVERIFY2(!error, qPrintable(error.message));
        }
        asVera.reset();

        error = schema::migrate(*super);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(super->scalar(QStringLiteral("SELECT string_agg(signed_as::text, ',' ORDER BY seq) FROM onramp.audit"))
                     .toString(),
                 QStringLiteral("1,1"));
        QCOMPARE(super->scalar(QStringLiteral("SELECT (SELECT seq FROM onramp.audit_head) = 2 AND "
                                              "(SELECT hash FROM onramp.audit_head) = "
                                              "(SELECT hash FROM onramp.audit WHERE seq = 2)")),
                 QVariant(true));
        QVERIFY(super->scalar(QStringLiteral("SELECT to_regprocedure('onramp.append_audit(text, bytea, bytea)')"))
                    .isNull());

        SignedIn admin;
        error = signIn(pgAddress(database), QStringLiteral("vera"), "vera's passphrase of old", &admin);
        QVERIFY2(!error, qPrintable(error.message));
        error = verifyAudit(admin);
        QVERIFY2(!error, qPrintable(error.message));
        error = server::addPerson(admin, QStringLiteral("val"), QStringLiteral("hire"), {},
                                  "val's passphrase, handed over");
        QVERIFY2(!error, qPrintable(error.message));
        QList<ServerAuditEntry> entries;
        error = verifyAudit(admin, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.size(), 3);
        QCOMPARE(super->scalar(QStringLiteral("SELECT signed_as FROM onramp.audit WHERE seq = 3")).toLongLong(), 2);
        // An entry signed with its place cannot pass for an old one: set
        // aside, it adds nobody, and the person the server lets in is named.
        QVERIFY(!super->execute(QStringLiteral("UPDATE onramp.audit SET signed_as = 1 WHERE seq = 3")));
        error = verifyAudit(admin, &entries);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("lets val sign in")), qPrintable(error.message));
        QVERIFY(entries.value(2).setAside);
        QVERIFY(!super->execute(QStringLiteral("UPDATE onramp.audit SET signed_as = 2 WHERE seq = 3")));
        QVERIFY(!verifyAudit(admin));
    }
};

QTEST_GUILESS_MAIN(TestServerSchema)
#include "TestServerSchema.moc"
