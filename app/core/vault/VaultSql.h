#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

namespace onramp {

class Vault;

/// `vault sql`: one raw SQL statement run by an admin, on the record. Every
/// front-end that offers raw SQL goes through run(), so the admin check and
/// the audit entry cannot be left out.
class VaultSql
{
public:
    /// What the audit log keeps of a raw statement: {"keyword": its first
    /// keyword, upper-cased, or "?"; "table": the table (or pragma) it names,
    /// when one shows}. Never its text, which may hold a secret (a literal in
    /// an INSERT or UPDATE, PRAGMA rekey's key).
    static QJsonObject describe(const QString& statement);

    /// Admin only (NotPermitted otherwise, and nothing runs): runs
    /// \a statement inside the transaction of its `vault.sql` audit entry
    /// (subject: the table describe() names, details: describe()), so the
    /// change and its entry commit together or not at all. A statement that
    /// cannot run inside a transaction (BEGIN, VACUUM) fails, recording
    /// nothing. The rows it returns go to \a rows.
    static Error run(Vault& vault, const QString& statement, QList<QVariantList>* rows);
};

} // namespace onramp
