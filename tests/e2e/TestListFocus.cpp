// Where the keyboard is, as drawn, through the real window at 1024x640: Tab
// into a step list rings a row at once (no arrow key needed) and Enter opens
// it, and so into the admin's lists, where Enter picks the row; a row under the mouse gets a faint tint and no ring, so that hover and
// focus look different, in light and in dark; Escape closes the settings on
// every page, the sign-in page included, and gives the keys back to ⚙; the
// settings' boxes show their whole text.
#include "E2eDriver.h"

#include "Appearance.h"
#include "Session.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "vault/Vault.h"

#include <QFontMetricsF>
#include <QStandardPaths>
#include <QStyleHints>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

QRect sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height())).toAlignedRect();
}

/// The strongest contrast, against \a ground, of the pixels of \a image in
/// the columns 1 to 4 of \a rect at its vertical centre: where a row draws its
/// ring, where no text lies, and clear of a card's edge under column 0.
double edgeContrast(const QImage& image, const QRect& rect, const QColor& ground)
{
    double most = 1;
    const int y = rect.center().y();
    for (int x = rect.left() + 1; x < rect.left() + 5; ++x)
        most = std::max(most, Appearance::contrast(image.pixelColor(x, y), ground));
    return most;
}

} // namespace

class TestListFocus : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    QString describeFocus() const
    {
        const QQuickItem* f = focused();
        return f ? QString::fromLatin1(f->metaObject()->className()) + QLatin1Char(' ') + f->objectName()
                 : QStringLiteral("nothing");
    }

    void signInAndShow(const QString& person, const QString& page)
    {
        if (Session::instance()->userName() != person || !Session::instance()->isUnlocked())
            QVERIFY(m_ui->signInAs(person));
        if (m_ui->page() != page) {
            QVERIFY(m_ui->click(QStringLiteral("nav-") + page));
            QVERIFY(m_ui->waitForPage(page));
        }
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    /// True when the keys are in \a list: on the list or a row of it.
    bool hasKeys(QQuickItem* list) const
    {
        return list->hasActiveFocus() || (focused() && list->isAncestorOf(focused()));
    }

    /// Tabs until the keys are in \a list, with no arrow key.
    bool tabInto(QQuickItem* list)
    {
        for (int i = 0; i < 60 && !hasKeys(list); ++i)
            QTest::keyClick(m_window, Qt::Key_Tab);
        return hasKeys(list);
    }

    QQuickItem* row(QQuickItem* list, int index) const
    {
        QQuickItem* found = nullptr;
        QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, found), Q_ARG(int, index));
        return found;
    }

    /// The settings popup that the visible ⚙ opens.
    QObject* settingsPopup() const
    {
        QQuickItem* button = m_ui->item(QStringLiteral("settingsButton"));
        return button ? button->findChild<QObject*>(QStringLiteral("settingsPopup")) : nullptr;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void cleanup() { Appearance::instance()->setModeForThisRun(QStringLiteral("light")); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true); // the settings popup writes QSettings
        // As on a desktop with a mouse: the offscreen platform says controls need not show hover.
        QGuiApplication::styleHints()->setUseHoverEffects(true);
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Team);
        QVERIFY2(!e, qPrintable(e.message));
        {
            // A second checklist, so that the admin's list of them has rows to
            // move between, with a production credential of its own: the
            // Production secrets tab lists production credentials.
            std::unique_ptr<onramp::Vault> admin;
            e = onramp::Vault::unlock(demo, QStringLiteral("ada"), e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(),
                                      &admin);
            QVERIFY2(!e, qPrintable(e.message));
            e2e::importChecklist(
                *admin,
                "onramp: 1\nchecklist: {id: quick, title: Quick start, steps: [{id: hello, title: Say hello}]}\n"
                "credentials: [{id: prod-queue, title: Production queue, environment: production, "
                "provider: static, fields: {host: queue.prod.internal}, ttl: 8h}]\n");
        }
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->contentItem()->size().toSize(), QSize(1024, 640), e2e::kPatienceMs);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void cleanupTestCase() { closeWindow(); }

    // The settings: Escape closes them everywhere and the keys go back to ⚙.

    void escapeClosesTheSettingsAndGivesTheKeysBack_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("page");
        QTest::addColumn<bool>("byKeys");
        QTest::addColumn<bool>("chooses");
        // The first page the app shows, before anything else had the keys.
        QTest::newRow("sign-in at start, clicked") << ""
                                                   << "signin" << false << false;
        QTest::newRow("sign-in, clicked") << ""
                                          << "signin" << false << false;
        QTest::newRow("sign-in, by keys") << ""
                                          << "signin" << true << false;
        QTest::newRow("sign-in, a language chosen") << ""
                                                    << "signin" << false << true;
        QTest::newRow("home, clicked") << "alex"
                                       << "home" << false << false;
        QTest::newRow("admin, by keys") << "ada"
                                        << "admin" << true << false;
    }

    void escapeClosesTheSettingsAndGivesTheKeysBack()
    {
        QFETCH(QString, person);
        QFETCH(QString, page);
        QFETCH(bool, byKeys);
        QFETCH(bool, chooses);
        if (person.isEmpty()) {
            if (Session::instance()->isUnlocked())
                Session::instance()->lock();
            QVERIFY(m_ui->waitForPage(page));
            QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        } else {
            signInAndShow(person, page);
        }
        QQuickItem* button = m_ui->item(QStringLiteral("settingsButton"));
        QVERIFY(button);
        if (byKeys) {
            for (int i = 0; i < 60 && !button->hasActiveFocus(); ++i)
                QTest::keyClick(m_window, Qt::Key_Tab);
            QVERIFY2(button->hasActiveFocus(), "Tab never reaches ⚙");
            QTest::keyClick(m_window, Qt::Key_Return);
        } else {
            QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        }
        QObject* popup = settingsPopup();
        QVERIFY(popup);
        QTRY_VERIFY_WITH_TIMEOUT(popup->property("opened").toBool(), e2e::kPatienceMs);
        if (chooses) // a language picked first: its list closes, the settings stay
            QVERIFY(m_ui->chooseRow(QStringLiteral("languageChoice"), 1));
        QVERIFY(popup->property("opened").toBool());
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY2_WITH_TIMEOUT(!popup->property("visible").toBool(), "Escape does not close the settings",
                                  e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), page);
        QTRY_VERIFY2_WITH_TIMEOUT(
            button->hasActiveFocus(),
            qPrintable(QStringLiteral("after Escape the keys are on %1, not ⚙").arg(describeFocus())),
            e2e::kPatienceMs);
        QVERIFY2(button->property("visualFocus").toBool(), "⚙ has the keys but does not show it");
        if (chooses)
            QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("system")));
    }

    // Tab into a step list: a row shows the keys at once, and Enter opens it.

    void tabIntoAStepListRingsARowThatEnterOpens_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("list");
        QTest::newRow("hire's checklist") << "alex"
                                          << "checklist"
                                          << "stepList";
        QTest::newRow("hire's home") << "alex"
                                     << "home"
                                     << "nextSteps";
        QTest::newRow("mentee's steps") << "maya"
                                        << "mentor"
                                        << "menteeSteps";
        QTest::newRow("mentor's review queue") << "maya"
                                               << "mentor"
                                               << "reviewList";
    }

    void tabIntoAStepListRingsARowThatEnterOpens()
    {
        QFETCH(QString, person);
        QFETCH(QString, page);
        QFETCH(QString, list);
        signInAndShow(person, page);
        QQuickItem* steps = m_ui->item(list);
        QVERIFY2(steps, qPrintable(list + QStringLiteral(" is not on ") + page));
        QVERIFY2(tabInto(steps),
                 qPrintable(QStringLiteral("Tab never reaches %1; the keys are on %2").arg(list, describeFocus())));
        // The row that has the keys: a list's current row, or a row that is a Tab stop itself.
        QQuickItem* ringed =
            steps->inherits("QQuickItemView") ? steps->property("currentItem").value<QQuickItem*>() : focused();
        QVERIFY2(ringed && ringed != steps,
                 qPrintable(QStringLiteral("%1 has the keys but no row is current").arg(list)));
        QVERIFY2(ringed->hasActiveFocus() || ringed->property("visualFocus").toBool(),
                 qPrintable(QStringLiteral("%1 has the keys but %2 shows no focus").arg(list, ringed->objectName())));
        // As drawn: the ring stands out from the list at 3:1 or more.
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QImage image = m_window->grabWindow();
        const QRect box = sceneRect(ringed);
        const QColor ground = image.pixelColor(box.left() + 6, box.top() + 6);
        const double ring =
            std::max(edgeContrast(image, box, Appearance::instance()->colors().base), edgeContrast(image, box, ground));
        QVERIFY2(ring >= 3.0,
                 qPrintable(QStringLiteral("the ring around %1 stands out at %2:1 only")
                                .arg(ringed->objectName())
                                .arg(ring, 0, 'f', 2)));
        const QString stepId = ringed->property("stepId").toString();
        QTest::keyClick(m_window, Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("step"))->property("stepId").toString(), stepId,
                                  e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(page));
    }

    // The admin's lists, as the step lists: Tab rings a row at once, the
    // arrow keys move the ring, Enter picks the row under it.

    // The review queue follows the mentee shown: choosing one in the list
    // highlights their item waiting for review, which Ctrl+Shift+A approves,
    // never another hire's.
    void theReviewQueueFollowsTheMenteeShown()
    {
        signInAndShow(QStringLiteral("maya"), QStringLiteral("mentor"));
        const QString kai = QStringLiteral("review-kai-sandbox-tests");
        const QString alex = QStringLiteral("review-alex-restore-drill");
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(kai) && m_ui->item(alex), e2e::kPatienceMs);
        for (const auto& [mentee, shown, other] :
             {std::tuple{QStringLiteral("kai"), kai, alex}, std::tuple{QStringLiteral("alex"), alex, kai},
              std::tuple{QStringLiteral("kai"), kai, alex}}) {
            QVERIFY(m_ui->click(QStringLiteral("mentee-") + mentee));
            QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("mentee-") + mentee)->property("highlighted").toBool(),
                                     e2e::kPatienceMs);
            QTRY_VERIFY2_WITH_TIMEOUT(m_ui->item(shown)->property("highlighted").toBool(),
                                      qPrintable(mentee + QStringLiteral(" is shown, but not their review")),
                                      e2e::kPatienceMs);
            QVERIFY(!m_ui->item(other)->property("highlighted").toBool());
        }
        // Ctrl+Shift+A asks to approve kai's step, the one highlighted.
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && !Session::instance()->isBusy(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("approveQuestion")), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("approveQuestion")).contains(QStringLiteral("Kai Waiting")),
                 qPrintable(m_ui->text(QStringLiteral("approveQuestion"))));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("approveQuestion")), e2e::kPatienceMs);
    }

    void tabIntoAnAdminListRingsARowThatEnterPicks_data()
    {
        QTest::addColumn<QString>("tab");
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("picked"); // what shows the row Enter picked
        QTest::newRow("people") << "people"
                                << "peopleList"
                                << "peopleSelectedHeading";
        QTest::newRow("checklists") << "checklists"
                                    << "checklistList"
                                    << "editorHeading";
        QTest::newRow("enrollments") << "enrollments"
                                     << "enrollmentList"
                                     << "enrollmentSummary";
        QTest::newRow("secrets") << "secrets"
                                 << "templateList"
                                 << "secretFormHeading";
    }

    void tabIntoAnAdminListRingsARowThatEnterPicks()
    {
        QFETCH(QString, tab);
        QFETCH(QString, list);
        QFETCH(QString, picked);
        signInAndShow(QStringLiteral("ada"), QStringLiteral("admin"));
        QVERIFY(m_ui->click(QStringLiteral("tab-") + tab));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* rows = m_ui->item(list);
        QVERIFY2(rows, qPrintable(list));
        QTRY_VERIFY_WITH_TIMEOUT(rows->property("count").toInt() >= 2, e2e::kPatienceMs);
        QVERIFY2(tabInto(rows),
                 qPrintable(QStringLiteral("Tab never reaches %1; the keys are on %2").arg(list, describeFocus())));
        QQuickItem* ringed = rows->property("currentItem").value<QQuickItem*>();
        QVERIFY2(ringed, qPrintable(QStringLiteral("%1 has the keys but no row is current").arg(list)));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY2(ringed->hasActiveFocus(),
                 qPrintable(QStringLiteral("%1 has the keys but its row %2 shows no ring; the keys are on %3")
                                .arg(list, ringed->objectName(), describeFocus())));
        const QImage image = m_window->grabWindow();
        const QRect box = sceneRect(ringed);
        const QColor ground = image.pixelColor(box.left() + 6, box.top() + 6);
        const double ring =
            std::max(edgeContrast(image, box, Appearance::instance()->colors().base), edgeContrast(image, box, ground));
        QVERIFY2(ring >= 3.0,
                 qPrintable(QStringLiteral("the ring around %1 stands out at %2:1 only")
                                .arg(ringed->objectName())
                                .arg(ring, 0, 'f', 2)));
        // The arrow keys move the ring.
        const QString shownBefore = m_ui->text(picked);
        const int before = rows->property("currentIndex").toInt();
        QTest::keyClick(m_window, Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(rows->property("currentIndex").toInt(), before + 1, e2e::kPatienceMs);
        QQuickItem* next = rows->property("currentItem").value<QQuickItem*>();
        QVERIFY(next && next != ringed);
        QTRY_VERIFY_WITH_TIMEOUT(next->hasActiveFocus(), e2e::kPatienceMs);
        // A person the keys are on but not picked is marked softly: a solid row
        // would read as the person the pane beside it is about.
        if (list == QLatin1String("peopleList"))
            QVERIFY(next->property("highlighted").toBool() && !next->property("solid").toBool());
        // Enter picks the row: the page shows it.
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->text(picked).isEmpty() && m_ui->text(picked) != shownBefore
                                     && e2e::isSettled(m_window),
                                 e2e::kPatienceMs);
        if (list == QLatin1String("peopleList"))
            QTRY_VERIFY_WITH_TIMEOUT(next->property("solid").toBool(), e2e::kPatienceMs);
    }

    // Hover is a faint tint; only the keyboard's row is ringed.

    void hoverIsATintAndFocusIsARing_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("list");
        QTest::newRow("steps, light") << "light"
                                      << "alex"
                                      << "checklist"
                                      << "stepList";
        QTest::newRow("steps, dark") << "dark"
                                     << "alex"
                                     << "checklist"
                                     << "stepList";
        QTest::newRow("mentees, dark") << "dark"
                                       << "maya"
                                       << "mentor"
                                       << "menteeList";
        QTest::newRow("people, light") << "light"
                                       << "ada"
                                       << "admin"
                                       << "peopleList";
        QTest::newRow("people, dark") << "dark"
                                      << "ada"
                                      << "admin"
                                      << "peopleList";
    }

    void hoverIsATintAndFocusIsARing()
    {
        QFETCH(QString, mode);
        QFETCH(QString, person);
        QFETCH(QString, page);
        QFETCH(QString, list);
        Appearance::instance()->setModeForThisRun(mode);
        signInAndShow(person, page);
        QQuickItem* rows = m_ui->item(list);
        QVERIFY(rows);
        QTRY_VERIFY_WITH_TIMEOUT(rows->property("count").toInt() >= 3, e2e::kPatienceMs);
        QVERIFY(tabInto(rows));
        rows->setProperty("currentIndex", 0);
        QQuickItem* focusedRow = row(rows, 0);
        QQuickItem* plainRow = row(rows, 1);
        QQuickItem* hoveredRow = row(rows, 2);
        QVERIFY(focusedRow && plainRow && hoveredRow);
        QTest::mouseMove(m_window, sceneRect(hoveredRow).center());
        QTRY_VERIFY_WITH_TIMEOUT(hoveredRow->property("hovered").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QImage image = m_window->grabWindow();
        if (!qEnvironmentVariableIsEmpty("FOCUS_SHOT"))
            image.save(qEnvironmentVariable("FOCUS_SHOT") + QLatin1Char('-') + list + QLatin1Char('-') + mode
                       + QStringLiteral(".png"));
        // The list's own background: the inside of a row neither hovered nor focused.
        const QRect plain = sceneRect(plainRow);
        const QColor ground = image.pixelColor(plain.left() + 3, plain.center().y());
        QVERIFY2(edgeContrast(image, plain, ground) < 1.2, "a plain row is not plain");

        const double ring = edgeContrast(image, sceneRect(focusedRow), ground);
        QVERIFY2(ring >= 3.0,
                 qPrintable(QStringLiteral("the focused row's ring stands out at %1:1").arg(ring, 0, 'f', 2)));

        const QRect hovered = sceneRect(hoveredRow);
        const double hoverEdge = edgeContrast(image, hovered, ground);
        QVERIFY2(
            hoverEdge < 1.5,
            qPrintable(QStringLiteral("the hovered row has an edge of %1:1, like a ring").arg(hoverEdge, 0, 'f', 2)));
        const double tint = Appearance::contrast(image.pixelColor(hovered.left() + 6, hovered.top() + 4), ground);
        QVERIFY2(tint > 1.02, "the hovered row shows nothing");
        QVERIFY2(tint < 1.25,
                 qPrintable(QStringLiteral("the hover tint stands out at %1:1: more a selection than a tint")
                                .arg(tint, 0, 'f', 2)));
        QTest::mouseMove(m_window, QPoint(1, m_window->height() - 2));
    }

    // A button with the keyboard's focus is ringed, whatever its kind: its
    // edge changes at 3:1 or more from how it is drawn without the focus,
    // light and dark. (Fusion's own sign is its edge turned towards the
    // selection colour: about 1.3:1 in dark, and nothing on a flat button.)

    void aFocusedButtonIsRinged_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("person"); // empty: nobody, on the sign-in page
        QTest::addColumn<QString>("step"); // the step page of this step; empty: the person's home
        QTest::addColumn<QString>("button");
        for (const char* mode : {"light", "dark"}) {
            QTest::addRow("plain, %s", mode) << mode << "alex"
                                             << ""
                                             << "openChecklist";
            QTest::addRow("highlighted, %s", mode) << mode << "alex"
                                                   << "team-lunch"
                                                   << "markDoneButton";
            QTest::addRow("flat, %s", mode) << mode << ""
                                            << ""
                                            << "demoUse-alex";
        }
    }

    void aFocusedButtonIsRinged()
    {
        QFETCH(QString, mode);
        QFETCH(QString, person);
        QFETCH(QString, step);
        QFETCH(QString, button);
        Appearance::instance()->setModeForThisRun(mode);
        if (person.isEmpty()) {
            if (Session::instance()->isUnlocked())
                Session::instance()->lock();
            QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        } else {
            signInAndShow(person, QStringLiteral("home"));
            if (!step.isEmpty()) {
                QVERIFY(
                    QMetaObject::invokeMethod(m_window, "openStep", Q_ARG(QVariant, step), Q_ARG(QVariant, QString())));
                QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
            }
        }
        QTest::mouseMove(m_window, QPoint(1, m_window->height() - 2));
        QQuickItem* target = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((target = m_ui->item(button)) && target->isEnabled(), e2e::kPatienceMs);
        // Without the focus: the keys on the settings' gear, given by the mouse (no ring of its own).
        QQuickItem* gear = m_ui->item(QStringLiteral("settingsButton"));
        QVERIFY(gear);
        gear->forceActiveFocus(Qt::MouseFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && !target->hasActiveFocus(), e2e::kPatienceMs);
        const QImage before = m_window->grabWindow();
        target->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(target->property("visualFocus").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QImage after = m_window->grabWindow();
        if (!qEnvironmentVariableIsEmpty("FOCUS_SHOT"))
            after.save(qEnvironmentVariable("FOCUS_SHOT") + QLatin1Char('-') + button + QLatin1Char('-') + mode
                       + QStringLiteral(".png"));
        // Along the left edge, from a little outside the button to just inside it.
        const QRect box = sceneRect(target);
        const int y = box.center().y();
        double most = 1;
        for (int x = std::max(0, box.left() - 4); x <= box.left() + 1; ++x)
            most = std::max(most, Appearance::contrast(before.pixelColor(x, y), after.pixelColor(x, y)));
        QVERIFY2(
            most >= 3.0,
            qPrintable(
                QStringLiteral("%1 with the keyboard's focus differs by %2:1 only").arg(button).arg(most, 0, 'f', 2)));
        if (!step.isEmpty()) {
            QTest::keyClick(m_window, Qt::Key_Escape);
            QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        }
    }

    // The settings' boxes show their whole text, on the sign-in page too.

    void theSettingsBoxesShowTheirWholeText_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QSize>("size");
        QTest::newRow("sign-in, 1280x800") << "" << QSize(1280, 800);
        QTest::newRow("sign-in, 1024x640") << "" << QSize(1024, 640);
        QTest::newRow("home, 1280x800") << "alex" << QSize(1280, 800);
    }

    void theSettingsBoxesShowTheirWholeText()
    {
        QFETCH(QString, person);
        QFETCH(QSize, size);
        m_window->resize(size);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->contentItem()->size().toSize(), size, e2e::kPatienceMs);
        if (person.isEmpty()) {
            if (Session::instance()->isUnlocked())
                Session::instance()->lock();
            QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        } else {
            signInAndShow(person, QStringLiteral("home"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QObject* popup = settingsPopup();
        QVERIFY(popup);
        QTRY_VERIFY_WITH_TIMEOUT(popup->property("opened").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        if (!qEnvironmentVariableIsEmpty("FOCUS_SHOT"))
            m_window->grabWindow().save(qEnvironmentVariable("FOCUS_SHOT")
                                        + QStringLiteral("-settings-%1x%2.png").arg(size.width()).arg(size.height()));
        for (const char* name : {"appearanceMode", "languageChoice"}) {
            QQuickItem* box = m_ui->item(QString::fromLatin1(name));
            QVERIFY(box);
            // Every entry's text fits the box beside its arrow, not just the one shown.
            const int count = box->property("count").toInt();
            auto* shown = box->property("contentItem").value<QQuickItem*>();
            QVERIFY(shown);
            const QFont font = shown->property("font").value<QFont>();
            const QFontMetricsF metrics(font);
            const qreal room =
                shown->width() - shown->property("leftPadding").toReal() - shown->property("rightPadding").toReal();
            for (int i = 0; i < count; ++i) {
                QString text;
                QMetaObject::invokeMethod(box, "textAt", Q_RETURN_ARG(QString, text), Q_ARG(int, i));
                QVERIFY2(metrics.horizontalAdvance(text) <= room + 0.5,
                         qPrintable(QStringLiteral("%1: “%2” needs %3 px, the box shows %4")
                                        .arg(QString::fromLatin1(name), text)
                                        .arg(metrics.horizontalAdvance(text))
                                        .arg(room)));
            }
            // And the box lies inside the window.
            const QRect r = sceneRect(box);
            QVERIFY2(r.left() >= 0 && r.right() < m_window->width() && r.bottom() < m_window->height(),
                     qPrintable(QStringLiteral("%1 lies at %2,%3 %4x%5 in a %6x%7 window")
                                    .arg(QString::fromLatin1(name))
                                    .arg(r.left())
                                    .arg(r.top())
                                    .arg(r.width())
                                    .arg(r.height())
                                    .arg(m_window->width())
                                    .arg(m_window->height())));
        }
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), e2e::kPatienceMs);
        m_window->resize(1024, 640);
    }
};

ONRAMP_E2E_MAIN(TestListFocus)
#include "TestListFocus.moc"
