#pragma once

#include "ListModel.h"

#include "people/Person.h"

namespace onramp::ui {

/// The people of the vault, for the admin: enabled and disabled alike.
class PersonListModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PersonListModel comes from an AdminBackend")

public:
    enum Roles {
        NameRole = Qt::UserRole + 1, ///< the sign-in name
        DisplayNameRole, ///< the name people read; the sign-in name when none was given
        RoleRole, ///< "hire", "mentor" or "admin"
        DisabledRole, ///< their passphrase opens nothing
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setPeople(const QList<Person>& people);
    /// The enabled people with \a role, in the list's order.
    QStringList names(Role role) const;

protected:
    int size() const override { return int(m_people.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<Person> m_people;
};

} // namespace onramp::ui
