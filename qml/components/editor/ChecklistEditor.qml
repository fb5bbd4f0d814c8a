import QtQuick
import QtQuick.Controls
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
    // (The revision is read in the expression, not as a statement of its own,
    // which the compiled binding would drop along with the dependency.)
    readonly property var current: editor.revision >= 0 ? editor.get(stepList.currentIndex) : ({})
    readonly property bool editable: editor.ready && !editor.loading
    // The checklists in the vault, whose ids a new one may not take; null when unknown.
    property ChecklistListModel checklists: null

    // A confirmation (saved, exported) for the window's notice; the page
    // passes it on. Refusals are not notified: they stay in the editor, above
    // the steps (or in the empty state), until the next action succeeds.
    signal notified(string message)
    // The edits weaken the gate of version \a version in the ways \a weakens
    // says; nothing was saved. The page asks, then calls saveNow(true).
    signal weakerSave(int version, var weakens)
    // The admin asked to drop the edits and go back to the saved version: the page asks first.
    signal discardRequested()
    // The step selected when a save began, by id: selected again once the
    // saved version is in (the rows are read anew).
    property string keptStep: ""

    // Opens the dialog that starts a new checklist, replacing what the editor
    // holds: the page asks about unsaved edits first.
    function startNewChecklist() {
        newDialog.open()
    }
    // Saves; a sandbox credential that seems to reach production is shown
    // first (hostWarningDialog), and saved only once the admin says so.
    function save() {
        if (editor.credentialWarnings().length > 0) {
            hostWarningDialog.open()
            return
        }
        root.saveNow()
    }
    // \a acceptWeaker: the admin has read how the edits weaken the gate and saves anyway.
    function saveNow(acceptWeaker) {
        root.keptStep = root.current.stepId ?? ""
        editor.save(acceptWeaker === true)
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
        onDone: message => root.notified(message)
        onLoadedChanged: {
            const kept = editor.rowOf(root.keptStep)
            root.keptStep = ""
            stepList.currentIndex = kept >= 0 ? kept : editor.count > 0 ? 0 : -1
        }
        onError: root.keptStep = ""
        onWeakerSave: (version, weakens) => {
            root.keptStep = ""
            root.weakerSave(version, weakens)
        }
        onNewerVersion: latest => {
            root.keptStep = ""
            newerDialog.latest = latest
            newerDialog.open()
        }
    }

    Shortcut {
        sequence: "Ctrl+S" // StandardKey.Save, which qmllint 6.4 cannot resolve
        enabled: root.visible && root.editable && editor.dirty
        onActivated: root.save()
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
        onActionTriggered: root.startNewChecklist() // nothing is open, so no edits to lose
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

        // The title on a line of its own, wrapped: a long one is read whole.
        Label {
            textFormat: Text.PlainText
            id: heading
            objectName: "editorHeading"
            text: editor.title
            font.pixelSize: Theme.headingSize
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            Layout.fillWidth: true
            Accessible.role: Accessible.Heading
            Accessible.name: editor.title
            HoverHandler { id: headingHover }
            ToolTip.visible: heading.truncated && headingHover.hovered
            ToolTip.text: editor.title
        }
        // The buttons first, so that they stay in place whatever the tags say.
        // A Flow: in a longer language, or a narrow window, what does not fit
        // goes on a second row instead of past the edge.
        Flow {
            objectName: "editorChecklistButtons"
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
            Button {
                objectName: "editorHosts"
                text: qsTr("Production hosts (%1)…").arg(editor.productionHosts.length)
                Accessible.name: qsTr("Edit the production hosts of this checklist")
                onClicked: hostsDialog.open()
            }
            Button {
                objectName: "editorCredentials"
                text: qsTr("Credentials (%1)…").arg(editor.credentialCount)
                Accessible.name: qsTr("Edit the credentials of this checklist")
                onClicked: credentialsDialog.open()
            }
            Button {
                id: versionsButton
                objectName: "editorVersions"
                text: qsTr("Versions (%1)…").arg(editor.versions.count)
                enabled: editor.versions.count > 0
                Accessible.name: qsTr("Show the versions of this checklist")
                onClicked: versionsPopup.open()
            }
            // The tags, centred on the buttons' row.
            Row {
                spacing: Theme.mediumSpacing
                height: versionsButton.height
                Tag {
                    anchors.verticalCenter: parent.verticalCenter
                    text: editor.version > 0 ? qsTr("version %1").arg(editor.version) : qsTr("not saved yet")
                }
                Tag {
                    objectName: "editorUnsaved"
                    anchors.verticalCenter: parent.verticalCenter
                    visible: editor.dirty
                    tone: Theme.warning
                    text: qsTr("unsaved changes")
                }
            }
        }

        Flow {
            objectName: "editorStepButtons"
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
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
            // While edits are kept, Discard… takes Export…'s place (which exports the saved
            // version, not the edits): the row keeps its width at 1024 px. Edits kept since
            // another visit are dropped here too, not only by opening another checklist.
            Button {
                objectName: "editorDiscard"
                text: qsTr("Discard…")
                visible: editor.dirty && editor.version > 0
                enabled: !Session.busy
                Accessible.name: qsTr("Discard the changes not saved, back to version %1").arg(editor.version)
                ToolTip.visible: hovered
                ToolTip.text: Accessible.name
                onClicked: root.discardRequested()
            }
            Button {
                id: editorExportButton
                objectName: "editorExport"
                text: qsTr("Export…")
                visible: !(editor.dirty && editor.version > 0)
                enabled: editor.version > 0
                Accessible.name: qsTr("Export the saved version to a file")
                onClicked: exportDialog.openForSaved()
            }
            Button {
                objectName: "editorSave"
                text: qsTr("Save as new version")
                highlighted: true
                enabled: editor.dirty && !Session.busy
                Accessible.name: qsTr("Save the steps as a new version")
                onClicked: root.save()
            }
        }

        RowLayout {
            objectName: "editorUndoBar"
            Layout.fillWidth: true
            visible: editor.removedTitle.length > 0
            Label {
                textFormat: Text.PlainText
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
            textFormat: Text.PlainText
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
                // Two fifths of the editor, so that the form keeps its room at 1024 px,
                // and never so narrow that the titles and tags are cut.
                Layout.preferredWidth: Math.min(340, Math.round(root.width * 0.4))
                Layout.minimumWidth: 240
                Layout.fillHeight: true
                padding: 0
                ChecklistStepList {
                    id: stepList
                    anchors.fill: parent
                    model: editor
                    onRowClicked: row => {
                        root.select(row)
                        stepList.forceActiveFocus()
                    }
                    onRemoveRequested: root.removeCurrent()
                    onEditRequested: stepForm.focusTitle()
                    onMoveRequested: delta => root.moveCurrent(delta)
                }
            }

            ChecklistStepForm {
                id: stepForm
                objectName: "editorStepForm"
                Layout.fillWidth: true
                Layout.fillHeight: true
                editor: root.model
                row: stepList.currentIndex
                current: root.current
            }
        }
    }

    ChecklistVersionsPopup {
        id: versionsPopup
        editor: root.model
        checklists: root.checklists
    }

    ChecklistHostsDialog {
        id: hostsDialog
        editor: root.model
    }

    ChecklistCredentialsDialog {
        id: credentialsDialog
        editor: root.model
    }

    // Before a save: the sandbox credentials whose host looks like
    // production. The focus starts on the hosts, the safe way on; Save
    // anyway is a click of its own.
    Dialog {
        id: hostWarningDialog
        objectName: "editorHostWarningDialog"
        // The warnings, fixed when it opens.
        property var warnings: []
        title: qsTr("A sandbox credential may reach production")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(520, parent.width - 2 * Theme.pageMargin)
        focus: true
        onAboutToShow: hostWarningDialog.warnings = editor.credentialWarnings()
        onOpened: hostWarningHosts.forceActiveFocus()
        contentItem: Label {
            objectName: "editorHostWarningText"
            text: hostWarningDialog.warnings.join("\n\n")
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }
        footer: DialogButtonBox {
            Button {
                id: hostWarningHosts
                objectName: "editorHostWarningHosts"
                text: qsTr("Production hosts…")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: qsTr("Edit the production hosts instead of saving")
                Keys.onReturnPressed: hostWarningDialog.reject()
                Keys.onEnterPressed: hostWarningDialog.reject()
            }
            Button {
                objectName: "editorHostWarningSave"
                text: qsTr("Save anyway")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Save with the sandbox credential as it is")
            }
        }
        onAccepted: root.saveNow()
        onRejected: hostsDialog.open()
    }

    // A save refused because another version was saved meanwhile: the
    // edits stay in view (the reason above the steps) unless the admin
    // reloads the latest version, which drops them.
    Dialog {
        id: newerDialog
        objectName: "editorNewerDialog"
        property int latest: 0
        title: qsTr("A newer version exists")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(520, parent.width - 2 * Theme.pageMargin)
        focus: true
        // Keeping the edits is the safe answer: it has the focus.
        onOpened: newerKeep.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
        contentItem: Label {
            objectName: "editorNewerText"
            text: editor.errorText
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Accessible.name: text
        }
        footer: DialogButtonBox {
            Button {
                objectName: "editorNewerReload"
                text: qsTr("Reload version %1").arg(newerDialog.latest)
                DialogButtonBox.buttonRole: Dialog.DestructiveRole
                Accessible.name: qsTr("Reload version %1; the changes made here are lost").arg(newerDialog.latest)
                onClicked: {
                    newerDialog.close()
                    editor.reloadLatest()
                }
            }
            // The edits carried over: stored as the next version, over the
            // one saved meanwhile, which stays in the history.
            Button {
                objectName: "editorNewerSaveOver"
                text: qsTr("Save mine as version %1").arg(newerDialog.latest + 1)
                DialogButtonBox.buttonRole: Dialog.ApplyRole
                Accessible.name: qsTr("Save my changes as version %1, over version %2, which stays in the history").arg(newerDialog.latest + 1).arg(newerDialog.latest)
                onClicked: {
                    newerDialog.close()
                    editor.saveOver(newerDialog.latest)
                    root.save()
                }
            }
            Button {
                id: newerKeep
                objectName: "editorNewerKeep"
                text: qsTr("Keep my changes in view")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
                Keys.onReturnPressed: newerDialog.reject()
                Keys.onEnterPressed: newerDialog.reject()
            }
        }
    }

    SaveFileDialog {
        id: exportDialog
        objectName: "editorExportDialog"
        host: root
        opener: editorExportButton
        title: qsTr("Export the checklist")
        defaultSuffix: "yaml"
        nameFilters: [qsTr("Checklists (*.yaml *.yml)")]
        acceptLabel: qsTr("Export")
        onChosen: file => editor.exportTo(file)
        // Opens in the documents folder (or home) with the checklist's id and version as the name.
        function openForSaved() {
            currentFolder = Session.exportFolder()
            selectedFile = editor.exportFileSuggestion()
            open()
        }
    }

    NewChecklistDialog {
        id: newDialog
        editor: root.model
        checklists: root.checklists
        onStarted: root.addStep()
    }
}
