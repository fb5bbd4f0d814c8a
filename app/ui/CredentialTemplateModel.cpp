#include "CredentialTemplateModel.h"

#include "FieldLabels.h"
#include "Formats.h"

#include "scan/VaultScan.h"

namespace onramp::ui {

namespace {

bool isPostgresql(const CredentialTemplate& credential)
{
    return credential.provider == QLatin1String("postgresql");
}

} // namespace

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
        if (isPostgresql(r.credential))
            return r.connection && r.connection->environment == r.credential.environment
                && !r.connection->setBy.isEmpty();
        return r.secretSetAt.isValid();
    case SecretStateRole:
        if (isPostgresql(r.credential))
            return connectionState(r);
        if (r.credential.provider != QLatin1String("static"))
            return QString();
        if (!r.secretSetAt.isValid())
            return tr("no secret yet");
        if (!r.secretSetBy.isEmpty() && r.secretSetByAt.isValid())
            return tr("secret set on %1 by %2", "when, who").arg(sentenceDate(r.secretSetByAt), r.secretSetBy);
        return tr("secret set on %1").arg(sentenceDate(r.secretSetAt));
    case LeakedRole:
        return r.leakedAt.isValid() ? tr("found by a scan on %1").arg(sentenceDate(r.leakedAt)) : QString();
    case ReplaceNoteRole:
        if (r.credential.provider != QLatin1String("static") || !r.secretSetAt.isValid())
            return QString();
        if (!r.secretSetBy.isEmpty() && r.secretSetByAt.isValid())
            return tr("%1 set this secret on %2. A secret set here replaces it for every hire who holds it, once "
                      "you confirm.",
                      "who, when")
                .arg(r.secretSetBy, sentenceDate(r.secretSetByAt));
        return tr("This secret was set on %1. A secret set here replaces it for every hire who holds it, once you "
                  "confirm.")
            .arg(sentenceDate(r.secretSetAt));
    case ChecklistTitleRole:
        return r.checklistTitle;
    case SharedWithRole:
        return r.sharedWith;
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
        if (isPostgresql(r.credential))
            return tr("PostgreSQL", "a login Onramp makes at a database server");
        return r.credential.provider == QLatin1String("static") ? tr("static", "a secret an admin sets")
                                                                : tr("generated", "a secret Onramp makes");
    case ConnectionRole:
        return r.credential.pgServer;
    case ConnectionDsnRole:
        return r.connection ? r.connection->dsn : QString();
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
            {LeakedRole, "leaked"},
            {ChecklistTitleRole, "checklistTitle"},
            {TargetRole, "target"},
            {HostsRole, "hosts"},
            {EnvironmentTitleRole, "environmentTitle"},
            {ProviderTitleRole, "providerTitle"},
            {ConnectionRole, "connection"},
            {ConnectionDsnRole, "connectionDsn"},
            {SharedWithRole, "sharedWith"},
            {ReplaceNoteRole, "replaceNote"}};
}

QString CredentialTemplateModel::connectionState(const Row& r)
{
    const QString& name = r.credential.pgServer;
    if (!r.connection)
        return tr("connection %1 not set yet", "a provider connection's name").arg(name);
    if (r.connection->setBy.isEmpty())
        return tr("connection %1 changed outside Onramp: set it again").arg(name);
    if (r.connection->environment != r.credential.environment)
        return tr("connection %1 serves %2 credentials: it cannot serve this one", "name, environment")
            .arg(name, r.connection->environment == Environment::Production ? tr("production") : tr("sandbox"));
    return tr("connection %1 set on %2 by %3", "name, when, who")
        .arg(name, sentenceDate(r.connection->setAt), r.connection->setBy);
}

void CredentialTemplateModel::setChecklists(const QList<StoredChecklist>& checklists, const QList<SecretState>& secrets,
                                            const QList<ProviderConnection>& connections,
                                            const QMap<QString, QDateTime>& leaked)
{
    resetRows([&] {
        m_rows.clear();
        for (const StoredChecklist& c : checklists) {
            for (const CredentialTemplate& t : c.checklist.credentials) {
                // A generated sandbox credential needs nothing from an admin.
                if (t.environment != Environment::Production && t.provider != QLatin1String("static")
                    && !isPostgresql(t))
                    continue;
                Row row{c.checklist.id, c.checklist.title, c.checklist.productionHosts, t, {}, {}, {}, {}, {}, {}};
                if (t.environment == Environment::Production)
                    row.leakedAt = leaked.value(t.id);
                for (const ProviderConnection& connection : connections) {
                    if (isPostgresql(t) && connection.name == t.pgServer)
                        row.connection = connection;
                }
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
        // The static rows that share one kept secret: the same id and environment.
        QHash<QPair<QString, int>, QList<qsizetype>> sharing;
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const CredentialTemplate& t = m_rows.at(i).credential;
            if (t.provider == QLatin1String("static"))
                sharing[{t.id, int(t.environment)}].append(i);
        }
        for (const QList<qsizetype>& rows : std::as_const(sharing)) {
            for (const qsizetype i : rows) {
                Row& r = m_rows[i];
                for (const qsizetype j : rows) {
                    const Row& o = m_rows.at(j);
                    if (o.checklist != r.checklist && !r.sharedWith.contains(o.checklistTitle))
                        r.sharedWith.append(o.checklistTitle);
                }
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

int CredentialTemplateModel::rowToRotate(const QString& scanned) const
{
    // A scan knows production secrets only: a static credential's, or a connection's password.
    const QString connection = scan::VaultScan::providerCredentialId(QString());
    const bool isConnection = scanned.startsWith(connection);
    const QString name = scanned.mid(connection.size());
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const CredentialTemplate& t = m_rows.at(row).credential;
        if (isConnection ? isPostgresql(t) && t.pgServer == name
                         : t.id == scanned && t.environment == Environment::Production)
            return int(row);
    }
    return -1;
}

} // namespace onramp::ui
