import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The saved versions of the open checklist: number, date and who imported it.
// Over the whole window and dimming it, as every dialog does.
Popup {
    id: popup

    required property ChecklistEditorModel editor

    objectName: "editorVersionsPopup"
    parent: Overlay.overlay
    anchors.centerIn: Overlay.overlay
    modal: true
    dim: true
    focus: true // so that Escape closes it
    padding: 20
    ColumnLayout {
        spacing: 6
        Label { textFormat: Text.PlainText; text: qsTr("Versions of %1").arg(popup.editor.checklistId); font.bold: true }
        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
        // delegate when its model changes; a positioner in the cell holds them.
        Column {
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
            Repeater {
                model: popup.editor.versions
                Label {
                    textFormat: Text.PlainText
                    required property int version
                    required property string importedAtText
                    required property string importedBy
                    // The moment as every list writes it, and the person by the name people go by.
                    text: qsTr("Version %1 · %2 · by %3").arg(version)
                        .arg(importedAtText)
                        .arg(importedBy ? (Session.shownNames[importedBy] || importedBy) : qsTr("unknown"))
                }
            }
        }
        Button {
            text: qsTr("Close")
            Layout.alignment: Qt.AlignRight
            Accessible.name: text
            onClicked: popup.close()
        }
    }
}
