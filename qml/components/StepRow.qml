import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// One step in a list: done mark, title, flags and due date; Enter or a click opens it.
// The current row of a list that has the focus is tinted and ringed.
ItemDelegate {
    id: row

    required property string stepId
    required property string title
    required property bool done
    required property bool required
    required property bool signoff
    required property bool approved
    required property bool rejected
    required property bool overdue
    required property string due

    signal opened()

    objectName: "step-" + stepId
    Accessible.name: title + (done ? qsTr(", done") : qsTr(", open"))
    onClicked: opened()
    Keys.onReturnPressed: opened()
    highlighted: ListView.isCurrentItem && ListView.view !== null && ListView.view.activeFocus

    background: Rectangle {
        implicitHeight: 40
        color: row.highlighted ? Theme.selectedRow : row.hovered ? row.palette.alternateBase : "transparent"
        border.width: row.activeFocus ? 2 : 0
        border.color: Theme.focusRing
        radius: 3
    }

    contentItem: RowLayout {
        spacing: Theme.largeSpacing
        Label {
            text: row.done ? "\u2714" : "\u25CB"
            color: row.done ? Theme.success : palette.windowText
            font.pixelSize: 18
            Accessible.ignored: true
        }
        Label {
            text: row.title
            Layout.fillWidth: true
            elide: Text.ElideRight
            font.strikeout: false
            color: row.done ? Theme.secondaryText : palette.windowText
        }
        Tag { visible: row.required; text: qsTr("required") }
        Tag {
            visible: row.signoff
            text: row.approved ? qsTr("approved") : row.rejected ? qsTr("changes asked") : qsTr("mentor reviews")
            tone: row.approved ? Theme.success : row.rejected ? Theme.danger : Theme.primary
        }
        Label {
            visible: row.due.length > 0
            text: row.overdue ? qsTr("overdue · %1").arg(row.due) : qsTr("due %1").arg(row.due)
            color: row.overdue ? Theme.danger : Theme.secondaryText
        }
    }
}
