#pragma once

#include "Error.h"
#include "TeamAccess.h"
#include "TeamGrants.h"
#include "checklist/Checklist.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/EnrollmentStatus.h"
#include "onboarding/Enrollments.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <functional>

namespace onramp::server {

struct SignedIn;

// Checklists and enrollments on a team server (schema 6). A checklist
// version or an enrollment is vouched for by the signed audit entry that
// made it (checklist.import, enrollment.create), which the server requires
// in the same transaction (onramp.require_record_entry) and every desk
// checks before it shows the row: the entry must hold in the log the desk
// verified (readCheckedLog()) and name exactly what the row holds. The
// rules that do not depend on the store are the folder vault's
// (onboarding/OnboardingRules.h).

/// `checklist import` as the signed-in \a admin: a new version of \a
/// checklist unless it equals the latest (the version, and its entry naming
/// the id, version, title and the SHA-256 of the stored YAML, in one
/// transaction). NotPermitted for anyone but an admin. A version that
/// weakens the latest one (ChecklistStore::weakenings) is refused with
/// \a weaker Refuse, each weakening in out->weakens; an accepted one names
/// them in its entry. A version that breaks a rule of the stored versions
/// (onboarding::checkAgainstEarlier: a production credential made sandbox, a
/// production host in a sandbox credential; ChecklistStore::checkSourceWall:
/// a credential naming a connection or group one of the other environment
/// names) is refused, naming where \a locate (when given) says the
/// credential is in the file.
Error importChecklist(SignedIn& admin, const Checklist& checklist, ImportOutcome* out,
                      WeakerVersion weaker = WeakerVersion::Accept,
                      const std::function<QString(const QString& credentialId)>& locate = {});

/// `enroll` as the signed-in \a admin: \a hire (an enabled hire) on the
/// latest version of \a checklistId with \a mentor (an enabled mentor),
/// starting \a start, with its enrollment.create entry. NotPermitted for
/// anyone but an admin; InvalidInput naming what is wrong, changing nothing.
Error enroll(SignedIn& admin, const QString& hire, const QString& checklistId, const QString& mentor,
             const QDate& start);

/// `enrollment move` as the signed-in \a admin: moves \a hire's enrollment
/// to \a checklistId (empty: the one they are on) at \a version (0: its
/// latest), by a folder vault's rules (Enrollments::moveTo): refused when
/// they are on it already, and, with \a weaker Refuse, when it weakens the
/// gate (each weakening in out->weakens). Every live grant of the
/// enrollment ends as revoked, and the reviews and sign-off given before
/// count for nothing after it, with the admin's signed enrollment.move
/// entry naming the marks, in one transaction. Step records of steps the
/// new version lacks stay on the server and count for nothing.
Error moveEnrollment(SignedIn& admin, const QString& hire, const QString& checklistId, int version,
                     WeakerVersion weaker, const QDateTime& now, MoveOutcome* out);

/// `status` as \a reader (the hire, their mentor or an admin) for \a hire
/// as of \a now: the enrollment, its checklist version and the hire's step
/// records, each checked against its signed entry in the log this desk
/// verified, then the mentor's reviews and sign-off, each as its signed
/// entry (step.approve, step.reject, signoff) says, counted by the rules a
/// folder vault counts them by (onboarding::statusOf): only the
/// enrollment's mentor's, and none from before the latest enrollment.move.
/// A step record, review, sign-off or grant that only a set-aside entry
/// (docs/SECURITY.md) vouches for is read as absent; a row no entry
/// vouches for at all is ErrorKind::Damaged naming the server.
Error enrollmentStatus(SignedIn& reader, const QString& hire, const QDateTime& now, EnrollmentStatus* out);

/// What enrollmentStatus() checked on the way: the enrollment's checklist
/// version and its grant rows, each as its signed entry vouches for it.
struct CheckedEnrollment {
    Checklist checklist;
    QList<ServerGrant> grants;
    /// The log as this desk checked it for the status (readCheckedLog()).
    QList<ServerAuditEntry> entries;
};

/// Whether enrollmentStatus() reads the status of a hire the server lets
/// sign in with a key or role the log did not give them (Unvouched):
/// refused (ErrorKind::Damaged, unvouchedError()) for whatever shows their
/// records or seals to their key; read to end what they hold (a grant's
/// revocation seals nothing to anyone).
enum class UnvouchedHire { Refused, Read };

/// enrollmentStatus(), and what it checked in \a checked.
Error enrollmentStatus(SignedIn& reader, const QString& hire, const QDateTime& now, EnrollmentStatus* out,
                       CheckedEnrollment* checked, UnvouchedHire unvouchedHire = UnvouchedHire::Refused);

/// `step done` as the signed-in \a me, who must be \a hire: marks \a stepId
/// of their enrollment done at \a now with \a note, with their signed
/// `step.done` entry naming the enrollment, the step, the time and the
/// note. NotPermitted for anyone else; InvalidInput for a step the
/// checklist version does not have or one already done.
Error markStepDone(SignedIn& me, const QString& hire, const QString& stepId, const QString& note, const QDateTime& now);

/// `step undo` as the signed-in \a me, who must be \a hire: deletes their
/// record of \a stepId, with their signed `step.undo` entry naming the
/// enrollment, the step and the time; the step is open again. NotPermitted
/// for anyone else, and for a step the mentor approved (as a folder vault's);
/// InvalidInput for a step that is not done.
Error undoStep(SignedIn& me, const QString& hire, const QString& stepId, const QDateTime& now);

/// `step approve` or `step reject` as the signed-in \a me, who must be \a
/// hire's mentor: a review of \a stepId (a done step that needs review) on
/// the enrollment's version, with \a comment, at \a now, and the mentor's
/// signed entry naming the enrollment, step, version, comment and time; a
/// rejection also deletes the step's record (the step is open again).
/// NotPermitted for anyone else; InvalidInput as a folder vault's.
Error reviewStep(SignedIn& me, const QString& hire, const QString& stepId, bool approve, const QString& comment,
                 const QDateTime& now);

/// `signoff` as the signed-in \a me, \a hire's mentor: the final sign-off
/// of the enrollment's checklist version (its entry names the SHA-256 of the
/// version's content) once nothing but the sign-off keeps the gate closed.
/// NotPermitted for anyone else or before then; InvalidInput when it is
/// signed off already (also for the second of two desks racing); Damaged
/// when a sign-off or grant that only a set-aside entry vouches for holds
/// the place of this one.
Error signOff(SignedIn& me, const QString& hire, const QDateTime& now);

} // namespace onramp::server
