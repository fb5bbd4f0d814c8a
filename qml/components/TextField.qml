import QtQuick
import QtQuick.Controls as Controls
import Onramp

// Every text field of a file that imports Onramp after QtQuick.Controls is
// this one: Fusion draws a field's edge from the window colour, which fades
// into the card (under 3:1 in light, almost nothing in dark). Its edge here
// stands out at 3:1 or more in both, and turns into the focus ring when the
// field has the keyboard focus.
Controls.TextField {
    id: field
    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 24
        radius: 2
        color: field.palette.base
        border.width: field.activeFocus ? 2 : 1
        border.color: field.activeFocus ? Theme.focusRing : Theme.frame
        opacity: field.enabled ? 1 : 0.6
    }
}
