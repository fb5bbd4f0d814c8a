// The fifteenth walk's findings, in the real window at 1024x640 on the demo
// team's vault: a step's page marks the tab it was opened from and starts
// the hire's subtitle with the section; a revealed password takes its card's whole width,
// on one line; the demo's restore drill says what to do; the Team heading
// says whose turn it is.
#include "AdminFixture.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesFifteen : public e2e::AdminFixture
{
    Q_OBJECT

    /// Which of the header's tabs is marked: their pages, checked ones only.
    QStringList markedTabs() const
    {
        QStringList marked;
        for (const QString& page : {QStringLiteral("home"), QStringLiteral("checklist"), QStringLiteral("mentor"),
                                    QStringLiteral("report"), QStringLiteral("admin"), QStringLiteral("audit")}) {
            QQuickItem* tab = m_ui->item(QStringLiteral("nav-") + page);
            if (tab && tab->property("checked").toBool())
                marked << page;
        }
        return marked;
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

    // Where am I: on a step, the tab of the page it was opened from stays
    // marked, for the hire (Home or Checklist) and for the mentor.
    void aStepsPageMarksTheTabItWasOpenedFrom()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QCOMPARE(markedTabs(), QStringList{QStringLiteral("checklist")});
        QVERIFY(click("step-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_COMPARE_WITH_TIMEOUT(markedTabs(), QStringList{QStringLiteral("checklist")}, e2e::kPatienceMs);
        // The demo's drill says what to do, as every step of it does.
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepBody") && item("stepBody")->isVisible(), e2e::kPatienceMs);
        QVERIFY2(text("stepBody").contains(QStringLiteral("restore")), qPrintable(text("stepBody")));
        QVERIFY(!visible("stepBodyReader"));
        // Its section, as on every step, and not the checklist's title, whose "first week" it repeated.
        const QString subtitle = item("stepHeading")->property("subtitle").toString();
        QVERIFY2(subtitle.startsWith(QStringLiteral("First week · due ")), qPrintable(subtitle));
        // Opened, it shows from its title: the conversation's box, below the
        // fold at 1024x640, does not take the keys by scrolling the title away.
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* view = e2e::findItemOfClass(item("step"), "QQuickFlickable");
        QVERIFY(view);
        QCOMPARE(view->property("contentY").toReal(), 0.0);
        QVERIFY(!item("threadNoteField")->hasActiveFocus());
        QVERIFY(item("step")->hasActiveFocus());
        shot(QStringLiteral("step-from-checklist"));
        QVERIFY(visible("stepMark")); // ◑: redone, waiting for review
        // An open step says so in words alone: no mark that reads as a stray bullet.
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(click("step-team-lunch"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_COMPARE_WITH_TIMEOUT(text("stepState"), QStringLiteral("Not done yet."), e2e::kPatienceMs);
        QVERIFY(!visible("stepMark"));
        // The sentence starts at the card's edge, as the button under it does.
        const auto leftOf = [](QQuickItem* it) { return it->mapToItem(nullptr, QPointF(0, 0)).x(); };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(leftOf(item("stepState")), leftOf(item("markDoneButton")));

        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // What waits for the mentor, in one sentence whatever it is.
        const QString waiting = item("teamHeading")->property("subtitle").toString();
        QVERIFY2(waiting.startsWith(QStringLiteral("Waiting for you: ")) && waiting.contains(QStringLiteral("review")),
                 qPrintable(waiting));
        QVERIFY(click("review-alex-restore-drill"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_COMPARE_WITH_TIMEOUT(markedTabs(), QStringList{QStringLiteral("mentor")}, e2e::kPatienceMs);
        // The body is written to the hire; the mentor is told whose words they read.
        QTRY_VERIFY_WITH_TIMEOUT(visible("stepBodyReader"), e2e::kPatienceMs);
        QCOMPARE(text("stepBodyReader"), QStringLiteral("What Alex Newhire reads on this step:"));
        shot(QStringLiteral("step-for-the-mentor"));
        // Back on the page, its tab is still the one marked.
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QCOMPARE(markedTabs(), QStringList{QStringLiteral("mentor")});
    }

    // An admin reviews nothing on the Team page: its heading says whose
    // review the steps wait for.
    void theTeamHeadingSaysWhoReviews()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        const QString waiting = item("teamHeading")->property("subtitle").toString();
        QVERIFY2(waiting.endsWith(QStringLiteral("waiting for a mentor's review")), qPrintable(waiting));
    }

    // Revealed, the sandbox password reads on one line across the card;
    // hidden, dots stand in its place and no secret is in the window. The
    // line is as tall either way: nothing below it moves.
    void aRevealedPasswordTakesTheCardsWidth()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("reveal-sandbox-db") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("secret-sandbox-db"));
        QVERIFY(visible("secretHidden-sandbox-db"));
        const auto top = [this](const char* name) {
            QQuickItem* it = item(name);
            return it ? it->mapToItem(nullptr, QPointF(0, 0)).y() : -1.0;
        };
        const double revealTop = top("reveal-sandbox-db");
        const double nextTop = top("reveal-prod-db") >= 0 ? top("reveal-prod-db") : top("explanation-prod-db");
        QVERIFY(nextTop > revealTop);
        QVERIFY(click("reveal-sandbox-db"));
        QTRY_COMPARE_WITH_TIMEOUT(text("secret-sandbox-db").size(), 24, e2e::kPatienceMs);
        QQuickItem* secret = item("secret-sandbox-db");
        QVERIFY(secret);
        QVERIFY(!visible("secretHidden-sandbox-db"));
        // Across the card, over the row of buttons (not squeezed beside
        // them), on one line, once the card is laid out again.
        QQuickItem* copy = item("copy-sandbox-db");
        const auto rightOf = [](QQuickItem* it) { return it->mapToItem(nullptr, QPointF(it->width(), 0)).x(); };
        QTRY_VERIFY_WITH_TIMEOUT(settled() && rightOf(secret) > rightOf(copy), e2e::kPatienceMs);
        QCOMPARE(secret->property("lineCount").toInt(), 1);
        QCOMPARE(top("reveal-sandbox-db"), revealTop);
        QCOMPARE(top("reveal-prod-db") >= 0 ? top("reveal-prod-db") : top("explanation-prod-db"), nextTop);
        shot(QStringLiteral("password-revealed"));
        QVERIFY(click("reveal-sandbox-db"));
        QTRY_VERIFY(!secret->isVisible());
        QCOMPARE(secret->property("text").toString(), QString());
        QVERIFY(visible("secretHidden-sandbox-db"));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesFifteen)

#include "TestWalkFixesFifteen.moc"
