pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's Enrollments tab: enrolling a hire on a checklist with a
// mentor; the enrollments (filtered by what is typed above the list); and
// moving the one picked to its checklist's latest version or to another
// checklist (a hire enrolled on the wrong one).
ColumnLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    // The \a key of a row that a list's get(row) returned; "" when it has none.
    function valueOf(row, key) {
        return row[key] ?? ""
    }
    // The enrollment picked in the list, as a map of its roles; empty when none.
    readonly property var enrollment: tab.admin.enrollments.selected
    readonly property bool picked: tab.enrollment.hire !== undefined
    readonly property bool behind: tab.picked && tab.enrollment.version < tab.enrollment.latestVersion
    // The picked enrollment's hire is enabled: a disabled one is not edited nor moved (their steps wait for nobody).
    readonly property bool actionable: tab.picked && !tab.enrollment.disabled
    // The other stored versions of the picked enrollment's checklist, newest first.
    readonly property var versionChoices: tab.picked ? tab.admin.versionChoices(tab.enrollment.hire) : []
    // The newest of them earlier than the enrollment's; 0 when there is none.
    readonly property int earlierVersion: {
        for (let i = 0; i < tab.versionChoices.length; ++i) {
            if (tab.versionChoices[i].older)
                return tab.versionChoices[i].version
        }
        return 0
    }
    // Why the typed start date is refused; empty when it is fine (or left empty: today).
    readonly property string startProblem: tab.admin.dateProblem(enrollStart.text)

    // A hire was enrolled from this form: no hire is proposed any more.
    property bool enrolledOne: false
    // The row of \a name among the hires offered; -1 when it is not offered.
    function rowOfHire(name, choices) {
        for (let row = 0; row < choices.length; ++row) {
            if (choices[row].name === name)
                return row
        }
        return -1
    }

    // Every hire is enrolled, or there is none: the admin asked to add one.
    signal addHireRequested()
    // The Team page with \a hire shown, where an expired or revoked grant is renewed.
    signal teamRequested(string hire)

    // The form with \a hire picked and the keys in it: the next is the mentor.
    function startEnrolling(hire) {
        enrollHire.picked = hire
        enrollHire.sync()
        enrollHire.forceActiveFocus(Qt.OtherFocusReason)
    }

    // The row of the enrollment of \a hire in the list as filtered; -1 when it is not shown.
    function rowOfEnrollment(hire) {
        for (let row = 0; row < enrollmentList.count; ++row) {
            if (tab.valueOf(filtered.get(row), "hire") === hire)
                return row
        }
        return -1
    }

    spacing: Theme.spacing

    // The lists were read at least once: what the form offers is known.
    property bool readOnce: false

    // After enrolling, the form empties for the next hire.
    Connections {
        target: tab.admin
        function onEnrolled(hire: string) {
            tab.enrolledOne = true
            // The new enrollment is the one picked: its details show beside the list.
            tab.admin.enrollments.selectedHire = hire
            enrollHire.picked = ""
            enrollHire.sync()
            enrollHire.forceActiveFocus()
        }
        function onChanged() {
            tab.readOnce = true
            syncHire.restart()
        }
        // The version moved to would lower the gate the hire is held to:
        // nothing moved, and the admin is asked, each weakening listed.
        function onWeakerMove(hire: string, name: string, checklistId: string, version: int, title: string,
                              fromTitle: string, fromVersion: int, weakens: list<string>) {
            weakerMoveDialog.hire = hire
            weakerMoveDialog.name = name
            weakerMoveDialog.checklistId = checklistId
            weakerMoveDialog.version = version
            weakerMoveDialog.checklistTitle = title
            weakerMoveDialog.fromTitle = fromTitle
            weakerMoveDialog.fromVersion = fromVersion
            weakerMoveDialog.weakens = weakens
            weakerMoveDialog.open()
        }
    }

    // Once the list of hires is made again, the box shows the picked hire.
    Timer {
        id: syncHire
        interval: 0
        onTriggered: enrollHire.sync()
    }

    Shortcut {
        sequence: "Ctrl+F" // StandardKey.Find, which qmllint 6.4 cannot resolve
        enabled: tab.visible
        onActivated: {
            enrollmentFilter.forceActiveFocus()
            enrollmentFilter.selectAll()
        }
    }
    Card {
        Layout.fillWidth: true
        GridLayout {
            id: enrollForm
            // With nobody to enroll, the mentor, the start and the checklist are greyed
            // with the hire's box, and folded away: the form offers nothing to fill in
            // until a hire is added, and the enrollments below get its room.
            // Not folded before the lists were first read: nobody is known to be enrolled yet.
            readonly property bool someoneToEnroll: enrollHire.count > 0 || !tab.readOnce
            anchors.fill: parent
            columns: 4
            columnSpacing: Theme.largeSpacing
            Label { text: qsTr("Hire"); visible: enrollForm.someoneToEnroll }
            Label { text: qsTr("Mentor"); visible: enrollForm.someoneToEnroll }
            Label { text: qsTr("Start (YYYY-MM-DD)"); visible: enrollForm.someoneToEnroll }
            Item { width: 1; visible: enrollForm.someoneToEnroll }
            // Only hires not enrolled yet; the first one is proposed until a hire
            // is enrolled, after which the admin picks the next one.
            ComboBox {
                id: enrollHire
                objectName: "enrollHire"
                enabled: enrollForm.someoneToEnroll
                visible: enrollForm.someoneToEnroll
                // The hire picked, by sign-in name: kept while the list is read again.
                property string picked: ""
                // Shows the picked hire, or none: set after every change of the list,
                // which would otherwise leave the box on whoever took the row.
                function sync() {
                    enrollHire.currentIndex = tab.rowOfHire(enrollHire.picked, tab.admin.hireChoices)
                }
                function propose() {
                    if (!tab.enrolledOne && enrollHire.picked.length === 0 && tab.admin.hireChoices.length > 0)
                        enrollHire.picked = tab.admin.hireChoices[0].name
                }
                model: tab.admin.hireChoices
                textRole: "label"
                valueRole: "name"
                onActivated: enrollHire.picked = currentValue
                onPickedChanged: enrollHire.sync()
                onCountChanged: {
                    enrollHire.propose()
                    syncHire.restart()
                    // The last hire enrolled greys the form: the focus goes on to the enrollments
                    // (ringed on the row picked: see the list's syncCurrent()).
                    if (count === 0 && activeFocus)
                        enrollmentList.forceActiveFocus()
                }
                Component.onCompleted: {
                    enrollHire.propose()
                    enrollHire.sync()
                }
                // The full name in the box; the list below adds the user name.
                displayText: currentIndex >= 0 && currentIndex < count ? tab.admin.hireChoices[currentIndex].shownName
                                                                       : count > 0 ? qsTr("Choose a hire") : qsTr("Nobody to enroll")
                ToolTip.visible: hovered && currentIndex >= 0
                ToolTip.text: currentText
                Layout.fillWidth: true
                Layout.preferredWidth: 150
                Accessible.name: currentIndex >= 0 ? qsTr("Hire: %1").arg(currentText) : qsTr("Hire: none chosen")
                // A long name ends in an ellipsis, read whole in the tooltip and by a screen reader.
                contentItem: Label {
                    textFormat: Text.PlainText
                    leftPadding: 4
                    rightPadding: enrollHire.indicator ? enrollHire.indicator.width : 0
                    text: enrollHire.displayText
                    elide: Text.ElideRight
                    verticalAlignment: Text.AlignVCenter
                }
            }
            ComboBox {
                id: enrollMentor
                objectName: "enrollMentor"
                enabled: enrollForm.someoneToEnroll
                visible: enrollForm.someoneToEnroll
                onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0
                model: tab.admin.mentorChoices
                textRole: "label"
                valueRole: "name"
                // The full name in the box; the list below adds the user name.
                displayText: currentIndex >= 0 && currentIndex < count ? tab.admin.mentorChoices[currentIndex].shownName : ""
                ToolTip.visible: hovered && currentText.length > 0
                ToolTip.text: currentText
                Layout.fillWidth: true
                Layout.preferredWidth: 150
                Accessible.name: qsTr("Mentor: %1").arg(currentText)
                // A long name ends in an ellipsis, read whole in the tooltip and by a screen reader.
                contentItem: Label {
                    textFormat: Text.PlainText
                    leftPadding: 4
                    rightPadding: enrollMentor.indicator ? enrollMentor.indicator.width : 0
                    text: enrollMentor.displayText
                    elide: Text.ElideRight
                    verticalAlignment: Text.AlignVCenter
                }
            }
            DateField {
                id: enrollStart
                name: "enrollStart"
                enabled: enrollForm.someoneToEnroll
                visible: enrollForm.someoneToEnroll
                label: qsTr("Start date")
                placeholderText: qsTr("today")
                fallback: tab.admin.today()
                Layout.preferredWidth: 200
                onAccepted: if (enrollButton.enabled) enrollButton.clicked()
            }
            Item { width: 1; visible: enrollForm.someoneToEnroll }
            // The checklist on a row of its own, so that a long title is read whole;
            // its name above it, as the hire's, the mentor's and the start's are.
            Label {
                text: qsTr("Checklist")
                visible: enrollForm.someoneToEnroll
                Layout.columnSpan: 4
            }
            RowLayout {
                visible: enrollForm.someoneToEnroll
                Layout.columnSpan: 3
                Layout.fillWidth: true
                spacing: Theme.mediumSpacing
                // The title with the id and the version, wrapped when the row is
                // too narrow for it (German, a long title at 1024 px): never cut.
                ComboBox {
                    id: enrollChecklist
                    enabled: enrollForm.someoneToEnroll
                    onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0
                    objectName: "enrollChecklist"
                    model: tab.admin.checklists
                    textRole: "label"
                    valueRole: "checklistId"
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Checklist: %1").arg(displayText)
                    ToolTip.visible: hovered
                    ToolTip.text: displayText
                    contentItem: Label {
                        textFormat: Text.PlainText
                        leftPadding: 4
                        rightPadding: enrollChecklist.indicator ? enrollChecklist.indicator.width : 0
                        text: enrollChecklist.displayText
                        wrapMode: Text.Wrap
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
            Button {
                id: enrollButton
                objectName: "enrollButton"
                text: qsTr("Enroll")
                visible: enrollForm.someoneToEnroll
                highlighted: true
                enabled: !Session.busy && enrollHire.currentIndex >= 0 && enrollMentor.currentIndex >= 0
                         && enrollChecklist.currentIndex >= 0 && tab.startProblem.length === 0
                Accessible.name: qsTr("Enroll the hire")
                onClicked: tab.admin.enroll(enrollHire.currentValue, enrollChecklist.currentValue, enrollMentor.currentValue, enrollStart.text)
            }
            Label {
                textFormat: Text.PlainText
                objectName: "enrollStartError"
                Layout.columnSpan: 4
                Layout.fillWidth: true
                visible: enrollForm.someoneToEnroll && tab.startProblem.length > 0
                text: tab.startProblem
                color: Theme.danger
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            // Allowed, and said before it is done: a start long past, or far ahead.
            Label {
                textFormat: Text.PlainText
                objectName: "enrollStartWarning"
                readonly property string warning: tab.admin.startDateWarning(enrollStart.text)
                Layout.columnSpan: 4
                Layout.fillWidth: true
                visible: enrollForm.someoneToEnroll && tab.startProblem.length === 0 && warning.length > 0
                text: warning
                color: Theme.warning
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            // What Enroll waits for when it cannot be pressed for want of people.
            Label {
                textFormat: Text.PlainText
                objectName: "enrollNoHire"
                Layout.columnSpan: 4
                Layout.fillWidth: true
                visible: !tab.admin.loading && tab.admin.hires.length === 0
                text: qsTr("No hire to enroll yet: add one on the People tab.")
                color: Theme.warning
                wrapMode: Text.Wrap
            }
            Label {
                textFormat: Text.PlainText
                objectName: "enrollNoMentor"
                Layout.columnSpan: 4
                Layout.fillWidth: true
                visible: !tab.admin.loading && enrollMentor.count === 0
                text: qsTr("No mentor to review a hire's steps: add a mentor on the People tab, or reset a disabled mentor's passphrase there to enable them again.")
                color: Theme.warning
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "enrollEveryoneEnrolled"
                Layout.columnSpan: 4
                Layout.fillWidth: true
                visible: enrollHire.count === 0 && tab.admin.hires.length > 0
                text: qsTr("Every hire is enrolled. Add a hire on the People tab, or pick an enrollment below to move it to another checklist or a newer version.")
                wrapMode: Text.Wrap
            }
            // The way to the one thing that would give the form something to do.
            Button {
                objectName: "enrollAddHire"
                visible: !enrollForm.someoneToEnroll && !tab.admin.loading
                text: qsTr("Add a hire…")
                Accessible.name: qsTr("Add a hire on the People tab")
                Layout.columnSpan: 4
                onClicked: tab.addHireRequested()
            }
            Label {
                visible: enrollForm.someoneToEnroll
                Layout.columnSpan: 4
                Layout.fillWidth: true
                text: qsTr("A hire gets sandbox credentials as soon as they are enrolled. Hires already enrolled are not offered: each has one enrollment, moved below to another checklist or version.")
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.spacing
        // The list and the picked enrollment share the width equally.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            spacing: Theme.mediumSpacing
            FilterField {
                id: enrollmentFilter
                objectName: "enrollmentFilter"
                Layout.fillWidth: true
                placeholderText: qsTr("Filter by name (Ctrl+F; Esc clears)")
                Accessible.name: qsTr("Filter enrollments by the hire's name")
            }
            Card {
                Layout.fillWidth: true
                Layout.fillHeight: true
                padding: 0
                EmptyState {
                    objectName: "enrollmentsNoMatch"
                    anchors.centerIn: parent
                    width: parent.width - 24
                    visible: filtered.nothingMatches
                    title: qsTr("No enrollment matches “%1”").arg(enrollmentFilter.text.trim())
                    text: qsTr("The filter looks in the hires' user names and full names.")
                    actionText: qsTr("Clear the filter")
                    onActionTriggered: enrollmentFilter.clear()
                }
                Label {
                    anchors.centerIn: parent
                    width: parent.width - 24
                    visible: tab.admin.enrollments.count === 0
                    text: qsTr("Nobody is enrolled yet.")
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                }
                // One Tab stop: a row is ringed at once, the arrow keys move the
                // ring, Enter, Space or a click picks the enrollment under it.
                KeyboardList {
                    id: enrollmentList
                    objectName: "enrollmentList"
                    anchors.fill: parent
                    clip: true
                    model: TextFilterModel {
                        id: filtered
                        source: tab.admin.enrollments
                        roles: ["hire", "displayName"]
                        text: enrollmentFilter.text
                    }
                    // The ring follows the enrollment picked (one enrolled just now, say), so that
                    // the ring and the mark of the picked row never sit on two rows.
                    function syncCurrent() {
                        const row = tab.rowOfEnrollment(tab.admin.enrollments.selectedHire)
                        if (row >= 0)
                            enrollmentList.currentIndex = row
                    }
                    onCountChanged: enrollmentList.syncCurrent()
                    Connections {
                        target: tab.admin.enrollments
                        function onSelectionChanged() { enrollmentList.syncCurrent() }
                    }
                    Keys.onReturnPressed: tab.admin.enrollments.selectedHire = tab.valueOf(filtered.get(currentIndex), "hire")
                    Keys.onEnterPressed: tab.admin.enrollments.selectedHire = tab.valueOf(filtered.get(currentIndex), "hire")
                    Keys.onSpacePressed: tab.admin.enrollments.selectedHire = tab.valueOf(filtered.get(currentIndex), "hire")
                    Accessible.name: qsTr("Enrollments")
                    delegate: SelectableRow {
                        id: row
                        required property int index
                        required property string hire
                        required property string displayName
                        required property string checklist
                        required property int version
                        required property int latestVersion
                        required property string mentorDisplayName
                        required property bool locked
                        required property bool revoked
                        required property string accessText
                        required property bool accessOpen
                        required property bool disabled
                        // Whether the name is cut, as its label reports it.
                        property bool nameCut: false
                        objectName: "enrollment-" + hire
                        highlighted: row.hire === tab.admin.enrollments.selectedHire || (row.ListView.isCurrentItem && enrollmentList.activeFocus)
                        Accessible.name: row.version < row.latestVersion
                                         ? qsTr("%1: %2 version %3, a newer version exists; mentor %4, production access %5.")
                                           .arg(row.displayName).arg(row.checklist).arg(row.version).arg(row.mentorDisplayName).arg(row.accessText)
                                         : qsTr("%1: %2 version %3; mentor %4, production access %5.")
                                           .arg(row.displayName).arg(row.checklist).arg(row.version).arg(row.mentorDisplayName).arg(row.accessText)
                        // A long name may be cut: the whole row on hover, when cut, under
                        // the row (a tool tip above the first one covered the filter).
                        ToolTip {
                            objectName: "enrollmentRowToolTip"
                            parent: row
                            y: row.height + 3
                            delay: 600
                            visible: row.hovered && row.nameCut
                            text: row.Accessible.name
                        }
                        onClicked: {
                            enrollmentList.currentIndex = row.index
                            tab.admin.enrollments.selectedHire = row.hire
                        }
                        // The name over its checklist and version, which wraps rather than
                        // being cut; the chip beside them never gives way.
                        contentItem: RowLayout {
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                Label { textFormat: Text.PlainText; text: row.displayName; font.bold: true; Layout.fillWidth: true; elide: Text.ElideRight; onTruncatedChanged: row.nameCut = truncated }
                                Label {
                                    objectName: "enrollmentChecklist-" + row.hire
                                    textFormat: Text.PlainText
                                    //: an enrollment's checklist title and the version the hire is on
                                    text: qsTr("%1 · version %2").arg(row.checklist).arg(row.version)
                                    color: row.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
                                    font.pixelSize: Theme.smallSize
                                    wrapMode: Text.Wrap
                                    Layout.fillWidth: true
                                }
                                // Who reviews them, so that a row says whose hire it is without picking it.
                                Label {
                                    objectName: "enrollmentMentor-" + row.hire
                                    textFormat: Text.PlainText
                                    text: qsTr("with %1").arg(row.mentorDisplayName)
                                    color: row.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
                                    font.pixelSize: Theme.smallSize
                                    elide: Text.ElideRight
                                    Layout.fillWidth: true
                                }
                            }
                            // A disabled hire: said in place of the access and the newer version, which
                            // concern them no more.
                            Tag {
                                objectName: "enrollmentDisabled-" + row.hire
                                visible: row.disabled
                                text: qsTr("disabled", "a person")
                                tone: Theme.danger
                                inverted: row.highlighted
                            }
                            // Where production access stands, in the words and tones of the mentor's list.
                            Tag {
                                objectName: "enrollmentRowAccess-" + row.hire
                                visible: !row.disabled
                                text: row.accessText
                                tone: row.accessOpen ? Theme.success : Theme.warning
                                inverted: row.highlighted
                            }
                            Tag {
                                objectName: "enrollmentNewer-" + row.hire
                                visible: row.version < row.latestVersion && !row.disabled
                                tone: Theme.warning
                                text: qsTr("v%1 available").arg(row.latestVersion)
                                inverted: row.highlighted
                            }
                        }
                    }
                }
            }
        }
        Card {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            Label {
                anchors.centerIn: parent
                width: parent.width
                visible: !tab.picked
                text: qsTr("Pick an enrollment to see its checklist version and move it to another version or to another checklist.")
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.secondaryText
            }
            // Scrolled where the card is shorter than what it says (a small
            // window, a notice shown): the move row never runs out of it.
            ScrollView {
                id: detailScroll
                objectName: "enrollmentDetailScroll"
                anchors.fill: parent
                visible: tab.picked
                contentWidth: availableWidth
                clip: true
                ScrollBar.vertical.policy: contentHeight > height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                ColumnLayout {
                    width: detailScroll.availableWidth - detailScroll.ScrollBar.vertical.implicitWidth
                    spacing: Theme.mediumSpacing
                    Label {
                        textFormat: Text.PlainText
                        text: tab.picked ? qsTr("%1 (%2)").arg(tab.enrollment.displayName).arg(tab.enrollment.hire) : ""
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Heading
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "enrollmentSummary"
                        text: !tab.picked ? ""
                              : tab.enrollment.disabled
                              ? qsTr("%1 is disabled: their passphrase opens nothing, their steps wait for nobody, and nothing here can be changed for them. Reset their passphrase on the People tab to enable them again. Started %2; %3 of %n step(s) done.", "", tab.enrollment.total)
                                    .arg(tab.enrollment.displayName ?? tab.enrollment.hire).arg(tab.enrollment.startedOn).arg(tab.enrollment.done)
                              : tab.enrollment.mentorDisabled
                              ? qsTr("Mentor %1, disabled: nobody reviews these steps or signs off until you give %2 another mentor (Edit mentor or start…). Started %3; %4 of %n step(s) done.", "", tab.enrollment.total)
                                    .arg(tab.enrollment.mentorDisplayName).arg(tab.enrollment.displayName ?? tab.enrollment.hire)
                                    .arg(tab.enrollment.startedOn).arg(tab.enrollment.done)
                              // A start still ahead is said as one (ISO dates compare as text).
                              : (tab.enrollment.startIso ?? "") > tab.admin.today()
                              ? qsTr("Mentor %1, starts %2; %3 of %n step(s) done.", "", tab.enrollment.total)
                                    .arg(tab.enrollment.mentorDisplayName).arg(tab.enrollment.startedOn).arg(tab.enrollment.done)
                              : qsTr("Mentor %1, started %2; %3 of %n step(s) done.", "", tab.enrollment.total)
                                    .arg(tab.enrollment.mentorDisplayName).arg(tab.enrollment.startedOn).arg(tab.enrollment.done)
                        color: tab.picked && (tab.enrollment.mentorDisabled || tab.enrollment.disabled) ? Theme.warning : palette.windowText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    // Where production access stands, as the Team page's tag says it: a
                    // move ends an open one, so it is in sight before Move is pressed.
                    RowLayout {
                        spacing: Theme.mediumSpacing
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("Production access")
                        }
                        Tag {
                            objectName: "enrollmentAccess"
                            text: !tab.picked ? "" : tab.enrollment.accessText
                            Accessible.name: qsTr("Production access: %1").arg(text)
                            tone: tab.picked && tab.enrollment.accessOpen ? Theme.success : Theme.warning
                            filled: true
                        }
                        Item { Layout.fillWidth: true }
                    }
                    // Signed off, and the grant ran out or was revoked: renewed
                    // on the Team page, where the hire's grants are. A line of its
                    // own, so that a longer language never widens the panel.
                    Button {
                        objectName: "renewOnTeamButton"
                        visible: tab.picked && tab.actionable
                                 && (tab.enrollment.accessKey === "expired" || tab.enrollment.accessKey === "revoked")
                        text: qsTr("Renew on the Team page…")
                        flat: true
                        Layout.maximumWidth: parent ? parent.width : implicitWidth
                        Accessible.name: qsTr("Renew the production access of %1 on the Team page").arg(tab.enrollment.displayName ?? "")
                        onClicked: tab.teamRequested(tab.enrollment.hire)
                    }
                    Button {
                        objectName: "editEnrollmentButton"
                        visible: tab.actionable
                        text: qsTr("Edit mentor or start…")
                        enabled: !Session.busy
                        Accessible.name: qsTr("Change the mentor or the start date of %1").arg(tab.enrollment.hire ?? "")
                        onClicked: editDialog.open()
                    }
                    Label {
                        textFormat: Text.PlainText
                        objectName: "enrollmentVersion"
                        text: !tab.picked ? ""
                            : tab.behind ? qsTr("On version %1 of “%2”; version %3 is newer.").arg(tab.enrollment.version).arg(tab.enrollment.checklist).arg(tab.enrollment.latestVersion)
                                         : qsTr("On version %1 of “%2”, the latest.").arg(tab.enrollment.version).arg(tab.enrollment.checklist)
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "moveEnrollmentButton"
                        visible: tab.behind && tab.actionable
                        text: qsTr("Move to version %1…").arg(tab.enrollment.latestVersion ?? 0)
                        enabled: !Session.busy
                        Accessible.name: qsTr("Move %1 to version %2 of the checklist").arg(tab.enrollment.hire ?? "").arg(tab.enrollment.latestVersion ?? 0)
                        onClicked: {
                            moveDialog.checklistId = ""
                            moveDialog.version = tab.enrollment.latestVersion
                            moveDialog.open()
                        }
                    }
                    // Back to an earlier version, which the dialog lets the admin choose.
                    Button {
                        objectName: "moveBackButton"
                        visible: tab.earlierVersion > 0 && tab.actionable
                        text: qsTr("Move back to an earlier version…")
                        enabled: !Session.busy
                        Accessible.name: qsTr("Move %1 back to an earlier version of the checklist").arg(tab.enrollment.hire ?? "")
                        onClicked: {
                            moveDialog.checklistId = ""
                            moveDialog.version = tab.earlierVersion
                            moveDialog.open()
                        }
                    }
                    // Another checklist, for a hire enrolled on the wrong one; its
                    // title wraps in the box rather than being cut.
                    Label {
                        visible: moveTarget.count > 0 && tab.actionable
                        text: qsTr("Or move to another checklist:")
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        visible: moveTarget.count > 0 && tab.actionable
                        Layout.fillWidth: true
                        spacing: Theme.mediumSpacing
                        ComboBox {
                            id: moveTarget
                            objectName: "moveTarget"
                            model: tab.picked ? tab.admin.moveTargets(tab.enrollment.hire) : []
                            onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0
                            textRole: "label"
                            valueRole: "checklistId"
                            Layout.fillWidth: true
                            Accessible.name: qsTr("Checklist to move to: %1").arg(displayText)
                            ToolTip.visible: hovered
                            ToolTip.text: displayText
                            contentItem: Label {
                                textFormat: Text.PlainText
                                leftPadding: 4
                                rightPadding: moveTarget.indicator ? moveTarget.indicator.width : 0
                                text: moveTarget.displayText
                                wrapMode: Text.Wrap
                                verticalAlignment: Text.AlignVCenter
                            }
                        }
                        Button {
                            objectName: "moveToChecklistButton"
                            text: qsTr("Move…")
                            enabled: !Session.busy && moveTarget.currentIndex >= 0
                            Accessible.name: qsTr("Move %1 to the checklist %2").arg(tab.enrollment.hire ?? "").arg(moveTarget.displayText)
                            onClicked: {
                                moveDialog.checklistId = moveTarget.currentValue
                                moveDialog.version = 0
                                moveDialog.open()
                            }
                        }
                    }
                    Item { Layout.fillHeight: true }
                }
            }
        }
    }
    // Changing the picked enrollment's mentor or start date: a signed admin
    // act. The mentor decides who reviews and signs off, so the dialog says
    // what a new one means before it is saved.
    Dialog {
        id: editDialog
        objectName: "editEnrollmentDialog"
        // Whom, and what they have now, fixed when the dialog opens.
        property string hire: ""
        property string shownName: ""
        property string mentor: ""
        readonly property bool newMentor: editMentor.currentIndex >= 0 && editMentor.currentValue !== editDialog.mentor
        readonly property string startProblem: tab.admin.dateProblem(editStart.text)
        // A start long past or far ahead, said as the Enroll form says it (the
        // start kept as it was says nothing).
        readonly property string startWarning: editStart.text.trim() === (tab.enrollment.startIso ?? "") ? ""
                                               : tab.admin.startDateWarning(editStart.text)
        title: qsTr("Mentor and start date of %1").arg(editDialog.shownName)
        // The title names a person or a checklist: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(520, parent.width - 2 * Theme.largeSpacing)
        focus: true
        onAboutToShow: {
            editDialog.hire = tab.enrollment.hire ?? ""
            editDialog.shownName = tab.enrollment.displayName || editDialog.hire
            editDialog.mentor = tab.enrollment.mentor ?? ""
            editMentor.currentIndex = Math.max(0, editMentor.indexOfValue(editDialog.mentor))
            editStart.text = tab.enrollment.startIso ?? ""
        }
        onOpened: editMentor.forceActiveFocus(Qt.TabFocusReason) // with its ring: the keys start here
        GridLayout {
            anchors.fill: parent
            columns: 2
            columnSpacing: Theme.largeSpacing
            rowSpacing: Theme.mediumSpacing
            Label { text: qsTr("Mentor") }
            ComboBox {
                id: editMentor
                objectName: "editMentor"
                model: tab.admin.mentorChoices
                textRole: "label"
                valueRole: "name"
                Layout.fillWidth: true
                Accessible.name: qsTr("Mentor: %1").arg(currentText)
            }
            Label { text: qsTr("Start (YYYY-MM-DD)") }
            DateField {
                id: editStart
                name: "editStart"
                label: qsTr("Start date")
                fallback: tab.admin.today()
                Layout.fillWidth: true
                onAccepted: if (editSave.enabled) editDialog.accept()
            }
            Label {
                textFormat: Text.PlainText
                objectName: "editEnrollmentNote"
                Layout.columnSpan: 2
                Layout.fillWidth: true
                // A new mentor's consequences stay said beside a start date's warning.
                readonly property string mentorNote: editDialog.newMentor
                    ? qsTr("From now on only %1 reviews the steps of %2 and signs off: approvals and a sign-off given by %3 no longer count, and production access ends now.")
                          .arg(editMentor.currentText).arg(editDialog.shownName).arg(editDialog.mentor)
                    : ""
                text: editDialog.startProblem.length > 0 ? editDialog.startProblem
                      : editDialog.startWarning.length === 0
                      ? (mentorNote.length > 0 ? mentorNote : qsTr("The start date moves the due days of every step with it."))
                      : mentorNote.length > 0 ? mentorNote + "\n" + editDialog.startWarning : editDialog.startWarning
                color: editDialog.startProblem.length > 0 ? Theme.danger
                       : editDialog.startWarning.length > 0 ? Theme.warning : Theme.secondaryText
                wrapMode: Text.Wrap
            }
        }
        footer: DialogButtonBox {
            Button {
                id: editSave
                objectName: "editDialogSave"
                text: qsTr("Save")
                enabled: !Session.busy && editDialog.startProblem.length === 0 && editStart.text.trim().length > 0
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Save the mentor and start date of %1").arg(editDialog.shownName)
            }
            Button {
                objectName: "editDialogCancel"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: tab.admin.editEnrollment(editDialog.hire, editMentor.currentValue, editStart.text)
    }
    // Moving the picked enrollment to another version of its checklist (any
    // stored one, chosen in the dialog) or to another checklist's latest: the
    // title, the text and the buttons come from AdminBackend.moveWording, which
    // says what moves, what is kept and what goes.
    Dialog {
        id: moveDialog
        objectName: "moveDialog"
        // Whom, fixed when the dialog opens.
        property string hire: ""
        // Where to: another checklist's id, or "" for a version of the hire's own.
        property string checklistId: ""
        // Which version (0: the latest); on the hire's own checklist, the one chosen below.
        property int version: 0
        property var wording: ({})
        function reword() {
            moveDialog.wording = tab.admin.moveWording(moveDialog.hire, moveDialog.checklistId, moveDialog.version)
        }
        title: moveDialog.wording.title ?? ""
        // The title names a person or a checklist: text, never markup.
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        // Wide enough for both buttons on one line where the window allows;
        // past that, their texts (which name checklists) wrap.
        width: Math.min(Math.max(560, moveConfirm.implicitWidth + moveCancel.implicitWidth + 4 * Theme.mediumSpacing),
                        720, parent.width - 2 * Theme.largeSpacing)
        // No taller than the window leaves it: the text scrolls instead.
        height: Math.min(implicitHeight, parent.height - 2 * Theme.largeSpacing)
        focus: true
        onAboutToShow: {
            moveDialog.hire = tab.enrollment.hire ?? ""
            moveVersion.currentIndex = Math.max(0, moveVersion.indexOfValue(moveDialog.version))
            moveDialog.reword()
        }
        // A move that weakens the gate starts on the answer that keeps the
        // hire where they are, with its focus ring; any other, on the text,
        // where Enter moves.
        onOpened: {
            if ((moveDialog.wording.weakens ?? []).length > 0 || (moveDialog.wording.accessWarning ?? "").length > 0)
                moveCancel.forceActiveFocus(Qt.TabFocusReason)
            else
                moveText.forceActiveFocus()
        }
        // The dialog's only child, so that it sizes to it.
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.mediumSpacing
            // Within the checklist, every other stored version, newest first.
            RowLayout {
                visible: moveDialog.checklistId.length === 0 && moveVersion.count > 1
                spacing: Theme.mediumSpacing
                Layout.fillWidth: true
                Label { id: moveVersionLabel; text: qsTr("Move to") }
                ComboBox {
                    id: moveVersion
                    objectName: "moveVersion"
                    model: tab.versionChoices
                    textRole: "label"
                    valueRole: "version"
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Version to move to: %1").arg(displayText)
                    onActivated: {
                        moveDialog.version = moveVersion.currentValue
                        moveDialog.reword()
                    }
                }
            }
            // A hire with production access loses it with the move: said first,
            // framed, before the details of what moves.
            Rectangle {
                objectName: "moveAccessWarning"
                visible: (moveDialog.wording.accessWarning ?? "").length > 0
                Layout.fillWidth: true
                implicitHeight: accessWarningText.implicitHeight + 2 * Theme.mediumSpacing
                radius: 4
                color: Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.10)
                border.color: Theme.warning
                border.width: 1
                Label {
                    id: accessWarningText
                    objectName: "moveAccessWarningText"
                    textFormat: Text.PlainText
                    anchors.fill: parent
                    anchors.margins: Theme.mediumSpacing
                    text: moveDialog.wording.accessWarning ?? ""
                    font.bold: true
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
            }
            // Scrolled where a long move (a weaker one, many steps) is taller
            // than the window leaves the dialog; the buttons stay in view.
            ScrollView {
                id: moveScroll
                objectName: "moveDialogScroll"
                clip: true
                contentWidth: availableWidth
                Layout.fillWidth: true
                Layout.fillHeight: true
                implicitHeight: moveText.implicitHeight + topPadding + bottomPadding
                // The text has the keys (Enter moves, the arrows scroll): ringed, as a control with them is.
                padding: 4
                background: Rectangle {
                    color: "transparent"
                    radius: 4
                    border.width: moveText.activeFocus ? 2 : 0
                    border.color: Theme.focusRing
                }
                // Shown whenever there is more to read than fits.
                ScrollBar.vertical.policy: moveText.implicitHeight > moveScroll.availableHeight + 1 ? ScrollBar.AlwaysOn
                                                                                            : ScrollBar.AlwaysOff
                Label {
                    id: moveText
                    textFormat: Text.PlainText
                    objectName: "moveDialogText"
                    text: moveDialog.wording.text ?? ""
                    wrapMode: Text.Wrap
                    width: moveScroll.availableWidth
                    // Room for the scroll bar, so that it never covers a word.
                    rightPadding: moveScroll.ScrollBar.vertical.implicitWidth + Theme.smallSpacing
                    focus: true
                    Accessible.name: moveDialog.title + ". " + text
                    // Enter moves, Escape (the popup's own) cancels.
                    Keys.onReturnPressed: moveDialog.accept()
                    Keys.onEnterPressed: moveDialog.accept()
                    // The arrow keys and Page Up/Down read on where it is scrolled.
                    Keys.onUpPressed: moveScroll.ScrollBar.vertical.decrease()
                    Keys.onDownPressed: moveScroll.ScrollBar.vertical.increase()
                    Keys.onPressed: event => {
                        if (event.key === Qt.Key_PageDown || event.key === Qt.Key_PageUp) {
                            const bar = moveScroll.ScrollBar.vertical
                            const page = bar.size
                            bar.position = Math.max(0, Math.min(1 - page, bar.position + (event.key === Qt.Key_PageDown ? page : -page)))
                            event.accepted = true
                        }
                    }
                }
            }
        }
        // A row of its own rather than a DialogButtonBox, which lays its
        // buttons out by their unwrapped widths: each takes at most half the
        // row, and a longer text wraps.
        footer: Item {
            implicitHeight: moveButtons.implicitHeight + 2 * Theme.mediumSpacing
            RowLayout {
                id: moveButtons
                readonly property real half: Math.floor((moveButtons.width - 2 * moveButtons.spacing) / 2)
                anchors.fill: parent
                anchors.margins: Theme.mediumSpacing
                spacing: Theme.mediumSpacing
                Item { Layout.fillWidth: true }
                WrapButton {
                    id: moveConfirm
                    objectName: "moveDialogConfirm"
                    text: moveDialog.wording.confirm ?? ""
                    // What Enter does while the text has the keys, in bold, as a step's own act is.
                    font.bold: moveText.activeFocus
                    Layout.maximumWidth: moveButtons.half
                    Layout.fillHeight: true
                    Accessible.name: text
                    onClicked: moveDialog.accept()
                }
                WrapButton {
                    id: moveCancel
                    objectName: "moveDialogCancel"
                    text: moveDialog.wording.cancel ?? ""
                    Layout.maximumWidth: moveButtons.half
                    Layout.fillHeight: true
                    Accessible.name: text
                    onClicked: moveDialog.reject()
                }
            }
        }
        // To the version the text spoke of, accepting the weakenings it
        // listed and no other.
        onAccepted: tab.admin.moveEnrollment(moveDialog.hire, moveDialog.checklistId,
                                             moveDialog.wording.version ?? moveDialog.version,
                                             moveDialog.wording.weakens ?? [])
    }
    // Asked when a move refused for weakening the gate of the hire's own
    // (Enrollments::moveTo) weakens it otherwise than the move dialog said (the
    // vault changed meanwhile): each weakening on a line of its own, not
    // moving focused; "Move anyway" moves to just the version listed.
    Dialog {
        id: weakerMoveDialog
        objectName: "weakerMoveDialog"
        property string hire: ""
        property string name: ""
        property string checklistId: ""
        property int version: 0
        property string checklistTitle: ""
        property string fromTitle: ""
        property int fromVersion: 0
        property list<string> weakens
        title: qsTr("This move weakens the gate")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(560, parent.width - 2 * Theme.spacing)
        focus: true
        // Not moving is the safe answer: it has the focus.
        onOpened: weakerMoveCancel.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
        contentItem: ColumnLayout {
            // The popup itself is no item of the window: its content is, by this name.
            objectName: "weakerMoveDialogText"
            spacing: Theme.spacing / 2
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                text: weakerMoveDialog.checklistTitle === weakerMoveDialog.fromTitle
                      ? qsTr("%1 is on version %2 of “%3”. Compared with it, version %4:")
                            .arg(weakerMoveDialog.name).arg(weakerMoveDialog.fromVersion)
                            .arg(weakerMoveDialog.fromTitle).arg(weakerMoveDialog.version)
                      : qsTr("%1 is on version %2 of “%3”. Compared with it, version %4 of “%5”:")
                            .arg(weakerMoveDialog.name).arg(weakerMoveDialog.fromVersion)
                            .arg(weakerMoveDialog.fromTitle).arg(weakerMoveDialog.version)
                            .arg(weakerMoveDialog.checklistTitle)
                Accessible.name: text
            }
            BulletList {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                items: weakerMoveDialog.weakens
                itemName: "moveWeakening"
            }
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                text: qsTr("Move %1 only if you mean to lower the gate for them; the audit log will name these changes.")
                      .arg(weakerMoveDialog.name)
                Accessible.name: text
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "weakerMoveConfirm"
                text: qsTr("Move anyway")
                DialogButtonBox.buttonRole: Dialog.DestructiveRole
                Accessible.name: qsTr("Move %1 anyway").arg(weakerMoveDialog.name)
                onClicked: {
                    weakerMoveDialog.close()
                    tab.admin.moveEnrollment(weakerMoveDialog.hire, weakerMoveDialog.checklistId,
                                             weakerMoveDialog.version, weakerMoveDialog.weakens)
                }
            }
            Button {
                id: weakerMoveCancel
                objectName: "weakerMoveCancel"
                text: qsTr("Don't move")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onRejected: Session.notify(qsTr("%1 was not moved: version %2 weakens the gate.")
                                       .arg(weakerMoveDialog.name).arg(weakerMoveDialog.version), false)
    }
}
