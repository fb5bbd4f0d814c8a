#include "scan/ScanRules.h"

#include "checklist/ChecklistRules.h"

#include "Error.h"

#include <QRegularExpression>

#include <algorithm>
#include <climits>
#include <cmath>

namespace onramp::scan {

namespace {

const QRegularExpression& urlWithPassword()
{
    // scheme://user:password@host
    static const QRegularExpression re(QStringLiteral(
        "\\b[A-Za-z][A-Za-z0-9+.-]*://([^\\s/@:'\"`]*):([^\\s/@'\"`]+)@(\\[[0-9A-Fa-f:.]+\\]|[^\\s/:?#'\"`<>)\\]]+)"));
    return re;
}

const QRegularExpression& urlHost()
{
    static const QRegularExpression re(QStringLiteral(
        "\\b[A-Za-z][A-Za-z0-9+.-]*://(?:[^\\s/@'\"`]*@)?(\\[[0-9A-Fa-f:.]+\\]|[^\\s/:?#'\"`<>)\\],;]+)"));
    return re;
}

// libpq's key=value form (and ADO's "Password=...;"), case-insensitive.
const QRegularExpression& connectionPassword()
{
    static const QRegularExpression re(
        QStringLiteral("\\b(?:password|pwd)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^\\s'\"`;]+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& connectionKeyword()
{
    static const QRegularExpression re(
        QStringLiteral("\\b(?:host|hostaddr|server|dbname|database|user|user id|port|sslmode)\\s*="),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// YAML "host: x", env "DB_HOST=x", JSON "host": "x", libpq host=x.
const QRegularExpression& hostField()
{
    static const QRegularExpression re(
        QStringLiteral("\\b([A-Za-z0-9_]*(?:host|hostname|hostaddr|server|addr|address))[\"']?\\s*(?:=|:)\\s*[\"']?"
                       "([A-Za-z0-9_.*@:\\[\\]-]+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& privateKey()
{
    static const QRegularExpression re(QStringLiteral("-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----"));
    return re;
}

struct TokenRule {
    QString id;
    QRegularExpression re; ///< group 1: the token
};

const QList<TokenRule>& tokenRules()
{
    static const QList<TokenRule> list = {
        {QStringLiteral("aws-access-key-id"),
         QRegularExpression(QStringLiteral("\\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\\b"))},
        {QStringLiteral("github-token"),
         QRegularExpression(QStringLiteral("\\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})\\b"))},
        {QStringLiteral("gitlab-token"), QRegularExpression(QStringLiteral("\\b(glpat-[A-Za-z0-9_-]{20,})"))},
        {QStringLiteral("slack-token"), QRegularExpression(QStringLiteral("\\b(xox[abposr]-[A-Za-z0-9-]{10,})"))},
        {QStringLiteral("stripe-live-key"), QRegularExpression(QStringLiteral("\\b([sr]k_live_[A-Za-z0-9]{20,})\\b"))},
        {QStringLiteral("google-api-key"),
         QRegularExpression(QStringLiteral("\\b(AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])"))},
    };
    return list;
}

// NAME = VALUE, NAME: VALUE, "NAME": "VALUE", NAME := VALUE, NAME => VALUE.
const QRegularExpression& assignment()
{
    static const QRegularExpression re(
        QStringLiteral("([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*(?::=|=>|=|:)\\s*[\"'`]?([^\\s\"'`,;]{16,})"));
    return re;
}

// Cheap tests that a line may hold what a group of rules looks for; the
// rules' own expressions run only on the lines that pass.
const QRegularExpression& tokenTrigger()
{
    static const QRegularExpression re(
        QStringLiteral("AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|[sr]k_live_|AIza"));
    return re;
}

const QRegularExpression& secretNameTrigger()
{
    static const QRegularExpression re(QStringLiteral("pass|pwd|secret|token|key|credential|bearer|cookie|otp|pin"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& hostTrigger()
{
    static const QRegularExpression re(QStringLiteral("host|server|addr"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

// A name in code ("from.sealedKey", "crypto::kBytes", "a->b"), not a value.
const QRegularExpression& codeName()
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral("[A-Za-z_][A-Za-z0-9_]*(?:(?:\\.|::|->)[A-Za-z_][A-Za-z0-9_]*)+[.;]?")));
    return re;
}

// A host given to a command or in an ssh config: "psql -h HOST", "-hHOST",
// "--host HOST", "--hostname=HOST" ("--host=HOST" and libpq's "host=HOST"
// are hostField's), "Host HOST" and "HostName HOST".
const QRegularExpression& commandLineHost()
{
    static const QRegularExpression re(QStringLiteral("(?:^|[\\s'\"`(])(?:-h[ \\t]*|--host(?:name)?[ \\t]+|--hostname=)"
                                                      "[\"']?([A-Za-z0-9_.*:\\[\\]-]+)"
                                                      "|^\\s*(?i:host(?:name)?)[ \\t]+([A-Za-z0-9_.*:\\[\\]-]+)"));
    return re;
}

// A remote login's host: "ssh deploy@HOST", "scp f deploy@HOST:/tmp",
// "rsync -a ./ deploy@HOST:app/", every one after the first of those
// commands on the line ("ssh -J me@bastion deploy@HOST"): an address
// "name@host" in prose is mail, not a login. Two passes, each linear in the
// line: the command, then each user@host after it, matched from its start.
const QRegularExpression& remoteLoginCommand()
{
    static const QRegularExpression re(QStringLiteral("\\b(?:ssh|scp|sftp|rsync|mosh)\\b"));
    return re;
}

const QRegularExpression& remoteLogin()
{
    static const QRegularExpression re(QStringLiteral("(?<![A-Za-z0-9_.@-])[A-Za-z0-9_.-]+@([A-Za-z0-9_.-]+)"));
    return re;
}

// A password written as a literal: "password: hunter2", "PGPASSWORD=x",
// "db_password = 'x'", "\"password\": \"x\"". Group 1 the name, 2 the
// separator, then the value: 3 double-quoted, 4 single-quoted, 5 bare.
const QRegularExpression& passwordAssignment()
{
    static const QRegularExpression re(
        QStringLiteral("(?:^|[\\s\"'{,;(])([A-Za-z_][A-Za-z0-9_.-]*)[\"']?[ \\t]*(:=|=>|=|:)[ \\t]*"
                       "(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'`,;]+))"));
    return re;
}

const QRegularExpression& passwordTrigger()
{
    static const QRegularExpression re(QStringLiteral("pass|pwd"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

/// A name that says its value is a password: one ending in "password",
/// "passwd", "pwd" or "pass" ("PGPASSWORD", "db_pass", "MYSQL_PWD"), not
/// one that only begins so ("password_length", "passwordless").
bool isPasswordName(const QString& name)
{
    const QString lower = name.toLower();
    for (const char* end : {"password", "passwd", "pwd", "pass"})
        if (lower.endsWith(QLatin1String(end)))
            return true;
    return false;
}

/// A literal password, not a placeholder, a reference, a path, code or a
/// word: "hunter2hunter2" is one; "<password>", "${DB_PASSWORD}", "$PW",
/// "changeme", "xxx", "/run/secrets/db", "!vault", "os.environ.get", and
/// "string" or "required" (a schema's or a how-to's words) are not.
bool isLiteralPassword(const QString& value)
{
    if (value.size() < 6 || isPlaceholderValue(value))
        return false;
    if (std::all_of(value.cbegin(), value.cend(), [&](QChar c) { return c == value.front(); }))
        return false; // "xxxxxx", "******"
    if (value.startsWith(QLatin1Char('/')) || value.startsWith(QLatin1Char('.')) || value.startsWith(QLatin1Char('~'))
        || value.startsWith(QLatin1Char('!')) || value.startsWith(QLatin1Char('='))
        || value.startsWith(QLatin1Char('-')) || value.contains(QLatin1String("://"))
        || value.contains(QLatin1Char(' ')))
        return false;
    static const QString code = QStringLiteral("()[]{}$<>%\\\\");
    for (QChar c : value)
        if (code.contains(c))
            return false;
    if (std::all_of(value.cbegin(), value.cend(), [](QChar c) { return c.isLetter() || c == QLatin1Char('_'); }))
        return false; // a word or a name in code
    return !codeName().match(value).hasMatch();
}

bool overlaps(const QList<LineHit>& hits, int start, int length)
{
    return std::any_of(hits.cbegin(), hits.cend(), [&](const LineHit& h) {
        return h.secretStart >= 0 && start < h.secretStart + h.secretLength && h.secretStart < start + length;
    });
}

LineHit secretHit(const QString& rule, int column, int start, int length)
{
    LineHit hit;
    hit.rule = rule;
    hit.column = column;
    hit.secretStart = start;
    hit.secretLength = length;
    return hit;
}

bool looksRandom(const QString& value)
{
    if (value.startsWith(QLatin1Char('/')) || value.startsWith(QLatin1Char('.')) || value.startsWith(QLatin1Char('~'))
        || value.startsWith(QLatin1Char('=')) || value.contains(QLatin1String("://")))
        return false;
    // Stripe's test-mode and publishable keys open no live data.
    if (value.startsWith(QLatin1String("sk_test_")) || value.startsWith(QLatin1String("pk_test_"))
        || value.startsWith(QLatin1String("pk_live_")))
        return false;
    static const QString code = QStringLiteral("()[]{}$<>%\\");
    for (QChar c : value)
        if (code.contains(c))
            return false;
    bool lower = false, upper = false, digit = false;
    for (QChar c : value) {
        lower = lower || c.isLower();
        upper = upper || c.isUpper();
        digit = digit || c.isDigit();
    }
    // A random value of 16 or more characters almost always holds a digit;
    // a name in code rarely does.
    if (!digit || int(lower) + int(upper) < 1 || codeName().match(value).hasMatch())
        return false;
    return entropyBits(value) >= 3.5;
}

void productionHost(const QString& value, int column, const QStringList& patterns, QList<LineHit>* hits)
{
    if (patterns.isEmpty())
        return;
    QString host;
    const QString pattern = matchingProductionHost(value, patterns, &host);
    if (pattern.isEmpty())
        return;
    for (const LineHit& h : *hits)
        if (h.rule == QLatin1String("production-host") && h.column == column)
            return;
    LineHit hit;
    hit.rule = QStringLiteral("production-host");
    hit.column = column;
    hit.host = host;
    hit.pattern = pattern;
    hits->append(hit);
}

// Where a candidate for a known secret may start after and end before, as
// tables: the scan reads one of them for nearly every byte it searches.
struct Delimiters {
    bool start[256] = {};
    bool end[256] = {};
    bool startOrBreak[256] = {}; ///< and a line break, for lastKnownMatch()
    bool endOrBreak[256] = {};
    bool control[256] = {}; ///< bytes no typed secret holds (KnownSecretHashes::allText())

    Delimiters()
    {
        // A NUL too: a binary file, searched for known secrets, holds its
        // strings between NUL bytes.
        static const char set[] = " \t\"'`=:,;()[]{}<>@/";
        start[0] = true;
        for (const char* c = set; *c != '\0'; ++c)
            start[uchar(*c)] = true;
        for (int c = 0; c < 256; ++c)
            end[c] = start[c] || c == '.' || c == '!' || c == '?' || c == '\r';
        std::copy(std::begin(start), std::end(start), std::begin(startOrBreak));
        std::copy(std::begin(end), std::end(end), std::begin(endOrBreak));
        startOrBreak[uchar('\n')] = true;
        endOrBreak[uchar('\n')] = true;
        for (int c = 0; c < 256; ++c)
            control[c] = c < 0x20 || c == 0x7f;
    }
};

const Delimiters& delimiters()
{
    static const Delimiters table;
    return table;
}

} // namespace

QList<RuleInfo> rules()
{
    return {
        {QStringLiteral("known-secret"), Tr::tr("a production secret this vault holds (admins and mentors only)"),
         QStringLiteral("Onramp: a keyed BLAKE2b hash of each candidate against those of the vault's secrets")},
        {QStringLiteral("production-host"),
         Tr::tr("a host of a checklist's production_hosts in a URL, connection string, host field, command's host "
                "option or remote login (user@host)"),
         QStringLiteral("Onramp: every stored checklist version's production_hosts")},
        {QStringLiteral("password-in-url"), Tr::tr("a password inside a URL (scheme://user:password@host)"),
         QStringLiteral("RFC 3986 section 3.2.1 (userinfo); PostgreSQL libpq connection URIs")},
        {QStringLiteral("password-in-connection-string"),
         Tr::tr("a password in a key=value connection string (libpq, ADO.NET)"),
         QStringLiteral("PostgreSQL libpq, section 34.1.1 (keyword/value connection strings)")},
        {QStringLiteral("private-key"), Tr::tr("a private key block"),
         QStringLiteral("RFC 7468 (PEM labels), OpenSSH's and PGP's private key armour")},
        {QStringLiteral("aws-access-key-id"), Tr::tr("an AWS access key id (AKIA…, ASIA…)"),
         QStringLiteral("AWS IAM User Guide, 'Understanding unique ID prefixes'")},
        {QStringLiteral("github-token"), Tr::tr("a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)"),
         QStringLiteral("GitHub blog, 'Behind GitHub's new authentication token formats' (2021)")},
        {QStringLiteral("gitlab-token"), Tr::tr("a GitLab personal access token (glpat-)"),
         QStringLiteral("GitLab docs, 'Personal access tokens', token prefixes")},
        {QStringLiteral("slack-token"), Tr::tr("a Slack token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-)"),
         QStringLiteral("Slack API docs, 'Token types'")},
        {QStringLiteral("stripe-live-key"), Tr::tr("a Stripe live secret or restricted key (sk_live_, rk_live_)"),
         QStringLiteral("Stripe docs, 'API keys'")},
        {QStringLiteral("google-api-key"), Tr::tr("a Google API key (AIza…)"),
         QStringLiteral("Google Cloud docs, 'Manage API keys'")},
        {QStringLiteral("high-entropy-secret"),
         Tr::tr("a random-looking value of 16 or more characters assigned to a secret-like name"),
         QStringLiteral("Onramp: the checklist importer's secret-like names; Shannon entropy of at least 3.5 bits "
                        "per character, as detect-secrets' entropy plugins")},
        {QStringLiteral("password-assignment"),
         Tr::tr("a password written as a literal value (password: …, PGPASSWORD=…), not a placeholder or a reference"),
         QStringLiteral("Onramp: a name ending in password, passwd, pwd or pass given a literal of 6 or more "
                        "characters that is not a word, a path, code or a placeholder")},
    };
}

LineScanner::LineScanner(QStringList productionHosts, KnownSecretLookup known, QList<int> knownLengths,
                         bool knownAreText, QList<int> wideLengths, bool wideAreLatin1)
    : m_productionHosts(std::move(productionHosts))
    , m_known(std::move(known))
    , m_knownLengths(std::move(knownLengths))
    , m_knownAreText(knownAreText)
    , m_wideLengths(std::move(wideLengths))
    , m_wideAreLatin1(wideAreLatin1)
{
    for (QList<int>* lengths : {&m_knownLengths, &m_wideLengths}) {
        std::sort(lengths->begin(), lengths->end());
        lengths->erase(std::unique(lengths->begin(), lengths->end()), lengths->end());
    }
}

QList<LineHit> LineScanner::scanKnown(QByteArrayView line) const
{
    QList<LineHit> hits;
    if (m_known)
        knownSecrets(line, QString(), &hits);
    return hits;
}

QList<LineHit> LineScanner::scan(QByteArrayView line, bool known) const
{
    QList<LineHit> hits;
    const QString text = QString::fromUtf8(line);
    if (m_known && known)
        knownSecrets(line, text, &hits);

    const bool hasUrl = text.contains(QLatin1String("://"));
    if (hasUrl) {
        for (auto it = urlWithPassword().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (!isPlaceholderValue(m.captured(2)))
                hits.append(secretHit(QStringLiteral("password-in-url"), int(m.capturedStart()),
                                      int(m.capturedStart(2)), int(m.capturedLength(2))));
        }
        for (auto it = urlHost().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            productionHost(m.captured(0), int(m.capturedStart(1)), m_productionHosts, &hits);
        }
    }
    const bool hasEquals = text.contains(QLatin1Char('='));
    const bool hasColon = text.contains(QLatin1Char(':'));
    if (hasEquals && connectionKeyword().match(text).hasMatch()) {
        for (auto it = connectionPassword().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            QString value = m.captured(1);
            int start = int(m.capturedStart(1));
            if (value.startsWith(QLatin1Char('\'')) && value.size() >= 2) {
                value = value.mid(1, value.size() - 2);
                ++start;
            }
            if (!value.isEmpty() && !isPlaceholderValue(value) && !overlaps(hits, start, int(value.size())))
                hits.append(secretHit(QStringLiteral("password-in-connection-string"), int(m.capturedStart()), start,
                                      int(value.size())));
        }
    }
    if ((hasEquals || hasColon) && !m_productionHosts.isEmpty() && hostTrigger().match(text).hasMatch()) {
        for (auto it = hostField().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            productionHost(m.captured(2), int(m.capturedStart(2)), m_productionHosts, &hits);
        }
    }
    if (!m_productionHosts.isEmpty()
        && (text.contains(QLatin1String("-h")) || text.contains(QLatin1String("host"), Qt::CaseInsensitive))) {
        for (auto it = commandLineHost().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const int group = m.hasCaptured(1) ? 1 : 2;
            productionHost(m.captured(group), int(m.capturedStart(group)), m_productionHosts, &hits);
        }
    }
    if (!m_productionHosts.isEmpty() && text.contains(QLatin1Char('@'))) {
        const QRegularExpressionMatch command = remoteLoginCommand().match(text);
        if (command.hasMatch()) {
            for (auto it = remoteLogin().globalMatch(text, command.capturedEnd()); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                productionHost(m.captured(1), int(m.capturedStart(1)), m_productionHosts, &hits);
            }
        }
    }
    if (text.contains(QLatin1String("-----BEGIN"))) {
        for (auto it = privateKey().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            hits.append(secretHit(QStringLiteral("private-key"), int(m.capturedStart()), -1, 0));
        }
    }
    const bool mayHoldToken = tokenTrigger().match(text).hasMatch();
    for (const TokenRule& rule : mayHoldToken ? tokenRules() : QList<TokenRule>()) {
        for (auto it = rule.re.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (isPlaceholderValue(m.captured(1)))
                continue;
            hits.append(secretHit(rule.id, int(m.capturedStart(1)), int(m.capturedStart(1)), int(m.capturedLength(1))));
        }
    }
    if ((hasEquals || hasColon) && secretNameTrigger().match(text).hasMatch()) {
        for (auto it = assignment().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const QString value = m.captured(2);
            const int start = int(m.capturedStart(2));
            if (!isSecretFieldName(m.captured(1)) || isPlaceholderValue(value) || !looksRandom(value)
                || overlaps(hits, start, int(value.size())))
                continue;
            hits.append(
                secretHit(QStringLiteral("high-entropy-secret"), int(m.capturedStart(1)), start, int(value.size())));
        }
    }
    if ((hasEquals || hasColon) && passwordTrigger().match(text).hasMatch()) {
        for (auto it = passwordAssignment().globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const int group = m.hasCaptured(3) ? 3 : m.hasCaptured(4) ? 4 : 5;
            const QString value = m.captured(group);
            const int start = int(m.capturedStart(group));
            if (!isPasswordName(m.captured(1)) || !isLiteralPassword(value) || overlaps(hits, start, int(value.size())))
                continue;
            // "password: x" unquoted, as YAML and a how-to write it, is one
            // only when the value ends the line (or a comment follows):
            // "Reset your password: click the link" is prose.
            if (group == 5 && m.captured(2) == QLatin1String(":")) {
                const QString rest = text.mid(m.capturedEnd()).trimmed();
                if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('#')))
                    continue;
            }
            hits.append(
                secretHit(QStringLiteral("password-assignment"), int(m.capturedStart(1)), start, int(value.size())));
        }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const LineHit& a, const LineHit& b) { return a.column < b.column; });
    return hits;
}

void LineScanner::knownSecrets(QByteArrayView line, const QString& text, QList<LineHit>* hits) const
{
    Q_UNUSED(text);
    eachKnown(line, 0, false, [&](qsizetype i, int length, const QString& id, bool utf16) {
        // Offsets in the line's UTF-16 text.
        const int start = int(QString::fromUtf8(line.first(i)).size());
        const int size = int(QString::fromUtf8(line.sliced(i, length)).size());
        LineHit hit = secretHit(QStringLiteral("known-secret"), start, start, size);
        hit.credentialId = id;
        hit.utf16 = utf16;
        hits->append(hit);
    });
}

qsizetype LineScanner::lastKnownMatch(QByteArrayView bytes, qsizetype from) const
{
    qsizetype last = -1;
    eachKnown(bytes, from, true, [&](qsizetype i, int, const QString&, bool) { last = i; });
    return last;
}

void LineScanner::eachKnown(QByteArrayView bytes, qsizetype from, bool breaks,
                            const std::function<void(qsizetype, int, const QString&, bool)>& found) const
{
    // Candidates start where a value can start (the start, after a
    // delimiter) and end where one can end; only those of a known secret's
    // length are hashed.
    if (!m_known || (m_knownLengths.isEmpty() && m_wideLengths.isEmpty()))
        return;
    const Delimiters& d = delimiters();
    const bool* starts = breaks ? d.startOrBreak : d.start;
    const bool* ends = breaks ? d.endOrBreak : d.end;
    const uchar* p = reinterpret_cast<const uchar*>(bytes.data());
    const qsizetype n = bytes.size();
    const int shortest = std::min(m_knownLengths.isEmpty() ? INT_MAX : m_knownLengths.constFirst(),
                                  m_wideLengths.isEmpty() ? INT_MAX : m_wideLengths.constFirst());
    qsizetype control = -1; // the first control byte at i or after, when the secrets have none; n: none
    for (qsizetype i = qMax<qsizetype>(from, 0); i + shortest <= n; ++i) {
        if ((i > 0 && !starts[p[i - 1]]) || starts[p[i]])
            continue;
        if (m_knownAreText && control < i) {
            control = i;
            while (control < n && !d.control[p[control]])
                ++control;
        }
        for (int length : m_knownLengths) {
            if (i + length > n)
                break;
            if (i + length < n && !ends[p[i + length]])
                continue;
            if (m_knownAreText && control < i + length)
                break; // and the longer ones hold it too
            const QString id = m_known(bytes.sliced(i, length));
            if (!id.isEmpty())
                found(i, length, id, false);
        }
        if (m_wideLengths.isEmpty())
            continue;
        if (m_wideAreLatin1) {
            // "Z\0q\0…\0W" of a UTF-16 text: a NUL byte second, and a NUL
            // byte with a delimiter before it on each side (of the character
            // before and after, in either byte order).
            if (i + 1 >= n || p[i + 1] != 0 || (i > 0 && (p[i - 1] != 0 || (i >= 2 && !starts[p[i - 2]]))))
                continue;
            for (int length : m_wideLengths) {
                const qsizetype end = i + length;
                if (end > n)
                    break;
                if (end < n && (p[end] != 0 || (end + 1 < n && !ends[p[end + 1]])))
                    continue;
                const QString id = m_known(bytes.sliced(i, length));
                if (!id.isEmpty())
                    found(i, length, id, true);
            }
        } else {
            for (int length : m_wideLengths) {
                if (i + length > n)
                    break;
                if (i + length < n && !ends[p[i + length]])
                    continue;
                const QString id = m_known(bytes.sliced(i, length));
                if (!id.isEmpty())
                    found(i, length, id, true);
            }
        }
    }
}

QString LineScanner::excerpt(const QString& line, const QList<LineHit>& hits, const LineHit& hit, int width)
{
    // Redact every secret span of the line, from the last to the first, so
    // that earlier offsets stay right; note where the hit itself moves to.
    QList<LineHit> spans;
    for (const LineHit& h : hits)
        if (h.secretStart >= 0 && h.secretLength > 0)
            spans.append(h);
    std::sort(spans.begin(), spans.end(),
              [](const LineHit& a, const LineHit& b) { return a.secretStart > b.secretStart; });
    QString text = line;
    int at = hit.column;
    int covered = -1; // start of the last span redacted, spans overlapping it are inside it
    for (const LineHit& s : spans) {
        const int end = s.secretStart + s.secretLength;
        if (covered >= 0 && end > covered)
            continue; // overlaps a span already redacted
        const QString shown = text.mid(s.secretStart, qMin(4, s.secretLength / 4));
        const QString replacement = shown + QStringLiteral("…");
        text.replace(s.secretStart, s.secretLength, replacement);
        if (at >= end)
            at -= s.secretLength - int(replacement.size());
        covered = s.secretStart;
    }
    int leading = 0;
    while (leading < text.size() && text.at(leading).isSpace())
        ++leading;
    text = text.trimmed();
    at = qMax(0, at - leading);
    if (text.size() <= width)
        return text;
    const int from = qBound(0, at - width / 4, int(text.size()) - width);
    QString cut = text.mid(from, width);
    if (from > 0)
        cut = QStringLiteral("…") + cut;
    if (from + width < text.size())
        cut += QStringLiteral("…");
    return cut;
}

bool isPlaceholderValue(const QString& value)
{
    const QString v = value.trimmed();
    if (v.isEmpty())
        return true;
    if (v.startsWith(QLatin1Char('<')) || v.startsWith(QLatin1Char('$')) || v.startsWith(QLatin1String("{{"))
        || v.startsWith(QLatin1Char('%')) || v.startsWith(QLatin1String("...")) || v.startsWith(QLatin1Char('*')))
        return true;
    const QString lower = v.toLower();
    static const QStringList words = {
        QStringLiteral("example"),     QStringLiteral("changeme"), QStringLiteral("change_me"),
        QStringLiteral("placeholder"), QStringLiteral("your_"),    QStringLiteral("your-"),
        QStringLiteral("xxxx"),        QStringLiteral("****"),     QStringLiteral("dummy"),
        QStringLiteral("redacted"),    QStringLiteral("replace")};
    for (const QString& w : words)
        if (lower.contains(w))
            return true;
    static const QStringList whole = {QStringLiteral("password"), QStringLiteral("pass"),  QStringLiteral("secret"),
                                      QStringLiteral("pwd"),      QStringLiteral("token"), QStringLiteral("test"),
                                      QStringLiteral("none"),     QStringLiteral("null")};
    return whole.contains(lower);
}

double entropyBits(const QString& value)
{
    if (value.isEmpty())
        return 0;
    QHash<QChar, int> counts;
    for (QChar c : value)
        ++counts[c];
    double bits = 0;
    const double n = double(value.size());
    for (int count : counts) {
        const double p = count / n;
        bits -= p * std::log2(p);
    }
    return bits;
}

} // namespace onramp::scan
