pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// Admin › People › Import…: a CSV roster in, people added and hires enrolled.
// The file is checked whole first; every bad row is listed with its line and
// nothing is added until the file is right.
Dialog {
    id: dialog
    objectName: "importPeopleDialog"

    title: qsTr("Import people")
    modal: true
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    width: Math.min(640, parent.width - 2 * Theme.pageMargin)
    height: Math.min(implicitHeight, parent.height - 2 * Theme.pageMargin)
    focus: true

    RosterImportBackend {
        id: importer
    }

    onAboutToShow: importer.clearOutcome()
    onOpened: rosterPath.forceActiveFocus()

    function start() {
        if (rosterPath.text.trim().length > 0 && !importer.running)
            importer.importRoster(rosterPath.text, folderPath.text)
    }

    // The one child: the dialog takes its size from it.
    ScrollView {
        id: scroll
        anchors.fill: parent
        clip: true
        contentWidth: availableWidth
        ColumnLayout {
            width: scroll.availableWidth
            spacing: Theme.mediumSpacing
            Label {
                text: qsTr("A CSV file with a header row and one person per row: name, display_name and role; a hire's mentor, checklist and start (YYYY-MM-DD) enroll them.")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label { text: qsTr("Roster file"); font.bold: true }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: rosterPath
                    objectName: "rosterPath"
                    placeholderText: qsTr("Path of a .csv file")
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Roster file")
                    onAccepted: dialog.start()
                }
                Button {
                    objectName: "rosterBrowse"
                    text: qsTr("Browse…")
                    Accessible.name: qsTr("Browse for a roster file")
                    onClicked: rosterDialog.open()
                }
            }
            Label { text: qsTr("Folder for the first passphrases"); font.bold: true }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: folderPath
                    objectName: "passphraseFolder"
                    placeholderText: qsTr("Created if missing")
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Folder for the first passphrases")
                    onAccepted: dialog.start()
                }
                Button {
                    objectName: "passphraseFolderBrowse"
                    text: qsTr("Browse…")
                    Accessible.name: qsTr("Browse for the folder of first passphrases")
                    onClicked: folderDialog.open()
                }
            }
            Label {
                text: qsTr("Each new person gets a random first passphrase in a file of their own there, readable by you only. They choose their own when they first sign in. Leave the folder empty only when the file has a passphrase_file column naming each person's passphrase file.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: importer.running
                visible: running
                implicitWidth: 28
                implicitHeight: 28
                Accessible.name: qsTr("Importing")
            }
            Label {
                textFormat: Text.PlainText
                objectName: "importSummary"
                visible: importer.summary.length > 0
                text: importer.summary
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                Layout.fillWidth: true
                Layout.maximumWidth: scroll.availableWidth
            }
            Label {
                textFormat: Text.PlainText
                objectName: "importProblemsHeading"
                visible: importer.problems.length > 0
                text: importer.problemsHeading
                font.bold: true
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            // Each problem on its own line, the whole text for a screen reader.
            Label {
                textFormat: Text.PlainText
                objectName: "importProblems"
                visible: importer.problems.length > 0
                text: importer.problemText
                // A path has no spaces to break at: it breaks anywhere rather than run past the dialog.
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                color: Theme.danger
                Layout.fillWidth: true
                Layout.maximumWidth: scroll.availableWidth
                Accessible.name: qsTr("Problems in the roster file")
                Accessible.description: text
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "importPeopleButton"
            text: importer.running ? qsTr("Importing…") : qsTr("Import")
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.ApplyRole
            enabled: !importer.running && !Session.busy && rosterPath.text.trim().length > 0
            Accessible.name: qsTr("Import the roster")
            onClicked: dialog.start()
        }
        Button {
            objectName: "importPeopleClose"
            text: qsTr("Close")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Close the import")
        }
    }

    FileDialog {
        id: rosterDialog
        nameFilters: [qsTr("Rosters (*.csv)")]
        onAccepted: rosterPath.text = importer.localPath(String(rosterDialog.selectedFile))
    }
    FolderDialog {
        id: folderDialog
        onAccepted: folderPath.text = importer.localPath(String(folderDialog.selectedFolder))
    }
}
