#include "ChecklistStore.h"

#include "OnboardingRules.h"
#include "Signatures.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistRules.h"
#include "checklist/ChecklistWriter.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QMutex>

namespace onramp {

namespace {

// Parsed checklist versions by the SHA-256 of their stored bytes. A stored
// version never changes and yaml-cpp dominated every page load that parsed
// each enrollment's checklist again; keyed by the bytes, a row edited in the
// file is a new key, never an old answer. Shared by the threads of the app.
struct ParseCache {
    QMutex mutex;
    QHash<QByteArray, Checklist> parsed;
};
constexpr qsizetype kParseCacheLimit = 256;

ParseCache& parseCache()
{
    static ParseCache cache;
    return cache;
}

Error parseStored(const QByteArray& yaml, qint64 rowId, Checklist* out)
{
    const QByteArray key = QCryptographicHash::hash(yaml, QCryptographicHash::Sha256);
    ParseCache& cache = parseCache();
    {
        const QMutexLocker lock(&cache.mutex);
        const auto found = cache.parsed.constFind(key);
        if (found != cache.parsed.cend()) {
            *out = *found;
            return {};
        }
    }
    // Read under the rules it was imported by: rules added since must not
    // make a vault's existing checklists unreadable.
    ParseResult parsed = parseChecklist(yaml, QStringLiteral("vault checklist"), InputLimits::Relaxed);
    if (!parsed.ok())
        return Error(ErrorKind::Damaged,
                     Tr::tr("checklist row %1 in the vault does not parse: %2").arg(rowId).arg(parsed.errors.value(0)));
    *out = *parsed.checklist;
    const QMutexLocker lock(&cache.mutex);
    if (cache.parsed.size() >= kParseCacheLimit)
        cache.parsed.clear();
    cache.parsed.insert(key, std::move(*parsed.checklist));
    return {};
}

} // namespace

Error ChecklistStore::import(const Checklist& checklist, const QDateTime& now, ImportOutcome* out,
                             const std::function<QString(const QString& credentialId)>& locate)
{
    return store(checklist, now, QStringLiteral("checklist.import"), out, locate);
}

Error ChecklistStore::save(const Checklist& checklist, const QDateTime& now, ImportOutcome* out)
{
    return store(checklist, now, QStringLiteral("checklist.save"), out);
}

Error ChecklistStore::store(const Checklist& checklist, const QDateTime& now, const QString& action, ImportOutcome* out,
                            const std::function<QString(const QString& credentialId)>& locate)
{
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can import checklists"));
    const QByteArray yaml = toYaml(checklist);
    Database& db = m_vault.db();
    Database::Transaction transaction(db);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = Ledger::require(m_vault, now))
        return e;
    // One credential id means one credential (onboarding::checkCredentialEnvironments).
    QList<StoredChecklist> others;
    if (Error e = latest(&others))
        return e;
    QList<Checklist> otherChecklists;
    for (const StoredChecklist& other : std::as_const(others))
        otherChecklists.append(other.checklist);
    if (Error e = onboarding::checkCredentialEnvironments(checklist, otherChecklists))
        return e;
    // A file anyone can write must not turn a production credential into a
    // sandbox one, nor drop the hosts that guard it: the stored versions decide.
    if (Error e = checkAgainstEarlier(checklist, locate))
        return e;
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT version, yaml FROM checklists WHERE slug = ?1 "
                                            "ORDER BY version DESC LIMIT 1"),
                             {checklist.id}, &rows))
        return e;
    out->id = checklist.id;
    if (!rows.isEmpty() && rows.first().at(1).toByteArray() == yaml) {
        out->version = int(rows.first().at(0).toLongLong());
        out->unchanged = true;
        return {};
    }
    out->version = rows.isEmpty() ? 1 : int(rows.first().at(0).toLongLong()) + 1;
    out->unchanged = false;
    if (Error e =
            db.execute(QStringLiteral("INSERT INTO checklists (slug, version, title, yaml, imported_at, "
                                      "imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                       {checklist.id, out->version, checklist.title, yaml, signatures::timeText(now), m_vault.me().id}))
        return e;
    QJsonArray vouched;
    if (Error e = records::vouch(db, QStringLiteral("checklists"), db.lastInsertId(), &vouched))
        return e;
    if (Error e = AuditLog::append(m_vault, action, checklist.id,
                                   {{QStringLiteral("version"), out->version},
                                    {QStringLiteral("title"), checklist.title},
                                    {records::key(), vouched}}))
        return e;
    return transaction.commit();
}

Error ChecklistStore::load(const QString& where, const QVariantList& params, QList<StoredChecklist>* out)
{
    QList<QVariantList> rows;
    const QString sql = QStringLiteral("SELECT c.id, c.version, c.imported_at, p.name, c.yaml FROM checklists c "
                                       "LEFT JOIN people p ON p.id = c.imported_by ")
        + where;
    if (Error e = m_vault.db().execute(sql, params, &rows))
        return e;
    for (const QVariantList& row : rows) {
        StoredChecklist stored;
        stored.rowId = row.at(0).toLongLong();
        stored.version = int(row.at(1).toLongLong());
        stored.importedAt = signatures::timeFromText(row.at(2).toString());
        stored.importedBy = row.at(3).toString();
        if (Error e = parseStored(row.at(4).toByteArray(), stored.rowId, &stored.checklist))
            return e;
        out->append(std::move(stored));
    }
    return {};
}

Error ChecklistStore::latest(QList<StoredChecklist>* out)
{
    return load(QStringLiteral("WHERE c.version = (SELECT max(version) FROM checklists x WHERE x.slug = c.slug) "
                               "ORDER BY c.slug"),
                {}, out);
}

Error ChecklistStore::get(const QString& id, int version, StoredChecklist* out)
{
    QList<StoredChecklist> found;
    Error e = version > 0 ? load(QStringLiteral("WHERE c.slug = ?1 AND c.version = ?2"), {id, version}, &found)
                          : load(QStringLiteral("WHERE c.slug = ?1 ORDER BY c.version DESC LIMIT 1"), {id}, &found);
    if (e)
        return e;
    if (found.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     version > 0
                         ? Tr::tr("no checklist '%1' version %2 in this vault").arg(id).arg(version)
                         : Tr::tr("no checklist '%1' in this vault; 'onramp checklist list' shows them").arg(id));
    *out = std::move(found.first());
    return {};
}

Error ChecklistStore::versions(const QString& id, QList<StoredChecklist>* out)
{
    return load(QStringLiteral("WHERE c.slug = ?1 ORDER BY c.version"), {id}, out);
}

Error ChecklistStore::productionIds(QHash<QString, QPair<QString, int>>* out)
{
    QList<StoredChecklist> all;
    if (Error e = load(QStringLiteral("ORDER BY c.slug, c.version"), {}, &all))
        return e;
    for (const StoredChecklist& stored : std::as_const(all))
        for (const CredentialTemplate& credential : stored.checklist.credentials)
            if (credential.environment == Environment::Production && !out->contains(credential.id))
                out->insert(credential.id, {stored.checklist.id, stored.version});
    return {};
}

Error ChecklistStore::checkAgainstEarlier(const Checklist& checklist,
                                          const std::function<QString(const QString& credentialId)>& locate)
{
    const auto where = [&](const QString& credentialId) {
        const QString at = locate ? locate(credentialId) : QString();
        return at.isEmpty() ? QString() : at + QStringLiteral(": ");
    };
    QHash<QString, QPair<QString, int>> production;
    if (Error e = productionIds(&production))
        return e;
    for (const CredentialTemplate& credential : checklist.credentials) {
        const auto earlier = production.constFind(credential.id);
        if (credential.environment == Environment::Sandbox && earlier != production.cend())
            return Error(ErrorKind::InvalidInput,
                         where(credential.id)
                             + Tr::tr("credential '%1' is a production credential in checklist '%2' version %3; "
                                      "a new version cannot make it a sandbox one (give a sandbox credential "
                                      "another id); nothing was imported")
                                   .arg(credential.id, earlier->first)
                                   .arg(earlier->second));
    }
    QList<StoredChecklist> earlierVersions;
    if (Error e = versions(checklist.id, &earlierVersions))
        return e;
    for (const StoredChecklist& stored : std::as_const(earlierVersions))
        for (const CredentialTemplate& credential : checklist.credentials) {
            if (credential.environment != Environment::Sandbox)
                continue;
            for (auto field = credential.fields.cbegin(); field != credential.fields.cend(); ++field) {
                QString host;
                const QString pattern = matchingProductionHost(*field, stored.checklist.productionHosts, &host);
                if (!pattern.isEmpty())
                    return Error(ErrorKind::InvalidInput,
                                 where(credential.id)
                                     + Tr::tr("sandbox credential '%1' names production host '%2' in field '%3' "
                                              "(matches production_hosts entry '%4' of checklist '%5' version %6); "
                                              "a sandbox credential must never reach production; nothing was "
                                              "imported")
                                           .arg(credential.id, host, field.key(), pattern, checklist.id)
                                           .arg(stored.version));
            }
        }
    return {};
}

Error ChecklistStore::byRow(qint64 rowId, StoredChecklist* out)
{
    QList<StoredChecklist> found;
    if (Error e = load(QStringLiteral("WHERE c.id = ?1"), {rowId}, &found))
        return e;
    if (found.isEmpty())
        return Error(ErrorKind::Damaged, Tr::tr("checklist row %1 is missing from the vault").arg(rowId));
    *out = std::move(found.first());
    return {};
}

} // namespace onramp
