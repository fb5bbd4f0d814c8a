#include "ReportBackend.h"

#include "ExportPath.h"
#include "Formats.h"
#include "HireSummaryPdf.h"
#include "Session.h"

#include "Clock.h"
#include "PrivateFile.h"
#include "onboarding/Enrollments.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <cmath>
#include <memory>

namespace onramp::ui {

namespace {

constexpr double kHoursPerDay = 24.0;
// Waits up to two days read best in hours, longer ones in days.
constexpr double kHoursShownAsHours = 48.0;

/// A scale from zero that holds \a largest: whole days, or whole hours below two days.
double hoursScale(double largest)
{
    if (largest < kHoursShownAsHours)
        return std::max(1.0, std::ceil(largest));
    return std::ceil(largest / kHoursPerDay) * kHoursPerDay;
}

/// \a e of writing \a path as a sentence that names the file and what to do.
Error savingFailed(const Error& e, const QString& path)
{
    const QFileInfo file(path);
    if (!file.absoluteDir().exists())
        return Error(e.kind,
                     ReportBackend::tr("Could not save %1: the folder %2 does not exist. Choose a folder "
                                       "that exists and export again.")
                         .arg(file.fileName(), QDir::toNativeSeparators(file.absolutePath())));
    return Error(e.kind,
                 ReportBackend::tr("Could not save %1. Check that you may write to that folder and that "
                                   "the disk has room, or choose another folder, and export again.")
                     .arg(QDir::toNativeSeparators(file.absoluteFilePath())));
}

ReportChartModel::Bar progressBar(const report::HireProgress& p)
{
    ReportChartModel::Bar bar;
    bar.label = p.displayName;
    bar.key = p.hire;
    // The same count as the hire's Home and the mentor's page (all steps
    // finished, those waiting for review apart); the required ones, which
    // the gate waits for, in the sentence.
    bar.share = p.total > 0 ? double(p.done) / p.total : 0.0;
    bar.valueText = ReportBackend::tr("%1 of %2").arg(p.done).arg(p.total);
    // Revoked and expired alike in the third tone, as the mentor's bars are.
    bar.strong = p.access && !p.expired;
    bar.muted = p.revoked || p.expired;
    bar.description =
        (p.expired       ? ReportBackend::tr("%1: %2, %3 of %4 required; signed off, production access expired")
             : p.access  ? ReportBackend::tr("%1: %2, %3 of %4 required; production access granted")
             : p.revoked ? ReportBackend::tr("%1: %2, %3 of %4 required; signed off, production access revoked")
                         : ReportBackend::tr("%1: %2, %3 of %4 required; production access locked"))
            .arg(p.displayName, progressText(p.done, p.total, p.waiting))
            .arg(p.requiredDone)
            .arg(p.required);
    return bar;
}

QList<ReportChartModel::Bar> progressBars(const QList<report::HireProgress>& progress)
{
    QList<ReportChartModel::Bar> bars;
    bars.reserve(progress.size());
    for (const report::HireProgress& p : progress)
        bars.append(progressBar(p));
    return bars;
}

/// Every hire's bar in a sentence when all of them are read; else the counts alone.
QString progressSummary(const report::Counts& counts, const QList<ReportChartModel::Bar>& bars)
{
    if (counts.hires == 0)
        return {};
    if (bars.size() < counts.hires)
        return ReportBackend::tr("%n hire(s): %1 with production access, %2 ready for sign-off, %3 with a step "
                                 "waiting for review, %4 with an overdue step. Scroll the chart to read each hire.",
                                 "", counts.hires)
            .arg(counts.withAccess)
            .arg(counts.readyForSignoff)
            .arg(counts.awaitingReview)
            .arg(counts.overdue);
    QStringList parts;
    for (const ReportChartModel::Bar& bar : bars)
        parts.append(bar.description);
    return ReportBackend::tr("%n hire(s), %1 with production access.", "", counts.hires).arg(counts.withAccess)
        + QLatin1Char(' ') + parts.join(QStringLiteral(". ")) + QLatin1Char('.');
}

/// The summary compute() gives for \a figures: every row, counted.
report::Summary summaryOf(const report::Figures& figures)
{
    report::Summary summary;
    for (const report::HireProgress& p : figures.progress) {
        ++summary.counts.hires;
        summary.counts.withAccess += p.access ? 1 : 0;
    }
    summary.cohorts = figures.cohorts;
    summary.waits = figures.waits;
    summary.overdue = figures.overdue;
    summary.overdueTotal = int(figures.overdue.size());
    return summary;
}

QList<ReportChartModel::Bar> cohortBars(const report::Summary& f, QString* summary, QString* scaleText)
{
    double largest = 0;
    for (const report::Cohort& c : f.cohorts)
        largest = std::max(largest, c.averageDays);
    const double scale = std::max(1.0, std::ceil(largest));
    QList<ReportChartModel::Bar> bars;
    QStringList parts;
    for (const report::Cohort& c : f.cohorts) {
        ReportChartModel::Bar bar;
        bar.label = QLocale().toString(QDate::fromString(c.month + QStringLiteral("-01"), Qt::ISODate),
                                       QStringLiteral("MMMM yyyy"));
        bar.key = c.month;
        const QString hires = ReportBackend::tr("%n hire(s)", "", c.hires);
        if (c.withAccess > 0) {
            const int days = int(std::lround(c.averageDays));
            bar.share = c.averageDays / scale;
            bar.valueText = ReportBackend::tr("%n day(s)", "", days);
            bar.description = ReportBackend::tr("Started in %1: %2, %3 with production access, on average after %4")
                                  .arg(bar.label, hires)
                                  .arg(c.withAccess)
                                  .arg(bar.valueText);
        } else {
            bar.valueText = ReportBackend::tr("none yet");
            bar.measured = false;
            bar.description =
                ReportBackend::tr("Started in %1: %2, none with production access yet").arg(bar.label, hires);
        }
        parts.append(bar.description);
        bars.append(bar);
    }
    if (!bars.isEmpty())
        *summary = parts.join(QStringLiteral(". ")) + QLatin1Char('.');
    *scaleText = ReportBackend::tr("%n day(s)", "", int(scale));
    return bars;
}

QList<ReportChartModel::Bar> waitBars(const report::Summary& f, QString* summary, QString* scaleText)
{
    double largest = 0;
    for (const report::StepWait& w : f.waits)
        largest = std::max(largest, w.averageHours);
    const double scale = hoursScale(largest);
    QList<ReportChartModel::Bar> bars;
    QStringList parts;
    for (const report::StepWait& w : f.waits) {
        ReportChartModel::Bar bar;
        bar.label = w.title;
        bar.key = w.stepId;
        bar.share = w.averageHours / scale;
        bar.valueText = durationText(w.averageHours);
        bar.description =
            ReportBackend::tr("%1: %2 on average from done to approved (to now for a step still waiting), longest %3; "
                              "%4 approved, %5 waiting")
                .arg(w.title, bar.valueText, durationText(w.longestHours))
                .arg(w.approved)
                .arg(w.waiting);
        parts.append(bar.description);
        bars.append(bar);
    }
    if (!bars.isEmpty())
        *summary = parts.join(QStringLiteral(". ")) + QLatin1Char('.');
    *scaleText = durationText(scale);
    return bars;
}

QList<ReportChartModel::Bar> overdueBars(const report::Summary& f, QString* summary, QString* scaleText)
{
    int largest = 0;
    for (const report::OverdueStep& o : f.overdue)
        largest = std::max(largest, o.daysOverdue);
    const int scale = std::max(1, largest);
    QList<ReportChartModel::Bar> bars;
    QStringList parts;
    for (const report::OverdueStep& o : f.overdue) {
        ReportChartModel::Bar bar;
        bar.label = ReportBackend::tr("%1 · %2").arg(o.displayName, o.title);
        bar.key = o.hire;
        bar.share = double(o.daysOverdue) / scale;
        bar.valueText = ReportBackend::tr("%n day(s)", "", o.daysOverdue);
        bar.description =
            ReportBackend::tr("%1, %2: due %3, %4 overdue").arg(o.displayName, o.title, listDate(o.due), bar.valueText);
        parts.append(bar.description);
        bars.append(bar);
    }
    if (!bars.isEmpty()) {
        *summary = ReportBackend::tr("%n overdue step(s).", "", std::max(f.overdueTotal, int(bars.size())));
        if (f.overdueTotal > bars.size())
            *summary += QLatin1Char(' ') + ReportBackend::tr("The %n most overdue:", "", int(bars.size()));
        *summary += QLatin1Char(' ') + parts.join(QStringLiteral(". ")) + QLatin1Char('.');
    }
    *scaleText = ReportBackend::tr("%n day(s)", "", scale);
    return bars;
}

} // namespace

namespace {

/// The hire the report was last about in this session, so that it is about
/// them again when the page comes back. In memory only, and forgotten when
/// the session locks.
QString& keptHire()
{
    static QString hire;
    static const bool forgotten = Session::instance()->forgetOnLock([] { hire.clear(); });
    Q_UNUSED(forgotten)
    return hire;
}

} // namespace

ReportBackend::ReportBackend(QObject* parent)
    : VaultBackend(parent)
    , m_hire(keptHire())
{
    showLoadingIn({&m_progress, &m_cohorts, &m_waits, &m_overdue});
    connect(&m_progress, &ReportChartModel::pageWanted, this, [this] { readProgressPage(&m_progress); });
    connect(&m_hires, &ReportChartModel::pageWanted, this, [this] { readProgressPage(&m_hires); });
}

void ReportBackend::setHire(const QString& hire)
{
    if (hire.trimmed() == m_hire)
        return;
    m_hire = hire.trimmed();
    if (Session::instance()->isUnlocked())
        keptHire() = m_hire;
    Q_EMIT hireChanged();
    reload();
}

void ReportBackend::setHireName(const QString& name)
{
    if (name == m_hireName)
        return;
    m_hireName = name;
    Q_EMIT hireNameChanged();
}

void ReportBackend::setProblem(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged();
}

void ReportBackend::show(const report::Figures& figures)
{
    show(summaryOf(figures), figures.progress);
}

void ReportBackend::show(const report::Summary& all, const QList<report::HireProgress>& firstHires,
                         const report::Figures* chosen)
{
    ++m_pageGeneration;
    m_pageReading.clear();
    // The picker: every hire, whichever the charts show.
    const QList<ReportChartModel::Bar> hires = progressBars(firstHires);
    ReportChartModel::Bar everyone;
    if (all.counts.hires > 0) {
        everyone.label = tr("All hires");
        everyone.description = tr("The report of every hire");
    }
    m_hires.setLeadingRow(everyone);
    m_hires.setPagedBars(hires, all.counts.hires, {}, {});
    setHireName(chosen && !chosen->progress.isEmpty() ? chosen->progress.constFirst().displayName : QString());

    const report::Summary figures = chosen ? summaryOf(*chosen) : all;
    QString summary;
    QString scale;
    if (chosen) {
        const QList<ReportChartModel::Bar> progress = progressBars(chosen->progress);
        m_progress.setBars(progress, progressSummary(figures.counts, progress), tr("all steps"));
    } else {
        m_progress.setPagedBars(hires, figures.counts.hires, progressSummary(figures.counts, hires), tr("all steps"));
    }
    const QList<ReportChartModel::Bar> cohorts = cohortBars(figures, &summary, &scale);
    m_cohorts.setBars(cohorts, summary, scale);
    summary.clear();
    const QList<ReportChartModel::Bar> waits = waitBars(figures, &summary, &scale);
    m_waits.setBars(waits, summary, scale);
    summary.clear();
    const QList<ReportChartModel::Bar> overdue = overdueBars(figures, &summary, &scale);
    m_overdue.setBars(overdue, summary, scale);
}

void ReportBackend::clear()
{
    show(report::Figures());
}

void ReportBackend::read()
{
    auto figures = std::make_shared<report::Summary>();
    auto firstHires = std::make_shared<QList<report::HireProgress>>();
    auto chosen = std::make_shared<report::Figures>();
    auto chosenError = std::make_shared<Error>();
    const QString hire = m_hire;
    load(
        [figures, firstHires, chosen, chosenError, hire](Vault& vault) {
            const Clock& clock = defaultClock();
            // The charts from aggregate figures; the hires a page at a time.
            if (Error e = report::summarize(vault, figures.get(), kOverdueShown, clock))
                return e;
            if (Error e = report::readProgress(vault, {}, ListModel::kPageSize, firstHires.get(), clock))
                return e;
            // A hire no longer to be seen leaves the report of every hire, and says why.
            if (!hire.isEmpty())
                *chosenError = report::figuresOf(vault, hire, chosen.get(), clock);
            return Error();
        },
        [this, figures, firstHires, chosen, chosenError, hire](const Error& e) {
            if (e) {
                show(report::Figures());
                setProblem(e.message);
                return;
            }
            if (hire != m_hire)
                return; // another hire was chosen meanwhile; its read follows
            const bool one = !hire.isEmpty() && !*chosenError;
            show(*figures, *firstHires, one ? chosen.get() : nullptr);
            setProblem(chosenError->message);
            if (!hire.isEmpty() && *chosenError) {
                m_hire.clear();
                Q_EMIT hireChanged();
            }
        });
}

void ReportBackend::readProgressPage(ReportChartModel* model)
{
    if (m_pageReading.contains(model) || !model->wantsBars() || model->bars().isEmpty())
        return;
    m_pageReading.insert(model);
    const int generation = m_pageGeneration;
    const QString after = model->bars().constLast().key;
    auto page = std::make_shared<QList<report::HireProgress>>();
    run([after, page](Vault& vault) { return report::readProgress(vault, after, ListModel::kPageSize, page.get()); },
        [this, model, generation, page](const Error& e) {
            if (generation != m_pageGeneration)
                return; // the report was read again meanwhile
            m_pageReading.remove(model);
            if (e) {
                setProblem(e.message);
                return;
            }
            model->appendBars(progressBars(*page));
        },
        false);
}

namespace {

/// \a hire as part of a file name: a sign-in name holds no path
/// separators; anything else is left out.
QString fileNamePart(const QString& hire)
{
    QString name = hire.trimmed();
    name.remove(QLatin1Char('/'));
    name.remove(QLatin1Char('\\'));
    return name;
}

} // namespace

QUrl ReportBackend::csvFileSuggestion() const
{
    const QString today = defaultClock().now().toLocalTime().date().toString(Qt::ISODate);
    const QString hire = fileNamePart(m_hire);
    return exportFileUrl(hire.isEmpty() ? QStringLiteral("onboarding-report-%1.csv").arg(today)
                                        : QStringLiteral("onboarding-report-%1-%2.csv").arg(hire, today));
}

QUrl ReportBackend::pdfFileSuggestion(const QString& hire) const
{
    const QString name = fileNamePart(hire);
    return exportFileUrl(name.isEmpty() ? QStringLiteral("onboarding-summary.pdf")
                                        : QStringLiteral("%1-onboarding-summary.pdf").arg(name));
}

void ReportBackend::exportCsv(const QUrl& file)
{
    const SavePath target = exportTarget(file, QStringLiteral("csv"));
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    const QString hire = m_hire;
    run(
        [path, hire](Vault& vault) -> Error {
            QByteArray csv = report::csvHeader();
            if (!hire.isEmpty()) {
                // The chosen hire's rows, as the page shows them.
                EnrollmentStatus status;
                if (Error e = Enrollments(vault).status(hire, &status))
                    return e;
                csv += report::csvRows(status);
            } else if (Error e = report::forEachEnrollment(vault, [&csv](const EnrollmentStatus& s) {
                           // Every hire's rows, read a page of hires at a time.
                           csv += report::csvRows(s);
                           return Error();
                       })) {
                return e;
            }
            if (Error e = writePrivateFile(path, csv, tr("the report file")))
                return savingFailed(e, path);
            return {};
        },
        [this, path](const Error& e) { report(e, tr("Exported the report to %1 (readable by you only).").arg(path)); },
        false);
}

void ReportBackend::exportPdf(const QUrl& file, const QString& hire)
{
    const SavePath target = exportTarget(file, QStringLiteral("pdf"));
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    if (hire.trimmed().isEmpty()) {
        Q_EMIT error(tr("Choose a hire whose summary to export."));
        return;
    }
    auto shown = std::make_shared<QString>(hire.trimmed());
    run(
        [path, hire, shown](Vault& vault) -> Error {
            EnrollmentStatus status;
            if (Error e = Enrollments(vault).status(hire.trimmed(), &status))
                return e;
            *shown = status.hire.shownName(); // the name the dialog and the page use
            QByteArray pdf;
            if (Error e = hireSummaryPdf(status, &pdf))
                return e;
            if (Error e = writePrivateFile(path, pdf, tr("the summary file")))
                return savingFailed(e, path);
            return {};
        },
        [this, path, shown](const Error& e) {
            report(e, tr("Exported the summary of %1 to %2 (readable by you only).").arg(*shown, path));
        },
        false);
}

} // namespace onramp::ui
