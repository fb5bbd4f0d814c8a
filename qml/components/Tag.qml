import QtQuick
import QtQuick.Controls
import Onramp

// A small rounded label for a flag such as "required", outlined; a state
// ("waiting for review") is filled with a tint of its tone and bold, so that
// it does not read as one more flag beside them. On a selected row
// (inverted) it takes the selection's text colour, as the row's text does.
// A tag is never cut silently: given less room than its words need (a row
// that a longer language fills), it ends in "…" and its whole text is in a
// tooltip on hover and in its accessible name.
Label {
    id: tag

    property color tone: Theme.primary
    property bool inverted: false
    // A state rather than a flag.
    property bool filled: false
    textFormat: Text.PlainText
    leftPadding: 8
    rightPadding: 8
    topPadding: 2
    bottomPadding: 2
    font.pixelSize: Theme.smallSize
    font.bold: filled
    color: inverted ? palette.highlightedText : tone
    elide: Text.ElideRight
    Accessible.name: tag.text
    HoverHandler { id: tagHover }
    ToolTip.visible: tagHover.hovered && tag.truncated
    ToolTip.text: tag.text
    background: Rectangle {
        radius: height / 2
        color: tag.filled ? Qt.rgba(tag.color.r, tag.color.g, tag.color.b, Theme.dark ? 0.2 : 0.1) : "transparent"
        border.color: tag.color
    }
}
