pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The saved versions of the open checklist, newest first: number, date and
// who saved it, the hires on it, and what it changed against the one before.
// Over the whole window and dimming it, as every dialog does.
Popup {
    id: popup

    required property ChecklistEditorModel editor
    // The checklists of the vault, which know the hires on each version; null when unknown.
    property ChecklistListModel checklists: null
    // The hires on each version, by version number as text; read again on every opening.
    property var hires: ({})

    objectName: "editorVersionsPopup"
    parent: Overlay.overlay
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 2 * Theme.pageMargin : 640, 640)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.pageMargin : implicitHeight)
    modal: true
    dim: true
    focus: true // so that Escape closes it
    padding: 20
    onAboutToShow: popup.hires = popup.checklists ? popup.checklists.hiresByVersion(popup.editor.checklistId) : {}

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        Label {
            textFormat: Text.PlainText
            text: qsTr("Versions of “%1”").arg(popup.editor.title || popup.editor.checklistId)
            font.bold: true
            font.pixelSize: Theme.headingSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Label {
            textFormat: Text.PlainText
            text: qsTr("Saving the checklist makes a new version. Hires stay on theirs until you move them (Admin › Enrollments).")
            color: Theme.secondaryText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ScrollView {
            id: scroll
            objectName: "editorVersionsScroll"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: versionColumn.implicitHeight
            contentWidth: availableWidth
            clip: true
            // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
            // delegate when its model changes; a positioner holds them.
            Column {
                id: versionColumn
                width: scroll.availableWidth
                spacing: Theme.largeSpacing
                Repeater {
                    model: popup.editor.versions
                    delegate: ColumnLayout {
                        id: versionRow
                        required property int index
                        required property int version
                        required property string importedAtText
                        required property string importedBy
                        required property var changes
                        required property bool latest
                        readonly property var hiresOn: popup.hires[versionRow.version.toString()] || []
                        objectName: "editorVersion-" + versionRow.version
                        width: parent ? parent.width : 0
                        spacing: Theme.smallSpacing
                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.mediumSpacing
                            Label {
                                textFormat: Text.PlainText
                                // The moment as every list writes it, and the person by the name people go by.
                                text: qsTr("Version %1 · %2 · by %3").arg(versionRow.version)
                                    .arg(versionRow.importedAtText)
                                    .arg(versionRow.importedBy ? (Session.shownNames[versionRow.importedBy] || versionRow.importedBy)
                                                               : qsTr("unknown"))
                                font.bold: true
                            }
                            Tag {
                                visible: versionRow.latest
                                text: qsTr("latest")
                            }
                            Tag {
                                objectName: "editorVersionHires-" + versionRow.version
                                tone: versionRow.hiresOn.length > 0 && !versionRow.latest ? Theme.warning : Theme.secondaryText
                                text: versionRow.hiresOn.length > 0 ? qsTr("%n hire(s) on it", "", versionRow.hiresOn.length)
                                                                    : qsTr("no hire on it")
                            }
                        }
                        Label {
                            objectName: "editorVersionHireNames-" + versionRow.version
                            visible: versionRow.hiresOn.length > 0
                            textFormat: Text.PlainText
                            text: versionRow.hiresOn.join(qsTr(", ", "between names in a list"))
                            color: Theme.secondaryText
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        BulletList {
                            objectName: "editorVersionChanges-" + versionRow.version
                            items: versionRow.changes
                            Layout.fillWidth: true
                        }
                    }
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
