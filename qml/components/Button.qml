import QtQuick
import QtQuick.Controls as Controls
import Onramp

// Every button of a file that imports Onramp after QtQuick.Controls is this
// one: Fusion shows a button's keyboard focus only by darkening its edge
// towards the selection colour, which hardly shows in dark (about 1.3:1), not
// at all on a highlighted button, whose edge has that colour already, and not
// on a flat one, which has no edge. Here a ring in Theme.focusRing goes round
// the button, clear of its edge, while it has the keyboard's focus; it
// stands out at 3:1 or more from the window and the cards, light and dark.
// Enter and the keypad's Enter press a focused button as Space does; a
// button that says what Enter does itself (Keys.onReturnPressed) keeps that.
// Its text keeps 10 px from either edge.
Controls.Button {
    id: button

    // Fusion leaves 4 px either side of a button's text, so that a long
    // label ("Sign off production…") reads as cut off at its edges.
    leftPadding: 10
    rightPadding: 10

    Keys.onPressed: event => {
        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && !event.isAutoRepeat
                && button.enabled && (event.modifiers & ~Qt.KeypadModifier) === Qt.NoModifier) {
            event.accepted = true
            if (button.checkable)
                button.toggle()
            button.clicked()
        }
    }

    Rectangle {
        objectName: "focusRing"
        anchors.fill: parent
        anchors.margins: -3
        visible: button.visualFocus
        color: "transparent"
        radius: 4
        border.width: 2
        border.color: Theme.focusRing
    }
}
