#include "SecretStore.h"

#include "Crypto.h"
#include "ProductionKey.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QCoreApplication>

namespace onramp {

namespace {

QByteArray contextFor(const QString& credentialId, Environment environment, qint64 hireId, const QByteArray& seal)
{
    return productionkey::secretContext(credentialId, environmentName(environment), hireId, seal);
}

// hire_id is NULL for a shared static secret; 0 stands for it in this API.
QVariant hireColumn(qint64 hireId)
{
    return hireId == 0 ? QVariant() : QVariant(hireId);
}

} // namespace

Error SecretStore::put(const QString& credentialId, Environment environment, qint64 hireId, const SecureBytes& secret,
                       const QDateTime& now, QByteArray* seal)
{
    if (!m_vault.holdsProductionKey())
        return Error(ErrorKind::NotPermitted,
                     QCoreApplication::translate("onramp", "only an admin or a mentor can store credential secrets"));
    // A shared secret's seal names this box in the admin's signed entry.
    QByteArray sealed;
    if (hireId == 0)
        sealed = crypto::randomBytes(productionkey::kSealSize);
    const QByteArray box =
        crypto::encrypt(secret.view(), m_vault.productionKey(), contextFor(credentialId, environment, hireId, sealed));
    if (Error e = remove(credentialId, environment, hireId))
        return e;
    if (seal)
        *seal = sealed;
    return m_vault.db().execute(QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, "
                                               "box, set_at, set_by, seal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
                                {credentialId, environmentName(environment), hireColumn(hireId), box,
                                 signatures::timeText(now), m_vault.me().id,
                                 sealed.isEmpty() ? QVariant() : QVariant(sealed)});
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
    // The shared one where Onramp writes it: its hire NULL, never 0.
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT box, seal FROM credential_secrets WHERE credential_id "
                                                      "= ?1 AND environment = ?2 AND hire_id IS ?3"),
                                       {credentialId, environmentName(environment), hireColumn(hireId)}, &rows))
        return e;
    if (rows.isEmpty())
        return {};
    *out = crypto::decrypt(rows.first().at(0).toByteArray(), m_vault.productionKey(),
                           contextFor(credentialId, environment, hireId, rows.first().at(1).toByteArray()));
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
                                                           "= ?1 AND environment = ?2 AND hire_id IS ?3"),
                                            {credentialId, environmentName(environment), hireColumn(hireId)});
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
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT rowid, environment, box, seal, hire_id IS NULL FROM "
                                                      "credential_secrets WHERE credential_id = ?1 AND "
                                                      "ifnull(hire_id, 0) = ?2 ORDER BY rowid"),
                                       {credentialId, hireId}, &rows))
        return e;
    // The seals as the walk of the verified log found them (and this
    // act's own entries since).
    records::KeptSeals seals;
    if (hireId == 0)
        if (Error e = Ledger::keptSeals(m_vault, &seals))
            return e;
    for (const QVariantList& row : std::as_const(rows)) {
        // The environment as the row names it: a row relabelled is one whose box does not open.
        const QString environment = row.at(1).toString();
        const QByteArray seal = row.at(3).toByteArray();
        const QByteArray context = productionkey::secretContext(credentialId, environment, hireId, seal);
        // A shared one opens, but is not the box the newest signed entry
        // stored (an earlier one put back), or not in the row Onramp writes.
        const bool earlier =
            hireId == 0 && (!row.at(4).toBool() || !records::sealHolds(seals, credentialId, environment, seal));
        if (earlier || !crypto::decrypt(row.at(2).toByteArray(), m_vault.productionKey(), context))
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
