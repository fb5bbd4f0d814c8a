// The fourteenth walk's findings, in the real window at 1024x640 on the
// demo team's vault signed in as ada: a save dialog keeps the file's name,
// suggested or typed, in every folder the admin goes into; a sign-in error
// about one person goes when another is picked.
#include "AdminFixture.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesFourteen : public e2e::AdminFixture
{
    Q_OBJECT

    QTemporaryDir m_folders;

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(openDemoAsAda());
        QVERIFY(QDir(m_folders.path()).mkpath(QStringLiteral("backups/2026")));
    }

    void cleanupTestCase() { closeWindow(); }

    // A save dialog opens with the keys in its name field, so that Enter
    // saves the name suggested with no click first; each time it opens.
    void aSaveDialogOpensWithTheKeysInTheName()
    {
        showTab(QStringLiteral("vault"));
        for (int time = 0; time < 2; ++time) {
            QVERIFY(click("backupButton"));
            QObject* dialog = m_ui->openFileDialog(QStringLiteral("admin"));
            QVERIFY(dialog);
            QTRY_VERIFY_WITH_TIMEOUT(focused("fileNameTextField"), e2e::kPatienceMs);
            m_ui->key(Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
        }
    }

    // The backup's save dialog: the name it suggests, and then one the
    // admin typed, stay in the name field as the admin goes into folders.
    void theBackupDialogKeepsTheNameInEveryFolder()
    {
        showTab(QStringLiteral("vault"));
        QVERIFY(click("backupButton"));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("admin"));
        QVERIFY(dialog);
        const QString suggested = text("fileNameTextField");
        QVERIFY2(suggested.startsWith(QStringLiteral("onramp-backup-"))
                     && suggested.endsWith(QStringLiteral(".onramp")),
                 qPrintable(suggested));

        QVERIFY(m_ui->goIntoFolder(dialog, m_folders.path(), QStringLiteral("backups")));
        QTRY_COMPARE_WITH_TIMEOUT(text("fileNameTextField"), suggested, e2e::kPatienceMs);

        QVERIFY(typeOver("fileNameTextField", QStringLiteral("before-the-move.onramp")));
        QTest::keyClick(m_window, Qt::Key_Tab); // the name is taken as the field is left
        QVERIFY(m_ui->goIntoFolder(dialog, m_folders.filePath(QStringLiteral("backups")), QStringLiteral("2026")));
        QTRY_COMPARE_WITH_TIMEOUT(text("fileNameTextField"), QStringLiteral("before-the-move.onramp"),
                                  e2e::kPatienceMs);
        shot(QStringLiteral("backup-dialog-kept-name"));
        // Saved under that name in the folder gone into.
        QVERIFY(click("fileNameTextField"));
        m_ui->key(Qt::Key_Return);
        const QString saved = m_folders.filePath(QStringLiteral("backups/2026/before-the-move.onramp"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(saved) && notice().contains(QStringLiteral("before-the-move")),
                                 30000);
        QVERIFY(!QFileInfo::exists(m_folders.filePath(QStringLiteral("backups/2026/2026"))));
    }

    // A wrong passphrase for one person: the error goes once another person
    // is picked, with the demo's Use button or in the picker; ada signs in.
    void aSignInErrorIsNotShownForTheNextPerson()
    {
        QVERIFY(m_ui->signInThroughPage(0, QStringLiteral("not ada's passphrase")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("signInError") && settled(), e2e::kPatienceMs);
        QVERIFY(click("demoUse-maya"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("signInError"), e2e::kPatienceMs);
        QCOMPARE(item("personPicker")->property("currentText").toString(), QStringLiteral("maya"));

        QVERIFY(typeOver("signInPassphrase", QStringLiteral("not maya's passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(visible("signInError") && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), 0));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("signInError"), e2e::kPatienceMs);
        QVERIFY(click("demoUse-ada"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesFourteen)

#include "TestWalkFixesFourteen.moc"
