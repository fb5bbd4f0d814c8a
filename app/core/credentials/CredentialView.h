#pragma once

#include "checklist/Checklist.h"
#include "gate/Gate.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace onramp {

/// Where one of a hire's credentials stands.
enum class CredentialState {
    Ready, ///< sandbox: issued, the hire can read it
    NotSet, ///< a static secret no admin has set yet
    Locked, ///< production: the gate is closed (reasons say why)
    Granted, ///< production: a live grant, the hire can read it
    NotGranted, ///< production: signed off, but no grant for this credential (ask for a renewal)
    Expired, ///< production: the grant's time is up
    Revoked, ///< production: a mentor or admin revoked the grant
    Invalid, ///< production: the grant's signature does not verify
};

/// "sandbox", "not-set", "locked", "granted", "not-granted", "expired", "revoked", "invalid".
QString credentialStateName(CredentialState state);

/// One credential of one hire, as every screen and command shows it; never holds the secret.
struct CredentialView {
    QString hire;
    QString hireDisplayName;
    qint64 enrollmentId = 0;
    CredentialTemplate credential; ///< with the fields' templates filled in for this hire
    CredentialState state = CredentialState::Locked;
    QDateTime issuedAt; ///< sandbox: issued; production: granted
    QDateTime expiresAt; ///< production grants only
    QString grantedBy;
    QDateTime endedAt; ///< revoked
    QString endedBy;
    QString endedByDisplayName; ///< endedBy's name for people
    QList<Reason> reasons; ///< the gate's reasons while Locked
    /// The hire's own view only: issued or granted, but its box does not open
    /// with their key (sealed before a passphrase reset gave them a new one):
    /// a sandbox one is reissued, a production grant renewed by their mentor.
    bool sealedToOldKey = false;
    /// Revoked or expired in Onramp, but its login at the source (a database
    /// role) could not be dropped yet: `onramp cred sweep` retries. Shown as
    /// "revoke pending", never as done.
    bool revokePending = false;
    /// Expired, but recorded so while expiresAt is still to come: a desktop
    /// whose clock was ahead (or a hand on the row) ended it early.
    bool endedEarly = false;
    /// A sandbox credential on a team server, which issues none yet: no
    /// admin can set it there, so nobody is sent to ask one.
    bool notIssuedOnServer = false;

    /// True when the hire may read the secret now.
    bool readable() const
    {
        return !sealedToOldKey && (state == CredentialState::Ready || state == CredentialState::Granted);
    }
    /// The secret's field name: the template's, else "password" for a login
    /// (a "user" or "username" field), else "secret".
    QString secretName() const;
    /// Why the secret cannot be read now, as one translated sentence (with the gate's reasons).
    QString explanation() const;
    /// {"hire", "id", "title", "environment", "provider", "status", "fields": {…}, "secret_name",
    ///  "issued_at", "expires_at", "granted_by", "revoked_at", "revoked_by", "reasons": [{code, step, message}]},
    ///  and "revoke_pending": true while its revocation at the source is pending
    QJsonObject toJson() const;
};

/// Fills in {{hire}}, {{hire_display}} and {{enrollment}} in a non-secret field.
QString renderField(const QString& text, const QString& hire, const QString& hireDisplayName, qint64 enrollmentId);

} // namespace onramp
