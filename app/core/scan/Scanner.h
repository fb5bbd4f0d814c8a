// `onramp scan`'s walk: files and folders, .gitignore, binary files,
// symlinks, and each file read as a stream of lines.
#pragma once

#include "scan/IgnoreRules.h"
#include "scan/ScanRules.h"

#include "Error.h"

#include <QMap>

#include <functional>

namespace onramp::scan {

/// One finding: FILE:LINE:COL: rule: excerpt.
struct Finding {
    QString file; ///< as the scanned path names it
    qint64 line = 0; ///< 1-based
    qint64 column = 0; ///< 1-based, in characters
    QString rule; ///< the kind, a RuleInfo id
    QString excerpt; ///< the line, every secret on it cut to at most 4 characters
    /// 16 hex digits of SHA-256 over the rule, the path and the redacted
    /// excerpt: stable across scans, and it tells no more than the excerpt.
    QString fingerprint;
    QString credentialId; ///< known-secret only
    QString host; ///< production-host only
    QString pattern; ///< production-host: the production_hosts entry
};

/// What a scan read and left out.
struct ScanSummary {
    qint64 files = 0; ///< text files read
    qint64 bytes = 0;
    qint64 binary = 0; ///< files skipped as binary
    qint64 ignored = 0; ///< files and folders .gitignore leaves out
    qint64 symlinks = 0; ///< symlinks not followed
    qint64 gitDirs = 0; ///< git directories (a `.git` holding HEAD and objects/) not read
    qint64 allowed = 0; ///< findings the allowlist left out
    qint64 unreadable = 0; ///< files inside a folder that could not be opened
    /// Ignored or binary files searched for known production secrets only
    /// (in a scan that knows them): the rules leave such a file out, a known
    /// secret in it is still found.
    qint64 searchedForKnown = 0;
    /// Allowlists found and not used, each named with why (not the scanning
    /// user's or root's, writable by others, a symlink).
    QStringList refusedAllowlists;
    QMap<QString, int> counts; ///< findings by rule
    bool stopped = false; ///< the progress callback stopped the scan before its end
};

/// Walks paths and reports every finding, one file at a time, in bounded
/// memory: a file is read in blocks of kBlock; a line longer than kMaxLine is
/// checked in pieces of kMaxLine that overlap by kOverlap, so a token across
/// a cut is still found. Known secrets are searched for in each block at
/// once (LineScanner::lastKnownMatch), and line by line only in a block where
/// that search found one.
class Scanner
{
public:
    static constexpr qsizetype kBlock = 64 * 1024;
    static constexpr qsizetype kMaxLine = 64 * 1024;
    static constexpr qsizetype kOverlap = 1024;

    explicit Scanner(const LineScanner& lines)
        : m_lines(lines)
    {}

    /// Scans each of \a paths (a file or a folder). Every path is checked,
    /// and every allowlist read, before anything is scanned: a missing path
    /// or a bad allowlist is InvalidInput naming it. A folder takes the
    /// allowlist at its root. A file takes the one of its own folder or, in
    /// a git work tree, of the nearest folder above it up to the work tree's
    /// root (the folder holding `.git`); never one further up. An allowlist
    /// is used only when it is a regular file owned by the user scanning or
    /// root that only its owner may write; another is named in
    /// ScanSummary::refusedAllowlists and leaves nothing out.
    /// A folder's walk skips each git directory (a `.git` that holds `HEAD`
    /// and `objects/`; another folder of that name is read) and every symlink (one into the tree is
    /// scanned at the path it points to). What its .gitignore files ignore
    /// and binary files (a NUL byte in the first 8000 bytes, as git judges)
    /// are left out of the rules but, when \a lines knows secrets, still
    /// searched for them (ScanSummary::searchedForKnown).
    Error scan(const QStringList& paths, const std::function<void(const Finding&)>& onFinding, ScanSummary* summary);

    /// Called with the summary so far after every block a scan reads (64 KiB
    /// at most), on the scan's thread; when it returns false the scan stops
    /// there, keeps what it found, and sets ScanSummary::stopped.
    void setProgress(std::function<bool(const ScanSummary&)> progress) { m_progress = std::move(progress); }

    /// Scans one file as \a shownPath; \a relative is its path for the allowlist.
    Error scanFile(const QString& path, const QString& shownPath, const QString& relative, const Allowlist& allowlist,
                   const std::function<void(const Finding&)>& onFinding, ScanSummary* summary);

private:
    void walk(const QString& folder, const QString& shown, const QString& relative, GitIgnore* ignore,
              const Allowlist& allowlist, bool knownOnly, const std::function<void(const Finding&)>& onFinding,
              ScanSummary* summary);
    Error read(const QString& path, const QString& shownPath, const QString& relative, const Allowlist& allowlist,
               bool knownOnly, const std::function<void(const Finding&)>& onFinding, ScanSummary* summary);
    void report(const QByteArrayView line, qint64 number, qint64 columnBase, qsizetype reportBelow,
                const QString& shownPath, const QString& relative, const Allowlist& allowlist, bool knownOnly,
                bool lookForKnown, const std::function<void(const Finding&)>& onFinding, ScanSummary* summary);

    const LineScanner& m_lines;
    std::function<bool(const ScanSummary&)> m_progress;
};

} // namespace onramp::scan
