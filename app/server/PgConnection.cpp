#include "PgConnection.h"

#include <QLoggingCategory>

#include <libpq-fe.h>

#include <cstring>
#include <vector>

Q_LOGGING_CATEGORY(lcServer, "onramp.server", QtInfoMsg)

namespace onramp::server {

namespace {

// Type oids of pg_type.h, which libpq's headers do not carry.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

QString firstLine(const char* text)
{
    return QString::fromUtf8(text).trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
}

// The message libpq gives for a connection that failed, on one line: its
// first lines name the socket or address and what happened.
QString connectionProblem(PGconn* conn)
{
    QString text = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text.simplified();
}

QVariant valueOf(const PGresult* result, int row, int column)
{
    if (PQgetisnull(result, row, column))
        return {};
    const char* text = PQgetvalue(result, row, column);
    switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
        return QString::fromLatin1(text).toLongLong();
    case kBoolOid:
        return text[0] == 't';
    case kFloat4Oid:
    case kFloat8Oid:
        return QString::fromLatin1(text).toDouble();
    case kByteaOid: {
        std::size_t length = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
        if (bytes == nullptr)
            return {};
        QByteArray out(reinterpret_cast<const char*>(bytes), qsizetype(length));
        PQfreemem(bytes);
        return out;
    }
    default:
        return QString::fromUtf8(text, PQgetlength(result, row, column));
    }
}

// One statement's parameters as libpq takes them: text for numbers and
// strings (strings untyped, so that the server reads them as the column's
// type), binary for bytea, a null pointer for NULL.
struct Parameters {
    std::vector<QByteArray> storage;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    std::vector<Oid> types;

    explicit Parameters(const QVariantList& params)
        : storage(std::size_t(params.size()))
        , values(std::size_t(params.size()), nullptr)
        , lengths(std::size_t(params.size()), 0)
        , formats(std::size_t(params.size()), 0)
        , types(std::size_t(params.size()), 0)
    {
        for (std::size_t index = 0; index < storage.size(); ++index) {
            const QVariant& param = params.at(qsizetype(index));
            if (param.isNull()) {
                if (param.typeId() == QMetaType::QByteArray)
                    types[index] = kByteaOid;
                continue;
            }
            switch (param.typeId()) {
            case QMetaType::Bool:
                types[index] = kBoolOid;
                storage[index] = param.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                types[index] = kInt8Oid;
                storage[index] = QByteArray::number(param.toLongLong());
                break;
            case QMetaType::Double:
                types[index] = kFloat8Oid;
                storage[index] = QByteArray::number(param.toDouble(), 'g', 17);
                break;
            case QMetaType::QByteArray:
                types[index] = kByteaOid;
                formats[index] = 1;
                storage[index] = param.toByteArray();
                break;
            default:
                storage[index] = param.toString().toUtf8();
                break;
            }
            values[index] = storage[index].constData();
            lengths[index] = int(storage[index].size());
        }
    }
    int count() const { return int(storage.size()); }
};

void appendRows(const PGresult* result, QList<QVariantList>* rows)
{
    if (rows == nullptr || PQresultStatus(result) != PGRES_TUPLES_OK)
        return;
    const int rowCount = PQntuples(result);
    const int columnCount = PQnfields(result);
    rows->reserve(rows->size() + rowCount);
    for (int row = 0; row < rowCount; ++row) {
        QVariantList values;
        values.reserve(columnCount);
        for (int column = 0; column < columnCount; ++column)
            values.append(valueOf(result, row, column));
        rows->append(std::move(values));
    }
}

} // namespace

QString PgConnection::serverPhrase() const
{
    return m_provisioning ? Tr::tr("the database server %1").arg(m_serverName)
                          : Tr::tr("the team server %1").arg(m_serverName);
}

QString PgConnection::serverSubject() const
{
    return m_provisioning ? Tr::tr("The database server %1").arg(m_serverName)
                          : Tr::tr("The team server %1").arg(m_serverName);
}

QString PgConnection::refusedSignIn(const QString& user) const
{
    return m_provisioning ? Tr::tr("The database server %1 refused the sign-in of %2: the password of that role is "
                                   "wrong, or no role of that name is known there.")
                                .arg(m_serverName, user)
                          : Tr::tr("The team server %1 refused the sign-in of %2: the passphrase is wrong or nobody "
                                   "of that name is known there.")
                                .arg(m_serverName, user);
}

Error PgConnection::connect(const ServerAddress& address, const QString& user, const SecureBytes& password,
                            std::unique_ptr<PgConnection>* out)
{
    std::unique_ptr<PgConnection> connection(new PgConnection(address.displayName(), address.isProvisioning()));
    // libpq takes an empty password for none and would look in PGPASSWORD
    // and ~/.pgpass instead.
    if (password.isEmpty())
        return {ErrorKind::Auth, connection->refusedSignIn(user)};
    if (Error error = connection->open(address, user, &password))
        return error;
    *out = std::move(connection);
    return {};
}

Error PgConnection::connectSetupRole(const ServerAddress& address, std::unique_ptr<PgConnection>* out)
{
    std::unique_ptr<PgConnection> connection(new PgConnection(address.displayName(), address.isProvisioning()));
    if (Error error = connection->open(address, {}, nullptr))
        return error;
    *out = std::move(connection);
    return {};
}

Error PgConnection::open(const ServerAddress& address, const QString& user, const SecureBytes* password)
{
    std::vector<QByteArray> keys;
    std::vector<QByteArray> values;
    // A lock another session holds (a person's own login can hold a row of
    // theirs for as long as it likes) is waited out for 15 s at most,
    // then the statement fails as busy (55P03), never hangs a desk.
    QByteArray options = QByteArrayLiteral("-c lock_timeout=15s");
    for (const auto& [key, value] : address.options()) {
        if ((key == "user" && password != nullptr) || key == "application_name" || key == "client_encoding")
            continue;
        if (key == "options") {
            options = value + ' ' + options;
            continue;
        }
        keys.push_back(key);
        values.push_back(value);
    }
    keys.emplace_back("options");
    values.push_back(options);
    // Where it connects is where it says (displayName(), endpoints()): a
    // desktop's PGHOST or PGPORT does not move an address that names none.
    if (address.option("host").isEmpty() && address.option("hostaddr").isEmpty()) {
        keys.emplace_back("host");
        values.emplace_back("/var/run/postgresql");
    }
    if (address.option("port").isEmpty()) {
        keys.emplace_back("port");
        values.emplace_back("5432");
    }
    if (address.option("connect_timeout").isEmpty()) {
        keys.emplace_back("connect_timeout");
        values.emplace_back("10");
    }
    if (password != nullptr) {
        keys.emplace_back("user");
        values.push_back(user.toUtf8());
    }
    keys.emplace_back("application_name");
    values.emplace_back("onramp");
    keys.emplace_back("client_encoding");
    values.emplace_back("UTF8");

    std::vector<const char*> keyPointers;
    std::vector<const char*> valuePointers;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        keyPointers.push_back(keys[i].constData());
        valuePointers.push_back(values[i].constData());
    }
    // The password in secure memory, NUL-terminated for libpq.
    SecureBytes passwordText(password != nullptr ? password->size() + 1 : 0);
    if (password != nullptr) {
        std::memcpy(passwordText.data(), password->data(), password->size());
        passwordText.data()[password->size()] = 0;
        keyPointers.push_back("password");
        valuePointers.push_back(passwordText.constChar());
    }
    keyPointers.push_back(nullptr);
    valuePointers.push_back(nullptr);

    m_conn = PQconnectdbParams(keyPointers.data(), valuePointers.data(), 0);
    if (m_conn == nullptr)
        return {ErrorKind::Io, Tr::tr("Cannot reach %1: out of memory.").arg(serverPhrase())};
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const QString problem = connectionProblem(m_conn);
        const bool databaseMissing =
            problem.contains(QLatin1String("database")) && problem.contains(QLatin1String("does not exist"));
        if (password == nullptr && !databaseMissing
            && (PQconnectionNeedsPassword(m_conn) || PQconnectionUsedPassword(m_conn)
                || problem.contains(QLatin1String("authentication failed"))))
            return {ErrorKind::Auth,
                    Tr::tr("%1 refused the setup role %2: %3 team init signs in as a role that may "
                           "create roles through peer authentication, a client certificate or a password file "
                           "(PGPASSFILE), never a password in the address.")
                        .arg(serverSubject(), QString::fromUtf8(PQuser(m_conn)), problem)};
        // The sign-in held, but the login (schema 13) or the cluster has as
        // many sessions as it allows: not a wrong passphrase.
        if (problem.contains(QLatin1String("too many connections for role")))
            return {ErrorKind::Busy,
                    Tr::tr("%1 already holds as many sessions of %2 as it allows. Close another "
                           "Onramp window or command of theirs, or try again.")
                        .arg(serverSubject(), user)};
        if (problem.contains(QLatin1String("too many clients")) || problem.contains(QLatin1String("connection slots")))
            return {ErrorKind::Busy, Tr::tr("%1 holds as many sessions as it allows. Try again.").arg(serverSubject())};
        if (password != nullptr && PQconnectionUsedPassword(m_conn) && !databaseMissing)
            return {ErrorKind::Auth, refusedSignIn(user)};
        return {ErrorKind::Io, Tr::tr("Cannot reach %1: %2").arg(serverPhrase(), problem)};
    }
    // A server reached over the network must have been reached through TLS.
    if (!address.isLocal() && !PQsslInUse(m_conn))
        return {ErrorKind::Io, Tr::tr("%1 answered without TLS; Onramp does not sign in there.").arg(serverSubject())};
    return {};
}

PgConnection::~PgConnection()
{
    if (m_conn != nullptr)
        PQfinish(m_conn);
}

Error PgConnection::errorFromResult(const void* resultPointer, const QString& sql) const
{
    const auto* result = static_cast<const PGresult*>(resultPointer);
    if (PQstatus(m_conn) == CONNECTION_BAD)
        return {ErrorKind::Io, Tr::tr("Lost the connection to %1: %2").arg(serverPhrase(), connectionProblem(m_conn))};
    if (result == nullptr)
        return {ErrorKind::Io, Tr::tr("%1 did not answer: %2").arg(serverSubject(), connectionProblem(m_conn))};
    const QString state = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
    const QString message = firstLine(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    qCDebug(lcServer) << "statement failed" << state << sql.left(40);
    if (state == QLatin1String("42501"))
        return {ErrorKind::NotPermitted, Tr::tr("%1 does not permit this: %2").arg(serverSubject(), message)};
    if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")))
        return {ErrorKind::Io, Tr::tr("Lost the connection to %1: %2").arg(serverPhrase(), message)};
    if (state == QLatin1String("55P03") || state == QLatin1String("40001") || state == QLatin1String("40P01")
        || state == QLatin1String("57014"))
        return {ErrorKind::Busy, Tr::tr("%1 is busy: %2. Try again.").arg(serverSubject(), message)};
    // 54000: a limit the server holds, such as how many entries one person
    // may append in an hour (schema 12).
    if (state == QLatin1String("54000"))
        return {
            ErrorKind::Busy,
            Tr::tr("%1 takes no more of this from you for now: %2. Try again later.").arg(serverSubject(), message)};
    if (state.startsWith(QLatin1String("28")))
        return {ErrorKind::Auth, Tr::tr("%1 refused the sign-in: %2").arg(serverSubject(), message)};
    // 42710: a role or object of that name exists already (a person added twice).
    if (state.startsWith(QLatin1String("23")) || state.startsWith(QLatin1String("22"))
        || state == QLatin1String("42710"))
        return {ErrorKind::InvalidInput, Tr::tr("%1 refused the values: %2").arg(serverSubject(), message)};
    return {ErrorKind::Io, Tr::tr("%1 reported an error: %2").arg(serverSubject(), message)};
}

Error PgConnection::execute(const QString& sql, const QVariantList& params, QList<QVariantList>* rows)
{
    const Parameters bound(params);
    const QByteArray statement = sql.toUtf8();
    Result result(PQexecParams(m_conn, statement.constData(), bound.count(), bound.types.data(), bound.values.data(),
                               bound.lengths.data(), bound.formats.data(), 0));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return errorFromResult(result.get(), sql);
    appendRows(result.get(), rows);
    return {};
}

QVariant PgConnection::scalar(const QString& sql, const QVariantList& params, Error* error)
{
    QList<QVariantList> rows;
    Error result = execute(sql, params, &rows);
    if (error != nullptr)
        *error = result;
    if (result || rows.isEmpty() || rows.first().isEmpty())
        return {};
    return rows.first().first();
}

Error PgConnection::executeScript(const QString& sql)
{
    const QByteArray script = sql.toUtf8();
    Result result(PQexec(m_conn, script.constData()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        return errorFromResult(result.get(), sql);
    return {};
}

Error PgConnection::scramVerifier(const QString& role, const SecureBytes& password, QString* verifier)
{
    SecureBytes passwordText(password.size() + 1);
    std::memcpy(passwordText.data(), password.data(), password.size());
    passwordText.data()[password.size()] = 0;
    const QByteArray roleName = role.toUtf8();
    char* encrypted = PQencryptPasswordConn(m_conn, passwordText.constChar(), roleName.constData(), "scram-sha-256");
    if (encrypted == nullptr)
        return {ErrorKind::Io,
                Tr::tr("Could not make a sign-in verifier for %1: %2").arg(serverPhrase(), connectionProblem(m_conn))};
    *verifier = QString::fromLatin1(encrypted);
    PQfreemem(encrypted);
    return {};
}

Error PgConnection::Transaction::commitAfter(const QString& sql, const QVariantList& params, QList<QVariantList>* rows)
{
    if (m_begin)
        return m_begin;
    if (m_done)
        return {ErrorKind::Io, Tr::tr("The transaction on %1 has already ended.").arg(m_connection.serverPhrase())};
    m_done = true;
    PGconn* conn = m_connection.m_conn;
    if (PQtransactionStatus(conn) == PQTRANS_INERROR) {
        m_connection.execute(QStringLiteral("ROLLBACK"));
        return {
            ErrorKind::Io,
            Tr::tr("A statement failed on %1, so nothing of this change was kept.").arg(m_connection.serverPhrase())};
    }
    const Parameters bound(params);
    const QByteArray statement = sql.toUtf8();
    // Both go out in one write and the server runs them back to back.
    const bool sent = PQenterPipelineMode(conn) == 1
        && PQsendQueryParams(conn, statement.constData(), bound.count(), bound.types.data(), bound.values.data(),
                             bound.lengths.data(), bound.formats.data(), 0)
            == 1
        && PQsendQueryParams(conn, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1
        && PQpipelineSync(conn) == 1;
    Error error;
    bool committed = false;
    // Read every result up to the sync, so that the connection leaves
    // pipeline mode clean whatever failed.
    int statementIndex = 0;
    while (sent) {
        Result result(PQgetResult(conn));
        if (!result) {
            // One null after each statement's results; none come after a lost connection.
            if (PQstatus(conn) == CONNECTION_BAD || ++statementIndex > 2)
                break;
            continue;
        }
        const ExecStatusType status = PQresultStatus(result.get());
        if (status == PGRES_PIPELINE_SYNC)
            break;
        if (status == PGRES_FATAL_ERROR || status == PGRES_PIPELINE_ABORTED) {
            if (!error && status == PGRES_FATAL_ERROR)
                error =
                    m_connection.errorFromResult(result.get(), statementIndex == 0 ? sql : QStringLiteral("COMMIT"));
            if (PQstatus(conn) == CONNECTION_BAD)
                break;
            continue;
        }
        if (statementIndex == 0)
            appendRows(result.get(), rows);
        else
            committed = std::strcmp(PQcmdStatus(result.get()), "COMMIT") == 0;
    }
    if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF)
        PQexitPipelineMode(conn);
    if (!sent && !error)
        error = m_connection.errorFromResult(nullptr, sql);
    if (error) {
        if (PQstatus(conn) == CONNECTION_OK && m_connection.inTransaction())
            m_connection.execute(QStringLiteral("ROLLBACK"));
        return error;
    }
    if (!committed)
        return {ErrorKind::Io,
                Tr::tr("%1 rolled the change back instead of keeping it.").arg(m_connection.serverSubject())};
    return {};
}

bool PgConnection::inTransaction() const
{
    const PGTransactionStatusType status = PQtransactionStatus(m_conn);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

PgConnection::Transaction::Transaction(PgConnection& connection, Isolation isolation)
    : m_connection(connection)
{
    m_begin =
        m_connection.execute(isolation == Isolation::Snapshot ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")
                                                              : QStringLiteral("BEGIN"));
    m_done = m_begin.isError();
}

PgConnection::Transaction::~Transaction()
{
    if (!m_done && PQstatus(m_connection.m_conn) == CONNECTION_OK && m_connection.inTransaction())
        m_connection.execute(QStringLiteral("ROLLBACK"));
}

Error PgConnection::Transaction::commit()
{
    if (m_begin)
        return m_begin;
    if (m_done)
        return {ErrorKind::Io, Tr::tr("The transaction on %1 has already ended.").arg(m_connection.serverPhrase())};
    m_done = true;
    // COMMIT of a failed transaction answers "ROLLBACK", without an error.
    if (PQtransactionStatus(m_connection.m_conn) == PQTRANS_INERROR) {
        m_connection.execute(QStringLiteral("ROLLBACK"));
        return {
            ErrorKind::Io,
            Tr::tr("A statement failed on %1, so nothing of this change was kept.").arg(m_connection.serverPhrase())};
    }
    Result result(PQexec(m_connection.m_conn, "COMMIT"));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK)
        return m_connection.errorFromResult(result.get(), QStringLiteral("COMMIT"));
    if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0)
        return {ErrorKind::Io,
                Tr::tr("%1 rolled the change back instead of keeping it.").arg(m_connection.serverSubject())};
    return {};
}

} // namespace onramp::server
