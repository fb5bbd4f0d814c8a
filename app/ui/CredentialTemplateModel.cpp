#include "CredentialTemplateModel.h"

#include "FieldLabels.h"
#include "Formats.h"

namespace onramp::ui {

QVariant CredentialTemplateModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case ChecklistRole:
        return r.checklist;
    case CredentialIdRole:
        return r.credential.id;
    case Qt::DisplayRole:
    case TitleRole:
        return r.credential.title;
    case EnvironmentRole:
        return environmentName(r.credential.environment);
    case ProductionRole:
        return r.credential.environment == Environment::Production;
    case ProviderRole:
        return r.credential.provider;
    case SecretSetRole:
        return r.secretSetAt.isValid();
    case SecretStateRole:
        if (r.credential.provider != QLatin1String("static"))
            return QString();
        if (!r.secretSetAt.isValid())
            return tr("no secret yet");
        if (!r.secretSetBy.isEmpty() && r.secretSetByAt.isValid())
            return tr("secret set on %1 by %2", "when, who").arg(sentenceDate(r.secretSetByAt), r.secretSetBy);
        return tr("secret set on %1").arg(sentenceDate(r.secretSetAt));
    case ChecklistTitleRole:
        return r.checklistTitle;
    case TargetRole: {
        QStringList lines;
        for (auto it = r.credential.fields.cbegin(); it != r.credential.fields.cend(); ++it)
            lines.append(
                tr("%1: %2", "a credential's field: name, value").arg(credentialFieldLabel(it.key()), it.value()));
        return lines.join(u'\n');
    }
    case HostsRole:
        return r.hosts;
    case EnvironmentTitleRole:
        return r.credential.environment == Environment::Production ? tr("production") : tr("sandbox");
    case ProviderTitleRole:
        return r.credential.provider == QLatin1String("static") ? tr("static", "a secret an admin sets")
                                                                : tr("generated", "a secret Onramp makes");
    default:
        return {};
    }
}

QHash<int, QByteArray> CredentialTemplateModel::roleNames() const
{
    return {{ChecklistRole, "checklist"},
            {CredentialIdRole, "credentialId"},
            {TitleRole, "title"},
            {EnvironmentRole, "environment"},
            {ProductionRole, "production"},
            {ProviderRole, "provider"},
            {SecretSetRole, "secretSet"},
            {SecretStateRole, "secretState"},
            {ChecklistTitleRole, "checklistTitle"},
            {TargetRole, "target"},
            {HostsRole, "hosts"},
            {EnvironmentTitleRole, "environmentTitle"},
            {ProviderTitleRole, "providerTitle"}};
}

void CredentialTemplateModel::setChecklists(const QList<StoredChecklist>& checklists, const QList<SecretState>& secrets)
{
    resetRows([&] {
        m_rows.clear();
        for (const StoredChecklist& c : checklists) {
            for (const CredentialTemplate& t : c.checklist.credentials) {
                // A generated sandbox credential needs nothing from an admin.
                if (t.environment != Environment::Production && t.provider != QLatin1String("static"))
                    continue;
                Row row{c.checklist.id, c.checklist.title, c.checklist.productionHosts, t, {}, {}, {}};
                for (const SecretState& s : secrets) {
                    if (s.credentialId == t.id && s.environment == t.environment) {
                        row.secretSetAt = s.setAt;
                        row.secretSetBy = s.setBy;
                        row.secretSetByAt = s.setByAt;
                    }
                }
                m_rows.append(row);
            }
        }
    });
}

QString CredentialTemplateModel::titleOf(const QString& credentialId) const
{
    const int row = rowOf(credentialId);
    return row < 0 || m_rows.at(row).credential.title.isEmpty() ? credentialId : m_rows.at(row).credential.title;
}

int CredentialTemplateModel::rowOf(const QString& credentialId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).credential.id == credentialId)
            return int(row);
    }
    return -1;
}

} // namespace onramp::ui
