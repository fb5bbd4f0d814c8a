import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The first sign-in with a handed-over passphrase: the person chooses their
// own, typed twice, before anything else opens. Signing out goes back to the
// sign-in card.
Card {
    id: card
    objectName: "choosePassphraseCard"

    // Shown: the new passphrase takes the keys at once. Hidden (chosen, or
    // locked): nothing typed stays in the fields.
    onVisibleChanged: {
        if (visible) {
            newPassphrase.forceActiveFocus()
        } else {
            newPassphrase.clear()
            repeated.clear()
            showPassphrase.checked = false
        }
    }

    // What the vault's rule says of the new passphrase (too short, say); empty when it may be saved.
    readonly property string problem: Session.passphraseProblem(newPassphrase.text)

    // A repeat that differs from the passphrase, said as it is typed.
    readonly property bool mismatch: repeated.text.length > 0 && repeated.text !== newPassphrase.text

    function submit() {
        if (save.enabled)
            save.clicked()
    }

    // A refusal keeps what was typed, selected, so the next keys replace it
    // and a save that failed for another reason can simply be pressed again.
    Connections {
        target: Session
        enabled: card.visible
        function onErrorChanged() {
            if (Session.error.length > 0) {
                newPassphrase.forceActiveFocus()
                newPassphrase.selectAll()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        PageHeading {
            title: qsTr("Choose your passphrase")
            subtitle: qsTr("The one you were handed is known to whoever handed it over.")
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Choose a passphrase only you know. You will sign in with it from now on; the one you were handed stops working.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        // A hire's reset issued their sandbox credentials again: what they kept of the old ones stopped working.
        Label {
            id: renewedNote
            objectName: "sandboxRenewedByReset"
            visible: Session.sandboxRenewedByReset
            text: qsTr("Your passphrase was reset, so the sandbox secrets Onramp makes for you are new: update anything that still uses the old ones (an exported .env file, say) from your Home page.")
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.warning
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Label { id: newPassphraseLabel; text: qsTr("New passphrase") }
        // Show reads back both fields, so that a typing slip is seen before it is saved.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.smallSpacing
            TextField {
                id: newPassphrase
                objectName: "choosePassphrase"
                label: newPassphraseLabel
                // A screen reader meets the reset's notice with the field the keys start in.
                description: renewedNote.visible ? renewedNote.text : ""
                echoMode: showPassphrase.checked ? TextInput.Normal : TextInput.Password
                Layout.fillWidth: true
                // The last refusal was about what was typed before: typing again clears it.
                onTextEdited: Session.clearError()
                onAccepted: repeated.forceActiveFocus()
            }
            ShowHideButton {
                id: showPassphrase
                objectName: "choosePassphraseShow"
                Accessible.name: checked ? qsTr("Hide the new passphrase") : qsTr("Show the new passphrase")
            }
        }
        Label { id: repeatedLabel; text: qsTr("Repeat the new passphrase") }
        TextField {
            id: repeated
            objectName: "choosePassphraseRepeat"
            label: repeatedLabel
            echoMode: showPassphrase.checked ? TextInput.Normal : TextInput.Password
            Layout.fillWidth: true
            // As wide as the field above it, beside Show.
            Layout.rightMargin: showPassphrase.width + Theme.smallSpacing
            onTextEdited: Session.clearError()
            onAccepted: card.submit()
        }
        Label {
            textFormat: Text.PlainText
            objectName: "choosePassphraseHint"
            readonly property string hint: Session.passphraseHint(newPassphrase.text)
            visible: Session.error.length === 0 && !card.mismatch && hint.length > 0
            text: hint
            // Said plainly once both fields are filled and the button stays held because of it.
            color: card.problem.length > 0 && repeated.text.length > 0 ? Theme.danger : Theme.secondaryText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "choosePassphraseMismatch"
            visible: card.mismatch
            text: qsTr("The two passphrases do not match yet. Type the same passphrase in both fields.")
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Label {
            textFormat: Text.PlainText
            objectName: "choosePassphraseError"
            visible: Session.error.length > 0
            text: Session.error
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Button {
                id: save
                objectName: "choosePassphraseButton"
                text: Session.busy ? qsTr("Saving…") : qsTr("Save and continue")
                highlighted: true
                // Held until the passphrase meets the rule the hint states and the repeat matches it.
                enabled: !Session.busy && newPassphrase.text.length > 0 && card.problem.length === 0
                         && repeated.text.length > 0 && !card.mismatch
                Accessible.name: qsTr("Save the new passphrase and continue")
                Accessible.description: card.problem
                onClicked: Session.choosePassphrase(newPassphrase.text, repeated.text)
            }
            Button {
                objectName: "choosePassphraseCancel"
                // The word the header's button and Ctrl+L use for the same act.
                text: qsTr("Lock")
                flat: true
                enabled: !Session.busy
                Accessible.name: qsTr("Lock without choosing a passphrase")
                onClicked: Session.lock()
            }
            BusyIndicator {
                running: Session.busy
                visible: running
                implicitWidth: 28
                implicitHeight: 28
                Accessible.name: qsTr("Saving the new passphrase")
            }
        }
    }
}
