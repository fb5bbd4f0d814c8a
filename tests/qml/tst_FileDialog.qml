import QtQuick
import QtQuick.Dialogs
import QtTest

// The exports' save dialog opens and closes. Where the desktop offers no
// dialog of its own (as here, offscreen), Qt Quick uses its own, which needs
// Qt.labs.folderlistmodel installed: without it, opening the dialog crashed
// the app.
TestCase {
    id: testCase
    name: "FileDialog"
    when: windowShown
    visible: true
    width: 800
    height: 600

    Component {
        id: saveDialog
        FileDialog {
            fileMode: FileDialog.SaveFile
            nameFilters: ["CSV (*.csv)", "JSON (*.json)"]
        }
    }

    function test_theSaveDialogOpensAndCloses() {
        const dialog = createTemporaryObject(saveDialog, testCase)
        verify(dialog)
        dialog.open()
        tryCompare(dialog, "visible", true)
        dialog.reject()
        tryCompare(dialog, "visible", false)
    }
}
