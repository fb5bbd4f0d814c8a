// Production grants, step undo and who records what on a team server
// (schema 8), attacker first: what a hire's login, another mentor's and the
// mentor's own without a signed entry cannot do to grants and step records,
// sending raw SQL; then the sign-off that releases the grants, revoke and
// renew, the revoked state status shows, and a hire's step undo, through the
// same functions the commands call.
#include "Crypto.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "ServerSchema.h"
#include "TeamAccess.h"
#include "TeamGrants.h"
#include "TeamOnboarding.h"
#include "TeamOnboardingTest.h"
#include "TeamTestFixture.h"
#include "VaultTestUtil.h"

#include "audit/ActionRoles.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Signatures.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <thread>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_grants");
const QByteArray kGina = "gina administers the grants";
const QByteArray kGabe = "gabe mentors hal this week";
const QByteArray kGwen = "gwen mentors hedy this week";
const QByteArray kHal = "hal starts on the first day";
const QByteArray kHedy = "hedy starts on the first day";
const QByteArray kIvo = "ivo starts a week later";

const QByteArray kWeekOne = R"(onramp: 1
checklist:
  id: week-one
  title: Week one
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
    - {id: repo, title: Clone the repository, signoff: true}
credentials:
  - id: prod-api
    title: Production API key
    environment: production
    provider: generated
    secret: {name: key, length: 24}
    ttl: 8h
  - id: prod-db
    title: Production database
    environment: production
    provider: static
)";

QDateTime at(const QString& text)
{
    return signatures::timeFromText(text);
}

} // namespace

class TestTeamGrants : public TeamOnboardingTest
{
    Q_OBJECT

    qint64 m_hal = 0;
    qint64 m_hedy = 0;

    /// A grant row of \a credential for hal as \a author writes it, expiring at kExpires, without a box.
    static QString insertGrant()
    {
        return QStringLiteral("INSERT INTO onramp.grants (enrollment_id, credential, expires_at, author) "
                              "VALUES ($1, $2, '2026-12-31T00:00:00.000Z', $3)");
    }
    QJsonObject grantEntry(const QString& credential)
    {
        return {{QStringLiteral("name"), QStringLiteral("hal")},
                {QStringLiteral("enrollment"), m_hal},
                {QStringLiteral("credential"), credential},
                {QStringLiteral("expires_at"), QStringLiteral("2026-12-31T00:00:00.000Z")},
                {QStringLiteral("sealed_digest"), QString()}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        Error error =
            startTeam({kDatabase, QStringLiteral("onramp_grants_v7")},
                      {{QStringLiteral("gina"), QStringLiteral("admin"), QStringLiteral("Gina Admin"), kGina},
                       {QStringLiteral("gabe"), QStringLiteral("mentor"), QStringLiteral("Gabe Mentor"), kGabe},
                       {QStringLiteral("gwen"), QStringLiteral("mentor"), QStringLiteral("Gwen Mentor"), kGwen},
                       {QStringLiteral("hal"), QStringLiteral("hire"), QStringLiteral("Hal Hire"), kHal},
                       {QStringLiteral("hedy"), QStringLiteral("hire"), QStringLiteral("Hedy Hire"), kHedy},
                       {QStringLiteral("ivo"), QStringLiteral("hire"), QStringLiteral("Ivo Hire"), kIvo}});
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        QVERIFY(gina.connection);
        ParseResult parsed = parseChecklist(kWeekOne, QStringLiteral("week-one.yaml"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(QLatin1Char('\n'))));
        ImportOutcome imported;
        error = importChecklist(gina, *parsed.checklist, &imported);
        QVERIFY2(!error, qPrintable(error.message));
        for (const auto& [hire, mentor] : {std::pair{QStringLiteral("hal"), QStringLiteral("gabe")},
                                           std::pair{QStringLiteral("hedy"), QStringLiteral("gwen")}}) {
            error = enroll(gina, hire, QStringLiteral("week-one"), mentor, QDate(2026, 12, 1));
            QVERIFY2(!error, qPrintable(error.message));
        }
        m_hal = scalarOf(*m_super, QStringLiteral("SELECT id FROM onramp.enrollments WHERE hire = 'hal'")).toLongLong();
        m_hedy =
            scalarOf(*m_super, QStringLiteral("SELECT id FROM onramp.enrollments WHERE hire = 'hedy'")).toLongLong();
        QVERIFY(m_hal > 0 && m_hedy > 0);
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        for (const QString& step : {QStringLiteral("laptop"), QStringLiteral("repo")}) {
            error = markStepDone(hal, QStringLiteral("hal"), step, {}, at(QStringLiteral("2026-12-02T09:00:00.000Z")));
            QVERIFY2(!error, qPrintable(error.message));
        }
    }

    // The server's list of who records what is the client's own table.
    void theServersActionsAreTheClientsTable()
    {
        QList<QVariantList> rows;
        QVERIFY(!m_super->execute(QStringLiteral("SELECT action, role FROM onramp.audit_actions ORDER BY 1, 2"), {},
                                  &rows));
        QStringList server;
        for (const QVariantList& row : std::as_const(rows))
            server << row.at(0).toString() + QLatin1Char(':') + row.at(1).toString();
        QStringList client{QStringLiteral("team.init:admin")};
        for (const QString& action : actionroles::actions())
            for (const QString& role : actionroles::rolesFor(action))
                client << action + QLatin1Char(':') + role;
        client.sort();
        QCOMPARE(server, client);
    }

    // A hire's login appends no act the table gives to an admin or a mentor
    // alone; a mentor's none it gives to hires alone (credential.reveal).
    void aHireCannotAppendAnAdminsAction()
    {
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        QVERIFY(hal.connection);
        const qint64 before = count(QStringLiteral("audit"));
        int refused = 0;
        for (const QString& action : actionroles::actions() + QStringList{QStringLiteral("team.init")}) {
            if (mayRecord(QStringLiteral("hire"), action))
                continue;
            const Error error =
                withEntry(hal, action, {{QStringLiteral("name"), QStringLiteral("hal")}}, QStringLiteral("SELECT 1"));
            QVERIFY2(error.kind == ErrorKind::NotPermitted, qPrintable(action + QLatin1String(": ") + error.message));
            ++refused;
        }
        QVERIFY(refused > 10);
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        QCOMPARE(withEntry(gabe, QStringLiteral("credential.reveal"), {{QStringLiteral("name"), QStringLiteral("hal")}},
                           QStringLiteral("SELECT 1"))
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("audit")), before);
    }

    // The hire's login, sending raw SQL: no grant of their own, no ending or
    // reviving one, with or without an entry.
    void aHireCannotWriteGrants()
    {
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        PgConnection& c = *hal.connection;
        for (const QString& sql :
             {QStringLiteral("INSERT INTO onramp.grants (enrollment_id, credential, expires_at, author) "
                             "VALUES ($1, 'prod-api', now() + interval '1 day', 'gabe')"),
              QStringLiteral("INSERT INTO onramp.grants (enrollment_id, credential, expires_at, author) "
                             "VALUES ($1, 'prod-api', now() + interval '1 day', 'hal')"),
              QStringLiteral("UPDATE onramp.grants SET ended_at = NULL, ended_by = NULL WHERE enrollment_id = $1"),
              QStringLiteral("DELETE FROM onramp.grants WHERE enrollment_id = $1")})
            QCOMPARE(c.execute(sql, {m_hal}).kind, ErrorKind::NotPermitted);
        QCOMPARE(withEntry(hal, QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-api")), insertGrant(),
                           {m_hal, QStringLiteral("prod-api"), QStringLiteral("hal")})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("grants")), 0);
    }

    // A version that calls a production credential a sandbox one would seal
    // its secret where a hire reads it before any sign-off: the server's
    // import refuses it with the folder vault's words, and a hire's login
    // cannot store it either, with or without an entry.
    void aVersionThatMakesProductionSandboxIsRefused()
    {
        ParseResult original = parseChecklist(kWeekOne, QStringLiteral("week-one.yaml"));
        // week-one again with its production API key called a sandbox one.
        const QByteArray sandbox = QByteArray(kWeekOne).replace("environment: production\n    provider: generated",
                                                                "environment: sandbox\n    provider: generated");
        QVERIFY(sandbox != kWeekOne);
        ParseResult relabelled = parseChecklist(sandbox, QStringLiteral("week-one.yaml"));
        QVERIFY(original.ok() && relabelled.ok());
        std::unique_ptr<Vault> folder = makeVault(m_tmp.filePath(QStringLiteral("folder")));
        QVERIFY(folder);
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*folder).import(*original.checklist, QDateTime::currentDateTimeUtc(), &outcome));
        const Error onFolder =
            ChecklistStore(*folder).import(*relabelled.checklist, QDateTime::currentDateTimeUtc(), &outcome);
        QCOMPARE(onFolder.kind, ErrorKind::InvalidInput);

        const qint64 versions = count(QStringLiteral("checklist_versions"));
        const qint64 entries = count(QStringLiteral("audit"));
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        const Error onServer = importChecklist(gina, *relabelled.checklist, &outcome);
        QCOMPARE(onServer.kind, ErrorKind::InvalidInput);
        QCOMPARE(onServer.message, onFolder.message);
        QVERIFY2(onServer.message.contains(QLatin1String("'prod-api' is a production credential")),
                 qPrintable(onServer.message));

        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        const QByteArray yaml = toYaml(*relabelled.checklist);
        const QJsonObject details{
            {QStringLiteral("name"), QStringLiteral("week-one")},
            {QStringLiteral("version"), 2},
            {QStringLiteral("title"), QStringLiteral("Week one")},
            {QStringLiteral("digest"),
             QString::fromLatin1(QCryptographicHash::hash(yaml, QCryptographicHash::Sha256).toBase64())}};
        const QString insert = QStringLiteral("INSERT INTO onramp.checklist_versions (checklist_id, version, content, "
                                              "author) VALUES ('week-one', 2, $1, 'hal')");
        QCOMPARE(hal.connection->execute(insert, {yaml}).kind, ErrorKind::NotPermitted);
        QCOMPARE(withEntry(hal, QStringLiteral("checklist.import"), details, insert, {yaml}).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("checklist_versions")), versions);
        QCOMPARE(count(QStringLiteral("audit")), entries);
    }

    // The hire undoes a step of their own only with their step.undo entry
    // naming it, never another hire's, and not once it is approved.
    void aHireUndoesTheirOwnStepWithTheirEntry()
    {
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        const QVariantList laptop{m_hal, QStringLiteral("laptop")};
        // A hire deletes no row directly (schema 13), only through the server's function.
        QCOMPARE(hal.connection
                     ->execute(QStringLiteral("DELETE FROM onramp.step_records WHERE enrollment_id = $1 AND "
                                              "step_id = $2"),
                               laptop)
                     .kind,
                 ErrorKind::NotPermitted);
        const QString remove = QStringLiteral("SELECT onramp.undo_step($1, $2)");
        QCOMPARE(hal.connection->execute(remove, laptop).kind, ErrorKind::NotPermitted);
        // An entry naming another step does not cover this one.
        QJsonObject undo{{QStringLiteral("name"), QStringLiteral("hal")},
                         {QStringLiteral("enrollment"), m_hal},
                         {QStringLiteral("step"), QStringLiteral("repo")}};
        QCOMPARE(withEntry(hal, QStringLiteral("step.undo"), undo, remove, laptop).kind, ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("step_records")), 2);
        // Another hire's login may not record an undo of hal's enrollment
        // (schema 13), and sees no row of hal's to delete.
        SignedIn hedy = signedIn(QStringLiteral("hedy"), kHedy);
        undo[QStringLiteral("name")] = QStringLiteral("hedy");
        undo[QStringLiteral("step")] = QStringLiteral("laptop");
        QCOMPARE(withEntry(hedy, QStringLiteral("step.undo"), undo, remove, laptop).kind, ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("step_records")), 2);

        // Through the function the command calls: open again, and done again.
        Error error = undoStep(hal, QStringLiteral("hal"), QStringLiteral("laptop"),
                               at(QStringLiteral("2026-12-02T10:00:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("step_records")), 1);
        EnrollmentStatus status;
        error = enrollmentStatus(hal, QStringLiteral("hal"), at(QStringLiteral("2026-12-02T10:00:00.000Z")), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!status.steps.at(0).done);
        error = undoStep(hal, QStringLiteral("hal"), QStringLiteral("laptop"),
                         at(QStringLiteral("2026-12-02T10:01:00.000Z")));
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QStringLiteral("nothing to undo")), qPrintable(error.message));
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        error = undoStep(gabe, QStringLiteral("hal"), QStringLiteral("repo"),
                         at(QStringLiteral("2026-12-02T10:01:00.000Z")));
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        error = markStepDone(hal, QStringLiteral("hal"), QStringLiteral("laptop"), QStringLiteral("again"),
                             at(QStringLiteral("2026-12-02T10:02:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        // The mentor's desk reads the same: done, by the newest step.done.
        error = enrollmentStatus(gabe, QStringLiteral("hal"), at(QStringLiteral("2026-12-02T10:03:00.000Z")), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(status.steps.at(0).done);

        // Approved, the step stays: not through the function, not through SQL with an entry.
        error = reviewStep(gabe, QStringLiteral("hal"), QStringLiteral("repo"), true, QStringLiteral("fine"),
                           at(QStringLiteral("2026-12-02T11:00:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        error = undoStep(hal, QStringLiteral("hal"), QStringLiteral("repo"),
                         at(QStringLiteral("2026-12-02T11:01:00.000Z")));
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(QStringLiteral("can no longer be undone")), qPrintable(error.message));
        undo[QStringLiteral("name")] = QStringLiteral("hal");
        undo[QStringLiteral("step")] = QStringLiteral("repo");
        QCOMPARE(withEntry(hal, QStringLiteral("step.undo"), undo, remove, {m_hal, QStringLiteral("repo")}).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("step_records")), 2);
    }

    // Before the sign-off the gate is closed: not even the mentor writes a
    // grant, with the entry that names it.
    void noGrantWhileTheGateIsClosed()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        QCOMPARE(withEntry(gabe, QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-db")), insertGrant(),
                           {m_hal, QStringLiteral("prod-db"), QStringLiteral("gabe")})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("grants")), 0);
    }

    // The server's own gate holds the version's required steps, as the
    // import stored them: a mentor who writes a sign-off past their desk
    // (hedy has done nothing) still gets no grant written.
    void theServersGateHoldsTheRequiredSteps()
    {
        QCOMPARE(scalarOf(*m_super,
                          QStringLiteral("SELECT array_to_string(required_steps, ',') FROM "
                                         "onramp.checklist_versions WHERE checklist_id = 'week-one'"))
                     .toString(),
                 QStringLiteral("laptop,repo"));
        SignedIn gwen = signedIn(QStringLiteral("gwen"), kGwen);
        const QByteArray content =
            scalarOf(*m_super,
                     QStringLiteral("SELECT content FROM onramp.checklist_versions WHERE checklist_id = "
                                    "'week-one' AND version = 1"))
                .toByteArray();
        const QString when = QStringLiteral("2026-12-02T10:00:00.000Z");
        const QJsonObject signoff{
            {QStringLiteral("name"), QStringLiteral("hedy")},
            {QStringLiteral("enrollment"), m_hedy},
            {QStringLiteral("checklist"), QStringLiteral("week-one")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("checklist_digest"),
             QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toBase64())},
            {QStringLiteral("at"), when},
            {QStringLiteral("grants"),
             QJsonArray{QJsonObject{{QStringLiteral("credential"), QStringLiteral("prod-db")},
                                    {QStringLiteral("expires_at"), QStringLiteral("2026-12-31T00:00:00.000Z")},
                                    {QStringLiteral("sealed_digest"), QString()}}}}};
        const Error error =
            server::recordSigned(gwen, QStringLiteral("signoff"), signoff, [&](server::PgConnection& c) -> Error {
                if (Error e = c.execute(QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author, "
                                                       "created_at, after_move) VALUES ($1, 1, 'gwen', "
                                                       "$2::timestamptz, 0)"),
                                        {m_hedy, when}))
                    return e;
                return c.execute(insertGrant(), {m_hedy, QStringLiteral("prod-db"), QStringLiteral("gwen")});
            });
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("grants")), 0);
        QCOMPARE(count(QStringLiteral("signoffs")), 0);
    }

    // The sign-off releases one grant per production credential, each named
    // by its entry; the generated secret is sealed to the hire, and a hire
    // reads their own grants only, never a production secret.
    void theSignoffReleasesTheGrants()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        Error error = signOff(gabe, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T09:00:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("grants WHERE ended_at IS NULL")), 2);
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        const QByteArray sealed =
            hal.connection->scalar(QStringLiteral("SELECT sealed FROM onramp.grants WHERE credential = 'prod-api'"))
                .toByteArray();
        const std::optional<SecureBytes> secret = crypto::openSealed(sealed, hal.keys.secretKey);
        QVERIFY(secret);
        QCOMPARE(secret->view().size(), qsizetype(24));
        QVERIFY(hal.connection->scalar(QStringLiteral("SELECT sealed FROM onramp.grants WHERE credential = 'prod-db'"))
                    .isNull());
        EnrollmentStatus status;
        error = enrollmentStatus(hal, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T09:01:00.000Z")), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(status.production(), ProductionAccess::Unlocked);
        // The sign-off was given on the records as they stand: the hire's undo
        // of a step no review covers is refused, by the desk and by the server
        // (an undo and the step done again rewrote it after the sign-off).
        error = undoStep(hal, QStringLiteral("hal"), QStringLiteral("laptop"),
                         at(QStringLiteral("2026-12-03T09:02:00.000Z")));
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(QStringLiteral("signed off")), qPrintable(error.message));
        const QJsonObject undo{{QStringLiteral("name"), QStringLiteral("hal")},
                               {QStringLiteral("enrollment"), m_hal},
                               {QStringLiteral("step"), QStringLiteral("laptop")}};
        error = withEntry(hal, QStringLiteral("step.undo"), undo, QStringLiteral("SELECT onramp.undo_step($1, $2)"),
                          {m_hal, QStringLiteral("laptop")});
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(QStringLiteral("signed off")), qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("step_records")), 2);

        // A production secret on the server, under the production key: no hire
        // reads it (a row the superuser puts past the trigger of schema 10, and
        // takes away again, no entry naming it).
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!transaction.beginError());
            QVERIFY(!m_super->execute(QStringLiteral("SET LOCAL session_replication_role = replica")));
            QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO onramp.credentials (name, environment, box, author, "
                                                     "signature) VALUES ('prod-db', 'production', '\\x01', 'gina', "
                                                     "'\\x00')")));
            QVERIFY(!transaction.commit());
        }
        QCOMPARE(hal.connection->scalar(QStringLiteral("SELECT count(*) FROM onramp.credentials")).toLongLong(), 0);
        SignedIn hedy = signedIn(QStringLiteral("hedy"), kHedy);
        QCOMPARE(hedy.connection->scalar(QStringLiteral("SELECT count(*) FROM onramp.grants")).toLongLong(), 0);
        QCOMPARE(hedy.connection->scalar(QStringLiteral("SELECT count(*) FROM onramp.credentials")).toLongLong(), 0);
        QCOMPARE(hal.connection->scalar(QStringLiteral("SELECT count(*) FROM onramp.grants")).toLongLong(), 2);
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.credentials WHERE name = 'prod-db'")));
    }

    // Even with the gate open, a grant needs its author's entry naming it,
    // and comes only from the enrollment's mentor or an admin.
    void aGrantNeedsItsEntryAndItsMentorOrAnAdmin()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        QCOMPARE(
            gabe.connection->execute(insertGrant(), {m_hal, QStringLiteral("prod-extra"), QStringLiteral("gabe")}).kind,
            ErrorKind::NotPermitted);
        SignedIn gwen = signedIn(QStringLiteral("gwen"), kGwen);
        QCOMPARE(withEntry(gwen, QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-extra")),
                           insertGrant(), {m_hal, QStringLiteral("prod-extra"), QStringLiteral("gwen")})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-extra'")), 0);
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        const Error error = withEntry(gina, QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-extra")),
                                      insertGrant(), {m_hal, QStringLiteral("prod-extra"), QStringLiteral("gina")});
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-extra'")), 1);
    }

    // The mentor's login without her key (a session that outlived her
    // handed-over passphrase, say) commits a grant and ends another, each
    // with a zero-signed entry naming it. Both entries are set aside: the
    // grant only its entry made is read as absent on every desk, and the end
    // still ends (the server holds it ended; access only narrows). Status
    // works throughout, where it failed on the first such row.
    void aMentorsBadGrantIsAbsentAndItsBadEndStillEnds()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        QVERIFY(gabe.connection);
        PgConnection& c = *gabe.connection;
        const auto unsignedEntry = [&](const QString& action, const QJsonObject& details) -> Error {
            QList<QVariantList> head;
            if (Error error = c.execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head))
                return error;
            return c.execute(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"),
                             {action, QJsonDocument(details).toJson(QJsonDocument::Compact), QByteArray(64, '\0'),
                              head.value(0).value(0).toLongLong() + 1, head.value(0).value(1).toByteArray()});
        };
        const auto grantsOnEveryDesk = [&]() {
            QStringList seen;
            for (const auto& [name, passphrase] :
                 {std::pair{QStringLiteral("hal"), kHal}, std::pair{QStringLiteral("gabe"), kGabe},
                  std::pair{QStringLiteral("gina"), kGina}}) {
                SignedIn reader = signedIn(name, passphrase);
                EnrollmentStatus status;
                CheckedEnrollment checked;
                const Error error = enrollmentStatus(reader, QStringLiteral("hal"),
                                                     at(QStringLiteral("2026-12-03T09:30:00.000Z")), &status, &checked);
                if (error) {
                    seen << name + QStringLiteral(": ") + error.message;
                    continue;
                }
                QStringList live;
                for (const ServerGrant& grant : std::as_const(checked.grants))
                    live << grant.credential + (grant.endedHow.isEmpty() ? QString() : QStringLiteral(" ended"));
                live.sort();
                seen << live.join(QLatin1Char(','));
            }
            return seen;
        };
        const QStringList before = grantsOnEveryDesk();
        QCOMPARE(before.value(0), QStringLiteral("prod-api,prod-db,prod-extra"));
        QCOMPARE(before, QStringList(3, before.value(0)));

        {
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QVERIFY(!unsignedEntry(QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-late"))));
            QVERIFY(!c.execute(insertGrant(), {m_hal, QStringLiteral("prod-late"), QStringLiteral("gabe")}));
            const Error committed = tx.commit();
            QVERIFY2(!committed, qPrintable(committed.message));
        }
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-late'")), 1);
        QCOMPARE(grantsOnEveryDesk(), before);

        const QString endedAt = QStringLiteral("2026-12-03T09:20:00.000Z");
        {
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QVERIFY(!unsignedEntry(QStringLiteral("grant.revoke"),
                                   {{QStringLiteral("name"), QStringLiteral("hal")},
                                    {QStringLiteral("enrollment"), m_hal},
                                    {QStringLiteral("credential"), QStringLiteral("prod-extra")},
                                    {QStringLiteral("at"), endedAt}}));
            // The row's time other than the entry's, which the server does not compare.
            QVERIFY(!c.execute(QStringLiteral("UPDATE onramp.grants SET ended_at = $2::timestamptz, ended_by = "
                                              "'gabe', ended_how = 'revoked' WHERE enrollment_id = $1 AND "
                                              "credential = 'prod-extra'"),
                               {m_hal, QStringLiteral("2026-12-03T09:21:00.000Z")}));
            const Error committed = tx.commit();
            QVERIFY2(!committed, qPrintable(committed.message));
        }
        QCOMPARE(grantsOnEveryDesk(), QStringList(3, QStringLiteral("prod-api,prod-db,prod-extra ended")));

        // The late grant's row changed behind the server's back: no entry,
        // set aside or not, names it now, and it fails status again.
        QVERIFY(!pastTriggers(*m_super,
                              QStringLiteral("UPDATE onramp.grants SET expires_at = expires_at + "
                                             "interval '1 day' WHERE credential = 'prod-late'")));
        const QStringList doctored = grantsOnEveryDesk();
        QVERIFY2(doctored.value(0).contains(QStringLiteral("grant of prod-late to hal")),
                 qPrintable(doctored.value(0)));
        QVERIFY(!pastTriggers(*m_super,
                              QStringLiteral("UPDATE onramp.grants SET expires_at = expires_at - "
                                             "interval '1 day' WHERE credential = 'prod-late'")));
        QCOMPARE(grantsOnEveryDesk(), QStringList(3, QStringLiteral("prod-api,prod-db,prod-extra ended")));

        // As the tests after this one expect it: the late grant gone, the other live again.
        QVERIFY(!pastTriggers(*m_super, QStringLiteral("DELETE FROM onramp.grants WHERE credential = 'prod-late'")));
        QVERIFY(!pastTriggers(*m_super,
                              QStringLiteral("UPDATE onramp.grants SET ended_at = NULL, ended_by = NULL, "
                                             "ended_how = NULL WHERE credential = 'prod-extra'")));
        QCOMPARE(grantsOnEveryDesk(), before);
    }

    // A grant.revoke commits only when no live grant of its credential is
    // left; an ended grant is never brought back, by the mentor either.
    void aRevokeEndsEveryLiveGrantForGood()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        const QJsonObject revoke{{QStringLiteral("name"), QStringLiteral("hal")},
                                 {QStringLiteral("enrollment"), m_hal},
                                 {QStringLiteral("credential"), QStringLiteral("prod-api")},
                                 {QStringLiteral("at"), QStringLiteral("2026-12-03T10:00:00.000Z")}};
        QCOMPARE(withEntry(gabe, QStringLiteral("grant.revoke"), revoke, QStringLiteral("SELECT 1")).kind,
                 ErrorKind::InvalidInput);
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-api' AND ended_at IS NULL")), 1);
        // Ending a grant needs the entry too.
        QCOMPARE(gabe.connection
                     ->execute(QStringLiteral("UPDATE onramp.grants SET ended_at = now(), ended_by = 'gabe', "
                                              "ended_how = 'revoked' WHERE credential = 'prod-api'"))
                     .kind,
                 ErrorKind::NotPermitted);

        Error error = revokeGrant(gabe, QStringLiteral("hal"), QStringLiteral("prod-api"),
                                  at(QStringLiteral("2026-12-03T10:00:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-api' AND ended_at IS NULL")), 0);
        error = revokeGrant(gabe, QStringLiteral("hal"), QStringLiteral("prod-api"),
                            at(QStringLiteral("2026-12-03T10:01:00.000Z")));
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        // Not brought back: row-level security shows no ended row to update.
        const QString revive = QStringLiteral("UPDATE onramp.grants SET ended_at = NULL, ended_by = NULL, "
                                              "ended_how = NULL WHERE credential = 'prod-api'");
        QCOMPARE(gabe.connection->execute(revive).kind, ErrorKind::None);
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-api' AND ended_at IS NULL")), 0);
        // The hire cannot revoke, renew or revive anything.
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        QCOMPARE(revokeGrant(hal, QStringLiteral("hal"), QStringLiteral("prod-db"),
                             at(QStringLiteral("2026-12-03T10:02:00.000Z")))
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(hal.connection->execute(revive).kind, ErrorKind::NotPermitted);
    }

    // Every grant ended, the latest by a revocation: status says revoked, as
    // a folder vault's does; a renewal gives access back.
    void statusShowsRevokedUntilARenewal()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        for (const QString& credential : {QStringLiteral("prod-db"), QStringLiteral("prod-extra")}) {
            const Error error = revokeGrant(credential == QLatin1String("prod-db") ? gabe : gina, QStringLiteral("hal"),
                                            credential, at(QStringLiteral("2026-12-03T11:00:00.000Z")));
            if (credential == QLatin1String("prod-extra")) {
                // Not a credential of hal's checklist: refused by name.
                QCOMPARE(error.kind, ErrorKind::InvalidInput);
                continue;
            }
            QVERIFY2(!error, qPrintable(error.message));
        }
        // The admin's extra grant ends by SQL with its entry, as an admin may.
        const QJsonObject revoke{{QStringLiteral("name"), QStringLiteral("hal")},
                                 {QStringLiteral("enrollment"), m_hal},
                                 {QStringLiteral("credential"), QStringLiteral("prod-extra")},
                                 {QStringLiteral("at"), QStringLiteral("2026-12-03T11:30:00.000Z")}};
        Error error = withEntry(gina, QStringLiteral("grant.revoke"), revoke,
                                QStringLiteral("UPDATE onramp.grants SET ended_at = '2026-12-03T11:30:00.000Z', "
                                               "ended_by = 'gina', ended_how = 'revoked' WHERE credential = "
                                               "'prod-extra' AND ended_at IS NULL"));
        QVERIFY2(!error, qPrintable(error.message));
        for (SignedIn* reader : {&gabe, &gina}) {
            EnrollmentStatus status;
            error = enrollmentStatus(*reader, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T12:00:00.000Z")),
                                     &status);
            QVERIFY2(!error, qPrintable(error.message));
            QCOMPARE(status.production(), ProductionAccess::Revoked);
            QCOMPARE(status.revokedBy, QStringLiteral("gina"));
            QCOMPARE(status.toJson().value(QStringLiteral("production")).toString(), QStringLiteral("revoked"));
        }
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        EnrollmentStatus status;
        error = enrollmentStatus(hal, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T12:00:00.000Z")), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(status.production(), ProductionAccess::Revoked);

        QDateTime expires;
        error = renewGrant(gabe, QStringLiteral("hal"), QStringLiteral("prod-api"),
                           at(QStringLiteral("2026-12-03T13:00:00.000Z")), &expires);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(expires, at(QStringLiteral("2026-12-03T21:00:00.000Z")));
        error = enrollmentStatus(hal, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T13:01:00.000Z")), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(status.production(), ProductionAccess::Unlocked);
        // A renewal ends the live grant and makes one: one live row still.
        error = renewGrant(gina, QStringLiteral("hal"), QStringLiteral("prod-api"),
                           at(QStringLiteral("2026-12-03T14:00:00.000Z")), &expires);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-api' AND ended_at IS NULL")), 1);
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-api' AND ended_how = 'renewed'")), 1);
    }

    // Two desks renewing one grant at once: exactly one wins, the other
    // is told, and one grant stays live. Both wait on the live row, which
    // the superuser holds until both are waiting.
    void twoDesksRenewingAtOnceOneWins()
    {
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        std::unique_ptr<PgConnection> blocker;
        QVERIFY(!pgConnectSuper(kDatabase, &blocker));
        QVERIFY(!blocker->execute(QStringLiteral("BEGIN")));
        QVERIFY(!blocker->execute(QStringLiteral("SELECT id FROM onramp.grants WHERE credential = 'prod-api' AND "
                                                 "ended_at IS NULL FOR UPDATE")));
        Error first;
        Error second;
        QDateTime expires;
        QDateTime expiresToo;
        const QDateTime now = at(QStringLiteral("2026-12-03T14:30:00.000Z"));
        std::thread one(
            [&] { first = renewGrant(gabe, QStringLiteral("hal"), QStringLiteral("prod-api"), now, &expires); });
        std::thread two(
            [&] { second = renewGrant(gina, QStringLiteral("hal"), QStringLiteral("prod-api"), now, &expiresToo); });
        const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 "
                                               "AND wait_event_type = 'Lock' AND pid <> $2");
        const qint64 blockerPid = blocker->scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
        bool bothWaited = false;
        for (int i = 0; i < 600 && !bothWaited; ++i) {
            bothWaited = m_super->scalar(waiting, {kDatabase, blockerPid}).toLongLong() == 2;
            if (!bothWaited)
                QThread::msleep(100);
        }
        const Error released = blocker->execute(QStringLiteral("ROLLBACK"));
        one.join();
        two.join();
        QVERIFY(bothWaited);
        QVERIFY2(!released, qPrintable(released.message));
        QCOMPARE(int(bool(first)) + int(bool(second)), 1);
        const Error& lost = first ? first : second;
        QCOMPARE(lost.kind, ErrorKind::InvalidInput);
        QVERIFY2(lost.message.contains(QStringLiteral("renewed from another desk just now")), qPrintable(lost.message));
        QCOMPARE(count(QStringLiteral("grants WHERE credential = 'prod-api' AND ended_at IS NULL")), 1);
        QCOMPARE(count(QStringLiteral("audit WHERE action = 'grant.renew'")), 3);
    }

    // cred revoke, cred renew, status and step undo through the real
    // binary on the server: the folder vault's words, texts and exit codes.
    void theCommandsRunOnAServer()
    {
        const auto as = [&](const QString& name, const QByteArray& passphrase, const QString& time,
                            const QStringList& args) {
            const QString pass = writeOwnerOnlyFile(m_tmp.filePath(name + QStringLiteral(".pass")), passphrase + '\n');
            return runOnramp(QStringList{QStringLiteral("--server"), teamPersonUrl(kDatabase)} + args
                                 + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass},
                             {}, {{QStringLiteral("PGPASSFILE"), m_passfile}, {QStringLiteral("ONRAMP_NOW"), time}});
        };
        const QString gabe = QStringLiteral("gabe");
        const QString hal = QStringLiteral("hal");
        RunResult r = as(gabe, kGabe, QStringLiteral("2026-12-03T15:00:00Z"),
                         {QStringLiteral("cred"), QStringLiteral("revoke"), hal, QStringLiteral("prod-api")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("Revoked hal's grant of prod-api."));
        r = as(hal, kHal, QStringLiteral("2026-12-03T15:01:00Z"), {QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject status = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(status.value(QStringLiteral("production")).toString(), QStringLiteral("revoked"));
        QCOMPARE(status.value(QStringLiteral("revoked_by")).toString(), gabe);
        r = as(hal, kHal, QStringLiteral("2026-12-03T15:02:00Z"),
               {QStringLiteral("cred"), QStringLiteral("renew"), hal, QStringLiteral("prod-api")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only hal's mentor or an admin")), qPrintable(r.err));
        r = as(gabe, kGabe, QStringLiteral("2026-12-03T15:03:00Z"),
               {QStringLiteral("cred"), QStringLiteral("renew"), hal, QStringLiteral("prod-api")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("Renewed hal's grant of prod-api until 2026-12-03T23:03:00.000Z."));
        r = as(gabe, kGabe, QStringLiteral("2026-12-03T15:04:00Z"),
               {QStringLiteral("cred"), QStringLiteral("revoke"), hal, QStringLiteral("prod-db")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("hal holds no grant of 'prod-db' to revoke")), qPrintable(r.err));

        r = as(hal, kHal, QStringLiteral("2026-12-03T15:05:00Z"),
               {QStringLiteral("step"), QStringLiteral("undo"), hal, QStringLiteral("repo")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("can no longer be undone")), qPrintable(r.err));
        // Signed off: a step no review covers stays as it was signed off too.
        r = as(hal, kHal, QStringLiteral("2026-12-03T15:06:00Z"),
               {QStringLiteral("step"), QStringLiteral("undo"), hal, QStringLiteral("laptop")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("production access is signed off by Gabe Mentor")), qPrintable(r.err));
        r = as(gabe, kGabe, QStringLiteral("2026-12-03T15:07:00Z"),
               {QStringLiteral("status"), hal, QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject after = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(after.value(QStringLiteral("production")).toString(), QStringLiteral("granted"));
        QCOMPARE(after.value(QStringLiteral("steps")).toArray().at(0).toObject().value(QStringLiteral("done")),
                 QJsonValue(true));
    }

    // A move to another version ends the enrollment's live grants in its
    // own transaction, as a folder vault's does; without, it is refused.
    void aMoveEndsTheLiveGrants()
    {
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        QByteArray two = kWeekOne;
        two.replace("Week one", "Week one, again");
        ParseResult parsed = parseChecklist(two, QStringLiteral("week-one.yaml"));
        QVERIFY(parsed.ok());
        ImportOutcome imported;
        Error error = importChecklist(gina, *parsed.checklist, &imported);
        QVERIFY2(!error && imported.version == 2, qPrintable(error.message));
        QVERIFY(count(QStringLiteral("grants WHERE enrollment_id = %1 AND ended_at IS NULL").arg(m_hal)) > 0);
        const qint64 reviews =
            scalarOf(*m_super,
                     QStringLiteral("SELECT coalesce(max(id), 0) FROM onramp.reviews WHERE enrollment_id = $1"),
                     {m_hal})
                .toLongLong();
        const qint64 signoffs =
            scalarOf(*m_super,
                     QStringLiteral("SELECT coalesce(max(id), 0) FROM onramp.signoffs WHERE enrollment_id = $1"),
                     {m_hal})
                .toLongLong();
        const QJsonObject move{{QStringLiteral("name"), QStringLiteral("hal")},
                               {QStringLiteral("enrollment"), m_hal},
                               {QStringLiteral("mentor"), QStringLiteral("gabe")},
                               {QStringLiteral("checklist"), QStringLiteral("week-one")},
                               {QStringLiteral("version"), 2},
                               {QStringLiteral("from_version"), 1},
                               {QStringLiteral("start"), QStringLiteral("2026-12-01")},
                               {QStringLiteral("reviews_before"), reviews},
                               {QStringLiteral("signoffs_before"), signoffs}};
        const QString moveRow = QStringLiteral("UPDATE onramp.enrollments SET version = 2, author = 'gina', "
                                               "reviews_before = $2, signoffs_before = $3 WHERE id = $1");
        const QVariantList params{m_hal, reviews, signoffs};
        QCOMPARE(withEntry(gina, QStringLiteral("enrollment.move"), move, moveRow, params).kind,
                 ErrorKind::InvalidInput);
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT version FROM onramp.enrollments WHERE id = $1"), {m_hal})
                     .toLongLong(),
                 1);
        error = recordSigned(gina, QStringLiteral("enrollment.move"), move, [&](PgConnection& c) -> Error {
            if (Error e = c.execute(QStringLiteral("UPDATE onramp.grants SET ended_at = now(), ended_by = 'gina', "
                                                   "ended_how = 'revoked' WHERE enrollment_id = $1 AND "
                                                   "ended_at IS NULL"),
                                    {m_hal}))
                return e;
            return c.execute(moveRow, params);
        });
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("grants WHERE enrollment_id = %1 AND ended_at IS NULL").arg(m_hal)), 0);
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("hal"), kHal}, std::pair{QStringLiteral("gabe"), kGabe}}) {
            SignedIn reader = signedIn(name, passphrase);
            EnrollmentStatus status;
            error = enrollmentStatus(reader, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T16:00:00.000Z")),
                                     &status);
            QVERIFY2(!error, qPrintable(error.message));
            QCOMPARE(status.checklistVersion, 2);
            QCOMPARE(status.production(), ProductionAccess::Locked);
        }
        // No grant on the new version until its own sign-off.
        SignedIn gabe = signedIn(QStringLiteral("gabe"), kGabe);
        QDateTime expires;
        QCOMPARE(renewGrant(gabe, QStringLiteral("hal"), QStringLiteral("prod-api"),
                            at(QStringLiteral("2026-12-03T16:01:00.000Z")), &expires)
                     .kind,
                 ErrorKind::NotPermitted);
    }

    // A grant row the log does not vouch for fails status on every desk.
    void aDoctoredGrantFailsStatus()
    {
        // Another mentor's grant, signed by them and let through by a
        // server that does not hold its rules: no desk counts it.
        // This server holds it (schema 13): the entry is not taken.
        SignedIn gwen = signedIn(QStringLiteral("gwen"), kGwen);
        QCOMPARE(withEntry(gwen, QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-db")),
                           QStringLiteral("SELECT 1"))
                     .kind,
                 ErrorKind::NotPermitted);
        const QString actorCheck =
            QStringLiteral("ALTER TABLE onramp.audit %1 TRIGGER audit_entry_names_its_actors_enrollment");
        QVERIFY(!m_super->execute(actorCheck.arg(QStringLiteral("DISABLE"))));
        const Error taken = withEntry(gwen, QStringLiteral("grant.create"), grantEntry(QStringLiteral("prod-db")),
                                      QStringLiteral("SELECT 1"));
        QVERIFY(!m_super->execute(actorCheck.arg(QStringLiteral("ENABLE"))));
        QVERIFY2(!taken, qPrintable(taken.message));
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(insertGrant(), {m_hal, QStringLiteral("prod-db"), QStringLiteral("gwen")}));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("hal"), kHal}, std::pair{QStringLiteral("gabe"), kGabe}}) {
            SignedIn reader = signedIn(name, passphrase);
            EnrollmentStatus status;
            const Error error = enrollmentStatus(reader, QStringLiteral("hal"),
                                                 at(QStringLiteral("2026-12-03T15:00:00.000Z")), &status);
            QCOMPARE(error.kind, ErrorKind::Damaged);
            QVERIFY2(error.message.contains(QStringLiteral("grant of prod-db to hal")), qPrintable(error.message));
        }
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.grants WHERE author = 'gwen'")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));

        // As a database administrator would, around the server's own triggers.
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.grants SET expires_at = expires_at + interval '1 year' "
                                                 "WHERE id = (SELECT max(id) FROM onramp.grants WHERE credential = "
                                                 "'prod-api')")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        SignedIn hal = signedIn(QStringLiteral("hal"), kHal);
        EnrollmentStatus status;
        const Error error =
            enrollmentStatus(hal, QStringLiteral("hal"), at(QStringLiteral("2026-12-03T15:00:00.000Z")), &status);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("grant of prod-api to hal")), qPrintable(error.message));
    }

    // A hire's login with a handed-over passphrase gives itself a key of its
    // own choosing with a zero-signed change: the server's row then holds a
    // key the log did not give. That is the hire's problem alone: every act
    // on them is refused naming them, and nothing is sealed to that key; the
    // rest of the team goes on, and an admin's reset gives them a key again.
    void aHiresOwnBadKeyChangeStopsOnlyThem()
    {
        const QString ivo = QStringLiteral("ivo");
        const QDateTime monday = at(QStringLiteral("2026-12-07T09:00:00.000Z"));
        SignedIn gina = signedIn(QStringLiteral("gina"), kGina);
        SignedIn gwen = signedIn(QStringLiteral("gwen"), kGwen);
        QVERIFY(gina.connection && gwen.connection);
        Error error = setStaticSecret(gina, QStringLiteral("prod-db"), SecureBytes::copyOf("the first secret"));
        QVERIFY2(error.kind != ErrorKind::NotPermitted && error.kind != ErrorKind::InvalidInput,
                 qPrintable(error.message));
        error = enroll(gina, ivo, QStringLiteral("week-one"), QStringLiteral("gwen"), QDate(2026, 12, 7));
        QVERIFY2(!error, qPrintable(error.message));
        {
            SignedIn own = signedIn(ivo, kIvo);
            for (const QString& step : {QStringLiteral("laptop"), QStringLiteral("repo")}) {
                error = markStepDone(own, ivo, step, {}, monday);
                QVERIFY2(!error, qPrintable(error.message));
            }
        }
        // The newest version has the mentor review the repository step.
        error = reviewStep(gwen, ivo, QStringLiteral("repo"), true, {}, monday.addSecs(30));
        QVERIFY2(!error, qPrintable(error.message));
        error = signOff(gwen, ivo, monday.addSecs(60));
        QVERIFY2(!error, qPrintable(error.message));
        EnrollmentStatus hedyBefore;
        error = enrollmentStatus(gwen, QStringLiteral("hedy"), monday.addSecs(120), &hedyBefore);
        QVERIFY2(!error, qPrintable(error.message));

        // The reset hands a passphrase over; the hire's login gives itself a key.
        const QByteArray handed = "handed over to ivo again";
        error = resetPassphrase(gina, ivo, handed);
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn login = signedIn(ivo, handed);
        QVERIFY(login.connection);
        const crypto::SignKeyPair chosen = crypto::generateSignKeyPair();
        {
            PgConnection& c = *login.connection;
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QVERIFY(!c.execute(
                QStringLiteral("SELECT onramp.change_own_passphrase($1, $2, $3, NULL)"),
                {QStringLiteral("SCRAM-SHA-256$4096:c2FsdA==$YWJj:ZGVm"), QByteArray("\x01\x02"), chosen.publicKey}));
            const QJsonObject details{
                {QStringLiteral("name"), ivo},
                {QStringLiteral("public_key"), QString::fromLatin1(chosen.publicKey.toBase64())},
                {QStringLiteral("previous_public_key"), QString::fromLatin1(login.keys.publicKey.toBase64())}};
            QList<QVariantList> head;
            QVERIFY(!c.execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head));
            QVERIFY(
                !c.execute(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"),
                           {QStringLiteral("passphrase.change"), QJsonDocument(details).toJson(QJsonDocument::Compact),
                            QByteArray(64, '\0'), head.first().at(0).toLongLong() + 1, head.first().at(1)}));
            const Error committed = tx.commit();
            QVERIFY2(!committed, qPrintable(committed.message));
        }

        // The server as a whole does not hold, and audit verify says so, naming them.
        error = verifyAudit(gina);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("lets ivo sign in as hire")), qPrintable(error.message));
        const auto as = [&](const QString& name, const QByteArray& passphrase, const QStringList& args) {
            const QString pass = writeOwnerOnlyFile(m_tmp.filePath(name + QStringLiteral(".pass")), passphrase + '\n');
            return runOnramp(QStringList{QStringLiteral("--server"), teamPersonUrl(kDatabase)} + args
                                 + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass},
                             {}, {{QStringLiteral("PGPASSFILE"), m_passfile}});
        };
        RunResult r = as(QStringLiteral("gina"), kGina,
                         {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
        QCOMPARE(r.code, 6);
        const QJsonObject verified = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(verified.value(QStringLiteral("ok")), QJsonValue(false));
        QCOMPARE(
            verified.value(QStringLiteral("unvouched")).toArray(),
            QJsonArray({QJsonObject{{QStringLiteral("name"), ivo}, {QStringLiteral("role"), QStringLiteral("hire")}}}));
        // The rest of the team goes on: the log read, another hire's status,
        // the people listed (this one not vouched for).
        Unvouched unvouched;
        error = verifyAudit(gina, nullptr, nullptr, &unvouched);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(unvouched, (Unvouched{{ivo, QStringLiteral("hire")}}));
        EnrollmentStatus hedyAfter;
        error = enrollmentStatus(gwen, QStringLiteral("hedy"), monday.addSecs(120), &hedyAfter);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(hedyAfter.production(), hedyBefore.production());
        QList<ServerPerson> people;
        error = listPeople(gina, &people);
        QVERIFY2(!error, qPrintable(error.message));
        for (const ServerPerson& person : std::as_const(people))
            QVERIFY2(person.vouched == (person.name != ivo), qPrintable(person.name));
        // Nothing of theirs is shown, and nothing is sealed to the key they chose.
        for (SignedIn* reader : {&gwen, &gina}) {
            EnrollmentStatus status;
            error = enrollmentStatus(*reader, ivo, monday.addSecs(180), &status);
            QCOMPARE(error.kind, ErrorKind::Damaged);
            QVERIFY2(error.message.contains(QStringLiteral("lets ivo sign in as hire")), qPrintable(error.message));
        }
        QStringList delivered;
        error = setStaticSecret(gina, QStringLiteral("prod-db"), SecureBytes::copyOf("the second secret"), monday,
                                &delivered);
        QVERIFY2(error.message.contains(QStringLiteral("not to ")) && error.message.contains(ivo),
                 qPrintable(error.message));
        QVERIFY(!delivered.contains(ivo));
        QList<QVariantList> boxes;
        QVERIFY(
            !m_super->execute(QStringLiteral("SELECT g.sealed FROM onramp.grants g JOIN onramp.enrollments e ON "
                                             "e.id = g.enrollment_id WHERE e.hire = 'ivo' AND g.sealed IS NOT NULL"),
                              {}, &boxes));
        QVERIFY(!boxes.isEmpty());
        for (const QVariantList& box : std::as_const(boxes))
            QVERIFY(!crypto::openSealed(box.first().toByteArray(), chosen.secretKey));
        // What they hold is ended all the same, and not renewed (a renewal
        // seals to their key).
        QDateTime expires;
        error = renewGrant(gwen, ivo, QStringLiteral("prod-db"), monday.addSecs(200), &expires);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        const QString live = QStringLiteral("SELECT count(*) FROM onramp.grants g JOIN onramp.enrollments e ON e.id = "
                                            "g.enrollment_id WHERE e.hire = 'ivo' AND g.credential = 'prod-db' AND "
                                            "g.ended_at IS NULL");
        QVERIFY(m_super->scalar(live).toLongLong() > 0);
        error = revokeGrant(gwen, ivo, QStringLiteral("prod-db"), monday.addSecs(210));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(m_super->scalar(live).toLongLong(), 0);

        // An admin's reset gives them a key again, and the server holds as a whole.
        error = resetPassphrase(gina, ivo, "handed over to ivo once more");
        QVERIFY2(!error, qPrintable(error.message));
        error = verifyAudit(gina);
        QVERIFY2(!error, qPrintable(error.message));
        EnrollmentStatus status;
        error = enrollmentStatus(gwen, ivo, monday.addSecs(240), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(m_super
                     ->scalar(QStringLiteral("SELECT g.ended_how || ' by ' || g.ended_by FROM onramp.grants g JOIN "
                                             "onramp.enrollments e ON e.id = g.enrollment_id WHERE e.hire = 'ivo' AND "
                                             "g.credential = 'prod-db' ORDER BY g.id DESC LIMIT 1"))
                     .toString(),
                 QStringLiteral("revoked by gwen"));
    }

    // A server at schema 7 migrates to 8 and gets the client's table; the
    // step applied by hand, without it, fails and changes nothing.
    void anOlderSchemaMigratesAndTheStepNeedsTheClientsTable()
    {
        const QString database = QStringLiteral("onramp_grants_v7");
        QVERIFY(!pgRecreateDatabase(database));
        std::unique_ptr<PgConnection> super;
        QVERIFY(!pgConnectSuper(database, &super));
        Error error = schema::migrate(*super, 7);
        QVERIFY2(!error, qPrintable(error.message));
        QFile file(QStringLiteral(":/onramp/server/sql/schema-v8.sql"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        {
            PgConnection::Transaction transaction(*super);
            QVERIFY(!transaction.beginError());
            error = super->executeScript(QString::fromUtf8(file.readAll()));
            QVERIFY(error);
        }
        int version = 0;
        QVERIFY(!schema::currentVersion(*super, &version));
        QCOMPARE(version, 7);
        QVERIFY(super
                    ->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit_actions WHERE action = "
                                            "'credential.reveal' AND role = 'mentor'"))
                    .toLongLong()
                == 1);
        error = schema::migrate(*super);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!schema::currentVersion(*super, &version));
        QCOMPARE(version, schema::kLatestVersion);
        QCOMPARE(super
                     ->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit_actions WHERE action = "
                                             "'credential.reveal' AND role = 'mentor'"))
                     .toLongLong(),
                 0);
        QCOMPARE(super
                     ->scalar(QStringLiteral("SELECT count(*) FROM onramp.audit_actions WHERE action = "
                                             "'grant.create' AND role = 'admin'"))
                     .toLongLong(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestTeamGrants)
#include "TestTeamGrants.moc"
