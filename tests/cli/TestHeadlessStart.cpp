// A headless command loads Qt Core and the vault's libraries, never the Qt
// Quick stack: the app is a library of its own that `onramp` loads only to
// start the app or take a screenshot. Likewise libpq: the team server's
// commands are a library of their own, loaded only when one of them runs. Checked through the dynamic loader's
// own report (LD_DEBUG=libs) on the real binary.
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

    static QStringList teamLibraries()
    {
        return {QStringLiteral("libpq"), QStringLiteral("libonramp_team"), QStringLiteral("libgssapi_krb5"),
                QStringLiteral("libldap")};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void commandsLoadQtCoreWithoutTheQuickStack_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")};
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("person list") << QStringList{QStringLiteral("person"), QStringLiteral("list")};
        QTest::newRow("audit verify") << QStringList{QStringLiteral("audit"), QStringLiteral("verify")};
    }

    void commandsLoadQtCoreWithoutTheQuickStack()
    {
        QFETCH(QStringList, args);
        const QString vault = m_dir.filePath(QStringLiteral("vault"));
        if (!QFile::exists(vault))
            QVERIFY(vaulttest::makeVault(vault));
        const QString pass = m_dir.filePath(QStringLiteral("ada.pass"));
        QFile file(pass);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(vaulttest::kAdminPassphrase + '\n');
        file.close();
        if (args.first() != QLatin1String("--version") && args.first() != QLatin1String("--help"))
            args += {QStringLiteral("--as"),
                     QStringLiteral("ada"),
                     QStringLiteral("--passphrase-file"),
                     pass,
                     QStringLiteral("--vault"),
                     vault};

        const Run r = run(kBinary, args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!matching(r.libraries, {QStringLiteral("libQt6Core")}).isEmpty(), qPrintable(r.libraries.join(u' ')));
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
        const QStringList gui = matching(r.libraries, guiLibraries());
        QVERIFY2(gui.isEmpty(), qPrintable(QStringLiteral("loaded: ") + gui.join(u' ')));
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

    // A copy of the binary without the app's library beside it still runs
    // commands, and says in one line why the app does not start.
    void withoutTheAppLibraryCommandsRunAndTheAppSaysWhy()
    {
        const QString bin = m_dir.filePath(QStringLiteral("alone/bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString copy = bin + QStringLiteral("/onramp");
        QVERIFY(QFile::copy(kBinary, copy));
        QVERIFY(QFile::setPermissions(copy, QFile::permissions(kBinary)));

        const Run version = run(copy, {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
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
