// provider set and provider list through the real `onramp` binary: admins
// only, a DSN holding a password refused, and the provisioning password in no
// output, no log line, no audit entry, no plain column and no file of the
// vault (debug logging on, TMPDIR the test's own).
#include "VaultTestUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace vaulttest;

namespace {

const QByteArray kProvisioningPassword = "Provisioning-pw-7c1f2e9a";
const QString kDsn = QStringLiteral("host=/tmp/onramp-nowhere dbname=sandbox user=onramp_provisioner");

} // namespace

class TestProviderCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vault;
    QString m_tmp;
    QString m_output; // stdout and stderr of every run

    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        const RunResult r = runOnramp(args, passphrase,
                                      {{QStringLiteral("TMPDIR"), m_tmp},
                                       {QStringLiteral("SQLITE_TMPDIR"), m_tmp},
                                       {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")}});
        m_output += r.out + r.err;
        return r;
    }
    RunResult admin(const QStringList& args) { return as(QStringLiteral("ada"), kAdminPassphrase, args); }
    RunResult mentor(const QStringList& args) { return as(QStringLiteral("max"), kMentorPassphrase, args); }
    RunResult hire(const QStringList& args) { return as(QStringLiteral("hal"), kHirePassphrase, args); }

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QJsonArray listJson()
    {
        const RunResult r = admin({"provider", "list", "--json"});
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        m_tmp = m_dir.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(m_tmp));
        QVERIFY(makeVault(m_vault));
    }

    void anAdminSetsAConnectionAndListsItWithoutItsPassword()
    {
        QCOMPARE(admin({"provider", "list"}).out.contains(QStringLiteral("No provider connections")), true);
        const QString secretFile = write(QStringLiteral("pw.txt"), kProvisioningPassword + '\n');
        RunResult r = admin({"provider", "set", "sandbox", "--dsn", kDsn, "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Set provider connection sandbox")), qPrintable(r.out));
        r = admin({"provider", "list"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("sandbox  production  ") + kDsn + QStringLiteral("  set ")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("by Ada Admin")), qPrintable(r.out));
        const QJsonArray list = listJson();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0)[QStringLiteral("name")].toString(), QStringLiteral("sandbox"));
        QCOMPARE(list.at(0)[QStringLiteral("dsn")].toString(), kDsn);
        QCOMPARE(list.at(0)[QStringLiteral("verified")].toBool(), true);
        QCOMPARE(list.at(0)[QStringLiteral("environment")].toString(), QStringLiteral("production"));
        QCOMPARE(list.at(0).toObject().size(), 7);
    }

    void settingAgainReplacesTheDsn()
    {
        const QString other = QStringLiteral("host=/tmp/onramp-elsewhere dbname=live user=onramp_provisioner");
        const QString secretFile = write(QStringLiteral("pw2.txt"), kProvisioningPassword);
        QCOMPARE(admin({"provider", "set", "live", "--dsn", kDsn, "--secret-file", secretFile}).code, 0);
        QCOMPARE(admin({"provider", "set", "live", "--dsn", other, "--secret-file", secretFile}).code, 0);
        const QJsonArray list = listJson();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0)[QStringLiteral("name")].toString(), QStringLiteral("live"));
        QCOMPARE(list.at(0)[QStringLiteral("dsn")].toString(), other);
        QCOMPARE(list.at(0)[QStringLiteral("verified")].toBool(), true);
    }

    // A checklist naming a connection nobody has set is stored (the admin
    // may set it next), with a warning at the credential's FILE:LINE that
    // says how; one naming a set connection says nothing.
    void importWarnsOfAConnectionNotSet()
    {
        const QByteArray checklist = "onramp: 1\nchecklist:\n  id: warned\n  title: Warned\n  steps:\n"
                                     "    - {id: a, title: A, required: true}\ncredentials:\n"
                                     "  - id: practice-pg\n    title: Practice\n    environment: sandbox\n"
                                     "    provider: postgresql\n    postgresql: {server: practice}\n"
                                     "  - id: live-pg\n    title: Live\n    environment: production\n"
                                     "    provider: postgresql\n    postgresql: {server: live, roles: [r]}\n"
                                     "    ttl: 8h\n";
        const QString file = write(QStringLiteral("warned.yaml"), checklist);
        const RunResult r = admin({"checklist", "import", file});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("warning: %1:8: credential 'practice-pg' names provider connection "
                                               "'practice', which no admin has set: set it with 'onramp provider "
                                               "set practice --dsn DSN --secret-file FILE --environment sandbox'")
                                    .arg(file)),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("'live-pg' names")), qPrintable(r.err)); // set above
        QCOMPARE(r.err.count(QStringLiteral("warning:")), 1);
    }

    void aHireOrAMentorIsRefused()
    {
        const QString secretFile = write(QStringLiteral("hire-pw.txt"), "hire's attempt");
        const QStringList set{"provider", "set", "sandbox", "--dsn", kDsn, "--secret-file", secretFile};
        QCOMPARE(hire({"provider", "list"}).code, 4);
        QCOMPARE(hire(set).code, 4);
        QCOMPARE(mentor({"provider", "list"}).code, 4);
        QCOMPARE(mentor(set).code, 4);
        QCOMPARE(listJson().at(1)[QStringLiteral("dsn")].toString(), kDsn);
    }

    void aDsnHoldingAPasswordIsRefused_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::newRow("keyword") << QStringLiteral("host=/tmp/x dbname=d user=u password=hunter2hunter2");
        QTest::newRow("uri") << QStringLiteral("postgresql://u:hunter2hunter2@/d?host=/tmp/x");
        QTest::newRow("tcp without tls") << QStringLiteral("host=db.example.org dbname=d user=u");
        QTest::newRow("not a dsn") << QStringLiteral("host='unclosed");
    }
    void aDsnHoldingAPasswordIsRefused()
    {
        QFETCH(QString, dsn);
        const QString secretFile = write(QStringLiteral("pw3.txt"), kProvisioningPassword);
        const RunResult r = admin({"provider", "set", "evil", "--dsn", dsn, "--secret-file", secretFile});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("provider connection 'evil'")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("hunter2")), qPrintable(r.err));
        // Where the password goes instead: never "your passphrase", which is a team server's.
        if (dsn.contains(QStringLiteral("hunter2")))
            QVERIFY2(r.err.contains(QStringLiteral("the provisioning role's password is given apart")),
                     qPrintable(r.err));
        QCOMPARE(listJson().size(), 2);
    }

    void badInputIsRefusedNamingIt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("named");
        QTest::newRow("name with a space")
            << QStringLiteral("Bad Name") << kProvisioningPassword << QStringLiteral("'Bad Name'");
        QTest::newRow("name with a colon") << QStringLiteral("a:b") << kProvisioningPassword << QStringLiteral("'a:b'");
        QTest::newRow("empty secret") << QStringLiteral("ok") << QByteArray("\n") << QStringLiteral("is empty");
    }
    void badInputIsRefusedNamingIt()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, secret);
        QFETCH(QString, named);
        const QString secretFile = write(QStringLiteral("pw4.txt"), secret);
        const RunResult r = admin({"provider", "set", name, "--dsn", kDsn, "--secret-file", secretFile});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
        QCOMPARE(listJson().size(), 2);
    }

    void eachSetIsAnAuditEntryNamingTheDsn()
    {
        const RunResult r = admin({"audit", "log", "--action", "provider.set", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonArray entries = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0)[QStringLiteral("subject")].toString(), QStringLiteral("sandbox"));
        QCOMPARE(entries.at(0)[QStringLiteral("details")][QStringLiteral("dsn")].toString(), kDsn);
        QCOMPARE(admin({"audit", "verify"}).code, 0);
    }

    void thePasswordIsInNoOutputLogEntryColumnOrFile()
    {
        // The plain columns, as an admin's raw SQL reads them.
        const RunResult sql = admin({"vault", "sql",
                                     "SELECT credential_id, environment, hire_id, set_at, set_by, hex(box) "
                                     "FROM credential_secrets"});
        QCOMPARE(sql.code, 0);
        QVERIFY2(sql.out.contains(QStringLiteral("provider:sandbox")), qPrintable(sql.out));
        const QByteArray hex = kProvisioningPassword.toHex().toUpper();
        QVERIFY(!sql.out.toUtf8().toUpper().contains(hex));
        const RunResult audit = admin({"audit", "export", "--format", "jsonl"});
        QCOMPARE(audit.code, 0);
        QVERIFY(audit.out.contains(QStringLiteral("provider.set")));
        // Debug logging was on, and the providers' path did log.
        QVERIFY(m_output.contains(QStringLiteral("onramp.providers: provider connection")));
        QVERIFY2(!m_output.toUtf8().contains(kProvisioningPassword), "the password reached an output");
        QVERIFY2(!audit.out.toUtf8().contains(kProvisioningPassword), "the password reached the audit log");
        QCOMPARE(filesContaining(m_vault, kProvisioningPassword), QStringList());
        QCOMPARE(filesContaining(m_tmp, kProvisioningPassword), QStringList());
    }

    // The box of a connection rewritten in the folder: setting it again
    // repairs the vault, as the signed log has the connection serving.
    void aConnectionSetAgainOverARewrittenBoxServesWhatItServed()
    {
        const QString secretFile = write(QStringLiteral("pw3.txt"), kProvisioningPassword);
        QCOMPARE(admin({"provider", "set", "spare", "--dsn", kDsn, "--secret-file", secretFile}).code, 0);
        QCOMPARE(admin({"vault", "sql",
                        "UPDATE credential_secrets SET box = randomblob(length(box)) WHERE credential_id = "
                        "'provider:spare'"})
                     .code,
                 0);
        RunResult check = admin({"vault", "check"});
        QCOMPARE(check.code, 6);
        QVERIFY2(QString(check.out + check.err).contains(QStringLiteral("an admin sets connection spare again")),
                 qPrintable(check.out + check.err));
        RunResult r =
            admin({"provider", "set", "spare", "--dsn", kDsn, "--secret-file", secretFile, "--environment", "sandbox"});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QStringLiteral("serves production credentials by its signed entry, not sandbox")),
                 qPrintable(r.err));
        QCOMPARE(admin({"vault", "check"}).code, 6); // nothing changed
        r = admin({"provider", "set", "spare", "--dsn", kDsn, "--secret-file", secretFile});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        check = admin({"vault", "check"});
        QVERIFY2(check.code == 0, qPrintable(check.out + check.err));
    }

    void aBoxMovedToAnotherNameDoesNotOpen()
    {
        const RunResult sql = admin({"vault", "sql",
                                     "UPDATE credential_secrets SET credential_id = 'provider:moved' "
                                     "WHERE credential_id = 'provider:sandbox'"});
        QCOMPARE(sql.code, 0);
        // Listed as one that does not open, never the whole list failing
        // (an admin's page reads the same list), and vault check names it.
        const RunResult r = admin({"provider", "list"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("moved  production    (does not open: changed outside Onramp")),
                 qPrintable(r.out));
        const RunResult check = admin({"vault", "check"});
        QVERIFY(check.code != 0);
        const QString said = check.out + check.err;
        QVERIFY2(said.contains(QStringLiteral("provider:moved")), qPrintable(said));
    }
};

QTEST_GUILESS_MAIN(TestProviderCommands)
#include "TestProviderCommands.moc"
