#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace onramp {

/// An open SQLCipher database: a thin RAII wrapper over the C API. Keyed with
/// a raw 256-bit key, rollback journal, temp files in memory, foreign keys on,
/// cipher settings asserted at open. Not thread-safe: one thread per Database.
class Database
{
public:
    enum class OpenMode { Existing, Create };

    /// Opens (or, with OpenMode::Create, creates) \a path with \a rawKey (32 bytes).
    /// A key that does not fit and a damaged file both give ErrorKind::Damaged
    /// naming the file; a locked file gives ErrorKind::Busy.
    static Error open(const QString& path, const SecureBytes& rawKey, OpenMode mode, std::unique_ptr<Database>* out);

    /// A plain in-memory database (no key, no file), for building the schema
    /// Onramp expects to compare a vault's with.
    static Error openInMemory(std::unique_ptr<Database>* out);

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one statement with bound \a params: qint64/int/bool -> INTEGER,
    /// double -> REAL, QString -> TEXT, QByteArray -> BLOB, null QVariant -> NULL.
    /// Result rows, when wanted, are appended to \a rows with the same mapping.
    Error execute(const QString& sql, const QVariantList& params = {}, QList<QVariantList>* rows = nullptr);
    /// The first column of the first row, or a null QVariant when there is none.
    QVariant scalar(const QString& sql, const QVariantList& params = {}, Error* error = nullptr);
    qint64 lastInsertId() const;
    /// PRAGMA data_version: changes when another connection commits.
    qint64 dataVersion();
    /// Rows this connection has changed since it opened (sqlite3_total_changes64).
    qint64 totalChanges() const;

    /// Runs \a action once the open transaction commits; a rollback drops it.
    /// For work outside the database that must follow a commit (the audit head
    /// mirror in the key file). Actions run in order; they must not throw.
    void afterCommit(std::function<void()> action) { m_afterCommit.push_back(std::move(action)); }
    /// Runs \a action once the open transaction rolls back (a failed step, a
    /// failed commit), after the ROLLBACK; a commit drops it. For undoing work
    /// outside the database that was to be recorded in it (a login a provider
    /// made at a database server). Actions run in order; they must not throw.
    void afterRollback(std::function<void()> action) { m_afterRollback.push_back(std::move(action)); }
    /// The first audit sequence appended in the open transaction (\a sequence
    /// when it is the first).
    qint64 commitGroup(qint64 sequence);
    /// True while a transaction is open (also after a COMMIT that failed and left it open).
    bool inTransaction() const;

    /// Re-encrypts every page with \a newRawKey in one journaled transaction:
    /// a crash leaves the file readable with exactly one of the two keys.
    Error rekey(const SecureBytes& newRawKey);
    /// The pages PRAGMA cipher_integrity_check finds failing (at most ten), for an error to name.
    QStringList failingPages() const;
    /// PRAGMA cipher_integrity_check and PRAGMA integrity_check; problems go to \a report.
    /// open() checks only the key, the header and the page count, so that its
    /// cost does not grow with the file; this reads every page (`vault check`).
    Error checkIntegrity(QStringList* report);

    QString path() const { return m_path; }
    /// The C handle, for what only the C API offers (the tests use it to do
    /// what the sqlcipher shell lets anyone holding the master key do).
    sqlite3* handle() const { return m_db; }
    /// Closes the connection; the object stays valid but unusable.
    void close();

    /// BEGIN IMMEDIATE on construction (so two writers serialize up front
    /// instead of deadlocking); rolls back on destruction unless committed.
    class Transaction
    {
    public:
        explicit Transaction(Database& db);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        /// The error of BEGIN, if it failed; commit() then returns it too.
        const Error& beginError() const { return m_begin; }
        Error commit();

    private:
        Database& m_db;
        Error m_begin;
        bool m_done = false;
    };

    /// A deferred read transaction for a command or page load: every
    /// statement inside it sees one snapshot, and the file is locked once
    /// instead of per statement. A no-op inside an open transaction. Commits
    /// when it ends; a write Transaction cannot begin inside it.
    class ReadTransaction
    {
    public:
        explicit ReadTransaction(Database& db);
        ~ReadTransaction();
        ReadTransaction(const ReadTransaction&) = delete;
        ReadTransaction& operator=(const ReadTransaction&) = delete;
        /// The error of BEGIN (a busy vault), if it failed.
        const Error& beginError() const { return m_begin; }

    private:
        Database& m_db;
        Error m_begin;
        bool m_open = false;
    };

private:
    explicit Database(QString path)
        : m_path(std::move(path))
    {}
    Error errorFor(int code, const QString& what) const;
    Error configure(const SecureBytes& rawKey, OpenMode mode);

    QString m_path;
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_dataVersion = nullptr; ///< "PRAGMA data_version", prepared on first use
    std::vector<std::function<void()>> m_afterCommit;
    std::vector<std::function<void()>> m_afterRollback;
    qint64 m_commitGroup = 0;
};

/// How long a process waits for another one's lock before reporting "vault busy".
constexpr int kBusyTimeoutMs = 5000;

} // namespace onramp
