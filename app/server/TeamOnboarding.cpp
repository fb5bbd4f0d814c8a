#include "TeamOnboarding.h"

#include "PgConnection.h"
#include "TeamAccess.h"
#include "TeamGrants.h"

#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "onboarding/OnboardingRules.h"
#include "onboarding/Signatures.h"
#include "onboarding/StepThread.h"
#include "people/Person.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace onramp::server {

namespace {

/// The SQL that reads \a column, a timestamptz, as the UTC text the signed
/// entries carry ("2026-12-03T10:09:00.000Z").
QString utcText(QLatin1StringView column)
{
    return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')").arg(column);
}

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
        if (!actions.contains(it->action) || it->setAside)
            continue;
        const QJsonObject details = QJsonDocument::fromJson(it->content).object();
        if (names(details))
            return &*it;
    }
    return nullptr;
}

/// Checklist \a id version \a version as the server stores it (\a yaml),
/// vouched for by its newest checklist.import or checklist.save entry in
/// \a entries that holds and names the SHA-256 of that YAML, parsed into
/// *out; Damaged naming the server otherwise.
Error vouchedVersion(const QString& serverName, const QList<ServerAuditEntry>& entries, const QString& id, int version,
                     const QByteArray& yaml, Checklist* out)
{
    const ServerAuditEntry* imported = newestNaming(
        entries, {QStringLiteral("checklist.import"), QStringLiteral("checklist.save")}, [&](const QJsonObject& d) {
            return d.value(QStringLiteral("name")).toString() == id
                && d.value(QStringLiteral("version")).toInt() == version;
        });
    if (yaml.isEmpty() || imported == nullptr || !imported->problem.isEmpty()
        || QJsonDocument::fromJson(imported->content).object().value(QStringLiteral("digest")).toString()
            != digestOf(yaml))
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 shows checklist %2 version %3 other than its signed "
                       "entry in the audit log says.")
                    .arg(serverName, id)
                    .arg(version)};
    return parseStored(serverName, id, version, yaml, out);
}

/// The step \a stepId of \a status (*out); InvalidInput naming the
/// checklist version's steps when it has none of that id.
Error stepOf(const EnrollmentStatus& status, const QString& stepId, const StepView** out)
{
    for (const StepView& v : std::as_const(status.steps))
        if (v.step.id == stepId) {
            *out = &v;
            return {};
        }
    QStringList ids;
    for (const StepView& v : std::as_const(status.steps))
        ids.append(v.step.id);
    return {ErrorKind::InvalidInput,
            Tr::tr("no step '%1' in checklist '%2' version %3 (steps: %4)")
                .arg(stepId, status.checklistId)
                .arg(status.checklistVersion)
                .arg(ids.join(QStringLiteral(", ")))};
}

} // namespace

Error importChecklist(SignedIn& admin, const Checklist& checklist, ImportOutcome* out, WeakerVersion weaker,
                      const std::function<QString(const QString& credentialId)>& locate)
{
    if (admin.role != QLatin1String("admin"))
        return {ErrorKind::NotPermitted, Tr::tr("only an admin can import checklists")};
    PgConnection& connection = *admin.connection;
    const QByteArray yaml = toYaml(checklist);
    // Every version of every checklist: the rules below are a folder vault's.
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT checklist_id, version, content "
                                                        "FROM onramp.checklist_versions "
                                                        "ORDER BY checklist_id, version"),
                                         {}, &rows))
        return error;
    QList<StoredChecklist> stored;
    QList<Checklist> others;
    const StoredChecklist* latest = nullptr;
    QByteArray latestYaml;
    for (const QVariantList& row : std::as_const(rows)) {
        StoredChecklist version;
        version.version = int(row.at(1).toLongLong());
        if (Error error = parseStored(connection.serverName(), row.at(0).toString(), version.version,
                                      row.at(2).toByteArray(), &version.checklist))
            return error;
        stored.append(std::move(version));
    }
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const bool newest = i + 1 == stored.size() || rows.at(i + 1).at(0) != rows.at(i).at(0);
        if (!newest)
            continue;
        if (rows.at(i).at(0).toString() == checklist.id) {
            latest = &stored.at(i);
            latestYaml = rows.at(i).at(2).toByteArray();
        } else {
            others.append(stored.at(i).checklist);
        }
    }
    // One credential id means one credential, here as in a folder vault; and
    // a file anyone can write must not turn a production credential into a
    // sandbox one, nor drop the hosts that guard it: the stored versions decide.
    if (Error error = onboarding::checkCredentialEnvironments(checklist, others))
        return error;
    if (Error error = onboarding::checkAgainstEarlier(checklist, stored, locate))
        return error;
    // The wall at the source, by the folder vault's rule: no sandbox login
    // where a production credential signs in, over every stored version.
    if (Error error = ChecklistStore::checkSourceWall(checklist, stored, locate))
        return error;
    out->id = checklist.id;
    if (latest != nullptr && latestYaml == yaml) {
        out->version = latest->version;
        out->unchanged = true;
        return {};
    }
    out->version = latest != nullptr ? latest->version + 1 : 1;
    out->unchanged = false;
    out->weakens.clear();
    if (latest != nullptr)
        out->weakens = ChecklistStore::weakenings(latest->checklist, checklist);
    if (weaker == WeakerVersion::Refuse && !out->weakens.isEmpty())
        return onboarding::weakerRefusal(checklist.id, latest->version, out->weakens);
    QJsonObject details{{QStringLiteral("name"), checklist.id},
                        {QStringLiteral("version"), out->version},
                        {QStringLiteral("title"), checklist.title},
                        {QStringLiteral("digest"), digestOf(yaml)}};
    if (!out->weakens.isEmpty())
        details.insert(QStringLiteral("weakens"), QJsonArray::fromStringList(out->weakens));
    return recordSigned(admin, QStringLiteral("checklist.import"), details, [&](PgConnection& c) -> Error {
        if (Error error = c.execute(QStringLiteral("INSERT INTO onramp.checklists (id, title) VALUES ($1, $2) "
                                                   "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title"),
                                    {checklist.id, checklist.title}))
            return error;
        // The steps the server's own gate (onramp.gate_open) holds a grant
        // to: every client's gate reads them from the signed content.
        QJsonArray required;
        for (const Step& step : checklist.steps)
            if (step.required)
                required.append(step.id);
        return c.execute(QStringLiteral("INSERT INTO onramp.checklist_versions (checklist_id, version, content, "
                                        "required_steps, author) VALUES ($1, $2, $3, "
                                        "ARRAY(SELECT jsonb_array_elements_text($4::jsonb)), $5)"),
                         {checklist.id, out->version, yaml,
                          QString::fromUtf8(QJsonDocument(required).toJson(QJsonDocument::Compact)), admin.name});
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

Error moveEnrollment(SignedIn& admin, const QString& hire, const QString& checklistId, int version,
                     WeakerVersion weaker, const QDateTime& now, MoveOutcome* out)
{
    *out = MoveOutcome();
    if (admin.role != QLatin1String("admin"))
        return {ErrorKind::NotPermitted, Tr::tr("only an admin can move an enrollment to another checklist")};
    PgConnection& connection = *admin.connection;
    // Where the hire stands, each row checked against its signed entry.
    EnrollmentStatus status;
    CheckedEnrollment current;
    if (Error error = enrollmentStatus(admin, hire, now, &status, &current))
        return error;
    const QString slug = checklistId.isEmpty() ? status.checklistId : checklistId;
    QList<QVariantList> versions;
    if (Error error = connection.execute(QStringLiteral("SELECT version, content FROM onramp.checklist_versions "
                                                        "WHERE checklist_id = $1 ORDER BY version"),
                                         {slug}, &versions))
        return error;
    if (versions.isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("no checklist '%1' on the team server %2").arg(slug, connection.serverName())};
    const QVariantList* target = version == 0 ? &versions.last() : nullptr;
    for (const QVariantList& v : std::as_const(versions))
        if (int(v.at(0).toLongLong()) == version)
            target = &v;
    if (target == nullptr)
        return {ErrorKind::InvalidInput,
                Tr::tr("checklist '%1' has no version %2 (latest: %3)")
                    .arg(slug)
                    .arg(version)
                    .arg(versions.last().at(0).toLongLong())};
    const int targetVersion = int(target->at(0).toLongLong());
    const QByteArray yaml = target->at(1).toByteArray();
    if (slug == status.checklistId && targetVersion == status.checklistVersion)
        return {ErrorKind::InvalidInput,
                Tr::tr("'%1' is already on %2 version %3; nothing to move").arg(hire, slug).arg(targetVersion)};
    // The version moved to, as its signed entry says.
    Checklist next;
    if (Error error = vouchedVersion(connection.serverName(), current.entries, slug, targetVersion, yaml, &next))
        return error;
    out->fromChecklist = status.checklistId;
    out->fromChecklistTitle = current.checklist.title;
    out->fromVersion = status.checklistVersion;
    out->checklist = slug;
    out->checklistTitle = next.title;
    out->version = targetVersion;
    out->weakens = ChecklistStore::weakenings(current.checklist, next);
    if (weaker == WeakerVersion::Refuse && !out->weakens.isEmpty())
        return {ErrorKind::InvalidInput,
                Tr::tr("%1 version %2 weakens the gate of %3 version %4, which '%5' is on: %6; nothing was moved")
                    .arg(slug)
                    .arg(targetVersion)
                    .arg(status.checklistId)
                    .arg(status.checklistVersion)
                    .arg(hire, out->weakens.join(QStringLiteral("; ")))};
    // Reviews and sign-offs numbered up to here count for nothing after the
    // move; the server takes the marks only when they are the newest.
    QList<QVariantList> marks;
    if (Error error = connection.execute(
            QStringLiteral("SELECT (SELECT coalesce(max(id), 0) FROM onramp.reviews WHERE enrollment_id = $1), "
                           "(SELECT coalesce(max(id), 0) FROM onramp.signoffs WHERE enrollment_id = $1)"),
            {status.enrollmentId}, &marks))
        return error;
    const qint64 reviewsBefore = marks.value(0).value(0).toLongLong();
    const qint64 signoffsBefore = marks.value(0).value(1).toLongLong();
    const QString at = signatures::timeText(now);
    QJsonObject details{{QStringLiteral("name"), hire},
                        {QStringLiteral("enrollment"), status.enrollmentId},
                        {QStringLiteral("mentor"), status.mentor.name},
                        {QStringLiteral("checklist"), slug},
                        {QStringLiteral("version"), targetVersion},
                        {QStringLiteral("from_checklist"), status.checklistId},
                        {QStringLiteral("from_version"), status.checklistVersion},
                        {QStringLiteral("start"), status.start.toString(Qt::ISODate)},
                        {QStringLiteral("reviews_before"), reviewsBefore},
                        {QStringLiteral("signoffs_before"), signoffsBefore},
                        {QStringLiteral("at"), at}};
    if (!out->weakens.isEmpty()) {
        details.insert(QStringLiteral("weakens"), QJsonArray::fromStringList(out->weakens));
        details.insert(QStringLiteral("accepted_weaker"), true);
    }
    // Production access was signed off for the old version: its live grants
    // end here, as revoked, so that nothing sealed for it stays readable.
    return recordSigned(admin, QStringLiteral("enrollment.move"), details, [&](PgConnection& c) -> Error {
        if (Error e = c.execute(QStringLiteral("UPDATE onramp.grants SET ended_at = $2::timestamptz, ended_by = $3, "
                                               "ended_how = 'revoked' WHERE enrollment_id = $1 AND ended_at IS NULL"),
                                {status.enrollmentId, at, admin.name}))
            return e;
        return c.execute(QStringLiteral("UPDATE onramp.enrollments SET checklist_id = $2, version = $3, author = $4, "
                                        "reviews_before = $5, signoffs_before = $6 WHERE id = $1"),
                         {status.enrollmentId, slug, targetVersion, admin.name, reviewsBefore, signoffsBefore});
    });
}

Error enrollmentStatus(SignedIn& reader, const QString& hireName, const QDateTime& now, EnrollmentStatus* out)
{
    return enrollmentStatus(reader, hireName, now, out, nullptr);
}

Error enrollmentStatus(SignedIn& reader, const QString& hireName, const QDateTime& now, EnrollmentStatus* out,
                       CheckedEnrollment* checked, UnvouchedHire unvouchedHire)
{
    PgConnection& connection = *reader.connection;
    const QString hire = hireName.isEmpty() ? reader.name : hireName;
    // Do not tell a hire whether someone else exists or is enrolled.
    if (reader.role == QLatin1String("hire") && hire != reader.name)
        return {ErrorKind::NotPermitted, Tr::tr("you can only see your own status")};
    // Every read below from one snapshot: a row and the signed entry that
    // vouches for it commit together, so a desk reading while another commits
    // sees both or neither, never a row without its entry.
    std::optional<PgConnection::Transaction> snapshot;
    if (!connection.inTransaction()) {
        snapshot.emplace(connection, PgConnection::Transaction::Isolation::Snapshot);
        if (snapshot->beginError())
            return snapshot->beginError();
    }
    QList<QVariantList> rows;
    if (Error error = connection.execute(QStringLiteral("SELECT id, mentor, checklist_id, version, "
                                                        "to_char(start_date, 'YYYY-MM-DD'), reviews_before, "
                                                        "signoffs_before FROM onramp.enrollments WHERE hire = $1"),
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
    Unvouched unvouched;
    if (Error error = readCheckedLog(reader, &entries, &unvouched))
        return error;
    // A hire the server lets sign in with a key the log did not give them:
    // nothing of theirs is shown, and nothing is sealed to that key; what
    // they hold may still be ended.
    if (const auto shown = unvouched.constFind(hire);
        shown != unvouched.cend() && unvouchedHire == UnvouchedHire::Refused)
        return unvouchedError(connection.serverName(), hire, *shown);
    const qint64 enrollmentId = row.at(0).toLongLong();
    const qint64 reviewsBefore = row.at(5).toLongLong();
    const qint64 signoffsBefore = row.at(6).toLongLong();
    // The enrollment as its newest entry made it (enrollment.create) or
    // moved it (enrollment.move, naming the last review and sign-off before it).
    const ServerAuditEntry* made =
        newestNaming(entries, {QStringLiteral("enrollment.create"), QStringLiteral("enrollment.move")},
                     [&](const QJsonObject& d) { return d.value(QStringLiteral("name")).toString() == hire; });
    const auto vouchedFor = [&](const ServerAuditEntry* entry, const std::function<bool(const QJsonObject&)>& holds) {
        return entry != nullptr && entry->problem.isEmpty() && holds(QJsonDocument::fromJson(entry->content).object());
    };
    const bool moved = made != nullptr && made->action == QLatin1String("enrollment.move");
    const qint64 movedAtSeq = moved ? made->seq : 0;
    if (!vouchedFor(made, [&](const QJsonObject& d) {
            return d.value(QStringLiteral("mentor")).toString() == mentor
                && d.value(QStringLiteral("checklist")).toString() == checklistId
                && d.value(QStringLiteral("version")).toInt() == version
                && d.value(QStringLiteral("start")).toString() == start
                && (moved ? d.value(QStringLiteral("enrollment")).toInteger() == enrollmentId
                            && d.value(QStringLiteral("reviews_before")).toInteger() == reviewsBefore
                            && d.value(QStringLiteral("signoffs_before")).toInteger() == signoffsBefore
                          : reviewsBefore == 0 && signoffsBefore == 0);
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
    Checklist checklist;
    if (Error error = vouchedVersion(connection.serverName(), entries, checklistId, version, yaml, &checklist))
        return error;
    // The hire's step records, each as their signed step.done entry says.
    QList<QVariantList> records;
    if (Error error = connection.execute(QStringLiteral("SELECT step_id, %1, note, author FROM onramp.step_records "
                                                        "WHERE enrollment_id = $1 ORDER BY step_id")
                                             .arg(utcText(QLatin1StringView("done_at"))),
                                         {enrollmentId}, &records))
        return error;
    QHash<QString, onboarding::DoneStep> done;
    QHash<QString, qint64> doneEntry; // each record's step.done entry, by step
    for (const QVariantList& record : std::as_const(records)) {
        const QString step = record.at(0).toString();
        const QString at = record.at(1).toString();
        const QString note = record.at(2).toString();
        const auto namesRecord = [&](const QJsonObject& d) {
            return d.value(QStringLiteral("name")).toString() == hire
                && d.value(QStringLiteral("done_at")).toString() == at
                && d.value(QStringLiteral("note")).toString() == note;
        };
        // The newest step.done of this step, unless the mentor sent it back
        // since. An entry set aside says nothing; a record only it names is
        // not done.
        const ServerAuditEntry* entry = nullptr;
        bool setAside = false;
        for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
            const QJsonObject d = QJsonDocument::fromJson(it->content).object();
            if (d.value(QStringLiteral("enrollment")).toInteger() != enrollmentId
                || d.value(QStringLiteral("step")).toString() != step)
                continue;
            if (it->setAside) {
                if (it->action == QLatin1String("step.done") && it->actor == hire && namesRecord(d)) {
                    setAside = true;
                    break;
                }
                continue;
            }
            // Sent back by the mentor, or undone by the hire since: the
            // record must be gone. Another mentor's rejection, signed or
            // not, is not theirs to make and sends nothing back.
            if ((it->action == QLatin1String("step.reject") && it->actor == mentor)
                || (it->action == QLatin1String("step.undo") && it->actor == hire))
                break;
            if (it->action == QLatin1String("step.done") && it->actor == hire) {
                entry = &*it;
                break;
            }
        }
        if (setAside && record.at(3).toString() == hire)
            continue;
        if (record.at(3).toString() != hire || !vouchedFor(entry, namesRecord))
            return {ErrorKind::Damaged,
                    Tr::tr("The team server %1 shows step %2 of %3 done, and no signed entry of "
                           "its audit log by %3 vouches for it.")
                        .arg(connection.serverName(), step, hire)};
        done.insert(step, {signatures::timeFromText(at), note});
        doneEntry.insert(step, entry->seq);
    }
    Person hirePerson;
    Person mentorPerson;
    if (Error error = personNamed(connection, hire, &hirePerson))
        return error;
    if (Error error = personNamed(connection, mentor, &mentorPerson))
        return error;
    // Every name status shows is the one its person's signed entry gives.
    for (const Person* person : {&hirePerson, &mentorPerson})
        if (Error error = checkShownName(connection.serverName(), person->name, person->displayName,
                                         signedFullName(entries, person->name)))
            return error;
    QHash<QString, QString> shownNames{{hire, hirePerson.displayName}, {mentor, mentorPerson.displayName}};
    Error nameError;
    const auto shownName = [&](const QString& name) -> QString {
        const auto known = shownNames.constFind(name);
        if (known != shownNames.cend())
            return *known;
        Person person;
        const QString shown = personNamed(connection, name, &person) ? QString() : person.displayName;
        if (!nameError)
            nameError = checkShownName(connection.serverName(), name, shown, signedFullName(entries, name));
        shownNames.insert(name, shown);
        return shown;
    };
    // The newest entry of \a action by \a actor naming this enrollment and
    // what \a holds says, or nullptr; then *setAside says whether a set-aside
    // entry names it: a row only such an entry vouches for is read as absent
    // (it says nothing, and nothing it says decides anything).
    const auto entryFor = [&](const QString& action, const QString& actor,
                              const std::function<bool(const QJsonObject&)>& holds,
                              bool* setAside) -> const ServerAuditEntry* {
        *setAside = false;
        for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
            if (it->action != action || it->actor != actor || (!it->problem.isEmpty() && !it->setAside))
                continue;
            const QJsonObject d = QJsonDocument::fromJson(it->content).object();
            if (d.value(QStringLiteral("name")).toString() != hire
                || d.value(QStringLiteral("enrollment")).toInteger() != enrollmentId || !holds(d))
                continue;
            if (!it->setAside)
                return &*it;
            *setAside = true;
        }
        return nullptr;
    };

    // The mentor's reviews, each as its signed entry says; one given before
    // the latest move (at or below the move's mark, or entered before it)
    // decides nothing now.
    QList<QVariantList> reviewRows;
    if (Error error = connection.execute(
            QStringLiteral("SELECT id, step_id, verdict, note, author, %1, version FROM onramp.reviews "
                           "WHERE enrollment_id = $1 ORDER BY id")
                .arg(utcText(QLatin1StringView("created_at"))),
            {enrollmentId}, &reviewRows))
        return error;
    QList<onboarding::ReviewRecord> reviews;
    for (const QVariantList& r : std::as_const(reviewRows)) {
        onboarding::ReviewRecord review;
        review.stepId = r.at(1).toString();
        review.approved = r.at(2).toString() == QLatin1String("approved");
        review.rejected = r.at(2).toString() == QLatin1String("changes");
        review.comment = r.at(3).toString();
        review.reviewer = r.at(4).toString();
        const QString at = r.at(5).toString();
        review.at = signatures::timeFromText(at);
        review.version = r.at(6).isNull() ? 0 : int(r.at(6).toLongLong());
        bool setAside = false;
        QString reviewedChecklist;
        const ServerAuditEntry* entry = entryFor(
            review.approved ? QStringLiteral("step.approve") : QStringLiteral("step.reject"), review.reviewer,
            [&](const QJsonObject& d) {
                const bool holds = d.value(QStringLiteral("step")).toString() == review.stepId
                    && d.value(QStringLiteral("version")).toInt() == review.version
                    && d.value(QStringLiteral("comment")).toString() == review.comment
                    && d.value(QStringLiteral("at")).toString() == at;
                if (holds)
                    reviewedChecklist = d.value(QStringLiteral("checklist")).toString();
                return holds;
            },
            &setAside);
        if (entry == nullptr && setAside)
            continue;
        if (entry == nullptr || (!review.approved && !review.rejected))
            return {ErrorKind::Damaged,
                    Tr::tr("The team server %1 shows a review of step %2 of %3 that no signed entry of its audit "
                           "log vouches for.")
                        .arg(connection.serverName(), review.stepId, hire)};
        review.reviewerDisplayName = shownName(review.reviewer);
        // A review of the step of the same id on another checklist, before a
        // move to this one, decides nothing here (a folder vault drops those).
        review.valid = review.reviewer == mentor && (reviewedChecklist.isEmpty() || reviewedChecklist == checklistId);
        review.beforeMove = r.at(0).toLongLong() <= reviewsBefore || entry->seq < movedAtSeq;
        // The server lets the hire write their record again with a signed
        // step.done: an approval the log gave before that approved another.
        review.beforeRecord = entry->seq < doneEntry.value(review.stepId, 0);
        reviews.append(review);
    }

    // The sign-off, as its signed entry says: over the exact checklist
    // version it approves (the SHA-256 of its stored content).
    QList<QVariantList> signoffRows;
    if (Error error = connection.execute(QStringLiteral("SELECT id, version, author, %1 FROM onramp.signoffs "
                                                        "WHERE enrollment_id = $1 ORDER BY id")
                                             .arg(utcText(QLatin1StringView("created_at"))),
                                         {enrollmentId}, &signoffRows))
        return error;
    // The content of each version a sign-off names: the enrollment's
    // checklist's as read above, another's (one before a move to another
    // checklist) read when named.
    QHash<QString, QByteArray> contents;
    for (const QVariantList& v : std::as_const(versions))
        contents.insert(checklistId + QLatin1Char('\n') + v.at(0).toString(), v.at(1).toByteArray());
    Error contentError;
    const auto contentOf = [&](const QString& checklistName, int checklistVersion) -> QByteArray {
        const QString key = checklistName + QLatin1Char('\n') + QString::number(checklistVersion);
        const auto known = contents.constFind(key);
        if (known != contents.cend())
            return *known;
        QList<QVariantList> found;
        if (Error error = connection.execute(QStringLiteral("SELECT content FROM onramp.checklist_versions "
                                                            "WHERE checklist_id = $1 AND version = $2"),
                                             {checklistName, checklistVersion}, &found);
            error && !contentError)
            contentError = error;
        return contents.insert(key, found.isEmpty() ? QByteArray() : found.first().first().toByteArray()).value();
    };
    std::optional<onboarding::SignoffRecord> signoff;
    for (const QVariantList& s : std::as_const(signoffRows)) {
        onboarding::SignoffRecord record;
        record.version = int(s.at(1).toLongLong());
        record.by = s.at(2).toString();
        const QString at = s.at(3).toString();
        record.at = signatures::timeFromText(at);
        QString signedChecklist;
        bool setAside = false;
        const ServerAuditEntry* entry = entryFor(
            QStringLiteral("signoff"), record.by,
            [&](const QJsonObject& d) {
                const QString named = d.value(QStringLiteral("checklist")).toString();
                const QByteArray signedYaml = contentOf(named, record.version);
                signedChecklist = named;
                return !signedYaml.isEmpty() && d.value(QStringLiteral("version")).toInt() == record.version
                    && d.value(QStringLiteral("checklist_digest")).toString() == digestOf(signedYaml)
                    && d.value(QStringLiteral("at")).toString() == at;
            },
            &setAside);
        if (contentError)
            return contentError;
        if (entry == nullptr && setAside)
            continue;
        if (entry == nullptr)
            return {ErrorKind::Damaged,
                    Tr::tr("The team server %1 shows a sign-off of %2 that no signed entry of its audit log "
                           "vouches for.")
                        .arg(connection.serverName(), hire)};
        record.byDisplayName = shownName(record.by);
        record.beforeMove = s.at(0).toLongLong() <= signoffsBefore || entry->seq < movedAtSeq;
        // One of another checklist counts only from before a move to this one.
        record.valid = record.by == mentor && (signedChecklist == checklistId || record.beforeMove);
        signoff = record;
    }

    *out = onboarding::statusOf(checklist, version, int(versions.last().at(0).toLongLong()), hirePerson, mentorPerson,
                                QDate::fromString(start, Qt::ISODate), done, reviews, signoff, now);
    out->enrollmentId = enrollmentId;
    // Production access given and taken back: the grants, each as its signed entry says.
    if (Error error = readProduction(connection, entries, hire, shownName, out, checked ? &checked->grants : nullptr))
        return error;
    if (checked != nullptr) {
        checked->checklist = checklist;
        checked->entries = entries;
    }
    if (nameError)
        return nameError;
    if (moved) {
        const QJsonObject d = QJsonDocument::fromJson(made->content).object();
        out->movedAt = QDateTime::fromString(made->at, Qt::ISODateWithMs);
        out->movedBy = made->actor;
        out->movedByDisplayName = shownName(made->actor);
        out->movedFromVersion = d.value(QStringLiteral("from_version")).toInt();
        out->movedFromChecklist = d.value(QStringLiteral("from_checklist")).toString();
        // What the move changed in a step kept: the version it left, as stored.
        if (out->movedFromVersion > 0 && out->movedFromVersion != version
            && (out->movedFromChecklist.isEmpty() || out->movedFromChecklist == checklistId)) {
            for (const QVariantList& v : std::as_const(versions)) {
                Checklist left;
                if (v.at(0).toLongLong() == out->movedFromVersion
                    && !parseStored(connection.serverName(), checklistId, out->movedFromVersion, v.at(1).toByteArray(),
                                    &left))
                    onboarding::markChangedSteps(out, left, out->movedFromVersion);
            }
        }
    }
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
    if (Error error = stepOf(status, stepId, &view))
        return error;
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
        return c.execute(QStringLiteral("SELECT onramp.record_step($1, $2, $3::timestamptz, $4)"),
                         {status.enrollmentId, stepId, at, note});
    });
}

Error undoStep(SignedIn& me, const QString& hire, const QString& stepId, const QDateTime& now)
{
    if (me.name != hire)
        return {ErrorKind::NotPermitted, Tr::tr("only %1 can undo their own steps").arg(hire)};
    EnrollmentStatus status;
    if (Error error = enrollmentStatus(me, hire, now, &status))
        return error;
    const StepView* view = nullptr;
    if (Error error = stepOf(status, stepId, &view))
        return error;
    if (!view->done)
        return {ErrorKind::InvalidInput, Tr::tr("“%1” is not done, so there is nothing to undo").arg(view->step.title)};
    if (view->approved)
        return {ErrorKind::NotPermitted,
                Tr::tr("“%1” is approved by %2 and can no longer be undone; ask your mentor to reopen it")
                    .arg(view->step.title,
                         view->reviewerDisplayName.isEmpty() ? view->reviewer : view->reviewerDisplayName)};
    // As on a folder vault; the server holds it too (schema 13).
    if (status.signedOffAt.isValid())
        return {ErrorKind::NotPermitted, status.undoRefusedAfterSignoff(*view)};
    const QJsonObject details{{QStringLiteral("name"), hire},
                              {QStringLiteral("enrollment"), status.enrollmentId},
                              {QStringLiteral("checklist"), status.checklistId},
                              {QStringLiteral("version"), status.checklistVersion},
                              {QStringLiteral("step"), stepId},
                              {QStringLiteral("at"), signatures::timeText(now)}};
    return recordSigned(me, QStringLiteral("step.undo"), details, [&](PgConnection& c) {
        return c.execute(QStringLiteral("SELECT onramp.undo_step($1, $2)"), {status.enrollmentId, stepId});
    });
}

namespace {

/// What `step approve`, `step reject` and `signoff` share: \a hire's status
/// as the signed-in \a me sees it, refused (NotPermitted) unless \a me is
/// the enrollment's mentor (and, with \a mentorRoleNow, holds the mentor
/// role): \a selfMessage for the hire themselves; for anyone else \a
/// notMentorMessage (the hire, then their mentor) when \a me may see the
/// enrollment, \a notYoursMessage (the hire) when row-level security hides it.
Error statusAsMentorOf(SignedIn& me, const QString& hire, const QDateTime& now, const QString& selfMessage,
                       const QString& notMentorMessage, const QString& notYoursMessage, bool mentorRoleNow,
                       EnrollmentStatus* status)
{
    if (me.name == hire)
        return {ErrorKind::NotPermitted, selfMessage};
    if (me.role == QLatin1String("hire"))
        return {ErrorKind::NotPermitted, notYoursMessage.arg(hire)};
    if (Error error = enrollmentStatus(me, hire, now, status)) {
        if (error.kind == ErrorKind::NotPermitted)
            return {ErrorKind::NotPermitted, notYoursMessage.arg(hire)};
        return error;
    }
    if (me.name != status->mentor.name || (mentorRoleNow && me.role != QLatin1String("mentor")))
        return {ErrorKind::NotPermitted, notMentorMessage.arg(hire, status->mentor.name)};
    return {};
}

} // namespace

Error reviewStep(SignedIn& me, const QString& hire, const QString& stepId, bool approve, const QString& comment,
                 const QDateTime& now)
{
    EnrollmentStatus status;
    if (Error error = statusAsMentorOf(me, hire, now, Tr::tr("you cannot review your own steps"),
                                       Tr::tr("only %1's mentor, %2, can review their steps"),
                                       Tr::tr("only %1's mentor can review their steps"), false, &status))
        return error;
    const StepView* view = nullptr;
    if (Error error = stepOf(status, stepId, &view))
        return error;
    if (!view->step.signoff)
        return {ErrorKind::InvalidInput, Tr::tr("“%1” needs no mentor approval").arg(view->step.title)};
    if (!view->done)
        return {ErrorKind::InvalidInput,
                Tr::tr("“%1” is not done yet; it can be reviewed once %2 marks it done")
                    .arg(view->step.title, status.hire.shownName())};
    const QString at = signatures::timeText(now);
    const QJsonObject details{{QStringLiteral("name"), hire},
                              {QStringLiteral("enrollment"), status.enrollmentId},
                              {QStringLiteral("checklist"), status.checklistId},
                              {QStringLiteral("version"), status.checklistVersion},
                              {QStringLiteral("step"), stepId},
                              {QStringLiteral("comment"), comment},
                              {QStringLiteral("at"), at}};
    return recordSigned(me, approve ? QStringLiteral("step.approve") : QStringLiteral("step.reject"), details,
                        [&](PgConnection& c) -> Error {
                            // A rejection sends the step back: its record goes, as in a folder vault.
                            if (!approve)
                                if (Error error = c.execute(QStringLiteral("DELETE FROM onramp.step_records WHERE "
                                                                           "enrollment_id = $1 AND step_id = $2"),
                                                            {status.enrollmentId, stepId}))
                                    return error;
                            return c.execute(QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, "
                                                            "verdict, note, author, created_at, version) VALUES "
                                                            "($1, $2, $3, $4, $5, $6::timestamptz, $7)"),
                                             {status.enrollmentId, stepId,
                                              approve ? QStringLiteral("approved") : QStringLiteral("changes"), comment,
                                              me.name, at, status.checklistVersion});
                        });
}

Error signOff(SignedIn& me, const QString& hire, const QDateTime& now)
{
    EnrollmentStatus status;
    if (Error error = statusAsMentorOf(me, hire, now, Tr::tr("nobody can sign off their own production access"),
                                       Tr::tr("only %1's mentor, %2, can sign off production access"),
                                       Tr::tr("only %1's mentor can sign off production access"), true, &status))
        return error;
    if (const QStringList open = status.beforeSignoff(); !open.isEmpty())
        return {ErrorKind::NotPermitted, Tr::tr("cannot sign off yet: %1").arg(open.join(QStringLiteral("; ")))};
    if (status.decision.allowed)
        return {ErrorKind::InvalidInput, Tr::tr("%1's production access is already signed off").arg(hire)};
    PgConnection& connection = *me.connection;
    // The sign-off binds the exact checklist version it approves, and
    // follows the enrollment's latest move (one sign-off per version and move).
    QList<QVariantList> rows;
    if (Error error = connection.execute(
            QStringLiteral("SELECT v.content, e.signoffs_before FROM onramp.enrollments e JOIN "
                           "onramp.checklist_versions v ON v.checklist_id = e.checklist_id AND v.version = e.version "
                           "WHERE e.id = $1"),
            {status.enrollmentId}, &rows))
        return error;
    if (rows.isEmpty())
        return {ErrorKind::Damaged,
                Tr::tr("The team server %1 no longer shows the enrollment of %2.").arg(connection.serverName(), hire)};
    // The sign-off releases the version's production grants, each sealed to
    // the hire and named in its entry.
    Checklist checklist;
    if (Error error = parseStored(connection.serverName(), status.checklistId, status.checklistVersion,
                                  rows.first().at(0).toByteArray(), &checklist))
        return error;
    QList<NewGrant> grants;
    if (Error error = prepareGrants(me, checklist, status.hire.signPublicKey, now, {}, &grants))
        return error;
    const QString at = signatures::timeText(now);
    const QJsonObject details{{QStringLiteral("name"), hire},
                              {QStringLiteral("enrollment"), status.enrollmentId},
                              {QStringLiteral("checklist"), status.checklistId},
                              {QStringLiteral("version"), status.checklistVersion},
                              {QStringLiteral("checklist_digest"), digestOf(rows.first().at(0).toByteArray())},
                              {QStringLiteral("at"), at},
                              {QStringLiteral("grants"), describeGrants(grants)}};
    bool taken = false;
    Error error = recordSigned(me, QStringLiteral("signoff"), details, [&](PgConnection& c) -> Error {
        const Error inserted =
            c.execute(QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author, created_at, "
                                     "after_move) VALUES ($1, $2, $3, $4::timestamptz, $5)"),
                      {status.enrollmentId, status.checklistVersion, me.name, at, rows.first().at(1)});
        if (inserted.kind == ErrorKind::InvalidInput) {
            taken = true;
            return inserted;
        }
        if (inserted)
            return inserted;
        const Error granted = insertGrants(c, status.enrollmentId, me.name, grants);
        taken = granted.kind == ErrorKind::InvalidInput;
        return granted;
    });
    if (!taken)
        return error;
    // Of two desks racing, the one whose row the server took first wins.
    // Otherwise a row that counts for nothing holds the place: a sign-off
    // or a live grant that only a set-aside entry vouches for.
    EnrollmentStatus after;
    if (Error reread = enrollmentStatus(me, hire, now, &after))
        return reread;
    if (after.decision.allowed)
        return {ErrorKind::InvalidInput, Tr::tr("%1's production access is already signed off").arg(hire)};
    // Refused for another reason (the enrollment moved meanwhile, say): as the server said.
    Error held;
    const QVariant holders = connection.scalar(
        QStringLiteral("SELECT (SELECT count(*) FROM onramp.signoffs WHERE enrollment_id = $1 AND version = $2 "
                       "AND after_move = $3) + (SELECT count(*) FROM onramp.grants WHERE enrollment_id = $1 "
                       "AND ended_at IS NULL)"),
        {status.enrollmentId, status.checklistVersion, rows.first().at(1)}, &held);
    if (held)
        return held;
    if (holders.toLongLong() == 0)
        return error;
    return {ErrorKind::Damaged,
            Tr::tr("The team server %1 holds a sign-off or a production grant of %2 in this one's place that no "
                   "signed entry vouches for: its entry is set aside ('onramp audit verify' names it). An admin's "
                   "'onramp enrollment move %2' to another checklist version frees the place.")
                .arg(me.connection->serverName(), hire)};
}

} // namespace onramp::server
