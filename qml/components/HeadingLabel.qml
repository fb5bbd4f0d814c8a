import QtQuick
import QtQuick.Controls

// A label a screen reader knows for a heading, named by its text: it can go
// from one heading to the next, and reads each before what it heads. Qt 6.4
// gives every text the role "static text", whatever it is told: the heading
// is an item over the text, and the text itself is not read twice.
Label {
    id: heading
    textFormat: Text.PlainText
    font.bold: true
    Accessible.ignored: true
    Item {
        anchors.fill: parent
        Accessible.role: Accessible.Heading
        Accessible.name: heading.text
    }
}
