#pragma once

#include "ListModel.h"

#include "Demo.h"

namespace onramp::ui {

/// The demo vault's people with their public passphrases, for the sign-in
/// page; empty for any other vault.
class DemoPeopleModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DemoPeopleModel comes from the Session")

public:
    enum Roles {
        NameRole = Qt::UserRole + 1, ///< the sign-in name
        DisplayNameRole,
        RoleRole, ///< "hire", "mentor" or "admin"
        PassphraseRole, ///< public: this is the demo
        /// The demo passphrase no longer opens the person's slot: they chose
        /// their own, or an admin reset it.
        ChangedRole,
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setPeople(const QList<demo::DemoPerson>& people);
    /// The people, by sign-in name, whose slot the demo passphrase no longer
    /// opens, as read from the key store; all others are as the demo made them.
    void setChanged(const QStringList& names);

protected:
    int size() const override { return int(m_people.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<demo::DemoPerson> m_people;
    QStringList m_changed;
};

} // namespace onramp::ui
