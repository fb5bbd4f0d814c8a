import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Progress through a checklist's steps: a thin bar that reads as a bar even
// when empty and on a selected row, with the count in words beneath it
// (finished steps; those waiting for review said apart).
ColumnLayout {
    id: progress

    property int done: 0
    property int total: 0
    // Done and waiting for the mentor's review: not in `done`, said beside it.
    property int waiting: 0
    // Where production access stands (EnrollmentStatus::accessKey()): "locked",
    // "unlocked", "revoked" or "expired". The bar takes the colour the report's
    // progress chart gives it: blue while locked, green once unlocked, the
    // warning tone once revoked or expired.
    property string access: "locked"
    // On a selected (highlighted) row: drawn in the selection's text colour.
    property bool selected: false
    property string textObjectName: ""
    // Past their day and not done: said after the count, in words.
    property int overdue: 0
    // Made again in the language chosen live: the binding reads the language.
    readonly property string text: Appearance.language === "" ? ""
        : Formats.progress(progress.done, progress.total, progress.waiting)
          + (progress.overdue > 0 ? qsTr(" · %n overdue", "", progress.overdue) : "")

    spacing: Theme.smallSpacing

    ProgressBar {
        id: bar
        objectName: "progressBar"
        // A share, not a count: a count set before `to` would be clamped to 1.
        value: progress.total > 0 ? progress.done / progress.total : 0
        Layout.fillWidth: true
        Accessible.name: progress.text
        background: Rectangle {
            implicitWidth: 120
            implicitHeight: 8
            radius: 4
            color: progress.selected ? Qt.rgba(1, 1, 1, 0.35) : Qt.rgba(0.5, 0.5, 0.5, 0.3)
        }
        contentItem: Item {
            implicitHeight: 8
            Rectangle {
                objectName: "progressFill"
                width: bar.visualPosition * parent.width
                height: parent.height
                radius: 4
                color: progress.selected ? Appearance.colors.highlightedText
                       : progress.access === "unlocked" ? Theme.success
                       : progress.access === "revoked" || progress.access === "expired" ? Theme.warning
                       : Theme.primary
            }
        }
    }
    Label {
        textFormat: Text.PlainText
        objectName: progress.textObjectName
        text: progress.text
        color: progress.selected ? Theme.selectedSecondaryText : Theme.secondaryText
        font.pixelSize: Theme.smallSize
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }
}
