#include "audit/AuditVerifier.h"
#include "people/FirstPassphrase.h"

#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "TrustStore.h"
#include "audit/ActionRoles.h"
#include "audit/AuditLog.h"
#include "audit/SignatureChecks.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace onramp {

namespace {

/// The public keys and roles each person had, by the sequence number from
/// which each key holds, as the log's own signed entries introduced them.
class KeyHistory
{
public:
    void introduce(qint64 personId, qint64 fromSequence, const QByteArray& publicKey)
    {
        m_keys[personId][fromSequence] = publicKey;
    }
    bool knows(qint64 personId) const { return m_keys.count(personId) > 0; }
    /// The key \a personId signed with at \a sequence; empty when none.
    QByteArray keyAt(qint64 personId, qint64 sequence) const
    {
        const auto person = m_keys.find(personId);
        if (person == m_keys.end())
            return {};
        auto it = person->second.upper_bound(sequence);
        if (it == person->second.begin())
            return {};
        return std::prev(it)->second;
    }
    /// From \a fromSequence on, \a personId signs nothing until a new key is introduced.
    void revoke(qint64 personId, qint64 fromSequence, qint64 disablingEntry)
    {
        m_keys[personId][fromSequence] = QByteArray();
        m_disabledBy[personId] = disablingEntry;
    }
    /// The entry that disabled \a personId last; 0 when none did.
    qint64 disabledBy(qint64 personId) const
    {
        const auto it = m_disabledBy.find(personId);
        return it == m_disabledBy.end() ? 0 : it->second;
    }
    void setRole(qint64 personId, const QString& role) { m_roles.insert(personId, role); }
    void setName(qint64 personId, const QString& name) { m_names.insert(personId, name); }
    /// The name the log gave \a personId; empty when it gave none.
    QString nameOf(qint64 personId) const { return m_names.value(personId); }
    /// Every key the log gave the person it named \a name.
    QList<QByteArray> keysOfName(const QString& name) const
    {
        QList<QByteArray> keys;
        for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
            if (it.value() != name)
                continue;
            const auto person = m_keys.find(it.key());
            if (person != m_keys.end())
                for (const auto& [from, key] : person->second)
                    if (!key.isEmpty())
                        keys.append(key);
        }
        return keys;
    }
    /// The role the log gave \a personId; empty when it gave none.
    QString roleOf(qint64 personId) const { return m_roles.value(personId); }
    /// Whether \a personId's key came with a passphrase an admin handed
    /// over (their person.add or passphrase.reset said so), and they have
    /// not changed it since: only then may their own change give a key.
    void setHandedOver(qint64 personId, bool handed) { m_handed.insert(personId, handed); }
    bool handedOver(qint64 personId) const { return m_handed.value(personId, false); }
    /// Whether the log ever gave \a key to someone else.
    bool givenToAnother(const QByteArray& key, qint64 personId) const
    {
        for (const auto& [person, keys] : m_keys)
            for (const auto& [from, given] : keys)
                if (person != personId && !key.isEmpty() && given == key)
                    return true;
        return false;
    }

private:
    std::map<qint64, std::map<qint64, QByteArray>> m_keys;
    std::map<qint64, qint64> m_disabledBy;
    QHash<qint64, QString> m_roles;
    QHash<qint64, QString> m_names;
    QHash<qint64, bool> m_handed;
};

/// A person's key and role in the people table: trusted only for a log that
/// began before the audit log existed (it has no `vault.create` to start from).
struct TableRow {
    QByteArray publicKey;
    QString role;
};

/// A problem the walk found: the entry and what is wrong with it.
struct Finding {
    qint64 sequence = 0;
    AuditProblem problem = AuditProblem::None;
    QString what;
};

/// A page of entries the walk passed, with what it left to do on each: the
/// signature check (on the pool) and the visitor; and the walk's finding,
/// if it stopped in this page.
class VerifiedPage
{
public:
    struct Item {
        AuditEntry entry;
        QJsonObject details;
        QString role; ///< the actor's role by the log, for the visitor
        QByteArray key; ///< the key the signature verifies under (the visitor is told it)
        qsizetype check = -1; ///< its index in checks; -1 for a trusted entry
    };

    explicit VerifiedPage(QThreadPool* pool)
        : checks(pool)
    {}
    /// Notes \a entry and, unless it is \a trusted, its signature check under \a key.
    void add(const AuditEntry& entry, const QJsonObject& details, const QByteArray& key, bool trusted)
    {
        Item item{entry, details, {}, key, -1};
        if (!trusted)
            item.check = checks.add(AuditLog::signedMessage(entry.hash), entry.signature, key);
        m_items.push_back(std::move(item));
    }
    void setActorRole(const QString& role) { m_items.back().role = role; }
    qsizetype size() const { return qsizetype(m_items.size()); }
    const Item& item(qsizetype i) const { return m_items[std::size_t(i)]; }

    std::optional<Finding> finding; ///< where the walk stopped, if it did in this page
    SignatureChecks checks; ///< the page's signature checks; waits for the pool when destroyed

private:
    std::vector<Item> m_items;
};

QString entryMessage(qint64 sequence, AuditProblem problem, const QString& what)
{
    return Tr::tr("audit log entry %1: %2: %3").arg(sequence).arg(auditProblemName(problem), what);
}

} // namespace

QString auditProblemName(AuditProblem problem)
{
    switch (problem) {
    case AuditProblem::None:
        return Tr::tr("ok");
    case AuditProblem::HashMismatch:
        return Tr::tr("hash mismatch");
    case AuditProblem::BadSignature:
        return Tr::tr("bad signature");
    case AuditProblem::Gap:
        return Tr::tr("gap");
    case AuditProblem::Order:
        return Tr::tr("order");
    case AuditProblem::BrokenLink:
        return Tr::tr("broken link");
    case AuditProblem::HeadMismatch:
        return Tr::tr("head mismatch");
    case AuditProblem::UnknownKey:
        return Tr::tr("unknown key");
    case AuditProblem::Authority:
        return Tr::tr("no authority");
    }
    return {};
}

Error checkTableIntegrity(Database& db, const QString& table,
                          const std::function<QString(const QString& answer)>& describe)
{
    QList<QVariantList> integrity;
    if (Error e = db.execute(QStringLiteral("PRAGMA integrity_check(\"%1\")")
                                 .arg(QString(table).replace(QLatin1Char('"'), QStringLiteral("\"\""))),
                             {}, &integrity))
        return e;
    if (integrity.size() != 1 || integrity.first().value(0).toString() != QLatin1String("ok"))
        return Error(ErrorKind::Damaged, describe(integrity.value(0).value(0).toString()));
    return {};
}

QString AuditVerification::problemAt(qint64 sequence) const
{
    if (ok() || sequence < this->sequence)
        return {};
    if (sequence == this->sequence)
        return auditProblemName(problem);
    return Tr::tr("it follows entry %1").arg(this->sequence);
}

Error AuditVerification::toError() const
{
    if (ok())
        return {};
    return Error(ErrorKind::Damaged, message);
}

namespace {

/// What every verify of an unlocked vault does first: the log's integrity
/// check, and its current key file into \a keys.
Error prepare(Vault& vault, KeyFile* keys)
{
    // The walk reads the log by its key; the audit page and `audit log`
    // filter through its indexes, so a verified log is one whose indexes
    // hold exactly its entries (an index a hire rewrote would file an
    // approval under another action, or hide an entry from a filter).
    if (Error e = checkTableIntegrity(vault.db(), QStringLiteral("audit_log"), [&vault](const QString& answer) {
            return Tr::tr("vault database %1 fails SQLite's integrity check of the audit log (%2): an index no "
                          "longer matches the entries it lists")
                .arg(vault.db().path(), answer);
        }))
        return e;
    return KeyFile::load(keyFilePath(vault.directory()), keys);
}

} // namespace

Error AuditVerifier::verify(Vault& vault, AuditVerification* out, const AuditParallelism& parallelism,
                            AuditVisitor* visitor)
{
    KeyFile keys;
    if (Error e = prepare(vault, &keys))
        return e;
    return verify(vault.db(), keys, out, visitor, 0, {}, parallelism);
}

Error AuditVerifier::verifySinceDesktopCheck(Vault& vault, AuditVerification* out)
{
    KeyFile keys;
    if (Error e = prepare(vault, &keys))
        return e;
    // The prefix this desktop verified, kept where a hire cannot write; only
    // while its last entry is still there with the hash it had (a log cut
    // below it must not have every signature skipped).
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vault.vaultId(), &pin))
        return e;
    qint64 trustedSequence = 0;
    QByteArray trustedHash;
    if (pin && pin->verifiedSequence > 0
        && vault.db()
                .scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->verifiedSequence})
                .toByteArray()
            == pin->verifiedHash) {
        trustedSequence = pin->verifiedSequence;
        trustedHash = pin->verifiedHash;
    }
    if (Error e = verify(vault.db(), keys, out, nullptr, trustedSequence, trustedHash))
        return e;
    // Entries before the verified one rewritten and chained again with the
    // hash key show only at that entry: which of them is the first bad one
    // takes their signatures.
    if (trustedSequence > 0 && !out->ok() && out->sequence <= trustedSequence)
        return verify(vault.db(), keys, out);
    return {};
}

Error AuditVerifier::verify(Database& db, const KeyFile& keys, AuditVerification* out, AuditVisitor* visitor,
                            qint64 trustedSequence, const QByteArray& trustedHash, const AuditParallelism& parallelism)
{
    // Only a prefix whose last entry is still the one verified before is
    // skipped; whether it is shows at that entry, after its hash is recomputed.
    const qint64 skipUpTo = trustedSequence;
    *out = {};
    SecureBytes hashKey;
    if (Error e = AuditLog::hashKey(db, &hashKey))
        return e;

    // Anyone holding the master key can write the people table, so it is read
    // for two things only: the keys of a log that began before the audit log
    // (no vault.create entry to start from), and a clearer message when an
    // entry is signed by a key that was put into the table behind the log.
    QHash<qint64, TableRow> table;
    QList<QVariantList> people;
    if (Error e = db.execute(QStringLiteral("SELECT id, sign_public_key, role FROM people"), {}, &people))
        return e;
    for (const QVariantList& p : people)
        table.insert(p.at(0).toLongLong(), TableRow{p.at(1).toByteArray(), p.at(2).toString()});

    KeyHistory history;
    bool rooted = false; // the log starts with vault.create: only its own entries introduce keys
    qint64 expected = 1;
    QByteArray previousHash(AuditLog::kHashBytes, '\0');
    QString previousAt;
    qint64 previousGroup = 0; // the first entry of the commit the previous entry belongs to
    auto fail = [out](qint64 sequence, AuditProblem problem, const QString& what) {
        out->problem = problem;
        out->sequence = sequence;
        out->message = entryMessage(sequence, problem, what);
        return Error();
    };
    auto report = [&fail](const Finding& finding) { return fail(finding.sequence, finding.problem, finding.what); };

    // The walk starts at entry 1, but the table takes any number, and the
    // log's listing shows every row: one numbered 0 or less would be shown
    // without ever being verified.
    Error error;
    const QVariant lowest = db.scalar(QStringLiteral("SELECT MIN(seq) FROM audit_log"), {}, &error);
    if (error)
        return error;
    if (!lowest.isNull() && lowest.toLongLong() < 1)
        return fail(lowest.toLongLong(), AuditProblem::Order,
                    Tr::tr("it is numbered before entry 1, where the log starts (added or moved outside Onramp)"));

    // Serially, each entry's signature is checked where the walk reaches it.
    // In parallel, the walk only notes the check (the key it needs is known
    // there) and goes on to the end of the page; a pool checks the page's
    // signatures while the walk reads the next one. Then the page is settled
    // in log order, so that the first bad entry is the one the serial walk
    // names: a bad signature before the walk's own finding wins, and the
    // visitor sees only entries whose signature held.
    const int threads = parallelism.threads > 0 ? parallelism.threads : QThread::idealThreadCount();
    const int pageEntries = std::max(1, parallelism.pageEntries);
    std::unique_ptr<QThreadPool> pool;
    if (threads > 1) {
        pool = std::make_unique<QThreadPool>();
        pool->setMaxThreadCount(threads);
    }

    // Why entry's signature does not hold under \a key, for people.
    auto badSignature = [&](const AuditEntry& entry, const QByteArray& key) -> Finding {
        const QByteArray tableKey = table.value(entry.actorId).publicKey;
        if (rooted && !tableKey.isEmpty() && tableKey != key
            && crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, tableKey))
            return {entry.sequence, AuditProblem::UnknownKey,
                    Tr::tr("it is signed as %1 (person %2) with the key the people table now holds "
                           "for them, which no entry of the log introduced: the table was changed "
                           "outside Onramp")
                        .arg(entry.actorName)
                        .arg(entry.actorId)};
        return {entry.sequence, AuditProblem::BadSignature,
                Tr::tr("it is not signed by %1's key").arg(entry.actorName)};
    };

    // One entry's checks but the deferred ones, in the serial order. With a
    // \a page, the signature check and the visitor are left to it.
    auto walk = [&](const AuditEntry& entry, VerifiedPage* page) -> std::optional<Finding> {
        if (entry.sequence != expected)
            return Finding{
                expected, AuditProblem::Gap,
                entry.sequence == expected + 1
                    ? Tr::tr("it is missing (the log goes from %1 to %2)").arg(expected - 1).arg(entry.sequence)
                    : Tr::tr("it and the entries up to %1 are missing").arg(entry.sequence - 1)};
        const bool linked = entry.previousHash == previousHash;
        if (!linked) {
            // Whose hash does it name? A later entry's: they were swapped or moved.
            const qint64 named =
                db.scalar(QStringLiteral("SELECT seq FROM audit_log WHERE hash = ? LIMIT 1"), {entry.previousHash})
                    .toLongLong();
            if (named > entry.sequence)
                return Finding{entry.sequence, AuditProblem::Order,
                               Tr::tr("it was written after entry %1, which now comes later (entries swapped or "
                                      "moved)")
                                   .arg(named)};
        }
        if (AuditLog::computeHash(entry, hashKey) != entry.hash)
            return Finding{entry.sequence, AuditProblem::HashMismatch,
                           Tr::tr("its fields do not give its hash (edited after it was written)")};
        // The same bytes stored as another type give the same hash, but every
        // lookup in SQL (the newest entry of an action, say) passes it by.
        if (!entry.storedAsWritten)
            return Finding{entry.sequence, AuditProblem::HashMismatch,
                           Tr::tr("a field of it is stored as another type than Onramp writes (rewritten outside "
                                  "Onramp)")};

        // Its details in the one form Onramp writes them (a compact JSON
        // object, keys sorted, each once): SQL's json_extract and this walk
        // read every other form alike only by chance, a key given twice
        // least of all (SQLite takes the first, Qt the last).
        const QByteArray detailsText = entry.details.toUtf8();
        const QJsonDocument detailsDocument = QJsonDocument::fromJson(detailsText);
        if (!detailsDocument.isObject() || detailsDocument.toJson(QJsonDocument::Compact) != detailsText)
            return Finding{entry.sequence, AuditProblem::HashMismatch,
                           Tr::tr("its details are not written as Onramp writes them (a key given twice, or another "
                                  "spelling): written outside Onramp")};
        QJsonObject details = detailsDocument.object();
        // An entry that shares its commit with the ones before names the
        // commit's first entry, which is the one the entry before it names.
        if (details.contains(QStringLiteral("commit_of"))) {
            const qint64 group = details.value(QStringLiteral("commit_of")).toInteger();
            if (group != previousGroup || group >= entry.sequence)
                return Finding{entry.sequence, AuditProblem::Order,
                               Tr::tr("it says it was committed with entry %1, which is not the commit of the "
                                      "entry before it")
                                   .arg(group)};
        }
        previousGroup = details.contains(QStringLiteral("commit_of"))
            ? details.value(QStringLiteral("commit_of")).toInteger()
            : entry.sequence;
        const qint64 subjectId = details.value(QStringLiteral("person_id")).toInteger();
        const QByteArray subjectKey =
            QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1());
        // Only the very first entry may introduce its own signer: the root of trust.
        if (entry.sequence == 1 && entry.action == QLatin1String("vault.create")) {
            rooted = true;
            history.introduce(entry.actorId, entry.sequence, subjectKey);
            history.setRole(entry.actorId, details.value(QStringLiteral("role")).toString());
            history.setName(entry.actorId, entry.subject);
        }
        // The name an entry shows is the one the log gave its signer: an
        // entry cannot pass itself off as someone else's in the log's listing.
        if (rooted && !history.nameOf(entry.actorId).isEmpty() && history.nameOf(entry.actorId) != entry.actorName)
            return Finding{entry.sequence, AuditProblem::UnknownKey,
                           Tr::tr("it names its actor %1, but person %2 is %3 by the log")
                               .arg(entry.actorName)
                               .arg(entry.actorId)
                               .arg(history.nameOf(entry.actorId))};
        QByteArray key = history.keyAt(entry.actorId, entry.sequence);
        if (key.isEmpty() && !rooted && !history.knows(entry.actorId))
            key = table.value(entry.actorId).publicKey;
        if (key.isEmpty() && history.knows(entry.actorId) && history.disabledBy(entry.actorId) > 0)
            return Finding{entry.sequence, AuditProblem::UnknownKey,
                           Tr::tr("it is signed as %1 (person %2), whom entry %3 disabled; a disabled person's "
                                  "key signs nothing until an admin resets their passphrase")
                               .arg(entry.actorName)
                               .arg(entry.actorId)
                               .arg(history.disabledBy(entry.actorId))};
        if (key.isEmpty())
            return Finding{entry.sequence, rooted ? AuditProblem::UnknownKey : AuditProblem::BadSignature,
                           rooted ? Tr::tr("it is signed as %1 (person %2), but no earlier entry of the log "
                                           "introduced a key for them: they were added outside Onramp")
                                        .arg(entry.actorName)
                                        .arg(entry.actorId)
                                  : Tr::tr("no key of %1 is known at this point of the log").arg(entry.actorName)};
        const bool trusted = entry.sequence <= skipUpTo;
        if (entry.sequence == skipUpTo && entry.hash != trustedHash)
            return Finding{entry.sequence, AuditProblem::HashMismatch,
                           Tr::tr("it is not the entry this desktop verified before (the log was rewritten)")};
        if (page)
            page->add(entry, details, key, trusted);
        else if (!trusted && !crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, key))
            return badSignature(entry, key);
        if (!linked)
            return Finding{entry.sequence, AuditProblem::BrokenLink,
                           Tr::tr("its previous hash is not the hash of entry %1").arg(entry.sequence - 1)};
        if (entry.at < previousAt)
            return Finding{entry.sequence, AuditProblem::Order,
                           Tr::tr("its time %1 is before the time of entry %2 (%3)")
                               .arg(entry.at)
                               .arg(entry.sequence - 1)
                               .arg(previousAt)};

        // An admin by the log; the people table counts only for a log without a root.
        const auto actorIsAdmin = [&] {
            QString role = history.roleOf(entry.actorId);
            if (role.isEmpty() && !rooted)
                role = table.value(entry.actorId).role;
            return role == roleName(Role::Admin);
        };
        // Keys given by this entry hold from the next one on. Adding a
        // person and resetting a passphrase are an admin's acts: a key in
        // anyone else's entry is not an introduction but a forgery.
        const bool adds = entry.action == QLatin1String("person.add");
        if ((adds || entry.action == QLatin1String("passphrase.reset")) && !subjectKey.isEmpty()) {
            if (!actorIsAdmin())
                return Finding{entry.sequence, AuditProblem::UnknownKey,
                               Tr::tr("it gives %1 a key, but %2 is not an admin by the log, and only an "
                                      "admin's entry can introduce a key")
                                   .arg(entry.subject, entry.actorName)};
            const QByteArray previousKey =
                QByteArray::fromBase64(details.value(QStringLiteral("previous_public_key")).toString().toLatin1());
            if (!rooted && !history.knows(subjectId) && !previousKey.isEmpty())
                history.introduce(subjectId, 0, previousKey);
            history.introduce(subjectId, entry.sequence + 1, subjectKey);
            // Said either way since entries say it; an older entry that
            // says nothing may have handed one over.
            history.setHandedOver(subjectId,
                                  firstpassphrase::handedIn(details).value_or(firstpassphrase::Handed::Given)
                                      != firstpassphrase::Handed::No);
            if (adds) {
                history.setRole(subjectId, details.value(QStringLiteral("role")).toString());
                history.setName(subjectId, entry.subject);
            } else if (history.roleOf(subjectId).isEmpty() && !rooted)
                history.setRole(subjectId, table.value(subjectId).role);
        }
        // A passphrase is changed by its own holder: an entry naming anyone
        // else would have its signer speak for them.
        if (entry.action == QLatin1String("passphrase.change") && subjectKey.isEmpty()
            && (entry.subject != entry.actorName
                || (details.contains(QStringLiteral("person_id")) && subjectId != entry.actorId)))
            return Finding{entry.sequence, AuditProblem::Authority,
                           Tr::tr("it changes %1's passphrase (person %2), but %3 (person %4) signed it: only its "
                                  "holder changes a passphrase")
                               .arg(entry.subject)
                               .arg(details.contains(QStringLiteral("person_id")) ? subjectId : entry.actorId)
                               .arg(entry.actorName)
                               .arg(entry.actorId)};
        // Choosing one's own passphrase after one handed over gives a new
        // key, introduced by its holder alone, signed with the key it ends.
        if (entry.action == QLatin1String("passphrase.change") && !subjectKey.isEmpty()) {
            if (subjectId != entry.actorId || entry.subject != entry.actorName)
                return Finding{entry.sequence, AuditProblem::UnknownKey,
                               Tr::tr("it gives %1 (person %2) a key, but %3 (person %4) signed it: only its "
                                      "holder changes a passphrase")
                                   .arg(entry.subject)
                                   .arg(subjectId)
                                   .arg(entry.actorName)
                                   .arg(entry.actorId)};
            // Only the first choice after a passphrase an admin handed over,
            // in place of the key it signs with, and a key nobody else holds.
            const QByteArray previousKey =
                QByteArray::fromBase64(details.value(QStringLiteral("previous_public_key")).toString().toLatin1());
            QString refused;
            if (rooted && !history.handedOver(subjectId))
                refused = Tr::tr("%1 gives themselves a new key, but no passphrase was handed over to them since "
                                 "they last chose their own: only that first choice gives a key")
                              .arg(entry.actorName);
            else if (previousKey != key)
                refused =
                    Tr::tr("%1 gives themselves a new key in place of one they do not sign with").arg(entry.actorName);
            else if (subjectKey.size() != 32 || subjectKey == key || history.givenToAnother(subjectKey, subjectId))
                refused = Tr::tr("%1 gives themselves a key that is no new key of their own").arg(entry.actorName);
            if (!refused.isEmpty())
                return Finding{entry.sequence, AuditProblem::UnknownKey, refused};
            if (!history.knows(subjectId))
                history.introduce(subjectId, 0, key);
            history.introduce(subjectId, entry.sequence + 1, subjectKey);
        }
        // Any change of one's own passphrase ends a handed-over one.
        if (entry.action == QLatin1String("passphrase.change"))
            history.setHandedOver(entry.actorId, false);
        // Disabling ends a key: entries after it signed with that key are forgeries.
        if (entry.action == QLatin1String("person.disable") && subjectId > 0) {
            if (!actorIsAdmin())
                return Finding{entry.sequence, AuditProblem::UnknownKey,
                               Tr::tr("it disables %1, but %2 is not an admin by the log, and only an admin's "
                                      "entry can disable a person")
                                   .arg(entry.subject, entry.actorName)};
            if (!rooted && !history.knows(subjectId) && !table.value(subjectId).publicKey.isEmpty())
                history.introduce(subjectId, 0, table.value(subjectId).publicKey);
            // A person the log never gave a key keeps being named as added outside Onramp.
            if (history.knows(subjectId))
                history.revoke(subjectId, entry.sequence + 1, entry.sequence);
        }
        // Every act is held to the role the log gave its actor, whatever
        // it names: a hire's own key signs no sign-off, revocation or
        // admin's act, with or without an enrollment in its details.
        QString role = history.roleOf(entry.actorId);
        if (role.isEmpty() && !rooted)
            role = table.value(entry.actorId).role;
        if (const QString refused = actionroles::refusal(role, entry.action, entry.actorName); !refused.isEmpty())
            return Finding{entry.sequence, AuditProblem::Authority, refused};
        if (visitor) {
            if (page)
                page->setActorRole(role);
            else if (const QString problem = visitor->visit(entry, details, role, key); !problem.isEmpty())
                return Finding{entry.sequence, AuditProblem::Authority, problem};
        }
        previousHash = entry.hash;
        previousAt = entry.at;
        ++expected;
        return std::nullopt;
    };

    // A walked page, in log order: each entry's signature, then (but for the
    // walk's finding, when it is on that entry) its visitor.
    auto settle = [&](VerifiedPage& page) -> std::optional<Finding> {
        page.checks.wait();
        for (qsizetype i = 0; i < page.size(); ++i) {
            const VerifiedPage::Item& item = page.item(i);
            if (item.check >= 0 && !page.checks.holds(item.check))
                return badSignature(item.entry, item.key);
            if (page.finding && page.finding->sequence == item.entry.sequence)
                return page.finding;
            if (visitor)
                if (const QString problem = visitor->visit(item.entry, item.details, item.role, item.key);
                    !problem.isEmpty())
                    return Finding{item.entry.sequence, AuditProblem::Authority, problem};
            out->entries = item.entry.sequence;
            out->headSequence = item.entry.sequence;
        }
        return page.finding;
    };

    QList<AuditEntry> entries;
    std::unique_ptr<VerifiedPage> previous; // walked, its signatures being checked
    for (;;) {
        entries.clear();
        if (Error e = AuditLog::page(db, expected - 1, pageEntries, &entries))
            return e;
        if (entries.isEmpty())
            break;
        if (!pool) {
            for (const AuditEntry& entry : std::as_const(entries)) {
                if (const std::optional<Finding> finding = walk(entry, nullptr))
                    return report(*finding);
                out->entries = entry.sequence;
                out->headSequence = entry.sequence;
            }
            continue;
        }
        auto page = std::make_unique<VerifiedPage>(pool.get());
        for (const AuditEntry& entry : std::as_const(entries)) {
            page->finding = walk(entry, page.get());
            if (page->finding)
                break;
        }
        page->checks.start();
        if (previous)
            if (const std::optional<Finding> finding = settle(*previous))
                return report(*finding);
        const bool stopped = page->finding.has_value();
        previous = std::move(page);
        if (stopped)
            break;
    }
    if (previous)
        if (const std::optional<Finding> finding = settle(*previous))
            return report(*finding);

    // The head: the key file mirrors (sequence, hash) after each commit.
    qint64 fileSequence = 0;
    QByteArray fileHash;
    AuditLog::headOf(keys, &fileSequence, &fileHash);
    const qint64 last = out->headSequence;
    if (fileSequence > last)
        return fail(last + 1, AuditProblem::HeadMismatch,
                    Tr::tr("the key file records %1 entries but the log ends at %2 (entries cut off the end)")
                        .arg(fileSequence)
                        .arg(last));
    if (fileSequence > 0) {
        const QByteArray atMirror =
            db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?"), {fileSequence}).toByteArray();
        if (atMirror != fileHash)
            return fail(fileSequence, AuditProblem::HeadMismatch,
                        Tr::tr("it is not the entry the key file records as entry %1").arg(fileSequence));
    }
    // The head is recorded after each commit: it may trail by the entries
    // of one commit (a stop between the two), each naming the commit's first.
    // (The walk above holds each entry to the commit of the one before, so
    // the run is one commit when the last entry's commit starts right after.)
    if (last > fileSequence + 1 && previousGroup != fileSequence + 1)
        return fail(fileSequence + 2, AuditProblem::HeadMismatch,
                    Tr::tr("the log goes on past the head the key file records (%1)").arg(fileSequence));
    // The head is signed by the person of the log who recorded it.
    if (rooted && fileSequence > 0) {
        const QJsonObject head = keys.extra.value(AuditLog::headField()).toObject();
        const QString signer = head.value(QStringLiteral("signer")).toString();
        const QByteArray signature =
            QByteArray::fromBase64(head.value(QStringLiteral("signature")).toString().toLatin1());
        bool signedWell = false;
        for (const QByteArray& key : history.keysOfName(signer))
            signedWell = signedWell
                || crypto::verify(AuditLog::headMessage(keys.vaultId, fileSequence, fileHash), signature, key);
        if (!signedWell)
            return fail(
                fileSequence, AuditProblem::HeadMismatch,
                Tr::tr("the key file's record of it is not signed by a person of the log (signer '%1')").arg(signer));
    }
    if (last > fileSequence)
        out->notes.append(Tr::tr("entry %1 is not yet recorded in the key file (a process stopped between its "
                                 "commit and the key-file write); the next change records it")
                              .arg(last));
    return {};
}

} // namespace onramp
