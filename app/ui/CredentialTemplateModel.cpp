#include "CredentialTemplateModel.h"

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
    default:
        return {};
    }
}

QHash<int, QByteArray> CredentialTemplateModel::roleNames() const
{
    return {{ChecklistRole, "checklist"},     {CredentialIdRole, "credentialId"}, {TitleRole, "title"},
            {EnvironmentRole, "environment"}, {ProductionRole, "production"},     {ProviderRole, "provider"}};
}

void CredentialTemplateModel::setChecklists(const QList<StoredChecklist>& checklists)
{
    resetRows([&] {
        m_rows.clear();
        for (const StoredChecklist& c : checklists) {
            for (const CredentialTemplate& t : c.checklist.credentials)
                m_rows.append({c.checklist.id, t});
        }
    });
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
