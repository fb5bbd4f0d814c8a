#pragma once

#include <QString>

namespace onramp::text {

/// Whether printable() keeps line feeds: a field that may span lines (a
/// note) keeps them, a field of a one-line record (a name, an audit entry's
/// columns) does not.
enum class LineBreaks { Escape, Keep };

/// \a text, which someone else wrote, made safe to print on a terminal:
/// every control character (C0 including tab and carriage return, DEL, C1),
/// the Unicode line and paragraph separators and the bidirectional
/// embeddings, overrides and isolates is shown as an escape, "\x1b" or
/// "\u202e", so that no terminal sequence runs, no line or column is
/// started and no text is reordered or hidden. Everything else is kept.
QString printable(const QString& text, LineBreaks lineBreaks = LineBreaks::Escape);

/// \a value as one RFC 4180 field: quoted when it holds a comma, quote or
/// line break, quotes doubled. A value a spreadsheet would run as a formula
/// (starting with = + - @, a tab or a carriage return) gets a leading
/// apostrophe first, so that it shows as text.
QString csvField(const QString& value);

} // namespace onramp::text
