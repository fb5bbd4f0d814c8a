import QtQuick
import QtQuick.Controls
import Onramp

// Asking for changes sends a step back to the hire, who redoes it and
// resubmits it: asked first, as an approval is, naming the step and the
// hire and showing the comment that goes with it. Enter sends, Escape
// cancels. ask() opens it; accepted() means send it back.
Dialog {
    id: dialog
    objectName: "sendBackDialog"

    property string hireName
    property string stepTitle
    // The mentor's comment that goes with it: what to change, as sent.
    property string comment

    function ask(hireName: string, stepTitle: string, comment: string) {
        dialog.hireName = hireName
        dialog.stepTitle = stepTitle
        dialog.comment = comment.trim()
        dialog.open()
    }

    title: qsTr("Ask for changes?")
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: sendBackConfirm.forceActiveFocus(Qt.TabFocusReason)

    // Enter sends wherever the keyboard focus is while the question is open,
    // but on Cancel, which it presses (Escape closes it, as every popup's does).
    Shortcut {
        sequences: ["Return", "Enter"]
        enabled: dialog.opened && !sendBackCancel.activeFocus
        onActivated: dialog.accept()
    }

    Column {
        width: parent ? parent.width : 0
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            objectName: "sendBackQuestion"
            width: parent.width
            text: qsTr("Send “%1” back to %2? They redo it and resubmit it for your review; until then it does not count towards their production access.")
                  .arg(dialog.stepTitle).arg(dialog.hireName)
            wrapMode: Text.Wrap
        }
        Label {
            textFormat: Text.PlainText
            width: parent.width
            text: qsTr("Your comment, sent with it:")
            font.bold: true
            wrapMode: Text.Wrap
        }
        Label {
            textFormat: Text.PlainText
            objectName: "sendBackComment"
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
            id: sendBackConfirm
            objectName: "sendBackConfirmButton"
            text: qsTr("Ask for changes")
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: text
        }
        Button {
            id: sendBackCancel
            objectName: "sendBackCancelButton"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
            Keys.onReturnPressed: dialog.reject()
            Keys.onEnterPressed: dialog.reject()
        }
    }
}
