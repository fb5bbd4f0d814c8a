import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Asks for the signed-in person's passphrase again before a deliberate act.
Dialog {
    id: dialog

    property string message
    signal confirmed(string passphrase)

    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: 440
    onOpened: { field.clear(); field.forceActiveFocus() }
    onAccepted: { dialog.confirmed(field.text); field.clear() }
    onRejected: field.clear()

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
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
        Button {
            objectName: "confirmButton"
            text: qsTr("OK")
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: text
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
    }
}
