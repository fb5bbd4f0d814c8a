// What the audit log keeps of a raw `vault sql` statement: the keyword and the
// table it names, read the way SQLite reads the statement, and never a word
// from inside a string literal, a comment or a quoted string.
#include "vault/VaultSql.h"

#include <QJsonObject>
#include <QTest>

using namespace onramp;

class TestSqlDescription : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheKeywordAndTheTable_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("table");
        QTest::newRow("select") << "select * from people"
                                << "SELECT"
                                << "people";
        QTest::newRow("update with a literal") << "UPDATE people SET display_name = 'x' WHERE name = 'zed'"
                                               << "UPDATE"
                                               << "people";
        QTest::newRow("pragma") << "PRAGMA rekey = 'new key'"
                                << "PRAGMA"
                                << "rekey";
        QTest::newRow("quoted table") << "DELETE FROM \"audit_log\" WHERE seq = 3"
                                      << "DELETE"
                                      << "audit_log";
        QTest::newRow("bracketed table") << "CREATE TABLE IF NOT EXISTS [notes] (id)"
                                         << "CREATE"
                                         << "notes";
        QTest::newRow("comment first") << "/* it's */ DROP TRIGGER audit_log_no_delete"
                                       << "DROP"
                                       << "audit_log_no_delete";
        QTest::newRow("a comment splits words") << "SEL/**/ECT 1 FROM t"
                                                << "SEL"
                                                << "t";
        QTest::newRow("no statement") << "-- nothing"
                                      << "?"
                                      << "";
    }
    void keepsTheKeywordAndTheTable()
    {
        QFETCH(QString, statement);
        QFETCH(QString, keyword);
        QFETCH(QString, table);
        const QJsonObject described = VaultSql::describe(statement);
        QCOMPARE(described.value("keyword").toString(), keyword);
        QCOMPARE(described.value("table").toString(), table);
        QCOMPARE(described.contains("table"), !table.isEmpty());
    }

    // Comments were removed before literals were found, so "--" inside a
    // literal cut the statement there and the next literal's text read as
    // SQL; a quoted string left open ran on as SQL too.
    void neverKeepsTextFromALiteralOrAComment_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("comment marks inside a literal") << "SELECT 'a--', 1\n, 'FROM hunter2' FROM t";
        QTest::newRow("comment start inside a literal") << "SELECT '/*', 'INTO hunter2 */'";
        QTest::newRow("open comment") << "SELECT 1 /* FROM hunter2";
        QTest::newRow("double-quoted string") << "SELECT \"x FROM hunter2\"";
        QTest::newRow("double-quoted string left open") << "INSERT \"\"\"INTO hunter2 (v) VALUES (1)";
        QTest::newRow("quoted name ending in a newline") << "DELETE FROM \"hunter2\n\"";
        QTest::newRow("literal left open") << "SELECT 'a FROM hunter2";
    }
    void neverKeepsTextFromALiteralOrAComment()
    {
        QFETCH(QString, statement);
        const QJsonObject described = VaultSql::describe(statement);
        QVERIFY2(!described.value("table").toString().contains("hunter2"),
                 qPrintable(described.value("table").toString()));
        QVERIFY(!described.value("keyword").toString().contains("HUNTER2"));
    }
};

QTEST_GUILESS_MAIN(TestSqlDescription)
#include "TestSqlDescription.moc"
