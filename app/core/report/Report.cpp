#include "Report.h"

#include "onboarding/Enrollments.h"

#include <QMap>

#include <algorithm>

namespace onramp::report {

namespace {

constexpr double kSecondsPerHour = 3600.0;

QString isoTime(const QDateTime& at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString();
}

bool hasSignoff(const EnrollmentStatus& s)
{
    return !s.signedOffBy.isEmpty() && s.signedOffAt.isValid() && s.start.isValid();
}

} // namespace

Figures compute(const QList<EnrollmentStatus>& enrollments, const QDateTime& now)
{
    Figures f;
    QMap<QString, Cohort> cohorts;
    QMap<QString, qint64> cohortDays;
    QMap<QString, StepWait> waits;
    QMap<QString, double> waitTotals;
    QStringList waitOrder; // steps in the order first met, for a stable sort

    for (const EnrollmentStatus& s : enrollments) {
        HireProgress p;
        p.hire = s.hire.name;
        p.displayName = s.hire.shownName();
        p.access = !s.locked();
        for (const StepView& v : s.steps) {
            ++p.total;
            // Finished as every screen counts it (StepView::finished()): a step waiting for review is not done yet.
            if (v.finished())
                ++p.done;
            if (v.awaitingReview())
                ++p.waiting;
            if (!v.step.required)
                continue;
            ++p.required;
            if (v.finished())
                ++p.requiredDone;
        }
        f.progress.append(p);

        if (s.start.isValid()) {
            const QString month = s.start.toString(QStringLiteral("yyyy-MM"));
            Cohort& c = cohorts[month];
            c.month = month;
            ++c.hires;
            if (hasSignoff(s)) {
                const int days = int(s.start.daysTo(s.signedOffAt.toUTC().date()));
                ++c.withAccess;
                cohortDays[month] += days;
                c.longestDays = std::max(c.longestDays, days);
            }
        }

        for (const StepView& v : s.steps) {
            if (!v.step.signoff || !v.done || !v.doneAt.isValid())
                continue;
            const bool approved = v.approved && v.reviewedAt.isValid();
            if (!approved && !v.awaitingReview())
                continue;
            const QDateTime end = approved ? v.reviewedAt : now;
            const double hours = std::max<qint64>(0, v.doneAt.secsTo(end)) / kSecondsPerHour;
            if (!waits.contains(v.step.id))
                waitOrder.append(v.step.id);
            StepWait& w = waits[v.step.id];
            w.stepId = v.step.id;
            w.title = v.step.title;
            ++(approved ? w.approved : w.waiting);
            waitTotals[v.step.id] += hours;
            w.longestHours = std::max(w.longestHours, hours);
        }

        // Overdue steps of a hire who already has production access hold nobody up.
        for (const StepView& v : s.steps) {
            if (!s.locked() || !v.overdue || !v.due.isValid())
                continue;
            OverdueStep o;
            o.hire = s.hire.name;
            o.displayName = s.hire.shownName();
            o.stepId = v.step.id;
            o.title = v.step.title;
            o.due = v.due;
            o.daysOverdue = int(std::max<qint64>(0, v.due.daysTo(now.toUTC().date())));
            f.overdue.append(o);
        }
    }

    for (auto it = cohorts.begin(); it != cohorts.end(); ++it) {
        Cohort c = it.value();
        if (c.withAccess > 0)
            c.averageDays = double(cohortDays.value(c.month)) / c.withAccess;
        f.cohorts.append(c);
    }
    for (const QString& id : std::as_const(waitOrder)) {
        StepWait w = waits.value(id);
        w.averageHours = waitTotals.value(id) / (w.approved + w.waiting);
        f.waits.append(w);
    }
    std::stable_sort(f.waits.begin(), f.waits.end(),
                     [](const StepWait& a, const StepWait& b) { return a.averageHours > b.averageHours; });
    std::stable_sort(f.overdue.begin(), f.overdue.end(),
                     [](const OverdueStep& a, const OverdueStep& b) { return a.daysOverdue > b.daysOverdue; });
    return f;
}

Error readEnrollments(Vault& vault, QList<EnrollmentStatus>* out, const Clock& clock)
{
    out->clear();
    return Enrollments(vault, clock).visible(out);
}

QString csvField(const QString& value)
{
    QString field = value;
    static const QString kFormulaStarts = QStringLiteral("=+-@\t\r");
    if (!field.isEmpty() && kFormulaStarts.contains(field.front()))
        field.prepend(QLatin1Char('\''));
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    field.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

QString stepState(const StepView& step)
{
    if (step.approved)
        return QStringLiteral("approved");
    if (step.awaitingReview())
        return QStringLiteral("waiting_for_review");
    if (step.done)
        return QStringLiteral("done");
    if (step.rejected)
        return QStringLiteral("changes_asked");
    return step.overdue ? QStringLiteral("overdue") : QStringLiteral("to_do");
}

QByteArray toCsv(const QList<EnrollmentStatus>& enrollments)
{
    QByteArray out = "hire,name,checklist,version,mentor,start,step,title,required,mentor_review,state,due,done_at,"
                     "approved_at,production_access,signed_off_at\r\n";
    const auto yesNo = [](bool b) { return b ? QStringLiteral("yes") : QStringLiteral("no"); };
    for (const EnrollmentStatus& s : enrollments) {
        const QString access = s.locked() ? QStringLiteral("locked") : QStringLiteral("granted");
        const QString signedOff = hasSignoff(s) ? isoTime(s.signedOffAt) : QString();
        for (const StepView& v : s.steps) {
            const QStringList fields{s.hire.name,
                                     s.hire.shownName(),
                                     s.checklistId,
                                     QString::number(s.checklistVersion),
                                     s.mentor.name,
                                     s.start.toString(Qt::ISODate),
                                     v.step.id,
                                     v.step.title,
                                     yesNo(v.step.required),
                                     yesNo(v.step.signoff),
                                     stepState(v),
                                     v.due.toString(Qt::ISODate),
                                     v.done ? isoTime(v.doneAt) : QString(),
                                     v.approved ? isoTime(v.reviewedAt) : QString(),
                                     access,
                                     signedOff};
            QStringList quoted;
            quoted.reserve(fields.size());
            for (const QString& field : fields)
                quoted.append(csvField(field));
            out += quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
        }
    }
    return out;
}

} // namespace onramp::report
