#include "LoginDerivation.h"

#include <sodium.h>

#include <QtEndian>

namespace onramp::server {

namespace {

constexpr char kSaltDomain[] = "onramp server login salt v1";
// crypto_kdf's context: exactly crypto_kdf_CONTEXTBYTES (8) characters.
constexpr char kSplitContext[crypto_kdf_CONTEXTBYTES + 1] = "onrampPg";
constexpr quint64 kScramSubkey = 1;
constexpr quint64 kSlotSubkey = 2;

void appendField(QByteArray& out, const QByteArray& field)
{
    const quint32 size = qToBigEndian(quint32(field.size()));
    out.append(reinterpret_cast<const char*>(&size), sizeof size);
    out.append(field);
}

} // namespace

LoginCost LoginCost::floor()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

LoginCost LoginCost::standard()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

bool LoginCost::isAllowed() const
{
    const LoginCost least = floor();
    return opslimit >= least.opslimit && memlimit >= least.memlimit && opslimit <= 64
        && memlimit <= quint64(4) * 1024 * 1024 * 1024;
}

QByteArray loginSalt(const QString& teamId, const QString& name)
{
    ensureSodium();
    QByteArray message;
    appendField(message, QByteArray(kSaltDomain));
    appendField(message, teamId.toUtf8());
    appendField(message, name.toUtf8());
    QByteArray salt(crypto_pwhash_SALTBYTES, 0);
    crypto_generichash(reinterpret_cast<unsigned char*>(salt.data()), std::size_t(salt.size()),
                       reinterpret_cast<const unsigned char*>(message.constData()), std::size_t(message.size()),
                       nullptr, 0);
    return salt;
}

Error deriveLogin(QByteArrayView passphrase, const QString& teamId, const QString& name, const LoginCost& cost,
                  ServerLogin* out)
{
    if (teamId.isEmpty())
        return {ErrorKind::InvalidInput, Tr::tr("The team id is empty: the sign-in to a team server needs it.")};
    if (name.isEmpty())
        return {ErrorKind::InvalidInput, Tr::tr("The name is empty: the sign-in to a team server needs it.")};
    if (!cost.isAllowed()) {
        const LoginCost least = LoginCost::floor();
        return {
            ErrorKind::InvalidInput,
            Tr::tr("The sign-in cost for team %1 (%2 passes over %3 MiB) is outside what Onramp accepts: at least %4 "
                   "passes over %5 MiB.")
                .arg(teamId)
                .arg(cost.opslimit)
                .arg(cost.memlimit / (1024 * 1024))
                .arg(least.opslimit)
                .arg(least.memlimit / (1024 * 1024))};
    }
    if (!ensureSodium())
        return {ErrorKind::Io, Tr::tr("The cryptography library could not start.")};
    const QByteArray salt = loginSalt(teamId, name);
    SecureBytes master(crypto_kdf_KEYBYTES);
    if (crypto_pwhash(master.data(), master.size(), passphrase.data(), std::size_t(passphrase.size()),
                      reinterpret_cast<const unsigned char*>(salt.constData()), cost.opslimit,
                      std::size_t(cost.memlimit), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return {
            ErrorKind::Io,
            Tr::tr("Not enough memory for the sign-in's key derivation (%1 MiB).").arg(cost.memlimit / (1024 * 1024))};

    SecureBytes scramKey(32);
    SecureBytes slotKey(32);
    crypto_kdf_derive_from_key(scramKey.data(), scramKey.size(), kScramSubkey, kSplitContext, master.data());
    crypto_kdf_derive_from_key(slotKey.data(), slotKey.size(), kSlotSubkey, kSplitContext, master.data());

    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    const std::size_t textSize = sodium_base64_encoded_len(scramKey.size(), variant); // with its NUL
    SecureBytes text(textSize);
    sodium_bin2base64(reinterpret_cast<char*>(text.data()), text.size(), scramKey.data(), scramKey.size(), variant);
    out->scramPassword = SecureBytes::copyOf(QByteArrayView(text.constChar(), qsizetype(textSize - 1)));
    out->slotKey = std::move(slotKey);
    return {};
}

} // namespace onramp::server
