#include "SecretJson.h"

#include <QJsonDocument>

#include <cctype>

namespace onramp::cli {

namespace {

/// The length of the well-formed UTF-8 sequence at \a p (at most \a left
/// bytes), or 0 when it is not one (RFC 3629: no overlong forms, no
/// surrogates, nothing past U+10FFFF).
qsizetype utf8SequenceLength(const unsigned char* p, qsizetype left)
{
    const unsigned char b = p[0];
    if (b < 0x80)
        return 1;
    qsizetype length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        length = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        low = b == 0xE0 ? 0xA0 : 0x80;
        high = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        low = b == 0xF0 ? 0x90 : 0x80;
        high = b == 0xF4 ? 0x8F : 0xBF;
    } else
        return 0;
    if (left < length || p[1] < low || p[1] > high)
        return 0;
    for (qsizetype i = 2; i < length; ++i)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return length;
}

} // namespace

std::optional<SecureBytes> jsonStringBody(const SecureBytes& secret)
{
    static constexpr char kHex[] = "0123456789abcdef";
    SecureBytes escaped(secret.size() * 6); // the worst case: every byte as \u00XX
    std::size_t out = 0;
    const unsigned char* in = secret.data();
    for (std::size_t i = 0; i < secret.size();) {
        const qsizetype length = utf8SequenceLength(in + i, qsizetype(secret.size() - i));
        if (length == 0)
            return std::nullopt;
        const unsigned char b = in[i];
        auto put = [&](char ch) { escaped.data()[out++] = static_cast<unsigned char>(ch); };
        if (b == '"' || b == '\\') {
            put('\\');
            put(char(b));
        } else if (b == '\n') {
            put('\\');
            put('n');
        } else if (b == '\t') {
            put('\\');
            put('t');
        } else if (b == '\r') {
            put('\\');
            put('r');
        } else if (b < 0x20) {
            for (char ch : {'\\', 'u', '0', '0'})
                put(ch);
            put(kHex[b >> 4]);
            put(kHex[b & 0xF]);
        } else {
            for (qsizetype k = 0; k < length; ++k)
                escaped.data()[out++] = in[i + std::size_t(k)];
        }
        i += std::size_t(length);
    }
    SecureBytes result = SecureBytes::copyOf(QByteArrayView(escaped.constChar(), qsizetype(out)));
    return result;
}

JsonSplice lastMemberSplice(const QJsonObject& object, const QString& name)
{
    const QByteArray document = QJsonDocument(object).toJson(QJsonDocument::Indented);
    qsizetype end = document.lastIndexOf('}');
    while (end > 0 && std::isspace(static_cast<unsigned char>(document.at(end - 1))))
        --end;
    const bool empty = end > 0 && document.at(end - 1) == '{';
    JsonSplice splice;
    splice.before = document.left(end) + (empty ? "" : ",") + "\n    \"" + name.toUtf8() + "\": \"";
    splice.after = "\"\n}\n";
    return splice;
}

} // namespace onramp::cli
