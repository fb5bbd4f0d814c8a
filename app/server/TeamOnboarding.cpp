#include "TeamOnboarding.h"

#include "PgConnection.h"
#include "TeamAccess.h"

#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "onboarding/OnboardingRules.h"
#include "onboarding/Signatures.h"
#include "onboarding/StepThread.h"
#include "people/Person.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace onramp::server {

namespace {

QString digestOf(const QByteArray& content)
{
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toBase64());
}

/// A checklist version's stored YAML, read under the rules it was imported by.
Error parseStored(const QString& serverName, const QString& id, int version, const QByteArray& yaml, Checklist* out)
{
    ParseResult parsed = parseChecklist(yaml, QStringLiteral("server checklist"), InputLimits::Relaxed);
    if (!parsed.ok())
        return {ErrorKind::Damaged,
                Tr::tr("Checklist %1 version %2 on the team server %3 does not parse: %4")
                    .arg(id)
                    .arg(version)
                    .arg(serverName, parsed.errors.value(0))};
    *out = std::move(*parsed.checklist);
    return {};
}

/// The person \a name as the server lists them; InvalidInput naming them when there is none.
Error personNamed(PgConnection& connection, const QString& name, Person* out)
{
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT name, full_name, role, enabled, sign_public_key "
                                                        "FROM onramp.people WHERE name = $1"),
                                         {name}, &rows))
        return error;
    const std::optional<Role> role = rows.isEmpty() ? std::nullopt : roleFromName(rows.first().at(2).toString());
    if (!role)
        return {ErrorKind::InvalidInput,
                Tr::tr("no person '%1' on the team server %2").arg(name, connection.serverName())};
    out->name = rows.first().at(0).toString();
    out->displayName = rows.first().at(1).toString();
    out->role = *role;
    out->disabled = !rows.first().at(3).toBool();
    out->signPublicKey = rows.first().at(4).toByteArray();
    return {};
}

/// The newest entry of \a entries with \a actions that names \a name (and
/// holds), or nullptr.
const ServerAuditEntry* newestNaming(const QList<ServerAuditEntry>& entries, const QStringList& actions,
                                     const std::function<bool(const QJsonObject&)>& names)
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (!actions.contains(it->action))
            continue;
        const QJsonObject details = QJsonDocument::fromJson(it->content).object();
        if (names(details))
            return &*it;
    }
    return nullptr;
}

} // namespace

Error importChecklist(SignedIn& admin, const Checklist& checklist, ImportOutcome* out)
{
    if (admin.role != QLatin1String("admin"))
        return {ErrorKind::NotPermitted, Tr::tr("only an admin can import checklists")};
    PgConnection& connection = *admin.connection;
    const QByteArray yaml = toYaml(checklist);
    // One credential id means one credential, here as in a folder vault.
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT DISTINCT ON (checklist_id) checklist_id, version, "
                                                        "content FROM onramp.checklist_versions "
                                                        "ORDER BY checklist_id, version DESC"),
                                         {}, &rows))
        return error;
    QList<Checklist> others;
    int latest = 0;
    QByteArray latestYaml;
    for (const QVariantList& row : std::as_const(rows)) {
        if (row.at(0).toString() == checklist.id) {
            latest = int(row.at(1).toLongLong());
            latestYaml = row.at(2).toByteArray();
            continue;
        }
        Checklist other;
        if (Error error = parseStored(connection.serverName(), row.at(0).toString(), int(row.at(1).toLongLong()),
                                      row.at(2).toByteArray(), &other))
            return error;
        others.append(other);
    }
    if (Error error = onboarding::checkCredentialEnvironments(checklist, others))
        return error;
    out->id = checklist.id;
    if (latest > 0 && latestYaml == yaml) {
        out->version = latest;
        out->unchanged = true;
        return {};
    }
    out->version = latest + 1;
    out->unchanged = false;
    const QJsonObject details{{QStringLiteral("name"), checklist.id},
                              {QStringLiteral("version"), out->version},
                              {QStringLiteral("title"), checklist.title},
                              {QStringLiteral("digest"), digestOf(yaml)}};
    return recordSigned(admin, QStringLiteral("checklist.import"), details, [&](PgConnection& c) -> Error {
        if (Error error = c.execute(QStringLiteral("INSERT INTO onramp.checklists (id, title) VALUES ($1, $2) "
                                                   "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title"),
                                    {checklist.id, checklist.title}))
            return error;
        return c.execute(QStringLiteral("INSERT INTO onramp.checklist_versions (checklist_id, version, content, "
                                        "author) VALUES ($1, $2, $3, $4)"),
                         {checklist.id, out->version, yaml, admin.name});
    });
}

Error enroll(SignedIn& admin, const QString& hire, const QString& checklistId, const QString& mentor,
             const QDate& start)
{
    if (admin.role != QLatin1String("admin"))
        return {ErrorKind::NotPermitted, Tr::tr("only an admin can enroll a hire")};
    if (!start.isValid())
        return {ErrorKind::InvalidInput, Tr::tr("the start date is not a valid date (YYYY-MM-DD)")};
    PgConnection& connection = *admin.connection;
    Person hirePerson;
    if (Error error = personNamed(connection, hire, &hirePerson))
        return error;
    if (Error error = onboarding::checkHireToEnroll(hirePerson))
        return error;
    Person mentorPerson;
    if (Error error = personNamed(connection, mentor, &mentorPerson))
        return error;
    if (Error error = onboarding::checkMentorToEnroll(mentorPerson))
        return error;
    Error error;
    const QVariant latest =
        connection.scalar(QStringLiteral("SELECT max(version) FROM onramp.checklist_versions WHERE checklist_id = $1"),
                          {checklistId}, &error);
    if (error)
        return error;
    if (latest.isNull())
        return {ErrorKind::InvalidInput,
                Tr::tr("no checklist '%1' on the team server %2").arg(checklistId, connection.serverName())};
    const QVariant existing =
        connection.scalar(QStringLiteral("SELECT count(*) FROM onramp.enrollments WHERE hire = $1"), {hire}, &error);
    if (error)
        return error;
    if (existing.toLongLong() > 0)
        return {ErrorKind::InvalidInput,
                Tr::tr("'%1' is already enrolled; moving their enrollment changes its checklist version").arg(hire)};
    const int version = int(latest.toLongLong());
    const QString startText = start.toString(Qt::ISODate);
    const QJsonObject details{{QStringLiteral("name"), hire},
                              {QStringLiteral("checklist"), checklistId},
                              {QStringLiteral("version"), version},
                              {QStringLiteral("mentor"), mentor},
                              {QStringLiteral("start"), startText}};
    return recordSigned(admin, QStringLiteral("enrollment.create"), details, [&](PgConnection& c) {
        return c.execute(QStringLiteral("INSERT INTO onramp.enrollments (hire, mentor, checklist_id, version, "
                                        "start_date, author) VALUES ($1, $2, $3, $4, $5::date, $6)"),
                         {hire, mentor, checklistId, version, startText, admin.name});
    });
}

Error enrollmentStatus(SignedIn& reader, const QString& hireName, const QDateTime& now, EnrollmentStatus* out)
{
    PgConnection& connection = *reader.connection;
    const QString hire = hireName.isEmpty() ? reader.name : hireName;
    // Do not tell a hire whether someone else exists or is enrolled.
    if (reader.role == QLatin1String("hire") && hire != reader.name)
        return {ErrorKind::NotPermitted, Tr::tr("you can only see your own status")};
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT id, mentor, checklist_id, version, "
                                                        "to_char(start_date, 'YYYY-MM-DD') FROM onramp.enrollments "
                                                        "WHERE hire = $1"),
                                         {hire}, &rows))
        return error;
    if (rows.isEmpty()) {
        // Row-level security shows a mentor their mentees only.
        Error error;
        const QVariant known =
            connection.scalar(QStringLiteral("SELECT count(*) FROM onramp.people WHERE name = $1"), {hire}, &error);
        if (error)
            return error;
        if (reader.role == QLatin1String("mentor") && known.toLongLong() > 0)
            return {ErrorKind::NotPermitted,
                    Tr::tr("%1 can see only their own status, their mentees' or, as an admin, everyone's")
                        .arg(reader.name)};
        return {ErrorKind::InvalidInput, Tr::tr("'%1' is not enrolled on a checklist").arg(hire)};
    }
    const QVariantList row = rows.first();
    const QString mentor = row.at(1).toString();
    const QString checklistId = row.at(2).toString();
    const int version = int(row.at(3).toLongLong());
    const QString start = row.at(4).toString();

    // What the server shows counts only as its signed entries say.
    QList<ServerAuditEntry> entries;
    if (Error error = readCheckedLog(reader, &entries))
        return error;
    const ServerAuditEntry* made =
        newestNaming(entries, {QStringLiteral("enrollment.create")},
                     [&](const QJsonObject& d) { return d.value(QStringLiteral("name")).toString() == hire; });
    const auto vouchedFor = [&](const ServerAuditEntry* entry, const std::function<bool(const QJsonObject&)>& holds) {
        return entry != nullptr && entry->problem.isEmpty() && holds(QJsonDocument::fromJson(entry->content).object());
    };
    if (!vouchedFor(made, [&](const QJsonObject& d) {
            return d.value(QStringLiteral("mentor")).toString() == mentor
                && d.value(QStringLiteral("checklist")).toString() == checklistId
                && d.value(QStringLiteral("version")).toInt() == version
                && d.value(QStringLiteral("start")).toString() == start;
        }))
        return {
            ErrorKind::Damaged,
            Tr::tr("The team server %1 shows an enrollment of %2 that no signed entry of its audit log vouches for.")
                .arg(connection.serverName(), hire)};

    QList<QVariantList> versions;
    if (Error error = connection.execute(QStringLiteral("SELECT version, content FROM onramp.checklist_versions "
                                                        "WHERE checklist_id = $1 ORDER BY version"),
                                         {checklistId}, &versions))
        return error;
    QByteArray yaml;
    for (const QVariantList& v : std::as_const(versions))
        if (int(v.at(0).toLongLong()) == version)
            yaml = v.at(1).toByteArray();
    const ServerAuditEntry* imported = newestNaming(
        entries, {QStringLiteral("checklist.import"), QStringLiteral("checklist.save")}, [&](const QJsonObject& d) {
            return d.value(QStringLiteral("name")).toString() == checklistId
                && d.value(QStringLiteral("version")).toInt() == version;
        });
    if (yaml.isEmpty() || !vouchedFor(imported, [&](const QJsonObject& d) {
            return d.value(QStringLiteral("digest")).toString() == digestOf(yaml);
        }))
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 shows checklist %2 version %3 other than its signed "
                       "entry in the audit log says.")
                    .arg(connection.serverName(), checklistId)
                    .arg(version)};
    Checklist checklist;
    if (Error error = parseStored(connection.serverName(), checklistId, version, yaml, &checklist))
        return error;
    // The hire's step records, each as their signed step.done entry says.
    QList<QVariantList> records;
    if (Error error = connection.execute(
            QStringLiteral("SELECT step_id, to_char(done_at AT TIME ZONE 'UTC', "
                           "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), note, author FROM onramp.step_records "
                           "WHERE enrollment_id = $1 ORDER BY step_id"),
            {row.at(0)}, &records))
        return error;
    QHash<QString, onboarding::DoneStep> done;
    for (const QVariantList& record : std::as_const(records)) {
        const QString step = record.at(0).toString();
        const QString at = record.at(1).toString();
        const QString note = record.at(2).toString();
        const ServerAuditEntry* entry = nullptr;
        for (auto it = entries.crbegin(); it != entries.crend() && entry == nullptr; ++it) {
            const QJsonObject d = QJsonDocument::fromJson(it->content).object();
            if (it->action == QLatin1String("step.done") && it->actor == hire
                && d.value(QStringLiteral("enrollment")).toInteger() == row.at(0).toLongLong()
                && d.value(QStringLiteral("step")).toString() == step)
                entry = &*it;
        }
        if (record.at(3).toString() != hire || !vouchedFor(entry, [&](const QJsonObject& d) {
                return d.value(QStringLiteral("name")).toString() == hire
                    && d.value(QStringLiteral("done_at")).toString() == at
                    && d.value(QStringLiteral("note")).toString() == note;
            }))
            return {ErrorKind::Damaged,
                    Tr::tr("The team server %1 shows step %2 of %3 done, and no signed entry of "
                           "its audit log by %3 vouches for it.")
                        .arg(connection.serverName(), step, hire)};
        done.insert(step, {signatures::timeFromText(at), note});
    }
    Person hirePerson;
    Person mentorPerson;
    if (Error error = personNamed(connection, hire, &hirePerson))
        return error;
    if (Error error = personNamed(connection, mentor, &mentorPerson))
        return error;
    *out = onboarding::statusOfSteps(checklist, version, int(versions.last().at(0).toLongLong()), hirePerson,
                                     mentorPerson, QDate::fromString(start, Qt::ISODate), done, now);
    out->enrollmentId = row.at(0).toLongLong();
    return {};
}

Error markStepDone(SignedIn& me, const QString& hire, const QString& stepId, const QString& note, const QDateTime& now)
{
    if (me.name != hire)
        return {ErrorKind::NotPermitted, Tr::tr("only %1 can mark their own steps done").arg(hire)};
    EnrollmentStatus status;
    if (Error error = enrollmentStatus(me, hire, now, &status))
        return error;
    const StepView* view = nullptr;
    for (const StepView& v : std::as_const(status.steps))
        if (v.step.id == stepId)
            view = &v;
    if (view == nullptr) {
        QStringList ids;
        for (const StepView& v : std::as_const(status.steps))
            ids.append(v.step.id);
        return {ErrorKind::InvalidInput,
                Tr::tr("no step '%1' in checklist '%2' version %3 (steps: %4)")
                    .arg(stepId, status.checklistId)
                    .arg(status.checklistVersion)
                    .arg(ids.join(QStringLiteral(", ")))};
    }
    if (view->done)
        return {ErrorKind::InvalidInput, Tr::tr("“%1” is already done").arg(view->step.title)};
    if (!note.isEmpty())
        if (Error error = StepThread::checkBody(note))
            return error;
    const QString at = signatures::timeText(now);
    const QJsonObject details{{QStringLiteral("name"), hire},
                              {QStringLiteral("enrollment"), status.enrollmentId},
                              {QStringLiteral("checklist"), status.checklistId},
                              {QStringLiteral("version"), status.checklistVersion},
                              {QStringLiteral("step"), stepId},
                              {QStringLiteral("note"), note},
                              {QStringLiteral("done_at"), at}};
    return recordSigned(me, QStringLiteral("step.done"), details, [&](PgConnection& c) {
        return c.execute(QStringLiteral("INSERT INTO onramp.step_records (enrollment_id, step_id, done_at, note, "
                                        "author) VALUES ($1, $2, $3::timestamptz, $4, $5)"),
                         {status.enrollmentId, stepId, at, note, hire});
    });
}

} // namespace onramp::server
