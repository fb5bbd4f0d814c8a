// The production key on a team server (schema 9), attacker first: a hire's
// own login sending raw SQL reads no box and writes none, an admin seals none
// to a hire, and a box the server shows a hire, or one of another key, is
// accepted by no desk; then team init, person add, passphrase reset and
// disable seal and remove the boxes of admins and mentors, and the first
// choice after a handed-over passphrase seals a new key pair (schema 11).

#include "Crypto.h"
#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "ServerSchema.h"
#include "TeamAccess.h"
#include "TeamGrants.h"
#include "TeamOnboarding.h"
#include "TeamProductionKey.h"
#include "TeamTestFixture.h"

#include "checklist/ChecklistParser.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace onramp::server;
using namespace onramp::test;

namespace {

const QString kDatabase = QStringLiteral("onramp_team_production");
// Login roles are the cluster's: these names are this test's alone.
const QStringList kPeople = {QStringLiteral("pia"), QStringLiteral("pat"), QStringLiteral("pim"), QStringLiteral("poe"),
                             QStringLiteral("pax")};
const QByteArray kPia = "pia administers production";
const QByteArray kPat = "pat mentors this quarter";
const QByteArray kPim = "pim starts on monday";
const QByteArray kPoe = "poe administers too";
const QByteArray kPax = "pax mentors for a while";
const QByteArray kChecklist = R"(onramp: 1
checklist:
  id: keys-week
  title: Keys week
  steps:
    - id: laptop
      title: Set up your laptop
credentials:
  - id: prod-db
    title: Production database
    environment: production
    provider: static
  - id: prod-queue
    title: Production queue
    environment: production
    provider: static
)";

} // namespace

class TestTeamProductionKey : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_passfile;
    std::unique_ptr<PgConnection> m_super;
    ServerAddress m_address;
    QByteArray m_key;

    SignedIn signedIn(const QString& name, const QByteArray& passphrase)
    {
        SignedIn me;
        const Error error = signIn(m_address, name, passphrase, &me);
        if (error)
            qWarning() << error.message;
        return me;
    }

    qint64 boxesOf(const QString& name)
    {
        return scalarOf(*m_super, QStringLiteral("SELECT count(*) FROM onramp.production_boxes WHERE name = $1"),
                        {name})
            .toLongLong();
    }

    QByteArray publicKeyOf(const QString& name)
    {
        return scalarOf(*m_super, QStringLiteral("SELECT sign_public_key FROM onramp.people WHERE name = $1"), {name})
            .toByteArray();
    }

    /// The key \a me opens, or empty with a warning.
    static QByteArray keyOf(SignedIn& me)
    {
        SecureBytes key;
        const Error error = openProductionKey(me, &key);
        if (error)
            qWarning() << error.message;
        return error ? QByteArray() : key.view().toByteArray();
    }

    /// The superuser writing \a box as \a name's, past the server's triggers
    /// (what a database administrator can do).
    Error forceBox(const QString& name, const QByteArray& box)
    {
        return pastTriggers(*m_super,
                            QStringLiteral("INSERT INTO onramp.production_boxes (name, box, author) VALUES ($1, $2, "
                                           "'pia') ON CONFLICT (name) DO UPDATE SET box = EXCLUDED.box"),
                            {name, box});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!pgClusterDir().isEmpty(), "ONRAMP_TEST_PG_DIR is not set: run this test through ctest");
        QVERIFY(m_tmp.isValid());
        Error error = startTeamTest(m_tmp, {kDatabase, QStringLiteral("onramp_production_v8")}, kPeople, {},
                                    &m_passfile, &m_super);
        QVERIFY2(!error, qPrintable(error.message));
        qputenv("PGPASSFILE", m_passfile.toLocal8Bit());
        ServerAddress setup;
        QVERIFY(!ServerAddress::parse(teamSetupUrl(kDatabase), &setup));
        TeamInitOutcome outcome = TeamInitOutcome::AlreadySetUp;
        error = initTeam(setup, QStringLiteral("pia"), QStringLiteral("Pia Admin"), kPia, &outcome);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(!ServerAddress::parse(teamPersonUrl(kDatabase), &m_address));
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        QVERIFY(pia.connection);
        for (const auto& [name, role, full, passphrase] :
             {std::tuple{QStringLiteral("pat"), QStringLiteral("mentor"), QStringLiteral("Pat Mentor"), kPat},
              std::tuple{QStringLiteral("pim"), QStringLiteral("hire"), QStringLiteral("Pim Hire"), kPim},
              std::tuple{QStringLiteral("poe"), QStringLiteral("admin"), QStringLiteral("Poe Admin"), kPoe}}) {
            error = addPerson(pia, name, role, full, passphrase);
            QVERIFY2(!error, qPrintable(error.message));
        }
        m_key = keyOf(pia);
        QCOMPARE(m_key.size(), qsizetype(crypto::kSymmetricKeyBytes));
    }

    // The hire's own login, sending raw SQL: no other person's box to read,
    // none to write for themselves, with or without a signed entry.
    void aHiresLoginReadsAndWritesNoBox()
    {
        SignedIn pim = signedIn(QStringLiteral("pim"), kPim);
        QVERIFY(pim.connection);
        PgConnection& c = *pim.connection;
        Error error;
        QCOMPARE(c.scalar(QStringLiteral("SELECT count(*) FROM onramp.production_boxes"), {}, &error).toLongLong(), 0);
        QVERIFY(!error);
        const QByteArray box = crypto::sealTo(m_key, pim.keys.publicKey);
        for (const QString& sql :
             {QStringLiteral("INSERT INTO onramp.production_boxes (name, box, author) VALUES ($1, $2, 'pia')"),
              QStringLiteral("UPDATE onramp.production_boxes SET box = $2 WHERE name = $1 OR true"),
              QStringLiteral("DELETE FROM onramp.production_boxes WHERE name = $1 OR true"),
              QStringLiteral("SELECT onramp.seal_production_key($1, $2)")})
            QCOMPARE(c.execute(sql, {QStringLiteral("pim"), box}).kind, ErrorKind::NotPermitted);
        QCOMPARE(recordSigned(pim, QStringLiteral("passphrase.change"),
                              {{QStringLiteral("name"), QStringLiteral("pim")}},
                              [&](PgConnection& connection) {
                                  return connection.execute(QStringLiteral("SELECT onramp.seal_production_key($1, $2)"),
                                                            {QStringLiteral("pim"), box});
                              })
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(boxesOf(QStringLiteral("pim")), 0);
        QCOMPARE(boxesOf(QStringLiteral("pia")) + boxesOf(QStringLiteral("pat")) + boxesOf(QStringLiteral("poe")), 3);
        SecureBytes key;
        QCOMPARE(openProductionKey(pim, &key).kind, ErrorKind::NotPermitted);
    }

    // An admin seals no key to a hire, even with their signed entry naming them.
    void anAdminSealsNoneToAHire()
    {
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        const QByteArray box = crypto::sealTo(m_key, publicKeyOf(QStringLiteral("pim")));
        const Error error = recordSigned(
            pia, QStringLiteral("passphrase.reset"),
            {{QStringLiteral("name"), QStringLiteral("pim")},
             {QStringLiteral("public_key"), QString::fromLatin1(publicKeyOf(QStringLiteral("pim")).toBase64())}},
            [&](PgConnection& connection) {
                return connection.execute(QStringLiteral("SELECT onramp.seal_production_key($1, $2)"),
                                          {QStringLiteral("pim"), box});
            });
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(QStringLiteral("admins and mentors only")), qPrintable(error.message));
        QCOMPARE(boxesOf(QStringLiteral("pim")), 0);
        // Nor without an entry naming the one it seals to.
        SignedIn pat = signedIn(QStringLiteral("pat"), kPat);
        QCOMPARE(pia.connection
                     ->execute(QStringLiteral("SELECT onramp.seal_production_key($1, $2)"),
                               {QStringLiteral("pat"), crypto::sealTo(m_key, pat.keys.publicKey)})
                     .kind,
                 ErrorKind::NotPermitted);
    }

    // A box the server shows a hire, even of the team's own key, is accepted
    // by no desk: who holds the key is the signed role in the log.
    void aBoxTheServerGivesAHireIsRefused()
    {
        QVERIFY(!forceBox(QStringLiteral("pim"), crypto::sealTo(m_key, publicKeyOf(QStringLiteral("pim")))));
        SignedIn pim = signedIn(QStringLiteral("pim"), kPim);
        SecureBytes key;
        const Error error = openProductionKey(pim, &key);
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QVERIFY2(error.message.contains(QStringLiteral("only admins and mentors")), qPrintable(error.message));
        QCOMPARE(key.size(), std::size_t(0));
        // Nor when the server also shows the hire as a mentor.
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!transaction.beginError());
            QVERIFY(!m_super->execute(QStringLiteral("SET LOCAL session_replication_role = replica")));
            QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.people SET role = 'mentor' WHERE name = 'pim'")));
            QVERIFY(!transaction.commit());
        }
        SignedIn shown = signedIn(QStringLiteral("pim"), kPim);
        const Error asMentor = shown.connection ? openProductionKey(shown, &key) : Error{ErrorKind::Auth, {}};
        QVERIFY2(asMentor.kind != ErrorKind::None, "a hire shown as a mentor opened the production key");
        QCOMPARE(key.size(), std::size_t(0));
        {
            PgConnection::Transaction transaction(*m_super);
            QVERIFY(!transaction.beginError());
            QVERIFY(!m_super->execute(QStringLiteral("SET LOCAL session_replication_role = replica")));
            QVERIFY(!m_super->execute(QStringLiteral("UPDATE onramp.people SET role = 'hire' WHERE name = 'pim'")));
            QVERIFY(!m_super->execute(QStringLiteral("DELETE FROM onramp.production_boxes WHERE name = 'pim'")));
            QVERIFY(!transaction.commit());
        }
    }

    // A box of another key (a database administrator's own, sealed to the
    // mentor) fails the check value the team's first entry signed.
    void aBoxOfAnotherKeyIsRefused()
    {
        const QByteArray kept = scalarOf(*m_super,
                                         QStringLiteral("SELECT box FROM onramp.production_boxes "
                                                        "WHERE name = 'pat'"))
                                    .toByteArray();
        const SecureBytes other = SecureBytes::random(crypto::kSymmetricKeyBytes);
        QVERIFY(!forceBox(QStringLiteral("pat"), crypto::sealTo(other.view(), publicKeyOf(QStringLiteral("pat")))));
        SignedIn pat = signedIn(QStringLiteral("pat"), kPat);
        SecureBytes key;
        const Error error = openProductionKey(pat, &key);
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("pat")), qPrintable(error.message));
        QVERIFY(!forceBox(QStringLiteral("pat"), kept));
        QCOMPARE(keyOf(pat), m_key);
    }

    // Team init makes the key and signs its check value; person add seals it
    // to each admin and mentor, each desk opening the same key.
    void eachAdminAndMentorHoldsTheTeamsKey()
    {
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        QCOMPARE(pia.productionCheck, productionCheckOf(SecureBytes::copyOf(m_key)));
        const QJsonObject first =
            QJsonDocument::fromJson(
                scalarOf(*m_super, QStringLiteral("SELECT content FROM onramp.audit WHERE seq = 1")).toByteArray())
                .object();
        QCOMPARE(first.value(QStringLiteral("production_check")).toString(),
                 QString::fromLatin1(pia.productionCheck.toBase64()));
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("pat"), kPat}, std::pair{QStringLiteral("poe"), kPoe}}) {
            SignedIn person = signedIn(name, passphrase);
            QCOMPARE(keyOf(person), m_key);
        }
        QVERIFY(!verifyAudit(pia));
    }

    // A reset seals the key to the mentor's new key pair, and to nobody for
    // a hire; disabling removes the box.
    void aResetSealsAgainAndADisableRemoves()
    {
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        const QByteArray newPat = "pat's passphrase, reset";
        Error error = resetPassphrase(pia, QStringLiteral("pat"), newPat);
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn pat = signedIn(QStringLiteral("pat"), newPat);
        QVERIFY(pat.connection);
        QCOMPARE(keyOf(pat), m_key);
        error = resetPassphrase(pia, QStringLiteral("pim"), "pim's passphrase, reset");
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(boxesOf(QStringLiteral("pim")), 0);

        error = addPerson(pia, QStringLiteral("pax"), QStringLiteral("mentor"), QStringLiteral("Pax Mentor"), kPax);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(boxesOf(QStringLiteral("pax")), 1);
        error = disablePerson(pia, QStringLiteral("pax"));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(boxesOf(QStringLiteral("pax")), 0);
        QVERIFY(!verifyAudit(pia));
        // A mentor held the key: it is rotated (schema 13).
        const QByteArray before = m_key;
        m_key = keyOf(pia);
        QCOMPARE(m_key.size(), qsizetype(crypto::kSymmetricKeyBytes));
        QVERIFY(m_key != before);
        QCOMPARE(keyOf(pat), m_key);
    }

    // The key is nowhere on the server in clear: not in any column of any
    // table of the team's schema.
    void theKeyIsNowhereInClear()
    {
        QList<QVariantList> tables;
        QVERIFY(
            !m_super->execute(QStringLiteral("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON "
                                             "n.oid = c.relnamespace WHERE n.nspname = 'onramp' AND c.relkind = 'r'"),
                              {}, &tables));
        QVERIFY(tables.size() > 5);
        const QString hex = QString::fromLatin1(m_key.toHex());
        const QString b64 = QString::fromLatin1(m_key.toBase64());
        for (const QVariantList& table : std::as_const(tables)) {
            // Table names are the server's own catalog's.
            const QString all = scalarOf(*m_super,
                                         QStringLiteral("SELECT coalesce(string_agg(t::text, ' '), '') "
                                                        "FROM onramp.\"%1\" t")
                                             .arg(table.first().toString()))
                                    .toString();
            QVERIFY2(!all.contains(hex) && !all.contains(b64), qPrintable(table.first().toString()));
        }
    }

    // Whoever handed pat her passphrase over can open the slot it sealed:
    // her first choice of her own retires the key in it (schema 11). Her
    // box is sealed again to the new key, which every desk takes from her
    // signed change; a later change keeps it.
    void aFirstChoiceRetiresTheHandedOverKey()
    {
        const QByteArray handed = "pat's passphrase, reset"; // aResetSealsAgainAndADisableRemoves
        SignedIn pat = signedIn(QStringLiteral("pat"), handed);
        QVERIFY(pat.connection);
        QVERIFY(pat.passphraseHandedOver);
        const QByteArray oldPublic = pat.keys.publicKey;
        const SecureBytes oldSecret = SecureBytes::copyOf(pat.keys.secretKey.view());
        // Whoever else saw the passphrase signed in with it too.
        SignedIn other = signedIn(QStringLiteral("pat"), handed);
        QVERIFY(other.connection);
        const QByteArray own = "pat chose this one herself";
        Error error = changeOwnPassphrase(pat, handed, own);
        QVERIFY2(!error, qPrintable(error.message));
        // That session ended with her choice.
        QCOMPARE(other.connection->execute(QStringLiteral("SELECT 1")).kind, ErrorKind::Io);
        QVERIFY(!pat.connection->execute(QStringLiteral("SELECT 1")));
        QVERIFY(pat.keys.publicKey != oldPublic);
        QCOMPARE(publicKeyOf(QStringLiteral("pat")), pat.keys.publicKey);
        const QJsonObject change =
            QJsonDocument::fromJson(
                scalarOf(*m_super, QStringLiteral("SELECT content FROM onramp.audit ORDER BY seq DESC LIMIT 1"))
                    .toByteArray())
                .object();
        QCOMPARE(change.value(QStringLiteral("public_key")).toString(),
                 QString::fromLatin1(pat.keys.publicKey.toBase64()));
        QCOMPARE(change.value(QStringLiteral("previous_public_key")).toString(),
                 QString::fromLatin1(oldPublic.toBase64()));

        SignedIn mine = signedIn(QStringLiteral("pat"), own);
        QVERIFY(mine.connection);
        QVERIFY(!mine.passphraseHandedOver);
        QCOMPARE(mine.keys.publicKey, pat.keys.publicKey);
        QCOMPARE(keyOf(mine), m_key);
        const QByteArray box =
            scalarOf(*m_super, QStringLiteral("SELECT box FROM onramp.production_boxes WHERE name = 'pat'"))
                .toByteArray();
        QVERIFY(!crypto::openSealed(box, oldSecret));
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        error = verifyAudit(pia);
        QVERIFY2(!error, qPrintable(error.message));
        SignedIn pim = signedIn(QStringLiteral("pim"), "pim's passphrase, reset");
        QList<ServerAuditEntry> entries;
        error = readAudit(pim, &entries);
        QVERIFY2(!error, qPrintable(error.message));

        // A later change keeps the key.
        error = changeOwnPassphrase(mine, own, "pat changed it once more");
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(mine.keys.publicKey, pat.keys.publicKey);
        QCOMPARE(publicKeyOf(QStringLiteral("pat")), pat.keys.publicKey);
        QVERIFY(!verifyAudit(pia));
    }

    // What a person sends the server themselves, each with their own signed
    // passphrase.change: no key once their passphrase is their own, none
    // given before, none the entry does not name, and no box of a hire's
    // making. Nothing changes.
    void aKeyIsGivenOnlyAsTheFirstChoiceGivesIt()
    {
        SignedIn pat = signedIn(QStringLiteral("pat"), "pat changed it once more");
        SignedIn pim = signedIn(QStringLiteral("pim"), "pim's passphrase, reset");
        QVERIFY(pat.connection && pim.connection);
        QVERIFY(pim.passphraseHandedOver);
        const QByteArray patKey = publicKeyOf(QStringLiteral("pat"));
        const QByteArray pimKey = publicKeyOf(QStringLiteral("pim"));
        const qint64 head = scalarOf(*m_super, QStringLiteral("SELECT seq FROM onramp.audit_head")).toLongLong();
        const crypto::SignKeyPair made = crypto::generateSignKeyPair();
        // The key \a who asks for, the one their entry names, and a box.
        const auto ask = [](SignedIn& who, const QByteArray& key, const QByteArray& named, const QVariant& box) {
            QString verifier;
            if (Error error = who.connection->scramVerifier(
                    loginRoleFor(who.name), SecureBytes::copyOf(QByteArrayLiteral("a new secret")), &verifier))
                return error;
            return recordSigned(
                who, QStringLiteral("passphrase.change"),
                {{QStringLiteral("name"), who.name},
                 {QStringLiteral("public_key"), QString::fromLatin1(named.toBase64())},
                 {QStringLiteral("previous_public_key"), QString::fromLatin1(who.keys.publicKey.toBase64())}},
                [&](PgConnection& connection) {
                    return connection.execute(QStringLiteral("SELECT onramp.change_own_passphrase($1, $2, $3, $4)"),
                                              {verifier, QByteArray("a slot"), key, box});
                });
        };
        const QVariant noBox(QMetaType::fromType<QByteArray>());
        // His passphrase is handed over: his change gives a new key, or none is taken.
        QCOMPARE(ask(pim, QByteArray(), QByteArray(), noBox).kind, ErrorKind::InvalidInput);
        QCOMPARE(ask(pim, pimKey, pimKey, noBox).kind, ErrorKind::InvalidInput);
        // Her passphrase is her own: no new key, whatever her entry says.
        QCOMPARE(ask(pat, made.publicKey, made.publicKey, noBox).kind, ErrorKind::NotPermitted);
        // A key someone holds, or held: pat's now, her retired one, pia's.
        const QByteArray retired = QByteArray::fromBase64(
            QJsonDocument::fromJson(scalarOf(*m_super,
                                             QStringLiteral("SELECT content FROM onramp.audit WHERE "
                                                            "action = 'passphrase.change' AND actor = 'pat' "
                                                            "ORDER BY seq LIMIT 1"))
                                        .toByteArray())
                .object()
                .value(QStringLiteral("previous_public_key"))
                .toString()
                .toLatin1());
        QCOMPARE(retired.size(), 32);
        for (const QByteArray& taken : {patKey, retired, publicKeyOf(QStringLiteral("pia"))})
            QCOMPARE(ask(pim, taken, taken, noBox).kind, ErrorKind::InvalidInput);
        // A key the entry does not name: the commit is refused.
        const crypto::SignKeyPair other = crypto::generateSignKeyPair();
        QCOMPARE(ask(pim, made.publicKey, other.publicKey, noBox).kind, ErrorKind::NotPermitted);
        // A box for a hire, sealed to the new key.
        QCOMPARE(ask(pim, made.publicKey, made.publicKey, QVariant(crypto::sealTo(m_key, made.publicKey))).kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(boxesOf(QStringLiteral("pim")), 0);
        QCOMPARE(publicKeyOf(QStringLiteral("pat")), patKey);
        QCOMPARE(publicKeyOf(QStringLiteral("pim")), pimKey);
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT seq FROM onramp.audit_head")).toLongLong(), head);
        QVERIFY(signedIn(QStringLiteral("pim"), "pim's passphrase, reset").connection);
        // The entry alone, without the change of his key.
        const QJsonObject alone{{QStringLiteral("name"), QStringLiteral("pim")},
                                {QStringLiteral("public_key"), QString::fromLatin1(made.publicKey.toBase64())},
                                {QStringLiteral("previous_public_key"), QString::fromLatin1(pimKey.toBase64())}};
        QCOMPARE(recordSigned(pim, QStringLiteral("passphrase.change"), alone, {}).kind, ErrorKind::NotPermitted);
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT seq FROM onramp.audit_head")).toLongLong(), head);
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        Error error = verifyAudit(pia);
        QVERIFY2(!error, qPrintable(error.message));

        // pim's passphrase.change saying \a details, let in by a server that
        // does not hold the entry to its change of his key.
        const auto letIn = [&](const QJsonObject& details) {
            Error failed = m_super->execute(
                QStringLiteral("ALTER TABLE onramp.audit DISABLE TRIGGER key_giving_entries_need_the_change"));
            if (!failed)
                failed = recordSigned(pim, QStringLiteral("passphrase.change"), details, {});
            const Error enabled = m_super->execute(
                QStringLiteral("ALTER TABLE onramp.audit ENABLE TRIGGER key_giving_entries_need_the_change"));
            return failed ? failed : enabled;
        };
        // A server that let in such an entry giving him pat's retired key:
        // every desk sets the hire's entry aside and gives him no key;
        // nothing stops.
        QJsonObject stolen = alone;
        stolen.insert(QStringLiteral("public_key"), QString::fromLatin1(retired.toBase64()));
        error = letIn(stolen);
        QVERIFY2(!error, qPrintable(error.message));
        QList<ServerAuditEntry> entries;
        error = verifyAudit(pia, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(entries.last().setAside);
        QVERIFY2(entries.last().problem.contains(QStringLiteral("a key the log gave before")),
                 qPrintable(entries.last().problem));
        QCOMPARE(publicKeyOf(QStringLiteral("pim")), pimKey);
        QList<ServerAuditEntry> his;
        error = readAudit(pim, &his);
        QVERIFY2(!error, qPrintable(error.message));

        // A mentor's passphrase change whose signature fails (what whoever
        // saw her handed-over passphrase could send first) gives no key and
        // stops no desk: it is set aside, as a hire's bad entry is.
        QVERIFY(!pat.connection->execute(
            QStringLiteral("SELECT onramp.append_audit($1, $2, $3, (SELECT seq + 1 FROM onramp.audit_head), "
                           "(SELECT hash FROM onramp.audit_head))"),
            {QStringLiteral("passphrase.change"), QByteArray(R"({"name":"pat"})"), QByteArray(64, '\0')}));
        error = verifyAudit(pia, &entries);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(entries.last().actor, QStringLiteral("pat"));
        QVERIFY(entries.last().setAside);

        // While his passphrase is handed over, a change without a key is
        // refused even signed well; one a server let in anyway is no first
        // choice on any desk, and his own, giving a key, is still taken.
        const QJsonObject keyless{{QStringLiteral("name"), QStringLiteral("pim")}};
        QCOMPARE(recordSigned(pim, QStringLiteral("passphrase.change"), keyless, {}).kind, ErrorKind::NotPermitted);
        error = letIn(keyless);
        QVERIFY2(!error, qPrintable(error.message));
        error = changeOwnPassphrase(pim, "pim's passphrase, reset", "pim chose his own");
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(publicKeyOf(QStringLiteral("pim")), pim.keys.publicKey);
        QVERIFY(pim.keys.publicKey != pimKey);
        error = verifyAudit(pia);
        QVERIFY2(!error, qPrintable(error.message));

        // An admin still on a handed-over passphrase ends nobody's sessions.
        SignedIn poe = signedIn(QStringLiteral("poe"), kPoe);
        QVERIFY(poe.connection && poe.passphraseHandedOver);
        QCOMPARE(poe.connection->execute(QStringLiteral("SELECT onramp.end_sessions('pia')")).kind,
                 ErrorKind::NotPermitted);
        QVERIFY(!pia.connection->execute(QStringLiteral("SELECT 1")));
    }

    // A database at schema 8 migrates to 9: the boxes' table, readable by
    // every role and written by none but through the admins' function.
    // Disabling a mentor who held the key rotates it, as a folder vault's
    // disable does: every kept secret is under the new key, which each other
    // holder opens and the leaver's box never held; the old key opens
    // nothing the server keeps. An admin rotates it at will, too.
    void aDisableRotatesTheKeyAndKeepsEverySecret()
    {
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("keys-week.yaml"));
        QVERIFY(parsed.ok());
        ImportOutcome imported;
        Error error = importChecklist(pia, *parsed.checklist, &imported);
        QVERIFY2(!error, qPrintable(error.message));
        for (const auto& [id, secret] : {std::pair{QStringLiteral("prod-db"), QByteArray("the database secret")},
                                         std::pair{QStringLiteral("prod-queue"), QByteArray("the queue secret")}}) {
            error = setStaticSecret(pia, id, SecureBytes::copyOf(secret));
            QVERIFY2(!error, qPrintable(error.message));
        }
        const QByteArray old = keyOf(pia);
        const QByteArray paxBack = "pax is back for a while";
        error = resetPassphrase(pia, QStringLiteral("pax"), paxBack);
        QVERIFY2(!error, qPrintable(error.message));
        {
            SignedIn pax = signedIn(QStringLiteral("pax"), paxBack);
            QCOMPARE(keyOf(pax), old);
        }

        error = disablePerson(pia, QStringLiteral("pax"));
        QVERIFY2(!error, qPrintable(error.message));
        m_key = keyOf(pia);
        QVERIFY(m_key != old);
        SignedIn poe = signedIn(QStringLiteral("poe"), kPoe);
        QCOMPARE(keyOf(poe), m_key);
        for (const auto& [id, secret] : {std::pair{QStringLiteral("prod-db"), QByteArray("the database secret")},
                                         std::pair{QStringLiteral("prod-queue"), QByteArray("the queue secret")}}) {
            std::optional<SecureBytes> kept;
            error = keptSecret(poe, id, &kept);
            QVERIFY2(!error, qPrintable(error.message));
            QVERIFY(kept);
            QCOMPARE(kept->view().toByteArray(), secret);
            const QByteArray box =
                scalarOf(*m_super,
                         QStringLiteral("SELECT box FROM onramp.credentials WHERE hire IS NULL AND name = $1"), {id})
                    .toByteArray();
            const QByteArray context =
                QByteArrayLiteral("onramp server credential v1") + '\0' + kDatabase.toUtf8() + '\0' + id.toUtf8();
            QVERIFY(crypto::decrypt(box, SecureBytes::copyOf(m_key), context));
            QVERIFY(!crypto::decrypt(box, SecureBytes::copyOf(old), context));
        }
        // The person.disable names the new key, each holder and each box.
        const QJsonObject entry =
            QJsonDocument::fromJson(
                scalarOf(*m_super,
                         QStringLiteral("SELECT content FROM onramp.audit WHERE action = 'person.disable' "
                                        "ORDER BY seq DESC LIMIT 1"))
                    .toByteArray())
                .object();
        QCOMPARE(entry.value(QStringLiteral("name")).toString(), QStringLiteral("pax"));
        QCOMPARE(entry.value(QStringLiteral("production_key_check")).toString(),
                 QString::fromLatin1(productionCheckOf(SecureBytes::copyOf(m_key)).toBase64()));
        QCOMPARE(entry.value(QStringLiteral("holders")).toArray(),
                 QJsonArray({QStringLiteral("pat"), QStringLiteral("pia"), QStringLiteral("poe")}));
        QCOMPARE(entry.value(QStringLiteral("secrets")).toArray().size(), 2);
        QVERIFY(!verifyAudit(pia));

        // Disabling a hire, who never held it, keeps the key.
        const QByteArray kept = m_key;
        error = resetPassphrase(pia, QStringLiteral("pim"), "pim's passphrase, once more");
        QVERIFY2(!error, qPrintable(error.message));
        error = disablePerson(pia, QStringLiteral("pim"));
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(keyOf(pia), kept);
        error = resetPassphrase(pia, QStringLiteral("pim"), "pim's passphrase, reset");
        QVERIFY2(!error, qPrintable(error.message));

        // An admin rotates it at will; a mentor may not.
        SignedIn pat = signedIn(QStringLiteral("pat"), "pat changed it once more");
        QVERIFY(pat.connection);
        QCOMPARE(rotateProductionKey(pat).kind, ErrorKind::NotPermitted);
        QStringList holders;
        error = rotateProductionKey(pia, &holders);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(holders, QStringList({QStringLiteral("pat"), QStringLiteral("pia"), QStringLiteral("poe")}));
        const QByteArray rotated = keyOf(pia);
        QVERIFY(rotated != m_key);
        QCOMPARE(keyOf(pat), rotated);
        m_key = rotated;
        std::optional<SecureBytes> secret;
        error = keptSecret(pat, QStringLiteral("prod-queue"), &secret);
        QVERIFY2(!error, qPrintable(error.message));
        QCOMPARE(secret->view().toByteArray(), QByteArray("the queue secret"));
        QVERIFY(!verifyAudit(pia));
    }

    // What reaches the server around a rotation: a secret a desk encrypted
    // under a key rotated since, a rotation that leaves a secret under the
    // old key, and a mentor's own rotation entry are each refused, and
    // nothing changes.
    void aRotationLeavesNothingUnderAnOldKey()
    {
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        const QByteArray box = scalarOf(*m_super,
                                        QStringLiteral("SELECT box FROM onramp.credentials WHERE hire IS "
                                                       "NULL AND name = 'prod-db'"))
                                   .toByteArray();
        const qint64 entries = scalarOf(*m_super, QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong();
        // Encrypted under an older key, as a desk that read it before the
        // rotation committed would have.
        const QByteArray stale = QByteArray(64, 's');
        const QJsonObject setDetails{
            {QStringLiteral("credential"), QStringLiteral("prod-db")},
            {QStringLiteral("environment"), QStringLiteral("production")},
            {QStringLiteral("box_digest"),
             QString::fromLatin1(QCryptographicHash::hash(stale, QCryptographicHash::Sha256).toBase64())},
            {QStringLiteral("production_key_check"), QString::fromLatin1(QByteArray(32, 'o').toBase64())}};
        Error error = recordSigned(pia, QStringLiteral("credential.set"), setDetails, [&](PgConnection& c) {
            return c.execute(QStringLiteral("UPDATE onramp.credentials SET box = $1, author = 'pia' WHERE hire IS "
                                            "NULL AND name = 'prod-db'"),
                             {stale});
        });
        QCOMPARE(error.kind, ErrorKind::Busy);
        QVERIFY2(error.message.contains(QStringLiteral("rotated while prod-db was set")), qPrintable(error.message));
        // A rotation whose entry leaves a kept secret out.
        QJsonObject rotation{
            {QStringLiteral("production_key_check"), QString::fromLatin1(QByteArray(32, 'n').toBase64())},
            {QStringLiteral("holders"), QJsonArray()},
            {QStringLiteral("secrets"), QJsonArray()}};
        error = recordSigned(pia, QStringLiteral("production.rotate"), rotation, {});
        QCOMPARE(error.kind, ErrorKind::Busy);
        QVERIFY2(error.message.contains(QStringLiteral("does not keep")), qPrintable(error.message));
        // A mentor's rotation, with a box for herself.
        SignedIn pat = signedIn(QStringLiteral("pat"), "pat changed it once more");
        rotation[QStringLiteral("holders")] = QJsonArray({QStringLiteral("pat")});
        error = recordSigned(pat, QStringLiteral("production.rotate"), rotation, [&](PgConnection& c) {
            return c.execute(QStringLiteral("SELECT onramp.seal_production_key('pat', $1)"), {QByteArray(80, 'p')});
        });
        QCOMPARE(error.kind, ErrorKind::NotPermitted);
        QCOMPARE(scalarOf(*m_super,
                          QStringLiteral("SELECT box FROM onramp.credentials WHERE hire IS NULL AND name = "
                                         "'prod-db'"))
                     .toByteArray(),
                 box);
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT count(*) FROM onramp.audit")).toLongLong(), entries);
        QCOMPARE(keyOf(pat), m_key);
    }

    // A kept secret the server altered makes the rotation impossible: the
    // mentor is disabled all the same, and the admin is told the key still
    // needs rotating (exit 6), which a rotation does once the row is put right.
    void aRotationThatCannotBeMadeDoesNotKeepAPersonEnabled()
    {
        SignedIn pia = signedIn(QStringLiteral("pia"), kPia);
        const QByteArray paxBack = "pax is back once more";
        Error error = resetPassphrase(pia, QStringLiteral("pax"), paxBack);
        QVERIFY2(!error, qPrintable(error.message));
        const QString row =
            QStringLiteral("SELECT box FROM onramp.credentials WHERE hire IS NULL AND name = 'prod-db'");
        const QByteArray kept = scalarOf(*m_super, row).toByteArray();
        const QString put = QStringLiteral("UPDATE onramp.credentials SET box = $1 WHERE hire IS NULL AND name = "
                                           "'prod-db'");
        QVERIFY(!pastTriggers(*m_super, put, {QByteArray(64, 'x')}));
        const QByteArray before = keyOf(pia);
        error = disablePerson(pia, QStringLiteral("pax"));
        QCOMPARE(error.kind, ErrorKind::Damaged);
        QVERIFY2(error.message.contains(QStringLiteral("pax is disabled, but the production key they held was not "
                                                       "rotated")),
                 qPrintable(error.message));
        QCOMPARE(boxesOf(QStringLiteral("pax")), 0);
        QCOMPARE(scalarOf(*m_super, QStringLiteral("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'onramp_p_pax'")),
                 QVariant(false));
        QCOMPARE(keyOf(pia), before);
        QVERIFY(!pastTriggers(*m_super, put, {kept}));
        error = rotateProductionKey(pia);
        QVERIFY2(!error, qPrintable(error.message));
        m_key = keyOf(pia);
        QVERIFY(m_key != before);
        QVERIFY(!verifyAudit(pia));
    }

    void aSchema8DatabaseMigrates()
    {
        const QString database = QStringLiteral("onramp_production_v8");
        QVERIFY(!pgRecreateDatabase(database));
        std::unique_ptr<PgConnection> super;
        QVERIFY(!pgConnectSuper(database, &super));
        QVERIFY(!schema::migrate(*super, 8));
        int version = 0;
        QVERIFY(!schema::currentVersion(*super, &version));
        QCOMPARE(version, 8);
        QVERIFY(!schema::migrate(*super, 9));
        QVERIFY(!schema::currentVersion(*super, &version));
        QCOMPARE(version, 9);
        Error error;
        QCOMPARE(super->scalar(QStringLiteral("SELECT count(*) FROM onramp.production_boxes"), {}, &error).toLongLong(),
                 0);
        QVERIFY2(!error, qPrintable(error.message));
        QVERIFY(super
                    ->scalar(QStringLiteral("SELECT has_table_privilege('onramp_hire', 'onramp.production_boxes', "
                                            "'INSERT') OR has_table_privilege('onramp_hire', "
                                            "'onramp.production_boxes', 'UPDATE') OR has_function_privilege("
                                            "'onramp_hire', 'onramp.seal_production_key(text, bytea)', 'EXECUTE')"))
                    .toBool()
                == false);
    }
};

QTEST_GUILESS_MAIN(TestTeamProductionKey)
#include "TestTeamProductionKey.moc"
