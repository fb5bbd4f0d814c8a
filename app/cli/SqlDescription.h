#pragma once

#include <QJsonObject>
#include <QString>

namespace onramp::cli {

/// What the audit log keeps of a raw `vault sql` statement: {"keyword": its
/// first keyword, upper-cased, or "?"; "table": the table (or pragma) it
/// names, when one shows}. Never its text, which may hold a secret (a literal
/// in an INSERT or UPDATE, PRAGMA rekey's key).
QJsonObject describeSql(const QString& statement);

} // namespace onramp::cli
