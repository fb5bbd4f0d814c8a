// The app's session: sign-in off the GUI thread, a wrong passphrase, locking,
// and backends that go away while their work is still on the worker.
#include "VaultTestUtil.h"

#include "Demo.h"
#include "EnrollmentBackend.h"
#include "Session.h"
#include "TeamBackend.h"
#include "audit/Ledger.h"
#include "audit/SignatureChecks.h"
#include "checklist/ChecklistParser.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QSettings>
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
    void theReadmesSampleChecklistIsTheDemos()
    {
        // The README's first week imports docs/examples/backend-week-one.yaml;
        // the demo vault builds the same checklist from its own copy.
        QFile file(QStringLiteral(ONRAMP_TEST_DATA "/../../docs/examples/backend-week-one.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const onramp::ParseResult example = onramp::parseChecklist(file.readAll(), file.fileName());
        const onramp::ParseResult demo =
            onramp::parseChecklist(onramp::demo::sampleChecklist(), QStringLiteral("demo"));
        QVERIFY2(example.ok(), qPrintable(example.errors.join(QLatin1Char('\n'))));
        QVERIFY(demo.ok());
        QCOMPARE(*example.checklist, *demo.checklist);
    }

    void initTestCase()
    {
        // The app's settings (the names remembered for the sign-in page) are the test's own.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        const QString vault = m_dir.filePath(QStringLiteral("vault"));
        QVERIFY(vaulttest::makeVault(vault));
        Session::instance()->setVaultPath(vault);
    }

    void thePeopleAreReadOnTheWorkerNotInTheGetter()
    {
        Session* session = Session::instance();
        const QString vault = session->vaultPath();
        QTRY_COMPARE(session->people(),
                     (QStringList{QStringLiteral("ada"), QStringLiteral("hal"), QStringLiteral("max")}));
        session->setVaultPath(m_dir.filePath(QStringLiteral("nothing-here")));
        QTRY_COMPARE(session->people(), QStringList());
        QSignalSpy changed(session, &Session::peopleChanged);
        session->setVaultPath(vault);
        // The key file is read on the worker: nothing yet, the names once it has answered.
        QCOMPARE(session->people(), QStringList());
        QTRY_COMPARE(session->people(),
                     (QStringList{QStringLiteral("ada"), QStringLiteral("hal"), QStringLiteral("max")}));
        QVERIFY(changed.size() >= 1);
        QCOMPARE(session->demoPeople()->count(), 0); // not a demo vault
    }

    void wrongPassphraseSetsAnErrorAndStaysLocked()
    {
        Session* session = Session::instance();
        session->unlock(QStringLiteral("hal"), QStringLiteral("not hal's passphrase"));
        QVERIFY(session->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), 10000);
        QVERIFY(!session->isUnlocked());
        // A sentence naming whom the passphrase did not open, not the command line's words.
        const QString shownHal = session->shownNames().value(QStringLiteral("hal")).toString();
        const QString wrong = QStringLiteral("That passphrase does not open %1's key. Check it and try again.");
        QCOMPARE(session->error(), wrong.arg(shownHal.isEmpty() ? QStringLiteral("hal") : shownHal));
        session->unlock(QStringLiteral("nobody"), QStringLiteral("whatever"));
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), 10000);
        QCOMPARE(session->error(), wrong.arg(QStringLiteral("nobody"))); // no hint whether the person exists
    }

    // Only what is missing is asked for, and nothing is tried.
    void anEmptySignInAsksForWhatIsMissing()
    {
        Session* session = Session::instance();
        session->unlock(QStringLiteral("hal"), QString());
        QVERIFY(!session->isBusy());
        QCOMPARE(session->error(), QStringLiteral("Enter your passphrase."));
        session->unlock(QString(), QStringLiteral("something"));
        QCOMPARE(session->error(), QStringLiteral("Choose who you are."));
        session->unlock(QString(), QString());
        QCOMPARE(session->error(), QStringLiteral("Enter your name and passphrase."));
        QVERIFY(!session->isUnlocked());
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

    // Before anyone ever signed in on this desktop, the sign-in page knows
    // people by sign-in name only (the key file holds no other); once someone
    // has, it knows how each person of the vault goes by, remembered for that
    // vault: another vault knows none of them, and the vault opened again
    // (as at the next start) knows them at once.
    void theNamesPeopleGoByAreKnownOnceSomeoneSignedIn()
    {
        Session* session = Session::instance();
        const QString vault = session->vaultPath();
        QSettings().remove(QStringLiteral("signInNames"));
        session->setVaultPath(m_dir.filePath(QStringLiteral("nothing-here")));
        session->setVaultPath(vault);
        QTRY_VERIFY(session->people().contains(QStringLiteral("max")));
        QVERIFY(session->shownNames().isEmpty());
        QSignalSpy changed(session, &Session::peopleChanged);
        session->unlock(QStringLiteral("ada"), QString::fromUtf8(vaulttest::kAdminPassphrase));
        QTRY_VERIFY_WITH_TIMEOUT(session->isUnlocked(), 10000);
        session->lock();
        QTRY_COMPARE(session->shownNames().value(QStringLiteral("max")).toString(), QStringLiteral("Max Mentor"));
        QCOMPARE(session->shownNames().value(QStringLiteral("hal")).toString(), QStringLiteral("Hal Hire"));
        QVERIFY(changed.size() >= 1);
        session->setVaultPath(m_dir.filePath(QStringLiteral("nothing-here")));
        QVERIFY(session->shownNames().isEmpty());
        session->setVaultPath(vault);
        QCOMPARE(session->shownNames().value(QStringLiteral("hal")).toString(), QStringLiteral("Hal Hire"));
        QTRY_VERIFY(session->people().contains(QStringLiteral("max")));
    }

    // What one person's session checked (and what their own stored checks
    // held) is not the next person's in the same app: it is forgotten when
    // they sign out.
    void whatOnePersonCheckedIsForgottenWhenTheySignOut()
    {
        Session* session = Session::instance();
        QVERIFY(!session->unlockNow(QStringLiteral("ada"), vaulttest::kAdminPassphrase));
        QVERIFY(!session->performNow(
            [](onramp::Vault& v) { return onramp::Ledger::require(v, QDateTime::currentDateTimeUtc()); }));
        QVERIFY(onramp::VerifiedSignatures::process().size() > 0);
        QVERIFY(onramp::VerifiedSlots::process().size() > 0);
        session->lock();
        QTRY_COMPARE(onramp::VerifiedSignatures::process().size(), 0);
        QCOMPARE(onramp::VerifiedSlots::process().size(), 0);
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

    void passphraseHintFollowsTheVaultsRule_data()
    {
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("hint"); // a part of it; empty: no hint at all
        QTest::newRow("empty") << QString() << QStringLiteral("Choose a passphrase");
        QTest::newRow("short") << QStringLiteral("short one")
                               << QStringLiteral("The passphrase is too short: use at least 12 characters");
        // Twelve characters, though 48 bytes and 24 UTF-16 units.
        QTest::newRow("eleven emoji") << QString(QStringLiteral("\U0001F600")).repeated(11)
                                      << QStringLiteral("too short");
        QTest::newRow("twelve emoji") << QString(QStringLiteral("\U0001F600")).repeated(12) << QString();
        QTest::newRow("too long") << QString(4097, QLatin1Char('x')) << QStringLiteral("longer than 4096 bytes");
        QTest::newRow("good") << QStringLiteral("four random words here") << QString();
    }

    void passphraseHintFollowsTheVaultsRule()
    {
        QFETCH(QString, passphrase);
        QFETCH(QString, hint);
        const QString got = Session::instance()->passphraseHint(passphrase);
        if (hint.isEmpty())
            QCOMPARE(got, QString());
        else
            QVERIFY2(got.contains(hint), qPrintable(got));
    }

    void anOlderDemoVaultIsMadeAgainWithTodaysPassphrases()
    {
        using namespace onramp;
        const QString dir = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(!demo::createDemoVault(dir));
        QVERIFY(demo::isCurrentDemoVault(dir));
        // A demo vault from before the passphrases changed: its marker has no format line.
        QFile marker(QDir(dir).filePath(QStringLiteral("DEMO-VAULT.txt")));
        QVERIFY(marker.open(QIODevice::WriteOnly | QIODevice::Truncate));
        marker.write("This is an Onramp demo vault. Its passphrases are public: never keep real secrets here.\n");
        marker.close();
        QVERIFY(demo::isDemoVault(dir));
        QVERIFY(!demo::isCurrentDemoVault(dir));
        QVERIFY(!demo::recreateDemoVault(dir));
        QVERIFY(demo::isCurrentDemoVault(dir));
        // Made again with its team, so that the mentor's, the report's and the admin's
        // pages have hires at every stage; each opens with the passphrase the sign-in page shows.
        const QList<demo::DemoPerson> everyone = demo::everyone();
        QCOMPARE(everyone.size(), 7);
        for (const demo::DemoPerson& person : everyone) {
            std::unique_ptr<Vault> vault;
            const Error e = Vault::unlock(dir, person.name, person.passphrase.toUtf8(), &vault);
            QVERIFY2(!e, qPrintable(person.name + QLatin1String(": ") + e.message));
        }
        ui::Session::instance()->setVaultPath(dir);
        QTRY_COMPARE(ui::Session::instance()->demoPeople()->count(), 7);
        QTRY_COMPARE(ui::Session::instance()->people().size(), 7);
        for (int row = 0; row < 7; ++row)
            QVERIFY(!ui::Session::instance()->demoPeople()->get(row).value(QStringLiteral("changed")).toBool());
    }

    void aRealVaultIsNeverTakenForAnOldDemo()
    {
        using namespace onramp;
        const QString dir = m_dir.filePath(QStringLiteral("real"));
        QVERIFY(vaulttest::makeVault(dir));
        const QStringList before = QDir(dir).entryList(QDir::Files);
        const Error e = demo::recreateDemoVault(dir);
        QCOMPARE(e.kind, ErrorKind::InvalidInput); // "already holds a vault": nothing removed
        QCOMPARE(QDir(dir).entryList(QDir::Files), before);
        std::unique_ptr<Vault> vault;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), vaulttest::kAdminPassphrase, &vault));
    }

    // A mentor's read marks name notes, not times: the notes marked are
    // left out of what waits, one written later (whatever time it says it
    // was written at) still waits, and marks on other steps stay apart.
    void notesMarkedReadAreLeftOutOneByOne()
    {
        const QString key = onramp::ui::EnrollmentBackend::notesReadKey(QStringLiteral("hal"));
        QVERIFY(key.startsWith(QStringLiteral("notesRead/")));
        QVERIFY(key != onramp::ui::EnrollmentBackend::notesReadKey(QStringLiteral("hana"))); // per hire
        QSettings().setValue(key, QStringList{QStringLiteral("a1"), QStringLiteral("c1")});
        QHash<QString, QStringList> unanswered{
            {QStringLiteral("handbook"), {QStringLiteral("Where?"), QStringLiteral("Also: who?")}},
            {QStringLiteral("lunch"), {QStringLiteral("When?")}},
            {QStringLiteral("laptop"), {QStringLiteral("Which one?")}}};
        const QHash<QString, QStringList> marks{
            {QStringLiteral("handbook"), {QStringLiteral("a1"), QStringLiteral("a2")}},
            {QStringLiteral("lunch"), {QStringLiteral("c1")}},
            {QStringLiteral("laptop"), {QStringLiteral("d1")}}};
        onramp::ui::EnrollmentBackend::dropNotesRead(QStringLiteral("hal"), marks, &unanswered);
        QCOMPARE(unanswered.value(QStringLiteral("handbook")), QStringList{QStringLiteral("Also: who?")});
        QVERIFY(!unanswered.contains(QStringLiteral("lunch")));
        QCOMPARE(unanswered.value(QStringLiteral("laptop")), QStringList{QStringLiteral("Which one?")});
        // Another hire's marks are theirs: nothing of hana's is left out by hal's.
        QHash<QString, QStringList> hana{{QStringLiteral("lunch"), {QStringLiteral("When?")}}};
        onramp::ui::EnrollmentBackend::dropNotesRead(QStringLiteral("hana"),
                                                     {{QStringLiteral("lunch"), {QStringLiteral("c1")}}}, &hana);
        QCOMPARE(hana.value(QStringLiteral("lunch")), QStringList{QStringLiteral("When?")});
        // Marks that do not line up with the notes leave them all waiting.
        QHash<QString, QStringList> odd{{QStringLiteral("handbook"), {QStringLiteral("Where?")}}};
        onramp::ui::EnrollmentBackend::dropNotesRead(QStringLiteral("hal"), {{QStringLiteral("handbook"), {}}}, &odd);
        QCOMPARE(odd.value(QStringLiteral("handbook")), QStringList{QStringLiteral("Where?")});
        QSettings().remove(key);
    }

    void idleLockMinutesAreClampedAndKept()
    {
        Session* session = Session::instance();
        session->setIdleLockMinutes(0);
        QCOMPARE(session->idleLockMinutes(), 1);
        session->setIdleLockMinutes(15);
        QCOMPARE(session->idleLockMinutes(), 15);
    }

    void changePassphraseNamesEachMistakeAndKeepsTheSessionOpen()
    {
        using namespace onramp;
        const QString dir = m_dir.filePath(QStringLiteral("change"));
        QVERIFY(vaulttest::makeVault(dir));
        Session* session = Session::instance();
        session->setVaultPath(dir);
        QVERIFY(!session->unlockNow(QStringLiteral("hal"), vaulttest::kHirePassphrase));
        QSignalSpy failed(session, &Session::passphraseChangeFailed);
        QSignalSpy changed(session, &Session::passphraseChanged);
        const QString current = QString::fromUtf8(vaulttest::kHirePassphrase);
        const QString fresh = QStringLiteral("a brand new passphrase");
        const auto refusedIn = [&](const QString& field) {
            if (failed.isEmpty() && !failed.wait(10000))
                return false;
            const QList<QVariant> last = failed.takeLast();
            failed.clear();
            return last.at(0).toString() == field && !last.at(1).toString().isEmpty();
        };
        session->changePassphrase(current, QStringLiteral("short"), QStringLiteral("short"));
        QVERIFY(refusedIn(QStringLiteral("new")));
        session->changePassphrase(current, fresh, fresh + QLatin1Char('!'));
        QVERIFY(refusedIn(QStringLiteral("repeat")));
        session->changePassphrase(current, current, current);
        QVERIFY(refusedIn(QStringLiteral("new")));
        session->changePassphrase(QStringLiteral("not hal's passphrase"), fresh, fresh);
        QVERIFY(session->isBusy()); // the key derivation runs on the worker
        QVERIFY(refusedIn(QStringLiteral("current")));
        QCOMPARE(changed.count(), 0);
        {
            std::unique_ptr<Vault> vault;
            QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), vaulttest::kHirePassphrase, &vault));
        }

        session->changePassphrase(current, fresh, fresh);
        QVERIFY(changed.wait(10000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(session->isUnlocked());
        QCOMPARE(session->userName(), QStringLiteral("hal"));
        session->lock();
        std::unique_ptr<Vault> vault;
        QVERIFY(Vault::unlock(dir, QStringLiteral("hal"), vaulttest::kHirePassphrase, &vault));
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), fresh.toUtf8(), &vault));
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
