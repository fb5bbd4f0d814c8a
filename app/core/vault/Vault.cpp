#include "vault/Vault.h"

#include "Crypto.h"
#include "DemoKdf.h"
#include "IoFaults.h"
#include "KeyFileStore.h"
#include "PrivateFile.h"
#include "Schema.h"
#include "TestHooks.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "audit/Ledger.h"
#include "people/FirstPassphrase.h"
#include "vault/KeyFileChange.h"
#include "vault/VaultInternal.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>

namespace onramp {

Q_LOGGING_CATEGORY(lcVault, "onramp.vault", QtWarningMsg)

QString keyFilePath(const QString& dir)
{
    return QDir(dir).filePath(Vault::keyFileName());
}

QString databasePath(const QString& dir)
{
    return QDir(dir).filePath(Vault::databaseFileName());
}

namespace {

// `init` builds the database under this name and renames it into place once
// the key file that opens it is written: a stop before that leaves no vault
// (a new init clears the leftover), a stop after it, a vault the next unlock
// finishes.
QString initPath(const QString& dir)
{
    return databasePath(dir) + QStringLiteral(".init");
}

void removeInitLeftover(const QString& dir)
{
    QFile::remove(initPath(dir));
    QFile::remove(initPath(dir) + QStringLiteral("-journal"));
}

Error finishInit(const QString& dir)
{
    const QByteArray from = QFile::encodeName(initPath(dir));
    const QByteArray to = QFile::encodeName(databasePath(dir));
    // Another unlock may have finished it first.
    if ((io::rename(from.constData(), to.constData()) != 0
         && !(errno == ENOENT && QFileInfo::exists(databasePath(dir))))
        || io::syncDirectory(QFile::encodeName(QFileInfo(databasePath(dir)).absolutePath()).constData()) != 0)
        return Error(
            ErrorKind::Io,
            Tr::tr("cannot move %1 into place as %2: %3").arg(initPath(dir), databasePath(dir), io::describe(errno)));
    return {};
}

} // namespace

Error KeyFileLock::acquire(const QString& dir, int timeoutMs)
{
    m_lock = std::make_unique<QLockFile>(QDir(dir).filePath(Vault::lockFileName()));
    m_lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (m_lock->tryLock(timeoutMs))
        return {};
    if (m_lock->error() == QLockFile::LockFailedError)
        return Error(ErrorKind::Busy,
                     Tr::tr("vault busy: another Onramp process is changing %1; "
                            "try again in a moment")
                         .arg(dir));
    return Error(ErrorKind::Io, Tr::tr("cannot create the lock file in %1").arg(dir));
}

Error checkSlot(const KeyFile& keys, const KeySlot& slot, const QString& keyPath)
{
    const auto damaged = [&](const QString& why) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1: the key slot of %2 is damaged (%3); restore the key "
                            "file from a backup, or ask an admin to reset %2's passphrase")
                         .arg(keyPath, slot.name, why));
    };
    if (slot.signedBy.isEmpty() && slot.damage.isEmpty())
        return {}; // unsigned (older Onramp): opens, but nothing privileged trusts it (Ledger)
    if (const QString problem = KeyFile::structureProblem(slot); !problem.isEmpty())
        return damaged(problem);
    const KeySlot* signer = slot.signedBy == slot.name ? &slot : keys.slot(slot.signedBy);
    if (!signer || !slot.verifySignature(keys.vaultId, signer->signPublicKey))
        return damaged(Tr::tr("its signature does not verify"));
    return {};
}

namespace {

Error authError()
{
    return Error(ErrorKind::Auth, Tr::tr("wrong passphrase or unknown person"));
}

Error disabledError(const QString& name)
{
    return Error(ErrorKind::NotPermitted, Tr::tr("%1 is disabled in this vault; ask an admin").arg(name));
}

/// A row of `SELECT id, name, display_name, role, disabled, sign_public_key FROM people`.
Person personFromRow(const QVariantList& r)
{
    return Person{r.at(0).toLongLong(),      r.at(1).toString(),
                  r.at(2).toString(),        roleFromName(r.at(3).toString()).value_or(Role::Hire),
                  r.at(4).toLongLong() != 0, r.at(5).toByteArray()};
}

} // namespace

Error Vault::checkNewPassphrase(QByteArrayView passphrase)
{
    if (passphrase.isEmpty())
        return Error(ErrorKind::InvalidInput, Tr::tr("the passphrase must not be empty"));
    if (passphrase.size() > kMaxPassphraseBytes)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the passphrase is longer than %1 bytes; choose a shorter one").arg(kMaxPassphraseBytes));
    // Characters, not bytes: count the bytes that start a UTF-8 sequence.
    qsizetype characters = 0;
    for (const char byte : passphrase)
        characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80 ? 1 : 0;
    if (characters < kMinPassphraseCharacters)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the passphrase is too short: use at least %1 characters, for example four random words")
                         .arg(kMinPassphraseCharacters));
    return {};
}

Error Vault::create(const QString& dir, const QString& adminName, const QString& adminDisplayName,
                    QByteArrayView passphrase, KdfLevel level, std::unique_ptr<Vault>* out)
{
    ensureSodium();
    if (Error e = checkPersonName(adminName))
        return e;
    if (Error e = checkDisplayName(adminDisplayName))
        return e;
    const QString dbPath = databasePath(dir);
    const QString keyPath = keyFilePath(dir);
    const QString legacyPath = KeyFileStore::legacyPath(keyPath);
    if (QFileInfo::exists(dbPath) || QFileInfo::exists(keyPath) || QFileInfo::exists(legacyPath))
        return Error(ErrorKind::InvalidInput, Tr::tr("%1 already holds a vault; nothing was changed").arg(dir));
    if (Error e = checkNewPassphrase(passphrase))
        return e;
    if (!QFileInfo::exists(dir)) {
        if (Error e = makePrivateFolder(dir, Tr::tr("the vault folder")))
            return e;
    }
    KeyFileLock lock;
    if (Error e = lock.acquire(dir, kBusyTimeoutMs))
        return e;
    // Under the lock: another init may have finished meanwhile, or left its leftover.
    if (QFileInfo::exists(dbPath) || QFileInfo::exists(keyPath) || QFileInfo::exists(legacyPath))
        return Error(ErrorKind::InvalidInput, Tr::tr("%1 already holds a vault; nothing was changed").arg(dir));
    removeInitLeftover(dir);

    // Recorded in the settings and, signed, in the vault.create entry.
    const QString levelName =
        DemoKdfScope::active() ? QString::fromLatin1(DemoKdfScope::levelName()) : kdfLevelName(level);
    const SecureBytes master = SecureBytes::random(crypto::kSymmetricKeyBytes);
    const SecureBytes production = SecureBytes::random(crypto::kSymmetricKeyBytes);
    crypto::SignKeyPair admin = crypto::generateSignKeyPair();
    const QString vaultId = QString::fromLatin1(SecureBytes::random(16).view().toByteArray().toHex());

    std::unique_ptr<Database> db;
    auto fail = [&](Error e) {
        db.reset();
        removeInitLeftover(dir);
        return e;
    };
    if (Error e = Database::open(initPath(dir), master, Database::OpenMode::Create, &db))
        return fail(e);
    QFile::setPermissions(initPath(dir), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (Error e = migrateSchema(*db))
        return fail(e);
    Error failure;
    {
        Database::Transaction tx(*db);
        const QString insertSetting = QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)");
        Person first{0, adminName, adminDisplayName, Role::Admin, false, admin.publicKey};
        Error e = tx.beginError();
        if (!e)
            e = db->execute(insertSetting, {QStringLiteral("vault_id"), vaultId});
        if (!e)
            e = db->execute(insertSetting, {QStringLiteral("kdf_level"), levelName});
        if (!e)
            e = insertPerson(*db, &first);
        if (!e) {
            // The first entry introduces the first admin's key to the log.
            e = AuditLog::appendUnmirrored(
                *db, first, [&admin](QByteArrayView m) { return crypto::sign(m, admin.secretKey); },
                QStringLiteral("vault.create"), adminName,
                {{QStringLiteral("vault_id"), vaultId},
                 {QStringLiteral("person_id"), first.id},
                 {QStringLiteral("display_name"), first.displayName},
                 {QStringLiteral("role"), roleName(Role::Admin)},
                 {QStringLiteral("public_key"), QString::fromLatin1(admin.publicKey.toBase64())},
                 {QStringLiteral("production_key_check"),
                  QString::fromLatin1(Ledger::productionKeyCheck(production).toBase64())},
                 {QStringLiteral("kdf_level"), levelName}});
        }
        if (!e)
            e = tx.commit();
        failure = e;
    } // the transaction ends before fail() closes the database under it
    if (failure)
        return fail(failure);
    KeyFile keys;
    keys.vaultId = vaultId;
    KeySlot slot;
    if (Error e =
            newKeySlot(vaultId, adminName, Role::Admin, admin.publicKey, admin.secretKey, passphrase, level, &slot))
        return fail(e);
    sealVaultKeys(&slot, Role::Admin, master, production);
    slot.sign(vaultId, adminName, admin.secretKey);
    keys.slots.append(slot);
    if (Error e = AuditLog::recordHead(
            *db, &keys, {adminName, [&admin](QByteArrayView m) { return crypto::sign(m, admin.secretKey); }}))
        return fail(e);
    if (Error e = keys.save(keyPath)) {
        QFile::remove(keyPath); // renamed into place, perhaps, before the folder could be synced
        return fail(e);
    }
    db.reset();
    if (Error e = finishInit(dir))
        return e;
    qCInfo(lcVault) << "created a vault in" << dir;
    if (Error e = openUnlocked(dir, adminName, keys, slot, std::move(admin.secretKey), out))
        return e;
    (*out)->m_firstUseNote.clear(); // its creator made the root this desktop now pins
    return {};
}

Error Vault::unlock(const QString& dir, const QString& name, QByteArrayView passphrase, std::unique_ptr<Vault>* out,
                    UnlockMode mode)
{
    ensureSodium();
    const QString dbPath = databasePath(dir);
    const QString keyPath = keyFilePath(dir);
    const QString legacyPath = KeyFileStore::legacyPath(keyPath);
    if (!QFileInfo::exists(dbPath) && !QFileInfo::exists(keyPath) && !QFileInfo::exists(legacyPath))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("there is no vault in %1; create one with 'onramp init --admin NAME'").arg(dir));
    if (!QFileInfo::exists(dbPath) && QFileInfo::exists(initPath(dir)))
        if (Error e = finishInit(dir))
            return e;
    // A vault from before keys.db: its keys.json becomes keys.db, under the
    // key-file lock so that no other process writes either meanwhile. A key
    // file that cannot be migrated (damaged, or the disk full) stays where it
    // is and is read as before: this sign-in goes on, and the next one tries again.
    if (QFileInfo::exists(legacyPath) || QFileInfo(legacyPath).isSymLink()) {
        KeyFileLock lock;
        Error e = lock.acquire(dir, kBusyTimeoutMs);
        if (!e)
            e = KeyFileStore::migrate(legacyPath, keyPath);
        if (e)
            qCWarning(lcVault) << "the key file was not moved into the key store:" << e.message;
        else
            qCInfo(lcVault) << "moved the key slots of" << dir << "into" << keyPath;
    }
    // Only the slots this sign-in opens and verifies: the cost of signing in
    // does not grow with everyone else's.
    KeyFile keys;
    if (Error e = KeyFile::loadFor(keyPath, name, &keys))
        return e;
    const KeySlot* slot = keys.slot(name);
    if (!slot) {
        // Spend the same work as a real slot so that timing does not tell who exists.
        const KeySlot& any = keys.slots.first();
        deriveKey(passphrase, SecureBytes::random(any.salt.size()).view(), any.kdf);
        return authError();
    }
    // A damaged slot is told as damaged, never as a wrong passphrase.
    if (Error e = checkSlot(keys, *slot, keyPath))
        return e;
    std::optional<SecureBytes> secretKey = slot->unwrapSecretKey(keys.vaultId, passphrase);
    // A reset or disable stopped around its commit left the slot it replaced
    // beside the new one: with the passphrase the new one does not take, or
    // where the new one is emptied, the old one is tried. The people row
    // then decides (openUnlocked), as it would have before the act.
    if (const KeySlot* before = keys.supersededSlot(name);
        before && (!secretKey || slot->disabled) && !checkSlot(keys, *before, keyPath)) {
        if (std::optional<SecureBytes> old = before->unwrapSecretKey(keys.vaultId, passphrase)) {
            slot = before;
            secretKey = std::move(old);
        }
    }
    if (!secretKey) {
        std::optional<VaultPin> pin;
        if (TrustStore::load(keys.vaultId, &pin))
            pin.reset();
        // The log cut back behind what this desktop saw (an entry removed,
        // an older key file put back): a passphrase chosen in what was cut
        // no longer opens, and that is what the person must hear.
        const qint64 recorded =
            keys.extra.value(AuditLog::headField()).toObject().value(QStringLiteral("seq")).toInteger();
        if (pin && pin->headSequence > 0 && recorded < pin->headSequence)
            return Error(ErrorKind::Auth,
                         Tr::tr("wrong passphrase or unknown person; and the vault's key file records its audit log "
                                "only up to entry %1, where this desktop saw entry %2: if your passphrase was "
                                "right, the vault may have been put back or cut back since, and a passphrase you "
                                "chose in what is gone no longer opens it. Tell an admin")
                             .arg(recorded)
                             .arg(pin->headSequence));
        // A slot swapped for one made with another key pair opens with no
        // passphrase its owner knows: say so where this desktop can tell.
        if (pin && pin->people.contains(name) && pin->people.value(name) != slot->signPublicKey)
            return Error(ErrorKind::Auth,
                         Tr::tr("the key slot of %1 is not the one this desktop last verified: it "
                                "was replaced, or an admin reset %1's passphrase (then use the "
                                "new one)")
                             .arg(name));
        return authError();
    }
    // Told only to the one who knows the passphrase; the slot opens nothing else.
    if (slot->disabled)
        return disabledError(name);
    return openUnlocked(dir, name, keys, *slot, std::move(*secretKey), out, mode);
}

Error Vault::openUnlocked(const QString& dir, const QString& name, const KeyFile& keys, const KeySlot& slot,
                          SecureBytes signSecretKey, std::unique_ptr<Vault>* out, UnlockMode mode)
{
    const QString dbPath = databasePath(dir);
    const QString keyPath = keyFilePath(dir);
    std::unique_ptr<Vault> vault(new Vault);
    vault->m_dir = dir;
    vault->m_vaultId = keys.vaultId;
    vault->m_signSecretKey = std::move(signSecretKey);
    vault->m_acceptingRestore = mode == UnlockMode::AcceptRestore;
    std::optional<SecureBytes> master = crypto::openSealed(slot.sealedMasterKey, vault->m_signSecretKey);
    if (!master)
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1 is damaged: the slot of %2 does not open; "
                            "restore it from a backup")
                         .arg(keyPath, name));
    Error error = Database::open(dbPath, *master, Database::OpenMode::Existing, &vault->m_db);
    if (error.kind == ErrorKind::Damaged && !slot.sealedPendingMasterKey.isEmpty()) {
        // A rekey may have committed before its key file was finalized.
        if (std::optional<SecureBytes> pending =
                crypto::openSealed(slot.sealedPendingMasterKey, vault->m_signSecretKey)) {
            if (!Database::open(dbPath, *pending, Database::OpenMode::Existing, &vault->m_db)) {
                error = {};
                master = std::move(pending);
            }
        }
    }
    if (error)
        return error;
    vault->m_masterKey = std::move(*master);

    if (Error e = migrateSchema(*vault->m_db))
        return e;
    // A page that does not read is the database's damage, named as such,
    // not a key file of another vault.
    Error idError;
    const QString storedId =
        vault->m_db->scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'vault_id'"), {}, &idError)
            .toString();
    if (idError)
        return idError;
    if (storedId != keys.vaultId)
        return Error(ErrorKind::Damaged, Tr::tr("key file %1 belongs to another vault than %2").arg(keyPath, dbPath));
    // A demo vault's later sessions add people at the interactive level
    // (DemoKdf.h). The stored setting, which anyone holding the master key
    // can write, may raise the level; the floor is the one the signed first
    // entry (vault.create) names, which a privileged act's check verifies
    // before it makes a slot.
    const auto levelOf = [](const QString& name) {
        return name == QLatin1String(DemoKdfScope::levelName()) ? KdfLevel::Interactive
                                                                : kdfLevelFromName(name).value_or(KdfLevel::Moderate);
    };
    const QString level =
        vault->m_db->scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'kdf_level'")).toString();
    const QString created =
        QJsonDocument::fromJson(vault->m_db
                                    ->scalar(QStringLiteral("SELECT details FROM audit_log "
                                                            "WHERE seq = 1 AND action = 'vault.create'"))
                                    .toString()
                                    .toUtf8())
            .object()
            .value(QStringLiteral("kdf_level"))
            .toString();
    vault->m_kdfLevel = std::max(levelOf(level), created.isEmpty() ? KdfLevel::Interactive : levelOf(created));

    std::optional<Person> me;
    if (Error e = vault->loadPerson(name, &me))
        return e;
    if (!me)
        return authError();
    if (me->signPublicKey != slot.signPublicKey) {
        // One of a slot and the one it superseded: the passphrase of the one
        // the row does not have is not in force.
        if (keys.supersededSlot(name))
            return authError();
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1: the slot of %2 does not match the vault").arg(keyPath, name));
    }
    if (me->disabled)
        return disabledError(name);
    vault->m_me = *me;
    if (roleHoldsProductionKey(me->role) && !slot.sealedProductionKey.isEmpty()) {
        std::optional<SecureBytes> production = crypto::openSealed(slot.sealedProductionKey, vault->m_signSecretKey);
        if (!production)
            return Error(ErrorKind::Damaged,
                         Tr::tr("key file %1: the production key in the slot of %2 does not "
                                "open")
                             .arg(keyPath, name));
        // A disable that rotated the production key may have stopped before
        // its key-file write: the log says which key is current.
        if (!slot.sealedPendingProductionKey.isEmpty()) {
            std::optional<SecureBytes> pending =
                crypto::openSealed(slot.sealedPendingProductionKey, vault->m_signSecretKey);
            if (pending && Ledger::productionKeyCheck(*pending) == Ledger::loggedProductionKeyCheck(*vault->m_db))
                production = std::move(pending);
        }
        vault->m_productionKey = std::move(*production);
    }
    // A role raised by editing the people table gets no further: an admin's or
    // mentor's slot holds the production key. Whether the row is the one the
    // log made is checked before anything privileged (Ledger).
    if (roleHoldsProductionKey(me->role) && !vault->holdsProductionKey())
        return Error(ErrorKind::Damaged,
                     Tr::tr("the vault's record of %1 does not match their key slot: the people "
                            "table was edited; restore the vault from a backup")
                         .arg(name));
    // The root this desktop pinned, and no going back behind what it saw.
    if (Error e = Ledger::checkPinOnOpen(*vault, &vault->m_firstUseNote))
        return e;

    // Finish what an interrupted rekey left, if nobody else is changing the key file now.
    const RekeyState state = rekeyState(keys, name, vault->m_signSecretKey, vault->m_masterKey);
    if (state == RekeyState::Abandoned || state == RekeyState::Committed) {
        KeyFileLock lock;
        KeyFile fresh;
        if (!lock.acquire(dir, 0) && !KeyFile::load(keyPath, &fresh)
            && rekeyState(fresh, name, vault->m_signSecretKey, vault->m_masterKey) == state) {
            settleRekey(&fresh, state);
            if (Error e = fresh.save(keyPath))
                qCWarning(lcVault) << "could not settle an interrupted rekey:" << e.message;
            else
                qCInfo(lcVault) << "settled an interrupted rekey in" << dir;
        }
    }
    *out = std::move(vault);
    return {};
}

bool Vault::adoptProductionKey(const KeyFile& keys, const QByteArray& loggedCheck)
{
    const KeySlot* mine = keys.slot(m_me.name);
    if (!mine || !roleHoldsProductionKey(m_me.role))
        return false;
    for (const QByteArray* sealed : {&mine->sealedProductionKey, &mine->sealedPendingProductionKey}) {
        std::optional<SecureBytes> key = crypto::openSealed(*sealed, m_signSecretKey);
        if (key && Ledger::productionKeyCheck(*key) == loggedCheck) {
            m_productionKey = std::move(*key);
            return true;
        }
    }
    return false;
}

Error Vault::confirmPassphrase(QByteArrayView passphrase) const
{
    if (!m_db)
        return Error(ErrorKind::Io, Tr::tr("the vault is locked"));
    KeyFile keys;
    if (Error e = KeyFile::loadFor(keyFilePath(m_dir), m_me.name, &keys))
        return e;
    const KeySlot* slot = keys.slot(m_me.name);
    if (!slot)
        return Error(
            ErrorKind::Damaged,
            Tr::tr("key file %1 has no slot for %2; restore it from a backup").arg(keyFilePath(m_dir), m_me.name));
    // The derived key lives and dies inside unwrapSecretKey (SecureBytes);
    // the unwrapped secret key is zeroed when this scope ends.
    const std::optional<SecureBytes> secretKey = slot->unwrapSecretKey(keys.vaultId, passphrase);
    if (!secretKey)
        return Error(ErrorKind::Auth, Tr::tr("wrong passphrase for %1").arg(m_me.name));
    if (slot->disabled)
        return disabledError(m_me.name);
    // A passphrase reset since this session was unlocked gave the slot a new
    // key pair: the new passphrase is right, but this session signs with the old key.
    if (!secretKey->equals(m_signSecretKey))
        return Error(ErrorKind::Busy,
                     Tr::tr("the key slot of %1 was changed since this session was unlocked; "
                            "sign in again")
                         .arg(m_me.name));
    return {};
}

Vault::~Vault()
{
    lock();
}

void Vault::lock()
{
    m_signSecretKey.clear();
    m_masterKey.clear();
    m_productionKey.clear();
    m_db.reset();
}

QByteArray Vault::sign(QByteArrayView message) const
{
    return crypto::sign(message, m_signSecretKey);
}

const Vault::Logged* Vault::logged()
{
    if (!m_logged || !m_db || m_loggedStamp != LedgerStamp{m_db->dataVersion(), m_db->totalChanges()})
        return nullptr;
    return &*m_logged;
}

SecureBytes Vault::localKey(QByteArrayView purpose) const
{
    // The Ed25519 seed, the first half of libsodium's secret key, is the key.
    if (m_signSecretKey.size() < 32)
        return {};
    unsigned char key[crypto_generichash_BYTES];
    crypto_generichash_state state;
    crypto_generichash_init(&state, m_signSecretKey.data(), 32, sizeof key);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()),
                              static_cast<unsigned long long>(purpose.size()));
    const QByteArray id = m_vaultId.toUtf8();
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(id.constData()),
                              static_cast<unsigned long long>(id.size()));
    crypto_generichash_final(&state, key, sizeof key);
    SecureBytes out = SecureBytes::copyOf(QByteArrayView(key, sizeof key));
    sodium_memzero(key, sizeof key);
    sodium_memzero(&state, sizeof state);
    return out;
}

std::optional<SecureBytes> Vault::openSealed(QByteArrayView sealedBox) const
{
    return crypto::openSealed(sealedBox, m_signSecretKey);
}

Error Vault::requireActive() const
{
    Error error;
    const QVariant disabled =
        m_db->scalar(QStringLiteral("SELECT disabled FROM people WHERE id = ?"), {m_me.id}, &error);
    if (error)
        return error;
    if (disabled.isNull() || disabled.toLongLong() != 0)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("%1 has been disabled; sign in as someone else or ask an admin").arg(m_me.name));
    return {};
}

Error Vault::requireAdmin(const QString& what) const
{
    if (m_me.role != Role::Admin)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only an admin may %1; %2 is a %3").arg(what, m_me.name, roleWord(m_me.role)));
    return requireActive();
}

Error Vault::loadPerson(const QString& name, std::optional<Person>* out) const
{
    return findPerson(*m_db, name, out);
}

Error Vault::findPerson(Database& db, const QString& name, std::optional<Person>* out)
{
    // The people's name index is left out of a privileged act's index check
    // (Ledger::checkIndexes), so what it answers is held to the table: each
    // row it names is read again by its key and must bear the name asked
    // for (an entry swapped, or a row filed under another name), and a name
    // it does not know is looked for in the table itself, NOT INDEXED (an
    // entry left out). The table's rows are the log's (Ledger::verify).
    out->reset();
    const auto damaged = [&db, &name](const QString& what) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1: the people's name index %2 for '%3'; it was changed outside "
                            "Onramp, and nothing runs on it")
                         .arg(db.path(), what, name));
    };
    QList<QVariantList> ids;
    if (Error e = db.execute(QStringLiteral("SELECT id FROM people WHERE name = ?1"), {name}, &ids))
        return e;
    if (ids.isEmpty()) {
        const QVariant unindexed =
            db.scalar(QStringLiteral("SELECT id FROM people NOT INDEXED WHERE name = ?1"), {name});
        if (!unindexed.isNull())
            return damaged(Tr::tr("leaves out row %1").arg(unindexed.toLongLong()));
        return {};
    }
    if (ids.size() > 1)
        return damaged(Tr::tr("names %1 rows").arg(ids.size()));
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT id, name, display_name, role, disabled, sign_public_key"
                                            " FROM people WHERE id = ?1"),
                             {ids.first().at(0)}, &rows))
        return e;
    if (rows.size() != 1 || rows.first().at(1).toString() != name)
        return damaged(
            Tr::tr("answers with row %1, which is %2")
                .arg(ids.first().at(0).toLongLong())
                .arg(rows.isEmpty() ? Tr::tr("missing") : QStringLiteral("'%1'").arg(rows.first().at(1).toString())));
    *out = personFromRow(rows.first());
    return {};
}

Error Vault::findEnrollmentOf(Database& db, qint64 hireId, const QString& hire, qint64* id,
                              const QSet<qint64>* enrolled)
{
    // The enrollments' indexes are left out of a privileged act's index
    // check (Ledger::checkIndexes), so what the hire index answers is held
    // to the table: the row it names is read again by its key (t) and must
    // be the hire's, and a hire it does not know is looked for in the table
    // itself. The table's rows are the log's (Ledger::verify).
    *id = 0;
    const auto damaged = [&db, &hire](const QString& what) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1: the enrollments' hire index %2 for '%3'; it was changed outside "
                            "Onramp, and nothing runs on it")
                         .arg(db.path(), what, hire));
    };
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT t.id, t.hire_id FROM enrollments e CROSS JOIN enrollments t ON "
                                            "t.id = e.id WHERE e.hire_id = ?1"),
                             {hireId}, &rows))
        return e;
    if (rows.isEmpty()) {
        if (enrolled) {
            if (enrolled->contains(hireId))
                return damaged(Tr::tr("leaves out their row"));
            return {};
        }
        const QVariant unindexed =
            db.scalar(QStringLiteral("SELECT id FROM enrollments NOT INDEXED WHERE hire_id = ?1"), {hireId});
        if (!unindexed.isNull())
            return damaged(Tr::tr("leaves out row %1").arg(unindexed.toLongLong()));
        return {};
    }
    if (rows.size() > 1)
        return damaged(Tr::tr("names %1 rows").arg(rows.size()));
    if (rows.first().at(1).toLongLong() != hireId)
        return damaged(Tr::tr("answers with row %1, another hire's").arg(rows.first().at(0).toLongLong()));
    *id = rows.first().at(0).toLongLong();
    return {};
}

QList<Person> Vault::people() const
{
    QList<QVariantList> rows;
    QList<Person> result;
    if (!m_db
        || m_db->execute(QStringLiteral("SELECT id, name, display_name, role, disabled, sign_public_key"
                                        " FROM people NOT INDEXED ORDER BY name"),
                         {}, &rows))
        return result;
    for (const QVariantList& r : rows)
        result.append(personFromRow(r));
    return result;
}

std::optional<Person> Vault::person(const QString& name) const
{
    std::optional<Person> result;
    if (m_db)
        loadPerson(name, &result);
    return result;
}

Error Vault::recordRestore(qint64 epoch, qint64 seenSequence, const QByteArray& seenHash, const QJsonObject& backup)
{
    if (Error e = requireAdmin(Tr::tr("confirm a restored backup")))
        return e;
    KeyFileChange change(*this);
    if (Error e = change.begin())
        return e;
    qint64 restoredSequence = 0;
    QByteArray restoredHash;
    if (Error e = AuditLog::head(*m_db, &restoredSequence, &restoredHash))
        return e;
    QJsonObject details = backup;
    details.insert(QStringLiteral("epoch"), epoch);
    details.insert(QStringLiteral("restored_seq"), restoredSequence);
    details.insert(QStringLiteral("seen_seq"), seenSequence);
    details.insert(QStringLiteral("seen_hash"), QString::fromLatin1(seenHash.toBase64()));
    if (Error e = change.commitEntry(QStringLiteral("vault.restore"), m_vaultId, details))
        return e;
    qint64 head = 0;
    QByteArray headHash;
    if (Error e = AuditLog::head(*m_db, &head, &headHash))
        return e;
    if (Error e = TrustStore::acceptRestore(m_vaultId, epoch, head, headHash))
        return e;
    m_acceptingRestore = false;
    qCInfo(lcVault) << "recorded restore epoch" << epoch << "of" << m_dir;
    return change.mirrorHead();
}

// The protocol (docs/SECURITY.md, "The vault on disk"): seal the new key as "pending"
// in every slot, re-encrypt under the rollback journal, then promote. Until
// the journal is gone the old key opens the file; after, the pending one does.
Error Vault::rekey()
{
    if (Error e = requireAdmin(Tr::tr("rotate the master key")))
        return e;
    KeyFileChange change(*this);
    if (Error e = change.begin({}, KeyFileChange::Reads::Every))
        return e;
    // Every slot is signed again below: only slots the log backs.
    if (Error e = change.requirePrivileged())
        return e;
    KeyFile& keys = change.keys();
    const QString keyPath = change.path();
    // sqlite3_rekey runs its own transaction, so the entry cannot share it: it
    // commits before anything changes (no entry, no rekey), the pending save
    // below mirrors it, and a failed re-encryption adds a second entry.
    if (Error e = change.commitEntry(QStringLiteral("vault.rekey"), m_vaultId,
                                     {{QStringLiteral("outcome"), QStringLiteral("started")}}))
        return e;
    if (Error e = change.recordHead())
        return e;
    SecureBytes next = SecureBytes::random(crypto::kSymmetricKeyBytes);
    for (KeySlot& slot : keys.slots) {
        if (slot.disabled || !slot.damage.isEmpty()) // a disabled person gets no new key either
            continue;
        slot.sealedPendingMasterKey = crypto::sealTo(next.view(), slot.signPublicKey);
        if (slot.sealedPendingMasterKey.isEmpty())
            return Error(ErrorKind::Damaged,
                         Tr::tr("key file %1: the public key of %2 is invalid").arg(keyPath, slot.name));
        change.sign(&slot);
    }
    crashPoint("rekey-before-pending");
    if (Error e = change.save())
        return e;
    crashPoint("rekey-after-pending");
    // Back to the old key, recorded as a failed rotation. The pending key is
    // dropped from the key file; if even that cannot be written, the next
    // unlock finds the file still under the old key and drops it then.
    const auto abandon = [&](const Error& cause) {
        settleRekey(&keys, RekeyState::Abandoned);
        Database::Transaction tx(*m_db);
        if (!tx.beginError()
            && !change.audit(QStringLiteral("vault.rekey"), m_vaultId,
                             {{QStringLiteral("outcome"), QStringLiteral("failed")}}))
            tx.commit();
        change.recordHead();
        change.save();
        return cause;
    };
    // SQLCipher reports success for a re-encryption whose journal could not
    // be written (a full disk): the file stays under the old key. And it
    // reports an error for one that took effect but whose folder could not be
    // synced after. Only a fresh connection that opens the file with the new
    // key proves which.
    const Error rekeyError = m_db->rekey(next);
    const QString dbPath = databasePath(m_dir);
    std::unique_ptr<Database> proof;
    if (Error e = Database::open(dbPath, next, Database::OpenMode::Existing, &proof)) {
        proof.reset();
        m_db.reset(); // its cache believes the new key
        if (Error reopen = Database::open(dbPath, m_masterKey, Database::OpenMode::Existing, &m_db))
            return Error(ErrorKind::Damaged,
                         Tr::tr("the master key of %1 was not rotated, and the database no longer "
                                "opens with the old key either (%2); restore it from a backup")
                             .arg(m_dir, reopen.message));
        if (rekeyError)
            return abandon(rekeyError);
        return abandon(Error(ErrorKind::Io,
                             Tr::tr("the master key of %1 was not rotated: the re-encrypted database "
                                    "did not reach the disk (is it full?); nothing changed, and "
                                    "everyone still unlocks as before")
                                 .arg(m_dir)));
    }
    proof.reset();
    if (rekeyError) {
        // Re-encrypted, but not yet durable: a power cut could still bring
        // the old file back. The key file keeps both keys, and the next
        // unlock settles on the one that opens the file.
        m_db.reset();
        m_masterKey = std::move(next);
        Database::open(dbPath, m_masterKey, Database::OpenMode::Existing, &m_db);
        return rekeyError;
    }
    crashPoint("rekey-after-rekey");
    m_masterKey = std::move(next);
    settleRekey(&keys, RekeyState::Committed);
    if (Error e = change.save()) // the next unlock promotes the pending key instead
        qCWarning(lcVault) << "rekey committed; the key file will be finalized at the next unlock:" << e.message;
    crashPoint("rekey-after-finalize");
    qCInfo(lcVault) << "rotated the master key of" << m_dir;
    return {};
}

Error Vault::check(QStringList* report, const QDateTime& now)
{
    if (Error e = m_db->checkIntegrity(report))
        return e;
    KeyFile keys;
    if (Error e = KeyFile::load(keyFilePath(m_dir), &keys))
        return e;
    AuditVerification audit;
    if (Error e = AuditVerifier::verify(*m_db, keys, &audit))
        return e;
    report->append(audit.notes);
    if (!audit.ok()) {
        report->append(audit.message);
        return audit.toError();
    }
    report->append(Tr::tr("audit log: %1 entries verified").arg(audit.entries));
    if (m_me.role != Role::Admin) {
        report->append(Tr::tr("authority: not checked (an admin's check verifies every record against the log)"));
        return {};
    }
    LedgerCheck ledger;
    if (Error e = Ledger::verify(*this, now, &ledger)) {
        report->append(e.message);
        return e;
    }
    report->append(ledger.notes);
    report->append(Tr::tr("authority: %1 records agree with the signed log").arg(ledger.records));
    QStringList handed;
    if (Error e = firstpassphrase::productionKeyHandedOver(*m_db, &handed))
        return e;
    if (!handed.isEmpty())
        report->append(Tr::tr("production key: sealed into the handed-over slot of %1 since it was last rotated; "
                              "whoever saw that passphrase and copied the key file then can open it: rotate it "
                              "(onramp vault rotate-production-key) once they have chosen their own")
                           .arg(handed.join(QStringLiteral(", "))));
    return {};
}

} // namespace onramp
