pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Onramp

// A question asked before an act on a hire's step (ApproveDialog,
// SendBackDialog): what the act means, in one sentence; the hire's notes not
// answered yet, where there are any; and the mentor's comment that goes with
// it. Enter answers yes wherever the keys are, but on Cancel, which it
// presses; Escape cancels, as every popup's does. accepted() means do it.
Dialog {
    id: dialog

    // The stem of its parts' object names: "approve" names "approveQuestion",
    // "approveConfirmButton", "approveCancelButton", …
    required property string key
    property string question
    property string confirmText
    // The hire's notes on the step not answered yet, oldest first, under their heading.
    property var notes: []
    property string notesHeading
    // The mentor's own comment that goes with the act, if any: shown, as sent.
    property string comment
    property string commentHeading

    modal: true
    // It takes the keyboard when it opens, so that Enter and Escape answer it.
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: confirm.forceActiveFocus(Qt.TabFocusReason)

    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: dialog.opened && !cancel.activeFocus
        onActivated: dialog.accept()
    }

    Column {
        width: parent ? parent.width : 0
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            objectName: dialog.key + "Question"
            width: parent.width
            text: dialog.question
            wrapMode: Text.Wrap
        }
        Label {
            textFormat: Text.PlainText
            objectName: dialog.key + "NotesHeading"
            visible: dialog.notes.length > 0
            width: parent.width
            text: dialog.notesHeading
            font.bold: true
            wrapMode: Text.Wrap
        }
        Repeater {
            model: dialog.notes
            delegate: Label {
                textFormat: Text.PlainText
                required property int index
                required property string modelData
                objectName: dialog.key + "Note-" + index
                width: parent ? parent.width : 0
                text: Formats.quoted(modelData)
                wrapMode: Text.Wrap
                maximumLineCount: 6
                elide: Text.ElideRight
            }
        }
        Label {
            textFormat: Text.PlainText
            objectName: dialog.key + "CommentHeading"
            visible: dialog.comment.length > 0
            width: parent.width
            text: dialog.commentHeading
            font.bold: true
            wrapMode: Text.Wrap
        }
        Label {
            textFormat: Text.PlainText
            objectName: dialog.key + "Comment"
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
            id: confirm
            objectName: dialog.key + "ConfirmButton"
            text: dialog.confirmText
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: text
            Keys.onReturnPressed: dialog.accept()
            Keys.onEnterPressed: dialog.accept()
        }
        Button {
            id: cancel
            objectName: dialog.key + "CancelButton"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
            Keys.onReturnPressed: dialog.reject()
            Keys.onEnterPressed: dialog.reject()
        }
    }
}
