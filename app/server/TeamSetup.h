#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace onramp::server {

class PgConnection;

/// The first admin of a new team, as the client made them: their Ed25519
/// public key, their key slot (opaque to the server) and the SCRAM password
/// their passphrase derives (deriveLogin), of which the server gets only a verifier.
struct FirstAdmin {
    QString name;
    QString fullName;
    QByteArray signPublicKey;
    QByteArray slot;
    SecureBytes scramPassword;
};

/// Sets a team up on \a connection's database, as a role that may create
/// roles: the schema (schema::migrate) and the first admin. Idempotent: run
/// again for the same admin (name and key), it changes nothing. A database
/// holding other objects, or a team that already has people but not this
/// admin, is refused untouched (ErrorKind::InvalidInput naming the server).
Error setUpTeam(PgConnection& connection, const FirstAdmin& admin);

/// What every role may still do in \a connection's team database that lets
/// one login take from the whole cluster (schema 13 takes each from PUBLIC,
/// where the role that migrated may): each a short phrase naming it, such as
/// "take advisory locks". Empty when none is left open.
Error openToEveryRole(PgConnection& connection, QStringList* open);

} // namespace onramp::server
