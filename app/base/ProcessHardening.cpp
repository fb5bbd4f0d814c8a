#include "ProcessHardening.h"

#include <QtGlobal>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace onramp {

void hardenProcess()
{
#ifdef NDEBUG
    const bool disable = true;
#else
    const bool disable = qEnvironmentVariableIsSet("ONRAMP_NO_CORE_DUMPS");
#endif
    if (!disable)
        return;
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

bool coreDumpsDisabled()
{
    rlimit current{};
    getrlimit(RLIMIT_CORE, &current);
    return current.rlim_cur == 0 && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}

} // namespace onramp
