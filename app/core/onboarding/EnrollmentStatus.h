#pragma once

#include "checklist/Checklist.h"
#include "gate/Gate.h"

#include "people/Person.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace onramp {

/// Where one step stands, computed once from its records; every screen and
/// command shows this and nothing else.
enum class StepStatus {
    Open, ///< not done, never sent back
    Done, ///< done; the step needs no review
    WaitingForReview, ///< done, the mentor has not reviewed it yet
    Approved, ///< done and approved with a signature that verifies
    SentBack, ///< the mentor asked for changes; open again
    Resubmitted, ///< sent back, redone, and waiting for review again
};

/// The stable spelling of \a status for `--json` and scripts ("open",
/// "done", "waiting-for-review", "approved", "sent-back", "resubmitted").
QString stepStatusKey(StepStatus status);

/// One step of an enrollment as every screen and command shows it.
struct StepView {
    Step step;
    QDate due; ///< invalid when the step has no due day
    /// past its due day and not done; never for a disabled hire, nor for an
    /// optional step once the sign-off holds (it is then pastDue alone)
    bool overdue = false;
    bool pastDue = false; ///< past its due day and not done, late for something or not
    bool done = false;
    QDateTime doneAt;
    QString note;
    bool approved = false; ///< approved with a signature that verifies
    bool rejected = false; ///< the latest review rejected it
    QString reviewComment;
    QString reviewer; ///< the reviewer's sign-in name
    QString reviewerDisplayName; ///< the reviewer's name for people
    QDateTime reviewedAt; ///< when the latest review was given; invalid without one
    /// Waiting for review again because the enrollment moved to another
    /// version of its checklist: the earlier version on which the mentor had
    /// approved the step; 0 otherwise.
    int approvedOnVersion = 0;
    /// Done, and approved before the latest move (or on an earlier version)
    /// on the record as it stands, whatever its review since: the wait for
    /// the review that counts now began with the move, not when it was done.
    bool approvalEndedByMove = false;
    /// Sent back before the latest move, and still so: the mentor's request
    /// for changes was their last word before it, and it carried over.
    bool sentBackBeforeMove = false;
    /// The version the latest move (within the checklist) left, when that
    /// version had this step with another title or text, and those; 0 and
    /// empty otherwise. Enrollments::status() fills them for one enrollment;
    /// lists leave them out.
    int changedFromVersion = 0;
    QString titleBefore;
    QString bodyBefore;

    /// The one state of this step, from done, approved and rejected.
    StepStatus status() const;
    /// Done, and waiting for the mentor: a sign-off step not approved yet
    /// (WaitingForReview or Resubmitted).
    bool awaitingReview() const
    {
        const StepStatus s = status();
        return s == StepStatus::WaitingForReview || s == StepStatus::Resubmitted;
    }
    /// Counts as done: done and needing no review (Done), or approved. A step
    /// waiting for review is not finished yet.
    bool finished() const
    {
        const StepStatus s = status();
        return s == StepStatus::Done || s == StepStatus::Approved;
    }
};

/// Where a hire's production access stands, computed once from the gate's
/// decision and the production grants; every screen, the report, its CSV
/// and the hire's summary show this and nothing else.
enum class ProductionAccess {
    Locked, ///< the gate is closed
    Unlocked, ///< signed off, and no revocation has since ended every production grant
    Revoked, ///< signed off, but every production grant since ended, the latest by a revocation
};

/// The stable spelling of \a access for `--json`, the CSV and scripts
/// ("locked", "granted", "revoked").
QString productionAccessKey(ProductionAccess access);

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
    QString signedOffByDisplayName; ///< that mentor's name for people
    QDateTime signedOffAt;
    /// Signed off, and every production grant since ended, the latest by a
    /// revocation: when, and by whom. Invalid while a grant stands (a
    /// renewal gives one back), or while locked.
    QDateTime revokedAt;
    QString revokedBy;
    QString revokedByDisplayName;
    /// Signed off and not revoked, but every production grant has run out
    /// (the mentor renews one to give access back): for the lists, which
    /// then say "expired" as the hire's page does.
    bool productionExpired = false;
    /// The latest move to another version or checklist, from its signed
    /// entry: when, by whom, and from where; movedAt is invalid without one.
    QDateTime movedAt;
    QString movedBy;
    QString movedByDisplayName;
    int movedFromVersion = 0;
    QString movedFromChecklist; ///< empty for a move within the checklist
    /// A valid sign-off was on record before the latest move, which ended it
    /// (a sign-off counts for the enrollment as it stood when given): one
    /// given on the version that move left, not one an earlier move ended.
    bool signoffEndedByMove = false;
    /// When that ended sign-off was given; invalid without one.
    QDateTime signoffEndedAt;
    Decision decision;

    /// The steps finished (StepView::finished()): the one count of "done"
    /// every screen, the report and the command line show.
    int doneCount() const;
    /// The share of steps finished, from 0 to 1 (0 for a checklist without steps).
    double progress() const { return steps.isEmpty() ? 0.0 : double(doneCount()) / double(steps.size()); }
    /// The steps waiting for the mentor (StepView::awaitingReview()).
    int awaitingReviewCount() const;
    /// When the wait for \a step's review that counts now began: when it
    /// was done, or the latest move when that move ended its approval.
    QDateTime reviewWaitSince(const StepView& step) const;
    /// When production access was first signed off as far as the records
    /// tell: the sign-off on record, or the one the latest move ended.
    /// Invalid when neither was given.
    QDateTime firstSignoffAt() const;
    /// Locked unless the gate allows production access.
    bool locked() const { return !decision.allowed; }
    /// Locked, unlocked, or signed off with access since revoked.
    ProductionAccess production() const
    {
        return locked()           ? ProductionAccess::Locked
            : revokedAt.isValid() ? ProductionAccess::Revoked
                                  : ProductionAccess::Unlocked;
    }
    /// Production access stands now: signed off and not revoked since.
    bool hasAccess() const { return production() == ProductionAccess::Unlocked; }
    /// Where production access stands, in the key every screen colours by:
    /// "locked", "revoked", "expired" (signed off, every grant run out) or
    /// "unlocked".
    QString accessKey() const;
    /// Why the mentor cannot sign off yet: the messages of the gate's reasons
    /// other than the missing sign-off itself.
    QStringList beforeSignoff() const;
    /// The gate's reasons other than the missing sign-off itself, whose
    /// messages beforeSignoff() gives.
    QList<Reason> reasonsBeforeSignoff() const;
    /// Why the hire may not undo \a step once production access is signed
    /// off (the sign-off was given on the records as they stand), translated.
    QString undoRefusedAfterSignoff(const StepView& step) const;
    /// Locked for want of the mentor's sign-off alone: the sign-off may be given.
    bool readyForSignoff() const { return locked() && beforeSignoff().isEmpty(); }
    /// {"hire", "checklist", "version", "mentor", "start", "locked", "production" (productionAccessKey()),
    ///  "revoked_by", "revoked_at" (when revoked), "reasons": [{code, step, message}],
    ///  "steps": [{"id", "title", "section", "required", "signoff", "due", "overdue", "done", "approved", ...,
    ///   "changed_from": {"version", "title", "body"} for a step the latest move changed}]}
    QJsonObject toJson() const;
};

} // namespace onramp
