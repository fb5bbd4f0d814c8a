import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// One step: its Markdown body, due date, its state written for the reader,
// and the conversation on it. The hire marks it done, resubmits it after
// changes were asked, or undoes it; the mentor approves or asks for changes.
Page {
    id: page
    objectName: "step"

    property string stepId
    property string hire
    readonly property var step: enrollment.steps.revision >= 0 ? enrollment.steps.get(stepId) : ({})
    readonly property bool isHire: enrollment.hireName === Session.userName
    readonly property bool isMentor: !isHire && enrollment.enrolled && Session.role === "mentor"
    readonly property color statusTone: step.status === "approved" || step.status === "done" ? Theme.success
                                      : step.status === "sent-back" ? Theme.danger
                                      : step.status === "open" ? palette.windowText
                                      : Theme.primary

    // The state the step was in when an act on it began; empty when none is under way.
    property string actedFrom: ""
    property bool focusPlaced: false

    signal backRequested()

    // The keyboard focus on what the reader does next here, never on a control out of sight:
    // the hire's Mark done or Resubmit, the mentor's comment, else the conversation.
    function focusMainAction() {
        if (doneButton.visible)
            doneButton.forceActiveFocus(Qt.TabFocusReason)
        else if (resubmitButton.visible)
            resubmitButton.forceActiveFocus(Qt.TabFocusReason)
        else if (comment.visible)
            comment.forceActiveFocus(Qt.TabFocusReason)
        else if (threadNote.visible)
            threadNote.forceActiveFocus(Qt.TabFocusReason)
    }
    // Whether the reader already put the focus on something of this page.
    function focusMovedIn(): bool {
        for (let item = page.Window.activeFocusItem; item; item = item.parent) {
            if (item === page)
                return item !== page.Window.activeFocusItem
        }
        return false
    }
    function act(work) {
        actedFrom = step.status || ""
        work()
    }
    function placeFocus() {
        if (page.StackView.status !== StackView.Active)
            return
        if (!focusPlaced && step.status) {
            focusPlaced = true
            if (!focusMovedIn())
                focusMainAction()
        } else if (actedFrom.length > 0 && step.status !== actedFrom) {
            actedFrom = ""
            focusMainAction()
        }
    }
    // Once the bindings the step drives have settled.
    Timer {
        id: focusLater
        interval: 0
        onTriggered: page.placeFocus()
    }
    onStepChanged: focusLater.restart()
    StackView.onActivated: focusLater.restart()

    title: step.title || ""
    focus: true
    Keys.onEscapePressed: page.backRequested()

    // Ctrl+D: mark the open step done, or resubmit it after changes were asked.
    Shortcut {
        sequence: "Ctrl+D"
        enabled: page.visible && page.isHire && !Session.busy
        onActivated: {
            if (doneButton.visible)
                doneButton.clicked()
            else if (resubmitButton.visible)
                resubmitButton.clicked()
        }
    }

    EnrollmentBackend {
        id: enrollment
        hire: page.hire
        threadStep: page.stepId
        onDone: message => { Session.notify(message, false); focusLater.restart() }
        onError: message => { page.actedFrom = ""; Session.notify(message, true) }
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
                // Whose step it is, for a mentor or an admin; the checklist, for the hire.
                text: page.isHire ? enrollment.checklistTitle : enrollment.hireDisplayName
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
                wrapTitle: true
                subtitle: [page.step.section || "",
                           page.step.due ? (page.step.overdue ? qsTr("overdue since %1") : qsTr("due %1")).arg(page.step.due) : "",
                           page.step.required ? qsTr("required for production") : "",
                           !page.step.signoff ? ""
                           : page.isHire ? qsTr("reviewed by %1").arg(enrollment.mentorName)
                           : page.isMentor ? qsTr("you review it")
                           : qsTr("reviewed by %1").arg(enrollment.mentorName)].filter(s => s.length > 0).join(" · ")
                Layout.fillWidth: true
            }

            // The state and its actions sit in one place on every step, above the body, and
            // keep their height as the state changes: nothing below them moves.
            Card {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    RowLayout {
                        spacing: Theme.mediumSpacing
                        Layout.fillWidth: true
                        Label {
                            objectName: "stepMark"
                            text: page.step.mark || ""
                            color: page.statusTone
                            font.pixelSize: 18
                            Accessible.ignored: true
                        }
                        Label {
                            objectName: "stepState"
                            font.bold: true
                            text: page.step.statusText || ""
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                        }
                    }

                    // The hire's actions.
                    Item {
                        visible: page.isHire
                        Layout.fillWidth: true
                        Layout.preferredHeight: note.implicitHeight
                        NoteArea {
                            id: note
                            objectName: "noteField"
                            anchors.left: parent.left
                            anchors.right: parent.right
                            visible: !page.step.done
                            placeholderText: page.step.status === "sent-back"
                                             ? qsTr("What you changed, for %1 (optional)").arg(enrollment.mentorName)
                                             : qsTr("A note for %1 (optional)").arg(enrollment.mentorName)
                            Accessible.name: qsTr("Note for your mentor")
                        }
                    }
                    RowLayout {
                        visible: page.isHire
                        Button {
                            id: doneButton
                            objectName: "markDoneButton"
                            visible: page.step.status === "open"
                            text: qsTr("Mark done")
                            highlighted: true
                            enabled: !Session.busy
                            Accessible.name: qsTr("Mark done (Ctrl+D)")
                            onClicked: page.act(() => enrollment.markDone(page.stepId, note.text))
                        }
                        Button {
                            id: resubmitButton
                            objectName: "resubmitButton"
                            visible: page.step.status === "sent-back"
                            text: qsTr("Resubmit for review")
                            highlighted: true
                            enabled: !Session.busy
                            Accessible.name: qsTr("Resubmit for review (Ctrl+D)")
                            onClicked: page.act(() => enrollment.resubmit(page.stepId, note.text))
                        }
                        Button {
                            objectName: "undoButton"
                            visible: !!page.step.done && !page.step.approved
                            text: qsTr("Undo")
                            enabled: !Session.busy
                            Accessible.name: qsTr("Undo, reopen the step")
                            onClicked: page.act(() => enrollment.undo(page.stepId))
                        }
                    }

                    // The mentor's actions.
                    Item {
                        visible: page.isMentor && !!page.step.done && !!page.step.signoff
                        Layout.fillWidth: true
                        Layout.preferredHeight: comment.implicitHeight
                        NoteArea {
                            id: comment
                            objectName: "commentField"
                            anchors.left: parent.left
                            anchors.right: parent.right
                            visible: !!page.step.awaitingReview
                            placeholderText: qsTr("A comment for %1").arg(enrollment.hireDisplayName)
                            Accessible.name: qsTr("Comment for %1").arg(enrollment.hireDisplayName)
                        }
                    }
                    RowLayout {
                        visible: page.isMentor && !!page.step.done && !!page.step.signoff
                        Layout.preferredHeight: approveButton.implicitHeight
                        Button {
                            id: approveButton
                            objectName: "approveButton"
                            visible: !!page.step.awaitingReview
                            text: qsTr("Approve")
                            highlighted: true
                            enabled: !Session.busy
                            Accessible.name: text
                            onClicked: page.act(() => enrollment.approve(page.stepId, comment.text))
                        }
                        Button {
                            objectName: "rejectButton"
                            visible: !!page.step.awaitingReview
                            text: qsTr("Ask for changes")
                            enabled: !Session.busy && comment.text.length > 0
                            Accessible.name: qsTr("Ask for changes")
                            ToolTip.visible: hovered && comment.text.length === 0
                            ToolTip.text: qsTr("Say what to change in the comment first.")
                            onClicked: page.act(() => enrollment.reject(page.stepId, comment.text))
                        }
                    }
                }
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

            // The conversation on the step: notes and reviews, oldest first.
            Card {
                objectName: "stepThread"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    Label {
                        text: qsTr("Conversation")
                        font.bold: true
                    }
                    Label {
                        visible: enrollment.thread.count === 0
                        text: page.isHire || page.isMentor ? qsTr("No notes yet. Ask a question or add a link below.")
                                                           : qsTr("No notes yet.")
                        color: Theme.secondaryText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                    // delegate when its model changes; a positioner in the cell holds them.
                    Column {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                        spacing: Theme.largeSpacing
                        Repeater {
                            model: enrollment.thread
                            delegate: ColumnLayout {
                                id: entry
                                required property int index
                                required property string heading
                                required property string kind
                                required property string text
                                required property string html
                                required property string at
                                required property bool verified
                                objectName: "threadEntry-" + index
                                width: parent ? parent.width : 0
                                spacing: Theme.smallSpacing
                                RowLayout {
                                    Layout.fillWidth: true
                                    Label {
                                        objectName: "threadHeading-" + entry.index
                                        text: entry.heading
                                        font.bold: true
                                        color: entry.verified ? (entry.kind === "sent-back" ? Theme.danger : palette.windowText)
                                                              : Theme.warning
                                        wrapMode: Text.Wrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: entry.at
                                        color: Theme.secondaryText
                                        font.pixelSize: Theme.smallSize
                                    }
                                }
                                Label {
                                    objectName: "threadText-" + entry.index
                                    visible: entry.text.length > 0
                                    text: entry.html
                                    textFormat: Text.RichText
                                    linkColor: Theme.primary
                                    wrapMode: Text.Wrap
                                    Layout.fillWidth: true
                                    onLinkActivated: link => Qt.openUrlExternally(link)
                                    Accessible.role: Accessible.StaticText
                                    Accessible.name: entry.heading + ": " + entry.text
                                    HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                                }
                            }
                        }
                    }
                    NoteArea {
                        id: threadNote
                        objectName: "threadNoteField"
                        visible: page.isHire || page.isMentor
                        placeholderText: page.isHire ? qsTr("Write to %1…").arg(enrollment.mentorName)
                                                     : qsTr("Write to %1…").arg(enrollment.hireDisplayName)
                        Accessible.name: qsTr("New note")
                        Layout.fillWidth: true
                    }
                    Button {
                        id: addNoteButton
                        objectName: "addNoteButton"
                        visible: page.isHire || page.isMentor
                        text: qsTr("Add note")
                        enabled: !Session.busy && threadNote.text.trim().length > 0
                        Accessible.name: text
                        onClicked: enrollment.addNote(page.stepId, threadNote.text)
                    }
                    Connections {
                        target: enrollment
                        function onDone() {
                            // A note sent: the field stays ready for the next one.
                            if (addNoteButton.activeFocus)
                                threadNote.forceActiveFocus(Qt.TabFocusReason)
                            threadNote.clear()
                        }
                    }
                }
            }
            Item { Layout.preferredHeight: Theme.pageMargin }
        }
    }
}
