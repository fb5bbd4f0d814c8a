// Key slots at scale, in a vault from before keys.db: a key file near or past
// the old 16 MiB read limit migrates to keys.db and the vault takes more
// people, one past its 128 MiB limit is refused naming the limit, and signing
// in reads only the slots it opens and verifies, choosing exactly the slots
// the whole file's reading would.
#include "KeyFile.h"
#include "VaultTestUtil.h"
#include "audit/AuditLog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

class TestKeySlotScale : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_pristine;
    int m_copies = 0;

    QString copyOfPristine()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("copy%1").arg(++m_copies));
        QDir().mkpath(dir);
        // Each copy is a vault of its own to this desktop: what one copy's
        // log grew to is no rollback in the next.
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_tmp.filePath(QStringLiteral("trust%1").arg(m_copies))));
        for (const QString& name : {Vault::databaseFileName(), Vault::legacyKeyFileName()})
            if (!QFile::copy(QDir(m_pristine).filePath(name), QDir(dir).filePath(name)))
                return {};
        return dir;
    }
    static QString keyPath(const QString& dir) { return QDir(dir).filePath(Vault::legacyKeyFileName()); }

    /// Pads the key file of \a dir with a field this version keeps unread, to \a bytes in all.
    static bool padKeyFile(const QString& dir, qsizetype bytes)
    {
        KeyFile keys;
        if (KeyFile::load(keyPath(dir), &keys))
            return false;
        const qsizetype now = keys.toJson().size();
        keys.extra.insert(QStringLiteral("padding"), QString());
        const qsizetype overhead = keys.toJson().size() - now;
        keys.extra.insert(QStringLiteral("padding"), QString(bytes - now - overhead, QLatin1Char('x')));
        QFile file(keyPath(dir));
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(keys.toJson()) == bytes;
    }

    static qint64 auditEntries(Vault& vault)
    {
        return vault.db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_pristine = m_tmp.filePath(QStringLiteral("pristine"));
        QVERIFY(makeVault(m_pristine));
        QVERIFY(toLegacyKeyFile(m_pristine));
    }

    void cleanup() { qunsetenv("ONRAMP_TEST_KEY_FILE_LIMIT"); }

    // A key file one slot short of its limit, where an add used to be
    // refused: the first sign-in moves it into keys.db, and the vault takes
    // more people with no limit on the whole.
    void aFullKeyFileMigratesAndTakesMorePeople()
    {
        const QString dir = copyOfPristine();
        constexpr qsizetype kLimit = 64 * 1024;
        qputenv("ONRAMP_TEST_KEY_FILE_LIMIT", QByteArray::number(kLimit));
        QVERIFY(padKeyFile(dir, kLimit - 200)); // room for no new slot
        std::unique_ptr<Vault> admin;
        Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &admin);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!QFileInfo::exists(keyPath(dir)));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(Vault::keyFileName())));
        for (const QString& name : {QStringLiteral("nina"), QStringLiteral("omar")}) {
            e = People(*admin).add(name, {}, Role::Hire, "a new passphrase");
            QVERIFY2(!e, qPrintable(e.message));
        }
        QStringList report;
        QVERIFY2(!admin->check(&report), qPrintable(report.join(QLatin1Char('\n'))));
        admin.reset();
        std::unique_ptr<Vault> hire;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
        QVERIFY(!Vault::unlock(dir, QStringLiteral("omar"), "a new passphrase", &hire));
    }

    void theCommandLineMigratesAFullKeyFileAndAdds()
    {
        const QString dir = copyOfPristine();
        constexpr qsizetype kLimit = 64 * 1024;
        QVERIFY(padKeyFile(dir, kLimit - 200));
        const QString passphraseFile = QDir(dir).filePath(QStringLiteral("nina.txt"));
        {
            QFile file(passphraseFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("nina's passphrase");
        }
        const RunResult r = runOnramp(
            {QStringLiteral("--vault"), dir, QStringLiteral("--as"), QStringLiteral("ada"), QStringLiteral("person"),
             QStringLiteral("add"), QStringLiteral("nina"), QStringLiteral("--role"), QStringLiteral("hire"),
             QStringLiteral("--new-passphrase-file"), passphraseFile},
            kAdminPassphrase, {{QStringLiteral("ONRAMP_TEST_KEY_FILE_LIMIT"), QString::number(kLimit)}});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(keyPath(dir)));
    }

    // Past the limit a file is refused by its size, not by a parse error at
    // the point where reading stopped.
    void aKeyFilePastTheLimitIsRefusedNamingTheLimit()
    {
        const QString dir = copyOfPristine();
        constexpr qsizetype kLimit = 64 * 1024;
        QVERIFY(padKeyFile(dir, kLimit + 1));
        qputenv("ONRAMP_TEST_KEY_FILE_LIMIT", QByteArray::number(kLimit));
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &vault);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(keyPath(dir)) && e.message.contains(QLocale().formattedDataSize(kLimit, 0)),
                 qPrintable(e.message));
    }

    // About 25,500 people fill 16 MiB: such a vault opens, and takes one more.
    void aKeyFilePastSixteenMiBOpensAndGrows()
    {
        const QString dir = copyOfPristine();
        QVERIFY(padKeyFile(dir, 17 * 1024 * 1024));
        std::unique_ptr<Vault> admin;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &admin);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!People(*admin).add(QStringLiteral("nina"), {}, Role::Hire, "nina's passphrase"));
        admin.reset();
        std::unique_ptr<Vault> nina;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("nina"), "nina's passphrase", &nina));
    }

    void signingInReadsOnlyTheSlotsItNeeds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("read");
        // ada comes first in the file and signed every slot.
        QTest::newRow("hire") << QStringLiteral("hal") << QStringList{QStringLiteral("ada"), QStringLiteral("hal")};
        QTest::newRow("mentor") << QStringLiteral("max") << QStringList{QStringLiteral("ada"), QStringLiteral("max")};
        QTest::newRow("admin") << QStringLiteral("ada") << QStringList{QStringLiteral("ada")};
        QTest::newRow("nobody") << QStringLiteral("zed") << QStringList{QStringLiteral("ada")};
    }
    void signingInReadsOnlyTheSlotsItNeeds()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, read);
        KeyFile whole;
        QVERIFY(!KeyFile::load(keyPath(m_pristine), &whole));
        KeyFile part;
        QVERIFY(!KeyFile::loadFor(keyPath(m_pristine), name, &part));
        QStringList names;
        for (const KeySlot& slot : part.slots)
            names.append(slot.name);
        QCOMPARE(names, read);
        QVERIFY(part.isPartial());
        QCOMPARE(part.vaultId, whole.vaultId);
        QCOMPARE(part.extra, whole.extra);
        for (const KeySlot& slot : part.slots) {
            QCOMPARE(slot.signature, whole.slot(slot.name)->signature);
            QCOMPARE(slot.canonical(part.vaultId), whole.slot(slot.name)->canonical(whole.vaultId));
        }
        // Never written back: it would drop everyone else's slot.
        const QMap<QString, QByteArray> before = hashFiles(m_pristine);
        QVERIFY(part.save(keyPath(m_pristine)));
        QCOMPARE(hashFiles(m_pristine), before);
    }

    // A slot that someone else's damage made unreadable (here it lost its
    // name, which fails the whole file) does not stop another's sign-in.
    void anotherPersonsUnreadableSlotDoesNotStopASignIn()
    {
        const QString dir = copyOfPristine();
        QFile file(keyPath(dir));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray slots = root.value(QStringLiteral("slots")).toArray();
        for (qsizetype i = 0; i < slots.size(); ++i) {
            QJsonObject slot = slots.at(i).toObject();
            if (slot.value(QStringLiteral("name")).toString() == QLatin1String("max")) {
                slot.remove(QStringLiteral("name"));
                slots.replace(i, slot);
            }
        }
        root.insert(QStringLiteral("slots"), slots);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(root).toJson());
        file.close();

        std::unique_ptr<Vault> hire;
        const Error e = Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire);
        QVERIFY2(!e, qPrintable(e.message));
        // What decides for everyone still reads every slot and names the damage.
        std::unique_ptr<Vault> admin;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &admin));
        const Error add = People(*admin).add(QStringLiteral("nina"), {}, Role::Hire, "nina's passphrase");
        QCOMPARE(add.kind, ErrorKind::Damaged);
        QVERIFY2(add.message.contains(keyPath(dir)), qPrintable(add.message));
    }

    // A hire who rewrites the file to make the quick reading pick another
    // slot than the whole reading does: each trick gives both the same slot.
    void theQuickReadingPicksTheSlotsTheWholeReadingDoes_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        // An older copy of hal's slot put first, its name spelled with an
        // escape; another with spaces around the colon; a key escaped.
        QTest::newRow("escaped name") << QByteArray("\"name\": \"hal\"") << QByteArray("\"name\": \"h\\u0061l\"");
        QTest::newRow("spaced colon") << QByteArray("\"name\": \"hal\"") << QByteArray("\"name\"  :\n \"hal\"");
        QTest::newRow("escaped key") << QByteArray("\"name\": \"hal\"") << QByteArray("\"n\\u0061me\": \"hal\"");
    }
    void theQuickReadingPicksTheSlotsTheWholeReadingDoes()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        // Two slots for hal, the first an altered copy: which one a reading
        // takes shows in its signature.
        KeyFile keys;
        QVERIFY(!KeyFile::load(keyPath(m_pristine), &keys));
        KeySlot older = *keys.slot(QStringLiteral("hal"));
        older.signature[0] = char(older.signature[0] ^ 1);
        keys.slots.prepend(older);
        QByteArray json = keys.toJson();
        const qsizetype at = json.indexOf(from);
        QVERIFY(at >= 0);
        json.replace(at, from.size(), to);

        KeyFile whole;
        QVERIFY(!KeyFile::parse(json, QStringLiteral("keys.json"), &whole));
        KeyFile part;
        QVERIFY(!KeyFile::parseFor(json, QStringLiteral("keys.json"), {QStringLiteral("hal")}, &part));
        QVERIFY(whole.slot(QStringLiteral("hal")));
        QVERIFY(part.slot(QStringLiteral("hal")));
        QCOMPARE(part.slot(QStringLiteral("hal"))->signature, whole.slot(QStringLiteral("hal"))->signature);
    }

    // A member the hire adds, a long run of escaped backslashes, is valid
    // JSON: the scan reads it once, as the whole reading does, rather than
    // searching for the closing quote again after every escape (16 MiB
    // took minutes that way, and every sign-in hung on it).
    void aLongRunOfEscapesIsReadInOnePass()
    {
        KeyFile keys;
        QVERIFY(!KeyFile::load(keyPath(m_pristine), &keys));
        QByteArray json = keys.toJson();
        const qsizetype open = json.indexOf('{');
        QVERIFY(open >= 0);
        json.insert(open + 1, "\"note\": \"" + QByteArray(16 * 1024 * 1024, '\\') + "\",");
        KeyFile whole;
        QVERIFY(!KeyFile::parse(json, QStringLiteral("keys.json"), &whole));
        KeyFile part;
        QVERIFY(!KeyFile::parseFor(json, QStringLiteral("keys.json"), {QStringLiteral("hal")}, &part));
        QVERIFY(part.slot(QStringLiteral("hal")));
        QCOMPARE(part.slot(QStringLiteral("hal"))->signature, whole.slot(QStringLiteral("hal"))->signature);
    }

    // An interrupted rekey is seen from any one slot: every slot with a
    // pending master key is read too.
    void slotsWithAPendingMasterKeyAreRead()
    {
        KeyFile keys;
        QVERIFY(!KeyFile::load(keyPath(m_pristine), &keys));
        keys.slot(QStringLiteral("max"))->sealedPendingMasterKey = keys.slot(QStringLiteral("max"))->sealedMasterKey;
        KeyFile part;
        QVERIFY(!KeyFile::parseFor(keys.toJson(), QStringLiteral("keys.json"), {QStringLiteral("hal")}, &part));
        QVERIFY(part.slot(QStringLiteral("max")));
        QVERIFY(!part.slot(QStringLiteral("max"))->sealedPendingMasterKey.isEmpty());
    }

    // What the quick scan cannot follow is read whole, with the whole
    // reading's error.
    void aFileTheScanCannotFollowIsReadWhole()
    {
        const QByteArray broken = "{\"format\": 1, \"slots\": [ {\"name\": \"hal\"";
        KeyFile whole;
        const Error wholeError = KeyFile::parse(broken, QStringLiteral("keys.json"), &whole);
        KeyFile part;
        const Error partError = KeyFile::parseFor(broken, QStringLiteral("keys.json"), {QStringLiteral("hal")}, &part);
        QVERIFY(partError);
        QCOMPARE(partError.message, wholeError.message);
    }
};

QTEST_GUILESS_MAIN(TestKeySlotScale)
#include "TestKeySlotScale.moc"
