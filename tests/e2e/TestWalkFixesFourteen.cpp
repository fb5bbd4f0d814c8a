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

    /// The file dialog of the admin page that shows, once it shows with its name field.
    QObject* openFileDialog()
    {
        QObject* dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                const auto all = item("admin")->findChildren<QObject*>();
                for (QObject* d : all)
                    if (d->inherits("QQuickFileDialog") && d->property("visible").toBool())
                        dialog = d;
                return dialog != nullptr && item("fileNameTextField") != nullptr
                    && item("fileNameTextField")->isEnabled() && settled();
            },
            e2e::kPatienceMs);
        return dialog;
    }

    /// In the open file \a dialog, shows \a parent and double-clicks its
    /// folder \a name, as a person goes into it.
    void goInto(QObject* dialog, const QString& parent, const QString& name)
    {
        QVERIFY(dialog->setProperty("currentFolder", QUrl::fromLocalFile(parent)));
        QQuickItem* row = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                row = nullptr;
                for (int i = 0; i < 50 && !row; ++i) {
                    QQuickItem* it = item(QStringLiteral("fileDialogDelegate%1").arg(i));
                    if (it && it->property("fileName").toString() == name)
                        row = it;
                }
                return row != nullptr && settled();
            }(),
            e2e::kPatienceMs);
        const QPoint centre = row->mapToScene(QPointF(row->width() / 2, row->height() / 2)).toPoint();
        QTest::mouseDClick(m_window, Qt::LeftButton, {}, centre);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->property("currentFolder").toUrl().toLocalFile(), QDir(parent).filePath(name),
                                  e2e::kPatienceMs);
    }

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

    // The backup's save dialog: the name it suggests, and then one the
    // admin typed, stay in the name field as the admin goes into folders.
    void theBackupDialogKeepsTheNameInEveryFolder()
    {
        showTab(QStringLiteral("vault"));
        QVERIFY(click("backupButton"));
        QObject* dialog = openFileDialog();
        QVERIFY(dialog);
        const QString suggested = text("fileNameTextField");
        QVERIFY2(suggested.startsWith(QStringLiteral("onramp-backup-"))
                     && suggested.endsWith(QStringLiteral(".onramp")),
                 qPrintable(suggested));

        goInto(dialog, m_folders.path(), QStringLiteral("backups"));
        QTRY_COMPARE_WITH_TIMEOUT(text("fileNameTextField"), suggested, e2e::kPatienceMs);

        QVERIFY(typeOver("fileNameTextField", QStringLiteral("before-the-move.onramp")));
        QTest::keyClick(m_window, Qt::Key_Tab); // the name is taken as the field is left
        goInto(dialog, m_folders.filePath(QStringLiteral("backups")), QStringLiteral("2026"));
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
