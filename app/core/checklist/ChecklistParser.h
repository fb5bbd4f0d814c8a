#pragma once

#include "checklist/Checklist.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace onramp {

/// What reading a checklist file gave: the checklist, or every problem found.
struct ParseResult {
    std::optional<Checklist> checklist; ///< set only when errors is empty
    QStringList errors; ///< each "FILE:LINE:COLUMN: message", 1-based, in file order

    bool ok() const { return checklist.has_value(); }
};

/// What a checklist from outside may hold (docs/SECURITY.md, "What a
/// checklist may hold"). Lengths count characters (code points).
namespace limits {
constexpr qint64 kFileBytes = 1024 * 1024; ///< a checklist file: YAML, JSON or Markdown
constexpr int kSteps = 100000; ///< steps in one checklist
constexpr int kCredentials = 100; ///< credentials in one checklist
constexpr int kProductionHosts = 100; ///< entries of production_hosts
constexpr int kHostLength = 253; ///< one entry of production_hosts, as DNS names
constexpr int kFields = 32; ///< fields of one credential
constexpr int kIdLength = 64; ///< checklist, step and credential ids
constexpr int kTitleLength = 200; ///< titles and section names
constexpr int kBodyLength = 20000; ///< a step's body, trailing whitespace trimmed
constexpr int kTextLength = 1000; ///< any other text: hosts, fields, secret names, …
/// All text a checklist keeps, in UTF-16 units, each step's section counted
/// with the step: YAML aliases must not turn a small file into gigabytes.
constexpr qint64 kTextTotal = 8 * 1024 * 1024;
} // namespace limits

/// Which rules a parse applies besides the schema and the rules on secrets.
enum class InputLimits {
    Enforced, ///< input from outside: the limits above, clean text, known placeholders
    Relaxed, ///< a checklist already in the vault, which older versions may have let in
};

/// Reads a checklist from YAML or JSON text (same schema); fileName only names
/// the input in messages. All-or-nothing: any problem means no checklist.
ParseResult parseChecklist(const QByteArray& bytes, const QString& fileName,
                           InputLimits limits = InputLimits::Enforced);

/// Reads a checklist file: Markdown (.md, .markdown) through importMarkdown(),
/// anything else as YAML or JSON. A file over limits::kFileBytes is refused
/// without reading the rest of it.
ParseResult parseChecklistFile(const QString& path);

/// The format version this build reads and writes ("onramp: 1").
constexpr int kChecklistFormatVersion = 1;

} // namespace onramp
