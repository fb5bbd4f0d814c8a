// The app's session: sign-in off the GUI thread, a wrong passphrase, locking,
// and backends that go away while their work is still on the worker.
#include "VaultTestUtil.h"

#include "EnrollmentBackend.h"
#include "Session.h"
#include "TeamBackend.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using onramp::ui::Session;

class TestSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        const QString vault = m_dir.filePath(QStringLiteral("vault"));
        QVERIFY(vaulttest::makeVault(vault));
        Session::instance()->setVaultPath(vault);
    }

    void wrongPassphraseSetsAnErrorAndStaysLocked()
    {
        Session* session = Session::instance();
        session->unlock(QStringLiteral("hal"), QStringLiteral("not hal's passphrase"));
        QVERIFY(session->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), 10000);
        QVERIFY(!session->isUnlocked());
        QVERIFY(!session->error().isEmpty());
        const QString unknown = session->error();
        session->unlock(QStringLiteral("nobody"), QStringLiteral("whatever"));
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), 10000);
        QCOMPARE(session->error(), unknown); // no hint whether the person exists
    }

    void unlockRunsOffTheGuiThreadAndLocksAgain()
    {
        Session* session = Session::instance();
        QSignalSpy unlocked(session, &Session::unlockedChanged);
        session->unlock(QStringLiteral("ada"), QString::fromUtf8(vaulttest::kAdminPassphrase));
        QVERIFY(session->isBusy());
        QVERIFY(!session->isUnlocked());
        QTRY_VERIFY_WITH_TIMEOUT(session->isUnlocked(), 10000);
        QCOMPARE(session->userName(), QStringLiteral("ada"));
        QCOMPARE(session->role(), QStringLiteral("admin"));
        session->lock();
        QVERIFY(!session->isUnlocked());
        QCOMPARE(unlocked.count(), 2);
    }

    void lockWhileSigningInWins()
    {
        Session* session = Session::instance();
        session->unlock(QStringLiteral("ada"), QString::fromUtf8(vaulttest::kAdminPassphrase));
        QVERIFY(session->isBusy());
        session->lock(); // pressed while the key is still being derived
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), 10000);
        QVERIFY(!session->isUnlocked());
    }

    void backendsDeletedWhileTheirWorkRunsAreNotCalledBack()
    {
        Session* session = Session::instance();
        QVERIFY(!session->unlockNow(QStringLiteral("ada"), vaulttest::kAdminPassphrase));
        for (int i = 0; i < 20; ++i) {
            auto* enrollment = new onramp::ui::EnrollmentBackend;
            auto* team = new onramp::ui::TeamBackend;
            enrollment->setHire(QStringLiteral("hal"));
            enrollment->reload();
            team->reload();
            delete enrollment; // its page closed before the worker answered
            delete team;
        }
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), 10000);
        session->lock();
    }

    void idleLockMinutesAreClampedAndKept()
    {
        Session* session = Session::instance();
        session->setIdleLockMinutes(0);
        QCOMPARE(session->idleLockMinutes(), 1);
        session->setIdleLockMinutes(15);
        QCOMPARE(session->idleLockMinutes(), 15);
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    TestSession test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestSession.moc"
