#include "checklist/InputText.h"

#include "checklist/ChecklistParser.h"

#include <QCoreApplication>

#include <algorithm>

namespace onramp::detail {

namespace {

QString hex(uint value, int digits)
{
    return QString::number(value, 16).toUpper().rightJustified(digits, QLatin1Char('0'));
}

QString codePoint(char32_t c)
{
    return QStringLiteral("U+") + hex(c, 4);
}

bool isNoncharacter(char32_t c)
{
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

// Length of the UTF-8 sequence starting at text[i], 0 if it is not well-formed
// (stray continuation bytes, overlong forms, surrogates, beyond U+10FFFF).
int sequenceLength(QByteArrayView text, qsizetype i, char32_t* c)
{
    const auto byte = [&](qsizetype k) { return k < text.size() ? uchar(text[k]) : 0u; };
    const uint lead = byte(i);
    int length = 0;
    uint low = 0x80;
    uint high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        *c = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        *c = lead & 0x0F;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        *c = lead & 0x07;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (int k = 1; k < length; ++k) {
        const uint next = byte(i + k);
        if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF))
            return 0;
        *c = (*c << 6) | (next & 0x3F);
    }
    return length;
}

} // namespace

std::optional<TextFault> firstTextFault(QByteArrayView utf8)
{
    for (qsizetype i = 0; i < utf8.size();) {
        const uchar b = uchar(utf8[i]);
        if (b < 0x80) {
            if (b == 0)
                return TextFault{i, QCoreApplication::translate("onramp", "a NUL byte")};
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
                return TextFault{i, QCoreApplication::translate("onramp", "control character %1").arg(codePoint(b))};
            ++i;
            continue;
        }
        char32_t c = 0;
        const int length = sequenceLength(utf8, i, &c);
        if (length == 0)
            return TextFault{i, QCoreApplication::translate("onramp", "invalid UTF-8 (byte 0x%1)").arg(hex(b, 2))};
        if (c <= 0x9F)
            return TextFault{i, QCoreApplication::translate("onramp", "control character %1").arg(codePoint(c))};
        if (isNoncharacter(c))
            return TextFault{i, QCoreApplication::translate("onramp", "noncharacter %1").arg(codePoint(c))};
        i += length;
    }
    return std::nullopt;
}

QByteArray yamlScalarUtf8(QByteArrayView scalar)
{
    // Only a byte where a character should start can be one of them: the
    // rest of a scalar is the file's own text or UTF-8 from other escapes.
    QByteArray out;
    out.reserve(scalar.size() + 8);
    for (qsizetype i = 0; i < scalar.size();) {
        const uchar b = uchar(scalar[i]);
        char32_t c = 0;
        const int length = b < 0x80 ? 1 : sequenceLength(scalar, i, &c);
        if (length == 0 && (b == 0x85 || b == 0xA0)) {
            out.append(char(0xC2)).append(char(b));
            ++i;
        } else {
            const qsizetype n = std::max(length, 1);
            out.append(scalar.sliced(i, n));
            i += n;
        }
    }
    return out;
}

void positionOf(QByteArrayView text, qsizetype offset, qsizetype* line, qsizetype* column)
{
    const QByteArrayView before = text.first(std::min(offset, text.size()));
    *line = before.count('\n') + 1;
    *column = offset - (before.lastIndexOf('\n') + 1) + 1;
}

QString fileTextProblem(QByteArrayView bytes, const QString& fileName)
{
    const std::optional<TextFault> fault = firstTextFault(bytes);
    if (!fault)
        return {};
    qsizetype line = 0;
    qsizetype column = 0;
    positionOf(bytes, fault->offset, &line, &column);
    return QStringLiteral("%1:%2:%3: %4")
        .arg(fileName)
        .arg(line)
        .arg(column)
        .arg(QCoreApplication::translate("onramp", "the file holds %1; %2").arg(fault->what, textRule()));
}

QString fileSizeProblem(QByteArrayView bytes, const QString& fileName)
{
    if (bytes.size() <= limits::kFileBytes)
        return {};
    qsizetype line = 0;
    qsizetype column = 0;
    positionOf(bytes, limits::kFileBytes, &line, &column);
    return QStringLiteral("%1:%2:%3: %4")
        .arg(fileName)
        .arg(line)
        .arg(column)
        .arg(QCoreApplication::translate("onramp", "the file is larger than %1 MiB; a checklist file is far smaller")
                 .arg(limits::kFileBytes / (1024 * 1024)));
}

QString textRule()
{
    return QCoreApplication::translate(
        "onramp",
        "checklist text is UTF-8 without control characters (other than tab and line breaks) or noncharacters");
}

qsizetype characterCount(const QString& text)
{
    qsizetype n = text.size();
    for (const QChar c : text) {
        if (c.isLowSurrogate())
            --n;
    }
    return n;
}

} // namespace onramp::detail
