import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Above the admin's tabs on the first page after the vault was created,
// until closed: the fingerprint of the vault's root key, which every desktop
// that opens the vault pins and shows the first time (trust on first use).
// The person there compares it with the admin's; the settings keep it.
Card {
    id: note

    objectName: "vaultCreatedNote"
    visible: Session.newlyCreated
    padding: Theme.spacing

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.mediumSpacing
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Your vault is ready")
                font.bold: true
                Accessible.role: Accessible.Heading
                Layout.fillWidth: true
            }
            Button {
                objectName: "vaultCreatedClose"
                text: qsTr("Done")
                flat: true
                Accessible.name: qsTr("Close the note on the vault's fingerprint")
                onClicked: Session.acknowledgeCreated()
            }
        }
        // Where it went: the folder that is the vault, to back up and to give to the team.
        Label {
            objectName: "vaultCreatedFolder"
            textFormat: Text.PlainText
            text: qsTr("It is in the folder %1. That folder is the vault: back it up, and give it to your team (or put it on a shared drive) for them to open.").arg(Session.vaultPath)
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            Layout.fillWidth: true
        }
        Label {
            objectName: "vaultCreatedExplanation"
            text: qsTr("This is its fingerprint. The first time someone opens the vault on their desktop, Onramp shows them its fingerprint: when they ask you to confirm it, compare it with this one. If the two differ, they must not trust that vault. The settings show it again.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
            // Read-only but selectable; Copy puts it on the clipboard.
            TextField {
                id: fingerprint
                objectName: "vaultCreatedFingerprint"
                text: Session.vaultFingerprint
                readOnly: true
                selectByMouse: true
                font.family: "monospace"
                Layout.fillWidth: true
                Accessible.name: qsTr("Vault fingerprint: %1").arg(Session.vaultFingerprint)
            }
            Button {
                objectName: "vaultCreatedCopy"
                text: qsTr("Copy")
                Accessible.name: qsTr("Copy the vault fingerprint")
                onClicked: {
                    fingerprint.selectAll()
                    fingerprint.copy()
                    fingerprint.deselect()
                }
            }
        }
    }
}
