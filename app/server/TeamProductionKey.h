#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <utility>

namespace onramp::server {

class PgConnection;
struct ChainPerson;
struct ServerAuditEntry;
struct SignedIn;

// The production key rotated on a team server (schema 13), as a folder
// vault rotates it: a new key made on an admin's desk, sealed to every
// admin and mentor the verified log gives one (but a person being
// disabled), and every production secret the server keeps encrypted under
// it, all in the transaction of one signed entry that names the new key's
// check value, each holder and each secret's new box. The disable of an
// admin or a mentor rotates it (their person.disable is that entry); an
// admin rotates it at will (production.rotate).

/// A rotation prepared on an admin's desk: the new key's check value, its
/// box for each holder, and each kept secret's box under it (with the box
/// it replaces, which must still be there when it is written).
struct ProductionRotation {
    QByteArray check;
    QList<std::pair<QString, QByteArray>> boxes;
    struct Secret {
        QString credential;
        QByteArray previous;
        QByteArray box;
    };
    QList<Secret> secrets;

    /// The holders, in the order the entry names them.
    QStringList holders() const;
    /// Adds production_key_check, holders and secrets to \a details.
    void describe(QJsonObject* details) const;
    /// Writes the boxes and the secrets' rows as the signed-in admin, in
    /// \a connection's transaction; ErrorKind::Busy when a secret changed
    /// since it was read.
    Error write(PgConnection& connection, const QString& author) const;
};

/// Prepares a rotation as \a admin, from \a entries and \a people (the log
/// \a admin verified; \a unvouched, the people it does not vouch for, get
/// no box), leaving out \a leaving. The production key \a admin holds opens
/// every kept secret first: ErrorKind::Damaged for one that does not.
Error prepareRotation(SignedIn& admin, const QList<ServerAuditEntry>& entries,
                      const QHash<QString, ChainPerson>& people, const QMap<QString, QString>& unvouched,
                      const QString& leaving, ProductionRotation* out);

/// `vault rotate-production-key` on a team server, as the admin \a admin:
/// one production.rotate entry; the holders sealed to in \a holders.
Error rotateProductionKey(SignedIn& admin, QStringList* holders = nullptr);

} // namespace onramp::server
