#pragma once

#include "Error.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace onramp {

class Database;

/// The rows that decide a release, and the digests by which the audit log
/// vouches for them (docs/SECURITY.md, "Authority"). Every such row is
/// written together with an audit entry whose details list
/// `{"table", "id", "digest"}` for it; the entry is signed by its author, so
/// the digest is the author's signature over the row's decision-carrying
/// columns. A row no entry vouches for, a row whose columns no longer give
/// the vouched digest, and a vouched row that is gone are all found.
namespace records {

/// The tables whose rows an entry vouches for: checklists, enrollments,
/// step_reviews, signoffs, credential_grants.
const QStringList& vouchedTables();

/// The decision-carrying columns of \a table, in digest order.
const QStringList& columnsOf(const QString& table);

/// BLAKE2b-256, keyed with the audit log's hash key, over a domain tag, the
/// table name, the row id and each of columnsOf(table) as a typed,
/// length-prefixed value.
Error digest(Database& db, const QString& table, qint64 rowId, QByteArray* out);

/// digest() of every row of \a table, by id, in one read (the check).
Error digestAll(Database& db, const QString& table, QHash<qint64, QByteArray>* out);

/// Appends `{"table": table, "id": rowId, "digest": base64}` to \a list.
Error vouch(Database& db, const QString& table, qint64 rowId, QJsonArray* list);

/// The details key under which an entry lists the rows it vouches for.
inline QString key()
{
    return QStringLiteral("records");
}

} // namespace records

} // namespace onramp
