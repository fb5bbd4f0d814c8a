pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's Vault tab: checking the vault and backing it up, as
// `onramp vault check` and `onramp backup` do, and how to restore one (on
// the command line: the vault must be closed for it).
ScrollView {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    contentWidth: availableWidth
    clip: true

    FileDialog {
        id: backupDialog
        title: qsTr("Back up the vault")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "onramp"
        nameFilters: [qsTr("Onramp backups (*.onramp)")]
        acceptLabel: qsTr("Back up")
        onAccepted: tab.admin.backUpTo(selectedFile)
    }

    ColumnLayout {
        width: tab.availableWidth
        spacing: Theme.spacing

        Card {
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.mediumSpacing
                Label {
                    text: qsTr("Check the vault")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Label {
                    text: qsTr("Checks the database's integrity, the audit log's chain and signatures, and every record against the signed log, as “onramp vault check” does.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                RowLayout {
                    Button {
                        objectName: "checkVaultButton"
                        text: tab.admin.maintaining ? qsTr("Working…") : qsTr("Check vault")
                        highlighted: true
                        enabled: !tab.admin.maintaining && !Session.busy
                        Accessible.name: qsTr("Check the vault")
                        onClicked: tab.admin.checkVault()
                    }
                    BusyIndicator {
                        running: tab.admin.maintaining
                        visible: running
                        implicitWidth: 24
                        implicitHeight: 24
                        Accessible.name: qsTr("Working on the vault")
                    }
                }
                Label {
                    objectName: "checkVaultResult"
                    visible: text.length > 0
                    text: tab.admin.checkReport
                    color: tab.admin.checkPassed ? Theme.success : Theme.danger
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
            }
        }

        Card {
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.mediumSpacing
                Label {
                    text: qsTr("Back up")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Label {
                    text: qsTr("Writes the whole vault, the database still encrypted and the key slots still sealed, to one file only you can read, as “onramp backup” does. Others keep working meanwhile.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "backupButton"
                    text: qsTr("Back up…")
                    enabled: !tab.admin.maintaining && !Session.busy
                    Accessible.name: qsTr("Back up the vault to a file")
                    onClicked: {
                        backupDialog.currentFolder = tab.admin.backupFolder()
                        backupDialog.selectedFile = tab.admin.backupFileSuggestion()
                        backupDialog.open()
                    }
                }
            }
        }

        Card {
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.mediumSpacing
                Label {
                    text: qsTr("Restore")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Label {
                    text: qsTr("A restore replaces this vault's folder, so the vault must be closed: quit Onramp on every desktop that has it open, then run this command, with the backup file for FILE. The old folder is kept beside it.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                TextField {
                    objectName: "restoreCommand"
                    text: tab.admin.restoreCommand()
                    readOnly: true
                    selectByMouse: true
                    font.family: "monospace"
                    Layout.fillWidth: true
                    Accessible.name: qsTr("The command that restores a backup")
                }
            }
        }
    }
}
