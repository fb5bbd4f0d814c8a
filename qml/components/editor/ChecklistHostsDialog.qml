import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The production hosts of the open checklist: a list with Remove, and a
// field that adds a host or glob; a refusal shows under the field.
Dialog {
    id: hostsDialog

    required property ChecklistEditorModel editor

    objectName: "editorHostsDialog"
    title: qsTr("Production hosts of %1").arg(hostsDialog.editor.title)
    // The title names a person or a checklist: text, never markup.
    Component.onCompleted: header.textFormat = Text.PlainText
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width - 2 * Theme.spacing : 520, 520)
    modal: true
    footer: DialogButtonBox {
        Button {
            objectName: "editorHostsClose"
            text: qsTr("Close")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Close the production hosts")
        }
    }
    onOpened: {
        hostError.text = ""
        newHost.forceActiveFocus()
    }
    function removeHost(index) {
        hostsDialog.editor.removeProductionHost(index)
        newHost.forceActiveFocus()
    }

    function addHost() {
        const refusal = hostsDialog.editor.addProductionHost(newHost.text)
        hostError.text = refusal
        if (refusal.length === 0)
            newHost.clear()
        newHost.forceActiveFocus()
    }
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        Label {
            text: qsTr("Sandbox credentials may never name these hosts; a checklist that does is refused. Changes are saved with the steps, as a new version.")
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            Layout.fillWidth: true
        }
        Label {
            objectName: "editorHostsEmpty"
            visible: hostsDialog.editor.productionHosts.length === 0
            text: qsTr("No production hosts yet. Add the database and server names hires must not reach from the sandbox.")
            wrapMode: Text.Wrap
            font.italic: true
            Layout.fillWidth: true
        }
        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
        // delegate when its model changes; a positioner in the cell holds them.
        Column {
            Layout.fillWidth: true
            Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
            spacing: 6
            Repeater {
                objectName: "editorHostList"
                model: hostsDialog.editor.productionHosts
                RowLayout {
                    id: hostRow
                    required property string modelData
                    required property int index
                    width: parent ? parent.width : 0
                    Label {
                        textFormat: Text.PlainText
                        text: hostRow.modelData
                        font.family: "monospace"
                        elide: Text.ElideMiddle
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "editorRemoveHost-" + hostRow.index
                        text: qsTr("Remove")
                        enabled: !hostsDialog.editor.loading // qmllint disable unqualified
                        Accessible.name: qsTr("Remove production host %1").arg(hostRow.modelData)
                        onClicked: hostsDialog.removeHost(hostRow.index) // qmllint disable unqualified
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: newHost
                objectName: "editorNewHost"
                placeholderText: qsTr("db.prod.example.com or *.prod.example.com")
                Layout.fillWidth: true
                Accessible.name: qsTr("New production host or glob")
                Keys.onReturnPressed: hostsDialog.addHost()
                Keys.onEnterPressed: hostsDialog.addHost()
            }
            Button {
                objectName: "editorAddHost"
                text: qsTr("Add")
                enabled: newHost.text.trim().length > 0 && !hostsDialog.editor.loading
                Accessible.name: qsTr("Add the production host")
                onClicked: hostsDialog.addHost()
            }
        }
        Label {
            id: hostError
            objectName: "editorHostError"
            visible: text.length > 0
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
