// What a step says about itself, for each reader, and how a note's text
// reaches the screen: escaped, with its links, never as markup.
#include "Formats.h"
#include "StepListModel.h"
#include "StepThreadModel.h"

#include <QRegularExpression>
#include <QTest>

using namespace onramp;
using namespace onramp::ui;

Q_DECLARE_METATYPE(onramp::ui::StepReader::Kind)

namespace {

StepView viewIn(StepStatus status)
{
    StepView v;
    v.step.id = QStringLiteral("tests");
    v.step.title = QStringLiteral("Run the tests");
    v.step.signoff = status != StepStatus::Done;
    v.done = status == StepStatus::Done || status == StepStatus::WaitingForReview || status == StepStatus::Approved
        || status == StepStatus::Resubmitted;
    v.approved = status == StepStatus::Approved;
    v.rejected = status == StepStatus::SentBack || status == StepStatus::Resubmitted;
    v.doneAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
    if (v.approved || v.rejected) {
        v.reviewer = QStringLiteral("max");
        v.reviewerDisplayName = QStringLiteral("Max Mentor");
        v.reviewedAt = v.doneAt.addSecs(3600);
    }
    return v;
}

/// What stepChanges() says of \a step, one "kind:FIELD" a change: its "text"
/// or its "marked" rich text.
QStringList changesAs(const StepView& step, const char* field)
{
    QStringList out;
    for (const QVariant& c : stepChanges(step))
        out.append(c.toMap().value(QStringLiteral("kind")).toString() + u':'
                   + c.toMap().value(QLatin1String(field)).toString());
    return out;
}

} // namespace

class TestStepTexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStateHasItsOwnMark()
    {
        const QList<StepStatus> all = {StepStatus::Open,     StepStatus::Done,     StepStatus::WaitingForReview,
                                       StepStatus::Approved, StepStatus::SentBack, StepStatus::Resubmitted};
        QSet<QString> marks;
        for (StepStatus s : all)
            marks.insert(stepStatusMark(s));
        QCOMPARE(marks.size(), all.size());
    }

    void textsAreWrittenForTheirReader_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<StepReader::Kind>("reader");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hire, waiting") << int(StepStatus::WaitingForReview) << StepReader::Hire
                                       << "waiting for Max Mentor to review it";
        QTest::newRow("mentor, waiting") << int(StepStatus::WaitingForReview) << StepReader::Mentor
                                         << "It waits for your review.";
        QTest::newRow("admin, waiting") << int(StepStatus::WaitingForReview) << StepReader::Other
                                        << "It waits for review by Max Mentor.";
        QTest::newRow("hire, sent back") << int(StepStatus::SentBack) << StepReader::Hire
                                         << "Redo the step, then resubmit it for review.";
        QTest::newRow("mentor, sent back")
            << int(StepStatus::SentBack) << StepReader::Mentor << "You asked for changes";
        QTest::newRow("admin, sent back")
            << int(StepStatus::SentBack) << StepReader::Other << "Max Mentor asked for changes";
        QTest::newRow("hire, resubmitted") << int(StepStatus::Resubmitted) << StepReader::Hire << "Redone on";
        QTest::newRow("mentor, resubmitted")
            << int(StepStatus::Resubmitted) << StepReader::Mentor << "It waits for your review again.";
        QTest::newRow("hire, approved") << int(StepStatus::Approved) << StepReader::Hire
                                        << "Done and approved by Max Mentor";
        QTest::newRow("mentor, approved")
            << int(StepStatus::Approved) << StepReader::Mentor << "Done and approved by you";
        QTest::newRow("admin, open") << int(StepStatus::Open) << StepReader::Other
                                     << "Hal Hire has not done this step yet.";
    }

    void textsAreWrittenForTheirReader()
    {
        QFETCH(int, status);
        QFETCH(StepReader::Kind, reader);
        QFETCH(QString, expected);
        const StepView view = viewIn(StepStatus(status));
        QCOMPARE(view.status(), StepStatus(status));
        const StepReader who{reader, QStringLiteral("Hal Hire"), QStringLiteral("Max Mentor"),
                             reader == StepReader::Mentor ? QStringLiteral("max") : QStringLiteral("ada")};
        const QString text = stepStatusSentence(view, who);
        QVERIFY2(text.contains(expected), qPrintable(text));
        // Nobody but the hire reads "your mentor", and login names stay out.
        if (reader != StepReader::Hire)
            QVERIFY2(!text.contains(QStringLiteral("your mentor")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral(" max ")) && !text.startsWith(QStringLiteral("max")), qPrintable(text));
    }

    // A request for changes the mentor gave before a move, and that carried
    // over, says so to each reader: the step is sent back on a version the
    // mentor never reviewed it on. One given after the move says nothing of it.
    void aSendBackFromBeforeTheMoveSaysSo_data()
    {
        QTest::addColumn<StepReader::Kind>("reader");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hire") << StepReader::Hire
                              << "Max Mentor asked for changes on %1, before the move to this version "
                                 "of the checklist, and that still stands. Redo the step, then resubmit it for review.";
        QTest::newRow("mentor") << StepReader::Mentor
                                << "You asked for changes on %1, before the move to this version of the "
                                   "checklist; that still stands. Waiting for Hal Hire to redo it.";
        QTest::newRow("admin") << StepReader::Other
                               << "Max Mentor asked for changes on %1, before the move to this version of "
                                  "the checklist; that still stands. Waiting for Hal Hire to redo it.";
    }

    void aSendBackFromBeforeTheMoveSaysSo()
    {
        QFETCH(StepReader::Kind, reader);
        QFETCH(QString, expected);
        StepView view = viewIn(StepStatus::SentBack);
        const StepReader who{reader, QStringLiteral("Hal Hire"), QStringLiteral("Max Mentor"),
                             reader == StepReader::Mentor ? QStringLiteral("max") : QStringLiteral("ada")};
        QVERIFY(!stepStatusSentence(view, who).contains(QStringLiteral("before the move")));
        view.sentBackBeforeMove = true;
        QCOMPARE(stepStatusSentence(view, who), expected.arg(listDate(view.reviewedAt)));
    }

    // German has no 's: a name is never glued to an English possessive
    // ("Max Mentor's review"), so that each language can place it.
    void noNameIsGluedToAPossessive()
    {
        const QRegularExpression possessive(QStringLiteral("\\w['’]s\\b"));
        for (const StepStatus status : {StepStatus::Open, StepStatus::Done, StepStatus::WaitingForReview,
                                        StepStatus::Approved, StepStatus::SentBack, StepStatus::Resubmitted}) {
            for (const StepReader::Kind kind : {StepReader::Hire, StepReader::Mentor, StepReader::Other}) {
                const StepReader who{kind, QStringLiteral("Hal Hire"), QStringLiteral("Max Mentor"),
                                     kind == StepReader::Mentor ? QStringLiteral("max") : QStringLiteral("ada")};
                const QString text = stepStatusSentence(viewIn(status), who);
                QVERIFY2(!text.contains(possessive), qPrintable(text));
            }
        }
    }

    // What a move changed in a step, line by line as the body shows it:
    // the lines both versions have are left out, the rest in order.
    void aChangedStepSaysWhatChanged()
    {
        StepView v;
        v.step.title = QStringLiteral("Restore a backup");
        v.step.body = QStringLiteral("Take last night's backup.\n\nRestore it **twice**.\n\nTell your mentor.");
        QVERIFY(stepChanges(v).isEmpty());
        v.changedFromVersion = 2;
        v.titleBefore = QStringLiteral("Restore the backup");
        v.bodyBefore = QStringLiteral("Take last night's backup.\n\nRestore it once.\n\nTell your mentor.");
        const auto said = [](const StepView& step) { return changesAs(step, "text"); };
        QCOMPARE(said(v),
                 (QStringList{QStringLiteral("title:Restore the backup"), QStringLiteral("removed:Restore it once."),
                              QStringLiteral("added:Restore it twice.")}));
        // A paragraph is cut into its sentences: one changed sentence is all that shows.
        v.titleBefore = v.step.title;
        v.bodyBefore = QStringLiteral("Take the backup. Restore it\nonce. Tell your mentor.");
        v.step.body = QStringLiteral("Take the backup. Restore it\ntwice. Tell your mentor.");
        QCOMPARE(said(v),
                 (QStringList{QStringLiteral("removed:Restore it once."), QStringLiteral("added:Restore it twice.")}));
        v.step.body = QStringLiteral("Take last night's backup.\n\nRestore it **twice**.\n\nTell your mentor.");
        // A change the text does not show (a link's address): the Markdown's own lines.
        v.bodyBefore = QStringLiteral("Read the [guide](https://wiki.example.com/guide).");
        v.step.body = QStringLiteral("Read the [guide](https://evil.example.net/guide).");
        QCOMPARE(said(v),
                 (QStringList{QStringLiteral("removed:Read the [guide](https://wiki.example.com/guide)."),
                              QStringLiteral("added:Read the [guide](https://evil.example.net/guide).")}));
        v.step.body = QStringLiteral("Take last night's backup.\n\nRestore it **twice**.\n\nTell your mentor.");
        // A body that only grew: the new lines alone.
        v.titleBefore = v.step.title;
        v.bodyBefore = QStringLiteral("Take last night's backup.");
        QCOMPARE(said(v),
                 (QStringList{QStringLiteral("added:Restore it twice."), QStringLiteral("added:Tell your mentor.")}));
    }

    // A sentence reworded in place shows the words that changed in bold,
    // escaped as rich text; one rewritten whole, or one only added, is plain.
    void aRewordedSentenceMarksTheChangedWords()
    {
        StepView v;
        v.step.title = QStringLiteral("Restore a backup");
        v.titleBefore = v.step.title;
        v.changedFromVersion = 1;
        v.bodyBefore =
            QStringLiteral("Take the backup. Restore it once into the sandbox if 1 < 2 & check. Tell your mentor.");
        v.step.body =
            QStringLiteral("Take the backup. Restore it twice into the sandbox if 1 < 2 & check. Tell your mentor. "
                           "Then rest.");
        const auto marked = [](const StepView& step) { return changesAs(step, "marked"); };
        QCOMPARE(
            marked(v),
            (QStringList{QStringLiteral("removed:Restore it <b>once</b> into the sandbox if 1 &lt; 2 &amp; check."),
                         QStringLiteral("added:Restore it <b>twice</b> into the sandbox if 1 &lt; 2 &amp; check."),
                         QStringLiteral("added:")}));
        // A removed sentence with no counterpart before the reworded one: each
        // added sentence finds the removed one it shares most words with.
        v.bodyBefore =
            QStringLiteral("Take the backup. Ask ops for the dump file today. Restore it once into the sandbox.");
        v.step.body = QStringLiteral("Take the backup. Restore it twice into the sandbox.");
        QCOMPARE(
            marked(v),
            (QStringList{QStringLiteral("removed:"), QStringLiteral("removed:Restore it <b>once</b> into the sandbox."),
                         QStringLiteral("added:Restore it <b>twice</b> into the sandbox.")}));
        // Rewritten: too few words alike to be worth marking.
        v.bodyBefore = QStringLiteral("Take the backup. Ask ops for the dump file today. Tell your mentor.");
        v.step.body = QStringLiteral("Take the backup. Restore it twice. Tell your mentor.");
        QCOMPARE(marked(v), (QStringList{QStringLiteral("removed:"), QStringLiteral("added:")}));
    }

    // A step a move ended the approval of and worded otherwise may ask for
    // more: its sentence does not say there is nothing to do.
    void aReReviewOfAChangedStepDoesNotSayNothingToDo()
    {
        StepView v;
        v.step.title = QStringLiteral("Run the tests");
        v.step.signoff = true;
        v.done = true;
        v.doneAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
        v.approvedOnVersion = 1;
        StepReader hire;
        hire.mentor = QStringLiteral("Maya Mentor");
        QVERIFY(stepStatusSentence(v, hire).contains(QStringLiteral("nothing more to do")));
        v.changedFromVersion = 1;
        const QString said = stepStatusSentence(v, hire);
        QVERIFY2(!said.contains(QStringLiteral("nothing more to do")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("if it now asks for more, do that")), qPrintable(said));
        QCOMPARE(stepStatusLabel(v), QStringLiteral("waiting for re-review"));
    }

    void waitingIsNotLabelledLikeApproved()
    {
        QVERIFY(stepStatusLabel(viewIn(StepStatus::WaitingForReview)) != stepStatusLabel(viewIn(StepStatus::Approved)));
        QVERIFY(stepStatusLabel(viewIn(StepStatus::Resubmitted)) != stepStatusLabel(viewIn(StepStatus::SentBack)));
    }

    void noteTextIsEscapedWithItsLinks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("html");
        QTest::newRow("plain") << "all green"
                               << "all green";
        QTest::newRow("markup") << "<b>bold</b> & <script>x</script>"
                                << "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;";
        QTest::newRow("link") << "see https://ci.example.com/run/42."
                              << "see <a href=\"https://ci.example.com/run/42\">https://ci.example.com/run/42</a>.";
        QTest::newRow("link with query") << "https://x.example/a?b=1&c=2"
                                         << "<a href=\"https://x.example/a?b=1&amp;c=2\">"
                                            "https://x.example/a?b=1&amp;c=2</a>";
        QTest::newRow("quote cannot leave the attribute") << "https://x.example/\"onmouseover=\"x"
                                                          << "<a href=\"https://x.example/\">https://x.example/</a>"
                                                             "&quot;onmouseover=&quot;x";
        QTest::newRow("javascript is not a link") << "javascript:alert(1)"
                                                  << "javascript:alert(1)";
        QTest::newRow("lines") << "one\ntwo"
                               << "one<br>two";
    }

    void noteTextIsEscapedWithItsLinks()
    {
        QFETCH(QString, text);
        QTEST(linkifiedText(text), "html");
    }

    // The links a step's text holds, as the controls the keyboard reaches show them.
    void linksAreFoundAsTheTextShowsThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("links"); // "words|address" each
        QTest::newRow("none") << "all green" << QStringList();
        QTest::newRow("markdown") << "Read the [postmortem guide](https://sre.example/pm) first."
                                  << QStringList{"sre.example \u2014 https://sre.example/pm|https://sre.example/pm"};
        QTest::newRow("bare, full stop after it")
            << "see https://ci.example.com/run/42."
            << QStringList{"https://ci.example.com/run/42|https://ci.example.com/run/42"};
        QTest::newRow("both, in order") << "https://a.example/x and [b](https://b.example/y)"
                                        << QStringList{"https://a.example/x|https://a.example/x",
                                                       "b.example \u2014 https://b.example/y|https://b.example/y"};
        QTest::newRow("quote ends it") << "https://x.example/\"onmouseover=\"x"
                                       << QStringList{"https://x.example/|https://x.example/"};
        // Words that look like an address show the one the link opens.
        QTest::newRow("words naming another address")
            << "[https://ci.acme.internal/job/4711/console](https://evil.example/sso-login)"
            << QStringList{"evil.example \u2014 https://evil.example/sso-login|https://evil.example/sso-login"};
        QTest::newRow("words that are the address") << "[https://ci.example/1](https://ci.example/1)"
                                                    << QStringList{"https://ci.example/1|https://ci.example/1"};
        // Words that look like an address show the one the link opens.
        QTest::newRow("words naming another address")
            << "[https://ci.acme.internal/job/4711/console](https://evil.example/sso-login)"
            << QStringList{"evil.example \u2014 https://evil.example/sso-login|https://evil.example/sso-login"};
        QTest::newRow("words that are the address") << "[https://ci.example/1](https://ci.example/1)"
                                                    << QStringList{"https://ci.example/1|https://ci.example/1"};
        QTest::newRow("javascript is not a link") << "[x](javascript:alert(1)) javascript:alert(1)" << QStringList();
    }

    void linksAreFoundAsTheTextShowsThem()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, links);
        QStringList found;
        const QVariantList all = stepLinks(text);
        for (const QVariant& link : all) {
            const QVariantMap map = link.toMap();
            found << map.value(QStringLiteral("text")).toString() + u'|' + map.value(QStringLiteral("url")).toString();
        }
        QCOMPARE(found, links);
    }

    // A display name is whatever its owner chose: the thread says whose part
    // an entry is, so a hire named "Maya Mentor" still reads as the hire.
    void theThreadSaysWhoseEachEntryIs()
    {
        ThreadEntry hire;
        hire.author = QStringLiteral("alex");
        hire.authorDisplayName = QStringLiteral("Maya Mentor");
        hire.byHire = true;
        hire.verified = true;
        hire.body = QStringLiteral("Approving.");
        ThreadEntry mentor = hire;
        mentor.author = QStringLiteral("maya");
        mentor.byHire = false;
        mentor.byMentor = true;
        mentor.kind = ThreadEntry::Kind::Approved;
        ThreadEntry admin = hire;
        admin.author = QStringLiteral("ada");
        admin.authorDisplayName = QStringLiteral("Ada Admin");
        admin.byHire = false;
        StepThreadModel model;
        model.setEntries({hire, mentor, admin});
        const auto heading = [&](int row) {
            return model.data(model.index(row), StepThreadModel::HeadingRole).toString();
        };
        QCOMPARE(heading(0), QStringLiteral("Maya Mentor (hire)"));
        QCOMPARE(heading(1), QStringLiteral("Maya Mentor (mentor) approved the step"));
        QVERIFY2(heading(2).startsWith(QStringLiteral("Ada Admin (ada, ")), qPrintable(heading(2)));

        // A redo after changes were asked is the hire's, said as an act, with no body.
        ThreadEntry redone = hire;
        redone.kind = ThreadEntry::Kind::Resubmitted;
        redone.body.clear();
        model.setEntries({redone});
        QCOMPARE(heading(0), QStringLiteral("Maya Mentor (hire) redid the step after changes were asked"));
        QCOMPARE(model.data(model.index(0), StepThreadModel::KindRole).toString(), QStringLiteral("resubmitted"));
        model.setEntries({redone}, true); // the hire reads it of themselves
        QCOMPARE(heading(0), QStringLiteral("You redid the step after changes were asked"));
    }

    // The line of dates under a step's title: its day while open, overdue
    // once past it, and once done the day it was done, its own day beside it
    // only when it was done later.
    void aStepsDatesSayWhenItWasDone()
    {
        const QDate day(2026, 11, 25);
        StepView open = viewIn(StepStatus::Open);
        open.due = day;
        StepView late = open;
        late.overdue = true;
        StepView onTime = viewIn(StepStatus::Done);
        onTime.due = day;
        onTime.doneAt = QDateTime(day.addDays(-1), QTime(12, 0), Qt::UTC); // the clock's days are UTC ones
        StepView after = onTime;
        after.doneAt = QDateTime(day.addDays(8), QTime(12, 0), Qt::UTC);
        StepView undated = viewIn(StepStatus::Done);
        undated.doneAt = QDateTime(day, QTime(12, 0), Qt::UTC);
        // Past its day but late for nothing (an optional step after the sign-off).
        StepView past = open;
        past.pastDue = true;
        StepListModel model;
        model.setSteps({open, late, onTime, after, undated, past});
        const auto dates = [&](int row) { return model.data(model.index(row), StepListModel::DatesRole).toString(); };
        const auto dueText = [&](int row) {
            return model.data(model.index(row), StepListModel::DueTextRole).toString();
        };
        QCOMPARE(dates(0), QStringLiteral("due %1").arg(listDate(day)));
        QCOMPARE(dates(1), QStringLiteral("overdue since %1").arg(listDate(day)));
        QCOMPARE(dates(5), QStringLiteral("was due %1").arg(listDate(day)));
        QCOMPARE(dueText(0), dates(0));
        QCOMPARE(dueText(1), dates(1));
        QCOMPARE(dueText(5), dates(5));
        QCOMPARE(dueText(2), QStringLiteral("due %1").arg(listDate(day))); // the page's line names the day alone
        QCOMPARE(dates(2), QStringLiteral("done %1").arg(listDate(day.addDays(-1))));
        QCOMPARE(dates(3), QStringLiteral("done %1 · due %2").arg(listDate(day.addDays(8)), listDate(day)));
        QCOMPARE(dates(4), QStringLiteral("done %1").arg(listDate(day)));
    }

    // Text written before such characters were refused shows them for what they are.
    void hidingCharactersShowAsWhatTheyAre()
    {
        ThreadEntry e;
        e.author = QStringLiteral("alex");
        e.authorDisplayName = QStringLiteral("Al\u200Bex");
        e.byHire = true;
        e.verified = true;
        e.body = QStringLiteral("see https://ci.example/\u202Egnp.exe");
        StepThreadModel model;
        model.setEntries({e});
        const QModelIndex row = model.index(0);
        QCOMPARE(model.data(row, StepThreadModel::TextRole).toString(),
                 QStringLiteral("see https://ci.example/[U+202E]gnp.exe"));
        QVERIFY(!model.data(row, StepThreadModel::HtmlRole).toString().contains(QChar(0x202E)));
        QCOMPARE(model.data(row, StepThreadModel::HeadingRole).toString(), QStringLiteral("Al[U+200B]ex (hire)"));
    }
};

QTEST_GUILESS_MAIN(TestStepTexts)
#include "TestStepTexts.moc"
