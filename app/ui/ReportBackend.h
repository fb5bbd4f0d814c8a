#pragma once

#include "ReportChartModel.h"
#include "VaultBackend.h"

#include "report/Report.h"

#include <QUrl>

namespace onramp::ui {

/// The report page: four charts computed from the enrollments the signed-in
/// person may see (report::summarize; the hires' progress a page at a time),
/// the report as CSV, and one hire's
/// printable summary as PDF. Reads and writes run on the session's worker.
class ReportBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// Steps done out of all steps per hire, the required ones in the description; the key is the hire's sign-in name.
    Q_PROPERTY(onramp::ui::ReportChartModel* progress READ progress CONSTANT FINAL)
    /// Average days from start to production access, per start month.
    Q_PROPERTY(onramp::ui::ReportChartModel* cohorts READ cohorts CONSTANT FINAL)
    /// Average time from done to approved, per step, longest first.
    Q_PROPERTY(onramp::ui::ReportChartModel* waits READ waits CONSTANT FINAL)
    /// Days overdue, per hire and step, most first.
    Q_PROPERTY(onramp::ui::ReportChartModel* overdue READ overdue CONSTANT FINAL)
    /// Why the report could not be read; empty when it was.
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged FINAL)

public:
    explicit ReportBackend(QObject* parent = nullptr);

    ReportChartModel* progress() { return &m_progress; }
    ReportChartModel* cohorts() { return &m_cohorts; }
    ReportChartModel* waits() { return &m_waits; }
    ReportChartModel* overdue() { return &m_overdue; }
    QString problem() const { return m_problem; }

    /// Writes the report (report::toCsv) to \a file, atomically and readable
    /// by the owner only; done() or error().
    Q_INVOKABLE void exportCsv(const QUrl& file);
    /// Writes \a hire's summary (hireSummaryPdf) to \a file, atomically and
    /// readable by the owner only; done() or error().
    Q_INVOKABLE void exportPdf(const QUrl& file, const QString& hire);

    /// The folder the save dialogs open in: the documents folder when it
    /// exists, else the home folder.
    Q_INVOKABLE QUrl exportFolder() const;
    /// The file the CSV export's save dialog suggests: exportFolder(),
    /// "onboarding-report-YYYY-MM-DD.csv" with today's date.
    Q_INVOKABLE QUrl csvFileSuggestion() const;
    /// The file the PDF export's save dialog suggests for \a hire (a sign-in
    /// name): exportFolder(), "HIRE-onboarding-summary.pdf".
    Q_INVOKABLE QUrl pdfFileSuggestion(const QString& hire) const;

    /// The overdue steps the chart shows at most, the most overdue.
    static constexpr int kOverdueShown = 100;

    /// Fills the charts from \a figures; public for the tests of the wording.
    void show(const report::Figures& figures);
    /// Fills the charts from \a figures, the progress chart paged: its first
    /// bars from \a firstHires, the others read as a view scrolls to them.
    void show(const report::Summary& figures, const QList<report::HireProgress>& firstHires);

Q_SIGNALS:
    void problemChanged();

protected:
    void read() override;
    void clear() override;

private:
    void setProblem(const QString& problem);
    /// Reads the progress chart's next page of hires, after the last one read.
    void readProgressPage();

    ReportChartModel m_progress;
    ReportChartModel m_cohorts;
    ReportChartModel m_waits;
    ReportChartModel m_overdue;
    QString m_problem;
    int m_pageGeneration = 0; ///< bumped by every show(): a page read for an older report is dropped
    bool m_pageReading = false;
};

} // namespace onramp::ui
