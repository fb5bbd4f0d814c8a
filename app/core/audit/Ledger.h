#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "audit/Records.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace onramp {

class Database;
class KeyFile;
class Vault;

/// What a full check of a vault's authority found.
struct LedgerCheck {
    qint64 entries = 0; ///< audit entries verified
    qint64 records = 0; ///< decision-carrying rows that agree with the log
    qint64 epoch = 0; ///< the newest restore's epoch, by the walk of the log
    QStringList notes; ///< not problems (a head not mirrored yet)
    /// Slots for nobody that an admin of the log signed (a `person add`
    /// stopped before its commit): the act that checked may drop them.
    QStringList slotsForNobody;
};

/// The rule of authority (docs/SECURITY.md, "Authority"): a session
/// decides only from records signed by someone with the authority to make
/// them. Every person holds the master key and can rewrite any row, so the
/// signed audit log is the ledger and the tables are checked against it:
/// - the schema is exactly the one Onramp made (no planted trigger or view);
/// - the log verifies (hashes, links, signatures, keys introduced by admins
///   from the root that this desktop pinned), and it has not gone back
///   behind the newest head this desktop saw;
/// - every entry's actor had the authority for what it records: admins
///   import checklists, enroll, move and set secrets; the enrollment's
///   mentor reviews and signs off; the mentor or an admin grants, renews
///   and revokes;
/// - every decision-carrying row is vouched for by such an entry (its
///   digest in the entry's details), is unchanged since, and no vouched row
///   is gone; grants end only as the log says; people rows carry the name,
///   display name, role, key and state the log gave them;
/// - the production key this session holds is the vault's (the log carries
///   a check value of it), so a key slot rewritten to seal a key of the
///   hire's choosing is found before anything is encrypted with it.
class Ledger
{
public:
    /// Full: every signature of the log. Incremental: the signatures of the
    /// prefix this desktop verified before are not checked again (its hashes
    /// and links are, and its last entry must be the one verified).
    enum class Depth { Full, Incremental };
    /// The whole check; ErrorKind::Damaged naming the first bad record
    /// (table, row, what is wrong). For `vault check` (Full) and require().
    /// \a keys: the key file the caller is about to change, checked as it
    /// holds it (by default the one on disk is read). No part of the check
    /// depends on the time any longer (an expiry recorded early is an early
    /// end, not damage); \a now is kept for the callers.
    static Error verify(Vault& vault, const QDateTime& now, LedgerCheck* out = nullptr, Depth depth = Depth::Full,
                        const KeyFile* keys = nullptr);
    /// verify() for a privileged act, inside its transaction: skipped when
    /// this session verified the vault and nothing was written to it since
    /// (by this connection or any other). Inside a RepairScope it leaves
    /// what another repair sets, and such a state is not remembered as
    /// checked.
    static Error require(Vault& vault, const QDateTime& now);
    /// The seal of each kept secret shared by every hire, for an act that
    /// replaces or reads one: as the walk of this session's newest check
    /// found them in the verified log, with the entries written after the
    /// entry it ended at (this act's own, in its transaction) folded in.
    /// ErrorKind::Damaged when no check of this session walked this log
    /// (none ran, or the entry it ended at is no longer there as it was).
    static Error keptSeals(Vault& vault, records::KeptSeals* out);

    /// A repair that sets a kept secret or connection again (the admin's
    /// answer to a box rewritten in the folder), from the moment it has put
    /// its own box until it ends: require() still checks everything, but
    /// for the other secrets and connections shared by every hire whose box
    /// does not open or whose connection row is gone, which are each
    /// repaired the same way. So the admin sets them again one after
    /// another; every act outside a repair still refuses until all are.
    class RepairScope
    {
    public:
        /// \a repaired: the kept secret's credential id (`provider:NAME`
        /// for a connection) whose box the repair put, which its entry names.
        RepairScope(Vault& vault, const QString& repaired);
        ~RepairScope();
        RepairScope(const RepairScope&) = delete;
        RepairScope& operator=(const RepairScope&) = delete;
        /// What the repair's signed entry says of it: that it replaced boxes
        /// that did not open, and what its check left for the next repair.
        void describe(QJsonObject* details) const;

    private:
        Vault& m_vault;
    };

    /// SQLite's integrity check of every table, each with its indexes: what verify() runs so that no lookup of a decision is
    /// answered with another row. ErrorKind::Damaged naming the table.
    /// Incremental (every privileged act) leaves out the audit log, which
    /// the walk reads by its key and whose index lookups are each checked
    /// against the walk or re-read, the people, whose lookups by name
    /// Vault::findPerson holds to the table, and the enrollments and sandbox
    /// credentials, whose lookups Vault::findEnrollmentOf and
    /// Credentials::findSandbox hold to the table; Full (`vault check`)
    /// checks them all.
    static Error checkIndexes(Database& db, Depth depth = Depth::Full);

    /// At unlock, cheaply: the root key (entry 1's) must be the one this
    /// desktop pinned, and the log must still hold the newest head it saw.
    /// With no pin yet, pins the root and sets \a firstUse to a line naming
    /// its fingerprint. The full check of both is in verify().
    static Error checkPinOnOpen(Vault& vault, QString* firstUse);

    /// Admin: the vault in this folder is a backup restored on purpose.
    /// Checks it like verify() (but for the newer head this desktop saw),
    /// then records a signed `vault.restore` that starts the next epoch
    /// (\a epoch); every desktop accepts the lower head after that entry,
    /// and only then. Needs a session unlocked with Vault::UnlockFlag::AcceptRestore.
    static Error confirmRestore(Vault& vault, const QDateTime& now, qint64* epoch);

    /// The check value of the current production key as the log's newest
    /// entry that records one says (unverified; verify() checks the log).
    static QByteArray loggedProductionKeyCheck(Database& db);

    /// The SHA-256 of the earlier production keys the vault must keep, as
    /// the newest rotation (a disable, a `production.rotate`) names it
    /// (`earlier_keys_sha256`; unverified, as above); empty when that entry
    /// names none (the vault was made, or last rotated before they were
    /// kept).
    static QByteArray loggedEarlierKeysDigest(Database& db);

    /// The value the log records for a production key: BLAKE2b keyed with
    /// the key over a fixed tag, so it names the key without revealing it.
    static QByteArray productionKeyCheck(const SecureBytes& key);
};

} // namespace onramp
