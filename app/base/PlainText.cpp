#include "PlainText.h"

#include <algorithm>

namespace onramp::text {

namespace {

bool needsEscape(uint c, LineBreaks lineBreaks)
{
    if (c == '\n')
        return lineBreaks == LineBreaks::Escape;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL, C1
        || c == 0x2028 || c == 0x2029 // line and paragraph separators
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); // bidi embeddings, overrides, isolates
}

} // namespace

QString printable(const QString& text, LineBreaks lineBreaks)
{
    // Every character escaped is in the Basic Multilingual Plane: one UTF-16
    // unit each, never half of a surrogate pair.
    if (std::none_of(text.cbegin(), text.cend(), [&](QChar ch) { return needsEscape(ch.unicode(), lineBreaks); }))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar ch : text) {
        const uint c = ch.unicode();
        if (!needsEscape(c, lineBreaks))
            out.append(ch);
        else if (c <= 0xFF)
            out.append(QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0')));
        else
            out.append(QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0')));
    }
    return out;
}

QString csvField(const QString& value)
{
    QString field = value;
    static const QString kFormulaStarts = QStringLiteral("=+-@\t\r");
    if (!field.isEmpty() && kFormulaStarts.contains(field.front()))
        field.prepend(QLatin1Char('\''));
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    field.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + field + QLatin1Char('"');
}

} // namespace onramp::text
