pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The hire's home: a blameless welcome, overall progress, the next steps,
// and production status with the gate's reasons.
Page {
    id: page
    objectName: "home"

    signal stepRequested(string stepId)
    signal checklistRequested()

    title: qsTr("Home")

    EnrollmentBackend { id: enrollment }

    // A control reached with Tab below or above what the page shows scrolls into sight.
    FocusRevealer {
        scrollView: homeScroll
    }

    ScrollView {
        id: homeScroll
        objectName: "homeScroll"
        anchors.fill: parent
        contentWidth: availableWidth
        // Shown whenever the page is taller than the window (a notice under
        // it shortens it too): a fading bar would hide that there is more
        // below. It runs in the page's margin, clear of the cards.
        ScrollBar.vertical.policy: contentHeight > height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff

        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing

            PageHeading {
                Layout.margins: Theme.pageMargin
                Layout.bottomMargin: 0
                title: qsTr("Welcome, %1").arg(Session.displayName)
                // Reissuing is offered only to a hire with a sandbox credential to reissue.
                // Before enrollment there is no sandbox yet: the subtitle says what comes.
                subtitle: !enrollment.loading && !enrollment.enrolled && !enrollment.unreadable
                          ? qsTr("Your sandbox, yours to break, comes with your checklist: experiment and make mistakes there, and nothing you do can touch production.")
                          : credentialsCard.anyReissuable
                          ? qsTr("Your sandbox is yours to break: experiment, make mistakes, reissue credentials. "
                                 + "Nothing you do there can touch production.")
                          : qsTr("Your sandbox is yours to break: experiment and make mistakes. "
                                 + "Nothing you do there can touch production.")
            }

            // Steps the mentor sent back since the hire last looked: named once, each with a way in.
            Card {
                objectName: "sentBackNotice"
                // Sized by its column: with "Got it" beside it, the Pane has two children.
                contentWidth: sentBackColumn.implicitWidth
                contentHeight: sentBackColumn.implicitHeight
                visible: enrollment.sentBack.count > 0
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                Accessible.role: Accessible.AlertMessage
                Accessible.name: sentBackHeading.text
                ColumnLayout {
                    id: sentBackColumn
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    Label {
                        id: sentBackHeading
                        text: qsTr("Changes asked since you last looked")
                        font.bold: true
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        // Room for "Got it" at the card's top right, level with the heading.
                        Layout.rightMargin: sentBackDismissButton.width + Theme.mediumSpacing
                        Layout.minimumHeight: sentBackDismissButton.height
                        verticalAlignment: Text.AlignVCenter
                    }
                    // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                    // delegate when its model changes; a positioner in the cell holds them.
                    Column {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                        spacing: Theme.mediumSpacing
                        Repeater {
                            model: enrollment.sentBack
                            delegate: RowLayout {
                                id: sentBackStep
                                required property string stepId
                                required property string title
                                required property string reviewer
                                required property string comment
                                width: parent ? parent.width : 0
                                spacing: Theme.mediumSpacing
                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 2
                                    Label {
                                        textFormat: Text.PlainText
                                        objectName: "sentBackText-" + sentBackStep.stepId
                                        text: qsTr("%1 asked for changes on “%2”.").arg(sentBackStep.reviewer).arg(sentBackStep.title)
                                        wrapMode: Text.Wrap
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        textFormat: Text.PlainText
                                        visible: sentBackStep.comment.length > 0
                                        text: qsTr("“%1”").arg(sentBackStep.comment)
                                        color: Theme.secondaryText
                                        wrapMode: Text.Wrap
                                        Layout.fillWidth: true
                                    }
                                }
                                Button {
                                    objectName: "sentBackOpen-" + sentBackStep.stepId
                                    text: qsTr("Open the step")
                                    Accessible.name: qsTr("Open “%1”").arg(sentBackStep.title)
                                    Layout.alignment: Qt.AlignTop
                                    // Opened first: marking it seen takes this row away.
                                    onClicked: {
                                        const id = sentBackStep.stepId
                                        page.stepRequested(id)
                                        enrollment.markSentBackSeen(id)
                                    }
                                }
                            }
                        }
                    }
                }
                // After the card's content in the Tab order and for a screen reader:
                // what the card says comes before putting it away.
                Button {
                    id: sentBackDismissButton
                    objectName: "sentBackDismiss"
                    text: qsTr("Got it")
                    Accessible.name: qsTr("Got it, do not show these again")
                    anchors.top: parent.top
                    anchors.right: parent.right
                    onClicked: enrollment.markSentBackSeen("")
                }
            }

            // An admin's move since the hire last looked: who, where, and who reviews what again.
            Card {
                objectName: "moveNotice"
                // Sized by its column: with "Got it" beside it, the Pane has two children.
                contentWidth: moveColumn.implicitWidth
                contentHeight: moveColumn.implicitHeight
                visible: enrollment.moveNotice.length > 0
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                Accessible.role: Accessible.AlertMessage
                Accessible.name: moveHeading.text + " " + moveText.text
                ColumnLayout {
                    id: moveColumn
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    Label {
                        id: moveHeading
                        text: qsTr("Moved since you last looked")
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        // Room for "Got it" at the card's top right, level with the heading.
                        Layout.rightMargin: moveDismissButton.width + Theme.mediumSpacing
                        Layout.minimumHeight: moveDismissButton.height
                        verticalAlignment: Text.AlignVCenter
                    }
                    Label {
                        id: moveText
                        objectName: "moveNoticeText"
                        textFormat: Text.PlainText
                        text: enrollment.moveNotice
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    // The steps the move worded otherwise, each a way in to what changed.
                    // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                    // delegate when its model changes; a positioner in the cell holds them.
                    Flow {
                        visible: enrollment.movedChanges.length > 0
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0  // the cell sets the width; the buttons wrap in it
                        spacing: Theme.mediumSpacing
                        Repeater {
                            model: enrollment.movedChanges
                            delegate: Button {
                                required property var modelData
                                objectName: "movedChangeOpen-" + modelData.stepId
                                text: qsTr("Open “%1”").arg(modelData.title)
                                Accessible.name: qsTr("Open “%1” to see what changed").arg(modelData.title)
                                onClicked: page.stepRequested(modelData.stepId)
                            }
                        }
                    }
                }
                // After the card's content in the Tab order and for a screen reader:
                // what the card says comes before putting it away.
                Button {
                    id: moveDismissButton
                    objectName: "moveDismiss"
                    text: qsTr("Got it")
                    Accessible.name: qsTr("Got it, do not show this again")
                    anchors.top: parent.top
                    anchors.right: parent.right
                    onClicked: enrollment.markMoveSeen()
                }
            }

            // The mentor's replies and approvals, the sign-off and a change of mentor since the hire
            // last looked: each with a way in.
            Card {
                objectName: "newsNotice"
                // Sized by its column: with "Got it" beside it, the Pane has two children.
                contentWidth: newsColumn.implicitWidth
                contentHeight: newsColumn.implicitHeight
                visible: enrollment.replies.length > 0 || enrollment.mentorNotice.length > 0
                         || enrollment.revokeNotice.length > 0 || enrollment.signoffNotice.length > 0
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                Accessible.role: Accessible.AlertMessage
                Accessible.name: newsHeading.text
                ColumnLayout {
                    id: newsColumn
                    anchors.fill: parent
                    spacing: Theme.mediumSpacing
                    Label {
                        id: newsHeading
                        text: qsTr("New since you last looked")
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        // Room for "Got it" at the card's top right, level with the heading.
                        Layout.rightMargin: newsDismissButton.width + Theme.mediumSpacing
                        Layout.minimumHeight: newsDismissButton.height
                        verticalAlignment: Text.AlignVCenter
                    }
                    Label {
                        objectName: "mentorNoticeText"
                        visible: enrollment.mentorNotice.length > 0
                        textFormat: Text.PlainText
                        text: enrollment.mentorNotice
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "signoffNoticeText"
                        visible: enrollment.signoffNotice.length > 0
                        textFormat: Text.PlainText
                        text: enrollment.signoffNotice
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "revokeNoticeText"
                        visible: enrollment.revokeNotice.length > 0
                        textFormat: Text.PlainText
                        text: enrollment.revokeNotice
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                    // delegate when its model changes; a positioner in the cell holds them.
                    Column {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                        spacing: Theme.mediumSpacing
                        Repeater {
                            model: enrollment.replies
                            delegate: RowLayout {
                                id: reply
                                required property var modelData
                                readonly property string stepId: modelData.stepId
                                width: parent ? parent.width : 0
                                spacing: Theme.mediumSpacing
                                Label {
                                    textFormat: Text.PlainText
                                    objectName: "replyText-" + reply.stepId
                                    text: reply.modelData.text
                                    wrapMode: Text.Wrap
                                    Layout.fillWidth: true
                                }
                                Button {
                                    objectName: "replyOpen-" + reply.stepId
                                    text: qsTr("Open the step")
                                    Accessible.name: qsTr("Open “%1”").arg(reply.modelData.title)
                                    Layout.alignment: Qt.AlignTop
                                    // Opened first: marking it seen takes this row away.
                                    onClicked: {
                                        const id = reply.stepId
                                        page.stepRequested(id)
                                        enrollment.markRepliesSeen(id)
                                    }
                                }
                            }
                        }
                    }
                }
                // After the card's content in the Tab order and for a screen reader:
                // what the card says comes before putting it away.
                Button {
                    id: newsDismissButton
                    objectName: "newsDismiss"
                    text: qsTr("Got it")
                    Accessible.name: qsTr("Got it, do not show these again")
                    anchors.top: parent.top
                    anchors.right: parent.right
                    onClicked: enrollment.markRepliesSeen("")
                }
            }

            EmptyState {
                visible: !enrollment.loading && !enrollment.enrolled && !enrollment.unreadable
                Layout.fillWidth: true
                Layout.topMargin: 40
                title: qsTr("You are not enrolled on a checklist yet")
                text: qsTr("Your admin enrolls you with a mentor; your steps will appear here.")
            }
            // Not "not enrolled" when the vault could not be read: what went wrong, and another try.
            EmptyState {
                objectName: "homeUnreadable"
                visible: !enrollment.loading && enrollment.unreadable
                Layout.fillWidth: true
                Layout.topMargin: 40
                // Another Onramp writing to the vault is no damage: nobody needs telling.
                title: enrollment.vaultBusy ? qsTr("The vault is busy") : qsTr("Your checklist could not be read")
                text: enrollment.vaultBusy
                      ? qsTr("Another Onramp on this computer is writing to the vault. Try again in a moment; nothing is lost.")
                      : qsTr("%1\n\nTell your admin: they can check the vault (Admin › Vault).").arg(enrollment.problem)
                actionText: qsTr("Try again")
                onActionTriggered: enrollment.reload()
            }

            RowLayout {
                visible: enrollment.enrolled
                Layout.fillWidth: true
                Layout.leftMargin: Theme.pageMargin
                Layout.rightMargin: Theme.pageMargin
                spacing: Theme.spacing

                Card {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: Theme.mediumSpacing
                        Label {
                            textFormat: Text.PlainText
                            text: enrollment.checklistTitle
                            font.pixelSize: Theme.headingSize
                            font.bold: true
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            textFormat: Text.PlainText
                            objectName: "enrollmentDates"
                            // A start date still ahead is not "started" yet.
                            text: (enrollment.startsLater ? qsTr("Mentor: %1 · starts on %2") : qsTr("Mentor: %1 · started %2"))
                                  .arg(enrollment.mentorName).arg(enrollment.startDate)
                            color: Theme.secondaryText
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        StepProgress {
                            done: enrollment.doneCount
                            total: enrollment.total
                            waiting: enrollment.awaitingReview
                            // The hire's bar is about their steps: access ended is said in the
                            // production card, not as a warning colour on the steps done.
                            access: enrollment.accessKey === "unlocked" ? "unlocked" : "locked"
                            textObjectName: "progressText"
                            Layout.fillWidth: true
                        }
                        Label {
                            text: qsTr("Next up")
                            font.bold: true
                            Layout.topMargin: Theme.mediumSpacing
                            visible: enrollment.nextSteps.count > 0
                        }
                        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
                        // delegate when its model changes; a positioner in the cell holds them.
                        Column {
                            objectName: "nextSteps"
                            Layout.fillWidth: true
                            Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                            spacing: 0
                            Repeater {
                                model: enrollment.nextSteps
                                delegate: ItemDelegate {
                                    id: nextStep
                                    required property string stepId
                                    required property string title
                                    required property bool overdue
                                    required property string status
                                    required property string statusLabel
                                    required property string dueText
                                    readonly property string stateText: status === "sent-back" ? statusLabel : ""
                                    readonly property string details: stateText && dueText ? stateText + " · " + dueText
                                                                                           : stateText + dueText
                                    objectName: "next-" + stepId
                                    width: parent ? parent.width : 0
                                    Accessible.name: details.length > 0 ? qsTr("%1, %2").arg(title).arg(details) : title
                                    focusPolicy: Qt.StrongFocus
                                    activeFocusOnTab: true
                                    onClicked: page.stepRequested(stepId)
                                    Keys.onReturnPressed: clicked()
                                    Keys.onEnterPressed: clicked()
                                    Keys.onSpacePressed: clicked()
                                    background: Rectangle {
                                        color: nextStep.hovered ? Theme.hoverTint : "transparent"
                                        border.width: nextStep.visualFocus ? 2 : 0
                                        border.color: Theme.focusRing
                                        radius: 3
                                    }
                                    // The title wraps in full; its state and due date go on a line of their own.
                                    contentItem: ColumnLayout {
                                        spacing: 2
                                        Label {
                                            textFormat: Text.PlainText
                                            objectName: "nextTitle-" + nextStep.stepId
                                            text: nextStep.title
                                            wrapMode: Text.Wrap
                                            Layout.fillWidth: true
                                        }
                                        Label {
                                            textFormat: Text.PlainText
                                            visible: nextStep.details.length > 0
                                            text: nextStep.details
                                            color: nextStep.overdue || nextStep.status === "sent-back" ? Theme.danger : Theme.secondaryText
                                            font.pixelSize: Theme.smallSize
                                            wrapMode: Text.Wrap
                                            Layout.fillWidth: true
                                        }
                                    }
                                }
                            }
                        }
                        Label {
                            textFormat: Text.PlainText
                            objectName: "allDoneNote"
                            visible: enrollment.total > 0 && enrollment.nextSteps.count === 0
                            // Said as the progress above counts: a step waiting for review is not done yet.
                            text: enrollment.awaitingReview > 0
                                  ? qsTr("You have done your part of every step; %n wait(s) for your mentor's review.", "",
                                         enrollment.awaitingReview)
                                  : qsTr("Every step is done. Well done!")
                            color: Theme.success
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Button {
                            objectName: "openChecklist"
                            text: qsTr("Open the checklist")
                            Accessible.name: text
                            onClicked: page.checklistRequested()
                        }
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing
                    GateStatus {
                        Layout.fillWidth: true
                        locked: enrollment.locked
                        // All steps done, only the sign-off left: said with the mentor's name instead.
                        reasons: enrollment.readyForSignoff ? [] : enrollment.reasons
                        lockedIntro: enrollment.readyForSignoff
                                     ? qsTr("Your required steps are all done: it opens when %1 signs off.").arg(enrollment.mentorName)
                                     // Beside steps past their due date, "no rush" would contradict the red dates.
                                     : enrollment.overdueCount > 0
                                     ? qsTr("It opens when these are done; the sandbox is yours meanwhile:")
                                     : qsTr("It opens when these are done — no rush, the sandbox is yours meanwhile:")
                        signedOffBy: enrollment.signedOffBy
                        signedOffOn: enrollment.signedOffOn
                        timeLeft: credentialsCard.productionTimeLeft
                        waitingForSecret: credentialsCard.productionAwaitingSecret
                        expired: credentialsCard.productionExpired
                        revoked: enrollment.revoked
                        revokedBy: enrollment.revokedBy
                        revokedOn: enrollment.revokedOn
                    }
                    CredentialsCard {
                        id: credentialsCard
                        Layout.fillWidth: true
                    }
                }
            }
            Item { Layout.preferredHeight: Theme.pageMargin }
        }
    }
}
