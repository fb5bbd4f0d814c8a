// `onramp --help`, `--version` and a usage error load Qt Core alone; a command
// loads the vault's libraries with the library that runs it, never the Qt
// Quick stack: the app and the commands are libraries of their own that
// `onramp` loads only to run them. Likewise libpq: the team server's commands
// run in a library of their own, loaded only when one of them runs. Checked
// through the dynamic loader's own report (LD_DEBUG=libs) on the real binary.
#include "VaultTestUtil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace {

const QString kBinary = QStringLiteral(ONRAMP_BINARY);

struct Run {
    int exitCode = -1;
    QString err;
    QStringList libraries; ///< every shared object the loader initialised, by file name
};

} // namespace

class TestHeadlessStart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Run run(const QString& binary, const QStringList& args)
    {
        QTemporaryDir ld;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("libs"));
        env.insert(QStringLiteral("LD_DEBUG_OUTPUT"), ld.filePath(QStringLiteral("ld")));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(binary, args);
        const qint64 pid = process.processId();
        Run result;
        if (!process.waitForFinished(120000))
            return result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.err = QString::fromLocal8Bit(process.readAllStandardError());
        // One file per process: the loader's report of this one.
        const QString own = QStringLiteral("ld.%1").arg(pid);
        QFile file(ld.filePath(own));
        if (file.open(QIODevice::ReadOnly))
            for (const QByteArray& line : file.readAll().split('\n'))
                if (const qsizetype at = line.indexOf("calling init: "); at >= 0)
                    result.libraries.append(QFileInfo(QString::fromLocal8Bit(line.mid(at + 14).trimmed())).fileName());
        return result;
    }

    static QStringList matching(const QStringList& libraries, const QStringList& prefixes)
    {
        QStringList found;
        for (const QString& library : libraries)
            for (const QString& prefix : prefixes)
                if (library.startsWith(prefix))
                    found.append(library);
        return found;
    }

    static QStringList guiLibraries()
    {
        return {QStringLiteral("libQt6Gui"),   QStringLiteral("libQt6Qml"),     QStringLiteral("libQt6Quick"),
                QStringLiteral("libQt6Svg"),   QStringLiteral("libonramp_gui"), QStringLiteral("libGL"),
                QStringLiteral("libxkbcommon")};
    }

    /// What a command that opens a vault needs, and `onramp` itself does not.
    static QStringList vaultLibraries()
    {
        return {QStringLiteral("libonramp_commands"),
                QStringLiteral("libsqlcipher"),
                QStringLiteral("libcrypto"),
                QStringLiteral("libssl"),
                QStringLiteral("libsodium"),
                QStringLiteral("libyaml-cpp"),
                QStringLiteral("libpq")};
    }

    QString passphraseFile()
    {
        const QString pass = m_dir.filePath(QStringLiteral("ada.pass"));
        QFile file(pass);
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            file.write(vaulttest::kAdminPassphrase + '\n');
        return pass;
    }

    static QStringList teamLibraries()
    {
        return {QStringLiteral("libpq"), QStringLiteral("libonramp_team"), QStringLiteral("libonramp_postgresql"),
                QStringLiteral("libgssapi_krb5"), QStringLiteral("libldap")};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Help, the version and a command line refused before any vault is
    // opened: Qt Core, not SQLCipher, OpenSSL, libsodium or yaml-cpp.
    void helpVersionAndUsageErrorsLoadNoVaultLibrary_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << 0;
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << 0;
        QTest::newRow("person add --help")
            << QStringList{QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--help")} << 0;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2;
        QTest::newRow("missing operand") << QStringList{QStringLiteral("person"), QStringLiteral("add")} << 2;
        QTest::newRow("unknown option") << QStringList{QStringLiteral("status"), QStringLiteral("--colour")} << 2;
        QTest::newRow("team init --help")
            << QStringList{QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("--help")} << 0;
        QTest::newRow("--server on a folder command")
            << QStringList{QStringLiteral("checklist"), QStringLiteral("list"), QStringLiteral("--server"),
                           QStringLiteral("host=/nowhere")}
            << 2;
    }

    void helpVersionAndUsageErrorsLoadNoVaultLibrary()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        const Run r = run(kBinary, args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.err));
        QVERIFY2(!matching(r.libraries, {QStringLiteral("libQt6Core")}).isEmpty(), qPrintable(r.libraries.join(u' ')));
        const QStringList loaded = matching(r.libraries, vaultLibraries() + guiLibraries());
        QVERIFY2(loaded.isEmpty(), qPrintable(QStringLiteral("loaded: ") + loaded.join(u' ')));
    }

    // A command that opens a vault loads the commands' library and the
    // vault's, still without the Qt Quick stack, and does its work.
    void commandsLoadTheVaultLibrariesWithoutTheQuickStack_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("person list") << QStringList{QStringLiteral("person"), QStringLiteral("list")};
        QTest::newRow("audit verify") << QStringList{QStringLiteral("audit"), QStringLiteral("verify")};
        // An admin's check of a vault that holds no provider connection: the
        // postgresql provider's module, which parses a connection's DSN, stays out.
        QTest::newRow("vault check") << QStringList{QStringLiteral("vault"), QStringLiteral("check")};
        // Listing connections reads no DSN: the module stays out here too.
        QTest::newRow("provider list") << QStringList{QStringLiteral("provider"), QStringLiteral("list")};
    }

    void commandsLoadTheVaultLibrariesWithoutTheQuickStack()
    {
        QFETCH(QStringList, args);
        const QString vault = m_dir.filePath(QStringLiteral("vault"));
        if (!QFile::exists(vault))
            QVERIFY(vaulttest::makeVault(vault));
        args += {QStringLiteral("--as"), QStringLiteral("ada"),     QStringLiteral("--passphrase-file"),
                 passphraseFile(),       QStringLiteral("--vault"), vault};

        const Run r = run(kBinary, args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QString& needed : {QStringLiteral("libQt6Core"), QStringLiteral("libonramp_commands"),
                                      QStringLiteral("libsqlcipher"), QStringLiteral("libsodium")})
            QVERIFY2(!matching(r.libraries, {needed}).isEmpty(),
                     qPrintable(needed + QStringLiteral(" not in: ") + r.libraries.join(u' ')));
        const QStringList gui = matching(r.libraries, guiLibraries());
        QVERIFY2(gui.isEmpty(), qPrintable(QStringLiteral("loaded: ") + gui.join(u' ')));
        // The team server's client (libpq and what it pulls in) loads only for its commands.
        const QStringList team = matching(r.libraries, teamLibraries());
        QVERIFY2(team.isEmpty(), qPrintable(QStringLiteral("loaded: ") + team.join(u' ')));
    }

    // A team server's command loads the team module and libpq, still without Qt Quick.
    void theTeamCommandsLoadTheirOwnLibrary()
    {
        const QString pass = m_dir.filePath(QStringLiteral("team.pass"));
        QFile file(pass);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a long enough passphrase\n");
        file.close();
        const QString nowhere = m_dir.filePath(QStringLiteral("no-server"));
        const Run r =
            run(kBinary,
                {QStringLiteral("team"), QStringLiteral("init"), QStringLiteral("host=%1 dbname=team").arg(nowhere),
                 QStringLiteral("--admin"), QStringLiteral("ada"), QStringLiteral("--passphrase-file"), pass});
        QVERIFY2(r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Cannot reach the team server")), qPrintable(r.err));
        QVERIFY2(!matching(r.libraries, {QStringLiteral("libonramp_team")}).isEmpty(),
                 qPrintable(r.libraries.join(u' ')));
        QVERIFY2(!matching(r.libraries, {QStringLiteral("libpq")}).isEmpty(), qPrintable(r.libraries.join(u' ')));
        // `onramp` loads the module for `team init` itself (its Command::library),
        // not the commands' library.
        QVERIFY2(matching(r.libraries, {QStringLiteral("libonramp_commands")}).isEmpty(),
                 qPrintable(r.libraries.join(u' ')));
        const QStringList gui = matching(r.libraries, guiLibraries());
        QVERIFY2(gui.isEmpty(), qPrintable(QStringLiteral("loaded: ") + gui.join(u' ')));
    }

    // The work is done in the commands' library: its output, exit code and
    // errors reach the caller as before.
    void aCommandRunsInItsLibrary()
    {
        const QString vault = m_dir.filePath(QStringLiteral("vault"));
        if (!QFile::exists(vault))
            QVERIFY(vaulttest::makeVault(vault));
        QProcess list;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        list.setProcessEnvironment(env);
        list.start(kBinary,
                   {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--as"),
                    QStringLiteral("ada"), QStringLiteral("--passphrase-file"), passphraseFile(),
                    QStringLiteral("--vault"), vault});
        QVERIFY(list.waitForFinished(120000));
        QCOMPARE(list.exitCode(), 0);
        QVERIFY2(list.readAllStandardOutput().contains("\"ada\""), "person list --json does not name ada");

        const Run wrong =
            run(kBinary,
                {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--as"), QStringLiteral("nobody"),
                 QStringLiteral("--passphrase-file"), passphraseFile(), QStringLiteral("--vault"), vault});
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY2(wrong.err.startsWith(QStringLiteral("onramp: ")), qPrintable(wrong.err));
    }

    void theAppLoadsItsOwnLibrary()
    {
        const QString png = m_dir.filePath(QStringLiteral("about.png"));
        const Run r = run(kBinary,
                          {QStringLiteral("--screenshot"), png, QStringLiteral("--page"), QStringLiteral("about"),
                           QStringLiteral("--size"), QStringLiteral("800x600")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(png).size() > 0);
        QVERIFY2(!matching(r.libraries, {QStringLiteral("libonramp_gui"), QStringLiteral("libQt6Quick")}).isEmpty(),
                 qPrintable(r.libraries.join(u' ')));
    }

    // A copy of the binary without the libraries beside it still answers
    // --help and --version, and says in one line why a command or the app
    // does not start.
    void withoutTheAppLibraryCommandsRunAndTheAppSaysWhy()
    {
        const QString bin = m_dir.filePath(QStringLiteral("alone/bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString copy = bin + QStringLiteral("/onramp");
        QVERIFY(QFile::copy(kBinary, copy));
        QVERIFY(QFile::setPermissions(copy, QFile::permissions(kBinary)));

        const Run version = run(copy, {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        const Run help = run(copy, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const Run command = run(copy,
                                {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--vault"),
                                 m_dir.filePath(QStringLiteral("vault"))});
        QCOMPARE(command.exitCode, 1);
        QVERIFY2(command.err.startsWith(QStringLiteral("onramp: 'person list' cannot run: ")), qPrintable(command.err));
        QVERIFY2(command.err.contains(QStringLiteral("libonramp_commands")), qPrintable(command.err));
        QCOMPARE(command.err.count(u'\n'), 1);
        const Run app = run(copy, {QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("never.png"))});
        QCOMPARE(app.exitCode, 1);
        QVERIFY2(app.err.startsWith(QStringLiteral("onramp: the desktop app cannot be loaded: ")), qPrintable(app.err));
        QVERIFY2(app.err.contains(QStringLiteral("libonramp_gui")), qPrintable(app.err));
        QCOMPARE(app.err.count(u'\n'), 1);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.png"))));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessStart)
#include "TestHeadlessStart.moc"
