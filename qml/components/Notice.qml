import QtQuick
import QtQuick.Controls
import Onramp

// A short message under the page that raised it, always in the same place:
// the window lays the page out above it, so that it covers no tab, heading or
// row, and a page that scrolls keeps every row reachable. Information fades
// after a few seconds; an error stays until closed or until another page or
// tab is shown (dismissStale()). A screen reader announces it as an alert.
Rectangle {
    id: root

    property bool isError: false
    property alias text: label.text
    // True while the notice is about to go by itself (information, not an error).
    readonly property alias fading: hideTimer.running

    function show(message, error) {
        // Hidden first, so that a second message is announced as a new alert.
        visible = false
        text = message
        isError = !!error
        visible = true
        if (!isError)
            hideTimer.restart()
        else
            hideTimer.stop()
    }

    function dismiss() {
        hideTimer.stop()
        visible = false
    }

    visible: false
    radius: 8
    color: isError ? Theme.dangerSurface : Theme.noticeSurface
    implicitWidth: Math.min(label.implicitWidth + close.width + 48, 720)
    implicitHeight: Math.max(label.implicitHeight, close.height) + 20
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Timer {
        id: hideTimer
        interval: 4000
        onTriggered: root.visible = false
    }
    Label {
        id: label
        objectName: "noticeText"
        textFormat: Text.PlainText
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
    }
}
