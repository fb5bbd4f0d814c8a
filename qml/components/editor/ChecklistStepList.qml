import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The steps of a ChecklistEditorModel as a keyboard-driven list: Delete
// removes, Return edits, Alt+Up and Alt+Down move the selected step. The
// editor decides what each request does.
ListView {
    id: list

    signal rowClicked(int row)
    signal removeRequested
    signal editRequested
    signal moveRequested(int delta)

    objectName: "editorStepList"
    clip: true
    activeFocusOnTab: true
    keyNavigationEnabled: true
    highlightMoveDuration: 0
    highlightResizeDuration: 0
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Steps")
    highlight: Rectangle { color: Theme.primary; opacity: list.activeFocus ? 0.25 : 0.12 } // qmllint disable unqualified
    Keys.onDeletePressed: list.removeRequested()
    Keys.onReturnPressed: list.editRequested()
    Keys.onEnterPressed: list.editRequested()
    Keys.onPressed: event => {
        if (event.modifiers & Qt.AltModifier && event.key === Qt.Key_Up) {
            list.moveRequested(-1)
            event.accepted = true
        } else if (event.modifiers & Qt.AltModifier && event.key === Qt.Key_Down) {
            list.moveRequested(1)
            event.accepted = true
        }
    }
    delegate: SelectableRow {
        id: stepRow
        required property int index
        required property string stepId
        required property string title
        required property string section
        required property string problem
        required property bool required
        required property bool signoff
        objectName: "editorStep-" + stepId
        focusPolicy: Qt.NoFocus
        Accessible.name: stepRow.problem.length > 0 ? qsTr("%1: %2").arg(stepRow.title).arg(stepRow.problem) : stepRow.title
        onClicked: list.rowClicked(stepRow.index) // qmllint disable unqualified
        // The title wraps over the row's whole width; the section and the tags go below it.
        contentItem: ColumnLayout {
            spacing: 2
            Label { textFormat: Text.PlainText; objectName: "editorStepTitle-" + stepRow.stepId; text: stepRow.title; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
            RowLayout {
                spacing: 6
                Layout.fillWidth: true
                // The section wraps rather than being cut beside the tags.
                Label { textFormat: Text.PlainText; text: stepRow.section; color: stepRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText; font.pixelSize: Theme.smallSize; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Tag { visible: stepRow.problem.length > 0; tone: Theme.danger; text: qsTr("fix"); inverted: stepRow.highlighted }
                Tag { visible: stepRow.required; text: qsTr("required"); inverted: stepRow.highlighted }
                Tag { visible: stepRow.signoff; tone: Theme.accent; text: qsTr("mentor review"); inverted: stepRow.highlighted }
            }
        }
    }
}
