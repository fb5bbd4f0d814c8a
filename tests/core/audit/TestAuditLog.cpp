// The audit log over a real vault, tested the way transparency-log verifiers
// are: a chain of real entries, then one kind of tampering per case (each
// column edited, a deletion, a swap, an insertion, a truncation, an entry
// re-signed with another person's key), each detected and named with the
// right sequence number and reason. Also: the failure of the audit write
// rolls back the change it records, and the head mirror's crash window.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "Crypto.h"
#include "Database.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

namespace {

const QByteArray kChecklist = checklistFixture(QStringLiteral("week-one.yaml"));

Checklist parse(const QByteArray& yaml)
{
    ParseResult result = parseChecklist(yaml, QStringLiteral("test.yaml"));
    if (!result.ok())
        qFatal("%s", qPrintable(result.errors.join(QLatin1Char('\n'))));
    return *result.checklist;
}

/// Sets ONRAMP_TEST_FAIL_AUDIT for its lifetime.
struct FailAudit {
    FailAudit() { qputenv("ONRAMP_TEST_FAIL_AUDIT", "1"); }
    ~FailAudit() { qunsetenv("ONRAMP_TEST_FAIL_AUDIT"); }
};

void copyVault(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
        QFile::remove(QDir(to).filePath(name));
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            qFatal("cannot copy %s", qPrintable(name));
    }
}

} // namespace

Q_DECLARE_METATYPE(onramp::AuditProblem)

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pristine;
    qint64 m_entries = 0;
    int m_copies = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)};

    std::unique_ptr<Vault> as(const QString& dir, const QString& name, const QByteArray& passphrase)
    {
        std::unique_ptr<Vault> vault;
        if (const Error e = Vault::unlock(dir, name, passphrase, &vault))
            qWarning() << e.message;
        return vault;
    }
    std::unique_ptr<Vault> ada(const QString& dir) { return as(dir, QStringLiteral("ada"), kAdminPassphrase); }
    std::unique_ptr<Vault> max(const QString& dir) { return as(dir, QStringLiteral("max"), kMentorPassphrase); }
    std::unique_ptr<Vault> hal(const QString& dir) { return as(dir, QStringLiteral("hal"), kHirePassphrase); }

    QString copy()
    {
        const QString dir = m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies));
        copyVault(m_pristine, dir);
        // A copy of the same vault at an earlier state is a rollback to a desktop
        // that saw the later one: each copy is a desktop of its own.
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".trust")));
        return dir;
    }

    /// Raw SQL as an attacker holding the master key: the append-only triggers dropped first.
    void tamper(const QString& dir, const QStringList& statements, const QList<QVariantList>& params = {})
    {
        std::unique_ptr<Vault> vault = ada(dir);
        QVERIFY(vault);
        QVERIFY(!vault->db().execute(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update")));
        QVERIFY(!vault->db().execute(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_delete")));
        for (int i = 0; i < statements.size(); ++i) {
            const Error e = vault->db().execute(statements.at(i), params.value(i));
            QVERIFY2(!e, qPrintable(e.message));
        }
        // The log itself is under test here: it is verified on a desktop that
        // never saw the vault (TestAuthority covers the desktop's memory).
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".elsewhere")));
    }

    AuditVerification verify(const QString& dir)
    {
        AuditVerification result;
        std::unique_ptr<Vault> vault = ada(dir);
        if (!vault)
            qFatal("cannot unlock %s", qPrintable(dir));
        if (const Error e = AuditVerifier::verify(*vault, &result))
            qFatal("verify: %s", qPrintable(e.message));
        return result;
    }

    AuditEntry entry(Vault& vault, qint64 sequence)
    {
        QList<AuditEntry> page;
        AuditLog::page(vault.db(), sequence - 1, 1, &page);
        return page.value(0);
    }

    /// An entry claiming \a actor, hashed with the vault's hash key (the master
    /// key's holders can), signed by \a signer.
    AuditEntry forge(Vault& vault, qint64 sequence, const Person& actor, const Vault& signer, const QString& at = {})
    {
        return forge(
            vault, sequence, actor, [&signer](QByteArrayView m) { return signer.sign(m); }, at);
    }
    AuditEntry forge(Vault& vault, qint64 sequence, const Person& actor, const AuditSigner& sign,
                     const QString& at = {}, const QString& action = QStringLiteral("person.add"),
                     const QJsonObject& details = {})
    {
        AuditEntry forged;
        forged.sequence = sequence;
        forged.at = at.isEmpty() ? AuditLog::timeText(QDateTime::currentDateTimeUtc()) : at;
        forged.actorId = actor.id;
        forged.actorName = actor.name;
        forged.action = action;
        forged.subject = QStringLiteral("mallory");
        forged.details = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
        forged.previousHash = entry(vault, sequence - 1).hash;
        SecureBytes key;
        AuditLog::hashKey(vault.db(), &key);
        forged.hash = AuditLog::computeHash(forged, key);
        forged.signature = sign(AuditLog::signedMessage(forged.hash));
        return forged;
    }

    static QVariantList row(const AuditEntry& e)
    {
        return {e.sequence, e.at,      e.actorId,      e.actorName, e.action,
                e.subject,  e.details, e.previousHash, e.hash,      e.signature};
    }
    static QString insertSql()
    {
        return QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject, details, "
                              "prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    static QStringList actions(Vault& vault)
    {
        QList<AuditEntry> all;
        AuditLog::entries(vault.db(), {}, &all);
        QStringList result;
        for (const AuditEntry& e : all)
            result.append(e.action);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pristine = m_dir.filePath(QStringLiteral("pristine"));
        std::unique_ptr<Vault> admin = makeVault(m_pristine);
        QVERIFY(admin);
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*admin).import(parse(kChecklist), m_clock.now(), &outcome));
        QVERIFY(!Enrollments(*admin, m_clock)
                     .enroll(QStringLiteral("hal"), QStringLiteral("week-one"), QStringLiteral("max"),
                             QDate(2026, 11, 20)));
        admin.reset();
        std::unique_ptr<Vault> hire = hal(m_pristine);
        Enrollments hireSide(*hire, m_clock);
        QVERIFY(!hireSide.markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        QVERIFY(!hireSide.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), QStringLiteral("green")));
        QVERIFY(!hireSide.markDone(QStringLiteral("hal"), QStringLiteral("lunch"), {}));
        QVERIFY(!hireSide.undo(QStringLiteral("hal"), QStringLiteral("lunch")));
        hire.reset();
        std::unique_ptr<Vault> mentor = max(m_pristine);
        Enrollments mentorSide(*mentor, m_clock);
        QVERIFY(!mentorSide.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        QVERIFY(!mentorSide.signOff(QStringLiteral("hal")));
        QCOMPARE(actions(*mentor),
                 QStringList({"vault.create", "person.add", "person.add", "checklist.import", "enrollment.create",
                              "step.done", "step.done", "step.done", "step.undo", "step.approve", "signoff"}));
        mentor.reset();
        const AuditVerification result = verify(m_pristine);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(result.notes.isEmpty());
        m_entries = result.entries;
        QCOMPARE(m_entries, qint64(11));
    }

    // The walk refuses an entry whose details are not the bytes Qt's compact
    // writer makes of them, so every vault depends on that writer staying
    // as it is: pinned here for every kind of value details hold (a Qt that
    // writes otherwise fails this test before it fails a vault).
    void detailsAreWrittenInOneForm()
    {
        const QJsonObject details{
            {QStringLiteral("zeta"), true},
            {QStringLiteral("alpha"), QJsonValue::Null},
            {QStringLiteral("count"), qint64(9007199254740991)},
            {QStringLiteral("negative"), -42},
            {QStringLiteral("text"), QStringLiteral("Grüße \"quoted\" \\ back\nslash\ttab\u0001 €")},
            {QStringLiteral("records"),
             QJsonArray{QJsonObject{{QStringLiteral("table"), QStringLiteral("signoffs")},
                                    {QStringLiteral("id"), 3},
                                    {QStringLiteral("digest"), QStringLiteral("q83v/+A=")}}}},
            {QStringLiteral("empty"), QJsonObject{}},
            {QStringLiteral("none"), QJsonArray{}},
        };
        const QByteArray written = QJsonDocument(details).toJson(QJsonDocument::Compact);
        QCOMPARE(written,
                 QByteArray("{\"alpha\":null,\"count\":9007199254740991,\"empty\":{},\"negative\":-42,"
                            "\"none\":[],\"records\":[{\"digest\":\"q83v/+A=\",\"id\":3,\"table\":"
                            "\"signoffs\"}],\"text\":\"Gr\xc3\xbc\xc3\x9f"
                            "e \\\"quoted\\\" \\\\ back\\nslash\\ttab"
                            "\\u0001 \xe2\x82\xac\",\"zeta\":true}"));
        // Read back and written again: the same bytes.
        QCOMPARE(QJsonDocument::fromJson(written).toJson(QJsonDocument::Compact), written);
    }

    void entriesHoldTheirFields()
    {
        std::unique_ptr<Vault> vault = ada(m_pristine);
        const AuditEntry done = entry(*vault, 7);
        QCOMPARE(done.actorName, QStringLiteral("hal"));
        QCOMPARE(done.action, QStringLiteral("step.done"));
        QCOMPARE(done.subject, QStringLiteral("hal"));
        // The note is not copied; the time the record says it was done is signed.
        const QJsonObject details = QJsonDocument::fromJson(done.details.toUtf8()).object();
        QCOMPARE(details.keys(),
                 (QStringList{QStringLiteral("done_at"), QStringLiteral("enrollment"), QStringLiteral("step")}));
        QCOMPARE(details.value(QStringLiteral("step")).toString(), QStringLiteral("sandbox-tests"));
        QVERIFY(
            QDateTime::fromString(details.value(QStringLiteral("done_at")).toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(done.previousHash, entry(*vault, 6).hash);
        QVERIFY(QDateTime::fromString(done.at, Qt::ISODateWithMs).isValid());
        QVERIFY(done.at.endsWith(QLatin1Char('Z')) && done.at.contains(QLatin1Char('.')));
        QCOMPARE(entry(*vault, 1).previousHash, QByteArray(AuditLog::kHashBytes, '\0'));
        // The key file mirrors the head.
        KeyFile keys;
        QVERIFY(!KeyFile::load(QDir(m_pristine).filePath(Vault::keyFileName()), &keys));
        qint64 sequence = 0;
        QByteArray hash;
        AuditLog::headOf(keys, &sequence, &hash);
        QCOMPARE(sequence, m_entries);
        QCOMPARE(hash, entry(*vault, m_entries).hash);
    }

    void newestKeepsTheLastMatchingEntriesOldestFirst()
    {
        std::unique_ptr<Vault> vault = ada(m_pristine);
        AuditQuery query;
        query.newest = 3;
        QList<AuditEntry> last;
        QVERIFY(!AuditLog::entries(vault->db(), query, &last));
        QCOMPARE(last.size(), 3);
        QCOMPARE(last.first().sequence, m_entries - 2);
        QCOMPARE(last.last().sequence, m_entries);
        query.action = QStringLiteral("step.done");
        query.newest = 2;
        last.clear();
        QVERIFY(!AuditLog::entries(vault->db(), query, &last));
        QCOMPARE(last.size(), 2);
        QVERIFY(last.first().sequence < last.last().sequence);
        QCOMPARE(last.last().action, QStringLiteral("step.done"));
    }

    void appendOnlyTriggersRefuseEditsThroughSql()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> vault = ada(dir);
        QVERIFY(vault->db().execute(QStringLiteral("UPDATE audit_log SET subject = 'x' WHERE seq = 2")).isError());
        QVERIFY(vault->db().execute(QStringLiteral("DELETE FROM audit_log WHERE seq = 11")).isError());
    }

    void tamperingIsNamed_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<AuditProblem>("problem");
        QTest::addColumn<qint64>("sequence");
        // Entry 7 is hal's "step.done sandbox-tests"; every column of it, edited alone.
        const auto edit = [](const char* column, const char* value) {
            return QStringList{QStringLiteral("UPDATE audit_log SET %1 = %2 WHERE seq = 7")
                                   .arg(QLatin1String(column), QLatin1String(value))};
        };
        QTest::newRow("seq") << edit("seq", "1000") << AuditProblem::Gap << qint64(7);
        QTest::newRow("at") << edit("at", "'2026-11-20T09:00:00.000Z'") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("actor_id") << edit("actor_id", "1") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("actor_name") << edit("actor_name", "'max'") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("action") << edit("action", "'step.undo'") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("subject") << edit("subject", "'someone'") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("details") << edit("details", "'{\"step\":\"handbook\"}'") << AuditProblem::HashMismatch
                                 << qint64(7);
        QTest::newRow("prev_hash") << edit("prev_hash", "zeroblob(32)") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("hash") << edit("hash", "randomblob(32)") << AuditProblem::HashMismatch << qint64(7);
        QTest::newRow("signature") << edit("signature", "randomblob(64)") << AuditProblem::BadSignature << qint64(7);
        QTest::newRow("deletion") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 7")}
                                  << AuditProblem::Gap << qint64(7);
        QTest::newRow("deletion of the first")
            << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 1")} << AuditProblem::Gap << qint64(1);
        QTest::newRow("swap") << QStringList{QStringLiteral("UPDATE audit_log SET seq = 1000 WHERE seq = 7"),
                                             QStringLiteral("UPDATE audit_log SET seq = 7 WHERE seq = 8"),
                                             QStringLiteral("UPDATE audit_log SET seq = 8 WHERE seq = 1000")}
                              << AuditProblem::Order << qint64(7);
        QTest::newRow("swap far apart") << QStringList{QStringLiteral("UPDATE audit_log SET seq = 1000 WHERE seq = 4"),
                                                       QStringLiteral("UPDATE audit_log SET seq = 4 WHERE seq = 9"),
                                                       QStringLiteral("UPDATE audit_log SET seq = 9 WHERE seq = 1000")}
                                        << AuditProblem::Order << qint64(4);
        QTest::newRow("truncation of the last") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 11")}
                                                << AuditProblem::HeadMismatch << qint64(11);
        QTest::newRow("truncation of three") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq >= 9")}
                                             << AuditProblem::HeadMismatch << qint64(9);
        // Found by fuzz_audit_verifier: the walk started at entry 1, so a row
        // numbered 0 or less was listed by 'audit log' but never verified.
        const auto copyNumbered = [](const char* sequence) {
            return QStringList{
                QStringLiteral("INSERT INTO audit_log SELECT %1, at, actor_id, actor_name, action, "
                               "subject, details, prev_hash, hash, signature FROM audit_log WHERE seq = 7")
                    .arg(QLatin1String(sequence))};
        };
        QTest::newRow("copy numbered 0") << copyNumbered("0") << AuditProblem::Order << qint64(0);
        QTest::newRow("copy numbered -5") << copyNumbered("-5") << AuditProblem::Order << qint64(-5);
        QTest::newRow("everything deleted")
            << QStringList{QStringLiteral("DELETE FROM audit_log")} << AuditProblem::HeadMismatch << qint64(1);
    }

    void tamperingIsNamed()
    {
        QFETCH(QStringList, statements);
        QFETCH(AuditProblem, problem);
        QFETCH(qint64, sequence);
        const QString dir = copy();
        tamper(dir, statements);
        const AuditVerification result = verify(dir);
        QVERIFY2(result.problem == problem, qPrintable(result.message));
        QCOMPARE(result.sequence, sequence);
        QVERIFY2(result.message.contains(QStringLiteral("entry %1: %2").arg(sequence).arg(auditProblemName(problem))),
                 qPrintable(result.message));
        QCOMPARE(result.toError().kind, ErrorKind::Damaged);
    }

    void entryReSignedWithAnotherPersonsKeyIsNamed()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> mentor = max(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry byAdmin = entry(*admin, 4); // ada's checklist.import
        QCOMPARE(byAdmin.actorName, QStringLiteral("ada"));
        tamper(dir, {QStringLiteral("UPDATE audit_log SET signature = ? WHERE seq = 4")},
               {{mentor->sign(AuditLog::signedMessage(byAdmin.hash))}});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::BadSignature);
        QCOMPARE(result.sequence, qint64(4));
        QVERIFY2(result.message.contains(QStringLiteral("not signed by ada's key")), qPrintable(result.message));
    }

    void entryReattributedAndReSignedBreaksTheNextLink()
    {
        // Someone with the master key rewrites ada's entry 4 as their own,
        // hash and signature valid: entry 5 no longer links to it.
        const QString dir = copy();
        std::unique_ptr<Vault> mentor = max(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        AuditEntry rewritten = entry(*admin, 4);
        rewritten.actorId = mentor->me().id;
        rewritten.actorName = mentor->me().name;
        // An act a mentor records, their own passphrase change: the entry holds by itself.
        rewritten.action = QStringLiteral("passphrase.change");
        rewritten.subject = mentor->me().name;
        rewritten.details = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("person_id"), mentor->me().id}}).toJson(QJsonDocument::Compact));
        SecureBytes key;
        AuditLog::hashKey(admin->db(), &key);
        rewritten.hash = AuditLog::computeHash(rewritten, key);
        rewritten.signature = mentor->sign(AuditLog::signedMessage(rewritten.hash));
        tamper(dir, {QStringLiteral("DELETE FROM audit_log WHERE seq = 4"), insertSql()}, {{}, row(rewritten)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::BrokenLink);
        QCOMPARE(result.sequence, qint64(5));
    }

    void insertionIsNamed()
    {
        // A forged entry in the middle, claiming to be ada's, the later ones moved up one.
        const QString dir = copy();
        std::unique_ptr<Vault> hire = hal(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry forged = forge(*admin, 6, admin->me(), *hire);
        tamper(dir,
               {QStringLiteral("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 6"),
                QStringLiteral("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000"), insertSql()},
               {{}, {}, row(forged)});
        AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::BadSignature);
        QCOMPARE(result.sequence, qint64(6));

        // Signed by its own actor, it verifies itself; the entry it pushed down does not.
        const QString dir2 = copy();
        std::unique_ptr<Vault> hire2 = hal(dir2);
        std::unique_ptr<Vault> admin2 = ada(dir2);
        // (an act a hire records: an admin's would be refused as no authority)
        const AuditEntry own = forge(
            *admin2, 6, hire2->me(), [&hire2](QByteArrayView m) { return hire2->sign(m); }, {},
            QStringLiteral("credential.reveal"));
        tamper(dir2,
               {QStringLiteral("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 6"),
                QStringLiteral("UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000"), insertSql()},
               {{}, {}, row(own)});
        result = verify(dir2);
        QCOMPARE(result.problem, AuditProblem::HashMismatch);
        QCOMPARE(result.sequence, qint64(7));
    }

    void aCommitGroupMustBeTheOneBefore()
    {
        // Entries of one commit name its first (commit_of); an entry that names
        // another, or one after it, is out of order.
        for (const qint64 claimed : {m_entries + 2, m_entries - 1}) {
            const QString dir = copy();
            std::unique_ptr<Vault> hire = hal(dir);
            std::unique_ptr<Vault> admin = ada(dir);
            const AuditEntry forged = forge(
                *admin, m_entries + 1, hire->me(), [&hire](QByteArrayView m) { return hire->sign(m); }, {},
                QStringLiteral("credential.reveal"), QJsonObject{{QStringLiteral("commit_of"), claimed}});
            tamper(dir, {insertSql()}, {row(forged)});
            const AuditVerification result = verify(dir);
            QCOMPARE(result.problem, AuditProblem::Order);
            QCOMPARE(result.sequence, m_entries + 1);
            QVERIFY2(result.message.contains(QStringLiteral("committed with entry %1").arg(claimed)),
                     qPrintable(result.message));
        }
    }

    void insertionAtTheEndIsNamed()
    {
        // One entry past the mirrored head is what a crash between commit and
        // key-file write leaves, so it is judged on its signature...
        const QString dir = copy();
        std::unique_ptr<Vault> hire = hal(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry forged = forge(*admin, m_entries + 1, admin->me(), *hire);
        tamper(dir, {insertSql()}, {row(forged)});
        AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::BadSignature);
        QCOMPARE(result.sequence, m_entries + 1);

        // ...two are a head mismatch even when each is validly signed.
        const QString dir2 = copy();
        std::unique_ptr<Vault> hire2 = hal(dir2);
        std::unique_ptr<Vault> admin2 = ada(dir2);
        const auto asHire = [&hire2](QByteArrayView m) { return hire2->sign(m); };
        const AuditEntry first =
            forge(*admin2, m_entries + 1, hire2->me(), asHire, {}, QStringLiteral("credential.reveal"));
        tamper(dir2, {insertSql()}, {row(first)});
        const AuditEntry second =
            forge(*admin2, m_entries + 2, hire2->me(), asHire, {}, QStringLiteral("credential.reveal"));
        tamper(dir2, {insertSql()}, {row(second)});
        result = verify(dir2);
        QCOMPARE(result.problem, AuditProblem::HeadMismatch);
        QCOMPARE(result.sequence, m_entries + 2);
    }

    void keysIntroducedThroughTheApiVerify()
    {
        // Every way the app gives a person a key: adding them, resetting their
        // passphrase, re-enabling them after a disable; a rekey and a
        // passphrase change keep the keys. Each new key signs afterwards.
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!People(*admin).add(QStringLiteral("nia"), {}, Role::Hire, "nia's passphrase"));
        QVERIFY(!People(*admin).add(QStringLiteral("ora"), {}, Role::Admin, "ora's passphrase"));
        std::unique_ptr<Vault> second = as(dir, QStringLiteral("ora"), "ora's passphrase");
        QVERIFY(second);
        QVERIFY(!People(*second).resetPassphrase(QStringLiteral("nia"), "nia, reset once"));
        QVERIFY(!People(*second).disable(QStringLiteral("nia")));
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("nia"), "nia, back again"));
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("max"), "max, reset by ada"));
        QVERIFY(!admin->rekey());
        std::unique_ptr<Vault> mentor = as(dir, QStringLiteral("max"), "max, reset by ada");
        QVERIFY(mentor);
        QVERIFY(!People(*mentor).changePassphrase("max, changed by max"));
        std::unique_ptr<Vault> nia = as(dir, QStringLiteral("nia"), "nia, back again");
        QVERIFY(nia);
        QVERIFY(!People(*nia).changePassphrase("nia, changed"));
        const AuditVerification result = verify(dir);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(actions(*admin).mid(int(m_entries)),
                 QStringList({"person.add", "person.add", "passphrase.reset", "person.disable", "person.enable",
                              "passphrase.reset", "passphrase.reset", "vault.rekey", "passphrase.change",
                              "passphrase.change"}));
    }

    void keySwappedInThePeopleTableIsNamed()
    {
        // Someone holding the master key replaces hal's key in the people
        // table and signs as hal with the new one: the log never introduced it.
        const QString dir = copy();
        crypto::SignKeyPair swapped = crypto::generateSignKeyPair();
        std::unique_ptr<Vault> admin = ada(dir);
        const Person hire = *admin->person(QStringLiteral("hal"));
        tamper(dir, {QStringLiteral("UPDATE people SET sign_public_key = ? WHERE name = 'hal'")},
               {{swapped.publicKey}});
        const AuditEntry forged = forge(
            *admin, m_entries + 1, hire, [&swapped](QByteArrayView m) { return crypto::sign(m, swapped.secretKey); },
            {}, QStringLiteral("step.done"), {{QStringLiteral("step"), QStringLiteral("lunch")}});
        tamper(dir, {insertSql()}, {row(forged)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::UnknownKey);
        QCOMPARE(result.sequence, m_entries + 1);
        QVERIFY2(result.message.contains(QStringLiteral("entry %1: unknown key").arg(m_entries + 1)),
                 qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("hal (person %1)").arg(hire.id)), qPrintable(result.message));
        QCOMPARE(result.toError().kind, ErrorKind::Damaged);
    }

    void personAddedBehindTheLogIsNamed()
    {
        // A person row written with raw SQL, never added through Onramp: the
        // people table's key is not trusted in a log that starts with
        // vault.create, however valid the signature under it.
        const QString dir = copy();
        crypto::SignKeyPair mallory = crypto::generateSignKeyPair();
        tamper(dir,
               {QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, created_at) "
                               "VALUES ('mallory', 'Mallory', 'admin', ?, '2026-11-20T09:00:00Z')")},
               {{mallory.publicKey}});
        std::unique_ptr<Vault> admin = ada(dir);
        const Person forgedActor = *admin->person(QStringLiteral("mallory"));
        const AuditEntry forged = forge(*admin, m_entries + 1, forgedActor,
                                        [&mallory](QByteArrayView m) { return crypto::sign(m, mallory.secretKey); });
        tamper(dir, {insertSql()}, {row(forged)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::UnknownKey);
        QCOMPARE(result.sequence, m_entries + 1);
        QVERIFY2(result.message.contains(QStringLiteral("signed as mallory (person %1)").arg(forgedActor.id)),
                 qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("no earlier entry of the log introduced a key")),
                 qPrintable(result.message));
    }

    void keyIntroducedByANonAdminIsNamed()
    {
        // hal signs, validly, an entry that "resets" ada's key to one hal
        // holds: only an admin's entry may introduce a key.
        const QString dir = copy();
        crypto::SignKeyPair stolen = crypto::generateSignKeyPair();
        std::unique_ptr<Vault> hire = hal(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry reset =
            forge(*admin, m_entries + 1, hire->me(), [&hire](QByteArrayView m) { return hire->sign(m); }, {},
                  QStringLiteral("passphrase.reset"),
                  {{QStringLiteral("person_id"), admin->me().id},
                   {QStringLiteral("public_key"), QString::fromLatin1(stolen.publicKey.toBase64())}});
        tamper(dir, {insertSql()}, {row(reset)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::UnknownKey);
        QCOMPARE(result.sequence, m_entries + 1);
        QVERIFY2(result.message.contains(QStringLiteral("hal is not an admin")), qPrintable(result.message));
    }

    void aDisabledPersonRecordsNothingAndTheirOldKeyIsNamed()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> hire = hal(dir); // signed in before the disable: still holds the secret key
        QVERIFY(hire);
        {
            std::unique_ptr<Vault> admin = ada(dir);
            QVERIFY(!People(*admin).disable(QStringLiteral("hal")));
        }
        // Through Onramp, the open session records nothing more ...
        const Error refused = AuditLog::record(*hire, QStringLiteral("step.done"), QStringLiteral("hal"),
                                               {{QStringLiteral("step"), QStringLiteral("handbook")}});
        QCOMPARE(refused.kind, ErrorKind::NotPermitted);
        QVERIFY2(refused.message.contains(QStringLiteral("hal is disabled")), qPrintable(refused.message));
        const AuditVerification clean = verify(dir);
        QVERIFY2(clean.ok(), qPrintable(clean.message));
        const qint64 disabling = clean.entries;
        // ... and an entry written behind it with hal's old key is named.
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry forged =
            forge(*admin, disabling + 1, hire->me(), [&hire](QByteArrayView m) { return hire->sign(m); }, {},
                  QStringLiteral("step.done"), {{QStringLiteral("step"), QStringLiteral("handbook")}});
        tamper(dir, {insertSql()}, {row(forged)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::UnknownKey);
        QCOMPARE(result.sequence, disabling + 1);
        QVERIFY2(result.message.contains(QStringLiteral("whom entry %1 disabled").arg(disabling)),
                 qPrintable(result.message));
    }

    void aDisableByANonAdminIsNamed()
    {
        // hal signs, validly, an entry that "disables" max: only an admin's entry may.
        const QString dir = copy();
        std::unique_ptr<Vault> hire = hal(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry disable =
            forge(*admin, m_entries + 1, hire->me(), [&hire](QByteArrayView m) { return hire->sign(m); }, {},
                  QStringLiteral("person.disable"),
                  {{QStringLiteral("person_id"), admin->person(QStringLiteral("max"))->id}});
        tamper(dir, {insertSql()}, {row(disable)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::UnknownKey);
        QCOMPARE(result.sequence, m_entries + 1);
        QVERIFY2(result.message.contains(QStringLiteral("hal is not an admin")), qPrintable(result.message));
    }

    void vaultCreateLaterInTheLogIntroducesNothing()
    {
        // Only the first entry is the root of trust: a vault.create further on,
        // signed by a key it names itself, does not make that key trusted.
        const QString dir = copy();
        crypto::SignKeyPair mallory = crypto::generateSignKeyPair();
        tamper(dir,
               {QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, created_at) "
                               "VALUES ('mallory', 'Mallory', 'admin', ?, '2026-11-20T09:00:00Z')")},
               {{mallory.publicKey}});
        std::unique_ptr<Vault> admin = ada(dir);
        const Person forgedActor = *admin->person(QStringLiteral("mallory"));
        const AuditEntry forged =
            forge(*admin, m_entries + 1, forgedActor,
                  [&mallory](QByteArrayView m) { return crypto::sign(m, mallory.secretKey); }, {},
                  QStringLiteral("vault.create"),
                  {{QStringLiteral("person_id"), forgedActor.id},
                   {QStringLiteral("role"), QStringLiteral("admin")},
                   {QStringLiteral("public_key"), QString::fromLatin1(mallory.publicKey.toBase64())}});
        tamper(dir, {insertSql()}, {row(forged)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::UnknownKey);
        QCOMPARE(result.sequence, m_entries + 1);
    }

    void timeGoingBackwardsIsAnOrderProblem()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> hire = hal(dir);
        std::unique_ptr<Vault> admin = ada(dir);
        const AuditEntry forged =
            forge(*admin, m_entries + 1, hire->me(), *hire, QStringLiteral("2001-01-01T00:00:00.000Z"));
        tamper(dir, {insertSql()}, {row(forged)});
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::Order);
        QCOMPARE(result.sequence, m_entries + 1);
    }

    void headReplacedInTheKeyFileIsNamed()
    {
        const QString dir = copy();
        const QString keyPath = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(keyPath, &keys));
        keys.extra.insert(AuditLog::headField(),
                          QJsonObject{{QStringLiteral("seq"), 5}, {QStringLiteral("hash"), QStringLiteral("AAAA")}});
        QVERIFY(!keys.save(keyPath));
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::HeadMismatch);
        QCOMPARE(result.sequence, qint64(5));
    }

    void aHeadNobodyOfTheLogSignedIsNamed()
    {
        // The key file's head, rewritten with a key no entry introduced.
        const QString dir = copy();
        const QString keyPath = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(keyPath, &keys));
        QJsonObject head = keys.extra.value(AuditLog::headField()).toObject();
        const crypto::SignKeyPair stranger = crypto::generateSignKeyPair();
        head.insert(QStringLiteral("signature"),
                    QString::fromLatin1(crypto::sign(AuditLog::headMessage(
                                                         keys.vaultId, head.value(QStringLiteral("seq")).toInteger(),
                                                         QByteArray::fromBase64(
                                                             head.value(QStringLiteral("hash")).toString().toLatin1())),
                                                     stranger.secretKey)
                                            .toBase64()));
        keys.extra.insert(AuditLog::headField(), head);
        QVERIFY(!keys.save(keyPath));
        const AuditVerification result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::HeadMismatch);
        QVERIFY2(result.message.contains(QStringLiteral("not signed by a person of the log")),
                 qPrintable(result.message));
    }

    void headOneBehindIsAcceptedAndCaughtUp()
    {
        // The process died between its commit and its key-file write.
        const QString dir = copy();
        const QString keyPath = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(keyPath, &keys));
        std::unique_ptr<Vault> admin = ada(dir);
        const QByteArray behind = entry(*admin, m_entries - 1).hash;
        keys.extra.insert(
            AuditLog::headField(),
            QJsonObject{{QStringLiteral("seq"), m_entries - 1},
                        {QStringLiteral("hash"), QString::fromLatin1(behind.toBase64())},
                        {QStringLiteral("signer"), QStringLiteral("ada")},
                        {QStringLiteral("signature"),
                         QString::fromLatin1(
                             admin->sign(AuditLog::headMessage(keys.vaultId, m_entries - 1, behind)).toBase64())}});
        QVERIFY(!keys.save(keyPath));
        AuditVerification result = verify(dir);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.notes.size(), 1);
        QVERIFY(result.notes.first().contains(QStringLiteral("not yet recorded")));
        // The next change records the head again.
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*admin).import(parse(kChecklist + "    - {id: extra, title: Extra}\n"), m_clock.now(),
                                               &outcome));
        result = verify(dir);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(result.notes.isEmpty());
        QCOMPARE(result.entries, m_entries + 1);
    }

    void olderEntriesVerifyAfterAPassphraseReset()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> oldHire = hal(dir); // keeps hal's old secret key in memory
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("hal"), "new hal passphrase"));
        std::unique_ptr<Vault> newHire = as(dir, QStringLiteral("hal"), "new hal passphrase");
        QVERIFY(newHire);
        QVERIFY(!Enrollments(*newHire, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("lunch"), {}));
        AuditVerification result = verify(dir);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.entries, m_entries + 2);

        // hal's old key no longer signs for hal after the reset.
        const AuditEntry last = entry(*admin, m_entries + 2);
        tamper(dir, {QStringLiteral("UPDATE audit_log SET signature = ? WHERE seq = ?")},
               {{oldHire->sign(AuditLog::signedMessage(last.hash)), last.sequence}});
        result = verify(dir);
        QCOMPARE(result.problem, AuditProblem::BadSignature);
        QCOMPARE(result.sequence, m_entries + 2);
    }

    void chainSurvivesRekeyAndPassphraseChange()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!admin->rekey());
        QVERIFY(!People(*admin).changePassphrase("another admin passphrase"));
        admin.reset();
        std::unique_ptr<Vault> again = as(dir, QStringLiteral("ada"), "another admin passphrase");
        QVERIFY(again);
        AuditVerification result;
        QVERIFY(!AuditVerifier::verify(*again, &result));
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(actions(*again).mid(int(m_entries)), QStringList({"vault.rekey", "passphrase.change"}));
        QStringList report;
        QVERIFY(!again->check(&report));
        QVERIFY2(report.contains(QStringLiteral("audit log: %1 entries verified").arg(m_entries + 2)),
                 qPrintable(report.join(QLatin1Char('\n'))));
    }

    void failedAuditWriteRollsBackAddPerson()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        {
            FailAudit fail;
            const Error e = People(*admin).add(QStringLiteral("zoe"), {}, Role::Hire, "zoe's passphrase");
            QCOMPARE(e.kind, ErrorKind::Io);
            QVERIFY(e.message.contains(QStringLiteral("audit")));
        }
        QVERIFY(!admin->person(QStringLiteral("zoe")));
        KeyFile keys;
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
        QVERIFY(!keys.slot(QStringLiteral("zoe")));
        QVERIFY(!as(dir, QStringLiteral("zoe"), "zoe's passphrase"));
        QCOMPARE(verify(dir).entries, m_entries);
    }

    void failedAuditWriteRollsBackMarkDone()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> hire = hal(dir);
        Enrollments enrollments(*hire, m_clock);
        {
            FailAudit fail;
            QVERIFY(enrollments.markDone(QStringLiteral("hal"), QStringLiteral("lunch"), {}).isError());
        }
        EnrollmentStatus status;
        QVERIFY(!enrollments.status(QStringLiteral("hal"), &status));
        for (const StepView& step : status.steps)
            if (step.step.id == QLatin1String("lunch"))
                QVERIFY(!step.done);
        QCOMPARE(
            hire->db().scalar(QStringLiteral("SELECT count(*) FROM step_records WHERE step_id = 'lunch'")).toLongLong(),
            qint64(0));
        // And without the failure it goes through.
        QVERIFY(!enrollments.markDone(QStringLiteral("hal"), QStringLiteral("lunch"), {}));
        QCOMPARE(verify(dir).entries, m_entries + 1);
    }

    void failedAuditWriteRollsBackImportAndPassphraseChange()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        {
            FailAudit fail;
            ImportOutcome outcome;
            QVERIFY(ChecklistStore(*admin)
                        .import(parse(kChecklist + "    - {id: extra, title: Extra}\n"), m_clock.now(), &outcome)
                        .isError());
            QVERIFY(People(*admin).changePassphrase("never set").isError());
            QVERIFY(admin->rekey().isError());
        }
        StoredChecklist latest;
        QVERIFY(!ChecklistStore(*admin).get(QStringLiteral("week-one"), 0, &latest));
        QCOMPARE(latest.version, 1);
        admin.reset();
        QVERIFY(!as(dir, QStringLiteral("ada"), "never set"));
        QVERIFY(ada(dir));
        QCOMPARE(verify(dir).entries, m_entries);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
