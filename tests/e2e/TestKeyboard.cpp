// Keyboard access on every page of the real window (issue 7): every enabled
// control has an accessible name, Tab reaches every one and comes back round,
// Shift+Tab walks the same way back, list rows open with Enter, and dialogs
// take Enter to accept and Escape to close without acting.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"

#include <QAccessible>
#include <QQuickStyle>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

bool isA(const QObject* object, const char* className)
{
    return object && object->inherits(className);
}

bool effectivelyVisible(const QQuickItem* item)
{
    return item->isVisible() && item->opacity() > 0 && item->width() > 0 && item->height() > 0;
}

/// A list whose rows are one Tab stop: Tab reaches the list, the arrow keys the rows.
bool isKeyboardList(const QQuickItem* item)
{
    return isA(item, "QQuickItemView") && item->activeFocusOnTab() && item->property("keyNavigationEnabled").toBool();
}

/// True for what a person can operate: anything Tab stops at, and every
/// button-like control including clickable list rows, which must be reachable too.
bool isInteractive(const QQuickItem* item)
{
    if (!item->isEnabled())
        return false;
    // A control kept out of the Tab order on purpose names the keys that do
    // what it does where the keys are (the editor's Larger…: Ctrl+E in the body).
    if (!item->property("keysElsewhere").toString().isEmpty()
        && !(item->property("focusPolicy").toInt() & Qt::TabFocus))
        return false;
    if (item->activeFocusOnTab())
        return true;
    if (isA(item, "QQuickAbstractButton"))
        return true;
    return isA(item, "QQuickControl") && (item->property("focusPolicy").toInt() & Qt::TabFocus);
}

/// The list view \a item is a row of (or lies in), if any.
QQuickItem* enclosingList(QQuickItem* item)
{
    for (QQuickItem* p = item->parentItem(); p; p = p->parentItem()) {
        if (isA(p, "QQuickItemView"))
            return p;
    }
    return nullptr;
}

void collect(QQuickItem* item, QList<QQuickItem*>* out)
{
    if (!effectivelyVisible(item) || isA(item, "QQuickOverlay"))
        return;
    bool interactive = isInteractive(item);
    // An editable spin box takes the focus in its text field: the box is the control.
    if (!interactive && isA(item, "QQuickControl") && item->isEnabled()) {
        if (auto* editor = item->property("contentItem").value<QQuickItem*>())
            interactive = isInteractive(editor);
    }
    if (interactive)
        out->append(item);
    // A control's own parts (a combo box's text field, a spin box's buttons)
    // are the control; a list's rows are controls of their own.
    if (interactive && !isA(item, "QQuickItemView"))
        return;
    const auto children = item->childItems();
    for (QQuickItem* child : children)
        collect(child, out);
}

/// "Button 'lockButton' “Lock”": enough to find the control in the QML.
QString describe(const QQuickItem* item)
{
    if (!item)
        return QStringLiteral("(nothing)");
    QString cls = QString::fromLatin1(item->metaObject()->className());
    cls = cls.section(QLatin1Char('_'), 0, 0).remove(QStringLiteral("QQuick"));
    QString d = cls;
    if (!item->objectName().isEmpty())
        d += QStringLiteral(" '%1'").arg(item->objectName());
    const QString text = item->property("text").toString();
    if (!text.isEmpty())
        d += QStringLiteral(" “%1”").arg(text.left(40));
    // Name the nearest named ancestor so that an unnamed row can be found.
    for (const QQuickItem* p = item->parentItem(); p; p = p->parentItem()) {
        if (!p->objectName().isEmpty()) {
            d += QStringLiteral(" in '%1'").arg(p->objectName());
            break;
        }
    }
    return d;
}

/// True when focus on \a focused counts as reaching \a control.
bool reaches(QQuickItem* focused, QQuickItem* control)
{
    if (!focused)
        return false;
    if (focused == control || control->isAncestorOf(focused))
        return true;
    QQuickItem* list = enclosingList(control);
    return list && isKeyboardList(list) && (focused == list || list->isAncestorOf(focused));
}

} // namespace

class TestKeyboard : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
    }

    /// Every control under \a root has a name, Tab from where the focus
    /// starts reaches each and comes back round, and Shift+Tab retraces it.
    void checkKeyboard(const QString& where, QQuickItem* root)
    {
        QVERIFY(root);
        // Lists hold their rows once the backends have loaded and the views are laid out.
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QList<QQuickItem*> controls;
        collect(root, &controls);
        QVERIFY2(!controls.isEmpty(), qPrintable(where + QStringLiteral(": no controls found")));

        QStringList unnamed;
        for (QQuickItem* control : std::as_const(controls)) {
            if (e2e::accessibleName(control).isEmpty())
                unnamed << describe(control);
        }
        QVERIFY2(
            unnamed.isEmpty(),
            qPrintable(QStringLiteral("%1: no accessible name on %2").arg(where, unnamed.join(QStringLiteral("; ")))));

        // Forward: record where each Tab lands.
        const int presses = 2 * controls.size() + 5;
        QList<QQuickItem*> forward;
        for (int i = 0; i < presses; ++i) {
            QTest::keyClick(m_window, Qt::Key_Tab);
            forward << focused();
        }
        QStringList unreached;
        for (QQuickItem* control : std::as_const(controls)) {
            if (std::none_of(forward.cbegin(), forward.cend(), [&](QQuickItem* f) { return reaches(f, control); }))
                unreached << describe(control);
        }
        QStringList order;
        for (QQuickItem* f : std::as_const(forward).first(std::min(presses, int(controls.size()) + 1)))
            order << describe(f);
        QVERIFY2(unreached.isEmpty(),
                 qPrintable(QStringLiteral("%1: Tab never reaches %2; Tab goes: %3")
                                .arg(where, unreached.join(QStringLiteral("; ")), order.join(QStringLiteral(" → ")))));

        // The cycle: the first stop comes round again, and nothing holds the focus.
        const int period = forward.indexOf(forward.constFirst(), 1);
        QVERIFY2(period > 0,
                 qPrintable(QStringLiteral("%1: Tab does not come back round to %2; the last stops: %3, %4")
                                .arg(where, describe(forward.constFirst()), describe(forward.at(presses - 2)),
                                     describe(forward.last()))));
        for (int i = 0; i + period < forward.size(); ++i) {
            QVERIFY2(forward.at(i) == forward.at(i + period),
                     qPrintable(QStringLiteral("%1: Tab order is not a cycle: after %2 it goes to %3, then to %4")
                                    .arg(where, describe(forward.at(i ? i - 1 : period - 1)), describe(forward.at(i)),
                                         describe(forward.at(i + period)))));
        }
        if (controls.size() > 1)
            QVERIFY2(period > 1,
                     qPrintable(QStringLiteral("%1: Tab is stuck on %2").arg(where, describe(forward.last()))));

        // Backward: Shift+Tab visits the same stops in reverse.
        QQuickItem* from = forward.last();
        for (int i = 1; i <= period; ++i) {
            QTest::keyClick(m_window, Qt::Key_Backtab, Qt::ShiftModifier);
            QQuickItem* expected = forward.at(forward.size() - 1 - i);
            QVERIFY2(focused() == expected,
                     qPrintable(QStringLiteral("%1: Shift+Tab from %2 goes to %3, not back to %4")
                                    .arg(where, describe(from), describe(focused()), describe(expected))));
            from = focused();
        }

        // Lists that are one Tab stop move between their rows with the arrow keys.
        for (QQuickItem* control : std::as_const(controls)) {
            if (!isKeyboardList(control) || control->property("count").toInt() < 2)
                continue;
            control->forceActiveFocus(Qt::TabFocusReason);
            const int before = control->property("currentIndex").toInt();
            QTest::keyClick(m_window, before + 1 < control->property("count").toInt() ? Qt::Key_Down : Qt::Key_Up);
            QVERIFY2(control->property("currentIndex").toInt() != before,
                     qPrintable(QStringLiteral("%1: the arrow keys do not move in %2").arg(where, describe(control))));
        }
    }

    void checkPage(const QString& where) { checkKeyboard(where, m_window->contentItem()); }

    /// Tabs until the focus is on the page shown rather than the top bar, where Escape means nothing.
    void tabIntoThePage()
    {
        const QQuickItem* stack = e2e::pageStack(m_window);
        for (int i = 0; i < 40 && !(focused() && stack->isAncestorOf(focused())); ++i)
            QTest::keyClick(m_window, Qt::Key_Tab);
        QVERIFY(focused() && stack->isAncestorOf(focused()));
    }

    QObject* popup(const QString& pageName, const QString& objectName)
    {
        QQuickItem* page = m_ui->item(pageName);
        return page ? page->findChild<QObject*>(objectName) : nullptr;
    }

    /// The item of an open popup: the child of the overlay that holds its content.
    static QQuickItem* popupItem(QObject* popup)
    {
        auto* item = popup->property("contentItem").value<QQuickItem*>();
        while (item && item->parentItem() && !isA(item->parentItem(), "QQuickOverlay"))
            item = item->parentItem();
        return item;
    }

    bool isOpen(QObject* popup) const { return popup->property("opened").toBool(); }

    /// Opens \a dialog, checks its keyboard access, then that Escape closes it without accepting.
    void checkDialogEscape(const QString& where, QObject* dialog)
    {
        QVERIFY2(dialog, qPrintable(where + QStringLiteral(": dialog not found")));
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY(isOpen(dialog));
        checkKeyboard(where, popupItem(dialog));
        QSignalSpy accepted(dialog, SIGNAL(accepted()));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY2(!dialog->property("visible").toBool(),
                     qPrintable(where + QStringLiteral(": Escape does not close it")));
        QCOMPARE(accepted.count(), 0);
    }

    /// Opens \a dialog and checks that Enter accepts it.
    void checkDialogEnter(const QString& where, QObject* dialog, const QString& typed = {})
    {
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY(isOpen(dialog));
        for (const QChar c : typed)
            QTest::keyClick(m_window, c.toLatin1());
        QSignalSpy accepted(dialog, SIGNAL(accepted()));
        QTest::keyClick(m_window, Qt::Key_Return);
        QVERIFY2(accepted.count() == 1, qPrintable(where + QStringLiteral(": Enter does not accept it")));
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }

    /// Tabs to \a objectName, and in a list walks to its row with the arrow keys.
    void tabTo(const QString& objectName)
    {
        QQuickItem* row = m_ui->item(objectName);
        QVERIFY2(row, qPrintable(objectName));
        for (int i = 0; i < 60 && !reaches(focused(), row); ++i)
            QTest::keyClick(m_window, Qt::Key_Tab);
        QVERIFY2(reaches(focused(), row), qPrintable(QStringLiteral("Tab never reaches ") + describe(row)));
        if (QQuickItem* list = enclosingList(row); list && isKeyboardList(list)) {
            for (int i = 0; i < 40 && focused() != row; ++i)
                QTest::keyClick(m_window, Qt::Key_Down);
        }
        QCOMPARE(focused(), row);
    }

    /// Tabs to the row \a objectName and presses Enter on it.
    void enterOn(const QString& objectName)
    {
        tabTo(objectName);
        QTest::keyClick(m_window, Qt::Key_Return);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings(); // also while the window first loads
        QStandardPaths::setTestModeEnabled(true); // the settings popup writes QSettings
        QAccessible::setActive(true); // as a screen reader would: controls name themselves
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));

        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("no-vault")));
        QVERIFY(openWindow());
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void welcomeAndAbout()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        checkPage(QStringLiteral("welcome"));
        showPage(QStringLiteral("about"));
        checkPage(QStringLiteral("about"));
        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
    }

    void signIn()
    {
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        checkPage(QStringLiteral("signin"));
    }

    void hirePages()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        checkPage(QStringLiteral("home (alex)"));
        showPage(QStringLiteral("checklist"));
        checkPage(QStringLiteral("checklist (alex)"));
        showPage(QStringLiteral("audit"));
        checkPage(QStringLiteral("audit (alex)"));

        // A step opens from the list with Enter, and Escape goes back.
        showPage(QStringLiteral("checklist"));
        enterOn(QStringLiteral("step-team-lunch"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        checkPage(QStringLiteral("step (alex)"));
        tabIntoThePage();
        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
    }

    void mentorPages()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        checkPage(QStringLiteral("mentor (maya)"));

        QObject* signoff = popup(QStringLiteral("mentor"), QStringLiteral("signoffDialog"));
        checkDialogEscape(QStringLiteral("sign-off passphrase dialog"), signoff);
        // Enter signs; the dialog stays open with the refusal inside it, and Escape closes it.
        QSignalSpy confirmed(signoff, SIGNAL(confirmed(QString)));
        QVERIFY(QMetaObject::invokeMethod(signoff, "open"));
        QTRY_VERIFY(isOpen(signoff));
        for (const QChar c : QStringLiteral("wrong"))
            QTest::keyClick(m_window, c.toLatin1());
        QTest::keyClick(m_window, Qt::Key_Return);
        QCOMPARE(confirmed.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("confirmPassphraseError")), e2e::kPatienceMs);
        QVERIFY(signoff->property("visible").toBool());
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!signoff->property("visible").toBool());

        // A review opens from the queue with Enter.
        QQuickItem* review = nullptr;
        QTRY_VERIFY((review = m_ui->item(QStringLiteral("approvalQueue"))));
        QList<QQuickItem*> rows;
        collect(review, &rows);
        // The queue is one Tab stop (a KeyboardList): its rows come after it.
        rows.removeIf([](const QQuickItem* row) { return !row->objectName().startsWith(QLatin1String("review-")); });
        QVERIFY(!rows.isEmpty());
        enterOn(rows.constFirst()->objectName());
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->item(QStringLiteral("approveButton")));
        checkPage(QStringLiteral("step (maya reviewing)"));
        tabIntoThePage();
        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
    }

    void settingsPopup()
    {
        QVERIFY(m_ui->item(QStringLiteral("settingsButton")));
        tabTo(QStringLiteral("settingsButton"));
        QTest::keyClick(m_window, Qt::Key_Space); // a tool button: Space clicks it
        QQuickItem* spin = nullptr;
        QTRY_VERIFY((spin = m_ui->item(QStringLiteral("idleLockMinutes"))));
        QObject* settings = nullptr;
        for (QObject* p = spin; p && !settings; p = p->parent()) {
            if (isA(p, "QQuickPopup"))
                settings = p;
        }
        QVERIFY(settings);
        QTRY_VERIFY(isOpen(settings));
        checkKeyboard(QStringLiteral("settings popup"), popupItem(settings));

        // Enter takes a typed value; Escape closes.
        spin->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, '1');
        QTest::keyClick(m_window, '7');
        QTest::keyClick(m_window, Qt::Key_Return);
        QCOMPARE(Session::instance()->idleLockMinutes(), 17);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY2(!settings->property("visible").toBool(), "settings popup: Escape does not close it");
    }

    void adminPages()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        const QStringList tabs{QStringLiteral("people"), QStringLiteral("checklists"), QStringLiteral("enrollments"),
                               QStringLiteral("secrets")};
        for (int i = 0; i < tabs.size(); ++i) {
            m_ui->item(QStringLiteral("admin"))->setProperty("currentTab", i);
            checkPage(QStringLiteral("admin, %1 tab").arg(tabs.at(i)));
        }
        for (const QString& page : {QStringLiteral("mentor"), QStringLiteral("report"), QStringLiteral("audit")}) {
            showPage(page);
            checkPage(page + QStringLiteral(" (ada)"));
        }

        // The export menu: named items, arrows move, Escape closes without exporting.
        QObject* menu = popup(QStringLiteral("audit"), QStringLiteral("auditExportMenu"));
        QVERIFY(menu);
        QVERIFY(QMetaObject::invokeMethod(menu, "open"));
        QTRY_VERIFY(isOpen(menu));
        QList<QQuickItem*> items;
        collect(popupItem(menu), &items);
        QCOMPARE(items.size(), 2);
        for (QQuickItem* item : std::as_const(items))
            QVERIFY2(!e2e::accessibleName(item).isEmpty(), qPrintable(describe(item)));
        QTest::keyClick(m_window, Qt::Key_Down);
        QCOMPARE(menu->property("currentIndex").toInt(), 0);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!menu->property("visible").toBool());
    }

    void disableDialog()
    {
        // Picked with the keyboard: the people list, the arrow keys, then Enter
        // (Admin opens on the tab last shown: People first).
        showPage(QStringLiteral("admin"));
        m_ui->item(QStringLiteral("admin"))->setProperty("currentTab", 0);
        enterOn(QStringLiteral("person-alex"));
        QTRY_VERIFY(m_ui->item(QStringLiteral("disablePersonButton")));
        QObject* dialog = popup(QStringLiteral("admin"), QStringLiteral("disableDialog"));
        checkDialogEscape(QStringLiteral("disable dialog"), dialog);
        // Disabling shuts a person out: the dialog opens on Cancel, so Enter
        // there cancels; Enter on Disable, reached with Shift+Tab, disables.
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY(isOpen(dialog));
        // Named as people know them, not by the sign-in name.
        QCOMPARE(dialog->property("title").toString(), QStringLiteral("Disable Alex Newhire?"));
        QSignalSpy accepted(dialog, SIGNAL(accepted()));
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QCOMPARE(accepted.count(), 0);
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY(isOpen(dialog));
        QTest::keyClick(m_window, Qt::Key_Backtab, Qt::ShiftModifier);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE(accepted.count(), 1);
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }

    void cleanupTestCase() { closeWindow(); }
};

ONRAMP_E2E_MAIN(TestKeyboard)

#include "TestKeyboard.moc"
