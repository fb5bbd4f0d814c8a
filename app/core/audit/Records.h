#pragma once

#include "Error.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
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

/// The seal the newest entry that stored a kept secret shared by every hire
/// names: an admin's `credential.set` (its details' `environment` and
/// `seal`) or `provider.set` (the row `provider:NAME`, production). The box
/// is encrypted with its row's seal in the associated data, so the seal
/// names one box: an earlier box of the same credential put back carries an
/// earlier seal.  seal is empty for an entry written before seals
/// (vault schema 11), whose box has none.
struct KeptSeal {
    qint64 sequence = 0;
    QByteArray seal;
    /// An admin's `credential.unset` removed the rows (its details'
    /// `environments`; all of them before it named any): none may be kept.
    bool removed = false;
};

/// The newest KeptSeal of every kept secret shared by every hire that an
/// admin stored or removed, by keptSealKey(); an entry from before seals
/// that names no environment is under the environment "*".
using KeptSeals = QHash<QString, KeptSeal>;

/// Folds one entry of the log into \a seals: a `credential.set`,
/// `provider.set` or `credential.unset` (\a action, its \a subject and
/// \a details, at \a sequence), in the log's order; any other changes
/// nothing. The walk of the verified log (ledger::Collector) calls it for
/// each entry whose signer had the authority for it; nothing else reads
/// the seals from the log.
void noteKeptSeal(KeptSeals* seals, qint64 sequence, const QString& action, const QString& subject,
                  const QJsonObject& details);

/// The key of KeptSeals for the row of \a credentialId in \a environment.
QString keptSealKey(const QString& credentialId, const QString& environment);

/// Whether a shared row of \a credentialId in \a environment carrying
/// \a seal is the one the newest entry of \a seals that names it stored:
/// the seal it names (none before seals), not removed since; with no entry,
/// only a row without a seal (kept before seals, or never an admin's).
bool sealHolds(const KeptSeals& seals, const QString& credentialId, const QString& environment, const QByteArray& seal);

/// What a `credential.set` or `provider.set` entry's details name the seal by.
inline QString sealKey()
{
    return QStringLiteral("seal");
}

} // namespace records

} // namespace onramp
