#include "LoginDerivation.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerSchema.h"
#include "TeamSetup.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <sodium.h>

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
                              const QVariantList& params)
    {
        PgConnection::Transaction transaction(by);
        if (transaction.beginError())
            return transaction.beginError();
        if (Error error = by.execute(sql, params))
            return error;
        return transaction.commitAfter(
            QStringLiteral("SELECT onramp.append_audit($1, $2, $3)"),
            {action, QByteArray(R"({"name":")" + name.toUtf8() + R"("})"), QByteArray(64, '\0')});
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

    // Runs tests/server/sql/SCRIPT with psql as NAME; returns pgTAP's output.
    QString runTap(const QString& script, const QString& name)
    {
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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run this test through ctest");
        QVERIFY2(!psqlProgram().isEmpty(), "psql is missing: install postgresql-15 (tools/setup-debian.sh)");
        std::unique_ptr<PgConnection> postgres;
        Error error = pgConnectSuper(QStringLiteral("postgres"), &postgres);
        QVERIFY2(!error, qPrintable(error.message));
        for (const QString& database : {kDatabase, QStringLiteral("onramp_foreign"), QStringLiteral("onramp_newer"),
                                        QStringLiteral("onramp_setup")})
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
        const QString enroll =
            QStringLiteral("INSERT INTO onramp.enrollments (hire, mentor, checklist_id, version, start_date, "
                           "author, signature) VALUES ($1, $2, 'week-one', 1, current_date, 'ada', $3) RETURNING id");
        m_hanaEnrollment =
            ada->scalar(enroll, {QStringLiteral("hana"), QStringLiteral("mira"), QByteArray(64, 's')}).toLongLong();
        m_omarEnrollment =
            ada->scalar(enroll, {QStringLiteral("omar"), QStringLiteral("otto"), QByteArray(64, 's')}).toLongLong();
        const QString keep =
            QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author, signature) "
                           "VALUES ($1, $2, $3, $4, 'ada', $5)");
        for (const auto& [hire, name, environment] :
             {std::tuple{QStringLiteral("hana"), QStringLiteral("sandbox-db"), QStringLiteral("sandbox")},
              std::tuple{QStringLiteral("omar"), QStringLiteral("sandbox-db"), QStringLiteral("sandbox")},
              std::tuple{QString(), QStringLiteral("prod-db"), QStringLiteral("production")}})
            QVERIFY(!ada->execute(keep,
                                  {hire.isNull() ? QVariant() : QVariant(hire), name, environment, QByteArray("box"),
                                   QByteArray(64, 's')}));
        QVERIFY(!transaction.commit());
        QVERIFY(m_hanaEnrollment > 0 && m_omarEnrollment > 0);

        // Each hire marks their steps: hana both required ones, omar one.
        const QString mark =
            QStringLiteral("INSERT INTO onramp.step_records (enrollment_id, step_id, author, signature) "
                           "VALUES ($1, $2, $3, $4)");
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        QVERIFY(!hana->execute(
            mark, {m_hanaEnrollment, QStringLiteral("laptop"), QStringLiteral("hana"), QByteArray(64, 'h')}));
        QVERIFY(!hana->execute(
            mark, {m_hanaEnrollment, QStringLiteral("repo"), QStringLiteral("hana"), QByteArray(64, 'h')}));
        std::unique_ptr<PgConnection> omar;
        QVERIFY(!connectAs(QStringLiteral("omar"), &omar));
        QVERIFY(!omar->execute(
            mark, {m_omarEnrollment, QStringLiteral("laptop"), QStringLiteral("omar"), QByteArray(64, 'o')}));
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
        QVERIFY(!mira->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = $1 WHERE name = 'hana'"),
                               {QByteArray("mine now")}));
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        QVERIFY(
            !hana->execute(QStringLiteral("UPDATE onramp.step_records SET note = 'edited' WHERE enrollment_id = $1"),
                           {m_omarEnrollment}));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'hana'")).toByteArray(),
                 QByteArray("slot of hana"));
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT note FROM onramp.step_records WHERE enrollment_id = $1"),
                              {m_omarEnrollment})
                     .toString(),
                 QString());
        // Its owner changes their own slot (a passphrase change, with its entry).
        QVERIFY(!actWithEntry(*hana, QStringLiteral("passphrase.change"), QStringLiteral("hana"),
                              QStringLiteral("UPDATE onramp.key_slots SET slot = $1 WHERE name = 'hana'"),
                              {QByteArray("new slot")}));
        QCOMPARE(m_super->scalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'hana'")).toByteArray(),
                 QByteArray("new slot"));
    }

    // The client signs an entry's content; the server numbers and chains it.
    void theServerChainsTheAuditLog()
    {
        const QByteArray signature(64, '\x5a');
        std::unique_ptr<PgConnection> hana;
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        std::unique_ptr<PgConnection> mira;
        QVERIFY(!connectAs(QStringLiteral("mira"), &mira));
        const QString append = QStringLiteral("SELECT onramp.append_audit($1, $2, $3)");
        const qint64 first =
            hana->scalar(append, {QStringLiteral("step.done"), QByteArray("hana did laptop"), signature}).toLongLong();
        // As a change would: its rows, then the entry and COMMIT in one round trip.
        QList<QVariantList> appended;
        {
            PgConnection::Transaction transaction(*mira);
            QVERIFY(!mira->execute(
                QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, signature) "
                               "VALUES ($1, 'repo', 'approved', 'mira', $2)"),
                {m_hanaEnrollment, signature}));
            const Error error = transaction.commitAfter(
                append, {QStringLiteral("step.approve"), QByteArray("mira approved"), signature}, &appended);
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
        const QString append = QStringLiteral("SELECT onramp.append_audit($1, $2, $3)");
        QVERIFY(!hana->execute(append, {QStringLiteral("step.done"), QByteArray("first"), signature}));
        const Error error = mira->execute(append, {QStringLiteral("step.approve"), QByteArray("second"), signature});
        QCOMPARE(error.kind, ErrorKind::Busy);
        QCOMPARE(exitCodeFor(error.kind), 7);
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
        Error error = actWithEntry(*ada, QStringLiteral("passphrase.reset"), QStringLiteral("omar"), reset,
                                   {QStringLiteral("omar"), verifier, QByteArray("omar's new slot"), newKey});
        QVERIFY2(!error, qPrintable(error.message));

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
        // Alone, the disable does not commit: hana still signs in (the
        // sessions it ended before its commit failed stay ended).
        QCOMPARE(ada->execute(disable, {QStringLiteral("hana")}).kind, ErrorKind::NotPermitted);
        QVERIFY(!connectAs(QStringLiteral("hana"), &hana));
        QCOMPARE(hana->scalar(QStringLiteral("SELECT onramp.current_person()")).toString(), QStringLiteral("hana"));
        // Nor does hana's own slot change without hana's passphrase.change, or with mira's.
        QCOMPARE(hana->execute(QStringLiteral("UPDATE onramp.key_slots SET slot = 'x'")).kind, ErrorKind::NotPermitted);
        QCOMPARE(actWithEntry(*hana, QStringLiteral("passphrase.change"), QStringLiteral("mira"),
                              QStringLiteral("UPDATE onramp.key_slots SET slot = 'x'"), {})
                     .kind,
                 ErrorKind::NotPermitted);
        const Error error = actWithEntry(*ada, QStringLiteral("person.disable"), QStringLiteral("hana"), disable,
                                         {QStringLiteral("hana")});
        QVERIFY2(!error, qPrintable(error.message));

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
};

QTEST_GUILESS_MAIN(TestServerSchema)
#include "TestServerSchema.moc"
