import QtQuick
import QtQuick.Dialogs

// The welcome page's folder dialogs (open a vault folder; where a new vault
// goes), in a file of their own: the page makes each when first opened
// (WelcomePage.folderDialogOf()), so that Qt Quick Dialogs and its libraries
// load then, not before the first frame.
FolderDialog {
    id: dialog
    // Whether the folder shown counts as the choice: inside a vault folder,
    // which shows no folders to pick, Qt's own dialog would pick nothing.
    property var takesShownFolder: function(folder) { return false }
    onCurrentFolderChanged: {
        if (dialog.visible && dialog.takesShownFolder(dialog.currentFolder))
            dialog.selectedFolder = dialog.currentFolder
    }
}
