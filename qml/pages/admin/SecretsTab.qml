pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's Production secrets tab: the credentials of every checklist,
// setting a static secret, and the production hosts declared.
RowLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    spacing: Theme.spacing
    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.mediumSpacing
            Label { text: qsTr("Credentials"); font.pixelSize: Theme.headingSize; font.bold: true }
            Label {
                text: qsTr("Static secrets are set here, never in a checklist file. Production ones are sealed under the production key at once; hires receive them only with a mentor's sign-off.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
            ListView {
                id: templateList
                objectName: "templateList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: tab.admin.credentialTemplates
                activeFocusOnTab: true
                Accessible.name: qsTr("Credentials")
                delegate: SelectableRow {
                    id: templateRow
                    required property int index
                    required property string credentialId
                    required property string title
                    required property string environment
                    required property bool production
                    required property string provider
                    Accessible.name: title
                    onClicked: templateList.currentIndex = index
                    contentItem: RowLayout {
                        Label { text: templateRow.title; Layout.fillWidth: true; elide: Text.ElideRight }
                        Tag { text: templateRow.environment; tone: templateRow.production ? Theme.warning : Theme.success; inverted: templateRow.highlighted }
                        Tag { text: templateRow.provider; inverted: templateRow.highlighted }
                    }
                }
            }
        }
    }
    Card {
        id: secretForm
        Layout.preferredWidth: 380
        Layout.alignment: Qt.AlignTop
        // The selected row's delegate: its credentialId, title and provider.
        readonly property var selected: templateList.currentItem
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.mediumSpacing
            Label {
                text: secretForm.selected ? qsTr("Set the secret of %1").arg(secretForm.selected.title) : qsTr("Pick a static credential")
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            TextField {
                id: secretField
                objectName: "secretField"
                echoMode: TextInput.Password
                placeholderText: qsTr("Secret")
                Layout.fillWidth: true
                Accessible.name: qsTr("Secret")
                enabled: !!secretForm.selected && secretForm.selected.provider === "static"
            }
            Button {
                objectName: "setSecretButton"
                text: qsTr("Set secret")
                highlighted: true
                enabled: secretField.enabled && secretField.text.length > 0 && !Session.busy
                Accessible.name: text
                onClicked: { tab.admin.setSecret(secretForm.selected.credentialId, secretField.text); secretField.clear() }
            }
            Label { text: qsTr("Production hosts"); font.bold: true; Layout.topMargin: Theme.largeSpacing }
            Label {
                text: tab.admin.productionHosts.length > 0 ? Array.from(tab.admin.productionHosts).join("\n") : qsTr("None declared")
                font.family: "monospace"
                color: Theme.secondaryText
            }
            Label {
                text: qsTr("Sandbox credentials that name one of these hosts are refused. Each checklist keeps its own: edit them under Checklists, Production hosts.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
        }
    }
}
