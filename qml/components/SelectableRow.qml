import QtQuick
import QtQuick.Controls
import Onramp

// A row of a ListView that can be selected: as wide as the list, highlighted
// while it is the current item, and its text in the selection's text colour
// while highlighted. Lists give it a contentItem and what a click does.
ItemDelegate {
    width: ListView.view ? ListView.view.width : implicitWidth
    highlighted: ListView.isCurrentItem
    palette.windowText: highlighted ? Appearance.colors.highlightedText : Appearance.colors.windowText
}
