#include "AuditEntryModel.h"
#include "Formats.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace onramp::ui {

QString AuditEntryModel::readableDetails(const QString& json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QStringList parts;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isObject() || value.isArray())
            text = QString::fromUtf8(value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                                      : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            text = value.toVariant().toString();
        parts.append(it.key() + QStringLiteral(": ") + text);
    }
    return parts.join(QStringLiteral(" · "));
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
    default:
        return {};
    }
}

QHash<int, QByteArray> AuditEntryModel::roleNames() const
{
    return {{SequenceRole, "seq"},      {AtRole, "at"},
            {AtTextRole, "atText"},     {ActorRole, "actor"},
            {ActionRole, "actionName"}, {SubjectRole, "subject"},
            {DetailsRole, "details"},   {DetailsJsonRole, "detailsJson"}};
}

void AuditEntryModel::setEntries(const QList<AuditEntry>& entries)
{
    resetRows([&] {
        m_rows.clear();
        m_rows.reserve(entries.size());
        for (const AuditEntry& entry : entries) {
            const QDateTime at = QDateTime::fromString(entry.at, Qt::ISODateWithMs);
            m_rows.append({entry, at.isValid() ? logTime(at) : entry.at, readableDetails(entry.details)});
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
