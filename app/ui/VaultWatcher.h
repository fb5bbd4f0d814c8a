#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

#include <utility>

namespace onramp::ui {

/// Watches a vault folder for what another process writes: the database,
/// the key store and the folder itself. A commit rewrites the database in
/// place; a journal comes and goes beside it, and an atomic rename replaces
/// a file, which the watcher then loses: every event adds the files again.
/// Emits changed() once the folder has been quiet for a moment, so that a
/// burst of writes (one command's transaction) is one reload. What changed
/// is not said and not trusted: the session reads again through the same
/// checks as a page load.
class VaultWatcher : public QObject
{
    Q_OBJECT

public:
    explicit VaultWatcher(QObject* parent = nullptr);

    /// Watches \a folder from now on; an empty one: nothing.
    void watch(const QString& folder);
    QString folder() const { return m_folder; }

Q_SIGNALS:
    /// Something in the folder was written; quiet for a moment since.
    void changed();

private:
    /// Adds the folder and those of its files that exist and are not watched yet.
    void rearm();
    void seen();

    QFileSystemWatcher m_watcher;
    QTimer m_quiet;
    QString m_folder;
    std::pair<qint64, qint64> m_identity{-1, -1}; ///< m_folder's device and inode when last armed
};

} // namespace onramp::ui
