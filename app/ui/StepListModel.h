#pragma once

#include "ListModel.h"

#include <QVariantList>

#include "onboarding/EnrollmentStatus.h"

namespace onramp::ui {

/// Who reads a step's texts: each is written for that person.
struct StepReader {
    enum Kind {
        Hire, ///< the hire, about their own step
        Mentor, ///< the hire's mentor
        Other, ///< an admin (or anyone else) looking at a hire's step
    };
    Kind kind = Hire;
    QString hire; ///< the hire's name for people
    QString mentor; ///< the mentor's name for people
    QString me; ///< the reader's sign-in name
};

/// The short label of a step's state, for a tag ("waiting for review"): one
/// wording for a state wherever it shows (the hire's checklist, a mentee's
/// steps, the review queue) and whoever reads it.
QString stepStatusLabel(const StepView& step);
/// The sentence that says where a step stands, written for \a reader.
QString stepStatusSentence(const StepView& step, const StepReader& reader);
/// What the state of \a step means for \a reader and what comes next, said
/// after stepStatusSentence(); empty where the sentence says it all.
QString stepStatusDetail(const StepView& step, const StepReader& reader);
/// The mark a list shows before a step: each state has its own, and none is a
/// hollow shape that reads as a box to tick.
QString stepStatusMark(StepStatus status);
/// A date and time for people, in the local zone.
QString shownTime(const QDateTime& at);
/// The links in a step's Markdown \a markdown, in order, for controls the
/// keyboard reaches: each a map of "text" (its address, or for a link whose
/// words are not its address "host — address": what it shows is where it
/// goes) and "url".
QVariantList stepLinks(const QString& markdown);
/// The text a step's Markdown \a markdown shows, without its marks: what a
/// screen reader reads for the body ("guide", not "[guide](https://…)").
QString stepPlainBody(const QString& markdown);
/// What changed in \a step since the version the latest move left
/// (StepView::changedFromVersion), sentence by sentence as the body shows it: each a
/// map of "kind" ("title" with the earlier title, "removed" or "added") and
/// "text", in the body's order; lines both versions have are left out.
/// A sentence reworded, removed and added in place of each other with most
/// words alike, also has "marked": its text as rich text with the words
/// the other lacks in bold.
/// Empty for a step the move did not change.
QVariantList stepChanges(const StepView& step);

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
        SignoffRole, ///< the mentor reviews it
        DueRole, ///< due date as text, empty if none
        OverdueRole, ///< not done and past its due date
        DoneRole, ///< marked done by the hire
        ApprovedRole, ///< approved with a valid signature
        RejectedRole, ///< the latest review rejected it
        CommentRole, ///< the mentor's latest comment
        ReviewerRole, ///< the reviewer's name for people
        NoteRole, ///< the hire's note
        AwaitingReviewRole, ///< done, needs review, not yet approved
        StatusRole, ///< the step's state: stepStatusKey() ("waiting-for-review")
        StatusLabelRole, ///< the state as a short label for the reader
        StatusTextRole, ///< the state as a sentence for the reader
        StatusDetailRole, ///< what that state means and what comes next (stepStatusDetail()); often empty
        MarkRole, ///< the state's mark
        DoneAtRole, ///< when it was done, for people; empty when open
        ReviewedAtRole, ///< when it was last reviewed, for people
        LinksRole, ///< the body's links, in order: each a map of "text" and "url" (stepLinks())
        UnansweredRole, ///< the hire's notes on it the mentor has not answered yet (StepThread::unanswered())
        PlainBodyRole, ///< the body as the plain text it shows, for a screen reader (stepPlainBody())
        ChangedFromRole, ///< the version the latest move left, if it changed this step; else 0
        ChangesRole, ///< what that move changed in it (stepChanges())
        /// The row's line of dates: "due …" or "overdue since …" while open; once
        /// done, "done …", with its day after it when it was done after that day
        DatesRole,
        DueTextRole, ///< "overdue since …", "was due …" (past, late for nothing) or "due …"; empty without a day
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;
    int revision() const { return m_revision; }

    /// \a unanswered: the hire's notes not answered yet, by step id; given to the mentor only.
    void setSteps(const QList<StepView>& steps, const StepReader& reader = {},
                  const QHash<QString, QStringList>& unanswered = {});
    /// The step with \a id as a map of the role names, for a detail page.
    Q_INVOKABLE QVariantMap get(const QString& id) const;
    /// The id of the next step after \a id waiting for review, from the first
    /// again past the last; empty when no other step waits.
    Q_INVOKABLE QString nextAwaitingReview(const QString& id) const;
    using ListModel::get;

Q_SIGNALS:
    void revisionChanged();

private:
    int size() const override { return int(m_steps.size()); }
    QVariant value(int row, int role) const override;
    QList<StepView> m_steps;
    StepReader m_reader;
    QHash<QString, QStringList> m_unanswered;
    /// Each body's plain text, by its Markdown: made once, not on every read.
    mutable QHash<QString, QString> m_plainBodies;
    /// What a move changed in each step, by id (stepChanges()): made once per setSteps().
    mutable QHash<QString, QVariantList> m_changes;
    int m_revision = 0;
};

} // namespace onramp::ui
