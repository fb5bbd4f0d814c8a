#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>

namespace onramp {

/// A move-only byte buffer for key material and passphrases: allocated with
/// sodium_malloc (guard pages, mlock'ed, never swapped) and zeroed when freed.
class SecureBytes
{
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);
    ~SecureBytes();

    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    /// Copies bytes into a new secure buffer.
    static SecureBytes copyOf(QByteArrayView bytes);
    /// A buffer of random bytes from libsodium's generator.
    static SecureBytes random(std::size_t size);

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    const char* constChar() const { return reinterpret_cast<const char*>(m_data); }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return QByteArrayView(m_data, qsizetype(m_size)); }

    /// Zeroes and frees the buffer; the object becomes empty.
    void clear();

    /// Constant-time comparison.
    bool equals(const SecureBytes& other) const;

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

/// Overwrites a QByteArray's bytes with zeros (for transient copies of secrets).
void wipe(QByteArray& bytes);

/// Initialises libsodium once; safe to call from any thread, any number of times.
bool ensureSodium();

} // namespace onramp
