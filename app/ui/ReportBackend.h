#pragma once

#include "ReportChartModel.h"
#include "VaultBackend.h"

#include "report/Report.h"

#include <QSet>
#include <QUrl>

namespace onramp::ui {

/// The report page: four charts computed from the enrollments the signed-in
/// person may see (report::summarize; the hires' progress a page at a time),
/// or from one hire's alone (report::figuresOf) when `hire` names one; the
/// report as CSV, and one hire's printable summary as PDF. Reads and writes
/// run on the session's worker.
class ReportBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// Steps done out of all steps per hire, the required ones in the description; the key is the hire's sign-in name.
    Q_PROPERTY(onramp::ui::ReportChartModel* progress READ progress CONSTANT FINAL)
    /// Average days from start to production access, per start month.
    Q_PROPERTY(onramp::ui::ReportChartModel* cohorts READ cohorts CONSTANT FINAL)
    /// Average time from done to approved (to now while waiting), per step, longest first.
    Q_PROPERTY(onramp::ui::ReportChartModel* waits READ waits CONSTANT FINAL)
    /// Days overdue, per hire and step, most first.
    Q_PROPERTY(onramp::ui::ReportChartModel* overdue READ overdue CONSTANT FINAL)
    /// Every hire the person may see, for the picker: "All hires" (key
    /// empty) first, then each hire (key: the sign-in name), a page at a time.
    Q_PROPERTY(onramp::ui::ReportChartModel* hires READ hires CONSTANT FINAL)
    /// The hire the charts and the exports are about (a sign-in name); empty
    /// for every hire. A change reads the report again.
    Q_PROPERTY(QString hire READ hire WRITE setHire NOTIFY hireChanged FINAL)
    /// The chosen hire's name as the charts show it; empty for every hire.
    Q_PROPERTY(QString hireName READ hireName NOTIFY hireNameChanged FINAL)
    /// Why the report could not be read; empty when it was.
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged FINAL)

public:
    explicit ReportBackend(QObject* parent = nullptr);

    ReportChartModel* progress() { return &m_progress; }
    ReportChartModel* cohorts() { return &m_cohorts; }
    ReportChartModel* waits() { return &m_waits; }
    ReportChartModel* overdue() { return &m_overdue; }
    QString problem() const { return m_problem; }
    ReportChartModel* hires() { return &m_hires; }
    QString hire() const { return m_hire; }
    void setHire(const QString& hire);
    QString hireName() const { return m_hireName; }

    /// Writes the report (report::toCsv) to \a file, atomically and readable
    /// by the owner only: every hire's rows, or the chosen hire's; done() or error().
    Q_INVOKABLE void exportCsv(const QUrl& file);
    /// Writes \a hire's summary (hireSummaryPdf) to \a file, atomically and
    /// readable by the owner only; done() or error().
    Q_INVOKABLE void exportPdf(const QUrl& file, const QString& hire);

    /// The file the CSV export's save dialog suggests: in the folder every
    /// export's dialog opens in (Session::exportFolder()),
    /// "onboarding-report-YYYY-MM-DD.csv" with today's date, or
    /// "onboarding-report-HIRE-YYYY-MM-DD.csv" for the chosen hire.
    Q_INVOKABLE QUrl csvFileSuggestion() const;
    /// The file the PDF export's save dialog suggests for \a hire (a sign-in
    /// name): "HIRE-onboarding-summary.pdf" in that folder.
    Q_INVOKABLE QUrl pdfFileSuggestion(const QString& hire) const;

    /// The overdue steps the chart shows at most, the most overdue.
    static constexpr int kOverdueShown = 100;

    /// Fills the charts from \a figures; public for the tests of the wording.
    void show(const report::Figures& figures);
    /// Fills the charts from \a figures, the progress chart paged: its first
    /// bars from \a firstHires, the others read as a view scrolls to them.
    /// With \a chosen, the charts show that hire's figures alone; the
    /// picker's list of hires comes from \a figures and \a firstHires still.
    void show(const report::Summary& figures, const QList<report::HireProgress>& firstHires,
              const report::Figures* chosen = nullptr);

Q_SIGNALS:
    void problemChanged();
    void hireChanged();
    void hireNameChanged();

protected:
    void read() override;
    void clear() override;

private:
    void setProblem(const QString& problem);
    /// Reads \a model's next page of hires (the progress chart's or the
    /// picker's), after the last one read.
    void readProgressPage(ReportChartModel* model);
    void setHireName(const QString& name);

    ReportChartModel m_hires;
    ReportChartModel m_progress;
    ReportChartModel m_cohorts;
    ReportChartModel m_waits;
    ReportChartModel m_overdue;
    QString m_problem;
    int m_pageGeneration = 0; ///< bumped by every show(): a page read for an older report is dropped
    QSet<const ReportChartModel*> m_pageReading; ///< the models whose next page is being read
    QString m_hire;
    QString m_hireName;
};

} // namespace onramp::ui
