// LauncherEntry over a real session bus: the test runs under
// dbus-run-session (it starts itself so when no session bus is set) and,
// on a connection of its own, listens for the
// com.canonical.Unity.LauncherEntry signal as a dock or task manager does.
#include "LauncherEntry.h"

#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using onramp::ui::LauncherEntry;

/// A dock: keeps every Update it sees.
class Dock : public QObject
{
    Q_OBJECT

public:
    struct Update {
        QString path;
        QString appUri;
        QVariantMap properties;
    };
    QList<Update> updates;

public Q_SLOTS:
    void onUpdate(const QDBusMessage& message)
    {
        const QList<QVariant> args = message.arguments();
        // a{sv} arrives marshalled: each value as the type it has on the wire ('x' is a qlonglong).
        updates.append({message.path(), args.value(0).toString(), qdbus_cast<QVariantMap>(args.value(1))});
    }
};

class TestLauncherEntry : public QObject
{
    Q_OBJECT

private:
    Dock m_dock;
    QDBusConnection m_dockBus{QString()};

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no session bus, and dbus-run-session could not start one");
        m_dockBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("dock"));
        QVERIFY(m_dockBus.isConnected());
        // As docks listen: the interface's Update signal from any sender and path.
        QVERIFY(m_dockBus.connect(QString(), QString(), QLatin1String(LauncherEntry::kInterface),
                                  QStringLiteral("Update"), &m_dock, SLOT(onUpdate(QDBusMessage))));
        // The match rule is in place once a round trip to the bus has been made.
        QVERIFY(m_dockBus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.DBus")));
    }

    void cleanupTestCase() { QDBusConnection::disconnectFromBus(QStringLiteral("dock")); }

    // The count goes out as one Update naming the app's desktop file, the count an int64.
    void aCountIsOneUpdateSignal()
    {
        LauncherEntry entry;
        entry.update(3, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_dock.updates.size(), 1, 30000);
        const Dock::Update& update = m_dock.updates.constFirst();
        QCOMPARE(update.appUri, QStringLiteral("application://org.example.Onramp.desktop"));
        QCOMPARE(update.path, QLatin1String(LauncherEntry::kPath));
        QCOMPARE(update.properties.value(QStringLiteral("count")).metaType(), QMetaType::fromType<qlonglong>());
        QCOMPARE(update.properties.value(QStringLiteral("count")).toLongLong(), 3);
        QCOMPARE(update.properties.value(QStringLiteral("count-visible")).toBool(), true);
    }

    // Taking the badge away says so: count-visible false.
    void noCountHidesTheBadge()
    {
        const qsizetype before = m_dock.updates.size();
        LauncherEntry entry;
        entry.update(0, false);
        QTRY_COMPARE_WITH_TIMEOUT(m_dock.updates.size(), before + 1, 30000);
        QCOMPARE(m_dock.updates.constLast().properties.value(QStringLiteral("count")).toLongLong(), 0);
        QCOMPARE(m_dock.updates.constLast().properties.value(QStringLiteral("count-visible")).toBool(), false);
    }

    // Without a bus the app goes on and nothing is sent.
    void noBusSendsNothing()
    {
        LauncherEntry entry(QDBusConnection(QStringLiteral("no-such-connection")));
        entry.update(5, true);
    }
};

int main(int argc, char** argv)
{
    // Without a session bus of its own, the test runs again under one.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") && qEnvironmentVariableIsEmpty("ONRAMP_UNDER_DBUS")) {
        QCoreApplication probe(argc, argv);
        const QString runner = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
        if (!runner.isEmpty()) {
            QStringList args{QStringLiteral("--"), QCoreApplication::applicationFilePath()};
            args += QCoreApplication::arguments().mid(1);
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("ONRAMP_UNDER_DBUS"), QStringLiteral("1"));
            child.setProcessEnvironment(env);
            child.start(runner, args);
            if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit)
                return 1;
            return child.exitCode();
        }
    }
    QCoreApplication app(argc, argv);
    TestLauncherEntry test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestLauncherEntry.moc"
