#pragma once

// What the postgresql provider's tests (TestPostgresqlProvider,
// TestPostgresqlCommands, TestPostgresqlSandbox, TestPendingRevokes,
// TestSourceWall) set up alike on the fixture's cluster: a database with the
// provisioning script run in it and the groups its logins may join; the
// logins and sandbox databases an earlier run left, dropped; stopping and
// starting the cluster; connecting with what `cred show --json` hands out;
// and, for the tests that drive the real binary, running it as a person.

#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "VaultTestUtil.h"

#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace onramp::test {

/// The DSN of a provisioning connection: onramp_provisioner on \a database,
/// at the server whose socket is in \a socketDir.
inline QString provisionerDsn(const QString& database, const QString& socketDir = pgSocketDir())
{
    return QStringLiteral("host=%1 port=5432 dbname=%2 user=onramp_provisioner").arg(socketDir, database);
}

/// \a database made anew with share/postgresql-provisioning.sql
/// (ONRAMP_PROVISIONING_SQL) run in it, onramp_provisioner's password set to
/// \a provisionerPassword (as a SCRAM verifier), and each of \a groups a
/// NOLOGIN role its logins may join; the superuser's connection to it in *super.
inline Error pgProvisionedDatabase(const QString& database, const QByteArray& provisionerPassword,
                                   const QStringList& groups, std::unique_ptr<server::PgConnection>* super)
{
    if (pgClusterDir().isEmpty())
        return {ErrorKind::Io, QStringLiteral("ONRAMP_TEST_PG_DIR is not set: run this test through ctest")};
    if (Error error = pgRecreateDatabase(database))
        return error;
    if (Error error = pgConnectSuper(database, super))
        return error;
    QFile script(qEnvironmentVariable("ONRAMP_PROVISIONING_SQL"));
    if (!script.open(QIODevice::ReadOnly))
        return {ErrorKind::Io, QStringLiteral("cannot read ONRAMP_PROVISIONING_SQL '%1'").arg(script.fileName())};
    if (Error error = (*super)->executeScript(QString::fromUtf8(script.readAll())))
        return error;
    QString verifier;
    if (Error error = (*super)->scramVerifier(QStringLiteral("onramp_provisioner"),
                                              SecureBytes::copyOf(provisionerPassword), &verifier))
        return error;
    if (Error error =
            (*super)->executeScript(QStringLiteral("ALTER ROLE onramp_provisioner PASSWORD '%1'").arg(verifier)))
        return error;
    for (const QString& group : groups) {
        // Identifiers cannot be parameters; the groups are the tests' own constants.
        if (Error error = (*super)->executeScript(
                QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN "
                               "CREATE ROLE %1 NOLOGIN; END IF; END $$;"
                               "INSERT INTO onramp_provision.allowed_groups VALUES ('%1')")
                    .arg(group)))
            return error;
    }
    return {};
}

/// Drops what an earlier run left of the logins whose names match the
/// regular expression \a pattern: the databases they own (their sandboxes,
/// and any other a sandbox login made), what they own in every other
/// database, then the logins.
inline Error pgDropLogins(const QString& pattern)
{
    std::unique_ptr<server::PgConnection> super;
    if (Error error = pgConnectSuper(QStringLiteral("postgres"), &super))
        return error;
    QList<QVariantList> rows;
    if (Error error = super->execute(
            QStringLiteral("SELECT quote_ident(datname) FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                           "WHERE r.rolname ~ $1"),
            {pattern}, &rows))
        return error;
    // DROP DATABASE runs in no function or transaction: one statement each.
    for (const QVariantList& row : std::as_const(rows))
        if (Error error = super->execute(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(row.at(0).toString())))
            return error;
    rows.clear();
    if (Error error =
            super->execute(QStringLiteral("SELECT datname FROM pg_database WHERE datallowconn ORDER BY 1"), {}, &rows))
        return error;
    const QString each =
        QStringLiteral("DO $$ DECLARE r text; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname ~ '%1' "
                       "LOOP EXECUTE format('%2 %I', r); END LOOP; END $$;");
    for (const QVariantList& row : std::as_const(rows)) {
        std::unique_ptr<server::PgConnection> in;
        if (Error error = pgConnectSuper(row.at(0).toString(), &in))
            return error;
        if (Error error = in->executeScript(each.arg(pattern, QStringLiteral("DROP OWNED BY"))))
            return error;
    }
    return super->executeScript(each.arg(pattern, QStringLiteral("DROP ROLE")));
}

/// Stops ("pause") or starts again ("resume") the fixture's cluster (pg-cluster.sh, ONRAMP_TEST_PG_SCRIPT).
inline bool pgCluster(const QString& command)
{
    QProcess process;
    process.start(QStringLiteral("bash"), {qEnvironmentVariable("ONRAMP_TEST_PG_SCRIPT"), command, pgClusterDir()});
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

/// Connects as a handed-out credential (`cred show --json`): libpq with its
/// host, port and user, its secret as the password, to \a database when
/// given, else to the one handed out.
inline Error pgConnectAs(const QJsonObject& credential, std::unique_ptr<server::PgConnection>* out,
                         const QString& database = {})
{
    const QJsonObject fields = credential.value(QStringLiteral("fields")).toObject();
    server::ServerAddress address;
    if (Error error = server::ServerAddress::parse(
            QStringLiteral("host=%1 port=%2 dbname=%3")
                .arg(fields.value(QStringLiteral("host")).toString(), fields.value(QStringLiteral("port")).toString(),
                     database.isEmpty() ? fields.value(QStringLiteral("database")).toString() : database),
            &address))
        return error;
    return server::PgConnection::connect(
        address, fields.value(QStringLiteral("user")).toString(),
        SecureBytes::copyOf(credential.value(QStringLiteral("secret")).toString().toUtf8()), out);
}

/// The logins the provider made for \a hire (onramp_HIRE_…), name order, as \a super sees them.
inline QStringList pgLoginsOf(server::PgConnection& super, const QString& hire)
{
    QList<QVariantList> rows;
    if (super.execute(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1"),
                      {QStringLiteral("onramp\\_%1\\_%").arg(hire)}, &rows))
        return {QStringLiteral("(cannot read)")};
    QStringList names;
    for (const QVariantList& row : rows)
        names.append(row.at(0).toString());
    return names;
}

/// The base of a provider test through the real `onramp` binary: a vault in
/// a temporary folder, run as one of its people, every run's output kept.
class PostgresqlCliTest : public QObject
{
protected:
    QTemporaryDir m_dir;
    QString m_vault;
    QString m_output; ///< stdout and stderr of every run

    vaulttest::RunResult as(const QString& who, const QByteArray& passphrase, QStringList args,
                            const QMap<QString, QString>& extraEnv = {})
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        const vaulttest::RunResult r = vaulttest::runOnramp(args, passphrase, extraEnv);
        m_output += r.out + r.err;
        return r;
    }
    vaulttest::RunResult admin(const QStringList& args)
    {
        return as(QStringLiteral("ada"), vaulttest::kAdminPassphrase, args);
    }
    vaulttest::RunResult mentor(const QStringList& args)
    {
        return as(QStringLiteral("max"), vaulttest::kMentorPassphrase, args);
    }

    /// \a bytes written to \a name in the temporary folder: its path.
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    /// Sets the provider connection \a name to \a dsn, its secret \a password
    /// passed in a file removed again; \a environment "sandbox" or empty.
    vaulttest::RunResult setConnection(const QString& name, const QString& dsn, const QByteArray& password,
                                       const QString& environment = {})
    {
        const QString secretFile = write(QStringLiteral("provisioner.pw"), password + '\n');
        QStringList args{QStringLiteral("provider"),
                         QStringLiteral("set"),
                         name,
                         QStringLiteral("--dsn"),
                         dsn,
                         QStringLiteral("--secret-file"),
                         secretFile};
        if (!environment.isEmpty())
            args << QStringLiteral("--environment") << environment;
        const vaulttest::RunResult r = admin(args);
        QFile::remove(secretFile);
        return r;
    }
};

} // namespace onramp::test
