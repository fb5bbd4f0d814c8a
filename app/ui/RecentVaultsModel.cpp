#include "RecentVaultsModel.h"

#include "VaultFolders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace onramp::ui {

namespace {

const QString kSettingsKey = QStringLiteral("recentVaults");

} // namespace

RecentVaultsModel::RecentVaultsModel(QObject* parent)
    : ListModel(parent)
{
    refresh();
}

QHash<int, QByteArray> RecentVaultsModel::roleNames() const
{
    return {{PathRole, "path"}, {NameRole, "name"}, {PresentRole, "present"}};
}

QVariant RecentVaultsModel::value(int row, int role) const
{
    const QString& folder = m_folders.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case PathRole:
        return QDir::toNativeSeparators(folder);
    case NameRole:
        return QFileInfo(folder).fileName().isEmpty() ? QDir::toNativeSeparators(folder) : QFileInfo(folder).fileName();
    case PresentRole:
        return m_present.at(row);
    default:
        return {};
    }
}

void RecentVaultsModel::refresh()
{
    QStringList folders = QSettings().value(kSettingsKey).toStringList();
    folders.removeAll(QString());
    QList<bool> present;
    for (const QString& folder : std::as_const(folders))
        present.append(holdsVault(folder));
    if (folders == m_folders && present == m_present)
        return;
    resetRows([&] {
        m_folders = folders;
        m_present = present;
    });
}

void RecentVaultsModel::store(const QStringList& folders)
{
    QSettings().setValue(kSettingsKey, folders);
    refresh();
}

void RecentVaultsModel::remember(const QString& folder)
{
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    QStringList folders = QSettings().value(kSettingsKey).toStringList();
    folders.removeAll(absolute);
    folders.prepend(absolute);
    store(folders.mid(0, kMaxRemembered));
}

void RecentVaultsModel::forget(const QString& folder)
{
    QStringList folders = QSettings().value(kSettingsKey).toStringList();
    folders.removeAll(QFileInfo(QDir::fromNativeSeparators(folder)).absoluteFilePath());
    store(folders);
}

QString RecentVaultsModel::newestPresent() const
{
    for (qsizetype row = 0; row < m_folders.size(); ++row) {
        if (m_present.at(row))
            return m_folders.at(row);
    }
    return {};
}

} // namespace onramp::ui
