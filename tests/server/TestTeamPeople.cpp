// People on a team server, attacker first: a hire's own login tries what
// only an admin may do (add, disable, reset people; record who is who in the
// audit log), reads and writes other people's key slots, and appends audit
// entries in someone else's name or with a bad signature; then what an admin
// does is checked to hold: a disabled person is signed out and stays out, a
// reset changes what signs in, and every act is an entry the admin signed
// that a client verifies end to end (verifyAudit). Against the fixture's
// real PostgreSQL 15 cluster.
#include "Crypto.h"
#include "LoginDerivation.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "ServerPin.h"
#include "TeamAccess.h"
#include "TeamTestFixture.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <thread>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_people");
// Login roles are the cluster's: these names are this test's alone.
const QStringList kPeople = {QStringLiteral("pia"), QStringLiteral("hal"), QStringLiteral("meg"), QStringLiteral("ned"),
                             QStringLiteral("ivy")};
const QByteArray kPiaPassphrase = "pia administers the team";
const QByteArray kHalPassphrase = "hal is the new hire here";
const QByteArray kMegPassphrase = "meg mentors the new hires";
const QByteArray kNedPassphrase = "ned starts on monday too";

} // namespace

class TestTeamPeople : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<PgConnection> m_super;
    ServerAddress m_address;

    QVariant superScalar(const QString& sql, const QVariantList& params = {})
    {
        return scalarOf(*m_super, sql, params);
    }

    Error signInAs(const QString& name, const QByteArray& passphrase, SignedIn* out)
    {
        return signIn(m_address, name, passphrase, out);
    }

    // The parameters of a well-formed add_person call for \a name, as a client would make them.
    QVariantList addPersonParams(PgConnection& connection, const QString& name, const QString& role)
    {
        NewPerson person;
        if (makeNewPerson("a passphrase nobody uses", QStringLiteral("onramp_team_people"), name, {}, &person))
            return {};
        QString verifier;
        if (connection.scramVerifier(loginRoleFor(name), person.scramPassword, &verifier))
            return {};
        return {name, role, QString(), person.keys.publicKey, verifier, person.slot};
    }

    // The entry at the end of the log, as the superuser sees it.
    QVariantList lastEntry()
    {
        QList<QVariantList> rows;
        if (m_super->execute(QStringLiteral("SELECT seq, actor, action, content FROM onramp.audit "
                                            "ORDER BY seq DESC LIMIT 1"),
                             {}, &rows)
            || rows.isEmpty())
            return {};
        return rows.first();
    }

    /// \a me's entry, signed as a client signs it for the place after the head.
    static QVariantList signedAtHead(SignedIn& me, const QString& action, const QByteArray& content)
    {
        QList<QVariantList> head;
        if (me.connection->execute(QStringLiteral("SELECT seq, hash FROM onramp.audit_head"), {}, &head)
            || head.isEmpty())
            return {};
        const qint64 seq = head.first().at(0).toLongLong() + 1;
        const QByteArray prev = head.first().at(1).toByteArray();
        return {action, content,
                crypto::sign(auditMessage(me.teamId, seq, prev, me.name, action, content), me.keys.secretKey), seq,
                prev};
    }

    /// The superuser takes the entries from \a seq on out again, for the
    /// tests that follow. That is a rollback this desk would refuse (its
    /// pin), so the desk forgets what it saw: the next tests start afresh.
    void dropEntriesFrom(qint64 seq)
    {
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.audit WHERE seq >= $1"), {seq}));
        QVERIFY(!m_super->execute(
            QStringLiteral("UPDATE onramp.audit_head SET (seq, hash) = (SELECT seq, hash FROM onramp.audit "
                           "ORDER BY seq DESC LIMIT 1)")));
        forgetPins();
    }

    void forgetPins() { QDir(m_tmp.filePath(QStringLiteral("trust"))).removeRecursively(); }

    /// Marks \a name's slot as a handed-over passphrase or not, past the
    /// server's triggers (what the database administrator can do).
    void markHandedOver(const QString& name, bool handedOver)
    {
        const Error error =
            pastTriggers(*m_super, QStringLiteral("UPDATE onramp.key_slots SET handed_over = $2 WHERE name = $1"),
                         {name, handedOver});
        QVERIFY2(!error, qPrintable(error.message));
    }

    void verifiesClean()
    {
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        const Error error = verifyAudit(pia);
        QVERIFY2(!error, qPrintable(error.message));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run this test through ctest");
        QVERIFY(m_tmp.isValid());
        // team init's setup role signs in through libpq's password file.
        QString passfile;
        Error error = startTeamTest(m_tmp, {kDatabase}, kPeople, {}, &passfile, &m_super);
        QVERIFY2(!error, qPrintable(error.message));
        qputenv("PGPASSFILE", passfile.toLocal8Bit());

        ServerAddress setup;
        QVERIFY(!ServerAddress::parse(teamSetupUrl(kDatabase), &setup));
        TeamInitOutcome outcome = TeamInitOutcome::AlreadySetUp;
        error = initTeam(setup, QStringLiteral("pia"), QStringLiteral("Pia Admin"), kPiaPassphrase, &outcome);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(outcome, TeamInitOutcome::Created);
        QVERIFY(!ServerAddress::parse(teamPersonUrl(kDatabase), &m_address));

        SignedIn pia;
        error = signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia);
        QVERIFY2(!error, qPrintable(error.message));
        for (const auto& [name, role, passphrase] :
             {std::tuple{QStringLiteral("hal"), QStringLiteral("hire"), kHalPassphrase},
              std::tuple{QStringLiteral("meg"), QStringLiteral("mentor"), kMegPassphrase},
              std::tuple{QStringLiteral("ned"), QStringLiteral("hire"), kNedPassphrase}}) {
            error = addPerson(pia, name, role, {}, passphrase);
            QVERIFY2(!error, qPrintable(error.message));
        }
        // These tests stand in for meg's and ned's own choice of passphrase.
        markHandedOver(QStringLiteral("meg"), false);
        markHandedOver(QStringLiteral("ned"), false);
    }

    // team init's own entry opens the log: the first admin's team.init,
    // signed with the key their slot holds; each person.add follows it.
    void theLogBeginsWithTheFirstAdminsSignedTeamInit()
    {
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        QList<ServerAuditEntry> entries;
        const Error error = verifyAudit(pia, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.size(), 4);
        QCOMPARE(entries[0].action, QStringLiteral("team.init"));
        QCOMPARE(entries[0].actor, QStringLiteral("pia"));
        const QJsonObject init = QJsonDocument::fromJson(entries[0].content).object();
        QCOMPARE(QByteArray::fromBase64(init.value(QStringLiteral("public_key")).toString().toLatin1()),
                 pia.keys.publicKey);
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(entries[i].action, QStringLiteral("person.add"));
            QCOMPARE(entries[i].actor, QStringLiteral("pia"));
            const QJsonObject added = QJsonDocument::fromJson(entries[i].content).object();
            QCOMPARE(added.value(QStringLiteral("name")).toString(), kPeople.at(i));
            QCOMPARE(added.value(QStringLiteral("passphrase")).toString(), QStringLiteral("handed_over"));
        }
    }

    // Adding someone twice, or a name the server refuses, changes nothing (exit 5).
    void aPersonAddedTwiceIsRefusedUnchanged()
    {
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        const qint64 entries = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        const QByteArray halKey =
            superScalar(QStringLiteral("SELECT sign_public_key FROM onramp.people WHERE name = 'hal'")).toByteArray();
        Error error = addPerson(pia, QStringLiteral("hal"), QStringLiteral("admin"), {}, "a second hal's passphrase");
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QStringLiteral("onramp_p_hal")), qPrintable(error.message));
        error = addPerson(pia, QStringLiteral("Not A Name"), QStringLiteral("hire"), {}, "a passphrase for nobody");
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), entries);
        QCOMPARE(superScalar(QStringLiteral("SELECT role || ' ' || encode(sign_public_key, 'hex') FROM onramp.people "
                                            "WHERE name = 'hal'"))
                     .toString(),
                 QStringLiteral("hire ") + QString::fromLatin1(halKey.toHex()));
    }

    void aHireCannotAddDisableOrResetPeople()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        PgConnection& connection = *hal.connection;
        const qint64 entries = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();

        // Straight at the server's functions, with well-formed values.
        const QVariantList add = addPersonParams(connection, QStringLiteral("eve"), QStringLiteral("admin"));
        QVERIFY(!add.isEmpty());
        QCOMPARE(connection.execute(QStringLiteral("SELECT onramp.add_person($1, $2, $3, $4, $5, $6)"), add).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(connection.execute(QStringLiteral("SELECT onramp.disable_person($1)"), {QStringLiteral("meg")}).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(connection
                     .execute(QStringLiteral("SELECT onramp.reset_person($1, $2, $3, $4)"),
                              {QStringLiteral("meg"), add.at(4), add.at(5), add.at(3)})
                     .kind,
                 ErrorKind::NotPermitted);
        // Nor past them, at the tables and the role.
        QCOMPARE(connection
                     .execute(QStringLiteral("INSERT INTO onramp.people (name, login_role, role, sign_public_key) "
                                             "VALUES ('eve', 'onramp_p_eve', 'admin', $1)"),
                              {add.at(3)})
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(connection.execute(QStringLiteral("UPDATE onramp.people SET role = 'admin' WHERE name = 'hal'")).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(connection.execute(QStringLiteral("ALTER ROLE onramp_p_meg NOLOGIN")).kind, ErrorKind::NotPermitted);
        // And through the client's own calls.
        QCOMPARE(addPerson(hal, QStringLiteral("eve"), QStringLiteral("admin"), {}, "eve's long passphrase").kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(disablePerson(hal, QStringLiteral("meg")).kind, ErrorKind::NotPermitted);
        QCOMPARE(resetPassphrase(hal, QStringLiteral("meg"), "hal chose meg's passphrase").kind,
                 ErrorKind::NotPermitted);

        QCOMPARE(
            superScalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = 'onramp_p_eve'")).toLongLong(),
            0);
        QCOMPARE(superScalar(QStringLiteral("SELECT enabled FROM onramp.people WHERE name = 'meg'")), QVariant(true));
        QCOMPARE(superScalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'onramp_p_meg'")),
                 QVariant(true));
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), entries);
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), kMegPassphrase, &meg));
    }

    void aHireCannotReadOrWriteAnotherPersonsSlot()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        PgConnection& connection = *hal.connection;
        QList<QVariantList> rows;
        QVERIFY(!connection.execute(QStringLiteral("SELECT name FROM onramp.key_slots"), {}, &rows));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().first().toString(), QStringLiteral("hal"));

        const QByteArray megSlot =
            superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'meg'")).toByteArray();
        QCOMPARE(connection
                     .execute(QStringLiteral("UPDATE onramp.key_slots SET slot = $1 WHERE name = 'meg' RETURNING name"),
                              {QByteArray("hal's slot")})
                     .kind,
                 ErrorKind::NotPermitted);
        // Nor take meg's name for his own slot row.
        QCOMPARE(connection.execute(QStringLiteral("UPDATE onramp.key_slots SET name = 'meg' WHERE name = 'hal'")).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(connection.execute(QStringLiteral("INSERT INTO onramp.key_slots (name, slot) VALUES ('meg', '\\x01')"))
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(connection.execute(QStringLiteral("DELETE FROM onramp.key_slots WHERE name = 'meg'")).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(superScalar(QStringLiteral("SELECT slot FROM onramp.key_slots WHERE name = 'meg'")).toByteArray(),
                 megSlot);
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), kMegPassphrase, &meg));
    }

    // The server sets an entry's actor from the login, and keeps the entries
    // that change who is who for admins.
    void aHireCannotAppendInAnotherNameOrAsAnAdmin()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        PgConnection& connection = *hal.connection;
        const QString append = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)");
        const qint64 before = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();

        QCOMPARE(connection
                     .execute(QStringLiteral("INSERT INTO onramp.audit (seq, prev_hash, hash, actor, action, content, "
                                             "signature) VALUES (99, $1, $1, 'pia', 'person.add', '\\x7b7d', $2)"),
                              {QByteArray(32, '\0'), QByteArray(64, '\0')})
                     .kind,
                 ErrorKind::NotPermitted);
        // An admin's act, even signed with hal's own key: refused.
        for (const QString& action : {QStringLiteral("team.init"), QStringLiteral("person.add"),
                                      QStringLiteral("person.disable"), QStringLiteral("passphrase.reset")}) {
            const QByteArray content = R"({"name":"hal","role":"admin","public_key":""})";
            QCOMPARE(connection.execute(append, signedAtHead(hal, action, content)).kind, ErrorKind::NotPermitted);
        }
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), before);

        // His passphrase is still the handed-over one: nothing but his own
        // passphrase change is taken (schema 11), so whoever else saw it
        // signs nothing in his name.
        QVERIFY(hal.passphraseHandedOver);
        QCOMPARE(
            recordSigned(hal, QStringLiteral("step.done"), {{QStringLiteral("step"), QStringLiteral("laptop")}}, {})
                .kind,
            ErrorKind::NotPermitted);
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), before);
        // The tests from here stand in for his choice;
        // onlyItsOwnerReplacesAHandedOverPassphrase makes it.
        markHandedOver(QStringLiteral("hal"), false);

        // An entry whose content claims another author is still hal's: the
        // server names the login's person, and the signature is checked as his.
        const QByteArray claim = R"({"author":"pia","step":"laptop"})";
        QVERIFY(!connection.execute(append, signedAtHead(hal, QStringLiteral("step.done"), claim)));
        const QVariantList last = lastEntry();
        QCOMPARE(last.value(1).toString(), QStringLiteral("hal"));
        verifiesClean();
    }

    // A mentor sees the whole log, so can copy anyone's signed entry and
    // send it again as their own: the server refuses an action that is not
    // a mentor's (an admin's, a hire's), whoever signed it.
    void anEntryCopiedByAMentorIsRefused()
    {
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), kMegPassphrase, &meg));
        const qint64 before = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        QList<QVariantList> rows;
        QVERIFY(!meg.connection->execute(
            QStringLiteral("SELECT action, content, signature FROM onramp.audit WHERE actor IN ('pia', 'hal') "
                           "ORDER BY seq"),
            {}, &rows));
        QVERIFY(rows.size() >= 3);
        // Each copy is sent at the head as it stands, where the server takes an entry.
        const QString append = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, "
                                              "(SELECT seq + 1 FROM onramp.audit_head), "
                                              "(SELECT hash FROM onramp.audit_head))");
        for (const QVariantList& row : std::as_const(rows))
            QCOMPARE(meg.connection->execute(append, row).kind, ErrorKind::NotPermitted);
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), before);
        verifiesClean();
    }

    // Replay: hal sends his own signed entry again. Where it was signed for
    // the server has taken another; at the head the server, which cannot
    // check a signature, takes it, and every client names it: the signature
    // covers the entry's place (its sequence number and the hash before it).
    // A hire's entry whose signature alone fails is set aside: it counts for
    // nothing, and the log holds all the same.
    void anEntrySentAgainIsNamedByTheClient()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        const QString place = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)");
        const QVariantList entry = signedAtHead(hal, QStringLiteral("step.done"), R"({"step":"vpn"})");
        QVERIFY(!hal.connection->execute(place, entry));
        verifiesClean();
        QCOMPARE(hal.connection->execute(place, entry).kind, ErrorKind::Busy);

        const qint64 seq = hal.connection
                               ->scalar(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, "
                                                       "(SELECT seq + 1 FROM onramp.audit_head), "
                                                       "(SELECT hash FROM onramp.audit_head))"),
                                        entry.mid(0, 3))
                               .toLongLong();
        QVERIFY(seq > 0);
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), kMegPassphrase, &meg));
        QList<ServerAuditEntry> entries;
        const Error error = verifyAudit(meg, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.last().seq, seq);
        QCOMPARE(entries.last().actor, QStringLiteral("hal"));
        QVERIFY(entries.last().setAside);
        QVERIFY2(entries.last().problem.contains(QStringLiteral("not hal's for this place")),
                 qPrintable(entries.last().problem));
        dropEntriesFrom(seq);
        verifiesClean();
    }

    // One bad entry hides nothing: each entry after it is checked all the
    // same, and an entry of an act its author's role may not make (which a
    // server let through) is named, not counted as verified. The hire's
    // forged entries are named and set aside; the overreach stops the log.
    void everyBadEntryIsNamed()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        const QString place = QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)");
        QVariantList forged = signedAtHead(hal, QStringLiteral("step.done"), R"({"step":"forged"})");
        forged[2] = QByteArray(64, 'f');
        const qint64 first = hal.connection->scalar(place, forged).toLongLong();
        QVERIFY(first > 0);
        QVERIFY(!hal.connection->execute(place, signedAtHead(hal, QStringLiteral("step.done"), R"({"step":"ok"})")));
        // A server that lets a hire record a mentor's act.
        QVERIFY(!m_super->execute(
            QStringLiteral("INSERT INTO onramp.audit_actions (action, role) VALUES ('step.approve', 'hire')")));
        const qint64 overreach =
            hal.connection->scalar(place, signedAtHead(hal, QStringLiteral("step.approve"), R"({"step":"ok"})"))
                .toLongLong();
        QVERIFY(!m_super->execute(
            QStringLiteral("DELETE FROM onramp.audit_actions WHERE action = 'step.approve' AND role = 'hire'")));
        QVERIFY(overreach > first);
        QVERIFY(!hal.connection->execute(place, signedAtHead(hal, QStringLiteral("step.done"), R"({"step":"ok2"})")));
        forged = signedAtHead(hal, QStringLiteral("step.undo"), R"({"step":"forged"})");
        forged[2] = QByteArray(64, 'g');
        const qint64 last = hal.connection->scalar(place, forged).toLongLong();

        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        QList<ServerAuditEntry> entries;
        const Error error = verifyAudit(pia, &entries);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(
            error.message.contains(QStringLiteral("entry %1 (by hal): hal may not record step.approve").arg(overreach)),
            qPrintable(error.message));
        QVERIFY2(!error.message.contains(QStringLiteral("more bad entr")), qPrintable(error.message));
        QStringList bad;
        QStringList setAside;
        for (const ServerAuditEntry& entry : std::as_const(entries)) {
            if (!entry.problem.isEmpty())
                bad << QString::number(entry.seq);
            if (entry.setAside)
                setAside << QString::number(entry.seq);
        }
        QCOMPARE(bad, (QStringList{QString::number(first), QString::number(overreach), QString::number(last)}));
        QCOMPARE(setAside, (QStringList{QString::number(first), QString::number(last)}));
        QCOMPARE(entries.last().seq, last);
        dropEntriesFrom(first);
        verifiesClean();
    }

    // The client keeps an entry within the server's limit and says so
    // before anything reaches the server.
    void anOversizedEntryIsRefusedByTheClient()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        const qint64 before = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        const Error error = recordSigned(hal, QStringLiteral("step.note"),
                                         {{QStringLiteral("note"), QString(kMaxAuditContent, QLatin1Char('n'))}});
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("step.note")), qPrintable(error.message));
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), before);
    }

    // The server cannot check an Ed25519 signature; every client does. A
    // hire's is named and set aside; a mentor's stops the log.
    void anEntryWithABadSignatureIsNamedByTheClient()
    {
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        QVariantList entry = signedAtHead(hal, QStringLiteral("step.done"), R"({"step":"badge"})");
        QByteArray signature = entry.at(2).toByteArray();
        signature[5] = char(signature[5] ^ 0x01);
        entry[2] = signature;
        const qint64 seq =
            hal.connection->scalar(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"), entry)
                .toLongLong();
        QVERIFY(seq > 0);
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), kMegPassphrase, &meg));
        QList<ServerAuditEntry> entries;
        Error error = verifyAudit(meg, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.last().seq, seq);
        QVERIFY(entries.last().setAside);
        QVERIFY2(entries.last().problem.contains(QStringLiteral("signature")), qPrintable(entries.last().problem));

        entry = signedAtHead(meg, QStringLiteral("step.approve"), R"({"step":"badge"})");
        entry[2] = QByteArray(64, '\0');
        const qint64 mentors =
            meg.connection->scalar(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"), entry)
                .toLongLong();
        QVERIFY(mentors > seq);
        // A mentor's too (whoever holds her login, a session opened with a
        // passphrase she has given up, say): set aside, stopping no desk.
        error = verifyAudit(meg, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.last().seq, mentors);
        QCOMPARE(entries.last().actor, QStringLiteral("meg"));
        QVERIFY(entries.last().setAside);
        dropEntriesFrom(seq);
        verifiesClean();
    }

    // What a database administrator changes behind the clients' backs is named too.
    void aRewrittenEntryOrASwappedKeyIsNamed()
    {
        QVERIFY(!m_super->execute(
            QStringLiteral("UPDATE onramp.audit SET content = convert_to(replace(convert_from(content, 'UTF8'), "
                           "'\"hire\"', '\"admin\"'), 'UTF8') WHERE seq = 2")));
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        Error error = verifyAudit(pia);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("entry 2 (by pia)")), qPrintable(error.message));
        QVERIFY(!m_super->execute(
            QStringLiteral("UPDATE onramp.audit SET content = convert_to(replace(convert_from(content, 'UTF8'), "
                           "'\"admin\"', '\"hire\"'), 'UTF8') WHERE seq = 2")));
        verifiesClean();

        const QByteArray halKey =
            superScalar(QStringLiteral("SELECT sign_public_key FROM onramp.people WHERE name = 'hal'")).toByteArray();
        // The superuser can turn the server's own checks off.
        QVERIFY(!m_super->execute(QStringLiteral("SET session_replication_role = replica")));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.people SET sign_public_key = $1 WHERE name = 'hal'"),
                                  {crypto::generateSignKeyPair().publicKey}));
        error = verifyAudit(pia);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("lets hal sign in")), qPrintable(error.message));
        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.people SET sign_public_key = $1 WHERE name = 'hal'"),
                                  {halKey}));
        QVERIFY(!m_super->execute(QStringLiteral("RESET session_replication_role")));
        verifiesClean();
    }

    void aDisabledPersonIsSignedOutAndCannotSignIn()
    {
        SignedIn ned;
        QVERIFY(!signInAs(QStringLiteral("ned"), kNedPassphrase, &ned));
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        // He changes his own login in a transaction he keeps open: the
        // disable changes that row too, and would wait for it 15 s, then
        // fail as busy; his sessions are ended first.
        QVERIFY(!ned.connection->execute(QStringLiteral("BEGIN")));
        QVERIFY(!ned.connection->execute(QStringLiteral("ALTER ROLE onramp_p_ned PASSWORD NULL")));
        Error error = disablePerson(pia, QStringLiteral("ned"));
        QVERIFY2(!error, qPrintable(error.message));

        // His open session is gone, and he cannot sign in again.
        QCOMPARE(ned.connection->execute(QStringLiteral("SELECT onramp.current_person()")).kind, ErrorKind::Io);
        SignedIn again;
        QCOMPARE(signInAs(QStringLiteral("ned"), kNedPassphrase, &again).kind, ErrorKind::Auth);
        QCOMPARE(superScalar(QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'onramp_p_ned'")),
                 QVariant(false));
        const QVariantList last = lastEntry();
        QCOMPARE(last.value(1).toString(), QStringLiteral("pia"));
        QCOMPARE(last.value(2).toString(), QStringLiteral("person.disable"));
        QCOMPARE(QJsonDocument::fromJson(last.value(3).toByteArray()).object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("ned"));
        verifiesClean();

        // Disabling someone twice, or nobody, changes nothing and appends nothing.
        const qint64 entries = superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        QCOMPARE(disablePerson(pia, QStringLiteral("ned")).kind, ErrorKind::InvalidInput);
        QCOMPARE(disablePerson(pia, QStringLiteral("nobody")).kind, ErrorKind::InvalidInput);
        QCOMPARE(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), entries);
    }

    void aResetChangesWhatSignsIn()
    {
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), kMegPassphrase, &meg));
        const QByteArray oldKey = meg.keys.publicKey;
        // An entry meg signed with her old key: it must still verify after the reset.
        const QByteArray content = R"({"step":"laptop","verdict":"approved"})";
        QVERIFY(!meg.connection->execute(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"),
                                         signedAtHead(meg, QStringLiteral("step.approve"), content)));

        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        const QByteArray fresh = "meg's passphrase after the reset";
        Error error = resetPassphrase(pia, QStringLiteral("meg"), fresh);
        QVERIFY2(!error, qPrintable(error.message));

        QCOMPARE(meg.connection->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        SignedIn old;
        QCOMPARE(signInAs(QStringLiteral("meg"), kMegPassphrase, &old).kind, ErrorKind::Auth);
        SignedIn renewed;
        error = signInAs(QStringLiteral("meg"), fresh, &renewed);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(renewed.keys.publicKey != oldKey);
        QVERIFY(renewed.passphraseHandedOver);
        QCOMPARE(lastEntry().value(2).toString(), QStringLiteral("passphrase.reset"));
        verifiesClean();

        // A reset lets a disabled person in again, with the new passphrase only.
        error = resetPassphrase(pia, QStringLiteral("ned"), "ned's second first passphrase");
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn ned;
        error = signInAs(QStringLiteral("ned"), "ned's second first passphrase", &ned);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(signInAs(QStringLiteral("ned"), kNedPassphrase, &old).kind, ErrorKind::Auth);
        verifiesClean();

        // An admin does not reset their own passphrase: nothing changes.
        QCOMPARE(resetPassphrase(pia, QStringLiteral("pia"), "pia's passphrase, reset").kind, ErrorKind::InvalidInput);
        SignedIn stillPia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &stillPia));
    }

    // A reset gives a new key pair. A hire's desk, which reads the hire's own
    // entries and the ones that say who is who, checks each of the hire's
    // entries against the key the log gave them at its place: one signed
    // before the reset verifies, and one signed with the old key after the
    // reset (by whoever still holds it) is named and set aside, on the
    // hire's desk and the admin's. A server that hides the reset from the hire's desk is
    // refused as a whole.
    void entriesAreCheckedAgainstTheKeyTheirActorHadThen()
    {
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        QVERIFY(!addPerson(pia, QStringLiteral("ivy"), QStringLiteral("hire"), {}, "ivy's handed-over passphrase"));
        SignedIn before;
        QVERIFY(!signInAs(QStringLiteral("ivy"), "ivy's handed-over passphrase", &before));
        QVERIFY(!changeOwnPassphrase(before, "ivy's handed-over passphrase", "ivy chose this one herself"));
        crypto::SignKeyPair oldKeys = std::move(before.keys);
        const QByteArray oldPublicKey = oldKeys.publicKey;
        Error error = resetPassphrase(pia, QStringLiteral("ivy"), "ivy's passphrase after a reset");
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn ivy;
        QVERIFY(!signInAs(QStringLiteral("ivy"), "ivy's passphrase after a reset", &ivy));
        QVERIFY(ivy.keys.publicKey != oldPublicKey);

        QList<ServerAuditEntry> entries;
        error = readAudit(ivy, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().action, QStringLiteral("passphrase.change"));
        QVERIFY2(entries.first().problem.isEmpty(), qPrintable(entries.first().problem));
        verifiesClean();

        // Signed with the old key after the reset: while her passphrase is
        // the handed-over one the server takes nothing but her change
        // (schema 11); after it, the server takes it (it cannot check
        // signatures), and every desk refuses it.
        SignedIn forger;
        forger.teamId = ivy.teamId;
        forger.name = ivy.name;
        forger.keys = std::move(oldKeys);
        forger.connection = std::move(ivy.connection);
        QVariantList forged = signedAtHead(forger, QStringLiteral("step.done"), R"({"step":"laptop"})");
        QCOMPARE(
            forger.connection->execute(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"), forged).kind,
            ErrorKind::NotPermitted);
        markHandedOver(QStringLiteral("ivy"), false); // stands in for her choice
        forged = signedAtHead(forger, QStringLiteral("step.done"), R"({"step":"laptop"})");
        QVERIFY(!forger.connection->execute(QStringLiteral("SELECT onramp.append_audit($1, $2, $3, $4, $5)"), forged));
        const qint64 forgedSeq = forged.at(3).toLongLong();
        ivy.connection = std::move(forger.connection);
        // A hire's entry that only fails its signature is set aside: named, counted for nothing.
        error = readAudit(ivy, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.size(), 2);
        QVERIFY(entries.first().problem.isEmpty());
        QVERIFY2(entries.last().problem.contains(QStringLiteral("signature")), qPrintable(entries.last().problem));
        QCOMPARE(entries.last().seq, forgedSeq);
        QVERIFY(entries.last().setAside);
        error = verifyAudit(pia, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.last().seq, forgedSeq);
        QVERIFY(entries.last().setAside);

        // The server hides the reset: the hire's desk would take the old key for hers.
        const qint64 resetSeq =
            superScalar(QStringLiteral("SELECT max(seq) FROM onramp.audit WHERE action = 'passphrase.reset'"))
                .toLongLong();
        QVERIFY(!m_super->execute(
            QStringLiteral("CREATE TEMP TABLE hidden AS SELECT * FROM onramp.audit WHERE seq = $1"), {resetSeq}));
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.audit WHERE seq = $1"), {resetSeq}));
        error = readAudit(ivy, &entries);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("does not give ivy the key")), qPrintable(error.message));
        QVERIFY(entries.isEmpty());
        QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO onramp.audit SELECT * FROM hidden")));
        QVERIFY(!m_super->execute(QStringLiteral("DROP TABLE hidden")));
        dropEntriesFrom(forgedSeq);
        verifiesClean();
    }

    // A handed-over passphrase is marked on the slot; only its owner clears
    // the mark, by choosing their own, and a reset sets it again.
    void onlyItsOwnerReplacesAHandedOverPassphrase()
    {
        // hal has not chosen yet (the tests before stood in for it).
        markHandedOver(QStringLiteral("hal"), true);
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        QVERIFY(!pia.passphraseHandedOver); // team init's admin typed their own
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), kHalPassphrase, &hal));
        QVERIFY(hal.passphraseHandedOver);
        QCOMPARE(hal.connection->execute(QStringLiteral("UPDATE onramp.key_slots SET handed_over = false")).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(changeOwnPassphrase(hal, kHalPassphrase, kHalPassphrase).kind, ErrorKind::InvalidInput);

        const QByteArray own = "hal's very own passphrase now";
        Error error = changeOwnPassphrase(hal, kHalPassphrase, own);
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn old;
        QCOMPARE(signInAs(QStringLiteral("hal"), kHalPassphrase, &old).kind, ErrorKind::Auth);
        SignedIn mine;
        error = signInAs(QStringLiteral("hal"), own, &mine);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!mine.passphraseHandedOver);
        QCOMPARE(mine.keys.publicKey, hal.keys.publicKey);
        QCOMPARE(lastEntry().value(1).toString(), QStringLiteral("hal"));
        QCOMPARE(lastEntry().value(2).toString(), QStringLiteral("passphrase.change"));
        // The others' slots and logins are untouched.
        SignedIn meg;
        QVERIFY(!signInAs(QStringLiteral("meg"), "meg's passphrase after the reset", &meg));
        verifiesClean();
    }

    // A session the old passphrase opens while a reset is under way (its
    // changes made, its commit not yet) is ended too: the admin's desk ends
    // the person's sessions after the commit, not before.
    void aSessionOpenedDuringAResetIsEndedToo()
    {
        const QByteArray current = "ned's second first passphrase";
        ServerLogin old;
        QVERIFY(!deriveLogin(current, kDatabase, QStringLiteral("ned"), signInCost(), &old));
        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        // The superuser holds the log still, so the reset waits inside its transaction.
        std::unique_ptr<PgConnection> holder;
        QVERIFY(!pgConnectSuper(kDatabase, &holder));
        auto hold = std::make_unique<PgConnection::Transaction>(*holder);
        QVERIFY(!holder->execute(QStringLiteral("LOCK TABLE onramp.audit IN SHARE MODE")));

        Error resetError;
        std::thread admin([&] { resetError = resetPassphrase(pia, QStringLiteral("ned"), "ned's third passphrase"); });
        bool waiting = false;
        for (int i = 0; i < 6000 && !waiting; ++i) { // up to a minute on a busy machine
            waiting = superScalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE usename = $1 "
                                                 "AND wait_event_type = 'Lock'"),
                                  {loginRoleFor(QStringLiteral("pia"))})
                          .toLongLong()
                > 0;
            if (!waiting)
                QThread::msleep(10);
        }
        // Meanwhile the old passphrase still signs in: the reset has not committed.
        std::unique_ptr<PgConnection> gap;
        const Error opened =
            PgConnection::connect(m_address, loginRoleFor(QStringLiteral("ned")), old.scramPassword, &gap);
        const Error released = hold->commit();
        admin.join();
        QVERIFY(waiting);
        QVERIFY2(!opened, qPrintable(opened.message));
        QVERIFY2(!released, qPrintable(released.message));
        QVERIFY2(!resetError, qPrintable(resetError.message));
        QCOMPARE(gap->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        SignedIn ned;
        QCOMPARE(signInAs(QStringLiteral("ned"), current, &ned).kind, ErrorKind::Auth);
        QVERIFY(!signInAs(QStringLiteral("ned"), "ned's third passphrase", &ned));
        verifiesClean();
    }

    // This desk pins the head it saw: a server whose log was rolled back,
    // or rolled back and written anew to the same length, is refused at
    // sign-in; the log as it was signs in again.
    void aRolledBackLogIsRefused()
    {
        verifiesClean();
        const qint64 head = superScalar(QStringLiteral("SELECT max(seq) FROM onramp.audit")).toLongLong();
        QVERIFY(!m_super->execute(QStringLiteral("CREATE TEMP TABLE kept AS SELECT * FROM onramp.audit WHERE seq = $1"),
                                  {head}));
        const QString moveHead = QStringLiteral("UPDATE onramp.audit_head SET (seq, hash) = (SELECT seq, hash FROM "
                                                "onramp.audit ORDER BY seq DESC LIMIT 1)");
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.audit WHERE seq = $1"), {head}));
        QVERIFY(!m_super->execute(moveHead));
        SignedIn pia;
        Error error = signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("rolled back")), qPrintable(error.message));
        QVERIFY2(error.message.contains(QStringLiteral("entry %1").arg(head)), qPrintable(error.message));

        // Written anew to the same length: another entry at the place this desk saw.
        QVERIFY(!m_super->execute(
            QStringLiteral("INSERT INTO onramp.audit (seq, prev_hash, hash, actor, action, content, signature, "
                           "signed_as) SELECT seq, prev_hash, sha256(hash), actor, action, content, signature, "
                           "signed_as FROM kept")));
        QVERIFY(!m_super->execute(moveHead));
        QCOMPARE(signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia).kind, ErrorKind::Damaged);

        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.audit WHERE seq = $1"), {head}));
        QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO onramp.audit SELECT * FROM kept")));
        QVERIFY(!m_super->execute(moveHead));
        verifiesClean();
    }

    // A team replaced from a new team.init on begins with another first
    // key than the one this desk pinned: refused, whatever the log says.
    void anotherFirstKeyIsRefused()
    {
        verifiesClean();
        QList<QVariantList> rows;
        QVERIFY(!m_super->execute(QStringLiteral("SELECT seq, hash FROM onramp.audit ORDER BY seq"), {}, &rows));
        QHash<qint64, QByteArray> hashes;
        for (const QVariantList& row : std::as_const(rows))
            hashes.insert(row.at(0).toLongLong(), row.at(1).toByteArray());
        const QString server = m_super->serverName();
        const Error error = pin::checkLog(server, kDatabase, crypto::generateSignKeyPair().publicKey, hashes,
                                          rows.last().at(0).toLongLong(), rows.last().at(1).toByteArray(), true);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("another first admin's key")), qPrintable(error.message));
        verifiesClean();
    }

    // PostgreSQL 15 lets every role change its own login's password, and
    // no SQL stops it (docs/SECURITY.md): it changes the login only. The
    // slot, the key and the log stay as they were; Onramp's sign-in with
    // the passphrase fails until an admin resets the person.
    // A desk where only a hire signs in pins the team's first key too: the
    // log's first entry comes through onramp.audit_first(), and the desk
    // checks it. A server that swaps in another first admin (a new key,
    // self-signed, the hash made anew: all a superuser can do) is refused
    // there, and so is a first entry that does not hold, on a desk that
    // pinned nothing yet.
    void aHiresDeskPinsTheTeamsFirstKey()
    {
        forgetPins();
        const QByteArray halOwn = "hal's very own passphrase now";
        SignedIn hal;
        Error error = signInAs(QStringLiteral("hal"), halOwn, &hal);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(hal.role, QStringLiteral("hire"));
        QList<QVariantList> rows;
        // Of the log, a hire reads who is who (schema 6; a key-giving
        // passphrase change, schema 11) and their own entries, nothing else.
        QVERIFY(!hal.connection->execute(
            QStringLiteral("SELECT seq FROM onramp.audit WHERE actor <> 'hal' AND action NOT IN ('team.init', "
                           "'person.add', 'person.disable', 'passphrase.reset', 'checklist.import', "
                           "'checklist.save') AND NOT (action = 'passphrase.change' AND "
                           "onramp.entry_json(content) ? 'public_key')"),
            {}, &rows));
        QVERIFY(rows.isEmpty());
        QVERIFY(superScalar(QStringLiteral("SELECT count(*) FROM onramp.audit WHERE actor <> 'hal' AND action NOT IN "
                                           "('team.init', 'person.add', 'person.disable', 'passphrase.reset')"))
                    .toLongLong()
                > 0);

        QList<QVariantList> original;
        QVERIFY(!m_super->execute(QStringLiteral("SELECT content, signature, hash FROM onramp.audit WHERE seq = 1"), {},
                                  &original));
        QCOMPARE(original.size(), 1);
        const crypto::SignKeyPair mallory = crypto::generateSignKeyPair();
        const QByteArray content =
            QJsonDocument(QJsonObject{{QStringLiteral("full_name"), QStringLiteral("Pia Admin")},
                                      {QStringLiteral("name"), QStringLiteral("pia")},
                                      {QStringLiteral("public_key"), QString::fromLatin1(mallory.publicKey.toBase64())},
                                      {QStringLiteral("role"), QStringLiteral("admin")}})
                .toJson(QJsonDocument::Compact);
        const QByteArray signature =
            crypto::sign(auditMessage(kDatabase, 1, QByteArray(32, '\0'), QStringLiteral("pia"),
                                      QStringLiteral("team.init"), content),
                         mallory.secretKey);
        const QString rewrite =
            QStringLiteral("UPDATE onramp.audit SET content = $1, signature = $2, hash = sha256(prev_hash || "
                           "int8send(seq) || convert_to(actor, 'UTF8') || '\\x00'::bytea || convert_to(action, "
                           "'UTF8') || '\\x00'::bytea || $1 || $2) WHERE seq = 1");
        QVERIFY(!m_super->execute(rewrite, {content, signature}));
        SignedIn again;
        error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("another first admin's key")), qPrintable(error.message));

        // Not re-signed: refused also where nothing was pinned yet.
        forgetPins();
        QVERIFY(!m_super->execute(rewrite, {original.first().at(0).toByteArray(), signature}));
        error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("does not begin with its first admin's signed team.init")),
                 qPrintable(error.message));

        QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.audit SET content = $1, signature = $2, hash = $3 "
                                                 "WHERE seq = 1"),
                                  original.first()));
        error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QVERIFY2(!error, qPrintable(error.message));

        // With the first key pinned, the hire's desk keeps the head it saw too.
        const qint64 head = superScalar(QStringLiteral("SELECT max(seq) FROM onramp.audit")).toLongLong();
        QVERIFY(!m_super->execute(
            QStringLiteral("CREATE TEMP TABLE kept_from_hal AS SELECT * FROM onramp.audit WHERE seq = $1"), {head}));
        const QString moveHead = QStringLiteral("UPDATE onramp.audit_head SET (seq, hash) = (SELECT seq, hash FROM "
                                                "onramp.audit ORDER BY seq DESC LIMIT 1)");
        QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.audit WHERE seq = $1"), {head}));
        QVERIFY(!m_super->execute(moveHead));
        error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("rolled back")), qPrintable(error.message));
        QVERIFY(!m_super->execute(QStringLiteral("INSERT INTO onramp.audit SELECT * FROM kept_from_hal")));
        QVERIFY(!m_super->execute(moveHead));
        error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QVERIFY2(!error, qPrintable(error.message));
        verifiesClean();
    }

    void aServerThatHidesTheFirstEntryIsRefused()
    {
        // A server that serves no first entry would skip the first-key pin:
        // every desk refuses it, pinned or not, a hire's and an admin's.
        const QByteArray halOwn = "hal's very own passphrase now";
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), halOwn, &hal)); // pins the first key
        QVERIFY(!m_super->execute(QStringLiteral("ALTER FUNCTION onramp.audit_first() RENAME TO audit_first_kept")));
        QVERIFY(!m_super->execute(
            QStringLiteral("CREATE FUNCTION onramp.audit_first() RETURNS SETOF onramp.audit LANGUAGE sql STABLE AS "
                           "$$ SELECT * FROM onramp.audit WHERE false $$")));
        const auto undo = [this] {
            m_super->execute(QStringLiteral("DROP FUNCTION onramp.audit_first()"));
            m_super->execute(QStringLiteral("ALTER FUNCTION onramp.audit_first_kept() RENAME TO audit_first"));
        };
        auto restore = qScopeGuard(undo);
        SignedIn again;
        Error error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("no longer shows the first entry")), qPrintable(error.message));
        QVERIFY(!again.connection);

        forgetPins();
        error = signInAs(QStringLiteral("hal"), halOwn, &again);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("does not show the first entry")), qPrintable(error.message));
        SignedIn pia;
        error = signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("does not show the first entry")), qPrintable(error.message));

        restore.dismiss();
        undo();
        QVERIFY2(!signInAs(QStringLiteral("hal"), halOwn, &again), "the real function answers again");
        verifiesClean();
    }

    void aPersonsOwnAlterRoleChangesOnlyTheirLogin()
    {
        const QByteArray own = "hal's very own passphrase now";
        SignedIn hal;
        QVERIFY(!signInAs(QStringLiteral("hal"), own, &hal));
        const QString slotAndKey = QStringLiteral("SELECT encode(s.slot, 'hex') || encode(p.sign_public_key, 'hex') "
                                                  "FROM onramp.people p JOIN onramp.key_slots s USING (name) "
                                                  "WHERE name = 'hal'");
        const QString before = superScalar(slotAndKey).toString();
        const SecureBytes chosen = SecureBytes::copyOf(QByteArrayView("a password hal chose himself"));
        QString verifier;
        QVERIFY(!hal.connection->scramVerifier(loginRoleFor(QStringLiteral("hal")), chosen, &verifier));
        // ALTER ROLE takes no parameters; a verifier holds no quote.
        QVERIFY(!verifier.contains(QLatin1Char('\'')));
        QVERIFY(!hal.connection->execute(QStringLiteral("ALTER ROLE CURRENT_USER PASSWORD '%1'").arg(verifier)));

        std::unique_ptr<PgConnection> bare;
        QVERIFY(!PgConnection::connect(m_address, loginRoleFor(QStringLiteral("hal")), chosen, &bare));
        SignedIn again;
        QCOMPARE(signInAs(QStringLiteral("hal"), own, &again).kind, ErrorKind::Auth);
        QCOMPARE(superScalar(slotAndKey).toString(), before);
        verifiesClean();

        SignedIn pia;
        QVERIFY(!signInAs(QStringLiteral("pia"), kPiaPassphrase, &pia));
        Error error = resetPassphrase(pia, QStringLiteral("hal"), "hal's passphrase after his alter role");
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(bare->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        error = signInAs(QStringLiteral("hal"), "hal's passphrase after his alter role", &again);
        QVERIFY2(!error, qPrintable(error.message));
        verifiesClean();
    }
};

QTEST_GUILESS_MAIN(TestTeamPeople)
#include "TestTeamPeople.moc"
