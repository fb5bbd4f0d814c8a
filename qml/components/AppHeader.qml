import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The bar above every signed-in page: where you are, where you can go, who
// you are, and the lock button.
ToolBar {
    id: bar

    property string currentPage
    signal navigate(string name)

    readonly property var links: Session.role === "admin"
        ? [{ page: "admin", text: qsTr("Admin") }, { page: "mentor", text: qsTr("Team") }, { page: "report", text: qsTr("Report") }, { page: "audit", text: qsTr("Audit log") }]
        : Session.role === "mentor"
          ? [{ page: "mentor", text: qsTr("Mentees") }, { page: "report", text: qsTr("Report") }]
          : [{ page: "home", text: qsTr("Home") }, { page: "checklist", text: qsTr("Checklist") }]

    // As wide as the page below it (Theme.maxContentWidth), centred.
    RowLayout {
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, Theme.maxContentWidth) - 24
        spacing: Theme.mediumSpacing

        Image {
            source: "qrc:/icons/onramp.svg"
            sourceSize.width: 24; sourceSize.height: 24
            Accessible.ignored: true
        }
        Label {
            text: qsTr("Onramp")
            font.bold: true
            Layout.rightMargin: 16
        }
        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
        // delegate when its model changes; a positioner in the cell holds them.
        Row {
            spacing: Theme.mediumSpacing
            Repeater {
                model: bar.links
                delegate: SectionTab {
                    id: link
                    required property var modelData
                    objectName: "nav-" + modelData.page
                    text: modelData.text
                    checked: bar.currentPage === link.modelData.page // qmllint disable unqualified
                    onClicked: bar.navigate(link.modelData.page) // qmllint disable unqualified
                }
            }
        }
        Item { Layout.fillWidth: true }
        BusyIndicator {
            running: Session.busy
            visible: running
            implicitWidth: 24
            implicitHeight: 24
            Accessible.name: qsTr("Working")
        }
        Label {
            textFormat: Text.PlainText
            text: qsTr("%1 · %2").arg(Session.displayName).arg(Session.roleTitle)
            color: Theme.secondaryText
        }
        SettingsButton {}
        Button {
            objectName: "lockButton"
            text: qsTr("Lock")
            Accessible.name: qsTr("Lock the vault")
            onClicked: Session.lock()
        }
    }
}
