#pragma once

#include "checklist/Checklist.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace onramp {

/// What reading a checklist file gave: the checklist, or every problem found.
struct ParseResult {
    std::optional<Checklist> checklist;  ///< set only when errors is empty
    QStringList errors;                  ///< each "FILE:LINE:COLUMN: message", 1-based, in file order

    bool ok() const { return checklist.has_value(); }
};

/// Which rules a parse applies besides the schema and the rules on secrets.
enum class InputLimits {
    Enforced,  ///< input from outside: clean text (docs/ARCHITECTURE.md, "Checklist files and the gate")
    Relaxed,   ///< a checklist already in the vault, which older versions may have let in
};

/// Reads a checklist from YAML or JSON text (same schema); fileName only names
/// the input in messages. All-or-nothing: any problem means no checklist.
ParseResult parseChecklist(const QByteArray& bytes, const QString& fileName,
                           InputLimits limits = InputLimits::Enforced);

/// Reads a checklist file: Markdown (.md, .markdown) through importMarkdown(),
/// anything else as YAML or JSON.
ParseResult parseChecklistFile(const QString& path);

/// The format version this build reads and writes ("onramp: 1").
constexpr int kChecklistFormatVersion = 1;

} // namespace onramp
