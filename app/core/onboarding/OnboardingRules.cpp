#include "OnboardingRules.h"

#include "gate/Gate.h"

namespace onramp::onboarding {

Error checkCredentialEnvironments(const Checklist& checklist, const QList<Checklist>& others)
{
    for (const Checklist& other : others) {
        if (other.id == checklist.id)
            continue;
        for (const CredentialTemplate& theirs : other.credentials)
            for (const CredentialTemplate& mine : checklist.credentials)
                if (mine.id == theirs.id && mine.environment != theirs.environment)
                    return Error(ErrorKind::InvalidInput,
                                 Tr::tr("credential '%1' is a %2 credential in checklist '%3' and a %4 one here; "
                                        "give them different ids; nothing was imported")
                                     .arg(mine.id, environmentName(theirs.environment), other.id,
                                          environmentName(mine.environment)));
    }
    return {};
}

Error checkHireToEnroll(const Person& hire)
{
    if (hire.disabled)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is disabled; a passphrase reset enables them again").arg(hire.name));
    if (hire.role != Role::Hire)
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is a %2, not a hire").arg(hire.name, roleWord(hire.role)));
    return {};
}

Error checkMentorToEnroll(const Person& mentor)
{
    if (mentor.disabled)
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is disabled and cannot mentor").arg(mentor.name));
    if (mentor.role != Role::Mentor)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' cannot mentor: they hold the %2 role, and a mentor needs the mentor role")
                         .arg(mentor.name, roleWord(mentor.role)));
    return {};
}

EnrollmentStatus statusOfSteps(const Checklist& checklist, int version, int latestVersion, const Person& hire,
                               const Person& mentor, const QDate& start, const QHash<QString, DoneStep>& done,
                               const QDateTime& now)
{
    EnrollmentStatus status;
    status.hire = hire;
    status.mentor = mentor;
    status.checklistId = checklist.id;
    status.checklistTitle = checklist.title;
    status.checklistVersion = version;
    status.latestChecklistVersion = latestVersion;
    status.start = start;
    GateInput input;
    input.checklist = checklist;
    input.checklistVersion = version;
    input.hire = hire.name;
    for (const Step& step : checklist.steps) {
        const auto record = done.constFind(step.id);
        StepView view;
        view.step = step;
        view.due = dueDate(step, start);
        view.done = record != done.cend();
        if (view.done) {
            view.doneAt = record->at;
            view.note = record->note;
        }
        view.overdue = isOverdue(step, start, view.done, now);
        status.steps.append(view);
        StepState state;
        state.stepId = step.id;
        state.done = view.done;
        state.doneAt = view.doneAt;
        input.steps.append(state);
    }
    status.decision = decide(input, now);
    return status;
}

} // namespace onramp::onboarding
