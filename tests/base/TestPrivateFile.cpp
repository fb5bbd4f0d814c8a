// The one writer of owner-only files (exports, the key file, the trust store):
// whole or not at all, mode 0600, and only ever over a regular file.
#include "PrivateFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace onramp;

namespace {

QByteArray contentOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

mode_t modeOf(const QString& path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode : 0;
}

QStringList entriesOf(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestPrivateFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_count = 0;

    QString freshDir()
    {
        const QString dir = m_tmp.filePath(QString::number(++m_count));
        QDir().mkpath(dir);
        return dir;
    }

    static void writeFile(const QString& path, const QByteArray& bytes, QFileDevice::Permissions permissions)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();
        QVERIFY(file.setPermissions(permissions));
    }

private Q_SLOTS:
    void aNewFileIsOwnerOnly()
    {
        const QString dir = freshDir();
        const QString path = dir + QStringLiteral("/export.env");
        QVERIFY(!writePrivateFile(path, "A=1\n", QStringLiteral("the export file")));
        QCOMPARE(contentOf(path), QByteArray("A=1\n"));
        QCOMPARE(modeOf(path) & 07777, mode_t(0600));
        QCOMPARE(entriesOf(dir), QStringList{QStringLiteral("export.env")});
    }

    void anExistingFileIsReplacedWholeAndMadeOwnerOnly()
    {
        const QString dir = freshDir();
        const QString path = dir + QStringLiteral("/export.env");
        writeFile(path, QByteArray(4096, 'o'),
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        QCOMPARE(modeOf(path) & 07777, mode_t(0644));
        QVERIFY(!writePrivateFile(path, "new", QStringLiteral("the export file")));
        QCOMPARE(contentOf(path), QByteArray("new"));
        QCOMPARE(modeOf(path) & 07777, mode_t(0600));
        QCOMPARE(entriesOf(dir), QStringList{QStringLiteral("export.env")});
    }

    // A vault's folder is written by everyone who holds its key: a link
    // planted as keys.json must not carry an admin's write to another file
    // (their trust pin, say). The link is refused; the file it names and the
    // link stay as they were.
    void aLinkIsRefusedNotFollowed()
    {
        const QString dir = freshDir();
        const QString file = dir + QStringLiteral("/elsewhere.json");
        const QString link = dir + QStringLiteral("/keys.json");
        writeFile(file, "old", QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(QFile::link(file, link));
        const Error e = writePrivateFile(link, "new", QStringLiteral("key file"));
        QCOMPARE(e.kind, ErrorKind::Io);
        QVERIFY2(e.message.contains(link) && e.message.contains(QLatin1String("symbolic link")), qPrintable(e.message));
        QVERIFY(S_ISLNK(modeOf(link)));
        QCOMPARE(contentOf(file), QByteArray("old"));
        QCOMPARE(entriesOf(dir), (QStringList{QStringLiteral("elsewhere.json"), QStringLiteral("keys.json")}));
    }

    void whatIsNotARegularFileIsRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("a FIFO") << "fifo";
        QTest::newRow("a folder") << "folder";
        QTest::newRow("a link to a FIFO") << "link";
        QTest::newRow("a character device, as /dev/null") << "device";
    }
    void whatIsNotARegularFileIsRefused()
    {
        QFETCH(QString, kind);
        const QString dir = freshDir();
        const QString path = dir + QStringLiteral("/target");
        const QByteArray name = QFile::encodeName(path);
        mode_t type = 0;
        if (kind == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo(name.constData(), 0600), 0);
            type = S_IFIFO;
        } else if (kind == QLatin1String("folder")) {
            QVERIFY(QDir().mkdir(path));
            type = S_IFDIR;
        } else if (kind == QLatin1String("link")) {
            const QString fifo = dir + QStringLiteral("/fifo");
            QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
            QVERIFY(QFile::link(fifo, path));
            type = S_IFLNK;
        } else {
            // A copy of /dev/null's node, so that no real device is at stake.
            if (::mknod(name.constData(), S_IFCHR | 0666, makedev(1, 3)) != 0)
                QSKIP("making a device node needs root");
            type = S_IFCHR;
        }
        const QStringList before = entriesOf(dir);
        const Error e = writePrivateFile(path, "secret bytes", QStringLiteral("the export file"));
        QCOMPARE(e.kind, ErrorKind::Io);
        const QLatin1String why =
            type == S_IFLNK ? QLatin1String("symbolic link") : QLatin1String("not a regular file");
        QVERIFY2(e.message.contains(path) && e.message.contains(why), qPrintable(e.message));
        QCOMPARE(modeOf(path) & S_IFMT, type);
        QCOMPARE(entriesOf(dir), before);
    }

    // Run by ctest as TestPrivateFile.faults.N, once with each of the writer's
    // calls failing (ONRAMP_TEST_FAULT=eio@N, app/base/IoFaults.h): the
    // write, the fsync, the rename. The old file stays, whole, and no
    // temporary file is left.
    void aFailedWriteLeavesTheOldFileAndNothingElse()
    {
        const QByteArray fault = qgetenv("ONRAMP_TEST_FAULT");
        if (!fault.startsWith("eio@"))
            QSKIP("runs under ONRAMP_TEST_FAULT=eio@N (ctest: TestPrivateFile.faults.N)");
        const QString dir = freshDir();
        const QString path = dir + QStringLiteral("/export.env");
        const QByteArray old = "the old content\n";
        writeFile(path, old, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        const Error e = writePrivateFile(path, QByteArray(8192, 'n'), QStringLiteral("the export file"));
        QCOMPARE(e.kind, ErrorKind::Io);
        QVERIFY2(e.message.contains(path), qPrintable(e.message));
        QCOMPARE(contentOf(path), old);
        QCOMPARE(entriesOf(dir), QStringList{QStringLiteral("export.env")});
    }
};

QTEST_GUILESS_MAIN(TestPrivateFile)
#include "TestPrivateFile.moc"
