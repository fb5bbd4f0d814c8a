// Which vault folder a folder a person chose points at, and where a new
// vault may go: on real folders, with real vaults.
#include "VaultFolders.h"

#include "../VaultTestUtil.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp::ui;

class TestVaultFolders : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString& relative) const { return m_dir.filePath(relative); }

    static void writeFile(const QString& file)
    {
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x\n");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(vaulttest::makeVault(path(QStringLiteral("one/acme"))));
        QVERIFY(vaulttest::makeVault(path(QStringLiteral("two/acme"))));
        QVERIFY(vaulttest::makeVault(path(QStringLiteral("two/beta"))));
        QVERIFY(QDir().mkpath(path(QStringLiteral("one/acme/exports/2026"))));
        QVERIFY(QDir().mkpath(path(QStringLiteral("none/sub"))));
    }

    void theVaultFolderItsInsidesAndTheFolderAboveFindIt_data()
    {
        QTest::addColumn<QString>("chosen");
        QTest::newRow("itself") << QStringLiteral("one/acme");
        QTest::newRow("a folder inside") << QStringLiteral("one/acme/exports");
        QTest::newRow("two folders inside") << QStringLiteral("one/acme/exports/2026");
        QTest::newRow("its key store") << QStringLiteral("one/acme/") + onramp::Vault::keyFileName();
        QTest::newRow("the folder above") << QStringLiteral("one");
    }

    void theVaultFolderItsInsidesAndTheFolderAboveFindIt()
    {
        QFETCH(QString, chosen);
        const QString expected = path(QStringLiteral("one/acme"));
        for (const QString& given : {path(chosen), QUrl::fromLocalFile(path(chosen)).toString()}) {
            const FoundVault found = findVault(given);
            QVERIFY2(found.problem.isEmpty(), qPrintable(found.problem));
            QCOMPARE(found.folder, expected);
        }
    }

    void twoVaultsAreNotGuessedBetween()
    {
        const FoundVault found = findVault(path(QStringLiteral("two")));
        QVERIFY(found.folder.isEmpty());
        QVERIFY2(found.problem.contains(path(QStringLiteral("two"))) && found.problem.contains(QStringLiteral("acme"))
                     && found.problem.contains(QStringLiteral("beta")),
                 qPrintable(found.problem));
    }

    void aFolderWithoutOneSaysWhatAVaultFolderHolds()
    {
        const FoundVault none = findVault(path(QStringLiteral("none")));
        QVERIFY(none.folder.isEmpty());
        QVERIFY2(none.problem.contains(path(QStringLiteral("none")))
                     && none.problem.contains(onramp::Vault::keyFileName())
                     && none.problem.contains(onramp::Vault::databaseFileName()),
                 qPrintable(none.problem));
        const FoundVault missing = findVault(path(QStringLiteral("no-such-folder")));
        QVERIFY(missing.folder.isEmpty());
        QVERIFY2(missing.problem.contains(path(QStringLiteral("no-such-folder"))), qPrintable(missing.problem));
        QVERIFY(!findVault(QString()).problem.isEmpty());
    }

    void aNewVaultGoesInAnEmptyOrNewFolderOnly()
    {
        // Chosen in a dialog: an empty or new folder is the vault's; another gets a new folder inside.
        QVERIFY(QDir().mkpath(path(QStringLiteral("empty"))));
        QCOMPARE(newVaultFolderIn(path(QStringLiteral("empty")), QStringLiteral("team")),
                 path(QStringLiteral("empty")));
        QCOMPARE(newVaultFolderIn(path(QStringLiteral("new")), QStringLiteral("team")), path(QStringLiteral("new")));
        QCOMPARE(newVaultFolderIn(path(QStringLiteral("none")), QStringLiteral("team")),
                 path(QStringLiteral("none/team")));
        QCOMPARE(newVaultFolderIn(QUrl::fromLocalFile(path(QStringLiteral("none"))).toString(), QString()),
                 path(QStringLiteral("none/vault")));

        QVERIFY(newVaultFolderProblem(path(QStringLiteral("empty"))).isEmpty());
        QVERIFY(newVaultFolderProblem(path(QStringLiteral("new/deeper"))).isEmpty());
        for (const QString& refused : {QStringLiteral("one/acme"), QStringLiteral("none"), QStringLiteral("file")}) {
            if (refused == QLatin1String("file"))
                writeFile(path(refused));
            const QString problem = newVaultFolderProblem(path(refused));
            QVERIFY2(problem.contains(path(refused)), qPrintable(refused + QStringLiteral(": ") + problem));
        }
        QVERIFY(!newVaultFolderProblem(QString()).isEmpty());
    }

    void theOfferedFolderIsInSightAndFree()
    {
        const QString home = path(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(home));
        const QByteArray before = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home));
        QCOMPARE(suggestedVaultFolder(), QDir(home).filePath(QStringLiteral("Onramp/vault")));
        writeFile(QDir(home).filePath(QStringLiteral("Onramp/vault/notes.txt")));
        QCOMPARE(suggestedVaultFolder(), QDir(home).filePath(QStringLiteral("Onramp/vault-2")));
        QCOMPARE(localPath(QStringLiteral("~/Onramp")), QDir(home).filePath(QStringLiteral("Onramp")));
        qputenv("HOME", before);
    }
};

QTEST_GUILESS_MAIN(TestVaultFolders)
#include "TestVaultFolders.moc"
