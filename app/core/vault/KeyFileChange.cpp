#include "vault/KeyFileChange.h"

#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "vault/Vault.h"

#include <QDateTime>

#include <algorithm>

namespace onramp {

KeyFileChange::KeyFileChange(Vault& vault)
    : m_vault(vault)
{}

Error KeyFileChange::begin(const QStringList& names, Reads reads)
{
    if (!m_vault.m_db)
        return Error(ErrorKind::Io, Tr::tr("the vault is locked"));
    if (Error e = m_lock.acquire(m_vault.m_dir, kBusyTimeoutMs))
        return e;
    if (Error e = reads == Reads::Every ? KeyFile::load(path(), &m_keys)
                                        : KeyFile::loadForAct(path(), QStringList{m_vault.m_me.name} + names, &m_keys))
        return e;
    // A production-key rotation that stopped midway is settled in every
    // slot that holds the key: all of them are read then.
    if (const KeySlot* mine = m_keys.slot(m_vault.m_me.name);
        m_keys.isPartial() && mine && !mine->sealedPendingProductionKey.isEmpty())
        if (Error e = KeyFile::load(path(), &m_keys))
            return e;
    const RekeyState state = rekeyState(m_keys, m_vault.m_me.name, m_vault.m_signSecretKey, m_vault.m_masterKey);
    if (state == RekeyState::Stale)
        return Error(ErrorKind::Busy,
                     Tr::tr("the vault %1 was changed by another process since it was unlocked; "
                            "unlock it again")
                         .arg(m_vault.m_dir));
    settleRekey(&m_keys, state);
    settleProductionRotation();
    settleSuperseded();
    return {};
}

Error KeyFileChange::beginPrivileged(const QStringList& names, Reads reads)
{
    if (Error e = begin(names, reads))
        return e;
    m_transaction.emplace(*m_vault.m_db);
    if (m_transaction->beginError())
        return m_transaction->beginError();
    return requirePrivileged();
}

Error KeyFileChange::requirePrivileged()
{
    // The role a new slot gets the production key for is read from the people
    // table: it must be the one the log gave, or a hire who relabelled their
    // own row would receive the production key at their next reset. And the
    // slots checked are the ones this act writes back, not a second reading
    // of a file the hire may change in between.
    if (m_vault.m_acceptingRestore)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("this session was opened to confirm a restored backup; "
                            "sign in again for anything else"));
    LedgerCheck check;
    if (Error e = Ledger::verify(m_vault, QDateTime::currentDateTimeUtc(), &check, Ledger::Depth::Incremental, &m_keys))
        return e;
    // A slot for nobody that passed the check is what a `person add` stopped
    // before its commit left (signed by an admin of the log): this act drops it.
    for (const QString& name : std::as_const(check.slotsForNobody))
        m_keys.forget(name);
    return {};
}

Error KeyFileChange::beginOwn()
{
    if (Error e = begin())
        return e;
    m_transaction.emplace(*m_vault.m_db);
    return m_transaction->beginError();
}

Error KeyFileChange::commit()
{
    return m_transaction->commit();
}

bool KeyFileChange::tookEffect(const QString& name, const std::function<bool(const Person&)>& shows) const
{
    if (m_vault.m_db->inTransaction())
        return false;
    const std::optional<Person> row = m_vault.person(name);
    return row && shows(*row);
}

QString KeyFileChange::path() const
{
    return keyFilePath(m_vault.m_dir);
}

Error KeyFileChange::save() const
{
    return m_keys.save(path());
}

void KeyFileChange::settleSuperseded()
{
    // A reset or disable that stopped around its commit left the replaced
    // slot beside the new one: the people row says which one its commit made.
    const auto agrees = [](const KeySlot& slot, const Person& row) {
        return slot.signPublicKey == row.signPublicKey && slot.disabled == row.disabled;
    };
    const QList<KeySlot> superseded = m_keys.superseded;
    for (const KeySlot& before : superseded) {
        const std::optional<Person> row = m_vault.person(before.name);
        const KeySlot* current = m_keys.slot(before.name);
        if (!row || !current)
            continue;
        if (agrees(*current, *row)) {
            m_keys.dropSuperseded(before.name);
        } else if (agrees(before, *row)) {
            m_keys.setSlot(before);
            m_keys.dropSuperseded(before.name);
        }
    }
}

void KeyFileChange::settleProductionRotation()
{
    // A rotation that stopped between its key-file write and its commit (or
    // after the commit, before promoting) left a pending production key in
    // every slot it wrote. My own slot's two keys against the log's check
    // value tell which way it went, for all of them; a session without the
    // production key cannot tell and leaves them for one that can.
    const KeySlot* mine = m_keys.slot(m_vault.m_me.name);
    if (!mine || mine->sealedPendingProductionKey.isEmpty())
        return;
    const QByteArray logged = Ledger::loggedProductionKeyCheck(*m_vault.m_db);
    const std::optional<SecureBytes> pending = m_vault.openSealed(mine->sealedPendingProductionKey);
    const std::optional<SecureBytes> current = m_vault.openSealed(mine->sealedProductionKey);
    const bool committed = pending && Ledger::productionKeyCheck(*pending) == logged;
    const bool abandoned = current && Ledger::productionKeyCheck(*current) == logged;
    if (committed == abandoned)
        return;
    for (KeySlot& slot : m_keys.slots)
        if (!slot.sealedPendingProductionKey.isEmpty() && slot.sealedPendingMasterKey.isEmpty())
            slot.settlePending(committed);
}

HeadSigner KeyFileChange::headSigner() const
{
    const Vault* vault = &m_vault;
    return {vault->m_me.name, [vault](QByteArrayView m) { return vault->sign(m); }};
}

Error KeyFileChange::audit(const QString& action, const QString& subject, const QJsonObject& details)
{
    const Vault* vault = &m_vault;
    return AuditLog::appendUnmirrored(
        *m_vault.m_db, m_vault.m_me, [vault](QByteArrayView m) { return vault->sign(m); }, action, subject, details);
}

Error KeyFileChange::commitEntry(const QString& action, const QString& subject, const QJsonObject& details)
{
    Database::Transaction tx(*m_vault.m_db);
    if (tx.beginError())
        return tx.beginError();
    if (Error e = audit(action, subject, details))
        return e;
    return tx.commit();
}

Error KeyFileChange::recordHead()
{
    return AuditLog::recordHead(*m_vault.m_db, &m_keys, headSigner());
}

Error KeyFileChange::mirrorHead()
{
    if (Error e = AuditLog::mirrorHeadLocked(*m_vault.m_db, path(), &m_keys, headSigner()))
        qCWarning(lcVault) << "the audit head was not recorded in the key file:" << e.message;
    return {};
}

void KeyFileChange::sign(KeySlot* slot) const
{
    slot->sign(m_vault.m_vaultId, m_vault.m_me.name, m_vault.m_signSecretKey);
}

Error KeyFileChange::sealedSlot(const QString& name, Role role, const crypto::SignKeyPair& pair,
                                QByteArrayView passphrase, KeySlot* out) const
{
    return sealedSlot(name, role, pair, passphrase, m_vault.m_kdfLevel, out);
}

Error KeyFileChange::sealedSlot(const QString& name, Role role, const crypto::SignKeyPair& pair,
                                QByteArrayView passphrase, KdfLevel level, KeySlot* out) const
{
    return sealedSlot(name, role, pair, passphrase, KdfParams::forNewSlot(level), out);
}

Error KeyFileChange::sealedSlot(const QString& name, Role role, const crypto::SignKeyPair& pair,
                                QByteArrayView passphrase, const KdfParams& params, KeySlot* out) const
{
    if (Error e = newKeySlot(m_vault.m_vaultId, name, role, pair.publicKey, pair.secretKey, passphrase, params, out))
        return e;
    sealVaultKeys(out, role, m_vault.m_masterKey, m_vault.m_productionKey);
    sign(out);
    return {};
}

Error KeyFileChange::ownSlot(QByteArrayView passphrase, KeySlot* out) const
{
    const Person& me = m_vault.m_me;
    return newKeySlot(m_vault.m_vaultId, me.name, me.role, me.signPublicKey, m_vault.m_signSecretKey, passphrase,
                      m_vault.m_kdfLevel, out);
}

Error KeyFileChange::renewedOwnSlot(QByteArrayView passphrase, const crypto::SignKeyPair& pair, KeySlot* out) const
{
    const Person& me = m_vault.m_me;
    const KeySlot* mine = m_keys.slot(me.name);
    if (!mine)
        return Error(ErrorKind::Damaged, Tr::tr("key file %1 has no slot for %2").arg(path(), me.name));
    if (Error e = newKeySlot(m_vault.m_vaultId, me.name, me.role, pair.publicKey, pair.secretKey, passphrase,
                             m_vault.m_kdfLevel, out))
        return e;
    // What the slot holds, no more: the role in the people row gives nothing here.
    const std::pair<const QByteArray*, QByteArray*> sealed[] = {
        {&mine->sealedMasterKey, &out->sealedMasterKey},
        {&mine->sealedPendingMasterKey, &out->sealedPendingMasterKey},
        {&mine->sealedProductionKey, &out->sealedProductionKey},
        {&mine->sealedPendingProductionKey, &out->sealedPendingProductionKey}};
    for (const auto& [from, to] : sealed) {
        if (from->isEmpty())
            continue;
        const std::optional<SecureBytes> key = crypto::openSealed(*from, m_vault.m_signSecretKey);
        if (!key)
            return Error(ErrorKind::Damaged,
                         Tr::tr("key file %1: a key in the slot of %2 does not open with their key; nothing was "
                                "changed")
                             .arg(path(), me.name));
        *to = crypto::sealTo(key->view(), pair.publicKey);
    }
    out->productionKeyCheck = mine->productionKeyCheck;
    out->pendingProductionKeyCheck = mine->pendingProductionKeyCheck;
    out->sign(m_vault.m_vaultId, me.name, pair.secretKey);
    return {};
}

void KeyFileChange::adoptKeyPair(crypto::SignKeyPair pair)
{
    m_vault.m_signSecretKey = std::move(pair.secretKey);
    m_vault.m_me.signPublicKey = pair.publicKey;
}

void KeyFileChange::replaceProductionKey(SecureBytes next)
{
    m_vault.m_productionKey = std::move(next);
}

RekeyState rekeyState(const KeyFile& keys, const QString& myName, const SecureBytes& mySecretKey,
                      const SecureBytes& workingKey)
{
    const KeySlot* mine = keys.slot(myName);
    if (!mine)
        return RekeyState::Stale;
    const std::optional<SecureBytes> current = crypto::openSealed(mine->sealedMasterKey, mySecretKey);
    const bool anyPending = std::any_of(keys.slots.cbegin(), keys.slots.cend(),
                                        [](const KeySlot& s) { return !s.sealedPendingMasterKey.isEmpty(); });
    if (current && current->equals(workingKey))
        return anyPending ? RekeyState::Abandoned : RekeyState::Clean;
    if (!mine->sealedPendingMasterKey.isEmpty()) {
        const std::optional<SecureBytes> pending = crypto::openSealed(mine->sealedPendingMasterKey, mySecretKey);
        if (pending && pending->equals(workingKey))
            return RekeyState::Committed;
    }
    return RekeyState::Stale;
}

void settleRekey(KeyFile* keys, RekeyState state)
{
    if (state != RekeyState::Committed && state != RekeyState::Abandoned)
        return;
    for (KeySlot& slot : keys->slots)
        slot.settlePending(state == RekeyState::Committed);
}

Error newKeySlot(const QString& vaultId, const QString& name, Role role, QByteArrayView publicKey,
                 const SecureBytes& secretKey, QByteArrayView passphrase, KdfLevel level, KeySlot* out)
{
    return newKeySlot(vaultId, name, role, publicKey, secretKey, passphrase, KdfParams::forNewSlot(level), out);
}

Error newKeySlot(const QString& vaultId, const QString& name, Role role, QByteArrayView publicKey,
                 const SecureBytes& secretKey, QByteArrayView passphrase, const KdfParams& params, KeySlot* out)
{
    *out = KeySlot::create(vaultId, name, roleName(role), publicKey, secretKey, passphrase, params);
    if (out->wrappedSecretKey.isEmpty())
        return Error(ErrorKind::Io, Tr::tr("not enough memory for the key derivation"));
    return {};
}

void sealVaultKeys(KeySlot* slot, Role role, const SecureBytes& master, const SecureBytes& production)
{
    slot->sealedMasterKey = crypto::sealTo(master.view(), slot->signPublicKey);
    if (roleHoldsProductionKey(role)) {
        slot->sealedProductionKey = crypto::sealTo(production.view(), slot->signPublicKey);
        slot->productionKeyCheck = Ledger::productionKeyCheck(production);
    }
}

} // namespace onramp
