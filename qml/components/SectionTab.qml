import QtQuick
import QtQuick.Controls
import Onramp

// A tab of the top bar or of a page's own tab bar. The one shown stands out:
// bold, in the highlight colour, underlined; the keyboard focus draws a ring.
// Space or Enter opens a focused tab.
TabButton {
    id: tab

    width: implicitWidth
    focusPolicy: Qt.StrongFocus
    font.bold: checked
    Accessible.name: text
    // Enter and the keypad's Enter open the tab as Space does, as a focused Button does.
    Keys.onPressed: event => {
        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && !event.isAutoRepeat
                && tab.enabled && (event.modifiers & ~Qt.KeypadModifier) === Qt.NoModifier) {
            event.accepted = true
            // In a TabBar the bar's index picks the tab; in the top bar the
            // tab's checked follows the page its clicked() opens.
            if (tab.TabBar.tabBar)
                tab.TabBar.tabBar.currentIndex = tab.TabBar.index
            tab.clicked()
        }
    }
    // The bold face, measured: every tab is as wide as its words in bold, so
    // the tabs do not shift sideways when the one shown turns bold.
    TextMetrics {
        id: boldText
        text: tab.text
        font: {
            const f = Qt.font({ family: tab.font.family, bold: true })
            if (tab.font.pixelSize > 0)
                f.pixelSize = tab.font.pixelSize
            else
                f.pointSize = tab.font.pointSize
            return f
        }
    }
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            Math.ceil(boldText.advanceWidth) + 1 + leftPadding + rightPadding)
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
