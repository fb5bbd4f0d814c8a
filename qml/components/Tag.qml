import QtQuick
import QtQuick.Controls
import Onramp

// A small rounded label for a flag such as "required".
Label {
    property color tone: Theme.primary
    leftPadding: 8
    rightPadding: 8
    topPadding: 2
    bottomPadding: 2
    font.pixelSize: 12
    color: tone
    background: Rectangle {
        radius: height / 2
        color: "transparent"
        border.color: parent.tone
    }
}
