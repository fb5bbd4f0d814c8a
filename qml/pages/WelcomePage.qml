import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// First run, or another vault: open the vault folder the team gave you (or
// one opened before), create a vault (the first admin), try the demo; and
// what a team server needs for now.
Page {
    id: page
    objectName: "welcome"

    signal aboutRequested()

    // Why the folder chosen last did not open; empty when it did, or before any.
    property string openError

    function openFolder(folder) {
        page.openError = Session.openVaultFolder(folder)
    }

    StackView.onActivated: Session.recentVaults.refresh()

    // The folder dialogs are made when first opened, from their own file:
    // naming FolderDialog here would load Qt Quick Dialogs before the first frame.
    property var folderDialog: null
    property var newFolderDialog: null
    function folderDialogOf(properties, accepted) {
        const dialog = Qt.createComponent(Qt.resolvedUrl("../components/VaultFolderDialog.qml"))
            .createObject(page, properties)
        dialog.accepted.connect(() => accepted(dialog))
        return dialog
    }
    function chooseFolder() {
        if (!folderDialog)
            folderDialog = folderDialogOf({
                objectName: "vaultFolderDialog",
                title: qsTr("Open a vault folder"),
                takesShownVault: true
            }, dialog => page.openFolder(String(dialog.selectedFolder)))
        folderDialog.open()
    }
    // Where a new vault goes: the folder shown when Open is pressed (or the
    // one picked in it); the field then names the vault's own folder. Opens
    // at the folder that holds the one the field names (where it is there).
    function chooseNewFolder(folder) {
        if (!newFolderDialog)
            newFolderDialog = folderDialogOf({
                objectName: "newVaultFolderDialog",
                title: qsTr("Choose where the new vault goes"),
                takesShownFolder: true
            }, dialog => {
                newFolder.text = Session.newVaultFolderIn(String(dialog.selectedFolder), newFolder.text)
                newFolder.cursorPosition = newFolder.text.length
                newFolder.forceActiveFocus(Qt.OtherFocusReason)
            })
        const parent = folder.replace(/\/+$/, "").replace(/\/[^\/]*$/, "")
        if (parent.startsWith("/"))
            newFolderDialog.currentFolder = "file://" + parent
        newFolderDialog.open()
    }

    title: qsTr("Welcome")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        RowLayout {
            spacing: Theme.largeSpacing
            Image {
                source: "qrc:/icons/onramp.svg"
                sourceSize.width: 48; sourceSize.height: 48
                Accessible.ignored: true
            }
            PageHeading {
                title: qsTr("Welcome to Onramp")
                subtitle: qsTr("Your sandbox on day one. Production when you and your mentor are ready.")
                Layout.fillWidth: true
            }
            // Theme and language before any vault is open.
            SettingsButton {
                Layout.alignment: Qt.AlignTop
            }
        }

        // The cards keep a height that their content fills on a tall screen too.
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumHeight: 560
            spacing: Theme.spacing

            // What a new hire needs first: the folder their admin gave them.
            Card {
                objectName: "openCard"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 10
                    Label {
                        text: qsTr("Open your team's vault")
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Heading
                    }
                    Label {
                        textFormat: Text.PlainText
                        text: qsTr("Your admin gave you a vault folder, or put one on a shared drive. "
                                   + "Onramp opens it where it is.")
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                    }
                    Button {
                        id: openButton
                        objectName: "openVaultButton"
                        text: qsTr("Open a vault folder…")
                        highlighted: true
                        focus: true
                        enabled: !Session.busy
                        Accessible.name: qsTr("Open a vault folder")
                        onClicked: page.chooseFolder()
                    }
                    Label {
                        objectName: "openVaultError"
                        textFormat: Text.PlainText
                        visible: text.length > 0
                        // A folder chosen here, else an onramp:// link that opened nothing.
                        text: page.openError.length > 0 ? page.openError : Session.linkProblem
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "recentHeading"
                        visible: recentList.count > 0
                        text: qsTr("Opened before")
                        font.bold: true
                        Layout.topMargin: Theme.mediumSpacing
                        Accessible.role: Accessible.Heading
                    }
                    // Newest first; a folder that is gone says so and can be removed.
                    ListView {
                        id: recentList
                        objectName: "recentVaults"
                        model: Session.recentVaults
                        visible: count > 0
                        clip: true
                        spacing: 2
                        boundsBehavior: Flickable.StopAtBounds
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        // Rows as wide as the list: a folder's name wraps, never widens it.
                        contentWidth: width
                        Accessible.role: Accessible.List
                        Accessible.name: qsTr("Vaults opened before")
                        delegate: RowLayout {
                            id: recent
                            required property string path
                            required property string name
                            required property bool present
                            required property int index
                            readonly property string missingText: qsTr("Not found: %1 was moved or removed.").arg(recent.path)
                            width: ListView.view ? ListView.view.width : 0
                            spacing: Theme.mediumSpacing
                            Button {
                                objectName: "recentVault-" + recent.index
                                flat: true
                                enabled: recent.present && !Session.busy
                                Layout.fillWidth: true
                                Layout.minimumWidth: 0
                                Accessible.name: recent.present ? qsTr("Open the vault %1").arg(recent.path)
                                                                : recent.missingText
                                onClicked: page.openFolder(recent.path) // qmllint disable unqualified
                                onActiveFocusChanged: if (activeFocus) recent.ListView.view.positionViewAtIndex(recent.index, ListView.Contain)
                                contentItem: ColumnLayout {
                                    spacing: 0
                                    Label {
                                        textFormat: Text.PlainText
                                        text: recent.name
                                        elide: Text.ElideMiddle
                                        Layout.fillWidth: true
                                    }
                                    // A folder that is gone is said whole, on as many lines as it takes.
                                    Label {
                                        objectName: "recentVaultPath-" + recent.index
                                        textFormat: Text.PlainText
                                        text: recent.present ? recent.path : recent.missingText
                                        color: recent.present ? Theme.secondaryText : Theme.warning
                                        font.pixelSize: Theme.smallSize
                                        elide: recent.present ? Text.ElideMiddle : Text.ElideNone
                                        wrapMode: recent.present ? Text.NoWrap : Text.WrapAtWordBoundaryOrAnywhere
                                        Layout.fillWidth: true
                                    }
                                }
                            }
                            Button {
                                objectName: "forgetVault-" + recent.index
                                visible: !recent.present
                                text: qsTr("Remove")
                                flat: true
                                Layout.alignment: Qt.AlignTop
                                Accessible.name: qsTr("Remove %1 from the list").arg(recent.path)
                                Accessible.description: recent.missingText
                                onClicked: Session.recentVaults.forget(recent.path)
                                onActiveFocusChanged: if (activeFocus) recent.ListView.view.positionViewAtIndex(recent.index, ListView.Contain)
                            }
                        }
                    }
                    Label {
                        objectName: "noRecentVaults"
                        visible: recentList.count === 0
                        text: qsTr("The vaults you open are listed here, to open again with one click.")
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.mediumSpacing
                    }
                    Item {
                        visible: recentList.count === 0
                        Layout.fillHeight: true
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                objectName: "createCard"

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 6 // four labelled fields fit at 1024x640
                    Label {
                        text: qsTr("Create a vault")
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        Accessible.role: Accessible.Heading
                    }
                    Label {
                        textFormat: Text.PlainText
                        text: qsTr("You will be its first admin. Everything Onramp knows is encrypted in it; "
                                   + "your passphrase is the only way in, so pick one you can remember.")
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                    }
                    // Each field has its label above it, which stays while one types
                    // (a placeholder goes); the label names it to a screen reader too.
                    // The two names side by side, each under its label (the two
                    // labels of one height, so that the fields line up): the card
                    // keeps room for the vault's folder.
                    RowLayout {
                        spacing: Theme.mediumSpacing
                        Layout.fillWidth: true
                        ColumnLayout {
                            spacing: 6
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Label {
                                id: adminNameLabel
                                text: qsTr("Your user name")
                                wrapMode: Text.Wrap
                                verticalAlignment: Text.AlignBottom
                                Layout.fillWidth: true
                                Layout.preferredHeight: Math.max(adminNameLabel.implicitHeight, adminDisplayLabel.implicitHeight)
                            }
                            TextField {
                                id: adminName
                                objectName: "adminName"
                                label: adminNameLabel
                                placeholderText: qsTr("e.g. ada")
                                Layout.fillWidth: true
                                KeyNavigation.tab: adminDisplay
                                onTextEdited: Session.clearError()
                            }
                        }
                        ColumnLayout {
                            spacing: 6
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Label {
                                id: adminDisplayLabel
                                text: qsTr("Your full name")
                                wrapMode: Text.Wrap
                                verticalAlignment: Text.AlignBottom
                                Layout.fillWidth: true
                                Layout.preferredHeight: Math.max(adminNameLabel.implicitHeight, adminDisplayLabel.implicitHeight)
                            }
                            TextField {
                                id: adminDisplay
                                objectName: "adminDisplay"
                                label: adminDisplayLabel
                                Layout.fillWidth: true
                                KeyNavigation.tab: passphrase
                                onTextEdited: Session.clearError()
                            }
                        }
                    }
                    Label { id: passphraseLabel; text: qsTr("Passphrase") }
                    TextField {
                        id: passphrase
                        objectName: "passphrase"
                        label: passphraseLabel
                        echoMode: TextInput.Password
                        Layout.fillWidth: true
                        KeyNavigation.tab: repeated
                        onTextEdited: Session.clearError()
                    }
                    Label { id: repeatedLabel; text: qsTr("The same passphrase again") }
                    TextField {
                        id: repeated
                        objectName: "passphraseRepeated"
                        label: repeatedLabel
                        echoMode: TextInput.Password
                        Layout.fillWidth: true
                        KeyNavigation.tab: newFolder
                        onAccepted: createButton.clicked()
                        onTextEdited: Session.clearError()
                    }
                    // The vault's folder, in sight before it is made: typed, or chosen.
                    Label { id: newFolderLabel; text: qsTr("Folder of the new vault") }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.mediumSpacing
                        TextField {
                            id: newFolder
                            objectName: "newVaultFolder"
                            label: newFolderLabel
                            text: Session.newVaultFolder
                            Layout.fillWidth: true
                            KeyNavigation.tab: chooseFolderButton
                            onAccepted: createButton.clicked()
                            onTextEdited: Session.clearError()
                            HoverHandler { id: newFolderHover }
                            ToolTip.visible: newFolderHover.hovered && newFolder.contentWidth > newFolder.width - newFolder.leftPadding - newFolder.rightPadding
                            ToolTip.text: newFolder.text
                        }
                        Button {
                            id: chooseFolderButton
                            objectName: "chooseNewVaultFolder"
                            text: qsTr("Choose…")
                            Accessible.name: qsTr("Choose the folder of the new vault")
                            onClicked: page.chooseNewFolder(newFolder.text)
                        }
                    }
                    // Three lines kept for it, the most a hint takes in this
                    // column: the button below stays put as the hint grows and
                    // shrinks, inside the card at 1024x640. One thing at a time,
                    // the most pressing first: why the last Create failed (gone
                    // once a field is changed), a user name the vault would
                    // refuse, then the passphrase's strength.
                    Label {
                        id: strengthHint
                        objectName: "passphraseStrength"
                        textFormat: Text.PlainText
                        readonly property string hint: Session.passphraseHint(passphrase.text)
                        readonly property string nameProblem: Session.nameProblem(adminName.text)
                        readonly property bool failing: Session.error.length > 0 || nameProblem.length > 0
                        text: Session.error.length > 0 ? Session.error
                              : nameProblem.length > 0 ? nameProblem
                              : hint.length > 0 ? hint : qsTr("Strong passphrase.")
                        color: failing ? Theme.danger : hint.length > 0 ? Theme.warning : Theme.success
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Layout.minimumHeight: Math.ceil(3 * hintMetrics.height) + 2
                        FontMetrics { id: hintMetrics; font: strengthHint.font }
                        Accessible.role: failing ? Accessible.AlertMessage : Accessible.StaticText
                        Accessible.name: text
                    }
                    RowLayout {
                        Button {
                            id: createButton
                            objectName: "createVaultButton"
                            text: qsTr("Create vault")
                            highlighted: true
                            enabled: !Session.busy && adminName.text.length > 0
                            Accessible.name: text
                            onClicked: Session.createVault(adminName.text, adminDisplay.text, passphrase.text, repeated.text,
                                                           newFolder.text)
                        }
                        BusyIndicator {
                            running: Session.busy
                            visible: running
                            Accessible.name: qsTr("Creating the vault")
                        }
                    }
                    Item { Layout.fillHeight: true }
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                spacing: Theme.spacing

                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true

                    EmptyState {
                        anchors.centerIn: parent
                        width: parent.width
                        iconSource: "qrc:/icons/shield.svg"
                        title: qsTr("Just looking around?")
                        text: qsTr("The demo vault has a demo admin, mentor and hire with a sample checklist. "
                                   + "Its passphrases are shown on the sign-in screen.")
                        actionText: qsTr("Open the demo vault")
                        // Opening the team's vault is the page's default act: one highlighted button.
                        actionIsDefault: false
                        onActionTriggered: Session.openDemo()
                    }
                }

                // Honest about what is there: the app does not connect to a server yet.
                Card {
                    objectName: "teamServerCard"
                    Layout.fillWidth: true

                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 6
                        Label {
                            text: qsTr("Team server")
                            font.bold: true
                            Accessible.role: Accessible.Heading
                        }
                        Label {
                            objectName: "teamServerNote"
                            textFormat: Text.PlainText
                            // An onramp://server link's server and person, with the same honest word.
                            text: Session.linkNotice.length > 0
                                  ? Session.linkNotice
                                  : qsTr("The app does not connect to a team server yet. For now the command line "
                                         + "does: give it --server URL, or set ONRAMP_SERVER.")
                            wrapMode: Text.Wrap
                            color: Theme.secondaryText
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }

        Item { Layout.fillHeight: true }

        RowLayout {
            Label {
                textFormat: Text.PlainText
                text: qsTr("Onramp %1").arg(AppInfo.version)
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "aboutButton"
                text: qsTr("How Onramp keeps day one safe")
                flat: true
                Accessible.name: text
                onClicked: page.aboutRequested()
            }
        }
    }
}
