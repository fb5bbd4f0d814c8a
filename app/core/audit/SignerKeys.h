#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace onramp {

class Vault;

/// Checks the signature a row carries (a step review, a sign-off, a
/// production grant) under the key the verified log gave its author when
/// they signed it, not under the key they hold now: an admin's passphrase
/// reset gives a mentor a new key pair, and what the old one signed goes on
/// counting. docs/SECURITY.md, "Enrollments, reviews and the sign-off".
class SignerKeys
{
public:
    explicit SignerKeys(Vault& vault)
        : m_vault(vault)
    {}
    /// Whether \a signature over \a message holds for row \a rowId of
    /// \a table ("step_reviews", "signoffs" or "credential_grants"), whose author is person
    /// \a authorId with the key \a currentKey now. In a session whose walk
    /// of the log still describes the database, only the key the walk found
    /// for the row counts (none: nothing holds). An admin's or mentor's
    /// session after its own writes (or one that never walked) tries the
    /// newest walk's key for the row and the author's key now. A hire's own
    /// session, which checks no log and decides nothing, tries the key now
    /// and every key the log's entries name for the author.
    bool holds(const QString& table, qint64 rowId, qint64 authorId, const QByteArray& currentKey,
               const QByteArray& message, const QByteArray& signature);

    /// Whether \a signature over \a message holds under a key the log gave
    /// person \a authorId before \a currentKey (a reset since). Only where
    /// the log's entries are the ones a walk verified (its stamp is the
    /// database's), or in a hire's own session, which decides nothing; a
    /// note is in no entry, so this says whose it was, not that it counts.
    bool earlierKeyHolds(qint64 authorId, const QByteArray& currentKey, const QByteArray& message,
                         const QByteArray& signature);

private:
    /// The keys the log's entries gave person \a personId, read once.
    const QList<QByteArray>& loggedKeysOf(qint64 personId);

    Vault& m_vault;
    QHash<qint64, QList<QByteArray>> m_loggedKeys;
};

} // namespace onramp
