import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The mentor's page: mentees with their progress, the approval queue, and the
// chosen mentee's steps with the final sign-off.
Page {
    id: page
    objectName: "mentor"

    signal stepRequested(string stepId, string hire)

    property string selected: team.enrollments.firstHire
    // An admin reads this page as the team's overview: every text says what
    // they can see and do here, not what a mentor would.
    readonly property bool isAdmin: Session.role === "admin"

    title: page.isAdmin ? qsTr("Team") : qsTr("Mentees")

    TeamBackend { id: team }
    EnrollmentBackend {
        id: mentee
        hire: page.selected
        onDone: message => {
            if (page.signingOff) {
                page.signingOff = false
                signoffDialog.succeeded()
            }
            Session.notify(message, false)
        }
        // A sign-off that failed says why in its dialog, which stays open for another try.
        onError: message => {
            if (page.signingOff) {
                page.signingOff = false
                signoffDialog.failed(message)
            } else {
                Session.notify(message, true)
            }
        }
    }
    property bool signingOff: false

    CredentialsBackend {
        id: menteeCredentials
        hire: page.selected
        productionOnly: true
        onDone: message => {
            // Renewed or revoked: the grants are read again and their rows made
            // anew, the button that had the focus gone with its row.
            page.grantFocusWanted = page.grantAct
            page.grantAct = null
            Session.notify(message, false)
        }
        onError: message => {
            page.grantAct = null
            Session.notify(message, true)
        }
    }
    // The grant act asked for in the dialog ({act, credentialId}) while it
    // runs, and once done, where the focus goes when the rows are made again.
    property var grantAct: null
    property var grantFocusWanted: null
    Connections {
        target: menteeCredentials.credentials
        function onModelReset() {
            if (page.grantFocusWanted)
                grantFocusLater.restart()
        }
    }
    // Once the reset's rows are made.
    Timer {
        id: grantFocusLater
        interval: 0
        onTriggered: page.focusAfterGrantAct()
    }
    // After a renewal the keys stay on the renewed grant's row; after a
    // revocation they go on to the next row, else to the list's heading.
    // Which button a row shows follows from its model row, as the delegate says.
    signal grantFocusRequested(string credentialId, string button, int reason)
    function focusAfterGrantAct() {
        const wanted = page.grantFocusWanted
        page.grantFocusWanted = null
        // A dialog opened since (the next revoke or renew) keeps the keys.
        if (!wanted || !page.visible || grantDialog.visible)
            return
        const reason = Session.keyboardInUse ? Qt.TabFocusReason : Qt.OtherFocusReason
        const rows = menteeCredentials.credentials
        const renewable = grant => grant.status !== "locked" && !grant.awaitingSecret
        const revocable = grant => grant.readable || grant.awaitingSecret
        let row = -1
        for (let i = 0; i < rows.count; ++i) {
            if (rows.get(i).credentialId === wanted.credentialId)
                row = i
        }
        if (wanted.act === "renew" && row >= 0 && renewable(rows.get(row))) {
            page.grantFocusRequested(wanted.credentialId, "renew", reason)
            return
        }
        for (let next = row + 1; row >= 0 && next < rows.count; ++next) {
            const grant = rows.get(next)
            if (revocable(grant) || renewable(grant)) {
                page.grantFocusRequested(grant.credentialId, revocable(grant) ? "revoke" : "renew", reason)
                return
            }
        }
        grantsHeading.forceActiveFocus(reason)
    }

    PassphraseDialog {
        id: signoffDialog
        objectName: "signoffDialog"
        title: qsTr("Sign off production access")
        message: qsTr("You are about to release production access to %1. Enter your passphrase to sign.").arg(mentee.hireDisplayName)
                 + (menteeCredentials.productionLifetime.length > 0
                    ? " " + qsTr("Production credentials then last %1; you can renew them.").arg(menteeCredentials.productionLifetime)
                    : "")
        acceptText: qsTr("Sign off")
        waitsForResult: true
        onConfirmed: passphrase => {
            page.signingOff = true
            mentee.signOff(passphrase)
        }
        onClosed: page.signingOff = false
    }

    // The item of the review queue the shortcuts act on: the list's current
    // row, the first while none is current; -1 when the queue is empty.
    readonly property int reviewIndex: team.approvalQueue.count > 0
                                       ? Math.max(0, Math.min(reviews.currentIndex, team.approvalQueue.count - 1)) : -1

    // The queue follows the mentee shown: choosing one selects their first
    // item waiting for review, so the highlighted review (the one Enter and
    // Ctrl+Shift+A act on) is theirs whenever they have one.
    onSelectedChanged: {
        page.keysToSignoff = false
        // Another mentee's page starts at its top, not where the last one was left.
        detail.contentY = 0
        const current = page.reviewIndex >= 0 ? team.approvalQueue.get(page.reviewIndex) : null
        if (current && current.hire === page.selected)
            return
        for (let i = 0; i < team.approvalQueue.count; ++i) {
            const review = team.approvalQueue.get(i)
            if (review.hire === page.selected) {
                reviews.currentIndex = i
                return
            }
        }
    }

    // Ctrl+Shift+N: the next item waiting for review; Ctrl+Shift+A approves the selected one.
    Shortcut {
        sequence: "Ctrl+Shift+N"
        enabled: page.visible && team.approvalQueue.count > 0
        // Selected, its hire shown beside it and the list focused (ringed and
        // read out), even when it is the only one: Enter then opens it.
        onActivated: {
            // The item marked, when its hire is not the one shown, is the next one: it was never seen.
            const marked = page.reviewIndex >= 0 ? team.approvalQueue.get(page.reviewIndex) : null
            reviews.currentIndex = marked && marked.hire !== page.selected ? page.reviewIndex
                                                                            : (page.reviewIndex + 1) % team.approvalQueue.count
            const next = team.approvalQueue.get(reviews.currentIndex)
            page.selected = next.hire
            reviews.forceActiveFocus()
        }
    }
    Shortcut {
        sequence: "Ctrl+Shift+A"
        enabled: page.visible && team.approvalQueue.count > 0 && !Session.busy && Session.role === "mentor"
                 && !approveDialog.visible
        onActivated: {
            const review = team.approvalQueue.get(page.reviewIndex)
            // The hire asked about is the one shown, whatever a reload left selected.
            page.selected = review.hire
            approveDialog.ask(review.hire, review.displayName, review.stepId, review.title, review.notes)
        }
    }

    // Ctrl+Shift+S: sign off the mentee shown, once the sign-off may be given; the dialog asks for the passphrase.
    Shortcut {
        sequence: "Ctrl+Shift+S"
        // As the Sign off button is shown and enabled.
        enabled: page.visible && mentee.locked && !page.isAdmin && !Session.busy && Session.role === "mentor"
                 && !signoffDialog.visible && mentee.enrolled
        // Not yet possible: said, rather than nothing happening.
        onActivated: {
            if (mentee.readyForSignoff)
                signoffDialog.open()
            else if (mentee.signoffWaitsFor.length > 0)
                Session.notify(qsTr("%1's production access can be signed off once these are done: %2.")
                                   .arg(mentee.hireDisplayName).arg(mentee.signoffWaitsFor), false)
            else
                Session.notify(qsTr("%1's production access can be signed off once every required step is done "
                                    + "and approved.").arg(mentee.hireDisplayName), false)
        }
    }

    // Approving counts towards production access: the shortcut asks first.
    // Revoking or renewing a mentee's production grant: asked first, by the
    // credential's title and the mentee's name. Renewing takes nothing away:
    // Renew has the focus; revoking cannot be undone by the hire: Cancel has it.
    Dialog {
        id: grantDialog
        objectName: "grantDialog"
        property string act: "revoke"
        property string credentialId
        property string credentialTitle
        // The credential's provider drops the login at its source (CredentialListModel's endsAtSource).
        property bool endsAtSource: false
        title: act === "revoke" ? qsTr("Revoke %1 for %2?").arg(credentialTitle).arg(mentee.hireDisplayName)
                                : qsTr("Renew %1 for %2?").arg(credentialTitle).arg(mentee.hireDisplayName)
        // The title names a person and a credential: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(460, parent.width - 2 * Theme.pageMargin)
        focus: true
        onOpened: act === "revoke" ? grantCancel.forceActiveFocus(Qt.TabFocusReason)
                                   : grantConfirm.forceActiveFocus(Qt.TabFocusReason)
        function ask(what, id, title, atSource) {
            // A newer act than the last one's: the keys stay here, not on its row.
            page.grantFocusWanted = null
            grantFocusLater.stop()
            act = what
            credentialId = id
            credentialTitle = title
            endsAtSource = atSource === true
            open()
        }
        contentItem: Label {
            objectName: "grantMessage"
            textFormat: Text.PlainText
            // Revoking ends what Onramp releases; a secret already read or exported ends only
            // where it is used, unless the provider drops the login there.
            text: grantDialog.act === "revoke"
                  ? (grantDialog.endsAtSource
                     ? qsTr("%1 can no longer read it from now on, and the login it opens is dropped at the database. You or an admin can renew it later.")
                     : qsTr("%1 can no longer read it in Onramp from now on. A copy they already read or exported still works until the secret is changed where it is used: for a shared secret, an admin sets a new one. You or an admin can renew it later."))
                    .arg(mentee.hireDisplayName)
                  : menteeCredentials.productionLifetime.length > 0
                    ? qsTr("%1 can read it for another %2 from now.").arg(mentee.hireDisplayName).arg(menteeCredentials.productionLifetime)
                    : qsTr("%1 can read it for another full term from now.").arg(mentee.hireDisplayName)
            wrapMode: Text.WordWrap
        }
        footer: DialogButtonBox {
            Button {
                id: grantConfirm
                objectName: "grantConfirmButton"
                text: grantDialog.act === "revoke" ? qsTr("Revoke") : qsTr("Renew")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: grantDialog.title
            }
            Button {
                id: grantCancel
                objectName: "grantCancelButton"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: {
            page.grantAct = { act: act, credentialId: credentialId }
            if (act === "revoke")
                menteeCredentials.revoke(page.selected, credentialId, credentialTitle, mentee.hireDisplayName)
            else
                menteeCredentials.renew(page.selected, credentialId, credentialTitle, mentee.hireDisplayName)
        }
    }

    // Answered, the keys go on with the queue (the next item takes the place
    // of the one approved) or, once it is empty, with the mentees.
    ApproveDialog {
        id: approveDialog
        onAccepted: {
            page.queueIndexAfterReview = page.reviewIndex
            mentee.approveStepOf(approveDialog.hire, approveDialog.stepId)
        }
        onClosed: page.keysBackToQueue()
    }
    // A mentor's hires wait for reviews and for answers to their notes: both are
    // counted, in one sentence whatever waits. Access that expired waits for the
    // mentor too, though nothing is due: only they or an admin can renew it.
    function mentorSummary() {
        const waiting = (team.waitingForReview > 0 ? [qsTr("%n review(s)", "", team.waitingForReview)] : [])
            .concat(team.unansweredNotes > 0 ? [qsTr("%n note(s)", "", team.unansweredNotes)] : [])
            .concat(team.readyForSignoff > 0 ? [qsTr("%n sign-off(s)", "", team.readyForSignoff)] : [])
        if (waiting.length === 0)
            return team.expiredAccess === 0 ? qsTr("Nothing waits for you")
                                            : qsTr("Production access expired for %n mentee(s); you can renew it", "", team.expiredAccess)
        const summary = qsTr("Waiting for you: %1").arg(waiting.join(qsTr(", ")))
        return team.expiredAccess === 0 ? summary
                                        : qsTr("%1 · access expired for %n mentee(s)", "", team.expiredAccess).arg(summary)
    }

    // A page left open counts its waits on: the lists are read again now and then.
    Timer {
        interval: 10 * 60 * 1000
        running: page.visible
        repeat: true
        onTriggered: team.reload()
    }

    // The queue emptied while the page was open: its card stays, saying so, so
    // that the mentees below it do not jump up under the pointer.
    property bool reviewedAll: false
    Connections {
        target: team.approvalQueue
        function onCountChanged() {
            // An empty list read after a failure is no "all reviewed": the page says the vault needs a check.
            page.reviewedAll = team.approvalQueue.count === 0 && team.problem.length === 0
                               && (page.reviewedAll || page.queueSeen)
            page.queueSeen = team.approvalQueue.count > 0
        }
    }
    property bool queueSeen: false

    // The queue's row the keys return to after an approval; -1 when none waits.
    property int queueIndexAfterReview: -1
    // An approval left its hire ready for the sign-off: the keys go to Sign off once it is enabled.
    property bool keysToSignoff: false
    // Whether \a hire's every required step is approved and only the sign-off waits.
    function readyForSignoff(hire) {
        for (let i = 0; i < team.enrollments.count; ++i) {
            const row = team.enrollments.get(i)
            if (row.hire === hire)
                return row.readyForSignoff
        }
        return false
    }
    function keysBackToQueue() {
        if (team.approvalQueue.count > 0) {
            if (page.queueIndexAfterReview >= 0) {
                reviews.currentIndex = Math.min(page.queueIndexAfterReview, team.approvalQueue.count - 1)
                // The next review's hire is shown beside it: Ctrl+Shift+A never acts on
                // a hire other than the one on screen (it shows the hire it asks about).
                // But the hire whose last review that was, now ready for the sign-off,
                // stays shown: the sign-off is the next thing to do for them.
                const next = team.approvalQueue.get(reviews.currentIndex)
                if (page.keysToSignoffNow())
                    return
                if (!page.readyForSignoff(page.selected))
                    page.selected = next.hire
            }
            reviews.forceActiveFocus(Qt.TabFocusReason)
            page.keysParkedOn = page.keysToSignoff ? reviews : null
        } else {
            if (page.queueIndexAfterReview >= 0 && page.keysToSignoffNow())
                return
            mentees.forceActiveFocus(Qt.TabFocusReason)
            page.keysParkedOn = page.keysToSignoff ? mentees : null
        }
    }
    // After an approval that left the hire shown ready for the sign-off, the
    // keys go to Sign off, beside them, not to a review of another: now, or
    // once the hire's page has read that it may be given (while the keys are
    // still where they were parked meanwhile). True when they are there now.
    property Item keysParkedOn: null
    function keysToSignoffNow() {
        page.keysToSignoff = page.readyForSignoff(page.selected)
        if (!page.keysToSignoff)
            return false
        page.keysParkedOn = null
        signoffButton.takeKeys()
        return signoffButton.activeFocus
    }
    // The approval reloads the queue after the dialog closed: the keys follow it.
    Connections {
        target: team.approvalQueue
        function onModelReset() {
            if (page.queueIndexAfterReview < 0)
                return
            page.keysBackToQueue()
            // Done once the queue no longer holds the step approved.
            for (let i = 0; i < team.approvalQueue.count; ++i) {
                const review = team.approvalQueue.get(i)
                if (review.hire === approveDialog.hire && review.stepId === approveDialog.stepId)
                    return
            }
            page.queueIndexAfterReview = -1
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        // The queue and the mentees: one width whatever they or the mentee on the right hold.
        ColumnLayout {
            objectName: "menteeColumn"
            Layout.preferredWidth: 340
            Layout.minimumWidth: 340
            Layout.maximumWidth: 340
            Layout.fillHeight: true
            spacing: Theme.spacing

            PageHeading {
                objectName: "teamHeading"
                title: Session.role === "admin" ? qsTr("Team") : qsTr("Your mentees")
                // An admin reviews nothing here.
                subtitle: team.problem.length > 0 ? qsTr("The vault needs an admin's check")
                          : Session.role === "admin"
                            ? (team.waitingForReview === 0 ? qsTr("Nothing waits for a mentor's review")
                                                           : qsTr("%n waiting for a mentor's review", "", team.waitingForReview))
                          : page.mentorSummary()
                Layout.fillWidth: true
            }

            Card {
                id: queueCard
                objectName: "approvalQueue"
                Layout.fillWidth: true
                visible: team.approvalQueue.count > 0 || (page.reviewedAll && team.problem.length === 0)
                // Emptied, it keeps the height it had until the page is opened again.
                property real heightWithReviews: 0
                onHeightChanged: if (team.approvalQueue.count > 0) queueCard.heightWithReviews = queueCard.height
                Layout.preferredHeight: page.reviewedAll ? queueCard.heightWithReviews : -1
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.smallSpacing
                    HeadingLabel {
                        objectName: "approvalQueueHeading"
                        text: page.isAdmin ? qsTr("Waiting for a mentor's review") : qsTr("Waiting for your review")
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "approvalQueueDone"
                        visible: team.approvalQueue.count === 0
                        // What still waits besides reviews, so that the card never says "nothing" beside a header
                        // that counts a sign-off or a note.
                        text: page.isAdmin ? qsTr("Every step has been reviewed.")
                              : team.readyForSignoff > 0 && team.unansweredNotes > 0
                                ? qsTr("No step waits for your review. Still for you: %1 and %2, marked on your mentees below.")
                                  .arg(qsTr("%n sign-off(s)", "", team.readyForSignoff)).arg(qsTr("%n note(s)", "", team.unansweredNotes))
                              : team.readyForSignoff > 0
                                ? qsTr("No step waits for your review. %n mentee(s) ready for your sign-off, marked below.", "", team.readyForSignoff)
                              : team.unansweredNotes > 0
                                ? qsTr("No step waits for your review. %n note(s) not answered, marked on your mentees below.", "", team.unansweredNotes)
                              : qsTr("All reviewed: nothing waits for you now.")
                        color: Theme.secondaryText
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "approvalQueueKeys"
                        visible: team.approvalQueue.count > 0
                        text: page.isAdmin ? qsTr("Ctrl+Shift+N: next")
                                           : qsTr("Ctrl+Shift+N: next · Ctrl+Shift+A: approve the selected one")
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    // One Tab stop, its reviews reached with the arrow keys and
                    // ringed as the step lists' rows are; Enter or a click opens one.
                    // A long queue scrolls inside the card and leaves room for the mentees.
                    KeyboardList {
                        id: reviews
                        objectName: "reviewList"
                        Layout.fillWidth: true
                        Layout.preferredHeight: contentHeight
                        Layout.maximumHeight: Math.max(160, page.height * 0.4)
                        clip: true
                        interactive: contentHeight > height
                        boundsBehavior: Flickable.StopAtBounds
                        spacing: Theme.smallSpacing
                        model: team.approvalQueue
                        Accessible.name: page.isAdmin ? qsTr("Waiting for a mentor's review") : qsTr("Waiting for your review")
                        // Ctrl+Shift+N moves the current row out of sight too: the list follows it.
                        onCurrentItemChanged: if (currentItem) positionViewAtIndex(currentIndex, ListView.Contain)
                        ScrollBar.vertical: ScrollBar { visible: reviews.interactive }
                        delegate: SelectableRow {
                            id: review
                            required property int index
                            required property string hire
                            required property string displayName
                            required property string stepId
                            required property string title
                            required property string status
                            required property string statusLabel
                            required property string longWait
                            required property string note
                            required property int earlierNotes
                            objectName: "review-" + hire + "-" + stepId
                            // The review the shortcuts act on is the selected one while its hire is the
                            // one shown, never a second selection beside another mentee (Ctrl+Shift+A on
                            // it shows its hire before it asks); and wherever the keys are in the queue.
                            highlighted: review.index === page.reviewIndex // qmllint disable unqualified
                                         && (review.hire === page.selected || reviews.activeFocus) // qmllint disable unqualified
                            // Solid while the keys are in the queue; otherwise a tint and a bar, so that
                            // it does not read as a second selection beside the selected mentee.
                            soft: !reviews.activeFocus // qmllint disable unqualified
                            Accessible.name: (page.isAdmin // qmllint disable unqualified
                                              ? qsTr("“%1” of %2, %3") : qsTr("Review “%1” for %2, %3"))
                                             .arg(review.title).arg(review.displayName).arg(review.statusLabel)
                                             + (review.longWait.length > 0 ? ", " + review.longWait : "")
                                             + (review.note.length > 0 ? " — " + Formats.quoted(review.note) : "")
                            // The step's page goes back to this hire's steps: they become the selected mentee.
                            onClicked: {
                                reviews.currentIndex = review.index // qmllint disable unqualified
                                page.selected = review.hire // qmllint disable unqualified
                                page.stepRequested(review.stepId, review.hire) // qmllint disable unqualified
                            }
                            Keys.onReturnPressed: clicked()
                            Keys.onEnterPressed: clicked()
                            // The name on one line, in the size its label shows it in.
                            TextMetrics {
                                id: nameWidth
                                font.pixelSize: Theme.smallSize
                                text: review.displayName
                            }
                            contentItem: ColumnLayout {
                                spacing: 2
                                // The name whole and the state beside it, or on the next line when both do not fit.
                                Flow {
                                    Layout.fillWidth: true
                                    Layout.preferredWidth: 0  // the cell sets the width; the name and tag wrap in it
                                    spacing: Theme.mediumSpacing
                                    Label {
                                        textFormat: Text.PlainText
                                        objectName: "reviewName-" + review.hire + "-" + review.stepId
                                        text: review.displayName
                                        color: review.solid ? Theme.selectedSecondaryText : Theme.secondaryText
                                        font.pixelSize: Theme.smallSize
                                        // As wide as the name on one line, measured apart: a wrapping label's own
                                        // implicit width changes with its width, a binding loop on a long word.
                                        width: Math.min(Math.ceil(Math.max(nameWidth.advanceWidth, nameWidth.boundingRect.width)) + 1,
                                                        parent ? parent.width : 0)
                                        wrapMode: Text.Wrap
                                    }
                                    Tag {
                                        objectName: "reviewStatus-" + review.hire + "-" + review.stepId
                                        text: review.statusLabel
                                        inverted: review.solid
                                        filled: true
                                    }
                                    // A wait of days is said: the oldest are the ones to take first.
                                    Tag {
                                        objectName: "reviewWait-" + review.hire + "-" + review.stepId
                                        visible: review.longWait.length > 0
                                        text: review.longWait
                                        tone: Theme.warning
                                        inverted: review.solid
                                    }
                                }
                                Label {
                                    textFormat: Text.PlainText
                                    objectName: "reviewTitle-" + review.hire + "-" + review.stepId
                                    text: review.title
                                    wrapMode: Text.Wrap
                                    maximumLineCount: 3
                                    elide: Text.ElideRight
                                    // The row's text colour, as SelectableRow sets it, not read through its palette:
                                    // a palette resolved while the row lays out signals a change, a binding loop.
                                    color: review.solid ? Appearance.colors.highlightedText : Appearance.colors.windowText
                                    Layout.fillWidth: true
                                    ToolTip.visible: truncated && review.hovered
                                    ToolTip.text: review.title
                                }
                                // The hire's newest note not answered yet: a line of it on every review, up to six
                                // on the selected one with how many came before it, so that what Ctrl+Shift+A
                                // approves is in sight. No tool tip: one would cover the row and take its click;
                                // the row's accessible name, the approval and the step's thread say it whole.
                                Label {
                                    textFormat: Text.PlainText
                                    objectName: "reviewNote-" + review.hire + "-" + review.stepId
                                    visible: review.note.length > 0
                                    // In the language's quotation marks, as the step titles around it are.
                                    text: Formats.quoted(review.note)
                                    elide: Text.ElideRight
                                    maximumLineCount: review.highlighted ? 6 : 1
                                    wrapMode: Text.Wrap
                                    color: review.solid ? Theme.selectedSecondaryText : Theme.secondaryText
                                    font.pixelSize: Theme.smallSize
                                    Layout.fillWidth: true
                                }
                                Label {
                                    textFormat: Text.PlainText
                                    objectName: "reviewEarlierNotes-" + review.hire + "-" + review.stepId
                                    visible: review.highlighted && review.earlierNotes > 0
                                    // "+1 earlier": the notes before the one quoted, listed when Ctrl+Shift+A asks.
                                    text: qsTr("+%1 earlier").arg(review.earlierNotes)
                                    color: review.solid ? Theme.selectedSecondaryText : Theme.secondaryText
                                    font.pixelSize: Theme.smallSize
                                    Layout.fillWidth: true
                                    wrapMode: Text.Wrap
                                }
                            }
                        }
                    }
                    // Emptied and holding its height, the card keeps its words at its top.
                    Item { Layout.fillHeight: true }
                }
            }

            // Mentees handed to another mentor (or whose enrollment ended) since the mentor last looked.
            Card {
                objectName: "goneNotice"
                visible: team.goneMentees.length > 0
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: goneHeading.text
                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    Label {
                        id: goneHeading
                        text: qsTr("Since you last looked")
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "goneNoticeText"
                        textFormat: Text.PlainText
                        text: team.goneMentees
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "goneDismiss"
                        text: qsTr("Got it")
                        Accessible.name: qsTr("Got it, do not show this again")
                        onClicked: team.markMenteesSeen()
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                padding: 0
                EmptyState {
                    objectName: "noMentees"
                    anchors.centerIn: parent
                    width: parent.width - 32
                    visible: !team.loading && team.enrollments.count === 0 && team.problem.length === 0
                    title: page.isAdmin ? qsTr("Nobody enrolled yet") : qsTr("No mentees yet")
                    text: page.isAdmin ? qsTr("Enroll a hire under Admin › Enrollments; they show here with their progress and their mentor's reviews.")
                                       : qsTr("When an admin enrolls a hire with you as mentor, they appear here.")
                }
                EmptyState {
                    objectName: "vaultProblem"
                    anchors.centerIn: parent
                    width: parent.width - 32
                    visible: !team.loading && team.problem.length > 0
                    title: qsTr("Nothing can be decided from this vault")
                    text: qsTr("Its records do not agree with its signed log, so Onramp shows and signs nothing "
                               + "until an admin has looked: %1").arg(team.problem)
                }
                KeyboardList {
                    id: mentees
                    objectName: "menteeList"
                    anchors.fill: parent
                    clip: true
                    // A list longer than its room says so, with a bar always drawn (1024x640).
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {
                        id: menteeBar
                        objectName: "menteeScrollBar"
                        policy: ScrollBar.AlwaysOn
                        visible: mentees.contentHeight > mentees.height + 0.5
                    }
                    model: team.enrollments
                    // A reload (a renewal, an approval) keeps the list where it was, not back at its top.
                    property real yBeforeReload: 0
                    Connections {
                        target: team.enrollments
                        function onModelAboutToBeReset() { mentees.yBeforeReload = mentees.contentY }
                        function onModelReset() { keepPlace.restart() }
                    }
                    Timer {
                        id: keepPlace
                        interval: 0
                        onTriggered: mentees.contentY = Math.max(0, Math.min(mentees.yBeforeReload,
                                                                             mentees.contentHeight - mentees.height))
                    }
                    // Named for whom it holds; its rows take the keys.
                    Accessible.name: page.isAdmin ? qsTr("Hires") : qsTr("Your hires")
                    delegate: SelectableRow {
                        id: menteeRow
                        required property string hire
                        required property string displayName
                        required property bool locked
                        required property bool revoked
                        required property string accessText
                        required property string accessKey
                        required property bool accessOpen
                        required property int sentBack
                        required property bool readyForSignoff
                        required property int overdue
                        required property double progress
                        required property int done
                        required property int total
                        required property int awaitingReview
                        required property int unanswered
                        required property bool disabled
                        objectName: "mentee-" + menteeRow.hire
                        // Beside the scroll bar, not under it, when there is one.
                        width: mentees.width - (menteeBar.visible ? menteeBar.width : 0) // qmllint disable unqualified
                        highlighted: menteeRow.hire === page.selected // qmllint disable unqualified
                        // Marked softly while the keys are in the review queue, whose selection is filled then.
                        soft: reviews.activeFocus // qmllint disable unqualified
                        // Whose row it is, then how far along and what waits for the reader.
                        Accessible.name: qsTr("%1 — %2").arg(menteeRow.displayName)
                                         .arg(qsTr("%1 of %n steps", "", menteeRow.total).arg(menteeRow.done)
                                              + (menteeRow.awaitingReview > 0
                                                 ? (page.isAdmin ? qsTr(", %n waiting for a mentor's review", "", menteeRow.awaitingReview) // qmllint disable unqualified
                                                                 : qsTr(", %n waiting for you", "", menteeRow.awaitingReview))
                                                 : "")
                                              + (menteeRow.unanswered > 0 ? qsTr(", %n note(s) not answered", "", menteeRow.unanswered) : "")
                                              + (menteeRow.overdue > 0 ? qsTr(", %n step(s) overdue", "", menteeRow.overdue) : "")
                                              + (menteeRow.readyForSignoff ? (page.isAdmin ? qsTr(", ready for the mentor's sign-off") // qmllint disable unqualified
                                                                                           : qsTr(", ready for your sign-off")) : "")
                                              + (menteeRow.locked ? "" : qsTr(", production access signed off"))
                                              + (menteeRow.disabled ? qsTr(", disabled by an admin") : ""))
                        onClicked: page.selected = menteeRow.hire // qmllint disable unqualified
                        Keys.onReturnPressed: clicked()
                        Keys.onEnterPressed: clicked()
                        contentItem: ColumnLayout {
                            spacing: Theme.smallSpacing
                            RowLayout {
                                // A long name wraps, never under the tags beside it.
                                Label {
                                    textFormat: Text.PlainText
                                    text: menteeRow.displayName
                                    font.bold: true
                                    wrapMode: Text.Wrap
                                    Layout.fillWidth: true
                                    Layout.minimumWidth: 0
                                }
                                // Disabled: nothing of theirs is reviewed, said in words beside the access.
                                Tag {
                                    objectName: "menteeDisabled-" + menteeRow.hire
                                    visible: menteeRow.disabled
                                    text: qsTr("disabled")
                                    tone: Theme.danger
                                    inverted: menteeRow.solid
                                }
                                Tag {
                                    objectName: "menteeAccess-" + menteeRow.hire
                                    text: menteeRow.accessText
                                    tone: menteeRow.accessOpen ? Theme.success : Theme.warning
                                    inverted: menteeRow.solid
                                }
                            }
                            // Changes asked and not redone yet: the ball is with the hire, said on the row.
                            Tag {
                                objectName: "menteeSentBack-" + menteeRow.hire
                                visible: menteeRow.sentBack > 0
                                text: qsTr("changes asked on %n step(s)", "", menteeRow.sentBack)
                                tone: Theme.warning
                                inverted: menteeRow.solid
                            }
                            // Every required step approved: the sign-off is what waits, said on the row
                            // as the header counts it.
                            Tag {
                                objectName: "menteeReady-" + menteeRow.hire
                                visible: menteeRow.readyForSignoff
                                text: page.isAdmin ? qsTr("ready for sign-off") : qsTr("ready for your sign-off") // qmllint disable unqualified
                                tone: Theme.success
                                inverted: menteeRow.solid
                            }
                            // The hire asked and waits for an answer: said in words, not by a colour.
                            Tag {
                                objectName: "menteeUnanswered-" + menteeRow.hire
                                visible: menteeRow.unanswered > 0
                                text: qsTr("%n note(s) not answered", "", menteeRow.unanswered)
                                inverted: menteeRow.solid
                            }
                            StepProgress {
                                done: menteeRow.done
                                total: menteeRow.total
                                waiting: menteeRow.awaitingReview
                                overdue: menteeRow.overdue
                                // Coloured as the report's chart colours it: revoked and expired alike.
                                access: menteeRow.accessKey
                                selected: menteeRow.solid
                                Layout.fillWidth: true
                            }
                        }
                    }
                }
            }
        }

        // The rest of the width, however wide what it shows would like to be.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 0
            Layout.minimumWidth: 0
            spacing: Theme.spacing
            visible: mentee.enrolled

            RowLayout {
                Layout.fillWidth: true
                PageHeading {
                    objectName: "menteeHeading"
                    title: mentee.hireDisplayName
                    // A long name wraps rather than end in "…".
                    wrapTitle: true
                    // An admin sees whose mentee this is; a mentor knows.
                    subtitle: page.isAdmin && mentee.mentorName.length > 0 && mentee.mentorDisabled
                              ? qsTr("%1 · mentored by %2, disabled · %3").arg(mentee.checklistTitle).arg(mentee.mentorName)
                                .arg(Formats.progress(mentee.doneCount, mentee.total, mentee.awaitingReview))
                              : page.isAdmin && mentee.mentorName.length > 0
                              ? qsTr("%1 · mentored by %2 · %3").arg(mentee.checklistTitle).arg(mentee.mentorName)
                                .arg(Formats.progress(mentee.doneCount, mentee.total, mentee.awaitingReview))
                              : qsTr("%1 · %2").arg(mentee.checklistTitle)
                                .arg(Formats.progress(mentee.doneCount, mentee.total, mentee.awaitingReview))
                    Layout.fillWidth: true
                }
                // Only the mentor signs off: an admin sees whom it waits for, not a button they can never press.
                // A disabled mentor reviews nothing and signs nothing off: said in
                // place of whom it waits for (the list below says who gives another).
                Tag {
                    objectName: "mentorDisabledTag"
                    visible: page.isAdmin && mentee.mentorDisabled && !mentee.hireDisabled
                    text: qsTr("mentor disabled")
                    tone: Theme.warning
                    Layout.minimumWidth: implicitWidth
                    Layout.alignment: Qt.AlignTop
                }
                Tag {
                    objectName: "signoffWaiting"
                    visible: page.isAdmin && mentee.locked && mentee.readyForSignoff && !mentee.mentorDisabled
                    text: qsTr("waiting for sign-off by %1").arg(mentee.mentorName)
                    tone: Theme.warning
                    // Never squeezed by a long heading: the heading wraps instead.
                    Layout.minimumWidth: implicitWidth
                    Layout.alignment: Qt.AlignTop
                }
                // Held until the gate allows it, and then it says why under it: a
                // disabled button sees no hover, so a tooltip would never show.
                ColumnLayout {
                    visible: mentee.locked && !page.isAdmin && !mentee.hireDisabled
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.smallSpacing
                    Button {
                        id: signoffButton
                        objectName: "signoffButton"
                        Layout.minimumWidth: implicitWidth
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("Sign off production…")
                        highlighted: true
                        enabled: mentee.readyForSignoff && !Session.busy && Session.role === "mentor"
                        function takeKeys() {
                            if (!page.keysToSignoff || !visible || !enabled)
                                return
                            page.keysToSignoff = false
                            // Moved on by the mentor meanwhile: the keys stay where they are.
                            if (page.keysParkedOn && !page.keysParkedOn.activeFocus)
                                return
                            forceActiveFocus(Qt.TabFocusReason)
                        }
                        onEnabledChanged: takeKeys()
                        onVisibleChanged: takeKeys()
                        Accessible.name: qsTr("Sign off production access")
                        Accessible.description: signoffHeld.visible ? signoffHeld.text : ""
                        onClicked: signoffDialog.open()
                    }
                    Label {
                        id: signoffHeld
                        objectName: "signoffHeld"
                        visible: !mentee.readyForSignoff
                        text: qsTr("Once every required step is done and approved")
                        color: Theme.secondaryText
                        font.pixelSize: Theme.smallSize
                        horizontalAlignment: Text.AlignRight
                        wrapMode: Text.Wrap
                        Layout.maximumWidth: Math.max(signoffButton.implicitWidth, 200)
                        Layout.alignment: Qt.AlignRight
                    }
                }
            }

            // Below the heading, the mentee's gate, grants and steps scroll as one: at 1024x640
            // they do not fit, and a list squeezed under the cards would show half a row.
            RevealingFlickable {
                id: detail
                objectName: "menteeDetail"
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentWidth: detailColumn.width
                contentHeight: detailColumn.implicitHeight
                content: detailColumn
                // Drawn whenever there is more below, not only while it moves; gone when all fits
                // (and while the page is still laid out in no width, when every text wraps tall).
                ScrollBar.vertical: ScrollBar {
                    policy: ScrollBar.AlwaysOn
                    visible: detail.width > 200 && detail.contentHeight > detail.height + 0.5
                }

                ColumnLayout {
                    id: detailColumn
                    // Room on the right for the scroll bar.
                    width: detail.width - 14
                    spacing: Theme.spacing
                    GateStatus {
                        Layout.fillWidth: true
                        locked: mentee.locked
                        reasons: mentee.reasons
                        signedOffBy: mentee.signedOffBy
                        signedOffOn: mentee.signedOffOn
                        // Signed off, but IT has yet to add a secret: said as the hire's Home says it.
                        waitingForSecret: menteeCredentials.credentials.productionAwaitingSecret
                        lockedIntro: qsTr("It opens when these are done:")
                        // The reader's own sign-off and revocation are said as theirs.
                        unlockedText: mentee.signedOffByMe
                                      ? (mentee.signedOffOn.length > 0 ? qsTr("You signed off on %1.").arg(mentee.signedOffOn)
                                                                       : qsTr("You signed off."))
                                      : mentee.signedOffOn.length > 0 ? qsTr("Signed off by %1 on %2.").arg(mentee.signedOffBy).arg(mentee.signedOffOn)
                                                                      : qsTr("Signed off by %1.").arg(mentee.signedOffBy)
                        expired: menteeCredentials.credentials.productionExpired
                        expiredText: mentee.signedOffByMe
                                     ? qsTr("You signed off on %1; every production credential has expired since. Renew one below to give access back.")
                                       .arg(mentee.signedOffOn)
                                     : qsTr("Signed off by %1 on %2; every production credential has expired since. Renew one below to give access back.")
                                       .arg(mentee.signedOffBy).arg(mentee.signedOffOn)
                        revoked: mentee.revoked
                        revokedBy: mentee.revokedBy
                        revokedOn: mentee.revokedOn
                        revokedText: mentee.signedOffByMe && mentee.revokedByMe
                                     ? qsTr("You signed off on %1 and revoked production access on %2. Renew a credential below to give it back.")
                                       .arg(mentee.signedOffOn).arg(mentee.revokedOn)
                                     : mentee.signedOffByMe
                                     ? qsTr("You signed off on %1; %2 revoked production access on %3. Renew a credential below to give it back.")
                                       .arg(mentee.signedOffOn).arg(mentee.revokedBy).arg(mentee.revokedOn)
                                     : mentee.revokedByMe
                                     ? qsTr("Signed off by %1 on %2; you revoked production access on %3. Renew a credential below to give it back.")
                                       .arg(mentee.signedOffBy).arg(mentee.signedOffOn).arg(mentee.revokedOn)
                                     : qsTr("Signed off by %1 on %2; %3 revoked production access on %4. Renew a credential below to give it back.")
                                       .arg(mentee.signedOffBy).arg(mentee.signedOffOn).arg(mentee.revokedBy).arg(mentee.revokedOn)
                    }

                    // An admin's move of the mentee while something it caused still waits:
                    // which approvals it ended, which requests for changes it kept, the sign-off.
                    Card {
                        objectName: "menteeMoveNote"
                        visible: mentee.moveNote.length > 0
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Grouping
                        Accessible.name: moveNoteHeading.text + " " + moveNoteText.text
                        ColumnLayout {
                            anchors.fill: parent
                            spacing: Theme.smallSpacing
                            HeadingLabel {
                                id: moveNoteHeading
                                text: qsTr("Since the move")
                            }
                            Label {
                                id: moveNoteText
                                objectName: "menteeMoveNoteText"
                                textFormat: Text.PlainText
                                text: mentee.moveNote
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                        }
                    }

                    // The mentee's production credentials: live grants to revoke or renew, and
                    // locked ones with what they wait for and how long they last once released.
                    Card {
                        Layout.fillWidth: true
                        visible: menteeCredentials.credentials.count > 0
                        ColumnLayout {
                            anchors.fill: parent
                            spacing: 6
                            HeadingLabel {
                                id: grantsHeading
                                objectName: "grantsHeading"
                                text: qsTr("Production credentials")
                            }
                            // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                            // delegate when its model changes; a positioner in the cell holds them.
                            Column {
                                Layout.fillWidth: true
                                Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                                spacing: 6
                                Repeater {
                                    model: menteeCredentials.credentials
                                    delegate: Column {
                                        id: grant
                                        required property string credentialId
                                        required property string title
                                        required property string status
                                        required property string statusText
                                        required property bool readable
                                        required property string expiresAt
                                        required property string lifetime
                                        required property bool awaitingSecret
                                        required property bool endsAtSource
                                        readonly property bool locked: grant.status === "locked"
                                        width: parent ? parent.width : 0
                                        spacing: Theme.smallSpacing
                                        Connections {
                                            target: page // qmllint disable unqualified
                                            function onGrantFocusRequested(credentialId: string, button: string, reason: int) {
                                                if (credentialId === grant.credentialId)
                                                    (button === "renew" ? renewButton : revokeButton).forceActiveFocus(reason)
                                            }
                                        }
                                        // The name on a line of its own, broken between words only; a name
                                        // longer than two lines ends in … and shows whole on hover.
                                        Label {
                                            textFormat: Text.PlainText
                                            objectName: "grant-title-" + grant.credentialId
                                            text: grant.title
                                            width: grant.width
                                            wrapMode: Text.WordWrap
                                            maximumLineCount: 2
                                            elide: Text.ElideRight
                                            Accessible.role: Accessible.StaticText
                                            Accessible.name: grant.title
                                            ToolTip.visible: truncated && grantTitleHover.hovered
                                            ToolTip.text: grant.title
                                            HoverHandler { id: grantTitleHover }
                                        }
                                        RowLayout {
                                            width: grant.width
                                            Tag {
                                                objectName: "grant-status-" + grant.credentialId
                                                text: grant.statusText
                                                tone: Theme.credentialTone(grant.readable, grant.locked, grant.awaitingSecret)
                                            }
                                            Label {
                                                textFormat: Text.PlainText
                                                visible: grant.readable
                                                text: qsTr("until %1").arg(grant.expiresAt)
                                                color: Theme.secondaryText
                                                wrapMode: Text.WordWrap
                                                Layout.fillWidth: true
                                            }
                                            Item { visible: !grant.readable; Layout.fillWidth: true }
                                            Button {
                                                id: revokeButton
                                                objectName: "revoke-" + grant.credentialId
                                                text: qsTr("Revoke")
                                                // Also while IT has yet to add the secret: revoked, the secret
                                                // set later never reaches the hire.
                                                visible: grant.readable || grant.awaitingSecret
                                                Accessible.name: qsTr("Revoke %1").arg(grant.title)
                                                onClicked: grantDialog.ask("revoke", grant.credentialId, grant.title, grant.endsAtSource) // qmllint disable unqualified
                                            }
                                            Button {
                                                id: renewButton
                                                objectName: "renew-" + grant.credentialId
                                                text: qsTr("Renew")
                                                // Renewing a grant that holds no secret yet would lengthen nothing usable.
                                                visible: !grant.locked && !grant.awaitingSecret
                                                Accessible.name: qsTr("Renew %1").arg(grant.title)
                                                onClicked: grantDialog.ask("renew", grant.credentialId, grant.title) // qmllint disable unqualified
                                            }
                                        }
                                        Label {
                                            textFormat: Text.PlainText
                                            objectName: "grant-reason-" + grant.credentialId
                                            visible: grant.locked
                                            text: (mentee.readyForSignoff // qmllint disable unqualified
                                                   ? qsTr("Released at the sign-off; it then lasts %1.")
                                                   : qsTr("Released at the sign-off, once the required steps are done and approved; it then lasts %1."))
                                                  .arg(grant.lifetime)
                                            color: Theme.secondaryText
                                            wrapMode: Text.Wrap
                                            width: grant.width
                                        }
                                    }
                                }
                            }
                        }
                    }

                    // Every step at full height: the whole column scrolls, so no row is cut at the list's edge.
                    Card {
                        Layout.fillWidth: true
                        Layout.preferredHeight: menteeSteps.contentHeight
                        padding: 0
                        KeyboardList {
                            id: menteeSteps
                            objectName: "menteeSteps"
                            anchors.fill: parent
                            interactive: false
                            model: mentee.steps
                            // The keys move through the rows; the column scrolls to show the current one.
                            onCurrentItemChanged: detail.reveal(currentItem)
                            Accessible.name: qsTr("Steps of %1").arg(mentee.hireDisplayName)
                            section.property: "section"
                            // A heading, read before the rows it heads; the rows are read by the arrow keys
                            // alone, so the first of a section says the heading too.
                            section.delegate: HeadingLabel {
                                required property string section
                                text: section.length > 0 ? section : qsTr("Other steps")
                                // A long name wraps within the list rather than run past its edge.
                                width: menteeSteps.width // qmllint disable unqualified
                                rightPadding: 16
                                wrapMode: Text.Wrap
                                topPadding: 12
                                leftPadding: 16
                                color: Theme.secondaryText
                            }
                            delegate: StepRow {
                                id: menteeStep
                                required property string section
                                readonly property bool opensSection: ListView.section !== ListView.previousSection
                                width: ListView.view.width
                                Accessible.name: opensSection
                                                 //: a section heading, then the step's title and state: "Day one: Read the handbook, to do"
                                                 ? qsTr("%1: %2, %3").arg(section.length > 0 ? section : qsTr("Other steps"))
                                                                     .arg(menteeStep.title).arg(menteeStep.statusLabel)
                                                   + menteeStep.unansweredText
                                                 : qsTr("%1, %2").arg(menteeStep.title).arg(menteeStep.statusLabel)
                                                   + menteeStep.unansweredText
                                onOpened: page.stepRequested(stepId, page.selected) // qmllint disable unqualified
                            }
                        }
                    }
                }
            }
        }
    }
}
