import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a page shows when it has nothing yet: a title, a sentence that says
// what to do, and at most one action.
ColumnLayout {
    id: root

    property string title
    property string text
    property string actionText
    // The action is the page's default one, drawn highlighted; false where
    // another button on the page is (a page has one default action).
    property bool actionIsDefault: true
    property url iconSource: "qrc:/icons/empty.svg"

    signal actionTriggered()

    spacing: Theme.largeSpacing
    // Its texts stop at 520 px, which a layout would take as the most the
    // whole state may have, and then set it against the left edge: it fills
    // what the page gives it and centres them instead.
    Layout.maximumWidth: Infinity

    Image {
        Layout.alignment: Qt.AlignHCenter
        source: root.iconSource
        sourceSize.width: 64; sourceSize.height: 64
        visible: root.iconSource != ""
        Accessible.ignored: true
    }
    Label {
        textFormat: Text.PlainText
        Layout.alignment: Qt.AlignHCenter
        Layout.fillWidth: true
        Layout.maximumWidth: 520
        text: root.title
        font.pixelSize: Theme.headingSize
        font.bold: true
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        Accessible.role: Accessible.Heading
    }
    Label {
        textFormat: Text.PlainText
        Layout.alignment: Qt.AlignHCenter
        Layout.fillWidth: true
        Layout.maximumWidth: 520
        visible: root.text.length > 0
        text: root.text
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        color: Theme.secondaryText
    }
    Button {
        id: actionButton
        objectName: "emptyStateAction"
        Layout.alignment: Qt.AlignHCenter
        visible: root.actionText.length > 0
        text: root.actionText
        highlighted: root.actionIsDefault
        Accessible.name: root.actionText
        onClicked: root.actionTriggered()
    }
}
