#pragma once

#include <QByteArrayView>

namespace onramp::utf8 {

/// The length in bytes of the well-formed UTF-8 sequence that starts at
/// \a text[\a i], or 0 when none does (RFC 3629: a stray continuation byte,
/// an overlong form, a surrogate, anything past U+10FFFF, a sequence cut off
/// by the end of \a text). \a codePoint, when given, receives the character.
int sequenceLength(QByteArrayView text, qsizetype i, char32_t* codePoint = nullptr);

} // namespace onramp::utf8
