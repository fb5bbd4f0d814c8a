import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Asks for the signed-in person's passphrase again before a deliberate act.
Dialog {
    id: dialog

    property string message
    // What the buttons do, in words: "Sign off", not "OK".
    property string acceptText: qsTr("Confirm")
    property string rejectText: qsTr("Cancel")
    signal confirmed(string passphrase)
    // Set: confirming keeps the dialog open until the act ends, succeeded() closes it and
    // failed(message) says why inside it, so nothing typed elsewhere in it is lost.
    property bool waitsForResult: false
    property string error

    function confirm() {
        // Nothing typed is no wrong passphrase: the dialog says what is missing.
        if (field.text.length === 0) {
            error = qsTr("Type your passphrase first.")
            field.forceActiveFocus()
            return
        }
        if (!waitsForResult) {
            accept()
            return
        }
        error = ""
        const passphrase = field.text
        field.clear()
        confirmed(passphrase)
    }
    function succeeded() { close() }
    function failed(message) {
        error = message
        field.clear()
        field.forceActiveFocus()
    }

    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: { error = ""; field.clear(); field.forceActiveFocus() }
    onAccepted: { dialog.confirmed(field.text); field.clear() }
    onRejected: field.clear()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            textFormat: Text.PlainText
            text: dialog.message
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            id: field
            objectName: "confirmPassphrase"
            echoMode: TextInput.Password
            placeholderText: qsTr("Your passphrase")
            Layout.fillWidth: true
            onAccepted: dialog.confirm()
            onTextChanged: if (text.length > 0 && dialog.error === qsTr("Type your passphrase first.")) dialog.error = ""
        }
        Label {
            textFormat: Text.PlainText
            objectName: "confirmPassphraseError"
            visible: dialog.error.length > 0
            text: dialog.error
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    // Named buttons rather than standardButtons, whose text a screen reader does not get.
    footer: DialogButtonBox {
        padding: Theme.spacing
        topPadding: 0
        Button {
            objectName: "confirmButton"
            text: dialog.acceptText
            highlighted: true
            enabled: !(dialog.waitsForResult && Session.busy)
            // The button does not close the dialog itself: confirm() does, once
            // a passphrase is typed (and, waiting for the result, once the act ends).
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: text
            onClicked: dialog.confirm()
        }
        Button {
            objectName: "cancelButton"
            text: dialog.rejectText
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
    }
}
