import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// How Onramp keeps a new hire's first days safe, in four short points.
Page {
    id: page
    objectName: "about"

    signal backRequested()

    title: qsTr("How Onramp works")
    // The widest a paragraph's lines run.
    readonly property int readableWidth: 640
    focus: true
    Keys.onEscapePressed: page.backRequested()

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                id: backButton
                objectName: "backButton"
                text: qsTr("\u2190 Back")
                Accessible.name: qsTr("Back")
                onClicked: page.backRequested()
            }
            Label {
                textFormat: Text.PlainText
                text: page.title
                font.pixelSize: Theme.headingSize
                Layout.fillWidth: true
            }
        }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        // A measure that reads well: on a wide window the lines stop at
        // about 80 characters instead of running on across the page.
        Column {
            width: Math.min(parent.width, page.readableWidth + 2 * Theme.pageMargin)
            topPadding: Theme.mediumSpacing
            spacing: Theme.spacing + Theme.mediumSpacing

            Repeater {
                model: [
                    { title: qsTr("Your sandbox is yours to break"),
                      text: qsTr("Sandbox credentials are ready the moment you are enrolled. Experiment, make mistakes, reissue them.") },
                    { title: qsTr("Production stays sealed"),
                      text: qsTr("Production credentials are encrypted under a key only mentors and admins hold. Nobody can hand them out by accident.") },
                    { title: qsTr("Your mentor signs off"),
                      text: qsTr("When the required steps are done, your mentor signs off with a cryptographic signature, and only then is access released to you.") },
                    { title: qsTr("Everything is recorded"),
                      text: qsTr("Each step, sign-off and release lands in a tamper-evident audit log, so the record can be trusted.") }
                ]
                delegate: ColumnLayout {
                    id: point
                    required property var modelData
                    x: Theme.pageMargin
                    width: (parent ? parent.width : 0) - 2 * Theme.pageMargin
                    spacing: Theme.smallSpacing
                    Label {
                        textFormat: Text.PlainText
                        text: point.modelData.title
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Heading
                    }
                    Label {
                        textFormat: Text.PlainText
                        text: point.modelData.text
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        color: Theme.secondaryText
                    }
                }
            }
        }
    }
}
