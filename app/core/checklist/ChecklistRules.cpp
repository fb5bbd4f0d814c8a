#include "checklist/ChecklistRules.h"

#include <QRegularExpression>

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

// Iterative glob with single-star backtracking: linear enough for host names
// and immune to the exponential blow-up of naive recursion on "****".
bool globMatch(const QString& text, const QString& pattern)
{
    qsizetype t = 0;
    qsizetype p = 0;
    qsizetype starP = -1;
    qsizetype starT = -1;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == text[t])) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == u'*') {
            // '*' needs at least one character, so consume one now.
            starP = p;
            starT = t;
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT + 1;
        } else {
            return false;
        }
    }
    return p == pattern.size();
}

QString normalizedHost(QString host)
{
    host = host.trimmed().toLower();
    while (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

} // namespace

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
        QStringLiteral("password"), QStringLiteral("passwd"), QStringLiteral("pass"),
        QStringLiteral("passphrase"), QStringLiteral("pwd"), QStringLiteral("secret"),
        QStringLiteral("token"), QStringLiteral("key"), QStringLiteral("apikey"),
        QStringLiteral("privatekey"), QStringLiteral("accesskey"), QStringLiteral("secretkey"),
        QStringLiteral("credential"), QStringLiteral("credentials"), QStringLiteral("bearer"),
        QStringLiteral("cookie"), QStringLiteral("otp"), QStringLiteral("totp"), QStringLiteral("pin")};
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
