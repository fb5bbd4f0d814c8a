#include "OnboardingRules.h"

#include "checklist/ChecklistRules.h"
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

QHash<QString, QPair<QString, int>> productionIds(const QList<StoredChecklist>& stored)
{
    QHash<QString, QPair<QString, int>> out;
    for (const StoredChecklist& version : stored)
        for (const CredentialTemplate& credential : version.checklist.credentials)
            if (credential.environment == Environment::Production && !out.contains(credential.id))
                out.insert(credential.id, {version.checklist.id, version.version});
    return out;
}

QString locatedAt(const std::function<QString(const QString& credentialId)>& locate, const QString& credentialId)
{
    const QString at = locate ? locate(credentialId) : QString();
    return at.isEmpty() ? QString() : at + QStringLiteral(": ");
}

Error checkAgainstEarlier(const Checklist& checklist, const QList<StoredChecklist>& stored,
                          const std::function<QString(const QString& credentialId)>& locate)
{
    const auto where = [&](const QString& credentialId) { return locatedAt(locate, credentialId); };
    const QHash<QString, QPair<QString, int>> production = productionIds(stored);
    for (const CredentialTemplate& credential : checklist.credentials) {
        const auto earlier = production.constFind(credential.id);
        if (credential.environment == Environment::Sandbox && earlier != production.cend())
            return Error(ErrorKind::InvalidInput,
                         where(credential.id)
                             + Tr::tr("credential '%1' is a production credential in checklist '%2' version %3; "
                                      "a new version cannot make it a sandbox one (give a sandbox credential "
                                      "another id); nothing was imported")
                                   .arg(credential.id, earlier->first)
                                   .arg(earlier->second));
    }
    for (const StoredChecklist& earlier : stored) {
        if (earlier.checklist.id != checklist.id)
            continue;
        for (const CredentialTemplate& credential : checklist.credentials) {
            if (credential.environment != Environment::Sandbox)
                continue;
            for (auto field = credential.fields.cbegin(); field != credential.fields.cend(); ++field) {
                QString host;
                const QString pattern = matchingProductionHost(*field, earlier.checklist.productionHosts, &host);
                if (!pattern.isEmpty())
                    return Error(ErrorKind::InvalidInput,
                                 where(credential.id)
                                     + Tr::tr("sandbox credential '%1' names production host '%2' in field '%3' "
                                              "(matches production_hosts entry '%4' of checklist '%5' version %6); "
                                              "a sandbox credential must never reach production; nothing was "
                                              "imported")
                                           .arg(credential.id, host, field.key(), pattern, checklist.id)
                                           .arg(earlier.version));
            }
        }
    }
    return {};
}

Error weakerRefusal(const QString& checklistId, int latest, const QStringList& weakens, bool saved)
{
    return Error(ErrorKind::InvalidInput,
                 (saved ? Tr::tr("this version of %1 weakens the gate of version %2: %3; nothing was saved")
                        : Tr::tr("this version of %1 weakens the gate of version %2: %3; nothing was imported"))
                     .arg(checklistId)
                     .arg(latest)
                     .arg(weakens.join(QStringLiteral("; "))));
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
    return statusOf(checklist, version, latestVersion, hire, mentor, start, done, {}, std::nullopt, now);
}

bool sameWords(const Step& a, const Step& b)
{
    return a.title == b.title && a.body == b.body;
}

void markChangedSteps(EnrollmentStatus* status, const Checklist& left, int leftVersion)
{
    for (StepView& view : status->steps) {
        const Step* before = left.step(view.step.id);
        if (before && !sameWords(*before, view.step)) {
            view.changedFromVersion = leftVersion;
            view.titleBefore = before->title;
            view.bodyBefore = before->body;
        }
    }
}

EnrollmentStatus statusOf(const Checklist& checklist, int version, int latestVersion, const Person& hire,
                          const Person& mentor, const QDate& start, const QHash<QString, DoneStep>& done,
                          const QList<ReviewRecord>& reviews, const std::optional<SignoffRecord>& signoff,
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
        StepState state;
        state.stepId = step.id;
        view.done = state.done = record != done.cend();
        if (view.done) {
            view.doneAt = state.doneAt = record->at;
            view.note = record->note;
        }
        // The latest review of this version since the latest move decides;
        // one that is not valid counts for nothing. A review from before the
        // move approves nothing here: an approval then only says why the
        // step waits for review again. A request for changes withholds and
        // grants nothing, so it stands until the mentor reviews the step
        // again, when it is the mentor's last word before the move: the
        // latest review before it on any version (a newer one a move back
        // left, an approval of a record rewritten since), and valid.
        const ReviewRecord* decided = nullptr;
        const ReviewRecord* earlier = nullptr;
        const ReviewRecord* lastWord = nullptr;
        for (const ReviewRecord& r : reviews) {
            if (r.stepId != step.id)
                continue;
            const bool before = r.version != version || r.beforeMove;
            if (before)
                lastWord = &r;
            if (r.version > version || (r.approved && r.beforeRecord))
                continue;
            (before ? earlier : decided) = &r;
        }
        view.approvalEndedByMove = earlier && earlier->approved && earlier->valid && view.done;
        if (!decided && lastWord && lastWord->rejected && lastWord->valid) {
            decided = lastWord;
            view.sentBackBeforeMove = true;
        } else if (!decided && earlier && earlier->approved && earlier->valid && view.done)
            view.approvedOnVersion = earlier->version;
        if (decided) {
            view.reviewComment = decided->comment;
            view.reviewer = decided->reviewer;
            view.reviewerDisplayName =
                decided->reviewerDisplayName.isEmpty() ? decided->reviewer : decided->reviewerDisplayName;
            view.reviewedAt = decided->at;
            view.approved = decided->approved && decided->valid;
            view.rejected = decided->rejected;
            state.approved = decided->approved;
            state.approvalValid = view.approved;
            state.rejected = view.rejected;
        }
        // A disabled hire does no more steps: none of theirs is late for it.
        view.pastDue = isOverdue(step, start, view.done, now);
        view.overdue = !hire.disabled && view.pastDue;
        status.steps.append(view);
        input.steps.append(state);
    }
    status.signoffEndedByMove = signoff && signoff->beforeMove && signoff->valid;
    if (status.signoffEndedByMove)
        status.signoffEndedAt = signoff->at;
    if (signoff && !signoff->beforeMove) {
        SignoffState state;
        state.present = true;
        state.checklistVersion = signoff->version;
        state.at = signoff->at;
        state.byHire = signoff->by == hire.name;
        state.signatureValid = signoff->valid;
        input.signoff = state;
        status.signedOffAt = signoff->at;
        status.signedOffBy = signoff->by;
        status.signedOffByDisplayName = signoff->byDisplayName.isEmpty() ? signoff->by : signoff->byDisplayName;
    }
    status.decision = decide(input, now);
    // A step past its day and not done is overdue until the sign-off holds;
    // an optional one is late for nothing after it (every required one is
    // done by then). Every screen, export and report reads this one flag
    // (report::overdueSteps()).
    if (status.decision.allowed) {
        for (StepView& view : status.steps)
            view.overdue = view.overdue && view.step.required;
    }
    if (!status.decision.allowed) {
        status.signedOffBy.clear();
        status.signedOffByDisplayName.clear();
        status.signedOffAt = {};
    }
    return status;
}

} // namespace onramp::onboarding
