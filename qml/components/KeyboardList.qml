import QtQuick

// A list that is one Tab stop, its rows reached with the arrow keys. When it
// gets the keys its current row (the first, if none is current yet) has them
// at once and shows it, so that Enter has a row to open without an arrow key
// pressed first; a list that reloads while it has the keys keeps a row current.
ListView {
    id: list

    activeFocusOnTab: true
    keyNavigationEnabled: true

    function ringARow() {
        if (list.activeFocus && list.currentIndex < 0 && list.count > 0)
            list.currentIndex = 0
    }

    onActiveFocusChanged: list.ringARow()
    onCountChanged: list.ringARow()
    onCurrentIndexChanged: list.ringARow()
}
