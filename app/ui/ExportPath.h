#pragma once

#include <QString>
#include <QUrl>

namespace onramp::ui {

/// The folder a save dialog opens in: the person's documents folder when it
/// exists, else their home; a dialog opened at a missing folder is a dead end.
QString exportFolderPath();

/// exportFolderPath() as the URL a save dialog's currentFolder takes: the
/// one folder every export's dialog opens in.
QUrl exportFolderUrl();

/// The file \a name in exportFolderPath(), as the URL a save dialog's
/// selectedFile takes.
QUrl exportFileUrl(const QString& name);

/// Where to write the file a save dialog chose, or why not.
struct SavePath {
    QString path; ///< absolute and clean; empty when \a error says why not
    QString error; ///< a sentence naming what was typed; empty when \a path holds
};

/// The file \a chosen in a save dialog as the path to write, \a suffix (no
/// dot, e.g. "csv") added when the name has none. Qt Quick's own dialog joins
/// whatever was typed to its folder: an absolute path typed as the name
/// comes as "/home/me/Documents//tmp/x.csv" and "~/x.csv" as
/// "/home/me/Documents/~/x.csv"; both are taken as typed ("/tmp/x.csv", the
/// home folder). A relative name stays in the dialog's folder. A folder
/// (one that exists, or a name ending in "/") is refused, naming it.
SavePath savePath(const QUrl& chosen, const QString& suffix);

/// savePath() of \a chosen, and its folder checked: it is there and the
/// person may write in it; else an error that names the folder and says that
/// nothing was exported. Every export calls it before it reads anything, so
/// that an export that cannot be written reads (and records, for a
/// production secret) nothing.
SavePath exportTarget(const QUrl& chosen, const QString& suffix);

} // namespace onramp::ui
