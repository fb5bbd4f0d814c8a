pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The signed-in hire's credentials: sandbox ones at once, production ones
// once granted. A secret shows only on request and hides again after 30 s.
Card {
    id: card
    objectName: "credentialsCard"

    property var shown: ({})
    // Bumped every 30 s so that the time left on grants stays current.
    property int tick: 0
    // Signed off, but IT has yet to set a production secret.
    readonly property bool productionAwaitingSecret: creds.credentials.productionAwaitingSecret
    // Signed off, but every production grant has run out.
    readonly property bool productionExpired: creds.credentials.productionExpired
    // At least one sandbox credential the hire may reissue.
    readonly property bool anyReissuable: creds.credentials.anyReissuable
    // The time left on the first production grant to run out; empty when none runs out.
    readonly property string productionTimeLeft: creds.nearestProductionExpiry > 0
                                                 ? card.timeLeft(creds.nearestProductionExpiry) : ""

    // "7 hours 59 minutes left" until \a expiresAtMs, in the language in use.
    // The words come from C++, which no change of language reaches by itself:
    // a binding that calls this reads the tick and the language, and is
    // evaluated again when either changes. (Both are read in the expression,
    // not as statements of their own, which the compiled code would drop
    // along with the dependency.)
    function timeLeft(expiresAtMs: double): string {
        return card.tick >= 0 && Appearance.localeName.length >= 0 ? creds.timeLeft(expiresAtMs) : ""
    }

    CredentialsBackend {
        id: creds
        onRevealed: (id, secret) => {
            const next = Object.assign({}, card.shown)
            next[id] = secret
            card.shown = next
            hideTimer.restart()
        }
        onDone: message => Session.notify(message, false)
        onError: message => Session.notify(message, true)
    }
    Timer {
        interval: 30000
        repeat: true
        running: creds.nearestProductionExpiry > 0
        onTriggered: card.tick++
    }
    // Reloads the moment the first grant runs out, so that it shows as expired at once.
    Timer {
        running: creds.nearestProductionExpiry > 0
        interval: creds.nearestProductionExpiry > 0
                  ? Math.min(2147483647, Math.max(1000, creds.secondsLeft(creds.nearestProductionExpiry) * 1000))
                  : 1000
        onTriggered: creds.reload()
    }
    Timer {
        id: hideTimer
        interval: 30000
        onTriggered: card.shown = ({})
    }
    Connections {
        target: Session
        function onUnlockedChanged() { card.shown = ({}) }
    }
    // Reissuing ends the old secret, wherever it is still in use: asked first.
    Dialog {
        id: reissueDialog
        objectName: "reissueDialog"
        property string credentialId
        property string credentialTitle
        title: qsTr("Reissue %1?").arg(credentialTitle)
        // The title names a person or a checklist: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(440, parent.width - 2 * Theme.pageMargin)
        focus: true
        onOpened: contentItem.forceActiveFocus()
        contentItem: Label {
            objectName: "reissueMessage"
            text: qsTr("A new secret replaces the old one, which stops working at once: anything still using it fails until you give it the new one.")
            wrapMode: Text.WordWrap
            // Enter reissues, Escape (the popup's own) cancels.
            focus: true
            Keys.onReturnPressed: reissueDialog.accept()
            Keys.onEnterPressed: reissueDialog.accept()
        }
        footer: DialogButtonBox {
            Button {
                objectName: "reissueConfirmButton"
                text: qsTr("Reissue")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Reissue %1").arg(reissueDialog.credentialTitle)
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: creds.reissue(credentialId)
    }
    // A reset drops the hire's own sandbox database and makes it again from
    // the template: asked first, in words that say breaking it is fine.
    Dialog {
        id: resetDialog
        objectName: "resetSandboxDialog"
        property string credentialId
        property string credentialTitle
        title: qsTr("Reset %1?").arg(credentialTitle)
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(440, parent.width - 2 * Theme.pageMargin)
        focus: true
        onOpened: contentItem.forceActiveFocus()
        contentItem: Label {
            objectName: "resetSandboxMessage"
            text: qsTr("Your sandbox is yours to break. Reset puts it back as it was on day one.") + " "
                  + qsTr("What you changed in it goes, and your open connections to it are closed.")
            wrapMode: Text.WordWrap
            focus: true
            Keys.onReturnPressed: resetDialog.accept()
            Keys.onEnterPressed: resetDialog.accept()
        }
        footer: DialogButtonBox {
            Button {
                objectName: "resetSandboxConfirmButton"
                text: qsTr("Reset")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Reset %1").arg(resetDialog.credentialTitle)
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: creds.resetSandbox(credentialId)
    }
    // Once a production secret is readable, an export asks first whether it
    // goes into the file: a file outlives the grant, so the sandbox alone is
    // what Enter picks.
    Dialog {
        id: exportScopeDialog
        objectName: "exportScopeDialog"
        property string format: "env"
        title: qsTr("Put the production secret in the file?")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(480, parent.width - 2 * Theme.pageMargin)
        focus: true
        // The keys start on the answer that leaves production out of the file.
        onOpened: sandboxOnlyButton.forceActiveFocus(Qt.TabFocusReason)
        contentItem: Label {
            objectName: "exportScopeMessage"
            text: qsTr("A production secret in a file works until it is changed, wherever the file goes, and after your access ends. Export your sandbox credentials alone unless a tool of yours needs production.")
            wrapMode: Text.WordWrap
        }
        footer: DialogButtonBox {
            Button {
                id: sandboxOnlyButton
                objectName: "exportSandboxOnlyButton"
                text: qsTr("Sandbox only…")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Export the sandbox credentials only")
            }
            Button {
                objectName: "exportWithProductionButton"
                text: qsTr("Include production…")
                DialogButtonBox.buttonRole: Dialog.ActionRole
                Accessible.name: qsTr("Export the sandbox and production credentials")
                onClicked: {
                    exportScopeDialog.close()
                    exportDialog.openFor(exportScopeDialog.format, false)
                }
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: exportDialog.openFor(format, true)
    }
    SaveFileDialog {
        id: exportDialog
        property string format: "env"
        property bool sandboxOnly: false
        host: card
        opener: format === "pgpass" ? pgpassButton : envButton
        suffix: ""
        // Says what the file holds once production could be in it.
        title: !creds.credentials.anyProductionReadable
               ? (format === "pgpass" ? qsTr("Export credentials as a pgpass file") : qsTr("Export credentials as an env file"))
               : sandboxOnly
               ? (format === "pgpass" ? qsTr("Export sandbox credentials as a pgpass file") : qsTr("Export sandbox credentials as an env file"))
               : (format === "pgpass" ? qsTr("Export sandbox and production credentials as a pgpass file")
                                      : qsTr("Export sandbox and production credentials as an env file"))
        acceptLabel: qsTr("Export")
        onChosen: file => creds.exportTo(file, exportDialog.format, exportDialog.sandboxOnly)

        // Opens in the documents folder (or home) with a name that says what the file holds.
        function openFor(chosenFormat, onlySandbox) {
            format = chosenFormat
            sandboxOnly = onlySandbox
            currentFolder = Session.exportFolder()
            selectedFile = creds.exportFileSuggestion(chosenFormat, onlySandbox && creds.credentials.anyProductionReadable)
            open()
        }
    }
    // Asks first when a production secret would go into the file. Unasked,
    // the export keeps to the sandbox: a sign-off that landed after the list
    // was read never puts a production secret in a file nobody agreed to.
    function startExport(chosenFormat) {
        if (creds.credentials.anyProductionReadable) {
            exportScopeDialog.format = chosenFormat
            exportScopeDialog.open()
        } else {
            exportDialog.openFor(chosenFormat, true)
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Credentials")
                font.pixelSize: Theme.headingSize
                font.bold: true
                Layout.fillWidth: true
            }
            Button {
                id: envButton
                objectName: "exportEnv"
                text: qsTr("Export .env…")
                flat: true
                enabled: creds.credentials.anyReadable
                Accessible.name: qsTr("Export credentials as an env file")
                onClicked: card.startExport("env")
            }
            // Only where a credential names a host and a user: a .pgpass line needs both.
            Button {
                id: pgpassButton
                objectName: "exportPgpass"
                text: qsTr("Export .pgpass…")
                flat: true
                visible: creds.credentials.anyPgpass
                Accessible.name: qsTr("Export credentials as a pgpass file")
                onClicked: card.startExport("pgpass")
            }
        }
        Label {
            visible: creds.credentials.count === 0
            text: qsTr("Sandbox credentials are issued when you are enrolled; production ones arrive with your mentor's sign-off.")
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            Layout.fillWidth: true
        }
        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
        // delegate when its model changes; a positioner in the cell holds them.
        Column {
            Layout.fillWidth: true
            Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
            spacing: 10
            Repeater {
                model: creds.credentials
                delegate: ColumnLayout {
                    id: credential
                    required property string credentialId
                    required property string title
                    required property bool production
                    required property string status
                    required property string statusText
                    required property bool awaitingSecret
                    required property bool reissuable
                    required property bool resettable
                    required property bool readable
                    required property string fields
                    required property string explanation
                    required property string expiresAt
                    required property double expiresAtMs
                    required property string issued
                    width: parent ? parent.width : 0
                    spacing: Theme.smallSpacing
                    objectName: "credential-" + credential.credentialId
                    // Read as it is drawn: the title, then the id (what exports and the admin call it).
                    Accessible.role: Accessible.Grouping
                    //: a credential's title, then its id: "Sandbox database (sandbox-db)"
                    Accessible.name: qsTr("%1 (%2)").arg(credential.title).arg(credential.credentialId)
                    // The name has the card's whole width and the tags go on the line below:
                    // beside them in a narrow card a name wraps onto line after line.
                    Label {
                        textFormat: Text.PlainText
                        objectName: "credentialTitle-" + credential.credentialId
                        text: credential.title
                        font.bold: true
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        Accessible.name: credential.title
                        ToolTip.visible: truncated && titleHover.hovered
                        ToolTip.text: credential.title
                        HoverHandler { id: titleHover }
                    }
                    // The id under the title, in the secondary tone: the title is what a person reads first.
                    Label {
                        textFormat: Text.PlainText
                        objectName: "credentialId-" + credential.credentialId
                        text: credential.credentialId
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        Layout.fillWidth: true
                        wrapMode: Text.WrapAnywhere
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.smallSpacing
                        Tag {
                            text: credential.production ? qsTr("production") : qsTr("sandbox")
                            tone: credential.production ? Theme.warning : Theme.success
                        }
                        Tag {
                            objectName: "status-" + credential.credentialId
                            visible: credential.production || !credential.readable
                            text: credential.statusText
                            tone: Theme.credentialTone(credential.readable, credential.status === "locked", credential.awaitingSecret)
                        }
                        Item { Layout.fillWidth: true }
                    }
                    Label { textFormat: Text.PlainText; text: credential.fields; color: Theme.secondaryText; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    // When a generated sandbox secret was made: after a reissue or a
                    // passphrase reset, the day it became the one to use.
                    Label {
                        textFormat: Text.PlainText
                        objectName: "issued-" + credential.credentialId
                        visible: credential.issued.length > 0
                        text: credential.issued
                        color: Theme.secondaryText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "expires-" + credential.credentialId
                        visible: credential.expiresAtMs > 0 && credential.readable
                        text: qsTr("%1 · until %2").arg(card.timeLeft(credential.expiresAtMs)).arg(credential.expiresAt)
                        color: Theme.secondaryText
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "explanation-" + credential.credentialId
                        visible: !credential.readable
                        text: credential.explanation
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    // The secret's line: dots while hidden, the secret itself once revealed,
                    // across the card's whole width so that a password fits on one line (a
                    // longer one wraps anywhere, never cut at the edge). It is as tall hidden
                    // as revealed, so nothing below it moves when Reveal is clicked.
                    Item {
                        visible: credential.readable
                        Layout.fillWidth: true
                        implicitHeight: Math.max(secretArea.implicitHeight, secretHidden.implicitHeight)
                        Label {
                            id: secretHidden
                            objectName: "secretHidden-" + credential.credentialId
                            visible: !secretArea.visible
                            x: secretArea.leftPadding
                            anchors.verticalCenter: parent.verticalCenter
                            text: "••••••••••••"
                            color: Theme.secondaryText
                            font.family: "monospace"
                            Accessible.ignored: true
                        }
                        TextArea {
                            id: secretArea
                            objectName: "secret-" + credential.credentialId
                            visible: !!card.shown[credential.credentialId]
                            readOnly: true
                            // A Tab stop (to select and read the secret): Fusion draws no
                            // frame round a TextArea, so its focus is ringed here, just
                            // outside the text, which starts where the lines above do.
                            leftPadding: 0
                            rightPadding: 0
                            background: Rectangle {
                                x: -4
                                width: secretArea.width + 8
                                height: secretArea.height
                                color: "transparent"
                                radius: 4
                                border.width: secretArea.activeFocus ? 2 : 0
                                border.color: Theme.focusRing
                            }
                            selectByMouse: true
                            wrapMode: TextEdit.WrapAnywhere
                            text: card.shown[credential.credentialId] || ""
                            font.family: "monospace"
                            width: parent.width
                            Accessible.name: qsTr("Secret of %1").arg(credential.title)
                        }
                    }
                    RowLayout {
                        visible: credential.readable
                        // As wide as its wider word: Hide stands where Reveal was.
                        ShowHideButton {
                            objectName: "reveal-" + credential.credentialId
                            checkable: false
                            showText: qsTr("Reveal")
                            shown: !!card.shown[credential.credentialId]
                            Accessible.name: text + " " + credential.title
                            onClicked: {
                                if (card.shown[credential.credentialId]) {
                                    const next = Object.assign({}, card.shown)
                                    delete next[credential.credentialId]
                                    card.shown = next
                                } else {
                                    creds.reveal(credential.credentialId)
                                }
                            }
                        }
                        Button {
                            objectName: "copy-" + credential.credentialId
                            text: qsTr("Copy")
                            Accessible.name: qsTr("Copy the secret of %1").arg(credential.title)
                            onClicked: creds.copy(credential.credentialId)
                        }
                        Button {
                            objectName: "reissue-" + credential.credentialId
                            visible: credential.reissuable
                            text: qsTr("Reissue…")
                            Accessible.name: qsTr("Reissue %1").arg(credential.title)
                            onClicked: {
                                reissueDialog.credentialId = credential.credentialId
                                reissueDialog.credentialTitle = credential.title
                                reissueDialog.open()
                            }
                        }
                    }
                    Button {
                        objectName: "resetSandbox-" + credential.credentialId
                        visible: credential.readable && credential.resettable
                        text: qsTr("Reset my sandbox database…")
                        Accessible.name: qsTr("Reset my sandbox database of %1").arg(credential.title)
                        onClicked: {
                            resetDialog.credentialId = credential.credentialId
                            resetDialog.credentialTitle = credential.title
                            resetDialog.open()
                        }
                    }
                }
            }
        }
    }
}
