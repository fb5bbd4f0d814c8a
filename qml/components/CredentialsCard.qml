import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The signed-in hire's credentials: sandbox ones at once, production ones once granted.
Card {
    id: card
    objectName: "credentialsCard"

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("Credentials")
            font.pixelSize: Theme.headingSize
            font.bold: true
        }
        Label {
            text: qsTr("Sandbox credentials are issued when you are enrolled; production ones arrive with your mentor's sign-off.")
            wrapMode: Text.Wrap
            opacity: 0.8
            Layout.fillWidth: true
        }
    }
}
