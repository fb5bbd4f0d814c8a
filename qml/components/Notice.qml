import QtQuick
import QtQuick.Controls
import Onramp

// A short message over the bottom edge of the page that raised it: a
// confirmation fades after a few seconds, an error stays until dismissed or
// another page is shown. It floats, with a shadow, so that the page keeps its
// size when a notice comes and goes; avoid() moves it to the top edge when
// it would cover the control that caused it.
Rectangle {
    id: root

    property bool isError: false
    property alias text: label.text
    // The room between the notice and the edge of its parent it sits at.
    property real edgeMargin: 12
    // At the top edge of the parent instead of the bottom one.
    property bool atTop: false

    // Puts the notice at the bottom edge, or at the top one when there it
    // would lie over \a item (the control with the keyboard focus).
    function avoid(item) {
        root.atTop = false
        if (!item || !parent)
            return
        const r = item.mapToItem(parent, 0, 0, item.width, item.height)
        const top = parent.height - root.height - root.edgeMargin
        root.atTop = r.y + r.height > top && r.y < parent.height
            && r.x + r.width > root.x && r.x < root.x + root.width
    }

    function show(message, error) {
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
    y: atTop ? edgeMargin : (parent ? parent.height - height - edgeMargin : 0)
    radius: 8
    color: isError ? Theme.dangerSurface : Theme.noticeSurface
    implicitWidth: Math.min(label.implicitWidth + close.width + 48, 720)
    height: Math.max(label.implicitHeight, close.height) + 20
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    // The shadow that lifts it off the page below.
    Rectangle {
        z: -1
        x: 0
        y: 3
        width: root.width
        height: root.height
        radius: root.radius
        color: "#000000"
        opacity: 0.3
    }
    Timer {
        id: hideTimer
        interval: 4000
        onTriggered: root.visible = false
    }
    Label {
        id: label
        objectName: "noticeText"
        anchors.left: parent.left
        anchors.leftMargin: 16
        anchors.right: close.left
        anchors.verticalCenter: parent.verticalCenter
        color: "white"
        wrapMode: Text.Wrap
    }
    ToolButton {
        id: close
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        text: "\u2715"
        palette.buttonText: "white"
        Accessible.name: qsTr("Dismiss")
        onClicked: root.dismiss()
    }
}
