#pragma once

class QCoreApplication;

namespace onramp {

/// Installs the translation of Onramp's texts for the system's language,
/// falling back to English (which holds the English plural forms, "1 entry"
/// and "2 entries"). The translations are embedded at :/i18n by the build.
/// Returns false when none could be loaded, for example in a binary built
/// without them.
bool installTranslations(QCoreApplication& app);

} // namespace onramp
