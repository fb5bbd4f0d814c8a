#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "people/Person.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace onramp {

class Database;
class KeyFile;
class Vault;
struct AuditVerification;

/// One entry of the audit log as the vault stores it.
struct AuditEntry {
    qint64 sequence = 0;
    QString at; ///< UTC, ISO 8601 with milliseconds
    qint64 actorId = 0; ///< people.id
    QString actorName;
    QString action; ///< e.g. "person.add", "step.done", "credential.reveal"
    QString subject; ///< what was acted on: a person, a step, a credential id
    QString details; ///< a JSON object, compact, keys sorted; never a secret value
    QByteArray previousHash; ///< the hash of entry sequence - 1 (32 zero bytes for the first)
    QByteArray hash; ///< keyed BLAKE2b-256 of canonical()
    QByteArray signature; ///< the actor's Ed25519 signature of signedMessage(hash)
    /// Read back: every column is stored as the type Onramp writes (integer,
    /// text or blob). One rewritten as another type reads as the same value
    /// and keeps the hash, but SQL no longer finds it by that value.
    bool storedAsWritten = true;

    /// {"seq", "at", "actor", "actor_id", "action", "subject", "details" (object),
    ///  "prev_hash", "hash", "signature" (base64)}
    QJsonObject toJson() const;
};

/// Which entries `audit log` shows; empty fields match everything.
struct AuditQuery {
    QDateTime since; ///< entries at or after this time
    QString actor; ///< by name
    QString action;
    qint64 actorId = 0; ///< when non-zero, only this person's entries (a non-admin's own trail)
    int newest = 0; ///< when positive, only the last this many matching entries (still oldest first)
    QString person = {}; ///< by name: entries by this person or about them (the subject)
    /// entries whose action, actor, subject or details hold this text (A-Z in any case), or
    /// whose action is one of textActions or whose actor or subject is one of textNames (what a
    /// caller found the text in: an action's shown name, a person's display name)
    QString text = {};
    QStringList textActions = {};
    QStringList textNames = {};
};

/// The acting person's signature over an entry's signed message.
using AuditSigner = std::function<QByteArray(QByteArrayView message)>;

/// Who mirrors the head into the key file, signing it: a person of the log.
struct HeadSigner {
    QString name;
    AuditSigner sign;
};

/// The tamper-evident audit log (docs/SECURITY.md, "Audit log"): an
/// append-only table in the vault database where each entry carries the hash
/// of the one before it, a keyed BLAKE2b hash of its own fields and the actor's
/// Ed25519 signature over that hash. The head (sequence, hash) is mirrored into
/// the key file after each committed append, so entries cut off the end show.
class AuditLog
{
public:
    static constexpr int kHashBytes = 32;
    /// The key-file field that mirrors the head: {"seq": N, "hash": base64}.
    static QString headField() { return QStringLiteral("audit_head"); }

    /// Inside the caller's open Database::Transaction: appends an entry by the
    /// person who unlocked \a actor. If it fails, the caller returns the error
    /// and its transaction rolls back, so the change it records never happens
    /// unrecorded. After the commit the head is mirrored into the key file.
    /// \a details must never hold a secret value (credential ids only).
    static Error append(Vault& actor, const QString& action, const QString& subject, const QJsonObject& details = {});
    /// The same in its own transaction, for an action that changes nothing
    /// else in the vault (a production secret revealed or exported): when the
    /// entry cannot be written, the caller must not go on.
    static Error record(Vault& actor, const QString& action, const QString& subject, const QJsonObject& details = {});

    /// The building block of append() for the vault's own operations, which
    /// hold the key-file lock themselves and mirror the head with
    /// mirrorHeadLocked(): no after-commit mirror is scheduled. \a out, when
    /// given, receives the entry written.
    static Error appendUnmirrored(Database& db, const Person& actor, const AuditSigner& sign, const QString& action,
                                  const QString& subject, const QJsonObject& details, AuditEntry* out = nullptr);

    /// The last entry's (sequence, hash); (0, empty) for an empty log.
    static Error head(Database& db, qint64* sequence, QByteArray* hash);
    /// The head recorded in the key file; (0, empty) when it has none.
    static void headOf(const KeyFile& keys, qint64* sequence, QByteArray* hash);
    /// Puts the table's head into \a keys (not saved) when it is newer than the
    /// recorded one; \a changed says whether it was.
    static Error recordHead(Database& db, KeyFile* keys, const HeadSigner& signer, bool* changed = nullptr);
    /// recordHead() and, when it changed, saves \a keys to \a keyPath. The
    /// caller holds the key-file lock.
    static Error mirrorHeadLocked(Database& db, const QString& keyPath, KeyFile* keys, const HeadSigner& signer);
    /// Takes the key-file lock of the vault in \a dir and mirrors the head.
    static Error mirrorHead(Database& db, const QString& dir, const HeadSigner& signer);
    /// What the signer of a mirrored head signs: a domain tag, the vault id, the sequence and hash.
    static QByteArray headMessage(const QString& vaultId, qint64 sequence, QByteArrayView hash);

    /// The key of the entries' hashes, from the settings table.
    static Error hashKey(Database& db, SecureBytes* out);
    /// The bytes the hash covers: a domain tag, then every field but the hash
    /// and signature, each as a 4-byte big-endian length and its bytes.
    static QByteArray canonical(const AuditEntry& entry);
    static QByteArray computeHash(const AuditEntry& entry, const SecureBytes& key);
    /// What the actor signs: a domain tag and the hash.
    static QByteArray signedMessage(QByteArrayView hash);

    /// Entries matching \a query, oldest first.
    static Error entries(Database& db, const AuditQuery& query, QList<AuditEntry>* out);
    /// Entries matching \a query that the person who unlocked \a vault may
    /// see: an admin sees everyone's, anyone else their own trail (a query for
    /// another actor's entries is ErrorKind::NotPermitted). Oldest first.
    static Error visibleEntries(Vault& vault, AuditQuery query, QList<AuditEntry>* out);
    /// The actions that occur in the entries \a vault's person may see, sorted.
    static Error visibleActions(Vault& vault, QStringList* out);
    /// The login names of the people whose login or display name holds
    /// \a text (any case): whom a person filter or a search typed by name means.
    static QStringList peopleNamed(Vault& vault, const QString& text);
    /// Admin only: the whole log as an export file, \a format "jsonl" (one
    /// AuditEntry::toJson() object a line) or "csv" (RFC 4180, CRLF, a header
    /// line, binary fields in base64, text fields a spreadsheet would run as
    /// a formula prefixed with an apostrophe, as text::csvField() does). \a count, when given, gets the number
    /// of entries.
    /// The chain is verified first (AuditVerifier, into \a verified): every
    /// entry is exported with its verdict, `verified` (true or false) and
    /// `problem` (AuditVerification::problemAt(), empty when verified), the
    /// last two columns of the CSV. An export whose \a verified is not ok()
    /// holds entries the chain does not vouch for: the caller must say so.
    static Error exportAll(Vault& vault, const QString& format, QByteArray* out, AuditVerification* verified,
                           qint64* count = nullptr);

    /// Entries with sequence > \a after, oldest first, at most \a limit of them.
    static Error page(Database& db, qint64 after, int limit, QList<AuditEntry>* out);

    /// The time of a new entry: now, in UTC with milliseconds.
    static QString timeText(const QDateTime& at);
};

} // namespace onramp
