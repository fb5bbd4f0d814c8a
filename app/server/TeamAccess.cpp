#include "TeamAccess.h"

#include "audit/ActionRoles.h"

#include "PgConnection.h"
#include "PlainText.h"
#include "ServerPin.h"
#include "ServerSchema.h"
#include "TeamProductionKey.h"
#include "TeamSetup.h"
#include "TrustStore.h"
#include "people/Person.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <sodium.h>

#include <algorithm>

namespace onramp::server {

namespace {

constexpr char kSlotVersion = 1;

QByteArray slotContext(const QString& teamId, const QString& name)
{
    return QByteArrayLiteral("onramp server slot v1") + '\0' + teamId.toUtf8() + '\0' + name.toUtf8();
}

const QString kAppend = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)");
// What a person.add or passphrase.reset entry says of the passphrase: an
// admin chose it and handed it over (see docs/SECURITY.md, team server).
const QString kHandedOver = QStringLiteral("handed_over");
// How often an act is tried again when another desk's entry took its place.
constexpr int kAppendAttempts = 4;

QString base64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

void appendBigEndian(QByteArray* out, qint64 value)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out->append(char((value >> shift) & 0xff));
}

/// Ends \a name's open sessions after an act on them committed: a session
/// their old credential opened while the act was under way ends too, and a
/// refused act (which never gets here) ends none.
Error endSessionsAfter(SignedIn& admin, const QString& name)
{
    Error error;
    admin.connection->scalar(QStringLiteral("SELECT onramp.end_sessions($1)"), {name}, &error);
    if (error)
        return {error.kind,
                Tr::tr("%1 was changed on the team server %2, but their open sessions could not be ended: %3")
                    .arg(name, admin.connection->serverName(), error.message)};
    return {};
}

/// Ends \a name's open sessions before an act on them: what their own
/// transactions hold (their login's row, changed and not committed) would
/// keep the act waiting 15 s, then busy. Whatever this cannot end, the act
/// meets and reports; the sessions are ended again after it commits.
void endSessionsBefore(SignedIn& admin, const QString& name)
{
    Error ignored;
    admin.connection->scalar(QStringLiteral("SELECT onramp.end_sessions($1)"), {name}, &ignored);
}

// The columns of an audit entry as auditEntryOf() takes them.
constexpr auto kAuditColumns =
    "SELECT seq, prev_hash, hash, actor, action, content, signature, signed_as, "
    "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM onramp.audit";

ServerAuditEntry auditEntryOf(const QVariantList& row)
{
    ServerAuditEntry entry;
    entry.seq = row.at(0).toLongLong();
    entry.prevHash = row.at(1).toByteArray();
    entry.hash = row.at(2).toByteArray();
    entry.actor = row.at(3).toString();
    entry.action = row.at(4).toString();
    entry.content = row.at(5).toByteArray();
    entry.signature = row.at(6).toByteArray();
    entry.at = row.at(8).toString();
    return entry;
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

/// The first admin's key from the log's first entry \a row (as
/// auditEntryOf() takes it): the team.init they signed themselves, at the
/// chain's start. Anything else is ErrorKind::Damaged naming the server.
Error firstKeyOf(const QString& serverName, const QString& teamId, const QVariantList& row, QByteArray* rootKey)
{
    const ServerAuditEntry entry = auditEntryOf(row);
    const int signedAs = int(row.at(7).toLongLong());
    const QJsonDocument document = QJsonDocument::fromJson(entry.content);
    const QJsonObject details = document.object();
    const QByteArray key = QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1());
    const QByteArray zero(32, '\0');
    const QByteArray message = signedAs == 1 ? auditMessageV1(teamId, entry.actor, entry.action, entry.content)
                                             : auditMessage(teamId, 1, zero, entry.actor, entry.action, entry.content);
    if (entry.seq != 1 || entry.prevHash != zero
        || entry.hash != chainHash(zero, 1, entry.actor, entry.action, entry.content, entry.signature)
        || entry.action != QLatin1String("team.init") || !document.isObject()
        || details.value(QStringLiteral("name")).toString() != entry.actor || key.size() != crypto_sign_PUBLICKEYBYTES
        || (signedAs != 1 && signedAs != 2) || !crypto::verify(message, entry.signature, key))
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 shows an audit log that does not begin with its first admin's signed "
                       "team.init: it was rewritten. Nothing was done; tell an admin.")
                    .arg(serverName)};
    *rootKey = key;
    return {};
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
    int version = 0;
    if (Error error = schema::currentVersion(*connection, &version))
        return error;
    if (version != schema::kLatestVersion)
        return {version < schema::kLatestVersion ? ErrorKind::Io : ErrorKind::Damaged,
                Tr::tr("The team server %1 holds schema version %2; this Onramp works with version %3. %4")
                    .arg(address.displayName())
                    .arg(version)
                    .arg(schema::kLatestVersion)
                    .arg(version < schema::kLatestVersion
                             ? Tr::tr("Its setup role updates it: onramp team init URL --admin NAME.")
                             : Tr::tr("Update Onramp."))};
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
    // The team's first key, which every desk pins, a hire's too: the log's
    // first entry, read through onramp.audit_first() (row-level security
    // shows a hire their own entries only) and checked here.
    QList<QVariantList> first;
    if (Error error = connection->execute(
            QStringLiteral("SELECT seq, prev_hash, hash, actor, action, content, signature, signed_as, "
                           "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
                           "FROM onramp.audit_first()"),
            {}, &first))
        return error;
    // A server whose log is behind what this desk saw was rolled back.
    QList<QVariantList> head;
    if (Error error = connection->execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head))
        return error;
    if (!first.isEmpty()) {
        QByteArray rootKey;
        if (Error error = firstKeyOf(connection->serverName(), teamId, first.first(), &rootKey))
            return error;
        if (Error error = pin::checkRoot(connection->serverName(), teamId, rootKey))
            return error;
        // The production key's check value, signed with the first key.
        out->productionCheck = QByteArray::fromBase64(QJsonDocument::fromJson(auditEntryOf(first.first()).content)
                                                          .object()
                                                          .value(QStringLiteral("production_check"))
                                                          .toString()
                                                          .toLatin1());
    } else {
        // No first entry: only a team whose log is still empty has none, and
        // only its first admin signs in to it (to record team.init next). A
        // server that hides the entry from a desk that pinned it, shows a
        // head without it, or shows it to nobody but an admin is refused.
        const bool emptyLog = head.isEmpty() || head.first().at(0).toLongLong() == 0;
        if (Error error = pin::checkUnpinned(connection->serverName(), teamId))
            return error;
        if (!emptyLog || row.at(0).toString() != QLatin1String("admin"))
            return {ErrorKind::Damaged,
                    Tr::tr("The team server %1 does not show the first entry of its audit log, which gives the team's "
                           "first key: it was removed or hidden. Nothing was done; tell an admin.")
                        .arg(connection->serverName())};
    }
    if (!head.isEmpty()) {
        const qint64 seq = head.first().at(0).toLongLong();
        const QByteArray hash = head.first().at(1).toByteArray();
        if (Error error = pin::checkHead(connection->serverName(), teamId, seq, hash))
            return error;
        if (Error error = TrustStore::advanceHead(pin::idOf(connection->serverName(), teamId), seq, hash))
            return error;
    }
    out->connection = std::move(connection);
    out->teamId = teamId;
    out->name = name;
    out->role = row.at(0).toString();
    out->fullName = row.at(1).toString();
    out->keys = crypto::SignKeyPair{publicKey, std::move(*secret)};
    out->passphraseHandedOver = row.at(4).toBool();
    return {};
}

QByteArray auditMessage(const QString& teamId, qint64 seq, QByteArrayView prevHash, const QString& actor,
                        const QString& action, QByteArrayView content)
{
    QByteArray message = QByteArrayLiteral("onramp server audit v2") + '\0' + teamId.toUtf8() + '\0';
    appendBigEndian(&message, seq);
    return message + prevHash.toByteArray() + actor.toUtf8() + '\0' + action.toUtf8() + '\0' + content.toByteArray();
}

QByteArray auditMessageV1(const QString& teamId, const QString& actor, const QString& action, QByteArrayView content)
{
    return QByteArrayLiteral("onramp server audit v1") + '\0' + teamId.toUtf8() + '\0' + actor.toUtf8() + '\0'
        + action.toUtf8() + '\0' + content.toByteArray();
}

bool mayRecord(const QString& role, const QString& action)
{
    // The folder vault's table (audit/ActionRoles.h), which also fills the
    // server's onramp.audit_actions (schema 8), and the team's first entry.
    if (action == QLatin1String("team.init"))
        return role == QLatin1String("admin");
    return actionroles::mayRecord(role, action);
}

Error recordSigned(SignedIn& me, const QString& action, const QJsonObject& details,
                   const std::function<Error(PgConnection&)>& work, qint64* seq)
{
    const QByteArray content = QJsonDocument(details).toJson(QJsonDocument::Compact);
    if (content.size() > kMaxAuditContent)
        return {ErrorKind::InvalidInput,
                Tr::tr("The audit entry %1 would hold %2 bytes; a team server takes at most %3.")
                    .arg(action)
                    .arg(content.size())
                    .arg(kMaxAuditContent)};
    PgConnection& connection = *me.connection;
    for (int attempt = 1;; ++attempt) {
        PgConnection::Transaction transaction(connection);
        if (transaction.beginError())
            return transaction.beginError();
        if (work)
            if (Error error = work(connection))
                return error;
        QList<QVariantList> head;
        if (Error error = connection.execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head))
            return error;
        if (head.size() != 1)
            return {ErrorKind::Damaged, Tr::tr("The team server %1 has no audit head.").arg(connection.serverName())};
        const qint64 next = head.first().at(0).toLongLong() + 1;
        const QByteArray prev = head.first().at(1).toByteArray();
        const QByteArray signature =
            crypto::sign(auditMessage(me.teamId, next, prev, me.name, action, content), me.keys.secretKey);
        // The entry and COMMIT in one round trip: the head's lock never waits on this client.
        QList<QVariantList> rows;
        const Error error = transaction.commitAfter(kAppend, {action, content, signature, next, prev}, &rows);
        if (error.kind == ErrorKind::Busy && attempt < kAppendAttempts)
            continue;
        if (!error && seq != nullptr && !rows.isEmpty())
            *seq = rows.first().first().toLongLong();
        return error;
    }
}

namespace {

const QString kAdmin = QStringLiteral("admin");
const QString kMentor = QStringLiteral("mentor");

} // namespace

bool holdsProduction(const QString& role)
{
    return role == kAdmin || role == kMentor;
}

namespace {

/// \a key sealed to \a publicKey on the server, as the signed-in admin, in
/// \a connection's transaction (which appends the entry naming \a name).
Error sealProductionKey(PgConnection& connection, const QString& name, const QByteArray& publicKey,
                        const SecureBytes& key)
{
    const QByteArray box = crypto::sealTo(key.view(), publicKey);
    if (box.isEmpty())
        return {ErrorKind::InvalidInput, Tr::tr("The key of %1 cannot be sealed to.").arg(name)};
    return connection.execute(QStringLiteral("SELECT onramp.seal_production_key($1, $2)"), {name, box});
}

/// The production key \a admin holds, when \a role (the one the person
/// acted on has, by the verified log) is to hold it and the team has one
/// (schema 9); \a key stays empty otherwise.
Error productionKeyFor(SignedIn& admin, const QString& role, std::optional<SecureBytes>* key)
{
    if (!holdsProduction(role) || admin.productionCheck.isEmpty())
        return {};
    SecureBytes opened;
    if (Error error = openProductionKey(admin, &opened))
        return error;
    key->emplace(std::move(opened));
    return {};
}

/// What person add and passphrase reset share: \a name's new key pair, the
/// login \a passphrase derives (its SCRAM verifier made here) and their
/// slot, handed to \a call (the SECURITY DEFINER function) in the same
/// transaction as the admin's signed \a action entry: \a details with the
/// name, the new public key and that the passphrase was handed over.
Error handOverLogin(SignedIn& admin, const QString& name, const QString& fullName, QByteArrayView passphrase,
                    const QString& action, QJsonObject details, const std::optional<SecureBytes>& productionKey,
                    const std::function<Error(PgConnection&, const NewPerson&, const QString&)>& call)
{
    NewPerson person;
    if (Error error = makeNewPerson(passphrase, admin.teamId, name, fullName, &person))
        return error;
    QString verifier;
    if (Error error = admin.connection->scramVerifier(loginRoleFor(name), person.scramPassword, &verifier))
        return error;
    details.insert(QStringLiteral("name"), name);
    details.insert(QStringLiteral("public_key"), base64(person.keys.publicKey));
    details.insert(QStringLiteral("passphrase"), kHandedOver);
    if (productionKey)
        details.insert(QStringLiteral("production_key"), QStringLiteral("sealed"));
    return recordSigned(admin, action, details, [&](PgConnection& connection) {
        if (Error error = call(connection, person, verifier))
            return error;
        if (productionKey)
            return sealProductionKey(connection, name, person.keys.publicKey, *productionKey);
        return Error{};
    });
}

} // namespace

Error addPerson(SignedIn& admin, const QString& name, const QString& role, const QString& fullName,
                QByteArrayView passphrase)
{
    if (Error error = checkDisplayName(fullName))
        return error;
    std::optional<SecureBytes> productionKey;
    if (Error error = productionKeyFor(admin, role, &productionKey))
        return error;
    return handOverLogin(admin, name, fullName, passphrase, QStringLiteral("person.add"),
                         {{QStringLiteral("role"), role}, {QStringLiteral("full_name"), fullName}}, productionKey,
                         [&](PgConnection& connection, const NewPerson& person, const QString& verifier) {
                             return connection.execute(
                                 QStringLiteral("SELECT onramp.add_person($1, $2, $3, $4, $5, $6)"),
                                 {name, role, fullName, person.keys.publicKey, verifier, person.slot});
                         });
}

Error changeOwnPassphrase(SignedIn& me, QByteArrayView currentPassphrase, QByteArrayView newPassphrase)
{
    if (newPassphrase == currentPassphrase)
        return {ErrorKind::InvalidInput,
                Tr::tr("The new passphrase of %1 is the one they signed in with: choose another.").arg(me.name)};
    ServerLogin login;
    if (Error error = deriveLogin(newPassphrase, me.teamId, me.name, signInCost(), &login))
        return error;
    QString verifier;
    if (Error error = me.connection->scramVerifier(loginRoleFor(me.name), login.scramPassword, &verifier))
        return error;
    // Whoever handed the passphrase over can open the slot it sealed: the
    // first choice retires the key in it.
    const bool renew = me.passphraseHandedOver;
    crypto::SignKeyPair keys = renew
        ? crypto::generateSignKeyPair()
        : crypto::SignKeyPair{me.keys.publicKey, SecureBytes::copyOf(me.keys.secretKey.view())};
    QJsonObject details{{QStringLiteral("name"), me.name}};
    QVariant newKey(QMetaType::fromType<QByteArray>());
    QVariant box(QMetaType::fromType<QByteArray>());
    if (renew) {
        details.insert(QStringLiteral("public_key"), base64(keys.publicKey));
        details.insert(QStringLiteral("previous_public_key"), base64(me.keys.publicKey));
        newKey = keys.publicKey;
        // The box this person holds (row-level security shows them theirs
        // alone), as it opens with the key it was sealed to: the check
        // value is asked of it where it is used.
        QList<QVariantList> rows;
        if (Error error = me.connection->execute(
                QStringLiteral("SELECT box FROM onramp.production_boxes WHERE name = $1"), {me.name}, &rows))
            return error;
        if (!rows.isEmpty())
            if (std::optional<SecureBytes> held =
                    crypto::openSealed(rows.first().first().toByteArray(), me.keys.secretKey)) {
                const QByteArray sealed = crypto::sealTo(held->view(), keys.publicKey);
                if (sealed.isEmpty())
                    return {ErrorKind::InvalidInput, Tr::tr("The new key of %1 cannot be sealed to.").arg(me.name)};
                box = sealed;
            }
    }
    const QByteArray slot = sealSlot(keys.secretKey, login.slotKey, me.teamId, me.name);
    if (Error error = recordSigned(me, QStringLiteral("passphrase.change"), details, [&](PgConnection& connection) {
            return connection.execute(QStringLiteral("SELECT onramp.change_own_passphrase($1, $2, $3, $4)"),
                                      {verifier, slot, newKey, box});
        }))
        return error;
    me.keys = std::move(keys);
    me.passphraseHandedOver = false;
    // A session opened with the passphrase given up (the handed-over one,
    // by whoever else saw it) ends now.
    Error ended;
    me.connection->scalar(QStringLiteral("SELECT onramp.end_own_sessions()"), {}, &ended);
    if (ended)
        return {ended.kind,
                Tr::tr("The passphrase of %1 was changed on the team server %2, but their other open "
                       "sessions could not be ended: %3")
                    .arg(me.name, me.connection->serverName(), ended.message)};
    return {};
}

Error disablePerson(SignedIn& admin, const QString& name)
{
    // An admin or a mentor held the production key: it is rotated in the
    // same transaction, as a folder vault's disable rotates it (schema 13).
    // So is it when the server lets them sign in as one the log did not make.
    std::optional<ProductionRotation> rotation;
    // A rotation that cannot be made (a kept secret the server altered) does
    // not keep the person enabled: they are disabled, and the error says the
    // key still needs rotating.
    Error notRotated;
    // (Anyone but an admin is refused by the server, as it says.)
    if (admin.role == kAdmin && !admin.productionCheck.isEmpty() && name != admin.name) {
        QList<ServerAuditEntry> entries;
        QHash<QString, ChainPerson> people;
        Unvouched unvouched;
        if (Error error = verifyAudit(admin, &entries, &people, &unvouched))
            return error;
        if (holdsProduction(people.value(name).role) || holdsProduction(unvouched.value(name))) {
            rotation.emplace();
            if (Error error = prepareRotation(admin, entries, people, unvouched, name, &*rotation)) {
                notRotated = error;
                rotation.reset();
            }
        }
    }
    QJsonObject details{{QStringLiteral("name"), name}};
    if (rotation)
        rotation->describe(&details);
    endSessionsBefore(admin, name);
    if (Error error =
            recordSigned(admin, QStringLiteral("person.disable"), details, [&](PgConnection& connection) -> Error {
                if (Error error = connection.execute(QStringLiteral("SELECT onramp.disable_person($1)"), {name}))
                    return error;
                return rotation ? rotation->write(connection, admin.name) : Error{};
            }))
        return error;
    if (Error error = endSessionsAfter(admin, name))
        return error;
    if (notRotated)
        return {notRotated.kind,
                Tr::tr("%1 is disabled, but the production key they held was not rotated: %2 Once that is put "
                       "right, run 'onramp vault rotate-production-key'.")
                    .arg(name, notRotated.message)};
    return {};
}

Error resetPassphrase(SignedIn& admin, const QString& name, QByteArrayView passphrase)
{
    // An admin or a mentor by the verified log gets the production key
    // sealed to their new key.
    std::optional<SecureBytes> productionKey;
    if (!admin.productionCheck.isEmpty() && name != admin.name) {
        QList<ServerAuditEntry> entries;
        QHash<QString, ChainPerson> people;
        Unvouched unvouched; // whom the reset gives a key again
        if (Error error = verifyAudit(admin, &entries, &people, &unvouched))
            return error;
        // Opened against the log just verified, not verified again.
        if (holdsProduction(people.value(name).role)) {
            SecureBytes opened;
            if (Error error = openProductionKey(admin, entries, people, &opened))
                return error;
            productionKey.emplace(std::move(opened));
        }
    }
    endSessionsBefore(admin, name);
    if (Error error =
            handOverLogin(admin, name, {}, passphrase, QStringLiteral("passphrase.reset"), {}, productionKey,
                          [&](PgConnection& connection, const NewPerson& person, const QString& verifier) {
                              return connection.execute(QStringLiteral("SELECT onramp.reset_person($1, $2, $3, $4)"),
                                                        {name, verifier, person.slot, person.keys.publicKey});
                          }))
        return error;
    return endSessionsAfter(admin, name);
}

Error recordTeamInit(SignedIn& admin, bool* appended)
{
    if (appended != nullptr)
        *appended = false;
    Error error;
    const qint64 entries =
        admin.connection->scalar(QStringLiteral("SELECT seq FROM onramp.audit_head"), {}, &error).toLongLong();
    if (error)
        return error;
    if (entries > 0)
        return {};
    // The team's production key is made here and sealed to the first admin;
    // the entry every desk pins signs its check value.
    const SecureBytes productionKey = SecureBytes::random(crypto::kSymmetricKeyBytes);
    const QByteArray check = productionCheckOf(productionKey);
    if (Error e = recordSigned(admin, QStringLiteral("team.init"),
                               {{QStringLiteral("name"), admin.name},
                                {QStringLiteral("role"), QStringLiteral("admin")},
                                {QStringLiteral("full_name"), admin.fullName},
                                {QStringLiteral("public_key"), base64(admin.keys.publicKey)},
                                {QStringLiteral("production_check"), base64(check)}},
                               [&](PgConnection& connection) {
                                   return sealProductionKey(connection, admin.name, admin.keys.publicKey,
                                                            productionKey);
                               }))
        return e;
    admin.productionCheck = check;
    if (appended != nullptr)
        *appended = true;
    return {};
}

namespace {

/// The audit entries in \a rows (kAuditColumns, by seq) checked as
/// verifyAudit() says, each with its problem. \a whole: the rows are the
/// whole log, so the sequence must have no gap and each entry must chain to
/// the one before; otherwise (a hire's desk, which reads their own entries
/// and the ones that say who is who) each entry's hash is checked against
/// what it records, and its signature against the key the entries before
/// it gave its actor, all the same.
struct CheckedChain {
    QList<ServerAuditEntry> entries;
    QHash<QString, ChainPerson> people;
    QHash<qint64, QByteArray> hashes;
    QByteArray rootKey;
};

CheckedChain checkChain(const QList<QVariantList>& rows, const QString& teamId, bool whole)
{
    using Known = ChainPerson;
    CheckedChain chain;
    QHash<QString, Known>& people = chain.people;
    QByteArray& rootKey = chain.rootKey;
    QByteArray previous(32, '\0');
    qint64 expected = 1;
    bool placedSignatures = false;
    QSet<QByteArray> given; // every key an entry that held gave anyone
    for (const QVariantList& row : rows) {
        ServerAuditEntry entry = auditEntryOf(row);
        const qint64 seq = entry.seq;
        const QString& actor = entry.actor;
        const QString& action = entry.action;
        const QByteArray& content = entry.content;
        const QByteArray prevHash = row.at(1).toByteArray();
        const QByteArray storedHash = row.at(2).toByteArray();
        const QByteArray signature = row.at(6).toByteArray();
        const int signedAs = int(row.at(7).toLongLong());
        bool setAside = false;
        // Each entry is checked on its own: the next one chains to this one's
        // stored hash, whatever this one's fate.
        const auto check = [&]() -> QString {
            if (whole && seq != expected)
                return Tr::tr("entry %1 is missing").arg(expected);
            if (!whole && (seq < expected || prevHash.size() != 32))
                return Tr::tr("it does not chain to the entry before it");
            if (whole && prevHash != previous)
                return Tr::tr("it does not chain to the entry before it");
            if (storedHash != chainHash(prevHash, seq, actor, action, content, signature))
                return Tr::tr("its hash does not match what it records");
            const QJsonDocument document = QJsonDocument::fromJson(content);
            const QJsonObject details = document.object();
            const QString name = details.value(QStringLiteral("name")).toString();
            const QByteArray key =
                QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1());
            const bool first = seq == 1 && action == QLatin1String("team.init");
            if (seq == 1 && (!first || name != actor || key.size() != crypto_sign_PUBLICKEYBYTES))
                return Tr::tr("the log does not begin with its first admin's team.init");
            if (seq != 1 && action == QLatin1String("team.init"))
                return Tr::tr("a second team.init");
            const Known signer = first
                ? Known{key, QStringLiteral("admin"), true, details.value(QStringLiteral("full_name")).toString()}
                : people.value(actor);
            if (!signer.enabled || signer.key.isEmpty())
                return Tr::tr("the log gave %1 no key that could sign it").arg(actor);
            if (signedAs == 1 && placedSignatures)
                return Tr::tr("it is signed without its place in the chain, after entries signed with theirs");
            const QByteArray message = signedAs == 1 ? auditMessageV1(teamId, actor, action, content)
                                                     : auditMessage(teamId, seq, prevHash, actor, action, content);
            if ((signedAs != 1 && signedAs != 2) || !crypto::verify(message, signature, signer.key)) {
                // Its place holds and the server names its actor from the
                // session: an act of their role that only fails its
                // signature is set aside, counted for nothing, so that no
                // login (a hire's, or one opened with a passphrase its
                // holder has given up) can stop every desk. What it would
                // have changed of who is who did not happen: a server that
                // shows it anyway is named below.
                setAside = mayRecord(signer.role, action);
                return Tr::tr("its signature is not %1's for this place in the log").arg(actor);
            }
            if (!mayRecord(signer.role, action))
                return Tr::tr("%1 may not record %2 as a %3").arg(actor, action, signer.role);
            const bool changesPeople = action == QLatin1String("person.add")
                || action == QLatin1String("person.disable") || action == QLatin1String("passphrase.reset");
            if (changesPeople && (name.isEmpty() || !document.isObject()))
                return Tr::tr("it names nobody");
            if (action == QLatin1String("person.add") && (people.contains(name) || key.size() != 32))
                return Tr::tr("it adds %1 again, or without a key").arg(name);
            if (action == QLatin1String("passphrase.reset") && (!people.contains(name) || key.size() != 32))
                return Tr::tr("it resets %1, whom the log does not know, or without a key").arg(name);
            if (action == QLatin1String("person.disable") && !people.contains(name))
                return Tr::tr("it disables %1, whom the log does not know").arg(name);
            // The first choice after a handed-over passphrase retires the key
            // in that slot (schema 11): only in place of the key that signs
            // it, for its own signer, for a key nobody was ever given.
            const bool givesKey =
                action == QLatin1String("passphrase.change") && details.contains(QStringLiteral("public_key"));
            if (givesKey) {
                const QByteArray replaced =
                    QByteArray::fromBase64(details.value(QStringLiteral("previous_public_key")).toString().toLatin1());
                QString refused;
                if (name != actor)
                    refused = Tr::tr("it gives %1 a key, and only its own signer's key changes so").arg(name);
                else if (!signer.handedOver)
                    refused = Tr::tr("it gives %1 a new key, though their passphrase was their own already").arg(actor);
                else if (replaced != signer.key)
                    refused = Tr::tr("it gives %1 a new key in place of one they did not have").arg(actor);
                else if (key.size() != crypto_sign_PUBLICKEYBYTES || given.contains(key))
                    refused = Tr::tr("it gives %1 a key the log gave before, or no key").arg(actor);
                // A refused change gives no key and stops no desk: a server
                // row holding that key anyway names its person until an
                // admin disables them (and resets their passphrase).
                if (!refused.isEmpty()) {
                    setAside = true;
                    return refused;
                }
            }
            const auto handedOver = [&details] {
                const QJsonValue said = details.value(QStringLiteral("passphrase"));
                return said.isUndefined() || said.toString() == kHandedOver;
            };
            // The entry holds: what it says of who is who takes effect.
            if (first) {
                rootKey = key;
                people.insert(actor, signer);
            } else if (action == QLatin1String("person.add")) {
                people.insert(name,
                              {key, details.value(QStringLiteral("role")).toString(), true,
                               details.value(QStringLiteral("full_name")).toString(), handedOver()});
            } else if (action == QLatin1String("passphrase.reset")) {
                people[name].key = key;
                people[name].enabled = true;
                people[name].handedOver = handedOver();
            } else if (action == QLatin1String("person.disable")) {
                people[name].enabled = false;
            } else if (givesKey && people.contains(actor)) {
                // Only the key-giving change is the first choice: a change
                // without a key (an older server's, or one whoever saw the
                // handed-over passphrase sent) leaves it to come.
                people[actor].key = key;
                people[actor].handedOver = false;
            }
            if (first || givesKey || action == QLatin1String("person.add")
                || action == QLatin1String("passphrase.reset"))
                given.insert(key);
            return {};
        };
        entry.problem = check();
        entry.setAside = setAside && !entry.problem.isEmpty();
        if (signedAs == 2)
            placedSignatures = true;
        chain.hashes.insert(seq, storedHash);
        chain.entries.append(entry);
        previous = storedHash;
        expected = seq + 1;
    }
    return chain;
}

/// "The audit log on the team server S does not hold at …", naming the first
/// bad entry of \a entries and counting the others; no error when all hold
/// but for entries set aside.
Error chainError(const QString& serverName, const QList<ServerAuditEntry>& entries)
{
    QStringList problems;
    for (const ServerAuditEntry& entry : entries)
        if (!entry.problem.isEmpty() && !entry.setAside)
            problems << Tr::tr("entry %1 (by %2): %3").arg(entry.seq).arg(entry.actor, entry.problem);
    if (problems.isEmpty())
        return {};
    QString message =
        Tr::tr("The audit log on the team server %1 does not hold at %2").arg(serverName, problems.first());
    if (problems.size() > 1)
        message += Tr::tr("; and %n more bad entries: %1", nullptr, int(problems.size() - 1))
                       .arg(problems.mid(1).join(QStringLiteral("; ")));
    return {ErrorKind::Damaged, message};
}

} // namespace

Error unvouchedError(const QString& serverName, const QString& name, const QString& role)
{
    return {ErrorKind::Damaged,
            Tr::tr("The team server %1 lets %2 sign in as %3 with a key its audit log did not give them. "
                   "Disable %2 and reset their passphrase to give them a key again.")
                .arg(serverName, text::printable(name), text::printable(role))};
}

Error verifyAudit(SignedIn& reader, QList<ServerAuditEntry>* entries, QHash<QString, ChainPerson>* chainPeople,
                  Unvouched* unvouched)
{
    PgConnection& connection = *reader.connection;
    QList<QVariantList> rows;
    if (Error error =
            connection.execute(QString::fromLatin1(kAuditColumns) + QStringLiteral(" ORDER BY seq"), {}, &rows))
        return error;
    using Known = ChainPerson;
    const CheckedChain chain = checkChain(rows, reader.teamId, true);
    const QList<ServerAuditEntry>& checked = chain.entries;
    const QHash<QString, Known>& people = chain.people;
    if (entries != nullptr)
        *entries = checked;
    if (chainPeople != nullptr)
        *chainPeople = people;

    if (Error error = chainError(connection.serverName(), checked))
        return error;
    // The people the server lets sign in are the ones the log gave keys,
    // with those keys. One who is not is their own problem where the caller
    // takes it so (\a unvouched): the acts on them are refused, the team's go on.
    QList<QVariantList> enabled;
    if (Error error = connection.execute(
            QStringLiteral("SELECT name, role, sign_public_key FROM onramp.people WHERE enabled ORDER BY name"), {},
            &enabled))
        return error;
    if (unvouched != nullptr)
        unvouched->clear();
    for (const QVariantList& person : std::as_const(enabled)) {
        const QString name = person.at(0).toString();
        const QString role = person.at(1).toString();
        const Known known = people.value(name);
        if (known.enabled && known.role == role && known.key == person.at(2).toByteArray())
            continue;
        if (unvouched == nullptr || name == reader.name)
            return unvouchedError(connection.serverName(), name, role);
        unvouched->insert(name, role);
    }
    // This desk's pin: the same first key, and the head it saw still there.
    const qint64 head = checked.isEmpty() ? 0 : checked.last().seq;
    return pin::checkLog(connection.serverName(), reader.teamId, chain.rootKey, chain.hashes, head,
                         chain.hashes.value(head), true);
}

Error readCheckedLog(SignedIn& reader, QList<ServerAuditEntry>* entries, Unvouched* unvouched)
{
    entries->clear();
    Unvouched ignored;
    if (unvouched == nullptr)
        unvouched = &ignored;
    unvouched->clear();
    PgConnection& connection = *reader.connection;
    if (reader.role != QLatin1String("hire")) {
        const Error error = verifyAudit(reader, entries, nullptr, unvouched);
        const bool named = std::any_of(entries->cbegin(), entries->cend(), [](const ServerAuditEntry& entry) {
            return !entry.problem.isEmpty() && !entry.setAside;
        });
        // A log that fails as a whole vouches for none of its entries.
        if (error && !named)
            entries->clear();
        return error;
    }
    // A hire reads their own entries and the shared ones (schema 6): the
    // ones that say who is who, followed from the team's first key this desk
    // pinned, give the key each actor had at each entry's place.
    QList<QVariantList> rows;
    if (Error error =
            connection.execute(QString::fromLatin1(kAuditColumns) + QStringLiteral(" ORDER BY seq"), {}, &rows))
        return error;
    const CheckedChain chain = checkChain(rows, reader.teamId, false);
    if (chain.rootKey.isEmpty())
        return {ErrorKind::Damaged,
                Tr::tr("The audit log on the team server %1 does not begin with its first "
                       "admin's team.init.")
                    .arg(connection.serverName())};
    if (Error error = pin::checkRoot(connection.serverName(), reader.teamId, chain.rootKey))
        return error;
    // A server that hid a reset would have the hire's desk take an old key for theirs.
    const ChainPerson me = chain.people.value(reader.name);
    if (!me.enabled || me.key != reader.keys.publicKey)
        return {ErrorKind::Damaged,
                Tr::tr("The audit log on the team server %1 does not give %2 the key they sign with now.")
                    .arg(connection.serverName(), reader.name)};
    *entries = chain.entries;
    return chainError(connection.serverName(), chain.entries);
}

Error readAudit(SignedIn& reader, QList<ServerAuditEntry>* entries)
{
    const Error error = readCheckedLog(reader, entries);
    if (reader.role == QLatin1String("hire"))
        entries->removeIf([&](const ServerAuditEntry& entry) { return entry.actor != reader.name; });
    return error;
}

std::optional<QString> signedFullName(const QList<ServerAuditEntry>& entries, const QString& name)
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (!it->problem.isEmpty()
            || (it->action != QLatin1String("person.add") && it->action != QLatin1String("team.init")))
            continue;
        const QJsonObject details = QJsonDocument::fromJson(it->content).object();
        if (details.value(QStringLiteral("name")).toString() == name)
            return details.value(QStringLiteral("full_name")).toString();
    }
    return std::nullopt;
}

QByteArray productionCheckOf(const SecureBytes& key)
{
    static const QByteArray tag = QByteArrayLiteral("onramp server production check v1");
    QByteArray out(crypto_generichash_BYTES, 0);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), size_t(out.size()),
                       reinterpret_cast<const unsigned char*>(tag.constData()), size_t(tag.size()), key.data(),
                       key.size());
    return out;
}

bool isProductionRotation(const ServerAuditEntry& entry)
{
    return (entry.action == QLatin1String("person.disable") || entry.action == QLatin1String("production.rotate"))
        && QJsonDocument::fromJson(entry.content).object().value(QStringLiteral("production_key_check")).isString();
}

QByteArray productionCheckIn(const QList<ServerAuditEntry>& entries)
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (!it->problem.isEmpty())
            continue;
        QString field;
        if (it->seq == 1 && it->action == QLatin1String("team.init"))
            field = QStringLiteral("production_check");
        else if (isProductionRotation(*it))
            field = QStringLiteral("production_key_check");
        else
            continue;
        return QByteArray::fromBase64(QJsonDocument::fromJson(it->content).object().value(field).toString().toLatin1());
    }
    return {};
}

Error openProductionKey(SignedIn& me, SecureBytes* key)
{
    if (!holdsProduction(me.role))
        return {ErrorKind::NotPermitted,
                Tr::tr("%1 holds no production key on the team server %2: only admins and mentors do.")
                    .arg(me.name, me.connection->serverName())};
    // Who holds it is the verified log's say, never what the server shows.
    QList<ServerAuditEntry> entries;
    QHash<QString, ChainPerson> people;
    Unvouched others;
    if (Error error = verifyAudit(me, &entries, &people, &others))
        return error;
    return openProductionKey(me, entries, people, key);
}

Error openProductionKey(SignedIn& me, const QList<ServerAuditEntry>& entries, const QHash<QString, ChainPerson>& people,
                        SecureBytes* key)
{
    const QString serverName = me.connection->serverName();
    const Error notHeld{ErrorKind::NotPermitted,
                        Tr::tr("%1 holds no production key on the team server %2: only admins and mentors do.")
                            .arg(me.name, serverName)};
    if (!holdsProduction(me.role))
        return notHeld;
    const ChainPerson person = people.value(me.name);
    if (!person.enabled || !holdsProduction(person.role) || person.key != me.keys.publicKey)
        return notHeld;
    const QByteArray check = me.productionCheck.isEmpty() ? QByteArray() : productionCheckIn(entries);
    if (check.isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("The team on %1 was set up before its server kept a production key: it has none yet.")
                    .arg(serverName)};
    QList<QVariantList> rows;
    if (Error error = me.connection->execute(QStringLiteral("SELECT box FROM onramp.production_boxes WHERE name = $1"),
                                             {me.name}, &rows))
        return error;
    std::optional<SecureBytes> opened;
    if (!rows.isEmpty())
        opened = crypto::openSealed(rows.first().first().toByteArray(), me.keys.secretKey);
    if (!opened || opened->size() != crypto::kSymmetricKeyBytes || productionCheckOf(*opened) != check)
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 holds no production key for %2 that opens with their key and matches the "
                       "newest one its audit log names: it was removed or altered. An admin's passphrase reset "
                       "seals it again.")
                    .arg(serverName, me.name)};
    *key = std::move(*opened);
    return {};
}

Error checkShownName(const QString& serverName, const QString& name, const QString& shown,
                     const std::optional<QString>& signedName)
{
    if (!signedName || *signedName == shown)
        return {};
    return {ErrorKind::Damaged,
            Tr::tr("The team server %1 shows %2 as “%3”, and the audit log's signed entry names them “%4”.")
                .arg(serverName, text::printable(name), text::printable(shown), text::printable(*signedName))};
}

Error listPeople(SignedIn& reader, QList<ServerPerson>* people)
{
    people->clear();
    QHash<QString, ChainPerson> chain;
    const bool readsLog = reader.role != QLatin1String("hire");
    // Whom the server shows otherwise than the log says is listed, not vouched for.
    Unvouched unvouched;
    if (readsLog)
        if (Error error = verifyAudit(reader, nullptr, &chain, &unvouched))
            return error;
    // A hire's desk reads who is who from the entries every person reads.
    QList<ServerAuditEntry> entries;
    if (!readsLog)
        if (Error error = readCheckedLog(reader, &entries))
            return error;
    QList<QVariantList> rows;
    if (Error error = reader.connection->execute(
            QStringLiteral("SELECT name, full_name, role, enabled, sign_public_key FROM onramp.people ORDER BY name"),
            {}, &rows))
        return error;
    for (const QVariantList& row : std::as_const(rows)) {
        ServerPerson person{row.at(0).toString(), row.at(1).toString(), row.at(2).toString(), row.at(3).toBool(),
                            row.at(4).toByteArray()};
        const auto known = chain.constFind(person.name);
        // A display name is what the signed entry says, or the row is refused.
        if (Error error = checkShownName(
                reader.connection->serverName(), person.name, person.fullName,
                readsLog ? (known != chain.cend() ? std::optional<QString>(known->fullName) : std::nullopt)
                         : signedFullName(entries, person.name)))
            return error;
        person.vouched = readsLog && known != chain.cend() && known->key == person.publicKey
            && known->role == person.role && known->enabled == person.enabled && known->fullName == person.fullName;
        people->append(person);
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
    if (Error error = checkDisplayName(fullName))
        return error;
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
