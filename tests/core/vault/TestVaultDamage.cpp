// A damaged vault is reported as damaged, naming the file — never a crash,
// never a new vault, never mistaken for a wrong passphrase.
#include "VaultTestUtil.h"
#include "vault/Vault.h"

#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

class TestVaultDamage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_pristine; // a vault with a few pages of data, copied for each case

    QString copyOfPristine(const QString& name)
    {
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir);
        for (const QString& file : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(dir + QLatin1Char('/') + file);
            QFile::copy(m_pristine + QLatin1Char('/') + file, dir + QLatin1Char('/') + file);
        }
        return dir;
    }

    static Error unlockAdmin(const QString& dir)
    {
        std::unique_ptr<Vault> vault;
        return Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &vault);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_pristine = m_tmp.filePath(QStringLiteral("pristine"));
        auto admin = makeVault(m_pristine);
        QVERIFY(admin);
        QVERIFY(!admin->db().execute(QStringLiteral("CREATE TABLE notes (v BLOB)")));
        for (int i = 0; i < 40; ++i)
            QVERIFY(!admin->db().execute(QStringLiteral("INSERT INTO notes VALUES (randomblob(900))")));
        QVERIFY(QFileInfo(m_pristine + QStringLiteral("/vault.db")).size() >= 10 * 4096);
    }

    void truncationAtEveryPageBoundaryIsDamage()
    {
        const QString dir = copyOfPristine(QStringLiteral("truncated"));
        const QString db = dir + QStringLiteral("/vault.db");
        const qint64 size = QFileInfo(m_pristine + QStringLiteral("/vault.db")).size();
        for (qint64 cut = 0; cut < size; cut += 4096) {
            copyOfPristine(QStringLiteral("truncated"));
            QVERIFY(QFile::resize(db, cut));
            const Error e = unlockAdmin(dir);
            QVERIFY2(e.kind == ErrorKind::Damaged, qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(e.message)));
            QVERIFY2(e.message.contains(db), qPrintable(e.message));
            QCOMPARE(QFileInfo(db).size(), cut); // not turned into a new vault
        }
    }

    void truncationInsideAPageIsDamage()
    {
        const QString dir = copyOfPristine(QStringLiteral("short"));
        QVERIFY(QFile::resize(dir + QStringLiteral("/vault.db"), 3 * 4096 + 100));
        QCOMPARE(unlockAdmin(dir).kind, ErrorKind::Damaged);
    }

    void singleByteFlipsAreDamage_data()
    {
        QTest::addColumn<qint64>("offset");
        for (qint64 page : {0, 1, 2, 5, 9})
            for (qint64 within : {0, 20, 100, 2048, 4095})
                QTest::addRow("page %lld byte %lld", page, within) << page * 4096 + within;
    }
    void singleByteFlipsAreDamage()
    {
        QFETCH(qint64, offset);
        const QString dir = copyOfPristine(QStringLiteral("flipped"));
        QFile db(dir + QStringLiteral("/vault.db"));
        QVERIFY(db.open(QIODevice::ReadWrite));
        QVERIFY(db.seek(offset));
        char byte = 0;
        QVERIFY(db.getChar(&byte));
        QVERIFY(db.seek(offset));
        QVERIFY(db.putChar(char(byte ^ 0x01)));
        db.close();
        // Unlocking reads the pages it needs; a flip elsewhere is found by
        // `vault check`, whose integrity check reads every page.
        std::unique_ptr<Vault> vault;
        Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &vault);
        if (!e) {
            QStringList report;
            e = vault->check(&report);
            QVERIFY2(!report.filter(QStringLiteral("cipher: ")).isEmpty(), qPrintable(report.join(u'\n')));
        }
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(db.fileName()), qPrintable(e.message));
        // Named for what it is: a changed page, never a key file of another
        // vault or SQLite's "malformed".
        QVERIFY2(!e.message.contains(QStringLiteral("another vault")), qPrintable(e.message));
        QVERIFY2(!e.message.contains(QStringLiteral("malformed")), qPrintable(e.message));
        QVERIFY2(e.message.contains(QStringLiteral("fails its integrity check"))
                     || e.message.contains(QStringLiteral("failed its integrity checks")),
                 qPrintable(e.message));
    }

    void missingOrEmptyDatabaseIsDamageNotANewVault()
    {
        const QString dir = copyOfPristine(QStringLiteral("nodb"));
        const QString db = dir + QStringLiteral("/vault.db");
        QVERIFY(QFile::remove(db));
        QCOMPARE(unlockAdmin(dir).kind, ErrorKind::Damaged);
        QVERIFY(!QFile::exists(db));
        QFile empty(db);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        const Error e = unlockAdmin(dir);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY(e.message.contains(db));
        QCOMPARE(QFileInfo(db).size(), 0);
    }

    void missingOrDamagedKeyFileIsDamage_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("remove");
        QTest::newRow("missing") << QByteArray() << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("garbage") << QByteArray("\x89PNG\r\n") << false;
    }
    void missingOrDamagedKeyFileIsDamage()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, remove);
        const QString dir = copyOfPristine(QStringLiteral("keyfile"));
        const QString path = dir + QStringLiteral("/keys.db");
        QFile::remove(path);
        if (!remove) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        const Error e = unlockAdmin(dir);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(path), qPrintable(e.message));
    }

    // Whoever holds the vault's key can write its folder: a vault.db or a
    // keys.db that is a link (to another person's file) is damage, and
    // nothing is read or written through it.
    void linkedFilesAreDamageAndNothingIsWrittenThrough_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("vault.db") << QStringLiteral("vault.db");
        QTest::newRow("keys.db") << QStringLiteral("keys.db");
    }
    void linkedFilesAreDamageAndNothingIsWrittenThrough()
    {
        QFETCH(QString, name);
        const QString dir = copyOfPristine(QStringLiteral("linked"));
        const QString path = dir + QLatin1Char('/') + name;
        const QString elsewhere = m_tmp.filePath(QStringLiteral("elsewhere-") + name);
        QFile::remove(elsewhere);
        QVERIFY(QFile::rename(path, elsewhere));
        QVERIFY(QFile::link(elsewhere, path));
        const QMap<QString, QByteArray> before = hashFiles(m_tmp.path());
        const Error e = unlockAdmin(dir);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(path) && e.message.contains(QLatin1String("symbolic link")), qPrintable(e.message));
        QCOMPARE(hashFiles(m_tmp.path()), before);
    }

    void alteredSlotIsNotAWrongPassphraseButDamage()
    {
        const QString dir = copyOfPristine(QStringLiteral("slot"));
        const QString path = dir + QStringLiteral("/keys.db");
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        keys.slot(QStringLiteral("ada"))->sealedMasterKey[10] ^= 0x40;
        QVERIFY(!keys.save(path));
        const Error e = unlockAdmin(dir);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY(e.message.contains(path));
    }

    void emptyFolderIsNoVault()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("empty"));
        QDir().mkpath(dir);
        QCOMPARE(unlockAdmin(dir).kind, ErrorKind::InvalidInput);
        QCOMPARE(QDir(dir).entryList(QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestVaultDamage)
#include "TestVaultDamage.moc"
