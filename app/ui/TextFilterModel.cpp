#include "TextFilterModel.h"

#include "ListModel.h"

namespace onramp::ui {

TextFilterModel::TextFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // Cheap to send on every change, and "nothing matches" also depends on the source's rows.
    const auto recount = [this] { Q_EMIT countChanged(); };
    connect(this, &QAbstractItemModel::rowsInserted, this, recount);
    connect(this, &QAbstractItemModel::rowsRemoved, this, recount);
    connect(this, &QAbstractItemModel::modelReset, this, recount);
    connect(this, &QAbstractItemModel::layoutChanged, this, recount);
}

void TextFilterModel::setSource(QAbstractItemModel* source)
{
    if (source == sourceModel())
        return;
    if (ListModel* before = pagedSource())
        before->setFilter({}, {});
    setSourceModel(source);
    refilter();
    Q_EMIT sourceChanged();
}

void TextFilterModel::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    refilter();
    Q_EMIT textChanged();
}

void TextFilterModel::setRoles(const QStringList& roles)
{
    if (roles == m_roles)
        return;
    m_roles = roles;
    refilter();
    Q_EMIT rolesChanged();
}

ListModel* TextFilterModel::pagedSource() const
{
    auto* list = qobject_cast<ListModel*>(sourceModel());
    return list && list->isPaged() ? list : nullptr;
}

int TextFilterModel::count() const
{
    if (const ListModel* paged = pagedSource())
        return paged->matchCount();
    return rowCount();
}

bool TextFilterModel::nothingMatches() const
{
    if (const ListModel* paged = pagedSource())
        return paged->matchCount() == 0 && paged->count() > 0;
    return rowCount() == 0 && sourceModel() && sourceModel()->rowCount() > 0;
}

QVariantMap TextFilterModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount())
        return map;
    const QModelIndex at = index(row, 0);
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), at.data(it.key()));
    return map;
}

void TextFilterModel::refilter()
{
    m_roleIds.clear();
    if (sourceModel()) {
        const QHash<int, QByteArray> names = sourceModel()->roleNames();
        for (const QString& role : std::as_const(m_roles)) {
            const int id = names.key(role.toUtf8(), -1);
            if (id >= 0)
                m_roleIds.append(id);
        }
    }
    if (ListModel* paged = pagedSource())
        paged->setFilter(m_text, m_roleIds);
    invalidateFilter();
    Q_EMIT countChanged();
}

bool TextFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QString wanted = m_text.trimmed();
    if (wanted.isEmpty() || pagedSource())
        return true;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    for (const int role : m_roleIds) {
        if (row.data(role).toString().contains(wanted, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace onramp::ui
