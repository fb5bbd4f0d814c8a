import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// A date typed as YYYY-MM-DD or picked from a month calendar. In the
// calendar the arrow keys move by a day or a week, Page Up and Page Down by
// a month, Enter picks, Escape closes without a change.
RowLayout {
    id: field

    // The names of the parts, for tests and tools: NAME, NAMEPick, NAMECalendar.
    required property string name
    // What the field says it holds, for screen readers.
    required property string label
    // The day the calendar opens on when the field holds no valid date, as YYYY-MM-DD.
    property string fallback: ""
    property alias text: input.text
    property alias placeholderText: input.placeholderText

    // The day shown in the calendar while it is open.
    property int year: 2000
    property int month: 0 // 0 = January, as MonthGrid counts
    property int day: 1

    signal accepted

    function parts(text) {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
        return m ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])] : null
    }
    function show(date) {
        field.year = date.getFullYear()
        field.month = date.getMonth()
        field.day = date.getDate()
    }
    function moveDays(days) {
        field.show(new Date(field.year, field.month, field.day + days))
    }
    function moveMonths(months) {
        const first = new Date(field.year, field.month + months, 1)
        const last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate()
        field.show(new Date(first.getFullYear(), first.getMonth(), Math.min(field.day, last)))
    }
    function pad(n) {
        return (n < 10 ? "0" : "") + n
    }
    function pickDay(year, month, day) {
        field.show(new Date(year, month, day))
        field.pick()
    }
    function pick() {
        input.text = field.year + "-" + field.pad(field.month + 1) + "-" + field.pad(field.day)
        calendar.close()
    }
    // parts() of \a text when it names a month that exists (a day past its
    // end, such as 2026-02-30, still names the month); null otherwise.
    function monthParts(text) {
        const p = field.parts(text)
        return p && p[1] >= 0 && p[1] <= 11 && p[2] >= 1 && p[2] <= 31 ? p : null
    }
    function openCalendar() {
        // A typed text that is no date (2026-13-45) moves the calendar nowhere:
        // it opens where it would on an empty field.
        const p = field.monthParts(input.text) ?? field.monthParts(field.fallback)
        if (p) {
            const d = new Date(p[0], p[1], p[2])
            // 2026-02-30 is not a day: start from the first of that month.
            field.show(d.getMonth() === p[1] ? d : new Date(p[0], p[1], 1))
        } else {
            field.show(new Date())
        }
        calendar.open()
    }

    spacing: 4
    TextField {
        id: input
        objectName: field.name
        Layout.fillWidth: true
        Accessible.name: field.label
        onAccepted: field.accepted()
    }
    Button {
        objectName: field.name + "Pick"
        text: qsTr("Pick…")
        Accessible.name: qsTr("Pick the %1 from a calendar").arg(field.label.toLowerCase())
        onClicked: field.openCalendar()
    }
    Popup {
        id: calendar
        parent: input
        y: input.height + 4
        modal: true
        focus: true
        padding: Theme.spacing
        onOpened: keys.forceActiveFocus()
        onClosed: input.forceActiveFocus()
        // The popup takes the size of its one item.
        FocusScope {
            id: keys
            objectName: field.name + "Calendar"
            implicitWidth: Math.max(grid.implicitWidth, 300) // room for the names of the days
            implicitHeight: column.implicitHeight
            activeFocusOnTab: true
            Accessible.role: Accessible.Table
            Accessible.name: qsTr("Calendar: %1").arg(Formats.sentenceDate(new Date(field.year, field.month, field.day)))
            Keys.onPressed: event => {
                switch (event.key) {
                case Qt.Key_Left: field.moveDays(-1); break
                case Qt.Key_Right: field.moveDays(1); break
                case Qt.Key_Up: field.moveDays(-7); break
                case Qt.Key_Down: field.moveDays(7); break
                case Qt.Key_PageUp: field.moveMonths(-1); break
                case Qt.Key_PageDown: field.moveMonths(1); break
                case Qt.Key_Return:
                case Qt.Key_Enter:
                case Qt.Key_Space: field.pick(); break
                default: return
                }
                event.accepted = true
            }
            ColumnLayout {
                id: column
                anchors.fill: parent
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        text: "‹"
                        flat: true
                        focusPolicy: Qt.NoFocus
                        Accessible.name: qsTr("Previous month")
                        onClicked: field.moveMonths(-1)
                    }
                    Label {
                        textFormat: Text.PlainText
                        // Appearance.localeName, not Qt.locale() alone: a binding to it follows a switch of language.
                        text: new Date(field.year, field.month, 1).toLocaleDateString(Qt.locale(Appearance.localeName), "MMMM yyyy")
                        font.bold: true
                        horizontalAlignment: Text.AlignHCenter
                        Layout.fillWidth: true
                    }
                    Button {
                        text: "›"
                        flat: true
                        focusPolicy: Qt.NoFocus
                        Accessible.name: qsTr("Next month")
                        onClicked: field.moveMonths(1)
                    }
                }
                DayOfWeekRow {
                    locale: Qt.locale(Appearance.localeName) // qmllint disable
                    Layout.fillWidth: true
                }
                MonthGrid {
                    id: grid
                    year: field.year
                    month: field.month
                    locale: Qt.locale(Appearance.localeName) // qmllint disable
                    Layout.fillWidth: true
                    // MonthGrid gives its delegates context properties, not required ones.
                    delegate: Label {
                        textFormat: Text.PlainText
                        id: cell
                        readonly property int day: model.day // qmllint disable unqualified
                        readonly property int month: model.month // qmllint disable unqualified
                        readonly property int year: model.year // qmllint disable unqualified
                        readonly property bool chosen: cell.month === field.month && cell.day === field.day // qmllint disable unqualified
                        text: cell.day
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        padding: 4
                        opacity: cell.month === field.month ? 1 : 0.5 // qmllint disable unqualified
                        color: cell.chosen ? Appearance.colors.highlightedText : palette.windowText
                        background: Rectangle {
                            visible: cell.chosen
                            radius: 4
                            color: Theme.primary
                        }
                        TapHandler {
                            onTapped: field.pickDay(cell.year, cell.month, cell.day) // qmllint disable unqualified
                        }
                    }
                }
            }
        }
    }
}
