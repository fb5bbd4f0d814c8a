import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Starts a new, empty checklist in the editor from a title and an id.
Dialog {
    id: newDialog

    required property ChecklistEditorModel editor

    // The new checklist has been started in the editor.
    signal started

    objectName: "editorNewDialog"
    title: qsTr("Start a new checklist")
    anchors.centerIn: parent
    // A set width: the button box's width would otherwise follow the
    // dialog's implicit width, which follows the button box.
    width: Math.min(440, parent ? parent.width - 2 * Theme.largeSpacing : 440)
    modal: true
    footer: DialogButtonBox {
        Button {
            objectName: "editorNewOk"
            // Both are needed: Enter on an empty id must not close the dialog and lose the title.
            enabled: newDialog.complete
            text: qsTr("Start")
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: qsTr("Start the new checklist")
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
    }
    readonly property bool complete: newTitle.text.trim().length > 0 && newId.text.trim().length > 0

    onOpened: newTitle.forceActiveFocus()
    onAccepted: {
        if (newDialog.editor.startNew(newId.text, newTitle.text))
            newDialog.started()
    }
    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.mediumSpacing
        TextField {
            id: newTitle
            objectName: "editorNewTitle"
            Layout.fillWidth: true
            placeholderText: qsTr("Title, e.g. Backend onboarding")
            Accessible.name: qsTr("Checklist title")
            onAccepted: newDialog.complete ? newDialog.accept() : newId.forceActiveFocus()
        }
        TextField {
            id: newId
            objectName: "editorNewId"
            Layout.fillWidth: true
            placeholderText: qsTr("Id, e.g. backend-onboarding")
            Accessible.name: qsTr("Checklist id")
            onAccepted: if (newDialog.complete) newDialog.accept()
        }
    }
}
