#include "VaultFolders.h"

#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace onramp::ui {

namespace {

/// The context of this file's texts for translators.
struct VaultFolders {
    Q_DECLARE_TR_FUNCTIONS(VaultFolders)
};

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

/// The folders directly inside \a folder that hold a vault, by name.
QStringList vaultsInside(const QString& folder)
{
    QStringList found;
    const QFileInfoList children = QDir(folder).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& child : children) {
        if (holdsVault(child.absoluteFilePath()))
            found.append(child.fileName());
    }
    return found;
}

bool isEmptyFolder(const QString& folder)
{
    return QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

} // namespace

bool holdsVault(const QString& folder)
{
    const QDir dir(folder);
    return QFileInfo::exists(dir.filePath(Vault::keyFileName()))
        || QFileInfo::exists(dir.filePath(Vault::legacyKeyFileName()));
}

QString localPath(const QString& given)
{
    QString path = given.trimmed();
    if (path.startsWith(QLatin1String("file:")))
        path = QUrl(path).toLocalFile();
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    if (path.isEmpty())
        return {};
    return QDir::cleanPath(QFileInfo(QDir::fromNativeSeparators(path)).absoluteFilePath());
}

FoundVault findVault(const QString& chosen)
{
    const QString path = localPath(chosen);
    if (path.isEmpty())
        return {{}, VaultFolders::tr("Choose the vault folder your admin gave you.")};
    const QFileInfo info(path);
    if (!info.exists())
        return {{}, VaultFolders::tr("%1 is not a folder on this computer; nothing was opened.").arg(shown(path))};
    const QString start = info.isDir() ? path : info.absolutePath();
    // The folder itself, or the vault folder that a file or a folder inside belongs to.
    for (QDir dir(start);;) {
        if (holdsVault(dir.absolutePath()))
            return {QDir::cleanPath(dir.absolutePath()), {}};
        if (!dir.cdUp())
            break;
    }
    // One step short: the folder the vault folder is in, when it holds one alone.
    const QStringList inside = vaultsInside(start);
    if (inside.size() == 1)
        return {QDir(start).filePath(inside.constFirst()), {}};
    if (inside.size() > 1)
        return {{},
                VaultFolders::tr("%1 holds %n vaults (%2); open the folder of the one you mean. Nothing was opened.",
                                 nullptr, int(inside.size()))
                    .arg(shown(start), inside.join(QStringLiteral(", ")))};
    if (QFileInfo::exists(QDir(start).filePath(Vault::databaseFileName())))
        return {
            {},
            VaultFolders::tr("%1 is not a whole Onramp vault: its key store (%2) is missing beside its database (%3); "
                             "nothing was opened.")
                .arg(shown(start), Vault::keyFileName(), Vault::databaseFileName())};
    return {{},
            VaultFolders::tr(
                "%1 is not an Onramp vault, and no folder directly inside it is one. A vault folder holds the key "
                "store (%2) and the encrypted database (%3) side by side: choose that folder, the one your admin "
                "gave you. Nothing was opened.")
                .arg(shown(start), Vault::keyFileName(), Vault::databaseFileName())};
}

QString suggestedVaultFolder()
{
    const QDir onramp(QDir(QDir::homePath()).filePath(QStringLiteral("Onramp")));
    for (int n = 1;; ++n) {
        const QString name = n == 1 ? QStringLiteral("vault") : QStringLiteral("vault-%1").arg(n);
        const QString folder = QDir::cleanPath(onramp.filePath(name));
        const QFileInfo info(folder);
        if (!info.exists() || (info.isDir() && isEmptyFolder(folder)))
            return folder;
    }
}

QString newVaultFolderIn(const QString& chosen, const QString& name)
{
    const QString folder = localPath(chosen);
    if (folder.isEmpty())
        return {};
    const QFileInfo info(folder);
    if (!info.exists() || (info.isDir() && isEmptyFolder(folder)))
        return folder;
    const QString leaf = name.trimmed().isEmpty() ? QStringLiteral("vault") : name.trimmed();
    return QDir::cleanPath(QDir(folder).filePath(leaf));
}

QString newVaultFolderProblem(const QString& given)
{
    const QString folder = localPath(given);
    if (folder.isEmpty())
        return VaultFolders::tr("Choose the folder the vault goes in.");
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return VaultFolders::tr("%1 is a file; choose a folder for the vault.").arg(shown(folder));
    if (info.isDir() && holdsVault(folder))
        return VaultFolders::tr(
                   "There is a vault in %1 already: open it with Open a vault folder…, or choose another folder "
                   "for the new one.")
            .arg(shown(folder));
    if (info.isDir() && !isEmptyFolder(folder))
        return VaultFolders::tr(
                   "%1 holds other files: a new vault goes in an empty or a new folder. Choose another folder, or "
                   "type a new folder's name at the end.")
            .arg(shown(folder));
    // The nearest folder that exists must take the new folders.
    QString existing = folder;
    while (!QFileInfo(existing).exists() && QFileInfo(existing).absolutePath() != existing)
        existing = QFileInfo(existing).absolutePath();
    const QFileInfo parent(existing);
    if (!parent.isDir())
        return VaultFolders::tr("%1 is a file, so the folder %2 cannot be made; choose another folder.")
            .arg(shown(existing), shown(folder));
    if (!parent.isWritable())
        return VaultFolders::tr("You cannot write in %1; choose a folder of your own for the vault.")
            .arg(shown(existing));
    return {};
}

} // namespace onramp::ui
