pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
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
    // The time left on the first production grant to run out; empty when none runs out.
    // (The tick is read in the expression, not as a statement of its own, which
    // the compiled binding would drop along with the dependency.)
    readonly property string productionTimeLeft: card.tick >= 0 && creds.nearestProductionExpiry > 0
                                                 ? creds.timeLeft(creds.nearestProductionExpiry) : ""

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
    FileDialog {
        id: exportDialog
        property string format: "env"
        fileMode: FileDialog.SaveFile
        onAccepted: creds.exportTo(selectedFile, format)
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
                text: qsTr("Export .env…")
                flat: true
                enabled: creds.credentials.anyReadable
                Accessible.name: qsTr("Export credentials as an env file")
                onClicked: { exportDialog.format = "env"; exportDialog.open() }
            }
            Button {
                text: qsTr("Export .pgpass…")
                flat: true
                enabled: creds.credentials.anyReadable
                Accessible.name: qsTr("Export credentials as a pgpass file")
                onClicked: { exportDialog.format = "pgpass"; exportDialog.open() }
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
                    required property bool readable
                    required property string fields
                    required property string explanation
                    required property string expiresAt
                    required property double expiresAtMs
                    width: parent ? parent.width : 0
                    spacing: Theme.smallSpacing
                    objectName: "credential-" + credential.credentialId
                    RowLayout {
                        Layout.fillWidth: true
                        Label { text: credential.title; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight }
                        Tag {
                            text: credential.production ? qsTr("production") : qsTr("sandbox")
                            tone: credential.production ? Theme.warning : Theme.success
                        }
                        Tag {
                            objectName: "status-" + credential.credentialId
                            visible: credential.production || !credential.readable
                            text: credential.status
                            tone: credential.readable ? Theme.success : Theme.danger
                        }
                    }
                    Label { text: credential.fields; color: Theme.secondaryText; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    Label {
                        objectName: "expires-" + credential.credentialId
                        visible: credential.expiresAtMs > 0 && credential.readable
                        text: card.tick >= 0 ? qsTr("%1 · until %2").arg(creds.timeLeft(credential.expiresAtMs)).arg(credential.expiresAt) : ""
                        color: Theme.secondaryText
                    }
                    Label {
                        visible: !credential.readable
                        text: credential.explanation
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        visible: credential.readable
                        TextField {
                            objectName: "secret-" + credential.credentialId
                            readOnly: true
                            text: card.shown[credential.credentialId] || ""
                            placeholderText: "••••••••••••"
                            font.family: "monospace"
                            Layout.fillWidth: true
                            Accessible.name: qsTr("Secret of %1").arg(credential.title)
                        }
                        Button {
                            objectName: "reveal-" + credential.credentialId
                            text: card.shown[credential.credentialId] ? qsTr("Hide") : qsTr("Reveal")
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
                            visible: !credential.production
                            text: qsTr("Reissue")
                            Accessible.name: qsTr("Reissue %1").arg(credential.title)
                            onClicked: creds.reissue(credential.credentialId)
                        }
                    }
                }
            }
        }
    }
}
