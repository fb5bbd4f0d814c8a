#include "Database.h"

#include "IoFaults.h"

#define SQLITE_HAS_CODEC 1
#include <sodium.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace onramp {

namespace {

constexpr qint64 kPageSize = 4096;

// sqlite3_key's raw-key form, x'<64 hex>', built in secure memory so that the
// hex copy of the key is wiped with the buffer.
SecureBytes rawKeyLiteral(const SecureBytes& key)
{
    SecureBytes literal(key.size() * 2 + 4);
    unsigned char* p = literal.data();
    p[0] = 'x';
    p[1] = '\'';
    sodium_bin2hex(reinterpret_cast<char*>(p + 2), key.size() * 2 + 1, key.data(), key.size());
    p[key.size() * 2 + 2] = '\'';
    return literal;
}

/// The file beside the database \a path that SQLite opens as its journal
/// (or WAL, or shared memory) and that is a symbolic link; empty when none
/// is. SQLite refuses one (SQLITE_OPEN_NOFOLLOW) with an error that names
/// no file.
QString linkedCompanion(const QString& path)
{
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        const QString companion = path + QLatin1String(suffix);
        if (QFileInfo(companion).isSymLink())
            return companion;
    }
    return {};
}

Error linkedCompanionError(const QString& companion)
{
    return Error(ErrorKind::Damaged,
                 Tr::tr("%1, the vault database's journal, is a symbolic link: Onramp never reads or writes a "
                        "journal through a link, where it could land in another file. Remove the link; the "
                        "vault keeps its last commit")
                     .arg(companion));
}

} // namespace

QStringList Database::failingPages() const
{
    QStringList pages;
    if (!m_db)
        return pages;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA cipher_integrity_check", -1, &statement, nullptr) != SQLITE_OK)
        return pages;
    static const QRegularExpression page(QStringLiteral("page (\\d+)"));
    while (sqlite3_step(statement) == SQLITE_ROW && pages.size() < 10) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        const QRegularExpressionMatch match = page.match(QString::fromUtf8(text ? text : ""));
        if (match.hasMatch())
            pages.append(match.captured(1));
    }
    sqlite3_finalize(statement);
    pages.removeDuplicates();
    return pages;
}

Error Database::errorFor(int code, const QString& what) const
{
    if (const QString companion = linkedCompanion(m_path); !companion.isEmpty())
        return linkedCompanionError(companion);
    const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(code));
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error(ErrorKind::Busy,
                     Tr::tr("vault busy: another Onramp process is using %1; try again in a moment").arg(m_path));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: {
        // "Malformed" says nothing to whoever reads it: the cipher's page
        // check names the pages whose bytes changed outside Onramp.
        if (const QStringList pages = failingPages(); !pages.isEmpty())
            return Error(ErrorKind::Damaged,
                         Tr::tr("vault database %1 was changed outside Onramp: page %2 fails its integrity check "
                                "(its HMAC does not match, as when a byte of it is changed); restore it from a "
                                "backup")
                             .arg(m_path, pages.join(QStringLiteral(", "))));
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1 is damaged or was tampered with (%2); restore it from a backup")
                         .arg(m_path, detail));
    }
    case SQLITE_CONSTRAINT:
    case SQLITE_ERROR:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
        return Error(ErrorKind::InvalidInput, Tr::tr("%1 in %2: %3").arg(what, m_path, detail));
    default:
        return Error(ErrorKind::Io, Tr::tr("%1 in %2 failed: %3").arg(what, m_path, detail));
    }
}

Error Database::open(const QString& path, const SecureBytes& rawKey, OpenMode mode, std::unique_ptr<Database>* out)
{
    io::installSqliteSeam();
    std::unique_ptr<Database> db(new Database(path));
    const QFileInfo info(path);
    if (mode == OpenMode::Existing) {
        // Never let SQLite turn a missing or emptied file into a new database.
        // Never through a link: whoever holds the vault's key can plant one.
        if (info.isSymLink())
            return Error(
                ErrorKind::Damaged,
                Tr::tr("vault database %1 is a symbolic link; restore the file itself from a backup").arg(path));
        if (!info.exists())
            return Error(ErrorKind::Damaged, Tr::tr("vault database %1 is missing").arg(path));
        if (const QString companion = linkedCompanion(path); !companion.isEmpty())
            return linkedCompanionError(companion);
        if (info.size() == 0 || info.size() % kPageSize != 0)
            return Error(ErrorKind::Damaged,
                         Tr::tr("vault database %1 is truncated (%2 bytes); restore it from a backup")
                             .arg(path)
                             .arg(info.size()));
    } else if (info.exists()) {
        return Error(ErrorKind::InvalidInput, Tr::tr("%1 already exists").arg(path));
    }
    // NOFOLLOW: SQLite refuses the file if it became a link since the check above.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOFOLLOW
        | (mode == OpenMode::Create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db->m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = db->errorFor(rc, Tr::tr("opening the vault database"));
        return e;
    }
    if (Error e = db->configure(rawKey, mode))
        return e;
    *out = std::move(db);
    return {};
}

Error Database::configure(const SecureBytes& rawKey, OpenMode mode)
{
    {
        const SecureBytes literal = rawKeyLiteral(rawKey);
        if (sqlite3_key(m_db, literal.data(), int(literal.size() - 1)) != SQLITE_OK)
            return Error(ErrorKind::Io, Tr::tr("cannot set the key of %1").arg(m_path));
    }
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    // SQLCipher logs a failed HMAC to stderr itself; the Error we return says it better.
    if (Error e = execute(QStringLiteral("PRAGMA cipher_log_level = NONE")))
        return e;
    // The first read proves the key (and plays back a hot journal left by a crash).
    Error error;
    scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema"), {}, &error);
    if (error)
        return error;
    // Nothing stored in the file runs with more than the least trust: a
    // trigger or view a hire planted cannot call functions with side effects.
    const QStringList setup = {
        QStringLiteral("PRAGMA trusted_schema = OFF"),
        QStringLiteral("PRAGMA temp_store = MEMORY"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA journal_mode = DELETE"),
        // EXTRA: the journal's removal, which is the commit, is synced too;
        // under FULL a power cut just after a commit can undo it.
        QStringLiteral("PRAGMA synchronous = EXTRA"),
        QStringLiteral("PRAGMA secure_delete = ON"),
    };
    for (const QString& sql : setup)
        if (Error e = execute(sql, {}, nullptr))
            return e;

    const QString version = scalar(QStringLiteral("PRAGMA cipher_version")).toString();
    const QStringList parts = version.section(QLatin1Char(' '), 0, 0).split(QLatin1Char('.'));
    const int major = parts.value(0).toInt();
    const int minor = parts.value(1).toInt();
    if (major < 4 || (major == 4 && minor < 6))
        return Error(ErrorKind::Io, Tr::tr("SQLCipher 4.6 or newer is needed, found '%1'").arg(version));
    if (scalar(QStringLiteral("PRAGMA cipher_page_size")).toLongLong() != kPageSize
        || scalar(QStringLiteral("PRAGMA cipher_use_hmac")).toLongLong() != 1
        || scalar(QStringLiteral("PRAGMA temp_store")).toLongLong() != 2)
        return Error(ErrorKind::Io,
                     Tr::tr("SQLCipher settings for %1 are not the pinned ones "
                            "(4096-byte pages, HMAC, temp store in memory)")
                         .arg(m_path));
    if (mode == OpenMode::Create)
        return {};

    // A file cut at a page boundary still decrypts; the header's page count tells.
    const qint64 pages = scalar(QStringLiteral("PRAGMA page_count")).toLongLong();
    const qint64 size = QFileInfo(m_path).size();
    if (pages * kPageSize != size)
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1 is truncated (%2 of %3 pages); restore it from a backup")
                         .arg(m_path)
                         .arg(size / kPageSize)
                         .arg(pages));
    // The HMAC of every page is checked as each page is read, and all of
    // them by checkIntegrity() (`vault check`): opening stays independent
    // of the file's size.
    return {};
}

Error Database::openInMemory(std::unique_ptr<Database>* out)
{
    std::unique_ptr<Database> db(new Database(QStringLiteral(":memory:")));
    const int rc = sqlite3_open_v2(":memory:", &db->m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr);
    if (rc != SQLITE_OK)
        return db->errorFor(rc, Tr::tr("opening an in-memory database"));
    *out = std::move(db);
    return {};
}

qint64 Database::dataVersion()
{
    // Asked for every row a session checks against its walk of the log:
    // prepared once, not per call.
    if (!m_db)
        return 0;
    if (!m_dataVersion && sqlite3_prepare_v2(m_db, "PRAGMA data_version", -1, &m_dataVersion, nullptr) != SQLITE_OK) {
        sqlite3_finalize(m_dataVersion);
        m_dataVersion = nullptr;
        return scalar(QStringLiteral("PRAGMA data_version")).toLongLong();
    }
    const qint64 version = sqlite3_step(m_dataVersion) == SQLITE_ROW ? sqlite3_column_int64(m_dataVersion, 0) : 0;
    sqlite3_reset(m_dataVersion);
    return version;
}

qint64 Database::totalChanges() const
{
    return m_db ? qint64(sqlite3_total_changes64(m_db)) : 0;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    sqlite3_finalize(m_dataVersion);
    m_dataVersion = nullptr;
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Error Database::execute(const QString& sql, const QVariantList& params, QList<QVariantList>* rows)
{
    if (!m_db)
        return Error(ErrorKind::Io, Tr::tr("the vault database %1 is closed").arg(m_path));
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &stmt, &tail);
    if (rc != SQLITE_OK)
        return errorFor(rc, Tr::tr("preparing a statement"));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
    if (!stmt)
        return {}; // only whitespace or a comment
    if (tail && QByteArray(tail).trimmed().size() > 0)
        return Error(ErrorKind::InvalidInput, Tr::tr("only one SQL statement at a time, in %1").arg(m_path));
    if (sqlite3_bind_parameter_count(stmt) != params.size())
        return Error(
            ErrorKind::InvalidInput,
            Tr::tr("statement expects %1 values, got %2").arg(sqlite3_bind_parameter_count(stmt)).arg(params.size()));
    for (int i = 0; i < params.size(); ++i) {
        const QVariant& v = params.at(i);
        const int index = i + 1;
        switch (v.isNull() ? QMetaType::UnknownType : v.typeId()) {
        case QMetaType::UnknownType:
            rc = sqlite3_bind_null(stmt, index);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(stmt, index, v.toLongLong());
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(stmt, index, v.toDouble());
            break;
        case QMetaType::QString: {
            const QByteArray text = v.toString().toUtf8();
            rc = sqlite3_bind_text(stmt, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::QByteArray: {
            const QByteArray blob = v.toByteArray();
            rc = sqlite3_bind_blob(stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
            break;
        }
        default:
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("cannot store a value of type %1").arg(QString::fromLatin1(v.typeName())));
        }
        if (rc != SQLITE_OK)
            return errorFor(rc, Tr::tr("binding a value"));
    }
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!rows)
            continue;
        QVariantList row;
        const int columns = sqlite3_column_count(stmt);
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                row.append(qint64(sqlite3_column_int64(stmt, c)));
                break;
            case SQLITE_FLOAT:
                row.append(sqlite3_column_double(stmt, c));
                break;
            case SQLITE_TEXT:
                row.append(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                             sqlite3_column_bytes(stmt, c)));
                break;
            case SQLITE_BLOB:
                row.append(
                    QByteArray(static_cast<const char*>(sqlite3_column_blob(stmt, c)), sqlite3_column_bytes(stmt, c)));
                break;
            default:
                row.append(QVariant());
                break;
            }
        }
        rows->append(row);
    }
    if (rc != SQLITE_DONE)
        return errorFor(rc, Tr::tr("running a statement"));
    return {};
}

QVariant Database::scalar(const QString& sql, const QVariantList& params, Error* error)
{
    QList<QVariantList> rows;
    Error e = execute(sql, params, &rows);
    if (error)
        *error = e;
    if (e || rows.isEmpty() || rows.first().isEmpty())
        return {};
    return rows.first().first();
}

qint64 Database::lastInsertId() const
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

Error Database::rekey(const SecureBytes& newRawKey)
{
    if (!m_db)
        return Error(ErrorKind::Io, Tr::tr("the vault database %1 is closed").arg(m_path));
    const SecureBytes literal = rawKeyLiteral(newRawKey);
    const int rc = sqlite3_rekey(m_db, literal.data(), int(literal.size() - 1));
    if (rc != SQLITE_OK)
        return errorFor(rc, Tr::tr("re-encrypting the vault"));
    // sqlite3_rekey reports some failures only through the next statement.
    Error error;
    scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema"), {}, &error);
    return error;
}

Error Database::checkIntegrity(QStringList* report)
{
    const Error failed(ErrorKind::Damaged, Tr::tr("vault database %1 failed its integrity checks").arg(m_path));
    QList<QVariantList> rows;
    if (Error e = execute(QStringLiteral("PRAGMA cipher_integrity_check"), {}, &rows))
        return e;
    for (const QVariantList& row : rows)
        report->append(Tr::tr("cipher: %1").arg(row.value(0).toString()));
    // A page whose HMAC fails cannot be read, so SQLite's own check would
    // stop at it with an error of its own: the cipher's report says it all.
    if (!rows.isEmpty())
        return failed;
    if (Error e = execute(QStringLiteral("PRAGMA integrity_check"), {}, &rows))
        return e;
    if (rows.size() != 1 || rows.first().value(0).toString() != QLatin1String("ok")) {
        for (const QVariantList& row : rows)
            report->append(Tr::tr("sqlite: %1").arg(row.value(0).toString()));
        return failed;
    }
    report->append(Tr::tr("cipher_integrity_check: ok"));
    report->append(Tr::tr("integrity_check: ok"));
    return {};
}

bool Database::inTransaction() const
{
    return m_db && !sqlite3_get_autocommit(m_db);
}

qint64 Database::commitGroup(qint64 sequence)
{
    if (sqlite3_get_autocommit(m_db)) // a statement on its own is its own commit
        return sequence;
    if (m_commitGroup == 0)
        m_commitGroup = sequence;
    return m_commitGroup;
}

Database::ReadTransaction::ReadTransaction(Database& db)
    : m_db(db)
{
    if (m_db.inTransaction())
        return; // inside the caller's transaction, which sees the same snapshot
    m_begin = m_db.execute(QStringLiteral("BEGIN DEFERRED"));
    m_open = !m_begin.isError();
}

Database::ReadTransaction::~ReadTransaction()
{
    // Ending it releases the shared lock. COMMIT, not ROLLBACK: a statement
    // that wrote inside it would have committed on its own without it.
    if (m_open && m_db.inTransaction() && m_db.execute(QStringLiteral("COMMIT")) && m_db.inTransaction())
        m_db.execute(QStringLiteral("ROLLBACK"));
}

Database::Transaction::Transaction(Database& db)
    : m_db(db)
{
    m_begin = m_db.execute(QStringLiteral("BEGIN IMMEDIATE"));
    m_done = m_begin.isError();
    if (!m_done) {
        m_db.m_afterCommit.clear();
        m_db.m_afterRollback.clear();
        m_db.m_commitGroup = 0;
    }
}

Database::Transaction::~Transaction()
{
    if (!m_done) {
        m_db.execute(QStringLiteral("ROLLBACK"));
        m_db.m_afterCommit.clear();
        m_db.m_commitGroup = 0;
        std::vector<std::function<void()>> undo;
        undo.swap(m_db.m_afterRollback);
        for (const std::function<void()>& action : undo)
            action();
    }
}

Error Database::Transaction::commit()
{
    if (m_begin)
        return m_begin;
    if (m_done)
        return Error(ErrorKind::Io, QCoreApplication::translate("onramp", "transaction already finished"));
    Error e = m_db.execute(QStringLiteral("COMMIT"));
    // Removing the journal is the commit. When only the sync of its folder
    // failed after that, the change took effect (a power cut may still undo
    // it, hence the error), and what follows a commit follows it.
    if (e && (sqlite3_extended_errcode(m_db.m_db) != SQLITE_IOERR_DIR_FSYNC || !sqlite3_get_autocommit(m_db.m_db)))
        return e;
    m_done = true;
    m_db.m_commitGroup = 0;
    m_db.m_afterRollback.clear();
    std::vector<std::function<void()>> actions;
    actions.swap(m_db.m_afterCommit);
    for (const std::function<void()>& action : actions)
        action();
    return e;
}

} // namespace onramp
