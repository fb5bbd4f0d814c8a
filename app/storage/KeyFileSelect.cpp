// KeyFile::parseFor: the slots one sign-in needs, found by a quick scan of
// the key file's bytes and parsed as KeyFile::parse parses the whole file.
#include "KeyFile.h"

#include <QByteArrayView>

#include <cstring>
#include <functional>
#include <optional>
#include <string.h>

namespace onramp {

namespace {

// A quick scan of the key file's JSON, enough to find the slots a sign-in
// needs without building a document of every slot. It follows strings,
// nesting and commas only; what it selects is then parsed by parse() like
// the whole file. Any shape it does not follow gives up (nullopt), and the
// file is parsed whole.
class Scanner
{
public:
    explicit Scanner(const QByteArray& json)
        : m_json(json)
    {}

    /// \a json with every element of the top-level "slots" and "superseded"
    /// arrays that \a keep refuses left out.
    std::optional<QByteArray> filtered(const std::function<bool(QByteArrayView, bool first)>& keep)
    {
        QByteArray out;
        out.reserve(4096);
        skipSpace();
        if (!take('{'))
            return std::nullopt;
        out.append('{');
        skipSpace();
        if (take('}'))
            return out.append('}');
        for (bool firstMember = true;; firstMember = false) {
            skipSpace();
            const qsizetype keyBegin = m_at;
            if (!skipString())
                return std::nullopt;
            const QByteArrayView key = view(keyBegin, m_at);
            if (key.contains('\\'))
                return std::nullopt;
            skipSpace();
            if (!take(':'))
                return std::nullopt;
            skipSpace();
            if (!firstMember)
                out.append(',');
            out.append(key.data(), key.size()).append(':');
            if (key == "\"slots\"" || key == "\"superseded\"") {
                if (!filterArray(keep, key == "\"slots\"", &out))
                    return std::nullopt;
            } else {
                const qsizetype valueBegin = m_at;
                if (!skipValue())
                    return std::nullopt;
                out.append(view(valueBegin, m_at).data(), m_at - valueBegin);
            }
            skipSpace();
            if (take('}'))
                break;
            if (!take(','))
                return std::nullopt;
        }
        skipSpace();
        if (m_at != m_json.size())
            return std::nullopt;
        return out.append('}');
    }

private:
    QByteArrayView view(qsizetype begin, qsizetype end) const
    {
        return QByteArrayView(m_json).sliced(begin, end - begin);
    }
    bool take(char c)
    {
        if (m_at < m_json.size() && m_json.at(m_at) == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    void skipSpace()
    {
        while (m_at < m_json.size()
               && (m_json.at(m_at) == ' ' || m_json.at(m_at) == '\n' || m_json.at(m_at) == '\r'
                   || m_json.at(m_at) == '\t'))
            ++m_at;
    }
    bool skipString()
    {
        if (!take('"'))
            return false;
        // Most of a key file is long base64 strings: find their ends with memchr.
        const char* const begin = m_json.constData();
        const char* const end = begin + m_json.size();
        const char* p = begin + m_at;
        // The quote found is searched for again only once an escape moved past
        // it (an escaped quote): each byte is looked at a bounded number of
        // times, however many escapes the string holds.
        const char* quote = nullptr;
        while (p < end) {
            if (!quote || quote < p) {
                quote = static_cast<const char*>(std::memchr(p, '"', std::size_t(end - p)));
                if (!quote)
                    return false;
            }
            const auto* escape = static_cast<const char*>(std::memchr(p, '\\', std::size_t(quote - p)));
            if (!escape) {
                m_at = quote + 1 - begin;
                return true;
            }
            p = escape + 2; // past the escaped character, which may be a quote
        }
        return false;
    }
    bool skipValue()
    {
        if (m_at >= m_json.size())
            return false;
        const char c = m_json.at(m_at);
        if (c == '"')
            return skipString();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_at < m_json.size()) {
                const char d = m_json.at(m_at);
                if (d == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++m_at;
                if (d == '{' || d == '[')
                    ++depth;
                else if ((d == '}' || d == ']') && --depth == 0)
                    return true;
            }
            return false;
        }
        const qsizetype begin = m_at;
        while (m_at < m_json.size() && QByteArrayView(",}] \n\r\t").indexOf(m_json.at(m_at)) < 0)
            ++m_at;
        return m_at > begin;
    }
    bool filterArray(const std::function<bool(QByteArrayView, bool)>& keep, bool slots, QByteArray* out)
    {
        if (!take('['))
            return false;
        out->append('[');
        skipSpace();
        if (take(']')) {
            out->append(']');
            return true;
        }
        bool wroteAny = false;
        for (bool first = true;; first = false) {
            skipSpace();
            const qsizetype begin = m_at;
            if (!skipValue())
                return false;
            const QByteArrayView element = view(begin, m_at);
            if (keep(element, slots && first)) {
                if (wroteAny)
                    out->append(',');
                out->append(element.data(), element.size());
                wroteAny = true;
            }
            skipSpace();
            if (take(']'))
                break;
            if (!take(','))
                return false;
        }
        out->append(']');
        return true;
    }

    const QByteArray& m_json;
    qsizetype m_at = 0;
};

// Whether \a element (one slot's JSON) has the member "name" set to one of
// \a quotedNames ("\"ada\""), by its bytes. Person names need no escapes, and
// an element with any escape is kept whatever it says (parse() decides).
// Where \a needle first occurs in \a haystack at or after \a from, or -1
// (glibc's memmem: a key file is mostly long strings with no match).
qsizetype find(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0)
{
    const void* at = ::memmem(haystack.data() + from, std::size_t(haystack.size() - from), needle.data(),
                              std::size_t(needle.size()));
    return at ? static_cast<const char*>(at) - haystack.data() : -1;
}

bool namesOneOf(QByteArrayView element, const QList<QByteArray>& quotedNames)
{
    if (element.contains('\\'))
        return true;
    static const QByteArrayView key("\"name\"");
    for (qsizetype at = find(element, key); at >= 0; at = find(element, key, at + 1)) {
        qsizetype i = at + key.size();
        const auto space = [&] {
            while (i < element.size() && QByteArrayView(" \n\r\t").indexOf(element.at(i)) >= 0)
                ++i;
        };
        space();
        if (i >= element.size() || element.at(i) != ':')
            continue;
        ++i;
        space();
        for (const QByteArray& quoted : quotedNames)
            if (element.sliced(i).startsWith(quoted))
                return true;
    }
    return false;
}

} // namespace

Error KeyFile::parseFor(const QByteArray& json, const QString& path, const QStringList& names, KeyFile* out)
{
    QList<QByteArray> quoted;
    for (const QString& name : names)
        quoted.append('"' + name.toUtf8() + '"');
    bool droppedAny = false;
    const std::optional<QByteArray> selected = Scanner(json).filtered([&](QByteArrayView element, bool firstSlot) {
        const bool keep = firstSlot || namesOneOf(element, quoted) || find(element, "\"pending_master_key\"") >= 0;
        droppedAny = droppedAny || !keep;
        return keep;
    });
    if (!selected)
        return parse(json, path, out);
    KeyFile result;
    if (parse(*selected, path, &result)) // the whole file's parse says where
        return parse(json, path, out);
    result.m_partial = droppedAny;
    *out = std::move(result);
    return {};
}

} // namespace onramp
