#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "ServerAddress.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <memory>

struct pg_conn;

namespace onramp::server {

/// An open connection to a team server: a thin RAII wrapper over libpq. Every
/// statement is sent with PQexecParams and its values as parameters, never
/// spliced into the SQL. Errors name the server (host:port/database, never a
/// password) and map to Onramp's kinds: unreachable or lost -> Io (exit 1),
/// refused sign-in -> Auth (exit 3), missing privilege or a row-level security
/// refusal -> NotPermitted (exit 4), a lock not had in time -> Busy (exit 7).
/// Not thread-safe: one thread per connection.
class PgConnection
{
public:
    /// Connects to \a address as \a user with \a password (a SCRAM password
    /// from LoginDerivation, or a test's). libpq's environment and password
    /// files are not consulted for the password.
    static Error connect(const ServerAddress& address, const QString& user, const SecureBytes& password,
                         std::unique_ptr<PgConnection>* out);
    /// Connects to \a address as the role its `user` names (else libpq's
    /// default, the system user), signed in by libpq's own means: peer
    /// authentication, a client certificate, or a password from PGPASSFILE
    /// (or ~/.pgpass). For the setup role of onramp team init only; an
    /// Onramp person always signs in through connect(). A refused sign-in
    /// is ErrorKind::Auth naming the role and the server.
    static Error connectSetupRole(const ServerAddress& address, std::unique_ptr<PgConnection>* out);

    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Runs one statement with \a params bound as $1, $2…: qint64/int -> int8
    /// text, bool -> boolean, double -> float8, QString -> text, QByteArray ->
    /// bytea (binary), null QVariant -> NULL. Result rows, when wanted, are
    /// appended to \a rows: integers as qint64, booleans as bool, bytea as
    /// QByteArray, float as double, NULL as a null QVariant, the rest as QString.
    Error execute(const QString& sql, const QVariantList& params = {}, QList<QVariantList>* rows = nullptr);
    /// The first column of the first row, or a null QVariant when there is none.
    QVariant scalar(const QString& sql, const QVariantList& params = {}, Error* error = nullptr);
    /// Runs a script of several statements that takes no values: only for
    /// Onramp's own constant SQL (the schema), never for anything built at run time.
    Error executeScript(const QString& sql);

    /// A SCRAM-SHA-256 verifier of \a password for \a role, made here by
    /// PQencryptPasswordConn: the password itself never reaches the server.
    Error scramVerifier(const QString& role, const SecureBytes& password, QString* verifier);

    /// host:port/database, for messages.
    QString serverName() const { return m_serverName; }
    /// True while a transaction is open (or failed and not yet rolled back).
    bool inTransaction() const;
    /// The libpq handle, for what the wrapper does not offer.
    pg_conn* handle() const { return m_conn; }

    /// BEGIN on construction; ROLLBACK on destruction unless committed.
    class Transaction
    {
    public:
        /// ReadCommitted: each statement sees what was committed when it began.
        /// Snapshot (REPEATABLE READ): every statement sees one moment, so rows
        /// committed together are read together or not at all.
        enum class Isolation { ReadCommitted, Snapshot };
        explicit Transaction(PgConnection& connection, Isolation isolation = Isolation::ReadCommitted);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        /// The error of BEGIN, if it failed; commit() then returns it too.
        const Error& beginError() const { return m_begin; }
        Error commit();
        /// Runs \a sql with \a params and COMMIT in one round trip (libpq's
        /// pipeline mode): the server runs both without waiting on the client,
        /// so a lock the statement takes (the audit chain's) is held only for
        /// the commit. A failure of either keeps nothing.
        Error commitAfter(const QString& sql, const QVariantList& params, QList<QVariantList>* rows = nullptr);

    private:
        PgConnection& m_connection;
        Error m_begin;
        bool m_done = false;
    };

private:
    PgConnection(QString serverName, bool provisioning)
        : m_serverName(std::move(serverName))
        , m_provisioning(provisioning)
    {}
    /// How a message names the server inside a sentence: "the team server
    /// HOST", or "the database server HOST" for a provider's provisioning
    /// connection, which is no team server; serverSubject() starts one.
    QString serverPhrase() const;
    QString serverSubject() const;
    /// The refused sign-in of \a user, in the words of the server it is.
    QString refusedSignIn(const QString& user) const;
    Error errorFromResult(const void* result, const QString& sql) const;
    /// Opens m_conn with \a address's options, \a user (empty: the address's
    /// or libpq's default) and \a password (null: libpq's own means).
    Error open(const ServerAddress& address, const QString& user, const SecureBytes* password);

    QString m_serverName;
    bool m_provisioning = false; ///< a provider's provisioning connection (ServerAddress::isProvisioning)
    pg_conn* m_conn = nullptr;
};

} // namespace onramp::server
