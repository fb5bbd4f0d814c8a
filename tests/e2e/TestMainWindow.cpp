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

    void click(QQuickItem* target)
    {
        QVERIFY(target);
        QVERIFY(target->isVisible());
        const QPoint centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre);
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
        QTRY_COMPARE(onramp::ui::Session::instance()->people(),
                     (QStringList{QStringLiteral("ada"), QStringLiteral("alex"), QStringLiteral("maya")}));
        // "Use" next to a demo person picks them and fills in their passphrase.
        for (const auto& person : onramp::demo::people()) {
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

    void windowFitsTheSmallestSupportedSize_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("person"); // who signs in to see it; empty: nobody
        QTest::newRow("welcome") << QStringLiteral("welcome") << QString();
        QTest::newRow("about") << QStringLiteral("about") << QString();
        QTest::newRow("signin") << QStringLiteral("signin") << QString();
        QTest::newRow("home") << QStringLiteral("home") << QStringLiteral("alex");
        QTest::newRow("checklist") << QStringLiteral("checklist") << QStringLiteral("alex");
        QTest::newRow("mentor") << QStringLiteral("mentor") << QStringLiteral("maya");
        QTest::newRow("admin") << QStringLiteral("admin") << QStringLiteral("ada");
        QTest::newRow("report") << QStringLiteral("report") << QStringLiteral("ada");
        QTest::newRow("audit") << QStringLiteral("audit") << QStringLiteral("ada");
    }

    void windowFitsTheSmallestSupportedSize()
    {
        QFETCH(QString, page);
        QFETCH(QString, person);
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
        QCOMPARE(m_window->minimumSize(), QSize(1024, 700));
        m_window->resize(m_window->minimumSize());
        QTRY_COMPARE(m_window->size(), m_window->minimumSize());
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, page)));
        QTRY_VERIFY_WITH_TIMEOUT(currentPage() == page && e2e::isSettled(m_window)
                                     && !onramp::ui::Session::instance()->isBusy(),
                                 e2e::kPatienceMs);
        QTest::qWait(100); // the lists' rows laid out after the worker answered

        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(QLatin1Char('\n'))));
    }
};

ONRAMP_E2E_MAIN(TestMainWindow)

#include "TestMainWindow.moc"
