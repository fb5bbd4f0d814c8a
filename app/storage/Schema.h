#pragma once

#include "Error.h"

#include <QString>

namespace onramp {

class Database;

/// The schema version this Onramp writes (PRAGMA user_version).
int latestSchemaVersion();

/// Brings \a db up to latestSchemaVersion(), one transaction per step. An
/// existing vault is first copied to "<file>.backup-v<N>"; a vault from a newer
/// Onramp is refused (ErrorKind::InvalidInput) and left untouched.
Error migrateSchema(Database& db);

/// Compares \a db's sqlite_schema with the exact schema the migration steps
/// make (built once in memory): a table, index, trigger or view that Onramp
/// did not create, one it created that is gone, or one whose SQL differs is
/// ErrorKind::Damaged naming it. Every person holds the master key, so a
/// hire could plant a trigger that runs inside an admin's session.
Error checkSchemaExact(Database& db);

} // namespace onramp
