#include "StepListModel.h"
#include "Formats.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace onramp::ui {

namespace {

/// True when the reader gave the step's latest review.
bool reviewedByReader(const StepView& s, const StepReader& reader)
{
    return !s.reviewer.isEmpty() && s.reviewer == reader.me;
}

/// One step of turning a list into another: an item both keep, or one
/// removed from the first or added from the second, by its index there.
struct Edit {
    enum Kind { Kept, Removed, Added } kind;
    qsizetype index;
};

/// The edits that turn \a before into \a after, matching their longest
/// common run; a removal comes before the addition that takes its place.
/// Nothing when the lists are too long to match at a cost that grows with
/// the product of their lengths.
template<typename T>
std::optional<QList<Edit>> commonRun(const QList<T>& before, const QList<T>& after)
{
    constexpr qsizetype kMostCells = 250'000;
    const qsizetype n = before.size();
    const qsizetype m = after.size();
    if ((n + 1) * (m + 1) > kMostCells)
        return std::nullopt;
    QList<int> common((n + 1) * (m + 1), 0);
    const auto at = [m](qsizetype i, qsizetype j) { return i * (m + 1) + j; };
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            common[at(i, j)] = before.at(i) == after.at(j) ? common.at(at(i + 1, j + 1)) + 1
                                                           : std::max(common.at(at(i + 1, j)), common.at(at(i, j + 1)));
    QList<Edit> edits;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && before.at(i) == after.at(j)) {
            edits.append({Edit::Kept, i});
            ++i;
            ++j;
        } else if (j == m || (i < n && common.at(at(i + 1, j)) >= common.at(at(i, j + 1)))) {
            edits.append({Edit::Removed, i++});
        } else {
            edits.append({Edit::Added, j++});
        }
    }
    return edits;
}

/// Gives each sentence of \a changes that was reworded a "marked" text: rich
/// text in which the words the other does not have are bold, so that the eye
/// finds the change ("Read the <b>new</b> runbook"). In a run of removed
/// sentences followed by a run of added ones, each added one is paired with
/// the removed one it shares the most words with, when that is most of them.
/// Sentences that share less are left plain: they were rewritten, and every
/// word of them is new.
void markChangedWords(QVariantList* changes)
{
    static const QRegularExpression space(QStringLiteral(R"(\s+)"));
    const auto kindAt = [changes](qsizetype i) {
        return changes->at(i).toMap().value(QStringLiteral("kind")).toString();
    };
    const auto textAt = [changes](qsizetype i) {
        return changes->at(i).toMap().value(QStringLiteral("text")).toString();
    };
    const auto mark = [changes](qsizetype i, const QString& marked) {
        QVariantMap map = changes->at(i).toMap();
        map.insert(QStringLiteral("marked"), marked);
        (*changes)[i] = map;
    };
    for (qsizetype start = 0; start < changes->size();) {
        qsizetype removedEnd = start;
        while (removedEnd < changes->size() && kindAt(removedEnd) == QLatin1String("removed"))
            ++removedEnd;
        qsizetype addedEnd = removedEnd;
        while (addedEnd < changes->size() && kindAt(addedEnd) == QLatin1String("added"))
            ++addedEnd;
        if (removedEnd == start || addedEnd == removedEnd) {
            start = std::max(addedEnd, start + 1);
            continue;
        }
        // Each added sentence with the removed one of the run it shares the
        // most words with (each removed one taken once), when that is most of them.
        QList<bool> taken(removedEnd - start, false);
        for (qsizetype a = removedEnd; a < addedEnd; ++a) {
            const QStringList after = textAt(a).split(space, Qt::SkipEmptyParts);
            qsizetype best = -1;
            qsizetype bestKept = 0;
            QStringList bestBefore;
            QList<Edit> bestEdits;
            for (qsizetype r = start; r < removedEnd; ++r) {
                if (taken.at(r - start))
                    continue;
                const QStringList before = textAt(r).split(space, Qt::SkipEmptyParts);
                const std::optional<QList<Edit>> edits = commonRun(before, after);
                if (!edits)
                    continue;
                const auto kept =
                    std::count_if(edits->cbegin(), edits->cend(), [](const Edit& e) { return e.kind == Edit::Kept; });
                if (2 * kept < std::max(before.size(), after.size()) || kept <= bestKept)
                    continue;
                best = r;
                bestKept = kept;
                bestBefore = before;
                bestEdits = *edits;
            }
            if (best < 0)
                continue;
            taken[best - start] = true;
            // Each side's words in order, a run of changed ones in one bold span.
            QStringList removedWords;
            QStringList addedWords;
            bool removedOpen = false;
            bool addedOpen = false;
            const auto put = [](QStringList* words, bool* open, bool changed, const QString& word) {
                QString w = word.toHtmlEscaped();
                if (changed && !*open)
                    w.prepend(QLatin1String("<b>"));
                if (!changed && *open && !words->isEmpty())
                    words->last().append(QLatin1String("</b>"));
                *open = changed;
                words->append(w);
            };
            for (const Edit& edit : std::as_const(bestEdits)) {
                if (edit.kind == Edit::Kept) {
                    put(&removedWords, &removedOpen, false, bestBefore.at(edit.index));
                    put(&addedWords, &addedOpen, false, bestBefore.at(edit.index));
                } else if (edit.kind == Edit::Removed) {
                    put(&removedWords, &removedOpen, true, bestBefore.at(edit.index));
                } else {
                    put(&addedWords, &addedOpen, true, after.at(edit.index));
                }
            }
            if (removedOpen)
                removedWords.last().append(QLatin1String("</b>"));
            if (addedOpen)
                addedWords.last().append(QLatin1String("</b>"));
            mark(best, removedWords.join(u' '));
            mark(a, addedWords.join(u' '));
        }
        start = addedEnd;
    }
}

} // namespace

QString shownTime(const QDateTime& at)
{
    return listDate(at);
}

QString stepStatusMark(StepStatus status)
{
    switch (status) {
    case StepStatus::Open:
        return QStringLiteral("\u2022"); // •
    case StepStatus::Done:
        return QStringLiteral("\u2713"); // ✓
    case StepStatus::WaitingForReview:
        return QStringLiteral("\u25D4"); // ◔
    case StepStatus::Approved:
        return QStringLiteral("\u2714"); // ✔
    case StepStatus::SentBack:
        return QStringLiteral("\u21BA"); // ↺
    case StepStatus::Resubmitted:
        return QStringLiteral("\u25D1"); // ◑
    }
    return {};
}

QString stepStatusLabel(const StepView& s)
{
    switch (s.status()) {
    case StepStatus::Open:
        // Its state, as every other step's; that the mentor reviews it is a tag of its own.
        return StepListModel::tr("to do");
    case StepStatus::Done:
        return StepListModel::tr("done");
    case StepStatus::WaitingForReview:
        return s.approvedOnVersion > 0 ? StepListModel::tr("waiting for re-review")
                                       : StepListModel::tr("waiting for review");
    case StepStatus::Approved:
        return StepListModel::tr("approved");
    case StepStatus::SentBack:
        return StepListModel::tr("changes asked");
    case StepStatus::Resubmitted:
        return StepListModel::tr("redone, waiting for review");
    }
    return {};
}

QString stepStatusDetail(const StepView& s, const StepReader& reader)
{
    if (reader.kind == StepReader::Hire && s.status() == StepStatus::WaitingForReview && s.approvedOnVersion == 0)
        return StepListModel::tr("It counts towards your progress once they approve it; there is nothing more to do "
                                 "meanwhile. If they ask for changes, redo the step here and resubmit it.");
    return {};
}

QString stepStatusSentence(const StepView& s, const StepReader& reader)
{
    // As the page's due date and its conversation write a moment: one style of date on a step's page.
    const QString doneAt = listDate(s.doneAt);
    const QString reviewedAt = listDate(s.reviewedAt);
    const QString reviewer = s.reviewerDisplayName.isEmpty() ? s.reviewer : s.reviewerDisplayName;
    switch (reader.kind) {
    case StepReader::Hire:
        switch (s.status()) {
        case StepStatus::Open:
            return s.step.signoff ? StepListModel::tr("Not done yet. %1 reviews this step: marking it done asks for "
                                                      "that review.")
                                        .arg(reader.mentor)
                                  : StepListModel::tr("Not done yet.");
        case StepStatus::Done:
            return StepListModel::tr("Done on %1.").arg(doneAt);
        case StepStatus::WaitingForReview:
            // The new version may ask for more: then there is something to do.
            if (s.approvedOnVersion > 0 && s.changedFromVersion > 0)
                return StepListModel::tr("Done on %1 and approved on version %2 of the checklist. The move to a new "
                                         "version ended that approval and changed this step (below): if it now asks "
                                         "for more, do that and say so in a note. %3 reviews it again.")
                    .arg(doneAt)
                    .arg(s.approvedOnVersion)
                    .arg(reader.mentor);
            if (s.approvedOnVersion > 0)
                return StepListModel::tr("Done on %1 and approved on version %2 of the checklist. The move to a new "
                                         "version ended that approval: waiting for %3 to review it again; nothing "
                                         "more to do meanwhile.")
                    .arg(doneAt)
                    .arg(s.approvedOnVersion)
                    .arg(reader.mentor);
            // What it means is said apart (stepStatusDetail): the state stays short.
            return StepListModel::tr("Done on %1, waiting for %2 to review it.").arg(doneAt, reader.mentor);
        case StepStatus::Approved:
            return StepListModel::tr("Done and approved by %1 on %2.").arg(reviewer, reviewedAt);
        case StepStatus::SentBack:
            // A request from before a move to this version still stands, and says so.
            if (s.sentBackBeforeMove)
                return StepListModel::tr("%1 asked for changes on %2, before the move to this version of the "
                                         "checklist, and that still stands. Redo the step, then resubmit it for "
                                         "review.")
                    .arg(reviewer, reviewedAt);
            return StepListModel::tr("%1 asked for changes on %2. Redo the step, then resubmit it for review.")
                .arg(reviewer, reviewedAt);
        case StepStatus::Resubmitted:
            return StepListModel::tr("Redone on %1 after %2 asked for changes. Waiting for their review again.")
                .arg(doneAt, reviewer);
        }
        break;
    case StepReader::Mentor:
        switch (s.status()) {
        case StepStatus::Open:
            return StepListModel::tr("%1 has not done this step yet.").arg(reader.hire);
        case StepStatus::Done:
            return StepListModel::tr("%1 did this on %2.").arg(reader.hire, doneAt);
        case StepStatus::WaitingForReview:
            if (s.approvedOnVersion > 0 && s.changedFromVersion > 0)
                return StepListModel::tr("%1 did this on %2, approved on version %3 of the checklist. The move to a "
                                         "new version ended that approval and changed this step (below): it waits "
                                         "for your re-review against the step as it reads now.")
                    .arg(reader.hire, doneAt)
                    .arg(s.approvedOnVersion);
            if (s.approvedOnVersion > 0)
                return StepListModel::tr("%1 did this on %2, approved on version %3 of the checklist. The move to a "
                                         "new version ended that approval: it waits for your re-review.")
                    .arg(reader.hire, doneAt)
                    .arg(s.approvedOnVersion);
            return StepListModel::tr("%1 did this on %2. It waits for your review.").arg(reader.hire, doneAt);
        case StepStatus::Approved:
            return reviewedByReader(s, reader)
                ? StepListModel::tr("Done and approved by you on %1.").arg(reviewedAt)
                : StepListModel::tr("Done and approved by %1 on %2.").arg(reviewer, reviewedAt);
        case StepStatus::SentBack:
            if (s.sentBackBeforeMove)
                return reviewedByReader(s, reader)
                    ? StepListModel::tr("You asked for changes on %1, before the move to this version of the "
                                        "checklist; that still stands. Waiting for %2 to redo it.")
                          .arg(reviewedAt, reader.hire)
                    : StepListModel::tr("%1 asked for changes on %2, before the move to this version of the "
                                        "checklist; that still stands. Waiting for %3 to redo it.")
                          .arg(reviewer, reviewedAt, reader.hire);
            return reviewedByReader(s, reader)
                ? StepListModel::tr("You asked for changes on %1. Waiting for %2 to redo it.")
                      .arg(reviewedAt, reader.hire)
                : StepListModel::tr("%1 asked for changes on %2. Waiting for %3 to redo it.")
                      .arg(reviewer, reviewedAt, reader.hire);
        case StepStatus::Resubmitted:
            return StepListModel::tr("%1 redid this on %2 after changes were asked. It waits for your review again.")
                .arg(reader.hire, doneAt);
        }
        break;
    case StepReader::Other:
        switch (s.status()) {
        case StepStatus::Open:
            return StepListModel::tr("%1 has not done this step yet.").arg(reader.hire);
        case StepStatus::Done:
            return StepListModel::tr("%1 did this on %2.").arg(reader.hire, doneAt);
        case StepStatus::WaitingForReview:
            if (s.approvedOnVersion > 0)
                return StepListModel::tr("%1 did this on %2, approved on version %3 of the checklist. The move to a "
                                         "new version ended that approval: it waits for a re-review by %4.")
                    .arg(reader.hire, doneAt)
                    .arg(s.approvedOnVersion)
                    .arg(reader.mentor);
            return StepListModel::tr("%1 did this on %2. It waits for review by %3.")
                .arg(reader.hire, doneAt, reader.mentor);
        case StepStatus::Approved:
            return StepListModel::tr("Done and approved by %1 on %2.").arg(reviewer, reviewedAt);
        case StepStatus::SentBack:
            if (s.sentBackBeforeMove)
                return StepListModel::tr("%1 asked for changes on %2, before the move to this version of the "
                                         "checklist; that still stands. Waiting for %3 to redo it.")
                    .arg(reviewer, reviewedAt, reader.hire);
            return StepListModel::tr("%1 asked for changes on %2. Waiting for %3 to redo it.")
                .arg(reviewer, reviewedAt, reader.hire);
        case StepStatus::Resubmitted:
            return StepListModel::tr("%1 redid this on %2. It waits for review by %3 again.")
                .arg(reader.hire, doneAt, reader.mentor);
        }
        break;
    }
    return {};
}

QVariantList stepLinks(const QString& markdown)
{
    // A Markdown link [text](url), or a bare web address as linkifiedText() finds it: only what a
    // URL may hold, never a quote or an angle bracket, and no sentence's full stop after it.
    static const QRegularExpression link(QStringLiteral(R"(\[([^\]]+)\]\((https?://[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+)\))"
                                                        R"(|(https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+))"));
    QVariantList links;
    for (auto it = link.globalMatch(markdown); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString url = m.hasCaptured(2) ? m.captured(2) : m.captured(3);
        while (!m.hasCaptured(2) && !url.isEmpty() && QStringLiteral(".,;:!?)]").contains(url.back()))
            url.chop(1);
        // What a link says is where it goes: a Markdown link's text could name
        // another address than its own, so one whose text is not its address
        // shows the host it opens and the address itself, never the text alone.
        QString text = url;
        if (m.hasCaptured(1) && m.captured(1).trimmed() != url)
            text = QStringLiteral("%1 \u2014 %2").arg(QUrl(url).host(), url);
        links.append(QVariantMap{{QStringLiteral("text"), text}, {QStringLiteral("url"), url}});
    }
    return links;
}

QString stepPlainBody(const QString& markdown)
{
    QTextDocument document;
    document.setMarkdown(markdown);
    return document.toPlainText().trimmed();
}

QVariantList stepChanges(const StepView& step)
{
    if (step.changedFromVersion <= 0)
        return {};
    QVariantList changes;
    const auto change = [&changes](const char* kind, const QString& text) {
        changes.append(
            QVariantMap{{QStringLiteral("kind"), QString::fromLatin1(kind)}, {QStringLiteral("text"), text}});
    };
    if (step.titleBefore != step.step.title)
        change("title", step.titleBefore);
    // The sentences as the body shows them, each paragraph cut after its
    // full stops (a paragraph is one line of the plain text, however many
    // the Markdown had). Where those read alike, the change is in the
    // Markdown alone (a link's address, say): its own lines then.
    static const QRegularExpression sentenceEnd(QStringLiteral(R"((?<=[.!?:])\s+(?=\S))"));
    const auto sentences = [](const QString& markdown) {
        QStringList out;
        for (const QString& line : stepPlainBody(markdown).split(u'\n')) {
            for (const QString& sentence : line.split(sentenceEnd)) {
                if (!sentence.trimmed().isEmpty())
                    out.append(sentence.trimmed());
            }
        }
        return out;
    };
    const auto sourceLines = [](const QString& markdown) {
        QStringList out;
        for (const QString& line : markdown.split(u'\n')) {
            if (!line.trimmed().isEmpty())
                out.append(line.trimmed());
        }
        return out;
    };
    QStringList before = sentences(step.bodyBefore);
    QStringList after = sentences(step.step.body);
    if (before == after && step.bodyBefore != step.step.body) {
        before = sourceLines(step.bodyBefore);
        after = sourceLines(step.step.body);
    }
    // Matched by their longest common run. A step's body is a few dozen
    // sentences; one far longer is shown as removed and added whole rather
    // than matched at a cost that grows with the square of its length.
    const std::optional<QList<Edit>> edits = commonRun(before, after);
    if (!edits) {
        for (const QString& line : std::as_const(before))
            change("removed", line);
        for (const QString& line : std::as_const(after))
            change("added", line);
        return changes;
    }
    for (const Edit& edit : *edits) {
        if (edit.kind == Edit::Removed)
            change("removed", before.at(edit.index));
        else if (edit.kind == Edit::Added)
            change("added", after.at(edit.index));
    }
    markChangedWords(&changes);
    return changes;
}

QVariant StepListModel::value(int row, int role) const
{
    const StepView& s = m_steps.at(row);
    if (role == Qt::DisplayRole)
        role = TitleRole;
    switch (role) {
    case IdRole:
        return s.step.id;
    case TitleRole:
        return s.step.title;
    case SectionRole:
        return s.step.section;
    case BodyRole:
        return s.step.body;
    case RequiredRole:
        return s.step.required;
    case SignoffRole:
        return s.step.signoff;
    case DueRole:
        return listDate(s.due);
    case OverdueRole:
        return s.overdue;
    case DoneRole:
        return s.done;
    case ApprovedRole:
        return s.approved;
    case RejectedRole:
        return s.rejected;
    case CommentRole:
        return s.reviewComment;
    case ReviewerRole:
        return s.reviewerDisplayName.isEmpty() ? s.reviewer : s.reviewerDisplayName;
    case NoteRole:
        return s.note;
    case AwaitingReviewRole:
        return s.awaitingReview();
    case StatusRole:
        return stepStatusKey(s.status());
    case StatusLabelRole:
        return stepStatusLabel(s);
    case StatusTextRole:
        return stepStatusSentence(s, m_reader);
    case StatusDetailRole:
        return stepStatusDetail(s, m_reader);
    case MarkRole:
        return stepStatusMark(s.status());
    case DoneAtRole:
        return s.done ? shownTime(s.doneAt) : QString();
    case ReviewedAtRole:
        return shownTime(s.reviewedAt);
    case LinksRole:
        return stepLinks(s.step.body);
    case UnansweredRole:
        // A note on a step waiting for review is answered with the review and
        // counted as the review (StepThread::waitingApart), here as in the heading.
        return s.awaitingReview() ? 0 : int(m_unanswered.value(s.step.id).size());
    case PlainBodyRole: {
        auto it = m_plainBodies.constFind(s.step.body);
        if (it == m_plainBodies.cend())
            it = m_plainBodies.insert(s.step.body, stepPlainBody(s.step.body));
        return *it;
    }
    case DueTextRole: {
        const QString due = listDate(s.due);
        return due.isEmpty() ? QString()
            : s.overdue      ? tr("overdue since %1", "a step's day").arg(due)
            : s.pastDue      ? tr("was due %1", "a step's day past, late for nothing now").arg(due)
                             : tr("due %1", "a step's day").arg(due);
    }
    case DatesRole: {
        const QString due = listDate(s.due);
        if (!s.done || !s.doneAt.isValid())
            return value(row, DueTextRole);
        // Done: when, and the day it had when that was later; a trace, not a mark against it. The
        // day is the one isOverdue() counts in (the clock's, UTC), so a row never goes from
        // "overdue since" to "done" on time.
        const QDate doneDay = s.doneAt.toUTC().date();
        const QString doneOn = listDate(doneDay);
        return s.due.isValid() && doneDay > s.due ? tr("done %1 · due %2", "a step's days").arg(doneOn, due)
                                                  : tr("done %1", "a step's day").arg(doneOn);
    }
    case ChangedFromRole:
        return s.changedFromVersion;
    case ChangesRole: {
        auto it = m_changes.constFind(s.step.id);
        if (it == m_changes.cend())
            it = m_changes.insert(s.step.id, stepChanges(s));
        return *it;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> StepListModel::roleNames() const
{
    return {
        {IdRole, "stepId"},
        {TitleRole, "title"},
        {SectionRole, "section"},
        {BodyRole, "body"},
        {RequiredRole, "required"},
        {SignoffRole, "signoff"},
        {DueRole, "due"},
        {OverdueRole, "overdue"},
        {DueTextRole, "dueText"},
        {DoneRole, "done"},
        {ApprovedRole, "approved"},
        {RejectedRole, "rejected"},
        {CommentRole, "comment"},
        {ReviewerRole, "reviewer"},
        {NoteRole, "note"},
        {AwaitingReviewRole, "awaitingReview"},
        {StatusRole, "status"},
        {StatusLabelRole, "statusLabel"},
        {StatusTextRole, "statusText"},
        {StatusDetailRole, "statusDetail"},
        {MarkRole, "mark"},
        {DoneAtRole, "doneAt"},
        {ReviewedAtRole, "reviewedAt"},
        {LinksRole, "links"},
        {UnansweredRole, "unanswered"},
        {PlainBodyRole, "plainBody"},
        {ChangedFromRole, "changedFrom"},
        {ChangesRole, "changes"},
        {DatesRole, "dates"},
    };
}

void StepListModel::setSteps(const QList<StepView>& steps, const StepReader& reader,
                             const QHash<QString, QStringList>& unanswered)
{
    m_reader = reader;
    m_unanswered = unanswered;
    m_changes.clear();
    if (steps.size() == m_steps.size()) {
        m_steps = steps;
        if (!m_steps.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_steps.size()) - 1));
    } else {
        resetRows([&] { m_steps = steps; });
    }
    ++m_revision;
    Q_EMIT revisionChanged();
}

QString StepListModel::nextAwaitingReview(const QString& id) const
{
    const qsizetype count = m_steps.size();
    qsizetype here = -1;
    for (qsizetype i = 0; i < count; ++i) {
        if (m_steps.at(i).step.id == id)
            here = i;
    }
    for (qsizetype k = 1; k <= count; ++k) {
        const StepView& next = m_steps.at((here + k) % count);
        if (next.awaitingReview() && next.step.id != id)
            return next.step.id;
    }
    return {};
}

QVariantMap StepListModel::get(const QString& id) const
{
    for (qsizetype row = 0; row < m_steps.size(); ++row) {
        if (m_steps.at(row).step.id == id)
            return get(int(row));
    }
    return {};
}

} // namespace onramp::ui
