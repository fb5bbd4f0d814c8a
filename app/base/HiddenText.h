#pragma once

#include <QString>
#include <QStringView>

#include <utility>

namespace onramp::hiddentext {

/// Whether \a c is a character that shows nothing yet changes what is seen:
/// a bidirectional control (U+061C, U+200E, U+200F, U+202A to U+202E,
/// U+2066 to U+2069), which can turn "exe.txt" round, or a zero-width one
/// (U+200B to U+200D, U+2060 to U+2064, U+FEFF), which can split a name or an
/// address so that it looks like another. Notes and names refuse them.
/// In a name (\a within Name) also one most fonts show as nothing or as a
/// blank, so that "ada" and "ada" with it look the same: U+00AD, U+034F,
/// the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, U+17B4, U+17B5,
/// U+180E, the blank Braille pattern U+2800, the variation selectors and
/// the tag characters U+E0000 to U+E007F; and, by category, every space
/// other than U+0020, the line and paragraph separators, every format
/// character and the private-use ones. Prose keeps those (an emoji's
/// U+FE0F, a soft hyphen, a no-break space).
enum class Within { Text, Name };
bool isHiding(char32_t c, Within within = Within::Text);

/// The first such character of \a text as "U+202E", or an empty string when
/// \a text holds none.
QString firstHiding(QStringView text, Within within = Within::Text);

/// The scripts that have letters alike enough to pass one for another.
enum class LookAlike { None, Latin, Cyrillic, Greek };
/// The first two of those scripts that one word of \a text mixes ("mаya"
/// with a Cyrillic "а" is not maya), or {None, None} when no word mixes
/// them. Names refuse such words.
std::pair<LookAlike, LookAlike> mixedScripts(QStringView text);

/// \a text with each such character shown as what it is ("[U+202E]"): how
/// text written before they were refused is shown to people.
QString shownPlainly(const QString& text, Within within = Within::Text);

} // namespace onramp::hiddentext
