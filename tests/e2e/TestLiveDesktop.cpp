// A desktop people keep open all week: the Welcome page opens the vault
// folder a team gave them (and remembers it), the sign-in page picks who
// signed in last, and a page follows what another process (the real
// `onramp` binary) commits to the vault, with no click.
#include "E2eDriver.h"
#include "VaultTestUtil.h"

#include <QDir>
#include <QFile>
#include <QSettings>

namespace {

/// The keys the hire's and the mentor's other desk uses: the real binary.
vaulttest::RunResult asDemoPersonWithTheBinary(const QString& vault, const QString& name, QStringList args)
{
    args << QStringLiteral("--as") << name << QStringLiteral("--vault") << vault;
    return vaulttest::runOnramp(args, e2e::demoPassphrase(name).toUtf8());
}

} // namespace

class TestLiveDesktop : public e2e::WindowFixture
{
    Q_OBJECT

private:
    onramp::ui::Session* session() const { return onramp::ui::Session::instance(); }

    QQuickItem* page() const { return pageNamed(m_ui->page()); }
    QQuickItem* pageNamed(const QString& name) const { return item(name); }

    /// What the Welcome page's Open a vault folder… dialog does once a folder is chosen.
    void chooseFolder(const QString& folder)
    {
        QQuickItem* welcome = item(QStringLiteral("welcome"));
        QVERIFY(welcome);
        QVERIFY(QMetaObject::invokeMethod(welcome, "openFolder", Q_ARG(QVariant, folder)));
    }

private Q_SLOTS:
    void init()
    {
        e2e::failOnQmlWarnings();
        QSettings settings;
        settings.remove(QStringLiteral("recentVaults"));
        settings.remove(QStringLiteral("signInLast"));
        settings.remove(QStringLiteral("signInNames"));
        // Nothing here yet: the Welcome page shows.
        session()->setVaultPath(m_dir.filePath(QStringLiteral("none-yet")));
        QVERIFY(openWindow(QSize(1024, 700)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
    }

    void cleanup()
    {
        qunsetenv("ONRAMP_TEST_IDLE_LOCK_MS");
        closeWindow();
    }

    void welcomeOffersEveryWayInAndIsHonestAboutTheServer()
    {
        QVERIFY(shown(QStringLiteral("openVaultButton")));
        QVERIFY(shown(QStringLiteral("createVaultButton")));
        QVERIFY(shown(QStringLiteral("emptyStateAction"))); // the demo
        const QString server = m_ui->text(QStringLiteral("teamServerNote"));
        QVERIFY2(server.contains(QStringLiteral("--server")) && server.contains(QStringLiteral("ONRAMP_SERVER")),
                 qPrintable(server));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(),
                 qPrintable(e2e::overflowingItems(m_window).join(QLatin1Char('\n'))));

        // The keys reach Open a vault folder…, and Space opens the folder
        // dialog, made then: the page starts without it.
        QQuickItem* welcome = item(QStringLiteral("welcome"));
        QVERIFY(!welcome->findChild<QObject*>(QStringLiteral("vaultFolderDialog")));
        QQuickItem* open = item(QStringLiteral("openVaultButton"));
        for (int i = 0; i < 30 && !open->hasActiveFocus(); ++i)
            m_ui->key(Qt::Key_Tab);
        QVERIFY2(open->hasActiveFocus(), "Tab never reaches Open a vault folder…");
        m_ui->key(Qt::Key_Space);
        QObject* dialog = welcome->findChild<QObject*>(QStringLiteral("vaultFolderDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("visible").toBool(), e2e::kPatienceMs);
        QCOMPARE(dialog->property("title").toString(), QStringLiteral("Open a vault folder"));
        QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }

    void aFolderThatIsNoVaultIsNamedAndChangesNothing()
    {
        const QString notes = m_dir.filePath(QStringLiteral("team-notes"));
        QVERIFY(QDir().mkpath(notes));
        QFile file(QDir(notes).filePath(QStringLiteral("README.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a vault\n");
        file.close();
        const auto before = vaulttest::hashFiles(notes);
        const QString pathBefore = session()->vaultPath();

        chooseFolder(QUrl::fromLocalFile(notes).toString());
        const QString error = m_ui->text(QStringLiteral("openVaultError"));
        QVERIFY2(error.contains(notes) && error.contains(QStringLiteral("not an Onramp vault")), qPrintable(error));
        QCOMPARE(m_ui->page(), QStringLiteral("welcome"));
        QCOMPARE(session()->vaultPath(), pathBefore);
        QCOMPARE(vaulttest::hashFiles(notes), before);
        QCOMPARE(QDir(notes).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral("README.txt")});
        QCOMPARE(session()->recentVaults()->count(), 0);

        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder"));
        chooseFolder(missing);
        QVERIFY2(m_ui->text(QStringLiteral("openVaultError")).contains(missing),
                 qPrintable(m_ui->text(QStringLiteral("openVaultError"))));
        QVERIFY(!QFileInfo::exists(missing));
        QCOMPARE(session()->vaultPath(), pathBefore);
    }

    void aVaultFolderOpensIsRememberedAndAVanishedOneSaysSo()
    {
        const QString team = m_dir.filePath(QStringLiteral("acme-vault"));
        QVERIFY(vaulttest::makeVault(team));
        chooseFolder(QUrl::fromLocalFile(team).toString());
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QCOMPARE(session()->vaultPath(), team);
        // Never the admin by default: the first person who is no admin.
        QTRY_COMPARE(item(QStringLiteral("personPicker"))->property("currentText").toString(), QStringLiteral("hal"));

        // Who signed in last on this desktop is picked again, after another vault too.
        QVERIFY(!session()->unlockNow(QStringLiteral("max"), vaulttest::kMentorPassphrase));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        session()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(m_ui->click(QStringLiteral("otherVaultButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QTRY_VERIFY(shown(QStringLiteral("recentVault-0")));
        QVERIFY2(m_ui->text(QStringLiteral("recentVaultPath-0")) == QDir::toNativeSeparators(team),
                 qPrintable(m_ui->text(QStringLiteral("recentVaultPath-0"))));
        QVERIFY(m_ui->click(QStringLiteral("recentVault-0")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_COMPARE(item(QStringLiteral("personPicker"))->property("currentText").toString(), QStringLiteral("max"));

        // The folder goes away: the list says so, and it can be removed.
        QVERIFY(m_ui->click(QStringLiteral("otherVaultButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QVERIFY(QDir().rename(team, team + QStringLiteral(".moved")));
        session()->recentVaults()->refresh();
        QTRY_VERIFY(m_ui->text(QStringLiteral("recentVaultPath-0")).contains(QStringLiteral("Not found")));
        QVERIFY(!item(QStringLiteral("recentVault-0"))->isEnabled());
        QVERIFY(m_ui->click(QStringLiteral("forgetVault-0")));
        QTRY_COMPARE(session()->recentVaults()->count(), 0);
        QVERIFY(shown(QStringLiteral("noRecentVaults")));
        QCOMPARE(QSettings().value(QStringLiteral("recentVaults")).toStringList(), QStringList());
    }

    void theMentorSeesAStepMarkedElsewhereAndTheHireTheApproval()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(!e2e::makeDemoVault(demo, e2e::DemoSeed::Bare));
        session()->setVaultPath(demo);
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!item(QStringLiteral("review-alex-sandbox-tests")));
        // The mentor has a step of the mentee's list selected.
        QQuickItem* steps = item(QStringLiteral("menteeSteps"));
        QVERIFY(steps);
        QTRY_VERIFY(steps->property("count").toInt() > 3);
        steps->setProperty("currentIndex", 3);
        const QString selectedHire = item(QStringLiteral("mentor"))->property("selected").toString();
        QCOMPARE(selectedHire, QStringLiteral("alex"));

        // The hire, on their own desk: the real binary, another process.
        const auto done = asDemoPersonWithTheBinary(
            demo, QStringLiteral("alex"),
            {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("alex"), QStringLiteral("sandbox-tests"),
             QStringLiteral("--note"), QStringLiteral("all green on my machine")});
        QVERIFY2(done.code == 0, qPrintable(done.err));

        // No click: the page follows, waited for as a condition.
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("review-alex-sandbox-tests")), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("mentor"));
        QCOMPARE(item(QStringLiteral("mentor"))->property("selected").toString(), selectedHire);
        QCOMPARE(item(QStringLiteral("menteeSteps"))->property("currentIndex").toInt(), 3);

        // The hire's window: the step's page, a note half typed.
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && shown(QStringLiteral("progressText")), e2e::kPatienceMs);
        const QString progressBefore = m_ui->text(QStringLiteral("progressText"));
        QVERIFY(QMetaObject::invokeMethod(m_window, "openStepFrom", Q_ARG(QVariant, QStringLiteral("sandbox-tests")),
                                          Q_ARG(QVariant, QString()), Q_ARG(QVariant, QStringLiteral("home"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QString before = m_ui->text(QStringLiteral("stepState"));
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("one question about the")));

        // The mentor approves from their desk.
        const auto approved = asDemoPersonWithTheBinary(demo, QStringLiteral("maya"),
                                                        {QStringLiteral("step"), QStringLiteral("approve"),
                                                         QStringLiteral("alex"), QStringLiteral("sandbox-tests"),
                                                         QStringLiteral("--comment"), QStringLiteral("nice")});
        QVERIFY2(approved.code == 0, qPrintable(approved.err));

        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")) != before, e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("stepState")).contains(QStringLiteral("pproved")),
                 qPrintable(m_ui->text(QStringLiteral("stepState"))));
        QCOMPARE(m_ui->page(), QStringLiteral("step"));
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QStringLiteral("one question about the"));

        // Home, under the step's page, is read again once shown: the approved step counts as done.
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("progressText")) != progressBefore, e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("progressText")).startsWith(QStringLiteral("1 ")),
                 qPrintable(m_ui->text(QStringLiteral("progressText"))));
    }

    // A page read again for another desk's write is no activity of this
    // desk's person: a mentor away from the desk is locked out on time, however
    // busy their mentees are.
    void anotherDesksWritesDoNotKeepTheSessionUnlocked()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo-idle"));
        QVERIFY(!e2e::makeDemoVault(demo, e2e::DemoSeed::Bare));
        session()->setVaultPath(demo);
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QObject* steps = item(QStringLiteral("menteeSteps"))->property("model").value<QObject*>();
        QVERIFY(steps);

        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", "3000");
        session()->touch(); // the short limit from now on
        // The hire marks a step done and undoes it, again and again, each
        // write a reload of the mentor's page, until the mentor's idle time is up.
        for (int write = 0; write < 40 && session()->isUnlocked(); ++write) {
            const int seen = steps->property("revision").toInt();
            const auto result = asDemoPersonWithTheBinary(demo, QStringLiteral("alex"),
                                                          {QStringLiteral("step"),
                                                           write % 2 ? QStringLiteral("undo") : QStringLiteral("done"),
                                                           QStringLiteral("alex"), QStringLiteral("handbook")});
            QVERIFY2(result.code == 0, qPrintable(result.err));
            QTRY_VERIFY_WITH_TIMEOUT(!session()->isUnlocked() || steps->property("revision").toInt() > seen,
                                     e2e::kPatienceMs);
        }
        QVERIFY2(!session()->isUnlocked(), "another desk's writes kept the session unlocked");
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }
};

ONRAMP_E2E_MAIN(TestLiveDesktop)

#include "TestLiveDesktop.moc"
