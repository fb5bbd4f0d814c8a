#pragma once

#include <QString>
#include <QStringView>

namespace onramp::hiddentext {

/// Whether \a c is a character that shows nothing yet changes what is seen:
/// a bidirectional control (U+061C, U+200E, U+200F, U+202A to U+202E,
/// U+2066 to U+2069), which can turn "exe.txt" round, or a zero-width one
/// (U+200B to U+200D, U+2060 to U+2064, U+FEFF), which can split a name or an
/// address so that it looks like another. Notes and names refuse them.
bool isHiding(char32_t c);

/// The first such character of \a text as "U+202E", or an empty string when
/// \a text holds none.
QString firstHiding(QStringView text);

/// \a text with each such character shown as what it is ("[U+202E]"): how
/// text written before they were refused is shown to people.
QString shownPlainly(const QString& text);

} // namespace onramp::hiddentext
