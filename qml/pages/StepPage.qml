import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// One step: its Markdown body, due date, its state written for the reader,
// and the conversation on it. The hire marks it done, resubmits it after
// changes were asked, or undoes it; the mentor approves or asks for changes.
// The conversation's box is the one place to write: a step's action sends
// what is in it along, and Add note sends it alone, leaving the step as it
// is, for the hire as for the mentor. What is typed and not sent is kept while
// the session is open (EnrollmentBackend.keepDraft): another step opened
// meanwhile loses nothing.
Page {
    id: page
    objectName: "step"

    property string stepId
    property string hire
    // The page this one goes back to: "home", "checklist" or "mentor" (that hire's steps).
    property string from: "checklist"
    readonly property var step: enrollment.steps.revision >= 0 ? enrollment.steps.get(stepId) : ({})
    readonly property bool isHire: enrollment.hireName === Session.userName
    readonly property bool isMentor: !isHire && enrollment.enrolled && Session.role === "mentor"
    readonly property color statusTone: step.status === "approved" || step.status === "done" ? Theme.success
                                      : step.status === "sent-back" ? Theme.danger
                                      : step.status === "open" ? palette.windowText
                                      : Theme.primary

    // The state the step was in when an act on it began; empty when none is under way.
    property string actedFrom: ""
    // The act under way sends the conversation's box along: once done, the box is emptied.
    property bool sendingNote: false
    property bool focusPlaced: false
    // A step the mentor reviews: marking it done asks for that review.
    readonly property bool asksForReview: !!page.step.signoff

    signal backRequested()
    // Open the step \a stepId of the same hire in this page's place.
    signal siblingRequested(string stepId)

    // The keyboard focus where typing is safe: the conversation's box when it
    // shows, else the page itself. Never Mark done, Resubmit or Undo: a Space
    // typed into a note before clicking the box would press them (Ctrl+D acts).
    function focusMainAction() {
        if (threadNote.visible)
            threadNote.forceActiveFocus(Qt.TabFocusReason)
        else
            page.forceActiveFocus(Qt.OtherFocusReason)
    }
    // Whether the reader already put the focus on something of this page.
    function focusMovedIn(): bool {
        for (let item = page.Window.activeFocusItem; item; item = item.parent) {
            if (item === page)
                return item !== page.Window.activeFocusItem
        }
        return false
    }
    function act(work, sendsNote) {
        actedFrom = step.status || ""
        sendingNote = !!sendsNote
        work()
    }
    function placeFocus() {
        if (page.StackView.status !== StackView.Active)
            return
        if (!focusPlaced && step.status) {
            focusPlaced = true
            // Opened, the page shows from its title: the box takes the keys only
            // where it is in sight already, never by scrolling the title away.
            if (!focusMovedIn()) {
                if (page.inSightUnscrolled(threadNote))
                    focusMainAction()
                else
                    page.forceActiveFocus(Qt.OtherFocusReason)
            }
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
    // Escape closes the question about approving first, even while it still opens.
    Keys.onEscapePressed: {
        if (approveDialog.visible)
            approveDialog.reject()
        else
            page.backRequested()
    }

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

    // Ctrl+Shift+N: the hire's next step waiting for review, in this page's place, as
    // on the mentor's page it selects the next one.
    Shortcut {
        sequence: "Ctrl+Shift+N"
        enabled: page.visible && !page.isHire && enrollment.enrolled && !Session.busy
        onActivated: {
            const next = enrollment.steps.nextAwaitingReview(page.stepId)
            if (next.length > 0)
                page.siblingRequested(next)
            else
                Session.notify(page.isMentor ? qsTr("No other step of %1's waits for your review.").arg(enrollment.hireDisplayName)
                                             : qsTr("No other step of %1's waits for review.").arg(enrollment.hireDisplayName), false)
        }
    }

    // Ctrl+Shift+A: the mentor approves the open step; Approve asks first, as the button does.
    // A step with nothing to approve says so, rather than nothing happening.
    Shortcut {
        sequence: "Ctrl+Shift+A"
        enabled: page.visible && page.isMentor && !Session.busy && !approveDialog.visible
        onActivated: {
            if (!enrollment.hireDisabled && !!page.step.awaitingReview)
                approveButton.clicked()
            else
                Session.notify(qsTr("“%1” is not waiting for your review.").arg(page.step.title || ""), false)
        }
    }

    // Ctrl+Shift+R: the mentor asks for changes on the open step; with nothing
    // written yet, the keys go to the conversation's box to write what to change.
    Shortcut {
        sequence: "Ctrl+Shift+R"
        enabled: page.visible && page.isMentor && !enrollment.hireDisabled && !!page.step.awaitingReview && !Session.busy
        onActivated: {
            if (rejectButton.enabled)
                rejectButton.clicked()
            else
                threadNote.forceActiveFocus(Qt.ShortcutFocusReason)
        }
    }

    EnrollmentBackend {
        id: enrollment
        hire: page.hire
        threadStep: page.stepId
        onDone: message => { Session.notify(message, false); focusLater.restart() }
        onError: message => { page.actedFrom = ""; page.sendingNote = false; Session.notify(message, true) }
    }

    // The crumb names the page it goes back to (as Escape does), and nothing else.
    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                id: backButton
                objectName: "backButton"
                readonly property string destination: page.from === "home" ? qsTr("Home")
                                                    : page.from === "mentor" ? qsTr("Steps of %1").arg(enrollment.hireDisplayName)
                                                    : qsTr("Checklist")
                text: "\u2039 " + destination
                // The hire's display name, as text: a button's own label would read it as markup.
                contentItem: Label {
                    text: backButton.text
                    textFormat: Text.PlainText
                    font: backButton.font
                    color: backButton.palette.buttonText
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    elide: Text.ElideRight
                }
                Accessible.name: qsTr("Back to %1").arg(destination)
                onClicked: page.backRequested()
            }
            Item { Layout.fillWidth: true }
        }
    }

    // Approving decides production access: Approve asks first, as Ctrl+Shift+A does.
    ApproveDialog {
        id: approveDialog
        onAccepted: page.act(() => enrollment.approve(page.stepId, threadNote.text), true)
    }
    SendBackDialog {
        id: sendBackDialog
        onAccepted: page.act(() => enrollment.reject(page.stepId, threadNote.text), true)
    }

    // \a item is whole in what the page shows at its top, unscrolled.
    function inSightUnscrolled(item: Item): bool {
        const flick = scroller.contentItem as Flickable
        if (!item || !item.visible || !flick)
            return false
        return item.mapToItem(flick.contentItem, 0, 0).y + item.height <= flick.height
    }
    // A control reached with Tab below or above what the page shows scrolls into sight.
    FocusRevealer {
        scrollView: scroller
    }

    ScrollView {
        id: scroller
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing

            PageHeading {
                objectName: "stepHeading"
                Layout.margins: Theme.pageMargin
                Layout.bottomMargin: 0
                title: page.step.title || ""
                wrapTitle: true
                // Whose step it is, for a mentor or an admin. The hire's own step needs no name:
                // the hire has one checklist, which Home and the Checklist name (its title beside
                // the section said "first week" twice), so theirs starts with the section.
                subtitle: [page.isHire ? "" : enrollment.hireDisplayName,
                           page.step.section || "",
                           page.step.dueText || "",
                           page.step.required ? qsTr("required for production") : "",
                           !page.step.signoff ? ""
                           : page.isHire ? qsTr("reviewed by %1").arg(enrollment.mentorName)
                           : page.isMentor ? qsTr("you review it")
                           : qsTr("reviewed by %1").arg(enrollment.mentorName)].filter(s => s.length > 0).join(" · ")
                Layout.fillWidth: true
            }

            // The state and its actions sit in one place on every step, above the body; a state
            // with no action takes no room for one. Marking done (Mark done, then Undo) keeps
            // the height, so nothing below moves under the hire's hand.
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
                            id: stepMark
                            textFormat: Text.PlainText
                            objectName: "stepMark"
                            // An open step's mark (•) beside "Not done yet." reads as a stray bullet: the
                            // sentence says it alone, from the card's edge. The list keeps the mark, for
                            // the column of states.
                            visible: page.step.status !== "open"
                            text: page.step.mark || ""
                            color: page.statusTone
                            font.pixelSize: 18
                            Accessible.ignored: true
                        }
                        // The state in bold; what it means and what comes next, when that
                        // needs saying, in plain text under it.
                        ColumnLayout {
                            spacing: 2
                            Layout.fillWidth: true
                            Label {
                                textFormat: Text.PlainText
                                objectName: "stepState"
                                font.bold: true
                                text: page.step.statusText || ""
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                                // As tall as the mark, shown or not: marking done moves nothing under the hand.
                                Layout.minimumHeight: stepMark.implicitHeight
                                verticalAlignment: Text.AlignVCenter
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                            }
                            Label {
                                textFormat: Text.PlainText
                                objectName: "stepStateDetail"
                                visible: text.length > 0
                                text: page.step.statusDetail || ""
                                wrapMode: Text.Wrap
                                color: Theme.secondaryText
                                Layout.fillWidth: true
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                            }
                        }
                    }

                    // The hire's actions; what they wrote in the conversation's box goes along.
                    RowLayout {
                        // From the step, not from the buttons' own visibility, which follows this row's.
                        visible: page.isHire && (page.step.status === "open" || page.step.status === "sent-back"
                                                 || (!!page.step.done && !page.step.approved))
                        Button {
                            id: doneButton
                            objectName: "markDoneButton"
                            visible: page.step.status === "open"
                            // On a step the mentor reviews, it says that it asks for the review.
                            text: page.asksForReview ? qsTr("Mark done, ask for review") : qsTr("Mark done")
                            // The step's own act in bold: a highlighted button's edge looks
                            // like the focus, so a second ring seemed to show beside the real one.
                            font.bold: true
                            enabled: !Session.busy
                            Accessible.name: page.asksForReview ? qsTr("Mark done and ask %1 for review (Ctrl+D)").arg(enrollment.mentorName)
                                                                : qsTr("Mark done (Ctrl+D)")
                            onClicked: page.act(() => enrollment.markDone(page.stepId, threadNote.text), true)
                        }
                        Button {
                            id: resubmitButton
                            objectName: "resubmitButton"
                            visible: page.step.status === "sent-back"
                            text: qsTr("Resubmit for review")
                            font.bold: true
                            enabled: !Session.busy
                            Accessible.name: qsTr("Resubmit for review (Ctrl+D)")
                            onClicked: page.act(() => enrollment.resubmit(page.stepId, threadNote.text), true)
                        }
                        Button {
                            id: undoButton
                            objectName: "undoButton"
                            // Once production access is signed off the records stay as they were signed off.
                            visible: !!page.step.done && !page.step.approved && enrollment.signedOffOn.length === 0
                            text: qsTr("Undo")
                            enabled: !Session.busy
                            Accessible.name: qsTr("Undo, reopen the step")
                            onClicked: page.act(() => enrollment.undo(page.stepId))
                        }
                    }
                    // Where Undo would be, once production access is signed off: why it is not.
                    Label {
                        objectName: "undoOffNote"
                        visible: page.isHire && !!page.step.done && !page.step.approved
                                 && enrollment.signedOffOn.length > 0
                        textFormat: Text.PlainText
                        text: qsTr("Undo is off once production access is signed off. Ask %1 if this step needs "
                                   + "doing again.").arg(enrollment.signedOffBy)
                        wrapMode: Text.Wrap
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }

                    // The mentor's actions; what they wrote in the conversation's box is the comment.
                    // None for a disabled hire: the core refuses to review their steps.
                    RowLayout {
                        visible: page.isMentor && !enrollment.hireDisabled && !!page.step.awaitingReview
                        Button {
                            id: approveButton
                            objectName: "approveButton"
                            text: qsTr("Approve…")
                            font.bold: true
                            enabled: !Session.busy
                            Accessible.name: qsTr("Approve…")
                            onClicked: approveDialog.ask(page.hire, enrollment.hireDisplayName, page.stepId, page.step.title || "", [], threadNote.text)
                        }
                        Button {
                            id: rejectButton
                            objectName: "rejectButton"
                            // Held only for want of a comment: said under the buttons and to a screen reader.
                            readonly property bool needsComment: threadNote.text.trim().length === 0
                            text: qsTr("Ask for changes…")
                            enabled: !Session.busy && !needsComment
                            Accessible.name: qsTr("Ask for changes…")
                            // The hint under the buttons says it; no tooltip repeats it over the status line.
                            Accessible.description: needsComment ? rejectHint.text : ""
                            onClicked: sendBackDialog.ask(enrollment.hireDisplayName, page.step.title || "", threadNote.text)
                        }
                    }
                    // Stays in its place as the comment is typed, so that nothing under it moves:
                    // what holds Ask for changes back, then what either button sends.
                    Label {
                        id: rejectHint
                        objectName: "rejectHint"
                        visible: page.isMentor && !enrollment.hireDisabled && !!page.step.awaitingReview
                        // With the keys that do the same (ShortcutsSheet), said where they work.
                        text: (rejectButton.needsComment
                               ? qsTr("To ask for changes, first write what to change in the conversation below.")
                               : qsTr("Approve or Ask for changes sends what you wrote below along with it."))
                              + " " + qsTr("Keys: %1 approves, %2 asks for changes.")
                                      .arg(Formats.keys("Ctrl+Shift+A")).arg(Formats.keys("Ctrl+Shift+R"))
                        color: Theme.secondaryText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }

            // What the latest move changed in this step: the hire redoes or the mentor reviews
            // it again against the text as it is now, and sees what is new.
            Card {
                objectName: "stepChanges"
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                visible: (page.step.changedFrom || 0) > 0
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.smallSpacing
                    Label {
                        objectName: "stepChangesHeading"
                        textFormat: Text.PlainText
                        text: qsTr("Changed since version %1 of the checklist, the version before the move:")
                                  .arg(page.step.changedFrom || 0)
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                    }
                    // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                    // delegate when its model changes; a positioner in the cell holds them.
                    Column {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                        spacing: Theme.smallSpacing
                        Repeater {
                            model: page.step.changes || []
                            delegate: Label {
                                required property var modelData
                                required property int index
                                objectName: "stepChange-" + index
                                readonly property string kind: modelData.kind
                                // A reworded sentence shows the words that changed in bold.
                                readonly property bool marked: (modelData.marked || "").length > 0
                                textFormat: marked ? Text.StyledText : Text.PlainText
                                text: kind === "title" ? qsTr("Title before: “%1”").arg(modelData.text)
                                    : kind === "removed" ? "\u2212 " + (marked ? modelData.marked : modelData.text)
                                    : "+ " + (marked ? modelData.marked : modelData.text)
                                color: kind === "removed" ? Theme.danger : kind === "added" ? Theme.success
                                                                                             : palette.windowText
                                font.strikeout: kind === "removed"
                                wrapMode: Text.Wrap
                                width: parent ? parent.width : 0
                                Accessible.role: Accessible.StaticText
                                Accessible.name: kind === "removed" ? qsTr("Removed: %1").arg(modelData.text)
                                               : kind === "added" ? qsTr("Added: %1").arg(modelData.text)
                                               : text
                            }
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                visible: (page.step.body || "").length > 0
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.mediumSpacing
                    // The body speaks to the hire ("your sandbox"): a mentor or an admin is told so.
                    Label {
                        objectName: "stepBodyReader"
                        visible: !page.isHire
                        textFormat: Text.PlainText
                        text: qsTr("What %1 reads on this step:").arg(enrollment.hireDisplayName)
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "stepBody"
                        // Laid out again when the theme changes (an invisible mark in dark): Qt 6.4 keeps
                        // the links of Markdown in the colour they were first drawn in.
                        text: (page.step.body || "") + (Theme.dark && page.step.body ? "\u200b" : "")
                        textFormat: Text.MarkdownText
                        wrapMode: Text.Wrap
                        // The links in the window's own accent, as its link buttons are, in both themes.
                        linkColor: Theme.primary
                        Layout.fillWidth: true
                        onLinkActivated: link => Session.openInBrowser(link)
                        Accessible.role: Accessible.StaticText
                        // What the body shows, not its Markdown: no brackets, stars or addresses read out.
                        Accessible.name: page.step.plainBody || ""
                        HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                    }
                    // The body's links once more, as controls: Tab reaches them and Enter opens them,
                    // which a link inside a text does not allow. Headed, so that the repeat reads as a list.
                    Label {
                        objectName: "stepLinksHeading"
                        visible: linkRepeater.count > 0
                        textFormat: Text.PlainText
                        text: qsTr("Links in this step, with where each goes:")
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.smallSpacing
                    }
                    Flow {
                        visible: linkRepeater.count > 0
                        Layout.fillWidth: true
                        spacing: Theme.mediumSpacing
                        Repeater {
                            id: linkRepeater
                            model: page.step.links || []
                            delegate: LinkButton {
                                required property var modelData
                                required property int index
                                objectName: "stepLink-" + index
                                text: modelData.text
                                url: modelData.url
                                shownInText: modelData.text === modelData.url
                            }
                        }
                    }
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
                        textFormat: Text.PlainText
                        visible: enrollment.thread.count === 0
                        objectName: "threadEmpty"
                        // Said to the one who reads it: the hire asks, the mentor writes to the hire.
                        text: !threadNote.visible ? qsTr("No notes yet.")
                              : page.isMentor ? qsTr("No notes yet. Write to %1 below.").arg(enrollment.hireDisplayName)
                              : qsTr("No notes yet. Ask a question or add a link below.")
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
                                required property var links
                                objectName: "threadEntry-" + index
                                width: parent ? parent.width : 0
                                spacing: Theme.smallSpacing
                                RowLayout {
                                    Layout.fillWidth: true
                                    Label {
                                        textFormat: Text.PlainText
                                        objectName: "threadHeading-" + entry.index
                                        text: entry.heading
                                        // Read once, with the note below it: one item per note for a screen reader.
                                        Accessible.ignored: entry.text.length > 0
                                        font.bold: true
                                        color: entry.verified ? (entry.kind === "sent-back" ? Theme.danger : palette.windowText)
                                                              : Theme.warning
                                        wrapMode: Text.Wrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        textFormat: Text.PlainText
                                        objectName: "threadTime-" + entry.index
                                        text: entry.at
                                        Accessible.ignored: entry.text.length > 0
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
                                    onLinkActivated: link => Session.openInBrowser(link)
                                    Accessible.role: Accessible.StaticText
                                    Accessible.name: entry.heading + ", " + entry.at + ": " + entry.text
                                    HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                                }
                                // The entry's links once more, as controls the keyboard reaches.
                                Flow {
                                    visible: entry.links.length > 0
                                    Layout.fillWidth: true
                                    spacing: Theme.mediumSpacing
                                    Repeater {
                                        // Each link carries its entry's index for its name.
                                        model: entry.links.map(link => ({ text: link.text, url: link.url, entry: entry.index }))
                                        delegate: LinkButton {
                                            required property var modelData
                                            required property int index
                                            objectName: "threadLink-" + modelData.entry + "-" + index
                                            text: modelData.text
                                            url: modelData.url
                                            // A bare address in the note is a link there already.
                                            shownInText: modelData.text === modelData.url
                                        }
                                    }
                                }
                            }
                        }
                    }
                    NoteArea {
                        id: threadNote
                        objectName: "threadNoteField"
                        visible: page.isMentor || page.isHire
                        // The one box to write in: sent alone with Add note, or along with the step's action.
                        placeholderText: doneButton.visible ? (page.asksForReview ? qsTr("A question or note for %1: Add note sends it now; marking the step done and asking for review sends it along") : qsTr("A question or note for %1: Add note sends it now; marking the step done sends it along")).arg(enrollment.mentorName)
                                       : resubmitButton.visible ? qsTr("What you changed, or a question, for %1: Add note sends it now, Resubmit sends it along").arg(enrollment.mentorName)
                                       : page.isHire ? qsTr("A question or note for %1, sent with Add note").arg(enrollment.mentorName)
                                       : approveButton.visible ? qsTr("A comment for %1: Approve or Ask for changes sends it along; Add note sends it alone").arg(enrollment.hireDisplayName)
                                       : qsTr("Write to %1…").arg(enrollment.hireDisplayName)
                        Layout.fillWidth: true
                        // What was typed and not sent comes back when the step is opened again.
                        Component.onCompleted: text = enrollment.draftOf(page.stepId)
                        onTextChanged: enrollment.keepDraft(page.stepId, text)
                        // Ctrl+Enter: Add note, where it can send.
                        onSubmitted: {
                            if (addNoteButton.visible && addNoteButton.enabled)
                                addNoteButton.clicked()
                        }
                    }
                    RowLayout {
                        spacing: Theme.mediumSpacing
                        Button {
                            id: addNoteButton
                            objectName: "addNoteButton"
                            // A note alone, at every state of the step, from the hire or the mentor.
                            visible: page.isMentor || page.isHire
                            text: qsTr("Add note")
                            enabled: !Session.busy && threadNote.text.trim().length > 0
                            Accessible.name: text
                            Accessible.description: addNoteKeys.text
                            onClicked: page.act(() => enrollment.addNote(page.stepId, threadNote.text), true)
                        }
                        Label {
                            id: addNoteKeys
                            objectName: "addNoteKeys"
                            visible: addNoteButton.visible
                            text: qsTr("or %1 in the box").arg(Formats.keys("Ctrl+Enter"))
                            color: Theme.secondaryText
                            font.pixelSize: Theme.smallSize
                        }
                        // The mentor read the hire's notes and has nothing to add: they stop
                        // waiting for an answer (on this desktop) until the hire writes again.
                        Button {
                            objectName: "markReadButton"
                            visible: page.isMentor && (page.step.unanswered || 0) > 0
                            enabled: !Session.busy
                            text: qsTr("Mark as read")
                            Accessible.name: qsTr("Mark %1's notes as read, with no reply").arg(enrollment.hireDisplayName)
                            onClicked: {
                                threadNote.forceActiveFocus(Qt.OtherFocusReason)
                                enrollment.markNotesRead(page.stepId)
                            }
                        }
                    }
                    Connections {
                        target: enrollment
                        function onDone() {
                            // Only what was sent leaves the box: Undo keeps what is typed.
                            if (!page.sendingNote)
                                return
                            page.sendingNote = false
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
