#include "CredentialListModel.h"

#include <QLocale>

namespace onramp::ui {

namespace {

QString describeFields(const QMap<QString, QString>& fields)
{
    QStringList parts;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        parts.append(it.key() + QStringLiteral(": ") + it.value());
    return parts.join(QStringLiteral(" · "));
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
        return v.readable() ? QString() : v.explanation();
    case FieldsRole:
        return describeFields(v.credential.fields);
    case ExpiresAtRole:
        return v.expiresAt.isValid() ? QLocale().toString(v.expiresAt.toLocalTime(), QLocale::ShortFormat) : QString();
    case ExpiresAtMsRole:
        return v.expiresAt.isValid() ? v.expiresAt.toMSecsSinceEpoch() : qint64(0);
    case ReadableRole:
        return v.readable();
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
            {ReadableRole, "readable"}};
}

void CredentialListModel::setCredentials(const QList<CredentialView>& credentials)
{
    const bool readableBefore = anyReadable();
    resetRows([&] { m_credentials = credentials; });
    if (anyReadable() != readableBefore)
        Q_EMIT anyReadableChanged();
}

bool CredentialListModel::anyReadable() const
{
    return std::any_of(m_credentials.cbegin(), m_credentials.cend(),
                       [](const CredentialView& v) { return v.readable(); });
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
