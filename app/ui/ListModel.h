#pragma once

#include <QAbstractListModel>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace onramp::ui {

/// What every list the pages show has in common: a row count and a
/// `loading` flag that QML binds to, and get(row) for a detail pane. Each
/// list names its rows' fields as roles, so that a delegate declares them
/// as `required property` and QML never passes a list of maps around.
class ListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    /// True while the backend that fills the list reads it again.
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)

public:
    explicit ListModel(QObject* parent = nullptr)
        : QAbstractListModel(parent)
    {}

    int rowCount(const QModelIndex& parent = {}) const final;
    QVariant data(const QModelIndex& index, int role) const final;

    int count() const { return size(); }
    bool isLoading() const { return m_loading; }
    void setLoading(bool loading);

    /// The row as a map of its role names (a detail pane's view of the
    /// selected row); empty when \a row is out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();
    void loadingChanged();

protected:
    /// How many rows there are.
    virtual int size() const { return 0; }
    /// The \a role of row \a row, which is in range.
    virtual QVariant value(int row, int role) const
    {
        Q_UNUSED(row)
        Q_UNUSED(role)
        return {};
    }
    /// Replaces every row: \a assign swaps the new rows in between the
    /// model's reset begin and end; countChanged follows when the count changed.
    void resetRows(const std::function<void()>& assign);

private:
    bool m_loading = false;
};

} // namespace onramp::ui
