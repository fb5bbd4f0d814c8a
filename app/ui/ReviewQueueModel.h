#pragma once

#include "ListModel.h"

#include "onboarding/EnrollmentStatus.h"

namespace onramp::ui {

/// The steps waiting for one mentor's review (StepStatus::WaitingForReview
/// or Resubmitted), mentee by mentee in checklist order.
class ReviewQueueModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ReviewQueueModel comes from a TeamBackend")

public:
    enum Roles {
        HireRole = Qt::UserRole + 1, ///< the hire's sign-in name
        DisplayNameRole, ///< the hire's name for people
        StepIdRole, ///< the step's id
        TitleRole, ///< the step's title
        NoteRole, ///< the hire's newest note on it not answered yet (else the note it was marked done with)
        NotesRole, ///< the hire's notes on it not answered yet, oldest first
        EarlierNotesRole, ///< how many of those came before the newest
        StatusRole, ///< "waiting-for-review" or "resubmitted" (stepStatusKey())
        StatusLabelRole, ///< the state as a short label for the mentor
        /// "waiting 6 days" once the wait (EnrollmentStatus::reviewWaitSince())
        /// has lasted kLongWaitDays or more; empty before
        LongWaitRole,
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// The hire's notes not answered yet, by enrollment id and step id (StepThread::unanswered()).
    using Notes = QHash<qint64, QHash<QString, QStringList>>;

    /// The steps of \a enrollments whose mentor is \a mentor that wait for
    /// review, with the hire's \a notes on them not answered yet.
    void setQueue(const QList<EnrollmentStatus>& enrollments, const QString& mentor, const Notes& notes = {});

    /// The whole days of a wait from which the queue says how long it has lasted.
    static constexpr int kLongWaitDays = 2;

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        Person hire;
        StepView step;
        QStringList notes;
        int waitedDays = 0;
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
