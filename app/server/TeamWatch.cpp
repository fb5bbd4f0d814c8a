#include "TeamWatch.h"

#include "PgConnection.h"

#include <QStringList>

namespace onramp::server {

Error TeamWatch::start(PgConnection& connection, TeamWatch* out)
{
    Error error;
    // pg_has_role() here also caches this role's memberships in the session,
    // which pg_terminate_backend() reads again later without a new lock.
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
    if (Error e = watch.lookUpLogins())
        return e;
    *out = std::move(watch);
    return {};
}

Error TeamWatch::lookUpLogins()
{
    // pg_authid is shared by the cluster: reading it takes a lock in the
    // shared table. pg_get_userbyid() brings each login into this session's
    // catalog cache, where a pass and pg_terminate_backend() find it later
    // without one.
    QList<QVariantList> rows;
    if (Error e = m_connection->execute(
            QStringLiteral("SELECT oid::int8, pg_catalog.pg_get_userbyid(oid) FROM pg_catalog.pg_roles "
                           "WHERE rolname LIKE 'onramp\\_p\\_%' AND rolcanlogin AND NOT rolsuper"),
            {}, &rows))
        return e;
    QList<qint64> logins;
    for (const QVariantList& row : std::as_const(rows))
        logins.append(row.value(0).toLongLong());
    m_logins = logins;
    return {};
}

Error TeamWatch::pass(int maxLocks, QList<SessionOverLimit>* over)
{
    // A full table refuses the look-up; the logins found before still count.
    const Error lookUp = lookUpLogins();
    if (m_logins.isEmpty())
        return lookUp;
    QStringList oids;
    for (const qint64 oid : std::as_const(m_logins))
        oids.append(QString::number(oid));
    // The limit is each login's, its sessions' locks together: a login may
    // hold several sessions (a hire 8).
    QList<QVariantList> rows;
    if (Error e = m_connection->execute(
            QStringLiteral("SELECT pid, pg_catalog.pg_get_userbyid(usesysid), locks, total FROM ("
                           "  SELECT c.pid::int8 AS pid, s.usesysid, c.locks::int8 AS locks, "
                           "         (sum(c.locks) OVER (PARTITION BY s.usesysid))::int8 AS total "
                           "  FROM (SELECT pid, count(*) AS locks FROM pg_catalog.pg_lock_status() "
                           "        WHERE pid IS NOT NULL AND pid <> pg_catalog.pg_backend_pid() GROUP BY pid) c "
                           "  CROSS JOIN LATERAL pg_catalog.pg_stat_get_activity(c.pid) s "
                           "  WHERE s.usesysid = ANY ($2::oid[])) held "
                           "WHERE total > $1 ORDER BY total DESC, locks DESC"),
            {qint64(maxLocks), QStringLiteral("{%1}").arg(oids.join(QLatin1Char(',')))}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        SessionOverLimit session;
        session.pid = row.value(0).toLongLong();
        session.login = row.value(1).toString();
        session.locks = int(row.value(2).toLongLong());
        session.loginLocks = int(row.value(3).toLongLong());
        Error error;
        session.ended = m_connection
                            ->scalar(QStringLiteral("SELECT pg_catalog.pg_terminate_backend($1::int4, 5000)"),
                                     {session.pid}, &error)
                            .toBool();
        over->append(session);
        if (error)
            return error;
    }
    return {};
}

} // namespace onramp::server
