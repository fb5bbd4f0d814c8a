#include "SecretJson.h"

#include "Utf8.h"

#include <QJsonDocument>

#include <cctype>

namespace onramp::cli {

std::optional<SecureBytes> jsonStringBody(const SecureBytes& secret)
{
    static constexpr char kHex[] = "0123456789abcdef";
    SecureBytes escaped(secret.size() * 6); // the worst case: every byte as \u00XX
    std::size_t out = 0;
    const unsigned char* in = secret.data();
    const QByteArrayView text(secret.constChar(), qsizetype(secret.size())); // no copy
    for (std::size_t i = 0; i < secret.size();) {
        const int length = utf8::sequenceLength(text, qsizetype(i));
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
        } else if (length == 3 && b == 0xEF && in[i + 1] == 0xBB && in[i + 2] == 0xBF) {
            // U+FEFF, which a parser may take for a byte-order mark and drop
            // (Qt's does at the start of a string): escaped, it reads back.
            for (char ch : {'\\', 'u', 'f', 'e', 'f', 'f'})
                put(ch);
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
    QByteArray document = QJsonDocument(object).toJson(QJsonDocument::Indented);
    // U+FEFF, which Qt writes as it is, only ever inside a string: escaped,
    // so that no parser takes it for a byte-order mark and drops it.
    document.replace("\xEF\xBB\xBF", "\\ufeff");
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
