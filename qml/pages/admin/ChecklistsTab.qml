pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's Checklists tab: importing a checklist file, the checklists in
// the vault, and the editor for the selected one.
ColumnLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    spacing: Theme.spacing
    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: importPath
            objectName: "importPath"
            placeholderText: qsTr("Path of a checklist file (.yaml, .json or .md)")
            Layout.fillWidth: true
            Accessible.name: qsTr("Checklist file")
            onAccepted: importButton.clicked()
        }
        Button {
            text: qsTr("Browse…")
            Accessible.name: qsTr("Browse for a checklist file")
            onClicked: fileDialog.open()
        }
        Button {
            id: importButton
            objectName: "importButton"
            text: qsTr("Import")
            highlighted: true
            enabled: !Session.busy && importPath.text.length > 0
            Accessible.name: qsTr("Import the checklist")
            onClicked: tab.admin.importChecklist(importPath.text.startsWith("file:") ? importPath.text : "file://" + importPath.text)
        }
    }
    FileDialog {
        id: fileDialog
        nameFilters: [qsTr("Checklists (*.yaml *.yml *.json *.md)")]
        onAccepted: importPath.text = String(fileDialog.selectedFile).replace("file://", "")
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.spacing
        Card {
            // 28% of the page (the tab plus the page's margins), at most 340 px.
            Layout.preferredWidth: Math.min(340, Math.round((tab.width + 2 * Theme.pageMargin) * 0.28))
            Layout.fillHeight: true
            padding: 0
            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 24
                visible: tab.admin.checklists.count === 0
                title: qsTr("No checklists yet")
                text: qsTr("Import a checklist file: YAML, JSON, or a Markdown onboarding issue with '- [ ] step' lines.")
            }
            ListView {
                id: checklistList
                objectName: "checklistList"
                anchors.fill: parent
                clip: true
                model: tab.admin.checklists
                currentIndex: count > 0 ? 0 : -1
                activeFocusOnTab: true
                Accessible.name: qsTr("Checklists")
                delegate: SelectableRow {
                    id: checklistRow
                    required property int index
                    required property string checklistId
                    required property string title
                    required property int version
                    required property int steps
                    required property int credentials
                    Accessible.name: title
                    onClicked: checklistRow.ListView.view.currentIndex = checklistRow.index
                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Label { text: checklistRow.title; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                            Tag { text: qsTr("v%1").arg(checklistRow.version); inverted: checklistRow.highlighted }
                        }
                        Label {
                            text: qsTr("%1 · %2 · %3").arg(checklistRow.checklistId).arg(qsTr("%n step(s)", "", checklistRow.steps))
                                  .arg(qsTr("%n credential(s)", "", checklistRow.credentials))
                            color: checklistRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
                            font.pixelSize: Theme.smallSize
                        }
                    }
                }
            }
        }
        ChecklistEditor {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // The selected row's delegate says which checklist to edit.
            readonly property var selectedRow: checklistList.currentItem
            checklistId: selectedRow ? selectedRow.checklistId : ""
            onNotified: message => Session.notify(message, false)
        }
    }
}
