import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// One step in a list: its state's mark and, beside the title, the state in words; its flags
// and due date. The mark is a state glyph, never a hollow box. Enter or a click opens it.
// The current row of a list that has the focus is tinted and ringed while the keys are in use.
ItemDelegate {
    id: row

    required property string stepId
    required property string title
    required property bool done
    required property bool required
    required property bool signoff
    required property bool overdue
    // The line under the title: due or overdue while open, done (and its day, when later) once done.
    required property string dates
    required property string status
    required property string statusLabel
    required property string mark
    required property int index
    // The hire's notes on it its mentor has not answered yet; counted for the mentor only.
    required property int unanswered
    // The version the latest move left, when it worded this step otherwise; else 0.
    required property int changedFrom
    readonly property string unansweredText: unanswered > 0 ? qsTr(", %n note(s) not answered", "", unanswered) : ""

    readonly property bool finished: status === "approved" || status === "done"
    // Each state has its own colour: waiting is not approved.
    readonly property color statusTone: status === "approved" || status === "done" ? Theme.success
                                      : status === "sent-back" ? Theme.danger
                                      : status === "open" ? Theme.secondaryText
                                      : Theme.primary

    signal opened()

    objectName: "step-" + stepId
    // The arrow keys bring the focus to it: a screen reader says it can take it, and when it has it.
    Accessible.focusable: true
    Accessible.focused: row.activeFocus
    Accessible.name: qsTr("%1, %2").arg(title).arg(statusLabel) + unansweredText
                     + (changedFrom > 0 ? qsTr(", changed by the move") : "")
    // A row opened with the mouse becomes the list's current row, where Tab into the list lands.
    onClicked: {
        if (ListView.view)
            ListView.view.currentIndex = row.index
        opened()
    }
    Keys.onReturnPressed: opened()
    Keys.onEnterPressed: opened()
    // In line with the section headings above the rows, and clear of the card's edge.
    leftPadding: 12
    rightPadding: 16
    // Filled and ringed while the keys are in use only: a row clicked does not look focused.
    highlighted: ListView.isCurrentItem && ListView.view !== null && ListView.view.activeFocus && Session.keyboardInUse

    background: Rectangle {
        implicitHeight: 40
        // Hover only tints; the focus is the ring.
        color: row.highlighted ? Theme.selectedRow : row.hovered ? Theme.hoverTint : "transparent"
        border.width: row.activeFocus && Session.keyboardInUse ? 2 : 0
        border.color: Theme.focusRing
        radius: 3
    }

    contentItem: RowLayout {
        spacing: Theme.largeSpacing
        Label {
            textFormat: Text.PlainText
            objectName: "stepMark-" + row.stepId
            text: row.mark
            color: row.statusTone
            font.pixelSize: 18
            Layout.preferredWidth: 20
            horizontalAlignment: Text.AlignHCenter
            Accessible.ignored: true
        }
        // The title, and its due date under it: beside the tags the date
        // would push the row past a narrow list in a longer language.
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                textFormat: Text.PlainText
                objectName: "stepTitle-" + row.stepId
                text: row.title
                Layout.fillWidth: true
                // A long title wraps onto a second line rather than end in "…".
                wrapMode: Text.Wrap
                font.strikeout: false
                // Finished steps recede; one waiting for its review is still the hire's concern.
                color: row.finished ? Theme.secondaryText : palette.windowText
            }
            Label {
                textFormat: Text.PlainText
                objectName: "stepDue-" + row.stepId
                visible: row.dates.length > 0
                text: row.dates
                color: row.overdue ? Theme.danger : Theme.secondaryText
                font.pixelSize: Theme.smallSize
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
            // Under the title too, in words: a tag beside the others would
            // push the row past a narrow list in a longer language.
            Label {
                textFormat: Text.PlainText
                objectName: "stepUnanswered-" + row.stepId
                visible: row.unanswered > 0
                text: qsTr("%n note(s) not answered", "", row.unanswered)
                color: Theme.primary
                font.pixelSize: Theme.smallSize
                font.bold: true
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
        }
        // What the move changed shows on the step's page; the list says which ones to open.
        Tag {
            objectName: "stepChanged-" + row.stepId
            visible: row.changedFrom > 0
            text: qsTr("changed")
            tone: Theme.accent
            Accessible.description: qsTr("Worded otherwise since version %1 of the checklist: its page shows what changed").arg(row.changedFrom)
        }
        Tag { visible: row.required; text: qsTr("required") }
        Tag { objectName: "stepReviewed-" + row.stepId; visible: row.signoff; text: qsTr("mentor review") }
        // The state in words beside its mark, in every state: the mark is no box to tick.
        Tag {
            objectName: "stepStatus-" + row.stepId
            text: row.statusLabel
            tone: row.status === "open" ? Theme.primary : row.statusTone
            filled: true
        }
    }
}
