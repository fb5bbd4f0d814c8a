// A mentor's way through the real window where it used to end: Ask for
// changes says it waits for a comment; a wrong passphrase at the sign-off
// keeps the dialog open with the reason inside it; the report's exports open
// in a folder that exists (no Documents folder here), take an absolute path
// typed as the name as it is, and say a failed write in a sentence.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"

#include <QAccessible>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

QString description(QQuickItem* item)
{
    QAccessibleInterface* iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->text(QAccessible::Description) : QString();
}

} // namespace

class TestMentorWalk : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_home;

    void typeKeys(const QString& text)
    {
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
    }

    /// The report page's save dialog on show, once \a button opened it.
    QObject* openSaveDialog(const QString& button)
    {
        if (!m_ui->click(button))
            return nullptr;
        return m_ui->openFileDialog(QStringLiteral("report"));
    }

    /// Types \a name over the suggested one in the open save dialog and presses its \a accept button.
    bool saveAs(const QString& name, const QString& accept)
    {
        if (!m_ui->click(QStringLiteral("fileNameTextField")))
            return false;
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        typeKeys(name);
        QQuickItem* button = m_ui->dialogButton(accept);
        if (!button)
            return false;
        const QPointF centre = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
        return true;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QAccessible::setActive(true);
        QVERIFY(m_dir.isValid());
        // A home with no Documents folder in it, as on a fresh machine.
        m_home = m_dir.filePath(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(m_home));
        qputenv("HOME", QFile::encodeName(m_home));
        qunsetenv("XDG_CONFIG_HOME");
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(!QFileInfo(QDir(m_home).filePath(QStringLiteral("Documents"))).exists());
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const onramp::Error signIn = Session::instance()->unlockNow(
            QStringLiteral("maya"), e2e::demoPassphrase(QStringLiteral("maya")).toUtf8());
        QVERIFY2(!signIn, qPrintable(signIn.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    void askForChangesSaysItWaitsForAComment()
    {
        // A step still waits for review: Sign off is held, and says why under it, not in a
        // tooltip that a disabled button never shows.
        QQuickItem* held = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((held = m_ui->item(QStringLiteral("signoffHeld"))), e2e::kPatienceMs);
        QVERIFY(!m_ui->item(QStringLiteral("signoffButton"))->isEnabled());
        QCOMPARE(held->property("text").toString(), QStringLiteral("Once every required step is done and approved"));
        QCOMPARE(description(m_ui->item(QStringLiteral("signoffButton"))), held->property("text").toString());
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("review-alex-restore-drill")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("review-alex-restore-drill")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QQuickItem* reject = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((reject = m_ui->item(QStringLiteral("rejectButton"))), e2e::kPatienceMs);
        QVERIFY(!reject->isEnabled());
        // Said in sight and to a screen reader while the note box is empty.
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("rejectHint")), e2e::kPatienceMs);
        const QString hint = m_ui->text(QStringLiteral("rejectHint"));
        QVERIFY2(hint.contains(QStringLiteral("write what to change")), qPrintable(hint));
        QCOMPARE(description(reject), hint);
        QVERIFY(e2e::overflowingItems(m_window).isEmpty());
        // A comment written: the button works, and the hint, in its place, says
        // what the buttons send: nothing under it moves as one types.
        QQuickItem* field = m_ui->item(QStringLiteral("threadNoteField"));
        QVERIFY(field);
        // Where the box sits under the buttons, whichever way the page scrolls to show it.
        const auto below = [&] { return field->mapToItem(reject, QPointF(0, 0)).y(); };
        const qreal fieldY = below();
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("Please add the counts")));
        QTRY_VERIFY_WITH_TIMEOUT(reject->isEnabled(), e2e::kPatienceMs);
        // With the keys that do the same, named where they work.
        QCOMPARE(m_ui->text(QStringLiteral("rejectHint")),
                 QStringLiteral("Approve or Ask for changes sends what you wrote below along with it. "
                                "Keys: Ctrl+Shift+A approves, Ctrl+Shift+R asks for changes."));
        QVERIFY(description(reject).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(below(), fieldY, e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("rejectHint")), hint, e2e::kPatienceMs);
        QCOMPARE(below(), fieldY);

        // Approved, so that only the sign-off is missing for the next test.
        QVERIFY(m_ui->click(QStringLiteral("approveButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("approveConfirmButton")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("approveConfirmButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("approveButton")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    void aWrongPassphraseKeepsTheSignOffDialogOpen()
    {
        QQuickItem* signoff = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((signoff = m_ui->item(QStringLiteral("signoffButton"))) && signoff->isEnabled(),
                                 e2e::kPatienceMs);
        QVERIFY(!m_ui->item(QStringLiteral("signoffHeld")));
        QVERIFY(m_ui->click(QStringLiteral("signoffButton")));
        QQuickItem* field = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((field = m_ui->item(QStringLiteral("confirmPassphrase"))) && field->hasActiveFocus(),
                                 e2e::kPatienceMs);
        QObject* dialog = m_ui->item(QStringLiteral("mentor"))->findChild<QObject*>(QStringLiteral("signoffDialog"));
        QVERIFY(dialog);
        typeKeys(QStringLiteral("not my passphrase"));
        QTest::keyClick(m_window, Qt::Key_Return);

        // The reason inside the dialog, which stays open, the field empty and ready again.
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("confirmPassphraseError")), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("confirmPassphraseError")).contains(QStringLiteral("passphrase")),
                 qPrintable(m_ui->text(QStringLiteral("confirmPassphraseError"))));
        QVERIFY(dialog->property("visible").toBool());
        QVERIFY(field->property("text").toString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("locked"));

        // The right one signs and closes it.
        typeKeys(e2e::demoPassphrase(QStringLiteral("maya")));
        QVERIFY(m_ui->click(QStringLiteral("confirmButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")).contains(QStringLiteral("Signed off")),
                                 e2e::kPatienceMs);
    }

    void theExportOpensInAFolderThatExists()
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-report")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("reportExportCsv")), e2e::kPatienceMs);
        QObject* dialog = openSaveDialog(QStringLiteral("reportExportCsv"));
        QVERIFY(dialog);
        const QString folder = dialog->property("currentFolder").toUrl().toLocalFile();
        QVERIFY2(QFileInfo(folder).isDir(), qPrintable(folder));
        QCOMPARE(QDir(folder).canonicalPath(), QDir(m_home).canonicalPath());
        const QString suggested = dialog->property("selectedFile").toUrl().toLocalFile();
        QVERIFY2(QFileInfo(suggested).absoluteDir().exists(), qPrintable(suggested));
        QMetaObject::invokeMethod(dialog, "reject");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
    }

    void aFailedWriteSaysWhatToDo()
    {
        const QString target = QDir(m_dir.filePath(QStringLiteral("gone"))).filePath(QStringLiteral("report.csv"));
        QObject* dialog = openSaveDialog(QStringLiteral("reportExportCsv"));
        QVERIFY(dialog);
        QVERIFY(saveAs(target, QStringLiteral("Export")));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        // The folder is checked before anything is read: the notice names it.
        const QString folder = QDir::toNativeSeparators(m_dir.filePath(QStringLiteral("gone")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")).contains(folder), e2e::kPatienceMs);
        const QString notice = m_ui->text(QStringLiteral("noticeText"));
        QVERIFY2(notice.contains(QStringLiteral("does not exist. Nothing was exported.")), qPrintable(notice));
        QVERIFY2(!notice.contains(QStringLiteral("No such file")), qPrintable(notice));
        QVERIFY(!QFileInfo::exists(target));
    }

    void cleanupTestCase() { closeWindow(); }
};

ONRAMP_E2E_MAIN(TestMentorWalk)

#include "TestMentorWalk.moc"
