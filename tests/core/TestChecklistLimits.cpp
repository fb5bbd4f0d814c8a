// What the importer refuses beyond the schema, and where it says it is: bytes
// that are not clean text.
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "checklist/MarkdownImport.h"

#include <QTest>

using namespace onramp;

namespace {

const QString kTextRule = "checklist text is UTF-8 without control characters (other than tab and line breaks) "
                          "or noncharacters";

// A YAML checklist whose one step has this title.
QByteArray yamlTitled(const QByteArray& title)
{
    return "onramp: 1\nchecklist:\n  id: c\n  title: C\n  steps:\n    - id: s\n      title: " + title + "\n";
}

ParseResult parse(const QString& file, const QByteArray& bytes)
{
    return file.endsWith(".md") ? importMarkdown(bytes, file) : parseChecklist(bytes, file);
}

} // namespace

class TestChecklistLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusalsNameTheirPosition_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("NUL in a YAML title") << "x.yaml" << yamlTitled(QByteArray("Re\0ad", 5))
            << "x.yaml:7:16: the file holds a NUL byte; " + kTextRule;
        QTest::newRow("NUL escaped in a YAML title") << "x.yaml" << yamlTitled("\"Re\\0ad\"")
            << "x.yaml:7:14: 'title' of step 's' holds a NUL byte; " + kTextRule;
        QTest::newRow("NUL in Markdown") << "x.md" << QByteArray("# T\n- [ ] Re\0ad\n", 16)
            << "x.md:2:9: the file holds a NUL byte; " + kTextRule;
        QTest::newRow("fuzzer's NUL after U+FFFF in a heading") << "x.md"
            << QByteArray::fromHex("2320efbfbf000a2d205b205d23")
            << "x.md:1:3: the file holds noncharacter U+FFFF; " + kTextRule;
        QTest::newRow("invalid UTF-8 in YAML") << "x.yaml" << yamlTitled("caf\xe9")
            << "x.yaml:7:17: the file holds invalid UTF-8 (byte 0xE9); " + kTextRule;
        QTest::newRow("UTF-8 cut short in Markdown") << "x.md" << QByteArray("# T\n- [ ] caf\xc3(\n")
            << "x.md:2:10: the file holds invalid UTF-8 (byte 0xC3); " + kTextRule;
        QTest::newRow("overlong UTF-8 in JSON") << "x.json" << QByteArray("{\"onramp\": 1,\n \"x\": \"\xc0\xaf\"}")
            << "x.json:2:8: the file holds invalid UTF-8 (byte 0xC0); " + kTextRule;
        QTest::newRow("escape in YAML that is not UTF-8") << "x.yaml" << yamlTitled("\"next\\Nline\"")
            << "x.yaml:7:14: 'title' of step 's' holds invalid UTF-8 (byte 0x85); " + kTextRule;
        QTest::newRow("escape character in YAML") << "x.yaml" << yamlTitled("\"\\e[31mred\"")
            << "x.yaml:7:14: 'title' of step 's' holds control character U+001B; " + kTextRule;
        QTest::newRow("C1 control in Markdown") << "x.md" << QByteArray("# T\n\n- [ ] a\xc2\x85z\n")
            << "x.md:3:8: the file holds control character U+0085; " + kTextRule;
        QTest::newRow("noncharacter escaped in YAML") << "x.yaml" << yamlTitled("\"\\uFDD0\"")
            << "x.yaml:7:14: 'title' of step 's' holds noncharacter U+FDD0; " + kTextRule;
    }
    void refusalsNameTheirPosition()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const ParseResult r = parse(file, bytes);
        QVERIFY(!r.ok());
        QVERIFY2(r.errors.contains(error), qPrintable(r.errors.mid(0, 3).join('\n')));
    }

    void cleanTextSurvivesExportAndImport_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("tab") << "a\tb";
        QTest::newRow("carriage return") << "a\r\nb";
        QTest::newRow("byte order mark") << QString::fromUtf8("\xef\xbb\xbf" "a");
        QTest::newRow("line separator") << QString::fromUtf8("a\xe2\x80\xa8" "b");
        QTest::newRow("replacement character") << QString::fromUtf8("a\xef\xbf\xbd");
        QTest::newRow("astral") << QString::fromUtf8("\xf0\x9f\x9a\x80 \xf4\x8f\xbf\xbd");
    }
    void cleanTextSurvivesExportAndImport()
    {
        QFETCH(QString, text);
        Checklist c;
        c.id = "c";
        c.title = text;
        Step s;
        s.id = "s";
        s.title = text;
        s.body = text;
        c.steps = {s};
        const QByteArray yaml = toYaml(c);
        const ParseResult r = parseChecklist(yaml, "x.yaml");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(*r.checklist, c);
    }

    void storedChecklistsAreReadUnderTheRulesTheyWereImportedBy()
    {
        const QByteArray stored = "onramp: 1\nchecklist: {id: c, title: \"bell\\a\", steps: [{id: s, title: S}]}\n";
        QCOMPARE(parseChecklist(stored, "x.yaml").errors,
                 QStringList{"x.yaml:2:27: 'title' of the checklist holds control character U+0007; " + kTextRule});
        const ParseResult r = parseChecklist(stored, "x.yaml", InputLimits::Relaxed);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->title, "bell\a");
    }
};

QTEST_GUILESS_MAIN(TestChecklistLimits)
#include "TestChecklistLimits.moc"
