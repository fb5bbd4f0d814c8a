import QtQuick
import QtQuick.Controls as Controls
import Onramp

// Every check box of a file that imports Onramp after QtQuick.Controls is
// this one: Fusion's tick in dark is a thin grey mark on a dark box, hard to
// tell from an empty one. Here an empty box has its edge in Theme.frame (3:1
// or more on the window, light and dark), and a ticked one fills in
// Theme.highlight with a white tick; a ring in Theme.focusRing shows the keys.
Controls.CheckBox {
    id: control

    indicator: Rectangle {
        objectName: "checkBoxBox"
        // Fusion's size: a larger box makes a row taller than the layouts it sits in were made for.
        implicitWidth: 14
        implicitHeight: 14
        x: control.mirrored ? control.width - width - control.rightPadding : control.leftPadding
        y: control.topPadding + (control.availableHeight - height) / 2
        radius: 3
        color: control.checked ? Theme.highlight : "transparent"
        border.width: control.checked ? 0 : 2
        border.color: control.checked ? Theme.highlight : Theme.frame
        opacity: control.enabled ? 1 : 0.5

        // The tick: two strokes, drawn rather than a glyph a font may lack.
        Item {
            objectName: "checkBoxTick"
            anchors.fill: parent
            visible: control.checked
            Rectangle {
                x: 2.2
                y: 6.6
                width: 4.4
                height: 2
                radius: 1
                color: "white"
                rotation: 45
                antialiasing: true
            }
            Rectangle {
                x: 4.4
                y: 5.8
                width: 7.6
                height: 2
                radius: 1
                color: "white"
                rotation: -50
                antialiasing: true
            }
        }
        Rectangle {
            objectName: "focusRing"
            anchors.fill: parent
            anchors.margins: -3
            radius: 5
            color: "transparent"
            border.width: 2
            border.color: Theme.focusRing
            visible: control.visualFocus
        }
    }
}
