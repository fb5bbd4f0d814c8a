#include "CredentialView.h"

#include "Error.h"
#include "onboarding/Signatures.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace onramp {

namespace {

QJsonValue timeOrNull(const QDateTime& at)
{
    return at.isValid() ? QJsonValue(signatures::timeText(at)) : QJsonValue();
}

} // namespace

QString credentialStateName(CredentialState state)
{
    switch (state) {
    case CredentialState::Ready:
        return QStringLiteral("sandbox");
    case CredentialState::NotSet:
        return QStringLiteral("not-set");
    case CredentialState::Locked:
        return QStringLiteral("locked");
    case CredentialState::Granted:
        return QStringLiteral("granted");
    case CredentialState::NotGranted:
        return QStringLiteral("not-granted");
    case CredentialState::Expired:
        return QStringLiteral("expired");
    case CredentialState::Revoked:
        return QStringLiteral("revoked");
    case CredentialState::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

QString CredentialView::secretName() const
{
    if (!credential.secretName.isEmpty())
        return credential.secretName;
    // A login's secret is its password, whichever provider makes it: a
    // static production database and a generated sandbox one export alike
    // (PROD_DB_PASSWORD beside SANDBOX_DB_PASSWORD).
    const QMap<QString, QString>& fields = credential.fields;
    if ((fields.contains(QStringLiteral("user")) || fields.contains(QStringLiteral("username")))
        && !fields.contains(QStringLiteral("password")))
        return QStringLiteral("password");
    return QStringLiteral("secret");
}

QString CredentialView::explanation() const
{
    const QString id = credential.id;
    if (sealedToOldKey)
        return credential.environment == Environment::Sandbox
            ? Tr::tr("the secret of '%1' was sealed to %2's key before their passphrase was reset; reissue it")
                  .arg(id, hire)
            : Tr::tr("production credential '%1' was sealed to %2's key before their passphrase was reset; "
                     "ask your mentor to renew it")
                  .arg(id, hire);
    switch (state) {
    case CredentialState::Ready:
    case CredentialState::Granted:
        return {};
    case CredentialState::NotSet:
        if (notIssuedOnServer)
            return Tr::tr("sandbox credential '%1' is not issued on a team server yet; your mentor can point you "
                          "to the team's sandbox")
                .arg(id);
        return Tr::tr("the secret of '%1' is not set yet — ask an admin to set it").arg(id);
    case CredentialState::Locked: {
        QStringList messages;
        for (const Reason& r : reasons)
            messages.append(r.message);
        return Tr::tr("production credential '%1' is locked: %2").arg(id, messages.join(QStringLiteral("; ")));
    }
    case CredentialState::NotGranted:
        return Tr::tr("production credential '%1' was not granted to %2; ask your mentor to renew it").arg(id, hire);
    case CredentialState::Expired:
        if (endedEarly)
            return Tr::tr("production credential '%1' was recorded as expired before its expiry at %2 (a desktop's "
                          "clock was probably ahead); ask your mentor to renew it")
                .arg(id, signatures::timeText(expiresAt));
        return Tr::tr("production credential '%1' expired at %2; ask your mentor to renew it")
            .arg(id, signatures::timeText(expiresAt));
    case CredentialState::Revoked:
        if (revokePending)
            return Tr::tr("production credential '%1' was revoked by %2 at %3; its login at the source is not "
                          "dropped yet (revoke pending)")
                .arg(id, endedBy, signatures::timeText(endedAt));
        return Tr::tr("production credential '%1' was revoked by %2 at %3")
            .arg(id, endedBy, signatures::timeText(endedAt));
    case CredentialState::Invalid:
        return Tr::tr("the grant of production credential '%1' does not verify (altered in the database?); "
                      "ask your mentor to renew it")
            .arg(id);
    }
    return {};
}

QJsonObject CredentialView::toJson() const
{
    QJsonObject fields;
    for (auto it = credential.fields.cbegin(); it != credential.fields.cend(); ++it)
        fields.insert(it.key(), it.value());
    QJsonArray reasonList;
    for (const Reason& r : reasons)
        reasonList.append(QJsonObject{{QStringLiteral("code"), r.code},
                                      {QStringLiteral("step"), r.stepId},
                                      {QStringLiteral("message"), r.message}});
    QJsonObject json{
        {QStringLiteral("hire"), hire},
        {QStringLiteral("id"), credential.id},
        {QStringLiteral("title"), credential.title},
        {QStringLiteral("environment"), environmentName(credential.environment)},
        {QStringLiteral("provider"), credential.provider},
        {QStringLiteral("status"), credentialStateName(state)},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("secret_name"), secretName()},
        {QStringLiteral("issued_at"), timeOrNull(issuedAt)},
        {QStringLiteral("expires_at"), timeOrNull(expiresAt)},
        {QStringLiteral("granted_by"), grantedBy.isEmpty() ? QJsonValue() : QJsonValue(grantedBy)},
        {QStringLiteral("revoked_at"), timeOrNull(state == CredentialState::Revoked ? endedAt : QDateTime())},
        {QStringLiteral("revoked_by"),
         state != CredentialState::Revoked || endedBy.isEmpty() ? QJsonValue() : QJsonValue(endedBy)},
        {QStringLiteral("reasons"), reasonList}};
    if (endedEarly)
        json.insert(QStringLiteral("ended_early"), true);
    if (revokePending)
        json.insert(QStringLiteral("revoke_pending"), true);
    return json;
}

QString renderField(const QString& text, const QString& hire, const QString& hireDisplayName, qint64 enrollmentId)
{
    QString out = text;
    out.replace(QLatin1String("{{hire_display}}"), hireDisplayName);
    out.replace(QLatin1String("{{hire}}"), hire);
    out.replace(QLatin1String("{{enrollment}}"), QString::number(enrollmentId));
    return out;
}

} // namespace onramp
