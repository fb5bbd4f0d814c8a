#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QString>

namespace onramp::server {

/// The Argon2id cost of a team server sign-in. The salt and the cost are
/// needed before the server is reached, so neither comes from it: a server
/// (or a crafted link) that served a tiny cost would turn the SCRAM exchange
/// into a cheap offline guessing oracle.
struct LoginCost {
    quint64 opslimit = 0;
    quint64 memlimit = 0; ///< bytes

    /// The least any sign-in runs, compiled in: libsodium's interactive level
    /// (2 passes over 64 MiB). Nothing read at run time lowers it.
    static LoginCost floor();
    /// The cost new teams use: libsodium's moderate level (3 passes, 256 MiB).
    static LoginCost standard();
    /// Whether this cost is at least the floor and within libsodium's bounds.
    bool isAllowed() const;
};

/// What one passphrase yields for one person of one team: two independent
/// 32-byte keys split from one Argon2id output.
struct ServerLogin {
    /// The SCRAM password, as text (URL-safe base64 of 32 bytes, no padding):
    /// set on the server only as a verifier made by PQencryptPasswordConn.
    SecureBytes scramPassword;
    /// Wraps the person's key slot; never leaves the client.
    SecureBytes slotKey;
};

/// The 16-byte Argon2id salt of \a name in team \a teamId: a BLAKE2b hash of
/// both, so that it is known before the server is reached and differs per team.
QByteArray loginSalt(const QString& teamId, const QString& name);

/// One Argon2id run of \a passphrase at \a cost with loginSalt(teamId, name),
/// split with crypto_kdf into the SCRAM password and the slot key. A cost
/// below LoginCost::floor(), or an empty team id or name, gives
/// ErrorKind::InvalidInput naming it, and nothing is derived.
Error deriveLogin(QByteArrayView passphrase, const QString& teamId, const QString& name, const LoginCost& cost,
                  ServerLogin* out);

} // namespace onramp::server
