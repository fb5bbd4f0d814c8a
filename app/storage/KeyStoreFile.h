// The key store's file as SQLite holds it: its schema, exactly; opening it
// never through a link, with the least trust in what it holds and durable
// commits; and reads of its rows bounded by their size before a byte of them
// is read. What the rows mean (key slots, which rows a read needs, what a
// write changes) is KeyFileStore's.
#pragma once

#include "Error.h"
#include "KeyFile.h"
#include "KeyFileStore.h"

#include <sqlite3.h>

#include <QByteArrayView>
#include <QLocale>
#include <QMap>
#include <QString>

namespace onramp::keystore {

/// A row of the slots table.
struct Row {
    qint64 seq = 0;
    QString name;
    int state = 0;
    QByteArray body;
};

/// A prepared statement, finalized when it goes.
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

/// One open key store file; closed when it goes.
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
    Error open(bool created);
    /// Damage unless the file holds exactly kSchema's objects.
    Error checkSchema();
    /// The vault id and top-level fields into \a out; \a extraBytes: the latter as stored.
    Error meta(KeyFile* out, QByteArray* extraBytes);

    /// Rows by \a sql (binding \a name when given) into \a rows, by sequence.
    /// A row past KeyFileStore::kMaxRowBytes, or slots past kMaxStoreBytes in
    /// all, are refused by their size alone, before a byte of them is read:
    /// a hire who plants a huge row costs a sign-in no memory, and the
    /// message names the row.
    Error rows(const char* sql, const QString& name, QMap<qint64, Row>* rows);

    /// The row \a seq, which must be \a name's, into \a rows; bounded as
    /// select() bounds it.
    Error rowAt(qint64 seq, const QString& name, QMap<qint64, Row>* rows);

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

} // namespace onramp::keystore
