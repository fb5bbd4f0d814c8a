import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The settings the gear opens (SettingsButton): light or dark, the language,
// and once a vault is open the idle lock and the vault's fingerprint. A file
// of its own, loaded when the gear is first opened: a page that shows the
// gear loads neither it nor the spin box, choice boxes and fields in it.
// Its texts keep the translation context they have always had, the header's.
Popup {
    id: popup
    objectName: "settingsPopup"
    // The gear that opened it, under which it shows.
    required property SettingsButton button
    y: popup.button.height
    x: popup.button.width - width
    // Inside the window whatever the size of either: the popup moves in
    // from an edge it would pass, and it never grows past the window.
    margins: Theme.mediumSpacing
    padding: Theme.popupPadding
    focus: true
    // Closed by Escape (or a click on nothing that takes the keys), the
    // keys go back to the gear, shown, so that Tab goes on from there.
    onClosed: {
        const focused = popup.button.Window.activeFocusItem
        if (popup.button.changePassphrase && popup.button.changePassphrase.visible)
            return
        if (!focused || focused === popup.button || focused === popup.button.Window.contentItem) {
            popup.button.forceActiveFocus(Qt.TabFocusReason)
            popup.button.focusReason = Qt.TabFocusReason
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
                textFormat: Text.PlainText
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
                    popup.button.openChangePassphrase()
                }
            }
            // What another desktop did that awaits or concerns the person, told by the desktop.
            Switch {
                objectName: "notificationsSwitch"
                visible: Session.unlocked
                text: qsTranslate("AppHeader", "Desktop notifications")
                checked: Notifications.enabled
                Accessible.name: qsTranslate("AppHeader", "Desktop notifications")
                Accessible.description: Session.role === "admin"
                                        ? qsTranslate("AppHeader", "When production access will expire, has expired or was revoked")
                                        : Session.role === "mentor"
                                          ? qsTranslate("AppHeader", "When a step awaits your review, and when production access will expire, has expired or was revoked")
                                          : qsTranslate("AppHeader", "When a step is approved or changes are asked, when production access is signed off, will expire, has expired or was revoked")
                onToggled: Notifications.enabled = checked
            }
            Label {
                visible: Session.unlocked
                text: qsTranslate("AppHeader", "Warn before production access expires:")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                visible: Session.unlocked
                spacing: Theme.smallSpacing
                SpinBox {
                    objectName: "expiryWarningHours"
                    from: 1
                    to: 720
                    value: Notifications.expiryWarningHours
                    editable: true
                    Accessible.name: qsTranslate("AppHeader", "Hours of warning before production access expires")
                    onValueModified: Notifications.expiryWarningHours = value
                }
                Label { text: qsTranslate("AppHeader", "hours ahead") }
            }
            // The warning never comes before half a grant's time (Notifications' warnWithin): an 8-hour
            // grant is not told as expiring the moment it is given.
            Label {
                objectName: "expiryWarningNote"
                visible: Session.unlocked
                textFormat: Text.PlainText
                text: qsTranslate("AppHeader", "A shorter grant is warned about halfway through it.")
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            // The count of what awaits the person, on the dock's or task manager's entry.
            Switch {
                objectName: "launcherBadgeSwitch"
                visible: Session.unlocked
                text: qsTranslate("AppHeader", "Count on the launcher")
                checked: Badge.launcherEnabled
                Accessible.name: qsTranslate("AppHeader", "Count on the launcher")
                Accessible.description: qsTranslate("AppHeader", "How many things await you, on the app's entry in the dock or task manager")
                onToggled: Badge.launcherEnabled = checked
            }
            Label {
                textFormat: Text.PlainText
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
                textFormat: Text.PlainText
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
                    Layout.preferredWidth: Math.ceil(fingerprintMetrics.advanceWidth) + leftPadding + rightPadding + 12
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
            // What the fingerprint is for, in sight and not only for a screen reader.
            Label {
                objectName: "vaultFingerprintHint"
                visible: Session.vaultFingerprint.length > 0
                text: qsTranslate("AppHeader", "The same on every desktop that opens this vault. If the admin who made it reads you another, this is not your team's vault: sign out and ask them.")
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.maximumWidth: 360
            }
        }
    }
}
