// The real `onramp` executable: --version, --help, screenshot mode, and a
// clear line instead of Qt's abort when there is no display.
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

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
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static int distinctColours(const QImage& image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        return int(colours.size());
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
    }

    void screenshotWritesANonBlankPngOfTheWindow_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QSize>("size");
        QTest::newRow("default page") << QStringList{} << QSize(1280, 800);
        QTest::newRow("about page, small")
            << QStringList{QStringLiteral("--page"), QStringLiteral("about"), QStringLiteral("--size"),
                           QStringLiteral("1024x700")}
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
};

QTEST_GUILESS_MAIN(TestOnrampBinary)
#include "TestOnrampBinary.moc"
