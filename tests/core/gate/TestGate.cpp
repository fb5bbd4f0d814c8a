// The production gate: a table of enrollment states and the decision each must give.
#include "checklist/ChecklistParser.h"
#include "gate/Gate.h"

#include <QTest>

using namespace onramp;

namespace {

const QDateTime kNow(QDate(2024, 3, 11), QTime(12, 0), Qt::UTC);

Step step(const char* id, bool required, bool signoff)
{
    Step s;
    s.id = QString::fromLatin1(id);
    s.title = QStringLiteral("Title of ") + s.id;
    s.required = required;
    s.signoff = signoff;
    return s;
}

// handbook: required · tests: required + signoff · review: signoff only · lunch: optional.
Checklist checklist()
{
    Checklist c;
    c.id = "week-one";
    c.title = "Week one";
    c.steps = {step("handbook", true, false), step("tests", true, true), step("review", false, true),
               step("lunch", false, false)};
    return c;
}

// "done", "approved" (valid signature), "forged" (approval whose signature fails), "rejected".
QList<StepState> states(const QStringList& done, const QStringList& approved, const QStringList& forged,
                        const QStringList& rejected)
{
    QList<StepState> out;
    for (const Step& s : checklist().steps) {
        StepState st;
        st.stepId = s.id;
        st.done = done.contains(s.id);
        st.doneAt = st.done ? kNow.addDays(-1) : QDateTime();
        st.approved = approved.contains(s.id) || forged.contains(s.id);
        st.approvalValid = approved.contains(s.id);
        st.rejected = rejected.contains(s.id);
        out.append(st);
    }
    return out;
}

std::optional<SignoffState> signoff(const QString& kind)
{
    if (kind == "none")
        return std::nullopt;
    SignoffState s;
    s.present = kind != "absent";
    s.signatureValid = kind != "invalid";
    s.byHire = kind == "self";
    s.checklistVersion = kind == "stale" ? 1 : 2;
    s.at = kind == "future" ? kNow.addDays(1) : kNow.addSecs(-60);
    return s;
}

QStringList reasonList(const Decision& d)
{
    QStringList out;
    for (const Reason& r : d.reasons)
        out.append(r.stepId.isEmpty() ? r.code : r.code + ':' + r.stepId);
    return out;
}

const QStringList all = {"handbook", "tests", "review", "lunch"};
const QStringList signoffSteps = {"tests", "review"};

} // namespace

class TestGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decision_data()
    {
        QTest::addColumn<QStringList>("done");
        QTest::addColumn<QStringList>("approved");
        QTest::addColumn<QStringList>("forged");
        QTest::addColumn<QStringList>("rejected");
        QTest::addColumn<QString>("signoff");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QStringList>("reasons");

        QTest::newRow("everything done, approved and signed off")
            << all << signoffSteps << QStringList() << QStringList() << "valid" << true << QStringList();
        QTest::newRow("optional step may stay open")
            << QStringList{"handbook", "tests", "review"} << signoffSteps << QStringList() << QStringList() << "valid"
            << true << QStringList();
        QTest::newRow("fresh enrollment lists every reason in checklist order")
            << QStringList() << QStringList() << QStringList() << QStringList() << "none" << false
            << QStringList{"step-required:handbook", "step-required:tests", "step-required:review", "signoff-missing"};
        QTest::newRow("sign-off record not present") << all << signoffSteps << QStringList() << QStringList()
                                                     << "absent" << false << QStringList{"signoff-missing"};
        QTest::newRow("required step left")
            << QStringList{"tests", "review", "lunch"} << signoffSteps << QStringList() << QStringList() << "valid"
            << false << QStringList{"step-required:handbook"};
        QTest::newRow("approvals pending") << all << QStringList() << QStringList() << QStringList() << "valid" << false
                                           << QStringList{"approval-pending:tests", "approval-pending:review"};
        QTest::newRow("forged approval counts for nothing")
            << all << QStringList{"review"} << QStringList{"tests"} << QStringList() << "valid" << false
            << QStringList{"approval-pending:tests"};
        QTest::newRow("rejected step is reopened")
            << QStringList{"handbook", "review"} << QStringList{"review"} << QStringList() << QStringList{"tests"}
            << "valid" << false << QStringList{"step-required:tests"};
        QTest::newRow("rejected but marked done again waits for approval")
            << all << QStringList{"review"} << QStringList() << QStringList{"tests"} << "valid" << false
            << QStringList{"approval-pending:tests"};
        QTest::newRow("approved but undone is not done")
            << QStringList{"handbook", "review"} << signoffSteps << QStringList() << QStringList() << "valid" << false
            << QStringList{"step-required:tests"};
        QTest::newRow("sign-off signature does not verify") << all << signoffSteps << QStringList() << QStringList()
                                                            << "invalid" << false << QStringList{"signoff-invalid"};
        QTest::newRow("hire signed off themself")
            << all << signoffSteps << QStringList() << QStringList() << "self" << false << QStringList{"signoff-self"};
        QTest::newRow("sign-off for an older checklist version")
            << all << signoffSteps << QStringList() << QStringList() << "stale" << false
            << QStringList{"signoff-stale-version"};
        QTest::newRow("sign-off dated in the future") << all << signoffSteps << QStringList() << QStringList()
                                                      << "future" << false << QStringList{"signoff-invalid"};
        QTest::newRow("steps and sign-off problems together")
            << QStringList{"tests"} << QStringList() << QStringList{"tests"} << QStringList() << "self" << false
            << QStringList{"step-required:handbook", "approval-pending:tests", "step-required:review", "signoff-self"};
    }
    void decision()
    {
        QFETCH(QStringList, done);
        QFETCH(QStringList, approved);
        QFETCH(QStringList, forged);
        QFETCH(QStringList, rejected);
        QFETCH(QString, signoff);
        QFETCH(bool, allowed);
        QFETCH(QStringList, reasons);

        GateInput input;
        input.checklist = checklist();
        input.checklistVersion = 2;
        input.hire = "alex";
        input.steps = states(done, approved, forged, rejected);
        input.signoff = ::signoff(signoff);
        const Decision d = decide(input, kNow);
        QCOMPARE(reasonList(d), reasons);
        QCOMPARE(d.allowed, allowed);
        for (const Reason& r : d.reasons)
            QVERIFY2(!r.message.isEmpty(), qPrintable(r.code));
    }

    void stepsWithoutRecordsAreNotDone()
    {
        GateInput input;
        input.checklist = checklist();
        input.checklistVersion = 2;
        input.signoff = signoff("valid");
        QCOMPARE(decide(input, kNow).codes(), (QStringList{"step-required", "step-required", "step-required"}));
    }

    void recordsForUnknownStepsAreIgnored()
    {
        GateInput input;
        input.checklist = checklist();
        input.checklistVersion = 2;
        input.steps = states(all, signoffSteps, {}, {});
        StepState stray;
        stray.stepId = "not-in-checklist";
        input.steps.append(stray);
        input.signoff = signoff("valid");
        QVERIFY(decide(input, kNow).allowed);
    }

    // One rule for the gate and every screen: a step the mentor reviews gates
    // production, so it is required, whether its file says so or not, and
    // also in a version stored before the rule (read without the importer's
    // checks), which says 'required: false' outright.
    void aStepTheMentorReviewsIsRequiredAndGates_data()
    {
        QTest::addColumn<QByteArray>("flags");
        QTest::addColumn<int>("limits");
        QTest::newRow("signoff alone") << QByteArray("signoff: true") << int(InputLimits::Enforced);
        QTest::newRow("stored with required: false")
            << QByteArray("signoff: true, required: false") << int(InputLimits::Relaxed);
    }
    void aStepTheMentorReviewsIsRequiredAndGates()
    {
        QFETCH(QByteArray, flags);
        QFETCH(int, limits);
        const QByteArray yaml = "onramp: 1\nchecklist:\n  id: c\n  title: C\n  steps:\n"
                                "    - {id: demo, title: Show your first change, "
            + flags + "}\n    - {id: lunch, title: Lunch}\n";
        const ParseResult parsed = parseChecklist(yaml, "c.yaml", InputLimits(limits));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join('\n')));
        QVERIFY(parsed.checklist->step("demo")->required);
        QVERIFY(!parsed.checklist->step("lunch")->required);

        GateInput input;
        input.checklist = *parsed.checklist;
        input.checklistVersion = 2;
        input.signoff = signoff("valid");
        QCOMPARE(reasonList(decide(input, kNow)), QStringList{"step-required:demo"});
        StepState done;
        done.stepId = "demo";
        done.done = true;
        input.steps = {done};
        QCOMPARE(reasonList(decide(input, kNow)), QStringList{"approval-pending:demo"});
        input.steps[0].approved = input.steps[0].approvalValid = true;
        QVERIFY(decide(input, kNow).allowed);
    }

    void reasonMessagesNameTheStep()
    {
        GateInput input;
        input.checklist = checklist();
        input.checklistVersion = 2;
        input.steps = states(all, {"review"}, {"tests"}, {});
        input.signoff = signoff("valid");
        const Decision d = decide(input, kNow);
        QCOMPARE(d.reasons.size(), 1);
        QCOMPARE(d.reasons[0].message,
                 "the approval of 'Title of tests' does not verify and counts for nothing; the mentor must approve it "
                 "again");
    }

    void dueDatesFollowTheStart_data()
    {
        QTest::addColumn<int>("dueDays");
        QTest::addColumn<bool>("done");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("overdue");
        const QDate start(2024, 3, 4);
        QTest::newRow("due today") << 1 << false << QDateTime(start.addDays(1), QTime(23, 59), Qt::UTC) << false;
        QTest::newRow("day after") << 1 << false << QDateTime(start.addDays(2), QTime(0, 0), Qt::UTC) << true;
        QTest::newRow("done late is not overdue")
            << 1 << true << QDateTime(start.addDays(9), QTime(0, 0), Qt::UTC) << false;
        QTest::newRow("no due day") << -1 << false << QDateTime(start.addDays(99), QTime(0, 0), Qt::UTC) << false;
    }
    void dueDatesFollowTheStart()
    {
        QFETCH(int, dueDays);
        QFETCH(bool, done);
        QFETCH(QDateTime, now);
        QFETCH(bool, overdue);
        const QDate start(2024, 3, 4);
        Step s = step("s", false, false);
        if (dueDays >= 0)
            s.dueDays = dueDays;
        QCOMPARE(dueDate(s, start), dueDays >= 0 ? start.addDays(dueDays) : QDate());
        QCOMPARE(isOverdue(s, start, done, now), overdue);
    }

    void overdueStepsInChecklistOrder()
    {
        Checklist c = checklist();
        c.steps[0].dueDays = 1;
        c.steps[2].dueDays = 2;
        c.steps[3].dueDays = 30;
        const QDate start(2024, 3, 4);
        const QList<Step> late =
            overdueSteps(c, start, states({"handbook"}, {}, {}, {}), QDateTime(start.addDays(5), QTime(9, 0), Qt::UTC));
        QCOMPARE(late.size(), 1);
        QCOMPARE(late[0].id, "review");
    }
};

QTEST_GUILESS_MAIN(TestGate)
#include "TestGate.moc"
