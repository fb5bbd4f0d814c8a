// `onramp person import` through the real binary: a bad row named FILE:LINE
// with exit 5 and nothing added, the first passphrases (0600) that sign in,
// a second import that adds nothing, and a new person whose commands wait
// until they chose their own passphrase.
#include "Database.h"
#include "TestData.h"
#include "VaultTestUtil.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

class TestRosterCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_vault;
    int m_count = 0;

    QString writeFile(const QByteArray& content)
    {
        const QString path = m_tmp.filePath(QStringLiteral("pass%1").arg(++m_count));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(content + '\n');
        return path;
    }

    /// \a content in \a path, readable by its owner only.
    static void writeSecret(const QString& path, const QByteArray& content)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content + '\n') != content.size() + 1
            || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
            qFatal("cannot write %s", qPrintable(path));
    }

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        return runOnramp(args, passphrase,
                         {{QStringLiteral("ONRAMP_TRUST_DIR"), m_tmp.filePath(QStringLiteral("trust"))}});
    }

    RunResult import(const QString& file, const QString& out)
    {
        return as(QStringLiteral("ada"), kAdminPassphrase,
                  {QStringLiteral("person"), QStringLiteral("import"), testDataPath(QStringLiteral("roster/") + file),
                   QStringLiteral("--passphrases-out"), out});
    }

    QString people()
    {
        return as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("person"), QStringLiteral("list")}).out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_tmp.filePath(QStringLiteral("trust"))));
        auto vault = makeVault(m_vault); // ada, max (mentor), hal
        QVERIFY(vault);
        ParseResult parsed =
            parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), QStringLiteral("w.yaml"));
        QVERIFY(parsed.ok());
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*vault).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
    }

    void badRowExitsFiveNamingFileAndLine()
    {
        const QString before = people();
        const QString out = m_tmp.filePath(QStringLiteral("bad-out"));
        const RunResult r = import(QStringLiteral("bad-date.csv"), out);
        QCOMPARE(r.code, 5);
        QVERIFY2(
            r.err.startsWith(QStringLiteral("onramp: %1:3: ").arg(testDataPath(QStringLiteral("roster/bad-date.csv")))),
            qPrintable(r.err));
        QCOMPARE(people(), before);
        QVERIFY(!QFileInfo::exists(out));
    }

    void importWritesPassphrasesThatSignInOnceChosen()
    {
        const QString out = m_tmp.filePath(QStringLiteral("handover"));
        const RunResult r = import(QStringLiteral("good.csv"), out);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("New people: 4. Hires enrolled: 2.")), qPrintable(r.out));
        QVERIFY(people().contains(QStringLiteral("jose\thire\tJosé \"Pepe\" Núñez\n")));

        const QString file = QDir(out).filePath(QStringLiteral("jose.txt"));
        QCOMPARE(QFileInfo(file).permissions(),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        QFile handedFile(file);
        QVERIFY(handedFile.open(QIODevice::ReadOnly));
        const QByteArray handed = handedFile.readAll().trimmed();

        // The handed-over passphrase opens the vault, but only to choose one's own.
        RunResult status = as(QStringLiteral("jose"), handed, {QStringLiteral("status"), QStringLiteral("jose")});
        QCOMPARE(status.code, 4);
        QVERIFY2(status.err.contains(QStringLiteral("onramp passphrase change --as jose")), qPrintable(status.err));
        const RunResult same = as(QStringLiteral("jose"), handed,
                                  {QStringLiteral("passphrase"), QStringLiteral("change"),
                                   QStringLiteral("--new-passphrase-file"), writeFile(handed)});
        QCOMPARE(same.code, 5);
        const QByteArray own = "jose's own words for his vault";
        const RunResult chosen = as(QStringLiteral("jose"), handed,
                                    {QStringLiteral("passphrase"), QStringLiteral("change"),
                                     QStringLiteral("--new-passphrase-file"), writeFile(own)});
        QVERIFY2(chosen.code == 0, qPrintable(chosen.err));
        status = as(QStringLiteral("jose"), own, {QStringLiteral("status"), QStringLiteral("jose")});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        QCOMPARE(as(QStringLiteral("jose"), handed, {QStringLiteral("status"), QStringLiteral("jose")}).code, 3);
    }

    void secondImportAddsNothing()
    {
        const QString before = people();
        const QString out = m_tmp.filePath(QStringLiteral("again"));
        const RunResult r = import(QStringLiteral("good.csv"), out);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("New people: 0. Hires enrolled: 0. Rows already in the vault: 4.")),
                 qPrintable(r.out));
        QCOMPARE(people(), before);
        QVERIFY(!QFileInfo::exists(out));
    }

    // A roster kept in a shared folder: whoever can edit one cell must not
    // choose the file a new person's first passphrase is read from.
    void passphraseFilesOnlyInsideTheRostersFolder_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("because");
        QTest::newRow("up and out") << "../../outside.txt"
                                    << "'..'";
        QTest::newRow("absolute") << "{outside}"
                                  << "absolute";
        QTest::newRow("a link out") << "first/link.txt"
                                    << "outside the roster's folder";
        QTest::newRow("readable by others") << "first/open.txt"
                                            << "0600";
        QTest::newRow("a folder") << "first"
                                  << "not a regular file";
    }

    void passphraseFilesOnlyInsideTheRostersFolder()
    {
        QFETCH(QString, cell);
        QFETCH(QString, because);
        const QString outside = m_tmp.filePath(QStringLiteral("outside.txt"));
        writeSecret(outside, "a passphrase the hire wrote");
        const QDir shared(m_tmp.filePath(QStringLiteral("shared-%1").arg(++m_count)));
        QVERIFY(shared.mkpath(QStringLiteral("first")));
        QVERIFY(QFile::link(outside, shared.filePath(QStringLiteral("first/link.txt"))));
        writeSecret(shared.filePath(QStringLiteral("first/open.txt")), "a passphrase others can read");
        QVERIFY(QFile::setPermissions(shared.filePath(QStringLiteral("first/open.txt")),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        cell.replace(QStringLiteral("{outside}"), outside);
        const QString csv = shared.filePath(QStringLiteral("staff.csv"));
        writeSecret(csv, "name,display_name,role,passphrase_file\nsam,Sam Senior,mentor," + cell.toUtf8() + "\n");
        const QString before = people();
        const RunResult r =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("person"), QStringLiteral("import"), csv});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.startsWith(QStringLiteral("onramp: %1:2: ").arg(csv)), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("passphrase_file '%1'").arg(cell)), qPrintable(r.err));
        QVERIFY2(r.err.contains(because), qPrintable(r.err));
        QCOMPARE(people(), before);
    }

    void aPassphraseFolderOthersCanWriteIsRefused()
    {
        const QString before = people();
        const QString out = m_tmp.filePath(QStringLiteral("open-out"));
        QVERIFY(QDir().mkpath(out));
        QVERIFY(QFile::setPermissions(out,
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                          | QFile::WriteOther | QFile::ExeOther));
        const RunResult r = import(QStringLiteral("one-hire.csv"), out);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(out) && r.err.contains(QStringLiteral("others can write")), qPrintable(r.err));
        QCOMPARE(people(), before);
        QVERIFY(QDir(out).isEmpty());
    }

    void eachNewPersonIsListedWithWhereTheirPassphraseCameFrom()
    {
        const QDir shared(m_tmp.filePath(QStringLiteral("shared-good")));
        QVERIFY(shared.mkpath(QStringLiteral("first")));
        writeSecret(shared.filePath(QStringLiteral("first/una.txt")), "una's handed-over passphrase");
        const QString csv = shared.filePath(QStringLiteral("staff.csv"));
        writeSecret(csv, "name,display_name,role,passphrase_file\nuna,Una Senior,mentor,first/una.txt\n");
        const RunResult r =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("person"), QStringLiteral("import"), csv});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("una (mentor): first passphrase read from %1\n")
                                    .arg(shared.filePath(QStringLiteral("first/una.txt")))),
                 qPrintable(r.out));

        const QString out = m_tmp.filePath(QStringLiteral("listed-out"));
        const QString ivy = shared.filePath(QStringLiteral("ivy.csv"));
        writeSecret(ivy, "name,display_name,role\nivy,Ivy,hire\n");
        const RunResult random =
            as(QStringLiteral("ada"), kAdminPassphrase,
               {QStringLiteral("person"), QStringLiteral("import"), ivy, QStringLiteral("--passphrases-out"), out});
        QVERIFY2(random.code == 0, qPrintable(random.err));
        QVERIFY2(random.out.contains(QStringLiteral("ivy (hire): first passphrase made at random, written to %1\n")
                                         .arg(QDir(out).filePath(QStringLiteral("ivy.txt")))),
                 qPrintable(random.out));
    }

    // Last: it leaves the vault damaged. A people row a hire planted is the
    // vault's damage (exit 6, naming the row), not a bad row of the file.
    void aForgedPeopleRowExitsSixNamingTheVaultsRow()
    {
        {
            std::unique_ptr<Vault> hire;
            QVERIFY(!Vault::unlock(m_vault, QStringLiteral("hal"), kHirePassphrase, &hire));
            QVERIFY(!hire->db().execute(
                QStringLiteral("INSERT INTO people (name, display_name, role, disabled, sign_public_key, created_at) "
                               "VALUES ('ann', 'Planted', 'admin', 0, zeroblob(32), '2026-12-01T09:00:00Z')")));
        }
        const QString out = m_tmp.filePath(QStringLiteral("forged-out"));
        const RunResult r = import(QStringLiteral("one-hire.csv"), out);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("people row")) && r.err.contains(QStringLiteral("(ann)")),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("one-hire.csv")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestRosterCommand)
#include "TestRosterCommand.moc"
