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
        TabButton { objectName: "tab-secrets"; text: qsTr("Production secrets"); Accessible.name: text }
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
                    id: peopleList
                    objectName: "peopleList"
                    anchors.fill: parent
                    clip: true
                    model: admin.people
                    currentIndex: -1
                    activeFocusOnTab: true
                    Accessible.name: qsTr("People")
                    delegate: ItemDelegate {
                        id: personRow
                        // Text on the selected row reads in the selection's text colour.
                        palette.windowText: highlighted ? Appearance.colors.highlightedText : Appearance.colors.windowText
                        required property var modelData
                        required property int index
                        objectName: "person-" + modelData.name
                        width: ListView.view.width
                        highlighted: ListView.isCurrentItem
                        onClicked: peopleList.currentIndex = index
                        Accessible.name: modelData.name
                        contentItem: RowLayout {
                            Label { text: modelData.displayName || modelData.name; font.bold: true; Layout.preferredWidth: 220; elide: Text.ElideRight; opacity: modelData.disabled ? 0.5 : 1 }
                            Label { text: modelData.name; opacity: 0.7; Layout.fillWidth: true }
                            Tag { visible: modelData.disabled; text: qsTr("disabled"); tone: Theme.danger; inverted: personRow.highlighted }
                            Tag { text: modelData.role; inverted: personRow.highlighted }
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
                    Label {
                        readonly property var person: peopleList.currentIndex >= 0 ? admin.people[peopleList.currentIndex] : null
                        id: resetHeading
                        text: person ? qsTr("Reset %1's passphrase").arg(person.name) : qsTr("Select a person to reset their passphrase")
                        font.bold: true
                        Layout.topMargin: 16
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
                        opacity: 0.7
                        font.pixelSize: 12
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
                                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
                                Accessible.name: qsTr("Disable %1").arg(resetHeading.person ? resetHeading.person.name : "")
                            }
                            Button {
                                text: qsTr("Cancel")
                                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
                                Accessible.name: text
                            }
                        }
                        onAccepted: admin.disablePerson(resetHeading.person.name)
                    }
                    Button {
                        objectName: "resetPassphraseButton"
                        text: qsTr("Reset passphrase")
                        enabled: !!resetHeading.person && resetPassphrase.text.length > 0 && !Session.busy
                        Accessible.name: text
                        onClicked: { admin.resetPassphrase(resetHeading.person.name, resetPassphrase.text); resetPassphrase.clear() }
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
            RowLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.spacing
                Card {
                    Layout.preferredWidth: Math.min(340, Math.round(page.width * 0.28))
                    Layout.fillHeight: true
                    padding: 0
                    EmptyState {
                        anchors.centerIn: parent
                        width: parent.width - 24
                        visible: admin.checklists.length === 0
                        title: qsTr("No checklists yet")
                        text: qsTr("Import a checklist file: YAML, JSON, or a Markdown onboarding issue with '- [ ] step' lines.")
                    }
                    ListView {
                        id: checklistList
                        objectName: "checklistList"
                        anchors.fill: parent
                        clip: true
                        model: admin.checklists
                        currentIndex: count > 0 ? 0 : -1
                        activeFocusOnTab: true
                        Accessible.name: qsTr("Checklists")
                        delegate: ItemDelegate {
                            id: checklistRow
                            // Text on the selected row reads in the selection's text colour.
                            palette.windowText: highlighted ? Appearance.colors.highlightedText : Appearance.colors.windowText
                            required property var modelData
                            required property int index
                            width: ListView.view.width
                            highlighted: ListView.isCurrentItem
                            Accessible.name: modelData.title
                            onClicked: checklistList.currentIndex = index
                            contentItem: ColumnLayout {
                                spacing: 2
                                RowLayout {
                                    Label { text: modelData.title; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                                    Tag { text: qsTr("v%1").arg(modelData.version); inverted: checklistRow.highlighted }
                                }
                                Label {
                                    text: qsTr("%1 · %2 · %3").arg(modelData.id).arg(qsTr("%n step(s)", "", modelData.steps)).arg(qsTr("%n credential(s)", "", modelData.credentials))
                                    opacity: 0.7
                                    font.pixelSize: 12
                                }
                            }
                        }
                    }
                }
                ChecklistEditor {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    checklistId: checklistList.currentIndex >= 0 && checklistList.currentIndex < admin.checklists.length
                                 ? admin.checklists[checklistList.currentIndex].id : ""
                    onNotified: (message, isError) => Session.notify(message, isError)
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
                text: qsTr("A hire gets sandbox credentials as soon as they are enrolled. Current enrollments and their progress are on the Team page.")
                opacity: 0.7
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Item { Layout.fillHeight: true }
        }

        // Production secrets and hosts
        RowLayout {
            spacing: Theme.spacing
            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Label { text: qsTr("Credentials"); font.pixelSize: Theme.headingSize; font.bold: true }
                    Label {
                        text: qsTr("Static secrets are set here, never in a checklist file. Production ones are sealed under the production key at once; hires receive them only with a mentor's sign-off.")
                        wrapMode: Text.Wrap
                        opacity: 0.8
                        Layout.fillWidth: true
                    }
                    ListView {
                        id: templateList
                        objectName: "templateList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: admin.credentialTemplates
                        activeFocusOnTab: true
                        Accessible.name: qsTr("Credentials")
                        delegate: ItemDelegate {
                            id: templateRow
                            // Text on the selected row reads in the selection's text colour.
                            palette.windowText: highlighted ? Appearance.colors.highlightedText : Appearance.colors.windowText
                            required property var modelData
                            required property int index
                            width: ListView.view.width
                            highlighted: ListView.isCurrentItem
                            Accessible.name: modelData.title
                            onClicked: templateList.currentIndex = index
                            contentItem: RowLayout {
                                Label { text: modelData.title; Layout.fillWidth: true; elide: Text.ElideRight }
                                Tag { text: modelData.environment; tone: modelData.environment === "production" ? Theme.warning : Theme.success; inverted: templateRow.highlighted }
                                Tag { text: modelData.provider; inverted: templateRow.highlighted }
                            }
                        }
                    }
                }
            }
            Card {
                Layout.preferredWidth: 380
                Layout.alignment: Qt.AlignTop
                readonly property var selected: templateList.currentIndex >= 0 ? admin.credentialTemplates[templateList.currentIndex] : null
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Label {
                        text: parent.parent.selected ? qsTr("Set the secret of %1").arg(parent.parent.selected.title) : qsTr("Pick a static credential")
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
                        enabled: !!parent.parent.selected && parent.parent.selected.provider === "static"
                    }
                    Button {
                        objectName: "setSecretButton"
                        text: qsTr("Set secret")
                        highlighted: true
                        enabled: secretField.enabled && secretField.text.length > 0 && !Session.busy
                        Accessible.name: text
                        onClicked: { admin.setSecret(parent.parent.selected.id, secretField.text); secretField.clear() }
                    }
                    Label { text: qsTr("Production hosts"); font.bold: true; Layout.topMargin: 12 }
                    Label {
                        text: admin.productionHosts.length > 0 ? admin.productionHosts.join("\n") : qsTr("None declared")
                        font.family: "monospace"
                        opacity: 0.8
                    }
                    Label {
                        text: qsTr("Sandbox credentials that name one of these hosts are refused. Each checklist keeps its own: edit them under Checklists, Production hosts.")
                        wrapMode: Text.Wrap
                        opacity: 0.7
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
