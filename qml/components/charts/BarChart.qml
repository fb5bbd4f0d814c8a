pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// One chart of the report: a title, a horizontal bar per row of its
// ReportChartModel with the row's label and figure, an axis from zero to the
// model's scale, the axes' labels, and a sentence when there is nothing to
// draw. The chart is one Tab stop; a screen reader reads its title and the
// model's summary of every figure.
Card {
    id: chart

    required property string title
    required property ReportChartModel chartModel
    /// What the bars measure (the horizontal axis).
    property string valueAxis
    /// What each bar stands for (the vertical axis).
    property string categoryAxis
    property string emptyText
    property color barColor: Theme.primary
    property color strongColor: Theme.success
    property color mutedColor: Theme.warning
    /// What the colours mean, when the chart uses more than one; an empty
    /// strongLegend for no legend, an empty mutedLegend for no third key
    /// (shown only while a bar is drawn in that tone).
    property string barLegend
    property string strongLegend
    property string mutedLegend

    /// The share of the width the bars' labels take.
    property real labelShare: 0.3
    readonly property int labelWidth: Math.round(width * labelShare)
    readonly property int figureWidth: 84

    padding: 14
    activeFocusOnTab: true
    Accessible.role: Accessible.Chart
    Accessible.name: chart.title
    Accessible.description: chart.chartModel.count > 0 ? chart.chartModel.summary : chart.emptyText

    background: Rectangle {
        color: palette.base
        radius: Theme.radius
        border.width: chart.activeFocus ? 2 : 1
        border.color: chart.activeFocus ? Theme.highlight
                                        : Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.12)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.smallSpacing

        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: chart.title
            font.bold: true
            elide: Text.ElideRight
            Accessible.ignored: true
        }
        RowLayout {
            Layout.fillWidth: true
            visible: chart.chartModel.count > 0
            spacing: Theme.smallSpacing
            Accessible.ignored: true
            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: chart.categoryAxis
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
            }
            // The legend's keys in a Row, not straight in the layout: Qt
            // 6.4's layouts can read a key the Repeater has already deleted.
            Row {
                visible: chart.strongLegend.length > 0
                spacing: Theme.smallSpacing
                Repeater {
                    model: chart.strongLegend.length === 0 ? []
                         : chart.mutedLegend.length === 0 || !chart.chartModel.anyMuted ? [
                        { tone: chart.barColor, text: chart.barLegend },
                        { tone: chart.strongColor, text: chart.strongLegend }
                    ] : [
                        { tone: chart.barColor, text: chart.barLegend },
                        { tone: chart.strongColor, text: chart.strongLegend },
                        { tone: chart.mutedColor, text: chart.mutedLegend }
                    ]
                    delegate: RowLayout {
                        id: key
                        required property var modelData
                        spacing: Theme.smallSpacing
                        Rectangle {
                            implicitWidth: 10
                            implicitHeight: 10
                            radius: 2
                            color: key.modelData.tone
                        }
                        Label {
                            textFormat: Text.PlainText
                            text: key.modelData.text
                            color: Theme.secondaryText
                            font.pixelSize: Theme.smallSize
                            rightPadding: Theme.mediumSpacing
                        }
                    }
                }
            }
        }

        Label {
            textFormat: Text.PlainText
            objectName: "chartEmpty"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: chart.chartModel.count === 0
            text: chart.emptyText
            color: Theme.secondaryText
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            Accessible.ignored: true
        }

        ListView {
            id: bars
            objectName: "chartBars"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: chart.chartModel.count > 0
            clip: true
            spacing: 4 // seven two-line bars fit a 1280x800 window
            boundsBehavior: Flickable.StopAtBounds
            model: chart.chartModel
            Accessible.ignored: true
            ScrollBar.vertical: ScrollBar {
                policy: bars.contentHeight > bars.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                Accessible.name: qsTr("Scroll %1").arg(chart.title)
            }

            delegate: RowLayout {
                id: bar
                required property string label
                required property real share
                required property string valueText
                required property string description
                required property bool strong
                required property bool measured
                required property bool muted
                width: ListView.view.width - (bars.contentHeight > bars.height ? 12 : 0)
                spacing: Theme.mediumSpacing
                Accessible.ignored: true

                // Two lines before it elides; the whole text in a tooltip and for a screen reader.
                Label {
                    textFormat: Text.PlainText
                    id: barLabel
                    objectName: "chartBarLabel"
                    Layout.preferredWidth: chart.labelWidth
                    text: bar.label
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Accessible.name: bar.label
                    HoverHandler { id: labelHover }
                    ToolTip.visible: labelHover.hovered && barLabel.truncated
                    ToolTip.text: bar.label
                }
                // The track and the bar; neither where nothing is measured yet ("none yet"),
                // which an empty track would show as a zero.
                Item {
                    Layout.fillWidth: true
                    implicitHeight: 16
                    Rectangle {
                        objectName: "chartBarTrack"
                        visible: bar.measured
                        anchors.fill: parent
                        radius: 3
                        color: Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.08)
                    }
                    Rectangle {
                        width: bar.share > 0 ? Math.max(3, parent.width * Math.min(1, bar.share)) : 0
                        height: parent.height
                        radius: 3
                        color: bar.strong ? chart.strongColor : bar.muted ? chart.mutedColor : chart.barColor
                    }
                }
                // Whole on one line or two ("under a minute"), never cut.
                Label {
                    textFormat: Text.PlainText
                    objectName: "chartBarValue"
                    Layout.preferredWidth: chart.figureWidth
                    text: bar.valueText
                    horizontalAlignment: Text.AlignRight
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                }
            }
        }

        // The axis under the bars: a line from zero to the scale.
        RowLayout {
            Layout.fillWidth: true
            Layout.rightMargin: bars.contentHeight > bars.height ? 12 : 0
            visible: chart.chartModel.count > 0
            spacing: Theme.mediumSpacing
            Accessible.ignored: true
            Item { Layout.preferredWidth: chart.labelWidth }
            Item {
                Layout.fillWidth: true
                implicitHeight: zero.implicitHeight + 4
                Rectangle {
                    width: parent.width
                    height: 1
                    color: Theme.secondaryText
                }
                Label {
                    id: zero
                    y: 4
                    text: qsTr("0")
                    color: Theme.secondaryText
                    font.pixelSize: Theme.smallSize
                }
                Label {
                    textFormat: Text.PlainText
                    y: 4
                    anchors.right: parent.right
                    text: chart.chartModel.scaleText
                    color: Theme.secondaryText
                    font.pixelSize: Theme.smallSize
                }
            }
            Item { Layout.preferredWidth: chart.figureWidth }
        }
        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: chart.chartModel.count > 0
            text: chart.valueAxis
            color: Theme.secondaryText
            font.pixelSize: Theme.smallSize
            horizontalAlignment: Text.AlignHCenter
            // Whole on a second line where it must (German at 1024 px); the bars give way.
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Accessible.ignored: true
        }
    }
}
