import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The gear that opens the settings: light or dark, the language, and once a
// vault is open the idle lock and the vault's fingerprint. The same button
// sits in the signed-in header and on the Welcome and Sign-in pages, so that
// a language chosen by mistake can be switched back before any vault is open.
// Its texts keep the translation context they have always had, the header's.
ToolButton {
    id: button

    objectName: "settingsButton"
    text: "\u2699"
    Accessible.name: qsTranslate("AppHeader", "Settings")
    // Not over the popup the button opens.
    ToolTip.visible: hovered && !(settings && settings.visible)
    ToolTip.text: qsTranslate("AppHeader", "Settings")
    onClicked: openSettings()
    // Space clicks the button; Enter opens the settings too.
    Keys.onReturnPressed: openSettings()
    Keys.onEnterPressed: openSettings()

    // The popup is made when first opened, like the dialog below: a page
    // that shows the gear starts without its spin box, choice boxes and
    // fields (a child of the button, so found under it once made).
    property Popup settings: null
    function openSettings() {
        if (!settings)
            settings = settingsComponent.createObject(button, { parent: button }) as Popup
        settings.open()
    }

    // The dialog is made when first opened: the welcome and sign-in pages,
    // which show this button with no vault open, start without it.
    property ChangePassphraseDialog changePassphrase: null
    function openChangePassphrase() {
        if (!changePassphrase)
            changePassphrase = changePassphraseComponent.createObject(button, { parent: button.Overlay.overlay }) as ChangePassphraseDialog
        changePassphrase.open()
    }
    Component {
        id: changePassphraseComponent
        ChangePassphraseDialog {}
    }

    Component {
        id: settingsComponent
        Popup {
            id: popup
            objectName: "settingsPopup"
            y: button.height // qmllint disable unqualified
            x: button.width - width // qmllint disable unqualified
            // Inside the window whatever the size of either: the popup moves in
            // from an edge it would pass, and it never grows past the window.
            margins: Theme.mediumSpacing
            padding: Theme.popupPadding
            focus: true
            // Closed by Escape (or a click on nothing that takes the keys), the
            // keys go back to the gear, shown, so that Tab goes on from there.
            onClosed: {
                const focused = button.Window.activeFocusItem
                if (button.changePassphrase && button.changePassphrase.visible)
                    return
                if (!focused || focused === button || focused === button.Window.contentItem) {
                    button.forceActiveFocus(Qt.TabFocusReason)
                    button.focusReason = Qt.TabFocusReason
                }
            }
            // Framed on the window in both appearances.
            background: Rectangle {
                color: Appearance.colors.window
                border.color: Theme.frame
                border.width: 1
                radius: 6
            }
            // Qt 6.4 does not pass a change of palette on from a popup to
            // what it holds; an item does, so the pane takes the colours
            // and the controls follow a switch of appearance while open.
            Pane {
                padding: 0
                background: null
                palette.window: Appearance.colors.window
                palette.active.windowText: Appearance.colors.windowText
                palette.inactive.windowText: Appearance.colors.windowText
                palette.base: Appearance.colors.base
                palette.active.text: Appearance.colors.text
                palette.inactive.text: Appearance.colors.text
                palette.active.button: Appearance.colors.button
                palette.inactive.button: Appearance.colors.button
                palette.active.buttonText: Appearance.colors.buttonText
                palette.inactive.buttonText: Appearance.colors.buttonText
                palette.highlight: Theme.highlight
                palette.highlightedText: Appearance.colors.highlightedText
                palette.light: Appearance.colors.light
                palette.midlight: Appearance.colors.midlight
                palette.mid: Appearance.colors.mid
                palette.dark: Appearance.colors.dark
                palette.shadow: Appearance.colors.shadow
                palette.disabled.text: Appearance.colors.disabledText
                palette.disabled.windowText: Appearance.colors.disabledText
                palette.disabled.buttonText: Appearance.colors.disabledText
                palette.disabled.button: Appearance.colors.disabledButton

                ColumnLayout {
                    spacing: Theme.mediumSpacing
                    Label {
                        text: qsTranslate("AppHeader", "Lock automatically after")
                        font.bold: true
                        visible: Session.unlocked
                    }
                    RowLayout {
                        visible: Session.unlocked
                        SpinBox {
                            objectName: "idleLockMinutes"
                            from: 1
                            to: 240
                            value: Session.idleLockMinutes
                            editable: true
                            Accessible.name: qsTranslate("AppHeader", "Minutes of inactivity before locking")
                            onValueModified: Session.idleLockMinutes = value
                        }
                        Label { text: qsTranslate("AppHeader", "minutes without activity") }
                    }
                    Button {
                        objectName: "changePassphraseButton"
                        visible: Session.unlocked
                        text: qsTranslate("AppHeader", "Change passphrase…")
                        Accessible.name: qsTranslate("AppHeader", "Change your passphrase")
                        onClicked: {
                            popup.close()
                            button.openChangePassphrase() // qmllint disable unqualified
                        }
                    }
                    Label {
                        text: qsTranslate("AppHeader", "Appearance")
                        font.bold: true
                        Layout.topMargin: Session.unlocked ? Theme.mediumSpacing : 0
                    }
                    ChoiceBox {
                        objectName: "appearanceMode"
                        textRole: "text"
                        valueRole: "value"
                        Layout.fillWidth: true
                        // Room for the longest entry in each language ("Follow the system",
                        // "Dem System folgen"): before sign-in nothing else widens the popup.
                        Layout.minimumWidth: 240
                        model: [
                            { value: "system", text: qsTranslate("AppHeader", "Follow the system") },
                            { value: "light", text: qsTranslate("AppHeader", "Light") },
                            { value: "dark", text: qsTranslate("AppHeader", "Dark") }
                        ]
                        value: Appearance.mode
                        Accessible.name: qsTranslate("AppHeader", "Appearance: light, dark or following the system")
                        onActivated: Appearance.mode = currentValue
                    }
                    Label { text: qsTranslate("AppHeader", "Language"); font.bold: true; Layout.topMargin: Theme.mediumSpacing }
                    ChoiceBox {
                        objectName: "languageChoice"
                        textRole: "text"
                        valueRole: "value"
                        Layout.fillWidth: true
                        // Room for the longest entry in each language ("Follow the system",
                        // "Dem System folgen"): before sign-in nothing else widens the popup.
                        Layout.minimumWidth: 240
                        // Each language names itself, so that a person who
                        // cannot read the current one still finds their own.
                        model: [
                            { value: "system", text: qsTranslate("AppHeader", "Follow the system") },
                            { value: "en", text: "English" },
                            { value: "de", text: "Deutsch" }
                        ]
                        value: Appearance.language
                        Accessible.name: qsTranslate("AppHeader", "Language: English, Deutsch or following the system")
                        onActivated: Appearance.language = currentValue
                    }
                    Label {
                        text: qsTranslate("AppHeader", "Vault fingerprint")
                        font.bold: true
                        Layout.topMargin: Theme.mediumSpacing
                        visible: Session.vaultFingerprint.length > 0
                    }
                    RowLayout {
                        visible: Session.vaultFingerprint.length > 0
                        // Read-only but selectable; Copy puts it on the clipboard.
                        TextField {
                            id: fingerprint
                            objectName: "vaultFingerprint"
                            text: Session.vaultFingerprint
                            readOnly: true
                            selectByMouse: true
                            font.family: "monospace"
                            // As wide as the fingerprint, which never changes while shown.
                            Layout.preferredWidth: fingerprintMetrics.advanceWidth + leftPadding + rightPadding + 4
                            TextMetrics {
                                id: fingerprintMetrics
                                font: fingerprint.font
                                text: fingerprint.text
                            }
                            Accessible.name: qsTranslate("AppHeader", "Vault fingerprint, to check with the admin who made the vault")
                        }
                        Button {
                            objectName: "copyFingerprint"
                            text: qsTranslate("AppHeader", "Copy")
                            Accessible.name: qsTranslate("AppHeader", "Copy the vault fingerprint")
                            onClicked: {
                                fingerprint.selectAll()
                                fingerprint.copy()
                                fingerprint.deselect()
                            }
                        }
                    }
                }
            }
        }
    }
}
