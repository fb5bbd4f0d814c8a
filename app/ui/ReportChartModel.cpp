#include "ReportChartModel.h"

namespace onramp::ui {

QVariant ReportChartModel::value(int row, int role) const
{
    const Bar& bar = m_bars.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return bar.label;
    case KeyRole:
        return bar.key;
    case ShareRole:
        return bar.share;
    case ValueTextRole:
        return bar.valueText;
    case DescriptionRole:
        return bar.description;
    case StrongRole:
        return bar.strong;
    default:
        return {};
    }
}

QHash<int, QByteArray> ReportChartModel::roleNames() const
{
    return {{LabelRole, "label"},
            {KeyRole, "key"},
            {ShareRole, "share"},
            {ValueTextRole, "valueText"},
            {DescriptionRole, "description"},
            {StrongRole, "strong"}};
}

void ReportChartModel::setBars(const QList<Bar>& bars, const QString& summary, const QString& scaleText)
{
    resetRows([&] { m_bars = bars; });
    if (summary != m_summary || scaleText != m_scaleText) {
        m_summary = summary;
        m_scaleText = scaleText;
        Q_EMIT summaryChanged();
    }
}

} // namespace onramp::ui
