#include "DesktopNotifier.h"

#include <QDBusMessage>
#include <QLoggingCategory>
#include <QStringList>
#include <QVariantMap>

Q_LOGGING_CATEGORY(lcNotify, "onramp.ui.notify")

namespace onramp::ui {

DesktopNotifier::DesktopNotifier(const QDBusConnection& bus)
    : m_bus(bus)
{}

void DesktopNotifier::show(const Notification& notification)
{
    if (!m_bus.isConnected()) {
        qCInfo(lcNotify) << "no session bus: a notification is not shown";
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                       QLatin1String(kInterface), QStringLiteral("Notify"));
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("onramp"));
    call << QStringLiteral("Onramp") << uint(0) << QStringLiteral("onramp") << notification.summary << notification.body
         << QStringList() << hints << int(-1);
    // Sent, not awaited: a missing service costs the window nothing.
    if (!m_bus.send(call))
        qCInfo(lcNotify) << "the notification service could not be called:" << m_bus.lastError().message();
}

} // namespace onramp::ui
