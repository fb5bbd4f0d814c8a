#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace onramp {

class Vault;
struct AuditEntry;

/// Checks what a person signed under the key the verified log gave them
/// when they signed it, not under the key they hold now: an admin's
/// passphrase reset gives a person a new key pair, and what the old one
/// signed goes on counting. docs/SECURITY.md, "Enrollments, reviews and the
/// sign-off".
///
/// Where it looks, by session: one whose walk of the log still describes
/// the database (Vault::logged()) takes only what the walk found. An
/// admin's or mentor's session whose walk is older than the database (any
/// write since, its own or another's) falls back on the newest walk and
/// the person's key now, as read from the people table; such a read
/// decides nothing the next walk does not check again. A hire's own
/// session, which walks no log and decides nothing, tries the key now and
/// every key the log's entries name for the person.
class SignerKeys
{
public:
    explicit SignerKeys(Vault& vault)
        : m_vault(vault)
    {}
    /// Whether \a signature over \a message holds for row \a rowId of
    /// \a table ("step_reviews", "signoffs" or "credential_grants"), whose
    /// author is person \a authorId, with the key \a currentKey now. With a
    /// walk that describes the database, only the key the walk found for
    /// the row counts, and only when the entry that vouched for it is
    /// \a authorId's (none: nothing holds).
    bool holds(const QString& table, qint64 rowId, qint64 authorId, const QByteArray& currentKey,
               const QByteArray& message, const QByteArray& signature);
    /// Whether \a entry stands as its actor signed it: its keyed hash
    /// (\a hashKey) holds, and so does their signature: an entry the walk
    /// verified (the walk still describes the database) holds by that
    /// walk, whatever key signed it then; otherwise under \a currentKey
    /// (their key now), or, in a hire's own session, any key the log's
    /// entries name for them.
    bool entryHolds(const AuditEntry& entry, const QByteArray& currentKey, const SecureBytes& hashKey);
    /// Whether \a signature over \a message holds under a key the log gave
    /// person \a authorId before \a currentKey (a reset or change since).
    /// Only where the walk describes the database, or in a hire's own
    /// session; a note is in no entry, so this says whose key it was, not
    /// that they wrote it.
    bool earlierKeyHolds(qint64 authorId, const QByteArray& currentKey, const QByteArray& message,
                         const QByteArray& signature);

private:
    /// Every key the log gave person \a personId: the walk's (an admin's or
    /// mentor's session with a walk), or the log's entries' (a hire's own
    /// session), read once.
    QList<QByteArray> loggedKeysOf(qint64 personId);

    Vault& m_vault;
    QHash<qint64, QList<QByteArray>> m_loggedKeys;
};

} // namespace onramp
