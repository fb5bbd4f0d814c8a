// What each desktop remembers outside the vault folder: the root key pinned
// on first use, the newest state it saw (no going back, whole or in part),
// the prefix of the log it verified, and restores an admin confirmed.
#include "AuthorityFixture.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"

using namespace authoritytest;

class TestDesktopTrust : public QObject, private AuthorityFixture
{
    Q_OBJECT

    /// The folder as it was in \a backup, put back.
    static void putBack(const QString& backup, const QString& dir)
    {
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
    }

private Q_SLOTS:
    void initTestCase() { buildStages(); }

    void aDesktopRemembersAHundredThousandPeople()
    {
        // The record lists every person's key: a team of 100,000 must fit it,
        // and a file past its limit is refused by its size, naming the limit.
        QTemporaryDir trust;
        QVERIFY(trust.isValid());
        const QByteArray before = qgetenv("ONRAMP_TRUST_DIR");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(trust.path()));
        const QString vaultId = QStringLiteral("0123456789abcdef0123456789abcdef");
        bool pinned = false;
        QVERIFY(!TrustStore::pinRoot(vaultId, QByteArray(32, '\x01'), &pinned));
        QVERIFY(pinned);
        QHash<QString, QByteArray> people;
        for (int i = 0; i < 100000; ++i)
            people.insert(QStringLiteral("person-%1").arg(i), QByteArray(32, char(i)));
        const Error saved = TrustStore::advanceVerified(vaultId, 7, QByteArray(32, '\x02'), people, {});
        QVERIFY2(!saved, qPrintable(saved.message));
        std::optional<VaultPin> pin;
        const Error loaded = TrustStore::load(vaultId, &pin);
        QVERIFY2(!loaded, qPrintable(loaded.message));
        QVERIFY(pin);
        QCOMPARE(pin->people.size(), 100000);
        QCOMPARE(pin->people.value(QStringLiteral("person-99999")), QByteArray(32, char(99999)));

        QFile file(QDir(trust.path()).filePath(vaultId + QStringLiteral(".json")));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(TrustStore::kFileLimit + 1));
        file.close();
        const Error refused = TrustStore::load(vaultId, &pin);
        QCOMPARE(refused.kind, ErrorKind::Damaged);
        QVERIFY2(refused.message.contains(QStringLiteral("32 MiB")), qPrintable(refused.message));
        QVERIFY(refused.message.contains(QDir::toNativeSeparators(file.fileName()))
                || refused.message.contains(file.fileName()));
        qputenv("ONRAMP_TRUST_DIR", before);
    }

    void aRecordReadsBackAsWrittenWhateverTheNames()
    {
        // Written as text, not through a JSON object: a name with quotes,
        // backslashes, controls or any script reads back as it was.
        QTemporaryDir trust;
        QVERIFY(trust.isValid());
        const QByteArray before = qgetenv("ONRAMP_TRUST_DIR");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(trust.path()));
        const QString vaultId = QStringLiteral("00112233445566778899aabbccddeeff");
        bool pinned = false;
        QVERIFY(!TrustStore::pinRoot(vaultId, QByteArray(32, '\x03'), &pinned));
        const QHash<QString, QByteArray> people{{QStringLiteral("a\"b"), QByteArray(32, '\x04')},
                                                {QStringLiteral("back\\slash"), QByteArray(32, '\x05')},
                                                {QStringLiteral("line\nbreak\x01"), QByteArray(32, '\x06')},
                                                {QStringLiteral("zo\u00eb \u4e2d"), QByteArray(32, '\x07')}};
        const QList<QByteArray> admins{QByteArray(32, '\x04'), QByteArray(32, '\x05')};
        QVERIFY(!TrustStore::advanceVerified(vaultId, 9, QByteArray(32, '\x08'), people, admins));
        QVERIFY(!TrustStore::advanceHead(vaultId, 11, QByteArray(32, '\x09')));
        // Other bytes than this process wrote: parsed from the file.
        QFile file(QDir(trust.path()).filePath(vaultId + QStringLiteral(".json")));
        QVERIFY(file.open(QIODevice::Append));
        file.write("\n");
        file.close();
        std::optional<VaultPin> pin;
        const Error loaded = TrustStore::load(vaultId, &pin);
        QVERIFY2(!loaded, qPrintable(loaded.message));
        QVERIFY(pin);
        QCOMPARE(pin->people, people);
        QCOMPARE(pin->adminKeys, admins);
        QCOMPARE(pin->rootKey, QByteArray(32, '\x03'));
        QCOMPARE(pin->verifiedSequence, 9);
        QCOMPARE(pin->verifiedHash, QByteArray(32, '\x08'));
        QCOMPARE(pin->headSequence, 11);
        QCOMPARE(pin->headHash, QByteArray(32, '\x09'));
        qputenv("ONRAMP_TRUST_DIR", before);
    }

    void aRecordChangedOnDiskIsReadAgainNotRemembered()
    {
        // The process keeps the record it last read or wrote with its bytes;
        // another process's write, or damage, is what the next read sees.
        QTemporaryDir trust;
        QVERIFY(trust.isValid());
        const QByteArray before = qgetenv("ONRAMP_TRUST_DIR");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(trust.path()));
        const QString vaultId = QStringLiteral("ffeeddccbbaa99887766554433221100");
        bool pinned = false;
        QVERIFY(!TrustStore::pinRoot(vaultId, QByteArray(32, '\x01'), &pinned));
        QVERIFY(!TrustStore::advanceHead(vaultId, 5, QByteArray(32, '\x02')));
        const QString path = QDir(trust.path()).filePath(vaultId + QStringLiteral(".json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray atFive = file.readAll();
        file.close();
        std::optional<VaultPin> pin;
        QVERIFY(!TrustStore::load(vaultId, &pin));
        QCOMPARE(pin->headSequence, 5);

        // Another process records entry 6 (written here by hand, as text).
        QByteArray atSix = atFive;
        atSix.replace("\"head_seq\":5", "\"head_seq\":6");
        QVERIFY(atSix != atFive);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(atSix);
        file.close();
        QVERIFY(!TrustStore::load(vaultId, &pin));
        QCOMPARE(pin->headSequence, 6);
        // And an update starts from what the file holds now.
        QVERIFY(!TrustStore::advanceHead(vaultId, 6, QByteArray(32, '\x03')));
        QVERIFY(!TrustStore::load(vaultId, &pin));
        QCOMPARE(pin->headSequence, 6);
        QCOMPARE(pin->headHash, QByteArray(32, '\x02'));

        // Damaged since: refused, not answered from memory.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(atSix.left(atSix.size() / 2));
        file.close();
        const Error damaged = TrustStore::load(vaultId, &pin);
        QCOMPARE(damaged.kind, ErrorKind::Damaged);
        QVERIFY2(damaged.message.contains(vaultId), qPrintable(damaged.message));
        qputenv("ONRAMP_TRUST_DIR", before);
    }

    void aPlantedLockFileDoesNotKeepTheDesktopFromRememberingARevocation()
    {
        const QString dir = copyAt(Stage::SignedOff);
        const QString backup = dir + QStringLiteral(".before-revoke");
        copyVault(dir, backup);
        // The hire leaves a vault.lock behind: the key-file write after the
        // revocation cannot take it.
        QFile lock(QDir(dir).filePath(Vault::lockFileName()));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("not a process\n");
        lock.close();
        {
            auto m = max(dir);
            QVERIFY(!Credentials(*m, m_clock).revoke(QStringLiteral("hal"), QStringLiteral("prod-db")));
        }
        QFile::remove(lock.fileName());
        putBack(backup, dir);
        std::unique_ptr<Vault> refused;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("the vault went back")), qPrintable(e.message));
    }

    void aRestoreSignedByAnAdminDisabledSinceIsRefused()
    {
        // eve is an admin; the hire keeps a copy of the vault from then.
        const QString dir = copyAt(Stage::Enrolled);
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).add(QStringLiteral("eve"), {}, Role::Admin, "eve the second admin"));
        }
        const QString old = dir + QStringLiteral(".with-eve");
        copyVault(dir, old);
        {
            auto a = ada(dir);
            QVERIFY(!People(*a).disable(QStringLiteral("eve")));
        }
        // eve, disabled, puts the old copy back and confirms it as a restore
        // on a desktop of her own, where she is still an admin.
        const QByteArray adasDesktop = qgetenv("ONRAMP_TRUST_DIR");
        putBack(old, dir);
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".eves-desktop")));
        {
            std::unique_ptr<Vault> eve;
            QVERIFY(!Vault::unlock(dir, QStringLiteral("eve"), "eve the second admin", &eve,
                                   Vault::UnlockMode::AcceptRestore));
            qint64 epoch = 0;
            QVERIFY(!Ledger::confirmRestore(*eve, m_clock.now(), &epoch));
        }
        // ada's desktop knew eve as disabled: it does not go back on her word.
        qputenv("ONRAMP_TRUST_DIR", adasDesktop);
        auto a = ada(dir);
        QVERIFY(a);
        // Opening (unverified) says the vault went back, but names nobody
        // as its restorer: the check that follows refuses eve's word.
        QVERIFY2(a->firstUseNote().contains(QStringLiteral("not checked yet")), qPrintable(a->firstUseNote()));
        QVERIFY2(!a->firstUseNote().contains(QStringLiteral("eve")), qPrintable(a->firstUseNote()));
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("signed by eve, whom this desktop does not know as an admin")),
                 qPrintable(check.message));
        int delivered = 0;
        QCOMPARE(Credentials(*a, m_clock)
                     .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered)
                     .kind,
                 ErrorKind::Damaged);
    }

    void aRewrittenPrefixIsFoundEvenWhereSignaturesAreNotCheckedAgain()
    {
        const QString dir = copyAt(Stage::SignedOff);
        {
            auto a = ada(dir);
            QVERIFY(!Ledger::verify(*a, m_clock.now())); // this desktop has now verified the whole log
        }
        // The hire makes kim (person 4) an admin in her person.add entry and,
        // holding the hash key, hashes every later entry again so that the
        // chain links; the signatures they cannot make stay as they were.
        {
            auto h = hal(dir);
            QVERIFY(h);
            SecureBytes key;
            QVERIFY(!AuditLog::hashKey(h->db(), &key));
            QList<AuditEntry> entries;
            QVERIFY(!AuditLog::entries(h->db(), {}, &entries));
            QVERIFY(!h->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QByteArray previous;
            bool rewriting = false;
            for (AuditEntry e : entries) {
                if (e.action == QLatin1String("person.add") && e.subject == QLatin1String("kim")) {
                    e.details.replace(QStringLiteral("\"role\":\"hire\""), QStringLiteral("\"role\":\"admin\""));
                    rewriting = true;
                }
                if (rewriting) {
                    e.previousHash = previous;
                    e.hash = AuditLog::computeHash(e, key);
                    QVERIFY(!h->db().execute(QStringLiteral("UPDATE audit_log SET details = ?1, prev_hash = ?2, "
                                                            "hash = ?3 WHERE seq = ?4"),
                                             {e.details, e.previousHash, e.hash, e.sequence}));
                }
                previous = e.hash;
            }
            QVERIFY(rewriting);
            QVERIFY(!h->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                                                    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")));
        }
        // The new head hash is not the one this desktop verified: refused at the door.
        std::unique_ptr<Vault> a;
        const Error unlock = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &a);
        QCOMPARE(unlock.kind, ErrorKind::Damaged);
        // Had the desktop remembered only the verified prefix (not the head),
        // the check that skips the prefix's signatures still finds it.
        const QString trust = QString::fromLocal8Bit(qgetenv("ONRAMP_TRUST_DIR"));
        const QString elsewhere = dir + QStringLiteral(".prefix-only");
        QDir().mkpath(elsewhere);
        for (const QFileInfo& file : QDir(trust).entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile in(file.filePath());
            QVERIFY(in.open(QIODevice::ReadOnly));
            QJsonObject json = QJsonDocument::fromJson(in.readAll()).object();
            json.insert(QStringLiteral("head_seq"), 0);
            json.insert(QStringLiteral("head_hash"), QString());
            QFile out(QDir(elsewhere).filePath(file.fileName()));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QJsonDocument(json).toJson());
        }
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(elsewhere));
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &a));
        const Error incremental = Ledger::verify(*a, m_clock.now(), nullptr, Ledger::Depth::Incremental);
        QCOMPARE(incremental.kind, ErrorKind::Damaged);
        QVERIFY2(incremental.message.contains(QStringLiteral("audit log entry 4: bad signature")),
                 qPrintable(incremental.message));
        const Error full = Ledger::verify(*a, m_clock.now());
        QVERIFY2(full.message.contains(QStringLiteral("bad signature")), qPrintable(full.message));
    }

    void aVaultFromBeforeSignedAuthorityIsNamedAsSuch()
    {
        // What an older Onramp wrote: a vault.create naming no production key
        // check (the log re-signed here by its only author, ada).
        const QString dir = m_dir.filePath(QStringLiteral("older"));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".trust")));
        auto a = makeVault(dir);
        QVERIFY(a);
        SecureBytes key;
        QVERIFY(!AuditLog::hashKey(a->db(), &key));
        QList<AuditEntry> entries;
        QVERIFY(!AuditLog::entries(a->db(), {}, &entries));
        QVERIFY(!a->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        QByteArray previous(AuditLog::kHashBytes, '\0');
        for (AuditEntry e : entries) {
            if (e.sequence == 1) {
                QJsonObject details = QJsonDocument::fromJson(e.details.toUtf8()).object();
                details.remove(QStringLiteral("production_key_check"));
                e.details = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
            }
            e.previousHash = previous;
            e.hash = AuditLog::computeHash(e, key);
            e.signature = a->sign(AuditLog::signedMessage(e.hash));
            QVERIFY(!a->db().execute(QStringLiteral("UPDATE audit_log SET details = ?1, prev_hash = ?2, hash = ?3, "
                                                    "signature = ?4 WHERE seq = ?5"),
                                     {e.details, e.previousHash, e.hash, e.signature, e.sequence}));
            previous = e.hash;
        }
        QVERIFY(!a->db().execute(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                                                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")));
        KeyFile keys;
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
        keys.extra.insert(
            AuditLog::headField(),
            QJsonObject{{QStringLiteral("seq"), entries.size()},
                        {QStringLiteral("hash"), QString::fromLatin1(previous.toBase64())},
                        {QStringLiteral("signer"), QStringLiteral("ada")},
                        {QStringLiteral("signature"),
                         QString::fromLatin1(
                             a->sign(AuditLog::headMessage(keys.vaultId, entries.size(), previous)).toBase64())}});
        QVERIFY(!keys.save(QDir(dir).filePath(Vault::keyFileName())));
        QDir(dir + QStringLiteral(".trust")).removeRecursively(); // as a desktop that never saw the original
        const Error e = Ledger::verify(*a, m_clock.now());
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("from before signed authority")), qPrintable(e.message));
    }

    void rootIsPinnedOnFirstUseAndAnotherIsRefused()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString elsewhere = dir + QStringLiteral(".new-desktop");
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(elsewhere));
        std::unique_ptr<Vault> first = hal(dir);
        QVERIFY(first);
        const QString id = first->vaultId();
        QVERIFY2(first->firstUseNote().contains(QStringLiteral("first use")), qPrintable(first->firstUseNote()));
        first.reset();
        QCOMPARE(hal(dir)->firstUseNote(), QString());
        // A desktop that pinned another root (the folder was replaced by a
        // vault whose log starts from a key the hire made) refuses to open it.
        std::optional<VaultPin> pin;
        QVERIFY(!TrustStore::load(id, &pin));
        QVERIFY(pin);
        QFile file(QDir(elsewhere).filePath(id + QStringLiteral(".json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        json.insert(QStringLiteral("root_key"),
                    QString::fromLatin1(crypto::generateSignKeyPair().publicKey.toBase64()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(json).toJson());
        file.close();
        std::unique_ptr<Vault> refused;
        const Error e = Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &refused);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("not the one this desktop pinned")), qPrintable(e.message));
    }

    void aDeliberateRestoreIsAnAdminsSignedAct()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString backup = dir + QStringLiteral(".backup");
        copyVault(dir, backup);
        completeSteps(dir);
        // A second desktop that also saw the newer state.
        const QString mine = QString::fromLocal8Bit(qgetenv("ONRAMP_TRUST_DIR"));
        const QString other = dir + QStringLiteral(".other-desktop");
        QDir().mkpath(other);
        for (const QFileInfo& pin : QDir(mine).entryInfoList({QStringLiteral("*.json")}, QDir::Files))
            QVERIFY(QFile::copy(pin.filePath(), QDir(other).filePath(pin.fileName())));
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
        std::unique_ptr<Vault> refused;
        QCOMPARE(Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused).kind, ErrorKind::Damaged);
        // Nobody but an admin confirms it, and nothing else runs in that session.
        std::unique_ptr<Vault> hire;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire, Vault::UnlockMode::AcceptRestore));
        qint64 epoch = 0;
        QCOMPARE(Ledger::confirmRestore(*hire, m_clock.now(), &epoch).kind, ErrorKind::NotPermitted);
        hire.reset();
        std::unique_ptr<Vault> admin;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &admin, Vault::UnlockMode::AcceptRestore));
        int delivered = 0;
        QCOMPARE(Credentials(*admin, m_clock)
                     .setSecret(QStringLiteral("prod-db"), SecureBytes::copyOf(kNewSecret), &delivered)
                     .kind,
                 ErrorKind::NotPermitted);
        const Error confirmed = Ledger::confirmRestore(*admin, m_clock.now(), &epoch);
        QVERIFY2(!confirmed, qPrintable(confirmed.message));
        QCOMPARE(epoch, 1);
        admin.reset();
        // This desktop and the other one now accept the restored vault.
        QVERIFY(ada(dir));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(other));
        auto a = ada(dir);
        QVERIFY(a);
        QStringList report;
        QVERIFY2(!a->check(&report, m_clock.now()), qPrintable(report.join(QLatin1Char('\n'))));
        // ...and refuse going back behind the restore again.
        a.reset();
        completeSteps(dir);
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
        QCOMPARE(Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused).kind, ErrorKind::Damaged);
    }

    void rollbackOfTheWholeFolderIsRefusedWhereTheNewerStateWasSeen()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString backup = dir + QStringLiteral(".backup");
        copyVault(dir, backup);
        completeSteps(dir); // the desktop sees two more entries
        for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()}) {
            QFile::remove(QDir(dir).filePath(name));
            QVERIFY(QFile::copy(QDir(backup).filePath(name), QDir(dir).filePath(name)));
        }
        std::unique_ptr<Vault> refused;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &refused);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("the vault went back")), qPrintable(e.message));
    }

    // A hire who saw a mentor's handed-over passphrase cuts the mentor's own
    // choice out of the log and puts the older key file back: on the
    // mentor's desktop, which saw the choice, her passphrase no longer opens
    // anything, and the refusal says why that may be, with the entries.
    void aPassphraseThatNoLongerOpensACutBackVaultSaysWhy()
    {
        const QString dir = copyAt(Stage::Enrolled);
        const QString backup = dir + QStringLiteral(".backup");
        const QByteArray handed = "max, reset by ada";
        {
            auto a = ada(dir);
            QVERIFY(a);
            QVERIFY(!People(*a).resetPassphrase(QStringLiteral("max"), handed));
        }
        copyVault(dir, backup);
        {
            auto m = as(dir, QStringLiteral("max"), handed);
            QVERIFY(m);
            QVERIFY(!firstpassphrase::choose(*m, "max's own passphrase"));
        }
        {
            auto m = as(dir, QStringLiteral("max"), "max's own passphrase"); // this desktop sees the choice
            QVERIFY(m);
        }
        putBack(backup, dir);
        std::unique_ptr<Vault> refused;
        const Error e = Vault::unlock(dir, QStringLiteral("max"), "max's own passphrase", &refused);
        QCOMPARE(e.kind, ErrorKind::Auth);
        QVERIFY2(e.message.contains(QStringLiteral("may have been put back or cut back")), qPrintable(e.message));
        QVERIFY2(e.message.contains(QStringLiteral("only up to entry")), qPrintable(e.message));
        // Where nothing went back, a wrong passphrase is only that.
        const QString fresh = copyAt(Stage::Enrolled);
        const Error wrong = Vault::unlock(fresh, QStringLiteral("max"), "not max's passphrase", &refused);
        QCOMPARE(wrong.kind, ErrorKind::Auth);
        QVERIFY2(!wrong.message.contains(QStringLiteral("put back")), qPrintable(wrong.message));
    }
};

QTEST_GUILESS_MAIN(TestDesktopTrust)
#include "TestDesktopTrust.moc"
