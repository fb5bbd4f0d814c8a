// The vaults the signed-authority tests tamper with, built through Onramp at
// each stage of an onboarding, and what a hire and the routine acts of an
// admin and a mentor do to them. Shared by TestAuthority, TestKeySlots and
// TestDesktopTrust.
#pragma once

#include "TestData.h"
#include "VaultTestUtil.h"
#include "vault/Vault.h"

#include "Clock.h"
#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/Person.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

namespace authoritytest {

using namespace onramp;
using namespace vaulttest;

inline const QByteArray kKimPassphrase = "kim the second hire";
/// What the admin's routine `cred set prod-db` seals after the tampering:
/// it must never reach a hire.
inline const QByteArray kNewSecret = "NEW-PRODUCTION-SECRET-after-tampering";
inline const QByteArray kFirstSecret = "first production secret, set before";

inline Checklist parse(const QByteArray& yaml)
{
    ParseResult result = parseChecklist(yaml, QStringLiteral("authority.yaml"));
    if (!result.ok())
        qFatal("%s", qPrintable(result.errors.join(QLatin1Char('\n'))));
    return *result.checklist;
}

inline void copyVault(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()})
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            qFatal("cannot copy %s", qPrintable(name));
}

/// How far the onboarding went before the hire tampers.
enum class Stage { Enrolled, SignedOff, Revoked, Moved, Rejected, BothSignedOff };

/// A fixture to inherit beside QObject: pristine vaults at every stage, copied per test.
class AuthorityFixture
{
protected:
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
            QVERIFY(!People(*admin).add(QStringLiteral("kim"), {}, Role::Hire, kKimPassphrase));
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*admin).import(parse(checklistFixture(QStringLiteral("authority.yaml"))),
                                                   m_clock.now(), &outcome));
            Enrollments enrollments(*admin, m_clock);
            for (const char* hire : {"hal", "kim"})
                QVERIFY(!enrollments.enroll(QString::fromLatin1(hire), QStringLiteral("week-one"),
                                            QStringLiteral("max"), QDate(2026, 11, 20)));
            int delivered = 0;
            QVERIFY(!Credentials(*admin, m_clock)
                         .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered));
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
            QByteArray v2 = checklistFixture(QStringLiteral("authority.yaml"));
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
        for (const char* sql : {"CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
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
        const QString tableSql =
            db.scalar(QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = ?1"), {table}).toString();
        const QString indexSql =
            db.scalar(QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = ?1"), {index}).toString();
        QString copySql = tableSql;
        copySql.replace(QStringLiteral("CREATE TABLE %1 ").arg(table), QStringLiteral("CREATE TABLE x "));
        for (const QString& sql : QStringList{QStringLiteral("PRAGMA foreign_keys = OFF"), copySql,
                                              QStringLiteral("INSERT INTO x SELECT * FROM %1").arg(table)}
                 + edits)
            QVERIFY2(!db.execute(sql), qPrintable(sql));
        QString copyIndex = QStringLiteral("xidx");
        if (indexSql.isEmpty()) { // an automatic index (a UNIQUE column): its copy is automatic too
            copyIndex = QString(index).replace(QStringLiteral("_%1_").arg(table), QStringLiteral("_x_"));
        } else {
            QString copyIndexSql = indexSql;
            copyIndexSql.replace(QStringLiteral("INDEX %1 ON %2 ").arg(index, table),
                                 QStringLiteral("INDEX xidx ON x "));
            QVERIFY2(!db.execute(copyIndexSql), qPrintable(copyIndexSql));
        }
        const qint64 real =
            db.scalar(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = ?1"), {index}).toLongLong();
        const qint64 copy =
            db.scalar(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = ?1"), {copyIndex}).toLongLong();
        QVERIFY(real > 0 && copy > 0);
        int old = 0;
        sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_DEFENSIVE, 0, &old);
        QVERIFY(!db.execute(QStringLiteral("PRAGMA writable_schema = ON")));
        QVERIFY(!db.execute(QStringLiteral("UPDATE sqlite_schema SET rootpage = ?1 WHERE name = ?2"), {copy, index}));
        QVERIFY(
            !db.execute(QStringLiteral("UPDATE sqlite_schema SET rootpage = ?1 WHERE name = ?2"), {real, copyIndex}));
        QVERIFY(!db.execute(QStringLiteral("PRAGMA writable_schema = OFF")));
        h.reset();
        h = hal(dir); // a fresh connection reads the swapped schema
        QVERIFY(h);
        QVERIFY(!h->db().execute(QStringLiteral("DROP TABLE x")));
    }

    QByteArray storedYaml(const QString& dir, int version = 1)
    {
        auto h = hal(dir);
        return h->db()
            .scalar(QStringLiteral("SELECT yaml FROM checklists WHERE version = ?1"), {version})
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
            const Error set = Credentials(*a, m_clock)
                                  .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
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
            const Error renew =
                Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires);
            QCOMPARE(renew.kind, ErrorKind::Damaged);
            const Error review = mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {});
            QCOMPARE(review.kind, ErrorKind::Damaged);
            EnrollmentStatus status;
            QCOMPARE(mentor.status(QStringLiteral("hal"), &status).kind, ErrorKind::Damaged);
        }
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY2(secret != kNewSecret, "the secret set after the tampering reached the hire");
    }

    /// Builds the pristine vault of every stage (from initTestCase()).
    void buildStages()
    {
        QVERIFY(m_dir.isValid());
        for (Stage stage :
             {Stage::Enrolled, Stage::SignedOff, Stage::Revoked, Stage::Moved, Stage::Rejected, Stage::BothSignedOff}) {
            const QString dir = m_dir.filePath(QStringLiteral("pristine%1").arg(int(stage)));
            build(stage, dir);
            if (QTest::currentTestFailed())
                return;
            m_pristine.insert(stage, dir);
        }
    }
};

} // namespace authoritytest
