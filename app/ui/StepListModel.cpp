#include "StepListModel.h"

namespace onramp::ui {

int StepListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QVariant StepListModel::value(const StepView& s, int role) const
{
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

QVariant StepListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole)
        role = TitleRole;
    return value(m_steps.at(index.row()), role);
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
        beginResetModel();
        m_steps = steps;
        endResetModel();
        Q_EMIT countChanged();
    }
    ++m_revision;
    Q_EMIT revisionChanged();
}

QVariantMap StepListModel::get(const QString& id) const
{
    QVariantMap map;
    const QHash<int, QByteArray> names = roleNames();
    for (const StepView& s : m_steps) {
        if (s.step.id != id)
            continue;
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            map.insert(QString::fromLatin1(it.value()), value(s, it.key()));
    }
    return map;
}

} // namespace onramp::ui
