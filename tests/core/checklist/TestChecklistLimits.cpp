// What the importer refuses beyond the schema, and where it says it is: bytes
// that are not clean text, ids, titles and bodies over their limits, too many
// steps, too large a file, and placeholders that nothing fills in.
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistRules.h"
#include "checklist/ChecklistWriter.h"
#include "checklist/MarkdownImport.h"
#include "credentials/CredentialView.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;

namespace {

const QString kTextRule = "checklist text is UTF-8 without control characters (other than tab and line breaks), "
                          "noncharacters or bidirectional and zero-width characters";

// A YAML checklist whose one step has this title.
QByteArray yamlTitled(const QByteArray& title)
{
    return "onramp: 1\nchecklist:\n  id: c\n  title: C\n  steps:\n    - id: s\n      title: " + title + "\n";
}

// A YAML checklist with one sandbox credential whose 'user' field is this value.
QByteArray yamlUser(const QByteArray& user)
{
    return "onramp: 1\nchecklist: {id: c, title: C, steps: [{id: s, title: S}]}\ncredentials:\n"
           "  - {id: k, title: K, environment: sandbox, provider: static, fields: {user: "
        + user + "}}\n";
}

QByteArray repeated(const QByteArray& line, int times)
{
    QByteArray out;
    out.reserve(line.size() * times);
    for (int i = 0; i < times; ++i)
        out += line;
    return out;
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
        QTest::newRow("NUL escaped in a YAML title")
            << "x.yaml" << yamlTitled("\"Re\\0ad\"")
            << "x.yaml:7:14: 'title' of step 's' holds a NUL byte; " + kTextRule;
        QTest::newRow("NUL in Markdown") << "x.md" << QByteArray("# T\n- [ ] Re\0ad\n", 16)
                                         << "x.md:2:9: the file holds a NUL byte; " + kTextRule;
        QTest::newRow("fuzzer's NUL after U+FFFF in a heading")
            << "x.md" << QByteArray::fromHex("2320efbfbf000a2d205b205d23")
            << "x.md:1:3: the file holds noncharacter U+FFFF; " + kTextRule;
        QTest::newRow("invalid UTF-8 in YAML") << "x.yaml" << yamlTitled("caf\xe9")
                                               << "x.yaml:7:17: the file holds invalid UTF-8 (byte 0xE9); " + kTextRule;
        QTest::newRow("UTF-8 cut short in Markdown")
            << "x.md" << QByteArray("# T\n- [ ] caf\xc3(\n")
            << "x.md:2:10: the file holds invalid UTF-8 (byte 0xC3); " + kTextRule;
        QTest::newRow("overlong UTF-8 in JSON") << "x.json" << QByteArray("{\"onramp\": 1,\n \"x\": \"\xc0\xaf\"}")
                                                << "x.json:2:8: the file holds invalid UTF-8 (byte 0xC0); " + kTextRule;
        QTest::newRow("next-line escape in YAML")
            << "x.yaml" << yamlTitled("\"next\\Nline\"")
            << "x.yaml:7:14: 'title' of step 's' holds control character U+0085; " + kTextRule;
        QTest::newRow("escape character in YAML")
            << "x.yaml" << yamlTitled("\"\\e[31mred\"")
            << "x.yaml:7:14: 'title' of step 's' holds control character U+001B; " + kTextRule;
        QTest::newRow("C1 control in Markdown") << "x.md" << QByteArray("# T\n\n- [ ] a\xc2\x85z\n")
                                                << "x.md:3:8: the file holds control character U+0085; " + kTextRule;
        QTest::newRow("noncharacter escaped in YAML")
            << "x.yaml" << yamlTitled("\"\\uFDD0\"")
            << "x.yaml:7:14: 'title' of step 's' holds noncharacter U+FDD0; " + kTextRule;
        QTest::newRow("right-to-left override in a YAML title")
            << "x.yaml" << yamlTitled("\"Invoice \\u202Egnp.exe\"")
            << "x.yaml:7:14: 'title' of step 's' holds U+202E, a character that reorders or hides text; " + kTextRule;
        QTest::newRow("right-to-left override in a Markdown body")
            << "x.md" << QByteArray("# T\n\n- [ ] a\n  see https://ci.example/\xe2\x80\xaegnp.exe\n")
            << "x.md:4:26: the file holds U+202E, a character that reorders or hides text; " + kTextRule;
        QTest::newRow("zero-width space in a YAML credential field")
            << "x.yaml" << yamlUser("ad\xe2\x80\x8bmin")
            << "x.yaml:4:80: the file holds U+200B, a character that reorders or hides text; " + kTextRule;
        QTest::newRow("100,000-character step id")
            << "x.yaml"
            << "onramp: 1\nchecklist: {id: c, title: C, steps: [{id: " + QByteArray(100000, 'a') + ", title: S}]}\n"
            << "x.yaml:2:43: 'id' of step 1 is 100000 characters long; the limit is 64";
        QTest::newRow("65-character checklist id")
            << "x.yaml"
            << "onramp: 1\nchecklist: {id: " + QByteArray(65, 'c') + ", title: C, steps: [{id: s, title: S}]}\n"
            << "x.yaml:2:17: 'id' of the checklist is 65 characters long; the limit is 64";
        QTest::newRow("201-character step title in Markdown")
            << "x.md"
            << "# T\n- [ ] " + QByteArray(201, 't') + "\n"
            << "x.md:2:7: the step's title is 201 characters long; the limit is 200";
        QTest::newRow("201-character section in YAML")
            << "x.yaml"
            << "onramp: 1\nchecklist: {id: c, title: C, steps: [{id: s, title: S, section: " + QByteArray(201, 's')
                + "}]}\n"
            << "x.yaml:2:65: 'section' of step 's' is 201 characters long; the limit is 200";
        QTest::newRow("20,001-character body in Markdown")
            << "x.md"
            << "# T\n- [ ] a\n\n  " + QByteArray(20001, 'b')
            << "x.md:4:1: the body of step 'a' is 20001 characters long; the limit is 20000";
        QTest::newRow("unknown placeholder")
            << "x.yaml" << yamlUser("\"{{user}}\"")
            << "x.yaml:4:78: field 'user' of credential 'k' uses an unknown placeholder '{{user}}'; "
               "the known ones are {{hire}}, {{hire_display}}, {{enrollment}}";
        QTest::newRow("placeholder left open")
            << "x.yaml" << yamlUser("\"db-{{hire\"")
            << "x.yaml:4:78: field 'user' of credential 'k' uses an unknown placeholder '{{hire'; "
               "the known ones are {{hire}}, {{hire_display}}, {{enrollment}}";
        QTest::newRow("100,001 steps in Markdown")
            << "x.md"
            << "# T\n" + repeated("- [ ] a\n", limits::kSteps + 1)
            << "x.md:100002:1: the checklist has more than 100000 steps; that is the limit";
        QTest::newRow("101 credentials")
            << "x.yaml"
            << "onramp: 1\nchecklist: {id: c, title: C, steps: [{id: s, title: S}]}\ncredentials:\n"
                + repeated("  - {id: k, title: K, environment: sandbox, provider: static}\n", 101)
            << "x.yaml:104:5: 'credentials' has more than 100 credentials; that is the limit";
        // A 20,000-character body reused through an alias would make a small
        // file hold gigabytes of text.
        QTest::newRow("aliases past the text total")
            << "x.yaml"
            << "onramp: 1\nbody: &b " + QByteArray(20000, 'b') + "\nchecklist: {id: c, title: C, steps: [\n"
                + repeated("  {id: s, title: S, body: *b},\n", 500) + "]}\n"
            << "x.yaml:423:3: the checklist holds more than 8388608 characters of text; that is the limit";
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
        QTest::newRow("byte order mark") << QString::fromUtf8("\xef\xbb\xbf"
                                                              "a");
        QTest::newRow("line separator") << QString::fromUtf8("a\xe2\x80\xa8"
                                                             "b");
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

    // yaml-cpp decodes "\_" and "\N" into the lone bytes 0xA0 and 0x85; a
    // no-break space escaped in a double-quoted title was refused as
    // invalid UTF-8 although the file was valid.
    void noBreakSpaceEscapedInYamlIsTheCharacter_data()
    {
        QTest::addColumn<QByteArray>("title");
        QTest::addColumn<QString>("text");
        QTest::newRow("inside") << QByteArray("\"a\\_b\"") << QString::fromUtf8("a\u00a0b");
        QTest::newRow("first") << QByteArray("\"\\_b\"") << QString::fromUtf8("\u00a0b");
        QTest::newRow("after a two-byte character")
            << QByteArray("\"caf\xc3\xa9\\_\"") << QString::fromUtf8("caf\u00e9\u00a0");
        QTest::newRow("twice") << QByteArray("\"\\_\\_x\\_\"") << QString::fromUtf8("\u00a0\u00a0x\u00a0");
    }
    void noBreakSpaceEscapedInYamlIsTheCharacter()
    {
        QFETCH(QByteArray, title);
        QFETCH(QString, text);
        const ParseResult r = parseChecklist(yamlTitled(title), "x.yaml");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->steps[0].title, text);
        const ParseResult again = parseChecklist(toYaml(*r.checklist), "export.yaml");
        QVERIFY2(again.ok(), qPrintable(again.errors.join('\n')));
        QCOMPARE(*again.checklist, *r.checklist);
    }

    void markdownIdsStayUniqueAndWithinTheLimit()
    {
        const QByteArray title = QByteArray(70, 'x');
        const ParseResult r = importMarkdown(
            "# T\n" + repeated("- [ ] " + title + "\n", 12) + "- [ ] " + QByteArray(62, 'x') + " 2\n", "x.md");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QSet<QString> ids;
        for (const Step& s : r.checklist->steps) {
            QVERIFY2(s.id.size() <= limits::kIdLength && isSlug(s.id), qPrintable(s.id));
            ids.insert(s.id);
        }
        QCOMPARE(ids.size(), r.checklist->steps.size());
        QCOMPARE(r.checklist->steps[1].id, QString(62, 'x') + "-2");
        QCOMPARE(r.checklist->steps[11].id, QString(61, 'x') + "-12");
        QCOMPARE(r.checklist->steps[12].id, QString(61, 'x') + "-13");
    }

    void filesOverTheSizeLimitAreRefusedWhereTheyCrossIt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("yaml") << "big.yaml";
        QTest::newRow("markdown") << "big.md";
    }
    void filesOverTheSizeLimitAreRefusedWhereTheyCrossIt()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        // 1024 lines of 1024 bytes fill the limit; the next byte is one too many.
        file.write(repeated("#" + QByteArray(1022, '-') + "\n", 1024) + "x\n");
        file.close();
        const ParseResult r = parseChecklistFile(file.fileName());
        QCOMPARE(
            r.errors,
            QStringList{file.fileName() + ":1025:1: the file is larger than 1 MiB; a checklist file is far smaller"});
    }

    void storedChecklistsAreReadUnderTheRulesTheyWereImportedBy()
    {
        const QByteArray stored =
            "onramp: 1\nchecklist: {id: c, title: \"bell\\a\", steps: [{id: " + QByteArray(80, 's')
            + ", title: S}]}\ncredentials: [{id: k, title: K, environment: sandbox, provider: static, "
              "fields: {user: \"{{login}}\"}}]\n";
        QCOMPARE(parseChecklist(stored, "x.yaml").errors.size(), 3);
        const ParseResult r = parseChecklist(stored, "x.yaml", InputLimits::Relaxed);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->steps[0].id.size(), 80);
    }

    void everyPlaceholderTheImporterAllowsIsFilledIn()
    {
        QVERIFY(unknownPlaceholder("{{hire}}@{{hire_display}}-{{enrollment}}").isEmpty());
        for (const QString& placeholder : fieldPlaceholders())
            QVERIFY2(!renderField(placeholder, "hal", "Hal", 7).contains("{{"), qPrintable(placeholder));
    }
};

QTEST_GUILESS_MAIN(TestChecklistLimits)
#include "TestChecklistLimits.moc"
