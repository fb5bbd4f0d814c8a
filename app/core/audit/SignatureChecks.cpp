#include "audit/SignatureChecks.h"

#include "Crypto.h"

#include <sodium.h>

#include <QThreadPool>

#include <algorithm>

namespace onramp {

SignatureChecks::SignatureChecks(QThreadPool* pool)
    : m_pool(pool)
{}

SignatureChecks::~SignatureChecks()
{
    if (m_started)
        wait();
}

qsizetype SignatureChecks::add(QByteArray message, QByteArray signature, QByteArray publicKey)
{
    Q_ASSERT(!m_started);
    m_checks.push_back({std::move(message), std::move(signature), std::move(publicKey)});
    return size() - 1;
}

void SignatureChecks::run(std::size_t begin, std::size_t end)
{
    for (std::size_t i = begin; i < end; ++i) {
        const Check& check = m_checks[i];
        m_holds[i] = crypto::verify(check.message, check.signature, check.publicKey) ? 1 : 0;
    }
}

void SignatureChecks::start()
{
    Q_ASSERT(!m_started);
    m_started = true;
    m_holds.assign(m_checks.size(), 0);
    if (!m_pool || m_checks.empty())
        return;
    // A few chunks per thread, so that a thread that was descheduled for a
    // while does not leave the others idle at the end of the page; not so
    // small that handing them out costs more than a few checks.
    const std::size_t threads = std::size_t(std::max(1, m_pool->maxThreadCount()));
    const std::size_t chunk = std::max<std::size_t>(64, (m_checks.size() + 4 * threads - 1) / (4 * threads));
    for (std::size_t begin = 0; begin < m_checks.size(); begin += chunk) {
        const std::size_t end = std::min(m_checks.size(), begin + chunk);
        ++m_chunks;
        m_pool->start([this, begin, end] {
            run(begin, end);
            m_done.release();
        });
    }
}

void SignatureChecks::wait()
{
    Q_ASSERT(m_started);
    if (m_waited)
        return;
    m_waited = true;
    if (!m_pool)
        run(0, m_checks.size());
    else
        m_done.acquire(m_chunks);
}

namespace {

/// Past this many (about 100 bytes each), the cache starts again empty: a
/// vault of 100,000 people holds about that many slot signatures.
constexpr qsizetype kMaxRemembered = 1 << 20;

} // namespace

QByteArray VerifiedSignatures::keyOf(QByteArrayView message, QByteArrayView signature, QByteArrayView publicKey)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
    for (const QByteArrayView part : {message, signature, publicKey}) {
        // Each part's length first, so that no bytes can shift from one part to the next.
        const quint64 length = quint64(part.size());
        unsigned char prefix[8];
        for (int i = 0; i < 8; ++i)
            prefix[i] = static_cast<unsigned char>(length >> (8 * i));
        crypto_generichash_update(&state, prefix, sizeof prefix);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  static_cast<unsigned long long>(part.size()));
    }
    QByteArray key(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(key.data()), std::size_t(key.size()));
    return key;
}

bool VerifiedSignatures::holds(QByteArrayView message, QByteArrayView signature, QByteArrayView publicKey) const
{
    const QByteArray key = keyOf(message, signature, publicKey);
    const QMutexLocker lock(&m_mutex);
    return m_held.contains(key);
}

bool VerifiedSignatures::verify(QByteArrayView message, QByteArrayView signature, QByteArrayView publicKey)
{
    const QByteArray key = keyOf(message, signature, publicKey);
    {
        const QMutexLocker lock(&m_mutex);
        if (m_held.contains(key))
            return true;
    }
    if (!crypto::verify(message, signature, publicKey))
        return false;
    const QMutexLocker lock(&m_mutex);
    if (m_held.size() >= kMaxRemembered)
        m_held.clear();
    m_held.insert(key);
    return true;
}

void VerifiedSignatures::verifyAll(std::vector<Signed> checks, QThreadPool* pool)
{
    SignatureChecks run(pool);
    QList<QByteArray> keys;
    for (Signed& check : checks) {
        QByteArray key = keyOf(check.message, check.signature, check.publicKey);
        {
            const QMutexLocker lock(&m_mutex);
            if (m_held.contains(key))
                continue;
        }
        keys.append(std::move(key));
        run.add(std::move(check.message), std::move(check.signature), std::move(check.publicKey));
    }
    run.start();
    run.wait();
    const QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (!run.holds(i))
            continue;
        if (m_held.size() >= kMaxRemembered)
            m_held.clear();
        m_held.insert(keys.at(i));
    }
}

qsizetype VerifiedSignatures::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_held.size();
}

VerifiedSignatures& VerifiedSignatures::process()
{
    static VerifiedSignatures cache;
    return cache;
}

SlotFacts SlotFacts::of(const KeySlot& slot)
{
    return {slot.name,
            KeyFile::structureProblem(slot),
            slot.signPublicKey,
            slot.disabled,
            !slot.sealedProductionKey.isEmpty(),
            slot.productionKeyCheck,
            !slot.sealedPendingProductionKey.isEmpty(),
            slot.pendingProductionKeyCheck,
            slot.signedBy,
            !slot.signature.isEmpty()};
}

namespace {

/// Past this many rows (a few hundred bytes each), the cache starts again empty.
constexpr qsizetype kMaxRows = 1 << 19;

} // namespace

std::optional<VerifiedSlots::Entry> VerifiedSlots::find(const QByteArray& rowDigest) const
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_rows.constFind(rowDigest);
    if (it == m_rows.cend())
        return std::nullopt;
    return *it;
}

void VerifiedSlots::remember(const QByteArray& rowDigest, Entry entry)
{
    const QMutexLocker lock(&m_mutex);
    if (m_rows.size() >= kMaxRows)
        m_rows.clear();
    m_rows.insert(rowDigest, std::move(entry));
}

qsizetype VerifiedSlots::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_rows.size();
}

VerifiedSlots& VerifiedSlots::process()
{
    static VerifiedSlots cache;
    return cache;
}

} // namespace onramp
