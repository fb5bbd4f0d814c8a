#include "KeyStoreFile.h"

#include "Database.h"
#include "IoFaults.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <sys/stat.h>

namespace onramp::keystore {

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

} // namespace

Error Store::open(bool created)
{
    io::installSqliteSeam();
    const QByteArray native = QFile::encodeName(m_path);
    struct stat st;
    if (::lstat(native.constData(), &st) != 0)
        return Error(ErrorKind::Damaged, Tr::tr("key store %1 is missing; restore it from a backup").arg(m_path));
    if (!S_ISREG(st.st_mode))
        return Error(ErrorKind::Damaged,
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

Error Store::checkSchema()
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

Error Store::meta(KeyFile* out, QByteArray* extraBytes)
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
            return damaged(Tr::tr("its field %1 holds text or a number where Onramp writes bytes").arg(key.left(64)));
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

Error Store::rows(const char* sql, const QString& name, QMap<qint64, Row>* rows)
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

Error Store::rowAt(qint64 seq, const QString& name, QMap<qint64, Row>* rows)
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

} // namespace onramp::keystore
