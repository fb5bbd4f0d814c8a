#include "Report.h"

#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include "Database.h"
#include "PlainText.h"

#include <QMap>

#include <algorithm>
#include <functional>
#include <optional>

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

/// While it lives, a page cache large enough for what the summary reads.
/// Its queries pass over the enrollments and their records several times
/// (the grouped counts, the signed ones read in full, the hires of the
/// most overdue groups); SQLite's default cache of 2 MiB holds a fifth of
/// those pages at 100,000 hires, so every pass read and decrypted them
/// again (8,900 page reads of 1,300 pages, most of the summary's time).
/// The cache only grows as pages are read; the connection's own size is
/// set back after.
class ReportPageCache
{
public:
    explicit ReportPageCache(Database& db)
        : m_db(db)
    {
        Error error;
        const qint64 before = db.scalar(QStringLiteral("PRAGMA cache_size"), {}, &error).toLongLong();
        // A size in pages (positive) or in KiB (negative); keep a larger one.
        const qint64 kib = before < 0 ? -before : before * 4;
        if (error || kib >= kCacheKiB)
            return;
        if (!db.execute(QStringLiteral("PRAGMA cache_size = -%1").arg(kCacheKiB)))
            m_before = before;
    }
    ~ReportPageCache()
    {
        if (m_before)
            m_db.execute(QStringLiteral("PRAGMA cache_size = %1").arg(*m_before));
    }
    ReportPageCache(const ReportPageCache&) = delete;
    ReportPageCache& operator=(const ReportPageCache&) = delete;

private:
    static constexpr qint64 kCacheKiB = 32 * 1024;
    Database& m_db;
    std::optional<qint64> m_before;
};

} // namespace

namespace {

/// A step past its due day and not done, of a locked hire, and its place in the checklist.
struct Overdue {
    OverdueStep step;
    int index = 0;
};

/// The overdue steps of \a s as of \a now, its hire's names left to the caller.
QList<Overdue> overdueSteps(const EnrollmentStatus& s, const QDateTime& now)
{
    QList<Overdue> out;
    // Every hire's, production open or not: the status's one flag (onboarding::statusOf).
    for (int i = 0; i < s.steps.size(); ++i) {
        const StepView& v = s.steps.at(i);
        if (!v.overdue || !v.due.isValid())
            continue;
        Overdue o;
        o.step.stepId = v.step.id;
        o.step.title = v.step.title;
        o.step.due = v.due;
        o.step.daysOverdue = int(std::max<qint64>(0, v.due.daysTo(now.toUTC().date())));
        o.index = i;
        out.append(o);
    }
    return out;
}

/// Most days overdue first; among equals, hires in name order and each
/// hire's steps in checklist order (the order the enrollments are read in).
bool moreOverdue(const Overdue& a, const Overdue& b)
{
    if (a.step.daysOverdue != b.step.daysOverdue)
        return a.step.daysOverdue > b.step.daysOverdue;
    if (a.step.hire != b.step.hire)
        return a.step.hire < b.step.hire;
    return a.index < b.index;
}

/// The cohorts, waits and counts of many enrollments, each added as many
/// times as hires stand where it does.
class Accumulator
{
public:
    explicit Accumulator(const QDateTime& now)
        : m_now(now)
    {}

    void add(const EnrollmentStatus& s, int times)
    {
        m_counts.hires += times;
        // Access standing now, as the bars word it: not one whose grants all expired.
        if (s.hasAccess() && !s.productionExpired)
            m_counts.withAccess += times;
        if (s.readyForSignoff())
            m_counts.readyForSignoff += times;
        if (s.awaitingReviewCount() > 0)
            m_counts.awaitingReview += times;
        if (!overdueSteps(s, m_now).isEmpty())
            m_counts.overdue += times;

        if (s.start.isValid()) {
            const QString month = s.start.toString(QStringLiteral("yyyy-MM"));
            Cohort& c = m_cohorts[month];
            c.month = month;
            c.hires += times;
            // A sign-off a move ended still gave access on its day.
            if (const QDateTime first = s.firstSignoffAt(); first.isValid()) {
                const int days = int(s.start.daysTo(first.toUTC().date()));
                c.withAccess += times;
                m_cohortDays[month] += qint64(days) * times;
                c.longestDays = std::max(c.longestDays, days);
            }
        }

        for (const StepView& v : s.steps) {
            if (!v.step.signoff || !v.done || !v.doneAt.isValid())
                continue;
            // A step sent back has no record left of when it was done: its wait is not counted.
            const bool approved = v.approved && v.reviewedAt.isValid();
            if (!approved && !v.awaitingReview())
                continue;
            const QDateTime end = approved ? v.reviewedAt : m_now;
            // An approval the latest move ended was a wait that ended; the one that counts began with the move.
            const QDateTime start = s.reviewWaitSince(v);
            const double hours = std::max<qint64>(0, start.secsTo(end)) / kSecondsPerHour;
            if (!m_waits.contains(v.step.id))
                m_waitOrder.append(v.step.id);
            StepWait& w = m_waits[v.step.id];
            w.stepId = v.step.id;
            w.title = v.step.title;
            (approved ? w.approved : w.waiting) += times;
            m_waitTotals[v.step.id] += hours * times;
            w.longestHours = std::max(w.longestHours, hours);
        }
    }

    Counts counts() const { return m_counts; }

    QList<Cohort> cohorts() const
    {
        QList<Cohort> out;
        for (auto it = m_cohorts.cbegin(); it != m_cohorts.cend(); ++it) {
            Cohort c = it.value();
            if (c.withAccess > 0)
                c.averageDays = double(m_cohortDays.value(c.month)) / c.withAccess;
            out.append(c);
        }
        return out;
    }

    QList<StepWait> waits() const
    {
        QList<StepWait> out;
        for (const QString& id : std::as_const(m_waitOrder)) {
            StepWait w = m_waits.value(id);
            w.averageHours = m_waitTotals.value(id) / (w.approved + w.waiting);
            out.append(w);
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const StepWait& a, const StepWait& b) { return a.averageHours > b.averageHours; });
        return out;
    }

private:
    QDateTime m_now;
    Counts m_counts;
    QMap<QString, Cohort> m_cohorts;
    QMap<QString, qint64> m_cohortDays;
    QMap<QString, StepWait> m_waits;
    QMap<QString, double> m_waitTotals;
    QStringList m_waitOrder; // steps in the order first met, for a stable sort
};

/// Adds \a hire's copy of each of \a steps to \a out.
void addOverdue(const Person& hire, const QList<Overdue>& steps, QList<Overdue>* out)
{
    for (Overdue o : steps) {
        o.step.hire = hire.name;
        o.step.displayName = hire.shownName();
        out->append(o);
    }
}

} // namespace

HireProgress progressOf(const EnrollmentStatus& s)
{
    HireProgress p;
    p.hire = s.hire.name;
    p.displayName = s.hire.shownName();
    p.access = s.hasAccess();
    p.revoked = s.production() == ProductionAccess::Revoked;
    p.expired = p.access && s.productionExpired;
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
    return p;
}

Figures compute(const QList<EnrollmentStatus>& enrollments, const QDateTime& now)
{
    Figures f;
    Accumulator sums(now);
    QList<Overdue> overdue;
    for (const EnrollmentStatus& s : enrollments) {
        f.progress.append(progressOf(s));
        sums.add(s, 1);
        addOverdue(s.hire, overdueSteps(s, now), &overdue);
    }
    f.cohorts = sums.cohorts();
    f.waits = sums.waits();
    std::stable_sort(overdue.begin(), overdue.end(),
                     [](const Overdue& a, const Overdue& b) { return a.step.daysOverdue > b.step.daysOverdue; });
    for (const Overdue& o : std::as_const(overdue))
        f.overdue.append(o.step);
    return f;
}

Error summarize(Vault& vault, Summary* out, int overdueLimit, const Clock& clock)
{
    *out = Summary();
    const QDateTime now = clock.now();
    Enrollments enrollments(vault, clock);
    const ReportPageCache cache(vault.db());
    Database::ReadTransaction read(vault.db());
    if (read.beginError())
        return read.beginError();
    QList<EnrollmentStatus> touched;
    QList<Enrollments::Untouched> groups;
    if (Error e = enrollments.visibleGrouped(&touched, &groups))
        return e;
    Accumulator sums(now);
    QList<Overdue> overdue;
    for (const EnrollmentStatus& s : std::as_const(touched)) {
        sums.add(s, 1);
        const QList<Overdue> steps = overdueSteps(s, now);
        out->overdueTotal += int(steps.size());
        addOverdue(s.hire, steps, &overdue);
    }
    // Each group's hires share its overdue steps; their names are read only
    // for the groups that can reach the rows shown, most overdue first.
    struct Late {
        const Enrollments::Untouched* group;
        QList<Overdue> steps;
        int mostDays = 0;
    };
    QList<Late> late;
    for (const Enrollments::Untouched& g : std::as_const(groups)) {
        sums.add(g.status, g.count);
        Late l{&g, overdueSteps(g.status, now), 0};
        if (l.steps.isEmpty())
            continue;
        out->overdueTotal += int(l.steps.size()) * g.count;
        for (const Overdue& o : std::as_const(l.steps))
            l.mostDays = std::max(l.mostDays, o.step.daysOverdue);
        late.append(l);
    }
    std::stable_sort(late.begin(), late.end(), [](const Late& a, const Late& b) { return a.mostDays > b.mostDays; });
    for (const Late& l : std::as_const(late)) {
        if (overdueLimit >= 0 && overdue.size() >= overdueLimit) {
            QList<int> days;
            days.reserve(overdue.size());
            for (const Overdue& o : std::as_const(overdue))
                days.append(o.step.daysOverdue);
            std::nth_element(days.begin(), days.begin() + (overdueLimit - 1), days.end(), std::greater<int>());
            if (overdueLimit == 0 || l.mostDays < days.at(overdueLimit - 1))
                break;
        }
        QList<Person> hires;
        if (Error e = enrollments.untouchedHires(*l.group, overdueLimit, &hires))
            return e;
        for (const Person& hire : std::as_const(hires))
            addOverdue(hire, l.steps, &overdue);
    }
    std::sort(overdue.begin(), overdue.end(), moreOverdue);
    if (overdueLimit >= 0 && overdue.size() > overdueLimit)
        overdue.resize(overdueLimit);
    for (const Overdue& o : std::as_const(overdue))
        out->overdue.append(o.step);
    out->counts = sums.counts();
    out->cohorts = sums.cohorts();
    out->waits = sums.waits();
    return {};
}

Error readProgress(Vault& vault, const QString& after, int limit, QList<HireProgress>* out, const Clock& clock)
{
    QList<EnrollmentStatus> page;
    if (Error e = Enrollments(vault, clock).visiblePage(after, limit, &page))
        return e;
    for (const EnrollmentStatus& s : std::as_const(page))
        out->append(progressOf(s));
    return {};
}

Error figuresOf(Vault& vault, const QString& hire, Figures* out, const Clock& clock)
{
    *out = Figures();
    EnrollmentStatus status;
    if (Error e = Enrollments(vault, clock).status(hire, &status))
        return e;
    *out = compute({status}, clock.now());
    return {};
}

Error forEachEnrollment(Vault& vault, const std::function<Error(const EnrollmentStatus&)>& each, const Clock& clock)
{
    // Pages big enough that the queries per page do not show, small enough
    // that a page's statuses stay a few MiB.
    constexpr int kPage = 500;
    Database::ReadTransaction read(vault.db());
    if (read.beginError())
        return read.beginError();
    Enrollments enrollments(vault, clock);
    if (vault.me().role != Role::Admin) {
        QList<EnrollmentStatus> all;
        if (Error e = enrollments.visible(&all))
            return e;
        for (const EnrollmentStatus& s : std::as_const(all))
            if (Error e = each(s))
                return e;
        return {};
    }
    QString after;
    for (;;) {
        QList<EnrollmentStatus> page;
        if (Error e = enrollments.visiblePage(after, kPage, &page))
            return e;
        for (const EnrollmentStatus& s : std::as_const(page))
            if (Error e = each(s))
                return e;
        if (page.size() < kPage)
            return {};
        after = page.last().hire.name;
    }
}

Error readEnrollments(Vault& vault, QList<EnrollmentStatus>* out, const Clock& clock)
{
    out->clear();
    return Enrollments(vault, clock).visible(out);
}

QString csvField(const QString& value)
{
    return text::csvField(value);
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

QByteArray csvHeader()
{
    return "hire,name,checklist,version,mentor,start,step,title,required,mentor_review,state,due,done_at,"
           "approved_at,production_access,signed_off_at\r\n";
}

QByteArray csvRows(const EnrollmentStatus& s)
{
    QByteArray out;
    const auto yesNo = [](bool b) { return b ? QStringLiteral("yes") : QStringLiteral("no"); };
    // The scripts' word for access that stands ("granted"), and "expired" once
    // every grant ran out: what every screen says (EnrollmentStatus::accessKey()).
    const QString access =
        s.accessKey() == QLatin1String("unlocked") ? productionAccessKey(s.production()) : s.accessKey();
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
    return out;
}

QByteArray toCsv(const QList<EnrollmentStatus>& enrollments)
{
    QByteArray out = csvHeader();
    for (const EnrollmentStatus& s : enrollments)
        out += csvRows(s);
    return out;
}

} // namespace onramp::report
