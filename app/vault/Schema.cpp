#include "Schema.h"

#include "Database.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

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
    return run(db, {
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
    return run(db, {
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
    return run(db, {
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

// Version 4: the audit log (docs/ARCHITECTURE.md, "Audit log"). Append-only:
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
    if (Error e = run(db, {
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

using Step = Error (*)(Database&);
const Step kSteps[] = {
    migrateTo1,
    migrateTo2,
    migrateTo3,
    migrateTo4,
    migrateTo5,
};

int userVersion(Database& db, Error* error)
{
    return int(db.scalar(QStringLiteral("PRAGMA user_version"), {}, error).toLongLong());
}

} // namespace

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
                        "upgrade Onramp to open it").arg(db.path()).arg(found).arg(latestSchemaVersion()));
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
