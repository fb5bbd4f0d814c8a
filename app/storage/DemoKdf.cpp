#include "DemoKdf.h"

namespace onramp {

namespace {
// Per thread: the app makes its demo vault on the session's worker, while
// any other thread may be making a real vault's slot at the same time.
thread_local int tDepth = 0;
} // namespace

DemoKdfScope::DemoKdfScope()
{
    ++tDepth;
}

DemoKdfScope::~DemoKdfScope()
{
    --tDepth;
}

bool DemoKdfScope::active()
{
    return tDepth > 0;
}

} // namespace onramp
