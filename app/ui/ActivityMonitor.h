#pragma once

#include <QObject>

class QCoreApplication;

namespace onramp::ui {

/// Sees the person at work anywhere in the application (a key, a click, the
/// wheel, a touch) through one event filter on the application, as
/// KeePassXC's InactivityTimer does, and says so with activity(): the
/// session restarts its idle lock on it. A text field that takes a key and a
/// control that takes a click count as much as the page around them.
class ActivityMonitor : public QObject
{
    Q_OBJECT

public:
    explicit ActivityMonitor(QObject* parent = nullptr);

    /// Watches every event \a app delivers.
    void watch(QCoreApplication* app);

Q_SIGNALS:
    void activity();
    /// The person pressed a key (\a keyboard true) or clicked, tapped or
    /// touched (false): whether the keys are what they work with now.
    void inputKind(bool keyboard);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace onramp::ui
