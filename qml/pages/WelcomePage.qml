import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// First run: create a vault (the first admin) or open the demo vault.
Page {
    id: page
    objectName: "welcome"

    signal aboutRequested()

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

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 10
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
                    TextField {
                        id: adminName
                        objectName: "adminName"
                        placeholderText: qsTr("Your user name, e.g. ada")
                        Accessible.name: qsTr("Admin user name")
                        Layout.fillWidth: true
                        focus: true
                        KeyNavigation.tab: adminDisplay
                    }
                    TextField {
                        id: adminDisplay
                        objectName: "adminDisplay"
                        placeholderText: qsTr("Your full name")
                        Accessible.name: qsTr("Admin full name")
                        Layout.fillWidth: true
                        KeyNavigation.tab: passphrase
                    }
                    TextField {
                        id: passphrase
                        objectName: "passphrase"
                        placeholderText: qsTr("Passphrase")
                        echoMode: TextInput.Password
                        Accessible.name: qsTr("Passphrase")
                        Layout.fillWidth: true
                        KeyNavigation.tab: repeated
                    }
                    TextField {
                        id: repeated
                        objectName: "passphraseRepeated"
                        placeholderText: qsTr("The same passphrase again")
                        echoMode: TextInput.Password
                        Accessible.name: qsTr("Repeat the passphrase")
                        Layout.fillWidth: true
                        onAccepted: createButton.clicked()
                    }
                    // Two lines kept for it, the most a hint takes here: the
                    // button below stays put as the hint grows and shrinks.
                    Label {
                        id: strengthHint
                        objectName: "passphraseStrength"
                        textFormat: Text.PlainText
                        readonly property string hint: Session.passphraseHint(passphrase.text)
                        text: hint.length > 0 ? hint : qsTr("Strong passphrase.")
                        color: hint.length > 0 ? Theme.warning : Theme.success
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Layout.minimumHeight: Math.ceil(2 * hintMetrics.height) + 2
                        FontMetrics { id: hintMetrics; font: strengthHint.font }
                    }
                    Label {
                        textFormat: Text.PlainText
                        visible: Session.error.length > 0
                        text: Session.error
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        Button {
                            id: createButton
                            objectName: "createVaultButton"
                            text: qsTr("Create vault")
                            highlighted: true
                            enabled: !Session.busy && adminName.text.length > 0
                            Accessible.name: text
                            onClicked: Session.createVault(adminName.text, adminDisplay.text, passphrase.text, repeated.text)
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

            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2

                EmptyState {
                    anchors.centerIn: parent
                    width: parent.width
                    iconSource: "qrc:/icons/shield.svg"
                    title: qsTr("Just looking around?")
                    text: qsTr("The demo vault has a demo admin, mentor and hire with a sample checklist. "
                               + "Its passphrases are shown on the sign-in screen.")
                    actionText: qsTr("Open the demo vault")
                    onActionTriggered: Session.openDemo()
                }
            }
        }

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
