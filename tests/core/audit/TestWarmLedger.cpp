// A session that has already verified the vault, kept open while the hire
// rewrites it: the next act that decides finds a record changed, removed,
// swapped with another or put back from before, exactly as a fresh session
// does. What the session remembers of earlier checks (Ledger::require's
// signature cache) must never stand in for the check of what is there now.
#include "AuthorityFixture.h"

#include "audit/SignatureChecks.h"

#include <QThreadPool>

#include "people/People.h"

using namespace authoritytest;

class TestWarmLedger : public QObject, private AuthorityFixture
{
    Q_OBJECT

    /// The admin's routine act in a session that verified before: refused, naming \a record.
    void adminActRefused(Vault& admin, const QString& record)
    {
        int delivered = 0;
        const Error set = Credentials(admin, m_clock)
                              .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QCOMPARE(set.kind, ErrorKind::Damaged);
        QVERIFY2(set.message.contains(record), qPrintable(set.message));
        QCOMPARE(delivered, 0);
    }

    /// Verifies in \a vault twice (cold, then after a write of its own, warm).
    void warmUp(Vault& vault)
    {
        EnrollmentStatus status;
        QVERIFY(!Enrollments(vault, m_clock).status(QStringLiteral("hal"), &status));
        // A write of the session's own makes the next act check again, now from the cache.
        int delivered = 0;
        QVERIFY(!Credentials(vault, m_clock)
                     .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered));
        QVERIFY(!Enrollments(vault, m_clock).status(QStringLiteral("hal"), &status));
    }

private Q_SLOTS:
    void initTestCase() { buildStages(); }

    void aChangedRecordIsFoundByAWarmSession()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = ada(dir);
        QVERIFY(a);
        warmUp(*a);
        QByteArray yaml = storedYaml(dir);
        yaml.replace("required: true", "required: false");
        asHireWithSql(dir, {QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE version = 1")}, {yaml});
        adminActRefused(*a, QStringLiteral("checklists row 1: it is not what entry"));
    }

    void aRemovedRecordIsFoundByAWarmSession()
    {
        const QString dir = copyAt(Stage::Rejected);
        auto m = max(dir);
        QVERIFY(m);
        EnrollmentStatus status;
        QVERIFY(!Enrollments(*m, m_clock).status(QStringLiteral("hal"), &status));
        asHireWithSql(dir, {QStringLiteral("DELETE FROM step_reviews WHERE decision = 'rejected'")});
        const Error signoff = Enrollments(*m, m_clock).signOff(QStringLiteral("hal"));
        QCOMPARE(signoff.kind, ErrorKind::Damaged);
        QVERIFY2(signoff.message.contains(QStringLiteral("step_reviews row 2, which entry")),
                 qPrintable(signoff.message));
    }

    void swappedRecordsAreFoundByAWarmSession()
    {
        // Both hires signed off: kim's grants are rows 1 and 2, hal's 3 and 4.
        // Each row stays one the log vouched for, under the other's id.
        const QString dir = copyAt(Stage::BothSignedOff);
        auto a = ada(dir);
        QVERIFY(a);
        warmUp(*a);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_grants SET id = -1 WHERE id = 1"),
                       QStringLiteral("UPDATE credential_grants SET id = 1 WHERE id = 3"),
                       QStringLiteral("UPDATE credential_grants SET id = 3 WHERE id = -1")});
        adminActRefused(*a, QStringLiteral("credential_grants row 1"));
    }

    void swappedKeySlotsAreFoundByAWarmSession()
    {
        // Two hires' slots, each validly signed, traded between their names.
        const QString dir = copyAt(Stage::SignedOff);
        auto a = ada(dir);
        QVERIFY(a);
        warmUp(*a);
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        KeySlot hal = *keys.slot(QStringLiteral("hal"));
        KeySlot kim = *keys.slot(QStringLiteral("kim"));
        std::swap(hal.name, kim.name);
        keys.setSlot(hal);
        keys.setSlot(kim);
        QVERIFY(!keys.save(path));
        QCOMPARE(People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor").kind,
                 ErrorKind::Damaged);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("key slot of")), qPrintable(check.message));
    }

    void aRevokedGrantPutBackIsFoundByAWarmSession()
    {
        // The mentor's session saw the grant live, then revoked it; the hire
        // puts the live row back as it was.
        const QString dir = copyAt(Stage::SignedOff);
        auto m = max(dir);
        QVERIFY(m);
        EnrollmentStatus status;
        QVERIFY(!Enrollments(*m, m_clock).status(QStringLiteral("hal"), &status));
        QVERIFY(!Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db")));
        QVERIFY(!Enrollments(*m, m_clock).status(QStringLiteral("hal"), &status));
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_grants SET ended = NULL, ended_at = NULL, "
                                      "ended_by = NULL")});
        QDateTime expires;
        const Error renew = Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires);
        QCOMPARE(renew.kind, ErrorKind::Damaged);
        QVERIFY2(renew.message.contains(QStringLiteral("credential_grants row")), qPrintable(renew.message));
    }

    void anOlderSlotPutBackIsFoundByTheSessionThatVerifiedIt()
    {
        // The admin's own session verified mia's slot (a valid signature),
        // then rotated the production key; the old slot put back still
        // carries that valid signature, and is still refused.
        const QString dir = copyAt(Stage::Enrolled);
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        auto a = ada(dir);
        QVERIFY(a);
        QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
        warmUp(*a);
        KeyFile before;
        QVERIFY(!KeyFile::load(path, &before));
        QVERIFY(!People(*a).disable(QStringLiteral("max")));
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        keys.setSlot(*before.slot(QStringLiteral("mia")));
        QVERIFY(!keys.save(path));
        QCOMPARE(People(*a).add(QStringLiteral("zoe"), {}, Role::Hire, "zoe the third hire").kind, ErrorKind::Damaged);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("key slot of mia is damaged (it holds a production key")),
                 qPrintable(check.message));
    }

    void theCacheHoldsOnlyWhatVerifiedExactly()
    {
        const crypto::SignKeyPair signer = crypto::generateSignKeyPair();
        const crypto::SignKeyPair other = crypto::generateSignKeyPair();
        const QByteArray message = "a record";
        const QByteArray signature = crypto::sign(message, signer.secretKey);
        VerifiedSignatures cache;
        QVERIFY(!cache.holds(message, signature, signer.publicKey));
        QVERIFY(cache.verify(message, signature, signer.publicKey));
        QVERIFY(cache.holds(message, signature, signer.publicKey));
        QCOMPARE(cache.size(), 1);
        // Any other message, signature or key is checked, and fails.
        QByteArray flipped = signature;
        flipped[5] = char(flipped[5] ^ 1);
        QVERIFY(!cache.verify(flipped, signature, signer.publicKey));
        QVERIFY(!cache.verify(message, flipped, signer.publicKey));
        QVERIFY(!cache.verify(message, signature, other.publicKey));
        QVERIFY(!cache.verify("a record ", signature, signer.publicKey));
        // A message and signature whose bytes only shift between the two fields.
        QVERIFY(!cache.verify(QByteArray(message + signature.left(1)), signature.mid(1), signer.publicKey));
        QCOMPARE(cache.size(), 1); // failures are not kept
    }

    void checksRunAheadAreKeptOnlyWhenTheyHold()
    {
        const crypto::SignKeyPair signer = crypto::generateSignKeyPair();
        const QByteArray good = crypto::sign("one", signer.secretKey);
        VerifiedSignatures cache;
        cache.verifyAll({{"one", good, signer.publicKey}, {"two", good, signer.publicKey}},
                        QThreadPool::globalInstance());
        QCOMPARE(cache.size(), 1);
        QVERIFY(cache.holds("one", good, signer.publicKey));
        QVERIFY(!cache.holds("two", good, signer.publicKey));
    }
};

QTEST_GUILESS_MAIN(TestWarmLedger)
#include "TestWarmLedger.moc"
