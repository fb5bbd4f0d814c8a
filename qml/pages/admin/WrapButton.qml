import QtQuick
import QtQuick.Controls
import Onramp

// A dialog's button whose text may be long (a checklist's title in it):
// given less width than its text takes, the text wraps on as many lines as
// it needs rather than run past the dialog's edge.
Button {
    id: button

    contentItem: Label {
        textFormat: Text.PlainText
        text: button.text
        font: button.font
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: button.highlighted ? button.palette.highlightedText : button.palette.buttonText
    }
}
