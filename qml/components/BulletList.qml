import QtQuick
import QtQuick.Controls

// Short sentences as a bulleted list, each on as many lines as it needs: a
// gate's reasons, what a checklist version weakens. Each item is plain text
// (it may hold a person's or a checklist's name) and is read without its
// bullet. Qt 6.4: a Repeater right inside a Layout can leave the Layout a
// deleted delegate when its model changes; this Column holds the items as
// one child of the layout.
Column {
    id: list

    // The sentences, one an item.
    property var items: []
    // The objectName of each item's label, for the tests that find them.
    property string itemName: ""

    Repeater {
        model: list.items
        onItemAdded: (index, item) => item.objectName = list.itemName
        delegate: Label {
            required property string modelData
            width: parent ? parent.width : 0
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: "• " + modelData
            Accessible.name: modelData
        }
    }
}
