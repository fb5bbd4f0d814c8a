import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// A page's title and a sentence under it.
ColumnLayout {
    property string title
    property string subtitle
    // Wrap a long title (a step's) rather than cut it.
    property bool wrapTitle: false
    spacing: 2
    Label {
        textFormat: Text.PlainText
        text: parent.title
        font.pixelSize: Theme.titleSize
        font.bold: true
        Accessible.role: Accessible.Heading
        Layout.fillWidth: true
        elide: Text.ElideRight
        wrapMode: parent.wrapTitle ? Text.Wrap : Text.NoWrap
    }
    Label {
        textFormat: Text.PlainText
        visible: text.length > 0
        text: parent.subtitle
        color: Theme.secondaryText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
