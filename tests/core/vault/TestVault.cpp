// Vault: create, unlock, people, passphrases, production key, rekey, migrations.
#include "Crypto.h"
#include "Schema.h"
#include "VaultTestUtil.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

namespace {

/// Makes a vault's schema as it was before version 10: no column for a
/// provider's fields, no table of pending revocations at the source, and
/// (version 11) no seal of a kept secret.
bool dropProviderFields(Database& db)
{
    return !db.execute(QStringLiteral("ALTER TABLE credential_secrets DROP COLUMN seal"))
        && !db.execute(QStringLiteral("ALTER TABLE sandbox_credentials DROP COLUMN fields"))
        && !db.execute(QStringLiteral("ALTER TABLE credential_grants DROP COLUMN fields"))
        && !db.execute(QStringLiteral("DROP TABLE source_revokes"));
}

} // namespace

class TestVault : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp; // private temp folder (SQLITE_TMPDIR/TMPDIR point here)
    int m_count = 0;

    QString freshDir() { return m_tmp.filePath(QStringLiteral("vault%1").arg(++m_count)); }

    static Error unlock(const QString& dir, const QString& name, QByteArrayView passphrase,
                        std::unique_ptr<Vault>* out = nullptr)
    {
        std::unique_ptr<Vault> local;
        return Vault::unlock(dir, name, passphrase, out ? out : &local);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Before SQLite first runs: any temp file it made would land here.
        qputenv("SQLITE_TMPDIR", QFile::encodeName(m_tmp.path()));
        qputenv("TMPDIR", QFile::encodeName(m_tmp.path()));
    }

    void createdVaultUnlocksForEachPerson_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<int>("role");
        QTest::addColumn<bool>("production");
        QTest::newRow("admin") << "ada" << kAdminPassphrase << int(Role::Admin) << true;
        QTest::newRow("mentor") << "max" << kMentorPassphrase << int(Role::Mentor) << true;
        QTest::newRow("hire") << "hal" << kHirePassphrase << int(Role::Hire) << false;
    }
    void createdVaultUnlocksForEachPerson()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, passphrase);
        QFETCH(int, role);
        QFETCH(bool, production);
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        std::unique_ptr<Vault> vault;
        const Error e = unlock(dir, name, passphrase, &vault);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(vault->me().name, name);
        QCOMPARE(int(vault->me().role), role);
        QCOMPARE(vault->holdsProductionKey(), production);
        QCOMPARE(vault->people().size(), 3);
        QCOMPARE(vault->person(QStringLiteral("max"))->displayName, QStringLiteral("Max Mentor"));
        const QByteArray signature = vault->sign("sign-off");
        QVERIFY(crypto::verify("sign-off", signature, vault->me().signPublicKey));
        QVERIFY(!crypto::verify("sign-off!", signature, vault->me().signPublicKey));
        const QByteArray sealed = crypto::sealTo("grant", vault->me().signPublicKey);
        QCOMPARE(vault->openSealed(sealed)->view(), QByteArrayView("grant"));
        vault->lock();
        QVERIFY(vault->isLocked());
        QVERIFY(vault->productionKey().isEmpty());
        QVERIFY(!vault->openSealed(sealed));
    }

    void createRefusesAFolderThatHoldsAVault()
    {
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        const auto before = hashFiles(dir);
        std::unique_ptr<Vault> vault;
        const Error e =
            Vault::create(dir, QStringLiteral("eve"), {}, "a good long passphrase", KdfLevel::Interactive, &vault);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY(e.message.contains(dir));
        QCOMPARE(hashFiles(dir), before);
    }

    void wrongPassphrase100TimesLeavesFilesUntouched()
    {
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        const auto before = hashFiles(dir);
        QCOMPARE(before.keys(), (QStringList{QStringLiteral("keys.db"), QStringLiteral("vault.db")}));
        for (int i = 0; i < 100; ++i) {
            const Error e =
                unlock(dir, QStringLiteral("ada"), QByteArray(QByteArray("wrong ") + QByteArray::number(i)));
            QCOMPARE(e.kind, ErrorKind::Auth);
        }
        QCOMPARE(hashFiles(dir), before);
    }

    void unknownPersonGetsTheWrongPassphraseMessage()
    {
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        const Error wrong = unlock(dir, QStringLiteral("ada"), "nope");
        const Error unknown = unlock(dir, QStringLiteral("zed"), kAdminPassphrase);
        QCOMPARE(wrong.kind, ErrorKind::Auth);
        QCOMPARE(unknown.kind, ErrorKind::Auth);
        QCOMPARE(unknown.message, wrong.message);
    }

    void hireCannotUnwrapTheProductionKey()
    {
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        std::unique_ptr<Vault> hire;
        QVERIFY(!unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
        QVERIFY(!hire->holdsProductionKey());
        // Nothing in the hire's slot opens to the production key, whatever they try.
        KeyFile keys;
        QVERIFY(!KeyFile::load(dir + QStringLiteral("/keys.db"), &keys));
        const KeySlot* slot = keys.slot(QStringLiteral("hal"));
        QVERIFY(slot->sealedProductionKey.isEmpty());
        const std::optional<SecureBytes> secret = slot->unwrapSecretKey(keys.vaultId, kHirePassphrase);
        QVERIFY(secret);
        std::unique_ptr<Vault> mentor;
        QVERIFY(!unlock(dir, QStringLiteral("max"), kMentorPassphrase, &mentor));
        for (const KeySlot& other : keys.slots)
            if (!other.sealedProductionKey.isEmpty())
                QVERIFY(!crypto::openSealed(other.sealedProductionKey, *secret));
        // A production secret encrypted by the mentor stays closed to the hire's keys.
        const QByteArray box = crypto::encrypt("prod-db-password", mentor->productionKey(), "credential:1");
        QVERIFY(crypto::decrypt(box, mentor->productionKey(), "credential:1"));
        QVERIFY(!hire->openSealed(box));
    }

    void confirmPassphraseAcceptsOnlyMyOwn_data()
    {
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<int>("kind");
        QTest::newRow("mine") << kMentorPassphrase << int(ErrorKind::None);
        QTest::newRow("wrong") << QByteArray("mentor passphrasf") << int(ErrorKind::Auth);
        QTest::newRow("another person's") << kHirePassphrase << int(ErrorKind::Auth);
        QTest::newRow("the admin's") << kAdminPassphrase << int(ErrorKind::Auth);
        QTest::newRow("empty") << QByteArray() << int(ErrorKind::Auth);
    }
    void confirmPassphraseAcceptsOnlyMyOwn()
    {
        QFETCH(QByteArray, passphrase);
        QFETCH(int, kind);
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        std::unique_ptr<Vault> mentor;
        QVERIFY(!unlock(dir, QStringLiteral("max"), kMentorPassphrase, &mentor));
        const QMap<QString, QByteArray> before = hashFiles(dir);
        const Error e = mentor->confirmPassphrase(passphrase);
        QCOMPARE(int(e.kind), kind);
        if (e)
            QVERIFY2(e.message.contains(QStringLiteral("max")), qPrintable(e.message));
        QCOMPARE(hashFiles(dir), before); // nothing written, no journal left
        // The session is the same one and goes on working.
        QCOMPARE(mentor->me().name, QStringLiteral("max"));
        QVERIFY(mentor->holdsProductionKey());
        const QByteArray message = "after the check";
        QVERIFY(crypto::verify(message, mentor->sign(message), mentor->me().signPublicKey));
        QCOMPARE(mentor->people().size(), 3);
        QVERIFY(!mentor->requireActive());
        QVERIFY(!mentor->confirmPassphrase(kMentorPassphrase));
    }

    void confirmPassphraseOpensNoSecondConnection()
    {
        // The session's own connection holds an exclusive lock: a second
        // connection (what a full unlock opens) could not even read the file.
        const QString dir = freshDir();
        std::unique_ptr<Vault> admin = makeVault(dir);
        QVERIFY(admin);
        QVERIFY(!admin->db().execute(QStringLiteral("BEGIN EXCLUSIVE")));
        QVERIFY(!admin->db().execute(QStringLiteral("CREATE TABLE held (x)")));
        // A second connection would wait out the busy timeout and fail.
        const Error e = admin->confirmPassphrase(kAdminPassphrase);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!admin->db().execute(QStringLiteral("ROLLBACK")));
        QVERIFY(!People(*admin).add(QStringLiteral("nia"), {}, Role::Hire, "nia's passphrase"));
    }

    void confirmPassphraseRefusesASessionWhoseSlotWasReset()
    {
        // An admin reset max's passphrase after max unlocked: the new
        // passphrase is right, but this session signs with the old key.
        const QString dir = freshDir();
        std::unique_ptr<Vault> admin = makeVault(dir);
        QVERIFY(admin);
        std::unique_ptr<Vault> mentor;
        QVERIFY(!unlock(dir, QStringLiteral("max"), kMentorPassphrase, &mentor));
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("max"), "max's new passphrase"));
        QCOMPARE(mentor->confirmPassphrase(kMentorPassphrase).kind, ErrorKind::Auth);
        const Error e = mentor->confirmPassphrase("max's new passphrase");
        QCOMPARE(e.kind, ErrorKind::Busy);
        QVERIFY2(e.message.contains(QStringLiteral("sign in again")), qPrintable(e.message));
    }

    void onlyAnAdminAddsPeopleResetsOrRekeys()
    {
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        std::unique_ptr<Vault> mentor;
        QVERIFY(!unlock(dir, QStringLiteral("max"), kMentorPassphrase, &mentor));
        QCOMPARE(People(*mentor).add(QStringLiteral("new"), {}, Role::Hire, "p").kind, ErrorKind::NotPermitted);
        QCOMPARE(People(*mentor).resetPassphrase(QStringLiteral("hal"), "p").kind, ErrorKind::NotPermitted);
        QCOMPARE(mentor->rekey().kind, ErrorKind::NotPermitted);
        QVERIFY(!mentor->person(QStringLiteral("new")));
    }

    void addPersonRefusesBadAndDuplicateNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("duplicate") << "hal";
        QTest::newRow("upper case") << "Hal";
        QTest::newRow("space") << "h al";
        QTest::newRow("empty") << "";
    }
    void addPersonRefusesBadAndDuplicateNames()
    {
        QFETCH(QString, name);
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        const Error e = People(*admin).add(name, {}, Role::Hire, "a good long passphrase");
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QLatin1Char('\'') + name + QLatin1Char('\'')), qPrintable(e.message));
        QCOMPARE(admin->people().size(), 3);
    }

    void addPersonRefusesADisplayNameThatHidesOrBreaks_data()
    {
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("right-to-left override") << QStringLiteral("Maya \u202EMentor") << "U+202E";
        QTest::newRow("zero-width space") << QStringLiteral("Ma\u200Bya") << "U+200B";
        QTest::newRow("Hangul filler") << QStringLiteral("ada\u3164(admin)") << "U+3164";
        QTest::newRow("soft hyphen") << QStringLiteral("Ma\u00ADya") << "U+00AD";
        QTest::newRow("tag character") << QStringLiteral("ada\U000E0001") << "U+E0001";
        QTest::newRow("variation selector") << QStringLiteral("Maya\uFE0F") << "U+FE0F";
        QTest::newRow("blank Braille pattern") << QStringLiteral("maya\u2800") << "U+2800";
        QTest::newRow("no-break space") << QStringLiteral("maya\u00A0") << "U+00A0";
        QTest::newRow("ideographic space") << QStringLiteral("ma\u3000ya") << "U+3000";
        QTest::newRow("figure space") << QStringLiteral("maya\u2007") << "U+2007";
        QTest::newRow("private use") << QStringLiteral("maya\uE000") << "U+E000";
        QTest::newRow("trailing space") << QStringLiteral("maya ") << "starts or ends with a space";
        QTest::newRow("two spaces") << QStringLiteral("Maya  Mentor") << "two in a row";
        QTest::newRow("Cyrillic a in a Latin word")
            << QStringLiteral("m\u0430ya") << "mixes Latin letters and Cyrillic letters";
        QTest::newRow("mathematical letter") << QStringLiteral("\U0001D5ACaya") << "U+1D5AC";
        QTest::newRow("fullwidth letters") << QStringLiteral("\uFF2D\uFF21\uFF39\uFF21") << "U+FF2D";
        QTest::newRow("escape sequence") << QStringLiteral("Maya\x1b[8m") << "control character";
        QTest::newRow("line break") << QStringLiteral("Maya\nMentor") << "control character";
    }
    void addPersonRefusesADisplayNameThatHidesOrBreaks()
    {
        QFETCH(QString, displayName);
        QFETCH(QString, expected);
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        Error e = People(*admin).add(QStringLiteral("nia"), displayName, Role::Hire, "a good long passphrase");
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(expected), qPrintable(e.message));
        QCOMPARE(admin->people().size(), 3);
        std::vector<People::NewPerson> many(1);
        many[0].name = QStringLiteral("nia");
        many[0].displayName = displayName;
        many[0].role = Role::Hire;
        many[0].passphrase = SecureBytes::copyOf(QByteArrayView("a good long passphrase"));
        e = People(*admin).addMany(many);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QCOMPARE(admin->people().size(), 3);
        std::unique_ptr<Vault> created;
        e = Vault::create(freshDir(), QStringLiteral("ada"), displayName, "a good long passphrase",
                          KdfLevel::Interactive, &created);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY(!created);
    }

    // A name that reads as another person's shown or sign-in name, in any
    // case or spacing, is refused by an add, a batch and within a batch.
    void aNameThatReadsAsAnotherPersonsIsRefused_data()
    {
        QTest::addColumn<QString>("displayName");
        QTest::newRow("the mentor's display name") << QStringLiteral("Max Mentor");
        QTest::newRow("in another case") << QStringLiteral("max mentor");
        QTest::newRow("the mentor's sign-in name") << QStringLiteral("Max");
        QTest::newRow("the admin's sign-in name") << QStringLiteral("ADA");
        // Whole words in another script whose letters are drawn as Latin ones.
        QTest::newRow("Cyrillic letters for the mentor's sign-in name") << QStringLiteral("\u041C\u0430\u0445");
        QTest::newRow("Greek capitals for the mentor's sign-in name") << QStringLiteral("\u039C\u0391\u03A7");
        QTest::newRow("rn for m") << QStringLiteral("Max Rnentor");
    }
    void aNameThatReadsAsAnotherPersonsIsRefused()
    {
        QFETCH(QString, displayName);
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        const QString newName = QStringLiteral("nia");
        const QString shown = displayName;
        Error e = People(*admin).add(newName, shown, Role::Hire, "a good long passphrase");
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QStringLiteral("reads as")), qPrintable(e.message));
        const qsizetype before = admin->people().size();
        std::vector<People::NewPerson> many(1);
        many[0].name = newName;
        many[0].displayName = shown;
        many[0].role = Role::Hire;
        many[0].passphrase = SecureBytes::copyOf(QByteArrayView("a good long passphrase"));
        e = People(*admin).addMany(many);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QCOMPARE(admin->people().size(), before);
    }
    // A name written in another script is a name like any other, as long
    // as it reads as nobody else's; and I, l and 1 read as one letter.
    void aNameInAnotherScriptIsAddedUnlessItReadsAsAnothers()
    {
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        Error e = People(*admin).add(QStringLiteral("ivan"),
                                     QStringLiteral("\u0418\u0432\u0430\u043D \u041F\u0435\u0442\u0440\u043E\u0432"),
                                     Role::Hire, "a good long passphrase");
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!People(*admin).add(QStringLiteral("lia"), QStringLiteral("Lia Kim"), Role::Hire,
                                    "a good long passphrase"));
        const QStringList alike = {
            QStringLiteral("LIA KIM"), // capitals, whose I is an l's stroke
            QStringLiteral("Iia Kim"), // a capital I for the l
            QStringLiteral("\u0399\u0399\u0391 \u039A\u0399\u039C"), // Greek capitals
            QStringLiteral("\u0406\u0456\u0430 Kim"), // a Cyrillic word
        };
        for (const QString& shown : alike) {
            e = People(*admin).add(QStringLiteral("nia"), shown, Role::Hire, "a good long passphrase");
            QVERIFY2(e.message.contains(QStringLiteral("reads as Lia Kim")), qPrintable(shown + u' ' + e.message));
        }
        QVERIFY(!admin->person(QStringLiteral("nia")));
    }
    void twoNewPeopleShownAlikeAreRefused()
    {
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        std::vector<People::NewPerson> many(2);
        for (std::size_t i = 0; i < 2; ++i) {
            many[i].name = i == 0 ? QStringLiteral("sam") : QStringLiteral("sam.x");
            many[i].displayName = i == 0 ? QStringLiteral("Sam Lee") : QStringLiteral("SAM  LEE").simplified();
            many[i].role = Role::Hire;
            many[i].passphrase = SecureBytes::copyOf(QByteArrayView("a good long passphrase"));
        }
        const Error e = People(*admin).addMany(many);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QStringLiteral("'sam.x' would be shown as 'SAM LEE', which reads as Sam Lee")),
                 qPrintable(e.message));
        QCOMPARE(admin->people().size(), 3);
        // Told apart, both are added.
        many[1].displayName = QStringLiteral("Sam Lee (design)");
        QVERIFY(!People(*admin).addMany(many));
        QCOMPARE(admin->people().size(), 5);
        // With no display name the sign-in name is shown, and read the same way.
        const Error e2 = People(*admin).add(QStringLiteral("max.m"), QString(), Role::Hire, "a good long passphrase");
        QVERIFY2(!e2, qPrintable(e2.message));
        QCOMPARE(People(*admin)
                     .add(QStringLiteral("nia"), QStringLiteral("MAX.M"), Role::Hire, "a good long passphrase")
                     .kind,
                 ErrorKind::InvalidInput);
    }

    void aDisplayNameInAnyOneScriptIsKept_data()
    {
        QTest::addColumn<QString>("displayName");
        QTest::newRow("accents") << QStringLiteral("Zo\u00EB \u00C5ngstr\u00F6m");
        QTest::newRow("Cyrillic") << QStringLiteral("\u0410\u043D\u0434\u0440\u0435\u0439 Smith");
        QTest::newRow("Greek") << QStringLiteral("\u0395\u03BB\u03AD\u03BD\u03B7");
        QTest::newRow("Chinese") << QStringLiteral("\u674E\u96F7");
        QTest::newRow("hyphen and apostrophe") << QStringLiteral("Jean-Luc O'Brien");
        QTest::newRow("combining accent") << QStringLiteral("Zoe\u0308 Hale");
    }
    void aDisplayNameInAnyOneScriptIsKept()
    {
        QFETCH(QString, displayName);
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        const Error e = People(*admin).add(QStringLiteral("nia"), displayName, Role::Hire, "a good long passphrase");
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(admin->people().size(), 4);
    }

    void newPassphrasesFollowOneRule_data()
    {
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        QTest::newRow("empty") << QByteArray() << QStringLiteral("must not be empty");
        QTest::newRow("11 characters") << QByteArray("eleven char") << QStringLiteral("at least 12 characters");
        QTest::newRow("12 characters") << QByteArray("twelve chars") << QString();
        // Characters, not bytes: 11 two-byte characters are still too short.
        QTest::newRow("11 accented") << QStringLiteral("ééééééééééé").toUtf8()
                                     << QStringLiteral("at least 12 characters");
        QTest::newRow("12 accented") << QStringLiteral("éééééééééééé").toUtf8() << QString();
        QTest::newRow("4096 bytes") << QByteArray(4096, 'x') << QString();
        QTest::newRow("4097 bytes") << QByteArray(4097, 'x') << QStringLiteral("longer than 4096 bytes");
    }

    void newPassphrasesFollowOneRule()
    {
        QFETCH(QByteArray, passphrase);
        QFETCH(QString, refusal);
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        const auto before = hashFiles(dir);
        const auto expect = [&](const Error& e, const char* what) {
            if (refusal.isEmpty()) {
                QVERIFY2(!e, qPrintable(QLatin1String(what) + QLatin1String(": ") + e.message));
            } else {
                QCOMPARE(e.kind, ErrorKind::InvalidInput);
                QVERIFY2(e.message.contains(refusal),
                         qPrintable(QLatin1String(what) + QLatin1String(": ") + e.message));
            }
        };
        expect(People(*admin).add(QStringLiteral("nia"), {}, Role::Hire, passphrase), "addPerson");
        expect(People(*admin).resetPassphrase(QStringLiteral("hal"), passphrase), "resetPassphrase");
        expect(People(*admin).changePassphrase(passphrase), "changePassphrase");
        std::unique_ptr<Vault> created;
        expect(Vault::create(freshDir(), QStringLiteral("eve"), {}, passphrase, KdfLevel::Interactive, &created),
               "create");
        if (!refusal.isEmpty()) {
            QCOMPARE(hashFiles(dir), before); // a refusal changes nothing
            QVERIFY(!admin->person(QStringLiteral("nia")));
        } else {
            std::unique_ptr<Vault> nia;
            QVERIFY(!unlock(dir, QStringLiteral("nia"), passphrase, &nia));
        }
    }

    void changePassphraseRewrapsOnlyMySlot()
    {
        const QString dir = freshDir();
        QVERIFY(makeVault(dir));
        std::unique_ptr<Vault> hire;
        QVERIFY(!unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
        const QByteArray publicKey = hire->me().signPublicKey;
        QVERIFY(!People(*hire).changePassphrase("a brand new passphrase"));
        QCOMPARE(unlock(dir, QStringLiteral("hal"), kHirePassphrase).kind, ErrorKind::Auth);
        std::unique_ptr<Vault> again;
        QVERIFY(!unlock(dir, QStringLiteral("hal"), "a brand new passphrase", &again));
        QCOMPARE(again->me().signPublicKey, publicKey);
        QVERIFY(!unlock(dir, QStringLiteral("ada"), kAdminPassphrase));
    }

    void resetPassphraseGivesANewKeyPair()
    {
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        const QByteArray oldKey = admin->person(QStringLiteral("max"))->signPublicKey;
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("max"), "reset by admin"));
        QCOMPARE(unlock(dir, QStringLiteral("max"), kMentorPassphrase).kind, ErrorKind::Auth);
        std::unique_ptr<Vault> mentor;
        QVERIFY(!unlock(dir, QStringLiteral("max"), "reset by admin", &mentor));
        QVERIFY(mentor->me().signPublicKey != oldKey);
        QVERIFY(mentor->holdsProductionKey());
        QVERIFY(mentor->productionKey().equals(admin->productionKey()));
    }

    void rekeyKeepsDataAndEveryoneCanUnlock()
    {
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        QVERIFY(!admin->db().execute(QStringLiteral("INSERT INTO settings (key, value) VALUES ('note', ?)"),
                                     {QStringLiteral("kept")}));
        const QByteArray before = hashFiles(dir).value(QStringLiteral("vault.db"));
        QVERIFY(!admin->rekey());
        QVERIFY(hashFiles(dir).value(QStringLiteral("vault.db")) != before);
        QCOMPARE(admin->db().scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'note'")).toString(),
                 QStringLiteral("kept"));
        QVERIFY(!People(*admin).add(QStringLiteral("late"), {}, Role::Hire, "late joiner passphrase"));
        for (const auto& [name, pass] : {std::pair{"ada", kAdminPassphrase},
                                         {"max", kMentorPassphrase},
                                         {"hal", kHirePassphrase},
                                         {"late", QByteArray("late joiner passphrase")}}) {
            std::unique_ptr<Vault> v;
            const Error e = unlock(dir, QString::fromLatin1(name), pass, &v);
            QVERIFY2(!e, qPrintable(e.message));
            QStringList report;
            QVERIFY(!v->check(&report));
        }
        KeyFile keys;
        QVERIFY(!KeyFile::load(dir + QStringLiteral("/keys.db"), &keys));
        for (const KeySlot& slot : keys.slots)
            QVERIFY(slot.sealedPendingMasterKey.isEmpty());
    }

    void markerIsInNoPlaintextFileAfterVacuumAndRekey()
    {
        const QByteArray marker = "MARKER-7f3a9c-do-not-leak";
        const QString dir = freshDir();
        auto admin = makeVault(dir);
        for (int i = 0; i < 200; ++i)
            QVERIFY(!admin->db().execute(
                QStringLiteral("INSERT INTO settings (key, value) VALUES (?1, ?2)"),
                {QStringLiteral("note-%1").arg(i), QString(QString::fromLatin1(marker) + QString::number(i))}));
        QVERIFY(!admin->db().execute(QStringLiteral("DELETE FROM settings WHERE key LIKE 'note-%' AND rowid % 2 = 0")));
        QVERIFY(!admin->db().execute(QStringLiteral("VACUUM")));
        QVERIFY(!admin->rekey());
        QCOMPARE(
            admin->db().scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key LIKE 'note-%'")).toLongLong(),
            100);
        QCOMPARE(filesContaining(m_tmp.path(), marker), QStringList());
        QFile db(dir + QStringLiteral("/vault.db"));
        QVERIFY(db.open(QIODevice::ReadOnly));
        QVERIFY(!db.read(16).startsWith("SQLite format 3"));
    }

    // A vault of schema 6 (before the viewer indexes) gains them at unlock,
    // after a backup, and a mentor's enrollments are then found through them.
    void vaultOfSchema6GainsTheViewerIndexes()
    {
        const QString dir = freshDir();
        {
            auto admin = makeVault(dir);
            QVERIFY(admin);
            for (const char* index : {"enrollments_by_mentor", "step_reviews_by_enrollment", "signoffs_by_enrollment",
                                      "audit_log_by_action", "audit_log_by_public_key"})
                QVERIFY(!admin->db().execute(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index))));
            QVERIFY(dropProviderFields(admin->db()));
            QVERIFY(!admin->db().execute(QStringLiteral("PRAGMA user_version = 6")));
        }
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &vault);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(vault->db().scalar(QStringLiteral("PRAGMA user_version")).toLongLong(), latestSchemaVersion());
        QVERIFY(QFile::exists(dir + QStringLiteral("/vault.db.backup-v6")));
        QCOMPARE(vault->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                                            "('enrollments_by_mentor', 'step_reviews_by_enrollment', "
                                            "'signoffs_by_enrollment')"))
                     .toLongLong(),
                 3);
        QList<QVariantList> plan;
        QVERIFY(!vault->db().execute(
            QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM enrollments WHERE mentor_id = 1"), {}, &plan));
        QVERIFY2(plan.value(0).value(3).toString().contains(QStringLiteral("enrollments_by_mentor")),
                 qPrintable(plan.value(0).value(3).toString()));
        QStringList report;
        QVERIFY(!vault->check(&report));
    }

    // A vault of schema 7 gains the audit log's index by action at unlock,
    // and the reads of the newest entry of one action go through it instead
    // of walking the log.
    void vaultOfSchema7GainsTheAuditIndexByAction()
    {
        const QString dir = freshDir();
        {
            auto admin = makeVault(dir);
            QVERIFY(admin);
            QVERIFY(!admin->db().execute(QStringLiteral("DROP INDEX audit_log_by_action")));
            QVERIFY(!admin->db().execute(QStringLiteral("DROP INDEX audit_log_by_public_key")));
            QVERIFY(dropProviderFields(admin->db()));
            QVERIFY(!admin->db().execute(QStringLiteral("PRAGMA user_version = 7")));
        }
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &vault);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(vault->db().scalar(QStringLiteral("PRAGMA user_version")).toLongLong(), latestSchemaVersion());
        QVERIFY(QFile::exists(dir + QStringLiteral("/vault.db.backup-v7")));
        for (const char* query :
             {"SELECT details FROM audit_log WHERE action = 'vault.restore' ORDER BY seq DESC LIMIT 1",
              "SELECT max(seq) FROM audit_log WHERE action = 'passphrase.change' AND actor_id = 2 AND seq > 0"}) {
            QList<QVariantList> plan;
            QVERIFY(!vault->db().execute(QStringLiteral("EXPLAIN QUERY PLAN ") + QLatin1String(query), {}, &plan));
            QVERIFY2(plan.value(0).value(3).toString().contains(QStringLiteral("audit_log_by_action")),
                     qPrintable(QLatin1String(query) + QStringLiteral(": ") + plan.value(0).value(3).toString()));
        }
        QStringList report;
        QVERIFY(!vault->check(&report));
    }

    // A vault of schema 8 gains the index of the entries that gave a person
    // a key, by that key, at unlock; the first-passphrase read goes through
    // it (one lookup, not a walk of every person.add), and it still finds
    // the handed-over passphrase of a person added before the migration.
    void vaultOfSchema8GainsTheAuditIndexByPublicKey()
    {
        const QString dir = freshDir();
        {
            auto admin = makeVault(dir);
            QVERIFY(admin);
            QVERIFY(!People(*admin).add(QStringLiteral("alex"), QStringLiteral("Alex"), Role::Hire,
                                        QByteArrayView("alex's handed passphrase"), firstpassphrase::Handed::Given));
            QVERIFY(!admin->db().execute(QStringLiteral("DROP INDEX audit_log_by_public_key")));
            QVERIFY(dropProviderFields(admin->db()));
            QVERIFY(!admin->db().execute(QStringLiteral("PRAGMA user_version = 8")));
        }
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, QStringLiteral("alex"), "alex's handed passphrase", &vault);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(vault->db().scalar(QStringLiteral("PRAGMA user_version")).toLongLong(), latestSchemaVersion());
        QVERIFY(QFile::exists(dir + QStringLiteral("/vault.db.backup-v8")));
        QVERIFY(firstpassphrase::isDue(*vault));
        QList<QVariantList> plan;
        QVERIFY(!vault->db().execute(
            QStringLiteral("EXPLAIN QUERY PLAN SELECT max(seq) FROM audit_log WHERE action IN ('person.add', "
                           "'passphrase.reset') AND (CASE WHEN json_valid(details) THEN json_extract(details, "
                           "'$.public_key') END) = ?"),
            {QString::fromLatin1(vault->me().signPublicKey.toBase64())}, &plan));
        QVERIFY2(plan.value(0).value(3).toString().contains(QStringLiteral("audit_log_by_public_key")),
                 qPrintable(plan.value(0).value(3).toString()));
        // A row whose details are not JSON (only a hand edit makes one)
        // neither breaks the index nor is found by it.
        QVERIFY(!vault->db().execute(QStringLiteral("INSERT INTO audit_log (at, actor_id, actor_name, action, subject, "
                                                    "details, prev_hash, hash, signature) VALUES ('', 1, 'ada', "
                                                    "'person.add', 'x', 'not json', x'', x'', x'')")));
    }

    // A vault of schema 9 gains the column of a provider's non-secret
    // fields beside each sandbox secret and grant at unlock, and the table of
    // pending revocations at the source; rows it held keep no fields (NULL),
    // and the vault checks as before.
    void vaultOfSchema9GainsTheProviderFieldsColumns()
    {
        const QString dir = freshDir();
        {
            auto admin = makeVault(dir);
            QVERIFY(admin);
            QVERIFY(dropProviderFields(admin->db()));
            QVERIFY(!admin->db().execute(QStringLiteral("PRAGMA user_version = 9")));
        }
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &vault);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(vault->db().scalar(QStringLiteral("PRAGMA user_version")).toLongLong(), latestSchemaVersion());
        QVERIFY(QFile::exists(dir + QStringLiteral("/vault.db.backup-v9")));
        for (const char* table : {"sandbox_credentials", "credential_grants"})
            QCOMPARE(vault->db()
                         .scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('%1') WHERE name = 'fields' "
                                                "AND type = 'TEXT'")
                                     .arg(QLatin1String(table)))
                         .toLongLong(),
                     1);
        QCOMPARE(vault->db().scalar(QStringLiteral("SELECT count(*) FROM source_revokes")).toLongLong(), 0);
        QStringList report;
        const Error checked = vault->check(&report);
        QVERIFY2(!checked, qPrintable(report.join(u'\n')));
    }

    void vaultFromANewerOnrampIsRefusedUntouched()
    {
        const QString dir = freshDir();
        {
            auto admin = makeVault(dir);
            QVERIFY(!admin->db().execute(QStringLiteral("PRAGMA user_version = %1").arg(latestSchemaVersion() + 1)));
        }
        const auto before = hashFiles(dir);
        const Error e = unlock(dir, QStringLiteral("ada"), kAdminPassphrase);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QStringLiteral("newer Onramp")), qPrintable(e.message));
        QCOMPARE(hashFiles(dir), before);
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "TestVault.moc"
