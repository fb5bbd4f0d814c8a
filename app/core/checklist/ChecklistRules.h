#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace onramp {

/// True if text is a slug: [a-z0-9][a-z0-9-_]*.
bool isSlug(const QString& text);

/// A `postgresql:` credential's names, as a checklist may give them: a
/// provider connection (`server:`, [a-z0-9][a-z0-9_-]{0,62}); a role or
/// database name ([a-z_][a-z0-9_]{0,62}), for a group role (`roles:`, also
/// not one of PostgreSQL's pg_ roles: see isPgPredefinedRole) or a sandbox's
/// template database (`template:`, also not onramp_…).
bool isPgConnectionName(const QString& name);
bool isPgName(const QString& name);
/// True for a name PostgreSQL keeps for its predefined roles (pg_…).
inline bool isPgPredefinedRole(const QString& name)
{
    return name.startsWith(QLatin1String("pg_"));
}

/// A slug made from free text ("Read the handbook!" -> "read-the-handbook"); may be empty.
QString slugify(const QString& text);

/// Seconds in a duration written as 30d, 8h, 45m or 90s; nullopt unless positive and at most 3650d.
std::optional<qint64> parseTtl(const QString& text);

/// The shortest form parseTtl() reads back to the same number of seconds.
QString formatTtl(qint64 seconds);

/// The host named by a field value ("db.prod.internal", "user@host:5432",
/// "postgres://u@host/db"), lower-case; empty if the value names none.
QString hostOf(const QString& value);

/// True if host matches a production_hosts entry: exactly (case-insensitive) or
/// as a glob where '*' stands for one or more characters and '?' for one.
bool hostMatches(const QString& host, const QString& pattern);

/// An entry of production_hosts as the gate compares it: trimmed, lower-case,
/// without trailing dots ("DB.Prod." is "db.prod"); empty when \a entry is
/// not a host name or a glob. The one rule for the importer and the editor.
///
/// An entry only guards what it can match, and it is matched against the host
/// hostOf() finds in a field value: lower-case, without scheme, user, port or
/// path. So an entry holding any of those ("postgres://db.prod",
/// "ada@db.prod", "db.prod:5432", "[::1]") would match nothing and leave the
/// host it means unguarded; it is refused. What is kept: a name of labels of
/// letters (of any script, as in "bücher.prod"), digits, '_' and the glob
/// characters '*' and '?', joined by '.' and '-' (no empty label, nor one
/// starting or ending the entry); or an IPv6 address, hex digits with ':' and
/// '.', in the same glob characters and without its brackets.
QString productionHostEntry(const QString& entry);

/// The entry of \a patterns that the host named by field value \a value
/// matches (that host goes to \a host); empty when it names none of them.
/// The rule that keeps sandbox credentials off production hosts.
QString matchingProductionHost(const QString& value, const QStringList& patterns, QString* host = nullptr);

/// True if \a host (as hostOf() gives it) reads like a production host: one
/// of its labels, split at '.', '-' and '_', is "prod", "production", "prd"
/// or "live" ("api.prod.internal", "db-prod-1"). A hint for a warning only:
/// what the gate refuses is what production_hosts lists.
bool looksLikeProductionHost(const QString& host);

/// The placeholders a credential field may use, as renderField() fills them in:
/// {{hire}}, {{hire_display}} and {{enrollment}}.
const QStringList& fieldPlaceholders();

/// The first "{{…}}" in a field value that is not one of fieldPlaceholders(),
/// cut to 40 characters (a "{{" with no "}}" after it counts, as its first 20
/// characters); empty if there is none.
QString unknownPlaceholder(const QString& value);

/// True if a field of this name would hold a secret (password, token, api_key, …).
bool isSecretFieldName(const QString& name);

/// True if a field value carries a secret inline: a password in a URL, a private
/// key block, or a well-known token prefix.
bool containsLiteralSecret(const QString& value);

} // namespace onramp
