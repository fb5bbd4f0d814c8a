#pragma once

#include <algorithm>

#include "StepListModel.h"
#include "StepThreadModel.h"
#include "VaultBackend.h"

namespace onramp::ui {

/// One hire's enrollment for QML: progress, steps, the gate's reasons, and
/// the actions the signed-in person may take on it (the hire marks steps, the
/// mentor reviews and signs off). Reloads whenever the session's vault changes.
class EnrollmentBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// The hire to show; empty means the signed-in person.
    Q_PROPERTY(QString hire READ hire WRITE setHire NOTIFY hireChanged FINAL)
    Q_PROPERTY(bool enrolled READ enrolled NOTIFY statusChanged FINAL)
    /// An admin disabled the hire: they change nothing, and nothing of theirs is reviewed or signed off.
    Q_PROPERTY(bool hireDisabled READ hireDisabled NOTIFY statusChanged FINAL)
    /// An admin disabled the mentor: nobody reviews or signs off until another is given.
    Q_PROPERTY(bool mentorDisabled READ mentorDisabled NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString problem READ problem NOTIFY statusChanged FINAL)
    /// The enrollment could not be read for another reason than there being
    /// none (a vault that fails its checks, a table gone, a disk error):
    /// problem says why.
    Q_PROPERTY(bool unreadable READ unreadable NOTIFY statusChanged FINAL)
    /// Unreadable because another Onramp held the vault past the wait for
    /// it: nothing is wrong with it, and another try reads it.
    Q_PROPERTY(bool vaultBusy READ vaultBusy NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString hireName READ hireName NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString hireDisplayName READ hireDisplayName NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString mentorName READ mentorName NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString checklistTitle READ checklistTitle NOTIFY statusChanged FINAL)
    Q_PROPERTY(int checklistVersion READ checklistVersion NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString startDate READ startDate NOTIFY statusChanged FINAL)
    /// True while the start date is still ahead (today by this desktop's clock).
    Q_PROPERTY(bool startsLater READ startsLater NOTIFY statusChanged FINAL)
    Q_PROPERTY(int doneCount READ doneCount NOTIFY statusChanged FINAL)
    /// Steps not done whose due date has passed: the hire is not told "no rush" beside them.
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY statusChanged FINAL)
    Q_PROPERTY(int total READ total NOTIFY statusChanged FINAL)
    Q_PROPERTY(double progress READ progress NOTIFY statusChanged FINAL)
    Q_PROPERTY(bool locked READ locked NOTIFY statusChanged FINAL)
    Q_PROPERTY(QStringList reasons READ reasons NOTIFY statusChanged FINAL)
    /// What the sign-off waits for, in one line: the reasons but the missing
    /// sign-off itself, for the reader, "; " between them; empty when nothing.
    Q_PROPERTY(QString signoffWaitsFor READ signoffWaitsFor NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString signedOffBy READ signedOffBy NOTIFY statusChanged FINAL)
    /// The sign-off on record is the reader's own: the page says "You signed off".
    Q_PROPERTY(bool signedOffByMe READ signedOffByMe NOTIFY statusChanged FINAL)
    /// When that sign-off was given, inside a sentence (sentenceDate()); empty without one.
    Q_PROPERTY(QString signedOffOn READ signedOffOn NOTIFY statusChanged FINAL)
    /// Signed off, but production access since revoked (EnrollmentStatus::production()):
    /// who revoked it (their name for people) and when, inside a sentence.
    Q_PROPERTY(bool revoked READ revoked NOTIFY statusChanged FINAL)
    /// EnrollmentStatus::accessKey(): what the progress bar is coloured by.
    Q_PROPERTY(QString accessKey READ accessKey NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString revokedBy READ revokedBy NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString revokedOn READ revokedOn NOTIFY statusChanged FINAL)
    /// The reader revoked it themselves.
    Q_PROPERTY(bool revokedByMe READ revokedByMe NOTIFY statusChanged FINAL)
    /// The first three steps not done yet.
    Q_PROPERTY(onramp::ui::StepListModel* nextSteps READ nextSteps CONSTANT FINAL)
    Q_PROPERTY(int awaitingReview READ awaitingReview NOTIFY statusChanged FINAL)
    Q_PROPERTY(bool readyForSignoff READ readyForSignoff NOTIFY statusChanged FINAL)
    Q_PROPERTY(onramp::ui::StepListModel* steps READ steps CONSTANT FINAL)
    /// The step whose conversation `thread` holds; empty for none.
    Q_PROPERTY(QString threadStep READ threadStep WRITE setThreadStep NOTIFY threadStepChanged FINAL)
    /// The conversation on `threadStep`, oldest first.
    Q_PROPERTY(onramp::ui::StepThreadModel* thread READ thread CONSTANT FINAL)
    /// The signed-in hire's own steps sent back since they last looked: this
    /// desktop's settings remember, per vault and person, the send-backs seen.
    Q_PROPERTY(onramp::ui::StepListModel* sentBack READ sentBack CONSTANT FINAL)
    /// For the signed-in hire: an admin's move of their enrollment to another
    /// version or checklist since they last looked, in words (who moved them,
    /// where, who reviews which steps again); empty when none or seen.
    Q_PROPERTY(QString moveNotice READ moveNotice NOTIFY statusChanged FINAL)
    /// For the hire's mentor or an admin: the latest move of the enrollment
    /// while something it caused still waits (a re-review, a sent-back step,
    /// the sign-off again), in words written for that reader; empty otherwise.
    Q_PROPERTY(QString moveNote READ moveNote NOTIFY statusChanged FINAL)
    /// With the move notice: the steps that move worded otherwise, each a
    /// map of "stepId" and "title", to open from it.
    Q_PROPERTY(QVariantList movedChanges READ movedChanges NOTIFY statusChanged FINAL)
    /// For the signed-in hire: the steps on which their mentor wrote a note
    /// since they last looked, each a map of "stepId", "title" and "text"
    /// ("Maya Mentor replied on “…”"), remembered as the send-backs seen are.
    Q_PROPERTY(QVariantList replies READ replies NOTIFY statusChanged FINAL)
    /// For the signed-in hire: their mentor changed since they last looked,
    /// in words ("Your mentor is now …"); empty when not or seen.
    Q_PROPERTY(QString mentorNotice READ mentorNotice NOTIFY statusChanged FINAL)
    /// For the signed-in hire: their production access was revoked since
    /// they last looked, in words, by whom; empty when not or seen.
    Q_PROPERTY(QString revokeNotice READ revokeNotice NOTIFY statusChanged FINAL)
    /// The mentor's sign-off, said once on the hire's home after it was given; empty when seen.
    Q_PROPERTY(QString signoffNotice READ signoffNotice NOTIFY statusChanged FINAL)

public:
    explicit EnrollmentBackend(QObject* parent = nullptr);

    QString hire() const { return m_hire; }
    void setHire(const QString& hire);
    bool enrolled() const { return m_status.enrollmentId != 0; }
    bool hireDisabled() const { return enrolled() && m_status.hire.disabled; }
    bool mentorDisabled() const { return enrolled() && m_status.mentor.disabled; }
    QString problem() const { return m_problem; }
    QString accessKey() const { return m_status.accessKey(); }
    bool unreadable() const { return m_unreadable; }
    bool vaultBusy() const { return m_unreadable && m_busy; }
    QString hireName() const { return m_status.hire.name; }
    QString hireDisplayName() const;
    QString mentorName() const;
    QString checklistTitle() const { return m_status.checklistTitle; }
    int checklistVersion() const { return m_status.checklistVersion; }
    QString startDate() const;
    bool startsLater() const;
    int doneCount() const { return m_status.doneCount(); }
    int total() const { return int(m_status.steps.size()); }
    double progress() const { return m_status.progress(); }
    bool locked() const { return m_status.locked(); }
    QStringList reasons() const;
    QString signoffWaitsFor() const;
    /// The name for people of the mentor whose sign-off is on record.
    QString signedOffBy() const { return m_status.signedOffByDisplayName; }
    QString signedOffOn() const;
    bool signedOffByMe() const;
    int overdueCount() const
    {
        return int(
            std::count_if(m_status.steps.cbegin(), m_status.steps.cend(), [](const StepView& s) { return s.overdue; }));
    }
    bool revoked() const { return m_status.production() == ProductionAccess::Revoked; }
    QString revokedBy() const { return m_status.revokedByDisplayName; }
    QString revokedOn() const;
    bool revokedByMe() const;
    StepListModel* nextSteps() { return &m_nextSteps; }
    int awaitingReview() const;
    bool readyForSignoff() const;
    StepListModel* steps() { return &m_steps; }
    QString threadStep() const { return m_threadStep; }
    void setThreadStep(const QString& stepId);
    StepThreadModel* thread() { return &m_thread; }
    StepListModel* sentBack() { return &m_sentBack; }
    QString moveNotice() const { return m_moveNotice; }
    QString moveNote() const { return m_moveNote; }
    QVariantList movedChanges() const { return m_movedChanges; }
    QVariantList replies() const { return m_replies; }
    QString mentorNotice() const { return m_mentorNotice; }
    QString revokeNotice() const { return m_revokeNotice; }
    QString signoffNotice() const { return m_signoffNotice; }

    Q_INVOKABLE void markDone(const QString& stepId, const QString& note);
    /// The hire: a step sent back, redone, goes to the mentor's review again.
    Q_INVOKABLE void resubmit(const QString& stepId, const QString& note);
    Q_INVOKABLE void undo(const QString& stepId);
    /// The mentor adds \a body to the conversation on \a stepId. A hire's note
    /// goes along with Mark done or Resubmit, never alone: a hire is refused.
    Q_INVOKABLE void addNote(const QString& stepId, const QString& body);
    Q_INVOKABLE void approve(const QString& stepId, const QString& comment);
    /// The mentor approves \a hire's step \a stepId from the review queue,
    /// whichever mentee is shown.
    Q_INVOKABLE void approveStepOf(const QString& hire, const QString& stepId);
    Q_INVOKABLE void reject(const QString& stepId, const QString& comment);
    /// The mentor re-enters their passphrase to sign: it is checked afresh
    /// (Argon2id) before the sign-off is written.
    Q_INVOKABLE void signOff(const QString& passphrase);

    /// The hire has seen that \a stepId was sent back; an empty \a stepId: every
    /// step sent back now. Kept in the app's settings, never in the vault.
    Q_INVOKABLE void markSentBackSeen(const QString& stepId);
    /// The hire has seen moveNotice; kept in the app's settings, as markSentBackSeen().
    Q_INVOKABLE void markMoveSeen();
    /// The hire has read the mentor's notes on \a stepId; an empty \a stepId:
    /// on every step, and the change of mentor too. Kept in the app's settings.
    Q_INVOKABLE void markRepliesSeen(const QString& stepId);
    /// How many of \a replies (StepThread::replies of \a hire's enrollment)
    /// \a hire has not read on this desktop in the vault open; 0 before their first look here.
    static int unreadReplies(const QString& hire, const QHash<QString, QDateTime>& replies);
    /// The mentor has read the hire's notes on \a stepId and needs not answer
    /// them: they stop counting as waiting for an answer until the hire
    /// writes again. Kept in the app's settings, never in the vault.
    Q_INVOKABLE void markNotesRead(const QString& stepId);
    /// Leaves out of \a unanswered (StepThread::unanswered() for \a hire's
    /// enrollment, each note's mark in \a marks) the notes the signed-in
    /// mentor marked read on this desktop.
    static void dropNotesRead(const QString& hire, const QHash<QString, QStringList>& marks,
                              QHash<QString, QStringList>* unanswered);
    /// The settings key under which the signed-in mentor's read marks on \a hire's notes are kept.
    static QString notesReadKey(const QString& hire);
    /// The other lines of the hire's "New since you last looked" for \a
    /// status, \a hire's enrollment with \a replies: approvals not told with
    /// an unread reply, a sign-off (unless a later revocation stands), a
    /// revocation and a new mentor not seen on this desktop; 0 before their first look here.
    static int unseenNews(const QString& hire, const EnrollmentStatus& status,
                          const QHash<QString, QDateTime>& replies);
    /// \a reason, one of \a status's gate reasons, written for \a reader
    /// from the state of the step it names; the gate's own words for a reason
    /// about no step.
    static QString reasonFor(const EnrollmentStatus& status, const Reason& reason, const StepReader& reader);

    /// What the signed-in person typed for \a stepId of the hire shown and has
    /// not sent yet; empty when nothing. Kept in memory until it is sent or
    /// the session locks, so that opening another step loses nothing.
    Q_INVOKABLE QString draftOf(const QString& stepId) const;
    /// Keeps \a text as the unsent note on \a stepId; an empty \a text forgets it.
    Q_INVOKABLE void keepDraft(const QString& stepId, const QString& text);

    /// Loads synchronously (screenshot mode and tests).
    void loadNow();

Q_SIGNALS:
    void hireChanged();
    void statusChanged();
    void threadStepChanged();

protected:
    void read() override;
    void clear() override;

private:
    /// Runs \a work on the shown hire's enrollment and reports it.
    void actOnHire(std::function<Error(Vault&, const QString& hire)> work, const QString& confirmation);
    void setStatus(const EnrollmentStatus& status, const QString& problem,
                   const QHash<QString, QStringList>& unanswered = {}, const QHash<QString, QDateTime>& replies = {},
                   const QHash<QString, QStringList>& unansweredMarks = {});
    /// The signed-in person, as the reader of this hire's steps.
    StepReader reader() const;
    /// The settings key under which the send-backs the hire saw are kept.
    QString seenKey() const;
    static QString seenKeyFor(const QString& hire);
    /// Fills sentBack from the steps and the send-backs seen.
    void updateSentBack();
    /// Fills moveNotice from the latest move and the moves seen.
    void updateMoveNotice();
    /// Fills moveNote from the latest move and what still waits since it.
    void updateMoveNote();
    /// Fills replies, mentorNotice and revokeNotice from the mentor's notes,
    /// the mentor, the latest revocation, and what was seen.
    void updateReplies();

    QString m_hire;
    EnrollmentStatus m_status;
    bool m_unreadable = false;
    bool m_busy = false; ///< the last read failed for ErrorKind::Busy
    QString m_problem;
    StepListModel m_steps;
    StepListModel m_nextSteps;
    QString m_threadStep;
    StepThreadModel m_thread;
    StepListModel m_sentBack;
    QString m_moveNotice;
    QString m_moveNote;
    QVariantList m_movedChanges;
    QHash<QString, QDateTime> m_replyTimes;
    /// The mentor's: the marks of the hire's notes not answered, by step id.
    QHash<QString, QStringList> m_unansweredMarks;
    QVariantList m_replies;
    QString m_mentorNotice;
    QString m_revokeNotice;
    QString m_signoffNotice;
};

} // namespace onramp::ui
