#pragma once

namespace onramp {

/// TEST-ONLY seam at a named point of a multi-step operation (e.g. "rekey-after-pending").
/// With ONRAMP_TEST_ANNOUNCE set, prints "onramp-test-point: POINT" on stderr so a
/// test can time a kill from outside; with ONRAMP_TEST_CRASH_AT=POINT, the process
/// kills itself with SIGKILL right there, exactly as if killed from outside.
/// Without those variables it does nothing.
void crashPoint(const char* point);

} // namespace onramp
