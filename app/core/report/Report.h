#pragma once

#include "onboarding/EnrollmentStatus.h"

#include "Clock.h"
#include "Error.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

namespace onramp {

class Vault;

namespace report {

/// One hire's progress: steps finished out of all steps, as the hire's and the
/// mentor's pages count them (EnrollmentStatus::doneCount()), those waiting for
/// review, and required steps finished out of required steps.
struct HireProgress {
    QString hire;
    QString displayName;
    int done = 0;
    int waiting = 0; ///< done, waiting for the mentor's review; not in done
    int total = 0;
    int requiredDone = 0;
    int required = 0;
    bool access = false; ///< production access stands now (EnrollmentStatus::hasAccess())
    bool revoked = false; ///< signed off, and production access since revoked
    /// Signed off and not revoked, but every production grant has run out
    /// (EnrollmentStatus::productionExpired): access is true still, as the
    /// sign-off stands; the words say "expired", as the other screens do.
    bool expired = false;
};

/// The hires who started in one month, and how many days production access took them.
struct Cohort {
    QString month; ///< "YYYY-MM" of the start date
    int hires = 0;
    int withAccess = 0; ///< hires whose mentor has signed off
    double averageDays = -1; ///< from start to sign-off over withAccess; -1 when none
    int longestDays = -1;
};

/// A step that waits for a mentor's approval, over every hire who has done it.
struct StepWait {
    QString stepId;
    QString title;
    int approved = 0; ///< approvals on record
    int waiting = 0; ///< done, still waiting; counted up to now
    double averageHours = 0; ///< from done to approved (or to now while waiting)
    double longestHours = 0;
};

/// A step past its due day and not done, of a hire still without production access.
struct OverdueStep {
    QString hire;
    QString displayName;
    QString stepId;
    QString title;
    QDate due;
    int daysOverdue = 0;
};

/// What the report shows, computed from enrollments alone.
struct Figures {
    QList<HireProgress> progress; ///< in the enrollments' order
    QList<Cohort> cohorts; ///< oldest month first
    QList<StepWait> waits; ///< longest average wait first
    QList<OverdueStep> overdue; ///< most days overdue first
};

/// The figures of \a enrollments as of \a now.
Figures compute(const QList<EnrollmentStatus>& enrollments, const QDateTime& now);

/// How many hires stand where.
struct Counts {
    int hires = 0;
    int withAccess = 0; ///< production access stands now: hasAccess(), and not every grant expired
    int readyForSignoff = 0; ///< locked for want of the mentor's sign-off alone
    int awaitingReview = 0; ///< with a step waiting for the mentor's review
    int overdue = 0; ///< with a step past its due day and not done
};

/// The report's figures over every hire without a row per hire: what
/// compute() gives but the progress list, and the overdue steps cut to the
/// most overdue.
struct Summary {
    Counts counts;
    QList<Cohort> cohorts; ///< as Figures::cohorts
    QList<StepWait> waits; ///< as Figures::waits
    QList<OverdueStep> overdue; ///< as Figures::overdue, its first overdueLimit rows
    int overdueTotal = 0; ///< every overdue step, shown or not
};

/// The summary of the enrollments the person who unlocked \a vault may see
/// (as readEnrollments()), as of \a clock: one GROUP BY counts the hires
/// with nothing on record by checklist version and start day, and only
/// those with a step record, review or sign-off are read one by one, their
/// signatures verified as every status verifies them. \a overdueLimit: at
/// most so many overdue rows (-1: all).
Error summarize(Vault& vault, Summary* out, int overdueLimit = -1, const Clock& clock = defaultClock());

/// One hire's figures: compute() of the enrollment of \a hire (a sign-in
/// name) alone, as of \a clock. Only a hire the person who unlocked \a
/// vault may see (Enrollments::status: an admin everyone, a mentor their
/// mentees); anyone else is refused, naming them.
Error figuresOf(Vault& vault, const QString& hire, Figures* out, const Clock& clock = defaultClock());

/// Up to \a limit hires' progress in the order of readEnrollments(), those
/// after the hire named \a after (empty: from the first); reads only those.
Error readProgress(Vault& vault, const QString& after, int limit, QList<HireProgress>* out,
                   const Clock& clock = defaultClock());

/// \a status's progress, as compute() counts it.
HireProgress progressOf(const EnrollmentStatus& status);

/// Calls \a each for every enrollment readEnrollments() reads, in its order,
/// a page at a time inside one read transaction: never all of them in memory.
Error forEachEnrollment(Vault& vault, const std::function<Error(const EnrollmentStatus&)>& each,
                        const Clock& clock = defaultClock());

/// The CSV's header line; toCsv() is it and csvRows() of every enrollment.
QByteArray csvHeader();
/// The CSV lines of one enrollment's steps.
QByteArray csvRows(const EnrollmentStatus& status);

/// The enrollments the person who unlocked \a vault may see, as the report
/// reads them (an admin everyone's, a mentor their mentees'), overdue as of \a clock.
Error readEnrollments(Vault& vault, QList<EnrollmentStatus>* out, const Clock& clock = defaultClock());

/// One row per hire and step: hire, name, checklist, version, mentor, start,
/// step, title, required, signoff, state, due, done_at, approved_at,
/// production_access (productionAccessKey(): "locked", "granted" or
/// "revoked"), signed_off_at. RFC 4180, CRLF line ends, UTF-8;
/// see csvField().
QByteArray toCsv(const QList<EnrollmentStatus>& enrollments);

/// \a value as one RFC 4180 field, formulas defused: text::csvField(), which
/// the audit log's CSV export uses too.
QString csvField(const QString& value);

/// A step's state as the app names it, in words a spreadsheet keeps
/// (lower-case, no spaces): "approved", "waiting_for_review",
/// "changes_asked", "done", "overdue" or "to_do".
QString stepState(const StepView& step);

} // namespace report
} // namespace onramp
