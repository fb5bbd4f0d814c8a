#include "EnrollmentListModel.h"

#include <algorithm>

#include "Formats.h"
#include "HiddenText.h"

#include <QLocale>

namespace onramp::ui {

EnrollmentListModel::EnrollmentListModel(QObject* parent)
    : ListModel(parent)
{
    setPaged(true);
}

QVariant EnrollmentListModel::value(int row, int role) const
{
    const EnrollmentStatus& s = m_enrollments.at(row);
    switch (role) {
    case HireRole:
        return s.hire.name;
    case Qt::DisplayRole:
    case DisplayNameRole:
        return hiddentext::shownPlainly(s.hire.shownName(), hiddentext::Within::Name);
    case MentorRole:
        return s.mentor.name;
    case ChecklistRole:
        return s.checklistTitle;
    case DoneRole:
        return s.doneCount();
    case TotalRole:
        return int(s.steps.size());
    case ProgressRole:
        return s.progress();
    case LockedRole:
        return s.locked();
    case AwaitingReviewRole:
        // A disabled hire's steps are offered to nobody for review (as the queue and the header count).
        return s.hire.disabled ? 0 : s.awaitingReviewCount();
    case StartDateRole:
        return listDate(s.start);
    case DaysToAccessRole:
        return s.locked() || !s.start.isValid() ? -1 : int(s.start.daysTo(s.signedOffAt.date()));
    case ChecklistIdRole:
        return s.checklistId;
    case VersionRole:
        return s.checklistVersion;
    case LatestVersionRole:
        return s.latestChecklistVersion;
    case MentorDisplayNameRole:
        return hiddentext::shownPlainly(s.mentor.shownName(), hiddentext::Within::Name);
    case StartedOnRole:
        return sentenceDate(s.start);
    case StartIsoRole:
        return s.start.toString(Qt::ISODate);
    case RevokedRole:
        return s.production() == ProductionAccess::Revoked;
    case UnansweredRole:
        return m_unanswered.value(s.enrollmentId);
    case DisabledRole:
        return s.hire.disabled;
    case MentorDisabledRole:
        return s.mentor.disabled;
    case AccessTextRole: {
        // The key's word: one reading of where access stands (EnrollmentStatus::accessKey()).
        const QString key = s.accessKey();
        return key == QLatin1String("locked") ? tr("locked", "production access")
            : key == QLatin1String("revoked") ? tr("revoked", "production access")
            : key == QLatin1String("expired") ? tr("expired", "production access")
                                              : tr("unlocked", "production access");
    }
    case AccessOpenRole:
        return s.accessKey() == QLatin1String("unlocked");
    case AccessKeyRole:
        return s.accessKey();
    case SentBackRole:
        return int(std::count_if(s.steps.cbegin(), s.steps.cend(),
                                 [](const StepView& v) { return v.status() == StepStatus::SentBack; }));
    case ReadyForSignoffRole:
        // As the mentor's header counts it (TeamBackend): a disabled hire's sign-off waits for nobody.
        return s.readyForSignoff() && !s.hire.disabled;
    case OverdueRole:
        return int(std::count_if(s.steps.cbegin(), s.steps.cend(), [](const StepView& v) { return v.overdue; }));
    default:
        return {};
    }
}

QHash<int, QByteArray> EnrollmentListModel::roleNames() const
{
    return {{HireRole, "hire"},
            {DisplayNameRole, "displayName"},
            {MentorRole, "mentor"},
            {ChecklistRole, "checklist"},
            {DoneRole, "done"},
            {TotalRole, "total"},
            {ProgressRole, "progress"},
            {LockedRole, "locked"},
            {AwaitingReviewRole, "awaitingReview"},
            {StartDateRole, "startDate"},
            {DaysToAccessRole, "daysToAccess"},
            {ChecklistIdRole, "checklistId"},
            {VersionRole, "version"},
            {LatestVersionRole, "latestVersion"},
            {MentorDisplayNameRole, "mentorDisplayName"},
            {StartedOnRole, "startedOn"},
            {StartIsoRole, "startIso"},
            {RevokedRole, "revoked"},
            {UnansweredRole, "unanswered"},
            {DisabledRole, "disabled"},
            {MentorDisabledRole, "mentorDisabled"},
            {AccessTextRole, "accessText"},
            {AccessOpenRole, "accessOpen"},
            {SentBackRole, "sentBack"},
            {AccessKeyRole, "accessKey"},
            {ReadyForSignoffRole, "readyForSignoff"},
            {OverdueRole, "overdue"}};
}

void EnrollmentListModel::setEnrollments(const QList<EnrollmentStatus>& enrollments,
                                         const QHash<qint64, int>& unanswered)
{
    const QString firstBefore = firstHire();
    resetRows([&] {
        m_enrollments = enrollments;
        m_unanswered = unanswered;
    });
    if (firstHire() != firstBefore)
        Q_EMIT firstHireChanged();
    Q_EMIT selectionChanged(); // the picked row's values may have changed, or it may be gone
}

void EnrollmentListModel::setSelectedHire(const QString& hire)
{
    if (hire == m_selectedHire)
        return;
    m_selectedHire = hire;
    Q_EMIT selectionChanged();
}

QVariantMap EnrollmentListModel::selected() const
{
    for (int row = 0; row < m_enrollments.size(); ++row) {
        if (m_enrollments.at(row).hire.name == m_selectedHire)
            return rowMap(row);
    }
    return {};
}

QString EnrollmentListModel::firstHire() const
{
    return m_enrollments.isEmpty() ? QString() : m_enrollments.constFirst().hire.name;
}

} // namespace onramp::ui
