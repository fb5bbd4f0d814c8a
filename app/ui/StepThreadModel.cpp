#include "StepThreadModel.h"

#include "HiddenText.h"
#include "StepListModel.h"

#include <QRegularExpression>

namespace onramp::ui {

QString linkifiedText(const QString& text)
{
    // Only what a URL may hold, and never a quote or angle bracket: the
    // match goes into an attribute after escaping, and cannot leave it.
    static const QRegularExpression url(QStringLiteral(R"(https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+)"));
    QString html;
    qsizetype from = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString link = match.captured(0);
        // A sentence's full stop or closing bracket after a URL is not part of it.
        while (!link.isEmpty() && QStringLiteral(".,;:!?)]").contains(link.back()))
            link.chop(1);
        html += text.mid(from, match.capturedStart(0) - from).toHtmlEscaped();
        const QString escaped = link.toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%1</a>").arg(escaped);
        from = match.capturedStart(0) + link.size();
    }
    html += text.mid(from).toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return html;
}

namespace {

/// The author of \a e with their part in the enrollment: a display name
/// alone is whatever its owner chose, and a hire could take the mentor's.
QString authorWithRole(const ThreadEntry& e)
{
    if (e.byHire)
        return StepThreadModel::tr("%1 (hire)").arg(e.authorDisplayName);
    if (e.byMentor)
        return StepThreadModel::tr("%1 (mentor)").arg(e.authorDisplayName);
    // Only an admin moves an enrollment, by an entry the log vouches for.
    if (e.kind == ThreadEntry::Kind::Moved)
        return StepThreadModel::tr("%1 (admin)").arg(e.authorDisplayName);
    // A former mentor, say: their sign-in name tells them apart from a namesake.
    return StepThreadModel::tr("%1 (%2, not the hire or their mentor now)").arg(e.authorDisplayName, e.author);
}

} // namespace

QVariant StepThreadModel::value(int row, int role) const
{
    const ThreadEntry& e = m_entries.at(row);
    const QString author = authorWithRole(e);
    switch (role) {
    case AuthorRole:
        return e.authorDisplayName;
    case AuthorRoleRole:
        return e.byHire ? QStringLiteral("hire") : e.byMentor ? QStringLiteral("mentor") : QString();
    case KindRole:
        switch (e.kind) {
        case ThreadEntry::Kind::Note:
            return QStringLiteral("note");
        case ThreadEntry::Kind::Approved:
            return QStringLiteral("approved");
        case ThreadEntry::Kind::SentBack:
            return QStringLiteral("sent-back");
        case ThreadEntry::Kind::Moved:
            return QStringLiteral("moved");
        case ThreadEntry::Kind::Resubmitted:
            return QStringLiteral("resubmitted");
        }
        return {};
    case Qt::DisplayRole:
    case TextRole:
        return e.body;
    case HtmlRole:
        return linkifiedText(e.body);
    case AtRole:
        return shownTime(e.at);
    case VerifiedRole:
        return e.verified;
    case HeadingRole: {
        // A key they no longer hold may have been seen by someone else (a
        // handed-over passphrase): said as what it is, not as theirs.
        if (e.earlierKey)
            return tr("Signed with a key %1 held before a passphrase reset or change: from then, or from whoever "
                      "else had it")
                .arg(author);
        if (!e.verified)
            return tr("Written as %1, but the signature does not verify: the author is unknown").arg(author);
        switch (e.kind) {
        case ThreadEntry::Kind::Note:
            return author;
        case ThreadEntry::Kind::Approved:
            return tr("%1 approved the step").arg(author);
        case ThreadEntry::Kind::SentBack:
            return tr("%1 asked for changes").arg(author);
        case ThreadEntry::Kind::Resubmitted:
            return m_readerIsHire ? tr("You redid the step after changes were asked")
                                  : tr("%1 redid the step after changes were asked").arg(author);
        case ThreadEntry::Kind::Moved:
            if (m_readerIsHire)
                return tr("%1 moved you from version %2 to version %3 of the checklist: the approval given on "
                          "version %2 ended, and the step waits for a new review")
                    .arg(author, QString::number(e.version), QString::number(e.toVersion));
            // In one pass: a name holding "%2" stays as written.
            return tr("%1 moved %4 from version %2 to version %3 of the checklist: the approval given on version %2 "
                      "ended, and the step waits for a new review")
                .arg(author, QString::number(e.version), QString::number(e.toVersion),
                     m_hire.isEmpty() ? tr("the hire") : m_hire);
        }
        return {};
    }
    case LinksRole:
        return stepLinks(e.body);
    default:
        return {};
    }
}

QHash<int, QByteArray> StepThreadModel::roleNames() const
{
    return {{AuthorRole, "author"},     {AuthorRoleRole, "authorRole"},
            {KindRole, "kind"},         {TextRole, "text"},
            {HtmlRole, "html"},         {AtRole, "at"},
            {VerifiedRole, "verified"}, {HeadingRole, "heading"},
            {LinksRole, "links"}};
}

void StepThreadModel::setEntries(const QList<ThreadEntry>& entries, bool readerIsHire, const QString& hire)
{
    m_readerIsHire = readerIsHire;
    m_hire = hiddentext::shownPlainly(hire, hiddentext::Within::Name);
    // Text written before bidirectional controls and zero-width characters
    // were refused shows them for what they are.
    QList<ThreadEntry> shown = entries;
    for (ThreadEntry& e : shown) {
        e.authorDisplayName = hiddentext::shownPlainly(e.authorDisplayName, hiddentext::Within::Name);
        e.body = hiddentext::shownPlainly(e.body);
    }
    resetRows([&] { m_entries = shown; });
}

} // namespace onramp::ui
