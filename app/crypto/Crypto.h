#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

/// Small libsodium helpers shared by the vault and the features built on it.
namespace onramp::crypto {

constexpr std::size_t kSymmetricKeyBytes = 32;

/// A person's Ed25519 key pair; the secret half (64 bytes, public key included) in secure memory.
struct SignKeyPair {
    QByteArray publicKey;
    SecureBytes secretKey;
};

SignKeyPair generateSignKeyPair();

/// Ed25519 detached signature of \a message.
QByteArray sign(QByteArrayView message, const SecureBytes& signSecretKey);
/// True when \a signature is \a signPublicKey's valid Ed25519 signature of \a message.
bool verify(QByteArrayView message, QByteArrayView signature, QByteArrayView signPublicKey);

/// crypto_box_seal of \a plaintext to the X25519 key converted from an Ed25519
/// public key; empty when the public key is invalid.
QByteArray sealTo(QByteArrayView plaintext, QByteArrayView signPublicKey);
/// Opens a sealed box with the X25519 keys converted from an Ed25519 secret key.
std::optional<SecureBytes> openSealed(QByteArrayView sealed, const SecureBytes& signSecretKey);

/// XChaCha20-Poly1305 (IETF AEAD) with a random nonce: nonce || ciphertext.
/// \a context is authenticated too (bind a ciphertext to where it belongs).
QByteArray encrypt(QByteArrayView plaintext, const SecureBytes& key, QByteArrayView context = {});
/// Inverse of encrypt(); nullopt when the key or context is wrong or the data was altered.
std::optional<SecureBytes> decrypt(QByteArrayView box, const SecureBytes& key, QByteArrayView context = {});

/// \a size bytes from the system's random source: not secret values (a
/// nonce, a seal), which need no secure memory.
QByteArray randomBytes(std::size_t size);

/// Size of a keyedHash() in bytes.
constexpr std::size_t kKeyedHashBytes = 32;
/// BLAKE2b (crypto_generichash) of \a data keyed with \a key (32 bytes): a
/// value can be compared by its keyed hash without keeping it, and without
/// the key no one can test a guess against the hash.
QByteArray keyedHash(QByteArrayView data, const SecureBytes& key);

} // namespace onramp::crypto
