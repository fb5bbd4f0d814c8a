import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Templates as T
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
    // Not over the popup the button opens. The tip is the style's, made when
    // first shown; named through the templates so that its file is not loaded
    // with every page that shows the gear.
    T.ToolTip.visible: hovered && !(settings && settings.visible)
    T.ToolTip.text: qsTranslate("AppHeader", "Settings")
    onClicked: openSettings()
    // Space clicks the button; Enter opens the settings too.
    Keys.onReturnPressed: openSettings()
    Keys.onEnterPressed: openSettings()

    // The popup is made when first opened, like the dialog below, from its
    // file (SettingsPopup.qml): a page that shows the gear neither makes
    // nor loads its spin box, choice boxes and fields (a child of the
    // button, so found under it once made). Its property is not typed
    // Popup, nor the dialog's Dialog: naming the style's types would load
    // their files (and the dialog's button box) at start-up all the same.
    property var settings: null
    function openSettings() {
        if (!settings)
            settings = Qt.createComponent(Qt.resolvedUrl("SettingsPopup.qml")).createObject(button, { parent: button, button: button })
        settings.open()
    }

    // The dialog is made when first opened, from its file: the welcome and
    // sign-in pages, which show this button with no vault open, start
    // without it and without loading it.
    property var changePassphrase: null
    function openChangePassphrase() {
        if (!changePassphrase)
            changePassphrase = Qt.createComponent(Qt.resolvedUrl("ChangePassphraseDialog.qml")).createObject(button, { parent: button.Overlay.overlay })
        changePassphrase.open()
    }
}
