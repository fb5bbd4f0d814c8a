#pragma once

// Pieces shared by the vault's files (Vault, KeyFileChange); not part of the public API.

#include "Error.h"
#include "KeyFile.h"
#include "SecureBytes.h"
#include "people/Person.h"

#include <QLockFile>
#include <QLoggingCategory>

#include <memory>

namespace onramp {

Q_DECLARE_LOGGING_CATEGORY(lcVault)

/// The lock that serializes writers of the key file (vault.lock). A holder that
/// died leaves a stale lock, which QLockFile recognises by its process id.
class KeyFileLock
{
public:
    /// Waits up to \a timeoutMs; ErrorKind::Busy when another process keeps it.
    Error acquire(const QString& dir, int timeoutMs);
    bool isLocked() const { return m_lock && m_lock->isLocked(); }

private:
    std::unique_ptr<QLockFile> m_lock;
};

QString keyFilePath(const QString& dir);
QString databasePath(const QString& dir);

/// What an interrupted rekey left in the key file, judged from the key the
/// database actually opened with (\a workingKey) and one slot's view.
enum class RekeyState { Clean, Abandoned, Committed, Stale };
RekeyState rekeyState(const KeyFile& keys, const QString& myName, const SecureBytes& mySecretKey,
                      const SecureBytes& workingKey);
/// Clears (Abandoned) or promotes (Committed) every slot's pending master key.
void settleRekey(KeyFile* keys, RekeyState state);
/// \a slot's structure and its signature under its signer's key as the key
/// file names it (ErrorKind::Damaged naming the person); the signer's
/// authority is the Ledger's to check.
Error checkSlot(const KeyFile& keys, const KeySlot& slot, const QString& keyPath);
/// A new slot for \a name (\a role) holding \a secretKey under \a passphrase,
/// at the Argon2id cost of \a level, with no sealed keys and not signed;
/// ErrorKind::Io when there is not enough memory for the derivation.
Error newKeySlot(const QString& vaultId, const QString& name, Role role, QByteArrayView publicKey,
                 const SecureBytes& secretKey, QByteArrayView passphrase, KdfLevel level, KeySlot* out);
/// newKeySlot() at exactly \a params.
Error newKeySlot(const QString& vaultId, const QString& name, Role role, QByteArrayView publicKey,
                 const SecureBytes& secretKey, QByteArrayView passphrase, const KdfParams& params, KeySlot* out);
/// Seals \a master, and for a role that holds it \a production with its check
/// value, to \a slot's public key.
void sealVaultKeys(KeySlot* slot, Role role, const SecureBytes& master, const SecureBytes& production);

} // namespace onramp
