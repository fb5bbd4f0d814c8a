import QtQuick
import QtQuick.Controls
import Onramp

// A small rounded label for a flag such as "required". On a selected row
// (inverted) it takes the selection's text colour, as the row's text does.
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
    background: Rectangle {
        radius: height / 2
        color: "transparent"
        border.color: tag.color
    }
}
