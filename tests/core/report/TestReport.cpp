// The report's figures and its CSV, for the vault of ReportFixture.h: three
// hires at different stages of the same checklist.
#include "ReportFixture.h"

#include "report/Report.h"

#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

class TestReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vaultDir;
    FixedClock m_clock{reportfixture::kNow};

    QList<EnrollmentStatus> enrollments()
    {
        std::unique_ptr<Vault> admin;
        if (const Error e = Vault::unlock(m_vaultDir, QStringLiteral("ada"), kAdminPassphrase, &admin))
            qWarning() << e.message;
        QList<EnrollmentStatus> list;
        if (const Error e = report::readEnrollments(*admin, &list, m_clock))
            qWarning() << e.message;
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vaultDir = m_dir.filePath(QStringLiteral("vault"));
        const QString failed = reportfixture::build(m_vaultDir);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void progressCountsRequiredStepsPerHire()
    {
        const report::Figures f = report::compute(enrollments(), m_clock.now());
        QCOMPARE(f.progress.size(), 3);
        QCOMPARE(f.progress.at(0).hire, QStringLiteral("hal"));
        QCOMPARE(f.progress.at(0).requiredDone, 2);
        QCOMPARE(f.progress.at(0).required, 2);
        QVERIFY(f.progress.at(0).access);
        QCOMPARE(f.progress.at(1).hire, QStringLiteral("hana"));
        // hana's required step waits for review: not done yet, counted apart.
        QCOMPARE(f.progress.at(1).requiredDone, 0);
        QCOMPARE(f.progress.at(1).waiting, 1);
        QVERIFY(!f.progress.at(1).access);
        QCOMPARE(f.progress.at(2).requiredDone, 0);
        QCOMPARE(f.progress.at(2).required, 2);
        // Every step too, the optional one included, as the hire's and the mentor's pages count them.
        QCOMPARE(f.progress.at(0).done, 2);
        QCOMPARE(f.progress.at(0).total, 3);
        QCOMPARE(f.progress.at(1).done, 0);
        QCOMPARE(f.progress.at(2).done, 0);
        QCOMPARE(f.progress.at(2).total, 3);
    }

    void cohortsAreStartMonthsWithDaysToAccess()
    {
        const report::Figures f = report::compute(enrollments(), m_clock.now());
        QCOMPARE(f.cohorts.size(), 2);
        QCOMPARE(f.cohorts.at(0).month, QStringLiteral("2026-10"));
        QCOMPARE(f.cohorts.at(0).hires, 1);
        QCOMPARE(f.cohorts.at(0).withAccess, 1);
        QCOMPARE(f.cohorts.at(0).averageDays, 3.0);
        QCOMPARE(f.cohorts.at(0).longestDays, 3);
        QCOMPARE(f.cohorts.at(1).month, QStringLiteral("2026-11"));
        QCOMPARE(f.cohorts.at(1).hires, 2);
        QCOMPARE(f.cohorts.at(1).withAccess, 0);
        QCOMPARE(f.cohorts.at(1).averageDays, -1.0);
    }

    // A move to a new version ends the sign-off given on the old one, but
    // not the day the hire got production access: the cohort still counts it.
    void aSignoffAMoveEndedStillCountsForDaysToAccess()
    {
        const QString dir = m_dir.filePath(QStringLiteral("moved"));
        const QString failed = reportfixture::build(dir);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        std::unique_ptr<Vault> admin;
        Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &admin);
        QVERIFY2(!e, qPrintable(e.message));
        ParseResult parsed = parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), QStringLiteral("w"));
        QVERIFY(parsed.ok());
        parsed.checklist->title += QStringLiteral(" (reworded)");
        ImportOutcome outcome;
        FixedClock clock(reportfixture::at(11, 10, 9));
        e = ChecklistStore(*admin).import(*parsed.checklist, clock.now(), &outcome);
        QVERIFY2(!e, qPrintable(e.message));
        e = Enrollments(*admin, clock).move(QStringLiteral("hal"), 2);
        QVERIFY2(!e, qPrintable(e.message));

        QList<EnrollmentStatus> list;
        e = report::readEnrollments(*admin, &list, m_clock);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(list.constFirst().hire.name, QStringLiteral("hal"));
        QVERIFY(list.constFirst().signedOffBy.isEmpty());
        QVERIFY(list.constFirst().signoffEndedByMove);
        QCOMPARE(list.constFirst().firstSignoffAt(), reportfixture::at(10, 8, 9));
        const report::Figures f = report::compute(list, m_clock.now());
        QCOMPARE(f.cohorts.at(0).month, QStringLiteral("2026-10"));
        QCOMPARE(f.cohorts.at(0).withAccess, 1);
        QCOMPARE(f.cohorts.at(0).averageDays, 3.0);
        // The hire's progress shows where access stands now: ended with the move.
        QVERIFY(!f.progress.at(0).access);
    }

    void waitsRunFromDoneToApprovedOrToNow()
    {
        const report::Figures f = report::compute(enrollments(), m_clock.now());
        QCOMPARE(f.waits.size(), 1);
        const report::StepWait& w = f.waits.constFirst();
        QCOMPARE(w.stepId, QStringLiteral("sandbox-tests"));
        QCOMPARE(w.approved, 1);
        QCOMPARE(w.waiting, 1);
        QCOMPARE(w.averageHours, 15.0); // (6 + 24) / 2
        QCOMPARE(w.longestHours, 24.0);
    }

    // An approval a move ended was a wait that ended: the wait for the
    // review that counts now runs from the move. A step the hire did before
    // the move, never approved, has waited since it was done.
    void aWaitAfterAMoveThatEndedAnApprovalRunsFromTheMove()
    {
        const QDateTime now = m_clock.now();
        const auto step = [&](const char* id, int doneHoursAgo) {
            StepView v;
            v.step.id = QString::fromLatin1(id);
            v.step.title = v.step.id;
            v.step.required = true;
            v.step.signoff = true;
            v.done = true;
            v.doneAt = now.addSecs(-3600 * doneHoursAgo);
            return v;
        };
        EnrollmentStatus s;
        s.hire.name = QStringLiteral("mo");
        s.start = now.date().addDays(-10);
        s.movedAt = now.addSecs(-3600 * 5);
        StepView reReview = step("re-review", 48);
        reReview.approvalEndedByMove = true;
        StepView approvedAgain = step("approved-again", 48);
        approvedAgain.approvalEndedByMove = true;
        approvedAgain.approved = true;
        approvedAgain.reviewedAt = now.addSecs(-3600 * 2);
        StepView neverReviewed = step("never-reviewed", 48);
        s.steps = {reReview, approvedAgain, neverReviewed};
        s.decision.allowed = false;
        const report::Figures f = report::compute({s}, now);
        QHash<QString, double> hours;
        for (const report::StepWait& w : f.waits)
            hours.insert(w.stepId, w.averageHours);
        QCOMPARE(hours.value(QStringLiteral("re-review")), 5.0);
        QCOMPARE(hours.value(QStringLiteral("approved-again")), 3.0);
        QCOMPARE(hours.value(QStringLiteral("never-reviewed")), 48.0);
    }

    void overdueStepsAreTheUndoneOnesPastTheirDay()
    {
        const report::Figures f = report::compute(enrollments(), m_clock.now());
        QCOMPARE(f.overdue.size(), 2);
        QCOMPARE(f.overdue.at(0).hire, QStringLiteral("hana"));
        QCOMPARE(f.overdue.at(0).stepId, QStringLiteral("handbook"));
        QCOMPARE(f.overdue.at(0).due, QDate(2026, 11, 3));
        QCOMPARE(f.overdue.at(0).daysOverdue, 17);
        QCOMPARE(f.overdue.at(1).hire, QStringLiteral("zed"));
    }

    void noEnrollmentsNoFigures()
    {
        const report::Figures f = report::compute({}, m_clock.now());
        QVERIFY(f.progress.isEmpty() && f.cohorts.isEmpty() && f.waits.isEmpty() && f.overdue.isEmpty());
    }

    void csvHoldsEveryStepOfEveryHire()
    {
        const QList<QByteArray> lines = report::toCsv(enrollments()).split('\n');
        QCOMPARE(lines.size(), 1 + 9 + 1); // header, 3 hires x 3 steps, nothing after the last CRLF
        QCOMPARE(lines.at(0),
                 QByteArray("hire,name,checklist,version,mentor,start,step,title,required,mentor_review,state,"
                            "due,done_at,approved_at,production_access,signed_off_at\r"));
        QCOMPARE(lines.at(2),
                 QByteArray("hal,Hal Hire,week-one,1,max,2026-10-05,sandbox-tests,Run the tests in your "
                            "sandbox,yes,yes,approved,,2026-10-06T10:00:00Z,2026-10-06T16:00:00Z,"
                            "granted,2026-10-08T09:00:00Z\r"));
        QCOMPARE(lines.at(4),
                 QByteArray("hana,\"Hana, \"\"H\"\"\",week-one,1,max,2026-11-02,handbook,Read the "
                            "handbook,yes,no,overdue,2026-11-03,,,locked,\r"));
        QVERIFY(lines.at(5).startsWith("hana,\"Hana, \"\"H\"\"\",week-one,1,max,2026-11-02,sandbox-tests,"));
        QVERIFY(lines.at(5).contains(",waiting_for_review,"));
        QCOMPARE(lines.at(7).left(17), QByteArray("zed,'=SUM(A1),wee"));
        QVERIFY(lines.constLast().isEmpty());
    }

    void csvFieldsAreQuotedAndDefused_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << "alex"
                               << "alex";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("line break") << "a\nb"
                                    << "\"a\nb\"";
        QTest::newRow("equals") << "=1+1"
                                << "'=1+1";
        QTest::newRow("plus") << "+1"
                              << "'+1";
        QTest::newRow("minus") << "-2"
                               << "'-2";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("formula with comma") << "=A1,B1"
                                            << "\"'=A1,B1\"";
        QTest::newRow("equals inside") << "a=b"
                                       << "a=b";
    }
    void csvFieldsAreQuotedAndDefused()
    {
        QFETCH(QString, value);
        QFETCH(QString, field);
        QCOMPARE(report::csvField(value), field);
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "TestReport.moc"
