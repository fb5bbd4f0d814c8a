#include "audit/SignatureChecks.h"

#include "Crypto.h"
#include "PrivateFile.h"

#include <sodium.h>

#include <QFile>
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
    ++m_learnt;
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
        ++m_learnt;
    }
}

qsizetype VerifiedSignatures::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_held.size();
}

void VerifiedSignatures::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_held.clear();
    m_loaded.clear();
    m_saved.clear();
}

namespace {

constexpr QByteArrayView kStoredMagic("onramp verified signatures 1\n");
constexpr qsizetype kHashBytes = crypto_generichash_BYTES;

QByteArray macOf(QByteArrayView bytes, const SecureBytes& macKey)
{
    QByteArray mac(kHashBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(mac.data()), std::size_t(mac.size()),
                       reinterpret_cast<const unsigned char*>(bytes.data()),
                       static_cast<unsigned long long>(bytes.size()), macKey.data(), macKey.size());
    return mac;
}

} // namespace

bool VerifiedSignatures::load(const QString& path, const SecureBytes& macKey, QString* why)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (m_loaded.contains(path))
            return true;
        m_loaded.insert(path);
    }
    const auto refuse = [why](const QString& reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (macKey.size() < crypto_generichash_KEYBYTES_MIN)
        return refuse(Tr::tr("no key to check it with"));
    QFile file(path);
    if (!file.exists())
        return refuse(QString());
    // Read no more than the largest file save() writes: a planted one of
    // any size costs nothing.
    const qsizetype most = kStoredMagic.size() + kMaxStored * kHashBytes + kHashBytes;
    if (!file.open(QIODevice::ReadOnly))
        return refuse(file.errorString());
    const QByteArray bytes = file.read(most + 1);
    if (bytes.size() > most)
        return refuse(Tr::tr("larger than %n check(s)", nullptr, int(kMaxStored)));
    const qsizetype body = bytes.size() - kStoredMagic.size() - kHashBytes;
    if (!bytes.startsWith(kStoredMagic) || body < 0 || body % kHashBytes != 0)
        return refuse(Tr::tr("not in the format Onramp writes"));
    const QByteArrayView content = QByteArrayView(bytes).first(bytes.size() - kHashBytes);
    const QByteArray mac = macOf(content, macKey);
    if (sodium_memcmp(mac.constData(), bytes.constData() + content.size(), std::size_t(kHashBytes)) != 0)
        return refuse(Tr::tr("its MAC does not hold (it was changed outside Onramp, or by another person)"));
    const QMutexLocker lock(&m_mutex);
    for (qsizetype at = kStoredMagic.size(); at < content.size(); at += kHashBytes) {
        if (m_held.size() >= kMaxRemembered)
            break;
        m_held.insert(bytes.mid(at, kHashBytes));
    }
    m_saved.insert(path, m_learnt);
    return true;
}

Error VerifiedSignatures::save(const QString& path, const SecureBytes& macKey)
{
    QByteArray bytes;
    quint64 learnt = 0;
    {
        const QMutexLocker lock(&m_mutex);
        learnt = m_learnt;
        const auto saved = m_saved.constFind(path);
        if (saved != m_saved.cend() && *saved == learnt)
            return {};
        const qsizetype count = std::min(m_held.size(), kMaxStored);
        bytes.reserve(kStoredMagic.size() + (count + 1) * kHashBytes);
        bytes.append(kStoredMagic);
        qsizetype written = 0;
        for (const QByteArray& key : std::as_const(m_held)) {
            if (written++ == count)
                break;
            bytes.append(key);
        }
    }
    if (macKey.size() < crypto_generichash_KEYBYTES_MIN)
        return Error(ErrorKind::InvalidInput, Tr::tr("no key to protect %1 with").arg(path));
    bytes.append(macOf(bytes, macKey));
    if (Error e = writePrivateFile(path, bytes, Tr::tr("the verified-signature cache")))
        return e;
    const QMutexLocker lock(&m_mutex);
    m_loaded.insert(path);
    m_saved.insert(path, learnt);
    return {};
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

void VerifiedSlots::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_rows.clear();
}

VerifiedSlots& VerifiedSlots::process()
{
    static VerifiedSlots cache;
    return cache;
}

} // namespace onramp
