import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's Scan tab: a folder of documents scanned for production
// credentials as `onramp scan` does (the same core and rules), the findings
// grouped by file with the same redaction, and the SARIF and JSON exports.
ColumnLayout {
    id: tab


    // A known production secret's finding asks for it to be set anew: the
    // credential as the finding names it (ScanFindingModel's credentialId),
    // when rotatable says there is a place to set it (a checklist uses it).
    signal rotateRequested(string credentialId)
    property var rotatable: credentialId => false

    spacing: Theme.spacing

    // The session's: a scan goes on, and its findings stay, while the admin
    // is on another page; what it says when it ends the session shows.
    readonly property ScanBackend scan: Session.scan

    // The keys follow the scan: to Cancel while it runs, then to the findings
    // (or back to Scan when there are none).
    // Once the bindings have shown and enabled what takes them.
    Connections {
        target: tab.scan
        function onScanningChanged() { follow.restart() }
    }
    Timer {
        id: follow
        interval: 0
        onTriggered: tab.followScan()
    }

    function followScan() {
        if (tab.scan.scanning)
            cancelButton.forceActiveFocus()
        else if (tab.scan.findings.count > 0)
            list.forceActiveFocus()
        else
            scanButton.forceActiveFocus()
    }

    // The folder shown is the choice, as where a new vault goes is: a folder
    // with nothing in it yet can be picked too (its scan finds nothing).
    VaultFolderDialog {
        id: folderDialog
        objectName: "scanFolderDialog"
        takesShownFolder: true
        title: qsTr("Choose a folder to scan")
        onAccepted: tab.scan.chooseFolder(folderDialog.selectedFolder)
    }

    SaveFileDialog {
        id: exportDialog
        property string format: "sarif"
        host: tab
        opener: format === "sarif" ? sarifButton : jsonButton
        title: format === "sarif" ? qsTr("Export the findings as SARIF") : qsTr("Export the findings as JSON")
        defaultSuffix: format
        nameFilters: format === "sarif" ? [qsTr("SARIF files (*.sarif)")] : [qsTr("JSON files (*.json)")]
        acceptLabel: qsTr("Export")
        onChosen: file => tab.scan.exportTo(file, exportDialog.format)

        function openFor(chosenFormat) {
            format = chosenFormat
            currentFolder = Session.exportFolder()
            selectedFile = tab.scan.exportFileSuggestion(chosenFormat)
            open()
        }
    }

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.mediumSpacing
            HeadingLabel {
                text: qsTr("Scan documents for production credentials")
                font.pixelSize: Theme.headingSize
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
            Label {
                text: qsTr("Looks through a folder (a wiki export, a repository) for the team's production hosts, passwords in connection strings, private keys and well-known tokens, and for the production secrets this vault holds, as “onramp scan” does. Files that .gitignore leaves out are skipped.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.mediumSpacing
                Label { id: folderLabel; text: qsTr("Folder") }
                TextField {
                    id: folderField
                    objectName: "scanFolder"
                    label: folderLabel
                    text: tab.scan.folder
                    enabled: !tab.scan.scanning
                    placeholderText: qsTr("e.g. /home/ada/wiki-export")
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Folder to scan")
                    onTextEdited: tab.scan.folder = text
                    onAccepted: tab.scan.start()
                }
                Button {
                    objectName: "scanChooseButton"
                    text: qsTr("Choose…")
                    enabled: !tab.scan.scanning
                    Accessible.name: qsTr("Choose the folder to scan")
                    onClicked: {
                        folderDialog.currentFolder = tab.scan.dialogFolder()
                        folderDialog.open()
                    }
                }
                Button {
                    id: scanButton
                    objectName: "scanButton"
                    text: qsTr("Scan")
                    highlighted: true
                    enabled: !tab.scan.scanning && tab.scan.folder.length > 0
                    Accessible.name: qsTr("Scan the folder")
                    onClicked: tab.scan.start()
                }
            }

            // While it runs: how far it got, and a Cancel that stops it.
            RowLayout {
                visible: tab.scan.scanning
                Layout.fillWidth: true
                spacing: Theme.mediumSpacing
                BusyIndicator {
                    running: tab.scan.scanning
                    implicitWidth: 24
                    implicitHeight: 24
                    Accessible.name: qsTr("Scanning")
                }
                Label {
                    objectName: "scanProgress"
                    text: tab.scan.progressText
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
                Button {
                    id: cancelButton
                    objectName: "scanCancelButton"
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel the scan")
                    onClicked: tab.scan.cancel()
                }
            }

            Label {
                objectName: "scanError"
                visible: text.length > 0
                text: tab.scan.errorText
                color: Theme.danger
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                textFormat: Text.PlainText
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }

            RowLayout {
                visible: tab.scan.finished && tab.scan.findings.count > 0
                Layout.fillWidth: true
                spacing: Theme.mediumSpacing
                Label {
                    objectName: "scanResult"
                    text: tab.scan.resultText
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                Button {
                    id: sarifButton
                    objectName: "scanExportSarifButton"
                    text: qsTr("Export SARIF…")
                    Accessible.name: qsTr("Export the findings as SARIF")
                    onClicked: exportDialog.openFor("sarif")
                }
                Button {
                    id: jsonButton
                    objectName: "scanExportJsonButton"
                    text: qsTr("Export JSON…")
                    Accessible.name: qsTr("Export the findings as JSON")
                    onClicked: exportDialog.openFor("json")
                }
            }
            // What to do with what was found, in one line above the findings.
            Label {
                objectName: "scanAdvice"
                visible: tab.scan.finished && text.length > 0
                textFormat: Text.PlainText
                text: tab.scan.advice
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
            Label {
                objectName: "scanKnownNote"
                visible: tab.scan.finished && tab.scan.foundKnown
                text: qsTr("Production secrets this vault holds were found: rotate each one named below. Exports leave these findings out, so that a file meant for a CI log never says which value is a production secret.")
                wrapMode: Text.Wrap
                color: Theme.warning
                Layout.fillWidth: true
            }
        }
    }

    EmptyState {
        objectName: "scanEmpty"
        visible: tab.scan.finished && tab.scan.findings.count === 0
        Layout.fillWidth: true
        Layout.fillHeight: true
        title: tab.scan.stopped ? qsTr("Scan cancelled")
               : tab.scan.nothingScanned ? qsTr("Nothing to scan") : qsTr("Nothing found")
        text: tab.scan.resultText
    }

    Card {
        visible: tab.scan.findings.count > 0
        Layout.fillWidth: true
        Layout.fillHeight: true
        padding: 0

        KeyboardList {
            id: list
            objectName: "scanFindings"
            anchors.fill: parent
            clip: true
            model: tab.scan.findings
            Accessible.name: qsTr("Findings")
            section.property: "file"
            section.delegate: HeadingLabel {
                required property string section
                text: section
                width: list.width // qmllint disable unqualified
                rightPadding: 16
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                topPadding: 14
                leftPadding: 16
                bottomPadding: 4
                color: Theme.secondaryText
            }
            delegate: SelectableRow {
                id: row
                required property int index
                required property int line
                required property string title
                required property string excerpt
                required property string message
                required property bool known
                required property string credentialId
                required property string spoken
                readonly property bool rotatable: row.known && tab.rotatable(row.credentialId) // qmllint disable unqualified
                Accessible.name: row.spoken
                Accessible.description: row.rotatable ? qsTr("Enter sets a new secret for it") : ""
                // Enter on a known production secret sets it anew, as its button does.
                function rotateOn(event) {
                    event.accepted = row.rotatable
                    if (row.rotatable)
                        tab.rotateRequested(row.credentialId) // qmllint disable unqualified
                }
                // A click selects the finding and gives the list the keys, as the arrows do.
                onClicked: {
                    row.ListView.view.currentIndex = row.index
                    row.ListView.view.forceActiveFocus(Qt.MouseFocusReason)
                }
                Keys.onReturnPressed: event => row.rotateOn(event)
                Keys.onEnterPressed: event => row.rotateOn(event)
                // In line with the file's heading.
                leftPadding: 16
                rightPadding: 16
                contentItem: ColumnLayout {
                    spacing: 2
                    RowLayout {
                        spacing: Theme.mediumSpacing
                        Layout.fillWidth: true
                        Label {
                            //: a finding's line in its file
                            text: qsTr("line %1").arg(row.line)
                            textFormat: Text.PlainText
                        }
                        Tag {
                            text: row.title
                            tone: row.known ? Theme.danger : Theme.primary
                            inverted: row.highlighted
                        }
                        Label {
                            text: row.message
                            textFormat: Text.PlainText
                            color: row.known && !row.highlighted ? Theme.danger : row.palette.windowText
                            font.bold: row.known
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        // Rotating it starts on Production secrets, where it is set anew.
                        // The row's Enter does the same: the list stays one Tab stop.
                        Button {
                            objectName: row.rotatable ? "scanRotate-" + row.credentialId : ""
                            visible: row.rotatable
                            focusPolicy: Qt.NoFocus
                            text: qsTr("Set a new secret…")
                            Accessible.name: qsTr("Set a new secret for %1").arg(row.credentialId)
                            onClicked: tab.rotateRequested(row.credentialId) // qmllint disable unqualified
                        }
                    }
                    Label {
                        text: row.excerpt
                        textFormat: Text.PlainText
                        font.family: "monospace"
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
            ScrollBar.vertical: ScrollBar {}
        }
    }

    // Fills the room the findings would take before a scan.
    Item {
        visible: !tab.scan.finished && tab.scan.findings.count === 0
        Layout.fillHeight: true
    }
}
