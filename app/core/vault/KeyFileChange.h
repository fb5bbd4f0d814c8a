#pragma once

#include "Crypto.h"
#include "Database.h"
#include "Error.h"
#include "KeyFile.h"
#include "people/Person.h"
#include "vault/VaultInternal.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace onramp {

class Vault;
struct HeadSigner;

/// One act that rewrites the key file, by the person who unlocked \a vault:
/// the key-file lock held from begin() until it ends, the key file as the act
/// reads and writes it (keys()), its writing transaction, and the steps that
/// need that person's secret keys: sealing the vault's keys into a new slot,
/// signing a slot, signing an audit entry or head.
///
/// Vault's key acts (Vault::rekey, Vault::recordRestore) and the acts on
/// people (People) are written with it. It is the one friend of Vault: the
/// secret keys stay in the Vault, and whoever holds a change reaches them
/// only through the steps below, which hand out none of them.
class KeyFileChange
{
public:
    explicit KeyFileChange(Vault& vault);
    KeyFileChange(const KeyFileChange&) = delete;
    KeyFileChange& operator=(const KeyFileChange&) = delete;

    /// Which slots an act reads whole: mine and those of the names it acts
    /// on (KeyFile::loadForAct: every other one is checked where it is, by
    /// its digest, and left as it is), or every slot (an act that changes
    /// them all: a rekey, a disable that rotates the production key).
    enum class Reads { Named, Every };
    /// Takes the key-file lock, reloads the key file (my slot and those of
    /// \a names, or every slot) and settles what an interrupted rekey,
    /// production-key rotation, reset or disable left.
    /// ErrorKind::Busy when another process changed my slot since the unlock.
    Error begin(const QStringList& names = {}, Reads reads = Reads::Named);
    /// begin(), the writing transaction, and requirePrivileged() inside it:
    /// what the act then reads of the database cannot change before it commits.
    Error beginPrivileged(const QStringList& names = {}, Reads reads = Reads::Named);
    /// The whole authority check before an act that seals keys to people,
    /// with keys() as this act holds it and will write it (never skipped: the
    /// key file can change without the database). Drops, from keys(), a slot
    /// for nobody that a stopped `person add` left.
    Error requirePrivileged();
    /// begin() and the writing transaction, without the authority check: an
    /// act on my own slot and rows alone (choosing my own passphrase).
    Error beginOwn();
    /// Commits the transaction beginPrivileged() or beginOwn() opened.
    Error commit();
    /// After a commit() that failed: whether it took effect all the same (only
    /// the sync of its folder failed), which the people row of \a name shows
    /// when \a shows holds for it.
    bool tookEffect(const QString& name, const std::function<bool(const Person&)>& shows) const;

    KeyFile& keys() { return m_keys; }
    QString path() const;
    /// Writes keys() (KeyFile::save).
    Error save() const;

    /// An audit entry by me inside the open transaction; its head is mirrored
    /// by recordHead() or mirrorHead().
    Error audit(const QString& action, const QString& subject, const QJsonObject& details);
    /// An audit entry by me in a transaction of its own, committed before
    /// anything else changes: a failure after it leaves an entry for a change
    /// that did not happen, never a change without its entry.
    Error commitEntry(const QString& action, const QString& subject, const QJsonObject& details);
    /// The audit head, signed by me, into keys(); the next save() writes it.
    Error recordHead();
    /// After a commit: the audit head into keys() and the file. A failure here
    /// is what verification tolerates (the head one entry behind) and the next
    /// change repairs; it is logged, not the act's failure.
    Error mirrorHead();

    /// Signs \a slot as me.
    void sign(KeySlot* slot) const;
    /// A new slot for \a name (\a role) holding \a pair's secret key under
    /// \a passphrase, the master key (and, for a role that holds it, the
    /// production key) sealed to \a pair's public key, signed by me.
    Error sealedSlot(const QString& name, Role role, const crypto::SignKeyPair& pair, QByteArrayView passphrase,
                     KeySlot* out) const;
    /// sealedSlot() with the key derivation at \a level instead of the vault's.
    /// Safe to call from several threads at once.
    Error sealedSlot(const QString& name, Role role, const crypto::SignKeyPair& pair, QByteArrayView passphrase,
                     KdfLevel level, KeySlot* out) const;
    /// sealedSlot() with the key derivation at \a params exactly.
    Error sealedSlot(const QString& name, Role role, const crypto::SignKeyPair& pair, QByteArrayView passphrase,
                     const KdfParams& params, KeySlot* out) const;
    /// A new slot for me holding my own secret key under \a passphrase, with
    /// no sealed keys yet and not signed.
    Error ownSlot(QByteArrayView passphrase, KeySlot* out) const;
    /// A new slot for me holding \a pair's secret key under \a passphrase,
    /// with every key my slot in keys() holds (master, production, pending)
    /// opened with my secret key and sealed again to \a pair's public key,
    /// check values kept, signed by me under \a pair. ErrorKind::Damaged
    /// when one of them does not open.
    Error renewedOwnSlot(QByteArrayView passphrase, const crypto::SignKeyPair& pair, KeySlot* out) const;
    /// After the commit of an act that gave me \a pair: this session signs,
    /// opens sealed boxes and seals slots with it from now on.
    void adoptKeyPair(crypto::SignKeyPair pair);
    /// The production key from now on, after the act rotated it.
    void replaceProductionKey(SecureBytes next);

private:
    void settleProductionRotation();
    void settleSuperseded();
    HeadSigner headSigner() const;

    Vault& m_vault;
    KeyFileLock m_lock;
    KeyFile m_keys;
    std::optional<Database::Transaction> m_transaction;
};

} // namespace onramp
