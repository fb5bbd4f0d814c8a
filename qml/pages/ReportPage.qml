import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Progress per hire and days from start to production access, as a bar chart.
Page {
    id: page
    objectName: "report"

    title: qsTr("Report")

    TeamBackend { id: team }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        PageHeading {
            title: qsTr("Onboarding report")
            subtitle: qsTr("Progress per hire, and days from start to production access.")
            Layout.fillWidth: true
        }

        EmptyState {
            visible: team.enrollments.count === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            title: qsTr("Nobody is enrolled yet")
            text: qsTr("Enroll a hire on the Admin page to see their progress here.")
        }

        Card {
            visible: team.enrollments.count > 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.role: Accessible.Chart
            Accessible.name: qsTr("Progress per hire")

            ListView {
                objectName: "reportChart"
                anchors.fill: parent
                clip: true
                spacing: 14
                model: team.enrollments
                delegate: RowLayout {
                    id: row
                    required property string displayName
                    required property int done
                    required property int total
                    required property double progress
                    required property bool locked
                    required property int daysToAccess
                    width: ListView.view.width
                    spacing: Theme.largeSpacing
                    Accessible.name: qsTr("%1: %2 of %3 steps").arg(row.displayName).arg(row.done).arg(row.total)
                    Label { text: row.displayName; Layout.preferredWidth: 180; elide: Text.ElideRight }
                    Rectangle {
                        Layout.fillWidth: true
                        height: 22
                        radius: 4
                        color: Qt.rgba(palette.windowText.r, palette.windowText.g, palette.windowText.b, 0.08)
                        Rectangle {
                            width: parent.width * row.progress
                            height: parent.height
                            radius: 4
                            color: row.locked ? Theme.primary : Theme.success
                        }
                    }
                    Label { text: Math.round(row.progress * 100) + "%"; Layout.preferredWidth: 48 }
                    Label {
                        Layout.preferredWidth: 200
                        text: row.daysToAccess >= 0 ? qsTr("production after %n day(s)", "", row.daysToAccess) : qsTr("production locked")
                        color: Theme.secondaryText
                    }
                }
            }
        }
    }
}
