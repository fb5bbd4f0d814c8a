// The roster import: the CSV reader, every kind of bad row named by file and
// line with nothing added, the first passphrases and what they open, a
// second import of the same file, and the choice of one's own passphrase.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "Database.h"
#include "KeyFile.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/Csv.h"
#include "people/FirstPassphrase.h"
#include "people/RosterImport.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace onramp;
using namespace vaulttest;

namespace {

QString roster(const QString& name)
{
    return testDataPath(QStringLiteral("roster/") + name);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 count(Vault& vault, const QString& sql)
{
    return vault.db().scalar(sql).toLongLong();
}

} // namespace

class TestRosterImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_vaults = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC)};

    /// A vault with ada (admin), max (mentor), hal (hire) and the week-one checklist.
    std::unique_ptr<Vault> freshVault(QString* dir)
    {
        *dir = m_dir.filePath(QStringLiteral("vault%1").arg(++m_vaults));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(*dir + QStringLiteral(".trust")));
        std::unique_ptr<Vault> vault = makeVault(*dir);
        if (!vault)
            return {};
        ParseResult parsed =
            parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), QStringLiteral("w.yaml"));
        ImportOutcome outcome;
        if (!parsed.ok() || ChecklistStore(*vault).import(*parsed.checklist, m_clock.now(), &outcome))
            return {};
        return vault;
    }

    /// passphrase-files.csv, copied with its passphrases/ folder: a
    /// passphrase file is read only when it is its owner's only (0600),
    /// which a checkout does not keep.
    QString privateRoster()
    {
        const QDir copy(m_dir.filePath(QStringLiteral("private-roster")));
        const QString csv = copy.filePath(QStringLiteral("passphrase-files.csv"));
        if (QFileInfo::exists(csv))
            return csv;
        const QString zoe = copy.filePath(QStringLiteral("passphrases/zoe.txt"));
        if (!copy.mkpath(QStringLiteral("passphrases"))
            || !QFile::copy(roster(QStringLiteral("passphrase-files.csv")), csv)
            || !QFile::copy(roster(QStringLiteral("passphrases/zoe.txt")), zoe)
            || !QFile::setPermissions(zoe, QFile::ReadOwner | QFile::WriteOwner))
            qFatal("cannot copy the roster");
        return csv;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void csvReadsQuotesLineBreaksBomAndCrlf()
    {
        QList<csv::Record> records;
        QVERIFY(!csv::parse("\xEF\xBB\xBF"
                            "a,b\r\n\"x, \"\"y\"\"\",\"two\r\nlines\"\r\n\r\nlast,\n",
                            QStringLiteral("f.csv"), &records));
        QCOMPARE(records.size(), 3);
        QCOMPARE(records[0].fields, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(records[1].fields, (QStringList{QStringLiteral("x, \"y\""), QStringLiteral("two\r\nlines")}));
        QCOMPARE(records[1].line, 2);
        QCOMPARE(records[2].line, 5); // after the quoted line break and the blank line
        QCOMPARE(records[2].fields, (QStringList{QStringLiteral("last"), QString()}));
    }

    void csvNamesTheLineOfABadQuoteOrBadBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::newRow("quote inside a field") << QByteArray("a,b\nx,y\"z\n") << QStringLiteral("f.csv:2: ");
        QTest::newRow("text after the closing quote") << QByteArray("a\n\n\"x\"y\n") << QStringLiteral("f.csv:3: ");
        QTest::newRow("never closed") << QByteArray("a\nb\n\"open,\nstill\n") << QStringLiteral("f.csv:3: ");
        QTest::newRow("not UTF-8") << QByteArray("a\nb\n\xff\n") << QStringLiteral("f.csv:3: ");
    }

    void csvNamesTheLineOfABadQuoteOrBadBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QList<csv::Record> records;
        const Error e = csv::parse(bytes, QStringLiteral("f.csv"), &records);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.startsWith(where), qPrintable(e.message));
        QVERIFY(records.isEmpty());
    }

    void badRowIsNamedAndNothingIsAdded_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown role") << QStringLiteral("bad-role.csv") << 3 << QStringLiteral("unknown role 'boss'");
        QTest::newRow("unknown mentor") << QStringLiteral("bad-mentor.csv") << 3
                                        << QStringLiteral("unknown mentor 'nobody'");
        QTest::newRow("name twice") << QStringLiteral("duplicate-name.csv") << 3
                                    << QStringLiteral("the first time on line 2");
        QTest::newRow("missing column") << QStringLiteral("missing-column.csv") << 1
                                        << QStringLiteral("no 'display_name' column");
        QTest::newRow("bad date") << QStringLiteral("bad-date.csv") << 3
                                  << QStringLiteral("'2026-13-45' is not a date");
        QTest::newRow("a person with other data") << QStringLiteral("existing-person.csv") << 3
                                                  << QStringLiteral("'hal' is already a person with other data");
        QTest::newRow("short row") << QStringLiteral("short-row.csv") << 3 << QStringLiteral("fields in this row: 4");
        QTest::newRow("a name that looks like another")
            << QStringLiteral("blank-looking-name.csv") << 3 << QStringLiteral("U+2800");
        QTest::newRow("a name shown as a person's in the vault")
            << QStringLiteral("shown-as-another.csv") << 3 << QStringLiteral("which reads as Max Mentor ('max')");
        QTest::newRow("a name shown as one above it")
            << QStringLiteral("shown-alike-in-file.csv") << 3 << QStringLiteral("which reads as Ann ('ann')");
        QTest::newRow("quote out of place") << QStringLiteral("bad-quote.csv") << 3 << QStringLiteral("quote");
    }

    void badRowIsNamedAndNothingIsAdded()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, says);
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const qint64 people = count(*vault, QStringLiteral("SELECT count(*) FROM people"));
        const qint64 entries = count(*vault, QStringLiteral("SELECT count(*) FROM audit_log"));
        const QByteArray keys = readAll(QDir(dir).filePath(Vault::keyFileName()));
        const QString out = m_dir.filePath(QStringLiteral("out-") + file);

        RosterImportResult result;
        const Error e = RosterImport(*vault, m_clock).run(roster(file), out, &result);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.startsWith(QStringLiteral("%1:%2: ").arg(roster(file)).arg(line)), qPrintable(e.message));
        QVERIFY2(e.message.contains(says), qPrintable(e.message));
        QCOMPARE(count(*vault, QStringLiteral("SELECT count(*) FROM people")), people);
        QCOMPARE(count(*vault, QStringLiteral("SELECT count(*) FROM audit_log")), entries);
        QCOMPARE(readAll(QDir(dir).filePath(Vault::keyFileName())), keys);
        QVERIFY(result.added.isEmpty());
        QVERIFY(!QFileInfo::exists(out)); // not even the folder of passphrases
    }

    void importAddsEnrollsAndHandsOutPassphrasesThatSignIn()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const QString out = m_dir.filePath(QStringLiteral("handover"));
        RosterImportResult result;
        const Error e = RosterImport(*vault, m_clock).run(roster(QStringLiteral("good.csv")), out, &result);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(result.added,
                 (QStringList{QStringLiteral("mira"), QStringLiteral("jose"), QStringLiteral("lin"),
                              QStringLiteral("otto")}));
        QCOMPARE(result.enrolled, (QStringList{QStringLiteral("jose"), QStringLiteral("lin")}));
        QCOMPARE(result.unchanged, 0);

        // Quotes, commas and UTF-8 came through as written.
        QCOMPARE(vault->person(QStringLiteral("mira"))->displayName, QStringLiteral("Mira Søndergaard, PhD"));
        QCOMPARE(vault->person(QStringLiteral("jose"))->displayName, QStringLiteral("José \"Pepe\" Núñez"));
        QCOMPARE(vault->person(QStringLiteral("lin"))->displayName, QStringLiteral("林 美玲"));
        QCOMPARE(vault->person(QStringLiteral("otto"))->role, Role::Admin);
        EnrollmentStatus jose;
        QVERIFY(!Enrollments(*vault, m_clock).status(QStringLiteral("jose"), &jose));
        EnrollmentStatus lin;
        QVERIFY(!Enrollments(*vault, m_clock).status(QStringLiteral("lin"), &lin));

        QCOMPARE(QFileInfo(out).permissions() & 0x0077, 0); // the folder: the owner's only
        for (const QString& name : result.added) {
            const QString path = QDir(out).filePath(name + QStringLiteral(".txt"));
            QCOMPARE(QFileInfo(path).permissions(),
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
            QByteArray passphrase = readAll(path);
            QVERIFY(passphrase.endsWith('\n'));
            passphrase.chop(1);
            QVERIFY(passphrase.size() >= 28); // 28 letters of 32: 140 random bits
            std::unique_ptr<Vault> them;
            const Error opened = Vault::unlock(dir, name, passphrase, &them);
            QVERIFY2(!opened, qPrintable(opened.message));
            QVERIFY(firstpassphrase::isDue(*them));
        }
        // Nobody's passphrase reached the vault folder in the clear.
        const QByteArray mira = readAll(QDir(out).filePath(QStringLiteral("mira.txt"))).trimmed();
        QVERIFY(filesContaining(dir, mira).isEmpty());
        // Those who were there before choose nothing.
        QVERIFY(!firstpassphrase::isDue(*vault));
    }

    void reimportOfTheSameFileAddsNothing()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        RosterImportResult first;
        QVERIFY(!RosterImport(*vault, m_clock)
                     .run(roster(QStringLiteral("good.csv")), m_dir.filePath(QStringLiteral("first")), &first));
        const qint64 entries = count(*vault, QStringLiteral("SELECT count(*) FROM audit_log"));
        const QByteArray keys = readAll(QDir(dir).filePath(Vault::keyFileName()));

        // The next day: a start left empty is not a change.
        FixedClock later(m_clock.now().addDays(1));
        RosterImportResult second;
        const QString out = m_dir.filePath(QStringLiteral("second"));
        const Error e = RosterImport(*vault, later).run(roster(QStringLiteral("good.csv")), out, &second);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(second.added.isEmpty());
        QVERIFY(second.enrolled.isEmpty());
        QCOMPARE(second.unchanged, 4);
        QCOMPARE(count(*vault, QStringLiteral("SELECT count(*) FROM audit_log")), entries);
        QCOMPARE(readAll(QDir(dir).filePath(Vault::keyFileName())), keys);
        QVERIFY(!QFileInfo::exists(out));
    }

    void passphraseFilesNamedInTheRosterSignIn()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        // Without a folder for new passphrases, the column is required.
        RosterImportResult result;
        const Error missing = RosterImport(*vault, m_clock).run(roster(QStringLiteral("good.csv")), {}, &result);
        QCOMPARE(missing.kind, ErrorKind::InvalidInput);
        QVERIFY2(missing.message.contains(QStringLiteral("passphrase_file")), qPrintable(missing.message));

        const Error e = RosterImport(*vault, m_clock).run(privateRoster(), {}, &result);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(result.added, QStringList{QStringLiteral("zoe")});
        QCOMPARE(
            result.passphraseSources,
            QStringList{
                QStringLiteral("zoe (hire): first passphrase read from %1")
                    .arg(QFileInfo(QFileInfo(privateRoster()).dir().filePath(QStringLiteral("passphrases/zoe.txt")))
                             .canonicalFilePath())});
        std::unique_ptr<Vault> zoe;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), "zoe picked this for her first day", &zoe));
        QVERIFY(firstpassphrase::isDue(*zoe));
    }

    void firstSignInChoosesOwnPassphrase()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        RosterImportResult result;
        QVERIFY(!RosterImport(*vault, m_clock).run(privateRoster(), {}, &result));
        const QByteArray handed = "zoe picked this for her first day";
        std::unique_ptr<Vault> zoe;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), handed, &zoe));
        QVERIFY(firstpassphrase::isDue(*zoe));

        // Not the one handed over, and not a short one.
        QCOMPARE(firstpassphrase::choose(*zoe, handed).kind, ErrorKind::InvalidInput);
        QCOMPARE(firstpassphrase::choose(*zoe, "short").kind, ErrorKind::InvalidInput);
        QVERIFY(firstpassphrase::isDue(*zoe));

        const QByteArray own = "zoe's very own passphrase";
        const Error e = firstpassphrase::choose(*zoe, own);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!firstpassphrase::isDue(*zoe));
        zoe.reset();
        QCOMPARE(Vault::unlock(dir, QStringLiteral("zoe"), handed, &zoe).kind, ErrorKind::Auth);
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), own, &zoe));
        QVERIFY(!firstpassphrase::isDue(*zoe));
    }

    // The flag is a settings row anyone holding the master key can write: a
    // hire who plants it shuts out neither the admin who made the vault nor
    // someone who already chose their own passphrase.
    void aPlantedFlagShutsOutNeitherTheVaultsMakerNorAnyoneTwice()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const qint64 adaId = vault->me().id;
        RosterImportResult imported;
        QVERIFY(!RosterImport(*vault, m_clock).run(privateRoster(), {}, &imported));
        vault.reset();
        std::unique_ptr<Vault> zoe;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), "zoe picked this for her first day", &zoe));
        QVERIFY(!firstpassphrase::choose(*zoe, "zoe's very own passphrase"));
        // The hire writes the flag for the admin and for zoe again.
        std::unique_ptr<Vault> hire;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
        QVERIFY(!firstpassphrase::markDue(hire->db(), adaId));
        QVERIFY(!firstpassphrase::markDue(hire->db(), zoe->me().id));
        QCOMPARE(count(*hire, QStringLiteral("SELECT count(*) FROM settings WHERE key LIKE 'first_passphrase_due.%'")),
                 2);
        std::unique_ptr<Vault> ada;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &ada));
        QVERIFY(!firstpassphrase::isDue(*ada));
        zoe.reset();
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), "zoe's very own passphrase", &zoe));
        QVERIFY(!firstpassphrase::isDue(*zoe));
    }

    // "Choose your own passphrase" rests on the admin's signed person.add:
    // a hire who deletes the settings rows, or edits the entry, spares
    // nobody the choice.
    void theChoiceRestsOnTheSignedEntry()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        RosterImportResult result;
        QVERIFY(!RosterImport(*vault, m_clock).run(privateRoster(), {}, &result));
        vault.reset();
        std::unique_ptr<Vault> hire;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
        QVERIFY(!hire->db().execute(QStringLiteral("DELETE FROM settings WHERE key LIKE 'first_passphrase%'")));
        const QByteArray handed = "zoe picked this for her first day";
        std::unique_ptr<Vault> zoe;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), handed, &zoe));
        QVERIFY(firstpassphrase::isDue(*zoe));
        zoe.reset();
        // The entry's details edited to drop what it says: it no longer holds as signed.
        QVERIFY(!hire->db().execute(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        QVERIFY(!hire->db().execute(
            QStringLiteral("UPDATE audit_log SET details = replace(details, 'first_passphrase', 'x') "
                           "WHERE action = 'person.add' AND subject = 'zoe'")));
        QCOMPARE(count(*hire,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE subject = 'zoe' "
                                      "AND details LIKE '%first_passphrase%'")),
                 0);
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), handed, &zoe));
        QVERIFY(firstpassphrase::isDue(*zoe));
    }

    void everyProblemOfARowIsNamed()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const QString file = roster(QStringLiteral("many-problems.csv"));
        RosterImportResult result;
        const Error e = RosterImport(*vault, m_clock).run(file, m_dir.filePath(QStringLiteral("many-out")), &result);
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        const QStringList lines = e.message.split(u'\n');
        QCOMPARE(lines.filter(file + QStringLiteral(":3: ")).size(), 4);
        for (const char* says : {"unknown role 'boss'", "'2026-13-45' is not a date", "unknown mentor 'nobody'",
                                 "unknown checklist 'no-such-list'"})
            QVERIFY2(lines.filter(QString::fromLatin1(says)).size() == 1, says);
        QCOMPARE(lines.filter(file + QStringLiteral(":4: ")).size(), 1);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(count(*vault, QStringLiteral("SELECT count(*) FROM people")), 3);
    }

    void importIsOneEntrySayingHowMany()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const QString out = m_dir.filePath(QStringLiteral("counted"));
        RosterImportResult result;
        QVERIFY(!RosterImport(*vault, m_clock).run(roster(QStringLiteral("good.csv")), out, &result));
        QList<QVariantList> rows;
        QVERIFY(!vault->db().execute(
            QStringLiteral("SELECT subject, details FROM audit_log WHERE action = 'person.import'"), {}, &rows));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0][0].toString(), QStringLiteral("good.csv"));
        const QJsonObject details = QJsonDocument::fromJson(rows[0][1].toString().toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("people")).toInteger(), 4);
        for (const QString& name : result.added) {
            const QByteArray passphrase = readAll(QDir(out).filePath(name + QStringLiteral(".txt"))).trimmed();
            QCOMPARE(count(*vault,
                           QStringLiteral("SELECT count(*) FROM audit_log WHERE instr(details, '%1') > 0 "
                                          "OR instr(subject, '%1') > 0")
                               .arg(QString::fromLatin1(passphrase))),
                     0);
        }
        QStringList report;
        const Error checked = vault->check(&report, m_clock.now());
        QVERIFY2(!checked, qPrintable(checked.message));
    }

    void aForgedPeopleRowIsTheVaultsDamage()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        {
            std::unique_ptr<Vault> hire;
            QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
            QVERIFY(!hire->db().execute(
                QStringLiteral("INSERT INTO people (name, display_name, role, disabled, sign_public_key, created_at) "
                               "VALUES ('ann', 'Planted', 'admin', 0, zeroblob(32), '2026-12-01T09:00:00Z')")));
        }
        const QString file = roster(QStringLiteral("one-hire.csv"));
        RosterImportResult result;
        const Error e = RosterImport(*vault, m_clock).run(file, m_dir.filePath(QStringLiteral("forged-out")), &result);
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("people row")) && e.message.contains(QStringLiteral("(ann)")),
                 qPrintable(e.message));
        QVERIFY2(!e.message.contains(file), qPrintable(e.message));
        QVERIFY(result.added.isEmpty());
    }

    // A random first passphrase's slot costs libsodium's minimum; the one its
    // person then chooses gets the vault's level, and the signed entry says
    // which slot may be cheap.
    void randomFirstPassphrasesAreCheapTheirSuccessorsAreNot()
    {
        const QByteArray testKdf = qgetenv("ONRAMP_TEST_KDF");
        qunsetenv("ONRAMP_TEST_KDF");
        const auto restore = qScopeGuard([&] { qputenv("ONRAMP_TEST_KDF", testKdf); });
        QString dir;
        std::unique_ptr<Vault> vault;
        {
            qputenv("ONRAMP_TEST_KDF", testKdf); // the fixture's own people as always
            vault = freshVault(&dir);
            qunsetenv("ONRAMP_TEST_KDF");
        }
        QVERIFY(vault);
        const QString out = m_dir.filePath(QStringLiteral("cheap"));
        RosterImportResult result;
        QVERIFY(!RosterImport(*vault, m_clock).run(roster(QStringLiteral("one-hire.csv")), out, &result));
        KeyFile keys;
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
        QCOMPARE(keys.slot(QStringLiteral("ann"))->kdf.opslimit, quint64(crypto_pwhash_OPSLIMIT_MIN));
        QCOMPARE(keys.slot(QStringLiteral("ann"))->kdf.memlimit, quint64(crypto_pwhash_MEMLIMIT_MIN));
        QCOMPARE(
            count(*vault,
                  QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'person.add' AND "
                                 "subject = 'ann' AND details LIKE '%\"first_passphrase\":\"handed_over_random\"%'")),
            1);
        std::unique_ptr<Vault> ann;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ann"),
                               readAll(QDir(out).filePath(QStringLiteral("ann.txt"))).trimmed(), &ann));
        QVERIFY(firstpassphrase::isDue(*ann));
        QVERIFY(!firstpassphrase::choose(*ann, "ann's own words for the vault"));
        QVERIFY(!firstpassphrase::isDue(*ann));
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys));
        const KdfParams level = KdfParams::forLevel(ann->kdfLevel());
        QCOMPARE(keys.slot(QStringLiteral("ann"))->kdf.opslimit, level.opslimit);
        QCOMPARE(keys.slot(QStringLiteral("ann"))->kdf.memlimit, level.memlimit);
        QVERIFY(level.opslimit > quint64(crypto_pwhash_OPSLIMIT_MIN));
    }

    void onlyAnAdminImports()
    {
        QString dir;
        QVERIFY(freshVault(&dir));
        std::unique_ptr<Vault> max;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &max));
        RosterImportResult result;
        QCOMPARE(RosterImport(*max, m_clock)
                     .run(roster(QStringLiteral("good.csv")), m_dir.filePath(QStringLiteral("max-out")), &result)
                     .kind,
                 ErrorKind::NotPermitted);
        QCOMPARE(count(*max, QStringLiteral("SELECT count(*) FROM people")), 3);
    }

    void addManyDerivesEverySlotAndAddsAllOrNone()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        std::vector<People::NewPerson> people;
        for (int i = 0; i < 9; ++i)
            people.push_back({QStringLiteral("p%1").arg(i),
                              {},
                              Role::Hire,
                              SecureBytes::copyOf(QByteArray(QByteArray("passphrase number ") + QByteArray::number(i))),
                              KdfLevel::Interactive,
                              false});
        // One name already taken: none of them is added.
        people.push_back({QStringLiteral("hal"),
                          {},
                          Role::Hire,
                          SecureBytes::copyOf("another passphrase"),
                          KdfLevel::Interactive,
                          false});
        QCOMPARE(People(*vault).addMany(people).kind, ErrorKind::InvalidInput);
        QCOMPARE(count(*vault, QStringLiteral("SELECT count(*) FROM people")), 3);
        people.pop_back();
        const Error e = People(*vault).addMany(people);
        QVERIFY2(!e, qPrintable(e.message));
        for (int i = 0; i < 9; ++i) {
            std::unique_ptr<Vault> them;
            QVERIFY(!Vault::unlock(dir, QStringLiteral("p%1").arg(i),
                                   QByteArray(QByteArray("passphrase number ") + QByteArray::number(i)), &them));
            QVERIFY(!firstpassphrase::isDue(*them));
        }
        QStringList report;
        const Error checked = vault->check(&report, m_clock.now());
        QVERIFY2(!checked, qPrintable(checked.message));
    }
};

QTEST_GUILESS_MAIN(TestRosterImport)
#include "TestRosterImport.moc"
