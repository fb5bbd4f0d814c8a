// KeyFile: slots wrap a person's secret key under Argon2id; the file is saved
// atomically, owner-only, and a damaged file is reported, never guessed at.
#include "Crypto.h"
#include "KeyFile.h"

#include <sodium.h>

#include <QFileInfo>
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
        QVERIFY(
            !(perms
              & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
        KeyFile loaded;
        const Error e = KeyFile::load(path, &loaded);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(loaded.vaultId, keys.vaultId);
        QCOMPARE(loaded.slots.size(), 1);
        QCOMPARE(loaded.slots.first().signPublicKey, pair.publicKey);
        QCOMPARE(loaded.slots.first().kdf.opslimit, fast().opslimit);
        QCOMPARE(loaded.extra.value(QStringLiteral("audit_head")).toString(), QStringLiteral("kept as is"));
        QVERIFY(loaded.slots.first().unwrapSecretKey(loaded.vaultId, "secret"));
        const std::optional<SecureBytes> master = crypto::openSealed(
            loaded.slots.first().sealedMasterKey, *loaded.slots.first().unwrapSecretKey(loaded.vaultId, "secret"));
        QVERIFY(master);
        QCOMPARE(master->view(), QByteArrayView("master key bytes"));
    }

    // Everyone who holds the vault's key can write its folder: a keys.json
    // that is a link (to another person's trust pin, say) is neither read
    // through nor written through.
    void aLinkedKeyFileIsNeitherReadNorWrittenThrough()
    {
        crypto::SignKeyPair pair;
        const KeyFile keys = sample(&pair);
        QTemporaryDir dir;
        const QString elsewhere = dir.filePath(QStringLiteral("elsewhere.json"));
        const QString path = dir.filePath(QStringLiteral("keys.json"));
        QVERIFY(!keys.save(elsewhere));
        QFile original(elsewhere);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();
        QVERIFY(QFile::link(elsewhere, path));

        KeyFile loaded;
        Error e = KeyFile::load(path, &loaded);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(path) && e.message.contains(QLatin1String("symbolic link")), qPrintable(e.message));
        e = keys.save(path);
        QCOMPARE(e.kind, ErrorKind::Io);
        QVERIFY(QFileInfo(path).isSymLink());
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), before);
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

    // Found by fuzz_keyfile: broken JSON was named without a position, and a
    // file holding valid JSON that is no object was "damaged: no error occurred".
    void refusalsSayWhatIsWrongAndWhere_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("says");
        QTest::newRow("cut short") << QByteArray("{\"format\": 1, \"slots\": [") << "at line 1, column 25";
        QTest::newRow("two commas") << QByteArray("{\"format\": 1,\n \"slots\": [\n  {\"name\": \"a\",,}\n ]}")
                                    << "at line 3, column 17";
        QTest::newRow("an array") << QByteArray("[1, 2]") << "it is not a JSON object";
    }
    void refusalsSayWhatIsWrongAndWhere()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, says);
        KeyFile keys;
        const Error e = KeyFile::parse(content, QStringLiteral("vault/keys.json"), &keys);
        QCOMPARE(int(e.kind), int(ErrorKind::Damaged));
        QVERIFY2(e.message.startsWith(QStringLiteral("key file vault/keys.json is damaged: ")), qPrintable(e.message));
        QVERIFY2(e.message.contains(says), qPrintable(e.message));
        QVERIFY2(!e.message.contains(QStringLiteral("no error occurred")), qPrintable(e.message));
    }

    // Found by fuzz_keyfile: a cost of 1e300 or -1 was converted to quint64,
    // which is undefined behaviour; such a slot's settings now read as invalid.
    void kdfNumbersOutOfRangeReadAsInvalid_data()
    {
        QTest::addColumn<QByteArray>("opslimit");
        QTest::newRow("huge") << QByteArray("1e300");
        QTest::newRow("negative") << QByteArray("-1");
        QTest::newRow("2^64") << QByteArray("18446744073709551616");
        QTest::newRow("fraction") << QByteArray("2.5");
    }
    void kdfNumbersOutOfRangeReadAsInvalid()
    {
        QFETCH(QByteArray, opslimit);
        KeyFile keys;
        QVERIFY(!KeyFile::parse("{\"format\": 1, \"vault_id\": \"x\", \"slots\": [{\"name\": \"ada\", \"kdf\": "
                                "{\"alg\": \"argon2id13\", \"opslimit\": "
                                    + opslimit
                                    + ", \"memlimit\": 8192}, "
                                      "\"secret_key\": \"AA==\", \"master_key\": \"AA==\"}]}",
                                QStringLiteral("keys.json"), &keys));
        QCOMPARE(keys.slots.first().kdf.opslimit, quint64(0));
        QVERIFY(!keys.slots.first().kdf.isSane());
    }

    // Found by fuzz_keyfile: a signature without its signer, or one outcome's
    // signature without the other, was dropped on save, so that the file
    // written back was not the file read.
    void signaturesAreWrittenBackAsRead()
    {
        crypto::SignKeyPair pair;
        KeyFile keys = sample(&pair);
        keys.slots.first().signature = QByteArray(64, 's');
        keys.slots.first().signatureAbandoned = QByteArray(64, 'a');
        KeyFile again;
        QVERIFY(!KeyFile::parse(keys.toJson(), QStringLiteral("keys.json"), &again));
        QCOMPARE(again.slots.first().signedBy, QString());
        QCOMPARE(again.slots.first().signature, QByteArray(64, 's'));
        QCOMPARE(again.slots.first().signaturePromoted, QByteArray());
        QCOMPARE(again.slots.first().signatureAbandoned, QByteArray(64, 'a'));
        QCOMPARE(again.toJson(), keys.toJson());
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
