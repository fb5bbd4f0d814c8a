// A static credential's production secret on a team server (schema 10),
// attacker first: a hire's own login sending raw SQL reads no kept secret
// and no production box, and writes no secret row, with or without an
// entry; an admin's row without their credential.set entry naming it is
// refused too. Then cred set keeps the secret under the production key, the
// sign-off and a renewal seal it to the hire, a row a database
// administrator swaps is refused, a later cred set seals the new secret at
// once to a hire whose grant is live (never to a key the log did not give
// them), and the secret is nowhere on the server in clear.
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

#include "checklist/ChecklistParser.h"
#include "onboarding/Signatures.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QTest>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_secrets");
const QByteArray kSia = "sia administers the secrets";
const QByteArray kSol = "sol mentors sid this week";
const QByteArray kSid = "sid starts on the first day";
const QByteArray kSue = "sue starts on the first day too";
const QByteArray kSecret = "prod-db-password-4f1c9e";
const QByteArray kRenewed = "prod-db-password-rotated-77a2";
const QByteArray kThroughTheBinary = "prod-db-password-from-the-cli-93d0";

const QByteArray kChecklist = R"(onramp: 1
checklist:
  id: secrets-week
  title: Secrets week
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
credentials:
  - id: prod-db
    title: Production database
    environment: production
    provider: static
  - id: lab-db
    title: Lab database
    environment: sandbox
    provider: static
)";

QDateTime at(const QString& text)
{
    return signatures::timeFromText(text);
}

} // namespace

class TestTeamSecrets : public TeamOnboardingTest
{
    Q_OBJECT

    QByteArray boxOf(const QString& credential)
    {
        return scalarOf(*m_super, QStringLiteral("SELECT box FROM onramp.credentials WHERE hire IS NULL AND name = $1"),
                        {credential})
            .toByteArray();
    }

    /// The secret the newest grant of \a credential to sid holds, opened with sid's key.
    QByteArray grantedToSid(const QString& credential)
    {
        const QByteArray sealed =
            scalarOf(*m_super,
                     QStringLiteral("SELECT g.sealed FROM onramp.grants g JOIN onramp.enrollments e ON e.id = "
                                    "g.enrollment_id WHERE e.hire = 'sid' AND g.credential = $1 ORDER BY g.id DESC "
                                    "LIMIT 1"),
                     {credential})
                .toByteArray();
        SignedIn sid = signedIn(QStringLiteral("sid"), kSid);
        if (!sid.connection || sealed.isEmpty())
            return {};
        const std::optional<SecureBytes> opened = crypto::openSealed(sealed, sid.keys.secretKey);
        return opened ? opened->view().toByteArray() : QByteArray();
    }

    /// Every row of every table of the schema as the superuser sees it, as text.
    QByteArray dump()
    {
        QList<QVariantList> tables;
        if (m_super->execute(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                            "'onramp' ORDER BY 1"),
                             {}, &tables))
            return {};
        QByteArray all;
        for (const QVariantList& table : std::as_const(tables)) {
            QList<QVariantList> rows;
            if (m_super->execute(QStringLiteral("SELECT t::text FROM onramp.%1 t").arg(table.at(0).toString()), {},
                                 &rows))
                return {};
            for (const QVariantList& row : std::as_const(rows))
                all += row.at(0).toString().toUtf8() + '\n';
        }
        return all;
    }

    /// The real binary against the team server, as \a name with \a passphrase.
    RunResult asPerson(const QString& name, const QByteArray& passphrase, const QStringList& args)
    {
        const QString pass = writeOwnerOnlyFile(m_tmp.filePath(name + QStringLiteral(".pass")), passphrase + '\n');
        return runOnramp(QStringList{QStringLiteral("--server"), teamPersonUrl(kDatabase)} + args
                             + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass},
                         {}, {{QStringLiteral("PGPASSFILE"), m_passfile}});
    }

    static void verifyNotIn(const QByteArray& haystack, const QByteArray& secret)
    {
        QVERIFY(!haystack.isEmpty());
        QVERIFY(!haystack.contains(secret));
        QVERIFY(!haystack.contains(secret.toHex()));
        QVERIFY(!haystack.contains(secret.toBase64()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        Error error = startTeam({kDatabase, QStringLiteral("onramp_secrets_v9")},
                                {{QStringLiteral("sia"), QStringLiteral("admin"), QStringLiteral("Sia Admin"), kSia},
                                 {QStringLiteral("sol"), QStringLiteral("mentor"), QStringLiteral("Sol Mentor"), kSol},
                                 {QStringLiteral("sid"), QStringLiteral("hire"), QStringLiteral("Sid Hire"), kSid},
                                 {QStringLiteral("sue"), QStringLiteral("hire"), QStringLiteral("Sue Hire"), kSue}});
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn sia = signedIn(QStringLiteral("sia"), kSia);
        QVERIFY(sia.connection);
        ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("secrets-week.yaml"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(QLatin1Char('\n'))));
        ImportOutcome imported;
        error = importChecklist(sia, *parsed.checklist, &imported);
        QVERIFY2(!error, qPrintable(error.message));
        for (const QString& hire : {QStringLiteral("sid"), QStringLiteral("sue")}) {
            error = enroll(sia, hire, QStringLiteral("secrets-week"), QStringLiteral("sol"), QDate(2026, 12, 1));
            QVERIFY2(!error, qPrintable(error.message));
        }
    }

    // The hire's own login, sending raw SQL: no secret row of their own
    // making, none changed or removed, with or without a credential.set
    // entry (a hire may not record one).
    void aHireWritesNoSecretRow()
    {
        SignedIn sid = signedIn(QStringLiteral("sid"), kSid);
        QVERIFY(sid.connection);
        PgConnection& c = *sid.connection;
        const QByteArray box(64, 'x');
        for (const QString& sql :
             {QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author) VALUES (NULL, "
                             "'prod-db', 'production', $1, 'sid')"),
              QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author) VALUES ('sid', "
                             "'lab-db', 'sandbox', $1, 'sid')"),
              QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author) VALUES (NULL, "
                             "'prod-db', 'production', $1, 'sia')")})
            QCOMPARE(c.execute(sql, {box}).kind, ErrorKind::NotPermitted);
        const QJsonObject entry{
            {QStringLiteral("credential"), QStringLiteral("prod-db")},
            {QStringLiteral("environment"), QStringLiteral("production")},
            {QStringLiteral("box_digest"),
             QString::fromLatin1(QCryptographicHash::hash(box, QCryptographicHash::Sha256).toBase64())}};
        QCOMPARE(withEntry(sid, QStringLiteral("credential.set"), entry,
                           QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author) "
                                          "VALUES (NULL, 'prod-db', 'production', $1, 'sid')"),
                           {box})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("credentials")), 0);
    }

    // An admin's own row commits only with their entry naming exactly it.
    void anAdminsRowNeedsItsEntry()
    {
        SignedIn sia = signedIn(QStringLiteral("sia"), kSia);
        QVERIFY(sia.connection);
        const QByteArray box(64, 'y');
        const QString insert = QStringLiteral("INSERT INTO onramp.credentials (hire, name, environment, box, author) "
                                              "VALUES (NULL, 'prod-db', 'production', $1, 'sia')");
        QCOMPARE(sia.connection->execute(insert, {box}).kind, ErrorKind::NotPermitted);
        const QJsonObject otherBox{{QStringLiteral("credential"), QStringLiteral("prod-db")},
                                   {QStringLiteral("environment"), QStringLiteral("production")},
                                   {QStringLiteral("box_digest"), QStringLiteral("AAAA")}};
        QCOMPARE(withEntry(sia, QStringLiteral("credential.set"), otherBox, insert, {box}).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("credentials")), 0);
    }

    // Who may set what: an admin only, a production static credential only,
    // a secret that is not empty; each refusal changes nothing.
    void badSetsAreRefused()
    {
        const qint64 entries = count(QStringLiteral("audit"));
        SignedIn sol = signedIn(QStringLiteral("sol"), kSol);
        SignedIn sid = signedIn(QStringLiteral("sid"), kSid);
        SignedIn sia = signedIn(QStringLiteral("sia"), kSia);
        const SecureBytes secret = SecureBytes::copyOf(kSecret);
        QCOMPARE(setStaticSecret(sol, QStringLiteral("prod-db"), secret).kind, ErrorKind::NotPermitted);
        QCOMPARE(setStaticSecret(sid, QStringLiteral("prod-db"), secret).kind, ErrorKind::NotPermitted);
        const Error unknown = setStaticSecret(sia, QStringLiteral("nope"), secret);
        QCOMPARE(unknown.kind, ErrorKind::InvalidInput);
        QVERIFY2(unknown.message.contains(QLatin1String("nope")), qPrintable(unknown.message));
        const Error sandbox = setStaticSecret(sia, QStringLiteral("lab-db"), secret);
        QCOMPARE(sandbox.kind, ErrorKind::InvalidInput);
        QVERIFY2(sandbox.message.contains(QLatin1String("lab-db")), qPrintable(sandbox.message));
        QCOMPARE(setStaticSecret(sia, QStringLiteral("prod-db"), SecureBytes()).kind, ErrorKind::InvalidInput);
        QCOMPARE(count(QStringLiteral("credentials")), 0);
        QCOMPARE(count(QStringLiteral("audit")), entries);
    }

    // The admin's set keeps the box and its entry; a mentor opens it, a hire
    // neither reads the row nor holds the key.
    void anAdminSetsTheSecret()
    {
        SignedIn sia = signedIn(QStringLiteral("sia"), kSia);
        Error error = setStaticSecret(sia, QStringLiteral("prod-db"), SecureBytes::copyOf(kSecret));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("credentials")), 1);
        QVERIFY(!boxOf(QStringLiteral("prod-db")).isEmpty());
        SignedIn sol = signedIn(QStringLiteral("sol"), kSol);
        std::optional<SecureBytes> kept;
        error = keptSecret(sol, QStringLiteral("prod-db"), &kept);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(kept);
        QCOMPARE(kept->view().toByteArray(), kSecret);

        SignedIn sid = signedIn(QStringLiteral("sid"), kSid);
        QCOMPARE(keptSecret(sid, QStringLiteral("prod-db"), &kept).kind, ErrorKind::NotPermitted);
        for (const QString& table : {QStringLiteral("credentials"), QStringLiteral("production_boxes")})
            QCOMPARE(
                scalarOf(*sid.connection, QStringLiteral("SELECT count(*) FROM onramp.%1").arg(table)).toLongLong(), 0);
        // Nor changes or removes it.
        QList<QVariantList> changed;
        const Error update = sid.connection->execute(
            QStringLiteral("UPDATE onramp.credentials SET box = box RETURNING id"), {}, &changed);
        QVERIFY(update.kind == ErrorKind::NotPermitted || (!update && changed.isEmpty()));
        QCOMPARE(sid.connection->execute(QStringLiteral("DELETE FROM onramp.credentials")).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(boxOf(QStringLiteral("prod-db")).isEmpty(), false);
    }

    // The sign-off seals the kept secret to the hire; a renewal after a new
    // set seals the new one.
    void grantsSealTheKeptSecret()
    {
        SignedIn sid = signedIn(QStringLiteral("sid"), kSid);
        Error error = markStepDone(sid, QStringLiteral("sid"), QStringLiteral("laptop"), {},
                                   at(QStringLiteral("2026-12-02T09:00:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn sol = signedIn(QStringLiteral("sol"), kSol);
        error = signOff(sol, QStringLiteral("sid"), at(QStringLiteral("2026-12-02T10:00:00.000Z")));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(grantedToSid(QStringLiteral("prod-db")), kSecret);
        EnrollmentStatus status;
        error = enrollmentStatus(sid, QStringLiteral("sid"), at(QStringLiteral("2026-12-02T10:30:00.000Z")), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(status.decision.allowed);

        SignedIn sia = signedIn(QStringLiteral("sia"), kSia);
        error = setStaticSecret(sia, QStringLiteral("prod-db"), SecureBytes::copyOf(kRenewed));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(count(QStringLiteral("credentials")), 1);
        QDateTime expires;
        error = renewGrant(sol, QStringLiteral("sid"), QStringLiteral("prod-db"),
                           at(QStringLiteral("2026-12-02T11:00:00.000Z")), &expires);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(grantedToSid(QStringLiteral("prod-db")), kRenewed);
    }

    // A database administrator's box in place of the admin's (one of another
    // key, or the earlier one put back) is used by no desk.
    void aSwappedRowIsRefused()
    {
        const QByteArray kept = boxOf(QStringLiteral("prod-db"));
        const auto force = [&](const QByteArray& box) {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!transaction.beginError());
            QVERIFY(!m_super->execute(QStringLiteral("SET LOCAL session_replication_role = replica")));
            QVERIFY(!m_super->execute(
                QStringLiteral("UPDATE onramp.credentials SET box = $1 WHERE hire IS NULL AND name = 'prod-db'"),
                {box}));
            QVERIFY(!transaction.commit());
        };
        force(crypto::encrypt(QByteArrayView("from the database administrator"),
                              SecureBytes::random(crypto::kSymmetricKeyBytes)));
        SignedIn sol = signedIn(QStringLiteral("sol"), kSol);
        std::optional<SecureBytes> secret;
        QCOMPARE(keptSecret(sol, QStringLiteral("prod-db"), &secret).kind, ErrorKind::Damaged);
        QDateTime expires;
        QCOMPARE(renewGrant(sol, QStringLiteral("sid"), QStringLiteral("prod-db"),
                            at(QStringLiteral("2026-12-02T12:00:00.000Z")), &expires)
                     .kind,
                 ErrorKind::Damaged);
        force(kept);
        const Error error = keptSecret(sol, QStringLiteral("prod-db"), &secret);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(secret->view().toByteArray(), kRenewed);
    }

    // A database at schema 9 migrates to 10: a credential row then needs its
    // entry, and its own signature no longer.
    void aSchema9DatabaseMigrates()
    {
        const QString database = QStringLiteral("onramp_secrets_v9");
        QVERIFY(!pgRecreateDatabase(database));
        std::unique_ptr<PgConnection> super;
        QVERIFY(!pgConnectSuper(database, &super));
        QVERIFY(!schema::migrate(*super, 9));
        int version = 0;
        QVERIFY(!schema::currentVersion(*super, &version));
        QCOMPARE(version, 9);
        QVERIFY(!schema::migrate(*super, 10));
        QVERIFY(!schema::currentVersion(*super, &version));
        QCOMPARE(version, 10);
        QCOMPARE(scalarOf(*super,
                          QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgname = "
                                         "'credentials_need_entries' AND tgrelid = 'onramp.credentials'::regclass"))
                     .toLongLong(),
                 1);
        QCOMPARE(scalarOf(*super,
                          QStringLiteral("SELECT is_nullable FROM information_schema.columns WHERE "
                                         "table_schema = 'onramp' AND table_name = 'credentials' AND "
                                         "column_name = 'signature'"))
                     .toString(),
                 QStringLiteral("YES"));
    }

    // A database administrator puts a key of their own in place of sid's,
    // who holds a live grant: an admin's cred set seals the new secret to
    // no key the log did not give sid. That is sid's problem alone: the
    // secret is set, and the command names sid as not reached (exit 6).
    void aSwappedHireKeyIsSealedNothingAtCredSet()
    {
        SignedIn sol = signedIn(QStringLiteral("sol"), kSol);
        QDateTime expires;
        const Error renewed = renewGrant(sol, QStringLiteral("sid"), QStringLiteral("prod-db"),
                                         QDateTime::currentDateTimeUtc(), &expires);
        QVERIFY2(!renewed, qPrintable(renewed.message));
        const QString keyOfSid = QStringLiteral("SELECT sign_public_key FROM onramp.people WHERE name = 'sid'");
        const QByteArray sidsKey = scalarOf(*m_super, keyOfSid).toByteArray();
        const crypto::SignKeyPair administrators = crypto::generateSignKeyPair();
        const auto force = [&](const QByteArray& key) {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!transaction.beginError());
            QVERIFY(!m_super->execute(QStringLiteral("SET LOCAL session_replication_role = replica")));
            QVERIFY(!m_super->execute(
                QStringLiteral("UPDATE onramp.people SET sign_public_key = $1 WHERE name = 'sid'"), {key}));
            QVERIFY(!transaction.commit());
        };
        force(administrators.publicKey);
        const QString ofSid =
            QStringLiteral("grants WHERE enrollment_id = (SELECT id FROM onramp.enrollments WHERE hire = 'sid')");
        const qint64 grants = count(ofSid);
        const QByteArray box = boxOf(QStringLiteral("prod-db"));
        const QString secretFile =
            writeOwnerOnlyFile(m_tmp.filePath(QStringLiteral("swapped.txt")), kThroughTheBinary + '\n');
        const RunResult r = asPerson(QStringLiteral("sia"), kSia,
                                     {QStringLiteral("cred"), QStringLiteral("set"), QStringLiteral("prod-db"),
                                      QStringLiteral("--secret-file"), secretFile});
        force(sidsKey);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("not to sid")) && r.err.contains(QStringLiteral("lets sid sign in")),
                 qPrintable(r.err));
        QCOMPARE(count(ofSid), grants);
        QVERIFY(boxOf(QStringLiteral("prod-db")) != box);
        QList<QVariantList> sealed;
        QVERIFY(!m_super->execute(QStringLiteral("SELECT sealed FROM onramp.grants WHERE sealed IS NOT NULL"), {},
                                  &sealed));
        for (const QVariantList& row : std::as_const(sealed))
            QVERIFY(!crypto::openSealed(row.at(0).toByteArray(), administrators.secretKey));
        QCOMPARE(scalarOf(*m_super, keyOfSid).toByteArray(), sidsKey);
    }

    // cred set through the binary: the admin's sets it and says so, never
    // printing it, and seals it at once to sid, whose grant is live, keeping
    // its expiry (with a grant.renew entry); sue, not signed off, gets
    // nothing. A hire's is refused (exit 4), a missing --secret-file is a
    // usage error (exit 2) and a missing file names it (exit 5), each
    // changing nothing.
    void credSetThroughTheBinary()
    {
        const QString secretFile =
            writeOwnerOnlyFile(m_tmp.filePath(QStringLiteral("secret.txt")), kThroughTheBinary + '\n');
        const QStringList set = {QStringLiteral("cred"), QStringLiteral("set"), QStringLiteral("prod-db")};
        const qint64 entries = count(QStringLiteral("audit"));
        RunResult r =
            asPerson(QStringLiteral("sid"), kSid, set + QStringList{QStringLiteral("--secret-file"), secretFile});
        QCOMPARE(r.code, 4);
        r = asPerson(QStringLiteral("sia"), kSia, set);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("--secret-file")), qPrintable(r.err));
        const QString missing = m_tmp.filePath(QStringLiteral("no-such-secret.txt"));
        r = asPerson(QStringLiteral("sia"), kSia, set + QStringList{QStringLiteral("--secret-file"), missing});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("audit")), entries);

        const QString liveExpiry = QStringLiteral(
            "SELECT g.expires_at::text FROM onramp.grants g JOIN onramp.enrollments e ON e.id = g.enrollment_id "
            "WHERE e.hire = 'sid' AND g.credential = 'prod-db' AND g.ended_at IS NULL");
        const QString expiry = scalarOf(*m_super, liveExpiry).toString();
        QVERIFY(!expiry.isEmpty());
        QCOMPARE(grantedToSid(QStringLiteral("prod-db")), kRenewed);
        r = asPerson(QStringLiteral("sia"), kSia, set + QStringList{QStringLiteral("--secret-file"), secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("Set the secret of prod-db; sealed to 1 enrolled hire(s) who hold it.")),
                 qPrintable(r.out));
        QVERIFY(!r.out.toUtf8().contains(kThroughTheBinary) && !r.err.toUtf8().contains(kThroughTheBinary));
        QCOMPARE(count(QStringLiteral("audit")), entries + 2);
        QCOMPARE(
            scalarOf(*m_super, QStringLiteral("SELECT action FROM onramp.audit ORDER BY seq DESC LIMIT 1")).toString(),
            QStringLiteral("grant.renew"));
        QCOMPARE(grantedToSid(QStringLiteral("prod-db")), kThroughTheBinary);
        QCOMPARE(scalarOf(*m_super, liveExpiry).toString(), expiry);
        SignedIn sol = signedIn(QStringLiteral("sol"), kSol);
        std::optional<SecureBytes> kept;
        Error error = keptSecret(sol, QStringLiteral("prod-db"), &kept);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(kept);
        QCOMPARE(kept->view().toByteArray(), kThroughTheBinary);
        // Every desk takes the resealed grant for the one its entry made.
        SignedIn sid = signedIn(QStringLiteral("sid"), kSid);
        EnrollmentStatus status;
        error = enrollmentStatus(sid, QStringLiteral("sid"), QDateTime::currentDateTimeUtc(), &status);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(status.decision.allowed);
        QVERIFY(!status.revokedAt.isValid());
    }

    // No secret is anywhere on the server in clear.
    void theSecretIsNowhereInClear()
    {
        const QByteArray all = dump();
        verifyNotIn(all, kSecret);
        verifyNotIn(all, kRenewed);
        verifyNotIn(all, kThroughTheBinary);
    }
};

QTEST_GUILESS_MAIN(TestTeamSecrets)
#include "TestTeamSecrets.moc"
