#pragma once

#include "Error.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace onramp {
class Database;
class KeyFile;
class Vault;
struct Person;
} // namespace onramp

/// A person handed a passphrase by an admin (typed in People › Add or
/// `person add`, a roster import's, a reset) chooses their own when they next
/// sign in; their new slot then gets the vault's key-derivation level.
///
/// Whether the passphrase was handed over is part of the admin's signed
/// `person.add` or `passphrase.reset` entry (detailsKey()), so it rests on the
/// admin's signature, not on a row anyone holding the master key can write or
/// delete. It is due while the person's slot is still the one an admin
/// signed: choosing their own (a `passphrase.change` the person signs)
/// re-signs the slot as theirs. A flag in the settings table, written by
/// Onramp before the entries said so, still counts for a person whose entry
/// says nothing (vaults of that time); an entry that says "not handed over"
/// is not overruled by it. It decides only that person's own flow: it never
/// opens a slot, skips a passphrase or shows one.
namespace onramp::firstpassphrase {

/// How a first passphrase came to its person.
enum class Handed {
    No, ///< not handed over: People::add's plain add (the demo's people, whose passphrases it prints)
    Given, ///< an admin handed it over: typed it (People › Add, `person add`), named its file, or reset it
    Random, ///< a random one of 128 bits and more, generated for them
};

/// The details key of `person.add` and `passphrase.reset` that says so.
QString detailsKey();
/// The value of detailsKey() for \a handed: "not_handed_over", "handed_over"
/// or "handed_over_random". Every `person.add` carries one, so that the
/// signed entry decides and the settings flag of older vaults cannot.
QString detailsValue(Handed handed);
/// What the details of an entry that gave a person their key say; nullopt
/// when they say nothing (an entry of an older vault). Any value but the
/// three above asks for the choice.
std::optional<Handed> handedIn(const QJsonObject& details);

/// The admins and mentors (by the log) an admin handed a passphrase over to
/// (person.add, passphrase.reset) since the production key was last made
/// or rotated, by name: their handed-over slot held it, so whoever saw the
/// passphrase and copied the key file then can open it until it rotates.
Error productionKeyHandedOver(Database& db, QStringList* out);

/// Whether my next passphrase change gives me a new key pair: the log's
/// newest word on how I came by my passphrase is an admin's person.add or
/// passphrase.reset that handed it over (or says nothing) and gave the key
/// I hold, with no change of mine since. The audit verifier holds a
/// key-giving `passphrase.change` to the same rule.
bool choiceGivesKey(Vault& vault);

/// Inside the caller's transaction: the settings flag of older vaults, which
/// still counts for a person the entry that added them says nothing about.
Error markDue(Database& db, qint64 personId);
/// Whether the person who unlocked \a vault has yet to choose their own
/// passphrase: their slot is signed by an admin, the entry that gave them
/// its key says the passphrase was handed over (an entry whose hash or
/// signature does not hold counts as saying so), and no `passphrase.change`
/// they signed follows it (a rekey re-signs every slot as the admin's).
/// \a byReset, when given, says whether that entry is an admin's signed
/// `passphrase.reset` (not the add that made them).
bool isDue(Vault& vault, bool* byReset = nullptr);
/// Of the people of the vault, those who still hold a handed-over
/// passphrase (by the log: no passphrase change or reset since), by name.
Error stillHanded(Database& db, QSet<QString>* out);
/// The signed-in person chooses \a newPassphrase (People::changePassphrase)
/// and the flag of older vaults is cleared. InvalidInput when it is the
/// passphrase they signed in with, or fails the rule for new passphrases.
Error choose(Vault& vault, QByteArrayView newPassphrase);

} // namespace onramp::firstpassphrase
