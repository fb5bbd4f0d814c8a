#include "TestHooks.h"

#include <QByteArray>
#include <QtGlobal>

#include <csignal>

namespace onramp {

void crashPoint(const char* point)
{
    static const QByteArray wanted = qgetenv("ONRAMP_TEST_CRASH_AT");
    if (!wanted.isEmpty() && wanted == point)
        std::raise(SIGKILL);
}

} // namespace onramp
