pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's People tab: everyone in the vault (filtered by what is typed
// above the list), adding a person, and managing the one picked in the list:
// resetting their passphrase, or disabling them. Nobody manages themselves here.
RowLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin
    // Enroll… on a hire not enrolled yet: the Enrollments tab's form, with them picked.
    signal enrollRequested(string hire)

    // The \a key of a row that a list's get(row) returned; "" when it has none.
    function valueOf(row, key) {
        return row[key] ?? ""
    }
    // An "Add person" is on its way: its answer decides whether the form
    // empties (added) or keeps what was typed, to be corrected (refused).
    property bool adding: false
    // Who is being added, fixed when Add person is pressed: the form stays
    // disabled until the vault answers, and the first passphrase dialog shows these.
    property string addingName: ""
    property string addingDisplay: ""
    property string addingPassphrase: ""
    // An add or a reset was refused for its passphrase: the field's note then says why.
    property bool personPassphraseTried: false
    property bool resetPassphraseTried: false
    // A reset under way: whom, and the passphrase to show once it is done.
    property bool resetting: false
    property string resettingName: ""
    property string resettingDisplay: ""
    property string resettingPassphrase: ""

    // The add form made ready for a hire, the keys in its user name.
    function startAddingHire() {
        personRole.value = "hire"
        personName.forceActiveFocus()
    }

    // Adds the person the form holds, unless the vault would refuse the
    // passphrase: that is said by the field, and nothing is sent.
    function submitPerson() {
        // A name the vault would refuse, or someone's already: said by the field.
        if (personNameNote.problem.length > 0) {
            personName.forceActiveFocus()
            personName.selectAll()
            return
        }
        if (Session.passphraseProblem(personPassphrase.text).length > 0) {
            tab.personPassphraseTried = true
            // Selected, to be typed over.
            personPassphrase.forceActiveFocus()
            personPassphrase.selectAll()
            return
        }
        tab.addingName = personName.text
        tab.addingDisplay = personDisplay.text
        tab.addingPassphrase = personPassphrase.text
        tab.adding = true
        tab.admin.addPerson(personName.text, personDisplay.text, personRole.currentValue, personPassphrase.text)
    }
    // Asks before a reset, unless the vault would refuse the passphrase.
    function askReset() {
        if (Session.passphraseProblem(resetPassphrase.text).length > 0) {
            tab.resetPassphraseTried = true
            resetPassphrase.forceActiveFocus()
            resetPassphrase.selectAll()
            return
        }
        resetDialog.open()
    }
    // The person picked in the list, as a map of its roles; empty when none.
    readonly property var person: tab.admin.people.selected
    readonly property bool picked: tab.person.name !== undefined
    // Another person picked: a passphrase typed for the one before goes, hidden again.
    readonly property string pickedName: tab.person.name ?? ""
    onPickedNameChanged: {
        resetPassphrase.clear()
        showResetPassphrase.checked = false
        tab.resetPassphraseTried = false
    }
    // Another tab or page shown: a passphrase shown for reading back is hidden again.
    onVisibleChanged: if (!visible) showResetPassphrase.checked = false
    readonly property bool isSelf: tab.picked && tab.person.name === Session.userName
    // The picked hire has no enrollment yet (the enrollment form still offers them).
    readonly property bool notEnrolled: tab.picked && tab.person.role === "hire"
                                        && tab.admin.hireChoices.some(choice => choice.name === tab.person.name)
    // What a mentor's new key pair keeps: each review and sign-off is checked
    // with the key the log gave them when they signed it.
    readonly property string mentorResetNote: qsTr("The approvals and sign-offs they gave with the old one keep counting; if their passphrase leaked, give their mentees another mentor (Enrollments › Edit mentor or start…), which ends them.")

    spacing: Theme.spacing

    Shortcut {
        sequence: "Ctrl+F" // StandardKey.Find, which qmllint 6.4 cannot resolve
        enabled: tab.visible
        onActivated: {
            peopleFilter.forceActiveFocus()
            peopleFilter.selectAll()
        }
    }
    Connections {
        target: tab.admin
        function onDone() {
            if (tab.resetting) {
                // The new passphrase, to hand over as a first one is.
                firstPassphraseDialog.show(tab.resettingName, tab.resettingDisplay, tab.resettingPassphrase, true)
                tab.resettingPassphrase = ""
                tab.resetting = false
                return
            }
            if (!tab.adding)
                return
            // The passphrase stays in sight until the admin closes the dialog.
            firstPassphraseDialog.show(tab.addingName, tab.addingDisplay, tab.addingPassphrase)
            tab.addingPassphrase = ""
            personName.clear(); personDisplay.clear(); personPassphrase.clear()
            // Hidden again for the next person's.
            showPersonPassphrase.checked = false
            personRole.value = "hire"
            tab.personPassphraseTried = false
            tab.adding = false
        }
        function onError() {
            if (tab.resetting) {
                tab.resettingPassphrase = ""
                tab.resetting = false
                return
            }
            if (!tab.adding)
                return
            tab.addingPassphrase = ""
            tab.adding = false
            personPassphrase.forceActiveFocus()
            personPassphrase.selectAll()
        }
    }
    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.mediumSpacing
        RowLayout {
            Layout.fillWidth: true
            FilterField {
                id: peopleFilter
                objectName: "peopleFilter"
                Layout.fillWidth: true
                placeholderText: qsTr("Filter by name (Ctrl+F; Esc clears)")
                Accessible.name: qsTr("Filter people by name")
            }
            Button {
                objectName: "importPeopleOpen"
                text: qsTr("Import…")
                enabled: !Session.busy
                Accessible.name: qsTr("Import people from a CSV file")
                onClicked: importDialog.open()
            }
        }
        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: 0
            EmptyState {
                objectName: "peopleNoMatch"
                anchors.centerIn: parent
                width: parent.width - 24
                visible: filtered.nothingMatches
                title: qsTr("Nobody matches “%1”").arg(peopleFilter.text.trim())
                text: qsTr("The filter looks in user names and full names.")
                actionText: qsTr("Clear the filter")
                onActionTriggered: peopleFilter.clear()
            }
            // One Tab stop: a row is ringed at once, the arrow keys move the
            // ring, Enter, Space or a click picks the person under it.
            KeyboardList {
                id: peopleList
                objectName: "peopleList"
                anchors.fill: parent
                clip: true
                model: TextFilterModel {
                    id: filtered
                    source: tab.admin.people
                    roles: ["name", "displayName"]
                    text: peopleFilter.text
                }
                Accessible.name: qsTr("People")
                Keys.onReturnPressed: tab.admin.people.selectedName = tab.valueOf(filtered.get(currentIndex), "name")
                Keys.onEnterPressed: tab.admin.people.selectedName = tab.valueOf(filtered.get(currentIndex), "name")
                Keys.onSpacePressed: tab.admin.people.selectedName = tab.valueOf(filtered.get(currentIndex), "name")
                delegate: SelectableRow {
                    id: personRow
                    required property int index
                    required property string name
                    required property string displayName
                    required property string roleTitle
                    required property bool disabled
                    required property bool handedOver
                    objectName: "person-" + name
                    highlighted: personRow.name === tab.admin.people.selectedName || (personRow.ListView.isCurrentItem && peopleList.activeFocus)
                    // The row the keys are on, not picked yet (Enter picks it), is marked softly:
                    // a solid row is the person the pane beside the list is about.
                    soft: personRow.name !== tab.admin.people.selectedName
                    onClicked: {
                        peopleList.currentIndex = index
                        tab.admin.people.selectedName = personRow.name
                    }
                    Accessible.name: handedOver ? qsTr("%1 (%2), %3, still signs in with the passphrase handed out").arg(displayName).arg(name).arg(roleTitle)
                                                : qsTr("%1 (%2), %3").arg(displayName).arg(name).arg(roleTitle)
                    contentItem: RowLayout {
                        Label { textFormat: Text.PlainText; text: personRow.displayName; font.bold: true; Layout.preferredWidth: 200; elide: Text.ElideRight; color: !personRow.disabled ? palette.windowText : personRow.solid ? Theme.selectedSecondaryText : Theme.secondaryText }
                        Label { textFormat: Text.PlainText; text: personRow.name; color: personRow.solid ? Theme.selectedSecondaryText : Theme.secondaryText; Layout.fillWidth: true; elide: Text.ElideRight }
                        Tag { visible: personRow.disabled; text: qsTr("disabled"); tone: Theme.danger; inverted: personRow.solid }
                        Tag {
                            objectName: "handedOver-" + personRow.name
                            visible: personRow.handedOver
                            text: qsTr("handed-over passphrase")
                            tone: Theme.warning
                            inverted: personRow.solid
                            Accessible.name: qsTr("Still signs in with the passphrase handed out; chooses their own at the next sign-in")
                        }
                        Tag { text: personRow.roleTitle; inverted: personRow.solid }
                    }
                }
            }
        }
    }
    ColumnLayout {
        Layout.preferredWidth: 360
        Layout.maximumWidth: 360
        Layout.fillHeight: true
        spacing: Theme.spacing
        Card {
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.mediumSpacing
                Label { text: qsTr("Add a person"); font.pixelSize: Theme.headingSize; font.bold: true }
                // While an add runs the form is closed, so that nothing is typed into it to be lost.
                // Each field has its name beside it, which stays once something is typed.
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.mediumSpacing
                    rowSpacing: Theme.smallSpacing
                    Label { id: personNameLabel; text: qsTr("User name") }
                    TextField {
                        id: personName
                        objectName: "personName"
                        enabled: !tab.adding
                        label: personNameLabel
                        placeholderText: qsTr("e.g. alex")
                        Layout.fillWidth: true
                        Accessible.name: qsTr("User name")
                        description: personNameNote.problem
                    }
                    Label { id: personDisplayLabel; text: qsTr("Full name") }
                    TextField {
                        id: personDisplay
                        objectName: "personDisplay"
                        enabled: !tab.adding
                        label: personDisplayLabel
                        placeholderText: qsTr("e.g. Alex Newhire")
                        Layout.fillWidth: true
                        Accessible.name: qsTr("Full name")
                    }
                    Label { text: qsTr("Role") }
                    ChoiceBox {
                        id: personRole
                        objectName: "personRole"
                        enabled: !tab.adding
                        model: Session.roleChoices
                        textRole: "text"
                        valueRole: "value"
                        value: "hire"
                        onActivated: personRole.value = personRole.currentValue
                        Layout.preferredWidth: 110
                        Accessible.name: qsTr("Role")
                    }
                    // Typed to be handed over: Show reads it back, as the reset's field does.
                    // Its name above it and the field across the whole form, so that a
                    // passphrase of several words reads back whole beside Show at 1024 px.
                    Label {
                        id: personPassphraseLabel
                        text: qsTr("First passphrase")
                        Layout.columnSpan: 2
                        Layout.topMargin: Theme.smallSpacing
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.columnSpan: 2
                        spacing: Theme.smallSpacing
                        TextField {
                            id: personPassphrase
                            objectName: "personPassphrase"
                            enabled: !tab.adding
                            label: personPassphraseLabel
                            echoMode: showPersonPassphrase.checked ? TextInput.Normal : TextInput.Password
                            Layout.fillWidth: true
                            Accessible.name: qsTr("First passphrase (hand it over in person)")
                            description: personPassphraseNote.text
                            onAccepted: if (addPerson.enabled) tab.submitPerson()
                        }
                        ShowHideButton {
                            id: showPersonPassphrase
                            objectName: "personPassphraseShow"
                            enabled: !tab.adding
                            Accessible.name: checked ? qsTr("Hide the first passphrase") : qsTr("Show the first passphrase")
                        }
                    }
                }
                // Said as it is typed, below the form so that no field moves
                // under the pointer: a name the vault would refuse, or one someone has.
                Label {
                    id: personNameNote
                    objectName: "personNameNote"
                    // It quotes what was typed: text, never markup.
                    textFormat: Text.PlainText
                    readonly property string problem: tab.admin.personNameProblem(personName.text)
                    visible: problem.length > 0
                    text: problem
                    color: Theme.danger
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                // The rule before anything is typed; the field's own error once an add was refused for it.
                Label {
                    id: personPassphraseNote
                    objectName: "personPassphraseNote"
                    readonly property string problem: Session.passphraseProblem(personPassphrase.text)
                    readonly property bool failing: tab.personPassphraseTried && problem.length > 0
                    text: failing ? problem : qsTr("At least %1 characters; a few unrelated words are best.").arg(Session.minPassphraseLength)
                    color: failing ? Theme.danger : Theme.secondaryText
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.role: failing ? Accessible.AlertMessage : Accessible.StaticText
                    Accessible.name: text
                }
                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        id: addPerson
                        objectName: "addPersonButton"
                        text: tab.adding ? qsTr("Adding %1…").arg(tab.addingDisplay || tab.addingName) : qsTr("Add person")
                        highlighted: true
                        enabled: !Session.busy && !tab.adding && personName.text.length > 0 && personPassphrase.text.length > 0
                        Accessible.name: text
                        onClicked: tab.submitPerson()
                    }
                    BusyIndicator {
                        objectName: "addPersonBusy"
                        running: tab.adding
                        visible: running
                        implicitWidth: 24
                        implicitHeight: 24
                        Accessible.name: qsTr("Adding %1").arg(tab.addingDisplay || tab.addingName)
                    }
                }
            }
        }
        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                objectName: "peopleNobodySelected"
                anchors.centerIn: parent
                width: parent.width
                visible: !tab.picked
                text: qsTr("Pick a person to manage: reset their passphrase, or disable them.")
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.secondaryText
            }
            // The person's controls scroll where the pane is shorter than they are (a
            // hire's reset says more; German; 1024x640), and follow the keys.
            RevealingFlickable {
                id: personPane
                objectName: "personPane"
                anchors.fill: parent
                visible: tab.picked
                contentWidth: width
                contentHeight: personColumn.implicitHeight
                content: personColumn
                followsFocus: true
                ScrollBar.vertical: ScrollBar {
                    policy: ScrollBar.AlwaysOn
                    visible: personPane.contentHeight > personPane.height + 0.5
                }
                // Another person's texts, longer or shorter: the control with the keys stays in sight.
                onContentHeightChanged: personPane.revealFocus()
                ColumnLayout {
                    id: personColumn
                    // Room on the right for the scroll bar, kept whether it shows or not: a
                    // width that followed it would rewrap the texts and change what it follows.
                    width: personPane.width - 14
                    height: Math.max(implicitHeight, personPane.height)
                    spacing: Theme.mediumSpacing
                    Label {
                        textFormat: Text.PlainText
                        objectName: "peopleSelectedHeading"
                        text: tab.picked ? qsTr("%1 (%2)").arg(tab.person.displayName).arg(tab.person.name) : ""
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Heading
                    }
                    // A hire without a checklist has nothing to do yet: the way to give them one.
                    RowLayout {
                        visible: tab.notEnrolled
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Label {
                            textFormat: Text.PlainText
                            objectName: "personNotEnrolled"
                            text: qsTr("Not enrolled on a checklist yet: they see no steps and have no sandbox credentials.")
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Button {
                            objectName: "personEnroll"
                            text: qsTr("Enroll…")
                            Accessible.name: qsTr("Enroll %1").arg(tab.person.displayName)
                            onClicked: tab.enrollRequested(tab.person.name)
                        }
                    }
                    Label {
                        objectName: "peopleSelfNote"
                        visible: tab.isSelf
                        text: qsTr("This is you. Another admin resets or disables your account; nobody does either to themselves.")
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                    }
                    // Resetting the passphrase: the field and Show on a line of their own, wide
                    // enough to read back what is typed (the pane is narrow at 1024 px).
                    // The passphrase is typed to be handed over: Show reads it back, as
                    // the secrets' own fields do.
                    RowLayout {
                        visible: !tab.isSelf
                        Layout.fillWidth: true
                        TextField {
                            id: resetPassphrase
                            objectName: "resetPassphrase"
                            echoMode: showResetPassphrase.checked ? TextInput.Normal : TextInput.Password
                            placeholderText: qsTr("New passphrase")
                            Layout.fillWidth: true
                            Accessible.name: qsTr("New passphrase for %1").arg(tab.person.name ?? "")
                            description: resetPassphraseNote.text
                            // Enter asks first, as the button does; it never resets at once.
                            onAccepted: if (resetButton.enabled) tab.askReset()
                        }
                        ShowHideButton {
                            id: showResetPassphrase
                            objectName: "resetPassphraseShow"
                            Accessible.name: checked ? qsTr("Hide the new passphrase") : qsTr("Show the new passphrase")
                        }
                    }
                    // The rule (then the field's own error) beside the button that resets.
                    RowLayout {
                        visible: !tab.isSelf
                        Layout.fillWidth: true
                        Label {
                            id: resetPassphraseNote
                            objectName: "resetPassphraseNote"
                            readonly property string problem: Session.passphraseProblem(resetPassphrase.text)
                            readonly property bool failing: tab.resetPassphraseTried && problem.length > 0
                            text: failing ? problem : qsTr("At least %1 characters.").arg(Session.minPassphraseLength)
                            color: failing ? Theme.danger : Theme.secondaryText
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                            Accessible.role: failing ? Accessible.AlertMessage : Accessible.StaticText
                            Accessible.name: text
                        }
                        Button {
                            id: resetButton
                            objectName: "resetPassphraseButton"
                            Layout.alignment: Qt.AlignTop
                            text: qsTr("Reset passphrase…")
                            enabled: tab.picked && resetPassphrase.text.length > 0 && !Session.busy
                            Accessible.name: qsTr("Reset the passphrase of %1").arg(tab.person.name ?? "")
                            onClicked: tab.askReset()
                        }
                    }
                    // What a reset changes for this person: a hire's credentials, or a
                    // mentor's or an admin's keys (People::resetPassphrase).
                    Label {
                        id: resetHelp
                        objectName: "resetHelp"
                        textFormat: Text.PlainText
                        visible: !tab.isSelf
                        text: tab.person.disabled
                              ? qsTr("A new passphrase enables them again, with a new key pair.")
                                + (tab.person.role === "mentor" ? " " + tab.mentorResetNote : "")
                            : tab.notEnrolled
                              ? qsTr("They get a new key pair. They are not enrolled yet, so no credential is sealed to the old one.")
                            : tab.person.role === "hire"
                              ? qsTr("They get a new key pair, and their sandbox credentials are issued again at once with new secrets: tell them that anything still using the old ones needs the new ones. Production grants sealed to the old key must be renewed by their mentor.")
                            : tab.person.role === "mentor"
                              ? qsTr("They get a new key pair, which opens the production key as the old one did.") + " " + tab.mentorResetNote
                              : qsTr("They get a new key pair, which opens the production key as the old one did.")
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        Layout.fillWidth: true
                    }
                    // Disabling: a group of its own, apart from the reset.
                    MenuSeparator { visible: disableButton.visible; Layout.fillWidth: true }
                    // A display name is untrusted text: a plain-text label, never markup.
                    WrapButton {
                        id: disableButton
                        Layout.maximumWidth: parent.width
                        objectName: "disablePersonButton"
                        text: qsTr("Disable %1…").arg(tab.person.displayName || (tab.person.name ?? ""))
                        visible: tab.picked && !tab.isSelf && !tab.person.disabled
                        enabled: !Session.busy
                        Accessible.name: qsTr("Disable %1").arg(tab.person.displayName || (tab.person.name ?? ""))
                        onClicked: disableDialog.open()
                    }
                    Item { Layout.fillHeight: true }
                }
            }
        }
    }
    ImportDialog {
        id: importDialog
    }
    FirstPassphraseDialog {
        id: firstPassphraseDialog
        onClosed: afterReset ? resetPassphrase.forceActiveFocus() : personName.forceActiveFocus()
    }
    // Resetting asks first: the person loses the passphrase they use now.
    // The focus starts on Cancel, so that the Enter which opened it (or a
    // second one) confirms nothing; Escape cancels; only Reset resets.
    Dialog {
        id: resetDialog
        objectName: "resetDialog"
        // Whom the dialog is about, fixed when it opens.
        property string who: ""
        property string whoShown: ""
        // A disabled person's reset enables them again: asked as that.
        property bool enabling: false
        title: resetDialog.enabling ? qsTr("Enable %1 again, with a new passphrase?").arg(resetDialog.whoShown)
                                    : qsTr("Reset the passphrase of %1?").arg(resetDialog.whoShown)
        // The title names a person or a checklist: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: 440
        focus: true
        onAboutToShow: {
            resetDialog.who = tab.person.name ?? ""
            resetDialog.whoShown = tab.person.displayName || resetDialog.who
            resetDialog.enabling = tab.person.disabled ?? false
        }
        onOpened: resetCancel.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
        // What the reset changes, said again where it is confirmed: a hire's
        // sandbox secrets are new, their production grants need renewing.
        contentItem: ColumnLayout {
            spacing: Theme.mediumSpacing
            Label {
                objectName: "resetDialogText"
                text: qsTr("They will have to choose a new one at their next sign-in.")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "resetDialogHelp"
                textFormat: Text.PlainText
                text: resetHelp.text
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "resetConfirmButton"
                text: resetDialog.enabling ? qsTr("Enable again") : qsTr("Reset")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: resetDialog.enabling ? qsTr("Enable %1 again").arg(resetDialog.whoShown)
                                                      : qsTr("Reset the passphrase of %1").arg(resetDialog.whoShown)
            }
            Button {
                id: resetCancel
                objectName: "resetCancelButton"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
                // Enter on the focused Cancel cancels, whatever the style makes of it.
                Keys.onReturnPressed: resetDialog.reject()
                Keys.onEnterPressed: resetDialog.reject()
            }
        }
        onAccepted: {
            tab.resettingName = resetDialog.who
            tab.resettingDisplay = resetDialog.whoShown
            tab.resettingPassphrase = resetPassphrase.text
            tab.resetting = true
            tab.admin.resetPassphrase(resetDialog.who, resetPassphrase.text)
            resetPassphrase.clear()
            showResetPassphrase.checked = false
            tab.resetPassphraseTried = false
        }
        onRejected: resetPassphrase.forceActiveFocus()
    }
    Dialog {
        id: disableDialog
        objectName: "disableDialog"
        // Whom the dialog is about, fixed when it opens.
        property string who: ""
        property string whoShown: ""
        // The hires they mentor, who are left without a reviewer.
        property var mentees: []
        // A mentor or an admin held the production key, and so could read every production secret.
        property bool heldProductionKey: false
        title: qsTr("Disable %1?").arg(disableDialog.whoShown)
        // The title names a person or a checklist: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(500, parent.width - 2 * Theme.pageMargin)
        focus: true
        onAboutToShow: {
            disableDialog.who = tab.person.name ?? ""
            disableDialog.whoShown = tab.person.displayName || disableDialog.who
            disableDialog.mentees = tab.admin.menteesOf(disableDialog.who)
            disableDialog.heldProductionKey = tab.person.role === "mentor" || tab.person.role === "admin"
        }
        // Disabling shuts a person out: DialogKeys puts the focus on Cancel,
        // with its ring (the text takes no keys), so that Enter cancels and
        // Disable is a Shift+Tab away.
        onOpened: contentItem.forceActiveFocus()
        contentItem: Label {
            objectName: "disableDialogText"
            textFormat: Text.PlainText
            text: qsTr("Their passphrase will open nothing. Their history stays in the audit log; a passphrase reset enables them again.")
                  + "\n\n" + qsTr("Onramp also makes a new production key and encrypts every production secret with it, so that a copy of the vault they kept opens nothing set from now on. A secret they already read works until it is changed where it is used.")
                  + (disableDialog.heldProductionKey
                     ? " " + qsTr("As a mentor or admin, %1 could read every production secret: change them at their source, then set them here again.").arg(disableDialog.whoShown)
                     : "")
                  + (disableDialog.mentees.length > 0
                     ? "\n\n" + qsTr("%1 mentors %2: nobody reviews their steps or signs them off until you give them another mentor (Enrollments, Edit mentor or start…).")
                                      .arg(disableDialog.whoShown).arg(disableDialog.mentees.join(", "))
                     : "")
            wrapMode: Text.Wrap
            focus: true
        }
        footer: DialogButtonBox {
            Button {
                text: qsTr("Disable")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Disable %1").arg(disableDialog.whoShown)
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: tab.admin.disablePerson(disableDialog.who)
    }
}
