// Reading credentials: what each one's state is, and opening the secrets the
// hire may read. Changes (issue, grant, revoke, renew, set) are in
// CredentialChanges.cpp.
#include "Credentials.h"
#include "Grants.h"

#include "audit/AuditLog.h"
#include "vault/Vault.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/Signatures.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCredentials)

namespace onramp {

Error Credentials::load(const EnrollmentStatus& status, Subject* out)
{
    StoredChecklist stored;
    if (Error e = ChecklistStore(m_vault).get(status.checklistId, status.checklistVersion, &stored))
        return e;
    out->enrollmentId = status.enrollmentId;
    out->hire = status.hire;
    out->mentor = status.mentor;
    out->decision = status.decision;
    out->checklist = std::move(stored.checklist);
    return {};
}

Error Credentials::loadFor(const QString& hire, Subject* out, Enrollments::Check check)
{
    EnrollmentStatus status;
    if (Error e = Enrollments(m_vault, m_clock).status(hire, &status, check))
        return e;
    return load(status, out);
}

Error Credentials::mine(Subject* out)
{
    if (m_vault.me().role != Role::Hire)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only a hire has credentials to read; %1 is a %2")
                         .arg(m_vault.me().name, roleName(m_vault.me().role)));
    return loadFor(m_vault.me().name, out);
}

Error Credentials::views(const Subject& subject, QList<CredentialView>* out)
{
    Database& db = m_vault.db();
    Grants grants(m_vault);
    const QDateTime now = m_clock.now();
    for (const CredentialTemplate& credential : subject.checklist.credentials) {
        CredentialView view;
        view.hire = subject.hire.name;
        view.hireDisplayName = subject.hire.displayName;
        view.enrollmentId = subject.enrollmentId;
        view.credential = credential;
        for (QString& value : view.credential.fields)
            value = renderField(value, subject.hire.name, subject.hire.displayName, subject.enrollmentId);
        if (credential.environment == Environment::Sandbox) {
            QList<QVariantList> rows;
            if (Error e = db.execute(QStringLiteral("SELECT sealed IS NOT NULL, issued_at FROM sandbox_credentials "
                                                    "WHERE enrollment_id = ?1 AND credential_id = ?2"),
                                     {subject.enrollmentId, credential.id}, &rows))
                return e;
            const bool issued = !rows.isEmpty() && rows.first().at(0).toBool();
            view.state = issued ? CredentialState::Ready : CredentialState::NotSet;
            if (!rows.isEmpty())
                view.issuedAt = signatures::timeFromText(rows.first().at(1).toString());
            out->append(view);
            continue;
        }
        if (!subject.decision.allowed) {
            view.state = CredentialState::Locked;
            view.reasons = subject.decision.reasons;
            out->append(view);
            continue;
        }
        std::optional<GrantRow> grant;
        if (Error e = grants.latest(subject.enrollmentId, subject.hire, credential.id, &grant))
            return e;
        if (!grant) {
            view.state = CredentialState::NotGranted;
        } else {
            view.issuedAt = grant->grantedAt;
            view.expiresAt = grant->expiresAt;
            view.grantedBy = grant->grantedBy;
            if (!grant->signatureValid) {
                view.state = CredentialState::Invalid;
            } else if (grant->ended == QLatin1String("revoked")) {
                view.state = CredentialState::Revoked;
                view.endedAt = grant->endedAt;
                view.endedBy = grant->endedBy;
            } else if (!grant->ended.isEmpty() || now >= grant->expiresAt) {
                view.state = CredentialState::Expired;
            } else {
                view.state = grant->sealed.isEmpty() ? CredentialState::NotSet : CredentialState::Granted;
            }
        }
        out->append(view);
    }
    return {};
}

Error Credentials::purgeExpired(const Subject& subject)
{
    // Whoever reads first after the expiry deletes the sealed copy, so an
    // expired grant cannot be opened even by hand from then on.
    Database& db = m_vault.db();
    const QDateTime now = m_clock.now();
    Database::Transaction transaction(db);
    if (transaction.beginError())
        return transaction.beginError();
    Grants grants(m_vault);
    for (const CredentialTemplate& credential : subject.checklist.credentials) {
        if (credential.environment != Environment::Production)
            continue;
        std::optional<GrantRow> grant;
        if (Error e = grants.latest(subject.enrollmentId, subject.hire, credential.id, &grant))
            return e;
        if (grant && grant->ended.isEmpty() && (now >= grant->expiresAt || !grant->expiresAt.isValid()))
            if (Error e = grants.end(grant->id, QStringLiteral("expired"), now))
                return e;
    }
    return transaction.commit();
}

Error Credentials::ensureSandbox(const Subject& subject)
{
    // A credential added by a newer checklist version (enrollment move) is
    // issued on first read; only generated ones can be issued by the hire.
    QList<const CredentialTemplate*> missing;
    for (const CredentialTemplate& credential : subject.checklist.credentials) {
        if (credential.environment != Environment::Sandbox)
            continue;
        const QVariant count = m_vault.db().scalar(QStringLiteral("SELECT count(*) FROM sandbox_credentials "
                                                                  "WHERE enrollment_id = ?1 AND credential_id = ?2"),
                                                   {subject.enrollmentId, credential.id});
        if (count.toLongLong() == 0 && credential.provider == QLatin1String("generated"))
            missing.append(&credential);
    }
    if (missing.isEmpty())
        return {};
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    for (const CredentialTemplate* credential : missing)
        if (Error e = issueOneSandbox(subject.enrollmentId, subject.hire, *credential, true))
            return e;
    return transaction.commit();
}

Error Credentials::list(QList<CredentialView>* out)
{
    QList<EnrollmentStatus> statuses;
    if (Error e = Enrollments(m_vault, m_clock).visible(&statuses))
        return e;
    for (const EnrollmentStatus& status : statuses) {
        Subject subject;
        if (Error e = load(status, &subject))
            return e;
        if (m_vault.me().id == subject.hire.id)
            if (Error e = ensureSandbox(subject))
                return e;
        if (Error e = purgeExpired(subject))
            return e;
        if (Error e = views(subject, out))
            return e;
    }
    return {};
}

Error Credentials::openSecret(const Subject& subject, const CredentialView& view, SecureBytes* secret)
{
    QVariant sealed;
    if (view.credential.environment == Environment::Sandbox) {
        sealed = m_vault.db().scalar(QStringLiteral("SELECT sealed FROM sandbox_credentials "
                                                    "WHERE enrollment_id = ?1 AND credential_id = ?2"),
                                     {subject.enrollmentId, view.credential.id});
    } else {
        std::optional<GrantRow> grant;
        if (Error e = Grants(m_vault).latest(subject.enrollmentId, subject.hire, view.credential.id, &grant))
            return e;
        if (grant)
            sealed = grant->sealed;
    }
    std::optional<SecureBytes> opened = m_vault.openSealed(sealed.toByteArray());
    if (!opened)
        return Error(ErrorKind::Damaged,
                     Tr::tr("the secret of '%1' does not open with %2's key (sealed to an older key, or altered); "
                            "reissue it or ask your mentor to renew it")
                         .arg(view.credential.id, subject.hire.name));
    *secret = std::move(*opened);
    return {};
}

Error Credentials::read(const QString& credentialId, CredentialView* view, SecureBytes* secret)
{
    Subject subject;
    if (Error e = mine(&subject))
        return e;
    if (Error e = ensureSandbox(subject))
        return e;
    if (Error e = purgeExpired(subject))
        return e;
    QList<CredentialView> all;
    if (Error e = views(subject, &all))
        return e;
    for (const CredentialView& candidate : all) {
        if (candidate.credential.id != credentialId)
            continue;
        *view = candidate;
        qCDebug(lcCredentials) << subject.hire.name << "reads" << credentialId << "state"
                               << credentialStateName(candidate.state);
        if (!candidate.readable())
            return Error(ErrorKind::NotPermitted, candidate.explanation());
        if (candidate.credential.environment == Environment::Production) // recorded first: no entry, no secret
            if (Error e = AuditLog::record(m_vault, QStringLiteral("credential.reveal"), subject.hire.name,
                                           {{QStringLiteral("credential"), credentialId}}))
                return e;
        return openSecret(subject, candidate, secret);
    }
    QStringList ids;
    for (const CredentialView& candidate : all)
        ids.append(candidate.credential.id);
    return Error(ErrorKind::InvalidInput,
                 Tr::tr("no credential '%1' in your checklist (credentials: %2)")
                     .arg(credentialId, ids.join(QStringLiteral(", "))));
}

Error Credentials::readAll(QList<CredentialView>* views, std::vector<SecureBytes>* secrets)
{
    Subject subject;
    if (Error e = mine(&subject))
        return e;
    if (Error e = ensureSandbox(subject))
        return e;
    if (Error e = purgeExpired(subject))
        return e;
    QList<CredentialView> all;
    if (Error e = this->views(subject, &all))
        return e;
    for (const CredentialView& view : all) {
        if (!view.readable())
            continue;
        SecureBytes secret;
        if (Error e = openSecret(subject, view, &secret))
            return e;
        views->append(view);
        secrets->push_back(std::move(secret));
    }
    QJsonArray production;
    for (const CredentialView& view : std::as_const(*views))
        if (view.credential.environment == Environment::Production)
            production.append(view.credential.id);
    if (!production.isEmpty()) {
        if (Error e = AuditLog::record(m_vault, QStringLiteral("credential.export"), subject.hire.name,
                                       {{QStringLiteral("credentials"), production}})) {
            views->clear();
            secrets->clear();
            return e;
        }
    }
    return {};
}

} // namespace onramp
