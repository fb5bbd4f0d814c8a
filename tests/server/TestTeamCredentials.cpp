// `cred list` and `cred show` on a team server, attacker first, through the
// real binary against the fixture's PostgreSQL 15: a hire sees no one else's
// credentials and a mentor no one else's mentees'; a grant row a database
// administrator forges, swaps or stretches is named and shows nothing, its
// secret least of all. Then each person sees what a folder vault shows them,
// in the same columns and JSON: the hire their own, locked with the gate's
// reasons, then granted, the secret opened on their desk (with their signed
// credential.reveal entry), then revoked; the mentor their mentees'; an admin
// every hire's, one hire's or a page.
#include "Crypto.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "TeamAccess.h"
#include "TeamGrants.h"
#include "TeamOnboarding.h"
#include "TeamOnboardingTest.h"
#include "TeamTestFixture.h"
#include "VaultTestUtil.h"

#include "checklist/ChecklistParser.h"
#include "onboarding/Signatures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_creds");
const QByteArray kCia = "cia administers the credentials";
const QByteArray kCal = "cal mentors cid and cora";
const QByteArray kCyd = "cyd mentors someone else";
const QByteArray kCid = "cid starts on the first day";
const QByteArray kCora = "cora starts on the first day too";
const QByteArray kDan = "dan starts with cyd";
const QByteArray kSecret = "prod-db-password-cred-show-51b7";

const QByteArray kChecklist = R"(onramp: 1
checklist:
  id: creds-week
  title: Credentials week
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
credentials:
  - id: prod-db
    title: Production database
    environment: production
    provider: static
    fields: {user: "{{hire}}_ro"}
  - id: deploy-token
    title: Deploy token
    environment: production
    provider: generated
    secret: {name: token, length: 24}
  - id: lab-db
    title: Lab database
    environment: sandbox
    provider: static
)";

// The wall at the source, as TestSourceWall tries it on a folder vault: a
// team checklist whose production login names connection `live` and group
// `wall_reader`, and one that a sandbox credential is added to.
const QByteArray kOps = R"(onramp: 1
checklist:
  id: ops
  title: Operations week one
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: ops-sandbox
    title: Sandbox database
    environment: sandbox
    provider: postgresql
    postgresql: {server: sandbox}
  - id: ops-live
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [wall_reader]}
    ttl: 8h
)";

const QByteArray kTeam = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: team
  title: Team week one
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: sandbox-pg
    title: Sandbox database
    environment: sandbox
    provider: postgresql
    postgresql: {server: sandbox}
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [wall_reader]}
    ttl: 8h
)";

/// The credential ids and their status of a JSON `cred list`, "hire/id=status".
QStringList statesOf(const QString& json)
{
    QStringList states;
    for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
        states << v[QStringLiteral("hire")].toString() + u'/' + v[QStringLiteral("id")].toString() + u'='
                + v[QStringLiteral("status")].toString();
    return states;
}

} // namespace

class TestTeamCredentials : public TeamOnboardingTest
{
    Q_OBJECT

    RunResult as(const QString& name, const QByteArray& passphrase, const QStringList& args)
    {
        const QString pass = writeOwnerOnlyFile(m_tmp.filePath(name + QStringLiteral(".pass")), passphrase + '\n');
        return runOnramp(QStringList{QStringLiteral("--server"), teamPersonUrl(kDatabase)} + args
                             + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass},
                         {}, {{QStringLiteral("PGPASSFILE"), m_passfile}});
    }
    RunResult cid(const QStringList& args) { return as(QStringLiteral("cid"), kCid, args); }
    RunResult cal(const QStringList& args) { return as(QStringLiteral("cal"), kCal, args); }
    RunResult cia(const QStringList& args) { return as(QStringLiteral("cia"), kCia, args); }

    /// Runs \a change on the grant rows of cid's prod-db as the superuser,
    /// past the server's triggers (as a database administrator can).
    void forceOnGrants(const QString& change, const QVariantList& params = {})
    {
        PgConnection::Transaction transaction(*m_super);
        QVERIFY(!transaction.beginError());
        QVERIFY(!m_super->execute(QStringLiteral("SET LOCAL session_replication_role = replica")));
        QVERIFY(!m_super->execute(change, params));
        QVERIFY(!transaction.commit());
    }

    QByteArray grantBox()
    {
        return scalarOf(*m_super,
                        QStringLiteral("SELECT g.sealed FROM onramp.grants g JOIN onramp.enrollments e ON e.id = "
                                       "g.enrollment_id WHERE e.hire = 'cid' AND g.credential = 'prod-db' AND "
                                       "g.ended_at IS NULL"))
            .toByteArray();
    }

    /// Every way the hire's own desk reads the forged grant: refused naming
    /// the server (exit 6), no secret printed.
    void verifyRefusedOnTheHiresDesk(const QByteArray& notShown)
    {
        for (const QStringList& args :
             {QStringList{QStringLiteral("cred"), QStringLiteral("list")},
              QStringList{QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")},
              QStringList{QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db"),
                          QStringLiteral("--json")}}) {
            const RunResult r = cid(args);
            QVERIFY2(r.code == 6, qPrintable(args.join(u' ') + u'\n' + r.out + r.err));
            QVERIFY2(r.err.contains(QLatin1String("grant of prod-db to cid that no signed entry")), qPrintable(r.err));
            QVERIFY(!r.out.toUtf8().contains(kSecret) && !r.out.toUtf8().contains(notShown));
        }
        // Nor on the mentor's.
        const RunResult mentor = cal({QStringLiteral("cred"), QStringLiteral("list")});
        QCOMPARE(mentor.code, 6);
    }

private Q_SLOTS:
    void initTestCase()
    {
        Error error = startTeam({kDatabase},
                                {{QStringLiteral("cia"), QStringLiteral("admin"), QStringLiteral("Cia Admin"), kCia},
                                 {QStringLiteral("cal"), QStringLiteral("mentor"), QStringLiteral("Cal Mentor"), kCal},
                                 {QStringLiteral("cyd"), QStringLiteral("mentor"), QStringLiteral("Cyd Mentor"), kCyd},
                                 {QStringLiteral("cid"), QStringLiteral("hire"), QStringLiteral("Cid Hire"), kCid},
                                 {QStringLiteral("cora"), QStringLiteral("hire"), QStringLiteral("Cora Hire"), kCora},
                                 {QStringLiteral("dan"), QStringLiteral("hire"), QStringLiteral("Dan Hire"), kDan}});
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn admin = signedIn(QStringLiteral("cia"), kCia);
        QVERIFY(admin.connection);
        ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("creds-week.yaml"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(QLatin1Char('\n'))));
        ImportOutcome imported;
        error = importChecklist(admin, *parsed.checklist, &imported);
        QVERIFY2(!error, qPrintable(error.message));
        for (const auto& [hire, mentor] : {std::pair{QStringLiteral("cid"), QStringLiteral("cal")},
                                           std::pair{QStringLiteral("cora"), QStringLiteral("cal")},
                                           std::pair{QStringLiteral("dan"), QStringLiteral("cyd")}}) {
            error = enroll(admin, hire, QStringLiteral("creds-week"), mentor, QDate(2026, 12, 1));
            QVERIFY2(!error, qPrintable(error.message));
        }
        error = setStaticSecret(admin, QStringLiteral("prod-db"), SecureBytes::copyOf(kSecret));
        QVERIFY2(!error, qPrintable(error.message));
    }

    // A hire asks for another's credentials: refused as on a folder vault
    // (exit 4), telling nothing of them.
    void aHireSeesNoOneElsesCredentials()
    {
        const RunResult r = cid({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--hire"),
                                 QStringLiteral("cora"), QStringLiteral("--json")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        // Nor does a mentor see another mentor's mentee.
        const RunResult mentor =
            cal({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--hire"), QStringLiteral("dan")});
        QCOMPARE(mentor.code, 4);
        const RunResult listed = cal({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(listed.code == 0, qPrintable(listed.err));
        QVERIFY2(!listed.out.contains(QLatin1String("\"dan\"")), qPrintable(listed.out));
        // And cred show is the hire's own.
        QCOMPARE(cal({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")}).code, 4);
    }

    // Before the sign-off the hire's production credentials are locked, with
    // the gate's reasons, and show no secret.
    void lockedUntilTheSignoff()
    {
        RunResult r = cid({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(statesOf(r.out), (QStringList{"cid/prod-db=locked", "cid/deploy-token=locked", "cid/lab-db=not-set"}));
        const QJsonObject first = QJsonDocument::fromJson(r.out.toUtf8()).array().first().toObject();
        QCOMPARE(first[QStringLiteral("fields")][QStringLiteral("user")].toString(), QStringLiteral("cid_ro"));
        QVERIFY(!first[QStringLiteral("reasons")].toArray().isEmpty());
        r = cid({QStringLiteral("cred"), QStringLiteral("list")});
        QVERIFY2(r.out.contains(QLatin1String("prod-db\tproduction, locked\tProduction database\n")),
                 qPrintable(r.out));
        r = cid({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db"), QStringLiteral("--json")});
        QCOMPARE(r.code, 4);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8())[QStringLiteral("status")].toString(),
                 QStringLiteral("locked"));
        QVERIFY(!r.out.toUtf8().contains(kSecret));
        // A sandbox credential: no admin can set it on a server, so nobody is sent to ask one.
        r = cid({QStringLiteral("cred"), QStringLiteral("list")});
        QVERIFY2(r.out.contains(QLatin1String("lab-db\tsandbox, not issued on a team server yet\tLab database\n")),
                 qPrintable(r.out));
        r = cid({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("lab-db")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QLatin1String("sandbox credential 'lab-db' is not issued on a team server yet")),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(QLatin1String("ask an admin")), qPrintable(r.err));
        r = cid({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("nope")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QLatin1String("no credential 'nope' in your checklist (credentials: prod-db, "
                                              "deploy-token, lab-db)")),
                 qPrintable(r.err));
    }

    // After the sign-off the hire reads the secret on their desk, with their
    // signed credential.reveal entry; the mentor sees their mentees' states.
    void grantedAfterTheSignoff()
    {
        SignedIn hire = signedIn(QStringLiteral("cid"), kCid);
        Error error =
            markStepDone(hire, QStringLiteral("cid"), QStringLiteral("laptop"), {}, defaultNow().addSecs(-3600));
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn mentor = signedIn(QStringLiteral("cal"), kCal);
        error = signOff(mentor, QStringLiteral("cid"), defaultNow().addSecs(-1800));
        QVERIFY2(!error, qPrintable(error.message));

        const qint64 entries = count(QStringLiteral("audit"));
        RunResult r = cid({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QLatin1String("Production database (prod-db, production, granted until ")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("  user: cid_ro\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("  password: ") + QString::fromUtf8(kSecret) + u'\n'), qPrintable(r.out));
        QCOMPARE(count(QStringLiteral("audit")), entries + 1);
        QCOMPARE(scalarOf(*m_super,
                          QStringLiteral("SELECT action || ' ' || actor FROM onramp.audit ORDER BY seq "
                                         "DESC LIMIT 1"))
                     .toString(),
                 QStringLiteral("credential.reveal cid"));
        r = cid(
            {QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("deploy-token"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject token = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(token[QStringLiteral("status")].toString(), QStringLiteral("granted"));
        QCOMPARE(token[QStringLiteral("granted_by")].toString(), QStringLiteral("cal"));
        QVERIFY(!token[QStringLiteral("secret")].toString().isEmpty());
        // The secret was on this desk only: the server holds its box.
        QVERIFY(!scalarOf(*m_super, QStringLiteral("SELECT string_agg(t::text, ' ') FROM onramp.audit t"))
                     .toString()
                     .toUtf8()
                     .contains(kSecret));

        r = cal({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(statesOf(r.out),
                 (QStringList{"cid/prod-db=granted", "cid/deploy-token=granted", "cid/lab-db=not-set",
                              "cora/prod-db=locked", "cora/deploy-token=locked", "cora/lab-db=not-set"}));
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            QVERIFY(!v.toObject().contains(QStringLiteral("secret")));
        QVERIFY(!r.out.toUtf8().contains(kSecret));
        r = cal({QStringLiteral("cred"), QStringLiteral("list")});
        QVERIFY2(r.out.startsWith(QLatin1String("cid\tprod-db\tproduction, granted until ")), qPrintable(r.out));
    }

    // A database administrator swaps the grant's box for one sealed to the
    // hire with another secret, stretches its expiry, or forges a grant the
    // mentor never signed: every desk names it, none shows a secret.
    void aForgedGrantIsNamedAndShowsNothing()
    {
        const QByteArray kept = grantBox();
        QVERIFY(!kept.isEmpty());
        SignedIn hire = signedIn(QStringLiteral("cid"), kCid);
        const QByteArray planted = "the administrator's own password";
        forceOnGrants(QStringLiteral("UPDATE onramp.grants SET sealed = $1 WHERE sealed = $2"),
                      {crypto::sealTo(QByteArrayView(planted), hire.keys.publicKey), kept});
        verifyRefusedOnTheHiresDesk(planted);
        forceOnGrants(QStringLiteral("UPDATE onramp.grants SET sealed = $1 WHERE credential = 'prod-db' AND "
                                     "ended_at IS NULL"),
                      {kept});
        forceOnGrants(QStringLiteral("UPDATE onramp.grants SET expires_at = expires_at + interval '1 year' WHERE "
                                     "sealed = $1"),
                      {kept});
        verifyRefusedOnTheHiresDesk(planted);
        forceOnGrants(QStringLiteral("UPDATE onramp.grants SET expires_at = expires_at - interval '1 year' WHERE "
                                     "sealed = $1"),
                      {kept});
        const RunResult back = cid({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")});
        QVERIFY2(back.code == 0, qPrintable(back.err));
        // Cora's, granted by no one: a row of the administrator's own making.
        forceOnGrants(QStringLiteral("INSERT INTO onramp.grants (enrollment_id, credential, sealed, expires_at, "
                                     "author) SELECT id, 'prod-db', $1, now() + interval '1 day', 'cal' FROM "
                                     "onramp.enrollments WHERE hire = 'cora'"),
                      {QByteArray("sealed to nobody")});
        const RunResult mentor =
            cal({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--hire"), QStringLiteral("cora")});
        QCOMPARE(mentor.code, 6);
        QVERIFY2(mentor.err.contains(QLatin1String("grant of prod-db to cora that no signed entry")),
                 qPrintable(mentor.err));
        forceOnGrants(QStringLiteral("DELETE FROM onramp.grants WHERE enrollment_id = (SELECT id FROM "
                                     "onramp.enrollments WHERE hire = 'cora')"));
    }

    // An admin sees every hire's, one hire's, or a page at a time.
    void anAdminSeesEveryHire()
    {
        RunResult r = cia({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(statesOf(r.out).size(), 9);
        QVERIFY(statesOf(r.out).contains(QStringLiteral("dan/prod-db=locked")));
        r = cia({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--hire"), QStringLiteral("dan"),
                 QStringLiteral("--json")});
        QCOMPARE(statesOf(r.out), (QStringList{"dan/prod-db=locked", "dan/deploy-token=locked", "dan/lab-db=not-set"}));
        r = cia({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QLatin1String("cid\t")), qPrintable(r.out));
        QVERIFY2(r.out.endsWith(QLatin1String("More: 'onramp cred list --limit 1 --after cid'\n")), qPrintable(r.out));
        r = cia({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("5"),
                 QStringLiteral("--after"), QStringLiteral("cid"), QStringLiteral("--json")});
        QCOMPARE(statesOf(r.out).size(), 6);
        QVERIFY(!statesOf(r.out).join(u' ').contains(QLatin1String("cid/")));
        r = cia({QStringLiteral("cred"), QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--hire"),
                 QStringLiteral("dan")});
        QCOMPARE(r.code, 2);
        QCOMPARE(cia({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")}).code, 4);
    }

    // F1 on a team server: the same refusal as a folder vault's, with the
    // same file:line, and nothing imported.
    void theSourceWallHoldsOnATeamServer_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("the production connection and group")
            << QByteArray("  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                          "    provider: postgresql\n    postgresql: {server: live, roles: [wall_reader]}\n")
            << QStringLiteral("team.yaml:20: sandbox credential 'practice-db' names connection 'live', which "
                              "production credential 'ops-live' of checklist 'ops' version 1 names");
        QTest::newRow("the production group on the sandbox connection")
            << QByteArray("  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                          "    provider: postgresql\n    postgresql: {server: sandbox, roles: [wall_reader]}\n")
            << QStringLiteral("team.yaml:20: sandbox credential 'practice-db' names group 'wall_reader', which "
                              "production credential 'ops-live' of checklist 'ops' version 1 names");
        QTest::newRow("a production credential on the sandbox connection")
            << QByteArray("  - id: other-pg\n    title: Other\n    environment: production\n"
                          "    provider: postgresql\n    postgresql: {server: sandbox, roles: [wall_reader]}\n")
            << QStringLiteral("team.yaml:20: production credential 'other-pg' names connection 'sandbox', which "
                              "sandbox credential 'ops-sandbox' of checklist 'ops' version 1 names");
        QTest::newRow("a crossing within the file itself")
            << QByteArray("  - id: practice-db\n    title: Practice database\n    environment: sandbox\n"
                          "    provider: postgresql\n    postgresql: {server: team-live}\n"
                          "  - id: team-live\n    title: Team live\n    environment: production\n"
                          "    provider: postgresql\n    postgresql: {server: team-live}\n")
            << QStringLiteral("team.yaml:20: sandbox credential 'practice-db' names connection 'team-live', which "
                              "production credential 'team-live' of this file names");
    }
    void theSourceWallHoldsOnATeamServer()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, expected);
        const auto import = [&](const QString& name, const QByteArray& yaml) {
            const QString file = writeOwnerOnlyFile(m_tmp.filePath(name), yaml);
            return cia(
                {QStringLiteral("checklist"), QStringLiteral("import"), file, QStringLiteral("--accept-weaker")});
        };
        RunResult r = import(QStringLiteral("ops.yaml"), kOps);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = import(QStringLiteral("team.yaml"), kTeam);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const qint64 versions = count(QStringLiteral("checklist_versions"));
        const qint64 entries = count(QStringLiteral("audit"));
        r = import(QStringLiteral("team.yaml"), kTeam + extra);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("nothing was imported")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("checklist_versions")), versions);
        QCOMPARE(count(QStringLiteral("audit")), entries);
    }

    // A revoked grant shows who revoked it, and its secret no more.
    void revokedShowsWhoAndNoSecret()
    {
        SignedIn mentor = signedIn(QStringLiteral("cal"), kCal);
        const Error error = revokeGrant(mentor, QStringLiteral("cid"), QStringLiteral("prod-db"), defaultNow());
        QVERIFY2(!error, qPrintable(error.message));
        RunResult r = cid({QStringLiteral("cred"), QStringLiteral("list")});
        QVERIFY2(r.out.contains(QLatin1String("prod-db\tproduction, revoked by cal\t")), qPrintable(r.out));
        r = cid({QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")});
        QCOMPARE(r.code, 4);
        QVERIFY(!r.out.toUtf8().contains(kSecret));
    }

private:
    static QDateTime defaultNow() { return QDateTime::currentDateTimeUtc(); }
};

QTEST_GUILESS_MAIN(TestTeamCredentials)
#include "TestTeamCredentials.moc"
