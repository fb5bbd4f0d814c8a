import QtQuick
import QtTest
import Onramp

// PassphraseDialog: confirming with nothing typed says what is missing and
// confirms nothing, rather than an act failing on an empty passphrase ("That
// passphrase is not right"); with one typed, it confirms it, closing at once
// or, waiting for the result, once the act succeeded.
TestCase {
    id: testCase
    name: "PassphraseDialog"
    when: windowShown
    visible: true
    width: 800
    height: 600

    Component {
        id: dialogComponent
        PassphraseDialog {
            message: "Sign off?"
        }
    }

    SignalSpy {
        id: spy
        signalName: "confirmed"
    }

    function test_nothingTypedConfirmsNothing_data() {
        return [
            { tag: "closes at once", waits: false },
            { tag: "waits for the result", waits: true }
        ]
    }

    function test_nothingTypedConfirmsNothing(data) {
        const dialog = createTemporaryObject(dialogComponent, testCase, { waitsForResult: data.waits })
        verify(dialog)
        spy.clear()
        spy.target = dialog
        dialog.open()
        tryCompare(dialog, "opened", true)
        const button = findChild(dialog.footer, "confirmButton")
        verify(button)
        mouseClick(button)
        compare(spy.count, 0)
        compare(dialog.visible, true)
        compare(dialog.error, "Type your passphrase first.")
        const error = findChild(dialog.contentItem, "confirmPassphraseError")
        verify(error.visible)

        // Typing clears the note; confirming then hands the passphrase over.
        const field = findChild(dialog.contentItem, "confirmPassphrase")
        field.forceActiveFocus()
        keyClick(Qt.Key_S)
        keyClick(Qt.Key_E)
        compare(dialog.error, "")
        mouseClick(button)
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], "se")
        if (data.waits) {
            compare(dialog.visible, true)
            dialog.succeeded()
        }
        tryCompare(dialog, "visible", false)
    }
}
