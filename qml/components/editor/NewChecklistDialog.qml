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
    modal: true
    footer: DialogButtonBox {
        Button {
            objectName: "editorNewOk"
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
    onOpened: newTitle.forceActiveFocus()
    onAccepted: {
        if (newDialog.editor.startNew(newId.text, newTitle.text))
            newDialog.started()
    }
    ColumnLayout {
        spacing: Theme.mediumSpacing
        TextField {
            id: newTitle
            objectName: "editorNewTitle"
            Layout.preferredWidth: 360
            placeholderText: qsTr("Title, e.g. Backend onboarding")
            Accessible.name: qsTr("Checklist title")
            onAccepted: newDialog.accept()
        }
        TextField {
            id: newId
            objectName: "editorNewId"
            Layout.preferredWidth: 360
            placeholderText: qsTr("Id, e.g. backend-onboarding")
            Accessible.name: qsTr("Checklist id")
            onAccepted: newDialog.accept()
        }
    }
}
