#pragma once

#include "checklist/Checklist.h"

#include "Error.h"
#include "SecureBytes.h"
#include "people/Person.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace onramp {

class Vault;

/// What a provider is asked for: one credential of one checklist for one hire,
/// on behalf of the person who unlocked \a vault. Runs inside the caller's
/// transaction; a provider writes only through vault.db().
struct IssueRequest {
    Vault& vault;
    const CredentialTemplate& credential;
    const Person& hire;
    qint64 enrollmentId = 0;
    QDateTime now;
    bool fresh = false; ///< a new secret is wanted (reissue, or after a revocation)
    /// Out, when given: non-secret fields of what the provider made (the
    /// `postgresql` provider's host, port, database and user), kept beside
    /// the sealed secret and shown with the template's own fields.
    QMap<QString, QString>* fields = nullptr;
};

/// A provider connection's DSN as a provider's own parser reads it.
struct ConnectionAddress {
    QStringList hosts; ///< its `host`, then its `hostaddr` (either may be empty)
    QStringList endpoints; ///< the one server it reaches, as "host:port"
    QString shownName; ///< host:port/database as a person reads it, for messages
};

/// Where a credential's secret comes from. The core only talks to this
/// interface; a provider that creates accounts at a real source (a database
/// role, an SSH certificate) implements revoke() to remove them there too.
class Provider
{
public:
    virtual ~Provider() = default;

    /// The `provider:` name in a checklist file.
    virtual QString name() const = 0;
    /// The secret for the request, or nullopt with no error when none is set
    /// yet (a static secret no admin has set).
    virtual Error issue(const IssueRequest& request, std::optional<SecureBytes>* out) = 0;
    /// Removes the hire's credential at its source; does nothing by default.
    virtual Error revoke(const IssueRequest& request);
    /// The hire, signed in at the source with what they were handed (\a
    /// fields, \a secret): puts what the credential made for them back as it
    /// was issued (the `postgresql` provider's sandbox database, made again
    /// from its template). NotPermitted by default: nothing to reset.
    virtual Error reset(const IssueRequest& request, const QMap<QString, QString>& fields, const SecureBytes& secret);
    /// True when the hire may ask for a fresh secret themself (reissue).
    virtual bool hireMayReissue() const { return false; }
    /// True when issue() makes something outside the vault (a database
    /// login): an issue inside a vault transaction that then rolls back is
    /// revoked again, so that nothing is left at the source without a record.
    virtual bool actsAtSource() const { return false; }
    /// A provider connection's \a dsn, read by the provider's own parser
    /// and held to its rules: an error naming what is wrong when it would
    /// sign in nowhere, or at more than one server. NotPermitted by default:
    /// no connections.
    virtual Error readConnection(const QString& dsn, ConnectionAddress* out) const;
};

/// \a length characters drawn uniformly from the letters and digits that
/// cannot be read as one another (no 0 and O, no 1, l and I: 57 symbols,
/// 5.8 bits each), in secure memory: what a person may have to read off a
/// screen or type.
SecureBytes readableSecret(int length);

/// A fresh secret for the generated credential \a credential: its
/// secret.length characters (32 when it gives none) drawn uniformly from its
/// alphabet (readableSecret's when it gives none), in secure memory. Every
/// store draws a generated secret so.
SecureBytes generatedSecret(const CredentialTemplate& credential);

/// InvalidInput naming \a credentialId when \a secret is empty or only
/// white space (a secret pasted as spaces, or a file of blank lines):
/// every store refuses to keep such a secret.
Error checkSecretToSet(const QString& credentialId, const SecureBytes& secret);

/// The providers known to this program, by name; "generated" and "static" are built in.
class Providers
{
public:
    using Factory = std::function<std::unique_ptr<Provider>()>;

    /// Makes \a name's provider available (a later provider registers itself here).
    static void add(const QString& name, Factory factory);
    /// A new instance of \a name's provider, or nullptr when none is registered.
    static std::unique_ptr<Provider> make(const QString& name);
};

} // namespace onramp
