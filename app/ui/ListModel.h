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
///
/// A list that can grow to the whole vault (people, enrollments) is paged:
/// a view gets its rows a page at a time as it scrolls (canFetchMore() and
/// fetchMore()), and setFilter() narrows the whole list, not only the rows
/// fetched so far. A list whose rows are read a batch at a time (the
/// admin's to-do) says there are more to read (moreToRead): fetching past
/// its last row asks its backend for the next batch (moreWanted()), which
/// appendRows() adds.
class ListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    /// Every row of the list, whatever the filter and however many a view fetched.
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    /// True while the backend that fills the list reads it again.
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)
    /// Rows follow that the vault has not been read for yet (a view's next fetch reads them).
    Q_PROPERTY(bool moreToRead READ moreToRead NOTIFY moreToReadChanged FINAL)

public:
    /// How many rows a paged list hands a view at a time.
    static constexpr int kPageSize = 100;

    explicit ListModel(QObject* parent = nullptr)
        : QAbstractListModel(parent)
    {}

    /// The rows a view has: of those that match the filter, the ones fetched so far.
    int rowCount(const QModelIndex& parent = {}) const final;
    QVariant data(const QModelIndex& index, int role) const final;
    bool canFetchMore(const QModelIndex& parent) const final;
    void fetchMore(const QModelIndex& parent) final;

    int count() const { return size(); }
    /// The rows that match the filter, fetched or not (count() without one).
    int matchCount() const;
    bool isPaged() const { return m_paged; }
    bool isLoading() const { return m_loading; }
    void setLoading(bool loading);
    bool moreToRead() const { return m_moreToRead; }
    /// Whether rows follow those read so far (resetRows() keeps it; the
    /// backend sets it after each batch).
    void setMoreToRead(bool more);
    /// fetchMore() for a button that shows more rows (a Repeater fetches none itself).
    Q_INVOKABLE void fetchMoreRows() { fetchMore({}); }
    /// Keeps the rows one of whose \a roles holds \a text (ignoring case,
    /// leading and trailing spaces left out); an empty \a text keeps every
    /// row. The view starts again from the first page.
    void setFilter(const QString& text, const QList<int>& roles);

    /// Row \a row of those that match the filter, as a map of its role
    /// names (a detail pane's view of the selected row); empty when \a row
    /// is out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();
    void loadingChanged();
    /// The rows that match changed, in number or in which they are.
    void matchesChanged();
    void moreToReadChanged();
    /// A view fetched past the rows read so far of a list with more to read:
    /// its backend reads the next batch and hands it to appendRows().
    void moreWanted();

protected:
    /// Makes the list paged (from the constructor of a list that can be long).
    void setPaged(bool paged) { m_paged = paged; }
    /// How many rows there are.
    virtual int size() const { return 0; }
    /// The \a role of row \a row, which is in range.
    virtual QVariant value(int row, int role) const
    {
        Q_UNUSED(row)
        Q_UNUSED(role)
        return {};
    }
    /// Row \a row of the whole list (whatever the filter) as a map of its role names.
    QVariantMap rowMap(int row) const;
    /// Replaces every row: \a assign swaps the new rows in between the
    /// model's reset begin and end; countChanged follows when the count
    /// changed. A paged list starts again from its first page.
    void resetRows(const std::function<void()>& assign);
    /// Adds \a added rows after the others: \a assign appends them. A view
    /// gets them at once (they are the batch it asked for); \a more: whether
    /// still more follow.
    void appendRows(int added, const std::function<void()>& assign, bool more);

private:
    /// Row \a row of a view: its row in the whole list.
    int sourceRow(int row) const { return m_filtered ? m_matches.at(row) : row; }
    /// Finds the rows that match the filter again (inside a reset).
    void rematch();

    bool m_loading = false;
    bool m_paged = false;
    bool m_moreToRead = false;
    bool m_readingMore = false; ///< moreWanted() was emitted and its batch has not come yet
    int m_fetched = 0; ///< of the matching rows, how many a view has; paged lists only
    QString m_filterText;
    QList<int> m_filterRoles;
    bool m_filtered = false; ///< m_matches holds the matching rows; otherwise every row matches
    QList<int> m_matches;
};

} // namespace onramp::ui
