import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// One step: its Markdown body, due date, the hire's note and the mentor's
// comment. The hire marks it done or undoes it; the mentor approves or rejects.
Page {
    id: page
    objectName: "step"

    property string stepId
    property string hire
    readonly property var step: enrollment.steps.revision >= 0 ? enrollment.steps.get(stepId) : ({})
    readonly property bool isHire: enrollment.hireName === Session.userName
    readonly property bool isMentor: !isHire && enrollment.enrolled && Session.role === "mentor"

    signal backRequested()

    title: step.title || ""
    focus: true
    Keys.onEscapePressed: page.backRequested()

    EnrollmentBackend {
        id: enrollment
        hire: page.hire
        onDone: message => { Session.notify(message, false) }
        onError: message => { Session.notify(message, true) }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "backButton"
                text: qsTr("\u2190 Back")
                Accessible.name: qsTr("Back")
                onClicked: page.backRequested()
            }
            Label {
                text: enrollment.hireDisplayName
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
        }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing

            PageHeading {
                Layout.margins: Theme.pageMargin
                Layout.bottomMargin: 0
                title: page.step.title || ""
                subtitle: [page.step.section || "",
                           page.step.due ? (page.step.overdue ? qsTr("overdue since %1") : qsTr("due %1")).arg(page.step.due) : "",
                           page.step.required ? qsTr("required for production") : "",
                           page.step.signoff ? qsTr("your mentor reviews it") : ""].filter(s => s.length > 0).join(" · ")
                Layout.fillWidth: true
            }

            Card {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                visible: (page.step.body || "").length > 0
                Label {
                    objectName: "stepBody"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    text: page.step.body || ""
                    textFormat: Text.MarkdownText
                    wrapMode: Text.Wrap
                    onLinkActivated: link => Qt.openUrlExternally(link)
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                }
            }

            Card {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    Label {
                        objectName: "stepState"
                        font.bold: true
                        text: page.step.approved ? qsTr("Done and approved by %1").arg(page.step.reviewer)
                             : page.step.awaitingReview ? qsTr("Done — waiting for your mentor's review")
                             : page.step.done ? qsTr("Done")
                             : page.step.rejected ? qsTr("Your mentor asked for changes")
                             : qsTr("Not done yet")
                    }
                    Label {
                        visible: (page.step.comment || "").length > 0
                        text: qsTr("%1 says: “%2”").arg(page.step.reviewer).arg(page.step.comment)
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: (page.step.note || "").length > 0
                        text: qsTr("Note: %1").arg(page.step.note)
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                    }

                    // The hire's actions.
                    TextField {
                        id: note
                        objectName: "noteField"
                        visible: page.isHire && !page.step.done
                        placeholderText: qsTr("A note for your mentor (optional)")
                        Accessible.name: qsTr("Note")
                        Layout.fillWidth: true
                        onAccepted: doneButton.clicked()
                    }
                    RowLayout {
                        visible: page.isHire
                        Button {
                            id: doneButton
                            objectName: "markDoneButton"
                            visible: !page.step.done
                            text: qsTr("Mark done")
                            highlighted: true
                            enabled: !Session.busy
                            Accessible.name: text
                            onClicked: enrollment.markDone(page.stepId, note.text)
                        }
                        Button {
                            objectName: "undoButton"
                            visible: !!page.step.done && !page.step.approved
                            text: qsTr("Undo")
                            enabled: !Session.busy
                            Accessible.name: qsTr("Undo, reopen the step")
                            onClicked: enrollment.undo(page.stepId)
                        }
                    }

                    // The mentor's actions.
                    TextField {
                        id: comment
                        objectName: "commentField"
                        visible: page.isMentor && page.step.signoff && page.step.done
                        placeholderText: qsTr("A comment for %1").arg(enrollment.hireDisplayName)
                        Accessible.name: qsTr("Comment")
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        visible: page.isMentor && page.step.signoff && page.step.done
                        Button {
                            objectName: "approveButton"
                            text: qsTr("Approve")
                            highlighted: true
                            enabled: !Session.busy && !page.step.approved
                            Accessible.name: text
                            onClicked: enrollment.approve(page.stepId, comment.text)
                        }
                        Button {
                            objectName: "rejectButton"
                            text: qsTr("Ask for changes")
                            enabled: !Session.busy && comment.text.length > 0
                            Accessible.name: qsTr("Reject and ask for changes")
                            ToolTip.visible: hovered && comment.text.length === 0
                            ToolTip.text: qsTr("Say what to change in the comment first.")
                            onClicked: enrollment.reject(page.stepId, comment.text)
                        }
                    }
                }
            }
            Item { Layout.preferredHeight: Theme.pageMargin }
        }
    }
}
