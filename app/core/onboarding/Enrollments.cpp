#include "Enrollments.h"

#include "ChecklistStore.h"
#include "OnboardingRules.h"
#include "Signatures.h"
#include "StepThread.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "audit/Records.h"
#include "audit/SignerKeys.h"
#include "credentials/Credentials.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>
#include <memory>

namespace onramp {

namespace {

const QString kApproved = QStringLiteral("approved");
const QString kRejected = QStringLiteral("rejected");
const QString kProductionAccess = QStringLiteral("production-access");

} // namespace

struct Enrollments::Row {
    qint64 id = 0;
    Person hire;
    Person mentor;
    qint64 checklistRow = 0;
    QDate start;
};

/// Step records, reviews and the latest sign-off, by enrollment id: read
/// for many enrollments at once (one query each) or for one.
struct Enrollments::Related {
    QHash<qint64, QList<QVariantList>> records;
    QHash<qint64, QList<QVariantList>> reviews;
    QHash<qint64, QVariantList> signoffs;
    /// The latest move of each enrollment: its entry's time, details, and the mover.
    QHash<qint64, QVariantList> moves;
    /// Every move the log's index by action gave, per enrollment: its
    /// sequence and whether it is an `enrollment.move`.
    QHash<qint64, QList<std::pair<qint64, bool>>> moveEntries;
    /// The production grants of each enrollment, oldest first: credential,
    /// how it ended (empty: live), when, and who ended it (name, display name).
    QHash<qint64, QList<QVariantList>> grants;
};

/// The checklist versions of one command or page load, each read (and
/// parsed, through ChecklistStore's cache) once.
struct Enrollments::Checklists {
    QHash<qint64, StoredChecklist> byRow;
    QHash<QString, int> latestVersion;
    /// The digest of each (checklist, version) a sign-off was signed over, read once.
    QHash<QPair<QString, int>, QByteArray> signedDigests;
    /// The keys the reviews and sign-offs verify under, made on first use.
    std::unique_ptr<SignerKeys> signers;
};

namespace {

Q_LOGGING_CATEGORY(lcEnrollments, "onramp.enrollments")

Person personAt(const QVariantList& r, int at)
{
    return Person{r.at(at).toLongLong(),          r.at(at + 1).toString(),
                  r.at(at + 2).toString(),        roleFromName(r.at(at + 3).toString()).value_or(Role::Hire),
                  r.at(at + 4).toLongLong() != 0, r.at(at + 5).toByteArray()};
}

// The enrollment's own columns are read from its row (t, by rowid), never
// from an index a hire may have doctored: a swapped index entry shows up
// as a row that is not the one asked for. m is a LEFT JOIN so that an
// enrollment whose mentor row is gone is reported, not skipped.
const QString kRowSelect = QStringLiteral("SELECT t.id, t.checklist_id, t.start_date, "
                                          "h.id, h.name, h.display_name, h.role, h.disabled, h.sign_public_key, "
                                          "m.id, m.name, m.display_name, m.role, m.disabled, m.sign_public_key ");
// CROSS JOIN keeps SQLite from reordering: t is scanned or found by rowid,
// never reached through an index on people.
const QString kJoinPeople =
    QStringLiteral("CROSS JOIN people h ON h.id = t.hire_id LEFT JOIN people m ON m.id = t.mentor_id ");

QString scoped(const QString& scope, const char* alias)
{
    return scope.isEmpty() ? QString() : scope.arg(QLatin1String(alias));
}

// The enrollments a non-admin may see: their own and their mentees'.
const QString kMine = QStringLiteral("(SELECT id FROM enrollments WHERE hire_id = ?1 OR mentor_id = ?1)");

// The enrollments with anything on record: a step done, a review or a
// sign-off. Every other enrollment stands where its checklist version and
// start day put it.
const QString kTouched = QStringLiteral("(SELECT enrollment_id FROM step_records UNION SELECT enrollment_id FROM "
                                        "step_reviews UNION SELECT enrollment_id FROM signoffs)");

// The enrollments whose standing rests on a signature or may: a review, a
// sign-off, or a step done that needs a mentor's approval (?1: a JSON array
// of "checklist row:step id"). Each is read and verified in full. A record
// whose step id needs approval in no checklist is passed over before its
// enrollment is looked up (the report evaluates this set several times).
const QString kSigned =
    QStringLiteral("(SELECT enrollment_id FROM step_reviews UNION SELECT enrollment_id FROM signoffs UNION "
                   "SELECT r.enrollment_id FROM step_records r CROSS JOIN enrollments e ON e.id = r.enrollment_id "
                   "WHERE r.step_id IN (SELECT substr(value, instr(value, ':') + 1) FROM json_each(?1)) "
                   "AND e.checklist_id || ':' || r.step_id IN (SELECT value FROM json_each(?1)))");

// Each enrollment with steps done, and those steps (in id order, one a line).
const QString kDone = QStringLiteral("(SELECT enrollment_id AS id, group_concat(step_id, char(10)) AS steps FROM "
                                     "(SELECT enrollment_id, step_id FROM step_records ORDER BY enrollment_id, "
                                     "step_id) GROUP BY enrollment_id)");

// An admin's page of enrollments in name order, after ?1, at most ?2: the
// people's name index in order, each hire's enrollment through hire_id.
const QString kPageIds = QStringLiteral("(SELECT e.id FROM people p CROSS JOIN enrollments e ON e.hire_id = p.id "
                                        "WHERE p.name > ?1 ORDER BY p.name LIMIT ?2)");

} // namespace

Error Enrollments::readRows(const QString& from, const QVariantList& params, QList<Row>* out)
{
    QList<QVariantList> rows;
    if (Error e = m_vault.db().execute(kRowSelect + from, params, &rows))
        return e;
    for (const QVariantList& r : rows) {
        if (r.at(9).isNull())
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("'%1' is not enrolled on a checklist").arg(r.at(4).toString()));
        Row row;
        row.id = r.at(0).toLongLong();
        row.checklistRow = r.at(1).toLongLong();
        row.start = QDate::fromString(r.at(2).toString(), Qt::ISODate);
        row.hire = personAt(r, 3);
        row.mentor = personAt(r, 9);
        out->append(std::move(row));
    }
    return {};
}

Error Enrollments::loadRow(const QString& hire, Row* out)
{
    std::optional<Person> person;
    if (Error e = Vault::findPerson(m_vault.db(), hire, &person))
        return e;
    // Found through the hire index, held to the table (Vault::findEnrollmentOf),
    // then read by its id.
    qint64 id = 0;
    if (person)
        if (Error e = Vault::findEnrollmentOf(m_vault.db(), person->id, hire, &id))
            return e;
    QList<Row> rows;
    if (id != 0)
        if (Error e = readRows(QStringLiteral("FROM enrollments t ") + kJoinPeople + QStringLiteral("WHERE t.id = ?1"),
                               {id}, &rows))
            return e;
    if (rows.isEmpty())
        return Error(ErrorKind::InvalidInput, Tr::tr("'%1' is not enrolled on a checklist").arg(hire));
    *out = rows.first();
    return {};
}

bool Enrollments::maySee(const Row& row) const
{
    const Person& me = m_vault.me();
    return me.role == Role::Admin || me.id == row.hire.id || me.id == row.mentor.id;
}

Error Enrollments::readRelated(const QString& scope, const QVariantList& params, Related* out)
{
    Database& db = m_vault.db();
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT r.enrollment_id, r.step_id, r.done_at, r.note "
                                            "FROM step_records r ")
                                 + scoped(scope, "r"),
                             params, &rows))
        return e;
    for (QVariantList& r : rows) {
        const qint64 id = r.takeFirst().toLongLong();
        out->records[id].append(std::move(r));
    }
    rows.clear();
    if (Error e = db.execute(QStringLiteral("SELECT r.enrollment_id, r.step_id, r.decision, r.comment, r.at, "
                                            "r.signature, p.name, p.sign_public_key, p.role, r.checklist_version, "
                                            "r.mentor_id, p.display_name, r.id "
                                            "FROM step_reviews r JOIN people p ON p.id = r.mentor_id ")
                                 + scoped(scope, "r") + QStringLiteral(" ORDER BY r.at, r.id"),
                             params, &rows))
        return e;
    for (QVariantList& r : rows) {
        const qint64 id = r.takeFirst().toLongLong();
        out->reviews[id].append(std::move(r));
    }
    rows.clear();
    if (Error e = db.execute(QStringLiteral("SELECT s.enrollment_id, s.checklist_version, s.decision, s.at, "
                                            "s.signature, p.name, p.sign_public_key, p.role, s.mentor_id, "
                                            "p.display_name, s.id FROM signoffs s JOIN people p ON p.id = s.mentor_id ")
                                 + scoped(scope, "s") + QStringLiteral(" ORDER BY s.at DESC, s.id DESC"),
                             params, &rows))
        return e;
    for (QVariantList& r : rows) {
        const qint64 id = r.takeFirst().toLongLong();
        if (!out->signoffs.contains(id))
            out->signoffs.insert(id, std::move(r));
    }
    rows.clear();
    // The moves, from the signed log (found through its action index): the
    // latest one of an enrollment decides which reviews and sign-off still count.
    // A new mentor after it ended every review and sign-off the move left:
    // nothing from before is left to set apart.
    if (Error e = db.execute(
            QStringLiteral("SELECT m.enrollment_id, m.seq, m.at, m.details, p.name, p.display_name, m.action FROM "
                           "(SELECT json_extract(details, '$.enrollment') AS enrollment_id, at, details, actor_id, "
                           "seq, action FROM audit_log WHERE action = 'enrollment.move' OR (action = "
                           "'enrollment.edit' AND json_extract(details, '$.from_mentor') IS NOT NULL)) m "
                           "LEFT JOIN people p ON p.id = m.actor_id ")
                + scoped(scope, "m") + QStringLiteral(" ORDER BY m.seq"),
            params, &rows))
        return e;
    for (QVariantList& r : rows) {
        const qint64 id = r.takeFirst().toLongLong();
        const qint64 seq = r.takeFirst().toLongLong();
        const bool move = r.last().toString() == QLatin1String("enrollment.move");
        out->moveEntries[id].append({seq, move});
        r.last() = move; // whether the move's marks still set earlier rows apart
        if (move)
            out->moves.insert(id, std::move(r));
        else if (out->moves.contains(id))
            out->moves[id].last() = false;
    }
    rows.clear();
    // The grants say only whether production access was taken back after
    // the sign-off: they release nothing here (Credentials reads and checks
    // them where they do).
    if (Error e = db.execute(
            QStringLiteral("SELECT g.enrollment_id, g.credential_id, ifnull(g.ended, ''), g.ended_at, "
                           "ifnull(p.name, ''), ifnull(p.display_name, ''), g.expires_at FROM credential_grants g "
                           "LEFT JOIN people p ON p.id = g.ended_by ")
                + scoped(scope, "g") + QStringLiteral(" ORDER BY g.id"),
            params, &rows))
        return e;
    for (QVariantList& r : rows) {
        const qint64 id = r.takeFirst().toLongLong();
        out->grants[id].append(std::move(r));
    }
    return {};
}

Error Enrollments::checklistOf(const Row& row, Checklists* cache, const StoredChecklist** stored, int* latest)
{
    auto found = cache->byRow.find(row.checklistRow);
    if (found == cache->byRow.end()) {
        StoredChecklist loaded;
        if (Error e = ChecklistStore(m_vault).byRow(row.checklistRow, &loaded))
            return e;
        found = cache->byRow.insert(row.checklistRow, std::move(loaded));
    }
    const QString& slug = found->checklist.id;
    auto version = cache->latestVersion.find(slug);
    if (version == cache->latestVersion.end()) {
        StoredChecklist newest;
        if (Error e = ChecklistStore(m_vault).get(slug, 0, &newest))
            return e;
        version = cache->latestVersion.insert(slug, newest.version);
        cache->byRow.insert(newest.rowId, std::move(newest));
        found = cache->byRow.find(row.checklistRow);
    }
    *stored = &*found;
    *latest = *version;
    return {};
}

Error Enrollments::enroll(const QString& hire, const QString& checklistId, const QString& mentor, const QDate& start)
{
    return enrollMany({{hire, checklistId, mentor, start}});
}

Error Enrollments::enrollMany(const QList<NewEnrollment>& enrollments)
{
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can enroll a hire"));
    for (const NewEnrollment& n : enrollments)
        if (!n.start.isValid())
            return Error(ErrorKind::InvalidInput, Tr::tr("the start date is not a valid date (YYYY-MM-DD)"));
    // The people rows and the checklist are read inside the writing
    // transaction, after the check: they are the ones the log vouches for,
    // and nothing changes them in between.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = Ledger::require(m_vault, m_clock.now()))
        return e;
    // Whether a hire is enrolled already is asked of the hire index and held
    // to the table; for more than one hire, the table is read once for all
    // of them (NOT INDEXED) rather than once for each hire the index does
    // not know.
    QSet<qint64> enrolled;
    if (enrollments.size() > 1) {
        QJsonArray names;
        for (const NewEnrollment& n : enrollments)
            names.append(n.hire);
        QList<QVariantList> rows;
        if (Error e = m_vault.db().execute(
                QStringLiteral("SELECT hire_id FROM enrollments NOT INDEXED WHERE hire_id IN (SELECT id FROM people "
                               "WHERE name IN (SELECT value FROM json_each(?1)))"),
                {QString::fromUtf8(QJsonDocument(names).toJson(QJsonDocument::Compact))}, &rows))
            return e;
        for (const QVariantList& row : std::as_const(rows))
            enrolled.insert(row.at(0).toLongLong());
    }
    for (const NewEnrollment& n : enrollments)
        if (Error e = insertEnrollment(n.hire, n.checklistId, n.mentor, n.start,
                                       enrollments.size() > 1 ? &enrolled : nullptr))
            return e;
    return transaction.commit();
}

namespace {

/// The enabled person \a name who holds the mentor role, or InvalidInput saying why not.
Error mentorNamed(Vault& vault, const QString& name, std::optional<Person>* out)
{
    if (Error e = Vault::findPerson(vault.db(), name, out))
        return e;
    if (!*out)
        return Error(ErrorKind::InvalidInput, Tr::tr("no person '%1' in this vault").arg(name));
    return onboarding::checkMentorToEnroll(**out);
}

} // namespace

Error Enrollments::insertEnrollment(const QString& hire, const QString& checklistId, const QString& mentor,
                                    const QDate& start, const QSet<qint64>* enrolled)
{
    Database& db = m_vault.db();
    std::optional<Person> hirePerson;
    if (Error e = Vault::findPerson(db, hire, &hirePerson))
        return e;
    if (!hirePerson)
        return Error(ErrorKind::InvalidInput, Tr::tr("no person '%1' in this vault").arg(hire));
    if (Error e = onboarding::checkHireToEnroll(*hirePerson))
        return e;
    std::optional<Person> mentorPerson;
    if (Error e = mentorNamed(m_vault, mentor, &mentorPerson))
        return e;
    StoredChecklist checklist;
    if (Error e = ChecklistStore(m_vault).get(checklistId, 0, &checklist))
        return e;
    qint64 existing = 0;
    if (Error e = Vault::findEnrollmentOf(db, hirePerson->id, hire, &existing, enrolled))
        return e;
    if (existing != 0)
        return Error(
            ErrorKind::InvalidInput,
            Tr::tr("'%1' is already enrolled; moving their enrollment changes its checklist version").arg(hire));
    if (Error e = db.execute(QStringLiteral("INSERT INTO enrollments (hire_id, mentor_id, checklist_id, start_date, "
                                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                             {hirePerson->id, mentorPerson->id, checklist.rowId, start.toString(Qt::ISODate),
                              signatures::timeText(m_clock.now())}))
        return e;
    const qint64 enrollmentId = db.lastInsertId();
    QJsonArray vouched;
    if (Error e = records::vouch(db, QStringLiteral("enrollments"), enrollmentId, &vouched))
        return e;
    // Sandbox credentials are the hire's from day one.
    if (Error e = Credentials(m_vault, m_clock).issueSandbox(enrollmentId, *hirePerson, checklist.checklist))
        return e;
    if (Error e = AuditLog::append(m_vault, QStringLiteral("enrollment.create"), hire,
                                   {{QStringLiteral("checklist"), checklistId},
                                    {QStringLiteral("version"), checklist.version},
                                    {QStringLiteral("mentor"), mentor},
                                    {QStringLiteral("start"), start.toString(Qt::ISODate)},
                                    {QStringLiteral("created_at"), signatures::timeText(m_clock.now())},
                                    {QStringLiteral("enrollment"), enrollmentId},
                                    {QStringLiteral("hire_id"), hirePerson->id},
                                    {QStringLiteral("mentor_id"), mentorPerson->id},
                                    {records::key(), vouched}}))
        return e;
    return {};
}

namespace {

/// Deletes \a enrollment's reviews and sign-offs and names the rows that went
/// in \a details (`ended_reviews`, `ended_signoffs`), for the signed entry.
Error endReviewsAndSignoffs(Database& db, qint64 enrollment, QJsonObject* details)
{
    for (const auto& [table, key] : {std::pair{QStringLiteral("step_reviews"), QStringLiteral("ended_reviews")},
                                     std::pair{QStringLiteral("signoffs"), QStringLiteral("ended_signoffs")}}) {
        QList<QVariantList> ids;
        if (Error e = db.execute(QStringLiteral("SELECT id FROM %1 WHERE enrollment_id = ?1 ORDER BY id").arg(table),
                                 {enrollment}, &ids))
            return e;
        QJsonArray ended;
        for (const QVariantList& r : ids)
            ended.append(r.at(0).toLongLong());
        if (Error e = db.execute(QStringLiteral("DELETE FROM %1 WHERE enrollment_id = ?1").arg(table), {enrollment}))
            return e;
        if (!ended.isEmpty())
            details->insert(key, ended);
    }
    return {};
}

} // namespace

Error Enrollments::moveTo(const QString& hire, const QString& checklistId, int version, WeakerVersion weaker,
                          MoveOutcome* out, const QStringList* acceptOnly)
{
    MoveOutcome local;
    if (!out)
        out = &local;
    *out = MoveOutcome();
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can move an enrollment to another checklist"));
    Database& db = m_vault.db();
    Database::Transaction transaction(db);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = Ledger::require(m_vault, m_clock.now()))
        return e;
    Row row;
    if (Error e = loadRow(hire, &row))
        return e;
    StoredChecklist current;
    if (Error e = ChecklistStore(m_vault).byRow(row.checklistRow, &current))
        return e;
    const QString slug = checklistId.isEmpty() ? current.checklist.id : checklistId;
    const bool otherChecklist = slug != current.checklist.id;
    StoredChecklist target;
    if (Error e = ChecklistStore(m_vault).get(slug, version, &target))
        return e;
    if (target.rowId == row.checklistRow)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is already on %2 version %3; nothing to move")
                         .arg(hire, target.checklist.id)
                         .arg(target.version));
    // Both versions were read after Ledger::require: rows the log vouches for.
    out->fromChecklist = current.checklist.id;
    out->fromChecklistTitle = current.checklist.title;
    out->fromVersion = current.version;
    out->checklist = target.checklist.id;
    out->checklistTitle = target.checklist.title;
    out->version = target.version;
    out->weakens = ChecklistStore::weakenings(current.checklist, target.checklist);
    // Accepted for other weakenings than these: refused as unseen.
    if (!out->weakens.isEmpty() && (weaker == WeakerVersion::Refuse || (acceptOnly && *acceptOnly != out->weakens)))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 version %2 weakens the gate of %3 version %4, which '%5' is on: %6; nothing was "
                            "moved")
                         .arg(target.checklist.id)
                         .arg(target.version)
                         .arg(current.checklist.id)
                         .arg(current.version)
                         .arg(hire, out->weakens.join(QStringLiteral("; "))));
    if (Error e = db.execute(QStringLiteral("UPDATE enrollments SET checklist_id = ?1 WHERE id = ?2"),
                             {target.rowId, row.id}))
        return e;
    QJsonArray vouched;
    if (Error e = records::vouch(db, QStringLiteral("enrollments"), row.id, &vouched))
        return e;
    // Production access was signed off for the old version: its live grants
    // end here, so that nothing sealed for it stays readable, and their
    // logins at the source go with them (or wait, pending, for a sweep).
    QJsonArray endedGrants;
    QJsonArray sourcePending;
    if (Error e = Credentials(m_vault, m_clock).endLiveGrants(row.id, row.hire, &endedGrants, &sourcePending))
        return e;
    // Records of steps the new version no longer has would count for nothing; drop them.
    QList<QVariantList> done;
    if (Error e =
            db.execute(QStringLiteral("SELECT step_id FROM step_records WHERE enrollment_id = ?1"), {row.id}, &done))
        return e;
    QJsonArray dropped;
    for (const QVariantList& r : done) {
        if (target.checklist.step(r.at(0).toString()))
            continue;
        if (Error e = db.execute(QStringLiteral("DELETE FROM step_records WHERE enrollment_id = ?1 AND step_id = ?2"),
                                 {row.id, r.at(0)}))
            return e;
        dropped.append(r.at(0).toString());
    }
    QJsonObject details{{QStringLiteral("checklist"), target.checklist.id},
                        {QStringLiteral("from_version"), current.version},
                        {QStringLiteral("version"), target.version},
                        {QStringLiteral("enrollment"), row.id},
                        {records::key(), vouched},
                        {QStringLiteral("ended_grants"), endedGrants},
                        {QStringLiteral("dropped_steps"), dropped}};
    if (!out->weakens.isEmpty()) {
        // The admin was told and moved anyway: the entry keeps what they accepted.
        details.insert(QStringLiteral("weakens"), QJsonArray::fromStringList(out->weakens));
        details.insert(QStringLiteral("accepted_weaker"), true);
    }
    if (otherChecklist) {
        details.insert(QStringLiteral("from_checklist"), current.checklist.id);
        // Reviews and the sign-off were signed over the old checklist; on
        // another one they would match steps and versions by accident.
        // They end with it, and the signed entry says which rows went.
        if (Error e = endReviewsAndSignoffs(db, row.id, &details))
            return e;
        // The sandbox follows the new checklist: its credentials the old one
        // lacked are issued now, the old one's it lacks are withdrawn.
        Checklist missing = target.checklist;
        missing.credentials.clear();
        QStringList kept;
        QStringList withdrawn;
        for (const CredentialTemplate& credential : current.checklist.credentials)
            if (credential.environment == Environment::Sandbox
                && std::none_of(target.checklist.credentials.cbegin(), target.checklist.credentials.cend(),
                                [&](const CredentialTemplate& t) { return t.id == credential.id; }))
                withdrawn.append(credential.id);
        for (const CredentialTemplate& credential : target.checklist.credentials) {
            if (credential.environment != Environment::Sandbox)
                continue;
            kept.append(credential.id);
            std::optional<Credentials::SandboxRow> issued;
            if (Error e = Credentials::findSandbox(db, row.id, credential.id, Credentials::Absent::Confirmed, &issued))
                return e;
            if (!issued)
                missing.credentials.append(credential);
        }
        // The table itself (NOT INDEXED): its key index is not checked
        // before an act, and one that misfiled a row would withdraw another
        // hire's credential.
        if (Error e = db.execute(
                QStringLiteral("DELETE FROM sandbox_credentials NOT INDEXED WHERE enrollment_id = ?1 AND "
                               "credential_id NOT IN (SELECT value FROM json_each(?2))"),
                {row.id,
                 QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(kept)).toJson(QJsonDocument::Compact))}))
            return e;
        // A withdrawn sandbox login at its source goes too.
        if (Error e = Credentials(m_vault, m_clock).dropAtSource(row.id, row.hire, withdrawn, &sourcePending))
            return e;
        if (Error e = Credentials(m_vault, m_clock).issueSandbox(row.id, row.hire, missing))
            return e;
        // Fresh logins: a drop still pending from before is not theirs.
        QJsonArray issued;
        for (const CredentialTemplate& credential : std::as_const(missing.credentials))
            issued.append(credential.id);
        if (!issued.isEmpty())
            details.insert(QStringLiteral("sandbox_issued"), issued);
    }
    // What is still to drop at a source, for the sweep (empty: nothing).
    details.insert(QStringLiteral("source_revoke_pending"), sourcePending);
    // Reviews and sign-offs given before the move count for nothing after
    // it, even on a version the enrollment comes back to: the signed entry
    // names the enrollment's last row of each before it (0 when none is
    // left), and only later rows count. A later row's id is higher: the
    // enrollment's rows go only all at once, with a new mentor, which
    // sets the move's marks aside.
    for (const auto& [table, key] : {std::pair{QStringLiteral("step_reviews"), QStringLiteral("reviews_before")},
                                     std::pair{QStringLiteral("signoffs"), QStringLiteral("signoffs_before")}})
        details.insert(
            key,
            db.scalar(QStringLiteral("SELECT coalesce(max(id), 0) FROM %1 WHERE enrollment_id = ?1").arg(table),
                      {row.id})
                .toLongLong());
    if (Error e = AuditLog::append(m_vault, QStringLiteral("enrollment.move"), hire, details))
        return e;
    return transaction.commit();
}

Error Enrollments::edit(const QString& hire, const QString& mentor, const QDate& start)
{
    if (m_vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can change an enrollment's mentor or start date"));
    if (mentor.isEmpty() && !start.isValid())
        return Error(ErrorKind::InvalidInput, Tr::tr("give a new mentor, a new start date (YYYY-MM-DD), or both"));
    Database& db = m_vault.db();
    Database::Transaction transaction(db);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = Ledger::require(m_vault, m_clock.now()))
        return e;
    Row row;
    if (Error e = loadRow(hire, &row))
        return e;
    Person newMentor = row.mentor;
    if (!mentor.isEmpty()) {
        std::optional<Person> person;
        if (Error e = mentorNamed(m_vault, mentor, &person))
            return e;
        newMentor = *person;
    }
    const QDate newStart = start.isValid() ? start : row.start;
    const bool mentorChanges = newMentor.id != row.mentor.id;
    if (!mentorChanges && newStart == row.start)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' already has the mentor %2 and the start date %3; nothing to change")
                         .arg(hire, row.mentor.name, row.start.toString(Qt::ISODate)));
    if (Error e = db.execute(QStringLiteral("UPDATE enrollments SET mentor_id = ?1, start_date = ?2 WHERE id = ?3"),
                             {newMentor.id, newStart.toString(Qt::ISODate), row.id}))
        return e;
    QJsonArray vouched;
    if (Error e = records::vouch(db, QStringLiteral("enrollments"), row.id, &vouched))
        return e;
    QJsonObject details{{QStringLiteral("enrollment"), row.id},
                        {QStringLiteral("mentor"), newMentor.name},
                        {QStringLiteral("mentor_id"), newMentor.id},
                        {QStringLiteral("start"), newStart.toString(Qt::ISODate)},
                        {records::key(), vouched}};
    if (mentorChanges)
        details.insert(QStringLiteral("from_mentor"), row.mentor.name);
    if (newStart != row.start)
        details.insert(QStringLiteral("from_start"), row.start.toString(Qt::ISODate));
    // The reviews and the sign-off were the former mentor's, who decides
    // nothing here any more: they end (or they would count again were the
    // former mentor given back), and production access they opened ends.
    if (mentorChanges) {
        if (Error e = endReviewsAndSignoffs(db, row.id, &details))
            return e;
        QJsonArray endedGrants;
        QJsonArray sourcePending;
        if (Error e = Credentials(m_vault, m_clock).endLiveGrants(row.id, row.hire, &endedGrants, &sourcePending))
            return e;
        details.insert(QStringLiteral("ended_grants"), endedGrants);
        details.insert(QStringLiteral("source_revoke_pending"), sourcePending);
    }
    if (Error e = AuditLog::append(m_vault, QStringLiteral("enrollment.edit"), hire, details))
        return e;
    return transaction.commit();
}

namespace {

/// The newest of \a grants (Related::grants of an enrollment, oldest first)
/// of each production credential, by credential id.
QHash<QString, const QVariantList*> newestGrants(const QList<QVariantList>& grants)
{
    QHash<QString, const QVariantList*> newest;
    for (const QVariantList& g : grants)
        newest.insert(g.at(0).toString(), &g);
    return newest;
}

/// Sets \a status's revocation when every production credential's newest
/// grant has ended since the sign-off, the latest of them by a revocation:
/// production access was given and taken back. A renewal (a live grant)
/// gives it back. \a grants: Related::grants of the enrollment.
void productionRevocation(const QList<QVariantList>& grants, EnrollmentStatus* status)
{
    const QHash<QString, const QVariantList*> newest = newestGrants(grants);
    const QVariantList* latest = nullptr;
    QDateTime latestAt;
    for (const QVariantList* g : std::as_const(newest)) {
        const QDateTime endedAt = signatures::timeFromText(g->at(2).toString());
        if (g->at(1).toString().isEmpty() || !endedAt.isValid() || endedAt < status->signedOffAt)
            return;
        if (!latest || endedAt > latestAt) {
            latest = g;
            latestAt = endedAt;
        }
    }
    if (!latest || latest->at(1).toString() != QLatin1String("revoked"))
        return;
    status->revokedAt = latestAt;
    status->revokedBy = latest->at(3).toString();
    status->revokedByDisplayName = latest->at(4).toString().isEmpty() ? status->revokedBy : latest->at(4).toString();
}

/// Sets \a status's productionExpired: signed off and not revoked, and the
/// newest grant of each production credential has run out by \a now (ended
/// as expired, or past its expiry and not ended yet). Like the revocation,
/// for the lists to say where access stands; Credentials reads and checks
/// the grants where they release anything.
void productionExpiry(const QList<QVariantList>& grants, const QDateTime& now, EnrollmentStatus* status)
{
    if (status->production() != ProductionAccess::Unlocked)
        return;
    const QHash<QString, const QVariantList*> newest = newestGrants(grants);
    if (newest.isEmpty())
        return;
    for (const QVariantList* g : std::as_const(newest)) {
        const QString ended = g->at(1).toString();
        const QDateTime expires = signatures::timeFromText(g->at(5).toString());
        const bool ranOut =
            ended == QLatin1String("expired") || (ended.isEmpty() && expires.isValid() && expires <= now);
        if (!ranOut)
            return;
    }
    status->productionExpired = true;
}

} // namespace

Error Enrollments::buildStatus(const Row& row, const Related& related, Checklists* checklists, EnrollmentStatus* out)
{
    const StoredChecklist* storedPtr = nullptr;
    int latestVersion = 0;
    if (Error e = checklistOf(row, checklists, &storedPtr, &latestVersion))
        return e;
    const StoredChecklist& stored = *storedPtr;
    Database& db = m_vault.db();
    const QDateTime now = m_clock.now();

    EnrollmentStatus status;
    status.enrollmentId = row.id;
    status.hire = row.hire;
    status.mentor = row.mentor;
    status.checklistId = stored.checklist.id;
    status.checklistTitle = stored.checklist.title;
    status.checklistVersion = stored.version;
    status.latestChecklistVersion = latestVersion;
    status.start = row.start;

    static const QList<QVariantList> kNone;
    const QList<QVariantList>& records = related.records.contains(row.id) ? *related.records.find(row.id) : kNone;
    const QList<QVariantList>& reviews = related.reviews.contains(row.id) ? *related.reviews.find(row.id) : kNone;

    // A privileged session checked every row against the log before it got
    // here (status()); a hire's own session cannot, and fools only itself.
    // The moves came through the log's index by action, which that check
    // does not read whole: they must be the ones its walk of the log found,
    // entry for entry, or a move left out of the index (or another entry
    // filed as one) would make reviews from before it count again.
    if (const Vault::Logged* logged = m_vault.logged();
        logged && logged->moves.value(row.id) != related.moveEntries.value(row.id))
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1: the audit log's index by action does not list enrollment %2's moves "
                            "as the log holds them; it was changed outside Onramp, and nothing privileged runs on it")
                         .arg(m_vault.db().path())
                         .arg(row.id));
    // Reviews and the sign-off count only from the enrollment's mentor, and
    // only from a mentor whose row an admin made: a hire can write rows, not
    // vouch for them.
    const auto byTheMentor = [&row](const QVariant& authorId, const QVariant& authorName, const QVariant& authorRole) {
        return row.mentor.id != 0 && authorId.toLongLong() == row.mentor.id && authorName.toString() != row.hire.name
            && authorRole.toString() != roleName(Role::Hire);
    };
    // Each under the key the log gave the mentor when they signed it.
    if (!checklists->signers)
        checklists->signers = std::make_unique<SignerKeys>(m_vault);
    SignerKeys& signers = *checklists->signers;
    // The latest move decides what counts: reviews and a sign-off given
    // before it were given for the enrollment as it stood then, and count
    // for nothing now, even on a version it has come back to. The entry
    // names the last row of each before it; an older entry without those
    // numbers, its time.
    qint64 reviewsBefore = 0;
    qint64 signoffsBefore = 0;
    QDateTime movedAt;
    const auto moveRow = related.moves.constFind(row.id);
    if (moveRow != related.moves.cend()) {
        const QVariantList& m = *moveRow;
        if (m.at(4).toBool())
            movedAt = signatures::timeFromText(m.at(0).toString());
        const QJsonObject details = QJsonDocument::fromJson(m.at(1).toString().toUtf8()).object();
        reviewsBefore = details.value(QStringLiteral("reviews_before")).toInteger(-1);
        signoffsBefore = details.value(QStringLiteral("signoffs_before")).toInteger(-1);
        status.movedAt = signatures::timeFromText(m.at(0).toString());
        status.movedFromVersion = details.value(QStringLiteral("from_version")).toInt();
        status.movedFromChecklist = details.value(QStringLiteral("from_checklist")).toString();
        status.movedBy = m.at(2).toString();
        status.movedByDisplayName = m.at(3).toString().isEmpty() ? status.movedBy : m.at(3).toString();
    }
    const auto beforeMove = [&](const QVariant& id, const QDateTime& at, qint64 lastBefore) {
        if (!movedAt.isValid())
            return false;
        if (lastBefore >= 0)
            return id.toLongLong() <= lastBefore;
        return !at.isValid() || at <= movedAt;
    };
    // The records as this vault holds them, each judged here; what counts
    // is the rule both stores share (onboarding::statusOf).
    QHash<QString, onboarding::DoneStep> done;
    for (const QVariantList& r : records)
        done.insert(r.at(0).toString(), {signatures::timeFromText(r.at(1).toString()), r.at(2).toString()});
    QList<onboarding::ReviewRecord> judged;
    for (const QVariantList& r : reviews) {
        onboarding::ReviewRecord review;
        review.stepId = r.at(0).toString();
        review.version = int(r.at(8).toLongLong());
        const QString decision = r.at(1).toString();
        review.approved = decision == kApproved;
        review.rejected = decision == kRejected;
        review.comment = r.at(2).toString();
        review.reviewer = r.at(5).toString();
        review.reviewerDisplayName = r.at(10).toString();
        review.at = signatures::timeFromText(r.at(3).toString());
        review.beforeMove = beforeMove(r.at(11), review.at, reviewsBefore);
        const QByteArray message = signatures::stepReview(row.id, row.hire.name, review.stepId, stored.checklist.id,
                                                          review.version, decision, review.at);
        review.valid = byTheMentor(r.at(9), r.at(5), r.at(7))
            && signers.holds(QStringLiteral("step_reviews"), r.at(11).toLongLong(), r.at(9).toLongLong(),
                             r.at(6).toByteArray(), message, r.at(4).toByteArray());
        judged.append(review);
    }

    std::optional<onboarding::SignoffRecord> signoff;
    auto signoffRow = related.signoffs.constFind(row.id);
    if (signoffRow != related.signoffs.cend()) {
        const QVariantList& s = *signoffRow;
        onboarding::SignoffRecord record;
        record.version = int(s.at(0).toLongLong());
        record.at = signatures::timeFromText(s.at(2).toString());
        record.by = s.at(4).toString();
        record.byDisplayName = s.at(8).toString();
        record.beforeMove = beforeMove(s.at(9), record.at, signoffsBefore);
        // Signed over the version it approved, which may since have been left behind.
        const QPair<QString, int> signedVersion{stored.checklist.id, record.version};
        auto signedDigest = checklists->signedDigests.find(signedVersion);
        if (signedDigest == checklists->signedDigests.end()) {
            const qint64 signedRow =
                db.scalar(QStringLiteral("SELECT id FROM checklists WHERE slug = ?1 AND version = ?2"),
                          {stored.checklist.id, record.version})
                    .toLongLong();
            QByteArray digest;
            if (signedRow > 0)
                if (Error e = records::digest(db, QStringLiteral("checklists"), signedRow, &digest))
                    return e;
            signedDigest = checklists->signedDigests.insert(signedVersion, digest);
        }
        const QByteArray& checklistDigest = *signedDigest;
        const QByteArray message = signatures::finalSignoff(row.id, row.hire.name, stored.checklist.id, record.version,
                                                            checklistDigest, s.at(1).toString(), record.at);
        record.valid = s.at(1).toString() == kProductionAccess && byTheMentor(s.at(7), s.at(4), s.at(6))
            && signers.holds(QStringLiteral("signoffs"), s.at(9).toLongLong(), s.at(7).toLongLong(),
                             s.at(5).toByteArray(), message, s.at(3).toByteArray());
        signoff = record;
    }
    EnrollmentStatus counted = onboarding::statusOf(stored.checklist, stored.version, latestVersion, row.hire,
                                                    row.mentor, row.start, done, judged, signoff, now);
    counted.enrollmentId = status.enrollmentId;
    counted.movedAt = status.movedAt;
    counted.movedBy = status.movedBy;
    counted.movedByDisplayName = status.movedByDisplayName;
    counted.movedFromVersion = status.movedFromVersion;
    counted.movedFromChecklist = status.movedFromChecklist;
    // Ended by the latest move, not an earlier one: given on the version it left.
    counted.signoffEndedByMove = counted.signoffEndedByMove && signoff && signoff->version == counted.movedFromVersion;
    if (!counted.signoffEndedByMove)
        counted.signoffEndedAt = QDateTime();
    status = std::move(counted);
    if (status.decision.allowed)
        productionRevocation(related.grants.value(row.id), &status);
    productionExpiry(related.grants.value(row.id), m_clock.now(), &status);
    *out = std::move(status);
    return {};
}

Error Enrollments::requireLedger()
{
    if (m_vault.me().role == Role::Hire)
        return {};
    return Ledger::require(m_vault, m_clock.now());
}

Error Enrollments::status(const QString& hire, EnrollmentStatus* out, Check check)
{
    Database::ReadTransaction read(m_vault.db());
    if (read.beginError())
        return read.beginError();
    if (check == Check::Verified)
        if (Error e = requireLedger())
            return e;
    Row row;
    if (Error e = loadRow(hire, &row)) {
        // Do not tell a hire whether someone else exists or is enrolled.
        if (m_vault.me().role == Role::Hire && hire != m_vault.me().name)
            return Error(ErrorKind::NotPermitted, Tr::tr("you can only see your own status"));
        return e;
    }
    if (!maySee(row))
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("%1 can see only their own status, their mentees' or, as an admin, everyone's")
                         .arg(m_vault.me().name));
    Related related;
    if (Error e = readRelated(QStringLiteral("WHERE %1.enrollment_id = ?1"), {row.id}, &related))
        return e;
    Checklists checklists;
    if (Error e = buildStatus(row, related, &checklists, out))
        return e;
    // What the latest move changed in a step the enrollment keeps, read in
    // the same transaction as the rest: the version it left, as the log
    // vouches for it. It only tells; a version that cannot be read tells
    // nothing and fails nothing.
    if (!out->movedAt.isValid() || !out->movedFromChecklist.isEmpty() || out->movedFromVersion <= 0
        || out->movedFromVersion == out->checklistVersion)
        return {};
    StoredChecklist left;
    if (Error e = ChecklistStore(m_vault).get(out->checklistId, out->movedFromVersion, &left)) {
        qCWarning(lcEnrollments) << "what the move changed is not shown:" << e.message;
        return {};
    }
    onboarding::markChangedSteps(out, left.checklist, left.version);
    return {};
}

Error Enrollments::visible(QList<EnrollmentStatus>* out)
{
    // One snapshot, one lock, a handful of queries: an admin reads every
    // enrollment, anyone else only theirs and their mentees', through the
    // hire and mentor indexes.
    Database::ReadTransaction read(m_vault.db());
    if (read.beginError())
        return read.beginError();
    if (Error e = requireLedger())
        return e;
    const Person& me = m_vault.me();
    const bool all = me.role == Role::Admin;
    const QVariantList params = all ? QVariantList{} : QVariantList{me.id};
    QList<Row> rows;
    if (Error e =
            readRows(all ? QStringLiteral("FROM enrollments t ") + kJoinPeople + QStringLiteral("ORDER BY h.name")
                         : QStringLiteral("FROM enrollments e CROSS JOIN enrollments t ON t.id = e.id ") + kJoinPeople
                             + QStringLiteral("WHERE e.hire_id = ?1 OR e.mentor_id = ?1 ORDER BY h.name"),
                     params, &rows))
        return e;
    for (const Row& row : std::as_const(rows))
        if (!maySee(row))
            return Error(ErrorKind::Damaged,
                         Tr::tr("the vault's index of enrollments answers with %1's enrollment, which is not "
                                "yours: the database was tampered with")
                             .arg(row.hire.name));
    Related related;
    if (Error e = readRelated(all ? QString() : QStringLiteral("WHERE %1.enrollment_id IN ") + kMine, params, &related))
        return e;
    Checklists checklists;
    out->reserve(out->size() + rows.size());
    for (const Row& row : std::as_const(rows)) {
        EnrollmentStatus status;
        if (Error e = buildStatus(row, related, &checklists, &status))
            return e;
        out->append(std::move(status));
    }
    return {};
}

Error Enrollments::visiblePage(const QString& after, int limit, QList<EnrollmentStatus>* out)
{
    if (m_vault.me().role != Role::Admin) {
        // A mentor's or hire's few enrollments: visible() already costs what they see.
        QList<EnrollmentStatus> all;
        if (Error e = visible(&all))
            return e;
        for (EnrollmentStatus& status : all)
            if (status.hire.name > after && out->size() < limit)
                out->append(std::move(status));
        return {};
    }
    Database::ReadTransaction read(m_vault.db());
    if (read.beginError())
        return read.beginError();
    if (Error e = requireLedger())
        return e;
    const QVariantList params{after, limit};
    QList<Row> rows;
    if (Error e = readRows(QStringLiteral("FROM enrollments t ") + kJoinPeople + QStringLiteral("WHERE t.id IN ")
                               + kPageIds + QStringLiteral(" ORDER BY h.name"),
                           params, &rows))
        return e;
    // Found through two indexes: rows out of order, or before the page's
    // start, are an index a hire has doctored.
    QString previous = after;
    for (const Row& row : std::as_const(rows)) {
        if (row.hire.name <= previous)
            return Error(ErrorKind::Damaged,
                         Tr::tr("the vault's index of people answers with %1's enrollment out of order: the "
                                "database was tampered with")
                             .arg(row.hire.name));
        previous = row.hire.name;
    }
    Related related;
    if (Error e = readRelated(QStringLiteral("WHERE %1.enrollment_id IN ") + kPageIds, params, &related))
        return e;
    Checklists checklists;
    for (const Row& row : std::as_const(rows)) {
        EnrollmentStatus status;
        if (Error e = buildStatus(row, related, &checklists, &status))
            return e;
        out->append(std::move(status));
    }
    return {};
}

Error Enrollments::signedStepsJson(Checklists* checklists, QString* out)
{
    // The steps that need a mentor's approval, as "checklist row:step id",
    // of every checklist version (a handful, each parsed once).
    QList<QVariantList> versions;
    if (Error e = m_vault.db().execute(QStringLiteral("SELECT id FROM checklists ORDER BY id"), {}, &versions))
        return e;
    QJsonArray steps;
    for (const QVariantList& v : std::as_const(versions)) {
        Row row;
        row.checklistRow = v.at(0).toLongLong();
        const StoredChecklist* stored = nullptr;
        int latest = 0;
        if (Error e = checklistOf(row, checklists, &stored, &latest))
            return e;
        for (const Step& step : stored->checklist.steps)
            if (step.signoff)
                steps.append(QStringLiteral("%1:%2").arg(row.checklistRow).arg(step.id));
    }
    *out = QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Compact));
    return {};
}

Error Enrollments::visibleGrouped(QList<EnrollmentStatus>* touched, QList<Untouched>* untouched)
{
    if (m_vault.me().role != Role::Admin)
        return visible(touched);
    Database& db = m_vault.db();
    Database::ReadTransaction read(db);
    if (read.beginError())
        return read.beginError();
    if (Error e = requireLedger())
        return e;
    Checklists checklists;
    QString signedJson;
    if (Error e = signedStepsJson(&checklists, &signedJson))
        return e;
    const QVariantList signedSteps{signedJson};
    QList<Row> rows;
    if (Error e = readRows(QStringLiteral("FROM enrollments t ") + kJoinPeople + QStringLiteral("WHERE t.id IN ")
                               + kSigned + QStringLiteral(" ORDER BY h.name"),
                           signedSteps, &rows))
        return e;
    Related related;
    if (Error e = readRelated(QStringLiteral("WHERE %1.enrollment_id IN ") + kSigned, signedSteps, &related))
        return e;
    touched->reserve(touched->size() + rows.size());
    for (const Row& row : std::as_const(rows)) {
        EnrollmentStatus status;
        if (Error e = buildStatus(row, related, &checklists, &status))
            return e;
        touched->append(std::move(status));
    }

    // The rest, counted from the enrollments' own rows (not an index) by
    // checklist version, start day and the steps done: the hires with
    // nothing on record, and those whose records wait for no signature.
    QList<QVariantList> groups;
    // A disabled hire's steps are never overdue (statusOf): they are a group of their own.
    if (Error e = db.execute(QStringLiteral("SELECT t.checklist_id, t.start_date, '', count(*), h.disabled FROM "
                                            "enrollments t CROSS JOIN people h ON h.id = t.hire_id "
                                            "WHERE t.id NOT IN ")
                                 + kTouched + QStringLiteral(" GROUP BY t.checklist_id, t.start_date, h.disabled"),
                             {}, &groups))
        return e;
    if (Error e = db.execute(
            QStringLiteral("SELECT t.checklist_id, t.start_date, r.steps, count(*), h.disabled FROM ") + kDone
                + QStringLiteral(" r CROSS JOIN enrollments t ON t.id = r.id CROSS JOIN people h ON "
                                 "h.id = t.hire_id WHERE t.id NOT IN ")
                + kSigned + QStringLiteral(" GROUP BY t.checklist_id, t.start_date, r.steps, h.disabled"),
            signedSteps, &groups))
        return e;
    const QString now = signatures::timeText(m_clock.now());
    for (const QVariantList& g : std::as_const(groups)) {
        Row row;
        row.checklistRow = g.at(0).toLongLong();
        row.start = QDate::fromString(g.at(1).toString(), Qt::ISODate);
        row.hire.disabled = g.at(4).toLongLong() != 0;
        Untouched group;
        group.doneSteps = g.at(2).toString();
        // When a step that needs no review was done decides no figure.
        Related done;
        for (const QString& step : group.doneSteps.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            done.records[0].append(QVariantList{step, now, QString()});
        if (Error e = buildStatus(row, done, &checklists, &group.status))
            return e;
        group.checklistRow = row.checklistRow;
        group.count = int(g.at(3).toLongLong());
        untouched->append(std::move(group));
    }
    return {};
}

Error Enrollments::untouchedHires(const Untouched& group, int limit, QList<Person>* out)
{
    if (m_vault.me().role != Role::Admin)
        return {};
    Checklists checklists;
    QString signedJson;
    if (Error e = signedStepsJson(&checklists, &signedJson))
        return e;
    QList<QVariantList> rows;
    // Walks the hires in name order until the group has given \a limit.
    const QString inGroup = group.doneSteps.isEmpty()
        ? QString(QStringLiteral("t.id NOT IN ") + kTouched)
        : QString(QStringLiteral("t.id IN (SELECT id FROM ") + kDone
                  + QStringLiteral(" WHERE steps = ?4) AND t.id NOT IN ") + kSigned);
    if (Error e = m_vault.db().execute(
            QStringLiteral("SELECT h.id, h.name, h.display_name, h.role, h.disabled, h.sign_public_key "
                           "FROM people h CROSS JOIN enrollments t ON t.hire_id = h.id "
                           "WHERE t.checklist_id = ?2 AND t.start_date = ?3 AND (h.disabled != 0) = ?6 AND ")
                + inGroup + QStringLiteral(" ORDER BY h.name LIMIT ?5"),
            {signedJson, group.checklistRow, group.status.start.toString(Qt::ISODate), group.doneSteps, limit,
             group.status.hire.disabled},
            &rows))
        return e;
    for (const QVariantList& r : std::as_const(rows))
        out->append(personAt(r, 0));
    return {};
}

Error Enrollments::requireStep(const EnrollmentStatus& status, const QString& stepId, const StepView** out) const
{
    for (const StepView& view : status.steps) {
        if (view.step.id == stepId) {
            *out = &view;
            return {};
        }
    }
    QStringList ids;
    for (const StepView& view : status.steps)
        ids.append(view.step.id);
    return Error(ErrorKind::InvalidInput,
                 Tr::tr("no step '%1' in checklist '%2' version %3 (steps: %4)")
                     .arg(stepId, status.checklistId)
                     .arg(status.checklistVersion)
                     .arg(ids.join(QStringLiteral(", "))));
}

Error Enrollments::ownStep(const QString& hire, const QString& stepId, const QString& notYours,
                           EnrollmentStatus* status, const StepView** view)
{
    if (m_vault.me().name != hire)
        return Error(ErrorKind::NotPermitted, notYours);
    if (Error e = this->status(hire, status))
        return e;
    return requireStep(*status, stepId, view);
}

Error Enrollments::markDone(const QString& hire, const QString& stepId, const QString& note)
{
    EnrollmentStatus status;
    const StepView* view = nullptr;
    if (Error e = ownStep(hire, stepId, Tr::tr("only %1 can mark their own steps done").arg(hire), &status, &view))
        return e;
    if (view->done)
        return Error(ErrorKind::InvalidInput, Tr::tr("“%1” is already done").arg(view->step.title));
    if (!note.isEmpty())
        if (Error e = StepThread::checkBody(note))
            return e;
    // The note joins the step's conversation, signed, in the same transaction.
    return writeOwnStep(status, stepId, QStringLiteral("step.done"),
                        QStringLiteral("INSERT INTO step_records (enrollment_id, step_id, done_at, note) "
                                       "VALUES (?1, ?2, ?3, ?4)"),
                        {signatures::timeText(m_clock.now()), note}, [&]() -> Error {
                            if (note.isEmpty())
                                return {};
                            qint64 id = 0;
                            return StepThread(m_vault, m_clock).insert(status, stepId, note, &id);
                        });
}

Error Enrollments::undo(const QString& hire, const QString& stepId)
{
    EnrollmentStatus status;
    const StepView* view = nullptr;
    if (Error e = ownStep(hire, stepId, Tr::tr("only %1 can undo their own steps").arg(hire), &status, &view))
        return e;
    if (!view->done)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("“%1” is not done, so there is nothing to undo").arg(view->step.title));
    if (view->approved)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("“%1” is approved by %2 and can no longer be undone; ask your mentor to reopen it")
                         .arg(view->step.title,
                              view->reviewerDisplayName.isEmpty() ? view->reviewer : view->reviewerDisplayName));
    // The sign-off was given on the records as they stand: they stay so.
    if (status.signedOffAt.isValid())
        return Error(ErrorKind::NotPermitted, status.undoRefusedAfterSignoff(*view));
    return writeOwnStep(status, stepId, QStringLiteral("step.undo"),
                        QStringLiteral("DELETE FROM step_records WHERE enrollment_id = ?1 AND step_id = ?2"), {});
}

Error Enrollments::writeOwnStep(const EnrollmentStatus& status, const QString& stepId, const QString& action,
                                const QString& sql, const QVariantList& more, const std::function<Error()>& also)
{
    Database& db = m_vault.db();
    Database::Transaction transaction(db);
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = db.execute(sql, QVariantList{status.enrollmentId, stepId} + more))
        return e;
    if (also)
        if (Error e = also())
            return e;
    QJsonObject details{{QStringLiteral("step"), stepId}, {QStringLiteral("enrollment"), status.enrollmentId}};
    // The time the row says it was done, signed: the ledger check holds the row to it.
    if (action == QLatin1String("step.done"))
        details.insert(QStringLiteral("done_at"), more.value(0).toString());
    if (Error e = AuditLog::append(m_vault, action, status.hire.name, details))
        return e;
    return transaction.commit();
}

Error Enrollments::actAsMentorOf(const QString& hire, const QString& selfMessage, const QString& notMentorMessage,
                                 bool mentorRoleNow, const std::function<Error(const EnrollmentStatus&)>& act)
{
    // The act is decided from records verified inside its own transaction.
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = m_vault.requireActive())
        return e;
    EnrollmentStatus status;
    if (Error e = this->status(hire, &status))
        return e;
    const Person& me = m_vault.me();
    if (me.id == status.hire.id)
        return Error(ErrorKind::NotPermitted, selfMessage);
    if (me.id != status.mentor.id || (mentorRoleNow && me.role != Role::Mentor))
        return Error(ErrorKind::NotPermitted, notMentorMessage.arg(hire, status.mentor.name));
    if (Error e = act(status))
        return e;
    return transaction.commit();
}

Error Enrollments::review(const QString& hire, const QString& stepId, bool approve, const QString& comment)
{
    return actAsMentorOf(
        hire, Tr::tr("you cannot review your own steps"), Tr::tr("only %1's mentor, %2, can review their steps"), false,
        [&](const EnrollmentStatus& status) { return recordReview(status, stepId, approve, comment); });
}

Error Enrollments::recordReview(const EnrollmentStatus& status, const QString& stepId, bool approve,
                                const QString& comment)
{
    const QString& hire = status.hire.name;
    const StepView* view = nullptr;
    if (Error e = requireStep(status, stepId, &view))
        return e;
    if (!view->step.signoff)
        return Error(ErrorKind::InvalidInput, Tr::tr("“%1” needs no mentor approval").arg(view->step.title));
    if (!view->done)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("“%1” is not done yet; it can be reviewed once %2 marks it done")
                         .arg(view->step.title, status.hire.shownName()));
    if (!approve) {
        if (Error e = m_vault.db().execute(
                QStringLiteral("DELETE FROM step_records WHERE enrollment_id = ?1 AND step_id = ?2"),
                {status.enrollmentId, stepId}))
            return e;
    }
    const QString decision = approve ? kApproved : kRejected;
    const QDateTime at = m_clock.now();
    const QByteArray signature = m_vault.sign(signatures::stepReview(
        status.enrollmentId, hire, stepId, status.checklistId, status.checklistVersion, decision, at));
    if (Error e = recordSigned(status, QStringLiteral("step_reviews"),
                               QStringLiteral("INSERT INTO step_reviews (enrollment_id, mentor_id, checklist_version, "
                                              "decision, at, signature, step_id, comment) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
                               decision, at, signature, {stepId, comment},
                               approve ? QStringLiteral("step.approve") : QStringLiteral("step.reject"),
                               {{QStringLiteral("step"), stepId}}))
        return e;
    return {};
}

Error Enrollments::recordSigned(const EnrollmentStatus& status, const QString& table, const QString& insert,
                                const QString& decision, const QDateTime& at, const QByteArray& signature,
                                const QVariantList& more, const QString& action, QJsonObject details)
{
    Database& db = m_vault.db();
    if (Error e = db.execute(insert,
                             QVariantList{status.enrollmentId, m_vault.me().id, status.checklistVersion, decision,
                                          signatures::timeText(at), signature}
                                 + more))
        return e;
    QJsonArray vouched;
    if (Error e = records::vouch(db, table, db.lastInsertId(), &vouched))
        return e;
    details.insert(QStringLiteral("version"), status.checklistVersion);
    details.insert(QStringLiteral("enrollment"), status.enrollmentId);
    details.insert(records::key(), vouched);
    return AuditLog::append(m_vault, action, status.hire.name, details);
}

Error Enrollments::signOff(const QString& hire)
{
    // The gate is decided from records verified inside the releasing transaction.
    return actAsMentorOf(hire, Tr::tr("nobody can sign off their own production access"),
                         Tr::tr("only %1's mentor, %2, can sign off production access"), true,
                         [this](const EnrollmentStatus& status) { return recordSignoff(status); });
}

Error Enrollments::recordSignoff(const EnrollmentStatus& status)
{
    const QString& hire = status.hire.name;
    if (const QStringList open = status.beforeSignoff(); !open.isEmpty())
        return Error(ErrorKind::NotPermitted, Tr::tr("cannot sign off yet: %1").arg(open.join(QStringLiteral("; "))));
    if (status.decision.allowed)
        return Error(ErrorKind::InvalidInput, Tr::tr("%1's production access is already signed off").arg(hire));
    StoredChecklist signedChecklist;
    if (Error e = ChecklistStore(m_vault).get(status.checklistId, status.checklistVersion, &signedChecklist))
        return e;
    // The sign-off binds the exact checklist version it approves.
    QByteArray checklistDigest;
    if (Error e = records::digest(m_vault.db(), QStringLiteral("checklists"), signedChecklist.rowId, &checklistDigest))
        return e;
    const QDateTime at = m_clock.now();
    const QByteArray signature =
        m_vault.sign(signatures::finalSignoff(status.enrollmentId, hire, status.checklistId, status.checklistVersion,
                                              checklistDigest, kProductionAccess, at));
    if (Error e = recordSigned(status, QStringLiteral("signoffs"),
                               QStringLiteral("INSERT INTO signoffs (enrollment_id, mentor_id, checklist_version, "
                                              "decision, at, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                               kProductionAccess, at, signature, {}, QStringLiteral("signoff"),
                               {{QStringLiteral("checklist"), status.checklistId},
                                {QStringLiteral("checklist_digest"), QString::fromLatin1(checklistDigest.toBase64())}}))
        return e;
    // The mentor's session seals each production credential to the hire.
    if (Error e =
            Credentials(m_vault, m_clock).grantProduction(status.enrollmentId, status.hire, signedChecklist.checklist))
        return e;
    return {};
}

} // namespace onramp
