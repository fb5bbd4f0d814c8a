// KeyFile: slots wrap a person's secret key under Argon2id; the file is saved
// atomically, owner-only, and a damaged file is reported, never guessed at.
#include "Crypto.h"
#include "KeyFile.h"

#include <sodium.h>

#include <QTemporaryDir>
#include <QTest>

using namespace onramp;

class TestKeyFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static KdfParams fast() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

    KeyFile sample(crypto::SignKeyPair* pair)
    {
        *pair = crypto::generateSignKeyPair();
        KeyFile keys;
        keys.vaultId = QStringLiteral("00112233");
        KeySlot slot = KeySlot::create(keys.vaultId, QStringLiteral("ada"), QStringLiteral("admin"), pair->publicKey,
                                       pair->secretKey, "secret", fast());
        slot.sealedMasterKey = crypto::sealTo("master key bytes", pair->publicKey);
        keys.slots.append(slot);
        keys.extra.insert(QStringLiteral("audit_head"), QStringLiteral("kept as is"));
        return keys;
    }

private Q_SLOTS:
    void kdfLevelsMapToLibsodiumLevels_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<quint64>("opslimit");
        QTest::addColumn<quint64>("memlimit");
        QTest::newRow("interactive") << "interactive" << quint64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
                                     << quint64(crypto_pwhash_MEMLIMIT_INTERACTIVE);
        QTest::newRow("moderate") << "moderate" << quint64(crypto_pwhash_OPSLIMIT_MODERATE)
                                  << quint64(crypto_pwhash_MEMLIMIT_MODERATE);
        QTest::newRow("sensitive") << "sensitive" << quint64(crypto_pwhash_OPSLIMIT_SENSITIVE)
                                   << quint64(crypto_pwhash_MEMLIMIT_SENSITIVE);
    }
    void kdfLevelsMapToLibsodiumLevels()
    {
        QFETCH(QString, name);
        QFETCH(quint64, opslimit);
        QFETCH(quint64, memlimit);
        const std::optional<KdfLevel> level = kdfLevelFromName(name);
        QVERIFY(level);
        QCOMPARE(kdfLevelName(*level), name);
        QCOMPARE(KdfParams::forLevel(*level).opslimit, opslimit);
        QCOMPARE(KdfParams::forLevel(*level).memlimit, memlimit);
        QVERIFY(!kdfLevelFromName(QStringLiteral("weak")));
    }

    void slotUnwrapsOnlyWithItsPassphrase()
    {
        crypto::SignKeyPair pair;
        const KeyFile keys = sample(&pair);
        const std::optional<SecureBytes> secret = keys.slots.first().unwrapSecretKey(keys.vaultId, "secret");
        QVERIFY(secret);
        QVERIFY(secret->equals(pair.secretKey));
        QVERIFY(!keys.slots.first().unwrapSecretKey(keys.vaultId, "Secret"));
        QVERIFY(!keys.slots.first().unwrapSecretKey(QStringLiteral("another vault"), "secret"));
    }

    void saveAndLoadRoundTripOwnerOnly()
    {
        crypto::SignKeyPair pair;
        const KeyFile keys = sample(&pair);
        const QString path = m_dir.filePath(QStringLiteral("keys.json"));
        QVERIFY(!keys.save(path));
        const QFileDevice::Permissions perms = QFileInfo(path).permissions();
        QVERIFY(perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                           | QFileDevice::WriteOther)));
        KeyFile loaded;
        const Error e = KeyFile::load(path, &loaded);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(loaded.vaultId, keys.vaultId);
        QCOMPARE(loaded.slots.size(), 1);
        QCOMPARE(loaded.slots.first().signPublicKey, pair.publicKey);
        QCOMPARE(loaded.slots.first().kdf.opslimit, fast().opslimit);
        QCOMPARE(loaded.extra.value(QStringLiteral("audit_head")).toString(), QStringLiteral("kept as is"));
        QVERIFY(loaded.slots.first().unwrapSecretKey(loaded.vaultId, "secret"));
        const std::optional<SecureBytes> master = crypto::openSealed(loaded.slots.first().sealedMasterKey,
                                                                     *loaded.slots.first().unwrapSecretKey(loaded.vaultId, "secret"));
        QVERIFY(master);
        QCOMPARE(master->view(), QByteArrayView("master key bytes"));
    }

    void damagedFilesAreReportedByName_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << QByteArray() << int(ErrorKind::Damaged);
        QTest::newRow("not json") << QByteArray("{\"format\": 1, \"slots\": [") << int(ErrorKind::Damaged);
        QTest::newRow("no format") << QByteArray("{\"vault_id\": \"x\", \"slots\": []}") << int(ErrorKind::Damaged);
        QTest::newRow("no slots") << QByteArray("{\"format\": 1, \"vault_id\": \"x\", \"slots\": []}")
                                  << int(ErrorKind::Damaged);
        QTest::newRow("slot without a name")
            << QByteArray("{\"format\": 1, \"vault_id\": \"x\", \"slots\": [{\"salt\": \"AAAA\"}]}")
            << int(ErrorKind::Damaged);
        QTest::newRow("newer format") << QByteArray("{\"format\": 99, \"vault_id\": \"x\", \"slots\": []}")
                                      << int(ErrorKind::InvalidInput);
    }
    void damagedFilesAreReportedByName()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, kind);
        const QString path = m_dir.filePath(QStringLiteral("damaged.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        KeyFile keys;
        const Error e = KeyFile::load(path, &keys);
        QCOMPARE(int(e.kind), kind);
        QVERIFY2(e.message.contains(path), qPrintable(e.message));
    }

    void oneIncompleteSlotIsNamedAndTheOthersStillLoad()
    {
        const QString path = m_dir.filePath(QStringLiteral("one-bad-slot.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"format\": 1, \"vault_id\": \"x\", \"slots\": [{\"name\": \"ada\"}]}");
        file.close();
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        QCOMPARE(keys.slots.size(), 1);
        QVERIFY(!KeyFile::structureProblem(keys.slots.first()).isEmpty());
        // Written back as it was read: a damaged slot is never "repaired" into another.
        QVERIFY(!keys.save(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"name\": \"ada\""));
    }

    void absurdKdfParametersAreRefused()
    {
        QVERIFY(!(KdfParams{1, 1ULL << 40}.isSane()));
        QVERIFY(!(KdfParams{0, crypto_pwhash_MEMLIMIT_MIN}.isSane()));
        QVERIFY(KdfParams::forLevel(KdfLevel::Sensitive).isSane());
        const KdfParams absurd{1, 1ULL << 40};
        QVERIFY(!deriveKey("x", QByteArray(16, 'a'), absurd));
    }
};

QTEST_GUILESS_MAIN(TestKeyFile)
#include "TestKeyFile.moc"
