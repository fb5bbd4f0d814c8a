import QtQuick
import Onramp

// Asking for changes sends a step back to the hire, who redoes it and
// resubmits it: asked first, as an approval is, naming the step and the
// hire and showing the comment that goes with it. ask() opens it;
// accepted() means send it back.
StepQuestion {
    id: dialog
    objectName: "sendBackDialog"
    key: "sendBack"

    property string hireName
    property string stepTitle

    function ask(hireName: string, stepTitle: string, comment: string) {
        dialog.hireName = hireName
        dialog.stepTitle = stepTitle
        dialog.comment = comment.trim()
        dialog.open()
    }

    title: qsTr("Ask for changes?")
    question: qsTr("Send “%1” back to %2? They redo it and resubmit it for your review; until then it does not count towards their production access.")
              .arg(dialog.stepTitle).arg(dialog.hireName)
    commentHeading: qsTr("Your comment, sent with it:")
    confirmText: qsTr("Ask for changes")
}
