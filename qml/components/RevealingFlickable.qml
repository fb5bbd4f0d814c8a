import QtQuick
import QtQuick.Controls

// A Flickable that scrolls just enough to show an item of its content whole:
// reveal(item) for a list's current row, say; with followsFocus, the control
// inside content that takes the keys, as Tab moves them.
Flickable {
    id: pane

    // The item the content is laid out in, the Flickable's own child.
    property Item content: null
    // Keeps the control with the keys, inside content, in sight.
    property bool followsFocus: false

    boundsBehavior: Flickable.StopAtBounds
    clip: true

    // Scrolls just enough to show \a item, inside content, whole.
    function reveal(item) {
        if (!item || !pane.content || pane.contentHeight <= pane.height)
            return
        const top = item.mapToItem(pane.content, 0, 0).y
        if (top < pane.contentY)
            pane.contentY = top
        else if (top + item.height > pane.contentY + pane.height)
            pane.contentY = Math.min(top + item.height - pane.height, pane.contentHeight - pane.height)
    }

    // Shows the control with the keys when it is inside content.
    function revealFocus() {
        if (!pane.followsFocus)
            return
        const focused = pane.Window.activeFocusItem
        for (let it = focused; it; it = it.parent) {
            if (it === pane.content) {
                pane.reveal(focused)
                return
            }
        }
    }

    Window.onActiveFocusItemChanged: pane.revealFocus()
}
