#include "TrustStore.h"

#include "PrivateFile.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>

#include <algorithm>
#include <functional>

namespace onramp {

namespace {

QString pinPath(const QString& vaultId)
{
    return QDir(TrustStore::directory()).filePath(vaultId + QStringLiteral(".json"));
}

bool isVaultId(const QString& id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const QChar c : id)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

QJsonObject peopleJson(const QHash<QString, QByteArray>& people)
{
    QJsonObject json;
    for (auto it = people.cbegin(); it != people.cend(); ++it)
        json.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    return json;
}

QJsonArray keysJson(const QList<QByteArray>& keys)
{
    QJsonArray json;
    for (const QByteArray& key : keys)
        json.append(QString::fromLatin1(key.toBase64()));
    return json;
}

Error save(const QString& vaultId, const VaultPin& pin)
{
    const QString dir = TrustStore::directory();
    if (Error e = makePrivateFolder(dir, Tr::tr("the folder where this desktop keeps the vaults it trusts")))
        return e;
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QJsonObject json{{QStringLiteral("format"), 1},
                           {QStringLiteral("vault_id"), vaultId},
                           {QStringLiteral("root_key"), QString::fromLatin1(pin.rootKey.toBase64())},
                           {QStringLiteral("head_seq"), pin.headSequence},
                           {QStringLiteral("head_hash"), QString::fromLatin1(pin.headHash.toBase64())},
                           {QStringLiteral("epoch"), pin.epoch},
                           {QStringLiteral("verified_seq"), pin.verifiedSequence},
                           {QStringLiteral("people"), peopleJson(pin.people)},
                           {QStringLiteral("admin_keys"), keysJson(pin.adminKeys)},
                           {QStringLiteral("verified_hash"), QString::fromLatin1(pin.verifiedHash.toBase64())}};
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    if (bytes.size() > TrustStore::kFileLimit)
        return Error(ErrorKind::Io,
                     Tr::tr("%1 would pass its limit of %2 MiB; nothing was changed")
                         .arg(QDir::toNativeSeparators(pinPath(vaultId)))
                         .arg(TrustStore::kFileLimit / (1024 * 1024)));
    return writePrivateFile(pinPath(vaultId), bytes, Tr::tr("this desktop's record of the vault"));
}

/// Serializes read-modify-write of one pin between processes.
Error lockPin(QLockFile* lock)
{
    if (Error e = makePrivateFolder(TrustStore::directory(),
                                    Tr::tr("the folder where this desktop keeps the vaults it trusts")))
        return e;
    lock->setStaleLockTime(0);
    if (!lock->tryLock(5000))
        return Error(ErrorKind::Busy, Tr::tr("another Onramp process is updating %1").arg(TrustStore::directory()));
    return {};
}

} // namespace

QString TrustStore::directory()
{
    const QString overridden = qEnvironmentVariable("ONRAMP_TRUST_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("onramp/trust"));
}

Error TrustStore::load(const QString& vaultId, std::optional<VaultPin>* out)
{
    out->reset();
    if (!isVaultId(vaultId))
        return Error(ErrorKind::Damaged, Tr::tr("the vault id '%1' is not valid").arg(vaultId));
    QFile file(pinPath(vaultId));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, Tr::tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    if (file.size() > kFileLimit)
        return Error(ErrorKind::Damaged,
                     Tr::tr("%1 is larger than its limit of %2 MiB; remove it to trust the vault anew, after checking "
                            "its root key with an admin")
                         .arg(QDir::toNativeSeparators(file.fileName()))
                         .arg(kFileLimit / (1024 * 1024)));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    VaultPin pin;
    pin.rootKey = QByteArray::fromBase64(json.value(QStringLiteral("root_key")).toString().toLatin1());
    pin.headSequence = json.value(QStringLiteral("head_seq")).toInteger();
    pin.headHash = QByteArray::fromBase64(json.value(QStringLiteral("head_hash")).toString().toLatin1());
    pin.epoch = json.value(QStringLiteral("epoch")).toInteger();
    pin.verifiedSequence = json.value(QStringLiteral("verified_seq")).toInteger();
    pin.verifiedHash = QByteArray::fromBase64(json.value(QStringLiteral("verified_hash")).toString().toLatin1());
    const QJsonObject people = json.value(QStringLiteral("people")).toObject();
    for (auto it = people.begin(); it != people.end(); ++it)
        pin.people.insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
    for (const QJsonValue& key : json.value(QStringLiteral("admin_keys")).toArray())
        pin.adminKeys.append(QByteArray::fromBase64(key.toString().toLatin1()));
    if (json.value(QStringLiteral("vault_id")).toString() != vaultId || pin.rootKey.size() != 32 || pin.headSequence < 0
        || (pin.headSequence > 0 && pin.headHash.size() != 32) || pin.verifiedSequence < 0
        || (pin.verifiedSequence > 0 && pin.verifiedHash.size() != 32))
        return Error(ErrorKind::Damaged,
                     Tr::tr("%1, where this desktop remembers vault %2, is damaged; remove it to trust the vault "
                            "anew, after checking its root key with an admin")
                         .arg(file.fileName(), vaultId));
    *out = pin;
    return {};
}

namespace {

/// Loads \a vaultId's pin under its lock, lets \a change edit it (returning
/// false when nothing is to change) and saves it.
Error updatePin(const QString& vaultId, const std::function<bool(std::optional<VaultPin>&)>& change)
{
    QLockFile lock(pinPath(vaultId) + QStringLiteral(".lock"));
    if (Error e = lockPin(&lock))
        return e;
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vaultId, &pin))
        return e;
    if (!change(pin) || !pin)
        return {};
    return save(vaultId, *pin);
}

} // namespace

Error TrustStore::pinRoot(const QString& vaultId, const QByteArray& rootKey, bool* pinned)
{
    *pinned = false;
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        if (pin)
            return false;
        pin = VaultPin{rootKey, 0, {}, 0, 0, {}, {}, {}};
        *pinned = true;
        return true;
    });
}

Error TrustStore::advanceHead(const QString& vaultId, qint64 sequence, const QByteArray& hash)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        if (!pin || pin->headSequence >= sequence)
            return false;
        pin->headSequence = sequence;
        pin->headHash = hash;
        return true;
    });
}

Error TrustStore::advanceVerified(const QString& vaultId, qint64 sequence, const QByteArray& hash,
                                  const QHash<QString, QByteArray>& people, const QList<QByteArray>& adminKeys)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        if (!pin
            || (pin->verifiedSequence == sequence && pin->verifiedHash == hash && pin->people == people
                && pin->adminKeys == adminKeys))
            return false;
        pin->verifiedSequence = sequence;
        pin->verifiedHash = hash;
        pin->people = people;
        pin->adminKeys = adminKeys;
        return true;
    });
}

Error TrustStore::replaceAdminKey(const QString& vaultId, const QByteArray& removed, const QByteArray& added)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        if (!pin || !pin->adminKeys.contains(removed))
            return false;
        pin->adminKeys.removeAll(removed);
        if (!added.isEmpty())
            pin->adminKeys.append(added);
        std::sort(pin->adminKeys.begin(), pin->adminKeys.end());
        return true;
    });
}

Error TrustStore::acceptRestore(const QString& vaultId, qint64 epoch, qint64 sequence, const QByteArray& hash)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        if (!pin || pin->epoch >= epoch)
            return false;
        pin->epoch = epoch;
        pin->headSequence = sequence;
        pin->headHash = hash;
        pin->verifiedSequence = 0; // the restored log is verified in full again
        pin->verifiedHash.clear();
        return true;
    });
}

Error TrustStore::raiseEpoch(const QString& vaultId, qint64 epoch)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        if (!pin || pin->epoch >= epoch)
            return false;
        pin->epoch = epoch;
        return true;
    });
}

QString TrustStore::fingerprint(const QByteArray& key)
{
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(key.constData()),
                       std::size_t(key.size()), nullptr, 0);
    const QString hex = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), sizeof hash).toHex());
    QStringList groups;
    for (int i = 0; i < hex.size(); i += 4)
        groups.append(hex.mid(i, 4));
    return groups.join(QLatin1Char(':'));
}

} // namespace onramp
