// The 'credentials' part of a checklist file, and the rules that keep
// production secrets out of it and production hosts out of the sandbox.
#include "checklist/ChecklistRules.h"
#include "checklist/ParseContext.h"

#include <QRegularExpression>

namespace onramp::detail {

namespace {

constexpr int kMinSecretLength = 8;
constexpr int kMaxSecretLength = 1024;

// What matchingProductionHost() said of each field value seen, (pattern, host):
// a value repeated through YAML aliases is judged once.
using HostVerdicts = QHash<QString, std::pair<QString, QString>>;

QString productionRule()
{
    return QCoreApplication::translate(
        "onramp",
        "production secrets are set by an admin (in the app under Admin, Production secrets, or on the command line), "
        "never shipped in onboarding documents");
}

QString sandboxRule()
{
    return QCoreApplication::translate("onramp",
                                       "sandbox secrets are generated ('provider: generated') or set by an admin (in "
                                       "the app under Admin, Production secrets, or on the command line), never "
                                       "written in the file");
}

// A secret written into the file: the message depends on which side of the wall it is.
void refuseSecret(ParseContext& ctx, const YAML::Mark& mark, Environment env, const QString& subject,
                  const QString& what)
{
    if (env == Environment::Production)
        ctx.error(
            mark,
            QCoreApplication::translate("onramp", "production %1 carries %2: %3").arg(subject, what, productionRule()));
    else
        ctx.error(mark,
                  QCoreApplication::translate("onramp", "sandbox %1 carries %2: %3").arg(subject, what, sandboxRule()));
}

void readFields(ParseContext& ctx, const Mapping& m, const QString& subject, CredentialTemplate& cred,
                const std::optional<Environment>& env, const QStringList& productionHosts, HostVerdicts& verdicts)
{
    if (!m.hasValue(QStringLiteral("fields")))
        return;
    const YAML::Node fields = m.entries.value(QStringLiteral("fields")).value;
    if (!fields.IsMap()) {
        ctx.error(m.markOf(QStringLiteral("fields")),
                  QCoreApplication::translate("onramp", "'fields' of %1 must be a mapping of field names to text")
                      .arg(subject));
        return;
    }
    int count = 0;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        if (ctx.enforcing() && ++count > limits::kFields) {
            ctx.error(key.Mark(),
                      QCoreApplication::translate("onramp", "%1 has more than %2 fields; that is the limit")
                          .arg(subject)
                          .arg(limits::kFields));
            return;
        }
        const QString what = QCoreApplication::translate("onramp", "a field of %1").arg(subject);
        if ((key.IsScalar() && !ctx.cleanText(key.Mark(), key, what))
            || (value.IsScalar() && !ctx.cleanText(value.Mark(), value, what)))
            continue;
        const QString name = key.IsScalar() ? scalarText(key) : QString();
        if (name.trimmed().isEmpty() || !value.IsScalar()) {
            ctx.error(key.Mark(),
                      QCoreApplication::translate("onramp", "'fields' of %1 must be a mapping of field names to text")
                          .arg(subject));
            continue;
        }
        const QString text = scalarText(value);
        if (!ctx.withinLength(key.Mark(), name, what, limits::kTextLength)
            || !ctx.withinLength(value.Mark(), text, what, limits::kTextLength))
            continue;
        if (cred.fields.contains(name)) {
            ctx.error(key.Mark(),
                      QCoreApplication::translate("onramp", "field '%1' appears twice in %2").arg(name, subject));
            continue;
        }
        cred.fields.insert(name, text);
        if (const QString unknown = unknownPlaceholder(text); ctx.enforcing() && !unknown.isEmpty()) {
            ctx.error(value.Mark(),
                      QCoreApplication::translate(
                          "onramp", "field '%1' of %2 uses an unknown placeholder '%3'; the known ones are %4")
                          .arg(name, subject, unknown, fieldPlaceholders().join(QLatin1String(", "))));
        }
        const Environment side = env.value_or(Environment::Production);
        if (isSecretFieldName(name)) {
            refuseSecret(ctx, key.Mark(), side, subject,
                         QCoreApplication::translate("onramp", "a secret-like field '%1'").arg(name));
        } else if (containsLiteralSecret(text)) {
            refuseSecret(ctx, value.Mark(), side, subject,
                         QCoreApplication::translate("onramp", "a secret inside field '%1'").arg(name));
        }
        if (env != Environment::Sandbox)
            continue;
        auto verdict = verdicts.constFind(text);
        if (verdict == verdicts.cend()) {
            QString host;
            const QString pattern = matchingProductionHost(text, productionHosts, &host);
            verdict = verdicts.insert(text, {pattern, host});
        }
        const auto& [pattern, host] = *verdict;
        if (!pattern.isEmpty()) {
            ctx.error(value.Mark(),
                      QCoreApplication::translate(
                          "onramp",
                          "sandbox %1 names production host '%2' in field '%3' (matches production_hosts entry '%4'); "
                          "a sandbox credential must never reach production")
                          .arg(subject, host, name, pattern));
        }
    }
}

void readSecret(ParseContext& ctx, const Mapping& m, const QString& subject, CredentialTemplate& cred,
                const std::optional<Environment>& env, const QString& provider)
{
    const Environment side = env.value_or(Environment::Production);
    if (!m.hasValue(QStringLiteral("secret"))) {
        if (provider == QLatin1String("generated"))
            ctx.error(m.mark,
                      QCoreApplication::translate("onramp", "generated %1 needs 'secret: {name: NAME, length: N}'")
                          .arg(subject));
        return;
    }
    const YAML::Node secret = m.entries.value(QStringLiteral("secret")).value;
    const YAML::Mark where = m.markOf(QStringLiteral("secret"));
    if (!secret.IsMap()) {
        refuseSecret(ctx, where, side, subject, QCoreApplication::translate("onramp", "a secret value ('secret:')"));
        return;
    }
    if (provider == QLatin1String("static")) {
        if (side == Environment::Production)
            refuseSecret(ctx, where, side, subject, QCoreApplication::translate("onramp", "a secret ('secret:')"));
        else
            ctx.error(where,
                      QCoreApplication::translate("onramp",
                                                  "static %1 carries a 'secret:'; static secrets are set by an admin "
                                                  "(in the app under Admin, Production secrets, or on the command "
                                                  "line): remove it, or use 'provider: generated'")
                          .arg(subject));
        return;
    }
    // A literal value inside the recipe is still a secret in the file.
    static const QStringList literalKeys = {QStringLiteral("value"), QStringLiteral("password"),
                                            QStringLiteral("token"), QStringLiteral("secret")};
    for (auto it = secret.begin(); it != secret.end(); ++it) {
        if (it->first.IsScalar() && literalKeys.contains(scalarText(it->first))) {
            refuseSecret(ctx, it->first.Mark(), side, subject,
                         QCoreApplication::translate("onramp", "a secret value ('%1:')").arg(scalarText(it->first)));
            return;
        }
    }
    const QString secretSubject = QCoreApplication::translate("onramp", "the secret of %1").arg(subject);
    static const QStringList known = {QStringLiteral("name"), QStringLiteral("length"), QStringLiteral("alphabet")};
    const std::optional<Mapping> s =
        ctx.mapping(secret, known, QCoreApplication::translate("onramp", "in %1").arg(secretSubject), QString());
    if (!s)
        return;
    if (const auto name = ctx.text(*s, QStringLiteral("name"), secretSubject, true)) {
        cred.secretName = *name;
        if (cred.fields.contains(cred.secretName))
            ctx.error(s->markOf(QStringLiteral("name")),
                      QCoreApplication::translate("onramp", "the secret name '%1' of %2 is also one of its fields")
                          .arg(cred.secretName, subject));
    }
    if (!s->hasValue(QStringLiteral("length"))) {
        ctx.error(s->has(QStringLiteral("length")) ? s->markOf(QStringLiteral("length")) : s->mark,
                  QCoreApplication::translate("onramp", "%1 has no '%2'").arg(secretSubject, QStringLiteral("length")));
    } else if (const auto length =
                   ctx.number(*s, QStringLiteral("length"), kMinSecretLength, kMaxSecretLength,
                              QCoreApplication::translate(
                                  "onramp", "'length' of %1 must be a whole number from %2 to %3 (got '%4')")
                                  .arg(secretSubject)
                                  .arg(kMinSecretLength)
                                  .arg(kMaxSecretLength)
                                  .arg(QStringLiteral("%1")))) {
        cred.secretLength = static_cast<int>(*length);
    }
    if (s->hasValue(QStringLiteral("alphabet"))) {
        cred.secretAlphabet = ctx.text(*s, QStringLiteral("alphabet"), secretSubject, true).value_or(QString());
        const QSet<QChar> distinct(cred.secretAlphabet.cbegin(), cred.secretAlphabet.cend());
        if (!cred.secretAlphabet.isEmpty() && distinct.size() < 2)
            ctx.error(s->markOf(QStringLiteral("alphabet")),
                      QCoreApplication::translate("onramp", "'alphabet' of %1 needs at least 2 different characters")
                          .arg(secretSubject));
    }
}

// `postgresql: {server: NAME, roles: [GROUP, ...], template: DATABASE}`:
// names only, never a password; the connection itself is an admin's
// (`onramp provider set`). `template` (a sandbox's only) names the database
// each hire's own sandbox database is made from.
void readPostgresql(ParseContext& ctx, const Mapping& m, const QString& subject, CredentialTemplate& cred)
{
    if (!m.hasValue(QStringLiteral("postgresql"))) {
        ctx.error(m.mark,
                  QCoreApplication::translate("onramp",
                                              "postgresql %1 needs 'postgresql: {server: NAME, roles: [GROUP, ...]}'")
                      .arg(subject));
        return;
    }
    const YAML::Node node = m.entries.value(QStringLiteral("postgresql")).value;
    const QString where = QCoreApplication::translate("onramp", "in 'postgresql' of %1").arg(subject);
    const std::optional<Mapping> pg =
        ctx.mapping(node, {QStringLiteral("server"), QStringLiteral("roles"), QStringLiteral("template")}, where,
                    QCoreApplication::translate("onramp",
                                                "'postgresql' of %1 must be a mapping with 'server' and "
                                                "'roles'")
                        .arg(subject));
    if (!pg)
        return;
    if (const auto server = ctx.text(*pg, QStringLiteral("server"), subject, true)) {
        if (isPgConnectionName(*server))
            cred.pgServer = *server;
        else
            ctx.error(pg->markOf(QStringLiteral("server")),
                      QCoreApplication::translate("onramp", "'server' of %1 is not a provider connection name: '%2'")
                          .arg(subject, *server));
    }
    if (pg->hasValue(QStringLiteral("template"))) {
        const YAML::Mark mark = pg->markOf(QStringLiteral("template"));
        const QString name = ctx.text(*pg, QStringLiteral("template"), subject, true).value_or(QString());
        if (cred.environment != Environment::Sandbox)
            ctx.error(mark,
                      QCoreApplication::translate("onramp",
                                                  "'template' of %1: only a sandbox credential gets a database "
                                                  "of its own")
                          .arg(subject));
        else if (!isPgName(name) || name.startsWith(QLatin1String("onramp_")))
            ctx.error(mark,
                      QCoreApplication::translate("onramp",
                                                  "'template' of %1 is not a template database name (a-z, 0-9, "
                                                  "_; not onramp_…): '%2'")
                          .arg(subject, name));
        else
            cred.pgTemplate = name;
    }
    if (!pg->hasValue(QStringLiteral("roles")))
        return;
    const YAML::Node roles = pg->entries.value(QStringLiteral("roles")).value;
    const YAML::Mark rolesMark = pg->markOf(QStringLiteral("roles"));
    if (!ctx.list(
            roles, rolesMark,
            QCoreApplication::translate("onramp", "'roles' of %1 must be a list of group role names").arg(subject), 64,
            QCoreApplication::translate("onramp", "'roles' of %1 has more than 64 roles").arg(subject)))
        return;
    for (const YAML::Node& role : roles) {
        const QString name = role.IsScalar() ? scalarText(role) : QString();
        if (!isPgName(name)) {
            ctx.error(
                role.Mark(),
                QCoreApplication::translate("onramp", "'roles' of %1: '%2' is not a group role name (a-z, 0-9, _)")
                    .arg(subject, role.IsScalar() ? name : QStringLiteral("…")));
            continue;
        }
        if (isPgPredefinedRole(name))
            ctx.error(
                role.Mark(),
                QCoreApplication::translate("onramp", "'roles' of %1: '%2' is one of PostgreSQL's predefined roles")
                    .arg(subject, name));
        else if (!cred.pgRoles.contains(name))
            cred.pgRoles.append(name);
    }
}

std::optional<CredentialTemplate> readCredential(ParseContext& ctx, const YAML::Node& node, int index,
                                                 QMap<QString, YAML::Mark>& seenIds, const QStringList& productionHosts,
                                                 HostVerdicts& verdicts)
{
    static const QStringList known = {QStringLiteral("id"),          QStringLiteral("title"),
                                      QStringLiteral("environment"), QStringLiteral("provider"),
                                      QStringLiteral("fields"),      QStringLiteral("secret"),
                                      QStringLiteral("ttl"),         QStringLiteral("postgresql")};
    const QString slug = slugIdOf(node);
    const QString subject = slug.isEmpty() ? QCoreApplication::translate("onramp", "credential %1").arg(index)
                                           : QCoreApplication::translate("onramp", "credential '%1'").arg(slug);
    const std::optional<Mapping> m = ctx.mapping(
        node, known, QCoreApplication::translate("onramp", "in %1").arg(subject),
        QCoreApplication::translate(
            "onramp", "each credential must be a mapping with 'id', 'title', 'environment' and 'provider'"));
    if (!m)
        return std::nullopt;

    CredentialTemplate cred;
    cred.id =
        ctx.uniqueId(*m, subject, seenIds,
                     QCoreApplication::translate("onramp", "credential id '%1' is not a slug: %2"),
                     QCoreApplication::translate("onramp", "duplicate credential id '%1' (first at %2:%3)"), nullptr)
            .value_or(QString());
    cred.title = ctx.text(*m, QStringLiteral("title"), subject, true, limits::kTitleLength).value_or(QString());

    // An unknown or missing environment is judged as production: the stricter side.
    std::optional<Environment> env;
    if (const auto name = ctx.text(*m, QStringLiteral("environment"), subject, true)) {
        env = environmentFromName(*name);
        if (!env)
            ctx.error(m->markOf(QStringLiteral("environment")),
                      QCoreApplication::translate(
                          "onramp", "unknown environment '%1' in %2; known environments: sandbox, production")
                          .arg(*name, subject));
    }
    cred.environment = env.value_or(Environment::Production);

    QString provider;
    if (const auto name = ctx.text(*m, QStringLiteral("provider"), subject, true)) {
        provider = *name;
        if (provider != QLatin1String("generated") && provider != QLatin1String("static")
            && provider != QLatin1String("postgresql"))
            ctx.error(m->markOf(QStringLiteral("provider")),
                      QCoreApplication::translate(
                          "onramp", "unknown provider '%1' in %2; known providers: generated, static, postgresql")
                          .arg(provider, subject));
    }
    cred.provider = provider;
    if (provider == QLatin1String("postgresql")) {
        readPostgresql(ctx, *m, subject, cred);
        if (m->hasValue(QStringLiteral("secret")))
            ctx.error(m->markOf(QStringLiteral("secret")),
                      QCoreApplication::translate("onramp",
                                                  "postgresql %1 carries a 'secret:'; the provider makes the "
                                                  "password: remove it")
                          .arg(subject));
    } else if (m->hasValue(QStringLiteral("postgresql"))) {
        ctx.error(m->markOf(QStringLiteral("postgresql")),
                  QCoreApplication::translate("onramp", "%1 has 'postgresql:' but its provider is '%2'")
                      .arg(subject, provider));
    }

    if (m->hasValue(QStringLiteral("ttl"))) {
        const YAML::Node ttl = m->entries.value(QStringLiteral("ttl")).value;
        const QString written = ttl.IsScalar() ? scalarText(ttl) : QStringLiteral("…");
        const std::optional<qint64> seconds = ttl.IsScalar() ? parseTtl(written) : std::nullopt;
        if (seconds)
            cred.ttlSeconds = *seconds;
        else
            ctx.error(
                m->markOf(QStringLiteral("ttl")),
                QCoreApplication::translate(
                    "onramp",
                    "'ttl' of %1 must be a positive duration such as 30d, 8h, 45m or 90s, at most 3650d (got '%2')")
                    .arg(subject, written));
    }
    readFields(ctx, *m, subject, cred, env, productionHosts, verdicts);
    if (provider != QLatin1String("postgresql"))
        readSecret(ctx, *m, subject, cred, env, provider);
    qsizetype kept = cred.id.size() + cred.title.size() + cred.provider.size() + cred.secretName.size()
        + cred.secretAlphabet.size() + cred.pgServer.size() + cred.pgTemplate.size();
    for (const QString& role : std::as_const(cred.pgRoles))
        kept += role.size();
    for (auto it = cred.fields.cbegin(); it != cred.fields.cend(); ++it)
        kept += it.key().size() + it.value().size();
    ctx.keep(node.Mark(), kept);
    return cred;
}

} // namespace

QList<CredentialTemplate> parseCredentials(ParseContext& ctx, const YAML::Node& node,
                                           const QStringList& productionHosts)
{
    QList<CredentialTemplate> out;
    if (!ctx.list(node, node.Mark(),
                  QCoreApplication::translate("onramp", "'credentials' must be a list of credentials"),
                  limits::kCredentials,
                  QCoreApplication::translate("onramp", "'credentials' has more than %1 credentials; that is the limit")
                      .arg(limits::kCredentials)))
        return out;
    QMap<QString, YAML::Mark> seenIds;
    HostVerdicts verdicts;
    int index = 0;
    for (const YAML::Node& item : node) {
        if (ctx.overTotal())
            break;
        if (auto cred = readCredential(ctx, item, ++index, seenIds, productionHosts, verdicts))
            out.append(*cred);
    }
    return out;
}

} // namespace onramp::detail
