#pragma once

#include "Error.h"
#include "KeyFile.h"

#include <QByteArrayView>
#include <QString>

#include <functional>

namespace onramp {

/// The key slots as a small unencrypted SQLite database (keys.db) beside the
/// vault: one row per slot, holding the slot's JSON object exactly as
/// keys.json holds it, so that a slot's signature and what verifies it do
/// not change. A sign-in reads its rows by name, and a write replaces only
/// the rows that changed since they were read, in one transaction.
///
/// The whole folder is the hire's to rewrite: the store is opened with the
/// least trust (no link followed, trusted_schema off, its schema compared
/// with the one expected, cells checked), a row whose name disagrees with the
/// name inside its slot is a damaged slot named by the row, and a slot past
/// kMaxSlotBytes is refused on write and read as damaged.
///
/// Until a vault's first sign-in migrates it, a store path with no store but
/// a keys.json beside it is read from that key file.
class KeyFileStore
{
public:
    /// PRAGMA user_version of the store this version writes and reads.
    static constexpr int kSchemaVersion = 1;
    /// The largest slot, as its JSON object: a slot is under 2 KiB.
    static constexpr qsizetype kMaxSlotBytes = 64 * 1024;
    /// The largest row read at all (a larger one is read as a damaged slot
    /// up to this size); past it, the store is refused by the row's size,
    /// unread, naming the row.
    static constexpr qint64 kMaxRowBytes = 1024 * 1024;
    /// The largest field of the meta table (the vault id, and the top-level
    /// fields kept as keys.json held them, which an old vault may have grown).
    static constexpr qint64 kMaxMetaBytes = 32 * 1024 * 1024;
    /// All the slots' records together: about 200,000 people's slots with
    /// room to spare. Past it the store is refused by its size, unread.
    static constexpr qint64 kMaxStoreBytes = 512LL * 1024 * 1024;
    /// The store's file name beside the vault database.
    static QString fileName() { return QStringLiteral("keys.db"); }
    /// True when \a path names a store rather than a JSON key file.
    static bool isStorePath(const QString& path) { return path.endsWith(QLatin1String(".db")); }

    /// keys.json beside \a storePath: where the slots were before the store.
    static QString legacyPath(const QString& storePath);

    /// Every slot, as KeyFile::load reads keys.json: a missing, linked or
    /// malformed store is ErrorKind::Damaged naming it; a slot that cannot
    /// be used is kept with KeySlot::damage saying why.
    static Error load(const QString& path, KeyFile* out);
    /// What signing in as \a name needs, read by name: as KeyFile::loadFor.
    /// The result isPartial(); unlike a partial JSON file it can be saved,
    /// writing only the rows it read.
    static Error loadFor(const QString& path, const QString& name, KeyFile* out);
    /// KeyFile::loadForAct() from the store: one pass over the rows, parsing
    /// only those of \a names, of an interrupted rekey (a pending master key)
    /// and of a superseded slot (with every row of their names); of each other
    /// row it keeps its rowDigest(). Errors as load().
    static Error loadForAct(const QString& path, const QStringList& names, KeyFile* out);
    /// What tells a row's exact content apart: BLAKE2b-256 of the vault id,
    /// the row's name and state and its record, each with its length.
    static QByteArray rowDigest(const QString& vaultId, const QString& name, int state, QByteArrayView record);
    /// A row as readRows() hands it out; \a record is valid during the call only.
    struct RowView {
        QString name;
        int state = 0;
        QByteArrayView record;
    };
    /// Every row of each of \a names, read by name, in one opening of the
    /// store; with the size limits of load(). The vault id is checked against
    /// \a vaultId: a store replaced since is damage.
    static Error readRows(const QString& path, const QString& vaultId, const QStringList& names,
                          const std::function<void(const RowView&)>& visit);
    /// A row's record as load() reads it into a slot: a record that cannot be
    /// used, or that holds the slot of another name, is a damaged slot saying why.
    static KeySlot slotFromRecord(const QString& name, const QByteArray& record);
    /// The vault id and the top-level fields (the audit head) without any
    /// slot: enough to mirror the audit head. The result isPartial().
    static Error loadHeader(const QString& path, KeyFile* out);
    /// Writes \a keys: a KeyFile read from this store writes the rows that
    /// changed since and removes the rows it read and dropped; any other
    /// KeyFile replaces every row. Creates the store when \a path does not
    /// exist. One transaction: a crash leaves the old rows or the new ones.
    /// Refuses, changing nothing, a slot larger than kMaxSlotBytes.
    static Error save(const QString& path, const KeyFile& keys);
    /// Builds \a storePath from the key file \a jsonPath when the store does
    /// not exist yet, then removes the key file. The store is built under a
    /// temporary name and renamed into place, so that a crash leaves either
    /// the key file alone (the next open migrates again) or the store. Call
    /// under the key-file lock. Nothing to do when the store exists.
    static Error migrate(const QString& jsonPath, const QString& storePath);
};

} // namespace onramp
