#include "LauncherEntry.h"

#include <QDBusMessage>
#include <QLoggingCategory>
#include <QVariantMap>

Q_LOGGING_CATEGORY(lcLauncher, "onramp.ui.launcher")

namespace onramp::ui {

LauncherEntry::LauncherEntry(const QDBusConnection& bus)
    : m_bus(bus)
{}

void LauncherEntry::update(qint64 count, bool visible)
{
    if (!m_bus.isConnected()) {
        qCInfo(lcLauncher) << "no session bus: the launcher's badge is not set";
        return;
    }
    QDBusMessage signal =
        QDBusMessage::createSignal(QLatin1String(kPath), QLatin1String(kInterface), QStringLiteral("Update"));
    // Update(app_uri, properties): "count" is an int64 ('x'), as the docks read it.
    QVariantMap properties;
    properties.insert(QStringLiteral("count"), qint64(count));
    properties.insert(QStringLiteral("count-visible"), visible);
    signal << QLatin1String(kAppUri) << properties;
    if (!m_bus.send(signal))
        qCInfo(lcLauncher) << "the launcher's badge could not be sent:" << m_bus.lastError().message();
}

} // namespace onramp::ui
