#include "Grants.h"

#include "Crypto.h"
#include "audit/Records.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

namespace onramp {

QByteArray Grants::signedBytes(qint64 grantId, qint64 enrollmentId, const QString& hire, const QString& credentialId,
                               const QDateTime& grantedAt, const QDateTime& expiresAt,
                               const QMap<QString, QString>& fields)
{
    // Same encoding as the sign-off: newline-joined slugs and program-made
    // times; the fields, when any, last, as the column holds them (a JSON
    // object's text has no newline).
    QStringList parts{QStringLiteral("onramp-grant-v1"),
                      QString::number(grantId),
                      QString::number(enrollmentId),
                      hire,
                      credentialId,
                      signatures::timeText(grantedAt),
                      signatures::timeText(expiresAt)};
    if (!fields.isEmpty())
        parts.append(QStringLiteral("fields ") + fieldsColumn(fields).toString());
    return parts.join(QLatin1Char('\n')).toUtf8();
}

QVariant Grants::fieldsColumn(const QMap<QString, QString>& fields)
{
    if (fields.isEmpty())
        return QVariant();
    QJsonObject object;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> Grants::fieldsFrom(const QVariant& column)
{
    QMap<QString, QString> fields;
    if (column.isNull())
        return fields;
    const QJsonDocument document = QJsonDocument::fromJson(column.toString().toUtf8());
    const QJsonObject object = document.object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        if (it.value().isString())
            fields.insert(it.key(), it.value().toString());
    return fields;
}

namespace {

/// Every column fromRow() reads, then the row's enrollment and credential,
/// from the grants table (read whole, never through an index, for
/// Lookup::Scan) joined to the granter and the person who ended it.
QString selectGrants(Grants::Lookup lookup)
{
    return QStringLiteral(
               "SELECT g.id, g.sealed, g.granted_at, g.expires_at, p.name, p.role, p.sign_public_key, "
               "g.signature, ifnull(g.ended, ''), g.ended_at, ifnull(e.name, ''), g.enrollment_id, "
               "g.credential_id, ifnull(e.display_name, ''), g.fields, g.granted_by FROM credential_grants g %1 "
               "JOIN people p ON "
               "p.id = g.granted_by "
               "LEFT JOIN people e ON e.id = g.ended_by ")
        .arg(lookup == Grants::Lookup::Scan ? QStringLiteral("NOT INDEXED") : QString());
}

} // namespace

Error Grants::latest(qint64 enrollmentId, const Person& hire, const QString& credentialId, std::optional<GrantRow>* out,
                     Lookup lookup)
{
    out->reset();
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(selectGrants(lookup)
                                           + QStringLiteral("WHERE g.enrollment_id = ?1 AND g.credential_id = ?2 "
                                                            "ORDER BY g.id DESC LIMIT 1"),
                                       {enrollmentId, credentialId}, &rows))
        return e;
    if (rows.isEmpty())
        return {};
    const QVariantList& r = rows.first();
    // The lookup answered through an index (whose own copy of the columns it
    // may return); one whose entries were swapped answers with another
    // enrollment's grant. Read the row itself by its id before trusting it:
    // revoking must never end someone else's grant.
    QList<QVariantList> own;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT enrollment_id, credential_id FROM credential_grants "
                                                      "WHERE id = ?1"),
                                       {r.at(0)}, &own))
        return e;
    if (own.isEmpty() || own.first().at(0).toLongLong() != enrollmentId || own.first().at(1).toString() != credentialId)
        return Error(ErrorKind::Damaged,
                     QCoreApplication::translate("onramp",
                                                 "the vault's index of grants answers with grant %1, "
                                                 "which is not enrollment %2's: the database was "
                                                 "tampered with; nothing was changed")
                         .arg(r.at(0).toLongLong())
                         .arg(enrollmentId));
    *out = fromRow(r, enrollmentId, hire, credentialId);
    return {};
}

GrantRow Grants::fromRow(const QVariantList& r, qint64 enrollmentId, const Person& hire, const QString& credentialId)
{
    GrantRow row;
    row.id = r.at(0).toLongLong();
    row.sealed = r.at(1).toByteArray();
    row.grantedAt = signatures::timeFromText(r.at(2).toString());
    row.expiresAt = signatures::timeFromText(r.at(3).toString());
    row.grantedBy = r.at(4).toString();
    row.ended = r.at(8).toString();
    row.endedAt = signatures::timeFromText(r.at(9).toString());
    row.endedBy = r.at(10).toString();
    row.endedByDisplayName = r.at(13).toString().isEmpty() ? row.endedBy : r.at(13).toString();
    row.fields = fieldsFrom(r.at(14));
    const bool signerMayGrant = row.grantedBy != hire.name && r.at(5).toString() != roleName(Role::Hire);
    row.signatureValid = signerMayGrant && row.grantedAt.isValid() && row.expiresAt.isValid()
        && m_signers.holds(
            QStringLiteral("credential_grants"), row.id, r.at(15).toLongLong(), r.at(6).toByteArray(),
            signedBytes(row.id, enrollmentId, hire.name, credentialId, row.grantedAt, row.expiresAt, row.fields),
            r.at(7).toByteArray());
    // Fields that do not read back as they were signed (not JSON, a value
    // not a string) fail the signature above unless there were none.
    if (!r.at(14).isNull() && fieldsColumn(row.fields) != r.at(14))
        row.signatureValid = false;
    return row;
}

Error Grants::latestOfEach(const QString& scope, const QVariantList& params, const QHash<qint64, Person>& hires,
                           QHash<QPair<qint64, QString>, GrantRow>* out, Lookup lookup)
{
    // The newest id of each pair wins.
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(selectGrants(lookup) + scope + QStringLiteral(" ORDER BY g.id"), params, &rows))
        return e;
    QHash<QPair<qint64, QString>, const QVariantList*> newest;
    for (const QVariantList& r : std::as_const(rows))
        newest.insert({r.at(11).toLongLong(), r.at(12).toString()}, &r);
    for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
        const auto hire = hires.constFind(it.key().first);
        if (hire != hires.cend())
            out->insert(it.key(), fromRow(**it, it.key().first, *hire, it.key().second));
    }
    return {};
}

Error Grants::expire(const QList<qint64>& ids, const QDateTime& now)
{
    QJsonArray list;
    for (const qint64 id : ids)
        list.append(id);
    return m_vault.db().execute(QStringLiteral("UPDATE credential_grants SET sealed = NULL, ended = 'expired', "
                                               "ended_at = ?1, ended_by = ?2 WHERE ended IS NULL "
                                               "AND id IN (SELECT value FROM json_each(?3))"),
                                {signatures::timeText(now), m_vault.me().id,
                                 QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact))});
}

QJsonObject Grants::ending(qint64 grantId, const QString& how)
{
    return {{QStringLiteral("id"), grantId}, {QStringLiteral("how"), how}};
}

Error Grants::endLive(qint64 enrollmentId, const QDateTime& now, QJsonArray* ended)
{
    QList<QVariantList> live;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT id FROM credential_grants WHERE enrollment_id = ?1 "
                                                      "AND ended IS NULL ORDER BY id"),
                                       {enrollmentId}, &live))
        return e;
    const QString revoked = QStringLiteral("revoked");
    for (const QVariantList& row : live) {
        if (Error e = end(row.at(0).toLongLong(), revoked, now))
            return e;
        ended->append(ending(row.at(0).toLongLong(), revoked));
    }
    return {};
}

namespace {

/// What the log says of \a credentialId's grants in \a enrollmentId: the
/// ids its `grant.create` and `grant.renew` entries vouch for, in order, and
/// how each that an entry ended since was ended: as the newest entry naming
/// it in its `ended_grants` says, else "revoked" when a `grant.revoke` of the
/// pair came after it (which ends every grant of the pair vouched before it).
Error loggedGrants(Database& db, qint64 enrollmentId, const QString& credentialId, QList<qint64>* vouched,
                   QHash<qint64, QString>* endings)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(
            QStringLiteral("SELECT json_extract(r.value, '$.id'), a.seq FROM audit_log a NOT INDEXED, "
                           "json_each(CASE WHEN json_valid(a.details) THEN a.details ELSE '{}' END, '$.records') r "
                           "WHERE a.action IN ('grant.create', 'grant.renew') AND CASE WHEN json_valid(a.details) THEN "
                           "json_extract(a.details, '$.enrollment') END = ?1 "
                           "AND CASE WHEN json_valid(a.details) THEN json_extract(a.details, '$.credential') END = ?2 "
                           "AND json_extract(r.value, '$.table') = 'credential_grants' ORDER BY a.seq"),
            {enrollmentId, credentialId}, &rows))
        return e;
    const qint64 lastRevoke =
        db.scalar(QStringLiteral("SELECT ifnull(max(seq), 0) FROM audit_log NOT INDEXED WHERE action = "
                                 "'grant.revoke' AND CASE WHEN json_valid(details) THEN "
                                 "json_extract(details, '$.enrollment') = ?1 AND json_extract(details, "
                                 "'$.credential') = ?2 ELSE 0 END"),
                  {enrollmentId, credentialId})
            .toLongLong();
    QList<QVariantList> ended;
    if (Error e = db.execute(
            QStringLiteral("SELECT json_extract(g.value, '$.id'), ifnull(json_extract(g.value, '$.how'), '') "
                           "FROM audit_log a NOT INDEXED, "
                           "json_each(CASE WHEN json_valid(a.details) THEN a.details ELSE '{}' END, "
                           "'$.ended_grants') g WHERE CASE WHEN json_valid(a.details) THEN json_extract(a.details, "
                           "'$.enrollment') END = ?1 ORDER BY a.seq"),
            {enrollmentId}, &ended))
        return e;
    for (const QVariantList& r : std::as_const(ended))
        endings->insert(r.at(0).toLongLong(), r.at(1).toString());
    for (const QVariantList& r : std::as_const(rows)) {
        const qint64 id = r.at(0).toLongLong();
        vouched->append(id);
        if (!endings->contains(id) && r.at(1).toLongLong() < lastRevoke)
            endings->insert(id, QStringLiteral("revoked"));
    }
    return {};
}

} // namespace

Error Grants::endEveryLive(qint64 enrollmentId, const Person& hire, const QString& credentialId, const QString& how,
                           const QDateTime& now, QJsonArray* ended, QList<qint64>* planted, QList<qint64>* missing)
{
    QList<qint64> vouched;
    QHash<qint64, QString> endings;
    if (Error e = loggedGrants(m_vault.db(), enrollmentId, credentialId, &vouched, &endings))
        return e;
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(selectGrants(Lookup::Scan)
                                           + QStringLiteral("WHERE g.enrollment_id = ?1 AND g.credential_id = ?2 "
                                                            "ORDER BY g.id"),
                                       {enrollmentId, credentialId}, &rows))
        return e;
    QSet<qint64> present;
    for (const QVariantList& r : std::as_const(rows)) {
        const GrantRow row = fromRow(r, enrollmentId, hire, credentialId);
        present.insert(row.id);
        const bool vouchedFor = vouched.contains(row.id);
        if (vouchedFor && !endings.contains(row.id)) {
            // Live by the log, whatever the row says.
            if (Error e = end(row.id, how, now))
                return e;
            ended->append(ending(row.id, how));
            continue;
        }
        if (row.ended.isEmpty() || !row.sealed.isEmpty()) {
            if (!vouchedFor) {
                if (Error e = end(row.id, how, now))
                    return e;
                planted->append(row.id);
                continue;
            }
            // Ended by the log, yet made to look live: the log's ending comes
            // back, the box goes.
            if (Error e = m_vault.db().execute(
                    QStringLiteral("UPDATE credential_grants SET sealed = NULL, ended = ?1, ended_at = "
                                   "ifnull(ended_at, ?2), ended_by = ifnull(ended_by, ?3) WHERE id = ?4"),
                    {endings.value(row.id), signatures::timeText(now), m_vault.me().id, row.id}))
                return e;
        }
    }
    for (const qint64 id : std::as_const(vouched)) {
        if (present.contains(id) || endings.contains(id) || missing->contains(id))
            continue;
        // Gone from the table, live by the log: ended in the log all the same,
        // so that a row put back later is refused.
        ended->append(ending(id, how));
        missing->append(id);
    }
    return {};
}

Error Grants::grant(qint64 enrollmentId, const Person& hire, const QString& credentialId,
                    const std::optional<SecureBytes>& secret, const QDateTime& now, const QDateTime& expires,
                    QJsonObject* details, const QMap<QString, QString>& fields)
{
    Database& db = m_vault.db();
    // Every live grant of the pair ends, not the newest row alone; the
    // caller verified the table against the log, so none is planted.
    QJsonArray ended;
    QList<qint64> planted;
    QList<qint64> missing;
    if (Error e =
            endEveryLive(enrollmentId, hire, credentialId, QStringLiteral("renewed"), now, &ended, &planted, &missing))
        return e;
    if (!missing.isEmpty())
        return Error(ErrorKind::Damaged,
                     QCoreApplication::translate("onramp",
                                                 "credential_grants row %1, which the log vouches for, is missing: "
                                                 "it was deleted outside Onramp; nothing was changed")
                         .arg(missing.first()));
    if (!planted.isEmpty())
        return Error(ErrorKind::Damaged,
                     QCoreApplication::translate("onramp",
                                                 "credential_grants row %1: no audit entry vouches for it; it was "
                                                 "written outside Onramp; nothing was changed")
                         .arg(planted.first()));
    QVariant sealed;
    if (secret) {
        sealed = crypto::sealTo(secret->view(), hire.signPublicKey);
        if (sealed.toByteArray().isEmpty())
            return Error(ErrorKind::Damaged,
                         QCoreApplication::translate("onramp", "%1's public key is not valid; cannot seal to it")
                             .arg(hire.name));
    }
    // The id is part of the signed bytes, so the row is written first and signed after.
    if (Error e = db.execute(QStringLiteral("INSERT INTO credential_grants (enrollment_id, credential_id, sealed, "
                                            "granted_at, expires_at, granted_by, signature, fields) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, x'', ?7)"),
                             {enrollmentId, credentialId, sealed, signatures::timeText(now),
                              signatures::timeText(expires), m_vault.me().id, fieldsColumn(fields)}))
        return e;
    const qint64 id = db.lastInsertId();
    const QByteArray signature =
        m_vault.sign(signedBytes(id, enrollmentId, hire.name, credentialId, now, expires, fields));
    if (Error e =
            db.execute(QStringLiteral("UPDATE credential_grants SET signature = ?1 WHERE id = ?2"), {signature, id}))
        return e;
    QJsonArray vouched;
    if (Error e = records::vouch(db, QStringLiteral("credential_grants"), id, &vouched))
        return e;
    details->insert(QStringLiteral("enrollment"), enrollmentId);
    details->insert(records::key(), vouched);
    if (!ended.isEmpty())
        details->insert(QStringLiteral("ended_grants"), ended);
    return {};
}

Error Grants::end(qint64 grantId, const QString& how, const QDateTime& now)
{
    return m_vault.db().execute(QStringLiteral("UPDATE credential_grants SET sealed = NULL, ended = ?1, "
                                               "ended_at = ?2, ended_by = ?3 WHERE id = ?4"),
                                {how, signatures::timeText(now), m_vault.me().id, grantId});
}

Error Grants::reseal(qint64 grantId, const Person& hire, const SecureBytes& secret)
{
    const QByteArray sealed = crypto::sealTo(secret.view(), hire.signPublicKey);
    if (sealed.isEmpty())
        return Error(
            ErrorKind::Damaged,
            QCoreApplication::translate("onramp", "%1's public key is not valid; cannot seal to it").arg(hire.name));
    return m_vault.db().execute(QStringLiteral("UPDATE credential_grants SET sealed = ?1 WHERE id = ?2"),
                                {sealed, grantId});
}

} // namespace onramp
