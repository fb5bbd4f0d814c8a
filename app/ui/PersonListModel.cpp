#include "PersonListModel.h"

#include "Formats.h"
#include "HiddenText.h"

#include <algorithm>

namespace onramp::ui {

PersonListModel::PersonListModel(QObject* parent)
    : ListModel(parent)
{
    setPaged(true);
}

QVariant PersonListModel::value(int row, int role) const
{
    const Person& p = m_people.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return p.name;
    case DisplayNameRole:
        return hiddentext::shownPlainly(p.shownName(), hiddentext::Within::Name);
    case RoleRole:
        return roleName(p.role);
    case RoleTitleRole:
        return roleTitle(p.role);
    case DisabledRole:
        return p.disabled;
    case HandedOverRole:
        return m_handedOver.contains(p.name);
    default:
        return {};
    }
}

QHash<int, QByteArray> PersonListModel::roleNames() const
{
    return {{NameRole, "name"},         {DisplayNameRole, "displayName"}, {RoleRole, "role"},
            {DisabledRole, "disabled"}, {RoleTitleRole, "roleTitle"},     {HandedOverRole, "handedOver"}};
}

void PersonListModel::setPeople(const QList<Person>& people, const QSet<QString>& handedOver)
{
    resetRows([&] {
        m_people = people;
        m_handedOver = handedOver;
    });
    Q_EMIT selectionChanged(); // the picked person's values may have changed, or they may be gone
}

void PersonListModel::setSelectedName(const QString& name)
{
    if (name == m_selectedName)
        return;
    m_selectedName = name;
    Q_EMIT selectionChanged();
}

QVariantMap PersonListModel::selected() const
{
    for (int row = 0; row < m_people.size(); ++row) {
        if (m_people.at(row).name == m_selectedName)
            return rowMap(row);
    }
    return {};
}

QVariantList PersonListModel::choices(Role role) const
{
    QVariantList choices;
    for (const Person& p : m_people) {
        if (p.role != role || p.disabled)
            continue;
        const QString shown = hiddentext::shownPlainly(p.shownName(), hiddentext::Within::Name);
        const QString label = shown == p.name ? p.name : tr("%1 (%2)").arg(shown, p.name);
        choices.append(QVariantMap{
            {QStringLiteral("name"), p.name}, {QStringLiteral("shownName"), shown}, {QStringLiteral("label"), label}});
    }
    return choices;
}

QStringList PersonListModel::names(Role role) const
{
    QStringList names;
    for (const Person& p : m_people) {
        if (p.role == role && !p.disabled)
            names.append(p.name);
    }
    return names;
}

QString PersonListModel::shownNameOf(const QString& name) const
{
    for (const Person& p : m_people) {
        if (p.name == name)
            return p.shownName();
    }
    return name;
}

bool PersonListModel::isDisabled(const QString& name) const
{
    for (const Person& p : m_people)
        if (p.name == name)
            return p.disabled;
    return false;
}

QStringList PersonListModel::handedOverKeyHolders() const
{
    QStringList out;
    for (const Person& p : m_people)
        if (!p.disabled && p.role != Role::Hire && m_handedOver.contains(p.name))
            out.append(p.shownName());
    return out;
}

bool PersonListModel::contains(const QString& name) const
{
    return std::any_of(m_people.cbegin(), m_people.cend(), [&](const Person& p) { return p.name == name; });
}

} // namespace onramp::ui
