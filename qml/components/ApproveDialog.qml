import QtQuick
import Onramp

// Approving counts towards production access: every way to approve asks
// first, naming the step and the hire, with the hire's notes not answered
// yet. ask() opens it; accepted() means approve what it names.
StepQuestion {
    id: dialog
    objectName: "approveDialog"
    key: "approve"

    property string hire
    property string hireName
    property string stepId
    property string stepTitle

    function ask(hire: string, hireName: string, stepId: string, stepTitle: string, notes, comment) {
        dialog.hire = hire
        dialog.hireName = hireName
        dialog.stepId = stepId
        dialog.stepTitle = stepTitle
        dialog.notes = notes ?? []
        dialog.comment = (comment ?? "").trim()
        dialog.open()
    }

    title: qsTr("Approve this step?")
    question: qsTr("Approve “%1” for %2? Approved steps count towards their production access.")
              .arg(dialog.stepTitle).arg(dialog.hireName)
    // The approval is the answer to them: they stop waiting for one once it is given.
    notesHeading: qsTr("%1's notes on it, not answered yet; approving answers them:").arg(dialog.hireName)
    commentHeading: qsTr("Your comment, sent with the approval:")
    confirmText: qsTr("Approve")
}
