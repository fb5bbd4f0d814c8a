#pragma once

// What the team tests (TestTeamPeople, TestTeamCommands) set up alike on the
// fixture's cluster: a team database of their own and their people's login
// roles made afresh, the setup role's password file, this desk's trust
// store in the test's own folder, and the superuser's view of the server.

#include "PgConnection.h"
#include "PgTestCluster.h"

#include <QDebug>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace onramp::test {

/// Runs \a sql with \a params as the superuser \a super, past the server's
/// triggers (session_replication_role = replica, in a transaction of its
/// own): what the database administrator can do.
inline Error pastTriggers(server::PgConnection& super, const QString& sql, const QVariantList& params = {})
{
    server::PgConnection::Transaction transaction(super);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error error = super.execute(QStringLiteral("SET LOCAL session_replication_role = replica")))
        return error;
    if (Error error = super.execute(sql, params))
        return error;
    return transaction.commit();
}

/// Writes \a content to \a path, readable and writable by its owner only;
/// the path, or empty when it cannot be written.
inline QString writeOwnerOnlyFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

/// The address a person of the team in \a database signs in with.
inline QString teamPersonUrl(const QString& database)
{
    return QStringLiteral("host=%1 port=5432 dbname=%2").arg(pgSocketDir(), database);
}

/// The address team init takes for \a database: the fixture's superuser as
/// the setup role, signed in through the password file.
inline QString teamSetupUrl(const QString& database)
{
    return QStringLiteral("host=%1 port=5432 dbname=%2 user=%3").arg(pgSocketDir(), database, pgSuperuser());
}

/// A team test's start, in \a tmp: this desk's trust store in tmp/trust
/// (ONRAMP_TRUST_DIR, since every run makes the team anew), libpq's password
/// file for the setup role with \a moreLines after it (*passfile), the login
/// roles of \a people dropped (roles are the cluster's: the names are the
/// test's own), \a databases dropped and the first made anew, empty, with
/// the superuser connected to it (*super).
inline Error startTeamTest(const QTemporaryDir& tmp, const QStringList& databases, const QStringList& people,
                           const QByteArray& moreLines, QString* passfile, std::unique_ptr<server::PgConnection>* super)
{
    qputenv("ONRAMP_TRUST_DIR", tmp.filePath(QStringLiteral("trust")).toLocal8Bit());
    // host:port:database:user:password
    *passfile = writeOwnerOnlyFile(tmp.filePath(QStringLiteral("pgpass")),
                                   "*:*:*:" + pgSuperuser().toUtf8() + ':' + pgSuperPassword().view().toByteArray()
                                       + '\n' + moreLines);
    if (passfile->isEmpty())
        return {ErrorKind::Io, QStringLiteral("cannot write the password file in %1").arg(tmp.path())};
    std::unique_ptr<server::PgConnection> postgres;
    if (Error error = pgConnectSuper(QStringLiteral("postgres"), &postgres))
        return error;
    // Identifiers cannot be parameters; these names are the tests' own constants.
    for (const QString& database : databases)
        if (Error error =
                postgres->execute(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(database)))
            return error;
    for (const QString& name : people)
        if (Error error = postgres->execute(QStringLiteral("DROP ROLE IF EXISTS \"onramp_p_%1\"").arg(name)))
            return error;
    if (Error error = pgRecreateDatabase(databases.first()))
        return error;
    return pgConnectSuper(databases.first(), super);
}

/// One value as \a connection (the superuser) reads it; null, with a warning, on an error.
inline QVariant scalarOf(server::PgConnection& connection, const QString& sql, const QVariantList& params = {})
{
    Error error;
    const QVariant value = connection.scalar(sql, params, &error);
    if (error)
        qWarning() << error.message;
    return value;
}

} // namespace onramp::test
