#pragma once

#include "Error.h"

#include <QByteArray>

namespace onramp::server {

class PgConnection;

/// The team server's schema: SQL files in the library's resources, one per
/// version, applied in order by migrate() and recorded in onramp.schema_version.
namespace schema {

/// The newest schema version this Onramp knows.
constexpr int kLatestVersion = 13;

/// Who records what, as the JSON object schema 8 fills
/// onramp.audit_actions from: each action of the folder vault's table
/// (audit/ActionRoles.h) with the roles that may record it, and team.init an
/// admin's. migrate() hands it to that step as the setting
/// onramp.action_roles, so that the server's list is the client's.
QByteArray actionRolesJson();

/// The version \a connection's database holds: 0 when it has no Onramp schema.
Error currentVersion(PgConnection& connection, int* version);

/// Brings the database to kLatestVersion, each step in one transaction under
/// an advisory lock, so that two migrating clients take turns. Runs as a role
/// that may create roles (onramp team init). A database at the latest version
/// is left as it is; one that holds no Onramp schema but other objects, or a
/// newer schema than this Onramp knows, is refused and left untouched.
/// \a upTo stops at an older version (tests of a later step's migration).
Error migrate(PgConnection& connection, int upTo = kLatestVersion);

} // namespace schema

} // namespace onramp::server
