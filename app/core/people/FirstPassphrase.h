#pragma once

#include "Error.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace onramp {
class Database;
class KeyFile;
class Vault;
struct Person;
} // namespace onramp

/// A person handed a first passphrase (a roster import's) chooses their own
/// when they first sign in; their new slot then gets the vault's
/// key-derivation level.
///
/// That the passphrase was handed over is part of the admin's signed
/// `person.add` entry (details()), so it rests on the admin's signature, not
/// on a row anyone holding the master key can delete. It is due while the
/// person's slot is still the one an admin signed: choosing their own
/// (a `passphrase.change` the person signs) re-signs the slot as theirs. A
/// flag in the settings table, written by Onramp before the entry said so,
/// still counts for vaults of that time. It decides only that person's own
/// flow: it never opens a slot, skips a passphrase or shows one.
namespace onramp::firstpassphrase {

/// How a first passphrase came to its person.
enum class Handed {
    No, ///< they chose it, or an admin set it without asking for a change
    Given, ///< an admin handed it over (a file they named)
    Random, ///< a random one of 128 bits and more, generated for them
};

/// The details key of `person.add` that says so.
QString detailsKey();
/// The value of detailsKey() for \a handed; empty for Handed::No.
QString detailsValue(Handed handed);
/// What the details of an entry that gave a person their key say.
Handed handedIn(const QJsonObject& details);

/// Inside the caller's transaction: the settings flag of older vaults, which
/// still counts for a person the entry that added them says nothing about.
Error markDue(Database& db, qint64 personId);
/// Whether the person who unlocked \a vault has yet to choose their own
/// passphrase: their slot is signed by an admin, and the entry that gave
/// them its key says the passphrase was handed over (an entry whose hash or
/// signature does not hold counts as saying so).
bool isDue(Vault& vault);
/// Of the people of the vault, those who still hold a handed-over
/// passphrase (by the log: no passphrase change or reset since), by name.
Error stillHanded(Database& db, QSet<QString>* out);
/// The signed-in person chooses \a newPassphrase (People::changePassphrase)
/// and the flag of older vaults is cleared. InvalidInput when it is the
/// passphrase they signed in with, or fails the rule for new passphrases.
Error choose(Vault& vault, QByteArrayView newPassphrase);

} // namespace onramp::firstpassphrase
