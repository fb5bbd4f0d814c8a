// A process killed at any point of `onramp vault rekey` leaves a vault that
// opens with exactly one of the two master keys and passes both integrity checks.
#include "Crypto.h"
#include "Database.h"
#include "VaultTestUtil.h"
#include "vault/Vault.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <vector>

using namespace onramp;
using namespace vaulttest;

class TestRekeyCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_count = 0;
    static constexpr int kRows = 600;

    QString makeBigVault()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("vault%1").arg(++m_count));
        auto admin = makeVault(dir);
        if (!admin)
            return {};
        Database::Transaction tx(admin->db());
        for (int i = 0; i < kRows; ++i)
            admin->db().execute(QStringLiteral("INSERT INTO settings (key, value) VALUES (?1, hex(randomblob(1500)))"),
                                {QStringLiteral("filler-%1").arg(i)});
        tx.commit();
        return dir;
    }

    // Every master key the key file names (current and pending), via the admin's slot.
    static std::vector<SecureBytes> keysInKeyFile(const QString& dir)
    {
        std::vector<SecureBytes> keys;
        KeyFile file;
        if (KeyFile::load(dir + QStringLiteral("/keys.db"), &file))
            return keys;
        const KeySlot* slot = file.slot(QStringLiteral("ada"));
        const std::optional<SecureBytes> secret = slot->unwrapSecretKey(file.vaultId, kAdminPassphrase);
        for (const QByteArray& sealed : {slot->sealedMasterKey, slot->sealedPendingMasterKey})
            if (!sealed.isEmpty())
                if (std::optional<SecureBytes> key = crypto::openSealed(sealed, *secret))
                    keys.push_back(std::move(*key));
        return keys;
    }

    static void addIfNew(std::vector<SecureBytes>* keys, SecureBytes key)
    {
        for (const SecureBytes& k : *keys)
            if (k.equals(key))
                return;
        keys->push_back(std::move(key));
    }

    void verifyOpensWithExactlyOneKey(const QString& dir, const SecureBytes& oldKey)
    {
        std::vector<SecureBytes> candidates;
        addIfNew(&candidates, SecureBytes::copyOf(oldKey.view()));
        for (SecureBytes& key : keysInKeyFile(dir))
            addIfNew(&candidates, std::move(key));
        QVERIFY(candidates.size() <= 2);
        int opening = 0;
        for (const SecureBytes& key : candidates) {
            std::unique_ptr<Database> db;
            if (!Database::open(dir + QStringLiteral("/vault.db"), key, Database::OpenMode::Existing, &db))
                ++opening;
        }
        QCOMPARE(opening, 1);
        for (const auto& [name, pass] : {std::pair{"ada", kAdminPassphrase}, {"hal", kHirePassphrase}}) {
            std::unique_ptr<Vault> vault;
            const Error e = Vault::unlock(dir, QString::fromLatin1(name), pass, &vault);
            QVERIFY2(!e, qPrintable(e.message));
            QStringList report;
            QVERIFY2(!vault->check(&report), qPrintable(report.join(QLatin1Char('\n'))));
            QCOMPARE(vault->db()
                         .scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key LIKE 'filler-%'"))
                         .toLongLong(),
                     kRows);
        }
        // The settled vault rekeys again cleanly. (A journal killed before its
        // header was synced is not hot: SQLite ignores it and the next write
        // transaction replaces and deletes it.)
        const RunResult again = runOnramp({QStringLiteral("vault"), QStringLiteral("rekey"), QStringLiteral("--vault"),
                                           dir, QStringLiteral("--as"), QStringLiteral("ada")},
                                          kAdminPassphrase);
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QVERIFY(!QFile::exists(dir + QStringLiteral("/vault.db-journal")));
        std::unique_ptr<Vault> after;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &after));
    }

private Q_SLOTS:
    void killedAtANamedPointLeavesOneWorkingKey_data()
    {
        QTest::addColumn<QString>("point");
        for (const char* point :
             {"rekey-before-pending", "rekey-after-pending", "rekey-after-rekey", "rekey-after-finalize"})
            QTest::newRow(point) << QString::fromLatin1(point);
    }
    void killedAtANamedPointLeavesOneWorkingKey()
    {
        QFETCH(QString, point);
        const QString dir = makeBigVault();
        QVERIFY(!dir.isEmpty());
        const std::vector<SecureBytes> before = keysInKeyFile(dir);
        QCOMPARE(before.size(), 1);
        const RunResult r = runOnramp({QStringLiteral("vault"), QStringLiteral("rekey"), QStringLiteral("--vault"), dir,
                                       QStringLiteral("--as"), QStringLiteral("ada")},
                                      kAdminPassphrase, {{QStringLiteral("ONRAMP_TEST_CRASH_AT"), point}});
        QCOMPARE(r.code, -1); // killed, not exited
        verifyOpensWithExactlyOneKey(dir, before.front());
    }

    void killedWhileReencryptingLeavesOneWorkingKey_data()
    {
        QTest::addColumn<int>("delayMs");
        for (int delay : {0, 3, 10, 25, 60})
            QTest::addRow("%d ms into the rekey", delay) << delay;
    }
    void killedWhileReencryptingLeavesOneWorkingKey()
    {
        QFETCH(int, delayMs);
        const QString dir = makeBigVault();
        const std::vector<SecureBytes> before = keysInKeyFile(dir);
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_PASSPHRASE"), QString::fromUtf8(kAdminPassphrase));
        env.insert(QStringLiteral("ONRAMP_TEST_ANNOUNCE"), QStringLiteral("1"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ONRAMP_BINARY),
                      {QStringLiteral("vault"), QStringLiteral("rekey"), QStringLiteral("--vault"), dir,
                       QStringLiteral("--as"), QStringLiteral("ada")});
        QByteArray err;
        QElapsedTimer timer;
        timer.start();
        while (!err.contains("rekey-after-pending") && timer.elapsed() < 30000) {
            process.waitForReadyRead(50);
            err += process.readAllStandardError();
        }
        QVERIFY2(err.contains("rekey-after-pending"), err.constData());
        QThread::msleep(ulong(delayMs));
        process.kill();
        process.waitForFinished();
        QFile journal(dir + QStringLiteral("/vault.db-journal"));
        const bool exists = journal.open(QIODevice::ReadOnly);
        const bool hot = exists && journal.read(8) == QByteArray::fromHex("d9d505f920a163d7");
        qInfo("killed %d ms after the pending key was written: %s", delayMs,
              hot          ? "hot journal (file partly re-encrypted)"
                  : exists ? "journal not yet synced (file untouched)"
                           : "no journal (rekey done or not begun)");
        journal.close();
        verifyOpensWithExactlyOneKey(dir, before.front());
    }
};

QTEST_GUILESS_MAIN(TestRekeyCrash)
#include "TestRekeyCrash.moc"
