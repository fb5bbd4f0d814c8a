#include "TeamSetup.h"

#include "PgConnection.h"
#include "ServerSchema.h"
#include "TeamAccess.h"

namespace onramp::server {

Error setUpTeam(PgConnection& connection, const FirstAdmin& admin)
{
    if (Error error = schema::migrate(connection))
        return error;
    PgConnection::Transaction transaction(connection);
    if (transaction.beginError())
        return transaction.beginError();
    // The people table decides; lock it so that two set-ups take turns.
    if (Error error = connection.execute(QStringLiteral("LOCK TABLE onramp.people IN EXCLUSIVE MODE")))
        return error;
    QList<QVariantList> people;
    if (Error error =
            connection.execute(QStringLiteral("SELECT name, role, sign_public_key FROM onramp.people"), {}, &people))
        return error;
    if (!people.isEmpty()) {
        for (const QVariantList& person : std::as_const(people)) {
            if (person.at(0).toString() == admin.name && person.at(1).toString() == QLatin1String("admin")
                && person.at(2).toByteArray() == admin.signPublicKey)
                return {};
        }
        return {ErrorKind::InvalidInput,
                Tr::tr("The team on %1 is set up already, and %2 is not its first admin: its admins add people.")
                    .arg(connection.serverName(), admin.name)};
    }
    QString verifier;
    if (Error error = connection.scramVerifier(loginRoleFor(admin.name), admin.scramPassword, &verifier))
        return error;
    if (Error error = connection.execute(QStringLiteral("SELECT onramp.add_person($1, 'admin', $2, $3, $4, $5)"),
                                         {admin.name, admin.fullName, admin.signPublicKey, verifier, admin.slot}))
        return error;
    return transaction.commit();
}

Error openToEveryRole(PgConnection& connection, QStringList* open)
{
    open->clear();
    QList<QVariantList> rows;
    if (Error error = connection.execute(
            QStringLiteral("SELECT has_function_privilege('public', 'pg_catalog.pg_advisory_lock(bigint)', 'EXECUTE'), "
                           "has_database_privilege('public', current_database(), 'TEMPORARY'), "
                           "has_function_privilege('public', 'pg_catalog.lo_create(oid)', 'EXECUTE')"),
            {}, &rows))
        return error;
    if (rows.isEmpty())
        return {};
    const QVariantList& granted = rows.first();
    if (granted.at(0).toBool())
        open->append(Tr::tr("take advisory locks"));
    if (granted.at(1).toBool())
        open->append(Tr::tr("make temporary tables"));
    if (granted.at(2).toBool())
        open->append(Tr::tr("create large objects"));
    return {};
}

} // namespace onramp::server
