import QtQuick
import QtQuick.Dialogs
import Onramp

// A folder dialog that can take the folder it shows: the welcome page's
// (open a vault folder; where a new vault goes), in a file of their own so
// that the page makes each when first opened (WelcomePage.folderDialogOf())
// and Qt Quick Dialogs loads then, not before the first frame; and the scan's,
// where a folder with nothing in it yet is a choice too.
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
