// What a command or page load costs as the vault grows: `status HIRE`, `cred
// list` as an admin (the overview, one hire, a page of 100 hires and every
// hire's), the report and the mentor page (the core calls behind them), the
// SQLite integrity check a privileged check runs (the whole file before, the
// record tables now), and Database::open on a file of the vault's size.
// Usage: bench_scale [--dir DIR] [--api] [--rows ROW,...] [PEOPLE]...   (default: 1000 10000 100000)
// One mentor per ten people; every hire enrolled, every tenth with two steps
// done, every fiftieth signed off (so production grants exist), and an audit
// log of about two entries a person. The admin, the first mentors and hires,
// their steps, reviews and sign-offs are made through the core API with the
// test KDF. The other people and enrollments are written in bulk as rows of
// the same shape (with --api, through the API too: each act checks the whole
// vault against its log first, so building grows with the square of the size
// there). Bulk rows are not vouched for by the log, so the timed calls of a
// bulk-built vault run in a session that has checked it (the "ledger" column
// shows "-"); with --api the check is timed apart, cold (the process's first)
// and warm (the same session's next, after a write).
// Vaults are kept in DIR (default: a folder in /tmp) and reused by the next
// run with the same DIR. Each row runs in its own process, as a command would,
// and reports its time and that process's peak RSS.
// The roster import row (sizes up to 1,000) imports a CSV of that many people,
// one mentor per ten and every hire enrolled, into a fresh vault at the
// moderate level, with the real interactive KDF for the random passphrases.
// With BENCH_SCALE_SQL_MS=N in the environment, each row's process prints to
// stderr every SQL statement of its timed call that ran N ms or more.
#include "Crypto.h"
#include "Database.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "people/RosterImport.h"
#include "report/Report.h"
#include "vault/Vault.h"

#include <sqlite3.h>
#include <sys/resource.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcess>
#include <QThread>

#include <cstdio>

using namespace onramp;

namespace {

const QByteArray kPassphrase = "bench scale passphrase";

const QByteArray kChecklist = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: bench
  title: Bench week
  steps:
    - {id: laptop, title: Set up the laptop, required: true, due: 1}
    - {id: handbook, title: Read the handbook, required: true, due: 2}
    - {id: sandbox-tests, title: Run the sandbox tests, signoff: true, due: 3}
    - {id: team, title: Meet the team, due: 5}
    - {id: deploy, title: Deploy to the sandbox, due: 7}
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: generated
    fields: {host: "db.sandbox.internal:5433", user: "{{hire}}"}
    secret: {name: password, length: 24}
  - id: prod-token
    title: Production token
    environment: production
    provider: generated
    secret: {name: token, length: 32}
)";

QString mentorName(qint64 i)
{
    return QStringLiteral("mentor%1").arg(i, 5, 10, QLatin1Char('0'));
}
QString hireName(qint64 i)
{
    return QStringLiteral("hire%1").arg(i, 6, 10, QLatin1Char('0'));
}

bool check(const Error& e, const char* what)
{
    if (e)
        std::fprintf(stderr, "%s: %s\n", what, qPrintable(e.message));
    return !e;
}

// The build trusts its own writes: re-verifying the whole vault before each
// of thousands of acts would make building quadratic. The measured rows
// verify as every command does.
void trustOwnWrites(Vault& vault)
{
    vault.setLedgerVerified({vault.db().dataVersion(), vault.db().totalChanges()});
}

std::unique_ptr<Vault> unlockAs(const QString& dir, const QString& name)
{
    std::unique_ptr<Vault> vault;
    if (!check(Vault::unlock(dir, name, kPassphrase, &vault), "unlock"))
        return {};
    return vault;
}

// Made through the API in bulk mode: the people the timed rows sign in as,
// and enough others that reviews and sign-offs carry real signatures.
constexpr qint64 kApiMentors = 3;
constexpr qint64 kApiHires = 60;

/// Appends \a people - 1 - apiMentors - apiHires people (mentors first,
/// then enrolled hires) as rows, with step records on every tenth hire and
/// signed audit entries, about two a person.
bool addBulk(const QString& dir, qint64 people, qint64 mentors, qint64 hires, qint64 apiMentors, qint64 apiHires)
{
    std::unique_ptr<Vault> admin = unlockAs(dir, QStringLiteral("ada"));
    if (!admin)
        return false;
    Database& db = admin->db();
    Database::Transaction tx(db);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QDate start = QDate::currentDate().addDays(-3);
    const qint64 checklist = db.scalar(QStringLiteral("SELECT max(id) FROM checklists")).toLongLong();
    const auto addPerson = [&](const QString& name, const char* role) {
        const QByteArray key = crypto::generateSignKeyPair().publicKey;
        db.execute(QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)"),
                   {name, name.toUpper(), QString::fromLatin1(role), key, now});
        return db.lastInsertId();
    };
    QList<qint64> mentorIds;
    for (qint64 i = 0; i < mentors; ++i)
        mentorIds.append(i < apiMentors ? admin->person(mentorName(i))->id : addPerson(mentorName(i), "mentor"));
    for (qint64 i = apiHires; i < hires; ++i) {
        const qint64 hire = addPerson(hireName(i), "hire");
        db.execute(QStringLiteral("INSERT INTO enrollments (hire_id, mentor_id, checklist_id, start_date, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)"),
                   {hire, mentorIds.at(i % mentors), checklist, start.toString(Qt::ISODate), now});
        const qint64 enrollment = db.lastInsertId();
        db.execute(QStringLiteral("INSERT INTO sandbox_credentials (enrollment_id, credential_id, sealed, issued_at) "
                                  "VALUES (?1, 'sandbox-db', randomblob(72), ?2)"),
                   {enrollment, now});
        if (i % 10 == 0)
            for (const char* step : {"laptop", "handbook"})
                db.execute(QStringLiteral("INSERT INTO step_records (enrollment_id, step_id, done_at, note) "
                                          "VALUES (?1, ?2, ?3, '')"),
                           {enrollment, QString::fromLatin1(step), now});
    }
    // The log: entries as the API signs them, continuing its chain.
    SecureBytes key;
    AuditLog::hashKey(db, &key);
    qint64 sequence = 0;
    QByteArray previous;
    AuditLog::head(db, &sequence, &previous);
    const qint64 total = sequence + 2 * (people - 1 - apiMentors - apiHires);
    const QString details = QStringLiteral("{\"step\":\"handbook\"}");
    while (sequence < total) {
        AuditEntry e;
        e.sequence = ++sequence;
        e.at = AuditLog::timeText(QDateTime::currentDateTimeUtc());
        e.actorId = admin->me().id;
        e.actorName = admin->me().name;
        e.action = QStringLiteral("vault.sql"); // an admin's act: the log holds every entry to its signer's role
        e.subject = hireName(sequence % hires);
        e.details = details;
        e.previousHash = previous;
        e.hash = AuditLog::computeHash(e, key);
        e.signature = admin->sign(AuditLog::signedMessage(e.hash));
        db.execute(QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject, details, "
                                  "prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {e.sequence, e.at, e.actorId, e.actorName, e.action, e.subject, e.details, e.previousHash, e.hash,
                    e.signature});
        previous = e.hash;
    }
    if (!check(tx.commit(), "bulk rows"))
        return false;
    return check(AuditLog::mirrorHead(db, admin->directory(),
                                      {admin->me().name, [&](QByteArrayView m) { return admin->sign(m); }}),
                 "head");
}

bool build(const QString& dir, qint64 people, bool api)
{
    const qint64 allMentors = std::max<qint64>(1, people / 10);
    const qint64 allHires = people - allMentors - 1;
    const qint64 mentors = api ? allMentors : std::min(allMentors, kApiMentors);
    const qint64 hires = api ? allHires : std::min(allHires, kApiHires);
    std::unique_ptr<Vault> admin;
    if (!check(Vault::create(dir, QStringLiteral("ada"), QStringLiteral("Ada Admin"), kPassphrase,
                             KdfLevel::Interactive, &admin),
               "create"))
        return false;
    ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("bench.yaml"));
    if (!parsed.ok()) {
        std::fprintf(stderr, "checklist: %s\n", qPrintable(parsed.errors.value(0)));
        return false;
    }
    ImportOutcome outcome;
    if (!check(ChecklistStore(*admin).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome), "import"))
        return false;
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; i < mentors; ++i)
        if (!check(People(*admin).add(mentorName(i), QStringLiteral("Mentor %1").arg(i), Role::Mentor, kPassphrase),
                   "mentor add"))
            return false;
    const QDate start = QDate::currentDate().addDays(-3);
    for (qint64 i = 0; i < hires; ++i) {
        if (!check(People(*admin).add(hireName(i), QStringLiteral("Hire %1").arg(i), Role::Hire, kPassphrase),
                   "hire add"))
            return false;
        trustOwnWrites(*admin);
        if (!check(Enrollments(*admin).enroll(hireName(i), QStringLiteral("bench"), mentorName(i % mentors), start),
                   "enroll"))
            return false;
        if (i % 1000 == 999)
            std::fprintf(stderr, "  %lld hires in %.0f s\n", static_cast<long long>(i + 1), timer.elapsed() / 1000.0);
    }
    admin.reset();
    for (qint64 i = 0; i < hires; i += 10) {
        std::unique_ptr<Vault> hire = unlockAs(dir, hireName(i));
        if (!hire)
            return false;
        const bool all = i % 50 == 0;
        for (const char* step : {"laptop", "handbook", "sandbox-tests"}) {
            if (!all && qstrcmp(step, "sandbox-tests") == 0)
                break;
            if (!check(Enrollments(*hire).markDone(hireName(i), QString::fromLatin1(step), {}), "step done"))
                return false;
        }
        if (!all)
            continue;
        hire.reset();
        std::unique_ptr<Vault> mentor = unlockAs(dir, mentorName(i % mentors));
        if (!mentor)
            return false;
        if (!check(Enrollments(*mentor).review(hireName(i), QStringLiteral("sandbox-tests"), true, {}), "review")
            || !check(Enrollments(*mentor).signOff(hireName(i)), "sign-off"))
            return false;
    }
    if (api)
        return true;
    return addBulk(dir, people, allMentors, allHires, mentors, hires);
}

qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/// With BENCH_SCALE_SQL_MS=N set: prints each statement \a db runs from
/// now on that takes N ms or more, with its time (the statement as written,
/// its parameters unbound: this is a benchmark's vault, never a real one).
void profileStatements(Database& db)
{
    bool ok = false;
    static const qint64 thresholdMs = qEnvironmentVariableIntValue("BENCH_SCALE_SQL_MS", &ok);
    if (!ok)
        return;
    sqlite3_trace_v2(
        db.handle(), SQLITE_TRACE_PROFILE,
        [](unsigned, void*, void* statement, void* nanoseconds) -> int {
            const double ms = double(*static_cast<sqlite3_int64*>(nanoseconds)) / 1e6;
            if (ms >= double(thresholdMs))
                std::fprintf(stderr, "  sql %8.1f ms  %s\n", ms, sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
            return 0;
        },
        nullptr);
}

/// SQLite's integrity check of each table with its indexes, timed one by
/// one, to stderr: where Ledger::checkIndexes spends its time.
void printTableChecks(Database& db)
{
    QList<QVariantList> tables;
    db.execute(QStringLiteral("SELECT name, (SELECT count(*) FROM sqlite_schema i WHERE i.type = 'index' AND "
                              "i.tbl_name = t.name) FROM sqlite_schema t WHERE type = 'table' AND name NOT LIKE "
                              "'sqlite\\_%' ESCAPE '\\' ORDER BY name"),
               {}, &tables);
    for (const QVariantList& table : std::as_const(tables)) {
        const QString name = table.value(0).toString();
        QElapsedTimer each;
        each.start();
        QList<QVariantList> result;
        db.execute(QStringLiteral("PRAGMA integrity_check(\"%1\")").arg(name), {}, &result);
        const double ms = double(each.nsecsElapsed()) / 1e6;
        const qint64 rows = db.scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(name)).toLongLong();
        std::fprintf(stderr, "  table %-22s %8.1f ms %8lld rows %lld indexes\n", qPrintable(name), ms,
                     static_cast<long long>(rows), table.value(1).toLongLong());
    }
}

/// In a child process: unlocks as the row's person, verifies the vault once
/// (Ledger::require, reported apart), then times the row's call.
int measureChild(const QString& dir, const QString& row, qint64 people)
{
    const QString hire = hireName(10); // has steps done
    const QString who = row == QLatin1String("status-hire") ? hire
        : row == QLatin1String("mentor-page")               ? mentorName(0)
                                                            : QStringLiteral("ada");
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<Vault> vault = unlockAs(dir, who);
    if (!vault)
        return 1;
    const double unlockMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const bool bulk = !QFileInfo::exists(dir + QStringLiteral("/built-through-api"));
    double warmMs = -1;
    if (vault->me().role != Role::Hire) {
        if (bulk)
            trustOwnWrites(*vault);
        else if (!check(Ledger::require(*vault, QDateTime::currentDateTimeUtc()), "ledger"))
            return 1;
    }
    const double ledgerMs = bulk || vault->me().role == Role::Hire ? -1 : double(timer.nsecsElapsed()) / 1e6;
    if (ledgerMs >= 0) {
        // The next act of the same session after a write: the check runs
        // again, with what this process verified before in memory.
        vault->setLedgerVerified({});
        timer.restart();
        if (!check(Ledger::require(*vault, QDateTime::currentDateTimeUtc()), "ledger, warm"))
            return 1;
        warmMs = double(timer.nsecsElapsed()) / 1e6;
    }
    qint64 count = 0;
    Error error;
    profileStatements(vault->db());
    timer.restart();
    if (row.startsWith(QLatin1String("status"))) {
        EnrollmentStatus status;
        error = Enrollments(*vault).status(hire, &status);
        count = status.steps.size();
    } else if (row == QLatin1String("cred-list")) {
        // Every hire's rows, as `cred list --all` reads and prints them: 500
        // hires a page, each page let go once it is printed.
        QString after;
        for (;;) {
            QStringList hires;
            QList<CredentialView> page;
            error = Credentials(*vault).listPage(after, 500, &page, &hires);
            count += page.size();
            if (error || hires.size() < 500)
                break;
            after = hires.last();
        }
    } else if (row == QLatin1String("cred-overview")) {
        // An admin's plain `cred list`.
        Credentials::Overview overview;
        error = Credentials(*vault).overview(&overview);
        count = overview.credentials.size();
    } else if (row == QLatin1String("cred-hire")) {
        QList<CredentialView> views;
        error = Credentials(*vault).listFor(hire, &views);
        count = views.size();
    } else if (row == QLatin1String("cred-page")) {
        // `cred list --limit 100 --after HIRE`, a page from the middle.
        QList<CredentialView> views;
        error = Credentials(*vault).listPage(hireName(people / 2), 100, &views);
        count = views.size();
    } else if (row == QLatin1String("report")) {
        // What the report page reads: the aggregate figures and the first
        // page of hires (the app's models hand a view 100 rows at a time).
        report::Summary summary;
        error = report::summarize(*vault, &summary, 100);
        QList<report::HireProgress> firstPage;
        if (!error)
            error = report::readProgress(*vault, {}, 100, &firstPage);
        count = summary.counts.hires;
    } else if (row == QLatin1String("integrity-full")) {
        // What Ledger::verify ran before every decision, before the check
        // below: SQLite's check of the whole file (now `vault check`'s).
        QList<QVariantList> result;
        error = vault->db().execute(QStringLiteral("PRAGMA integrity_check"), {}, &result);
        count = result.size();
    } else if (row == QLatin1String("integrity")) {
        // What a privileged act's check runs now: each table with its
        // indexes, but for the audit log's (`vault check`'s). With
        // BENCH_SCALE_TABLES set, each table's share is printed to stderr
        // after it (timed again, apart from this row's figure).
        error = Ledger::checkIndexes(vault->db(), Ledger::Depth::Incremental);
        count = 1;
    } else if (row == QLatin1String("person-found") || row == QLatin1String("person-unknown")) {
        // A lookup by name as an act makes it (Vault::findPerson): a hire
        // found through the name index and read again by key, or a name
        // the index does not know, looked for in the table itself.
        std::optional<Person> person;
        error = Vault::findPerson(vault->db(), row == QLatin1String("person-found") ? hire : QStringLiteral("nobody"),
                                  &person);
        count = person ? 1 : 0;
    } else if (row == QLatin1String("mentor-page")) {
        QList<EnrollmentStatus> list;
        error = Enrollments(*vault).visible(&list);
        count = list.size();
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (!check(error, qPrintable(row)))
        return 1;
    if (row == QLatin1String("integrity") && qEnvironmentVariableIsSet("BENCH_SCALE_TABLES"))
        printTableChecks(vault->db());
    const QString ledger = ledgerMs < 0
        ? QStringLiteral("-")
        : QStringLiteral("%1/%2").arg(QString::number(ledgerMs, 'f', 1), QString::number(warmMs, 'f', 1));
    std::printf("%.1f %s %.1f %lld %lld\n", ms, qPrintable(ledger), unlockMs, static_cast<long long>(count),
                static_cast<long long>(peakRssKiB()));
    return 0;
}

/// In a child process, with the real KDF: a fresh vault, then `person import`
/// of \a people rows, timed.
int importChild(const QString& dir, qint64 people)
{
    qunsetenv("ONRAMP_TEST_KDF");
    const QString vaultDir = dir + QStringLiteral("/import-%1").arg(people);
    QDir(vaultDir).removeRecursively();
    QDir(vaultDir + QStringLiteral("-passphrases")).removeRecursively();
    std::unique_ptr<Vault> vault;
    if (!check(Vault::create(vaultDir, QStringLiteral("ada"), {}, kPassphrase, KdfLevel::Moderate, &vault), "create"))
        return 1;
    ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("bench.yaml"));
    ImportOutcome outcome;
    if (!parsed.ok()
        || !check(ChecklistStore(*vault).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome),
                  "checklist"))
        return 1;
    QByteArray csv = "name,display_name,role,mentor,checklist,start\n";
    for (qint64 i = 0; i < people; ++i) {
        if (i % 10 == 0)
            csv += QStringLiteral("%1,\"Mentor %2, Sr.\",mentor,,,\n").arg(mentorName(i / 10)).arg(i).toUtf8();
        else
            csv += QStringLiteral("%1,Hire %2,hire,%3,%4,2026-12-07\n")
                       .arg(hireName(i))
                       .arg(i)
                       .arg(mentorName(i / 10), outcome.id)
                       .toUtf8();
    }
    const QString file = dir + QStringLiteral("/roster-%1.csv").arg(people);
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(csv) != csv.size())
        return 1;
    out.close();
    QElapsedTimer timer;
    timer.start();
    RosterImportResult result;
    if (!check(RosterImport(*vault).run(file, vaultDir + QStringLiteral("-passphrases"), &result), "import"))
        return 1;
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    std::printf("%.1f 0 0 %lld %lld\n", ms, static_cast<long long>(result.added.size()),
                static_cast<long long>(peakRssKiB()));
    QDir(vaultDir + QStringLiteral("-passphrases")).removeRecursively();
    return 0;
}

/// Database::open on a file of \a bytes, filled through a key of its own.
int openChild(const QString& dir, qint64 bytes)
{
    const QString path = dir + QStringLiteral("/open-%1.db").arg(bytes);
    const SecureBytes key = SecureBytes::random(32);
    QFile::remove(path);
    {
        std::unique_ptr<Database> db;
        if (!check(Database::open(path, key, Database::OpenMode::Create, &db), "create")
            || !check(db->execute(QStringLiteral("CREATE TABLE fill (b BLOB)")), "fill"))
            return 1;
        Database::Transaction tx(*db);
        while (QFileInfo(path).size() + 64 * 1024 < bytes)
            for (int i = 0; i < 16; ++i)
                db->execute(QStringLiteral("INSERT INTO fill VALUES (randomblob(4000))"));
        if (!check(tx.commit(), "fill"))
            return 1;
    }
    double best = 0;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<Database> db;
        if (!check(Database::open(path, key, Database::OpenMode::Existing, &db), "open"))
            return 1;
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        best = run == 0 ? ms : std::min(best, ms);
    }
    std::printf("%.2f 0 0 %lld %lld\n", best, static_cast<long long>(QFileInfo(path).size()),
                static_cast<long long>(peakRssKiB()));
    QFile::remove(path);
    return 0;
}

QString runChild(const QStringList& args)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), args);
    if (!child.waitForFinished(-1) || child.exitCode() != 0)
        return {};
    return QString::fromUtf8(child.readAllStandardOutput()).trimmed();
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("ONRAMP_TEST_KDF", "fast");
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString base = QDir::tempPath() + QStringLiteral("/onramp-bench-scale");
    if (const qsizetype at = args.indexOf(QStringLiteral("--dir")); at >= 0 && at + 1 < args.size()) {
        base = QDir(args.at(at + 1)).absolutePath();
        args.remove(at, 2);
    }
    const bool api = args.removeAll(QStringLiteral("--api")) > 0;
    // --rows a,b: only these rows (cred-list, cred-overview, cred-hire,
    // cred-page, report, status-hire, status-admin, mentor-page, integrity-full,
    // integrity, person-found, person-unknown, open, import).
    QStringList only;
    if (const qsizetype at = args.indexOf(QStringLiteral("--rows")); at >= 0 && at + 1 < args.size()) {
        only = args.at(at + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
        args.remove(at, 2);
    }
    qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(base + QStringLiteral("/trust")));
    QLoggingCategory::setFilterRules(QStringLiteral("onramp.vault.keyfile.warning=false"));
    if (args.value(0) == QLatin1String("--measure"))
        return measureChild(args.value(1), args.value(2), args.value(3).toLongLong());
    if (args.value(0) == QLatin1String("--open"))
        return openChild(args.value(1), args.value(2).toLongLong());
    if (args.value(0) == QLatin1String("--import"))
        return importChild(args.value(1), args.value(2).toLongLong());

    QList<qint64> sizes;
    for (const QString& arg : std::as_const(args))
        sizes.append(arg.toLongLong());
    if (sizes.isEmpty())
        sizes = {1000, 10000, 100000};
    QDir().mkpath(base);
    std::printf("%-8s %-22s %10s %10s %10s %8s %10s\n", "people", "row", "ms", "ledger ms cold/warm", "unlock ms",
                "items", "peak RSS");
    for (const qint64 people : std::as_const(sizes)) {
        const QString dir =
            base + QStringLiteral("/vault-%1%2").arg(people).arg(api ? QStringLiteral("-api") : QString());
        if (!QFileInfo::exists(dir + QLatin1Char('/') + Vault::databaseFileName())) {
            QDir(dir).removeRecursively();
            QElapsedTimer timer;
            timer.start();
            if (!build(dir, people, api))
                return 1;
            if (api) {
                QFile mark(dir + QStringLiteral("/built-through-api"));
                mark.open(QIODevice::WriteOnly);
            }
            std::fprintf(stderr, "built %lld people in %.1f s\n", static_cast<long long>(people),
                         timer.elapsed() / 1000.0);
        }
        // A first run migrates a vault an older build made; it is not measured.
        runChild({QStringLiteral("--dir"), base, QStringLiteral("--measure"), dir, QStringLiteral("status-admin"),
                  QString::number(people)});
        const char* rows[][2] = {{"status-hire", "status HIRE (the hire)"},  {"status-admin", "status HIRE (admin)"},
                                 {"cred-list", "cred list --all (admin)"},   {"cred-overview", "cred list (admin)"},
                                 {"cred-hire", "cred list --hire"},          {"cred-page", "cred list --limit 100"},
                                 {"report", "report load (admin)"},          {"mentor-page", "mentor page load"},
                                 {"integrity-full", "integrity_check, all"}, {"integrity", "Ledger::checkIndexes"},
                                 {"person-found", "a person by name"},       {"person-unknown", "an unknown name"}};
        for (const auto& row : rows) {
            if (!only.isEmpty() && !only.contains(QString::fromLatin1(row[0])))
                continue;
            const QStringList f = runChild({QStringLiteral("--dir"), base, QStringLiteral("--measure"), dir,
                                            QString::fromLatin1(row[0]), QString::number(people)})
                                      .split(QLatin1Char(' '));
            if (f.size() < 5) {
                std::printf("%-8lld %-22s failed\n", static_cast<long long>(people), row[1]);
                continue;
            }
            std::printf("%-8lld %-22s %10s %10s %10s %8s %7.1f MiB\n", static_cast<long long>(people), row[1],
                        qPrintable(f.at(0)), qPrintable(f.at(1)), qPrintable(f.at(2)), qPrintable(f.at(3)),
                        f.at(4).toDouble() / 1024);
            std::fflush(stdout);
        }
        const qint64 size = QFileInfo(dir + QLatin1Char('/') + Vault::databaseFileName()).size();
        const QStringList f = !only.isEmpty() && !only.contains(QStringLiteral("open"))
            ? QStringList()
            : runChild({QStringLiteral("--dir"), base, QStringLiteral("--open"), base, QString::number(size)})
                  .split(QLatin1Char(' '));
        if (f.size() >= 5)
            std::printf("%-8lld %-22s %10s %10s %10s %8s %7.1f MiB  (%.1f MiB file)\n", static_cast<long long>(people),
                        "Database::open", qPrintable(f.at(0)), "-", "-", "-", f.at(4).toDouble() / 1024,
                        f.at(3).toDouble() / 1048576);
        std::fflush(stdout);
        if (people <= 1000 && (only.isEmpty() || only.contains(QStringLiteral("import")))) {
            const QStringList r =
                runChild({QStringLiteral("--dir"), base, QStringLiteral("--import"), base, QString::number(people)})
                    .split(QLatin1Char(' '));
            if (r.size() >= 5)
                std::printf("%-8lld %-22s %10s %10s %10s %8s %7.1f MiB  (real KDF, %d threads)\n",
                            static_cast<long long>(people), "person import (CSV)", qPrintable(r.at(0)), "-", "-",
                            qPrintable(r.at(3)), r.at(4).toDouble() / 1024, QThread::idealThreadCount());
            else
                std::printf("%-8lld %-22s failed\n", static_cast<long long>(people), "person import (CSV)");
            std::fflush(stdout);
        }
    }
    return 0;
}
