// The onboarding commands through the real `onramp` binary: the whole path
// from import to sign-off, exit codes, and `status --json`.
#include "TestData.h"
#include "VaultTestUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace vaulttest;

class TestOnboardingCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        return runOnramp(args, passphrase);
    }
    RunResult admin(const QStringList& args) { return as(QStringLiteral("ada"), kAdminPassphrase, args); }
    RunResult mentor(const QStringList& args) { return as(QStringLiteral("max"), kMentorPassphrase, args); }
    RunResult hire(const QStringList& args) { return as(QStringLiteral("hal"), kHirePassphrase, args); }

private Q_SLOTS:
    void initTestCase()
    {
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(m_vault));
        const RunResult other = admin({"person", "add", "hana", "--role", "hire", "--new-passphrase-file",
                                       write("hana.pass", "hana's handed-over passphrase\n")});
        QVERIFY2(other.code == 0, qPrintable(other.err));
        // The passphrase was handed over: hana chooses her own first.
        const RunResult chose =
            as("hana", "hana's handed-over passphrase",
               {"passphrase", "change", "--new-passphrase-file", write("hana-own.pass", "other hire passphrase\n")});
        QVERIFY2(chose.code == 0, qPrintable(chose.err));
    }

    void brokenChecklistExitsFiveWithFileLineColumn()
    {
        const QString file = write("broken.yaml",
                                   "onramp: 1\nchecklist:\n  id: x\n  title: X\n  steps:\n"
                                   "    - id: a\n      titel: typo\n");
        const RunResult r = admin({"checklist", "import", file});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(file + QStringLiteral(":7:7: ")), qPrintable(r.err));
        QVERIFY(admin({"checklist", "list"}).out.contains(QStringLiteral("No checklists yet")));
    }

    void refusedImportsNameThePositionAndLeaveTheVaultAlone_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("position");
        QTest::newRow("NUL in a title")
            << "nul.yaml"
            << QByteArray("onramp: 1\nchecklist:\n  id: x\n  title: X\0\n  steps: [{id: a, title: A}]\n", 70)
            << ":4:11: ";
        QTest::newRow("invalid UTF-8 in Markdown") << "bad.md" << QByteArray("# X\n- [ ] caf\xe9\n") << ":2:10: ";
        QTest::newRow("overlong step id")
            << "long.yaml"
            << "onramp: 1\nchecklist: {id: x, title: X, steps: [{id: " + QByteArray(100000, 'a') + ", title: A}]}\n"
            << ":2:43: ";
        QTest::newRow("unknown placeholder")
            << "placeholder.yaml"
            << QByteArray("onramp: 1\nchecklist: {id: x, title: X, steps: [{id: a, title: A}]}\ncredentials:\n"
                          "  - {id: k, title: K, environment: sandbox, provider: static, fields: {user: '{{who}}'}}\n")
            << ":4:78: ";
    }
    void refusedImportsNameThePositionAndLeaveTheVaultAlone()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, position);
        const RunResult before = admin({"audit", "log"});
        QCOMPARE(before.code, 0);
        const QString file = write(name, bytes);
        const RunResult r = admin({"checklist", "import", file});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.startsWith(file + position), qPrintable(r.err));
        QCOMPARE(admin({"audit", "log"}).out, before.out);
        QVERIFY(admin({"checklist", "list"}).out.contains(QStringLiteral("No checklists yet")));
    }

    // The checklist file lives where others can write it: a version that
    // weakens the gate is refused, each weakening named, until the admin
    // says they meant it; the entry then says what it weakened.
    void aVersionThatWeakensTheGateIsRefusedUntilAccepted()
    {
        QByteArray first = checklistFixture(QStringLiteral("week-one.yaml"));
        first.replace("id: week-one", "id: gate-kept");
        RunResult r = admin({"checklist", "import", write("gate-kept.yaml", first)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QByteArray weaker = first;
        weaker.replace("      signoff: true\n", "");
        weaker.replace("production_hosts: [db.prod.internal]", "production_hosts: []");
        weaker.replace("      due: 1\n      required: true\n", "      due: 1\n");
        const QString file = write("gate-kept-2.yaml", weaker);
        r = admin({"checklist", "import", file});
        QCOMPARE(r.code, 5);
        for (const char* said :
             {"weakens the gate of checklist gate-kept version 1", "step “Read the handbook” is no longer required",
              "step “Run the tests in your sandbox” no longer needs a mentor's review",
              "production host db.prod.internal is no longer listed", "Nothing was imported", "--accept-weaker"})
            QVERIFY2(r.err.contains(QString::fromUtf8(said)), qPrintable(r.err));
        r = admin({"checklist", "export", "gate-kept", "--checklist-version", "2"});
        QCOMPARE(r.code, 5);

        r = admin({"checklist", "import", file, "--accept-weaker"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Imported checklist gate-kept as version 2")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("It weakens the gate: production host db.prod.internal is no longer "
                                               "listed.")),
                 qPrintable(r.out));
        r = admin({"audit", "log", "--json"});
        QVERIFY2(r.out.contains(QStringLiteral("no longer needs a mentor's review")), qPrintable(r.out.right(2000)));
        // A version that keeps or tightens the gate needs no option.
        QByteArray tighter = weaker;
        tighter.replace("production_hosts: []", "production_hosts: [db.prod.internal]");
        r = admin({"checklist", "import", write("gate-kept-3.yaml", tighter)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void wholeJourneyFromImportToSignoff()
    {
        const QString file = write("week.yaml", checklistFixture(QStringLiteral("week-one.yaml")));
        RunResult r = admin({"checklist", "import", file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("version 1")));
        r = admin({"enroll", "hal", "--checklist", "week-one", "--mentor", "max", "--start", "2026-11-20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Enrolled twice: the core says why, the command line adds the command that moves it.
        r = admin({"enroll", "hal", "--checklist", "week-one", "--mentor", "max", "--start", "2026-11-20"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'hal' is already enrolled")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("'onramp enrollment move hal'")), qPrintable(r.err));

        r = hire({"status", "hal", "--json"});
        QCOMPARE(r.code, 0);
        QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value("locked").toBool(), true);
        QCOMPARE(json.value("reasons").toArray().size(), 3);
        QCOMPARE(json.value("steps").toArray().size(), 3);
        for (const QJsonValue& step : json.value("steps").toArray()) {
            QVERIFY(step.toObject().contains("id"));
            QVERIFY(step.toObject().contains("done"));
            QVERIFY(step.toObject().contains("approved"));
        }

        QCOMPARE(hire({"status", "hana"}).code, 4);
        QCOMPARE(as("hana", "other hire passphrase", {"status", "hal"}).code, 4);
        QCOMPARE(mentor({"signoff", "hal"}).code, 4);
        QCOMPARE(hire({"step", "done", "hal", "handbook", "--note", "done and dusted"}).code, 0);
        QCOMPARE(hire({"step", "done", "hal", "sandbox-tests"}).code, 0);
        QCOMPARE(hire({"step", "approve", "hal", "sandbox-tests"}).code, 4);
        // Sent back, redone: the hire and the mentor read the same state.
        // The comment is others' text: a carriage return and ESC[2K in it would
        // erase the line on a terminal and write another; it is shown escaped.
        QCOMPARE(mentor({"step", "reject", "hal", "sandbox-tests", "--comment",
                         "attach the log\r\x1b[2K  [x] sandbox-tests"})
                     .code,
                 0);
        for (const RunResult& seen : {hire({"status", "hal"}), mentor({"status", "hal"})}) {
            QVERIFY2(seen.out.contains(QStringLiteral("[!] sandbox-tests"))
                         && seen.out.contains(QStringLiteral(
                             "changes asked by Max Mentor: attach the log\\x0d\\x1b[2K  [x] sandbox-tests")),
                     qPrintable(seen.out));
            QVERIFY(!seen.out.contains(QChar(0x1b)) && !seen.out.contains(QLatin1Char('\r')));
        }
        QCOMPARE(hire({"step", "done", "hal", "sandbox-tests", "--note", "log attached"}).code, 0);
        for (const RunResult& seen : {hire({"status", "hal"}), mentor({"status", "hal"})})
            QVERIFY2(seen.out.contains(QStringLiteral("[?] sandbox-tests"))
                         && seen.out.contains(QStringLiteral("redone, waiting for review again")),
                     qPrintable(seen.out));
        json = QJsonDocument::fromJson(mentor({"status", "hal", "--json"}).out.toUtf8()).object();
        QCOMPARE(json.value("steps").toArray().at(1).toObject().value("status").toString(),
                 QStringLiteral("resubmitted"));
        QCOMPARE(mentor({"step", "approve", "hal", "sandbox-tests", "--comment", "good"}).code, 0);
        json = QJsonDocument::fromJson(hire({"status", "hal", "--json"}).out.toUtf8()).object();
        QCOMPARE(json.value("steps").toArray().at(1).toObject().value("status").toString(), QStringLiteral("approved"));
        QCOMPARE(hire({"signoff", "hal"}).code, 4);
        r = mentor({"signoff", "hal"});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        r = hire({"status", "--json"});
        json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value("locked").toBool(), false);
        QCOMPARE(json.value("signed_off_by").toString(), QStringLiteral("max"));

        r = admin({"checklist", "export", "week-one", "--checklist-version", "1", "-o", m_dir.filePath("out.yaml")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", m_dir.filePath("out.yaml")});
        QVERIFY2(r.out.contains(QStringLiteral("unchanged")), qPrintable(r.out));
    }

    // After the journey: hal is signed off on week-one and enrolled on the wrong checklist.
    void enrollmentMovesToAnotherChecklist()
    {
        QByteArray other = checklistFixture(QStringLiteral("week-one.yaml"));
        other.replace("id: week-one", "id: week-two");
        other.replace("title: First week", "title: Second week");
        RunResult r = admin({"checklist", "import", write("week-two.yaml", other)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enrollment", "move", "--help"});
        QVERIFY2(r.out.contains(QStringLiteral("--checklist ID")), qPrintable(r.out));
        QCOMPARE(mentor({"enrollment", "move", "hal", "--checklist", "week-two"}).code, 4);
        r = admin({"enrollment", "move", "hal", "--checklist", "no-such-list"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("no-such-list")), qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(hire({"status", "--json"}).out.toUtf8()).object().value("locked").toBool(),
                 false);

        r = admin({"enrollment", "move", "hal", "--checklist", "week-two"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("hal is now on week-two version 1."));
        // The sign-off and the approval were week-one's: production is locked, the step waits for review again.
        const QJsonObject json = QJsonDocument::fromJson(hire({"status", "--json"}).out.toUtf8()).object();
        QCOMPARE(json.value("locked").toBool(), true);
        QCOMPARE(json.value("steps").toArray().at(0).toObject().value("status").toString(), QStringLiteral("done"));
        QCOMPARE(json.value("steps").toArray().at(1).toObject().value("status").toString(),
                 QStringLiteral("waiting-for-review"));
        r = admin({"vault", "check"});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        r = admin({"enrollment", "move", "hal", "--checklist", "week-two"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("already on week-two version 1")), qPrintable(r.err));
        // And back, as an admin would undo a mistake: nothing signed comes back with it.
        r = admin({"enrollment", "move", "hal", "--checklist", "week-one"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(hire({"status", "--json"}).out.toUtf8()).object().value("locked").toBool(),
                 true);
    }

    // hal, moved back to week-one, gets another mentor and start date; only
    // an admin may, and only the new mentor decides from then on.
    void enrollmentGetsAnotherMentorAndStartDate()
    {
        RunResult r = admin({"person", "add", "mo", "--role", "mentor", "--new-passphrase-file",
                             write("mo.pass", "mo's handed-over passphrase\n")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enrollment", "edit", "--help"});
        QVERIFY2(r.out.contains(QStringLiteral("--mentor NAME"))
                     && r.out.contains(QStringLiteral("--start YYYY-MM-DD")),
                 qPrintable(r.out));
        QCOMPARE(admin({"enrollment", "edit", "hal"}).code, 2);
        r = admin({"enrollment", "edit", "hal", "--start", "2026-02-30"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("2026-02-30")), qPrintable(r.err));
        r = admin({"enrollment", "edit", "hal", "--mentor", "hana"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'hana' cannot mentor")), qPrintable(r.err));
        QCOMPARE(mentor({"enrollment", "edit", "hal", "--mentor", "mo"}).code, 4);
        QCOMPARE(hire({"enrollment", "edit", "hal", "--mentor", "mo"}).code, 4);

        r = admin({"enrollment", "edit", "hal", "--mentor", "mo", "--start", "2026-12-01"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("hal now has the mentor mo and starts on 2026-12-01."));
        const QJsonObject json = QJsonDocument::fromJson(hire({"status", "--json"}).out.toUtf8()).object();
        QCOMPARE(json.value("mentor").toString(), QStringLiteral("mo"));
        QCOMPARE(json.value("start").toString(), QStringLiteral("2026-12-01"));
        QCOMPARE(mentor({"signoff", "hal"}).code, 4); // max decides nothing for hal any more
        r = admin({"enrollment", "edit", "hal", "--mentor", "mo", "--start", "2026-12-01"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("nothing to change")), qPrintable(r.err));
        r = admin({"vault", "check"});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    }

    void unknownChecklistOrStepIsInvalidInput()
    {
        QCOMPARE(admin({"checklist", "export", "no-such-list"}).code, 5);
        QCOMPARE(admin({"checklist", "export", "week-one", "--checklist-version", "9"}).code, 5);
        QCOMPARE(admin({"checklist", "export", "week-one", "--checklist-version", "x"}).code, 2);
        QCOMPARE(admin({"enroll", "hana", "--checklist", "week-one", "--mentor", "max", "--start", "2026-13-40"}).code,
                 5);
        QCOMPARE(hire({"step", "done", "hal", "no-such-step"}).code, 5);
    }

    // A move to a version that lowers the gate of the hire's own is refused,
    // each weakening named in words (a grant's length too), until the admin
    // says they mean it; the move's entry says it was accepted as weaker.
    // Back to the stronger version, nothing is asked. On a vault of its own.
    void aMoveToAWeakerVersionIsRefusedUntilAccepted()
    {
        const QString shared = m_vault;
        m_vault = m_dir.filePath(QStringLiteral("move-vault"));
        QVERIFY(makeVault(m_vault));
        const QByteArray strict = "onramp: 1\nproduction_hosts: [db.prod.internal]\nchecklist:\n  id: gate-move\n"
                                  "  title: Gate kept\n  steps:\n"
                                  "    - {id: tests, title: Run the tests, required: true, signoff: true}\n"
                                  "credentials:\n"
                                  "  - {id: prod-db, title: Production database, environment: production,\n"
                                  "     provider: static, ttl: 8h, fields: {host: db.prod.internal}}\n";
        QByteArray weaker = strict;
        weaker.replace("required: true, signoff: true", "required: false");
        weaker.replace("ttl: 8h", "ttl: 1d");
        RunResult r = admin({"checklist", "import", write("gate-move.yaml", strict)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enroll", "hal", "--checklist", "gate-move", "--mentor", "max", "--start", "2026-11-20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"checklist", "import", write("gate-move-2.yaml", weaker), "--accept-weaker"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enrollment", "move", "--help"});
        QVERIFY2(r.out.contains(QStringLiteral("--accept-weaker")), qPrintable(r.out));

        const RunResult before = admin({"audit", "log"});
        r = admin({"enrollment", "move", "hal"});
        QCOMPARE(r.code, 5);
        for (const char* said : {"gate-move version 2 weakens the gate of gate-move version 1, which hal is on:",
                                 "  - step “Run the tests” is no longer required before production access",
                                 "  - step “Run the tests” no longer needs a mentor's review",
                                 "  - production credential “Production database” is granted for 1 day",
                                 "instead of 8 hour", "Nothing was moved", "--accept-weaker"})
            QVERIFY2(r.err.contains(QString::fromUtf8(said)), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("1d")) && !r.err.contains(QStringLiteral("8h")), qPrintable(r.err));
        QCOMPARE(admin({"audit", "log"}).out, before.out);
        QCOMPARE(QJsonDocument::fromJson(hire({"status", "--json"}).out.toUtf8()).object().value("version").toInt(), 1);

        r = admin({"enrollment", "move", "hal", "--accept-weaker"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("hal is now on gate-move version 2.")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("It weakens the gate: step “Run the tests” no longer needs a "
                                               "mentor's review.")),
                 qPrintable(r.out));
        r = admin({"audit", "log", "--json"});
        QJsonObject move;
        for (const QJsonValue& entry : QJsonDocument::fromJson(r.out.toUtf8()).array())
            if (entry.toObject().value("action").toString() == QLatin1String("enrollment.move"))
                move = entry.toObject().value("details").toObject();
        QCOMPARE(move.value("accepted_weaker").toBool(), true);
        QCOMPARE(move.value("weakens").toArray().size(), 3);

        // Back to the stronger version: nothing weaker, nothing asked.
        r = admin({"enrollment", "move", "hal", "--checklist-version", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("hal is now on gate-move version 1."));
        m_vault = shared;
    }
};

QTEST_GUILESS_MAIN(TestOnboardingCommands)
#include "TestOnboardingCommands.moc"
