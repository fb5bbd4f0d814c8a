#include "ProviderConnections.h"
#include "Credentials.h"
#include "Provider.h"
#include "SecretStore.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "audit/SignatureChecks.h"
#include "audit/SignerKeys.h"
#include "checklist/Checklist.h"
#include "checklist/ChecklistRules.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <optional>

Q_LOGGING_CATEGORY(lcProviders, "onramp.providers")

namespace onramp {

namespace {

constexpr qsizetype kMaxDsn = 1024;
constexpr std::size_t kMaxPassword = 1024;
const QString kAction = QStringLiteral("provider.set");

QString secretIdOf(const QString& name)
{
    return QStringLiteral("provider:") + name;
}

/// The newest provider.set entry naming \a name, found in the log itself
/// (NOT INDEXED: its index by action is not checked before a decision),
/// then read by its place; nullopt when none names it. Unverified: the
/// caller holds it to its hash and signature where it vouches for anything.
Error newestSet(Database& db, const QString& name, std::optional<AuditEntry>* out)
{
    out->reset();
    Error error;
    const qint64 seq = db.scalar(QStringLiteral("SELECT max(seq) FROM audit_log NOT INDEXED WHERE action = ?1 AND "
                                                "subject = ?2"),
                                 {kAction, name}, &error)
                           .toLongLong();
    if (error || seq <= 0)
        return error;
    QList<AuditEntry> found;
    if (Error e = AuditLog::page(db, seq - 1, 1, &found))
        return e;
    if (found.size() == 1 && found.first().sequence == seq)
        *out = found.first();
    return {};
}

Error adminOnly(const Vault& vault)
{
    if (vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can set or list provider connections"));
    return {};
}

/// Whether connection \a name's kept box is gone, does not open where it
/// is kept, or is not in the row Onramp writes (its hire NULL, as the
/// check holds it): what set() repairs and toSetAgain() offers. \a unopened
/// gets the rows whose box does not open, and any row of the connection
/// that names a hire (a connection is never a hire's), for the repair to
/// replace.
Error keptBoxLost(Vault& vault, const QString& name, bool* lost, QList<qint64>* unopened)
{
    *lost = false;
    if (Error e = SecretStore(vault).unopened(secretIdOf(name), 0, unopened))
        return e;
    QList<QVariantList> hires;
    if (Error e = vault.db().execute(QStringLiteral("SELECT rowid FROM credential_secrets WHERE credential_id = ?1 AND "
                                                    "ifnull(hire_id, 0) IS NOT 0"),
                                     {secretIdOf(name)}, &hires))
        return e;
    for (const QVariantList& row : std::as_const(hires))
        unopened->append(row.at(0).toLongLong());
    QList<QVariantList> kept;
    if (Error e = vault.db().execute(QStringLiteral("SELECT 1 FROM credential_secrets WHERE credential_id = ?1 AND "
                                                    "hire_id IS NULL AND environment = 'production'"),
                                     {secretIdOf(name)}, &kept))
        return e;
    *lost = !unopened->isEmpty() || kept.isEmpty();
    return {};
}

} // namespace

bool ProviderConnections::isValidName(const QString& name)
{
    static const QRegularExpression slug(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,62}$"));
    return slug.match(name).hasMatch();
}

Error ProviderConnections::set(const QString& name, const QString& dsn, const SecureBytes& password,
                               Environment environment, const ProviderSetOptions& options)
{
    if (Error e = adminOnly(m_vault))
        return e;
    if (!isValidName(name))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is not a provider connection name: use lower-case letters, digits, '-' and '_', "
                            "at most 63")
                         .arg(name));
    const bool control =
        std::any_of(dsn.cbegin(), dsn.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
    if (dsn.trimmed().isEmpty() || dsn.size() > kMaxDsn || control)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the DSN of provider connection '%1' must be one line of at most %2 characters")
                         .arg(name)
                         .arg(kMaxDsn));
    if (password.isEmpty() || password.size() > kMaxPassword)
        return Error(
            ErrorKind::InvalidInput,
            Tr::tr("the password of provider connection '%1' must be 1 to %2 bytes").arg(name).arg(kMaxPassword));
    if (std::memchr(password.data(), 0, password.size()) != nullptr)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the password of provider connection '%1' holds a zero byte").arg(name));

    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    // A connection of this name that a signed provider.set made and that
    // was deleted since, or whose box was rewritten or moved, fails the
    // check: setting it again is the repair, so the check runs again once
    // it is in place. So is a box put under a name no admin set, which the
    // check names in the same words: the admin's new connection replaces it.
    Error checked = Ledger::require(m_vault, m_clock.now());
    QList<qint64> unopened;
    std::optional<AuditEntry> logged;
    if (checked) {
        if (checked.kind != ErrorKind::Damaged)
            return checked;
        if (Error e = newestSet(m_vault.db(), name, &logged))
            return e;
        // A check that failed before its walk of the log held leaves
        // nothing to repair: its own error says why.
        bool lost = false;
        if (keptBoxLost(m_vault, name, &lost, &unopened) || (logged ? !lost : unopened.isEmpty()))
            return checked;
    }
    // What a credential of the other environment names stays off limits:
    // a production connection is never handed to the sandbox side later.
    SourceNames names[2];
    if (Error e = ChecklistStore(m_vault).sourceNames(&names[int(Environment::Production)],
                                                      &names[int(Environment::Sandbox)]))
        return e;
    const Environment other = environment == Environment::Sandbox ? Environment::Production : Environment::Sandbox;
    if (const auto use = names[int(other)].servers.constFind(name); use != names[int(other)].servers.cend())
        return Error(
            ErrorKind::InvalidInput,
            Tr::tr("provider connection '%1' cannot serve %2: %3 credential '%4' of checklist '%5' "
                   "version %6 names it; nothing was changed")
                .arg(name, environmentName(environment), environmentName(other), use->credentialId, use->checklistId)
                .arg(use->version));
    QStringList leftBehind;
    if (options.endpointsOf) {
        if (Error e = checkTarget(name, dsn, options, &leftBehind))
            return e;
    }
    // One box for both: the DSN is authenticated with the password, so a
    // session without the production key cannot send it elsewhere.
    const QByteArray dsnBytes = dsn.toUtf8();
    SecureBytes box(std::size_t(dsnBytes.size()) + 1 + password.size());
    std::memcpy(box.data(), dsnBytes.constData(), std::size_t(dsnBytes.size()));
    box.data()[std::size_t(dsnBytes.size())] = 0;
    std::memcpy(box.data() + dsnBytes.size() + 1, password.data(), password.size());
    if (Error e = SecretStore(m_vault).removeRows(unopened))
        return e;
    QByteArray seal;
    if (Error e = SecretStore(m_vault).put(secretIdOf(name), Environment::Production, 0, box, m_clock.now(), &seal))
        return e;
    std::optional<Ledger::RepairScope> repair;
    if (checked) {
        repair.emplace(m_vault, secretIdOf(name));
        if (Error e = Ledger::require(m_vault, m_clock.now()))
            return e;
        // A repair sets the connection again as the log, now checked, has
        // it: the environment the admin was offered was read before the
        // check, from rows anyone holding the master key can write.
        Environment serves = Environment::Production;
        if (logged) {
            if (Error e = environmentOf(name, &serves))
                return e;
            if (serves != environment)
                return Error(ErrorKind::InvalidInput,
                             Tr::tr("provider connection '%1' serves %2 credentials by its signed entry, not %3; "
                                    "nothing was changed")
                                 .arg(name, environmentName(serves), environmentName(environment)));
        }
    }
    QJsonObject details{{QStringLiteral("provider"), name},
                        {QStringLiteral("dsn"), dsn},
                        {QStringLiteral("environment"), environmentName(environment)},
                        {records::sealKey(), QString::fromLatin1(seal.toBase64())}};
    if (!leftBehind.isEmpty())
        details.insert(QStringLiteral("logins_left_at_previous_server"), QJsonArray::fromStringList(leftBehind));
    if (repair)
        repair->describe(&details);
    if (Error e = AuditLog::append(m_vault, kAction, name, details))
        return e;
    qCDebug(lcProviders) << "provider connection" << name << "set by" << m_vault.me().name;
    return transaction.commit();
}

Error ProviderConnections::setThrough(const Provider& reader, const QString& name, const QString& dsn,
                                      const SecureBytes& password, Environment environment, ProviderSetOptions options,
                                      QString* shownName)
{
    ConnectionAddress address;
    if (Error e = reader.readConnection(dsn, &address))
        return Error(e.kind, Tr::tr("the DSN of provider connection '%1': %2").arg(name, e.message));
    if (Error e = checkHosts(name, environment, address.hosts))
        return e;
    // Where a DSN points as the provider reads it, so that a server is
    // recognised under another database or with other keywords.
    options.endpointsOf = [&reader](const QString& other) {
        ConnectionAddress parsed;
        if (reader.readConnection(other, &parsed))
            return QStringList{other};
        return parsed.endpoints;
    };
    if (Error e = set(name, dsn, password, environment, options))
        return e;
    if (shownName)
        *shownName = address.shownName;
    return {};
}

Error ProviderConnections::checkTarget(const QString& name, const QString& dsn, const ProviderSetOptions& options,
                                       QStringList* leftBehind)
{
    // Where the log says it pointed, not the stored row: anyone holding
    // the master key can delete that, and a connection set "anew" would
    // leave its logins where they were made.
    std::optional<AuditEntry> newest;
    if (Error e = newestSet(m_vault.db(), name, &newest))
        return e;
    if (!newest)
        return {}; // a new connection: nothing made through it
    const QString before =
        QJsonDocument::fromJson(newest->details.toUtf8()).object().value(QStringLiteral("dsn")).toString();
    // The same server under another database or other keywords keeps the
    // logins reachable; anything else may leave them where they were made.
    // Same means the same one host and port: a list that merely shares one
    // (host=new,old) signs in wherever answers first.
    QStringList endpoints = options.endpointsOf(dsn);
    QStringList previous = options.endpointsOf(before);
    endpoints.sort();
    previous.sort();
    if (endpoints.size() == 1 && endpoints == previous)
        return {};
    QStringList logins;
    if (Error e = Credentials(m_vault, m_clock).loginsOn(name, &logins))
        return e;
    if (logins.isEmpty())
        return {};
    QStringList shown = options.acceptOnly ? *options.acceptOnly : QStringList();
    QStringList sorted = logins;
    shown.sort();
    sorted.sort();
    if (!options.acceptPendingDrops || (options.acceptOnly && shown != sorted)) {
        if (options.refusedFor)
            *options.refusedFor = logins;
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("provider connection '%1' reaches %2 now, and these logins made through it are live "
                            "or wait for their drop: %3. Pointed at %4, Onramp could not drop them where they were "
                            "made: every ending would leave them signing in until they expire. Revoke them first, or "
                            "set it again with --accept-pending-drops to keep their drops pending until an admin "
                            "points '%1' back for a sweep; nothing was changed")
                         .arg(name, previous.join(QStringLiteral(", ")), logins.join(QStringLiteral(", ")),
                              endpoints.join(QStringLiteral(", "))));
    }
    *leftBehind = logins;
    return {};
}

Error ProviderConnections::dsnsSince(const QString& name, qint64 enrollmentId, QStringList* out)
{
    out->clear();
    qint64 start = 0;
    if (enrollmentId > 0) {
        Error error;
        const QVariant first = m_vault.db().scalar(
            QStringLiteral("SELECT min(seq) FROM audit_log WHERE CASE WHEN json_valid(details) THEN "
                           "json_extract(details, '$.enrollment') END = ?1"),
            {enrollmentId}, &error);
        if (error)
            return error;
        start = first.isNull() ? 0 : first.toLongLong();
    }
    QList<QVariantList> rows;
    if (Error e =
            m_vault.db().execute(QStringLiteral("SELECT seq, details FROM audit_log NOT INDEXED WHERE action = ?1 AND "
                                                "subject = ?2 ORDER BY seq"),
                                 {kAction, name}, &rows))
        return e;
    QString inForce;
    for (const QVariantList& row : std::as_const(rows)) {
        const QString dsn =
            QJsonDocument::fromJson(row.at(1).toString().toUtf8()).object().value(QStringLiteral("dsn")).toString();
        if (row.at(0).toLongLong() <= start)
            inForce = dsn;
        else
            out->append(dsn);
    }
    if (!inForce.isEmpty())
        out->prepend(inForce);
    // A restore's signed word that the vault it replaced pointed the
    // connection elsewhere after the backup (its vault.restore entry, and
    // the credential.drop of a login it recorded), while the enrollment's
    // login could be made.
    rows.clear();
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT seq, action, details FROM audit_log NOT INDEXED WHERE "
                                                      "action IN ('vault.restore', 'credential.drop') ORDER BY seq"),
                                       {}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        const QJsonObject details = QJsonDocument::fromJson(row.at(2).toString().toUtf8()).object();
        const bool restore = row.at(1).toString() == QLatin1String("vault.restore");
        if (restore ? row.at(0).toLongLong() <= start
                    : enrollmentId <= 0 || details.value(QStringLiteral("enrollment")).toInteger() != enrollmentId)
            continue;
        for (const QJsonValue& dsn : details.value(QStringLiteral("source_dsns")).toObject().value(name).toArray())
            out->append(dsn.toString());
    }
    out->removeDuplicates();
    return {};
}

Error ProviderConnections::checkHosts(const QString& name, Environment environment, const QStringList& hosts,
                                      const QList<StoredChecklist>* stored)
{
    QList<StoredChecklist> read;
    if (stored == nullptr) {
        if (Error e = ChecklistStore(m_vault).all(&read))
            return e;
        stored = &read;
    }
    QList<std::pair<QString, const StoredChecklist*>> patterns;
    for (const StoredChecklist& version : *stored)
        for (const QString& pattern : version.checklist.productionHosts)
            patterns.append({pattern, &version});
    if (patterns.isEmpty())
        return {};
    for (const QString& given : hosts) {
        const QString host = given.trimmed().toLower();
        if (host.isEmpty() || host.startsWith(QLatin1Char('/')) || host.startsWith(QLatin1Char('@')))
            continue; // a socket folder: this machine
        const auto listed =
            std::find_if(patterns.cbegin(), patterns.cend(), [&](const auto& p) { return hostMatches(host, p.first); });
        if (environment == Environment::Sandbox && listed != patterns.cend())
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("provider connection '%1' serves the sandbox but signs in at %2, which checklist "
                                "'%3' version %4 lists as a production host (%5): a sandbox lives on a server "
                                "that holds no production data")
                             .arg(name, host, listed->second->checklist.id)
                             .arg(listed->second->version)
                             .arg(listed->first));
        const bool loopback = host == QLatin1String("localhost") || host == QLatin1String("::1")
            || host.startsWith(QLatin1String("127."));
        if (environment == Environment::Production && listed == patterns.cend() && !loopback)
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("provider connection '%1' serves production but signs in at %2, which no stored "
                                "checklist lists in production_hosts: add it to the checklist's production_hosts, "
                                "so that the scan and the sandbox rule know it")
                             .arg(name, host));
    }
    return {};
}

Error ProviderConnections::splitBox(const QString& name, const SecureBytes& box, QString* dsn, SecureBytes* password)
{
    const auto* end = static_cast<const char*>(std::memchr(box.constChar(), 0, box.size()));
    if (end == nullptr)
        return Error(ErrorKind::Damaged, Tr::tr("the provider connection '%1' does not open").arg(name));
    const qsizetype dsnLength = end - box.constChar();
    *dsn = QString::fromUtf8(box.constChar(), dsnLength);
    if (password)
        *password = SecureBytes::copyOf(box.view().sliced(dsnLength + 1));
    return {};
}

Error ProviderConnections::read(const QString& name, QString* dsn, SecureBytes* password, QDateTime* setAt)
{
    std::optional<SecureBytes> box;
    if (Error e = SecretStore(m_vault).get(secretIdOf(name), Environment::Production, 0, &box))
        return e;
    if (!box)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("no provider connection '%1': an admin sets it with 'onramp provider set %1 --dsn DSN "
                            "--secret-file FILE'")
                         .arg(name));
    if (Error e = splitBox(name, *box, dsn, password))
        return e;
    if (setAt)
        return SecretStore(m_vault).setAt(secretIdOf(name), Environment::Production, 0, setAt);
    return {};
}

// The admin whose newest provider.set entry for \a name holds (hash and
// signature) and names \a dsn; empty when the newest does not, or none does.
Error ProviderConnections::signer(const QString& name, const QString& dsn, QString* admin, Environment* environment)
{
    admin->clear();
    // Only the newest: an older entry does not vouch for the connection stored now.
    std::optional<AuditEntry> newest;
    if (Error e = newestSet(m_vault.db(), name, &newest))
        return e;
    if (!newest)
        return {};
    SecureBytes hashKey;
    if (Error e = AuditLog::hashKey(m_vault.db(), &hashKey))
        return e;
    const QList<Person> people = m_vault.people();
    const auto actor =
        std::find_if(people.cbegin(), people.cend(), [&](const Person& p) { return p.id == newest->actorId; });
    const QJsonObject details = QJsonDocument::fromJson(newest->details.toUtf8()).object();
    const bool holds = actor != people.cend() && actor->role == Role::Admin
        && (dsn.isEmpty() || details.value(QStringLiteral("dsn")).toString() == dsn)
        && SignerKeys(m_vault).entryHolds(*newest, actor->signPublicKey, hashKey);
    if (holds) {
        *admin = actor->shownName();
        // Set before connections had one: production, the side that asks most.
        if (environment)
            *environment = environmentFromName(details.value(QStringLiteral("environment")).toString())
                               .value_or(Environment::Production);
    }
    return {};
}

Error ProviderConnections::list(QList<ProviderConnection>* out)
{
    out->clear();
    if (Error e = adminOnly(m_vault))
        return e;
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT substr(credential_id, 10) FROM credential_secrets "
                                                      "WHERE credential_id LIKE 'provider:%' AND hire_id IS NULL "
                                                      "AND environment = 'production' ORDER BY credential_id"),
                                       {}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        ProviderConnection connection{row.at(0).toString(), {}, {}, {}};
        // A box that does not open (rewritten in the folder) is listed as
        // unverified, never a failure of the whole list: the admin's page
        // and `vault check` go on, and name it to be set again.
        if (Error e = read(connection.name, &connection.dsn, nullptr, &connection.setAt)) {
            if (e.kind != ErrorKind::Damaged)
                return e;
            connection.dsn.clear();
            connection.damaged = true;
            out->append(connection);
            continue;
        }
        if (Error e = signer(connection.name, connection.dsn, &connection.setBy, &connection.environment))
            return e;
        out->append(connection);
    }
    return {};
}

Error ProviderConnections::toSetAgain(QStringList* names)
{
    names->clear();
    if (Error e = adminOnly(m_vault))
        return e;
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT DISTINCT subject FROM audit_log NOT INDEXED WHERE "
                                                      "action = ?1 ORDER BY 1"),
                                       {kAction}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        // Offered by its name in the admin's words: only a name a connection can bear.
        const QString name = row.at(0).toString();
        if (!isValidName(name))
            continue;
        bool lost = false;
        QList<qint64> unopened;
        if (Error e = keptBoxLost(m_vault, name, &lost, &unopened))
            return e;
        if (lost)
            names->append(name);
    }
    return {};
}

Error ProviderConnections::open(const QString& name, QString* dsn, SecureBytes* password)
{
    if (!isValidName(name))
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is not a provider connection name").arg(name));
    if (Error e = read(name, dsn, password, nullptr)) {
        // Gone while the log says an admin set it: the vault's damage, never
        // a connection that merely cannot be reached.
        std::optional<AuditEntry> logged;
        if (Error l = newestSet(m_vault.db(), name, &logged))
            return l;
        if (logged && e.kind == ErrorKind::InvalidInput)
            return Error(ErrorKind::Damaged,
                         Tr::tr("the provider connection '%1' is missing though an admin's signed provider.set "
                                "entry made it: it was deleted outside Onramp; run vault check, and an admin sets "
                                "it again")
                             .arg(name));
        return e;
    }
    QString admin;
    if (Error e = signer(name, *dsn, &admin))
        return e;
    // The box the newest entry names by its seal, not an earlier one put back.
    QList<qint64> unopened;
    if (Error e = SecretStore(m_vault).unopened(secretIdOf(name), 0, &unopened))
        return e;
    if (admin.isEmpty() || !unopened.isEmpty()) {
        *password = SecureBytes();
        return Error(ErrorKind::Damaged,
                     Tr::tr("the provider connection '%1' is not the one an admin's signed provider.set entry "
                            "names; an admin sets it again")
                         .arg(name));
    }
    return {};
}

Error ProviderConnections::environmentOf(const QString& name, Environment* out)
{
    if (!isValidName(name))
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is not a provider connection name").arg(name));
    QString admin;
    if (Error e = signer(name, QString(), &admin, out))
        return e;
    if (admin.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("no provider connection '%1' that an admin's signed provider.set entry sets").arg(name));
    return {};
}

} // namespace onramp
