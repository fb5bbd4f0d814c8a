#include "audit/SignerKeys.h"

#include "Database.h"
#include "audit/AuditLog.h"
#include "audit/SignatureChecks.h"
#include "people/Person.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace onramp {

namespace {
Q_LOGGING_CATEGORY(lcSignerKeys, "onramp.signerkeys")
} // namespace

bool SignerKeys::holds(const QString& table, qint64 rowId, qint64 authorId, const QByteArray& currentKey,
                       const QByteArray& message, const QByteArray& signature)
{
    VerifiedSignatures& checks = VerifiedSignatures::process();
    if (const Vault::Logged* logged = m_vault.logged()) {
        const ledger::Signer signer = logged->signers.value(table).value(rowId);
        return signer.personId == authorId && !signer.key.isEmpty() && checks.verify(message, signature, signer.key);
    }
    if (m_vault.me().role != Role::Hire) {
        if (const Vault::Logged* before = m_vault.loggedBefore()) {
            const ledger::Signer signer = before->signers.value(table).value(rowId);
            if (signer.personId == authorId && !signer.key.isEmpty() && signer.key != currentKey
                && checks.verify(message, signature, signer.key))
                return true;
        }
        return !currentKey.isEmpty() && checks.verify(message, signature, currentKey);
    }
    if (!currentKey.isEmpty() && checks.verify(message, signature, currentKey))
        return true;
    for (const QByteArray& key : loggedKeysOf(authorId))
        if (key != currentKey && checks.verify(message, signature, key))
            return true;
    return false;
}

bool SignerKeys::entryHolds(const AuditEntry& entry, const QByteArray& currentKey, const SecureBytes& hashKey)
{
    if (AuditLog::computeHash(entry, hashKey) != entry.hash)
        return false;
    // The walk checked every entry up to its end under the key of its time,
    // and nothing was written since.
    if (const Vault::Logged* logged = m_vault.logged(); logged && entry.sequence <= logged->head)
        return true;
    const QByteArray message = AuditLog::signedMessage(entry.hash);
    VerifiedSignatures& checks = VerifiedSignatures::process();
    if (!currentKey.isEmpty() && checks.verify(message, entry.signature, currentKey))
        return true;
    // An admin's or mentor's session whose walk is older than the database
    // takes only the key now: a key a reset replaced may be a leaked one,
    // and an old entry signed again with it is the next walk's to refuse.
    if (m_vault.me().role != Role::Hire)
        return false;
    for (const QByteArray& key : loggedKeysOf(entry.actorId))
        if (key != currentKey && checks.verify(message, entry.signature, key))
            return true;
    return false;
}

bool SignerKeys::earlierKeyHolds(qint64 authorId, const QByteArray& currentKey, const QByteArray& message,
                                 const QByteArray& signature)
{
    if (m_vault.me().role != Role::Hire && !m_vault.logged())
        return false;
    for (const QByteArray& key : loggedKeysOf(authorId))
        if (key != currentKey && VerifiedSignatures::process().verify(message, signature, key))
            return true;
    return false;
}

QList<QByteArray> SignerKeys::loggedKeysOf(qint64 personId)
{
    if (m_vault.me().role != Role::Hire) {
        const Vault::Logged* walked = m_vault.loggedBefore();
        return walked ? walked->people.value(personId).keys : QList<QByteArray>();
    }
    const auto known = m_loggedKeys.constFind(personId);
    if (known != m_loggedKeys.cend())
        return *known;
    QList<QByteArray>& keys = m_loggedKeys[personId];
    // The entries that give a key: the vault's creation (its creator's),
    // adding a person, an admin's reset and a holder's first own choice.
    // SQL only narrows them down; whose key an entry gives is read as the
    // log's walk reads it (Qt's JSON, the actor for one's own acts), so
    // details that name person_id twice, which SQLite and Qt read apart,
    // give nobody else's key.
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(
            QStringLiteral("SELECT action, actor_id, details FROM audit_log WHERE action IN ('vault.create', "
                           "'person.add', 'passphrase.reset', 'passphrase.change') AND "
                           "(json_extract(details, '$.person_id') = ?1 OR actor_id = ?1) ORDER BY seq"),
            {personId}, &rows)) {
        qCWarning(lcSignerKeys) << "the keys the log gave person" << personId << "were not read:" << e.message;
        return keys;
    }
    for (const QVariantList& row : std::as_const(rows)) {
        const QString action = row.at(0).toString();
        const QJsonObject details = QJsonDocument::fromJson(row.at(2).toString().toUtf8()).object();
        const bool own = action == QLatin1String("vault.create") || action == QLatin1String("passphrase.change");
        const qint64 holder = own ? row.at(1).toLongLong() : details.value(QStringLiteral("person_id")).toInteger();
        if (holder != personId
            || (own && details.contains(QStringLiteral("person_id"))
                && details.value(QStringLiteral("person_id")).toInteger() != personId))
            continue;
        const QByteArray key =
            QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1());
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    return keys;
}

} // namespace onramp
