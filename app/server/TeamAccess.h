#pragma once

#include "Crypto.h"
#include "Error.h"
#include "LoginDerivation.h"
#include "SecureBytes.h"
#include "ServerAddress.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace onramp::server {

class PgConnection;

/// The team id of the team at \a address: the name of its database, which a
/// desk knows from the address alone, before it reaches the server. Empty
/// when the address names no database (see requireTeamId()).
QString teamIdOf(const ServerAddress& address);

/// The team id of \a address, or ErrorKind::InvalidInput naming the address
/// when it names no database (libpq would take the user name, which differs
/// from person to person).
Error requireTeamId(const ServerAddress& address, QString* teamId);

/// The cost every sign-in runs: a constant of the login's version 1,
/// LoginCost::standard() (3 passes over 256 MiB). Test builds with
/// ONRAMP_TEST_KDF=fast use LoginCost::floor(), never less.
LoginCost signInCost();

/// The login role of the person \a name, as onramp.login_role_for() makes it.
QString loginRoleFor(const QString& name);

/// True when \a name may name a person on a team server (the schema's rule).
bool isValidServerName(const QString& name);

/// A key slot on a team server: version byte 1, then the person's Ed25519
/// secret key under XChaCha20-Poly1305 with the slot key their passphrase
/// derives, bound to the team id and the name. The server holds it as opaque bytes.
QByteArray sealSlot(const SecureBytes& signSecretKey, const SecureBytes& slotKey, const QString& teamId,
                    const QString& name);
/// The Ed25519 secret key in \a slot, or nullopt when \a slotKey or the
/// binding is wrong or the slot was altered.
std::optional<SecureBytes> openSlot(QByteArrayView slot, const SecureBytes& slotKey, const QString& teamId,
                                    const QString& name);

/// What the client makes for a new person: a key pair, the login their
/// passphrase derives and their sealed slot.
struct NewPerson {
    QString name;
    QString fullName;
    crypto::SignKeyPair keys;
    QByteArray slot;
    SecureBytes scramPassword;
};
/// Makes \a out for \a name in team \a teamId (one key derivation at signInCost()).
Error makeNewPerson(QByteArrayView passphrase, const QString& teamId, const QString& name, const QString& fullName,
                    NewPerson* out);

/// A person signed in to a team server: their connection (as their own
/// login role) and what their slot opened.
struct SignedIn {
    std::unique_ptr<PgConnection> connection;
    QString teamId;
    QString name;
    QString role;
    QString fullName;
    crypto::SignKeyPair keys;

    SignedIn();
    ~SignedIn();
    SignedIn(SignedIn&&) noexcept;
    SignedIn& operator=(SignedIn&&) noexcept;
};

/// Signs \a name in at \a address: derives their login from \a passphrase on
/// this side (the team id and name give the salt, signInCost() the cost),
/// connects as their login role, reads their own slot and opens it. A wrong
/// passphrase, an unknown or disabled person: ErrorKind::Auth naming the
/// server. A slot that does not open with the derived key or holds another
/// key than the person's: ErrorKind::Damaged.
Error signIn(const ServerAddress& address, const QString& name, QByteArrayView passphrase, SignedIn* out);

/// Adds a person as the signed-in \a admin: their login role (a SCRAM
/// verifier made here), their row and their slot, in one transaction.
Error addPerson(SignedIn& admin, const QString& name, const QString& role, const QString& fullName,
                QByteArrayView passphrase);

/// What initTeam() did.
enum class TeamInitOutcome { Created, AlreadySetUp };

/// onramp team init: connects to \a address as its setup role (the address's
/// user, signed in by libpq's own means: peer, a client certificate or a
/// password file, never a password in the address), which must be a superuser
/// or have CREATEROLE; brings the schema to the latest version and adds
/// \a adminName as the first admin. Run again for the same admin with their
/// passphrase, it changes nothing and says so. A database holding other
/// objects, or a team whose people do not include this admin, is refused
/// untouched (ErrorKind::InvalidInput); a wrong passphrase for an existing
/// admin is ErrorKind::Auth.
Error initTeam(const ServerAddress& address, const QString& adminName, const QString& fullName,
               QByteArrayView passphrase, TeamInitOutcome* outcome);

} // namespace onramp::server
