// Database: the SQLCipher wrapper — binding, transactions, keys, cipher settings, locking.
#include "Database.h"
#include "VaultTestUtil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace onramp;

class TestDatabase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_count = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1.db").arg(++m_count)); }

    std::unique_ptr<Database> create(const QString& path, const SecureBytes& key)
    {
        std::unique_ptr<Database> db;
        const Error e = Database::open(path, key, Database::OpenMode::Create, &db);
        if (e)
            qWarning() << e.message;
        return db;
    }

private Q_SLOTS:
    void valuesRoundTripWithTheirTypes_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("qint64") << QVariant(qint64(1) << 40) << QVariant(qint64(1) << 40);
        QTest::newRow("int") << QVariant(-7) << QVariant(qint64(-7));
        QTest::newRow("bool") << QVariant(true) << QVariant(qint64(1));
        QTest::newRow("text") << QVariant(QStringLiteral("Zoë")) << QVariant(QStringLiteral("Zoë"));
        QTest::newRow("empty text") << QVariant(QString()) << QVariant(QString());
        QTest::newRow("blob") << QVariant(QByteArray("\0\1\2", 3)) << QVariant(QByteArray("\0\1\2", 3));
        QTest::newRow("null") << QVariant() << QVariant();
    }
    void valuesRoundTripWithTheirTypes()
    {
        QFETCH(QVariant, value);
        QFETCH(QVariant, expected);
        auto db = create(freshPath(), SecureBytes::random(32));
        QVERIFY(db);
        QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v)")));
        QVERIFY(!db->execute(QStringLiteral("INSERT INTO t (v) VALUES (?)"), {value}));
        QCOMPARE(db->lastInsertId(), qint64(1));
        QList<QVariantList> rows;
        QVERIFY(!db->execute(QStringLiteral("SELECT v FROM t"), {}, &rows));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().first().typeId(), expected.typeId());
        QCOMPARE(rows.first().first(), expected);
    }

    void transactionRollsBackUnlessCommitted()
    {
        auto db = create(freshPath(), SecureBytes::random(32));
        QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v)")));
        {
            Database::Transaction tx(*db);
            QVERIFY(!db->execute(QStringLiteral("INSERT INTO t VALUES (1)")));
        }
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM t")).toLongLong(), 0);
        {
            Database::Transaction tx(*db);
            QVERIFY(!db->execute(QStringLiteral("INSERT INTO t VALUES (2)")));
            QVERIFY(!tx.commit());
        }
        QCOMPARE(db->scalar(QStringLiteral("SELECT count(*) FROM t")).toLongLong(), 1);
    }

    // What must be undone outside the database when its change is not
    // recorded runs after a rollback, once, and never after a commit.
    void afterRollbackRunsOnRollbackOnly()
    {
        auto db = create(freshPath(), SecureBytes::random(32));
        QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v)")));
        QStringList ran;
        {
            Database::Transaction tx(*db);
            QVERIFY(!db->execute(QStringLiteral("INSERT INTO t VALUES (1)")));
            db->afterRollback([&] {
                // Runs after the ROLLBACK: the row is gone, the database usable.
                ran.append(
                    QStringLiteral("undo %1").arg(db->scalar(QStringLiteral("SELECT count(*) FROM t")).toLongLong()));
            });
        }
        QCOMPARE(ran, QStringList{QStringLiteral("undo 0")});
        {
            Database::Transaction tx(*db);
            db->afterRollback([&] { ran.append(QStringLiteral("undo after a commit")); });
            QVERIFY(!tx.commit());
        }
        {
            Database::Transaction tx(*db); // a later rollback does not run an earlier transaction's
        }
        QCOMPARE(ran, QStringList{QStringLiteral("undo 0")});
    }

    void badStatementsAreInvalidInput_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("syntax") << QStringLiteral("SELEC 1");
        QTest::newRow("two statements") << QStringLiteral("SELECT 1; SELECT 2");
        QTest::newRow("constraint") << QStringLiteral("INSERT INTO t (v) VALUES (NULL)");
    }
    void badStatementsAreInvalidInput()
    {
        QFETCH(QString, sql);
        auto db = create(freshPath(), SecureBytes::random(32));
        QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v NOT NULL)")));
        QCOMPARE(db->execute(sql).kind, ErrorKind::InvalidInput);
    }

    void fileIsEncryptedWithPinnedSettings()
    {
        const QString path = freshPath();
        auto db = create(path, SecureBytes::random(32));
        QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v)")));
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA cipher_page_size")).toLongLong(), 4096);
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA cipher_use_hmac")).toLongLong(), 1);
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA temp_store")).toLongLong(), 2);
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA foreign_keys")).toLongLong(), 1);
        QCOMPARE(db->scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("delete"));
        db.reset();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.read(16).startsWith("SQLite format 3"));
    }

    void wrongKeyIsDamagedAndChangesNothing()
    {
        const QString path = freshPath();
        const SecureBytes key = SecureBytes::random(32);
        {
            auto db = create(path, key);
            QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v)")));
        }
        const auto before = vaulttest::hashFiles(m_dir.path());
        std::unique_ptr<Database> db;
        const Error e = Database::open(path, SecureBytes::random(32), Database::OpenMode::Existing, &db);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY(e.message.contains(path));
        QVERIFY(!db);
        QCOMPARE(vaulttest::hashFiles(m_dir.path()), before);
        QVERIFY(!Database::open(path, key, Database::OpenMode::Existing, &db));
    }

    // Opening costs the same whatever the file's size: the key, the header
    // and the page count are checked, every page's HMAC only by checkIntegrity
    // (`vault check`), and any read of a damaged page fails on its own.
    void openChecksKeyAndHeaderWhileCheckIntegrityFindsADamagedPage()
    {
        const QString path = freshPath();
        const SecureBytes key = SecureBytes::random(32);
        {
            auto db = create(path, key);
            QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v BLOB)")));
            for (int i = 0; i < 20; ++i)
                QVERIFY(!db->execute(QStringLiteral("INSERT INTO t VALUES (randomblob(3000))")));
        }
        const qint64 pages = QFileInfo(path).size() / 4096;
        QVERIFY(pages > 10);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 offset = (pages - 2) * 4096 + 100;
            QVERIFY(file.seek(offset));
            char byte = 0;
            QVERIFY(file.getChar(&byte));
            QVERIFY(file.seek(offset));
            QVERIFY(file.putChar(char(byte ^ 0x01)));
        }
        std::unique_ptr<Database> db;
        const Error opened = Database::open(path, key, Database::OpenMode::Existing, &db);
        QVERIFY2(!opened, qPrintable(opened.message));
        QStringList report;
        const Error checked = db->checkIntegrity(&report);
        QVERIFY2(checked.kind == ErrorKind::Damaged, qPrintable(checked.message));
        QVERIFY(checked.message.contains(path));
        QVERIFY(!report.filter(QStringLiteral("cipher: ")).isEmpty());
        const Error read = db->execute(QStringLiteral("SELECT count(*), sum(length(v)) FROM t"));
        QVERIFY2(read.kind == ErrorKind::Damaged, qPrintable(read.message));
        QVERIFY(read.message.contains(path));
        // A wrong key still fails at open.
        std::unique_ptr<Database> wrong;
        QCOMPARE(Database::open(path, SecureBytes::random(32), Database::OpenMode::Existing, &wrong).kind,
                 ErrorKind::Damaged);
    }

    void missingOrEmptyFileIsDamagedNeverANewDatabase()
    {
        const QString path = freshPath();
        std::unique_ptr<Database> db;
        QCOMPARE(Database::open(path, SecureBytes::random(32), Database::OpenMode::Existing, &db).kind,
                 ErrorKind::Damaged);
        QVERIFY(!QFile::exists(path));
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QCOMPARE(Database::open(path, SecureBytes::random(32), Database::OpenMode::Existing, &db).kind,
                 ErrorKind::Damaged);
        QCOMPARE(QFileInfo(path).size(), 0);
    }

    // A journal (or WAL) planted as a symbolic link is never followed, and
    // the error names it and says why, rather than "unable to open".
    void aLinkedJournalIsNamed_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("journal") << QStringLiteral("-journal");
        QTest::newRow("wal") << QStringLiteral("-wal");
    }
    void aLinkedJournalIsNamed()
    {
        QFETCH(QString, suffix);
        const QString path = freshPath();
        const SecureBytes key = SecureBytes::random(32);
        {
            auto db = create(path, key);
            QVERIFY(db);
            QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v INTEGER)")));
        }
        const QString target = m_dir.filePath(QStringLiteral("target") + suffix);
        QVERIFY(QFile::link(target, path + suffix));
        std::unique_ptr<Database> db;
        const Error e = Database::open(path, key, Database::OpenMode::Existing, &db);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(path + suffix) && e.message.contains(QStringLiteral("symbolic link")),
                 qPrintable(e.message));
        QVERIFY(!QFileInfo::exists(target));
        // Planted while the database is open, the journal the next write makes names it too.
        QVERIFY(QFile::remove(path + suffix));
        if (suffix != QLatin1String("-journal"))
            return;
        QVERIFY(!Database::open(path, key, Database::OpenMode::Existing, &db));
        QVERIFY(QFile::link(target, path + suffix));
        const Error write = db->execute(QStringLiteral("INSERT INTO t VALUES (1)"));
        QVERIFY2(write.message.contains(path + suffix), qPrintable(write.message));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(QFile::remove(path + suffix));
    }

    void rekeyChangesTheKeyThatOpensTheFile()
    {
        const QString path = freshPath();
        const SecureBytes oldKey = SecureBytes::random(32);
        const SecureBytes newKey = SecureBytes::random(32);
        {
            auto db = create(path, oldKey);
            QVERIFY(!db->execute(QStringLiteral("CREATE TABLE t (v)")));
            QVERIFY(!db->execute(QStringLiteral("INSERT INTO t VALUES ('kept')")));
            QVERIFY(!db->rekey(newKey));
        }
        std::unique_ptr<Database> db;
        QCOMPARE(Database::open(path, oldKey, Database::OpenMode::Existing, &db).kind, ErrorKind::Damaged);
        QVERIFY(!Database::open(path, newKey, Database::OpenMode::Existing, &db));
        QCOMPARE(db->scalar(QStringLiteral("SELECT v FROM t")).toString(), QStringLiteral("kept"));
        QStringList report;
        QVERIFY(!db->checkIntegrity(&report));
    }

    void secondWriterIsToldTheVaultIsBusy()
    {
        const QString path = freshPath();
        const SecureBytes key = SecureBytes::random(32);
        auto first = create(path, key);
        QVERIFY(!first->execute(QStringLiteral("CREATE TABLE t (v)")));
        std::unique_ptr<Database> second;
        QVERIFY(!Database::open(path, key, Database::OpenMode::Existing, &second));
        Database::Transaction holding(*first);
        QVERIFY(!holding.beginError());
        QVERIFY(!first->execute(QStringLiteral("INSERT INTO t VALUES (1)")));
        Database::Transaction waiting(*second);
        QCOMPARE(waiting.beginError().kind, ErrorKind::Busy);
        QVERIFY(waiting.beginError().message.contains(QStringLiteral("busy")));
        QVERIFY(!holding.commit());
        Database::Transaction after(*second);
        QVERIFY(!after.beginError());
        QVERIFY(!second->execute(QStringLiteral("INSERT INTO t VALUES (2)")));
        QVERIFY(!after.commit());
        QCOMPARE(first->scalar(QStringLiteral("SELECT count(*) FROM t")).toLongLong(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
