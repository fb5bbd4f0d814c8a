import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// A step's body in a box as large as the window allows: the form's own box
// keeps two lines at 1024x640 so that the flags stay in sight. "Use this
// text" puts what was typed in the step; Cancel and Escape leave the step as
// it was. edit() opens it on a row of the editor.
Dialog {
    id: bodyDialog

    required property ChecklistEditorModel editor
    // The row whose body is edited; -1 while closed.
    property int row: -1
    property string stepTitle

    function edit(row: int, stepTitle: string, body: string) {
        bodyDialog.row = row
        bodyDialog.stepTitle = stepTitle
        bodyText.text = body
        bodyDialog.open()
    }

    objectName: "editorBodyDialog"
    title: bodyDialog.stepTitle.length > 0 ? qsTr("Body of “%1”").arg(bodyDialog.stepTitle) : qsTr("Body of the step")
    // The title names a step: text, never markup.
    Component.onCompleted: header.textFormat = Text.PlainText
    parent: Overlay.overlay
    anchors.centerIn: Overlay.overlay
    width: Overlay.overlay ? Math.min(Overlay.overlay.width - 2 * Theme.spacing, 900) : 700
    height: Overlay.overlay ? Math.min(Overlay.overlay.height - 2 * Theme.spacing, 700) : 500
    modal: true
    focus: true
    onOpened: {
        bodyText.forceActiveFocus()
        bodyText.cursorPosition = bodyText.length
    }
    onAccepted: {
        if (bodyDialog.row >= 0)
            bodyDialog.editor.setValue(bodyDialog.row, "body", bodyText.text)
        bodyDialog.row = -1
    }
    onRejected: bodyDialog.row = -1

    footer: DialogButtonBox {
        Button {
            objectName: "editorBodyDialogUse"
            text: qsTr("Use this text")
            highlighted: true
            DialogButtonBox.buttonRole: Dialog.AcceptRole
            Accessible.name: qsTr("Use this text as the step's body")
        }
        Button {
            objectName: "editorBodyDialogCancel"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Cancel, and keep the body as it was")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        Label {
            text: qsTr("Markdown: a blank line starts a paragraph, **bold**, *italic*, [a link](https://…). Ctrl+Enter uses the text.")
            color: Theme.secondaryText
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            background: FieldFrame {
                focused: bodyText.activeFocus
                fieldEnabled: true
            }
            TextArea {
                id: bodyText
                objectName: "editorBodyDialogText"
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("What to do and why, in Markdown")
                Accessible.name: qsTr("Step body")
                Keys.onReturnPressed: event => {
                    if (event.modifiers & Qt.ControlModifier)
                        bodyDialog.accept()
                    else
                        event.accepted = false
                }
                Keys.onEnterPressed: event => {
                    if (event.modifiers & Qt.ControlModifier)
                        bodyDialog.accept()
                    else
                        event.accepted = false
                }
            }
        }
    }
}
