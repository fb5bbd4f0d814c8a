import QtQuick
import QtQuick.Controls

// A framed surface for one block of content; follows the light or dark palette.
Pane {
    padding: 20
    background: Rectangle {
        color: palette.base
        border.color: Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.12)
        radius: Theme.radius
    }
}
