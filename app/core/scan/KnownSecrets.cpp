#include "scan/KnownSecrets.h"

#include "Crypto.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace onramp::scan {

namespace {

/// A byte below 0x20 or 0x7f, which no typed secret holds.
bool isControl(char c)
{
    return uchar(c) < 0x20 || uchar(c) == 0x7f;
}

} // namespace

KnownSecretHashes::KnownSecretHashes()
    : m_shortKey(SecureBytes::random(crypto_shorthash_KEYBYTES))
    , m_key(SecureBytes::random(crypto::kSymmetricKeyBytes))
{}

quint64 KnownSecretHashes::shortHash(QByteArrayView bytes) const
{
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<unsigned long long>(bytes.size()), m_shortKey.data());
    quint64 value = 0;
    std::memcpy(&value, out, sizeof value);
    return value;
}

void KnownSecretHashes::add(QByteArrayView secret, const QString& id)
{
    const quint64 value = shortHash(secret);
    m_short.insert(std::lower_bound(m_short.begin(), m_short.end(), value), value);
    m_ids.insert(crypto::keyedHash(secret, m_key), id);
    m_allText = m_allText && std::none_of(secret.begin(), secret.end(), [](char c) { return isControl(c); });
    const int length = int(secret.size());
    if (!m_lengths.contains(length)) {
        m_lengths.append(length);
        std::sort(m_lengths.begin(), m_lengths.end());
    }
}

QString KnownSecretHashes::lookup(QByteArrayView candidate) const
{
    if (m_short.empty() || !std::binary_search(m_short.cbegin(), m_short.cend(), shortHash(candidate)))
        return {};
    return m_ids.value(crypto::keyedHash(candidate, m_key));
}

} // namespace onramp::scan
