pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Onramp

// The admin's Checklists tab: importing a checklist file or starting a new
// checklist, the checklists in the vault, and the editor for the one picked.
// Opening another checklist, or starting one, asks before unsaved edits go.
ColumnLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    // The \a key of a row that a list's get(row) returned; "" when it has none.
    function valueOf(row, key) {
        return row[key] ?? ""
    }

    // Runs \a action (which replaces what the editor holds) at once, or once
    // the admin agrees to drop the unsaved edits.
    function unlessUnsaved(action) {
        if (!editor.model.dirty) {
            action()
            return
        }
        discardDialog.pending = action
        discardDialog.open()
    }
    // Opens checklist \a id in the editor.
    function open(id) {
        if (id !== editor.checklistId)
            tab.unlessUnsaved(() => { editor.checklistId = id })
    }
    // The first checklist opens by itself when there is none open yet.
    function openFirst() {
        if (editor.checklistId.length === 0 && tab.admin.checklists.count > 0)
            editor.checklistId = tab.valueOf(tab.admin.checklists.get(0), "checklistId")
    }

    // An import runs: its outcome goes to the status line under the file's field.
    property bool importing: false
    // Edits not saved as a version yet: kept on this desktop, and marked on the tab.
    readonly property bool unsaved: editor.model.dirty
    function startImport() {
        if (importPath.text.length === 0 || Session.busy)
            return
        tab.importing = true
        importStatus.failed = false
        importStatus.text = ""
        tab.admin.importChecklist(importPath.text.startsWith("file:") ? importPath.text : "file://" + importPath.text)
    }

    spacing: Theme.spacing
    Component.onCompleted: tab.openFirst()
    // What the import did, said under the field: the field empties for the
    // next file once it is in; a refused file stays in it, the reason beside.
    Connections {
        target: tab.admin
        enabled: tab.importing
        function onDone(message: string) {
            tab.importing = false
            importPath.clear()
            importStatus.failed = false
            importStatus.text = message
        }
        function onError(message: string) {
            tab.importing = false
            importStatus.failed = true
            importStatus.text = message
            importPath.forceActiveFocus()
        }
    }
    // A file that weakens the gate of the version before is imported only
    // once the admin has read how and says so.
    Connections {
        target: tab.admin
        function onWeakerChecklist(file: url, title: string, version: int, weakens: list<string>) {
            tab.importing = false
            weakerDialog.fromEditor = false
            weakerDialog.file = file
            weakerDialog.checklistTitle = title
            weakerDialog.version = version
            weakerDialog.weakens = weakens
            weakerDialog.open()
        }
    }
    // A save in the editor makes what the last import said out of date.
    Connections {
        target: editor.model
        function onDone() { importStatus.text = "" }
    }
    Connections {
        target: tab.admin.checklists
        function onCountChanged() { tab.openFirst() }
    }
    // An imported checklist opens at once, picked in the list.
    Connections {
        target: tab.admin
        function onImported(checklistId: string) {
            tab.unlessUnsaved(() => {
                editor.checklistId = checklistId
                for (let row = 0; row < tab.admin.checklists.count; ++row) {
                    if (tab.valueOf(tab.admin.checklists.get(row), "checklistId") === checklistId) {
                        checklistList.currentIndex = row
                        checklistList.positionViewAtIndex(row, ListView.Contain)
                    }
                }
            })
        }
    }

    RowLayout {
        Layout.fillWidth: true
        Button {
            objectName: "newChecklistButton"
            text: qsTr("New checklist…")
            Accessible.name: qsTr("Start a new checklist in the editor")
            onClicked: tab.unlessUnsaved(() => editor.startNewChecklist())
        }
        TextField {
            id: importPath
            objectName: "importPath"
            placeholderText: qsTr("Path of a checklist file (.yaml, .json or .md)")
            Layout.fillWidth: true
            Accessible.name: qsTr("Checklist file")
            onAccepted: tab.startImport()
            // A new path makes the last outcome old news.
            onTextEdited: importStatus.text = ""
        }
        Button {
            text: qsTr("Browse…")
            Accessible.name: qsTr("Browse for a checklist file")
            onClicked: fileDialog.open()
        }
        Button {
            id: importButton
            objectName: "importButton"
            text: qsTr("Import")
            highlighted: true
            enabled: !Session.busy && importPath.text.length > 0
            Accessible.name: qsTr("Import the checklist")
            onClicked: tab.startImport()
        }
    }
    Label {
        id: importStatus
        objectName: "checklistImportStatus"
        // Whether it tells of a file that was not imported.
        property bool failed: false
        Layout.fillWidth: true
        Layout.topMargin: -Theme.mediumSpacing
        visible: text.length > 0
        textFormat: Text.PlainText
        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
        maximumLineCount: 4
        elide: Text.ElideRight
        color: failed ? Theme.danger : palette.windowText
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
        // A long list of problems: the first lines here, all of them on hover.
        HoverHandler { id: importStatusHover }
        ToolTip.visible: importStatusHover.hovered && importStatus.truncated
        ToolTip.text: importStatus.text
    }
    FileDialog {
        id: fileDialog
        nameFilters: [qsTr("Checklists (*.yaml *.yml *.json *.md)")]
        onAccepted: {
            importPath.text = String(fileDialog.selectedFile).replace("file://", "")
            importStatus.text = ""
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.spacing
        Card {
            // About 30% of the row, at most 340 px; the editor takes the rest. The
            // shares are fixed numbers, not the tab's width, which a hidden tab
            // takes from what it holds.
            Layout.fillWidth: true
            Layout.preferredWidth: 30
            Layout.maximumWidth: 340
            Layout.fillHeight: true
            padding: 0
            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 24
                visible: tab.admin.checklists.count === 0
                title: qsTr("No checklists yet")
                text: qsTr("Import a checklist file: YAML, JSON, or a Markdown onboarding issue with '- [ ] step' lines. Or start a new one.")
            }
            KeyboardList {
                id: checklistList
                objectName: "checklistList"
                anchors.fill: parent
                clip: true
                model: tab.admin.checklists
                // One Tab stop, a row ringed at once: the arrow keys move the current row, drawn as picked
                // while the list has the focus; Enter or Space opens the checklist under it.
                Keys.onReturnPressed: tab.open(tab.valueOf(tab.admin.checklists.get(currentIndex), "checklistId"))
                Keys.onEnterPressed: tab.open(tab.valueOf(tab.admin.checklists.get(currentIndex), "checklistId"))
                Keys.onSpacePressed: tab.open(tab.valueOf(tab.admin.checklists.get(currentIndex), "checklistId"))
                Accessible.name: qsTr("Checklists")
                delegate: SelectableRow {
                    id: checklistRow
                    required property int index
                    required property string checklistId
                    required property string title
                    required property int version
                    required property int steps
                    required property int credentials
                    objectName: "checklist-" + checklistId
                    highlighted: checklistRow.checklistId === editor.checklistId || (checklistRow.ListView.isCurrentItem && checklistList.activeFocus)
                    Accessible.name: qsTr("%1, version %2").arg(title).arg(version)
                    onClicked: {
                        checklistList.currentIndex = checklistRow.index
                        tab.open(checklistRow.checklistId)
                    }
                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Label { textFormat: Text.PlainText; text: checklistRow.title; font.bold: true; Layout.fillWidth: true; wrapMode: Text.Wrap }
                            Tag { text: qsTr("v%1").arg(checklistRow.version); inverted: checklistRow.highlighted; Layout.alignment: Qt.AlignTop }
                        }
                        Label {
                            textFormat: Text.PlainText
                            text: qsTr("%1 · %2 · %3").arg(checklistRow.checklistId).arg(qsTr("%n step(s)", "", checklistRow.steps))
                                  .arg(qsTr("%n credential(s)", "", checklistRow.credentials))
                            color: checklistRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        ChecklistEditor {
            id: editor
            objectName: "checklistEditor"
            checklists: tab.admin.checklists
            Layout.fillWidth: true
            Layout.preferredWidth: 70
            Layout.fillHeight: true
            onNotified: message => Session.notify(message, false)
            onDiscardRequested: tab.unlessUnsaved(() => editor.model.reloadLatest())
            // Edits that weaken the gate are saved only once the admin has read how.
            onWeakerSave: (version, weakens) => {
                weakerDialog.fromEditor = true
                weakerDialog.checklistTitle = editor.model.title
                weakerDialog.version = version
                weakerDialog.weakens = weakens
                weakerDialog.open()
            }
        }
    }
    Dialog {
        id: weakerDialog
        objectName: "weakerDialog"
        property url file
        property string checklistTitle
        property int version: 0
        property list<string> weakens
        // Whether it asks about the editor's edits rather than a file to import.
        property bool fromEditor: false
        title: weakerDialog.fromEditor ? qsTr("These changes weaken the gate") : qsTr("This file weakens the gate")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(560, parent.width - 2 * Theme.spacing)
        focus: true
        // Not importing is the safe answer: it has the focus.
        onOpened: weakerCancel.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
        contentItem: ColumnLayout {
            // The popup itself is no item of the window: its content is, by this name.
            objectName: "weakerDialogText"
            spacing: Theme.spacing / 2
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                text: (weakerDialog.fromEditor ? qsTr("Compared with version %1 of “%2”, these changes:")
                                               : qsTr("Compared with version %1 of “%2”, this file:"))
                      .arg(weakerDialog.version).arg(weakerDialog.checklistTitle)
                Accessible.name: text
            }
            BulletList {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                items: weakerDialog.weakens
                itemName: "weakening"
            }
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                text: weakerDialog.fromEditor
                      ? qsTr("Save them only if you meant these changes; the audit log will name them.")
                      : qsTr("A checklist file in a shared folder may have been changed by someone else. Import it only if you meant these changes; the audit log will name them.")
                Accessible.name: text
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "weakerImport"
                text: weakerDialog.fromEditor ? qsTr("Save anyway") : qsTr("Import anyway")
                DialogButtonBox.buttonRole: Dialog.DestructiveRole
                Accessible.name: text
                onClicked: {
                    weakerDialog.close()
                    if (weakerDialog.fromEditor) {
                        editor.saveNow(true)
                        return
                    }
                    tab.importing = true
                    tab.admin.importChecklist(weakerDialog.file, true)
                }
            }
            Button {
                id: weakerCancel
                objectName: "weakerCancel"
                text: weakerDialog.fromEditor ? qsTr("Don't save") : qsTr("Don't import")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onRejected: {
            if (weakerDialog.fromEditor) {
                editor.forceActiveFocus()
                return
            }
            importStatus.failed = true
            importStatus.text = qsTr("Nothing was imported: the file weakens the gate of version %1.").arg(weakerDialog.version)
            importPath.forceActiveFocus()
        }
    }
    Dialog {
        id: discardDialog
        objectName: "discardDialog"
        // What to do once the admin agrees.
        property var pending: null
        title: qsTr("Discard unsaved changes?")
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: 440
        focus: true
        // What discarding would lose, read when it opens, in the text a screen reader reads.
        property var changes: []
        onAboutToShow: discardDialog.changes = editor.model.unsavedChanges()
        onOpened: contentItem.forceActiveFocus()
        contentItem: Label {
            objectName: "discardText"
            textFormat: Text.PlainText
            text: qsTr("“%1” has changes that are not saved as a version. Keep editing to save them first, or discard them.").arg(editor.model.title)
                  + discardDialog.changes.map(change => "\n• " + change).join("")
            wrapMode: Text.Wrap
            focus: true
            Accessible.name: text
        }
        footer: DialogButtonBox {
            Button {
                objectName: "discardConfirm"
                text: qsTr("Discard changes")
                DialogButtonBox.buttonRole: Dialog.DestructiveRole
                Accessible.name: text
                onClicked: {
                    const action = discardDialog.pending
                    discardDialog.pending = null
                    discardDialog.close()
                    if (action)
                        action()
                }
            }
            Button {
                objectName: "discardCancel"
                text: qsTr("Keep editing")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onRejected: discardDialog.pending = null
    }
}
