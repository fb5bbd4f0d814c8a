#include "KeyFileStore.h"

#include "Database.h"
#include "IoFaults.h"

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

namespace {

// The schema, exactly: an opened store must hold these objects and no other
// (no trigger, view or table a hire planted), compared by their SQL text.
const char* const kSchema[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE slots (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "state INTEGER NOT NULL CHECK (state IN (0, 1)), pending INTEGER NOT NULL CHECK (pending IN (0, 1)), "
    "body BLOB NOT NULL, UNIQUE (name, state))",
    "CREATE INDEX slots_pending ON slots (pending) WHERE pending = 1",
};
constexpr int kCurrent = 0;
constexpr int kSuperseded = 1;

QString rowKey(int state, const QString& name)
{
    return QString::number(state) + QLatin1Char(':') + name;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

struct Row {
    qint64 seq = 0;
    QString name;
    int state = 0;
    QByteArray body;
};

class Statement
{
public:
    Statement(sqlite3* db, const char* sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return m_rc == SQLITE_OK && m_stmt; }
    void bind(int i, const QString& text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, const QByteArray& blob)
    {
        sqlite3_bind_blob(m_stmt, i, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, qint64 value) { sqlite3_bind_int64(m_stmt, i, value); }
    int step() { return m_rc = sqlite3_step(m_stmt); }
    int columns() const { return sqlite3_column_count(m_stmt); }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    qint64 integer(int i) const { return sqlite3_column_int64(m_stmt, i); }
    QByteArray bytes(int i) const
    {
        const void* data = sqlite3_column_blob(m_stmt, i);
        return QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, i));
    }
    QByteArrayView view(int i) const
    {
        const void* data = sqlite3_column_blob(m_stmt, i);
        return QByteArrayView(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, i));
    }
    QString text(int i) const
    {
        const unsigned char* data = sqlite3_column_text(m_stmt, i);
        return QString::fromUtf8(reinterpret_cast<const char*>(data), sqlite3_column_bytes(m_stmt, i));
    }
    int rc() const { return m_rc; }

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = SQLITE_OK;
};

class Store
{
public:
    explicit Store(QString path)
        : m_path(std::move(path))
    {}
    ~Store()
    {
        if (m_db)
            sqlite3_close_v2(m_db);
    }
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    sqlite3* db() const { return m_db; }

    Error damaged(const QString& why) const
    {
        return Error(ErrorKind::Damaged,
                     Tr::tr("key store %1 is damaged: %2; restore it from a backup").arg(m_path, why));
    }
    Error failed(const QString& what) const
    {
        const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
        const int code = m_db ? sqlite3_errcode(m_db) & 0xff : SQLITE_ERROR;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            return Error(
                ErrorKind::Busy,
                Tr::tr("key store busy: another Onramp process is using %1; try again in a moment").arg(m_path));
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            return damaged(detail);
        return Error(ErrorKind::Io, Tr::tr("%1 in key store %2 failed: %3").arg(what, m_path, detail));
    }

    Error exec(const char* sql, const QString& what)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            return failed(what);
        return {};
    }

    /// Opens the store at the path, never through a link; \a created: a new,
    /// empty file that gets the schema.
    Error open(bool created)
    {
        io::installSqliteSeam();
        const QByteArray native = QFile::encodeName(m_path);
        struct stat st;
        if (::lstat(native.constData(), &st) != 0)
            return Error(ErrorKind::Damaged, Tr::tr("key store %1 is missing; restore it from a backup").arg(m_path));
        if (!S_ISREG(st.st_mode))
            return Error(
                ErrorKind::Damaged,
                S_ISLNK(st.st_mode)
                    ? Tr::tr("key store %1 is a symbolic link; restore the file itself from a backup").arg(m_path)
                    : Tr::tr("key store %1 is not a regular file; restore it from a backup").arg(m_path));
        if (st.st_size == 0 && !created)
            return damaged(Tr::tr("it is empty"));
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOFOLLOW;
        if (sqlite3_open_v2(native.constData(), &m_db, flags, nullptr) != SQLITE_OK)
            return failed(Tr::tr("opening"));
        sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
        // The least trust in what the file holds, and a commit that is durable.
        if (Error e = exec("PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; PRAGMA temp_store = MEMORY; "
                           "PRAGMA journal_mode = DELETE; PRAGMA synchronous = EXTRA",
                           Tr::tr("opening")))
            return e;
        if (created) {
            if (Error e = exec("BEGIN IMMEDIATE", Tr::tr("creating")))
                return e;
            for (const char* sql : kSchema)
                if (Error e = exec(sql, Tr::tr("creating")))
                    return e;
            const QByteArray version = "PRAGMA user_version = " + QByteArray::number(KeyFileStore::kSchemaVersion);
            if (Error e = exec(version.constData(), Tr::tr("creating")))
                return e;
            return exec("COMMIT", Tr::tr("creating"));
        }
        Statement version(m_db, "PRAGMA user_version");
        if (!version.ok() || version.step() != SQLITE_ROW)
            return failed(Tr::tr("reading"));
        const qint64 format = version.integer(0);
        if (format > KeyFileStore::kSchemaVersion)
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("key store %1 has format %2, written by a newer Onramp (this one reads up to %3); "
                                "upgrade Onramp")
                             .arg(m_path)
                             .arg(format)
                             .arg(KeyFileStore::kSchemaVersion));
        if (format != KeyFileStore::kSchemaVersion)
            return damaged(Tr::tr("no valid format version"));
        return checkSchema();
    }

    Error checkSchema()
    {
        static const QStringList expected = [] {
            QStringList sql;
            for (const char* statement : kSchema)
                sql.append(QString::fromUtf8(statement));
            return sql;
        }();
        Statement schema(m_db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name");
        if (!schema.ok())
            return failed(Tr::tr("reading"));
        QStringList found;
        while (schema.step() == SQLITE_ROW) {
            // The index behind UNIQUE (name, state) has no SQL of its own.
            if (schema.text(0) == QLatin1String("index") && schema.text(1) == QLatin1String("sqlite_autoindex_slots_1")
                && schema.text(2).isEmpty())
                continue;
            found.append(schema.text(2));
        }
        if (schema.rc() != SQLITE_DONE)
            return failed(Tr::tr("reading"));
        QStringList sortedExpected = expected;
        sortedExpected.sort();
        found.sort();
        if (found != sortedExpected)
            return damaged(Tr::tr("it holds tables, indexes or triggers that Onramp did not write"));
        return {};
    }

    Error meta(KeyFile* out, QByteArray* extraBytes)
    {
        const QByteArray query =
            QByteArray("SELECT key, CASE WHEN typeof(value) = 'blob' AND length(value) <= "
                       + QByteArray::number(KeyFileStore::kMaxMetaBytes)
                       + " THEN value END, CASE typeof(value) WHEN 'blob' THEN length(value) ELSE -1 END FROM meta");
        Statement select(m_db, query.constData());
        if (!select.ok())
            return failed(Tr::tr("reading"));
        QJsonObject extra;
        while (select.step() == SQLITE_ROW) {
            const QString key = select.text(0);
            if (select.integer(2) < 0)
                return damaged(
                    Tr::tr("its field %1 holds text or a number where Onramp writes bytes").arg(key.left(64)));
            if (const qint64 size = select.integer(2); size > KeyFileStore::kMaxMetaBytes)
                return damaged(Tr::tr("its field %1 holds %2, more than the %3 a field may hold")
                                   .arg(key.left(64), QLocale().formattedDataSize(size),
                                        QLocale().formattedDataSize(KeyFileStore::kMaxMetaBytes)));
            if (key == QLatin1String("vault_id")) {
                out->vaultId = QString::fromUtf8(select.bytes(1));
            } else if (key == QLatin1String("extra")) {
                *extraBytes = select.bytes(1);
                const QJsonDocument doc = QJsonDocument::fromJson(*extraBytes);
                if (!doc.isObject())
                    return damaged(Tr::tr("its top-level fields are not a JSON object"));
                extra = doc.object();
            }
        }
        if (select.rc() != SQLITE_DONE)
            return failed(Tr::tr("reading"));
        if (out->vaultId.isEmpty())
            return damaged(Tr::tr("no vault id"));
        out->extra = extra;
        return {};
    }

    /// Rows by \a sql (binding \a name when given) into \a rows, by sequence.
    /// A row past KeyFileStore::kMaxRowBytes, or slots past kMaxStoreBytes in
    /// all, are refused by their size alone, before a byte of them is read:
    /// a hire who plants a huge row costs a sign-in no memory, and the
    /// message names the row.
    Error rows(const char* sql, const QString& name, QMap<qint64, Row>* rows)
    {
        // Every row kept: their total first. (A query by name, by the pending
        // flag or for the first row is bounded by what it selects; it must not
        // pay for a pass over the whole table.)
        if (name.isNull() && !QByteArrayView(sql).contains("WHERE")) {
            Statement total(m_db,
                            "SELECT CAST(total(CASE typeof(body) WHEN 'blob' THEN length(body) ELSE 0 END) AS INTEGER) "
                            "FROM slots");
            if (!total.ok() || total.step() != SQLITE_ROW)
                return failed(Tr::tr("reading"));
            if (const qint64 bytes = total.integer(0); bytes > KeyFileStore::kMaxStoreBytes)
                return damaged(Tr::tr("its slots hold %1, more than the %2 the key store may hold")
                                   .arg(QLocale().formattedDataSize(bytes),
                                        QLocale().formattedDataSize(KeyFileStore::kMaxStoreBytes)));
        }
        return select(sql, name, [&](const Statement& row) {
            rows->insert(row.integer(0), {row.integer(0), row.text(1), int(row.integer(2)), row.bytes(3)});
        });
    }

    /// The row \a seq, which must be \a name's, into \a rows; bounded as
    /// select() bounds it.
    Error rowAt(qint64 seq, const QString& name, QMap<qint64, Row>* rows)
    {
        Statement select(m_db,
                         "SELECT seq, name, state, CASE WHEN typeof(body) = 'blob' AND length(body) <= "
                         "?2 THEN body END, CASE typeof(body) WHEN 'blob' THEN length(body) ELSE -1 END "
                         "FROM slots WHERE seq = ?1");
        if (!select.ok())
            return failed(Tr::tr("reading"));
        select.bind(1, seq);
        select.bind(2, qint64(KeyFileStore::kMaxRowBytes));
        if (select.step() != SQLITE_ROW)
            return select.rc() == SQLITE_DONE
                ? damaged(Tr::tr("row %1 (%2) went while it was read").arg(QString::number(seq), name.left(64)))
                : failed(Tr::tr("reading"));
        if (const qint64 size = select.integer(4); size > KeyFileStore::kMaxRowBytes || select.text(1) != name)
            return damaged(Tr::tr("row %1 (%2) changed while it was read").arg(QString::number(seq), name.left(64)));
        rows->insert(seq, {seq, name, int(select.integer(2)), select.bytes(3)});
        return {};
    }

    /// The rows of \a sql handed to \a visit as they are read (columns seq,
    /// name, state, ..., body), none kept: the record is valid during the
    /// call. Each row is bounded as rows() bounds it.
    template<typename Visit>
    Error select(const char* sql, const QString& name, Visit&& visit)
    {
        QByteArray query(sql);
        // Sizes by SQLite's length() of a blob, which reads no byte of it.
        // Onramp writes every record as a blob; of a row that holds text
        // (whose length() stops at a NUL and so can hide megabytes) or a
        // number nothing is read: it comes out empty, a damaged slot.
        const QByteArray bounded =
            "CASE WHEN typeof(body) = 'blob' AND length(body) <= " + QByteArray::number(KeyFileStore::kMaxRowBytes)
            + " THEN body END, CASE typeof(body) WHEN 'blob' THEN length(body) ELSE -1 END FROM slots";
        query.replace("body FROM slots", bounded);
        Statement select(m_db, query.constData());
        if (!select.ok())
            return failed(Tr::tr("reading"));
        if (!name.isNull())
            select.bind(1, name);
        while (select.step() == SQLITE_ROW) {
            if (const qint64 size = select.integer(select.columns() - 1); size > KeyFileStore::kMaxRowBytes)
                return damaged(Tr::tr("row %1 (%2) holds %3, more than the %4 a row may hold")
                                   .arg(QString::number(select.integer(0)), select.text(1),
                                        QLocale().formattedDataSize(size),
                                        QLocale().formattedDataSize(KeyFileStore::kMaxRowBytes)));
            // What an index a hire rewrote returns is checked against the row.
            if (!name.isNull() && select.text(1) != name)
                continue;
            visit(select);
        }
        if (select.rc() != SQLITE_DONE)
            return failed(Tr::tr("reading"));
        return {};
    }

    const QString& path() const { return m_path; }

private:
    QString m_path;
    sqlite3* m_db = nullptr;
};

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
