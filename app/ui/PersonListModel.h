#pragma once

#include "ListModel.h"

#include "people/Person.h"

#include <QSet>

namespace onramp::ui {

/// The people of the vault, for the admin: enabled and disabled alike.
class PersonListModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PersonListModel comes from an AdminBackend")
    /// The person a page has picked, by sign-in name; empty for none.
    Q_PROPERTY(QString selectedName READ selectedName WRITE setSelectedName NOTIFY selectionChanged FINAL)
    /// The picked person as a map of its role names; empty when nobody is picked or they are gone.
    Q_PROPERTY(QVariantMap selected READ selected NOTIFY selectionChanged FINAL)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1, ///< the sign-in name
        DisplayNameRole, ///< the name people read; the sign-in name when none was given
        RoleRole, ///< "hire", "mentor" or "admin"
        DisabledRole, ///< their passphrase opens nothing
        RoleTitleRole, ///< the role in the words of the language in use
        HandedOverRole, ///< they still sign in with the first passphrase handed to them
    };
    Q_ENUM(Roles)

    /// A paged list: a view fetches its rows a page at a time.
    explicit PersonListModel(QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    /// \a handedOver: the names of those still holding a handed-over first
    /// passphrase (firstpassphrase::stillHanded).
    void setPeople(const QList<Person>& people, const QSet<QString>& handedOver = {});
    /// The enabled people with \a role, in the list's order.
    QStringList names(Role role) const;
    /// The enabled people with \a role, for a picker: [{name, shownName,
    /// label}], the label the display name with the sign-in name after it.
    QVariantList choices(Role role) const;
    /// The name \a name goes by (Person::shownName); \a name itself when nobody has it.
    QString shownNameOf(const QString& name) const;
    /// Whether the person named \a name is disabled, as the list last read them.
    bool isDisabled(const QString& name) const;
    /// The enabled admins and mentors (who hold the production key) still
    /// signing in with a handed-over first passphrase, by the names they go by.
    QStringList handedOverKeyHolders() const;
    /// Whether anyone in the vault, enabled or disabled, goes by the sign-in name \a name.
    bool contains(const QString& name) const;
    QString selectedName() const { return m_selectedName; }
    void setSelectedName(const QString& name);
    QVariantMap selected() const;

Q_SIGNALS:
    void selectionChanged();

protected:
    int size() const override { return int(m_people.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<Person> m_people;
    QSet<QString> m_handedOver;
    QString m_selectedName;
};

} // namespace onramp::ui
