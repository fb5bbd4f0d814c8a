#include "audit/AuditLog.h"

#include "Database.h"
#include "KeyFile.h"
#include "KeyFileStore.h"
#include "PlainText.h"
#include "TestHooks.h"
#include "TrustStore.h"
#include "audit/AuditVerifier.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <sodium.h>

#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QtEndian>

namespace onramp {

namespace {

// The newest entry each connection appended. A commit runs the after-commit
// work of each of its entries (the desktop's trust file, the key file's head
// mirror); only the newest entry's is needed, and a commit of a thousand
// entries (a roster import) would otherwise rewrite both files a thousand times.
QMutex newestMutex;
QHash<const Database*, qint64> newestAppended;

void markNewest(const Database& db, qint64 sequence)
{
    const QMutexLocker lock(&newestMutex);
    newestAppended.insert(&db, sequence);
}

bool isNewest(const Database& db, qint64 sequence)
{
    const QMutexLocker lock(&newestMutex);
    return newestAppended.value(&db, sequence) == sequence;
}

const QString kColumns = QStringLiteral("seq, at, actor_id, actor_name, action, subject, details, prev_hash, hash, "
                                        "signature");

/// What a read of the log selects: the columns, then whether each is stored
/// as the type Onramp writes it. SQLite compares a text with a blob of the
/// same bytes as unequal, though both read back as the same string: an
/// action rewritten as a blob keeps its hash, and hides from every lookup
/// by action.
const QString kSelected = kColumns
    + QStringLiteral(", typeof(seq) || typeof(at) || typeof(actor_id) || typeof(actor_name) || typeof(action) || "
                     "typeof(subject) || typeof(details) || typeof(prev_hash) || typeof(hash) || typeof(signature) "
                     "= 'integertextintegertexttexttexttextblobblobblob'");

AuditEntry entryFromRow(const QVariantList& r)
{
    AuditEntry e;
    e.storedAsWritten = r.value(10).toBool();
    e.sequence = r.at(0).toLongLong();
    e.at = r.at(1).toString();
    e.actorId = r.at(2).toLongLong();
    e.actorName = r.at(3).toString();
    e.action = r.at(4).toString();
    e.subject = r.at(5).toString();
    e.details = r.at(6).toString();
    e.previousHash = r.at(7).toByteArray();
    e.hash = r.at(8).toByteArray();
    e.signature = r.at(9).toByteArray();
    return e;
}

void appendField(QByteArray* out, QByteArrayView bytes)
{
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    out->append(length, 4);
    out->append(bytes.data(), bytes.size());
}

} // namespace

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject{{QStringLiteral("seq"), sequence},
                       {QStringLiteral("at"), at},
                       {QStringLiteral("actor"), actorName},
                       {QStringLiteral("actor_id"), actorId},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("subject"), subject},
                       {QStringLiteral("details"), QJsonDocument::fromJson(details.toUtf8()).object()},
                       {QStringLiteral("prev_hash"), QString::fromLatin1(previousHash.toBase64())},
                       {QStringLiteral("hash"), QString::fromLatin1(hash.toBase64())},
                       {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())}};
}

QString AuditLog::timeText(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray AuditLog::canonical(const AuditEntry& entry)
{
    QByteArray out;
    out.reserve(256);
    appendField(&out, "onramp-audit-v1");
    appendField(&out, QByteArray::number(entry.sequence));
    appendField(&out, entry.at.toUtf8());
    appendField(&out, QByteArray::number(entry.actorId));
    appendField(&out, entry.actorName.toUtf8());
    appendField(&out, entry.action.toUtf8());
    appendField(&out, entry.subject.toUtf8());
    appendField(&out, entry.details.toUtf8());
    appendField(&out, entry.previousHash);
    return out;
}

QByteArray AuditLog::computeHash(const AuditEntry& entry, const SecureBytes& key)
{
    const QByteArray message = canonical(entry);
    QByteArray hash(kHashBytes, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), std::size_t(hash.size()),
                       reinterpret_cast<const unsigned char*>(message.constData()), std::size_t(message.size()),
                       key.data(), key.size());
    return hash;
}

QByteArray AuditLog::signedMessage(QByteArrayView hash)
{
    return QByteArrayLiteral("onramp-audit-signature-v1\n") + hash.toByteArray();
}

Error AuditLog::hashKey(Database& db, SecureBytes* out)
{
    Error error;
    const QByteArray hex =
        db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'audit_hash_key'"), {}, &error)
            .toString()
            .toLatin1();
    if (error)
        return error;
    const QByteArray key = QByteArray::fromHex(hex);
    if (key.size() != crypto_generichash_KEYBYTES)
        return Error(ErrorKind::Damaged, Tr::tr("the audit log's hash key is missing from %1").arg(db.path()));
    *out = SecureBytes::copyOf(key);
    return {};
}

Error AuditLog::head(Database& db, qint64* sequence, QByteArray* hash)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"), {}, &rows))
        return e;
    *sequence = rows.isEmpty() ? 0 : rows.first().at(0).toLongLong();
    *hash = rows.isEmpty() ? QByteArray() : rows.first().at(1).toByteArray();
    return {};
}

Error AuditLog::appendUnmirrored(Database& db, const Person& actor, const AuditSigner& sign, const QString& action,
                                 const QString& subject, const QJsonObject& details, AuditEntry* out)
{
    if (auditWriteShouldFail())
        return Error(ErrorKind::Io,
                     Tr::tr("cannot write the audit log entry for %1 (ONRAMP_TEST_FAIL_AUDIT); "
                            "nothing was changed")
                         .arg(action));
    // Checked in the writing transaction: a person disabled while signed in
    // (or racing the disable) records nothing, so that no entry after
    // `person.disable` carries their key.
    QList<QVariantList> person;
    if (Error e = db.execute(QStringLiteral("SELECT disabled, sign_public_key FROM people WHERE id = ?1"), {actor.id},
                             &person))
        return e;
    if (!person.isEmpty() && person.first().at(0).toInt() != 0)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("%1 is disabled and can no longer change anything; nothing was changed").arg(actor.name));
    // Likewise a session from before an admin reset the person's passphrase:
    // its key is no longer theirs by the log, and an entry signed with it
    // would not verify for anyone after.
    if (!person.isEmpty() && !actor.signPublicKey.isEmpty()
        && person.first().at(1).toByteArray() != actor.signPublicKey)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("the key of %1 is not the one this session was unlocked with (a passphrase reset since, "
                            "or the people table changed outside Onramp); nothing was changed; sign in again")
                         .arg(actor.name));
    SecureBytes key;
    if (Error e = hashKey(db, &key))
        return e;
    QList<QVariantList> rows;
    if (Error e =
            db.execute(QStringLiteral("SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1"), {}, &rows))
        return e;
    AuditEntry entry;
    entry.sequence = rows.isEmpty() ? 1 : rows.first().at(0).toLongLong() + 1;
    entry.previousHash = rows.isEmpty() ? QByteArray(kHashBytes, '\0') : rows.first().at(1).toByteArray();
    entry.at = timeText(QDateTime::currentDateTimeUtc());
    // Never go back in time: a clock set back would otherwise read as reordering.
    if (!rows.isEmpty() && entry.at < rows.first().at(2).toString())
        entry.at = rows.first().at(2).toString();
    entry.actorId = actor.id;
    entry.actorName = actor.name;
    entry.action = action;
    entry.subject = subject;
    // The second and later entries of one commit name its first: the key
    // file's head, recorded after the commit, may trail by one commit.
    QJsonObject withGroup = details;
    if (const qint64 group = db.commitGroup(entry.sequence); group != entry.sequence)
        withGroup.insert(QStringLiteral("commit_of"), group);
    entry.details = QString::fromUtf8(QJsonDocument(withGroup).toJson(QJsonDocument::Compact));
    entry.hash = computeHash(entry, key);
    entry.signature = sign(signedMessage(entry.hash));
    if (entry.signature.size() != crypto_sign_BYTES)
        return Error(ErrorKind::Io, Tr::tr("cannot sign the audit log entry for %1").arg(action));
    if (Error e = db.execute(QStringLiteral("INSERT INTO audit_log (") + kColumns
                                 + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                             {entry.sequence, entry.at, entry.actorId, entry.actorName, entry.action, entry.subject,
                              entry.details, entry.previousHash, entry.hash, entry.signature}))
        return e;
    // The moment it commits, this desktop has seen it: the vault may not go
    // back behind it. Nothing in the folder (a planted vault.lock) can stop
    // this, and no later step of the act (a key-file write) must come first.
    const QString vaultId = db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'vault_id'")).toString();
    markNewest(db, entry.sequence);
    db.afterCommit([&db, vaultId, sequence = entry.sequence, hash = entry.hash] {
        // The newest entry of the commit stands for the others: one write of the trust file.
        if (!isNewest(db, sequence))
            return;
        // A commit that reported an error may or may not have taken effect:
        // the desktop remembers only an entry that is there.
        if (db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?"), {sequence}).toByteArray() != hash)
            return;
        if (Error e = TrustStore::advanceHead(vaultId, sequence, hash))
            qCWarning(lcVault) << "this desktop could not record the vault's newest state:" << e.message;
    });
    if (out)
        *out = std::move(entry);
    return {};
}

Error AuditLog::append(Vault& actor, const QString& action, const QString& subject, const QJsonObject& details)
{
    Database& db = actor.db();
    AuditEntry entry;
    if (Error e = appendUnmirrored(
            db, actor.me(), [&actor](QByteArrayView m) { return actor.sign(m); }, action, subject, details, &entry))
        return e;
    const QString dir = actor.directory();
    const HeadSigner signer{actor.me().name, [&actor](QByteArrayView m) { return actor.sign(m); }};
    db.afterCommit([&db, dir, signer, sequence = entry.sequence] {
        // One mirror of the head however many entries the commit appended: the newest's.
        if (!isNewest(db, sequence))
            return;
        if (Error e = mirrorHead(db, dir, signer))
            qCWarning(lcVault) << "the audit head was not recorded in the key file; the next change records it:"
                               << e.message;
    });
    return {};
}

Error AuditLog::record(Vault& actor, const QString& action, const QString& subject, const QJsonObject& details)
{
    Database::Transaction transaction(actor.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = append(actor, action, subject, details))
        return e;
    return transaction.commit();
}

void AuditLog::headOf(const KeyFile& keys, qint64* sequence, QByteArray* hash)
{
    const QJsonObject head = keys.extra.value(headField()).toObject();
    *sequence = head.value(QStringLiteral("seq")).toInteger();
    *hash = QByteArray::fromBase64(head.value(QStringLiteral("hash")).toString().toLatin1());
}

QByteArray AuditLog::headMessage(const QString& vaultId, qint64 sequence, QByteArrayView hash)
{
    return QByteArrayLiteral("onramp-audit-head-v1\n") + vaultId.toUtf8() + '\n' + QByteArray::number(sequence) + '\n'
        + hash.toByteArray().toBase64();
}

Error AuditLog::recordHead(Database& db, KeyFile* keys, const HeadSigner& signer, bool* changed)
{
    if (changed)
        *changed = false;
    qint64 tableSequence = 0;
    QByteArray tableHash;
    if (Error e = head(db, &tableSequence, &tableHash))
        return e;
    qint64 fileSequence = 0;
    QByteArray fileHash;
    headOf(*keys, &fileSequence, &fileHash);
    // Only forward: another process may have recorded a newer head meanwhile.
    if (tableSequence <= fileSequence)
        return {};
    // Signed by whoever records it, so that the head is a statement of a
    // person of the log; each desktop's memory is what stops a rollback.
    keys->extra.insert(
        headField(),
        QJsonObject{
            {QStringLiteral("seq"), tableSequence},
            {QStringLiteral("hash"), QString::fromLatin1(tableHash.toBase64())},
            {QStringLiteral("signer"), signer.name},
            {QStringLiteral("signature"),
             QString::fromLatin1(signer.sign(headMessage(keys->vaultId, tableSequence, tableHash)).toBase64())}});
    if (changed)
        *changed = true;
    return {};
}

Error AuditLog::mirrorHeadLocked(Database& db, const QString& keyPath, KeyFile* keys, const HeadSigner& signer)
{
    bool changed = false;
    if (Error e = recordHead(db, keys, signer, &changed))
        return e;
    if (!changed)
        return {};
    crashPoint("audit-before-head");
    return keys->save(keyPath);
}

Error AuditLog::mirrorHead(Database& db, const QString& dir, const HeadSigner& signer)
{
    KeyFileLock lock;
    if (Error e = lock.acquire(dir, kBusyTimeoutMs))
        return e;
    // The head alone: its write does not grow with the number of slots.
    KeyFile keys;
    if (Error e = KeyFileStore::loadHeader(keyFilePath(dir), &keys))
        return e;
    return mirrorHeadLocked(db, keyFilePath(dir), &keys, signer);
}

Error AuditLog::page(Database& db, qint64 after, int limit, QList<AuditEntry>* out)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT ") + kSelected
                                 + QStringLiteral(" FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?"),
                             {after, limit}, &rows))
        return e;
    for (const QVariantList& r : rows)
        out->append(entryFromRow(r));
    return {};
}

Error AuditLog::entries(Database& db, const AuditQuery& query, QList<AuditEntry>* out)
{
    QStringList where;
    QVariantList params;
    if (query.since.isValid()) {
        where << QStringLiteral("at >= ?");
        params << timeText(query.since);
    }
    if (!query.actor.isEmpty()) {
        where << QStringLiteral("actor_name = ?");
        params << query.actor;
    }
    if (!query.person.isEmpty()) {
        where << QStringLiteral("(actor_name = ? OR subject = ?)");
        params << query.person << query.person;
    }
    if (!query.action.isEmpty()) {
        where << QStringLiteral("action = ?");
        params << query.action;
    }
    if (query.actorId != 0) {
        where << QStringLiteral("actor_id = ?");
        params << query.actorId;
    }
    if (!query.text.isEmpty()) {
        QString any = QStringLiteral("instr(lower(action || ' ' || actor_name || ' ' || coalesce(subject, '') || ' ' "
                                     "|| coalesce(details, '')), lower(?)) > 0");
        params << query.text;
        const auto oneOf = [&params](const QStringList& values) {
            QStringList marks;
            for (const QString& value : values) {
                marks << QStringLiteral("?");
                params << value;
            }
            return marks.join(QLatin1Char(','));
        };
        if (!query.textActions.isEmpty())
            any += QStringLiteral(" OR action IN (") + oneOf(query.textActions) + QLatin1Char(')');
        if (!query.textNames.isEmpty()) {
            any += QStringLiteral(" OR actor_name IN (") + oneOf(query.textNames) + QLatin1Char(')');
            any += QStringLiteral(" OR subject IN (") + oneOf(query.textNames) + QLatin1Char(')');
        }
        where << QLatin1Char('(') + any + QLatin1Char(')');
    }
    // NOT INDEXED: what is shown comes from the entries themselves. The log's
    // indexes serve lookups whose answers are checked against the walk of
    // the log (Ledger::checkIndexes says which); one a hire rewrote would
    // otherwise file a mentor's approval under "signoff" on this page, or
    // hide an entry.
    QString sql = QStringLiteral("SELECT ") + kSelected + QStringLiteral(" FROM audit_log NOT INDEXED ")
        + (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")));
    if (query.newest > 0) {
        sql = QStringLiteral("SELECT * FROM (") + sql + QStringLiteral(" ORDER BY seq DESC LIMIT ?) ORDER BY seq");
        params << query.newest;
    } else {
        sql += QStringLiteral(" ORDER BY seq");
    }
    QList<QVariantList> rows;
    if (Error e = db.execute(sql, params, &rows))
        return e;
    for (const QVariantList& r : rows)
        out->append(entryFromRow(r));
    return {};
}

Error AuditLog::visibleEntries(Vault& vault, AuditQuery query, QList<AuditEntry>* out)
{
    const Person& me = vault.me();
    if (me.role != Role::Admin) {
        if ((!query.actor.isEmpty() && query.actor != me.name) || (!query.person.isEmpty() && query.person != me.name))
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("%1 can see only their own audit trail; only an admin sees "
                                "everyone's")
                             .arg(me.name));
        query.actorId = me.id;
    }
    return entries(vault.db(), query, out);
}

QStringList AuditLog::peopleNamed(Vault& vault, const QString& text)
{
    QStringList names;
    if (text.isEmpty())
        return names;
    const QList<Person> people = vault.people();
    for (const Person& person : people)
        if (person.name.contains(text, Qt::CaseInsensitive) || person.shownName().contains(text, Qt::CaseInsensitive))
            names.append(person.name);
    return names;
}

Error AuditLog::visibleActions(Vault& vault, QStringList* out)
{
    const bool admin = vault.me().role == Role::Admin;
    QList<QVariantList> rows;
    if (Error e = vault.db().execute(QStringLiteral("SELECT DISTINCT action FROM audit_log NOT INDEXED")
                                         + (admin ? QString() : QStringLiteral(" WHERE actor_id = ?"))
                                         + QStringLiteral(" ORDER BY action"),
                                     admin ? QVariantList() : QVariantList{vault.me().id}, &rows))
        return e;
    out->clear();
    for (const QVariantList& r : rows)
        out->append(r.at(0).toString());
    return {};
}

namespace {

QString base64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

Error AuditLog::exportAll(Vault& vault, const QString& format, QByteArray* out, AuditVerification* verified,
                          qint64* count)
{
    const bool csv = format == QLatin1String("csv");
    if (!csv && format != QLatin1String("jsonl"))
        return Error(ErrorKind::InvalidInput, Tr::tr("the audit log exports as jsonl or csv, not '%1'").arg(format));
    if (vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only an admin may export the audit log; %1 is a %2")
                         .arg(vault.me().name, roleWord(vault.me().role)));
    // Read in one transaction with the walk: the verdicts are those of the
    // entries written.
    Database::ReadTransaction read(vault.db());
    if (read.beginError())
        return read.beginError();
    if (Error e = AuditVerifier::verify(vault, verified))
        return e;
    QList<AuditEntry> all;
    if (Error e = entries(vault.db(), {}, &all))
        return e;
    QByteArray content;
    if (csv)
        content += "seq,at,actor_id,actor,action,subject,details,prev_hash,hash,signature,verified,problem\r\n";
    for (const AuditEntry& entry : std::as_const(all)) {
        const QString problem = verified->problemAt(entry.sequence);
        if (!csv) {
            QJsonObject json = entry.toJson();
            json.insert(QStringLiteral("verified"), problem.isEmpty());
            if (!problem.isEmpty())
                json.insert(QStringLiteral("problem"), problem);
            content += QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n';
            continue;
        }
        // The text fields as the report writes them, formulas defused: an
        // entry's author chose them. Numbers and base64 need no quoting and
        // hold no formula (no parenthesis, no '!'), so they stay as the
        // entry's hash covers them.
        const QStringList fields{QString::number(entry.sequence),
                                 text::csvField(entry.at),
                                 QString::number(entry.actorId),
                                 text::csvField(entry.actorName),
                                 text::csvField(entry.action),
                                 text::csvField(entry.subject),
                                 text::csvField(entry.details),
                                 base64(entry.previousHash),
                                 base64(entry.hash),
                                 base64(entry.signature),
                                 problem.isEmpty() ? QStringLiteral("true") : QStringLiteral("false"),
                                 text::csvField(problem)};
        content += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    *out = std::move(content);
    if (count)
        *count = all.size();
    return {};
}

} // namespace onramp
