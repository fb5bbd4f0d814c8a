#include "ChecklistStore.h"

#include "OnboardingRules.h"
#include "Signatures.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistRules.h"
#include "checklist/ChecklistWriter.h"
#include "credentials/Credentials.h"
#include "credentials/ProviderConnections.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>

#include <algorithm>

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
                             const std::function<QString(const QString& credentialId)>& locate, WeakerVersion weaker)
{
    return store(checklist, now, QStringLiteral("checklist.import"), out, locate, weaker);
}

QStringList ChecklistStore::weakenings(const Checklist& before, const Checklist& next)
{
    QStringList out;
    // Each way a step stops holding the gate, once: a step gone is named as
    // gone (what it held is in the sentence); one kept may lose both its
    // requirement and its review, and each is named.
    for (const Step& old : before.steps) {
        const Step* now = next.step(old.id);
        if (!now) {
            if (old.required)
                out << Tr::tr("step “%1” is gone; it was required before production access").arg(old.title);
            else if (old.signoff)
                out << Tr::tr("step “%1” is gone; it needed a mentor's review before production access").arg(old.title);
            continue;
        }
        if (old.required && !now->required)
            out << Tr::tr("step “%1” is no longer required before production access").arg(old.title);
        if (old.signoff && !now->signoff)
            out << Tr::tr("step “%1” no longer needs a mentor's review").arg(old.title);
    }
    const auto lifetime = [](const CredentialTemplate& c) {
        return c.ttlSeconds > 0 ? c.ttlSeconds : Credentials::kDefaultTtlSeconds;
    };
    // In the reader's words and plural forms: "1 day", "8 hours", "90 seconds";
    // in the largest unit that says it exactly.
    const auto duration = [](qint64 seconds) -> QString {
        if (seconds % 86400 == 0)
            return Tr::tr("%n day(s)", nullptr, int(seconds / 86400));
        if (seconds % 3600 == 0)
            return Tr::tr("%n hour(s)", nullptr, int(seconds / 3600));
        if (seconds % 60 == 0)
            return Tr::tr("%n minute(s)", nullptr, int(seconds / 60));
        return Tr::tr("%n second(s)", nullptr, int(seconds));
    };
    const auto groupsBeyond = [](const CredentialTemplate& now, const CredentialTemplate& old) {
        QStringList added;
        for (const QString& group : now.pgRoles)
            if (!old.pgRoles.contains(group))
                added << group;
        return added;
    };
    for (const CredentialTemplate& old : before.credentials) {
        if (old.environment != Environment::Production)
            continue;
        for (const CredentialTemplate& now : next.credentials) {
            if (now.id != old.id || now.environment != Environment::Production)
                continue;
            if (lifetime(now) > lifetime(old))
                out << Tr::tr("production credential “%1” is granted for %2 instead of %3")
                           .arg(old.title, duration(lifetime(now)), duration(lifetime(old)));
            // What a production login reaches, and where it is ended.
            if (now.provider != old.provider)
                out << Tr::tr("production credential “%1” comes from provider %2 instead of %3")
                           .arg(old.title, now.provider, old.provider);
            else if (now.pgServer != old.pgServer)
                out << Tr::tr("production credential “%1” is made on provider connection %2 instead of %3")
                           .arg(old.title, now.pgServer, old.pgServer);
            if (const QStringList added = groupsBeyond(now, old); !added.isEmpty())
                out << Tr::tr("production credential “%1” puts its login in group %2 as well")
                           .arg(old.title, added.join(QStringLiteral(", ")));
        }
    }
    // A production credential under an id the version before lacked (a
    // rename, or a new one) is named unless one of that version's gave as
    // much: the same provider and connection, no group beyond its, no
    // longer life. A new id escapes none of the comparisons above.
    for (const CredentialTemplate& now : next.credentials) {
        if (now.environment != Environment::Production)
            continue;
        const bool known = std::any_of(before.credentials.cbegin(), before.credentials.cend(),
                                       [&](const CredentialTemplate& old) { return old.id == now.id; });
        if (known)
            continue;
        const bool covered =
            std::any_of(before.credentials.cbegin(), before.credentials.cend(), [&](const CredentialTemplate& old) {
                return old.environment == Environment::Production && old.provider == now.provider
                    && old.pgServer == now.pgServer && groupsBeyond(now, old).isEmpty()
                    && lifetime(now) <= lifetime(old);
            });
        if (!covered)
            out << Tr::tr("production credential “%1” (%2) is new, and no production credential of the version "
                          "before gave as much (%3 for %4)")
                       .arg(now.title, now.id, now.provider, duration(lifetime(now)));
    }
    for (const QString& host : before.productionHosts)
        if (!next.productionHosts.contains(host))
            out << Tr::tr("production host %1 is no longer listed").arg(host);
    return out;
}

Error ChecklistStore::save(const Checklist& checklist, const QDateTime& now, ImportOutcome* out, int basedOn,
                           WeakerVersion weaker)
{
    return store(checklist, now, QStringLiteral("checklist.save"), out, {}, weaker, basedOn);
}

Error ChecklistStore::store(const Checklist& checklist, const QDateTime& now, const QString& action, ImportOutcome* out,
                            const std::function<QString(const QString& credentialId)>& locate, WeakerVersion weaker,
                            int basedOn)
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
    out->stale = false;
    // Edits of an older version would undo, unseen, what the versions since changed.
    if (basedOn > 0 && !rows.isEmpty() && int(rows.first().at(0).toLongLong()) != basedOn) {
        out->version = int(rows.first().at(0).toLongLong());
        out->unchanged = false;
        out->stale = true;
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("version %1 of %2 was saved after version %3, which these edits started from; "
                            "nothing was saved")
                         .arg(out->version)
                         .arg(checklist.id)
                         .arg(basedOn));
    }
    out->version = rows.isEmpty() ? 1 : int(rows.first().at(0).toLongLong()) + 1;
    out->unchanged = false;
    // Read after the check above, from the version it vouched for.
    out->weakens.clear();
    if (!rows.isEmpty()) {
        Checklist before;
        if (Error e = parseStored(rows.first().at(1).toByteArray(), 0, &before))
            return e;
        out->weakens = weakenings(before, checklist);
    }
    if (weaker == WeakerVersion::Refuse && !out->weakens.isEmpty())
        return onboarding::weakerRefusal(checklist.id, out->version - 1, out->weakens,
                                         action == QLatin1String("checklist.save"));
    if (Error e =
            db.execute(QStringLiteral("INSERT INTO checklists (slug, version, title, yaml, imported_at, "
                                      "imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                       {checklist.id, out->version, checklist.title, yaml, signatures::timeText(now), m_vault.me().id}))
        return e;
    QJsonArray vouched;
    if (Error e = records::vouch(db, QStringLiteral("checklists"), db.lastInsertId(), &vouched))
        return e;
    QJsonObject details{{QStringLiteral("version"), out->version},
                        {QStringLiteral("title"), checklist.title},
                        {records::key(), vouched}};
    if (!out->weakens.isEmpty())
        details.insert(QStringLiteral("weakens"), QJsonArray::fromStringList(out->weakens));
    if (Error e = AuditLog::append(m_vault, action, checklist.id, details))
        return e;
    // Enrollments keep the version they were made on (a move changes it):
    // whoever saved the new one is told how many hires, not disabled, stay
    // behind. Only a message: a count that cannot be read says nothing and
    // never undoes the save.
    Error counted;
    const QVariant behind = m_vault.db().scalar(
        QStringLiteral("SELECT count(*) FROM enrollments e JOIN checklists c ON c.id = e.checklist_id "
                       "JOIN people p ON p.id = e.hire_id WHERE c.slug = ?1 AND c.version < ?2 AND p.disabled = 0"),
        {checklist.id, out->version}, &counted);
    out->enrolledOnEarlier = counted ? 0 : int(behind.toLongLong());
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

Error ChecklistStore::all(QList<StoredChecklist>* out)
{
    return load(QStringLiteral("ORDER BY c.slug, c.version"), {}, out);
}

Error ChecklistStore::productionIds(QHash<QString, QPair<QString, int>>* out)
{
    QList<StoredChecklist> all;
    if (Error e = load(QStringLiteral("ORDER BY c.slug, c.version"), {}, &all))
        return e;
    *out = onboarding::productionIds(all);
    return {};
}

void SourceNames::add(const CredentialTemplate& credential, const SourceUse& use)
{
    if (credential.pgServer.isEmpty())
        return;
    if (!servers.contains(credential.pgServer))
        servers.insert(credential.pgServer, use);
    for (const QString& group : credential.pgRoles)
        if (!groups.contains(group))
            groups.insert(group, use);
}

QString SourceNames::meets(const CredentialTemplate& credential, SourceUse* use) const
{
    if (credential.pgServer.isEmpty())
        return {};
    if (const auto found = servers.constFind(credential.pgServer); found != servers.cend()) {
        *use = *found;
        return Tr::tr("connection '%1'").arg(credential.pgServer);
    }
    for (const QString& group : credential.pgRoles)
        if (const auto found = groups.constFind(group); found != groups.cend()) {
            *use = *found;
            return Tr::tr("group '%1'").arg(group);
        }
    return {};
}

Error ChecklistStore::sourceNames(SourceNames* production, SourceNames* sandbox)
{
    QList<StoredChecklist> stored;
    if (Error e = all(&stored))
        return e;
    sourceNames(stored, production, sandbox);
    return {};
}

void ChecklistStore::sourceNames(const QList<StoredChecklist>& stored, SourceNames* production, SourceNames* sandbox)
{
    for (const StoredChecklist& version : stored)
        for (const CredentialTemplate& credential : version.checklist.credentials)
            (credential.environment == Environment::Production ? production : sandbox)
                ->add(credential, {version.checklist.id, version.version, credential.id});
}

Error ChecklistStore::checkAgainstEarlier(const Checklist& checklist,
                                          const std::function<QString(const QString& credentialId)>& locate)
{
    QList<StoredChecklist> all;
    if (Error e = load(QStringLiteral("ORDER BY c.slug, c.version"), {}, &all))
        return e;
    if (Error e = onboarding::checkAgainstEarlier(checklist, all, locate))
        return e;
    if (Error e = checkSourceWall(checklist, all, locate))
        return e;
    const auto where = [&](const QString& credentialId) { return onboarding::locatedAt(locate, credentialId); };
    for (const CredentialTemplate& credential : checklist.credentials) {
        if (credential.pgServer.isEmpty())
            continue;
        Environment serves = Environment::Production;
        // A connection not set yet is checked when a credential is issued.
        if (ProviderConnections(m_vault, defaultClock()).environmentOf(credential.pgServer, &serves))
            continue;
        if (serves != credential.environment)
            return Error(ErrorKind::InvalidInput,
                         where(credential.id)
                             + Tr::tr("%1 credential '%2' names provider connection '%3', which an admin set for "
                                      "%4; a credential may only name a connection of its own environment (an "
                                      "admin sets one with 'onramp provider set NAME --environment %1'); nothing "
                                      "was imported")
                                   .arg(environmentName(credential.environment), credential.id, credential.pgServer,
                                        environmentName(serves)));
    }
    return {};
}

Error ChecklistStore::checkSourceWall(const Checklist& checklist, const QList<StoredChecklist>& stored,
                                      const std::function<QString(const QString& credentialId)>& locate)
{
    const auto where = [&](const QString& credentialId) { return onboarding::locatedAt(locate, credentialId); };
    // The wall at the source: a sandbox login never signs in with a
    // production credential's connection nor joins its groups, whatever
    // version of whatever checklist named them (or this file does).
    // The stored versions are asked first, so that a refusal names the
    // credential the file adds, not the one it kept.
    SourceNames names[2];
    sourceNames(stored, &names[int(Environment::Production)], &names[int(Environment::Sandbox)]);
    SourceUse use;
    const auto meets = [&](const CredentialTemplate& credential) {
        return names[int(credential.environment == Environment::Sandbox ? Environment::Production
                                                                        : Environment::Sandbox)]
            .meets(credential, &use);
    };
    const CredentialTemplate* crossing = nullptr;
    QString what;
    for (const CredentialTemplate& credential : checklist.credentials)
        if (!crossing && !(what = meets(credential)).isEmpty())
            crossing = &credential;
    if (!crossing) {
        for (const CredentialTemplate& credential : checklist.credentials)
            names[int(credential.environment)].add(credential, {checklist.id, 0, credential.id});
        for (const CredentialTemplate& credential : checklist.credentials)
            if (!crossing && !(what = meets(credential)).isEmpty())
                crossing = &credential;
    }
    if (crossing) {
        const CredentialTemplate& credential = *crossing;
        const bool sandbox = credential.environment == Environment::Sandbox;
        const QString other = use.version > 0
            ? Tr::tr("%1 credential '%2' of checklist '%3' version %4")
                  .arg(environmentName(sandbox ? Environment::Production : Environment::Sandbox), use.credentialId,
                       use.checklistId)
                  .arg(use.version)
            : Tr::tr("%1 credential '%2' of this file")
                  .arg(environmentName(sandbox ? Environment::Production : Environment::Sandbox), use.credentialId);
        return Error(ErrorKind::InvalidInput,
                     where(credential.id)
                         + Tr::tr("%1 credential '%2' names %3, which %4 names; a sandbox credential must never "
                                  "sign in where a production one does; nothing was imported")
                               .arg(environmentName(credential.environment), credential.id, what, other));
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
