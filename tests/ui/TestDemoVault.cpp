// The demo vault's key slots: libsodium's minimum Argon2id cost, because the
// demo's passphrases are public, and never that cost for a real vault. Runs
// without ONRAMP_TEST_KDF, so that the levels are the ones people get.
#include "Demo.h"
#include "DemoKdf.h"
#include "KeyFile.h"
#include "VaultTestUtil.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace onramp;

class TestDemoVault : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static KeyFile keysOf(const QString& dir)
    {
        KeyFile keys;
        const Error e = KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys);
        if (e)
            qWarning() << e.message;
        return keys;
    }

    static bool isMinimal(const KdfParams& kdf)
    {
        return kdf.opslimit == crypto_pwhash_OPSLIMIT_MIN && kdf.memlimit == crypto_pwhash_MEMLIMIT_MIN;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qunsetenv("ONRAMP_TEST_KDF");
        QVERIFY(m_dir.isValid());
    }

    void theDemoVaultsSlotsUseTheCheapestLevelAndStillSignIn()
    {
        const QString dir = m_dir.filePath(QStringLiteral("demo"));
        const Error made = demo::createDemoVault(dir);
        QVERIFY2(!made, qPrintable(made.message));
        const KeyFile keys = keysOf(dir);
        QCOMPARE(keys.slots.size(), demo::people().size());
        for (const KeySlot& slot : keys.slots)
            QVERIFY2(isMinimal(slot.kdf),
                     qPrintable(slot.name
                                + QStringLiteral(": ops %1, mem %2").arg(slot.kdf.opslimit).arg(slot.kdf.memlimit)));
        for (const demo::DemoPerson& person : demo::people()) {
            std::unique_ptr<Vault> vault;
            const Error e = Vault::unlock(dir, person.name, person.passphrase.toUtf8(), &vault);
            QVERIFY2(!e, qPrintable(person.name + QLatin1String(": ") + e.message));
        }
        const Error seeded = demo::seedDemoProgress(dir);
        QVERIFY2(!seeded, qPrintable(seeded.message));
    }

    // The demo's marker is a file anyone who can write a folder can plant:
    // a real vault with it is not taken for the demo.
    void aPlantedMarkerDoesNotMakeARealVaultTheDemo()
    {
        const QString dir = m_dir.filePath(QStringLiteral("real-with-marker"));
        QVERIFY(vaulttest::makeVault(dir));
        QFile marker(QDir(dir).filePath(QStringLiteral("DEMO-VAULT.txt")));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("This is an Onramp demo vault.\ndemo format: 4\n");
        marker.close();
        QVERIFY(!demo::isDemoVault(dir));
        QVERIFY(!demo::isCurrentDemoVault(dir));
        const QString real = m_dir.filePath(QStringLiteral("demo-proper"));
        QVERIFY(!demo::createDemoVault(real));
        QVERIFY(demo::isDemoVault(real));
        QVERIFY(demo::isCurrentDemoVault(real));
    }

    void noCommandLineOrStoredSettingNamesTheDemoLevel()
    {
        QVERIFY(!kdfLevelFromName(QString::fromLatin1(DemoKdfScope::levelName())).has_value());
        QVERIFY(!DemoKdfScope::active());
    }

    void aRealVaultNeverGetsTheDemoLevelEvenWhenItsSettingSaysSo()
    {
        const QString dir = m_dir.filePath(QStringLiteral("real"));
        {
            std::unique_ptr<Vault> admin;
            const Error e = Vault::create(dir, QStringLiteral("ada"), QStringLiteral("Ada Admin"),
                                          vaulttest::kAdminPassphrase, KdfLevel::Interactive, &admin);
            QVERIFY2(!e, qPrintable(e.message));
            // Anyone holding the master key (a hire too) can write the setting.
            QVERIFY(
                !admin->db().execute(QStringLiteral("UPDATE settings SET value = 'demo' WHERE key = 'kdf_level'"), {}));
        }
        std::unique_ptr<Vault> admin;
        const Error unlocked = Vault::unlock(dir, QStringLiteral("ada"), vaulttest::kAdminPassphrase, &admin);
        QVERIFY2(!unlocked, qPrintable(unlocked.message));
        QCOMPARE(admin->kdfLevel(), KdfLevel::Interactive);
        const Error added = People(*admin).add(QStringLiteral("hal"), QStringLiteral("Hal Hire"), Role::Hire,
                                               vaulttest::kHirePassphrase);
        QVERIFY2(!added, qPrintable(added.message));
        const KeyFile keys = keysOf(dir);
        QCOMPARE(keys.slots.size(), 2);
        for (const KeySlot& slot : keys.slots) {
            QVERIFY2(!isMinimal(slot.kdf), qPrintable(slot.name));
            QVERIFY(slot.kdf.opslimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE);
            QVERIFY(slot.kdf.memlimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE);
        }
    }
    // The level a hire can write is only ever raised from: the floor is the
    // one the vault's signed first entry names.
    void aRewrittenSettingNeverLowersTheLevelTheVaultWasMadeWith_data()
    {
        QTest::addColumn<QString>("written");
        QTest::newRow("interactive") << QStringLiteral("interactive");
        QTest::newRow("demo") << QStringLiteral("demo");
        QTest::newRow("nonsense") << QStringLiteral("nonsense");
    }

    void aRewrittenSettingNeverLowersTheLevelTheVaultWasMadeWith()
    {
        QFETCH(QString, written);
        const QString dir = m_dir.filePath(QStringLiteral("moderate-") + written);
        {
            std::unique_ptr<Vault> admin;
            const Error e = Vault::create(dir, QStringLiteral("ada"), QStringLiteral("Ada Admin"),
                                          vaulttest::kAdminPassphrase, KdfLevel::Moderate, &admin);
            QVERIFY2(!e, qPrintable(e.message));
            QVERIFY(!admin->db().execute(QStringLiteral("UPDATE settings SET value = ? WHERE key = 'kdf_level'"),
                                         {written}));
        }
        std::unique_ptr<Vault> admin;
        const Error unlocked = Vault::unlock(dir, QStringLiteral("ada"), vaulttest::kAdminPassphrase, &admin);
        QVERIFY2(!unlocked, qPrintable(unlocked.message));
        QCOMPARE(admin->kdfLevel(), KdfLevel::Moderate);
        const Error added = People(*admin).add(QStringLiteral("maya"), QStringLiteral("Maya Mentor"), Role::Mentor,
                                               vaulttest::kHirePassphrase);
        QVERIFY2(!added, qPrintable(added.message));
        for (const KeySlot& slot : keysOf(dir).slots) {
            QVERIFY2(slot.kdf.opslimit >= crypto_pwhash_OPSLIMIT_MODERATE, qPrintable(slot.name));
            QVERIFY2(slot.kdf.memlimit >= crypto_pwhash_MEMLIMIT_MODERATE, qPrintable(slot.name));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoVault)
#include "TestDemoVault.moc"
