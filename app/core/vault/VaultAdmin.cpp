// The vault operations that change key slots: people, passphrases, rekey.
#include "vault/Vault.h"

#include "audit/AuditLog.h"
#include "Crypto.h"
#include "audit/Ledger.h"
#include "ProductionKey.h"
#include "TestHooks.h"
#include "TrustStore.h"
#include "vault/VaultInternal.h"

#include <QDateTime>
#include <QJsonObject>

namespace onramp {

Error Vault::requirePrivileged(KeyFile& keys)
{
    // The role a new slot gets the production key for is read from the people
    // table: it must be the one the log gave, or a hire who relabelled their
    // own row would receive the production key at their next reset. And the
    // slots checked are the ones this act writes back, not a second reading
    // of a file the hire may change in between.
    if (m_acceptingRestore)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("this session was opened to confirm a restored backup; "
                            "sign in again for anything else"));
    if (Error e = Ledger::verify(*this, QDateTime::currentDateTimeUtc(), nullptr, Ledger::Depth::Incremental, &keys))
        return e;
    // A slot for nobody that passed the check is what a `person add` stopped
    // before its commit left (signed by an admin of the log): this act drops it.
    keys.slots.removeIf([this](const KeySlot& slot) { return !person(slot.name); });
    return {};
}

Error Vault::requireAdmin(const QString& what) const
{
    if (m_me.role != Role::Admin)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only an admin may %1; %2 is a %3").arg(what, m_me.name, roleName(m_me.role)));
    return requireActive();
}

namespace {

QString base64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

Error Vault::auditLocked(const QString& action, const QString& subject, const QJsonObject& details)
{
    return AuditLog::appendUnmirrored(
        *m_db, m_me, [this](QByteArrayView m) { return sign(m); }, action, subject, details);
}

Error Vault::beginKeyFileChange(KeyFileLock* lock, KeyFile* keys)
{
    if (!m_db)
        return Error(ErrorKind::Io, Tr::tr("the vault is locked"));
    if (Error e = lock->acquire(m_dir, kBusyTimeoutMs))
        return e;
    if (Error e = KeyFile::load(keyFilePath(m_dir), keys))
        return e;
    const RekeyState state = rekeyState(*keys, m_me.name, m_signSecretKey, m_masterKey);
    if (state == RekeyState::Stale)
        return Error(ErrorKind::Busy,
                     Tr::tr("the vault %1 was changed by another process since it was unlocked; "
                            "unlock it again")
                         .arg(m_dir));
    settleRekey(keys, state);
    settleProductionRotation(keys);
    settleSuperseded(keys);
    return {};
}

void Vault::settleSuperseded(KeyFile* keys) const
{
    // A reset or disable that stopped around its commit left the replaced
    // slot beside the new one: the people row says which one its commit made.
    const auto agrees = [](const KeySlot& slot, const Person& row) {
        return slot.signPublicKey == row.signPublicKey && slot.disabled == row.disabled;
    };
    const QList<KeySlot> superseded = keys->superseded;
    for (const KeySlot& before : superseded) {
        const std::optional<Person> row = person(before.name);
        const KeySlot* current = keys->slot(before.name);
        if (!row || !current)
            continue;
        if (agrees(*current, *row)) {
            keys->dropSuperseded(before.name);
        } else if (agrees(before, *row)) {
            keys->setSlot(before);
            keys->dropSuperseded(before.name);
        }
    }
}

void Vault::settleProductionRotation(KeyFile* keys) const
{
    // A rotation that stopped between its key-file write and its commit (or
    // after the commit, before promoting) left a pending production key in
    // every slot it wrote. My own slot's two keys against the log's check
    // value tell which way it went, for all of them; a session without the
    // production key cannot tell and leaves them for one that can.
    const KeySlot* mine = keys->slot(m_me.name);
    if (!mine || mine->sealedPendingProductionKey.isEmpty())
        return;
    const QByteArray logged = Ledger::loggedProductionKeyCheck(*m_db);
    const std::optional<SecureBytes> pending = crypto::openSealed(mine->sealedPendingProductionKey, m_signSecretKey);
    const std::optional<SecureBytes> current = crypto::openSealed(mine->sealedProductionKey, m_signSecretKey);
    const bool committed = pending && Ledger::productionKeyCheck(*pending) == logged;
    const bool abandoned = current && Ledger::productionKeyCheck(*current) == logged;
    if (committed == abandoned)
        return;
    for (KeySlot& slot : keys->slots)
        if (!slot.sealedPendingProductionKey.isEmpty() && slot.sealedPendingMasterKey.isEmpty())
            slot.settlePending(committed);
}

HeadSigner Vault::headSigner() const
{
    return {m_me.name, [this](QByteArrayView m) { return sign(m); }};
}

Error Vault::mirrorAuditHead(KeyFile* keys)
{
    // After the commit: a failure here is what verification tolerates (the
    // head one entry behind) and the next change repairs; it is not the
    // change's failure.
    if (Error e = AuditLog::mirrorHeadLocked(*m_db, keyFilePath(m_dir), keys, headSigner()))
        qCWarning(lcVault) << "the audit head was not recorded in the key file:" << e.message;
    return {};
}

Error Vault::addPerson(const QString& name, const QString& displayName, Role role, QByteArrayView passphrase)
{
    if (Error e = requireAdmin(Tr::tr("add people")))
        return e;
    if (!isValidPersonName(name))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is not a valid name: use lower-case letters, digits, "
                            "'.', '_' or '-', starting with a letter")
                         .arg(name));
    if (Error e = checkNewPassphrase(passphrase))
        return e;
    KeyFileLock lock;
    KeyFile keys;
    if (Error e = beginKeyFileChange(&lock, &keys))
        return e;
    // Checked and read inside the writing transaction: nothing changes between.
    Database::Transaction tx(*m_db);
    if (tx.beginError())
        return tx.beginError();
    if (Error e = requirePrivileged(keys))
        return e;
    if (person(name) || keys.slot(name))
        return Error(ErrorKind::InvalidInput, Tr::tr("a person named '%1' already exists").arg(name));

    crypto::SignKeyPair pair = crypto::generateSignKeyPair();
    if (Error e =
            m_db->execute(QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, created_at)"
                                         " VALUES (?, ?, ?, ?, ?)"),
                          {name, displayName.isEmpty() ? name : displayName, roleName(role), pair.publicKey,
                           QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}))
        return e;
    if (Error e = auditLocked(QStringLiteral("person.add"), name,
                              {{QStringLiteral("person_id"), m_db->lastInsertId()},
                               {QStringLiteral("role"), roleName(role)},
                               {QStringLiteral("public_key"), base64(pair.publicKey)}}))
        return e;
    KeySlot slot = KeySlot::create(m_vaultId, name, roleName(role), pair.publicKey, pair.secretKey, passphrase,
                                   KdfParams::forNewSlot(m_kdfLevel));
    slot.sealedMasterKey = crypto::sealTo(m_masterKey.view(), pair.publicKey);
    if (roleHoldsProductionKey(role)) {
        slot.sealedProductionKey = crypto::sealTo(m_productionKey.view(), pair.publicKey);
        slot.productionKeyCheck = Ledger::productionKeyCheck(m_productionKey);
    }
    if (slot.wrappedSecretKey.isEmpty())
        return Error(ErrorKind::Io, Tr::tr("not enough memory for the key derivation"));
    slot.sign(m_vaultId, m_me.name, m_signSecretKey);
    const KeyFile original = keys;
    keys.setSlot(slot);
    // Key file first: a crash between the two leaves a slot without a person,
    // which opens nothing, passes the check and is dropped by the next change.
    if (Error e = keys.save(keyFilePath(m_dir)))
        return e;
    if (Error e = tx.commit()) {
        // A commit can fail after it took effect (the journal gone, its
        // folder not synced): the file follows the database, not the error.
        if (m_db->inTransaction() || !person(name))
            original.save(keyFilePath(m_dir));
        return e;
    }
    return mirrorAuditHead(&keys);
}

Error Vault::changePassphrase(QByteArrayView newPassphrase)
{
    if (Error e = checkNewPassphrase(newPassphrase))
        return e;
    KeyFileLock lock;
    KeyFile keys;
    if (Error e = beginKeyFileChange(&lock, &keys))
        return e;
    // The entry commits first: a failure after it leaves an entry for a
    // change that did not happen, never a change without its entry.
    {
        Database::Transaction tx(*m_db);
        if (tx.beginError())
            return tx.beginError();
        if (Error e =
                auditLocked(QStringLiteral("passphrase.change"), m_me.name, {{QStringLiteral("person_id"), m_me.id}}))
            return e;
        if (Error e = tx.commit())
            return e;
    }
    if (Error e = AuditLog::recordHead(*m_db, &keys, headSigner()))
        return e;
    const KeySlot* old = keys.slot(m_me.name);
    KeySlot slot = KeySlot::create(m_vaultId, m_me.name, roleName(m_me.role), m_me.signPublicKey, m_signSecretKey,
                                   newPassphrase, KdfParams::forNewSlot(m_kdfLevel));
    if (slot.wrappedSecretKey.isEmpty())
        return Error(ErrorKind::Io, Tr::tr("not enough memory for the key derivation"));
    slot.sealedMasterKey = old->sealedMasterKey;
    slot.sealedPendingMasterKey = old->sealedPendingMasterKey;
    slot.sealedProductionKey = old->sealedProductionKey;
    slot.sealedPendingProductionKey = old->sealedPendingProductionKey;
    slot.productionKeyCheck = old->productionKeyCheck;
    slot.pendingProductionKeyCheck = old->pendingProductionKeyCheck;
    slot.sign(m_vaultId, m_me.name, m_signSecretKey);
    keys.setSlot(slot);
    return keys.save(keyFilePath(m_dir));
}

Error Vault::resetPassphrase(const QString& name, QByteArrayView newPassphrase)
{
    if (Error e = requireAdmin(Tr::tr("reset another person's passphrase")))
        return e;
    if (name == m_me.name)
        return changePassphrase(newPassphrase);
    if (Error e = checkNewPassphrase(newPassphrase))
        return e;
    KeyFileLock lock;
    KeyFile keys;
    if (Error e = beginKeyFileChange(&lock, &keys))
        return e;
    // The role the new slot's keys follow is read inside the writing
    // transaction, after the check: a row flipped and flipped back around
    // the check cannot slip the production key into a hire's slot.
    Database::Transaction tx(*m_db);
    if (tx.beginError())
        return tx.beginError();
    if (Error e = requirePrivileged(keys))
        return e;
    const std::optional<Person> target = person(name);
    if (!target)
        return Error(ErrorKind::InvalidInput, Tr::tr("there is no person named '%1' in this vault").arg(name));

    crypto::SignKeyPair pair = crypto::generateSignKeyPair();
    if (Error e = m_db->execute(QStringLiteral("UPDATE people SET sign_public_key = ?, disabled = 0 WHERE id = ?"),
                                {pair.publicKey, target->id}))
        return e;
    // A disabled person's slot holds no keys: a reset is how they come back.
    if (target->disabled)
        if (Error e = auditLocked(QStringLiteral("person.enable"), name, {{QStringLiteral("person_id"), target->id}}))
            return e;
    // The new key verifies their entries from here on; the old one, those before.
    if (Error e = auditLocked(QStringLiteral("passphrase.reset"), name,
                              {{QStringLiteral("person_id"), target->id},
                               {QStringLiteral("public_key"), base64(pair.publicKey)},
                               {QStringLiteral("previous_public_key"), base64(target->signPublicKey)}}))
        return e;
    KeySlot slot = KeySlot::create(m_vaultId, name, roleName(target->role), pair.publicKey, pair.secretKey,
                                   newPassphrase, KdfParams::forNewSlot(m_kdfLevel));
    if (slot.wrappedSecretKey.isEmpty())
        return Error(ErrorKind::Io, Tr::tr("not enough memory for the key derivation"));
    slot.sealedMasterKey = crypto::sealTo(m_masterKey.view(), pair.publicKey);
    if (roleHoldsProductionKey(target->role)) {
        slot.sealedProductionKey = crypto::sealTo(m_productionKey.view(), pair.publicKey);
        slot.productionKeyCheck = Ledger::productionKeyCheck(m_productionKey);
    }
    slot.sign(m_vaultId, m_me.name, m_signSecretKey);
    const KeyFile original = keys;
    // Key file first, the old slot kept beside the new: a stop before the
    // commit leaves the old one standing (the people row still has its key).
    keys.supersede(name);
    keys.setSlot(slot);
    if (Error e = keys.save(keyFilePath(m_dir))) {
        original.save(keyFilePath(m_dir)); // it may have been renamed into place before its folder failed to sync
        return e;
    }
    crashPoint("reset-before-commit");
    if (Error e = tx.commit()) {
        // The old slot again, unless the commit took effect before it failed.
        if (const std::optional<Person> now = m_db->inTransaction() ? std::nullopt : person(name);
            !now || now->signPublicKey != pair.publicKey)
            original.save(keyFilePath(m_dir));
        return e;
    }
    if (target->role == Role::Admin)
        if (Error e = TrustStore::replaceAdminKey(m_vaultId, target->signPublicKey, pair.publicKey))
            qCWarning(lcVault) << "this desktop could not record an admin's new key:" << e.message;
    keys.dropSuperseded(name);
    return mirrorAuditHead(&keys);
}

Error Vault::disablePerson(const QString& name)
{
    if (Error e = requireAdmin(Tr::tr("disable people")))
        return e;
    if (name == m_me.name)
        return Error(ErrorKind::NotPermitted, Tr::tr("%1 cannot disable themselves; another admin can").arg(name));
    KeyFileLock lock;
    KeyFile keys;
    if (Error e = beginKeyFileChange(&lock, &keys))
        return e;
    // Checked and read inside the writing transaction.
    Database::Transaction tx(*m_db);
    if (tx.beginError())
        return tx.beginError();
    if (Error e = requirePrivileged(keys))
        return e;
    const std::optional<Person> target = person(name);
    if (!target)
        return Error(ErrorKind::InvalidInput, Tr::tr("there is no person named '%1' in this vault").arg(name));
    KeySlot* slot = keys.slot(name);
    const bool slotHoldsKeys = slot && !slot->disabled;
    // Disabled by raw SQL before this existed, the slot may still hold keys: remove them.
    if (target->disabled && !slotHoldsKeys)
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is already disabled").arg(name));
    if (target->role == Role::Admin && !target->disabled) {
        const qint64 others = m_db->scalar(QStringLiteral("SELECT count(*) FROM people WHERE role = ? AND disabled = 0"
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
    for (KeySlot& other : keys.slots) {
        if (other.name == name || other.disabled || !other.damage.isEmpty() || other.sealedProductionKey.isEmpty())
            continue;
        other.sealedPendingProductionKey = crypto::sealTo(next.view(), other.signPublicKey);
        other.pendingProductionKeyCheck = Ledger::productionKeyCheck(next);
        other.sign(m_vaultId, m_me.name, m_signSecretKey);
    }
    // The slot as it was stays beside the emptied one until the commit
    // decides: a stop before it leaves the person enabled, as the log says.
    keys.supersede(name);
    slot = keys.slot(name);
    if (slotHoldsKeys) {
        slot->sealedMasterKey.clear();
        slot->sealedPendingMasterKey.clear();
        slot->sealedProductionKey.clear();
        slot->sealedPendingProductionKey.clear();
        slot->productionKeyCheck.clear();
        slot->pendingProductionKeyCheck.clear();
        slot->disabled = true;
        slot->sign(m_vaultId, m_me.name, m_signSecretKey);
    }
    // Key file first: a crash before the commit leaves a slot that opens
    // nothing for a person still marked enabled, which fails closed (the next
    // disable, or a reset, settles it), and a pending key the log never named,
    // which the next change drops. A commit that fails puts the file back.
    if (Error e = keys.save(keyFilePath(m_dir)))
        return e;
    crashPoint("disable-before-commit");
    const auto settle = [&](bool committed) {
        if (!committed)
            keys = original;
        keys.dropSuperseded(name);
        for (KeySlot& other : keys.slots)
            if (!other.sealedPendingProductionKey.isEmpty())
                other.settlePending(committed);
        return keys.save(keyFilePath(m_dir));
    };
    Error commitError;
    {
        Error e = m_db->execute(QStringLiteral("UPDATE people SET disabled = 1 WHERE id = ?"), {target->id});
        if (!e)
            e = productionkey::reencryptAll(*m_db, m_productionKey, next);
        if (!e)
            e = auditLocked(QStringLiteral("person.disable"), name,
                            {{QStringLiteral("person_id"), target->id},
                             {QStringLiteral("role"), roleName(target->role)},
                             {QStringLiteral("keys_removed"), slotHoldsKeys},
                             {QStringLiteral("production_key_check"),
                              QString::fromLatin1(Ledger::productionKeyCheck(next).toBase64())}});
        bool tookEffect = false;
        if (!e) {
            e = tx.commit();
            // A commit can fail after it took effect (only the sync of its
            // folder failed): the row says which, and the key file follows it.
            tookEffect = e && !m_db->inTransaction() && person(name) && person(name)->disabled;
        }
        if (e && !tookEffect) {
            settle(false);
            return e;
        }
        commitError = e;
    }
    m_productionKey = std::move(next);
    // This desktop's check ran before the disable: from now on it no longer
    // takes that admin's word for a restore.
    if (target->role == Role::Admin)
        if (Error e = TrustStore::replaceAdminKey(m_vaultId, target->signPublicKey, {}))
            qCWarning(lcVault) << "this desktop could not forget a disabled admin's key:" << e.message;
    crashPoint("disable-before-promote");
    if (Error e = settle(true)) // the next key-file change (or unlock) promotes it instead
        qCWarning(lcVault) << "the production key was rotated; the key file will be finalized later:" << e.message;
    qCInfo(lcVault) << "disabled" << name << "in" << m_dir << "and rotated the production key";
    const Error mirrored = mirrorAuditHead(&keys);
    return commitError ? commitError : mirrored;
}

Error Vault::recordRestore(qint64 epoch, qint64 seenSequence, const QByteArray& seenHash)
{
    if (Error e = requireAdmin(Tr::tr("confirm a restored backup")))
        return e;
    KeyFileLock lock;
    KeyFile keys;
    if (Error e = beginKeyFileChange(&lock, &keys))
        return e;
    qint64 restoredSequence = 0;
    QByteArray restoredHash;
    if (Error e = AuditLog::head(*m_db, &restoredSequence, &restoredHash))
        return e;
    Database::Transaction tx(*m_db);
    if (tx.beginError())
        return tx.beginError();
    if (Error e = auditLocked(QStringLiteral("vault.restore"), m_vaultId,
                              {{QStringLiteral("epoch"), epoch},
                               {QStringLiteral("restored_seq"), restoredSequence},
                               {QStringLiteral("seen_seq"), seenSequence},
                               {QStringLiteral("seen_hash"), QString::fromLatin1(seenHash.toBase64())}}))
        return e;
    if (Error e = tx.commit())
        return e;
    qint64 head = 0;
    QByteArray headHash;
    if (Error e = AuditLog::head(*m_db, &head, &headHash))
        return e;
    if (Error e = TrustStore::acceptRestore(m_vaultId, epoch, head, headHash))
        return e;
    m_acceptingRestore = false;
    qCInfo(lcVault) << "recorded restore epoch" << epoch << "of" << m_dir;
    return mirrorAuditHead(&keys);
}

// The protocol (docs/SECURITY.md, "The vault on disk"): seal the new key as "pending"
// in every slot, re-encrypt under the rollback journal, then promote. Until
// the journal is gone the old key opens the file; after, the pending one does.
Error Vault::rekey()
{
    if (Error e = requireAdmin(Tr::tr("rotate the master key")))
        return e;
    KeyFileLock lock;
    KeyFile keys;
    if (Error e = beginKeyFileChange(&lock, &keys))
        return e;
    // Every slot is signed again below: only slots the log backs.
    if (Error e = requirePrivileged(keys))
        return e;
    const QString keyPath = keyFilePath(m_dir);
    // sqlite3_rekey runs its own transaction, so the entry cannot share it: it
    // commits before anything changes (no entry, no rekey), the pending save
    // below mirrors it, and a failed re-encryption adds a second entry.
    {
        Database::Transaction tx(*m_db);
        if (tx.beginError())
            return tx.beginError();
        if (Error e = auditLocked(QStringLiteral("vault.rekey"), m_vaultId,
                                  {{QStringLiteral("outcome"), QStringLiteral("started")}}))
            return e;
        if (Error e = tx.commit())
            return e;
    }
    if (Error e = AuditLog::recordHead(*m_db, &keys, headSigner()))
        return e;
    SecureBytes next = SecureBytes::random(crypto::kSymmetricKeyBytes);
    for (KeySlot& slot : keys.slots) {
        if (slot.disabled || !slot.damage.isEmpty()) // a disabled person gets no new key either
            continue;
        slot.sealedPendingMasterKey = crypto::sealTo(next.view(), slot.signPublicKey);
        if (slot.sealedPendingMasterKey.isEmpty())
            return Error(ErrorKind::Damaged,
                         Tr::tr("key file %1: the public key of %2 is invalid").arg(keyPath, slot.name));
        slot.sign(m_vaultId, m_me.name, m_signSecretKey);
    }
    crashPoint("rekey-before-pending");
    if (Error e = keys.save(keyPath))
        return e;
    crashPoint("rekey-after-pending");
    // Back to the old key, recorded as a failed rotation. The pending key is
    // dropped from the key file; if even that cannot be written, the next
    // unlock finds the file still under the old key and drops it then.
    const auto abandon = [&](const Error& cause) {
        settleRekey(&keys, RekeyState::Abandoned);
        Database::Transaction tx(*m_db);
        if (!tx.beginError()
            && !auditLocked(QStringLiteral("vault.rekey"), m_vaultId,
                            {{QStringLiteral("outcome"), QStringLiteral("failed")}}))
            tx.commit();
        AuditLog::recordHead(*m_db, &keys, headSigner());
        keys.save(keyPath);
        return cause;
    };
    // SQLCipher reports success for a re-encryption whose journal could not
    // be written (a full disk): the file stays under the old key. And it
    // reports an error for one that took effect but whose folder could not be
    // synced after. Only a fresh connection that opens the file with the new
    // key proves which.
    const Error rekeyError = m_db->rekey(next);
    const QString dbPath = databasePath(m_dir);
    std::unique_ptr<Database> proof;
    if (Error e = Database::open(dbPath, next, Database::OpenMode::Existing, &proof)) {
        proof.reset();
        m_db.reset(); // its cache believes the new key
        if (Error reopen = Database::open(dbPath, m_masterKey, Database::OpenMode::Existing, &m_db))
            return Error(ErrorKind::Damaged,
                         Tr::tr("the master key of %1 was not rotated, and the database no longer "
                                "opens with the old key either (%2); restore it from a backup")
                             .arg(m_dir, reopen.message));
        if (rekeyError)
            return abandon(rekeyError);
        return abandon(Error(ErrorKind::Io,
                             Tr::tr("the master key of %1 was not rotated: the re-encrypted database "
                                    "did not reach the disk (is it full?); nothing changed, and "
                                    "everyone still unlocks as before")
                                 .arg(m_dir)));
    }
    proof.reset();
    if (rekeyError) {
        // Re-encrypted, but not yet durable: a power cut could still bring
        // the old file back. The key file keeps both keys, and the next
        // unlock settles on the one that opens the file.
        m_db.reset();
        m_masterKey = std::move(next);
        Database::open(dbPath, m_masterKey, Database::OpenMode::Existing, &m_db);
        return rekeyError;
    }
    crashPoint("rekey-after-rekey");
    m_masterKey = std::move(next);
    settleRekey(&keys, RekeyState::Committed);
    if (Error e = keys.save(keyPath)) // the next unlock promotes the pending key instead
        qCWarning(lcVault) << "rekey committed; the key file will be finalized at the next unlock:" << e.message;
    crashPoint("rekey-after-finalize");
    qCInfo(lcVault) << "rotated the master key of" << m_dir;
    return {};
}

} // namespace onramp
