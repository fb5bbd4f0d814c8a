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

} // namespace onramp
