import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// After People › Add person: the first passphrase the admin gave, to hand
// over in person, with Copy (the clipboard forgets it after its timeout). It
// stays until the admin closes it with its button: a notice that fades
// away took the passphrase with it. Closing forgets the passphrase.
Dialog {
    id: dialog

    // Whom it is for, and their passphrase; set by show().
    property string who: ""
    property string whoShown: ""
    property string passphrase: ""
    // Whether it follows a reset (a new passphrase) rather than an add.
    property bool afterReset: false

    // Opens the dialog for \a name (\a shownName) and their first \a
    // passphrase; \a reset when an admin reset their passphrase to it.
    function show(name, shownName, passphrase, reset) {
        // The passphrase copied for the person before is taken off the
        // clipboard, and Copy says "Copy" again: "Copied" would be a lie
        // about this one.
        clipboard.clearNow()
        dialog.afterReset = reset === true
        dialog.who = name
        dialog.whoShown = shownName.length > 0 ? shownName : name
        dialog.passphrase = passphrase
        dialog.open()
    }

    objectName: "firstPassphraseDialog"
    title: dialog.afterReset ? qsTr("New passphrase of %1").arg(dialog.whoShown)
                             : qsTr("First passphrase of %1").arg(dialog.whoShown)
    // The title names a person or a checklist: text, never markup.
    Component.onCompleted: header.textFormat = Text.PlainText
    modal: true
    // Only its button closes it: a click beside it or Escape would lose the passphrase unseen.
    closePolicy: Popup.NoAutoClose
    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: Math.round((parent.height - height) / 2)
    width: Math.min(480, parent.width - 2 * Theme.largeSpacing)
    focus: true
    onOpened: copyButton.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
    // Forgets the passphrase through the binding of the text shown: assigning
    // that text would end its binding and leave the next person's dialog blank.
    onClosed: dialog.passphrase = ""

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            objectName: "firstPassphraseText"
            text: qsTr("Hand this passphrase to %1 in person, never by mail or chat. They sign in as “%2” with it once and then choose their own.").arg(dialog.whoShown).arg(dialog.who)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
            // Read-only but selectable; wraps rather than being cut.
            TextEdit {
                id: shown
                objectName: "firstPassphrase"
                text: dialog.passphrase
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.WrapAtWordBoundaryOrAnywhere
                font.family: "monospace"
                font.pixelSize: Theme.headingSize
                color: palette.windowText
                selectionColor: palette.highlight
                selectedTextColor: palette.highlightedText
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("First passphrase of %1").arg(dialog.whoShown)
            }
            Button {
                id: copyButton
                objectName: "firstPassphraseCopy"
                text: clipboard.holding ? qsTr("Copied") : qsTr("Copy")
                Accessible.name: qsTr("Copy the first passphrase of %1").arg(dialog.whoShown)
                onClicked: clipboard.copy(dialog.passphrase)
            }
        }
        Label {
            textFormat: Text.PlainText
            objectName: "firstPassphraseNote"
            // Escape and a click beside it do nothing here, on purpose: said, not left to be guessed.
            text: qsTr("The clipboard forgets it after %n second(s). Only Done closes this window, so that the passphrase is not lost unseen.", "", Math.round(clipboard.timeoutMs / 1000))
            color: Theme.secondaryText
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
    SecretClipboard {
        id: clipboard
    }
    footer: DialogButtonBox {
        Button {
            objectName: "firstPassphraseDone"
            text: qsTr("Done")
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: qsTr("Close: the passphrase is handed over or noted")
        }
    }
}
