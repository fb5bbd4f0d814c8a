#pragma once

#include <QDBusConnection>
#include <QString>

namespace onramp::ui {

/// The launcher entry's badge on docks and task managers that read the
/// `com.canonical.Unity.LauncherEntry` D-Bus signal (KDE Plasma's task
/// manager, GNOME's Dash to Dock and Ubuntu Dock, Unity): each update is one
/// `Update` signal naming the app's desktop file, with the count and whether
/// it shows. Without a session bus nothing is sent and the app goes on.
class LauncherEntry
{
public:
    explicit LauncherEntry(const QDBusConnection& bus = QDBusConnection::sessionBus());

    /// Shows \a count on the launcher entry (\a visible false: no badge).
    void update(qint64 count, bool visible);

    static constexpr const char* kInterface = "com.canonical.Unity.LauncherEntry";
    static constexpr const char* kPath = "/com/canonical/unity/launcherentry/onramp";
    /// The entry the docks match: the desktop file installer/linux installs.
    static constexpr const char* kAppUri = "application://org.example.Onramp.desktop";

private:
    QDBusConnection m_bus;
};

} // namespace onramp::ui
