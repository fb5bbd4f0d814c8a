#pragma once

#include "checklist/Checklist.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace onramp {

/// What the record says about one step of an enrollment.
struct StepState {
    QString stepId;
    bool done = false;
    QDateTime doneAt;
    bool approved = false;
    bool approvalValid = false; ///< the approval's signature verified (checked by the caller)
    bool rejected = false;
};

/// The mentor's final sign-off, as the record holds it.
struct SignoffState {
    bool present = false;
    bool signatureValid = false; ///< the Ed25519 signature verified (checked by the caller)
    bool byHire = false; ///< signed by the hire themself
    int checklistVersion = 0; ///< the checklist version the signature covers
    QDateTime at;
};

/// Everything the gate looks at for one enrollment.
struct GateInput {
    Checklist checklist;
    int checklistVersion = 0; ///< the version the enrollment is on
    QString hire;
    QList<StepState> steps;
    std::optional<SignoffState> signoff;
};

/// One reason production stays locked.
struct Reason {
    QString
        code; ///< step-required, approval-pending, signoff-missing, signoff-invalid, signoff-self, signoff-stale-version
    QString stepId; ///< the step concerned, empty for sign-off reasons
    QString message; ///< translated, for people

    bool operator==(const Reason&) const = default;
};

/// The gate's answer: allowed, or every reason it is not.
struct Decision {
    bool allowed = false;
    QList<Reason> reasons;

    /// The reason codes in order; handy for tests and --json.
    QStringList codes() const;
};

/// Reason codes, spelled once.
namespace reason {
inline constexpr char16_t stepRequired[] = u"step-required";
inline constexpr char16_t approvalPending[] = u"approval-pending";
inline constexpr char16_t signoffMissing[] = u"signoff-missing";
inline constexpr char16_t signoffInvalid[] = u"signoff-invalid";
inline constexpr char16_t signoffSelf[] = u"signoff-self";
inline constexpr char16_t signoffStaleVersion[] = u"signoff-stale-version";
} // namespace reason

/// How far a sign-off may be dated after now (clocks drift) before it counts as forged.
inline constexpr qint64 kSignoffClockSkewSeconds = 300;

/// The production gate: allowed only when every required step is done, every
/// signoff step is done and approved with a valid signature, and a valid final
/// sign-off by someone other than the hire covers this checklist version. A
/// signoff step is a required step (the parser reads it so, and so does this
/// even for a Step built otherwise): it always gates.
/// Lists every reason, steps first in checklist order. Pure: no I/O, no clock.
Decision decide(const GateInput& input, const QDateTime& now);

/// The day a step falls due for an enrollment starting on start; invalid if it has no due.
QDate dueDate(const Step& step, QDate start);

/// True if the step is not done and its due day has passed by now (in now's time zone).
bool isOverdue(const Step& step, QDate start, bool done, const QDateTime& now);

/// The steps not done whose due day has passed, in checklist order.
QList<Step> overdueSteps(const Checklist& checklist, QDate start, const QList<StepState>& states, const QDateTime& now);

} // namespace onramp
