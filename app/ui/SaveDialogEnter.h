#pragma once

#include <QObject>
#include <QPointer>
#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// Makes Enter in the file name field of the save dialog Qt draws itself
/// (where the desktop offers none) save, as its Save button does; Qt 6.4's
/// field takes the key and does nothing. Main.qml points it at the window's
/// overlay, where each dialog opens.
class SaveDialogEnter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// The overlay the window's popups open in (Overlay.overlay).
    Q_PROPERTY(QQuickItem* overlay READ overlay WRITE setOverlay NOTIFY overlayChanged FINAL)

public:
    explicit SaveDialogEnter(QObject* parent = nullptr);

    QQuickItem* overlay() const { return m_overlay; }
    void setOverlay(QQuickItem* overlay);

Q_SIGNALS:
    void overlayChanged();

private:
    /// Connects the file name field of each file dialog open in the overlay.
    void apply();

    QPointer<QQuickItem> m_overlay;
    QMetaObject::Connection m_watch;
};

} // namespace onramp::ui
