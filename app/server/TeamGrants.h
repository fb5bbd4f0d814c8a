#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "checklist/Checklist.h"
#include "onboarding/EnrollmentStatus.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace onramp::server {

class PgConnection;
struct ServerAuditEntry;
struct SignedIn;

// Production grants on a team server (schema 8). The sign-off releases one
// grant per production credential of the checklist version, in its own
// transaction, and its signed entry names each (credential, expiry and the
// SHA-256 of the sealed box); grant.renew and grant.revoke name what they
// end and make. The server takes a grant only from the enrollment's mentor
// or an admin while onramp.gate_open, and only with that entry
// (onramp.require_record_entry); a grant.revoke commits only when no live
// grant of its credential remains. Every desk checks each grant row
// against its entry before it counts.

/// A grant about to be written: its credential, expiry and box (a secret
/// sealed to the hire; empty for a static credential whose secret is not on
/// the server).
struct NewGrant {
    QString credential;
    QDateTime expires;
    QByteArray sealed;
};

/// The grants a sign-off (or a renewal, \a only naming one credential)
/// releases for \a checklist's production credentials to \a hire at \a now:
/// a generated credential gets a fresh secret sealed to the hire's key; a
/// static one the secret an admin kept for it (keptSecret(), read as
/// \a grantor) sealed to the hire, or a grant without a box while none is set.
Error prepareGrants(SignedIn& grantor, const Checklist& checklist, const QByteArray& hirePublicKey,
                    const QDateTime& now, const QString& only, QList<NewGrant>* out);

/// `cred set` on a team server as the admin \a me (schema 10): \a secret of
/// the production static credential \a credentialId, encrypted on this
/// desk under the production key and kept as a row of onramp.credentials,
/// with the signed credential.set entry naming the credential, environment
/// and the SHA-256 of the box. The server sees ciphertext only. Grants made
/// afterwards (a sign-off, a renewal) seal it to the hire; a grant live at
/// \a now is sealed it at once, on this desk, with the admin's grant.renew
/// entry keeping its expiry (its hire in \a delivered, when given), as a
/// folder vault's cred set does. NotPermitted for anyone but an admin;
/// InvalidInput for an empty secret, a credential no checklist gives as
/// static, or a sandbox one (a server keeps production secrets only so far).
/// A live grant that could not be sealed to is named in the error, the
/// secret set and the others sealed all the same.
Error setStaticSecret(SignedIn& me, const QString& credentialId, const SecureBytes& secret,
                      const QDateTime& now = QDateTime::currentDateTimeUtc(), QStringList* delivered = nullptr);

/// The production secret an admin kept for \a credentialId, opened with the
/// production key \a me holds (an admin or a mentor), or nullopt when none
/// was set. The row must be the one the newest credential.set entry of the
/// verified log names (ErrorKind::Damaged otherwise, and for a box that does
/// not open).
Error keptSecret(SignedIn& me, const QString& credentialId, std::optional<SecureBytes>* secret);

/// keptSecret() against \a entries, the log \a me verified: \a productionKey
/// gives the production key when a row is there to open.
Error keptSecretIn(SignedIn& me, const QList<ServerAuditEntry>& entries, const QString& credentialId,
                   const std::function<Error(const SecureBytes**)>& productionKey, std::optional<SecureBytes>* secret);

/// \a secret of \a credentialId encrypted under the production \a key, as
/// onramp.credentials keeps it.
QByteArray sealSecret(const SecureBytes& secret, const SecureBytes& key, const QString& teamId,
                      const QString& credentialId);

/// The SHA-256 of \a box in base64, as an entry names a box (box_digest).
QString boxDigest(const QByteArray& box);

/// What an entry says of \a grants: [{credential, expires_at, sealed_digest}].
QJsonArray describeGrants(const QList<NewGrant>& grants);

/// Writes \a grants of \a enrollmentId as \a author in \a connection's transaction.
Error insertGrants(PgConnection& connection, qint64 enrollmentId, const QString& author, const QList<NewGrant>& grants);

/// A grant row of an enrollment as readProduction() read it and checked it
/// against the signed entry that made it (and the one that ended it).
struct ServerGrant {
    qint64 id = 0;
    QString credential;
    QDateTime grantedAt;
    QDateTime expiresAt;
    QByteArray sealed; ///< empty: a static credential's grant made while no secret was set
    QString author;
    QString endedHow; ///< "revoked", "renewed", or empty while live
    QDateTime endedAt;
    QString endedBy;
};

/// Sets \a status's revocation (revokedAt, revokedBy) from the enrollment's
/// grants as \a reader reads them, each checked against its signed entry in
/// \a entries: signed off, and every production credential's newest grant
/// ended since, the latest by a revocation. A grant row that only set-aside
/// entries made is left out, and an end only they vouch for still ends it;
/// a row no entry vouches for at all is ErrorKind::Damaged naming the
/// server. \a checked, when given, receives the rows so checked, oldest first.
Error readProduction(PgConnection& connection, const QList<ServerAuditEntry>& entries, const QString& hire,
                     const std::function<QString(const QString&)>& shownName, EnrollmentStatus* status,
                     QList<ServerGrant>* checked = nullptr);

/// `cred revoke` on a team server as \a me (\a hire's mentor or an admin):
/// every live grant of \a credentialId ends, with the signed grant.revoke
/// entry naming them. NotPermitted for anyone else; InvalidInput when no
/// grant is live.
Error revokeGrant(SignedIn& me, const QString& hire, const QString& credentialId, const QDateTime& now);

/// `cred renew` on a team server as \a me (\a hire's mentor or an admin),
/// while the gate is open: the live grant of \a credentialId ends as renewed
/// and a new one is written, with the signed grant.renew entry naming both.
/// \a expires receives the new grant's expiry.
Error renewGrant(SignedIn& me, const QString& hire, const QString& credentialId, const QDateTime& now,
                 QDateTime* expires);

} // namespace onramp::server
