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

/// The summary's text as the PDF lays it out (HTML): each step's state in
/// words (sent back, redone, overdue beside the state), and the reasons
/// production is locked written for whoever reads it, not for the hire.
QString hireSummaryHtml(const EnrollmentStatus& status);

} // namespace onramp::ui
