#pragma once

#include <QString>
#include <QUrl>

namespace onramp::ui {

/// The folder a save dialog opens in: the person's documents folder when it
/// exists, else their home; a dialog opened at a missing folder is a dead end.
QString exportFolderPath();

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

} // namespace onramp::ui
