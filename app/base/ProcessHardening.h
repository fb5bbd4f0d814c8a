#pragma once

namespace onramp {

/// Turns off core dumps (RLIMIT_CORE = 0, PR_SET_DUMPABLE = 0) so that key
/// material cannot land on disk in a crash dump. Debug builds keep dumps on
/// unless ONRAMP_NO_CORE_DUMPS is set, so developers can still debug crashes.
void hardenProcess();

/// True when hardenProcess() has disabled core dumps in this process.
bool coreDumpsDisabled();

} // namespace onramp
