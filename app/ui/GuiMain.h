#pragma once

namespace onramp::ui {

/// The desktop entry point: starts the Qt Quick app, or with --screenshot
/// renders the real window offscreen to a PNG and exits.
int runGui(int argc, char** argv);

} // namespace onramp::ui
