#pragma once

#include "checklist/Checklist.h"

#include "Error.h"
#include "SecureBytes.h"

#include <QDateTime>

#include <optional>

namespace onramp {

class Vault;

/// Secrets kept under the production key (only admins and mentors hold it):
/// static secrets an admin set, shared by every hire (hireId 0), and the
/// per-hire copies of generated production secrets, kept so that a renewal
/// re-seals the same secret. Each box is bound to its credential, environment
/// and hire by the AEAD context, so a box moved to another row does not open.
class SecretStore
{
public:
    explicit SecretStore(Vault& vault)
        : m_vault(vault)
    {}

    /// Stores (or replaces) the secret; the caller holds a transaction. A
    /// secret shared by every hire (\a hireId 0) gets a new random seal in
    /// its box's associated data, given in \a seal: the entry that stores it
    /// names it (records::sealKey()), and the check holds the row to it.
    Error put(const QString& credentialId, Environment environment, qint64 hireId, const SecureBytes& secret,
              const QDateTime& now, QByteArray* seal = nullptr);
    /// The secret, or nullopt with no error when none is stored. NotPermitted
    /// for a session without the production key.
    Error get(const QString& credentialId, Environment environment, qint64 hireId, std::optional<SecureBytes>* out);
    /// Deletes the secret, if any.
    Error remove(const QString& credentialId, Environment environment, qint64 hireId);
    /// The rows of \a credentialId for \a hireId (0: the shared one), in
    /// any environment their row names, whose box does not open where it is
    /// kept (rewritten or moved outside Onramp), and the shared ones whose
    /// seal is not the one the newest signed entry storing it names (an
    /// earlier box put back). What a repair replaces.
    Error unopened(const QString& credentialId, qint64 hireId, QList<qint64>* rowIds);
    /// Deletes the rows unopened() found.
    Error removeRows(const QList<qint64>& rowIds);
    /// When the secret was set: invalid when none is stored, or when the one
    /// stored does not open (a box the hire wrote is no secret). The secret
    /// is opened to check it and wiped at once; it never leaves. NotPermitted
    /// for a session without the production key.
    Error setAt(const QString& credentialId, Environment environment, qint64 hireId, QDateTime* out);

private:
    Vault& m_vault;
};

} // namespace onramp
