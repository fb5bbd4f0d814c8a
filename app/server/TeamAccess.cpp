#include "TeamAccess.h"

#include "PgConnection.h"
#include "ServerSchema.h"
#include "TeamSetup.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <sodium.h>

namespace onramp::server {

namespace {

constexpr char kSlotVersion = 1;

QByteArray slotContext(const QString& teamId, const QString& name)
{
    return QByteArrayLiteral("onramp server slot v1") + '\0' + teamId.toUtf8() + '\0' + name.toUtf8();
}

} // namespace

QString teamIdOf(const ServerAddress& address)
{
    return QString::fromUtf8(address.option("dbname"));
}

Error requireTeamId(const ServerAddress& address, QString* teamId)
{
    *teamId = teamIdOf(address);
    if (teamId->isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("The server address for %1 names no database: add dbname=NAME (the team's database, whose "
                       "name is also the team id every sign-in uses).")
                    .arg(address.displayName())};
    return {};
}

LoginCost signInCost()
{
#ifndef ONRAMP_NO_TEST_SWITCHES
    if (qgetenv("ONRAMP_TEST_KDF") == "fast")
        return LoginCost::floor();
#endif
    return LoginCost::standard();
}

QString loginRoleFor(const QString& name)
{
    if (name.toUtf8().size() <= 54)
        return QStringLiteral("onramp_p_") + name;
    const QByteArray md5 = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5).toHex();
    return QStringLiteral("onramp_p_") + name.left(40) + QLatin1Char('_') + QString::fromLatin1(md5.left(13));
}

bool isValidServerName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

QByteArray sealSlot(const SecureBytes& signSecretKey, const SecureBytes& slotKey, const QString& teamId,
                    const QString& name)
{
    return QByteArray(1, kSlotVersion)
        + crypto::encrypt(QByteArrayView(signSecretKey.constChar(), qsizetype(signSecretKey.size())), slotKey,
                          slotContext(teamId, name));
}

std::optional<SecureBytes> openSlot(QByteArrayView slot, const SecureBytes& slotKey, const QString& teamId,
                                    const QString& name)
{
    if (slot.size() < 2 || slot.at(0) != kSlotVersion)
        return std::nullopt;
    std::optional<SecureBytes> secret = crypto::decrypt(slot.sliced(1), slotKey, slotContext(teamId, name));
    if (!secret || secret->size() != crypto_sign_SECRETKEYBYTES)
        return std::nullopt;
    return secret;
}

Error makeNewPerson(QByteArrayView passphrase, const QString& teamId, const QString& name, const QString& fullName,
                    NewPerson* out)
{
    if (!isValidServerName(name))
        return {ErrorKind::InvalidInput,
                Tr::tr("'%1' cannot name a person: use up to 64 lower-case letters, digits, '.', '_' or '-', "
                       "starting with a letter.")
                    .arg(name)};
    ServerLogin login;
    if (Error error = deriveLogin(passphrase, teamId, name, signInCost(), &login))
        return error;
    out->name = name;
    out->fullName = fullName;
    out->keys = crypto::generateSignKeyPair();
    out->slot = sealSlot(out->keys.secretKey, login.slotKey, teamId, name);
    out->scramPassword = std::move(login.scramPassword);
    return {};
}

SignedIn::SignedIn() = default;
SignedIn::~SignedIn() = default;
SignedIn::SignedIn(SignedIn&&) noexcept = default;
SignedIn& SignedIn::operator=(SignedIn&&) noexcept = default;

Error signIn(const ServerAddress& address, const QString& name, QByteArrayView passphrase, SignedIn* out)
{
    QString teamId;
    if (Error error = requireTeamId(address, &teamId))
        return error;
    const auto unknown = [&] {
        return Error{ErrorKind::Auth,
                     Tr::tr("The team server %1 refused the sign-in of %2: the passphrase is wrong or nobody of that "
                            "name is known there.")
                         .arg(address.displayName(), name)};
    };
    if (!isValidServerName(name))
        return unknown();
    ServerLogin login;
    if (Error error = deriveLogin(passphrase, teamId, name, signInCost(), &login))
        return error;
    std::unique_ptr<PgConnection> connection;
    if (Error error = PgConnection::connect(address, loginRoleFor(name), login.scramPassword, &connection))
        return error;
    QList<QVariantList> rows;
    // Row-level security shows a person their own slot only.
    if (Error error = connection->execute(
            QStringLiteral("SELECT p.role, p.full_name, p.sign_public_key, s.slot FROM onramp.people p "
                           "LEFT JOIN onramp.key_slots s ON s.name = p.name "
                           "WHERE p.name = $1 AND p.name = onramp.current_person()"),
            {name}, &rows))
        return error;
    if (rows.isEmpty())
        return unknown();
    const QVariantList& row = rows.first();
    const QByteArray publicKey = row.at(2).toByteArray();
    std::optional<SecureBytes> secret = openSlot(row.at(3).toByteArray(), login.slotKey, teamId, name);
    QByteArray derivedPublic(crypto_sign_PUBLICKEYBYTES, 0);
    if (secret)
        crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(derivedPublic.data()), secret->data());
    if (!secret || derivedPublic != publicKey)
        return {ErrorKind::Damaged,
                Tr::tr("The key slot of %1 on the team server %2 does not open with their passphrase, or holds "
                       "another key than theirs: it was altered, or made for another team id.")
                    .arg(name, address.displayName())};
    out->connection = std::move(connection);
    out->teamId = teamId;
    out->name = name;
    out->role = row.at(0).toString();
    out->fullName = row.at(1).toString();
    out->keys = crypto::SignKeyPair{publicKey, std::move(*secret)};
    return {};
}

Error addPerson(SignedIn& admin, const QString& name, const QString& role, const QString& fullName,
                QByteArrayView passphrase)
{
    NewPerson person;
    if (Error error = makeNewPerson(passphrase, admin.teamId, name, fullName, &person))
        return error;
    PgConnection& connection = *admin.connection;
    QString verifier;
    if (Error error = connection.scramVerifier(loginRoleFor(name), person.scramPassword, &verifier))
        return error;
    PgConnection::Transaction transaction(connection);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error error = connection.execute(QStringLiteral("SELECT onramp.add_person($1, $2, $3, $4, $5, $6)"),
                                         {name, role, fullName, person.keys.publicKey, verifier, person.slot}))
        return error;
    return transaction.commit();
}

Error initTeam(const ServerAddress& address, const QString& adminName, const QString& fullName,
               QByteArrayView passphrase, TeamInitOutcome* outcome)
{
    QString teamId;
    if (Error error = requireTeamId(address, &teamId))
        return error;
    if (!isValidServerName(adminName))
        return {ErrorKind::InvalidInput,
                Tr::tr("'%1' cannot name a person: use up to 64 lower-case letters, digits, '.', '_' or '-', "
                       "starting with a letter.")
                    .arg(adminName)};
    std::unique_ptr<PgConnection> setup;
    if (Error error = PgConnection::connectSetupRole(address, &setup))
        return error;
    Error error;
    QList<QVariantList> rows;
    if (Error e = setup->execute(QStringLiteral("SELECT current_user::text, rolsuper OR rolcreaterole FROM pg_roles "
                                                "WHERE rolname = current_user"),
                                 {}, &rows))
        return e;
    if (rows.isEmpty() || !rows.first().at(1).toBool())
        return {ErrorKind::NotPermitted,
                Tr::tr("The role %1 may not create roles on the team server %2: team init runs as a superuser or "
                       "a role with CREATEROLE.")
                    .arg(rows.isEmpty() ? QString() : rows.first().at(0).toString(), setup->serverName())};

    // Set up already with this admin: prove the passphrase and change nothing.
    int version = 0;
    if (Error e = schema::currentVersion(*setup, &version))
        return e;
    if (version > 0) {
        const QVariant role = setup->scalar(
            QStringLiteral("SELECT role FROM onramp.people WHERE name = $1 AND enabled"), {adminName}, &error);
        if (error)
            return error;
        if (role.toString() == QLatin1String("admin")) {
            if (Error e = schema::migrate(*setup))
                return e;
            SignedIn admin;
            if (Error e = signIn(address, adminName, passphrase, &admin))
                return e;
            *outcome = TeamInitOutcome::AlreadySetUp;
            return {};
        }
    }

    NewPerson person;
    if (Error e = makeNewPerson(passphrase, teamId, adminName, fullName, &person))
        return e;
    FirstAdmin admin{person.name, person.fullName, person.keys.publicKey, person.slot, std::move(person.scramPassword)};
    if (Error e = setUpTeam(*setup, admin))
        return e;
    *outcome = TeamInitOutcome::Created;
    return {};
}

} // namespace onramp::server
