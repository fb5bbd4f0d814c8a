// Drives the real Onramp window as a person would: finds controls by
// objectName, clicks them, types into them, waits for pages.
#pragma once

#include "Demo.h"
#include "Session.h"
#include "Translations.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QtQuickTest/quicktest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

namespace e2e {

/// How long a test waits for the window to reach a state before it fails: a
/// ceiling, not a pace. Under the sanitizers the app runs many times slower.
inline constexpr int kPatienceMs = 30000;

/// QML mistakes that only show as a warning (a binding loop, a layout's
/// polish loop, an undefined property, a type error) fail the test that
/// triggers them.
inline void failOnQmlWarnings()
{
    static const QRegularExpression qmlMistake(QStringLiteral(
        "Binding loop|Polish loop|ReferenceError|TypeError|Unable to assign|is not a type|Cannot read property"));
    QTest::failOnWarning(qmlMistake);
}

/// Loads the real Main.qml into \a engine and shows its window; null (with a
/// warning) when it does not load or never appears.
inline QQuickWindow* loadMainWindow(std::unique_ptr<QQmlApplicationEngine>& engine)
{
    engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->load(QUrl(QStringLiteral("qrc:/Onramp/Main.qml")));
    if (engine->rootObjects().isEmpty()) {
        qWarning("Main.qml did not load");
        return nullptr;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine->rootObjects().constFirst());
    if (!window) {
        qWarning("Main.qml's root is not a window");
        return nullptr;
    }
    window->show();
    if (!QTest::qWaitForWindowExposed(window)) {
        qWarning("the window was never exposed");
        return nullptr;
    }
    return window;
}

/// The first item named \a objectName in the visual tree under \a root that is visible.
inline QQuickItem* findItem(QQuickItem* root, const QString& objectName)
{
    if (root->objectName() == objectName && root->isVisible())
        return root;
    const auto children = root->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

/// The first object under \a root (its QObject children, at any depth) whose
/// class name contains \a className: a page's backend, found without its
/// header; null when there is none (or no \a root).
inline QObject* findObjectOfClass(const QObject* root, const char* className)
{
    if (!root)
        return nullptr;
    const QList<QObject*> parts = root->findChildren<QObject*>();
    for (QObject* part : parts)
        if (QByteArrayView(part->metaObject()->className()).contains(className))
            return part;
    return nullptr;
}

/// The first item under \a root in the visual tree that is a \a className.
inline QQuickItem* findItemOfClass(QQuickItem* root, const char* className)
{
    if (root->inherits(className))
        return root;
    const auto children = root->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = findItemOfClass(child, className))
            return found;
    }
    return nullptr;
}

/// Every text shown under \a item (labels, buttons, fields), visible ones only.
inline QStringList textsUnder(const QQuickItem* item)
{
    QStringList texts;
    if (!item->isVisible() || item->opacity() == 0)
        return texts;
    const QVariant text = item->property("text");
    if (text.isValid() && !text.toString().isEmpty())
        texts.append(text.toString());
    const auto children = item->childItems();
    for (const QQuickItem* child : children)
        texts += textsUnder(child);
    return texts;
}

/// The page stack of Main.qml.
inline QQuickItem* pageStack(QQuickWindow* window)
{
    return findItemOfClass(window->contentItem(), "QQuickStackView");
}

/// True while a page of \a root or one of its parts still fetches from the
/// vault: the backends (EnrollmentBackend, AuditBackend…) say so in `loading`.
inline bool isLoading(const QQuickItem* root)
{
    const auto parts = root->children();
    for (const QObject* part : parts) {
        if (part->property("loading").toBool())
            return true;
    }
    const auto children = root->childItems();
    return std::any_of(children.cbegin(), children.cend(), [](const QQuickItem* c) { return isLoading(c); });
}

/// True when the window has come to rest: no page transition running, no
/// backend loading, no layout waiting to be polished. Then the controls sit
/// where they are drawn and the lists hold their rows.
inline bool isSettled(QQuickWindow* window)
{
    const QQuickItem* stack = pageStack(window);
    return stack && !stack->property("busy").toBool() && !isLoading(window->contentItem())
        && !QQuickTest::qIsPolishScheduled(window);
}

/// The visible items of \a window that do not fit its width: one reaching
/// past the right edge of the window or of an ancestor that clips it (a
/// list's row wider than the list is cut off), or a Flickable (a ListView, a
/// ScrollView's content) whose content is wider than itself, so that it would
/// scroll sideways. Each as "ClassName objectName: why".
inline QStringList overflowingItems(QQuickWindow* window)
{
    QStringList found;
    const std::function<void(QQuickItem*, qreal)> visit = [&](QQuickItem* item, qreal bound) {
        if (!item->isVisible() || item->opacity() == 0)
            return;
        const QString name =
            QString::fromLatin1(item->metaObject()->className()) + QLatin1Char(' ') + item->objectName();
        const qreal right = item->mapToScene(QPointF(item->width(), 0)).x();
        if (item->width() > 0 && item->height() > 0 && right > bound + 0.5)
            found.append(QStringLiteral("%1: its right edge is at %2, past %3").arg(name).arg(right).arg(bound));
        if (item->inherits("QQuickFlickable")) {
            const qreal contentWidth = item->property("contentWidth").toReal();
            if (contentWidth > item->width() + 0.5)
                found.append(
                    QStringLiteral("%1: its content is %2 wide in %3").arg(name).arg(contentWidth).arg(item->width()));
        }
        const qreal inner = item->clip() ? std::min(bound, right) : bound;
        const auto children = item->childItems();
        for (QQuickItem* child : children)
            visit(child, inner);
    };
    visit(window->contentItem(), window->width());
    return found;
}

/// Every Repeater under \a window whose delegates are a Qt Quick Layout's own
/// children, as "file: a Repeater in a ClassName". Qt 6.4's layouts keep a
/// raw pointer to each child until their next polish: a Repeater given a new
/// model there frees its old delegates first, and a resize before that
/// polish (a notice appearing, say) reads freed memory and can crash. So a
/// Repeater's delegates go into a Column, Row or Flow, which the Layout
/// holds as one child, never straight into a Layout.
inline QStringList repeatersFillingLayouts(QQuickWindow* window)
{
    QSet<QQuickItem*> items;
    const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
        if (items.contains(item))
            return;
        items.insert(item);
        for (QQuickItem* child : item->childItems())
            visit(child);
        for (QQuickItem* child : item->findChildren<QQuickItem*>())
            visit(child);
    };
    visit(window->contentItem());
    for (QQuickItem* item : window->findChildren<QQuickItem*>())
        visit(item);
    QStringList found;
    for (QQuickItem* item : std::as_const(items)) {
        QQuickItem* parent = item->parentItem();
        if (!item->inherits("QQuickRepeater") || !parent || !parent->inherits("QQuickLayout"))
            continue;
        const QQmlContext* context = qmlContext(item);
        found.append(QStringLiteral("%1: a Repeater straight in a layout (%2)")
                         .arg(context ? context->baseUrl().toString() : QStringLiteral("(no file)"),
                              QString::fromLatin1(parent->metaObject()->className())));
    }
    found.sort();
    found.removeDuplicates();
    return found;
}

/// The demo vault's pages as a data-driven test's rows: "page", and
/// "person", who signs in to see it (empty: nobody); but \a leftOut.
inline void pageRows(const QStringList& leftOut = {})
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("person");
    const QList<std::pair<const char*, const char*>> pages = {
        {"welcome", ""},    {"about", ""},    {"signin", ""},    {"home", "alex"}, {"checklist", "alex"},
        {"mentor", "maya"}, {"admin", "ada"}, {"report", "ada"}, {"audit", "ada"}};
    for (const auto& [page, person] : pages)
        if (!leftOut.contains(QLatin1String(page)))
            QTest::newRow(page) << QString::fromLatin1(page) << QString::fromLatin1(person);
}

/// \a item's box in the scene (the window's coordinates).
inline QRectF sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

/// The visible tool tips' frames, in the scene.
inline QList<QRectF> shownToolTips(QQuickWindow* window)
{
    QList<QRectF> found;
    const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
        if (!item->isVisible())
            return;
        if (item->inherits("QQuickPopupItem") && item->parent() && item->parent()->inherits("QQuickToolTip")
            && item->opacity() > 0)
            found.append(sceneRect(item));
        const auto children = item->childItems();
        for (QQuickItem* child : children)
            visit(child);
    };
    visit(window->contentItem());
    return found;
}

/// Every visible text that draws past its own box (neither wrapped nor
/// elided, wider than the room it was given), over whatever sits beside it,
/// and a combo box's text cut at its edge: "objectName: 'text' needs N px,
/// has M".
inline QStringList overdrawnTexts(QQuickWindow* window)
{
    QStringList found;
    const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
        if (!item->isVisible() || item->opacity() == 0)
            return;
        if (item->inherits("QQuickText") && item->width() > 0 && item->property("elide").toInt() == Qt::ElideNone
            && item->property("wrapMode").toInt() == 0 /* Text.NoWrap */) {
            const qreal needed = item->property("contentWidth").toReal();
            if (needed > item->width() + 1)
                found.append(QStringLiteral("%1: '%2' needs %3 px, has %4")
                                 .arg(item->objectName(), item->property("text").toString())
                                 .arg(needed)
                                 .arg(item->width()));
        }
        // A combo box's text, cut at its edge with no ellipsis.
        if (item->inherits("QQuickTextInput") && item->parentItem() && item->parentItem()->inherits("QQuickComboBox")
            && item->property("contentWidth").toReal() > item->width() + 1)
            found.append(QStringLiteral("%1: '%2' is cut at the box's edge")
                             .arg(item->parentItem()->objectName(), item->property("text").toString()));
        const auto children = item->childItems();
        for (QQuickItem* child : children)
            visit(child);
    };
    visit(window->contentItem());
    return found;
}

/// A demo person's passphrase (the demo's are public), the demo team's included; empty for anyone else.
inline QString demoPassphrase(const QString& name)
{
    const auto people = onramp::demo::people();
    for (const auto& person : people) {
        if (person.name == name)
            return person.passphrase;
    }
    // The team the report charts shares one.
    static const QStringList team{QStringLiteral("sam"), QStringLiteral("noor"), QStringLiteral("kai"),
                                  QStringLiteral("lee")};
    return team.contains(name) ? QString::fromUtf8(onramp::demo::teamPassphrase()) : QString();
}

/// Finds, clicks and types in the real window.
class Driver
{
public:
    explicit Driver(QQuickWindow* window)
        : m_window(window)
    {}

    QQuickItem* item(const QString& objectName) const { return findItem(m_window->contentItem(), objectName); }

    /// Scrolls each Flickable round \a target until it shows it whole, or its
    /// top when it is taller than the view. True when anything moved.
    static bool scrollIntoView(QQuickItem* target)
    {
        bool moved = false;
        for (QQuickItem* view = target->parentItem(); view; view = view->parentItem()) {
            if (!view->inherits("QQuickFlickable"))
                continue;
            const QRectF shown = target->mapRectToItem(view, QRectF(0, 0, target->width(), target->height()));
            qreal by = 0;
            if (shown.top() < 0 || shown.height() > view->height())
                by = shown.top();
            else if (shown.bottom() > view->height())
                by = shown.bottom() - view->height();
            if (by == 0)
                continue;
            const qreal top = view->property("originY").toReal();
            const qreal most = std::max(top, top + view->property("contentHeight").toReal() - view->height());
            const qreal y = std::clamp(view->property("contentY").toReal() + by, top, most);
            if (y != view->property("contentY").toReal()) {
                view->setProperty("contentY", y);
                moved = true;
            }
        }
        return moved;
    }

    QString page() const { return m_window->property("currentPageName").toString(); }

    /// Waits until \a objectName is visible, enabled and at rest (no page or
    /// popup still moving in, no layout pending), then clicks its centre.
    bool click(const QString& objectName)
    {
        QQuickItem* target = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    target = item(objectName);
                    return target && target->isEnabled() && target->width() > 0 && isAtRest(target);
                },
                kPatienceMs)) {
            qWarning() << "no clickable" << objectName << "on page" << page();
            return false;
        }
        // As a person would, scrolls it into view first: news on a page
        // pushes what is below it out of sight.
        if (scrollIntoView(target) && !QTest::qWaitFor([&] { return isAtRest(target); }, kPatienceMs)) {
            qWarning() << objectName << "does not come to rest once scrolled into view";
            return false;
        }
        const QPoint centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre);
        return true;
    }

    /// The file dialog among the children of page \a page (Qt Quick's own,
    /// drawn in the window), once it shows with its name field enabled and
    /// the window at rest; null when none shows.
    QObject* openFileDialog(const QString& page) const
    {
        QObject* dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                const QQuickItem* shown = item(page);
                if (!shown)
                    return false;
                const auto all = shown->findChildren<QObject*>();
                for (QObject* d : all)
                    if (d->inherits("QQuickFileDialog") && d->property("visible").toBool())
                        dialog = d;
                const QQuickItem* name = item(QStringLiteral("fileNameTextField"));
                return dialog != nullptr && name != nullptr && name->isEnabled() && isSettled(m_window);
            },
            kPatienceMs);
        return dialog;
    }

    /// In the open file or folder \a dialog (Qt Quick's own), shows \a parent
    /// and double-clicks its folder \a name, as a person goes into it; true
    /// once the dialog shows that folder.
    bool goIntoFolder(QObject* dialog, const QString& parent, const QString& name)
    {
        if (!dialog->setProperty("currentFolder", QUrl::fromLocalFile(parent)))
            return false;
        const bool folders = dialog->inherits("QQuickFolderDialogImpl") || dialog->inherits("QQuickFolderDialog");
        const QString rows =
            folders ? QStringLiteral("folderDialogDelegate%1") : QStringLiteral("fileDialogDelegate%1");
        QQuickItem* row = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    row = nullptr;
                    for (int i = 0; i < 50 && !row; ++i) {
                        QQuickItem* it = item(rows.arg(i));
                        if (it && it->property("fileName").toString() == name)
                            row = it;
                    }
                    return row != nullptr && isSettled(m_window);
                },
                kPatienceMs)) {
            qWarning() << "no folder" << name << "in" << parent;
            return false;
        }
        const QPoint centre = row->mapToScene(QPointF(row->width() / 2, row->height() / 2)).toPoint();
        QTest::mouseDClick(m_window, Qt::LeftButton, {}, centre);
        const QString entered = QDir(parent).filePath(name);
        if (!QTest::qWaitFor([&] { return dialog->property("currentFolder").toUrl().toLocalFile() == entered; },
                             kPatienceMs)) {
            qWarning() << "the dialog does not go into" << entered;
            return false;
        }
        return true;
    }

    /// Clicks into \a objectName and types \a text with key events.
    bool type(const QString& objectName, const QString& text)
    {
        if (!click(objectName))
            return false;
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
        return true;
    }

    /// Opens a combo box and moves its selection \a steps rows down with the keyboard.
    bool choose(const QString& objectName, int steps)
    {
        if (!click(objectName))
            return false;
        const QObject* popup = item(objectName)->property("popup").value<QObject*>();
        if (!popup || !QTest::qWaitFor([&] { return popup->property("opened").toBool(); }, kPatienceMs)) {
            qWarning() << "the list of" << objectName << "does not open";
            return false;
        }
        for (int i = 0; i < steps; ++i)
            QTest::keyClick(m_window, Qt::Key_Down);
        QTest::keyClick(m_window, Qt::Key_Return);
        if (!QTest::qWaitFor([&] { return !popup->property("visible").toBool(); }, kPatienceMs)) {
            qWarning() << "the list of" << objectName << "does not close on Enter";
            return false;
        }
        return true;
    }

    void key(Qt::Key key) { QTest::keyClick(m_window, key); }

    /// Waits until the window shows the page \a name and its transition has
    /// finished, so that its items sit where they are drawn.
    bool waitForPage(const QString& name)
    {
        const QQuickItem* stack = pageStack(m_window);
        const bool ok =
            stack && QTest::qWaitFor([&] { return page() == name && !stack->property("busy").toBool(); }, kPatienceMs);
        if (!ok)
            qWarning() << "expected page" << name << "but the window shows" << page();
        return ok;
    }

    /// The text property of \a objectName, or empty.
    QString text(const QString& objectName) const
    {
        QQuickItem* it = item(objectName);
        return it ? it->property("text").toString() : QString();
    }

    /// Opens a combo box and picks its row \a row with the keyboard, up or
    /// down from the row it shows.
    bool chooseRow(const QString& objectName, int row)
    {
        if (!click(objectName))
            return false;
        const QQuickItem* box = item(objectName); // the one clicked: a page may have been replaced meanwhile
        const QObject* popup = box->property("popup").value<QObject*>();
        if (!popup || !QTest::qWaitFor([&] { return popup->property("opened").toBool(); }, kPatienceMs)) {
            qWarning() << "the list of" << objectName << "does not open";
            return false;
        }
        // From the row the list highlights, which the pointer left over the
        // opened list may have moved off the current one.
        const int highlighted = box->property("highlightedIndex").toInt();
        const int from = highlighted >= 0 ? highlighted : std::max(0, box->property("currentIndex").toInt());
        for (int i = from; i < row; ++i)
            QTest::keyClick(m_window, Qt::Key_Down);
        for (int i = from; i > row; --i)
            QTest::keyClick(m_window, Qt::Key_Up);
        QTest::keyClick(m_window, Qt::Key_Return);
        return QTest::qWaitFor([&] { return !popup->property("visible").toBool(); }, kPatienceMs);
    }

    /// Resizes the window to \a size and waits until its content has that
    /// size and has come to rest.
    bool resizeTo(const QSize& size)
    {
        m_window->resize(size);
        const bool ok = QTest::qWaitFor(
            [&] { return m_window->contentItem()->size().toSize() == size && isSettled(m_window); }, kPatienceMs);
        if (!ok)
            qWarning() << "the window does not come to rest at" << size;
        return ok;
    }

    /// Opens the settings, waits until they stand still (they are made when
    /// first opened), picks the language of row \a row (0 the system's,
    /// 1 English, 2 Deutsch) and closes them again.
    bool chooseLanguage(int row)
    {
        if (!click(QStringLiteral("settingsButton")))
            return false;
        QQuickItem* choice = nullptr;
        if (!QTest::qWaitFor([&] { return (choice = item(QStringLiteral("languageChoice"))) && isSettled(m_window); },
                             kPatienceMs)) {
            qWarning() << "the settings do not open";
            return false;
        }
        if (!chooseRow(QStringLiteral("languageChoice"), row) || choice->property("currentIndex").toInt() != row) {
            qWarning() << "the language choice does not show row" << row;
            return false;
        }
        key(Qt::Key_Escape);
        return QTest::qWaitFor([&] { return !item(QStringLiteral("languageChoice")) && isSettled(m_window); },
                               kPatienceMs);
    }

    /// Locks with the header's button and signs in through the sign-in page:
    /// picks the person of row \a personIndex (the picker starts at whoever
    /// locked, so the row is picked, not counted) and types \a passphrase.
    bool signInThroughPage(int personIndex, const QString& passphrase)
    {
        if (!click(QStringLiteral("lockButton")) || !waitForPage(QStringLiteral("signin"))
            || !chooseRow(QStringLiteral("personPicker"), personIndex)
            || !type(QStringLiteral("signInPassphrase"), passphrase))
            return false;
        key(Qt::Key_Return);
        return true;
    }

    /// The first sign-in with the passphrase an admin handed over: the
    /// sign-in page asks for one of the person's own, and \a own is it.
    bool firstSignInThroughPage(int personIndex, const QString& handed, const QString& own)
    {
        if (!signInThroughPage(personIndex, handed))
            return false;
        if (!QTest::qWaitFor([&] { return item(QStringLiteral("choosePassphraseCard")); }, kPatienceMs)
            || page() != QLatin1String("signin")) {
            qWarning() << "no request for an own passphrase; the window shows" << page();
            return false;
        }
        return type(QStringLiteral("choosePassphrase"), own) && type(QStringLiteral("choosePassphraseRepeat"), own)
            && click(QStringLiteral("choosePassphraseButton"));
    }

    /// Locks the session if one is open, waits for the sign-in page, and signs
    /// in as the demo person \a name with their public passphrase; waits until
    /// the sign-in page has gone. False, with a warning, when any of it fails.
    bool signInAs(const QString& name)
    {
        auto* session = onramp::ui::Session::instance();
        if (session->isUnlocked())
            session->lock();
        if (!waitForPage(QStringLiteral("signin")))
            return false;
        const onramp::Error e = session->unlockNow(name, demoPassphrase(name).toUtf8());
        if (e) {
            qWarning() << "cannot sign in as" << name << ":" << e.message;
            return false;
        }
        if (!QTest::qWaitFor([&] { return page() != QLatin1String("signin"); }, kPatienceMs)) {
            qWarning() << "signed in as" << name << "but the window still shows the sign-in page";
            return false;
        }
        return true;
    }

    /// The visible button of an open dialog's button box whose text is \a text.
    QQuickItem* dialogButton(const QString& text) const
    {
        QQuickItem* found = nullptr;
        const std::function<void(QQuickItem*, bool)> visit = [&](QQuickItem* it, bool inBox) {
            if (!it->isVisible() || found)
                return;
            inBox = inBox || it->inherits("QQuickDialogButtonBox");
            if (inBox && it->inherits("QQuickAbstractButton") && it->property("text").toString() == text)
                found = it;
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child, inBox);
        };
        visit(m_window->contentItem(), false);
        return found;
    }

    /// After People › Add person: waits for the dialog that shows the first
    /// passphrase and closes it with its button, as the admin must.
    bool closeFirstPassphrase()
    {
        if (!click(QStringLiteral("firstPassphraseDone")))
            return false;
        return QTest::qWaitFor([&] { return !item(QStringLiteral("firstPassphraseDone")); }, kPatienceMs);
    }

private:
    /// No page transition runs, the popup \a target lies in (if any) has
    /// finished opening, and no item it is laid out by awaits a polish.
    bool isAtRest(const QQuickItem* target) const
    {
        const QQuickItem* stack = pageStack(m_window);
        if (stack && stack->property("busy").toBool())
            return false;
        for (const QObject* o = target; o; o = o->parent()) {
            if (o->inherits("QQuickPopup") && !o->property("opened").toBool())
                return false;
        }
        for (const QQuickItem* i = target; i; i = i->parentItem()) {
            if (QQuickTest::qIsPolishScheduled(i))
                return false;
        }
        return true;
    }

    QQuickWindow* m_window;
};

/// What a demo vault made for a test holds besides what `--demo` makes.
enum class DemoSeed {
    Bare, ///< as --demo makes it
    Progress, ///< the demo hire part of the way through
    Team, ///< and the other hires and mentors the report shows
};

/// Makes the demo vault in \a dir (and the folder), seeded as \a seed says.
inline onramp::Error makeDemoVault(const QString& dir, DemoSeed seed)
{
    if (!QDir().mkpath(dir))
        return onramp::Error(onramp::ErrorKind::Io, QStringLiteral("cannot make the folder %1").arg(dir));
    onramp::Error e = onramp::demo::createDemoVault(dir);
    if (!e && seed != DemoSeed::Bare)
        e = onramp::demo::seedDemoProgress(dir);
    if (!e && seed == DemoSeed::Team)
        e = onramp::demo::seedDemoTeam(dir);
    return e;
}

/// Imports the checklist \a yaml into the vault \a admin has open (a test's
/// setup: fails the test when the checklist does not parse or import).
inline void importChecklist(onramp::Vault& admin, const QByteArray& yaml)
{
    const onramp::ParseResult parsed = onramp::parseChecklist(yaml, QStringLiteral("test checklist"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(u'\n')));
    onramp::ImportOutcome outcome;
    const onramp::Error e =
        onramp::ChecklistStore(admin).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome);
    QVERIFY2(!e, qPrintable(e.message));
}

/// What a screen reader reads as \a item's name (trimmed); empty for no item.
inline QString accessibleName(QQuickItem* item)
{
    QAccessibleInterface* iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

/// Runs \a work on the vault \a vault unlocked as the demo person \a name,
/// outside the window (another desktop).
inline onramp::Error asDemoPerson(const QString& vault, const QString& name,
                                  const std::function<onramp::Error(onramp::Vault&)>& work)
{
    std::unique_ptr<onramp::Vault> opened;
    if (onramp::Error e = onramp::Vault::unlock(vault, name, demoPassphrase(name).toUtf8(), &opened))
        return e;
    return work(*opened);
}

/// The base of a window test class: a folder of its own, the real window
/// and its driver.
class WindowFixture : public QObject
{
protected:
    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    std::unique_ptr<Driver> m_ui;

    /// Loads the real window on the session's vault and its driver, at
    /// \a size when one is given; false (with a warning) when it does not load.
    bool openWindow(const QSize& size = QSize())
    {
        m_window = loadMainWindow(m_engine);
        if (!m_window)
            return false;
        if (size.isValid())
            m_window->resize(size);
        m_ui = std::make_unique<Driver>(m_window);
        return true;
    }

    /// Locks the session if it is open and drops the window and its engine.
    void closeWindow()
    {
        if (onramp::ui::Session::instance() && onramp::ui::Session::instance()->isUnlocked())
            onramp::ui::Session::instance()->lock();
        m_ui.reset();
        m_engine.reset();
        m_window = nullptr;
    }

    QQuickItem* item(const QString& name) const { return m_ui->item(name); }
    bool settled() const { return isSettled(m_window); }
    /// True when \a name exists and is visible.
    bool shown(const QString& name) const
    {
        const QQuickItem* it = item(name);
        return it && it->isVisible();
    }
    /// Every text under \a name, one a line; empty when there is no such item.
    QString allTextsUnder(const QString& name) const
    {
        const QQuickItem* it = item(name);
        return it ? textsUnder(it).join(u'\n') : QString();
    }
    /// Shows the page \a name as the navigation would and waits until it settles.
    bool showPage(const QString& name)
    {
        return QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)) && m_ui->waitForPage(name)
            && QTest::qWaitFor([this] { return settled(); }, kPatienceMs);
    }
};

} // namespace e2e

namespace e2e {

/// Runs the end-to-end test \a Test: the app as people see it, in Qt's
/// Fusion style with the English texts (and their plural forms) installed.
template<typename Test>
int exec(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    onramp::installTranslations(app);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace e2e

/// The main() of an end-to-end test (e2e::exec).
#define ONRAMP_E2E_MAIN(TestClass) \
    int main(int argc, char** argv) \
    { \
        return e2e::exec<TestClass>(argc, argv); \
    }
