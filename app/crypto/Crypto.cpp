#include "Crypto.h"

#include <sodium.h>

namespace onramp::crypto {

namespace {

const unsigned char* bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char*>(view.data());
}

unsigned char* bytes(QByteArray& array)
{
    return reinterpret_cast<unsigned char*>(array.data());
}

} // namespace

SignKeyPair generateSignKeyPair()
{
    ensureSodium();
    SignKeyPair pair{QByteArray(crypto_sign_PUBLICKEYBYTES, '\0'), SecureBytes(crypto_sign_SECRETKEYBYTES)};
    crypto_sign_keypair(bytes(pair.publicKey), pair.secretKey.data());
    return pair;
}

QByteArray sign(QByteArrayView message, const SecureBytes& signSecretKey)
{
    if (signSecretKey.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    QByteArray signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(bytes(signature), nullptr, bytes(message), std::size_t(message.size()), signSecretKey.data());
    return signature;
}

bool verify(QByteArrayView message, QByteArrayView signature, QByteArrayView signPublicKey)
{
    ensureSodium();
    if (signature.size() != crypto_sign_BYTES || signPublicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return false;
    return crypto_sign_verify_detached(bytes(signature), bytes(message), std::size_t(message.size()),
                                       bytes(signPublicKey))
        == 0;
}

QByteArray sealTo(QByteArrayView plaintext, QByteArrayView signPublicKey)
{
    ensureSodium();
    if (signPublicKey.size() != crypto_sign_PUBLICKEYBYTES)
        return {};
    unsigned char boxPublic[crypto_box_PUBLICKEYBYTES];
    if (crypto_sign_ed25519_pk_to_curve25519(boxPublic, bytes(signPublicKey)) != 0)
        return {};
    QByteArray sealed(plaintext.size() + qsizetype(crypto_box_SEALBYTES), '\0');
    if (crypto_box_seal(bytes(sealed), bytes(plaintext), std::size_t(plaintext.size()), boxPublic) != 0)
        return {};
    return sealed;
}

std::optional<SecureBytes> openSealed(QByteArrayView sealed, const SecureBytes& signSecretKey)
{
    if (signSecretKey.size() != crypto_sign_SECRETKEYBYTES || sealed.size() < qsizetype(crypto_box_SEALBYTES))
        return std::nullopt;
    SecureBytes boxSecret(crypto_box_SECRETKEYBYTES);
    unsigned char boxPublic[crypto_box_PUBLICKEYBYTES];
    const unsigned char* signPublic = signSecretKey.data() + crypto_sign_SEEDBYTES; // sk = seed || pk
    if (crypto_sign_ed25519_sk_to_curve25519(boxSecret.data(), signSecretKey.data()) != 0
        || crypto_sign_ed25519_pk_to_curve25519(boxPublic, signPublic) != 0)
        return std::nullopt;
    SecureBytes plain(std::size_t(sealed.size()) - crypto_box_SEALBYTES);
    if (crypto_box_seal_open(plain.data(), bytes(sealed), std::size_t(sealed.size()), boxPublic, boxSecret.data()) != 0)
        return std::nullopt;
    return plain;
}

QByteArray encrypt(QByteArrayView plaintext, const SecureBytes& key, QByteArrayView context)
{
    ensureSodium();
    if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
        return {};
    constexpr qsizetype nonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    QByteArray box(nonceBytes + plaintext.size() + qsizetype(crypto_aead_xchacha20poly1305_ietf_ABYTES), '\0');
    randombytes_buf(box.data(), nonceBytes);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(bytes(box) + nonceBytes, &length, bytes(plaintext),
                                               std::size_t(plaintext.size()), bytes(context),
                                               std::size_t(context.size()), nullptr, bytes(box), key.data());
    return box;
}

std::optional<SecureBytes> decrypt(QByteArrayView box, const SecureBytes& key, QByteArrayView context)
{
    ensureSodium();
    constexpr qsizetype nonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr qsizetype tagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES || box.size() < nonceBytes + tagBytes)
        return std::nullopt;
    SecureBytes plain(std::size_t(box.size() - nonceBytes - tagBytes));
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &length, nullptr, bytes(box) + nonceBytes,
                                                   std::size_t(box.size() - nonceBytes), bytes(context),
                                                   std::size_t(context.size()), bytes(box), key.data())
        != 0)
        return std::nullopt;
    return plain;
}

QByteArray keyedHash(QByteArrayView data, const SecureBytes& key)
{
    QByteArray out(qsizetype(kKeyedHashBytes), '\0');
    crypto_generichash(bytes(out), kKeyedHashBytes, bytes(data), std::size_t(data.size()),
                       reinterpret_cast<const unsigned char*>(key.view().data()), std::size_t(key.size()));
    return out;
}

QByteArray randomBytes(std::size_t size)
{
    QByteArray bytes(qsizetype(size), Qt::Uninitialized);
    randombytes_buf(bytes.data(), size);
    return bytes;
}

} // namespace onramp::crypto
