#pragma once

#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// Watches a window's overlay and hands each popup open in it to
/// `applyTo`, when the overlay is set and whenever a popup opens: one place
/// for what every dialog of the window gets (DialogPadding, SaveDialogEnter).
class OverlayWatcher : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS
    /// The overlay the window's popups open in (Overlay.overlay).
    Q_PROPERTY(QQuickItem* overlay READ overlay WRITE setOverlay NOTIFY overlayChanged FINAL)

public:
    explicit OverlayWatcher(QObject* parent = nullptr);

    QQuickItem* overlay() const { return m_overlay; }
    void setOverlay(QQuickItem* overlay);

Q_SIGNALS:
    void overlayChanged();

protected:
    /// Hands every popup open in the overlay now to applyTo.
    void apply();
    /// Does the watcher's work on \a popup, a QQuickPopupItem in the overlay;
    /// called again for popups already handled, so it must be idempotent.
    virtual void applyTo(QQuickItem* popup) = 0;

private:
    QPointer<QQuickItem> m_overlay;
    QMetaObject::Connection m_watch;
};

} // namespace onramp::ui
