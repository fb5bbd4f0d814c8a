#include "AuditBackend.h"

#include "Session.h"

#include "PrivateFile.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "vault/Vault.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>

#include <memory>

namespace onramp::ui {

namespace {

/// {"role":"mentor","person_id":3} -> "person_id: 3 · role: mentor"
QString readableDetails(const QString& json)
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

QVariantMap toMap(const AuditEntry& entry)
{
    const QDateTime at = QDateTime::fromString(entry.at, Qt::ISODateWithMs);
    return {{QStringLiteral("seq"), entry.sequence},
            {QStringLiteral("at"), entry.at},
            {QStringLiteral("atText"),
             at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : entry.at},
            {QStringLiteral("actor"), entry.actorName},
            {QStringLiteral("action"), entry.action},
            {QStringLiteral("subject"), entry.subject},
            {QStringLiteral("details"), readableDetails(entry.details)},
            {QStringLiteral("detailsJson"), entry.details}};
}

} // namespace

AuditBackend::AuditBackend(QObject* parent)
    : QObject(parent)
{
    Session* session = Session::instance();
    connect(session, &Session::changed, this, [this] {
        // A new entry makes an earlier verification out of date.
        if (!m_verifyResult.isEmpty()) {
            m_verifyResult.clear();
            m_verified = false;
            m_badSequence = 0;
            Q_EMIT verifiedChanged();
        }
        reload();
    });
    connect(session, &Session::unlockedChanged, this, [this] {
        m_verifyResult.clear();
        m_verified = false;
        m_badSequence = 0;
        Q_EMIT verifiedChanged();
        reload();
    });
    QMetaObject::invokeMethod(this, &AuditBackend::reload, Qt::QueuedConnection);
}

void AuditBackend::setActor(const QString& actor)
{
    if (actor.trimmed() == m_actor)
        return;
    m_actor = actor.trimmed();
    Q_EMIT filterChanged();
}

void AuditBackend::setAction(const QString& action)
{
    if (action.trimmed() == m_action)
        return;
    m_action = action.trimmed();
    Q_EMIT filterChanged();
}

void AuditBackend::setSince(const QString& since)
{
    if (since.trimmed() == m_since)
        return;
    m_since = since.trimmed();
    Q_EMIT filterChanged();
}

void AuditBackend::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void AuditBackend::clear()
{
    m_entries.clear();
    m_actions.clear();
    m_truncated = false;
    Q_EMIT entriesChanged();
}

void AuditBackend::reload()
{
    const int generation = ++m_generation;
    Session* session = Session::instance();
    if (!session->isUnlocked()) {
        setLoading(false);
        clear();
        return;
    }
    AuditQuery query;
    if (!m_since.isEmpty()) {
        const QDate day = QDate::fromString(m_since, Qt::ISODate);
        if (!day.isValid()) {
            setLoading(false);
            Q_EMIT error(tr("'%1' is not a date; use YYYY-MM-DD.").arg(m_since));
            return;
        }
        query.since = day.startOfDay(Qt::UTC);
    }
    query.actor = m_actor;
    query.action = m_action;
    query.newest = kMaxEntries + 1; // one more than shown tells that there are more
    setLoading(true);
    auto found = std::make_shared<QList<AuditEntry>>();
    auto actions = std::make_shared<QStringList>();
    QPointer<AuditBackend> self(this);
    session->perform(
        this,
        [query, found, actions](Vault& vault) {
            if (Error e = AuditLog::visibleEntries(vault, query, found.get()))
                return e;
            return AuditLog::visibleActions(vault, actions.get());
        },
        [self, generation, found, actions](const Error& e) {
            if (!self || generation != self->m_generation)
                return; // a newer reload is on its way
            self->setLoading(false);
            if (e) {
                self->clear();
                Q_EMIT self->error(e.message);
                return;
            }
            self->m_truncated = found->size() > kMaxEntries;
            self->m_entries.clear();
            const qsizetype first = self->m_truncated ? 1 : 0;
            for (qsizetype i = found->size() - 1; i >= first; --i)
                self->m_entries.append(toMap(found->at(i)));
            self->m_actions = *actions;
            Q_EMIT self->entriesChanged();
        },
        false);
}

void AuditBackend::verify()
{
    if (m_verifying)
        return;
    m_verifying = true;
    Q_EMIT verifyingChanged();
    auto result = std::make_shared<AuditVerification>();
    QPointer<AuditBackend> self(this);
    Session::instance()->perform(
        this, [result](Vault& vault) { return AuditVerifier::verify(vault, result.get()); },
        [self, result](const Error& e) {
            if (!self)
                return;
            self->m_verifying = false;
            Q_EMIT self->verifyingChanged();
            if (e) {
                self->m_verified = false;
                self->m_badSequence = 0;
                self->m_verifyResult = tr("The audit log could not be read: %1").arg(e.message);
            } else if (result->ok()) {
                self->m_verified = true;
                self->m_badSequence = 0;
                QString text =
                    tr("Verified %n entries: chained, signed and matching the key file.", "", int(result->entries));
                for (const QString& note : std::as_const(result->notes))
                    text += QLatin1Char('\n') + note;
                self->m_verifyResult = text;
            } else {
                self->m_verified = false;
                self->m_badSequence = result->sequence;
                self->m_verifyResult = tr("Tampering found. %1").arg(result->message);
            }
            Q_EMIT self->verifiedChanged();
        },
        false);
}

void AuditBackend::exportTo(const QUrl& file, const QString& format)
{
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv")) {
        Q_EMIT error(tr("Choose jsonl or csv."));
        return;
    }
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) {
        Q_EMIT error(tr("Choose a file to export to."));
        return;
    }
    auto count = std::make_shared<qint64>(0);
    QPointer<AuditBackend> self(this);
    Session::instance()->perform(
        this,
        [path, format, count](Vault& vault) -> Error {
            QByteArray content;
            if (Error e = AuditLog::exportAll(vault, format, &content, count.get()))
                return e;
            return writePrivateFile(path, content, tr("the export file"));
        },
        [self, path, count](const Error& e) {
            if (!self)
                return;
            if (e)
                Q_EMIT self->error(e.message);
            else
                Q_EMIT self->done(
                    tr("Exported %n audit entries to %1 (readable by you only).", "", int(*count)).arg(path));
        },
        false);
}

} // namespace onramp::ui
