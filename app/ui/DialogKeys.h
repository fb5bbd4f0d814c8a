#pragma once

#include "OverlayWatcher.h"

#include <QHash>

class QKeyEvent;
class QQuickWindow;

namespace onramp::ui {

/// The keys of every dialog with buttons, in one place: Main.qml points it
/// at the window's overlay. Once a dialog has opened, one of its buttons has
/// the focus and shows it: the one the dialog's file focused, or else Cancel
/// (its reject button), so that a stray Enter confirms nothing; a field or a
/// list the file focused keeps the keys. Enter (and
/// Space) press the focused button, Escape cancels, and when the dialog
/// closes without its handlers putting the focus elsewhere, the focus goes
/// back to the control that had it when the dialog opened, its ring shown
/// when a key closed the dialog.
class DialogKeys : public onramp::ui::OverlayWatcher
{
    Q_OBJECT
    QML_ELEMENT

public:
    using OverlayWatcher::OverlayWatcher;

protected:
    /// Hooks \a popup's keys and focus if it is a dialog with buttons.
    void applyTo(QQuickItem* popup) override;

private:
    friend class DialogKeysHook;
    void aboutToShow(QObject* dialog, QQuickItem* popup);
    void opened(QObject* dialog, QQuickItem* popup);
    void closed(QObject* dialog);
    /// Presses the focused button of \a popup if \a key is Enter; true if it did.
    bool pressFocused(QQuickItem* popup, QKeyEvent* key);

    /// Notes whether the window's last input was a key or the mouse.
    bool eventFilter(QObject* watched, QEvent* event) override;

    /// The item that had the focus when a dialog opened, its name, and the
    /// window's content, where an item of that name is looked for if it is gone.
    struct Opener {
        QPointer<QQuickItem> item;
        QString name;
        QPointer<QQuickItem> root;
    };
    /// For each dialog open, the item that had the focus when it opened.
    QHash<QObject*, Opener> m_openers;
    /// The window whose input is watched, and whether its last input since a
    /// dialog opened was a key (Enter, Space, Escape) rather than the mouse.
    QPointer<QQuickWindow> m_watchedWindow;
    bool m_closedByKey = false;
};

/// One dialog's connection to DialogKeys, a child of the dialog: its
/// opened() and closed(), and the keys that reach its item.
class DialogKeysHook : public QObject
{
    Q_OBJECT

public:
    DialogKeysHook(DialogKeys* keys, QQuickItem* popup, QObject* dialog);

public Q_SLOTS:
    void aboutToShow();
    void opened();
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<DialogKeys> m_keys;
    QPointer<QQuickItem> m_popup;
    QObject* m_dialog;
};

} // namespace onramp::ui
