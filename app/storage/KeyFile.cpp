#include "KeyFile.h"

#include "DemoKdf.h"

#include "Crypto.h"
#include "KeyFileStore.h"
#include "PrivateFile.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sys/stat.h>

namespace onramp {

Q_LOGGING_CATEGORY(lcKeyFile, "onramp.vault.keyfile", QtWarningMsg)

namespace {

QByteArray slotContext(const QString& vaultId, const QString& name)
{
    return QByteArrayLiteral("onramp-slot-v1\n") + vaultId.toUtf8() + '\n' + name.toUtf8();
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// Strict: a character outside the alphabet is damage, not something to skip
// (a flipped bit in the padding would otherwise decode to the same bytes).
QByteArray unb64(const QJsonValue& value)
{
    const auto decoded =
        QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArrayLiteral("\x01invalid base64");
}

// A whole number from 0 to 2^53 (every one a double holds exactly), else 0,
// which KdfParams::isSane() refuses: converting a double out of quint64's
// range is undefined behaviour, and a key file is anyone's to edit.
quint64 wholeNumber(const QJsonValue& value)
{
    const double d = value.toDouble(-1);
    return d >= 0 && d <= 9007199254740992.0 && d == std::floor(d) ? quint64(d) : 0;
}

const QStringList kManagedKeys = {QStringLiteral("format"), QStringLiteral("vault_id"), QStringLiteral("slots"),
                                  QStringLiteral("superseded")};

} // namespace

QString kdfLevelName(KdfLevel level)
{
    switch (level) {
    case KdfLevel::Interactive:
        return QStringLiteral("interactive");
    case KdfLevel::Moderate:
        return QStringLiteral("moderate");
    case KdfLevel::Sensitive:
        return QStringLiteral("sensitive");
    }
    return {};
}

std::optional<KdfLevel> kdfLevelFromName(const QString& name)
{
    for (KdfLevel level : {KdfLevel::Interactive, KdfLevel::Moderate, KdfLevel::Sensitive})
        if (kdfLevelName(level) == name)
            return level;
    return std::nullopt;
}

KdfParams KdfParams::forLevel(KdfLevel level)
{
    switch (level) {
    case KdfLevel::Interactive:
        return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case KdfLevel::Moderate:
        return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
    case KdfLevel::Sensitive:
        return {crypto_pwhash_OPSLIMIT_SENSITIVE, crypto_pwhash_MEMLIMIT_SENSITIVE};
    }
    return {};
}

KdfParams KdfParams::forNewSlot(KdfLevel level)
{
    // The demo's slots, whose passphrases are public (DemoKdf.h).
    if (DemoKdfScope::active())
        return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
#ifndef ONRAMP_NO_TEST_SWITCHES
    if (qgetenv("ONRAMP_TEST_KDF") == "fast") {
        qCWarning(lcKeyFile) << "ONRAMP_TEST_KDF=fast: new key slots use minimal Argon2id cost (tests only)";
        return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    }
#endif
    return forLevel(level);
}

bool KdfParams::isSane() const
{
    return opslimit >= crypto_pwhash_OPSLIMIT_MIN && opslimit <= 64 && memlimit >= crypto_pwhash_MEMLIMIT_MIN
        && memlimit <= 4ULL * 1024 * 1024 * 1024;
}

std::optional<SecureBytes> deriveKey(QByteArrayView passphrase, QByteArrayView salt, const KdfParams& params)
{
    ensureSodium();
    if (salt.size() != crypto_pwhash_SALTBYTES || !params.isSane())
        return std::nullopt;
    SecureBytes key(crypto::kSymmetricKeyBytes);
    // libsodium declares the passphrase pointer non-null, even for length 0.
    static const char empty = '\0';
    const char* bytes = passphrase.isEmpty() ? &empty : passphrase.data();
    if (crypto_pwhash(key.data(), key.size(), bytes, std::size_t(passphrase.size()),
                      reinterpret_cast<const unsigned char*>(salt.data()), params.opslimit,
                      std::size_t(params.memlimit), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return std::nullopt;
    return key;
}

KeySlot KeySlot::create(const QString& vaultId, const QString& name, const QString& role, QByteArrayView signPublicKey,
                        const SecureBytes& signSecretKey, QByteArrayView passphrase, const KdfParams& params)
{
    ensureSodium();
    KeySlot slot;
    slot.name = name;
    slot.role = role;
    slot.signPublicKey = signPublicKey.toByteArray();
    slot.kdf = params;
    slot.salt = QByteArray(crypto_pwhash_SALTBYTES, '\0');
    randombytes_buf(slot.salt.data(), std::size_t(slot.salt.size()));
    if (std::optional<SecureBytes> key = deriveKey(passphrase, slot.salt, params))
        slot.wrappedSecretKey = crypto::encrypt(signSecretKey.view(), *key, slotContext(vaultId, name));
    return slot;
}

std::optional<SecureBytes> KeySlot::unwrapSecretKey(const QString& vaultId, QByteArrayView passphrase) const
{
    std::optional<SecureBytes> key = deriveKey(passphrase, salt, kdf);
    if (!key)
        return std::nullopt;
    return crypto::decrypt(wrappedSecretKey, *key, slotContext(vaultId, name));
}

QByteArray KeySlot::canonical(const QString& vaultId) const
{
    QByteArray out = QByteArrayLiteral("onramp-key-slot-v1");
    const auto add = [&out](const QByteArray& field) {
        char length[4];
        qToBigEndian<quint32>(quint32(field.size()), length);
        out.append(length, 4).append(field);
    };
    add(vaultId.toUtf8());
    add(name.toUtf8());
    add(role.toUtf8());
    add(signPublicKey);
    add(QByteArray::number(kdf.opslimit));
    add(QByteArray::number(kdf.memlimit));
    add(salt);
    add(wrappedSecretKey);
    add(sealedMasterKey);
    add(sealedPendingMasterKey);
    add(sealedProductionKey);
    add(sealedPendingProductionKey);
    add(productionKeyCheck);
    add(pendingProductionKeyCheck);
    add(disabled ? QByteArrayLiteral("disabled") : QByteArrayLiteral("enabled"));
    add(signedBy.toUtf8());
    return out;
}

void KeySlot::sign(const QString& vaultId, const QString& signer, const SecureBytes& signerSecretKey)
{
    signedBy = signer;
    signature = crypto::sign(canonical(vaultId), signerSecretKey);
    signaturePromoted.clear();
    signatureAbandoned.clear();
    if (!hasPending())
        return;
    KeySlot outcome = *this;
    outcome.settlePending(true);
    signaturePromoted = crypto::sign(outcome.canonical(vaultId), signerSecretKey);
    outcome = *this;
    outcome.settlePending(false);
    signatureAbandoned = crypto::sign(outcome.canonical(vaultId), signerSecretKey);
}

bool KeySlot::verifySignature(const QString& vaultId, QByteArrayView signerPublicKey) const
{
    return !signature.isEmpty() && crypto::verify(canonical(vaultId), signature, signerPublicKey);
}

void KeySlot::settlePending(bool promote)
{
    if (!hasPending())
        return;
    if (promote && !sealedPendingMasterKey.isEmpty())
        sealedMasterKey = sealedPendingMasterKey;
    if (promote && !sealedPendingProductionKey.isEmpty()) {
        sealedProductionKey = sealedPendingProductionKey;
        productionKeyCheck = pendingProductionKeyCheck;
    }
    sealedPendingMasterKey.clear();
    sealedPendingProductionKey.clear();
    pendingProductionKeyCheck.clear();
    signature = promote ? signaturePromoted : signatureAbandoned;
    signaturePromoted.clear();
    signatureAbandoned.clear();
}

QString KeyFile::structureProblem(const KeySlot& s)
{
    constexpr qsizetype kSealedKey = crypto_box_SEALBYTES + crypto::kSymmetricKeyBytes;
    constexpr qsizetype kWrapped = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_sign_SECRETKEYBYTES
        + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (!s.damage.isEmpty())
        return s.damage;
    if (s.signPublicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return Tr::tr("its public key is not 32 bytes");
    if (!s.kdf.isSane() || s.salt.size() != crypto_pwhash_SALTBYTES)
        return Tr::tr("its key derivation settings are not valid");
    if (s.wrappedSecretKey.size() != kWrapped)
        return Tr::tr("its wrapped secret key is not %1 bytes").arg(kWrapped);
    if (!s.disabled && s.sealedMasterKey.size() != kSealedKey)
        return Tr::tr("its sealed master key is not %1 bytes").arg(kSealedKey);
    for (const QByteArray* sealed : {&s.sealedPendingMasterKey, &s.sealedProductionKey, &s.sealedPendingProductionKey})
        if (!sealed->isEmpty() && sealed->size() != kSealedKey)
            return Tr::tr("a sealed key in it is not %1 bytes").arg(kSealedKey);
    if (s.signature.size() != crypto_sign_BYTES || s.signedBy.isEmpty())
        return Tr::tr("it is not signed");
    return {};
}

qsizetype KeyFile::maxBytes()
{
#ifndef ONRAMP_NO_TEST_SWITCHES
    bool ok = false;
    const qsizetype lowered = qEnvironmentVariable("ONRAMP_TEST_KEY_FILE_LIMIT").toLongLong(&ok);
    if (ok && lowered > 0 && lowered < kMaxBytes) {
        qCWarning(lcKeyFile) << "ONRAMP_TEST_KEY_FILE_LIMIT: key files are limited to" << lowered
                             << "bytes (tests only)";
        return lowered;
    }
#endif
    return kMaxBytes;
}

namespace {

QString sizeText(qsizetype bytes, int precision = 0)
{
    return QLocale().formattedDataSize(bytes, precision);
}

// The file's bytes, never read through a link: whoever holds the vault's key
// can plant one. (Writes refuse links too; see writePrivateFile.)
Error readKeyFile(const QString& path, QByteArray* out)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return Error(ErrorKind::Damaged, Tr::tr("key file %1 is missing; restore it from a backup").arg(path));
    if (!S_ISREG(st.st_mode))
        return Error(ErrorKind::Damaged,
                     S_ISLNK(st.st_mode)
                         ? Tr::tr("key file %1 is a symbolic link; restore the file itself from a backup").arg(path)
                         : Tr::tr("key file %1 is not a regular file; restore it from a backup").arg(path));
    const qsizetype limit = KeyFile::maxBytes();
    if (st.st_size > limit)
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1 is larger than %2, the most a key file may hold; restore it from a backup")
                         .arg(path, sizeText(limit)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::ExistingOnly))
        return Error(ErrorKind::Damaged, Tr::tr("cannot read key file %1: %2").arg(path, file.errorString()));
    // One byte more than the stat said, to see a file that grew meanwhile.
    out->resize(qsizetype(st.st_size) + 1);
    const qint64 read = file.read(out->data(), out->size());
    if (read < 0)
        return Error(ErrorKind::Damaged, Tr::tr("cannot read key file %1: %2").arg(path, file.errorString()));
    out->truncate(qsizetype(read));
    if (read > st.st_size && !file.atEnd())
        out->append(file.read(limit + 1 - out->size()));
    if (out->size() > limit) // grew since the stat
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1 is larger than %2, the most a key file may hold; restore it from a backup")
                         .arg(path, sizeText(limit)));
    return {};
}

} // namespace

Error KeyFile::load(const QString& path, KeyFile* out)
{
    if (KeyFileStore::isStorePath(path))
        return KeyFileStore::load(path, out);
    QByteArray json;
    if (Error e = readKeyFile(path, &json))
        return e;
    return parse(json, path, out);
}

Error KeyFile::loadFor(const QString& path, const QString& name, KeyFile* out)
{
    if (KeyFileStore::isStorePath(path))
        return KeyFileStore::loadFor(path, name, out);
    QByteArray json;
    if (Error e = readKeyFile(path, &json))
        return e;
    // The signers are known only once the slots are read: select again with
    // them until nothing is missing (a chain of signers is short).
    QStringList names{name};
    for (int round = 0; round < 8; ++round) {
        KeyFile selected;
        if (Error e = parseFor(json, path, names, &selected))
            return e;
        QStringList more;
        for (const QList<KeySlot>* list : {&selected.slots, &selected.superseded})
            for (const KeySlot& s : *list)
                if (names.contains(s.name) && !s.signedBy.isEmpty() && !names.contains(s.signedBy)
                    && !more.contains(s.signedBy))
                    more.append(s.signedBy);
        if (more.isEmpty() || !selected.isPartial()) {
            *out = std::move(selected);
            return {};
        }
        names += more;
    }
    return parse(json, path, out);
}

Error KeyFile::loadForAct(const QString& path, const QStringList& names, KeyFile* out)
{
    if (KeyFileStore::isStorePath(path))
        return KeyFileStore::loadForAct(path, names, out);
    return load(path, out);
}

KeySlot KeyFile::slotFromJson(const QJsonObject& o)
{
    KeySlot s;
    s.name = o.value(QStringLiteral("name")).toString();
    s.role = o.value(QStringLiteral("role")).toString();
    s.signPublicKey = unb64(o.value(QStringLiteral("sign_public_key")));
    const QJsonObject kdf = o.value(QStringLiteral("kdf")).toObject();
    s.kdf.opslimit = wholeNumber(kdf.value(QStringLiteral("opslimit")));
    s.kdf.memlimit = wholeNumber(kdf.value(QStringLiteral("memlimit")));
    s.salt = unb64(kdf.value(QStringLiteral("salt")));
    s.wrappedSecretKey = unb64(o.value(QStringLiteral("secret_key")));
    s.sealedMasterKey = unb64(o.value(QStringLiteral("master_key")));
    s.sealedPendingMasterKey = unb64(o.value(QStringLiteral("pending_master_key")));
    s.sealedProductionKey = unb64(o.value(QStringLiteral("production_key")));
    s.sealedPendingProductionKey = unb64(o.value(QStringLiteral("pending_production_key")));
    s.productionKeyCheck = unb64(o.value(QStringLiteral("production_key_check")));
    s.pendingProductionKeyCheck = unb64(o.value(QStringLiteral("pending_production_key_check")));
    s.disabled = o.value(QStringLiteral("disabled")).toBool();
    if (s.disabled) { // a disabled slot holds no keys, whatever the file says
        s.sealedMasterKey.clear();
        s.sealedPendingMasterKey.clear();
        s.sealedProductionKey.clear();
        s.sealedPendingProductionKey.clear();
        s.productionKeyCheck.clear();
        s.pendingProductionKeyCheck.clear();
    }
    s.signedBy = o.value(QStringLiteral("signed_by")).toString();
    s.signature = unb64(o.value(QStringLiteral("signature")));
    s.signaturePromoted = unb64(o.value(QStringLiteral("signature_promoted")));
    s.signatureAbandoned = unb64(o.value(QStringLiteral("signature_abandoned")));
    if (kdf.value(QStringLiteral("alg")).toString() != QLatin1String("argon2id13"))
        s.damage = Tr::tr("its key derivation is not argon2id13");
    else if (s.wrappedSecretKey.isEmpty() || (s.sealedMasterKey.isEmpty() && !s.disabled))
        s.damage = Tr::tr("it is incomplete");
    // Anything else wrong with it is found by structureProblem() and its signature.
    if (!s.damage.isEmpty())
        s.raw = o;
    return s;
}

Error KeyFile::parse(const QByteArray& json, const QString& path, KeyFile* out)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const auto damaged = [&](const QString& why) {
        return Error(ErrorKind::Damaged, Tr::tr("key file %1 is damaged: %2; restore it from a backup").arg(path, why));
    };
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArrayView before =
            QByteArrayView(json).first(std::clamp<qsizetype>(parseError.offset, 0, json.size()));
        return damaged(Tr::tr("%1 at line %2, column %3")
                           .arg(parseError.errorString())
                           .arg(before.count('\n') + 1)
                           .arg(before.size() - before.lastIndexOf('\n')));
    }
    if (!doc.isObject())
        return damaged(Tr::tr("it is not a JSON object"));
    const QJsonObject root = doc.object();
    const int format = root.value(QStringLiteral("format")).toInt(-1);
    if (format > kFormatVersion)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("key file %1 has format %2, written by a newer Onramp (this one reads up to %3); "
                            "upgrade Onramp")
                         .arg(path)
                         .arg(format)
                         .arg(kFormatVersion));
    if (format != kFormatVersion)
        return damaged(Tr::tr("no valid format version"));
    KeyFile result;
    result.vaultId = root.value(QStringLiteral("vault_id")).toString();
    if (result.vaultId.isEmpty())
        return damaged(Tr::tr("no vault id"));
    for (const QJsonValue& value : root.value(QStringLiteral("slots")).toArray()) {
        const KeySlot s = slotFromJson(value.toObject());
        if (s.name.isEmpty())
            return damaged(Tr::tr("slot %1 has no name").arg(result.slots.size() + 1));
        result.slots.append(s);
    }
    if (result.slots.isEmpty())
        return damaged(Tr::tr("it holds no key slots"));
    for (const QJsonValue& value : root.value(QStringLiteral("superseded")).toArray()) {
        const KeySlot s = slotFromJson(value.toObject());
        // Beside a slot of its name only, once: anything else is dropped unread.
        if (result.slot(s.name) && !result.supersededSlot(s.name))
            result.superseded.append(s);
    }
    for (auto it = root.begin(); it != root.end(); ++it)
        if (!kManagedKeys.contains(it.key()))
            result.extra.insert(it.key(), it.value());
    *out = std::move(result);
    return {};
}

Error KeyFile::save(const QString& path) const
{
    if (KeyFileStore::isStorePath(path))
        return KeyFileStore::save(path, *this);
    if (m_partial)
        return Error(ErrorKind::Io, Tr::tr("key file %1 was read in part and cannot be written").arg(path));
    const QByteArray json = toJson();
    const qsizetype limit = maxBytes();
    if (json.size() > limit)
        return Error(ErrorKind::Io,
                     Tr::tr("key file %1 would grow to %2, past its limit of %3 (%n key slots); nothing was changed",
                            nullptr, int(slots.size() + superseded.size()))
                         .arg(path, sizeText(json.size(), 1), sizeText(limit)));
    return writePrivateFile(path, json, Tr::tr("key file"));
}

QJsonObject KeyFile::slotToJson(const KeySlot& s)
{
    if (!s.damage.isEmpty())
        return s.raw;
    QJsonObject o{
        {QStringLiteral("name"), s.name},
        {QStringLiteral("role"), s.role},
        {QStringLiteral("sign_public_key"), b64(s.signPublicKey)},
        {QStringLiteral("kdf"),
         QJsonObject{{QStringLiteral("alg"), QStringLiteral("argon2id13")},
                     {QStringLiteral("opslimit"), double(s.kdf.opslimit)},
                     {QStringLiteral("memlimit"), double(s.kdf.memlimit)},
                     {QStringLiteral("salt"), b64(s.salt)}}},
        {QStringLiteral("secret_key"), b64(s.wrappedSecretKey)},
    };
    if (s.disabled)
        o.insert(QStringLiteral("disabled"), true);
    else
        o.insert(QStringLiteral("master_key"), b64(s.sealedMasterKey));
    if (!s.sealedPendingMasterKey.isEmpty() && !s.disabled)
        o.insert(QStringLiteral("pending_master_key"), b64(s.sealedPendingMasterKey));
    if (!s.sealedProductionKey.isEmpty() && !s.disabled)
        o.insert(QStringLiteral("production_key"), b64(s.sealedProductionKey));
    if (!s.sealedPendingProductionKey.isEmpty() && !s.disabled)
        o.insert(QStringLiteral("pending_production_key"), b64(s.sealedPendingProductionKey));
    if (!s.productionKeyCheck.isEmpty() && !s.disabled)
        o.insert(QStringLiteral("production_key_check"), b64(s.productionKeyCheck));
    if (!s.pendingProductionKeyCheck.isEmpty() && !s.disabled)
        o.insert(QStringLiteral("pending_production_key_check"), b64(s.pendingProductionKeyCheck));
    // Each as it was read, even alone: a signature without a signer is
    // not repaired away here; structureProblem() names it.
    if (!s.signedBy.isEmpty())
        o.insert(QStringLiteral("signed_by"), s.signedBy);
    if (!s.signature.isEmpty())
        o.insert(QStringLiteral("signature"), b64(s.signature));
    if (!s.signaturePromoted.isEmpty())
        o.insert(QStringLiteral("signature_promoted"), b64(s.signaturePromoted));
    if (!s.signatureAbandoned.isEmpty())
        o.insert(QStringLiteral("signature_abandoned"), b64(s.signatureAbandoned));
    return o;
}

QByteArray KeyFile::toJson() const
{
    QJsonArray array;
    for (const KeySlot& s : slots)
        array.append(slotToJson(s));
    QJsonObject root = extra;
    root.insert(QStringLiteral("format"), kFormatVersion);
    root.insert(QStringLiteral("vault_id"), vaultId);
    root.insert(QStringLiteral("slots"), array);
    if (!superseded.isEmpty()) {
        QJsonArray before;
        for (const KeySlot& s : superseded)
            before.append(slotToJson(s));
        root.insert(QStringLiteral("superseded"), before);
    }

    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

KeySlot* KeyFile::slot(const QString& name)
{
    for (KeySlot& s : slots)
        if (s.name == name)
            return &s;
    return nullptr;
}

const KeySlot* KeyFile::slot(const QString& name) const
{
    return const_cast<KeyFile*>(this)->slot(name);
}

const KeySlot* KeyFile::supersededSlot(const QString& name) const
{
    for (const KeySlot& s : superseded)
        if (s.name == name)
            return &s;
    return nullptr;
}

void KeyFile::supersede(const QString& name)
{
    dropSuperseded(name);
    if (const KeySlot* current = slot(name))
        superseded.append(*current);
}

void KeyFile::dropSuperseded(const QString& name)
{
    superseded.removeIf([&name](const KeySlot& s) { return s.name == name; });
}

void KeyFile::forget(const QString& name)
{
    slots.removeIf([&name](const KeySlot& s) { return s.name == name; });
    dropSuperseded(name);
    if (m_partial && !m_coveredNames.contains(name))
        m_coveredNames.append(name);
    m_otherRows.removeIf([&name](const RowDigest& row) { return row.name == name; });
}

void KeyFile::setSlot(const KeySlot& slot)
{
    if (KeySlot* existing = this->slot(slot.name))
        *existing = slot;
    else
        slots.append(slot);
}

} // namespace onramp
