#include "audit/SignatureChecks.h"

#include "Crypto.h"

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

} // namespace onramp
