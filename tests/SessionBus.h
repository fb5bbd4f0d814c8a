// Tests that need a session bus of their own: without one, the test runs
// itself again under dbus-run-session, so that what it sends and listens
// for never reaches the desktop's bus, and CI (which has no session bus)
// runs it all the same.
#pragma once

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

namespace onramp::test {

/// When no session bus is set, runs this test again under dbus-run-session
/// and returns that run's exit code; otherwise, or without
/// dbus-run-session (the test then skips what needs a bus), -1.
inline int rerunOnOwnSessionBus(int argc, char** argv)
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") || !qEnvironmentVariableIsEmpty("ONRAMP_UNDER_DBUS"))
        return -1;
    QCoreApplication probe(argc, argv);
    const QString runner = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (runner.isEmpty())
        return -1;
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

/// A Qt Test main() for a QCoreApplication test of \a Test on a session
/// bus of its own.
template<typename Test>
int execOnOwnSessionBus(int argc, char** argv)
{
    if (const int code = rerunOnOwnSessionBus(argc, argv); code >= 0)
        return code;
    QCoreApplication app(argc, argv);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace onramp::test
