#pragma once

#include "Crypto.h"
#include "Error.h"
#include "LoginDerivation.h"
#include "SecureBytes.h"
#include "ServerAddress.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QJsonObject;

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
    /// Their passphrase was handed over by an admin (person add, passphrase
    /// reset) and they have not chosen their own yet (changeOwnPassphrase).
    bool passphraseHandedOver = false;
    /// The production key's check value the team's first entry (team.init,
    /// pinned on this desk) signed; empty for a team made before schema 9.
    QByteArray productionCheck;

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

/// The largest content of one audit entry, as the server's schema 4 holds it.
constexpr qsizetype kMaxAuditContent = 16384;

/// The bytes a person signs for an audit entry of team \a teamId (schema 4
/// on, `signed_as` 2): a context string, the team id, the entry's sequence
/// number (8 bytes, big-endian), the previous entry's hash, the actor, the
/// action and the content, the names each ended by a zero byte. The server
/// takes the entry only at that place in the chain; it cannot check the
/// signature, every client does (verifyAudit), so a copy sent again fails.
QByteArray auditMessage(const QString& teamId, qint64 seq, QByteArrayView prevHash, const QString& actor,
                        const QString& action, QByteArrayView content);
/// What entries recorded before schema 4 (`signed_as` 1) were signed over:
/// no sequence and no previous hash.
QByteArray auditMessageV1(const QString& teamId, const QString& actor, const QString& action, QByteArrayView content);

/// Whether a person of \a role may record \a action: the folder vault's
/// table (actionroles::mayRecord()), and the team's first entry (team.init)
/// an admin's. The server's onramp.audit_actions is filled from the same
/// table (schema::actionRolesJson()); a client checks it here all the same,
/// so that it does not take the server's word for it.
bool mayRecord(const QString& role, const QString& action);

/// Appends \a me's signed entry \a action with \a details as JSON, reading
/// the head first and sending the entry and COMMIT in one round trip, after
/// \a work (may be empty) ran in the same transaction. When another desk's
/// entry took the place first, the whole transaction runs again (a few
/// times, then ErrorKind::Busy). Content over kMaxAuditContent is
/// ErrorKind::InvalidInput before anything reaches the server.
Error recordSigned(SignedIn& me, const QString& action, const QJsonObject& details,
                   const std::function<Error(PgConnection&)>& work = {}, qint64* seq = nullptr);

/// Adds a person as the signed-in \a admin: their login role (a SCRAM
/// verifier made here), their row, their slot and the admin's signed
/// `person.add` entry (name, role, full name, public key, and that the
/// passphrase was handed over), in one transaction. A \a fullName with a
/// control, bidi or zero-width character is InvalidInput (checkDisplayName),
/// before anything reaches the server.
Error addPerson(SignedIn& admin, const QString& name, const QString& role, const QString& fullName,
                QByteArrayView passphrase);

/// The signed-in \a me chooses \a newPassphrase: their login's verifier and
/// their slot (their key, sealed with the new slot key) change together,
/// the slot is no longer handed over, and their signed `passphrase.change`
/// entry commits with them. The first choice after a handed-over passphrase
/// (\a me's passphraseHandedOver) seals a new key pair instead: the entry,
/// signed with the old key, carries `public_key` and `previous_public_key`,
/// and the production box \a me holds is sealed again to the new key (schema
/// 11); \a me signs with the new key from then on. InvalidInput when \a
/// newPassphrase is \a currentPassphrase, before anything reaches the server.
Error changeOwnPassphrase(SignedIn& me, QByteArrayView currentPassphrase, QByteArrayView newPassphrase);

/// Disables \a name as the signed-in \a admin: NOLOGIN, their slot emptied,
/// their open sessions ended, and the admin's signed `person.disable` entry,
/// in one transaction.
Error disablePerson(SignedIn& admin, const QString& name);

/// Gives \a name a new passphrase as the signed-in \a admin: a new key pair,
/// the slot and SCRAM verifier \a passphrase derives, their open sessions
/// ended (a disabled person may sign in again), and the admin's signed
/// `passphrase.reset` entry with the new public key, in one transaction.
Error resetPassphrase(SignedIn& admin, const QString& name, QByteArrayView passphrase);

/// Appends the first admin's signed `team.init` entry (their name and public
/// key) when the team's audit log is empty; a log that has entries is left
/// as it is. \a appended, when given, says whether it appended.
Error recordTeamInit(SignedIn& admin, bool* appended = nullptr);

/// One entry of a team server's audit log, as verifyAudit() read it.
struct ServerAuditEntry {
    qint64 seq = 0;
    QString actor;
    QString action;
    QByteArray content;
    /// Why the entry does not hold (empty when it verified): it then gives
    /// nobody a key or a role, and the entries after it are still checked.
    QString problem;
    /// The entry is set aside rather than fatal (docs/SECURITY.md, "A hire's
    /// bad entry is set aside"): only its signature fails, its place in the
    /// chain holds, and its actor, whom the server recorded from the session,
    /// is a hire recording an act a hire may record. It still has its
    /// problem and counts for nothing, but the log as a whole holds.
    bool setAside = false;
    /// When the server says it recorded the entry (UTC, ISO 8601 with
    /// milliseconds): the server's word, which no signature covers.
    QString at;
    QByteArray prevHash;
    QByteArray hash;
    QByteArray signature;
};

/// Who a person is as a verified audit log says: the key it gave them last,
/// their role and full name, and whether it disabled them since.
struct ChainPerson {
    QByteArray key;
    QString role;
    bool enabled = false;
    QString fullName;
    /// Their newest person.add or passphrase.reset handed a passphrase over
    /// (or said nothing of it), and no passphrase.change of theirs followed:
    /// their next change may give them a new key.
    bool handedOver = false;
};

/// The people a team server lets sign in otherwise than its verified audit
/// log says (another key, role, or not given one at all), each with the role
/// the server shows, by name.
using Unvouched = QMap<QString, QString>;

/// Reads the whole audit log as \a reader (an admin or a mentor: row-level
/// security shows a hire their own entries only) and checks it end to end:
/// the sequence has no gap, each entry's hash chains to the one before, and
/// each signature verifies with the key the chain itself gave its actor (the
/// first entry is the first admin's self-signed team.init; person.add and
/// passphrase.reset entries, signed by an admin the chain knows, give later
/// keys; person.disable takes them away). Every enabled person's key on the
/// server must be the one the chain gave them. Each action must be one its
/// author's role may record (mayRecord()). An entry that does not hold is
/// named and skipped, and every later entry is checked all the same, so one
/// bad entry hides nothing; ErrorKind::Damaged names the first and counts
/// the others (\a entries carries each one's problem). A hire's entry whose
/// signature alone fails is set aside (ServerAuditEntry::setAside): named in
/// \a entries, counted for nothing, and no error by itself.
///
/// This desk's pin (ServerPin.h) is checked too: the log must begin with
/// the first key this desk saw and still hold the head it saw; a clean log
/// moves the pin on to its head.
///
/// \a people, when given, receives who is who as the entries that hold say.
///
/// An enabled person the server lets sign in with another key or role than
/// the log gave them is ErrorKind::Damaged naming them (unvouchedError())
/// when \a unvouched is null (audit verify: the server as a whole holds).
/// When \a unvouched is given, they go there (name, and the role the server
/// shows) and are no error by itself: what one person's login changed of
/// their own row stops the acts on them, never the whole team's. The
/// reader themselves is still the error.
Error verifyAudit(SignedIn& reader, QList<ServerAuditEntry>* entries = nullptr,
                  QHash<QString, ChainPerson>* people = nullptr, Unvouched* unvouched = nullptr);

/// "The team server S lets NAME sign in as ROLE with a key its audit log did
/// not give them": ErrorKind::Damaged, with what an admin does about it.
Error unvouchedError(const QString& serverName, const QString& name, const QString& role);

/// The production key's check value: BLAKE2b keyed with \a key over a fixed
/// tag, as the first admin's team.init entry names it (schema 9).
QByteArray productionCheckOf(const SecureBytes& key);

/// Opens the production key sealed to \a me on the server (schema 9). Only a
/// person the verified log makes an enabled admin or mentor with the key
/// they signed in with holds it, whatever the server shows: anyone else is
/// ErrorKind::NotPermitted. A team made before schema 9 has none
/// (ErrorKind::InvalidInput). A box that does not open with their key, or
/// holds a key without the check value the newest verified entry gives
/// (productionCheckIn()), is ErrorKind::Damaged naming the server.
Error openProductionKey(SignedIn& me, SecureBytes* key);

/// Whether a person of \a role ("admin", "mentor") holds the production key.
bool holdsProduction(const QString& role);

/// openProductionKey() against \a entries and \a people, the log \a me verified.
Error openProductionKey(SignedIn& me, const QList<ServerAuditEntry>& entries, const QHash<QString, ChainPerson>& people,
                        SecureBytes* key);

/// Whether \a entry rotated the production key (schema 13): a person.disable
/// or production.rotate that names the new key's check value.
bool isProductionRotation(const ServerAuditEntry& entry);

/// The production key's check value as the newest verified entry in
/// \a entries gives it: the first admin's team.init, then each rotation.
/// Empty for a team whose server keeps no production key.
QByteArray productionCheckIn(const QList<ServerAuditEntry>& entries);

/// The entries of the audit log \a reader may see, each checked before it
/// is shown (`audit log` on a server). An admin or a mentor reads the whole
/// log and verifyAudit() checks it: an entry that does not hold carries its
/// problem, and a log that fails as a whole (this desk's pin, a person the
/// log did not give their key) is the error with no entries. A hire reads
/// their own entries and the ones that say who is who (schema 6), and cannot
/// check the chain between them: each is checked on its own, its hash
/// against what it records and its signature against the key the entries
/// before it gave its actor (readCheckedLog()); an entry signed before a
/// reset verifies with the key of its time, one signed with an old key
/// after the reset does not. The returned error is ErrorKind::Damaged when any entry does
/// not hold, and \a entries are filled all the same.
Error readAudit(SignedIn& reader, QList<ServerAuditEntry>* entries);

/// Every entry of the audit log \a reader may read, checked: for an admin or
/// a mentor the whole log (verifyAudit()); for a hire their own entries and
/// the ones every person reads (schema 6: who is who, the checklist
/// versions' entries and their own enrollment's), the first followed from
/// the team's first key this desk pinned, each entry's signature checked
/// against the key the log gave its actor at its place, and the hire's
/// newest key the one they sign with now. Errors as readAudit(), but for
/// the people the server shows otherwise than the log says: they go to
/// \a unvouched (always empty on a hire's desk), and each act on one of
/// them is to refuse it (unvouchedError()).
Error readCheckedLog(SignedIn& reader, QList<ServerAuditEntry>* entries, Unvouched* unvouched = nullptr);

/// One person of the team as the server lists them (`person list`).
struct ServerPerson {
    QString name;
    QString fullName;
    QString role;
    bool enabled = false;
    QByteArray publicKey;
    /// The verified audit log gives this name this key, role, full name and
    /// enabled state. Never set on a hire's desk, which cannot read the log.
    bool vouched = false;
};

/// The team's people, each with whether the audit log vouches for them. An
/// admin's or a mentor's desk verifies the whole log first (verifyAudit():
/// a log that does not hold is its error and nothing is listed); a hire's
/// desk lists what the server says, none of it vouched for. On every desk,
/// a person whose display name differs from the one their signed
/// team.init or person.add entry gives is ErrorKind::Damaged naming them.
Error listPeople(SignedIn& reader, QList<ServerPerson>* people);

/// The display name the newest entry of \a entries that holds and adds
/// \a name (team.init, person.add) signed for them; nullopt without one.
std::optional<QString> signedFullName(const QList<ServerAuditEntry>& entries, const QString& name);

/// ErrorKind::Damaged naming the server \a serverName and \a name when it
/// shows them as \a shown and \a signedName (when known) says otherwise.
Error checkShownName(const QString& serverName, const QString& name, const QString& shown,
                     const std::optional<QString>& signedName);

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
