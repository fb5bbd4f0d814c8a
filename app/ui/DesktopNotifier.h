#pragma once

#include "Notifier.h"

#include <QDBusConnection>

namespace onramp::ui {

/// The freedesktop notification service (org.freedesktop.Notifications on
/// the session bus), over Qt D-Bus: each notification is one Notify call,
/// sent without waiting for the answer. Without a session bus or a service,
/// nothing is shown and the app goes on; the window says everything too.
class DesktopNotifier : public Notifier
{
public:
    explicit DesktopNotifier(const QDBusConnection& bus = QDBusConnection::sessionBus());

    void show(const Notification& notification) override;

    static constexpr const char* kService = "org.freedesktop.Notifications";
    static constexpr const char* kPath = "/org/freedesktop/Notifications";
    static constexpr const char* kInterface = "org.freedesktop.Notifications";

private:
    QDBusConnection m_bus;
};

} // namespace onramp::ui
