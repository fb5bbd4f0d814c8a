#pragma once

#include "Error.h"

#include <memory>

namespace onramp {
class Vault;
}

namespace onramp::cli {

class Context;

/// Unlocks the vault named by --vault as the person named by --as, with the
/// passphrase from --passphrase-file, ONRAMP_PASSPHRASE or a prompt. Every
/// command that acts on a vault starts here.
Error openVaultFor(Context& context, std::unique_ptr<Vault>* out);

} // namespace onramp::cli
