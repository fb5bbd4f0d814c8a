import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// First run: what Onramp is, and where the hire, mentor or admin starts.
Page {
    id: page
    objectName: "welcome"

    signal aboutRequested()

    title: qsTr("Welcome")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        RowLayout {
            spacing: 12
            Image {
                source: "qrc:/icons/onramp.svg"
                sourceSize: Qt.size(48, 48)
                Accessible.ignored: true
            }
            ColumnLayout {
                spacing: 2
                Label {
                    text: qsTr("Welcome to Onramp")
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    Accessible.role: Accessible.Heading
                }
                Label {
                    text: qsTr("Your sandbox on day one. Production when you and your mentor are ready.")
                    opacity: 0.8
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }

        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width, 560)
                title: qsTr("No vault on this computer yet")
                text: qsTr("Onramp keeps your checklist, your sandbox credentials and the sealed production "
                           + "credentials in an encrypted vault. An IT admin creates it with 'onramp init'.")
                actionText: qsTr("How Onramp keeps day one safe")
                iconSource: "qrc:/icons/shield.svg"
                onActionTriggered: page.aboutRequested()
            }
        }

        Label {
            text: qsTr("Onramp %1").arg(AppInfo.version)
            opacity: 0.6
            font.pixelSize: 12
        }
    }
}
