#include "audit/Records.h"

#include "Database.h"
#include "audit/AuditLog.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

namespace onramp::records {

namespace {

// Not the note a hire writes (their own), nor sealed boxes (the hire's own to
// break), nor a grant's ending (the log records revocations and renewals
// itself; expiry follows from the signed expiry time).
const QHash<QString, QStringList>& columnTable()
{
    static const QHash<QString, QStringList> table = {
        {QStringLiteral("checklists"),
         {QStringLiteral("slug"), QStringLiteral("version"), QStringLiteral("title"), QStringLiteral("yaml"),
          QStringLiteral("imported_by")}},
        {QStringLiteral("enrollments"),
         {QStringLiteral("hire_id"), QStringLiteral("mentor_id"), QStringLiteral("checklist_id"),
          QStringLiteral("start_date")}},
        {QStringLiteral("step_reviews"),
         {QStringLiteral("enrollment_id"), QStringLiteral("step_id"), QStringLiteral("checklist_version"),
          QStringLiteral("mentor_id"), QStringLiteral("decision"), QStringLiteral("comment"), QStringLiteral("at"),
          QStringLiteral("signature")}},
        {QStringLiteral("signoffs"),
         {QStringLiteral("enrollment_id"), QStringLiteral("mentor_id"), QStringLiteral("checklist_version"),
          QStringLiteral("decision"), QStringLiteral("at"), QStringLiteral("signature")}},
        {QStringLiteral("credential_grants"),
         {QStringLiteral("enrollment_id"), QStringLiteral("credential_id"), QStringLiteral("granted_at"),
          QStringLiteral("expires_at"), QStringLiteral("granted_by"), QStringLiteral("signature")}},
    };
    return table;
}

void addField(crypto_generichash_state* state, char type, const QByteArray& bytes)
{
    unsigned char header[5];
    header[0] = static_cast<unsigned char>(type);
    qToBigEndian<quint32>(quint32(bytes.size()), header + 1);
    crypto_generichash_update(state, header, sizeof header);
    crypto_generichash_update(state, reinterpret_cast<const unsigned char*>(bytes.constData()),
                              std::size_t(bytes.size()));
}

} // namespace

const QStringList& vouchedTables()
{
    static const QStringList tables = {QStringLiteral("checklists"), QStringLiteral("enrollments"),
                                       QStringLiteral("step_reviews"), QStringLiteral("signoffs"),
                                       QStringLiteral("credential_grants")};
    return tables;
}

const QStringList& columnsOf(const QString& table)
{
    static const QStringList none;
    const auto it = columnTable().constFind(table);
    return it == columnTable().constEnd() ? none : *it;
}

namespace {

/// The digest of one row whose columnsOf(table) are \a values.
QByteArray digestOf(const SecureBytes& key, const QString& table, qint64 rowId, const QVariantList& values)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), crypto_generichash_BYTES);
    addField(&state, 't', QByteArrayLiteral("onramp-record-v1"));
    addField(&state, 't', table.toUtf8());
    addField(&state, 'i', QByteArray::number(rowId));
    for (const QVariant& value : values) {
        if (value.isNull())
            addField(&state, 'n', {});
        else if (value.typeId() == QMetaType::QByteArray)
            addField(&state, 'b', value.toByteArray());
        else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
            addField(&state, 'i', QByteArray::number(value.toLongLong()));
        else
            addField(&state, 't', value.toString().toUtf8());
    }
    QByteArray hash(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(hash.data()), std::size_t(hash.size()));
    return hash;
}

/// Rows of \a table (all, or the one \a rowId when it is positive) with
/// their id first, then columnsOf(table); and the key the digests take.
Error readRows(Database& db, const QString& table, qint64 rowId, QList<QVariantList>* rows, SecureBytes* key)
{
    const QStringList& columns = columnsOf(table);
    if (columns.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is not a table whose rows the audit log vouches for").arg(table));
    // The table and column names come from the list above, never from input.
    const QString select = QStringLiteral("SELECT id, %1 FROM %2").arg(columns.join(QStringLiteral(", ")), table);
    if (Error e = rowId > 0 ? db.execute(select + QStringLiteral(" WHERE id = ?1"), {rowId}, rows)
                            : db.execute(select, {}, rows))
        return e;
    // Keyed with the audit log's hash key, so that an exported log names rows
    // without letting anyone test guesses of a mentor's comment against it.
    return AuditLog::hashKey(db, key);
}

} // namespace

Error digest(Database& db, const QString& table, qint64 rowId, QByteArray* out)
{
    QList<QVariantList> rows;
    SecureBytes key;
    if (Error e = readRows(db, table, rowId, &rows, &key))
        return e;
    if (rows.isEmpty())
        return Error(ErrorKind::Damaged, Tr::tr("%1 row %2 is missing").arg(table).arg(rowId));
    *out = digestOf(key, table, rowId, rows.first().mid(1));
    return {};
}

Error digestAll(Database& db, const QString& table, QHash<qint64, QByteArray>* out)
{
    QList<QVariantList> rows;
    SecureBytes key;
    if (Error e = readRows(db, table, 0, &rows, &key))
        return e;
    out->clear();
    for (const QVariantList& row : std::as_const(rows))
        out->insert(row.at(0).toLongLong(), digestOf(key, table, row.at(0).toLongLong(), row.mid(1)));
    return {};
}

Error vouch(Database& db, const QString& table, qint64 rowId, QJsonArray* list)
{
    QByteArray hash;
    if (Error e = digest(db, table, rowId, &hash))
        return e;
    list->append(QJsonObject{{QStringLiteral("table"), table},
                             {QStringLiteral("id"), rowId},
                             {QStringLiteral("digest"), QString::fromLatin1(hash.toBase64())}});
    return {};
}

void noteKeptSeal(KeptSeals* seals, qint64 sequence, const QString& action, const QString& subject,
                  const QJsonObject& details)
{
    const bool connection = action == QLatin1String("provider.set");
    const bool removed = action == QLatin1String("credential.unset");
    if (!connection && !removed && action != QLatin1String("credential.set"))
        return;
    const QString id = connection ? QStringLiteral("provider:") + subject : subject;
    QStringList environments;
    if (connection)
        environments.append(QStringLiteral("production"));
    else if (removed)
        for (const QJsonValue& environment : details.value(QStringLiteral("environments")).toArray())
            environments.append(environment.toString());
    else if (details.contains(QStringLiteral("environment")))
        environments.append(details.value(QStringLiteral("environment")).toString());
    if (environments.isEmpty())
        environments.append(QStringLiteral("*"));
    for (const QString& environment : std::as_const(environments)) {
        KeptSeal& kept = (*seals)[keptSealKey(id, environment)];
        kept.sequence = sequence;
        kept.removed = removed;
        kept.seal = removed ? QByteArray() : QByteArray::fromBase64(details.value(sealKey()).toString().toLatin1());
    }
}

QString keptSealKey(const QString& credentialId, const QString& environment)
{
    return credentialId + QLatin1Char('\n') + environment;
}

bool sealHolds(const KeptSeals& seals, const QString& credentialId, const QString& environment, const QByteArray& seal)
{
    const auto exact = seals.constFind(keptSealKey(credentialId, environment));
    const auto before = seals.constFind(keptSealKey(credentialId, QStringLiteral("*")));
    const KeptSeal* newest = nullptr;
    if (exact != seals.cend())
        newest = &*exact;
    if (before != seals.cend() && (!newest || before->sequence > newest->sequence))
        newest = &*before;
    if (!newest)
        return seal.isEmpty();
    return !newest->removed && newest->seal == seal;
}

} // namespace onramp::records
