#include "ServerPin.h"

#include "TrustStore.h"

#include <QCryptographicHash>

#include <optional>

namespace onramp::server::pin {

QString idOf(const QString& serverName, const QString& teamId)
{
    const QByteArray key =
        QByteArrayLiteral("onramp team server pin v1") + '\0' + serverName.toUtf8() + '\0' + teamId.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex());
}

Error checkHead(const QString& serverName, const QString& teamId, qint64 seq, const QByteArray& hash)
{
    std::optional<VaultPin> pinned;
    if (Error e = TrustStore::load(idOf(serverName, teamId), &pinned))
        return e;
    if (!pinned)
        return {};
    if (seq < pinned->headSequence || (seq == pinned->headSequence && hash != pinned->headHash))
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 shows its audit log at entry %2, but this desk saw it at entry %3: the "
                       "log was rolled back or replaced. Nothing was done; tell an admin.")
                    .arg(serverName)
                    .arg(seq)
                    .arg(pinned->headSequence)};
    return {};
}

Error checkRoot(const QString& serverName, const QString& teamId, const QByteArray& rootKey)
{
    const QString id = idOf(serverName, teamId);
    std::optional<VaultPin> pinned;
    if (Error e = TrustStore::load(id, &pinned))
        return e;
    if (pinned && !pinned->rootKey.isEmpty() && pinned->rootKey != rootKey)
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 begins its audit log with another first admin's key than this desk "
                       "pinned: the team was replaced. Nothing was done; tell an admin.")
                    .arg(serverName)};
    bool first = false;
    return TrustStore::pinRoot(id, rootKey, &first);
}

Error checkUnpinned(const QString& serverName, const QString& teamId)
{
    std::optional<VaultPin> pinned;
    if (Error e = TrustStore::load(idOf(serverName, teamId), &pinned))
        return e;
    if (pinned && (!pinned->rootKey.isEmpty() || pinned->headSequence > 0))
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 no longer shows the first entry of its audit log, which this desk "
                       "pinned: it was removed or hidden. Nothing was done; tell an admin.")
                    .arg(serverName)};
    return {};
}

Error checkLog(const QString& serverName, const QString& teamId, const QByteArray& rootKey,
               const QHash<qint64, QByteArray>& hashes, qint64 headSeq, const QByteArray& headHash, bool advance)
{
    const QString id = idOf(serverName, teamId);
    std::optional<VaultPin> pinned;
    if (Error e = TrustStore::load(id, &pinned))
        return e;
    if (pinned && !pinned->rootKey.isEmpty() && pinned->rootKey != rootKey)
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 begins its audit log with another first admin's key than this desk "
                       "pinned: the team was replaced. Nothing was done; tell an admin.")
                    .arg(serverName)};
    if (pinned && pinned->headSequence > 0 && hashes.value(pinned->headSequence) != pinned->headHash)
        return {ErrorKind::Damaged,
                Tr::tr("The audit log on the team server %1 no longer holds entry %2 as this desk saw it: it was "
                       "rolled back or rewritten. Nothing was done; tell an admin.")
                    .arg(serverName)
                    .arg(pinned->headSequence)};
    if (rootKey.isEmpty())
        return {};
    bool first = false;
    if (Error e = TrustStore::pinRoot(id, rootKey, &first))
        return e;
    if (advance && headSeq > 0)
        return TrustStore::advanceHead(id, headSeq, headHash);
    return {};
}

} // namespace onramp::server::pin
