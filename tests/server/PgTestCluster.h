#pragma once

// The throwaway PostgreSQL cluster of the ctest fixture (pg-cluster.sh): where
// it is and how a test connects to it as its superuser.

#include "PgConnection.h"
#include "SecureBytes.h"
#include "ServerAddress.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QString>

#include <memory>

namespace onramp::test {

/// The cluster's folder (ONRAMP_TEST_PG_DIR, set by tests/server/CMakeLists.txt).
inline QString pgClusterDir()
{
    return qEnvironmentVariable("ONRAMP_TEST_PG_DIR");
}

/// The folder holding the server's Unix socket.
inline QString pgSocketDir()
{
    return pgClusterDir() + QStringLiteral("/s");
}

/// The superuser the fixture made.
inline QString pgSuperuser()
{
    return QStringLiteral("onramp_test_super");
}

/// The superuser's password, which the fixture keeps in the cluster's folder.
inline SecureBytes pgSuperPassword()
{
    QFile file(pgClusterDir() + QStringLiteral("/superuser.pw"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.readAll().trimmed();
    SecureBytes password = SecureBytes::copyOf(bytes);
    wipe(bytes);
    return password;
}

/// The address of \a database on the fixture's cluster.
inline server::ServerAddress pgAddress(const QString& database)
{
    server::ServerAddress address;
    server::ServerAddress::parse(QStringLiteral("host=%1 port=5432 dbname=%2").arg(pgSocketDir(), database), &address);
    return address;
}

/// A superuser connection to \a database, or an error.
inline Error pgConnectSuper(const QString& database, std::unique_ptr<server::PgConnection>* out)
{
    return server::PgConnection::connect(pgAddress(database), pgSuperuser(), pgSuperPassword(), out);
}

/// Drops \a database if it exists and makes it anew, empty.
inline Error pgRecreateDatabase(const QString& database)
{
    std::unique_ptr<server::PgConnection> admin;
    if (Error error = pgConnectSuper(QStringLiteral("postgres"), &admin))
        return error;
    // Identifiers cannot be parameters; these names are the tests' own constants.
    if (Error error = admin->execute(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(database)))
        return error;
    return admin->execute(QStringLiteral("CREATE DATABASE \"%1\"").arg(database));
}

} // namespace onramp::test
