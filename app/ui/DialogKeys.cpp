#include "DialogKeys.h"

#include <QKeyEvent>
#include <QQuickWindow>

namespace onramp::ui {

namespace {

/// The Dialog \a popup (its item) belongs to, or null for any other popup.
QObject* dialogOf(QQuickItem* popup)
{
    for (QObject* o = popup->parent(); o; o = o->parent()) {
        if (o->inherits("QQuickDialog"))
            return o;
    }
    auto* buttons = popup->property("footer").value<QQuickItem*>();
    for (QObject* o = buttons ? buttons->parent() : nullptr; o; o = o->parent()) {
        if (o->inherits("QQuickDialog"))
            return o;
    }
    return nullptr;
}

bool isButton(const QQuickItem* item)
{
    return item && item->inherits("QQuickAbstractButton");
}

bool holds(const QQuickItem* ancestor, const QQuickItem* item)
{
    for (; item; item = item->parentItem()) {
        if (item == ancestor)
            return true;
    }
    return false;
}

/// The visible, enabled button of \a box with the dialog role \a role, or null.
QQuickItem* buttonWithRole(QQuickItem* box, int role)
{
    if (!box)
        return nullptr;
    const auto count = box->property("count").toInt();
    for (int i = 0; i < count; ++i) {
        QQuickItem* button = nullptr;
        QMetaObject::invokeMethod(box, "itemAt", Q_RETURN_ARG(QQuickItem*, button), Q_ARG(int, i));
        if (!isButton(button) || !button->isVisible() || !button->isEnabled())
            continue;
        // DialogButtonBox.buttonRole, the attached property.
        QObject* attached = nullptr;
        for (QObject* child : button->children()) {
            if (child->inherits("QQuickDialogButtonBoxAttached"))
                attached = child;
        }
        if (attached && attached->property("buttonRole").toInt() == role)
            return button;
    }
    return nullptr;
}

/// The visible item named \a name under \a root, or null.
QQuickItem* findNamed(QQuickItem* root, const QString& name)
{
    if (root->objectName() == name && root->isVisible())
        return root;
    const auto children = root->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = findNamed(child, name))
            return found;
    }
    return nullptr;
}

} // namespace

void DialogKeys::applyTo(QQuickItem* popup)
{
    QObject* dialog = dialogOf(popup);
    // Qt's own file and folder dialogs keep their keys (SaveDialogEnter).
    if (!dialog || !popup->property("footer").value<QQuickItem*>() || dialog->inherits("QQuickFileDialogImpl")
        || dialog->inherits("QQuickFolderDialogImpl"))
        return;
    if (dialog->findChild<DialogKeysHook*>(QString(), Qt::FindDirectChildrenOnly))
        return;
    // Connected after the dialog's own onOpened and onClosed: they run first.
    auto* hook = new DialogKeysHook(this, popup, dialog);
    // A dialog's item may stay in the overlay once closed and be handed here
    // again at any time: the opener is taken each time the dialog is about to
    // show, before it takes the focus, and at the first sight of it.
    hook->aboutToShow();
    connect(dialog, SIGNAL(aboutToShow()), hook, SLOT(aboutToShow()));
    connect(dialog, SIGNAL(opened()), hook, SLOT(opened()));
    connect(dialog, SIGNAL(closed()), hook, SLOT(closed()));
    popup->installEventFilter(hook);
}

void DialogKeys::aboutToShow(QObject* dialog, QQuickItem* popup)
{
    // The item that has the focus before the dialog takes it.
    QQuickItem* focused = popup->window() ? popup->window()->activeFocusItem() : nullptr;
    if (holds(popup, focused))
        focused = nullptr;
    m_openers.insert(dialog,
                     Opener{focused, focused ? focused->objectName() : QString(),
                            popup->window() ? popup->window()->contentItem() : nullptr});
}

void DialogKeys::opened(QObject* /*dialog*/, QQuickItem* popup)
{
    QQuickWindow* window = popup->window();
    if (!window)
        return;
    // How the dialog is answered decides the opener's ring when it closes.
    m_closedByKey = false;
    if (m_watchedWindow != window) {
        if (m_watchedWindow)
            m_watchedWindow->removeEventFilter(this);
        m_watchedWindow = window;
        window->installEventFilter(this);
    }
    auto* buttons = popup->property("footer").value<QQuickItem*>();
    QQuickItem* focused = window->activeFocusItem();
    // A field or a list the dialog's file focused keeps the keys; a text, the
    // dialog itself or nothing of it gives them to Cancel.
    const bool nothingToType =
        !focused || !holds(popup, focused) || focused == popup || focused->inherits("QQuickText");
    if (nothingToType)
        focused = buttonWithRole(buttons, 1); // QPlatformDialogHelper::RejectRole: Cancel
    else if (!isButton(focused))
        return;
    // Focused as Tab focuses it, so that the button shows it has the focus.
    if (focused)
        focused->forceActiveFocus(Qt::TabFocusReason);
}

void DialogKeys::closed(QObject* dialog)
{
    const Opener taken = m_openers.take(dialog);
    QPointer<QQuickItem> opener = taken.item;
    // A list's row rebuilt while the dialog was open (a refresh of the
    // mentee's grants) has a new button of the same name: the focus goes there.
    if (!opener && !taken.name.isEmpty() && taken.root)
        opener = findNamed(taken.root, taken.name);
    if (!opener || !opener->window() || !opener->isVisible() || !opener->isEnabled())
        return;
    QQuickWindow* window = opener->window();
    QQuickItem* focused = window->activeFocusItem();
    // The dialog's handlers put the focus somewhere on purpose: it stays.
    if (focused && focused != window->contentItem() && !holds(focused, opener) && focused->isVisible())
        return;
    // Closed by a key (Enter, Space, Escape), the opener shows its focus ring
    // as after Tab; closed by the mouse, it has the focus without a ring. The
    // popup may have handed the focus back to it already, with another reason:
    // it is taken and given again, so that the ring says how the dialog closed.
    const Qt::FocusReason reason = m_closedByKey ? Qt::TabFocusReason : Qt::MouseFocusReason;
    if (opener->hasActiveFocus())
        opener->setFocus(false);
    opener->forceActiveFocus(reason);
}

bool DialogKeys::eventFilter(QObject* watched, QEvent* event)
{
    // The last input to the window while a dialog is open: a key or the mouse.
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::ShortcutOverride:
    case QEvent::Shortcut:
        m_closedByKey = true;
        break;
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
        m_closedByKey = false;
        break;
    default:
        break;
    }
    return OverlayWatcher::eventFilter(watched, event);
}

bool DialogKeys::pressFocused(QQuickItem* popup, QKeyEvent* key)
{
    if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter)
        return false;
    if (key->modifiers() & ~(Qt::KeypadModifier))
        return false;
    QQuickWindow* window = popup->window();
    QQuickItem* focused = window ? window->activeFocusItem() : nullptr;
    if (!isButton(focused) || !holds(popup, focused) || !focused->isEnabled())
        return false;
    // What a click does: DialogButtonBox answers the dialog by the button's role.
    QMetaObject::invokeMethod(focused, "clicked");
    return true;
}

DialogKeysHook::DialogKeysHook(DialogKeys* keys, QQuickItem* popup, QObject* dialog)
    : QObject(dialog)
    , m_keys(keys)
    , m_popup(popup)
    , m_dialog(dialog)
{}

void DialogKeysHook::aboutToShow()
{
    if (m_keys && m_popup)
        m_keys->aboutToShow(m_dialog, m_popup);
}

void DialogKeysHook::opened()
{
    if (m_keys && m_popup)
        m_keys->opened(m_dialog, m_popup);
}

void DialogKeysHook::closed()
{
    if (m_keys)
        m_keys->closed(m_dialog);
}

bool DialogKeysHook::eventFilter(QObject* watched, QEvent* event)
{
    // Escape reaches the dialog's item as its shortcut.
    if (event->type() == QEvent::Shortcut && m_keys)
        m_keys->m_closedByKey = true;
    // Enter reaches the dialog's item when the focused control left it unused.
    if (event->type() == QEvent::KeyPress && m_keys && m_popup && watched == m_popup)
        return m_keys->pressFocused(m_popup, static_cast<QKeyEvent*>(event));
    return QObject::eventFilter(watched, event);
}

} // namespace onramp::ui
