// The lists the pages show, as models: each passes QAbstractItemModelTester
// while its backend fills it from a real demo vault, and holds what the page
// promises (whose steps wait for review, which credentials a filter keeps,
// who can be enrolled).
#include "AdminBackend.h"
#include "CredentialTemplateModel.h"
#include "CredentialsBackend.h"
#include "Demo.h"
#include "EnrollmentBackend.h"
#include "Formats.h"
#include "Session.h"
#include "TeamBackend.h"
#include "TestData.h"

#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace onramp::ui;

namespace {

// One role of every row, by the role's QML name.
QStringList column(const ListModel* model, const char* role)
{
    QStringList values;
    for (int row = 0; row < model->count(); ++row)
        values.append(model->get(row).value(QString::fromLatin1(role)).toString());
    return values;
}

// \a values without repeats, in the order they first come.
QStringList distinct(QStringList values)
{
    values.removeDuplicates();
    return values;
}

QString passphraseOf(const QString& name)
{
    for (const demo::DemoPerson& p : demo::people()) {
        if (p.name == name)
            return p.passphrase;
    }
    return {};
}

// Waits until \a backend has read what it shows.
bool settled(const VaultBackend& backend)
{
    return QTest::qWaitFor([&] { return !backend.isLoading() && !Session::instance()->isBusy(); }, 10000);
}

} // namespace

class TestListModels : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    void signInAs(const QString& name)
    {
        Session* session = Session::instance();
        session->lock();
        const Error e = session->unlockNow(name, passphraseOf(name).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // alex has done four of five steps; maya approved one and one waits for her.
        const QString dir = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(!demo::createDemoVault(dir));
        QVERIFY(!demo::seedDemoProgress(dir));
        Session::instance()->setVaultPath(dir);
    }

    void cleanup() { Session::instance()->lock(); }

    void theMentorsQueueHoldsTheStepsWaitingForHer()
    {
        signInAs(QStringLiteral("maya"));
        TeamBackend team;
        QAbstractItemModelTester enrollmentsTester(team.enrollments(),
                                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester queueTester(team.approvalQueue(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(team.enrollments()->count(), 1, 10000);
        QVERIFY(settled(team));
        QCOMPARE(team.problem(), QString());
        QCOMPARE(team.enrollments()->firstHire(), QStringLiteral("alex"));
        const QVariantMap alex = team.enrollments()->get(0);
        QCOMPARE(alex.value(QStringLiteral("displayName")).toString(), QStringLiteral("Alex Newhire"));
        QCOMPARE(alex.value(QStringLiteral("mentor")).toString(), QStringLiteral("maya"));
        // The step waiting for review is not counted done; it is counted apart.
        QCOMPARE(alex.value(QStringLiteral("done")).toInt(), 3);
        QCOMPARE(alex.value(QStringLiteral("total")).toInt(), 5);
        QCOMPARE(alex.value(QStringLiteral("awaitingReview")).toInt(), 1);
        QVERIFY(alex.value(QStringLiteral("locked")).toBool());
        QCOMPARE(alex.value(QStringLiteral("daysToAccess")).toInt(), -1);
        QCOMPARE(column(team.approvalQueue(), "stepId"), QStringList{QStringLiteral("restore-drill")});
        QCOMPARE(column(team.approvalQueue(), "hire"), QStringList{QStringLiteral("alex")});

        // Approving it empties the queue: every view reloads after a write.
        EnrollmentBackend enrollment;
        enrollment.setHire(QStringLiteral("alex"));
        QVERIFY(settled(enrollment));
        QSignalSpy done(&enrollment, &VaultBackend::done);
        enrollment.approve(QStringLiteral("restore-drill"), QStringLiteral("good"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(team.approvalQueue()->count(), 0, 10000);
        QTRY_COMPARE(team.enrollments()->get(0).value(QStringLiteral("awaitingReview")).toInt(), 0);
        QCOMPARE(team.enrollments()->get(0).value(QStringLiteral("done")).toInt(), 4);
    }

    void anAdminWhoMentorsNobodyHasNoQueue()
    {
        signInAs(QStringLiteral("ada"));
        TeamBackend team;
        QTRY_COMPARE_WITH_TIMEOUT(team.enrollments()->count(), 1, 10000);
        QVERIFY(settled(team));
        QCOMPARE(team.approvalQueue()->count(), 0);
    }

    void lockingEmptiesTheLists()
    {
        signInAs(QStringLiteral("ada"));
        TeamBackend team;
        QTRY_COMPARE_WITH_TIMEOUT(team.enrollments()->count(), 1, 10000);
        Session::instance()->lock();
        QTRY_COMPARE(team.enrollments()->count(), 0);
        QVERIFY(!team.isLoading());
        QVERIFY(!team.enrollments()->isLoading());
    }

    void nextStepsAreTheFirstThreeNotDone()
    {
        signInAs(QStringLiteral("alex"));
        EnrollmentBackend enrollment;
        QAbstractItemModelTester tester(enrollment.nextSteps(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(enrollment.enrolled(), 10000);
        QCOMPARE(column(enrollment.nextSteps(), "stepId"), QStringList{QStringLiteral("team-lunch")});
        QSignalSpy done(&enrollment, &VaultBackend::done);
        enrollment.undo(QStringLiteral("handbook"));
        enrollment.undo(QStringLiteral("laptop"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            column(enrollment.nextSteps(), "stepId"),
            (QStringList{QStringLiteral("handbook"), QStringLiteral("laptop"), QStringLiteral("team-lunch")}), 10000);
        enrollment.markDone(QStringLiteral("handbook"), {});
        enrollment.markDone(QStringLiteral("laptop"), {});
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(enrollment.nextSteps()->count(), 1, 10000);
    }

    void credentialsFollowTheHireAndTheProductionFilter()
    {
        signInAs(QStringLiteral("alex"));
        CredentialsBackend mine;
        QAbstractItemModelTester tester(mine.credentials(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(mine.credentials()->count(), 2, 10000);
        QVERIFY(settled(mine));
        QCOMPARE(column(mine.credentials(), "credentialId"),
                 (QStringList{QStringLiteral("sandbox-db"), QStringLiteral("prod-db")}));
        QCOMPARE(column(mine.credentials(), "readable"),
                 (QStringList{QStringLiteral("true"), QStringLiteral("false")}));
        QVERIFY(mine.credentials()->anyReadable());
        // A locked production credential says why, and has no expiry yet.
        const QVariantMap prod = mine.credentials()->get(1);
        QVERIFY(prod.value(QStringLiteral("production")).toBool());
        QVERIFY(!prod.value(QStringLiteral("explanation")).toString().isEmpty());
        QCOMPARE(prod.value(QStringLiteral("expiresAtMs")).toLongLong(), 0);
        QCOMPARE(mine.nearestProductionExpiry(), 0.0);

        QSignalSpy readable(mine.credentials(), &CredentialListModel::anyReadableChanged);
        mine.setProductionOnly(true);
        QTRY_COMPARE_WITH_TIMEOUT(mine.credentials()->count(), 1, 10000);
        QCOMPARE(column(mine.credentials(), "credentialId"), QStringList{QStringLiteral("prod-db")});
        QVERIFY(!mine.credentials()->anyReadable());
        QCOMPARE(readable.size(), 1);

        mine.setProductionOnly(false);
        mine.setHire(QStringLiteral("somebody-else"));
        QTRY_COMPARE_WITH_TIMEOUT(mine.credentials()->count(), 0, 10000);
    }

    void theAdminsPicksOutliveAReload()
    {
        signInAs(QStringLiteral("ada"));
        AdminBackend admin;
        QAbstractItemModelTester enrollments(admin.enrollments(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(admin.enrollments()->count(), 1, 10000);
        QVERIFY(settled(admin));
        // Nobody is picked until someone is; then the pick follows the rows as they are read again.
        QVERIFY(admin.people()->selected().isEmpty());
        QSignalSpy picked(admin.people(), &PersonListModel::selectionChanged);
        admin.people()->setSelectedName(QStringLiteral("maya"));
        QCOMPARE(picked.size(), 1);
        QCOMPARE(admin.people()->selected().value(QStringLiteral("role")).toString(), QStringLiteral("mentor"));
        admin.enrollments()->setSelectedHire(QStringLiteral("alex"));
        admin.reload();
        QVERIFY(settled(admin));
        QCOMPARE(admin.people()->selected().value(QStringLiteral("name")).toString(), QStringLiteral("maya"));
        const QVariantMap alex = admin.enrollments()->selected();
        QCOMPARE(alex.value(QStringLiteral("checklistId")).toString(), QStringLiteral("backend-week-one"));
        QCOMPARE(alex.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(alex.value(QStringLiteral("latestVersion")).toInt(), 1);
        // The mentor by the name people know her by, the start with the month in words.
        QCOMPARE(alex.value(QStringLiteral("mentorDisplayName")).toString(), QStringLiteral("Maya Mentor"));
        // The demo enrolls on the day its clock gives, in UTC.
        QCOMPARE(alex.value(QStringLiteral("startedOn")).toString(),
                 sentenceDate(QDateTime::currentDateTimeUtc().date()));
        QCOMPARE(admin.doneStepsDroppedByMove(QStringLiteral("alex")), QStringList());
        admin.people()->setSelectedName(QStringLiteral("nobody"));
        QVERIFY(admin.people()->selected().isEmpty());
    }

    void aMoveNamesTheStepsAddedAndRemoved()
    {
        const auto step = [](const char* id, const char* title) {
            Step s;
            s.id = QString::fromLatin1(id);
            s.title = QString::fromLatin1(title);
            return s;
        };
        const QList<Step> from = {step("handbook", "Read the handbook"), step("pairing", "Pair with your mentor"),
                                  step("tests", "Run the tests")};
        // Matched by id: a step retitled is neither added nor removed.
        const QList<Step> to = {step("handbook", "Read the handbook"), step("oncall", "Meet the on-call lead"),
                                step("tests", "Run the tests in your sandbox"), step("lunch", "Lunch")};
        const QVariantMap changes = AdminBackend::stepChanges(from, to);
        QCOMPARE(changes.value(QStringLiteral("added")).toStringList(),
                 (QStringList{QStringLiteral("Meet the on-call lead"), QStringLiteral("Lunch")}));
        QCOMPARE(changes.value(QStringLiteral("removed")).toStringList(),
                 QStringList{QStringLiteral("Pair with your mentor")});
        const QVariantMap none = AdminBackend::stepChanges(from, from);
        QVERIFY(none.value(QStringLiteral("added")).toStringList().isEmpty());
        QVERIFY(none.value(QStringLiteral("removed")).toStringList().isEmpty());

        // An enrollment on the latest version changes nothing; a hire not enrolled, neither.
        signInAs(QStringLiteral("ada"));
        AdminBackend admin;
        QTRY_COMPARE_WITH_TIMEOUT(admin.enrollments()->count(), 1, 10000);
        QVERIFY(settled(admin));
        for (const QString& hire : {QStringLiteral("alex"), QStringLiteral("nobody")}) {
            const QVariantMap moved = admin.stepsChangedByMove(hire);
            QVERIFY(moved.value(QStringLiteral("added")).toStringList().isEmpty());
            QVERIFY(moved.value(QStringLiteral("removed")).toStringList().isEmpty());
        }
        // A hire has one enrollment: alex, enrolled, is not offered to enroll again.
        QVERIFY(admin.hireChoices().isEmpty());
        QCOMPARE(admin.checklists()->get(0).value(QStringLiteral("label")).toString(),
                 admin.checklists()->get(0).value(QStringLiteral("title")).toString()
                     + QStringLiteral(" (backend-week-one, v1)"));
    }

    void aStartDateIsEmptyOrADay_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("fine");
        QTest::newRow("empty: today") << QString() << true;
        QTest::newRow("a day") << QStringLiteral("2026-03-01") << true;
        QTest::newRow("spaces around") << QStringLiteral(" 2026-03-01 ") << true;
        QTest::newRow("no such day") << QStringLiteral("2026-02-30") << false;
        QTest::newRow("another order") << QStringLiteral("03/01/2026") << false;
        QTest::newRow("words") << QStringLiteral("next monday") << false;
    }

    void aStartDateIsEmptyOrADay()
    {
        QFETCH(QString, typed);
        QFETCH(bool, fine);
        AdminBackend admin;
        const QString problem = admin.dateProblem(typed);
        QCOMPARE(problem.isEmpty(), fine);
        if (!fine) {
            QVERIFY2(problem.contains(typed.trimmed()), qPrintable(problem)); // names the input
            QVERIFY2(problem.contains(QStringLiteral("YYYY-MM-DD")), qPrintable(problem));
        }
        QVERIFY(QDate::fromString(admin.today(), Qt::ISODate).isValid());
    }

    void theAdminSeesPeopleChecklistsAndTemplates()
    {
        signInAs(QStringLiteral("ada"));
        AdminBackend admin;
        QAbstractItemModelTester people(admin.people(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester lists(admin.checklists(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester templates(admin.credentialTemplates(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(admin.people()->count(), 3, 10000);
        QVERIFY(settled(admin));
        QCOMPARE(column(admin.people(), "name"),
                 (QStringList{QStringLiteral("ada"), QStringLiteral("alex"), QStringLiteral("maya")}));
        QCOMPARE(column(admin.people(), "role"),
                 (QStringList{QStringLiteral("admin"), QStringLiteral("hire"), QStringLiteral("mentor")}));
        QCOMPARE(admin.hires(), QStringList{QStringLiteral("alex")});
        QCOMPARE(admin.mentors(), QStringList{QStringLiteral("maya")});
        QCOMPARE(column(admin.checklists(), "checklistId"), QStringList{QStringLiteral("backend-week-one")});
        QCOMPARE(admin.checklists()->get(0).value(QStringLiteral("steps")).toInt(), 5);
        // The production credential only: the generated sandbox one needs nothing from an admin.
        QCOMPARE(column(admin.credentialTemplates(), "credentialId"), QStringList{QStringLiteral("prod-db")});
        QCOMPARE(column(admin.credentialTemplates(), "production"), QStringList{QStringLiteral("true")});
        // It says when its secret was set (the demo sets it), where it leads and its checklist's hosts.
        QCOMPARE(column(admin.credentialTemplates(), "secretSet"), QStringList{QStringLiteral("true")});
        const QVariantMap prod = admin.credentialTemplates()->get(0);
        // When, to the minute, and who, by the signed log.
        const QString state = prod.value(QStringLiteral("secretState")).toString();
        QVERIFY2(state.startsWith(QStringLiteral("secret set on %1, ").arg(sentenceDate(QDate::currentDate()))),
                 qPrintable(state));
        QVERIFY2(state.endsWith(QStringLiteral(" by Ada Admin")), qPrintable(state));
        QCOMPARE(prod.value(QStringLiteral("target")).toString(),
                 QStringLiteral("database: orders\nhost: db.prod.internal\nuser: readonly"));
        QCOMPARE(prod.value(QStringLiteral("hosts")).toStringList(),
                 (QStringList{QStringLiteral("db.prod.internal"), QStringLiteral("*.prod.example.com")}));
        QCOMPARE(prod.value(QStringLiteral("environmentTitle")).toString(), QStringLiteral("production"));
        QCOMPARE(prod.value(QStringLiteral("providerTitle")).toString(), QStringLiteral("static"));

        // A disabled hire stays in the list, marked, and can no longer be enrolled.
        QSignalSpy done(&admin, &VaultBackend::done);
        admin.disablePerson(QStringLiteral("alex"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            column(admin.people(), "disabled"),
            (QStringList{QStringLiteral("false"), QStringLiteral("true"), QStringLiteral("false")}), 10000);
        QCOMPARE(admin.hires(), QStringList());
        QVERIFY(admin.people()->get(3).isEmpty()); // out of range: nothing
    }

    // The admin's credential views read what they show, as the command line
    // does, and show the right rows: a picked hire's alone; with nobody
    // picked, the first page of hires; the to-do, the rows whose static
    // secret is not set, until an admin sets it. (Last: it adds hires.)
    void theAdminsCredentialViewsShowTheRightRows()
    {
        constexpr int kHires = 12;
        QStringList added;
        {
            std::unique_ptr<Vault> vault;
            Error e = Vault::unlock(m_dir.filePath(QStringLiteral("demo")), QStringLiteral("ada"),
                                    passphraseOf(QStringLiteral("ada")).toUtf8(), &vault);
            QVERIFY2(!e, qPrintable(e.message));
            const ParseResult parsed = parseChecklist(checklistFixture(QStringLiteral("week-one-credentials.yaml")),
                                                      QStringLiteral("week-one-credentials.yaml"));
            QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(QLatin1Char('\n'))));
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*vault).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
            std::vector<People::NewPerson> people;
            QList<Enrollments::NewEnrollment> enrollments;
            for (int i = 0; i < kHires; ++i) {
                const QString name = QStringLiteral("hire-%1").arg(i, 2, 10, QLatin1Char('0'));
                added.append(name);
                People::NewPerson person;
                person.name = name;
                person.displayName = QStringLiteral("Hire %1").arg(i);
                person.passphrase = SecureBytes::copyOf(QByteArrayView("a passphrase of their own"));
                person.kdfLevel = KdfLevel::Interactive;
                people.push_back(std::move(person));
                Enrollments::NewEnrollment enrollment;
                enrollment.hire = name;
                enrollment.checklistId = parsed.checklist->id;
                enrollment.mentor = QStringLiteral("maya");
                enrollment.start = QDate::currentDate();
                enrollments.append(enrollment);
            }
            e = People(*vault).addMany(people);
            QVERIFY2(!e, qPrintable(e.message));
            e = Enrollments(*vault).enrollMany(enrollments);
            QVERIFY2(!e, qPrintable(e.message));
        }
        signInAs(QStringLiteral("ada"));
        const QStringList ids{QStringLiteral("sandbox-db"), QStringLiteral("sandbox-ssh"), QStringLiteral("prod-db"),
                              QStringLiteral("prod-token")};

        CredentialsBackend picked;
        picked.setHire(QStringLiteral("hire-05"));
        QAbstractItemModelTester tester(picked.credentials(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(picked.credentials()->count(), 4, 10000);
        QVERIFY(settled(picked));
        QCOMPARE(column(picked.credentials(), "credentialId"), ids);
        QCOMPARE(distinct(column(picked.credentials(), "hire")), QStringList{QStringLiteral("hire-05")});

        // Nobody picked: the first page of hires, every added hire's four rows.
        CredentialsBackend everyone;
        QTRY_VERIFY_WITH_TIMEOUT(everyone.credentials()->count() >= kHires * 4, 10000);
        QVERIFY(settled(everyone));
        QStringList hires = column(everyone.credentials(), "hire");
        hires.removeAll(QStringLiteral("alex")); // the demo's hire, disabled above
        QCOMPARE(hires.size(), kHires * 4);
        QCOMPARE(distinct(hires), added);
        QCOMPARE(hires.first(), QStringLiteral("hire-00"));
        QCOMPARE(hires.last(), QStringLiteral("hire-11"));

        // The to-do: the static sandbox secret nobody set, once per hire.
        CredentialsBackend todo;
        todo.setAwaitingSecretOnly(true);
        QTRY_COMPARE_WITH_TIMEOUT(todo.credentials()->count(), kHires, 10000);
        QVERIFY(settled(todo));
        QCOMPARE(column(todo.credentials(), "hire"), added);
        QCOMPARE(distinct(column(todo.credentials(), "credentialId")), QStringList{QStringLiteral("sandbox-ssh")});

        // Set, it leaves the to-do.
        Error e = Session::instance()->performNow([](Vault& vault) {
            int delivered = 0;
            return Credentials(vault).setSecret(QStringLiteral("sandbox-ssh"),
                                                SecureBytes::copyOf(QByteArrayView("ssh secret")), &delivered);
        });
        QVERIFY2(!e, qPrintable(e.message));
        todo.reload();
        QTRY_COMPARE_WITH_TIMEOUT(todo.credentials()->count(), 0, 10000);
        QVERIFY(settled(todo));
    }

    // The row where a production secret a scan found is set anew: the
    // static production credential of its id (not a sandbox one of the
    // same id), or for a connection's password the first credential that
    // signs in with it; -1 where no checklist uses it. And the static
    // secret two checklists share names the other checklist on each side.
    void aScannedSecretIsSetAnewWhereAChecklistUsesIt()
    {
        const auto credential = [](const char* id, Environment environment, const char* provider,
                                   const char* server = "") {
            CredentialTemplate t;
            t.id = QString::fromLatin1(id);
            t.environment = environment;
            t.provider = QString::fromLatin1(provider);
            t.pgServer = QString::fromLatin1(server);
            return t;
        };
        StoredChecklist one;
        one.checklist.id = QStringLiteral("one");
        one.checklist.title = QStringLiteral("One");
        one.checklist.credentials = {credential("db", Environment::Sandbox, "static"),
                                     credential("db", Environment::Production, "static"),
                                     credential("live-login", Environment::Production, "postgresql", "live")};
        StoredChecklist two;
        two.checklist.id = QStringLiteral("two");
        two.checklist.title = QStringLiteral("Two");
        two.checklist.credentials = {credential("db", Environment::Production, "static")};
        CredentialTemplateModel model;
        model.setChecklists({one, two});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowToRotate(QStringLiteral("db")), 1);
        QCOMPARE(model.rowToRotate(scan::VaultScan::providerCredentialId(QStringLiteral("live"))), 2);
        QCOMPARE(model.rowToRotate(QStringLiteral("gone")), -1);
        QCOMPARE(model.rowToRotate(scan::VaultScan::providerCredentialId(QStringLiteral("other"))), -1);
        const int shared = model.roleNames().key("sharedWith");
        QCOMPARE(model.index(1, 0).data(shared).toStringList(), QStringList{QStringLiteral("Two")});
        QCOMPARE(model.index(3, 0).data(shared).toStringList(), QStringList{QStringLiteral("One")});
        QCOMPARE(model.index(0, 0).data(shared).toStringList(), QStringList());
        QCOMPARE(model.index(2, 0).data(shared).toStringList(), QStringList());
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    TestListModels test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestListModels.moc"
