#pragma once

#include "ListModel.h"

#include "onboarding/EnrollmentStatus.h"

namespace onramp::ui {

/// The enrollments the signed-in person may see (a mentor's mentees, an
/// admin's everyone), each with its progress and how long it took to
/// production access.
class EnrollmentListModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EnrollmentListModel comes from a TeamBackend")
    /// The hire of the first row (the one a page selects first); empty when there is none.
    Q_PROPERTY(QString firstHire READ firstHire NOTIFY firstHireChanged FINAL)
    /// The hire whose enrollment a page has picked; empty for none.
    Q_PROPERTY(QString selectedHire READ selectedHire WRITE setSelectedHire NOTIFY selectionChanged FINAL)
    /// The picked enrollment as a map of its role names; empty when none is picked or it is gone.
    Q_PROPERTY(QVariantMap selected READ selected NOTIFY selectionChanged FINAL)

public:
    enum Roles {
        HireRole = Qt::UserRole + 1, ///< the hire's sign-in name
        DisplayNameRole, ///< the hire's name for people
        MentorRole, ///< the mentor's sign-in name
        ChecklistRole, ///< the checklist's title
        DoneRole, ///< steps done
        TotalRole, ///< steps in all
        ProgressRole, ///< done / total, 0 to 1
        LockedRole, ///< production access is not released
        AwaitingReviewRole, ///< steps done that wait for the mentor's approval
        StartDateRole, ///< local, short
        DaysToAccessRole, ///< days from the start to the sign-off; -1 while locked
        ChecklistIdRole, ///< the checklist's id, a slug
        VersionRole, ///< the checklist version the enrollment is on
        LatestVersionRole, ///< the checklist's latest version; above VersionRole when it can move
        MentorDisplayNameRole, ///< the mentor's name for people
        StartedOnRole, ///< the start date for a sentence ("started …"), written out
        StartIsoRole, ///< the start date as YYYY-MM-DD, for the form that changes it
        RevokedRole, ///< signed off, but production access since revoked (not locked, no access)
        UnansweredRole, ///< the hire's notes the signed-in mentor has not answered yet, on all steps
        DisabledRole, ///< an admin disabled the hire: they can change nothing, and nothing of theirs is reviewed
        MentorDisabledRole, ///< an admin disabled the mentor: nobody reviews or signs off until another is given
        AccessTextRole, ///< production access in a word, as every page's tag says it: "locked", "revoked", "expired" or "unlocked"
        AccessOpenRole, ///< production access stands now: signed off, not revoked, a grant still running
        SentBackRole, ///< steps the mentor asked changes on that the hire has not redone yet
        AccessKeyRole, ///< EnrollmentStatus::accessKey(): what the progress bar is coloured by
        ReadyForSignoffRole, ///< every required step done and approved, still locked: the mentor's sign-off waits
        OverdueRole, ///< steps past their day and not done
    };
    Q_ENUM(Roles)

    /// A paged list: a view fetches its rows a page at a time.
    explicit EnrollmentListModel(QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    /// \a unanswered: by enrollment id, the hire's notes not answered yet (StepThread::unanswered()).
    void setEnrollments(const QList<EnrollmentStatus>& enrollments, const QHash<qint64, int>& unanswered = {});
    QString firstHire() const;
    QString selectedHire() const { return m_selectedHire; }
    void setSelectedHire(const QString& hire);
    QVariantMap selected() const;

Q_SIGNALS:
    void firstHireChanged();
    void selectionChanged();

protected:
    int size() const override { return int(m_enrollments.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<EnrollmentStatus> m_enrollments;
    QHash<qint64, int> m_unanswered;
    QString m_selectedHire;
};

} // namespace onramp::ui
