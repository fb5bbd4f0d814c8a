#pragma once

namespace onramp {

/// TEST-ONLY seam at a named point of a multi-step operation (e.g. "rekey-after-pending").
/// With ONRAMP_TEST_ANNOUNCE set, prints "onramp-test-point: POINT" on stderr so a
/// test can time a kill from outside; with ONRAMP_TEST_CRASH_AT=POINT, the process
/// kills itself with SIGKILL right there, exactly as if killed from outside; with
/// ONRAMP_TEST_PAUSE_AT=POINT, it stops itself (SIGSTOP) there until continued.
/// Without those variables it does nothing.
void crashPoint(const char* point);

/// TEST-ONLY: true when the environment sets ONRAMP_TEST_FAIL_AUDIT=1, so that
/// every audit append fails and a test can show the change it records is
/// rolled back. Read at each call, so an in-process test can set and unset it.
bool auditWriteShouldFail();

/// TEST-ONLY: the idle lock's limit in milliseconds when the environment sets
/// ONRAMP_TEST_IDLE_LOCK_MS to a positive number, so that a test sees the
/// session lock without waiting minutes; 0 otherwise. Read at each call.
int idleLockOverrideMs();

} // namespace onramp
