#include "audit/LedgerSlots.h"

#include "KeyFile.h"
#include "KeyFileStore.h"
#include "TrustStore.h"
#include "audit/SignatureChecks.h"
#include "vault/Vault.h"

#include <sodium.h>

#include <QDir>
#include <QSet>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace onramp::ledger {

namespace {

/// A key slot as the rules below see it: its facts, and whether a given
/// public key signed it (checked, or known from a check before).
struct SlotUnderCheck {
    SlotFacts facts;
    std::function<bool(const QByteArray& key)> signedWith;
};

/// Whether an enabled admin of the log, under any key the log gave them, signed \a slot.
bool signedByAnAdmin(const SlotUnderCheck& slot, const QHash<QString, const LoggedPerson*>& byName)
{
    const LoggedPerson* signer = byName.value(slot.facts.signedBy);
    if (!signer || signer->role != kAdmin || signer->disabled)
        return false;
    for (const QByteArray& key : signer->keys)
        if (slot.signedWith(key))
            return true;
    return false;
}

/// Why \a slot cannot stand for \a person as the log has them, or empty.
QString standing(const SlotUnderCheck& slot, const LoggedPerson& person, const Collector& log,
                 const QHash<QString, const LoggedPerson*>& byName)
{
    const SlotFacts& f = slot.facts;
    if (f.signPublicKey != person.key)
        return Tr::tr("its key is not the one entry %1 gave them").arg(person.sequence);
    if (person.disabled && !f.disabled)
        return Tr::tr("it holds keys, but entry %1 disabled them").arg(person.sequence);
    // An emptied slot put in place of an enabled person's (a copy kept from a
    // disable that never committed) would lock them out unseen.
    if (!person.disabled && f.disabled)
        return Tr::tr("it is emptied, but the log has them enabled");
    // Who holds the production key is the log's to say: a hire's slot that
    // holds one (sealed there by the hire, who signs their own slot) would
    // be handed the next rotation's key.
    if (person.role != kAdmin && person.role != kMentor && (f.holdsProductionKey || f.holdsPendingProductionKey))
        return Tr::tr("it holds a production key, but the log has them as a %1").arg(person.role);
    // It holds the current production key (or, while a rotation settles,
    // the pending one is the current): an older slot put back does not.
    if (f.holdsProductionKey && f.productionKeyCheck != log.productionCheck
        && (!f.holdsPendingProductionKey || f.pendingProductionKeyCheck != log.productionCheck))
        return Tr::tr("it holds a production key that is not the vault's current one (an older slot put back?)");
    const bool signedWell = f.signedBy == f.name ? slot.signedWith(person.key) : signedByAnAdmin(slot, byName);
    if (!signedWell)
        return Tr::tr("it is not signed by its owner or by an admin of the log (signed by '%1')").arg(f.signedBy);
    return {};
}

/// Why a slot kept beside its replacement (superseded) is damaged, or empty:
/// it may stand for its person, so it must be whole and signed by them or by
/// an admin of the log, whether or not it stands now.
QString supersededProblem(const SlotUnderCheck& before, const QHash<QString, const LoggedPerson*>& byName)
{
    const LoggedPerson* person = byName.value(before.facts.name);
    bool signedWell = false;
    if (person && before.facts.signedBy == before.facts.name) {
        for (const QByteArray& key : person->keys) // a reset may have given them a new key since
            signedWell = signedWell || before.signedWith(key);
    } else {
        signedWell = signedByAnAdmin(before, byName);
    }
    if (!before.facts.problem.isEmpty())
        return before.facts.problem;
    if (!signedWell)
        return Tr::tr("it is not signed by its owner or by an admin of the log");
    return {};
}

/// A slot read whole, its signatures checked through \a cache (checks that
/// held before, by a hash of what was checked).
SlotUnderCheck underCheck(const QString& vaultId, const KeySlot& slot, VerifiedSignatures* cache)
{
    const QByteArray message = slot.signature.isEmpty() ? QByteArray() : slot.canonical(vaultId);
    const QByteArray signature = slot.signature;
    return {SlotFacts::of(slot), [message, signature, cache](const QByteArray& key) {
                return !signature.isEmpty() && cache->verify(message, signature, key);
            }};
}

/// A row known from before (VerifiedSlots), when every key its signer has
/// by the log was tried on it then; otherwise it must be read again.
std::optional<SlotUnderCheck> remembered(const VerifiedSlots::Entry& entry,
                                         const QHash<QString, const LoggedPerson*>& byName)
{
    const LoggedPerson* signer = byName.value(entry.facts.signedBy);
    if (signer && entry.facts.isSigned)
        for (const QByteArray& key : signer->keys)
            if (!entry.signedWith.contains(key))
                return std::nullopt;
    const QHash<QByteArray, bool> signedWith = entry.signedWith;
    const bool isSigned = entry.facts.isSigned;
    return SlotUnderCheck{entry.facts, [signedWith, isSigned](const QByteArray& key) {
                              return isSigned && signedWith.value(key, false);
                          }};
}

} // namespace

QString storedChecksPath(const Vault& vault)
{
    const QByteArray name = vault.me().name.toUtf8();
    unsigned char tag[8];
    crypto_generichash(tag, sizeof tag, reinterpret_cast<const unsigned char*>(name.constData()),
                       static_cast<unsigned long long>(name.size()), nullptr, 0);
    return QDir(TrustStore::directory())
        .filePath(vault.vaultId() + QStringLiteral(".signatures-")
                  + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(tag), sizeof tag).toHex()));
}

Error reconcileSlots(const KeyFile& keys, const QString& keyPath, const Collector& log, VerifiedSignatures* cache,
                     VerifiedSlots* rows, QStringList* forNobody)
{
    QHash<QString, const LoggedPerson*> byName;
    for (auto it = log.people.cbegin(); it != log.people.cend(); ++it)
        byName.insert(it->name, &*it);

    // The other rows: known ones by their digest; the rest, read by name.
    struct Known {
        QString name;
        int state = 0;
        SlotUnderCheck slot;
    };
    QList<Known> known;
    // In order, and as a set: in a fresh process every row is unknown, and a
    // list's contains() made this pass quadratic in the people.
    QStringList unknown;
    QSet<QString> unknownSet;
    for (const KeyFile::RowDigest& row : keys.otherRows()) {
        std::optional<VerifiedSlots::Entry> entry = rows->find(row.digest);
        std::optional<SlotUnderCheck> slot = entry ? remembered(*entry, byName) : std::nullopt;
        if (slot)
            known.append({row.name, row.state, std::move(*slot)});
        else if (!unknownSet.contains(row.name)) {
            unknownSet.insert(row.name);
            unknown.append(row.name);
        }
    }
    known.removeIf([&unknownSet](const Known& k) { return unknownSet.contains(k.name); });
    struct Read {
        KeySlot slot;
        int state = 0;
        QByteArray digest;
    };
    QList<Read> read;
    if (!unknown.isEmpty())
        if (Error e = KeyFileStore::readRows(keyPath, keys.vaultId, unknown, [&](const KeyFileStore::RowView& row) {
                read.append({KeyFileStore::slotFromRecord(row.name, row.record.toByteArray()), row.state,
                             KeyFileStore::rowDigest(keys.vaultId, row.name, row.state, row.record)});
            }))
            return e;
    // What was read again by name is every row the pass over the store saw
    // of that name: an index a hire rewrote cannot hide one from the check.
    {
        QHash<QString, int> listed;
        for (const KeyFile::RowDigest& row : keys.otherRows())
            if (unknownSet.contains(row.name))
                ++listed[row.name];
        QHash<QString, int> found;
        for (const Read& r : std::as_const(read))
            ++found[r.slot.name];
        for (auto it = listed.cbegin(); it != listed.cend(); ++it)
            if (found.value(it.key()) != it.value())
                return Error(ErrorKind::Damaged,
                             Tr::tr("key file %1: the rows of %2 read by name are not the rows the store holds "
                                    "(it was changed outside Onramp)")
                                 .arg(keyPath, it.key()));
    }

    // Every signature the rules below may ask about, checked ahead on all
    // cores; the rules then find each in the cache (or check it again).
    std::vector<VerifiedSignatures::Signed> ahead;
    const auto signersOf = [&](const KeySlot& slot) {
        const LoggedPerson* signer = byName.value(slot.signedBy);
        if (!signer || slot.signature.isEmpty())
            return;
        const QByteArray message = slot.canonical(keys.vaultId);
        for (const QByteArray& key : signer->keys)
            ahead.push_back({message, slot.signature, key});
    };
    for (const KeySlot& slot : keys.slots)
        signersOf(slot);
    for (const KeySlot& slot : keys.superseded)
        signersOf(slot);
    for (const Read& r : std::as_const(read))
        signersOf(r.slot);
    cache->verifyAll(std::move(ahead), QThreadPool::globalInstance());
    // What was read again is remembered by its digest, with the outcome of
    // each key its signer has by the log.
    for (const Read& r : std::as_const(read)) {
        VerifiedSlots::Entry entry{SlotFacts::of(r.slot), {}};
        if (const LoggedPerson* signer = byName.value(r.slot.signedBy); signer && !r.slot.signature.isEmpty()) {
            const QByteArray message = r.slot.canonical(keys.vaultId);
            for (const QByteArray& key : signer->keys)
                entry.signedWith.insert(key, cache->holds(message, r.slot.signature, key));
        }
        rows->remember(r.digest, std::move(entry));
        known.append({r.slot.name, r.state, underCheck(keys.vaultId, r.slot, cache)});
    }

    QSet<QString> slotted;
    const auto slotDamaged = [&](const QString& name, const QString& why) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1: the key slot of %2 is damaged (%3)").arg(keyPath, name, why));
    };
    const auto supersededDamaged = [&](const QString& name, const QString& why) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1: the superseded key slot of %2 is damaged (%3)").arg(keyPath, name, why));
    };
    // A current slot: \a before, the one it superseded, may stand instead.
    const auto checkCurrent = [&](const SlotUnderCheck& slot, const SlotUnderCheck* before) -> Error {
        const QString& name = slot.facts.name;
        if (!slot.facts.problem.isEmpty())
            return slotDamaged(name, slot.facts.problem);
        const LoggedPerson* person = byName.value(name);
        if (!person) {
            // `person add` writes the slot before it commits the person: a
            // stop between leaves a slot that an admin of the log signed and
            // that opens nothing (no person of that name). The next key-file
            // change drops it; anything else is damage.
            if (signedByAnAdmin(slot, byName)) {
                forNobody->append(name);
                return {};
            }
            return slotDamaged(name, Tr::tr("no audit entry added a person of that name"));
        }
        QString problem = standing(slot, *person, log, byName);
        // A reset or disable stopped before its commit left the slot it
        // replaced beside the new one: that one stands while the log says so.
        if (!problem.isEmpty() && before && before->facts.problem.isEmpty()
            && standing(*before, *person, log, byName).isEmpty())
            problem.clear();
        if (!problem.isEmpty())
            return slotDamaged(name, problem);
        slotted.insert(name);
        return {};
    };
    for (const KeySlot& slot : keys.slots) {
        const KeySlot* kept = keys.supersededSlot(slot.name);
        const std::optional<SlotUnderCheck> before =
            kept ? std::optional(underCheck(keys.vaultId, *kept, cache)) : std::nullopt;
        if (Error e = checkCurrent(underCheck(keys.vaultId, slot, cache), before ? &*before : nullptr))
            return e;
    }
    for (const KeySlot& before : keys.superseded)
        if (const QString problem = supersededProblem(underCheck(keys.vaultId, before, cache), byName);
            !problem.isEmpty())
            return supersededDamaged(before.name, problem);
    // The other rows stand on their own: a slot superseded there (planted
    // since the act read its rows) rescues none.
    for (const Known& row : std::as_const(known)) {
        if (row.state == 0) {
            if (Error e = checkCurrent(row.slot, nullptr))
                return e;
        } else if (const QString problem = supersededProblem(row.slot, byName); !problem.isEmpty()) {
            return supersededDamaged(row.name, problem);
        }
    }
    for (const LoggedPerson& person : log.people)
        if (!person.disabled && !slotted.contains(person.name))
            return Error(ErrorKind::Damaged,
                         Tr::tr("key file %1 has no key slot for %2, whom entry %3 added")
                             .arg(keyPath, person.name)
                             .arg(person.sequence));
    return {};
}
} // namespace onramp::ledger
