#pragma once

#include "ListModel.h"

#include "onboarding/EnrollmentStatus.h"

namespace onramp::ui {

/// The steps of one enrollment, for a ListView sectioned by `section`.
class StepListModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StepListModel comes from an EnrollmentBackend")
    /// Grows whenever the steps are replaced, so bindings on get() re-evaluate.
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged FINAL)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1, ///< the step's id
        TitleRole, ///< the step's title
        SectionRole, ///< the section heading it sits under
        BodyRole, ///< Markdown text
        RequiredRole, ///< needed before production access
        SignoffRole, ///< the mentor approves it
        DueRole, ///< due date as text, empty if none
        OverdueRole, ///< not done and past its due date
        DoneRole, ///< marked done by the hire
        ApprovedRole, ///< approved with a valid signature
        RejectedRole, ///< the latest review rejected it
        CommentRole, ///< the mentor's latest comment
        ReviewerRole, ///< who reviewed it
        NoteRole, ///< the hire's note
        AwaitingReviewRole, ///< done, needs approval, not yet approved
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;
    int revision() const { return m_revision; }

    void setSteps(const QList<StepView>& steps);
    /// The step with \a id as a map of the role names, for a detail page.
    Q_INVOKABLE QVariantMap get(const QString& id) const;
    using ListModel::get;

Q_SIGNALS:
    void revisionChanged();

private:
    int size() const override { return int(m_steps.size()); }
    QVariant value(int row, int role) const override;
    QList<StepView> m_steps;
    int m_revision = 0;
};

} // namespace onramp::ui
