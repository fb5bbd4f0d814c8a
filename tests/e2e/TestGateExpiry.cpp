// Production access that has run out is said so: signed off with every
// production grant expired since, the hire's Home and the mentor's page
// do not show a green "unlocked" above an expired credential.
#include "E2eDriver.h"

#include "Clock.h"
#include "onboarding/Enrollments.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestGateExpiry : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    QString gateTitle() const { return m_ui->text(QStringLiteral("gateTitle")); }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        // maya approves the last step and signs alex off; the production
        // grants, dated 9 hours back, lasted 8 hours.
        const onramp::FixedClock earlier(QDateTime::currentDateTimeUtc().addSecs(-9 * 3600));
        e = e2e::asDemoPerson(m_vault, QStringLiteral("maya"), [&earlier](onramp::Vault& v) {
            if (onramp::Error r =
                    onramp::Enrollments(v).review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {}))
                return r;
            return onramp::Enrollments(v, earlier).signOff(QStringLiteral("alex"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow(QSize(1280, 800)));
    }

    void cleanupTestCase() { closeWindow(); }

    void theHiresHomeSaysTheAccessRanOut()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(gateTitle(), QStringLiteral("Production access: signed off — access expired"),
                                  e2e::kPatienceMs);
        const QString text = m_ui->text(QStringLiteral("gateUnlockedText"));
        QVERIFY2(text.contains(QStringLiteral("has run out")) && text.contains(QStringLiteral("renew")),
                 qPrintable(text));
        QVERIFY(!shown(QStringLiteral("gateTimeLeft")));
    }

    void theMentorsPageSaysItToo()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_COMPARE_WITH_TIMEOUT(gateTitle(), QStringLiteral("Production access: signed off — access expired"),
                                  e2e::kPatienceMs);
        const QString text = m_ui->text(QStringLiteral("gateUnlockedText"));
        QVERIFY2(text.contains(QStringLiteral("expired since")) && text.contains(QStringLiteral("Renew")),
                 qPrintable(text));
    }
};

QTEST_MAIN(TestGateExpiry)
#include "TestGateExpiry.moc"
