#include "AuditBackend.h"

#include "ExportPath.h"
#include "Session.h"

#include "Clock.h"
#include "Database.h"
#include "PrivateFile.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "onboarding/ChecklistStore.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <memory>

namespace onramp::ui {

AuditBackend::AuditBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_entries});
    // A new entry, or another person, makes an earlier verification out of date.
    Session* session = Session::instance();
    connect(session, &Session::changed, this, &AuditBackend::forgetVerification);
    connect(session, &Session::changedElsewhere, this, &AuditBackend::forgetVerification);
    connect(session, &Session::unlockedChanged, this, &AuditBackend::forgetVerification);
}

void AuditBackend::forgetVerification()
{
    if (m_verifyResult.isEmpty() && !m_verified && m_badSequence == 0)
        return;
    m_verifyResult.clear();
    m_verified = false;
    m_badSequence = 0;
    Q_EMIT verifiedChanged();
}

QVariantList AuditBackend::actionChoices() const
{
    QList<QVariantMap> choices;
    for (const QString& action : m_actions)
        choices.append(
            {{QStringLiteral("value"), action}, {QStringLiteral("text"), AuditEntryModel::actionText(action)}});
    std::sort(choices.begin(), choices.end(), [](const QVariantMap& a, const QVariantMap& b) {
        return QString::localeAwareCompare(a.value(QStringLiteral("text")).toString(),
                                           b.value(QStringLiteral("text")).toString())
            < 0;
    });
    QVariantList out;
    for (const QVariantMap& choice : std::as_const(choices))
        out.append(choice);
    return out;
}

namespace {

/// The entries \a query finds in \a vault, oldest first; its person, when
/// set, is what the admin typed: part of a login name or of a display name
/// ("Kim" finds "Kim, Alex"), of the person who acted or the one it was about.
Error personEntries(Vault& vault, const AuditQuery& query, QList<AuditEntry>* out)
{
    if (query.person.isEmpty())
        return AuditLog::visibleEntries(vault, query, out);
    // The text itself first: a subject that is no person (a step's id) is found as before.
    QStringList names{query.person};
    for (const QString& name : AuditLog::peopleNamed(vault, query.person))
        if (!names.contains(name))
            names.append(name);
    // Anyone but an admin sees only their own trail: the names that are not
    // theirs are left out, and when nothing is left the log says why.
    if (vault.me().role != Role::Admin) {
        const QString me = vault.me().name;
        names = names.contains(me) ? QStringList{me} : QStringList{query.person};
    }
    QMap<qint64, AuditEntry> bySequence;
    for (const QString& name : std::as_const(names)) {
        AuditQuery one = query;
        one.person = name;
        QList<AuditEntry> found;
        if (Error e = AuditLog::visibleEntries(vault, one, &found))
            return e;
        for (const AuditEntry& entry : std::as_const(found))
            bySequence.insert(entry.sequence, entry);
    }
    // Each name kept its newest; together they keep the newest of all.
    qsizetype skip = query.newest > 0 ? std::max<qsizetype>(0, bySequence.size() - query.newest) : 0;
    for (auto it = bySequence.cbegin(); it != bySequence.cend(); ++it) {
        if (skip > 0) {
            --skip;
            continue;
        }
        out->append(it.value());
    }
    return {};
}

} // namespace

void AuditBackend::setPerson(const QString& person)
{
    if (person.trimmed() == m_person)
        return;
    m_person = person.trimmed();
    Q_EMIT filterChanged();
}

void AuditBackend::setAction(const QString& action)
{
    if (action.trimmed() == m_action)
        return;
    m_action = action.trimmed();
    Q_EMIT filterChanged();
}

void AuditBackend::setSearch(const QString& search)
{
    if (search.trimmed() == m_search)
        return;
    m_search = search.trimmed();
    Q_EMIT filterChanged();
}

void AuditBackend::setSince(const QString& since)
{
    if (since.trimmed() == m_since)
        return;
    m_since = since.trimmed();
    Q_EMIT filterChanged();
}

QString AuditBackend::sinceProblem(const QString& text) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || QDate::fromString(trimmed, Qt::ISODate).isValid())
        return {};
    return tr("'%1' is not a date; type the day as YYYY-MM-DD, such as %2.")
        .arg(trimmed, QDate::currentDate().addDays(-7).toString(Qt::ISODate));
}

void AuditBackend::clear()
{
    m_entries.setEntries({});
    m_actions.clear();
    m_truncated = false;
    Q_EMIT entriesChanged();
}

void AuditBackend::read()
{
    AuditQuery query;
    if (!m_since.isEmpty()) {
        const QDate day = QDate::fromString(m_since, Qt::ISODate);
        if (!day.isValid()) {
            cancelLoad();
            Q_EMIT error(tr("'%1' is not a date; use YYYY-MM-DD.").arg(m_since));
            return;
        }
        query.since = day.startOfDay(Qt::UTC);
    }
    query.person = m_person;
    query.action = m_action;
    query.text = m_search;
    query.newest = kMaxEntries + 1; // one more than shown tells that there are more
    auto found = std::make_shared<QList<AuditEntry>>();
    auto actions = std::make_shared<QStringList>();
    auto titles = std::make_shared<QHash<QString, QString>>();
    auto verified = std::make_shared<AuditVerification>();
    auto referenced = std::make_shared<QList<AuditEntry>>();
    load(
        [query, found, actions, titles, verified, referenced](Vault& vault) {
            // Each entry is shown with the chain's verdict on it: one a hire
            // signed for a mentor's act, or edited, is marked, never shown
            // as what it claims.
            Database::ReadTransaction read(vault.db());
            if (read.beginError())
                return read.beginError();
            if (Error e = AuditVerifier::verify(vault, verified.get()))
                return e;
            if (Error e = AuditLog::visibleActions(vault, actions.get()))
                return e;
            // The search finds what the page shows too: an action's name in
            // the language in use, a person's display name.
            AuditQuery searched = query;
            if (!searched.text.isEmpty()) {
                for (const QString& code : std::as_const(*actions))
                    if (AuditEntryModel::actionText(code).contains(searched.text, Qt::CaseInsensitive))
                        searched.textActions.append(code);
                searched.textNames = AuditLog::peopleNamed(vault, searched.text);
            }
            if (Error e = personEntries(vault, searched, found.get()))
                return e;
            // A scan's sealed findings, opened for an admin or a mentor
            // (who hold the production key), as `audit log` shows them.
            for (AuditEntry& entry : *found)
                if (entry.action == QLatin1String("scan.run"))
                    entry.details = scan::VaultScan::shownDetails(vault, entry);
            subjectTitles(vault, titles.get());
            // The commit an entry completes, named even when a filter left it
            // out; for a person who sees only their own trail, only their own.
            QSet<qint64> shown;
            for (const AuditEntry& entry : std::as_const(*found))
                shown.insert(entry.sequence);
            QSet<qint64> wanted;
            for (const AuditEntry& entry : std::as_const(*found)) {
                const qint64 of = QJsonDocument::fromJson(entry.details.toUtf8())
                                      .object()
                                      .value(QStringLiteral("commit_of"))
                                      .toInteger();
                if (of > 0 && !shown.contains(of))
                    wanted.insert(of);
            }
            const bool everyone = vault.me().role == Role::Admin;
            for (const qint64 sequence : std::as_const(wanted)) {
                QList<AuditEntry> one;
                if (Error e = AuditLog::page(vault.db(), sequence - 1, 1, &one))
                    return e;
                if (!one.isEmpty() && one.first().sequence == sequence
                    && (everyone || one.first().actorId == vault.me().id))
                    referenced->append(one.first());
            }
            return Error();
        },
        [this, found, actions, titles, verified, referenced](const Error& e) {
            if (e) {
                clear();
                Q_EMIT error(e.message);
                return;
            }
            m_truncated = found->size() > kMaxEntries;
            QList<AuditEntry> newestFirst;
            newestFirst.reserve(found->size());
            const qsizetype first = m_truncated ? 1 : 0;
            for (qsizetype i = found->size() - 1; i >= first; --i)
                newestFirst.append(found->at(i));
            m_entries.setEntries(newestFirst, *titles, *verified, *referenced);
            m_actions = *actions;
            Q_EMIT entriesChanged();
        });
}

void AuditBackend::subjectTitles(Vault& vault, QHash<QString, QString>* out)
{
    // The latest checklists' titles first, people's names last: a subject is
    // most often a person, whose name then wins over a step of the same id.
    // A step whose title changed between versions: the entries before the
    // change were written under another title, so today's is said as such
    // ("#retitled:ID", AuditEntryModel). Every version, read once, by
    // checklist and version: each checklist's last row is its latest.
    QList<StoredChecklist> all;
    if (!ChecklistStore(vault).all(&all)) {
        QHash<QString, QString> firstTitle;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const StoredChecklist& stored = all.at(i);
            for (const Step& step : stored.checklist.steps) {
                const auto seen = firstTitle.constFind(step.id);
                if (seen == firstTitle.cend())
                    firstTitle.insert(step.id, step.title);
                else if (*seen != step.title)
                    out->insert(QStringLiteral("#retitled:") + step.id, QStringLiteral("1"));
            }
            if (i + 1 < all.size() && all.at(i + 1).checklist.id == stored.checklist.id)
                continue; // not the latest version of its checklist
            for (const Step& step : stored.checklist.steps)
                out->insert(step.id, step.title);
            for (const CredentialTemplate& credential : stored.checklist.credentials)
                out->insert(credential.id, credential.title);
            out->insert(stored.checklist.id, stored.checklist.title);
        }
    }
    const QList<Person> people = vault.people();
    for (const Person& person : people) {
        out->insert(person.name, person.shownName());
        // For the details that name a person by number (person_id, hire_id, mentor_id).
        out->insert(QStringLiteral("#person:%1").arg(person.id), person.shownName());
    }
}

void AuditBackend::verify()
{
    if (m_verifying)
        return;
    m_verifying = true;
    Q_EMIT verifyingChanged();
    auto result = std::make_shared<AuditVerification>();
    run([result](Vault& vault) { return AuditVerifier::verify(vault, result.get()); },
        [this, result](const Error& e) {
            m_verifying = false;
            Q_EMIT verifyingChanged();
            if (e) {
                m_verified = false;
                m_badSequence = 0;
                m_verifyResult = tr("The audit log could not be read: %1").arg(e.message);
            } else if (result->ok()) {
                m_verified = true;
                m_badSequence = 0;
                QString text =
                    tr("Verified %n entries: none is missing, changed or out of order, and each carries the valid "
                       "signature of the person it names.",
                       "", int(result->entries));
                for (const QString& note : std::as_const(result->notes))
                    text += QLatin1Char('\n') + note;
                m_verifyResult = text;
            } else {
                m_verified = false;
                m_badSequence = result->sequence;
                m_verifyResult = tr("Tampering found. %1").arg(result->message);
            }
            Q_EMIT verifiedChanged();
        },
        false);
}

void AuditBackend::exportTo(const QUrl& file, const QString& format)
{
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv")) {
        Q_EMIT error(tr("Choose jsonl or csv."));
        return;
    }
    // The folder checked before the log is read: a wrong one costs nothing.
    const SavePath target = exportTarget(file, format);
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    auto count = std::make_shared<qint64>(0);
    auto verified = std::make_shared<AuditVerification>();
    run(
        [path, format, count, verified](Vault& vault) -> Error {
            QByteArray content;
            if (Error e = AuditLog::exportAll(vault, format, &content, verified.get(), count.get()))
                return e;
            return writePrivateFile(path, content, tr("the export file"));
        },
        [this, path, count, verified](const Error& e) {
            if (e)
                Q_EMIT error(e.message);
            else if (!verified->ok())
                // Every entry is in the file, each marked; the ones the chain
                // does not vouch for must not go to an auditor unremarked.
                Q_EMIT error(tr("Exported %n audit entries to %1 (readable by you only), but the log does not "
                                "verify: entries from %2 on are marked verified=false in the file. %3",
                                "", int(*count))
                                 .arg(path)
                                 .arg(verified->sequence)
                                 .arg(verified->message));
            else
                Q_EMIT done(
                    tr("Exported the whole log, %n audit entries, to %1 (readable by you only).", "", int(*count))
                        .arg(path));
        },
        false);
}

QUrl AuditBackend::exportFileSuggestion(const QString& format) const
{
    const QDate today = defaultClock().now().toLocalTime().date();
    return exportFileUrl(QStringLiteral("onramp-audit-%1.%2").arg(today.toString(Qt::ISODate), format));
}

} // namespace onramp::ui
