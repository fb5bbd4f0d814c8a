#include "TestHooks.h"

#include <QByteArray>
#include <QtGlobal>

#include <csignal>
#include <cstdio>

namespace onramp {

#ifdef ONRAMP_NO_TEST_SWITCHES

// The packaged release: no crash points, no failing audit writes.
void crashPoint(const char*) {}

bool auditWriteShouldFail()
{
    return false;
}

int idleLockOverrideMs()
{
    return 0;
}

#else

void crashPoint(const char* point)
{
    static const QByteArray wanted = qgetenv("ONRAMP_TEST_CRASH_AT");
    static const QByteArray pause = qgetenv("ONRAMP_TEST_PAUSE_AT");
    static const bool announce = qEnvironmentVariableIsSet("ONRAMP_TEST_ANNOUNCE");
    if (announce) {
        std::fprintf(stderr, "onramp-test-point: %s\n", point);
        std::fflush(stderr);
    }
    if (!wanted.isEmpty() && wanted == point)
        std::raise(SIGKILL);
    // Stopped right here until the test sends SIGCONT: what another
    // process does meanwhile meets this one exactly at this point.
    if (!pause.isEmpty() && pause == point)
        std::raise(SIGSTOP);
}

bool auditWriteShouldFail()
{
    return qgetenv("ONRAMP_TEST_FAIL_AUDIT") == "1";
}

int idleLockOverrideMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("ONRAMP_TEST_IDLE_LOCK_MS", &ok);
    return ok && ms > 0 ? ms : 0;
}

#endif

} // namespace onramp
