pragma Singleton
import QtQuick

// Colours, spacing and type sizes shared by every page.
QtObject {
    readonly property color primary: "#1f5f8b"
    readonly property color accent: "#2a9d8f"
    readonly property color success: "#2e7d32"
    readonly property color warning: "#b26a00"
    readonly property color danger: "#c62828"
    readonly property int spacing: 16
    readonly property int radius: 10
    readonly property int pageMargin: 32
    readonly property int titleSize: 28
    readonly property int headingSize: 18
}
