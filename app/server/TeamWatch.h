#pragma once

#include "Error.h"

#include <QList>
#include <QString>

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
/// Onramp sessions that hold too many locks. Once the table is full it can
/// take no new lock itself, so a pass reads only functions (`pg_lock_status`,
/// `pg_stat_get_activity`), never a table shared by the cluster, and the
/// roles it may end are looked up beforehand, while there is room.
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

private:
    Error lookUpLogins();

    PgConnection* m_connection = nullptr;
    QList<qint64> m_logins; // the role oids of every onramp_p_* login
};

} // namespace onramp::server
