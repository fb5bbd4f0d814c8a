// Enrollments, step records, mentor reviews and the signed final sign-off,
// over a real SQLCipher vault; the gate's reasons as every screen shows them.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/Signatures.h"
#include "report/Report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

namespace {

const QByteArray kChecklist = checklistFixture(QStringLiteral("week-one.yaml"));

Checklist parse(const QByteArray& yaml)
{
    ParseResult result = parseChecklist(yaml, QStringLiteral("test.yaml"));
    if (!result.ok())
        qFatal("%s", qPrintable(result.errors.join(QLatin1Char('\n'))));
    return *result.checklist;
}

} // namespace

class TestEnrollments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vaultDir;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)};

    std::unique_ptr<Vault> as(const QString& name, const QByteArray& passphrase)
    {
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(m_vaultDir, name, passphrase, &vault);
        if (e)
            qWarning() << e.message;
        return vault;
    }
    std::unique_ptr<Vault> admin() { return as(QStringLiteral("ada"), kAdminPassphrase); }
    std::unique_ptr<Vault> mentor() { return as(QStringLiteral("max"), kMentorPassphrase); }
    std::unique_ptr<Vault> hire() { return as(QStringLiteral("hal"), kHirePassphrase); }

    EnrollmentStatus statusOf(Vault& vault)
    {
        EnrollmentStatus status;
        const Error e = Enrollments(vault, m_clock).status(QStringLiteral("hal"), &status);
        if (e)
            qWarning() << e.message;
        return status;
    }

    void completeSteps()
    {
        auto h = hire();
        Enrollments steps(*h, m_clock);
        QVERIFY(!steps.markDone(QStringLiteral("hal"), QStringLiteral("handbook"), QStringLiteral("read it")));
        QVERIFY(!steps.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        auto m = mentor();
        QVERIFY(
            !Enrollments(*m, m_clock)
                 .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, QStringLiteral("well done")));
    }

private Q_SLOTS:
    void weakeningsNameEachWayAVersionLowersTheGate()
    {
        Checklist before;
        before.id = QStringLiteral("w");
        before.productionHosts = {QStringLiteral("db.prod"), QStringLiteral("*.live")};
        before.steps = {Step{QStringLiteral("a"), {}, QStringLiteral("Alpha"), {}, {}, true, false},
                        Step{QStringLiteral("b"), {}, QStringLiteral("Beta"), {}, {}, true, true},
                        Step{QStringLiteral("c"), {}, QStringLiteral("Gamma"), {}, {}, false, false}};
        CredentialTemplate prod;
        prod.id = QStringLiteral("prod-db");
        prod.title = QStringLiteral("Production DB");
        prod.environment = Environment::Production;
        prod.ttlSeconds = 8 * 3600;
        before.credentials = {prod};
        QCOMPARE(ChecklistStore::weakenings(before, before), QStringList());

        Checklist after = before;
        after.steps.removeFirst(); // a required step gone
        after.steps.first().signoff = false; // no longer reviewed (still required)
        after.steps.removeLast(); // an optional step gone: not weaker
        after.credentials.first().ttlSeconds = 0; // the default 30d instead of 8h
        after.productionHosts = {QStringLiteral("*.live")};
        const QStringList weaker = ChecklistStore::weakenings(before, after);
        QCOMPARE(weaker.size(), 4);
        QVERIFY2(weaker.contains(QStringLiteral("step “Alpha” is gone; it was required before production access")),
                 qPrintable(weaker.join(u'|')));
        QVERIFY(weaker.contains(QStringLiteral("step “Beta” no longer needs a mentor's review")));
        QVERIFY2(weaker.contains(QStringLiteral("production credential “Production DB” is granted for %1 instead of %2")
                                     .arg(Tr::tr("%n day(s)", nullptr, 30), Tr::tr("%n hour(s)", nullptr, 8))),
                 qPrintable(weaker.join(u'|')));
        QVERIFY(weaker.contains(QStringLiteral("production host db.prod is no longer listed")));

        // Tighter in every way: nothing to name.
        QCOMPARE(ChecklistStore::weakenings(after, before), QStringList());
    }

    // A step that stops being required and stops being reviewed in the same
    // version is named for each; a step gone is named once, for what it held.
    void weakeningsNameEveryWayAStepStopsHoldingTheGate()
    {
        Checklist before;
        before.id = QStringLiteral("w");
        before.steps = {Step{QStringLiteral("a"), {}, QStringLiteral("Alpha"), {}, {}, true, true},
                        Step{QStringLiteral("b"), {}, QStringLiteral("Beta"), {}, {}, true, true},
                        Step{QStringLiteral("c"), {}, QStringLiteral("Gamma"), {}, {}, false, true}};
        Checklist after = before;
        after.steps[0].required = false;
        after.steps[0].signoff = false;
        after.steps.removeAt(1);
        after.steps.removeLast();
        QCOMPARE(ChecklistStore::weakenings(before, after),
                 (QStringList{QStringLiteral("step “Alpha” is no longer required before production access"),
                              QStringLiteral("step “Alpha” no longer needs a mentor's review"),
                              QStringLiteral("step “Beta” is gone; it was required before production access"),
                              QStringLiteral("step “Gamma” is gone; it needed a mentor's review before "
                                             "production access")}));
    }

    // How long a production grant lasts is said in words and plural forms,
    // in the largest unit that says it exactly, never as a file's "1d".
    void weakeningsSayHowLongInWords_data()
    {
        QTest::addColumn<qint64>("before");
        QTest::addColumn<qint64>("after");
        QTest::addColumn<QString>("longer");
        QTest::addColumn<QString>("shorter");
        QTest::newRow("a day for 8 hours")
            << qint64(8 * 3600) << qint64(86400) << Tr::tr("%n day(s)", nullptr, 1) << Tr::tr("%n hour(s)", nullptr, 8);
        QTest::newRow("36 hours for a day") << qint64(86400) << qint64(36 * 3600) << Tr::tr("%n hour(s)", nullptr, 36)
                                            << Tr::tr("%n day(s)", nullptr, 1);
        QTest::newRow("90 seconds for 45 minutes")
            << qint64(45 * 60) << qint64(45 * 60 + 90 * 60 + 90)
            << Tr::tr("%n second(s)", nullptr, 45 * 60 + 90 * 60 + 90) << Tr::tr("%n minute(s)", nullptr, 45);
    }
    void weakeningsSayHowLongInWords()
    {
        QFETCH(qint64, before);
        QFETCH(qint64, after);
        QFETCH(QString, longer);
        QFETCH(QString, shorter);
        Checklist old;
        old.id = QStringLiteral("w");
        CredentialTemplate prod;
        prod.id = QStringLiteral("prod-db");
        prod.title = QStringLiteral("Production DB");
        prod.environment = Environment::Production;
        prod.ttlSeconds = before;
        old.credentials = {prod};
        Checklist next = old;
        next.credentials.first().ttlSeconds = after;
        const QStringList weaker = ChecklistStore::weakenings(old, next);
        QCOMPARE(weaker,
                 QStringList{QStringLiteral("production credential “Production DB” is granted for %1 "
                                            "instead of %2")
                                 .arg(longer, shorter)});
        // Never the unit letters of a checklist file.
        QVERIFY2(!weaker.first().contains(QRegularExpression(QStringLiteral("\\d[dhms]\\b"))),
                 qPrintable(weaker.first()));
    }

    // What a production login reaches, and where it is ended, lowers the
    // gate as much as a step gone: a group more, another connection, another
    // provider (a static secret is never dropped at a source), and a rename
    // that gives more than the credential it replaces.
    void weakeningsNameWhatAProductionLoginReaches()
    {
        Checklist before;
        before.id = QStringLiteral("w");
        CredentialTemplate live;
        live.id = QStringLiteral("live-pg");
        live.title = QStringLiteral("Live database");
        live.environment = Environment::Production;
        live.provider = QStringLiteral("postgresql");
        live.pgServer = QStringLiteral("live");
        live.pgRoles = {QStringLiteral("ro_reader")};
        live.ttlSeconds = 8 * 3600;
        before.credentials = {live};

        Checklist wider = before;
        wider.credentials.first().pgRoles << QStringLiteral("rw_writer");
        QCOMPARE(ChecklistStore::weakenings(before, wider),
                 QStringList{QStringLiteral("production credential “Live database” puts its login in group "
                                            "rw_writer as well")});
        Checklist elsewhere = before;
        elsewhere.credentials.first().pgServer = QStringLiteral("other");
        QCOMPARE(ChecklistStore::weakenings(before, elsewhere),
                 QStringList{QStringLiteral("production credential “Live database” is made on provider "
                                            "connection other instead of live")});
        for (const QString& provider : {QStringLiteral("static"), QStringLiteral("generated")}) {
            Checklist kept = before;
            kept.credentials.first().provider = provider;
            kept.credentials.first().pgServer.clear();
            kept.credentials.first().pgRoles.clear();
            QCOMPARE(ChecklistStore::weakenings(before, kept),
                     QStringList{QStringLiteral("production credential “Live database” comes from provider %1 "
                                                "instead of postgresql")
                                     .arg(provider)});
            // And back: a login at a source, in a group, where a secret was kept.
            QCOMPARE(ChecklistStore::weakenings(kept, before),
                     (QStringList{QStringLiteral("production credential “Live database” comes from provider "
                                                 "postgresql instead of %1")
                                      .arg(provider),
                                  QStringLiteral("production credential “Live database” puts its login in group "
                                                 "ro_reader as well")}));
        }
        // Renamed, 31 days and a write group: the new id escapes no comparison.
        Checklist renamed = wider;
        renamed.credentials.first().id = QStringLiteral("live-pg2");
        renamed.credentials.first().ttlSeconds = 31 * 86400;
        const QStringList weaker = ChecklistStore::weakenings(before, renamed);
        QCOMPARE(weaker.size(), 1);
        QVERIFY2(weaker.first().contains(QStringLiteral("“Live database” (live-pg2) is new")),
                 qPrintable(weaker.join(u'|')));
        // Renamed and nothing more, or less: not weaker.
        Checklist same = before;
        same.credentials.first().id = QStringLiteral("live-pg2");
        QCOMPARE(ChecklistStore::weakenings(before, same), QStringList());
        same.credentials.first().ttlSeconds = 3600;
        same.credentials.first().pgRoles.clear();
        QCOMPARE(ChecklistStore::weakenings(before, same), QStringList());
        // Fewer groups, the same connection: tighter, nothing to name.
        QCOMPARE(ChecklistStore::weakenings(wider, before), QStringList());
    }

    void init()
    {
        m_vaultDir = m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()) + QStringLiteral("-v"));
        auto vault = makeVault(m_vaultDir);
        QVERIFY(vault);
        QVERIFY(
            !People(*vault).add(QStringLiteral("mo"), QStringLiteral("Other Mentor"), Role::Mentor, "other mentor"));
        QVERIFY(!People(*vault).add(QStringLiteral("hana"), QStringLiteral("Other Hire"), Role::Hire,
                                    "other hire passphrase"));
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*vault).import(parse(kChecklist), m_clock.now(), &outcome));
        QCOMPARE(outcome.version, 1);
        QVERIFY(!Enrollments(*vault, m_clock)
                     .enroll(QStringLiteral("hal"), QStringLiteral("week-one"), QStringLiteral("max"),
                             QDate(2026, 11, 20)));
    }

    void freshEnrollmentIsLockedWithEveryReason()
    {
        auto h = hire();
        const EnrollmentStatus status = statusOf(*h);
        QVERIFY(status.locked());
        QCOMPARE(status.decision.codes(), (QStringList{"step-required", "step-required", "signoff-missing"}));
        QCOMPARE(status.steps.size(), 3);
        QCOMPARE(status.steps.at(0).due, QDate(2026, 11, 21));
        const QJsonObject json = status.toJson();
        QCOMPARE(json.value("locked").toBool(), true);
        QCOMPARE(json.value("reasons").toArray().size(), 3);
        QCOMPARE(json.value("steps").toArray().at(1).toObject().value("id").toString(), QString("sandbox-tests"));
    }

    void enrollmentRulesAreChecked_data()
    {
        QTest::addColumn<QString>("hire");
        QTest::addColumn<QString>("mentor");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mentor is an admin") << "hana"
                                            << "ada"
                                            << "'ada' cannot mentor";
        QTest::newRow("mentor is a hire") << "hana"
                                          << "hal"
                                          << "'hal' cannot mentor";
        QTest::newRow("hire is a mentor") << "mo"
                                          << "max"
                                          << "'mo' is a mentor, not a hire";
        QTest::newRow("unknown mentor") << "hana"
                                        << "nobody"
                                        << "no person 'nobody'";
        QTest::newRow("already enrolled") << "hal"
                                          << "mo"
                                          << "'hal' is already enrolled";
    }
    void enrollmentRulesAreChecked()
    {
        QFETCH(QString, hire);
        QFETCH(QString, mentor);
        QFETCH(QString, expected);
        auto a = admin();
        const Error e = Enrollments(*a, m_clock).enroll(hire, QStringLiteral("week-one"), mentor, QDate(2026, 11, 20));
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(expected), qPrintable(e.message));
    }

    void onlyAnAdminEnrolls()
    {
        auto m = mentor();
        const Error e =
            Enrollments(*m, m_clock)
                .enroll(QStringLiteral("hana"), QStringLiteral("week-one"), QStringLiteral("max"), QDate(2026, 11, 20));
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
    }

    void hireCanUndoUntilApproved()
    {
        auto h = hire();
        Enrollments steps(*h, m_clock);
        QVERIFY(!steps.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        const Error twice = steps.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {});
        QCOMPARE(twice.kind, ErrorKind::InvalidInput);
        // Worded for people: the step's title, not its id.
        QCOMPARE(twice.message, QStringLiteral("“Run the tests in your sandbox” is already done"));
        QVERIFY(!steps.undo(QStringLiteral("hal"), QStringLiteral("sandbox-tests")));
        QVERIFY(!steps.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        }
        const Error e = steps.undo(QStringLiteral("hal"), QStringLiteral("sandbox-tests"));
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(QStringLiteral("approved by Max Mentor")), qPrintable(e.message));
    }

    void unknownStepNamesTheSteps()
    {
        auto h = hire();
        const Error e = Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("nope"), {});
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QStringLiteral("steps: handbook, sandbox-tests, lunch")), qPrintable(e.message));
    }

    void onlyTheHireMarksTheirSteps()
    {
        auto m = mentor();
        QCOMPARE(Enrollments(*m, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}).kind,
                 ErrorKind::NotPermitted);
    }

    void rejectionReopensTheStepWithTheComment()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        }
        auto m = mentor();
        QVERIFY(!Enrollments(*m, m_clock)
                     .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), false,
                             QStringLiteral("two tests fail")));
        const EnrollmentStatus status = statusOf(*m);
        const StepView& step = status.steps.at(1);
        QVERIFY(!step.done);
        QVERIFY(step.rejected);
        QCOMPARE(step.reviewComment, QStringLiteral("two tests fail"));
    }

    void onlyTheAssignedMentorReviews()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            QCOMPARE(
                Enrollments(*h, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}).kind,
                ErrorKind::NotPermitted);
        }
        auto other = as(QStringLiteral("mo"), "other mentor");
        QCOMPARE(
            Enrollments(*other, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}).kind,
            ErrorKind::NotPermitted);
    }

    void signoffWaitsForEveryRequiredStep()
    {
        auto m = mentor();
        const Error e = Enrollments(*m, m_clock).signOff(QStringLiteral("hal"));
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(QStringLiteral("Read the handbook")), qPrintable(e.message));
    }

    // What the screens show (ready for sign-off, steps awaiting review) is
    // what signOff() decides: at each stage, ready exactly when it succeeds.
    void readyForSignoffIsWhatSignoffAccepts()
    {
        auto m = mentor();
        EnrollmentStatus status = statusOf(*m);
        QVERIFY(!status.readyForSignoff());
        QCOMPARE(status.beforeSignoff().size(), 2);
        QCOMPARE(status.awaitingReviewCount(), 0);

        auto h = hire();
        Enrollments steps(*h, m_clock);
        QVERIFY(!steps.markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        QVERIFY(!steps.markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        status = statusOf(*m);
        QCOMPARE(status.awaitingReviewCount(), 1);
        QVERIFY(status.steps.at(1).awaitingReview());
        QVERIFY(!status.steps.at(0).awaitingReview()); // done, but no review wanted
        QVERIFY(!status.readyForSignoff());
        QCOMPARE(status.beforeSignoff(), QStringList{status.decision.reasons.first().message});
        const Error early = Enrollments(*m, m_clock).signOff(QStringLiteral("hal"));
        QCOMPARE(early.kind, ErrorKind::NotPermitted);
        QVERIFY2(early.message.contains(status.beforeSignoff().first()), qPrintable(early.message));

        QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        status = statusOf(*m);
        QCOMPARE(status.awaitingReviewCount(), 0);
        QVERIFY(status.beforeSignoff().isEmpty());
        QVERIFY2(status.readyForSignoff(), qPrintable(status.decision.codes().join(',')));
        QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));

        status = statusOf(*m);
        QVERIFY(!status.locked());
        QVERIFY(!status.readyForSignoff()); // signed off already
    }

    void shownNameFallsBackToTheName()
    {
        auto a = admin();
        QCOMPARE(a->me().shownName(), QStringLiteral("Ada Admin"));
        Person nameless = a->me();
        nameless.displayName.clear();
        QCOMPARE(nameless.shownName(), QStringLiteral("ada"));
    }

    void signoffUnlocksProduction()
    {
        completeSteps();
        auto m = mentor();
        QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        auto h = hire();
        const EnrollmentStatus status = statusOf(*h);
        QVERIFY2(!status.locked(), qPrintable(status.decision.codes().join(',')));
        QCOMPARE(status.signedOffBy, QStringLiteral("max"));
        // The sign-off was given on the records as they stand: the hire's
        // undo of a step no review covers is refused too, and nothing changes.
        const Error undo = Enrollments(*h, m_clock).undo(QStringLiteral("hal"), QStringLiteral("handbook"));
        QCOMPARE(undo.kind, ErrorKind::NotPermitted);
        QVERIFY2(undo.message.contains(QStringLiteral("signed off by Max Mentor")), qPrintable(undo.message));
        QVERIFY(!statusOf(*h).locked());
    }

    // An optional step past its day is overdue until the sign-off, and not
    // after it: the hire's onboarding is over, and no screen or report may
    // go on counting it late (a required one is done by then).
    void anOptionalStepIsNotOverdueOnceSignedOff()
    {
        {
            auto a = admin();
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*a).import(parse(kChecklist + "      due: 2\n"), m_clock.now(), &outcome));
            QCOMPARE(outcome.version, 2);
            QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        }
        completeSteps();
        const FixedClock later(QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC));
        const auto lunchOverdue = [&] {
            auto h = hire();
            EnrollmentStatus status;
            if (Error e = Enrollments(*h, later).status(QStringLiteral("hal"), &status))
                qWarning() << e.message;
            for (const StepView& view : std::as_const(status.steps))
                if (view.step.id == QLatin1String("lunch"))
                    return std::optional<bool>(view.overdue);
            return std::optional<bool>();
        };
        QCOMPARE(lunchOverdue(), std::optional<bool>(true));
        auto m = mentor();
        QVERIFY(!Enrollments(*m, later).signOff(QStringLiteral("hal")));
        QCOMPARE(lunchOverdue(), std::optional<bool>(false));
    }

    // A mentor's approvals and sign-off count under the key the verified
    // log gave them when they signed, so neither their own passphrase
    // change nor an admin's reset (a new key pair) ends them: every session
    // still finds the hire signed off. docs/SECURITY.md, "Authority".
    void aResetOfTheMentorKeepsWhatTheirOldKeySigned()
    {
        completeSteps();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
            QVERIFY(!People(*m).changePassphrase("max's own passphrase"));
        }
        {
            auto h = hire();
            QCOMPARE(statusOf(*h).decision.codes(), QStringList());
        }
        QByteArray oldKey;
        {
            auto a = admin();
            oldKey = a->person(QStringLiteral("max"))->signPublicKey;
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("max"), "max's reset passphrase"));
            QVERIFY(a->person(QStringLiteral("max"))->signPublicKey != oldKey);
            const EnrollmentStatus status = statusOf(*a);
            QCOMPARE(status.decision.codes(), QStringList());
            QCOMPARE(status.signedOffBy, QStringLiteral("max"));
        }
        {
            auto m = as(QStringLiteral("max"), "max's reset passphrase");
            QVERIFY(m);
            QCOMPARE(statusOf(*m).decision.codes(), QStringList());
        }
        auto h = hire();
        QCOMPARE(statusOf(*h).decision.codes(), QStringList());
    }

    // The other side of it: the key a reset replaced signs nothing from
    // then on. A hire who learnt the mentor's passphrase and kept their old
    // key (here, the mentor's session from before the reset) cannot use it
    // to sign the hire off once an admin has reset the mentor.
    void theKeyAResetReplacedSignsNoSignoff()
    {
        completeSteps();
        auto stale = mentor();
        QVERIFY(stale);
        {
            auto a = admin();
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("max"), "max's reset passphrase"));
        }
        const Error e = Enrollments(*stale, m_clock).signOff(QStringLiteral("hal"));
        QVERIFY2(e, "a session under the replaced key signed the hire off");
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(QStringLiteral("sign in again")), qPrintable(e.message));
        auto a = admin();
        const EnrollmentStatus status = statusOf(*a);
        QVERIFY2(status.locked(), qPrintable(status.decision.codes().join(',')));
        QCOMPARE(status.decision.codes(), QStringList{"signoff-missing"});
    }

    // The same holds for a hire: their desk left signed in while an admin
    // reset their passphrase records nothing under the old key, so the log
    // stays one every later check verifies.
    void aHiresSessionFromBeforeTheirResetRecordsNothing()
    {
        auto stale = hire();
        QVERIFY(stale);
        {
            auto a = admin();
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("hal"), "hal's reset passphrase"));
        }
        const Error e = Enrollments(*stale, m_clock)
                            .markDone(QStringLiteral("hal"), QStringLiteral("handbook"), QStringLiteral("x"));
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(QStringLiteral("sign in again")), qPrintable(e.message));
        auto a = admin();
        const EnrollmentStatus status = statusOf(*a);
        QVERIFY(status.enrollmentId != 0);
        for (const StepView& view : std::as_const(status.steps))
            QVERIFY2(!view.done, qPrintable(view.step.id));
    }

    void selfSignoffIsRefused()
    {
        completeSteps();
        auto h = hire();
        const Error e = Enrollments(*h, m_clock).signOff(QStringLiteral("hal"));
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY(statusOf(*h).locked());
        auto a = admin();
        QCOMPARE(Enrollments(*a, m_clock).signOff(QStringLiteral("hal")).kind, ErrorKind::NotPermitted);
    }

    /// An admin's or mentor's session refuses to decide from a tampered vault,
    /// naming the record; the gate stays shut whoever asks.
    void refusesNaming(Vault& vault, const QString& record)
    {
        EnrollmentStatus status;
        const Error e = Enrollments(vault, m_clock).status(QStringLiteral("hal"), &status);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(record), qPrintable(e.message));
        const Error signoff = Enrollments(vault, m_clock).signOff(QStringLiteral("hal"));
        QVERIFY(signoff);
        if (vault.me().role == Role::Mentor)
            QCOMPARE(signoff.kind, ErrorKind::Damaged);
    }

    void signoffRowWithABadSignatureLeavesTheGateLocked()
    {
        completeSteps();
        auto a = admin();
        // Someone with raw SQL access writes a sign-off row by hand.
        QVERIFY(!a->db().execute(QStringLiteral("INSERT INTO signoffs (enrollment_id, mentor_id, checklist_version, "
                                                "decision, at, signature) SELECT e.id, e.mentor_id, 1, "
                                                "'production-access', '2026-11-20T10:00:00.000Z', zeroblob(64) "
                                                "FROM enrollments e")));
        refusesNaming(*a, QStringLiteral("signoffs row 1: no audit entry vouches for it"));
        // The hire's own session cannot check the log, but the signature fails there too.
        auto h = hire();
        QCOMPARE(statusOf(*h).decision.codes(), QStringList{"signoff-invalid"});
    }

    void editedSignoffNoLongerVerifies()
    {
        completeSteps();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        }
        auto a = admin();
        QVERIFY(!statusOf(*a).locked());
        // Moving the sign-off's time breaks its signature.
        QVERIFY(!a->db().execute(QStringLiteral("UPDATE signoffs SET at = '2026-11-19T10:00:00.000Z'")));
        refusesNaming(*a, QStringLiteral("signoffs row 1: it is not what entry"));
        auto h = hire();
        QCOMPARE(statusOf(*h).decision.codes(), QStringList{"signoff-invalid"});
    }

    void forgedApprovalCountsForNothing()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            // The hire has the master key: they can write rows, but not sign as the mentor.
            QVERIFY(!h->db().execute(QStringLiteral("INSERT INTO step_reviews (enrollment_id, step_id, "
                                                    "checklist_version, mentor_id, decision, comment, at, signature) "
                                                    "SELECT e.id, 'sandbox-tests', 1, e.mentor_id, 'approved', '', "
                                                    "'2026-11-20T10:00:00.000Z', ?1 FROM enrollments e"),
                                     {h->sign("not the mentor's signature")}));
        }
        auto m = mentor();
        refusesNaming(*m, QStringLiteral("step_reviews row 1: no audit entry vouches for it"));
        auto h = hire();
        const EnrollmentStatus status = statusOf(*h);
        QVERIFY(!status.steps.at(1).approved);
        QCOMPARE(status.decision.codes(), (QStringList{"approval-pending", "signoff-missing"}));
    }

    void ghostMentorWrittenByAHireCountsForNothing()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            // With the master key a hire can write any row: a "mentor" with
            // their own key, the enrollment pointed at it, an approval and a
            // sign-off signed as it.
            Database& db = h->db();
            QVERIFY(!db.execute(QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, "
                                               "created_at) VALUES ('ghost', 'Ghost', 'mentor', ?1, "
                                               "'2026-11-20T00:00:00Z')"),
                                {h->me().signPublicKey}));
            QVERIFY(!db.execute(QStringLiteral("UPDATE enrollments SET mentor_id = "
                                               "(SELECT id FROM people WHERE name = 'ghost')")));
            const qint64 enrollment = db.scalar(QStringLiteral("SELECT id FROM enrollments")).toLongLong();
            const QDateTime at = m_clock.now();
            const QByteArray review =
                h->sign(signatures::stepReview(enrollment, QStringLiteral("hal"), QStringLiteral("sandbox-tests"),
                                               QStringLiteral("week-one"), 1, QStringLiteral("approved"), at));
            QVERIFY(!db.execute(QStringLiteral("INSERT INTO step_reviews (enrollment_id, step_id, checklist_version, "
                                               "mentor_id, decision, comment, at, signature) SELECT ?1, "
                                               "'sandbox-tests', 1, id, 'approved', '', ?2, ?3 FROM people "
                                               "WHERE name = 'ghost'"),
                                {enrollment, signatures::timeText(at), review}));
            const QByteArray signoff =
                h->sign(signatures::finalSignoff(enrollment, QStringLiteral("hal"), QStringLiteral("week-one"), 1,
                                                 QByteArray(), QStringLiteral("production-access"), at));
            QVERIFY(!db.execute(QStringLiteral("INSERT INTO signoffs (enrollment_id, mentor_id, checklist_version, "
                                               "decision, at, signature) SELECT ?1, id, 1, 'production-access', ?2, ?3 "
                                               "FROM people WHERE name = 'ghost'"),
                                {enrollment, signatures::timeText(at), signoff}));
        }
        // An admin's session checks every row against the signed log.
        auto a = admin();
        refusesNaming(*a, QStringLiteral("(ghost): no audit entry added them"));
    }

    void mentorDisabledWhileSignedInCanNoLongerReview()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        }
        auto m = mentor(); // unlocked before the admin acts
        {
            auto a = admin();
            QVERIFY(!People(*a).disable(QStringLiteral("max")));
        }
        const Error e =
            Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {});
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(QStringLiteral("disabled")), qPrintable(e.message));
        QCOMPARE(Enrollments(*m, m_clock).signOff(QStringLiteral("hal")).kind, ErrorKind::NotPermitted);
    }

    void roleRaisedInThePeopleTableDoesNotUnlock()
    {
        {
            auto h = hire();
            QVERIFY(!h->db().execute(QStringLiteral("UPDATE people SET role = 'admin' WHERE name = 'hal'")));
        }
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(m_vaultDir, QStringLiteral("hal"), kHirePassphrase, &vault);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("people table was edited")), qPrintable(e.message));
        // And an admin's session names the row before it acts.
        auto a = admin();
        refusesNaming(*a, QStringLiteral("people row 3 (hal): the log made them a hire, but the row says admin"));
    }

    void statusIsVisibleToTheHireTheirMentorAndAdmins_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("the hire") << "hal" << kHirePassphrase << true;
        QTest::newRow("their mentor") << "max" << kMentorPassphrase << true;
        QTest::newRow("an admin") << "ada" << kAdminPassphrase << true;
        QTest::newRow("another mentor") << "mo" << QByteArray("other mentor") << false;
        QTest::newRow("another hire") << "hana" << QByteArray("other hire passphrase") << false;
    }
    void statusIsVisibleToTheHireTheirMentorAndAdmins()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, passphrase);
        QFETCH(bool, allowed);
        auto vault = as(name, passphrase);
        QVERIFY(vault);
        EnrollmentStatus status;
        const Error e = Enrollments(*vault, m_clock).status(QStringLiteral("hal"), &status);
        QCOMPARE(e.kind, allowed ? ErrorKind::None : ErrorKind::NotPermitted);
    }

    void changedChecklistMakesAVersionAndEnrollmentsStay()
    {
        auto a = admin();
        QByteArray changed = kChecklist;
        changed.replace("Lunch with the team", "Coffee with the team");
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*a).import(parse(changed), m_clock.now(), &outcome));
        QCOMPARE(outcome.version, 2);
        QVERIFY(!outcome.unchanged);
        QVERIFY(!ChecklistStore(*a).import(parse(changed), m_clock.now(), &outcome));
        QVERIFY(outcome.unchanged);
        QCOMPARE(outcome.version, 2);
        EnrollmentStatus status = statusOf(*a);
        QCOMPARE(status.checklistVersion, 1);
        QCOMPARE(status.latestChecklistVersion, 2);
        QCOMPARE(status.steps.at(2).step.title, QStringLiteral("Lunch with the team"));
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 0));
        status = statusOf(*a);
        QCOMPARE(status.checklistVersion, 2);
        QCOMPARE(status.steps.at(2).step.title, QStringLiteral("Coffee with the team"));
    }

    /// A version that lowers the gate hal is held to: "sandbox-tests" is
    /// neither required nor reviewed any more.
    QByteArray weakerWeekOne() const
    {
        QByteArray weaker = kChecklist;
        weaker.replace("      title: Run the tests in your sandbox\n      required: true\n      signoff: true\n",
                       "      title: Run the tests in your sandbox\n");
        return weaker;
    }
    QList<AuditEntry> moveEntries(Vault& vault)
    {
        QList<AuditEntry> entries;
        if (const Error e = AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("enrollment.move")}, &entries))
            qWarning() << e.message;
        return entries;
    }

    // A move to a version that lowers the gate of the one the hire is on is
    // refused, each weakening named and nothing changed, unless the admin
    // accepts it; the entry then says what was accepted. A move to a
    // stronger version asks nothing.
    void aMoveToAWeakerVersionIsRefusedUnlessAccepted()
    {
        auto a = admin();
        ImportOutcome imported;
        QVERIFY(!ChecklistStore(*a).import(parse(weakerWeekOne()), m_clock.now(), &imported));
        QCOMPARE(imported.version, 2);
        const QStringList expected{
            QStringLiteral("step “Run the tests in your sandbox” is no longer required before production access"),
            QStringLiteral("step “Run the tests in your sandbox” no longer needs a mentor's review")};

        MoveOutcome outcome;
        Error e = Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), {}, 0, WeakerVersion::Refuse, &outcome);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QCOMPARE(outcome.weakens, expected);
        QCOMPARE(outcome.fromVersion, 1);
        QCOMPARE(outcome.version, 2);
        QVERIFY2(e.message.contains(QStringLiteral("week-one version 2 weakens the gate of week-one version 1, "
                                                   "which 'hal' is on")),
                 qPrintable(e.message));
        QVERIFY2(e.message.contains(expected.first()) && e.message.contains(expected.last()), qPrintable(e.message));
        QVERIFY2(e.message.endsWith(QStringLiteral("nothing was moved")), qPrintable(e.message));
        QCOMPARE(statusOf(*a).checklistVersion, 1);
        QCOMPARE(moveEntries(*a).size(), 0);

        // Accepted for other weakenings than it makes (the admin was shown
        // a list from before a change): refused as unseen, nothing moved.
        const QStringList shownBefore{expected.first()};
        e = Enrollments(*a, m_clock)
                .moveTo(QStringLiteral("hal"), {}, 0, WeakerVersion::Accept, &outcome, &shownBefore);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QCOMPARE(outcome.weakens, expected);
        QCOMPARE(statusOf(*a).checklistVersion, 1);
        QCOMPARE(moveEntries(*a).size(), 0);

        e = Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), {}, 0, WeakerVersion::Accept, &outcome, &expected);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(outcome.weakens, expected);
        QCOMPARE(statusOf(*a).checklistVersion, 2);
        QList<AuditEntry> moves = moveEntries(*a);
        QCOMPARE(moves.size(), 1);
        QJsonObject details = QJsonDocument::fromJson(moves.first().details.toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("accepted_weaker")).toBool(), true);
        QCOMPARE(details.value(QStringLiteral("weakens")).toArray(), QJsonArray::fromStringList(expected));

        // Back to the stronger version 1: nothing weaker, nothing asked, nothing named.
        e = Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), {}, 1, WeakerVersion::Refuse, &outcome);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(outcome.weakens, QStringList());
        QCOMPARE(statusOf(*a).checklistVersion, 1);
        moves = moveEntries(*a);
        QCOMPARE(moves.size(), 2);
        details = QJsonDocument::fromJson(moves.last().details.toUtf8()).object();
        QVERIFY(!details.contains(QStringLiteral("weakens")));
        QVERIFY(!details.contains(QStringLiteral("accepted_weaker")));
    }

    // The attacker's test: hal, who can write the vault's folder, rewrites
    // the weaker version's row to read as the version they are on, or theirs
    // to read as the weaker one, so that the comparison would find nothing.
    // The move compares only the versions the log vouches for: it is
    // refused as damaged, and hal stays where they are.
    void aRewrittenVersionCannotHideAWeakerMove_data()
    {
        QTest::addColumn<QString>("rewrite");
        QTest::newRow("target made to look like the current version")
            << "UPDATE checklists SET yaml = (SELECT yaml FROM checklists WHERE version = 1) WHERE version = 2";
        QTest::newRow("current version made to look like the target")
            << "UPDATE checklists SET yaml = (SELECT yaml FROM checklists WHERE version = 2) WHERE version = 1";
    }
    void aRewrittenVersionCannotHideAWeakerMove()
    {
        QFETCH(QString, rewrite);
        {
            auto a = admin();
            ImportOutcome imported;
            QVERIFY(!ChecklistStore(*a).import(parse(weakerWeekOne()), m_clock.now(), &imported));
        }
        {
            auto h = hire();
            QVERIFY(h);
            QVERIFY(!h->db().execute(rewrite));
        }
        auto a = admin();
        MoveOutcome outcome;
        const Error e = Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), {}, 2, WeakerVersion::Refuse, &outcome);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("checklists row")), qPrintable(e.message));
        QCOMPARE(outcome.weakens, QStringList());
        QCOMPARE(moveEntries(*a).size(), 0);
        QVERIFY(!a->db().execute(QStringLiteral("SELECT 1")));
        QList<QVariantList> rows;
        QVERIFY(!a->db().execute(QStringLiteral("SELECT c.version FROM enrollments e JOIN checklists c ON "
                                                "c.id = e.checklist_id"),
                                 {}, &rows));
        QCOMPARE(rows.value(0).value(0).toInt(), 1);
    }

    /// hal approved and signed off on version 1, moved to version 2 and back
    /// to 1: nothing given before the moves counts again, on every screen
    /// (the step's state) as at the gate, and the mentor reviews again.
    void moveBackToAnOlderVersionCountsNoEarlierApproval()
    {
        completeSteps();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
            QVERIFY(!statusOf(*m).locked());
        }
        auto a = admin();
        importCoffeeVersion(*a);
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        QVERIFY(statusOf(*a).locked());
        // The sign-off the hire had is told as ended by this move, for Home to say so.
        QVERIFY(statusOf(*a).signoffEndedByMove);
        {
            auto h = hire();
            QVERIFY(statusOf(*h).signoffEndedByMove);
        }
        const Error back = Enrollments(*a, m_clock).move(QStringLiteral("hal"), 1);
        QVERIFY2(!back, qPrintable(back.message));
        a.reset();
        for (const bool asMentor : {true, false}) {
            auto vault = asMentor ? mentor() : hire();
            const EnrollmentStatus status = statusOf(*vault);
            QCOMPARE(status.checklistVersion, 1);
            QVERIFY2(status.locked(), "an approval or sign-off given before the moves counts again");
            QCOMPARE(status.decision.codes(), (QStringList{"approval-pending", "signoff-missing"}));
            QVERIFY(status.signedOffBy.isEmpty());
            const StepView& step = status.steps.at(1);
            QVERIFY(step.done);
            QVERIFY(!step.approved);
            QCOMPARE(step.status(), StepStatus::WaitingForReview);
            QCOMPARE(step.approvedOnVersion, 1);
            QCOMPARE(status.movedFromVersion, 2);
            QCOMPARE(status.movedBy, QStringLiteral("ada"));
            // The move back ended no sign-off: the move before it did.
            QVERIFY(!status.signoffEndedByMove);
        }
        // The mentor approves and signs off again, on version 1 after the move: that counts.
        auto m = mentor();
        QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        QVERIFY2(!statusOf(*m).locked(), qPrintable(statusOf(*m).decision.codes().join(',')));
        QVERIFY(!statusOf(*m).signoffEndedByMove);
        const Error check = Ledger::verify(*m, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
    }

    /// A move ends approvals, not the mentor's request for changes: a step
    /// sent back before the move stays sent back, with its comment, until the
    /// hire redoes it; redone, it waits for review again as a resubmission.
    void aSendBackOutlivesAMove()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock)
                         .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), false,
                                 QStringLiteral("run the slow tests too")));
        }
        auto a = admin();
        importCoffeeVersion(*a);
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        a.reset();
        for (const bool asMentor : {true, false}) {
            auto vault = asMentor ? mentor() : hire();
            const EnrollmentStatus status = statusOf(*vault);
            QCOMPARE(status.checklistVersion, 2);
            const StepView& step = status.steps.at(1);
            QCOMPARE(step.status(), StepStatus::SentBack);
            QCOMPARE(step.reviewComment, QStringLiteral("run the slow tests too"));
            QCOMPARE(step.reviewer, QStringLiteral("max"));
            QVERIFY(step.reviewedAt.isValid());
            QCOMPARE(step.approvedOnVersion, 0);
            QVERIFY(!step.approvalEndedByMove);
            QVERIFY(step.sentBackBeforeMove);
            QVERIFY(!status.steps.at(0).sentBackBeforeMove);
            QVERIFY(status.decision.codes().contains(QStringLiteral("step-required")));
        }
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            QCOMPARE(statusOf(*h).steps.at(1).status(), StepStatus::Resubmitted);
        }
        auto m = mentor();
        QCOMPARE(statusOf(*m).steps.at(1).status(), StepStatus::Resubmitted);
        // Sent back again on the new version: a request of its own, not one from before the move.
        QVERIFY(
            !Enrollments(*m, m_clock)
                 .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), false, QStringLiteral("once more")));
        QCOMPARE(statusOf(*m).steps.at(1).status(), StepStatus::SentBack);
        QVERIFY(!statusOf(*m).steps.at(1).sentBackBeforeMove);
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
        }
        QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        QCOMPARE(statusOf(*m).steps.at(1).status(), StepStatus::Approved);
    }

    /// The mentor's last word before a move is what carries: an approval
    /// given on the version a move back left ends an earlier request for
    /// changes, and a request for changes given there stands on the version
    /// the enrollment comes back to.
    void aMoveBackCarriesTheLastWordOnly()
    {
        const QString step = QStringLiteral("sandbox-tests");
        {
            auto h = hire();
            auto m = mentor();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), step, {}));
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), step, false, QStringLiteral("on v1")));
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), step, {}));
        }
        auto a = admin();
        importCoffeeVersion(*a);
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        QCOMPARE(statusOf(*a).steps.at(1).status(), StepStatus::Resubmitted);
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), step, true, {}));
        }
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 1));
        StepView back = statusOf(*a).steps.at(1);
        QCOMPARE(back.status(), StepStatus::WaitingForReview);
        QVERIFY(back.reviewComment.isEmpty());

        // Sent back on version 2, then moved back to 1: still sent back.
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), step, false, QStringLiteral("on v2")));
        }
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 1));
        back = statusOf(*a).steps.at(1);
        QCOMPARE(back.status(), StepStatus::SentBack);
        QCOMPARE(back.reviewComment, QStringLiteral("on v2"));
    }

    /// A move within the checklist says which steps the version it left had
    /// with another title or text, and what those were; a move back does too.
    void aMoveSaysWhatItChangedInAStep()
    {
        auto a = admin();
        QByteArray changed = kChecklist;
        changed.replace("Lunch with the team", "Coffee with the team");
        changed.replace("      title: Read the handbook\n",
                        "      title: Read the handbook\n      body: Read chapter two first.\n");
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*a).import(parse(changed), m_clock.now(), &outcome));
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        for (const bool asHire : {false, true}) {
            auto vault = asHire ? hire() : mentor();
            const EnrollmentStatus status = statusOf(*vault);
            QCOMPARE(status.steps.at(0).changedFromVersion, 1);
            QCOMPARE(status.steps.at(0).titleBefore, QStringLiteral("Read the handbook"));
            QVERIFY(status.steps.at(0).bodyBefore.isEmpty());
            QCOMPARE(status.steps.at(1).changedFromVersion, 0);
            QCOMPARE(status.steps.at(2).changedFromVersion, 1);
            QCOMPARE(status.steps.at(2).titleBefore, QStringLiteral("Lunch with the team"));
            const QJsonObject json = status.toJson();
            const QJsonObject from = json.value(QStringLiteral("steps"))
                                         .toArray()
                                         .at(2)
                                         .toObject()
                                         .value(QStringLiteral("changed_from"))
                                         .toObject();
            QCOMPARE(from.value(QStringLiteral("version")).toInt(), 1);
            QCOMPARE(from.value(QStringLiteral("title")).toString(), QStringLiteral("Lunch with the team"));
            QVERIFY(!json.value(QStringLiteral("steps"))
                         .toArray()
                         .at(1)
                         .toObject()
                         .contains(QStringLiteral("changed_from")));
        }
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 1));
        const EnrollmentStatus back = statusOf(*a);
        QCOMPARE(back.steps.at(2).changedFromVersion, 2);
        QCOMPARE(back.steps.at(2).titleBefore, QStringLiteral("Coffee with the team"));
        QCOMPARE(back.steps.at(0).bodyBefore, QStringLiteral("Read chapter two first."));
    }

    /// An approval the move ended stays ended even when the step was sent
    /// back before it: the latest review before the move is what carries.
    void anApprovalAfterASendBackIsEndedByAMove()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            auto m = mentor();
            QVERIFY(
                !Enrollments(*m, m_clock)
                     .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), false, QStringLiteral("again")));
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}));
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        }
        auto a = admin();
        importCoffeeVersion(*a);
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        const StepView step = statusOf(*a).steps.at(1);
        QCOMPARE(step.status(), StepStatus::WaitingForReview);
        QCOMPARE(step.approvedOnVersion, 1);
        QVERIFY(step.approvalEndedByMove);
        QVERIFY(step.reviewComment.isEmpty());
    }

    /// What a hire writes cannot make an approval from before a move count:
    /// an old review's row renumbered after the move's mark, or the move's
    /// entry edited, is caught by the mentor's check of the vault against the log.
    void aHireCannotMakeAnApprovalFromBeforeAMoveCount()
    {
        completeSteps();
        auto a = admin();
        importCoffeeVersion(*a);
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 1));
        QVERIFY(!statusOf(*a).signoffEndedByMove); // never signed off: no sign-off ended
        a.reset();
        {
            auto h = hire();
            QVERIFY(!h->db().execute(QStringLiteral("UPDATE step_reviews SET id = id + 1000"), {}));
        }
        auto m = mentor();
        EnrollmentStatus status;
        const Error e = Enrollments(*m, m_clock).status(QStringLiteral("hal"), &status);
        QVERIFY2(e, "a renumbered review was accepted");
        QVERIFY(status.steps.isEmpty() || !status.steps.at(1).approved);
    }

    /// Version 2 of the checklist, imported as \a admin: "lunch" is titled "Coffee with the team".
    void importCoffeeVersion(Vault& admin)
    {
        QByteArray changed = kChecklist;
        changed.replace("Lunch with the team", "Coffee with the team");
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(admin).import(parse(changed), m_clock.now(), &outcome));
        QCOMPARE(outcome.version, 2);
    }

    /// A second checklist, "week-two": the first's steps but "lunch", which becomes "pairing".
    void importWeekTwo(Vault& admin)
    {
        QByteArray other = kChecklist;
        other.replace("id: week-one", "id: week-two");
        other.replace("id: lunch", "id: pairing");
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(admin).import(parse(other), m_clock.now(), &outcome));
        QCOMPARE(outcome.version, 1);
    }

    void moveToAnotherChecklistKeepsMatchedStepsAndEndsTheSignoff()
    {
        completeSteps();
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("lunch"), {}));
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        }
        auto a = admin();
        QVERIFY(!statusOf(*a).locked());
        importWeekTwo(*a);
        // Same version number (1) and same step ids: nothing signed over week-one may count on week-two.
        const Error moved = Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), QStringLiteral("week-two"), 0);
        QVERIFY2(!moved, qPrintable(moved.message));
        EnrollmentStatus status = statusOf(*a);
        QCOMPARE(status.checklistId, QStringLiteral("week-two"));
        QCOMPARE(status.checklistVersion, 1);
        QVERIFY(status.locked());
        QCOMPARE(status.decision.codes(), (QStringList{"approval-pending", "signoff-missing"}));
        QVERIFY(status.signedOffBy.isEmpty());
        QCOMPARE(status.steps.at(0).step.id, QStringLiteral("handbook"));
        QVERIFY(status.steps.at(0).done);
        QVERIFY(status.steps.at(1).done); // sandbox-tests: done, waiting for the mentor again
        QVERIFY(!status.steps.at(1).approved);
        QVERIFY(!status.steps.at(1).rejected);
        QVERIFY(status.steps.at(1).reviewComment.isEmpty());
        QCOMPARE(status.steps.at(2).step.id, QStringLiteral("pairing"));
        QVERIFY(!status.steps.at(2).done);
        // The vault still holds up against its log: the rows that went are named in the move's entry.
        const Error check = Ledger::verify(*a, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        QList<AuditEntry> entries;
        QVERIFY(!AuditLog::entries(a->db(), {{}, {}, QStringLiteral("enrollment.move")}, &entries));
        QCOMPARE(entries.size(), 1);
        const QJsonObject details = QJsonDocument::fromJson(entries.at(0).details.toUtf8()).object();
        QCOMPARE(details.value("from_checklist").toString(), QStringLiteral("week-one"));
        QCOMPARE(details.value("checklist").toString(), QStringLiteral("week-two"));
        QCOMPARE(details.value("dropped_steps").toArray(), QJsonArray{QStringLiteral("lunch")});
        QCOMPARE(details.value("ended_reviews").toArray().size(), 1);
        QCOMPARE(details.value("ended_signoffs").toArray().size(), 1);
        // The mentor reviews and signs off again, on week-two.
        a.reset();
        auto m = mentor();
        QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        QVERIFY2(!statusOf(*m).locked(), qPrintable(statusOf(*m).decision.codes().join(',')));
    }

    /// hal signed off on week-one, then moved to week-two by ada: the move
    /// ended one review and one sign-off.
    void signOffAndMove()
    {
        completeSteps();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        }
        auto a = admin();
        importWeekTwo(*a);
        QVERIFY(!Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), QStringLiteral("week-two"), 0));
    }

    /// Every row of \a table, every column.
    static QList<QVariantList> rowsOf(Vault& vault, const QString& table)
    {
        QList<QVariantList> rows;
        if (Error e = vault.db().execute(QStringLiteral("SELECT * FROM %1 ORDER BY id").arg(table), {}, &rows))
            qWarning() << e.message;
        return rows;
    }
    static Error insertRow(Vault& vault, const QString& table, const QVariantList& row)
    {
        QStringList slots;
        for (int i = 1; i <= row.size(); ++i)
            slots << QStringLiteral("?%1").arg(i);
        return vault.db().execute(QStringLiteral("INSERT INTO %1 VALUES (%2)").arg(table, slots.join(QLatin1Char(','))),
                                  row);
    }

    // A row a signed move ended, put back as it was, is named as ended by
    // that move; a row nothing ever vouched for keeps the alarm.
    void aRowAMoveEndedIsNamedAsEndedByIt_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("review") << QStringLiteral("step_reviews");
        QTest::newRow("sign-off") << QStringLiteral("signoffs");
    }
    void aRowAMoveEndedIsNamedAsEndedByIt()
    {
        QFETCH(QString, table);
        QList<QVariantList> before;
        completeSteps();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
            before = rowsOf(*m, table);
            QCOMPARE(before.size(), 1);
        }
        auto a = admin();
        importWeekTwo(*a);
        QVERIFY(!Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), QStringLiteral("week-two"), 0));
        QList<AuditEntry> moves;
        QVERIFY(!AuditLog::entries(a->db(), {{}, {}, QStringLiteral("enrollment.move")}, &moves));
        QCOMPARE(moves.size(), 1);
        const QString move = QStringLiteral("entry %1 (enrollment.move by ada)").arg(moves.first().sequence);
        const QStringList codes = statusOf(*hire()).decision.codes();

        // Put back exactly as it was before the move.
        QVERIFY(!insertRow(*a, table, before.first()));
        Error e = Ledger::verify(*a, m_clock.now());
        QCOMPARE(e.kind, ErrorKind::Damaged);
        const QString row = QStringLiteral("%1 row %2").arg(table).arg(before.first().first().toLongLong());
        QVERIFY2(e.message.contains(row + QStringLiteral(": ") + move + QStringLiteral(" ended it")),
                 qPrintable(e.message));
        QVERIFY2(!e.message.contains(QStringLiteral("no audit entry vouches")), qPrintable(e.message));
        refusesNaming(*a, row);
        // The hire's session, which cannot check the log, still sees the gate shut.
        QVERIFY(!codes.isEmpty());
        QVERIFY(statusOf(*hire()).locked());

        // A row under an id no entry ever named is still one nothing vouches for.
        QVERIFY(!a->db().execute(QStringLiteral("DELETE FROM %1").arg(table)));
        QVariantList forged = before.first();
        forged[0] = before.first().first().toLongLong() + 10;
        QVERIFY(!insertRow(*a, table, forged));
        e = Ledger::verify(*a, m_clock.now());
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(
            e.message.contains(
                QStringLiteral("%1 row %2: no audit entry vouches for it").arg(table).arg(forged.first().toLongLong())),
            qPrintable(e.message));
    }

    // A hire who rewrites the vault cannot hide a review or a sign-off that
    // was never moved behind a move's `ended_reviews`/`ended_signoffs`: a
    // move entry they sign is no admin's, and one edited is no longer the
    // one signed. The verifier refuses; the gate does not change.
    void aForgedEndingOfARowIsRefused_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("edit"); // false: a new entry the hire signs
        QTest::newRow("review, hire's entry") << "step_reviews"
                                              << "ended_reviews" << false;
        QTest::newRow("sign-off, hire's entry") << "signoffs"
                                                << "ended_signoffs" << false;
        QTest::newRow("review, move entry edited") << "step_reviews"
                                                   << "ended_reviews" << true;
        QTest::newRow("sign-off, move entry edited") << "signoffs"
                                                     << "ended_signoffs" << true;
    }
    void aForgedEndingOfARowIsRefused()
    {
        QFETCH(QString, table);
        QFETCH(QString, key);
        QFETCH(bool, edit);
        // A move that ended rows of week-one, then a new review and sign-off
        // on week-two, which no move ended.
        signOffAndMove();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
            QVERIFY(!Enrollments(*m, m_clock).signOff(QStringLiteral("hal")));
        }
        qint64 enrollment = 0;
        {
            auto a = admin();
            QVERIFY(!Ledger::verify(*a, m_clock.now()));
            enrollment = a->db().scalar(QStringLiteral("SELECT id FROM enrollments")).toLongLong();
        }
        const QStringList codes = statusOf(*hire()).decision.codes();
        QVERIFY(codes.isEmpty());
        {
            auto h = hire();
            const QList<QVariantList> rows = rowsOf(*h, table);
            QCOMPARE(rows.size(), 1);
            const qint64 id = rows.first().first().toLongLong();
            if (edit) {
                // The hire holds the hash key: the move's entry names the row
                // too, and every later entry is hashed again so the chain links.
                SecureBytes hashKey;
                QVERIFY(!AuditLog::hashKey(h->db(), &hashKey));
                QList<AuditEntry> entries;
                QVERIFY(!AuditLog::entries(h->db(), {}, &entries));
                QVERIFY(!h->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
                QByteArray previous;
                bool rewriting = false;
                for (AuditEntry entry : entries) {
                    if (entry.action == QLatin1String("enrollment.move")) {
                        QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
                        QJsonArray ended = details.value(key).toArray();
                        ended.append(id);
                        details.insert(key, ended);
                        entry.details = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
                        rewriting = true;
                    }
                    if (rewriting) {
                        entry.previousHash = previous;
                        entry.hash = AuditLog::computeHash(entry, hashKey);
                        QVERIFY(!h->db().execute(QStringLiteral("UPDATE audit_log SET details = ?1, prev_hash = ?2, "
                                                                "hash = ?3 WHERE seq = ?4"),
                                                 {entry.details, entry.previousHash, entry.hash, entry.sequence}));
                    }
                    previous = entry.hash;
                }
                QVERIFY(rewriting);
                QVERIFY(!h->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "
                                                        "audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is "
                                                        "append-only'); END")));
            } else {
                Database::Transaction transaction(h->db());
                QVERIFY(!transaction.beginError());
                QVERIFY(!AuditLog::append(*h, QStringLiteral("enrollment.move"), QStringLiteral("hal"),
                                          {{QStringLiteral("enrollment"), enrollment},
                                           {QStringLiteral("checklist"), QStringLiteral("week-two")},
                                           {key, QJsonArray{id}}}));
                QVERIFY(!transaction.commit());
            }
            QVERIFY(!h->db().execute(QStringLiteral("DELETE FROM %1 WHERE id = ?1").arg(table), {id}));
        }
        // No session that checks the log decides anything from it: refused
        // at the door (this desktop saw another head) or by the check.
        for (const auto& [who, passphrase] : {std::pair{QStringLiteral("ada"), kAdminPassphrase},
                                              std::pair{QStringLiteral("max"), kMentorPassphrase}}) {
            std::unique_ptr<Vault> v;
            const Error unlock = Vault::unlock(m_vaultDir, who, passphrase, &v);
            if (unlock) {
                QCOMPARE(unlock.kind, ErrorKind::Damaged);
                continue;
            }
            const Error e = Ledger::verify(*v, m_clock.now());
            QCOMPARE(e.kind, ErrorKind::Damaged);
            if (!edit)
                QVERIFY2(e.message.contains(QStringLiteral("enrollment.move is an admin's act")),
                         qPrintable(e.message));
            EnrollmentStatus status;
            QCOMPARE(Enrollments(*v, m_clock).status(QStringLiteral("hal"), &status).kind, ErrorKind::Damaged);
            if (who == QLatin1String("max"))
                QCOMPARE(Enrollments(*v, m_clock)
                             .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {})
                             .kind,
                         ErrorKind::Damaged);
        }
    }

    void moveToAnotherChecklistIsRefused_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("checklist");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a mentor") << "max"
                                  << "week-two" << int(ErrorKind::NotPermitted) << "only an admin";
        QTest::newRow("a hire") << "hal"
                                << "week-two" << int(ErrorKind::NotPermitted) << "only an admin";
        QTest::newRow("unknown checklist") << "ada"
                                           << "nope" << int(ErrorKind::InvalidInput) << "nope";
        QTest::newRow("the same version")
            << "ada"
            << "week-one" << int(ErrorKind::InvalidInput) << "'hal' is already on week-one version 1";
    }
    void moveToAnotherChecklistIsRefused()
    {
        QFETCH(QString, who);
        QFETCH(QString, checklist);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        {
            auto a = admin();
            importWeekTwo(*a);
        }
        static const QHash<QString, QByteArray> passphrases = {{QStringLiteral("ada"), kAdminPassphrase},
                                                               {QStringLiteral("max"), kMentorPassphrase},
                                                               {QStringLiteral("hal"), kHirePassphrase}};
        auto v = as(who, passphrases.value(who));
        QVERIFY(v);
        const Error e = Enrollments(*v, m_clock).moveTo(QStringLiteral("hal"), checklist, 0);
        QCOMPARE(int(e.kind), kind);
        QVERIFY2(e.message.contains(expected), qPrintable(e.message));
        v.reset();
        auto a = admin();
        QCOMPARE(statusOf(*a).checklistId, QStringLiteral("week-one"));
    }

    void overdueFollowsTheClock()
    {
        auto h = hire();
        QVERIFY(!statusOf(*h).steps.at(0).overdue);
        m_clock.set(QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC));
        QVERIFY(statusOf(*h).steps.at(0).overdue);
        // A disabled hire does no more steps: none is late, on any screen or in the report.
        auto a = admin();
        report::Summary summary;
        QVERIFY(!report::summarize(*a, &summary, 10, m_clock));
        QVERIFY(summary.overdueTotal > 0);
        QVERIFY(!People(*a).disable(QStringLiteral("hal")));
        // The report's own reading too, which counts hires with nothing on record by group.
        QVERIFY(!report::summarize(*a, &summary, 10, m_clock));
        QCOMPARE(summary.overdueTotal, 0);
        QCOMPARE(summary.counts.overdue, 0);
        const EnrollmentStatus disabled = statusOf(*a);
        QVERIFY(disabled.hire.disabled);
        QVERIFY(
            std::none_of(disabled.steps.cbegin(), disabled.steps.cend(), [](const StepView& v) { return v.overdue; }));
        QVERIFY(report::compute({disabled}, m_clock.now()).overdue.isEmpty());
        m_clock.set(QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
    }
};

QTEST_GUILESS_MAIN(TestEnrollments)
#include "TestEnrollments.moc"
