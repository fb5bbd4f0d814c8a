#include "scan/IgnoreRules.h"

#include "scan/ScanRules.h"

#include <QFile>

#include <algorithm>

namespace onramp::scan {

QRegularExpression globToRegex(const QString& glob)
{
    QString re;
    const qsizetype n = glob.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            const bool twice = i + 1 < n && glob.at(i + 1) == QLatin1Char('*');
            const bool atStart = i == 0 || glob.at(i - 1) == QLatin1Char('/');
            if (twice && atStart && i + 2 < n && glob.at(i + 2) == QLatin1Char('/')) {
                re += QStringLiteral("(?:.*/)?"); // "**/": any folders, none too
                i += 2;
            } else if (twice && atStart && i + 2 == n) {
                re += QStringLiteral(".*"); // "/**": everything inside
                i += 1;
            } else if (twice) {
                re += QStringLiteral(".*");
                i += 1;
            } else {
                re += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            re += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = glob.indexOf(QLatin1Char(']'), i + 2);
            if (close < 0) {
                re += QStringLiteral("\\[");
                continue;
            }
            QString set = glob.mid(i + 1, close - i - 1);
            if (set.startsWith(QLatin1Char('!')))
                set[0] = QLatin1Char('^');
            set.replace(QLatin1String("\\"), QLatin1String("\\\\"));
            re += QLatin1Char('[') + set + QLatin1Char(']');
            i = close;
        } else if (c == QLatin1Char('\\') && i + 1 < n) {
            re += QRegularExpression::escape(glob.mid(++i, 1));
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
}

void GitIgnore::enter(const QString& folder, const QString& base)
{
    QFile file(folder + QStringLiteral("/.gitignore"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    File rules;
    rules.base = base;
    // A .gitignore is small; a huge one is read up to 1 MiB.
    const QList<QByteArray> lines = file.read(1 << 20).split('\n');
    for (QByteArray raw : lines) {
        if (raw.endsWith('\r'))
            raw.chop(1);
        QString line = QString::fromUtf8(raw);
        while (line.endsWith(QLatin1Char(' ')) && !line.endsWith(QLatin1String("\\ ")))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        Pattern p;
        if (line.startsWith(QLatin1Char('!'))) {
            p.negated = true;
            line.remove(0, 1);
        } else if (line.startsWith(QLatin1String("\\!")) || line.startsWith(QLatin1String("\\#"))) {
            line.remove(0, 1);
        }
        if (line.endsWith(QLatin1Char('/'))) {
            p.dirOnly = true;
            line.chop(1);
        }
        p.anchored = line.contains(QLatin1Char('/'));
        if (line.startsWith(QLatin1Char('/')))
            line.remove(0, 1);
        if (line.isEmpty())
            continue;
        p.re = globToRegex(line);
        rules.patterns.append(p);
    }
    if (!rules.patterns.isEmpty())
        m_files.append(rules);
}

void GitIgnore::leave(const QString& base)
{
    while (!m_files.isEmpty()) {
        const QString& b = m_files.last().base;
        if (b.isEmpty() || base == b || base.startsWith(b + QLatin1Char('/')))
            break;
        m_files.removeLast();
    }
}

bool GitIgnore::ignored(const QString& path, bool isDir) const
{
    bool result = false;
    for (const File& file : m_files) {
        if (!file.base.isEmpty() && !path.startsWith(file.base + QLatin1Char('/')))
            continue;
        const QString relative = file.base.isEmpty() ? path : path.mid(file.base.size() + 1);
        const QString name = relative.mid(relative.lastIndexOf(QLatin1Char('/')) + 1);
        for (const Pattern& p : file.patterns) {
            if (p.dirOnly && !isDir)
                continue;
            if (p.re.match(p.anchored ? relative : name).hasMatch())
                result = !p.negated;
        }
    }
    return result;
}

Error Allowlist::read(const QString& path, Allowlist* out)
{
    *out = Allowlist();
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::InvalidInput, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
    const QList<QByteArray> lines = file.read(1 << 20).split('\n');
    int number = 0;
    for (const QByteArray& raw : lines) {
        ++number;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString where = QStringLiteral("%1:%2").arg(path).arg(number);
        const qsizetype dashes = line.indexOf(QLatin1String(" -- "));
        const QString reason = dashes < 0 ? QString() : line.mid(dashes + 4).trimmed();
        if (reason.isEmpty())
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("%1: an entry needs a reason after ' -- ' (SELECTOR... -- REASON)").arg(where));
        Entry entry;
        const QStringList selectors = line.left(dashes).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (selectors.isEmpty())
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("%1: an entry needs a selector (path:GLOB, rule:ID or fingerprint:HEX)").arg(where));
        for (const QString& selector : selectors) {
            if (selector.startsWith(QLatin1String("path:")) && selector.size() > 5) {
                entry.paths.append(globToRegex(selector.mid(5)));
            } else if (selector.startsWith(QLatin1String("rule:"))) {
                const QString id = selector.mid(5);
                const QList<RuleInfo> all = rules();
                const bool known = std::any_of(all.cbegin(), all.cend(), [&](const RuleInfo& r) { return r.id == id; });
                if (!known || id == QLatin1String("known-secret"))
                    return Error(
                        ErrorKind::InvalidInput,
                        Tr::tr("%1: '%2' is no rule a scan can leave out (see onramp scan --help)").arg(where, id));
                entry.rules.append(id);
            } else if (selector.startsWith(QLatin1String("fingerprint:")) && selector.size() > 12) {
                entry.fingerprints.append(selector.mid(12).toLower());
            } else {
                return Error(ErrorKind::InvalidInput,
                             Tr::tr("%1: '%2' is no selector; write path:GLOB, rule:ID or fingerprint:HEX")
                                 .arg(where, selector));
            }
        }
        out->m_entries.append(entry);
    }
    return {};
}

bool Allowlist::allows(const QString& path, const QString& rule, const QString& fingerprint) const
{
    if (rule == QLatin1String("known-secret"))
        return false;
    for (const Entry& e : m_entries) {
        const bool pathOk = e.paths.isEmpty()
            || std::any_of(e.paths.cbegin(), e.paths.cend(), [&](const auto& re) { return re.match(path).hasMatch(); });
        const bool ruleOk = e.rules.isEmpty() || e.rules.contains(rule);
        const bool printOk = e.fingerprints.isEmpty() || e.fingerprints.contains(fingerprint);
        if (pathOk && ruleOk && printOk)
            return true;
    }
    return false;
}

} // namespace onramp::scan
