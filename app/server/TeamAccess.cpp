#include "TeamAccess.h"

#include "PgConnection.h"
#include "ServerSchema.h"
#include "TeamSetup.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <sodium.h>

namespace onramp::server {

namespace {

constexpr char kSlotVersion = 1;

QByteArray slotContext(const QString& teamId, const QString& name)
{
    return QByteArrayLiteral("onramp server slot v1") + '\0' + teamId.toUtf8() + '\0' + name.toUtf8();
}

const QString kAppend = QStringLiteral("SELECT onramp.append_audit($1, $2, $3)");
// What a person.add or passphrase.reset entry says of the passphrase: an
// admin chose it and handed it over (see docs/SECURITY.md, team server).
const QString kHandedOver = QStringLiteral("handed_over");

QString base64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

/// Signs \a details as \a me's entry \a action, then appends it and commits
/// \a transaction in one round trip: the chain's lock never waits on this client.
Error appendAndCommit(SignedIn& me, PgConnection::Transaction& transaction, const QString& action,
                      const QJsonObject& details)
{
    const QByteArray content = QJsonDocument(details).toJson(QJsonDocument::Compact);
    const QByteArray signature = crypto::sign(auditMessage(me.teamId, me.name, action, content), me.keys.secretKey);
    return transaction.commitAfter(kAppend, {action, content, signature});
}

QByteArray chainHash(const QByteArray& prev, qint64 seq, const QString& actor, const QString& action,
                     const QByteArray& content, const QByteArray& signature)
{
    QByteArray message = prev;
    for (int shift = 56; shift >= 0; shift -= 8)
        message.append(char((seq >> shift) & 0xff));
    message += actor.toUtf8() + '\0' + action.toUtf8() + '\0' + content + signature;
    return QCryptographicHash::hash(message, QCryptographicHash::Sha256);
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
    if (Error error =
            connection->execute(QStringLiteral("SELECT p.role, p.full_name, p.sign_public_key, s.slot, s.handed_over "
                                               "FROM onramp.people p "
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
    out->passphraseHandedOver = row.at(4).toBool();
    return {};
}

QByteArray auditMessage(const QString& teamId, const QString& actor, const QString& action, QByteArrayView content)
{
    return QByteArrayLiteral("onramp server audit v1") + '\0' + teamId.toUtf8() + '\0' + actor.toUtf8() + '\0'
        + action.toUtf8() + '\0' + content.toByteArray();
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
    return appendAndCommit(admin, transaction, QStringLiteral("person.add"),
                           {{QStringLiteral("name"), name},
                            {QStringLiteral("role"), role},
                            {QStringLiteral("full_name"), fullName},
                            {QStringLiteral("public_key"), base64(person.keys.publicKey)},
                            {QStringLiteral("passphrase"), kHandedOver}});
}

Error changeOwnPassphrase(SignedIn& me, QByteArrayView currentPassphrase, QByteArrayView newPassphrase)
{
    if (newPassphrase == currentPassphrase)
        return {ErrorKind::InvalidInput,
                Tr::tr("The new passphrase of %1 is the one they signed in with: choose another.").arg(me.name)};
    ServerLogin login;
    if (Error error = deriveLogin(newPassphrase, me.teamId, me.name, signInCost(), &login))
        return error;
    PgConnection& connection = *me.connection;
    QString verifier;
    if (Error error = connection.scramVerifier(loginRoleFor(me.name), login.scramPassword, &verifier))
        return error;
    const QByteArray slot = sealSlot(me.keys.secretKey, login.slotKey, me.teamId, me.name);
    PgConnection::Transaction transaction(connection);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error error =
            connection.execute(QStringLiteral("SELECT onramp.change_own_passphrase($1, $2)"), {verifier, slot}))
        return error;
    if (Error error =
            appendAndCommit(me, transaction, QStringLiteral("passphrase.change"), {{QStringLiteral("name"), me.name}}))
        return error;
    me.passphraseHandedOver = false;
    return {};
}

Error disablePerson(SignedIn& admin, const QString& name)
{
    PgConnection& connection = *admin.connection;
    PgConnection::Transaction transaction(connection);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error error = connection.execute(QStringLiteral("SELECT onramp.disable_person($1)"), {name}))
        return error;
    return appendAndCommit(admin, transaction, QStringLiteral("person.disable"), {{QStringLiteral("name"), name}});
}

Error resetPassphrase(SignedIn& admin, const QString& name, QByteArrayView passphrase)
{
    NewPerson person;
    if (Error error = makeNewPerson(passphrase, admin.teamId, name, {}, &person))
        return error;
    PgConnection& connection = *admin.connection;
    QString verifier;
    if (Error error = connection.scramVerifier(loginRoleFor(name), person.scramPassword, &verifier))
        return error;
    PgConnection::Transaction transaction(connection);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error error = connection.execute(QStringLiteral("SELECT onramp.reset_person($1, $2, $3, $4)"),
                                         {name, verifier, person.slot, person.keys.publicKey}))
        return error;
    return appendAndCommit(admin, transaction, QStringLiteral("passphrase.reset"),
                           {{QStringLiteral("name"), name},
                            {QStringLiteral("public_key"), base64(person.keys.publicKey)},
                            {QStringLiteral("passphrase"), kHandedOver}});
}

Error recordTeamInit(SignedIn& admin, bool* appended)
{
    if (appended != nullptr)
        *appended = false;
    PgConnection& connection = *admin.connection;
    PgConnection::Transaction transaction(connection);
    if (transaction.beginError())
        return transaction.beginError();
    Error error;
    const qint64 entries =
        connection.scalar(QStringLiteral("SELECT count(*) FROM onramp.audit"), {}, &error).toLongLong();
    if (error)
        return error;
    if (entries > 0)
        return {};
    if (Error e = appendAndCommit(admin, transaction, QStringLiteral("team.init"),
                                  {{QStringLiteral("name"), admin.name},
                                   {QStringLiteral("role"), QStringLiteral("admin")},
                                   {QStringLiteral("full_name"), admin.fullName},
                                   {QStringLiteral("public_key"), base64(admin.keys.publicKey)}}))
        return e;
    if (appended != nullptr)
        *appended = true;
    return {};
}

Error verifyAudit(SignedIn& reader, QList<ServerAuditEntry>* entries)
{
    PgConnection& connection = *reader.connection;
    QList<QVariantList> rows;
    if (Error error = connection.execute(
            QStringLiteral(
                "SELECT seq, prev_hash, hash, actor, action, content, signature FROM onramp.audit ORDER BY seq"),
            {}, &rows))
        return error;
    struct Known {
        QByteArray key;
        QString role;
        bool enabled = false;
    };
    QHash<QString, Known> people;
    QByteArray previous(32, '\0');
    qint64 expected = 1;
    for (const QVariantList& row : std::as_const(rows)) {
        const qint64 seq = row.at(0).toLongLong();
        const QString actor = row.at(3).toString();
        const QString action = row.at(4).toString();
        const QByteArray content = row.at(5).toByteArray();
        const QByteArray signature = row.at(6).toByteArray();
        const auto damaged = [&](const QString& why) {
            return Error{ErrorKind::Damaged,
                         Tr::tr("The audit log on the team server %1 does not hold at entry %2 "
                                "(by %3): %4")
                             .arg(connection.serverName())
                             .arg(seq)
                             .arg(actor, why)};
        };
        if (seq != expected)
            return damaged(Tr::tr("entry %1 is missing").arg(expected));
        if (row.at(1).toByteArray() != previous)
            return damaged(Tr::tr("it does not chain to the entry before it"));
        const QByteArray hash = chainHash(previous, seq, actor, action, content, signature);
        if (row.at(2).toByteArray() != hash)
            return damaged(Tr::tr("its hash does not match what it records"));
        const QJsonDocument document = QJsonDocument::fromJson(content);
        const QJsonObject details = document.object();
        const QString name = details.value(QStringLiteral("name")).toString();
        const QByteArray key =
            QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1());
        if (seq == 1) {
            if (action != QLatin1String("team.init") || name != actor || key.size() != crypto_sign_PUBLICKEYBYTES)
                return damaged(Tr::tr("the log does not begin with its first admin's team.init"));
            people.insert(actor, {key, QStringLiteral("admin"), true});
        } else if (action == QLatin1String("team.init")) {
            return damaged(Tr::tr("a second team.init"));
        }
        const Known signer = people.value(actor);
        if (!signer.enabled || signer.key.isEmpty())
            return damaged(Tr::tr("the log gave %1 no key that could sign it").arg(actor));
        if (!crypto::verify(auditMessage(reader.teamId, actor, action, content), signature, signer.key))
            return damaged(Tr::tr("its signature is not %1's").arg(actor));
        const bool changesPeople = action == QLatin1String("person.add") || action == QLatin1String("person.disable")
            || action == QLatin1String("passphrase.reset");
        if (changesPeople && signer.role != QLatin1String("admin"))
            return damaged(Tr::tr("only an admin records %1").arg(action));
        if (changesPeople && (name.isEmpty() || !document.isObject()))
            return damaged(Tr::tr("it names nobody"));
        if (action == QLatin1String("person.add")) {
            if (people.contains(name) || key.size() != crypto_sign_PUBLICKEYBYTES)
                return damaged(Tr::tr("it adds %1 again, or without a key").arg(name));
            people.insert(name, {key, details.value(QStringLiteral("role")).toString(), true});
        } else if (action == QLatin1String("passphrase.reset")) {
            if (!people.contains(name) || key.size() != crypto_sign_PUBLICKEYBYTES)
                return damaged(Tr::tr("it resets %1, whom the log does not know, or without a key").arg(name));
            people[name].key = key;
            people[name].enabled = true;
        } else if (action == QLatin1String("person.disable")) {
            if (!people.contains(name))
                return damaged(Tr::tr("it disables %1, whom the log does not know").arg(name));
            people[name].enabled = false;
        }
        if (entries != nullptr)
            entries->append({seq, actor, action, content});
        previous = hash;
        ++expected;
    }
    // The people the server lets sign in are the ones the log gave keys, with those keys.
    QList<QVariantList> enabled;
    if (Error error = connection.execute(
            QStringLiteral("SELECT name, role, sign_public_key FROM onramp.people WHERE enabled ORDER BY name"), {},
            &enabled))
        return error;
    for (const QVariantList& person : std::as_const(enabled)) {
        const QString name = person.at(0).toString();
        const Known known = people.value(name);
        if (!known.enabled || known.role != person.at(1).toString() || known.key != person.at(2).toByteArray())
            return {ErrorKind::Damaged,
                    Tr::tr("The team server %1 lets %2 sign in as %3 with a key its audit log did not give them.")
                        .arg(connection.serverName(), name, person.at(1).toString())};
    }
    return {};
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
            // A team set up before team init signed its entry gets it now.
            if (Error e = recordTeamInit(admin))
                return e;
            *outcome = TeamInitOutcome::AlreadySetUp;
            return {};
        }
    }

    NewPerson person;
    if (Error e = makeNewPerson(passphrase, teamId, adminName, fullName, &person))
        return e;
    FirstAdmin admin{person.name, person.fullName, person.keys.publicKey, person.slot,
                     SecureBytes::copyOf(person.scramPassword.view())};
    if (Error e = setUpTeam(*setup, admin))
        return e;
    // The first admin signs the log's first entry, as themselves: the setup
    // role is nobody in the team.
    SignedIn first;
    if (Error e = PgConnection::connect(address, loginRoleFor(adminName), person.scramPassword, &first.connection))
        return e;
    first.teamId = teamId;
    first.name = adminName;
    first.role = QStringLiteral("admin");
    first.fullName = fullName;
    first.keys = std::move(person.keys);
    if (Error e = recordTeamInit(first))
        return e;
    *outcome = TeamInitOutcome::Created;
    return {};
}

} // namespace onramp::server
