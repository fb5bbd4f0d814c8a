#include "scan/VaultScan.h"

#include "audit/AuditLog.h"
#include "audit/SignatureChecks.h"
#include "checklist/ChecklistRules.h"
#include "credentials/ProviderConnections.h"
#include "credentials/SecretStore.h"
#include "onboarding/ChecklistStore.h"
#include "vault/Vault.h"

#include "Crypto.h"
#include "Database.h"

#include <QJsonObject>

#include <algorithm>

namespace onramp::scan {

Error VaultScan::productionHosts(QStringList* out)
{
    out->clear();
    ChecklistStore store(m_vault);
    QList<StoredChecklist> latest;
    if (Error e = store.latest(&latest))
        return e;
    for (const StoredChecklist& checklist : latest) {
        QList<StoredChecklist> versions;
        if (Error e = store.versions(checklist.checklist.id, &versions))
            return e;
        for (const StoredChecklist& version : versions)
            for (const QString& entry : version.checklist.productionHosts) {
                const QString host = productionHostEntry(entry);
                if (!host.isEmpty() && !out->contains(host))
                    out->append(host);
            }
    }
    return {};
}

Error VaultScan::loadKnownSecrets()
{
    m_hashes.clear();
    m_lengths.clear();
    if (!m_vault.holdsProductionKey())
        return {};
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT credential_id, environment, ifnull(hire_id, 0) FROM "
                                                      "credential_secrets WHERE environment = 'production' "
                                                      "ORDER BY credential_id"),
                                       {}, &rows))
        return e;
    m_key = SecureBytes::random(crypto::kSymmetricKeyBytes);
    SecretStore store(m_vault);
    const QString providerPrefix = QStringLiteral("provider:");
    for (const QVariantList& row : rows) {
        QString id = row.at(0).toString();
        std::optional<SecureBytes> secret;
        if (Error e = store.get(id, Environment::Production, row.at(2).toLongLong(), &secret))
            return e;
        if (!secret || secret->isEmpty())
            continue;
        if (id.startsWith(providerPrefix)) {
            // A provisioning connection's box holds its DSN and its password:
            // the password is the secret, named as the connection it opens.
            const QString name = id.mid(providerPrefix.size());
            QString dsn;
            SecureBytes password;
            if (Error e = ProviderConnections::splitBox(name, *secret, &dsn, &password))
                return e;
            secret = std::move(password);
            id = providerCredentialId(name);
            if (secret->isEmpty())
                continue;
        }
        m_hashes.insert(crypto::keyedHash(secret->view(), m_key), id);
        const int length = int(secret->size());
        if (!m_lengths.contains(length))
            m_lengths.append(length);
        secret.reset(); // SecureBytes wipes it
    }
    return {};
}

QString VaultScan::providerCredentialId(const QString& name)
{
    return QStringLiteral("provider ") + name;
}

QString VaultScan::lookup(QByteArrayView candidate) const
{
    if (m_hashes.isEmpty())
        return {};
    return m_hashes.value(crypto::keyedHash(candidate, m_key));
}

Error VaultScan::record(const ScanSummary& summary, const QMap<QString, int>& leaked)
{
    QJsonObject counts;
    for (auto it = summary.counts.cbegin(); it != summary.counts.cend(); ++it)
        counts.insert(it.key(), it.value());
    if (Error e = AuditLog::record(m_vault, QStringLiteral("scan.run"), m_vault.me().name,
                                   {{QStringLiteral("files"), summary.files}, {QStringLiteral("findings"), counts}}))
        return e;
    for (auto it = leaked.cbegin(); it != leaked.cend(); ++it)
        if (Error e = AuditLog::record(m_vault, QStringLiteral("credential.leaked"), it.key(),
                                       {{QStringLiteral("matches"), it.value()}}))
            return e;
    return {};
}

Error VaultScan::leakedCredentials(Vault& vault, QMap<QString, QDateTime>* out)
{
    out->clear();
    if (vault.me().role == Role::Hire)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin or a mentor sees which credentials leaked"));
    QList<AuditEntry> leaks;
    if (Error e = AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("credential.leaked")}, &leaks))
        return e;
    if (leaks.isEmpty())
        return {};
    QList<AuditEntry> sets;
    if (Error e = AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("credential.set")}, &sets))
        return e;
    QList<AuditEntry> providerSets;
    if (Error e = AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("provider.set")}, &providerSets))
        return e;
    sets += providerSets;
    SecureBytes hashKey;
    if (Error e = AuditLog::hashKey(vault.db(), &hashKey))
        return e;
    const QList<Person> people = vault.people();
    for (const AuditEntry& leak : leaks) {
        const auto actor =
            std::find_if(people.cbegin(), people.cend(), [&](const Person& p) { return p.id == leak.actorId; });
        const bool holds = actor != people.cend() && actor->role != Role::Hire
            && AuditLog::computeHash(leak, hashKey) == leak.hash
            && VerifiedSignatures::process().verify(AuditLog::signedMessage(leak.hash), leak.signature,
                                                    actor->signPublicKey);
        if (!holds)
            continue;
        // A secret set again after the scan is no longer the leaked one; a
        // provider connection's password is set again by provider.set.
        const bool rotated = std::any_of(sets.cbegin(), sets.cend(), [&](const AuditEntry& set) {
            const QString subject =
                set.action == QLatin1String("provider.set") ? providerCredentialId(set.subject) : set.subject;
            return subject == leak.subject && set.sequence > leak.sequence;
        });
        if (rotated)
            out->remove(leak.subject);
        else
            out->insert(leak.subject, QDateTime::fromString(leak.at, Qt::ISODateWithMs));
    }
    return {};
}

} // namespace onramp::scan
