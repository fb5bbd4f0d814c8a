import QtQuick
import QtQuick.Dialogs
import Onramp

// The welcome page's folder dialogs (open a vault folder; where a new vault
// goes), in a file of their own: the page makes each when first opened
// (WelcomePage.folderDialogOf()), so that Qt Quick Dialogs and its libraries
// load then, not before the first frame.
FolderDialog {
    id: dialog
    // Whether the folder shown counts as the choice: any folder (where a new
    // vault goes), or a vault folder, which shows no folders to pick, so that
    // Qt's own dialog would pick nothing there.
    property bool takesShownFolder: false
    property bool takesShownVault: false
    onCurrentFolderChanged: {
        if (dialog.visible && (dialog.takesShownFolder
                               || (dialog.takesShownVault && Session.holdsVault(dialog.currentFolder))))
            dialog.selectedFolder = dialog.currentFolder
    }
}
