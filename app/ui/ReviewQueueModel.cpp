#include "ReviewQueueModel.h"

#include "Clock.h"
#include "HiddenText.h"
#include "StepListModel.h"

#include <algorithm>

namespace onramp::ui {

QVariant ReviewQueueModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case HireRole:
        return r.hire.name;
    case DisplayNameRole:
        return hiddentext::shownPlainly(r.hire.shownName(), hiddentext::Within::Name);
    case StepIdRole:
        return r.step.step.id;
    case Qt::DisplayRole:
    case TitleRole:
        return r.step.step.title;
    case NoteRole:
        return hiddentext::shownPlainly(r.notes.isEmpty() ? r.step.note : r.notes.constLast());
    case NotesRole: {
        QStringList notes;
        for (const QString& note : r.notes)
            notes.append(hiddentext::shownPlainly(note));
        return notes;
    }
    case EarlierNotesRole:
        return std::max(0, int(r.notes.size()) - 1);
    case StatusRole:
        return stepStatusKey(r.step.status());
    case StatusLabelRole:
        return stepStatusLabel(r.step);
    case LongWaitRole:
        return r.waitedDays >= kLongWaitDays ? tr("waiting %n day(s)", "", r.waitedDays) : QString();
    default:
        return {};
    }
}

QHash<int, QByteArray> ReviewQueueModel::roleNames() const
{
    return {{HireRole, "hire"},
            {DisplayNameRole, "displayName"},
            {StepIdRole, "stepId"},
            {TitleRole, "title"},
            {NoteRole, "note"},
            {NotesRole, "notes"},
            {EarlierNotesRole, "earlierNotes"},
            {StatusRole, "status"},
            {StatusLabelRole, "statusLabel"},
            {LongWaitRole, "longWait"}};
}

void ReviewQueueModel::setQueue(const QList<EnrollmentStatus>& enrollments, const QString& mentor, const Notes& notes)
{
    const QDateTime now = defaultClock().now();
    resetRows([&] {
        m_rows.clear();
        for (const EnrollmentStatus& s : enrollments) {
            // A disabled hire's steps wait for nobody: the core refuses to review them.
            if (s.mentor.name != mentor || s.hire.disabled)
                continue;
            for (const StepView& v : s.steps) {
                if (!v.awaitingReview())
                    continue;
                const QDateTime since = s.reviewWaitSince(v);
                const int days = since.isValid() ? int(std::max<qint64>(0, since.secsTo(now)) / (24 * 3600)) : 0;
                m_rows.append({s.hire, v, notes.value(s.enrollmentId).value(v.step.id), days});
            }
        }
    });
}

} // namespace onramp::ui
