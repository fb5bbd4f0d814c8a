pragma Singleton
import QtQuick
import Onramp

// Colours, spacing and type sizes shared by every page. Each tone is used as
// text and reaches at least 4.5:1 against the card background (palette.base)
// in its appearance, light or dark; Appearance follows the system or the
// person's setting.
QtObject {
    readonly property bool dark: Appearance.dark
    readonly property color primary: dark ? "#7cc4f5" : "#1f5f8b"
    readonly property color accent: dark ? "#4fd1c5" : "#1f7a70"
    readonly property color success: dark ? "#81c784" : "#2e7d32"
    readonly property color warning: dark ? "#ffb74d" : "#8a5300"
    readonly property color danger: dark ? "#ff8a80" : "#c62828"
    // The selection: white text on it reads at 4.5:1 or more.
    readonly property color highlight: dark ? "#2b6ea8" : "#1f5f8b"
    // The surfaces of notices, with white text on them.
    readonly property color noticeSurface: dark ? "#3a4652" : "#2d3a45"
    readonly property color dangerSurface: dark ? "#b3261e" : "#c62828"
    // Secondary text (descriptions, metadata) on a page, a card or an
    // alternate row, and on a selected row; both read at 4.5:1 or more.
    readonly property color secondaryText: dark ? "#adb2b6" : "#5f5f5f"
    readonly property color selectedSecondaryText: dark ? "#f4f8fb" : "#dde7ee"
    // Spacing between controls: small inside a row, medium between the lines
    // of a card, large between groups, and spacing between cards.
    readonly property int smallSpacing: 4
    readonly property int mediumSpacing: 8
    readonly property int largeSpacing: 12
    readonly property int spacing: 16
    readonly property int radius: 10
    // The widest a page's content grows, centred in a wider window, so that
    // the parts of a row stay together.
    readonly property int maxContentWidth: 1120
    // The frame of a popup, and the mark of the keyboard focus on a row or a
    // tab: both stand out from the window and the card (3:1 or more).
    readonly property color frame: dark ? "#8a939b" : "#767676"
    readonly property color focusRing: dark ? "#7cc4f5" : "#1f5f8b"
    // The dim behind a dialog (ModalLook): the page under it loses half its
    // light, so that the dialog, framed in `frame`, clearly sits above it.
    readonly property color modalDim: dark ? Qt.rgba(0, 0, 0, 0.55) : Qt.rgba(0, 0, 0, 0.5)
    // A row or tab under the pointer: a faint tint of the text colour, well
    // short of the selection and with no edge, so that it never reads as the
    // focus ring (about 1.1:1 on a card or the window).
    readonly property color hoverTint: dark ? Qt.rgba(1, 1, 1, 0.06) : Qt.rgba(0, 0, 0, 0.04)
    // A selected row that keeps its own text colours: every tone above
    // still reads at 4.5:1 on it.
    readonly property color selectedRow: dark ? "#22394d" : "#edf4fa"
    // The room inside a popup or a dialog, between its frame and its content.
    readonly property int popupPadding: 20
    readonly property int pageMargin: 32
    readonly property int titleSize: 28
    readonly property int headingSize: 18
    readonly property int smallSize: 12

    // The tone of a credential's state, the same on every page: readable in
    // success; locked behind the gate or waiting for IT's secret in warning
    // (nothing went wrong, it is not there yet); run out or revoked in danger.
    function credentialTone(readable: bool, locked: bool, awaitingSecret: bool): color {
        return readable ? success : locked || awaitingSecret ? warning : danger
    }
}
