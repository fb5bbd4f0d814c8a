#include "ExportPath.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace onramp::ui {

QString exportFolderPath()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir())
        return documents;
    return QDir::homePath();
}

QUrl exportFolderUrl()
{
    return QUrl::fromLocalFile(exportFolderPath());
}

QUrl exportFileUrl(const QString& name)
{
    return QUrl::fromLocalFile(QDir(exportFolderPath()).filePath(name));
}

namespace {

/// What the dialog joined: its folder, "/", and the name as typed.
QString joinedPath(const QUrl& chosen)
{
    if (chosen.isLocalFile())
        return chosen.toLocalFile();
    // Qt Quick's dialog makes its URL from a bare path, with no scheme; a
    // '#' or '?' typed in the name must not turn into a fragment or a query.
    if (chosen.scheme().isEmpty())
        return QUrl::fromPercentEncoding(chosen.toEncoded());
    return {};
}

/// The path as typed, from the dialog's join of its folder and the name: a
/// folder path never holds "//", so one there starts an absolute name; a
/// "~" folder there is the home folder the name was typed from.
QString asTyped(QString path)
{
    const qsizetype absolute = path.indexOf(QStringLiteral("//"));
    if (absolute >= 0)
        return path.mid(absolute + 1);
    const qsizetype home = path.indexOf(QStringLiteral("/~/"));
    if (home >= 0)
        return QDir::homePath() + path.mid(home + 2);
    if (path.endsWith(QStringLiteral("/~")))
        return QDir::homePath() + QLatin1Char('/');
    if (path == QLatin1String("~") || path.startsWith(QStringLiteral("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

SavePath savePath(const QUrl& chosen, const QString& suffix)
{
    const QString joined = joinedPath(chosen);
    if (joined.isEmpty()) {
        if (chosen.isEmpty())
            return {{}, QCoreApplication::translate("ExportPath", "Choose a file to export to.")};
        return {{},
                QCoreApplication::translate("ExportPath", "%1 is not a file on this computer; choose a folder here.")
                    .arg(chosen.toDisplayString())};
    }
    const QString typed = asTyped(joined);
    QString path = QDir::cleanPath(typed);
    if (QDir::isRelativePath(path))
        path = QDir::cleanPath(QDir(exportFolderPath()).absoluteFilePath(path));
    if (typed.endsWith(QLatin1Char('/')) || QFileInfo(path).isDir()) {
        const QString example = QDir(path).filePath(QStringLiteral("export.%1").arg(suffix));
        return {{},
                QCoreApplication::translate("ExportPath",
                                            "%1 is a folder. Type a file name after it, such as %2, and save again.")
                    .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(example))};
    }
    const QString name = QFileInfo(path).fileName();
    if (!suffix.isEmpty() && !name.contains(QLatin1Char('.')))
        path += QLatin1Char('.') + suffix;
    else if (!suffix.isEmpty() && name.endsWith(QLatin1Char('.')))
        path += suffix;
    return {path, {}};
}

SavePath exportTarget(const QUrl& chosen, const QString& suffix)
{
    SavePath target = savePath(chosen, suffix);
    if (!target.error.isEmpty())
        return target;
    const QFileInfo folder(QFileInfo(target.path).absolutePath());
    const QString shown = QDir::toNativeSeparators(folder.filePath());
    if (!folder.isDir())
        return {{},
                QCoreApplication::translate("ExportPath", "The folder %1 does not exist. Nothing was exported.")
                    .arg(shown)};
    if (!folder.isWritable())
        return {{},
                QCoreApplication::translate("ExportPath", "You cannot write in the folder %1. Nothing was exported.")
                    .arg(shown)};
    return target;
}

} // namespace onramp::ui
