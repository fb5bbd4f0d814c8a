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

/// Writes the UTF-16 code units of \a utf8 into \a out (room for twice
/// its size), little- or big-endian; their byte count, or -1 when \a utf8 is
/// not UTF-8. \a latin1 is cleared when a unit is U+0100 or above.
qsizetype toUtf16(QByteArrayView utf8, bool bigEndian, unsigned char* out, bool* latin1)
{
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const qsizetype n = utf8.size();
    qsizetype at = 0;
    const auto unit = [&](char32_t u) {
        out[at + (bigEndian ? 1 : 0)] = static_cast<unsigned char>(u & 0xff);
        out[at + (bigEndian ? 0 : 1)] = static_cast<unsigned char>(u >> 8);
        at += 2;
        if (u >= 0x100)
            *latin1 = false;
    };
    for (qsizetype i = 0; i < n;) {
        const unsigned char lead = p[i];
        int more = 0;
        char32_t c = 0;
        if (lead < 0x80) {
            c = lead;
        } else if ((lead & 0xe0) == 0xc0) {
            more = 1;
            c = lead & 0x1f;
        } else if ((lead & 0xf0) == 0xe0) {
            more = 2;
            c = lead & 0x0f;
        } else if ((lead & 0xf8) == 0xf0) {
            more = 3;
            c = lead & 0x07;
        } else {
            return -1;
        }
        if (i + more >= n && more > 0)
            return -1;
        for (int k = 1; k <= more; ++k) {
            if ((p[i + k] & 0xc0) != 0x80)
                return -1;
            c = (c << 6) | (p[i + k] & 0x3f);
        }
        static constexpr char32_t kLeast[] = {0, 0x80, 0x800, 0x10000};
        if (c < kLeast[more] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return -1; // overlong, out of range or a surrogate: not UTF-8
        i += 1 + more;
        if (c >= 0x10000) {
            unit(0xd800 + ((c - 0x10000) >> 10));
            unit(0xdc00 + ((c - 0x10000) & 0x3ff));
        } else {
            unit(c);
        }
    }
    return at;
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

void KnownSecretHashes::keep(QByteArrayView bytes, const QString& id, QList<int>* lengths)
{
    if (bytes.isEmpty())
        return;
    const quint64 value = shortHash(bytes);
    m_short.insert(std::lower_bound(m_short.begin(), m_short.end(), value), value);
    m_ids.insert(crypto::keyedHash(bytes, m_key), id);
    const int length = int(bytes.size());
    if (!lengths->contains(length)) {
        lengths->append(length);
        std::sort(lengths->begin(), lengths->end());
    }
}

void KnownSecretHashes::add(QByteArrayView secret, const QString& id)
{
    keep(secret, id, &m_lengths);
    m_allText = m_allText && std::none_of(secret.begin(), secret.end(), [](char c) { return isControl(c); });
    // Its UTF-16 encodings, in locked memory wiped when this returns. A
    // secret that is not UTF-8 (random bytes) has none.
    SecureBytes wide(std::size_t(2 * secret.size()));
    for (const bool bigEndian : {false, true}) {
        bool latin1 = true;
        const qsizetype size = toUtf16(secret, bigEndian, wide.data(), &latin1);
        if (size < 0)
            return;
        QByteArrayView form = wide.view().first(size);
        while (!form.isEmpty() && form.front() == '\0')
            form = form.sliced(1);
        while (!form.isEmpty() && form.back() == '\0')
            form.chop(1);
        m_wideLatin1 = m_wideLatin1 && latin1;
        // Of Latin-1 text both are the same bytes, kept once.
        if (bigEndian && latin1)
            break;
        keep(form, id, &m_wideLengths);
    }
}

QString KnownSecretHashes::lookup(QByteArrayView candidate) const
{
    if (m_short.empty() || !std::binary_search(m_short.cbegin(), m_short.cend(), shortHash(candidate)))
        return {};
    return m_ids.value(crypto::keyedHash(candidate, m_key));
}

} // namespace onramp::scan
