#pragma once

#include "OverlayWatcher.h"

namespace onramp::ui {

/// Gives every dialog of a window the same room around its content, its
/// title and its buttons, in one place instead of in each dialog: Main.qml
/// points it at the window's overlay, and each dialog that opens there (a
/// popup with a title or buttons) gets at least `padding`. A menu, a tooltip
/// or a combo box's list has neither and keeps its own.
class DialogPadding : public onramp::ui::OverlayWatcher
{
    Q_OBJECT
    QML_ELEMENT
    /// The least room, in pixels, between a dialog's frame and what it holds.
    Q_PROPERTY(int padding READ padding WRITE setPadding NOTIFY paddingChanged FINAL)

public:
    using OverlayWatcher::OverlayWatcher;

    int padding() const { return m_padding; }
    void setPadding(int padding);

Q_SIGNALS:
    void paddingChanged();

protected:
    /// Pads \a popup if it is a dialog.
    void applyTo(QQuickItem* popup) override;

private:
    int m_padding = 20;
};

} // namespace onramp::ui
