// Signed authority: a hire holds the master key and can rewrite any byte of
// the vault folder. Each row applies one tampering the way such a hire would
// (raw SQL under the master key from their own slot, or an edited keys.json),
// then runs an admin's and a mentor's routine acts: every one is refused
// naming the record, no production secret reaches the hire, and `vault check`
// names the record too.
#include "Vault.h"
#include "VaultTestUtil.h"

#include "AuditLog.h"
#include "Person.h"
#include "Clock.h"
#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "Ledger.h"
#include "Records.h"
#include "TrustStore.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

using namespace onramp;
using namespace vaulttest;

namespace {

const QByteArray kKimPassphrase = "kim the second hire";
/// What the admin's routine `cred set prod-db` seals after the tampering:
/// it must never reach a hire.
const QByteArray kNewSecret = "NEW-PRODUCTION-SECRET-after-tampering";
const QByteArray kFirstSecret = "first production secret, set before";

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(ONRAMP_TEST_DATA "/checklists/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

Checklist parse(const QByteArray& yaml)
{
    ParseResult result = parseChecklist(yaml, QStringLiteral("authority.yaml"));
    if (!result.ok())
        qFatal("%s", qPrintable(result.errors.join(QLatin1Char('\n'))));
    return *result.checklist;
}

void copyVault(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()})
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            qFatal("cannot copy %s", qPrintable(name));
}

/// How far the onboarding went before the hire tampers.
enum class Stage { Enrolled, SignedOff, Revoked, Moved, Rejected, BothSignedOff };

} // namespace

class TestAuthority : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QMap<Stage, QString> m_pristine;
    int m_copies = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)};

    std::unique_ptr<Vault> as(const QString& dir, const QString& name, const QByteArray& passphrase)
    {
        std::unique_ptr<Vault> vault;
        if (const Error e = Vault::unlock(dir, name, passphrase, &vault))
            qWarning() << name << e.message;
        return vault;
    }
    std::unique_ptr<Vault> ada(const QString& dir) { return as(dir, QStringLiteral("ada"), kAdminPassphrase); }
    std::unique_ptr<Vault> max(const QString& dir) { return as(dir, QStringLiteral("max"), kMentorPassphrase); }
    std::unique_ptr<Vault> hal(const QString& dir) { return as(dir, QStringLiteral("hal"), kHirePassphrase); }

    void completeSteps(const QString& dir)
    {
        auto h = hal(dir);
        Enrollments hire(*h, m_clock);
        QVERIFY(!hire.markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        QVERIFY(!hire.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
    }

    /// A vault at \a stage, made through Onramp only.
    void build(Stage stage, const QString& dir)
    {
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".trust")));
        {
            std::unique_ptr<Vault> admin = makeVault(dir);
            QVERIFY(admin);
            QVERIFY(!admin->addPerson(QStringLiteral("kim"), {}, Role::Hire, kKimPassphrase));
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*admin).import(parse(fixture(QStringLiteral("authority.yaml"))), m_clock.now(),
                                                   &outcome));
            Enrollments enrollments(*admin, m_clock);
            for (const char* hire : {"hal", "kim"})
                QVERIFY(!enrollments.enroll(QString::fromLatin1(hire), QStringLiteral("week-one"),
                                            QStringLiteral("max"), QDate(2026, 11, 20)));
            int delivered = 0;
            QVERIFY(!Credentials(*admin, m_clock).setSecret(QStringLiteral("prod-db"),
                                                            SecureBytes::copyOf(kFirstSecret), &delivered));
        }
        if (stage == Stage::Enrolled)
            return;
        completeSteps(dir);
        if (stage == Stage::BothSignedOff) {
            auto k = as(dir, QStringLiteral("kim"), kKimPassphrase);
            Enrollments hire(*k, m_clock);
            QVERIFY(!hire.markDone(QStringLiteral("kim"), QStringLiteral("handbook"), {}));
            QVERIFY(!hire.markDone(QStringLiteral("kim"), QStringLiteral("sandbox-tests"), {}));
        }
        auto m = max(dir);
        Enrollments mentor(*m, m_clock);
        if (stage == Stage::BothSignedOff) {
            // kim first: her grants are rows 1 and 2, hal's 3 and 4.
            QVERIFY(!mentor.review(QStringLiteral("kim"), QStringLiteral("sandbox-tests"), true, {}));
            QVERIFY(!mentor.signOff(QStringLiteral("kim")));
        }
        if (stage == Stage::Rejected) {
            QVERIFY(!mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
            QVERIFY(!mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), false,
                                   QStringLiteral("the tests were red")));
            auto h = hal(dir);
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            return;
        }
        QVERIFY(!mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        QVERIFY(!mentor.signOff(QStringLiteral("hal")));
        if (stage == Stage::Revoked)
            QVERIFY(!Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db")));
        if (stage == Stage::Moved) {
            m.reset();
            auto a = ada(dir);
            QByteArray v2 = fixture(QStringLiteral("authority.yaml"));
            v2.replace("title: First week", "title: First week, second edition");
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*a).import(parse(v2), m_clock.now(), &outcome));
            QCOMPARE(outcome.version, 2);
            QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        }
    }

    /// A copy of the pristine vault at \a stage, on a desktop of its own that
    /// has seen everything up to now (as the admin's and mentor's desktop has).
    QString copyAt(Stage stage)
    {
        const QString dir = m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies));
        copyVault(m_pristine.value(stage), dir);
        const QString trust = dir + QStringLiteral(".trust");
        QDir().mkpath(trust);
        for (const QFileInfo& pin : QDir(m_pristine.value(stage) + QStringLiteral(".trust")).entryInfoList(QDir::Files))
            QFile::copy(pin.filePath(), QDir(trust).filePath(pin.fileName()));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(trust));
        return dir;
    }

    /// Raw SQL as the hire: the master key from their own slot, foreign keys
    /// and the audit log's triggers out of the way.
    void asHireWithSql(const QString& dir, const QStringList& statements, const QVariantList& params = {})
    {
        auto h = hal(dir);
        QVERIFY(h);
        for (const char* sql : {"PRAGMA foreign_keys = OFF", "DROP TRIGGER IF EXISTS audit_log_no_update",
                                "DROP TRIGGER IF EXISTS audit_log_no_delete"})
            QVERIFY(!h->db().execute(QString::fromLatin1(sql)));
        for (const QString& sql : statements) {
            const Error e = h->db().execute(sql, sql.contains(QLatin1Char('?')) ? params : QVariantList{});
            QVERIFY2(!e, qPrintable(sql + QStringLiteral(": ") + e.message));
        }
        // Put the triggers back, so that only what the row tampers with differs.
        for (const char* sql :
             {"CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
              " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
              "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log"
              " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"})
            QVERIFY(!h->db().execute(QString::fromLatin1(sql)));
    }

    /// What the sqlcipher shell lets the hire do: swap the pages of \a index
    /// with those of a copy of \a table whose rows \a edit changed, so that
    /// the index answers lookups with other rows while the table is untouched.
    void swapIndex(const QString& dir, const QString& table, const QString& index, const QStringList& edits)
    {
        auto h = hal(dir);
        QVERIFY(h);
        Database& db = h->db();
        const QString tableSql = db.scalar(QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = ?1"), {table})
                                     .toString();
        const QString indexSql = db.scalar(QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = ?1"), {index})
                                     .toString();
        QString copySql = tableSql;
        copySql.replace(QStringLiteral("CREATE TABLE %1 ").arg(table), QStringLiteral("CREATE TABLE x "));
        for (const QString& sql : QStringList{QStringLiteral("PRAGMA foreign_keys = OFF"), copySql,
                                              QStringLiteral("INSERT INTO x SELECT * FROM %1").arg(table)} + edits)
            QVERIFY2(!db.execute(sql), qPrintable(sql));
        QString copyIndex = QStringLiteral("xidx");
        if (indexSql.isEmpty()) { // an automatic index (a UNIQUE column): its copy is automatic too
            copyIndex = QString(index).replace(QStringLiteral("_%1_").arg(table), QStringLiteral("_x_"));
        } else {
            QString copyIndexSql = indexSql;
            copyIndexSql.replace(QStringLiteral("INDEX %1 ON %2 ").arg(index, table), QStringLiteral("INDEX xidx ON x "));
            QVERIFY2(!db.execute(copyIndexSql), qPrintable(copyIndexSql));
        }
        const qint64 real = db.scalar(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = ?1"), {index})
                                .toLongLong();
        const qint64 copy = db.scalar(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = ?1"),
                                      {copyIndex}).toLongLong();
        QVERIFY(real > 0 && copy > 0);
        int old = 0;
        sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_DEFENSIVE, 0, &old);
        QVERIFY(!db.execute(QStringLiteral("PRAGMA writable_schema = ON")));
        QVERIFY(!db.execute(QStringLiteral("UPDATE sqlite_schema SET rootpage = ?1 WHERE name = ?2"), {copy, index}));
        QVERIFY(!db.execute(QStringLiteral("UPDATE sqlite_schema SET rootpage = ?1 WHERE name = ?2"),
                            {real, copyIndex}));
        QVERIFY(!db.execute(QStringLiteral("PRAGMA writable_schema = OFF")));
        h.reset();
        h = hal(dir); // a fresh connection reads the swapped schema
        QVERIFY(h);
        QVERIFY(!h->db().execute(QStringLiteral("DROP TABLE x")));
    }

    QByteArray storedYaml(const QString& dir, int version = 1)
    {
        auto h = hal(dir);
        return h->db().scalar(QStringLiteral("SELECT yaml FROM checklists WHERE version = ?1"), {version})
            .toByteArray();
    }

    /// Every box sealed to hal that hal's key opens, and every credential hal can read.
    QList<QByteArray> whatHalCanRead(const QString& dir)
    {
        QList<QByteArray> found;
        auto h = hal(dir);
        if (!h)
            return found;
        QList<QVariantList> boxes;
        h->db().execute(QStringLiteral("SELECT sealed FROM credential_grants WHERE sealed IS NOT NULL "
                                       "UNION ALL SELECT sealed FROM sandbox_credentials WHERE sealed IS NOT NULL"),
                        {}, &boxes);
        for (const QVariantList& box : boxes)
            if (std::optional<SecureBytes> opened = h->openSealed(box.at(0).toByteArray()))
                found.append(opened->view().toByteArray());
        for (const char* id : {"sandbox-db", "prod-db", "prod-token"}) {
            CredentialView view;
            SecureBytes secret;
            if (!Credentials(*h, m_clock).read(QString::fromLatin1(id), &view, &secret))
                found.append(secret.view().toByteArray());
        }
        return found;
    }

    /// The routine acts of an admin and a mentor after the tampering: each is
    /// refused (ErrorKind::Damaged naming \a record), the new secret reaches
    /// no hire, and the admin's `vault check` names the record.
    /// An unlock, or its refusal naming \a record (a vault that went back is
    /// refused at the door, before any act).
    std::unique_ptr<Vault> openOrRefused(const QString& dir, const QString& name, const QByteArray& passphrase,
                                         const QString& record)
    {
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, name, passphrase, &vault);
        if (e && (e.kind != ErrorKind::Damaged || !e.message.contains(record)))
            qWarning() << "unlock refused for another reason:" << e.message;
        return vault;
    }

    void routineActsRefuse(const QString& dir, const QString& record)
    {
        if (auto a = openOrRefused(dir, QStringLiteral("ada"), kAdminPassphrase, record)) {
            int delivered = 0;
            const Error set = Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"),
                                                                 SecureBytes::copyOf(kNewSecret), &delivered);
            QCOMPARE(set.kind, ErrorKind::Damaged);
            QVERIFY2(set.message.contains(record), qPrintable(set.message));
            QCOMPARE(delivered, 0);
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            QCOMPARE(check.kind, ErrorKind::Damaged);
            QVERIFY2(check.message.contains(record), qPrintable(check.message));
        }
        if (auto m = openOrRefused(dir, QStringLiteral("max"), kMentorPassphrase, record)) {
            Enrollments mentor(*m, m_clock);
            const Error signoff = mentor.signOff(QStringLiteral("hal"));
            QCOMPARE(signoff.kind, ErrorKind::Damaged);
            QVERIFY2(signoff.message.contains(record), qPrintable(signoff.message));
            QDateTime expires;
            const Error renew = Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"),
                                                               &expires);
            QCOMPARE(renew.kind, ErrorKind::Damaged);
            const Error review = mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {});
            QCOMPARE(review.kind, ErrorKind::Damaged);
            EnrollmentStatus status;
            QCOMPARE(mentor.status(QStringLiteral("hal"), &status).kind, ErrorKind::Damaged);
        }
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY2(secret != kNewSecret, "the secret set after the tampering reached the hire");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (Stage stage : {Stage::Enrolled, Stage::SignedOff, Stage::Revoked, Stage::Moved, Stage::Rejected,
                            Stage::BothSignedOff}) {
            const QString dir = m_dir.filePath(QStringLiteral("pristine%1").arg(int(stage)));
            build(stage, dir);
            if (QTest::currentTestFailed())
                return;
            m_pristine.insert(stage, dir);
        }
    }

    void untamperedVaultsVerify_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("enrolled") << int(Stage::Enrolled);
        QTest::newRow("signed off") << int(Stage::SignedOff);
        QTest::newRow("revoked") << int(Stage::Revoked);
        QTest::newRow("moved") << int(Stage::Moved);
        QTest::newRow("rejected") << int(Stage::Rejected);
    }

    void untamperedVaultsVerify()
    {
        QFETCH(int, stage);
        const QString dir = copyAt(Stage(stage));
        auto a = ada(dir);
        LedgerCheck check;
        const Error e = Ledger::verify(*a, m_clock.now(), &check);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(check.records >= 3);
        QStringList report;
        QVERIFY2(!a->check(&report, m_clock.now()), qPrintable(report.join(QLatin1Char('\n'))));
        // And the routine act goes through: both hires enrolled get the secret where open.
        int delivered = 0;
        QVERIFY(!Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret),
                                                    &delivered));
        QCOMPARE(delivered, Stage(stage) == Stage::SignedOff ? 1 : 0);
    }

    void everyActThroughOnrampKeepsTheVaultVerifiable()
    {
        // Each routine act, in turn, on one vault: after each the whole check passes.
        const QString dir = copyAt(Stage::SignedOff);
        const auto verifies = [&](const char* after) {
            auto a = ada(dir);
            QVERIFY2(a, after);
            const Error e = Ledger::verify(*a, m_clock.now());
            QVERIFY2(!e, qPrintable(QStringLiteral("after %1: %2").arg(QLatin1String(after), e.message)));
        };
        {
            auto m = max(dir);
            QDateTime expires;
            QVERIFY(!Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires));
        }
        verifies("renew");
        {
            auto m = max(dir);
            QVERIFY(!Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-token")));
        }
        verifies("revoke");
        {
            auto a = ada(dir);
            QVERIFY(!a->addPerson(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
            QVERIFY(!a->resetPassphrase(QStringLiteral("kim"), "kim, reset by ada"));
            int delivered = 0;
            QVERIFY(!Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret),
                                                        &delivered));
            QCOMPARE(delivered, 1); // hal's live, renewed grant
        }
        verifies("add, reset and cred set");
        {
            auto a = ada(dir);
            QVERIFY(!a->disablePerson(QStringLiteral("mia")));
            QVERIFY(!a->rekey());
        }
        verifies("disable and rekey");
        {
            auto a = ada(dir);
            QByteArray v2 = fixture(QStringLiteral("authority.yaml"));
            v2.replace("title: Read the handbook", "title: Read the handbook again");
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*a).import(parse(v2), m_clock.now(), &outcome));
            QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        }
        verifies("import and move");
        {
            auto h = hal(dir);
            QVERIFY(!Enrollments(*h, m_clock).undo(QStringLiteral("hal"), QStringLiteral("handbook")));
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        }
        verifies("undo and done again");
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY2(secret != kNewSecret, "a secret reached the hire after a move to a version not signed off");
    }

    void moveEndsTheOldVersionsGrants()
    {
        const QString dir = copyAt(Stage::Moved);
        auto h = hal(dir);
        QCOMPARE(h->db().scalar(QStringLiteral("SELECT count(*) FROM credential_grants WHERE sealed IS NOT NULL "
                                               "OR ended IS NULL")).toLongLong(), 0);
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY(secret != kFirstSecret);
    }

    void attacksAreRefusedAndNamed_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("record");
        const auto row = [](const char* name, Stage stage, const char* record) {
            QTest::newRow(name) << int(stage) << QString::fromLatin1(name) << QString::fromLatin1(record);
        };
        row("relabelled credential", Stage::Enrolled, "checklists row 1: it is not what entry");
        row("un-revoked grant", Stage::Revoked, "credential_grants row 1: audit entry");
        row("forged grant", Stage::SignedOff, "credential_grants row 3: no audit entry vouches");
        row("forged grant by a forged mentor", Stage::SignedOff, "(eve): no audit entry added them");
        row("old version re-pointed", Stage::Moved, "enrollments row 1: it is not what entry");
        row("deleted rejection", Stage::Rejected, "step_reviews row 2, which entry");
        row("dropped requirements", Stage::Enrolled, "checklists row 1: it is not what entry");
        row("erased audit entry", Stage::SignedOff, "the vault went back");
        row("planted trigger", Stage::SignedOff, "trigger 'grant_revival'");
        row("role raised", Stage::SignedOff, "people row 3 (hal): the log made them a hire");
        row("review moved to another hire", Stage::SignedOff, "step_reviews row 1: it is not what entry");
    }

    void attacksAreRefusedAndNamed()
    {
        QFETCH(int, stage);
        QFETCH(QString, attack);
        QFETCH(QString, record);
        const QString dir = copyAt(Stage(stage));
        const QHash<QString, std::function<void()>> attacks = {
            {QStringLiteral("relabelled credential"), [&] {
                 QByteArray yaml = storedYaml(dir);
                 yaml.replace("environment: production\n    provider: static", "environment: sandbox\n    provider: static");
                 yaml.replace("production_hosts:\n  - db.prod.internal\n", "");
                 QVERIFY(yaml != storedYaml(dir));
                 asHireWithSql(dir, {QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE version = 1")}, {yaml});
             }},
            {QStringLiteral("un-revoked grant"), [&] {
                 asHireWithSql(dir, {QStringLiteral("UPDATE credential_grants SET ended = NULL, ended_at = NULL, "
                                                    "ended_by = NULL")});
             }},
            {QStringLiteral("forged grant"), [&] {
                 // Granted "by max", expiring 2099, signed with a key the hire made.
                 const crypto::SignKeyPair forger = crypto::generateSignKeyPair();
                 asHireWithSql(dir, {QStringLiteral("INSERT INTO credential_grants (enrollment_id, credential_id, "
                                                    "granted_at, expires_at, granted_by, signature) SELECT 1, "
                                                    "'prod-db', '2026-11-20T09:00:00.000Z', "
                                                    "'2099-01-01T00:00:00.000Z', id, ?1 FROM people "
                                                    "WHERE name = 'max'")},
                               {crypto::sign("forged", forger.secretKey)});
             }},
            {QStringLiteral("forged grant by a forged mentor"), [&] {
                 const crypto::SignKeyPair forger = crypto::generateSignKeyPair();
                 asHireWithSql(dir, {QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, "
                                                    "created_at) VALUES ('eve', 'Eve', 'mentor', ?1, "
                                                    "'2026-11-20T00:00:00Z')")},
                               {forger.publicKey});
             }},
            {QStringLiteral("old version re-pointed"), [&] {
                 asHireWithSql(dir, {QStringLiteral("UPDATE enrollments SET checklist_id = "
                                                    "(SELECT id FROM checklists WHERE version = 1) WHERE id = 1")});
             }},
            {QStringLiteral("deleted rejection"), [&] {
                 asHireWithSql(dir, {QStringLiteral("DELETE FROM step_reviews WHERE decision = 'rejected'")});
             }},
            {QStringLiteral("dropped requirements"), [&] {
                 QByteArray yaml = storedYaml(dir);
                 yaml.replace("required: true", "required: false");
                 yaml.replace("signoff: true", "signoff: false");
                 QVERIFY(yaml != storedYaml(dir));
                 asHireWithSql(dir, {QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE version = 1")}, {yaml});
             }},
            {QStringLiteral("erased audit entry"), [&] {
                 // In one session, as with the sqlcipher shell: the last entry
                 // (a grant.create) goes, and the key file's head is rewritten to match.
                 auto h = hal(dir);
                 QVERIFY(h);
                 QCOMPARE(h->db().scalar(QStringLiteral("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"))
                              .toString(), QStringLiteral("grant.create"));
                 QVERIFY(!h->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_delete")));
                 QVERIFY(!h->db().execute(QStringLiteral("DELETE FROM audit_log WHERE seq = "
                                                         "(SELECT max(seq) FROM audit_log)")));
                 QVERIFY(!h->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON "
                                                         "audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is "
                                                         "append-only'); END")));
                 qint64 seq = 0;
                 QByteArray hash;
                 QVERIFY(!AuditLog::head(h->db(), &seq, &hash));
                 KeyFile keys;
                 QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
                 keys.extra.insert(AuditLog::headField(),
                                   QJsonObject{{QStringLiteral("seq"), seq},
                                               {QStringLiteral("hash"), QString::fromLatin1(hash.toBase64())}});
                 QVERIFY(!keys.save(QDir(dir).filePath(Vault::keyFileName())));
             }},
            {QStringLiteral("planted trigger"), [&] {
                 asHireWithSql(dir, {QStringLiteral("CREATE TRIGGER grant_revival AFTER INSERT ON audit_log BEGIN "
                                                    "UPDATE credential_grants SET ended = NULL; END")});
             }},
            {QStringLiteral("role raised"), [&] {
                 asHireWithSql(dir, {QStringLiteral("UPDATE people SET role = 'mentor' WHERE name = 'hal'")});
             }},
            {QStringLiteral("review moved to another hire"), [&] {
                 asHireWithSql(dir, {QStringLiteral("UPDATE step_reviews SET enrollment_id = 2")});
             }},
        };
        QVERIFY(attacks.contains(attack));
        attacks.value(attack)();
        if (QTest::currentTestFailed())
            return;
        if (attack == QLatin1String("role raised")) {
            // Their own unlock already refuses the raised role; the admin's acts name the row.
            std::unique_ptr<Vault> raised;
            QCOMPARE(Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &raised).kind, ErrorKind::Damaged);
            auto a = ada(dir);
            int delivered = 0;
            const Error set = Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"),
                                                                 SecureBytes::copyOf(kNewSecret), &delivered);
            QVERIFY2(set.message.contains(record), qPrintable(set.message));
            return;
        }
        routineActsRefuse(dir, record);
        if (attack == QLatin1String("erased audit entry")) {
            // A desktop that never saw the erased entry still finds the grant it made.
            qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".never-saw-it")));
            auto a = ada(dir);
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            QVERIFY2(check.message.contains(QStringLiteral("credential_grants row 2: no audit entry vouches")),
                     qPrintable(check.message));
        }
    }

    void everyDecisionCarryingColumnIsCovered_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        for (const QString& table : records::vouchedTables())
            for (const QString& column : records::columnsOf(table))
                QTest::newRow(qPrintable(table + QLatin1Char('.') + column)) << table << column;
        for (const char* column : {"name", "role", "sign_public_key", "disabled"})
            QTest::newRow(qPrintable(QStringLiteral("people.") + QLatin1String(column)))
                << QStringLiteral("people") << QString::fromLatin1(column);
    }

    void everyDecisionCarryingColumnIsCovered()
    {
        QFETCH(QString, table);
        QFETCH(QString, column);
        const QString dir = copyAt(Stage::Moved);
        // The smallest edit of one column of the first row that the table's
        // constraints still accept: another person, another enrollment, the
        // other checklist version, the other decision, one more character.
        QString edit = QStringLiteral("CASE typeof(%1) WHEN 'integer' THEN %1 + 1 WHEN 'blob' THEN "
                                      "randomblob(length(%1)) ELSE %1 || 'x' END").arg(column);
        if (column.endsWith(QLatin1String("_by")) || column == QLatin1String("mentor_id")
            || column == QLatin1String("hire_id"))
            edit = QStringLiteral("CASE %1 WHEN 1 THEN 2 ELSE 1 END").arg(column); // ada is 1, max 2
        else if (column == QLatin1String("version"))
            edit = QStringLiteral("version + 10");
        else if (column == QLatin1String("enrollment_id"))
            edit = QStringLiteral("2");
        else if (column == QLatin1String("checklist_id"))
            edit = QStringLiteral("1");
        else if (column == QLatin1String("decision"))
            edit = QStringLiteral("CASE decision WHEN 'approved' THEN 'rejected' ELSE 'approved' END");
        else if (column == QLatin1String("role"))
            edit = QStringLiteral("'admin'");
        else if (column == QLatin1String("disabled"))
            edit = QStringLiteral("1 - disabled");
        const QString where = table == QLatin1String("people") ? QStringLiteral("name = 'kim'")
                                                               : QStringLiteral("id = (SELECT min(id) FROM %1)").arg(table);
        asHireWithSql(dir, {QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %4").arg(table, column, edit, where)});
        if (QTest::currentTestFailed())
            return;
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(table + QStringLiteral(" row ")), qPrintable(check.message));
    }

    void swappedIndexHandsNoActAnotherHiresRow()
    {
        // The grants' index now answers "hal's grant" with kim's and back.
        const QString dir = copyAt(Stage::BothSignedOff);
        swapIndex(dir, QStringLiteral("credential_grants"), QStringLiteral("credential_grants_by_enrollment"),
                  {QStringLiteral("UPDATE x SET enrollment_id = 3 - enrollment_id")});
        if (QTest::currentTestFailed())
            return;
        auto m = max(dir);
        QVERIFY(m);
        // Revoking (which does not wait for the whole check) scans the table:
        // it ends hal's grant, and nobody else's.
        const Error revoke = Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
        QVERIFY2(!revoke, qPrintable(revoke.message));
        QList<QVariantList> ended;
        QVERIFY(!m->db().execute(QStringLiteral("SELECT enrollment_id, credential_id FROM credential_grants NOT INDEXED "
                                                "WHERE ended IS NOT NULL"), {}, &ended));
        QCOMPARE(ended, (QList<QVariantList>{{qlonglong(1), QStringLiteral("prod-db")}}));
        m.reset();
        routineActsRefuse(dir, QStringLiteral("integrity check"));
    }

    void swappedEnrollmentIndexReleasesNothing()
    {
        // hal's step was sent back; the enrollments' index now answers "hal" with kim's enrollment.
        const QString dir = copyAt(Stage::Rejected);
        swapIndex(dir, QStringLiteral("enrollments"), QStringLiteral("sqlite_autoindex_enrollments_1"),
                  {QStringLiteral("UPDATE x SET hire_id = 99 WHERE id = 1"),
                   QStringLiteral("UPDATE x SET hire_id = 3 WHERE id = 2")});
        if (QTest::currentTestFailed())
            return;
        routineActsRefuse(dir, QStringLiteral("integrity check"));
    }

    void aTriggerHiddenBehindAnSqliteNameIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("sqlite_stat1") << QStringLiteral("sqlite_stat1");
        QTest::newRow("sqlite_stat4") << QStringLiteral("sqlite_stat4");
        QTest::newRow("sqlite_sequence") << QStringLiteral("sqlite_sequence");
    }

    void aTriggerHiddenBehindAnSqliteNameIsRefused()
    {
        // SQLite refuses such names to CREATE TRIGGER; writable_schema does not.
        // The trigger would undo the revocation inside the admin's cred set.
        QFETCH(QString, name);
        const QString dir = copyAt(Stage::Revoked);
        {
            auto h = hal(dir);
            QVERIFY(h);
            int old = 0;
            sqlite3_db_config(h->db().handle(), SQLITE_DBCONFIG_DEFENSIVE, 0, &old);
            QVERIFY(!h->db().execute(QStringLiteral("PRAGMA writable_schema = ON")));
            QVERIFY(!h->db().execute(QStringLiteral("INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) "
                                                    "VALUES ('trigger', ?1, 'credential_secrets', 0, ?2)"),
                                     {name, QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON credential_secrets BEGIN "
                                                           "UPDATE credential_grants SET ended = NULL, ended_at = NULL, "
                                                           "ended_by = NULL; END").arg(name)}));
            QVERIFY(!h->db().execute(QStringLiteral("PRAGMA writable_schema = OFF")));
        }
        routineActsRefuse(dir, QStringLiteral("a trigger '%1'").arg(name));
    }

    void anEntryCannotPassItselfOffAsSomeoneElses()
    {
        // A hire may sign entries about themselves, but not under the mentor's name.
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto h = hal(dir);
            QVERIFY(h);
            const Person asMax{h->me().id, QStringLiteral("max"), {}, Role::Hire, false, h->me().signPublicKey};
            Database::Transaction tx(h->db());
            QVERIFY(!AuditLog::appendUnmirrored(h->db(), asMax, [&h](QByteArrayView m) { return h->sign(m); },
                                                QStringLiteral("step.done"), QStringLiteral("hal"),
                                                {{QStringLiteral("step"), QStringLiteral("handbook")}}));
            QVERIFY(!tx.commit());
        }
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("it names its actor max, but person 3 is hal by the log")),
                 qPrintable(check.message));
    }

    void keptSecretsSwappedBetweenCredentialsAreFound()
    {
        const QString dir = copyAt(Stage::SignedOff); // prod-db (static) and prod-token (generated, kept) are kept
        asHireWithSql(dir, {QStringLiteral("UPDATE credential_secrets SET credential_id = CASE credential_id "
                                           "WHEN 'prod-db' THEN 'prod-token' ELSE 'prod-db' END, hire_id = NULL")});
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("credential_secrets: the kept secret of")),
                 qPrintable(check.message));
    }

    void aHireCannotMarkAnotherHiresSteps()
    {
        const QString dir = copyAt(Stage::Enrolled);
        // hal marks kim's (enrollment 2) steps done with raw SQL.
        asHireWithSql(dir, {QStringLiteral("INSERT INTO step_records (enrollment_id, step_id, done_at) VALUES "
                                           "(2, 'handbook', '2026-11-20T10:00:00.000Z'), "
                                           "(2, 'sandbox-tests', '2026-11-20T10:00:00.000Z')")});
        auto m = max(dir);
        const Error review = Enrollments(*m, m_clock).review(QStringLiteral("kim"), QStringLiteral("sandbox-tests"),
                                                             true, {});
        QCOMPARE(review.kind, ErrorKind::Damaged);
        QVERIFY2(review.message.contains(QStringLiteral("step_records (enrollment 2, step 'handbook')")),
                 qPrintable(review.message));
    }

    void plantedOrRestoredKeySlotsAreNamed_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("record");
        QTest::newRow("the hire's slot copied under another name") << QStringLiteral("copy")
                                                                   << QStringLiteral("key slot of zz-backup");
        QTest::newRow("a disabled mentor's slot put back") << QStringLiteral("restore")
                                                           << QStringLiteral("key slot of max");
        QTest::newRow("another person's slot removed") << QStringLiteral("remove")
                                                       << QStringLiteral("no key slot for kim");
    }

    void plantedOrRestoredKeySlotsAreNamed()
    {
        QFETCH(QString, how);
        QFETCH(QString, record);
        const QString dir = copyAt(Stage::SignedOff);
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile before;
        QVERIFY(!KeyFile::load(path, &before));
        if (how == QLatin1String("restore")) {
            // A second mentor takes over, so that max can be disabled.
            auto a = ada(dir);
            QVERIFY(!a->addPerson(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
            QVERIFY(!a->disablePerson(QStringLiteral("max")));
        }
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        if (how == QLatin1String("copy")) {
            KeySlot copy = *keys.slot(QStringLiteral("hal"));
            copy.name = QStringLiteral("zz-backup");
            keys.slots.append(copy);
        } else if (how == QLatin1String("restore")) {
            keys.setSlot(*before.slot(QStringLiteral("max")));
        } else {
            keys.slots.removeIf([](const KeySlot& slot) { return slot.name == QLatin1String("kim"); });
        }
        QVERIFY(!keys.save(path));
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(record), qPrintable(check.message));
        // Rotating the master key would seal it to the planted slot: refused.
        const Error rekey = a->rekey();
        QCOMPARE(rekey.kind, ErrorKind::Damaged);
        QVERIFY2(rekey.message.contains(record), qPrintable(rekey.message));
    }

    void substitutedProductionKeyIsRefused_data()
    {
        QTest::addColumn<bool>("stripSignature");
        QTest::addColumn<bool>("unlocks");
        QTest::newRow("slot still signed") << false << false;
        QTest::newRow("signature stripped") << true << true;
    }

    void substitutedProductionKeyIsRefused()
    {
        QFETCH(bool, stripSignature);
        QFETCH(bool, unlocks);
        const QString dir = copyAt(Stage::Enrolled);
        completeSteps(dir);
        {
            auto m = max(dir);
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        }
        // The hire seals a key of their own choosing to the mentor's public key:
        // sealing needs only the public key.
        const SecureBytes chosen = SecureBytes::random(crypto::kSymmetricKeyBytes);
        KeyFile keys;
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        QVERIFY(!KeyFile::load(path, &keys));
        KeySlot* slot = keys.slot(QStringLiteral("max"));
        slot->sealedProductionKey = crypto::sealTo(chosen.view(), slot->signPublicKey);
        if (stripSignature) {
            slot->signedBy.clear();
            slot->signature.clear();
        }
        QVERIFY(!keys.save(path));
        std::unique_ptr<Vault> m;
        const Error unlock = Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &m);
        QCOMPARE(!unlock, unlocks);
        if (!unlocks) {
            // Told as damage, naming whose slot, never as a wrong passphrase.
            QCOMPARE(unlock.kind, ErrorKind::Damaged);
            QVERIFY2(unlock.message.contains(QStringLiteral("key slot of max is damaged")), qPrintable(unlock.message));
            return;
        }
        QVERIFY(m->productionKey().equals(chosen));
        // Nothing is encrypted with it: the sign-off (which keeps the generated
        // token under the production key) is refused first, naming the slot.
        const Error signoff = Enrollments(*m, m_clock).signOff(QStringLiteral("hal"));
        QCOMPARE(signoff.kind, ErrorKind::Damaged);
        QVERIFY2(signoff.message.contains(QStringLiteral("key slot of max is damaged")), qPrintable(signoff.message));
        QCOMPARE(m->db().scalar(QStringLiteral("SELECT count(*) FROM signoffs")).toLongLong(), 0);
    }

    void everySlotIsCheckedAndTheDamagedOneNamed_data()
    {
        QTest::addColumn<QString>("field");
        for (const char* field : {"sign_public_key", "secret_key", "master_key", "production_key", "signature",
                                  "signed_by", "role"})
            QTest::newRow(field) << QString::fromLatin1(field);
    }

    void everySlotIsCheckedAndTheDamagedOneNamed()
    {
        QFETCH(QString, field);
        const QString dir = copyAt(Stage::Enrolled);
        // One byte of max's slot changed: the admin's check names max; max's
        // own unlock says damaged, not "wrong passphrase".
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray slots = root.value(QStringLiteral("slots")).toArray();
        for (qsizetype i = 0; i < slots.size(); ++i) {
            QJsonObject slot = slots.at(i).toObject();
            if (slot.value(QStringLiteral("name")).toString() != QLatin1String("max"))
                continue;
            const QString value = slot.value(field).toString();
            QVERIFY(!value.isEmpty());
            if (field == QLatin1String("signed_by") || field == QLatin1String("role")) {
                slot.insert(field, field == QLatin1String("role") ? QStringLiteral("admin") : QStringLiteral("hal"));
            } else {
                QByteArray bytes = QByteArray::fromBase64(value.toLatin1());
                bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x01);
                slot.insert(field, QString::fromLatin1(bytes.toBase64()));
            }
            slots.replace(i, slot);
        }
        root.insert(QStringLiteral("slots"), slots);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(root).toJson());
        file.close();
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("key slot of max")), qPrintable(check.message));
        std::unique_ptr<Vault> m;
        const Error unlock = Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &m);
        QCOMPARE(unlock.kind, ErrorKind::Damaged);
        QVERIFY2(unlock.message.contains(QStringLiteral("key slot of max")), qPrintable(unlock.message));
    }

    void everyBitFlipInAnotherPersonsSlotIsFound()
    {
        // 40 flips of one bit each, anywhere in the text of max's slot, with a
        // fixed seed: each is found by the admin's check or refused at unlock.
        const QString pristine = copyAt(Stage::Enrolled);
        QFile file(QDir(pristine).filePath(Vault::keyFileName()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        file.close();
        const qsizetype begin = text.indexOf("\"name\": \"max\"");
        const qsizetype slotStart = text.lastIndexOf('{', begin);
        const qsizetype slotEnd = text.indexOf('}', text.indexOf("\"signed_by\"", begin));
        QVERIFY(begin > 0 && slotStart > 0 && slotEnd > begin);
        QRandomGenerator random(20261201);
        int found = 0;
        for (int i = 0; i < 40; ++i) {
            const QString dir = copyAt(Stage::Enrolled);
            QByteArray flipped = text;
            const qsizetype at = slotStart + qsizetype(random.bounded(int(slotEnd - slotStart)));
            flipped[at] = char(flipped.at(at) ^ (1 << random.bounded(7)));
            QFile out(QDir(dir).filePath(Vault::keyFileName()));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(flipped);
            out.close();
            std::unique_ptr<Vault> a;
            Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &a);
            if (!e) {
                QStringList report;
                e = a->check(&report, m_clock.now());
            }
            if (e.kind == ErrorKind::Damaged)
                ++found;
            else
                qWarning() << "not found: byte" << at << "of the key file";
        }
        QCOMPARE(found, 40);
    }

    void aRewrittenPrefixIsFoundEvenWhereSignaturesAreNotCheckedAgain()
    {
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto a = ada(dir);
            QVERIFY(!Ledger::verify(*a, m_clock.now())); // this desktop has now verified the whole log
        }
        // The hire makes kim (person 4) an admin in her person.add entry and,
        // holding the hash key, hashes every later entry again so that the
        // chain links; the signatures they cannot make stay as they were.
        {
            auto h = hal(dir);
            QVERIFY(h);
            SecureBytes key;
            QVERIFY(!AuditLog::hashKey(h->db(), &key));
            QList<AuditEntry> entries;
            QVERIFY(!AuditLog::entries(h->db(), {}, &entries));
            QVERIFY(!h->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QByteArray previous;
            bool rewriting = false;
            for (AuditEntry e : entries) {
                if (e.action == QLatin1String("person.add") && e.subject == QLatin1String("kim")) {
                    e.details.replace(QStringLiteral("\"role\":\"hire\""), QStringLiteral("\"role\":\"admin\""));
                    rewriting = true;
                }
                if (rewriting) {
                    e.previousHash = previous;
                    e.hash = AuditLog::computeHash(e, key);
                    QVERIFY(!h->db().execute(QStringLiteral("UPDATE audit_log SET details = ?1, prev_hash = ?2, "
                                                            "hash = ?3 WHERE seq = ?4"),
                                             {e.details, e.previousHash, e.hash, e.sequence}));
                }
                previous = e.hash;
            }
            QVERIFY(rewriting);
            QVERIFY(!h->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                                                    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")));
        }
        // The new head hash is not the one this desktop verified: refused at the door.
        std::unique_ptr<Vault> a;
        const Error unlock = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &a);
        QCOMPARE(unlock.kind, ErrorKind::Damaged);
        // Had the desktop remembered only the verified prefix (not the head),
        // the check that skips the prefix's signatures still finds it.
        const QString trust = QString::fromLocal8Bit(qgetenv("ONRAMP_TRUST_DIR"));
        const QString elsewhere = dir + QStringLiteral(".prefix-only");
        QDir().mkpath(elsewhere);
        for (const QFileInfo& file : QDir(trust).entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile in(file.filePath());
            QVERIFY(in.open(QIODevice::ReadOnly));
            QJsonObject json = QJsonDocument::fromJson(in.readAll()).object();
            json.insert(QStringLiteral("head_seq"), 0);
            json.insert(QStringLiteral("head_hash"), QString());
            QFile out(QDir(elsewhere).filePath(file.fileName()));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QJsonDocument(json).toJson());
        }
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(elsewhere));
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &a));
        const Error incremental = Ledger::verify(*a, m_clock.now(), nullptr, Ledger::Depth::Incremental);
        QCOMPARE(incremental.kind, ErrorKind::Damaged);
        QVERIFY2(incremental.message.contains(QStringLiteral("audit log entry 4: bad signature")),
                 qPrintable(incremental.message));
        const Error full = Ledger::verify(*a, m_clock.now());
        QVERIFY2(full.message.contains(QStringLiteral("bad signature")), qPrintable(full.message));
    }

    void aVaultFromBeforeSignedAuthorityIsNamedAsSuch()
    {
        // What an older Onramp wrote: a vault.create naming no production key
        // check (the log re-signed here by its only author, ada).
        const QString dir = m_dir.filePath(QStringLiteral("older"));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".trust")));
        auto a = makeVault(dir);
        QVERIFY(a);
        SecureBytes key;
        QVERIFY(!AuditLog::hashKey(a->db(), &key));
        QList<AuditEntry> entries;
        QVERIFY(!AuditLog::entries(a->db(), {}, &entries));
        QVERIFY(!a->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        QByteArray previous(AuditLog::kHashBytes, '\0');
        for (AuditEntry e : entries) {
            if (e.sequence == 1) {
                QJsonObject details = QJsonDocument::fromJson(e.details.toUtf8()).object();
                details.remove(QStringLiteral("production_key_check"));
                e.details = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
            }
            e.previousHash = previous;
            e.hash = AuditLog::computeHash(e, key);
            e.signature = a->sign(AuditLog::signedMessage(e.hash));
            QVERIFY(!a->db().execute(QStringLiteral("UPDATE audit_log SET details = ?1, prev_hash = ?2, hash = ?3, "
                                                    "signature = ?4 WHERE seq = ?5"),
                                     {e.details, e.previousHash, e.hash, e.signature, e.sequence}));
            previous = e.hash;
        }
        QVERIFY(!a->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                                                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")));
        KeyFile keys;
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
        keys.extra.insert(AuditLog::headField(), QJsonObject{{QStringLiteral("seq"), entries.size()},
                                                             {QStringLiteral("hash"),
                                                              QString::fromLatin1(previous.toBase64())}});
        QVERIFY(!keys.save(QDir(dir).filePath(Vault::keyFileName())));
        QDir(dir + QStringLiteral(".trust")).removeRecursively(); // as a desktop that never saw the original
        const Error e = Ledger::verify(*a, m_clock.now());
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("from before signed authority")), qPrintable(e.message));
    }

    void rootIsPinnedOnFirstUseAndAnotherIsRefused()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString elsewhere = dir + QStringLiteral(".new-desktop");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(elsewhere));
        std::unique_ptr<Vault> first = hal(dir);
        QVERIFY(first);
        const QString id = first->vaultId();
        QVERIFY2(first->firstUseNote().contains(QStringLiteral("first use")), qPrintable(first->firstUseNote()));
        first.reset();
        QCOMPARE(hal(dir)->firstUseNote(), QString());
        // A desktop that pinned another root (the folder was replaced by a
        // vault whose log starts from a key the hire made) refuses to open it.
        std::optional<VaultPin> pin;
        QVERIFY(!TrustStore::load(id, &pin));
        QVERIFY(pin);
        QFile file(QDir(elsewhere).filePath(id + QStringLiteral(".json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        json.insert(QStringLiteral("root_key"),
                    QString::fromLatin1(crypto::generateSignKeyPair().publicKey.toBase64()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(json).toJson());
        file.close();
        std::unique_ptr<Vault> refused;
        const Error e = Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &refused);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("not the one this desktop pinned")), qPrintable(e.message));
    }

    void aDeliberateRestoreIsAnAdminsSignedAct()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString backup = dir + QStringLiteral(".backup");
        copyVault(dir, backup);
        completeSteps(dir);
        // A second desktop that also saw the newer state.
        const QString mine = QString::fromLocal8Bit(qgetenv("ONRAMP_TRUST_DIR"));
        const QString other = dir + QStringLiteral(".other-desktop");
        QDir().mkpath(other);
        for (const QFileInfo& pin : QDir(mine).entryInfoList({QStringLiteral("*.json")}, QDir::Files))
            QVERIFY(QFile::copy(pin.filePath(), QDir(other).filePath(pin.fileName())));
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
        std::unique_ptr<Vault> refused;
        QCOMPARE(Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused).kind, ErrorKind::Damaged);
        // Nobody but an admin confirms it, and nothing else runs in that session.
        std::unique_ptr<Vault> hire;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire, Vault::UnlockMode::AcceptRestore));
        qint64 epoch = 0;
        QCOMPARE(Ledger::confirmRestore(*hire, m_clock.now(), &epoch).kind, ErrorKind::NotPermitted);
        hire.reset();
        std::unique_ptr<Vault> admin;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &admin, Vault::UnlockMode::AcceptRestore));
        int delivered = 0;
        QCOMPARE(Credentials(*admin, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret),
                                                        &delivered).kind, ErrorKind::NotPermitted);
        const Error confirmed = Ledger::confirmRestore(*admin, m_clock.now(), &epoch);
        QVERIFY2(!confirmed, qPrintable(confirmed.message));
        QCOMPARE(epoch, 1);
        admin.reset();
        // This desktop and the other one now accept the restored vault.
        QVERIFY(ada(dir));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(other));
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        QVERIFY2(!a->check(&report, m_clock.now()), qPrintable(report.join(QLatin1Char('\n'))));
        // ...and refuse going back behind the restore again.
        a.reset();
        completeSteps(dir);
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
        QCOMPARE(Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused).kind, ErrorKind::Damaged);
    }

    void rollbackOfTheWholeFolderIsRefusedWhereTheNewerStateWasSeen()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString backup = dir + QStringLiteral(".backup");
        copyVault(dir, backup);
        completeSteps(dir); // the desktop sees two more entries
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
        std::unique_ptr<Vault> refused;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("the vault went back")), qPrintable(e.message));
    }
};

QTEST_GUILESS_MAIN(TestAuthority)
#include "TestAuthority.moc"
