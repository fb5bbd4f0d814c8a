#include "ReviewQueueModel.h"

#include "StepListModel.h"

namespace onramp::ui {

QVariant ReviewQueueModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case HireRole:
        return r.hire.name;
    case DisplayNameRole:
        return r.hire.shownName();
    case StepIdRole:
        return r.step.step.id;
    case Qt::DisplayRole:
    case TitleRole:
        return r.step.step.title;
    case NoteRole:
        return r.step.note;
    case StatusRole:
        return stepStatusKey(r.step.status());
    case StatusLabelRole:
        return stepStatusLabel(r.step);
    default:
        return {};
    }
}

QHash<int, QByteArray> ReviewQueueModel::roleNames() const
{
    return {{HireRole, "hire"}, {DisplayNameRole, "displayName"}, {StepIdRole, "stepId"},          {TitleRole, "title"},
            {NoteRole, "note"}, {StatusRole, "status"},           {StatusLabelRole, "statusLabel"}};
}

void ReviewQueueModel::setQueue(const QList<EnrollmentStatus>& enrollments, const QString& mentor)
{
    resetRows([&] {
        m_rows.clear();
        for (const EnrollmentStatus& s : enrollments) {
            if (s.mentor.name != mentor)
                continue;
            for (const StepView& v : s.steps) {
                if (v.awaitingReview())
                    m_rows.append({s.hire, v});
            }
        }
    });
}

} // namespace onramp::ui
