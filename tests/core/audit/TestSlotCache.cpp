// The rows of keys.db rewritten by the hire while an admin's session that
// has verified every slot stays open: whatever that session remembers of
// the slots it verified (by a hash of their exact bytes), a row copied from
// another person, swapped, deleted, planted or put back from before a reset
// is refused by the next act that seals keys, and named. The checks kept
// on the desktop for the next process spare no such row, and a stored file
// changed outside Onramp is ignored whole.
#include "AuthorityFixture.h"

#include "KeyFileStore.h"
#include "PrivateFile.h"
#include "TrustStore.h"
#include "audit/SignatureChecks.h"
#include "people/People.h"

#include <sodium.h>

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

    /// What a new process of this desktop starts with: nothing in memory,
    /// the stored checks of the processes before on disk.
    static void newProcess()
    {
        VerifiedSignatures::process().clear();
        VerifiedSlots::process().clear();
    }

    /// The stored checks of \a vaultId's admin ada on this desktop (each
    /// person has their own, named by a hash of their name), when there.
    static QString storedChecks(const QString& vaultId)
    {
        unsigned char tag[8];
        crypto_generichash(tag, sizeof tag, reinterpret_cast<const unsigned char*>("ada"), 3, nullptr, 0);
        const QString path =
            QDir(TrustStore::directory())
                .filePath(vaultId + QStringLiteral(".signatures-")
                          + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(tag), 8).toHex()));
        return QFile::exists(path) ? path : QString();
    }

    static void raiseKimsRole(const QString& dir)
    {
        onKeyStore(dir,
                   {QStringLiteral("UPDATE slots SET body = CAST(replace(CAST(body AS TEXT), "
                                   "'\"role\":\"hire\"', '\"role\":\"admin\"') AS BLOB) WHERE name = 'kim' "
                                   "AND state = 0")});
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

    // The checks that held in an admin's earlier processes are kept on
    // their desktop, outside the folder: a new process trusts them, and a
    // row the hire changed since is not among them (they are by a hash of
    // exactly what was checked), so it is refused as in a fresh check.
    void aNewProcessTrustsTheStoredChecksButNotARowChangedSince()
    {
        const QString dir = copyAt(Stage::SignedOff);
        QString vaultId;
        {
            auto a = warmAdmin(dir);
            QVERIFY(a);
            vaultId = a->vaultId();
        }
        const QString stored = storedChecks(vaultId);
        QVERIFY2(!stored.isEmpty(), qPrintable(TrustStore::directory()));
        QCOMPARE(QFileInfo(stored).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
        // An untouched vault: the next process starts from them.
        newProcess();
        {
            auto a = ada(dir);
            QVERIFY(a);
            int delivered = 0;
            QVERIFY(!Credentials(*a, m_clock)
                         .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered));
            QVERIFY(VerifiedSignatures::process().size() >= 6);
        }
        newProcess();
        raiseKimsRole(dir);
        auto a = ada(dir);
        QVERIFY(a);
        sealingActsRefused(*a, QStringLiteral("key slot of kim"));
    }

    // A new process reads every row it does not know again, by name for a
    // few, in one pass over the store for many: with more people than are
    // read one by one, a row changed since the stored checks is refused all
    // the same, and an untouched vault still opens to the act.
    void aNewProcessWithManyPeopleRefusesARowChangedSince()
    {
        const QString dir = copyAt(Stage::SignedOff);
        QString vaultId;
        {
            auto a = warmAdmin(dir);
            QVERIFY(a);
            std::vector<People::NewPerson> many;
            for (int i = 0; i < 80; ++i) {
                People::NewPerson person;
                person.name = QStringLiteral("extra%1").arg(i);
                person.displayName = QStringLiteral("Extra %1").arg(i);
                person.passphrase = SecureBytes::copyOf("a passphrase for an extra hire");
                person.kdfLevel = KdfLevel::Interactive;
                many.push_back(std::move(person));
            }
            const Error e = People(*a).addMany(many);
            QVERIFY2(!e, qPrintable(e.message));
        }
        newProcess();
        {
            auto a = ada(dir);
            QVERIFY(a);
            int delivered = 0;
            const Error e = Credentials(*a, m_clock)
                                .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kFirstSecret), &delivered);
            QVERIFY2(!e, qPrintable(e.message));
            QVERIFY(VerifiedSlots::process().size() > 80);
        }
        newProcess();
        raiseKimsRole(dir);
        auto a = ada(dir);
        QVERIFY(a);
        sealingActsRefused(*a, QStringLiteral("key slot of kim"));
    }

    // The hire can write the folder, not the admin's home; were the stored
    // checks reachable all the same, what the hire writes there does not
    // hold: the forged row's check planted in the file, under the old MAC
    // or under one the hire's own key makes, has the whole file ignored.
    void storedChecksChangedOutsideOnrampAreIgnored()
    {
        const QString dir = copyAt(Stage::SignedOff);
        QString vaultId;
        QList<QByteArray> keys;
        {
            auto a = warmAdmin(dir);
            QVERIFY(a);
            vaultId = a->vaultId();
            QList<QVariantList> rows;
            QVERIFY(!a->db().execute(QStringLiteral("SELECT sign_public_key FROM people"), {}, &rows));
            for (const QVariantList& r : std::as_const(rows))
                keys.append(r.at(0).toByteArray());
        }
        const QString stored = storedChecks(vaultId);
        QVERIFY(!stored.isEmpty());
        raiseKimsRole(dir);
        // The forged row's check under every key of the vault, as if it held.
        const KeySlot forged = KeyFileStore::slotFromRecord(QStringLiteral("kim"), record(dir, QStringLiteral("kim")));
        QVERIFY(!forged.signature.isEmpty());
        QByteArray planted;
        for (const QByteArray& key : std::as_const(keys))
            planted += VerifiedSignatures::keyOf(forged.canonical(vaultId), forged.signature, key);
        QFile file(stored);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        file.close();
        const QByteArray body = original.first(original.size() - 32);
        SecureBytes hireKey;
        {
            auto h = hal(dir);
            QVERIFY(h);
            hireKey = h->localKey("onramp verified signatures");
        }
        QByteArray hireMac(32, '\0');
        const QByteArray forgedBody = body + planted;
        crypto_generichash(reinterpret_cast<unsigned char*>(hireMac.data()), 32,
                           reinterpret_cast<const unsigned char*>(forgedBody.constData()),
                           static_cast<unsigned long long>(forgedBody.size()), hireKey.data(), hireKey.size());
        for (const QByteArray& tampered : QList<QByteArray>{forgedBody + original.last(32), forgedBody + hireMac}) {
            QVERIFY(!writePrivateFile(stored, tampered, QStringLiteral("test")));
            newProcess();
            auto a = ada(dir);
            QVERIFY(a);
            sealingActsRefused(*a, QStringLiteral("key slot of kim"));
            // Ignored whole: none of its checks were taken.
            for (const QByteArray& key : std::as_const(keys))
                QVERIFY(!VerifiedSignatures::process().holds(forged.canonical(vaultId), forged.signature, key));
        }
        // What makes the difference is the MAC: under the admin's own key
        // (which only their passphrase opens) the same file is taken.
        newProcess();
        auto a = ada(dir);
        QVERIFY(a);
        const SecureBytes adminKey = a->localKey("onramp verified signatures");
        QByteArray adminMac(32, '\0');
        crypto_generichash(reinterpret_cast<unsigned char*>(adminMac.data()), 32,
                           reinterpret_cast<const unsigned char*>(forgedBody.constData()),
                           static_cast<unsigned long long>(forgedBody.size()), adminKey.data(), adminKey.size());
        QVERIFY(!writePrivateFile(stored, QByteArray(forgedBody + adminMac), QStringLiteral("test")));
        QVERIFY(VerifiedSignatures::process().load(stored, adminKey));
        QVERIFY(VerifiedSignatures::process().holds(forged.canonical(vaultId), forged.signature, keys.first()));
        // Gone, for the tests after this one on copies of the same vault.
        QVERIFY(QFile::remove(stored));
        newProcess();
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
