// Importing a GitLab-style onboarding issue written in Markdown.
#include "TestData.h"
#include "checklist/MarkdownImport.h"

#include <QFile>
#include <QTest>

using namespace onramp;

class TestMarkdownImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onboardingIssueImports()
    {
        QFile file(testDataPath(QStringLiteral("checklists/onboarding.md")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ParseResult r = importMarkdown(file.readAll(), "onboarding.md");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        const Checklist& c = *r.checklist;
        QCOMPARE(c.id, "backend-engineer-first-week");
        QCOMPARE(c.title, QString::fromUtf8("Backend engineer — first week"));
        QStringList ids;
        for (const Step& s : c.steps)
            ids.append(s.id);
        QCOMPARE(
            ids,
            (QStringList{"read-how-we-handle-mistakes", "set-up-your-laptop", "run-the-test-suite-against-your-sandbox",
                         "lunch-with-the-team", "lunch-with-the-team-2", "ask-for-sandbox-access"}));
        QCOMPARE(c.steps[0].section, "Day one");
        QCOMPARE(c.steps[0].title, "Read how we handle mistakes");
        QVERIFY(c.steps[0].required);
        QVERIFY(!c.steps[0].signoff);
        QCOMPARE(c.steps[0].body,
                 "Blameless postmortems, where backups live,\nhow restores are tested.\n\nSee the handbook.");
        QCOMPARE(c.steps[1].body, QString());
        QVERIFY(c.steps[2].required && c.steps[2].signoff);
        QCOMPARE(c.steps[2].title, "Run the test suite against your sandbox");
        QCOMPARE(c.steps[3].section, "Afternoon");
        QVERIFY(c.steps[5].signoff);
        QVERIFY(c.steps[5].required); // (SIGNOFF) alone: the review gates production
        QCOMPARE(c.steps[5].body, "```sh\nonramp status me\n```");
        QVERIFY(c.credentials.isEmpty());
        QCOMPARE(c.formatVersion, 1);
    }

    void stepLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("required");
        QTest::addColumn<bool>("signoff");
        QTest::newRow("open") << QByteArray("- [ ] Do it") << "Do it" << false << false;
        QTest::newRow("ticked") << QByteArray("- [x] Do it") << "Do it" << false << false;
        QTest::newRow("capital x") << QByteArray("- [X] Do it") << "Do it" << false << false;
        QTest::newRow("star") << QByteArray("* [ ] Do it") << "Do it" << false << false;
        QTest::newRow("numbered") << QByteArray("2. [ ] Do it") << "Do it" << false << false;
        QTest::newRow("required") << QByteArray("- [ ] Do it (required)") << "Do it" << true << false;
        // A step the mentor reviews gates production access: it is required.
        QTest::newRow("signoff") << QByteArray("- [ ] Do it (signoff)") << "Do it" << true << true;
        QTest::newRow("sign-off") << QByteArray("- [ ] Do it (Sign-off)") << "Do it" << true << true;
        QTest::newRow("both, any order") << QByteArray("- [ ] Do it (signoff) (required)") << "Do it" << true << true;
        QTest::newRow("flag mid-text stays")
            << QByteArray("- [ ] Do (required) it") << "Do (required) it" << false << false;
    }
    void stepLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, title);
        QFETCH(bool, required);
        QFETCH(bool, signoff);
        const ParseResult r = importMarkdown("# T\n" + line + "\n", "t.md");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->steps.size(), 1);
        const Step& s = r.checklist->steps[0];
        QCOMPARE(s.title, title);
        QCOMPARE(s.required, required);
        QCOMPARE(s.signoff, signoff);
    }

    void idComesFromTheFileNameWithoutATitle()
    {
        const ParseResult r = importMarkdown("- [ ] One\n", "/tmp/Ops Onboarding.md");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->id, "ops-onboarding");
        QCOMPARE(r.checklist->title, "Ops Onboarding");
    }

    void closingHashesOfAHeadingAreDropped()
    {
        const ParseResult r = importMarkdown("# Learn C# ##\n## Day one ##\n- [ ] One\n", "x.md");
        QVERIFY(r.ok());
        QCOMPARE(r.checklist->title, "Learn C#");
        QCOMPARE(r.checklist->steps[0].section, "Day one");
    }

    void problemsAreReported_data()
    {
        QTest::addColumn<QByteArray>("markdown");
        QTest::addColumn<QStringList>("errors");
        QTest::newRow("no items") << QByteArray("# Title\n\nJust prose.\n")
                                  << QStringList{"x.md:1:1: no checklist items found; write each step as '- [ ] text'"};
        QTest::newRow("empty item") << QByteArray("# Title\n- [ ] One\n- [ ]   (required)\n")
                                    << QStringList{"x.md:3:9: this checklist item has no text"};
        QTest::newRow("empty file") << QByteArray()
                                    << QStringList{
                                           "x.md:1:1: no checklist items found; write each step as '- [ ] text'"};
    }
    void problemsAreReported()
    {
        QFETCH(QByteArray, markdown);
        QFETCH(QStringList, errors);
        const ParseResult r = importMarkdown(markdown, "x.md");
        QVERIFY(!r.ok());
        QCOMPARE(r.errors, errors);
    }

    // 100,000 steps of one title once took minutes: each id searched the
    // suffixes from -2 upwards.
    void aHundredThousandLikeStepsImportEachWithItsOwnId()
    {
        QByteArray markdown = "# T\n";
        for (int i = 0; i < 100000; ++i)
            markdown += "- [ ] a\n";
        const ParseResult r = importMarkdown(markdown, "x.md");
        QVERIFY2(r.ok(), qPrintable(r.errors.mid(0, 3).join('\n')));
        QCOMPARE(r.checklist->steps.size(), 100000);
        QCOMPARE(r.checklist->steps[0].id, "a");
        QCOMPARE(r.checklist->steps[1].id, "a-2");
        QCOMPARE(r.checklist->steps.last().id, "a-100000");
    }

    void titlesThatLookLikeSuffixesGetTheirOwnIds()
    {
        const ParseResult r = importMarkdown("# T\n- [ ] a\n- [ ] a\n- [ ] a 2\n- [ ] a\n", "x.md");
        QVERIFY(r.ok());
        QStringList ids;
        for (const Step& s : r.checklist->steps)
            ids.append(s.id);
        QCOMPARE(ids, (QStringList{"a", "a-2", "a-2-2", "a-3"}));
    }

    void untitledFileWithSymbolNameIsRefused()
    {
        const ParseResult r = importMarkdown("- [ ] One\n", "!!!.md");
        QCOMPARE(r.errors, QStringList{"!!!.md:1:1: the checklist needs a title: start the file with '# Title'"});
    }
};

QTEST_GUILESS_MAIN(TestMarkdownImport)
#include "TestMarkdownImport.moc"
