// The vault's commands through the real `onramp` binary: output and exit codes.
#include "VaultTestUtil.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

class TestVaultCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_vault;
    int m_count = 0;

    QString writeFile(const QByteArray& content)
    {
        const QString path = m_tmp.filePath(QStringLiteral("pass%1").arg(++m_count));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(content + '\n');
        return path;
    }

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args, const QString& vault = {})
    {
        args << QStringLiteral("--vault") << (vault.isEmpty() ? m_vault : vault) << QStringLiteral("--as") << who;
        return runOnramp(args, passphrase);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        const RunResult init = runOnramp(
            {QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"), QStringLiteral("--display"),
             QStringLiteral("Ada Admin"), QStringLiteral("--kdf"), QStringLiteral("interactive"),
             QStringLiteral("--vault"), m_vault, QStringLiteral("--passphrase-file"), writeFile(kAdminPassphrase)});
        QVERIFY2(init.code == 0, qPrintable(init.err));
        // The passphrase ada types for hal is handed over: hal chooses his own
        // before anything else opens for him.
        const QByteArray handed = "the passphrase ada typed for hal";
        const RunResult add =
            as(QStringLiteral("ada"), kAdminPassphrase,
               {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("hal"), QStringLiteral("--role"),
                QStringLiteral("hire"), QStringLiteral("--display"), QStringLiteral("Hal Hire"),
                QStringLiteral("--new-passphrase-file"), writeFile(handed)});
        QVERIFY2(add.code == 0, qPrintable(add.err));
        QVERIFY2(add.out.contains(QStringLiteral("choose their own passphrase")), qPrintable(add.out));
        const RunResult first = as(QStringLiteral("hal"), handed, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(first.code, 4);
        QVERIFY2(first.err.contains(QStringLiteral("onramp passphrase change --as hal")), qPrintable(first.err));
        const RunResult chose = as(QStringLiteral("hal"), handed,
                                   {QStringLiteral("passphrase"), QStringLiteral("change"),
                                    QStringLiteral("--new-passphrase-file"), writeFile(kHirePassphrase)});
        QVERIFY2(chose.code == 0, qPrintable(chose.err));
    }

    void initRefusesAnExistingVault()
    {
        const RunResult r = runOnramp({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("eve"),
                                       QStringLiteral("--vault"), m_vault},
                                      "x");
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("already holds a vault")), qPrintable(r.err));
    }

    void initRejectsAnUnknownKdfLevel()
    {
        const RunResult r = runOnramp({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("eve"),
                                       QStringLiteral("--kdf"), QStringLiteral("weak"), QStringLiteral("--vault"),
                                       m_tmp.filePath(QStringLiteral("other"))},
                                      "x");
        QVERIFY2(r.code == 2, qPrintable(r.err));
        QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("other/vault.db"))));
    }

    void personListPrintsPeopleAndJson()
    {
        const RunResult text =
            as(QStringLiteral("hal"), kHirePassphrase, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(text.code, 0);
        QCOMPARE(text.out, QStringLiteral("ada\tadmin\tAda Admin\nhal\thire\tHal Hire\n"));
        const RunResult json = as(QStringLiteral("hal"), kHirePassphrase,
                                  {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json.code, 0);
        const QJsonArray people = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(people.size(), 2);
        QCOMPARE(people.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("hire"));
    }

    void authFailuresExitThreeWithOneMessage_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::newRow("wrong passphrase") << "ada" << QByteArray("not it");
        QTest::newRow("unknown person") << "nobody" << kAdminPassphrase;
    }
    void authFailuresExitThreeWithOneMessage()
    {
        QFETCH(QString, who);
        QFETCH(QByteArray, passphrase);
        const auto before = hashFiles(m_vault);
        const RunResult r = as(who, passphrase, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(r.code, 3);
        QCOMPARE(r.err.trimmed(), QStringLiteral("onramp: wrong passphrase or unknown person"));
        QCOMPARE(hashFiles(m_vault), before);
    }

    void hireIsNotPermittedAdminCommands_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("person add") << QStringList{
            "person", "add", "zed", "--role", "hire", "--new-passphrase-file", writeFile("zed")};
        QTest::newRow("passphrase reset")
            << QStringList{"passphrase", "reset", "ada", "--new-passphrase-file", writeFile("mine now")};
        QTest::newRow("vault rekey") << QStringList{"vault", "rekey"};
        QTest::newRow("vault sql") << QStringList{"vault", "sql", "SELECT * FROM people"};
    }
    void hireIsNotPermittedAdminCommands()
    {
        QFETCH(QStringList, args);
        const RunResult r = as(QStringLiteral("hal"), kHirePassphrase, args);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only an admin")), qPrintable(r.err));
    }

    void vaultSqlPrintsRowsTabSeparated()
    {
        const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase,
                               {QStringLiteral("vault"), QStringLiteral("sql"),
                                QStringLiteral("SELECT name, role, disabled FROM people ORDER BY name")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("ada\tadmin\t0\nhal\thire\t0\n"));
        const RunResult bad = as(QStringLiteral("ada"), kAdminPassphrase,
                                 {QStringLiteral("vault"), QStringLiteral("sql"), QStringLiteral("SELEC nothing")});
        QCOMPARE(bad.code, 5);
    }

    void vaultCheckAndRekeySucceed()
    {
        const RunResult check =
            as(QStringLiteral("hal"), kHirePassphrase, {QStringLiteral("vault"), QStringLiteral("check")});
        QCOMPARE(check.code, 0);
        QVERIFY(check.out.contains(QStringLiteral("integrity_check: ok")));
        const RunResult rekey =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("vault"), QStringLiteral("rekey")});
        QVERIFY2(rekey.code == 0, qPrintable(rekey.err));
        QCOMPARE(as(QStringLiteral("hal"), kHirePassphrase, {QStringLiteral("vault"), QStringLiteral("check")}).code,
                 0);
    }

    void passphraseChangeAndReset()
    {
        const QString changed = writeFile("hal's second passphrase");
        QCOMPARE(as(QStringLiteral("hal"), kHirePassphrase,
                    {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                     changed})
                     .code,
                 0);
        QCOMPARE(as(QStringLiteral("hal"), kHirePassphrase, {QStringLiteral("person"), QStringLiteral("list")}).code,
                 3);
        QCOMPARE(
            as(QStringLiteral("hal"), "hal's second passphrase", {QStringLiteral("person"), QStringLiteral("list")})
                .code,
            0);
        // A reset is handed over too: hal chooses his own again first.
        const QByteArray reset = "the passphrase ada reset hal's to";
        const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase,
                               {QStringLiteral("passphrase"), QStringLiteral("reset"), QStringLiteral("hal"),
                                QStringLiteral("--new-passphrase-file"), writeFile(reset)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("choose their own passphrase")), qPrintable(r.out));
        const RunResult refused = as(QStringLiteral("hal"), reset, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(refused.code, 4);
        QVERIFY2(refused.err.contains(QStringLiteral("passphrase change")), qPrintable(refused.err));
        QCOMPARE(as(QStringLiteral("hal"), reset,
                    {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                     writeFile(kHirePassphrase)})
                     .code,
                 0);
        QCOMPARE(as(QStringLiteral("hal"), kHirePassphrase, {QStringLiteral("person"), QStringLiteral("list")}).code,
                 0);
    }

    void damagedVaultExitsSixNamingTheFile()
    {
        const QString copy = m_tmp.filePath(QStringLiteral("damaged"));
        QDir().mkpath(copy);
        QFile::copy(m_vault + QStringLiteral("/keys.db"), copy + QStringLiteral("/keys.db"));
        QFile empty(copy + QStringLiteral("/vault.db"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        const RunResult r =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("vault"), QStringLiteral("check")}, copy);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(copy + QStringLiteral("/vault.db")), qPrintable(r.err));
        QFile::remove(copy + QStringLiteral("/keys.db"));
        const RunResult noKeys =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("person"), QStringLiteral("list")}, copy);
        QCOMPARE(noKeys.code, 6);
        QVERIFY2(noKeys.err.contains(copy + QStringLiteral("/keys.db")), qPrintable(noKeys.err));
    }

    void anAdminsListShowsNoRoleTheLogDidNotGive()
    {
        // The hire opens a copy of the vault with their own key and makes
        // themselves an admin in the people table: the admin's list refuses
        // the vault rather than show it; the hire's own desk decides nothing.
        const QString copy = m_tmp.filePath(QStringLiteral("promoted"));
        QDir().mkpath(copy);
        QVERIFY(QFile::copy(m_vault + QStringLiteral("/vault.db"), copy + QStringLiteral("/vault.db")));
        QVERIFY(QFile::copy(m_vault + QStringLiteral("/keys.db"), copy + QStringLiteral("/keys.db")));
        {
            std::unique_ptr<Vault> hal;
            QVERIFY(!Vault::unlock(copy, QStringLiteral("hal"), kHirePassphrase, &hal));
            QVERIFY(!hal->db().execute(
                QStringLiteral("UPDATE people SET role = 'admin', display_name = 'Hal (IT admin)' WHERE name = 'hal'"),
                {}));
        }
        const RunResult admin =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("person"), QStringLiteral("list")}, copy);
        QCOMPARE(admin.code, 6);
        QVERIFY2(!admin.out.contains(QStringLiteral("IT admin")), qPrintable(admin.out));
        QVERIFY2(admin.err.contains(QStringLiteral("hal")), qPrintable(admin.err));
    }

    void writerWaitingOnAnotherProcessIsToldTheVaultIsBusy()
    {
        std::unique_ptr<Vault> holder;
        QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &holder));
        Database::Transaction tx(holder->db());
        QVERIFY(!tx.beginError());
        const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase,
                               {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("bea"),
                                QStringLiteral("--role"), QStringLiteral("mentor"),
                                QStringLiteral("--new-passphrase-file"), writeFile("bea's first passphrase")});
        QCOMPARE(r.code, 7);
        QVERIFY2(r.err.contains(QStringLiteral("busy")), qPrintable(r.err));
    }

    void missingAsIsAUsageError()
    {
        const RunResult r = runOnramp(
            {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--vault"), m_vault}, kAdminPassphrase);
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("--as")));
    }
};

QTEST_GUILESS_MAIN(TestVaultCommands)
#include "TestVaultCommands.moc"
