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

    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: { field.clear(); field.forceActiveFocus() }
    onAccepted: { dialog.confirmed(field.text); field.clear() }
    onRejected: field.clear()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            text: dialog.message
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            id: field
            objectName: "confirmPassphrase"
            echoMode: TextInput.Password
            placeholderText: qsTr("Your passphrase")
            Accessible.name: qsTr("Your passphrase")
            Layout.fillWidth: true
            onAccepted: dialog.accept()
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
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: text
        }
        Button {
            objectName: "cancelButton"
            text: dialog.rejectText
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
    }
}
