#include "AuditEntryModel.h"
#include "Formats.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace onramp::ui {

namespace {

QString scalarText(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toVariant().toString();
}

} // namespace

namespace {

/// Each detail of \a json as "key: value"; the signed records counted, or left out.
QStringList detailParts(const QString& json, bool withRecords)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QStringList parts;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            const bool scalars = std::all_of(array.begin(), array.end(),
                                             [](const QJsonValue& v) { return !v.isObject() && !v.isArray(); });
            if (scalars) {
                QStringList items;
                for (const QJsonValue& v : array)
                    items.append(scalarText(v));
                text = items.join(QStringLiteral(", "));
            } else if (it.key() == QLatin1String("records")) {
                if (!withRecords)
                    continue;
                // The signed records an entry covers: digests nobody reads in a table; the export keeps them whole.
                text = AuditEntryModel::tr("%n signed record(s)", "", int(array.size()));
            } else {
                text = AuditEntryModel::tr("%n item(s)", "", int(array.size()));
            }
        } else if (value.isObject()) {
            QStringList items;
            const QJsonObject inner = value.toObject();
            for (auto in = inner.constBegin(); in != inner.constEnd(); ++in)
                items.append(
                    in.key() + QStringLiteral(": ")
                    + (in.value().isObject() || in.value().isArray() ? QStringLiteral("…") : scalarText(in.value())));
            text = items.join(QStringLiteral(", "));
        } else {
            text = scalarText(value);
        }
        parts.append(it.key() + QStringLiteral(": ") + text);
    }
    return parts;
}

} // namespace

QString AuditEntryModel::readableDetails(const QString& json)
{
    return detailParts(json, true).join(QStringLiteral(" · "));
}

QString AuditEntryModel::actionText(const QString& action)
{
    // Every action the core appends (grep AuditLog::append, record, audit,
    // commitEntry), in the words the app uses for it elsewhere.
    static const QHash<QString, const char*> words = {
        {QStringLiteral("vault.create"), QT_TR_NOOP("Vault created")},
        {QStringLiteral("vault.rekey"), QT_TR_NOOP("Vault key changed")},
        {QStringLiteral("vault.restore"), QT_TR_NOOP("Vault restored")},
        {QStringLiteral("vault.sql"), QT_TR_NOOP("Database edited directly")},
        {QStringLiteral("person.add"), QT_TR_NOOP("Person added")},
        {QStringLiteral("person.import"), QT_TR_NOOP("People imported")},
        {QStringLiteral("person.disable"), QT_TR_NOOP("Person disabled")},
        {QStringLiteral("person.enable"), QT_TR_NOOP("Person enabled again")},
        {QStringLiteral("passphrase.change"), QT_TR_NOOP("Passphrase changed")},
        {QStringLiteral("passphrase.reset"), QT_TR_NOOP("Passphrase reset")},
        {QStringLiteral("checklist.import"), QT_TR_NOOP("Checklist imported")},
        {QStringLiteral("checklist.save"), QT_TR_NOOP("Checklist saved")},
        {QStringLiteral("enrollment.create"), QT_TR_NOOP("Hire enrolled")},
        {QStringLiteral("enrollment.move"), QT_TR_NOOP("Moved to a newer checklist")},
        {QStringLiteral("step.done"), QT_TR_NOOP("Step done")},
        {QStringLiteral("step.undo"), QT_TR_NOOP("Step no longer done")},
        {QStringLiteral("step.note"), QT_TR_NOOP("Note on a step")},
        {QStringLiteral("step.approve"), QT_TR_NOOP("Step approved")},
        {QStringLiteral("step.reject"), QT_TR_NOOP("Changes asked")},
        {QStringLiteral("signoff"), QT_TR_NOOP("Signed off for production")},
        {QStringLiteral("grant.create"), QT_TR_NOOP("Production access given")},
        {QStringLiteral("grant.renew"), QT_TR_NOOP("Production access renewed")},
        {QStringLiteral("grant.revoke"), QT_TR_NOOP("Production access revoked")},
        {QStringLiteral("credential.set"), QT_TR_NOOP("Production secret set")},
        {QStringLiteral("credential.reveal"), QT_TR_NOOP("Secret revealed")},
        {QStringLiteral("credential.export"), QT_TR_NOOP("Secret exported")},
        {QStringLiteral("credential.reissue"), QT_TR_NOOP("Secret reissued")},
    };
    const auto it = words.constFind(action);
    return it == words.constEnd() ? action : tr(*it);
}

QStringList AuditEntryModel::signedRecords(const QString& json)
{
    static const QHash<QString, const char*> kinds = {
        {QStringLiteral("checklists"), QT_TR_NOOP("Checklist version %1")},
        {QStringLiteral("enrollments"), QT_TR_NOOP("Enrollment %1")},
        {QStringLiteral("step_reviews"), QT_TR_NOOP("Step review %1")},
        {QStringLiteral("signoffs"), QT_TR_NOOP("Sign-off %1")},
        {QStringLiteral("credential_grants"), QT_TR_NOOP("Production grant %1")},
    };
    const QJsonArray records =
        QJsonDocument::fromJson(json.toUtf8()).object().value(QStringLiteral("records")).toArray();
    QStringList out;
    for (const QJsonValue& v : records) {
        const QJsonObject record = v.toObject();
        const QString table = record.value(QStringLiteral("table")).toString();
        const QString id = scalarText(record.value(QStringLiteral("id")));
        const auto kind = kinds.constFind(table);
        const QString what = kind == kinds.constEnd() ? QStringLiteral("%1 %2").arg(table, id) : tr(*kind).arg(id);
        const QByteArray digest = QByteArray::fromBase64(record.value(QStringLiteral("digest")).toString().toLatin1());
        out.append(digest.isEmpty()
                       ? what
                       : tr("%1, signed digest %2…").arg(what, QString::fromLatin1(digest.toHex().left(16))));
    }
    return out;
}

QVariant AuditEntryModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case SequenceRole:
        return r.entry.sequence;
    case AtRole:
        return r.entry.at;
    case AtTextRole:
        return r.atText;
    case ActorRole:
        return r.entry.actorName;
    case ActionRole:
        return r.entry.action;
    case SubjectRole:
        return r.entry.subject;
    case Qt::DisplayRole:
    case DetailsRole:
        return r.details;
    case DetailsJsonRole:
        return r.entry.details;
    case ActionTextRole:
        return r.actionText;
    case DetailLinesRole:
        return detailParts(r.entry.details, false);
    case SignedRecordsRole:
        return signedRecords(r.entry.details);
    case HashRole:
        return QString::fromLatin1(r.entry.hash.toHex());
    case PreviousHashRole:
        return QString::fromLatin1(r.entry.previousHash.toHex());
    default:
        return {};
    }
}

QHash<int, QByteArray> AuditEntryModel::roleNames() const
{
    return {{SequenceRole, "seq"},
            {AtRole, "at"},
            {AtTextRole, "atText"},
            {ActorRole, "actor"},
            {ActionRole, "actionName"},
            {SubjectRole, "subject"},
            {DetailsRole, "details"},
            {DetailsJsonRole, "detailsJson"},
            {ActionTextRole, "actionText"},
            {DetailLinesRole, "detailLines"},
            {SignedRecordsRole, "signedRecords"},
            {HashRole, "hash"},
            {PreviousHashRole, "previousHash"}};
}

void AuditEntryModel::setEntries(const QList<AuditEntry>& entries)
{
    resetRows([&] {
        m_rows.clear();
        m_rows.reserve(entries.size());
        for (const AuditEntry& entry : entries) {
            const QDateTime at = QDateTime::fromString(entry.at, Qt::ISODateWithMs);
            m_rows.append({entry, at.isValid() ? logTime(at) : entry.at, readableDetails(entry.details),
                           actionText(entry.action)});
        }
    });
}

int AuditEntryModel::rowOfSequence(qint64 sequence) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).entry.sequence == sequence)
            return int(i);
    }
    return -1;
}

} // namespace onramp::ui
