pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Sign in: pick a person, enter the passphrase. The key derivation runs off
// the GUI thread; a wrong passphrase says so without guessing which part.
Page {
    id: page
    objectName: "signin"

    title: qsTr("Sign in")

    // True when \a name is one of the demo vault's people.
    function isDemoPerson(name) {
        for (let row = 0; row < Session.demoPeople.count; ++row) {
            if (Session.demoPeople.get(row).name === name)
                return true
        }
        return false
    }

    // True when \a name is among \a people, those who can sign in.
    function canSignIn(name, people) {
        for (let i = 0; i < people.length; ++i) {
            if (people[i] === name)
                return true
        }
        return false
    }
    // How many of \a people, those who can sign in, are demo people (\a demoCount of them).
    function demoPeopleEnabled(people, demoCount) {
        let found = 0
        for (let i = 0; demoCount > 0 && i < people.length; ++i) {
            if (page.isDemoPerson(people[i]))
                ++found
        }
        return found
    }

    // The name \a login goes by, when the app knows it; else \a login itself.
    function shownName(login: string): string {
        const shown = Session.shownNames[login]
        return shown ? shown : login
    }

    // A person in the picker: the name they go by, then their sign-in name,
    // smaller and in the secondary tone, when it differs.
    component PersonName: RowLayout {
        id: personName
        required property string name
        property bool highlighted: false
        property int indent: 0
        readonly property string shown: page.shownName(personName.name)
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            text: personName.shown
            elide: Text.ElideRight
            color: personName.highlighted ? Appearance.colors.highlightedText : Appearance.colors.buttonText
            Layout.leftMargin: personName.indent
            Layout.fillWidth: personName.shown === personName.name
            Accessible.ignored: true
        }
        Label {
            textFormat: Text.PlainText
            objectName: "signInName-" + personName.name
            visible: personName.shown !== personName.name
            text: personName.name
            elide: Text.ElideRight
            font.pixelSize: Theme.smallSize
            color: personName.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
            Layout.fillWidth: true
            Accessible.ignored: true
        }
    }

    // Back from a lock (or at the start), the passphrase takes the keys at once.
    StackView.onActivated: {
        page.pickPreselected()
        passphraseField.forceActiveFocus()
    }
    // Again after a lock, though a choice on this page (Use) replaced the binding above.
    function pickPreselected() {
        const index = person.model.indexOf(Session.preselectedPerson)
        if (index >= 0)
            person.currentIndex = index
    }
    Connections {
        target: Session
        function onPreselectedPersonChanged() { page.pickPreselected() }
    }

    // Theme and language before anyone signs in.
    SettingsButton {
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.mediumSpacing
    }

    // The cards hang from a fixed line rather than sitting centred, so that
    // an error growing the card moves nothing above it.
    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        anchors.topMargin: Math.max(Theme.pageMargin, page.height * 0.12)
        spacing: Theme.spacing

        Item { Layout.fillWidth: true }

        Card {
            objectName: "signInCard"
            visible: !Session.choosingPassphrase
            Layout.preferredWidth: 440
            Layout.alignment: Qt.AlignTop

            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.largeSpacing
                RowLayout {
                    spacing: 10
                    Image { source: "qrc:/icons/onramp.svg"; sourceSize.width: 36; sourceSize.height: 36; Accessible.ignored: true }
                    PageHeading {
                        title: qsTr("Sign in")
                        subtitle: Session.demo ? qsTr("Demo vault") : qsTr("Unlock your vault")
                        Layout.fillWidth: true
                    }
                }
                Label { text: qsTr("Who are you?") }
                // People by the name they go by, their sign-in name beside it in
                // the secondary tone (and as the accessible description); the
                // box's value stays the sign-in name, which signs in.
                ComboBox {
                    id: person
                    objectName: "personPicker"
                    model: Session.people
                    // Who signed in last on this desktop is picked again; never the admin by default.
                    currentIndex: Math.max(0, model.indexOf(Session.preselectedPerson))
                    displayText: page.shownName(currentText)
                    Layout.fillWidth: true
                    // Named by the question shown above it.
                    Accessible.name: qsTr("Who are you?")
                    Accessible.description: currentText
                    KeyNavigation.tab: passphraseField
                    // Another person picked: the error was about the one before.
                    onActivated: Session.clearError()
                    contentItem: PersonName {
                        name: person.currentText
                        indent: 6 // where Fusion's box puts its text
                    }
                    delegate: ItemDelegate {
                        id: choice
                        required property string modelData
                        required property int index
                        objectName: "personChoice-" + choice.modelData
                        width: ListView.view ? ListView.view.width : implicitWidth
                        highlighted: person.highlightedIndex === choice.index
                        Accessible.name: page.shownName(choice.modelData)
                        Accessible.description: choice.modelData
                        contentItem: PersonName {
                            name: choice.modelData
                            highlighted: choice.highlighted
                        }
                    }
                }
                Label { id: passphraseLabel; text: qsTr("Passphrase") }
                TextField {
                    id: passphraseField
                    objectName: "signInPassphrase"
                    label: passphraseLabel
                    echoMode: TextInput.Password
                    Layout.fillWidth: true
                    focus: true
                    onAccepted: signIn.clicked()
                }
                Label {
                    textFormat: Text.PlainText
                    objectName: "signInNote"
                    visible: Session.signInNote.length > 0
                    text: Session.signInNote
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.name: text
                }
                Label {
                    textFormat: Text.PlainText
                    objectName: "signInError"
                    visible: Session.error.length > 0
                    text: Session.error
                    color: Theme.danger
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    Button {
                        id: signIn
                        objectName: "signInButton"
                        text: Session.busy ? qsTr("Unlocking…") : qsTr("Sign in")
                        highlighted: true
                        enabled: !Session.busy && passphraseField.text.length > 0
                        Accessible.name: qsTr("Sign in")
                        onClicked: {
                            Session.unlock(person.currentText, passphraseField.text)
                            passphraseField.clear()
                        }
                    }
                    BusyIndicator {
                        running: Session.busy
                        visible: running
                        implicitWidth: 28
                        implicitHeight: 28
                        Accessible.name: qsTr("Checking the passphrase")
                    }
                    Item { Layout.fillWidth: true }
                    // Back to the Welcome page: another vault folder, a new vault or the demo.
                    Button {
                        objectName: "otherVaultButton"
                        text: qsTr("Open another vault…")
                        flat: true
                        enabled: !Session.busy
                        Accessible.name: qsTr("Open another vault")
                        onClicked: Session.chooseAnotherVault()
                    }
                }
            }
        }

        // After a sign-in with a handed-over passphrase, before anything else.
        ChoosePassphraseCard {
            visible: Session.choosingPassphrase
            Layout.preferredWidth: 440
            Layout.alignment: Qt.AlignTop
        }

        // The demo vault's public passphrases, on its own sign-in page only,
        // and only for the people who can still sign in with them.
        Card {
            visible: Session.demo && !Session.unlocked && !Session.choosingPassphrase && demoRows.shown > 0
            Layout.preferredWidth: 440
            Layout.alignment: Qt.AlignTop
            objectName: "demoPassphrases"

            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.mediumSpacing
                Label {
                    text: qsTr("DEMO VAULT — public passphrases")
                    font.bold: true
                    color: Theme.warning
                }
                Label {
                    text: qsTr("Never keep real secrets in the demo vault.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                // delegate when its model changes; a positioner in the cell holds them.
                Column {
                    id: demoRows
                    // How many demo people are still in the vault to sign in as.
                    readonly property int shown: page.demoPeopleEnabled(Session.people, Session.demoPeople.count)
                    Layout.fillWidth: true
                    Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                    spacing: Theme.mediumSpacing
                    Repeater {
                        model: Session.demoPeople
                        delegate: RowLayout {
                            id: demoPerson
                            required property string name
                            required property string displayName
                            required property string role
                            required property string passphrase
                            required property bool changed
                            // Disabled, or gone: the demo's passphrase opens nothing for them.
                            visible: page.canSignIn(demoPerson.name, Session.people)
                            width: parent ? parent.width : 0
                            // The name they go by and their role: "Use" picks them, so no one
                            // types the sign-in name, which the picker shows beside the name.
                            Column {
                                id: demoWho
                                Layout.preferredWidth: 110
                                Layout.alignment: Qt.AlignTop
                                Label {
                                    textFormat: Text.PlainText
                                    objectName: "demoName-" + demoPerson.name
                                    text: demoPerson.displayName
                                    wrapMode: Text.Wrap
                                    width: demoWho.width
                                }
                                Label {
                                    textFormat: Text.PlainText
                                    text: Formats.role(demoPerson.role)
                                    color: Theme.secondaryText
                                    font.pixelSize: Theme.smallSize
                                    wrapMode: Text.Wrap
                                    width: demoWho.width
                                }
                            }
                            Label {
                                objectName: "demoPassphrase-" + demoPerson.name
                                visible: !demoPerson.changed
                                text: demoPerson.passphrase
                                font.family: "monospace"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap // never cut: it is typed as shown
                            }
                            // Changed by its owner (or reset by an admin): the demo's one
                            // would only fail, so it is neither shown nor offered.
                            Label {
                                objectName: "demoChanged-" + demoPerson.name
                                visible: demoPerson.changed
                                textFormat: Text.PlainText
                                text: qsTr("Passphrase changed: sign in with the new one.")
                                color: Theme.secondaryText
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                            }
                            Button {
                                objectName: "demoUse-" + demoPerson.name
                                visible: !demoPerson.changed
                                text: qsTr("Use")
                                flat: true
                                // What it does, in words that start with what it shows: it fills the fields in.
                                Accessible.name: qsTr("Use the passphrase of %1").arg(demoPerson.displayName)
                                onClicked: {
                                    // What went wrong for someone else is not this person's.
                                    if (person.currentText !== demoPerson.name)
                                        Session.clearError()
                                    person.currentIndex = person.find(demoPerson.name)
                                    passphraseField.text = demoPerson.passphrase
                                    passphraseField.forceActiveFocus()
                                }
                            }
                        }
                    }
                }
            }
        }

        Item { Layout.fillWidth: true }
    }
}
