#pragma once

#include "Error.h"

#include <QList>
#include <QPair>
#include <QString>

namespace onramp::server {

/// A team server's address, checked against Onramp's policy: a libpq
/// connection string or postgresql:// URI that carries no password, and that
/// for any host reached over the network (not a Unix socket, not loopback)
/// asks for sslmode=verify-full and channel_binding=require — libpq 15 would
/// otherwise answer a server's request for the password in clear text.
class ServerAddress
{
public:
    /// Parses \a url; an address libpq cannot read, or one the policy refuses,
    /// gives ErrorKind::InvalidInput naming the address (never a password).
    static Error parse(const QString& url, ServerAddress* out);

    /// The keywords and values libpq is given (no password among them).
    const QList<QPair<QByteArray, QByteArray>>& options() const { return m_options; }
    /// host:port/database as a person reads it, for messages.
    QString displayName() const;
    /// True when every host is a Unix socket folder or a loopback address.
    bool isLocal() const { return m_local; }
    /// The value of one keyword, or an empty string.
    QByteArray option(const QByteArray& keyword) const;

private:
    QList<QPair<QByteArray, QByteArray>> m_options;
    bool m_local = true;
};

/// True when \a host (a libpq host or hostaddr entry) is a Unix socket folder,
/// empty (libpq's default socket) or a loopback name or address.
bool isLocalHost(const QString& host);

} // namespace onramp::server
