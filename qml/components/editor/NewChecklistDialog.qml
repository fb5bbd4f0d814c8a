import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Starts a new, empty checklist in the editor from a title and an id. The
// id follows the title (ChecklistEditorModel.idFromTitle) until it is typed
// by hand; an id already in use is named below it before anything starts.
Dialog {
    id: newDialog

    required property ChecklistEditorModel editor
    // The checklists in the vault, whose ids are taken; null when unknown.
    property ChecklistListModel checklists: null

    // The new checklist has been started in the editor.
    signal started

    // The id was typed by hand: the title no longer changes it.
    property bool idTyped: false
    readonly property string idProblem: newDialog.checklists ? newDialog.checklists.newIdProblem(newId.text) : ""
    readonly property bool complete: newTitle.text.trim().length > 0 && newId.text.trim().length > 0
                                     && newDialog.idProblem.length === 0

    objectName: "editorNewDialog"
    title: qsTr("Start a new checklist")
    // In the middle of the window, not of the editor it is declared in.
    anchors.centerIn: Overlay.overlay
    // A set width: the button box's width would otherwise follow the
    // dialog's implicit width, which follows the button box.
    width: Math.min(480, Overlay.overlay ? Overlay.overlay.width - 2 * Theme.largeSpacing : 480)
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

    onAboutToShow: {
        newDialog.idTyped = false
        newTitle.clear()
        newId.clear()
    }
    onOpened: newTitle.forceActiveFocus()
    onAccepted: {
        if (newDialog.editor.startNew(newId.text.trim(), newTitle.text))
            newDialog.started()
    }
    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.mediumSpacing
        Label {
            text: qsTr("Title")
        }
        TextField {
            id: newTitle
            objectName: "editorNewTitle"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. Backend onboarding")
            Accessible.name: qsTr("Checklist title")
            onTextEdited: if (!newDialog.idTyped) newId.text = newDialog.editor.idFromTitle(newTitle.text)
            onAccepted: newDialog.complete ? newDialog.accept() : newId.forceActiveFocus()
        }
        Label {
            text: qsTr("Id (made from the title until you type one)")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            id: newId
            objectName: "editorNewId"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. backend-onboarding")
            Accessible.name: qsTr("Checklist id")
            description: newDialog.idProblem
            onTextEdited: newDialog.idTyped = newId.text.length > 0
            onAccepted: if (newDialog.complete) newDialog.accept()
        }
        Label {
            textFormat: Text.PlainText
            objectName: "editorNewIdError"
            visible: newDialog.idProblem.length > 0
            text: newDialog.idProblem
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
