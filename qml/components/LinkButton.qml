import QtQuick
import QtQuick.Controls
import Onramp

// A link as a control: Tab reaches it and Enter or a click opens it, which a
// link inside a text does not allow. It says where it goes in its tooltip
// and to a screen reader; a long address breaks rather than widen the page.
Button {
    id: link

    property string url
    // The text above shows this very address as a link already: the control
    // stays in the Tab order and with a screen reader, but it takes room and
    // shows only while it has the keys, so the address is not seen twice.
    property bool shownInText: false
    readonly property bool folded: shownInText && !activeFocus

    flat: true
    width: folded ? 0 : Math.min(implicitWidth, parent ? parent.width : implicitWidth)
    height: folded ? 0 : implicitHeight
    opacity: folded ? 0 : 1
    contentItem: Label {
        textFormat: Text.PlainText
        text: "\u2197 " + link.text
        color: Theme.primary
        font.underline: true
        wrapMode: Text.WrapAnywhere
    }
    Accessible.role: Accessible.Link
    Accessible.name: qsTr("Open %1").arg(link.text)
    Accessible.description: link.url
    ToolTip.visible: hovered
    ToolTip.text: link.url
    onClicked: Session.openInBrowser(link.url)
}
