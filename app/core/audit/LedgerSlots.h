// The ledger check of the key slots: each one sound, signed by its owner or
// by an admin of the log, for a person the log knows, with the key the log
// gave them; the signature checks that held remembered, by a hash of what
// was checked, so that an act does not pay for them again.
#pragma once

#include "Error.h"
#include "audit/LedgerLog.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace onramp {

class KeyFile;
class Vault;
class VerifiedSignatures;
class VerifiedSlots;

namespace ledger {

/// What a person's local key for their remembered signature checks is made for.
inline constexpr QByteArrayView kStoredChecksPurpose("onramp verified signatures");

/// Where \a vault's person keeps the slot signature checks that held, on
/// this desktop: beside the desktop's trust file of the vault, one file a
/// person (by a hash of their name).
QString storedChecksPath(const Vault& vault);

/// Every key slot: sound, signed by its owner or by an admin by the log, for
/// a person the log knows with the key the log gave them; every enabled
/// person has one. The slots \a keys holds are checked as held (the act
/// writes them back); a partial read's other rows (KeyFile::otherRows()) as
/// they are in the store: by their digest when \a rows remembers them, read
/// again and checked otherwise. \a cache: see underCheck(). The names of
/// slots for nobody that may go (what a stopped `person add` left) are
/// added to \a forNobody.
Error reconcileSlots(const KeyFile& keys, const QString& keyPath, const Collector& log, VerifiedSignatures* cache,
                     VerifiedSlots* rows, QStringList* forNobody);

} // namespace ledger

} // namespace onramp
