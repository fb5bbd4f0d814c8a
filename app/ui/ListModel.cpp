#include "ListModel.h"

namespace onramp::ui {

int ListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : size();
}

QVariant ListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(index.row(), role);
}

void ListModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

QVariantMap ListModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= size())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), value(row, it.key()));
    return map;
}

void ListModel::resetRows(const std::function<void()>& assign)
{
    const int before = size();
    beginResetModel();
    assign();
    endResetModel();
    if (size() != before)
        Q_EMIT countChanged();
}

} // namespace onramp::ui
