// The fifth walk's worst defects, in the real window at 1024x640 on the demo
// team's vault: a save in the checklist editor that weakens the gate asks
// first, as an import does, and a save over a version saved meanwhile is
// refused in words, the edits kept in view until the admin reloads. A revoke
// is told to the hire and names who can renew it; a new mentor says what
// ended with the change; a person disabled while signed in is locked out
// with a reason, and their mentor sees them disabled, with nothing to review.
#include "AdminFixture.h"

#include "Clock.h"
#include "Notifications.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QSettings>
#include <QSignalSpy>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Notification;
using onramp::ui::Notifications;
using onramp::ui::Session;

namespace {

/// Keeps what it is asked to show, for the test to read.
class Recorder : public onramp::ui::Notifier
{
public:
    explicit Recorder(QList<Notification>* shown)
        : m_shown(shown)
    {}
    void show(const Notification& notification) override { m_shown->append(notification); }

private:
    QList<Notification>* m_shown;
};

} // namespace

class TestWalkFixesTen : public e2e::AdminFixture
{
    Q_OBJECT

    QList<Notification> m_shown;

    /// \a name, on another desktop, does \a work; the window's session follows.
    void elsewhere(const QString& name, const std::function<onramp::Error(onramp::Vault&)>& work)
    {
        const onramp::Error e = e2e::asDemoPerson(m_demo, name, work);
        QVERIFY2(!e, qPrintable(e.message));
    }

    /// Signs in as the demo person \a name and waits for \a page and its first reads.
    void signIn(const QString& name, const QString& page)
    {
        QVERIFY(m_ui->signInAs(name));
        QVERIFY(m_ui->waitForPage(page));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !Session::instance()->isBusy(), e2e::kPatienceMs);
    }

    QStringList bodies() const
    {
        QStringList out;
        for (const Notification& n : m_shown)
            out.append(n.body);
        return out;
    }

    /// The editor's model (ChecklistEditorModel).
    QObject* editorModel() const { return item("checklistEditor")->property("model").value<QObject*>(); }

    /// The latest version of checklist \a id, read apart from the window; 0 when unknown.
    int latestVersion(const QString& id) const
    {
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        onramp::StoredChecklist stored;
        if (!vault || onramp::ChecklistStore(*vault).get(id, 0, &stored))
            return 0;
        return stored.version;
    }

    /// The row of the first step \a stepId in the editor; -1 when there is none.
    int rowOf(const QString& stepId) const
    {
        int row = -1;
        QMetaObject::invokeMethod(editorModel(), "rowOf", Q_RETURN_ARG(int, row), Q_ARG(QString, stepId));
        return row;
    }

    /// The Checklists tab with the demo checklist open in the editor, saved as it is.
    void openTheEditor()
    {
        showTab(QStringLiteral("checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(editorModel()->property("ready").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(editorModel()->property("checklistId").toString(), QStringLiteral("backend-week-one"));
        QVERIFY(!editorModel()->property("dirty").toBool());
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        // A second mentor, for alex to be handed to.
        elsewhere(QStringLiteral("ada"), [](onramp::Vault& v) {
            return onramp::People(v).add(QStringLiteral("senior"), QStringLiteral("Sam Senior"), onramp::Role::Mentor,
                                         "sam's own passphrase");
        });
        Notifications::instance()->setNotifier(std::make_unique<Recorder>(&m_shown));
        Notifications::instance()->setEnabled(true);
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // Walk 5 #1: unticking "Required for production access" and saving
    // shows how the gate weakens, the safe answer focused; Don't save stores
    // nothing, Save anyway stores it and says what it weakens.
    void aSaveThatWeakensTheGateAsksFirst()
    {
        openTheEditor();
        const QString id = QStringLiteral("backend-week-one");
        const int before = latestVersion(id);
        QVERIFY(before > 0);
        const int row = rowOf(QStringLiteral("laptop"));
        QVERIFY(row >= 0);
        QVERIFY(QMetaObject::invokeMethod(item("checklistEditor"), "select", Q_ARG(QVariant, row)));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorRequired")->property("checked").toBool() && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorRequired"));
        QTRY_VERIFY_WITH_TIMEOUT(editorModel()->property("dirty").toBool(), e2e::kPatienceMs);

        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("weakerCancel") && settled(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(focused("weakerCancel"), e2e::kPatienceMs);
        QCOMPARE(text("weakerCancel"), QStringLiteral("Don't save"));
        QCOMPARE(text("weakerImport"), QStringLiteral("Save anyway"));
        QVERIFY2(text("weakening").contains(QStringLiteral("is no longer required before production access")),
                 qPrintable(text("weakening")));
        QCOMPARE(latestVersion(id), before);

        // Enter on the focused Don't save: nothing is stored, the edit stays.
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("weakerCancel") && settled(), e2e::kPatienceMs);
        QCOMPARE(latestVersion(id), before);
        QVERIFY(editorModel()->property("dirty").toBool());

        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("weakerImport") && settled(), e2e::kPatienceMs);
        QVERIFY(click("weakerImport"));
        QTRY_COMPARE_WITH_TIMEOUT(latestVersion(id), before + 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("It weakens the gate")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!editorModel()->property("dirty").toBool() && settled(), e2e::kPatienceMs);
    }

    // In the editor on the latest version of backend-week-one (\a opened),
    // a step titled \a title is added and not saved (\a steps then); meanwhile
    // another admin's import saves the next version, its first step's title
    // ending in \a added. The editor stays on \a opened.
    void addAStepWhileAnotherAdminSaves(const QString& title, const QString& added, int* opened, int* steps)
    {
        openTheEditor();
        const QString id = QStringLiteral("backend-week-one");
        *opened = editorModel()->property("version").toInt();
        QCOMPARE(latestVersion(id), *opened);
        QVERIFY(click("editorAddStep"));
        QVERIFY(typeOver("editorTitle", title));
        QTRY_VERIFY_WITH_TIMEOUT(editorModel()->property("dirty").toBool(), e2e::kPatienceMs);
        *steps = editorModel()->property("count").toInt();
        importElsewhere(id, added, *opened + 1);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !onramp::ui::Session::instance()->isBusy(), e2e::kPatienceMs);
        QCOMPARE(editorModel()->property("version").toInt(), *opened);
    }

    // Another admin's import of checklist \a id, its first step's title
    // ending in \a added, as the command line makes it; it must be \a version.
    void importElsewhere(const QString& id, const QString& added, int version)
    {
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        QVERIFY(vault);
        onramp::StoredChecklist stored;
        QVERIFY(!onramp::ChecklistStore(*vault).get(id, 0, &stored));
        onramp::Checklist next = stored.checklist;
        next.steps.first().title += added;
        onramp::ImportOutcome outcome;
        const onramp::Error e = onramp::ChecklistStore(*vault).import(next, onramp::defaultClock().now(), &outcome);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(outcome.version, version);
    }

    // Walk 5 #1: the editor is on version N, a version N+1 is saved
    // elsewhere; saving the edits does not store N plus the edits over it:
    // it says so, keeps the edits in view, and reloads N+1 when asked.
    void aSaveOverANewerVersionIsRefused()
    {
        const QString id = QStringLiteral("backend-week-one");
        int opened = 0;
        int steps = 0;
        addAStepWhileAnotherAdminSaves(QStringLiteral("Pair with Sam on a deploy"), QStringLiteral(" (revised)"),
                                       &opened, &steps);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorNewerText") && settled(), e2e::kPatienceMs);
        const QString said = text("editorNewerText");
        QVERIFY2(said.contains(QStringLiteral("version %1 of").arg(opened + 1))
                     && said.contains(QStringLiteral("after version %1").arg(opened))
                     && said.contains(QStringLiteral("would be lost")),
                 qPrintable(said));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorNewerKeep"), e2e::kPatienceMs);
        QCOMPARE(text("editorNewerReload"), QStringLiteral("Reload version %1").arg(opened + 1));
        QCOMPARE(latestVersion(id), opened + 1);

        // Keep: the edits stay in view, the reason above the steps.
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorNewerText") && settled(), e2e::kPatienceMs);
        QVERIFY(editorModel()->property("dirty").toBool());
        QCOMPARE(editorModel()->property("count").toInt(), steps);
        QCOMPARE(text("editorError"), said);
        QCOMPARE(latestVersion(id), opened + 1);

        // Reload: the newer version, the edits gone.
        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorNewerReload") && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorNewerReload"));
        QTRY_COMPARE_WITH_TIMEOUT(editorModel()->property("version").toInt(), opened + 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!editorModel()->property("dirty").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(editorModel()->property("count").toInt(), steps - 1);
        QVERIFY(editorModel()->property("errorText").toString().isEmpty());
        QCOMPARE(latestVersion(id), opened + 1);
    }

    // The edits carried over: a save refused for a newer version offers to
    // store them as the next version, over the newer one, which stays in
    // the history; the editor is then on the version it saved.
    void theEditsCanBeSavedOverANewerVersion()
    {
        const QString id = QStringLiteral("backend-week-one");
        int opened = 0;
        int steps = 0;
        addAStepWhileAnotherAdminSaves(QStringLiteral("Shadow an on-call shift"), QStringLiteral(" (revised again)"),
                                       &opened, &steps);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorNewerSaveOver") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("editorNewerSaveOver"), QStringLiteral("Save mine as version %1").arg(opened + 2));
        QVERIFY(click("editorNewerSaveOver"));
        QTRY_COMPARE_WITH_TIMEOUT(latestVersion(id), opened + 2, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(editorModel()->property("version").toInt(), opened + 2, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!editorModel()->property("dirty").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(editorModel()->property("count").toInt(), steps);
        QVERIFY(editorModel()->property("errorText").toString().isEmpty());
        // Saved as the editor held it: the new step is there, the other
        // window's title change is not (version N+1 keeps it in the history).
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        QVERIFY(vault);
        onramp::StoredChecklist saved;
        QVERIFY(!onramp::ChecklistStore(*vault).get(id, opened + 2, &saved));
        QVERIFY(std::any_of(saved.checklist.steps.cbegin(), saved.checklist.steps.cend(),
                            [](const onramp::Step& s) { return s.title == QLatin1String("Shadow an on-call shift"); }));
        QVERIFY(!saved.checklist.steps.first().title.endsWith(QStringLiteral("(revised again)")));
        onramp::StoredChecklist between;
        QVERIFY(!onramp::ChecklistStore(*vault).get(id, opened + 1, &between));
        QVERIFY(between.checklist.steps.first().title.endsWith(QStringLiteral("(revised again)")));
    }

    // Issue 16's last walk: "New since you last looked" told the mentor's
    // replies but not an approval or the sign-off. Each is told once, leads
    // to its step, and "Got it" puts them away for good.
    void anApprovalAndTheSignoffAreNewsOnHome()
    {
        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        QVERIFY(!visible("signoffNoticeText"));
        QVERIFY(!visible("replyText-restore-drill"));
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {});
        });
        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replyText-restore-drill") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("replyText-restore-drill"),
                 QStringLiteral("Maya Mentor approved “Restore a backup into your sandbox”"));
        QVERIFY(visible("replyOpen-restore-drill"));
        QVERIFY(!visible("signoffNoticeText"));

        elsewhere(QStringLiteral("maya"),
                  [](onramp::Vault& v) { return onramp::Enrollments(v).signOff(QStringLiteral("alex")); });
        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("signoffNoticeText") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("signoffNoticeText"),
                 QStringLiteral("Maya Mentor signed off your production access: the production credentials are "
                                "yours to read now."));
        QVERIFY(visible("replyText-restore-drill"));
        QVERIFY(click("newsDismiss"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("newsNotice") && settled(), e2e::kPatienceMs);
        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        QVERIFY(!visible("newsNotice"));
    }

    // Walk 5 #8 and #11: the revoke dialog names who can renew; the revoke
    // reaches the hire's open window as a notification and as news on Home.
    void aRevokeIsToldToTheHire()
    {
        signIn(QStringLiteral("maya"), QStringLiteral("mentor"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentee-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("revoke-prod-db") && settled(), e2e::kPatienceMs);
        QVERIFY(click("revoke-prod-db"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("grantMessage") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("grantMessage").endsWith(QStringLiteral("You or an admin can renew it later.")),
                 qPrintable(text("grantMessage")));
        // The demo's production database is a static secret, shared: a copy read before still works.
        QVERIFY2(text("grantMessage")
                     .contains(QStringLiteral("A copy they already read or exported still works until "
                                              "the secret is changed where it is used")),
                 qPrintable(text("grantMessage")));
        QVERIFY(click("grantCancelButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("grantMessage") && settled(), e2e::kPatienceMs);

        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        QVERIFY(!visible("revokeNoticeText"));
        // As if alex had not looked since the sign-off: it and the revoke are both news.
        {
            QSettings settings;
            for (const QString& key : settings.allKeys())
                if (key.endsWith(QLatin1String("-signed-off")))
                    settings.setValue(key, QString());
        }
        m_shown.clear();
        QSignalSpy checked(Notifications::instance(), &Notifications::checked);
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            QString pending;
            return onramp::Credentials(v).revoke(QStringLiteral("alex"), QStringLiteral("prod-db"), &pending);
        });
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            bodies(),
            QStringList({QStringLiteral("Maya Mentor revoked your access to “Production database (read-only)”.")}),
            e2e::kPatienceMs);
        QCOMPARE(m_shown.at(0).summary, QStringLiteral("Production access revoked"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("revokeNoticeText") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("revokeNoticeText").startsWith(QStringLiteral("Maya Mentor revoked your production access;")),
                 qPrintable(text("revokeNoticeText")));
        // The revocation holds now: "yours to read now" is not said beside it.
        QVERIFY(!visible("signoffNoticeText"));
        QVERIFY(click("newsDismiss"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("revokeNoticeText") && settled(), e2e::kPatienceMs);
        // Seen stays seen at the next sign-in, and is not told again.
        signIn(QStringLiteral("alex"), QStringLiteral("home"));
        QVERIFY(!visible("revokeNoticeText"));
        QCOMPARE(m_shown.size(), 1);
    }

    // Walk 5 #2: a change of mentor says that production access and the
    // approvals ended with it, and that the new mentor reviews and signs off again.
    void aNewMentorSaysWhatEnded()
    {
        QCOMPARE(m_ui->page(), QStringLiteral("home"));
        elsewhere(QStringLiteral("ada"), [](onramp::Vault& v) {
            onramp::EnrollmentStatus status;
            if (onramp::Error r = onramp::Enrollments(v).status(QStringLiteral("alex"), &status))
                return r;
            return onramp::Enrollments(v).edit(QStringLiteral("alex"), QStringLiteral("senior"), status.start);
        });
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentorNoticeText") && settled(), e2e::kPatienceMs);
        const QString said = text("mentorNoticeText");
        QVERIFY2(said.startsWith(QStringLiteral("Your mentor is now Sam Senior."))
                     && said.contains(QStringLiteral("production access and your previous mentor's approvals ended"))
                     && said.contains(QStringLiteral("Sam Senior reviews your steps and signs off again")),
                 qPrintable(said));
    }

    // Walk 5 #6: alex, signed in, is disabled on another desktop: the window
    // locks and the sign-in page says why, in words.
    void aDisabledPersonsWindowLocks()
    {
        QVERIFY(Session::instance()->isUnlocked());
        QCOMPARE(Session::instance()->userName(), QStringLiteral("alex"));
        elsewhere(QStringLiteral("ada"),
                  [](onramp::Vault& v) { return onramp::People(v).disable(QStringLiteral("alex")); });
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->isUnlocked());
        QTRY_VERIFY_WITH_TIMEOUT(visible("signInError") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("signInError").startsWith(QStringLiteral("An admin disabled your account")),
                 qPrintable(text("signInError")));
    }

    // Walk 5 #6: kai waits for maya's review; disabled meanwhile, kai is
    // marked disabled on her page and his step leaves the queue, so that
    // neither a click nor Ctrl+Shift+A offers to approve it.
    void aDisabledMenteeIsMarkedAndNotReviewed()
    {
        signIn(QStringLiteral("maya"), QStringLiteral("mentor"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("review-kai-sandbox-tests") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("menteeDisabled-kai"));
        elsewhere(QStringLiteral("ada"),
                  [](onramp::Vault& v) { return onramp::People(v).disable(QStringLiteral("kai")); });
        QTRY_VERIFY_WITH_TIMEOUT(visible("menteeDisabled-kai") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("review-kai-sandbox-tests"));
        QVERIFY2(e2e::accessibleName(item("mentee-kai")).endsWith(QStringLiteral(", disabled by an admin")),
                 qPrintable(e2e::accessibleName(item("mentee-kai"))));
        QVERIFY(click("mentee-kai"));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && !Session::instance()->isBusy(), e2e::kPatienceMs);
        QVERIFY(!visible("signoffButton"));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesTen)

#include "TestWalkFixesTen.moc"
