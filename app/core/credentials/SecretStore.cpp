#include "SecretStore.h"

#include "Crypto.h"
#include "ProductionKey.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QCoreApplication>

namespace onramp {

namespace {

QByteArray contextFor(const QString& credentialId, Environment environment, qint64 hireId)
{
    return productionkey::secretContext(credentialId, environmentName(environment), hireId);
}

// hire_id is NULL for a shared static secret; 0 stands for it in this API.
QVariant hireColumn(qint64 hireId)
{
    return hireId == 0 ? QVariant() : QVariant(hireId);
}

} // namespace

Error SecretStore::put(const QString& credentialId, Environment environment, qint64 hireId, const SecureBytes& secret,
                       const QDateTime& now)
{
    if (!m_vault.holdsProductionKey())
        return Error(ErrorKind::NotPermitted,
                     QCoreApplication::translate("onramp", "only an admin or a mentor can store credential secrets"));
    const QByteArray box =
        crypto::encrypt(secret.view(), m_vault.productionKey(), contextFor(credentialId, environment, hireId));
    if (Error e = remove(credentialId, environment, hireId))
        return e;
    return m_vault.db().execute(QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, "
                                               "box, set_at, set_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                                {credentialId, environmentName(environment), hireColumn(hireId), box,
                                 signatures::timeText(now), m_vault.me().id});
}

Error SecretStore::get(const QString& credentialId, Environment environment, qint64 hireId,
                       std::optional<SecureBytes>* out)
{
    out->reset();
    if (!m_vault.holdsProductionKey())
        return Error(ErrorKind::NotPermitted,
                     QCoreApplication::translate("onramp", "the secret of '%1' is kept for admins and mentors only")
                         .arg(credentialId));
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT box FROM credential_secrets WHERE credential_id = ?1 "
                                                      "AND environment = ?2 AND ifnull(hire_id, 0) = ?3"),
                                       {credentialId, environmentName(environment), hireId}, &rows))
        return e;
    if (rows.isEmpty())
        return {};
    *out = crypto::decrypt(rows.first().at(0).toByteArray(), m_vault.productionKey(),
                           contextFor(credentialId, environment, hireId));
    if (!*out)
        return Error(ErrorKind::Damaged,
                     QCoreApplication::translate("onramp",
                                                 "the stored secret of '%1' does not open: it was altered "
                                                 "or moved; an admin sets it again")
                         .arg(credentialId));
    return {};
}

Error SecretStore::setAt(const QString& credentialId, Environment environment, qint64 hireId, QDateTime* out)
{
    *out = QDateTime();
    std::optional<SecureBytes> secret;
    if (Error e = get(credentialId, environment, hireId, &secret))
        return e.kind == ErrorKind::Damaged ? Error() : e;
    if (!secret)
        return {};
    const QVariant at = m_vault.db().scalar(QStringLiteral("SELECT set_at FROM credential_secrets WHERE credential_id "
                                                           "= ?1 AND environment = ?2 AND ifnull(hire_id, 0) = ?3"),
                                            {credentialId, environmentName(environment), hireId});
    *out = signatures::timeFromText(at.toString());
    return {};
}

Error SecretStore::remove(const QString& credentialId, Environment environment, qint64 hireId)
{
    return m_vault.db().execute(QStringLiteral("DELETE FROM credential_secrets WHERE credential_id = ?1 "
                                               "AND environment = ?2 AND ifnull(hire_id, 0) = ?3"),
                                {credentialId, environmentName(environment), hireId});
}

Error SecretStore::unopened(const QString& credentialId, qint64 hireId, QList<qint64>* rowIds)
{
    rowIds->clear();
    if (!m_vault.holdsProductionKey())
        return Error(ErrorKind::NotPermitted,
                     QCoreApplication::translate("onramp", "the secret of '%1' is kept for admins and mentors only")
                         .arg(credentialId));
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT rowid, environment, box FROM credential_secrets "
                                                      "WHERE credential_id = ?1 AND ifnull(hire_id, 0) = ?2 "
                                                      "ORDER BY rowid"),
                                       {credentialId, hireId}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        // The environment as the row names it: a row relabelled is one whose box does not open.
        const QByteArray context = productionkey::secretContext(credentialId, row.at(1).toString(), hireId);
        if (!crypto::decrypt(row.at(2).toByteArray(), m_vault.productionKey(), context))
            rowIds->append(row.at(0).toLongLong());
    }
    return {};
}

Error SecretStore::removeRows(const QList<qint64>& rowIds)
{
    for (const qint64 rowId : rowIds)
        if (Error e = m_vault.db().execute(QStringLiteral("DELETE FROM credential_secrets WHERE rowid = ?1"), {rowId}))
            return e;
    return {};
}

} // namespace onramp
