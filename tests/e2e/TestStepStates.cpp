// One step's state on every screen, written for whoever reads it, and the
// conversation on a step, through the real window: a hire marks steps done
// (Ctrl+D), their mentor works the review queue (Ctrl+Shift+N, Ctrl+Shift+A,
// asks before Ctrl+Shift+A approves), sends a step back with a comment, the
// hire resubmits it with a note and a link, the mentor approves it and signs
// off in a dialog that says what it does. A step has at most one box to write in and
// no empty band in any state; a state reads the same wherever it shows; a
// state's mark is no tick box. Mentee rows keep their progress readable when
// selected, light or dark.
#include "E2eDriver.h"
#include "Translations.h"
#include "VaultTestUtil.h"

#include "Appearance.h"
#include "Session.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

#include <QAccessible>
#include <QQmlContext>
#include <QQmlProperty>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>
#include <functional>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;
using namespace vaulttest;

namespace {

const QByteArray kChecklist = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: week-one
  title: Week one
  steps:
    - id: handbook
      section: Day one
      title: Read the handbook
      required: true
    - id: tests
      section: Day one
      title: Run the whole integration test suite against your sandbox database and write down every test that failed
      required: true
      signoff: true
    - id: deploy
      section: First week, once the sandbox runs - deploying the sample service, watching its dashboards and alerts, and rolling it back when something breaks
      title: Deploy the sample service to your sandbox
      signoff: true
)";

const QString kLongSection =
    QStringLiteral("First week, once the sandbox runs - deploying the sample service, watching its dashboards and "
                   "alerts, and rolling it back when something breaks");

const QString kLongTitle = QStringLiteral(
    "Run the whole integration test suite against your sandbox database and write down every test that failed");

} // namespace

class TestStepStates : public e2e::WindowFixture
{
    Q_OBJECT

private:
    void signInAs(int personIndex, const QByteArray& passphrase) // ada, hal, hana, max
    {
        if (m_ui->item(QStringLiteral("lockButton")))
            QVERIFY(m_ui->click(QStringLiteral("lockButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), personIndex));
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QString::fromUtf8(passphrase)));
        m_ui->key(Qt::Key_Return);
    }

    /// The property \a name of the visible item \a objectName; invalid (with a warning) when there is none.
    QVariant propertyOf(const QString& objectName, const char* name)
    {
        QQuickItem* found = m_ui->item(objectName);
        if (!found) {
            qWarning() << "no item" << objectName << "on page" << m_ui->page();
            return {};
        }
        return found->property(name);
    }

    /// The visible text areas of the page on show: the boxes a person can write in.
    int noteBoxes()
    {
        int count = 0;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
            if (!item->isVisible() || item->opacity() == 0)
                return;
            if (item->inherits("QQuickTextArea"))
                ++count;
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(e2e::pageStack(m_window));
        return count;
    }

    /// The tallest empty band across the card that holds the step's state and
    /// actions: above, between or below what it shows (texts, buttons, fields).
    qreal largestGapInTheStateCard()
    {
        QQuickItem* card = m_ui->item(QStringLiteral("stepState"));
        while (card && !card->inherits("QQuickPane"))
            card = card->parentItem();
        if (!card) {
            qWarning("no card round the step's state");
            return 1e9;
        }
        auto* content = card->property("contentItem").value<QQuickItem*>();
        QList<std::pair<qreal, qreal>> bands;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
            if (!item->isVisible() || item->opacity() == 0)
                return;
            if (item->property("text").isValid()) {
                if (item->width() > 0 && item->height() > 0) {
                    const qreal top = item->mapToItem(content, QPointF(0, 0)).y();
                    bands.append({top, top + item->height()});
                }
                return;
            }
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(content);
        std::sort(bands.begin(), bands.end());
        qreal reach = 0;
        qreal gap = 0;
        for (const auto& [top, bottom] : bands) {
            gap = std::max(gap, top - reach);
            reach = std::max(reach, bottom);
        }
        return std::max(gap, content->height() - reach);
    }

    /// One box to write in on the step page, and no empty band round its
    /// state, in the state it is in now.
    void verifyOneNoteBoxAndNoGap()
    {
        QVERIFY(settled());
        // The hire and the mentor write in every state (Add note), not only along with an act.
        QCOMPARE(noteBoxes(), 1);
        QVERIFY(m_ui->item(QStringLiteral("addNoteButton")));
        const qreal gap = largestGapInTheStateCard();
        QVERIFY2(gap <= 10,
                 qPrintable(QStringLiteral("an empty band of %1 px under “%2”")
                                .arg(gap)
                                .arg(m_ui->text(QStringLiteral("stepState")))));
    }

    /// Presses Ctrl+Shift+A and waits for the question it asks; the question's texts.
    QStringList askToApprove()
    {
        shortcut(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QQuickItem* confirm = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    confirm = m_ui->item(QStringLiteral("approveConfirmButton"));
                    return confirm && settled();
                },
                e2e::kPatienceMs)) {
            qWarning("Ctrl+Shift+A asks nothing");
            return {};
        }
        QQuickItem* popup = confirm;
        while (popup && !popup->inherits("QQuickPopupItem"))
            popup = popup->parentItem();
        return popup ? e2e::textsUnder(popup) : QStringList();
    }

    /// Clicks the step page's Approve and waits for the question it asks; the question's texts.
    QStringList clickApprove()
    {
        if (!m_ui->click(QStringLiteral("approveButton")))
            return {};
        QQuickItem* confirm = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    confirm = m_ui->item(QStringLiteral("approveConfirmButton"));
                    return confirm && settled();
                },
                e2e::kPatienceMs)) {
            qWarning("Approve asks nothing");
            return {};
        }
        QQuickItem* popup = confirm;
        while (popup && !popup->inherits("QQuickPopupItem"))
            popup = popup->parentItem();
        // Enter and Escape answer it once it is open.
        const QObject* dialog = nullptr;
        const auto dialogs = m_window->findChildren<QObject*>(QStringLiteral("approveDialog"));
        for (const QObject* d : dialogs) {
            if (d->property("visible").toBool())
                dialog = d;
        }
        if (!dialog || !QTest::qWaitFor([&] { return dialog->property("opened").toBool(); }, e2e::kPatienceMs)) {
            qWarning("the question about approving does not open");
            return {};
        }
        return e2e::textsUnder(popup);
    }

    void shortcut(Qt::Key key, Qt::KeyboardModifiers modifiers) { QTest::keyClick(m_window, key, modifiers); }

    bool settled()
    {
        return QTest::qWaitFor([&] { return e2e::isSettled(m_window); }, e2e::kPatienceMs);
    }

    /// The texts of the page on show, for what it says to its reader.
    QStringList pageTexts() { return e2e::textsUnder(e2e::pageStack(m_window)); }

    /// Fails naming the text when the page says something written for someone else.
    void verifyWrittenForTheMentor()
    {
        QVERIFY(settled());
        static const QRegularExpression forTheHire(
            QStringLiteral("no rush|your mentor|the mentor's approval|sandbox is yours|ask for approval"),
            QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression loginName(QStringLiteral("\\b(hal|max)\\b"));
        const QStringList texts = pageTexts();
        for (const QString& text : texts) {
            QVERIFY2(!text.contains(forTheHire), qPrintable(QStringLiteral("written for the hire: ") + text));
            QVERIFY2(!text.contains(loginName), qPrintable(QStringLiteral("a login name: ") + text));
        }
    }

    void openStep(const QString& step)
    {
        QVERIFY(m_ui->click(QStringLiteral("step-") + step));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(settled());
    }

    void back(const QString& page)
    {
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(page));
        QVERIFY(settled());
    }

    /// The colour of the progress fill in the mentee row of \a hire.
    QColor progressFillOf(const QString& hire)
    {
        QQuickItem* row = m_ui->item(QStringLiteral("mentee-") + hire);
        QQuickItem* fill = row ? e2e::findItem(row, QStringLiteral("progressFill")) : nullptr;
        if (!fill) {
            qWarning() << "no progress fill in the row of" << hire;
            return {};
        }
        return fill->property("color").value<QColor>();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        // Settings of its own (the send-backs seen, the language), not shared with a test running beside it.
        QStandardPaths::setTestModeEnabled(true);
        const QString path = m_dir.filePath(QStringLiteral("vault"));
        {
            auto vault = makeVault(path);
            QVERIFY(vault);
            QVERIFY(!onramp::People(*vault).add(QStringLiteral("hana"), QStringLiteral("Hana Newhire"),
                                                onramp::Role::Hire, "hana's passphrase"));
            onramp::ParseResult parsed = onramp::parseChecklist(kChecklist, QStringLiteral("week-one.yaml"));
            QVERIFY(parsed.ok());
            onramp::ImportOutcome outcome;
            QVERIFY(
                !onramp::ChecklistStore(*vault).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
            for (const char* hire : {"hal", "hana"})
                QVERIFY(!onramp::Enrollments(*vault).enroll(QString::fromLatin1(hire), QStringLiteral("week-one"),
                                                            QStringLiteral("max"), QDate::currentDate()));
        }
        Session::instance()->setVaultPath(path);
        QVERIFY(openWindow());
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    void aStepsMarkIsNoTickBoxAndItsStateIsInWords_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << "light";
        QTest::newRow("dark") << "dark";
    }

    void aStepsMarkIsNoTickBoxAndItsStateIsInWords()
    {
        QFETCH(QString, theme);
        if (m_ui->page() != QStringLiteral("checklist")) {
            signInAs(1, kHirePassphrase);
            QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
            QVERIFY(m_ui->click(QStringLiteral("openChecklist")));
            QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        }
        QVERIFY(Appearance::instance()->setModeForThisRun(theme));
        QVERIFY(settled());
        // An open step's mark is no hollow shape that reads as a box to tick.
        static const QString hollow = QStringLiteral("\u25CB\u25EF\u2610\u25A1\u25FB\u2B1C\u25A2");
        for (const QString& step : {QStringLiteral("handbook"), QStringLiteral("deploy")}) {
            const QString mark = m_ui->text(QStringLiteral("stepMark-") + step);
            QVERIFY(!mark.isEmpty());
            QVERIFY2(!hollow.contains(mark), qPrintable(step + QStringLiteral(": ") + mark));
            // Its state is said in words beside it, whether it needs a review or not.
            QVERIFY2(!m_ui->text(QStringLiteral("stepStatus-") + step).isEmpty(), qPrintable(step));
            const QColor tone = propertyOf(QStringLiteral("stepMark-") + step, "color").value<QColor>();
            const QColor base = Appearance::instance()->palette().color(QPalette::Base);
            QVERIFY2(Appearance::contrast(tone, base) >= 3.0, qPrintable(step));
        }
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-handbook")), QStringLiteral("to do"));
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
    }

    // A long section name is shown whole at 1024x640: it wraps within the list.
    void longSectionNamesAreShownWhole()
    {
        QVERIFY(settled());
        QQuickItem* list = m_ui->item(QStringLiteral("stepList"));
        QVERIFY(list);
        QQuickItem* heading = nullptr;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
            if (item->isVisible() && item->property("text").toString() == kLongSection)
                heading = item;
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(list);
        QVERIFY2(heading, "the long section name is not shown");
        const qreal right = heading->mapToItem(list, QPointF(heading->width(), 0)).x();
        QVERIFY2(right <= list->width(),
                 qPrintable(QStringLiteral("it reaches %1 in %2").arg(right).arg(list->width())));
        QVERIFY(!heading->property("truncated").toBool());
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(QLatin1Char('\n'))));
    }

    // A note field's edge stands out from the card it lies on (3:1), light and dark.
    void noteFieldsShowTheirEdge_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << "light";
        QTest::newRow("dark") << "dark";
    }

    void noteFieldsShowTheirEdge()
    {
        QFETCH(QString, theme);
        openStep(QStringLiteral("handbook"));
        QVERIFY(Appearance::instance()->setModeForThisRun(theme));
        QVERIFY(settled());
        QQuickItem* field = m_ui->item(QStringLiteral("threadNoteField"));
        QVERIFY(field);
        auto* frame = field->property("background").value<QQuickItem*>();
        QVERIFY(frame);
        const QObject* border = frame->property("border").value<QObject*>();
        QVERIFY(border);
        QVERIFY(border->property("width").toReal() >= 1);
        const QColor edge = border->property("color").value<QColor>();
        const QColor card = Appearance::instance()->palette().color(QPalette::Base);
        const double contrast = Appearance::contrast(edge, card);
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
        back(QStringLiteral("checklist"));
        QVERIFY2(contrast >= 3.0, qPrintable(QStringLiteral("%1: the edge reads at %2:1").arg(theme).arg(contrast)));
    }

    // The crumb above a step names the page it goes back to, and goes there.
    void theCrumbOnAStepOfTheChecklistGoesToTheChecklist()
    {
        openStep(QStringLiteral("handbook"));
        QCOMPARE(m_ui->text(QStringLiteral("backButton")), QStringLiteral("‹ Checklist"));
        QVERIFY2(e2e::accessibleName(m_ui->item(QStringLiteral("backButton"))).contains(QStringLiteral("Checklist")),
                 qPrintable(e2e::accessibleName(m_ui->item(QStringLiteral("backButton")))));
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(settled());
    }

    void ctrlDMarksTheOpenStepDone()
    {
        openStep(QStringLiteral("handbook"));
        verifyOneNoteBoxAndNoGap();
        QVERIFY(m_ui->item(QStringLiteral("markDoneButton")));
        shortcut(Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done on")),
                                 e2e::kPatienceMs);
        QVERIFY(!m_ui->item(QStringLiteral("markDoneButton")));
        // Before the sign-off a done step no review covers can be undone.
        QVERIFY(m_ui->item(QStringLiteral("undoButton")));
        verifyOneNoteBoxAndNoGap();
        back(QStringLiteral("checklist"));
    }

    void waitingForReviewHasItsOwnMarkAndWords()
    {
        for (const QString& step : {QStringLiteral("tests"), QStringLiteral("deploy")}) {
            openStep(step);
            QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
            QTRY_VERIFY_WITH_TIMEOUT(
                m_ui->text(QStringLiteral("stepState")).contains(QStringLiteral("waiting for"), Qt::CaseInsensitive),
                e2e::kPatienceMs);
            // Written for the hire, naming their mentor.
            QVERIFY2(m_ui->text(QStringLiteral("stepState")).contains(QStringLiteral("Max Mentor")),
                     qPrintable(m_ui->text(QStringLiteral("stepState"))));
            verifyOneNoteBoxAndNoGap();
            back(QStringLiteral("checklist"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepStatus-tests")), QStringLiteral("waiting for review"),
                                  e2e::kPatienceMs);
        // Done (no review needed) and waiting for review look different.
        QVERIFY(!m_ui->text(QStringLiteral("stepMark-tests")).isEmpty());
        QVERIFY(m_ui->text(QStringLiteral("stepMark-tests")) != m_ui->text(QStringLiteral("stepMark-handbook")));
        QCOMPARE(m_ui->text(QStringLiteral("stepMark-tests")), m_ui->text(QStringLiteral("stepMark-deploy")));
        QVERIFY(propertyOf(QStringLiteral("stepStatus-tests"), "color")
                != propertyOf(QStringLiteral("stepMark-handbook"), "color"));
        const QString name = e2e::accessibleName(m_ui->item(QStringLiteral("step-tests")));
        QVERIFY2(name.contains(QStringLiteral("waiting for review")), qPrintable(name));
    }

    // A step waiting for review is not done yet: the count says so apart, on
    // the Checklist and on Home alike.
    void stepsWaitingForReviewAreNotCountedDone()
    {
        const QString honest = QStringLiteral("1 of 3 steps done · 2 waiting for review");
        QVERIFY(settled());
        QVERIFY2(pageTexts().contains(honest + QStringLiteral(" · version 1")),
                 qPrintable(pageTexts().join(QLatin1Char('\n'))));
        QVERIFY(m_ui->click(QStringLiteral("nav-home")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QVERIFY(settled());
        QCOMPARE(m_ui->text(QStringLiteral("progressText")), honest);
        QVERIFY(m_ui->click(QStringLiteral("openChecklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(settled());
    }

    void mentorReadsTextsWrittenForTheMentor()
    {
        signInAs(3, kMentorPassphrase);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("review-hal-deploy")), e2e::kPatienceMs);
        verifyWrittenForTheMentor();
        QVERIFY(pageTexts().contains(QStringLiteral("• “%1” waits for your review").arg(kLongTitle)));
        // The mentor counts as the hire does: waiting for review is not done.
        const QString honest = QStringLiteral("1 of 3 steps done · 2 waiting for review");
        QQuickItem* halRow = m_ui->item(QStringLiteral("mentee-hal"));
        QVERIFY(halRow);
        QVERIFY2(e2e::textsUnder(halRow).contains(honest), qPrintable(e2e::textsUnder(halRow).join(QLatin1Char('\n'))));
        // A screen reader hears the same count, said to the mentor.
        QVERIFY2(e2e::accessibleName(halRow).contains(QStringLiteral("1 of 3 steps, 2 waiting for you")),
                 qPrintable(e2e::accessibleName(halRow)));
        QVERIFY2(pageTexts().contains(QStringLiteral("Week one · ") + honest),
                 qPrintable(pageTexts().join(QLatin1Char('\n'))));

        QVERIFY(m_ui->click(QStringLiteral("review-hal-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("stepState")).contains(QStringLiteral("It waits for your review")),
            e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Hal Hire did this")),
                 qPrintable(m_ui->text(QStringLiteral("stepState"))));
        verifyWrittenForTheMentor();
        verifyOneNoteBoxAndNoGap();
        back(QStringLiteral("mentor"));
    }

    // A review of another mentee opens that mentee's step: its crumb names
    // that mentee's steps, and goes back to them, not to the mentee selected before.
    void theCrumbOfAReviewGoesToThatMenteesSteps()
    {
        QVERIFY(m_ui->click(QStringLiteral("mentee-hana")));
        QTRY_VERIFY_WITH_TIMEOUT(propertyOf(QStringLiteral("mentee-hana"), "highlighted").toBool(), e2e::kPatienceMs);
        QVERIFY(settled());
        QVERIFY(m_ui->click(QStringLiteral("review-hal-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(settled());
        QCOMPARE(m_ui->text(QStringLiteral("backButton")), QStringLiteral("‹ Steps of Hal Hire"));
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(settled());
        QVERIFY(propertyOf(QStringLiteral("mentee-hal"), "highlighted").toBool());
        QVERIFY(!propertyOf(QStringLiteral("mentee-hana"), "highlighted").toBool());
        QVERIFY(m_ui->item(QStringLiteral("step-tests")));
    }

    void reviewItemsFitOrShowTheirWholeText_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x640") << QSize(1024, 640);
        QTest::newRow("1280x800") << QSize(1280, 800);
    }

    void reviewItemsFitOrShowTheirWholeText()
    {
        QFETCH(QSize, size);
        // The window's size changes at once, its content only when the resize is delivered:
        // measure once the content has that size and is laid out.
        QVERIFY(m_ui->resizeTo(size));
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(QLatin1Char('\n'))));
        QQuickItem* title = m_ui->item(QStringLiteral("reviewTitle-hal-tests"));
        QVERIFY(title);
        // Wrapped in full, or elided with the whole title in a tooltip.
        if (title->property("truncated").toBool())
            QCOMPARE(QQmlProperty(title, QStringLiteral("ToolTip.text"), qmlContext(title)).read().toString(),
                     kLongTitle);
        else
            QCOMPARE(title->property("text").toString(), kLongTitle);
        const QString name = e2e::accessibleName(m_ui->item(QStringLiteral("review-hal-tests")));
        QVERIFY2(name.contains(kLongTitle), qPrintable(name));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    void ctrlShiftNMovesToTheNextReviewAndCtrlShiftAApprovesIt()
    {
        QVERIFY(settled());
        QVERIFY(propertyOf(QStringLiteral("review-hal-tests"), "highlighted").toBool());
        QVERIFY(!propertyOf(QStringLiteral("review-hal-deploy"), "highlighted").toBool());
        shortcut(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(propertyOf(QStringLiteral("review-hal-deploy"), "highlighted").toBool(),
                                 e2e::kPatienceMs);
        QVERIFY(!propertyOf(QStringLiteral("review-hal-tests"), "highlighted").toBool());
        // The queue takes the focus, so the move is seen (ringed) and read out even with one review.
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("reviewList"))->hasActiveFocus(), e2e::kPatienceMs);
        // Waiting for review reads the same to the mentor as to the hire, in the queue as in the list.
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-deploy")), QStringLiteral("waiting for review"));
        QCOMPARE(m_ui->text(QStringLiteral("reviewStatus-hal-deploy")), QStringLiteral("waiting for review"));
        // Approving decides production access: Ctrl+Shift+A asks first, naming the hire and the step.
        const QStringList question = askToApprove();
        const QString asked = question.join(QLatin1Char('\n'));
        QVERIFY2(asked.contains(QStringLiteral("Hal Hire")), qPrintable(asked));
        QVERIFY2(asked.contains(QStringLiteral("Deploy the sample service to your sandbox")), qPrintable(asked));
        // Escape cancels: nothing is approved.
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("approveConfirmButton")), e2e::kPatienceMs);
        QVERIFY(settled());
        QCOMPARE(m_ui->page(), QStringLiteral("mentor"));
        QVERIFY(m_ui->item(QStringLiteral("review-hal-deploy")));
        QVERIFY(propertyOf(QStringLiteral("review-hal-deploy"), "highlighted").toBool());
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-deploy")), QStringLiteral("waiting for review"));
        // Enter confirms.
        QVERIFY(!askToApprove().isEmpty());
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("review-hal-deploy")), e2e::kPatienceMs);
        QVERIFY(settled());
        QVERIFY(m_ui->item(QStringLiteral("review-hal-tests")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepStatus-deploy")), QStringLiteral("approved"),
                                  e2e::kPatienceMs);
    }

    void mentorSendsAStepBackWithAComment()
    {
        QVERIFY(m_ui->click(QStringLiteral("review-hal-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("Please attach the log of the failures")));
        QVERIFY(m_ui->click(QStringLiteral("rejectButton")));
        QVERIFY(m_ui->click(QStringLiteral("sendBackConfirmButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("You asked for")),
                                 e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("threadHeading-0")),
                                  QStringLiteral("Max Mentor (mentor) asked for changes"), e2e::kPatienceMs);
        verifyWrittenForTheMentor();
        verifyOneNoteBoxAndNoGap();
        back(QStringLiteral("mentor"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepStatus-tests")), QStringLiteral("changes asked"),
                                  e2e::kPatienceMs);
    }

    void hireResubmitsASentBackStepWithANote()
    {
        signInAs(1, kHirePassphrase);
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QVERIFY(settled());
        const QString sentBack =
            QStringLiteral("• Changes were asked on “%1”: redo it, then resubmit it for review").arg(kLongTitle);
        QVERIFY2(pageTexts().contains(sentBack), qPrintable(pageTexts().join(QLatin1Char('\n'))));
        QVERIFY(m_ui->click(QStringLiteral("openChecklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(settled());
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-tests")), QStringLiteral("changes asked"));
        openStep(QStringLiteral("tests"));
        QVERIFY(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Max Mentor asked for changes")));
        QVERIFY(!m_ui->item(QStringLiteral("markDoneButton")));
        verifyOneNoteBoxAndNoGap();
        // The conversation's box is the one place to write: Resubmit sends what is in it along.
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"),
                           QStringLiteral("Log: https://ci.example.com/run/42 <b>x</b>")));
        QVERIFY(m_ui->click(QStringLiteral("resubmitButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Redone on")),
                                 e2e::kPatienceMs);
        verifyOneNoteBoxAndNoGap();
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QString());
        // The thread: the mentor's comment, the resubmission, then the note sent with it, as plain
        // text with its link.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("threadHeading-1")),
                                  QStringLiteral("You redid the step after changes were asked"), e2e::kPatienceMs);
        QVERIFY(!m_ui->item(QStringLiteral("threadText-1"))); // an act, with no text of its own
        QCOMPARE(m_ui->text(QStringLiteral("threadHeading-2")), QStringLiteral("Hal Hire (hire)"));
        const QString html = m_ui->text(QStringLiteral("threadText-2"));
        QVERIFY2(html.contains(QStringLiteral("<a href=\"https://ci.example.com/run/42\">")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;")), qPrintable(html));
        back(QStringLiteral("checklist"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepStatus-tests")),
                                  QStringLiteral("redone, waiting for review"), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("stepMark-tests")) != m_ui->text(QStringLiteral("stepMark-deploy")));
    }

    void mentorApprovesTheResubmittedStep()
    {
        signInAs(3, kMentorPassphrase);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("review-hal-tests")), e2e::kPatienceMs);
        // One wording for one state, for the mentor as for the hire, in the list as in the queue.
        QCOMPARE(m_ui->text(QStringLiteral("stepStatus-tests")), QStringLiteral("redone, waiting for review"));
        QCOMPARE(m_ui->text(QStringLiteral("reviewStatus-hal-tests")), QStringLiteral("redone, waiting for review"));
        verifyWrittenForTheMentor();
        // The selected review shows the hire's latest note, so approving it by shortcut approves what is seen.
        QVERIFY(propertyOf(QStringLiteral("review-hal-tests"), "highlighted").toBool());
        const QString note = QStringLiteral("Log: https://ci.example.com/run/42 <b>x</b>");
        QQuickItem* review = m_ui->item(QStringLiteral("review-hal-tests"));
        QVERIFY(review);
        const QStringList shown = e2e::textsUnder(review);
        QVERIFY2(std::any_of(shown.cbegin(), shown.cend(), [&](const QString& t) { return t.contains(note); }),
                 qPrintable(shown.join(QLatin1Char('\n'))));
        const QString reviewName = e2e::accessibleName(review);
        QVERIFY2(reviewName.contains(note), qPrintable(reviewName));
        QVERIFY(m_ui->click(QStringLiteral("review-hal-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).contains(QStringLiteral("again")),
                                 e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("threadHeading-1")),
                 QStringLiteral("Hal Hire (hire) redid the step after changes were asked"));
        QCOMPARE(m_ui->text(QStringLiteral("threadHeading-2")), QStringLiteral("Hal Hire (hire)"));
        // Approve asks first, as Ctrl+Shift+A does, naming the hire and the step; Escape cancels.
        const QString stateBefore = m_ui->text(QStringLiteral("stepState"));
        const QString asked = clickApprove().join(QLatin1Char('\n'));
        QVERIFY2(asked.contains(QStringLiteral("Hal Hire")), qPrintable(asked));
        QVERIFY2(asked.contains(kLongTitle), qPrintable(asked));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("approveConfirmButton")), e2e::kPatienceMs);
        QVERIFY(settled());
        QCOMPARE(m_ui->page(), QStringLiteral("step"));
        QCOMPARE(m_ui->text(QStringLiteral("stepState")), stateBefore);
        QVERIFY(m_ui->item(QStringLiteral("approveButton")));
        // Enter confirms.
        QVERIFY(!clickApprove().isEmpty());
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done and approved by you")),
            e2e::kPatienceMs);
        verifyOneNoteBoxAndNoGap();
        back(QStringLiteral("mentor"));
    }

    void progressStaysReadableOnASelectedRow_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << "light";
        QTest::newRow("dark") << "dark";
    }

    void progressStaysReadableOnASelectedRow()
    {
        QFETCH(QString, theme);
        QVERIFY(Appearance::instance()->setModeForThisRun(theme));
        QVERIFY(settled());
        QVERIFY(propertyOf(QStringLiteral("mentee-hal"), "highlighted").toBool());
        const QColor selection = Appearance::instance()->palette().color(QPalette::Highlight);
        const double contrast = Appearance::contrast(progressFillOf(QStringLiteral("hal")), selection);
        QVERIFY2(contrast >= 3.0, qPrintable(QStringLiteral("the fill reads at %1:1 on the selection").arg(contrast)));
        // Every step of hal's is done: the bar is full.
        QQuickItem* halRow = m_ui->item(QStringLiteral("mentee-hal"));
        QVERIFY(halRow);
        QQuickItem* fill = e2e::findItem(halRow, QStringLiteral("progressFill"));
        QVERIFY(fill && fill->width() > 0);
        QCOMPARE(qRound(fill->width()), qRound(fill->parentItem()->width()));
        // An empty bar says what it is.
        QVERIFY(!propertyOf(QStringLiteral("mentee-hana"), "highlighted").toBool());
        QQuickItem* hanaRow = m_ui->item(QStringLiteral("mentee-hana"));
        QVERIFY(hanaRow);
        QVERIFY(e2e::textsUnder(hanaRow).contains(QStringLiteral("0 of 3 steps done")));
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
    }

    void signoffDialogSaysWhatItDoes()
    {
        QVERIFY(m_ui->click(QStringLiteral("signoffButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("confirmButton")), e2e::kPatienceMs);
        // Measured once the dialog is open and laid out, not while it still opens.
        const QObject* dialog = m_window->findChild<QObject*>(QStringLiteral("signoffDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY(settled());
        QCOMPARE(m_ui->text(QStringLiteral("confirmButton")), QStringLiteral("Sign off"));
        QCOMPARE(m_ui->text(QStringLiteral("cancelButton")), QStringLiteral("Cancel"));
        QQuickItem* field = m_ui->item(QStringLiteral("confirmPassphrase"));
        QVERIFY(field);
        QVERIFY2(field->width() >= 400, qPrintable(QString::number(field->width())));
        QVERIFY(m_ui->type(QStringLiteral("confirmPassphrase"), QString::fromUtf8(kMentorPassphrase)));
        QVERIFY(m_ui->click(QStringLiteral("confirmButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
        // Said with when, as step statuses say theirs, and as the mentor's own act.
        static const QRegularExpression signedOff(QStringLiteral("^You signed off on \\w+ \\d+, \\d{4}, .+\\.$"));
        QVERIFY2(!pageTexts().filter(signedOff).isEmpty(), qPrintable(pageTexts().join(QLatin1Char('\n'))));
        verifyWrittenForTheMentor();
    }

    // The report's waits: the minutes between done and approved read in
    // minutes, never "0 hours".
    void shortWaitsForAReviewReadInMinutes()
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-report")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        QQuickItem* waits = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((waits = m_ui->item(QStringLiteral("waitChart"))), e2e::kPatienceMs);
        QVERIFY(settled());
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(waits);
        QVERIFY(iface);
        const QString told = iface->text(QAccessible::Description);
        QVERIFY2(told.contains(QStringLiteral("Deploy the sample service to your sandbox")), qPrintable(told));
        static const QRegularExpression minutes(QStringLiteral("under a minute|\\b\\d+ min\\b"));
        QVERIFY2(told.contains(minutes), qPrintable(told));
        const QString shown = e2e::textsUnder(waits).join(QLatin1Char('\n')) + QLatin1Char('\n') + told;
        QVERIFY2(!shown.contains(QStringLiteral("0 hours")), qPrintable(shown));
        QVERIFY(m_ui->click(QStringLiteral("nav-mentor")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    void hireSeesTheMentorsDisplayName()
    {
        signInAs(1, kHirePassphrase);
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
        QVERIFY(settled());
        QCOMPARE(m_ui->text(QStringLiteral("progressText")), QStringLiteral("3 of 3 steps done"));
        QQuickItem* fill = m_ui->item(QStringLiteral("progressFill"));
        QVERIFY(fill && fill->width() > 0);
        QCOMPARE(qRound(fill->width()), qRound(fill->parentItem()->width()));
        static const QRegularExpression signedOff(QStringLiteral(
            "^Signed off by Max Mentor on \\w+ \\d+, \\d{4}, .+\\. Take care out there, and ask when in doubt\\.$"));
        QVERIFY2(!pageTexts().filter(signedOff).isEmpty(), qPrintable(pageTexts().join(QLatin1Char('\n'))));
    }

    // Once production access is signed off the hire's records stay as they
    // were signed off: the step done before offers no Undo (the core, and a
    // team server, refuse one too).
    void aSignedOffHiresDoneStepHasNoUndo()
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-checklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(settled());
        openStep(QStringLiteral("handbook"));
        QVERIFY2(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done on")),
                 qPrintable(m_ui->text(QStringLiteral("stepState"))));
        QVERIFY(!m_ui->item(QStringLiteral("undoButton")));
        QVERIFY2(!pageTexts().contains(QStringLiteral("Undo")), qPrintable(pageTexts().join(QLatin1Char('\n'))));
        back(QStringLiteral("checklist"));
    }

    /// The contrast of the edge of the field \a objectName with the window and the card, the lower of the two.
    double edgeContrastOf(const QString& objectName)
    {
        QQuickItem* field = m_ui->item(objectName);
        auto* frame = field ? field->property("background").value<QQuickItem*>() : nullptr;
        const QObject* border = frame ? frame->property("border").value<QObject*>() : nullptr;
        if (!border || border->property("width").toReal() < 1) {
            qWarning() << objectName << "draws no edge";
            return 0;
        }
        const QColor edge = border->property("color").value<QColor>();
        const QPalette palette = Appearance::instance()->palette();
        return std::min(Appearance::contrast(edge, palette.color(QPalette::Base)),
                        Appearance::contrast(edge, palette.color(QPalette::Window)));
    }

    // A text field's edge stands out (3:1) in light and dark, not only a note's.
    void textFieldsShowTheirEdge()
    {
        QVERIFY(m_ui->click(QStringLiteral("lockButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        for (const QString& theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
            QVERIFY(Appearance::instance()->setModeForThisRun(theme));
            QVERIFY(settled());
            const double contrast = edgeContrastOf(QStringLiteral("signInPassphrase"));
            QVERIFY2(contrast >= 3.0,
                     qPrintable(QStringLiteral("%1: the edge reads at %2:1").arg(theme).arg(contrast)));
        }
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("light")));
    }

    // A second hire walks their steps by keyboard: Next up on Home is reached
    // with Tab and reads whole; a step opens with the keys in its note,
    // Ctrl+D acts on it, the keys then stay on the page (never on Undo), and
    // the page keeps its place.
    void nextUpIsReachedWithTabAndReadsWhole()
    {
        signInAs(2, "hana's passphrase");
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("next-tests")), e2e::kPatienceMs);
        QVERIFY(settled());
        // The long title wraps in full rather than cut, with nothing appended to it.
        QQuickItem* row = m_ui->item(QStringLiteral("next-tests"));
        QQuickItem* title = e2e::findItem(row, QStringLiteral("nextTitle-tests"));
        QVERIFY(title);
        QCOMPARE(title->property("text").toString(), kLongTitle);
        QVERIFY(!title->property("truncated").toBool());
        QVERIFY(e2e::accessibleName(row).contains(kLongTitle));
        // Tab reaches the first step of Next up.
        bool reached = false;
        for (int i = 0; i < 30 && !reached; ++i) {
            m_ui->key(Qt::Key_Tab);
            const QQuickItem* focused = m_window->activeFocusItem();
            reached = focused && focused->objectName() == QStringLiteral("next-handbook");
        }
        QVERIFY2(reached, "Tab never reaches the first step of Next up");
        QVERIFY(m_window->activeFocusItem()->property("visualFocus").toBool());
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(settled());
    }

    void aStepOpensWithItsMainActionFocused()
    {
        QCOMPARE(m_ui->text(QStringLiteral("stepState")), QStringLiteral("Not done yet."));
        // The keys are in the note, where typing is safe: a Space there never presses Mark done.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->activeFocusItem() == m_ui->item(QStringLiteral("threadNoteField")),
                                 e2e::kPatienceMs);
        // The hire's own step names its section, not the hire (nor the one checklist they have).
        const QString texts = pageTexts().join(QLatin1Char('\n'));
        QVERIFY2(!texts.contains(QStringLiteral("Hana Newhire")), qPrintable(texts));
        QVERIFY2(texts.contains(QStringLiteral("Day one · required for production")), qPrintable(texts));
    }

    void afterMarkingDoneTheFocusStaysOnShowAndThePageKeepsItsPlace()
    {
        QQuickItem* thread = m_ui->item(QStringLiteral("stepThread"));
        QVERIFY(thread);
        const qreal threadY = thread->mapToScene(QPointF(0, 0)).y();
        QTest::keyClick(m_window, Qt::Key_D, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done on")),
                                 e2e::kPatienceMs);
        QVERIFY(settled());
        // Nothing is left to send a note along with: the keys stay on the page, never on
        // Undo, which a Space typed on would press.
        QQuickItem* page = m_ui->item(QStringLiteral("step"));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->activeFocusItem()
                && (m_window->activeFocusItem() == page || page->isAncestorOf(m_window->activeFocusItem())),
            e2e::kPatienceMs);
        QVERIFY2(!m_window->activeFocusItem()->inherits("QQuickAbstractButton"),
                 m_window->activeFocusItem()->metaObject()->className());
        QCOMPARE(thread->mapToScene(QPointF(0, 0)).y(), threadY);
        // Opened from Home, the crumb says Home and goes there.
        QCOMPARE(m_ui->text(QStringLiteral("backButton")), QStringLiteral("‹ Home"));
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }
};

ONRAMP_E2E_MAIN(TestStepStates)

#include "TestStepStates.moc"
