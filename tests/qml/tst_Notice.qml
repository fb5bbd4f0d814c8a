import QtQuick
import QtTest
import Onramp

// Notice: a confirmation hides itself, an error stays until dismissed; the
// message is a bubble of its own, an alert a screen reader finds only while
// it shows.
TestCase {
    id: testCase
    name: "Notice"
    when: windowShown
    visible: true
    width: 800
    height: 200

    Component {
        id: noticeComponent
        Notice {}
    }

    function test_confirmationHidesByItself() {
        const notice = createTemporaryObject(noticeComponent, testCase)
        notice.show("Saved", false)
        verify(notice.visible)
        const label = findChild(notice, "noticeText")
        verify(label)
        compare(label.text, "Saved")
        compare(label.parent.Accessible.role, Accessible.AlertMessage)
        compare(label.parent.Accessible.name, "Saved")
        tryCompare(notice, "visible", false, 6000)
        // Gone, its bubble is gone with it.
        tryVerify(() => findChild(notice, "noticeText") === null)
    }

    function test_errorStaysUntilDismissed() {
        const notice = createTemporaryObject(noticeComponent, testCase)
        notice.show("The vault is busy", true)
        // A confirmation shown after the error hides itself; by then any
        // timer the error could have started has fired too.
        const confirmation = createTemporaryObject(noticeComponent, testCase)
        confirmation.show("Saved", false)
        tryCompare(confirmation, "visible", false, 30000)
        verify(notice.visible)
        const close = findChild(notice, "noticeClose")
        verify(close)
        mouseClick(close)
        compare(notice.visible, false)
    }

    // Focused by the keys, the dismiss button keeps its white cross on the
    // notice's dark surface and shows a white ring; no light face hides it.
    function test_dismissShowsItsFocusWithoutHidingTheCross() {
        const notice = createTemporaryObject(noticeComponent, testCase)
        notice.show("The vault is busy", true)
        const close = findChild(notice, "noticeClose")
        verify(close)
        close.forceActiveFocus(Qt.TabFocusReason)
        tryVerify(() => close.visualFocus)
        const face = findChild(close, "noticeCloseFace")
        verify(face)
        compare(face.border.width, 2)
        compare(String(face.border.color), "#ffffff")
        compare(face.color.a, 0)
        compare(String(close.palette.buttonText), "#ffffff")
    }
}
