// What a mentor sees through the real window at 1024x640: the Report page is
// one click away in the top bar, with the CSV export and the per-hire PDF,
// and it holds their own mentees only — not a hire another mentor guides.
// The window's title names the person once and the app once; a hire reads
// the whole name of their production grant. The report counts the steps as
// the mentor's page does; production credentials say how long they last once
// released, and a mentor sees a mentee's locked ones with the reason.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"
#include "Translations.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

QString passphraseOf(const QString& name)
{
    return e2e::demoPassphrase(name);
}

/// The first item of \a root (itself included) whose text is \a text.
QQuickItem* itemWithText(QQuickItem* root, const QString& text)
{
    if (root->isVisible() && root->property("text").toString() == text)
        return root;
    const auto children = root->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = itemWithText(child, text))
            return found;
    }
    return nullptr;
}

QString description(QQuickItem* item)
{
    QAccessibleInterface* iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->text(QAccessible::Description) : QString();
}

} // namespace

class TestMentorReport : public e2e::WindowFixture
{
    Q_OBJECT

private:
private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QAccessible::setActive(true);
        QStandardPaths::setTestModeEnabled(true);
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Team);
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
        // Alex's last required step approved: only the sign-off is missing.
        {
            std::unique_ptr<onramp::Vault> mentor;
            e = onramp::Vault::unlock(demo, QStringLiteral("maya"), passphraseOf(QStringLiteral("maya")).toUtf8(),
                                      &mentor);
            if (!e)
                e = onramp::Enrollments(*mentor).review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true,
                                                        {});
            QVERIFY2(!e, qPrintable(e.message));
        }
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        e = Session::instance()->unlockNow(QStringLiteral("maya"), passphraseOf(QStringLiteral("maya")).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    void titleSaysThePersonAndTheAppOnce()
    {
        // The platform adds the application's display name ("Onramp") unless the title ends with it.
        // A count of what awaits her may come first: "(1) Maya Mentor — Onramp".
        const QString title = m_window->title();
        QVERIFY2(QRegularExpression(QStringLiteral("^(\\(\\d+\\) )?Maya Mentor — Onramp$")).match(title).hasMatch(),
                 qPrintable(title));
        QCOMPARE(title.count(QStringLiteral("Onramp")), 1);
    }

    void mentorSeesAMenteesLockedProductionCredentialsWithTheReason()
    {
        // Kai has required steps to do; Alex waits for the sign-off only.
        QVERIFY(m_ui->click(QStringLiteral("mentee-kai")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("locked"),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QString forKai = m_ui->text(QStringLiteral("grant-reason-prod-db"));
        QVERIFY2(forKai.contains(QStringLiteral("steps")), qPrintable(forKai));
        QVERIFY2(forKai.contains(QStringLiteral("8 hours")), qPrintable(forKai));
        QVERIFY(!m_ui->item(QStringLiteral("revoke-prod-db")));
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("grant-reason-prod-db")) != forKai, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QString forAlex = m_ui->text(QStringLiteral("grant-reason-prod-db"));
        QCOMPARE(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("locked"));
        QVERIFY2(forAlex.contains(QStringLiteral("sign-off")) && !forAlex.contains(QStringLiteral("steps")),
                 qPrintable(forAlex));
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(u'\n')));
    }

    void signoffDialogSaysHowLongProductionCredentialsLast()
    {
        QVERIFY(m_ui->click(QStringLiteral("signoffButton")));
        QQuickItem* confirm = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((confirm = m_ui->item(QStringLiteral("confirmButton"))), e2e::kPatienceMs);
        QQuickItem* popup = confirm;
        while (popup && !popup->inherits("QQuickPopupItem"))
            popup = popup->parentItem();
        QVERIFY(popup);
        const QString texts = e2e::textsUnder(popup).join(u'\n');
        QVERIFY2(texts.contains(QStringLiteral("Alex Newhire")), qPrintable(texts));
        QVERIFY2(texts.contains(QStringLiteral("8 hours")), qPrintable(texts));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("confirmButton")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("locked"));
    }

    void reportCountsTheStepsAsTheMentorsPageDoes()
    {
        // The mentor's page: Alex has done 4 of 5 steps (all 4 required ones).
        QQuickItem* row = m_ui->item(QStringLiteral("mentee-alex"));
        QVERIFY(row);
        QVERIFY2(e2e::textsUnder(row).contains(QStringLiteral("4 of 5 steps done")),
                 qPrintable(e2e::textsUnder(row).join(u'\n')));
        QVERIFY(m_ui->click(QStringLiteral("nav-report")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        QQuickItem* chart = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((chart = m_ui->item(QStringLiteral("progressChart"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(itemWithText(chart, QStringLiteral("Alex Newhire")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        // The figure beside Alex's bar: the same count, never one that reads as "4 of 4".
        const QStringList bar = e2e::textsUnder(itemWithText(chart, QStringLiteral("Alex Newhire"))->parentItem());
        QVERIFY2(bar.contains(QStringLiteral("4 of 5")), qPrintable(bar.join(u'\n')));
        QVERIFY2(!bar.join(u'\n').contains(QStringLiteral("4 of 4")), qPrintable(bar.join(u'\n')));
        QVERIFY(m_ui->click(QStringLiteral("nav-mentor")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
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
        // How long it lasts once released, from the checklist's ttl.
        const QString explanation = m_ui->text(QStringLiteral("explanation-prod-db"));
        QVERIFY2(explanation.contains(QStringLiteral("8 hours")), qPrintable(explanation));
    }

    void cleanupTestCase()
    {
        Session::instance()->lock();
        m_ui.reset();
        m_engine.reset();
    }
};

ONRAMP_E2E_MAIN(TestMentorReport)
#include "TestMentorReport.moc"
