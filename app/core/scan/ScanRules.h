// What `onramp scan` looks for in one line of text: the rules, each with its
// source (docs/SECURITY.md, "Scanning documents"), and the redaction of what
// a finding shows.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <functional>

namespace onramp::scan {

/// One rule of the scanner, as --help, the SARIF driver and the docs list it.
struct RuleInfo {
    QString id; ///< the finding's kind, e.g. "github-token"
    QString description; ///< one line, translated
    QString source; ///< where the rule's pattern comes from
};

/// Every rule, in the order a line is checked, described in the language
/// of the translator installed when called (a list built at the first call
/// would keep the language of that moment).
QList<RuleInfo> rules();

/// A finding inside one line; offsets are in UTF-16 units of the line.
struct LineHit {
    QString rule;
    int column = 0; ///< 0-based start of what was found
    int secretStart = -1; ///< the span of the secret to redact; -1: none (a host)
    int secretLength = 0;
    QString credentialId; ///< known-secret: the credential the value is
    QString host; ///< production-host: the host found
    QString pattern; ///< production-host: the production_hosts entry it matches
    bool utf16 = false; ///< known-secret: found as one of its UTF-16 encodings
};

/// Tells whether bytes are one of the production secrets the vault holds,
/// by their keyed hash; returns the credential id, empty when not.
using KnownSecretLookup = std::function<QString(QByteArrayView candidate)>;

/// The checks of one scan, over lines of text.
class LineScanner
{
public:
    /// \a productionHosts: production_hosts entries (exact or glob);
    /// \a known (may be empty): the lookup of known secrets and \a knownLengths
    /// the byte lengths of those secrets, so only candidates of those lengths are hashed;
    /// \a knownAreText: no known secret holds a control byte
    /// (KnownSecretHashes::allText()), so lastKnownMatch() looks up no candidate with one;
    /// \a wideLengths: the byte lengths of their UTF-16 encodings as the lookup
    /// knows them (KnownSecretHashes::wideLengths()), and \a wideAreLatin1 that
    /// each is characters with a NUL byte between each two
    /// (KnownSecretHashes::wideAreLatin1()): then such a candidate is bounded
    /// as a secret in UTF-16 text is, by a NUL byte and a delimiter beyond it
    /// on each side, and one without a NUL byte as its second is not looked up.
    LineScanner(QStringList productionHosts, KnownSecretLookup known = {}, QList<int> knownLengths = {},
                bool knownAreText = false, QList<int> wideLengths = {}, bool wideAreLatin1 = false);

    /// The findings in \a line (UTF-8, without its line break), in column order.
    QList<LineHit> scan(QByteArrayView line) const { return scan(line, true); }
    /// The same; known secrets are looked for only when \a known (a caller
    /// that knows, from lastKnownMatch(), that the line holds none says false).
    QList<LineHit> scan(QByteArrayView line, bool known) const;
    /// Whether known secrets are looked for (a lookup was given).
    bool knowsSecrets() const { return bool(m_known); }
    /// Only the known secrets in \a line: what a file the rules leave out
    /// (ignored, binary) is still searched for.
    QList<LineHit> scanKnown(QByteArrayView line) const;
    /// One pass over \a bytes, many lines at once, for the known secrets: the
    /// start of the last candidate starting at \a from or after that the
    /// lookup names, or -1. A line break bounds a candidate as a delimiter
    /// does, and so do the start and the end of \a bytes, so every known
    /// secret scan() and scanKnown() find in a line of \a bytes is found here
    /// too. Nothing is decoded; each candidate costs two table reads per
    /// length, and the lookup only when a delimiter ends it.
    qsizetype lastKnownMatch(QByteArrayView bytes, qsizetype from = 0) const;
    /// The byte length of the longest known secret, 0 without any.
    /// With a UTF-16 encoding's, and the byte beyond one that bounds it.
    int longestKnown() const
    {
        return std::max(m_knownLengths.isEmpty() ? 0 : m_knownLengths.constLast(),
                        m_wideLengths.isEmpty() ? 0 : m_wideLengths.constLast() + 1);
    }

    /// \a line with every hit's secret cut to its first 4 characters and "…",
    /// cut around \a hit to at most \a width characters.
    static QString excerpt(const QString& line, const QList<LineHit>& hits, const LineHit& hit, int width = 100);

private:
    void knownSecrets(QByteArrayView line, const QString& text, QList<LineHit>* hits) const;
    /// Calls \a found with the start and length of each candidate in \a bytes
    /// from \a from on that the lookup names, with its id and whether it is a
    /// UTF-16 encoding; \a breaks: a line break bounds a candidate too.
    void eachKnown(QByteArrayView bytes, qsizetype from, bool breaks,
                   const std::function<void(qsizetype, int, const QString&, bool)>& found) const;

    QStringList m_productionHosts;
    KnownSecretLookup m_known;
    QList<int> m_knownLengths;
    bool m_knownAreText = false;
    QList<int> m_wideLengths;
    bool m_wideAreLatin1 = false;
};

/// True if \a value reads like a placeholder, not a secret ("<password>",
/// "${DB_PASSWORD}", "changeme", a value holding "example").
bool isPlaceholderValue(const QString& value);

/// Shannon entropy of \a value in bits per character.
double entropyBits(const QString& value);

} // namespace onramp::scan
