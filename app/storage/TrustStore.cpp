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
#include <QMutex>
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

/// What a pin read from its file must hold (besides its vault id).
bool isWhole(const VaultPin& pin)
{
    return pin.rootKey.size() == 32 && pin.headSequence >= 0 && (pin.headSequence == 0 || pin.headHash.size() == 32)
        && pin.verifiedSequence >= 0 && (pin.verifiedSequence == 0 || pin.verifiedHash.size() == 32);
}

/// \a text as a JSON string, quotes included.
void appendJsonString(QByteArray* out, const QString& text)
{
    out->append('"');
    for (const char c : text.toUtf8()) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out->append('\\');
            out->append(c);
        } else if (byte < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out->append("\\u00");
            out->append(hex[byte >> 4]);
            out->append(hex[byte & 0xf]);
        } else {
            out->append(c);
        }
    }
    out->append('"');
}

void appendBase64(QByteArray* out, const QByteArray& bytes)
{
    out->append('"');
    out->append(bytes.toBase64());
    out->append('"');
}

/// The pin as compact JSON, the members in the order QJsonDocument writes
/// them and the people sorted by name. Built as text: a QJsonObject inserts
/// each member into a sorted array, which at 100,000 people cost seconds.
QByteArray serialize(const QString& vaultId, const VaultPin& pin)
{
    QStringList names = pin.people.keys();
    std::sort(names.begin(), names.end());
    QByteArray out;
    out.reserve(256 + qsizetype(names.size()) * 64 + qsizetype(pin.adminKeys.size()) * 48);
    out.append("{\"admin_keys\":[");
    for (qsizetype i = 0; i < pin.adminKeys.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendBase64(&out, pin.adminKeys.at(i));
    }
    out.append("],\"epoch\":").append(QByteArray::number(pin.epoch));
    out.append(",\"format\":1,\"head_hash\":");
    appendBase64(&out, pin.headHash);
    out.append(",\"head_seq\":").append(QByteArray::number(pin.headSequence));
    out.append(",\"people\":{");
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendJsonString(&out, names.at(i));
        out.append(':');
        appendBase64(&out, pin.people.value(names.at(i)));
    }
    out.append("},\"root_key\":");
    appendBase64(&out, pin.rootKey);
    out.append(",\"vault_id\":");
    appendJsonString(&out, vaultId);
    out.append(",\"verified_hash\":");
    appendBase64(&out, pin.verifiedHash);
    out.append(",\"verified_seq\":").append(QByteArray::number(pin.verifiedSequence));
    out.append('}');
    return out;
}

/// The last pin this process read or wrote of each vault, with the bytes it
/// came from: a read of the same bytes is answered without parsing them.
struct CachedPin {
    QByteArray bytes;
    VaultPin pin;
};

QMutex& cacheMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, CachedPin>& cache()
{
    static QHash<QString, CachedPin> pins;
    return pins;
}

Error save(const QString& vaultId, const VaultPin& pin)
{
    const QString dir = TrustStore::directory();
    if (Error e = makePrivateFolder(dir, Tr::tr("the folder where this desktop keeps the vaults it trusts")))
        return e;
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QByteArray bytes = serialize(vaultId, pin);
    if (bytes.size() > TrustStore::kFileLimit)
        return Error(ErrorKind::Io,
                     Tr::tr("%1 would pass its limit of %2 MiB; nothing was changed")
                         .arg(QDir::toNativeSeparators(pinPath(vaultId)))
                         .arg(TrustStore::kFileLimit / (1024 * 1024)));
    if (Error e = writePrivateFile(pinPath(vaultId), bytes, Tr::tr("this desktop's record of the vault")))
        return e;
    // What load() would make of these bytes; a pin it would refuse is read again.
    const QMutexLocker locker(&cacheMutex());
    if (isWhole(pin))
        cache().insert(pinPath(vaultId), CachedPin{bytes, pin});
    else
        cache().remove(pinPath(vaultId));
    return {};
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
    const QByteArray bytes = file.readAll();
    {
        const QMutexLocker locker(&cacheMutex());
        const auto cached = cache().constFind(file.fileName());
        if (cached != cache().cend() && cached->bytes == bytes) {
            *out = cached->pin;
            return {};
        }
    }
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
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
    if (json.value(QStringLiteral("vault_id")).toString() != vaultId || !isWhole(pin))
        return Error(ErrorKind::Damaged,
                     Tr::tr("%1, where this desktop remembers vault %2, is damaged; remove it to trust the vault "
                            "anew, after checking its root key with an admin")
                         .arg(file.fileName(), vaultId));
    *out = pin;
    const QMutexLocker locker(&cacheMutex());
    cache().insert(file.fileName(), CachedPin{bytes, pin});
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

namespace {

bool applyHead(std::optional<VaultPin>& pin, qint64 sequence, const QByteArray& hash)
{
    if (!pin || pin->headSequence >= sequence)
        return false;
    pin->headSequence = sequence;
    pin->headHash = hash;
    return true;
}

bool applyVerified(std::optional<VaultPin>& pin, const PinUpdate::Verified& verified)
{
    if (!pin
        || (pin->verifiedSequence == verified.sequence && pin->verifiedHash == verified.hash
            && pin->people == verified.people && pin->adminKeys == verified.adminKeys))
        return false;
    pin->verifiedSequence = verified.sequence;
    pin->verifiedHash = verified.hash;
    pin->people = verified.people;
    pin->adminKeys = verified.adminKeys;
    return true;
}

bool applyRestore(std::optional<VaultPin>& pin, const PinUpdate::Restore& restore)
{
    if (!pin || pin->epoch >= restore.epoch)
        return false;
    pin->epoch = restore.epoch;
    pin->headSequence = restore.sequence;
    pin->headHash = restore.hash;
    pin->verifiedSequence = 0; // the restored log is verified in full again
    pin->verifiedHash.clear();
    return true;
}

bool applyEpoch(std::optional<VaultPin>& pin, qint64 epoch)
{
    if (!pin || pin->epoch >= epoch)
        return false;
    pin->epoch = epoch;
    return true;
}

} // namespace

Error TrustStore::advanceHead(const QString& vaultId, qint64 sequence, const QByteArray& hash)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) { return applyHead(pin, sequence, hash); });
}

Error TrustStore::advanceVerified(const QString& vaultId, qint64 sequence, const QByteArray& hash,
                                  const QHash<QString, QByteArray>& people, const QList<QByteArray>& adminKeys)
{
    const PinUpdate::Verified verified{sequence, hash, people, adminKeys};
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) { return applyVerified(pin, verified); });
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
    const PinUpdate::Restore restore{epoch, sequence, hash};
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) { return applyRestore(pin, restore); });
}

Error TrustStore::raiseEpoch(const QString& vaultId, qint64 epoch)
{
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) { return applyEpoch(pin, epoch); });
}

Error TrustStore::update(const QString& vaultId, const PinUpdate& update)
{
    if (update.isEmpty())
        return {};
    return updatePin(vaultId, [&](std::optional<VaultPin>& pin) {
        bool changed = false;
        // Each part as its own call would apply it, in the same order.
        if (update.acceptRestore)
            changed |= applyRestore(pin, *update.acceptRestore);
        if (update.raiseEpoch)
            changed |= applyEpoch(pin, *update.raiseEpoch);
        if (update.advanceHead)
            changed |= applyHead(pin, update.advanceHead->first, update.advanceHead->second);
        if (update.advanceVerified)
            changed |= applyVerified(pin, *update.advanceVerified);
        return changed;
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
