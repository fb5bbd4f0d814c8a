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

public:
    enum Roles {
        LabelRole = Qt::UserRole + 1, ///< what the bar stands for: a hire, a month, a step
        KeyRole, ///< the hire's sign-in name, the month or the step id
        ShareRole, ///< the bar's length, 0 to 1 of the scale
        ValueTextRole, ///< the figure in words, beside the bar
        DescriptionRole, ///< the bar in a sentence, for screen readers
        StrongRole, ///< drawn in the strong tone: access granted, or the worst of the chart
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
    };

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setBars(const QList<Bar>& bars, const QString& summary, const QString& scaleText);
    QString summary() const { return m_summary; }
    QString scaleText() const { return m_scaleText; }
    /// The row's label and key, for tests and the PDF's choice of hire.
    const QList<Bar>& bars() const { return m_bars; }

Q_SIGNALS:
    void summaryChanged();

protected:
    int size() const override { return int(m_bars.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<Bar> m_bars;
    QString m_summary;
    QString m_scaleText;
};

} // namespace onramp::ui
