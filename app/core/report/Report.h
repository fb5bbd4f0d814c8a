#pragma once

#include "onboarding/EnrollmentStatus.h"

#include "Clock.h"
#include "Error.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

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
    bool access = false; ///< the gate allows production access now
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

/// The enrollments the person who unlocked \a vault may see, as the report
/// reads them (an admin everyone's, a mentor their mentees'), overdue as of \a clock.
Error readEnrollments(Vault& vault, QList<EnrollmentStatus>* out, const Clock& clock = defaultClock());

/// One row per hire and step: hire, name, checklist, version, mentor, start,
/// step, title, required, signoff, state, due, done_at, approved_at,
/// production_access, signed_off_at. RFC 4180, CRLF line ends, UTF-8;
/// see csvField().
QByteArray toCsv(const QList<EnrollmentStatus>& enrollments);

/// \a value as one RFC 4180 field: quoted when it holds a comma, quote or
/// line break, quotes doubled. A value a spreadsheet would run as a formula
/// (starting with = + - @, a tab or a carriage return) gets a leading
/// apostrophe first, so that it shows as text.
QString csvField(const QString& value);

/// A step's state as the app names it, in words a spreadsheet keeps
/// (lower-case, no spaces): "approved", "waiting_for_review",
/// "changes_asked", "done", "overdue" or "to_do".
QString stepState(const StepView& step);

} // namespace report
} // namespace onramp
