// The audit log's commands: verify the chain, show entries, export them.
// Handlers only parse and print; the rules live in app/vault (AuditLog, AuditVerifier).
#include "CliMain.h"
#include "Command.h"
#include "VaultAccess.h"

#include "AuditLog.h"
#include "AuditVerifier.h"
#include "Vault.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace onramp::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("onramp", text);
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

/// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
QString csvField(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

int runVerify(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    AuditVerification result;
    if (Error e = AuditVerifier::verify(*vault, &result))
        return c.fail(e);
    if (c.json()) {
        QJsonObject json{{QStringLiteral("ok"), result.ok()},
                         {QStringLiteral("entries"), result.entries},
                         {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)}};
        if (!result.ok()) {
            json.insert(QStringLiteral("seq"), result.sequence);
            json.insert(QStringLiteral("problem"), auditProblemName(result.problem));
            json.insert(QStringLiteral("message"), result.message);
        }
        c.out() << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) << '\n';
        c.out().flush();
        if (!result.ok())
            return exitCodeFor(ErrorKind::Damaged);
        return 0;
    }
    for (const QString& note : std::as_const(result.notes))
        c.out() << note << '\n';
    if (!result.ok())
        return c.fail(result.toError());
    c.out() << tr("Audit log verified: %1 entries, chained, signed and matching the head in the key file.")
                   .arg(result.entries)
            << '\n';
    return 0;
}

int runLog(Context& c)
{
    AuditQuery query;
    if (c.has(QStringLiteral("since"))) {
        const QString since = c.option(QStringLiteral("since"));
        query.since = QDateTime::fromString(since, Qt::ISODateWithMs);
        if (!query.since.isValid()) {
            const QDate date = QDate::fromString(since, Qt::ISODate);
            if (date.isValid())
                query.since = date.startOfDay(Qt::UTC);
        }
        if (!query.since.isValid())
            return c.fail(ErrorKind::Usage, tr("--since needs a date (YYYY-MM-DD) or a UTC time "
                                               "(YYYY-MM-DDTHH:MM:SSZ), not '%1'").arg(since));
    }
    query.actor = c.option(QStringLiteral("actor"));
    query.action = c.option(QStringLiteral("action"));
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (vault->me().role != Role::Admin) {
        if (!query.actor.isEmpty() && query.actor != vault->me().name)
            return c.fail(ErrorKind::NotPermitted, tr("%1 can see only their own audit trail; only an admin sees "
                                                      "everyone's").arg(vault->me().name));
        query.actorId = vault->me().id;
    }
    QList<AuditEntry> entries;
    if (Error e = AuditLog::entries(vault->db(), query, &entries))
        return c.fail(e);
    if (c.json()) {
        QJsonArray array;
        for (const AuditEntry& entry : std::as_const(entries))
            array.append(entry.toJson());
        c.out() << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)) << '\n';
        return 0;
    }
    for (const AuditEntry& entry : std::as_const(entries))
        c.out() << entry.sequence << '\t' << entry.at << '\t' << entry.actorName << '\t' << entry.action << '\t'
                << entry.subject << '\t' << entry.details << '\n';
    return 0;
}

int runExport(Context& c)
{
    const QString format = c.option(QStringLiteral("format"));
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return c.fail(ErrorKind::Usage, tr("'audit export' needs --format jsonl or --format csv"));
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (vault->me().role != Role::Admin)
        return c.fail(ErrorKind::NotPermitted, tr("only an admin may export the audit log; %1 is a %2")
                                                   .arg(vault->me().name, roleName(vault->me().role)));
    QList<AuditEntry> entries;
    if (Error e = AuditLog::entries(vault->db(), {}, &entries))
        return c.fail(e);
    QByteArray content;
    if (format == QLatin1String("csv"))
        content += "seq,at,actor_id,actor,action,subject,details,prev_hash,hash,signature\r\n";
    for (const AuditEntry& entry : std::as_const(entries)) {
        if (format == QLatin1String("jsonl")) {
            content += QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact) + '\n';
            continue;
        }
        const QStringList fields{QString::number(entry.sequence), entry.at, QString::number(entry.actorId),
                                 entry.actorName, entry.action, entry.subject, entry.details, b64(entry.previousHash),
                                 b64(entry.hash), b64(entry.signature)};
        QStringList quoted;
        for (const QString& field : fields)
            quoted.append(csvField(field));
        content += quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    const QString output = c.option(QStringLiteral("output"));
    if (output.isEmpty() || output == QLatin1String("-")) {
        c.out().flush();
        if (QIODevice* device = c.out().device())
            device->write(content);
        else
            c.out() << QString::fromUtf8(content);
        return 0;
    }
    // QSaveFile: the file appears whole or not at all; 0600 before any byte is written.
    QSaveFile file(output);
    const bool ok = file.open(QIODevice::WriteOnly)
        && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(content) == content.size() && file.commit();
    if (!ok)
        return c.fail(ErrorKind::Io, tr("cannot write %1: %2").arg(output, file.errorString()));
    c.out() << tr("Wrote %1 audit log entries to %2 (readable by you only).").arg(entries.size()).arg(output) << '\n';
    return 0;
}

} // namespace

void registerAuditCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("audit"), QStringLiteral("verify")}, {},
                  tr("verify the audit log's chain, hashes, signatures and head (exit 6 names the first bad entry)"),
                  {}, 0, 0, runVerify});
    registry.add({{QStringLiteral("audit"), QStringLiteral("log")}, {},
                  tr("show audit log entries (an admin sees all, others their own)"),
                  {{QStringLiteral("since"), QStringLiteral("DATE"), tr("entries at or after DATE (YYYY-MM-DD, UTC)")},
                   {QStringLiteral("actor"), QStringLiteral("NAME"), tr("entries by NAME")},
                   {QStringLiteral("action"), QStringLiteral("ACTION"), tr("entries of ACTION, e.g. person.add")}},
                  0, 0, runLog});
    registry.add({{QStringLiteral("audit"), QStringLiteral("export")}, {},
                  tr("write the whole audit log as JSON lines or CSV (admin)"),
                  {{QStringLiteral("format"), QStringLiteral("FORMAT"), tr("jsonl or csv")},
                   {QStringLiteral("output"), QStringLiteral("FILE"), tr("write to FILE instead of stdout"),
                    QLatin1Char('o')}},
                  0, 0, runExport});
}

} // namespace onramp::cli
