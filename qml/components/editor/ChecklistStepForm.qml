import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The form for one step of a ChecklistEditorModel: title, id, section, body,
// due day and flags. Every edit goes straight to the model, which judges it.
Card {
    id: form

    // The ChecklistEditorModel and the row being edited.
    required property var editor
    required property int row
    // editor.get(row), refreshed on every edit.
    required property var current

    // The body in a box as large as the window allows.
    function editLarger() {
        if (form.row >= 0)
            bodyDialog.edit(form.row, form.current.title ?? "", form.current.body ?? "")
    }

    function focusTitle() {
        titleField.forceActiveFocus()
        titleField.selectAll()
    }

    ChecklistBodyDialog {
        id: bodyDialog
        editor: form.editor
        // Back in the form's box, where the text now stands.
        onClosed: bodyArea.forceActiveFocus()
    }

    Label {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: form.row < 0
        text: form.editor.count === 0 ? qsTr("No steps yet: add the first one.") : qsTr("Select a step to edit it.")
        color: Theme.secondaryText
    }
    // The fields in as few rows as the width allows; when the card is still
    // too short (a small window, a problem shown), the form scrolls inside
    // it, and the field that takes the focus is scrolled into view.
    RevealingFlickable {
        id: scroller
        anchors.fill: parent
        visible: form.row >= 0
        contentWidth: width
        contentHeight: grid.implicitHeight
        interactive: contentHeight > height
        content: grid
        followsFocus: true
        // Shown whenever there is more below, so that the fields under the fold are not missed.
        ScrollBar.vertical: ScrollBar {
            id: formBar
            objectName: "editorFormScrollBar"
            policy: scroller.interactive ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        }


        GridLayout {
            id: grid
            // Room kept for the scroll bar, which never covers a field.
            width: scroller.width - formBar.implicitWidth
            height: Math.max(scroller.height, implicitHeight)
            columns: 2
            columnSpacing: Theme.largeSpacing
            rowSpacing: Theme.mediumSpacing

            Label { text: qsTr("Title") }
            TextField {
                id: titleField
                objectName: "editorTitle"
                Layout.fillWidth: true
                text: form.current.title ?? ""
                Accessible.name: qsTr("Step title")
                onTextEdited: form.editor.setValue(form.row, "title", text)
                // Another step picked: its text from the start, a long title's first words in view.
                onTextChanged: if (!activeFocus) cursorPosition = 0
                onAccepted: sectionField.forceActiveFocus()
            }
            // The id and the section each on a row of their own: sharing one,
            // at 1024 px an id and the placeholder were cut.
            Label { text: qsTr("Id") }
            TextField {
                id: idField
                objectName: "editorStepId"
                Layout.fillWidth: true
                text: form.current.stepId ?? ""
                // An example fits the field in every language; the rule is said on hover and to a screen reader.
                placeholderText: qsTr("e.g. %1").arg("run-the-tests")
                Accessible.name: qsTr("Step id")
                description: qsTr("lower-case words joined by '-'")
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("lower-case words joined by '-'")
                onTextEdited: form.editor.setValue(form.row, "stepId", text)
            }
            Label { text: qsTr("Section") }
            TextField {
                id: sectionField
                objectName: "editorSection"
                Layout.fillWidth: true
                text: form.current.section ?? ""
                placeholderText: qsTr("e.g. Day one")
                Accessible.name: qsTr("Section")
                onTextEdited: form.editor.setValue(form.row, "section", text)
                // Another step picked: its text from the start, a long title's first words in view.
                onTextChanged: if (!activeFocus) cursorPosition = 0
                onAccepted: bodyArea.forceActiveFocus()
            }
            // A new step takes the section of the step above: said here, in
            // sight, until the admin edits the section.
            Item { width: 1; visible: sectionNote.visible }
            Label {
                id: sectionNote
                objectName: "editorSectionFromAbove"
                visible: form.current.sectionFromAbove ?? false
                text: qsTr("Taken from the step above: change it if this step belongs in another section.")
                color: Theme.secondaryText
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            // The body's name, and under it the way to a larger box: the form's
            // own keeps two lines at 1024x640 (Ctrl+E opens the larger one too).
            Item {
                // The link in small type is no wider than the longest of the names
                // ("Section"), so the column keeps its width.
                implicitWidth: Math.max(bodyName.implicitWidth, largerButton.implicitWidth)
                Layout.alignment: Qt.AlignTop
                implicitHeight: bodyName.implicitHeight + 2 + largerButton.implicitHeight
                Label {
                    id: bodyName
                    text: qsTr("Body")
                }
                // Drawn as a link: a button's frame would widen the column. Not a Tab
                // stop between Section and Body, where a space typed for the body
                // pressed it: from the keys, Ctrl+E in the body opens the larger box.
                Button {
                    id: largerButton
                    objectName: "editorBodyLarger"
                    focusPolicy: Qt.NoFocus
                    // What the keys do instead, where they are (checked by the keyboard walk's test).
                    readonly property string keysElsewhere: "Ctrl+E in the step body"
                    flat: true
                    padding: 0
                    leftPadding: 0
                    rightPadding: 0
                    topInset: 0
                    bottomInset: 0
                    leftInset: 0
                    rightInset: 0
                    y: bodyName.implicitHeight + 2
                    text: qsTr("Larger…")
                    contentItem: Label {
                        textFormat: Text.PlainText
                        text: largerButton.text
                        color: Theme.primary
                        font.pixelSize: Theme.smallSize
                        font.underline: true
                        elide: Text.ElideRight
                    }
                    background: Rectangle {
                        color: "transparent"
                        border.width: largerButton.visualFocus ? 2 : 0
                        border.color: Theme.focusRing
                        radius: 2
                    }
                    Accessible.name: qsTr("Edit the body in a larger box")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Edit the body in a larger box (Ctrl+E)")
                    onClicked: form.editLarger()
                }
            }
            ScrollView {
                objectName: "editorBodyFrame"
                Layout.fillWidth: true
                Layout.fillHeight: true
                // Two lines asked for, not the whole body, so that the flags stay
                // in sight at 1024x640 with the id and the section on rows of their
                // own; it grows with the room the window gives, and scrolls.
                Layout.minimumHeight: 44
                Layout.preferredHeight: 44
                // As wide as the view, whatever the placeholder's length: the text wraps in it.
                contentWidth: availableWidth
                // Framed like the one-line fields, so that it reads as a place to type.
                background: FieldFrame {
                    focused: bodyArea.activeFocus
                    fieldEnabled: bodyArea.enabled
                }
                TextArea {
                    id: bodyArea
                    objectName: "editorBody"
                    text: form.current.body ?? ""
                    wrapMode: TextEdit.Wrap
                    placeholderText: qsTr("What to do and why, in Markdown")
                    Accessible.name: qsTr("Step body")
                    Accessible.description: qsTr("%1 edits it in a larger box").arg(Formats.keys("Ctrl+E"))
                    KeyNavigation.priority: KeyNavigation.BeforeItem
                    KeyNavigation.tab: dueBox
                    Keys.onPressed: event => {
                        if (event.key === Qt.Key_E && (event.modifiers & Qt.ControlModifier)) {
                            form.editLarger()
                            event.accepted = true
                        }
                    }
                    onTextChanged: if (text !== (form.current.body ?? "")) form.editor.setValue(form.row, "body", text)
                }
            }
            Label {
                text: qsTr("Due")
                // Level with the due field, the first of its row, however the row wraps.
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: Math.max(0, (dueBox.height - height) / 2)
            }
            // The due day and the flags on one line, wrapped when the card is narrow.
            Flow {
                id: flagsFlow
                Layout.fillWidth: true
                // The room the column gives, never its flags' own width on one line.
                Layout.preferredWidth: 0
                spacing: Theme.mediumSpacing
                SpinBox {
                    id: dueBox
                    objectName: "editorDue"
                    from: -1
                    to: 3650
                    editable: true
                    value: form.current.due ?? -1
                    Accessible.name: qsTr("Due, in days after the start date")
                    // "on the start day", "1 day after start": never "day 1", which reads as the first day.
                    textFromValue: (value, locale) => form.editor.dueText(value)
                    valueFromText: (text, locale) => form.editor.dueFromText(text)
                    onValueModified: form.editor.setValue(form.row, "due", value)
                    // As wide as its longest text (none, the start day, a day,
                    // the most days), so that its arrows stay put as the text changes.
                    readonly property real textRoom: Math.max(dueMetrics.advanceWidth(form.editor.dueText(-1)),
                                                              dueMetrics.advanceWidth(form.editor.dueText(0)),
                                                              dueMetrics.advanceWidth(form.editor.dueText(1)),
                                                              dueMetrics.advanceWidth(form.editor.dueText(dueBox.to)))
                    width: Math.ceil(dueBox.textRoom) + dueBox.leftPadding + dueBox.rightPadding + 4
                    FontMetrics {
                        id: dueMetrics
                        font: dueBox.font
                    }
                }
                // A step the mentor reviews gates production access, so it is
                // required: the box stays ticked and says why while it is.
                // As wide as the row lets it be: its words wrap rather than run under the scroll bar.
                Item {
                    id: requiredFlag
                    implicitWidth: requiredBox.implicitWidth
                    width: Math.min(implicitWidth, flagsFlow.width)
                    implicitHeight: requiredBox.implicitHeight
                    readonly property bool reviewed: form.current.signoff ?? false
                    CheckBox {
                        id: requiredBox
                        objectName: "editorRequired"
                        anchors.fill: parent
                        text: qsTr("Required for production access")
                        // The style's text, wrapped: it elides at the end of one line.
                        contentItem: Label {
                            textFormat: Text.PlainText
                            text: requiredBox.text
                            font: requiredBox.font
                            leftPadding: requiredBox.indicator ? requiredBox.indicator.width + requiredBox.spacing : 0
                            verticalAlignment: Text.AlignVCenter
                            wrapMode: Text.Wrap
                        }
                        checked: (form.current.required ?? false) || requiredFlag.reviewed
                        enabled: !requiredFlag.reviewed
                        Accessible.name: text
                        Accessible.description: requiredFlag.reviewed ? requiredFlag.reason : ""
                        // A click sets checked itself: bound to the model again, which judges it.
                        onToggled: {
                            form.editor.setValue(form.row, "required", checked)
                            checked = Qt.binding(() => (form.current.required ?? false) || requiredFlag.reviewed)
                        }
                    }
                    readonly property string reason: qsTr("A step the mentor reviews gates production access, so it is always required.")
                    // On the wrapper: a disabled box sees no hover of its own.
                    HoverHandler { id: requiredHover }
                    ToolTip.visible: requiredFlag.reviewed && requiredHover.hovered
                    ToolTip.text: requiredFlag.reason
                }
                CheckBox {
                    objectName: "editorSignoff"
                    text: qsTr("Mentor reviews it")
                    checked: form.current.signoff ?? false
                    Accessible.name: text
                    Accessible.description: qsTr("A step the mentor reviews is also required for production access.")
                    onToggled: {
                        form.editor.setValue(form.row, "signoff", checked)
                        checked = Qt.binding(() => form.current.signoff ?? false)
                    }
                }
            }
            // Why "Required for production access" is ticked and greyed, in
            // words beside it, not only in the tooltip a mouse finds.
            Item {
                width: 1
                visible: requiredReason.visible
            }
            Label {
                id: requiredReason
                textFormat: Text.PlainText
                objectName: "editorRequiredReason"
                Layout.fillWidth: true
                // Wrapped to the form's width, never widening it.
                Layout.preferredWidth: 0
                visible: requiredFlag.reviewed
                text: requiredFlag.reason
                color: Theme.secondaryText
                wrapMode: Text.Wrap
            }
            Item { width: 1 }
            Label {
                textFormat: Text.PlainText
                objectName: "editorProblem"
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.current.problem ?? ""
                color: Theme.danger
                wrapMode: Text.Wrap
            }
        }
    }
}
