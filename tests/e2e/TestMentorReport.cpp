// What a mentor sees through the real window at 1024x640: the Report page is
// one click away in the top bar, with the CSV export and the per-hire PDF,
// and it holds their own mentees only — not a hire another mentor guides.
// The window's title names the person once and the app once; a hire reads
// the whole name of their production grant.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

QString passphraseOf(const QString& name)
{
    for (const auto& person : onramp::demo::people()) {
        if (person.name == name)
            return person.passphrase;
    }
    return {};
}

QString description(QQuickItem* item)
{
    QAccessibleInterface* iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->text(QAccessible::Description) : QString();
}

} // namespace

class TestMentorReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    std::unique_ptr<e2e::Driver> m_ui;

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QAccessible::setActive(true);
        QStandardPaths::setTestModeEnabled(true);
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(demo));
        onramp::Error e = onramp::demo::createDemoVault(demo);
        if (!e)
            e = onramp::demo::seedDemoProgress(demo);
        if (!e)
            e = onramp::demo::seedDemoTeam(demo);
        QVERIFY2(!e, qPrintable(e.message));
        // A second mentor with a hire of their own, whom Maya must not see.
        {
            std::unique_ptr<onramp::Vault> admin;
            e = onramp::Vault::unlock(demo, QStringLiteral("ada"), passphraseOf(QStringLiteral("ada")).toUtf8(),
                                      &admin);
            QVERIFY2(!e, qPrintable(e.message));
            onramp::People people(*admin);
            e = people.add(QStringLiteral("otto"), QStringLiteral("Otto Othermentor"), onramp::Role::Mentor,
                           QByteArrayView("otto's long passphrase"));
            if (!e)
                e = people.add(QStringLiteral("hal"), QStringLiteral("Hal Elsewhere"), onramp::Role::Hire,
                               QByteArrayView("hal's long passphrase"));
            if (!e)
                e = onramp::Enrollments(*admin).enroll(QStringLiteral("hal"), QStringLiteral("backend-week-one"),
                                                       QStringLiteral("otto"), QDate::currentDate());
            QVERIFY2(!e, qPrintable(e.message));
        }
        Session::instance()->setVaultPath(demo);
        m_window = e2e::loadMainWindow(m_engine);
        QVERIFY(m_window);
        m_window->resize(1024, 640);
        m_ui = std::make_unique<e2e::Driver>(m_window);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        e = Session::instance()->unlockNow(QStringLiteral("maya"), passphraseOf(QStringLiteral("maya")).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    void titleSaysThePersonAndTheAppOnce()
    {
        // The platform adds the application's display name ("Onramp") unless the title ends with it.
        const QString title = m_window->title();
        QCOMPARE(title, QStringLiteral("Maya Mentor — Onramp"));
        QCOMPARE(title.count(QStringLiteral("Onramp")), 1);
    }

    void mentorOpensTheReportOfTheirMentees()
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-report")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* progress = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((progress = m_ui->item(QStringLiteral("progressChart"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(description(progress).contains(QStringLiteral("Sam Early")), e2e::kPatienceMs);
        const QString rows = description(progress);
        QVERIFY2(rows.contains(QStringLiteral("Alex Newhire")), qPrintable(rows));
        QVERIFY2(!rows.contains(QStringLiteral("Hal Elsewhere")), qPrintable(rows));
        QVERIFY(m_ui->item(QStringLiteral("reportExportCsv")));
        QVERIFY(m_ui->item(QStringLiteral("reportExportPdf")));
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(u'\n')));
    }

    void mentorsHireListHoldsOnlyTheirMentees()
    {
        QQuickItem* picker = m_ui->item(QStringLiteral("reportHirePicker"));
        QVERIFY(picker);
        const int count = picker->property("count").toInt();
        QVERIFY(count > 0);
        for (int i = 0; i < count; ++i) {
            QString text;
            QVERIFY(QMetaObject::invokeMethod(picker, "textAt", Q_RETURN_ARG(QString, text), Q_ARG(int, i)));
            QVERIFY2(text != QStringLiteral("Hal Elsewhere"), qPrintable(text));
        }
    }

    void hireSeesTheWholeNameOfTheProductionGrant()
    {
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const onramp::Error e =
            Session::instance()->unlockNow(QStringLiteral("alex"), passphraseOf(QStringLiteral("alex")).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QQuickItem* title = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((title = m_ui->item(QStringLiteral("credentialTitle-prod-db"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QCOMPARE(title->property("text").toString(), QStringLiteral("Production database (read-only)"));
        QVERIFY2(!title->property("truncated").toBool(), "the production grant's name is cut");
    }

    void cleanupTestCase()
    {
        Session::instance()->lock();
        m_ui.reset();
        m_engine.reset();
    }
};

QTEST_MAIN(TestMentorReport)
#include "TestMentorReport.moc"
