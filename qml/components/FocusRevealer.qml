import QtQuick
import QtQuick.Controls
import Onramp

// Keeps the control that has the keys in sight inside a page's ScrollView:
// one reached with Tab below or above what the view shows scrolls into it.
Item {
    id: revealer

    required property ScrollView scrollView

    visible: false

    function reveal() {
        const item = revealer.Window.activeFocusItem
        const flick = revealer.scrollView.contentItem as Flickable
        if (!item || !flick)
            return
        let inside = false
        for (let p = item.parent; p && !inside; p = p.parent)
            inside = p === flick.contentItem
        if (!inside)
            return
        const top = item.mapToItem(flick.contentItem, 0, 0).y - Theme.mediumSpacing
        const bottom = top + item.height + 2 * Theme.mediumSpacing
        const most = Math.max(0, flick.contentHeight - flick.height)
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(most, bottom - flick.height)
    }

    Connections {
        target: revealer.Window.window
        function onActiveFocusItemChanged() { revealer.reveal() }
    }
}
