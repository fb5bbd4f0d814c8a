#include "checklist/InputText.h"

#include "HiddenText.h"
#include "Utf8.h"
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
        const int length = utf8::sequenceLength(utf8, i, &c);
        if (length == 0)
            return TextFault{i, QCoreApplication::translate("onramp", "invalid UTF-8 (byte 0x%1)").arg(hex(b, 2))};
        if (c <= 0x9F)
            return TextFault{i, QCoreApplication::translate("onramp", "control character %1").arg(codePoint(c))};
        if (isNoncharacter(c))
            return TextFault{i, QCoreApplication::translate("onramp", "noncharacter %1").arg(codePoint(c))};
        // Bidirectional and zero-width characters, as display names refuse
        // them: a title or body that turns "exe.txt" round or splits an
        // address reads as something else wherever it is printed. U+FEFF,
        // a byte order mark, stays: it hides nothing in text.
        if (c != 0xFEFF && hiddentext::isHiding(c))
            return TextFault{
                i,
                QCoreApplication::translate("onramp", "%1, a character that reorders or hides text").arg(codePoint(c))};
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
        const int length = utf8::sequenceLength(scalar, i, &c);
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
        "checklist text is UTF-8 without control characters (other than tab and line breaks), noncharacters "
        "or bidirectional and zero-width characters");
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
