// What the fourth walk and the merges after it left, through the real
// window: the dialog for a checklist file that weakens the gate, where the
// keys go after a grant is renewed or revoked, the mentor's words on an
// empty conversation and at the head of their mentees, and a restore from a
// backup in the app.
#include "AdminFixture.h"
#include "Badge.h"

#include "audit/AuditLog.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "people/People.h"
#include "vault/Backup.h"

#include <QAccessible>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestWalkFixesNine : public e2e::AdminFixture
{
    Q_OBJECT

private:
    /// Whether the popup \a name of the page \a page is open.
    bool isOpen(const QString& page, const QString& name) const
    {
        QQuickItem* p = item(page);
        QObject* dialog = p ? p->findChild<QObject*>(name) : nullptr;
        return dialog && dialog->property("opened").toBool();
    }
    QQuickItem* focusItem() const { return m_window->activeFocusItem(); }
    QString focusedName() const { return focusItem() ? focusItem()->objectName() : QString(); }

    /// Signs in as maya and selects alex on the mentor's page.
    bool showAlexToMaya()
    {
        if (!m_ui->signInAs(QStringLiteral("maya")) || !m_ui->waitForPage(QStringLiteral("mentor")))
            return false;
        if (!QTest::qWaitFor([this] { return item(QStringLiteral("mentee-alex")) && settled(); }, e2e::kPatienceMs))
            return false;
        return m_ui->click(QStringLiteral("mentee-alex"))
            && QTest::qWaitFor([this] { return item(QStringLiteral("renew-prod-db")) && settled(); }, e2e::kPatienceMs);
    }

    /// Writes \a yaml to \a name in \a dir; the file's path, or empty.
    static QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& yaml)
    {
        QFile out(dir.filePath(name));
        return out.open(QIODevice::WriteOnly) && out.write(yaml) == yaml.size() ? out.fileName() : QString();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(m_demo, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // R4 of the last review: a file that drops a required step opens a
    // dialog naming each weakening, "Don't import" focused; it changes
    // nothing, and Import anyway imports and the audit entry names it.
    void aFileThatWeakensTheGateAsksFirst()
    {
        QTemporaryDir files;
        const QString strict = write(files, QStringLiteral("gate.yaml"),
                                     "onramp: 1\nchecklist:\n  id: gate\n  title: Gate kept\n  steps:\n"
                                     "    - {id: one, title: The only step, required: true}\n"
                                     "    - {id: two, title: The second step, required: true}\n");
        const QString weaker = write(files, QStringLiteral("gate-2.yaml"),
                                     "onramp: 1\nchecklist:\n  id: gate\n  title: Gate kept\n  steps:\n"
                                     "    - {id: one, title: The only step}\n");
        QVERIFY(!strict.isEmpty() && !weaker.isEmpty());
        showTab(QStringLiteral("checklists"));
        QVERIFY(typeOver("importPath", strict));
        QVERIFY(click("importButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("checklistImportStatus") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("checklistImportStatus").startsWith(QStringLiteral("Imported “Gate kept” (gate) as version 1")),
                 qPrintable(text("checklistImportStatus")));

        // Asked, the safe answer focused, each weakening on a line of its own.
        QVERIFY(typeOver("importPath", weaker));
        QVERIFY(click("importButton"));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("admin"), QStringLiteral("weakerDialog")) && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(visible("weakerDialogText"));
        const QString listed = allTextsUnder(QStringLiteral("weakerDialogText"));
        QVERIFY2(listed.contains(QStringLiteral("• step “The only step” is no longer required before production "
                                                "access")),
                 qPrintable(listed));
        QVERIFY2(listed.contains(QStringLiteral("• step “The second step”")), qPrintable(listed));
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("weakerCancel"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(QStringLiteral("admin"), QStringLiteral("weakerDialog")), e2e::kPatienceMs);
        QCOMPARE(text("checklistImportStatus"),
                 QStringLiteral("Nothing was imported: the file weakens the gate of version 1."));
        {
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            QVERIFY(vault);
            QList<onramp::StoredChecklist> versions;
            QVERIFY(!onramp::ChecklistStore(*vault).versions(QStringLiteral("gate"), &versions));
            QCOMPARE(versions.size(), 1);
        }

        // Said so: it comes in, says what it weakened, and so does the audit entry.
        QVERIFY(click("importButton"));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("admin"), QStringLiteral("weakerDialog")) && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(click("weakerImport"));
        QTRY_VERIFY_WITH_TIMEOUT(
            text("checklistImportStatus").startsWith(QStringLiteral("Imported “Gate kept” (gate) as version 2")),
            e2e::kPatienceMs);
        QVERIFY2(text("checklistImportStatus")
                     .contains(QStringLiteral("It weakens the gate: step “The only step” is no longer required")),
                 qPrintable(text("checklistImportStatus")));
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        QVERIFY(vault);
        QList<onramp::AuditEntry> entries;
        onramp::AuditQuery query;
        query.action = QStringLiteral("checklist.import");
        QVERIFY(!onramp::AuditLog::visibleEntries(*vault, query, &entries));
        QVERIFY(!entries.isEmpty());
        const QString details = entries.last().details;
        QVERIFY2(details.contains(QStringLiteral("weakens")) && details.contains(QStringLiteral("The only step"))
                     && details.contains(QStringLiteral("The second step")),
                 qPrintable(details));
    }

    // Walk 4 #14b / issue 16 §5: the heading of the mentor's mentees counts
    // the steps waiting for review and the hire's notes not answered yet; a
    // note sent with a step waiting for review is counted once, as the review.
    void theMenteesHeadingCountsReviewsAndNotes()
    {
        // The demo's hire redid a step with a note, waiting for review; a question on another step.
        const onramp::Error e = e2e::asDemoPerson(m_demo, QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("handbook"),
                                             QStringLiteral("Where is the backup runbook?"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("mentee-alex")) && settled(), e2e::kPatienceMs);
        const QString column = allTextsUnder(QStringLiteral("menteeColumn"));
        // One sentence whatever waits (the English plural forms come with the translations).
        static const QRegularExpression counted(
            QStringLiteral("^Waiting for you: 1 review(\\(s\\))?, 1 note(\\(s\\))?$"),
            QRegularExpression::MultilineOption);
        QVERIFY2(column.contains(counted), qPrintable(column));
    }

    // Walk 4 #14b: the mentor's empty conversation speaks to the mentor.
    void theMentorsEmptyConversationSaysWhomToWrite()
    {
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("step-laptop")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("step-laptop")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("threadEmpty")) && settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("threadEmpty")),
                 QStringLiteral("No notes yet. Write to Alex Newhire below."));
    }

    // Walk 13: a note on a step with no review waited for an answer until the
    // mentor wrote one. Mark as read ends that wait, on every count, until
    // the hire writes again.
    void aNoteReadNeedsNoReply()
    {
        const auto waitingLine = [this] {
            static const QRegularExpression line(QStringLiteral("^Waiting for you: .*$"),
                                                 QRegularExpression::MultilineOption);
            return line.match(allTextsUnder(QStringLiteral("menteeColumn"))).captured(0);
        };
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(waitingLine().contains(QStringLiteral("1 note")) && settled(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("menteeUnanswered-alex")), e2e::kPatienceMs);
        const int badge = onramp::ui::Badge::instance()->count();
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("step-handbook")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("step-handbook")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        // On a step with a note waiting only; its accessible name says what it does.
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("markReadButton")) && settled(), e2e::kPatienceMs);
        QAccessibleInterface* button = QAccessible::queryAccessibleInterface(item(QStringLiteral("markReadButton")));
        QVERIFY(button);
        QCOMPARE(button->text(QAccessible::Name), QStringLiteral("Mark Alex Newhire's notes as read, with no reply"));
        QVERIFY(m_ui->click(QStringLiteral("markReadButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("markReadButton")), e2e::kPatienceMs);
        // Said, not only seen by the button going.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")),
                                  QStringLiteral("Marked as read: Alex Newhire's notes here no longer wait for your "
                                                 "answer."),
                                  e2e::kPatienceMs);
        // The keys go to the note box beside it, not nowhere.
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("threadNoteField"))->hasActiveFocus(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(onramp::ui::Badge::instance()->count(), badge - 1, e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(!waitingLine().contains(QStringLiteral("note")) && settled(), e2e::kPatienceMs);
        QVERIFY2(waitingLine().contains(QStringLiteral("1 review")), qPrintable(waitingLine()));
        QVERIFY(!shown(QStringLiteral("menteeUnanswered-alex")));
        // The mentee's step row, read by the page's own backend, says so too.
        QTRY_VERIFY_WITH_TIMEOUT(!allTextsUnder(QStringLiteral("mentor")).contains(QStringLiteral("not answered")),
                                 e2e::kPatienceMs);

        // The hire writes again: it waits again.
        const onramp::Error e = e2e::asDemoPerson(m_demo, QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("handbook"),
                                             QStringLiteral("Found it, thanks. One more: who owns it?"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        // Only the new note: the one read before stays read.
        QTRY_VERIFY_WITH_TIMEOUT(waitingLine().contains(QStringLiteral("1 note")) && settled(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(onramp::ui::Badge::instance()->count(), badge, e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("menteeUnanswered-alex")),
                                  QStringLiteral("1 note not answered"), e2e::kPatienceMs);
    }

    // Issue 16 / walk 4: after Renew the keys stay on the renewed grant's
    // row, once the grants list is made again; after Revoke they go to the
    // next row, else to the list's heading. Never nowhere.
    void theFocusStaysWithTheGrantsAfterRenewAndRevoke()
    {
        // maya approves the step left and signs alex off: a production grant to renew and revoke.
        const onramp::Error e = e2e::asDemoPerson(m_demo, QStringLiteral("maya"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            if (onramp::Error r = enrollments.review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {}))
                return r;
            return enrollments.signOff(QStringLiteral("alex"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(showAlexToMaya());

        const QPointer<QQuickItem> before = item(QStringLiteral("renew-prod-db"));
        QVERIFY(m_ui->click(QStringLiteral("renew-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("mentor"), QStringLiteral("grantDialog")), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantConfirmButton"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")).startsWith(QStringLiteral("Renewed ")),
                                 e2e::kPatienceMs);
        // The row is made anew: the Renew that opened the dialog is gone.
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("renew-prod-db"))
                                     && item(QStringLiteral("renew-prod-db")) != before && settled(),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(focusItem() == item(QStringLiteral("renew-prod-db")), e2e::kPatienceMs);
        QVERIFY(focusItem()->property("visualFocus").toBool());

        // Revoked, from the keyboard: prod-db is the only grant, so the keys go to the heading.
        m_ui->key(Qt::Key_Backtab);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("revoke-prod-db"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("mentor"), QStringLiteral("grantDialog")), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantCancelButton"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Backtab);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantConfirmButton"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("grant-status-prod-db")) == QStringLiteral("revoked")
                                     && settled(),
                                 e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantsHeading"), e2e::kPatienceMs);
    }

    // Walk 4 #5: Admin › Vault › Restore from backup… reads the file first
    // (one that is no backup is named, and nothing closes), asks with what
    // it replaces and the admin's passphrase (a wrong one closes nothing),
    // then restores as `onramp restore FILE --replace` does and leaves the
    // admin at the sign-in page, told what it did.
    void anAdminRestoresABackupInTheApp()
    {
        const QString file = m_dir.filePath(QStringLiteral("backup.onramp"));
        {
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            QVERIFY(vault);
            const onramp::Error e = onramp::backup::take(*vault, file, false, QDateTime::currentDateTimeUtc());
            QVERIFY2(!e, qPrintable(e.message));
            // Recorded after the backup: the restore takes it away.
            const onramp::Error added = onramp::People(*vault).add(QStringLiteral("zed"), QStringLiteral("Zed Later"),
                                                                   onramp::Role::Hire, "zed's long passphrase");
            QVERIFY2(!added, qPrintable(added.message));
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("vault"));
        QVERIFY(visible("restoreButton"));
        QQuickItem* tab = item("vaultTab");
        QVERIFY(tab);

        // Not a backup: said by name, and the vault stays open.
        const QString notBackup = m_dir.filePath(QStringLiteral("notes.onramp"));
        {
            QFile out(notBackup);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("just some notes\n");
        }
        QVERIFY(QMetaObject::invokeMethod(tab, "restoreFrom", Q_ARG(QUrl, QUrl::fromLocalFile(notBackup))));
        QTRY_VERIFY_WITH_TIMEOUT(visible("restoreProblem") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("restoreProblem").startsWith(QStringLiteral("Cannot restore: ") + notBackup)
                     && text("restoreProblem").contains(QStringLiteral("is not an Onramp backup")),
                 qPrintable(text("restoreProblem")));
        QVERIFY(!isOpen(QStringLiteral("admin"), QStringLiteral("restoreDialog")));
        shot(QStringLiteral("restore-tab"));

        // The backup: the dialog says what it replaces and that the vault closes.
        QVERIFY(QMetaObject::invokeMethod(tab, "restoreFrom", Q_ARG(QUrl, QUrl::fromLocalFile(file))));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("admin"), QStringLiteral("restoreDialog")) && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(!visible("restoreProblem"));
        QObject* dialog = item(QStringLiteral("admin"))->findChild<QObject*>(QStringLiteral("restoreDialog"));
        const QString said = dialog->property("message").toString();
        QVERIFY2(said.startsWith(QStringLiteral("The backup Ada Admin took on "))
                     && said.contains(QStringLiteral("replaces everything in this vault"))
                     && said.contains(QStringLiteral("kept aside"))
                     && said.contains(QStringLiteral("The vault closes")),
                 qPrintable(said));
        QCOMPARE(focusedName(), QStringLiteral("confirmPassphrase"));
        shot(QStringLiteral("restore-dialog"));

        // A wrong passphrase closes nothing.
        typeText(QStringLiteral("not ada's passphrase"));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(visible("confirmPassphraseError") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("confirmPassphraseError"),
                 QStringLiteral("That passphrase does not open your key; nothing was restored."));
        QCOMPARE(m_ui->page(), QStringLiteral("admin"));

        typeText(e2e::demoPassphrase(QStringLiteral("ada")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Restored the backup Ada Admin took on ")),
                                 e2e::kPatienceMs);
        // zed's addition came after the backup: this desktop saw it, and says so.
        QVERIFY2(notice().contains(QStringLiteral("Sign in again.")) && notice().contains(QStringLiteral("kept at "))
                     && notice().contains(QStringLiteral("what was recorded in between is not in it")),
                 qPrintable(notice()));
        shot(QStringLiteral("restore-done"));

        // The person added after the backup is gone, and the restore is on record.
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        QVERIFY(vault);
        const auto people = vault->people();
        QVERIFY(std::none_of(people.cbegin(), people.cend(),
                             [](const onramp::Person& p) { return p.name == QLatin1String("zed"); }));
        QList<onramp::AuditEntry> entries;
        onramp::AuditQuery query;
        query.action = QStringLiteral("vault.restore");
        QVERIFY(!onramp::AuditLog::visibleEntries(*vault, query, &entries));
        QCOMPARE(entries.size(), 1);
    }

    // A restore over a vault whose log does not verify would bring back
    // what it revoked: the app restores nothing, says why, and gives the
    // command that restores the backup as it is. No rollback in the app.
    void aLogThatDoesNotVerifySendsTheRollbackToTheCommandLine()
    {
        const QString file = m_dir.filePath(QStringLiteral("backup.onramp"));
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("vault"));
        {
            // Someone holding the master key edits an entry of the log.
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            QVERIFY(vault);
            onramp::Database& db = vault->db();
            QList<QVariantList> triggers;
            QVERIFY(!db.execute(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND "
                                               "tbl_name = 'audit_log'"),
                                {}, &triggers));
            for (const QVariantList& trigger : std::as_const(triggers))
                QVERIFY(!db.execute(QStringLiteral("DROP TRIGGER %1").arg(trigger.at(0).toString())));
            QVERIFY(!db.execute(QStringLiteral("UPDATE audit_log SET subject = subject || '!' WHERE seq = 2")));
            for (const QVariantList& trigger : std::as_const(triggers))
                QVERIFY(!db.execute(trigger.at(1).toString()));
        }
        QVERIFY(QMetaObject::invokeMethod(item("vaultTab"), "restoreFrom", Q_ARG(QUrl, QUrl::fromLocalFile(file))));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("admin"), QStringLiteral("restoreDialog")) && settled(),
                                 e2e::kPatienceMs);
        typeText(e2e::demoPassphrase(QStringLiteral("ada")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Nothing was restored; the vault is as it was: ")),
                                 e2e::kPatienceMs);
        const QString said = notice();
        QVERIFY2(said.contains(QStringLiteral("does not verify")) && said.contains(QStringLiteral("command line"))
                     && said.contains(QStringLiteral("onramp restore ") + file + QStringLiteral(" --vault ") + m_demo
                                      + QStringLiteral(" --as ada --replace --rollback")),
                 qPrintable(said));
        QVERIFY(QFileInfo::exists(m_demo));
        shot(QStringLiteral("restore-refused"));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesNine)

#include "TestWalkFixesNine.moc"
