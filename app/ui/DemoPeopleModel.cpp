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
    default:
        return {};
    }
}

QHash<int, QByteArray> DemoPeopleModel::roleNames() const
{
    return {{NameRole, "name"}, {DisplayNameRole, "displayName"}, {RoleRole, "role"}, {PassphraseRole, "passphrase"}};
}

void DemoPeopleModel::setPeople(const QList<demo::DemoPerson>& people)
{
    resetRows([&] { m_people = people; });
}

} // namespace onramp::ui
