#include "ReportChartModel.h"

#include <algorithm>

namespace onramp::ui {

ReportChartModel::ReportChartModel(QObject* parent)
    : ListModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, [this] {
        if (wantsBars())
            Q_EMIT pageWanted();
    });
}

QVariant ReportChartModel::value(int row, int role) const
{
    // A row a view fetched before its bar was read shows empty meanwhile.
    static const Bar kUnread;
    const int index = row - leading();
    const Bar& bar = index < 0 ? m_lead : index < m_bars.size() ? m_bars.at(index) : kUnread;
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
    case MeasuredRole:
        return bar.measured;
    case MutedRole:
        return bar.muted;
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
            {StrongRole, "strong"},
            {MeasuredRole, "measured"},
            {MutedRole, "muted"}};
}

void ReportChartModel::setBars(const QList<Bar>& bars, const QString& summary, const QString& scaleText)
{
    setPaged(false);
    resetRows([&] {
        m_bars = bars;
        m_total = -1;
    });
    setSummary(summary, scaleText);
    updateMuted();
}

void ReportChartModel::setPagedBars(const QList<Bar>& firstBars, int total, const QString& summary,
                                    const QString& scaleText)
{
    setPaged(true);
    resetRows([&] {
        m_bars = firstBars;
        m_total = std::max(total, int(firstBars.size()));
    });
    setSummary(summary, scaleText);
    updateMuted();
}

void ReportChartModel::setLeadingRow(const Bar& lead)
{
    if (leading() == (lead.label.isEmpty() ? 0 : 1)) {
        m_lead = lead;
        if (leading())
            Q_EMIT dataChanged(index(0), index(0));
        return;
    }
    resetRows([&] { m_lead = lead; });
}

void ReportChartModel::appendBars(const QList<Bar>& bars)
{
    const int first = int(m_bars.size()) + leading();
    const int room = size() - first;
    m_bars.append(bars.mid(0, std::max(0, room)));
    const int last = std::min(int(m_bars.size()) + leading(), rowCount()) - 1;
    if (last >= first)
        Q_EMIT dataChanged(index(first), index(last));
    updateMuted();
    if (wantsBars() && !bars.isEmpty())
        Q_EMIT pageWanted();
}

void ReportChartModel::updateMuted()
{
    const bool muted = std::any_of(m_bars.cbegin(), m_bars.cend(), [](const Bar& bar) { return bar.muted; });
    if (muted == m_anyMuted)
        return;
    m_anyMuted = muted;
    Q_EMIT anyMutedChanged();
}

void ReportChartModel::setSummary(const QString& summary, const QString& scaleText)
{
    if (summary != m_summary || scaleText != m_scaleText) {
        m_summary = summary;
        m_scaleText = scaleText;
        Q_EMIT summaryChanged();
    }
}

} // namespace onramp::ui
