#pragma once

#include "Error.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace onramp {

class Database;

/// What is kept under the production key: the credential_secrets rows
/// (static secrets and generated production secrets kept for renewal).
namespace productionkey {

/// The associated data that binds a kept secret to its row: the
/// environment ("sandbox" or "production"), the credential id, the hire
/// (0 for a secret shared by every hire) and the row's seal, the random
/// value the admin's signed entry that stored it names (none for a hire's
/// kept secret and for one kept before seals: vault schema 11).
QByteArray secretContext(const QString& credentialId, const QString& environment, qint64 hireId,
                         const QByteArray& seal = {});

/// The length of a seal.
inline constexpr int kSealSize = 16;

/// An SQL test of a credential_secrets row: its columns hold the types
/// Onramp writes (text ids, an integer or NULL hire, a blob or NULL seal).
/// A value of another type can read as the same text here while no act's
/// lookup by text finds it: a row stored outside Onramp.
QString keptRowTypesHold();

/// Whether a kept row is stored as Onramp stores one: \a typesHold (the
/// row's keptRowTypesHold()), and an id and environment that a credential
/// or connection can bear. One that is not is named by its row number
/// (notStoredAsOnramp()), never by the text its writer chose.
bool storedAsOnramp(bool typesHold, const QString& credentialId, const QString& environment);

/// ErrorKind::Damaged for credential_secrets row \a rowId that is not
/// storedAsOnramp(): its repair is a restore.
Error notStoredAsOnramp(qint64 rowId);

/// Inside the caller's transaction: re-encrypts every kept secret from
/// \a from to \a to, and keeps \a from among the earlier keys, sealed
/// with \a to (earlierKeys()), as the key of the log's entries up to
/// sequence \a retiredAfter (the log's head before the rotation's own
/// entry). \a keptDigest receives what the rotation's signed entry must
/// name (`earlier_keys_sha256`, earlierKeysDigest()). A box that does not
/// open under \a from is ErrorKind::Damaged naming its row, and nothing is
/// changed.
Error reencryptAll(Database& db, const SecureBytes& from, const SecureBytes& to, qint64 retiredAfter,
                   QByteArray* keptDigest);

/// How many earlier production keys are kept, the newest.
inline constexpr int kEarlierKeysKept = 64;

/// A production key a rotation replaced, and the last log entry it may
/// have sealed: an entry after it was sealed under a later key, so the
/// earlier one is never tried on it (a disabled person keeps theirs).
struct EarlierKey {
    SecureBytes key;
    qint64 retiredAfter = 0;
};

/// The production keys that \a current replaced, oldest first (at most
/// kEarlierKeysKept), from the vault's settings, sealed with \a current:
/// what was sealed under them and is never sealed again (a scan's findings
/// in its signed log entry) still opens for whoever holds the current key.
/// None when nothing was rotated yet or what is kept does not open with
/// \a current; whether what is kept is what the newest rotation's signed
/// entry names is the caller's to check (earlierKeysDigest()). A person who
/// held only an earlier key reads none of it.
std::vector<EarlierKey> earlierKeys(Database& db, const SecureBytes& current);

/// The SHA-256 of the earlier keys as the vault keeps them; empty when it
/// keeps none.
QByteArray earlierKeysDigest(Database& db);

/// Which kept secrets checkAll() may find not opening.
enum class Unopened {
    Refuse, ///< none: the first is ErrorKind::Damaged
    /// A secret shared by every hire (its hire NULL) under an id Onramp
    /// could have made: what an admin repairs by setting it again. Each one
    /// is listed in \a left instead, for the check of a repair that sets
    /// another.
    LeaveSettable,
};

/// Every kept secret opens with \a key where it is kept; ErrorKind::Damaged
/// naming the first that does not (moved to another credential's row, or
/// altered), but for what \a unopened leaves, which goes to \a left.
Error checkAll(Database& db, const SecureBytes& key, Unopened unopened = Unopened::Refuse, QStringList* left = nullptr);

} // namespace productionkey

} // namespace onramp
