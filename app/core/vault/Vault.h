#pragma once

#include "Database.h"
#include "Error.h"
#include "KeyFile.h"
#include "SecureBytes.h"
#include "audit/AuditLog.h"
#include "audit/LedgerLog.h"
#include "audit/Records.h"
#include "people/Person.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

namespace onramp {

/// An unlocked vault: the database open with the master key, and the acting
/// person's keys in secure memory. A vault folder holds `vault.db` (SQLCipher)
/// and `keys.db` (key slots); see docs/SECURITY.md, "The vault on disk".
/// People (people/People.h) administers who holds a slot.
class Vault
{
public:
    static QString databaseFileName() { return QStringLiteral("vault.db"); }
    /// The key store (KeyFileStore): one row per key slot.
    static QString keyFileName() { return QStringLiteral("keys.db"); }
    /// The key file that held every slot before keys.db; the first sign-in
    /// migrates it (KeyFileStore::migrate).
    static QString legacyKeyFileName() { return QStringLiteral("keys.json"); }
    static QString lockFileName() { return QStringLiteral("vault.lock"); }

    /// Creates a vault in \a dir (created if missing) with its first admin.
    /// Refuses a folder that already holds a vault.
    static Error create(const QString& dir, const QString& adminName, const QString& adminDisplayName,
                        QByteArrayView passphrase, KdfLevel level, std::unique_ptr<Vault>* out);
    /// The rule for every new passphrase (a vault's first, a person's first, a
    /// change, a reset): 12 characters at least, 4096 bytes at most, the limit
    /// the command line reads. InvalidInput saying which, otherwise no error.
    static Error checkNewPassphrase(QByteArrayView passphrase);
    static constexpr int kMinPassphraseCharacters = 12;
    static constexpr qsizetype kMaxPassphraseBytes = 4096;
    /// AcceptRestore: open a vault that went back behind the newest head this
    /// desktop saw, so that an admin can confirm a deliberate restore
    /// (Ledger::confirmRestore). Nothing privileged runs in such a session
    /// until the restore is recorded.
    enum class UnlockMode { Normal, AcceptRestore };
    /// Unlocks \a dir as \a name. A wrong passphrase and an unknown name give the
    /// same ErrorKind::Auth message and change no file.
    static Error unlock(const QString& dir, const QString& name, QByteArrayView passphrase, std::unique_ptr<Vault>* out,
                        UnlockMode mode = UnlockMode::Normal);

    /// Checks that \a passphrase is my own and opens my key slot, for a
    /// deliberate act in a session that may have been left unlocked (the
    /// mentor's sign-off). It runs the slot's Argon2id derivation and
    /// unwraps my secret key — which must be the one this session holds —
    /// and wipes both; it opens no second database connection and changes
    /// nothing in this session or on disk. A wrong passphrase (another
    /// person's too) is ErrorKind::Auth, as for unlock().
    Error confirmPassphrase(QByteArrayView passphrase) const;

    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    /// Zeroes all keys and closes the database; only the destructor may follow.
    void lock();
    bool isLocked() const { return !m_db; }

    const Person& me() const { return m_me; }
    Database& db() { return *m_db; }
    QString directory() const { return m_dir; }
    QString vaultId() const { return m_vaultId; }
    /// The Argon2id level used for new key slots.
    KdfLevel kdfLevel() const { return m_kdfLevel; }

    /// True for admins and mentors: the production key was unwrapped from their slot.
    bool holdsProductionKey() const { return !m_productionKey.isEmpty(); }
    /// The key that encrypts production secrets (crypto::encrypt); empty for hires.
    const SecureBytes& productionKey() const { return m_productionKey; }

    /// Ed25519 detached signature of \a message with my key.
    QByteArray sign(QByteArrayView message) const;
    /// A 256-bit key for what my Onramp keeps about this vault outside its
    /// folder (\a purpose names what): a keyed BLAKE2b of \a purpose and the
    /// vault id under my secret signing key, so that nobody without my
    /// passphrase can make or check what it protects.
    SecureBytes localKey(QByteArrayView purpose) const;
    /// Opens a box sealed to my public key (crypto::sealTo).
    std::optional<SecureBytes> openSealed(QByteArrayView sealedBox) const;

    /// When this session last verified the vault's authority (Ledger::require):
    /// the database's data version and this connection's change count then.
    struct LedgerStamp {
        qint64 dataVersion = -1;
        qint64 changes = -1;
        bool operator==(const LedgerStamp&) const = default;
    };
    LedgerStamp ledgerVerified() const { return m_ledgerVerified; }
    void setLedgerVerified(const LedgerStamp& stamp) { m_ledgerVerified = stamp; }
    /// Whether a repair runs (Ledger::RepairScope), the kept secret whose
    /// box it put (a credential id, `provider:NAME` for a connection), and
    /// what the newest check inside it left for the next repair (ids of
    /// secrets, names of connections), for the repair's signed entry to say.
    bool repairing() const { return m_repairing; }
    const QString& repairOwn() const { return m_repairOwn; }
    void setRepairing(bool on, const QString& own = {})
    {
        m_repairing = on;
        m_repairOwn = on ? own : QString();
        m_repairLeft.clear();
    }
    const QStringList& repairLeft() const { return m_repairLeft; }
    void setRepairLeft(QStringList left) { m_repairLeft = std::move(left); }
    /// What the walk of the log that verified the vault found, with the
    /// database's stamp then: each enrollment's moves
    /// (ledger::Collector::moves), the seal of each kept secret shared by
    /// every hire (ledger::Collector::seals) and the key each review,
    /// sign-off and grant was signed with (ledger::Collector::signers). Their own stamp: a repair's
    /// check that leaves another repair's box walks the whole log yet sets
    /// no verified stamp (Ledger::RepairScope), and a check that finds a
    /// row damaged walked a log that held.
    using LoggedMoves = QHash<qint64, QList<std::pair<qint64, bool>>>;
    struct Logged {
        LoggedMoves moves;
        records::KeptSeals seals;
        /// ledger::Collector::signers: who signed each review, sign-off and grant, with the key then.
        QHash<QString, QHash<qint64, ledger::Signer>> signers;
        /// ledger::Collector::people: everyone as the log made them, with every key it gave them.
        QHash<qint64, ledger::LoggedPerson> people;
        qint64 head = 0; ///< the entry the walk ended at
        QByteArray headHash;
    };
    void setLogged(Logged logged, const LedgerStamp& stamp)
    {
        m_logged = std::move(logged);
        m_loggedStamp = stamp;
    }
    void forgetLogged() { m_loggedStamp = {}; }
    /// What the walk found while the vault is as it found it (the stamp is
    /// the database's now); null otherwise, and in a session that never walked it.
    const Logged* logged();
    /// What the newest walk found, whatever was written since, or rolled
    /// back (null in a session that never walked the log): the entry it
    /// ended at says whether it is still the log's beginning.
    const Logged* loggedBefore() const { return m_logged ? &*m_logged : nullptr; }
    /// Set when this unlock pinned the vault's root key on this desktop (trust
    /// on first use): a line to show the person, naming the key's fingerprint.
    QString firstUseNote() const { return m_firstUseNote; }
    bool acceptingRestore() const { return m_acceptingRestore; }
    /// After another admin rotated the production key (disabling someone):
    /// takes the key from my slot in \a keys (current or pending) whose check
    /// value is \a loggedCheck. False when neither is; nothing changes then.
    bool adoptProductionKey(const KeyFile& keys, const QByteArray& loggedCheck);
    /// Admin, for Ledger::confirmRestore: appends the signed `vault.restore`
    /// of \a epoch, naming the head this desktop had seen, and lets this
    /// desktop accept the restored head.
    /// \a backup, when given, names the backup restored (vault/Backup.h):
    /// when it was taken, by whom, and the audit head it held.
    Error recordRestore(qint64 epoch, qint64 seenSequence, const QByteArray& seenHash, const QJsonObject& backup = {});
    /// Writes a copy of the database as of the open read transaction (or of
    /// now) to the new file \a path, encrypted under the same master key,
    /// through SQLite's online backup API (vault/Backup.h).
    Error copyDatabaseTo(const QString& path);

    /// Everyone, in name order, read from the table (not its name index).
    QList<Person> people() const;
    /// The person named \a name; none on any error (findPerson says which).
    std::optional<Person> person(const QString& name) const;
    /// The person named \a name in \a db, or none, found through the
    /// people's name index and held to the table: ErrorKind::Damaged when
    /// the index answers with a row of another name, or leaves out the row
    /// that has it.
    static Error findPerson(Database& db, const QString& name, std::optional<Person>* out);
    /// findPerson() in this vault's database.
    Error findPerson(const QString& name, std::optional<Person>* out) const { return loadPerson(name, out); }
    /// The id of the enrollment of the hire whose person id is \a hireId (0:
    /// none), found through the enrollments' hire index and held to the
    /// table: ErrorKind::Damaged when the index answers with another hire's
    /// row, names more than one, or leaves out the row that has it (looked
    /// for NOT INDEXED, or in \a enrolled when given: the hire ids one read
    /// of the table found). \a hire names the hire in the message.
    static Error findEnrollmentOf(Database& db, qint64 hireId, const QString& hire, qint64* id,
                                  const QSet<qint64>* enrolled = nullptr);

    /// NotPermitted once I have been disabled, even in a session unlocked before:
    /// every act that signs or releases something checks it afresh.
    Error requireActive() const;
    /// NotPermitted unless I am an admin, naming \a what I may not do; then requireActive().
    Error requireAdmin(const QString& what) const;

    /// Admin only: re-encrypts the database under a new master key, crash-safe.
    Error rekey();
    /// cipher_integrity_check and integrity_check and the audit log; for an
    /// admin, also every authority and record against the log (Ledger::verify,
    /// with \a now for expiry). Findings go to \a report; the first problem is
    /// the error (ErrorKind::Damaged naming the table and row).
    Error check(QStringList* report, const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    // The acts that rewrite the key file, the vault's own and People's, reach
    // the keys below only through KeyFileChange (vault/KeyFileChange.h).
    friend class KeyFileChange;

    Vault() = default;
    static Error openUnlocked(const QString& dir, const QString& name, const KeyFile& keys, const KeySlot& slot,
                              SecureBytes signSecretKey, std::unique_ptr<Vault>* out,
                              UnlockMode mode = UnlockMode::Normal);
    Error loadPerson(const QString& name, std::optional<Person>* out) const;

    QString m_dir;
    QString m_vaultId;
    KdfLevel m_kdfLevel = KdfLevel::Moderate;
    std::unique_ptr<Database> m_db;
    Person m_me;
    SecureBytes m_signSecretKey;
    SecureBytes m_masterKey;
    SecureBytes m_productionKey;
    LedgerStamp m_ledgerVerified;
    bool m_repairing = false;
    QString m_repairOwn;
    QStringList m_repairLeft;
    std::optional<Logged> m_logged;
    LedgerStamp m_loggedStamp;
    QString m_firstUseNote;
    bool m_acceptingRestore = false;
};

} // namespace onramp
