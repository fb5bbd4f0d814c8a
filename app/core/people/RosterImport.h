#pragma once

#include "Clock.h"
#include "Error.h"

#include <QString>
#include <QStringList>

namespace onramp {

class Vault;

/// What a roster import did.
struct RosterImportResult {
    QStringList added; ///< the new people, in the file's order
    QStringList enrolled; ///< the hires enrolled
    int unchanged = 0; ///< rows the vault already held as written
    QString passphraseFolder; ///< where the first passphrases were written; empty when none were
    /// For each of \a added, in words: their role and where their first
    /// passphrase came from ("sam (mentor): first passphrase read from
    /// /…/first/sam.txt"), for the admin to check before handing it over.
    QStringList passphraseSources;
};

/// An IT admin's roster import: a CSV file with a header row and the columns
/// `name,display_name,role` and, optionally, `mentor,checklist,start` (given
/// ones enroll a hire: checklist and mentor at least, start defaulting to
/// today) and `passphrase_file`.
///
/// Each new person gets a first passphrase: a random one of 128 bits and
/// more, written to FOLDER/NAME.txt (mode 0600) for IT to hand over, whose
/// slot uses the interactive Argon2id level; or, without a folder, the one
/// in the file their row's `passphrase_file` names, at the vault's level.
/// That file must be inside the CSV's own folder, named relative to it:
/// an absolute path, "..", a symbolic link leading out, anything but a
/// regular file of this user's, or one others may read or write (not 0600)
/// is a bad row, naming the cell. A FOLDER others can write (or another
/// user's, or a link) is refused before anything is read. Either way they
/// choose their own at their first sign-in (people/FirstPassphrase.h).
///
/// The whole file is checked before anything changes: every bad row is
/// named "FILE:LINE: …" (ErrorKind::InvalidInput) and nothing is added. A row
/// the vault already holds as written is left alone, so importing the same
/// file again adds nothing; a name that is a person with other data is a
/// bad row.
class RosterImport
{
public:
    explicit RosterImport(Vault& vault, const Clock& clock = defaultClock());

    /// Admin only: imports \a csvFile; \a passphraseFolder (created if
    /// missing) receives the new people's first passphrases, or is empty.
    Error run(const QString& csvFile, const QString& passphraseFolder, RosterImportResult* out);

    /// The most bad rows one error names; it counts the rest.
    static constexpr int kMaxReported = 20;

private:
    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace onramp
