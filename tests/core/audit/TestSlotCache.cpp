// The rows of keys.db rewritten by the hire while an admin's session that
// has verified every slot stays open: whatever that session remembers of
// the slots it verified (by a hash of their exact bytes), a row copied from
// another person, swapped, deleted, planted or put back from before a reset
// is refused by the next act that seals keys, and named.
#include "AuthorityFixture.h"

#include "audit/SignatureChecks.h"
#include "people/People.h"

using namespace authoritytest;

class TestSlotCache : public QObject, private AuthorityFixture
{
    Q_OBJECT

    /// Runs \a sql on the key store of \a dir as the sqlite3 shell would.
    static void onKeyStore(const QString& dir, const QStringList& statements)
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(QDir(dir).filePath(Vault::keyFileName())).constData(), &db), SQLITE_OK);
        for (const QString& sql : statements) {
            char* message = nullptr;
            const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message);
            const QString text = QString::fromUtf8(message ? message : "");
            sqlite3_free(message);
            QVERIFY2(rc == SQLITE_OK, qPrintable(sql + QStringLiteral(": ") + text));
        }
        sqlite3_close(db);
    }

    /// The record of \a name's current row in the key store of \a dir, or
    /// with \a replace, that row rewritten to hold it.
    static QByteArray record(const QString& dir, const QString& name, const QByteArray* replace = nullptr)
    {
        sqlite3* db = nullptr;
        QByteArray out;
        if (sqlite3_open(QFile::encodeName(QDir(dir).filePath(Vault::keyFileName())).constData(), &db) == SQLITE_OK) {
            sqlite3_stmt* stmt = nullptr;
            const char* sql = replace ? "UPDATE slots SET body = ?1 WHERE name = ?2 AND state = 0"
                                      : "SELECT body FROM slots WHERE ?1 IS NULL AND name = ?2 AND state = 0";
            if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
                if (replace)
                    sqlite3_bind_blob(stmt, 1, replace->constData(), int(replace->size()), SQLITE_TRANSIENT);
                const QByteArray utf8 = name.toUtf8();
                sqlite3_bind_text(stmt, 2, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
                if (sqlite3_step(stmt) == SQLITE_ROW)
                    out = QByteArray(static_cast<const char*>(sqlite3_column_blob(stmt, 0)),
                                     sqlite3_column_bytes(stmt, 0));
                else if (replace && sqlite3_changes(db) == 1)
                    out = *replace;
            }
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db);
        return out;
    }

    /// An admin's session that has verified every slot, through a key act
    /// (a person added) and a check before a sealing act, twice each.
    std::unique_ptr<Vault> warmAdmin(const QString& dir)
    {
        auto a = ada(dir);
        if (!a)
            return a;
        if (People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"))
            return {};
        int delivered = 0;
        if (Credentials(*a, m_clock)
                .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered))
            return {};
        if (People(*a).add(QStringLiteral("ned"), {}, Role::Hire, "ned the third hire here"))
            return {};
        if (Credentials(*a, m_clock)
                .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered))
            return {};
        return a;
    }

    /// The warm session's acts that seal keys or secrets: refused, naming \a record.
    void sealingActsRefused(Vault& admin, const QString& record)
    {
        const Error add = People(admin).add(QStringLiteral("zoe"), {}, Role::Hire, "zoe the fourth hire");
        QCOMPARE(add.kind, ErrorKind::Damaged);
        QVERIFY2(add.message.contains(record), qPrintable(add.message));
        int delivered = 0;
        const Error set = Credentials(admin, m_clock)
                              .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QCOMPARE(set.kind, ErrorKind::Damaged);
        QVERIFY2(set.message.contains(record), qPrintable(set.message));
        QCOMPARE(delivered, 0);
        const Error reset = People(admin).resetPassphrase(QStringLiteral("max"), "max's brand new passphrase");
        QCOMPARE(reset.kind, ErrorKind::Damaged);
        QVERIFY2(reset.message.contains(record), qPrintable(reset.message));
        QStringList report;
        const Error check = admin.check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(record), qPrintable(check.message));
        for (const QByteArray& secret : whatHalCanRead(QDir(admin.directory()).absolutePath()))
            QVERIFY2(secret != kNewSecret, "the secret set after the tampering reached the hire");
    }

private Q_SLOTS:
    void initTestCase() { buildStages(); }

    void aRowCopiedFromAnotherPersonIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        // kim's row now holds hal's slot, byte for byte: bytes the session verified, under another name.
        onKeyStore(dir,
                   {QStringLiteral("UPDATE slots SET body = (SELECT body FROM slots WHERE name = 'hal' AND "
                                   "state = 0) WHERE name = 'kim' AND state = 0")});
        sealingActsRefused(*a, QStringLiteral("key slot of kim"));
    }

    void twoVerifiedRowsSwappedAreRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        // Each row's bytes are ones the session verified, under the other's name and in the other's place.
        onKeyStore(dir,
                   {QStringLiteral("UPDATE slots SET name = 'x' WHERE name = 'hal' AND state = 0"),
                    QStringLiteral("UPDATE slots SET name = 'hal' WHERE name = 'kim' AND state = 0"),
                    QStringLiteral("UPDATE slots SET name = 'kim' WHERE name = 'x' AND state = 0")});
        sealingActsRefused(*a, QStringLiteral("key slot of"));
    }

    void aDeletedSlotIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        onKeyStore(dir, {QStringLiteral("DELETE FROM slots WHERE name = 'kim'")});
        sealingActsRefused(*a, QStringLiteral("no key slot for kim"));
    }

    void anOldRowReplayedAfterAResetIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        // kim's row as the session verified it, kept aside, put back after the reset.
        const QByteArray kept = record(dir, QStringLiteral("kim"));
        QVERIFY(kept.contains("\"name\":\"kim\""));
        QVERIFY(!People(*a).resetPassphrase(QStringLiteral("kim"), "kim's passphrase after the reset"));
        QCOMPARE(record(dir, QStringLiteral("kim"), &kept), kept);
        sealingActsRefused(*a, QStringLiteral("key slot of kim"));
    }

    void aRowPlantedUnderANewNameIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        // hal's verified bytes, with the name inside changed to match the row.
        onKeyStore(dir,
                   {QStringLiteral("INSERT INTO slots (name, state, pending, body) SELECT 'zz-backup', 0, 0, "
                                   "CAST(replace(CAST(body AS TEXT), '\"name\":\"hal\"', "
                                   "'\"name\":\"zz-backup\"') AS BLOB) FROM slots WHERE name = 'hal' AND "
                                   "state = 0")});
        sealingActsRefused(*a, QStringLiteral("key slot of zz-backup"));
    }

    void aVerifiedRowChangedInOneByteIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        // kim's role raised inside her row: every other byte is what the session verified.
        onKeyStore(dir,
                   {QStringLiteral("UPDATE slots SET body = CAST(replace(CAST(body AS TEXT), "
                                   "'\"role\":\"hire\"', '\"role\":\"admin\"') AS BLOB) WHERE name = 'kim' "
                                   "AND state = 0")});
        sealingActsRefused(*a, QStringLiteral("key slot of kim"));
    }

    void aSupersededRowPlantedIsRefused()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        // hal's own slot, filed as the one a reset of kim replaced.
        onKeyStore(dir,
                   {QStringLiteral("INSERT INTO slots (name, state, pending, body) SELECT 'kim', 1, 0, "
                                   "CAST(replace(CAST(body AS TEXT), '\"name\":\"hal\"', '\"name\":\"kim\"') "
                                   "AS BLOB) FROM slots WHERE name = 'hal' AND state = 0")});
        // Secrets are sealed only after the check has read it and refused.
        int delivered = 0;
        const Error set =
            Credentials(*a, m_clock).setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered);
        QCOMPARE(set.kind, ErrorKind::Damaged);
        QVERIFY2(set.message.contains(QStringLiteral("superseded key slot of kim")), qPrintable(set.message));
        QCOMPARE(delivered, 0);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("superseded key slot of kim")), qPrintable(check.message));
        // A key act settles it away: kim's current slot agrees with the log.
        QVERIFY(!People(*a).add(QStringLiteral("zoe"), {}, Role::Hire, "zoe the fourth hire"));
        QVERIFY(!a->check(&report, m_clock.now()));
    }

    void aWarmSessionReadsAgainOnlyTheRowsThatChanged()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        int delivered = 0;
        const auto setSecret = [&] {
            return Credentials(*a, m_clock)
                .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered);
        };
        QVERIFY(!setSecret());
        const qsizetype known = VerifiedSlots::process().size();
        QVERIFY(known >= 5); // ada, hal, kim, max, mia, ned: all but the one the session signed in with
        QVERIFY(!setSecret());
        QCOMPARE(VerifiedSlots::process().size(), known);
        // One row changed: that row alone is read again (and refused).
        onKeyStore(dir,
                   {QStringLiteral("UPDATE slots SET body = CAST(replace(CAST(body AS TEXT), "
                                   "'\"role\":\"hire\"', '\"role\":\"mentor\"') AS BLOB) WHERE name = "
                                   "'kim' AND state = 0")});
        QCOMPARE(setSecret().kind, ErrorKind::Damaged);
        QCOMPARE(VerifiedSlots::process().size(), known + 1);
    }

    void anUntouchedVaultStaysUsableByTheWarmSession()
    {
        const QString dir = copyAt(Stage::SignedOff);
        auto a = warmAdmin(dir);
        QVERIFY(a);
        QVERIFY(!People(*a).add(QStringLiteral("zoe"), {}, Role::Hire, "zoe the fourth hire"));
        QVERIFY(!People(*a).resetPassphrase(QStringLiteral("kim"), "kim's passphrase after the reset"));
        QVERIFY(!People(*a).disable(QStringLiteral("ned")));
        QVERIFY(!People(*a).add(QStringLiteral("ian"), {}, Role::Mentor, "ian the third mentor"));
        QStringList report;
        QVERIFY(!a->check(&report, m_clock.now()));
        // Everyone still signs in with the passphrase they hold now.
        QVERIFY(as(dir, QStringLiteral("kim"), "kim's passphrase after the reset"));
        QVERIFY(as(dir, QStringLiteral("zoe"), "zoe the fourth hire"));
        QVERIFY(as(dir, QStringLiteral("ian"), "ian the third mentor"));
        QVERIFY(max(dir));
    }
};

QTEST_GUILESS_MAIN(TestSlotCache)
#include "TestSlotCache.moc"
