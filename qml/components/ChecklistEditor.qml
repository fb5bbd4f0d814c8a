import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's checklist editor: the steps of one checklist, a form for the
// selected step, and saving as a new version. Every rule lives in
// ChecklistEditorModel; this file binds and lays out.
FocusScope {
    id: root

    // The checklist to edit; empty shows the empty state.
    property alias checklistId: editor.checklistId
    readonly property alias model: editor
    readonly property alias currentRow: stepList.currentIndex
    // The selected step as a map of role names; refreshed on every edit.
    readonly property var current: {
        editor.revision
        return editor.get(stepList.currentIndex)
    }
    readonly property bool editable: editor.ready && !editor.loading

    // A confirmation or an error for the window's notice.
    signal notified(string message, bool isError)

    function notify(message, isError) {
        notified(message, isError)
        const window = ApplicationWindow.window
        if (window && window.notify)
            window.notify(message, isError)
    }
    function select(row) {
        stepList.currentIndex = row
        stepList.positionViewAtIndex(row, ListView.Contain)
    }
    function addStep() {
        const row = editor.addStep(stepList.currentIndex + 1)
        if (row < 0)
            return
        select(row)
        stepForm.focusTitle()
    }
    function removeCurrent() {
        const row = stepList.currentIndex
        if (row < 0 || !editor.removeStep(row))
            return
        select(Math.min(row, editor.count - 1))
        undoButton.forceActiveFocus()
    }
    function moveCurrent(delta) {
        const row = stepList.currentIndex
        if (editor.move(row, row + delta))
            select(row + delta)
    }

    implicitWidth: 900
    implicitHeight: 560

    ChecklistEditorModel {
        id: editor
        onDone: message => root.notify(message, false)
        onError: message => root.notify(message, true)
        onLoadedChanged: stepList.currentIndex = editor.count > 0 ? 0 : -1
    }

    Shortcut {
        sequences: [StandardKey.Save]
        enabled: root.visible && root.editable && editor.dirty
        onActivated: editor.save()
    }

    EmptyState {
        objectName: "editorEmptyState"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacing, 560)
        visible: !editor.ready && !editor.loading
        title: qsTr("No checklist open")
        text: editor.errorText.length > 0 ? editor.errorText
                                          : qsTr("Pick a checklist to edit its steps, or start a new one.")
        actionText: qsTr("Start a new checklist")
        onActionTriggered: newDialog.open()
    }

    BusyIndicator {
        objectName: "editorBusy"
        anchors.centerIn: parent
        running: editor.loading
        visible: running
        z: 10
        Accessible.name: qsTr("Loading the checklist")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        visible: editor.ready
        enabled: !editor.loading

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                text: editor.title
                font.pixelSize: Theme.headingSize
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
                Accessible.role: Accessible.Heading
            }
            Tag {
                text: editor.version > 0 ? qsTr("version %1").arg(editor.version) : qsTr("not saved yet")
            }
            Tag {
                visible: editor.dirty
                tone: Theme.warning
                text: qsTr("unsaved changes")
            }
            Button {
                objectName: "editorHosts"
                text: qsTr("Production hosts (%1)…").arg(editor.productionHosts.length)
                Accessible.name: qsTr("Edit the production hosts of this checklist")
                onClicked: hostsDialog.open()
            }
            Button {
                objectName: "editorVersions"
                text: qsTr("Versions…")
                enabled: editor.versions.length > 0
                Accessible.name: qsTr("Show the versions of this checklist")
                onClicked: versionsPopup.open()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Button {
                objectName: "editorAddStep"
                text: qsTr("Add step")
                Accessible.name: qsTr("Add a step below the selected one")
                onClicked: root.addStep()
            }
            Button {
                objectName: "editorRemoveStep"
                text: qsTr("Remove")
                enabled: stepList.currentIndex >= 0
                Accessible.name: qsTr("Remove the selected step")
                onClicked: root.removeCurrent()
            }
            Button {
                objectName: "editorMoveUp"
                text: qsTr("Move up")
                enabled: stepList.currentIndex > 0
                Accessible.name: qsTr("Move the selected step up")
                onClicked: root.moveCurrent(-1)
            }
            Button {
                objectName: "editorMoveDown"
                text: qsTr("Move down")
                enabled: stepList.currentIndex >= 0 && stepList.currentIndex < editor.count - 1
                Accessible.name: qsTr("Move the selected step down")
                onClicked: root.moveCurrent(1)
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "editorExport"
                text: qsTr("Export…")
                enabled: editor.version > 0
                Accessible.name: qsTr("Export the saved version to a file")
                onClicked: exportDialog.open()
            }
            Button {
                objectName: "editorSave"
                text: qsTr("Save as new version")
                highlighted: true
                enabled: editor.dirty && !Session.busy
                Accessible.name: qsTr("Save the steps as a new version")
                onClicked: editor.save()
            }
        }

        RowLayout {
            objectName: "editorUndoBar"
            Layout.fillWidth: true
            visible: editor.removedTitle.length > 0
            Label {
                text: qsTr("Removed “%1”.").arg(editor.removedTitle)
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Button {
                id: undoButton
                objectName: "editorUndo"
                text: qsTr("Undo")
                Accessible.name: qsTr("Undo removing “%1”").arg(editor.removedTitle)
                onClicked: {
                    editor.undoRemove()
                    stepList.forceActiveFocus()
                }
            }
        }

        Label {
            objectName: "editorError"
            Layout.fillWidth: true
            visible: editor.errorText.length > 0
            text: editor.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            Card {
                // Two fifths of the editor, so that the form keeps its room at 1024 px.
                Layout.preferredWidth: Math.min(340, Math.round(root.width * 0.4))
                Layout.fillHeight: true
                padding: 0
                ListView {
                    id: stepList
                    objectName: "editorStepList"
                    anchors.fill: parent
                    clip: true
                    model: editor
                    activeFocusOnTab: true
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Steps")
                    highlight: Rectangle { color: Theme.primary; opacity: stepList.activeFocus ? 0.25 : 0.12 }
                    Keys.onDeletePressed: root.removeCurrent()
                    Keys.onReturnPressed: stepForm.focusTitle()
                    Keys.onEnterPressed: stepForm.focusTitle()
                    Keys.onPressed: event => {
                        if (event.modifiers & Qt.AltModifier && event.key === Qt.Key_Up) {
                            root.moveCurrent(-1)
                            event.accepted = true
                        } else if (event.modifiers & Qt.AltModifier && event.key === Qt.Key_Down) {
                            root.moveCurrent(1)
                            event.accepted = true
                        }
                    }
                    delegate: ItemDelegate {
                        id: stepRow
                        required property int index
                        required property string title
                        required property string section
                        required property string problem
                        required property bool required
                        required property bool signoff
                        width: ListView.view.width
                        focusPolicy: Qt.NoFocus
                        highlighted: ListView.isCurrentItem
                        // Text on the selected row reads in the selection's text colour.
                        palette.windowText: highlighted ? Appearance.colors.highlightedText : Appearance.colors.windowText
                        Accessible.name: stepRow.problem.length > 0 ? qsTr("%1: %2").arg(stepRow.title).arg(stepRow.problem) : stepRow.title
                        onClicked: {
                            root.select(stepRow.index)
                            stepList.forceActiveFocus()
                        }
                        contentItem: RowLayout {
                            spacing: 6
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 0
                                Label { text: stepRow.title; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                                Label { text: stepRow.section; visible: text.length > 0; opacity: 0.7; font.pixelSize: 12; elide: Text.ElideRight; Layout.fillWidth: true }
                            }
                            Tag { visible: stepRow.problem.length > 0; tone: Theme.danger; text: qsTr("fix"); inverted: stepRow.highlighted }
                            Tag { visible: stepRow.required; text: qsTr("required"); inverted: stepRow.highlighted }
                            Tag { visible: stepRow.signoff; tone: Theme.accent; text: qsTr("sign-off"); inverted: stepRow.highlighted }
                        }
                    }
                }
            }

            ChecklistStepForm {
                id: stepForm
                Layout.fillWidth: true
                Layout.fillHeight: true
                editor: root.model
                row: stepList.currentIndex
                current: root.current
            }
        }
    }

    Popup {
        id: versionsPopup
        anchors.centerIn: parent
        modal: true
        padding: 20
        ColumnLayout {
            spacing: 6
            Label { text: qsTr("Versions of %1").arg(editor.checklistId); font.bold: true }
            // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
            // delegate when its model changes; a positioner in the cell holds them.
            Column {
                Layout.fillWidth: true
                spacing: 8
                Repeater {
                    model: editor.versions
                    Label {
                        required property var modelData
                        text: qsTr("Version %1 · %2 · by %3").arg(modelData.version)
                            .arg(Qt.formatDateTime(modelData.importedAt, Qt.DefaultLocaleShortDate))
                            .arg(modelData.importedBy || qsTr("unknown"))
                    }
                }
            }
            Button {
                text: qsTr("Close")
                Layout.alignment: Qt.AlignRight
                Accessible.name: text
                onClicked: versionsPopup.close()
            }
        }
    }

    Dialog {
        id: hostsDialog
        objectName: "editorHostsDialog"
        title: qsTr("Production hosts of %1").arg(editor.title)
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacing, 520)
        modal: true
        footer: DialogButtonBox {
            Button {
                objectName: "editorHostsClose"
                text: qsTr("Close")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
                Accessible.name: qsTr("Close the production hosts")
            }
        }
        onOpened: {
            hostError.text = ""
            newHost.forceActiveFocus()
        }
        function addHost() {
            const refusal = editor.addProductionHost(newHost.text)
            hostError.text = refusal
            if (refusal.length === 0)
                newHost.clear()
            newHost.forceActiveFocus()
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                text: qsTr("Sandbox credentials may never name these hosts; a checklist that does is refused. Changes are saved with the steps, as a new version.")
                wrapMode: Text.Wrap
                opacity: 0.8
                Layout.fillWidth: true
            }
            Label {
                objectName: "editorHostsEmpty"
                visible: editor.productionHosts.length === 0
                text: qsTr("No production hosts yet. Add the database and server names hires must not reach from the sandbox.")
                wrapMode: Text.Wrap
                font.italic: true
                Layout.fillWidth: true
            }
            // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
            // delegate when its model changes; a positioner in the cell holds them.
            Column {
                Layout.fillWidth: true
                Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
                spacing: 6
                Repeater {
                    objectName: "editorHostList"
                    model: editor.productionHosts
                    RowLayout {
                        required property string modelData
                        required property int index
                        width: parent ? parent.width : 0
                        Label {
                            text: modelData
                            font.family: "monospace"
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                        }
                        Button {
                            objectName: "editorRemoveHost-" + index
                            text: qsTr("Remove")
                            enabled: !editor.loading
                            Accessible.name: qsTr("Remove production host %1").arg(modelData)
                            onClicked: {
                                editor.removeProductionHost(index)
                                newHost.forceActiveFocus()
                            }
                        }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: newHost
                    objectName: "editorNewHost"
                    placeholderText: qsTr("db.prod.example.com or *.prod.example.com")
                    Layout.fillWidth: true
                    Accessible.name: qsTr("New production host or glob")
                    Keys.onReturnPressed: hostsDialog.addHost()
                    Keys.onEnterPressed: hostsDialog.addHost()
                }
                Button {
                    objectName: "editorAddHost"
                    text: qsTr("Add")
                    enabled: newHost.text.trim().length > 0 && !editor.loading
                    Accessible.name: qsTr("Add the production host")
                    onClicked: hostsDialog.addHost()
                }
            }
            Label {
                id: hostError
                objectName: "editorHostError"
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }
    }

    FileDialog {
        id: exportDialog
        fileMode: FileDialog.SaveFile
        defaultSuffix: "yaml"
        nameFilters: [qsTr("Checklists (*.yaml *.yml)")]
        onAccepted: editor.exportTo(selectedFile)
    }

    Dialog {
        id: newDialog
        objectName: "editorNewDialog"
        title: qsTr("Start a new checklist")
        anchors.centerIn: parent
        modal: true
        footer: DialogButtonBox {
            Button {
                objectName: "editorNewOk"
                text: qsTr("Start")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
                Accessible.name: qsTr("Start the new checklist")
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
                Accessible.name: text
            }
        }
        onOpened: newTitle.forceActiveFocus()
        onAccepted: {
            if (editor.startNew(newId.text, newTitle.text))
                root.addStep()
        }
        ColumnLayout {
            spacing: 8
            TextField {
                id: newTitle
                objectName: "editorNewTitle"
                Layout.preferredWidth: 360
                placeholderText: qsTr("Title, e.g. Backend onboarding")
                Accessible.name: qsTr("Checklist title")
                onAccepted: newDialog.accept()
            }
            TextField {
                id: newId
                objectName: "editorNewId"
                Layout.preferredWidth: 360
                placeholderText: qsTr("Id, e.g. backend-onboarding")
                Accessible.name: qsTr("Checklist id")
                onAccepted: newDialog.accept()
            }
        }
    }
}
