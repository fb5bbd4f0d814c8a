import QtQuick
import QtQuick.Controls
import Onramp

// Show or Hide what a password field holds: checkable, and as wide as its
// wider word, so that the field beside it does not change width when the
// word does. The field's echo mode follows `checked`; the accessible name,
// which says what is shown, is the caller's.
Button {
    id: button

    checkable: true
    text: checked ? qsTr("Hide") : qsTr("Show")
    TextMetrics { id: showWord; font: button.font; text: qsTr("Show") }
    TextMetrics { id: hideWord; font: button.font; text: qsTr("Hide") }
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            Math.ceil(Math.max(showWord.advanceWidth, hideWord.advanceWidth)) + leftPadding + rightPadding)
}
