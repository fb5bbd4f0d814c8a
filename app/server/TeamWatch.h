#pragma once

#include "Error.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

namespace onramp::server {

class PgConnection;

/// A session of an Onramp login (`onramp_p_*`) whose sessions a watch pass
/// found over the limit together, and whether it was ended.
struct SessionOverLimit {
    qint64 pid = 0;
    QString login;
    int locks = 0; ///< this session's
    int loginLocks = 0; ///< all the login's sessions'
    bool ended = false;
};

/// The operator's watch over the team server's lock table (`onramp team
/// watch`). PostgreSQL 15 lets every role change its own role (`ALTER ROLE
/// … SET`, its password), and nested savepoints of such writes each hold a
/// lock in the table the whole cluster shares, which no trigger of the
/// schema sees: one session can fill the table, and then no one connects.
/// The watch keeps one connection of the setup role open and ends the
/// sessions of each Onramp login that holds too many locks. Once the table
/// is full it can take no new lock itself, so a pass reads only functions
/// (`pg_lock_status`, `pg_stat_get_activity`), and the catalogs the cluster
/// shares, which reading a role needs, stay locked by the watch's one open
/// transaction from its start.
class TeamWatch
{
public:
    /// Watches through \a connection, a setup role's (connectSetupRole) that
    /// must stay open. Refused (NotPermitted) unless the role is a superuser
    /// or a member of pg_signal_backend.
    static Error start(PgConnection& connection, TeamWatch* out);

    /// One pass: every session of each Onramp login whose sessions hold
    /// more than \a maxLocks locks together is ended (pg_terminate_backend,
    /// waiting up to 5 s for it to go) and listed in \a over. The logins are looked up again
    /// first; when that cannot be done (a full lock table) the last list
    /// stands.
    Error pass(int maxLocks, QList<SessionOverLimit>* over);

    /// How many Onramp logins the last look-up found.
    int logins() const { return int(m_logins.size()); }
    /// The server's max_prepared_transactions: above 0, a login may keep
    /// locks in a prepared transaction that belongs to no session, which
    /// the watch neither sees nor ends.
    int preparedTransactions() const { return m_preparedTransactions; }

private:
    Error lookUpLogins();
    Error guarded(const QString& sql, const QVariantList& params, QList<QVariantList>* rows);

    PgConnection* m_connection = nullptr;
    QHash<qint64, QString> m_logins; // every onramp_p_* login: its role oid and name
    int m_preparedTransactions = 0;
};

} // namespace onramp::server
