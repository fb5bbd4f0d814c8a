#include "DemoPeopleModel.h"

namespace onramp::ui {

QVariant DemoPeopleModel::value(int row, int role) const
{
    const demo::DemoPerson& p = m_people.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return p.name;
    case DisplayNameRole:
        return p.displayName;
    case RoleRole:
        return p.role;
    case PassphraseRole:
        return p.passphrase;
    case ChangedRole:
        return m_changed.contains(p.name);
    default:
        return {};
    }
}

QHash<int, QByteArray> DemoPeopleModel::roleNames() const
{
    return {{NameRole, "name"},
            {DisplayNameRole, "displayName"},
            {RoleRole, "role"},
            {PassphraseRole, "passphrase"},
            {ChangedRole, "changed"}};
}

void DemoPeopleModel::setPeople(const QList<demo::DemoPerson>& people)
{
    resetRows([&] {
        m_people = people;
        m_changed.clear();
    });
}

void DemoPeopleModel::setChanged(const QStringList& names)
{
    if (names == m_changed)
        return;
    m_changed = names;
    if (!m_people.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_people.size()) - 1), {ChangedRole});
}

} // namespace onramp::ui
