// Loads the real Main.qml and drives it as a person would: clicks and keys.
#include "Appearance.h"
#include "Demo.h"
#include "E2eDriver.h"
#include "Session.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    QTemporaryDir m_dir;

    QQuickItem* item(const QString& objectName) { return e2e::findItem(m_window->contentItem(), objectName); }

    QString currentPage() const { return m_window->property("currentPageName").toString(); }

    /// With ONRAMP_WALK_SHOTS set to a folder, the window as it is now, to look at.
    void shot(const QString& name) const
    {
        const QString folder = qEnvironmentVariable("ONRAMP_WALK_SHOTS");
        if (!folder.isEmpty())
            m_window->grabWindow().save(QDir(folder).filePath(name + QStringLiteral(".png")));
    }

    void click(QQuickItem* target)
    {
        QVERIFY(target);
        QVERIFY(target->isVisible());
        const QPoint centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre);
    }

    /// Shows \a page of the demo vault with progress, as \a person (nobody
    /// when empty), at the smallest size the window allows.
    void showAtTheSmallestSize(const QString& page, const QString& person)
    {
        // The demo vault with progress, so that the lists have rows to lay out.
        const QString demo = m_dir.filePath(QStringLiteral("smallest-demo"));
        if (!QFileInfo::exists(demo)) {
            QVERIFY(!onramp::demo::createDemoVault(demo));
            QVERIFY(!onramp::demo::seedDemoProgress(demo));
        }
        auto* session = onramp::ui::Session::instance();
        session->setVaultPath(demo);
        if (!person.isEmpty()) {
            const QString passphrase = e2e::demoPassphrase(person);
            const onramp::Error e = session->unlockNow(person, passphrase.toUtf8());
            QVERIFY2(!e, qPrintable(e.message));
        }

        // The smallest size the window allows; at it, every page must fit.
        QCOMPARE(m_window->minimumSize(), QSize(1024, 640));
        m_window->resize(m_window->minimumSize());
        QTRY_COMPARE(m_window->size(), m_window->minimumSize());
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, page)));
        QTRY_VERIFY_WITH_TIMEOUT(currentPage() == page && e2e::isSettled(m_window)
                                     && !onramp::ui::Session::instance()->isBusy(),
                                 e2e::kPatienceMs);
        QTest::qWait(100); // the lists' rows laid out after the worker answered
    }

private Q_SLOTS:
    void init()
    {
        e2e::failOnQmlWarnings();
        // No vault here: the window starts on the welcome page whatever the
        // machine's app-data folder holds.
        onramp::ui::Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("no-vault")));
        m_window = e2e::loadMainWindow(m_engine);
        QVERIFY(m_window);
    }

    void cleanup()
    {
        onramp::ui::Session::instance()->lock();
        m_engine.reset();
        m_window = nullptr;
    }

    void startsOnTheWelcomePage()
    {
        QCOMPARE(currentPage(), QStringLiteral("welcome"));
        QCOMPARE(m_window->title(), QStringLiteral("Onramp"));
    }

    void clickOpensAboutAndEscapeReturns()
    {
        click(item(QStringLiteral("aboutButton")));
        QTRY_COMPARE(currentPage(), QStringLiteral("about"));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_COMPARE(currentPage(), QStringLiteral("welcome"));
    }

    void backButtonReturnsToWelcome()
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("about"))));
        // Once the push transition has finished, the button sits where it is drawn.
        QTRY_VERIFY_WITH_TIMEOUT(currentPage() == QStringLiteral("about") && e2e::isSettled(m_window),
                                 e2e::kPatienceMs);
        click(item(QStringLiteral("backButton")));
        QTRY_COMPARE(currentPage(), QStringLiteral("welcome"));
    }

    void demoButtonOpensTheDemoVaultWithItsPassphrasesShown()
    {
        QTemporaryDir demoHome;
        qputenv("XDG_DATA_HOME", QFile::encodeName(demoHome.path()));
        click(item(QStringLiteral("emptyStateAction")));
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QStringLiteral("signin"), 30000);
        QVERIFY(onramp::ui::Session::instance()->isDemo());
        QTRY_VERIFY(item(QStringLiteral("demoPassphrases")));
        QVERIFY(onramp::ui::Session::instance()->vaultPath().startsWith(demoHome.path()));
        // Read from the key file on the worker, so it follows the page shortly.
        // The demo's three and maya's team of four.
        QTRY_COMPARE(
            onramp::ui::Session::instance()->people(),
            (QStringList{QStringLiteral("ada"), QStringLiteral("alex"), QStringLiteral("kai"), QStringLiteral("lee"),
                         QStringLiteral("maya"), QStringLiteral("noor"), QStringLiteral("sam")}));
        // "Use" next to a demo person picks them and fills in their passphrase.
        for (const auto& person : onramp::demo::everyone()) {
            QTRY_VERIFY(item(QStringLiteral("demoUse-") + person.name));
            QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
            click(item(QStringLiteral("demoUse-") + person.name));
            QTRY_COMPARE(item(QStringLiteral("signInPassphrase"))->property("text").toString(), person.passphrase);
            QCOMPARE(item(QStringLiteral("personPicker"))->property("currentText").toString(), person.name);
        }
    }

    void aMentorSeesWhyNothingCanBeDecidedFromATamperedVault()
    {
        // The demo vault, then a "mentor" the hire wrote into the people table.
        const QString demo = m_dir.filePath(QStringLiteral("tampered-demo"));
        QVERIFY(QDir().mkpath(demo));
        const QByteArray trust = qgetenv("ONRAMP_TRUST_DIR");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("tampered-trust"))));
        QVERIFY(!onramp::demo::createDemoVault(demo));
        const QString hirePassphrase = e2e::demoPassphrase(QStringLiteral("alex"));
        const QString mentorPassphrase = e2e::demoPassphrase(QStringLiteral("maya"));
        {
            std::unique_ptr<onramp::Vault> hire;
            QVERIFY(!onramp::Vault::unlock(demo, QStringLiteral("alex"), hirePassphrase.toUtf8(), &hire));
            QVERIFY(!hire->db().execute(QStringLiteral("INSERT INTO people (name, display_name, role, "
                                                       "sign_public_key, created_at) VALUES ('eve', 'Eve', 'mentor', "
                                                       "?1, '2026-11-20T00:00:00Z')"),
                                        {hire->me().signPublicKey}));
        }
        auto* session = onramp::ui::Session::instance();
        session->setVaultPath(demo);
        const onramp::Error e = session->unlockNow(QStringLiteral("maya"), mentorPassphrase.toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QStringLiteral("mentor"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("vaultProblem")), 10000);
        const QString text = item(QStringLiteral("vaultProblem"))->property("text").toString();
        QVERIFY2(text.contains(QStringLiteral("people row 4 (eve)")), qPrintable(text));
        QVERIFY(!item(QStringLiteral("menteeList")) || item(QStringLiteral("menteeList"))->property("count") == 0);
        session->lock();
        qputenv("ONRAMP_TRUST_DIR", trust);
    }

    /// A fresh demo vault in m_dir/\a name (trusted on a desk of its own;
    /// \a trust gets the desk to go back to), \a sql run by the hire alex,
    /// who holds the database key but not the production key; then signed
    /// in as the admin ada on the admin page.
    void openTamperedDemoAsAdmin(const QString& name, const QString& sql, QByteArray* trust)
    {
        const QString demo = m_dir.filePath(name);
        QVERIFY(QDir().mkpath(demo));
        *trust = qgetenv("ONRAMP_TRUST_DIR");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(demo + QStringLiteral("-trust")));
        QVERIFY(!onramp::demo::createDemoVault(demo));
        {
            std::unique_ptr<onramp::Vault> hire;
            QVERIFY(!onramp::Vault::unlock(demo, QStringLiteral("alex"),
                                           e2e::demoPassphrase(QStringLiteral("alex")).toUtf8(), &hire));
            QCOMPARE(hire->db().scalar(QStringLiteral("SELECT count(*) FROM credential_secrets")).toInt(), 1);
            QVERIFY(!hire->db().execute(sql));
        }
        auto* session = onramp::ui::Session::instance();
        session->setVaultPath(demo);
        const onramp::Error e =
            session->unlockNow(QStringLiteral("ada"), e2e::demoPassphrase(QStringLiteral("ada")).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("admin"))));
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QStringLiteral("admin"), 10000);
    }

    /// After a repair on the admin's page: the problem goes, the page shows
    /// its people, and the vault in \a demo, opened as ada into \a admin,
    /// passes the whole check.
    void verifyRepaired(QQuickItem* problem, const QString& demo, std::unique_ptr<onramp::Vault>* admin)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!problem->isVisible(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            item(QStringLiteral("person-alex")) && item(QStringLiteral("person-alex"))->isVisible(), 10000);
        QVERIFY(!onramp::Vault::unlock(demo, QStringLiteral("ada"), e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(),
                                       admin));
        QStringList findings;
        const onramp::Error check = (*admin)->check(&findings, QDateTime::currentDateTimeUtc());
        QVERIFY2(!check, qPrintable(check.message));
    }

    void anAdminSeesWhyTheirPageIsEmptyAndIsLedToTheVaultCheck()
    {
        // The demo vault, then the production secret's box rewritten by the hire.
        const QString demo = m_dir.filePath(QStringLiteral("rewritten-secret-demo"));
        QByteArray trust;
        openTamperedDemoAsAdmin(QFileInfo(demo).fileName(),
                                QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box))"), &trust);
        if (QTest::currentTestFailed())
            return;
        auto* session = onramp::ui::Session::instance();

        // The People tab shows no rows of such a vault, and says why instead.
        QTRY_VERIFY_WITH_TIMEOUT(
            item(QStringLiteral("adminVaultProblem")) && item(QStringLiteral("adminVaultProblem"))->isVisible(), 10000);
        QQuickItem* problem = item(QStringLiteral("adminVaultProblem"));
        const QString text = problem->property("text").toString();
        QVERIFY2(text.startsWith(QStringLiteral("Its records do not agree"))
                     && text.contains(QStringLiteral("credential_secrets: the kept secret of 'prod-db'"))
                     && text.contains(QStringLiteral("Set it again below")),
                 qPrintable(text));
        QCOMPARE(problem->property("title").toString(), QStringLiteral("Nothing can be decided from this vault"));

        // Its one action opens the Vault tab and runs the check, which names the row.
        QQuickItem* action = e2e::findItem(problem, QStringLiteral("emptyStateAction"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        shot(QStringLiteral("admin-damaged"));
        click(action);
        QTRY_VERIFY_WITH_TIMEOUT(
            item(QStringLiteral("checkVaultResult")) && item(QStringLiteral("checkVaultResult"))->isVisible(), 10000);
        QVERIFY(!problem->isVisible());
        const QString report = item(QStringLiteral("checkVaultResult"))->property("text").toString();
        QVERIFY2(report.contains(QStringLiteral("credential_secrets")), qPrintable(report));

        // Back on People, the repair: the secret set again, in a dialog.
        e2e::Driver driver(m_window);
        QVERIFY(driver.click(QStringLiteral("tab-people")));
        QTRY_VERIFY(problem->isVisible());
        QVERIFY(driver.click(QStringLiteral("repair-prod-db")));
        QTRY_VERIFY(item(QStringLiteral("repairSecret")) && item(QStringLiteral("repairSecret"))->isVisible());
        QTRY_VERIFY(item(QStringLiteral("repairSecret"))->hasActiveFocus());
        // Nothing typed: the dialog says so and sets nothing.
        QVERIFY(driver.click(QStringLiteral("repairSet")));
        QTRY_VERIFY(item(QStringLiteral("repairProblem")) && item(QStringLiteral("repairProblem"))->isVisible());
        shot(QStringLiteral("admin-repair-dialog"));
        QVERIFY(driver.type(QStringLiteral("repairSecret"), QStringLiteral("the production password again")));
        QVERIFY(driver.click(QStringLiteral("repairSet")));
        // The vault checks again as a whole: the page shows its people.
        std::unique_ptr<onramp::Vault> admin;
        verifyRepaired(problem, demo, &admin);
        if (QTest::currentTestFailed())
            return;
        admin.reset();
        session->lock();
        qputenv("ONRAMP_TRUST_DIR", trust);
    }

    void anUnusedSecretThatNoLongerOpensIsRemovedNotSet()
    {
        // A kept secret planted by the hire under an id no checklist uses:
        // nothing could set it again, so the page offers to remove it, in a
        // dialog with nothing to type.
        const QString demo = m_dir.filePath(QStringLiteral("planted-secret-demo"));
        QByteArray trust;
        openTamperedDemoAsAdmin(QFileInfo(demo).fileName(),
                                QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, "
                                               "box, set_at, set_by) VALUES ('ghost-db', 'production', NULL, "
                                               "randomblob(64), '2026-11-20T00:00:00.000Z', 1)"),
                                &trust);
        if (QTest::currentTestFailed())
            return;
        auto* session = onramp::ui::Session::instance();
        QTRY_VERIFY_WITH_TIMEOUT(
            item(QStringLiteral("adminVaultProblem")) && item(QStringLiteral("adminVaultProblem"))->isVisible(), 10000);
        QQuickItem* problem = item(QStringLiteral("adminVaultProblem"));
        const QString text = problem->property("text").toString();
        QVERIFY2(text.contains(QStringLiteral("the kept secret of 'ghost-db'"))
                     && text.contains(QStringLiteral("Set it again or remove it below")),
                 qPrintable(text));
        QTRY_VERIFY(item(QStringLiteral("repair-ghost-db")));
        QCOMPARE(item(QStringLiteral("repair-ghost-db"))->property("text").toString(),
                 QStringLiteral("Remove the unused secret ghost-db…"));

        e2e::Driver driver(m_window);
        QVERIFY(driver.click(QStringLiteral("repair-ghost-db")));
        QTRY_VERIFY(item(QStringLiteral("repairSet")) && item(QStringLiteral("repairSet"))->isVisible());
        QCOMPARE(item(QStringLiteral("repairSet"))->property("text").toString(), QStringLiteral("Remove it"));
        QTRY_VERIFY(item(QStringLiteral("repairSet"))->hasActiveFocus());
        QVERIFY(!item(QStringLiteral("repairSecret")) || !item(QStringLiteral("repairSecret"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        shot(QStringLiteral("admin-remove-unused-dialog"));
        QVERIFY(driver.click(QStringLiteral("repairSet")));
        std::unique_ptr<onramp::Vault> admin;
        verifyRepaired(problem, demo, &admin);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(admin->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id = 'ghost-db'"))
                     .toInt(),
                 0);
        admin.reset();
        session->lock();
        qputenv("ONRAMP_TRUST_DIR", trust);
    }

    void darkRepaintsTheWholeWindowAndLightRestoresIt()
    {
        using onramp::ui::Appearance;
        // A corner of the page background, and the text colour of a field.
        const auto corner = [this] { return m_window->grabWindow().pixelColor(4, m_window->height() - 4); };
        QQuickItem* field = item(QStringLiteral("adminName"));
        QVERIFY(field);
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
        QTRY_VERIFY(corner().lightness() > 180);
        QVERIFY(field->property("color").value<QColor>().lightness() < 80);

        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("dark")));
        QTRY_VERIFY(corner().lightness() < 60);
        QVERIFY(field->property("color").value<QColor>().lightness() > 180);

        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
        QTRY_VERIFY(corner().lightness() > 180);
    }

    void windowFitsTheSmallestSupportedSize_data() { e2e::pageRows(); }

    void windowFitsTheSmallestSupportedSize()
    {
        QFETCH(QString, page);
        QFETCH(QString, person);
        showAtTheSmallestSize(page, person);
        if (QTest::currentTestFailed())
            return;
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(QLatin1Char('\n'))));
    }

    void noRepeaterFillsALayout_data() { e2e::pageRows(); }

    // A Repeater whose delegates sit straight in a Layout crashed a repair
    // on the admin's page: see e2e::repeatersFillingLayouts.
    void noRepeaterFillsALayout()
    {
        QFETCH(QString, page);
        QFETCH(QString, person);
        showAtTheSmallestSize(page, person);
        if (QTest::currentTestFailed())
            return;
        const QStringList found = e2e::repeatersFillingLayouts(m_window);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

ONRAMP_E2E_MAIN(TestMainWindow)

#include "TestMainWindow.moc"
