#include "CredentialListModel.h"
#include "FieldLabels.h"
#include "Formats.h"
#include "credentials/CredentialExport.h"

#include "credentials/Credentials.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <set>

namespace onramp::ui {

QString credentialFieldLabel(const QString& key)
{
    const QString k = key.toLower();
    if (k == u"host")
        return CredentialListModel::tr("host");
    if (k == u"port")
        return CredentialListModel::tr("port");
    if (k == u"user")
        return CredentialListModel::tr("user");
    if (k == u"username")
        return CredentialListModel::tr("user name");
    if (k == u"database" || k == u"dbname" || k == u"db")
        return CredentialListModel::tr("database");
    if (k == u"url")
        return CredentialListModel::tr("URL");
    return key;
}

namespace {

QString describeFields(const QMap<QString, QString>& fields)
{
    QStringList parts;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        //: a credential's field and its value: "host: db.example.com"
        parts.append(CredentialListModel::tr("%1: %2").arg(credentialFieldLabel(it.key()), it.value()));
    return parts.join(QStringLiteral(" · "));
}

/// True when \a view is locked for want of the sign-off alone: no step is left.
bool onlySignoffMissing(const CredentialView& view)
{
    return std::none_of(view.reasons.cbegin(), view.reasons.cend(),
                        [](const Reason& r) { return !r.stepId.isEmpty(); });
}

} // namespace

QVariant CredentialListModel::value(int row, int role) const
{
    const CredentialView& v = m_credentials.at(row);
    switch (role) {
    case HireRole:
        return v.hire;
    case CredentialIdRole:
        return v.credential.id;
    case Qt::DisplayRole:
    case TitleRole:
        return v.credential.title;
    case EnvironmentRole:
        return environmentName(v.credential.environment);
    case ProductionRole:
        return v.credential.environment == Environment::Production;
    case StatusRole:
        return credentialStateName(v.state);
    case ExplanationRole:
        return explain(v);
    case FieldsRole:
        return describeFields(v.credential.fields);
    case ExpiresAtRole:
        return listDate(v.expiresAt);
    case ExpiresAtMsRole:
        return v.expiresAt.isValid() ? v.expiresAt.toMSecsSinceEpoch() : qint64(0);
    case ReadableRole:
        return v.readable();
    case StatusTextRole:
        return statusText(v);
    case AwaitingSecretRole:
        return v.state == CredentialState::NotSet;
    case HireDisplayNameRole:
        return v.hireDisplayName;
    case LifetimeRole:
        return lifetime(v);
    case ReissuableRole:
        return reissuable(v);
    case IssuedRole:
        // A sandbox secret does not run out: no "until" beside it.
        return reissuable(v) && v.readable() && v.issuedAt.isValid()
            //: when a sandbox secret was made; a reissue or a passphrase reset makes it anew
            ? tr("Issued %1").arg(listDate(v.issuedAt))
            : QString();
    case ResettableRole:
        return v.credential.environment == Environment::Sandbox && v.credential.provider == QLatin1String("postgresql")
            && !v.credential.pgTemplate.isEmpty();
    case EndsAtSourceRole:
        return v.credential.provider == QLatin1String("postgresql");
    default:
        return {};
    }
}

QHash<int, QByteArray> CredentialListModel::roleNames() const
{
    return {{HireRole, "hire"},
            {CredentialIdRole, "credentialId"},
            {TitleRole, "title"},
            {EnvironmentRole, "environment"},
            {ProductionRole, "production"},
            {StatusRole, "status"},
            {ExplanationRole, "explanation"},
            {FieldsRole, "fields"},
            {ExpiresAtRole, "expiresAt"},
            {ExpiresAtMsRole, "expiresAtMs"},
            {ReadableRole, "readable"},
            {StatusTextRole, "statusText"},
            {AwaitingSecretRole, "awaitingSecret"},
            {ReissuableRole, "reissuable"},
            {HireDisplayNameRole, "hireDisplayName"},
            {LifetimeRole, "lifetime"},
            {ResettableRole, "resettable"},
            {IssuedRole, "issued"},
            {EndsAtSourceRole, "endsAtSource"}};
}

void CredentialListModel::setCredentials(const QList<CredentialView>& credentials)
{
    const bool readableBefore = anyReadable();
    const bool pgpassBefore = anyPgpass();
    const bool productionBefore = anyProductionReadable();
    const bool awaitingBefore = productionAwaitingSecret();
    const bool expiredBefore = productionExpired();
    const bool reissuableBefore = anyReissuable();
    resetRows([&] { m_credentials = credentials; });
    if (anyReadable() != readableBefore || anyPgpass() != pgpassBefore || anyProductionReadable() != productionBefore)
        Q_EMIT anyReadableChanged();
    if (productionAwaitingSecret() != awaitingBefore)
        Q_EMIT productionAwaitingSecretChanged();
    if (productionExpired() != expiredBefore)
        Q_EMIT productionExpiredChanged();
    if (anyReissuable() != reissuableBefore)
        Q_EMIT anyReissuableChanged();
}

void CredentialListModel::appendCredentials(const QList<CredentialView>& credentials, bool more)
{
    const bool readableBefore = anyReadable();
    const bool pgpassBefore = anyPgpass();
    const bool productionBefore = anyProductionReadable();
    const bool awaitingBefore = productionAwaitingSecret();
    const bool expiredBefore = productionExpired();
    const bool reissuableBefore = anyReissuable();
    appendRows(
        int(credentials.size()), [&] { m_credentials.append(credentials); }, more);
    if (anyReadable() != readableBefore || anyPgpass() != pgpassBefore || anyProductionReadable() != productionBefore)
        Q_EMIT anyReadableChanged();
    if (productionAwaitingSecret() != awaitingBefore)
        Q_EMIT productionAwaitingSecretChanged();
    if (productionExpired() != expiredBefore)
        Q_EMIT productionExpiredChanged();
    if (anyReissuable() != reissuableBefore)
        Q_EMIT anyReissuableChanged();
}

bool CredentialListModel::reissuable(const CredentialView& view)
{
    return view.credential.environment == Environment::Sandbox
        && view.credential.provider == QLatin1String("generated");
}

bool CredentialListModel::anyReissuable() const
{
    return std::any_of(m_credentials.cbegin(), m_credentials.cend(), &CredentialListModel::reissuable);
}

bool CredentialListModel::productionAwaitingSecret() const
{
    return std::any_of(m_credentials.cbegin(), m_credentials.cend(), [](const CredentialView& v) {
        return v.state == CredentialState::NotSet && v.credential.environment == Environment::Production;
    });
}

bool CredentialListModel::productionExpired() const
{
    bool anyExpired = false;
    for (const CredentialView& v : m_credentials) {
        if (v.credential.environment != Environment::Production)
            continue;
        if (v.state == CredentialState::Granted)
            return false;
        anyExpired = anyExpired || v.state == CredentialState::Expired;
    }
    return anyExpired;
}

QString CredentialListModel::explain(const CredentialView& view)
{
    // The core's explanation is written for the command line (it names the
    // command to run); the app says what happens next instead.
    if (view.sealedToOldKey) {
        if (view.credential.environment == Environment::Production)
            return tr("Sealed to the key you had before your passphrase was reset, so it no longer opens. "
                      "Your mentor can renew it.");
        return view.credential.provider == QLatin1String("generated")
            ? tr("Sealed to the key you had before your passphrase was reset, so it no longer opens. "
                 "Reissue it to get a new secret.")
            : tr("Sealed to the key you had before your passphrase was reset, so it no longer opens. "
                 "An admin can set its secret again.");
    }
    switch (view.state) {
    case CredentialState::Ready:
    case CredentialState::Granted:
        return {};
    case CredentialState::NotSet:
        return tr("Waiting for IT to add the secret. It shows here as soon as they do; "
                  "there is nothing you need to do.");
    case CredentialState::Locked:
        return onlySignoffMissing(view)
            ? tr("Your required steps are all done: it opens when your mentor signs off. It then lasts %1.")
                  .arg(lifetime(view))
            : tr("Opens once your required steps are done and approved and your mentor has signed off. "
                 "It then lasts %1.")
                  .arg(lifetime(view));
    case CredentialState::NotGranted:
        return tr("Not granted with the sign-off. Your mentor can renew it.");
    case CredentialState::Expired:
        if (view.endedEarly)
            return tr("Ended before its time ran out on %1: a computer's clock was probably ahead. "
                      "Your mentor can renew it.")
                .arg(sentenceDate(view.expiresAt));
        return tr("Its time ran out. Your mentor can renew it.");
    case CredentialState::Revoked:
        // People's names and the app's dates, as the production status above it says them.
        return tr("Revoked by %1 on %2. Your mentor can renew it.")
            .arg(view.endedByDisplayName.isEmpty() ? view.endedBy : view.endedByDisplayName,
                 sentenceDate(view.endedAt));
    case CredentialState::Invalid:
        return tr("Its grant does not verify, so it stays closed. Your mentor can renew it.");
    }
    return {};
}

QString CredentialListModel::statusText(const CredentialView& view)
{
    if (view.sealedToOldKey)
        return view.credential.environment == Environment::Production ? tr("renewal needed") : tr("reissue needed");
    if (view.revokePending) // never shown as done while its login is still at the source
        return tr("revoke pending");
    switch (view.state) {
    case CredentialState::Ready:
        return tr("sandbox");
    case CredentialState::NotSet:
        return tr("waiting for IT");
    case CredentialState::Locked:
        return tr("locked");
    case CredentialState::Granted:
        return tr("granted");
    case CredentialState::NotGranted:
        return tr("not granted");
    case CredentialState::Expired:
        return tr("expired");
    case CredentialState::Revoked:
        return tr("revoked");
    case CredentialState::Invalid:
        return tr("does not verify");
    }
    return {};
}

bool CredentialListModel::anyReadable() const
{
    return std::any_of(m_credentials.cbegin(), m_credentials.cend(),
                       [](const CredentialView& v) { return v.readable(); });
}

bool CredentialListModel::anyPgpass() const
{
    return std::any_of(m_credentials.cbegin(), m_credentials.cend(),
                       [](const CredentialView& v) { return v.readable() && fitsPgpass(v); });
}

bool CredentialListModel::anyProductionReadable() const
{
    return std::any_of(m_credentials.cbegin(), m_credentials.cend(), [](const CredentialView& v) {
        return v.readable() && v.credential.environment == Environment::Production;
    });
}

namespace {

qint64 lifetimeSeconds(const CredentialView& view)
{
    return view.credential.ttlSeconds > 0 ? view.credential.ttlSeconds : Credentials::kDefaultTtlSeconds;
}

QString durationText(qint64 seconds)
{
    constexpr qint64 kDay = 24 * 3600;
    constexpr qint64 kHour = 3600;
    if (seconds % kDay == 0)
        return CredentialListModel::tr("%n day(s)", "", int(seconds / kDay));
    if (seconds % kHour == 0)
        return CredentialListModel::tr("%n hour(s)", "", int(seconds / kHour));
    return CredentialListModel::tr("%n minute(s)", "", int(std::max<qint64>(1, (seconds + 30) / 60)));
}

} // namespace

QString CredentialListModel::lifetime(const CredentialView& view)
{
    if (view.credential.environment != Environment::Production)
        return {};
    return durationText(lifetimeSeconds(view));
}

QString CredentialListModel::productionLifetime() const
{
    std::set<qint64> lifetimes;
    for (const CredentialView& v : m_credentials) {
        if (v.credential.environment == Environment::Production)
            lifetimes.insert(lifetimeSeconds(v));
    }
    if (lifetimes.empty())
        return {};
    if (lifetimes.size() == 1)
        return durationText(*lifetimes.begin());
    //: the shortest and the longest lifetime of production credentials: "8 hours to 30 days"
    return tr("%1 to %2").arg(durationText(*lifetimes.begin()), durationText(*lifetimes.rbegin()));
}

qint64 CredentialListModel::nearestProductionExpiry() const
{
    qint64 nearest = 0;
    for (const CredentialView& v : m_credentials) {
        if (v.readable() && v.credential.environment == Environment::Production && v.expiresAt.isValid()) {
            const qint64 at = v.expiresAt.toMSecsSinceEpoch();
            if (nearest == 0 || at < nearest)
                nearest = at;
        }
    }
    return nearest;
}

} // namespace onramp::ui
