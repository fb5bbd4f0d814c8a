pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's People tab: everyone in the vault, adding a person, and
// resetting a passphrase or disabling someone.
RowLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin
    // An "Add person" is on its way: its answer decides whether the form
    // empties (added) or keeps what was typed, to be corrected (refused).
    property bool adding: false

    spacing: Theme.spacing

    Connections {
        target: tab.admin
        function onDone() {
            if (!tab.adding)
                return
            tab.adding = false
            personName.clear(); personDisplay.clear(); personPassphrase.clear()
            personRole.currentIndex = 0
            personName.forceActiveFocus()
        }
        function onError() {
            if (!tab.adding)
                return
            tab.adding = false
            personPassphrase.forceActiveFocus()
            personPassphrase.selectAll()
        }
    }
    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        padding: 0
        ListView {
            id: peopleList
            objectName: "peopleList"
            anchors.fill: parent
            clip: true
            model: tab.admin.people
            currentIndex: -1
            activeFocusOnTab: true
            Accessible.name: qsTr("People")
            delegate: SelectableRow {
                id: personRow
                required property int index
                required property string name
                required property string displayName
                required property string role
                required property bool disabled
                objectName: "person-" + name
                onClicked: peopleList.currentIndex = index
                Accessible.name: name
                contentItem: RowLayout {
                    Label { text: personRow.displayName; font.bold: true; Layout.preferredWidth: 220; elide: Text.ElideRight; color: !personRow.disabled ? palette.windowText : personRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText }
                    Label { text: personRow.name; color: personRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText; Layout.fillWidth: true }
                    Tag { visible: personRow.disabled; text: qsTr("disabled"); tone: Theme.danger; inverted: personRow.highlighted }
                    Tag { text: personRow.role; inverted: personRow.highlighted }
                }
            }
        }
    }
    Card {
        Layout.preferredWidth: 380
        Layout.alignment: Qt.AlignTop
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.mediumSpacing
            Label { text: qsTr("Add a person"); font.pixelSize: Theme.headingSize; font.bold: true }
            TextField { id: personName; objectName: "personName"; placeholderText: qsTr("User name, e.g. alex"); Layout.fillWidth: true; Accessible.name: qsTr("User name") }
            TextField { id: personDisplay; objectName: "personDisplay"; placeholderText: qsTr("Full name"); Layout.fillWidth: true; Accessible.name: qsTr("Full name") }
            ComboBox {
                id: personRole
                objectName: "personRole"
                model: ["hire", "mentor", "admin"]
                Layout.fillWidth: true
                Accessible.name: qsTr("Role")
            }
            TextField {
                id: personPassphrase
                objectName: "personPassphrase"
                placeholderText: qsTr("First passphrase (hand it over in person)")
                echoMode: TextInput.Password
                Layout.fillWidth: true
                Accessible.name: qsTr("First passphrase")
                onAccepted: addPerson.clicked()
            }
            Button {
                id: addPerson
                objectName: "addPersonButton"
                text: qsTr("Add person")
                highlighted: true
                enabled: !Session.busy && !tab.adding && personName.text.length > 0 && personPassphrase.text.length > 0
                Accessible.name: text
                onClicked: {
                    tab.adding = true
                    tab.admin.addPerson(personName.text, personDisplay.text, personRole.currentText, personPassphrase.text)
                }
            }
            Label {
                // The selected row's delegate: its name, role and disabled follow the model.
                readonly property var person: peopleList.currentItem
                id: resetHeading
                text: person ? qsTr("Reset %1's passphrase").arg(person.name) : qsTr("Select a person to reset their passphrase")
                font.bold: true
                Layout.topMargin: Theme.spacing
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            TextField {
                id: resetPassphrase
                objectName: "resetPassphrase"
                enabled: !!resetHeading.person
                echoMode: TextInput.Password
                placeholderText: qsTr("New passphrase")
                Layout.fillWidth: true
                Accessible.name: qsTr("New passphrase")
            }
            Label {
                text: qsTr("They get a new key pair: production grants sealed to the old one must be renewed.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                Layout.fillWidth: true
            }
            Button {
                objectName: "disablePersonButton"
                text: qsTr("Disable %1").arg(resetHeading.person ? resetHeading.person.name : "")
                visible: !!resetHeading.person && !resetHeading.person.disabled && resetHeading.person.name !== Session.userName
                enabled: !Session.busy
                Accessible.name: qsTr("Disable this person")
                onClicked: disableDialog.open()
            }
            Dialog {
                id: disableDialog
                objectName: "disableDialog"
                title: qsTr("Disable %1?").arg(resetHeading.person ? resetHeading.person.name : "")
                modal: true
                parent: Overlay.overlay
                x: Math.round((parent.width - width) / 2)
                y: Math.round((parent.height - height) / 2)
                width: 440
                focus: true
                onOpened: contentItem.forceActiveFocus()
                contentItem: Label {
                    text: qsTr("Their passphrase will open nothing. Their history stays in the audit log; a passphrase reset enables them again.")
                    wrapMode: Text.Wrap
                    // Enter disables, Escape (the popup's own) cancels.
                    focus: true
                    Keys.onReturnPressed: disableDialog.accept()
                    Keys.onEnterPressed: disableDialog.accept()
                }
                footer: DialogButtonBox {
                    Button {
                        text: qsTr("Disable")
                        DialogButtonBox.buttonRole: Dialog.AcceptRole
                        Accessible.name: qsTr("Disable %1").arg(resetHeading.person ? resetHeading.person.name : "")
                    }
                    Button {
                        text: qsTr("Cancel")
                        DialogButtonBox.buttonRole: Dialog.RejectRole
                        Accessible.name: text
                    }
                }
                onAccepted: tab.admin.disablePerson(resetHeading.person.name)
            }
            Button {
                objectName: "resetPassphraseButton"
                text: qsTr("Reset passphrase")
                enabled: !!resetHeading.person && resetPassphrase.text.length > 0 && !Session.busy
                Accessible.name: text
                onClicked: { tab.admin.resetPassphrase(resetHeading.person.name, resetPassphrase.text); resetPassphrase.clear() }
            }
        }
    }
}
