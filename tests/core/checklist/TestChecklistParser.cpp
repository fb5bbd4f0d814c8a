// The checklist importer: good files read, broken files refused with every problem named.
#include "TestData.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"

#include <QFile>
#include <QTest>

using namespace onramp;

namespace {

// The checklist of the issue's sample, built by hand.
Checklist sampleChecklist()
{
    Checklist c;
    c.productionHosts = {"db.prod.internal", "*.prod.example.com"};
    c.id = "backend-week-one";
    c.title = QString::fromUtf8("Backend engineer — first week");
    Step handbook;
    handbook.id = "handbook";
    handbook.section = "Day one";
    handbook.title = "Read how we handle mistakes";
    handbook.body = "Markdown. Blameless postmortems, where backups live, how restores are tested.";
    handbook.dueDays = 1;
    handbook.required = true;
    Step tests;
    tests.id = "sandbox-tests";
    tests.title = "Run the test suite against your sandbox";
    tests.required = true;
    tests.signoff = true;
    Step lunch;
    lunch.id = "team-lunch";
    lunch.title = "Lunch with the team";
    c.steps = {handbook, tests, lunch};
    CredentialTemplate sandbox;
    sandbox.id = "sandbox-db";
    sandbox.title = "Sandbox database";
    sandbox.environment = Environment::Sandbox;
    sandbox.provider = "generated";
    sandbox.fields = {{"host", "sandbox-db.internal"}, {"user", "{{hire}}"}};
    sandbox.secretName = "password";
    sandbox.secretLength = 32;
    sandbox.ttlSeconds = 30 * 24 * 3600;
    CredentialTemplate prod;
    prod.id = "prod-db";
    prod.title = "Production database (read-only)";
    prod.environment = Environment::Production;
    prod.provider = "static";
    prod.fields = {{"host", "db.prod.internal"}, {"user", "readonly"}};
    prod.ttlSeconds = 8 * 3600;
    c.credentials = {sandbox, prod};
    return c;
}

} // namespace

class TestChecklistParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issueSampleReadsAsWritten_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("yaml") << "sample.yaml";
        QTest::newRow("json") << "sample.json";
    }
    void issueSampleReadsAsWritten()
    {
        QFETCH(QString, file);
        const ParseResult r = parseChecklist(checklistFixture(file), file);
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
        QVERIFY(r.ok());
        QCOMPARE(*r.checklist, sampleChecklist());
    }

    void goodFixturesRead_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("credentials");
        QTest::newRow("minimal") << "minimal.yaml" << 1 << 0;
        QTest::newRow("rich") << "rich.yaml" << 3 << 2;
        QTest::newRow("postgresql") << "postgresql.yaml" << 1 << 2;
    }
    void goodFixturesRead()
    {
        QFETCH(QString, file);
        QFETCH(int, steps);
        QFETCH(int, credentials);
        const ParseResult r = parseChecklist(checklistFixture(file), file);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->steps.size(), steps);
        QCOMPARE(r.checklist->credentials.size(), credentials);
    }

    void richFixtureKeepsTextExactly()
    {
        const ParseResult r = parseChecklist(checklistFixture("rich.yaml"), "rich.yaml");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        const Checklist& c = *r.checklist;
        QCOMPARE(c.title, QString::fromUtf8("Plattform-Team: erste Woche — « bienvenue » 🚀"));
        QCOMPARE(c.steps[0].title, "null");
        QCOMPARE(c.steps[0].dueDays, std::optional<int>(0));
        QVERIFY(c.steps[0].required);
        QVERIFY(c.steps[0].body.endsWith("  indented line, kept"));
        QCOMPARE(c.steps[1].title, "Restore last night's backup into your sandbox");
        QCOMPARE(c.steps[1].body, "  starts with spaces\n\ttab line");
        QCOMPARE(c.steps[2].id, "yes");
        QCOMPARE(c.steps[2].dueDays, std::nullopt);
        QCOMPARE(c.credentials[0].secretAlphabet, "abcdef0123456789");
        QCOMPARE(c.credentials[0].ttlSeconds, 90);
        QCOMPARE(c.credentials[1].ttlSeconds, 45 * 60);
    }

    void postgresqlSettingsReadAndWriteBack()
    {
        const ParseResult r = parseChecklist(checklistFixture("postgresql.yaml"), "postgresql.yaml");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        const CredentialTemplate& sandbox = r.checklist->credentials[0];
        QCOMPARE(sandbox.provider, "postgresql");
        QCOMPARE(sandbox.pgServer, "sandbox");
        QCOMPARE(sandbox.pgRoles, QStringList());
        const CredentialTemplate& live = r.checklist->credentials[1];
        QCOMPARE(live.pgServer, "live");
        QCOMPARE(live.pgRoles, (QStringList{"ro_reader", "reporting"}));
        QCOMPARE(live.ttlSeconds, 8 * 3600);
        const ParseResult again = parseChecklist(toYaml(*r.checklist), "written.yaml");
        QVERIFY2(again.ok(), qPrintable(again.errors.join('\n')));
        QCOMPARE(*again.checklist, *r.checklist);
    }

    void brokenFilesAreRefusedWithEveryProblem_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("errors");
        QTest::newRow("bad-due-ttl.yaml")
            << "broken/bad-due-ttl.yaml"
            << QStringList{"broken/bad-due-ttl.yaml:6:44: 'due' of step 'negative' must be a whole number of days from "
                           "0 to 3650 (got '-1')",
                           "broken/bad-due-ttl.yaml:7:38: 'due' of step 'words' must be a whole number of days from 0 "
                           "to 3650 (got 'soon')",
                           "broken/bad-due-ttl.yaml:8:44: 'due' of step 'fraction' must be a whole number of days from "
                           "0 to 3650 (got '1.5')",
                           "broken/bad-due-ttl.yaml:11:76: 'ttl' of credential 'weeks' must be a positive duration "
                           "such as 30d, 8h, 45m or 90s, at most 3650d (got '3w')",
                           "broken/bad-due-ttl.yaml:12:74: 'ttl' of credential 'zero' must be a positive duration such "
                           "as 30d, 8h, 45m or 90s, at most 3650d (got '0d')",
                           "broken/bad-due-ttl.yaml:13:80: 'ttl' of credential 'forever' must be a positive duration "
                           "such as 30d, 8h, 45m or 90s, at most 3650d (got 'forever')"};
        QTest::newRow("bad-slugs.yaml")
            << "broken/bad-slugs.yaml"
            << QStringList{"broken/bad-slugs.yaml:3:7: checklist id 'Backend Week' is not a slug: use lower-case "
                           "letters, digits, '-' and '_', starting with a letter or digit",
                           "broken/bad-slugs.yaml:6:12: step id 'Read-Handbook' is not a slug: use lower-case letters, "
                           "digits, '-' and '_', starting with a letter or digit",
                           "broken/bad-slugs.yaml:7:12: step id '-dash' is not a slug: use lower-case letters, digits, "
                           "'-' and '_', starting with a letter or digit",
                           "broken/bad-slugs.yaml:10:10: credential id 'sandbox db' is not a slug: use lower-case "
                           "letters, digits, '-' and '_', starting with a letter or digit"};
        QTest::newRow("duplicate-ids.yaml")
            << "broken/duplicate-ids.yaml"
            << QStringList{"broken/duplicate-ids.yaml:8:12: duplicate step id 'one' (first at 6:12)",
                           "broken/duplicate-ids.yaml:11:10: duplicate credential id 'db' (first at 10:10)"};
        QTest::newRow("empty.yaml")
            << "broken/empty.yaml"
            << QStringList{"broken/empty.yaml:1:1: the file is empty; a checklist file starts with 'onramp: 1'"};
        QTest::newRow("missing-fields.yaml")
            << "broken/missing-fields.yaml"
            << QStringList{"broken/missing-fields.yaml:3:3: the checklist has no 'title'",
                           "broken/missing-fields.yaml:5:7: step 'one' has no 'title'",
                           "broken/missing-fields.yaml:6:7: step 2 has no 'id'",
                           "broken/missing-fields.yaml:8:14: 'title' of step 'three' is empty",
                           "broken/missing-fields.yaml:10:5: credential 'db' has no 'environment'",
                           "broken/missing-fields.yaml:10:5: credential 'db' has no 'provider'"};
        QTest::newRow("no-checklist.yaml") << "broken/no-checklist.yaml"
                                           << QStringList{"broken/no-checklist.yaml:1:1: 'checklist:' is missing; it "
                                                          "holds the checklist's id, title and steps"};
        QTest::newRow("no-steps.yaml")
            << "broken/no-steps.yaml"
            << QStringList{"broken/no-steps.yaml:5:10: the checklist has no steps; list at least one under 'steps:'"};
        QTest::newRow("no-version.yaml")
            << "broken/no-version.yaml"
            << QStringList{
                   "broken/no-version.yaml:1:1: the format version is missing: start the file with 'onramp: 1'"};
        QTest::newRow("not-a-mapping.yaml")
            << "broken/not-a-mapping.yaml"
            << QStringList{"broken/not-a-mapping.yaml:1:1: a checklist file must be a mapping with 'onramp', "
                           "'checklist' and, optionally, 'production_hosts' and 'credentials'"};
        // A step the mentor reviews gates production: saying it is optional is a contradiction.
        QTest::newRow("optional-signoff.yaml")
            << "broken/optional-signoff.yaml"
            << QStringList{"broken/optional-signoff.yaml:10:17: 'required: false' contradicts 'signoff: true' in step "
                           "'demo': a step the mentor reviews always gates production access, so it is required; "
                           "remove 'required: false'"};
        QTest::newRow("production-secrets.yaml")
            << "broken/production-secrets.yaml"
            << QStringList{"broken/production-secrets.yaml:12:51: production credential 'prod-db' carries a "
                           "secret-like field 'password': production secrets are set by an admin (in the app under "
                           "Admin, Production secrets, or on the command line), never shipped in onboarding documents",
                           "broken/production-secrets.yaml:17:13: production credential 'prod-api' carries a secret "
                           "value ('secret:'): production secrets are set by an admin (in the app under Admin, "
                           "Production secrets, or on the command line), never shipped in onboarding documents",
                           "broken/production-secrets.yaml:22:19: production credential 'prod-url' carries a secret "
                           "inside field 'url': production secrets are set by an admin (in the app under Admin, "
                           "Production secrets, or on the command line), never shipped in onboarding documents",
                           "broken/production-secrets.yaml:27:14: production credential 'prod-token' carries a "
                           "secret-like field 'apiToken': production secrets are set by an admin (in the app under "
                           "Admin, Production secrets, or on the command line), never shipped in onboarding documents",
                           "broken/production-secrets.yaml:28:42: production credential 'prod-token' carries a secret "
                           "value ('value:'): production secrets are set by an admin (in the app under Admin, "
                           "Production secrets, or on the command line), never shipped in onboarding documents"};
        QTest::newRow("sandbox-production-host.yaml")
            << "broken/sandbox-production-host.yaml"
            << QStringList{"broken/sandbox-production-host.yaml:13:20: sandbox credential 'exact' names production "
                           "host 'db.prod.internal' in field 'host' (matches production_hosts entry "
                           "'db.prod.internal'); a sandbox credential must never reach production",
                           "broken/sandbox-production-host.yaml:19:29: sandbox credential 'glob-url' names production "
                           "host 'api.eu.prod.example.com' in field 'url' (matches production_hosts entry "
                           "'*.prod.example.com'); a sandbox credential must never reach production"};
        QTest::newRow("secret-recipes.yaml")
            << "broken/secret-recipes.yaml"
            << QStringList{
                   "broken/secret-recipes.yaml:8:5: generated credential 'no-recipe' needs 'secret: {name: NAME, "
                   "length: N}'",
                   "broken/secret-recipes.yaml:13:13: static credential 'static-recipe' carries a 'secret:'; static "
                   "secrets are set by an admin (in the app under Admin, Production secrets, or on the command line): "
                   "remove it, or use 'provider: generated'",
                   "broken/secret-recipes.yaml:18:38: 'length' of the secret of credential 'short' must be a whole "
                   "number from 8 to 1024 (got '4')",
                   "broken/secret-recipes.yaml:23:13: sandbox credential 'literal' carries a secret value ('secret:'): "
                   "sandbox secrets are generated ('provider: generated') or set by an admin (in the app under Admin, "
                   "Production secrets, or on the command line), never written in the file",
                   "broken/secret-recipes.yaml:28:13: production credential 'static-prod-recipe' carries a secret "
                   "('secret:'): production secrets are set by an admin (in the app under Admin, Production secrets, "
                   "or on the "
                   "command line), never shipped in onboarding documents"};
        QTest::newRow("postgresql-settings.yaml")
            << "broken/postgresql-settings.yaml"
            << QStringList{"broken/postgresql-settings.yaml:8:5: postgresql credential 'no-settings' needs "
                           "'postgresql: {server: NAME, roles: [GROUP, ...]}'",
                           "broken/postgresql-settings.yaml:9:106: 'server' of credential 'bad-server' is not a "
                           "provider connection name: 'Live DB'",
                           "broken/postgresql-settings.yaml:10:107: unknown key 'password' in 'postgresql' of "
                           "credential 'extra-key'; expected one of: server, roles, template",
                           "broken/postgresql-settings.yaml:11:118: 'roles' of credential 'bad-roles': "
                           "'pg_read_server_files' is one of PostgreSQL's predefined roles",
                           "broken/postgresql-settings.yaml:11:140: 'roles' of credential 'bad-roles': 'a;b' is not a "
                           "group role name (a-z, 0-9, _)",
                           "broken/postgresql-settings.yaml:12:120: postgresql credential 'with-secret' carries a "
                           "'secret:'; the provider makes the password: remove it",
                           "broken/postgresql-settings.yaml:13:101: credential 'wrong-provider' has 'postgresql:' but "
                           "its provider is 'static'",
                           "broken/postgresql-settings.yaml:14:126: 'roles' of credential 'roles-not-list' must be a "
                           "list of group role names",
                           "broken/postgresql-settings.yaml:15:123: 'template' of credential 'bad-template' is not a "
                           "template database name (a-z, 0-9, _; not onramp_…): 'onramp_x'"};
        QTest::newRow("syntax-error.json")
            << "broken/syntax-error.json"
            << QStringList{"broken/syntax-error.json:5:5: not valid YAML or JSON: end of map flow not found"};
        QTest::newRow("syntax-error.yaml")
            << "broken/syntax-error.yaml"
            << QStringList{"broken/syntax-error.yaml:5:8: not valid YAML or JSON: end of sequence flow not found"};
        QTest::newRow("unknown-keys.yaml")
            << "broken/unknown-keys.yaml"
            << QStringList{"broken/unknown-keys.yaml:2:1: unknown key 'prodution_hosts' at the top level; expected one "
                           "of: onramp, production_hosts, checklist, credentials",
                           "broken/unknown-keys.yaml:6:3: unknown key 'description' in the checklist; expected one of: "
                           "id, title, steps",
                           "broken/unknown-keys.yaml:10:7: unknown key 'requried' in step 'one'; expected one of: id, "
                           "section, title, body, due, required, signoff",
                           "broken/unknown-keys.yaml:16:42: unknown key 'charset' in the secret of credential "
                           "'sandbox-db'; expected one of: name, length, alphabet",
                           "broken/unknown-keys.yaml:17:5: unknown key 'expires' in credential 'sandbox-db'; expected "
                           "one of: id, title, environment, provider, fields, secret, ttl, postgresql"};
        QTest::newRow("unknown-provider-environment.yaml")
            << "broken/unknown-provider-environment.yaml"
            << QStringList{"broken/unknown-provider-environment.yaml:8:67: unknown provider 'hashicorp' in credential "
                           "'vaulted'; known providers: generated, static, postgresql",
                           "broken/unknown-provider-environment.yaml:9:46: unknown environment 'staging' in credential "
                           "'staged'; known environments: sandbox, production"};
        QTest::newRow("version-2.yaml")
            << "broken/version-2.yaml"
            << QStringList{
                   "broken/version-2.yaml:1:9: format version 2 is not supported; this Onramp reads 'onramp: 1'"};
        QTest::newRow("wrong-types-in-items.yaml")
            << "broken/wrong-types-in-items.yaml"
            << QStringList{
                   "broken/wrong-types-in-items.yaml:6:7: each step must be a mapping with at least 'id' and 'title'",
                   "broken/wrong-types-in-items.yaml:7:39: 'required' of step 'one' must be true or false (got "
                   "'maybe')",
                   "broken/wrong-types-in-items.yaml:7:55: 'section' of step 'one' must be text",
                   "broken/wrong-types-in-items.yaml:9:73: 'fields' of credential 'db' must be a mapping of field "
                   "names to text",
                   "broken/wrong-types-in-items.yaml:10:5: each credential must be a mapping with 'id', 'title', "
                   "'environment' and 'provider'"};
        QTest::newRow("wrong-types.yaml")
            << "broken/wrong-types.yaml"
            << QStringList{"broken/wrong-types.yaml:1:9: 'onramp' must be a format version number such as 1",
                           "broken/wrong-types.yaml:2:19: 'production_hosts' must be a list of host names",
                           "broken/wrong-types.yaml:5:10: 'title' of the checklist must be text",
                           "broken/wrong-types.yaml:6:10: 'steps' must be a list of steps",
                           "broken/wrong-types.yaml:8:3: 'credentials' must be a list of credentials"};
    }
    void brokenFilesAreRefusedWithEveryProblem()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, errors);
        const ParseResult r = parseChecklist(checklistFixture(file), file);
        QVERIFY(!r.ok());
        QCOMPARE(r.errors, errors);
    }

    // The safe rule: a step the mentor reviews gates production access, so it
    // is required wherever it is read, whether the file says so or not.
    void aStepTheMentorReviewsIsRequired()
    {
        const QByteArray yaml = "onramp: 1\nchecklist:\n  id: c\n  title: C\n  steps:\n"
                                "    - {id: demo, title: Show your first change, signoff: true}\n"
                                "    - {id: both, title: Both, signoff: true, required: true}\n"
                                "    - {id: lunch, title: Lunch, required: false}\n";
        const ParseResult r = parseChecklist(yaml, "c.yaml");
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QVERIFY(r.checklist->steps[0].required);
        QVERIFY(r.checklist->steps[0].signoff);
        QVERIFY(r.checklist->steps[1].required);
        QVERIFY(!r.checklist->steps[2].required);
    }

    // A version already stored with both keys is read (rules added since must
    // not make a vault unreadable), and decided safely: the step is required.
    void aStoredOptionalSignoffStepReadsAsRequired()
    {
        const ParseResult r =
            parseChecklist(checklistFixture("broken/optional-signoff.yaml"), "vault checklist", InputLimits::Relaxed);
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        const Step* demo = r.checklist->step("demo");
        QVERIFY(demo);
        QVERIFY(demo->signoff);
        QVERIFY(demo->required);
        QVERIFY(!r.checklist->step("lunch")->required);
    }

    void fileReaderNamesThePath()
    {
        const QString path = testDataPath(QStringLiteral("checklists/broken/version-2.yaml"));
        const ParseResult r = parseChecklistFile(path);
        QCOMPARE(r.errors,
                 QStringList{path + ":1:9: format version 2 is not supported; this Onramp reads 'onramp: 1'"});
    }

    void fileReaderReadsMarkdownBySuffix()
    {
        const ParseResult r = parseChecklistFile(testDataPath(QStringLiteral("checklists/onboarding.md")));
        QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
        QCOMPARE(r.checklist->id, "backend-engineer-first-week");
    }

    void missingFileIsAnError()
    {
        const ParseResult r = parseChecklistFile("/nonexistent/checklist.yaml");
        QVERIFY(!r.ok());
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors[0].startsWith("/nonexistent/checklist.yaml:1:1: cannot read the file: "),
                 qPrintable(r.errors[0]));
    }

    void productionSecretIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("credential");
        QTest::newRow("secret value") << QByteArray("secret: s3cr3t");
        QTest::newRow("password field") << QByteArray("fields: {password: s3cr3t}");
        QTest::newRow("token field") << QByteArray("fields: {auth_token: abc}");
        QTest::newRow("url with password") << QByteArray("fields: {url: 'mysql://root:pw@db/x'}");
        QTest::newRow("private key") << QByteArray("fields: {note: '-----BEGIN OPENSSH PRIVATE KEY-----'}");
        QTest::newRow("aws key") << QByteArray("fields: {id: AKIAABCDEFGHIJKLMNOP}");
    }
    void productionSecretIsRefusedWithTheReason()
    {
        QFETCH(QByteArray, credential);
        const QByteArray yaml = "onramp: 1\nchecklist: {id: c, title: C, steps: [{id: s, title: S}]}\n"
                                "credentials:\n  - {id: p, title: P, environment: production, provider: static}\n";
        QByteArray withSecret = yaml;
        withSecret.replace(QByteArray("provider: static}"), QByteArray("provider: static, " + credential + "}"));
        const ParseResult r = parseChecklist(withSecret, "f.yaml");
        QVERIFY(!r.ok());
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors[0].startsWith("f.yaml:4:"), qPrintable(r.errors[0]));
        QVERIFY2(r.errors[0].endsWith(": production secrets are set by an admin (in the app under Admin, Production "
                                      "secrets, or on the command line), never shipped in onboarding documents"),
                 qPrintable(r.errors[0]));
        QVERIFY(parseChecklist(yaml, "f.yaml").ok());
    }

    void malformedInputNeverCrashes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("tab indent") << QByteArray("onramp: 1\n\tchecklist: x\n");
        QTest::newRow("unterminated quote") << QByteArray("onramp: \"1\n");
        QTest::newRow("deep nesting") << QByteArray(5000, '[');
        QTest::newRow("alias loop") << QByteArray("a: &a [*a]\n");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01", 4);
        QTest::newRow("scalar") << QByteArray("42");
        QTest::newRow("steps alias") << QByteArray("onramp: 1\nchecklist: {id: c, title: C, steps: &s [*s]}\n");
    }
    void malformedInputNeverCrashes()
    {
        QFETCH(QByteArray, bytes);
        const ParseResult r = parseChecklist(bytes, "x.yaml");
        QVERIFY(!r.ok());
        QVERIFY(!r.errors.isEmpty());
        for (const QString& e : r.errors)
            QVERIFY2(e.startsWith("x.yaml:"), qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(TestChecklistParser)
#include "TestChecklistParser.moc"
