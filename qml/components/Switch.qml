import QtQuick
import QtQuick.Controls as Controls
import Onramp

// Every switch of a file that imports Onramp after QtQuick.Controls is this
// one: Fusion draws a switch that is off as a grey track with a grey knob,
// which in dark reads as two grey halves, on or off alike. Here the track's
// edge and the knob are in Theme.frame while off (3:1 or more on the window,
// light and dark), and the track fills in Theme.highlight with a white knob
// at its right end while on; a ring in Theme.focusRing shows the keys.
Controls.Switch {
    id: control

    indicator: Rectangle {
        objectName: "switchTrack"
        implicitWidth: 40
        implicitHeight: 22
        x: control.mirrored ? control.width - width - control.rightPadding : control.leftPadding
        y: control.topPadding + (control.availableHeight - height) / 2
        radius: height / 2
        color: control.checked ? Theme.highlight : "transparent"
        border.width: 2
        border.color: control.checked ? Theme.highlight : Theme.frame
        opacity: control.enabled ? 1 : 0.5

        Rectangle {
            objectName: "switchKnob"
            width: 14
            height: 14
            radius: width / 2
            y: (parent.height - height) / 2
            x: control.checked ? parent.width - width - 4 : 4
            color: control.checked ? "white" : Theme.frame
            Behavior on x {
                NumberAnimation { duration: 120 }
            }
        }
        Rectangle {
            objectName: "focusRing"
            anchors.fill: parent
            anchors.margins: -3
            radius: height / 2
            color: "transparent"
            border.width: 2
            border.color: Theme.focusRing
            visible: control.visualFocus
        }
    }
}
