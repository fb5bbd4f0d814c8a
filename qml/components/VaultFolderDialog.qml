import QtQuick
import QtQuick.Dialogs

// The welcome page's "Open a vault folder" dialog, in a file of its own: the
// page makes it when first opened (WelcomePage.chooseFolder()), so that Qt
// Quick Dialogs and its libraries load then, not before the first frame.
FolderDialog {
    objectName: "vaultFolderDialog"
}
