// A dock or task manager, as far as Onramp's launcher badge goes: on a
// connection of its own it listens for com.canonical.Unity.LauncherEntry's
// Update signal from any sender and path, and keeps every one it sees.
#pragma once

#include "LauncherEntry.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QObject>

namespace onramp::test {

class LauncherDock : public QObject
{
    Q_OBJECT

public:
    struct Update {
        QString path;
        QString appUri;
        QVariantMap properties;

        qlonglong count() const { return properties.value(QStringLiteral("count")).toLongLong(); }
        bool countVisible() const { return properties.value(QStringLiteral("count-visible")).toBool(); }
    };
    QList<Update> updates;

    /// Listens on a connection of its own to the session bus, named \a name;
    /// false when there is no session bus or the match rule cannot be added.
    bool listen(const QString& name)
    {
        m_name = name;
        QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, name);
        if (!bus.isConnected()
            || !bus.connect(QString(), QString(), QLatin1String(onramp::ui::LauncherEntry::kInterface),
                            QStringLiteral("Update"), this, SLOT(onUpdate(QDBusMessage))))
            return false;
        // The match rule is in place once a round trip to the bus has been made.
        return bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.DBus"));
    }

    ~LauncherDock() override
    {
        if (!m_name.isEmpty())
            QDBusConnection::disconnectFromBus(m_name);
    }

private Q_SLOTS:
    void onUpdate(const QDBusMessage& message)
    {
        const QList<QVariant> args = message.arguments();
        // a{sv} arrives marshalled: each value as the type it has on the wire ('x' is a qlonglong).
        updates.append({message.path(), args.value(0).toString(), qdbus_cast<QVariantMap>(args.value(1))});
    }

private:
    QString m_name;
};

} // namespace onramp::test
