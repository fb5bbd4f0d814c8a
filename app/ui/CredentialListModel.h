#pragma once

#include "ListModel.h"

#include "credentials/CredentialView.h"

namespace onramp::ui {

/// Credentials as a hire sees theirs, or a mentor or admin their mentees'
/// grants: the state, the non-secret fields and why a locked one is locked.
/// Secrets are never in it.
class CredentialListModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CredentialListModel comes from a CredentialsBackend")
    /// True when at least one credential may be read now (so there is something to export).
    Q_PROPERTY(bool anyReadable READ anyReadable NOTIFY anyReadableChanged FINAL)
    /// True when at least one credential may be read now and names a host and
    /// a user (fitsPgpass()): a .pgpass export has a line to write.
    Q_PROPERTY(bool anyPgpass READ anyPgpass NOTIFY anyReadableChanged FINAL)
    /// True when a production credential may be read now: an export asks first
    /// whether its secret goes into the file.
    Q_PROPERTY(bool anyProductionReadable READ anyProductionReadable NOTIFY anyReadableChanged FINAL)
    /// True when production access is granted but a static production secret is not set yet.
    Q_PROPERTY(bool productionAwaitingSecret READ productionAwaitingSecret NOTIFY productionAwaitingSecretChanged FINAL)
    /// True when production credentials were granted and every one has since run out:
    /// signed off, but no production access now until a renewal.
    Q_PROPERTY(bool productionExpired READ productionExpired NOTIFY productionExpiredChanged FINAL)
    /// True when at least one credential is a generated sandbox one, which the hire may reissue.
    Q_PROPERTY(bool anyReissuable READ anyReissuable NOTIFY anyReissuableChanged FINAL)

public:
    enum Roles {
        HireRole = Qt::UserRole + 1, ///< whose credential it is
        CredentialIdRole, ///< the credential's id
        TitleRole,
        EnvironmentRole, ///< "sandbox" or "production"
        ProductionRole, ///< released only after the sign-off
        StatusRole, ///< "ready", "locked", "granted", "expired", "revoked", …
        ExplanationRole, ///< why it cannot be read now; empty when it can
        FieldsRole, ///< the non-secret fields as "host: … · user: …"
        ExpiresAtRole, ///< local time, short; empty when it does not expire
        ExpiresAtMsRole, ///< ms since the epoch; 0 when it does not expire
        ReadableRole, ///< the secret may be read now
        StatusTextRole, ///< the state in a person's words ("waiting for IT", "granted", …)
        AwaitingSecretRole, ///< an admin has yet to set the secret (static, not set)
        ReissuableRole, ///< a generated sandbox secret, which the hire may reissue
        HireDisplayNameRole, ///< whose credential it is, as people call them
        LifetimeRole, ///< production: how long a grant lasts once released ("8 hours"); empty for sandbox
        ResettableRole, ///< a sandbox database of the hire's own, which they may reset from its template
        IssuedRole, ///< a generated sandbox secret the hire reads: when it was made ("issued Dec 6, 2026 …"), which a reissue or a reset renews
        /// Its provider ends the login at its source when access ends (a
        /// PostgreSQL role is dropped): a secret already read opens nothing
        /// then. Otherwise what was read stays valid where it is used.
        EndsAtSourceRole,
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setCredentials(const QList<CredentialView>& credentials);
    /// The next batch of a list read a batch at a time; \a more: whether still more follow.
    void appendCredentials(const QList<CredentialView>& credentials, bool more);
    bool anyReadable() const;
    bool anyPgpass() const;
    bool anyProductionReadable() const;
    bool productionAwaitingSecret() const;
    bool productionExpired() const;
    bool anyReissuable() const;
    /// Why \a view cannot be read now, as the app tells it: plain words, no command to run.
    static QString explain(const CredentialView& view);
    /// The state of \a view in a person's words.
    static QString statusText(const CredentialView& view);
    /// When the first readable production grant runs out (ms since the epoch), 0 when none does.
    qint64 nearestProductionExpiry() const;
    /// How long a grant of the production credential \a view lasts once released, in
    /// words ("8 hours"): its ttl, else the core's default; empty for a sandbox one.
    static QString lifetime(const CredentialView& view);
    /// The lifetime of the production credentials, in words: one duration when
    /// they agree, else the shortest and the longest; empty when there are none.
    QString productionLifetime() const;

Q_SIGNALS:
    void anyReadableChanged();
    void productionAwaitingSecretChanged();
    void productionExpiredChanged();
    void anyReissuableChanged();

protected:
    int size() const override { return int(m_credentials.size()); }
    QVariant value(int row, int role) const override;

private:
    static bool reissuable(const CredentialView& view);

    QList<CredentialView> m_credentials;
};

} // namespace onramp::ui
