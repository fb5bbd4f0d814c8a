import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's page: people, checklists and enrollments.
Page {
    id: page
    objectName: "admin"

    property alias currentTab: tabs.currentIndex

    title: qsTr("Admin")

    AdminBackend {
        id: admin
        onDone: message => Session.notify(message, false)
        onError: message => Session.notify(message, true)
    }

    header: TabBar {
        id: tabs
        TabButton { objectName: "tab-people"; text: qsTr("People"); Accessible.name: text }
        TabButton { objectName: "tab-checklists"; text: qsTr("Checklists"); Accessible.name: text }
        TabButton { objectName: "tab-enrollments"; text: qsTr("Enrollments"); Accessible.name: text }
    }

    StackLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        currentIndex: tabs.currentIndex

        // People
        RowLayout {
            spacing: Theme.spacing
            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                padding: 0
                ListView {
                    objectName: "peopleList"
                    anchors.fill: parent
                    clip: true
                    model: admin.people
                    Accessible.name: qsTr("People")
                    delegate: ItemDelegate {
                        required property var modelData
                        width: ListView.view.width
                        Accessible.name: modelData.name
                        contentItem: RowLayout {
                            Label { text: modelData.displayName || modelData.name; font.bold: true; Layout.preferredWidth: 220; elide: Text.ElideRight }
                            Label { text: modelData.name; opacity: 0.7; Layout.fillWidth: true }
                            Tag { text: modelData.role }
                        }
                    }
                }
            }
            Card {
                Layout.preferredWidth: 380
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
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
                        enabled: !Session.busy && personName.text.length > 0 && personPassphrase.text.length > 0
                        Accessible.name: text
                        onClicked: {
                            admin.addPerson(personName.text, personDisplay.text, personRole.currentText, personPassphrase.text)
                            personName.clear(); personDisplay.clear(); personPassphrase.clear()
                            personRole.currentIndex = 0
                            personName.forceActiveFocus()
                        }
                    }
                }
            }
        }

        // Checklists
        ColumnLayout {
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
                    onClicked: admin.importChecklist(importPath.text.startsWith("file:") ? importPath.text : "file://" + importPath.text)
                }
            }
            FileDialog {
                id: fileDialog
                nameFilters: [qsTr("Checklists (*.yaml *.yml *.json *.md)")]
                onAccepted: { importPath.text = selectedFile.toString().replace("file://", ""); }
            }
            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                padding: 0
                EmptyState {
                    anchors.centerIn: parent
                    visible: admin.checklists.length === 0
                    title: qsTr("No checklists yet")
                    text: qsTr("Import a checklist file: YAML, JSON, or a Markdown onboarding issue with '- [ ] step' lines.")
                }
                ListView {
                    objectName: "checklistList"
                    anchors.fill: parent
                    clip: true
                    model: admin.checklists
                    delegate: ItemDelegate {
                        required property var modelData
                        width: ListView.view.width
                        Accessible.name: modelData.title
                        contentItem: RowLayout {
                            Label { text: modelData.title; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                            Label { text: modelData.id; opacity: 0.7 }
                            Tag { text: qsTr("v%1").arg(modelData.version) }
                            Label { text: qsTr("%1 steps · %2 credentials").arg(modelData.steps).arg(modelData.credentials); opacity: 0.7 }
                        }
                    }
                }
            }
        }

        // Enrollments
        ColumnLayout {
            spacing: Theme.spacing
            Card {
                Layout.fillWidth: true
                GridLayout {
                    anchors.fill: parent
                    columns: 5
                    columnSpacing: 12
                    Label { text: qsTr("Hire") }
                    Label { text: qsTr("Checklist") }
                    Label { text: qsTr("Mentor") }
                    Label { text: qsTr("Start (YYYY-MM-DD)") }
                    Item { width: 1 }
                    ComboBox { id: enrollHire; onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0; objectName: "enrollHire"; model: admin.hires; Layout.fillWidth: true; Accessible.name: qsTr("Hire") }
                    ComboBox {
                        id: enrollChecklist
                        onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0
                        objectName: "enrollChecklist"
                        model: admin.checklists
                        textRole: "title"
                        valueRole: "id"
                        Layout.fillWidth: true
                        Accessible.name: qsTr("Checklist")
                    }
                    ComboBox { id: enrollMentor; onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0; objectName: "enrollMentor"; model: admin.mentors; Layout.fillWidth: true; Accessible.name: qsTr("Mentor") }
                    TextField { id: enrollStart; objectName: "enrollStart"; placeholderText: qsTr("today"); Accessible.name: qsTr("Start date") }
                    Button {
                        objectName: "enrollButton"
                        text: qsTr("Enroll")
                        highlighted: true
                        enabled: !Session.busy && enrollHire.currentText.length > 0 && enrollMentor.currentText.length > 0 && enrollChecklist.currentIndex >= 0
                        Accessible.name: qsTr("Enroll the hire")
                        onClicked: admin.enroll(enrollHire.currentText, enrollChecklist.currentValue, enrollMentor.currentText, enrollStart.text)
                    }
                }
            }
            Label {
                text: qsTr("A hire gets sandbox credentials as soon as they are enrolled.")
                opacity: 0.7
            }
            Item { Layout.fillHeight: true }
        }
    }
}
