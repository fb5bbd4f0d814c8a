import QtQuick
import QtQuick.Controls
import Onramp

// A row of a ListView that can be selected: as wide as the list, filled with
// the selection while it is the current item, its text in the selection's
// text colour then, and ringed while it has the keyboard focus. Lists give it
// a contentItem and what a click does.
// A row marked softly (soft) while highlighted keeps the list's text colours
// on a light tint with a bar at its leading edge: the selection of a second
// list on a page, which must not read as a second solid selection.
ItemDelegate {
    id: row

    property bool soft: false
    // Filled with the selection colour: highlighted, and not marked softly.
    readonly property bool solid: highlighted && !soft

    width: ListView.view ? ListView.view.width : implicitWidth
    highlighted: ListView.isCurrentItem
    // The arrow keys bring the focus to it: a screen reader says it can take it, and when it has it.
    Accessible.focusable: true
    Accessible.focused: row.activeFocus
    palette.windowText: solid ? Appearance.colors.highlightedText : Appearance.colors.windowText

    background: Rectangle {
        implicitHeight: 40
        // Hover only tints; the focus is the ring.
        color: row.solid ? row.palette.highlight
             : row.highlighted ? Theme.selectedRow
             : row.hovered ? Theme.hoverTint : "transparent"
        Rectangle {
            objectName: "softMark"
            visible: row.highlighted && row.soft
            width: 4
            height: parent.height
            color: Theme.primary
        }
        Rectangle {
            anchors.fill: parent
            anchors.margins: 2
            visible: row.activeFocus
            color: "transparent"
            radius: 3
            border.width: 2
            border.color: row.solid ? Appearance.colors.highlightedText : Theme.focusRing
        }
    }
}
