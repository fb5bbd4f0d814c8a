pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's to-do above the tabs: each credential a hire is waiting for
// because its secret is not set, with a button to the form that sets it,
// read a batch at a time. Hidden when there is nothing to do.
ColumnLayout {
    id: todos

    // The admin asked to set the secret of \a credentialId.
    signal setRequested(string credentialId)

    visible: creds.credentials.count > 0
    spacing: Theme.smallSpacing

    CredentialsBackend {
        id: creds
        awaitingSecretOnly: true
    }

    Label {
        text: qsTr("To do")
        font.bold: true
    }
    // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
    // delegate when its model changes; a positioner in the cell holds them.
    Column {
        Layout.fillWidth: true
        Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
        spacing: Theme.smallSpacing
        Repeater {
            model: creds.credentials
            delegate: RowLayout {
                id: todo
                required property string hire
                required property string hireDisplayName
                required property string credentialId
                required property string title
                width: parent ? parent.width : 0
                spacing: Theme.mediumSpacing
                Label {
                    textFormat: Text.PlainText
                    objectName: "todo-" + todo.hire + "-" + todo.credentialId
                    text: qsTr("%1 for %2 needs a secret").arg(todo.title).arg(todo.hireDisplayName)
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "todoButton-" + todo.hire + "-" + todo.credentialId
                    text: qsTr("Set the secret…")
                    Accessible.name: qsTr("Set the secret of %1").arg(todo.title)
                    onClicked: todos.setRequested(todo.credentialId)
                }
            }
        }
    }
    // The to-do is read a batch at a time: the next batch on request.
    Button {
        objectName: "todoMore"
        visible: creds.credentials.moreToRead
        text: qsTr("Show more")
        Accessible.name: qsTr("Show more of the to-do")
        onClicked: creds.credentials.fetchMoreRows()
    }
}
