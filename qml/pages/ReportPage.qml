pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The onboarding report as four charts: progress per hire, days to
// production access per start month, the reviews hires wait longest for, and
// overdue steps; of every hire, or of the one the Hire picker chose. The
// report exports as CSV (what the charts are about); a chosen hire's summary
// as PDF.
Page {
    id: page
    objectName: "report"

    title: qsTr("Report")

    // The summary of \a hire (shown as \a shown): where to save it.
    function savePdf(hire: string, shown: string) {
        pdfDialog.hire = hire
        pdfDialog.hireShown = shown
        pdfDialog.currentFolder = Session.exportFolder()
        pdfDialog.selectedFile = report.pdfFileSuggestion(hire)
        pdfDialog.open()
    }

    // The first item named \a name in \a item's visual tree; null when none.
    function findNamed(item, name) {
        if (!item)
            return null
        if (item.objectName === name)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = page.findNamed(item.children[i], name)
            if (found)
                return found
        }
        return null
    }
    // The height \a chart needs to show every one of its bars: its title,
    // legend and axes (the card's implicit height, to which the list adds
    // nothing) with the whole list; never less than a card that reads well
    // empty. Not from the height the layout gave it, which this decides.
    function neededHeight(chart: Item): real {
        const bars = page.findNamed(chart, "chartBars")
        if (!bars || !bars.visible)
            return page.smallestChart
        return Math.max(page.smallestChart, Math.ceil(chart.implicitHeight + bars.contentHeight))
    }
    readonly property int smallestChart: 170
    // What each row of charts needs: the taller chart of the two decides.
    readonly property real firstRowHeight: Math.max(page.neededHeight(progressChart), page.neededHeight(cohortChart))
    readonly property real secondRowHeight: Math.max(page.neededHeight(waitChart), page.neededHeight(overdueChart))

    ReportBackend {
        id: report
        onDone: message => Session.notify(message, false)
        onError: message => Session.notify(message, true)
    }

    SaveFileDialog {
        id: csvDialog
        host: page
        title: qsTr("Export the report")
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)")]
        acceptLabel: qsTr("Export")
        onChosen: file => report.exportCsv(file)
        opener: csvButton
    }

    SaveFileDialog {
        id: pdfDialog
        host: page
        // Whose summary: the hire the report shows, or the one Summary PDF… asked for.
        property string hire
        property string hireShown
        title: qsTr("Save the summary of %1").arg(pdfDialog.hireShown)
        defaultSuffix: "pdf"
        nameFilters: [qsTr("PDF documents (*.pdf)")]
        acceptLabel: qsTr("Save")
        onChosen: file => report.exportPdf(file, pdfDialog.hire)
        opener: pdfButton
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        // The picker and the exports beside the heading where both fit,
        // under it where they do not (German's longer words at 1024 px):
        // the heading is never cut.
        GridLayout {
            objectName: "reportHeader"
            Layout.fillWidth: true
            id: reportHeader
            // Decided by the words' own widths and the page's, and applied
            // after the layout pass that found it: a change of columns inside
            // that pass would start it again (a polish loop).
            readonly property int fittingColumns: Math.max(titleWords.advanceWidth, subtitleWords.advanceWidth)
                                                  + controls.implicitWidth + columnSpacing
                                                  <= page.width - 2 * Theme.pageMargin ? 2 : 1
            columns: 1
            onFittingColumnsChanged: columnsLater.restart()
            Timer {
                id: columnsLater
                interval: 0
                onTriggered: reportHeader.columns = reportHeader.fittingColumns
            }
            Component.onCompleted: columns = fittingColumns
            TextMetrics { id: titleWords; font.pixelSize: Theme.titleSize; font.bold: true; text: heading.title }
            TextMetrics { id: subtitleWords; font: pickerLabel.font; text: heading.subtitle }
            columnSpacing: Theme.mediumSpacing
            rowSpacing: Theme.smallSpacing

            PageHeading {
                id: heading
                objectName: "reportHeading"
                Layout.fillWidth: true
                title: qsTr("Onboarding report")
                subtitle: report.hire.length > 0 && report.hireName.length > 0
                          ? qsTr("How far %1 is, and where they wait.").arg(report.hireName)
                          : qsTr("How far each hire is, and where they wait.")
            }
            RowLayout {
                id: controls
                Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                spacing: Theme.mediumSpacing
                Label {
                    id: pickerLabel
                    objectName: "reportHirePickerLabel"
                    text: qsTr("Hire:")
                    visible: hirePicker.visible
                }
                // What the page is about: "All hires" (the first row) or one
                // hire, whose progress, waits and overdue steps the charts then
                // show alone, and whom the exports are about.
                ComboBox {
                    id: hirePicker
                    objectName: "reportHirePicker"
                    Layout.preferredWidth: 170
                    visible: report.hires.count > 0
                    model: report.hires
                    textRole: "label"
                    valueRole: "key"
                    // A hire beyond the rows the list has fetched is still named.
                    displayText: currentIndex < 0 && report.hire.length > 0 ? report.hireName : currentText
                    // The row of the hire the report is about, "All hires" when none;
                    // again after every reload of the list.
                    function follow() {
                        currentIndex = report.hire.length > 0 ? indexOfValue(report.hire) : (count > 0 ? 0 : -1)
                    }
                    onCountChanged: follow()
                    // Opened by Summary PDF…: the hire chosen, their summary is
                    // saved, and the report stays on all hires.
                    property bool pdfWanted: false
                    onActivated: {
                        if (pdfWanted) {
                            pdfWanted = false
                            const chosen = currentValue
                            const shown = currentText
                            follow()
                            if (chosen.length > 0)
                                page.savePdf(chosen, shown)
                            return
                        }
                        report.hire = currentValue
                    }
                    Connections {
                        target: hirePicker.popup
                        function onClosed() { hirePicker.pdfWanted = false }
                    }
                    Connections {
                        target: report
                        function onHireChanged() { hirePicker.follow() }
                    }
                    Connections {
                        target: report.hires
                        function onModelReset() { hirePicker.follow() }
                    }
                    Accessible.name: qsTr("Hire whose progress the report shows, or all hires")
                    Accessible.description: hirePicker.pdfWanted ? pdfAsk.text : ""
                    // Said while the list is open for Summary PDF…: why it opened, and what comes next.
                    ToolTip {
                        id: pdfAsk
                        objectName: "reportPdfAsk"
                        visible: hirePicker.pdfWanted && hirePicker.popup.opened
                        text: qsTr("Whose summary? Pick a hire, then choose where to save it.")
                        delay: 0
                        timeout: -1
                    }
                }
                // One hire's summary: the hire chosen above. With "All hires" chosen
                // the button asks which hire first (the picker opens), then saves theirs.
                Button {
                    id: pdfButton
                    objectName: "reportExportPdf"
                    visible: report.progress.count > 0
                    text: qsTr("Summary PDF…")
                    Accessible.name: report.hire.length > 0 ? qsTr("Save the summary of %1 as PDF").arg(hirePicker.displayText)
                                                            : qsTr("Save a hire's summary as PDF")
                    Accessible.description: report.hire.length > 0 ? "" : qsTr("Asks which hire first")
                    onClicked: {
                        if (report.hire.length > 0) {
                            page.savePdf(report.hire, hirePicker.displayText)
                            return
                        }
                        hirePicker.pdfWanted = true
                        hirePicker.forceActiveFocus(Qt.OtherFocusReason)
                        hirePicker.popup.open()
                    }
                }
                Button {
                    id: csvButton
                    objectName: "reportExportCsv"
                    text: qsTr("Export CSV…")
                    visible: report.progress.count > 0
                    Accessible.name: report.hire.length > 0 ? qsTr("Export the report of %1 as CSV").arg(hirePicker.displayText)
                                                            : qsTr("Export the report as CSV")
                    onClicked: {
                        csvDialog.currentFolder = Session.exportFolder()
                        csvDialog.selectedFile = report.csvFileSuggestion()
                        csvDialog.open()
                    }
                }
            }
        }

        Notice {
            Layout.fillWidth: true
            visible: report.problem.length > 0
            isError: true
            text: report.problem
        }

        EmptyState {
            objectName: "reportEmpty"
            visible: report.progress.count === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: report.loading ? qsTr("Reading the report…") : qsTr("Nobody is enrolled yet")
            text: report.loading ? "" : Session.role === "admin" ? qsTr("Enroll a hire on the Admin page to see their progress here.") : qsTr("Your mentees' progress shows here once an admin enrolls them.")
        }

        // The charts as high as their bars need (a wide screen leaves the
        // room below them empty rather than stretching the cards), sharing a
        // smaller window by what each row needs; past that a chart scrolls.
        GridLayout {
            objectName: "reportCharts"
            visible: report.progress.count > 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumHeight: page.firstRowHeight + page.secondRowHeight + rowSpacing
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing

            BarChart {
                id: progressChart
                objectName: "progressChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: page.firstRowHeight
                Layout.minimumHeight: 150
                Layout.maximumHeight: page.firstRowHeight
                title: report.hire.length > 0 && report.hireName.length > 0 ? qsTr("Progress of %1").arg(report.hireName)
                                                                            : qsTr("Progress per hire")
                categoryAxis: qsTr("Hire")
                valueAxis: qsTr("Steps done")
                barLegend: qsTr("locked")
                strongLegend: qsTr("unlocked")
                mutedLegend: qsTr("revoked or expired")
                emptyText: qsTr("Nobody is enrolled yet.")
                chartModel: report.progress
            }
            BarChart {
                id: cohortChart
                objectName: "cohortChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: page.firstRowHeight
                Layout.minimumHeight: 150
                Layout.maximumHeight: page.firstRowHeight
                title: qsTr("Days to production access")
                categoryAxis: qsTr("Start month")
                valueAxis: qsTr("Average days from start to sign-off")
                emptyText: qsTr("No start dates yet.")
                chartModel: report.cohorts
                barColor: Theme.accent
            }
            BarChart {
                id: waitChart
                objectName: "waitChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: page.secondRowHeight
                Layout.minimumHeight: 150
                Layout.maximumHeight: page.secondRowHeight
                title: qsTr("Average wait for a review, by step")
                categoryAxis: qsTr("Step")
                valueAxis: qsTr("Average time from done to approved, or to now while waiting")
                emptyText: qsTr("No step has waited for a review yet.")
                chartModel: report.waits
                labelShare: 0.42
            }
            BarChart {
                id: overdueChart
                objectName: "overdueChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: page.secondRowHeight
                Layout.minimumHeight: 150
                Layout.maximumHeight: page.secondRowHeight
                title: qsTr("Overdue steps")
                categoryAxis: qsTr("Hire · step")
                valueAxis: qsTr("Days past the due day")
                emptyText: qsTr("No step is overdue.")
                chartModel: report.overdue
                labelShare: 0.42
                barColor: Theme.warning
            }
        }
        // The room the charts do not need, below them.
        Item {
            visible: report.progress.count > 0
            Layout.fillHeight: true
        }
    }
}
