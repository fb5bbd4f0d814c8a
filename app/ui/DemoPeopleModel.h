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
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setPeople(const QList<demo::DemoPerson>& people);

protected:
    int size() const override { return int(m_people.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<demo::DemoPerson> m_people;
};

} // namespace onramp::ui
