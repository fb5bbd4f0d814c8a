// Who may record what in a vault's audit log: the one table that the log's
// walk (AuditVerifier) and the ledger (LedgerLog) hold every entry to, by
// the role the log gave its signer at that point.
#pragma once

#include <QString>
#include <QStringList>

namespace onramp::actionroles {

/// The roles ("admin", "mentor", "hire") whose entries may record \a action
/// in a vault; empty for an action no one records there.
QStringList rolesFor(const QString& action);

/// Whether a person of \a role may record \a action.
bool mayRecord(const QString& role, const QString& action);

/// Why \a actor, whose role by the log is \a role (empty: none), may not
/// record \a action, translated: "signoff is a mentor's act, but alex is a
/// hire by the log". Empty when they may.
QString refusal(const QString& role, const QString& action, const QString& actor);

} // namespace onramp::actionroles
