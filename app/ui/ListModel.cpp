#include "ListModel.h"

#include <algorithm>

namespace onramp::ui {

int ListModel::matchCount() const
{
    return m_filtered ? int(m_matches.size()) : size();
}

int ListModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_paged ? std::min(m_fetched, matchCount()) : matchCount();
}

QVariant ListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(sourceRow(index.row()), role);
}

bool ListModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid())
        return false;
    return (m_paged && m_fetched < matchCount()) || (m_moreToRead && !m_readingMore);
}

void ListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    if (!m_paged || m_fetched >= matchCount()) {
        // Every row read is in the view: the next batch comes from the vault.
        m_readingMore = true;
        Q_EMIT moreWanted();
        return;
    }
    const int more = std::min(kPageSize, matchCount() - m_fetched);
    beginInsertRows({}, m_fetched, m_fetched + more - 1);
    m_fetched += more;
    endInsertRows();
}

void ListModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void ListModel::setFilter(const QString& text, const QList<int>& roles)
{
    const QString wanted = text.trimmed();
    if (wanted == m_filterText && roles == m_filterRoles)
        return;
    beginResetModel();
    m_filterText = wanted;
    m_filterRoles = roles;
    rematch();
    m_fetched = std::min(kPageSize, matchCount());
    endResetModel();
    Q_EMIT matchesChanged();
}

void ListModel::rematch()
{
    m_filtered = !m_filterText.isEmpty();
    m_matches.clear();
    if (!m_filtered)
        return;
    const int rows = size();
    for (int row = 0; row < rows; ++row) {
        for (const int role : std::as_const(m_filterRoles)) {
            if (value(row, role).toString().contains(m_filterText, Qt::CaseInsensitive)) {
                m_matches.append(row);
                break;
            }
        }
    }
}

QVariantMap ListModel::get(int row) const
{
    if (row < 0 || row >= matchCount())
        return {};
    return rowMap(sourceRow(row));
}

QVariantMap ListModel::rowMap(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= size())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), value(row, it.key()));
    return map;
}

void ListModel::setMoreToRead(bool more)
{
    m_readingMore = false;
    if (more == m_moreToRead)
        return;
    m_moreToRead = more;
    Q_EMIT moreToReadChanged();
}

void ListModel::appendRows(int added, const std::function<void()>& assign, bool more)
{
    const int first = size();
    if (added <= 0) {
        setMoreToRead(more);
        return;
    }
    if (m_filtered) {
        resetRows(assign); // which of them match is found again; the view starts at the top
    } else if (m_paged && m_fetched < first) {
        assign(); // after rows no view has fetched yet: fetched like them
        Q_EMIT countChanged();
        Q_EMIT matchesChanged();
    } else {
        // The new rows are the list's last, and the view asked for them.
        beginInsertRows({}, first, first + added - 1);
        assign();
        m_fetched = first + added;
        endInsertRows();
        Q_EMIT countChanged();
        Q_EMIT matchesChanged();
    }
    setMoreToRead(more);
}

void ListModel::resetRows(const std::function<void()>& assign)
{
    const int before = size();
    beginResetModel();
    assign();
    rematch();
    // A reset puts the view back at the top: it starts again from one page
    // (Qt Quick's delegate model asks for one more at once).
    m_fetched = std::min(kPageSize, matchCount());
    endResetModel();
    if (size() != before)
        Q_EMIT countChanged();
    Q_EMIT matchesChanged();
}

} // namespace onramp::ui
