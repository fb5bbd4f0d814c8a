// The admin's checklist editor over a real vault: edits in memory, saved as a
// new version through the session's worker, refused with the step named.
#include "VaultTestUtil.h"

#include "ChecklistEditorModel.h"
#include "ChecklistListModel.h"
#include "ChecklistVersionModel.h"
#include "Session.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace onramp;
using namespace onramp::ui;
using namespace vaulttest;

namespace {

QByteArray checklistYaml(const QString& id, const QString& handbookTitle = QStringLiteral("Read the handbook"))
{
    return QStringLiteral(R"(onramp: 1
checklist:
  id: %1
  title: First week
  steps:
    - id: handbook
      section: Day one
      title: %2
      due: 1
      required: true
    - id: sandbox-tests
      section: Day one
      title: Run the tests in your sandbox
      body: |
        Clone the repo and run `make test`.
      required: true
      signoff: true
    - id: lunch
      title: Lunch with the team
)")
        .arg(id, handbookTitle)
        .toUtf8();
}

Error importYaml(const QByteArray& yaml, ImportOutcome* outcome)
{
    const ParseResult parsed = parseChecklist(yaml, QStringLiteral("test.yaml"));
    if (!parsed.ok())
        return Error(ErrorKind::InvalidInput, parsed.errors.join(QLatin1Char('\n')));
    return Session::instance()->performNow(
        [&](Vault& v) { return ChecklistStore(v).import(*parsed.checklist, defaultClock().now(), outcome); });
}

QList<StoredChecklist> storedVersions(const QString& id)
{
    QList<StoredChecklist> list;
    const Error e = Session::instance()->performNow([&](Vault& v) { return ChecklistStore(v).versions(id, &list); });
    if (e)
        qWarning() << e.message;
    return list;
}

QStringList stepIds(const QList<Step>& steps)
{
    QStringList ids;
    for (const Step& s : steps)
        ids.append(s.id);
    return ids;
}

} // namespace

class TestChecklistEditorModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A checklist of its own for each test, so that the tests do not depend on each other.
    void importFresh(const QString& id)
    {
        ImportOutcome outcome;
        const Error e = importYaml(checklistYaml(id), &outcome);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(outcome.version, 1);
    }

    // Loads \a id into \a editor and waits for the worker.
    void open(ChecklistEditorModel& editor, const QString& id)
    {
        editor.setChecklistId(id);
        QTRY_VERIFY(!editor.isLoading());
        QVERIFY2(editor.isReady(), qPrintable(editor.errorText()));
    }

    // Saves and waits for done(); returns its message.
    QString saveAndWait(ChecklistEditorModel& editor)
    {
        QSignalSpy done(&editor, &ChecklistEditorModel::done);
        QSignalSpy failed(&editor, &ChecklistEditorModel::error);
        QSignalSpy weaker(&editor, &ChecklistEditorModel::weakerSave);
        editor.save();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty() || !weaker.isEmpty(); }, 10000))
            return QStringLiteral("timeout");
        // Edits that lower the gate (a step no longer required, a host or a
        // production credential added) are saved once the admin says so.
        if (done.isEmpty() && failed.isEmpty()) {
            editor.save(true);
            if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 10000))
                return QStringLiteral("timeout");
        }
        return done.isEmpty() ? QStringLiteral("error: ") + failed.first().first().toString()
                              : done.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(makeVault(m_dir.path()));
        Session::instance()->setVaultPath(m_dir.path());
        const Error e = Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY2(!e, qPrintable(e.message));
    }

    // A new version leaves the hires enrolled on an earlier one where they
    // are: whoever saved it is told how many stay, and where to move them.
    void aNewVersionSaysWhoStaysOnTheEarlierOne()
    {
        importFresh(QStringLiteral("stay"));
        const Error added = Session::instance()->performNow([](Vault& v) {
            if (Error e = People(v).add(QStringLiteral("mo"), QStringLiteral("Mo Mentor"), Role::Mentor,
                                        "mo's own passphrase"))
                return e;
            if (Error e = People(v).add(QStringLiteral("hana"), QStringLiteral("Hana Hire"), Role::Hire,
                                        "hana's own passphrase"))
                return e;
            return Enrollments(v).enroll(QStringLiteral("hana"), QStringLiteral("stay"), QStringLiteral("mo"),
                                         QDate::currentDate());
        });
        QVERIFY2(!added, qPrintable(added.message));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("stay"));
        QVERIFY(editor.setValue(0, QStringLiteral("title"), QStringLiteral("Read the handbook again")));
        const QString saved = saveAndWait(editor);
        static const QRegularExpression stays(QStringLiteral(
            "^Saved “First week” \\(stay\\) as version 2\\. 1 hire(\\(s\\))? stays? on an earlier version until "
            "you move them \\(Admin › Enrollments\\)\\.$"));
        QVERIFY2(stays.match(saved).hasMatch(), qPrintable(saved));
        // Nobody is on an earlier version of a checklist nobody is enrolled on: nothing more is said.
        importFresh(QStringLiteral("nobody"));
        ChecklistEditorModel other;
        open(other, QStringLiteral("nobody"));
        QVERIFY(other.setValue(0, QStringLiteral("title"), QStringLiteral("Read the handbook again")));
        QCOMPARE(saveAndWait(other), QStringLiteral("Saved “First week” (nobody) as version 2."));
    }

    void loadsTheLatestVersionAndItsHistory()
    {
        importFresh(QStringLiteral("history"));
        ImportOutcome outcome;
        QVERIFY(
            !importYaml(checklistYaml(QStringLiteral("history"), QStringLiteral("Read the new handbook")), &outcome));
        QCOMPARE(outcome.version, 2);

        ChecklistEditorModel editor;
        QAbstractItemModelTester tester(&editor, QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(editor, QStringLiteral("history"));
        QCOMPARE(editor.version(), 2);
        QCOMPARE(editor.title(), QStringLiteral("First week"));
        QCOMPARE(editor.count(), 3);
        QCOMPARE(editor.get(0).value(QStringLiteral("title")).toString(), QStringLiteral("Read the new handbook"));
        QCOMPARE(editor.get(0).value(QStringLiteral("due")).toInt(), 1);
        QCOMPARE(editor.get(2).value(QStringLiteral("due")).toInt(), -1);
        QCOMPARE(editor.get(1).value(QStringLiteral("signoff")).toBool(), true);
        QCOMPARE(editor.versions()->count(), 2);
        // Newest first, each with what it changed against the one before.
        const QVariantMap latest = editor.versions()->get(0);
        QCOMPARE(latest.value(QStringLiteral("version")).toInt(), 2);
        QVERIFY(latest.value(QStringLiteral("latest")).toBool());
        QCOMPARE(latest.value(QStringLiteral("changes")).toStringList(),
                 QStringList{QStringLiteral("Rewords “Read the handbook” (now “Read the new handbook”).")});
        const QVariantMap first = editor.versions()->get(1);
        QCOMPARE(first.value(QStringLiteral("version")).toInt(), 1);
        QVERIFY(!first.value(QStringLiteral("latest")).toBool());
        QCOMPARE(first.value(QStringLiteral("changes")).toStringList(),
                 QStringList{QStringLiteral("The first version.")});
        QCOMPARE(first.value(QStringLiteral("importedBy")).toString(), QStringLiteral("ada"));
        QVERIFY(first.value(QStringLiteral("importedAt")).toDateTime().isValid());
        QVERIFY(!editor.isDirty());
    }

    void theDueDayCannotBeReadAsTheFirstDay_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("text");
        QTest::newRow("none") << -1 << "none";
        QTest::newRow("start day") << 0 << "on the start day";
        QTest::newRow("a day after") << 1 << "1 day(s) after start"; // the English plural comes with the .qm
        QTest::newRow("a week after") << 7 << "7 day(s) after start";
    }

    void theDueDayCannotBeReadAsTheFirstDay()
    {
        QFETCH(int, days);
        QFETCH(QString, text);
        QCOMPARE(ChecklistEditorModel::dueText(days), text);
        QVERIFY(!ChecklistEditorModel::dueText(days).contains(QStringLiteral("day %1").arg(days)));
        // What it shows reads back as the same value, and so does a number typed over it.
        QCOMPARE(ChecklistEditorModel::dueFromText(text), days);
        if (days >= 0)
            QCOMPARE(ChecklistEditorModel::dueFromText(QString::number(days)), days);
        QCOMPARE(ChecklistEditorModel::dueFromText(QString()), -1);
    }

    void unknownChecklistSaysSo()
    {
        ChecklistEditorModel editor;
        QSignalSpy failed(&editor, &ChecklistEditorModel::error);
        editor.setChecklistId(QStringLiteral("no-such-list"));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("no-such-list")));
        QVERIFY(!editor.isReady());
        QCOMPARE(editor.count(), 0);
    }

    void editsAreSavedAsANewVersionWithExactlyThoseSteps()
    {
        importFresh(QStringLiteral("edited"));
        ChecklistEditorModel editor;
        QAbstractItemModelTester tester(&editor, QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(editor, QStringLiteral("edited"));

        const int added = editor.addStep(2);
        QCOMPARE(added, 2);
        QVERIFY(editor.setValue(added, QStringLiteral("title"), QStringLiteral("Meet your mentor")));
        QVERIFY(editor.setValue(added, QStringLiteral("due"), 3));
        QVERIFY(editor.setValue(added, QStringLiteral("signoff"), true));
        QVERIFY(editor.setValue(added, QStringLiteral("body"), QStringLiteral("Book half an hour.")));
        QVERIFY(editor.removeStep(3)); // lunch
        QVERIFY(editor.moveUp(2)); // the new step goes above the sandbox tests
        QVERIFY(editor.move(0, 2)); // and the handbook to the end
        QVERIFY(editor.setValue(2, QStringLiteral("required"), false));
        QVERIFY(editor.isDirty());
        QVERIFY2(editor.problems().isEmpty(), qPrintable(editor.problems().join(QLatin1Char('\n'))));
        // What discarding would lose, a sentence a change.
        const QStringList changes = editor.unsavedChanges();
        QVERIFY2(changes.contains(QStringLiteral("Added “Meet your mentor”")), qPrintable(changes.join(u'|')));
        QVERIFY2(changes.contains(QStringLiteral("Changed “Read the handbook”")), qPrintable(changes.join(u'|')));
        QVERIFY2(changes.size() <= 6, qPrintable(changes.join(u'|')));
        QVERIFY2(changes.contains(QStringLiteral("Moved steps to another place in the list")),
                 qPrintable(changes.join(u'|')));
        QVERIFY2(std::any_of(changes.cbegin(), changes.cend(),
                             [](const QString& c) { return c.startsWith(QStringLiteral("Removed “")); }),
                 qPrintable(changes.join(u'|')));
        QVERIFY(!changes.contains(QStringLiteral("Changed the production hosts")));

        QCOMPARE(saveAndWait(editor),
                 QStringLiteral("Saved “First week” (edited) as version 2. It weakens the gate: step “Read the "
                                "handbook” is no longer required before production access."));
        QCOMPARE(editor.version(), 2);
        QVERIFY(!editor.isDirty());
        QCOMPARE(editor.versions()->count(), 2);

        const QList<StoredChecklist> stored = storedVersions(QStringLiteral("edited"));
        QCOMPARE(stored.size(), 2);
        const QList<Step>& steps = stored.last().checklist.steps;
        QCOMPARE(stepIds(steps), (QStringList{"meet-your-mentor", "sandbox-tests", "handbook"}));
        QCOMPARE(steps.at(0).title, QStringLiteral("Meet your mentor"));
        QCOMPARE(steps.at(0).section, QStringLiteral("Day one")); // taken from the step above when added
        QCOMPARE(steps.at(0).dueDays, std::optional<int>(3));
        QCOMPARE(steps.at(0).signoff, true);
        QCOMPARE(steps.at(0).required, true); // the mentor reviews it: it gates production
        QCOMPARE(steps.at(0).body, QStringLiteral("Book half an hour."));
        QCOMPARE(steps.at(2).required, false);
        QCOMPARE(steps.at(2).dueDays, std::optional<int>(1));
        // The old version is untouched for the enrollments on it.
        QCOMPARE(stepIds(stored.first().checklist.steps), (QStringList{"handbook", "sandbox-tests", "lunch"}));
        // The log says the version was saved in the editor, not imported from a file.
        QStringList actions;
        const Error e =
            Session::instance()->performNow([&](Vault& v) { return AuditLog::visibleActions(v, &actions); });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY2(actions.contains(QStringLiteral("checklist.save")), qPrintable(actions.join(u' ')));
        QCOMPARE(editor.rowOf(QStringLiteral("handbook")), 2);
        QCOMPARE(editor.rowOf(QStringLiteral("lunch")), -1);
        QCOMPARE(editor.rowOf(QString()), -1);
    }

    // A step the mentor reviews gates production access: the editor makes it
    // required when the review is ticked, and refuses to make it optional.
    void aReviewedStepStaysRequired()
    {
        importFresh(QStringLiteral("reviewed"));
        ChecklistEditorModel editor;
        QAbstractItemModelTester tester(&editor, QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(editor, QStringLiteral("reviewed"));
        const int lunch = editor.rowOf(QStringLiteral("lunch"));
        QCOMPARE(editor.get(lunch).value(QStringLiteral("required")).toBool(), false);
        QSignalSpy changed(&editor, &QAbstractItemModel::dataChanged);
        QVERIFY(editor.setValue(lunch, QStringLiteral("signoff"), true));
        QCOMPARE(editor.get(lunch).value(QStringLiteral("required")).toBool(), true);
        QVERIFY(!changed.isEmpty());
        QVERIFY(!editor.setValue(lunch, QStringLiteral("required"), false));
        QCOMPARE(editor.get(lunch).value(QStringLiteral("required")).toBool(), true);
        QCOMPARE(saveAndWait(editor), QStringLiteral("Saved “First week” (reviewed) as version 2."));
        const Step* saved = storedVersions(QStringLiteral("reviewed")).last().checklist.step(QStringLiteral("lunch"));
        QVERIFY(saved && saved->signoff && saved->required);
        // Without the review, it may be optional again.
        QVERIFY(editor.setValue(lunch, QStringLiteral("signoff"), false));
        QVERIFY(editor.setValue(lunch, QStringLiteral("required"), false));
        QCOMPARE(editor.get(lunch).value(QStringLiteral("required")).toBool(), false);
    }

    void savingWithoutChangesMakesNoVersion()
    {
        importFresh(QStringLiteral("unchanged"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("unchanged"));
        QVERIFY(editor.setValue(0, QStringLiteral("title"), QStringLiteral("Something else")));
        QVERIFY(editor.isDirty());
        QVERIFY(editor.setValue(0, QStringLiteral("title"), QStringLiteral("Read the handbook")));
        QVERIFY(!editor.isDirty());
        QCOMPARE(saveAndWait(editor), QStringLiteral("No changes: “First week” (unchanged) stays at version 1."));
        QCOMPARE(storedVersions(QStringLiteral("unchanged")).size(), 1);
    }

    void invalidEditsAreRefusedNamingTheStep_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected");

        QTest::newRow("duplicate id") << 2 << "stepId" << QVariant("handbook")
                                      << "Step 3 ('handbook'): step 1 has the same id";
        QTest::newRow("empty title") << 1 << "title" << QVariant("  ") << "Step 2 ('sandbox-tests') has no title";
        QTest::newRow("id not a slug") << 0 << "stepId" << QVariant("Read It") << "Step 1 ('Read It'): the id must be";
        QTest::newRow("empty id") << 0 << "stepId" << QVariant("") << "Step 1 has no id";
    }

    void invalidEditsAreRefusedNamingTheStep()
    {
        QFETCH(int, row);
        QFETCH(QString, field);
        QFETCH(QVariant, value);
        QFETCH(QString, expected);

        const QString id = QStringLiteral("invalid-%1")
                               .arg(QString::fromLatin1(QTest::currentDataTag()))
                               .replace(QLatin1Char(' '), QLatin1Char('-'));
        importFresh(id);
        ChecklistEditorModel editor;
        open(editor, id);
        QVERIFY(editor.setValue(row, field, value));
        QVERIFY(editor.get(row).value(QStringLiteral("problem")).toString().startsWith(expected));

        QSignalSpy failed(&editor, &ChecklistEditorModel::error);
        editor.save();
        QCOMPARE(failed.size(), 1); // refused at once, before the worker
        QVERIFY2(failed.first().first().toString().contains(expected), qPrintable(failed.first().first().toString()));
        QCOMPARE(editor.errorText(), failed.first().first().toString());
        QVERIFY(!editor.isLoading());
        QCOMPARE(storedVersions(id).size(), 1);
        QVERIFY(editor.isDirty()); // the edits stay for the admin to fix
    }

    // A section whose steps another section splits is refused, naming both
    // steps and what lies between: the hire would read its heading twice.
    // Moving the step next to its section's others mends it.
    void aSplitSectionIsRefusedUntilItsStepsMeet()
    {
        importFresh(QStringLiteral("split"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("split"));
        QVERIFY(editor.setValue(1, QStringLiteral("section"), QStringLiteral("Week two")));
        QVERIFY(editor.setValue(2, QStringLiteral("section"), QStringLiteral("Day one")));
        QCOMPARE(editor.get(2).value(QStringLiteral("problem")).toString(),
                 QStringLiteral("Step 3 ('lunch'): its section “Day one” is also that of step 1, with “Week two” "
                                "between them. Keep a section's steps together (Move up, Move down)."));
        QVERIFY(editor.get(0)
                    .value(QStringLiteral("problem"))
                    .toString()
                    .startsWith(QStringLiteral(
                        "Step 1 ('handbook'): its section “Day one” is also that of step 3, with “Week two”")));
        // The step in between is the one that splits it, and says so.
        QCOMPARE(editor.get(1).value(QStringLiteral("problem")).toString(),
                 QStringLiteral("Step 2 ('sandbox-tests') sits between steps 1 and 3 of the section “Day one”, which "
                                "it splits in two. Move it above or below them (Move up, Move down), or give it the "
                                "section “Day one”."));
        QSignalSpy failed(&editor, &ChecklistEditorModel::error);
        editor.save();
        QCOMPARE(failed.size(), 1);
        QVERIFY(editor.errorText().startsWith(QStringLiteral("The checklist was not saved:")));
        QCOMPARE(storedVersions(QStringLiteral("split")).size(), 1);

        // Mended: no problem left, and the refusal's message goes with them.
        QVERIFY(editor.moveUp(2));
        for (int row = 0; row < editor.count(); ++row)
            QCOMPARE(editor.get(row).value(QStringLiteral("problem")).toString(), QString());
        QCOMPARE(editor.errorText(), QString());
        QCOMPARE(saveAndWait(editor), QStringLiteral("Saved “First week” (split) as version 2."));
    }

    void aChecklistWithoutStepsIsRefused()
    {
        importFresh(QStringLiteral("emptied"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("emptied"));
        while (editor.count() > 0)
            QVERIFY(editor.removeStep(0));
        QCOMPARE(saveAndWait(editor),
                 QStringLiteral("error: The checklist was not saved:\nThe checklist has no steps; add at least one."));
        QCOMPARE(storedVersions(QStringLiteral("emptied")).size(), 1);
    }

    void aNewStepsIdFollowsItsTitleUntilSetByHand()
    {
        importFresh(QStringLiteral("ids"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("ids"));
        const int row = editor.addStep(0);
        QCOMPARE(editor.get(row).value(QStringLiteral("stepId")).toString(), QStringLiteral("new-step"));
        QCOMPARE(editor.get(row).value(QStringLiteral("isNew")).toBool(), true);
        QVERIFY(editor.setValue(row, QStringLiteral("title"), QStringLiteral("Read the handbook")));
        // "read-the-handbook" is free; the existing step is "handbook".
        QCOMPARE(editor.get(row).value(QStringLiteral("stepId")).toString(), QStringLiteral("read-the-handbook"));
        QVERIFY(editor.setValue(row, QStringLiteral("title"), QStringLiteral("Handbook")));
        QCOMPARE(editor.get(row).value(QStringLiteral("stepId")).toString(), QStringLiteral("handbook-2"));
        QVERIFY(editor.setValue(row, QStringLiteral("stepId"), QStringLiteral("policies")));
        QVERIFY(editor.setValue(row, QStringLiteral("title"), QStringLiteral("Read the policies")));
        QCOMPARE(editor.get(row).value(QStringLiteral("stepId")).toString(), QStringLiteral("policies"));
        QCOMPARE(editor.get(1).value(QStringLiteral("isNew")).toBool(), false);
    }

    void undoRemoveRestoresTheStepInPlace()
    {
        importFresh(QStringLiteral("undo"));
        ChecklistEditorModel editor;
        QAbstractItemModelTester tester(&editor, QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(editor, QStringLiteral("undo"));
        QVERIFY(editor.removeStep(1));
        QCOMPARE(editor.removedTitle(), QStringLiteral("Run the tests in your sandbox"));
        QVERIFY(editor.isDirty());
        QCOMPARE(editor.unsavedChanges(), QStringList{QStringLiteral("Removed “Run the tests in your sandbox”")});
        QVERIFY(editor.undoRemove());
        QCOMPARE(editor.get(1).value(QStringLiteral("stepId")).toString(), QStringLiteral("sandbox-tests"));
        QVERIFY(editor.removedTitle().isEmpty());
        QVERIFY(!editor.isDirty());
        QVERIFY(editor.unsavedChanges().isEmpty());
        QVERIFY(!editor.undoRemove());
        QVERIFY(!editor.move(0, 3));
        QVERIFY(!editor.moveUp(0));
        QVERIFY(!editor.removeStep(-1));
        // Many changes: the first five, and how many more, so that the question fits a window.
        QVERIFY(editor.setValue(0, QStringLiteral("title"), QStringLiteral("Renamed")));
        for (int i = 0; i < 7; ++i)
            QVERIFY(editor.addStep() >= 0);
        const QStringList many = editor.unsavedChanges();
        QCOMPARE(many.size(), 6);
        QVERIFY2(many.constFirst().startsWith(QStringLiteral("Changed “")), qPrintable(many.join(u'|')));
        QVERIFY2(many.constLast().startsWith(QStringLiteral("and 3 more change")), qPrintable(many.constLast()));
    }

    void exportWritesAFileThatReimportsEqual()
    {
        importFresh(QStringLiteral("exported"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("exported"));
        QVERIFY(editor.setValue(1, QStringLiteral("body"), QStringLiteral("Line one\n\n- a list: with a colon\n")));
        QCOMPARE(saveAndWait(editor), QStringLiteral("Saved “First week” (exported) as version 2."));

        const QString path = m_dir.filePath(QStringLiteral("exported.yaml"));
        QSignalSpy done(&editor, &ChecklistEditorModel::done);
        QVERIFY(editor.exportTo(QUrl::fromLocalFile(path)));
        QCOMPARE(done.size(), 1);

        const ParseResult reread = parseChecklistFile(path);
        QVERIFY2(reread.ok(), qPrintable(reread.errors.join(QLatin1Char('\n'))));
        const QList<StoredChecklist> stored = storedVersions(QStringLiteral("exported"));
        QCOMPARE(*reread.checklist, stored.last().checklist);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ImportOutcome outcome;
        QVERIFY(!importYaml(file.readAll(), &outcome));
        QVERIFY(outcome.unchanged);
        QCOMPARE(outcome.version, 2);
    }

    void exportToAMissingFolderFailsWithTheReason()
    {
        importFresh(QStringLiteral("export-fails"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("export-fails"));
        QSignalSpy failed(&editor, &ChecklistEditorModel::error);
        QVERIFY(!editor.exportTo(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("missing/folder/x.yaml")))));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("missing/folder/x.yaml")));
    }

    void aNewChecklistIsSavedAsVersionOne()
    {
        ChecklistEditorModel editor;
        QVERIFY(!editor.startNew(QStringLiteral("Not A Slug"), QStringLiteral("x")));
        QVERIFY(editor.startNew(QStringLiteral("from-scratch"), QStringLiteral("From scratch")));
        QVERIFY(editor.isReady());
        QVERIFY(editor.isDirty());
        QVERIFY(!editor.exportTo(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("unsaved.yaml")))));
        const int row = editor.addStep();
        QVERIFY(editor.setValue(row, QStringLiteral("title"), QStringLiteral("Say hello")));
        QCOMPARE(saveAndWait(editor), QStringLiteral("Saved “From scratch” (from-scratch) as version 1."));
        const QList<StoredChecklist> stored = storedVersions(QStringLiteral("from-scratch"));
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().checklist.title, QStringLiteral("From scratch"));
        QCOMPARE(stepIds(stored.first().checklist.steps), QStringList{"say-hello"});
    }

    void aNewChecklistMayNotReplaceAnExistingOne()
    {
        importFresh(QStringLiteral("taken"));
        ChecklistEditorModel editor;
        QVERIFY(editor.startNew(QStringLiteral("taken"), QStringLiteral("Another")));
        editor.addStep();
        QVERIFY(saveAndWait(editor).startsWith(QStringLiteral("error: A checklist 'taken' exists already")));
        QCOMPARE(storedVersions(QStringLiteral("taken")).size(), 1);
    }

    void productionHostsAreAddedAndRemovedAsANewVersion()
    {
        const QByteArray yaml = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: hosts
  title: First week
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: generated
    fields: {host: "{{hire}}@db.sandbox.internal:5432"}
    secret: {name: password, length: 24}
)";
        ImportOutcome outcome;
        const Error e = importYaml(yaml, &outcome);
        QVERIFY2(!e, qPrintable(e.message));
        ChecklistEditorModel editor;
        QSignalSpy hostsChanged(&editor, &ChecklistEditorModel::productionHostsChanged);
        open(editor, QStringLiteral("hosts"));
        QCOMPARE(editor.productionHosts(), QStringList{QStringLiteral("db.prod.internal")});
        QVERIFY(!editor.isDirty());

        QCOMPARE(editor.addProductionHost(QStringLiteral("  *.PROD.example.com ")), QString());
        QCOMPARE(editor.productionHosts(), (QStringList{"db.prod.internal", "*.prod.example.com"}));
        QVERIFY(editor.isDirty());
        QVERIFY(hostsChanged.size() >= 2);

        QCOMPARE(saveAndWait(editor), QStringLiteral("Saved “First week” (hosts) as version 2."));
        QList<StoredChecklist> stored = storedVersions(QStringLiteral("hosts"));
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.last().checklist.productionHosts, (QStringList{"db.prod.internal", "*.prod.example.com"}));
        QCOMPARE(stored.last().checklist.credentials, stored.first().checklist.credentials);
        QCOMPARE(stored.first().checklist.productionHosts, QStringList{QStringLiteral("db.prod.internal")});

        QVERIFY(!editor.removeProductionHost(2));
        QVERIFY(!editor.removeProductionHost(-1));
        QVERIFY(editor.removeProductionHost(0));
        QVERIFY(editor.isDirty());
        QCOMPARE(saveAndWait(editor),
                 QStringLiteral("Saved “First week” (hosts) as version 3. It weakens the gate: production host "
                                "db.prod.internal is no longer listed."));
        stored = storedVersions(QStringLiteral("hosts"));
        QCOMPARE(stored.last().checklist.productionHosts, QStringList{QStringLiteral("*.prod.example.com")});
    }

    void badProductionHostsAreRefusedNamingThem_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QStringLiteral("   ") << QStringLiteral("Type a host name");
        QTest::newRow("url") << QStringLiteral("https://db.prod.internal/x")
                             << QStringLiteral("'https://db.prod.internal/x' is not a host name");
        QTest::newRow("space") << QStringLiteral("db prod") << QStringLiteral("'db prod' is not a host name");
        QTest::newRow("double dot") << QStringLiteral("db..prod") << QStringLiteral("'db..prod' is not a host name");
        QTest::newRow("duplicate") << QStringLiteral("DB.PROD.INTERNAL")
                                   << QStringLiteral("'db.prod.internal' is listed already");
        QTest::newRow("duplicate with a dot")
            << QStringLiteral("db.prod.internal.") << QStringLiteral("'db.prod.internal' is listed already");
        QTest::newRow("names a sandbox host")
            << QStringLiteral("*.sandbox.internal")
            << QStringLiteral("'*.sandbox.internal' would mark 'db.sandbox.internal' as production, but sandbox "
                              "credential 'sandbox-db' uses it in field 'host'");
    }

    void badProductionHostsAreRefusedNamingThem()
    {
        QFETCH(QString, host);
        QFETCH(QString, expected);
        static bool imported = false;
        if (!imported) {
            ImportOutcome outcome;
            QByteArray yaml = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: bad-hosts
  title: First week
  steps:
    - {id: handbook, title: Read the handbook}
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: static
    fields: {host: db.sandbox.internal}
)";
            const Error e = importYaml(yaml, &outcome);
            QVERIFY2(!e, qPrintable(e.message));
            imported = true;
        }
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("bad-hosts"));
        const QString refusal = editor.addProductionHost(host);
        QVERIFY2(refusal.contains(expected), qPrintable(refusal));
        QCOMPARE(editor.productionHosts(), QStringList{QStringLiteral("db.prod.internal")});
        QVERIFY(!editor.isDirty());
    }

    // The editor takes exactly the production hosts that `onramp checklist
    // import` takes. These are the entries where the two disagreed: the
    // editor refused names in other scripts the importer and the gate
    // handle, and the importer kept entries that can match no host.
    void productionHostsAsTheImporterTakesThem_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("valid");
        QTest::newRow("a name in another script") << QStringLiteral("bücher.prod.example") << true;
        QTest::newRow("an IPv6 glob") << QStringLiteral("fd00::*") << true;
        QTest::newRow("upper case") << QStringLiteral("DB-?.Prod.Internal.") << true;
        QTest::newRow("a user") << QStringLiteral("ada@db.prod.internal") << false;
        QTest::newRow("a port") << QStringLiteral("db.prod.internal:5432") << false;
        QTest::newRow("a scheme") << QStringLiteral("postgres://db.prod.internal") << false;
        QTest::newRow("brackets") << QStringLiteral("[::1]") << false;
        QTest::newRow("an empty label") << QStringLiteral("db..prod.internal") << false;
        QTest::newRow("a leading dash") << QStringLiteral("-db.prod.internal") << false;
        QTest::newRow("punctuation") << QStringLiteral("db!prod.internal") << false;
    }

    void productionHostsAsTheImporterTakesThem()
    {
        QFETCH(QString, host);
        QFETCH(bool, valid);
        const QByteArray yaml = "onramp: 1\nproduction_hosts: [\"" + host.toUtf8()
            + "\"]\nchecklist:\n  id: agree\n  title: First week\n  steps:\n    - {id: handbook, title: Read}\n";
        const ParseResult imported = parseChecklist(yaml, QStringLiteral("hosts.yaml"));
        QVERIFY2(imported.ok() == valid, qPrintable(imported.errors.join(QLatin1Char('\n'))));
        static bool opened = false;
        if (!opened) {
            importFresh(QStringLiteral("agree"));
            opened = true;
        }
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("agree"));
        const QString refusal = editor.addProductionHost(host);
        QVERIFY2(refusal.isEmpty() == valid, qPrintable(refusal));
        if (valid)
            QCOMPARE(editor.productionHosts().last(), imported.checklist->productionHosts.first());
    }

    // Each version says what it changed against the one before, one
    // sentence per kind of change, with how it weakens the gate last.
    void aVersionSaysWhatItChanged()
    {
        const ParseResult parsed =
            parseChecklist(checklistYaml(QStringLiteral("changes")), QStringLiteral("test.yaml"));
        QVERIFY(parsed.ok());
        const Checklist before = *parsed.checklist;
        QCOMPARE(versionChanges(before, before),
                 QStringList{QStringLiteral("No change to the steps, hosts or credentials.")});

        Checklist next = before;
        next.title = QStringLiteral("First fortnight");
        next.steps[0].title = QStringLiteral("Read the new handbook"); // handbook: reworded
        next.steps[0].dueDays = 3; // and due later
        next.steps[1].signoff = false; // sandbox-tests: no review any more
        next.steps[2].required = true; // lunch: now required
        next.steps[2].section = QStringLiteral("Day two");
        std::swap(next.steps[1], next.steps[2]); // a new order
        Step pairing;
        pairing.id = QStringLiteral("pairing");
        pairing.title = QStringLiteral("Pair on a bug");
        next.steps.append(pairing);
        next.productionHosts = {QStringLiteral("db.prod.example.com")};
        QCOMPARE(versionChanges(before, next),
                 (QStringList{QStringLiteral("Renames the checklist “First week” to “First fortnight”."),
                              QStringLiteral("Adds “Pair on a bug”."),
                              QStringLiteral("Rewords “Read the handbook” (now “Read the new handbook”)."),
                              QStringLiteral("Now required before production access: “Lunch with the team”."),
                              QStringLiteral("Changes the due day of “Read the new handbook”."),
                              QStringLiteral("Moves “Lunch with the team” to another section."),
                              QStringLiteral("Puts the steps in another order."),
                              QStringLiteral("Adds to the production hosts: db.prod.example.com."),
                              QStringLiteral("It weakens the gate: step “Run the tests in your sandbox” no longer "
                                             "needs a mentor's review.")}));
        // Removed steps and hosts, and reviews asked for now.
        Checklist fewer = before;
        fewer.steps.removeAt(0);
        fewer.steps[1].signoff = true;
        fewer.steps[1].required = true;
        QCOMPARE(versionChanges(before, fewer),
                 (QStringList{QStringLiteral("Removes “Read the handbook”."),
                              QStringLiteral("Now reviewed by the mentor before production access: “Lunch with the "
                                             "team”."),
                              QStringLiteral("It weakens the gate: step “Read the handbook” is gone; it was required "
                                             "before production access.")}));
        QVERIFY(versionChanges(next, before)
                    .contains(QStringLiteral("Removes from the production hosts: db.prod.example.com.")));
        // Credentials added, removed and changed, each by its title.
        Checklist creds = before;
        CredentialTemplate db;
        db.id = QStringLiteral("sandbox-db");
        db.title = QStringLiteral("Sandbox database");
        db.provider = QStringLiteral("generated");
        CredentialTemplate token = db;
        token.id = QStringLiteral("ci-token");
        token.title = QStringLiteral("CI token");
        creds.credentials = {db, token};
        Checklist credsNext = creds;
        credsNext.credentials.removeAt(1);
        credsNext.credentials[0].secretLength = 40;
        CredentialTemplate wiki = db;
        wiki.id = QStringLiteral("wiki");
        wiki.title = QStringLiteral("Wiki login");
        credsNext.credentials.append(wiki);
        QCOMPARE(versionChanges(creds, credsNext),
                 (QStringList{QStringLiteral("Adds to the credentials: “Wiki login”."),
                              QStringLiteral("Removes from the credentials: “CI token”."),
                              QStringLiteral("Changes the settings of the credentials “Sandbox database”.")}));
    }

    // A checklist row rewritten outside Onramp (a hire with the master key
    // and the sqlcipher shell) is not what the editor starts from, nor what
    // its Versions sum up: the load is refused until the vault checks again.
    void aRewrittenChecklistRowIsNotOpened()
    {
        importFresh(QStringLiteral("tampered"));
        const auto sql = [](const QString& statement, const QVariantList& params) {
            return Session::instance()->performNow([&](Vault& v) { return v.db().execute(statement, params); });
        };
        QByteArray original;
        QVERIFY(!Session::instance()->performNow([&](Vault& v) {
            original =
                v.db()
                    .scalar(QStringLiteral("SELECT yaml FROM checklists WHERE slug = ?1"), {QStringLiteral("tampered")})
                    .toByteArray();
            return Error{};
        }));
        QVERIFY(original.contains("required: true"));
        QByteArray weaker = original;
        weaker.replace("required: true", "required: false");
        QVERIFY(!sql(QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE slug = ?2"),
                     {weaker, QStringLiteral("tampered")}));
        ChecklistEditorModel editor;
        editor.setChecklistId(QStringLiteral("tampered"));
        QTRY_VERIFY(!editor.isLoading());
        QVERIFY(!editor.isReady());
        QVERIFY2(!editor.errorText().isEmpty(), "a rewritten checklist opened without a word");
        QCOMPARE(editor.versions()->count(), 0);
        // Put back as it was signed, it opens again.
        QVERIFY(!sql(QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE slug = ?2"),
                     {original, QStringLiteral("tampered")}));
        ChecklistEditorModel again;
        open(again, QStringLiteral("tampered"));
        QCOMPARE(again.versions()->count(), 1);
    }

    // The checklists list knows who is on which version, by the names people go by.
    void theHiresOnEachVersionAreListed()
    {
        EnrollmentStatus alex;
        alex.hire.name = QStringLiteral("alex");
        alex.hire.displayName = QStringLiteral("Alex Hire");
        alex.checklistId = QStringLiteral("backend");
        alex.checklistVersion = 1;
        EnrollmentStatus bo = alex;
        bo.hire.name = QStringLiteral("bo");
        bo.hire.displayName = QStringLiteral("Bo\u200B");
        EnrollmentStatus cy = alex;
        cy.hire.name = QStringLiteral("cy");
        cy.hire.displayName.clear();
        cy.checklistVersion = 2;
        EnrollmentStatus other = alex;
        other.checklistId = QStringLiteral("frontend");
        ChecklistListModel list;
        list.setChecklists({}, {bo, alex, cy, other});
        const QVariantMap backend = list.hiresByVersion(QStringLiteral("backend"));
        QCOMPARE(backend.keys(), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(backend.value(QStringLiteral("1")).toStringList(),
                 (QStringList{QStringLiteral("Alex Hire"), QStringLiteral("Bo[U+200B]")}));
        QCOMPARE(backend.value(QStringLiteral("2")).toStringList(), QStringList{QStringLiteral("cy")});
        QVERIFY(list.hiresByVersion(QStringLiteral("nobody")).isEmpty());
    }

    void lockingTheSessionEmptiesTheEditor()
    {
        importFresh(QStringLiteral("locked"));
        ChecklistEditorModel editor;
        open(editor, QStringLiteral("locked"));
        editor.addStep();
        Session::instance()->lock();
        QVERIFY(!editor.isReady());
        QCOMPARE(editor.count(), 0);
        QVERIFY(!editor.isDirty());

        // The author finds the draft again after signing in.
        QVERIFY(!Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase));
        QTRY_VERIFY(editor.isReady());
        QCOMPARE(editor.count(), 4);
        QVERIFY(editor.isDirty());

        // Someone else signing in at this desk drops it.
        Session::instance()->lock();
        QVERIFY(!Session::instance()->unlockNow(QStringLiteral("max"), kMentorPassphrase));
        Session::instance()->lock();
        QVERIFY(!Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase));
        QTRY_VERIFY(editor.isReady());
        QCOMPARE(editor.count(), 3);
        QVERIFY(!editor.isDirty());
    }
};

QTEST_MAIN(TestChecklistEditorModel)

#include "TestChecklistEditorModel.moc"
