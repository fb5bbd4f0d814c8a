#include "EnrollmentStatus.h"

#include "onboarding/Signatures.h"

#include <QJsonArray>

namespace onramp {

QString stepStatusKey(StepStatus status)
{
    switch (status) {
    case StepStatus::Open:
        return QStringLiteral("open");
    case StepStatus::Done:
        return QStringLiteral("done");
    case StepStatus::WaitingForReview:
        return QStringLiteral("waiting-for-review");
    case StepStatus::Approved:
        return QStringLiteral("approved");
    case StepStatus::SentBack:
        return QStringLiteral("sent-back");
    case StepStatus::Resubmitted:
        return QStringLiteral("resubmitted");
    }
    return QStringLiteral("open");
}

StepStatus StepView::status() const
{
    // A rejection deletes the step's record, so a done step whose latest
    // review rejected it was redone after it was sent back.
    if (!done)
        return rejected ? StepStatus::SentBack : StepStatus::Open;
    if (!step.signoff)
        return StepStatus::Done;
    if (approved)
        return StepStatus::Approved;
    return rejected ? StepStatus::Resubmitted : StepStatus::WaitingForReview;
}

int EnrollmentStatus::doneCount() const
{
    return int(std::count_if(steps.cbegin(), steps.cend(), [](const StepView& s) { return s.finished(); }));
}

int EnrollmentStatus::awaitingReviewCount() const
{
    return int(std::count_if(steps.cbegin(), steps.cend(), [](const StepView& s) { return s.awaitingReview(); }));
}

QString EnrollmentStatus::accessKey() const
{
    // Not productionAccessKey(): the scripts' word for standing access is "granted".
    switch (production()) {
    case ProductionAccess::Locked:
        return QStringLiteral("locked");
    case ProductionAccess::Revoked:
        return QStringLiteral("revoked");
    case ProductionAccess::Unlocked:
        return productionExpired ? QStringLiteral("expired") : QStringLiteral("unlocked");
    }
    return {};
}

QDateTime EnrollmentStatus::reviewWaitSince(const StepView& step) const
{
    return step.approvalEndedByMove && movedAt.isValid() && movedAt > step.doneAt ? movedAt : step.doneAt;
}

QDateTime EnrollmentStatus::firstSignoffAt() const
{
    const QDateTime now = signedOffBy.isEmpty() ? QDateTime() : signedOffAt;
    const QDateTime ended = signoffEndedByMove ? signoffEndedAt : QDateTime();
    if (!now.isValid())
        return ended;
    return ended.isValid() && ended < now ? ended : now;
}

QList<Reason> EnrollmentStatus::reasonsBeforeSignoff() const
{
    QList<Reason> open;
    for (const Reason& reason : decision.reasons) {
        if (!reason.code.startsWith(QLatin1String("signoff-")))
            open.append(reason);
    }
    return open;
}

QStringList EnrollmentStatus::beforeSignoff() const
{
    QStringList open;
    for (const Reason& reason : reasonsBeforeSignoff())
        open.append(reason.message);
    return open;
}

QString EnrollmentStatus::undoRefusedAfterSignoff(const StepView& step) const
{
    return Tr::tr("production access is signed off by %1, so “%2” stays as it was signed off; ask your mentor if "
                  "it needs doing again")
        .arg(signedOffByDisplayName.isEmpty() ? signedOffBy : signedOffByDisplayName, step.step.title);
}

QString productionAccessKey(ProductionAccess access)
{
    switch (access) {
    case ProductionAccess::Locked:
        return QStringLiteral("locked");
    case ProductionAccess::Unlocked:
        return QStringLiteral("granted");
    case ProductionAccess::Revoked:
        return QStringLiteral("revoked");
    }
    return {};
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
            {QStringLiteral("overdue"), view.overdue},      {QStringLiteral("status"), stepStatusKey(view.status())},
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
        if (view.changedFromVersion > 0)
            s.insert(QStringLiteral("changed_from"),
                     QJsonObject{{QStringLiteral("version"), view.changedFromVersion},
                                 {QStringLiteral("title"), view.titleBefore},
                                 {QStringLiteral("body"), view.bodyBefore}});
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
        {QStringLiteral("production"), productionAccessKey(production())},
        {QStringLiteral("reasons"), reasons},
        {QStringLiteral("steps"), stepArray},
        {QStringLiteral("done"), doneCount()},
        {QStringLiteral("total"), int(steps.size())},
    };
    if (!signedOffBy.isEmpty()) {
        json.insert(QStringLiteral("signed_off_by"), signedOffBy);
        json.insert(QStringLiteral("signed_off_at"), signatures::timeText(signedOffAt));
    }
    if (production() == ProductionAccess::Revoked) {
        json.insert(QStringLiteral("revoked_by"), revokedBy);
        json.insert(QStringLiteral("revoked_at"), signatures::timeText(revokedAt));
    }
    return json;
}

} // namespace onramp
