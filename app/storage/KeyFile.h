#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace onramp {

/// libsodium's three Argon2id cost levels; a vault setting used for new slots.
enum class KdfLevel { Interactive, Moderate, Sensitive };

QString kdfLevelName(KdfLevel level);
std::optional<KdfLevel> kdfLevelFromName(const QString& name);

/// Argon2id cost parameters, stored in each slot.
struct KdfParams {
    quint64 opslimit = 0;
    quint64 memlimit = 0; ///< bytes

    static KdfParams forLevel(KdfLevel level);
    /// The parameters for new slots at \a level. TEST-ONLY: when the environment
    /// sets ONRAMP_TEST_KDF=fast, libsodium's minimum cost is used instead so that
    /// the test suite stays fast; a warning is logged whenever that happens.
    static KdfParams forNewSlot(KdfLevel level);
    /// Within libsodium's bounds (a tampered key file must not ask for 1 TiB).
    bool isSane() const;
};

/// Argon2id13 of \a passphrase into a 32-byte key; nullopt when out of memory.
std::optional<SecureBytes> deriveKey(QByteArrayView passphrase, QByteArrayView salt, const KdfParams& params);

/// One person's slot. The Argon2id key of the passphrase wraps the person's
/// Ed25519 secret key; the master key (and, for admins and mentors, the
/// production key) is sealed to the person's public key, so that an admin can
/// re-wrap it for everyone at rekey without knowing their passphrases.
struct KeySlot {
    QString name;
    QString role; ///< informational; the database's people table decides
    QByteArray signPublicKey; ///< Ed25519
    KdfParams kdf;
    QByteArray salt;
    QByteArray wrappedSecretKey; ///< nonce || XChaCha20-Poly1305(Ed25519 secret key)
    QByteArray sealedMasterKey; ///< crypto_box_seal(master key)
    QByteArray sealedPendingMasterKey; ///< only while a rekey is in flight
    QByteArray sealedProductionKey; ///< admins and mentors only
    QByteArray sealedPendingProductionKey; ///< only while disabling someone rotates the production key
    /// The check values (Ledger::productionKeyCheck) of the keys sealed above,
    /// signed with the slot: an older slot put back shows an older key.
    QByteArray productionKeyCheck;
    QByteArray pendingProductionKeyCheck;
    /// A disabled person's slot: no sealed keys, so their passphrase opens
    /// nothing but their own key pair (People::disable).
    bool disabled = false;
    /// Who signed the slot: an admin who wrote it, or its owner (a passphrase change).
    QString signedBy;
    QByteArray signature; ///< Ed25519 over canonical()
    /// While a rekey is pending, the signer also signs the slot's two possible
    /// outcomes, so that whoever settles an interrupted rekey keeps it signed.
    QByteArray signaturePromoted; ///< the pending key promoted
    QByteArray signatureAbandoned; ///< the pending key dropped
    /// Set by KeyFile::load when the slot cannot be used, saying why; such a
    /// slot is written back as it was read (raw).
    QString damage;
    QJsonObject raw;
    /// A damaged slot's row in the key store (KeyFileStore) as read.
    QByteArray rawRecord;

    /// A slot for \a name with a fresh salt; wraps \a signSecretKey under \a passphrase.
    static KeySlot create(const QString& vaultId, const QString& name, const QString& role,
                          QByteArrayView signPublicKey, const SecureBytes& signSecretKey, QByteArrayView passphrase,
                          const KdfParams& params);
    /// The Ed25519 secret key, or nullopt when the passphrase is wrong.
    std::optional<SecureBytes> unwrapSecretKey(const QString& vaultId, QByteArrayView passphrase) const;

    /// The bytes a slot's signature covers: a domain tag, the vault id and
    /// every field but the signatures, each length-prefixed.
    QByteArray canonical(const QString& vaultId) const;
    /// Signs the slot as \a signer (and, with a pending master key, its two outcomes).
    void sign(const QString& vaultId, const QString& signer, const SecureBytes& signerSecretKey);
    /// True when signature is \a signerPublicKey's over canonical().
    bool verifySignature(const QString& vaultId, QByteArrayView signerPublicKey) const;
    /// Settles a pending master or production key (\a promote: it replaces
    /// the current one; otherwise it is dropped), keeping the matching signature.
    void settlePending(bool promote);
    bool hasPending() const { return !sealedPendingMasterKey.isEmpty() || !sealedPendingProductionKey.isEmpty(); }
};

/// The key slots beside the vault database: format version, vault id and one
/// slot per person, in a JSON key file (keys.json, saved whole, atomically,
/// mode 0600) or, for a path ending in .db, in a key store (KeyFileStore,
/// keys.db: one row per slot, written alone). load(), loadFor() and save()
/// take either.
class KeyFile
{
public:
    static constexpr int kFormatVersion = 1;
    /// The largest key file read or written: about 190,000 slots, or 100,000
    /// during a rekey, when each slot carries a pending key and two more signatures.
    static constexpr qsizetype kMaxBytes = 128 * 1024 * 1024;
    /// kMaxBytes. TEST-ONLY: ONRAMP_TEST_KEY_FILE_LIMIT (bytes) lowers it, so
    /// that a test reaches the limit without writing 128 MiB; it never raises it.
    static qsizetype maxBytes();

    /// Loads \a path; a missing, unreadable or malformed file is ErrorKind::Damaged
    /// naming it. A slot that is incomplete or malformed does not fail the
    /// file: it is kept with KeySlot::damage saying why, so that everyone
    /// else still unlocks and the check names the person.
    static Error load(const QString& path, KeyFile* out);
    /// load() for the file's bytes; \a path names the file in messages.
    static Error parse(const QByteArray& json, const QString& path, KeyFile* out);
    /// What signing in as \a name needs, without parsing every slot: the slot
    /// of \a name and the one it superseded, their signers' slots, every slot
    /// with a pending master key (an interrupted rekey), and the first slot
    /// (for an unknown name). Each is parsed as load() parses it; the result
    /// isPartial() and cannot be saved. Errors as load().
    static Error loadFor(const QString& path, const QString& name, KeyFile* out);
    /// What an act that changes the slots of \a names reads: from a key store,
    /// the slots of \a names, of an interrupted rekey and every superseded
    /// slot with its current one, and of every other row only its name,
    /// state and digest (otherRows()), so that the act costs about the same
    /// whatever the number of people; its save writes only the rows of the
    /// names it read or sets. From a JSON key file, load().
    static Error loadForAct(const QString& path, const QStringList& names, KeyFile* out);
    /// parse() keeping only the slots loadFor() keeps for \a names; a file the
    /// quick scan cannot follow is parsed whole.
    static Error parseFor(const QByteArray& json, const QString& path, const QStringList& names, KeyFile* out);
    /// The slot's structure: field sizes, KDF parameters, a signature present.
    /// Empty when sound, otherwise why not (translated).
    static QString structureProblem(const KeySlot& slot);
    /// Writes atomically and durably (writePrivateFile), owner read/write only.
    /// Refuses, changing nothing, a file that would grow past maxBytes(), and
    /// a partial one (loadFor()).
    Error save(const QString& path) const;
    /// True when loaded by loadFor(): other people's slots are missing.
    bool isPartial() const { return m_partial; }
    /// A row of the key store that a partial read did not parse: whose and
    /// which (0 current, 1 superseded), and KeyFileStore::rowDigest() of it.
    struct RowDigest {
        QString name;
        int state = 0;
        QByteArray digest;
    };
    /// After loadForAct() from a key store: every row of a name it did not read.
    const QList<RowDigest>& otherRows() const { return m_otherRows; }
    /// Whether a partial read from a key store read every row of \a name
    /// (and a save writes them); always true for a whole read.
    bool covers(const QString& name) const { return !m_partial || m_coveredNames.contains(name); }
    /// Removes the slots of \a name, current and superseded: the next save
    /// deletes their rows, also from a partial read that did not read them.
    void forget(const QString& name);
    /// What save() writes.
    QByteArray toJson() const;
    /// One slot as a JSON object of the key file, and back: a slot that
    /// cannot be used is read with KeySlot::damage and written as it was read.
    static QJsonObject slotToJson(const KeySlot& slot);
    static KeySlot slotFromJson(const QJsonObject& object);

    KeySlot* slot(const QString& name);
    const KeySlot* slot(const QString& name) const;
    void setSlot(const KeySlot& slot); ///< adds or replaces by name

    /// The slot an act replaced for \a name, kept until its commit decides
    /// (People::resetPassphrase, People::disable), or nullptr.
    const KeySlot* supersededSlot(const QString& name) const;
    /// Keeps the current slot of \a name as the superseded one.
    void supersede(const QString& name);
    void dropSuperseded(const QString& name);

    QString vaultId;
    QList<KeySlot> slots;
    /// Slots replaced by an act whose commit has not been seen yet, one per
    /// name at most: the database's people row says which of the two stands.
    QList<KeySlot> superseded;
    /// Top-level fields this version does not manage (e.g. the audit head), kept as they are.
    QJsonObject extra;

private:
    friend class KeyFileStore;
    bool m_partial = false;
    /// Read from a key store (keys.db); when also partial, the names whose
    /// rows it read: a save writes those names' rows and no other.
    bool m_fromStore = false;
    QStringList m_coveredNames;
    QList<RowDigest> m_otherRows;
};

} // namespace onramp
