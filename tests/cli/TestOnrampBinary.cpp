// The real `onramp` executable: --version, --help, screenshot mode, a
// clear line instead of Qt's abort when there is no display, and the
// passphrase read from stdin and typed at a no-echo prompt on a terminal.
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

class TestOnrampBinary : public QObject
{
    Q_OBJECT

private:
    struct Result {
        int code = -1;
        QString out;
        QString err;
    };

    Result run(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ONRAMP_BINARY), args);
        if (!process.waitForFinished(60000)) {
            process.kill();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    static int distinctColours(const QImage& image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        return int(colours.size());
    }

    static QProcessEnvironment fastKdf()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        env.remove(QStringLiteral("ONRAMP_PASSPHRASE"));
        return env;
    }

    /// A vault in \a dir whose admin "ada" has \a passphrase.
    bool makeVault(const QString& dir, const QByteArray& passphrase)
    {
        const QString file = dir + QStringLiteral(".pass");
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(passphrase) != passphrase.size())
            return false;
        f.close();
        const Result r = run({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"),
                              QStringLiteral("--vault"), dir, QStringLiteral("--passphrase-file"), file},
                             fastKdf());
        QFile::remove(file);
        if (r.code != 0)
            qWarning() << r.err;
        return r.code == 0;
    }

    struct TerminalRun {
        int code = -1;
        int signal = 0; ///< the signal that ended it; 0 when it exited
        QByteArray output; ///< everything the terminal showed
        bool echoRestored = false;
        bool canonicalRestored = false;
    };

    /// Runs onramp on a new pseudo-terminal (its controlling terminal, so
    /// /dev/tty is the pty), types \a typed once the prompt shows, and
    /// reads the terminal's settings after it exits. \a ignored is a signal
    /// the process starts out ignoring (as under nohup), \a sent one sent to
    /// it once the prompt shows, before the typing (0: none).
    TerminalRun runOnTerminal(const QStringList& args, const QByteArray& typed, int ignored = 0, int sent = 0)
    {
        TerminalRun result;
        QList<QByteArray> argStore{QByteArray(ONRAMP_BINARY)};
        for (const QString& a : args)
            argStore.append(a.toLocal8Bit());
        std::vector<char*> argv;
        for (QByteArray& a : argStore)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        QList<QByteArray> envStore;
        const QProcessEnvironment env = fastKdf();
        for (const QString& key : env.keys())
            envStore.append((key + QLatin1Char('=') + env.value(key)).toLocal8Bit());
        std::vector<char*> envp;
        for (QByteArray& e : envStore)
            envp.push_back(e.data());
        envp.push_back(nullptr);

        int master = -1;
        const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
        if (pid < 0)
            return result;
        if (pid == 0) {
            if (ignored != 0)
                ::signal(ignored, SIG_IGN);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        const int slave = ::open(ptsname(master), O_RDWR | O_NOCTTY);
        QByteArray shown;
        auto readSome = [&](int timeoutMs) {
            pollfd p{master, POLLIN, 0};
            if (poll(&p, 1, timeoutMs) <= 0)
                return false;
            char buffer[4096];
            const ssize_t n = ::read(master, buffer, sizeof buffer);
            if (n <= 0)
                return false;
            shown.append(buffer, n);
            return true;
        };
        QElapsedTimer timer;
        timer.start();
        while (!shown.contains("Passphrase for") && timer.elapsed() < 30000)
            readSome(100);
        if (sent != 0)
            ::kill(pid, sent);
        // The line discipline may take a limited amount at once: type in pieces.
        for (qsizetype at = 0; at < typed.size();) {
            const ssize_t n =
                ::write(master, typed.constData() + at, std::size_t(std::min<qsizetype>(256, typed.size() - at)));
            if (n > 0)
                at += n;
            while (readSome(0)) {}
        }
        int status = 0;
        while (waitpid(pid, &status, WNOHANG) == 0 && timer.elapsed() < 60000)
            readSome(50);
        while (readSome(50)) {}
        if (waitpid(pid, &status, WNOHANG) == 0) {
            ::kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        result.output = shown;
        termios after{};
        if (slave >= 0 && tcgetattr(slave, &after) == 0) {
            result.echoRestored = (after.c_lflag & ECHO) != 0;
            result.canonicalRestored = (after.c_lflag & ICANON) != 0;
        }
        if (slave >= 0)
            ::close(slave);
        ::close(master);
        return result;
    }

private Q_SLOTS:
    void versionPrintsNameAndVersion()
    {
        const Result r = run({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^onramp \\d+\\.\\d+\\.\\d+\\n$")).match(r.out).hasMatch(),
                 qPrintable(r.out));
    }

    void helpExitsZeroAndDescribesUsage()
    {
        const Result r = run({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("Usage: onramp")));
        QVERIFY(r.out.contains(QStringLiteral("--screenshot FILE")));
    }

    void unknownCommandExitsTwo()
    {
        const Result r = run({QStringLiteral("no-such-command")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("unknown command")));
    }

    void noDisplayPrintsOneClearLine()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        const Result r = run({}, env);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(QStringLiteral("no display")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--screenshot")), qPrintable(r.err));
        // A build tree's onramp is not on PATH: the hint names the binary in full.
        const QString binary = QFileInfo(QStringLiteral(ONRAMP_BINARY)).canonicalFilePath();
        QVERIFY2(r.err.contains(QStringLiteral("'%1 --screenshot out.png'").arg(binary)), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("'xvfb-run %1'").arg(binary)), qPrintable(r.err));
    }

    void screenshotWritesANonBlankPngOfTheWindow_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QSize>("size");
        QTest::newRow("default page") << QStringList{} << QSize(1280, 800);
        QTest::newRow("about page, small") << QStringList{QStringLiteral("--page"), QStringLiteral("about"),
                                                          QStringLiteral("--size"), QStringLiteral("1024x700")}
                                           << QSize(1024, 700);
    }
    void screenshotWritesANonBlankPngOfTheWindow()
    {
        QFETCH(QStringList, extra);
        QFETCH(QSize, size);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shot.png"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const Result r = run(QStringList{QStringLiteral("--screenshot"), file} + extra, env);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size() / image.devicePixelRatio(), size);
        QVERIFY2(distinctColours(image) > 8, "the screenshot looks blank");
    }

    void screenshotOfAnUnknownPageNamesThePages()
    {
        QTemporaryDir dir;
        const Result r = run({QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png")),
                              QStringLiteral("--page"), QStringLiteral("nowhere")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no page named 'nowhere'")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("welcome")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
    }

    void badSizeIsAUsageError()
    {
        const Result r = run({QStringLiteral("--screenshot"), QStringLiteral("/tmp/never.png"),
                              QStringLiteral("--size"), QStringLiteral("huge")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("WIDTHxHEIGHT")));
    }

    void badThemeIsAUsageErrorNamingIt_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("separate") << QStringList{QStringLiteral("--theme"), QStringLiteral("purple")};
        QTest::newRow("joined") << QStringList{QStringLiteral("--theme=purple")};
    }

    void badThemeIsAUsageErrorNamingIt()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const Result r = run(QStringList{QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))} + args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--theme wants one of system, light, dark (got 'purple')")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
    }

    void darkThemeRendersADarkWindow()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("dark.png"));
        const Result r = run({QStringLiteral("--screenshot"), png, QStringLiteral("--page"), QStringLiteral("about"),
                              QStringLiteral("--size"), QStringLiteral("1024x700"), QStringLiteral("--theme"),
                              QStringLiteral("dark"), QStringLiteral("--vault"), dir.filePath(QStringLiteral("none"))});
        QCOMPARE(r.code, 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1024, 700));
        QVERIFY(image.pixelColor(4, 696).lightness() < 60);
    }

    void passphraseFromStdinLongerThanTheLimitIsRefusedNamingTheLimit()
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProcessEnvironment(fastKdf());
        process.start(QStringLiteral(ONRAMP_BINARY),
                      {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--vault"), dir.path(),
                       QStringLiteral("--as"), QStringLiteral("ada"), QStringLiteral("--passphrase-file"),
                       QStringLiteral("/dev/stdin")});
        QVERIFY(process.waitForStarted());
        process.write(QByteArray(5000, 'p') + '\n');
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 5);
        QVERIFY2(err.contains(QStringLiteral("passphrase file /dev/stdin is longer than 4096 bytes")), qPrintable(err));
    }

    void promptReadsALongPassphraseWithoutEchoAndRestoresTheTerminal()
    {
        // Past the old 1024-byte cut, typed with a slip erased; nothing echoed.
        QTemporaryDir dir;
        const QString vault = dir.filePath(QStringLiteral("vault"));
        const QByteArray passphrase = QByteArray(3000, 'k') + " \xc3\xa9t\xc3\xa9";
        QVERIFY(makeVault(vault, passphrase));
        const TerminalRun r =
            runOnTerminal({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--vault"), vault,
                           QStringLiteral("--as"), QStringLiteral("ada")},
                          "x\x7f" + passphrase.left(2000) + "\xc3\xa9\x7f" + passphrase.mid(2000) + '\r');
        QVERIFY2(r.code == 0, r.output.constData());
        QVERIFY(!r.output.contains("kkkk"));
        QVERIFY(r.echoRestored);
        QVERIFY(r.canonicalRestored);
    }

    void promptRefusesAPassphraseLongerThanTheLimit()
    {
        QTemporaryDir dir;
        const QString vault = dir.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(vault, "short passphrase"));
        const TerminalRun r =
            runOnTerminal({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--vault"), vault,
                           QStringLiteral("--as"), QStringLiteral("ada")},
                          QByteArray(5000, 'k') + '\r');
        QCOMPARE(r.code, 5);
        QVERIFY2(r.output.contains("the passphrase typed is longer than 4096 bytes"), r.output.constData());
        QVERIFY(r.echoRestored);
        QVERIFY(r.canonicalRestored);
    }

    void promptEditsAFullLineAndStartsOverAfterAKill()
    {
        // Exactly at the limit, an erase and a kill still edit the line: only
        // what stays past the limit when Enter is pressed is refused.
        QTemporaryDir dir;
        const QString vault = dir.filePath(QStringLiteral("vault"));
        const QByteArray passphrase = QByteArray(4095, 'k') + 'm';
        QVERIFY(makeVault(vault, passphrase));
        const QStringList args{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--vault"), vault,
                               QStringLiteral("--as"),  QStringLiteral("ada")};
        TerminalRun r = runOnTerminal(args, passphrase.left(4095) + "x\x7f" + "m\r");
        QVERIFY2(r.code == 0, r.output.right(300).constData());
        r = runOnTerminal(args, passphrase.left(4095) + "x\x17" + passphrase.left(4095) + "m\r"); // Ctrl-W
        QVERIFY2(r.code == 0, r.output.right(300).constData());
        r = runOnTerminal(args, QByteArray(5000, 'z') + "\x15" + passphrase + '\r'); // Ctrl-U
        QVERIFY2(r.code == 0, r.output.right(300).constData());
        r = runOnTerminal(args, QByteArray(5000, 'z') + QByteArray(904, '\x7f') + '\r');
        QCOMPARE(r.code, 5); // bytes were dropped: erasing cannot bring them back
        QVERIFY(r.echoRestored);
        QVERIFY(r.canonicalRestored);
    }

    void promptLeavesAnIgnoredSignalIgnored()
    {
        // Started under nohup, SIGHUP is ignored: the prompt must not make it fatal.
        QTemporaryDir dir;
        const QString vault = dir.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(vault, "short passphrase"));
        const TerminalRun r =
            runOnTerminal({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--vault"), vault,
                           QStringLiteral("--as"), QStringLiteral("ada")},
                          "short passphrase\r", SIGHUP, SIGHUP);
        QVERIFY2(r.code == 0, r.output.constData());
        QVERIFY(r.echoRestored);
        QVERIFY(r.canonicalRestored);
    }

    void promptRestoresTheTerminalWhenInterrupted()
    {
        QTemporaryDir dir;
        const QString vault = dir.filePath(QStringLiteral("vault"));
        QVERIFY(makeVault(vault, "short passphrase"));
        const TerminalRun r =
            runOnTerminal({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--vault"), vault,
                           QStringLiteral("--as"), QStringLiteral("ada")},
                          "half a pass\x03"); // Ctrl-C: SIGINT from the terminal
        QCOMPARE(r.signal, SIGINT); // killed by the signal, as before
        QVERIFY(r.echoRestored);
        QVERIFY(r.canonicalRestored);
    }
};

QTEST_GUILESS_MAIN(TestOnrampBinary)
#include "TestOnrampBinary.moc"
