#include "people/FirstPassphrase.h"

#include "Crypto.h"
#include "Database.h"
#include "KeyFileStore.h"
#include "audit/AuditLog.h"
#include "people/People.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace onramp::firstpassphrase {

namespace {

QString keyFor(qint64 personId)
{
    return QStringLiteral("first_passphrase_due.%1").arg(personId);
}

bool flagged(Database& db, qint64 personId)
{
    return db.scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key = ?"), {keyFor(personId)}).toLongLong()
        > 0;
}

QJsonObject detailsOf(const AuditEntry& entry)
{
    return QJsonDocument::fromJson(entry.details.toUtf8()).object();
}

/// Whether \a me chose their own passphrase after entry \a since: their
/// newest `passphrase.change` after it holds as they signed it.
bool choseSince(Database& db, const Person& me, const SecureBytes& hashKey, qint64 since)
{
    const qint64 seq =
        db.scalar(QStringLiteral("SELECT max(seq) FROM audit_log NOT INDEXED WHERE action = 'passphrase.change' "
                                 "AND actor_id = ? AND seq > ?"),
                  {me.id, since})
            .toLongLong();
    QList<AuditEntry> found;
    if (seq == 0 || AuditLog::page(db, seq - 1, 1, &found) || found.size() != 1)
        return false;
    const AuditEntry& entry = found.first();
    return AuditLog::computeHash(entry, hashKey) == entry.hash && entry.actorName == me.name
        && crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, me.signPublicKey)
        && detailsOf(entry).value(QStringLiteral("person_id")).toInteger() == me.id;
}

/// What the entry that gave \a me the key their slot holds says, verified
/// under the key of \a signer (the admin who signed the slot): nullopt when
/// no entry names that key (a vault older than keys in entries) or the entry
/// says nothing of it (older than the entries saying so). \a action, when
/// given, is that entry's action when it holds as signed.
std::optional<Handed> handedBy(Database& db, const Person& me, const KeySlot& signer, QString* action = nullptr)
{
    const QString key = QString::fromLatin1(me.signPublicKey.toBase64());
    // The expression and the actions are the index's (schema 9): one
    // lookup whatever the number of people.
    const qint64 seq =
        db.scalar(
              QStringLiteral("SELECT max(seq) FROM audit_log WHERE action IN ('person.add', 'passphrase.reset') "
                             "AND (CASE WHEN json_valid(details) THEN json_extract(details, '$.public_key') END) = ?"),
              {key})
            .toLongLong();
    if (seq == 0) {
        // The key their own first choice gave (a passphrase.change naming
        // it, signed with the key it replaced): chosen, whatever a flag says.
        const qint64 chose =
            db.scalar(QStringLiteral("SELECT max(seq) FROM audit_log NOT INDEXED WHERE action = 'passphrase.change' "
                                     "AND actor_id = ?1 AND CASE WHEN json_valid(details) THEN "
                                     "json_extract(details, '$.public_key') END = ?2"),
                      {me.id, key})
                .toLongLong();
        QList<AuditEntry> found;
        SecureBytes hashKey;
        if (chose == 0 || AuditLog::page(db, chose - 1, 1, &found) || found.size() != 1
            || AuditLog::hashKey(db, &hashKey))
            return std::nullopt;
        const AuditEntry& entry = found.first();
        const QByteArray previous =
            QByteArray::fromBase64(detailsOf(entry).value(QStringLiteral("previous_public_key")).toString().toLatin1());
        if (AuditLog::computeHash(entry, hashKey) == entry.hash && entry.actorName == me.name
            && crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, previous))
            return Handed::No;
        return std::nullopt;
    }
    QList<AuditEntry> found;
    SecureBytes hashKey;
    // An entry that cannot be read or does not hold as signed counts as
    // saying "handed over": changing it must not spare anyone the choice.
    if (AuditLog::page(db, seq - 1, 1, &found) || found.size() != 1 || AuditLog::hashKey(db, &hashKey))
        return Handed::Given;
    const AuditEntry& entry = found.first();
    const QJsonObject details = detailsOf(entry);
    const bool holds = AuditLog::computeHash(entry, hashKey) == entry.hash && entry.actorName == signer.name
        && crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, signer.signPublicKey)
        && details.value(QStringLiteral("public_key")).toString() == key
        && details.value(QStringLiteral("person_id")).toInteger() == me.id;
    if (!holds)
        return Handed::Given;
    if (action)
        *action = entry.action;
    const std::optional<Handed> handed = handedIn(details);
    // An admin's later act (a rekey) re-signs the slot as theirs: a change
    // the person signed since the entry still says they chose their own.
    if (handed && *handed != Handed::No && choseSince(db, me, hashKey, seq))
        return Handed::No;
    return handed;
}

} // namespace

QString detailsKey()
{
    return QStringLiteral("first_passphrase");
}

QString detailsValue(Handed handed)
{
    switch (handed) {
    case Handed::No:
        return QStringLiteral("not_handed_over");
    case Handed::Given:
        return QStringLiteral("handed_over");
    case Handed::Random:
        return QStringLiteral("handed_over_random");
    }
    return {};
}

std::optional<Handed> handedIn(const QJsonObject& details)
{
    if (!details.contains(detailsKey()))
        return std::nullopt;
    const QString value = details.value(detailsKey()).toString();
    if (value == detailsValue(Handed::No))
        return Handed::No;
    if (value == detailsValue(Handed::Random))
        return Handed::Random;
    // Any other value a signed entry carries asks for the choice.
    return Handed::Given;
}

Error markDue(Database& db, qint64 personId)
{
    return db.execute(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')"),
                      {keyFor(personId)});
}

bool isDue(Vault& vault, bool* byReset)
{
    if (byReset)
        *byReset = false;
    const Person& me = vault.me();
    // Only a slot someone else signed (an admin's add, import or reset)
    // holds a passphrase that was handed over. A slot its owner signed holds
    // their own: a flag planted in the settings table cannot shut out the
    // admin who made the vault, nor anyone twice.
    KeyFile keys;
    if (KeyFileStore::loadFor(keyFilePath(vault.directory()), me.name, &keys))
        return false;
    const KeySlot* slot = keys.slot(me.name);
    if (!slot || slot->signedBy.isEmpty() || slot->signedBy == slot->name)
        return false;
    // The signer's slot was checked at unlock to have signed this one.
    const KeySlot* signer = keys.slot(slot->signedBy);
    if (!signer)
        return true;
    // The signed entry decides when it says either way; the settings flag
    // only for a person whose entry says nothing (an older vault's).
    QString action;
    if (const std::optional<Handed> handed = handedBy(vault.db(), me, *signer, &action)) {
        if (byReset)
            *byReset = *handed != Handed::No && action == QLatin1String("passphrase.reset");
        return *handed != Handed::No;
    }
    return flagged(vault.db(), me.id);
}

bool choiceGivesKey(Vault& vault)
{
    const Person& me = vault.me();
    // The newest entry that says how I came by my passphrase, found in the
    // log itself: the rule the verifier holds a key-giving change to.
    QList<QVariantList> rows;
    if (vault.db().execute(QStringLiteral("SELECT action, details FROM audit_log NOT INDEXED WHERE (action IN "
                                          "('person.add', 'passphrase.reset') AND CASE WHEN json_valid(details) "
                                          "THEN json_extract(details, '$.person_id') END = ?1) OR (action IN "
                                          "('passphrase.change', 'vault.create') AND actor_id = ?1) ORDER BY seq "
                                          "DESC LIMIT 1"),
                           {me.id}, &rows)
        || rows.isEmpty())
        return false;
    const QString action = rows.first().at(0).toString();
    if (action != QLatin1String("person.add") && action != QLatin1String("passphrase.reset"))
        return false;
    const QJsonObject details = QJsonDocument::fromJson(rows.first().at(1).toString().toUtf8()).object();
    return handedIn(details).value_or(Handed::Given) != Handed::No
        && QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1())
        == me.signPublicKey;
}

Error productionKeyHandedOver(Database& db, QStringList* out)
{
    out->clear();
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT action, subject, details FROM audit_log NOT INDEXED WHERE action "
                                            "IN ('vault.create', 'person.disable', 'production.rotate', "
                                            "'person.add', 'passphrase.reset', 'passphrase.change') ORDER BY seq"),
                             {}, &rows))
        return e;
    QHash<qint64, QString> roles; // by person, as the log gave them
    QStringList exposed; // whose handed-over slot got the current key
    QSet<QString> handed; // who holds a handed-over passphrase still
    for (const QVariantList& row : std::as_const(rows)) {
        const QString action = row.at(0).toString();
        const QString subject = row.at(1).toString();
        const QJsonObject details = QJsonDocument::fromJson(row.at(2).toString().toUtf8()).object();
        const qint64 person = details.value(QStringLiteral("person_id")).toInteger();
        if (action == QLatin1String("person.add"))
            roles.insert(person, details.value(QStringLiteral("role")).toString());
        if (action == QLatin1String("passphrase.change")) {
            handed.remove(subject);
            continue;
        }
        if (details.contains(QStringLiteral("production_key_check"))) {
            // A new key: sealed into the handed-over slots still held, and
            // only those (a disabled person's slot gets none).
            if (action == QLatin1String("person.disable"))
                handed.remove(subject);
            exposed.clear();
            for (const QString& name : std::as_const(handed))
                exposed.append(name);
            std::sort(exposed.begin(), exposed.end());
            continue;
        }
        const QString role = roles.value(person);
        if ((action == QLatin1String("person.add") || action == QLatin1String("passphrase.reset"))
            && (role == roleName(Role::Admin) || role == roleName(Role::Mentor))
            && handedIn(details).value_or(Handed::Given) != Handed::No) {
            handed.insert(subject);
            if (!exposed.contains(subject))
                exposed.append(subject);
        }
        if (action == QLatin1String("person.disable")) {
            handed.remove(subject);
            exposed.removeAll(subject);
        }
    }
    *out = exposed;
    return {};
}

Error stillHanded(Database& db, QSet<QString>* out)
{
    out->clear();
    // By person: the newest entry that gave them a passphrase decides. A
    // person.add that says nothing (an older vault's) leaves it to the flag.
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT a.action, a.actor_id, a.details FROM audit_log a NOT INDEXED"
                                            " WHERE (a.action = 'person.add' AND instr(a.details, ?) > 0)"
                                            " OR a.action IN ('passphrase.reset', 'passphrase.change')"
                                            " ORDER BY a.seq"),
                             {QString(QLatin1Char('"') + detailsKey() + QLatin1Char('"'))}, &rows))
        return e;
    QHash<qint64, bool> handed;
    for (const QVariantList& r : rows) {
        const QString action = r.at(0).toString();
        const QJsonObject details = QJsonDocument::fromJson(r.at(2).toString().toUtf8()).object();
        const qint64 person = action == QLatin1String("passphrase.change")
            ? r.at(1).toLongLong()
            : details.value(QStringLiteral("person_id")).toInteger();
        // A reset of an older vault, which says nothing, handed nothing over.
        handed.insert(person,
                      action != QLatin1String("passphrase.change")
                          && handedIn(details).value_or(Handed::No) != Handed::No);
    }
    // The flag of older vaults, cleared when the person chose their own.
    rows.clear();
    if (Error e =
            db.execute(QStringLiteral("SELECT key FROM settings WHERE key LIKE 'first_passphrase_due.%'"), {}, &rows))
        return e;
    for (const QVariantList& r : rows) {
        const qint64 person = r.at(0).toString().section(QLatin1Char('.'), 1).toLongLong();
        if (!handed.contains(person))
            handed.insert(person, true);
    }
    rows.clear();
    if (Error e = db.execute(QStringLiteral("SELECT id, name, disabled FROM people"), {}, &rows))
        return e;
    for (const QVariantList& r : rows)
        if (handed.value(r.at(0).toLongLong()) && r.at(2).toLongLong() == 0)
            out->insert(r.at(1).toString());
    return {};
}

Error choose(Vault& vault, QByteArrayView newPassphrase)
{
    if (Error e = Vault::checkNewPassphrase(newPassphrase))
        return e;
    // The handed-over passphrase is known to whoever handed it over.
    if (!vault.confirmPassphrase(newPassphrase))
        return Error(ErrorKind::InvalidInput, Tr::tr("that is the passphrase you were handed; choose one of your own"));
    // The change re-signs the slot as the person's own: that ends it.
    if (Error e = People(vault).changePassphrase(newPassphrase))
        return e;
    // The flag of older vaults, cleared after the change: a failure here only asks again.
    return vault.db().execute(QStringLiteral("DELETE FROM settings WHERE key = ?"), {keyFor(vault.me().id)});
}

} // namespace onramp::firstpassphrase
