#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace onramp {

class Database;
class KeyFile;
class Vault;

/// What is wrong with the first bad entry of an audit log.
enum class AuditProblem {
    None,
    HashMismatch, ///< its fields do not give its hash: a field was edited
    BadSignature, ///< the hash is not signed by the named actor's key of that time
    Gap, ///< an entry is missing: the sequence jumps
    Order, ///< entries swapped or moved, or time going backwards
    BrokenLink, ///< its previous hash is not the hash of the entry before it
    HeadMismatch, ///< the log does not end where the key file says (cut off, or added to)
    UnknownKey, ///< signed by a key no admin's entry of the log introduced, or a key introduced by a non-admin
    Authority, ///< a well-signed entry whose actor had no authority for what it records
};

/// SQLite's integrity check of \a table with its indexes, which compares
/// each index with the table entry by entry. ErrorKind::Damaged with the
/// message \a describe makes of SQLite's first answer when it is not "ok".
Error checkTableIntegrity(Database& db, const QString& table,
                          const std::function<QString(const QString& answer)>& describe);

/// "hash mismatch", "bad signature", "gap", "order", "broken link", "head mismatch", "unknown key", "no authority".
QString auditProblemName(AuditProblem problem);

/// The outcome of walking the chain.
struct AuditVerification {
    qint64 entries = 0; ///< entries that verified before the first problem
    qint64 headSequence = 0; ///< the last entry's sequence number
    AuditProblem problem = AuditProblem::None;
    qint64 sequence = 0; ///< the first bad entry's sequence number
    QString message; ///< translated: "entry 12: hash mismatch: …"
    QStringList notes; ///< not problems, e.g. a head not mirrored yet

    bool ok() const { return problem == AuditProblem::None; }
    /// What the walk says of entry \a sequence, translated: empty when the
    /// chain vouches for it (it comes before the first bad entry), the
    /// problem's name for the first bad one ("hash mismatch", "no
    /// authority"), "it follows entry N" for any later one. `audit log`,
    /// `audit export` and the audit page mark entries with it.
    QString problemAt(qint64 sequence) const;
    /// ErrorKind::Damaged with the message; no error when ok().
    Error toError() const;
};

struct AuditEntry;

/// Sees each entry once its sequence, hash, signature and link hold, in log
/// order, and may refuse it: the Ledger checks authority and collects what
/// the entries vouch for this way.
class AuditVisitor
{
public:
    virtual ~AuditVisitor() = default;
    /// \a actorRole is the actor's role by the log ("admin", "mentor",
    /// "hire"; empty when the log gave none); \a signerKey, the key the log
    /// gave the actor at this entry, under which its signature holds. A
    /// non-empty result is the entry's Authority problem, translated.
    virtual QString visit(const AuditEntry& entry, const QJsonObject& details, const QString& actorRole,
                          const QByteArray& signerKey) = 0;
};

/// How the verifier checks signatures: a page of entries at a time, on a pool
/// of threads while the walk reads on. The finding is the same either way:
/// the first bad entry, with the same message.
struct AuditParallelism {
    int threads = 0; ///< 0: one per core; 1: each where the walk reaches it, on the caller's thread
    int pageEntries = 4096; ///< entries read and checked at a time; at most two pages are held
};

/// Walks the audit log from the first entry to the last, as a transparency-log
/// verifier does, and names the first bad entry. Per entry, in this order:
/// the sequence follows (gap), the previous hash is the hash of the entry
/// before it (a mismatch whose hash belongs to a later entry is an order
/// problem), the keyed hash of its fields, the actor's signature under the key
/// the chain gave that person at that sequence, the time not going backwards.
/// A log that starts with `vault.create` trusts only the keys its own entries
/// introduce (`vault.create`, and `person.add` or `passphrase.reset` signed by
/// an admin of the log); the people table is consulted only for a log that
/// began before the audit log existed.
/// At the end, the head against the key file's mirror: one entry beyond the
/// mirror is accepted (a process that stopped between its commit and its
/// key-file write), anything else is a head mismatch.
class AuditVerifier
{
public:
    /// \a keys supplies the mirrored head. Errors are for reading failures;
    /// findings go to \a out.
    /// \a trustedSequence and \a trustedHash: a prefix this desktop verified
    /// before. Its entries' hashes and links are recomputed as always, but
    /// their signatures are not checked again when entry \a trustedSequence
    /// still has \a trustedHash (the chain of hashes then pins every entry
    /// before it); when it does not, that entry is the first bad one.
    /// \a parallelism: how the signatures are checked (the finding is the same).
    static Error verify(Database& db, const KeyFile& keys, AuditVerification* out, AuditVisitor* visitor = nullptr,
                        qint64 trustedSequence = 0, const QByteArray& trustedHash = {},
                        const AuditParallelism& parallelism = {});
    /// The same for an unlocked vault, with its current key file.
    static Error verify(Vault& vault, AuditVerification* out, const AuditParallelism& parallelism = {},
                        AuditVisitor* visitor = nullptr);
    /// verify(Vault&) for a listing of the log (`audit log`): the signatures
    /// of the prefix this desktop's privileged checks verified before (its
    /// trust file's verified entry, still there with its hash) are not
    /// checked again. A problem found at or before that entry has the whole
    /// log verified again, so the first bad entry named is the one a full
    /// verify names. `audit verify` always checks every signature.
    static Error verifySinceDesktopCheck(Vault& vault, AuditVerification* out);
};

} // namespace onramp
