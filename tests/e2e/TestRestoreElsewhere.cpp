// A restore while another window has the vault open: that window notices
// it, as it notices a disable, and returns to the sign-in page saying an
// admin restored the vault; an act it was about to do never shows SQLite's
// words. The admin who restored in the app finds the sign-in page saying so.
#include "AdminFixture.h"

#include "vault/Backup.h"

#include <QDateTime>
#include <QSettings>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

const QString kRestoredElsewhere = QStringLiteral("An admin restored this vault from a backup; sign in again.");

} // namespace

class TestRestoreElsewhere : public e2e::AdminFixture
{
    Q_OBJECT

    int m_backups = 0;

    /// A new backup of the demo vault, taken as ada; its path. (A backup
    /// taken before a restore this desktop accepted is not restored here.)
    QString freshBackup()
    {
        const QString file = m_dir.filePath(QStringLiteral("backup-%1.onramp").arg(++m_backups));
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        if (!vault)
            return {};
        const onramp::Error e = onramp::backup::take(*vault, file, false, QDateTime::currentDateTimeUtc());
        vault->lock();
        if (e) {
            qWarning() << "cannot take a backup:" << e.message;
            return {};
        }
        return file;
    }

    /// Restores a new backup over the demo vault as ada, as another process
    /// (another window, or the command line) does.
    void restoreAsAda()
    {
        const QString file = freshBackup();
        QVERIFY(!file.isEmpty());
        const onramp::Error e = onramp::backup::restore(file, m_demo, QStringLiteral("ada"),
                                                        e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), true,
                                                        QDateTime::currentDateTimeUtc());
        QVERIFY2(!e, qPrintable(e.message));
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
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }

    void cleanupTestCase() { closeWindow(); }

    void aHiresWindowReturnsToSignInWhenAnAdminRestores()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        restoreAsAda();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_COMPARE_WITH_TIMEOUT(text("signInNote"), kRestoredElsewhere, e2e::kPatienceMs);
        QVERIFY(!Session::instance()->isUnlocked());
        shot(QStringLiteral("restored-elsewhere"));
    }

    void anActOnTheSwappedOutFolderSaysRestoredNotSql()
    {
        // The act runs before the folder's watcher has said anything: it
        // fails on the folder kept aside, and the person reads of the restore.
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        restoreAsAda();
        if (QTest::currentTestFailed())
            return;
        QString said;
        bool finished = false;
        Session::instance()->perform(
            this,
            [](onramp::Vault& vault) {
                return vault.db().execute(QStringLiteral("UPDATE people SET display_name = display_name"));
            },
            [&](const onramp::Error& e) {
                said = e.message;
                finished = true;
            },
            true);
        QTRY_VERIFY_WITH_TIMEOUT(finished, e2e::kPatienceMs);
        QVERIFY2(said.isEmpty() || said == kRestoredElsewhere, qPrintable(said));
        QVERIFY(!said.contains(QStringLiteral("database")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_COMPARE_WITH_TIMEOUT(text("signInNote"), kRestoredElsewhere, e2e::kPatienceMs);
    }

    void theAdminsSignInPageSaysTheRestoreSucceeded()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(text("signInNote").isEmpty());
        const QString file = freshBackup();
        QVERIFY(!file.isEmpty());
        showTab(QStringLiteral("vault"));
        QVERIFY(QMetaObject::invokeMethod(item("vaultTab"), "restoreFrom", Q_ARG(QUrl, QUrl::fromLocalFile(file))));
        QTRY_VERIFY_WITH_TIMEOUT(popupNamed(QStringLiteral("restoreDialog"))
                                     && popupNamed(QStringLiteral("restoreDialog"))->property("opened").toBool()
                                     && settled(),
                                 e2e::kPatienceMs);
        typeText(e2e::demoPassphrase(QStringLiteral("ada")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(text("signInNote").startsWith(QStringLiteral("Restored from the backup of ")),
                                 e2e::kPatienceMs);
        QVERIFY2(text("signInNote").contains(QStringLiteral("taken by Ada Admin"))
                     && text("signInNote").endsWith(QStringLiteral("Sign in again.")),
                 qPrintable(text("signInNote")));
        shot(QStringLiteral("restored-here"));
    }
};

QTEST_MAIN(TestRestoreElsewhere)
#include "TestRestoreElsewhere.moc"
