#include "ScanFindingModel.h"

#include "HiddenText.h"
#include "PlainText.h"

#include "scan/ScanReport.h"

#include <QDir>
#include <algorithm>

namespace onramp::ui {

namespace {

/// What a scanned file wrote, shown as what it is: a control character as
/// "\x1b", a bidirectional or zero-width one as "[U+202E]", so that no
/// excerpt or file name reorders or hides what the page shows.
QString shown(const QString& text)
{
    return text::printable(hiddentext::shownPlainly(text));
}

} // namespace

QString ScanFindingModel::message(const scan::Finding& finding)
{
    if (!finding.credentialId.isEmpty())
        return tr("known production secret: %1 — rotate").arg(finding.credentialId);
    // The host is in the excerpt under the message: said once, in words, not by the file's key.
    if (!finding.host.isEmpty()) {
        return finding.pattern == finding.host
            ? tr("a host a checklist names as production")
            : tr("matches %1, which a checklist names as production").arg(shown(finding.pattern));
    }
    return scan::messageOf(finding);
}

void ScanFindingModel::setFindings(const QList<scan::Finding>& findings, const QString& folder)
{
    // Grouped by file (a view's sections), each file's in line order.
    QList<scan::Finding> sorted = findings;
    std::stable_sort(sorted.begin(), sorted.end(), [](const scan::Finding& a, const scan::Finding& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    const QDir root(folder);
    QStringList files;
    files.reserve(sorted.size());
    for (const scan::Finding& f : std::as_const(sorted))
        files.append(shown(folder.isEmpty() ? f.file : root.relativeFilePath(f.file)));
    resetRows([&] {
        m_findings = sorted;
        m_files = files;
    });
}

QVariant ScanFindingModel::value(int row, int role) const
{
    const scan::Finding& f = m_findings.at(row);
    switch (role) {
    case FileRole:
        return m_files.at(row);
    case LineRole:
        return f.line;
    case ColumnRole:
        return f.column;
    case Qt::DisplayRole:
    case LocationRole:
        return QStringLiteral("%1:%2").arg(m_files.at(row)).arg(f.line);
    case RuleRole:
        return f.rule;
    case TitleRole:
        return scan::kindTitle(f.rule);
    case ExcerptRole:
        return shown(f.excerpt);
    case MessageRole:
        return message(f);
    case KnownRole:
        return !f.credentialId.isEmpty();
    case CredentialIdRole:
        return f.credentialId;
    case SpokenRole:
        return tr("%1, line %2: %3. %4").arg(m_files.at(row)).arg(f.line).arg(message(f), shown(f.excerpt));
    default:
        return {};
    }
}

QHash<int, QByteArray> ScanFindingModel::roleNames() const
{
    return {{FileRole, "file"},
            {LineRole, "line"},
            {ColumnRole, "column"},
            {LocationRole, "location"},
            {RuleRole, "rule"},
            {TitleRole, "title"},
            {ExcerptRole, "excerpt"},
            {MessageRole, "message"},
            {KnownRole, "known"},
            {SpokenRole, "spoken"},
            {CredentialIdRole, "credentialId"}};
}

} // namespace onramp::ui
