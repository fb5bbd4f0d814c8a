import QtQuick
import QtTest
import Onramp

// Every tone of the Theme is used as text (tags, errors, states): each must
// read at 4.5:1 or more on the card background, in light and in dark.
TestCase {
    name: "Theme"

    function cleanupTestCase() {
        Appearance.mode = "system"
    }

    function test_tonesAreReadable_data() {
        return [{ tag: "light", mode: "light" }, { tag: "dark", mode: "dark" }]
    }

    function test_tonesAreReadable(data) {
        Appearance.mode = data.mode
        compare(Theme.dark, data.mode === "dark")
        const base = Appearance.colors.base
        for (const tone of ["primary", "accent", "success", "warning", "danger"]) {
            const ratio = Appearance.contrast(Theme[tone], base)
            verify(ratio >= 4.5, data.mode + " " + tone + " on base: " + ratio.toFixed(2) + ":1")
        }
        // White text on the selection and on notices.
        for (const surface of ["highlight", "noticeSurface", "dangerSurface"]) {
            const ratio = Appearance.contrast("white", Theme[surface])
            verify(ratio >= 4.5, data.mode + " white on " + surface + ": " + ratio.toFixed(2) + ":1")
        }
    }

    // Secondary text (descriptions, metadata, done steps) stands on the page,
    // on cards, on alternate rows and in the header bar; on a selected row it
    // takes the selected tone. Body text needs 4.5:1 on each.
    function test_secondaryTextIsReadable_data() {
        return [{ tag: "light", mode: "light" }, { tag: "dark", mode: "dark" }]
    }

    function test_secondaryTextIsReadable(data) {
        Appearance.mode = data.mode
        const surfaces = {
            "window": Appearance.colors.window,
            "base": Appearance.colors.base,
            "alternateBase": Appearance.colors.alternateBase,
            "button": Appearance.colors.button
        }
        for (const name in surfaces) {
            const ratio = Appearance.contrast(Theme.secondaryText, surfaces[name])
            verify(ratio >= 4.5, data.mode + " secondaryText on " + name + ": " + ratio.toFixed(2) + ":1")
        }
        const selected = Appearance.contrast(Theme.selectedSecondaryText, Theme.highlight)
        verify(selected >= 4.5, data.mode + " selectedSecondaryText on highlight: " + selected.toFixed(2) + ":1")
    }

    // The keyboard's ring (around a focused button, row or tab) and a
    // popup's frame are no text, but must stand out at 3:1 or more from
    // every surface they are drawn on: the window, a card, an alternate row,
    // a button's face.
    function test_focusRingAndFrameStandOut_data() {
        return [{ tag: "light", mode: "light" }, { tag: "dark", mode: "dark" }]
    }

    function test_focusRingAndFrameStandOut(data) {
        Appearance.mode = data.mode
        const surfaces = {
            "window": Appearance.colors.window,
            "base": Appearance.colors.base,
            "alternateBase": Appearance.colors.alternateBase,
            "button": Appearance.colors.button
        }
        for (const tone of ["focusRing", "frame"]) {
            for (const name in surfaces) {
                const ratio = Appearance.contrast(Theme[tone], surfaces[name])
                verify(ratio >= 3, data.mode + " " + tone + " on " + name + ": " + ratio.toFixed(2) + ":1")
            }
        }
    }

    function test_anUnknownModeIsIgnored() {
        Appearance.mode = "dark"
        Appearance.mode = "sepia"
        compare(Appearance.mode, "dark")
        verify(Theme.dark)
    }
}
