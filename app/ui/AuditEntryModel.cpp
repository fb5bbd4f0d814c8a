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

QString AuditEntryModel::readableDetails(const QString& json)
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
                // The signed records an entry covers: digests nobody reads in a table; the export keeps them whole.
                text = tr("%n signed record(s)", "", int(array.size()));
            } else {
                text = tr("%n item(s)", "", int(array.size()));
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
