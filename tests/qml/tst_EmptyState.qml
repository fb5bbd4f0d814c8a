import QtQuick
import QtTest
import Onramp

// EmptyState: shows its texts, hides an action it was not given, and reports
// a click or a key press on the action.
TestCase {
    id: testCase
    name: "EmptyState"
    when: windowShown
    visible: true
    width: 600
    height: 400

    Component {
        id: emptyComponent
        EmptyState {}
    }

    SignalSpy {
        id: spy
        signalName: "actionTriggered"
    }

    function test_actionHiddenWithoutText() {
        const state = createTemporaryObject(emptyComponent, testCase, { title: "Nothing yet" })
        verify(state)
        const action = findChild(state, "emptyStateAction")
        verify(action)
        compare(action.visible, false)
    }

    function test_clickTriggersAction_data() {
        return [
            { tag: "mouse", useKeyboard: false },
            { tag: "keyboard", useKeyboard: true }
        ]
    }

    function test_clickTriggersAction(data) {
        const state = createTemporaryObject(emptyComponent, testCase,
                                            { title: "No vault", text: "Create one", actionText: "Create" })
        spy.target = state
        spy.clear()
        const action = findChild(state, "emptyStateAction")
        compare(action.visible, true)
        compare(action.Accessible.name, "Create")
        waitForRendering(state)
        if (data.useKeyboard) {
            action.forceActiveFocus()
            keyClick(Qt.Key_Space)
        } else {
            mouseClick(action)
        }
        compare(spy.count, 1)
    }
}
