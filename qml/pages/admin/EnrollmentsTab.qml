import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's Enrollments tab: enrolling a hire on a checklist with a mentor.
ColumnLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    spacing: Theme.spacing
    Card {
        Layout.fillWidth: true
        GridLayout {
            anchors.fill: parent
            columns: 5
            columnSpacing: Theme.largeSpacing
            Label { text: qsTr("Hire") }
            Label { text: qsTr("Checklist") }
            Label { text: qsTr("Mentor") }
            Label { text: qsTr("Start (YYYY-MM-DD)") }
            Item { width: 1 }
            ComboBox { id: enrollHire; onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0; objectName: "enrollHire"; model: tab.admin.hires; Layout.fillWidth: true; Accessible.name: qsTr("Hire") }
            ComboBox {
                id: enrollChecklist
                onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0
                objectName: "enrollChecklist"
                model: tab.admin.checklists
                textRole: "title"
                valueRole: "checklistId"
                Layout.fillWidth: true
                Accessible.name: qsTr("Checklist")
            }
            ComboBox { id: enrollMentor; onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0; objectName: "enrollMentor"; model: tab.admin.mentors; Layout.fillWidth: true; Accessible.name: qsTr("Mentor") }
            TextField { id: enrollStart; objectName: "enrollStart"; placeholderText: qsTr("today"); Accessible.name: qsTr("Start date") }
            Button {
                objectName: "enrollButton"
                text: qsTr("Enroll")
                highlighted: true
                enabled: !Session.busy && enrollHire.currentText.length > 0 && enrollMentor.currentText.length > 0 && enrollChecklist.currentIndex >= 0
                Accessible.name: qsTr("Enroll the hire")
                onClicked: tab.admin.enroll(enrollHire.currentText, enrollChecklist.currentValue, enrollMentor.currentText, enrollStart.text)
            }
        }
    }
    Label {
        text: qsTr("A hire gets sandbox credentials as soon as they are enrolled. Current enrollments and their progress are on the Team page.")
        color: Theme.secondaryText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Item { Layout.fillHeight: true }
}
