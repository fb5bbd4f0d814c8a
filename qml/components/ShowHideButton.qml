import QtQuick
import QtQuick.Controls
import Onramp

// Show or Hide what a password field (or a secret) holds, as wide as its
// wider word, so that nothing beside it moves when the word changes. For a
// field it is checkable and the field's echo mode follows `checked`; the
// credentials card keeps what is shown itself and binds `shown`. The
// accessible name, which says what is shown, is the caller's.
Button {
    id: button

    /// The word while hidden: "Show", or the caller's ("Reveal"); "Hide" while shown.
    property string showText: qsTr("Show")
    /// Whether what it hides is shown now: checked, unless the caller says.
    property bool shown: checked

    checkable: true
    text: shown ? qsTr("Hide") : showText
    TextMetrics { id: showWord; font: button.font; text: button.showText }
    TextMetrics { id: hideWord; font: button.font; text: qsTr("Hide") }
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            Math.ceil(Math.max(showWord.advanceWidth, hideWord.advanceWidth)) + leftPadding + rightPadding)
}
