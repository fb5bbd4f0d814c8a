// A mentor's reviews and sign-off on a team server, attacker first: what a
// hire's login, another mentor's and the mentor's own without a signed entry
// cannot do to reviews and sign-offs, what a review from before a move is
// worth, and then step approve, step reject and signoff through the real
// `onramp` binary, with the gate's answer compared, step by step, to a
// folder vault's for the same scenario.
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "TeamAccess.h"
#include "TeamOnboardingTest.h"
#include "TeamTestFixture.h"
#include "VaultTestUtil.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;
using namespace vaulttest;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_reviews");
const QByteArray kRita = "rita administers the team";
const QByteArray kMort = "mort mentors hank all week";
const QByteArray kMona = "mona mentors somebody else";
const QByteArray kHank = "hank starts on monday morning";
const QByteArray kHope = "hope starts on monday as well";
const QString kAppendAudit = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)");

const QByteArray kWeekOne = R"(onramp: 1
checklist:
  id: week-one
  title: Week one
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
    - {id: repo, title: Clone the repository, signoff: true}
)";

/// What the gate says and where each step stands, from `status --json`: the
/// part of the answer both stores must agree on.
QString gateOf(const QString& json)
{
    const QJsonObject status = QJsonDocument::fromJson(json.toUtf8()).object();
    QStringList parts{status[QStringLiteral("locked")].toBool() ? QStringLiteral("locked")
                                                                : QStringLiteral("unlocked")};
    for (const QJsonValue& reason : status[QStringLiteral("reasons")].toArray())
        parts << reason[QStringLiteral("code")].toString() + QLatin1Char(':')
                + reason[QStringLiteral("step")].toString();
    for (const QJsonValue& step : status[QStringLiteral("steps")].toArray())
        parts << step[QStringLiteral("id")].toString() + QLatin1Char('=') + step[QStringLiteral("status")].toString();
    parts << QStringLiteral("done %1/%2")
                 .arg(status[QStringLiteral("done")].toInt())
                 .arg(status[QStringLiteral("total")].toInt());
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestTeamReviews : public TeamOnboardingTest
{
    Q_OBJECT

    qint64 m_enrollment = 0;

    QString writeFile(const QString& name, const QByteArray& content)
    {
        return writeOwnerOnlyFile(m_tmp.filePath(name), content);
    }

    /// The binary as \a name on the server.
    RunResult as(const QString& name, const QByteArray& passphrase, const QStringList& args)
    {
        const QString pass = writeFile(name + QStringLiteral(".pass"), passphrase + '\n');
        return runOnramp(QStringList{QStringLiteral("--server"), teamPersonUrl(kDatabase)} + args
                             + QStringList{QStringLiteral("--as"), name, QStringLiteral("--passphrase-file"), pass},
                         {}, {{QStringLiteral("PGPASSFILE"), m_passfile}});
    }

    /// The review entry's content as step approve writes it.
    QJsonObject reviewDetails(const QString& step, int version, const QString& comment, const QString& at)
    {
        return {{QStringLiteral("name"), QStringLiteral("hank")},
                {QStringLiteral("enrollment"), m_enrollment},
                {QStringLiteral("checklist"), QStringLiteral("week-one")},
                {QStringLiteral("version"), version},
                {QStringLiteral("step"), step},
                {QStringLiteral("comment"), comment},
                {QStringLiteral("at"), at}};
    }

    /// append_audit's arguments for an entry of \a action at the chain's
    /// head with a zero signature: what a login writes without its person's key.
    static QVariantList unsignedAtHead(PgConnection& connection, const QString& action, const QJsonObject& details)
    {
        QList<QVariantList> head;
        if (connection.execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head) || head.isEmpty())
            return QVariantList{};
        return QVariantList{action, QJsonDocument(details).toJson(QJsonDocument::Compact), QByteArray(64, '\0'),
                            head.first().at(0).toLongLong() + 1, head.first().at(1).toByteArray()};
    }

    /// What `status HIRE --json` says of the gate on the hire's desk, their
    /// mentor's and an admin's, each (or the error of one that failed); a
    /// desk that shows a "forged" text is named.
    QStringList gatesOf(const QString& hire, const QByteArray& hirePassphrase, const QString& mentor,
                        const QByteArray& mentorPassphrase)
    {
        QStringList seen;
        for (const auto& [name, passphrase] : {std::pair{hire, hirePassphrase}, std::pair{mentor, mentorPassphrase},
                                               std::pair{QStringLiteral("rita"), kRita}}) {
            const RunResult r = as(name, passphrase, {QStringLiteral("status"), hire, QStringLiteral("--json")});
            seen << (r.code == 0 ? gateOf(r.out) : QStringLiteral("%1: exit %2: %3").arg(name).arg(r.code).arg(r.err));
            if (r.out.contains(QStringLiteral("forged")))
                seen << name + QStringLiteral(" reads the forged comment");
        }
        return seen;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Error error =
            startTeam({kDatabase},
                      {{QStringLiteral("rita"), QStringLiteral("admin"), QStringLiteral("Rita Admin"), kRita},
                       {QStringLiteral("mort"), QStringLiteral("mentor"), QStringLiteral("Mort Mentor"), kMort},
                       {QStringLiteral("mona"), QStringLiteral("mentor"), QStringLiteral("Mona Mentor"), kMona},
                       {QStringLiteral("hank"), QStringLiteral("hire"), QStringLiteral("Hank Hire"), kHank},
                       {QStringLiteral("hope"), QStringLiteral("hire"), QStringLiteral("Hope Hire"), kHope}});
        QVERIFY2(!error, qPrintable(error.message));
        const QString checklist = writeFile(QStringLiteral("week-one.yaml"), kWeekOne);
        RunResult r =
            as(QStringLiteral("rita"), kRita, {QStringLiteral("checklist"), QStringLiteral("import"), checklist});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const auto& [hire, mentor] : {std::pair{QStringLiteral("hank"), QStringLiteral("mort")},
                                           std::pair{QStringLiteral("hope"), QStringLiteral("mona")}}) {
            r = as(QStringLiteral("rita"), kRita,
                   {QStringLiteral("enroll"), hire, QStringLiteral("--checklist"), QStringLiteral("week-one"),
                    QStringLiteral("--mentor"), mentor, QStringLiteral("--start"), QStringLiteral("2026-12-01")});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        m_enrollment =
            scalarOf(*m_super, QStringLiteral("SELECT id FROM onramp.enrollments WHERE hire = 'hank'")).toLongLong();
        QVERIFY(m_enrollment > 0);
        for (const QString& step : {QStringLiteral("laptop"), QStringLiteral("repo")}) {
            r = as(QStringLiteral("hank"), kHank,
                   {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("hank"), step});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
    }

    // The hire's own login: no review, sign-off or removal of their own
    // record, whatever the row says, with or without an entry.
    void aHireCannotWriteReviewsOrSignoffs()
    {
        SignedIn hank = signedIn(QStringLiteral("hank"), kHank);
        QVERIFY(hank.connection);
        PgConnection& c = *hank.connection;
        const QVariantList id{m_enrollment};
        for (const QString& sql :
             {QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, version) "
                             "VALUES ($1, 'repo', 'approved', 'mort', 1)"),
              QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, version) "
                             "VALUES ($1, 'repo', 'approved', 'hank', 1)"),
              QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author) VALUES ($1, 1, 'mort')"),
              QStringLiteral("UPDATE onramp.reviews SET verdict = 'approved' WHERE enrollment_id = $1"),
              QStringLiteral("DELETE FROM onramp.reviews WHERE enrollment_id = $1"),
              QStringLiteral("UPDATE onramp.signoffs SET version = 1 WHERE enrollment_id = $1"),
              QStringLiteral("DELETE FROM onramp.signoffs WHERE enrollment_id = $1"),
              QStringLiteral("DELETE FROM onramp.step_records WHERE enrollment_id = $1"),
              QStringLiteral("UPDATE onramp.enrollments SET reviews_before = 0, signoffs_before = 0 WHERE id = $1")})
            QCOMPARE(c.execute(sql, id).kind, ErrorKind::NotPermitted);
        // Nor with an entry of their own: a hire records no mentor's act.
        const QString at = QStringLiteral("2026-12-02T10:00:00.000Z");
        QCOMPARE(withEntry(hank, QStringLiteral("step.approve"), reviewDetails(QStringLiteral("repo"), 1, {}, at),
                           QStringLiteral("SELECT 1"))
                     .kind,
                 ErrorKind::NotPermitted);
        // And through the command line: exit 4, nothing written.
        RunResult r =
            as(QStringLiteral("hank"), kHank,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("hank"), QStringLiteral("repo")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("you cannot review your own steps")), qPrintable(r.err));
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("signoff"), QStringLiteral("hank")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("nobody can sign off their own production access")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("reviews")), 0);
        QCOMPARE(count(QStringLiteral("signoffs")), 0);
        QCOMPARE(count(QStringLiteral("step_records")), 2);
    }

    // Another hire's mentor: not through SQL, not through the command line.
    void aMentorCannotReviewAHireWhoIsNotTheirs()
    {
        SignedIn mona = signedIn(QStringLiteral("mona"), kMona);
        QVERIFY(mona.connection);
        const QString at = QStringLiteral("2026-12-02T10:00:00.000Z");
        QCOMPARE(withEntry(mona, QStringLiteral("step.approve"), reviewDetails(QStringLiteral("repo"), 1, {}, at),
                           QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, "
                                          "created_at, version) VALUES ($1, 'repo', 'approved', 'mona', $2, 1)"),
                           {m_enrollment, at})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(
            mona.connection
                ->execute(QStringLiteral("DELETE FROM onramp.step_records WHERE enrollment_id = $1"), {m_enrollment})
                .kind,
            ErrorKind::None); // row-level security hides the rows: nothing goes
        QCOMPARE(count(QStringLiteral("step_records")), 2);
        RunResult r =
            as(QStringLiteral("mona"), kMona,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("hank"), QStringLiteral("repo")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only hank's mentor can review their steps")), qPrintable(r.err));
        r = as(QStringLiteral("mona"), kMona, {QStringLiteral("signoff"), QStringLiteral("hank")});
        QCOMPARE(r.code, 4);
        // An admin sees the enrollment, and is not its mentor either.
        r = as(QStringLiteral("rita"), kRita,
               {QStringLiteral("step"), QStringLiteral("reject"), QStringLiteral("hank"), QStringLiteral("repo")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("only hank's mentor, mort, can review their steps")), qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("reviews")), 0);
        QCOMPARE(count(QStringLiteral("audit WHERE action IN ('step.approve', 'step.reject', 'signoff')")), 0);
    }

    // The mentor's own login commits a review or a sign-off only with their
    // entry naming exactly what the row holds; a removal of the hire's record
    // only with their step.reject naming it.
    void theMentorsRowsNeedTheirEntryNamingThem()
    {
        SignedIn mort = signedIn(QStringLiteral("mort"), kMort);
        QVERIFY(mort.connection);
        PgConnection& c = *mort.connection;
        const QString at = QStringLiteral("2026-12-02T10:00:00.000Z");
        const QString review =
            QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, note, "
                           "author, created_at, version) VALUES ($1, 'repo', $2, $3, 'mort', $4, $5)");
        // Without an entry.
        QCOMPARE(c.execute(review, {m_enrollment, QStringLiteral("approved"), QString(), at, 1}).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(c.execute(QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author, created_at) "
                                          "VALUES ($1, 1, 'mort', $2)"),
                           {m_enrollment, at})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(
            c.execute(QStringLiteral("DELETE FROM onramp.step_records WHERE enrollment_id = $1 AND step_id = 'repo'"),
                      {m_enrollment})
                .kind,
            ErrorKind::NotPermitted);
        // With an entry that says something else: a rejection for an approval,
        // another comment, another time, another version.
        const QJsonObject details = reviewDetails(QStringLiteral("repo"), 1, QStringLiteral("fine"), at);
        QCOMPARE(withEntry(mort, QStringLiteral("step.reject"), details, review,
                           {m_enrollment, QStringLiteral("approved"), QStringLiteral("fine"), at, 1})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(withEntry(mort, QStringLiteral("step.approve"), details, review,
                           {m_enrollment, QStringLiteral("approved"), QStringLiteral("fine by me"), at, 1})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(withEntry(mort, QStringLiteral("step.approve"), details, review,
                           {m_enrollment, QStringLiteral("approved"), QStringLiteral("fine"),
                            QStringLiteral("2026-12-02T10:00:01.000Z"), 1})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(withEntry(mort, QStringLiteral("step.approve"),
                           reviewDetails(QStringLiteral("repo"), 2, QStringLiteral("fine"), at), review,
                           {m_enrollment, QStringLiteral("approved"), QStringLiteral("fine"), at, 2})
                     .kind,
                 ErrorKind::InvalidInput); // not the version the enrollment is on
        // A sign-off entry over other content than the version's.
        QCOMPARE(withEntry(mort, QStringLiteral("signoff"),
                           {{QStringLiteral("name"), QStringLiteral("hank")},
                            {QStringLiteral("enrollment"), m_enrollment},
                            {QStringLiteral("checklist"), QStringLiteral("week-one")},
                            {QStringLiteral("version"), 1},
                            {QStringLiteral("checklist_digest"), QStringLiteral("AAAA")},
                            {QStringLiteral("at"), at}},
                           QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author, created_at) "
                                          "VALUES ($1, 1, 'mort', $2)"),
                           {m_enrollment, at})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(QStringLiteral("reviews")), 0);
        QCOMPARE(count(QStringLiteral("signoffs")), 0);
        QCOMPARE(count(QStringLiteral("step_records")), 2);
    }

    // The mentor's desk counts only what the mentor signed: a review or a
    // sign-off the server shows without the mentor's entry, or other than
    // it says, is named (exit 6).
    void theMentorsDeskCountsOnlyWhatTheMentorSigned()
    {
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(
            QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, version) "
                           "VALUES ($1, 'repo', 'approved', 'mort', 1)"),
            {m_enrollment}));
        RunResult r = as(QStringLiteral("mort"), kMort, {QStringLiteral("status"), QStringLiteral("hank")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("a review of step repo of hank that no signed entry")),
                 qPrintable(r.err));
        QCOMPARE(as(QStringLiteral("hank"), kHank, {QStringLiteral("status")}).code, 6);
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.reviews")));
        QVERIFY(!m_super->execute(
            QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author) VALUES ($1, 1, 'mort')"),
            {m_enrollment}));
        r = as(QStringLiteral("mort"), kMort, {QStringLiteral("status"), QStringLiteral("hank")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("a sign-off of hank that no signed entry")), qPrintable(r.err));
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.signoffs")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        QCOMPARE(as(QStringLiteral("mort"), kMort, {QStringLiteral("status"), QStringLiteral("hank")}).code, 0);
    }

    // step approve, step reject and signoff through the binary, and the
    // gate's answer at each stage the same as a folder vault's for the same
    // scenario (hal, max and ada there).
    void reviewsAndSignoffCountAsOnAFolderVault()
    {
        const QString vault = m_tmp.filePath(QStringLiteral("folder"));
        QVERIFY(makeVault(vault));
        const auto folder = [&](const QString& who, const QByteArray& passphrase, QStringList args) {
            args << QStringLiteral("--vault") << vault << QStringLiteral("--as") << who;
            return runOnramp(args, passphrase);
        };
        const QString checklist = writeFile(QStringLiteral("week-one-folder.yaml"), kWeekOne);
        QCOMPARE(folder(QStringLiteral("ada"), kAdminPassphrase,
                        {QStringLiteral("checklist"), QStringLiteral("import"), checklist})
                     .code,
                 0);
        QCOMPARE(folder(QStringLiteral("ada"), kAdminPassphrase,
                        {QStringLiteral("enroll"), QStringLiteral("hal"), QStringLiteral("--checklist"),
                         QStringLiteral("week-one"), QStringLiteral("--mentor"), QStringLiteral("max"),
                         QStringLiteral("--start"), QStringLiteral("2026-12-01")})
                     .code,
                 0);
        for (const QString& step : {QStringLiteral("laptop"), QStringLiteral("repo")})
            QCOMPARE(folder(QStringLiteral("hal"), kHirePassphrase,
                            {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("hal"), step})
                         .code,
                     0);

        // Each act on both stores, the same words and exit code; then the
        // gate as the mentor and as the hire sees it, the same on both.
        const auto both = [&](const QString& who, const QStringList& args, int code, const QString& says) {
            const bool hire = who == QLatin1String("hire");
            const RunResult onServer =
                as(hire ? QStringLiteral("hank") : QStringLiteral("mort"), hire ? kHank : kMort,
                   QStringList(args).replaceInStrings(QStringLiteral("HIRE"), QStringLiteral("hank")));
            const RunResult onFolder =
                folder(hire ? QStringLiteral("hal") : QStringLiteral("max"), hire ? kHirePassphrase : kMentorPassphrase,
                       QStringList(args).replaceInStrings(QStringLiteral("HIRE"), QStringLiteral("hal")));
            QCOMPARE(onServer.code, code);
            QCOMPARE(onFolder.code, code);
            const QString& output = code == 0 ? onServer.out : onServer.err;
            QVERIFY2(output.contains(QString(says).replace(QStringLiteral("HIRE"), QStringLiteral("hank"))),
                     qPrintable(output));
            const QString& folderOutput = code == 0 ? onFolder.out : onFolder.err;
            QVERIFY2(folderOutput.contains(QString(says).replace(QStringLiteral("HIRE"), QStringLiteral("hal"))),
                     qPrintable(folderOutput));
        };
        const auto gate = [&]() {
            const RunResult mentorOnServer =
                as(QStringLiteral("mort"), kMort,
                   {QStringLiteral("status"), QStringLiteral("hank"), QStringLiteral("--json")});
            const RunResult hireOnServer =
                as(QStringLiteral("hank"), kHank, {QStringLiteral("status"), QStringLiteral("--json")});
            const RunResult onFolder =
                folder(QStringLiteral("max"), kMentorPassphrase,
                       {QStringLiteral("status"), QStringLiteral("hal"), QStringLiteral("--json")});
            if (mentorOnServer.code != 0 || hireOnServer.code != 0 || onFolder.code != 0)
                return QStringLiteral("failed: %1 %2 %3").arg(mentorOnServer.err, hireOnServer.err, onFolder.err);
            const QString server = gateOf(mentorOnServer.out);
            if (gateOf(hireOnServer.out) != server)
                return QStringLiteral("the hire sees %1, the mentor %2").arg(gateOf(hireOnServer.out), server);
            if (gateOf(onFolder.out) != server)
                return QStringLiteral("the server says %1, the folder vault %2").arg(server, gateOf(onFolder.out));
            return server;
        };
        QCOMPARE(gate(),
                 QStringLiteral("locked approval-pending:repo signoff-missing: laptop=done "
                                "repo=waiting-for-review done 1/2"));
        both(QStringLiteral("mentor"), {QStringLiteral("signoff"), QStringLiteral("HIRE")}, 4,
             QStringLiteral("cannot sign off yet"));
        both(QStringLiteral("mentor"),
             {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("HIRE"), QStringLiteral("laptop")}, 5,
             QStringLiteral("needs no mentor approval"));
        both(QStringLiteral("mentor"),
             {QStringLiteral("step"), QStringLiteral("reject"), QStringLiteral("HIRE"), QStringLiteral("coffee")}, 5,
             QStringLiteral("no step 'coffee'"));
        both(QStringLiteral("mentor"),
             {QStringLiteral("step"), QStringLiteral("reject"), QStringLiteral("HIRE"), QStringLiteral("repo"),
              QStringLiteral("--comment"), QStringLiteral("Use SSH")},
             0, QStringLiteral("Asked for changes on step repo for HIRE; it is open again."));
        QCOMPARE(gate(),
                 QStringLiteral("locked step-required:repo signoff-missing: "
                                "laptop=done repo=sent-back done 1/2"));
        QCOMPARE(count(QStringLiteral("step_records WHERE step_id = 'repo'")), 0);
        RunResult r = as(QStringLiteral("hank"), kHank, {QStringLiteral("status")});
        QVERIFY2(r.out.contains(QStringLiteral("changes asked by Mort Mentor: Use SSH")), qPrintable(r.out));
        both(QStringLiteral("mentor"),
             {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("HIRE"), QStringLiteral("repo")}, 5,
             QStringLiteral("is not done yet"));
        both(QStringLiteral("hire"),
             {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("HIRE"), QStringLiteral("repo")}, 0,
             QStringLiteral("Step repo is done."));
        QCOMPARE(gate(),
                 QStringLiteral("locked approval-pending:repo signoff-missing: laptop=done "
                                "repo=resubmitted done 1/2"));
        both(QStringLiteral("mentor"),
             {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("HIRE"), QStringLiteral("repo"),
              QStringLiteral("--comment"), QStringLiteral("Good")},
             0, QStringLiteral("Approved step repo for HIRE."));
        QCOMPARE(gate(), QStringLiteral("locked signoff-missing: laptop=done repo=approved done 2/2"));
        both(QStringLiteral("mentor"), {QStringLiteral("signoff"), QStringLiteral("HIRE")}, 0,
             QStringLiteral("Signed off production access for HIRE."));
        QCOMPARE(gate(), QStringLiteral("unlocked laptop=done repo=approved done 2/2"));
        both(QStringLiteral("mentor"), {QStringLiteral("signoff"), QStringLiteral("HIRE")}, 5,
             QStringLiteral("production access is already signed off"));
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8())[QStringLiteral("signed_off_by")].toString(),
                 QStringLiteral("mort"));
        // The whole log still verifies, every review and sign-off in it.
        r = as(QStringLiteral("rita"), kRita, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    // A move to another version names the last review and sign-off before
    // it: they count for nothing after it, a review numbered at or below the
    // mark is not taken, and a server that lowers the marks is named.
    void reviewsFromBeforeAMoveDoNotCount()
    {
        QVERIFY(m_enrollment > 0);
        QByteArray two = kWeekOne;
        two.replace("Week one", "Week one, again");
        const QString checklist = writeFile(QStringLiteral("week-one-v2.yaml"), two);
        RunResult r =
            as(QStringLiteral("rita"), kRita, {QStringLiteral("checklist"), QStringLiteral("import"), checklist});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const qint64 reviewsBefore =
            scalarOf(*m_super, QStringLiteral("SELECT max(id) FROM onramp.reviews WHERE enrollment_id = $1"),
                     {m_enrollment})
                .toLongLong();
        const qint64 signoffsBefore =
            scalarOf(*m_super, QStringLiteral("SELECT max(id) FROM onramp.signoffs WHERE enrollment_id = $1"),
                     {m_enrollment})
                .toLongLong();
        QVERIFY(reviewsBefore > 0 && signoffsBefore > 0);
        const auto move = [&](qint64 reviews, qint64 signoffs) {
            SignedIn rita = signedIn(QStringLiteral("rita"), kRita);
            return withEntry(rita, QStringLiteral("enrollment.move"),
                             {{QStringLiteral("name"), QStringLiteral("hank")},
                              {QStringLiteral("enrollment"), m_enrollment},
                              {QStringLiteral("mentor"), QStringLiteral("mort")},
                              {QStringLiteral("checklist"), QStringLiteral("week-one")},
                              {QStringLiteral("version"), 2},
                              {QStringLiteral("from_version"), 1},
                              {QStringLiteral("start"), QStringLiteral("2026-12-01")},
                              {QStringLiteral("reviews_before"), reviews},
                              {QStringLiteral("signoffs_before"), signoffs}},
                             QStringLiteral("UPDATE onramp.enrollments SET version = 2, author = 'rita', "
                                            "reviews_before = $2, signoffs_before = $3 WHERE id = $1"),
                             {m_enrollment, reviews, signoffs});
        };
        // A move that would leave the earlier reviews counting is refused.
        QCOMPARE(move(0, 0).kind, ErrorKind::NotPermitted);
        QCOMPARE(move(reviewsBefore - 1, signoffsBefore).kind, ErrorKind::NotPermitted);
        const Error moved = move(reviewsBefore, signoffsBefore);
        QVERIFY2(!moved, qPrintable(moved.message));

        // The approval and the sign-off of version 1 open nothing on version 2.
        r = as(QStringLiteral("mort"), kMort,
               {QStringLiteral("status"), QStringLiteral("hank"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(gateOf(r.out),
                 QStringLiteral("locked approval-pending:repo signoff-missing: laptop=done "
                                "repo=waiting-for-review done 1/2"));
        QCOMPARE(gateOf(as(QStringLiteral("hank"), kHank, {QStringLiteral("status"), QStringLiteral("--json")}).out),
                 gateOf(r.out));

        // The mentor cannot slip a review in below the mark, nor give one on the old version.
        SignedIn mort = signedIn(QStringLiteral("mort"), kMort);
        QVERIFY(mort.connection);
        const QString at = QStringLiteral("2026-12-03T10:00:00.000Z");
        // (An id of its own choosing is no column a mentor may write, schema 12.)
        QCOMPARE(withEntry(mort, QStringLiteral("step.approve"), reviewDetails(QStringLiteral("repo"), 2, {}, at),
                           QStringLiteral("INSERT INTO onramp.reviews (id, enrollment_id, step_id, verdict, author, "
                                          "created_at, version) OVERRIDING SYSTEM VALUE VALUES "
                                          "(0, $1, 'repo', 'approved', 'mort', $2, 2)"),
                           {m_enrollment, at})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(withEntry(mort, QStringLiteral("step.approve"), reviewDetails(QStringLiteral("repo"), 1, {}, at),
                           QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, author, "
                                          "created_at, version) VALUES ($1, 'repo', 'approved', 'mort', $2, 1)"),
                           {m_enrollment, at})
                     .kind,
                 ErrorKind::InvalidInput);
        // Nor sign off as if no move had been.
        QCOMPARE(withEntry(mort, QStringLiteral("signoff"),
                           {{QStringLiteral("name"), QStringLiteral("hank")},
                            {QStringLiteral("enrollment"), m_enrollment},
                            {QStringLiteral("checklist"), QStringLiteral("week-one")},
                            {QStringLiteral("version"), 2},
                            {QStringLiteral("checklist_digest"),
                             QString::fromLatin1(QCryptographicHash::hash(two, QCryptographicHash::Sha256).toBase64())},
                            {QStringLiteral("at"), at}},
                           QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author, created_at) "
                                          "VALUES ($1, 2, 'mort', $2)"),
                           {m_enrollment, at})
                     .kind,
                 ErrorKind::InvalidInput);

        // A server that lowers the marks, so that the old rows would count: named.
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.enrollments SET reviews_before = 0, signoffs_before = 0 "
                                             "WHERE id = $1"),
                              {m_enrollment}));
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("status")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("an enrollment of hank that no signed entry")), qPrintable(r.err));
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.enrollments SET reviews_before = $2, signoffs_before = $3 "
                                             "WHERE id = $1"),
                              {m_enrollment, reviewsBefore, signoffsBefore}));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));

        // Reviewed again on version 2: the mentor approves and signs off anew.
        r = as(QStringLiteral("mort"), kMort,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("hank"), QStringLiteral("repo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = as(QStringLiteral("mort"), kMort,
               {QStringLiteral("status"), QStringLiteral("hank"), QStringLiteral("--json")});
        QCOMPARE(gateOf(r.out), QStringLiteral("locked signoff-missing: laptop=done repo=approved done 2/2"));

        // Two desks race to sign off: exactly one wins, the other is told.
        RunResult first;
        RunResult second;
        std::thread a([&] {
            first = as(QStringLiteral("mort"), kMort, {QStringLiteral("signoff"), QStringLiteral("hank")});
        });
        std::thread b([&] {
            second = as(QStringLiteral("mort"), kMort, {QStringLiteral("signoff"), QStringLiteral("hank")});
        });
        a.join();
        b.join();
        QList<int> codes{first.code, second.code};
        std::sort(codes.begin(), codes.end());
        QCOMPARE(codes, (QList<int>{0, 5}));
        const RunResult& lost = first.code == 5 ? first : second;
        QVERIFY2(lost.err.contains(QStringLiteral("already signed off")), qPrintable(lost.err));
        QCOMPARE(count(QStringLiteral("signoffs")), 2);
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(gateOf(r.out), QStringLiteral("unlocked laptop=done repo=approved done 2/2"));
    }

    // A display name is signed in its person.add entry: one with a control,
    // bidi or zero-width character is refused where it is typed, and a row
    // whose name the server changed afterwards is refused on every desk.
    void displayNamesAreTheSignedOnes()
    {
        const QString handed = writeFile(QStringLiteral("handed.pass"), "a handed-over passphrase\n");
        for (const QString& name :
             {QStringLiteral("Eve \u202Egnp.exe"), QStringLiteral("Eve\u200BAdmin"), QStringLiteral("Eve\tAdmin")}) {
            const RunResult r = as(QStringLiteral("rita"), kRita,
                                   {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("hope2"),
                                    QStringLiteral("--role"), QStringLiteral("hire"), QStringLiteral("--display"), name,
                                    QStringLiteral("--new-passphrase-file"), handed});
            QCOMPARE(r.code, 5);
            QVERIFY2(r.err.contains(QStringLiteral("the display name")), qPrintable(r.err));
        }
        QCOMPARE(count(QStringLiteral("people WHERE name = 'hope2'")), 0);

        // The server's own administrator, past the triggers.
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(
            !m_super->execute(QStringLiteral("UPDATE onramp.people SET full_name = 'Rita Admin' WHERE name = 'mort'")));
        RunResult r = as(QStringLiteral("rita"), kRita, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("shows mort as “Rita Admin”"))
                     && r.err.contains(QStringLiteral("“Mort Mentor”")),
                 qPrintable(r.err));
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(r.code, 6);
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("status")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("shows mort as “Rita Admin”")), qPrintable(r.err));
        QVERIFY(!m_super->execute(
            QStringLiteral("UPDATE onramp.people SET full_name = 'Mort Mentor' WHERE name = 'mort'")));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        r = as(QStringLiteral("hank"), kHank, {QStringLiteral("status")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("mentor Mort Mentor")), qPrintable(r.out));
        QCOMPARE(as(QStringLiteral("hank"), kHank, {QStringLiteral("person"), QStringLiteral("list")}).code, 0);
    }

    // One hire's own login commits entries with a zero signature (the server
    // cannot check Ed25519), one of them with a change to their own step
    // record: every desk names them and sets them aside, and nothing they say
    // counts; the status of that hire and of another, and `audit verify`,
    // still work. A bad entry by an admin, or a broken link of the chain,
    // still stops everything.
    void aHiresBadEntryIsSetAside()
    {
        SignedIn hank = signedIn(QStringLiteral("hank"), kHank);
        QVERIFY(hank.connection);
        PgConnection& c = *hank.connection;
        const QString append = kAppendAudit;
        const QString gateBefore =
            gateOf(as(QStringLiteral("mort"), kMort,
                      {QStringLiteral("status"), QStringLiteral("hank"), QStringLiteral("--json")})
                       .out);
        QVERIFY2(gateBefore.contains(QStringLiteral("laptop=done")), qPrintable(gateBefore));
        const QString hopeBefore = as(QStringLiteral("mona"), kMona,
                                      {QStringLiteral("status"), QStringLiteral("hope"), QStringLiteral("--json")})
                                       .out;

        // A note, as the hire's login does it by hand.
        const qint64 note = scalarOf(c, append,
                                     unsignedAtHead(c, QStringLiteral("step.note"),
                                                    {{QStringLiteral("name"), QStringLiteral("hank")},
                                                     {QStringLiteral("enrollment"), m_enrollment},
                                                     {QStringLiteral("step"), QStringLiteral("laptop")},
                                                     {QStringLiteral("note"), QStringLiteral("x")}}))
                                .toLongLong();
        QVERIFY(note > 0);
        // The step record rewritten with an entry that names it exactly.
        const QString forgedAt = QStringLiteral("2026-11-01T09:00:00.000Z");
        // Production is signed off: the server keeps the record (schema 13;
        // nor may a hire update one at all). One that does not hold that
        // rule, and grants the UPDATE as schema 12 did, takes the rewrite here.
        {
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QCOMPARE(c.execute(QStringLiteral("UPDATE onramp.step_records SET note = 'forged' WHERE enrollment_id = $1 "
                                              "AND step_id = 'laptop'"),
                               {m_enrollment})
                         .kind,
                     ErrorKind::NotPermitted);
        }
        const QString keep =
            QStringLiteral("ALTER TABLE onramp.step_records %1 TRIGGER step_records_kept_once_reviewed");
        const QString update = QStringLiteral("%1 UPDATE (done_at, note, author, signature) ON onramp.step_records %2 "
                                              "onramp_hire");
        QVERIFY(!m_super->execute(keep.arg(QStringLiteral("DISABLE"))));
        QVERIFY(!m_super->execute(update.arg(QStringLiteral("GRANT"), QStringLiteral("TO"))));
        auto enable = qScopeGuard([&] {
            m_super->execute(keep.arg(QStringLiteral("ENABLE")));
            m_super->execute(update.arg(QStringLiteral("REVOKE"), QStringLiteral("FROM")));
        });
        {
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QVERIFY(!c.execute(append,
                               unsignedAtHead(c, QStringLiteral("step.done"),
                                              {{QStringLiteral("name"), QStringLiteral("hank")},
                                               {QStringLiteral("enrollment"), m_enrollment},
                                               {QStringLiteral("step"), QStringLiteral("laptop")},
                                               {QStringLiteral("done_at"), forgedAt},
                                               {QStringLiteral("note"), QStringLiteral("forged")}})));
            QVERIFY(!c.execute(QStringLiteral("UPDATE onramp.step_records SET done_at = $2::timestamptz, "
                                              "note = 'forged' WHERE enrollment_id = $1 AND step_id = 'laptop'"),
                               {m_enrollment, forgedAt}));
            const Error committed = tx.commit();
            QVERIFY2(!committed, qPrintable(committed.message));
        }
        enable.dismiss();
        QVERIFY(!m_super->execute(keep.arg(QStringLiteral("ENABLE"))));
        QVERIFY(!m_super->execute(update.arg(QStringLiteral("REVOKE"), QStringLiteral("FROM"))));
        const qint64 done = note + 1;
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT actor FROM onramp.audit WHERE seq = $1"), {done}).toString(),
                 QStringLiteral("hank"));

        // Another hire's status, on their mentor's desk and an admin's: as before.
        RunResult r = as(QStringLiteral("mona"), kMona,
                         {QStringLiteral("status"), QStringLiteral("hope"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, hopeBefore);
        r = as(QStringLiteral("rita"), kRita, {QStringLiteral("status"), QStringLiteral("hope")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // This hire's, on the mentor's desk and their own: the record only the
        // set-aside entry names is not done.
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("mort"), kMort}, std::pair{QStringLiteral("hank"), kHank}}) {
            r = as(name, passphrase, {QStringLiteral("status"), QStringLiteral("hank"), QStringLiteral("--json")});
            QVERIFY2(r.code == 0, qPrintable(name + QLatin1Char(' ') + r.err));
            const QString gate = gateOf(r.out);
            QVERIFY2(gate.startsWith(QStringLiteral("locked")) && !gate.contains(QStringLiteral("laptop=done")),
                     qPrintable(gate));
            QVERIFY2(!r.out.contains(QStringLiteral("forged")), qPrintable(r.out));
        }
        // audit verify and audit log name both, with their actor, as not verified.
        r = as(QStringLiteral("mort"), kMort, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const qint64 seq : {note, done})
            QVERIFY2(r.out.contains(QStringLiteral("entry %1 (by hank)").arg(seq)), qPrintable(r.out));
        r = as(QStringLiteral("rita"), kRita,
               {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject verified = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(verified[QStringLiteral("ok")].toBool());
        QStringList setAside;
        for (const QJsonValue& problem : verified[QStringLiteral("problems")].toArray()) {
            QVERIFY(problem[QStringLiteral("set_aside")].toBool());
            QCOMPARE(problem[QStringLiteral("actor")].toString(), QStringLiteral("hank"));
            setAside << QString::number(problem[QStringLiteral("seq")].toInteger());
        }
        QCOMPARE(setAside, (QStringList{QString::number(note), QString::number(done)}));
        r = as(QStringLiteral("rita"), kRita, {QStringLiteral("audit"), QStringLiteral("log")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const QString& line : r.out.split(QLatin1Char('\n'))) {
            const qint64 seq = line.section(QLatin1Char('\t'), 0, 0).toLongLong();
            QCOMPARE(line.contains(QStringLiteral("(not verified:")), seq == note || seq == done);
        }

        // The chain itself broken at the set-aside entry: everything stops.
        QVERIFY(!m_super->execute(
            QStringLiteral("UPDATE onramp.audit SET content = convert_to('{\"note\":\"y\"}', 'UTF8') WHERE seq = $1"),
            {note}));
        r = as(QStringLiteral("mona"), kMona, {QStringLiteral("status"), QStringLiteral("hope")});
        QCOMPARE(r.code, 6);
        r = as(QStringLiteral("mort"), kMort, {QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("entry %1 (by hank)").arg(note)), qPrintable(r.err));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.audit SET content = $2 WHERE seq = $1"),
                                  {note,
                                   QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("hank")},
                                                             {QStringLiteral("enrollment"), m_enrollment},
                                                             {QStringLiteral("step"), QStringLiteral("laptop")},
                                                             {QStringLiteral("note"), QStringLiteral("x")}})
                                       .toJson(QJsonDocument::Compact)}));
        QCOMPARE(as(QStringLiteral("mona"), kMona, {QStringLiteral("status"), QStringLiteral("hope")}).code, 0);

        // An admin's bad entry is set aside too: named, counted for nothing.
        SignedIn rita = signedIn(QStringLiteral("rita"), kRita);
        QVERIFY(rita.connection);
        const qint64 admins = scalarOf(*rita.connection, append,
                                       unsignedAtHead(*rita.connection, QStringLiteral("checklist.import"),
                                                      {{QStringLiteral("name"), QStringLiteral("week-one")}}))
                                  .toLongLong();
        QVERIFY(admins > done);
        r = as(QStringLiteral("mona"), kMona, {QStringLiteral("status"), QStringLiteral("hope")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = as(QStringLiteral("mort"), kMort, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Not verified, set aside: entry %1 (by rita)").arg(admins)),
                 qPrintable(r.out));
    }

    // A mentor's login without her key (a session that outlived her
    // handed-over passphrase, say) commits a review and a sign-off, each with
    // a zero-signed entry naming it exactly. The entries are set aside, and
    // the rows only they vouch for are read as absent on every desk: the
    // hire's status still works and says what it said (it failed on the
    // first such row), and `audit verify` names both entries.
    void aMentorsBadReviewAndSignoffAreAbsent()
    {
        const QString at = QStringLiteral("2026-12-04T10:00:00.000Z");

        // hank's approved step sent back, with its row (the record kept).
        const QStringList hankBefore = gatesOf(QStringLiteral("hank"), kHank, QStringLiteral("mort"), kMort);
        QVERIFY2(hankBefore.at(0).contains(QStringLiteral("repo=approved")), qPrintable(hankBefore.at(0)));
        QCOMPARE(hankBefore, QStringList(3, hankBefore.at(0)));
        const int version = int(
            scalarOf(*m_super, QStringLiteral("SELECT version FROM onramp.enrollments WHERE id = $1"), {m_enrollment})
                .toLongLong());
        const qint64 reviewsBefore = count(QStringLiteral("reviews"));
        SignedIn mort = signedIn(QStringLiteral("mort"), kMort);
        QVERIFY(mort.connection);
        {
            PgConnection& c = *mort.connection;
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QVERIFY(!c.execute(kAppendAudit,
                               unsignedAtHead(c, QStringLiteral("step.reject"),
                                              reviewDetails(QStringLiteral("repo"), version,
                                                            QStringLiteral("forged\u202Egnp.exe"), at))));
            QVERIFY(!c.execute(QStringLiteral("INSERT INTO onramp.reviews (enrollment_id, step_id, verdict, note, "
                                              "author, created_at, version) VALUES ($1, 'repo', 'changes', "
                                              "$4, 'mort', $2::timestamptz, $3)"),
                               {m_enrollment, at, version, QStringLiteral("forged\u202Egnp.exe")}));
            const Error committed = tx.commit();
            QVERIFY2(!committed, qPrintable(committed.message));
        }
        QCOMPARE(count(QStringLiteral("reviews")), reviewsBefore + 1);
        const qint64 rejection =
            scalarOf(*m_super, QStringLiteral("SELECT max(seq) FROM onramp.audit WHERE action = 'step.reject'"))
                .toLongLong();
        QCOMPARE(gatesOf(QStringLiteral("hank"), kHank, QStringLiteral("mort"), kMort), hankBefore);

        // hope's sign-off, by her mentor's login, over the version she is on.
        const QStringList hopeBefore = gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona);
        QVERIFY2(hopeBefore.at(0).startsWith(QStringLiteral("locked")), qPrintable(hopeBefore.join(QLatin1Char('\n'))));
        QCOMPARE(hopeBefore, QStringList(3, hopeBefore.at(0)));
        const qint64 hope =
            scalarOf(*m_super, QStringLiteral("SELECT id FROM onramp.enrollments WHERE hire = 'hope'")).toLongLong();
        const QString ofEnrollment =
            QStringLiteral("SELECT %1 FROM onramp.enrollments e JOIN onramp.checklist_versions v "
                           "ON v.checklist_id = e.checklist_id AND v.version = e.version WHERE e.id = $1");
        const int hopesVersion =
            int(scalarOf(*m_super, ofEnrollment.arg(QStringLiteral("e.version")), {hope}).toLongLong());
        const QString digest =
            scalarOf(*m_super, ofEnrollment.arg(QStringLiteral("encode(sha256(v.content), 'base64')")), {hope})
                .toString();
        QVERIFY(hopesVersion > 0 && !digest.isEmpty());
        const qint64 signoffsBefore = count(QStringLiteral("signoffs"));
        SignedIn mona = signedIn(QStringLiteral("mona"), kMona);
        QVERIFY(mona.connection);
        {
            PgConnection& c = *mona.connection;
            PgConnection::Transaction tx(c);
            QVERIFY(!tx.beginError());
            QVERIFY(!c.execute(kAppendAudit,
                               unsignedAtHead(c, QStringLiteral("signoff"),
                                              {{QStringLiteral("name"), QStringLiteral("hope")},
                                               {QStringLiteral("enrollment"), hope},
                                               {QStringLiteral("checklist"), QStringLiteral("week-one")},
                                               {QStringLiteral("version"), hopesVersion},
                                               {QStringLiteral("checklist_digest"), digest},
                                               {QStringLiteral("at"), at},
                                               {QStringLiteral("grants"), QJsonArray()}})));
            const Error inserted =
                c.execute(QStringLiteral("INSERT INTO onramp.signoffs (enrollment_id, version, author, created_at) "
                                         "VALUES ($1, $2, 'mona', $3::timestamptz)"),
                          {hope, hopesVersion, at});
            QVERIFY2(!inserted, qPrintable(inserted.message));
            const Error committed = tx.commit();
            QVERIFY2(!committed, qPrintable(committed.message));
        }
        QCOMPARE(count(QStringLiteral("signoffs")), signoffsBefore + 1);
        const qint64 signoff =
            scalarOf(*m_super, QStringLiteral("SELECT max(seq) FROM onramp.audit WHERE action = 'signoff'"))
                .toLongLong();
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona), hopeBefore);

        // hope finishes, her mentor approves, and her real sign-off meets
        // the row in its place: named, not taken for one already given.
        RunResult r;
        for (const QString& step : {QStringLiteral("laptop"), QStringLiteral("repo")}) {
            r = as(QStringLiteral("hope"), kHope,
                   {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("hope"), step});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        r = as(QStringLiteral("mona"), kMona,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("hope"), QStringLiteral("repo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3, QStringLiteral("locked signoff-missing: laptop=done repo=approved done 2/2")));
        r = as(QStringLiteral("mona"), kMona, {QStringLiteral("signoff"), QStringLiteral("hope")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("in this one's place that no signed entry vouches for"))
                     && !r.err.contains(QStringLiteral("already signed off")),
                 qPrintable(r.err));
        QCOMPARE(count(QStringLiteral("signoffs")), signoffsBefore + 1);

        r = as(QStringLiteral("rita"), kRita, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("entry %1 (by mort)").arg(rejection)), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("entry %1 (by mona)").arg(signoff)), qPrintable(r.out));
        // `audit log` shows the comment's right-to-left override as an escape.
        r = as(QStringLiteral("rita"), kRita, {QStringLiteral("audit"), QStringLiteral("log")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("forged\\u202egnp.exe")) && !r.out.contains(QChar(0x202E)),
                 qPrintable(r.out));
        // A review row that no entry, set aside or not, names still stops the desk.
        QVERIFY(!pastTriggers(*m_super,
                              QStringLiteral("UPDATE onramp.reviews SET note = 'forged again' "
                                             "WHERE note LIKE 'forged%gnp.exe'")));
        r = as(QStringLiteral("mort"), kMort, {QStringLiteral("status"), QStringLiteral("hank")});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("a review of step repo of hank that no signed entry")),
                 qPrintable(r.err));
        QVERIFY(!pastTriggers(*m_super,
                              QStringLiteral("UPDATE onramp.reviews SET note = 'forged' || chr(8238) || 'gnp.exe' "
                                             "WHERE note = 'forged again'")));
        QCOMPARE(gatesOf(QStringLiteral("hank"), kHank, QStringLiteral("mort"), kMort), hankBefore);
    }

    // `enrollment move` on a team server, as an admin's desk runs it: the
    // sign-off place the set-aside row held (above) is free on the version
    // moved to; the reviews before the move count for nothing; the mentor
    // reviews and signs off anew, and every desk sees production unlocked.
    // Nobody else moves anyone, and a move to the version the hire is on is
    // refused.
    void aMoveOnTheServerFreesAHeldPlace()
    {
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3, QStringLiteral("locked signoff-missing: laptop=done repo=approved done 2/2")));
        const QStringList move{QStringLiteral("enrollment"), QStringLiteral("move"), QStringLiteral("hope")};
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("hope"), kHope}, std::pair{QStringLiteral("mona"), kMona}}) {
            const RunResult r = as(name, passphrase, move);
            QVERIFY2(r.code == 4, qPrintable(name + QLatin1Char(' ') + r.err));
            QVERIFY2(r.err.contains(QStringLiteral("only an admin can move")), qPrintable(r.err));
        }
        RunResult r = as(QStringLiteral("rita"), kRita, move);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("hope is now on week-one version 2.\n"));
        r = as(QStringLiteral("rita"), kRita, move);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("'hope' is already on week-one version 2; nothing to move")),
                 qPrintable(r.err));
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3,
                             QStringLiteral("locked approval-pending:repo signoff-missing: laptop=done "
                                            "repo=waiting-for-review done 1/2")));
        r = as(QStringLiteral("hope"), kHope, {QStringLiteral("status")});
        QVERIFY2(r.out.contains(QStringLiteral("on week-one v2,")), qPrintable(r.out));

        r = as(QStringLiteral("mona"), kMona,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("hope"), QStringLiteral("repo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = as(QStringLiteral("mona"), kMona, {QStringLiteral("signoff"), QStringLiteral("hope")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3, QStringLiteral("unlocked laptop=done repo=approved done 2/2")));
        r = as(QStringLiteral("rita"), kRita, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    // The hire writes their approved step's record again with a well-signed
    // step.done (another note, done days earlier), which the server lets
    // through: the approval the mentor gave before it approved another
    // record and counts for nothing on any desk, so the gate closes until
    // the mentor approves what is there now.
    void anApprovalDoesNotCoverARecordWrittenAfterIt()
    {
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3, QStringLiteral("unlocked laptop=done repo=approved done 2/2")));
        const qint64 hope =
            scalarOf(*m_super, QStringLiteral("SELECT id FROM onramp.enrollments WHERE hire = 'hope'")).toLongLong();
        const QString earlier = QStringLiteral("2026-11-28T09:00:00.000Z");
        const QString note = QStringLiteral("I did not clone anything");
        SignedIn hopeIn = signedIn(QStringLiteral("hope"), kHope);
        QVERIFY(hopeIn.connection);
        const auto rewrite = [&] {
            return withEntry(hopeIn, QStringLiteral("step.done"),
                             {{QStringLiteral("name"), QStringLiteral("hope")},
                              {QStringLiteral("enrollment"), hope},
                              {QStringLiteral("step"), QStringLiteral("repo")},
                              {QStringLiteral("done_at"), earlier},
                              {QStringLiteral("note"), note}},
                             QStringLiteral("UPDATE onramp.step_records SET done_at = $2::timestamptz, note = $3 "
                                            "WHERE enrollment_id = $1 AND step_id = 'repo'"),
                             {hope, earlier, note});
        };
        // A hire updates no step record (schema 13) ...
        Error rewritten = rewrite();
        QCOMPARE(rewritten.kind, ErrorKind::NotPermitted);
        // ... and where a server still lets them, as schema 12 did, it keeps
        // an approved record as it is.
        const QString update = QStringLiteral("%1 UPDATE (done_at, note, author, signature) ON onramp.step_records %2 "
                                              "onramp_hire");
        QVERIFY(!m_super->execute(update.arg(QStringLiteral("GRANT"), QStringLiteral("TO"))));
        auto revoke =
            qScopeGuard([&] { m_super->execute(update.arg(QStringLiteral("REVOKE"), QStringLiteral("FROM"))); });
        rewritten = rewrite();
        QCOMPARE(rewritten.kind, ErrorKind::NotPermitted);
        QVERIFY2(rewritten.message.contains(QStringLiteral("approved by the mentor and can no longer be changed")),
                 qPrintable(rewritten.message));
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3, QStringLiteral("unlocked laptop=done repo=approved done 2/2")));
        // Nor, once production access is signed off, a step no review covers.
        const Error laptop = withEntry(hopeIn, QStringLiteral("step.done"),
                                       {{QStringLiteral("name"), QStringLiteral("hope")},
                                        {QStringLiteral("enrollment"), hope},
                                        {QStringLiteral("step"), QStringLiteral("laptop")},
                                        {QStringLiteral("done_at"), earlier},
                                        {QStringLiteral("note"), note}},
                                       QStringLiteral("UPDATE onramp.step_records SET done_at = $2::timestamptz, "
                                                      "note = $3 WHERE enrollment_id = $1 AND step_id = 'laptop'"),
                                       {hope, earlier, note});
        QCOMPARE(laptop.kind, ErrorKind::NotPermitted);
        QVERIFY2(laptop.message.contains(QStringLiteral("signed off")), qPrintable(laptop.message));
        // One that does not hold that rule: no desk takes the approval for the new record.
        const QString keep =
            QStringLiteral("ALTER TABLE onramp.step_records %1 TRIGGER step_records_kept_once_reviewed");
        QVERIFY(!m_super->execute(keep.arg(QStringLiteral("DISABLE"))));
        rewritten = rewrite();
        QVERIFY(!m_super->execute(keep.arg(QStringLiteral("ENABLE"))));
        revoke.dismiss();
        QVERIFY(!m_super->execute(update.arg(QStringLiteral("REVOKE"), QStringLiteral("FROM"))));
        QVERIFY2(!rewritten, qPrintable(rewritten.message));
        const QStringList after = gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona);
        QCOMPARE(after, QStringList(3, after.at(0)));
        QVERIFY2(after.at(0).startsWith(QStringLiteral("locked approval-pending:repo"))
                     && !after.at(0).contains(QStringLiteral("repo=approved")),
                 qPrintable(after.at(0)));
        // The mentor approves what is there now: open again.
        RunResult r =
            as(QStringLiteral("mona"), kMona,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("hope"), QStringLiteral("repo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona),
                 QStringList(3, QStringLiteral("unlocked laptop=done repo=approved done 2/2")));
    }

    // A move to a version that weakens the gate is refused on a server as in
    // a folder vault, each weakening named, until the admin accepts it; the
    // accepted move's entry names them.
    void aWeakerMoveOnTheServerNeedsItsAcceptance()
    {
        const QString checklist = writeFile(QStringLiteral("week-one-weaker.yaml"), R"(onramp: 1
checklist:
  id: week-one-light
  title: Week one, light
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
    - {id: repo, title: Clone the repository}
)");
        RunResult r =
            as(QStringLiteral("rita"), kRita, {QStringLiteral("checklist"), QStringLiteral("import"), checklist});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList move{QStringLiteral("enrollment"), QStringLiteral("move"), QStringLiteral("hope"),
                               QStringLiteral("--checklist"), QStringLiteral("week-one-light")};
        r = as(QStringLiteral("rita"), kRita, move);
        QCOMPARE(r.code, 5);
        for (const char* said :
             {"week-one-light version 1 weakens the gate of week-one version 2, which hope is on:",
              "step “Clone the repository” no longer needs a mentor's review", "Nothing was moved", "--accept-weaker"})
            QVERIFY2(r.err.contains(QString::fromUtf8(said)), qPrintable(r.err));
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT checklist_id FROM onramp.enrollments WHERE hire = 'hope'"))
                     .toString(),
                 QStringLiteral("week-one"));
        r = as(QStringLiteral("rita"), kRita, move + QStringList{QStringLiteral("--accept-weaker")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("hope is now on week-one-light version 1.\n"))
                     && r.out.contains(QStringLiteral("It weakens the gate: step “Clone the repository” no longer "
                                                      "needs a mentor's review.")),
                 qPrintable(r.out));
        const QJsonObject entry =
            QJsonDocument::fromJson(scalarOf(*m_super,
                                             QStringLiteral("SELECT convert_from(content, 'UTF8') FROM "
                                                            "onramp.audit WHERE action = 'enrollment.move' "
                                                            "ORDER BY seq DESC LIMIT 1"))
                                        .toString()
                                        .toUtf8())
                .object();
        QCOMPARE(entry[QStringLiteral("from_checklist")].toString(), QStringLiteral("week-one"));
        QVERIFY(entry[QStringLiteral("accepted_weaker")].toBool());
        QVERIFY2(entry[QStringLiteral("weakens")].toVariant().toStringList().contains(
                     QStringLiteral("step “Clone the repository” no longer needs a mentor's review")),
                 QJsonDocument(entry).toJson().constData());
        // Production access was signed off on the old version: locked on the new one until its own sign-off.
        const QStringList gates = gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona);
        QCOMPARE(gates, QStringList(3, QStringLiteral("locked signoff-missing: laptop=done repo=done done 2/2")));
        QCOMPARE(as(QStringLiteral("rita"), kRita, {QStringLiteral("audit"), QStringLiteral("verify")}).code, 0);
    }

    // Another mentor, with their own key, signs a rejection of each of a
    // hire's done steps that is not theirs to review, and changes no row:
    // it sends nothing back, and the hire's status stands on every desk.
    void anotherMentorsSignedRejectionDecidesNothing()
    {
        const QStringList before = gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona);
        QCOMPARE(before, QStringList(3, QStringLiteral("locked signoff-missing: laptop=done repo=done done 2/2")));
        QList<QVariantList> row;
        QVERIFY(!m_super->execute(
            QStringLiteral("SELECT id, checklist_id, version FROM onramp.enrollments WHERE hire = 'hope'"), {}, &row));
        QCOMPARE(row.size(), 1);
        SignedIn mort = signedIn(QStringLiteral("mort"), kMort);
        QVERIFY(mort.connection);
        for (const QString& step : {QStringLiteral("laptop"), QStringLiteral("repo")}) {
            const Error error = recordSigned(mort, QStringLiteral("step.reject"),
                                             {{QStringLiteral("name"), QStringLiteral("hope")},
                                              {QStringLiteral("enrollment"), row.first().at(0).toLongLong()},
                                              {QStringLiteral("checklist"), row.first().at(1).toString()},
                                              {QStringLiteral("version"), row.first().at(2).toLongLong()},
                                              {QStringLiteral("step"), step},
                                              {QStringLiteral("comment"), QStringLiteral("not mine to send back")},
                                              {QStringLiteral("at"), QStringLiteral("2026-12-05T09:00:00.000Z")}});
            // Refused by a server that holds its rules; a desk must not count it either way.
            if (error)
                QVERIFY2(error.kind == ErrorKind::NotPermitted, qPrintable(error.message));
        }
        QCOMPARE(gatesOf(QStringLiteral("hope"), kHope, QStringLiteral("mona"), kMona), before);
    }

    // A move within the checklist says, on every desk as on a folder vault,
    // which steps the version it left worded otherwise, and how.
    void aMoveSaysWhatItChangedInAStep()
    {
        const QString checklist = writeFile(QStringLiteral("week-one-light-2.yaml"), R"(onramp: 1
checklist:
  id: week-one-light
  title: Week one, light
  steps:
    - {id: laptop, title: Set up the laptop, required: true}
    - {id: repo, title: Clone the monorepo}
)");
        RunResult r =
            as(QStringLiteral("rita"), kRita, {QStringLiteral("checklist"), QStringLiteral("import"), checklist});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = as(QStringLiteral("rita"), kRita,
               {QStringLiteral("enrollment"), QStringLiteral("move"), QStringLiteral("hope")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("hope"), kHope}, std::pair{QStringLiteral("mona"), kMona}}) {
            r = as(name, passphrase, {QStringLiteral("status"), QStringLiteral("hope"), QStringLiteral("--json")});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const QJsonArray steps =
                QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("steps")).toArray();
            QCOMPARE(steps.size(), 2);
            QVERIFY2(!steps.at(0).toObject().contains(QStringLiteral("changed_from")), qPrintable(r.out));
            const QJsonObject from = steps.at(1).toObject().value(QStringLiteral("changed_from")).toObject();
            QCOMPARE(from.value(QStringLiteral("version")).toInt(), 1);
            QCOMPARE(from.value(QStringLiteral("title")).toString(), QStringLiteral("Clone the repository"));
        }
    }
};

QTEST_GUILESS_MAIN(TestTeamReviews)
#include "TestTeamReviews.moc"
