#pragma once

#include "OverlayWatcher.h"

namespace onramp::ui {

/// Makes Enter in the file name field of the save dialog Qt draws itself
/// (where the desktop offers none) save, as its Save button does; Qt 6.4's
/// field takes the key and does nothing. Main.qml points it at the window's
/// overlay, where each dialog opens.
class SaveDialogEnter : public onramp::ui::OverlayWatcher
{
    Q_OBJECT
    QML_ELEMENT

public:
    using OverlayWatcher::OverlayWatcher;

protected:
    /// Connects the file name field of \a popup if it is a file dialog.
    void applyTo(QQuickItem* popup) override;
};

} // namespace onramp::ui
