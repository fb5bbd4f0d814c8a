#pragma once

#include "checklist/Checklist.h"

#include <QByteArray>

namespace onramp {

/// The checklist as a YAML checklist file (the schema parseChecklist() reads);
/// reading it back gives an equal Checklist.
QByteArray toYaml(const Checklist& checklist);

} // namespace onramp
