import QtQuick
import Onramp

// A list that is one Tab stop, its rows reached with the arrow keys. When it
// gets the keys its current row (the first, if none is current yet) has them
// at once and shows it, so that Enter has a row to open without an arrow key
// pressed first; a list that reloads while it has the keys keeps a row current.
// A screen reader reads its rows and section headings top to bottom.
ListView {
    id: list

    activeFocusOnTab: true
    keyNavigationEnabled: true
    // A list to a screen reader (not an unnamed filler); each use names it.
    Accessible.role: Accessible.List

    function ringARow() {
        if (list.activeFocus && list.currentIndex < 0 && list.count > 0)
            list.currentIndex = 0
    }

    // A screen reader reads a view's rows and headings in the order of its
    // content item's children, where the list adds a section's heading after
    // the row it heads: laid as drawn, each heading is read before its rows.
    function orderForReading() {
        if (list.contentItem)
            ReadingOrder.byPosition(list.contentItem)
    }

    // A heading is added as the rows are laid out, after the row it heads.
    Connections {
        target: list.contentItem
        function onChildrenChanged() { reorder.restart() }
    }

    onActiveFocusChanged: list.ringARow()
    onCountChanged: {
        list.ringARow()
        reorder.restart()
    }
    onCurrentIndexChanged: list.ringARow()
    onContentHeightChanged: reorder.restart()
    onContentYChanged: reorder.restart()
    // Once the rows in sight are laid out, however many changes that took.
    Timer {
        id: reorder
        interval: 0
        onTriggered: list.orderForReading()
    }
}
