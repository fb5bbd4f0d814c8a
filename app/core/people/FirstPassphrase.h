#pragma once

#include "Error.h"

#include <QByteArrayView>

namespace onramp {
class Database;
class Vault;
} // namespace onramp

/// A person handed a first passphrase (a roster import's random one) chooses
/// their own when they first sign in; their new slot then gets the vault's
/// key-derivation level. The flag is a row in the settings table, which
/// anyone holding the master key can write, and counts only while the
/// person's slot is signed by someone else (an admin made it): setting it on
/// someone asks them at most once to choose a passphrase of their own, and
/// never the person who made the vault; clearing it leaves someone with the
/// one they were handed. It decides only that person's own flow: it never
/// opens a slot, skips a passphrase or shows one.
namespace onramp::firstpassphrase {

/// Inside the caller's transaction: person \a personId chooses their own
/// passphrase at their next sign-in.
Error markDue(Database& db, qint64 personId);
/// Whether the person who unlocked \a vault has yet to choose their own passphrase.
bool isDue(Vault& vault);
/// The signed-in person chooses \a newPassphrase (People::changePassphrase)
/// and the flag is cleared. InvalidInput when it is the passphrase they
/// signed in with, or fails the rule for new passphrases.
Error choose(Vault& vault, QByteArrayView newPassphrase);

} // namespace onramp::firstpassphrase
