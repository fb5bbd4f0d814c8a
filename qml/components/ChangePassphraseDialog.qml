import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Changes the signed-in person's own passphrase: the current one, the new
// one twice. Each mistake shows under the field it is about; the key
// derivation runs on the session's worker while the dialog shows it is busy.
// Enter submits, Escape cancels; the session stays signed in.
Dialog {
    id: dialog
    objectName: "changePassphraseDialog"

    // "current", "new", "repeat" or "" for a message about none of them.
    property string errorField
    property string errorText
    property bool working: false

    function submit() {
        if (dialog.working)
            return
        dialog.errorText = ""
        dialog.working = true
        Session.changePassphrase(current.text, fresh.text, repeated.text)
    }

    function clearFields() {
        current.clear()
        fresh.clear()
        repeated.clear()
        dialog.errorField = ""
        dialog.errorText = ""
    }

    title: qsTr("Change your passphrase")
    modal: true
    focus: true
    anchors.centerIn: parent
    width: Math.min(520, (parent ? parent.width : 520) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: { clearFields(); current.forceActiveFocus(Qt.TabFocusReason) }
    onClosed: { clearFields(); dialog.working = false }

    // Only the open dialog answers: the gear, and so this dialog, is on more than one page.
    Connections {
        target: Session
        enabled: dialog.opened
        function onPassphraseChanged() {
            dialog.working = false
            dialog.close()
        }
        function onPassphraseChangeFailed(field: string, message: string) {
            dialog.working = false
            dialog.errorField = field
            dialog.errorText = message
            if (field === "new")
                fresh.forceActiveFocus()
            else if (field === "repeat")
                repeated.forceActiveFocus()
            else
                current.forceActiveFocus()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        enabled: !dialog.working

        Label { id: currentLabel; text: qsTr("Current passphrase"); font.bold: true }
        TextField {
            id: current
            objectName: "currentPassphrase"
            label: currentLabel
            echoMode: TextInput.Password
            Layout.fillWidth: true
            onAccepted: dialog.submit()
        }
        Label {
            textFormat: Text.PlainText
            objectName: "currentPassphraseError"
            visible: dialog.errorField === "current" && dialog.errorText.length > 0
            text: dialog.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { id: freshLabel; text: qsTr("New passphrase"); font.bold: true; Layout.topMargin: Theme.mediumSpacing }
        TextField {
            id: fresh
            objectName: "newPassphrase"
            label: freshLabel
            echoMode: TextInput.Password
            placeholderText: qsTr("At least 12 characters")
            Layout.fillWidth: true
            onAccepted: dialog.submit()
        }
        Label {
            textFormat: Text.PlainText
            objectName: "newPassphraseError"
            visible: dialog.errorField === "new" && dialog.errorText.length > 0
            text: dialog.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { id: repeatedLabel; text: qsTr("Repeat the new passphrase"); font.bold: true; Layout.topMargin: Theme.mediumSpacing }
        TextField {
            id: repeated
            objectName: "repeatPassphrase"
            label: repeatedLabel
            echoMode: TextInput.Password
            Layout.fillWidth: true
            onAccepted: dialog.submit()
        }
        Label {
            textFormat: Text.PlainText
            objectName: "repeatPassphraseError"
            visible: dialog.errorField === "repeat" && dialog.errorText.length > 0
            text: dialog.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            textFormat: Text.PlainText
            objectName: "changePassphraseError"
            visible: dialog.errorField === "" && dialog.errorText.length > 0
            text: dialog.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            visible: dialog.working
            spacing: Theme.mediumSpacing
            BusyIndicator {
                running: dialog.working
                implicitWidth: 24
                implicitHeight: 24
                Accessible.name: qsTr("Changing the passphrase")
            }
            Label { text: qsTr("Changing the passphrase…") }
        }
    }

    // Named buttons rather than standardButtons, whose text a screen reader does not get.
    footer: DialogButtonBox {
        padding: Theme.spacing
        topPadding: 0
        Button {
            objectName: "changePassphraseConfirm"
            text: qsTr("Change passphrase")
            highlighted: true
            enabled: !dialog.working
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: text
            onClicked: dialog.submit()
            Keys.onReturnPressed: dialog.submit()
            Keys.onEnterPressed: dialog.submit()
        }
        Button {
            objectName: "changePassphraseCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
            Keys.onReturnPressed: dialog.reject()
            Keys.onEnterPressed: dialog.reject()
        }
    }
}
