// `onramp scan` through the real binary, end to end: an admin sets a static
// production secret, a document holds it; the admin's scan names the
// credential, a hire's scan of the same tree reports the host and the
// patterns and cannot tell that a secret matched. The secret's bytes reach
// no output, no log line and no audit entry. Exit codes and SARIF's shape.
#include "Crypto.h"
#include "ProductionKey.h"
#include "TestData.h"
#include "VaultTestUtil.h"
#include "audit/AuditLog.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <utility>

using namespace vaulttest;

namespace {

const QByteArray kSecret = "Prod:Secret-d41c9e0b";
const QByteArray kProviderPassword = "Provisioner-58aa31c7e2";
const QByteArray kToken = "ghp_D0cT0k3nD0cT0k3nD0cT0k3nD0cT0k3nD0cT";
constexpr int kFindings = 10;

} // namespace

class TestScanCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;
    QString m_docs;
    QString m_log; // every run's stdout and stderr, debug logging on

    RunResult run(const QStringList& args, const QByteArray& passphrase = {})
    {
        const RunResult r = runOnramp(args, passphrase,
                                      {{QStringLiteral("TMPDIR"), m_dir.filePath(QStringLiteral("tmp"))},
                                       {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")}});
        m_log += r.out + r.err;
        return r;
    }
    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        return run(args, passphrase);
    }
    RunResult admin(const QStringList& args) { return as(QStringLiteral("ada"), kAdminPassphrase, args); }
    RunResult mentor(const QStringList& args) { return as(QStringLiteral("max"), kMentorPassphrase, args); }
    RunResult hire(const QStringList& args) { return as(QStringLiteral("hal"), kHirePassphrase, args); }

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QList<QJsonObject> jsonLines(const QString& out)
    {
        QList<QJsonObject> objects;
        for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            objects.append(QJsonDocument::fromJson(line.toUtf8()).object());
        return objects;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("tmp"))));
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(m_vault));
        RunResult r =
            admin({"checklist", "import", testDataPath(QStringLiteral("checklists/week-one-credentials.yaml"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString secretFile = write(QStringLiteral("prod.secret"), kSecret + '\n');
        r = admin({"cred", "set", "prod-db", "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::remove(secretFile));
        write(QStringLiteral("docs/onboarding.md"),
              "# Reporting\n\nThe job reads from:\n\n    host: db.prod.internal\n    export PGPASSWORD=" + kSecret
                  + "\n\nThe bot's token: " + kToken + "\n");
        m_docs = m_dir.filePath(QStringLiteral("docs"));
    }

    void adminsScanNamesTheCredential()
    {
        const RunResult r = admin({"scan", m_docs});
        QCOMPARE(r.code, kFindings);
        QVERIFY2(r.out.contains(m_docs + QStringLiteral("/onboarding.md:6:23: known-secret: export PGPASSWORD=Prod…")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("[prod-db: leaked, rotate]")));
        QVERIFY(r.out.contains(QStringLiteral("onboarding.md:5:11: production-host: host: db.prod.internal")));
        QVERIFY(r.out.contains(QStringLiteral("onboarding.md:8:18: github-token: The bot's token: ghp_…")));
    }

    void mentorHoldsTheProductionKeyToo()
    {
        const RunResult r = mentor({"scan", m_docs});
        QCOMPARE(r.code, kFindings);
        QVERIFY(r.out.contains(QStringLiteral("[prod-db: leaked, rotate]")));
    }

    void hiresScanOfTheSameTreeCannotTellASecretMatched()
    {
        const RunResult r = hire({"scan", m_docs});
        QCOMPARE(r.code, kFindings);
        QVERIFY(r.out.contains(QStringLiteral("production-host")));
        QVERIFY(r.out.contains(QStringLiteral("github-token")));
        QVERIFY(!r.out.contains(QStringLiteral("known-secret")));
        QVERIFY(!r.out.contains(QStringLiteral("prod-db")));
        QVERIFY(!r.err.contains(QStringLiteral("prod-db")));
        QVERIFY(!r.err.contains(QStringLiteral("Known production")));
        // The line that holds the secret reads as any literal password does,
        // whether or not it is the vault's.
        QVERIFY2(r.out.contains(QStringLiteral("onboarding.md:6:12: password-assignment: export PGPASSWORD=Prod…")),
                 qPrintable(r.out));
        const RunResult json = hire({"scan", m_docs, "--json", "--include-known"});
        QCOMPARE(json.code, kFindings);
        QCOMPARE(jsonLines(json.out).size(), 3);
    }

    void knownSecretsStayOutOfJsonAndSarifUnlessAsked()
    {
        RunResult r = admin({"scan", m_docs, "--json"});
        QCOMPARE(r.code, kFindings);
        QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 2);
        for (const QJsonObject& line : lines)
            QVERIFY(line.value("kind").toString() != QLatin1String("known-secret"));
        QVERIFY(!r.out.contains(QStringLiteral("prod-db")));
        QVERIFY(r.err.contains(QStringLiteral("Known production secrets were found and left out")));

        r = admin({"scan", m_docs, "--json", "--include-known"});
        lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(1).value("kind").toString(), QStringLiteral("known-secret"));
        QCOMPARE(lines.at(1).value("credential").toString(), QStringLiteral("prod-db"));
        QCOMPARE(lines.at(1).value("line").toInt(), 6);

        r = admin({"scan", m_docs, "--sarif"});
        QVERIFY(!r.out.contains(QStringLiteral("prod-db")));
    }

    void sarifHasTheShapeCodeScanningReads()
    {
        const RunResult r = hire({"scan", m_docs, "--sarif"});
        QCOMPARE(r.code, kFindings);
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.value("version").toString(), QStringLiteral("2.1.0"));
        QVERIFY(doc.value("$schema").toString().contains(QStringLiteral("sarif-2.1.0")));
        const QJsonArray runs = doc.value("runs").toArray();
        QCOMPARE(runs.size(), 1);
        const QJsonObject driver = runs.at(0).toObject().value("tool").toObject().value("driver").toObject();
        QCOMPARE(driver.value("name").toString(), QStringLiteral("onramp scan"));
        const QJsonArray rules = driver.value("rules").toArray();
        QVERIFY(rules.size() >= 10);
        QStringList ids;
        for (const QJsonValue& rule : rules) {
            ids << rule.toObject().value("id").toString();
            QVERIFY(!rule.toObject().value("shortDescription").toObject().value("text").toString().isEmpty());
        }
        const QJsonArray results = runs.at(0).toObject().value("results").toArray();
        QCOMPARE(results.size(), 3);
        for (const QJsonValue& value : results) {
            const QJsonObject result = value.toObject();
            const QString ruleId = result.value("ruleId").toString();
            QCOMPARE(ids.at(result.value("ruleIndex").toInt()), ruleId);
            QVERIFY(!result.value("message").toObject().value("text").toString().isEmpty());
            const QJsonObject location =
                result.value("locations").toArray().at(0).toObject().value("physicalLocation").toObject();
            QVERIFY(location.value("artifactLocation")
                        .toObject()
                        .value("uri")
                        .toString()
                        .endsWith(QStringLiteral("docs/onboarding.md")));
            const QJsonObject region = location.value("region").toObject();
            QVERIFY(region.value("startLine").toInt() > 0);
            QVERIFY(region.value("startColumn").toInt() > 0);
        }
    }

    void aGitignoreOrANulByteHidesNoKnownSecret()
    {
        write(QStringLiteral("hide/wiki/.gitignore"), "*.md\n");
        write(QStringLiteral("hide/wiki/plain.md"), "db password: " + kSecret + "\n");
        write(QStringLiteral("hide/wiki/deep/notes.txt"),
              QByteArray("# notes\n\0\ndb password: ", 24) + kSecret + "\n");
        const QString hide = m_dir.filePath(QStringLiteral("hide"));
        RunResult r = admin({"scan", hide});
        QCOMPARE(r.code, kFindings);
        QCOMPARE(r.out.count(QStringLiteral("known-secret")), 2);
        QCOMPARE(r.out.count(QStringLiteral("[prod-db: leaked, rotate]")), 2);
        QVERIFY2(r.err.contains(QStringLiteral("Known production secrets were searched for in every file read, the "
                                               "ignored and binary ones too (2 of them).")),
                 qPrintable(r.err));
        // The rules still leave them out: a hire's scan finds nothing there.
        r = hire({"scan", hide});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
    }

    void aFolderNamedGitOrUtf16TextHidesNoKnownSecret()
    {
        // A folder a hire calls .git (no repository in it) is read; a real
        // repository's is counted as not read; a UTF-16 file's secret is found.
        write(QStringLiteral("g2/wiki/.git/notes.md"), "db password " + kSecret + "\n");
        write(QStringLiteral("g2/repo/.git/HEAD"), "ref: refs/heads/main\n");
        write(QStringLiteral("g2/repo/.git/objects/info/packs"), "db password " + kSecret + "\n");
        QByteArray le("\xff\xfe", 2);
        QByteArray be("\xfe\xff", 2);
        for (const char c : QByteArray("db password " + kSecret + "\r\n")) {
            le += c;
            le += '\0';
            be += '\0';
            be += c;
        }
        write(QStringLiteral("g2/ps/setup.ps1"), le);
        write(QStringLiteral("g2/ps/setup-be.txt"), be);
        const RunResult r = admin({"scan", m_dir.filePath(QStringLiteral("g2"))});
        QCOMPARE(r.code, kFindings);
        QCOMPARE(r.out.count(QStringLiteral("[prod-db: leaked, rotate]")), 3);
        QVERIFY2(r.out.contains(QStringLiteral("wiki/.git/notes.md:1:")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("ps/setup.ps1:1:")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("ps/setup-be.txt:1:")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("repo/.git")));
        QVERIFY(!r.out.contains(QStringLiteral("\\x00")));
        QVERIFY2(r.err.contains(QStringLiteral("1 git directories not read")), qPrintable(r.err));
    }

    void aHiresRawReadOfTheLogCannotTellARightGuessFromAWrongOne()
    {
        // The hire writes a guess of the production secret into a file an
        // admin scans, then reads what the scan appended to the log. A right
        // guess is a known-secret finding (and hides the pattern finding a
        // wrong one may be): nothing in the clear may differ.
        auto appended = [&](const QByteArray& guess) {
            write(QStringLiteral("guess/g1.md"), "notes\nexport PGPASSWORD=" + guess + "\n");
            const int before = jsonLines(admin({"audit", "export", "--format", "jsonl"}).out).size();
            const RunResult scanned = admin({"scan", m_dir.filePath(QStringLiteral("guess")), "--json"});
            QList<QJsonObject> entries = jsonLines(admin({"audit", "export", "--format", "jsonl"}).out).mid(before);
            for (QJsonObject& entry : entries) {
                for (const char* key : {"seq", "at", "hash", "prev_hash", "signature"})
                    entry.remove(QLatin1String(key));
                QJsonObject details = entry.value("details").toObject();
                // Sealed with a random nonce: only its length may be compared.
                if (details.contains(QStringLiteral("sealed")))
                    details.insert(QStringLiteral("sealed"), details.value("sealed").toString().size());
                entry.insert(QStringLiteral("details"), details);
            }
            return std::make_pair(scanned.code, entries);
        };
        QByteArray wrong = kSecret;
        wrong.back() = wrong.back() == 'b' ? 'c' : 'b';
        const auto [wrongCode, wrongEntries] = appended(wrong);
        const auto [rightCode, rightEntries] = appended(kSecret);
        QCOMPARE(wrongCode, kFindings); // a literal password, as the right guess is too
        QCOMPARE(rightCode, kFindings);
        QCOMPARE(rightEntries.size(), 1);
        QCOMPARE(rightEntries.at(0).value("action").toString(), QStringLiteral("scan.run"));
        QCOMPARE(rightEntries, wrongEntries);
        // The admin's desk still knows: the credential is marked leaked.
        const RunResult list = admin({"cred", "list"});
        const QString prodLine = list.out.split(QLatin1Char('\n')).filter(QStringLiteral("prod-db\t")).value(0);
        QVERIFY2(prodLine.contains(QStringLiteral("leaked, rotate")), qPrintable(list.out));
    }

    void aScannedFilesEscapesReachNoTerminal()
    {
        write(QStringLiteral("esc/b\x1b[2K\u202e.md"),
              "url=https://u:Xy7Qp2Lm9Kw4Rt8Z@example.org \r\x1b[1A\x1b[2K\r\x1b[0J\x1b]52;c;aGk=\x07 "
              "\xe2\x80\xae\xe2\x80\x8b\n");
        const RunResult r = run({"scan", m_dir.filePath(QStringLiteral("esc"))});
        QCOMPARE(r.code, kFindings);
        QVERIFY2(!r.out.contains(QChar(0x1b)) && !r.out.contains(QChar(0x07)) && !r.out.contains(QChar('\r')),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(QChar(0x202e)) && !r.out.contains(QChar(0x200b)));
        QVERIFY2(r.out.contains(QStringLiteral("b\\x1b[2K[U+202E].md:1:")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("\\x1b]52;c;aGk=\\x07")));
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1);
        // JSON and SARIF: their encoders escape the controls.
        for (const char* format : {"--json", "--sarif"}) {
            const RunResult machine = run({"scan", m_dir.filePath(QStringLiteral("esc")), QLatin1String(format)});
            QVERIFY(!machine.out.contains(QChar(0x1b)) && !machine.out.contains(QChar(0x07)));
        }
    }

    void anAllowlistOthersMayWriteIsNamedAndNotUsed()
    {
        write(QStringLiteral("shared/setup.env"),
              "DATABASE_URL=postgresql://app:Zq8vK2mXr7TnB4wL9pHs@example.org/app\n");
        const QString allowlist = write(QStringLiteral("shared/.onramp-scan-ignore"), "path:** -- generated files\n");
        QVERIFY(QFile::setPermissions(allowlist,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther
                                          | QFileDevice::WriteOther));
        const RunResult r = run({"scan", m_dir.filePath(QStringLiteral("shared/setup.env"))});
        QCOMPARE(r.code, kFindings);
        QVERIFY2(r.err.contains(QStringLiteral("warning: %1 is not used").arg(allowlist)), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("0 allowed by .onramp-scan-ignore")));
    }

    void eachScanIsAuditedWithCountsOnlyAndTheLeakMarked()
    {
        const RunResult r = admin({"audit", "export", "--format", "jsonl"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        int scans = 0;
        QStringList leakedBy;
        for (const QJsonObject& entry : jsonLines(r.out)) {
            const QString action = entry.value("action").toString();
            const QJsonObject details = entry.value("details").toObject();
            if (action == QLatin1String("scan.run")) {
                ++scans;
                // A hire's scan says its counts; an admin's or a mentor's
                // seals them, and which credential leaked, from hires.
                const bool staff = entry.value("actor").toString() != QLatin1String("hal");
                QCOMPARE(details.contains(QStringLiteral("findings")), !staff);
                QCOMPARE(details.contains(QStringLiteral("sealed")), staff);
                if (staff)
                    leakedBy << entry.value("actor").toString();
            }
            QVERIFY(action != QLatin1String("credential.leaked"));
        }
        QVERIFY(scans >= 6);
        QVERIFY(leakedBy.contains(QStringLiteral("ada")));
        QVERIFY(!r.out.contains(QStringLiteral("known-secret")));
        QVERIFY(!r.out.contains(QStringLiteral("PGPASSWORD")));
        QVERIFY(!r.out.contains(QStringLiteral("ghp_")));
        const RunResult verify = admin({"audit", "verify"});
        QVERIFY2(verify.code == 0, qPrintable(verify.out + verify.err));

        // audit log never prints the sealed bytes: a hire's shows their own
        // scans' counts, an admin's, who holds the production key, opens
        // the sealed findings.
        const RunResult log = hire({"audit", "log", "--action", "scan.run"});
        QVERIFY2(log.code == 0, qPrintable(log.err));
        QVERIFY(!log.out.contains(QStringLiteral("known-secret")));
        const RunResult opened = admin({"audit", "log", "--action", "scan.run"});
        QVERIFY2(opened.code == 0, qPrintable(opened.err));
        QVERIFY2(opened.out.contains(QStringLiteral("\"known-secret\":")), qPrintable(opened.out));
        QVERIFY(!opened.out.contains(QStringLiteral("findings sealed for admins and mentors")));
        QVERIFY(!opened.out.contains(QString::fromUtf8(kSecret)));
        for (const QJsonObject& entry : jsonLines(r.out)) {
            const QString box = entry.value("details").toObject().value("sealed").toString();
            QVERIFY(box.isEmpty() || !log.out.contains(box.left(24)));
            QVERIFY(box.isEmpty() || !opened.out.contains(box.left(24)));
        }
    }

    void adminsCredentialListSaysLeakedUntilTheSecretIsSetAgain()
    {
        RunResult r = admin({"cred", "list"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString prodLine = r.out.split(QLatin1Char('\n')).filter(QStringLiteral("prod-db\t")).value(0);
        QVERIFY2(prodLine.contains(QStringLiteral("leaked, rotate")), qPrintable(r.out));
        QCOMPARE(r.out.count(QStringLiteral("leaked, rotate")), 1);
        r = admin({"cred", "list", "--json"});
        const QJsonArray credentials = QJsonDocument::fromJson(r.out.toUtf8()).object().value("credentials").toArray();
        int leaked = 0;
        for (const QJsonValue& credential : credentials)
            leaked += credential.toObject().contains(QStringLiteral("leaked_at")) ? 1 : 0;
        QCOMPARE(leaked, 1);

        const QString secretFile = write(QStringLiteral("rotated.secret"), "Rotated-7c21f0ee\n");
        r = admin({"cred", "set", "prod-db", "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::remove(secretFile));
        r = admin({"cred", "list"});
        QVERIFY(!r.out.contains(QStringLiteral("leaked, rotate")));
        // The old secret in the document is no longer one the vault holds.
        r = admin({"scan", m_docs});
        QVERIFY(!r.out.contains(QStringLiteral("known-secret")));
    }

    void badArgumentsAreExitFiveAndACleanTreeExitZero()
    {
        RunResult r = run({"scan", m_dir.filePath(QStringLiteral("no-such-folder"))});
        QCOMPARE(r.code, 5);
        QVERIFY(r.err.contains(QStringLiteral("no-such-folder")));
        r = run({"scan", m_docs, "--json", "--sarif"});
        QCOMPARE(r.code, 5);
        write(QStringLiteral("clean/readme.md"), "Nothing secret here.\n");
        r = run({"scan", m_dir.filePath(QStringLiteral("clean"))});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
    }

    void withoutAVaultOnlyThePatterns()
    {
        const RunResult r = run({"scan", m_docs});
        QCOMPARE(r.code, kFindings);
        QVERIFY(r.out.contains(QStringLiteral("github-token")));
        QVERIFY(!r.out.contains(QStringLiteral("production-host")));
    }

    void aProvisioningPasswordIsAKnownSecretNamedByItsConnection()
    {
        const QString secretFile = write(QStringLiteral("provider.secret"), kProviderPassword + '\n');
        RunResult r =
            admin({"provider", "set", "live", "--dsn",
                   "host=/tmp/onramp-nowhere dbname=sandbox user=onramp_provisioner", "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::remove(secretFile));
        write(QStringLiteral("setup/provision.sh"), "#!/bin/sh\nexport PROVISION_PW='" + kProviderPassword + "'\n");
        const QString setup = m_dir.filePath(QStringLiteral("setup"));

        r = admin({"scan", setup});
        QCOMPARE(r.code, kFindings);
        QVERIFY2(r.out.contains(QStringLiteral("provision.sh:2:22: known-secret: export PROVISION_PW='Prov…")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("[provider live: leaked, rotate]")));
        QVERIFY(mentor({"scan", setup}).out.contains(QStringLiteral("[provider live: leaked, rotate]")));
        // A hire learns nothing of it.
        r = hire({"scan", setup});
        QVERIFY(!r.out.contains(QStringLiteral("known-secret")));
        QVERIFY(!QString(r.out + r.err).contains(QStringLiteral("provider live")));

        // The leak is sealed in the log, naming nothing a hire reads, and a
        // new password ends it.
        r = admin({"audit", "export", "--format", "jsonl"});
        QVERIFY(!r.out.contains(QStringLiteral("provider live")));
        QVERIFY(!r.out.contains(QString::fromLatin1(kProviderPassword.left(8))));
        const QString rotated = write(QStringLiteral("rotated-provider.secret"), "Provisioner-new-0d9f\n");
        r = admin({"provider", "set", "live", "--dsn",
                   "host=/tmp/onramp-nowhere dbname=sandbox user=onramp_provisioner", "--secret-file", rotated});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::remove(rotated));
        QVERIFY(!admin({"scan", setup}).out.contains(QStringLiteral("known-secret")));
    }

    // The hire puts back the earlier box of prod-db after the admin set a
    // new secret: a scan would look for the secret already replaced, and
    // miss the new one pasted into a document. It refuses, naming the
    // damage, until the admin sets the secret again.
    void anEarlierSecretPutBackStopsTheScan()
    {
        QVariantList earlier;
        {
            std::unique_ptr<onramp::Vault> vault;
            QVERIFY(!onramp::Vault::unlock(m_vault, QStringLiteral("hal"), kHirePassphrase, &vault));
            earlier = keptRowOf(vault->db(), QStringLiteral("prod-db"));
            QVERIFY(!earlier.isEmpty());
        }
        const QByteArray newer = "Newer-5b0e7d41";
        QString secretFile = write(QStringLiteral("newer.secret"), newer + '\n');
        RunResult r = admin({"cred", "set", "prod-db", "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        write(QStringLiteral("docs/newer.md"), "PGPASSWORD=" + newer + "\n");
        {
            std::unique_ptr<onramp::Vault> vault;
            QVERIFY(!onramp::Vault::unlock(m_vault, QStringLiteral("hal"), kHirePassphrase, &vault));
            QVERIFY(!putKeptRowBack(vault->db(), earlier));
        }
        r = admin({"scan", m_docs});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("an earlier one was put back")), qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("known-secret")));
        r = admin({"cred", "set", "prod-db", "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::remove(secretFile));
        r = admin({"scan", m_docs});
        QCOMPARE(r.code, kFindings);
        QVERIFY2(r.out.contains(QStringLiteral("newer.md:1:12: known-secret")), qPrintable(r.out));
    }

    /// After the production key is rotated (a disable rotates it too), an
    /// earlier scan's sealed findings still open, with the key replaced kept
    /// sealed under the new one, and the credential found stays "leaked,
    /// rotate"; only a holder of the new key reads the earlier ones.
    void anEarlierScanStillOpensAfterARotation()
    {
        RunResult r = admin({"scan", m_docs});
        QVERIFY2(r.code == kFindings, qPrintable(r.err));
        std::vector<onramp::SecureBytes> before;
        {
            std::unique_ptr<onramp::Vault> vault;
            QVERIFY(!onramp::Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &vault));
            before.push_back(onramp::SecureBytes::copyOf(vault->productionKey().view()));
        }
        for (int i = 0; i < 2; ++i) {
            r = admin({"vault", "rotate-production-key"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        r = admin({"audit", "log", "--action", "scan.run"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("do not open")), qPrintable(r.out));
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(lines.last().contains(QStringLiteral("\"known-secret\":")), qPrintable(r.out));
        const RunResult list = admin({"cred", "list"});
        QVERIFY2(list.out.split(QLatin1Char('\n'))
                     .filter(QStringLiteral("prod-db\t"))
                     .value(0)
                     .contains(QStringLiteral("leaked, rotate")),
                 qPrintable(list.out));
        std::unique_ptr<onramp::Vault> vault;
        QVERIFY(!onramp::Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &vault));
        const std::vector<onramp::productionkey::EarlierKey> kept =
            onramp::productionkey::earlierKeys(vault->db(), vault->productionKey());
        QCOMPARE(kept.size(), std::size_t(2));
        QVERIFY(kept.front().key.view() == before.front().view());
        QVERIFY(kept.front().retiredAfter < kept.back().retiredAfter);
        // Whoever held only a key replaced since reads none of them.
        QVERIFY(onramp::productionkey::earlierKeys(vault->db(), before.front()).empty());
        QVERIFY(onramp::productionkey::earlierKeys(vault->db(), kept.back().key).empty());

        // A box sealed with a replaced key in an entry written after it was
        // replaced (a disabled person keeps theirs) opens nothing, and marks nothing leaked.
        QByteArray plain = R"({"findings":{"known-secret":1},"leaked":{"prod-token":1}})";
        plain.append(4096 - plain.size(), ' ');
        const QByteArray box = onramp::crypto::encrypt(plain, kept.front().key, "onramp scan.run findings v1");
        QVERIFY(!onramp::AuditLog::record(
            *vault, QStringLiteral("scan.run"), QStringLiteral("ada"),
            {{QStringLiteral("files"), 1}, {QStringLiteral("sealed"), QString::fromLatin1(box.toBase64())}}));
        vault.reset();
        r = admin({"audit", "log", "--action", "scan.run"});
        QVERIFY2(r.out.trimmed().split(QLatin1Char('\n')).last().contains(QStringLiteral("do not open")),
                 qPrintable(r.out));
        const RunResult after = admin({"cred", "list"});
        QVERIFY2(!after.out.split(QLatin1Char('\n'))
                      .filter(QStringLiteral("prod-token\t"))
                      .value(0)
                      .contains(QStringLiteral("leaked")),
                 qPrintable(after.out));
    }

    /// Kept keys gone (a hand on the vault): an earlier scan's sealed
    /// findings do not open, and the admin who reads the log is not told
    /// they are "sealed for admins and mentors", but that they do not open
    /// with the key the vault holds now. A scan after the rotation opens.
    void anEarlierScanUnderARotatedKeySaysItDoesNotOpen()
    {
        RunResult r = admin({"scan", m_docs});
        QVERIFY2(r.code != 5, qPrintable(r.err));
        r = admin({"vault", "rotate-production-key"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVariant kept;
        {
            std::unique_ptr<onramp::Vault> vault;
            QVERIFY(!onramp::Vault::unlock(m_vault, QStringLiteral("hal"), kHirePassphrase, &vault));
            kept =
                vault->db().scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'earlier_production_keys'"));
            QVERIFY(kept.isValid() && !kept.isNull());
            QVERIFY(!vault->db().execute(QStringLiteral("DELETE FROM settings WHERE key = 'earlier_production_keys'")));
        }
        // Which credentials leaked is then not known: said, not passed over as "none".
        const RunResult list = admin({"cred", "list"});
        QCOMPARE(list.code, 6);
        QVERIFY2(list.err.contains(QStringLiteral("the earlier production keys this vault keeps are not those its "
                                                  "signed log names")),
                 qPrintable(list.err));
        r = admin({"audit", "log", "--action", "scan.run"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("do not open with the production key this vault holds now")),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("findings sealed for admins and mentors")));
        QVERIFY(!r.out.contains(QStringLiteral("\"unopened\"")));
        // A hire's own scans hold no box: nothing is said not to open.
        const RunResult hires = hire({"audit", "log", "--action", "scan.run"});
        QVERIFY2(hires.code == 0 && hires.out.contains(QStringLiteral("scan.run")), qPrintable(hires.out));
        QVERIFY(!hires.out.contains(QStringLiteral("do not open")));

        r = admin({"scan", m_docs});
        QVERIFY2(r.code != 5, qPrintable(r.err));
        r = admin({"audit", "log", "--action", "scan.run"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(lines.last().contains(QStringLiteral("\"known-secret\":")), qPrintable(r.out));
        QVERIFY(!lines.last().contains(QStringLiteral("do not open")));

        // Put back as the signed log names them, they open again.
        {
            std::unique_ptr<onramp::Vault> vault;
            QVERIFY(!onramp::Vault::unlock(m_vault, QStringLiteral("hal"), kHirePassphrase, &vault));
            QVERIFY(!vault->db().execute(
                QStringLiteral("INSERT INTO settings (key, value) VALUES ('earlier_production_keys', ?)"), {kept}));
        }
        QCOMPARE(admin({"cred", "list"}).code, 0);
    }

    void theSecretReachesNoOutputLogOrFile()
    {
        QVERIFY(!m_log.isEmpty());
        QVERIFY(!m_log.toUtf8().contains(kSecret));
        QVERIFY(!m_log.toUtf8().contains(kSecret.left(8)));
        QVERIFY(!m_log.toUtf8().contains(kToken.left(8)));
        QVERIFY(!m_log.toUtf8().contains(kProviderPassword.left(8)));
        QVERIFY(filesContaining(m_vault, kSecret).isEmpty());
        QVERIFY(filesContaining(m_vault, kProviderPassword).isEmpty());
        QVERIFY(filesContaining(m_dir.filePath(QStringLiteral("tmp")), kSecret).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScanCommand)
#include "TestScanCommand.moc"
