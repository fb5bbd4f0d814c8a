#pragma once

#include <QString>

namespace onramp::ui {

/// The name of a credential's field as people read it: the common ones
/// ("host", "user", "database", …) in the reader's language, any other as the
/// checklist writes it. One wording wherever a credential's fields show.
QString credentialFieldLabel(const QString& key);

} // namespace onramp::ui
