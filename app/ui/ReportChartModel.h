#pragma once

#include "ListModel.h"

namespace onramp::ui {

/// One bar chart of the report page: a row per bar, each with its label, its
/// length as a share of the chart's scale and its figure in words, and a
/// summary of the whole chart for screen readers. The figures come from
/// report::compute(); ReportBackend fills the four charts.
class ReportChartModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ReportChartModel comes from a ReportBackend")
    /// The figures of the whole chart in a sentence or two; empty without rows.
    Q_PROPERTY(QString summary READ summary NOTIFY summaryChanged FINAL)
    /// The figure at the right end of the axis, in words ("10 days"); the left end is zero.
    Q_PROPERTY(QString scaleText READ scaleText NOTIFY summaryChanged FINAL)
    /// A bar read so far is drawn in the third tone (MutedRole): its legend key shows.
    Q_PROPERTY(bool anyMuted READ anyMuted NOTIFY anyMutedChanged FINAL)

public:
    enum Roles {
        LabelRole = Qt::UserRole + 1, ///< what the bar stands for: a hire, a month, a step
        KeyRole, ///< the hire's sign-in name, the month or the step id
        ShareRole, ///< the bar's length, 0 to 1 of the scale
        ValueTextRole, ///< the figure in words, beside the bar
        DescriptionRole, ///< the bar in a sentence, for screen readers
        StrongRole, ///< drawn in the strong tone: access granted, or the worst of the chart
        MeasuredRole, ///< has a figure to draw; false for "none yet", drawn with no bar at all
        MutedRole, ///< drawn in the third tone: production access signed off, then revoked or expired
    };
    Q_ENUM(Roles)

    /// One bar.
    struct Bar {
        QString label;
        QString key;
        double share = 0;
        QString valueText;
        QString description;
        bool strong = false;
        bool measured = true; ///< false: nothing to measure yet ("none yet"), no bar drawn
        bool muted = false; ///< access taken back: neither locked nor unlocked
    };

    explicit ReportChartModel(QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    void setBars(const QList<Bar>& bars, const QString& summary, const QString& scaleText);
    /// A chart of \a total bars of which \a firstBars are read: a view gets
    /// a page at a time as it scrolls, and pageWanted() asks for the bars of a
    /// page fetched before they are read (shown empty until appendBars()).
    void setPagedBars(const QList<Bar>& firstBars, int total, const QString& summary, const QString& scaleText);
    /// The next bars of a paged chart, after those read so far.
    void appendBars(const QList<Bar>& bars);
    /// A row before the bars that stands for them all (a picker's "All
    /// hires", key empty); none while \a lead has no label. Kept until the
    /// next call; not one of bars().
    void setLeadingRow(const Bar& lead);
    /// A paged chart has rows in a view whose bars are not read yet.
    bool wantsBars() const { return rowCount() > m_bars.size() + leading(); }
    QString summary() const { return m_summary; }
    QString scaleText() const { return m_scaleText; }
    bool anyMuted() const { return m_anyMuted; }
    /// The row's label and key, for tests and the PDF's choice of hire.
    const QList<Bar>& bars() const { return m_bars; }

Q_SIGNALS:
    void summaryChanged();
    void anyMutedChanged();
    /// A view fetched rows of a paged chart whose bars are not read yet.
    void pageWanted();

protected:
    int size() const override { return (m_total >= 0 ? m_total : int(m_bars.size())) + leading(); }
    QVariant value(int row, int role) const override;

private:
    void setSummary(const QString& summary, const QString& scaleText);
    /// anyMuted, read again from the bars.
    void updateMuted();
    /// 1 with a leading row, else 0.
    int leading() const { return m_lead.label.isEmpty() ? 0 : 1; }

    Bar m_lead;
    QList<Bar> m_bars;
    int m_total = -1; ///< a paged chart's bars, read or not; -1: every bar is read
    QString m_summary;
    QString m_scaleText;
    bool m_anyMuted = false;
};

} // namespace onramp::ui
