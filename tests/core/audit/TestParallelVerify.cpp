// `audit verify` on a thread pool names the same first bad entry as the
// serial walk: logs of a few pages with a bad signature, a broken hash link,
// or both at known positions (inside a page, on the edges of pages, on one
// entry), each verified serially and in parallel, and a visitor that refuses
// an entry, which must see the same entries either way.
#include "VaultTestUtil.h"

#include "Crypto.h"
#include "Database.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>

#include <set>

using namespace onramp;

namespace {

// Pages of 64 entries: a log of four pages and a bit, so that the pool has
// a page in flight while the walk reads the next.
constexpr int kPage = 64;
constexpr qint64 kEntries = kPage * 4 + 20;

/// Refuses entry \a refuse (0: none) and records every entry it was shown.
class RecordingVisitor : public AuditVisitor
{
public:
    explicit RecordingVisitor(qint64 refuse)
        : m_refuse(refuse)
    {}
    QString visit(const AuditEntry& entry, const QJsonObject&, const QString& actorRole,
                  const QByteArray& signerKey) override
    {
        seen.append(entry.sequence);
        keys.insert(signerKey);
        if (actorRole != QLatin1String("admin"))
            return QStringLiteral("not an admin: '%1'").arg(actorRole);
        return entry.sequence == m_refuse ? QStringLiteral("refused") : QString();
    }
    QList<qint64> seen;
    QSet<QByteArray> keys; ///< every signer's key the walk gave

private:
    qint64 m_refuse;
};

} // namespace

class TestParallelVerify : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_vaults = 0;

    /// A vault whose log runs to kEntries: valid entries signed by ada, but
    /// those in \a badSignatures carry a signature of other bytes, and those
    /// in \a brokenLinks name a previous hash that is not the one before
    /// (their own hash and signature are right for what they hold).
    std::unique_ptr<Vault> makeLog(const std::set<qint64>& badSignatures, const std::set<qint64>& brokenLinks)
    {
        const QString dir = m_dir.filePath(QStringLiteral("vault%1").arg(++m_vaults));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".trust")));
        std::unique_ptr<Vault> vault;
        if (const Error e = Vault::create(dir, QStringLiteral("ada"), QStringLiteral("Ada Admin"),
                                          vaulttest::kAdminPassphrase, KdfLevel::Interactive, &vault)) {
            qWarning() << e.message;
            return {};
        }
        Database& db = vault->db();
        SecureBytes key;
        if (AuditLog::hashKey(db, &key))
            return {};
        qint64 sequence = 0;
        QByteArray previous;
        AuditLog::head(db, &sequence, &previous);
        const QString details =
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("step"), QStringLiteral("read-the-handbook")}})
                                  .toJson(QJsonDocument::Compact));
        Database::Transaction tx(db);
        while (sequence < kEntries) {
            AuditEntry e;
            e.sequence = ++sequence;
            e.at = AuditLog::timeText(QDateTime::currentDateTimeUtc());
            e.actorId = vault->me().id;
            e.actorName = vault->me().name;
            e.action = QStringLiteral("vault.sql"); // an admin's act, as ada signs it
            e.subject = QStringLiteral("hal");
            e.details = details;
            e.previousHash = brokenLinks.count(sequence) ? QByteArray(AuditLog::kHashBytes, '\x5a') : previous;
            e.hash = AuditLog::computeHash(e, key);
            e.signature = vault->sign(AuditLog::signedMessage(badSignatures.count(sequence) ? previous : e.hash));
            if (const Error error = db.execute(
                    QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject, "
                                   "details, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    {e.sequence, e.at, e.actorId, e.actorName, e.action, e.subject, e.details, e.previousHash, e.hash,
                     e.signature})) {
                qWarning() << error.message;
                return {};
            }
            previous = e.hash;
        }
        if (tx.commit())
            return {};
        if (AuditLog::mirrorHead(db, vault->directory(),
                                 {vault->me().name, [&vault](QByteArrayView m) { return vault->sign(m); }}))
            return {};
        return vault;
    }

    static AuditVerification run(Vault& vault, int threads, AuditVisitor* visitor = nullptr)
    {
        AuditVerification result;
        if (const Error e = AuditVerifier::verify(vault, &result, {threads, kPage}, visitor))
            qFatal("verify: %s", qPrintable(e.message));
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void parallelNamesTheSameFirstBadEntry_data()
    {
        QTest::addColumn<QList<qint64>>("badSignatures");
        QTest::addColumn<QList<qint64>>("brokenLinks");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<int>("problem");

        const int sig = int(AuditProblem::BadSignature);
        const int link = int(AuditProblem::BrokenLink);
        QTest::newRow("a clean log") << QList<qint64>{} << QList<qint64>{} << qint64(0) << int(AuditProblem::None);
        QTest::newRow("bad signature in the second page")
            << QList<qint64>{100} << QList<qint64>{} << qint64(100) << sig;
        QTest::newRow("bad signature on the last entry of a page")
            << QList<qint64>{kPage * 2} << QList<qint64>{} << qint64(kPage * 2) << sig;
        QTest::newRow("bad signature on the first entry of a page")
            << QList<qint64>{kPage + 1} << QList<qint64>{} << qint64(kPage + 1) << sig;
        QTest::newRow("bad signature on the last entry")
            << QList<qint64>{kEntries} << QList<qint64>{} << kEntries << sig;
        QTest::newRow("broken link in the third page") << QList<qint64>{} << QList<qint64>{150} << qint64(150) << link;
        QTest::newRow("broken link, then bad signatures")
            << QList<qint64>{81, 250} << QList<qint64>{80} << qint64(80) << link;
        QTest::newRow("bad signature, then a broken link in the next page")
            << QList<qint64>{60} << QList<qint64>{70} << qint64(60) << sig;
        QTest::newRow("bad signature, then a broken link in the same page")
            << QList<qint64>{110} << QList<qint64>{111} << qint64(110) << sig;
        QTest::newRow("both on one entry: the signature is checked first")
            << QList<qint64>{40} << QList<qint64>{40} << qint64(40) << sig;
        QTest::newRow("many bad signatures: the first")
            << QList<qint64>{250, 200, 199, 37} << QList<qint64>{} << qint64(37) << sig;
    }

    void parallelNamesTheSameFirstBadEntry()
    {
        QFETCH(QList<qint64>, badSignatures);
        QFETCH(QList<qint64>, brokenLinks);
        QFETCH(qint64, first);
        QFETCH(int, problem);
        std::unique_ptr<Vault> vault =
            makeLog({badSignatures.cbegin(), badSignatures.cend()}, {brokenLinks.cbegin(), brokenLinks.cend()});
        QVERIFY(vault);

        const AuditVerification serial = run(*vault, 1);
        QCOMPARE(int(serial.problem), problem);
        QCOMPARE(serial.sequence, first);
        QCOMPARE(serial.entries, first ? first - 1 : kEntries);
        for (const int threads : {2, 5, 0}) {
            const AuditVerification parallel = run(*vault, threads);
            QCOMPARE(int(parallel.problem), int(serial.problem));
            QCOMPARE(parallel.sequence, serial.sequence);
            QCOMPARE(parallel.message, serial.message);
            QCOMPARE(parallel.entries, serial.entries);
            QCOMPARE(parallel.headSequence, serial.headSequence);
            QCOMPARE(parallel.notes, serial.notes);
        }
    }

    // The visitor (the ledger's authority check) sees an entry only once its
    // signature held, in log order, as in the serial walk, and its refusal
    // competes with a bad signature by position.
    void theVisitorSeesTheSameEntries_data()
    {
        QTest::addColumn<qint64>("badSignature");
        QTest::addColumn<qint64>("refused");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<int>("problem");
        QTest::newRow("refusal before the bad signature")
            << qint64(200) << qint64(90) << qint64(90) << int(AuditProblem::Authority);
        QTest::newRow("bad signature before the refusal")
            << qint64(90) << qint64(91) << qint64(90) << int(AuditProblem::BadSignature);
        QTest::newRow("nothing refused") << qint64(0) << qint64(0) << qint64(0) << int(AuditProblem::None);
    }

    void theVisitorSeesTheSameEntries()
    {
        QFETCH(qint64, badSignature);
        QFETCH(qint64, refused);
        QFETCH(qint64, first);
        QFETCH(int, problem);
        std::set<qint64> bad;
        if (badSignature)
            bad.insert(badSignature);
        std::unique_ptr<Vault> vault = makeLog(bad, {});
        QVERIFY(vault);

        RecordingVisitor serialVisitor(refused);
        const AuditVerification serial = run(*vault, 1, &serialVisitor);
        QCOMPARE(int(serial.problem), problem);
        QCOMPARE(serial.sequence, first);
        QCOMPARE(serialVisitor.seen.size(),
                 first ? (problem == int(AuditProblem::Authority) ? first : first - 1) : kEntries);

        RecordingVisitor parallelVisitor(refused);
        const AuditVerification parallel = run(*vault, 3, &parallelVisitor);
        QCOMPARE(parallel.message, serial.message);
        QCOMPARE(parallel.entries, serial.entries);
        QCOMPARE(parallelVisitor.seen, serialVisitor.seen);
        // Each entry comes with the key it verified under: ada's, the only signer.
        if (!serialVisitor.seen.isEmpty()) {
            QCOMPARE(serialVisitor.keys, QSet<QByteArray>{vault->me().signPublicKey});
            QCOMPARE(parallelVisitor.keys, serialVisitor.keys);
        }
    }
};

QTEST_GUILESS_MAIN(TestParallelVerify)
#include "TestParallelVerify.moc"
