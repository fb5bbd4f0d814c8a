import QtQuick
import QtQuick.Controls
import Onramp

// A tab of the top bar or of a page's own tab bar. The one shown stands out:
// bold, in the highlight colour, underlined; the keyboard focus draws a ring.
TabButton {
    id: tab

    width: implicitWidth
    focusPolicy: Qt.StrongFocus
    font.bold: checked
    Accessible.name: text
    contentItem: Label {
        textFormat: Text.PlainText
        text: tab.text
        font: tab.font
        color: tab.checked ? Theme.primary : tab.palette.windowText
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        implicitHeight: 36
        radius: 4
        color: tab.down ? tab.palette.midlight : tab.hovered ? Theme.hoverTint : "transparent"
        border.width: tab.visualFocus ? 2 : 0
        border.color: Theme.focusRing
        Rectangle {
            visible: tab.checked
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 3
            color: Theme.primary
        }
    }
}
