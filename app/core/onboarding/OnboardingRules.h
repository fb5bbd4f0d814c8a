#pragma once

#include "ChecklistStore.h"
#include "EnrollmentStatus.h"

#include "Error.h"
#include "checklist/Checklist.h"
#include "people/Person.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <functional>
#include <optional>

namespace onramp::onboarding {

// The rules of checklists and enrollments that do not depend on where they
// are kept: the folder vault (ChecklistStore, Enrollments) and the team
// server (app/server/TeamOnboarding) both hold to these, with the same words.

/// One credential id means one credential: a static secret set for it is
/// sealed wherever the id appears, so its environment must agree with every
/// other checklist (\a others: the latest version of each, \a checklist's
/// own id skipped). InvalidInput naming both, and that nothing was imported.
Error checkCredentialEnvironments(const Checklist& checklist, const QList<Checklist>& others);

/// Every credential id that a version in \a stored (every version of every
/// checklist, by checklist id and then version) calls production, with the
/// first (checklist id, version) that did.
QHash<QString, QPair<QString, int>> productionIds(const QList<StoredChecklist>& stored);

/// Where \a locate (when given) says the credential \a credentialId is in
/// the file, as the head of a message ("file:line: "); empty when it says nothing.
QString locatedAt(const std::function<QString(const QString& credentialId)>& locate, const QString& credentialId);

/// The rule a new version of \a checklist must keep against \a stored (every
/// version of every checklist the store holds, by checklist id and then
/// version): a credential id an earlier version of any checklist called
/// production stays production, and no sandbox credential names a host of
/// the production_hosts of an earlier version of this checklist.
/// InvalidInput naming the credential, where \a locate (when given) says it
/// is in the file ("file:line"), and the earlier version.
Error checkAgainstEarlier(const Checklist& checklist, const QList<StoredChecklist>& stored,
                          const std::function<QString(const QString& credentialId)>& locate = {});

/// The refusal of a version of \a checklistId that weakens the gate of
/// version \a latest, each of \a weakens named (ChecklistStore::weakenings).
Error weakerRefusal(const QString& checklistId, int latest, const QStringList& weakens, bool saved = false);

/// Whether \a hire may be enrolled: enabled, and a hire.
Error checkHireToEnroll(const Person& hire);

/// Whether \a mentor may mentor an enrollment: enabled, and a mentor.
Error checkMentorToEnroll(const Person& mentor);

/// A step on record as done: when, and the hire's note.
struct DoneStep {
    QDateTime at;
    QString note;
};

/// An enrollment of \a hire on \a checklist (version \a version of \a
/// latestVersion) with \a mentor, starting \a start, with the steps \a done
/// (by step id) on record and no review or sign-off yet: each step with its
/// due day, and the gate's decision as of \a now.
EnrollmentStatus statusOfSteps(const Checklist& checklist, int version, int latestVersion, const Person& hire,
                               const Person& mentor, const QDate& start, const QHash<QString, DoneStep>& done,
                               const QDateTime& now);

/// A mentor's review of one step as a store holds it, judged by the store
/// that read it.
struct ReviewRecord {
    QString stepId;
    int version = 0; ///< the checklist version it was given on
    bool approved = false; ///< approved
    bool rejected = false; ///< sent back for changes (neither: a decision the store does not know)
    QString comment;
    QString reviewer; ///< the reviewer's sign-in name
    QString reviewerDisplayName;
    QDateTime at;
    /// Given by the enrollment's mentor, and what vouches for it (its
    /// signature, or on a team server its signed entry) holds.
    bool valid = false;
    /// Given before the enrollment's latest move: it decides nothing now.
    bool beforeMove = false;
    /// An approval given before the step's record was last written (a
    /// record rewritten since, which the mentor never saw): it decides
    /// nothing, and the review before it, if any, stands.
    bool beforeRecord = false;
};

/// The mentor's final sign-off as a store holds it, judged by the store.
struct SignoffRecord {
    int version = 0; ///< the checklist version it signs off
    QDateTime at;
    QString by; ///< the signer's sign-in name
    QString byDisplayName;
    /// A sign-off of production access by the enrollment's mentor, and what
    /// vouches for it holds.
    bool valid = false;
    bool beforeMove = false;
};

/// Whether \a a and \a b read alike to the hire: the same title and text.
bool sameWords(const Step& a, const Step& b);

/// Marks each step of \a status that \a left, the version \a leftVersion the
/// latest move left (of the same checklist), had with another title or text:
/// StepView::changedFromVersion, titleBefore and bodyBefore.
void markChangedSteps(EnrollmentStatus* status, const Checklist& left, int leftVersion);

/// statusOfSteps() with the mentor's \a reviews (oldest first) and \a
/// signoff counted: the latest review given on \a version since the latest
/// move decides a step (an earlier version's approval says why a step waits
/// for review again, and its request for changes stands until the mentor
/// reviews the step again), a sign-off from before the move counts for nothing,
/// and the gate decides from them as of \a now.
EnrollmentStatus statusOf(const Checklist& checklist, int version, int latestVersion, const Person& hire,
                          const Person& mentor, const QDate& start, const QHash<QString, DoneStep>& done,
                          const QList<ReviewRecord>& reviews, const std::optional<SignoffRecord>& signoff,
                          const QDateTime& now);

} // namespace onramp::onboarding
