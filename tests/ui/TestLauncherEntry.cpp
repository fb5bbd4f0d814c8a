// LauncherEntry over a real session bus: the test runs under
// dbus-run-session (it starts itself so when no session bus is set) and,
// on a connection of its own, listens for the
// com.canonical.Unity.LauncherEntry signal as a dock or task manager does.
#include "SessionBus.h"

#include "LauncherDock.h"
#include "LauncherEntry.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QTest>

using onramp::test::LauncherDock;
using onramp::ui::LauncherEntry;

class TestLauncherEntry : public QObject
{
    Q_OBJECT

private:
    LauncherDock m_dock;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no session bus, and dbus-run-session could not start one");
        // As docks listen: the interface's Update signal from any sender and path.
        QVERIFY(m_dock.listen(QStringLiteral("dock")));
    }

    // The count goes out as one Update naming the app's desktop file, the count an int64.
    void aCountIsOneUpdateSignal()
    {
        LauncherEntry entry;
        entry.update(3, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_dock.updates.size(), 1, 30000);
        const LauncherDock::Update& update = m_dock.updates.constFirst();
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
    return onramp::test::execOnOwnSessionBus<TestLauncherEntry>(argc, argv);
}

#include "TestLauncherEntry.moc"
