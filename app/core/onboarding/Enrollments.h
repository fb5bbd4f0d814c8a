#pragma once

#include "ChecklistStore.h"
#include "EnrollmentStatus.h"

#include "Clock.h"
#include "Error.h"

#include <QDate>
#include <QJsonObject>
#include <QSet>
#include <QVariantList>

#include <functional>

namespace onramp {

class Vault;
struct StoredChecklist;

/// What a move of an enrollment did or, refused, would have done.
struct MoveOutcome {
    QString fromChecklist; ///< the checklist id the enrollment was on
    QString fromChecklistTitle;
    int fromVersion = 0;
    QString checklist; ///< the checklist id it moves to
    QString checklistTitle;
    int version = 0;
    /// How the version moved to weakens the gate of the one moved from
    /// (ChecklistStore::weakenings), whether the move was made or refused.
    QStringList weakens;
};

/// Enrollments, step records, mentor reviews and the final sign-off, acting as
/// the person who unlocked the vault. Every rule lives here; the command line
/// and the app only call these functions and show their errors.
class Enrollments
{
public:
    explicit Enrollments(Vault& vault, const Clock& clock = defaultClock())
        : m_vault(vault)
        , m_clock(clock)
    {}

    /// Admin: enrolls \a hire (role hire) on the latest version of \a checklistId
    /// with \a mentor (role mentor, not the hire), starting on \a start.
    Error enroll(const QString& hire, const QString& checklistId, const QString& mentor, const QDate& start);
    /// One enrollment for enrollMany().
    struct NewEnrollment {
        QString hire;
        QString checklistId;
        QString mentor;
        QDate start;
    };
    /// Admin: enroll() for each of \a enrollments in one transaction, all or
    /// none, after one check of the vault against its log.
    Error enrollMany(const QList<NewEnrollment>& enrollments);
    /// Admin: moves \a hire's enrollment to \a version (0: the latest) of its
    /// checklist; moveTo() with the enrollment's own checklist.
    Error move(const QString& hire, int version) { return moveTo(hire, QString(), version); }
    /// Admin: moves \a hire's enrollment to \a version (0: the latest) of
    /// \a checklistId (empty: its own checklist). Live production grants end;
    /// records of steps the target has (matched by id) stay, the others are
    /// dropped. Within one checklist, reviews and the sign-off stay on record
    /// for the version they were given on; moved to another checklist, they
    /// were signed over the old one and end with it: they are deleted and the
    /// move's entry lists them (`ended_reviews`, `ended_signoffs`). The
    /// sandbox credentials follow the target's templates.
    /// Both versions are read after the vault is checked against its log, so
    /// that a row rewritten in the folder cannot hide a weakening. With
    /// \a weaker Refuse, a target that weakens the gate of the enrollment's
    /// version is refused (InvalidInput, each weakening in out->weakens) and
    /// nothing changes; an accepted one says so in its audit entry
    /// (`weakens`, `accepted_weaker`). With \a weaker Accept and
    /// \a acceptOnly given, only exactly those weakenings are accepted, as
    /// read in the same transaction: any other list is refused as Refuse
    /// would (an admin accepts what they were shown, whatever changed since).
    Error moveTo(const QString& hire, const QString& checklistId, int version,
                 WeakerVersion weaker = WeakerVersion::Accept, MoveOutcome* out = nullptr,
                 const QStringList* acceptOnly = nullptr);
    /// Admin: gives \a hire's enrollment the mentor \a mentor (empty: the
    /// same) and the start date \a start (invalid: the same), in one signed
    /// `enrollment.edit` entry that vouches for the row. The mentor decides
    /// who may review and sign off: from this entry on, only the new mentor's
    /// reviews and sign-off count, so a new mentor ends the enrollment's
    /// reviews and sign-off (deleted and listed in the entry, as a move to
    /// another checklist does) and its live production grants, and reviews
    /// the steps again. InvalidInput when nothing changes
    /// or the mentor is not an enabled mentor (other than the hire).
    Error edit(const QString& hire, const QString& mentor, const QDate& start);

    /// The hire: marks one of their steps done, with an optional note.
    Error markDone(const QString& hire, const QString& stepId, const QString& note);
    /// The hire: undoes a done step, until the mentor has approved it.
    Error undo(const QString& hire, const QString& stepId);
    /// The mentor: approves or rejects a done `signoff` step; a rejection reopens it.
    Error review(const QString& hire, const QString& stepId, bool approve, const QString& comment);
    /// The mentor (never the hire): signs off production access once every
    /// required step is done and every signoff step approved.
    Error signOff(const QString& hire);

    /// Whether an admin's or mentor's read checks the vault against the log
    /// first (Ledger::require). Only acts that take access away skip it, so
    /// that a tampered vault can still be shut: revoking never releases.
    enum class Check { Verified, ForRevocation };
    /// The hire's status: for the hire, their mentor, or an admin.
    Error status(const QString& hire, EnrollmentStatus* out, Check check = Check::Verified);
    /// Every enrollment the acting person may see: an admin all, a mentor their
    /// mentees, a hire their own.
    Error visible(QList<EnrollmentStatus>* out);
    /// Up to \a limit of visible(), in the same order (by the hire's sign-in
    /// name), those after the hire named \a after (empty: from the first).
    /// An admin's page is found through the people's name index and the
    /// enrollments' hire index and read with its related rows only.
    Error visiblePage(const QString& after, int limit, QList<EnrollmentStatus>* out);

    /// Enrollments on one checklist version, starting on one day, with the
    /// same steps done and nothing on record that a signature decides (no
    /// review, no sign-off, no done step that needs approval): every one of
    /// them stands where \a status says (its hire and mentor left empty).
    struct Untouched {
        EnrollmentStatus status;
        qint64 checklistRow = 0;
        QString doneSteps; ///< the ids of the steps done, in id order, one a line
        int count = 0;
    };
    /// What visible() holds, for figures over many hires: the enrollments
    /// with a review, a sign-off or a done step that needs approval in full,
    /// their signatures verified as in visible(), in its order (\a touched);
    /// the others counted by checklist version, start day and steps done in
    /// a GROUP BY (\a untouched), their status built once a group.
    Error visibleGrouped(QList<EnrollmentStatus>* touched, QList<Untouched>* untouched);
    /// The hires of \a group of visibleGrouped(), in name order, at most
    /// \a limit (-1: all).
    Error untouchedHires(const Untouched& group, int limit, QList<Person>* out);

private:
    /// Inside enrollMany()'s transaction, after its check: one enrollment.
    /// \a enrolled: the hire ids of the batch that one read of the table
    /// found enrolled (none: each hire the index does not know is looked for).
    Error insertEnrollment(const QString& hire, const QString& checklistId, const QString& mentor, const QDate& start,
                           const QSet<qint64>* enrolled);
    struct Row;
    struct Related;
    struct Checklists;
    /// Enrollment rows with their hire and mentor: kRowSelect + \a from.
    Error readRows(const QString& from, const QVariantList& params, QList<Row>* out);
    Error loadRow(const QString& hire, Row* out);
    /// The step records, reviews and sign-offs of the enrollments \a scope
    /// selects (a WHERE clause on alias %1; empty: all), one query each.
    Error readRelated(const QString& scope, const QVariantList& params, Related* out);
    Error checklistOf(const Row& row, Checklists* cache, const StoredChecklist** stored, int* latest);
    /// The steps of every checklist version that need a mentor's approval,
    /// as a JSON array of "checklist row:step id" for SQL's json_each.
    Error signedStepsJson(Checklists* checklists, QString* out);
    Error buildStatus(const Row& row, const Related& related, Checklists* checklists, EnrollmentStatus* out);
    Error requireStep(const EnrollmentStatus& status, const QString& stepId, const StepView** out) const;
    /// In one transaction, acting as \a hire's mentor (still active; never
    /// the hire; with \a mentorRoleNow, still holding the mentor role):
    /// \a act on the hire's status as verified inside it, committed when it
    /// succeeds. NotPermitted with \a selfMessage or \a notMentorMessage
    /// (%1 hire, %2 mentor) otherwise.
    Error actAsMentorOf(const QString& hire, const QString& selfMessage, const QString& notMentorMessage,
                        bool mentorRoleNow, const std::function<Error(const EnrollmentStatus&)>& act);
    Error recordReview(const EnrollmentStatus& status, const QString& stepId, bool approve, const QString& comment);
    Error recordSignoff(const EnrollmentStatus& status);
    /// The signed-in hire's own step: NotPermitted with \a notYours for anyone else.
    Error ownStep(const QString& hire, const QString& stepId, const QString& notYours, EnrollmentStatus* status,
                  const StepView** view);
    /// In one transaction, on the hire's own step: runs \a sql with
    /// (enrollment, step, \a more...), then \a also, and appends the audit entry \a action.
    Error writeOwnStep(const EnrollmentStatus& status, const QString& stepId, const QString& action, const QString& sql,
                       const QVariantList& more, const std::function<Error()>& also = {});
    /// Inside the caller's transaction, as the mentor: the signed row that
    /// \a insert puts into \a table, with (enrollment, me, version,
    /// \a decision, \a at, \a signature, \a more...), vouched for in its audit
    /// entry \a action, whose \a details gain the version and the enrollment.
    Error recordSigned(const EnrollmentStatus& status, const QString& table, const QString& insert,
                       const QString& decision, const QDateTime& at, const QByteArray& signature,
                       const QVariantList& more, const QString& action, QJsonObject details);
    bool maySee(const Row& row) const;
    /// Ledger::require() for an admin's or mentor's session: what they see and
    /// decide from is what the signed log vouches for. A hire's session skips it.
    Error requireLedger();

    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace onramp
