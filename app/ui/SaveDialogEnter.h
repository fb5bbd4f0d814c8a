#pragma once

#include "OverlayWatcher.h"

namespace onramp::ui {

/// Keeps the file's name in the save dialog Qt draws itself while the
/// person goes from folder to folder: Qt 6.4's empties the name field, or
/// puts a folder's name in it, in each folder entered, so the name suggested
/// or typed is lost on the way. The name last suggested or typed is given
/// back in each folder. Each time the dialog opens, the keys start in the
/// name field (Qt's gives them to no control), so that Enter saves.
class FileNameKeeper : public QObject
{
    Q_OBJECT

public:
    /// Keeps the name of \a dialog (a QQuickFileDialogImpl); its child.
    explicit FileNameKeeper(QObject* dialog);

private Q_SLOTS:
    void nameChanged();
    void folderChanged();
    /// Gives the name field the keys, once the dialog has opened.
    void opened();

private:
    QObject* m_dialog;
    QString m_kept;
};

/// Makes Enter in the file name field of the save dialog Qt draws itself
/// (where the desktop offers none) save, as its Save button does; Qt 6.4's
/// field takes the key and does nothing. Keeps the file's name in it from
/// folder to folder (FileNameKeeper). Main.qml points it at the window's
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
