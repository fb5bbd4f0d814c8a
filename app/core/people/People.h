#pragma once

#include "Error.h"
#include "KeyFile.h"
#include "SecureBytes.h"
#include "people/FirstPassphrase.h"
#include "people/Person.h"

#include <QByteArrayView>
#include <QString>

#include <vector>

namespace onramp {

class Database;
class Vault;

/// Administration of the people of an unlocked vault, as the person who
/// unlocked it: adding people, changing one's own passphrase, resetting
/// another's, disabling someone. Each act changes the people table, the audit
/// log and the key file together and survives a stop at any write.
///
/// People holds no keys and is no friend of Vault: what it needs of the
/// acting person's secret keys (sealing the vault's keys into a slot, signing
/// slots and entries) and of the key-file lock goes through KeyFileChange
/// (vault/KeyFileChange.h), which offers those steps and hands out no key.
class People
{
public:
    explicit People(Vault& vault);

    /// Admin only: adds a person with a new key pair and slot. \a handed
    /// says whether the passphrase is handed over, which their signed
    /// `person.add` records either way: a passphrase an admin typed for
    /// someone (People › Add, `person add`) is Handed::Given, and its owner
    /// chooses their own at the first sign-in (people/FirstPassphrase.h).
    Error add(const QString& name, const QString& displayName, Role role, QByteArrayView passphrase,
              firstpassphrase::Handed handed = firstpassphrase::Handed::No);
    /// One person for addMany().
    struct NewPerson {
        QString name;
        QString displayName;
        Role role = Role::Hire;
        SecureBytes passphrase;
        /// Their slot's Argon2id level: a random 128-bit passphrase needs no costly one.
        KdfLevel kdfLevel = KdfLevel::Moderate;
        /// They choose their own passphrase when they first sign in
        /// (people/FirstPassphrase.h): their signed `person.add` says so.
        bool choosesAtFirstSignIn = false;
        /// The passphrase is a random one of 128 bits and more, made for
        /// them: their slot uses libsodium's minimum Argon2id cost (guessing
        /// it is hopeless at any cost), and their signed `person.add` says
        /// so. The passphrase they choose gets the vault's level.
        bool randomPassphrase = false;
    };
    /// Admin only: add() for every one of \a people in one act, all or none:
    /// one authority check, the slots' key derivations on all cores, one
    /// key-file write and one commit. \a importedFrom, when given, names the
    /// roster file in one more entry, `person.import`, with the count.
    Error addMany(const std::vector<NewPerson>& people, const QString& importedFrom = {});
    /// Re-wraps my own slot under a new passphrase; my keys stay the same.
    /// When the passphrase I signed in with was handed over to me and I
    /// have not changed it since (firstpassphrase::choiceGivesKey), I get a
    /// new key pair instead: my signed
    /// `passphrase.change` introduces it (`public_key`, signed with the old
    /// one), my slot's keys and the boxes sealed to me in my own rows are
    /// sealed again to it, and the old key signs nothing after the entry.
    Error changePassphrase(QByteArrayView newPassphrase);
    /// Admin only: gives \a name a new slot with a NEW key pair (their old secret
    /// key cannot be recovered without their passphrase); boxes sealed to the old
    /// public key must be sealed again. The new passphrase is handed over (the
    /// signed `passphrase.reset` says so): they choose their own at their next
    /// sign-in. For oneself it is changePassphrase().
    Error resetPassphrase(const QString& name, QByteArrayView newPassphrase);
    /// Admin only: marks \a name disabled and removes the sealed master and
    /// production keys from their key slot, so that their passphrase opens
    /// nothing; the `person.disable` entry is in the same transaction. Not
    /// oneself, and never the last enabled admin. Their entries, enrollments
    /// and sign-offs stay. Re-enabling is resetPassphrase(), which gives them
    /// a new key pair and slot. A copy of an older key file still holds the
    /// sealed master key: Vault::rekey() after this shuts that out too.
    Error disable(const QString& name);

    /// Admin only: a new production key, sealed to every enabled admin and
    /// mentor who holds the current one; every secret kept under it is
    /// encrypted again, and the signed `production.rotate` entry records
    /// its check value, all in one transaction (as a disable rotates it).
    /// Whoever copied the old key (from a handed-over slot, an old key
    /// file) reads nothing kept or set from now on.
    Error rotateProductionKey();

private:
    /// changePassphrase() with a new key pair.
    Error renewKeyPair(QByteArrayView newPassphrase);
    /// In a rotation's transaction: every kept secret under \a next, and the
    /// key replaced kept among the earlier ones for the log's entries so
    /// far; \a kept receives the digest the rotation's entry names.
    Error reencryptKeepingEarlier(Database& db, const SecureBytes& next, QByteArray* kept);

    Vault& m_vault;
};

} // namespace onramp
