#include "TeamProductionKey.h"

#include "Crypto.h"
#include "PgConnection.h"
#include "TeamAccess.h"
#include "TeamGrants.h"

#include <QJsonArray>

#include <algorithm>

namespace onramp::server {

QStringList ProductionRotation::holders() const
{
    QStringList names;
    for (const auto& [name, box] : boxes)
        names.append(name);
    return names;
}

void ProductionRotation::describe(QJsonObject* details) const
{
    details->insert(QStringLiteral("production_key_check"), QString::fromLatin1(check.toBase64()));
    details->insert(QStringLiteral("holders"), QJsonArray::fromStringList(holders()));
    QJsonArray kept;
    for (const Secret& secret : secrets)
        kept.append(QJsonObject{{QStringLiteral("credential"), secret.credential},
                                {QStringLiteral("box_digest"), boxDigest(secret.box)}});
    details->insert(QStringLiteral("secrets"), kept);
}

Error ProductionRotation::write(PgConnection& connection, const QString& author) const
{
    for (const auto& [name, box] : boxes)
        if (Error error = connection.execute(QStringLiteral("SELECT onramp.seal_production_key($1, $2)"), {name, box}))
            return error;
    for (const Secret& secret : secrets) {
        QList<QVariantList> updated;
        if (Error error = connection.execute(
                QStringLiteral("UPDATE onramp.credentials SET box = $2, author = $3, updated_at = now() WHERE hire "
                               "IS NULL AND environment = 'production' AND name = $1 AND box = $4 RETURNING id"),
                {secret.credential, secret.box, author, secret.previous}, &updated))
            return error;
        if (updated.isEmpty())
            return {ErrorKind::Busy,
                    Tr::tr("The secret of %1 was set on the team server %2 while the production key "
                           "was being rotated. Try again.")
                        .arg(secret.credential, connection.serverName())};
    }
    return {};
}

Error prepareRotation(SignedIn& admin, const QList<ServerAuditEntry>& entries,
                      const QHash<QString, ChainPerson>& people, const QMap<QString, QString>& unvouched,
                      const QString& leaving, ProductionRotation* out)
{
    *out = {};
    SecureBytes current;
    if (Error error = openProductionKey(admin, entries, people, &current))
        return error;
    const SecureBytes next = SecureBytes::random(crypto::kSymmetricKeyBytes);
    out->check = productionCheckOf(next);
    QStringList names = people.keys();
    std::sort(names.begin(), names.end());
    for (const QString& name : std::as_const(names)) {
        const ChainPerson& person = people[name];
        if (name == leaving || !person.enabled || unvouched.contains(name) || !holdsProduction(person.role))
            continue;
        const QByteArray box = crypto::sealTo(next.view(), person.key);
        if (box.isEmpty())
            return {ErrorKind::InvalidInput, Tr::tr("The key of %1 cannot be sealed to.").arg(name)};
        out->boxes.append({name, box});
    }
    QList<QVariantList> rows;
    if (Error error = admin.connection->execute(
            QStringLiteral("SELECT name, box FROM onramp.credentials WHERE hire IS NULL AND environment = "
                           "'production' ORDER BY name COLLATE \"C\""),
            {}, &rows))
        return error;
    const auto key = [&current](const SecureBytes** opened) -> Error {
        *opened = &current;
        return {};
    };
    for (const QVariantList& row : std::as_const(rows)) {
        const QString credential = row.at(0).toString();
        std::optional<SecureBytes> secret;
        if (Error error = keptSecretIn(admin, entries, credential, key, &secret))
            return error;
        if (!secret)
            continue;
        out->secrets.append({credential, row.at(1).toByteArray(), sealSecret(*secret, next, admin.teamId, credential)});
    }
    return {};
}

Error rotateProductionKey(SignedIn& admin, QStringList* holders)
{
    if (admin.role != QLatin1String("admin"))
        return {ErrorKind::NotPermitted,
                Tr::tr("only an admin can rotate the production key; %1 is a %2").arg(admin.name, admin.role)};
    QList<ServerAuditEntry> entries;
    QHash<QString, ChainPerson> people;
    Unvouched unvouched;
    if (Error error = verifyAudit(admin, &entries, &people, &unvouched))
        return error;
    ProductionRotation rotation;
    if (Error error = prepareRotation(admin, entries, people, unvouched, {}, &rotation))
        return error;
    QJsonObject details;
    rotation.describe(&details);
    if (Error error = recordSigned(admin, QStringLiteral("production.rotate"), details,
                                   [&](PgConnection& c) { return rotation.write(c, admin.name); }))
        return error;
    if (holders != nullptr)
        *holders = rotation.holders();
    return {};
}

} // namespace onramp::server
