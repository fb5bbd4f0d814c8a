#include "Schema.h"

#include "Database.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>

namespace onramp {

Q_LOGGING_CATEGORY(lcSchema, "onramp.vault.schema", QtWarningMsg)

namespace {

Error run(Database& db, const QStringList& statements)
{
    for (const QString& sql : statements)
        if (Error e = db.execute(sql))
            return e;
    return {};
}

// Version 1: people and settings.
Error migrateTo1(Database& db)
{
    return run(db,
               {
                   QStringLiteral("CREATE TABLE settings ("
                                  " key TEXT PRIMARY KEY,"
                                  " value TEXT NOT NULL)"),
                   QStringLiteral("CREATE TABLE people ("
                                  " id INTEGER PRIMARY KEY,"
                                  " name TEXT NOT NULL UNIQUE,"
                                  " display_name TEXT NOT NULL,"
                                  " role TEXT NOT NULL CHECK (role IN ('hire', 'mentor', 'admin')),"
                                  " disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
                                  " sign_public_key BLOB NOT NULL CHECK (length(sign_public_key) = 32),"
                                  " created_at TEXT NOT NULL)"),
               });
}

// Version 2: checklists (versioned), enrollments, step records, the mentor's
// signed step reviews and final sign-offs.
Error migrateTo2(Database& db)
{
    return run(db,
               {
                   QStringLiteral("CREATE TABLE checklists ("
                                  " id INTEGER PRIMARY KEY,"
                                  " slug TEXT NOT NULL,"
                                  " version INTEGER NOT NULL CHECK (version > 0),"
                                  " title TEXT NOT NULL,"
                                  " yaml BLOB NOT NULL,"
                                  " imported_at TEXT NOT NULL,"
                                  " imported_by INTEGER REFERENCES people(id),"
                                  " UNIQUE (slug, version))"),
                   QStringLiteral("CREATE TABLE enrollments ("
                                  " id INTEGER PRIMARY KEY,"
                                  " hire_id INTEGER NOT NULL UNIQUE REFERENCES people(id),"
                                  " mentor_id INTEGER NOT NULL REFERENCES people(id),"
                                  " checklist_id INTEGER NOT NULL REFERENCES checklists(id),"
                                  " start_date TEXT NOT NULL,"
                                  " created_at TEXT NOT NULL,"
                                  " CHECK (hire_id <> mentor_id))"),
                   QStringLiteral("CREATE TABLE step_records ("
                                  " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                                  " step_id TEXT NOT NULL,"
                                  " done_at TEXT NOT NULL,"
                                  " note TEXT NOT NULL DEFAULT '',"
                                  " PRIMARY KEY (enrollment_id, step_id))"),
                   QStringLiteral("CREATE TABLE step_reviews ("
                                  " id INTEGER PRIMARY KEY,"
                                  " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                                  " step_id TEXT NOT NULL,"
                                  " checklist_version INTEGER NOT NULL,"
                                  " mentor_id INTEGER NOT NULL REFERENCES people(id),"
                                  " decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),"
                                  " comment TEXT NOT NULL DEFAULT '',"
                                  " at TEXT NOT NULL,"
                                  " signature BLOB NOT NULL)"),
                   QStringLiteral("CREATE TABLE signoffs ("
                                  " id INTEGER PRIMARY KEY,"
                                  " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                                  " mentor_id INTEGER NOT NULL REFERENCES people(id),"
                                  " checklist_version INTEGER NOT NULL,"
                                  " decision TEXT NOT NULL,"
                                  " at TEXT NOT NULL,"
                                  " signature BLOB NOT NULL)"),
               });
}

// Version 3: credentials. Sandbox secrets sealed to the hire; production
// grants sealed to the hire with a signed expiry; static secrets and kept
// production secrets encrypted under the production key (hire_id NULL: shared).
Error migrateTo3(Database& db)
{
    return run(db,
               {
                   QStringLiteral("CREATE TABLE credential_secrets ("
                                  " credential_id TEXT NOT NULL,"
                                  " environment TEXT NOT NULL CHECK (environment IN ('sandbox', 'production')),"
                                  " hire_id INTEGER REFERENCES people(id),"
                                  " box BLOB NOT NULL,"
                                  " set_at TEXT NOT NULL,"
                                  " set_by INTEGER NOT NULL REFERENCES people(id))"),
                   QStringLiteral("CREATE UNIQUE INDEX credential_secrets_key"
                                  " ON credential_secrets (credential_id, environment, ifnull(hire_id, 0))"),
                   QStringLiteral("CREATE TABLE sandbox_credentials ("
                                  " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                                  " credential_id TEXT NOT NULL,"
                                  " sealed BLOB,"
                                  " issued_at TEXT NOT NULL,"
                                  " PRIMARY KEY (enrollment_id, credential_id))"),
                   QStringLiteral("CREATE TABLE credential_grants ("
                                  " id INTEGER PRIMARY KEY,"
                                  " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                                  " credential_id TEXT NOT NULL,"
                                  " sealed BLOB,"
                                  " granted_at TEXT NOT NULL,"
                                  " expires_at TEXT NOT NULL,"
                                  " granted_by INTEGER NOT NULL REFERENCES people(id),"
                                  " signature BLOB NOT NULL,"
                                  " ended TEXT CHECK (ended IN ('revoked', 'renewed', 'expired')),"
                                  " ended_at TEXT,"
                                  " ended_by INTEGER REFERENCES people(id))"),
                   QStringLiteral("CREATE INDEX credential_grants_by_enrollment"
                                  " ON credential_grants (enrollment_id, credential_id)"),
               });
}

// Version 4: the audit log (docs/SECURITY.md, "Audit log"). Append-only:
// triggers refuse UPDATE and DELETE through SQL (a guard against mistakes in
// `vault sql`; the chain and signatures are what detect a determined edit).
// The key of the entries' BLAKE2b hashes is random, kept in settings, so it
// survives a rekey; an existing vault gets one here.
Error migrateTo4(Database& db)
{
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    const QString keyHex = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(key), sizeof key).toHex());
    sodium_memzero(key, sizeof key);
    if (Error e = run(db,
                      {
                          QStringLiteral("CREATE TABLE audit_log ("
                                         " seq INTEGER PRIMARY KEY,"
                                         " at TEXT NOT NULL,"
                                         " actor_id INTEGER NOT NULL,"
                                         " actor_name TEXT NOT NULL,"
                                         " action TEXT NOT NULL,"
                                         " subject TEXT NOT NULL,"
                                         " details TEXT NOT NULL,"
                                         " prev_hash BLOB NOT NULL,"
                                         " hash BLOB NOT NULL,"
                                         " signature BLOB NOT NULL)"),
                          QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                                         " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
                          QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
                                         " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
                      }))
        return e;
    return db.execute(QStringLiteral("INSERT INTO settings (key, value) VALUES ('audit_hash_key', ?)"), {keyHex});
}

// HOW TO ADD A MIGRATION: write `Error migrateToN(Database& db)` that runs the
// step's statements (CREATE TABLE, ALTER TABLE, data fixes) and append it to
// this list. Entry i brings the schema from version i to i + 1; the runner
// wraps each step in its own transaction and sets user_version. Never edit a
// step that has shipped: add a new one.
// Version 5: each person's row carries an attestation, a BLAKE2b MAC keyed
// with the production key over (vault, name, role, public key). Every person
// holds the master key and can write rows; only admins and mentors hold the
// production key, so only they can make a row their sessions will trust.
Error migrateTo5(Database& db)
{
    return run(db, {QStringLiteral("ALTER TABLE people ADD COLUMN attest BLOB")});
}

// Version 6: the conversation on a step. Each note is signed by its author;
// notes are shown, never decide anything (docs/SECURITY.md, "Step notes").
Error migrateTo6(Database& db)
{
    return run(db,
               {QStringLiteral("CREATE TABLE step_notes ("
                               " id INTEGER PRIMARY KEY,"
                               " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                               " step_id TEXT NOT NULL,"
                               " author_id INTEGER NOT NULL REFERENCES people(id),"
                               " body TEXT NOT NULL,"
                               " at TEXT NOT NULL,"
                               " signature BLOB NOT NULL)"),
                QStringLiteral("CREATE INDEX step_notes_by_step ON step_notes (enrollment_id, step_id)")});
}

// Version 7: indexes for what a viewer sees. A mentor's page reads their
// mentees' enrollments, and every status its reviews and sign-offs, through
// them instead of scanning the tables.
Error migrateTo7(Database& db)
{
    return run(db,
               {
                   QStringLiteral("CREATE INDEX enrollments_by_mentor ON enrollments (mentor_id)"),
                   QStringLiteral("CREATE INDEX step_reviews_by_enrollment ON step_reviews (enrollment_id)"),
                   QStringLiteral("CREATE INDEX signoffs_by_enrollment ON signoffs (enrollment_id)"),
               });
}

// Version 8: the audit log by action. Opening and signing in read the newest
// entry of one action (a restore, who gave a person their passphrase, the
// production key's check); without this index each such read walks the
// whole log backwards when the action is rare or absent.
Error migrateTo8(Database& db)
{
    return run(db, {QStringLiteral("CREATE INDEX audit_log_by_action ON audit_log (action, seq)")});
}

// Version 9: the entries that gave a person a key, by that key. Signing in
// reads the newest `person.add` or `passphrase.reset` whose details name the
// person's public key (whether the passphrase was handed over); with the
// index by action alone that read parsed every such entry, one a person.
// Details that are not JSON (only a hand-edited row) index as NULL rather
// than failing the migration or the insert.
Error migrateTo9(Database& db)
{
    return run(db,
               {QStringLiteral("CREATE INDEX audit_log_by_public_key ON audit_log ("
                               "(CASE WHEN json_valid(details) THEN json_extract(details, '$.public_key') END), seq)"
                               " WHERE action IN ('person.add', 'passphrase.reset')")});
}

// Version 10: the non-secret fields a provider made with a credential (the
// `postgresql` provider's host, port, database and login), a JSON object kept
// beside the sealed secret; NULL when the provider made none. A grant's
// fields are in the bytes its granter signs. And the revocations at a
// credential's source (a database login) that could not be done yet: one
// row each until `onramp cred sweep` (or a new grant) does it.
Error migrateTo10(Database& db)
{
    return run(db,
               {QStringLiteral("ALTER TABLE sandbox_credentials ADD COLUMN fields TEXT"),
                QStringLiteral("ALTER TABLE credential_grants ADD COLUMN fields TEXT"),
                QStringLiteral("CREATE TABLE source_revokes ("
                               " enrollment_id INTEGER NOT NULL REFERENCES enrollments(id),"
                               " credential_id TEXT NOT NULL,"
                               " requested_at TEXT NOT NULL,"
                               " requested_by INTEGER NOT NULL REFERENCES people(id),"
                               " last_error TEXT NOT NULL,"
                               " PRIMARY KEY (enrollment_id, credential_id))")});
}

// Version 11: the seal of each kept secret shared by every hire. The box is
// encrypted with it in its associated data, and the admin's signed
// `credential.set` or `provider.set` names it, so that an earlier box of the
// same credential put back in the folder is found (docs/SECURITY.md, "What
// each record's signature covers"). Rows kept before have none (NULL).
Error migrateTo11(Database& db)
{
    return run(db,
               {QStringLiteral("ALTER TABLE credential_secrets ADD COLUMN seal BLOB"
                               " CHECK (seal IS NULL OR length(seal) = 16)")});
}

using Step = Error (*)(Database&);
const Step kSteps[] = {
    migrateTo1, migrateTo2, migrateTo3, migrateTo4,  migrateTo5,  migrateTo6,
    migrateTo7, migrateTo8, migrateTo9, migrateTo10, migrateTo11,
};

int userVersion(Database& db, Error* error)
{
    return int(db.scalar(QStringLiteral("PRAGMA user_version"), {}, error).toLongLong());
}

struct SchemaObject {
    QString type;
    QString table;
    QString sql;
    bool operator==(const SchemaObject&) const = default;
};

Error readSchema(Database& db, QMap<QString, SchemaObject>* out)
{
    QList<QVariantList> rows;
    // The planner's statistics tables are SQLite's own (ANALYZE makes them);
    // only as tables: a trigger or view may not hide behind their names.
    if (Error e = db.execute(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                            "WHERE NOT (type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4'))"),
                             {}, &rows))
        return e;
    for (const QVariantList& r : rows)
        out->insert(r.at(1).toString(), SchemaObject{r.at(0).toString(), r.at(2).toString(), r.at(3).toString()});
    return {};
}

/// "a table", "an index", "a trigger", "a view".
QString objectKind(const QString& type)
{
    if (type == QLatin1String("table"))
        return Tr::tr("a table");
    if (type == QLatin1String("index"))
        return Tr::tr("an index");
    if (type == QLatin1String("trigger"))
        return Tr::tr("a trigger");
    if (type == QLatin1String("view"))
        return Tr::tr("a view");
    return Tr::tr("an object of type %1").arg(type);
}

} // namespace

Error checkSchemaExact(Database& db)
{
    static QMap<QString, SchemaObject> expected;
    static Error built = [] {
        std::unique_ptr<Database> memory;
        if (Error e = Database::openInMemory(&memory))
            return e;
        for (const Step step : kSteps)
            if (Error e = step(*memory))
                return e;
        return readSchema(*memory, &expected);
    }();
    if (built)
        return built;
    QMap<QString, SchemaObject> found;
    if (Error e = readSchema(db, &found))
        return e;
    const int version = userVersion(db, nullptr);
    if (version != latestSchemaVersion())
        return Error(ErrorKind::Damaged,
                     Tr::tr("vault database %1 claims schema %2, but this Onramp made schema %3")
                         .arg(db.path())
                         .arg(version)
                         .arg(latestSchemaVersion()));
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        const auto want = expected.constFind(it.key());
        if (want == expected.cend())
            return Error(ErrorKind::Damaged,
                         Tr::tr("vault database %1 holds %2 '%3' (on %4) that Onramp did not create; nothing "
                                "privileged runs beside it: an admin removes it with 'onramp vault sql'")
                             .arg(db.path(), objectKind(it->type), it.key(), it->table));
        if (!(*want == *it))
            return Error(ErrorKind::Damaged,
                         Tr::tr("vault database %1: %2 '%3' is not the one Onramp created (its definition was "
                                "changed)")
                             .arg(db.path(), objectKind(it->type), it.key()));
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        if (!found.contains(it.key()))
            return Error(ErrorKind::Damaged,
                         Tr::tr("vault database %1: %2 '%3' that Onramp created is missing")
                             .arg(db.path(), objectKind(it->type), it.key()));
    return {};
}

int latestSchemaVersion()
{
    return int(std::size(kSteps));
}

Error migrateSchema(Database& db)
{
    Error error;
    const int found = userVersion(db, &error);
    if (error)
        return error;
    if (found > latestSchemaVersion())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the vault %1 was written by a newer Onramp (schema %2; this Onramp knows up to %3); "
                            "upgrade Onramp to open it")
                         .arg(db.path())
                         .arg(found)
                         .arg(latestSchemaVersion()));
    if (found == latestSchemaVersion())
        return {};

    if (found > 0) {
        // BEGIN IMMEDIATE keeps other writers out while the file is copied.
        Database::Transaction hold(db);
        if (hold.beginError())
            return hold.beginError();
        const QString backup = db.path() + QStringLiteral(".backup-v%1").arg(found);
        QFile::remove(backup);
        if (!QFile::copy(db.path(), backup))
            return Error(ErrorKind::Io, Tr::tr("cannot back up %1 to %2 before upgrading it").arg(db.path(), backup));
        QFile::setPermissions(backup, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qCInfo(lcSchema) << "backed up" << db.path() << "before migrating from schema" << found;
        if (Error e = hold.commit())
            return e;
    }
    for (int version = found; version < latestSchemaVersion(); ++version) {
        Database::Transaction step(db);
        if (step.beginError())
            return step.beginError();
        const int now = userVersion(db, &error);
        if (error)
            return error;
        if (now != version) // another process migrated meanwhile
            continue;
        if (Error e = kSteps[version](db))
            return e;
        if (Error e = db.execute(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)))
            return e;
        if (Error e = step.commit())
            return e;
    }
    return {};
}

} // namespace onramp
