#pragma once

#include "Error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace onramp {

/// What this desktop remembers of one vault, kept outside the vault folder
/// so that nobody who can rewrite the folder can rewrite it too: the vault's
/// root key (the key `vault.create` introduced, pinned on first use) and the
/// newest audit head this desktop has seen.
struct VaultPin {
    QByteArray rootKey; ///< Ed25519 public key of the vault's first admin
    qint64 headSequence = 0;
    QByteArray headHash; ///< the hash of entry headSequence
    /// The newest restore (an admin's signed `vault.restore`) this desktop accepted.
    qint64 epoch = 0;
    /// The last entry of the prefix whose signatures and authority this
    /// desktop verified (Ledger): later checks recompute its hashes only.
    qint64 verifiedSequence = 0;
    QByteArray verifiedHash;
    /// Each person's public key as the log gave it when this desktop last
    /// verified the vault: a slot replaced wholesale shows against it.
    QHash<QString, QByteArray> people;
    /// The keys of the enabled admins then: only one of them may take this
    /// desktop back to a restored state (a `vault.restore` they signed).
    QList<QByteArray> adminKeys;
};

/// What one check changes in a pin, written at once by TrustStore::update:
/// each part set applies as the call of the same name would.
struct PinUpdate {
    struct Restore {
        qint64 epoch = 0;
        qint64 sequence = 0;
        QByteArray hash;
    };
    struct Verified {
        qint64 sequence = 0;
        QByteArray hash;
        QHash<QString, QByteArray> people;
        QList<QByteArray> adminKeys;
    };
    std::optional<Restore> acceptRestore;
    std::optional<qint64> raiseEpoch;
    std::optional<std::pair<qint64, QByteArray>> advanceHead; ///< sequence and hash
    std::optional<Verified> advanceVerified;

    bool isEmpty() const { return !acceptRestore && !raiseEpoch && !advanceHead && !advanceVerified; }
};

/// One small JSON file per vault id, mode 0600, in the user's data folder
/// (`$XDG_DATA_HOME/onramp/trust`, or ONRAMP_TRUST_DIR where set). A file
/// read again with the same bytes is not parsed again (the process keeps
/// the last pin of each vault with the bytes it came from), and a write
/// costs what the file holds, once.
class TrustStore
{
public:
    /// The largest pin file read or written: it names every person's key
    /// (about 80 bytes each), so 100,000 people take about 8 MiB.
    static constexpr qint64 kFileLimit = 32 * 1024 * 1024;

    static QString directory();
    /// The pin of \a vaultId; nullopt when this desktop never opened it.
    /// A pin file that does not parse, or is larger than kFileLimit, is
    /// ErrorKind::Damaged naming it.
    static Error load(const QString& vaultId, std::optional<VaultPin>* out);
    /// Pins \a rootKey for \a vaultId if nothing is pinned yet; \a pinned
    /// tells whether this call did it (a first use to show the person).
    static Error pinRoot(const QString& vaultId, const QByteArray& rootKey, bool* pinned);
    /// Records a newer head; never lowers the one recorded.
    static Error advanceHead(const QString& vaultId, qint64 sequence, const QByteArray& hash);
    /// Records that the log up to \a sequence (hash \a hash) verified in full.
    static Error advanceVerified(const QString& vaultId, qint64 sequence, const QByteArray& hash,
                                 const QHash<QString, QByteArray>& people, const QList<QByteArray>& adminKeys);
    /// After this desktop disabled an admin or reset their passphrase: \a
    /// removed no longer counts as an admin's key, \a added (when not empty) does.
    static Error replaceAdminKey(const QString& vaultId, const QByteArray& removed, const QByteArray& added);
    /// After a verified `vault.restore` of \a epoch (newer than the pinned
    /// one): the head may go lower, to the restored vault's \a sequence.
    static Error acceptRestore(const QString& vaultId, qint64 epoch, qint64 sequence, const QByteArray& hash);
    /// After the whole log verified with restores up to \a epoch in it: a
    /// copy of the vault holding one of those restores is not a newer restore
    /// to this desktop. Never lowers the one recorded.
    static Error raiseEpoch(const QString& vaultId, qint64 epoch);
    /// Applies, in the order they are declared, every part of \a update
    /// under one lock, with one read and at most one write.
    static Error update(const QString& vaultId, const PinUpdate& update);
    /// A short, readable fingerprint of a key: 8 groups of 4 hex digits of its BLAKE2b hash.
    static QString fingerprint(const QByteArray& key);
};

} // namespace onramp
