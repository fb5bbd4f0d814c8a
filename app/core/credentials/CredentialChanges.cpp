// Changing credentials: sandbox issuance and reissue, production grants at
// sign-off, revocation, renewal, and static secrets set by an admin.
#include "Credentials.h"
#include "Grants.h"
#include "Provider.h"
#include "SecretStore.h"

#include "audit/AuditLog.h"
#include "Crypto.h"
#include "audit/Ledger.h"
#include "vault/Vault.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/Signatures.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCredentials, "onramp.credentials", QtInfoMsg)

namespace onramp {

namespace {

Error providerFor(const CredentialTemplate& credential, std::unique_ptr<Provider>* out)
{
    *out = Providers::make(credential.provider);
    if (!*out)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("credential '%1' names provider '%2', which this Onramp does not have")
                         .arg(credential.id, credential.provider));
    return {};
}

QDateTime expiryFor(const CredentialTemplate& credential, const QDateTime& now)
{
    return now.addSecs(credential.ttlSeconds > 0 ? credential.ttlSeconds : Credentials::kDefaultTtlSeconds);
}

} // namespace

Error Credentials::issueOneSandbox(qint64 enrollmentId, const Person& hire, const CredentialTemplate& credential,
                                   bool fresh)
{
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(credential, &provider))
        return e;
    std::optional<SecureBytes> secret;
    if (Error e = provider->issue({m_vault, credential, hire, enrollmentId, m_clock.now(), fresh}, &secret))
        return e;
    QVariant sealed;
    if (secret) {
        sealed = crypto::sealTo(secret->view(), hire.signPublicKey);
        if (sealed.toByteArray().isEmpty())
            return Error(ErrorKind::Damaged, Tr::tr("%1's public key is not valid; cannot seal to it").arg(hire.name));
    }
    // Names and ids only: never a secret, never a sealed box.
    qCDebug(lcCredentials) << "sandbox credential" << credential.id << "for" << hire.name
                           << (secret ? "sealed to the hire" : "not set yet");
    return m_vault.db().execute(QStringLiteral("INSERT OR REPLACE INTO sandbox_credentials (enrollment_id, "
                                               "credential_id, sealed, issued_at) VALUES (?1, ?2, ?3, ?4)"),
                                {enrollmentId, credential.id, sealed, signatures::timeText(m_clock.now())});
}

Error Credentials::issueSandbox(qint64 enrollmentId, const Person& hire, const Checklist& checklist)
{
    for (const CredentialTemplate& credential : checklist.credentials)
        if (credential.environment == Environment::Sandbox)
            if (Error e = issueOneSandbox(enrollmentId, hire, credential, true))
                return e;
    return {};
}

static Error disabledHire(const Person& hire)
{
    return Error(ErrorKind::NotPermitted, Tr::tr("%1 is disabled; nothing is granted to them").arg(hire.name));
}

Error Credentials::endLiveGrants(qint64 enrollmentId, QJsonArray* ended)
{
    return Grants(m_vault).endLive(enrollmentId, m_clock.now(), ended);
}

Error Credentials::grantProduction(qint64 enrollmentId, const Person& hire, const Checklist& checklist)
{
    // The caller (the sign-off) verified the vault against the log in this transaction.
    if (hire.disabled)
        return disabledHire(hire);
    const QDateTime now = m_clock.now();
    for (const CredentialTemplate& credential : checklist.credentials) {
        if (credential.environment != Environment::Production)
            continue;
        std::unique_ptr<Provider> provider;
        if (Error e = providerFor(credential, &provider))
            return e;
        std::optional<SecureBytes> secret;
        if (Error e = provider->issue({m_vault, credential, hire, enrollmentId, now, false}, &secret))
            return e;
        QJsonObject details{{QStringLiteral("credential"), credential.id},
                            {QStringLiteral("expires_at"), signatures::timeText(expiryFor(credential, now))}};
        if (Error e = Grants(m_vault).grant(enrollmentId, hire, credential.id, secret, now, expiryFor(credential, now),
                                            &details))
            return e;
        if (Error e = AuditLog::append(m_vault, QStringLiteral("grant.create"), hire.name, details))
            return e;
        qCDebug(lcCredentials) << "granted" << credential.id << "to" << hire.name << "by" << m_vault.me().name
                               << (secret ? "sealed" : "not set yet");
    }
    return {};
}

Error Credentials::reissue(const QString& credentialId)
{
    Subject subject;
    if (Error e = mine(&subject))
        return e;
    for (const CredentialTemplate& credential : subject.checklist.credentials) {
        if (credential.id != credentialId)
            continue;
        if (credential.environment != Environment::Sandbox)
            return Error(
                ErrorKind::NotPermitted,
                Tr::tr("'%1' is a production credential; only your mentor or an admin can renew it").arg(credentialId));
        std::unique_ptr<Provider> provider;
        if (Error e = providerFor(credential, &provider))
            return e;
        if (!provider->hireMayReissue())
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("'%1' is a %2 credential: its secret is set by an admin ('onramp cred set')")
                             .arg(credentialId, credential.provider));
        Database::Transaction transaction(m_vault.db());
        if (transaction.beginError())
            return transaction.beginError();
        if (Error e = issueOneSandbox(subject.enrollmentId, subject.hire, credential, true))
            return e;
        if (Error e = AuditLog::append(m_vault, QStringLiteral("credential.reissue"), subject.hire.name,
                                       {{QStringLiteral("credential"), credentialId}}))
            return e;
        return transaction.commit();
    }
    return Error(ErrorKind::InvalidInput, Tr::tr("no credential '%1' in your checklist").arg(credentialId));
}

Error Credentials::requireGrantor(const Subject& subject, const QString& credentialId, const CredentialTemplate** out)
{
    if (Error e = m_vault.requireActive())
        return e;
    const Person& me = m_vault.me();
    const bool mayGrant = me.role == Role::Admin || (me.role == Role::Mentor && me.id == subject.mentor.id);
    if (!mayGrant || me.id == subject.hire.id)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only %1's mentor, %2, or an admin can renew or revoke their grants")
                         .arg(subject.hire.name, subject.mentor.name));
    for (const CredentialTemplate& credential : subject.checklist.credentials) {
        if (credential.id != credentialId)
            continue;
        if (credential.environment != Environment::Production)
            return Error(
                ErrorKind::InvalidInput,
                Tr::tr("'%1' is a sandbox credential; it has no grant (the hire reissues it)").arg(credentialId));
        *out = &credential;
        return {};
    }
    return Error(ErrorKind::InvalidInput,
                 Tr::tr("no credential '%1' in %2's checklist").arg(credentialId, subject.hire.name));
}

Error Credentials::revoke(const QString& hire, const QString& credentialId)
{
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    Subject subject;
    if (Error e = loadFor(hire, &subject, Enrollments::Check::ForRevocation))
        return e;
    const CredentialTemplate* credential = nullptr;
    if (Error e = requireGrantor(subject, credentialId, &credential))
        return e;
    std::optional<GrantRow> grant;
    if (Error e =
            Grants(m_vault).latest(subject.enrollmentId, subject.hire, credentialId, &grant, Grants::Lookup::Scan))
        return e;
    if (!grant || grant->ended == QLatin1String("revoked"))
        return Error(ErrorKind::InvalidInput, Tr::tr("%1 holds no grant of '%2' to revoke").arg(hire, credentialId));
    const QDateTime now = m_clock.now();
    if (Error e = Grants(m_vault).end(grant->id, QStringLiteral("revoked"), now))
        return e;
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(*credential, &provider))
        return e;
    if (Error e = provider->revoke({m_vault, *credential, subject.hire, subject.enrollmentId, now, false}))
        return e;
    qCDebug(lcCredentials) << "revoked" << credentialId << "of" << hire << "by" << m_vault.me().name;
    if (Error e = AuditLog::append(
            m_vault, QStringLiteral("grant.revoke"), hire,
            {{QStringLiteral("credential"), credentialId},
             {QStringLiteral("enrollment"), subject.enrollmentId},
             {QStringLiteral("ended_grants"), QJsonArray{Grants::ending(grant->id, QStringLiteral("revoked"))}}}))
        return e;
    return transaction.commit();
}

Error Credentials::renew(const QString& hire, const QString& credentialId, QDateTime* expires)
{
    // The gate is decided from records verified inside the releasing transaction.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    Subject subject;
    if (Error e = loadFor(hire, &subject))
        return e;
    const CredentialTemplate* credential = nullptr;
    if (Error e = requireGrantor(subject, credentialId, &credential))
        return e;
    if (!subject.decision.allowed) {
        CredentialView locked;
        locked.credential = *credential;
        locked.reasons = subject.decision.reasons;
        return Error(ErrorKind::NotPermitted, locked.explanation());
    }
    if (subject.hire.disabled)
        return disabledHire(subject.hire);
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(*credential, &provider))
        return e;
    const QDateTime now = m_clock.now();
    std::optional<SecureBytes> secret;
    if (Error e = provider->issue({m_vault, *credential, subject.hire, subject.enrollmentId, now, false}, &secret))
        return e;
    *expires = expiryFor(*credential, now);
    QJsonObject details{{QStringLiteral("credential"), credentialId},
                        {QStringLiteral("expires_at"), signatures::timeText(*expires)}};
    if (Error e =
            Grants(m_vault).grant(subject.enrollmentId, subject.hire, credentialId, secret, now, *expires, &details))
        return e;
    qCDebug(lcCredentials) << "renewed" << credentialId << "of" << hire << "until" << *expires;
    if (Error e = AuditLog::append(m_vault, QStringLiteral("grant.renew"), hire, details))
        return e;
    return transaction.commit();
}

Error Credentials::setSecret(const QString& credentialId, const SecureBytes& secret, int* delivered)
{
    *delivered = 0;
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can set a credential's secret"));
    if (secret.isEmpty())
        return Error(ErrorKind::InvalidInput, Tr::tr("the secret for '%1' is empty").arg(credentialId));
    // Where the secret goes is decided from records verified inside this transaction:
    // a credential relabelled "sandbox" or a grant revived by raw SQL is found here.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = Ledger::require(m_vault, m_clock.now()))
        return e;
    QList<StoredChecklist> latest;
    if (Error e = ChecklistStore(m_vault).latest(&latest))
        return e;
    std::optional<Environment> environment;
    QStringList statics;
    for (const StoredChecklist& stored : latest) {
        for (const CredentialTemplate& credential : stored.checklist.credentials) {
            if (credential.provider != QLatin1String("static"))
                continue;
            statics.append(credential.id);
            if (credential.id != credentialId)
                continue;
            if (environment && *environment != credential.environment)
                return Error(ErrorKind::InvalidInput,
                             Tr::tr("'%1' is a sandbox credential in one checklist and a production one in another; "
                                    "give them different ids")
                                 .arg(credentialId));
            environment = credential.environment;
        }
    }
    if (!environment)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("no static credential '%1' in any checklist (static credentials: %2)")
                         .arg(credentialId, statics.isEmpty() ? Tr::tr("none") : statics.join(QStringLiteral(", "))));
    QList<EnrollmentStatus> statuses;
    if (Error e = Enrollments(m_vault, m_clock).visible(&statuses))
        return e;
    const QDateTime now = m_clock.now();
    if (Error e = SecretStore(m_vault).put(credentialId, *environment, 0, secret, now))
        return e;
    qCDebug(lcCredentials) << "static secret of" << credentialId << "set by" << m_vault.me().name;
    for (const EnrollmentStatus& status : statuses) {
        Subject subject;
        if (Error e = load(status, &subject))
            return e;
        // Nothing goes to a row an admin did not make, nor to a hire production is closed to.
        if (subject.hire.disabled)
            continue;
        for (const CredentialTemplate& credential : subject.checklist.credentials) {
            if (credential.id != credentialId || credential.provider != QLatin1String("static")
                || credential.environment != *environment)
                continue;
            if (credential.environment == Environment::Sandbox) {
                if (Error e = issueOneSandbox(subject.enrollmentId, subject.hire, credential, false))
                    return e;
                ++*delivered;
                continue;
            }
            std::optional<GrantRow> grant;
            if (Error e = Grants(m_vault).latest(subject.enrollmentId, subject.hire, credentialId, &grant))
                return e;
            if (grant && grant->signatureValid && subject.decision.allowed && grant->ended.isEmpty()
                && now < grant->expiresAt) {
                if (Error e = Grants(m_vault).reseal(grant->id, subject.hire, secret))
                    return e;
                ++*delivered;
            }
        }
    }
    if (Error e =
            AuditLog::append(m_vault, QStringLiteral("credential.set"), credentialId,
                             {{QStringLiteral("credential"), credentialId}, {QStringLiteral("delivered"), *delivered}}))
        return e;
    return transaction.commit();
}

} // namespace onramp
