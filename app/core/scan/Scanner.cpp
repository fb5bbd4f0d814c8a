#include "scan/Scanner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace onramp::scan {

namespace {

constexpr qsizetype kBinaryProbe = 8000;
const QString kAllowlistName = QStringLiteral(".onramp-scan-ignore");

QString fingerprintOf(const QString& rule, const QString& relative, const QString& excerpt)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(rule.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(relative.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(excerpt.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(16));
}

/// Why the allowlist at \a path may not be used, or an empty string when it
/// may (or there is none): one another local user could have written, in a
/// shared folder such as /tmp, would silence the scan of the one who runs it.
QString untrusted(const QString& path)
{
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return {}; // none there; one that cannot be read is Allowlist::read's error
    if (S_ISLNK(st.st_mode))
        return Tr::tr("it is a symlink");
    if (!S_ISREG(st.st_mode))
        return Tr::tr("it is not a regular file");
    if (st.st_uid != ::geteuid() && st.st_uid != 0)
        return Tr::tr("it belongs to another user (uid %1), not to you or root").arg(st.st_uid);
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return Tr::tr("its group or other users may write it");
#else
    Q_UNUSED(path);
#endif
    return {};
}

/// Reads the allowlist at \a path when there is one that may be trusted.
Error readAllowlist(const QString& path, Allowlist* allowlist, ScanSummary* summary)
{
    const QString why = untrusted(path);
    if (!why.isEmpty()) {
        summary->refusedAllowlists.append(
            Tr::tr("%1 is not used: %2; only a file of yours or root's that no one else may write leaves findings out")
                .arg(path, why));
        return {};
    }
    return Allowlist::read(path, allowlist);
}

/// The root of the git work tree \a dir is in (the nearest folder holding
/// `.git`, a folder or a worktree's file), or an empty string.
QString workTreeRoot(QDir dir)
{
    for (;;) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.absolutePath();
        if (!dir.cdUp())
            return {};
    }
}

/// A `.git` that is a repository's git directory: it holds HEAD and objects/.
bool isGitDir(const QString& path)
{
    const QDir dir(path);
    const QFileInfo head(dir.filePath(QStringLiteral("HEAD")));
    const QFileInfo objects(dir.filePath(QStringLiteral("objects")));
    return head.isFile() && !head.isSymLink() && objects.isDir() && !objects.isSymLink();
}

QString joined(const QString& a, const QString& b)
{
    return a.isEmpty() ? b : a + QLatin1Char('/') + b;
}

} // namespace

Error Scanner::scan(const QStringList& paths, const std::function<void(const Finding&)>& onFinding,
                    ScanSummary* summary)
{
    *summary = ScanSummary();
    QList<Allowlist> allowlists;
    QStringList relatives; // a file's path from the folder of its allowlist
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            return Error(ErrorKind::InvalidInput, Tr::tr("cannot scan %1: no such file or folder").arg(path));
        Allowlist allowlist;
        QString relative = info.fileName();
        if (info.isDir()) {
            if (Error e = readAllowlist(QDir(path).filePath(kAllowlistName), &allowlist, summary))
                return e;
        } else {
            // A file named alone (a pre-commit hook's staged files) takes the
            // allowlist of the nearest folder above it that has one, up to
            // the root of its git work tree; outside one, only its own
            // folder's. Never further: a folder above is not the tree's.
            const QString top = workTreeRoot(info.absoluteDir());
            for (QDir dir = info.absoluteDir();;) {
                if (QFileInfo::exists(dir.filePath(kAllowlistName))) {
                    if (Error e = readAllowlist(dir.filePath(kAllowlistName), &allowlist, summary))
                        return e;
                    relative = dir.relativeFilePath(info.absoluteFilePath());
                    break;
                }
                if (top.isEmpty() || dir.absolutePath() == top || !dir.cdUp())
                    break;
            }
        }
        allowlists.append(allowlist);
        relatives.append(relative);
    }
    for (qsizetype i = 0; i < paths.size() && !summary->stopped; ++i) {
        const QString& path = paths.at(i);
        const QFileInfo info(path);
        if (info.isDir()) {
            GitIgnore ignore;
            walk(info.absoluteFilePath(), QDir::cleanPath(path), QString(), &ignore, allowlists.at(i), false, onFinding,
                 summary);
        } else if (Error e = scanFile(path, path, relatives.at(i), allowlists.at(i), onFinding, summary)) {
            return e;
        }
    }
    return {};
}

void Scanner::walk(const QString& folder, const QString& shown, const QString& relative, GitIgnore* ignore,
                   const Allowlist& allowlist, bool knownOnly, const std::function<void(const Finding&)>& onFinding,
                   ScanSummary* summary)
{
    ignore->leave(relative);
    ignore->enter(folder, relative);
    QDir dir(folder);
    const QFileInfoList entries =
        dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    // What .gitignore leaves out is left out of the rules, never out of the
    // search for known secrets: a .gitignore is written by whoever wrote the
    // tree.
    const bool known = m_lines.knowsSecrets();
    for (const QFileInfo& entry : entries) {
        if (summary->stopped)
            return;
        const QString name = entry.fileName();
        const QString rel = joined(relative, name);
        const QString show = shown + QLatin1Char('/') + name;
        if (entry.isSymLink()) {
            // Never followed: one out of the tree would read what the tree's
            // owner did not give, one inside is scanned where it points.
            ++summary->symlinks;
            continue;
        }
        if (entry.isDir()) {
            // A git directory's objects are compressed, its history is not
            // the tree's; a folder merely named .git (a wiki's notes) is.
            if (name == QLatin1String(".git") && isGitDir(entry.absoluteFilePath())) {
                ++summary->gitDirs;
                continue;
            }
            bool ignoredHere = knownOnly;
            if (!knownOnly && ignore->ignored(rel, true)) {
                ++summary->ignored;
                if (!known)
                    continue;
                ignoredHere = true;
            }
            walk(entry.absoluteFilePath(), show, rel, ignore, allowlist, ignoredHere, onFinding, summary);
            ignore->leave(relative);
            continue;
        }
        if (!entry.isFile() || name == kAllowlistName)
            continue;
        bool ignoredHere = knownOnly;
        if (!knownOnly && ignore->ignored(rel, false)) {
            ++summary->ignored;
            if (!known)
                continue;
            ignoredHere = true;
        }
        if (read(entry.absoluteFilePath(), show, rel, allowlist, ignoredHere, onFinding, summary))
            ++summary->unreadable;
    }
}

Error Scanner::scanFile(const QString& path, const QString& shownPath, const QString& relative,
                        const Allowlist& allowlist, const std::function<void(const Finding&)>& onFinding,
                        ScanSummary* summary)
{
    return read(path, shownPath, relative, allowlist, false, onFinding, summary);
}

Error Scanner::read(const QString& path, const QString& shownPath, const QString& relative, const Allowlist& allowlist,
                    bool knownOnly, const std::function<void(const Finding&)>& onFinding, ScanSummary* summary)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::InvalidInput, Tr::tr("cannot read %1: %2").arg(shownPath, file.errorString()));
    QByteArray buffer;
    buffer.reserve(kBlock + kMaxLine + kOverlap);
    qint64 number = 1;
    qint64 columnBase = 0; // bytes of the current line already checked in pieces
    bool first = true;
    bool atEnd = false;
    // Known secrets are searched for in all the buffer at once
    // (lastKnownMatch), never line by line unless that search found one not
    // yet reported: lastKnown is the buffer offset of the last it found, -1
    // when none waits; candidates from checked on are searched again when the
    // next block has come, as their end may not have been read.
    const bool searchKnown = m_lines.knowsSecrets();
    const qsizetype reach = m_lines.longestKnown();
    qsizetype checked = 0;
    qsizetype lastKnown = -1;
    while (!atEnd) {
        const qsizetype kept = buffer.size();
        buffer.resize(kept + kBlock);
        const qint64 got = qMax<qint64>(0, file.read(buffer.data() + kept, kBlock));
        buffer.resize(kept + got);
        atEnd = got < kBlock;
        if (first) {
            first = false;
            if (QByteArrayView(buffer).first(qMin<qsizetype>(buffer.size(), kBinaryProbe)).contains('\0')) {
                ++summary->binary;
                // A NUL byte is written by whoever wrote the file: the
                // rules leave it, a known secret in it is still searched for.
                if (!searchKnown)
                    return {};
                knownOnly = true;
            }
            if (knownOnly)
                ++summary->searchedForKnown;
            else
                ++summary->files;
        }
        summary->bytes += got;
        if (searchKnown) {
            lastKnown = qMax(lastKnown, m_lines.lastKnownMatch(buffer, checked));
            checked = qMax<qsizetype>(0, buffer.size() - reach);
        }
        const bool lookForKnown = lastKnown >= 0;
        qsizetype from = 0;
        if (knownOnly && !lookForKnown) {
            // Nothing to report in this block: count its lines and pieces.
            const qsizetype newline = buffer.lastIndexOf('\n');
            if (newline >= 0) {
                number += std::count(buffer.cbegin(), buffer.cbegin() + newline + 1, '\n');
                columnBase = 0;
                from = newline + 1;
            }
            while (buffer.size() - from > kMaxLine + kOverlap) {
                from += kMaxLine;
                columnBase += kMaxLine;
            }
        } else {
            for (;;) {
                const qsizetype newline = buffer.indexOf('\n', from);
                if (newline < 0)
                    break;
                qsizetype end = newline;
                if (end > from && buffer.at(end - 1) == '\r')
                    --end;
                report(QByteArrayView(buffer).sliced(from, end - from), number, columnBase, end - from, shownPath,
                       relative, allowlist, knownOnly, lookForKnown, onFinding, summary);
                ++number;
                columnBase = 0;
                from = newline + 1;
            }
            // A line longer than kMaxLine: check its first kMaxLine bytes now,
            // with kOverlap bytes more so a token across the cut is seen whole,
            // and keep only what starts before the cut.
            while (buffer.size() - from > kMaxLine + kOverlap) {
                report(QByteArrayView(buffer).sliced(from, kMaxLine + kOverlap), number, columnBase, kMaxLine,
                       shownPath, relative, allowlist, knownOnly, lookForKnown, onFinding, summary);
                from += kMaxLine;
                columnBase += kMaxLine;
            }
        }
        buffer.remove(0, from);
        checked = qMax<qsizetype>(0, checked - from);
        lastKnown = lastKnown >= from ? lastKnown - from : -1;
        if (m_progress && !m_progress(*summary)) {
            summary->stopped = true;
            return {};
        }
    }
    if (!buffer.isEmpty() && (!knownOnly || lastKnown >= 0))
        report(QByteArrayView(buffer), number, columnBase, buffer.size(), shownPath, relative, allowlist, knownOnly,
               lastKnown >= 0, onFinding, summary);
    return {};
}

void Scanner::report(const QByteArrayView line, qint64 number, qint64 columnBase, qsizetype reportBelow,
                     const QString& shownPath, const QString& relative, const Allowlist& allowlist, bool knownOnly,
                     bool lookForKnown, const std::function<void(const Finding&)>& onFinding, ScanSummary* summary)
{
    const QList<LineHit> hits = knownOnly ? m_lines.scanKnown(line) : m_lines.scan(line, lookForKnown);
    if (hits.isEmpty())
        return;
    const QString text = QString::fromUtf8(line);
    const qsizetype limit =
        reportBelow >= line.size() ? text.size() : QString::fromUtf8(line.first(reportBelow)).size();
    for (const LineHit& hit : hits) {
        if (hit.column >= limit)
            continue; // the next piece of the line reports it
        Finding f;
        f.file = shownPath;
        f.line = number;
        // In UTF-16 text, the characters before it, its NUL bytes left out
        // (one a character in Latin-1 text, which is most).
        f.column = columnBase + hit.column - (hit.utf16 ? text.first(hit.column).count(QChar(0)) : 0) + 1;
        f.rule = hit.rule;
        f.excerpt = LineScanner::excerpt(text, hits, hit);
        // UTF-16 text (a known secret found in it), or a binary file: its NUL
        // bytes are not shown.
        f.excerpt.remove(QChar(0));
        if (f.excerpt.endsWith(QLatin1Char('\r')))
            f.excerpt.chop(1);
        f.fingerprint = fingerprintOf(hit.rule, relative, f.excerpt);
        f.credentialId = hit.credentialId;
        f.host = hit.host;
        f.pattern = hit.pattern;
        if (allowlist.allows(relative, f.rule, f.fingerprint)) {
            ++summary->allowed;
            continue;
        }
        ++summary->counts[f.rule];
        onFinding(f);
    }
}

} // namespace onramp::scan
