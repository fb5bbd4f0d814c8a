import QtQuick
import QtQuick.Controls

// The field above a list that filters it. Escape clears what it holds; with
// nothing left to clear, Escape goes on to whatever takes it otherwise.
TextField {
    id: field

    Keys.onEscapePressed: event => {
        event.accepted = field.text.length > 0
        if (event.accepted)
            field.clear()
    }
}
