#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QString>

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

} // namespace onramp::server
