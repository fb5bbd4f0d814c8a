import QtQuick
import QtQuick.Controls
import Onramp

// A row of a ListView that can be selected: as wide as the list, filled with
// the selection while it is the current item, its text in the selection's
// text colour then, and ringed while it has the keyboard focus. Lists give it
// a contentItem and what a click does.
ItemDelegate {
    id: row

    width: ListView.view ? ListView.view.width : implicitWidth
    highlighted: ListView.isCurrentItem
    // The arrow keys bring the focus to it: a screen reader says it can take it, and when it has it.
    Accessible.focusable: true
    Accessible.focused: row.activeFocus
    palette.windowText: highlighted ? Appearance.colors.highlightedText : Appearance.colors.windowText

    background: Rectangle {
        implicitHeight: 40
        // Hover only tints; the focus is the ring.
        color: row.highlighted ? row.palette.highlight : row.hovered ? Theme.hoverTint : "transparent"
        Rectangle {
            anchors.fill: parent
            anchors.margins: 2
            visible: row.activeFocus
            color: "transparent"
            radius: 3
            border.width: 2
            border.color: row.highlighted ? Appearance.colors.highlightedText : Theme.focusRing
        }
    }
}
