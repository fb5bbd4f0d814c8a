// onramp:// links in the real window, as the desktop file hands them to the
// app (GuiMain follows one with Session::openLink): a link to a vault folder
// opens its sign-in with the person it names picked; a link that does not
// read, or names a folder without a vault, shows why on the Welcome page
// and opens nothing; a team server's link says what the app cannot do yet.
#include "E2eDriver.h"

#include <QSettings>
#include <QStandardPaths>
#include <QUrl>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestDesktopLinks : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;
    QString m_nowhere;

    static QString openLink(const QString& vault, const QString& name)
    {
        return QStringLiteral("onramp://open?vault=%1&name=%2")
            .arg(QString::fromUtf8(QUrl::toPercentEncoding(vault)), name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("team vault"));
        const onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
    }

    void init()
    {
        e2e::failOnQmlWarnings();
        QSettings settings;
        settings.remove(QStringLiteral("recentVaults"));
        settings.remove(QStringLiteral("signInLast"));
        m_nowhere = m_dir.filePath(QStringLiteral("none-yet"));
        Session::instance()->setVaultPath(m_nowhere);
        QVERIFY(openWindow(QSize(1024, 700)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
    }

    void cleanup() { closeWindow(); }

    // The link opens the vault folder, and the sign-in picks maya, not who the vault would pick.
    void aLinkOpensItsVaultWithItsPersonPicked()
    {
        QCOMPARE(Session::instance()->openLink(openLink(m_vault, QStringLiteral("maya"))), QString());
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QCOMPARE(Session::instance()->vaultPath(), m_vault);
        QTRY_COMPARE_WITH_TIMEOUT(Session::instance()->preselectedPerson(), QStringLiteral("maya"), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("personPicker"))->property("currentText").toString(),
                                  QStringLiteral("maya"), e2e::kPatienceMs);
        // Nothing more: no one is signed in by a link.
        QVERIFY(!Session::instance()->isUnlocked());
    }

    // A link that does not read, or whose folder holds no vault, opens
    // nothing; the Welcome page says why, naming what is wrong.
    void aBadLinkOpensNothingAndSaysWhy_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("says");
        QTest::newRow("relative path") << "onramp://open?vault=team%20vault&name=alex"
                                       << "“team vault” is not an absolute path";
        QTest::newRow("unknown key") << "onramp://open?vault=/tmp&name=alex&as=ada"
                                     << "unknown field “as”";
        QTest::newRow("a passphrase") << "onramp://open?vault=/tmp&name=alex&passphrase=letmein12345"
                                      << "never carries a passphrase";
        QTest::newRow("control character") << "onramp://open?vault=/tmp%0D&name=alex"
                                           << "control character";
        QTest::newRow("no vault there") << "onramp://open?vault=/proc&name=alex"
                                        << "/proc is not an Onramp vault";
    }
    void aBadLinkOpensNothingAndSaysWhy()
    {
        QFETCH(QString, link);
        QFETCH(QString, says);
        const QString problem = Session::instance()->openLink(link);
        QVERIFY2(problem.contains(says), qPrintable(problem));
        QVERIFY2(problem.contains(QStringLiteral("was not opened")), qPrintable(problem));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("openVaultError")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("openVaultError")), problem);
        QCOMPARE(Session::instance()->vaultPath(), m_nowhere);
        QVERIFY(!Session::instance()->isUnlocked());
    }

    // A bad link after a good one leaves the vault open as it was, behind the Welcome page.
    void aBadLinkLeavesTheOpenVault()
    {
        QCOMPARE(Session::instance()->openLink(openLink(m_vault, QStringLiteral("alex"))), QString());
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->openLink(QStringLiteral("onramp://open?vault=relative")).isEmpty());
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QCOMPARE(Session::instance()->vaultPath(), m_vault);
    }

    // The team server's link: its server and person on the Welcome page, with the honest word.
    void aServerLinkSaysWhatToDoForNow()
    {
        const QString problem = Session::instance()->openLink(
            QStringLiteral("onramp://server?url=postgresql%3A%2F%2Fdb.example.com%2Fonramp&name=alex"));
        QCOMPARE(problem, QString());
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        const QString note = m_ui->text(QStringLiteral("teamServerNote"));
        QVERIFY2(note.contains(QStringLiteral("postgresql://db.example.com/onramp")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("does not connect to a team server yet")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("--as alex")), qPrintable(note));
        QVERIFY(!shown(QStringLiteral("openVaultError")));
        QCOMPARE(Session::instance()->vaultPath(), m_nowhere);
    }
};

ONRAMP_E2E_MAIN(TestDesktopLinks)
#include "TestDesktopLinks.moc"
