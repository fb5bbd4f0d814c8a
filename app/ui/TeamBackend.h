#pragma once

#include "EnrollmentListModel.h"
#include "ReviewQueueModel.h"
#include "VaultBackend.h"

namespace onramp::ui {

/// The enrollments the signed-in person may see (a mentor's mentees, an
/// admin's everyone) and the queue of steps waiting for the mentor's review.
class TeamBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onramp::ui::EnrollmentListModel* enrollments READ enrollments CONSTANT FINAL)
    /// The steps this person reviews that wait for it.
    Q_PROPERTY(onramp::ui::ReviewQueueModel* approvalQueue READ approvalQueue CONSTANT FINAL)
    /// The steps waiting for review in the enrollments listed, counted as
    /// each row counts its own (EnrollmentStatus::awaitingReviewCount()).
    Q_PROPERTY(int waitingForReview READ waitingForReview NOTIFY waitingForReviewChanged FINAL)
    /// Why the list could not be read (e.g. the vault fails its authority
    /// check); empty when it was.
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged FINAL)

public:
    explicit TeamBackend(QObject* parent = nullptr);

    EnrollmentListModel* enrollments() { return &m_enrollments; }
    ReviewQueueModel* approvalQueue() { return &m_queue; }
    QString problem() const { return m_problem; }
    int waitingForReview() const { return m_waiting; }

Q_SIGNALS:
    void problemChanged();
    void waitingForReviewChanged();

protected:
    void read() override;
    void clear() override;

private:
    void setProblem(const QString& problem);
    void setWaiting(const QList<EnrollmentStatus>& enrollments);

    EnrollmentListModel m_enrollments;
    ReviewQueueModel m_queue;
    QString m_problem;
    int m_waiting = 0;
};

} // namespace onramp::ui
