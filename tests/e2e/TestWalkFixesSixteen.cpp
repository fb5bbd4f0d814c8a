// The sixteenth walk's findings, in the real window on the demo team's
// vault: a step waiting for its review is not greyed like a finished one,
// Home shows its scroll bar, a link no browser opens says so, the
// mentor's page fills one selection only, an
// approval's words reach Home with it, and the Team heading and the
// report's wait chart say what they count.
#include "AdminFixture.h"

#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QScopeGuard>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

/// A web browser for the test: takes the addresses it is asked to open.
class Browser : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl& url) { opened.append(url); }
};

class TestWalkFixesSixteen : public e2e::AdminFixture
{
    Q_OBJECT

    QColor titleColour(const char* stepId) const
    {
        QQuickItem* title = m_ui->item(QStringLiteral("stepTitle-") + QLatin1String(stepId));
        return title ? title->property("color").value<QColor>() : QColor();
    }

    void elsewhere(const QString& name, const std::function<onramp::Error(onramp::Vault&)>& work)
    {
        const onramp::Error e = e2e::asDemoPerson(m_demo, name, work);
        QVERIFY2(!e, qPrintable(e.message));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // In the Checklist, a finished step's title recedes; one waiting for its
    // review reads as an open one does, since it is not finished yet.
    void aWaitingStepIsNotGreyedLikeAFinishedOne()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepTitle-restore-drill") && settled(), e2e::kPatienceMs);
        const QColor waiting = titleColour("restore-drill");
        const QColor finished = titleColour("handbook");
        const QColor open = titleColour("team-lunch");
        QVERIFY(waiting.isValid() && finished.isValid() && open.isValid());
        QCOMPARE(waiting, open);
        QVERIFY2(waiting != finished, qPrintable(waiting.name() + QLatin1Char(' ') + finished.name()));
        QCOMPARE(titleColour("sandbox-tests"), finished); // approved
        shot(QStringLiteral("checklist-waiting-not-greyed"));
    }

    // Home is taller than a 1024x640 window: its scroll bar shows without
    // a hover, so the hire sees that there is more below.
    void homeShowsItsScrollBarWhenItIsTallerThanTheWindow()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* scroll = item("homeScroll");
        QVERIFY(scroll);
        QQuickItem* bar = nullptr;
        for (QQuickItem* child : scroll->childItems())
            if (child->inherits("QQuickScrollBar") && child->property("orientation").toInt() == Qt::Vertical)
                bar = child;
        QVERIFY(bar);
        QVERIFY2(scroll->property("contentHeight").toReal() > scroll->height(),
                 qPrintable(QString::number(scroll->property("contentHeight").toReal())));
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->opacity() > 0.9, e2e::kPatienceMs);
        QVERIFY(bar->property("size").toReal() < 1.0);
    }

    // A link with no web browser to open it says so, naming the address;
    // with one, the address goes to it and nothing is said. The demo's
    // restore drill links the runbook it names.
    void aLinkNoBrowserOpensSaysSo()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QVERIFY(click("step-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepLink-0") && settled(), e2e::kPatienceMs);
        const QString runbook = QStringLiteral("https://wiki.example.com/runbooks/restore");
        QCOMPARE(text("stepLink-0"), QStringLiteral("wiki.example.com \u2014 ") + runbook);
        QVERIFY(!visible("notice"));
        QVERIFY(click("stepLink-0"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("noticeText"), e2e::kPatienceMs);
        QCOMPARE(text("noticeText"),
                 QStringLiteral("No web browser opened %1. The address is copied: paste it into one.").arg(runbook));
        QCOMPARE(QGuiApplication::clipboard()->text(), runbook);
        shot(QStringLiteral("step-link-no-browser"));
        QVERIFY(click("backButton"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("notice"), e2e::kPatienceMs);

        Browser browser;
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
        QVERIFY(click("step-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepLink-0") && settled(), e2e::kPatienceMs);
        QVERIFY(click("stepLink-0"));
        QTRY_COMPARE_WITH_TIMEOUT(browser.opened, QList<QUrl>{QUrl(runbook)}, e2e::kPatienceMs);
        QVERIFY(!visible("noticeText"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        QVERIFY(click("backButton"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
    }

    // A link of another scheme than the web's or mail's (a step's text may
    // name any) is never handed to the desktop, which would run whatever
    // program it has for it: the notice says so and names it.
    void aLinkOfAnotherSchemeIsNotOpened()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        Browser handler;
        for (const char* scheme : {"file", "smb", "https"})
            QDesktopServices::setUrlHandler(QString::fromLatin1(scheme), &handler, "open");
        const auto cleanup = qScopeGuard([] {
            for (const char* scheme : {"file", "smb", "https"})
                QDesktopServices::unsetUrlHandler(QString::fromLatin1(scheme));
        });
        auto* session = onramp::ui::Session::instance();
        for (const QString& link : {QStringLiteral("file:///etc/passwd"), QStringLiteral("smb://files.example/share"),
                                    QStringLiteral("FILE:///home")}) {
            QVERIFY(!session->openInBrowser(QUrl(link)));
            QTRY_VERIFY_WITH_TIMEOUT(visible("noticeText"), e2e::kPatienceMs);
            QVERIFY2(text("noticeText").startsWith(QStringLiteral("Onramp opens only web and mail links, not ")),
                     qPrintable(text("noticeText")));
        }
        QCOMPARE(handler.opened, QList<QUrl>());
        QVERIFY(session->openInBrowser(QUrl(QStringLiteral("https://wiki.example.com/"))));
        QCOMPARE(handler.opened, QList<QUrl>{QUrl(QStringLiteral("https://wiki.example.com/"))});
    }

    // The mentor's page selects a review and a mentee: only the list the
    // keys are in is filled; the other's selection is a tint and a bar.
    void onlyTheListWithTheKeysIsFilled()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("review-alex-restore-drill") && visible("mentee-alex") && settled(),
                                 e2e::kPatienceMs);
        QQuickItem* review = item("review-alex-restore-drill");
        QQuickItem* mentee = item("mentee-alex");
        QVERIFY(review->property("highlighted").toBool());
        QVERIFY(mentee->property("highlighted").toBool());
        QVERIFY(!review->property("solid").toBool());
        QVERIFY(mentee->property("solid").toBool());
        QVERIFY(e2e::findItem(review, QStringLiteral("softMark")));
        shot(QStringLiteral("mentor-two-selections"));
        // The keys in the queue: the review is the filled one.
        item("reviewList")->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(review->property("solid").toBool(), e2e::kPatienceMs);
        QVERIFY(!e2e::findItem(review, QStringLiteral("softMark")));
        QVERIFY(mentee->property("highlighted").toBool());
        QVERIFY(!mentee->property("solid").toBool());
        QVERIFY(e2e::findItem(mentee, QStringLiteral("softMark")));
    }

    // An approval with words: Home's news says what the mentor wrote, on one
    // line, and the step shows it whole.
    void anApprovalsWordsAreNewsOnHome()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!visible("replyText-restore-drill"));
        const QString words = QStringLiteral("Counts match.\nNicely done: the restore is whole, and %1")
                                  .arg(QString(200, QLatin1Char('x')));
        elsewhere(QStringLiteral("maya"), [&words](onramp::Vault& v) {
            return onramp::Enrollments(v).review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, words);
        });
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replyText-restore-drill") && settled(), e2e::kPatienceMs);
        const QString news = text("replyText-restore-drill");
        QVERIFY2(news.startsWith(QStringLiteral("Maya Mentor approved “Restore a backup into your sandbox”: “Counts "
                                                "match. Nicely done: the restore is whole, and xxx")),
                 qPrintable(news));
        QVERIFY2(news.endsWith(QStringLiteral("x…”")), qPrintable(news));
        QVERIFY2(news.size() < 260, qPrintable(news));
        shot(QStringLiteral("home-approval-words"));
    }

    // The gate's reasons on the mentor's card each start with their step,
    // one wording for a step not done whoever reads it.
    void theGatesReasonsReadOneWay()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("mentee-lee"), e2e::kPatienceMs);
        QVERIFY(click("mentee-lee"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            allTextsUnder(QStringLiteral("mentor")).contains(QStringLiteral("• “Set up your laptop” is not done yet")),
            qPrintable(allTextsUnder(QStringLiteral("mentor"))), e2e::kPatienceMs);
        QVERIFY(!allTextsUnder(QStringLiteral("mentor")).contains(QStringLiteral("has not done")));
    }

    // The admin's Team heading: how many steps wait for a mentor, and in
    // words when none does, never "0 waiting".
    void theTeamHeadingSaysWhenNothingWaits()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QString before = item("teamHeading")->property("subtitle").toString();
        QVERIFY2(before.endsWith(QStringLiteral(" waiting for a mentor's review")) && before.front().isDigit()
                     && !before.startsWith(QLatin1Char('0')),
                 qPrintable(before));
        // Every mentor reviews what waits for them.
        QList<onramp::EnrollmentStatus> statuses;
        elsewhere(QStringLiteral("ada"),
                  [&statuses](onramp::Vault& v) { return onramp::Enrollments(v).visible(&statuses); });
        int reviewed = 0;
        for (const onramp::EnrollmentStatus& status : std::as_const(statuses))
            for (const onramp::StepView& step : status.steps)
                if (step.awaitingReview()) {
                    elsewhere(status.mentor.name, [&](onramp::Vault& v) {
                        return onramp::Enrollments(v).review(status.hire.name, step.step.id, true, {});
                    });
                    ++reviewed;
                }
        QVERIFY(reviewed > 0);
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_COMPARE_WITH_TIMEOUT(item("teamHeading")->property("subtitle").toString(),
                                  QStringLiteral("Nothing waits for a mentor's review"), e2e::kPatienceMs);
    }

    // The report's chart of reviews is an average over approved steps: its
    // title says so rather than promise the steps waiting now.
    void theWaitChartSaysItIsAnAverage()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(showPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("waitChart") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("waitChart")->property("title").toString(), QStringLiteral("Average wait for a review, by step"));
    }
};

QTEST_MAIN(TestWalkFixesSixteen)
#include "TestWalkFixesSixteen.moc"
