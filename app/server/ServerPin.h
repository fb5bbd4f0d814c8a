#pragma once

#include "Error.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace onramp::server {

/// What this desk remembers of a team server, in its trust store
/// (TrustStore: a 0600 file in the user's data folder, outside anything the
/// server or a hire controls): the team's first key (the key of the first
/// admin's team.init) and the newest audit head it saw. A server that
/// swaps the first key or rolls its log back is refused.
namespace pin {

/// The trust store's id of the team \a teamId at \a serverName (host:port/database).
QString idOf(const QString& serverName, const QString& teamId);

/// At sign-in: ErrorKind::Damaged when the head the server shows (\a seq,
/// \a hash) is behind the one this desk saw, or is another entry at its place.
Error checkHead(const QString& serverName, const QString& teamId, qint64 seq, const QByteArray& hash);

/// At sign-in, on every desk: ErrorKind::Damaged when \a rootKey (from the
/// log's first entry, checked) is not the first key this desk pinned;
/// otherwise pins it on first use.
Error checkRoot(const QString& serverName, const QString& teamId, const QByteArray& rootKey);

/// At sign-in to a server whose log shows no first entry: ErrorKind::Damaged
/// when this desk pinned a first key or a head of that team (its log had one).
Error checkUnpinned(const QString& serverName, const QString& teamId);

/// After a full check of the log: ErrorKind::Damaged when \a rootKey is not
/// the first key this desk pinned, or the log (\a hashes, by sequence number)
/// no longer holds the head it saw. Otherwise pins \a rootKey on first use
/// and, when \a advance, records the head \a headSeq / \a headHash.
Error checkLog(const QString& serverName, const QString& teamId, const QByteArray& rootKey,
               const QHash<qint64, QByteArray>& hashes, qint64 headSeq, const QByteArray& headHash, bool advance);

} // namespace pin

} // namespace onramp::server
