#include "StepListModel.h"

#include <QLocale>

namespace onramp::ui {

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
        return s.due.isValid() ? QLocale().toString(s.due, QLocale::ShortFormat) : QString();
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
        return s.reviewer;
    case NoteRole:
        return s.note;
    case AwaitingReviewRole:
        return s.awaitingReview();
    default:
        return {};
    }
}

QHash<int, QByteArray> StepListModel::roleNames() const
{
    return {
        {IdRole, "stepId"},         {TitleRole, "title"},       {SectionRole, "section"},
        {BodyRole, "body"},         {RequiredRole, "required"}, {SignoffRole, "signoff"},
        {DueRole, "due"},           {OverdueRole, "overdue"},   {DoneRole, "done"},
        {ApprovedRole, "approved"}, {RejectedRole, "rejected"}, {CommentRole, "comment"},
        {ReviewerRole, "reviewer"}, {NoteRole, "note"},         {AwaitingReviewRole, "awaitingReview"},
    };
}

void StepListModel::setSteps(const QList<StepView>& steps)
{
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

QVariantMap StepListModel::get(const QString& id) const
{
    for (qsizetype row = 0; row < m_steps.size(); ++row) {
        if (m_steps.at(row).step.id == id)
            return get(int(row));
    }
    return {};
}

} // namespace onramp::ui
