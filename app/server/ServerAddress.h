#pragma once

#include "Error.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace onramp::server {

/// A team server's address, checked against Onramp's policy: a libpq
/// connection string or postgresql:// URI that carries no password; for any
/// host reached over TCP, loopback included, sslmode=verify-full and
/// channel_binding=require (libpq 15 would otherwise answer a server's
/// request for the password in clear text, and anyone on this machine can
/// listen on a free loopback port); and for a Unix socket the server's
/// operating-system user (requirepeer, postgres unless the address names
/// another), so that a socket someone else put in a shared folder is refused
/// before anything is sent.
class ServerAddress
{
public:
    /// Parses \a url; an address libpq cannot read, or one the policy refuses,
    /// gives ErrorKind::InvalidInput naming the address (never a password).
    static Error parse(const QString& url, ServerAddress* out);
    /// parse() for a provider's provisioning connection: the host, hostaddr
    /// and port are the address's own, never this desktop's PGHOST,
    /// PGHOSTADDR or PGPORT (PgConnection then uses the socket folder and
    /// 5432), so that every desktop reaches the one server it names.
    static Error parseProvisioning(const QString& url, ServerAddress* out);

    /// The keywords and values libpq is given (no password among them).
    const QList<QPair<QByteArray, QByteArray>>& options() const { return m_options; }
    /// host:port/database as a person reads it, for messages.
    QString displayName() const;
    /// The servers this address reaches, one "host:port" each after libpq's
    /// parsing (host, else hostaddr, else the default socket folder; port
    /// 5432 unless given; host names lower-cased, no trailing '/'). Roles are
    /// a cluster's, whatever the database: two addresses sharing an endpoint
    /// reach the same logins only when their lists are equal and hold one
    /// server each (requireOneServer()).
    QStringList endpoints() const;
    /// An error naming the address when it lists more than one server
    /// (host=a,b or port=1,2): libpq would sign in to whichever answers
    /// first, so a login made at one could be "dropped" at another where it
    /// never was. A provisioning connection names exactly one server.
    Error requireOneServer() const;
    /// True when every host is a Unix socket folder (no TLS to ask for).
    bool isLocal() const { return m_local; }
    /// True for an address parseProvisioning() read: a provider's
    /// provisioning connection, a database server rather than a team server.
    bool isProvisioning() const { return m_provisioning; }
    /// The value of one keyword, or an empty string.
    QByteArray option(const QByteArray& keyword) const;

private:
    enum class Server { FromEnvironment, AsWritten };
    static Error parse(const QString& url, ServerAddress* out, Server server);

    QList<QPair<QByteArray, QByteArray>> m_options;
    bool m_local = true;
    bool m_provisioning = false;
};

/// True when \a host (a libpq host entry) is a Unix socket folder or empty
/// (libpq's default socket); a loopback name or address is TCP, not local.
bool isLocalHost(const QString& host);

} // namespace onramp::server
