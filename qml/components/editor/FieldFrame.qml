import QtQuick
import Onramp

// The background of a multi-line field in the editor, drawn as TextField
// draws a one-line one: an edge in Theme.frame (3:1 or more on the card and
// the dialog, light and dark) that turns into the focus ring while the
// field has the keyboard focus. Fusion draws no frame round a TextArea, which
// then reads as loose text.
Rectangle {
    // Whether the field it frames has the keyboard focus.
    property bool focused: false
    // Whether that field takes input; a disabled one is dimmed as TextField's is.
    property bool fieldEnabled: true

    // No size of its own: the field's text gives it one (a ScrollView that
    // took its width from here would loop, its content being as wide as it).
    radius: 2
    color: palette.base
    border.width: focused ? 2 : 1
    border.color: focused ? Theme.focusRing : Theme.frame
    opacity: fieldEnabled ? 1 : 0.6
}
