import QtQuick
import QtQuick.Controls
import Onramp

// A short message below the page that raised it: a confirmation fades after
// a few seconds, an error stays until dismissed or another page is shown.
// Main.qml lays it out under the page in room kept for it, so that it
// covers nothing and the page keeps its height when a notice comes and goes.
Rectangle {
    id: root

    property bool isError: false
    property alias text: label.text

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
    radius: 8
    color: isError ? Theme.dangerSurface : Theme.noticeSurface
    implicitWidth: Math.min(label.implicitWidth + close.width + 48, 720)
    height: Math.max(label.implicitHeight, close.height) + 20
    /// The height of a notice of one line, which Main.qml keeps free under every page.
    readonly property real oneLineHeight: Math.max(lineMetrics.height, close.height) + 20
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    FontMetrics {
        id: lineMetrics
        font: label.font
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
