// Export: import -> export -> import gives the same checklist.
#include "TestData.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "checklist/MarkdownImport.h"

#include <QTest>

using namespace onramp;

class TestChecklistWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripIsExact_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("sample.yaml") << "sample.yaml";
        QTest::newRow("sample.json") << "sample.json";
        QTest::newRow("minimal.yaml") << "minimal.yaml";
        QTest::newRow("rich.yaml") << "rich.yaml";
        QTest::newRow("onboarding.md") << "onboarding.md";
    }
    void roundTripIsExact()
    {
        QFETCH(QString, file);
        const ParseResult first = parseChecklistFile(testDataPath(QStringLiteral("checklists/") + file));
        QVERIFY2(first.ok(), qPrintable(first.errors.join('\n')));
        const QByteArray yaml = toYaml(*first.checklist);
        const ParseResult second = parseChecklist(yaml, "export.yaml");
        QVERIFY2(second.ok(), qPrintable(second.errors.join('\n') + '\n' + QString::fromUtf8(yaml)));
        QCOMPARE(*second.checklist, *first.checklist);
        // Writing is deterministic: a second export is byte-for-byte the first.
        QCOMPARE(toYaml(*second.checklist), yaml);
    }

    void exportReadsLikeTheSchema()
    {
        const ParseResult r = parseChecklistFile(testDataPath(QStringLiteral("checklists/sample.yaml")));
        QVERIFY(r.ok());
        const QByteArray yaml = toYaml(*r.checklist);
        QVERIFY(yaml.startsWith("onramp: 1\n"));
        QVERIFY2(yaml.contains("\n  id: backend-week-one\n"), yaml.constData());
        QVERIFY2(yaml.contains("      due: 1\n      required: true\n"), yaml.constData());
        QVERIFY2(yaml.contains("    secret: {name: password, length: 32}\n    ttl: 30d\n"), yaml.constData());
        QVERIFY2(yaml.contains("    ttl: 8h\n"), yaml.constData());
    }

    void awkwardTextSurvives_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("leading space, multi-line") << "  a\nb";
        QTest::newRow("trailing spaces inside") << "a  \nb";
        QTest::newRow("yaml words") << "null";
        QTest::newRow("tilde") << "~";
        QTest::newRow("colon") << "key: value";
        QTest::newRow("comment mark") << "a # b";
        QTest::newRow("leading dash") << "- item";
        QTest::newRow("quotes") << "\"'\"";
        QTest::newRow("line separator") << QString::fromUtf8("tab\t and \xe2\x80\xa8 separator");
        QTest::newRow("number") << "0x1F";
        QTest::newRow("anchor") << "&a *b";
        QTest::newRow("braces") << "{{hire}}";
        QTest::newRow("document marker") << "---";
        QTest::newRow("leading byte order mark") << QChar(0xFEFF) + QString("onramp: 1"); // found by the fuzzer
    }
    void awkwardTextSurvives()
    {
        QFETCH(QString, text);
        const Checklist c = everyTextIs(text);
        const QByteArray yaml = toYaml(c);
        const ParseResult r = parseChecklist(yaml, "x.yaml");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n') + '\n' + QString::fromUtf8(yaml)));
        QCOMPARE(*r.checklist, c);
    }

    // Import refuses control characters now; a checklist stored before still
    // exports and reads back exactly.
    void controlCharactersOfAStoredChecklistSurviveExport()
    {
        const Checklist c = everyTextIs(QString::fromUtf8("bell\x07, escape\x1b and \xc2\x85 next line"));
        const QByteArray yaml = toYaml(c);
        const ParseResult stored = parseChecklist(yaml, "x.yaml", InputLimits::Relaxed);
        QVERIFY2(stored.ok(), qPrintable(stored.errors.join('\n') + '\n' + QString::fromUtf8(yaml)));
        QCOMPARE(*stored.checklist, c);
        QVERIFY(!parseChecklist(yaml, "x.yaml").ok());
    }

private:
    static Checklist everyTextIs(const QString& text)
    {
        Checklist c;
        c.id = "c";
        c.title = text;
        Step s;
        s.id = "s";
        s.title = text;
        s.section = text;
        s.body = text.trimmed().isEmpty() ? QString() : text;
        c.steps = {s};
        CredentialTemplate cred;
        cred.id = "k";
        cred.title = text;
        cred.provider = "static";
        cred.fields = {{"note", text}};
        c.credentials = {cred};
        return c;
    }
};

QTEST_GUILESS_MAIN(TestChecklistWriter)
#include "TestChecklistWriter.moc"
