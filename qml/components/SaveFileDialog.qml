import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Onramp

// Every export's and backup's save dialog: it asks before it replaces a file.
// Qt Quick's own dialog (the one a desktop without a native dialog gets)
// replaces without asking, and a native one asks in its own way; so the
// native one is told not to ask, and this asks on every desktop alike. A
// "no" goes back to the save dialog to choose another name; it is where the
// keys start.
FileDialog {
    id: dialog
    // The item the question is shown over: the page or card that saves.
    required property Item host
    // The suffix the save adds to a name typed without one ("" adds none),
    // as the backend that writes the file adds it.
    property string suffix: defaultSuffix
    // The file to write: chosen, and a file that was there agreed to go.
    signal chosen(url file)
    // The save dialog and the question are both closed, whatever the answer.
    signal ended()
    // The control that opened it: the keys go back to it once it has ended.
    property Item opener
    onEnded: if (dialog.opener) dialog.opener.forceActiveFocus(Qt.OtherFocusReason)

    fileMode: FileDialog.SaveFile
    // Qt's qmltypes do not list the options' enum; Qt Quick has it.
    options: FileDialog.DontConfirmOverwrite // qmllint disable
    onAccepted: {
        const replaced = Session.replacedFile(dialog.selectedFile, dialog.suffix)
        if (replaced === "") {
            dialog.chosen(dialog.selectedFile)
            dialog.ended()
        } else {
            replaceDialog.path = replaced
            replaceDialog.open()
        }
    }
    onRejected: dialog.ended()

    Dialog {
        id: replaceDialog
        objectName: "replaceFileDialog"
        property string path
        readonly property int cut: path.lastIndexOf("/")
        readonly property string fileName: path.substring(cut + 1)
        readonly property string folder: cut > 0 ? path.substring(0, cut) : "/"
        title: qsTr("Replace %1?").arg(fileName)
        // The title names a file: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: dialog.host
        anchors.centerIn: Overlay.overlay
        width: Math.min(480, (Overlay.overlay ? Overlay.overlay.width : 480) - 2 * Theme.pageMargin)
        focus: true
        // The keys start on the answer that loses nothing: Enter (or
        // Escape, the popup's own) goes back to the save dialog; replacing
        // takes a click or Tab first. Its ring shows where the keys are.
        onOpened: backButton.forceActiveFocus(Qt.TabFocusReason)
        readonly property string question:
            qsTr("A file of that name is already in %1. Replacing it overwrites what it holds.").arg(folder)
        contentItem: Label {
            objectName: "replaceFileMessage"
            text: replaceDialog.question
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                objectName: "replaceFileButton"
                text: qsTr("Replace")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Replace %1").arg(replaceDialog.fileName)
            }
            Button {
                id: backButton
                objectName: "replaceFileBackButton"
                text: qsTr("Choose another name")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
                Accessible.description: replaceDialog.question
            }
        }
        onAccepted: {
            // The file asked about, as the backend would have made it of the choice.
            dialog.chosen(Session.localFileUrl(replaceDialog.path))
            dialog.ended()
        }
        // Back to the save dialog, at the same folder and name.
        onRejected: {
            dialog.currentFolder = Session.localFileUrl(replaceDialog.folder)
            dialog.selectedFile = Session.localFileUrl(replaceDialog.path)
            dialog.open()
        }
    }
}
