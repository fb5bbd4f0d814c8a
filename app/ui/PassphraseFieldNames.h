#pragma once

namespace onramp::ui {

/// Gives passphrase fields their names for a screen reader. Qt 6.4 names a
/// field it marks as a passphrase field by nothing at all (the mark comes from
/// its echo mode once a screen reader runs), so a screen reader read "password
/// text" with no word of which passphrase. From this call on, a field of the
/// app's TextField that Qt leaves nameless is named by its label, as every
/// other field is; everything else (its role, its passphrase mark, its text,
/// which a screen reader is not given) stays Qt's. Idempotent; called once the
/// QML types are up, after Qt Quick's own accessibility factory is installed.
void installPassphraseFieldNames();

} // namespace onramp::ui
