#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "audit/SignerKeys.h"
#include "people/Person.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QVariant>

#include <optional>

namespace onramp {

class Vault;

/// A production grant as the vault holds it: the secret sealed to the hire,
/// with an expiry signed by the mentor or admin who granted it.
struct GrantRow {
    qint64 id = 0;
    QByteArray sealed; ///< empty: not set yet, or ended
    QDateTime grantedAt;
    QDateTime expiresAt;
    QString grantedBy;
    QString ended; ///< "", "revoked", "renewed" or "expired"
    QDateTime endedAt;
    QString endedBy;
    QString endedByDisplayName; ///< endedBy's name for people
    /// Non-secret fields the provider made with it (host, port, database,
    /// user); signed with the row when there are any.
    QMap<QString, QString> fields;
    bool signatureValid = false; ///< signed by a non-hire other than the hire, over this row's meaning
};

/// Grant rows of production credentials. Every function runs inside the
/// caller's transaction, so the caller's audit entry can join it.
class Grants
{
public:
    explicit Grants(Vault& vault)
        : m_vault(vault)
        , m_signers(vault)
    {}

    /// How latest() finds the row: through the index (reads), or by scanning
    /// the table (revocation, which must find the right grant even in a vault
    /// whose index a hire doctored).
    enum class Lookup { Indexed, Scan };
    /// The newest grant of \a credentialId in enrollment \a enrollmentId, with its signature checked.
    Error latest(qint64 enrollmentId, const Person& hire, const QString& credentialId, std::optional<GrantRow>* out,
                 Lookup lookup = Lookup::Indexed);
    /// The newest grant of every (enrollment, credential) of \a hires (by
    /// enrollment id), with signatures checked. \a scope: a WHERE clause on
    /// alias g (empty: all). Lookup::Scan reads every row of the table (never
    /// through an index); Lookup::Indexed lets \a scope use the enrollment
    /// index, for a few enrollments of many. A doctored index can then hide
    /// a grant or answer with another's, never make one valid: the signature
    /// binds the grant to the enrollment and hire it is checked for.
    Error latestOfEach(const QString& scope, const QVariantList& params, const QHash<qint64, Person>& hires,
                       QHash<QPair<qint64, QString>, GrantRow>* out, Lookup lookup = Lookup::Scan);
    /// Ends the grants \a ids as "expired" in one statement, each only if still live.
    Error expire(const QList<qint64>& ids, const QDateTime& now);

    /// Grants \a secret (nullopt: not set yet) to \a hire until \a expires,
    /// signed by me; a live older grant of the same credential ends as "renewed".
    /// \a details receives what the audit entry must carry: the enrollment,
    /// the new row it vouches for and the grant it ended.
    Error grant(qint64 enrollmentId, const Person& hire, const QString& credentialId,
                const std::optional<SecureBytes>& secret, const QDateTime& now, const QDateTime& expires,
                QJsonObject* details, const QMap<QString, QString>& fields = {});
    /// Ends as \a how every grant of \a credentialId in \a enrollmentId
    /// that the log holds live: vouched for by a `grant.create` or
    /// `grant.renew` and ended by no entry since. What is live is the log's
    /// word, never the rows' (a hire can make a row look ended, or delete it
    /// for the while): each such grant is ended and listed in \a ended for
    /// the audit entry, its row here or not (\a missing: the ids whose row is
    /// gone). A row that looks live but that the log ended gets the log's
    /// ending back; one no entry vouched for is ended too (\a planted).
    /// Every sealed box of the pair is deleted. Rows are read by scanning the
    /// table, the log by walking it; the log is read unverified, the ledger
    /// holds the entry recorded to what the signed log says.
    Error endEveryLive(qint64 enrollmentId, const Person& hire, const QString& credentialId, const QString& how,
                       const QDateTime& now, QJsonArray* ended, QList<qint64>* planted, QList<qint64>* missing);
    /// Ends every live grant of \a enrollmentId as "revoked"; \a ended lists
    /// them for the audit entry (`ended_grants`).
    Error endLive(qint64 enrollmentId, const QDateTime& now, QJsonArray* ended);
    /// `{"id": grantId, "how": how}`, an element of an entry's `ended_grants`.
    static QJsonObject ending(qint64 grantId, const QString& how);
    /// Ends a grant (\a how: "revoked", "renewed", "expired"): its sealed secret is deleted, the row stays.
    Error end(qint64 grantId, const QString& how, const QDateTime& now);
    /// Seals \a secret to \a hire in a live grant (a static secret set or changed after sign-off).
    Error reseal(qint64 grantId, const Person& hire, const SecureBytes& secret);

    /// The bytes the granter signs: the grant's id, enrollment, hire,
    /// credential, times and, when the provider made any, its fields (a
    /// grant without fields signs what it signed before they existed).
    static QByteArray signedBytes(qint64 grantId, qint64 enrollmentId, const QString& hire, const QString& credentialId,
                                  const QDateTime& grantedAt, const QDateTime& expiresAt,
                                  const QMap<QString, QString>& fields = {});
    /// \a fields as the `fields` column holds them: a compact JSON object,
    /// keys in order; a null QVariant when there are none.
    static QVariant fieldsColumn(const QMap<QString, QString>& fields);
    /// The `fields` column read back; an empty map for NULL or anything not a JSON object of strings.
    static QMap<QString, QString> fieldsFrom(const QVariant& column);

private:
    /// A row of the grants query (Grants.cpp's selectGrants()) as a GrantRow,
    /// its signature checked for \a hire under the key the log gave its
    /// granter when they granted it (SignerKeys).
    GrantRow fromRow(const QVariantList& r, qint64 enrollmentId, const Person& hire, const QString& credentialId);

    Vault& m_vault;
    SignerKeys m_signers;
};

} // namespace onramp
