pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's Vault tab: checking the vault, backing it up and restoring a
// backup over it, as `onramp vault check`, `onramp backup` and `onramp
// restore --replace` do. A restore closes the vault: the admin signs in again.
ScrollView {
    id: tab
    objectName: "vaultTab"

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    contentWidth: availableWidth
    clip: true
    // Always drawn while the cards are taller than the tab: the Restore card below is in sight as a bar.
    ScrollBar.vertical.policy: contentHeight > height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff

    // Under a card's description, small and in the secondary tone: the command
    // that does the same from a script, for the admin who automates it. The
    // card's words and button are what a person reads and presses.
    component ScriptLine: Label {
        required property string command
        textFormat: Text.PlainText
        //: under the Vault tab's cards: the command that does the same, for scripts
        text: qsTr("From a script: %1").arg(command)
        color: Theme.secondaryText
        font.pixelSize: Theme.smallSize
        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    SaveFileDialog {
        id: backupDialog
        host: tab
        opener: backupButton
        title: qsTr("Back up the vault")
        defaultSuffix: "onramp"
        nameFilters: [qsTr("Onramp backups (*.onramp)")]
        acceptLabel: qsTr("Back up")
        onChosen: file => tab.admin.backUpTo(file)
    }

    // Restores \a file (a file: URL): read and checked first, then the
    // confirm dialog says what it replaces and asks for the passphrase.
    function restoreFrom(file: url) {
        restoreProblem.text = ""
        restorer.check(file)
    }
    FileDialog {
        id: restoreFileDialog
        title: qsTr("Restore from a backup")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Onramp backups (*.onramp)"), qsTr("All files (*)")]
        acceptLabel: qsTr("Restore…")
        onAccepted: tab.restoreFrom(selectedFile)
    }
    RestoreBackend {
        id: restorer
        onChecked: (file, text) => restoreDialog.ask(file, text)
        onError: message => {
            if (restoreDialog.opened)
                restoreDialog.failed(message)
            else
                restoreProblem.text = message
        }
    }
    PassphraseDialog {
        id: restoreDialog
        objectName: "restoreDialog"
        property url file
        function ask(backup: url, text: string) {
            file = backup
            message = text
            open()
        }
        title: qsTr("Restore this vault from the backup?")
        acceptText: qsTr("Restore and sign out")
        waitsForResult: true
        onConfirmed: passphrase => restorer.restore(restoreDialog.file, passphrase)
    }

    Dialog {
        id: rotateDialog
        objectName: "rotateProductionKeyDialog"
        title: qsTr("Rotate the production key?")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: 440
        focus: true
        // Those still on a handed-over first passphrase, read as it opens.
        property var handedOver: []
        onAboutToShow: rotateDialog.handedOver = tab.admin.handedOverKeyHolders()
        onOpened: rotateCancel.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
        contentItem: Label {
            objectName: "rotateDialogText"
            textFormat: Text.PlainText
            text: qsTr("Every production secret is encrypted again under a new key, sealed to each enabled admin and mentor. Hires keep the grants they hold.")
                  + (rotateDialog.handedOver.length > 0
                     ? "\n\n" + qsTr("Still signing in with the first passphrase handed over to them: %1. The new key is sealed to that passphrase too, so whoever saw it could still open it: rotate once they have chosen their own.")
                                      .arg(rotateDialog.handedOver.join(", "))
                     : "")
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                objectName: "rotateConfirmButton"
                text: qsTr("Rotate")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Rotate the production key")
            }
            Button {
                id: rotateCancel
                objectName: "rotateCancelButton"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
                // Enter on the focused Cancel cancels, whatever the style makes of it.
                Keys.onReturnPressed: rotateDialog.reject()
                Keys.onEnterPressed: rotateDialog.reject()
            }
        }
        onAccepted: tab.admin.rotateProductionKey()
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
                    text: qsTr("Checks the database's integrity, the audit log's chain and signatures, and every record against the signed log.")
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
                // What a pass still asks to act on, in the warning's colour: the lines above keep the pass's.
                Label {
                    objectName: "checkVaultWarnings"
                    visible: text.length > 0
                    text: tab.admin.checkWarnings
                    color: Theme.warning
                    font.bold: true
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                // When the report was made, and that the vault changed since (a backup, a write).
                Label {
                    objectName: "checkVaultAge"
                    visible: text.length > 0
                    text: tab.admin.checkAge
                    color: Theme.secondaryText
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                ScriptLine {
                    objectName: "scriptCheck"
                    command: "onramp vault check"
                }
            }
        }

        Card {
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.mediumSpacing
                Label {
                    text: qsTr("Production key")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Label {
                    text: qsTr("Every production secret is kept under one key that admins and mentors hold. When you gave a mentor or an admin their first passphrase, rotate the key once they have chosen their own (the check above names who has not yet): a copy of the old key then opens nothing. Disabling someone rotates it too.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "rotateProductionKeyButton"
                    text: qsTr("Rotate production key…")
                    enabled: !tab.admin.maintaining && !Session.busy
                    Accessible.name: qsTr("Rotate the production key")
                    onClicked: rotateDialog.open()
                }
                ScriptLine {
                    objectName: "scriptRotate"
                    command: "onramp vault rotate-production-key"
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
                    text: qsTr("Writes the whole vault, the database still encrypted and the key slots still sealed, to one file only you can read. Others keep working meanwhile.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                Button {
                    id: backupButton
                    objectName: "backupButton"
                    text: qsTr("Back up…")
                    enabled: !tab.admin.maintaining && !Session.busy
                    Accessible.name: qsTr("Back up the vault to a file")
                    onClicked: {
                        backupDialog.currentFolder = Session.exportFolder()
                        backupDialog.selectedFile = tab.admin.backupFileSuggestion()
                        backupDialog.open()
                    }
                }
                ScriptLine {
                    objectName: "scriptBackup"
                    command: "onramp backup FILE"
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
                    text: qsTr("Puts a backup of this vault back in its place, checked in full and recorded in the audit log. Grants revoked, people disabled and enrollments moved after the backup was taken stay revoked, disabled and moved. The vault closes for it, and its folder is kept beside it.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "restoreButton"
                    text: restorer.working ? qsTr("Working…") : qsTr("Restore from backup…")
                    enabled: !restorer.working && !tab.admin.maintaining && !Session.busy
                    Accessible.name: qsTr("Restore the vault from a backup file")
                    onClicked: {
                        restoreFileDialog.currentFolder = Session.exportFolder()
                        restoreFileDialog.open()
                    }
                }
                Label {
                    id: restoreProblem
                    objectName: "restoreProblem"
                    visible: text.length > 0
                    color: Theme.danger
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                ScriptLine {
                    objectName: "scriptRestore"
                    command: "onramp restore FILE --replace"
                }
            }
        }
    }
}
