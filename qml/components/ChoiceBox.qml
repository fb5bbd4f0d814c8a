import QtQuick
import QtQuick.Controls

// A combo box that shows the entry whose value (valueRole) is `value`, also
// after its list is made again, as a change of language does: the index
// follows the value, not the position the list had.
ComboBox {
    id: box

    // The value of the entry to show; the box shows nothing for a value it does not list.
    property var value

    // The row of `value` in `model`: read from the model itself, so that it is
    // right the moment a new list arrives (indexOfValue() reads the delegates,
    // which follow later).
    function rowOf(list, wanted) {
        if (!list || list.length === undefined)
            return box.indexOfValue(wanted)
        for (let i = 0; i < list.length; ++i) {
            const entry = list[i]
            const v = (box.valueRole && entry !== null && typeof entry === "object") ? entry[box.valueRole] : entry
            if (v === wanted)
                return i
        }
        return -1
    }

    currentIndex: box.rowOf(box.model, box.value)
}
