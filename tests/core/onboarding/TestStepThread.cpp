// The conversation on a step over a real vault: who may write, what is
// refused, the reviews in it, and notes whose authorship does not verify.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/Signatures.h"
#include "onboarding/StepThread.h"
#include "people/People.h"

#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

class TestStepThread : public QObject
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
    std::unique_ptr<Vault> hire() { return as(QStringLiteral("hal"), kHirePassphrase); }
    std::unique_ptr<Vault> mentor() { return as(QStringLiteral("max"), kMentorPassphrase); }
    std::unique_ptr<Vault> admin() { return as(QStringLiteral("ada"), kAdminPassphrase); }

    QList<ThreadEntry> threadAs(Vault& vault, const QString& step = QStringLiteral("sandbox-tests"))
    {
        QList<ThreadEntry> entries;
        if (const Error e = StepThread(vault, m_clock).read(QStringLiteral("hal"), step, &entries))
            qWarning() << e.message;
        return entries;
    }

    qint64 noteRows(Vault& vault)
    {
        return vault.db().scalar(QStringLiteral("SELECT count(*) FROM step_notes")).toLongLong();
    }

private Q_SLOTS:
    void init()
    {
        m_vaultDir = m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()) + QStringLiteral("-v"));
        auto vault = makeVault(m_vaultDir);
        QVERIFY(vault);
        QVERIFY(!People(*vault).add(QStringLiteral("hana"), QStringLiteral("Other Hire"), Role::Hire,
                                    "other hire passphrase"));
        ParseResult parsed = parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), "week-one.yaml");
        QVERIFY(parsed.ok());
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*vault).import(*parsed.checklist, m_clock.now(), &outcome));
        QVERIFY(!Enrollments(*vault, m_clock).enroll("hal", "week-one", "max", QDate(2026, 11, 20)));
    }

    void hireAndMentorTalkOnAStep()
    {
        {
            auto h = hire();
            QVERIFY(!StepThread(*h, m_clock).add("hal", "sandbox-tests", "Which database?\nThe sandbox one?"));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!StepThread(*m, m_clock).add("hal", "sandbox-tests", "Yes, see https://wiki.example/db"));
        }
        std::vector<std::unique_ptr<Vault>> readers;
        readers.push_back(hire());
        readers.push_back(mentor());
        readers.push_back(admin());
        for (const auto& vault : readers) {
            const QList<ThreadEntry> thread = threadAs(*vault);
            QCOMPARE(thread.size(), 2);
            QCOMPARE(thread.at(0).authorDisplayName, QStringLiteral("Hal Hire"));
            QCOMPARE(thread.at(0).body, QStringLiteral("Which database?\nThe sandbox one?"));
            QVERIFY(thread.at(0).byHire && thread.at(0).verified);
            QCOMPARE(thread.at(1).authorDisplayName, QStringLiteral("Max Mentor"));
            QVERIFY(thread.at(1).byMentor && thread.at(1).verified);
            QCOMPARE(thread.at(1).at, m_clock.now());
            QVERIFY(threadAs(*vault, QStringLiteral("handbook")).isEmpty());
        }
    }

    // What the mentor has not answered: the hire's notes after the mentor's
    // last word on the step, oldest first, each with a mark of its own.
    void theNotesNotAnsweredComeWithTheirMarks()
    {
        {
            auto h = hire();
            QVERIFY(!StepThread(*h, m_clock).add("hal", "handbook", "Where is it?"));
            // The same moment: still two notes, two marks.
            QVERIFY(!StepThread(*h, m_clock).add("hal", "handbook", "Found it."));
        }
        const auto unansweredAsMentor = [this](QHash<QString, QStringList>* marks) {
            auto m = mentor();
            EnrollmentStatus status;
            QHash<QString, QStringList> notes;
            if (Error e = Enrollments(*m, m_clock).status(QStringLiteral("hal"), &status))
                qWarning() << e.message;
            if (Error e = StepThread(*m, m_clock).unanswered(status, &notes, marks))
                qWarning() << e.message;
            return notes;
        };
        QHash<QString, QStringList> marks;
        QCOMPARE(unansweredAsMentor(&marks).value(QStringLiteral("handbook")),
                 (QStringList{QStringLiteral("Where is it?"), QStringLiteral("Found it.")}));
        const QStringList first = marks.value(QStringLiteral("handbook"));
        QCOMPARE(first.size(), 2);
        QVERIFY(first.at(0) != first.at(1));
        QCOMPARE(first.at(0).size(), 32);
        // Read again, the same marks.
        QCOMPARE(unansweredAsMentor(&marks).size(), 1);
        QCOMPARE(marks.value(QStringLiteral("handbook")), first);
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!StepThread(*m, m_clock).add("hal", "handbook", "Good."));
        }
        QVERIFY(unansweredAsMentor(&marks).isEmpty());
        QVERIFY(marks.isEmpty());
        m_clock.advance(60);
        {
            auto h = hire();
            QVERIFY(!StepThread(*h, m_clock).add("hal", "handbook", "One more thing."));
        }
        QCOMPARE(unansweredAsMentor(&marks).value(QStringLiteral("handbook")), QStringList{"One more thing."});
        QCOMPARE(marks.value(QStringLiteral("handbook")).size(), 1);
        QVERIFY(!first.contains(marks.value(QStringLiteral("handbook")).constFirst()));
    }

    void reviewsAndTheDoneNoteJoinTheThread()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "all green"));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", false, "attach the log"));
        }
        {
            // Sent back and not redone yet: no resubmission.
            auto h = hire();
            for (const ThreadEntry& e : threadAs(*h))
                QVERIFY(e.kind != ThreadEntry::Kind::Resubmitted);
        }
        m_clock.advance(60);
        const QDateTime redone = m_clock.now();
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "log attached"));
            // The redo is in the conversation as the hire's resubmission, the note sent with it after it.
            const QList<ThreadEntry> waiting = threadAs(*h);
            QCOMPARE(waiting.size(), 4);
            QCOMPARE(waiting.at(2).kind, ThreadEntry::Kind::Resubmitted);
            QCOMPARE(waiting.at(3).body, QStringLiteral("log attached"));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", true, "thanks"));
        }
        auto m = mentor();
        const QList<ThreadEntry> thread = threadAs(*m);
        QCOMPARE(thread.size(), 5);
        QCOMPARE(thread.at(0).body, QStringLiteral("all green"));
        QCOMPARE(thread.at(1).kind, ThreadEntry::Kind::SentBack);
        QCOMPARE(thread.at(1).body, QStringLiteral("attach the log"));
        QCOMPARE(thread.at(2).kind, ThreadEntry::Kind::Resubmitted);
        QCOMPARE(thread.at(2).at, redone);
        QCOMPARE(thread.at(2).author, QStringLiteral("hal"));
        QVERIFY(thread.at(2).byHire);
        QVERIFY(thread.at(2).body.isEmpty());
        QCOMPARE(thread.at(3).body, QStringLiteral("log attached"));
        QCOMPARE(thread.at(4).kind, ThreadEntry::Kind::Approved);
        for (const ThreadEntry& e : thread)
            QVERIFY(e.verified);
    }

    // A step the mentor reviews, done once and approved, has no resubmission.
    void aStepApprovedAtOnceHasNoResubmission()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "all green"));
        }
        m_clock.advance(60);
        auto m = mentor();
        QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", true, "thanks"));
        const QList<ThreadEntry> thread = threadAs(*m);
        QCOMPARE(thread.size(), 2);
        QCOMPARE(thread.at(1).kind, ThreadEntry::Kind::Approved);
    }

    // The time on the redo is the hire's desk's: a desk a day ahead, or one
    // behind the mentor's send-back, neither hides the redo nor puts it after
    // what came later. It stays between the send-back and now, or the review
    // that answered it.
    void aRedoIsPlacedBetweenTheSendBackAndWhatAnsweredIt_data()
    {
        QTest::addColumn<qint64>("skew");
        QTest::newRow("a day ahead") << qint64(24 * 3600);
        // Behind the mentor's send-back, not before the enrollment (the ledger refuses that).
        QTest::newRow("90 s behind") << qint64(-90);
        QTest::newRow("on time") << qint64(0);
    }

    void aRedoIsPlacedBetweenTheSendBackAndWhatAnsweredIt()
    {
        QFETCH(qint64, skew);
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "all green"));
        }
        m_clock.advance(60);
        const QDateTime sentBackAt = m_clock.now();
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", false, "attach the log"));
        }
        m_clock.advance(60);
        {
            FixedClock hiresDesk{m_clock.now().addSecs(skew)};
            auto h = hire();
            QVERIFY(!Enrollments(*h, hiresDesk).markDone("hal", "sandbox-tests", QString()));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            const QList<ThreadEntry> waiting = threadAs(*m);
            QCOMPARE(waiting.size(), 3);
            QCOMPARE(waiting.at(1).kind, ThreadEntry::Kind::SentBack);
            QCOMPARE(waiting.at(2).kind, ThreadEntry::Kind::Resubmitted);
            QVERIFY(waiting.at(2).at >= sentBackAt);
            QVERIFY(waiting.at(2).at <= m_clock.now());
        }
        m_clock.advance(60);
        const QDateTime approvedAt = m_clock.now();
        auto m = mentor();
        QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", true, "thanks"));
        const QList<ThreadEntry> thread = threadAs(*m);
        QCOMPARE(thread.size(), 4);
        QCOMPARE(thread.at(2).kind, ThreadEntry::Kind::Resubmitted);
        QVERIFY(thread.at(2).at >= sentBackAt);
        QVERIFY(thread.at(2).at < approvedAt);
        QCOMPARE(thread.at(3).kind, ThreadEntry::Kind::Approved);
    }

    // A move to a new version of the checklist ends the step's approval, not
    // its conversation: the reviews given on the old version stay in it, with
    // a line saying the move reset the approval, and the step says why it
    // waits for review again.
    void aMoveToANewVersionKeepsTheConversation()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "all green"));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", false, "attach the log"));
        }
        m_clock.advance(60);
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "log attached"));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", true, "thanks"));
        }
        m_clock.advance(60);
        {
            auto a = admin();
            QByteArray changed = checklistFixture(QStringLiteral("week-one.yaml"));
            changed.replace("Lunch with the team", "Coffee with the team");
            ParseResult parsed = parseChecklist(changed, "week-one.yaml");
            QVERIFY(parsed.ok());
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*a).import(*parsed.checklist, m_clock.now(), &outcome));
            QCOMPARE(outcome.version, 2);
            QVERIFY(!Enrollments(*a, m_clock).move("hal", 2));
        }
        m_clock.advance(60);

        std::vector<std::unique_ptr<Vault>> readers;
        readers.push_back(hire());
        readers.push_back(mentor());
        readers.push_back(admin());
        for (const auto& vault : readers) {
            const QList<ThreadEntry> thread = threadAs(*vault);
            QCOMPARE(thread.size(), 6);
            QCOMPARE(thread.at(1).kind, ThreadEntry::Kind::SentBack);
            QCOMPARE(thread.at(1).body, QStringLiteral("attach the log"));
            QCOMPARE(thread.at(2).kind, ThreadEntry::Kind::Resubmitted);
            QCOMPARE(thread.at(4).kind, ThreadEntry::Kind::Approved);
            QCOMPARE(thread.at(4).body, QStringLiteral("thanks"));
            QCOMPARE(thread.at(4).version, 1);
            for (const ThreadEntry& e : thread)
                QVERIFY(e.verified);
            const ThreadEntry& moved = thread.at(5);
            QCOMPARE(moved.kind, ThreadEntry::Kind::Moved);
            QCOMPARE(moved.authorDisplayName, QStringLiteral("Ada Admin"));
            QCOMPARE(moved.version, 1);
            QCOMPARE(moved.toVersion, 2);
            QVERIFY(moved.at >= thread.at(4).at);
            // A step nobody had approved gets no such line.
            QVERIFY(threadAs(*vault, QStringLiteral("handbook")).isEmpty());

            EnrollmentStatus status;
            QVERIFY(!Enrollments(*vault, m_clock).status("hal", &status));
            QCOMPARE(status.checklistVersion, 2);
            const StepView& step = status.steps.at(1);
            QCOMPARE(step.step.id, QStringLiteral("sandbox-tests"));
            QCOMPARE(step.status(), StepStatus::WaitingForReview);
            QCOMPARE(step.approvedOnVersion, 1);
        }

        // Approved again on the new version, it no longer waits for a re-review.
        {
            auto m = mentor();
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", true, "still fine"));
            EnrollmentStatus status;
            QVERIFY(!Enrollments(*m, m_clock).status("hal", &status));
            QCOMPARE(status.steps.at(1).status(), StepStatus::Approved);
            QCOMPARE(status.steps.at(1).approvedOnVersion, 0);
            QCOMPARE(threadAs(*m).size(), 7);
        }
    }

    void onlyTheHireAndTheirMentorWrite_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::newRow("admin") << "ada" << kAdminPassphrase;
        QTest::newRow("another hire") << "hana" << QByteArray("other hire passphrase");
    }

    void onlyTheHireAndTheirMentorWrite()
    {
        QFETCH(QString, who);
        QFETCH(QByteArray, passphrase);
        auto vault = as(who, passphrase);
        const Error e = StepThread(*vault, m_clock).add("hal", "sandbox-tests", "hello");
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QCOMPARE(noteRows(*vault), 0);
    }

    void badNotesAreRefusedNamingTheNote_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "sandbox-tests"
                               << "  \n "
                               << "the note is empty";
        QTest::newRow("too long") << "sandbox-tests" << QString(StepThread::kMaxNoteLength + 1, QLatin1Char('x'))
                                  << "a note holds at most 4000";
        QTest::newRow("control character") << "sandbox-tests" << QStringLiteral("a\x01z") << "control character";
        // Characters that reorder or hide text could make an address or a name read as another.
        QTest::newRow("right-to-left override")
            << "sandbox-tests" << QStringLiteral("see https://ci.example/\u202Egnp.exe") << "U+202E";
        QTest::newRow("zero-width space") << "sandbox-tests" << QStringLiteral("ma\u200Bya approved") << "U+200B";
        QTest::newRow("isolate") << "sandbox-tests" << QStringLiteral("a\u2066b\u2069") << "U+2066";
        QTest::newRow("unknown step") << "nope"
                                      << "hello"
                                      << "no step 'nope'";
    }

    void badNotesAreRefusedNamingTheNote()
    {
        QFETCH(QString, step);
        QFETCH(QString, body);
        QFETCH(QString, expected);
        auto h = hire();
        const Error e = StepThread(*h, m_clock).add("hal", step, body);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(expected), qPrintable(e.message));
        QCOMPARE(noteRows(*h), 0);
    }

    void aNoteTheHireWritesAsTheMentorDoesNotVerify()
    {
        auto h = hire();
        const qint64 mentorId = h->person(QStringLiteral("max"))->id;
        const qint64 enrollment = h->db().scalar(QStringLiteral("SELECT id FROM enrollments")).toLongLong();
        const QDateTime at = m_clock.now();
        const QString body = QStringLiteral("Skip this step, it is approved");
        // Signed with the hire's own key: the only key a hire holds.
        const QByteArray signature = h->sign(signatures::stepNote(enrollment, "hal", "sandbox-tests", "max", body, at));
        QVERIFY(!h->db().execute(QStringLiteral("INSERT INTO step_notes (enrollment_id, step_id, author_id, body, at, "
                                                "signature) VALUES (?1, 'sandbox-tests', ?2, ?3, ?4, ?5)"),
                                 {enrollment, mentorId, body, signatures::timeText(at), signature}));
        const QList<ThreadEntry> thread = threadAs(*h);
        QCOMPARE(thread.size(), 1);
        QVERIFY(thread.at(0).byMentor);
        QVERIFY(!thread.at(0).verified);
    }

    // After an admin resets the mentor's passphrase (a new key pair), the
    // approval they gave before still verifies, in every reader's thread,
    // under the key the log gave them when they signed it; their note from
    // before shows as signed with their earlier key (not as verified), and
    // a hire's note signed as the mentor with the hire's own key is still
    // nobody's.
    void aResetOfTheMentorKeepsTheirApprovalVerified()
    {
        {
            auto h = hire();
            QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "sandbox-tests", "all green"));
        }
        m_clock.advance(60);
        {
            auto m = mentor();
            QVERIFY(!StepThread(*m, m_clock).add("hal", "sandbox-tests", "looking now"));
            m_clock.advance(60);
            QVERIFY(!Enrollments(*m, m_clock).review("hal", "sandbox-tests", true, "thanks"));
        }
        {
            auto a = admin();
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("max"), "max's reset passphrase"));
        }
        std::vector<std::unique_ptr<Vault>> readers;
        readers.push_back(hire());
        readers.push_back(as(QStringLiteral("max"), "max's reset passphrase"));
        readers.push_back(admin());
        for (const auto& vault : readers) {
            QVERIFY(vault);
            const QList<ThreadEntry> thread = threadAs(*vault);
            QCOMPARE(thread.size(), 3);
            QCOMPARE(thread.at(1).body, QStringLiteral("looking now"));
            QVERIFY(!thread.at(1).verified);
            QVERIFY2(thread.at(1).earlierKey, qPrintable(vault->me().name));
            QCOMPARE(thread.at(2).kind, ThreadEntry::Kind::Approved);
            QVERIFY2(thread.at(2).verified, qPrintable(vault->me().name));
        }
        auto h = hire();
        const qint64 mentorId = h->person(QStringLiteral("max"))->id;
        const qint64 enrollment = h->db().scalar(QStringLiteral("SELECT id FROM enrollments")).toLongLong();
        const QString body = QStringLiteral("Skip the rest");
        const QByteArray signature =
            h->sign(signatures::stepNote(enrollment, "hal", "sandbox-tests", "max", body, m_clock.now()));
        QVERIFY(!h->db().execute(QStringLiteral("INSERT INTO step_notes (enrollment_id, step_id, author_id, body, at, "
                                                "signature) VALUES (?1, 'sandbox-tests', ?2, ?3, ?4, ?5)"),
                                 {enrollment, mentorId, body, signatures::timeText(m_clock.now()), signature}));
        const QList<ThreadEntry> thread = threadAs(*h);
        QCOMPARE(thread.size(), 4);
        QCOMPARE(thread.at(3).body, body);
        QVERIFY(!thread.at(3).verified && !thread.at(3).earlierKey);
    }

    void anEditedNoteNoLongerVerifies()
    {
        {
            auto m = mentor();
            QVERIFY(!StepThread(*m, m_clock).add("hal", "sandbox-tests", "take your time"));
        }
        auto h = hire();
        QVERIFY(!h->db().execute(QStringLiteral("UPDATE step_notes SET body = 'you may skip it'")));
        const QList<ThreadEntry> thread = threadAs(*h);
        QCOMPARE(thread.size(), 1);
        QVERIFY(!thread.at(0).verified);
    }
};

QTEST_GUILESS_MAIN(TestStepThread)
#include "TestStepThread.moc"
