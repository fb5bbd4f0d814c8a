#include "audit/Ledger.h"

#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "KeyFileStore.h"
#include "ProductionKey.h"
#include "Schema.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "audit/LedgerLog.h"
#include "audit/LedgerSlots.h"
#include "audit/Records.h"
#include "audit/SignatureChecks.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <sodium.h>

#include <limits>

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QThreadPool>

namespace onramp {

using ledger::Collector;
using ledger::Ending;
using ledger::fromBase64;
using ledger::kAdmin;
using ledger::kMentor;
using ledger::kStoredChecksPurpose;
using ledger::LoggedPerson;
using ledger::reconcileSlots;
using ledger::storedChecksPath;
using ledger::Vouched;

namespace {

/// What a check may find damaged and still let an act go on.
enum class Leave {
    Nothing,
    /// A kept secret or connection shared by every hire whose box does not
    /// open, or a connection whose row is gone: each is repaired by an admin
    /// setting it again (Ledger::RepairScope).
    SettableSecrets,
};

Error damaged(const QString& message)
{
    return Error(ErrorKind::Damaged, message);
}

QString entryText(const Vouched& v)
{
    return Tr::tr("entry %1 (%2 by %3)").arg(v.sequence).arg(v.action, v.actor);
}

Error reconcileRecords(Database& db, const Collector& log, qint64* count)
{
    for (const QString& table : records::vouchedTables()) {
        const QHash<qint64, Vouched> vouched = log.vouched.value(table);
        const QHash<qint64, Vouched> endedByMove = log.endedByMove.value(table);
        const bool perEnrollment = records::columnsOf(table).contains(QStringLiteral("enrollment_id"));
        QList<QVariantList> rows;
        if (Error e =
                db.execute(perEnrollment ? QStringLiteral("SELECT id, enrollment_id FROM %1 ORDER BY id").arg(table)
                                         : QStringLiteral("SELECT id, 0 FROM %1 ORDER BY id").arg(table),
                           {}, &rows))
            return e;
        QHash<qint64, QByteArray> digests;
        if (Error e = records::digestAll(db, table, &digests))
            return e;
        QSet<qint64> present;
        for (const QVariantList& row : rows) {
            const qint64 id = row.at(0).toLongLong();
            present.insert(id);
            const auto v = vouched.constFind(id);
            if (v == vouched.cend()) {
                // Ended by a signed move or mentor change, yet here: put back, not made up.
                const auto end = endedByMove.constFind(id);
                if (end != endedByMove.cend() && end->action == QLatin1String("enrollment.edit"))
                    return damaged(Tr::tr("%1 row %2: %3 ended it when it gave enrollment %4 another mentor, but "
                                          "the row is still there; it was put back outside Onramp")
                                       .arg(table)
                                       .arg(id)
                                       .arg(entryText(*end))
                                       .arg(end->enrollment));
                if (end != endedByMove.cend())
                    return damaged(Tr::tr("%1 row %2: %3 ended it when it moved enrollment %4 to another "
                                          "checklist, but the row is still there; it was put back outside Onramp")
                                       .arg(table)
                                       .arg(id)
                                       .arg(entryText(*end))
                                       .arg(end->enrollment));
                return damaged(Tr::tr("%1 row %2: no audit entry vouches for it; it was written outside Onramp")
                                   .arg(table)
                                   .arg(id));
            }
            if (digests.value(id) != v->digest)
                return damaged(Tr::tr("%1 row %2: it is not what %3 vouched for; it was edited since")
                                   .arg(table)
                                   .arg(id)
                                   .arg(entryText(*v)));
            if (v->enrollment != 0 && row.at(1).toLongLong() != v->enrollment)
                return damaged(Tr::tr("%1 row %2: it belongs to enrollment %3, but %4 had authority over "
                                      "enrollment %5 only")
                                   .arg(table)
                                   .arg(id)
                                   .arg(row.at(1).toLongLong())
                                   .arg(entryText(*v))
                                   .arg(v->enrollment));
            ++*count;
        }
        QList<qint64> missing;
        for (auto it = vouched.cbegin(); it != vouched.cend(); ++it)
            if (!present.contains(it.key()))
                missing.append(it.key());
        std::sort(missing.begin(), missing.end());
        if (!missing.isEmpty())
            return damaged(Tr::tr("%1 row %2, which %3 vouched for, is missing: it was deleted")
                               .arg(table)
                               .arg(missing.first())
                               .arg(entryText(vouched.value(missing.first()))));
    }
    return {};
}

/// The hire's claims: every step record is one the hire's own signed
/// step.done made and nothing since undid (another hire cannot mark them).
Error reconcileSteps(Database& db, const Collector& log)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT enrollment_id, step_id, done_at FROM step_records ORDER BY "
                                            "enrollment_id, step_id"),
                             {}, &rows))
        return e;
    for (const QVariantList& row : rows) {
        const std::pair<qint64, QString> key{row.at(0).toLongLong(), row.at(1).toString()};
        if (!log.stepsDone.value(key))
            return damaged(Tr::tr("step_records (enrollment %1, step '%2'): no step.done entry of the enrollment's "
                                  "hire stands behind it; it was written outside Onramp")
                               .arg(key.first)
                               .arg(key.second));
        if (!ledger::doneAtHolds(row.at(2).toString(), log.stepsDoneAt.value(key)))
            return damaged(Tr::tr("step_records (enrollment %1, step '%2'): done at %3, but the hire's signed "
                                  "step.done says otherwise; the time was edited outside Onramp")
                               .arg(key.first)
                               .arg(key.second, row.at(2).toString()));
    }
    return {};
}

Error reconcileGrants(Database& db, const Collector& log)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT id, ifnull(ended, ''), expires_at, enrollment_id, credential_id "
                                            "FROM credential_grants"),
                             {}, &rows))
        return e;
    for (const QVariantList& row : rows) {
        const qint64 id = row.at(0).toLongLong();
        const QString ended = row.at(1).toString();
        const auto logged = log.endings.constFind(id);
        if (logged != log.endings.cend()) {
            // An entry ends only a grant of the enrollment (and credential) it names.
            if (row.at(3).toLongLong() != logged->enrollment
                || (!logged->credential.isEmpty() && row.at(4).toString() != logged->credential))
                return damaged(
                    Tr::tr("credential_grants row %1: audit entry %2 ended it for enrollment %3 (%4), but "
                           "the grant is enrollment %5's (%6)")
                        .arg(id)
                        .arg(logged->sequence)
                        .arg(logged->enrollment)
                        .arg(logged->credential, QString::number(row.at(3).toLongLong()), row.at(4).toString()));
            // A grant a revocation ended unnamed may have expired before it
            // (or been ended early by a desktop whose clock was ahead).
            const bool expiredBefore = logged->implied && ended == QLatin1String("expired");
            if (ended != logged->how && !expiredBefore)
                return damaged(Tr::tr("credential_grants row %1: audit entry %2 ended it as %3, but the row says "
                                      "'%4'; the ending was undone outside Onramp")
                                   .arg(id)
                                   .arg(logged->sequence)
                                   .arg(logged->how, ended));
            continue;
        }
        if (ended == QLatin1String("expired")) {
            // An expiry recorded before its time (a desktop whose clock was
            // ahead, or a hand on the row) only ends access early: the grant
            // is shown as ended then, and a mentor can renew it. Never
            // damage: one such row must not stop everyone deciding.
            const QDateTime expires = QDateTime::fromString(row.at(2).toString(), Qt::ISODateWithMs);
            if (!expires.isValid())
                return damaged(Tr::tr("credential_grants row %1 has no readable expiry").arg(id));
        } else if (!ended.isEmpty()) {
            return damaged(
                Tr::tr("credential_grants row %1 says '%2', but no audit entry ended it").arg(id).arg(ended));
        }
    }
    return {};
}

/// Every provider connection an admin's signed `provider.set` made is in
/// the vault: one deleted outside Onramp would make a revoke at its source
/// look like an unreachable server. One that is not is listed in \a left
/// instead when \a leave says so (its repair is setting it again).
Error reconcileProviders(Database& db, const records::KeptSeals& seals, Leave leave, QStringList* left)
{
    const QString provider = QStringLiteral("provider:");
    // The connections kept as provider.set keeps them, in one read: a range
    // of the table's key (';' follows ':'), compared as text as a lookup of
    // each by its id would.
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT DISTINCT credential_id FROM credential_secrets WHERE "
                                            "credential_id >= 'provider:' AND credential_id < 'provider;' AND "
                                            "hire_id IS NULL AND environment = 'production'"),
                             {}, &rows))
        return e;
    QSet<QString> kept;
    for (const QVariantList& row : std::as_const(rows))
        kept.insert(row.at(0).toString());
    QStringList missing;
    for (auto it = seals.cbegin(); it != seals.cend(); ++it) {
        // A connection's row, as provider.set stores it (production, never removed).
        const QString key = it.key();
        const QString id = key.left(key.indexOf(QLatin1Char('\n')));
        if (!id.startsWith(provider) || it->removed || key != records::keptSealKey(id, QStringLiteral("production")))
            continue;
        if (!kept.contains(id))
            missing.append(id.mid(provider.size()));
    }
    std::sort(missing.begin(), missing.end());
    if (!missing.isEmpty() && leave == Leave::Nothing)
        return damaged(Tr::tr("credential_secrets row provider:%1, which a signed provider.set entry made, is "
                              "missing: it was deleted outside Onramp")
                           .arg(missing.first()));
    if (left)
        left->append(missing);
    return {};
}

/// Every kept secret shared by every hire is the box the newest entry of an
/// admin's that stored it names by its seal (records::KeptSeal), in the row
/// Onramp writes (its hire NULL): an earlier box of the same credential or
/// connection, put back after the admin set a new one (to undo the
/// rotation of a leaked secret), opens, but carries an earlier seal, and
/// one put back as hire 0 is read as the shared one too. Its repair is
/// setting it again, so \a leave lists it in \a left, but for the box the
/// repair itself put (\a repaired, the credential id it sets), which its
/// entry, not written yet, names. A box from before seals must still be the
/// newest entry's; one an unset removed may not be back.
Error reconcileSeals(Database& db, const records::KeptSeals& seals, Leave leave, const QString& repaired,
                     QStringList* left)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT rowid, credential_id, environment, seal, hire_id IS NULL, %1 "
                                            "FROM credential_secrets WHERE ifnull(hire_id, 0) = 0 ORDER BY "
                                            "credential_id, environment")
                                 .arg(productionkey::keptRowTypesHold()),
                             {}, &rows))
        return e;
    const QString provider = QStringLiteral("provider:");
    for (const QVariantList& row : std::as_const(rows)) {
        const QString id = row.at(1).toString();
        const QString environment = row.at(2).toString();
        const bool shared = row.at(4).toBool();
        // Stored as Onramp stores it, or no act's lookup by text finds it
        // to replace.
        if (!productionkey::storedAsOnramp(row.at(5).toBool(), id, environment))
            return productionkey::notStoredAsOnramp(row.at(0).toLongLong());
        if (shared && records::sealHolds(seals, id, environment, row.at(3).toByteArray()))
            continue;
        const bool connection = id.startsWith(provider);
        const QString name = connection ? id.mid(provider.size()) : id;
        if (leave == Leave::SettableSecrets) {
            if (shared && id == repaired)
                continue;
            if (left && !left->contains(name))
                left->append(name);
            continue;
        }
        return damaged(
            Tr::tr("credential_secrets: the kept secret of '%1' (%2) is not the one an admin's newest signed "
                   "%3 entry stored: an earlier one was put back; nothing was changed; %4")
                .arg(id, environment, connection ? QStringLiteral("provider.set") : QStringLiteral("credential.set"),
                     connection ? Tr::tr("an admin sets connection %1 again").arg(name)
                                : Tr::tr("an admin sets it again, or removes it when no checklist uses it")));
    }
    return {};
}

Error reconcilePeople(Database& db, const Collector& log)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(
            QStringLiteral("SELECT id, name, role, sign_public_key, disabled, display_name FROM people ORDER BY id"),
            {}, &rows))
        return e;
    QSet<qint64> present;
    for (const QVariantList& row : rows) {
        const qint64 id = row.at(0).toLongLong();
        const QString name = row.at(1).toString();
        present.insert(id);
        const auto person = log.people.constFind(id);
        if (person == log.people.cend())
            return damaged(Tr::tr("people row %1 (%2): no audit entry added them; they were added outside Onramp")
                               .arg(id)
                               .arg(name));
        if (person->name != name)
            return damaged(
                Tr::tr("people row %1: the log added them as %2, but the row says %3").arg(id).arg(person->name, name));
        if (person->role != row.at(2).toString())
            return damaged(Tr::tr("people row %1 (%2): the log made them a %3, but the row says %4")
                               .arg(id)
                               .arg(name, person->role, row.at(2).toString()));
        if (person->key != row.at(3).toByteArray())
            return damaged(Tr::tr("people row %1 (%2): their key is not the one entry %3 gave them")
                               .arg(id)
                               .arg(name)
                               .arg(person->sequence));
        if (person->disabled != (row.at(4).toLongLong() != 0))
            return damaged(Tr::tr("people row %1 (%2): entry %3 left them %4, but the row says otherwise")
                               .arg(id)
                               .arg(name)
                               .arg(person->sequence)
                               .arg(person->disabled ? Tr::tr("disabled") : Tr::tr("enabled")));
        // Shown to mentors and admins beside their acts: a name the hire
        // rewrote could pass for a heading or a sign-off.
        if (person->displayName && *person->displayName != row.at(5).toString())
            return damaged(Tr::tr("people row %1 (%2): the log gave them the display name '%3', but the row "
                                  "says otherwise")
                               .arg(id)
                               .arg(name, *person->displayName));
    }
    for (auto it = log.people.cbegin(); it != log.people.cend(); ++it)
        if (!present.contains(it.key()))
            return damaged(Tr::tr("people row %1 (%2), added by entry %3, is missing: it was deleted")
                               .arg(it.key())
                               .arg(it->name)
                               .arg(it->sequence));
    return {};
}

/// The details of the newest entry matching \a where (unverified: for the
/// cheap reads at unlock and of the current state; the full check verifies
/// the same entries).
QJsonObject newestDetails(Database& db, const QString& where)
{
    const QString details =
        db.scalar(QStringLiteral("SELECT details FROM audit_log WHERE %1 ORDER BY seq DESC LIMIT 1").arg(where))
            .toString();
    return QJsonDocument::fromJson(details.toUtf8()).object();
}

/// The newest `vault.restore` epoch the log names.
qint64 restoreEpochOf(Database& db)
{
    return newestDetails(db, QStringLiteral("action = 'vault.restore'")).value(QStringLiteral("epoch")).toInteger();
}

/// What a desktop that saw a newer state says of the newest `vault.restore`:
/// who restored, from which backup, and what this desktop saw that is gone.
/// Who restored is named only when the entry is whole and signed by one of
/// the admins \a pin remembers: an open checks nothing else, and a restore
/// signed by anyone else is refused by the full check that follows.
QString restoreNote(Vault& vault, const VaultPin& pin)
{
    QList<AuditEntry> newest;
    if (AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("vault.restore"), 0, 1}, &newest) || newest.isEmpty())
        return {};
    const AuditEntry& entry = newest.first();
    const qint64 seenSequence = pin.headSequence;
    const QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
    const qint64 epoch = details.value(QStringLiteral("epoch")).toInteger();
    SecureBytes hashKey;
    const QByteArray signer = pin.people.value(entry.actorName);
    const bool known = !signer.isEmpty() && pin.adminKeys.contains(signer) && !AuditLog::hashKey(vault.db(), &hashKey)
        && AuditLog::computeHash(entry, hashKey) == entry.hash
        && crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, signer);
    if (!known)
        return Tr::tr("vault %1 went back: this desktop had seen audit entry %2, and the log now says the vault was "
                      "restored from a backup (restore %3), which this desktop has not checked yet; an admin's "
                      "full check takes the restore in or refuses it")
            .arg(vault.vaultId())
            .arg(seenSequence)
            .arg(epoch);
    const QString admin = entry.actorName;
    const QString takenAt = details.value(QStringLiteral("backup_taken_at")).toString();
    const qint64 backupHead = details.value(QStringLiteral("backup_head_seq")).toInteger();
    const QString what = takenAt.isEmpty()
        ? Tr::tr("vault %1 was restored from a backup by %2 (restore %3)").arg(vault.vaultId(), admin).arg(epoch)
        : Tr::tr("vault %1 was restored by %2 from a backup taken at %3, up to audit entry %4 (restore %5)")
              .arg(vault.vaultId(), admin, takenAt)
              .arg(backupHead)
              .arg(epoch);
    return what
        + Tr::tr("; this desktop had seen audit entry %1, and what was recorded after the backup is not in it: "
                 "do again what you did since")
              .arg(seenSequence);
}

/// The root this desktop pinned and the newest head it saw, against \a rootKey
/// and the log; pins the root when nothing is pinned yet. A head lower than
/// the pinned one is accepted only after an admin's `vault.restore` of a newer
/// epoch than this desktop accepted; \a verified (the whole log checked)
/// makes this desktop accept it for good.
/// \a loggedEpoch is the newest restore epoch of the walked log when
/// \a verified; otherwise the newest `vault.restore` entry is looked up.
/// \a pin is this desktop's pin as the caller read it; what is to change in
/// it goes into \a update, for the caller to write with its own changes.
Error checkPin(Vault& vault, const std::optional<VaultPin>& pin, const QByteArray& rootKey, QString* firstUse,
               bool verified, bool acceptingRestore, PinUpdate* update, const QByteArray& restoreSignerKey = {},
               const QString& restoreSigner = {}, qint64 loggedEpoch = 0)
{
    Database& db = vault.db();
    if (pin && pin->rootKey != rootKey)
        return damaged(
            Tr::tr("the vault's root key (%1) is not the one this desktop pinned when it first opened "
                   "vault %2 (%3): the vault was replaced or its log rewritten from the start")
                .arg(TrustStore::fingerprint(rootKey), vault.vaultId(), TrustStore::fingerprint(pin->rootKey)));
    if (!pin) {
        bool pinned = false;
        if (Error e = TrustStore::pinRoot(vault.vaultId(), rootKey, &pinned))
            return e;
        if (pinned && firstUse)
            *firstUse = Tr::tr("this desktop now trusts vault %1, whose root key is %2 (first use): check it with "
                               "the admin who made the vault")
                            .arg(vault.vaultId(), TrustStore::fingerprint(rootKey));
    }
    qint64 head = 0;
    QByteArray headHash;
    if (Error e = AuditLog::head(db, &head, &headHash))
        return e;
    if (pin && pin->headSequence > 0) {
        const QByteArray atPin =
            db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->headSequence}).toByteArray();
        const bool wentBack = pin->headSequence > head || atPin != pin->headHash;
        // Verified, the epoch is the walk's: the log's index by action is not
        // checked before a decision (Ledger::checkIndexes), a walk in order
        // needs none.
        const qint64 restored = verified ? loggedEpoch : restoreEpochOf(db);
        if (wentBack && restored > pin->epoch) {
            // A deliberate restore, signed by an admin: one whom this desktop
            // last knew as an enabled admin (an old copy of the vault would
            // make anyone disabled since an admin again). The full check
            // verifies the entry itself.
            // Said, not refused: the restore is signed; the full check of an
            // admin's or mentor's session takes it in.
            if (firstUse)
                *firstUse = restoreNote(vault, *pin);
            if (!verified)
                return {};
            if (!pin->adminKeys.contains(restoreSignerKey))
                return damaged(Tr::tr("the vault went back, and the restore that takes it there is signed by %1, "
                                      "whom this desktop does not know as an admin of the vault it saw (disabled "
                                      "since, or never one); an admin this desktop knows confirms the restore")
                                   .arg(restoreSigner));
            update->acceptRestore = PinUpdate::Restore{restored, head, headHash};
            return {};
        }
        if (wentBack && acceptingRestore)
            return {};
        if (wentBack)
            return damaged(
                pin->headSequence > head
                    ? Tr::tr("the vault went back: this desktop has seen audit entry %1, but the log now ends at "
                             "entry %2 (entries and the records they made were removed, or an old copy was put "
                             "back)")
                          .arg(pin->headSequence)
                          .arg(head)
                    : Tr::tr("the vault went back: audit entry %1 is not the one this desktop saw (the log was cut "
                             "and written again)")
                            .arg(pin->headSequence)
                        + Tr::tr(". If an admin restored a backup on purpose, they confirm the restore on this "
                                 "desktop"));
    }
    if (verified) {
        // The whole log holds as signed: the restores in it are ones this
        // desktop has now seen, so a copy holding them is no newer restore
        // (a desktop that first met the vault after a restore, or went past
        // one, must refuse a copy kept from in between).
        update->raiseEpoch = loggedEpoch;
    }
    update->advanceHead = std::pair(head, headHash);
    return {};
}

} // namespace

QByteArray Ledger::productionKeyCheck(const SecureBytes& key)
{
    static const QByteArray tag = QByteArrayLiteral("onramp-production-key-check-v1");
    QByteArray check(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(check.data()), std::size_t(check.size()),
                       reinterpret_cast<const unsigned char*>(tag.constData()), std::size_t(tag.size()), key.data(),
                       key.size());
    return check;
}

namespace {

/// Ledger::verify() but for writing this desktop's pin: what is to change in
/// it goes into \a pinUpdate (the trust file lists every person, so it is
/// read once and written once per check).
Error verifyAgainstLog(Vault& vault, LedgerCheck* out, Ledger::Depth depth, const KeyFile* heldKeys,
                       PinUpdate* pinUpdate, Leave leave = Leave::Nothing, QStringList* left = nullptr)
{
    Database& db = vault.db();
    if (Error e = checkSchemaExact(db))
        return e;
    if (Error e = Ledger::checkIndexes(db, depth))
        return e;
    // The full check reads every slot whole; the incremental one reads the
    // rows of my name and of acts in flight whole, and of the others only a
    // digest, so that their check costs little when they are what this
    // process verified before.
    KeyFile loaded;
    if (!heldKeys) {
        const QString path = keyFilePath(vault.directory());
        if (Error e = depth == Ledger::Depth::Full ? KeyFile::load(path, &loaded)
                                                   : KeyFile::loadForAct(path, {vault.me().name}, &loaded))
            return e;
    }
    const KeyFile& keys = heldKeys ? *heldKeys : loaded;
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vault.vaultId(), &pin))
        return e;
    // A prefix this desktop verified before: when its last entry is still
    // there as it was, its signatures need not be checked again.
    qint64 trustedSequence = 0;
    QByteArray trustedHash;
    if (depth == Ledger::Depth::Incremental && !vault.acceptingRestore()) {
        if (pin && pin->verifiedSequence > 0
            && db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->verifiedSequence})
                    .toByteArray()
                == pin->verifiedHash) {
            trustedSequence = pin->verifiedSequence;
            trustedHash = pin->verifiedHash;
        }
    }
    // The database as the walk begins: what it finds is of this state or
    // of a later one, never of an earlier.
    const Vault::LedgerStamp walkedAt{db.dataVersion(), db.totalChanges()};
    Collector log;
    AuditVerification audit;
    if (Error e = AuditVerifier::verify(db, keys, &audit, &log, trustedSequence, trustedHash))
        return e;
    if (!audit.ok())
        return audit.toError();
    // A vault made before records were vouched for: its creation names no
    // production key check. Said as what it is, not as damage to one row.
    if (log.rootKey.isEmpty() || log.productionCheck.isEmpty())
        return damaged(Tr::tr("the vault %1 was made by an Onramp from before signed authority: its records carry no "
                              "signatures this Onramp can check, so nothing privileged runs on it; create a new "
                              "vault and import the checklists again")
                           .arg(vault.directory()));
    LedgerCheck check;
    check.entries = audit.entries;
    check.epoch = log.epoch;
    check.notes = audit.notes;
    QString firstUse;
    if (Error e = checkPin(vault, pin, log.rootKey, &firstUse, true, vault.acceptingRestore(), pinUpdate,
                           log.restoreSignerKey, log.restoreSignerName, log.epoch))
        return e;
    if (!firstUse.isEmpty())
        check.notes.append(firstUse);
    // What the log says, now that it verified and is this vault's: what
    // reads it outside this check (Enrollments' moves, a repair's seals)
    // reads it here, also when a row below fails the check. Rolled back,
    // the database is as it was under the same stamp, without what this
    // walk may have seen written.
    vault.setLogged({log.moves, log.seals, log.signers, log.people, log.lastSequence, log.lastHash}, walkedAt);
    if (db.inTransaction())
        db.afterRollback([&vault] { vault.forgetLogged(); });
    if (Error e = reconcilePeople(db, log))
        return e;
    // The full check (`vault check`) verifies every slot's signature; the
    // incremental one (each privileged act's) only those this process has
    // not seen hold, byte for byte, before.
    VerifiedSignatures fresh;
    VerifiedSlots freshRows;
    const bool incremental = depth == Ledger::Depth::Incremental;
    // The incremental one also trusts the checks that held in this
    // person's earlier processes on this desktop, kept outside the folder
    // under a MAC only their key makes ("What a check remembers").
    const QString storedChecks = incremental ? storedChecksPath(vault) : QString();
    const SecureBytes storedKey = incremental ? vault.localKey(kStoredChecksPurpose) : SecureBytes();
    if (incremental) {
        QString why;
        if (!VerifiedSignatures::process().load(storedChecks, storedKey, &why) && !why.isEmpty())
            qCWarning(lcVault).noquote() << "ignored" << storedChecks << "and checked every slot's signature:" << why;
    }
    if (Error e = reconcileSlots(keys, keyFilePath(vault.directory()), log,
                                 incremental ? &VerifiedSignatures::process() : &fresh,
                                 incremental ? &VerifiedSlots::process() : &freshRows, &check.slotsForNobody))
        return e;
    // Only checks that held are kept; a cache that cannot be written costs
    // the next process time, never a decision.
    if (incremental)
        if (Error e = VerifiedSignatures::process().save(storedChecks, storedKey))
            qCWarning(lcVault).noquote() << e.message;
    if (Error e = reconcileRecords(db, log, &check.records))
        return e;
    if (Error e = reconcileGrants(db, log))
        return e;
    if (Error e = reconcileSteps(db, log))
        return e;
    if (vault.holdsProductionKey()) {
        // Rotated by another admin since this session began: my slot (checked
        // above, signed by an admin of the log) holds the new key.
        if (!log.productionCheck.isEmpty() && Ledger::productionKeyCheck(vault.productionKey()) != log.productionCheck)
            vault.adoptProductionKey(keys, log.productionCheck);
        if (log.productionCheck.isEmpty() || Ledger::productionKeyCheck(vault.productionKey()) != log.productionCheck)
            return damaged(
                Tr::tr("the production key in %1's key slot is not this vault's current one: it was "
                       "rotated since this session began (sign in again), or the key store (keys.db) was changed "
                       "(restore it from a backup)")
                    .arg(vault.me().name));
        // What is kept under it opens with it, where it is kept.
        if (Error e = productionkey::checkAll(db, vault.productionKey(),
                                              leave == Leave::Nothing ? productionkey::Unopened::Refuse
                                                                      : productionkey::Unopened::LeaveSettable,
                                              left))
            return e;
        if (Error e = reconcileSeals(db, log.seals, leave, vault.repairing() ? vault.repairOwn() : QString(), left))
            return e;
    }
    // Last: an admin who sets the missing connection again repairs it
    // (ProviderConnections::set), every other check having held.
    if (Error e = reconcileProviders(db, log.seals, leave, left))
        return e;
    if (!vault.acceptingRestore()) {
        qint64 head = 0;
        QByteArray headHash;
        if (Error e = AuditLog::head(db, &head, &headHash))
            return e;
        QHash<QString, QByteArray> people;
        QList<QByteArray> admins;
        for (const LoggedPerson& person : std::as_const(log.people)) {
            people.insert(person.name, person.key);
            if (person.role == kAdmin && !person.disabled)
                admins.append(person.key);
        }
        std::sort(admins.begin(), admins.end());
        pinUpdate->advanceVerified = PinUpdate::Verified{head, headHash, people, admins};
    }
    if (out)
        *out = check;
    return {};
}

} // namespace

namespace {

Error verifyAndRecord(Vault& vault, LedgerCheck* out, Ledger::Depth depth, const KeyFile* heldKeys,
                      Leave leave = Leave::Nothing, QStringList* left = nullptr)
{
    PinUpdate pinUpdate;
    const Error checked = verifyAgainstLog(vault, out, depth, heldKeys, &pinUpdate, leave, left);
    // What the check saw is recorded even when a later part of it failed (a
    // newer head); the verified prefix only when all of it held.
    if (Error e = TrustStore::update(vault.vaultId(), pinUpdate))
        return checked ? checked : e;
    return checked;
}

} // namespace

Error Ledger::verify(Vault& vault, const QDateTime& /*now*/, LedgerCheck* out, Depth depth, const KeyFile* heldKeys)
{
    return verifyAndRecord(vault, out, depth, heldKeys);
}

namespace {

/// \a before's seals with what \a vault's own entries after the one it
/// ended at change, each chained to the one before it, its hash its fields'
/// and signed with \a vault's key: the act's own, written in its
/// transaction since its check. False when the entry it ended at is no
/// longer there as it was, or any entry after it is not one of those.
bool withOwnEntriesSince(Vault& vault, const Vault::Logged& before, records::KeptSeals* out, Error* error)
{
    Database& db = vault.db();
    if (db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {before.head}, error).toByteArray()
            != before.headHash
        || *error)
        return false;
    QList<AuditEntry> since;
    SecureBytes hashKey;
    if ((*error = AuditLog::page(db, before.head, std::numeric_limits<int>::max(), &since))
        || (*error = AuditLog::hashKey(db, &hashKey)))
        return false;
    records::KeptSeals seals = before.seals;
    QByteArray previous = before.headHash;
    qint64 expected = before.head + 1;
    for (const AuditEntry& entry : std::as_const(since)) {
        if (entry.sequence != expected++ || entry.previousHash != previous || !entry.storedAsWritten
            || AuditLog::computeHash(entry, hashKey) != entry.hash
            || !crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, vault.me().signPublicKey))
            return false;
        previous = entry.hash;
        records::noteKeptSeal(&seals, entry.sequence, entry.action, entry.subject,
                              QJsonDocument::fromJson(entry.details.toUtf8()).object());
    }
    *out = std::move(seals);
    return true;
}

} // namespace

Error Ledger::keptSeals(Vault& vault, records::KeptSeals* out)
{
    if (const Vault::Logged* logged = vault.logged()) {
        *out = logged->seals;
        return {};
    }
    // What this session's newest walk found, and the act's own entries
    // since; a log that any other entry joined is walked again, outside a
    // transaction, where nothing of the act's is unwritten. A log the walk
    // could not take names no seal: nothing unsigned decides one.
    Error error;
    if (const Vault::Logged* before = vault.loggedBefore(); before && withOwnEntriesSince(vault, *before, out, &error))
        return {};
    if (error)
        return error;
    if (!vault.db().inTransaction() && !vault.acceptingRestore()) {
        const Error checked = require(vault, QDateTime());
        if (const Vault::Logged* logged = vault.logged()) {
            *out = logged->seals;
            return {};
        }
        if (checked)
            return checked;
    }
    return damaged(Tr::tr("the vault's audit log was not verified in this session as it stands: nothing was "
                          "decided; run vault check"));
}

Error Ledger::checkIndexes(Database& db, Depth depth)
{
    // Every lookup a decision makes goes through an index: one whose entries
    // were swapped or left out (writable_schema, rootpage) would hand the act
    // another hire's row, or hide an entry from it. SQLite's check of a table
    // compares each of its indexes with it, entry by entry. The audit log,
    // the table that grows with every act, is left to `vault check` (Full):
    // a decision reads it by walking it in order of its key, and what its
    // indexes answer outside the walk is checked against the walk (an
    // enrollment's moves, Enrollments::buildStatus) or answered by the walk
    // (the newest restore of a check) or read without them (the production
    // key's check value). The audit page reads the entries themselves (NOT
    // INDEXED). The people, whose rows the walk holds to the log by their
    // key, are left out too: their one index, by name, answers lookups that
    // are each held to the table (Vault::findPerson: the row read again by
    // its key bears the name asked for, a name it lacks is looked for NOT
    // INDEXED), and lists of people read the table. So are the enrollments
    // (rows the walk holds to the log by their key) and the sandbox
    // credentials: a lookup through their indexes that decides is held to
    // the table the same way (Vault::findEnrollmentOf by hire,
    // Credentials::findSandbox by enrollment and credential; the mentor
    // index only scopes what a viewer is shown, each row of which is read by
    // its key and held to the viewer, Enrollments::visible). The full check,
    // freelist and all, is `vault check`'s.
    QList<QVariantList> tables;
    if (Error e = db.execute(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite\\_%' ESCAPE '\\' AND (?1 OR name NOT IN ('audit_log', 'people', "
                                            "'enrollments', 'sandbox_credentials')) "
                                            "ORDER BY name"),
                             {depth == Depth::Full}, &tables))
        return e;
    for (const QVariantList& table : std::as_const(tables)) {
        const QString name = table.value(0).toString();
        if (Error e = checkTableIntegrity(db, name, [&db, &name](const QString& answer) {
                return Tr::tr("vault database %1 fails SQLite's integrity check of table %2 (%3): an index no "
                              "longer matches its table; nothing privileged runs on it")
                    .arg(db.path(), name, answer);
            }))
            return e;
    }
    return {};
}

namespace {

/// The details of the log's newest rotation: the newest vault.create,
/// person.disable or production.rotate that records a production key's
/// check value. Read from the entries themselves, newest first (NOT
/// INDEXED): the log's index by action is not checked before a decision,
/// and one that left out the newest rotation would settle an interrupted
/// one back to the key it replaced.
QJsonObject newestRotationDetails(Database& db)
{
    const QString details =
        db.scalar(QStringLiteral(
                      "SELECT details FROM audit_log NOT INDEXED WHERE action IN ('vault.create', "
                      "'person.disable', 'production.rotate') AND details LIKE '%\"production_key_check\"%' ORDER BY "
                      "seq DESC LIMIT 1"))
            .toString();
    return QJsonDocument::fromJson(details.toUtf8()).object();
}

} // namespace

QByteArray Ledger::loggedProductionKeyCheck(Database& db)
{
    // Asked only while a slot holds a pending key.
    return fromBase64(newestRotationDetails(db).value(QStringLiteral("production_key_check")));
}

QByteArray Ledger::loggedEarlierKeysDigest(Database& db)
{
    // The same entry as loggedProductionKeyCheck()'s.
    return QByteArray::fromHex(
        newestRotationDetails(db).value(QStringLiteral("earlier_keys_sha256")).toString().toLatin1());
}

Error Ledger::checkPinOnOpen(Vault& vault, QString* firstUse)
{
    // Unverified here: verify() checks the same root against the whole log.
    const QByteArray rootKey =
        fromBase64(newestDetails(vault.db(), QStringLiteral("seq = 1 AND action = 'vault.create'"))
                       .value(QStringLiteral("public_key")));
    if (rootKey.size() != 32)
        return {}; // a log that predates the audit log's root: verify() refuses privileged acts
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vault.vaultId(), &pin))
        return e;
    PinUpdate update;
    if (Error e = checkPin(vault, pin, rootKey, firstUse, false, vault.acceptingRestore(), &update))
        return e;
    return TrustStore::update(vault.vaultId(), update);
}

Error Ledger::confirmRestore(Vault& vault, const QDateTime& now, qint64* epoch)
{
    if (vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can confirm that a backup was restored"));
    // The restored vault must hold together on its own: everything but the
    // desktop's memory of a newer head is checked as usual.
    // The newest restore by the walk of the log, not through its index by
    // action, which the check does not read whole.
    LedgerCheck check;
    if (Error e = verify(vault, now, &check))
        return e;
    *epoch = check.epoch + 1;
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vault.vaultId(), &pin))
        return e;
    qint64 seen = 0;
    QByteArray seenHash;
    if (pin) {
        seen = pin->headSequence;
        seenHash = pin->headHash;
    }
    return vault.recordRestore(*epoch, seen, seenHash);
}

Error Ledger::require(Vault& vault, const QDateTime& /*now*/)
{
    if (vault.acceptingRestore())
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("this session was opened to confirm a restored backup; "
                            "sign in again for anything else"));
    Database& db = vault.db();
    const Vault::LedgerStamp stamp{db.dataVersion(), db.totalChanges()};
    if (vault.ledgerVerified() == stamp)
        return {};
    // What a repair's check leaves is still damage: no stamp says that
    // such a state was checked (what its walk found keeps its own).
    QStringList left;
    if (Error e = verifyAndRecord(vault, nullptr, Depth::Incremental, nullptr,
                                  vault.repairing() ? Leave::SettableSecrets : Leave::Nothing, &left))
        return e;
    // A check inside a write transaction vouched for what it had written so
    // far (a repair's new box). Rolled back, the database is as it was before
    // under the same stamp (a rollback counts no changes, and no other
    // connection committed), so neither stamp names a checked state.
    if (db.inTransaction())
        db.afterRollback([&vault] { vault.setLedgerVerified({}); });
    if (vault.repairing())
        vault.setRepairLeft(left);
    if (!left.isEmpty()) {
        qCInfo(lcVault) << "left for the next repair:" << left;
        return {};
    }
    vault.setLedgerVerified(stamp);
    return {};
}

Ledger::RepairScope::RepairScope(Vault& vault, const QString& repaired)
    : m_vault(vault)
{
    m_vault.setRepairing(true, repaired);
}

Ledger::RepairScope::~RepairScope()
{
    m_vault.setRepairing(false);
}

void Ledger::RepairScope::describe(QJsonObject* details) const
{
    details->insert(QStringLiteral("replaced_damaged"), true);
    if (!m_vault.repairLeft().isEmpty())
        details->insert(QStringLiteral("left_damaged"), QJsonArray::fromStringList(m_vault.repairLeft()));
}

} // namespace onramp
