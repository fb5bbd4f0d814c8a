#include "scan/ScanReport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>

namespace onramp::scan {

QJsonObject findingJson(const Finding& f)
{
    QJsonObject json{{QStringLiteral("file"), f.file},       {QStringLiteral("line"), f.line},
                     {QStringLiteral("column"), f.column},   {QStringLiteral("kind"), f.rule},
                     {QStringLiteral("excerpt"), f.excerpt}, {QStringLiteral("fingerprint"), f.fingerprint}};
    if (!f.host.isEmpty()) {
        json.insert(QStringLiteral("host"), f.host);
        json.insert(QStringLiteral("production_hosts_entry"), f.pattern);
    }
    if (!f.credentialId.isEmpty())
        json.insert(QStringLiteral("credential"), f.credentialId);
    return json;
}

QString messageOf(const Finding& f)
{
    if (f.rule == QLatin1String("known-secret"))
        return Tr::tr("the production secret of %1: leaked, rotate it").arg(f.credentialId);
    if (f.rule == QLatin1String("production-host"))
        return Tr::tr("production host %1 (production_hosts entry %2)").arg(f.host, f.pattern);
    for (const RuleInfo& rule : rules())
        if (rule.id == f.rule)
            return rule.description;
    return f.rule;
}

QString kindTitle(const QString& kind)
{
    static const QHash<QString, const char*> titles = {
        {QStringLiteral("known-secret"), QT_TRANSLATE_NOOP("onramp", "Known production secret")},
        {QStringLiteral("production-host"), QT_TRANSLATE_NOOP("onramp", "Production host")},
        {QStringLiteral("password-in-url"), QT_TRANSLATE_NOOP("onramp", "Password in a URL")},
        {QStringLiteral("password-in-connection-string"),
         QT_TRANSLATE_NOOP("onramp", "Password in a connection string")},
        {QStringLiteral("password-assignment"), QT_TRANSLATE_NOOP("onramp", "Password written out")},
        {QStringLiteral("private-key"), QT_TRANSLATE_NOOP("onramp", "Private key")},
        {QStringLiteral("aws-access-key-id"), QT_TRANSLATE_NOOP("onramp", "AWS access key")},
        {QStringLiteral("github-token"), QT_TRANSLATE_NOOP("onramp", "GitHub token")},
        {QStringLiteral("gitlab-token"), QT_TRANSLATE_NOOP("onramp", "GitLab token")},
        {QStringLiteral("slack-token"), QT_TRANSLATE_NOOP("onramp", "Slack token")},
        {QStringLiteral("stripe-live-key"), QT_TRANSLATE_NOOP("onramp", "Stripe live key")},
        {QStringLiteral("google-api-key"), QT_TRANSLATE_NOOP("onramp", "Google API key")},
        {QStringLiteral("high-entropy-secret"), QT_TRANSLATE_NOOP("onramp", "Secret-like value")},
    };
    const char* title = titles.value(kind);
    return title ? Tr::tr(title) : kind;
}

QJsonObject sarif(const QList<Finding>& findings)
{
    QJsonArray rules;
    QHash<QString, int> index;
    for (const RuleInfo& rule : scan::rules()) {
        index.insert(rule.id, int(rules.size()));
        rules.append(
            QJsonObject{{QStringLiteral("id"), rule.id},
                        {QStringLiteral("name"), rule.id},
                        {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), rule.description}}},
                        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("source"), rule.source}}}});
    }
    QJsonArray results;
    for (const Finding& f : findings) {
        const QJsonObject region{{QStringLiteral("startLine"), f.line},
                                 {QStringLiteral("startColumn"), f.column},
                                 {QStringLiteral("snippet"), QJsonObject{{QStringLiteral("text"), f.excerpt}}}};
        const QJsonObject location{
            {QStringLiteral("physicalLocation"),
             QJsonObject{
                 {QStringLiteral("artifactLocation"),
                  QJsonObject{{QStringLiteral("uri"), QString::fromUtf8(QUrl::toPercentEncoding(f.file, "/"))}}},
                 {QStringLiteral("region"), region}}}};
        results.append(QJsonObject{{QStringLiteral("ruleId"), f.rule},
                                   {QStringLiteral("ruleIndex"), index.value(f.rule)},
                                   {QStringLiteral("level"), QStringLiteral("error")},
                                   {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), messageOf(f)}}},
                                   {QStringLiteral("locations"), QJsonArray{location}},
                                   {QStringLiteral("partialFingerprints"),
                                    QJsonObject{{QStringLiteral("onrampFingerprint/v1"), f.fingerprint}}}});
    }
    const QJsonObject driver{{QStringLiteral("name"), QStringLiteral("onramp scan")},
                             {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                             {QStringLiteral("rules"), rules}};
    return QJsonObject{
        {QStringLiteral("version"), QStringLiteral("2.1.0")},
        {QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
        {QStringLiteral("runs"),
         QJsonArray{QJsonObject{{QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
                                {QStringLiteral("results"), results}}}}};
}

} // namespace onramp::scan
