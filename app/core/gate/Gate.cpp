#include "gate/Gate.h"

#include <QCoreApplication>
#include <QHash>

namespace onramp {

namespace {

QString code(const char16_t* text)
{
    return QString::fromUtf16(text);
}

QString stepName(const Step& step)
{
    return step.title.isEmpty() ? step.id : step.title;
}

// The first record for each step id; a step with no record is simply not done.
QHash<QString, StepState> byId(const QList<StepState>& states)
{
    QHash<QString, StepState> map;
    for (const StepState& s : states) {
        if (!map.contains(s.stepId))
            map.insert(s.stepId, s);
    }
    return map;
}

std::optional<Reason> stepReason(const Step& step, const StepState& state)
{
    if (!step.required && !step.signoff)
        return std::nullopt;
    if (!state.done) {
        const QString message = state.rejected
            ? QCoreApplication::translate("onramp", "the mentor asked for changes on '%1': make them and mark it done")
            : QCoreApplication::translate("onramp", "'%1' is not done yet");
        return Reason{code(reason::stepRequired), step.id, message.arg(stepName(step))};
    }
    if (!step.signoff || (state.approved && state.approvalValid))
        return std::nullopt;
    QString message;
    if (state.approved)
        message = QCoreApplication::translate(
            "onramp", "the approval of '%1' does not verify and counts for nothing; the mentor must approve it again");
    else if (state.rejected)
        message = QCoreApplication::translate(
            "onramp", "'%1' was redone after the mentor asked for changes, and waits for their review again");
    else
        message = QCoreApplication::translate("onramp", "'%1' is waiting for the mentor's review");
    return Reason{code(reason::approvalPending), step.id, message.arg(stepName(step))};
}

void signoffReasons(const GateInput& input, const QDateTime& now, QList<Reason>& out)
{
    if (!input.signoff || !input.signoff->present) {
        out.append({code(reason::signoffMissing),
                    {},
                    QCoreApplication::translate("onramp", "no mentor has signed off production access yet")});
        return;
    }
    const SignoffState& s = *input.signoff;
    // A sign-off dated well after now cannot have been made yet: treat it as forged.
    const bool fromTheFuture = s.at.isValid() && now.isValid() && s.at > now.addSecs(kSignoffClockSkewSeconds);
    if (!s.signatureValid)
        out.append(
            {code(reason::signoffInvalid),
             {},
             QCoreApplication::translate(
                 "onramp",
                 "the sign-off's signature does not verify; it counts for nothing and a mentor must sign off again")});
    else if (fromTheFuture)
        out.append({code(reason::signoffInvalid),
                    {},
                    QCoreApplication::translate(
                        "onramp", "the sign-off is dated %1, later than now; a mentor must sign off again")
                        .arg(s.at.toString(Qt::ISODate))});
    if (s.byHire)
        out.append({code(reason::signoffSelf),
                    {},
                    QCoreApplication::translate(
                        "onramp", "%1 signed off their own production access; a mentor must sign off instead")
                        .arg(input.hire)});
    if (s.checklistVersion != input.checklistVersion)
        out.append({code(reason::signoffStaleVersion),
                    {},
                    QCoreApplication::translate("onramp",
                                                "the sign-off covers checklist version %1, but the enrollment is on "
                                                "version %2; a mentor must sign off again")
                        .arg(s.checklistVersion)
                        .arg(input.checklistVersion)});
}

} // namespace

QStringList Decision::codes() const
{
    QStringList out;
    for (const Reason& r : reasons)
        out.append(r.code);
    return out;
}

Decision decide(const GateInput& input, const QDateTime& now)
{
    Decision decision;
    const QHash<QString, StepState> states = byId(input.steps);
    for (const Step& step : input.checklist.steps) {
        if (auto r = stepReason(step, states.value(step.id)))
            decision.reasons.append(*r);
    }
    signoffReasons(input, now, decision.reasons);
    decision.allowed = decision.reasons.isEmpty();
    return decision;
}

QDate dueDate(const Step& step, QDate start)
{
    if (!step.dueDays || !start.isValid())
        return {};
    return start.addDays(*step.dueDays);
}

bool isOverdue(const Step& step, QDate start, bool done, const QDateTime& now)
{
    const QDate due = dueDate(step, start);
    return !done && due.isValid() && now.isValid() && now.date() > due;
}

QList<Step> overdueSteps(const Checklist& checklist, QDate start, const QList<StepState>& states, const QDateTime& now)
{
    const QHash<QString, StepState> map = byId(states);
    QList<Step> out;
    for (const Step& step : checklist.steps) {
        if (isOverdue(step, start, map.value(step.id).done, now))
            out.append(step);
    }
    return out;
}

} // namespace onramp
