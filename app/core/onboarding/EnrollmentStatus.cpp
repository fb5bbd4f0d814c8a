#include "EnrollmentStatus.h"

#include "onboarding/Signatures.h"

#include <QJsonArray>

namespace onramp {

int EnrollmentStatus::doneCount() const
{
    return int(std::count_if(steps.cbegin(), steps.cend(), [](const StepView& s) { return s.done; }));
}

int EnrollmentStatus::awaitingReviewCount() const
{
    return int(std::count_if(steps.cbegin(), steps.cend(), [](const StepView& s) { return s.awaitingReview(); }));
}

QStringList EnrollmentStatus::beforeSignoff() const
{
    QStringList open;
    for (const Reason& reason : decision.reasons) {
        if (!reason.code.startsWith(QLatin1String("signoff-")))
            open.append(reason.message);
    }
    return open;
}

QJsonObject EnrollmentStatus::toJson() const
{
    QJsonArray reasons;
    for (const Reason& reason : decision.reasons) {
        QJsonObject r{{QStringLiteral("code"), reason.code}, {QStringLiteral("message"), reason.message}};
        if (!reason.stepId.isEmpty())
            r.insert(QStringLiteral("step"), reason.stepId);
        reasons.append(r);
    }
    QJsonArray stepArray;
    for (const StepView& view : steps) {
        QJsonObject s{
            {QStringLiteral("id"), view.step.id},           {QStringLiteral("title"), view.step.title},
            {QStringLiteral("section"), view.step.section}, {QStringLiteral("required"), view.step.required},
            {QStringLiteral("signoff"), view.step.signoff}, {QStringLiteral("done"), view.done},
            {QStringLiteral("approved"), view.approved},    {QStringLiteral("rejected"), view.rejected},
            {QStringLiteral("overdue"), view.overdue},
        };
        if (view.due.isValid())
            s.insert(QStringLiteral("due"), view.due.toString(Qt::ISODate));
        if (view.done)
            s.insert(QStringLiteral("done_at"), signatures::timeText(view.doneAt));
        if (!view.note.isEmpty())
            s.insert(QStringLiteral("note"), view.note);
        if (!view.reviewComment.isEmpty())
            s.insert(QStringLiteral("comment"), view.reviewComment);
        if (!view.reviewer.isEmpty())
            s.insert(QStringLiteral("reviewer"), view.reviewer);
        stepArray.append(s);
    }
    QJsonObject json{
        {QStringLiteral("hire"), hire.name},
        {QStringLiteral("mentor"), mentor.name},
        {QStringLiteral("checklist"), checklistId},
        {QStringLiteral("checklist_title"), checklistTitle},
        {QStringLiteral("version"), checklistVersion},
        {QStringLiteral("latest_version"), latestChecklistVersion},
        {QStringLiteral("start"), start.toString(Qt::ISODate)},
        {QStringLiteral("locked"), locked()},
        {QStringLiteral("reasons"), reasons},
        {QStringLiteral("steps"), stepArray},
        {QStringLiteral("done"), doneCount()},
        {QStringLiteral("total"), int(steps.size())},
    };
    if (!signedOffBy.isEmpty()) {
        json.insert(QStringLiteral("signed_off_by"), signedOffBy);
        json.insert(QStringLiteral("signed_off_at"), signatures::timeText(signedOffAt));
    }
    return json;
}

} // namespace onramp
