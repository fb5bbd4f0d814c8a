#pragma once

// Internal to the checklist importer: which text a checklist may hold, found
// in a file's bytes (with their position) or in one YAML scalar's bytes.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace onramp::detail {

/// The first thing in UTF-8 text that a checklist may not hold.
struct TextFault {
    qsizetype offset = 0; ///< of the offending byte (the first of a broken sequence)
    QString what; ///< "a NUL byte", "control character U+001B", "noncharacter U+FFFF", …
};

/// Invalid UTF-8, NUL, control characters other than tab, line feed and
/// carriage return (C0, DEL and C1), and Unicode noncharacters (U+FDD0 to
/// U+FDEF and the last two code points of every plane) are refused.
/// Noncharacters are refused because yaml-cpp's emitter replaces them with
/// U+FFFD, so that they could not survive export and import.
std::optional<TextFault> firstTextFault(QByteArrayView utf8);

/// A YAML scalar's bytes as yaml-cpp gives them, with the two escapes it
/// decodes into a single Latin-1 byte instead of UTF-8 ("\\N" into 0x85, "\\_"
/// into 0xA0) re-encoded as the characters U+0085 and U+00A0 they name.
/// Nothing else changes: invalid UTF-8 stays invalid, for firstTextFault().
QByteArray yamlScalarUtf8(QByteArrayView scalar);

/// Line and column (1-based, the column in bytes like yaml-cpp's marks) of
/// the byte at offset in text.
void positionOf(QByteArrayView text, qsizetype offset, qsizetype* line, qsizetype* column);

/// "FILE:LINE:COLUMN: message" for the first fault of a whole file, or empty.
QString fileTextProblem(QByteArrayView bytes, const QString& fileName);

/// "FILE:LINE:COLUMN: message" at the first byte past limits::kFileBytes, or
/// empty when the file is within the limit.
QString fileSizeProblem(QByteArrayView bytes, const QString& fileName);

/// What a message says about text with a fault, after naming where it is.
QString textRule();

/// Characters (Unicode code points) in text.
qsizetype characterCount(const QString& text);

} // namespace onramp::detail
