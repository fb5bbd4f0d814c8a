// The audit log's commands: verify the chain, show entries, export them.
// Handlers only parse and print; the rules live in app/core/audit (AuditLog, AuditVerifier).
#include "CliMain.h"
#include "Command.h"
#include "TeamCommands.h"
#include "VaultAccess.h"

#include "PlainText.h"
#include "PrivateFile.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace onramp::cli {

namespace {

int runVerify(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
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
        c.printJson(json, QJsonDocument::Compact);
        c.out().flush();
        if (!result.ok())
            return exitCodeFor(ErrorKind::Damaged);
        return 0;
    }
    for (const QString& note : std::as_const(result.notes))
        c.out() << note << '\n';
    if (!result.ok())
        return c.fail(result.toError());
    c.out() << Tr::tr("Audit log verified: %n entries, chained, signed and matching the head in the key file.", nullptr,
                      int(result.entries))
            << '\n';
    return 0;
}

} // namespace

Error auditQueryOf(Context& c, AuditQuery* query)
{
    if (c.has(QStringLiteral("since"))) {
        const QString since = c.option(QStringLiteral("since"));
        query->since = QDateTime::fromString(since, Qt::ISODateWithMs);
        if (!query->since.isValid()) {
            const QDate date = QDate::fromString(since, Qt::ISODate);
            if (date.isValid())
                query->since = date.startOfDay(Qt::UTC);
        }
        if (!query->since.isValid())
            return {ErrorKind::Usage,
                    Tr::tr("--since needs a date (YYYY-MM-DD) or a UTC time "
                           "(YYYY-MM-DDTHH:MM:SSZ), not '%1'")
                        .arg(since)};
    }
    query->actor = c.option(QStringLiteral("actor"));
    query->action = c.option(QStringLiteral("action"));
    query->text = c.option(QStringLiteral("search")).trimmed();
    if (c.has(QStringLiteral("limit"))) {
        const QString limit = c.option(QStringLiteral("limit"));
        bool number = false;
        const int newest = limit.toInt(&number);
        if (!number || newest < 1)
            return {ErrorKind::Usage,
                    Tr::tr("--limit needs a whole number of entries, 1 or more, not '%1'").arg(limit)};
        query->newest = newest;
    }
    return {};
}

namespace {

/// An entry's details as `audit log` prints them: the findings an admin's or
/// a mentor's scan sealed with the production key are said to be sealed,
/// never printed as their bytes; in a session holding that key, opened.
QString shownDetails(Vault& vault, const AuditEntry& entry)
{
    if (entry.action != QLatin1String("scan.run"))
        return entry.details;
    const QString shown = scan::VaultScan::shownDetails(vault, entry);
    QJsonObject details = QJsonDocument::fromJson(shown.toUtf8()).object();
    if (!details.value(QStringLiteral("sealed")).isString())
        return shown;
    const bool unopened = details.take(QStringLiteral("unopened")).toBool();
    details.insert(QStringLiteral("sealed"),
                   unopened ? Tr::tr("findings sealed, and they do not open with the production key this vault holds "
                                     "now (sealed before it was rotated, or not by an admin or a mentor)")
                            : Tr::tr("findings sealed for admins and mentors"));
    return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
}

int runLog(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    AuditQuery query;
    if (Error e = auditQueryOf(c, &query))
        return c.fail(e);
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    // A person is found by their display name too.
    query.textNames = AuditLog::peopleNamed(*vault, query.text);
    QList<AuditEntry> entries;
    if (Error e = AuditLog::visibleEntries(*vault, query, &entries))
        return c.fail(e);
    // Anyone with the master key can edit a row: the chain vouches for the
    // entries before its first bad one only. The rest are shown marked, and
    // the command then fails naming it (exit 6), as on a team server.
    // The signatures of the prefix this desktop's privileged checks verified
    // are not checked again; the marks are those a full verify gives.
    AuditVerification verified;
    if (Error e = AuditVerifier::verifySinceDesktopCheck(*vault, &verified))
        return c.fail(e);
    const auto problemOf = [&](const AuditEntry& entry) { return verified.problemAt(entry.sequence); };
    if (c.json()) {
        QJsonArray array;
        for (const AuditEntry& entry : std::as_const(entries)) {
            QJsonObject json = entry.toJson();
            const QString problem = problemOf(entry);
            json.insert(QStringLiteral("verified"), problem.isEmpty());
            if (!problem.isEmpty())
                json.insert(QStringLiteral("problem"), problem);
            array.append(json);
        }
        c.printJson(array, QJsonDocument::Compact);
    } else {
        // Each entry one line: whatever its author put in a field is shown
        // escaped, never as a terminal sequence, a tab or a line of its own.
        for (const AuditEntry& entry : std::as_const(entries)) {
            const QString problem = problemOf(entry);
            c.out() << entry.sequence << '\t' << text::printable(entry.at) << '\t' << text::printable(entry.actorName)
                    << '\t' << text::printable(entry.action) << '\t' << text::printable(entry.subject) << '\t'
                    << text::printable(shownDetails(*vault, entry))
                    << (problem.isEmpty() ? QString() : Tr::tr("\t(not verified: %1)").arg(problem)) << '\n';
        }
    }
    if (!verified.ok()) {
        c.out().flush();
        return c.fail(verified.toError());
    }
    return 0;
}

int runExport(Context& c)
{
    const QString format = c.option(QStringLiteral("format"));
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return c.fail(ErrorKind::Usage, Tr::tr("'audit export' needs --format jsonl or --format csv"));
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    QByteArray content;
    qint64 count = 0;
    AuditVerification verified;
    if (Error e = AuditLog::exportAll(*vault, format, &content, &verified, &count))
        return c.fail(e);
    // Every entry is written, each with its verdict: an auditor gets what
    // the vault holds, the entries the chain does not vouch for marked. The
    // command then fails naming the first, as `audit log` does (exit 6).
    const QString output = c.outputFile();
    if (output.isEmpty()) {
        c.out().flush();
        if (QIODevice* device = c.out().device())
            device->write(content);
        else
            c.out() << QString::fromUtf8(content);
    } else {
        if (Error e = writePrivateFile(output, content, Tr::tr("the export file")))
            return c.fail(e);
        c.out() << Tr::tr("Wrote %n audit log entries to %1 (readable by you only).", nullptr, int(count)).arg(output)
                << '\n';
        if (!verified.ok())
            c.out() << Tr::tr("Entries from %1 on are not verified; they are marked verified=false in the file.")
                           .arg(verified.sequence)
                    << '\n';
    }
    if (!verified.ok()) {
        c.out().flush();
        return c.fail(verified.toError());
    }
    return 0;
}

} // namespace

void bindAuditCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("audit verify"), runVerify);
    registry.bind(QStringLiteral("audit log"), runLog);
    registry.bind(QStringLiteral("audit export"), runExport);
}

} // namespace onramp::cli
