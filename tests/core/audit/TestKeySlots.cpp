// Key slots as the hire can rewrite them: a slot copied, put back, removed,
// one field or one bit changed, a production key of the hire's choosing
// sealed in. The admin's check names the person; their own unlock says
// damaged, never "wrong passphrase"; nothing is sealed to a planted slot.
#include "AuthorityFixture.h"

#include <sqlite3.h>

using namespace authoritytest;

class TestKeySlots : public QObject, private AuthorityFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { buildStages(); }

    void plantedOrRestoredKeySlotsAreNamed_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("record");
        QTest::newRow("the hire's slot copied under another name")
            << QStringLiteral("copy") << QStringLiteral("key slot of zz-backup");
        QTest::newRow("a disabled mentor's slot put back")
            << QStringLiteral("restore") << QStringLiteral("key slot of max");
        QTest::newRow("another person's slot removed")
            << QStringLiteral("remove") << QStringLiteral("no key slot for kim");
    }

    void plantedOrRestoredKeySlotsAreNamed()
    {
        QFETCH(QString, how);
        QFETCH(QString, record);
        const QString dir = copyAt(Stage::SignedOff);
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile before;
        QVERIFY(!KeyFile::load(path, &before));
        if (how == QLatin1String("restore")) {
            // A second mentor takes over, so that max can be disabled.
            auto a = ada(dir);
            QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
            QVERIFY(!People(*a).disable(QStringLiteral("max")));
        }
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        if (how == QLatin1String("copy")) {
            KeySlot copy = *keys.slot(QStringLiteral("hal"));
            copy.name = QStringLiteral("zz-backup");
            keys.slots.append(copy);
        } else if (how == QLatin1String("restore")) {
            keys.setSlot(*before.slot(QStringLiteral("max")));
        } else {
            keys.slots.removeIf([](const KeySlot& slot) { return slot.name == QLatin1String("kim"); });
        }
        QVERIFY(!keys.save(path));
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(record), qPrintable(check.message));
        // Rotating the master key would seal it to the planted slot: refused.
        const Error rekey = a->rekey();
        QCOMPARE(rekey.kind, ErrorKind::Damaged);
        QVERIFY2(rekey.message.contains(record), qPrintable(rekey.message));
    }

    void substitutedProductionKeyIsRefused_data()
    {
        QTest::addColumn<bool>("stripSignature");
        QTest::addColumn<bool>("unlocks");
        QTest::newRow("slot still signed") << false << false;
        QTest::newRow("signature stripped") << true << true;
    }

    void substitutedProductionKeyIsRefused()
    {
        QFETCH(bool, stripSignature);
        QFETCH(bool, unlocks);
        const QString dir = copyAt(Stage::Enrolled);
        completeSteps(dir);
        {
            auto m = max(dir);
            QVERIFY(!Enrollments(*m, m_clock).review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, {}));
        }
        // The hire seals a key of their own choosing to the mentor's public key:
        // sealing needs only the public key.
        const SecureBytes chosen = SecureBytes::random(crypto::kSymmetricKeyBytes);
        KeyFile keys;
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        QVERIFY(!KeyFile::load(path, &keys));
        KeySlot* slot = keys.slot(QStringLiteral("max"));
        slot->sealedProductionKey = crypto::sealTo(chosen.view(), slot->signPublicKey);
        if (stripSignature) {
            slot->signedBy.clear();
            slot->signature.clear();
        }
        QVERIFY(!keys.save(path));
        std::unique_ptr<Vault> m;
        const Error unlock = Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &m);
        QCOMPARE(!unlock, unlocks);
        if (!unlocks) {
            // Told as damage, naming whose slot, never as a wrong passphrase.
            QCOMPARE(unlock.kind, ErrorKind::Damaged);
            QVERIFY2(unlock.message.contains(QStringLiteral("key slot of max is damaged")), qPrintable(unlock.message));
            return;
        }
        QVERIFY(m->productionKey().equals(chosen));
        // Nothing is encrypted with it: the sign-off (which keeps the generated
        // token under the production key) is refused first, naming the slot.
        const Error signoff = Enrollments(*m, m_clock).signOff(QStringLiteral("hal"));
        QCOMPARE(signoff.kind, ErrorKind::Damaged);
        QVERIFY2(signoff.message.contains(QStringLiteral("key slot of max is damaged")), qPrintable(signoff.message));
        QCOMPARE(m->db().scalar(QStringLiteral("SELECT count(*) FROM signoffs")).toLongLong(), 0);
    }

    void aHiresSlotHoldsNoProductionKey()
    {
        // The hire signs their own slot (as after their own passphrase change)
        // with a production key of their own sealed in and the vault's check
        // value copied from the mentor's slot (it is no secret). The check
        // must not let it stand, and an admin's disable of someone else,
        // which rotates the production key to its holders, must not seal the
        // new key to the hire: holders are the log's admins and mentors, not
        // whatever slot holds a production key.
        const QString dir = copyAt(Stage::Enrolled);
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
        }
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        KeySlot* hal = keys.slot(QStringLiteral("hal"));
        const std::optional<SecureBytes> halKey = hal->unwrapSecretKey(keys.vaultId, kHirePassphrase);
        QVERIFY(halKey);
        const SecureBytes chosen = SecureBytes::random(crypto::kSymmetricKeyBytes);
        hal->sealedProductionKey = crypto::sealTo(chosen.view(), hal->signPublicKey);
        hal->productionKeyCheck = keys.slot(QStringLiteral("max"))->productionKeyCheck;
        hal->sign(keys.vaultId, QStringLiteral("hal"), *halKey);
        QVERIFY(!keys.save(path));

        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("key slot of hal is damaged (it holds a production key, but "
                                                       "the log has them as a hire")),
                 qPrintable(check.message));
        // The routine act that rotates the production key refuses first.
        QCOMPARE(People(*a).disable(QStringLiteral("mia")).kind, ErrorKind::Damaged);
        KeyFile after;
        QVERIFY(!KeyFile::load(path, &after));
        QVERIFY(after.slot(QStringLiteral("hal"))->sealedPendingProductionKey.isEmpty());
    }

    void everySlotIsCheckedAndTheDamagedOneNamed_data()
    {
        QTest::addColumn<QString>("field");
        for (const char* field :
             {"sign_public_key", "secret_key", "master_key", "production_key", "signature", "signed_by", "role"})
            QTest::newRow(field) << QString::fromLatin1(field);
    }

    void everySlotIsCheckedAndTheDamagedOneNamed()
    {
        QFETCH(QString, field);
        const QString dir = copyAt(Stage::Enrolled);
        // One byte of max's slot changed: the admin's check names max; max's
        // own unlock says damaged, not "wrong passphrase".
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        QJsonObject slot = KeyFile::slotToJson(*keys.slot(QStringLiteral("max")));
        const QString value = slot.value(field).toString();
        QVERIFY(!value.isEmpty());
        if (field == QLatin1String("signed_by") || field == QLatin1String("role")) {
            slot.insert(field, field == QLatin1String("role") ? QStringLiteral("admin") : QStringLiteral("hal"));
        } else {
            QByteArray bytes = QByteArray::fromBase64(value.toLatin1());
            bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x01);
            slot.insert(field, QString::fromLatin1(bytes.toBase64()));
        }
        keys.setSlot(KeyFile::slotFromJson(slot));
        QVERIFY(!keys.save(path));
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("key slot of max")), qPrintable(check.message));
        std::unique_ptr<Vault> m;
        const Error unlock = Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &m);
        QCOMPARE(unlock.kind, ErrorKind::Damaged);
        QVERIFY2(unlock.message.contains(QStringLiteral("key slot of max")), qPrintable(unlock.message));
    }

    void aSlotPlantedAfterTheSessionsLastCheckIsStillFound()
    {
        // An admin's session that has just verified the vault (nothing in the
        // database changes after): the hire plants a slot; the next key act
        // checks the key file it is about to write, not a cached verdict.
        const QString dir = copyAt(Stage::SignedOff);
        auto a = ada(dir);
        EnrollmentStatus status;
        QVERIFY(!Enrollments(*a, m_clock).status(QStringLiteral("hal"), &status));
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        KeySlot copy = *keys.slot(QStringLiteral("hal"));
        copy.name = QStringLiteral("zz-backup");
        keys.slots.append(copy);
        QVERIFY(!keys.save(path));
        const Error rekey = a->rekey();
        QCOMPARE(rekey.kind, ErrorKind::Damaged);
        QVERIFY2(rekey.message.contains(QStringLiteral("key slot of zz-backup")), qPrintable(rekey.message));
        QCOMPARE(People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor").kind,
                 ErrorKind::Damaged);
    }

    void anOlderSlotPutBackAfterARotationIsNamed()
    {
        // mia's slot from before max was disabled holds the old production key,
        // under a valid signature of ada's.
        const QString dir = copyAt(Stage::Enrolled);
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).add(QStringLiteral("mia"), {}, Role::Mentor, "mia the second mentor"));
        }
        KeyFile before;
        QVERIFY(!KeyFile::load(path, &before));
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).disable(QStringLiteral("max")));
        }
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        keys.setSlot(*before.slot(QStringLiteral("mia")));
        QVERIFY(!keys.save(path));
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("key slot of mia is damaged (it holds a production key that is "
                                                       "not the vault's current one")),
                 qPrintable(check.message));
    }

    void aSlotReplacedWholeIsToldApartFromAWrongPassphrase()
    {
        // The hire makes max a new slot with a key pair and passphrase of
        // their own, signed by itself: it verifies on its own terms.
        const QString dir = copyAt(Stage::Enrolled);
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        crypto::SignKeyPair forged = crypto::generateSignKeyPair();
        KeySlot slot = KeySlot::create(keys.vaultId, QStringLiteral("max"), QStringLiteral("mentor"), forged.publicKey,
                                       forged.secretKey, "the hire's chosen passphrase",
                                       KdfParams::forNewSlot(KdfLevel::Interactive));
        slot.sealedMasterKey = keys.slot(QStringLiteral("max"))->sealedMasterKey;
        slot.sign(keys.vaultId, QStringLiteral("max"), forged.secretKey);
        keys.setSlot(slot);
        QVERIFY(!keys.save(path));
        std::unique_ptr<Vault> m;
        const Error e = Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &m);
        QCOMPARE(e.kind, ErrorKind::Auth);
        QVERIFY2(e.message.contains(QStringLiteral("not the one this desktop last verified")), qPrintable(e.message));
        // The admin's check names it.
        auto a = ada(dir);
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QVERIFY2(check.message.contains(QStringLiteral("key slot of max")), qPrintable(check.message));
    }

    void everyBitFlipInAnotherPersonsSlotIsFound()
    {
        // 40 flips of one bit each, anywhere in the text of max's slot, with a
        // fixed seed: each is found by the admin's check or refused at unlock.
        // The row of max in keys.db, as the sqlite3 shell would rewrite it.
        const auto body = [](const QString& dir, const QByteArray* replace) {
            sqlite3* db = nullptr;
            QByteArray out;
            if (sqlite3_open(QFile::encodeName(QDir(dir).filePath(Vault::keyFileName())).constData(), &db)
                == SQLITE_OK) {
                sqlite3_stmt* stmt = nullptr;
                const char* sql = replace ? "UPDATE slots SET body = ?1 WHERE name = 'max' AND state = 0"
                                          : "SELECT body FROM slots WHERE name = 'max' AND state = 0";
                if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
                    if (replace)
                        sqlite3_bind_blob(stmt, 1, replace->constData(), int(replace->size()), SQLITE_TRANSIENT);
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
        };
        const QByteArray text = body(copyAt(Stage::Enrolled), nullptr);
        QVERIFY(text.contains("\"name\":\"max\""));
        QRandomGenerator random(20261201);
        int found = 0;
        for (int i = 0; i < 40; ++i) {
            const QString dir = copyAt(Stage::Enrolled);
            QByteArray flipped = text;
            const qsizetype at = qsizetype(random.bounded(int(text.size())));
            flipped[at] = char(flipped.at(at) ^ (1 << random.bounded(7)));
            QCOMPARE(body(dir, &flipped), flipped);
            std::unique_ptr<Vault> a;
            Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &a);
            if (!e) {
                QStringList report;
                e = a->check(&report, m_clock.now());
            }
            if (e.kind == ErrorKind::Damaged)
                ++found;
            else
                qWarning() << "not found: byte" << at << "of the slot of max";
        }
        QCOMPARE(found, 40);
    }
};

QTEST_GUILESS_MAIN(TestKeySlots)
#include "TestKeySlots.moc"
