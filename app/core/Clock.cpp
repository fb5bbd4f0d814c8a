#include "Clock.h"

#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcClock, "onramp.clock")

namespace onramp {

const Clock& defaultClock()
{
    static const SystemClock system;
#ifdef ONRAMP_NO_TEST_SWITCHES
    // The packaged release runs on the system clock only.
    static const std::unique_ptr<FixedClock> fixed;
#else
    static const std::unique_ptr<FixedClock> fixed = []() -> std::unique_ptr<FixedClock> {
        const QString value = qEnvironmentVariable("ONRAMP_NOW");
        if (value.isEmpty())
            return nullptr;
        QDateTime at = QDateTime::fromString(value, Qt::ISODate);
        if (!at.isValid())
            return nullptr;
        qCInfo(lcClock) << "time is fixed by ONRAMP_NOW at" << at.toUTC().toString(Qt::ISODate);
        return std::make_unique<FixedClock>(at.toUTC());
    }();
#endif
    if (fixed)
        return *fixed;
    return system;
}

} // namespace onramp
