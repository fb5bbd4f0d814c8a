#include "HiddenText.h"

#include <QList>

namespace onramp::hiddentext {

namespace {

QString codePointText(char32_t c)
{
    return QStringLiteral("U+%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

bool isHiding(char32_t c, Within within)
{
    if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF)
        return true;
    // Shown as nothing or as blank space by most fonts: the soft hyphen, the
    // combining grapheme joiner, the Hangul fillers, the Khmer and Mongolian
    // invisible vowels, the variation selectors and the tags.
    return within == Within::Name
        && (c == 0x00AD || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x180E
            || c == 0x3164 || c == 0xFFA0 || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0000 && c <= 0xE007F)
            || (c >= 0xE0100 && c <= 0xE01EF));
}

QString firstHiding(QStringView text, Within within)
{
    for (const uint c : text.toUcs4()) {
        if (isHiding(c, within))
            return codePointText(c);
    }
    return {};
}

QString shownPlainly(const QString& text, Within within)
{
    if (firstHiding(text, within).isEmpty())
        return text;
    QString shown;
    shown.reserve(text.size() + 16);
    for (const uint u : text.toUcs4()) {
        const char32_t c = u;
        if (isHiding(c, within))
            shown += QLatin1Char('[') + codePointText(c) + QLatin1Char(']');
        else
            shown += QString::fromUcs4(&c, 1);
    }
    return shown;
}

} // namespace onramp::hiddentext
