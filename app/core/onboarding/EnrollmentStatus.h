#pragma once

#include "checklist/Checklist.h"
#include "gate/Gate.h"

#include "people/Person.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace onramp {

/// One step of an enrollment as every screen and command shows it.
struct StepView {
    Step step;
    QDate due; ///< invalid when the step has no due day
    bool overdue = false;
    bool done = false;
    QDateTime doneAt;
    QString note;
    bool approved = false; ///< approved with a signature that verifies
    bool rejected = false; ///< the latest review rejected it
    QString reviewComment;
    QString reviewer;
    QDateTime reviewedAt; ///< when the latest review was given; invalid without one

    /// Done, and waiting for the mentor: a sign-off step not approved yet.
    bool awaitingReview() const { return done && step.signoff && !approved; }
};

/// An enrollment's whole state: who, which checklist, every step, the gate's decision.
struct EnrollmentStatus {
    qint64 enrollmentId = 0;
    Person hire;
    Person mentor;
    QString checklistId;
    QString checklistTitle;
    int checklistVersion = 0;
    int latestChecklistVersion = 0;
    QDate start;
    QList<StepView> steps;
    QString signedOffBy; ///< the mentor whose valid sign-off is on record, if any
    QDateTime signedOffAt;
    Decision decision;

    int doneCount() const;
    /// The share of steps done, from 0 to 1 (0 for a checklist without steps).
    double progress() const { return steps.isEmpty() ? 0.0 : double(doneCount()) / double(steps.size()); }
    /// The steps waiting for the mentor (StepView::awaitingReview()).
    int awaitingReviewCount() const;
    /// Locked unless the gate allows production access.
    bool locked() const { return !decision.allowed; }
    /// Why the mentor cannot sign off yet: the messages of the gate's reasons
    /// other than the missing sign-off itself.
    QStringList beforeSignoff() const;
    /// Locked for want of the mentor's sign-off alone: the sign-off may be given.
    bool readyForSignoff() const { return locked() && beforeSignoff().isEmpty(); }
    /// {"hire", "checklist", "version", "mentor", "start", "locked", "reasons": [{code, step, message}],
    ///  "steps": [{"id", "title", "section", "required", "signoff", "due", "overdue", "done", "approved", ...}]}
    QJsonObject toJson() const;
};

} // namespace onramp
