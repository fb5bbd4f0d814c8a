#include "VaultWatcher.h"

#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace onramp::ui {

namespace {

/// How long the folder stays quiet before a reload: a command's transaction
/// writes the journal, the database and the key store's head within it.
constexpr int kQuietMs = 250;

/// The device and inode of \a path; -1s when it cannot be read.
std::pair<qint64, qint64> identity(const QString& path)
{
    struct stat info {};
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {-1, -1};
    return {qint64(info.st_dev), qint64(info.st_ino)};
}

} // namespace

VaultWatcher::VaultWatcher(QObject* parent)
    : QObject(parent)
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kQuietMs);
    connect(&m_quiet, &QTimer::timeout, this, &VaultWatcher::changed);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &VaultWatcher::seen);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &VaultWatcher::seen);
}

void VaultWatcher::watch(const QString& folder)
{
    const QString absolute = folder.isEmpty() ? QString() : QFileInfo(folder).absoluteFilePath();
    if (absolute == m_folder)
        return;
    m_quiet.stop();
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty())
        m_watcher.removePaths(watched);
    m_folder = absolute;
    rearm();
}

void VaultWatcher::rearm()
{
    if (m_folder.isEmpty())
        return;
    // A restore swaps another folder in at the path: the watches still
    // listed are the old folder's, and the new one is watched afresh.
    const std::pair<qint64, qint64> now = identity(m_folder);
    if (now != m_identity) {
        const QStringList watched = m_watcher.files() + m_watcher.directories();
        if (!watched.isEmpty())
            m_watcher.removePaths(watched);
        m_identity = now;
    }
    const QDir dir(m_folder);
    QStringList wanted;
    if (dir.exists() && !m_watcher.directories().contains(m_folder))
        wanted.append(m_folder);
    for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName(), Vault::legacyKeyFileName()}) {
        const QString path = dir.filePath(name);
        if (QFileInfo::exists(path) && !m_watcher.files().contains(path))
            wanted.append(path);
    }
    if (!wanted.isEmpty())
        m_watcher.addPaths(wanted);
}

void VaultWatcher::seen()
{
    rearm(); // a file renamed over is a new file: watched again
    m_quiet.start();
}

} // namespace onramp::ui
