#pragma once

#include "EnrollmentStatus.h"

#include "Error.h"
#include "checklist/Checklist.h"
#include "people/Person.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace onramp::onboarding {

// The rules of checklists and enrollments that do not depend on where they
// are kept: the folder vault (ChecklistStore, Enrollments) and the team
// server (app/server/TeamOnboarding) both hold to these, with the same words.

/// One credential id means one credential: a static secret set for it is
/// sealed wherever the id appears, so its environment must agree with every
/// other checklist (\a others: the latest version of each, \a checklist's
/// own id skipped). InvalidInput naming both, and that nothing was imported.
Error checkCredentialEnvironments(const Checklist& checklist, const QList<Checklist>& others);

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

} // namespace onramp::onboarding
