// A hire's credentials: reading them (what each one's state is, opening the
// secrets the hire may read), then changing them (sandbox issuance and
// reissue, production grants at sign-off, revocation, renewal, and static
// secrets set by an admin).
#include "Credentials.h"
#include "Grants.h"
#include "Provider.h"
#include "ProviderConnections.h"
#include "SecretStore.h"

#include "Crypto.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "audit/SignatureChecks.h"
#include "audit/SignerKeys.h"
#include "checklist/ChecklistRules.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCredentials, "onramp.credentials", QtInfoMsg)

namespace onramp {

namespace {

/// The longest credential id the admin's page offers to set again.
constexpr qsizetype kMaxOfferedId = 64;

Error providerFor(const CredentialTemplate& credential, std::unique_ptr<Provider>* out)
{
    *out = Providers::make(credential.provider);
    if (!*out)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("credential '%1' names provider '%2', which this Onramp does not have")
                         .arg(credential.id, credential.provider));
    return {};
}

QDateTime expiryFor(const CredentialTemplate& credential, const QDateTime& now)
{
    return now.addSecs(credential.ttlSeconds > 0 ? credential.ttlSeconds : Credentials::kDefaultTtlSeconds);
}

Error disabledHire(const Person& hire)
{
    return Error(ErrorKind::NotPermitted, Tr::tr("%1 is disabled; nothing is granted to them").arg(hire.name));
}

const CredentialTemplate* findCredential(const Checklist& checklist, const QString& id)
{
    const auto it = std::find_if(checklist.credentials.cbegin(), checklist.credentials.cend(),
                                 [&](const CredentialTemplate& credential) { return credential.id == id; });
    return it == checklist.credentials.cend() ? nullptr : &*it;
}

/// Whether \a grant's time is up at \a now (a grant without a readable expiry has none left).
bool pastExpiry(const GrantRow& grant, const QDateTime& now)
{
    return !grant.expiresAt.isValid() || now >= grant.expiresAt;
}

/// Not ended yet, but past its expiry: the next reader ends it.
bool dueToExpire(const GrantRow& grant, const QDateTime& now)
{
    return grant.ended.isEmpty() && pastExpiry(grant, now);
}

/// Where a production grant (null: none) stands for its hire at \a now,
/// every check in one place: Locked while the gate (\a decision) is closed;
/// Invalid unless signed over its meaning by someone who may grant it
/// (Grants checks the signature and the signer); Revoked; Expired once ended
/// otherwise or past its expiry; else live: Granted, or NotSet while its
/// secret is not set.
CredentialState grantState(const GrantRow* grant, const Decision& decision, const QDateTime& now)
{
    if (!decision.allowed)
        return CredentialState::Locked;
    if (!grant)
        return CredentialState::NotGranted;
    if (!grant->signatureValid)
        return CredentialState::Invalid;
    if (grant->ended == QLatin1String("revoked"))
        return CredentialState::Revoked;
    if (!grant->ended.isEmpty() || pastExpiry(*grant, now))
        return CredentialState::Expired;
    return grant->sealed.isEmpty() ? CredentialState::NotSet : CredentialState::Granted;
}

/// Whether \a credential's provider makes something outside the vault (a
/// database login), told from its name alone: the built-in providers keep
/// their secrets in the vault, every other one acts at its source. Telling
/// it so loads no provider module.
bool atSource(const CredentialTemplate& credential)
{
    return credential.provider != QLatin1String("generated") && credential.provider != QLatin1String("static");
}

/// A grant in one of these states may hold a secret for its hire.
bool live(CredentialState state)
{
    return state == CredentialState::Granted || state == CredentialState::NotSet;
}

/// The enrollment of \a hire as rows of (id, checklist row): none or one,
/// found through the hire index and held to the table.
Error enrollmentOf(Database& db, const Person& hire, QList<QVariantList>* out)
{
    qint64 id = 0;
    if (Error e = Vault::findEnrollmentOf(db, hire.id, hire.name, &id))
        return e;
    if (id == 0)
        return {};
    return db.execute(QStringLiteral("SELECT id, checklist_id FROM enrollments WHERE id = ?1"), {id}, out);
}

/// Why a login at its source is still to be dropped, by (enrollment,
/// credential), as the signed log says: a grant the log ended (revoked with
/// `source_revoke: pending`, ended by a move or a new mentor unless that
/// entry says the login was dropped) or whose signed expiry has passed, and
/// no later `credential.drop` (dropped) nor a fresh grant closed it; and a
/// `credential.drop` that says the drop is pending. Whatever the
/// source_revokes rows say: anyone holding the master key can delete or
/// plant those, not sign an entry. Providers that keep their secret in the
/// vault appear too; the caller leaves them out.
Error loggedPendingDrops(Database& db, const QDateTime& now, QHash<QPair<qint64, QString>, QString>* out,
                         QSet<QPair<qint64, QString>>* live = nullptr)
{
    out->clear();
    if (live)
        live->clear();
    QList<QVariantList> rows;
    if (Error e = db.execute(
            QStringLiteral("SELECT action, details FROM audit_log NOT INDEXED WHERE action IN ('grant.create', "
                           "'grant.renew', 'grant.revoke', 'enrollment.move', 'enrollment.edit', "
                           "'credential.drop') ORDER BY seq"),
            {}, &rows))
        return e;
    struct State {
        bool live = false;
        QDateTime expires;
        bool pending = false;
        QString why;
    };
    QHash<QPair<qint64, QString>, State> states;
    QHash<qint64, QPair<qint64, QString>> grantPairs;
    for (const QVariantList& row : std::as_const(rows)) {
        const QString action = row.at(0).toString();
        const QJsonObject details = QJsonDocument::fromJson(row.at(1).toString().toUtf8()).object();
        const QPair<qint64, QString> pair{details.value(QStringLiteral("enrollment")).toInteger(),
                                          details.value(QStringLiteral("credential")).toString()};
        const QString sourceRevoke = details.value(QStringLiteral("source_revoke")).toString();
        if (action == QLatin1String("grant.create") || action == QLatin1String("grant.renew")) {
            for (const QJsonValue& record : details.value(QStringLiteral("records")).toArray())
                if (record[QStringLiteral("table")].toString() == QLatin1String("credential_grants"))
                    grantPairs.insert(record[QStringLiteral("id")].toInteger(), pair);
            // A fresh login replaced whatever was left at the source.
            states[pair] = {
                true, signatures::timeFromText(details.value(QStringLiteral("expires_at")).toString()), false, {}};
        } else if (action == QLatin1String("grant.revoke")) {
            State& state = states[pair];
            state.live = false;
            state.pending = sourceRevoke == QLatin1String("pending");
            state.why = Tr::tr("revoked; not yet dropped at the source");
        } else if (action == QLatin1String("credential.drop")) {
            State& state = states[pair];
            state.pending = details.value(QStringLiteral("state")).toString() != QLatin1String("dropped");
            if (!state.pending)
                state.live = false;
            state.why = Tr::tr("its drop at the source is pending");
        } else {
            // A move or a new mentor ends the enrollment's grants it names.
            QSet<QString> grantCredentials;
            for (const QJsonValue& ended : details.value(QStringLiteral("ended_grants")).toArray())
                if (const auto grant = grantPairs.constFind(ended[QStringLiteral("id")].toInteger());
                    grant != grantPairs.cend())
                    grantCredentials.insert(grant->second);
            // A move withdraws the sandbox logins the new checklist lacks:
            // those it could not drop are listed too; and the ones it issues
            // are fresh logins, whatever was left of them before.
            if (action == QLatin1String("enrollment.move")) {
                for (const QJsonValue& id : details.value(QStringLiteral("source_revoke_pending")).toArray())
                    if (!grantCredentials.contains(id.toString()))
                        states[{pair.first, id.toString()}] = {
                            false, {}, true, Tr::tr("withdrawn by a move; not yet dropped at the source")};
                for (const QJsonValue& id : details.value(QStringLiteral("sandbox_issued")).toArray())
                    states[{pair.first, id.toString()}] = {};
            }
            for (const QJsonValue& ended : details.value(QStringLiteral("ended_grants")).toArray()) {
                const auto grant = grantPairs.constFind(ended[QStringLiteral("id")].toInteger());
                if (grant == grantPairs.cend())
                    continue;
                State& state = states[*grant];
                if (!state.live)
                    continue;
                state.live = false;
                // Since the drop is tried at the move or the edit itself, its
                // entry lists what is still to drop; an older entry tried none.
                state.pending = details.contains(QStringLiteral("source_revoke_pending"))
                    ? details.value(QStringLiteral("source_revoke_pending"))
                          .toArray()
                          .contains(QJsonValue(grant->second))
                    : sourceRevoke != QLatin1String("dropped");
                state.why = Tr::tr("ended by %1; not yet dropped at the source").arg(action);
            }
        }
    }
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        if (it->pending)
            out->insert(it.key(), it->why);
        else if (it->live && it->expires.isValid() && now >= it->expires)
            out->insert(it.key(), Tr::tr("expired; not yet dropped at the source"));
        else if (it->live && live)
            live->insert(it.key());
    }
    return {};
}

} // namespace

// Reading.

struct Credentials::Known {
    /// (enrollment, credential) -> (issued, issued_at)
    QHash<QPair<qint64, QString>, QPair<bool, QString>> sandbox;
    /// (enrollment, credential) -> the provider's fields column (sandbox rows)
    QHash<QPair<qint64, QString>, QVariant> sandboxFields;
    QHash<QPair<qint64, QString>, GrantRow> grants;
    /// (enrollment, credential) whose revocation at the source is pending
    QSet<QPair<qint64, QString>> pendingRevokes;
};

Error Credentials::load(const EnrollmentStatus& status, Subject* out, QHash<QPair<QString, int>, Checklist>* cache)
{
    const QPair<QString, int> key{status.checklistId, status.checklistVersion};
    if (!cache || !cache->contains(key)) {
        StoredChecklist stored;
        if (Error e = ChecklistStore(m_vault).get(status.checklistId, status.checklistVersion, &stored))
            return e;
        if (!cache) {
            out->checklist = std::move(stored.checklist);
        } else {
            cache->insert(key, std::move(stored.checklist));
        }
    }
    if (cache)
        out->checklist = cache->value(key);
    out->enrollmentId = status.enrollmentId;
    out->hire = status.hire;
    out->mentor = status.mentor;
    out->decision = status.decision;
    return {};
}

Error Credentials::loadFor(const QString& hire, Subject* out, Enrollments::Check check)
{
    EnrollmentStatus status;
    if (Error e = Enrollments(m_vault, m_clock).status(hire, &status, check))
        return e;
    return load(status, out);
}

Error Credentials::findSandbox(Database& db, qint64 enrollmentId, const QString& credentialId, Absent absent,
                               std::optional<SandboxRow>* out)
{
    // The sandbox credentials' key index is left out of a privileged act's
    // index check (Ledger::checkIndexes): the row it names (i) is read again
    // by its key (s) and must have the enrollment and credential asked for.
    out->reset();
    const auto damaged = [&](const QString& what) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1: the sandbox credentials' key index %2 for '%3' of enrollment %4; "
                            "it was changed outside Onramp, and nothing runs on it")
                         .arg(db.path(), what, credentialId)
                         .arg(enrollmentId));
    };
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT s.rowid, s.enrollment_id, s.credential_id, s.sealed, s.issued_at, "
                                            "s.fields FROM sandbox_credentials i CROSS JOIN sandbox_credentials s ON "
                                            "s.rowid = i.rowid WHERE i.enrollment_id = ?1 AND i.credential_id = ?2"),
                             {enrollmentId, credentialId}, &rows))
        return e;
    if (rows.isEmpty()) {
        if (absent == Absent::Confirmed) {
            const QVariant unindexed =
                db.scalar(QStringLiteral("SELECT rowid FROM sandbox_credentials NOT INDEXED WHERE enrollment_id = ?1 "
                                         "AND credential_id = ?2"),
                          {enrollmentId, credentialId});
            if (!unindexed.isNull())
                return damaged(Tr::tr("leaves out row %1").arg(unindexed.toLongLong()));
        }
        return {};
    }
    if (rows.size() > 1)
        return damaged(Tr::tr("names %1 rows").arg(rows.size()));
    const QVariantList& row = rows.first();
    if (row.at(1).toLongLong() != enrollmentId || row.at(2).toString() != credentialId)
        return damaged(Tr::tr("answers with row %1, which is '%2' of enrollment %3")
                           .arg(row.at(0).toLongLong())
                           .arg(row.at(2).toString())
                           .arg(row.at(1).toLongLong()));
    *out = SandboxRow{row.at(0).toLongLong(), row.at(3), row.at(4).toString(), row.at(5)};
    return {};
}

Error Credentials::mine(Subject* out)
{
    if (m_vault.me().role != Role::Hire)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only a hire has credentials to read; %1 is a %2")
                         .arg(m_vault.me().name, roleWord(m_vault.me().role)));
    return loadFor(m_vault.me().name, out);
}

Error Credentials::views(const Subject& subject, QList<CredentialView>* out, const Known* known)
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
        const QPair<qint64, QString> key{subject.enrollmentId, credential.id};
        if (credential.environment == Environment::Sandbox) {
            QList<QVariantList> rows;
            if (known) {
                const auto found = known->sandbox.constFind(key);
                if (found != known->sandbox.cend())
                    rows.append(QVariantList{found->first, found->second, known->sandboxFields.value(key)});
            } else {
                std::optional<SandboxRow> row;
                if (Error e = findSandbox(db, subject.enrollmentId, credential.id, Absent::Confirmed, &row))
                    return e;
                if (row)
                    rows.append(QVariantList{!row->sealed.isNull(), row->issuedAt, row->fields});
            }
            const bool issued = !rows.isEmpty() && rows.first().at(0).toBool();
            view.state = issued ? CredentialState::Ready : CredentialState::NotSet;
            if (!rows.isEmpty()) {
                view.issuedAt = signatures::timeFromText(rows.first().at(1).toString());
                if (issued)
                    view.credential.fields.insert(Grants::fieldsFrom(rows.first().at(2)));
            }
            if (Error e = revokePending(subject.enrollmentId, credential, known, &view.revokePending))
                return e;
            markSealedToOldKey(subject, &view);
            out->append(view);
            continue;
        }
        // While the gate is closed its reasons are shown, not the grant.
        std::optional<GrantRow> grant;
        if (!subject.decision.allowed) {
            view.reasons = subject.decision.reasons;
        } else if (known) {
            const auto found = known->grants.constFind(key);
            if (found != known->grants.cend())
                grant = *found;
        } else if (Error e = grants.latest(subject.enrollmentId, subject.hire, credential.id, &grant)) {
            return e;
        }
        view.state = grantState(grant ? &*grant : nullptr, subject.decision, now);
        if (grant) {
            view.issuedAt = grant->grantedAt;
            view.expiresAt = grant->expiresAt;
            view.grantedBy = grant->grantedBy;
            // What the provider made (the login to connect as) stands beside
            // the secret; only a grant whose signature holds is believed.
            if (live(view.state))
                view.credential.fields.insert(grant->fields);
        }
        // An expiry recorded before its time (by this desktop's clock) is
        // shown as the early end it was.
        view.endedEarly = view.state == CredentialState::Expired && grant && grant->ended == QLatin1String("expired")
            && grant->expiresAt.isValid() && now < grant->expiresAt;
        if (view.state == CredentialState::Revoked) {
            view.endedAt = grant->endedAt;
            view.endedBy = grant->endedBy;
            view.endedByDisplayName = grant->endedByDisplayName;
        }
        if (Error e = revokePending(subject.enrollmentId, credential, known, &view.revokePending))
            return e;
        markSealedToOldKey(subject, &view);
        out->append(view);
    }
    return {};
}

void Credentials::markSealedToOldKey(const Subject& subject, CredentialView* view)
{
    // Only the hire's own key opens the box: checked for their own view.
    if (m_vault.me().id != subject.hire.id || !view->readable())
        return;
    SecureBytes secret;
    view->sealedToOldKey = openSecret(subject, *view, &secret).kind == ErrorKind::Damaged;
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
        if (grant && dueToExpire(*grant, now)) {
            if (Error e = grants.end(grant->id, QStringLiteral("expired"), now))
                return e;
            if (atSource(credential))
                if (Error e = recordPendingRevoke(subject.enrollmentId, credential.id, now, expiredAtSource()))
                    return e;
        }
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
        std::optional<SandboxRow> row;
        if (Error e = findSandbox(m_vault.db(), subject.enrollmentId, credential.id, Absent::Confirmed, &row))
            return e;
        if (!row && credential.provider == QLatin1String("generated"))
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

Error Credentials::readKnown(const QList<Subject>& subjects, Known* out, bool scoped)
{
    const Person& me = m_vault.me();
    const bool all = me.role == Role::Admin;
    QHash<qint64, Person> hires;
    for (const Subject& subject : subjects)
        hires.insert(subject.enrollmentId, subject.hire);
    QString scope;
    QVariantList params;
    if (scoped) {
        // These enrollments alone, found through the tables' enrollment indexes.
        QJsonArray ids;
        for (const Subject& subject : subjects)
            ids.append(subject.enrollmentId);
        scope = QStringLiteral("WHERE %1.enrollment_id IN (SELECT value FROM json_each(?1))");
        params = {QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact))};
    } else if (!all) {
        scope = QStringLiteral("WHERE %1.enrollment_id IN "
                               "(SELECT id FROM enrollments WHERE hire_id = ?1 OR mentor_id = ?1)");
        params = {me.id};
    }
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(
            // Found through the key index (i), each row read by its key (s):
            // what is shown is the row's own enrollment and credential.
            scope.isEmpty()
                ? QStringLiteral("SELECT s.enrollment_id, s.credential_id, s.sealed IS NOT NULL, s.issued_at, "
                                 "s.fields FROM sandbox_credentials s")
                : QStringLiteral("SELECT s.enrollment_id, s.credential_id, s.sealed IS NOT NULL, s.issued_at, "
                                 "s.fields FROM sandbox_credentials i CROSS JOIN sandbox_credentials s ON "
                                 "s.rowid = i.rowid ")
                    + scope.arg(QLatin1Char('i')),
            params, &rows))
        return e;
    for (const QVariantList& r : std::as_const(rows)) {
        out->sandbox.insert({r.at(0).toLongLong(), r.at(1).toString()}, {r.at(2).toBool(), r.at(3).toString()});
        out->sandboxFields.insert({r.at(0).toLongLong(), r.at(1).toString()}, r.at(4));
    }
    // What is still to be dropped at the source is the signed log's word, not a row's.
    QHash<QPair<qint64, QString>, QString> pending;
    if (Error e = loggedPendingDrops(m_vault.db(), m_clock.now(), &pending))
        return e;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        if (hires.contains(it.key().first))
            out->pendingRevokes.insert(it.key());
    return Grants(m_vault).latestOfEach(scope.isEmpty() ? QString() : scope.arg(QLatin1Char('g')), params, hires,
                                        &out->grants, scoped ? Grants::Lookup::Indexed : Grants::Lookup::Scan);
}

Error Credentials::purgeExpired(const QList<Subject>& subjects, Known* known)
{
    // Whoever reads first after the expiry deletes the sealed copy, so an
    // expired grant cannot be opened even by hand from then on.
    const QDateTime now = m_clock.now();
    QList<qint64> expired;
    QList<QPair<qint64, QString>> atTheirSource; // their logins are dropped by the next sweep
    for (const Subject& subject : subjects) {
        for (const CredentialTemplate& credential : subject.checklist.credentials) {
            if (credential.environment != Environment::Production)
                continue;
            const auto grant = known->grants.constFind({subject.enrollmentId, credential.id});
            if (grant != known->grants.cend() && dueToExpire(*grant, now)) {
                expired.append(grant->id);
                if (atSource(credential))
                    atTheirSource.append({subject.enrollmentId, credential.id});
            }
        }
    }
    if (expired.isEmpty())
        return {};
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = Grants(m_vault).expire(expired, now))
        return e;
    for (const auto& [enrollmentId, credentialId] : std::as_const(atTheirSource))
        if (Error e = recordPendingRevoke(enrollmentId, credentialId, now, expiredAtSource()))
            return e;
    if (Error e = transaction.commit())
        return e;
    for (const auto& key : std::as_const(atTheirSource))
        known->pendingRevokes.insert(key);
    for (GrantRow& grant : known->grants) {
        if (grant.ended.isEmpty() && expired.contains(grant.id)) {
            grant.ended = QStringLiteral("expired");
            grant.sealed.clear();
            grant.endedAt = now;
            grant.endedBy = m_vault.me().name;
        }
    }
    return {};
}

Error Credentials::subjectsOf(const QList<EnrollmentStatus>& statuses, QList<Subject>* out)
{
    QHash<QPair<QString, int>, Checklist> checklists;
    out->reserve(out->size() + statuses.size());
    for (const EnrollmentStatus& status : statuses) {
        Subject subject;
        if (Error e = load(status, &subject, &checklists))
            return e;
        out->append(std::move(subject));
    }
    return {};
}

Error Credentials::present(const QList<Subject>& subjects, Known* known, QList<CredentialView>* out)
{
    if (Error e = purgeExpired(subjects, known))
        return e;
    for (const Subject& subject : subjects) {
        const bool own = m_vault.me().id == subject.hire.id;
        if (own)
            if (Error e = ensureSandbox(subject))
                return e;
        // The hire's own row may just have been issued: read it afresh.
        if (Error e = views(subject, out, own ? nullptr : known))
            return e;
    }
    return {};
}

Error Credentials::list(QList<CredentialView>* out)
{
    // One read of every visible enrollment, sandbox row and grant; a write
    // only when a grant has expired (or, for the hire, a sandbox
    // credential is missing).
    QList<Subject> subjects;
    Known known;
    {
        Database::ReadTransaction read(m_vault.db());
        if (read.beginError())
            return read.beginError();
        QList<EnrollmentStatus> statuses;
        if (Error e = Enrollments(m_vault, m_clock).visible(&statuses))
            return e;
        if (Error e = subjectsOf(statuses, &subjects))
            return e;
        if (Error e = readKnown(subjects, &known))
            return e;
    }
    return present(subjects, &known, out);
}

Error Credentials::listFor(const QString& hire, QList<CredentialView>* out)
{
    QList<Subject> subjects;
    Known known;
    {
        Database::ReadTransaction read(m_vault.db());
        if (read.beginError())
            return read.beginError();
        EnrollmentStatus status;
        if (Error e = Enrollments(m_vault, m_clock).status(hire, &status))
            return e;
        if (Error e = subjectsOf({status}, &subjects))
            return e;
        if (Error e = readKnown(subjects, &known, true))
            return e;
    }
    return present(subjects, &known, out);
}

Error Credentials::listPage(const QString& after, int limit, QList<CredentialView>* out, QStringList* hires, bool* more)
{
    QList<Subject> subjects;
    Known known;
    {
        Database::ReadTransaction read(m_vault.db());
        if (read.beginError())
            return read.beginError();
        QList<EnrollmentStatus> statuses;
        // One more than the page: whether anything follows it, in the same read.
        if (Error e = Enrollments(m_vault, m_clock).visiblePage(after, more ? limit + 1 : limit, &statuses))
            return e;
        if (more)
            *more = statuses.size() > limit;
        while (statuses.size() > limit)
            statuses.removeLast();
        if (Error e = subjectsOf(statuses, &subjects))
            return e;
        if (Error e = readKnown(subjects, &known, true))
            return e;
    }
    if (hires)
        for (const Subject& subject : std::as_const(subjects))
            hires->append(subject.hire.name);
    return present(subjects, &known, out);
}

Error Credentials::overview(Overview* out)
{
    *out = Overview();
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only an admin sees every credential at once; %1 is a %2")
                         .arg(m_vault.me().name, roleWord(m_vault.me().role)));
    Database& db = m_vault.db();
    Database::ReadTransaction read(db);
    if (read.beginError())
        return read.beginError();
    // What an admin reads is what the signed log vouches for, as every admin's read.
    if (Error e = Ledger::require(m_vault, m_clock.now()))
        return e;
    QList<StoredChecklist> latest;
    if (Error e = ChecklistStore(m_vault).latest(&latest))
        return e;
    SecretStore store(m_vault);
    for (const StoredChecklist& stored : std::as_const(latest)) {
        for (const CredentialTemplate& credential : stored.checklist.credentials) {
            const bool seen = std::any_of(out->credentials.cbegin(), out->credentials.cend(), [&](const Configured& c) {
                return c.credential.id == credential.id && c.credential.environment == credential.environment;
            });
            if (seen)
                continue;
            Configured configured;
            configured.credential = credential;
            if (credential.provider == QLatin1String("static"))
                if (Error e = store.setAt(credential.id, credential.environment, 0, &configured.secretSetAt))
                    return e;
            out->credentials.append(configured);
        }
    }
    // One aggregate query: the enrolled hires, and the grants of each
    // credential by where they stand (times are ISO text in UTC, so they
    // compare as text).
    QList<QVariantList> rows;
    if (Error e = db.execute(
            QStringLiteral("SELECT '', (SELECT count(*) FROM enrollments), 0, 0 UNION ALL "
                           "SELECT credential_id, sum(ended IS NULL AND expires_at > ?1), "
                           "sum(ended = 'expired' OR (ended IS NULL AND expires_at <= ?1)), sum(ended = 'revoked') "
                           "FROM credential_grants GROUP BY credential_id"),
            {signatures::timeText(m_clock.now())}, &rows))
        return e;
    for (const QVariantList& r : std::as_const(rows)) {
        const QString id = r.at(0).toString();
        if (id.isEmpty()) {
            out->hires = int(r.at(1).toLongLong());
            continue;
        }
        for (Configured& c : out->credentials) {
            if (c.credential.id != id || c.credential.environment != Environment::Production)
                continue;
            c.liveGrants = int(r.at(1).toLongLong());
            c.expiredGrants = int(r.at(2).toLongLong());
            c.revokedGrants = int(r.at(3).toLongLong());
        }
    }
    return {};
}

Error Credentials::openSecret(const Subject& subject, const CredentialView& view, SecureBytes* secret)
{
    QVariant sealed;
    if (view.credential.environment == Environment::Sandbox) {
        std::optional<SandboxRow> row;
        if (Error e = findSandbox(m_vault.db(), subject.enrollmentId, view.credential.id, Absent::Unconfirmed, &row))
            return e;
        if (row)
            sealed = row->sealed;
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

Error Credentials::mineNow(Subject* subject, QList<CredentialView>* all)
{
    if (Error e = mine(subject))
        return e;
    if (Error e = ensureSandbox(*subject))
        return e;
    if (Error e = purgeExpired(*subject))
        return e;
    return views(*subject, all);
}

Error Credentials::read(const QString& credentialId, CredentialView* view, SecureBytes* secret)
{
    Subject subject;
    QList<CredentialView> all;
    if (Error e = mineNow(&subject, &all))
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

Error Credentials::readAll(QList<CredentialView>* views, std::vector<SecureBytes>* secrets,
                           std::optional<Environment> only)
{
    Subject subject;
    QList<CredentialView> all;
    if (Error e = mineNow(&subject, &all))
        return e;
    for (const CredentialView& view : all) {
        if (!view.readable() || (only && view.credential.environment != *only))
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

// Changing.

Error Credentials::issueAtSource(std::unique_ptr<Provider> provider, const IssueRequest& request,
                                 std::optional<SecureBytes>* secret)
{
    if (Error e = provider->issue(request, secret))
        return e;
    if (!provider->actsAtSource() || !m_vault.db().inTransaction())
        return {};
    // What the provider made outside the vault lives only as long as the
    // vault's record of it: when the transaction that was to record it rolls
    // back (a later step failed, the commit failed), it is revoked again.
    std::shared_ptr<Provider> shared(std::move(provider));
    Vault* vault = &m_vault;
    m_vault.db().afterRollback([shared, vault, credential = request.credential, hire = request.hire,
                                enrollmentId = request.enrollmentId, now = request.now] {
        if (Error e = shared->revoke({*vault, credential, hire, enrollmentId, now, false}))
            qCWarning(lcCredentials).noquote()
                << "could not undo" << credential.provider << "credential" << credential.id << "of" << hire.name
                << "after the vault's change failed; it ends at its expiry:" << e.message;
        else
            qCInfo(lcCredentials) << "undid" << credential.provider << "credential" << credential.id << "of"
                                  << hire.name << "after the vault's change failed";
    });
    return {};
}

Error Credentials::issueOneSandbox(qint64 enrollmentId, const Person& hire, const CredentialTemplate& credential,
                                   bool fresh)
{
    // Where a secret is sealed to a hire without a grant: whatever the
    // checklist version at hand says, an id any stored version called
    // production never gets here (a relabelled file, a parser's miss).
    QHash<QString, QPair<QString, int>> production;
    if (Error e = ChecklistStore(m_vault).productionIds(&production))
        return e;
    if (const auto earlier = production.constFind(credential.id); earlier != production.cend())
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("'%1' is a production credential in checklist '%2' version %3; its secret goes to a "
                            "hire only through a grant after sign-off, never as a sandbox credential")
                         .arg(credential.id, earlier->first)
                         .arg(earlier->second));
    if (Error e = checkSourceWall(credential))
        return e;
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(credential, &provider))
        return e;
    std::optional<SecureBytes> secret;
    QMap<QString, QString> fields;
    if (Error e = issueAtSource(std::move(provider),
                                {m_vault, credential, hire, enrollmentId, m_clock.now(), fresh, &fields}, &secret))
        return e;
    QVariant sealed;
    if (secret) {
        sealed = crypto::sealTo(secret->view(), hire.signPublicKey);
        if (sealed.toByteArray().isEmpty())
            return Error(ErrorKind::Damaged, Tr::tr("%1's public key is not valid; cannot seal to it").arg(hire.name));
    }
    // The row this replaces, found as REPLACE will find it (the key index)
    // and held to the table: a misfiled entry would have it replace another
    // hire's row.
    std::optional<SandboxRow> replaced;
    if (Error e = findSandbox(m_vault.db(), enrollmentId, credential.id, Absent::Unconfirmed, &replaced))
        return e;
    // Names and ids only: never a secret, never a sealed box.
    qCDebug(lcCredentials) << "sandbox credential" << credential.id << "for" << hire.name
                           << (secret ? "sealed to the hire" : "not set yet");
    return m_vault.db().execute(
        QStringLiteral("INSERT OR REPLACE INTO sandbox_credentials (enrollment_id, "
                       "credential_id, sealed, issued_at, fields) VALUES (?1, ?2, ?3, ?4, ?5)"),
        {enrollmentId, credential.id, sealed, signatures::timeText(m_clock.now()), Grants::fieldsColumn(fields)});
}

Error Credentials::issueSandbox(qint64 enrollmentId, const Person& hire, const Checklist& checklist)
{
    for (const CredentialTemplate& credential : checklist.credentials)
        if (credential.environment == Environment::Sandbox)
            if (Error e = issueOneSandbox(enrollmentId, hire, credential, true))
                return e;
    return {};
}

Error Credentials::checkSourceWall(const CredentialTemplate& credential)
{
    if (credential.pgServer.isEmpty() || !atSource(credential))
        return {};
    // The checklist row is the hire's to edit with the master key: what it
    // says is checked again here, against every stored version and the
    // connection's signed entry, whatever the import let through.
    Environment serves = Environment::Production;
    if (Error e = ProviderConnections(m_vault, m_clock).environmentOf(credential.pgServer, &serves))
        return Error(
            ErrorKind::NotPermitted,
            Tr::tr("%1 credential '%2': %3").arg(environmentName(credential.environment), credential.id, e.message));
    if (serves != credential.environment)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("%1 credential '%2' names provider connection '%3', which an admin set for %4; a "
                            "credential may only name a connection of its own environment; nothing was issued")
                         .arg(environmentName(credential.environment), credential.id, credential.pgServer,
                              environmentName(serves)));
    SourceNames names[2];
    if (Error e = ChecklistStore(m_vault).sourceNames(&names[int(Environment::Production)],
                                                      &names[int(Environment::Sandbox)]))
        return e;
    const Environment other =
        credential.environment == Environment::Sandbox ? Environment::Production : Environment::Sandbox;
    SourceUse use;
    const QString what = names[int(other)].meets(credential, &use);
    if (!what.isEmpty())
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("%1 credential '%2' names %3, which %4 credential '%5' of checklist '%6' version %7 "
                            "names; a sandbox credential must never sign in where a production one does; nothing "
                            "was issued")
                         .arg(environmentName(credential.environment), credential.id, what, environmentName(other),
                              use.credentialId, use.checklistId)
                         .arg(use.version));
    return {};
}

Error Credentials::storedRows(const QSet<qint64>& rows, QList<StoredChecklist>* out)
{
    out->clear();
    QList<qint64> ordered(rows.cbegin(), rows.cend());
    std::sort(ordered.begin(), ordered.end());
    for (const qint64 row : std::as_const(ordered)) {
        StoredChecklist stored;
        if (Error e = ChecklistStore(m_vault).byRow(row, &stored))
            return e;
        out->append(std::move(stored));
    }
    return {};
}

Error Credentials::sourceTemplates(const QString& credentialId, QList<CredentialTemplate>* out,
                                   const QSet<qint64>* rows)
{
    out->clear();
    QList<StoredChecklist> all;
    if (Error e = rows ? storedRows(*rows, &all) : ChecklistStore(m_vault).all(&all))
        return e;
    for (const StoredChecklist& stored : std::as_const(all)) {
        const CredentialTemplate* credential = findCredential(stored.checklist, credentialId);
        if (!credential || !atSource(*credential))
            continue;
        const bool known = std::any_of(out->cbegin(), out->cend(), [&](const CredentialTemplate& t) {
            return t.provider == credential->provider && t.pgServer == credential->pgServer;
        });
        if (!known)
            out->append(*credential);
    }
    return {};
}

Error Credentials::revokeEverywhere(qint64 enrollmentId, const Person& hire, const QString& credentialId,
                                    Error* failure)
{
    QList<CredentialTemplate> templates;
    if (Error e = sourceTemplates(credentialId, &templates))
        return e;
    for (const CredentialTemplate& credential : std::as_const(templates)) {
        std::unique_ptr<Provider> provider;
        Error e = providerFor(credential, &provider);
        if (!e && provider->actsAtSource())
            e = provider->revoke({m_vault, credential, hire, enrollmentId, m_clock.now(), false});
        if (e && !*failure)
            *failure = e;
    }
    return {};
}

Error Credentials::loginsOn(const QString& connection, QStringList* out)
{
    out->clear();
    QList<SourceLogin> logins;
    if (Error e = sourceLogins(&logins))
        return e;
    for (const SourceLogin& login : std::as_const(logins))
        if (login.connections.contains(connection))
            out->append(Tr::tr("%1's %2").arg(login.hireShown, login.credentialId));
    out->removeDuplicates();
    out->sort();
    return {};
}

Error Credentials::recordUnknownLogin(qint64 enrollmentId, const Person& hire, const QString& credentialId,
                                      const QStringList& connections, const QString& reason,
                                      const QJsonObject& sourceDsns)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("drop a login at its source")))
        return e;
    QList<CredentialTemplate> templates;
    if (Error e = sourceTemplates(credentialId, &templates))
        return e;
    const bool same = std::any_of(templates.cbegin(), templates.cend(), [&](const CredentialTemplate& t) {
        return t.provider == QLatin1String("postgresql") && (connections.isEmpty() || connections.contains(t.pgServer));
    });
    if (!same)
        return Error(ErrorKind::InvalidInput,
                     connections.isEmpty()
                         ? Tr::tr("no stored checklist version names a login of '%1' at a source").arg(credentialId)
                         : Tr::tr("no stored checklist version names a login of '%1' through %2")
                               .arg(credentialId, connections.join(QStringLiteral(", "))));
    const Error why(ErrorKind::Io, Tr::tr("%1; not yet dropped at the source").arg(reason));
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error p = recordPendingRevoke(enrollmentId, credentialId, m_clock.now(), why))
        return p;
    QJsonObject details{{QStringLiteral("credential"), credentialId},
                        {QStringLiteral("enrollment"), enrollmentId},
                        {QStringLiteral("state"), QStringLiteral("pending")},
                        {QStringLiteral("reason"), reason}};
    if (!sourceDsns.isEmpty())
        details.insert(QStringLiteral("source_dsns"), sourceDsns);
    if (Error a = AuditLog::append(m_vault, QStringLiteral("credential.drop"), hire.name, details))
        return a;
    return transaction.commit();
}

Error Credentials::dropOrphanLogin(const QString& hireName, const QString& credentialId, const QString& reason,
                                   bool* dropped, QString* why)
{
    *dropped = false;
    why->clear();
    if (Error e = m_vault.requireAdmin(Tr::tr("drop a login at its source")))
        return e;
    QList<CredentialTemplate> templates;
    if (Error e = sourceTemplates(credentialId, &templates))
        return e;
    if (std::none_of(templates.cbegin(), templates.cend(),
                     [](const CredentialTemplate& t) { return t.provider == QLatin1String("postgresql"); }))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("no stored checklist version names a login of '%1' at a source").arg(credentialId));
    Person hire;
    hire.name = hireName;
    Error failure;
    if (Error e = revokeEverywhere(0, hire, credentialId, &failure))
        return e;
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error a = AuditLog::append(
            m_vault, QStringLiteral("credential.drop"), hireName,
            {{QStringLiteral("credential"), credentialId},
             {QStringLiteral("enrollment"), 0},
             {QStringLiteral("state"), failure ? QStringLiteral("pending") : QStringLiteral("dropped")},
             {QStringLiteral("reason"), reason}}))
        return a;
    if (Error c = transaction.commit())
        return c;
    *dropped = !failure;
    if (failure)
        *why = failure.message;
    return {};
}

Error Credentials::dropLogins(const QSet<QPair<qint64, QString>>& logins,
                              QHash<QPair<qint64, QString>, QString>* outcome)
{
    outcome->clear();
    if (Error e = m_vault.requireAdmin(Tr::tr("drop a login at its source")))
        return e;
    int done = 0;
    QStringList dropped;
    QStringList pending;
    return retryPendingRows(&done, &dropped, &pending, &logins, outcome);
}

Error Credentials::sourceLogins(QList<SourceLogin>* out, const LoggedFacts* logged)
{
    out->clear();
    QHash<QPair<qint64, QString>, QString> pending;
    QSet<QPair<qint64, QString>> pairs;
    if (Error e = loggedPendingDrops(m_vault.db(), m_clock.now(), &pending, &pairs))
        return e;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        pairs.insert(it.key());
    // Sandbox logins are in no grant: the issued rows of hires not disabled
    // (by the log, when it is given).
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(
            QStringLiteral("SELECT s.enrollment_id, s.credential_id, p.disabled FROM sandbox_credentials s LEFT JOIN "
                           "enrollments e ON e.id = s.enrollment_id LEFT JOIN people p ON p.id = e.hire_id WHERE "
                           "s.sealed IS NOT NULL"),
            {}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        const qint64 enrollmentId = row.at(0).toLongLong();
        const bool disabled = logged ? logged->hires.value(enrollmentId).disabled : row.at(2).toLongLong() != 0;
        if (!disabled && (logged || !row.at(2).isNull()))
            pairs.insert({enrollmentId, row.at(1).toString()});
    }
    QList<QPair<qint64, QString>> ordered(pairs.cbegin(), pairs.cend());
    std::sort(ordered.begin(), ordered.end());
    for (const auto& [enrollmentId, credentialId] : std::as_const(ordered)) {
        QList<CredentialTemplate> templates;
        if (Error e = sourceTemplates(credentialId, &templates, logged ? &logged->checklistRows : nullptr))
            return e;
        SourceLogin login{enrollmentId, 0, {}, {}, credentialId, {}};
        for (const CredentialTemplate& t : std::as_const(templates))
            if (t.provider == QLatin1String("postgresql"))
                login.connections.append(t.pgServer);
        if (logged) {
            // Placed by the log alone: one it cannot place is named, never
            // left out (hiding a login is what a rewritten row would be for).
            const auto hire = logged->hires.constFind(enrollmentId);
            if (hire != logged->hires.cend()) {
                login.hireId = hire->id;
                login.hire = hire->name;
                login.hireShown = hire->shown.isEmpty() ? hire->name : hire->shown;
            }
            if (hire == logged->hires.cend())
                login.unresolved = Tr::tr("no admin's entry of the log created enrollment %1").arg(enrollmentId);
            else if (templates.isEmpty()) {
                // Kept in the vault alone is no login at a source; one no
                // version the log vouches for names is listed without its
                // connections, for the caller to place.
                QList<StoredChecklist> all;
                if (Error e = storedRows(logged->checklistRows, &all))
                    return e;
                const QString id = credentialId;
                if (std::any_of(all.cbegin(), all.cend(), [&](const StoredChecklist& stored) {
                        return findCredential(stored.checklist, id) != nullptr;
                    }))
                    continue;
                out->append(login);
                continue;
            }
            if (login.connections.isEmpty() && login.unresolved.isEmpty())
                continue;
            out->append(login);
            continue;
        }
        if (login.connections.isEmpty())
            continue;
        QList<QVariantList> hire;
        if (Error e = m_vault.db().execute(QStringLiteral("SELECT p.id, p.name, coalesce(nullif(p.display_name, ''), "
                                                          "p.name) FROM enrollments e JOIN people p ON p.id = "
                                                          "e.hire_id WHERE e.id = ?1"),
                                           {enrollmentId}, &hire))
            return e;
        if (!hire.isEmpty()) {
            login.hireId = hire.first().at(0).toLongLong();
            login.hire = hire.first().at(1).toString();
            login.hireShown = hire.first().at(2).toString();
        }
        out->append(login);
    }
    return {};
}

Error Credentials::loggedGrantIds(qint64 enrollmentId, QStringList* out)
{
    out->clear();
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(
            QStringLiteral(
                "SELECT DISTINCT json_extract(details, '$.credential') FROM audit_log NOT INDEXED WHERE action IN "
                "('grant.create', 'grant.renew') AND CASE WHEN json_valid(details) THEN "
                "json_extract(details, '$.enrollment') END = ?1 ORDER BY 1"),
            {enrollmentId}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows))
        if (!row.at(0).toString().isEmpty())
            out->append(row.at(0).toString());
    return {};
}

Error Credentials::dropAtSource(qint64 enrollmentId, const Person& hire, const QStringList& credentialIds,
                                QJsonArray* pending)
{
    for (const QString& credentialId : credentialIds) {
        Error failure;
        if (Error e = revokeEverywhere(enrollmentId, hire, credentialId, &failure))
            return e;
        if (failure) {
            // Kept for the next sweep until it is done.
            if (Error e = recordPendingRevoke(enrollmentId, credentialId, m_clock.now(), failure))
                return e;
            if (pending)
                pending->append(credentialId);
            qCWarning(lcCredentials).noquote() << "ended" << credentialId << "of" << hire.name
                                               << "in the vault; at its source pending:" << failure.message;
        }
    }
    return {};
}

Error Credentials::endLiveGrants(qint64 enrollmentId, const Person& hire, QJsonArray* ended, QJsonArray* pending)
{
    if (Error e = Grants(m_vault).endLive(enrollmentId, m_clock.now(), ended))
        return e;
    // Not the rows (a hire can delete one for the while) but the log says
    // what was ever granted here: each such login goes at its source too.
    QStringList granted;
    if (Error e = loggedGrantIds(enrollmentId, &granted))
        return e;
    return dropAtSource(enrollmentId, hire, granted, pending);
}

Error Credentials::grantOne(qint64 enrollmentId, const Person& hire, const CredentialTemplate& credential,
                            const QDateTime& now, QJsonObject* details)
{
    if (Error e = checkSourceWall(credential))
        return e;
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(credential, &provider))
        return e;
    std::optional<SecureBytes> secret;
    QMap<QString, QString> fields;
    if (Error e =
            issueAtSource(std::move(provider), {m_vault, credential, hire, enrollmentId, now, false, &fields}, &secret))
        return e;
    const QDateTime expires = expiryFor(credential, now);
    *details = {{QStringLiteral("credential"), credential.id},
                {QStringLiteral("expires_at"), signatures::timeText(expires)}};
    if (Error e = Grants(m_vault).grant(enrollmentId, hire, credential.id, secret, now, expires, details, fields))
        return e;
    // A fresh login replaced whatever was left at the source (issue dropped it first).
    if (atSource(credential))
        if (Error e = clearPendingRevoke(enrollmentId, credential.id))
            return e;
    qCDebug(lcCredentials) << "granted" << credential.id << "to" << hire.name << "by" << m_vault.me().name << "until"
                           << expires << (secret ? "sealed" : "not set yet");
    return {};
}

Error Credentials::grantProduction(qint64 enrollmentId, const Person& hire, const Checklist& checklist)
{
    // The caller (the sign-off) verified the vault against the log in this transaction.
    if (hire.disabled)
        return disabledHire(hire);
    const QDateTime now = m_clock.now();
    for (const CredentialTemplate& credential : checklist.credentials) {
        if (credential.environment != Environment::Production)
            continue;
        QJsonObject details;
        if (Error e = grantOne(enrollmentId, hire, credential, now, &details))
            return e;
        if (Error e = AuditLog::append(m_vault, QStringLiteral("grant.create"), hire.name, details))
            return e;
    }
    return {};
}

Error Credentials::reissue(const QString& credentialId)
{
    Subject subject;
    if (Error e = mine(&subject))
        return e;
    const CredentialTemplate* credential = findCredential(subject.checklist, credentialId);
    if (!credential)
        return Error(ErrorKind::InvalidInput, Tr::tr("no credential '%1' in your checklist").arg(credentialId));
    if (credential->environment != Environment::Sandbox)
        return Error(
            ErrorKind::NotPermitted,
            Tr::tr("'%1' is a production credential; only your mentor or an admin can renew it").arg(credentialId));
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(*credential, &provider))
        return e;
    if (!provider->hireMayReissue())
        return Error(
            ErrorKind::NotPermitted,
            Tr::tr("'%1' is a %2 credential: its secret is set by an admin").arg(credentialId, credential->provider));
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = issueOneSandbox(subject.enrollmentId, subject.hire, *credential, true))
        return e;
    if (Error e = AuditLog::append(m_vault, QStringLiteral("credential.reissue"), subject.hire.name,
                                   {{QStringLiteral("credential"), credentialId}}))
        return e;
    return transaction.commit();
}

Error Credentials::resetSandbox(const QString& credentialId)
{
    Subject subject;
    if (Error e = mine(&subject))
        return e;
    const CredentialTemplate* credential = findCredential(subject.checklist, credentialId);
    if (!credential)
        return Error(ErrorKind::InvalidInput, Tr::tr("no credential '%1' in your checklist").arg(credentialId));
    if (credential->environment != Environment::Sandbox)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("'%1' is a production credential: only a sandbox database of your own can be reset")
                         .arg(credentialId));
    // Where the row (the hire's to edit) says the database is: held to the wall again.
    if (Error e = checkSourceWall(*credential))
        return e;
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(*credential, &provider))
        return e;
    CredentialView view;
    SecureBytes secret;
    if (Error e = read(credentialId, &view, &secret))
        return e;
    // Recorded in the same transaction: a reset the server refuses leaves no entry.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = AuditLog::append(m_vault, QStringLiteral("credential.reset"), subject.hire.name,
                                   {{QStringLiteral("credential"), credentialId}}))
        return e;
    if (Error e = provider->reset({m_vault, *credential, subject.hire, subject.enrollmentId, m_clock.now(), false},
                                  view.credential.fields, secret))
        return e;
    return transaction.commit();
}

Error Credentials::reissueSandboxAfterReset(const Person& hire, QStringList* reissued)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("reissue another person's credentials")))
        return e;
    QList<QVariantList> rows;
    if (Error e = enrollmentOf(m_vault.db(), hire, &rows))
        return e;
    for (const QVariantList& row : rows) {
        const qint64 enrollmentId = row.at(0).toLongLong();
        StoredChecklist stored;
        if (Error e = ChecklistStore(m_vault).byRow(row.at(1).toLongLong(), &stored))
            return e;
        for (const CredentialTemplate& credential : stored.checklist.credentials) {
            if (credential.environment != Environment::Sandbox)
                continue;
            // Each row the reset replaces is its own (none left out).
            std::optional<SandboxRow> issued;
            if (Error e = findSandbox(m_vault.db(), enrollmentId, credential.id, Absent::Confirmed, &issued))
                return e;
            if (Error e = issueOneSandbox(enrollmentId, hire, credential, true))
                return e;
            reissued->append(credential.id);
        }
    }
    return {};
}

Error Credentials::revokeAtSource(const Person& hire)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("revoke another person's credentials")))
        return e;
    QList<QVariantList> rows;
    if (Error e = enrollmentOf(m_vault.db(), hire, &rows))
        return e;
    Error first;
    for (const QVariantList& row : rows) {
        const qint64 enrollmentId = row.at(0).toLongLong();
        StoredChecklist stored;
        if (Error e = ChecklistStore(m_vault).byRow(row.at(1).toLongLong(), &stored))
            return e;
        // Every credential the log ever granted here (a move or a new
        // version leaves them out of the checklist now), and the checklist's own.
        QStringList ids;
        if (Error e = loggedGrantIds(enrollmentId, &ids))
            return e;
        for (const CredentialTemplate& credential : stored.checklist.credentials)
            if (atSource(credential) && !ids.contains(credential.id))
                ids.append(credential.id);
        for (const QString& credentialId : std::as_const(ids)) {
            Error failure;
            if (Error e = revokeEverywhere(enrollmentId, hire, credentialId, &failure))
                return e;
            if (failure && !first)
                first = failure;
            // Kept for the next sweep until it is done: said in a signed entry.
            if (Error p = failure ? recordPendingRevoke(enrollmentId, credentialId, m_clock.now(), failure)
                                  : clearPendingRevoke(enrollmentId, credentialId))
                return p;
            if (failure)
                if (Error a = AuditLog::record(m_vault, QStringLiteral("credential.drop"), hire.name,
                                               {{QStringLiteral("credential"), credentialId},
                                                {QStringLiteral("enrollment"), enrollmentId},
                                                {QStringLiteral("state"), QStringLiteral("pending")}}))
                    return a;
            if (!failure)
                qCInfo(lcCredentials) << "revoked" << credentialId << "of" << hire.name << "at its source";
        }
    }
    return first;
}

Error Credentials::recordPendingRevoke(qint64 enrollmentId, const QString& credentialId, const QDateTime& now,
                                       const Error& why)
{
    return m_vault.db().execute(QStringLiteral("INSERT OR REPLACE INTO source_revokes (enrollment_id, credential_id, "
                                               "requested_at, requested_by, last_error) VALUES (?1, ?2, ?3, ?4, ?5)"),
                                {enrollmentId, credentialId, signatures::timeText(now), m_vault.me().id, why.message});
}

Error Credentials::clearPendingRevoke(qint64 enrollmentId, const QString& credentialId)
{
    return m_vault.db().execute(
        QStringLiteral("DELETE FROM source_revokes WHERE enrollment_id = ?1 AND credential_id = ?2"),
        {enrollmentId, credentialId});
}

Error Credentials::expiredAtSource()
{
    return Error(ErrorKind::Io, Tr::tr("expired; its login at the source is dropped by the next sweep"));
}

Error Credentials::revokePending(qint64 enrollmentId, const CredentialTemplate& credential, const Known* known,
                                 bool* out)
{
    *out = false;
    if (!atSource(credential))
        return {};
    if (known) {
        *out = known->pendingRevokes.contains({enrollmentId, credential.id});
        return {};
    }
    QHash<QPair<qint64, QString>, QString> pending;
    if (Error e = loggedPendingDrops(m_vault.db(), m_clock.now(), &pending))
        return e;
    *out = pending.contains({enrollmentId, credential.id});
    return {};
}

Error Credentials::sweep(int* done, QStringList* pending)
{
    *done = 0;
    pending->clear();
    if (Error e = m_vault.requireActive())
        return e;
    const Person& me = m_vault.me();
    if (me.role == Role::Hire)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only a mentor or an admin sweeps credentials; %1 is a hire").arg(me.name));
    // What has expired since anyone read it ends first, and its logins join the pending ones.
    QList<CredentialView> views;
    if (Error e = list(&views))
        return e;
    return retryPendingRows(done, nullptr, pending);
}

Error Credentials::retryPendingRevokes(QStringList* dropped)
{
    dropped->clear();
    if (m_vault.requireActive() || m_vault.me().role == Role::Hire)
        return {};
    int done = 0;
    QStringList pending;
    // Quietly, whatever fails: a vault that does not check (a provider
    // connection deleted, say) must never stop the revoke, renewal or
    // sign-off that follows; that act runs its own checks.
    if (Error e = retryPendingRows(&done, dropped, &pending))
        qCWarning(lcCredentials).noquote() << "pending drops at the source not retried:" << e.message;
    return {};
}

Error Credentials::retryPendingRows(int* done, QStringList* dropped, QStringList* pending,
                                    const QSet<QPair<qint64, QString>>* only,
                                    QHash<QPair<qint64, QString>, QString>* outcome)
{
    const Person& me = m_vault.me();
    // What is to be dropped is what the signed log says ended and was not
    // dropped since, read once the log verifies; never a source_revokes row,
    // which anyone holding the master key can delete or plant.
    QHash<QPair<qint64, QString>, QString> due;
    QList<QVariantList> rows;
    {
        Database::ReadTransaction read(m_vault.db());
        if (read.beginError())
            return read.beginError();
        if (Error e = Ledger::require(m_vault, m_clock.now()))
            return e;
        if (Error e = loggedPendingDrops(m_vault.db(), m_clock.now(), &due))
            return e;
        if (Error e = m_vault.db().execute(
                QStringLiteral("SELECT id, hire_id, checklist_id, mentor_id FROM enrollments ORDER BY id"), {}, &rows))
            return e;
    }
    QHash<qint64, QVariantList> enrollments;
    for (const QVariantList& row : std::as_const(rows))
        enrollments.insert(row.at(0).toLongLong(), row);
    QList<QPair<qint64, QString>> keys = due.keys();
    std::sort(keys.begin(), keys.end());
    const QList<Person> people = m_vault.people();
    QHash<QString, QPair<QString, int>> production;
    if (Error e = ChecklistStore(m_vault).productionIds(&production))
        return e;
    for (const auto& [enrollmentId, credentialId] : std::as_const(keys)) {
        if (only && !only->contains({enrollmentId, credentialId}))
            continue;
        const auto enrollment = enrollments.constFind(enrollmentId);
        if (enrollment == enrollments.cend())
            continue;
        if (me.role != Role::Admin && enrollment->at(3).toLongLong() != me.id)
            continue; // a mentor sweeps their mentees' alone
        const auto hire = std::find_if(people.cbegin(), people.cend(),
                                       [&](const Person& p) { return p.id == enrollment->at(1).toLongLong(); });
        // Wherever any stored version put it: a move leaves it out of the checklist now.
        QList<CredentialTemplate> templates;
        if (Error e = sourceTemplates(credentialId, &templates))
            return e;
        if (templates.isEmpty() && production.contains(credentialId))
            continue; // kept in the vault alone: nothing at a source to drop
        Error e = hire == people.cend() || templates.isEmpty()
            ? Error(ErrorKind::InvalidInput,
                    Tr::tr("'%1' of enrollment %2 is in no stored checklist; drop its login by hand")
                        .arg(credentialId)
                        .arg(enrollmentId))
            : Error();
        if (!e)
            if (Error r = revokeEverywhere(enrollmentId, *hire, credentialId, &e))
                return r;
        const QString who = hire == people.cend() ? QString::number(enrollmentId) : hire->name;
        if (e) {
            pending->append(Tr::tr("%1's %2: %3").arg(who, credentialId, e.message));
            if (outcome)
                outcome->insert({enrollmentId, credentialId}, e.message);
            if (Error u = recordPendingRevoke(enrollmentId, credentialId, m_clock.now(), e))
                return u;
            continue;
        }
        // Done: a signed entry closes it on every desk.
        Database::Transaction transaction(m_vault.db());
        if (transaction.beginError())
            return transaction.beginError();
        if (Error c = clearPendingRevoke(enrollmentId, credentialId))
            return c;
        if (Error a = AuditLog::append(m_vault, QStringLiteral("credential.drop"), who,
                                       {{QStringLiteral("credential"), credentialId},
                                        {QStringLiteral("enrollment"), enrollmentId},
                                        {QStringLiteral("state"), QStringLiteral("dropped")}}))
            return a;
        if (Error c = transaction.commit())
            return c;
        qCInfo(lcCredentials) << "swept" << credentialId << "of" << who << "at its source";
        ++*done;
        if (dropped)
            dropped->append(Tr::tr("%1's %2").arg(who, credentialId));
        if (outcome)
            outcome->insert({enrollmentId, credentialId}, QString());
    }
    return {};
}

Error Credentials::requireGrantor(const Subject& subject, const QString& credentialId, const CredentialTemplate** out)
{
    if (Error e = m_vault.requireActive())
        return e;
    const Person& me = m_vault.me();
    const bool mayGrant = me.role == Role::Admin || (me.role == Role::Mentor && me.id == subject.mentor.id);
    if (!mayGrant || me.id == subject.hire.id)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only %1's mentor, %2, or an admin can renew or revoke their grants")
                         .arg(subject.hire.name, subject.mentor.name));
    *out = findCredential(subject.checklist, credentialId);
    if (!*out)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("no credential '%1' in %2's checklist").arg(credentialId, subject.hire.name));
    if ((*out)->environment != Environment::Production)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is a sandbox credential; it has no grant (the hire reissues it)").arg(credentialId));
    return {};
}

Error Credentials::revoke(const QString& hire, const QString& credentialId, QString* pendingReason)
{
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    Subject subject;
    if (Error e = loadFor(hire, &subject, Enrollments::Check::ForRevocation))
        return e;
    const CredentialTemplate* credential = nullptr;
    if (Error e = requireGrantor(subject, credentialId, &credential))
        return e;
    std::unique_ptr<Provider> provider;
    if (Error e = providerFor(*credential, &provider))
        return e;
    // A revocation ends the grant whatever the vault holds, but a drop at
    // the source goes only through a vault that checks, before anything is
    // written here: a connection put back, or the entry that moved it hidden
    // from the log's lookups, would send the drop to another server, which
    // would find no login and call it dropped. Otherwise the drop is pending.
    const Error unchecked = provider->actsAtSource() ? Ledger::require(m_vault, m_clock.now()) : Error();
    // Every grant the log holds live ends, whatever its row says: a hire can
    // make a row look ended, or delete it for the while, and put it back
    // after. The entry names each (the ledger reads a revocation as ending
    // every grant of the pair vouched for before it, so a row put back live
    // is refused); a row no entry vouched for is ended all the same, and it
    // and any gone row are said once the revocation is in (exit 6). A
    // revocation that ends nothing the log holds live is not recorded.
    const QDateTime now = m_clock.now();
    QJsonArray ended;
    QList<qint64> planted;
    QList<qint64> missing;
    if (Error e = Grants(m_vault).endEveryLive(subject.enrollmentId, subject.hire, credentialId,
                                               QStringLiteral("revoked"), now, &ended, &planted, &missing))
        return e;
    if (ended.isEmpty() && !planted.isEmpty())
        return Error(ErrorKind::Damaged,
                     Tr::tr("%1 holds no grant of '%2' that the log holds live; credential_grants row %3: no audit "
                            "entry vouches for it; it was written outside Onramp; nothing was changed. Run vault "
                            "check")
                         .arg(hire, credentialId)
                         .arg(planted.first()));
    if (ended.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 holds no grant of '%2' to revoke; nothing was changed").arg(hire, credentialId));
    QJsonObject details{{QStringLiteral("credential"), credentialId},
                        {QStringLiteral("enrollment"), subject.enrollmentId},
                        {QStringLiteral("ended_grants"), ended}};
    Error sourceError = unchecked
        ? Error(ErrorKind::Damaged,
                Tr::tr("nothing was sent to its server, since the vault does not pass its check: "
                       "%1")
                    .arg(unchecked.message))
        : provider->revoke({m_vault, *credential, subject.hire, subject.enrollmentId, now, false});
    if (sourceError) {
        // The grant ends here all the same (its secret deleted); that the
        // source still holds the login is said in the signed entry, which
        // keeps it pending until a signed `credential.drop` closes it.
        if (!provider->actsAtSource())
            return sourceError;
        if (Error p = recordPendingRevoke(subject.enrollmentId, credentialId, now, sourceError))
            return p;
        details.insert(QStringLiteral("source_revoke"), QStringLiteral("pending"));
        if (pendingReason)
            *pendingReason = sourceError.message;
        qCWarning(lcCredentials).noquote() << "revoked" << credentialId << "of" << hire
                                           << "in the vault; at its source pending:" << sourceError.message;
    } else if (provider->actsAtSource()) {
        details.insert(QStringLiteral("source_revoke"), QStringLiteral("dropped"));
        if (Error e = clearPendingRevoke(subject.enrollmentId, credentialId))
            return e;
    }
    qCDebug(lcCredentials) << "revoked" << credentialId << "of" << hire << "by" << m_vault.me().name;
    if (Error e = AuditLog::append(m_vault, QStringLiteral("grant.revoke"), hire, details))
        return e;
    if (Error e = transaction.commit())
        return e;
    // A provider connection deleted or altered in the vault is its damage,
    // not a server out of reach: said so (the drop stays pending all the same).
    if (sourceError.kind == ErrorKind::Damaged)
        return Error(ErrorKind::Damaged,
                     Tr::tr("revoked %1's grant of '%2' in the vault; its login at the source is still to be "
                            "dropped: %3")
                         .arg(hire, credentialId, sourceError.message));
    if (!planted.isEmpty())
        return Error(ErrorKind::Damaged,
                     Tr::tr("revoked %1's grant of '%2'; but credential_grants row %3: no audit entry vouches for "
                            "it; it was written outside Onramp (ended too). Run vault check")
                         .arg(hire, credentialId)
                         .arg(planted.first()));
    if (!missing.isEmpty())
        return Error(ErrorKind::Damaged,
                     Tr::tr("revoked %1's grant of '%2'; but credential_grants row %3, which the log vouches for, "
                            "is missing: it was deleted outside Onramp. Run vault check")
                         .arg(hire, credentialId)
                         .arg(missing.first()));
    return {};
}

Error Credentials::renew(const QString& hire, const QString& credentialId, QDateTime* expires)
{
    // The gate is decided from records verified inside the releasing transaction.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    Subject subject;
    if (Error e = loadFor(hire, &subject))
        return e;
    const CredentialTemplate* credential = nullptr;
    if (Error e = requireGrantor(subject, credentialId, &credential))
        return e;
    if (!subject.decision.allowed) {
        CredentialView locked;
        locked.credential = *credential;
        locked.reasons = subject.decision.reasons;
        return Error(ErrorKind::NotPermitted, locked.explanation());
    }
    if (subject.hire.disabled)
        return disabledHire(subject.hire);
    const QDateTime now = m_clock.now();
    QJsonObject details;
    if (Error e = grantOne(subject.enrollmentId, subject.hire, *credential, now, &details))
        return e;
    *expires = expiryFor(*credential, now);
    if (Error e = AuditLog::append(m_vault, QStringLiteral("grant.renew"), hire, details))
        return e;
    return transaction.commit();
}

Error Credentials::secretStates(QList<SecretState>* out)
{
    out->clear();
    QList<StoredChecklist> latest;
    if (Error e = ChecklistStore(m_vault).latest(&latest))
        return e;
    SecretStore store(m_vault);
    for (const StoredChecklist& stored : std::as_const(latest)) {
        for (const CredentialTemplate& credential : stored.checklist.credentials) {
            if (credential.provider != QLatin1String("static"))
                continue;
            const bool seen = std::any_of(out->cbegin(), out->cend(), [&](const SecretState& s) {
                return s.credentialId == credential.id && s.environment == credential.environment;
            });
            if (seen)
                continue;
            SecretState state{credential.id, credential.environment, {}, {}, {}};
            if (Error e = store.setAt(credential.id, credential.environment, 0, &state.setAt))
                return e;
            out->append(state);
        }
    }
    if (std::none_of(out->cbegin(), out->cend(), [](const SecretState& s) { return s.isSet(); }))
        return {};
    // Who set each: the newest entry for it whose hash and signature hold,
    // signed by an admin. The row's set_by is anyone's to rewrite; the entry is not.
    QList<AuditEntry> sets;
    if (Error e = AuditLog::entries(m_vault.db(), {{}, {}, QStringLiteral("credential.set")}, &sets))
        return e;
    SecureBytes hashKey;
    if (Error e = AuditLog::hashKey(m_vault.db(), &hashKey))
        return e;
    const QList<Person> people = m_vault.people();
    // Under the key the log gave the admin then: a reset since keeps who set it.
    SignerKeys signers(m_vault);
    for (SecretState& state : *out) {
        if (!state.isSet())
            continue;
        for (auto it = sets.crbegin(); it != sets.crend(); ++it) {
            if (it->subject != state.credentialId)
                continue;
            const auto actor =
                std::find_if(people.cbegin(), people.cend(), [&](const Person& p) { return p.id == it->actorId; });
            const bool holds = actor != people.cend() && actor->role == Role::Admin
                && signers.entryHolds(*it, actor->signPublicKey, hashKey);
            if (holds) {
                state.setBy = actor->shownName();
                state.setByAt = QDateTime::fromString(it->at, Qt::ISODateWithMs);
            }
            break; // an older entry does not say who set the secret stored now
        }
    }
    return {};
}

Error Credentials::eachRecipient(
    const QList<EnrollmentStatus>& statuses, const QString& credentialId, Environment environment,
    const std::function<Error(const Subject&, const CredentialTemplate&, qint64 grantId)>& deliver)
{
    const QDateTime now = m_clock.now();
    for (const EnrollmentStatus& status : statuses) {
        Subject subject;
        if (Error e = load(status, &subject))
            return e;
        // Nothing goes to a row an admin did not make, nor to a hire production is closed to.
        if (subject.hire.disabled)
            continue;
        for (const CredentialTemplate& credential : subject.checklist.credentials) {
            if (credential.id != credentialId || credential.provider != QLatin1String("static")
                || credential.environment != environment)
                continue;
            if (credential.environment == Environment::Sandbox) {
                if (Error e = deliver(subject, credential, 0))
                    return e;
                continue;
            }
            std::optional<GrantRow> grant;
            if (Error e = Grants(m_vault).latest(subject.enrollmentId, subject.hire, credentialId, &grant))
                return e;
            if (live(grantState(grant ? &*grant : nullptr, subject.decision, now))) {
                if (Error e = deliver(subject, credential, grant->id))
                    return e;
            }
        }
    }
    return {};
}

Error Credentials::staticEnvironment(const QString& credentialId, std::optional<Environment>* environment,
                                     QStringList* statics)
{
    QList<StoredChecklist> latest;
    if (Error e = ChecklistStore(m_vault).latest(&latest))
        return e;
    for (const StoredChecklist& stored : std::as_const(latest)) {
        for (const CredentialTemplate& credential : stored.checklist.credentials) {
            if (credential.provider != QLatin1String("static"))
                continue;
            statics->append(credential.id);
            if (credential.id != credentialId)
                continue;
            if (*environment && **environment != credential.environment)
                return Error(ErrorKind::InvalidInput,
                             Tr::tr("'%1' is a sandbox credential in one checklist and a production one in another; "
                                    "give them different ids")
                                 .arg(credentialId));
            *environment = credential.environment;
        }
    }
    return {};
}

Error Credentials::recipients(const QString& credentialId, int* count)
{
    *count = 0;
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can set a credential's secret"));
    std::optional<Environment> environment;
    QStringList statics;
    if (Error e = staticEnvironment(credentialId, &environment, &statics))
        return e;
    if (!environment)
        return {};
    QList<EnrollmentStatus> statuses;
    if (Error e = Enrollments(m_vault, m_clock).visible(&statuses))
        return e;
    return eachRecipient(statuses, credentialId, *environment,
                         [count](const Subject&, const CredentialTemplate&, qint64) {
                             ++*count;
                             return Error();
                         });
}

Error Credentials::setSecret(const QString& credentialId, const SecureBytes& secret, int* delivered)
{
    *delivered = 0;
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can set a credential's secret"));
    if (Error e = checkSecretToSet(credentialId, secret))
        return e;
    // Where the secret goes is decided from records verified inside this transaction:
    // a credential relabelled "sandbox" or a grant revived by raw SQL is found here.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    // A kept secret of this credential that does not open where it is kept
    // (its box rewritten or moved outside Onramp) fails the check: setting
    // it again is the repair. Its rows go, the new one is put in their
    // place, and the whole check runs again before anything is decided:
    // whatever else fails it still refuses the act, and nothing stays, but
    // for the other kept secrets that are repaired the same way, one after
    // another (Ledger::RepairScope).
    const Error checked = Ledger::require(m_vault, m_clock.now());
    QList<qint64> unopened;
    if (checked) {
        if (checked.kind != ErrorKind::Damaged)
            return checked;
        // A check that failed before its walk of the log held (a log or
        // schema rewritten) leaves nothing to repair: its own error says why.
        if (SecretStore(m_vault).unopened(credentialId, 0, &unopened) || unopened.isEmpty())
            return checked;
    }
    std::optional<Environment> environment;
    QStringList statics;
    if (Error e = staticEnvironment(credentialId, &environment, &statics))
        return e;
    if (!environment)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("no static credential '%1' in any checklist (static credentials: %2)")
                         .arg(credentialId, statics.isEmpty() ? Tr::tr("none") : statics.join(QStringLiteral(", "))));
    std::optional<Ledger::RepairScope> repair;
    if (checked) {
        if (Error e = SecretStore(m_vault).removeRows(unopened))
            return e;
        if (Error e = SecretStore(m_vault).put(credentialId, *environment, 0, secret, m_clock.now()))
            return e;
        repair.emplace(m_vault, credentialId);
        if (Error e = Ledger::require(m_vault, m_clock.now()))
            return e;
        qCInfo(lcCredentials) << "the kept secret of" << credentialId << "did not open; set again by"
                              << m_vault.me().name;
    }
    // Read, and checked against the log, before the new secret is kept: until
    // its entry is appended the kept secret and the log disagree.
    QList<EnrollmentStatus> statuses;
    if (Error e = Enrollments(m_vault, m_clock).visible(&statuses))
        return e;
    QByteArray seal;
    if (Error e = SecretStore(m_vault).put(credentialId, *environment, 0, secret, m_clock.now(), &seal))
        return e;
    qCDebug(lcCredentials) << "static secret of" << credentialId << "set by" << m_vault.me().name;
    if (Error e = eachRecipient(statuses, credentialId, *environment,
                                [&](const Subject& subject, const CredentialTemplate& credential, qint64 grantId) {
                                    ++*delivered;
                                    return credential.environment == Environment::Sandbox
                                        ? issueOneSandbox(subject.enrollmentId, subject.hire, credential, false)
                                        : Grants(m_vault).reseal(grantId, subject.hire, secret);
                                }))
        return e;
    // The environment and seal name the box this entry stores: an earlier
    // one put back carries another seal, and the check finds it.
    QJsonObject details{{QStringLiteral("credential"), credentialId},
                        {QStringLiteral("environment"), environmentName(*environment)},
                        {records::sealKey(), QString::fromLatin1(seal.toBase64())},
                        {QStringLiteral("delivered"), *delivered}};
    if (repair)
        repair->describe(&details);
    if (Error e = AuditLog::append(m_vault, QStringLiteral("credential.set"), credentialId, details))
        return e;
    return transaction.commit();
}

namespace {

/// What the stored checklists say of the credential ids: \a settable
/// gets those of the static credentials of the latest versions (what
/// setSecret() sets), \a used every credential id any stored version of
/// any checklist names, whatever its provider (a hire may still be
/// enrolled on an older version), each with the first checklist and
/// version naming it.
Error credentialIds(Vault& vault, QSet<QString>* settable, QHash<QString, QString>* used)
{
    QList<StoredChecklist> latest;
    if (Error e = ChecklistStore(vault).latest(&latest))
        return e;
    for (const StoredChecklist& stored : std::as_const(latest))
        for (const CredentialTemplate& credential : stored.checklist.credentials)
            if (credential.provider == QLatin1String("static"))
                settable->insert(credential.id);
    QList<StoredChecklist> all;
    if (Error e = ChecklistStore(vault).all(&all))
        return e;
    for (const StoredChecklist& stored : std::as_const(all))
        for (const CredentialTemplate& credential : stored.checklist.credentials)
            if (!used->contains(credential.id))
                used->insert(credential.id,
                             Tr::tr("checklist '%1' version %2").arg(stored.checklist.id).arg(stored.version));
    return {};
}

/// What an admin's repair may name: an id a checklist can give a credential.
bool offeredId(const QString& id)
{
    return isSlug(id) && id.size() <= kMaxOfferedId;
}

} // namespace

Error Credentials::secretsToSetAgain(QStringList* toSet, QStringList* toRemove)
{
    toSet->clear();
    if (toRemove)
        toRemove->clear();
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can set a credential's secret"));
    QSet<QString> settable;
    QHash<QString, QString> used;
    if (Error e = credentialIds(m_vault, &settable, &used))
        return e;
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT DISTINCT credential_id FROM credential_secrets WHERE "
                                                      "ifnull(hire_id, 0) = 0 AND credential_id NOT LIKE 'provider:%' "
                                                      "ORDER BY 1"),
                                       {}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        // Offered by its id in the admin's words: only an id a checklist can give.
        const QString id = row.at(0).toString();
        if (!offeredId(id))
            continue;
        QList<qint64> unopened;
        if (Error e = SecretStore(m_vault).unopened(id, 0, &unopened))
            return e;
        if (unopened.isEmpty())
            continue;
        // Set again where setSecret() sets it, removed where nothing names
        // it; another hire's kept secret rewritten to pass for a shared one
        // (a generated credential's, or one of an older version) is
        // neither: only a restore brings it back.
        if (settable.contains(id))
            toSet->append(id);
        else if (toRemove && !used.contains(id))
            toRemove->append(id);
    }
    return {};
}

Error Credentials::unsetSecret(const QString& credentialId)
{
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can remove a credential's kept secret"));
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    const Error checked = Ledger::require(m_vault, m_clock.now());
    if (checked && checked.kind != ErrorKind::Damaged)
        return checked;
    if (!offeredId(credentialId))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is not a credential id a checklist can give (a connection is set again with "
                            "provider set); nothing was changed")
                         .arg(credentialId));
    QSet<QString> settable;
    QHash<QString, QString> used;
    if (Error e = credentialIds(m_vault, &settable, &used))
        return e;
    if (settable.contains(credentialId))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("a checklist uses '%1': set its secret again instead (cred set); nothing was changed")
                         .arg(credentialId));
    if (used.contains(credentialId))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 names '%2', so its kept secret is not removed; nothing was changed; restore the "
                            "newest backup that passes the vault check")
                         .arg(used.value(credentialId), credentialId));
    // Only the rows read as shared (their hire NULL, or put back as 0): a
    // row rewritten to name another hire is that hire's, which only a
    // restore repairs. No version of any checklist names the id, so no hire
    // is handed what goes.
    QList<qint64> unopened;
    if (Error e = SecretStore(m_vault).unopened(credentialId, 0, &unopened))
        return checked ? checked : e;
    QList<QVariantList> shared;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT rowid FROM credential_secrets WHERE credential_id = ?1 "
                                                      "AND ifnull(hire_id, 0) = 0"),
                                       {credentialId}, &shared))
        return e;
    QSet<qint64> sharedRows;
    for (const QVariantList& row : std::as_const(shared))
        sharedRows.insert(row.at(0).toLongLong());
    unopened.erase(
        std::remove_if(unopened.begin(), unopened.end(), [&](qint64 rowId) { return !sharedRows.contains(rowId); }),
        unopened.end());
    if (!checked || unopened.isEmpty()) {
        if (checked)
            return checked;
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' has no kept secret that fails to open; only such a secret is removed; nothing "
                            "was changed")
                         .arg(credentialId));
    }
    // The environments of the rows it removes: the log says none is kept
    // there any more, so a row of them put back is found.
    QStringList environments;
    for (const qint64 rowId : std::as_const(unopened)) {
        Error error;
        const QString environment =
            m_vault.db()
                .scalar(QStringLiteral("SELECT environment FROM credential_secrets WHERE rowid = ?1"), {rowId}, &error)
                .toString();
        if (error)
            return error;
        if (!environments.contains(environment))
            environments.append(environment);
    }
    environments.sort();
    if (Error e = SecretStore(m_vault).removeRows(unopened))
        return e;
    Ledger::RepairScope repair(m_vault, QString());
    if (Error e = Ledger::require(m_vault, m_clock.now()))
        return e;
    qCInfo(lcCredentials) << "the kept secret of" << credentialId << "did not open and no checklist uses it; removed by"
                          << m_vault.me().name;
    QJsonObject details{{QStringLiteral("credential"), credentialId},
                        {QStringLiteral("environments"), QJsonArray::fromStringList(environments)}};
    repair.describe(&details);
    if (Error e = AuditLog::append(m_vault, QStringLiteral("credential.unset"), credentialId, details))
        return e;
    return transaction.commit();
}

} // namespace onramp
