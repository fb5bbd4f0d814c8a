import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The hire's checklist by section, with due and overdue dates.
Page {
    id: page
    objectName: "checklist"

    signal stepRequested(string stepId)

    title: qsTr("Checklist")

    EnrollmentBackend { id: enrollment }

    // Back from a step with the keys (Escape, Enter on the crumb): they go on in the
    // list, on the row of the step left, not nowhere.
    StackView.onActivated: if (Session.keyboardInUse && enrollment.enrolled) list.forceActiveFocus(Qt.TabFocusReason)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        PageHeading {
            title: enrollment.enrolled ? enrollment.checklistTitle : qsTr("Checklist")
            subtitle: enrollment.enrolled ? qsTr("%1 · version %2").arg(Formats.progress(enrollment.doneCount, enrollment.total, enrollment.awaitingReview)).arg(enrollment.checklistVersion) : ""
            Layout.fillWidth: true
        }

        EmptyState {
            visible: !enrollment.loading && !enrollment.enrolled
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: qsTr("No checklist yet")
            text: qsTr("Once your admin enrolls you, your steps appear here.")
        }

        Card {
            visible: enrollment.enrolled
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: 0

            KeyboardList {
                id: list
                objectName: "stepList"
                anchors.fill: parent
                clip: true
                model: enrollment.steps
                focus: true
                Accessible.name: qsTr("Steps")
                section.property: "section"
                section.delegate: HeadingLabel {
                    required property string section
                    text: section.length > 0 ? section : qsTr("Other steps")
                    // A long name wraps within the list rather than run past its edge.
                    width: list.width // qmllint disable unqualified
                    rightPadding: 16
                    wrapMode: Text.Wrap
                    topPadding: 14
                    leftPadding: 16
                    bottomPadding: 4
                    color: Theme.secondaryText
                    // Read before the rows it heads; the rows are read by the arrow keys
                    // alone, so the first of a section says the heading too.
                }
                delegate: StepRow {
                    id: stepRow
                    required property string section
                    readonly property bool opensSection: ListView.section !== ListView.previousSection
                    width: ListView.view.width
                    Accessible.name: opensSection
                                     //: a section heading, then the step's title and state: "Day one: Read the handbook, to do"
                                     ? qsTr("%1: %2, %3").arg(section.length > 0 ? section : qsTr("Other steps"))
                                                         .arg(stepRow.title).arg(stepRow.statusLabel)
                                     : qsTr("%1, %2").arg(stepRow.title).arg(stepRow.statusLabel)
                    onOpened: page.stepRequested(stepRow.stepId) // qmllint disable unqualified
                }
                ScrollBar.vertical: ScrollBar {}
            }
        }
    }
}
