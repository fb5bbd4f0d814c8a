#pragma once

#include <QString>

namespace onramp::ui {

/// One thing a person is told outside the window: a step awaits their
/// review, a step of theirs was approved or sent back, their production
/// access was signed off.
struct Notification {
    /// What the event is, to tell one event from another ("review:alex:laptop:…").
    QString key;
    QString summary; ///< one line, e.g. "Step to review"
    QString body; ///< a sentence that says what happened
};

/// Where notifications go: the desktop's notification service
/// (DesktopNotifier), or whatever a test puts in its place to observe them.
class Notifier
{
public:
    virtual ~Notifier() = default;
    /// Shows \a notification; never waits for the desktop.
    virtual void show(const Notification& notification) = 0;
};

} // namespace onramp::ui
