// What a scan leaves out: the common subset of .gitignore, and the team's
// allowlist of known false positives (.onramp-scan-ignore).
#pragma once

#include "Error.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace onramp::scan {

/// A glob as .gitignore writes it, as a regular expression over a path
/// relative to its base ('/'-separated): '*' and '?' within one name, "[…]"
/// ("[!…]" too), "**/" any folders, "/**" everything inside, and "\" quoting.
QRegularExpression globToRegex(const QString& glob);

/// The patterns of the .gitignore files met on the way down, each relative
/// to its own folder. Supported: blank lines and '#' comments, '!' to
/// include again, a trailing '/' for folders only, a '/' at the start or in
/// the middle to anchor a pattern to its file's folder (else it matches a
/// name at any depth), and the globs of globToRegex(). Not supported:
/// .git/info/exclude, the global excludes file, trailing spaces quoted with '\'.
class GitIgnore
{
public:
    /// Reads \a folder/.gitignore, if any, for paths under \a base (relative
    /// to the scan's root; empty for the root itself).
    void enter(const QString& folder, const QString& base);
    /// Forgets the patterns of folders no longer on the path to \a base.
    void leave(const QString& base);
    /// Whether \a path (relative to the root) is ignored: the last pattern
    /// that matches it decides.
    bool ignored(const QString& path, bool isDir) const;

private:
    struct Pattern {
        QRegularExpression re;
        bool negated = false;
        bool dirOnly = false;
        bool anchored = false;
    };
    struct File {
        QString base;
        QList<Pattern> patterns;
    };
    QList<File> m_files;
};

/// The allowlist: each line of .onramp-scan-ignore at a scanned folder's
/// root is "SELECTOR... -- REASON", where a selector is path:GLOB (relative
/// to that folder), rule:ID or fingerprint:HEX; a finding matching every
/// selector of a line is left out. A known production secret is never left out.
class Allowlist
{
public:
    /// Reads \a file; a line without a reason, an unknown selector or rule is
    /// InvalidInput naming file:line. A missing file is an empty allowlist.
    static Error read(const QString& file, Allowlist* out);

    bool allows(const QString& path, const QString& rule, const QString& fingerprint) const;
    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    struct Entry {
        QList<QRegularExpression> paths;
        QStringList rules;
        QStringList fingerprints;
    };
    QList<Entry> m_entries;
};

} // namespace onramp::scan
