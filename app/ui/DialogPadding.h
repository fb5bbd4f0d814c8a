#pragma once

#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// Gives every dialog of a window the same room around its content, its
/// title and its buttons, in one place instead of in each dialog: Main.qml
/// points it at the window's overlay, and each dialog that opens there (a
/// popup with a title or buttons) gets at least `padding`. A menu, a tooltip
/// or a combo box's list has neither and keeps its own.
class DialogPadding : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// The overlay the window's popups open in (Overlay.overlay).
    Q_PROPERTY(QQuickItem* overlay READ overlay WRITE setOverlay NOTIFY overlayChanged FINAL)
    /// The least room, in pixels, between a dialog's frame and what it holds.
    Q_PROPERTY(int padding READ padding WRITE setPadding NOTIFY paddingChanged FINAL)

public:
    explicit DialogPadding(QObject* parent = nullptr);

    QQuickItem* overlay() const { return m_overlay; }
    void setOverlay(QQuickItem* overlay);
    int padding() const { return m_padding; }
    void setPadding(int padding);

Q_SIGNALS:
    void overlayChanged();
    void paddingChanged();

private:
    /// Pads the dialogs open in the overlay now.
    void apply();

    QPointer<QQuickItem> m_overlay;
    QMetaObject::Connection m_watch;
    int m_padding = 20;
};

} // namespace onramp::ui
