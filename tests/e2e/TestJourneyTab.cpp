// The hire's checklist by keyboard and the one way a hire's note travels,
// through the real window at 1024x640: Tab walks the Checklist page and a
// step in reading order (the navigation, the step list, then the step's
// actions, its links and the note's box), every stop in sight and visibly
// focused, Shift+Tab the same way back; a hire's note goes only along with
// Mark done or Resubmit, shows in the step's thread with its time, and what
// was typed survives opening another step.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

/// "markDoneButton", or the nearest named ancestor's name for an unnamed item.
QString nameOf(const QQuickItem* item)
{
    for (const QQuickItem* i = item; i; i = i->parentItem()) {
        if (!i->objectName().isEmpty())
            return i == item ? i->objectName() : QStringLiteral("(in %1)").arg(i->objectName());
    }
    return QStringLiteral("(unnamed %1)").arg(QString::fromLatin1(item ? item->metaObject()->className() : "null"));
}

QRectF sceneRect(const QQuickItem* item)
{
    return QRectF(item->mapToScene(QPointF(0, 0)), item->size());
}

/// True when \a next comes after \a previous as a page is read: further down,
/// or on the same line further right.
bool readsAfter(const QQuickItem* previous, const QQuickItem* next)
{
    const QRectF a = sceneRect(previous);
    const QRectF b = sceneRect(next);
    const bool sameLine = b.center().y() > a.top() && b.center().y() < a.bottom();
    return sameLine ? b.left() >= a.left() : b.center().y() > a.center().y();
}

const QString kLongName = QStringLiteral("Beatriz Maximiliana Konstantinopoulou-Vandenberghe");

} // namespace

class TestJourneyTab : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    bool settled()
    {
        return QTest::qWaitFor([&] { return e2e::isSettled(m_window); }, e2e::kPatienceMs);
    }

    /// The stops Tab (or Shift+Tab, as \a key says) visits from the focus
    /// now, once round, starting at the first one after it.
    QList<QQuickItem*> cycle(Qt::Key key)
    {
        QList<QQuickItem*> stops;
        for (int i = 0; i < 60; ++i) {
            QTest::keyClick(m_window, key, key == Qt::Key_Backtab ? Qt::ShiftModifier : Qt::NoModifier);
            QQuickItem* now = focused();
            if (!stops.isEmpty() && now == stops.constFirst())
                return stops;
            if (stops.contains(now)) {
                qWarning() << "Tab is caught in a loop at" << nameOf(now);
                return {};
            }
            stops << now;
        }
        qWarning("Tab never comes back round");
        return {};
    }

    /// \a stops turned to start at the navigation's first tab.
    static QList<QQuickItem*> fromTheNavigation(QList<QQuickItem*> stops)
    {
        const auto first = std::find_if(stops.begin(), stops.end(),
                                        [](const QQuickItem* s) { return s && s->objectName() == u"nav-home"; });
        std::rotate(stops.begin(), first, stops.end());
        return stops;
    }

    /// True when \a stop is a row of the list of steps.
    bool inList(const QQuickItem* stop) const
    {
        const QQuickItem* list = m_ui->item(QStringLiteral("stepList"));
        return list && list->isAncestorOf(stop);
    }

    static QString names(const QList<QQuickItem*>& stops)
    {
        QStringList list;
        for (const QQuickItem* s : stops)
            list << nameOf(s);
        return list.join(QStringLiteral(" → "));
    }

    /// Why the focused \a stop cannot be seen, or empty: it lies out of the
    /// window or out of what a scrolling view round it shows, or it draws no focus.
    QString unseen(QQuickItem* stop) const
    {
        const QRectF rect = sceneRect(stop);
        if (!stop->isVisible() || stop->opacity() == 0 || rect.isEmpty())
            return QStringLiteral("is not drawn");
        for (const QQuickItem* p = stop->parentItem(); p; p = p->parentItem()) {
            if (p->clip() && !sceneRect(p).intersects(rect))
                return QStringLiteral("lies out of sight in %1").arg(nameOf(p));
        }
        if (!QRectF(QPointF(0, 0), m_window->size()).contains(rect.center()))
            return QStringLiteral("lies out of the window");
        // A list is one stop, at its current row: the row is highlighted and ringed.
        if (inList(stop))
            return stop->property("highlighted").toBool() ? QString() : QStringLiteral("is a row not highlighted");
        if (stop->inherits("QQuickTextArea")) {
            const auto* frame = stop->property("background").value<QQuickItem*>();
            const QObject* border = frame ? frame->property("border").value<QObject*>() : nullptr;
            return border && border->property("width").toReal() >= 2 ? QString()
                                                                     : QStringLiteral("draws no focus frame");
        }
        if (stop->property("visualFocus").isValid())
            return stop->property("visualFocus").toBool() ? QString() : QStringLiteral("shows no focus");
        return QStringLiteral("is no control");
    }

    /// Tab walks the page once round in reading order from the navigation,
    /// every stop in sight and focused visibly, and Shift+Tab walks it back.
    /// Returns the stops from the navigation on.
    QList<QQuickItem*> verifyReadingOrder(const QString& where)
    {
        if (!settled())
            return {};
        const QList<QQuickItem*> forward = cycle(Qt::Key_Tab);
        if (forward.isEmpty())
            return {};
        const QList<QQuickItem*> stops = fromTheNavigation(forward);
        if (stops.constFirst()->objectName() != u"nav-home") {
            qWarning() << where << ": Tab never reaches the navigation:" << names(stops);
            return {};
        }
        bool ok = true;
        for (qsizetype i = 1; i < stops.size(); ++i) {
            if (!readsAfter(stops.at(i - 1), stops.at(i))) {
                qWarning() << where << ": Tab goes from" << nameOf(stops.at(i - 1)) << "back up to"
                           << nameOf(stops.at(i)) << "in" << names(stops);
                ok = false;
            }
        }
        // Each stop, reached with Tab, is in sight and shows it has the focus.
        for (QQuickItem* stop : stops) {
            while (focused() != stop)
                QTest::keyClick(m_window, Qt::Key_Tab);
            if (!settled())
                return {};
            if (const QString why = unseen(stop); !why.isEmpty()) {
                qWarning() << where << ":" << nameOf(stop) << why;
                ok = false;
            }
        }
        // Shift+Tab: the same stops, the other way round.
        QList<QQuickItem*> backward = cycle(Qt::Key_Backtab);
        std::reverse(backward.begin(), backward.end());
        if (fromTheNavigation(backward) != stops) {
            qWarning() << where << ": Shift+Tab goes" << names(fromTheNavigation(backward)) << "not back along"
                       << names(stops);
            ok = false;
        }
        return ok ? stops : QList<QQuickItem*>();
    }

    /// The texts on show cut short ("…"), each with the text it cuts.
    QStringList cutTexts() const
    {
        QStringList cut;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
            if (!item->isVisible() || item->opacity() == 0)
                return;
            if (item->property("truncated").toBool())
                cut << QStringLiteral("%1 “%2”").arg(nameOf(item), item->property("text").toString());
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(e2e::pageStack(m_window));
        return cut;
    }

    static qsizetype indexOf(const QList<QQuickItem*>& stops, const QString& name)
    {
        for (qsizetype i = 0; i < stops.size(); ++i) {
            if (stops.at(i)->objectName() == name)
                return i;
        }
        return -1;
    }

    void openChecklist()
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-checklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(settled());
    }

    void openStep(const QString& id)
    {
        QVERIFY(m_ui->click(QStringLiteral("step-") + id));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(settled());
    }

    void backToTheChecklist()
    {
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(settled());
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true); // the language is chosen in the settings, which QSettings keeps
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        // A mentee whose name is long: the mentor's page must not squeeze its buttons for it.
        const onramp::Error added = [&] {
            std::unique_ptr<onramp::Vault> v;
            if (onramp::Error e = onramp::Vault::unlock(demo, QStringLiteral("ada"),
                                                        e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), &v))
                return e;
            if (onramp::Error e =
                    onramp::People(*v).add(QStringLiteral("bea"), kLongName, onramp::Role::Hire, "bea's passphrase"))
                return e;
            return onramp::Enrollments(*v).enroll(QStringLiteral("bea"), QStringLiteral("backend-week-one"),
                                                  QStringLiteral("maya"), QDate::currentDate());
        }();
        QVERIFY2(!added, qPrintable(added.message));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }

    // The Checklist page: the navigation, then the list of steps (one stop, its rows by arrow key).
    void theChecklistPageTabsInReadingOrder()
    {
        openChecklist();
        const QList<QQuickItem*> stops = verifyReadingOrder(QStringLiteral("Checklist"));
        QVERIFY(!stops.isEmpty());
        QCOMPARE(stops.at(1)->objectName(), QStringLiteral("nav-checklist"));
        QVERIFY2(inList(stops.constLast()), qPrintable(names(stops)));
    }

    // The step picked in the list: its actions, its links and the note's box, in the order they read.
    void theSelectedStepTabsInReadingOrder()
    {
        QQuickItem* list = m_ui->item(QStringLiteral("stepList"));
        QVERIFY(list);
        list->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY(focused() && focused()->objectName() == u"step-handbook");
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        // The keys in the note, where a typed Space presses nothing.
        QTRY_COMPARE_WITH_TIMEOUT(focused(), m_ui->item(QStringLiteral("threadNoteField")), e2e::kPatienceMs);
        const QList<QQuickItem*> stops = verifyReadingOrder(QStringLiteral("Step"));
        QVERIFY(!stops.isEmpty());
        const qsizetype back = indexOf(stops, QStringLiteral("backButton"));
        const qsizetype done = indexOf(stops, QStringLiteral("markDoneButton"));
        const qsizetype link = indexOf(stops, QStringLiteral("stepLink-0"));
        const qsizetype note = indexOf(stops, QStringLiteral("threadNoteField"));
        QVERIFY2(back > 0 && done > back && link > done && note > link, qPrintable(names(stops)));
        // The link's stop names where it goes, and Enter would open it.
        QQuickItem* linkStop = stops.at(link);
        QCOMPARE(linkStop->property("text").toString(),
                 QStringLiteral("sre.google \u2014 https://sre.google/sre-book/postmortem-culture/"));
        QCOMPARE(linkStop->property("url").toString(),
                 QStringLiteral("https://sre.google/sre-book/postmortem-culture/"));
        backToTheChecklist();
    }

    // A hire's note goes along with the step's action, or alone with Add
    // note, which stays at every state of the step.
    void aHiresNoteGoesAlongWithMarkDone()
    {
        openStep(QStringLiteral("laptop"));
        QVERIFY(m_ui->item(QStringLiteral("threadNoteField")));
        QVERIFY(m_ui->item(QStringLiteral("addNoteButton")));
        QVERIFY(!m_ui->item(QStringLiteral("threadEntry-0")));

        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"),
                           QStringLiteral("Toolchain from https://wiki.example.com/toolchain v2")));
        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done on")),
                                 e2e::kPatienceMs);
        QVERIFY(settled());
        // The thread shows the note, who wrote it and when.
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("threadText-0")), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("threadText-0")).contains(QStringLiteral("Toolchain from ")),
                 qPrintable(m_ui->text(QStringLiteral("threadText-0"))));
        QVERIFY(!m_ui->text(QStringLiteral("threadHeading-0")).isEmpty());
        QVERIFY(!m_ui->text(QStringLiteral("threadTime-0")).isEmpty());
        // Done, the box stays, for a note sent alone.
        QVERIFY(m_ui->item(QStringLiteral("threadNoteField")));
        QVERIFY(m_ui->item(QStringLiteral("addNoteButton")));
        // Undo opens the step again, and its box is empty: the note went.
        QVERIFY(m_ui->click(QStringLiteral("undoButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("markDoneButton")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QString());
        // The note's link is a stop of its own, between the step's action and the box, in reading order.
        const QList<QQuickItem*> stops = verifyReadingOrder(QStringLiteral("Step with a note"));
        QVERIFY(!stops.isEmpty());
        const qsizetype done = indexOf(stops, QStringLiteral("markDoneButton"));
        const qsizetype link = indexOf(stops, QStringLiteral("threadLink-0-0"));
        const qsizetype box = indexOf(stops, QStringLiteral("threadNoteField"));
        QVERIFY2(done > 0 && link > done && box > link, qPrintable(names(stops)));
        QCOMPARE(stops.at(link)->property("url").toString(), QStringLiteral("https://wiki.example.com/toolchain"));
        backToTheChecklist();
    }

    // A note typed on one step survives opening another step and coming back.
    void aNoteTypedSurvivesAnotherStepOpened()
    {
        const QString typed = QStringLiteral("Where do restores get tested?");
        openStep(QStringLiteral("handbook"));
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), typed));
        backToTheChecklist();
        openStep(QStringLiteral("laptop"));
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QString());
        backToTheChecklist();
        openStep(QStringLiteral("handbook"));
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), typed);
        // Mark done sends it along: the box is empty after Undo, and so on coming back.
        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("undoButton")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("undoButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("markDoneButton")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QString());
        backToTheChecklist();
        openStep(QStringLiteral("handbook"));
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QString());
        backToTheChecklist();
    }

    // What was typed is not kept for whoever signs in next.
    void aNoteTypedIsForgottenAtTheLock()
    {
        openStep(QStringLiteral("handbook"));
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("private thought")));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        openChecklist();
        openStep(QStringLiteral("handbook"));
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QString());
        backToTheChecklist();
    }

    // The mentor's page at 1024x640: "Sign off production…" and a long mentee's name are shown whole,
    // in English and in German.
    void theMentorsPageCutsNothingAt1024x640_data()
    {
        QTest::addColumn<int>("language"); // the settings' row: 1 English, 2 Deutsch
        QTest::newRow("English") << 1;
        QTest::newRow("Deutsch") << 2;
    }

    void theMentorsPageCutsNothingAt1024x640()
    {
        QFETCH(int, language);
        if (m_ui->page() != u"mentor") {
            QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
            QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
            QVERIFY(m_ui->click(QStringLiteral("mentee-bea")));
            QTRY_VERIFY_WITH_TIMEOUT(e2e::textsUnder(m_ui->item(QStringLiteral("menteeHeading"))).contains(kLongName),
                                     e2e::kPatienceMs);
        }
        QVERIFY(m_ui->chooseLanguage(language));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QVERIFY(settled());
        QQuickItem* signoff = m_ui->item(QStringLiteral("signoffButton"));
        QVERIFY(signoff);
        const auto* label = signoff->property("contentItem").value<QQuickItem*>();
        QVERIFY(label);
        QVERIFY2(!label->property("truncated").toBool() && signoff->width() >= signoff->implicitWidth() - 0.5,
                 qPrintable(QStringLiteral("“%1” is %2 wide of %3")
                                .arg(signoff->property("text").toString())
                                .arg(signoff->width())
                                .arg(signoff->implicitWidth())));
        const QStringList cut = cutTexts();
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
        if (language != 1)
            QVERIFY(m_ui->chooseLanguage(1));
    }
};

ONRAMP_E2E_MAIN(TestJourneyTab)

#include "TestJourneyTab.moc"
