#include "TeamGrants.h"

#include "Crypto.h"
#include "PgConnection.h"
#include "SecureBytes.h"
#include "TeamAccess.h"
#include "TeamOnboarding.h"

#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "credentials/Provider.h"
#include "onboarding/Signatures.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace onramp::server {

namespace {

QString digestOf(const QByteArray& sealed)
{
    return sealed.isEmpty()
        ? QString()
        : QString::fromLatin1(QCryptographicHash::hash(sealed, QCryptographicHash::Sha256).toBase64());
}

/// What a kept production secret's box is bound to: the team and the credential.
QByteArray secretContext(const QString& teamId, const QString& credentialId)
{
    return QByteArrayLiteral("onramp server credential v1") + '\0' + teamId.toUtf8() + '\0' + credentialId.toUtf8();
}

QString utcText(QLatin1StringView column)
{
    return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')").arg(column);
}

/// What revoke and renew share: \a hire's status as \a me sees it, refused
/// unless \a me is their mentor or an admin, and the production credential
/// \a credentialId of the enrollment's checklist version (\a credential).
/// \a unvouchedHire as enrollmentStatus() takes it.
Error asGrantor(SignedIn& me, const QString& hire, const QString& credentialId, const QDateTime& now,
                UnvouchedHire unvouchedHire, EnrollmentStatus* status, CredentialTemplate* credential)
{
    const QString refused = Tr::tr("only %1's mentor or an admin can renew or revoke their grants").arg(hire);
    if (me.role == QLatin1String("hire") || me.name == hire)
        return {ErrorKind::NotPermitted, refused};
    if (Error error = enrollmentStatus(me, hire, now, status, nullptr, unvouchedHire)) {
        if (error.kind == ErrorKind::NotPermitted)
            return {ErrorKind::NotPermitted, refused};
        return error;
    }
    if (me.role != QLatin1String("admin") && me.name != status->mentor.name)
        return {ErrorKind::NotPermitted,
                Tr::tr("only %1's mentor, %2, or an admin can renew or revoke their grants")
                    .arg(hire, status->mentor.name)};
    PgConnection& connection = *me.connection;
    Error error;
    // enrollmentStatus() checked this version's content against its signed
    // entry; versions are never updated.
    const QByteArray yaml =
        connection
            .scalar(QStringLiteral("SELECT content FROM onramp.checklist_versions WHERE checklist_id = $1 AND "
                                   "version = $2"),
                    {status->checklistId, status->checklistVersion}, &error)
            .toByteArray();
    if (error)
        return error;
    ParseResult parsed = parseChecklist(yaml, QStringLiteral("server checklist"), InputLimits::Relaxed);
    if (!parsed.ok())
        return {ErrorKind::Damaged,
                Tr::tr("Checklist %1 version %2 on the team server %3 does not parse: %4")
                    .arg(status->checklistId)
                    .arg(status->checklistVersion)
                    .arg(connection.serverName(), parsed.errors.value(0))};
    for (const CredentialTemplate& c : std::as_const(parsed.checklist->credentials))
        if (c.id == credentialId) {
            if (c.environment != Environment::Production)
                return {
                    ErrorKind::InvalidInput,
                    Tr::tr("'%1' is a sandbox credential; it has no grant (the hire reissues it)").arg(credentialId)};
            *credential = c;
            return {};
        }
    return {ErrorKind::InvalidInput, Tr::tr("no credential '%1' in %2's checklist").arg(credentialId, hire)};
}

/// The ids of the live grants of \a credentialId in \a enrollmentId.
Error liveGrants(PgConnection& connection, qint64 enrollmentId, const QString& credentialId, QJsonArray* ids)
{
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT id FROM onramp.grants WHERE enrollment_id = $1 AND "
                                                        "credential = $2 AND ended_at IS NULL ORDER BY id"),
                                         {enrollmentId, credentialId}, &rows))
        return error;
    for (const QVariantList& row : std::as_const(rows))
        ids->append(row.at(0).toLongLong());
    return {};
}

/// Ends every live grant of \a credentialId in \a enrollmentId as \a how;
/// \a ended, when given, receives how many.
Error endLive(PgConnection& connection, qint64 enrollmentId, const QString& credentialId, const QString& by,
              const QString& at, const QString& how, qsizetype* ended = nullptr)
{
    QList<QVariantList> rows;
    if (Error error = connection.execute(
            QStringLiteral("UPDATE onramp.grants SET ended_at = $3::timestamptz, ended_by = $4, ended_how = $5 "
                           "WHERE enrollment_id = $1 AND credential = $2 AND ended_at IS NULL RETURNING id"),
            {enrollmentId, credentialId, at, by, how}, &rows))
        return error;
    if (ended != nullptr)
        *ended = rows.size();
    return {};
}

/// Ends the live grant of \a grant's credential in \a enrollmentId as
/// renewed and writes \a grant in its place, with \a me's signed grant.renew
/// entry naming both, in one transaction.
Error recordRenewal(SignedIn& me, const QString& hire, qint64 enrollmentId, const NewGrant& grant, const QDateTime& now)
{
    QJsonArray live;
    if (Error error = liveGrants(*me.connection, enrollmentId, grant.credential, &live))
        return error;
    const QString at = signatures::timeText(now);
    QJsonObject details = describeGrants({grant}).first().toObject();
    details.insert(QStringLiteral("name"), hire);
    details.insert(QStringLiteral("enrollment"), enrollmentId);
    details.insert(QStringLiteral("ended_grants"), live);
    details.insert(QStringLiteral("at"), at);
    return recordSigned(me, QStringLiteral("grant.renew"), details, [&](PgConnection& c) -> Error {
        if (Error e = endLive(c, enrollmentId, grant.credential, me.name, at, QStringLiteral("renewed")))
            return e;
        const Error inserted = insertGrants(c, enrollmentId, me.name, {grant});
        // Of two desks renewing at once, the one whose grant the server took first wins.
        if (inserted.kind == ErrorKind::InvalidInput)
            return {ErrorKind::InvalidInput,
                    Tr::tr("%1's grant of '%2' was renewed from another desk just now").arg(hire, grant.credential)};
        return inserted;
    });
}

} // namespace

Error prepareGrants(SignedIn& grantor, const Checklist& checklist, const QByteArray& hirePublicKey,
                    const QDateTime& now, const QString& only, QList<NewGrant>* out)
{
    for (const CredentialTemplate& credential : checklist.credentials) {
        if (credential.environment != Environment::Production || (!only.isEmpty() && credential.id != only))
            continue;
        NewGrant grant;
        grant.credential = credential.id;
        // To the millisecond the entry carries, so that the row is what it says.
        grant.expires = signatures::timeFromText(signatures::timeText(
            now.addSecs(credential.ttlSeconds > 0 ? credential.ttlSeconds : Credentials::kDefaultTtlSeconds)));
        if (credential.provider == QLatin1String("generated")) {
            const SecureBytes secret = generatedSecret(credential);
            grant.sealed = crypto::sealTo(secret.view(), hirePublicKey);
            if (grant.sealed.isEmpty())
                return {ErrorKind::Damaged, Tr::tr("the hire's public key is not valid; cannot seal to it")};
        } else if (credential.provider == QLatin1String("static")) {
            std::optional<SecureBytes> kept;
            if (Error error = keptSecret(grantor, credential.id, &kept))
                return error;
            if (kept) {
                grant.sealed = crypto::sealTo(kept->view(), hirePublicKey);
                if (grant.sealed.isEmpty())
                    return {ErrorKind::Damaged, Tr::tr("the hire's public key is not valid; cannot seal to it")};
            }
        } else {
            return {ErrorKind::InvalidInput,
                    Tr::tr("'%1' is a %2 credential; a team server grants generated and static ones so far")
                        .arg(credential.id, credential.provider)};
        }
        out->append(grant);
    }
    return {};
}

QJsonArray describeGrants(const QList<NewGrant>& grants)
{
    QJsonArray described;
    for (const NewGrant& grant : grants)
        described.append(QJsonObject{{QStringLiteral("credential"), grant.credential},
                                     {QStringLiteral("expires_at"), signatures::timeText(grant.expires)},
                                     {QStringLiteral("sealed_digest"), digestOf(grant.sealed)}});
    return described;
}

Error insertGrants(PgConnection& connection, qint64 enrollmentId, const QString& author, const QList<NewGrant>& grants)
{
    for (const NewGrant& grant : grants)
        if (Error error = connection.execute(
                QStringLiteral("INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, author) "
                               "VALUES ($1, $2, $3, $4::timestamptz, $5)"),
                {enrollmentId, grant.credential, grant.sealed.isEmpty() ? QVariant() : QVariant(grant.sealed),
                 signatures::timeText(grant.expires), author}))
            return error;
    return {};
}

Error readProduction(PgConnection& connection, const QList<ServerAuditEntry>& entries, const QString& hire,
                     const std::function<QString(const QString&)>& shownName, EnrollmentStatus* status,
                     QList<ServerGrant>* checked)
{
    QList<QVariantList> rows;
    if (Error error = connection.execute(
            QStringLiteral("SELECT id, credential, %1, sealed, ended_how, %2, ended_by, author, %3 FROM onramp.grants "
                           "WHERE enrollment_id = $1 ORDER BY id")
                .arg(utcText(QLatin1StringView("expires_at")), utcText(QLatin1StringView("ended_at")),
                     utcText(QLatin1StringView("created_at"))),
            {status->enrollmentId}, &rows))
        return error;
    const auto damaged = [&](const QString& credential) {
        return Error{ErrorKind::Damaged,
                     Tr::tr("The team server %1 shows a grant of %2 to %3 that no signed entry of its audit log "
                            "vouches for.")
                         .arg(connection.serverName(), credential, hire)};
    };
    // Who the log made an admin (team.init, person.add): with the
    // enrollment's mentor, the only ones whose grant entries count, whatever
    // the server let through.
    QSet<QString> admins;
    for (const ServerAuditEntry& entry : entries) {
        const QJsonObject d = QJsonDocument::fromJson(entry.content).object();
        if (entry.problem.isEmpty()
            && (entry.action == QLatin1String("team.init")
                || (entry.action == QLatin1String("person.add")
                    && d.value(QStringLiteral("role")).toString() == QLatin1String("admin"))))
            admins.insert(d.value(QStringLiteral("name")).toString());
    }
    // An entry that holds, or one set aside (*aside): a grant only set-aside
    // entries made is read as absent; an end only they vouch for still ends
    // it, as the server holds it ended (access only narrows).
    const auto naming = [&](const ServerAuditEntry& entry, QJsonObject* details, bool* aside) {
        *details = QJsonDocument::fromJson(entry.content).object();
        *aside = entry.setAside;
        return (entry.problem.isEmpty() || entry.setAside)
            && (entry.actor == status->mentor.name || admins.contains(entry.actor))
            && details->value(QStringLiteral("name")).toString() == hire
            && details->value(QStringLiteral("enrollment")).toInteger() == status->enrollmentId;
    };
    // Per credential, its newest grant: (how it ended, when, by whom).
    QHash<QString, std::tuple<QString, QString, QString>> newest;
    for (const QVariantList& row : std::as_const(rows)) {
        const QString credential = row.at(1).toString();
        const QJsonObject described{{QStringLiteral("credential"), credential},
                                    {QStringLiteral("expires_at"), row.at(2).toString()},
                                    {QStringLiteral("sealed_digest"), digestOf(row.at(3).toByteArray())}};
        bool made = false;
        bool madeAside = false;
        for (auto it = entries.crbegin(); it != entries.crend() && !made; ++it) {
            QJsonObject d;
            bool aside = false;
            if (it->actor != row.at(7).toString() || !naming(*it, &d, &aside))
                continue;
            bool names = false;
            if (it->action == QLatin1String("signoff")) {
                for (const QJsonValue& g : d.value(QStringLiteral("grants")).toArray())
                    names = names || g.toObject() == described;
            } else if (it->action == QLatin1String("grant.create") || it->action == QLatin1String("grant.renew")) {
                names = d.value(QStringLiteral("credential")) == described.value(QStringLiteral("credential"))
                    && d.value(QStringLiteral("expires_at")) == described.value(QStringLiteral("expires_at"))
                    && d.value(QStringLiteral("sealed_digest")) == described.value(QStringLiteral("sealed_digest"));
            }
            (aside ? madeAside : made) |= names;
        }
        if (!made && madeAside)
            continue;
        if (!made)
            return damaged(credential);
        const QString how = row.at(4).toString();
        if (!how.isEmpty()) {
            const QString action =
                how == QLatin1String("revoked") ? QStringLiteral("grant.revoke") : QStringLiteral("grant.renew");
            bool ended = false;
            for (auto it = entries.crbegin(); it != entries.crend() && !ended; ++it) {
                QJsonObject d;
                bool aside = false;
                if (it->actor != row.at(6).toString() || !naming(*it, &d, &aside))
                    continue;
                // A move ends every live grant of the enrollment, as revoked.
                // A set-aside entry's time is not held to the row's: it
                // vouches for nothing, and the end it made only narrows.
                ended = (it->action == QLatin1String("enrollment.move") && how == QLatin1String("revoked"))
                    || (it->action == action && d.value(QStringLiteral("credential")).toString() == credential
                        && (aside || d.value(QStringLiteral("at")).toString() == row.at(5).toString()));
            }
            if (!ended)
                return damaged(credential);
        }
        newest.insert(credential, {how, row.at(5).toString(), row.at(6).toString()});
        if (checked != nullptr)
            checked->append({row.at(0).toLongLong(), credential, signatures::timeFromText(row.at(8).toString()),
                             signatures::timeFromText(row.at(2).toString()), row.at(3).toByteArray(),
                             row.at(7).toString(), how, signatures::timeFromText(row.at(5).toString()),
                             row.at(6).toString()});
    }
    // Signed off, and every production credential's newest grant ended
    // since, the latest by a revocation: access was given and taken back.
    if (status->locked() || newest.isEmpty())
        return {};
    QDateTime latestAt;
    const std::tuple<QString, QString, QString>* latest = nullptr;
    for (const auto& grant : std::as_const(newest)) {
        const QDateTime endedAt = signatures::timeFromText(std::get<1>(grant));
        if (std::get<0>(grant).isEmpty() || !endedAt.isValid() || endedAt < status->signedOffAt)
            return {};
        if (!latest || endedAt > latestAt) {
            latest = &grant;
            latestAt = endedAt;
        }
    }
    if (std::get<0>(*latest) != QLatin1String("revoked"))
        return {};
    status->revokedAt = latestAt;
    status->revokedBy = std::get<2>(*latest);
    status->revokedByDisplayName = shownName(status->revokedBy);
    if (status->revokedByDisplayName.isEmpty())
        status->revokedByDisplayName = status->revokedBy;
    return {};
}

Error revokeGrant(SignedIn& me, const QString& hire, const QString& credentialId, const QDateTime& now)
{
    EnrollmentStatus status;
    CredentialTemplate credential;
    // A hire the log does not vouch for (their key changed on the server
    // alone) is the one whose access most needs ending.
    if (Error error = asGrantor(me, hire, credentialId, now, UnvouchedHire::Read, &status, &credential))
        return error;
    QJsonArray live;
    if (Error error = liveGrants(*me.connection, status.enrollmentId, credentialId, &live))
        return error;
    if (live.isEmpty())
        return {ErrorKind::InvalidInput, Tr::tr("%1 holds no grant of '%2' to revoke").arg(hire, credentialId)};
    const QString at = signatures::timeText(now);
    const QJsonObject details{{QStringLiteral("name"), hire},
                              {QStringLiteral("enrollment"), status.enrollmentId},
                              {QStringLiteral("credential"), credentialId},
                              {QStringLiteral("ended_grants"), live},
                              {QStringLiteral("at"), at}};
    // Every live row ends, not the ones read above alone; the server refuses
    // the entry while any is left (schema 8).
    return recordSigned(me, QStringLiteral("grant.revoke"), details, [&](PgConnection& c) -> Error {
        qsizetype ended = 0;
        if (Error error = endLive(c, status.enrollmentId, credentialId, me.name, at, QStringLiteral("revoked"), &ended))
            return error;
        // Another desk revoked it since it was read: nothing to record.
        if (ended == 0)
            return {ErrorKind::InvalidInput, Tr::tr("%1 holds no grant of '%2' to revoke").arg(hire, credentialId)};
        return {};
    });
}

Error renewGrant(SignedIn& me, const QString& hire, const QString& credentialId, const QDateTime& now,
                 QDateTime* expires)
{
    EnrollmentStatus status;
    CredentialTemplate credential;
    if (Error error = asGrantor(me, hire, credentialId, now, UnvouchedHire::Refused, &status, &credential))
        return error;
    if (!status.decision.allowed)
        return {ErrorKind::NotPermitted,
                Tr::tr("'%1' stays locked: %2")
                    .arg(credentialId,
                         status.beforeSignoff().isEmpty() ? Tr::tr("%1's mentor has not signed off yet").arg(hire)
                                                          : status.beforeSignoff().join(QStringLiteral("; ")))};
    if (status.hire.disabled)
        return {ErrorKind::NotPermitted, Tr::tr("%1 is disabled; nothing is granted to them").arg(hire)};
    Checklist one;
    one.credentials.append(credential);
    QList<NewGrant> grants;
    if (Error error = prepareGrants(me, one, status.hire.signPublicKey, now, credentialId, &grants))
        return error;
    if (Error error = recordRenewal(me, hire, status.enrollmentId, grants.first(), now))
        return error;
    *expires = grants.first().expires;
    return {};
}

namespace {

/// Seals \a secret of the production static credential \a credentialId to
/// every enabled hire whose newest grant of it is live at \a now (checked
/// against its entry), each with \a me's grant.renew entry: the live grant
/// ends as renewed and one with the same expiry and the new box takes its
/// place. Those sealed to in \a delivered; a hire it could not reach is
/// named in the error, the others sealed to all the same.
Error resealLive(SignedIn& me, const QString& credentialId, const SecureBytes& secret, const QDateTime& now,
                 QStringList* delivered)
{
    QList<QVariantList> hires;
    if (Error error = me.connection->execute(
            QStringLiteral("SELECT hire FROM onramp.enrollments ORDER BY hire COLLATE \"C\""), {}, &hires))
        return error;
    QStringList missed;
    Error first;
    const auto miss = [&](const QString& hire, const Error& why) {
        missed.append(hire);
        if (!first)
            first = why;
    };
    for (const QVariantList& row : std::as_const(hires)) {
        const QString hire = row.at(0).toString();
        EnrollmentStatus status;
        CheckedEnrollment checked;
        if (Error error = enrollmentStatus(me, hire, now, &status, &checked)) {
            miss(hire, error);
            continue;
        }
        // Nothing goes to a hire production is closed to, as in a folder vault.
        if (status.hire.disabled || !status.decision.allowed)
            continue;
        const bool holds = std::any_of(checked.checklist.credentials.cbegin(), checked.checklist.credentials.cend(),
                                       [&](const CredentialTemplate& c) {
                                           return c.id == credentialId && c.provider == QLatin1String("static")
                                               && c.environment == Environment::Production;
                                       });
        const ServerGrant* newest = nullptr;
        for (const ServerGrant& grant : std::as_const(checked.grants))
            if (grant.credential == credentialId && (newest == nullptr || grant.id > newest->id))
                newest = &grant;
        if (!holds || newest == nullptr || !newest->endedHow.isEmpty() || !newest->expiresAt.isValid()
            || now >= newest->expiresAt)
            continue;
        // The same expiry: a new secret is no longer access.
        NewGrant grant{credentialId, newest->expiresAt, crypto::sealTo(secret.view(), status.hire.signPublicKey)};
        if (grant.sealed.isEmpty()) {
            miss(hire, {ErrorKind::Damaged, Tr::tr("the hire's public key is not valid; cannot seal to it")});
            continue;
        }
        if (Error error = recordRenewal(me, hire, status.enrollmentId, grant, now)) {
            miss(hire, error);
            continue;
        }
        delivered->append(hire);
    }
    if (missed.isEmpty())
        return {};
    return {first.kind,
            Tr::tr("the secret of '%1' is set and sealed to %n hire(s) who hold it, but not to %2 (%3); their "
                   "mentor or an admin seals it to them with 'onramp cred renew HIRE %1'",
                   nullptr, int(delivered->size()))
                .arg(credentialId, missed.join(QStringLiteral(", ")), first.message)};
}

} // namespace

Error setStaticSecret(SignedIn& me, const QString& credentialId, const SecureBytes& secret, const QDateTime& now,
                      QStringList* delivered)
{
    QStringList sealedTo;
    if (delivered == nullptr)
        delivered = &sealedTo;
    delivered->clear();
    if (me.role != QLatin1String("admin"))
        return {ErrorKind::NotPermitted, Tr::tr("only an admin can set a credential's secret")};
    if (Error error = checkSecretToSet(credentialId, secret))
        return error;
    PgConnection& connection = *me.connection;
    // The credential as the latest version of each checklist gives it.
    QList<QVariantList> rows;
    if (Error error =
            connection.execute(QStringLiteral("SELECT DISTINCT ON (checklist_id) checklist_id, version, content FROM "
                                              "onramp.checklist_versions ORDER BY checklist_id, version DESC"),
                               {}, &rows))
        return error;
    std::optional<Environment> environment;
    QStringList statics;
    for (const QVariantList& row : std::as_const(rows)) {
        ParseResult parsed =
            parseChecklist(row.at(2).toByteArray(), QStringLiteral("server checklist"), InputLimits::Relaxed);
        if (!parsed.ok())
            return {ErrorKind::Damaged,
                    Tr::tr("Checklist %1 version %2 on the team server %3 does not parse: %4")
                        .arg(row.at(0).toString())
                        .arg(row.at(1).toInt())
                        .arg(connection.serverName(), parsed.errors.value(0))};
        for (const CredentialTemplate& credential : std::as_const(parsed.checklist->credentials)) {
            if (credential.provider != QLatin1String("static"))
                continue;
            statics.append(credential.id);
            if (credential.id == credentialId)
                environment = credential.environment;
        }
    }
    if (!environment)
        return {ErrorKind::InvalidInput,
                Tr::tr("no static credential '%1' in any checklist (static credentials: %2)")
                    .arg(credentialId, statics.isEmpty() ? Tr::tr("none") : statics.join(QStringLiteral(", ")))};
    if (*environment != Environment::Production)
        return {ErrorKind::InvalidInput,
                Tr::tr("'%1' is a sandbox credential; a team server keeps production secrets only so far")
                    .arg(credentialId)};
    SecureBytes key;
    if (Error error = openProductionKey(me, &key))
        return error;
    const QByteArray box = crypto::encrypt(secret.view(), key, secretContext(me.teamId, credentialId));
    // The key it is under: the server refuses it once a rotation committed since (schema 13).
    const QJsonObject details{
        {QStringLiteral("credential"), credentialId},
        {QStringLiteral("environment"), QStringLiteral("production")},
        {QStringLiteral("box_digest"), digestOf(box)},
        {QStringLiteral("production_key_check"), QString::fromLatin1(productionCheckOf(key).toBase64())}};
    if (Error error = recordSigned(me, QStringLiteral("credential.set"), details, [&](PgConnection& c) -> Error {
            QList<QVariantList> updated;
            if (Error error =
                    c.execute(QStringLiteral("UPDATE onramp.credentials SET box = $2, author = $3, updated_at = "
                                             "now() WHERE hire IS NULL AND name = $1 RETURNING id"),
                              {credentialId, box, me.name}, &updated))
                return error;
            if (!updated.isEmpty())
                return {};
            return c.execute(QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author) "
                                            "VALUES (NULL, $1, 'production', $2, $3)"),
                             {credentialId, box, me.name});
        }))
        return error;
    // Grants live now hold the old secret: each is sealed the new one, on
    // this desk, as a folder vault's cred set seals it to those who hold it.
    return resealLive(me, credentialId, secret, now, delivered);
}

Error keptSecret(SignedIn& me, const QString& credentialId, std::optional<SecureBytes>* secret)
{
    secret->reset();
    if (me.role != QLatin1String("admin") && me.role != QLatin1String("mentor"))
        return {ErrorKind::NotPermitted,
                Tr::tr("%1 holds no production key on the team server %2: only admins and mentors do.")
                    .arg(me.name, me.connection->serverName())};
    QList<ServerAuditEntry> entries;
    QHash<QString, ChainPerson> people;
    Unvouched unvouched; // a production secret is sealed to no one here
    if (Error error = verifyAudit(me, &entries, &people, &unvouched))
        return error;
    std::optional<SecureBytes> key;
    return keptSecretIn(
        me, entries, credentialId,
        [&](const SecureBytes** opened) -> Error {
            if (!key) {
                SecureBytes k;
                if (Error error = openProductionKey(me, entries, people, &k))
                    return error;
                key.emplace(std::move(k));
            }
            *opened = &*key;
            return {};
        },
        secret);
}

Error keptSecretIn(SignedIn& me, const QList<ServerAuditEntry>& entries, const QString& credentialId,
                   const std::function<Error(const SecureBytes**)>& productionKey, std::optional<SecureBytes>* secret)
{
    secret->reset();
    PgConnection& connection = *me.connection;
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT box, author FROM onramp.credentials WHERE hire IS "
                                                        "NULL AND name = $1 AND environment = 'production'"),
                                         {credentialId}, &rows))
        return error;
    // The newest entry naming its box, of an entry that holds (the chain
    // checked that its author was an admin then): a credential.set naming
    // it, or a rotation of the production key listing it.
    const ServerAuditEntry* newest = nullptr;
    QString namedDigest;
    for (auto it = entries.crbegin(); it != entries.crend() && newest == nullptr; ++it) {
        if (!it->problem.isEmpty() || (it->action != QLatin1String("credential.set") && !isProductionRotation(*it)))
            continue;
        const QJsonObject d = QJsonDocument::fromJson(it->content).object();
        if (it->action == QLatin1String("credential.set")) {
            if (d.value(QStringLiteral("credential")).toString() == credentialId
                && d.value(QStringLiteral("environment")).toString() == QLatin1String("production")
                && !d.contains(QStringLiteral("hire"))) {
                newest = &*it;
                namedDigest = d.value(QStringLiteral("box_digest")).toString();
            }
        } else {
            for (const QJsonValue& kept : d.value(QStringLiteral("secrets")).toArray())
                if (kept.toObject().value(QStringLiteral("credential")).toString() == credentialId) {
                    newest = &*it;
                    namedDigest = kept.toObject().value(QStringLiteral("box_digest")).toString();
                }
        }
    }
    if (rows.isEmpty() && newest == nullptr)
        return {};
    const Error damaged{ErrorKind::Damaged,
                        Tr::tr("The team server %1 shows a secret of %2 that is not the one the newest signed "
                               "entry of its audit log naming it gives: it was removed or altered.")
                            .arg(connection.serverName(), credentialId)};
    if (rows.isEmpty() || newest == nullptr)
        return damaged;
    const QByteArray box = rows.first().at(0).toByteArray();
    if (rows.first().at(1).toString() != newest->actor || namedDigest != digestOf(box))
        return damaged;
    const SecureBytes* key = nullptr;
    if (Error error = productionKey(&key))
        return error;
    std::optional<SecureBytes> opened = crypto::decrypt(box, *key, secretContext(me.teamId, credentialId));
    if (!opened)
        return damaged;
    *secret = std::move(opened);
    return {};
}

QByteArray sealSecret(const SecureBytes& secret, const SecureBytes& key, const QString& teamId,
                      const QString& credentialId)
{
    return crypto::encrypt(secret.view(), key, secretContext(teamId, credentialId));
}

QString boxDigest(const QByteArray& box)
{
    return digestOf(box);
}

} // namespace onramp::server
