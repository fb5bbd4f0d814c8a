import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The keyboard shortcuts of the app, one per row: F1 (or ? outside a text
// field) opens it, Escape, Enter or Close closes it. The list takes the focus, so
// that a screen reader reads each row as "keys: what they do".
Dialog {
    id: sheet

    // The tabs of the top bar, in their order: Ctrl+1 shows the first.
    property var tabNames: []

    // Whose shortcuts: the signed-in person's role ("hire", "mentor",
    // "admin"); empty before anyone signs in.
    property string role: Session.unlocked ? Session.role : ""

    // The sequences are those the pages' Shortcut items use, written the same
    // way; Formats.keys() names the keys in the language in use ("Strg").
    // Each person sees only those of the pages they reach: the hire marks
    // steps done; the mentor goes through and approves reviews (on the Team
    // page an admin goes through them too, but only a mentor approves); the
    // admin searches their lists and saves a checklist.
    readonly property var shortcuts: {
        const hire = sheet.role === "hire"
        const mentor = sheet.role === "mentor"
        const admin = sheet.role === "admin"
        const signedIn = sheet.role.length > 0
        const all = [
            ...sheet.tabNames.map((name, i) => ({ keys: Formats.keys("Ctrl+" + (i + 1)), action: qsTr("Go to %1").arg(name), shown: true })),
            { keys: Formats.keys("F1"), action: qsTr("Show this list of shortcuts"), shown: true },
            { keys: "?", action: qsTr("Show this list too, outside a text field"), shown: true },
            { keys: Formats.keys("Ctrl+L"), action: qsTr("Lock the vault"), shown: signedIn },
            { keys: Formats.keys("Ctrl+F"), action: qsTr("Search or filter the list of the page, where it has one"), shown: admin },
            { keys: Formats.keys("Ctrl+S"), action: qsTr("Save the checklist you are editing"), shown: admin },
            { keys: Formats.keys("Ctrl+E"), action: qsTr("Edit a step's body in a larger box, from its box in the checklist editor"), shown: admin },
            { keys: Formats.keys("Ctrl+D"), action: qsTr("Mark the open step done"), shown: hire },
            { keys: Formats.keys("Ctrl+Enter"), action: qsTr("Send the note you are writing on a step"), shown: hire || mentor },
            { keys: Formats.keys("Ctrl+Shift+A"), action: qsTr("Approve the selected step waiting for review, or the open one"), shown: mentor },
            { keys: Formats.keys("Ctrl+Shift+R"), action: qsTr("Ask for changes on the open step (write what to change first)"), shown: mentor },
            { keys: Formats.keys("Ctrl+Shift+S"), action: qsTr("Sign off production access for the mentee shown"), shown: mentor },
            { keys: Formats.keys("Ctrl+Shift+N"), action: qsTr("Select the next step waiting for review; Enter opens it. On a step's page, open the hire's next one"), shown: mentor || admin },
            { keys: qsTr("%1 or %2").arg(Formats.keys("Up")).arg(Formats.keys("Down")), action: qsTr("Move through your steps when their list has the keyboard focus; Enter opens the step"), shown: hire },
            { keys: qsTr("%1 or %2").arg(Formats.keys("Up")).arg(Formats.keys("Down")), action: qsTr("Move through a list that has the keyboard focus (steps, mentees, reviews); Enter opens the row"), shown: mentor },
            { keys: qsTr("%1 or %2").arg(Formats.keys("Up")).arg(Formats.keys("Down")), action: qsTr("Move through a list that has the keyboard focus (people, enrollments, steps); Enter opens the row"), shown: admin },
            { keys: Formats.keys("Tab"), action: qsTr("Go on to the next control; %1 goes back").arg(Formats.keys("Shift+Tab")), shown: true },
            { keys: qsTr("%1 or %2").arg(Formats.keys("Enter")).arg(Formats.keys("Space")), action: qsTr("Press the button that has the keyboard focus"), shown: true },
            { keys: Formats.keys("Esc"), action: signedIn ? qsTr("Close a dialog, or go back from a step") : qsTr("Close a dialog"), shown: true }
        ]
        return all.filter(shortcut => shortcut.shown)
    }

    title: qsTr("Keyboard shortcuts")
    modal: true
    focus: true
    width: Math.min(560, parent ? parent.width - 2 * Theme.pageMargin : 560)
    // No taller than the window: the list scrolls inside it (a mentor's is longer than 1024x640 holds).
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.pageMargin : implicitHeight)
    onOpened: list.forceActiveFocus()

    // A named button rather than standardButtons, whose text Qt translates apart from ours.
    footer: DialogButtonBox {
        padding: Theme.spacing
        topPadding: 0
        Button {
            objectName: "shortcutsClose"
            text: qsTr("Close")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: text
        }
    }

    ListView {
        id: list
        objectName: "shortcutsSheet"
        anchors.fill: parent
        implicitWidth: 480
        implicitHeight: contentHeight
        clip: true
        interactive: contentHeight > height
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {
            id: scrollBar
            objectName: "shortcutsScrollBar"
            visible: list.interactive
            policy: ScrollBar.AlwaysOn
        }
        // The row the arrow keys reach is scrolled into view.
        onCurrentIndexChanged: positionViewAtIndex(currentIndex, ListView.Contain)
        model: sheet.shortcuts
        keyNavigationEnabled: true
        activeFocusOnTab: true
        // Enter closes the sheet from its list too, as it does on the focused Close button.
        Keys.onReturnPressed: sheet.close()
        Keys.onEnterPressed: sheet.close()
        Accessible.role: Accessible.List
        Accessible.name: sheet.title
        // The rows do nothing: none is filled or tinted as if it could be picked.
        // The arrow keys still move through them, for a screen reader to read each.
        delegate: Control {
            id: row
            required property var modelData
            required property int index
            objectName: "shortcutRow-" + index
            // Beside the scroll bar, not under it.
            width: (ListView.view ? ListView.view.width : implicitWidth) - (scrollBar.visible ? scrollBar.width : 0) // qmllint disable unqualified
            Accessible.role: Accessible.ListItem
            Accessible.name: qsTr("%1: %2").arg(modelData.keys).arg(modelData.action)
            padding: Theme.mediumSpacing
            leftPadding: Theme.spacing
            rightPadding: Theme.spacing
            // Neither filled nor tinted, but the row the keys are on is ringed
            // while the list has the focus: a Tab stop one can see.
            background: Rectangle {
                color: "transparent"
                radius: 4
                border.width: row.ListView.isCurrentItem && list.activeFocus ? 2 : 0 // qmllint disable unqualified
                border.color: Theme.focusRing
            }
            contentItem: RowLayout {
                spacing: Theme.spacing
                Label {
                    textFormat: Text.PlainText
                    text: row.modelData.keys
                    font.family: "monospace"
                    font.bold: true
                    Layout.preferredWidth: 130
                    Accessible.ignored: true
                }
                Label {
                    textFormat: Text.PlainText
                    text: row.modelData.action
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.ignored: true
                }
            }
        }
    }
}
