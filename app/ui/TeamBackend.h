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
    /// The notes of the signed-in mentor's mentees they have not answered
    /// yet (StepThread::unanswered()), summed over the rows' counts.
    Q_PROPERTY(int unansweredNotes READ unansweredNotes NOTIFY waitingForReviewChanged FINAL)
    /// The signed-in mentor's mentees whose production access was signed
    /// off and has run out since: only a renewal gives it back.
    Q_PROPERTY(int expiredAccess READ expiredAccess NOTIFY waitingForReviewChanged FINAL)
    /// The signed-in mentor's mentees ready for their sign-off: every
    /// required step approved, the sign-off alone missing.
    Q_PROPERTY(int readyForSignoff READ readyForSignoff NOTIFY waitingForReviewChanged FINAL)
    /// Why the list could not be read (e.g. the vault fails its authority
    /// check); empty when it was.
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged FINAL)
    /// For a mentor: the hires who were their mentees when they last looked
    /// and are no longer, one line each. A mentor cannot read an enrollment
    /// handed to another mentor, so the line names the hire only. This
    /// desktop's settings remember, per vault and person, the mentees seen.
    Q_PROPERTY(QString goneMentees READ goneMentees NOTIFY goneMenteesChanged FINAL)

public:
    explicit TeamBackend(QObject* parent = nullptr);

    EnrollmentListModel* enrollments() { return &m_enrollments; }
    ReviewQueueModel* approvalQueue() { return &m_queue; }
    QString problem() const { return m_problem; }
    int waitingForReview() const { return m_waiting; }
    int unansweredNotes() const { return m_unanswered; }
    int expiredAccess() const { return m_expired; }
    int readyForSignoff() const { return m_ready; }
    QString goneMentees() const { return m_gone.join(QLatin1Char('\n')); }
    /// The mentor has read goneMentees: the mentees now are the ones seen.
    Q_INVOKABLE void markMenteesSeen();

Q_SIGNALS:
    void problemChanged();
    void waitingForReviewChanged();
    void goneMenteesChanged();

protected:
    void read() override;
    void clear() override;

private:
    void setProblem(const QString& problem);
    void setWaiting(const QList<EnrollmentStatus>& enrollments, const QString& me = {}, int unanswered = 0);
    /// Fills goneMentees from the signed-in person's mentees in \a enrollments and those seen.
    void updateGone(const QList<EnrollmentStatus>& enrollments, const QString& me);

    EnrollmentListModel m_enrollments;
    ReviewQueueModel m_queue;
    QString m_problem;
    int m_waiting = 0;
    int m_unanswered = 0;
    int m_expired = 0;
    int m_ready = 0;
    QStringList m_gone;
    QVariantMap m_mentees; ///< the signed-in mentor's mentees now: sign-in name to name for people
};

} // namespace onramp::ui
