// The seventeenth walk's findings, in the real window on the demo team's
// vault: a save over a file that is there asks first, for an export and
// for a backup alike; a move that ends the hire's sign-off says so on Home.
#include "AdminFixture.h"

#include "Appearance.h"
#include "Demo.h"
#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QScopeGuard>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesSeventeen : public e2e::AdminFixture
{
    Q_OBJECT

    /// Types \a path into the open save dialog's name field and clicks its
    /// accept button (\a accept, e.g. "Export").
    bool typeInSaveDialog(const QString& path, const QString& accept)
    {
        if (!typeOver("fileNameTextField", path))
            return false;
        QQuickItem* button = m_ui->dialogButton(accept);
        if (!button || !QTest::qWaitFor([&] { return button->isEnabled(); }, e2e::kPatienceMs))
            return false;
        clickItem(button);
        return true;
    }

    void clickItem(const QQuickItem* it)
    {
        QTest::mouseClick(m_window, Qt::LeftButton, {},
                          it->mapToScene(QPointF(it->width() / 2, it->height() / 2)).toPoint());
    }

    static QByteArray contents(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static bool write(const QString& path, const QByteArray& bytes)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
    }

    /// Signs in as the hire \a name and opens their step "handbook" from the
    /// Checklist; true once the step page has settled on its state.
    bool openHandbookAs(const QString& name)
    {
        if (!m_ui->signInAs(name) || !m_ui->waitForPage(QStringLiteral("home"))
            || !showPage(QStringLiteral("checklist")))
            return false;
        if (!QTest::qWaitFor([&] { return visible("step-handbook") && settled(); }, e2e::kPatienceMs)
            || !click("step-handbook") || !m_ui->waitForPage(QStringLiteral("step")))
            return false;
        return QTest::qWaitFor([&] { return visible("stepState") && settled(); }, e2e::kPatienceMs);
    }

    QObject* openAuditExport()
    {
        if (!showPage(QStringLiteral("audit")) || !click("auditExport") || !click("auditExportCsv"))
            return nullptr;
        return m_ui->openFileDialog(QStringLiteral("audit"));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // A new name saves at once. A name that is there asks, naming the file
    // and its folder, and changes nothing until it is answered: "Choose
    // another name" (where the keys start) goes back to the save dialog,
    // Replace overwrites.
    void anExportOverAFileThatIsThereAsksFirst()
    {
        const QString folder = QDir(m_dir.path()).canonicalPath();
        const QString target = folder + QStringLiteral("/trail.csv");

        QObject* dialog = openAuditExport();
        QVERIFY(dialog);
        // A desktop's own dialog is told not to ask as well: one question.
        constexpr int dontConfirmOverwrite = 0x4; // QFileDialogOptions::DontConfirmOverwrite
        QVERIFY(dialog->property("options").toInt() & dontConfirmOverwrite);
        QVERIFY(typeInSaveDialog(target, QStringLiteral("Export")));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(target) && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("replaceFileMessage"));
        QVERIFY(contents(target).startsWith("seq,"));

        QVERIFY(write(target, "kept\n"));
        QVERIFY((dialog = openAuditExport()));
        QVERIFY(typeInSaveDialog(target, QStringLiteral("Export")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceFileMessage") && settled(), e2e::kPatienceMs);
        QVERIFY(!dialog->property("visible").toBool());
        const QString asked = text("replaceFileMessage");
        QVERIFY2(asked.contains(folder), qPrintable(asked));
        QTRY_VERIFY_WITH_TIMEOUT(focused("replaceFileBackButton"), e2e::kPatienceMs);
        shot(QStringLiteral("replace-file-asks"));
        QCOMPARE(contents(target), QByteArray("kept\n"));

        // No (Enter, where the keys start): back in the save dialog, at the
        // same name; nothing written.
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("replaceFileMessage"), e2e::kPatienceMs);
        QVERIFY((dialog = m_ui->openFileDialog(QStringLiteral("audit"))));
        QCOMPARE(dialog->property("selectedFile").toUrl().toLocalFile(), target);
        QCOMPARE(dialog->property("currentFolder").toUrl().toLocalFile(), folder);
        QCOMPARE(text("fileNameTextField"), QStringLiteral("trail.csv"));
        QCOMPARE(contents(target), QByteArray("kept\n"));

        // Yes: replaced, and said so.
        QQuickItem* exportButton = m_ui->dialogButton(QStringLiteral("Export"));
        QVERIFY(exportButton);
        clickItem(exportButton);
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceFileMessage") && settled(), e2e::kPatienceMs);
        QVERIFY(click("replaceFileButton"));
        QTRY_VERIFY_WITH_TIMEOUT(contents(target).startsWith("seq,"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(target), e2e::kPatienceMs);
        QVERIFY(!visible("replaceFileMessage"));
        // The keys are back on the button the export started from.
        QTRY_VERIFY_WITH_TIMEOUT(focused("auditExport"), e2e::kPatienceMs);
    }

    // Escape on the question goes back to the save dialog too; Escape there
    // ends the export with nothing written, and the keys go back to the
    // button that opened it.
    void escapeGoesBackAndThenOut()
    {
        const QString target = QDir(m_dir.path()).canonicalPath() + QStringLiteral("/summary.pdf");
        QVERIFY(write(target, "kept\n"));
        QVERIFY(showPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT(item("reportExportPdf") && item("reportExportPdf")->isEnabled() && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->chooseRow(QStringLiteral("reportHirePicker"), 1));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("reportExportPdf"));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("report"));
        QVERIFY(dialog);
        QVERIFY(typeInSaveDialog(target, QStringLiteral("Save")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceFileMessage") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("replaceFileMessage"), e2e::kPatienceMs);
        QVERIFY((dialog = m_ui->openFileDialog(QStringLiteral("report"))));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(focused("reportExportPdf"), e2e::kPatienceMs);
        QCOMPARE(contents(target), QByteArray("kept\n"));
    }

    // A backup over a file that is there asks as well, and once told to,
    // replaces it with the backup.
    void aBackupOverAFileThatIsThereAsksFirst()
    {
        const QString target = QDir(m_dir.path()).canonicalPath() + QStringLiteral("/team.onramp");
        QVERIFY(write(target, "kept\n"));
        showTab(QStringLiteral("vault"));
        QVERIFY(click("backupButton"));
        QVERIFY(m_ui->openFileDialog(QStringLiteral("admin")));
        QVERIFY(typeInSaveDialog(target, QStringLiteral("Back up")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceFileMessage") && settled(), e2e::kPatienceMs);
        QCOMPARE(contents(target), QByteArray("kept\n"));
        QVERIFY(click("replaceFileButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Backed up")), e2e::kPatienceMs);
        QVERIFY2(notice().contains(target), qPrintable(notice()));
        QVERIFY(contents(target) != QByteArray("kept\n"));
        QVERIFY(contents(target).size() > 1000);
    }

    // Undo is not offered on a done step once production access is signed
    // off; the step page says why where it would be, naming the mentor.
    void undoIsOffAfterTheSignoffAndSaysWhy()
    {
        QVERIFY(openHandbookAs(QStringLiteral("noor")));
        QVERIFY(!visible("undoButton"));
        QCOMPARE(text("undoOffNote"),
                 QStringLiteral("Undo is off once production access is signed off. Ask Maya Mentor if this step "
                                "needs doing again."));
        shot(QStringLiteral("undo-off-after-signoff"));
        // A hire not signed off keeps Undo, and no such note.
        QVERIFY(openHandbookAs(QStringLiteral("kai")));
        QVERIFY(visible("undoButton"));
        QVERIFY(!visible("undoOffNote"));
    }

    // Ask for changes asks first, as Approve does: the step and the hire
    // named, the comment shown. Escape sends nothing and keeps the comment;
    // Enter sends it.
    void askForChangesAsksFirst()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(click("review-alex-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("rejectButton") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("rejectButton"), QStringLiteral("Ask for changes…"));
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("Restore into a fresh database, please")));
        QVERIFY(click("rejectButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("sendBackQuestion") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("sendBackQuestion"),
                 QStringLiteral("Send “Restore a backup into your sandbox” back to Alex Newhire? They redo it and "
                                "resubmit it for your review; until then it does not count towards their production "
                                "access."));
        QCOMPARE(text("sendBackComment"), QStringLiteral("“Restore into a fresh database, please”"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("sendBackConfirmButton"), e2e::kPatienceMs);
        shot(QStringLiteral("ask-for-changes-asks"));

        // Enter on Cancel cancels: nothing sent.
        QTest::keyClick(m_window, Qt::Key_Tab);
        QTRY_VERIFY_WITH_TIMEOUT(focused("sendBackCancelButton"), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("sendBackQuestion"), e2e::kPatienceMs);
        QVERIFY(visible("approveButton")); // still waiting for the review
        QVERIFY(click("rejectButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("sendBackQuestion") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("sendBackQuestion"), e2e::kPatienceMs);
        QVERIFY(visible("approveButton")); // still waiting for the review
        QCOMPARE(text("threadNoteField"), QStringLiteral("Restore into a fresh database, please"));

        QVERIFY(click("rejectButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("sendBackQuestion") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(text("stepState").startsWith(QStringLiteral("You asked for")), e2e::kPatienceMs);
        QVERIFY(!visible("approveButton"));
    }

    // In dark, a switch reads on or off at a glance: its knob stands out
    // at 3:1 or more from the track around it, off (the track empty) and
    // on (the track filled).
    void aSwitchReadsOnOrOffInDark()
    {
        using onramp::ui::Appearance;
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("dark")));
        const auto light = qScopeGuard([] { Appearance::instance()->setModeForThisRun(QStringLiteral("light")); });
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QVERIFY(click("settingsButton"));
        QQuickItem* toggle = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((toggle = item("notificationsSwitch")) && settled(), e2e::kPatienceMs);
        const bool before = toggle->property("checked").toBool();
        for (const bool on : {false, true}) {
            if (toggle->property("checked").toBool() != on)
                QVERIFY(click("notificationsSwitch"));
            QTRY_COMPARE_WITH_TIMEOUT(toggle->property("checked").toBool(), on, e2e::kPatienceMs);
            QTest::qWait(300); // the knob's slide
            const auto* knob = toggle->findChild<QQuickItem*>(QStringLiteral("switchKnob"));
            QVERIFY(knob);
            const QQuickItem* track = knob->parentItem();
            const QImage image = m_window->grabWindow();
            const QPoint knobAt = knob->mapToScene(QPointF(knob->width() / 2, knob->height() / 2)).toPoint();
            // The track's far end from the knob, inside its edge.
            const QPoint trackAt =
                track->mapToScene(QPointF(on ? 7 : track->width() - 8, track->height() / 2)).toPoint();
            const double contrast = Appearance::contrast(image.pixelColor(knobAt), image.pixelColor(trackAt));
            QVERIFY2(contrast >= 3.0,
                     qPrintable(QStringLiteral("%1: the knob at %2:1 from its track")
                                    .arg(on ? QStringLiteral("on") : QStringLiteral("off"))
                                    .arg(contrast, 0, 'f', 2)));
            shot(QStringLiteral("switch-dark-") + (on ? QStringLiteral("on") : QStringLiteral("off")));
        }
        if (toggle->property("checked").toBool() != before)
            QVERIFY(click("notificationsSwitch"));
        QTest::keyClick(m_window, Qt::Key_Escape);
    }

    // Enter on the approval question's Cancel cancels: it approved before,
    // the question's Enter taking the key from the button that has it.
    void enterOnCancelApprovesNothing()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(click("review-kai-sandbox-tests"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("approveButton") && settled(), e2e::kPatienceMs);
        QVERIFY(click("approveButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("approveQuestion") && settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Tab);
        QTRY_VERIFY_WITH_TIMEOUT(focused("approveCancelButton"), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("approveQuestion"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(visible("approveButton")); // still waiting for the review
        onramp::EnrollmentStatus kai;
        const onramp::Error e = e2e::asDemoPerson(m_demo, QStringLiteral("maya"), [&](onramp::Vault& v) {
            return onramp::Enrollments(v).status(QStringLiteral("kai"), &kai);
        });
        QVERIFY2(!e, qPrintable(e.message));
        for (const onramp::StepView& step : std::as_const(kai.steps))
            QVERIFY2(!step.approved, qPrintable(step.step.id));
    }

    // A move that ends the hire's sign-off says so on their Home: production
    // access ended, and the mentor reviews again and signs off again.
    void aMoveThatEndsTheSignoffSaysSo()
    {
        // noor, signed off, has looked at Home once: a move before the first look is no news.
        QVERIFY(m_ui->signInAs(QStringLiteral("noor")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!visible("moveNotice"));
        {
            std::unique_ptr<onramp::Vault> admin = unlockDemo(QStringLiteral("ada"));
            QVERIFY(admin);
            QByteArray two = onramp::demo::sampleChecklist();
            // And the laptop, which noor did on version 1 unreviewed, is reviewed from version 2 on.
            two.replace("title: Set up your laptop\n", "title: Set up your laptop\n      signoff: true\n");
            e2e::importChecklist(*admin, two);
            const onramp::Error e = onramp::Enrollments(*admin).move(QStringLiteral("noor"), 2);
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("noor")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveNotice") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("moveNoticeText"),
                 QStringLiteral("Ada Admin moved you to version 2 of the checklist. Your production access and the "
                                "approvals given before the move ended with it. Waiting for Maya Mentor's review, "
                                "then a new sign-off, before production opens: “Set up your laptop”, “Run the test "
                                "suite against your sandbox”, and “Restore a backup into your sandbox”."));
        shot(QStringLiteral("move-ends-signoff"));
    }
};

QTEST_MAIN(TestWalkFixesSeventeen)
#include "TestWalkFixesSeventeen.moc"
