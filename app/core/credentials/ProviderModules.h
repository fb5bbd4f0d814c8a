#pragma once

namespace onramp {

/// Makes the providers that live in modules of their own known to
/// Providers::make() in this program: `postgresql`, whose module
/// (libonramp_postgresql.so, beside the library this code is linked into)
/// is loaded with QLibrary on first use only. A module that cannot be loaded
/// makes a provider whose every use is an error naming it.
void registerProviderModules();

} // namespace onramp
