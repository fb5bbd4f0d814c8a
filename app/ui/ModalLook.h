#pragma once

#include "OverlayWatcher.h"

#include <QColor>

namespace onramp::ui {

/// How a dialog sits above the page, for every popup of a window in one
/// place: Main.qml points it at the window's overlay. The dim behind a modal
/// (or dimming) popup takes `dim` instead of the style's own, which Fusion
/// draws at 7 % black: hardly a change of the page in light, none to see in
/// dark. A dialog (a popup with a title or buttons) is framed in `frame`,
/// which stands out from the dimmed page where its surface does not (dark).
/// Every dialog, the save dialogs' too, whatever its file says. A popup's
/// title and a tooltip's text show as plain text; a title wraps, never elided.
class ModalLook : public onramp::ui::OverlayWatcher
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QColor dim READ dim WRITE setDim NOTIFY dimChanged FINAL)
    Q_PROPERTY(QColor frame READ frame WRITE setFrame NOTIFY frameChanged FINAL)

public:
    using OverlayWatcher::OverlayWatcher;

    QColor dim() const { return m_dim; }
    void setDim(const QColor& dim);
    QColor frame() const { return m_frame; }
    void setFrame(const QColor& frame);

Q_SIGNALS:
    void dimChanged();
    void frameChanged();

protected:
    /// Frames \a popup if it is a dialog, and dims behind every popup open.
    void applyTo(QQuickItem* popup) override;

private:
    QColor m_dim = QColor(0, 0, 0, 128);
    QColor m_frame = QColor(0x76, 0x76, 0x76);
};

} // namespace onramp::ui
