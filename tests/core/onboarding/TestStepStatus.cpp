// The one state of a step, computed by the core from its records: every
// transition a hire and a mentor can make, through the real vault, and the
// same state in the status the command line prints as JSON.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

Q_DECLARE_METATYPE(onramp::StepStatus)

class TestStepStatus : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vaultDir;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)};

    std::unique_ptr<Vault> as(const QString& name, const QByteArray& passphrase)
    {
        std::unique_ptr<Vault> vault;
        if (const Error e = Vault::unlock(m_vaultDir, name, passphrase, &vault))
            qWarning() << e.message;
        return vault;
    }

    /// The state of \a stepId as \a name sees it, and as the JSON says it.
    StepStatus statusAs(const QString& name, const QByteArray& passphrase, const QString& stepId)
    {
        auto vault = as(name, passphrase);
        EnrollmentStatus status;
        if (const Error e = Enrollments(*vault, m_clock).status(QStringLiteral("hal"), &status))
            qWarning() << e.message;
        for (const StepView& view : status.steps) {
            if (view.step.id != stepId)
                continue;
            const QJsonArray steps = status.toJson().value(QStringLiteral("steps")).toArray();
            for (const QJsonValue& s : steps) {
                if (s.toObject().value(QStringLiteral("id")).toString() == stepId
                    && s.toObject().value(QStringLiteral("status")).toString() != stepStatusKey(view.status()))
                    qWarning("the JSON disagrees with the state");
            }
            return view.status();
        }
        qWarning() << "no step" << stepId;
        return StepStatus::Open;
    }

    /// The same state for the hire, their mentor and an admin.
    StepStatus seenByAll(const QString& stepId)
    {
        const StepStatus byHire = statusAs(QStringLiteral("hal"), kHirePassphrase, stepId);
        const StepStatus byMentor = statusAs(QStringLiteral("max"), kMentorPassphrase, stepId);
        const StepStatus byAdmin = statusAs(QStringLiteral("ada"), kAdminPassphrase, stepId);
        if (byHire != byMentor || byMentor != byAdmin)
            qWarning() << "hire, mentor and admin see" << int(byHire) << int(byMentor) << int(byAdmin);
        return byHire;
    }

    Error asHire(const std::function<Error(Enrollments&)>& act)
    {
        auto vault = as(QStringLiteral("hal"), kHirePassphrase);
        Enrollments enrollments(*vault, m_clock);
        return act(enrollments);
    }

    Error asMentor(const std::function<Error(Enrollments&)>& act)
    {
        auto vault = as(QStringLiteral("max"), kMentorPassphrase);
        Enrollments enrollments(*vault, m_clock);
        return act(enrollments);
    }

    Error done(const QString& step)
    {
        return asHire([&](Enrollments& e) { return e.markDone("hal", step, {}); });
    }
    Error review(const QString& step, bool approve)
    {
        m_clock.advance(1);
        return asMentor([&](Enrollments& e) { return e.review("hal", step, approve, QStringLiteral("comment")); });
    }

private Q_SLOTS:
    void init()
    {
        m_vaultDir = m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()) + QStringLiteral("-v"));
        auto vault = makeVault(m_vaultDir);
        QVERIFY(vault);
        ParseResult parsed = parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), "week-one.yaml");
        QVERIFY(parsed.ok());
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*vault).import(*parsed.checklist, m_clock.now(), &outcome));
        QVERIFY(!Enrollments(*vault, m_clock).enroll("hal", "week-one", "max", QDate(2026, 11, 20)));
    }

    void stateFollowsTheRecords_data()
    {
        QTest::addColumn<bool>("done");
        QTest::addColumn<bool>("signoff");
        QTest::addColumn<bool>("approved");
        QTest::addColumn<bool>("rejected");
        QTest::addColumn<StepStatus>("expected");
        QTest::newRow("open") << false << false << false << false << StepStatus::Open;
        QTest::newRow("open, to be reviewed") << false << true << false << false << StepStatus::Open;
        QTest::newRow("done, no review needed") << true << false << false << false << StepStatus::Done;
        QTest::newRow("done, waiting") << true << true << false << false << StepStatus::WaitingForReview;
        QTest::newRow("approved") << true << true << true << false << StepStatus::Approved;
        QTest::newRow("sent back") << false << true << false << true << StepStatus::SentBack;
        QTest::newRow("redone after sent back") << true << true << false << true << StepStatus::Resubmitted;
    }

    void stateFollowsTheRecords()
    {
        QFETCH(bool, done);
        QFETCH(bool, signoff);
        QFETCH(bool, approved);
        QFETCH(bool, rejected);
        StepView view;
        view.step.signoff = signoff;
        view.done = done;
        view.approved = approved;
        view.rejected = rejected;
        QTEST(view.status(), "expected");
        QCOMPARE(view.awaitingReview(),
                 view.status() == StepStatus::WaitingForReview || view.status() == StepStatus::Resubmitted);
    }

    void stepWithoutReviewGoesOpenDoneOpen()
    {
        QCOMPARE(seenByAll("handbook"), StepStatus::Open);
        QVERIFY(!done("handbook"));
        QCOMPARE(seenByAll("handbook"), StepStatus::Done);
        QVERIFY(!asHire([](Enrollments& e) { return e.undo("hal", "handbook"); }));
        QCOMPARE(seenByAll("handbook"), StepStatus::Open);
    }

    void sentBackRedoneWaitsAgainThenIsApproved()
    {
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::Open);
        QVERIFY(!done("sandbox-tests"));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::WaitingForReview);
        QVERIFY(!review("sandbox-tests", false));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::SentBack);
        QVERIFY(!done("sandbox-tests"));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::Resubmitted);
        QVERIFY(!review("sandbox-tests", true));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::Approved);
    }

    void resubmittedStepUndoneIsSentBackAgain()
    {
        QVERIFY(!done("sandbox-tests"));
        QVERIFY(!review("sandbox-tests", false));
        QVERIFY(!done("sandbox-tests"));
        QVERIFY(!asHire([](Enrollments& e) { return e.undo("hal", "sandbox-tests"); }));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::SentBack);
    }

    void resubmittedStepSentBackTwiceIsSentBack()
    {
        QVERIFY(!done("sandbox-tests"));
        QVERIFY(!review("sandbox-tests", false));
        QVERIFY(!done("sandbox-tests"));
        QVERIFY(!review("sandbox-tests", false));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::SentBack);
    }

    void waitingStepUndoneIsOpen()
    {
        QVERIFY(!done("sandbox-tests"));
        QVERIFY(!asHire([](Enrollments& e) { return e.undo("hal", "sandbox-tests"); }));
        QCOMPARE(seenByAll("sandbox-tests"), StepStatus::Open);
    }

    void reviewerIsShownByDisplayName()
    {
        QVERIFY(!done("sandbox-tests"));
        QVERIFY(!review("sandbox-tests", true));
        auto vault = as(QStringLiteral("hal"), kHirePassphrase);
        EnrollmentStatus status;
        QVERIFY(!Enrollments(*vault, m_clock).status("hal", &status));
        QCOMPARE(status.steps.at(1).reviewerDisplayName, QStringLiteral("Max Mentor"));
        QCOMPARE(status.steps.at(1).reviewedAt, m_clock.now());
    }

    void keysAreStable()
    {
        QCOMPARE(stepStatusKey(StepStatus::Open), QStringLiteral("open"));
        QCOMPARE(stepStatusKey(StepStatus::Done), QStringLiteral("done"));
        QCOMPARE(stepStatusKey(StepStatus::WaitingForReview), QStringLiteral("waiting-for-review"));
        QCOMPARE(stepStatusKey(StepStatus::Approved), QStringLiteral("approved"));
        QCOMPARE(stepStatusKey(StepStatus::SentBack), QStringLiteral("sent-back"));
        QCOMPARE(stepStatusKey(StepStatus::Resubmitted), QStringLiteral("resubmitted"));
    }
};

QTEST_GUILESS_MAIN(TestStepStatus)
#include "TestStepStatus.moc"
