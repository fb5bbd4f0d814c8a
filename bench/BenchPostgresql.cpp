// The postgresql provider at its source, next to what the server itself
// costs, in one run on one throwaway PostgreSQL 15 cluster (pg-cluster.sh):
// - sign-off to a usable production login: the provider's issue (the SCRAM
//   verifier, create_login through the provisioning role) and the hire's
//   first sign-in with it reading a row through the group, against a raw
//   CREATE ROLE by the superuser (alone, and with the same first sign-in);
// - a sandbox reset of a template of about 10 MB (the hire's own login ends
//   its sessions, drops the database, clones it, revokes PUBLIC's CONNECT and
//   takes the objects over), against a raw CREATE DATABASE … TEMPLATE by the
//   superuser (alone, and after a DROP DATABASE as a reset does).
// Usage: bench_postgresql [RUNS] [TEMPLATE_MB]   (default: 10 runs, 10 MB)
// The cluster lives in /tmp/onramp-bench-pg-PID and is removed at the end.
#include "PgConnection.h"
#include "PostgresqlProvider.h"
#include "ServerAddress.h"

#include "Clock.h"
#include "credentials/ProviderConnections.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace onramp;
using server::PgConnection;
using server::ServerAddress;

namespace {

const QByteArray kPassphrase = "benchmark passphrase";
const QByteArray kProvisionerPassword = "the benchmark's provisioner password";
const QString kLive = QStringLiteral("bench_live");
const QString kTemplate = QStringLiteral("bench_template");

QString g_clusterDir;

bool cluster(const QString& command)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("bash"), {QStringLiteral(ONRAMP_PG_SCRIPT), command, g_clusterDir});
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

ServerAddress addressOf(const QString& database)
{
    ServerAddress address;
    ServerAddress::parse(QStringLiteral("host=%1/s port=5432 dbname=%2").arg(g_clusterDir, database), &address);
    return address;
}

std::unique_ptr<PgConnection> super(const QString& database)
{
    QFile file(g_clusterDir + QStringLiteral("/superuser.pw"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the cluster's superuser password");
    std::unique_ptr<PgConnection> connection;
    if (Error e = PgConnection::connect(addressOf(database), QStringLiteral("onramp_test_super"),
                                        SecureBytes::copyOf(file.readAll().trimmed()), &connection))
        qFatal("superuser connection to %s: %s", qPrintable(database), qPrintable(e.message));
    return connection;
}

void must(const Error& error, const char* what)
{
    if (error)
        qFatal("%s: %s", what, qPrintable(error.message));
}

struct Figures {
    double median = 0, min = 0, max = 0;
};

/// \a run timed \a runs times; \a between (untimed) after each.
Figures timed(int runs, const std::function<void(int)>& run, const std::function<void(int)>& between = {})
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        run(i);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (between)
            between(i);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

void print(const char* what, const Figures& f)
{
    std::printf("%-58s median %8.1f ms  (min %.1f, max %.1f)\n", what, f.median, f.min, f.max);
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QStringLiteral("?");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("onramp.*.debug=false"));
    const QStringList args = app.arguments().mid(1);
    const int runs = args.size() > 0 ? std::max(1, args.at(0).toInt()) : 10;
    const int templateMb = args.size() > 1 ? std::max(1, args.at(1).toInt()) : 10;
    g_clusterDir = QStringLiteral("/tmp/onramp-bench-pg-%1").arg(QCoreApplication::applicationPid());
    std::printf("load average before: %s\n", qPrintable(loadAverage()));
    if (!cluster(QStringLiteral("start")))
        return 1;

    // The production database with the provisioning functions and a group,
    // and the sandbox settings on the same cluster (one server stands in for both).
    {
        std::unique_ptr<PgConnection> admin = super(QStringLiteral("postgres"));
        must(admin->execute(QStringLiteral("CREATE DATABASE %1").arg(kLive)), "create the live database");
        must(admin->execute(QStringLiteral("CREATE DATABASE %1").arg(kTemplate)), "create the template");
    }
    {
        std::unique_ptr<PgConnection> live = super(kLive);
        QFile script(QStringLiteral(ONRAMP_PROVISIONING_SQL));
        if (!script.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", ONRAMP_PROVISIONING_SQL);
        must(live->executeScript(QString::fromUtf8(script.readAll())), "the provisioning script");
        QString verifier;
        must(live->scramVerifier(QStringLiteral("onramp_provisioner"), SecureBytes::copyOf(kProvisionerPassword),
                                 &verifier),
             "the provisioner's verifier");
        must(live->executeScript(QStringLiteral("ALTER ROLE onramp_provisioner PASSWORD '%1';"
                                                "CREATE ROLE bench_reader NOLOGIN;"
                                                "INSERT INTO onramp_provision.allowed_groups VALUES ('bench_reader');"
                                                "UPDATE onramp_provision.settings SET sandbox_databases = true;"
                                                "CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2);"
                                                "GRANT SELECT ON orders TO bench_reader;")
                                     .arg(verifier)),
             "the live database's group");
    }
    {
        // About TEMPLATE_MB of rows: 8,000 rows of 74-byte payloads, with their index, are about 1 MB.
        std::unique_ptr<PgConnection> inTemplate = super(kTemplate);
        must(inTemplate->executeScript(
                 QStringLiteral("CREATE TABLE sample (id int PRIMARY KEY, payload text NOT NULL);"
                                "INSERT INTO sample SELECT g, md5(g::text) || md5((g + 1)::text) || 'sample row' "
                                "FROM generate_series(1, %1) g;"
                                "ALTER TABLE sample OWNER TO onramp_sandbox;")
                     .arg(templateMb * 8000)),
             "the template's rows");
        std::unique_ptr<PgConnection> admin = super(QStringLiteral("postgres"));
        must(admin->executeScript(QStringLiteral("ALTER DATABASE %1 IS_TEMPLATE true;"
                                                 "REVOKE ALL ON DATABASE %1 FROM PUBLIC;")
                                      .arg(kTemplate)),
             "mark the template");
    }

    QTemporaryDir tmp;
    std::unique_ptr<Vault> vault;
    must(Vault::create(tmp.filePath(QStringLiteral("vault")), QStringLiteral("ada"), {}, kPassphrase,
                       KdfLevel::Interactive, &vault),
         "create the vault");
    must(People(*vault).add(QStringLiteral("hal"), QStringLiteral("Hal Hire"), Role::Hire, kPassphrase),
         "add the hire");
    Person hire;
    for (const Person& person : vault->people())
        if (person.name == QLatin1String("hal"))
            hire = person;
    const QString dsn =
        QStringLiteral("host=%1/s port=5432 dbname=%2 user=onramp_provisioner").arg(g_clusterDir, kLive);
    ProviderConnections connections(*vault, defaultClock());
    must(connections.set(QStringLiteral("live"), dsn, SecureBytes::copyOf(kProvisionerPassword)), "provider set");
    providers::registerPostgresqlProvider();
    std::unique_ptr<Provider> provider = Providers::make(QStringLiteral("postgresql"));

    CredentialTemplate live;
    live.id = QStringLiteral("live-pg");
    live.environment = Environment::Production;
    live.provider = QStringLiteral("postgresql");
    live.pgServer = QStringLiteral("live");
    live.pgRoles = {QStringLiteral("bench_reader")};
    live.ttlSeconds = 8 * 3600;
    CredentialTemplate sandbox = live;
    sandbox.id = QStringLiteral("own-db");
    sandbox.environment = Environment::Sandbox;
    sandbox.pgRoles.clear();
    sandbox.pgTemplate = kTemplate;

    std::unique_ptr<PgConnection> admin = super(kLive);
    std::unique_ptr<PgConnection> maintenance = super(QStringLiteral("postgres"));
    const qint64 templateBytes =
        maintenance->scalar(QStringLiteral("SELECT pg_database_size($1)"), {kTemplate}).toLongLong();
    std::printf("PostgreSQL %s, %d runs, template %s: %.1f MB on disk (an empty database is about 7.5 MB)\n\n",
                qPrintable(admin->scalar(QStringLiteral("SHOW server_version")).toString()), runs,
                qPrintable(kTemplate), double(templateBytes) / 1e6);

    // Sign-off to a usable production login.
    const auto signInAndRead = [&](const QString& user, const SecureBytes& password) {
        std::unique_ptr<PgConnection> connection;
        must(PgConnection::connect(addressOf(kLive), user, password, &connection), "the first sign-in");
        if (connection->scalar(QStringLiteral("SELECT count(*) FROM orders")).toLongLong() != 2)
            qFatal("the login does not read through its group");
    };
    const Figures issued = timed(
        runs,
        [&](int) {
            QMap<QString, QString> fields;
            std::optional<SecureBytes> secret;
            const IssueRequest request{*vault, live, hire, 0, QDateTime::currentDateTimeUtc(), true, &fields};
            must(provider->issue(request, &secret), "issue");
            signInAndRead(fields.value(QStringLiteral("user")), *secret);
        },
        [&](int) {
            const IssueRequest request{*vault, live, hire, 0, QDateTime::currentDateTimeUtc(), true, nullptr};
            must(provider->revoke(request), "revoke");
        });
    const SecureBytes rawPassword = SecureBytes::copyOf("a raw login's password");
    QString rawVerifier;
    must(admin->scramVerifier(QStringLiteral("bench_raw"), rawPassword, &rawVerifier), "raw verifier");
    const auto dropRaw = [&](int) { must(admin->execute(QStringLiteral("DROP ROLE bench_raw")), "drop raw"); };
    const auto createRaw = [&] {
        must(admin->execute(
                 QStringLiteral("CREATE ROLE bench_raw LOGIN IN ROLE bench_reader PASSWORD '%1' "
                                "VALID UNTIL '%2'")
                     .arg(rawVerifier, QDateTime::currentDateTimeUtc().addSecs(8 * 3600).toString(Qt::ISODate))),
             "CREATE ROLE");
    };
    const Figures rawRole = timed(
        runs, [&](int) { createRaw(); }, dropRaw);
    const Figures rawRoleLogin = timed(
        runs,
        [&](int) {
            createRaw();
            signInAndRead(QStringLiteral("bench_raw"), rawPassword);
        },
        dropRaw);

    // A sandbox reset of the template.
    QMap<QString, QString> sandboxFields;
    std::optional<SecureBytes> sandboxSecret;
    const IssueRequest sandboxRequest{*vault, sandbox, hire, 0, QDateTime::currentDateTimeUtc(), true, &sandboxFields};
    const Figures sandboxIssue = timed(1, [&](int) { must(provider->issue(sandboxRequest, &sandboxSecret), "issue"); });
    const Figures reset =
        timed(runs, [&](int) { must(provider->reset(sandboxRequest, sandboxFields, *sandboxSecret), "reset"); });
    const auto dropCopy = [&](int) {
        must(maintenance->execute(QStringLiteral("DROP DATABASE IF EXISTS bench_copy WITH (FORCE)")), "drop copy");
    };
    const auto createCopy = [&] {
        must(maintenance->execute(QStringLiteral("CREATE DATABASE bench_copy TEMPLATE %1").arg(kTemplate)),
             "CREATE DATABASE");
    };
    const Figures rawClone = timed(
        runs, [&](int) { createCopy(); }, dropCopy);
    createCopy();
    const Figures rawDropClone = timed(runs, [&](int) {
        dropCopy(0);
        createCopy();
    });
    dropCopy(0);

    print("sign-off to a usable production login (issue + sign-in)", issued);
    print("raw CREATE ROLE … IN ROLE (superuser)", rawRole);
    print("raw CREATE ROLE + the same first sign-in", rawRoleLogin);
    print("sandbox database made at enrollment (once)", sandboxIssue);
    print("sandbox reset (the hire's login: drop, clone, take over)", reset);
    print("raw CREATE DATABASE … TEMPLATE (superuser)", rawClone);
    print("raw DROP DATABASE + CREATE DATABASE … TEMPLATE", rawDropClone);
    std::printf("\nload average after: %s\n", qPrintable(loadAverage()));

    admin.reset();
    maintenance.reset();
    return cluster(QStringLiteral("stop")) ? 0 : 1;
}
