#pragma once

#include <QString>
#include <QStringList>

namespace onramp::ui {

/// \a folder holds an Onramp vault's key store (whole or not).
bool holdsVault(const QString& folder);

/// A path as a person or a dialog gives it, as an absolute, clean local path:
/// a file: URL made a path, "~" the home folder; empty for nothing given.
QString localPath(const QString& given);

/// The vault folder a person meant, or why none was found.
struct FoundVault {
    QString folder; ///< absolute and clean; empty when problem says why not
    QString problem; ///< a sentence naming what was chosen; empty when folder holds
};

/// The vault folder \a chosen (a path or a file: URL) points at: the vault
/// folder itself; the vault folder a file or a folder inside it belongs to
/// (a folder dialog that went one step too far); or the one vault folder
/// directly inside \a chosen (one step short). Two or more vault folders
/// there are not guessed between: the problem names them. A folder with none
/// gets a problem that says what a vault folder holds.
FoundVault findVault(const QString& chosen);

/// Where the Welcome page offers to create a vault: "Onramp/vault" in the
/// home folder, a folder anyone can see and back up; "vault-2", "vault-3"…
/// when the one before is taken by anything but an empty folder.
QString suggestedVaultFolder();

/// The folder a new vault goes in when the person chose \a chosen in a
/// folder dialog: \a chosen itself when it is empty or does not exist yet,
/// else a new folder named \a name inside it (Onramp never fills a folder
/// that holds other files).
QString newVaultFolderIn(const QString& chosen, const QString& name);

/// Why a new vault cannot go in \a folder (one that holds a vault, or other
/// files, a file, a folder one cannot write in); "" when it can.
QString newVaultFolderProblem(const QString& folder);

} // namespace onramp::ui
