// The command-line parser and dispatcher: options anywhere, clear usage errors.
#include "CliMain.h"
#include "Command.h"
#include "CommandLine.h"
#include "TeamCommands.h"

#include <QTemporaryFile>
#include <QTest>

using namespace onramp::cli;

class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    CommandRegistry registry()
    {
        CommandRegistry r;
        Command status;
        status.words = {QStringLiteral("status")};
        status.arguments = QStringLiteral("HIRE");
        status.summary = QStringLiteral("show a hire's status");
        status.minArgs = 1;
        status.maxArgs = 1;
        status.run = [this](Context& c) {
            lastOperands = c.operands();
            lastActor = c.actor();
            lastJson = c.json();
            c.out() << "ran status";
            return 0;
        };
        r.add(status);
        Command add;
        add.words = {QStringLiteral("person"), QStringLiteral("add")};
        add.arguments = QStringLiteral("NAME");
        add.minArgs = 1;
        add.maxArgs = 1;
        add.options = {{QStringLiteral("role"), QStringLiteral("ROLE"), QStringLiteral("the role")}};
        add.run = [this](Context& c) {
            lastOperands = c.operands();
            lastRole = c.option(QStringLiteral("role"));
            return 0;
        };
        r.add(add);
        return r;
    }

    int run(const QStringList& args, QString* out = nullptr, QString* err = nullptr)
    {
        QString o;
        QString e;
        QTextStream os(&o);
        QTextStream es(&e);
        const int code = runCommand(registry(), args, os, es);
        os.flush();
        es.flush();
        if (out)
            *out = o;
        if (err)
            *err = e;
        return code;
    }

    QStringList lastOperands;
    QString lastActor;
    QString lastRole;
    bool lastJson = false;

private Q_SLOTS:
    void optionsMayStandBeforeOrAfterTheWords_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("after") << QStringList{"status", "alex", "--as", "alex"};
        QTest::newRow("before") << QStringList{"--as", "alex", "status", "alex"};
        QTest::newRow("between") << QStringList{"status", "--as", "alex", "alex"};
        QTest::newRow("inline value") << QStringList{"status", "alex", "--as=alex"};
    }
    void optionsMayStandBeforeOrAfterTheWords()
    {
        QFETCH(QStringList, args);
        QCOMPARE(run(args), 0);
        QCOMPARE(lastOperands, QStringList{QStringLiteral("alex")});
        QCOMPARE(lastActor, QStringLiteral("alex"));
    }

    void flagsTakeNoValue()
    {
        QCOMPARE(run({"status", "alex", "--json"}), 0);
        QVERIFY(lastJson);
        QString err;
        QCOMPARE(run({"status", "alex", "--json=yes"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("--json=yes")), qPrintable(err));
    }

    void unknownOptionIsAUsageErrorNamingIt()
    {
        QString err;
        QCOMPARE(run({"status", "alex", "--bogus"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("--bogus")), qPrintable(err));
    }

    void optionOfAnotherCommandIsRefused()
    {
        QString err;
        QCOMPARE(run({"status", "alex", "--role", "mentor"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("'status' does not take --role")), qPrintable(err));
    }

    void missingOptionValueIsAUsageError()
    {
        QString err;
        QCOMPARE(run({"person", "add", "sam", "--role"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("needs a value")), qPrintable(err));
    }

    void longestCommandMatchWins()
    {
        QCOMPARE(run({"person", "add", "sam", "--role", "hire"}), 0);
        QCOMPARE(lastOperands, QStringList{QStringLiteral("sam")});
        QCOMPARE(lastRole, QStringLiteral("hire"));
    }

    void wrongOperandCountIsAUsageError()
    {
        QString err;
        QCOMPARE(run({"status"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("usage: onramp status HIRE")), qPrintable(err));
        QCOMPARE(run({"status", "a", "b"}), 2);
    }

    void doubleDashEndsOptions()
    {
        QCOMPARE(run({"status", "--", "--as"}), 0);
        QCOMPARE(lastOperands, QStringList{QStringLiteral("--as")});
    }

    void unknownCommandIsAUsageError()
    {
        QString err;
        QCOMPARE(run({"frobnicate"}, nullptr, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("unknown command 'frobnicate'")), qPrintable(err));
    }

    void helpListsCommandsAndExitsZero()
    {
        QString out;
        QCOMPARE(run({"--help"}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("person add NAME")));
        QVERIFY(out.contains(QStringLiteral("Exit codes")));
        QCOMPARE(run({"status", "--help"}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("Usage: onramp status HIRE")));
    }

    void theFirstWordsOfAGroupListItsCommands()
    {
        QString out;
        QString err;
        QCOMPARE(run({"person", "--help"}, &out, &err), 0);
        QVERIFY2(out.contains(QStringLiteral("person add NAME")), qPrintable(out));
        QVERIFY(!out.contains(QStringLiteral("status")));
        QCOMPARE(run({"person"}, &out, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("'onramp person' is followed by one of:")), qPrintable(err));
    }

    void longOptionNamesStaySeparateFromTheirHelp()
    {
        QString out;
        QCOMPARE(run({"person", "add", "--help"}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral("--passphrase-file FILE ")), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("FILEread")), qPrintable(out));
    }

    void versionPrintsTheVersion()
    {
        QString out;
        QCOMPARE(run({"--version"}, &out), 0);
        QVERIFY(out.startsWith(QStringLiteral("onramp ")));
    }

    void guiOptionsAloneStartTheApp_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("commandLine");
        QTest::newRow("nothing") << QStringList{} << false;
        QTest::newRow("screenshot") << QStringList{"--screenshot", "x.png", "--page", "about"} << false;
        QTest::newRow("vault") << QStringList{"--vault", "/tmp/v"} << false;
        QTest::newRow("vault=") << QStringList{"--vault=/tmp/v"} << false;
        QTest::newRow("lang") << QStringList{"--demo", "--lang", "de"} << false;
        QTest::newRow("command") << QStringList{"status", "alex"} << true;
        QTest::newRow("vault then command") << QStringList{"--vault", "/tmp/v", "init"} << true;
        QTest::newRow("help") << QStringList{"--help"} << true;
        QTest::newRow("version") << QStringList{"--version"} << true;
        // The desktop file's Exec=onramp %u: a link is the app's, whatever it holds.
        QTest::newRow("link") << QStringList{"onramp://open?vault=/srv/acme&name=alex"} << false;
        QTest::newRow("link with the screenshot")
            << QStringList{"--screenshot", "x.png", "onramp://server?url=postgresql://db/x"} << false;
    }
    void guiOptionsAloneStartTheApp()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, commandLine);
        QCOMPARE(isCommandLineInvocation(args), commandLine);
    }

    // The app's options with one nobody knows: that one is named, not the
    // first of the app's own, which no command knows either.
    void anUnknownOptionAmongTheAppsIsTheOneNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("after screenshot")
            << QStringList{"--screenshot", "x.png", "--demo", "--page", "home", "--bogus", "de"}
            << QStringLiteral("'--bogus'");
        QTest::newRow("after demo") << QStringList{"--demo", "--colour"} << QStringLiteral("'--colour'");
        QTest::newRow("value form") << QStringList{"--vault=/tmp/v", "--font=big"} << QStringLiteral("'--font=big'");
    }
    void anUnknownOptionAmongTheAppsIsTheOneNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        QVERIFY(isCommandLineInvocation(args));
        QString out;
        QString err;
        QCOMPARE(run(args, &out, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("unknown option ") + named), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("'--screenshot'")) && !err.contains(QStringLiteral("'--demo'"))
                     && !err.contains(QStringLiteral("'--vault")),
                 qPrintable(err));
    }

    void passphraseFileDropsOneTrailingNewline()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("correct horse\n");
        file.close();
        onramp::Error error;
        auto secret = readPassphraseFile(file.fileName(), &error);
        QVERIFY(secret.has_value());
        QCOMPARE(QByteArray(secret->constChar(), qsizetype(secret->size())), QByteArray("correct horse"));
    }

    void emptyOrMissingPassphraseFileIsInvalidInputNamingIt()
    {
        onramp::Error error;
        QVERIFY(!readPassphraseFile(QStringLiteral("/nonexistent/pass"), &error));
        QCOMPARE(error.kind, onramp::ErrorKind::InvalidInput);
        QVERIFY(error.message.contains(QStringLiteral("/nonexistent/pass")));
        QTemporaryFile empty;
        QVERIFY(empty.open());
        empty.close();
        QVERIFY(!readPassphraseFile(empty.fileName(), &error));
        QVERIFY(error.message.contains(QStringLiteral("empty")));
    }

    void passphraseFileUpToTheLimitIsReadWhole_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("length");
        const QByteArray limit(int(kMaxPassphraseBytes), 'p');
        QTest::newRow("past the old 1024") << QByteArray(1025, 'p') << 1025;
        QTest::newRow("the limit") << limit << int(kMaxPassphraseBytes);
        QTest::newRow("the limit and a newline") << limit + '\n' << int(kMaxPassphraseBytes);
        QTest::newRow("the limit and CRLF") << limit + "\r\n" << int(kMaxPassphraseBytes);
    }
    void passphraseFileUpToTheLimitIsReadWhole()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, length);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(content);
        file.close();
        onramp::Error error;
        auto secret = readPassphraseFile(file.fileName(), &error);
        QVERIFY2(secret.has_value(), qPrintable(error.message));
        QCOMPARE(int(secret->size()), length);
        QCOMPARE(QByteArray(secret->constChar(), qsizetype(secret->size())), content.left(length));
    }

    void passphraseFileLongerThanTheLimitIsRefusedNamingIt_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("one byte more") << QByteArray(int(kMaxPassphraseBytes) + 1, 'p');
        QTest::newRow("one byte more and a newline") << QByteArray(int(kMaxPassphraseBytes) + 1, 'p') + '\n';
        QTest::newRow("far more") << QByteArray(100000, 'p');
    }
    void passphraseFileLongerThanTheLimitIsRefusedNamingIt()
    {
        QFETCH(QByteArray, content);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(content);
        file.close();
        onramp::Error error;
        QVERIFY(!readPassphraseFile(file.fileName(), &error));
        QCOMPARE(error.kind, onramp::ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(file.fileName()), qPrintable(error.message));
        QVERIFY2(error.message.contains(QStringLiteral("longer than 4096 bytes")), qPrintable(error.message));
    }

    void passphraseInTheEnvironmentLongerThanTheLimitIsRefused()
    {
        CommandRegistry r;
        Command needsPassphrase;
        needsPassphrase.words = {QStringLiteral("unlock")};
        needsPassphrase.run = [](Context& c) {
            onramp::Error error;
            if (!c.passphrase(&error))
                return c.fail(error);
            c.out() << "read";
            return 0;
        };
        r.add(needsPassphrase);
        QString out;
        QString err;
        QTextStream os(&out);
        QTextStream es(&err);
        qputenv("ONRAMP_PASSPHRASE", QByteArray(int(kMaxPassphraseBytes), 'p'));
        QCOMPARE(runCommand(r, {QStringLiteral("unlock"), QStringLiteral("--as"), QStringLiteral("ada")}, os, es), 0);
        qputenv("ONRAMP_PASSPHRASE", QByteArray(int(kMaxPassphraseBytes) + 1, 'p'));
        const int code =
            runCommand(r, {QStringLiteral("unlock"), QStringLiteral("--as"), QStringLiteral("ada")}, os, es);
        qunsetenv("ONRAMP_PASSPHRASE");
        es.flush();
        QCOMPARE(code, onramp::exitCodeFor(onramp::ErrorKind::InvalidInput));
        QVERIFY2(err.contains(QStringLiteral("ONRAMP_PASSPHRASE is longer than 4096 bytes")), qPrintable(err));
    }

    // `onramp` describes the commands without their handlers and the
    // commands' library binds them by name: every described command has a
    // handler there, and every handler a described command.
    void everyDescribedCommandIsBoundToItsHandler()
    {
        CommandRegistry described;
        describeAllCommands(described);
        CommandRegistry registry;
        registerAllCommands(registry);
        QVERIFY2(registry.unknownBindings().isEmpty(), qPrintable(registry.unknownBindings().join(u',')));
        QCOMPARE(registry.commands().size(), described.commands().size());
        QVERIFY(registry.commands().size() > 30);
        for (const Command& command : described.commands())
            QVERIFY2(!command.run, qPrintable(command.name()));
        for (const Command& command : registry.commands()) {
            if (command.library == QLatin1String(kTeamLibrary)) {
                QVERIFY2(!command.run, qPrintable(command.name()));
                continue;
            }
            QVERIFY2(command.run, qPrintable(QStringLiteral("no handler for ") + command.name()));
            QCOMPARE(command.library, QString::fromLatin1(kCommandsLibrary));
        }
    }

    // The team module's commands: described with the others, run in the
    // module (which alone links libpq), so the commands' library has no
    // handler for them; the module binds every one it runs.
    void theTeamModuleRunsTheTeamCommandsAlone()
    {
        CommandRegistry described;
        describeAllCommands(described);
        QStringList inTeam;
        for (const Command& command : described.commands())
            if (command.library == QLatin1String(kTeamLibrary))
                inTeam.append(command.name());
        // Not vault check nor provider set: the postgresql provider's module
        // reads a connection's DSN for them, loaded only when one is read.
        QCOMPARE(inTeam, (QStringList{QStringLiteral("team init"), QStringLiteral("team watch")}));
        CommandRegistry team;
        describeTeamCommands(team);
        QCOMPARE(team.commands().size(), 3);
        QCOMPARE(team.commands().at(0).name(), QStringLiteral("team init"));
        QCOMPARE(team.commands().at(1).name(), QStringLiteral("team watch"));
        QCOMPARE(team.commands().at(2).name(), QStringLiteral("whoami"));
    }

    void bindingAnUnknownNameIsReportedAndChangesNothing()
    {
        CommandRegistry r = registry();
        r.bind(QStringLiteral("person remove"), [](Context&) { return 0; });
        QCOMPARE(r.unknownBindings(), QStringList{QStringLiteral("person remove")});
        QCOMPARE(r.commands().size(), 2);
    }

    // What `onramp` runs a described command with: the handler it gives every
    // command that has none, never one a command has.
    void bindUnboundKeepsTheHandlersThereAre()
    {
        CommandRegistry r = registry();
        Command bare;
        bare.words = {QStringLiteral("report")};
        r.add(bare);
        int forwarded = 0;
        r.bindUnbound([&](Context&) { return ++forwarded, 42; });
        QString out;
        QTextStream os(&out);
        QTextStream es(&out);
        QCOMPARE(runCommand(r, {QStringLiteral("report")}, os, es), 42);
        QCOMPARE(forwarded, 1);
        QCOMPARE(runCommand(r, {QStringLiteral("status"), QStringLiteral("alex")}, os, es), 0);
        QCOMPARE(forwarded, 1);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
