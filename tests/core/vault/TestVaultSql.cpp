// The rule of `vault sql` in the core, as every front-end meets it: admins
// only, and the statement commits with its audit entry or not at all.
#include "VaultTestUtil.h"
#include "vault/Vault.h"
#include "vault/VaultSql.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

class TestVaultSql : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_dir;

    std::unique_ptr<Vault> unlock(const QString& name, QByteArrayView passphrase)
    {
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(m_dir, name, passphrase, &vault);
        if (e)
            qWarning() << e.message;
        return vault;
    }

    static qint64 entries(Vault& vault, const QString& action)
    {
        return vault.db()
            .scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ?1"), {action})
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("SQLITE_TMPDIR", QFile::encodeName(m_tmp.path()));
        qputenv("TMPDIR", QFile::encodeName(m_tmp.path()));
        m_dir = m_tmp.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(m_dir));
    }

    void onlyAnAdminRunsIt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::newRow("mentor") << "max" << kMentorPassphrase;
        QTest::newRow("hire") << "hal" << kHirePassphrase;
    }
    void onlyAnAdminRunsIt()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, passphrase);
        std::unique_ptr<Vault> vault = unlock(name, passphrase);
        QVERIFY(vault);
        const qint64 before = entries(*vault, QStringLiteral("vault.sql"));
        QList<QVariantList> rows;
        const Error e =
            VaultSql::run(*vault, QStringLiteral("UPDATE people SET display_name = 'X' WHERE name = 'hal'"), &rows);
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(name), qPrintable(e.message));
        QCOMPARE(entries(*vault, QStringLiteral("vault.sql")), before);
        QCOMPARE(vault->person(QStringLiteral("hal"))->displayName, QStringLiteral("Hal Hire"));
    }

    void anAdminsStatementIsRecordedWithoutItsText()
    {
        std::unique_ptr<Vault> vault = unlock(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(vault);
        QList<QVariantList> rows;
        const Error e = VaultSql::run(
            *vault, QStringLiteral("SELECT name FROM people WHERE display_name <> 'a secret literal' ORDER BY name"),
            &rows);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.first().first().toString(), QStringLiteral("ada"));
        const QList<QVariantList> last = [&] {
            QList<QVariantList> r;
            vault->db().execute(QStringLiteral("SELECT action, subject, details, actor_name FROM audit_log "
                                               "ORDER BY seq DESC LIMIT 1"),
                                {}, &r);
            return r;
        }();
        QCOMPARE(last.size(), 1);
        QCOMPARE(last[0][0].toString(), QStringLiteral("vault.sql"));
        QCOMPARE(last[0][1].toString(), QStringLiteral("people"));
        QCOMPARE(last[0][3].toString(), QStringLiteral("ada"));
        const QJsonObject details = QJsonDocument::fromJson(last[0][2].toString().toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("keyword")).toString(), QStringLiteral("SELECT"));
        QVERIFY(!last[0][2].toString().contains(QLatin1String("secret literal")));
    }

    // The statement and its entry are one transaction: when the statement
    // fails, its entry is not kept either.
    void aFailedStatementLeavesNoEntry_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("syntax") << "SELEC nothing";
        QTest::newRow("a transaction of its own") << "BEGIN";
        QTest::newRow("outside any transaction") << "VACUUM";
        QTest::newRow("the log's own trigger") << "DELETE FROM audit_log WHERE seq = 1";
    }
    void aFailedStatementLeavesNoEntry()
    {
        QFETCH(QString, statement);
        std::unique_ptr<Vault> vault = unlock(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(vault);
        const qint64 before = entries(*vault, QStringLiteral("vault.sql"));
        QList<QVariantList> rows;
        const Error e = VaultSql::run(*vault, statement, &rows);
        QVERIFY(e);
        QCOMPARE(entries(*vault, QStringLiteral("vault.sql")), before);
        // And the vault takes the next statement as usual.
        QVERIFY(!VaultSql::run(*vault, QStringLiteral("SELECT 1"), &rows));
        QCOMPARE(entries(*vault, QStringLiteral("vault.sql")), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestVaultSql)
#include "TestVaultSql.moc"
