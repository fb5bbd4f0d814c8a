#include "HiddenText.h"

namespace onramp::hiddentext {

namespace {

QString codePointText(char32_t c)
{
    return QStringLiteral("U+%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

bool isHiding(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
}

QString firstHiding(QStringView text)
{
    // Every such character is in the Basic Multilingual Plane: no surrogate is one.
    for (const QChar c : text) {
        if (isHiding(c.unicode()))
            return codePointText(c.unicode());
    }
    return {};
}

QString shownPlainly(const QString& text)
{
    if (firstHiding(text).isEmpty())
        return text;
    QString shown;
    shown.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (isHiding(c.unicode()))
            shown += QLatin1Char('[') + codePointText(c.unicode()) + QLatin1Char(']');
        else
            shown += c;
    }
    return shown;
}

} // namespace onramp::hiddentext
