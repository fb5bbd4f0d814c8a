#include "ServerSchema.h"

#include "PgConnection.h"

#include "audit/ActionRoles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace onramp::server::schema {

namespace {

// The key of the advisory lock migrations take: 'onrampmg' in ASCII.
constexpr qint64 kMigrationLock = 0x6f6e72616d706d67;

QString stepFile(int version)
{
    return QStringLiteral(":/onramp/server/sql/schema-v%1.sql").arg(version);
}

// Objects in the database that are not PostgreSQL's own: schemas beside an
// empty public, relations, functions and types of their own (not a table's
// row type or an array type) in public, extensions beside plpgsql.
constexpr auto kForeignObjects = R"(
    SELECT (SELECT count(*) FROM pg_catalog.pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public', 'pg_toast')
               AND nspname NOT LIKE 'pg\_temp\_%' AND nspname NOT LIKE 'pg\_toast\_temp\_%')
         + (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public')
         + (SELECT count(*) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public')
         + (SELECT count(*) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = 'public' AND t.typrelid = 0 AND t.typelem = 0)
         + (SELECT count(*) FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql'))";

} // namespace

QByteArray actionRolesJson()
{
    QJsonObject roles{{QStringLiteral("team.init"), QJsonArray{QStringLiteral("admin")}}};
    for (const QString& action : actionroles::actions())
        roles.insert(action, QJsonArray::fromStringList(actionroles::rolesFor(action)));
    return QJsonDocument(roles).toJson(QJsonDocument::Compact);
}

Error currentVersion(PgConnection& connection, int* version)
{
    Error error;
    // Read from the catalog with this statement's snapshot: to_regclass()
    // would answer from the session's catalog cache, which a wait on an
    // advisory lock does not refresh, and miss a schema committed meanwhile.
    const QVariant table = connection.scalar(
        QStringLiteral("SELECT EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                       "ON n.oid = c.relnamespace WHERE n.nspname = 'onramp' AND c.relname = 'schema_version')"),
        {}, &error);
    if (error)
        return error;
    if (!table.toBool()) {
        *version = 0;
        return {};
    }
    const QVariant newest =
        connection.scalar(QStringLiteral("SELECT max(version) FROM onramp.schema_version"), {}, &error);
    if (error)
        return error;
    *version = int(newest.toLongLong());
    return {};
}

Error migrate(PgConnection& connection, int upTo)
{
    for (;;) {
        PgConnection::Transaction transaction(connection);
        if (transaction.beginError())
            return transaction.beginError();
        // Two migrations take turns. Before the schema exists, on an advisory
        // lock: no person of the team exists yet who could hold it. After,
        // on the schema version table in EXCLUSIVE mode, which only its owner
        // and the setup role may take (Onramp's roles may only read it, and
        // a reader's ACCESS SHARE does not conflict with it), so a person
        // holding every lock their login can take never stalls team init.
        int version = 0;
        if (Error error = currentVersion(connection, &version))
            return error;
        const bool empty = version == 0;
        if (Error error =
                connection.execute(empty ? QStringLiteral("SELECT pg_advisory_xact_lock($1)")
                                         : QStringLiteral("LOCK TABLE onramp.schema_version IN EXCLUSIVE MODE"),
                                   empty ? QVariantList{kMigrationLock} : QVariantList{}))
            return error;
        // What a migration that held the lock before us committed.
        if (Error error = currentVersion(connection, &version))
            return error;
        if (empty && version > 0)
            continue; // the schema exists now: take its lock instead
        if (version > kLatestVersion)
            return {
                ErrorKind::Damaged,
                Tr::tr(
                    "The team server %1 holds schema version %2; this Onramp knows versions up to %3. Update Onramp.")
                    .arg(connection.serverName())
                    .arg(version)
                    .arg(kLatestVersion)};
        if (version >= upTo)
            return {};
        if (version == 0) {
            Error error;
            const qint64 foreign = connection.scalar(QString::fromLatin1(kForeignObjects), {}, &error).toLongLong();
            if (error)
                return error;
            if (foreign > 0)
                return {
                    ErrorKind::InvalidInput,
                    Tr::tr(
                        "The database %1 already holds %n other object(s); Onramp sets up its schema only in an empty "
                        "database.",
                        nullptr, int(foreign))
                        .arg(connection.serverName())};
        }
        QFile file(stepFile(version + 1));
        if (!file.open(QIODevice::ReadOnly))
            return {ErrorKind::Io, Tr::tr("The schema step %1 is missing from this Onramp.").arg(version + 1)};
        // Schema 8 fills onramp.audit_actions from the client's own table.
        if (version + 1 == 8)
            if (Error error = connection.execute(QStringLiteral("SELECT set_config('onramp.action_roles', $1, true)"),
                                                 {QString::fromUtf8(actionRolesJson())}))
                return error;
        if (Error error = connection.executeScript(QString::fromUtf8(file.readAll())))
            return error;
        if (Error error = transaction.commit())
            return error;
    }
}

} // namespace onramp::server::schema
