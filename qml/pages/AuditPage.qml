pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The audit log: who did what and when, filtered by person (who acted or
// whom it was about), action and day;
// verification of the whole chain; the admin's export. An admin sees every
// entry, anyone else their own trail.
Page {
    id: page
    objectName: "audit"

    readonly property bool isAdmin: Session.role === "admin"
    // The width of the Action column: 150 px, or more where the longest word
    // of an action in the log ("Produktionsgeheimnis" in German) needs it to
    // stand whole in its tag, with the tag's padding round it and a few
    // pixels to spare for a desktop whose fonts come out a little wider.
    readonly property real actionColumnWidth: {
        let widest = 0
        for (const choice of audit.actionChoices) {
            for (const word of choice.text.split(/\s+/))
                widest = Math.max(widest, tagMetrics.advanceWidth(word))
        }
        return Math.max(150, Math.min(260, Math.ceil(widest) + 2 * 8 + 8))
    }
    // The width of the Time column: a late day's time as the log shows it,
    // the date above the time ("Dec 28, 2026" over "10:58:58 PM"), measured
    // by a label in the cells' own type, and a few pixels to spare; never
    // less than 96 px. On two lines, it leaves the details room at 1024 px.
    readonly property real timeColumnWidth: Math.max(96, Math.ceil(timeProbe.implicitWidth) + 8)
    Label {
        id: timeProbe
        visible: false
        textFormat: Text.PlainText
        text: Formats.logTimeLines(new Date(2026, 11, 28, 22, 58, 58))
    }
    // The width of the # column: an entry number of six digits, a log of up to a million entries.
    readonly property real seqColumnWidth: Math.max(32, Math.ceil(seqProbe.implicitWidth) + 4)
    Label {
        id: seqProbe
        visible: false
        textFormat: Text.PlainText
        text: "999999"
    }
    // The width of the Subject column, whose names wrap inside it.
    readonly property real subjectColumnWidth: 150
    // The type of the action tags (Tag: the small size of a label's font).
    FontMetrics {
        id: tagMetrics
        font.family: actionHeading.font.family
        font.pixelSize: Theme.smallSize
    }

    title: qsTr("Audit log")

    AuditBackend {
        id: audit
        onDone: message => Session.notify(message, false)
        onError: message => Session.notify(message, true)
    }

    // Why the typed day was not applied; said under the filters until the
    // field is applied again, changed or cleared.
    property string sinceError: ""

    function applyFilters() {
        page.sinceError = audit.sinceProblem(sinceField.text)
        if (page.sinceError.length > 0) {
            // Kept as typed, selected to be typed over.
            sinceField.forceActiveFocus()
            sinceField.selectAll()
            return
        }
        audit.person = actorField.text
        audit.action = actionField.chosen
        audit.search = searchField.text
        audit.since = sinceField.text
        audit.reload()
    }

    // Opens the details of the entry in \a row of the list.
    function showEntry(row) {
        if (row < 0 || row >= audit.entries.count)
            return
        entryDialog.entry = audit.entries.get(row)
        entryDialog.open()
    }

    function clearFilters() {
        actorField.text = ""
        actionField.currentIndex = 0
        searchField.text = ""
        sinceField.text = ""
        applyFilters()
    }

    // Ctrl+F: to the search field.
    Shortcut {
        sequence: "Ctrl+F" // StandardKey.Find, which qmllint 6.4 cannot resolve
        enabled: page.visible
        onActivated: {
            searchField.forceActiveFocus(Qt.ShortcutFocusReason)
            searchField.selectAll()
        }
    }

    SaveFileDialog {
        id: exportDialog
        property string format: "jsonl"
        host: page
        opener: exportButton
        title: qsTr("Export the audit log")
        defaultSuffix: format
        nameFilters: format === "csv" ? [qsTr("CSV files (*.csv)")] : [qsTr("JSON lines (*.jsonl)")]
        acceptLabel: qsTr("Export")
        onChosen: file => audit.exportTo(file, exportDialog.format)

        // Opens in the documents folder (or home) with a name that says what the file holds.
        function openFor(chosenFormat) {
            format = chosenFormat
            currentFolder = Session.exportFolder()
            selectedFile = audit.exportFileSuggestion(chosenFormat)
            open()
        }
    }

    // One entry in full: who, when, what (in words and as its code, for
    // those who search the logs), the details, the signed records it vouches
    // for and its place in the hash chain. Escape or Close goes back to the list.
    Dialog {
        id: entryDialog
        objectName: "auditEntryDialog"
        property var entry: ({})
        readonly property int seq: entry.seq || 0
        // Every field of the entry that has something to say, a name in
        // words and its value: who, when, what, its details, the records it
        // vouches for and its place in the chain.
        readonly property var fields: {
            const e = entryDialog.entry
            const all = [
                { name: qsTr("What"), value: qsTr("%1 (%2)").arg(e.actionText || "").arg(e.actionName || "") },
                // By the name they go by, as the list shows them, and by the login the entry records.
                { name: qsTr("Who"), value: !e.actor ? ""
                      : (Session.shownNames[e.actor] || e.actor) === e.actor ? e.actor
                      : qsTr("%1 (%2)").arg(Session.shownNames[e.actor]).arg(e.actor) },
                // Left out where it is the actor again (a scan, a change of one's own passphrase).
                { name: qsTr("About"), value: e.subject === e.actor ? ""
                      : e.subjectTitle ? qsTr("%1 (%2)").arg(e.subjectTitle).arg(e.subject) : (e.subject || "") },
                { name: qsTr("When"), value: e.atText || "" }
            ].concat(e.detailFields || []).concat([
                { name: qsTr("Signed records"), value: (e.signedRecords || []).join("\n"),
                  help: qsTr("The stored records this entry vouches for, each with the fingerprint it was signed with: a record changed since no longer matches it.") },
                { name: qsTr("In the chain"), value: entryDialog.seq > 1
                      ? qsTr("Entry %1, after entry %2").arg(entryDialog.seq).arg(entryDialog.seq - 1)
                      : qsTr("Entry %1, the first of the chain").arg(entryDialog.seq),
                  help: qsTr("Each entry's hash covers the entry before it: an entry changed or taken out breaks the chain, and Verify finds where.") },
                { name: qsTr("Hash"), value: e.hash || "", code: true },
                { name: qsTr("Previous hash"), value: e.previousHash || "", code: true }
            ])
            return all.filter(field => field.value.length > 0)
        }
        title: qsTr("Audit entry %1").arg(seq)
        modal: true
        focus: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(680, page.width - 2 * Theme.pageMargin)
        height: Math.min(implicitHeight, page.height - 2 * Theme.pageMargin)
        onClosed: entryList.forceActiveFocus(Qt.OtherFocusReason)
        // A button of its own rather than a standard one: its text follows a change of language.
        footer: DialogButtonBox {
            Button {
                objectName: "auditEntryClose"
                text: qsTr("Close")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: qsTr("Close the entry")
            }
        }

        ScrollView {
            id: entryScroll
            anchors.fill: parent
            contentWidth: availableWidth
            clip: true

            // The names down the first column, their values beside them: a
            // row each, in a Column (Qt 6.4's layouts can read a delegate the
            // Repeater has already deleted when another entry opens).
            Column {
                id: entryGrid
                objectName: "auditEntryDetails"
                width: entryScroll.availableWidth
                spacing: Theme.smallSpacing
                // The names' column: as wide as the widest name, at most a third.
                readonly property real nameWidth: {
                    let widest = 0
                    for (const field of entryDialog.fields)
                        widest = Math.max(widest, nameMetrics.advanceWidth(field.name))
                    return Math.min(Math.ceil(widest) + 1, width / 3)
                }
                // The names' font, measured: a Label's, bold.
                Label {
                    id: nameFont
                    visible: false
                    font.bold: true
                }
                FontMetrics {
                    id: nameMetrics
                    font: nameFont.font
                }
                // A hash's font, measured: one that does not fit its line breaks in
                // two equal halves, never with a few characters alone below.
                Label {
                    id: codeFont
                    visible: false
                    font.family: "monospace"
                }
                FontMetrics {
                    id: codeMetrics
                    font: codeFont.font
                }
                function codeWidth(code) {
                    // The row's gaps: after the name, and before the filler that takes what is left.
                    const room = entryGrid.width - entryGrid.nameWidth - 2 * Theme.spacing
                    const whole = Math.ceil(codeMetrics.advanceWidth(code)) + 1
                    return whole <= room ? whole
                                         : Math.ceil(codeMetrics.advanceWidth(code.slice(0, Math.ceil(code.length / 2)))) + 1
                }

                Repeater {
                    model: entryDialog.fields
                    delegate: RowLayout {
                        id: field
                        required property var modelData
                        width: entryGrid.width
                        spacing: Theme.spacing
                        Label {
                            objectName: "auditFieldName"
                            textFormat: Text.PlainText
                            text: field.modelData.name
                            font.bold: true
                            Layout.preferredWidth: entryGrid.nameWidth
                            Layout.maximumWidth: entryGrid.nameWidth
                            Layout.alignment: Qt.AlignTop | Qt.AlignLeft
                            wrapMode: Text.Wrap
                        }
                        // The value, and under it what a value nobody reads at a glance (a
                        // key, a seal, a place in the chain) is for.
                        ColumnLayout {
                            spacing: 2
                            Layout.fillWidth: true
                            Layout.maximumWidth: field.modelData.code ? entryGrid.codeWidth(field.modelData.value) : Number.POSITIVE_INFINITY
                            Layout.alignment: Qt.AlignTop | Qt.AlignLeft
                            Label {
                                objectName: "auditFieldValue"
                                text: field.modelData.value
                                Layout.fillWidth: true
                                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                font.family: field.modelData.code ? "monospace" : Qt.application.font.family
                                textFormat: Text.PlainText
                            }
                            Label {
                                objectName: "auditFieldHelp"
                                visible: text.length > 0
                                text: field.modelData.help || ""
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                color: Theme.secondaryText
                                font.pixelSize: Theme.smallSize
                                textFormat: Text.PlainText
                            }
                        }
                        // The room a hash narrower than the row leaves, after it: the hash
                        // starts where every other value does.
                        Item {
                            visible: field.modelData.code === true
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            PageHeading {
                Layout.fillWidth: true
                title: qsTr("Audit log")
                subtitle: page.isAdmin
                          ? qsTr("Every change and every reveal of a production secret, signed by the person who did it.")
                          : qsTr("Your own trail: what you did in this vault, signed with your key.")
            }
            Button {
                id: verifyButton
                objectName: "auditVerify"
                text: audit.verifying ? qsTr("Verifying…") : qsTr("Verify")
                enabled: !audit.verifying
                highlighted: true
                Accessible.name: qsTr("Verify the audit log")
                Accessible.description: qsTr("Checks every entry's hash, link and signature, and the head in the key file")
                onClicked: audit.verify()
            }
            Button {
                id: exportButton
                objectName: "auditExport"
                // The whole log, whatever the filters show: said on the button.
                text: qsTr("Export whole log…")
                visible: page.isAdmin
                Accessible.name: qsTr("Export the whole audit log, whatever the filters show")
                onClicked: exportMenu.open()

                // Under the button, its right edge with the button's, kept
                // clear of the window's edges.
                Menu {
                    id: exportMenu
                    objectName: "auditExportMenu"
                    x: exportButton.width - width
                    y: exportButton.height + Theme.smallSpacing
                    margins: Theme.spacing
                    MenuItem {
                        objectName: "auditExportJsonl"
                        text: qsTr("JSON lines (.jsonl)")
                        Accessible.name: qsTr("Export as JSON lines")
                        onTriggered: exportDialog.openFor("jsonl")
                    }
                    MenuItem {
                        objectName: "auditExportCsv"
                        text: qsTr("CSV (.csv)")
                        Accessible.name: qsTr("Export as CSV")
                        onTriggered: exportDialog.openFor("csv")
                    }
                }
            }
        }

        // What the last verification found: green when the chain holds, red
        // with the first bad entry when it does not.
        Pane {
            id: verifyPane
            objectName: "auditVerifyResult"
            Layout.fillWidth: true
            visible: audit.verifyResult.length > 0
            padding: 12
            readonly property color tone: audit.verified ? Theme.success : Theme.danger
            Accessible.role: Accessible.AlertMessage
            Accessible.name: audit.verifyResult
            background: Rectangle {
                radius: Theme.radius
                color: Qt.rgba(verifyPane.tone.r, verifyPane.tone.g, verifyPane.tone.b, 0.10)
                border.color: verifyPane.tone
            }
            RowLayout {
                anchors.fill: parent
                spacing: Theme.largeSpacing
                Label {
                    textFormat: Text.PlainText
                    text: audit.verified ? "✓" : "✗"
                    color: verifyPane.tone
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    Accessible.ignored: true
                }
                Label {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: audit.verifyResult
                    color: verifyPane.tone
                    wrapMode: Text.Wrap
                }
                Button {
                    objectName: "auditShowBadEntry"
                    visible: !audit.verified && audit.badSequence > 0
                    text: qsTr("Show entry %1").arg(audit.badSequence)
                    flat: true
                    Accessible.name: qsTr("Show the first bad entry, number %1").arg(audit.badSequence)
                    onClicked: {
                        const i = audit.entries.rowOfSequence(audit.badSequence)
                        if (i >= 0) {
                            entryList.currentIndex = i
                            entryList.positionViewAtIndex(i, ListView.Center)
                            return
                        }
                        Session.notify(qsTr("Entry %1 is not among the entries shown; clear the filters.").arg(audit.badSequence), true)
                    }
                }
            }
        }

        // Filters
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
            TextField {
                id: actorField
                objectName: "auditActorFilter"
                Layout.preferredWidth: 160
                visible: page.isAdmin
                placeholderText: qsTr("Person, e.g. alex")
                Accessible.name: qsTr("Filter by person")
                description: qsTr("Entries by this person and entries about them")
                onAccepted: page.applyFilters()
            }
            ComboBox {
                id: actionField
                objectName: "auditActionFilter"
                // The chosen action's code, "" for all; kept across reloads of the list.
                readonly property string chosen: currentIndex > 0 ? currentValue : ""
                Layout.preferredWidth: 220
                textRole: "text"
                valueRole: "value"
                // In the words the entries show; the filter matches the code behind them.
                model: [{ value: "", text: qsTr("All actions") }, ...audit.actionChoices]
                Accessible.name: qsTr("Filter by action")
                onActivated: page.applyFilters()
                // The choice is put back once the new model's texts are in place.
                onModelChanged: restoreChoice.restart()
                Timer {
                    id: restoreChoice
                    interval: 0
                    onTriggered: actionField.currentIndex = Math.max(0, actionField.indexOfValue(audit.action))
                }
            }
            TextField {
                id: sinceField
                objectName: "auditSinceFilter"
                Layout.preferredWidth: 150
                placeholderText: qsTr("Since YYYY-MM-DD")
                inputMethodHints: Qt.ImhDate
                // Whatever is typed stays, to be said wrong under the row on Apply:
                // never refused key by key without a word.
                maximumLength: 32
                Accessible.name: qsTr("Show entries on or after this day (YYYY-MM-DD, UTC)")
                description: page.sinceError
                onAccepted: page.applyFilters()
                onTextEdited: page.sinceError = ""
            }
            // What the details say: a step, a credential, a file, a folder.
            TextField {
                id: searchField
                objectName: "auditSearch"
                Layout.fillWidth: true
                Layout.minimumWidth: 90
                Layout.maximumWidth: 260
                placeholderText: qsTr("Search…")
                maximumLength: 200
                Accessible.name: qsTr("Search the entries")
                description: qsTr("Entries whose action, person, subject or details hold this text, as the list shows them or as stored (Ctrl+F)")
                onAccepted: page.applyFilters()
            }
            Button {
                objectName: "auditApplyFilters"
                text: qsTr("Apply")
                Accessible.name: qsTr("Apply the filters")
                onClicked: page.applyFilters()
            }
            Button {
                objectName: "auditClearFilters"
                text: qsTr("Clear")
                flat: true
                enabled: actorField.text.length > 0 || actionField.currentIndex > 0 || sinceField.text.length > 0
                         || searchField.text.length > 0
                Accessible.name: qsTr("Clear the filters")
                onClicked: page.clearFilters()
            }
            BusyIndicator {
                running: audit.loading
                visible: running
                // No taller than the fields beside it: the row keeps its height while loading.
                implicitWidth: 20
                implicitHeight: 20
                Accessible.name: qsTr("Loading the audit log")
            }
            // The rest of the row, right-aligned: however long the count, the
            // fields before it keep their widths.
            Label {
                textFormat: Text.PlainText
                objectName: "auditCount"
                visible: !audit.loading
                text: audit.truncated
                      ? qsTr("The newest %1 entries; narrow the filters to see older ones").arg(audit.maxEntries)
                      : qsTr("%n entries", "", audit.entries.count)
                color: Theme.secondaryText
                horizontalAlignment: Text.AlignRight
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.preferredWidth: 0
                Layout.minimumWidth: 60
                ToolTip.visible: truncated && countHover.hovered
                ToolTip.text: text
                HoverHandler { id: countHover }
            }
            // Holds the row's end while the count is hidden (loading).
            Item { Layout.fillWidth: true; visible: audit.loading }
        }

        Label {
            textFormat: Text.PlainText
            objectName: "auditSinceError"
            Layout.fillWidth: true
            visible: page.sinceError.length > 0
            text: page.sinceError
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        // The entries, or what stands in for them, always in the same place:
        // the filters above do not move while a reload finds nothing.
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            EmptyState {
                objectName: "auditEmpty"
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacing, 560)
                visible: !audit.loading && audit.entries.count === 0
                // How many filters are set, the search among them.
                readonly property int filtersSet: (audit.person.length > 0 ? 1 : 0) + (audit.action.length > 0 ? 1 : 0)
                                                  + (audit.search.length > 0 ? 1 : 0)
                title: filtersSet > 0 || audit.since.length > 0
                       ? qsTr("No entries match these filters")
                       : qsTr("No audit entries yet")
                // Names only the filters that are set: a day only when one is.
                text: audit.since.length > 0
                      ? (filtersSet > 0 ? qsTr("Clear the filters or choose an earlier day.") : qsTr("Choose an earlier day."))
                      : filtersSet > 1 ? qsTr("Clear the filters.")
                      : audit.person.length > 0 ? qsTr("Clear the person filter.")
                      : audit.action.length > 0 ? qsTr("Clear the action filter.")
                      : audit.search.length > 0 ? qsTr("Nothing in the log holds “%1”.").arg(audit.search)
                      : qsTr("Entries appear here as people work in the vault.")
                actionText: filtersSet > 0 || audit.since.length > 0 ? qsTr("Clear filters") : ""
                onActionTriggered: page.clearFilters()
            }

            Card {
                visible: audit.entries.count > 0
                anchors.fill: parent
                padding: 0
                opacity: audit.loading ? 0.6 : 1

                ColumnLayout {
                    anchors.fill: parent
                    spacing: 0

                    // Column titles
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.margins: 12
                        spacing: Theme.largeSpacing
                        Accessible.ignored: true
                        Label { text: qsTr("#"); font.bold: true; Layout.preferredWidth: page.seqColumnWidth; Layout.minimumWidth: page.seqColumnWidth }
                        Label { text: qsTr("Time"); font.bold: true; Layout.preferredWidth: page.timeColumnWidth; Layout.minimumWidth: page.timeColumnWidth }
                        Label { text: qsTr("Person"); font.bold: true; Layout.preferredWidth: 130 }
                        Label { id: actionHeading; text: qsTr("Action"); font.bold: true; Layout.preferredWidth: page.actionColumnWidth }
                        Label { text: qsTr("Subject"); font.bold: true; Layout.preferredWidth: page.subjectColumnWidth }
                        Label { text: qsTr("Details"); font.bold: true; Layout.fillWidth: true }
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        height: 1
                        color: Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.12)
                    }

                    ListView {
                        id: entryList
                        objectName: "auditEntries"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: audit.entries
                        currentIndex: -1
                        onModelChanged: currentIndex = -1
                        reuseItems: true
                        activeFocusOnTab: true
                        keyNavigationEnabled: true
                        Accessible.role: Accessible.List
                        Accessible.name: qsTr("Audit entries")
                        Accessible.description: qsTr("Enter shows the selected entry's details")
                        // The keys land on a row at once, which Enter opens.
                        onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
                        // Also when the rows arrive after the keys did (a reload, a filter).
                        onCountChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
                        Keys.onReturnPressed: page.showEntry(currentIndex)
                        Keys.onEnterPressed: page.showEntry(currentIndex)
                        ScrollBar.vertical: ScrollBar { objectName: "auditEntriesScroll"; Accessible.name: qsTr("Scroll the audit entries") }

                        delegate: ItemDelegate {
                            id: row
                            required property int index
                            required property int seq
                            required property string atText
                            required property string atLines
                            required property string actor
                            required property string actionName
                            required property string actionText
                            required property string subject
                            required property string subjectTitle
                            required property string subjectId
                            required property string details
                            required property bool verified
                            // Not vouched for by the chain: shown marked, its tag saying so, never as what it claims.
                            readonly property string actorShown: Session.shownNames[row.actor] || row.actor
                            readonly property bool bad: !verified || (!audit.verified && audit.badSequence > 0 && seq === audit.badSequence)
                            width: ListView.view.width
                            leftPadding: 12
                            rightPadding: 12
                            hoverEnabled: true
                            highlighted: ListView.isCurrentItem
                            onClicked: {
                                row.ListView.view.currentIndex = row.index
                                page.showEntry(row.index)
                            }
                            Accessible.role: Accessible.ListItem
                            // Every cell whole, those cut on screen included.
                            Accessible.name: qsTr("Entry %1, %2: %3, %4, %5. %6").arg(seq).arg(atText)
                                                 .arg(actorShown).arg(actionText)
                                                 .arg(subjectTitle.length > 0 ? qsTr("%1 (%2)").arg(subjectTitle).arg(subject) : subject)
                                                 .arg(details)
                            background: Rectangle {
                                // The row the keys are on: a tint and the focus ring. The
                                // row under the mouse: a fainter tint, no ring.
                                border.width: row.highlighted && row.ListView.view.activeFocus ? 2 : 0
                                border.color: Theme.focusRing
                                color: row.bad ? Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.12)
                                     : row.highlighted ? Qt.rgba(Theme.primary.r, Theme.primary.g, Theme.primary.b, 0.12)
                                     : row.hovered ? Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.07)
                                     : row.index % 2 ? Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.03)
                                     : "transparent"
                            }
                            // A cell: cut with "…" when narrow, its whole text in a tooltip.
                            component Cell: Label {
                                id: cell
                                textFormat: Text.PlainText
                                elide: Text.ElideRight
                                HoverHandler { id: cellHover }
                                ToolTip.visible: cellHover.hovered && cell.truncated
                                ToolTip.text: cell.text
                            }
                            // The details: two lines of them at any width; past them, the
                            // whole text in a tooltip, in the row's accessible name and in the entry's pane.
                            component DetailsCell: Label {
                                id: detailsCell
                                color: Theme.secondaryText
                                wrapMode: Text.Wrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                                textFormat: Text.PlainText
                                Accessible.name: detailsCell.text
                                HoverHandler { id: detailsHover }
                                ToolTip.visible: detailsHover.hovered && detailsCell.truncated
                                ToolTip.text: detailsCell.text
                            }
                            // The subject: on as many lines as its words need, up to three
                            // (a credential's or a step's name); past them, the whole text
                            // in a tooltip and in the cell's accessible name.
                            component SubjectCell: Label {
                                id: subjectCell
                                textFormat: Text.PlainText
                                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                maximumLineCount: 3
                                elide: Text.ElideRight
                                Accessible.name: subjectCell.text
                                HoverHandler { id: subjectHover }
                                ToolTip.visible: subjectHover.hovered && subjectCell.truncated
                                ToolTip.text: subjectCell.text
                            }
                            // The action's tag, as wide as its words up to the column's
                            // width, on a second line where they need it (German's
                            // longer words). The column holds the longest word of any
                            // action whole (actionColumnWidth); a word longer still breaks
                            // inside the tag's frame rather than running over it, and
                            // past two lines the tag's tooltip and name hold the rest.
                            component TagCell: Item {
                                id: tagCell
                                property alias text: tag.text
                                property alias tone: tag.tone
                                implicitHeight: tag.implicitHeight
                                Tag {
                                    id: tag
                                    objectName: "auditActionTag"
                                    width: Math.min(implicitWidth, tagCell.width)
                                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                    maximumLineCount: 2
                                    // Round ends on one line, rounded corners on two.
                                    background: Rectangle {
                                        radius: Math.min(height / 2, 10)
                                        color: "transparent"
                                        border.color: tag.color
                                    }
                                }
                            }
                            contentItem: RowLayout {
                                spacing: Theme.largeSpacing
                                Label {
                                    textFormat: Text.PlainText
                                    text: row.seq
                                    Layout.preferredWidth: page.seqColumnWidth
                                    Layout.minimumWidth: page.seqColumnWidth
                                    elide: Text.ElideLeft
                                    color: row.bad ? Theme.danger : Theme.secondaryText
                                    font.bold: row.bad
                                }
                                Cell { objectName: "auditTime"; text: row.atLines; Layout.preferredWidth: page.timeColumnWidth; Layout.minimumWidth: page.timeColumnWidth }
                                // Who acted by the name they go by, as Subject names people; the login in the entry.
                                Cell { objectName: "auditPerson"; text: row.actorShown; Layout.preferredWidth: 130; font.bold: true }
                                TagCell {
                                    Layout.preferredWidth: page.actionColumnWidth
                                    text: row.actionText
                                    tone: row.bad ? Theme.danger
                                        : row.actionName.startsWith("credential.") || row.actionName.startsWith("grant.") ? Theme.warning
                                        : row.actionName.startsWith("vault.") || row.actionName.startsWith("person.") || row.actionName.startsWith("passphrase.") ? Theme.primary
                                        : Theme.accent
                                }
                                // The subject as the app names it, its id beneath for those who search the logs.
                                ColumnLayout {
                                    spacing: 0
                                    Layout.preferredWidth: page.subjectColumnWidth
                                    Layout.minimumWidth: page.subjectColumnWidth
                                    Layout.maximumWidth: page.subjectColumnWidth
                                    SubjectCell {
                                        objectName: "auditSubject"
                                        text: row.subjectTitle.length > 0 ? row.subjectTitle : row.subject
                                        Layout.fillWidth: true
                                    }
                                    Cell {
                                        objectName: "auditSubjectId"
                                        visible: row.subjectId.length > 0
                                        text: row.subjectId
                                        font.pixelSize: Theme.smallSize
                                        color: row.highlighted ? palette.windowText : Theme.secondaryText
                                        Layout.fillWidth: true
                                    }
                                }
                                DetailsCell {
                                    objectName: "auditDetails"
                                    text: row.details
                                    // What is left of the row, never taken from the columns before it.
                                    Layout.fillWidth: true
                                    Layout.preferredWidth: 0
                                }
                            }
                        }
                    }
                }
            }

            // The first load, before any entry is known.
            BusyIndicator {
                objectName: "auditBusy"
                anchors.centerIn: parent
                visible: audit.loading && audit.entries.count === 0
                running: visible
                Accessible.name: qsTr("Loading the audit log")
            }
        }
    }
}
