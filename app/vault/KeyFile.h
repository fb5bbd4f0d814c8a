#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace onramp {

/// libsodium's three Argon2id cost levels; a vault setting used for new slots.
enum class KdfLevel { Interactive, Moderate, Sensitive };

QString kdfLevelName(KdfLevel level);
std::optional<KdfLevel> kdfLevelFromName(const QString& name);

/// Argon2id cost parameters, stored in each slot.
struct KdfParams {
    quint64 opslimit = 0;
    quint64 memlimit = 0;  ///< bytes

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
    QString role;                     ///< informational; the database's people table decides
    QByteArray signPublicKey;         ///< Ed25519
    KdfParams kdf;
    QByteArray salt;
    QByteArray wrappedSecretKey;      ///< nonce || XChaCha20-Poly1305(Ed25519 secret key)
    QByteArray sealedMasterKey;       ///< crypto_box_seal(master key)
    QByteArray sealedPendingMasterKey;///< only while a rekey is in flight
    QByteArray sealedProductionKey;   ///< admins and mentors only
    /// A disabled person's slot: no sealed keys, so their passphrase opens
    /// nothing but their own key pair (Vault::disablePerson).
    bool disabled = false;

    /// A slot for \a name with a fresh salt; wraps \a signSecretKey under \a passphrase.
    static KeySlot create(const QString& vaultId, const QString& name, const QString& role,
                          QByteArrayView signPublicKey, const SecureBytes& signSecretKey,
                          QByteArrayView passphrase, const KdfParams& params);
    /// The Ed25519 secret key, or nullopt when the passphrase is wrong.
    std::optional<SecureBytes> unwrapSecretKey(const QString& vaultId, QByteArrayView passphrase) const;
};

/// The key file (keys.json) beside the vault database: format version, vault id
/// and one slot per person. Saved atomically with mode 0600.
class KeyFile
{
public:
    static constexpr int kFormatVersion = 1;

    /// Loads \a path; a missing, unreadable or malformed file is ErrorKind::Damaged naming it.
    static Error load(const QString& path, KeyFile* out);
    /// Writes atomically (QSaveFile), owner read/write only.
    Error save(const QString& path) const;

    KeySlot* slot(const QString& name);
    const KeySlot* slot(const QString& name) const;
    void setSlot(const KeySlot& slot);  ///< adds or replaces by name

    QString vaultId;
    QList<KeySlot> slots;
    /// Top-level fields this version does not manage (e.g. the audit head), kept as they are.
    QJsonObject extra;
};

} // namespace onramp
