import QtQuick
import QtTest
import Onramp

// GateStatus shows every reason while locked, none once unlocked, and says
// which it is to screen readers.
TestCase {
    id: testCase
    name: "GateStatus"
    when: windowShown
    visible: true
    width: 600
    height: 400

    Component {
        id: gateComponent
        GateStatus { width: 500 }
    }

    function reasonLabels(item) {
        const found = []
        const walk = node => {
            for (let i = 0; i < node.children.length; ++i) {
                const child = node.children[i]
                if (child.text !== undefined && String(child.text).startsWith("• ") && child.visible)
                    found.push(child.text)
                walk(child)
            }
        }
        walk(item)
        return found
    }

    function test_lockedListsEveryReason_data() {
        return [
            { tag: "one", reasons: ["step a is not done yet"] },
            { tag: "three", reasons: ["step a is not done yet", "approval pending", "no sign-off yet"] }
        ]
    }

    function test_lockedListsEveryReason(data) {
        const gate = createTemporaryObject(gateComponent, testCase, { locked: true, reasons: data.reasons })
        waitForRendering(gate)
        compare(findChild(gate, "gateTitle").text, "Production access: locked")
        compare(reasonLabels(gate).length, data.reasons.length)
        compare(gate.Accessible.name, "Production access locked")
    }

    function test_unlockedShowsWhoSignedOff() {
        const gate = createTemporaryObject(gateComponent, testCase,
                                           { locked: false, reasons: ["stale"], signedOffBy: "maya" })
        waitForRendering(gate)
        compare(findChild(gate, "gateTitle").text, "Production access: unlocked")
        compare(reasonLabels(gate).length, 0)
        compare(gate.Accessible.name, "Production access unlocked")
    }

    function test_unlockedWaitingForASecretSaysSo() {
        const gate = createTemporaryObject(gateComponent, testCase,
                                           { locked: false, signedOffBy: "maya", waitingForSecret: true })
        waitForRendering(gate)
        compare(findChild(gate, "gateTitle").text, "Production access: signed off — waiting for IT to add the secret")
        verify(findChild(gate, "gateWaiting").visible)
        compare(gate.Accessible.name, "Production access signed off, waiting for IT to add the secret")
    }
}
