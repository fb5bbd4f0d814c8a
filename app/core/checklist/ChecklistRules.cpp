#include "checklist/ChecklistRules.h"

#include <QRegularExpression>
#include <QVarLengthArray>

#include <algorithm>
#include <array>

namespace onramp {

namespace {

constexpr qint64 kMaxTtlSeconds = 3650LL * 24 * 3600;

bool isSlugChar(QChar c, bool first)
{
    const char16_t u = c.unicode();
    if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
        return true;
    return !first && (u == u'-' || u == u'_');
}

// '*' stands for one or more characters, '?' for one. The pattern runs as a
// bit-parallel automaton over its positions, one bit each: state i means "the
// first i pattern characters are matched"; reading a character moves every
// state whose pattern character accepts it one bit up, and the state after a
// '*' also stays, as the '*' reads more. Time is text × pattern / 64 word
// operations, so no crafted pair of host and pattern costs more than a few
// microseconds (single-star backtracking cost text × pattern steps).
bool globMatch(QStringView text, QStringView pattern)
{
    using Bits = QVarLengthArray<quint64, 4>;
    const qsizetype words = pattern.size() / 64 + 1;
    const auto bit = [](qsizetype i) { return quint64(1) << (i % 64); };
    Bits wild(words, 0); // '?' and '*' accept any character
    Bits stays(words, 0); // the states just after a '*'
    // The positions each literal character of the pattern accepts: ASCII
    // through a table, anything else through a list sorted by character.
    std::array<qsizetype, 128> ascii;
    ascii.fill(-1);
    QVarLengthArray<std::pair<char16_t, qsizetype>, 8> other; // (character, position)
    QVarLengthArray<quint64, 64> masks;
    const auto newMask = [&] {
        masks.resize(masks.size() + words, 0);
        return masks.size() - words;
    };
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const char16_t c = pattern[i].unicode();
        if (c == u'?' || c == u'*') {
            wild[i / 64] |= bit(i);
            if (c == u'*')
                stays[(i + 1) / 64] |= bit(i + 1);
        } else if (c < 128) {
            if (ascii[c] < 0)
                ascii[c] = newMask();
            masks[ascii[c] + i / 64] |= bit(i);
        } else {
            other.append({c, i});
        }
    }
    // Then (character, mask) once for each character.
    std::sort(other.begin(), other.end());
    qsizetype distinct = 0;
    for (qsizetype k = 0; k < other.size(); ++k) {
        const qsizetype position = other[k].second;
        if (k == 0 || other[k].first != other[distinct - 1].first)
            other[distinct++] = {other[k].first, newMask()};
        masks[other[distinct - 1].second + position / 64] |= bit(position);
    }
    other.resize(distinct);
    Bits stateBits(words, 0);
    Bits nextBits(words, 0);
    quint64* state = stateBits.data();
    quint64* next = nextBits.data();
    state[0] = 1;
    for (const QChar x : text) {
        const char16_t c = x.unicode();
        qsizetype at = -1;
        if (c < 128) {
            at = ascii[c];
        } else {
            const auto it = std::lower_bound(other.cbegin(), other.cend(), std::pair<char16_t, qsizetype>(c, -1));
            at = it != other.cend() && it->first == c ? it->second : -1;
        }
        quint64 carry = 0;
        quint64 alive = 0;
        for (qsizetype w = 0; w < words; ++w) {
            const quint64 moves = state[w] & (wild[w] | (at >= 0 ? masks[at + w] : 0));
            next[w] = (moves << 1) | carry | (state[w] & stays[w]);
            carry = moves >> 63;
            alive |= next[w];
        }
        if (!alive)
            return false;
        std::swap(state, next); // the pointers
    }
    return (state[pattern.size() / 64] & bit(pattern.size())) != 0;
}

QString normalizedHost(QString host)
{
    host = host.trimmed().toLower();
    while (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

} // namespace

bool isPgConnectionName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,62}$"));
    return pattern.match(name).hasMatch();
}

bool isPgName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch();
}

bool isSlug(const QString& text)
{
    if (text.isEmpty())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isSlugChar(text[i], i == 0))
            return false;
    }
    return true;
}

QString slugify(const QString& text)
{
    // Decompose so that "é" becomes "e" + accent, then keep ASCII only.
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    QString slug;
    bool dash = false;
    for (QChar c : decomposed) {
        if (isSlugChar(c, true)) {
            if (dash && !slug.isEmpty())
                slug += u'-';
            slug += c;
            dash = false;
        } else if (c.unicode() < 0x80 || c.isSpace() || c.isPunct() || c.isSymbol()) {
            dash = true;
        }
    }
    if (slug.size() > 64) {
        slug.truncate(64);
        while (slug.endsWith(u'-'))
            slug.chop(1);
    }
    return slug;
}

std::optional<qint64> parseTtl(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,7})([dhms])$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    qint64 seconds = m.captured(1).toLongLong();
    switch (m.captured(2).at(0).unicode()) {
    case u'd':
        seconds *= 24 * 3600;
        break;
    case u'h':
        seconds *= 3600;
        break;
    case u'm':
        seconds *= 60;
        break;
    default:
        break;
    }
    if (seconds <= 0 || seconds > kMaxTtlSeconds)
        return std::nullopt;
    return seconds;
}

QString formatTtl(qint64 seconds)
{
    if (seconds % (24 * 3600) == 0)
        return QString::number(seconds / (24 * 3600)) + u'd';
    if (seconds % 3600 == 0)
        return QString::number(seconds / 3600) + u'h';
    if (seconds % 60 == 0)
        return QString::number(seconds / 60) + u'm';
    return QString::number(seconds) + u's';
}

QString hostOf(const QString& value)
{
    QString rest = value.trimmed();
    const qsizetype scheme = rest.indexOf(QLatin1String("://"));
    if (scheme >= 0)
        rest = rest.mid(scheme + 3);
    // Cut the path, query and fragment, then the user info and the port.
    static const QRegularExpression pathStart(QStringLiteral("[/?#]"));
    const qsizetype end = rest.indexOf(pathStart);
    if (end >= 0)
        rest.truncate(end);
    const qsizetype at = rest.lastIndexOf(u'@');
    if (at >= 0)
        rest = rest.mid(at + 1);
    if (rest.startsWith(u'[')) {
        const qsizetype close = rest.indexOf(u']');
        return close > 0 ? normalizedHost(rest.mid(1, close - 1)) : QString();
    }
    static const QRegularExpression port(QStringLiteral(":[0-9]*$"));
    rest.remove(port);
    rest = normalizedHost(rest);
    static const QRegularExpression notHost(QStringLiteral("[\\s:,;]"));
    if (rest.isEmpty() || rest.contains(notHost))
        return {};
    return rest;
}

QString productionHostEntry(const QString& entry)
{
    const QString host = normalizedHost(entry);
    static const QRegularExpression name(
        QStringLiteral("\\A[\\p{L}\\p{N}_*?](?:[\\p{L}\\p{M}\\p{N}_*?.-]*[\\p{L}\\p{M}\\p{N}_*?])?\\z"));
    static const QRegularExpression ipv6(QStringLiteral("\\A[0-9a-f.*?]*:[0-9a-f:.*?]*\\z"));
    if (host.contains(QLatin1String("..")) || !(name.match(host).hasMatch() || ipv6.match(host).hasMatch()))
        return {};
    return host;
}

bool hostMatches(const QString& host, const QString& pattern)
{
    const QString h = normalizedHost(host);
    const QString p = normalizedHost(pattern);
    if (h.isEmpty() || p.isEmpty())
        return false;
    return globMatch(h, p);
}

QString matchingProductionHost(const QString& value, const QStringList& patterns, QString* host)
{
    const QString named = hostOf(value);
    if (named.isEmpty())
        return {};
    for (const QString& pattern : patterns) {
        if (hostMatches(named, pattern)) {
            if (host)
                *host = named;
            return pattern;
        }
    }
    return {};
}

bool looksLikeProductionHost(const QString& host)
{
    static const QRegularExpression separators(QStringLiteral("[._-]"));
    static const QStringList words = {QStringLiteral("prod"), QStringLiteral("production"), QStringLiteral("prd"),
                                      QStringLiteral("live")};
    const QStringList labels = host.toLower().split(separators, Qt::SkipEmptyParts);
    return std::any_of(labels.cbegin(), labels.cend(), [](const QString& label) { return words.contains(label); });
}

const QStringList& fieldPlaceholders()
{
    static const QStringList placeholders = {QStringLiteral("{{hire}}"), QStringLiteral("{{hire_display}}"),
                                             QStringLiteral("{{enrollment}}")};
    return placeholders;
}

QString unknownPlaceholder(const QString& value)
{
    for (qsizetype from = value.indexOf(QLatin1String("{{")); from >= 0;
         from = value.indexOf(QLatin1String("{{"), from)) {
        const qsizetype close = value.indexOf(QLatin1String("}}"), from + 2);
        if (close < 0)
            return value.mid(from, 20);
        const QString placeholder = value.mid(from, close + 2 - from);
        if (!fieldPlaceholders().contains(placeholder))
            return placeholder.size() > 40 ? placeholder.left(39) + QChar(0x2026) : placeholder;
        from = close + 2;
    }
    return {};
}

bool isSecretFieldName(const QString& name)
{
    // Judge the last word of the name: "db_password" and "apiToken" hold
    // secrets, "auth_method" and "key_id" do not.
    static const QRegularExpression camel(QStringLiteral("([a-z0-9])([A-Z])"));
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    QString words = name;
    words.replace(camel, QStringLiteral("\\1_\\2"));
    const QStringList parts = words.toLower().split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return false;
    static const QStringList secretWords = {
        QStringLiteral("password"),   QStringLiteral("passwd"),      QStringLiteral("pass"),
        QStringLiteral("passphrase"), QStringLiteral("pwd"),         QStringLiteral("secret"),
        QStringLiteral("token"),      QStringLiteral("key"),         QStringLiteral("apikey"),
        QStringLiteral("privatekey"), QStringLiteral("accesskey"),   QStringLiteral("secretkey"),
        QStringLiteral("credential"), QStringLiteral("credentials"), QStringLiteral("bearer"),
        QStringLiteral("cookie"),     QStringLiteral("otp"),         QStringLiteral("totp"),
        QStringLiteral("pin")};
    return secretWords.contains(parts.last()) || secretWords.contains(parts.join(QString()));
}

bool containsLiteralSecret(const QString& value)
{
    static const QRegularExpression urlPassword(QStringLiteral("://[^/@\\s:]*:[^/@\\s]+@"));
    static const QRegularExpression knownToken(
        QStringLiteral("-----BEGIN [A-Z ]*PRIVATE KEY-----|\\bAKIA[0-9A-Z]{16}\\b|"
                       "\\bgh[pousr]_[A-Za-z0-9]{20,}|\\bglpat-[A-Za-z0-9_-]{20,}|"
                       "\\bxox[abpr]-[A-Za-z0-9-]{10,}|\\bsk_live_[A-Za-z0-9]{10,}"));
    return urlPassword.match(value).hasMatch() || knownToken.match(value).hasMatch();
}

} // namespace onramp
