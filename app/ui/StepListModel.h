#pragma once

#include "onboarding/EnrollmentStatus.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// The steps of one enrollment, for a ListView sectioned by `section`.
class StepListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StepListModel comes from an EnrollmentBackend")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /// Grows whenever the steps are replaced, so bindings on get() re-evaluate.
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)

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

    explicit StepListModel(QObject* parent = nullptr)
        : QAbstractListModel(parent)
    {}

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_steps.size()); }
    int revision() const { return m_revision; }

    void setSteps(const QList<StepView>& steps);
    /// The step with \a id as a map of the role names, for a detail page.
    Q_INVOKABLE QVariantMap get(const QString& id) const;

Q_SIGNALS:
    void countChanged();
    void revisionChanged();

private:
    QVariant value(const StepView& step, int role) const;
    QList<StepView> m_steps;
    int m_revision = 0;
};

} // namespace onramp::ui
