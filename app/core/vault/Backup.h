#pragma once

#include "Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

namespace onramp {

class Vault;

/// Backups of a folder vault (docs/SECURITY.md, "Backups"): one file that
/// holds everything the folder needs to open — `vault.db` as SQLite's online
/// backup API copies it, still encrypted under the master key, and `keys.db`,
/// whose slots are as sealed as in the folder — taken while others keep
/// working, and brought back only by an admin, as a signed `vault.restore`.
///
/// The file: the line `ONRAMP-BACKUP-1`, a 4-byte big-endian length and a
/// JSON manifest (vault id, when and by whom it was taken, the audit head it
/// holds, each member's name, size and BLAKE2b-256, the BLAKE2b-256 of all
/// members together, and the taker's Ed25519 signature over the rest of the
/// manifest), the members' bytes in the manifest's order, and a BLAKE2b-256
/// of everything before it. It holds nothing in plaintext that the folder
/// does not hold in plaintext. Only an admin's backup is restored: the
/// signature is checked against the taker's key in the backed-up log.
namespace backup {

/// What a backup file holds.
struct Contents {
    QString vaultId;
    QDateTime takenAt;
    QString takenBy;
    qint64 headSequence = 0; ///< the newest audit entry in the backup
    QByteArray headHash;
    /// The taker's Ed25519 signature over signedManifest() (empty: a backup
    /// from before backups were signed, which restore() refuses).
    QByteArray signature;
    QByteArray signedManifest; ///< the bytes the taker signed, as read
    struct Member {
        QString name; ///< a file of the vault folder: vault.db, keys.db, DEMO-VAULT.txt
        QByteArray bytes;
    };
    QList<Member> members;
};

/// The largest manifest a backup file may carry.
constexpr qint64 kMaxManifestBytes = 64 * 1024;

/// Writes a backup of \a vault (unlocked by an admin, NotPermitted
/// otherwise: only an admin's backup is restored), signed by them, to \a file: a consistent copy of
/// the database and the key store, taken under the key-file lock and one read
/// transaction (writers wait for it, up to the busy timeout), written whole
/// or not at all (a temporary file beside \a file, fsynced, renamed; mode
/// 0600). An existing \a file is refused unless \a force. Nothing in the
/// vault folder changes. \a out, when given, receives the manifest (no bytes).
Error take(Vault& vault, const QString& file, bool force, const QDateTime& now, Contents* out = nullptr);

/// Reads \a file whole and checks it: ErrorKind::Io when it cannot be read,
/// InvalidInput when it is no Onramp backup, Damaged (naming the file and
/// the member) when a checksum does not match.
Error read(const QString& file, Contents* out);

/// What restore() did.
struct Restored {
    Contents backup; ///< the manifest, without the members' bytes
    qint64 epoch = 0; ///< the restore's number in the vault's log
    QString keptAside; ///< where the replaced folder now is; empty when there was none
    qint64 seenSequence = 0; ///< the newest entry this desktop had seen before
    bool seenNotInBackup = false; ///< this desktop had seen an entry the backup does not hold
    /// Restored into an empty folder, without --rollback: no vault to carry
    /// endings from, and this desktop saw nothing later than the backup
    /// (another desktop may have).
    bool carriedNothing = false;
    QString firstUse; ///< a note when this desktop pinned the vault just now
    int revokedAgain = 0; ///< grants the replaced vault had ended, ended again
    /// People the replaced vault had disabled whom the backup holds enabled:
    /// disabled again by the restore (their grants ended, their slots
    /// emptied, the production key rotated), by name.
    QStringList disabledAgain;
    /// People whose passphrase the replaced vault's log reset or changed
    /// after the backup was taken: the backup's slot opened with the one
    /// before, so they are disabled (`person.disable`) before anything else;
    /// a passphrase reset gives them a slot again. By name.
    QStringList passphraseShutOut;
    /// Logins at a source that the replaced vault made after the backup was
    /// taken (the restored copy knows nothing of them): dropped there, as
    /// "DISPLAY NAME's CREDENTIAL", or pending with why (the sweep retries).
    QStringList loginsDropped;
    QStringList loginsPending;
    QStringList loginsPendingWhy; ///< why each of loginsPending is pending, in its order
    /// The master key was rotated at the end (`vault.rekey`): someone was
    /// shut out above, or the replaced vault had rotated it since the backup.
    bool rekeyed = false;
    /// The production key was rotated (`production.rotate`): the replaced
    /// vault's log had rotated it since the backup was taken, so the
    /// backup's key may be in the hands that rotation shut out. A disable
    /// above rotates it too, and then this stays false.
    bool productionRotated = false;
    /// A hire's mentor change the replaced vault's log made, made again.
    struct MentorCarried {
        QString hire;
        QString mentor;
    };
    QList<MentorCarried> mentorsCarried;
    /// A hire's move the replaced vault's log made, made again.
    struct MoveCarried {
        QString hire;
        QString checklist;
        int version = 0;
    };
    QList<MoveCarried> movesCarried;
    /// What the replaced vault's log did that the restore could not do
    /// again, each a sentence saying what and what to do.
    QStringList notCarried;
    /// Set when the restore was refused because what the replaced vault
    /// ended cannot be carried over (its log does not verify, …) and only
    /// \a rollback would restore: why, in words that name no command.
    QString rollbackReason;
};

/// Restores \a file into the folder \a dir, as \a name (an admin of the
/// backed-up vault, exit 4 otherwise) with \a passphrase (exit 3 when wrong).
/// A \a dir that is not empty is refused (ErrorKind::Usage) unless \a
/// replace; it is then kept aside as `DIR.replaced-STAMP`, never deleted.
/// The backup is unpacked beside \a dir, checked in full and given its
/// signed `vault.restore` entry (when, by whom and with which head the
/// backup was taken) before one swap of the two folders puts it in place;
/// this desktop then accepts the restored head. Anything that fails before
/// the swap leaves \a dir as it was.
/// Over a vault (\a replace), a grant the replaced vault's log ended (a
/// revocation, a renewal, a move, a new mentor) is never brought back, nor a
/// grant of a person it disabled: the folder being replaced is opened as
/// \a name with \a passphrase first and its log verified (hashes, links,
/// signatures, authority, this desktop's root), and it must still hold the
/// newest entry this desktop saw; each such grant live in the backup is
/// ended again, as a signed `grant.revoke` of the restore's (\a revokedAgain
/// counts them). So does what the log did to people and enrollments: a
/// person it disabled whom the backup holds enabled is disabled again
/// (`person.disable`, which rotates the production key), a hire it gave
/// another mentor gets that mentor again (`enrollment.edit`, which ends the
/// old mentor's reviews and sign-off), and a hire it moved is moved again
/// (`enrollment.move`; the checklist version is imported again when the
/// backup lacks it), each signed by \a name in the restored log after its
/// `vault.restore`, before the restored folder is put in place. What cannot
/// be done again (a mentor the backup does not hold) is named in \a notCarried.
/// Before all that, a person whose passphrase the replaced vault's log reset
/// or changed since the backup (whose slot in the backup opens with the
/// passphrase they had then) is disabled (\a passphraseShutOut); when anyone
/// is shut out, or the replaced vault had rotated its master key since, the
/// restored copy's master key is rotated last (\a rekeyed). A login at a
/// source (a `postgresql` login) that the replaced vault made and the
/// backup does not know of (placed by the replaced vault's log alone) is
/// recorded pending in a signed `credential.drop` and dropped there once
/// the restored copy is in place (\a loginsDropped), or left pending for
/// the sweep (\a loginsPending).
/// Into an empty or missing folder, while this desktop saw an entry the
/// backup does not hold, there is nothing to carry them from. Either way
/// the restore is refused, saying why, unless \a rollback: the admin's
/// explicit word that the backup's state, grants and all, is the one wanted.
Error restore(const QString& file, const QString& dir, const QString& name, QByteArrayView passphrase, bool replace,
              const QDateTime& now, Restored* out = nullptr, bool rollback = false);

} // namespace backup
} // namespace onramp
