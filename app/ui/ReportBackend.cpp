#include "ReportBackend.h"

#include "ExportPath.h"
#include "Formats.h"
#include "HireSummaryPdf.h"

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

/// \a name in the folder a save dialog opens in.
QUrl inDocuments(const QString& name)
{
    return QUrl::fromLocalFile(QDir(exportFolderPath()).filePath(name));
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

QList<ReportChartModel::Bar> progressBars(const report::Figures& f, QString* summary)
{
    QList<ReportChartModel::Bar> bars;
    QStringList parts;
    int withAccess = 0;
    for (const report::HireProgress& p : f.progress) {
        ReportChartModel::Bar bar;
        bar.label = p.displayName;
        bar.key = p.hire;
        // The same count as the hire's Home and the mentor's page (all steps
        // finished, those waiting for review apart); the required ones, which
        // the gate waits for, in the sentence.
        bar.share = p.total > 0 ? double(p.done) / p.total : 0.0;
        bar.valueText = ReportBackend::tr("%1 of %2").arg(p.done).arg(p.total);
        bar.strong = p.access;
        bar.description = (p.access ? ReportBackend::tr("%1: %2, %3 of %4 required; production access granted")
                                    : ReportBackend::tr("%1: %2, %3 of %4 required; production access locked"))
                              .arg(p.displayName, progressText(p.done, p.total, p.waiting))
                              .arg(p.requiredDone)
                              .arg(p.required);
        withAccess += p.access ? 1 : 0;
        parts.append(bar.description);
        bars.append(bar);
    }
    if (!bars.isEmpty())
        *summary = ReportBackend::tr("%n hire(s), %1 with production access.", "", int(bars.size())).arg(withAccess)
            + QLatin1Char(' ') + parts.join(QStringLiteral(". ")) + QLatin1Char('.');
    return bars;
}

QList<ReportChartModel::Bar> cohortBars(const report::Figures& f, QString* summary, QString* scaleText)
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

QList<ReportChartModel::Bar> waitBars(const report::Figures& f, QString* summary, QString* scaleText)
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
            ReportBackend::tr("%1: %2 on average from done to approved, longest %3; %4 approved, %5 waiting")
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

QList<ReportChartModel::Bar> overdueBars(const report::Figures& f, QString* summary, QString* scaleText)
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
            ReportBackend::tr("%1, %2: due %3, %4 overdue")
                .arg(o.displayName, o.title, QLocale().toString(o.due, QLocale::ShortFormat), bar.valueText);
        parts.append(bar.description);
        bars.append(bar);
    }
    if (!bars.isEmpty())
        *summary = ReportBackend::tr("%n overdue step(s).", "", int(bars.size())) + QLatin1Char(' ')
            + parts.join(QStringLiteral(". ")) + QLatin1Char('.');
    *scaleText = ReportBackend::tr("%n day(s)", "", scale);
    return bars;
}

} // namespace

ReportBackend::ReportBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_progress, &m_cohorts, &m_waits, &m_overdue});
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
    QString summary;
    QString scale;
    const QList<ReportChartModel::Bar> progress = progressBars(figures, &summary);
    m_progress.setBars(progress, summary, tr("100%"));
    summary.clear();
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
    show({});
}

void ReportBackend::read()
{
    auto figures = std::make_shared<report::Figures>();
    load(
        [figures](Vault& vault) {
            QList<EnrollmentStatus> list;
            const Clock& clock = defaultClock();
            if (Error e = report::readEnrollments(vault, &list, clock))
                return e;
            *figures = report::compute(list, clock.now());
            return Error();
        },
        [this, figures](const Error& e) {
            show(e ? report::Figures() : *figures);
            setProblem(e.message);
        });
}

QUrl ReportBackend::exportFolder() const
{
    return QUrl::fromLocalFile(exportFolderPath());
}

QUrl ReportBackend::csvFileSuggestion() const
{
    const QDate today = defaultClock().now().toLocalTime().date();
    return inDocuments(QStringLiteral("onboarding-report-%1.csv").arg(today.toString(Qt::ISODate)));
}

QUrl ReportBackend::pdfFileSuggestion(const QString& hire) const
{
    // A sign-in name holds no path separators; anything else is left out of the name.
    QString name = hire.trimmed();
    name.remove(QLatin1Char('/'));
    name.remove(QLatin1Char('\\'));
    return inDocuments(name.isEmpty() ? QStringLiteral("onboarding-summary.pdf")
                                      : QStringLiteral("%1-onboarding-summary.pdf").arg(name));
}

void ReportBackend::exportCsv(const QUrl& file)
{
    const SavePath target = savePath(file, QStringLiteral("csv"));
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    run(
        [path](Vault& vault) -> Error {
            QList<EnrollmentStatus> list;
            if (Error e = report::readEnrollments(vault, &list))
                return e;
            if (Error e = writePrivateFile(path, report::toCsv(list), tr("the report file")))
                return savingFailed(e, path);
            return {};
        },
        [this, path](const Error& e) { report(e, tr("Exported the report to %1 (readable by you only).").arg(path)); },
        false);
}

void ReportBackend::exportPdf(const QUrl& file, const QString& hire)
{
    const SavePath target = savePath(file, QStringLiteral("pdf"));
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    if (hire.trimmed().isEmpty()) {
        Q_EMIT error(tr("Choose a hire whose summary to export."));
        return;
    }
    run(
        [path, hire](Vault& vault) -> Error {
            EnrollmentStatus status;
            if (Error e = Enrollments(vault).status(hire.trimmed(), &status))
                return e;
            QByteArray pdf;
            if (Error e = hireSummaryPdf(status, &pdf))
                return e;
            if (Error e = writePrivateFile(path, pdf, tr("the summary file")))
                return savingFailed(e, path);
            return {};
        },
        [this, path, hire](const Error& e) {
            report(e, tr("Exported the summary of %1 to %2 (readable by you only).").arg(hire.trimmed(), path));
        },
        false);
}

} // namespace onramp::ui
