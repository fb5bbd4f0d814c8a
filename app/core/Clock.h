#pragma once

#include <QDateTime>

namespace onramp {

/// Where "now" comes from; injected so that expiry and due dates are testable.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

/// The real clock (UTC).
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

/// A clock that says what it is told; for tests.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(QDateTime at)
        : m_now(std::move(at))
    {}
    QDateTime now() const override { return m_now; }
    void set(const QDateTime& at) { m_now = at; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

/// The process-wide clock: the system clock unless ONRAMP_NOW (ISO 8601, UTC)
/// is set, which test scripts use to move time; the override is logged once.
const Clock& defaultClock();

} // namespace onramp
