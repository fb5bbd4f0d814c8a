#include "scan/VaultScan.h"

#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/SignatureChecks.h"
#include "audit/SignerKeys.h"
#include "checklist/ChecklistRules.h"
#include "credentials/ProviderConnections.h"
#include "credentials/SecretStore.h"
#include "onboarding/ChecklistStore.h"
#include "vault/Vault.h"

#include "Crypto.h"
#include "Database.h"
#include "ProductionKey.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace onramp::scan {

namespace {

// A scan's findings, sealed in its scan.run entry with the production key.
const QByteArray kSealContext = QByteArrayLiteral("onramp scan.run findings v1");
// The sealed findings are padded to a multiple of this many bytes, so that
// the entry's length does not tell a hire what was found either.
constexpr qsizetype kSealBlock = 4096;

/// The sealed part of \a entry (a scan.run by an admin or a mentor) opened
/// with \a key, or an empty object when it has none or it does not open.
QJsonObject openSealed(const AuditEntry& entry, const SecureBytes& key)
{
    const QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
    const QByteArray box = QByteArray::fromBase64(details.value(QStringLiteral("sealed")).toString().toLatin1());
    if (box.isEmpty() || key.isEmpty())
        return {};
    const std::optional<SecureBytes> plain = crypto::decrypt(box, key, kSealContext);
    if (!plain)
        return {};
    return QJsonDocument::fromJson(plain->view().toByteArray().trimmed()).object();
}

/// The production keys \a vault's key replaced, read once: none when what
/// the vault keeps is not what the newest rotation's signed entry names
/// (removed, put back or altered), which \a altered then says.
struct EarlierKeys {
    std::vector<productionkey::EarlierKey> keys;
    bool altered = false;
};

EarlierKeys readEarlierKeys(Vault& vault)
{
    EarlierKeys out;
    const QByteArray logged = Ledger::loggedEarlierKeysDigest(vault.db());
    if (!logged.isEmpty() && logged != productionkey::earlierKeysDigest(vault.db())) {
        out.altered = true;
        return out;
    }
    out.keys = productionkey::earlierKeys(vault.db(), vault.productionKey());
    return out;
}

/// openSealed() with \a vault's production key, else with each key it
/// replaced (a box sealed before a rotation, which a disable does too) that
/// was still the key when \a entry was written, read once into \a earlier.
QJsonObject openSealedAnyKey(Vault& vault, const AuditEntry& entry, std::optional<EarlierKeys>* earlier)
{
    QJsonObject opened = openSealed(entry, vault.productionKey());
    if (!opened.isEmpty())
        return opened;
    if (!*earlier)
        *earlier = readEarlierKeys(vault);
    for (const productionkey::EarlierKey& key : (*earlier)->keys) {
        // Written after the key was replaced: never sealed with it by an act of Onramp's.
        if (entry.sequence > key.retiredAfter)
            continue;
        if (!(opened = openSealed(entry, key.key)).isEmpty())
            break;
    }
    return opened;
}

/// \a entry stands as \a actor wrote it, and \a actor is an admin or a
/// mentor: its keyed hash holds, and so does their signature of it. What a
/// hire signed (a scan.run with a box copied from an admin's), or an entry
/// rewritten, is never opened nor counted.
/// Their signature is checked under the key the log gave them then
/// (SignerKeys): a scan an admin ran before their passphrase reset still counts.
bool byKeyHolder(SignerKeys& signers, const AuditEntry& entry, const std::optional<Person>& actor,
                 const SecureBytes& hashKey)
{
    return actor && actor->id == entry.actorId && actor->role != Role::Hire
        && signers.entryHolds(entry, actor->signPublicKey, hashKey);
}

} // namespace

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
    m_known.reset();
    if (!m_vault.holdsProductionKey())
        return {};
    // The secrets the log says are kept, as it says: an earlier box put back
    // in the folder would have the scan look for a secret already replaced.
    Database::ReadTransaction read(m_vault.db());
    if (read.beginError())
        return read.beginError();
    if (Error e = Ledger::require(m_vault, QDateTime::currentDateTimeUtc()))
        return e;
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT credential_id, environment, ifnull(hire_id, 0) FROM "
                                                      "credential_secrets WHERE environment = 'production' "
                                                      "ORDER BY credential_id"),
                                       {}, &rows))
        return e;
    m_known = std::make_unique<KnownSecretHashes>();
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
        m_known->add(secret->view(), id);
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
    return m_known ? m_known->lookup(candidate) : QString();
}

Error VaultScan::record(const ScanSummary& summary, const QMap<QString, int>& leaked)
{
    QJsonObject counts;
    for (auto it = summary.counts.cbegin(); it != summary.counts.cend(); ++it)
        counts.insert(it.key(), it.value());
    if (!m_vault.holdsProductionKey()) {
        // A hire's scan: no known secret was looked for, and the hire could
        // run the same patterns over the same files anyway.
        return AuditLog::record(m_vault, QStringLiteral("scan.run"), m_vault.me().name,
                                {{QStringLiteral("files"), summary.files}, {QStringLiteral("findings"), counts}});
    }
    // An admin's or a mentor's scan compared every candidate with the
    // production secrets: what it found, and even how many findings of the
    // other kinds (a known secret hides the pattern finding on its span),
    // would tell a hire, who reads the log raw, whether a guess they wrote
    // into a scanned file was right. So it is sealed with the production
    // key, padded to a fixed size; only the number of files is in the clear.
    QJsonObject leakedJson;
    for (auto it = leaked.cbegin(); it != leaked.cend(); ++it)
        leakedJson.insert(it.key(), it.value());
    QByteArray plain =
        QJsonDocument(QJsonObject{{QStringLiteral("findings"), counts}, {QStringLiteral("leaked"), leakedJson}})
            .toJson(QJsonDocument::Compact);
    plain.append(kSealBlock - plain.size() % kSealBlock, ' ');
    const QByteArray box = crypto::encrypt(plain, m_vault.productionKey(), kSealContext);
    return AuditLog::record(
        m_vault, QStringLiteral("scan.run"), m_vault.me().name,
        {{QStringLiteral("files"), summary.files}, {QStringLiteral("sealed"), QString::fromLatin1(box.toBase64())}});
}

QJsonObject VaultScan::sealedFindings(Vault& vault, const AuditEntry& entry)
{
    if (entry.action != QLatin1String("scan.run") || !vault.holdsProductionKey())
        return {};
    SecureBytes hashKey;
    SignerKeys signers(vault);
    if (AuditLog::hashKey(vault.db(), &hashKey) || !byKeyHolder(signers, entry, vault.person(entry.actorName), hashKey))
        return {};
    std::optional<EarlierKeys> earlier;
    return openSealedAnyKey(vault, entry, &earlier);
}

QString VaultScan::shownDetails(Vault& vault, const AuditEntry& entry)
{
    if (entry.action != QLatin1String("scan.run"))
        return entry.details;
    QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
    // "unopened" is this function's word, never the writer's: whatever an
    // entry stored under it goes, so that only a box that did not open here says so.
    const bool claimed = details.contains(QStringLiteral("unopened"));
    details.remove(QStringLiteral("unopened"));
    const QJsonObject opened = sealedFindings(vault, entry);
    if (opened.isEmpty()) {
        // A box an admin or a mentor cannot open is no box sealed for them.
        const bool unopened = vault.me().role != Role::Hire && details.value(QStringLiteral("sealed")).isString();
        // No scan says in the clear which credentials it found: such a claim
        // is the writer's alone (a hire's), and not shown as a finding.
        if (!details.contains(QStringLiteral("leaked")) && !unopened && !claimed)
            return entry.details;
        details.remove(QStringLiteral("leaked"));
        if (unopened)
            details.insert(QStringLiteral("unopened"), true);
        return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    }
    details.remove(QStringLiteral("sealed"));
    details.insert(QStringLiteral("findings"), opened.value(QStringLiteral("findings")));
    details.insert(QStringLiteral("leaked"), opened.value(QStringLiteral("leaked")));
    return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
}

Error VaultScan::leakedCredentials(Vault& vault, QMap<QString, QDateTime>* out)
{
    out->clear();
    if (vault.me().role == Role::Hire)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin or a mentor sees which credentials leaked"));
    // Leaks are sealed in scan.run entries (and, in a vault scanned before
    // they were, written as credential.leaked entries).
    QList<AuditEntry> leaks;
    if (Error e = AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("credential.leaked")}, &leaks))
        return e;
    QList<AuditEntry> scans;
    if (Error e = AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("scan.run")}, &scans))
        return e;
    leaks += scans;
    std::stable_sort(leaks.begin(), leaks.end(),
                     [](const AuditEntry& a, const AuditEntry& b) { return a.sequence < b.sequence; });
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
    std::optional<EarlierKeys> earlier;
    SignerKeys signers(vault);
    for (const AuditEntry& leak : leaks) {
        const auto actor =
            std::find_if(people.cbegin(), people.cend(), [&](const Person& p) { return p.id == leak.actorId; });
        if (!byKeyHolder(signers, leak, actor == people.cend() ? std::nullopt : std::optional<Person>(*actor), hashKey))
            continue;
        QStringList subjects;
        if (leak.action == QLatin1String("scan.run")) {
            subjects = openSealedAnyKey(vault, leak, &earlier).value(QStringLiteral("leaked")).toObject().keys();
            // Not knowing what a scan found is not knowing nothing leaked: said, not passed over.
            if (earlier && earlier->altered)
                return Error(ErrorKind::Damaged,
                             Tr::tr("the earlier production keys this vault keeps are not those its signed log "
                                    "names: they were removed or altered, so what scans before the last key "
                                    "rotation found cannot be read; nothing was changed; restore the newest backup "
                                    "that passes the vault check"));
        } else
            subjects.append(leak.subject);
        for (const QString& leaked : std::as_const(subjects)) {
            // A secret set again after the scan is no longer the leaked one; a
            // provider connection's password is set again by provider.set.
            const bool rotated = std::any_of(sets.cbegin(), sets.cend(), [&](const AuditEntry& set) {
                const QString subject =
                    set.action == QLatin1String("provider.set") ? providerCredentialId(set.subject) : set.subject;
                return subject == leaked && set.sequence > leak.sequence;
            });
            if (rotated)
                out->remove(leaked);
            else
                out->insert(leaked, QDateTime::fromString(leak.at, Qt::ISODateWithMs));
        }
    }
    return {};
}

} // namespace onramp::scan
