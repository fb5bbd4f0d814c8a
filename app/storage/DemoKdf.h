#pragma once

namespace onramp {

/// The demo vault's key derivation. Its passphrases are printed on its
/// sign-in page, so a costly Argon2id guards nothing there: while a
/// DemoKdfScope lives, the key slots made on its thread use libsodium's
/// minimum cost (KdfParams::forNewSlot), and a vault created meanwhile
/// records the level "demo". Only the demo (app/demo) opens one, around
/// making its own vault; no command line, environment variable or stored
/// setting reaches it, so no real vault gets that level.
class DemoKdfScope
{
public:
    DemoKdfScope();
    ~DemoKdfScope();
    DemoKdfScope(const DemoKdfScope&) = delete;
    DemoKdfScope& operator=(const DemoKdfScope&) = delete;

    /// True on a thread inside a DemoKdfScope.
    static bool active();
    /// The name a vault created inside a scope records as its level.
    static const char* levelName() { return "demo"; }
};

} // namespace onramp
