#pragma once

#include <QSortFilterProxyModel>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// A list as filtered by what a person types above it: the rows whose
/// `roles` (role names, such as "name" and "displayName") contain `text`,
/// ignoring case. An empty `text` keeps every row. Over a paged ListModel
/// the list filters itself, across all its rows and not only those a view
/// fetched (one TextFilterModel per paged list).
class TextFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    /// The list to filter.
    Q_PROPERTY(QAbstractItemModel* source READ sourceModel WRITE setSource NOTIFY sourceChanged FINAL)
    /// What to look for; leading and trailing spaces do not count.
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged FINAL)
    /// The role names whose values are searched.
    Q_PROPERTY(QStringList roles READ roles WRITE setRoles NOTIFY rolesChanged FINAL)
    /// The rows that match, fetched by a view or not.
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    /// True when `text` hides every row of a list that has some: "nothing matches".
    Q_PROPERTY(bool nothingMatches READ nothingMatches NOTIFY countChanged FINAL)

public:
    explicit TextFilterModel(QObject* parent = nullptr);

    void setSource(QAbstractItemModel* source);
    QString text() const { return m_text; }
    void setText(const QString& text);
    QStringList roles() const { return m_roles; }
    void setRoles(const QStringList& roles);
    int count() const;
    bool nothingMatches() const;
    /// The row as a map of its role names; empty when \a row is out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void sourceChanged();
    void textChanged();
    void rolesChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void refilter();
    /// The source when it is a paged ListModel, which filters itself.
    class ListModel* pagedSource() const;

    QString m_text;
    QStringList m_roles;
    QList<int> m_roleIds; ///< m_roles as the source's role numbers
};

} // namespace onramp::ui
