// The file a save dialog chose, as the path an export writes: Qt Quick's own
// dialog joins whatever is typed as the name to its folder, so an absolute
// path, "~/…", a relative name, a name without its extension and a folder
// each come out as the person meant, or are refused naming what was typed;
// every export opens in one folder, and checks the folder it writes to
// before it reads anything.
#include "ExportPath.h"
#include "Session.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp::ui;

class TestExportPath : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_home;
    QString m_documents;

    /// The URL Qt Quick's dialog gives for \a typed in the folder \a folder
    /// (QQuickFileDialogImpl::setFileName: the folder, "/", the name, no scheme).
    static QUrl dialogJoin(const QString& folder, const QString& typed) { return QUrl(folder + u'/' + typed); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("home/Documents/reports"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("elsewhere"))));
        m_home = QDir(m_dir.filePath(QStringLiteral("home"))).canonicalPath();
        m_documents = m_home + QStringLiteral("/Documents");
        qputenv("HOME", QFile::encodeName(m_home));
        qunsetenv("XDG_CONFIG_HOME");
        QCOMPARE(QDir::homePath(), m_home);
    }

    void theDialogsFolderIsDocumentsWhenItExists() { QCOMPARE(exportFolderPath(), m_documents); }

    void typedNamesComeOutAsMeant_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("expected"); // relative to the temporary folder; "~" for the home folder

        QTest::newRow("a name") << "audit.csv"
                                << "csv"
                                << "~/Documents/audit.csv";
        QTest::newRow("a name without its extension") << "audit"
                                                      << "csv"
                                                      << "~/Documents/audit.csv";
        QTest::newRow("another extension kept") << "audit.txt"
                                                << "csv"
                                                << "~/Documents/audit.txt";
        QTest::newRow("a name ending in a dot") << "audit."
                                                << "jsonl"
                                                << "~/Documents/audit.jsonl";
        QTest::newRow("relative, into a folder") << "reports/audit"
                                                 << "csv"
                                                 << "~/Documents/reports/audit.csv";
        QTest::newRow("relative, up a folder") << "../audit.csv"
                                               << "csv"
                                               << "~/audit.csv";
        QTest::newRow("absolute") << "@/elsewhere/audit.csv"
                                  << "csv"
                                  << "@/elsewhere/audit.csv";
        QTest::newRow("absolute, without its extension") << "@/elsewhere/audit"
                                                         << "jsonl"
                                                         << "@/elsewhere/audit.jsonl";
        QTest::newRow("absolute, doubled slashes") << "@//elsewhere//audit.csv"
                                                   << "csv"
                                                   << "@/elsewhere/audit.csv";
        QTest::newRow("home") << "~/audit.csv"
                              << "csv"
                              << "~/audit.csv";
        QTest::newRow("home, without its extension") << "~/audit"
                                                     << "pdf"
                                                     << "~/audit.pdf";
        QTest::newRow("home, a folder in it") << "~/Documents/reports/r.csv"
                                              << "csv"
                                              << "~/Documents/reports/r.csv";
        QTest::newRow("a hash and a question mark") << "a#1?.csv"
                                                    << "csv"
                                                    << "~/Documents/a#1?.csv";
        QTest::newRow("spaces") << "my audit"
                                << "csv"
                                << "~/Documents/my audit.csv";
    }

    void typedNamesComeOutAsMeant()
    {
        QFETCH(QString, typed);
        QFETCH(QString, suffix);
        QFETCH(QString, expected);
        const QString tmp = QDir(m_dir.path()).canonicalPath();
        typed.replace(QLatin1Char('@'), tmp);
        expected.replace(QLatin1Char('@'), tmp);
        if (expected.startsWith(QLatin1Char('~')))
            expected = m_home + expected.mid(1);
        const SavePath got = savePath(dialogJoin(m_documents, typed), suffix);
        QVERIFY2(got.error.isEmpty(), qPrintable(got.error));
        QCOMPARE(got.path, expected);
    }

    void aFileUrlIsTakenAsItIs()
    {
        const QString file = m_documents + QStringLiteral("/r.csv");
        QCOMPARE(savePath(QUrl::fromLocalFile(file), QStringLiteral("csv")).path, file);
        QCOMPARE(savePath(QUrl::fromLocalFile(m_documents + QStringLiteral("/r")), QStringLiteral("csv")).path, file);
    }

    void aFolderIsRefusedNamingIt_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("folder"); // what the refusal names
        QTest::newRow("an absolute folder") << "@/elsewhere"
                                            << "@/elsewhere";
        QTest::newRow("an absolute folder with a slash") << "@/elsewhere/"
                                                         << "@/elsewhere";
        QTest::newRow("a new folder's name ending in a slash") << "@/new/"
                                                               << "@/new";
        QTest::newRow("a folder in the dialog's") << "reports"
                                                  << "~/Documents/reports";
        QTest::newRow("the home folder") << "~"
                                         << "~";
        QTest::newRow("the home folder with a slash") << "~/"
                                                      << "~";
    }

    void aFolderIsRefusedNamingIt()
    {
        QFETCH(QString, typed);
        QFETCH(QString, folder);
        const QString tmp = QDir(m_dir.path()).canonicalPath();
        typed.replace(QLatin1Char('@'), tmp);
        folder.replace(QLatin1Char('@'), tmp);
        if (folder.startsWith(QLatin1Char('~')))
            folder = m_home + folder.mid(1);
        const SavePath got = savePath(dialogJoin(m_documents, typed), QStringLiteral("csv"));
        QVERIFY2(got.path.isEmpty(), qPrintable(got.path));
        QVERIFY2(got.error.startsWith(folder + QStringLiteral(" is a folder")), qPrintable(got.error));
        QVERIFY2(got.error.contains(folder + QStringLiteral("/export.csv")), qPrintable(got.error));
    }

    void nothingChosenSaysSo()
    {
        const SavePath got = savePath(QUrl(), QStringLiteral("csv"));
        QVERIFY(got.path.isEmpty());
        QCOMPARE(got.error, QStringLiteral("Choose a file to export to."));
        const SavePath remote = savePath(QUrl(QStringLiteral("https://example.org/r.csv")), QStringLiteral("csv"));
        QVERIFY(remote.path.isEmpty());
        QVERIFY2(remote.error.contains(QStringLiteral("https://example.org/r.csv")), qPrintable(remote.error));
    }

    // Every export's dialog opens in the same folder and suggests its file there.
    void everyExportOpensInTheSameFolder()
    {
        QCOMPARE(exportFolderUrl(), QUrl::fromLocalFile(m_documents));
        // The one the app's dialogs ask for.
        QCOMPARE(Session::instance()->exportFolder(), QUrl::fromLocalFile(m_documents));
        QCOMPARE(exportFileUrl(QStringLiteral("r.csv")), QUrl::fromLocalFile(m_documents + QStringLiteral("/r.csv")));
    }

    // The folder is checked before an export reads anything: one that is
    // not there, or not writable, is refused naming it; nothing is made.
    void aFolderThatCannotTakeTheFileIsRefusedNamingIt()
    {
        const QString tmp = QDir(m_dir.path()).canonicalPath();
        const SavePath fine = exportTarget(QUrl::fromLocalFile(tmp + QStringLiteral("/elsewhere/r.csv")), {});
        QVERIFY2(fine.error.isEmpty(), qPrintable(fine.error));
        QCOMPARE(fine.path, tmp + QStringLiteral("/elsewhere/r.csv"));

        const QString missing = tmp + QStringLiteral("/no-such-folder");
        const SavePath gone = exportTarget(QUrl::fromLocalFile(missing + QStringLiteral("/r")), QStringLiteral("csv"));
        QVERIFY(gone.path.isEmpty());
        QCOMPARE(gone.error, QStringLiteral("The folder %1 does not exist. Nothing was exported.").arg(missing));
        QVERIFY(!QFileInfo::exists(missing));

        const QString locked = tmp + QStringLiteral("/locked");
        QVERIFY(QDir().mkpath(locked));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const SavePath refused = exportTarget(QUrl::fromLocalFile(locked + QStringLiteral("/r.csv")), {});
        if (QFileInfo(locked).isWritable()) // root writes anywhere
            QVERIFY(refused.error.isEmpty());
        else
            QCOMPARE(refused.error,
                     QStringLiteral("You cannot write in the folder %1. Nothing was exported.").arg(locked));
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

        // What savePath() refuses is refused the same.
        QCOMPARE(exportTarget(QUrl(), QStringLiteral("csv")).error, QStringLiteral("Choose a file to export to."));
    }
};

QTEST_GUILESS_MAIN(TestExportPath)
#include "TestExportPath.moc"
