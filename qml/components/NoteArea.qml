import QtQuick
import QtQuick.Controls
import Onramp

// A multi-line text field for a note or a comment: it wraps, Tab and
// Shift+Tab move the focus on instead of typing a tab, and Ctrl+Enter sends
// it (submitted()) where Enter starts a new line.
// A screen reader names it by its placeholder, the text on screen that says what to write.
TextArea {
    id: area
    Accessible.name: area.placeholderText
    wrapMode: TextEdit.Wrap
    implicitHeight: Math.max(64, contentHeight + topPadding + bottomPadding)
    // Fusion draws no frame round a TextArea: without one it reads as empty space.
    background: Rectangle {
        color: area.palette.base
        radius: 4
        border.width: area.activeFocus ? 2 : 1
        // Theme.frame stands out from the card (3:1 or more) in light and dark; palette.mid does not.
        border.color: area.activeFocus ? Theme.focusRing : Theme.frame
    }
    // The placeholder can name a person by their display name: text, never markup.
    Component.onCompleted: {
        for (let i = 0; i < area.children.length; ++i) {
            if (area.children[i].textFormat !== undefined)
                area.children[i].textFormat = Text.PlainText
        }
    }
    signal submitted()
    Keys.onPressed: event => {
        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && (event.modifiers & Qt.ControlModifier)) {
            event.accepted = true
            area.submitted()
        }
    }
    Keys.onTabPressed: area.nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
    Keys.onBacktabPressed: area.nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
}
