#include "TeamWatch.h"

#include "PgConnection.h"

#include <QStringList>

#include <libpq-fe.h>

namespace onramp::server {

namespace {

// What the server says beside a result (a WARNING that a process is gone)
// is not the watch's to print: its own lines say what happened.
void quiet(void* /*arg*/, const char* /*message*/) {}

} // namespace

Error TeamWatch::start(PgConnection& connection, TeamWatch* out)
{
    PQsetNoticeProcessor(connection.handle(), quiet, nullptr);
    // One transaction for as long as the watch runs, READ COMMITTED: each
    // statement sees the roles committed when it starts, and between
    // statements it holds no snapshot that would keep back VACUUM. It keeps
    // the locks on the catalogs the cluster shares (pg_authid and the rest,
    // taken by the look-up and the privilege check below) that reading a
    // role again needs, such as pg_terminate_backend() after a login
    // changed its own role: once the table is full no new lock is had, but
    // one held already is.
    for (const char* setting : {"SET idle_in_transaction_session_timeout = 0", "SET statement_timeout = 0",
                                "SET lock_timeout = '5s'", "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY"}) {
        if (Error e = connection.execute(QString::fromLatin1(setting)))
            return e;
    }
    Error error;
    const QVariant may = connection.scalar(
        QStringLiteral("SELECT rolsuper OR pg_catalog.pg_has_role(current_user, 'pg_signal_backend', 'USAGE') "
                       "FROM pg_catalog.pg_roles WHERE rolname = current_user"),
        {}, &error);
    if (error)
        return error;
    if (!may.toBool()) {
        const QString role = connection.scalar(QStringLiteral("SELECT current_user")).toString();
        return {ErrorKind::NotPermitted,
                Tr::tr("The role %1 may not end other sessions on %2: a superuser grants it that with 'GRANT "
                       "pg_signal_backend TO %1', or runs the watch as a superuser.")
                    .arg(role, connection.serverName())};
    }
    TeamWatch watch;
    watch.m_connection = &connection;
    watch.m_preparedTransactions =
        connection.scalar(QStringLiteral("SELECT current_setting('max_prepared_transactions')::int8"), {}, &error)
            .toInt();
    if (error)
        return error;
    if (Error e = watch.lookUpLogins())
        return e;
    *out = std::move(watch);
    return {};
}

Error TeamWatch::guarded(const QString& sql, const QVariantList& params, QList<QVariantList>* rows)
{
    // A statement that fails inside the watch's transaction would end it,
    // and with it the locks it holds: each runs in a savepoint of its own.
    if (Error e = m_connection->execute(QStringLiteral("SAVEPOINT onramp_watch")))
        return e;
    const Error error = m_connection->execute(sql, params, rows);
    if (Error e = m_connection->execute(error ? QStringLiteral("ROLLBACK TO SAVEPOINT onramp_watch")
                                              : QStringLiteral("RELEASE SAVEPOINT onramp_watch")))
        return e;
    return error;
}

Error TeamWatch::lookUpLogins()
{
    // Reading pg_roles locks pg_authid, a catalog the whole cluster shares,
    // until the watch's transaction ends; pg_get_userbyid() also brings each
    // login into this session's catalog cache.
    QList<QVariantList> rows;
    if (Error e = guarded(QStringLiteral("SELECT oid::int8, pg_catalog.pg_get_userbyid(oid) FROM pg_catalog.pg_roles "
                                         "WHERE rolname LIKE 'onramp\\_p\\_%' AND rolcanlogin AND NOT rolsuper"),
                          {}, &rows))
        return e;
    QHash<qint64, QString> logins;
    for (const QVariantList& row : std::as_const(rows))
        logins.insert(row.value(0).toLongLong(), row.value(1).toString());
    m_logins = logins;
    return {};
}

Error TeamWatch::pass(int maxLocks, QList<SessionOverLimit>* over)
{
    // A full table may refuse the look-up; the logins found before still count.
    const Error lookUp = lookUpLogins();
    if (m_logins.isEmpty())
        return lookUp;
    QStringList oids;
    for (auto it = m_logins.cbegin(); it != m_logins.cend(); ++it)
        oids.append(QString::number(it.key()));
    // The limit is each login's, its sessions' locks together (a hire may
    // keep 8 sessions), and every session of a login over it is ended, an
    // idle one too: one holding nothing now may have made ready what fills
    // the table again. Functions only, no table: nothing here needs a lock.
    // Within a transaction PostgreSQL shows the sessions as they were at
    // its first look; each pass looks afresh.
    if (Error e = guarded(QStringLiteral("SELECT pg_catalog.pg_stat_clear_snapshot()"), {}, nullptr))
        return e;
    QList<QVariantList> rows;
    if (Error e = guarded(
            QStringLiteral("SELECT pid, usesysid, locks, total FROM ("
                           "  SELECT a.pid::int8 AS pid, a.usesysid::int8 AS usesysid, "
                           "         coalesce(c.locks, 0)::int8 AS locks, "
                           "         (sum(coalesce(c.locks, 0)) OVER (PARTITION BY a.usesysid))::int8 AS total "
                           "  FROM pg_catalog.pg_stat_get_activity(NULL) a "
                           "  LEFT JOIN (SELECT pid, count(*) AS locks FROM pg_catalog.pg_lock_status() "
                           "             WHERE pid IS NOT NULL GROUP BY pid) c ON c.pid = a.pid "
                           "  WHERE a.usesysid = ANY ($2::oid[]) AND a.pid <> pg_catalog.pg_backend_pid()) held "
                           "WHERE total > $1 ORDER BY total DESC, locks DESC"),
            {qint64(maxLocks), QStringLiteral("{%1}").arg(oids.join(QLatin1Char(',')))}, &rows))
        return e;
    Error first;
    for (const QVariantList& row : std::as_const(rows)) {
        SessionOverLimit session;
        session.pid = row.value(0).toLongLong();
        session.login = m_logins.value(row.value(1).toLongLong());
        session.locks = int(row.value(2).toLongLong());
        session.loginLocks = int(row.value(3).toLongLong());
        QList<QVariantList> ended;
        Error error =
            guarded(QStringLiteral("SELECT pg_catalog.pg_terminate_backend($1::int4, 5000)"), {session.pid}, &ended);
        session.ended = !error && !ended.isEmpty() && ended.first().value(0).toBool();
        // false: not ended within 5 s, or gone already (which is as good).
        if (!error && !session.ended) {
            QList<QVariantList> still;
            error = guarded(QStringLiteral("SELECT 1 FROM pg_catalog.pg_stat_get_activity($1::int4)"), {session.pid},
                            &still);
            session.ended = !error && still.isEmpty();
        }
        over->append(session);
        if (error && !first)
            first = error;
    }
    return first;
}

} // namespace onramp::server
