pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Onramp

// A short message under the page that raised it, always in the same place:
// the window lays the page out above it, so that it covers no tab, heading or
// row, and a page that scrolls keeps every row reachable. Information fades
// after a few seconds; an error stays until closed or until another page or
// tab is shown (dismissStale()). A screen reader announces it as an alert.
// Each message is a bubble of its own, made when it shows and destroyed when
// it goes: a screen reader finds no notice that has gone, and the next one
// is a new alert, never the old one shown again.
Item {
    id: root

    property bool isError: false
    property string text
    // True while the notice is about to go by itself (information, not an error).
    readonly property alias fading: hideTimer.running
    // The message shown, in a list of one (none while nothing shows): a new
    // list for each message makes its bubble anew.
    property var shown: []

    function show(message, error) {
        text = message
        isError = !!error
        shown = [message]
        if (!isError)
            hideTimer.restart()
        else
            hideTimer.stop()
    }

    function dismiss() {
        hideTimer.stop()
        shown = []
        text = ""
    }

    visible: bubble.count > 0
    implicitWidth: bubble.count > 0 && bubble.itemAt(0) ? bubble.itemAt(0).implicitWidth : 0
    implicitHeight: bubble.count > 0 && bubble.itemAt(0) ? bubble.itemAt(0).implicitHeight : 0

    Timer {
        id: hideTimer
        interval: 4000
        onTriggered: root.dismiss()
    }

    Repeater {
        id: bubble
        model: root.shown
        delegate: Rectangle {
            id: box
            required property string modelData
            readonly property bool fading: root.fading
            width: root.width
            height: root.height
            radius: 8
            color: root.isError ? Theme.dangerSurface : Theme.noticeSurface
            implicitWidth: Math.min(label.implicitWidth + close.width + 48, 720)
            implicitHeight: Math.max(label.implicitHeight, close.height) + 20
            Accessible.role: Accessible.AlertMessage
            Accessible.name: box.modelData

            Label {
                id: label
                objectName: "noticeText"
                textFormat: Text.PlainText
                text: box.modelData
                anchors.left: parent.left
                anchors.leftMargin: 16
                anchors.right: close.left
                anchors.verticalCenter: parent.verticalCenter
                color: "white"
                wrapMode: Text.Wrap
            }
            ToolButton {
                id: close
                objectName: "noticeClose"
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                text: "\u2715"
                palette.buttonText: "white"
                Accessible.name: qsTr("Dismiss")
                onClicked: root.dismiss()
                // The white cross on the notice's own dark surface in every state: the
                // style's pressed or focused button face is light and would hide it.
                // Focus is a white ring, hover and press a faint white tint.
                background: Rectangle {
                    objectName: "noticeCloseFace"
                    implicitWidth: 32
                    implicitHeight: 32
                    radius: 4
                    color: close.down ? Qt.rgba(1, 1, 1, 0.3) : close.hovered ? Qt.rgba(1, 1, 1, 0.15) : "transparent"
                    border.width: close.visualFocus ? 2 : 0
                    border.color: "white"
                }
            }
        }
    }
}
