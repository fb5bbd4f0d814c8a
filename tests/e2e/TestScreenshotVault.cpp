// Screenshots of a real vault: `onramp --screenshot FILE --vault DIR --as NAME
// --passphrase-file F` signs in as that person and draws the page with their
// data; a wrong passphrase, an unknown person or a page of another role is a
// clear error with the command line's exit code, and no file is written.
#include "E2eDriver.h"

#include "Screenshot.h"
#include "Session.h"
#include "VaultTestUtil.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QImage>
#include <QQuickStyle>
#include <QSet>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestScreenshotVault : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vault;

    QString file(const QString& name) const { return m_dir.filePath(name); }

    bool writeFile(const QString& name, const QByteArray& bytes) const
    {
        QFile f(file(name));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

    static bool enroll(onramp::Vault& admin, const QString& hire, const QString& fixture)
    {
        const onramp::ParseResult parsed =
            onramp::parseChecklistFile(QStringLiteral(ONRAMP_TEST_DATA "/checklists/") + fixture);
        if (!parsed.ok())
            return false;
        onramp::ImportOutcome outcome;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (onramp::Error e = onramp::ChecklistStore(admin).import(*parsed.checklist, now, &outcome)) {
            qWarning() << e.message;
            return false;
        }
        const onramp::Error e =
            onramp::Enrollments(admin).enroll(hire, parsed.checklist->id, QStringLiteral("max"), now.date());
        if (e)
            qWarning() << e.message;
        return !e;
    }

    vaulttest::RunResult shoot(const QString& png, const QStringList& extra)
    {
        return vaulttest::runOnramp(QStringList{QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                                                QStringLiteral("1024x640"), QStringLiteral("--vault"), m_vault}
                                    + extra);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = file(QStringLiteral("vault"));
        // Admin ada, mentor max, hire hal on the week-one checklist, hire bo on another.
        std::unique_ptr<onramp::Vault> admin = vaulttest::makeVault(m_vault);
        QVERIFY(admin);
        // Bo was handed the passphrase and has yet to choose one of their own.
        QVERIFY(!onramp::People(*admin).add(QStringLiteral("bo"), QStringLiteral("Bo Other"), onramp::Role::Hire,
                                            vaulttest::kHirePassphrase, onramp::firstpassphrase::Handed::Given));
        QVERIFY(enroll(*admin, QStringLiteral("hal"), QStringLiteral("week-one.yaml")));
        QVERIFY(enroll(*admin, QStringLiteral("bo"), QStringLiteral("minimal.yaml")));
        admin->lock();
        QVERIFY(writeFile(QStringLiteral("hal.pass"), vaulttest::kHirePassphrase + '\n'));
        QVERIFY(writeFile(QStringLiteral("wrong.pass"), QByteArrayLiteral("not hal's passphrase\n")));
        QVERIFY(writeFile(QStringLiteral("empty.pass"), {}));
    }

    void aScreenshotAsAHireShowsThatHiresSteps()
    {
        // The same sign-in and the same window as the binary's, in this process to read its texts.
        Session* session = Session::instance();
        session->setVaultPath(m_vault);
        const QString png = file(QStringLiteral("hal-checklist.png"));
        onramp::ui::Screenshot shot(png, QStringLiteral("checklist"), QSize(1024, 640));
        QCOMPARE(shot.signIn(session, QStringLiteral("hal"), file(QStringLiteral("hal.pass"))), 0);
        QCOMPARE(session->userName(), QStringLiteral("hal"));
        std::unique_ptr<QQmlApplicationEngine> engine;
        QQuickWindow* window = e2e::loadMainWindow(engine);
        QVERIFY(window);
        QCOMPARE(shot.take(window), 0);
        QVERIFY(!QImage(png).isNull());
        const QString texts = e2e::textsUnder(window->contentItem()).join(QLatin1Char('\n'));
        for (const char* title : {"Read the handbook", "Run the tests in your sandbox", "Lunch with the team"})
            QVERIFY2(texts.contains(QString::fromUtf8(title)), qPrintable(texts));
        QVERIFY2(!texts.contains(QStringLiteral("The only step")), "another hire's step is shown");
        session->lock();
        engine.reset();
    }

    void theBinaryWritesTheHiresPage()
    {
        const QString png = file(QStringLiteral("hal-home.png"));
        const vaulttest::RunResult r = shoot(png,
                                             {QStringLiteral("--as"), QStringLiteral("hal"),
                                              QStringLiteral("--passphrase-file"), file(QStringLiteral("hal.pass"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1024, 640));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 8, "the screenshot looks blank");
        // A real vault's page shows its people: owner-only, as every file Onramp writes.
        QCOMPARE(QFile::permissions(png) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // The vault it opened is remembered in the test's own settings, not
        // in those of whoever runs the tests.
        if (qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME")) {
            QFile settings(vaulttest::childConfigHome() + QStringLiteral("/Onramp/onramp.conf"));
            QVERIFY2(settings.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
            QVERIFY(settings.readAll().contains(QFile::encodeName(QFileInfo(m_vault).fileName())));
        }
    }

    void aFailedSignInExitsWithTheDocumentedCodeAndWritesNoFile_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("named");
        const QString wrong = file(QStringLiteral("wrong.pass"));
        const QString hal = file(QStringLiteral("hal.pass"));
        QTest::newRow("wrong passphrase")
            << QStringList{QStringLiteral("--as"), QStringLiteral("hal"), QStringLiteral("--passphrase-file"), wrong}
            << 3 << QStringList{QStringLiteral("hal"), wrong, QStringLiteral("wrong passphrase or unknown person")};
        QTest::newRow("unknown person") << QStringList{
            QStringLiteral("--as"), QStringLiteral("nobody"), QStringLiteral("--passphrase-file"),
            hal} << 3 << QStringList{QStringLiteral("nobody"), QStringLiteral("wrong passphrase or unknown person")};
        QTest::newRow("page of another role")
            << QStringList{QStringLiteral("--page"),
                           QStringLiteral("audit"),
                           QStringLiteral("--as"),
                           QStringLiteral("hal"),
                           QStringLiteral("--passphrase-file"),
                           hal}
            << 4 << QStringList{QStringLiteral("'audit'"), QStringLiteral("hal"), QStringLiteral("checklist")};
        QTest::newRow("a handed-over passphrase")
            << QStringList{QStringLiteral("--as"), QStringLiteral("bo"), QStringLiteral("--passphrase-file"), hal} << 4
            << QStringList{QStringLiteral("bo"), QStringLiteral("choose")};
        QTest::newRow("empty passphrase file")
            << QStringList{QStringLiteral("--as"), QStringLiteral("hal"), QStringLiteral("--passphrase-file"),
                           file(QStringLiteral("empty.pass"))}
            << 5 << QStringList{file(QStringLiteral("empty.pass"))};
        QTest::newRow("missing passphrase file")
            << QStringList{QStringLiteral("--as"), QStringLiteral("hal"), QStringLiteral("--passphrase-file"),
                           file(QStringLiteral("none.pass"))}
            << 5 << QStringList{file(QStringLiteral("none.pass"))};
        QTest::newRow("no passphrase file") << QStringList{QStringLiteral("--as"), QStringLiteral("hal")} << 2
                                            << QStringList{QStringLiteral("--passphrase-file")};
    }

    void aFailedSignInExitsWithTheDocumentedCodeAndWritesNoFile()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QStringList, named);
        const QString png = file(QStringLiteral("refused.png"));
        const vaulttest::RunResult r = shoot(png, args);
        QVERIFY2(r.code == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        for (const QString& input : named)
            QVERIFY2(r.err.contains(input), qPrintable(input + QStringLiteral(" is not named in: ") + r.err));
        QVERIFY(!r.err.contains(QString::fromUtf8(vaulttest::kHirePassphrase)));
        QVERIFY(!QFile::exists(png));
    }
};

ONRAMP_E2E_MAIN(TestScreenshotVault)
#include "TestScreenshotVault.moc"
