// The audit commands through the real `onramp` binary: every change of a
// full onboarding (credentials included) is recorded, no secret value reaches
// an entry (seeded secrets searched in both export formats), exit codes,
// who sees what, a failed audit write, and a process killed between its
// commit and its key-file write. What a hire writes into an entry of their
// own (terminal escapes, a formula) is shown defused, and rows a hire edited
// behind the chain are shown marked and fail the command.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Database.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace vaulttest;

namespace {

const QByteArray kChecklist = checklistFixture(QStringLiteral("week-one-credentials.yaml"));

const QByteArray kProductionSecret = "Prod:Audit-Secret-7f3a91";
const QByteArray kSqlSecret = "literal-secret-in-sql-5e2b";

} // namespace

class TestAuditCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;
    QList<QByteArray> m_secrets; // every secret value seen; none may reach the log
    int m_roleVaults = 0;

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args,
                 const QMap<QString, QString>& env = {}, const QString& vault = {})
    {
        args << QStringLiteral("--vault") << (vault.isEmpty() ? m_vault : vault) << QStringLiteral("--as") << who;
        return runOnramp(args, passphrase, env);
    }
    RunResult admin(const QStringList& args, const QMap<QString, QString>& env = {})
    {
        return as(QStringLiteral("ada"), kAdminPassphrase, args, env);
    }
    RunResult mentor(const QStringList& args) { return as(QStringLiteral("max"), kMentorPassphrase, args); }
    RunResult hire(const QStringList& args) { return as(QStringLiteral("hal"), kHirePassphrase, args); }

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QByteArray readAll(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    /// A vault of its own in \a name, where the hire hal has signed one
    /// entry of theirs: a step.note, \a subject and \a details as they chose.
    QString vaultWithHiresEntry(const QString& name, const QString& subject, const QJsonObject& details)
    {
        return vaultWithSignedEntry(name, QStringLiteral("hal"), kHirePassphrase, QStringLiteral("step.note"), subject,
                                    details);
    }

    /// A vault of its own in \a name (entries 1 to 3: ada's), where \a signer
    /// has signed entry 4 with their own key: \a action, \a subject and
    /// \a details as they chose.
    QString vaultWithSignedEntry(const QString& name, const QString& signer, const QByteArray& passphrase,
                                 const QString& action, const QString& subject, const QJsonObject& details)
    {
        const QString dir = m_dir.filePath(name);
        if (!makeVault(dir))
            qFatal("cannot make %s", qPrintable(dir));
        std::unique_ptr<onramp::Vault> vault;
        if (onramp::Vault::unlock(dir, signer, passphrase, &vault)
            || onramp::AuditLog::record(*vault, action, subject, details))
            qFatal("the entry was not written");
        return dir;
    }

    QStringList loggedActions()
    {
        const RunResult r = admin({"audit", "log", "--json"});
        QStringList actions;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            actions.append(v.toObject().value("action").toString());
        return actions;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(m_vault));
        m_secrets << kAdminPassphrase << kHirePassphrase << kMentorPassphrase << kProductionSecret << kSqlSecret;

        RunResult r = admin({"checklist", "import", write("week.yaml", kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enroll", "hal", "--checklist", "week-one", "--mentor", "max", "--start", "2026-11-20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"cred", "set", "prod-db", "--secret-file", write("prod.txt", kProductionSecret)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = hire({"cred", "show", "sandbox-db", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_secrets << QJsonDocument::fromJson(r.out.toUtf8()).object().value("secret").toString().toUtf8();
        r = hire({"step", "done", "hal", "handbook"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = mentor({"signoff", "hal"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = hire({"cred", "show", "prod-token", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_secrets << QJsonDocument::fromJson(r.out.toUtf8()).object().value("secret").toString().toUtf8();
        r = hire({"cred", "show", "prod-db", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value("secret").toString().toUtf8(),
                 kProductionSecret);
        r = hire({"cred", "export", "--format", "env", "-o", m_dir.filePath("creds.env")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = mentor({"cred", "renew", "hal", "prod-token"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = mentor({"cred", "revoke", "hal", "prod-db"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"vault", "sql",
                   "UPDATE people SET display_name = '" + QString::fromLatin1(kSqlSecret) + "' WHERE name = 'zed'"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void everyChangeIsRecorded()
    {
        const QStringList actions = loggedActions();
        QCOMPARE(
            actions,
            QStringList({"vault.create", "person.add", "person.add", "checklist.import", "enrollment.create",
                         "credential.set", "step.done", "signoff", "grant.create", "grant.create", "credential.reveal",
                         "credential.reveal", "credential.export", "grant.renew", "grant.revoke", "vault.sql"}));
    }

    void verifyPrintsTheCount()
    {
        const RunResult r = hire({"audit", "verify"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("16 entries")), qPrintable(r.out));
        const RunResult json = admin({"audit", "verify", "--json"});
        QCOMPARE(json.code, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object().value("entries").toInt(), 16);
    }

    void sqlIsRecordedByKeywordAndTableOnly()
    {
        const RunResult r = admin({"audit", "log", "--action", "vault.sql", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonArray entries = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value("subject").toString(), QStringLiteral("people"));
        QCOMPARE(entry.value("details").toObject(), QJsonObject({{"keyword", "UPDATE"}, {"table", "people"}}));
    }

    void noSecretValueInAnyEntry()
    {
        const QString jsonl = m_dir.filePath("audit.jsonl");
        const QString csv = m_dir.filePath("audit.csv");
        RunResult r = admin({"audit", "export", "--format", "jsonl", "-o", jsonl});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"audit", "export", "--format", "csv", "--output", csv});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const RunResult stdoutExport = admin({"audit", "export", "--format", "jsonl"});
        QCOMPARE(stdoutExport.code, 0);
        for (const QString& path : {jsonl, csv}) {
            QCOMPARE(QFileInfo(path).permissions(),
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        }
        const QByteArray all = readAll(jsonl) + readAll(csv) + stdoutExport.out.toUtf8();
        QCOMPARE(readAll(jsonl).count('\n'), 16);
        QCOMPARE(readAll(csv).count('\n'), 17); // the header and 16 entries
        QVERIFY(all.contains("credential.reveal") && all.contains("prod-db"));
        QCOMPARE(m_secrets.size(), 7);
        for (const QByteArray& secret : std::as_const(m_secrets)) {
            QVERIFY(secret.size() >= 16);
            QVERIFY2(!all.contains(secret), secret.constData());
            QVERIFY2(!all.contains(secret.toBase64()), secret.constData());
            QVERIFY2(!all.contains(secret.toHex()), secret.constData());
        }
    }

    void logShowsAdminsAllAndOthersTheirOwn()
    {
        RunResult r = hire({"audit", "log"});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // step.done, two reveals, the export
        for (const QString& line : lines)
            QCOMPARE(line.section(QLatin1Char('\t'), 2, 2), QStringLiteral("hal"));
        QCOMPARE(hire({"audit", "log", "--actor", "ada"}).code, 4);
        r = admin({"audit", "log", "--actor", "max"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.count(QLatin1Char('\n')), 5); // two grants, the sign-off, the renewal, the revocation
        r = admin({"audit", "log", "--since", "2000-01-01", "--action", "person.add"});
        QCOMPARE(r.out.count(QLatin1Char('\n')), 2);
        r = admin({"audit", "log", "--since", "2999-01-01"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(admin({"audit", "log", "--since", "yesterday"}).code, 2);
    }

    // --search TEXT: the entries whose action, subject or details hold it,
    // in any case, each line as the whole log shows it; a hire's search
    // stays within their own trail.
    void logSearchesWhatEntriesHold()
    {
        const QStringList all = admin({"audit", "log"}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        RunResult r = admin({"audit", "log", "--search", "HandBook"});
        QCOMPARE(r.code, 0);
        const QStringList found = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!found.isEmpty());
        QVERIFY(found.size() < all.size());
        QStringList expected;
        for (const QString& line : all)
            if (line.contains(QStringLiteral("handbook"), Qt::CaseInsensitive))
                expected.append(line);
        QCOMPARE(found, expected);
        r = admin({"audit", "log", "--search", "person.ADD"});
        QCOMPARE(r.out, admin({"audit", "log", "--action", "person.add"}).out);
        QVERIFY(admin({"audit", "log", "--search", "no such words"}).out.isEmpty());
        const QStringList hals = hire({"audit", "log", "--search", "prod"}).out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!hals.isEmpty());
        for (const QString& line : hals)
            QCOMPARE(line.section(QLatin1Char('\t'), 2, 2), QStringLiteral("hal"));
        // A person by their display name: what they did and what was done about them.
        const QStringList maxs = admin({"audit", "log", "--search", "max mentor"}).out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!maxs.isEmpty());
        for (const QString& line : maxs)
            QVERIFY2(line.section(QLatin1Char('\t'), 2, 2) == QLatin1String("max")
                         || line.section(QLatin1Char('\t'), 4, 4) == QLatin1String("max")
                         || line.contains(QStringLiteral("max mentor"), Qt::CaseInsensitive),
                     qPrintable(line));
        QVERIFY(std::any_of(maxs.cbegin(), maxs.cend(), [](const QString& line) {
            return line.section(QLatin1Char('\t'), 3, 3) == QLatin1String("signoff");
        }));
    }

    // --limit N: the newest N entries that match, oldest first, without
    // reading the rest to the screen; a count that is none is refused.
    void logShowsTheNewestWithALimit()
    {
        const QStringList all = admin({"audit", "log"}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(all.size() > 3);
        RunResult r = admin({"audit", "log", "--limit", "3"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), all.mid(all.size() - 3));
        r = admin({"audit", "log", "--actor", "max", "--limit", "2"});
        const QStringList maxs = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(maxs.size(), 2);
        for (const QString& line : maxs)
            QCOMPARE(line.section(QLatin1Char('\t'), 2, 2), QStringLiteral("max"));
        QCOMPARE(hire({"audit", "log", "--limit", "1"}).out.count(QLatin1Char('\n')), 1);
        QCOMPARE(admin({"audit", "log", "--limit", "100000"}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), all);
        for (const char* bad : {"0", "ten", "2.5"}) {
            r = admin(
                {QStringLiteral("audit"), QStringLiteral("log"), QStringLiteral("--limit"), QString::fromLatin1(bad)});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(QStringLiteral("--limit")) && r.err.contains(QString::fromLatin1(bad)),
                     qPrintable(r.err));
        }
    }

    void exportIsForAdminsWithAFormat()
    {
        QCOMPARE(hire({"audit", "export", "--format", "jsonl"}).code, 4);
        QCOMPARE(mentor({"audit", "export", "--format", "csv"}).code, 4);
        QCOMPARE(admin({"audit", "export", "--format", "xml"}).code, 2);
        QCOMPARE(admin({"audit", "export"}).code, 2);
    }

    void failedAuditWriteFailsTheCommand()
    {
        const RunResult r = admin(
            {"person", "add", "zoe", "--role", "hire", "--new-passphrase-file", write("zoe.txt", "zoe's passphrase")},
            {{QStringLiteral("ONRAMP_TEST_FAIL_AUDIT"), QStringLiteral("1")}});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("audit")), qPrintable(r.err));
        QVERIFY(!admin({"person", "list"}).out.contains(QStringLiteral("zoe")));
        const RunResult sql = admin({"vault", "sql", "UPDATE people SET display_name = 'X' WHERE name = 'hal'"},
                                    {{QStringLiteral("ONRAMP_TEST_FAIL_AUDIT"), QStringLiteral("1")}});
        QCOMPARE(sql.code, 1);
        QVERIFY(admin({"person", "list"}).out.contains(QStringLiteral("Hal Hire")));
        QCOMPARE(admin({"audit", "verify"}).code, 0);
    }

    void killedBeforeTheHeadWriteVerifiesWithANote()
    {
        const QByteArray changed = QByteArray(kChecklist).replace("title: First week", "title: First two weeks");
        const RunResult killed = admin({"checklist", "import", write("week2.yaml", changed)},
                                       {{QStringLiteral("ONRAMP_TEST_CRASH_AT"), QStringLiteral("audit-before-head")}});
        QCOMPARE(killed.code, -1); // SIGKILL
        RunResult r = admin({"audit", "verify"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("not yet recorded in the key file")), qPrintable(r.out));
    }

    void tamperingExitsSixNamingTheEntry()
    {
        // The triggers refuse a plain edit; dropping one is itself recorded.
        RunResult r = admin({"vault", "sql", "DELETE FROM audit_log WHERE seq = 3"});
        QCOMPARE(r.code, 5);
        r = admin({"vault", "sql", "DROP TRIGGER audit_log_no_delete"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"vault", "sql", "DELETE FROM audit_log WHERE seq = 3"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = hire({"audit", "verify"});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("audit log entry 3: gap")), qPrintable(r.err));
        r = admin({"vault", "check"});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.out.contains(QStringLiteral("entry 3")), qPrintable(r.out));
        const RunResult json = admin({"audit", "verify", "--json"});
        QCOMPARE(json.code, 6);
        const QJsonObject result = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(result.value("seq").toInt(), 3);
        QCOMPARE(result.value("problem").toString(), QStringLiteral("gap"));
    }

    void hiresTextIsShownEscaped()
    {
        // A carriage return and ESC[2K erase the real line on a terminal, a
        // line feed starts a forged one, ESC[8m hides what follows.
        const QString subject = QStringLiteral("hal\r\x1b[2K9\t2026-12-01T10:00:00.000Z\tmax\tstep.approve\thal"
                                               "\n10\tmax\tsignoff\thal\x1b[8m\x9b\u202e");
        const QString dir = vaultWithHiresEntry(QStringLiteral("escapes"), subject,
                                                {{QStringLiteral("note"), QStringLiteral("\x1b]0;owned\x07")}});
        RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log"}, {}, dir);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // vault.create, two person.add, the hire's entry: one line each
        const QString line = lines.last();
        QCOMPARE(line.count(QLatin1Char('\t')), 5);
        for (const QChar ch : r.out)
            QVERIFY2(ch == QLatin1Char('\n') || ch == QLatin1Char('\t') || ch.category() != QChar::Other_Control,
                     qPrintable(QStringLiteral("U+%1 reached the terminal").arg(ch.unicode(), 4, 16)));
        QVERIFY(!r.out.contains(QChar(0x202e)));
        QVERIFY2(line.contains(QStringLiteral("hal\\x0d\\x1b[2K9\\x092026-12-01T10:00:00.000Z\\x09max")),
                 qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("\\x0a10\\x09max\\x09signoff\\x09hal\\x1b[8m\\x9b\\u202e")),
                 qPrintable(line));
        QVERIFY2(!line.contains(QStringLiteral("not verified")), qPrintable(line));
        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log", "--action", "signoff"}, {}, dir);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        // --json stays exact: the subject as the hire wrote it, escaped by the JSON writer.
        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log", "--json"}, {}, dir);
        QCOMPARE(r.code, 0);
        const QJsonArray entries = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(entries.size(), 4);
        QCOMPARE(entries.last().toObject().value("subject").toString(), subject);
        QCOMPARE(entries.last().toObject().value("verified").toBool(), true);
    }

    void namesAndTitlesAreShownEscaped()
    {
        // A display name with a terminal sequence is refused where it is
        // typed, and the refusal shows it escaped, not run.
        const QString dir = m_dir.filePath(QStringLiteral("names"));
        QVERIFY(makeVault(dir));
        const RunResult add = as(QStringLiteral("ada"), kAdminPassphrase,
                                 {"person", "add", "zed", "--role", "hire", "--display", "Zed\x1b[8m hidden\r",
                                  "--new-passphrase-file", write("zed.txt", "zed's first passphrase")},
                                 {}, dir);
        QVERIFY2(add.code != 0, qPrintable(add.out));
        QVERIFY2(add.err.contains(QStringLiteral("'Zed\\x1b[8m hidden\\x0d' holds a line break or another control "
                                                 "character")),
                 qPrintable(add.err));
        QVERIFY(!add.err.contains(QChar(0x1b)));
        RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, {"person", "list"}, {}, dir);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("zed")));
    }

    void csvExportDefusesFormulas()
    {
        const QString subject = QStringLiteral("=cmd|'/c calc'!A1");
        const QString dir = vaultWithHiresEntry(QStringLiteral("formulas"), subject, {});
        const QString csv = m_dir.filePath("formulas.csv");
        RunResult r =
            as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "export", "--format", "csv", "-o", csv}, {}, dir);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QList<QByteArray> lines = readAll(csv).split('\n');
        QCOMPARE(lines.size(), 6); // the header, four entries, nothing after the last CRLF
        const QList<QByteArray> fields = lines.at(4).split(',');
        QCOMPARE(fields.at(4), QByteArray("step.note"));
        QCOMPARE(fields.at(5), QByteArray("'=cmd|'/c calc'!A1"));
        QCOMPARE(fields.at(3), QByteArray("hal"));
        // The hash and signature stay as the entry has them.
        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log", "--json"}, {}, dir);
        const QJsonObject entry = QJsonDocument::fromJson(r.out.toUtf8()).array().last().toObject();
        QCOMPARE(entry.value("subject").toString(), subject);
        QCOMPARE(fields.at(8), entry.value("hash").toString().toLatin1());
        QCOMPARE(fields.at(9).trimmed(), entry.value("signature").toString().toLatin1());
    }

    void editedRowsAreMarkedAndFail()
    {
        // The hire, with the master key: the guard goes, their own step.note
        // becomes a sign-off by the mentor.
        const QString dir = vaultWithHiresEntry(QStringLiteral("edited"), QStringLiteral("hal"), {});
        {
            std::unique_ptr<onramp::Vault> hal;
            QVERIFY(!onramp::Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hal));
            QVERIFY(!hal->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QVERIFY(!hal->db().execute(QStringLiteral("UPDATE audit_log SET actor_id = 2, actor_name = 'max', "
                                                      "action = 'signoff' WHERE action = 'step.note'")));
        }
        RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log"}, {}, dir);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("entry 4")), qPrintable(r.err));
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(!lines.at(i).contains(QStringLiteral("not verified")), qPrintable(lines.at(i)));
        QVERIFY2(lines.last().startsWith(QStringLiteral("4\t")), qPrintable(lines.last()));
        QVERIFY2(lines.last().endsWith(QStringLiteral("\t(not verified: hash mismatch)")), qPrintable(lines.last()));
        // A filter on sign-offs finds the forged one only marked.
        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log", "--action", "signoff"}, {}, dir);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.out.endsWith(QStringLiteral("\t(not verified: hash mismatch)\n")), qPrintable(r.out));
        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log", "--json"}, {}, dir);
        QCOMPARE(r.code, 6);
        const QJsonArray entries = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(entries.size(), 4);
        QCOMPARE(entries.first().toObject().value("verified").toBool(), true);
        QCOMPARE(entries.last().toObject().value("verified").toBool(), false);
        QCOMPARE(entries.last().toObject().value("problem").toString(), QStringLiteral("hash mismatch"));
    }

    void aPrefixRewrittenAndChainedAgainIsMarkedFromItsFirstEntry()
    {
        // The admin's privileged check verified entries 1-4 on this desktop;
        // `audit log` then checks again only the signatures after them.
        const QString dir = vaultWithHiresEntry(QStringLiteral("prefix"), QStringLiteral("hal"), {});
        {
            std::unique_ptr<onramp::Vault> ada;
            QVERIFY(!onramp::Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &ada));
            const onramp::Error e = onramp::Ledger::require(*ada, QDateTime::currentDateTimeUtc());
            QVERIFY2(!e, qPrintable(e.message));
        }
        std::unique_ptr<onramp::Vault> hal;
        QVERIFY(!onramp::Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hal));
        QVERIFY(!onramp::AuditLog::record(*hal, QStringLiteral("step.note"), QStringLiteral("hal"), {}));
        RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log"}, {}, dir);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.count(QLatin1Char('\n')), 5);
        // The hire, with the hash key every holder of the master key reads:
        // entry 2 rewritten, it and entry 3 hashed and linked again, and the
        // verified entry 4 linked to them with its hash column left as this
        // desktop pinned it (the newest, pinned as the head, as it was).
        // Entry 2's signature is the first thing wrong; the first thing the
        // chain of hashes shows is entry 4's.
        {
            onramp::Database& db = hal->db();
            QVERIFY(!db.execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QList<onramp::AuditEntry> entries;
            QVERIFY(!onramp::AuditLog::page(db, 0, 100, &entries));
            QCOMPARE(entries.size(), 5);
            onramp::SecureBytes key;
            QVERIFY(!onramp::AuditLog::hashKey(db, &key));
            entries[1].subject = QStringLiteral("someone else");
            for (qsizetype i = 1; i < 4; ++i) {
                entries[i].previousHash = entries.at(i - 1).hash;
                if (i < 3)
                    entries[i].hash = onramp::AuditLog::computeHash(entries.at(i), key);
                QVERIFY(!db.execute(
                    QStringLiteral("UPDATE audit_log SET subject = ?1, prev_hash = ?2, hash = ?3 "
                                   "WHERE seq = ?4"),
                    {entries.at(i).subject, entries.at(i).previousHash, entries.at(i).hash, entries.at(i).sequence}));
            }
        }
        hal.reset();
        const RunResult full = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "verify"}, {}, dir);
        QCOMPARE(full.code, 6);
        QVERIFY2(full.err.contains(QStringLiteral("entry 2")), qPrintable(full.err));
        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "log"}, {}, dir);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("entry 2")), qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY2(!lines.first().contains(QStringLiteral("not verified")), qPrintable(lines.first()));
        for (qsizetype i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).contains(QStringLiteral("\t(not verified: ")), qPrintable(lines.at(i)));
        QVERIFY2(lines.at(2).endsWith(QStringLiteral("(not verified: it follows entry 2)")), qPrintable(lines.at(2)));
    }

    // The export an auditor gets holds every entry, each with the verdict
    // `audit log` gives it, and the command fails as `audit log` does.
    void exportMarksEditedEntriesAndExitsSix()
    {
        const QString dir = vaultWithHiresEntry(QStringLiteral("edited-export"), QStringLiteral("hal"), {});
        {
            std::unique_ptr<onramp::Vault> hal;
            QVERIFY(!onramp::Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hal));
            QVERIFY(!hal->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QVERIFY(!hal->db().execute(QStringLiteral("UPDATE audit_log SET actor_id = 2, actor_name = 'max', "
                                                      "action = 'step.approve' WHERE action = 'step.note'")));
        }
        const QString csv = m_dir.filePath("edited-export.csv");
        RunResult r =
            as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "export", "--format", "csv", "-o", csv}, {}, dir);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("entry 4")), qPrintable(r.err));
        QVERIFY2(r.out.contains(csv), qPrintable(r.out));
        QList<QByteArray> lines = readAll(csv).split('\n');
        QCOMPARE(lines.size(), 6); // the header, four entries, nothing after the last CRLF
        QVERIFY2(lines.at(0).trimmed().endsWith(",signature,verified,problem"), lines.at(0).constData());
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(lines.at(i).trimmed().endsWith(",true,"), lines.at(i).constData());
        QVERIFY2(lines.at(4).contains(",step.approve,"), lines.at(4).constData());
        QVERIFY2(lines.at(4).trimmed().endsWith(",false,hash mismatch"), lines.at(4).constData());

        r = as(QStringLiteral("ada"), kAdminPassphrase, {"audit", "export", "--format", "jsonl"}, {}, dir);
        QCOMPARE(r.code, 6);
        lines = r.out.toUtf8().split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value("verified").toBool(), true);
        const QJsonObject forged = QJsonDocument::fromJson(lines.at(3)).object();
        QCOMPARE(forged.value("action").toString(), QStringLiteral("step.approve"));
        QCOMPARE(forged.value("verified").toBool(), false);
        QCOMPARE(forged.value("problem").toString(), QStringLiteral("hash mismatch"));
    }

    // Entries signed with the signer's own key for an act their role does
    // not record: refused wherever the log is checked, whether or not the
    // entry names an enrollment.
    void actsOfAnotherRoleAreRefused_data()
    {
        QTest::addColumn<QString>("signer");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("because");
        QTest::newRow("a hire's sign-off") << "hal"
                                           << "signoff"
                                           << "hal"
                                           << "signoff is a mentor's act, but hal is a hire by the log";
        QTest::newRow("a hire's revocation") << "hal"
                                             << "grant.revoke"
                                             << "kim"
                                             << "grant.revoke is a mentor's or an admin's act, but hal is a hire";
        QTest::newRow("a hire's approval") << "hal"
                                           << "step.approve"
                                           << "hal"
                                           << "step.approve is a mentor's act, but hal is a hire";
        QTest::newRow("a hire's person.add") << "hal"
                                             << "person.add"
                                             << "eve"
                                             << "person.add is an admin's act, but hal is a hire";
        QTest::newRow("a hire's secret set") << "hal"
                                             << "credential.set"
                                             << "prod-db"
                                             << "credential.set is an admin's act, but hal is a hire";
        QTest::newRow("a mentor's sql") << "max"
                                        << "vault.sql"
                                        << "people"
                                        << "vault.sql is an admin's act, but max is a mentor";
        QTest::newRow("a mentor's step") << "max"
                                         << "step.done"
                                         << "hal"
                                         << "step.done is a hire's act, but max is a mentor";
        QTest::newRow("an act nobody records") << "hal"
                                               << "person.note"
                                               << "hal"
                                               << "no one records person.note in a vault";
    }

    void actsOfAnotherRoleAreRefused()
    {
        QFETCH(QString, signer);
        QFETCH(QString, action);
        QFETCH(QString, subject);
        QFETCH(QString, because);
        const QString dir = vaultWithSignedEntry(QStringLiteral("role-%1").arg(++m_roleVaults), signer,
                                                 signer == "hal" ? kHirePassphrase : kMentorPassphrase, action, subject,
                                                 {{QStringLiteral("note"), QStringLiteral("by maya")}});
        const auto admin = [&](const QStringList& args) {
            return as(QStringLiteral("ada"), kAdminPassphrase, args, {}, dir);
        };
        RunResult r = admin({"audit", "verify"});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("audit log entry 4: no authority: ") + because), qPrintable(r.err));
        r = admin({"vault", "check"});
        QCOMPARE(r.code, 6);
        const QString said = r.out + r.err;
        QVERIFY2(said.contains(QStringLiteral("entry 4")), qPrintable(said));
        r = admin({"audit", "log"});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.out.trimmed().endsWith(QStringLiteral("\t(not verified: no authority)")), qPrintable(r.out));
        r = admin({"audit", "export", "--format", "jsonl"});
        QCOMPARE(r.code, 6);
        const QJsonObject entry =
            QJsonDocument::fromJson(r.out.trimmed().split(QLatin1Char('\n')).last().toUtf8()).object();
        QCOMPARE(entry.value("action").toString(), action);
        QCOMPARE(entry.value("verified").toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestAuditCommands)
#include "TestAuditCommands.moc"
