// The cred commands through the real `onramp` binary, with the clock fixed by
// ONRAMP_NOW, debug logging on and TMPDIR pointed at a folder of the test's:
// exit codes, export files, and that the production secret reaches no file
// of the vault, no temp file and no log line.
#include "TestData.h"
#include "VaultTestUtil.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace vaulttest;

namespace {

const QByteArray kChecklist = checklistFixture(QStringLiteral("week-one-credentials.yaml"));

const QByteArray kProductionSecret = "Prod:Secret-d41c9e0b";
const QString kStart = QStringLiteral("2026-11-20T09:00:00Z");

} // namespace

class TestCredentialCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;
    QString m_tmp;
    QString m_now = kStart;
    QString m_log; // stderr of every run, debug logging on
    QByteArray m_productionToken;

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        const RunResult r = runOnramp(args, passphrase,
                                      {{QStringLiteral("TMPDIR"), m_tmp},
                                       {QStringLiteral("SQLITE_TMPDIR"), m_tmp},
                                       {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")},
                                       {QStringLiteral("ONRAMP_NOW"), m_now}});
        m_log += r.err;
        return r;
    }
    RunResult admin(const QStringList& args) { return as(QStringLiteral("ada"), kAdminPassphrase, args); }
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

    QJsonObject showJson(const QString& id)
    {
        const RunResult r = hire({"cred", "show", id, "--json"});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        m_tmp = m_dir.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(m_tmp));
        QVERIFY(makeVault(m_vault));
        RunResult r = admin({"checklist", "import", write("week.yaml", kChecklist)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enroll", "hal", "--checklist", "week-one", "--mentor", "max", "--start", "2026-11-20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void sandboxCredentialIsShownRightAfterEnrollment()
    {
        const QJsonObject json = showJson("sandbox-db");
        QCOMPARE(json.value("status").toString(), QString("sandbox"));
        QCOMPARE(json.value("secret").toString().size(), 24);
        QCOMPARE(json.value("fields").toObject().value("database").toString(), QString("sb_hal"));
        const RunResult list = hire({"cred", "list"});
        QCOMPARE(list.code, 0);
        QVERIFY(list.out.contains(QStringLiteral("sandbox-db\tsandbox, ready")));
        QVERIFY(list.out.contains(QStringLiteral("prod-db\tproduction, locked")));
    }

    void reissueChangesTheSandboxSecret()
    {
        const QString before = showJson("sandbox-db").value("secret").toString();
        const RunResult r = hire({"cred", "reissue", "sandbox-db"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString after = showJson("sandbox-db").value("secret").toString();
        QCOMPARE(after.size(), 24);
        QVERIFY(after != before);
    }

    void setSecretNeverPrintsIt()
    {
        const QString file = write("secret.txt", kProductionSecret + '\n');
        QCOMPARE(mentor({"cred", "set", "prod-db", "--secret-file", file}).code, 4);
        const RunResult r = admin({"cred", "set", "prod-db", "--secret-file", file});
        QVERIFY(QFile::remove(file));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!r.out.toUtf8().contains(kProductionSecret));
        QCOMPARE(admin({"cred", "set", "sandbox-db", "--secret-file", write("x.txt", "x")}).code, 5);
    }

    // A secret of spaces alone (a blank line pasted, a tab) is no secret:
    // refused naming the credential, and nothing is set or logged.
    void aSecretOfSpacesAloneIsRefused()
    {
        const QStringList before = admin({"audit", "log"}).out.split(u'\n', Qt::SkipEmptyParts);
        for (const QByteArray& blank : {QByteArray("   \n"), QByteArray(" \t \r\n")}) {
            const RunResult r = admin({"cred", "set", "prod-db", "--secret-file", write("blank.txt", blank)});
            QCOMPARE(r.code, 5);
            QVERIFY2(r.err.contains(QStringLiteral("'prod-db' is only spaces")), qPrintable(r.err));
        }
        QCOMPARE(admin({"audit", "log"}).out.split(u'\n', Qt::SkipEmptyParts), before);
    }

    void productionExitsFourWithTheGatesReasonsBeforeSignoff()
    {
        const RunResult r = hire({"cred", "show", "prod-db"});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("Read the handbook")), qPrintable(r.err));
        QVERIFY(!r.out.toUtf8().contains(kProductionSecret));
        const QJsonObject json = showJson("prod-db");
        QCOMPARE(json.value("status").toString(), QString("locked"));
        QCOMPARE(json.value("reasons").toArray().size(), 2);
        QVERIFY(!json.contains("secret"));
    }

    void productionIsReadableAfterSignoff()
    {
        QCOMPARE(hire({"step", "done", "hal", "handbook"}).code, 0);
        const RunResult signoff = mentor({"signoff", "hal"});
        QVERIFY2(signoff.code == 0, qPrintable(signoff.err));
        const RunResult r = hire({"cred", "show", "prod-db"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // A login's secret is its password, whichever provider makes it.
        QVERIFY(r.out.toUtf8().contains(QByteArray("password: " + kProductionSecret)));
        QVERIFY(r.out.contains(QStringLiteral("user: hal_ro")));
        const QJsonObject token = showJson("prod-token");
        QCOMPARE(token.value("status").toString(), QString("granted"));
        QCOMPARE(token.value("expires_at").toString(), QString("2026-12-20T09:00:00.000Z"));
        m_productionToken = token.value("secret").toString().toUtf8();
        QCOMPARE(m_productionToken.size(), 32);
    }

    void exportFilesAreWrittenForTheHireOnly()
    {
        const QString env = m_dir.filePath("out/creds.env");
        QVERIFY(QDir().mkpath(QFileInfo(env).path()));
        RunResult r = hire({"cred", "export", "--format", "env", "-o", env});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile file(env);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains(QByteArray("PROD_DB_PASSWORD='" + kProductionSecret + "'\n")));
        QVERIFY(content.contains("SANDBOX_DB_HOST='db.sandbox.internal:5433'\n"));
        QVERIFY(content.contains(QByteArray("PROD_TOKEN_TOKEN='" + m_productionToken + "'\n")));
        QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        const QString pgpass = m_dir.filePath("out/pgpass");
        r = hire({"cred", "export", "--format", "pgpass", "--output", pgpass});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile pg(pgpass);
        QVERIFY(pg.open(QIODevice::ReadOnly));
        const QByteArray lines = pg.readAll();
        QVERIFY(lines.startsWith("db.sandbox.internal:5433:sb_hal:hal:"));
        QVERIFY(lines.contains("db.prod.internal:*:*:hal_ro:Prod\\:Secret-d41c9e0b\n"));
        QCOMPARE(pg.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(hire({"cred", "export", "--format", "yaml"}).code, 2);
    }

    // --environment keeps to one side: a sandbox-only export holds no
    // production secret and records no production export; a bad value is
    // named and writes nothing.
    void exportKeepsToTheEnvironmentAsked()
    {
        const auto exportEntries = [this] {
            return admin({"audit", "log"}).out.count(QStringLiteral("credential.export"));
        };
        const qint64 before = exportEntries();
        RunResult r = hire({"cred", "export", "--format", "env", "--environment", "sandbox"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("SANDBOX_DB_PASSWORD='")));
        QVERIFY(!r.out.contains(QStringLiteral("PROD_")));
        QVERIFY(!r.out.toUtf8().contains(kProductionSecret));
        QCOMPARE(exportEntries(), before);

        r = hire({"cred", "export", "--format", "env", "--environment", "production"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.toUtf8().contains(QByteArray("PROD_DB_PASSWORD='" + kProductionSecret + "'\n")));
        QVERIFY(!r.out.contains(QStringLiteral("SANDBOX_")));
        QCOMPARE(exportEntries(), before + 1);

        const QString target = m_dir.filePath("out/never.env");
        r = hire({"cred", "export", "--format", "env", "--environment", "staging", "-o", target});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'staging'")), qPrintable(r.err));
        QVERIFY(!QFile::exists(target));
    }

    // An export replaces a regular file only: over a FIFO another program
    // reads, or a folder, it would swap the node itself (over /dev/null too).
    void exportRefusesWhatIsNotARegularFile()
    {
        const QString fifo = m_dir.filePath("out/reader");
        QVERIFY(QDir().mkpath(QFileInfo(fifo).path()));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        for (const QString& target : {fifo, m_dir.filePath("out")}) {
            const RunResult r = hire({"cred", "export", "--format", "env", "-o", target});
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains(target) && r.err.contains("not a regular file"), qPrintable(r.err));
        }
        QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
        QVERIFY(QFileInfo(m_dir.filePath("out")).isDir());
        QVERIFY(!QDir(m_dir.filePath("out"))
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                     .join(' ')
                     .contains(".new-"));
    }

    void revokeAndRenewTakeTheMentorOrAnAdmin()
    {
        QCOMPARE(hire({"cred", "revoke", "hal", "prod-db"}).code, 4);
        QCOMPARE(hire({"cred", "renew", "hal", "prod-db"}).code, 4);
        RunResult r = mentor({"cred", "revoke", "hal", "prod-db"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = hire({"cred", "show", "prod-db"});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("revoked")), qPrintable(r.err));
        QCOMPARE(showJson("prod-db").value("status").toString(), QString("revoked"));
        r = admin({"cred", "renew", "hal", "prod-db"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(hire({"cred", "show", "prod-db"}).code, 0);
        const RunResult list = mentor({"cred", "list", "--json"});
        QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 4); // every credential of the checklist
    }

    // An admin's `cred list` is an overview that costs what the checklists
    // hold; per hire with --hire, --limit/--after or --all, as before.
    void adminListIsAnOverviewWithGrantsCounted()
    {
        RunResult r = admin({"cred", "list"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // After the renewal above: one live grant of each production credential, one revoked prod-db grant.
        QVERIFY2(r.out.contains(QStringLiteral("prod-db\tproduction\tstatic, set ")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\tProduction database\tgrants: 1 live, 0 expired, 1 revoked\n")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("sandbox-db\tsandbox\tgenerated, one per hire\tSandbox database\n")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("sandbox-ssh\tsandbox\tstatic, not set yet\tSandbox SSH\n")));
        QVERIFY(!r.out.contains(QStringLiteral("hal\t"))); // no row per hire
        r = admin({"cred", "list", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject overview = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(overview.value("hires").toInt(), 1);
        QCOMPARE(overview.value("grants_verified").toBool(true), false);
        const QJsonArray credentials = overview.value("credentials").toArray();
        QCOMPARE(credentials.size(), 4);
        const QJsonObject prodToken = credentials.at(3).toObject();
        QCOMPARE(prodToken.value("id").toString(), QString("prod-token"));
        QCOMPARE(prodToken.value("grants").toObject().value("live").toInt(), 1);
        QVERIFY(!credentials.at(0).toObject().contains("grants")); // a sandbox credential has none
        // The hire's and the mentor's listings are theirs, as before.
        r = mentor({"cred", "list"});
        QVERIFY(r.out.contains(QStringLiteral("hal\tprod-token\tproduction, granted until ")));
    }

    void adminListsOneHireOrEveryHireAsBefore()
    {
        const RunResult one = admin({"cred", "list", "--hire", "hal", "--json"});
        QVERIFY2(one.code == 0, qPrintable(one.err));
        const QJsonArray rows = QJsonDocument::fromJson(one.out.toUtf8()).array();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(3).toObject().value("status").toString(), QString("granted"));
        const RunResult all = admin({"cred", "list", "--all", "--json"});
        QCOMPARE(all.code, 0);
        QCOMPARE(QJsonDocument::fromJson(all.out.toUtf8()).array(), rows);
        // hal is the only hire: a page of one is full, and nothing follows it.
        const RunResult page = admin({"cred", "list", "--limit", "1"});
        QCOMPARE(page.code, 0);
        QVERIFY(page.out.contains(QStringLiteral("hal\tprod-db\tproduction, granted until ")));
        QVERIFY2(!page.out.contains(QStringLiteral("More:")), qPrintable(page.out));
        const RunResult after = admin({"cred", "list", "--limit", "1", "--after", "hal", "--json"});
        QCOMPARE(after.code, 0);
        QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8()).array().size(), 0);
    }

    // "More:" only when a hire follows the page: not after a last page that
    // is exactly full.
    void morePagesAreHintedOnlyWhenMoreHiresFollow()
    {
        RunResult r = admin({"person", "add", "hana", "--role", "hire", "--new-passphrase-file",
                             write("hana.pass", "handed over to hana\n")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = admin({"enroll", "hana", "--checklist", "week-one", "--mentor", "max", "--start", "2026-11-20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const RunResult first = admin({"cred", "list", "--limit", "1"});
        QCOMPARE(first.code, 0);
        QVERIFY2(first.out.endsWith(QStringLiteral("More: 'onramp cred list --limit 1 --after hal'\n")),
                 qPrintable(first.out));
        QVERIFY2(!first.out.contains(QStringLiteral("hana\t")), qPrintable(first.out));
        const RunResult last = admin({"cred", "list", "--limit", "1", "--after", "hal"});
        QCOMPARE(last.code, 0);
        QVERIFY2(last.out.contains(QStringLiteral("hana\tsandbox-db")), qPrintable(last.out));
        QVERIFY2(!last.out.contains(QStringLiteral("More:")), qPrintable(last.out));
        const RunResult both = admin({"cred", "list", "--limit", "2"});
        QCOMPARE(both.code, 0);
        QVERIFY2(both.out.contains(QStringLiteral("hal\t")) && both.out.contains(QStringLiteral("hana\t")),
                 qPrintable(both.out));
        QVERIFY2(!both.out.contains(QStringLiteral("More:")), qPrintable(both.out));
    }

    // `--all --json` is written a page at a time, one element after the
    // other, yet byte for byte the document the whole array printed: every
    // hire's rows in order, indented alike.
    void everyHiresJsonIsTheDocumentTheWholeArrayMade()
    {
        QJsonArray whole;
        for (const QString& name : {QStringLiteral("hal"), QStringLiteral("hana")}) {
            const RunResult one = admin({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--hire"), name,
                                         QStringLiteral("--json")});
            QVERIFY2(one.code == 0, qPrintable(one.err));
            const QJsonArray rows = QJsonDocument::fromJson(one.out.toUtf8()).array();
            for (const QJsonValue& row : rows)
                whole.append(row);
        }
        QCOMPARE(whole.size(), 8);
        const RunResult all = admin({"cred", "list", "--all", "--json"});
        QVERIFY2(all.code == 0, qPrintable(all.err));
        QCOMPARE(all.out, QString::fromUtf8(QJsonDocument(whole).toJson(QJsonDocument::Indented)));
    }

    void listingAnUnknownHireIsAnErrorNamingThem()
    {
        const RunResult r = admin({"cred", "list", "--hire", "nobody"});
        QCOMPARE(r.code, 5);
        QCOMPARE(r.code, admin({"status", "nobody"}).code); // as every other "not found"
        QVERIFY2(r.err.contains(QStringLiteral("'nobody'")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(hire({"cred", "list", "--hire", "ada"}).code, 4);
    }

    void listOptionsAreCheckedBeforeTheVaultIsOpened_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("zero") << QStringList{"--limit", "0"} << "--limit";
        QTest::newRow("words") << QStringList{"--limit", "ten"} << "'ten'";
        QTest::newRow("too many") << QStringList{"--limit", "10001"} << "--limit";
        QTest::newRow("hire and all") << QStringList{"--hire", "hal", "--all"} << "--hire";
        QTest::newRow("all and a page") << QStringList{"--all", "--after", "hal"} << "--all";
    }

    void listOptionsAreCheckedBeforeTheVaultIsOpened()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const RunResult r = admin(QStringList{"cred", "list"} + args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void expiredGrantExitsFour()
    {
        m_now = QStringLiteral("2026-11-20T10:00:01Z"); // prod-db's ttl is 1h
        const RunResult r = hire({"cred", "show", "prod-db"});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("expired")), qPrintable(r.err));
        QCOMPARE(hire({"cred", "show", "prod-token"}).code, 0); // 30 days by default
        const RunResult renewed = mentor({"cred", "renew", "hal", "prod-db"});
        QVERIFY2(renewed.code == 0, qPrintable(renewed.err));
        QCOMPARE(hire({"cred", "show", "prod-db"}).code, 0);
    }

    void productionSecretsReachNoFileAndNoLogLine()
    {
        // Debug logging was on, and the credential path did log.
        QVERIFY(m_log.contains(QStringLiteral("onramp.credentials: granted \"prod-db\"")));
        QVERIFY(m_log.contains(QStringLiteral("onramp.credentials: \"hal\" reads \"prod-db\"")));
        for (const QByteArray& secret : {kProductionSecret, m_productionToken}) {
            QVERIFY(!secret.isEmpty());
            QCOMPARE(filesContaining(m_vault, secret), QStringList());
            QCOMPARE(filesContaining(m_tmp, secret), QStringList());
            QVERIFY2(!m_log.toUtf8().contains(secret), "a production secret reached stderr");
        }
    }

    void jsonCarriesEverySecretByteExactly_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("escaped"); // how it must read in the JSON text
        QTest::newRow("quote and backslash") << QByteArray(R"(a"b\c)") << QByteArray(R"("secret": "a\"b\\c")");
        QTest::newRow("control characters")
            << QByteArray("tab\there\x01\x1f end") << QByteArray(R"(tab\there\u0001\u001f end)");
        QTest::newRow("line breaks inside") << QByteArray("one\ntwo\rthree") << QByteArray(R"(one\ntwo\rthree)");
        QTest::newRow("non-ASCII") << QByteArray("p\xc3\xa4ss \xe6\xbc\xa2 \xf0\x9f\x99\x82")
                                   << QByteArray("p\xc3\xa4ss \xe6\xbc\xa2 \xf0\x9f\x99\x82");
        QTest::newRow("looks like JSON") << QByteArray(R"(", "status": "x)") << QByteArray(R"(\", \"status\": \"x)");
    }
    void jsonCarriesEverySecretByteExactly()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, escaped);
        RunResult r = admin({"cred", "set", "prod-db", "--secret-file", write("tricky.txt", secret)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = hire({"cred", "show", "prod-db", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray text = r.out.toUtf8();
        QVERIFY2(text.contains(escaped), text.constData());
        QJsonParseError error{};
        const QJsonObject json = QJsonDocument::fromJson(text, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(json.value("secret").toString().toUtf8(), secret);
        QCOMPARE(json.value("id").toString(), QString("prod-db"));
        QCOMPARE(json.value("status").toString(), QString("granted"));
        QCOMPARE(json.value("fields").toObject().value("user").toString(), QString("hal_ro"));
        QCOMPARE(json.keys().size(), 15); // every field of the view, and the secret once
    }

    void jsonRefusesASecretThatIsNotUtf8()
    {
        RunResult r = admin({"cred", "set", "prod-db", "--secret-file", write("binary.txt", "ab\xff\xfe")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = hire({"cred", "show", "prod-db", "--json"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("the secret of prod-db is not valid UTF-8")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(hire({"cred", "show", "prod-db"}).code, 0); // the plain form shows the bytes as they are
    }

    void aSecretTheOutputCannotTakeIsAnError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("plain") << QStringList{"cred", "show", "prod-db"};
        QTest::newRow("json") << QStringList{"cred", "show", "prod-db", "--json"};
        QTest::newRow("export") << QStringList{"cred", "export", "--format", "env"};
    }
    void aSecretTheOutputCannotTakeIsAnError()
    {
        // A full disk cuts the secret short: that is a failure, never exit 0.
        QFETCH(QStringList, args);
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        RunResult r = admin({"cred", "set", "prod-db", "--secret-file", write("plain.txt", kProductionSecret)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        env.insert(QStringLiteral("ONRAMP_PASSPHRASE"), QString::fromUtf8(kHirePassphrase));
        env.insert(QStringLiteral("ONRAMP_NOW"), m_now);
        env.insert(QStringLiteral("TMPDIR"), m_tmp);
        process.setProcessEnvironment(env);
        process.setStandardOutputFile(QStringLiteral("/dev/full"));
        process.start(QStringLiteral(ONRAMP_BINARY),
                      args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << QStringLiteral("hal"));
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 1, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("to the output")), qPrintable(err));
        QVERIFY2(!err.toUtf8().contains(kProductionSecret), "the secret reached stderr");
    }
};

QTEST_GUILESS_MAIN(TestCredentialCommands)
#include "TestCredentialCommands.moc"
