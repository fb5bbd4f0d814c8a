import QtQuick
import QtTest
import Onramp

// ChecklistEditor without a vault: the empty state, starting a checklist
// from the keyboard, the tab order of the form, Delete with Undo, and a
// refusal that names the step.
TestCase {
    id: testCase
    name: "ChecklistEditor"
    when: windowShown
    visible: true
    width: 1000
    height: 700

    Component {
        id: editorComponent
        ChecklistEditor { anchors.fill: parent }
    }

    SignalSpy {
        id: notices
        signalName: "notified"
    }

    SignalSpy {
        id: windowNotices
        target: Session
        signalName: "notice"
    }

    function makeEditor() {
        const editor = createTemporaryObject(editorComponent, testCase)
        verify(editor)
        notices.target = editor
        notices.clear()
        windowNotices.clear()
        waitForRendering(editor)
        return editor
    }

    function typeText(text) {
        for (const c of text)
            keyClick(c)
    }

    // A new checklist with the given step titles, without the dialog.
    function makeStarted(titles) {
        const editor = makeEditor()
        verify(editor.model.startNew("qml-test", "QML test"))
        for (let i = 0; i < titles.length; ++i) {
            const row = editor.model.addStep()
            verify(editor.model.setValue(row, "title", titles[i]))
        }
        editor.select(0)
        waitForRendering(editor)
        return editor
    }

    function test_emptyStateWithoutAChecklist() {
        const editor = makeEditor()
        const empty = findChild(editor, "editorEmptyState")
        verify(empty.visible)
        compare(findChild(editor, "editorSave").visible, false)
        compare(findChild(editor, "editorBusy").visible, false)
    }

    function test_everyControlHasAnAccessibleName() {
        const editor = makeStarted(["One"])
        const names = ["editorAddStep", "editorRemoveStep", "editorMoveUp", "editorMoveDown", "editorSave",
                       "editorExport", "editorVersions", "editorHosts", "editorStepList", "editorTitle", "editorStepId",
                       "editorSection", "editorBody", "editorDue", "editorRequired", "editorSignoff"]
        for (const name of names) {
            const control = findChild(editor, name)
            verify(control, name)
            verify(control.Accessible.name.length > 0, name)
        }
    }

    function test_startANewChecklistFromTheKeyboard() {
        const editor = makeEditor()
        const action = findChild(findChild(editor, "editorEmptyState"), "emptyStateAction")
        action.forceActiveFocus()
        keyClick(Qt.Key_Space)
        const dialog = findChild(editor, "editorNewDialog")
        tryCompare(dialog, "opened", true)
        compare(findChild(dialog.footer, "editorNewOk").Accessible.name, "Start the new checklist")
        tryVerify(() => findChild(editor, "editorNewTitle").activeFocus)
        typeText("Week one")
        keyClick(Qt.Key_Tab)
        verify(findChild(editor, "editorNewId").activeFocus)
        // The id follows the title.
        compare(findChild(editor, "editorNewId").text, "week-one")
        keyClick(Qt.Key_Return)
        tryCompare(dialog, "visible", false)
        verify(editor.model.ready)
        compare(editor.model.checklistId, "week-one")
        compare(editor.model.title, "Week one")
        compare(editor.model.count, 1)
        // The first step is selected and its title is ready to be typed over.
        tryVerify(() => findChild(editor, "editorTitle").activeFocus)
        typeText("Hello")
        compare(editor.model.get(0).title, "Hello")
        compare(editor.model.get(0).stepId, "hello")
    }

    function test_productionHostsFromTheKeyboard() {
        const editor = makeStarted(["One"])
        const button = findChild(editor, "editorHosts")
        compare(button.text, "Production hosts (0)…")
        button.forceActiveFocus()
        keyClick(Qt.Key_Space)
        const dialog = findChild(editor, "editorHostsDialog")
        tryCompare(dialog, "opened", true)
        verify(findChild(editor, "editorHostsEmpty").visible)
        tryVerify(() => findChild(editor, "editorNewHost").activeFocus)
        typeText("*.prod.example.com")
        keyClick(Qt.Key_Return)
        compare(editor.model.productionHosts, ["*.prod.example.com"])
        compare(findChild(editor, "editorNewHost").text, "")
        verify(!findChild(editor, "editorHostsEmpty").visible)
        // A refusal names what was typed and keeps it for correcting.
        typeText("http://x")
        keyClick(Qt.Key_Return)
        const error = findChild(editor, "editorHostError")
        verify(error.visible)
        verify(error.text.indexOf("'http://x'") >= 0, error.text)
        compare(findChild(editor, "editorNewHost").text, "http://x")
        compare(editor.model.productionHosts, ["*.prod.example.com"])
        const remove = findChild(findChild(editor, "editorHostList").itemAt(0), "editorRemoveHost-0")
        remove.forceActiveFocus()
        keyClick(Qt.Key_Space)
        tryCompare(editor.model, "productionHosts", [])
        verify(findChild(dialog.footer, "editorHostsClose").Accessible.name.length > 0)
        keyClick(Qt.Key_Escape)
        tryCompare(dialog, "visible", false)
        compare(button.text, "Production hosts (0)…")
    }

    function test_tabWalksTheForm() {
        const editor = makeStarted(["One"])
        findChild(editor, "editorTitle").forceActiveFocus()
        // Larger… is no stop between Section and Body: a space typed for the body would press it.
        const order = ["editorStepId", "editorSection", "editorBody", "editorDue"]
        for (const name of order) {
            keyClick(Qt.Key_Tab)
            tryVerify(() => findChild(editor, name).activeFocus || findChild(editor, name).contentItem.activeFocus, 5000, name)
        }
        verify(!findChild(editor, "editorBodyLarger").activeFocus)
    }

    function test_deleteRemovesAndUndoRestores() {
        const editor = makeStarted(["One", "Two", "Three"])
        const list = findChild(editor, "editorStepList")
        list.forceActiveFocus()
        keyClick(Qt.Key_Down)
        compare(editor.currentRow, 1)
        keyClick(Qt.Key_Delete)
        compare(editor.model.count, 2)
        compare(editor.model.removedTitle, "Two")
        const undo = findChild(editor, "editorUndo")
        tryVerify(() => undo.activeFocus)
        keyClick(Qt.Key_Space)
        compare(editor.model.count, 3)
        compare(editor.model.get(1).title, "Two")
    }

    function test_altArrowsReorder() {
        const editor = makeStarted(["One", "Two"])
        findChild(editor, "editorStepList").forceActiveFocus()
        keyClick(Qt.Key_Down, Qt.AltModifier)
        compare(editor.model.get(1).title, "One")
        compare(editor.currentRow, 1)
    }

    function test_anEmptyTitleIsShownAndRefused() {
        const editor = makeStarted(["One", "Two"])
        editor.select(1)
        const title = findChild(editor, "editorTitle")
        title.forceActiveFocus()
        title.selectAll()
        keyClick(Qt.Key_Backspace)
        const problem = findChild(editor, "editorProblem")
        tryVerify(() => problem.visible)
        verify(problem.text.indexOf("Step 2") === 0, problem.text)
        editor.model.save()
        // The refusal shows once, in the editor, and is not also sent to the
        // window's notice.
        const error = findChild(editor, "editorError")
        tryVerify(() => error.visible)
        verify(error.text.indexOf("has no title") > 0, error.text)
        compare(notices.count, 0)
        compare(windowNotices.count, 0)
    }
}
