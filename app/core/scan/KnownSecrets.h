// The production secrets a scan looks for, held only as keyed hashes.
#pragma once

#include "SecureBytes.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace onramp::scan {

/// Known secrets as two hashes under keys drawn at random for this object,
/// never the secrets themselves: a 64-bit SipHash-2-4 (libsodium's
/// crypto_shorthash) that each candidate is tested against first, a few
/// tens of nanoseconds, and the BLAKE2b-256 of crypto::keyedHash that a
/// candidate passing the first test must match too before it is named a
/// credential. Neither hash can be turned back into a secret; testing a guess
/// against them needs the keys, which live in locked memory and are wiped
/// with this object.
class KnownSecretHashes
{
public:
    KnownSecretHashes();

    /// Keeps the hashes of \a secret, named \a id, and, when it is UTF-8,
    /// of its UTF-16LE and UTF-16BE encodings (as PowerShell and Windows
    /// editors write text) without a NUL byte at either end: in a UTF-16
    /// file a NUL byte bounds the secret's bytes on both sides. The
    /// encodings are written in locked memory and wiped once hashed; the
    /// caller wipes \a secret.
    void add(QByteArrayView secret, const QString& id);
    /// The id \a candidate is the secret of, else an empty string.
    QString lookup(QByteArrayView candidate) const;
    /// The byte lengths of the secrets held, ascending, each once.
    const QList<int>& lengths() const { return m_lengths; }
    /// The byte lengths of their UTF-16 encodings as add() hashes them.
    const QList<int>& wideLengths() const { return m_wideLengths; }
    /// True when every secret held is of characters below U+0100 (Latin-1,
    /// which every secret typed on a Western keyboard is): then each UTF-16
    /// encoding hashed is the characters with a NUL byte between each two,
    /// and a candidate without one there is none of them. Like allText(), it
    /// says the same of nearly every secret, so it tells nothing of one.
    bool wideAreLatin1() const { return m_wideLatin1; }
    bool isEmpty() const { return m_ids.isEmpty(); }
    /// True when no secret held has a control byte (below 0x20, or 0x7f):
    /// then a candidate with one, as most of a binary file's are, is none of
    /// them without being hashed. It says the same of every secret a person
    /// could type, so it tells nothing of any one of them.
    bool allText() const { return m_allText; }

private:
    quint64 shortHash(QByteArrayView bytes) const;
    void keep(QByteArrayView bytes, const QString& id, QList<int>* lengths);

    SecureBytes m_shortKey;
    SecureBytes m_key;
    std::vector<quint64> m_short; ///< sorted
    QHash<QByteArray, QString> m_ids; ///< BLAKE2b keyed hash -> id
    QList<int> m_lengths;
    QList<int> m_wideLengths;
    bool m_allText = true;
    bool m_wideLatin1 = true;
};

} // namespace onramp::scan
