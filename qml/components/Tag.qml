import QtQuick
import QtQuick.Controls
import Onramp

// A small rounded label for a flag such as "required". On a selected row
// (inverted) it takes the selection's text colour, as the row's text does.
// A tag is never cut silently: given less room than its words need (a row
// that a longer language fills), it ends in "…" and its whole text is in a
// tooltip on hover and in its accessible name.
Label {
    id: tag

    property color tone: Theme.primary
    property bool inverted: false
    textFormat: Text.PlainText
    leftPadding: 8
    rightPadding: 8
    topPadding: 2
    bottomPadding: 2
    font.pixelSize: Theme.smallSize
    color: inverted ? palette.highlightedText : tone
    elide: Text.ElideRight
    Accessible.name: tag.text
    HoverHandler { id: tagHover }
    ToolTip.visible: tagHover.hovered && tag.truncated
    ToolTip.text: tag.text
    background: Rectangle {
        radius: height / 2
        color: "transparent"
        border.color: tag.color
    }
}
