#pragma once

#include "checklist/Checklist.h"

#include "Error.h"

#include <QDateTime>
#include <QHash>
#include <QList>

#include <functional>

namespace onramp {

class Vault;

/// A checklist version as the vault holds it.
struct StoredChecklist {
    qint64 rowId = 0;
    int version = 0;
    QDateTime importedAt;
    QString importedBy;
    Checklist checklist;
};

/// What an import did.
struct ImportOutcome {
    QString id;
    int version = 0;
    bool unchanged = false; ///< identical to the latest version: no new version made
    /// What the new version weakens against the one before it
    /// (ChecklistStore::weakenings), whether it was stored or refused.
    QStringList weakens;
    /// A save refused because a newer version than the one it was edited
    /// from is stored; version is then that newer, latest version.
    bool stale = false;
    /// A new version stored: the hires enrolled on an earlier version of the
    /// checklist, who stay on it until an admin moves them.
    int enrolledOnEarlier = 0;
};

/// A credential that names a connection or a group at its source: the
/// first stored version (or the file at hand: version 0) that did.
struct SourceUse {
    QString checklistId;
    int version = 0;
    QString credentialId;
};

/// The connections (`postgresql.server`) and groups (`postgresql.roles`)
/// that the credentials of one environment name, each with its first use.
struct SourceNames {
    QHash<QString, SourceUse> servers;
    QHash<QString, SourceUse> groups;
    void add(const CredentialTemplate& credential, const SourceUse& use);
    /// Where \a credential meets these names: "connection 'X'" or "group
    /// 'X'", and \a use the credential that names it; empty when nowhere.
    QString meets(const CredentialTemplate& credential, SourceUse* use) const;
};

/// Whether an import may store a version that weakens the gate of the one
/// before it. A file anyone can write may have been changed on its way to
/// the admin: the command line and the app ask before they accept one.
enum class WeakerVersion { Accept, Refuse };

/// Checklist versions in the vault: importing a changed checklist with the
/// same id makes a new version; old versions stay for the enrollments on them.
class ChecklistStore
{
public:
    explicit ChecklistStore(Vault& vault)
        : m_vault(vault)
    {}

    /// Admin only. Stores \a checklist, read from a file, as a new version
    /// unless it equals the latest; audited as checklist.import.
    /// \a locate: where a credential id is in the file read, for a refusal.
    /// With \a weaker Refuse, a version that weakens the latest one is
    /// refused (InvalidInput, each weakening in out->weakens) and nothing is
    /// stored; an accepted one names what it weakens in its audit entry.
    Error import(const Checklist& checklist, const QDateTime& now, ImportOutcome* out,
                 const std::function<QString(const QString& credentialId)>& locate = {},
                 WeakerVersion weaker = WeakerVersion::Accept);
    /// What \a next weakens against \a before, one sentence each: a step
    /// that held the gate (required or reviewed) gone, a step kept but no
    /// longer required, a step kept but no longer reviewed (both named when
    /// both go), a production credential that lasts longer (in words: "1 day
    /// instead of 8 hours"), comes from another provider, is made on another
    /// connection or puts its login in a group more, a production
    /// credential under a new id (a rename) that no production credential
    /// of \a before gave as much, a production host no longer listed.
    /// Empty when none.
    static QStringList weakenings(const Checklist& before, const Checklist& next);
    /// Admin only. As import(), for a checklist edited in the app; audited as checklist.save.
    /// \a basedOn: the version the edits started from (0: a new checklist);
    /// when a later one is stored, nothing is saved (InvalidInput, out->stale,
    /// out->version the latest), so that its changes are not undone unseen.
    Error save(const Checklist& checklist, const QDateTime& now, ImportOutcome* out, int basedOn = 0,
               WeakerVersion weaker = WeakerVersion::Accept);
    /// The latest version of every checklist, by id.
    Error latest(QList<StoredChecklist>* out);
    /// Version \a version of \a id (0: the latest); InvalidInput naming the id when absent.
    Error get(const QString& id, int version, StoredChecklist* out);
    /// Every version of \a id, oldest first; empty when there is no such checklist.
    Error versions(const QString& id, QList<StoredChecklist>* out);
    /// Every version of every checklist, by id, then version.
    Error all(QList<StoredChecklist>* out);
    /// The checklist stored in row \a rowId.
    Error byRow(qint64 rowId, StoredChecklist* out);
    /// Every credential id that any stored version of any checklist calls
    /// production, with the first (checklist id, version) that did. Such an id
    /// stays production: its secret is never sealed to a sandbox row.
    Error productionIds(QHash<QString, QPair<QString, int>>* out);
    /// The connections and groups that the credentials of every stored
    /// version of every checklist name, by environment. A sandbox credential
    /// may never name a production one's connection or group, nor the
    /// reverse: it would put the hire's ungated login where production is.
    Error sourceNames(SourceNames* production, SourceNames* sandbox);
    /// sourceNames() of the versions \a stored, read already.
    static void sourceNames(const QList<StoredChecklist>& stored, SourceNames* production, SourceNames* sandbox);
    /// The rule a new version of \a checklist must keep against the stored
    /// ones: a credential id an earlier version (of any checklist) called
    /// production stays production, and no sandbox credential names a host of
    /// the production_hosts of any earlier version of this checklist; no
    /// credential names a connection or a group that a credential of the
    /// other environment names (in a stored version or in \a checklist),
    /// nor a connection set for the other environment (ProviderConnections).
    /// InvalidInput naming the credential, where \a locate (when given) says
    /// it is in the file ("file:line"), and the earlier version.
    Error checkAgainstEarlier(const Checklist& checklist,
                              const std::function<QString(const QString& credentialId)>& locate = {});
    /// The wall at the source, for any store: no credential of \a checklist
    /// names a connection or group that a credential of the other
    /// environment names, in \a stored or in \a checklist itself.
    /// InvalidInput naming the credential where \a locate says it is.
    static Error checkSourceWall(const Checklist& checklist, const QList<StoredChecklist>& stored,
                                 const std::function<QString(const QString& credentialId)>& locate = {});

private:
    Error store(const Checklist& checklist, const QDateTime& now, const QString& action, ImportOutcome* out,
                const std::function<QString(const QString& credentialId)>& locate = {},
                WeakerVersion weaker = WeakerVersion::Accept, int basedOn = 0);
    Error load(const QString& where, const QVariantList& params, QList<StoredChecklist>* out);

    Vault& m_vault;
};

} // namespace onramp
