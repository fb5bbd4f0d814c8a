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
    if (within != Within::Name)
        return false;
    if (c == 0x00AD || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x180E
        || c == 0x2800 || c == 0x3164 || c == 0xFFA0 || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0000 && c <= 0xE007F)
        || (c >= 0xE0100 && c <= 0xE01EF))
        return true;
    // By category rather than by list, so that a blank the list missed is
    // still refused: every space but the plain one (U+00A0, U+2000 to
    // U+200A, U+3000 and so on), line and paragraph separators, any format
    // character, and private-use characters, which most fonts draw as nothing.
    switch (QChar::category(c)) {
    case QChar::Separator_Space:
        return c != 0x0020;
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Format:
    case QChar::Other_PrivateUse:
        return true;
    default:
        return false;
    }
}

std::pair<LookAlike, LookAlike> mixedScripts(QStringView text)
{
    // One word that mixes the scripts whose letters look alike is how a name
    // is made to look like another's; a name written wholly in one of them,
    // or words in different ones, is fine.
    const auto lookAlike = [](QChar::Script s) {
        switch (s) {
        case QChar::Script_Latin:
            return LookAlike::Latin;
        case QChar::Script_Cyrillic:
            return LookAlike::Cyrillic;
        case QChar::Script_Greek:
            return LookAlike::Greek;
        default:
            return LookAlike::None;
        }
    };
    LookAlike first = LookAlike::None;
    for (const uint c : text.toUcs4()) {
        if (QChar::isSpace(c)) {
            first = LookAlike::None;
            continue;
        }
        const LookAlike script = lookAlike(QChar::script(c));
        if (script == LookAlike::None)
            continue;
        if (first == LookAlike::None)
            first = script;
        else if (script != first)
            return {first, script};
    }
    return {LookAlike::None, LookAlike::None};
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
