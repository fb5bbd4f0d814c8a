import QtQuick
import QtQuick.Controls
import Onramp

// Approving counts towards production access: every way to approve asks
// first, naming the step and the hire. Enter approves, Escape cancels.
// ask() opens it; accepted() means approve what it names.
Dialog {
    id: dialog
    objectName: "approveDialog"

    property string hire
    property string hireName
    property string stepId
    property string stepTitle
    // The hire's notes on the step not answered yet, oldest first: read before approving.
    property var notes: []
    // The mentor's own comment that goes with the approval, if any: shown, as sent.
    property string comment

    function ask(hire: string, hireName: string, stepId: string, stepTitle: string, notes, comment) {
        dialog.hire = hire
        dialog.hireName = hireName
        dialog.stepId = stepId
        dialog.stepTitle = stepTitle
        dialog.notes = notes ?? []
        dialog.comment = (comment ?? "").trim()
        dialog.open()
    }

    title: qsTr("Approve this step?")
    modal: true
    // It takes the keyboard when it opens, so that Enter and Escape answer it.
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: approveConfirm.forceActiveFocus(Qt.TabFocusReason)

    // Enter approves wherever the keyboard focus is while the question is open
    // (Escape closes it, as every popup's does).
    Shortcut {
        sequences: ["Return", "Enter"]
        // On Cancel, Enter presses Cancel.
        enabled: dialog.opened && !approveCancel.activeFocus
        onActivated: dialog.accept()
    }

    Column {
        width: parent ? parent.width : 0
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            objectName: "approveQuestion"
            width: parent.width
            text: qsTr("Approve “%1” for %2? Approved steps count towards their production access.")
                  .arg(dialog.stepTitle).arg(dialog.hireName)
            wrapMode: Text.Wrap
        }
        Label {
            textFormat: Text.PlainText
            objectName: "approveNotesHeading"
            visible: dialog.notes.length > 0
            width: parent.width
            text: qsTr("%1's notes on it you have not answered yet:").arg(dialog.hireName)
            font.bold: true
            wrapMode: Text.Wrap
        }
        Repeater {
            model: dialog.notes
            delegate: Label {
                textFormat: Text.PlainText
                required property int index
                required property string modelData
                objectName: "approveNote-" + index
                width: parent ? parent.width : 0
                text: Formats.quoted(modelData)
                wrapMode: Text.Wrap
                maximumLineCount: 6
                elide: Text.ElideRight
            }
        }
        Label {
            textFormat: Text.PlainText
            objectName: "approveCommentHeading"
            visible: dialog.comment.length > 0
            width: parent.width
            text: qsTr("Your comment, sent with the approval:")
            font.bold: true
            wrapMode: Text.Wrap
        }
        Label {
            textFormat: Text.PlainText
            objectName: "approveComment"
            visible: dialog.comment.length > 0
            width: parent.width
            text: Formats.quoted(dialog.comment)
            wrapMode: Text.Wrap
            maximumLineCount: 6
            elide: Text.ElideRight
        }
    }
    footer: DialogButtonBox {
        padding: Theme.spacing
        topPadding: 0
        Button {
            id: approveConfirm
            objectName: "approveConfirmButton"
            text: qsTr("Approve")
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: text
            Keys.onReturnPressed: dialog.accept()
            Keys.onEnterPressed: dialog.accept()
        }
        Button {
            id: approveCancel
            objectName: "approveCancelButton"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
            Keys.onReturnPressed: dialog.reject()
            Keys.onEnterPressed: dialog.reject()
        }
    }
}
