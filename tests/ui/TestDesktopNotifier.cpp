// DesktopNotifier over a real session bus: the test runs under
// dbus-run-session (it starts itself so when no session bus is set) and
// registers, on a connection of its own, a small org.freedesktop.Notifications
// service that records every Notify call, as a notification daemon gets it.
#include "SessionBus.h"

#include "DesktopNotifier.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QTest>

using onramp::ui::DesktopNotifier;
using onramp::ui::Notification;

/// The freedesktop service's one call the app makes, recorded.
class NotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString& appName, uint replacesId, const QString& appIcon, const QString& summary,
                const QString& body, const QStringList& actions, const QVariantMap& hints, int expireTimeout)
    {
        calls.append({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout});
        return uint(calls.size());
    }
    QStringList GetCapabilities() { return {QStringLiteral("body")}; }
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private:
    NotificationService m_service;
    QDBusConnection m_daemonBus{QString()};

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no session bus, and dbus-run-session could not start one");
        m_daemonBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("notification-daemon"));
        QVERIFY(m_daemonBus.isConnected());
        QVERIFY(m_daemonBus.registerObject(QLatin1String(DesktopNotifier::kPath), &m_service,
                                           QDBusConnection::ExportAllSlots));
        QVERIFY2(m_daemonBus.registerService(QLatin1String(DesktopNotifier::kService)),
                 qPrintable(m_daemonBus.lastError().message()));
    }

    void cleanupTestCase()
    {
        if (m_daemonBus.isConnected()) {
            m_daemonBus.unregisterService(QLatin1String(DesktopNotifier::kService));
            QDBusConnection::disconnectFromBus(QStringLiteral("notification-daemon"));
        }
    }

    // One notification is one Notify call with the app's name, its summary
    // and body as given, no actions, the desktop file named, the server's timeout.
    void aNotificationIsOneNotifyCall()
    {
        DesktopNotifier notifier;
        notifier.show({QStringLiteral("review/alex/laptop/1"), QStringLiteral("A step to review"),
                       QStringLiteral("Alex Newhire marked “Set up your laptop” done; it awaits your review.")});
        QTRY_COMPARE_WITH_TIMEOUT(m_service.calls.size(), 1, 30000);
        const NotificationService::Call& call = m_service.calls.constFirst();
        QCOMPARE(call.appName, QStringLiteral("Onramp"));
        QCOMPARE(call.replacesId, 0u);
        QCOMPARE(call.summary, QStringLiteral("A step to review"));
        QCOMPARE(call.body, QStringLiteral("Alex Newhire marked “Set up your laptop” done; it awaits your review."));
        QVERIFY(call.actions.isEmpty());
        QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("onramp"));
        QCOMPARE(call.expireTimeout, -1);
        // The event's key is the app's own: the desktop is told only the words.
        QVERIFY(!call.body.contains(QStringLiteral("review/")));
    }

    // With no service on the bus the call goes nowhere and the app goes on.
    void noServiceShowsNothingAndGoesOn()
    {
        QVERIFY(m_daemonBus.unregisterService(QLatin1String(DesktopNotifier::kService)));
        QTRY_VERIFY_WITH_TIMEOUT(
            !QDBusConnection::sessionBus().interface()->isServiceRegistered(QLatin1String(DesktopNotifier::kService)),
            30000);
        const qsizetype before = m_service.calls.size();
        DesktopNotifier notifier;
        notifier.show({QStringLiteral("signed-off/1"), QStringLiteral("Production access signed off"),
                       QStringLiteral("Maya Mentor signed off your production access.")});
        // A round trip on the bus after the call: the call went out before it.
        QVERIFY(
            !QDBusConnection::sessionBus().interface()->isServiceRegistered(QLatin1String(DesktopNotifier::kService)));
        QCoreApplication::processEvents();
        QCOMPARE(m_service.calls.size(), before);
        QVERIFY(m_daemonBus.registerService(QLatin1String(DesktopNotifier::kService)));
    }
};

int main(int argc, char** argv)
{
    return onramp::test::execOnOwnSessionBus<TestDesktopNotifier>(argc, argv);
}

#include "TestDesktopNotifier.moc"
