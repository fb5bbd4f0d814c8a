#include "people/People.h"

#include "Crypto.h"
#include "Database.h"
#include "ProductionKey.h"
#include "TestHooks.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "credentials/Credentials.h"
#include "people/FirstPassphrase.h"
#include "vault/KeyFileChange.h"
#include "vault/Vault.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <thread>

#include <sodium.h>

namespace onramp {

namespace {

QString base64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

/// KeyFileChange::beginPrivileged() reading the slots of \a name (or
/// \a reads every one), then the person named \a name as the writing
/// transaction reads them, or InvalidInput saying there is none.
Error beginOnPerson(KeyFileChange* change, const Vault& vault, const QString& name, std::optional<Person>* out,
                    KeyFileChange::Reads reads = KeyFileChange::Reads::Named)
{
    if (Error e = change->beginPrivileged({name}, reads))
        return e;
    if (Error e = vault.findPerson(name, out))
        return e;
    if (!*out)
        return Error(ErrorKind::InvalidInput, Tr::tr("there is no person named '%1' in this vault").arg(name));
    return {};
}

/// The sealed keys of \a from, and their check values, into \a to: all of
/// them empty when \a from is an empty slot.
void copySealedKeys(const KeySlot& from, KeySlot* to)
{
    to->sealedMasterKey = from.sealedMasterKey;
    to->sealedPendingMasterKey = from.sealedPendingMasterKey;
    to->sealedProductionKey = from.sealedProductionKey;
    to->sealedPendingProductionKey = from.sealedPendingProductionKey;
    to->productionKeyCheck = from.productionKeyCheck;
    to->pendingProductionKeyCheck = from.pendingProductionKeyCheck;
}

/// Seals \a next, as the pending production key, into the slot of every
/// enabled admin and mentor of the checked people table that holds the
/// production key (but \a except's), signed by me: never into a slot
/// because it holds one (a hire signs their own slot and could seal one
/// into it).
Error sealPendingToHolders(Database& db, KeyFileChange& change, const SecureBytes& next, const QString& except)
{
    QSet<QString> holders;
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT name FROM people WHERE role IN (?, ?) AND disabled = 0"),
                             {roleName(Role::Admin), roleName(Role::Mentor)}, &rows))
        return e;
    for (const QVariantList& row : rows)
        holders.insert(row.value(0).toString());
    for (KeySlot& other : change.keys().slots) {
        if (other.name == except || other.disabled || !other.damage.isEmpty() || other.sealedProductionKey.isEmpty()
            || !holders.contains(other.name))
            continue;
        other.sealedPendingProductionKey = crypto::sealTo(next.view(), other.signPublicKey);
        other.pendingProductionKeyCheck = Ledger::productionKeyCheck(next);
        change.sign(&other);
    }
    return {};
}

/// After a production-key rotation's commit, or its failure: the key file
/// put back to \a original when it did not commit, \a superseded's kept
/// slot dropped (when given), every pending production key promoted or
/// dropped the way the commit went, and the file written.
Error settleRotation(KeyFileChange& change, const KeyFile& original, bool committed, const QString& superseded)
{
    KeyFile& keys = change.keys();
    if (!committed)
        keys = original;
    if (!superseded.isEmpty())
        keys.dropSuperseded(superseded);
    for (KeySlot& slot : keys.slots)
        if (!slot.sealedPendingProductionKey.isEmpty())
            slot.settlePending(committed);
    return change.save();
}

/// The rest of a production-key rotation, once \a change's key file holds
/// \a next as every holder's pending key and is saved: \a writes the rows
/// and the signed entry, commit, and \a tookEffect says whether a commit
/// that failed took effect all the same (only the sync of its folder
/// failed). One that did not puts the key file back to \a original, and is
/// the error. One that did moves \a next into this session's production key and
/// promotes the pending keys (or leaves that to the next key-file change);
/// \a afterCommit runs in between, and a sync that failed is \a syncError.
/// \a superseded names the disabled person whose kept slot goes, if any.
Error commitRotation(KeyFileChange& change, const KeyFile& original, SecureBytes& next, const QString& superseded,
                     const std::function<Error()>& writes, const std::function<bool()>& tookEffect,
                     const char* beforePromote, const std::function<void()>& afterCommit, Error* syncError)
{
    const auto settle = [&](bool committed) { return settleRotation(change, original, committed, superseded); };
    Error e = writes();
    bool committed = false;
    if (!e) {
        e = change.commit();
        committed = !e || tookEffect();
    }
    if (e && !committed) {
        settle(false);
        return e;
    }
    *syncError = e;
    change.replaceProductionKey(std::move(next));
    if (afterCommit)
        afterCommit();
    crashPoint(beforePromote);
    if (Error settled = settle(true)) // the next key-file change (or unlock) promotes it instead
        qCWarning(lcVault) << "the production key was rotated; the key file will be finalized later:"
                           << settled.message;
    return {};
}

/// Every person's sign-in and display name, read from the table itself
/// inside the caller's transaction: whom a new name must not read as.
Error shownNames(Database& db, QList<Person>* out)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT name, display_name FROM people NOT INDEXED"), {}, &rows))
        return e;
    out->reserve(rows.size());
    for (const QVariantList& row : std::as_const(rows)) {
        Person person;
        person.name = row.at(0).toString();
        person.displayName = row.at(1).toString();
        out->append(person);
    }
    return {};
}

} // namespace

People::People(Vault& vault)
    : m_vault(vault)
{}

Error People::add(const QString& name, const QString& displayName, Role role, QByteArrayView passphrase,
                  firstpassphrase::Handed handed)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("add people")))
        return e;
    if (Error e = checkPersonName(name))
        return e;
    if (Error e = checkDisplayName(displayName))
        return e;
    if (Error e = Vault::checkNewPassphrase(passphrase))
        return e;
    // Checked and read inside the writing transaction: nothing changes between.
    KeyFileChange change(m_vault);
    if (Error e = change.beginPrivileged({name}))
        return e;
    KeyFile& keys = change.keys();
    std::optional<Person> existing;
    if (Error e = Vault::findPerson(m_vault.db(), name, &existing))
        return e;
    if (existing || keys.slot(name))
        return Error(ErrorKind::InvalidInput, Tr::tr("a person named '%1' already exists").arg(name));
    QList<Person> others;
    if (Error e = shownNames(m_vault.db(), &others))
        return e;
    if (Error e = checkNotShownAsAnother(name, displayName.isEmpty() ? name : displayName, others))
        return e;

    crypto::SignKeyPair pair = crypto::generateSignKeyPair();
    Person row{0, name, displayName, role, false, pair.publicKey};
    if (Error e = insertPerson(m_vault.db(), &row))
        return e;
    // Signed with the entry, either way: the choice at first sign-in rests on it.
    if (Error e = change.audit(QStringLiteral("person.add"), name,
                               {{QStringLiteral("person_id"), row.id},
                                {QStringLiteral("display_name"), row.displayName},
                                {QStringLiteral("role"), roleName(role)},
                                {QStringLiteral("public_key"), base64(pair.publicKey)},
                                {firstpassphrase::detailsKey(), firstpassphrase::detailsValue(handed)}}))
        return e;
    KeySlot slot;
    if (Error e = change.sealedSlot(name, role, pair, passphrase, &slot))
        return e;
    const KeyFile original = keys;
    keys.setSlot(slot);
    // Key file first: a crash between the two leaves a slot without a person,
    // which opens nothing, passes the check and is dropped by the next change.
    if (Error e = change.save())
        return e;
    if (Error e = change.commit()) {
        // A commit can fail after it took effect (the journal gone, its
        // folder not synced): the file follows the database, not the error.
        if (!change.tookEffect(name, [](const Person&) { return true; }))
            original.save(change.path());
        return e;
    }
    return change.mirrorHead();
}

Error People::addMany(const std::vector<NewPerson>& people, const QString& importedFrom)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("add people")))
        return e;
    QSet<QString> names;
    for (const NewPerson& p : people) {
        if (Error e = checkPersonName(p.name))
            return e;
        if (Error e = checkDisplayName(p.displayName))
            return e;
        if (Error e = Vault::checkNewPassphrase(p.passphrase.view()))
            return e;
        if (names.contains(p.name))
            return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is named twice").arg(p.name));
        names.insert(p.name);
    }
    if (people.empty())
        return {};
    KeyFileChange change(m_vault);
    if (Error e = change.beginPrivileged(QStringList(names.cbegin(), names.cend())))
        return e;
    KeyFile& keys = change.keys();
    // One read of the table itself for the whole roster (NOT INDEXED: the
    // name index is not checked before an act, and one that left a name out
    // would let it be added twice).
    QJsonArray asked;
    for (const NewPerson& p : people)
        asked.append(p.name);
    QList<QVariantList> taken;
    if (Error e =
            m_vault.db().execute(QStringLiteral("SELECT name FROM people NOT INDEXED WHERE name IN (SELECT "
                                                "value FROM json_each(?1))"),
                                 {QString::fromUtf8(QJsonDocument(asked).toJson(QJsonDocument::Compact))}, &taken))
        return e;
    QSet<QString> existing;
    for (const QVariantList& row : std::as_const(taken))
        existing.insert(row.at(0).toString());
    for (const NewPerson& p : people)
        if (existing.contains(p.name) || keys.slot(p.name))
            return Error(ErrorKind::InvalidInput, Tr::tr("a person named '%1' already exists").arg(p.name));
    // No one, new or there, shown so that they read as another.
    QList<Person> shown;
    if (Error e = shownNames(m_vault.db(), &shown))
        return e;
    for (const NewPerson& p : people) {
        Person row{0, p.name, p.displayName, p.role, false, {}};
        if (Error e = checkNotShownAsAnother(p.name, row.shownName(), shown))
            return e;
        shown.append(row);
    }

    // The key derivations are what costs: they run on all cores, each slot alone.
    const std::size_t count = people.size();
    std::vector<crypto::SignKeyPair> pairs(count);
    std::vector<KeySlot> slots(count);
    std::vector<Error> errors(count);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            pairs[i] = crypto::generateSignKeyPair();
            // A random passphrase of 128 bits and more needs no costly derivation.
            static const KdfParams kRandom{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
            errors[i] = people[i].randomPassphrase
                ? change.sealedSlot(people[i].name, people[i].role, pairs[i], people[i].passphrase.view(), kRandom,
                                    &slots[i])
                : change.sealedSlot(people[i].name, people[i].role, pairs[i], people[i].passphrase.view(),
                                    people[i].kdfLevel, &slots[i]);
        }
    };
    const std::size_t threads = std::clamp<std::size_t>(std::size_t(QThread::idealThreadCount()), 1, count);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread& t : pool)
        t.join();
    for (const Error& e : errors)
        if (e)
            return e;

    for (std::size_t i = 0; i < count; ++i) {
        const NewPerson& p = people[i];
        Person row{0, p.name, p.displayName, p.role, false, pairs[i].publicKey};
        if (Error e = insertPerson(m_vault.db(), &row))
            return e;
        QJsonObject details{{QStringLiteral("person_id"), row.id},
                            {QStringLiteral("display_name"), row.displayName},
                            {QStringLiteral("role"), roleName(p.role)},
                            {QStringLiteral("public_key"), base64(pairs[i].publicKey)}};
        // Signed with the entry, either way: the choice at first sign-in rests on it.
        const firstpassphrase::Handed handed = p.randomPassphrase ? firstpassphrase::Handed::Random
            : p.choosesAtFirstSignIn                              ? firstpassphrase::Handed::Given
                                                                  : firstpassphrase::Handed::No;
        details.insert(firstpassphrase::detailsKey(), firstpassphrase::detailsValue(handed));
        if (Error e = change.audit(QStringLiteral("person.add"), p.name, details))
            return e;
    }
    if (!importedFrom.isEmpty())
        if (Error e = change.audit(QStringLiteral("person.import"), QFileInfo(importedFrom).fileName(),
                                   {{QStringLiteral("people"), qint64(count)}}))
            return e;
    const KeyFile original = keys;
    for (const KeySlot& slot : slots)
        keys.setSlot(slot);
    // Key file first, as add() does: slots without a person open nothing.
    if (Error e = change.save())
        return e;
    if (Error e = change.commit()) {
        if (!change.tookEffect(people.front().name, [](const Person&) { return true; }))
            original.save(change.path());
        return e;
    }
    return change.mirrorHead();
}

Error People::changePassphrase(QByteArrayView newPassphrase)
{
    if (Error e = Vault::checkNewPassphrase(newPassphrase))
        return e;
    // Whoever handed the passphrase over knows it, and it opens the key in
    // every copy of the key file made until now: choosing one's own gives
    // a new key pair.
    if (firstpassphrase::choiceGivesKey(m_vault))
        return renewKeyPair(newPassphrase);
    KeyFileChange change(m_vault);
    if (Error e = change.begin())
        return e;
    const Person& me = m_vault.me();
    if (Error e =
            change.commitEntry(QStringLiteral("passphrase.change"), me.name, {{QStringLiteral("person_id"), me.id}}))
        return e;
    if (Error e = change.recordHead())
        return e;
    KeyFile& keys = change.keys();
    KeySlot slot;
    if (Error e = change.ownSlot(newPassphrase, &slot))
        return e;
    copySealedKeys(*keys.slot(me.name), &slot);
    change.sign(&slot);
    keys.setSlot(slot);
    return change.save();
}

Error People::renewKeyPair(QByteArrayView newPassphrase)
{
    KeyFileChange change(m_vault);
    if (Error e = change.beginOwn())
        return e;
    const Person me = m_vault.me();
    crypto::SignKeyPair pair = crypto::generateSignKeyPair();
    const QByteArray publicKey = pair.publicKey;
    KeySlot slot;
    if (Error e = change.renewedOwnSlot(newPassphrase, pair, &slot))
        return e;
    Database& db = m_vault.db();
    // Signed with the key it replaces, which the log holds for me up to
    // here (and my row still says, as the entry is written); the new one
    // signs from the next entry on.
    if (Error e = change.audit(QStringLiteral("passphrase.change"), me.name,
                               {{QStringLiteral("person_id"), me.id},
                                {QStringLiteral("public_key"), base64(publicKey)},
                                {QStringLiteral("previous_public_key"), base64(me.signPublicKey)}}))
        return e;
    if (Error e = db.execute(QStringLiteral("UPDATE people SET sign_public_key = ? WHERE id = ?"), {publicKey, me.id}))
        return e;
    // What was sealed to me in my own rows, sealed again to the new key: the
    // secrets stay the same. A box that does not open with my key (sealed to
    // one a reset replaced) stays as it is, as unreadable as before.
    for (const QString& table : {QStringLiteral("sandbox_credentials"), QStringLiteral("credential_grants")}) {
        QList<QVariantList> rows;
        if (Error e = db.execute(QStringLiteral("SELECT t.rowid, t.sealed FROM %1 t JOIN enrollments e ON e.id = "
                                                "t.enrollment_id WHERE e.hire_id = ? AND t.sealed IS NOT NULL")
                                     .arg(table),
                                 {me.id}, &rows))
            return e;
        for (const QVariantList& row : std::as_const(rows)) {
            const std::optional<SecureBytes> secret = m_vault.openSealed(row.at(1).toByteArray());
            if (!secret)
                continue;
            if (Error e = db.execute(QStringLiteral("UPDATE %1 SET sealed = ? WHERE rowid = ?").arg(table),
                                     {crypto::sealTo(secret->view(), publicKey), row.at(0)}))
                return e;
        }
    }
    KeyFile& keys = change.keys();
    const KeyFile original = keys;
    // Key file first, the old slot kept beside the new, as a reset keeps it.
    keys.supersede(me.name);
    keys.setSlot(slot);
    if (Error e = change.save()) {
        original.save(change.path());
        return e;
    }
    crashPoint("change-before-commit");
    const auto shows = [&publicKey](const Person& row) { return row.signPublicKey == publicKey; };
    if (Error e = change.commit()) {
        if (change.tookEffect(me.name, shows))
            change.adoptKeyPair(std::move(pair));
        else
            original.save(change.path());
        return e;
    }
    change.adoptKeyPair(std::move(pair));
    if (me.role == Role::Admin)
        if (Error e = TrustStore::replaceAdminKey(m_vault.vaultId(), me.signPublicKey, publicKey))
            qCWarning(lcVault) << "this desktop could not record an admin's new key:" << e.message;
    keys.dropSuperseded(me.name);
    return change.mirrorHead();
}

Error People::resetPassphrase(const QString& name, QByteArrayView newPassphrase)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("reset another person's passphrase")))
        return e;
    if (name == m_vault.me().name)
        return changePassphrase(newPassphrase);
    if (Error e = Vault::checkNewPassphrase(newPassphrase))
        return e;
    // The role the new slot's keys follow is read inside the writing
    // transaction, after the check: a row flipped and flipped back around
    // the check cannot slip the production key into a hire's slot.
    KeyFileChange change(m_vault);
    std::optional<Person> target;
    if (Error e = beginOnPerson(&change, m_vault, name, &target))
        return e;

    crypto::SignKeyPair pair = crypto::generateSignKeyPair();
    Database& db = m_vault.db();
    if (Error e = db.execute(QStringLiteral("UPDATE people SET sign_public_key = ?, disabled = 0 WHERE id = ?"),
                             {pair.publicKey, target->id}))
        return e;
    // A disabled person's slot holds no keys: a reset is how they come back.
    if (target->disabled)
        if (Error e = change.audit(QStringLiteral("person.enable"), name, {{QStringLiteral("person_id"), target->id}}))
            return e;
    // The new key verifies their entries from here on; the old one, those
    // before. The admin knows the new passphrase: it is handed over, and
    // the person chooses their own at the next sign-in.
    if (Error e = change.audit(
            QStringLiteral("passphrase.reset"), name,
            {{QStringLiteral("person_id"), target->id},
             {QStringLiteral("public_key"), base64(pair.publicKey)},
             {QStringLiteral("previous_public_key"), base64(target->signPublicKey)},
             {firstpassphrase::detailsKey(), firstpassphrase::detailsValue(firstpassphrase::Handed::Given)}}))
        return e;
    // Their sandbox credentials were sealed to the key this reset replaces:
    // sealed again to the new one in the same transaction, or none of it.
    if (target->role == Role::Hire) {
        Person renewed = *target;
        renewed.signPublicKey = pair.publicKey;
        renewed.disabled = false;
        QStringList reissued;
        if (Error e = Credentials(m_vault).reissueSandboxAfterReset(renewed, &reissued))
            return e;
        for (const QString& credential : reissued)
            if (Error e = change.audit(QStringLiteral("credential.reissue"), name,
                                       {{QStringLiteral("credential"), credential},
                                        {QStringLiteral("reason"), QStringLiteral("passphrase.reset")}}))
                return e;
    }
    KeySlot slot;
    if (Error e = change.sealedSlot(name, target->role, pair, newPassphrase, &slot))
        return e;
    KeyFile& keys = change.keys();
    const KeyFile original = keys;
    // Key file first, the old slot kept beside the new: a stop before the
    // commit leaves the old one standing (the people row still has its key).
    keys.supersede(name);
    keys.setSlot(slot);
    if (Error e = change.save()) {
        original.save(change.path()); // it may have been renamed into place before its folder failed to sync
        return e;
    }
    crashPoint("reset-before-commit");
    if (Error e = change.commit()) {
        // The old slot again, unless the commit took effect before it failed.
        if (!change.tookEffect(name, [&pair](const Person& row) { return row.signPublicKey == pair.publicKey; }))
            original.save(change.path());
        return e;
    }
    if (target->role == Role::Admin)
        if (Error e = TrustStore::replaceAdminKey(m_vault.vaultId(), target->signPublicKey, pair.publicKey))
            qCWarning(lcVault) << "this desktop could not record an admin's new key:" << e.message;
    keys.dropSuperseded(name);
    return change.mirrorHead();
}

Error People::disable(const QString& name)
{
    if (Error e = m_vault.requireAdmin(Tr::tr("disable people")))
        return e;
    if (name == m_vault.me().name)
        return Error(ErrorKind::NotPermitted, Tr::tr("%1 cannot disable themselves; another admin can").arg(name));
    // Checked and read inside the writing transaction.
    // Every slot that holds the production key gets the next one below.
    KeyFileChange change(m_vault);
    std::optional<Person> target;
    if (Error e = beginOnPerson(&change, m_vault, name, &target, KeyFileChange::Reads::Every))
        return e;
    KeyFile& keys = change.keys();
    KeySlot* slot = keys.slot(name);
    const bool slotHoldsKeys = slot && !slot->disabled;
    // Disabled by raw SQL before this existed, the slot may still hold keys: remove them.
    if (target->disabled && !slotHoldsKeys)
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is already disabled").arg(name));
    Database& db = m_vault.db();
    if (target->role == Role::Admin && !target->disabled) {
        const qint64 others = db.scalar(QStringLiteral("SELECT count(*) FROM people WHERE role = ? AND disabled = 0"
                                                       " AND id != ?"),
                                        {roleName(Role::Admin), target->id})
                                  .toLongLong();
        if (others < 1)
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("'%1' is the last admin of this vault and cannot be disabled").arg(name));
    }

    // Disabling rotates the production key: the person may have kept the old
    // one, and what is kept or set from now on must be out of their reach.
    // Every other holder gets the new key as pending first; the log's check
    // value (written in the commit below) says which one is current until
    // the key file is promoted.
    // (A copy shares the slots until one side changes; pointers into keys are
    // taken again after it.)
    const KeyFile original = keys;
    SecureBytes next = SecureBytes::random(crypto::kSymmetricKeyBytes);
    if (Error e = sealPendingToHolders(db, change, next, name))
        return e;
    // A slot stands when its owner or an enabled admin signed it: those the
    // admin being disabled signed last (people they added or reset who have
    // not chosen their own passphrase since) would stop opening. Every slot
    // was checked against the log above, so I sign them instead.
    // Only the slot the admin's newest word on that person gave (their
    // person.add or passphrase.reset, no passphrase.change since): an older
    // slot of theirs put back in the key file stays unsigned.
    if (target->role == Role::Admin)
        for (KeySlot& other : keys.slots) {
            if (other.name == name || other.signedBy != name || !other.damage.isEmpty())
                continue;
            QList<QVariantList> last;
            if (Error e = db.execute(
                    QStringLiteral("SELECT action, actor_name, details FROM audit_log NOT INDEXED WHERE action IN "
                                   "('person.add', 'passphrase.reset', 'passphrase.change') AND "
                                   "subject = ?1 ORDER BY seq DESC LIMIT 1"),
                    {other.name}, &last))
                return e;
            const bool given = !last.isEmpty() && last.first().at(0).toString() != QLatin1String("passphrase.change")
                && last.first().at(1).toString() == name
                && QByteArray::fromBase64(QJsonDocument::fromJson(last.first().at(2).toString().toUtf8())
                                              .object()
                                              .value(QStringLiteral("public_key"))
                                              .toString()
                                              .toLatin1())
                    == other.signPublicKey;
            if (given)
                change.sign(&other);
        }
    // The slot as it was stays beside the emptied one until the commit
    // decides: a stop before it leaves the person enabled, as the log says.
    keys.supersede(name);
    slot = keys.slot(name);
    if (slotHoldsKeys) {
        copySealedKeys(KeySlot(), slot);
        slot->disabled = true;
        change.sign(slot);
    }
    // Key file first: a crash before the commit leaves a slot that opens
    // nothing for a person still marked enabled, which fails closed (the next
    // disable, or a reset, settles it), and a pending key the log never named,
    // which the next change drops. A commit that fails puts the file back.
    if (Error e = change.save())
        return e;
    crashPoint("disable-before-commit");
    const QByteArray check = Ledger::productionKeyCheck(next);
    Error commitError;
    if (Error e = commitRotation(
            change, original, next, name,
            [&]() -> Error {
                if (Error e = db.execute(QStringLiteral("UPDATE people SET disabled = 1 WHERE id = ?"), {target->id}))
                    return e;
                QByteArray kept;
                if (Error e = reencryptKeepingEarlier(db, next, &kept))
                    return e;
                return change.audit(QStringLiteral("person.disable"), name,
                                    {{QStringLiteral("person_id"), target->id},
                                     {QStringLiteral("role"), roleName(target->role)},
                                     {QStringLiteral("keys_removed"), slotHoldsKeys},
                                     {QStringLiteral("production_key_check"), base64(check)},
                                     {QStringLiteral("earlier_keys_sha256"), QString::fromLatin1(kept.toHex())}});
            },
            // The row says whether it took effect, and the key file follows it.
            [&] { return change.tookEffect(name, [](const Person& row) { return row.disabled; }); },
            "disable-before-promote",
            [&] {
                // This desktop's check ran before the disable: from now on it
                // no longer takes that admin's word for a restore.
                if (target->role == Role::Admin)
                    if (Error e = TrustStore::replaceAdminKey(m_vault.vaultId(), target->signPublicKey, {}))
                        qCWarning(lcVault) << "this desktop could not forget a disabled admin's key:" << e.message;
            },
            &commitError))
        return e;
    qCInfo(lcVault) << "disabled" << name << "in" << m_vault.directory() << "and rotated the production key";
    // A hire's logins at a credential's source (a database role) end too:
    // their sessions are terminated and the roles dropped.
    if (target->role == Role::Hire)
        if (Error e = Credentials(m_vault).revokeAtSource(*target))
            qCWarning(lcVault).noquote() << "disabled" << name << "but" << e.message;
    const Error mirrored = change.mirrorHead();
    return commitError ? commitError : mirrored;
}

Error People::reencryptKeepingEarlier(Database& db, const SecureBytes& next, QByteArray* kept)
{
    // Every entry up to the log's head now may have been sealed with the key replaced.
    qint64 head = 0;
    QByteArray headHash;
    if (Error e = AuditLog::head(db, &head, &headHash))
        return e;
    return productionkey::reencryptAll(db, m_vault.productionKey(), next, head, kept);
}

Error People::rotateProductionKey()
{
    if (Error e = m_vault.requireAdmin(Tr::tr("rotate the production key")))
        return e;
    // Every slot: each holder's gets the next key as pending first; the
    // log's check value, written in the commit, says which is current
    // until the key file is promoted, as at a disable.
    KeyFileChange change(m_vault);
    if (Error e = change.beginPrivileged({}, KeyFileChange::Reads::Every))
        return e;
    KeyFile& keys = change.keys();
    const KeyFile original = keys;
    SecureBytes next = SecureBytes::random(crypto::kSymmetricKeyBytes);
    const QByteArray check = Ledger::productionKeyCheck(next);
    Database& db = m_vault.db();
    if (Error e = sealPendingToHolders(db, change, next, QString()))
        return e;
    if (Error e = change.save())
        return e;
    crashPoint("rotate-before-commit");
    Error commitError;
    if (Error e = commitRotation(
            change, original, next, QString(),
            [&]() -> Error {
                QByteArray kept;
                if (Error e = reencryptKeepingEarlier(db, next, &kept))
                    return e;
                return change.audit(QStringLiteral("production.rotate"), m_vault.me().name,
                                    {{QStringLiteral("production_key_check"), base64(check)},
                                     {QStringLiteral("earlier_keys_sha256"), QString::fromLatin1(kept.toHex())}});
            },
            // Only the sync of its folder may have failed: the log says.
            [&] { return !db.inTransaction() && Ledger::loggedProductionKeyCheck(db) == check; },
            "rotate-before-promote", {}, &commitError))
        return e;
    qCInfo(lcVault) << "rotated the production key of" << m_vault.directory();
    const Error mirrored = change.mirrorHead();
    return commitError ? commitError : mirrored;
}

} // namespace onramp
