import QtQuick
import QtQuick.Controls

// A multi-line text field for a note or a comment: it wraps, and Tab and
// Shift+Tab move the focus on instead of typing a tab.
TextArea {
    id: area
    wrapMode: TextEdit.Wrap
    implicitHeight: Math.max(64, contentHeight + topPadding + bottomPadding)
    Keys.onTabPressed: area.nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
    Keys.onBacktabPressed: area.nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
}
