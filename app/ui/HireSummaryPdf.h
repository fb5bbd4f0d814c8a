#pragma once

#include "onboarding/EnrollmentStatus.h"

#include "Error.h"

#include <QByteArray>

namespace onramp::ui {

/// One hire's printable summary as a PDF document: their name, the checklist,
/// every step with its state and dates, and whether production access is
/// granted (with the gate's reasons while it is not). It carries names,
/// titles and dates only, never a secret or a note. The document's title is
/// "Onboarding summary: NAME".
Error hireSummaryPdf(const EnrollmentStatus& status, QByteArray* out);

} // namespace onramp::ui
