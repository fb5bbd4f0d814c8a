// Key files as rows of the key store: reads that take only the rows a
// sign-in or an act needs, writes that change only the rows that differ, a
// new store built aside and renamed into place, and the move from keys.json.
// The file itself (its schema, opening it, bounded reads) is KeyStoreFile's.
#include "KeyFileStore.h"

#include "IoFaults.h"
#include "KeyStoreFile.h"

#include <sodium.h>
#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QSet>

#include <fcntl.h>
#include <memory>
#include <optional>
#include <sys/stat.h>

namespace onramp {

using keystore::Row;
using keystore::Statement;
using keystore::Store;

namespace {

constexpr int kCurrent = 0;
constexpr int kSuperseded = 1;
/// Past this many names, readRows() reads the whole table once rather than
/// each name through the index.
constexpr qsizetype kScanFrom = 64;

QString rowKey(int state, const QString& name)
{
    return QString::number(state) + QLatin1Char(':') + name;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

KeySlot slotFromRow(const Row& row)
{
    return KeyFileStore::slotFromRecord(row.name, row.body);
}

/// Two rows of one name and state: a store a hire changed by hand, perhaps
/// past its index (a row the index does not list is read by a scan only).
Error twoRows(const Store& store, qint64 first, qint64 second, const QString& name)
{
    return store.damaged(Tr::tr("rows %1 and %2 both hold a key slot of %3, which Onramp never writes")
                             .arg(QString::number(first), QString::number(second), name.left(64)));
}

// Builds \a out from \a rows; a superseded slot only beside a current one.
// Two rows of one name and state are damage.
Error fill(const Store& store, const QMap<qint64, Row>& rows, KeyFile* out)
{
    QHash<QString, qint64> seen;
    for (const Row& row : rows) {
        const QString key = rowKey(row.state, row.name);
        if (const auto it = seen.constFind(key); it != seen.cend())
            return twoRows(store, it.value(), row.seq, row.name);
        seen.insert(key, row.seq);
    }
    QList<KeySlot> superseded;
    for (const Row& row : rows) {
        if (row.name.isEmpty() || (row.state != kCurrent && row.state != kSuperseded))
            continue;
        (row.state == kCurrent ? out->slots : superseded).append(slotFromRow(row));
    }
    for (const KeySlot& slot : superseded)
        if (out->slot(slot.name))
            out->superseded.append(slot);
    return {};
}

QByteArray recordOf(const KeySlot& slot)
{
    // A damaged slot goes back as it was read.
    return !slot.damage.isEmpty() && !slot.rawRecord.isNull() ? slot.rawRecord : compact(KeyFile::slotToJson(slot));
}

// Makes the store hold \a keys: every row when \a covered is null, else the
// rows of the names in it (and the top-level fields). Reads what the store
// holds inside the transaction and writes only the rows that differ.
Error writeRows(Store& store, const KeyFile& keys, const QStringList* covered)
{
    struct Want {
        int state;
        const KeySlot* slot;
        QByteArray body;
    };
    QHash<QString, Want> want;
    for (int state : {kCurrent, kSuperseded})
        for (const KeySlot& slot : state == kCurrent ? keys.slots : keys.superseded)
            want.insert(rowKey(state, slot.name), {state, &slot, recordOf(slot)});

    if (Error e = store.exec("BEGIN IMMEDIATE", Tr::tr("writing")))
        return e;
    const auto rollback = [&store](Error e) {
        sqlite3_exec(store.db(), "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    };
    QMap<qint64, Row> current;
    if (!covered) {
        if (Error e = store.rows("SELECT seq, name, state, body FROM slots", QString(), &current))
            return rollback(e);
    } else {
        // The rows of the names read, and of any name the act set a slot for.
        QStringList names = *covered;
        for (const Want& w : std::as_const(want))
            if (!names.contains(w.slot->name))
                names.append(w.slot->name);
        for (const QString& name : std::as_const(names))
            if (Error e = store.rows("SELECT seq, name, state, body FROM slots WHERE name = ?", name, &current))
                return rollback(e);
    }
    QHash<QString, QByteArray> held;
    Statement remove(store.db(), "DELETE FROM slots WHERE seq = ?");
    if (!remove.ok())
        return rollback(store.failed(Tr::tr("writing")));
    for (const Row& row : std::as_const(current)) {
        const QString key = rowKey(row.state, row.name);
        if (want.contains(key) && !held.contains(key)) {
            held.insert(key, row.body);
            continue;
        }
        remove.bind(1, row.seq);
        if (remove.step() != SQLITE_DONE)
            return rollback(store.failed(Tr::tr("writing")));
        remove.reset();
    }
    Statement upsert(store.db(),
                     "INSERT INTO slots (name, state, pending, body) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (name, state) DO UPDATE SET pending = excluded.pending, "
                     "body = excluded.body");
    if (!upsert.ok())
        return rollback(store.failed(Tr::tr("writing")));
    // In the order of the KeyFile, so that a new store keeps its order.
    for (int state : {kCurrent, kSuperseded})
        for (const KeySlot& slot : state == kCurrent ? keys.slots : keys.superseded) {
            const QString key = rowKey(state, slot.name);
            const Want& w = want[key];
            if (w.slot != &slot || held.value(key) == w.body)
                continue;
            if (w.body.size() > KeyFileStore::kMaxSlotBytes)
                return rollback(Error(ErrorKind::InvalidInput,
                                      Tr::tr("the key slot of %1 in %2 would be %3, past the limit of %4 for one slot; "
                                             "nothing was changed")
                                          .arg(slot.name, store.path(), QLocale().formattedDataSize(w.body.size(), 1),
                                               QLocale().formattedDataSize(KeyFileStore::kMaxSlotBytes))));
            upsert.bind(1, slot.name);
            upsert.bind(2, qint64(state));
            upsert.bind(3, qint64(slot.sealedPendingMasterKey.isEmpty() ? 0 : 1));
            upsert.bind(4, w.body);
            if (upsert.step() != SQLITE_DONE)
                return rollback(store.failed(Tr::tr("writing")));
            upsert.reset();
        }
    KeyFile stored;
    QByteArray storedExtra;
    store.meta(&stored, &storedExtra); // a damaged meta row is replaced below
    Statement meta(store.db(),
                   "INSERT INTO meta (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!meta.ok())
        return rollback(store.failed(Tr::tr("writing")));
    const QByteArray extra = compact(keys.extra);
    const QList<std::pair<QString, QByteArray>> fields = {
        {QStringLiteral("extra"), extra == storedExtra ? QByteArray() : extra},
        {QStringLiteral("vault_id"), covered || stored.vaultId == keys.vaultId ? QByteArray() : keys.vaultId.toUtf8()}};
    for (const auto& [key, value] : fields) {
        if (value.isNull())
            continue;
        meta.bind(1, key);
        meta.bind(2, value);
        if (meta.step() != SQLITE_DONE)
            return rollback(store.failed(Tr::tr("writing")));
        meta.reset();
    }
    if (sqlite3_exec(store.db(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return rollback(store.failed(Tr::tr("writing")));
    return {};
}

// A new store at \a path holding \a keys: built under a temporary name and
// renamed into place, so that the path holds a whole store or none.
Error createStore(const QString& path, const KeyFile& keys, const QString& suffix = QStringLiteral(".new"))
{
    const QString temporary = path + suffix;
    for (const QString& leftover : {temporary, QString(temporary + QStringLiteral("-journal"))})
        io::unlink(QFile::encodeName(leftover).constData());
    const QByteArray native = QFile::encodeName(temporary);
    const int fd = io::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error(ErrorKind::Io, Tr::tr("cannot create key store %1: %2").arg(temporary, io::describe(errno)));
    io::close(fd);
    Error error;
    {
        Store store(temporary);
        error = store.open(true);
        if (!error)
            error = writeRows(store, keys, nullptr);
    }
    const QString dir = QFileInfo(path).absolutePath();
    if (!error && io::rename(native.constData(), QFile::encodeName(path).constData()) != 0)
        error = Error(ErrorKind::Io, Tr::tr("cannot write key store %1: %2").arg(path, io::describe(errno)));
    if (!error && io::syncDirectory(QFile::encodeName(dir).constData()) != 0)
        error = Error(ErrorKind::Io, Tr::tr("cannot write key store %1: %2").arg(path, io::describe(errno)));
    if (error)
        io::unlink(native.constData());
    return error;
}

// Before a vault's first sign-in with this version its slots are still in
// keys.json beside the store's path: they are read from there (the sign-in
// then migrates them, KeyFileStore::migrate).
std::optional<QString> legacyKeyFile(const QString& storePath)
{
    struct stat st;
    if (::lstat(QFile::encodeName(storePath).constData(), &st) == 0 || errno != ENOENT)
        return std::nullopt;
    const QString json = KeyFileStore::legacyPath(storePath);
    if (::lstat(QFile::encodeName(json).constData(), &st) != 0)
        return std::nullopt;
    return json;
}

} // namespace

QString KeyFileStore::legacyPath(const QString& storePath)
{
    return QFileInfo(storePath).dir().filePath(QStringLiteral("keys.json"));
}

namespace {

// What every read of the store starts with: slots not migrated yet are read
// from keys.json by \a legacy; otherwise the store is opened and its vault id
// and top-level fields read, and \a body reads the rows it wants.
template<typename Legacy, typename Body>
Error readStore(const QString& path, KeyFile* out, Legacy&& legacy, Body&& body)
{
    if (const std::optional<QString> json = legacyKeyFile(path))
        return legacy(*json);
    Store store(path);
    if (Error e = store.open(false))
        return e;
    KeyFile result;
    QByteArray extra;
    if (Error e = store.meta(&result, &extra))
        return e;
    if (Error e = body(store, result))
        return e;
    *out = std::move(result);
    return {};
}

} // namespace

KeySlot KeyFileStore::slotFromRecord(const QString& name, const QByteArray& record)
{
    const auto damagedSlot = [&](const QString& why, const QJsonObject& raw = {}) {
        KeySlot slot;
        slot.name = name;
        slot.damage = why;
        slot.raw = raw;
        slot.rawRecord = record;
        return slot;
    };
    if (record.size() > kMaxSlotBytes)
        return damagedSlot(Tr::tr("its record is larger than %1").arg(QLocale().formattedDataSize(kMaxSlotBytes)));
    const QJsonDocument doc = QJsonDocument::fromJson(record);
    if (!doc.isObject())
        return damagedSlot(Tr::tr("its record is not a JSON object"));
    KeySlot slot = KeyFile::slotFromJson(doc.object());
    // A slot filed under another person's name is that person's damaged
    // slot: the row, not the slot inside, decides whose it is.
    if (slot.name != name)
        return damagedSlot(Tr::tr("its record holds the slot of %1").arg(slot.name), doc.object());
    if (!slot.damage.isEmpty())
        slot.rawRecord = record;
    return slot;
}

QByteArray KeyFileStore::rowDigest(const QString& vaultId, const QString& name, int state, QByteArrayView record)
{
    crypto_generichash_state hash;
    crypto_generichash_init(&hash, nullptr, 0, crypto_generichash_BYTES);
    const QByteArray id = vaultId.toUtf8();
    const QByteArray who = name.toUtf8();
    const QByteArray which = QByteArray::number(state);
    for (const QByteArrayView part : {QByteArrayView("onramp-key-row-v1"), QByteArrayView(id), QByteArrayView(who),
                                      QByteArrayView(which), record}) {
        unsigned char length[8];
        for (int i = 0; i < 8; ++i)
            length[i] = static_cast<unsigned char>(quint64(part.size()) >> (8 * i));
        crypto_generichash_update(&hash, length, sizeof length);
        crypto_generichash_update(&hash, reinterpret_cast<const unsigned char*>(part.data()),
                                  static_cast<unsigned long long>(part.size()));
    }
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash_final(&hash, reinterpret_cast<unsigned char*>(digest.data()), std::size_t(digest.size()));
    return digest;
}

Error KeyFileStore::load(const QString& path, KeyFile* out)
{
    return readStore(
        path, out, [&](const QString& json) { return KeyFile::load(json, out); },
        [](Store& store, KeyFile& result) {
            QMap<qint64, Row> rows;
            if (Error e = store.rows("SELECT seq, name, state, body FROM slots", QString(), &rows))
                return e;
            if (Error e = fill(store, rows, &result))
                return e;
            if (result.slots.isEmpty())
                return store.damaged(Tr::tr("it holds no key slots"));
            result.m_fromStore = true;
            return Error();
        });
}

Error KeyFileStore::loadFor(const QString& path, const QString& name, KeyFile* out)
{
    return readStore(
        path, out, [&](const QString& json) { return KeyFile::loadFor(json, name, out); },
        [&name](Store& store, KeyFile& result) {
            QMap<qint64, Row> rows;
            // The first slot (what an unknown name is tried against) and every slot
            // of an interrupted rekey, then the name and, round by round, its signers.
            if (Error e = store.rows("SELECT seq, name, state, body FROM slots WHERE state = 0 ORDER BY seq LIMIT 1",
                                     QString(), &rows))
                return e;
            if (Error e = store.rows("SELECT seq, name, state, body FROM slots WHERE pending = 1", QString(), &rows))
                return e;
            QStringList wanted{name};
            QSet<QString> read;
            for (int round = 0; round < 8 && !wanted.isEmpty(); ++round) {
                for (const QString& n : std::as_const(wanted)) {
                    read.insert(n);
                    if (Error e = store.rows("SELECT seq, name, state, body FROM slots WHERE name = ?", n, &rows))
                        return e;
                }
                wanted.clear();
                for (const Row& row : std::as_const(rows)) {
                    if (!read.contains(row.name))
                        continue;
                    const KeySlot slot = slotFromRow(row);
                    if (!slot.signedBy.isEmpty() && !read.contains(slot.signedBy) && !wanted.contains(slot.signedBy))
                        wanted.append(slot.signedBy);
                }
            }
            if (Error e = fill(store, rows, &result))
                return e;
            for (const Row& row : std::as_const(rows))
                read.insert(row.name);
            result.m_coveredNames = QStringList(read.begin(), read.end());
            result.m_partial = true;
            result.m_fromStore = true;
            return Error();
        });
}

Error KeyFileStore::loadForAct(const QString& path, const QStringList& names, KeyFile* out)
{
    return readStore(
        path, out, [&](const QString& json) { return KeyFile::load(json, out); },
        [&names](Store& store, KeyFile& result) {
            // One pass: the rows of the names asked for, of a rekey or a reset
            // in flight are kept whole; of every other one, its digest only.
            const QSet<QString> asked(names.cbegin(), names.cend());
            QMap<qint64, Row> kept;
            QSet<QString> whole = asked;
            QList<std::pair<qint64, KeyFile::RowDigest>> others;
            // Every row of every name, by sequence: the rows read whole are
            // read by it, not by name through an index a hire may have
            // rewritten to hide one; and two rows of one name and state are
            // damage.
            QHash<QString, QList<qint64>> seqsOf;
            QHash<QString, qint64> seen;
            std::optional<std::pair<qint64, qint64>> twice;
            QString twiceName;
            if (Error e = store.select(
                    "SELECT seq, name, state, pending, body FROM slots NOT INDEXED", QString(),
                    [&](const Statement& row) {
                        const qint64 seq = row.integer(0);
                        const QString name = row.text(1);
                        const int state = int(row.integer(2));
                        seqsOf[name].append(seq);
                        const QString key = rowKey(state, name);
                        if (const auto it = seen.constFind(key); it != seen.cend()) {
                            if (!twice) {
                                twice = {it.value(), seq};
                                twiceName = name;
                            }
                        } else {
                            seen.insert(key, seq);
                        }
                        if (asked.contains(name) || state != kCurrent || row.integer(3) != 0) {
                            whole.insert(name);
                            return;
                        }
                        others.append(
                            {row.integer(0),
                             {name, state, KeyFileStore::rowDigest(result.vaultId, name, state, row.view(4))}});
                    }))
                return e;
            if (twice)
                return twoRows(store, twice->first, twice->second, twiceName);
            for (const QString& name : std::as_const(whole))
                for (const qint64 seq : seqsOf.value(name))
                    if (Error e = store.rowAt(seq, name, &kept))
                        return e;
            if (Error e = fill(store, kept, &result))
                return e;
            for (const auto& [seq, row] : std::as_const(others))
                if (!whole.contains(row.name))
                    result.m_otherRows.append(row);
            result.m_coveredNames = QStringList(whole.cbegin(), whole.cend());
            result.m_partial = true;
            result.m_fromStore = true;
            return Error();
        });
}

Error KeyFileStore::readRows(const QString& path, const QString& vaultId, const QStringList& names,
                             const std::function<void(const RowView&)>& visit)
{
    KeyFile header;
    return readStore(
        path, &header,
        [&](const QString& json) {
            return Error(ErrorKind::Damaged,
                         Tr::tr("key store %1 is gone, and a key file %2 is in its place; restore it from a backup")
                             .arg(path, json));
        },
        [&](Store& store, KeyFile& result) {
            if (result.vaultId != vaultId)
                return store.damaged(Tr::tr("it belongs to another vault"));
            // Many names (a fresh process checks every slot): one pass over
            // the table in the order of its key, keeping the names asked
            // for, instead of a statement and an index lookup a name.
            if (names.size() > kScanFrom) {
                const QSet<QString> wanted(names.cbegin(), names.cend());
                return store.select("SELECT seq, name, state, body FROM slots NOT INDEXED", QString(),
                                    [&](const Statement& row) {
                                        if (const QString name = row.text(1); wanted.contains(name))
                                            visit({name, int(row.integer(2)), row.view(3)});
                                    });
            }
            for (const QString& name : names)
                if (Error e = store.select("SELECT seq, name, state, body FROM slots WHERE name = ?", name,
                                           [&](const Statement& row) {
                                               visit({row.text(1), int(row.integer(2)), row.view(3)});
                                           }))
                    return e;
            return Error();
        });
}

Error KeyFileStore::loadHeader(const QString& path, KeyFile* out)
{
    return readStore(
        path, out, [&](const QString& json) { return KeyFile::load(json, out); },
        [](Store&, KeyFile& result) {
            result.m_partial = true;
            result.m_fromStore = true;
            return Error();
        });
}

Error KeyFileStore::save(const QString& path, const KeyFile& keys)
{
    if (keys.isPartial() && !keys.m_fromStore)
        return Error(ErrorKind::Io, Tr::tr("key file %1 was read in part and cannot be written").arg(path));
    struct stat st;
    if (!keys.m_fromStore && ::lstat(QFile::encodeName(path).constData(), &st) != 0 && errno == ENOENT)
        return createStore(path, keys);
    Store store(path);
    if (Error e = store.open(false))
        return e;
    return writeRows(store, keys, keys.isPartial() ? &keys.m_coveredNames : nullptr);
}

Error KeyFileStore::migrate(const QString& jsonPath, const QString& storePath)
{
    const QByteArray json = QFile::encodeName(jsonPath);
    const QByteArray dir = QFile::encodeName(QFileInfo(storePath).absolutePath());
    struct stat st;
    if (::lstat(QFile::encodeName(storePath).constData(), &st) == 0) {
        // The store stands; a key file beside it is what a crash after the
        // rename left, or an old one put back: neither is read.
        if (::lstat(json.constData(), &st) == 0
            && (io::unlink(json.constData()) != 0 || io::syncDirectory(dir.constData()) != 0))
            return Error(ErrorKind::Io, Tr::tr("cannot remove key file %1: %2").arg(jsonPath, io::describe(errno)));
        return {};
    }
    KeyFile keys;
    if (Error e = KeyFile::load(jsonPath, &keys))
        return e;
    if (Error e = createStore(storePath, keys, QStringLiteral(".migrating")))
        return e;
    if (io::unlink(json.constData()) != 0 || io::syncDirectory(dir.constData()) != 0)
        return Error(ErrorKind::Io, Tr::tr("cannot remove key file %1: %2").arg(jsonPath, io::describe(errno)));
    return {};
}

} // namespace onramp
