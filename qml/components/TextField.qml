import QtQuick
import QtQuick.Controls as Controls
import Onramp

// Every text field of a file that imports Onramp after QtQuick.Controls is
// this one: Fusion draws a field's edge from the window colour, which fades
// into the card (under 3:1 in light, almost nothing in dark). Its edge here
// stands out at 3:1 or more in both, and turns into the focus ring when the
// field has the keyboard focus.
// A screen reader names it by the label shown with it (or, with none, by its
// placeholder, which is then its label), so that the name it speaks is the
// text on screen; the placeholder beside a label is its description.
// Qt 6.4 marks a passphrase field as one (so that a screen reader does not
// speak what is typed) once a screen reader runs, and then gives it no name
// at all: the app fills that name in from accessibleLabel
// (PassphraseFieldNames.h).
Controls.TextField {
    id: field
    // The Label shown above the field, which names it.
    property Controls.Label label: null
    readonly property string accessibleLabel: field.label ? field.label.text : field.placeholderText
    Accessible.name: field.accessibleLabel
    // More a screen reader says with the field, after its placeholder: a
    // notice shown beside it that bears on what is typed there.
    property string description: ""
    readonly property string accessibleHint: {
        const placeholder = field.label ? field.placeholderText : ""
        return placeholder.length > 0 && field.description.length > 0 ? placeholder + " " + field.description
                                                                      : placeholder + field.description
    }
    Accessible.description: field.accessibleHint
    // Qt sets the description to the placeholder when a screen reader starts after the field
    // was made, which would say a placeholder that names the field twice: it is set again.
    Accessible.onDescriptionChanged: {
        if (Accessible.description !== field.accessibleHint)
            Accessible.description = field.accessibleHint
    }
    onAccessibleHintChanged: Accessible.description = field.accessibleHint
    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 24
        radius: 2
        color: field.palette.base
        border.width: field.activeFocus ? 2 : 1
        border.color: field.activeFocus ? Theme.focusRing : Theme.frame
        opacity: field.enabled ? 1 : 0.6
    }
}
