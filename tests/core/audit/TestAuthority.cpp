// Signed authority: a hire holds the master key and can rewrite any byte of
// the vault folder. Each row applies one tampering the way such a hire would
// (raw SQL under the master key from their own slot), then runs an admin's
// and a mentor's routine acts: every one is refused naming the record, no
// production secret reaches the hire, and `vault check` names the record too.
#include "AuthorityFixture.h"
#include "ProductionKey.h"
#include "audit/AuditVerifier.h"
#include "credentials/ProviderConnections.h"
#include "credentials/SecretStore.h"
#include "people/People.h"
#include "vault/Backup.h"

using namespace authoritytest;

class TestAuthority : public QObject, private AuthorityFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { buildStages(); }

    void untamperedVaultsVerify_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("enrolled") << int(Stage::Enrolled);
        QTest::newRow("signed off") << int(Stage::SignedOff);
        QTest::newRow("revoked") << int(Stage::Revoked);
        QTest::newRow("moved") << int(Stage::Moved);
        QTest::newRow("rejected") << int(Stage::Rejected);
    }

    void untamperedVaultsVerify()
    {
        QFETCH(int, stage);
        const QString dir = copyAt(Stage(stage));
        auto a = ada(dir);
        LedgerCheck check;
        const Error e = Ledger::verify(*a, m_clock.now(), &check);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(check.records >= 3);
        QStringList report;
        QVERIFY2(!a->check(&report, m_clock.now()), qPrintable(report.join(QLatin1Char('\n'))));
        // And the routine act goes through: both hires enrolled get the secret where open.
        int delivered = 0;
        QVERIFY(!Credentials(*a, m_clock)
                     .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered));
        QCOMPARE(delivered, Stage(stage) == Stage::SignedOff ? 1 : 0);
    }

    void everyActThroughOnrampKeepsTheVaultVerifiable()
    {
        // Each routine act, in turn, on one vault: after each the whole check passes.
        const QString dir = copyAt(Stage::SignedOff);
        const auto verifies = [&](const char* after) {
            auto a = ada(dir);
            QVERIFY2(a, after);
            const Error e = Ledger::verify(*a, m_clock.now());
            QVERIFY2(!e, qPrintable(QStringLiteral("after %1: %2").arg(QLatin1String(after), e.message)));
        };
        {
            auto m = max(dir);
            QDateTime expires;
            QVERIFY(!Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires));
        }
        verifies("renew");
        {
            auto m = max(dir);
            QVERIFY(!Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-token")));
        }
        verifies("revoke");
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("kim"), "kim, reset by ada"));
            int delivered = 0;
            QVERIFY(!Credentials(*a, m_clock)
                         .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered));
            QCOMPARE(delivered, 1); // hal's live, renewed grant
        }
        verifies("add, reset and cred set");
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).disable(QStringLiteral("mia")));
            QVERIFY(!a->rekey());
        }
        verifies("disable and rekey");
        {
            auto a = ada(dir);
            QByteArray v2 = checklistFixture(QStringLiteral("authority.yaml"));
            v2.replace("title: Read the handbook", "title: Read the handbook again");
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*a).import(parse(v2), m_clock.now(), &outcome));
            QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2));
        }
        verifies("import and move");
        {
            auto h = hal(dir);
            QVERIFY(!Enrollments(*h, m_clock).undo(QStringLiteral("hal"), QStringLiteral("handbook")));
            QVERIFY(!Enrollments(*h, m_clock).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        }
        verifies("undo and done again");
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY2(secret != kNewSecret, "a secret reached the hire after a move to a version not signed off");
    }

    void moveEndsTheOldVersionsGrants()
    {
        const QString dir = copyAt(Stage::Moved);
        auto h = hal(dir);
        QCOMPARE(h->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_grants WHERE sealed IS NOT NULL "
                                            "OR ended IS NULL"))
                     .toLongLong(),
                 0);
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY(secret != kFirstSecret);
    }

    void attacksAreRefusedAndNamed_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("record");
        const auto row = [](const char* name, Stage stage, const char* record) {
            QTest::newRow(name) << int(stage) << QString::fromLatin1(name) << QString::fromLatin1(record);
        };
        row("relabelled credential", Stage::Enrolled, "checklists row 1: it is not what entry");
        row("un-revoked grant", Stage::Revoked, "credential_grants row 1: audit entry");
        row("forged grant", Stage::SignedOff, "credential_grants row 3: no audit entry vouches");
        row("forged grant by a forged mentor", Stage::SignedOff, "(eve): no audit entry added them");
        row("old version re-pointed", Stage::Moved, "enrollments row 1: it is not what entry");
        row("deleted rejection", Stage::Rejected, "step_reviews row 2, which entry");
        row("dropped requirements", Stage::Enrolled, "checklists row 1: it is not what entry");
        row("erased audit entry", Stage::SignedOff, "the vault went back");
        row("planted trigger", Stage::SignedOff, "trigger 'grant_revival'");
        row("role raised", Stage::SignedOff, "people row 3 (hal): the log made them a hire");
        row("display name rewritten", Stage::SignedOff, "people row 3 (hal): the log gave them the display name");
        row("review moved to another hire", Stage::SignedOff, "step_reviews row 1: it is not what entry");
        row("backdated step", Stage::SignedOff, "step_records (enrollment 1, step 'handbook'): done at");
    }

    void attacksAreRefusedAndNamed()
    {
        QFETCH(int, stage);
        QFETCH(QString, attack);
        QFETCH(QString, record);
        const QString dir = copyAt(Stage(stage));
        const QHash<QString, std::function<void()>> attacks = {
            {QStringLiteral("relabelled credential"),
             [&] {
                 QByteArray yaml = storedYaml(dir);
                 yaml.replace("environment: production\n    provider: static",
                              "environment: sandbox\n    provider: static");
                 yaml.replace("production_hosts:\n  - db.prod.internal\n", "");
                 QVERIFY(yaml != storedYaml(dir));
                 asHireWithSql(dir, {QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE version = 1")}, {yaml});
             }},
            {QStringLiteral("un-revoked grant"),
             [&] {
                 asHireWithSql(dir,
                               {QStringLiteral("UPDATE credential_grants SET ended = NULL, ended_at = NULL, "
                                               "ended_by = NULL")});
             }},
            {QStringLiteral("forged grant"),
             [&] {
                 // Granted "by max", expiring 2099, signed with a key the hire made.
                 const crypto::SignKeyPair forger = crypto::generateSignKeyPair();
                 asHireWithSql(dir,
                               {QStringLiteral("INSERT INTO credential_grants (enrollment_id, credential_id, "
                                               "granted_at, expires_at, granted_by, signature) SELECT 1, "
                                               "'prod-db', '2026-11-20T09:00:00.000Z', "
                                               "'2099-01-01T00:00:00.000Z', id, ?1 FROM people "
                                               "WHERE name = 'max'")},
                               {crypto::sign("forged", forger.secretKey)});
             }},
            {QStringLiteral("forged grant by a forged mentor"),
             [&] {
                 const crypto::SignKeyPair forger = crypto::generateSignKeyPair();
                 asHireWithSql(dir,
                               {QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, "
                                               "created_at) VALUES ('eve', 'Eve', 'mentor', ?1, "
                                               "'2026-11-20T00:00:00Z')")},
                               {forger.publicKey});
             }},
            {QStringLiteral("old version re-pointed"),
             [&] {
                 asHireWithSql(dir,
                               {QStringLiteral("UPDATE enrollments SET checklist_id = "
                                               "(SELECT id FROM checklists WHERE version = 1) WHERE id = 1")});
             }},
            {QStringLiteral("deleted rejection"),
             [&] { asHireWithSql(dir, {QStringLiteral("DELETE FROM step_reviews WHERE decision = 'rejected'")}); }},
            {QStringLiteral("dropped requirements"),
             [&] {
                 QByteArray yaml = storedYaml(dir);
                 yaml.replace("required: true", "required: false");
                 yaml.replace("signoff: true", "signoff: false");
                 QVERIFY(yaml != storedYaml(dir));
                 asHireWithSql(dir, {QStringLiteral("UPDATE checklists SET yaml = ?1 WHERE version = 1")}, {yaml});
             }},
            {QStringLiteral("erased audit entry"),
             [&] {
                 // In one session, as with the sqlcipher shell: the last entry
                 // (a grant.create) goes, and the key file's head is rewritten to match.
                 auto h = hal(dir);
                 QVERIFY(h);
                 QCOMPARE(h->db()
                              .scalar(QStringLiteral("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"))
                              .toString(),
                          QStringLiteral("grant.create"));
                 QVERIFY(!h->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_delete")));
                 QVERIFY(!h->db().execute(QStringLiteral("DELETE FROM audit_log WHERE seq = "
                                                         "(SELECT max(seq) FROM audit_log)")));
                 QVERIFY(!h->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON "
                                                         "audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is "
                                                         "append-only'); END")));
                 qint64 seq = 0;
                 QByteArray hash;
                 QVERIFY(!AuditLog::head(h->db(), &seq, &hash));
                 KeyFile keys;
                 QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
                 // Signed by the hire: a person of the log, as the check asks.
                 keys.extra.insert(
                     AuditLog::headField(),
                     QJsonObject{
                         {QStringLiteral("seq"), seq},
                         {QStringLiteral("hash"), QString::fromLatin1(hash.toBase64())},
                         {QStringLiteral("signer"), QStringLiteral("hal")},
                         {QStringLiteral("signature"),
                          QString::fromLatin1(h->sign(AuditLog::headMessage(keys.vaultId, seq, hash)).toBase64())}});
                 QVERIFY(!keys.save(QDir(dir).filePath(Vault::keyFileName())));
             }},
            {QStringLiteral("planted trigger"),
             [&] {
                 asHireWithSql(dir,
                               {QStringLiteral("CREATE TRIGGER grant_revival AFTER INSERT ON audit_log BEGIN "
                                               "UPDATE credential_grants SET ended = NULL; END")});
             }},
            {QStringLiteral("role raised"),
             [&] { asHireWithSql(dir, {QStringLiteral("UPDATE people SET role = 'mentor' WHERE name = 'hal'")}); }},
            {QStringLiteral("display name rewritten"),
             [&] {
                 asHireWithSql(dir,
                               {QStringLiteral("UPDATE people SET display_name = 'Hal <b>signed off by Max</b>' "
                                               "WHERE name = 'hal'")});
             }},
            {QStringLiteral("backdated step"),
             [&] {
                 // Twelve days back: the report would blame the mentor's review wait.
                 asHireWithSql(dir,
                               {QStringLiteral("UPDATE step_records SET done_at = '2026-11-08T09:00:00.000Z' "
                                               "WHERE step_id = 'handbook'")});
             }},
            {QStringLiteral("review moved to another hire"),
             [&] { asHireWithSql(dir, {QStringLiteral("UPDATE step_reviews SET enrollment_id = 2")}); }},
        };
        QVERIFY(attacks.contains(attack));
        attacks.value(attack)();
        if (QTest::currentTestFailed())
            return;
        if (attack == QLatin1String("role raised")) {
            // Their own unlock already refuses the raised role; the admin's acts name the row.
            std::unique_ptr<Vault> raised;
            QCOMPARE(Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &raised).kind, ErrorKind::Damaged);
            auto a = ada(dir);
            int delivered = 0;
            const Error set = Credentials(*a, m_clock)
                                  .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
            QVERIFY2(set.message.contains(record), qPrintable(set.message));
            return;
        }
        routineActsRefuse(dir, record);
        if (attack == QLatin1String("erased audit entry")) {
            // A desktop that never saw the erased entry still finds the grant it made.
            qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".never-saw-it")));
            auto a = ada(dir);
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            QVERIFY2(check.message.contains(QStringLiteral("credential_grants row 2: no audit entry vouches")),
                     qPrintable(check.message));
        }
    }

    void everyDecisionCarryingColumnIsCovered_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        for (const QString& table : records::vouchedTables())
            for (const QString& column : records::columnsOf(table))
                QTest::newRow(qPrintable(table + QLatin1Char('.') + column)) << table << column;
        for (const char* column : {"name", "display_name", "role", "sign_public_key", "disabled"})
            QTest::newRow(qPrintable(QStringLiteral("people.") + QLatin1String(column)))
                << QStringLiteral("people") << QString::fromLatin1(column);
    }

    void everyDecisionCarryingColumnIsCovered()
    {
        QFETCH(QString, table);
        QFETCH(QString, column);
        const QString dir = copyAt(Stage::Moved);
        // The smallest edit of one column of the first row that the table's
        // constraints still accept: another person, another enrollment, the
        // other checklist version, the other decision, one more character.
        QString edit = QStringLiteral("CASE typeof(%1) WHEN 'integer' THEN %1 + 1 WHEN 'blob' THEN "
                                      "randomblob(length(%1)) ELSE %1 || 'x' END")
                           .arg(column);
        if (column.endsWith(QLatin1String("_by")) || column == QLatin1String("mentor_id")
            || column == QLatin1String("hire_id"))
            edit = QStringLiteral("CASE %1 WHEN 1 THEN 2 ELSE 1 END").arg(column); // ada is 1, max 2
        else if (column == QLatin1String("version"))
            edit = QStringLiteral("version + 10");
        else if (column == QLatin1String("enrollment_id"))
            edit = QStringLiteral("2");
        else if (column == QLatin1String("checklist_id"))
            edit = QStringLiteral("1");
        else if (column == QLatin1String("decision"))
            edit = QStringLiteral("CASE decision WHEN 'approved' THEN 'rejected' ELSE 'approved' END");
        else if (column == QLatin1String("role"))
            edit = QStringLiteral("'admin'");
        else if (column == QLatin1String("disabled"))
            edit = QStringLiteral("1 - disabled");
        const QString where = table == QLatin1String("people")
            ? QStringLiteral("name = 'kim'")
            : QStringLiteral("id = (SELECT min(id) FROM %1)").arg(table);
        asHireWithSql(dir, {QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %4").arg(table, column, edit, where)});
        if (QTest::currentTestFailed())
            return;
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(table + QStringLiteral(" row ")), qPrintable(check.message));
    }

    void swappedIndexHandsNoActAnotherHiresRow()
    {
        // The grants' index now answers "hal's grant" with kim's and back.
        const QString dir = copyAt(Stage::BothSignedOff);
        swapIndex(dir, QStringLiteral("credential_grants"), QStringLiteral("credential_grants_by_enrollment"),
                  {QStringLiteral("UPDATE x SET enrollment_id = 3 - enrollment_id")});
        if (QTest::currentTestFailed())
            return;
        auto m = max(dir);
        QVERIFY(m);
        // Revoking (which does not wait for the whole check) scans the table:
        // it ends hal's grant, and nobody else's.
        const Error revoke = Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
        QVERIFY2(!revoke, qPrintable(revoke.message));
        QList<QVariantList> ended;
        QVERIFY(
            !m->db().execute(QStringLiteral("SELECT enrollment_id, credential_id FROM credential_grants NOT INDEXED "
                                            "WHERE ended IS NOT NULL"),
                             {}, &ended));
        QCOMPARE(ended, (QList<QVariantList>{{qlonglong(1), QStringLiteral("prod-db")}}));
        m.reset();
        routineActsRefuse(dir, QStringLiteral("integrity check"));
        auto a = ada(dir);
        QVERIFY(a);
        const Error check = Ledger::require(*a, m_clock.now());
        QVERIFY2(check.message.contains(QStringLiteral("integrity check of table credential_grants")),
                 qPrintable(check.message));
    }

    void aDecoyGrantRowTakesNoRevocation()
    {
        // The hire copies their live grant under a higher id before the
        // mentor revokes, and deletes the copy after: the revocation must
        // have ended the grant the log vouches for, not the newest row.
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(
            dir,
            {QStringLiteral("INSERT INTO credential_grants SELECT id + 100, enrollment_id, "
                            "credential_id, sealed, granted_at, expires_at, granted_by, signature, "
                            "NULL, NULL, NULL, fields FROM credential_grants WHERE credential_id = 'prod-db'")});
        if (QTest::currentTestFailed())
            return;
        {
            auto m = max(dir);
            QVERIFY(m);
            // Ended all the same (a tampered vault can still be shut), and said: exit 6.
            const Error revoke = Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
            QCOMPARE(revoke.kind, ErrorKind::Damaged);
            QVERIFY2(revoke.message.contains(QStringLiteral("credential_grants row 101")), qPrintable(revoke.message));
            QList<QVariantList> live;
            QVERIFY(!m->db().execute(QStringLiteral("SELECT id FROM credential_grants WHERE credential_id = "
                                                    "'prod-db' AND (ended IS NULL OR sealed IS NOT NULL)"),
                                     {}, &live));
            QCOMPARE(live.size(), 0);
            // The entry names the vouched grant alone.
            const QJsonObject details =
                QJsonDocument::fromJson(m->db()
                                            .scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = "
                                                                   "'grant.revoke' ORDER BY seq DESC LIMIT 1"))
                                            .toString()
                                            .toUtf8())
                    .object();
            QCOMPARE(details.value(QStringLiteral("ended_grants")).toArray().size(), 1);
            QVERIFY(details.value(QStringLiteral("ended_grants")).toArray().first().toObject().value("id").toInteger()
                    < 100);
        }
        asHireWithSql(dir, {QStringLiteral("DELETE FROM credential_grants WHERE id > 100")});
        // The admin rotates, as SECURITY.md advises: the new secret reaches no hire.
        auto a = ada(dir);
        QVERIFY(a);
        int delivered = 0;
        const Error set =
            Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QVERIFY2(!set, qPrintable(set.message));
        QCOMPARE(delivered, 0);
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY(secret != kNewSecret && secret != kFirstSecret);
        QList<CredentialView> views;
        QVERIFY(!Credentials(*a, m_clock).listFor(QStringLiteral("hal"), &views));
        for (const CredentialView& view : std::as_const(views))
            if (view.credential.id == QLatin1String("prod-db"))
                QCOMPARE(view.state, CredentialState::Revoked);
    }

    void anEndingOfAGrantNoEntryVouchedForIsRefused()
    {
        // A revocation recorded by an Onramp that ended a planted row: the log
        // names a grant it never vouched for, while the real one stays live.
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto m = max(dir);
            QVERIFY(m);
            QVERIFY(!AuditLog::append(*m, QStringLiteral("grant.revoke"), QStringLiteral("hal"),
                                      {{QStringLiteral("credential"), QStringLiteral("prod-db")},
                                       {QStringLiteral("enrollment"), 1},
                                       {QStringLiteral("ended_grants"),
                                        QJsonArray{QJsonObject{{QStringLiteral("id"), 101},
                                                               {QStringLiteral("how"), QStringLiteral("revoked")}}}}}));
        }
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        damagedSaying(check, {QStringLiteral("credential_grants row 101")});
        int delivered = 0;
        QCOMPARE(Credentials(*a, m_clock)
                     .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered)
                     .kind,
                 ErrorKind::Damaged);
        QCOMPARE(delivered, 0);
    }

    void aStepDoneBeforeItsEnrollmentExistedIsRefused()
    {
        // The hire's desk says when a step was done. With its clock set twelve
        // days back it signs a time before the admin created the enrollment;
        // the report would put those twelve days on the mentor's review wait.
        const QString dir = copyAt(Stage::Enrolled);
        {
            FixedClock back{m_clock.now().addDays(-12)};
            auto h = hal(dir);
            QVERIFY(!Enrollments(*h, back).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        }
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QVERIFY(check);
        QVERIFY2(check.message.contains(QStringLiteral("before its enrollment was created")),
                 qPrintable(check.message));
        // A time within the clocks' tolerance of the enrollment holds.
        const QString fine = copyAt(Stage::Enrolled);
        {
            FixedClock skewed{m_clock.now().addSecs(-60)};
            auto h = hal(fine);
            QVERIFY(!Enrollments(*h, skewed).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}));
        }
        auto a2 = ada(fine);
        QVERIFY(!a2->check(&report, m_clock.now()));
    }

private:
    /// hal's grants of prod-db, oldest first, read as the hire reads the table.
    QList<qint64> halsProdDbGrants(const QString& dir)
    {
        auto h = hal(dir);
        QList<QVariantList> rows;
        h->db().execute(QStringLiteral("SELECT g.id FROM credential_grants g JOIN enrollments e ON e.id = "
                                       "g.enrollment_id JOIN people p ON p.id = e.hire_id WHERE p.name = 'hal' "
                                       "AND g.credential_id = 'prod-db' ORDER BY g.id"),
                        {}, &rows);
        QList<qint64> ids;
        for (const QVariantList& row : std::as_const(rows))
            ids.append(row.at(0).toLongLong());
        return ids;
    }

    QJsonObject newestRevoke(Vault& vault)
    {
        return QJsonDocument::fromJson(vault.db()
                                           .scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = "
                                                                  "'grant.revoke' ORDER BY seq DESC LIMIT 1"))
                                           .toString()
                                           .toUtf8())
            .object();
    }

private Q_SLOTS:
    void aRevokeAfterARenewalEndsTheGrantTheLogHoldsLive()
    {
        // After a renewal the hire makes the renewed row look live and the
        // live one look ended, so that a revoke deciding from the rows ends
        // the old one; then puts both back. The revoke must end the grant the
        // log holds live, and the row put back live afterwards is refused.
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto m = max(dir);
            QDateTime expires;
            QVERIFY(!Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires));
        }
        const QList<qint64> ids = halsProdDbGrants(dir);
        QCOMPARE(ids.size(), 2);
        const QString old = QString::number(ids.at(0));
        const QString current = QString::number(ids.at(1));
        QByteArray box;
        {
            auto h = hal(dir);
            box = h->db()
                      .scalar(QStringLiteral("SELECT sealed FROM credential_grants WHERE id = ?1"), {ids.at(1)})
                      .toByteArray();
            QVERIFY(!box.isEmpty());
        }
        asHireWithSql(
            dir,
            {QStringLiteral("UPDATE credential_grants SET ended = 'renewed', sealed = NULL WHERE id = ") + current,
             QStringLiteral("UPDATE credential_grants SET ended = NULL WHERE id = ") + old});
        if (QTest::currentTestFailed())
            return;
        {
            auto m = max(dir);
            const Error revoke = Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
            QVERIFY2(!revoke, qPrintable(revoke.message));
            const QJsonArray ended = newestRevoke(*m).value(QStringLiteral("ended_grants")).toArray();
            QCOMPARE(ended.size(), 1);
            QCOMPARE(ended.first().toObject().value(QStringLiteral("id")).toInteger(), ids.at(1));
            // The row made to look live is the log's renewed one again.
            QCOMPARE(m->db()
                         .scalar(QStringLiteral("SELECT ended FROM credential_grants WHERE id = ?1"), {ids.at(0)})
                         .toString(),
                     QStringLiteral("renewed"));
            QVERIFY(!Ledger::verify(*m, m_clock.now()));
        }
        // The old row is left as the log says; the live one comes back with its box.
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_grants SET ended = NULL, ended_at = NULL, ended_by = NULL, "
                                      "sealed = ?1 WHERE id = ")
                       + current},
                      {box});
        if (QTest::currentTestFailed())
            return;
        routineActsRefuse(dir, QStringLiteral("credential_grants row %1").arg(current));
    }

    void aGrantRowDeletedAroundTheRevokeStaysRevoked()
    {
        // The hire deletes their only grant row before the revoke and puts it
        // back after: the revoke still ends the grant the log holds live.
        const QString dir = copyAt(Stage::SignedOff);
        const QList<qint64> ids = halsProdDbGrants(dir);
        QCOMPARE(ids.size(), 1);
        const QString id = QString::number(ids.first());
        asHireWithSql(dir,
                      {QStringLiteral("CREATE TABLE kept AS SELECT * FROM credential_grants WHERE id = ") + id,
                       QStringLiteral("DELETE FROM credential_grants WHERE id = ") + id});
        if (QTest::currentTestFailed())
            return;
        {
            auto m = max(dir);
            const qint64 before = m->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
            const Error revoke = Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
            // Committed, and the missing row said (exit 6).
            QCOMPARE(revoke.kind, ErrorKind::Damaged);
            QVERIFY2(revoke.message.contains(QStringLiteral("row %1").arg(id)), qPrintable(revoke.message));
            QCOMPARE(m->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(), before + 1);
            const QJsonArray ended = newestRevoke(*m).value(QStringLiteral("ended_grants")).toArray();
            QCOMPARE(ended.size(), 1);
            QCOMPARE(ended.first().toObject().value(QStringLiteral("id")).toInteger(), ids.first());
        }
        asHireWithSql(
            dir,
            {QStringLiteral("INSERT INTO credential_grants SELECT * FROM kept"), QStringLiteral("DROP TABLE kept")});
        if (QTest::currentTestFailed())
            return;
        routineActsRefuse(dir, QStringLiteral("credential_grants row %1").arg(id));
    }

    void aRevokeEndsEveryGrantOfThePairVouchedBeforeIt()
    {
        // A grant.revoke that names no row (as one an older Onramp recorded
        // when the hire had hidden theirs) still ends the pair's live grant.
        const QString dir = copyAt(Stage::SignedOff);
        const QList<qint64> ids = halsProdDbGrants(dir);
        QCOMPARE(ids.size(), 1);
        {
            auto m = max(dir);
            QVERIFY(!AuditLog::append(*m, QStringLiteral("grant.revoke"), QStringLiteral("hal"),
                                      {{QStringLiteral("credential"), QStringLiteral("prod-db")},
                                       {QStringLiteral("enrollment"), 1},
                                       {QStringLiteral("ended_grants"), QJsonArray{}}}));
        }
        routineActsRefuse(dir, QStringLiteral("credential_grants row %1").arg(ids.first()));
    }

    void aRevokeThatEndsNothingTheLogHoldsLiveDoesNotCommit()
    {
        // Revoked already; the hire plants a live row beside the ended grant.
        const QString dir = copyAt(Stage::Revoked);
        asHireWithSql(
            dir,
            {QStringLiteral("INSERT INTO credential_grants SELECT id + 100, enrollment_id, "
                            "credential_id, x'01', granted_at, expires_at, granted_by, signature, "
                            "NULL, NULL, NULL, fields FROM credential_grants WHERE credential_id = 'prod-db'")});
        if (QTest::currentTestFailed())
            return;
        auto m = max(dir);
        const qint64 before = m->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
        const Error revoke = Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
        QVERIFY(revoke);
        QVERIFY2(revoke.message.contains(QStringLiteral("nothing was changed")), qPrintable(revoke.message));
        QCOMPARE(m->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(), before);
    }

    void aNewVersionCannotRelabelAProductionCredential()
    {
        // The file sits in a shared folder the hire can write: prod-db made
        // "sandbox" and the production_hosts line dropped, imported by the admin.
        const QString dir = copyAt(Stage::SignedOff);
        auto a = ada(dir);
        QVERIFY(a);
        QByteArray relabelled = checklistFixture(QStringLiteral("authority.yaml"));
        relabelled.replace("production_hosts: [db.prod.internal]\n", "");
        relabelled.replace("environment: production\n    provider: static",
                           "environment: sandbox\n    provider: static");
        ImportOutcome outcome;
        const Error relabel =
            ChecklistStore(*a).import(parse(relabelled), m_clock.now(), &outcome, [](const QString& id) {
                return id == QLatin1String("prod-db") ? QStringLiteral("shared/authority.yaml:18") : QString();
            });
        QCOMPARE(relabel.kind, ErrorKind::InvalidInput);
        QVERIFY2(relabel.message.startsWith(QStringLiteral("shared/authority.yaml:18: credential 'prod-db'")),
                 qPrintable(relabel.message));
        QVERIFY2(relabel.message.contains(QStringLiteral("version 1")), qPrintable(relabel.message));
        // Hosts dropped from the file still guard the sandbox credentials.
        QByteArray hostless = checklistFixture(QStringLiteral("authority.yaml"));
        hostless.replace("production_hosts: [db.prod.internal]\n", "");
        hostless.replace("fields: {host: db.sandbox.internal}", "fields: {host: db.prod.internal}");
        const Error hosts = ChecklistStore(*a).import(parse(hostless), m_clock.now(), &outcome);
        QCOMPARE(hosts.kind, ErrorKind::InvalidInput);
        QVERIFY2(hosts.message.contains(QStringLiteral("production_hosts entry 'db.prod.internal' of checklist "
                                                       "'week-one' version 1")),
                 qPrintable(hosts.message));
        QList<StoredChecklist> versions;
        QVERIFY(!ChecklistStore(*a).versions(QStringLiteral("week-one"), &versions));
        QCOMPARE(versions.size(), 1);
    }

    void anEnrollmentIndexThatMisstatesARowHandsNoActAnotherRow_data()
    {
        QTest::addColumn<QStringList>("edits");
        const QString hal = QStringLiteral("(SELECT id FROM people WHERE name = 'hal')");
        const QString kim = QStringLiteral("(SELECT id FROM people WHERE name = 'kim')");
        // The enrollments' hire index now answers "hal" with kim's enrollment and back.
        QTest::newRow("entries swapped") << QStringList{
            QStringLiteral("UPDATE x SET hire_id = 0 WHERE hire_id = %1").arg(hal),
            QStringLiteral("UPDATE x SET hire_id = %1 WHERE hire_id = %2").arg(hal, kim),
            QStringLiteral("UPDATE x SET hire_id = %1 WHERE hire_id = 0").arg(kim)};
        // hal's entry is left out: hal would be enrolled on nothing, and
        // could be enrolled again past the UNIQUE constraint, which looks in
        // the same index.
        QTest::newRow("entry left out") << QStringList{QStringLiteral("DELETE FROM x WHERE hire_id = %1").arg(hal)};
        // hal's enrollment is filed under the admin: "ada" would be enrolled.
        QTest::newRow("row filed under another person")
            << QStringList{QStringLiteral("UPDATE x SET hire_id = (SELECT id FROM people WHERE name = 'ada') WHERE "
                                          "hire_id = %1")
                               .arg(hal)};
    }

    void anEnrollmentIndexThatMisstatesARowHandsNoActAnotherRow()
    {
        QFETCH(QStringList, edits);
        const QString dir = copyAt(Stage::BothSignedOff);
        QList<QVariantList> before;
        {
            auto a = ada(dir);
            QVERIFY(a);
            QVERIFY(!a->db().execute(
                QStringLiteral(
                    "SELECT * FROM enrollments NOT INDEXED UNION ALL SELECT id, enrollment_id, ifnull(ended, "
                    "''), 0, 0, 0 FROM credential_grants NOT INDEXED ORDER BY 1, 2"),
                {}, &before));
        }
        swapIndex(dir, QStringLiteral("enrollments"), QStringLiteral("sqlite_autoindex_enrollments_1"), edits);
        if (QTest::currentTestFailed())
            return;
        const auto misstated = [](const Error& e) {
            return e.kind == ErrorKind::Damaged && e.message.contains(QStringLiteral("enrollments' hire index"));
        };
        auto a = ada(dir);
        QVERIFY(a);
        // A privileged act's check leaves the enrollments out; each lookup
        // through their hire index is held to the table instead.
        const Error check = Ledger::require(*a, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        EnrollmentStatus status;
        const Error read = Enrollments(*a, m_clock).status(QStringLiteral("hal"), &status);
        QVERIFY2(misstated(read), qPrintable(read.message));
        const Error again =
            Enrollments(*a, m_clock)
                .enroll(QStringLiteral("hal"), QStringLiteral("week-one"), QStringLiteral("max"), QDate(2026, 11, 20));
        QVERIFY2(misstated(again), qPrintable(again.message));
        const Error revoke = Credentials(*a, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db"));
        QVERIFY2(misstated(revoke), qPrintable(revoke.message));
        const Error reset = People(*a).resetPassphrase(QStringLiteral("hal"), "hal's new passphrase");
        QVERIFY2(misstated(reset), qPrintable(reset.message));
        auto m = max(dir);
        QVERIFY(m);
        Enrollments mentor(*m, m_clock);
        const Error review = mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), false, {});
        QVERIFY2(misstated(review), qPrintable(review.message));
        m.reset();
        // Nothing changed: the enrollments and every grant are as they were.
        QList<QVariantList> after;
        QVERIFY(!a->db().execute(
            QStringLiteral("SELECT * FROM enrollments NOT INDEXED UNION ALL SELECT id, enrollment_id, ifnull(ended, "
                           "''), 0, 0, 0 FROM credential_grants NOT INDEXED ORDER BY 1, 2"),
            {}, &after));
        QCOMPARE(after, before);
        // `vault check` checks every index.
        QStringList report;
        const Error full = a->check(&report, m_clock.now());
        QCOMPARE(full.kind, ErrorKind::Damaged);
        QVERIFY2(full.message.contains(QStringLiteral("integrity")), qPrintable(full.message));
    }

    void aSandboxIndexThatMisstatesARowHandsNoActAnotherRow_data()
    {
        QTest::addColumn<QStringList>("edits");
        // The sandbox credentials' key index now answers hal's sandbox-db
        // with kim's row and back (hal's enrollment is 1, kim's 2).
        QTest::newRow("entries swapped") << QStringList{
            QStringLiteral("UPDATE x SET enrollment_id = 0 WHERE enrollment_id = 1"),
            QStringLiteral("UPDATE x SET enrollment_id = 1 WHERE enrollment_id = 2"),
            QStringLiteral("UPDATE x SET enrollment_id = 2 WHERE enrollment_id = 0")};
        // hal's entry is left out: his sandbox-db would look never issued.
        QTest::newRow("entry left out") << QStringList{QStringLiteral("DELETE FROM x WHERE enrollment_id = 1")};
    }

    void aSandboxIndexThatMisstatesARowHandsNoActAnotherRow()
    {
        QFETCH(QStringList, edits);
        const QString dir = copyAt(Stage::BothSignedOff);
        const QString rowsSql = QStringLiteral("SELECT rowid, * FROM sandbox_credentials NOT INDEXED ORDER BY rowid");
        QList<QVariantList> before;
        {
            auto a = ada(dir);
            QVERIFY(a);
            QVERIFY(!a->db().execute(rowsSql, {}, &before));
            QCOMPARE(before.size(), 2);
        }
        swapIndex(dir, QStringLiteral("sandbox_credentials"), QStringLiteral("sqlite_autoindex_sandbox_credentials_1"),
                  edits);
        if (QTest::currentTestFailed())
            return;
        const auto misstated = [](const Error& e) {
            return e.kind == ErrorKind::Damaged && e.message.contains(QStringLiteral("sandbox credentials' key index"));
        };
        auto a = ada(dir);
        QVERIFY(a);
        const Error check = Ledger::require(*a, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        // Sealing hal's sandbox again to a new key would replace the row the
        // index names for him.
        const Error reset = People(*a).resetPassphrase(QStringLiteral("hal"), "hal's new passphrase");
        QVERIFY2(misstated(reset), qPrintable(reset.message));
        // Moving hal to another checklist issues what he lacks and
        // withdraws what the checklist does not have.
        QByteArray other = checklistFixture(QStringLiteral("authority.yaml"));
        other.replace("id: week-one", "id: week-two");
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*a).import(parse(other), m_clock.now(), &outcome));
        const Error move = Enrollments(*a, m_clock).moveTo(QStringLiteral("hal"), QStringLiteral("week-two"), 1);
        QVERIFY2(misstated(move), qPrintable(move.message));
        // hal's own read is held to the table too.
        {
            auto h = hal(dir);
            QVERIFY(h);
            CredentialView view;
            SecureBytes secret;
            const Error own = Credentials(*h, m_clock).read(QStringLiteral("sandbox-db"), &view, &secret);
            QVERIFY2(misstated(own), qPrintable(own.message));
        }
        // Nothing changed: every sandbox row is as it was.
        QList<QVariantList> after;
        QVERIFY(!a->db().execute(rowsSql, {}, &after));
        QCOMPARE(after, before);
        QStringList report;
        const Error full = a->check(&report, m_clock.now());
        QCOMPARE(full.kind, ErrorKind::Damaged);
        QVERIFY2(full.message.contains(QStringLiteral("integrity")), qPrintable(full.message));
    }

    void aNameIndexThatMisstatesAPersonHandsNoActAnotherRow_data()
    {
        QTest::addColumn<QStringList>("edits");
        // The people's name index now answers "kim" with max's row and back:
        // an act naming the hire kim would land on the mentor max.
        QTest::newRow("entries swapped") << QStringList{QStringLiteral("UPDATE x SET name = 'tmp' WHERE name = 'kim'"),
                                                        QStringLiteral("UPDATE x SET name = 'kim' WHERE name = 'max'"),
                                                        QStringLiteral("UPDATE x SET name = 'max' WHERE name = 'tmp'")};
        // kim's entry is left out: "kim" would be no one, and could be added
        // again past the UNIQUE constraint, which looks in the same index.
        QTest::newRow("entry left out") << QStringList{QStringLiteral("DELETE FROM x WHERE name = 'kim'")};
        // kim's row is filed under another name: "zed" would be kim.
        QTest::newRow("row filed under another name")
            << QStringList{QStringLiteral("UPDATE x SET name = 'zed' WHERE name = 'kim'")};
    }

    void aNameIndexThatMisstatesAPersonHandsNoActAnotherRow()
    {
        QFETCH(QStringList, edits);
        const QString dir = copyAt(Stage::BothSignedOff);
        swapIndex(dir, QStringLiteral("people"), QStringLiteral("sqlite_autoindex_people_1"), edits);
        if (QTest::currentTestFailed())
            return;
        const auto misstated = [](const Error& e) {
            return e.kind == ErrorKind::Damaged && e.message.contains(QStringLiteral("people's name index"));
        };
        auto a = ada(dir);
        QVERIFY(a);
        // A privileged act's check leaves the name index out; each lookup
        // through it is held to the table instead.
        const Error check = Ledger::require(*a, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        for (const QString& name : {QStringLiteral("kim"), QStringLiteral("zed")}) {
            EnrollmentStatus status;
            const Error read = Enrollments(*a, m_clock).status(name, &status);
            if (name == QLatin1String("zed") && !read) {
                QFAIL("zed, whom no entry added, has a status");
            } else if (name == QLatin1String("kim") || read.kind != ErrorKind::InvalidInput) {
                QVERIFY2(misstated(read), qPrintable(name + QStringLiteral(": ") + read.message));
            }
        }
        const Error disable = People(*a).disable(QStringLiteral("kim"));
        QVERIFY2(misstated(disable), qPrintable(disable.message));
        const Error again = People(*a).add(QStringLiteral("kim"), {}, Role::Hire, "kim once more");
        QVERIFY2(again.kind == ErrorKind::InvalidInput || misstated(again), qPrintable(again.message));
        const Error revoke = Credentials(*a, m_clock).revoke(QStringLiteral("kim"), QStringLiteral("prod-db"));
        QVERIFY2(misstated(revoke), qPrintable(revoke.message));
        // Nothing changed: kim is still who the log says, and alone.
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM people NOT INDEXED WHERE name = 'kim' AND "
                                            "disabled = 0 AND role = 'hire'"))
                     .toLongLong(),
                 1);
        QCOMPARE(a->people().size(),
                 a->db().scalar(QStringLiteral("SELECT count(*) FROM people NOT INDEXED")).toLongLong());
        QCOMPARE(
            a->db()
                .scalar(QStringLiteral("SELECT count(*) FROM credential_grants NOT INDEXED WHERE ended IS NOT NULL"))
                .toLongLong(),
            0);
        // `vault check` checks every index.
        QStringList report;
        const Error full = a->check(&report, m_clock.now());
        QCOMPARE(full.kind, ErrorKind::Damaged);
        QVERIFY2(full.message.contains(QStringLiteral("integrity")), qPrintable(full.message));
    }

    void aMoveTheLogsIndexMisstatesCountsForNothing_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("edit");
        // hal was approved and signed off on version 1, then moved to
        // version 2, so the approval counts no more: the index leaves the
        // move out, and a status read through it would count the approval
        // again (max could sign hal off unreviewed).
        QTest::newRow("move left out") << int(Stage::Moved)
                                       << QStringLiteral("UPDATE x SET action = 'step.note' WHERE action = "
                                                         "'enrollment.move'");
        // An approval of hal's filed as a move: it would set hal's reviews apart.
        QTest::newRow("approval filed as a move")
            << int(Stage::SignedOff)
            << QStringLiteral("UPDATE x SET action = 'enrollment.move' WHERE seq = (SELECT max(seq) FROM x WHERE "
                              "action = 'step.approve')");
    }

    void aMoveTheLogsIndexMisstatesCountsForNothing()
    {
        QFETCH(int, stage);
        QFETCH(QString, edit);
        const QString dir = copyAt(Stage(stage));
        swapIndex(dir, QStringLiteral("audit_log"), QStringLiteral("audit_log_by_action"), {edit});
        if (QTest::currentTestFailed())
            return;
        auto m = max(dir);
        QVERIFY(m);
        Enrollments mentor(*m, m_clock);
        EnrollmentStatus status;
        const Error read = mentor.status(QStringLiteral("hal"), &status);
        QCOMPARE(read.kind, ErrorKind::Damaged);
        QVERIFY2(read.message.contains(QStringLiteral("audit_log"))
                     || read.message.contains(QStringLiteral("audit log")),
                 qPrintable(read.message));
        const Error review = mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {});
        QCOMPARE(review.kind, ErrorKind::Damaged);
        const Error signoff = mentor.signOff(QStringLiteral("hal"));
        QCOMPARE(signoff.kind, ErrorKind::Damaged);
    }

    void anAuditIndexFilingAnApprovalAsASignOffDecidesNothing()
    {
        // The log's index by action now files the mentor's approvals under
        // "signoff": the audit page filtered on sign-offs would show one
        // nobody gave. A privileged act's check no longer reads the log's
        // indexes whole (each lookup a decision makes through them is
        // checked against the walk of the log, or avoids them), so acts go
        // on and decide as before; `audit verify` and `vault check` name it.
        const QString dir = copyAt(Stage::BothSignedOff);
        const auto filtered = [&](const QString& action) {
            auto reader = ada(dir);
            QList<AuditEntry> entries;
            AuditQuery query;
            query.action = action;
            if (!reader || AuditLog::entries(reader->db(), query, &entries))
                return QStringList{QStringLiteral("the log could not be read")};
            QStringList found;
            for (const AuditEntry& e : std::as_const(entries))
                found << QString::number(e.sequence) + QLatin1Char(' ') + e.action;
            return found;
        };
        const QStringList signoffs = filtered(QStringLiteral("signoff"));
        const QStringList approvals = filtered(QStringLiteral("step.approve"));
        QVERIFY(!approvals.isEmpty());
        swapIndex(dir, QStringLiteral("audit_log"), QStringLiteral("audit_log_by_action"),
                  {QStringLiteral("UPDATE x SET action = 'signoff' WHERE action = 'step.approve'")});
        if (QTest::currentTestFailed())
            return;
        // What the audit page and `audit log` show comes from the entries.
        QCOMPARE(filtered(QStringLiteral("signoff")), signoffs);
        QCOMPARE(filtered(QStringLiteral("step.approve")), approvals);
        auto a = ada(dir);
        QVERIFY(a);
        const Error check = Ledger::require(*a, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        AuditVerification verification;
        const Error verified = AuditVerifier::verify(*a, &verification);
        QCOMPARE(verified.kind, ErrorKind::Damaged);
        QVERIFY2(verified.message.contains(QStringLiteral("integrity check of the audit log")),
                 qPrintable(verified.message));
        QStringList report;
        const Error full = a->check(&report, m_clock.now());
        QCOMPARE(full.kind, ErrorKind::Damaged);
        QVERIFY2(full.message.contains(QStringLiteral("integrity")), qPrintable(full.message));
        a.reset();
        // hal's and kim's standing read as before: both signed off.
        auto m = max(dir);
        QVERIFY(m);
        for (const QString& hire : {QStringLiteral("hal"), QStringLiteral("kim")}) {
            EnrollmentStatus status;
            const Error read = Enrollments(*m, m_clock).status(hire, &status);
            QVERIFY2(!read, qPrintable(read.message));
            QCOMPARE(status.signedOffBy, QStringLiteral("max"));
        }
    }

    void aTriggerHiddenBehindAnSqliteNameIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("sqlite_stat1") << QStringLiteral("sqlite_stat1");
        QTest::newRow("sqlite_stat4") << QStringLiteral("sqlite_stat4");
        QTest::newRow("sqlite_sequence") << QStringLiteral("sqlite_sequence");
    }

    void aTriggerHiddenBehindAnSqliteNameIsRefused()
    {
        // SQLite refuses such names to CREATE TRIGGER; writable_schema does not.
        // The trigger would undo the revocation inside the admin's cred set.
        QFETCH(QString, name);
        const QString dir = copyAt(Stage::Revoked);
        {
            auto h = hal(dir);
            QVERIFY(h);
            int old = 0;
            sqlite3_db_config(h->db().handle(), SQLITE_DBCONFIG_DEFENSIVE, 0, &old);
            QVERIFY(!h->db().execute(QStringLiteral("PRAGMA writable_schema = ON")));
            QVERIFY(!h->db().execute(QStringLiteral("INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) "
                                                    "VALUES ('trigger', ?1, 'credential_secrets', 0, ?2)"),
                                     {name,
                                      QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON credential_secrets BEGIN "
                                                     "UPDATE credential_grants SET ended = NULL, ended_at = NULL, "
                                                     "ended_by = NULL; END")
                                          .arg(name)}));
            QVERIFY(!h->db().execute(QStringLiteral("PRAGMA writable_schema = OFF")));
        }
        routineActsRefuse(dir, QStringLiteral("a trigger '%1'").arg(name));
    }

    void anEntryCannotPassItselfOffAsSomeoneElses()
    {
        // A hire may sign entries about themselves, but not under the mentor's name.
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto h = hal(dir);
            QVERIFY(h);
            const Person asMax{h->me().id, QStringLiteral("max"), {}, Role::Hire, false, h->me().signPublicKey};
            Database::Transaction tx(h->db());
            QVERIFY(!AuditLog::appendUnmirrored(h->db(), asMax, [&h](QByteArrayView m) { return h->sign(m); },
                                                QStringLiteral("step.done"), QStringLiteral("hal"),
                                                {{QStringLiteral("step"), QStringLiteral("handbook")}}));
            QVERIFY(!tx.commit());
        }
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        damagedSaying(check, {QStringLiteral("it names its actor max, but person 3 is hal by the log")});
    }

    void keptSecretsSwappedBetweenCredentialsAreFound()
    {
        const QString dir = copyAt(Stage::SignedOff); // prod-db (static) and prod-token (generated, kept) are kept
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET credential_id = CASE credential_id "
                                      "WHEN 'prod-db' THEN 'prod-token' ELSE 'prod-db' END, hire_id = NULL")});
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        damagedSaying(check, {QStringLiteral("credential_secrets: the kept secret of")});
    }

    void aRewrittenSecretIsRepairedBySettingItAgain()
    {
        // The hire cannot read the kept production secret, but can rewrite
        // its box: every decision then stops, and the admin's routine act
        // the check names, setting the secret again, is the repair.
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) "
                                      "WHERE credential_id = 'prod-db'")});
        {
            auto a = ada(dir);
            // What the admin's page offers to set again: prod-db, shared
            // by every hire (prod-token is kept per hire).
            QStringList toSetAgain;
            QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSetAgain));
            QCOMPARE(toSetAgain, QStringList{QStringLiteral("prod-db")});
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            damagedSaying(check, {QStringLiteral("the kept secret of 'prod-db'"), QStringLiteral("sets it again")});
            int delivered = 0;
            const Error set = Credentials(*a, m_clock)
                                  .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
            QVERIFY2(!set, qPrintable(set.message));
            QCOMPARE(delivered, 1); // hal's live grant holds the secret set now
            report.clear();
            const Error after = a->check(&report, m_clock.now());
            QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
            // The log says that the secret it replaced did not open.
            const QJsonObject details = newestDetails(*a, QStringLiteral("credential.set"));
            QCOMPARE(details.value(QStringLiteral("replaced_damaged")).toBool(), true);
            QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSetAgain));
            QCOMPARE(toSetAgain, QStringList());
        }
        QVERIFY(whatHalCanRead(dir).contains(kNewSecret));
    }

    void aCheckInsideATransactionRolledBackIsNotKept()
    {
        // The check a repair runs vouches for the box it put; rolled back,
        // the vault is damaged again under the same stamp, and the next
        // act checks it again instead of taking it as checked.
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) "
                                      "WHERE credential_id = 'prod-db'")});
        auto a = ada(dir);
        QCOMPARE(Ledger::require(*a, m_clock.now()).kind, ErrorKind::Damaged);
        {
            Database::Transaction transaction(a->db());
            QVERIFY(!transaction.beginError());
            QList<qint64> unopened;
            QVERIFY(!SecretStore(*a).unopened(QStringLiteral("prod-db"), 0, &unopened));
            QCOMPARE(unopened.size(), 1);
            QVERIFY(!SecretStore(*a).removeRows(unopened));
            QByteArray seal;
            QVERIFY(!SecretStore(*a).put(QStringLiteral("prod-db"), Environment::Production, 0,
                                         SecureBytes::copyOf(kNewSecret), m_clock.now(), &seal));
            QVERIFY(!AuditLog::append(*a, QStringLiteral("credential.set"), QStringLiteral("prod-db"),
                                      {{QStringLiteral("credential"), QStringLiteral("prod-db")},
                                       {QStringLiteral("environment"), QStringLiteral("production")},
                                       {records::sealKey(), QString::fromLatin1(seal.toBase64())},
                                       {QStringLiteral("delivered"), 0}}));
            const Error inside = Ledger::require(*a, m_clock.now());
            QVERIFY2(!inside, qPrintable(inside.message));
        }
        QCOMPARE(Ledger::require(*a, m_clock.now()).kind, ErrorKind::Damaged);
    }

    void everyRewrittenSecretIsRepairedOneAfterAnother_data()
    {
        QTest::addColumn<QString>("also");
        QTest::addColumn<QString>("other");
        QTest::addColumn<bool>("otherFirst");
        const QString sandboxBox = QStringLiteral(
            "UPDATE credential_secrets SET box = randomblob(length(box)) WHERE credential_id = 'sandbox-db'");
        const QString connectionBox = QStringLiteral(
            "UPDATE credential_secrets SET box = randomblob(length(box)) WHERE credential_id = 'provider:pgprod'");
        const QString connectionGone =
            QStringLiteral("DELETE FROM credential_secrets WHERE credential_id = 'provider:pgprod'");
        for (bool otherFirst : {false, true}) {
            const char* order = otherFirst ? ", that one first" : "";
            QTest::addRow("another shared secret%s", order) << sandboxBox << QStringLiteral("sandbox-db") << otherFirst;
            QTest::addRow("a connection's box%s", order) << connectionBox << QStringLiteral("pgprod") << otherFirst;
            QTest::addRow("a connection deleted%s", order) << connectionGone << QStringLiteral("pgprod") << otherFirst;
        }
    }

    // With two kept secrets rewritten, the check of the first repair finds
    // the second: each repair leaves alone what the next one sets, so the
    // admin sets them again one after another, and the vault checks clean.
    // Until the last one, every other act still refuses.
    void everyRewrittenSecretIsRepairedOneAfterAnother()
    {
        QFETCH(QString, also);
        QFETCH(QString, other);
        QFETCH(bool, otherFirst);
        const QString dir = copyAt(Stage::SignedOff);
        const QByteArray connectionPassword = "connection password";
        const auto setConnection = [&](Vault& vault) {
            return ProviderConnections(vault, m_clock)
                .set(QStringLiteral("pgprod"), QStringLiteral("host=db.prod.internal dbname=app"),
                     SecureBytes::copyOf(connectionPassword), Environment::Production);
        };
        int delivered = 0;
        {
            auto a = ada(dir);
            QVERIFY(!Credentials(*a, m_clock)
                         .setSecret(QStringLiteral("sandbox-db"), SecureBytes::copyOf("sandbox secret"), &delivered));
            QVERIFY(!setConnection(*a));
        }
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) "
                                      "WHERE credential_id = 'prod-db'"),
                       also});
        auto a = ada(dir);
        const auto offered = [&] {
            QStringList all;
            QStringList connections;
            if (Credentials(*a, m_clock).secretsToSetAgain(&all)
                || ProviderConnections(*a, m_clock).toSetAgain(&connections))
                return QStringList{QStringLiteral("(failed)")};
            return all + connections;
        };
        const QString prodDb = QStringLiteral("prod-db");
        QCOMPARE(offered(), (QStringList{prodDb, other}));
        const auto setProdDb = [&] {
            return Credentials(*a, m_clock).setSecret(prodDb, SecureBytes::copyOf(kNewSecret), &delivered);
        };
        const auto setOther = [&] {
            return other == QLatin1String("pgprod")
                ? setConnection(*a)
                : Credentials(*a, m_clock)
                      .setSecret(QStringLiteral("sandbox-db"), SecureBytes::copyOf("sandbox secret"), &delivered);
        };
        // The repair's signed entry: that it replaced what did not open, and what it stepped over.
        const auto newestSet = [&] {
            return QJsonDocument::fromJson(a->db()
                                               .scalar(QStringLiteral("SELECT details FROM audit_log WHERE action IN "
                                                                      "('credential.set', 'provider.set') ORDER BY "
                                                                      "seq DESC LIMIT 1"))
                                               .toString()
                                               .toUtf8())
                .object();
        };
        const Error first = otherFirst ? setOther() : setProdDb();
        QVERIFY2(!first, qPrintable(first.message));
        // What is left still stops every other act, and names itself.
        const QString second = otherFirst ? prodDb : other;
        QCOMPARE(newestSet().value(QStringLiteral("replaced_damaged")).toBool(), true);
        QCOMPARE(newestSet().value(QStringLiteral("left_damaged")).toArray(), QJsonArray{second});
        QCOMPARE(offered(), QStringList{second});
        const Error left = Ledger::require(*a, m_clock.now());
        QCOMPARE(left.kind, ErrorKind::Damaged);
        QVERIFY2(left.message.contains(second), qPrintable(left.message));
        QStringList report;
        QCOMPARE(a->check(&report, m_clock.now()).kind, ErrorKind::Damaged);
        QDateTime expires;
        {
            auto m = max(dir);
            QCOMPARE(Credentials(*m, m_clock).renew(QStringLiteral("hal"), prodDb, &expires).kind, ErrorKind::Damaged);
        }
        const Error then = otherFirst ? setProdDb() : setOther();
        QVERIFY2(!then, qPrintable(then.message));
        QCOMPARE(newestSet().value(QStringLiteral("replaced_damaged")).toBool(), true);
        QVERIFY(!newestSet().contains(QStringLiteral("left_damaged")));
        QCOMPARE(offered(), QStringList());
        report.clear();
        const Error after = a->check(&report, m_clock.now());
        QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
        a.reset();
        QVERIFY(whatHalCanRead(dir).contains(kNewSecret));
    }

    // A repair's check that leaves another repair's box walks the whole log
    // and sets no verified stamp: the moves its walk found still hold the
    // log's index by action to the log, so a move filed as something else
    // is refused inside the repair as outside it.
    void aRepairHoldsTheLogsIndexToTheLogToo()
    {
        const QString dir = copyAt(Stage::Moved);
        {
            auto a = ada(dir);
            int delivered = 0;
            QVERIFY(!Credentials(*a, m_clock)
                         .setSecret(QStringLiteral("sandbox-db"), SecureBytes::copyOf("sandbox secret"), &delivered));
        }
        swapIndex(dir, QStringLiteral("audit_log"), QStringLiteral("audit_log_by_action"),
                  {QStringLiteral("UPDATE x SET action = 'step.note' WHERE action = 'enrollment.move'")});
        if (QTest::currentTestFailed())
            return;
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) WHERE "
                                      "credential_id IN ('prod-db', 'sandbox-db')")});
        auto a = ada(dir);
        const qint64 entries = a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
        int delivered = 0;
        const Error set =
            Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QCOMPARE(set.kind, ErrorKind::Damaged);
        QVERIFY2(set.message.contains(QStringLiteral("index by action")), qPrintable(set.message));
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(), entries);
    }

    // A row planted under an id no checklist's static credential names
    // fails the check like a rewritten one, but nothing could set it again:
    // it is offered for removal instead, and removing it is the repair.
    void aKeptSecretNoChecklistUsesIsRemovedNotSet()
    {
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, box, "
                                      "set_at, set_by) VALUES ('ghost-db', 'production', NULL, randomblob(64), "
                                      "'2026-01-01T00:00:00.000Z', 1)"),
                       QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) "
                                      "WHERE credential_id = 'prod-db'")});
        auto a = ada(dir);
        const auto offered = [&] {
            QStringList toSet;
            QStringList toRemove;
            if (Credentials(*a, m_clock).secretsToSetAgain(&toSet, &toRemove))
                return QStringList{QStringLiteral("(failed)")};
            return toSet + QStringList{QStringLiteral("|")} + toRemove;
        };
        const QString bar = QStringLiteral("|");
        QCOMPARE(offered(), (QStringList{QStringLiteral("prod-db"), bar, QStringLiteral("ghost-db")}));
        const Error check = Ledger::require(*a, m_clock.now());
        damagedSaying(check, {QStringLiteral("removes it")});

        // Neither act fits the other's item, and a refused one changes nothing.
        const qint64 entries = a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
        int delivered = 0;
        const Error setGhost =
            Credentials(*a, m_clock).setSecret(QStringLiteral("ghost-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QCOMPARE(setGhost.kind, ErrorKind::InvalidInput);
        QVERIFY2(setGhost.message.contains(QStringLiteral("ghost-db")), qPrintable(setGhost.message));
        const Error unsetUsed = Credentials(*a, m_clock).unsetSecret(QStringLiteral("prod-db"));
        QCOMPARE(unsetUsed.kind, ErrorKind::InvalidInput);
        QVERIFY2(unsetUsed.message.contains(QStringLiteral("set its secret again")), qPrintable(unsetUsed.message));
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(), entries);
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT count(*) FROM credential_secrets")).toLongLong(), 3);

        const auto newest = [&] {
            return QJsonDocument::fromJson(a->db()
                                               .scalar(QStringLiteral("SELECT details FROM audit_log ORDER BY seq "
                                                                      "DESC LIMIT 1"))
                                               .toString()
                                               .toUtf8())
                .object();
        };
        const Error removed = Credentials(*a, m_clock).unsetSecret(QStringLiteral("ghost-db"));
        QVERIFY2(!removed, qPrintable(removed.message));
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")).toString(),
                 QStringLiteral("credential.unset"));
        QCOMPARE(newest().value(QStringLiteral("replaced_damaged")).toBool(), true);
        QCOMPARE(newest().value(QStringLiteral("left_damaged")).toArray(), QJsonArray{QStringLiteral("prod-db")});
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id = 'ghost-db'"))
                     .toLongLong(),
                 0);
        QCOMPARE(offered(), (QStringList{QStringLiteral("prod-db"), bar}));
        QCOMPARE(Ledger::require(*a, m_clock.now()).kind, ErrorKind::Damaged);

        const Error set =
            Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QVERIFY2(!set, qPrintable(set.message));
        QStringList report;
        const Error after = a->check(&report, m_clock.now());
        QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
        QCOMPARE(offered(), QStringList{bar});
        // On a vault that checks clean there is nothing to remove.
        const Error nothing = Credentials(*a, m_clock).unsetSecret(QStringLiteral("ghost-db"));
        QCOMPARE(nothing.kind, ErrorKind::InvalidInput);
        QVERIFY2(nothing.message.contains(QStringLiteral("ghost-db")), qPrintable(nothing.message));
    }

    // Another hire's kept generated secret, its hire rewritten to NULL,
    // fails the check as a shared secret would, but a checklist names its
    // id: neither setting it nor removing it is offered, and removing it is
    // refused, so that no admin's act signs that nothing uses it.
    void aHiresKeptSecretPassingForASharedOneIsNotRemoved()
    {
        const QString dir = copyAt(Stage::BothSignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET hire_id = NULL WHERE credential_id = "
                                      "'prod-token' AND hire_id = (SELECT id FROM people WHERE name = 'kim')")});
        auto a = ada(dir);
        QCOMPARE(Ledger::require(*a, m_clock.now()).kind, ErrorKind::Damaged);
        QStringList toSet{QStringLiteral("(not read)")};
        QStringList toRemove{QStringLiteral("(not read)")};
        QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSet, &toRemove));
        QCOMPARE(toSet, QStringList());
        QCOMPARE(toRemove, QStringList());
        const qint64 rows = a->db().scalar(QStringLiteral("SELECT count(*) FROM credential_secrets")).toLongLong();
        const qint64 entries = a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
        const Error unset = Credentials(*a, m_clock).unsetSecret(QStringLiteral("prod-token"));
        QCOMPARE(unset.kind, ErrorKind::InvalidInput);
        QVERIFY2(unset.message.contains(QStringLiteral("checklist 'week-one' version 1 names 'prod-token'")),
                 qPrintable(unset.message));
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT count(*) FROM credential_secrets")).toLongLong(), rows);
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(), entries);
        // Nor does the repair reach a connection's row.
        QCOMPARE(Credentials(*a, m_clock).unsetSecret(QStringLiteral("provider:pgprod")).kind, ErrorKind::InvalidInput);
    }

    // A static credential the latest version dropped that hires on an older
    // version still receive: its box rewritten, it is not offered for
    // removal (nor for setting, which the latest version decides), and
    // removing it is refused.
    void aSecretAnOlderVersionUsesIsNotRemoved()
    {
        const QString dir = copyAt(Stage::Enrolled);
        {
            auto a = ada(dir);
            QByteArray v2 = checklistFixture(QStringLiteral("authority.yaml"));
            const qsizetype from = v2.indexOf("  - id: prod-db");
            const qsizetype to = v2.indexOf("  - id: prod-token");
            QVERIFY(from > 0 && to > from);
            v2.remove(from, to - from);
            ImportOutcome outcome;
            const Error imported = ChecklistStore(*a).import(parse(v2), m_clock.now(), &outcome);
            QVERIFY2(!imported, qPrintable(imported.message));
            QCOMPARE(outcome.version, 2);
            QVERIFY(!Enrollments(*a, m_clock).move(QStringLiteral("hal"), 2)); // kim stays on version 1
        }
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) WHERE "
                                      "credential_id = 'prod-db'")});
        auto a = ada(dir);
        QStringList toSet;
        QStringList toRemove;
        QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSet, &toRemove));
        QCOMPARE(toRemove, QStringList());
        const Error unset = Credentials(*a, m_clock).unsetSecret(QStringLiteral("prod-db"));
        QCOMPARE(unset.kind, ErrorKind::InvalidInput);
        QVERIFY2(unset.message.contains(QStringLiteral("version 1 names 'prod-db'")), qPrintable(unset.message));
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id = 'prod-db'"))
                     .toLongLong(),
                 1);
    }

    // A kept row whose id is stored as a blob reads as the same text, but no
    // act's lookup by text finds it: the check names it by its row number
    // for a restore, and nothing offers a repair no act could make.
    void aKeptRowStoredAsABlobIsNamedForARestore()
    {
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, box, "
                                      "set_at, set_by) VALUES (CAST('ghost-db' AS BLOB), 'production', NULL, "
                                      "randomblob(64), '2026-01-01T00:00:00.000Z', 1)")});
        auto a = ada(dir);
        const Error check = Ledger::require(*a, m_clock.now());
        damagedSaying(check,
                      {QStringLiteral("is not stored as Onramp stores a kept secret"), QStringLiteral("restore")});
        QStringList toSet;
        QStringList toRemove;
        QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSet, &toRemove));
        QCOMPARE(toSet + toRemove, QStringList());
    }

    // A box planted under a connection name no admin set: the check says an
    // admin sets that connection, and setting it, as a new connection,
    // replaces the planted box and checks the whole vault again.
    void aConnectionBoxPlantedUnderANewNameIsReplacedBySettingIt()
    {
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, box, "
                                      "set_at, set_by) VALUES ('provider:ghost', 'production', NULL, randomblob(64), "
                                      "'2026-01-01T00:00:00.000Z', 1)")});
        auto a = ada(dir);
        const Error check = Ledger::require(*a, m_clock.now());
        damagedSaying(check, {QStringLiteral("an admin sets connection ghost again")});
        const Error set = ProviderConnections(*a, m_clock)
                              .set(QStringLiteral("ghost"), QStringLiteral("host=db.prod.internal dbname=app"),
                                   SecureBytes::copyOf("connection password"), Environment::Production);
        QVERIFY2(!set, qPrintable(set.message));
        QStringList report;
        const Error after = a->check(&report, m_clock.now());
        QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
        const QJsonObject details = newestDetails(*a, QStringLiteral("provider.set"));
        QCOMPARE(details.value(QStringLiteral("replaced_damaged")).toBool(), true);
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id = "
                                            "'provider:ghost'"))
                     .toLongLong(),
                 1);
    }

    // A connection's row rewritten to name hire 0 instead of NULL still
    // opens (0 stands for "shared" in its context), but is not the row a
    // signed provider.set made: the check names it missing, the admin's
    // page offers it, and setting it again puts the row back as Onramp
    // writes it.
    void aConnectionRowPassingForHireZeroIsSetAgain_data()
    {
        QTest::addColumn<QString>("hire");
        QTest::newRow("hire 0") << QStringLiteral("0");
        // A connection is never a hire's: a row naming one is put back too.
        QTest::newRow("a hire's id") << QStringLiteral("(SELECT id FROM people WHERE name = 'hal')");
        QTest::newRow("a text") << QStringLiteral("'x'");
    }

    void aConnectionRowPassingForHireZeroIsSetAgain()
    {
        QFETCH(QString, hire);
        const QString dir = copyAt(Stage::SignedOff);
        const auto setConnection = [&](Vault& vault) {
            return ProviderConnections(vault, m_clock)
                .set(QStringLiteral("pgprod"), QStringLiteral("host=db.prod.internal dbname=app"),
                     SecureBytes::copyOf("connection password"), Environment::Production);
        };
        {
            auto a = ada(dir);
            QVERIFY(!setConnection(*a));
        }
        asHireWithSql(
            dir,
            {QStringLiteral("UPDATE credential_secrets SET hire_id = %1 WHERE credential_id = 'provider:pgprod'")
                 .arg(hire)});
        auto a = ada(dir);
        const Error check = Ledger::require(*a, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("provider:pgprod"))
                     || check.message.contains(QStringLiteral("is not stored as Onramp stores a kept secret")),
                 qPrintable(check.message));
        QStringList names;
        QVERIFY(!ProviderConnections(*a, m_clock).toSetAgain(&names));
        QCOMPARE(names, QStringList{QStringLiteral("pgprod")});
        const Error set = setConnection(*a);
        QVERIFY2(!set, qPrintable(set.message));
        QStringList report;
        const Error after = a->check(&report, m_clock.now());
        QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id = "
                                            "'provider:pgprod' AND hire_id IS NULL"))
                     .toLongLong(),
                 1);
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_secrets WHERE credential_id = "
                                            "'provider:pgprod'"))
                     .toLongLong(),
                 1);
        QVERIFY(!ProviderConnections(*a, m_clock).toSetAgain(&names));
        QCOMPARE(names, QStringList());
    }

    /// The shared kept row of \a credentialId, every column, as the hire
    /// reads it with the master key (a copy kept for later).
    QVariantList keptRow(const QString& dir, const QString& credentialId)
    {
        auto h = hal(dir);
        return h ? keptRowOf(h->db(), credentialId) : QVariantList();
    }

    /// \a check is ErrorKind::Damaged and says each of \a said.
    static void damagedSaying(const Error& check, const QStringList& said)
    {
        QCOMPARE(check.kind, ErrorKind::Damaged);
        for (const QString& words : said)
            QVERIFY2(check.message.contains(words), qPrintable(check.message));
    }

    /// What a hire who means to undo a rotation keeps: prod-db's row as it
    /// is kept now. Then the admin rotates the secret (cred set kNewSecret,
    /// sealed to hal), and the vault checks clean. Empty when any of it failed.
    QVariantList copiedThenRotated(const QString& dir)
    {
        const QVariantList earlier = keptRow(dir, QStringLiteral("prod-db"));
        auto a = ada(dir);
        int delivered = 0;
        const Error set = a
            ? Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered)
            : Error(ErrorKind::Io, QStringLiteral("ada did not sign in"));
        QStringList report;
        const Error clean = set ? set : a->check(&report, m_clock.now());
        if (clean || delivered != 1) {
            qWarning().noquote() << "the rotation did not hold:" << clean.message << "delivered" << delivered;
            return {};
        }
        return earlier;
    }

    /// The hire puts \a row (from keptRow()) back in the place of the row
    /// kept now; with \a hireZero, naming hire 0 instead of NULL (which
    /// reads as the shared one too).
    void putRowBack(const QString& dir, QVariantList row, bool hireZero = false)
    {
        QVERIFY(!row.isEmpty());
        if (hireZero)
            row[2] = 0;
        auto h = hal(dir);
        QVERIFY(h);
        QVERIFY(!h->db().execute(QStringLiteral("PRAGMA foreign_keys = OFF"))); // hire 0 is nobody
        const Error e = putKeptRowBack(h->db(), row);
        QVERIFY2(!e, qPrintable(e.message));
    }

    /// The details of the newest entry of \a action.
    static QJsonObject newestDetails(Vault& vault, const QString& action)
    {
        return QJsonDocument::fromJson(vault.db()
                                           .scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = ?1 "
                                                                  "ORDER BY seq DESC LIMIT 1"),
                                                   {action})
                                           .toString()
                                           .toUtf8())
            .object();
    }

    // The admin rotates a leaked production secret (cred set); the hire,
    // who kept a copy of the row from before, puts it back. It opens (the
    // same key, credential, environment and hire), but it is not the box the
    // admin's newest signed credential.set stored: the check finds it before
    // a mentor's renewal seals the leaked secret to anyone, the admin's page
    // offers to set it again, and that repairs it.
    void anEarlierSecretPutBackIsFoundAndSetAgain_data()
    {
        QTest::addColumn<bool>("hireZero");
        QTest::newRow("as the shared row") << false;
        QTest::newRow("as hire 0") << true;
    }

    void anEarlierSecretPutBackIsFoundAndSetAgain()
    {
        QFETCH(bool, hireZero);
        const QString dir = copyAt(Stage::SignedOff);
        const QVariantList earlier = copiedThenRotated(dir);
        putRowBack(dir, earlier, hireZero);
        {
            auto m = max(dir);
            QDateTime expires;
            const Error renew =
                Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires);
            QCOMPARE(renew.kind, ErrorKind::Damaged);
            QVERIFY2(renew.message.contains(QStringLiteral("the kept secret of 'prod-db' (production) is not the one"))
                         && renew.message.contains(QStringLiteral("an earlier one was put back")),
                     qPrintable(renew.message));
        }
        QVERIFY(!whatHalCanRead(dir).contains(kFirstSecret));
        const QByteArray third = "third production secret, after the put-back";
        {
            auto a = ada(dir);
            QStringList report;
            QCOMPARE(a->check(&report, m_clock.now()).kind, ErrorKind::Damaged);
            QStringList toSetAgain;
            QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSetAgain));
            QCOMPARE(toSetAgain, QStringList{QStringLiteral("prod-db")});
            int delivered = 0;
            const Error set =
                Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(third), &delivered);
            QVERIFY2(!set, qPrintable(set.message));
            report.clear();
            const Error after = a->check(&report, m_clock.now());
            QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
            const QJsonObject details = newestDetails(*a, QStringLiteral("credential.set"));
            QCOMPARE(details.value(QStringLiteral("replaced_damaged")).toBool(), true);
            QVERIFY(!details.contains(QStringLiteral("left_damaged")));
            QCOMPARE(details.value(QStringLiteral("environment")).toString(), QStringLiteral("production"));
            QCOMPARE(QByteArray::fromBase64(details.value(QStringLiteral("seal")).toString().toLatin1()),
                     keptRow(dir, QStringLiteral("prod-db")).last().toByteArray());
        }
        {
            auto m = max(dir);
            QDateTime expires;
            const Error renew =
                Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires);
            QVERIFY2(!renew, qPrintable(renew.message));
        }
        const QList<QByteArray> read = whatHalCanRead(dir);
        QVERIFY(read.contains(third));
        QVERIFY(!read.contains(kFirstSecret));
        QVERIFY(!read.contains(kNewSecret));
    }

    // The same for a provider connection: an earlier box (the same address,
    // the password before the admin changed it) put back is not the one the
    // newest provider.set stored, and setting the connection again repairs it.
    void anEarlierConnectionPutBackIsFoundAndSetAgain()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const auto setConnection = [&](Vault& vault, const QByteArray& password) {
            return ProviderConnections(vault, m_clock)
                .set(QStringLiteral("pgprod"), QStringLiteral("host=db.prod.internal dbname=app"),
                     SecureBytes::copyOf(password), Environment::Production);
        };
        {
            auto a = ada(dir);
            QVERIFY(!setConnection(*a, "the leaked password"));
        }
        const QVariantList earlier = keptRow(dir, QStringLiteral("provider:pgprod"));
        {
            auto a = ada(dir);
            QVERIFY(!setConnection(*a, "the new password"));
        }
        putRowBack(dir, earlier);
        auto a = ada(dir);
        const Error check = Ledger::require(*a, m_clock.now());
        damagedSaying(check,
                      {QStringLiteral("'provider:pgprod' (production) is not the one"),
                       QStringLiteral("an admin sets connection pgprod again")});
        QString dsn;
        SecureBytes password;
        QCOMPARE(ProviderConnections(*a, m_clock).open(QStringLiteral("pgprod"), &dsn, &password).kind,
                 ErrorKind::Damaged);
        QStringList names;
        QVERIFY(!ProviderConnections(*a, m_clock).toSetAgain(&names));
        QCOMPARE(names, QStringList{QStringLiteral("pgprod")});
        const Error set = setConnection(*a, "the newest password");
        QVERIFY2(!set, qPrintable(set.message));
        QStringList report;
        const Error after = a->check(&report, m_clock.now());
        QVERIFY2(!after, qPrintable(after.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
        QVERIFY(!ProviderConnections(*a, m_clock).open(QStringLiteral("pgprod"), &dsn, &password));
        QCOMPARE(password.view().toByteArray(), QByteArray("the newest password"));
    }

    // A vault from before seals (schema 10): its kept secret has none, and
    // the newest credential.set names none. After the migration it checks
    // as before; a sealed box put back in its place is found; setting it
    // again seals it.
    void aSecretKeptBeforeSealsChecksAsBeforeUntilSetAgain()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const QVariantList sealed = keptRow(dir, QStringLiteral("prod-db"));
        {
            // As Onramp wrote it before: a box without a seal, an entry without one.
            auto a = ada(dir);
            Database::Transaction transaction(a->db());
            QVERIFY(!transaction.beginError());
            const QByteArray box = crypto::encrypt(
                kFirstSecret, a->productionKey(),
                productionkey::secretContext(QStringLiteral("prod-db"), QStringLiteral("production"), 0));
            QVERIFY(!a->db().execute(QStringLiteral("UPDATE credential_secrets SET box = ?1, seal = NULL WHERE "
                                                    "credential_id = 'prod-db' AND hire_id IS NULL"),
                                     {box}));
            QVERIFY(!AuditLog::append(
                *a, QStringLiteral("credential.set"), QStringLiteral("prod-db"),
                {{QStringLiteral("credential"), QStringLiteral("prod-db")}, {QStringLiteral("delivered"), 0}}));
            QVERIFY(!transaction.commit());
            QVERIFY(!a->db().execute(QStringLiteral("ALTER TABLE credential_secrets DROP COLUMN seal")));
            QVERIFY(!a->db().execute(QStringLiteral("PRAGMA user_version = 10")));
        }
        const QVariantList before = keptRow(dir, QStringLiteral("prod-db")); // migrated: a NULL seal
        QVERIFY(QFile::exists(dir + QStringLiteral("/vault.db.backup-v10")));
        QCOMPARE(before.size(), sealed.size());
        QVERIFY(before.last().isNull());
        {
            auto a = ada(dir);
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            QVERIFY2(!check, qPrintable(check.message));
        }
        putRowBack(dir, sealed);
        {
            auto a = ada(dir);
            const Error check = Ledger::require(*a, m_clock.now());
            damagedSaying(check, {QStringLiteral("an earlier one was put back")});
            int delivered = 0;
            const Error set = Credentials(*a, m_clock)
                                  .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
            QVERIFY2(!set, qPrintable(set.message));
        }
        // Sealed now: the box from before seals is an earlier one too.
        putRowBack(dir, before);
        auto a = ada(dir);
        QCOMPARE(Ledger::require(*a, m_clock.now()).kind, ErrorKind::Damaged);
    }

    // While an admin's session is open, the hire puts the earlier row back
    // and appends a forged credential.set naming its seal. The walk refuses
    // the entry; what the session's repair offers is not taken from it: a
    // log the walk could not take names no seal, so the offer is the
    // check's error, not a list without the earlier row.
    void aForgedEntryNamingAnEarlierSealDecidesNothing()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const QVariantList earlier = copiedThenRotated(dir);
        QVERIFY(!earlier.isEmpty());
        auto a = ada(dir);
        QStringList report;
        const Error clean = a->check(&report, m_clock.now());
        QVERIFY2(!clean, qPrintable(clean.message));
        putRowBack(dir, earlier);
        asHireWithSql(dir,
                      {QStringLiteral("INSERT INTO audit_log SELECT (SELECT max(seq) + 1 FROM audit_log), at, "
                                      "actor_id, actor_name, action, subject, json_set(details, '$.seal', ?1), "
                                      "prev_hash, hash, signature FROM audit_log WHERE seq = (SELECT max(seq) FROM "
                                      "audit_log WHERE action = 'credential.set')")},
                      {QString::fromLatin1(earlier.last().toByteArray().toBase64())});
        QStringList toSet;
        QStringList toRemove;
        const Error offered = Credentials(*a, m_clock).secretsToSetAgain(&toSet, &toRemove);
        QCOMPARE(offered.kind, ErrorKind::Damaged);
        QCOMPARE(toSet + toRemove, QStringList());
        QCOMPARE(Ledger::require(*a, m_clock.now()).kind, ErrorKind::Damaged);
        auto m = max(dir);
        QDateTime expires;
        QCOMPARE(Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires).kind,
                 ErrorKind::Damaged);
        QVERIFY(!whatHalCanRead(dir).contains(kFirstSecret));
    }

    // The newest credential.set's action rewritten as a blob of the same
    // bytes keeps its hash and reads back as the same text, but a lookup by
    // action in SQL would not find it, and the entry before it would name
    // the seal. The walk of the log refuses a column stored as another type.
    void anActionRewrittenAsABlobIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const QVariantList earlier = copiedThenRotated(dir);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE audit_log SET action = CAST(action AS BLOB) WHERE seq = (SELECT "
                                      "max(seq) FROM audit_log WHERE action = 'credential.set')")});
        putRowBack(dir, earlier);
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(QString(check.message + report.join(u'\n')).contains(QStringLiteral("stored as another type")),
                 qPrintable(check.message + QLatin1Char('\n') + report.join(u'\n')));
        auto m = max(dir);
        QDateTime expires;
        QCOMPARE(Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires).kind,
                 ErrorKind::Damaged);
        QVERIFY(!whatHalCanRead(dir).contains(kFirstSecret));
    }

    // A copy of the earlier row beside the current one under the same id
    // stored as a blob (which the unique index takes for another id): no
    // act's lookup by text finds it to replace, so it is named by its row
    // number for a restore, not offered as a repair that cannot reach it.
    void anEarlierRowUnderABlobIdIsNamedForARestore()
    {
        const QString dir = copyAt(Stage::SignedOff);
        QVariantList earlier = copiedThenRotated(dir);
        QVERIFY(!earlier.isEmpty());
        earlier[0] = earlier.first().toString().toUtf8(); // bound as a blob
        QStringList places;
        for (qsizetype i = 0; i < earlier.size(); ++i)
            places.append(QStringLiteral("?%1").arg(i + 1));
        asHireWithSql(dir, {QStringLiteral("INSERT INTO credential_secrets VALUES (%1)").arg(places.join(u','))},
                      earlier);
        auto a = ada(dir);
        const Error check = Ledger::require(*a, m_clock.now());
        damagedSaying(check,
                      {QStringLiteral("is not stored as Onramp stores a kept secret"), QStringLiteral("restore")});
        QStringList toSetAgain;
        QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSetAgain));
        QCOMPARE(toSetAgain, QStringList());
    }

    // An unset says which rows it removed: a valid box of them put back
    // afterwards is not the log's, and removing it again is the repair.
    void aSecretPutBackAfterAnUnsetIsFound()
    {
        const QString dir = copyAt(Stage::SignedOff);
        {
            // A secret no checklist names, kept as an admin's cred set keeps one.
            auto a = ada(dir);
            Database::Transaction transaction(a->db());
            QVERIFY(!transaction.beginError());
            QByteArray seal;
            QVERIFY(!SecretStore(*a).put(QStringLiteral("ghost-db"), Environment::Production, 0,
                                         SecureBytes::copyOf("ghost secret"), m_clock.now(), &seal));
            QVERIFY(!AuditLog::append(*a, QStringLiteral("credential.set"), QStringLiteral("ghost-db"),
                                      {{QStringLiteral("credential"), QStringLiteral("ghost-db")},
                                       {QStringLiteral("environment"), QStringLiteral("production")},
                                       {records::sealKey(), QString::fromLatin1(seal.toBase64())},
                                       {QStringLiteral("delivered"), 0}}));
            QVERIFY(!transaction.commit());
            QStringList report;
            QVERIFY(!a->check(&report, m_clock.now()));
        }
        const QVariantList kept = keptRow(dir, QStringLiteral("ghost-db"));
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) WHERE "
                                      "credential_id = 'ghost-db'")});
        {
            auto a = ada(dir);
            const Error removed = Credentials(*a, m_clock).unsetSecret(QStringLiteral("ghost-db"));
            QVERIFY2(!removed, qPrintable(removed.message));
            QStringList report;
            QVERIFY(!a->check(&report, m_clock.now()));
        }
        putRowBack(dir, kept);
        auto a = ada(dir);
        const Error check = Ledger::require(*a, m_clock.now());
        damagedSaying(check, {QStringLiteral("'ghost-db' (production) is not the one")});
        QStringList toSet;
        QStringList toRemove;
        QVERIFY(!Credentials(*a, m_clock).secretsToSetAgain(&toSet, &toRemove));
        QCOMPARE(toRemove, QStringList{QStringLiteral("ghost-db")});
        const Error again = Credentials(*a, m_clock).unsetSecret(QStringLiteral("ghost-db"));
        QVERIFY2(!again, qPrintable(again.message));
        QStringList report;
        const Error after = a->check(&report, m_clock.now());
        QVERIFY2(!after, qPrintable(after.message));
    }

    // A backup from before the admin set a new secret (rotating a leaked
    // one) holds the earlier box, which its own log vouches for. Restored
    // over the vault, the earlier box goes, with the restoring admin's signed
    // credential.unset, and the restore says to set it again: no grant
    // seals it meanwhile. A connection set since is named too.
    void aRestoreFromBeforeACredSetDropsTheEarlierSecret()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const QString file = m_dir.filePath(QStringLiteral("copy%1.onramp-backup").arg(m_copies));
        {
            auto a = ada(dir);
            QVERIFY(!backup::take(*a, file, false, m_clock.now()));
            int delivered = 0;
            QVERIFY(!Credentials(*a, m_clock)
                         .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered));
            QVERIFY(!ProviderConnections(*a, m_clock)
                         .set(QStringLiteral("pgprod"), QStringLiteral("host=db.prod.internal dbname=app"),
                              SecureBytes::copyOf("connection password"), Environment::Production));
        }
        backup::Restored restored;
        const Error e =
            backup::restore(file, dir, QStringLiteral("ada"), kAdminPassphrase, true, m_clock.now(), &restored);
        QVERIFY2(!e, qPrintable(e.message));
        const QString said = restored.notCarried.join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("cred set prod-db"))
                     && said.contains(QStringLiteral("provider set pgprod")),
                 qPrintable(said));
        QVERIFY(keptRow(dir, QStringLiteral("prod-db")).isEmpty());
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        QCOMPARE(a->db()
                     .scalar(QStringLiteral("SELECT action FROM audit_log WHERE subject = 'prod-db' ORDER BY seq "
                                            "DESC LIMIT 1"))
                     .toString(),
                 QStringLiteral("credential.unset"));
        {
            auto m = max(dir);
            QDateTime expires;
            QVERIFY(!Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db")));
            QVERIFY(!Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires));
        }
        QVERIFY(!whatHalCanRead(dir).contains(kFirstSecret));
        int delivered = 0;
        const Error set =
            Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QVERIFY2(!set, qPrintable(set.message));
        QCOMPARE(delivered, 1);
        QVERIFY(whatHalCanRead(dir).contains(kNewSecret));
    }

    void aRewrittenSecretIsNotRepairedWhileAnythingElseFails_data()
    {
        QTest::addColumn<QString>("also");
        QTest::addColumn<QString>("named");
        QTest::newRow("display name rewritten")
            << QStringLiteral("UPDATE people SET display_name = 'Hal the Admin' WHERE name = 'hal'")
            << QStringLiteral("people row 3 (hal)");
        // The other kept secret rewritten too: setting one leaves the other failing.
        QTest::newRow("another kept secret")
            << QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) WHERE credential_id = "
                              "'prod-token'")
            << QStringLiteral("the kept secret of 'prod-token'");
        // A hire's own kept secret made to pass for a shared one (its hire
        // no longer a number): no admin's act sets it again, so no repair
        // steps over it.
        QTest::newRow("a hire's kept secret passing for a shared one")
            << QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)), hire_id = 'x' WHERE "
                              "credential_id = 'prod-token'")
            << QStringLiteral("is not stored as Onramp stores a kept secret");
        // The row moved to the sandbox side: the one set goes where the
        // checklist says, and the moved one still fails.
        QTest::newRow("kept secret relabelled") << QStringLiteral(
            "UPDATE credential_secrets SET environment = 'sandbox' WHERE credential_id = 'prod-token'")
                                                << QStringLiteral("the kept secret of 'prod-token'");
    }

    void aRewrittenSecretIsNotRepairedWhileAnythingElseFails()
    {
        QFETCH(QString, also);
        QFETCH(QString, named);
        const QString dir = copyAt(Stage::SignedOff);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE credential_secrets SET box = randomblob(length(box)) "
                                      "WHERE credential_id = 'prod-db'"),
                       also});
        auto a = ada(dir);
        const auto rows = [&a] {
            QList<QVariantList> out;
            if (a->db().execute(QStringLiteral("SELECT credential_id, environment, box FROM credential_secrets "
                                               "ORDER BY 1, 2"),
                                {}, &out))
                out.clear();
            return out;
        };
        const QList<QVariantList> before = rows();
        QVERIFY(!before.isEmpty());
        const qint64 entries = a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
        int delivered = 0;
        const Error set =
            Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QCOMPARE(set.kind, ErrorKind::Damaged);
        QVERIFY2(set.message.contains(named), qPrintable(set.message));
        QCOMPARE(delivered, 0);
        QCOMPARE(rows(), before);
        QCOMPARE(a->db().scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong(), entries);
        a.reset();
        QVERIFY(!whatHalCanRead(dir).contains(kNewSecret));
    }

    void aHireCannotMarkAnotherHiresSteps()
    {
        const QString dir = copyAt(Stage::Enrolled);
        // hal marks kim's (enrollment 2) steps done with raw SQL.
        asHireWithSql(dir,
                      {QStringLiteral("INSERT INTO step_records (enrollment_id, step_id, done_at) VALUES "
                                      "(2, 'handbook', '2026-11-20T10:00:00.000Z'), "
                                      "(2, 'sandbox-tests', '2026-11-20T10:00:00.000Z')")});
        auto m = max(dir);
        const Error review =
            Enrollments(*m, m_clock).review(QStringLiteral("kim"), QStringLiteral("sandbox-tests"), true, {});
        QCOMPARE(review.kind, ErrorKind::Damaged);
        QVERIFY2(review.message.contains(QStringLiteral("step_records (enrollment 2, step 'handbook')")),
                 qPrintable(review.message));
    }

    // The mentor decides who may review and sign off. A hire who rewrites
    // their enrollment's mentor changes nobody's authority.
    void aHireWhoRewritesTheirMentorIsRefused()
    {
        const QString dir = copyAt(Stage::Enrolled);
        asHireWithSql(dir,
                      {QStringLiteral("UPDATE enrollments SET mentor_id = (SELECT id FROM people WHERE name = "
                                      "'ada'), start_date = '2026-01-01' WHERE id = 1")});
        routineActsRefuse(dir, QStringLiteral("enrollments row 1: it is not what entry"));
    }

    // Nor does one who vouches for the rewritten row in an edit entry signed
    // with their own key: an edit is an admin's act.
    void aHireCannotSignAnEditOfTheirEnrollment()
    {
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto h = hal(dir);
            QVERIFY(h);
            const qint64 ada = h->db().scalar(QStringLiteral("SELECT id FROM people WHERE name = 'ada'")).toLongLong();
            Database::Transaction tx(h->db());
            QVERIFY(!h->db().execute(QStringLiteral("UPDATE enrollments SET mentor_id = ?1 WHERE id = 1"), {ada}));
            QJsonArray vouched;
            QVERIFY(!records::vouch(h->db(), QStringLiteral("enrollments"), 1, &vouched));
            QVERIFY(!AuditLog::append(
                *h, QStringLiteral("enrollment.edit"), QStringLiteral("hal"),
                {{QStringLiteral("enrollment"), 1}, {QStringLiteral("mentor_id"), ada}, {records::key(), vouched}}));
            QVERIFY(!tx.commit());
        }
        routineActsRefuse(dir, QStringLiteral("enrollment.edit is an admin's act, but hal is a hire by the log"));
    }

    // A passphrase is changed by its holder alone. A hire who signs a change
    // naming their mentor (person and name) would have a restore shut the
    // mentor out; the log refuses such an entry, whoever reads it.
    void aHireCannotSignAnotherPersonsPassphraseChange_data()
    {
        QTest::addColumn<bool>("namesTheId");
        QTest::addColumn<bool>("namesTheName");
        QTest::addColumn<bool>("givesAKey");
        QTest::newRow("id and name") << true << true << false;
        QTest::newRow("the name alone") << false << true << false;
        QTest::newRow("the id alone") << true << false << false;
        // A key of the hire's own for the mentor: it would sign as them.
        QTest::newRow("a key for them") << true << true << true;
        QTest::newRow("a key for the id alone") << true << false << true;
    }

    void aHireCannotSignAnotherPersonsPassphraseChange()
    {
        QFETCH(bool, namesTheId);
        QFETCH(bool, namesTheName);
        QFETCH(bool, givesAKey);
        const QString dir = copyAt(Stage::Enrolled);
        {
            auto h = hal(dir);
            QVERIFY(h);
            const qint64 maxId =
                h->db().scalar(QStringLiteral("SELECT id FROM people WHERE name = 'max'")).toLongLong();
            QVERIFY(maxId > 0);
            QJsonObject details{{QStringLiteral("person_id"), namesTheId ? maxId : h->me().id}};
            if (givesAKey)
                details.insert(QStringLiteral("public_key"),
                               QString::fromLatin1(crypto::generateSignKeyPair().publicKey.toBase64()));
            QVERIFY(!AuditLog::append(*h, QStringLiteral("passphrase.change"),
                                      namesTheName ? QStringLiteral("max") : QStringLiteral("hal"), details));
        }
        routineActsRefuse(dir, QStringLiteral("only its holder changes a passphrase"));
    }

    // An entry's details are read twice, by the walk (Qt's JSON) and by SQL
    // (json_extract), which read a key given twice apart: SQLite takes the
    // first, Qt the last. A hire's own entry naming the mentor first and
    // themselves last would be theirs to the walk and the mentor's to SQL,
    // so an entry not in the one form Onramp writes is refused whole.
    void anEntryNamingAKeyTwiceIsRefused()
    {
        const QString dir = copyAt(Stage::Enrolled);
        QVariantList forgedRow;
        qint64 maxId = 0;
        {
            auto h = hal(dir);
            QVERIFY(h);
            maxId = h->db().scalar(QStringLiteral("SELECT id FROM people WHERE name = 'max'")).toLongLong();
            QVERIFY(maxId > 0);
            AuditEntry forged;
            QVERIFY(!AuditLog::head(h->db(), &forged.sequence, &forged.previousHash));
            ++forged.sequence;
            forged.at = AuditLog::timeText(m_clock.now().addDays(1));
            forged.actorId = h->me().id;
            forged.actorName = h->me().name;
            forged.action = QStringLiteral("passphrase.change");
            forged.subject = h->me().name;
            forged.details = QStringLiteral("{\"person_id\":%1,\"person_id\":%2}").arg(maxId).arg(h->me().id);
            SecureBytes key;
            QVERIFY(!AuditLog::hashKey(h->db(), &key));
            forged.hash = AuditLog::computeHash(forged, key);
            forged.signature = h->sign(AuditLog::signedMessage(forged.hash));
            forgedRow = {forged.sequence, forged.at,      forged.actorId,      forged.actorName, forged.action,
                         forged.subject,  forged.details, forged.previousHash, forged.hash,      forged.signature};
        }
        asHireWithSql(dir,
                      {QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject, details, "
                                      "prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")},
                      forgedRow);
        {
            // SQL reads the entry as the mentor's, the walk as the hire's.
            auto h = hal(dir);
            QVERIFY(h);
            QCOMPARE(h->db()
                         .scalar(QStringLiteral("SELECT json_extract(details, '$.person_id') FROM audit_log "
                                                "WHERE seq = ?1"),
                                 {forgedRow.at(0)})
                         .toLongLong(),
                     maxId);
        }
        routineActsRefuse(dir, QStringLiteral("its details are not written as Onramp writes them"));
    }

    // A change of one's own passphrase gives a key only as the first choice
    // after one an admin handed over, in place of the key it is signed
    // with, and never a key someone else holds: a hire cannot rotate their
    // key at will, nor take a colleague's key for theirs.
    void aKeyGivingChangeCountsOnlyAsTheFirstChoice_data()
    {
        QTest::addColumn<bool>("resetFirst");
        QTest::addColumn<bool>("choseSince");
        QTest::addColumn<QString>("previous"); // whose key it says it replaces
        QTest::addColumn<QString>("given"); // "new", or whose key it gives
        QTest::addColumn<QString>("refusal");
        QTest::newRow("never handed over") << false << false << QStringLiteral("hal") << QStringLiteral("new")
                                           << QStringLiteral("no passphrase was handed over to them");
        QTest::newRow("a second choice") << true << true << QStringLiteral("hal") << QStringLiteral("new")
                                         << QStringLiteral("no passphrase was handed over to them");
        QTest::newRow("in place of another's key") << true << false << QStringLiteral("max") << QStringLiteral("new")
                                                   << QStringLiteral("in place of one they do not sign with");
        QTest::newRow("the mentor's key") << true << false << QStringLiteral("hal") << QStringLiteral("max")
                                          << QStringLiteral("no new key of their own");
        QTest::newRow("the key it replaces") << true << false << QStringLiteral("hal") << QStringLiteral("hal")
                                             << QStringLiteral("no new key of their own");
    }

    void aKeyGivingChangeCountsOnlyAsTheFirstChoice()
    {
        QFETCH(bool, resetFirst);
        QFETCH(bool, choseSince);
        QFETCH(QString, previous);
        QFETCH(QString, given);
        QFETCH(QString, refusal);
        const QString dir = copyAt(Stage::Enrolled);
        const QByteArray handed = "hal's passphrase, handed over by ada";
        const QByteArray chosen = "hal's own, chosen after the reset";
        QByteArray passphrase = kHirePassphrase;
        if (resetFirst) {
            auto a = ada(dir);
            QVERIFY(a);
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("hal"), handed));
            passphrase = handed;
        }
        if (choseSince) {
            auto h = as(dir, QStringLiteral("hal"), passphrase);
            QVERIFY(h);
            const QByteArray before = h->me().signPublicKey;
            const Error e = People(*h).changePassphrase(chosen);
            QVERIFY2(!e, qPrintable(e.message));
            QVERIFY(h->me().signPublicKey != before); // the first choice gives one
            passphrase = chosen;
        }
        {
            auto h = as(dir, QStringLiteral("hal"), passphrase);
            QVERIFY(h);
            const auto keyOf = [&](const QString& name) {
                return QString::fromLatin1(h->person(name)->signPublicKey.toBase64());
            };
            const QString givenKey = given == QLatin1String("new")
                ? QString::fromLatin1(crypto::generateSignKeyPair().publicKey.toBase64())
                : keyOf(given);
            QVERIFY(!AuditLog::append(*h, QStringLiteral("passphrase.change"), QStringLiteral("hal"),
                                      {{QStringLiteral("person_id"), h->me().id},
                                       {QStringLiteral("public_key"), givenKey},
                                       {QStringLiteral("previous_public_key"), keyOf(previous)}}));
        }
        routineActsRefuse(dir, refusal);
    }

    // An admin's signed edit hands the enrollment to the new mentor: the
    // former one's approval and sign-off count no more (production access
    // ends), the new one reviews and signs off, and the vault still checks.
    // A mentor changed away and back: the first mentor's sign-off and
    // approvals ended with the first change and do not count again; put
    // back by the hire, the ended sign-off is named.
    void aMentorGivenBackDoesNotBringTheirOldSignOffBack()
    {
        const QString dir = copyAt(Stage::SignedOff);
        QList<QVariantList> signoffs;
        {
            auto h = hal(dir);
            QVERIFY(h);
            QVERIFY(!h->db().execute(QStringLiteral("SELECT * FROM signoffs"), {}, &signoffs));
            QCOMPARE(signoffs.size(), 1);
        }
        {
            auto a = ada(dir);
            QVERIFY(a);
            QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
            Enrollments admin(*a, m_clock);
            QVERIFY(!admin.edit(QStringLiteral("hal"), QStringLiteral("mia"), {}));
            QVERIFY(!admin.edit(QStringLiteral("hal"), QStringLiteral("max"), {}));
            EnrollmentStatus status;
            QVERIFY(!admin.status(QStringLiteral("hal"), &status));
            QCOMPARE(status.mentor.name, QStringLiteral("max"));
            QVERIFY2(status.locked(), "the sign-off given before the mentor changed counts again");
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            QVERIFY2(!check, qPrintable(check.message));
        }
        {
            auto m = max(dir);
            QDateTime expires;
            QCOMPARE(Credentials(*m, m_clock).renew(QStringLiteral("hal"), QStringLiteral("prod-db"), &expires).kind,
                     ErrorKind::NotPermitted);
        }
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY2(secret != kFirstSecret, "production access came back with the former mentor");
        QStringList marks;
        for (int i = 1; i <= signoffs.first().size(); ++i)
            marks << QStringLiteral("?%1").arg(i);
        asHireWithSql(dir, {QStringLiteral("INSERT INTO signoffs VALUES (%1)").arg(marks.join(u','))},
                      signoffs.first());
        routineActsRefuse(dir, QStringLiteral("when it gave enrollment 1 another mentor"));
    }

    void anAdminsEditHandsTheEnrollmentToTheNewMentor()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const QByteArray miaPassphrase = "mia the second mentor";
        {
            auto a = ada(dir);
            QVERIFY(a);
            QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, miaPassphrase));
            Enrollments admin(*a, m_clock);
            QCOMPARE(admin.edit(QStringLiteral("hal"), {}, {}).kind, ErrorKind::InvalidInput);
            const Error notMentor = admin.edit(QStringLiteral("hal"), QStringLiteral("kim"), {});
            QCOMPARE(notMentor.kind, ErrorKind::InvalidInput);
            QVERIFY2(notMentor.message.contains(QStringLiteral("'kim' cannot mentor")), qPrintable(notMentor.message));
            QCOMPARE(admin.edit(QStringLiteral("hal"), QStringLiteral("max"), QDate(2026, 11, 20)).kind,
                     ErrorKind::InvalidInput); // nothing changes
            QCOMPARE(admin.edit(QStringLiteral("nobody"), QStringLiteral("mia"), {}).kind, ErrorKind::InvalidInput);
            QVERIFY(!admin.edit(QStringLiteral("hal"), QStringLiteral("mia"), QDate(2026, 11, 23)));
            EnrollmentStatus status;
            QVERIFY(!admin.status(QStringLiteral("hal"), &status));
            QCOMPARE(status.mentor.name, QStringLiteral("mia"));
            QCOMPARE(status.start, QDate(2026, 11, 23));
            QVERIFY(status.locked());
            QStringList report;
            const Error check = a->check(&report, m_clock.now());
            QVERIFY2(!check, qPrintable(check.message));
            QCOMPARE(a->db()
                         .scalar(QStringLiteral("SELECT action || ' ' || actor_name FROM audit_log ORDER BY seq "
                                                "DESC LIMIT 1"))
                         .toString(),
                     QStringLiteral("enrollment.edit ada"));
        }
        for (const QByteArray& secret : whatHalCanRead(dir))
            QVERIFY2(secret != kFirstSecret, "production access outlived the mentor who signed it off");
        {
            auto h = hal(dir);
            QCOMPARE(Enrollments(*h, m_clock).edit(QStringLiteral("hal"), QStringLiteral("max"), {}).kind,
                     ErrorKind::NotPermitted);
            auto m = max(dir);
            Enrollments former(*m, m_clock);
            QCOMPARE(former.signOff(QStringLiteral("hal")).kind, ErrorKind::NotPermitted);
            QCOMPARE(former.edit(QStringLiteral("hal"), QStringLiteral("max"), {}).kind, ErrorKind::NotPermitted);
        }
        {
            auto mia = as(dir, QStringLiteral("mia"), miaPassphrase);
            QVERIFY(mia);
            Enrollments mentor(*mia, m_clock);
            QVERIFY(!mentor.review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
            const Error signoff = mentor.signOff(QStringLiteral("hal"));
            QVERIFY2(!signoff, qPrintable(signoff.message));
        }
        QVERIFY(whatHalCanRead(dir).contains(kFirstSecret));
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
    }
};

QTEST_GUILESS_MAIN(TestAuthority)
#include "TestAuthority.moc"
