#pragma once

namespace onramp {

/// TEST-ONLY seam: when the environment sets ONRAMP_TEST_CRASH_AT to \a point,
/// the process kills itself with SIGKILL right there, exactly as if it had been
/// killed from outside at that moment. The crash-safety tests use it to stop
/// `onramp vault rekey` between its steps. Without the variable it does nothing.
void crashPoint(const char* point);

} // namespace onramp
