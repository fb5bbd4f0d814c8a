// libFuzzer target for `cred show --json`'s secret splice: the non-secret
// fields go through QJsonDocument, the secret is escaped in secure memory and
// spliced in as the last member. For any object and any secret bytes (quotes,
// backslashes, control characters, invalid UTF-8): a secret that is UTF-8
// gives valid JSON (RFC 8259, checked by hand as well as by Qt's parser) that
// reads back as the same object plus a "secret" member equal to the secret,
// byte for byte; a secret that is not UTF-8 is refused (the command then says
// so and prints nothing), never mangled.
#include "SecretJson.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

const QString kName = QStringLiteral("secret");

void require(bool condition, const char* what, const QByteArray& detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_secret_json: %s\n%s\n", what, detail.constData());
        std::abort();
    }
}

// RFC 8259's string body, by hand: no '"', '\\' or control character unescaped,
// and every escape one of \" \\ \/ \b \f \n \r \t \uXXXX.
bool isJsonStringBody(QByteArrayView body)
{
    for (qsizetype i = 0; i < body.size(); ++i) {
        const uchar b = uchar(body[i]);
        if (b == '"' || b < 0x20)
            return false;
        if (b != '\\')
            continue;
        if (++i == body.size())
            return false;
        const char e = body[i];
        if (e == 'u') {
            if (i + 4 >= body.size())
                return false;
            for (int k = 1; k <= 4; ++k)
                if (!std::isxdigit(uchar(body[i + k])))
                    return false;
            i += 4;
        } else if (!QByteArrayView("\"\\/bfnrt").contains(e)) {
            return false;
        }
    }
    return true;
}

bool isUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QString text(FuzzedDataProvider& in)
{
    const std::string bytes = in.ConsumeRandomLengthString(64);
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

// An object like CredentialView::toJson()'s: text, null, numbers, nested
// objects and arrays, with names and text from the fuzz bytes.
QJsonObject object(FuzzedDataProvider& in, int depth)
{
    QJsonObject out;
    const int members = in.ConsumeIntegralInRange(0, 6);
    for (int m = 0; m < members; ++m) {
        const QString name = text(in);
        if (depth == 0 && name == kName)
            continue;
        switch (in.ConsumeIntegralInRange(0, 5)) {
        case 0:
            out.insert(name, text(in));
            break;
        case 1:
            out.insert(name, QJsonValue());
            break;
        case 2:
            out.insert(name, in.ConsumeIntegral<int>());
            break;
        case 3:
            out.insert(name, in.ConsumeBool());
            break;
        case 4:
            out.insert(name, depth < 2 ? QJsonValue(object(in, depth + 1)) : QJsonValue(text(in)));
            break;
        default:
            out.insert(name, QJsonArray{text(in), QJsonValue()});
            break;
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    const QJsonObject fields = object(in, 0);
    const std::vector<std::uint8_t> rest = in.ConsumeRemainingBytes<std::uint8_t>();
    const QByteArray secretBytes(reinterpret_cast<const char*>(rest.data()), qsizetype(rest.size()));
    const onramp::SecureBytes secret = onramp::SecureBytes::copyOf(secretBytes);

    const std::optional<onramp::SecureBytes> body = onramp::cli::jsonStringBody(secret);
    require(body.has_value() == isUtf8(secretBytes), "a secret is refused exactly when it is not UTF-8", secretBytes);
    if (!body)
        return 0;
    require(isJsonStringBody(body->view()), "the escaped secret is an RFC 8259 string body",
            body->view().toByteArray());

    const onramp::cli::JsonSplice splice = onramp::cli::lastMemberSplice(fields, kName);
    const QByteArray document = splice.before + body->view().toByteArray() + splice.after;
    QJsonParseError error{};
    const QJsonDocument parsed = QJsonDocument::fromJson(document, &error);
    require(error.error == QJsonParseError::NoError && parsed.isObject(), "the output is a JSON object",
            document + '\n' + error.errorString().toUtf8());
    QJsonObject read = parsed.object();
    require(read.value(kName).isString(), "the secret is a string member", document);
    require(read.value(kName).toString().toUtf8() == secretBytes, "the secret reads back byte for byte", document);
    read.remove(kName);
    // As maps: Qt 6.4 orders a QJsonObject's keys by UTF-16 when they are
    // inserted and by code point when a document is parsed, so that
    // QJsonObject::operator== can call equal objects different (a key with
    // U+FFFD and one with an astral character are enough).
    require(read.toVariantMap() == fields.toVariantMap(), "the other members read back unchanged",
            document + "\nexpected:\n" + QJsonDocument(fields).toJson() + "read:\n" + QJsonDocument(read).toJson());
    require(document.endsWith("\"\n}\n"), "the secret is the last member", document);
    return 0;
}
