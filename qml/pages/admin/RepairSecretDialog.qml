import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Sets again a kept secret whose box no longer opens where it is kept (it
// was rewritten or moved outside Onramp), or is not the one the admin's
// newest signed entry stored (an earlier one put back): a static credential's secret, or a
// provider connection's address and password. What the admin types is the
// secret they hold elsewhere; the act checks the whole vault again before
// it keeps it, so it repairs the vault only when nothing else is wrong.
// One that no checklist uses is removed instead: there is nothing to type.
Dialog {
    id: dialog

    required property AdminBackend admin
    // "secret", "unused" (no checklist uses it) or "connection", and the
    // credential's or connection's id.
    property string kind: "secret"
    property string itemId
    // What a connection serves: "sandbox" or "production".
    property string environment: "production"
    readonly property bool isConnection: kind === "connection"
    readonly property bool isUnused: kind === "unused"
    property string problem

    function openFor(repair) {
        kind = repair.kind
        itemId = repair.id
        environment = repair.environment ?? "production"
        open()
    }
    function forget() {
        secretField.clear()
        dsnField.clear()
        problem = ""
    }
    function submit() {
        if (dialog.isUnused) {
            dialog.admin.unsetSecret(dialog.itemId)
            close()
            return
        }
        if (dialog.isConnection && dsnField.text.trim().length === 0) {
            problem = qsTr("Type the connection's address first.")
            dsnField.forceActiveFocus()
            return
        }
        if (secretField.text.length === 0 || secretField.text.trim().length === 0) {
            problem = dialog.isConnection ? qsTr("Type the provisioning role's password first.")
                                          : qsTr("Type the secret first.")
            secretField.forceActiveFocus()
            return
        }
        if (dialog.isConnection)
            dialog.admin.setConnection(dialog.itemId, dsnField.text.trim(), secretField.text, dialog.environment, [])
        else
            dialog.admin.setSecret(dialog.itemId, secretField.text)
        forget()
        close()
    }

    objectName: "repairSecretDialog"
    title: dialog.isConnection ? qsTr("Set connection %1 again").arg(dialog.itemId)
         : dialog.isUnused     ? qsTr("Remove the kept secret of %1").arg(dialog.itemId)
                               : qsTr("Set the secret of %1 again").arg(dialog.itemId)
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, (parent ? parent.width : 560) - 2 * Theme.spacing)
    padding: Theme.spacing + Theme.mediumSpacing
    onOpened: {
        forget()
        if (dialog.isConnection)
            dsnField.forceActiveFocus()
        else if (dialog.isUnused)
            setButton.forceActiveFocus()
        else
            secretField.forceActiveFocus()
    }
    onClosed: forget()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            text: dialog.isConnection
                  ? qsTr("The kept password of this connection no longer opens, or an earlier one was put back in its place: it was changed outside Onramp. Type its address and its provisioning role's password as you set them last. Onramp checks the whole vault again before it keeps them.")
                  : dialog.isUnused
                  ? qsTr("No checklist uses %1, and its kept secret no longer opens or is an earlier one put back: it was changed or put there outside Onramp. No hire receives it, so removing it takes nothing from anyone. Onramp checks the whole vault again before it removes it.").arg(dialog.itemId)
                  : qsTr("The kept secret no longer opens, or an earlier one was put back in its place: it was changed outside Onramp. Paste the secret as you set it last, or a new one. Onramp checks the whole vault again before it keeps it, and hires with access receive it.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Address")
            visible: dialog.isConnection
        }
        TextField {
            id: dsnField
            objectName: "repairDsn"
            visible: dialog.isConnection
            placeholderText: qsTr("host=db.example.com dbname=app user=onramp_provisioner")
            Accessible.name: qsTr("Address of connection %1").arg(dialog.itemId)
            Layout.fillWidth: true
            onTextChanged: dialog.problem = ""
            onAccepted: secretField.forceActiveFocus()
        }
        Label {
            text: dialog.isConnection ? qsTr("Provisioning role's password") : qsTr("Secret")
            visible: !dialog.isUnused
        }
        TextField {
            id: secretField
            objectName: "repairSecret"
            visible: !dialog.isUnused
            echoMode: TextInput.Password
            Accessible.name: dialog.isConnection ? qsTr("Password of connection %1").arg(dialog.itemId)
                                                 : qsTr("Secret of %1").arg(dialog.itemId)
            Layout.fillWidth: true
            onTextChanged: dialog.problem = ""
            onAccepted: dialog.submit()
        }
        Label {
            textFormat: Text.PlainText
            objectName: "repairProblem"
            visible: dialog.problem.length > 0
            text: dialog.problem
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    footer: DialogButtonBox {
        padding: Theme.spacing
        topPadding: 0
        Button {
            id: setButton
            objectName: "repairSet"
            text: dialog.isConnection ? qsTr("Set the connection")
                : dialog.isUnused     ? qsTr("Remove it")
                                      : qsTr("Set the secret")
            highlighted: true
            enabled: !Session.busy
            DialogButtonBox.buttonRole: Dialog.ActionRole
            Accessible.name: text
            onClicked: dialog.submit()
        }
        Button {
            objectName: "repairCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
    }
}
