// The scanner over the seeded corpus tests/data/scan: every rule finds its
// positive and leaves its near miss, .gitignore, binary files and symlinks
// are left out, the allowlist needs reasons, a huge line is read in pieces
// and no excerpt shows more than 4 characters of a secret.
#include "TestData.h"

#include "scan/KnownSecrets.h"
#include "scan/Scanner.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace onramp;
using namespace onramp::scan;

namespace {

const QStringList kHosts = {QStringLiteral("db.prod.internal"), QStringLiteral("*.prod.example.com")};

struct Run {
    QList<Finding> findings;
    ScanSummary summary;
    Error error;
};

Run scanPaths(const QStringList& paths, const LineScanner& lines)
{
    Run run;
    Scanner scanner(lines);
    run.error = scanner.scan(
        paths, [&](const Finding& f) { run.findings.append(f); }, &run.summary);
    return run;
}

QStringList keys(const QList<Finding>& findings, const QString& root)
{
    QStringList out;
    for (const Finding& f : findings)
        out << QStringLiteral("%1:%2: %3").arg(f.file.mid(root.size() + 1)).arg(f.line).arg(f.rule);
    out.sort();
    return out;
}

bool write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// "LINE:COLUMN credential" of each known secret in \a bytes, found one line
// at a time through LineScanner::scanKnown, as the scanner finds them in a
// file whose lines are shorter than Scanner::kMaxLine.
QStringList knownLineByLine(const QByteArray& bytes, const LineScanner& lines)
{
    QStringList out;
    const QList<QByteArray> split = bytes.split('\n');
    for (qsizetype i = 0; i < split.size(); ++i) {
        QByteArray line = split.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        for (const LineHit& hit : lines.scanKnown(line))
            out << QStringLiteral("%1:%2 %3").arg(i + 1).arg(hit.column + 1).arg(hit.credentialId);
    }
    return out;
}

QStringList knownFound(const QList<Finding>& findings)
{
    QStringList out;
    for (const Finding& f : findings)
        if (f.rule == QLatin1String("known-secret"))
            out << QStringLiteral("%1:%2 %3").arg(f.line).arg(f.column).arg(f.credentialId);
    return out;
}

} // namespace

class TestScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpusFindsEachPositiveAndNoNearMiss()
    {
        const QString root = testDataPath(QStringLiteral("scan"));
        const Run run = scanPaths({root}, LineScanner(kHosts));
        QVERIFY2(!run.error, qPrintable(run.error.message));
        const QStringList expected = {
            QStringLiteral(".env.example:2: stripe-live-key"),
            QStringLiteral(".env.example:4: high-entropy-secret"),
            QStringLiteral("aws.cfg:2: aws-access-key-id"),
            QStringLiteral("chat-export.md:2: slack-token"),
            QStringLiteral("chat-export.md:4: gitlab-token"),
            QStringLiteral("chat-export.md:5: google-api-key"),
            QStringLiteral("hosts.yaml:3: production-host"),
            QStringLiteral("keep.log:1: github-token"),
            QStringLiteral("keys/deploy_key.pem:1: private-key"),
            QStringLiteral("notebooks/explore.ipynb:8: github-token"),
            QStringLiteral("onboarding.md:9: password-in-url"),
            QStringLiteral("onboarding.md:9: production-host"),
            QStringLiteral("scripts/setup.sh:4: password-in-connection-string"),
            QStringLiteral("scripts/setup.sh:4: production-host"),
            QStringLiteral("sub/anchored.txt:1: github-token"),
        };
        QCOMPARE(keys(run.findings, root), expected);
        // ignored/ (a folder), build.log (*.log) and /anchored.txt; keep.log is
        // included again by "!keep.log", sub/anchored.txt is not anchored.
        QCOMPARE(run.summary.ignored, 3);
        QCOMPARE(run.summary.binary, 1);
        QCOMPARE(run.summary.counts.value(QStringLiteral("production-host")), 3);
    }

    void findingNamesLineColumnAndTheHost()
    {
        // Copied out: named alone inside the repository, the file would take
        // the repository's allowlist, which leaves the corpus out.
        QTemporaryDir dir;
        QVERIFY(QFile::copy(testDataPath(QStringLiteral("scan/onboarding.md")), dir.filePath("onboarding.md")));
        const Run run = scanPaths({dir.filePath("onboarding.md")}, LineScanner(kHosts));
        QCOMPARE(run.findings.size(), 2);
        const Finding& url = run.findings.at(0);
        QCOMPARE(url.rule, QStringLiteral("password-in-url"));
        QCOMPARE(url.line, 9);
        QCOMPARE(url.column, 5);
        QCOMPARE(url.excerpt, QStringLiteral("postgres://reporting:Tr0…@db.prod.internal:5432/payments"));
        const Finding& host = run.findings.at(1);
        QCOMPARE(host.rule, QStringLiteral("production-host"));
        QCOMPARE(host.host, QStringLiteral("db.prod.internal"));
        QCOMPARE(host.pattern, QStringLiteral("db.prod.internal"));
        QCOMPARE(host.excerpt, url.excerpt);
    }

    void noExcerptShowsMoreThanFourCharactersOfASecret()
    {
        const QString root = testDataPath(QStringLiteral("scan"));
        const Run run = scanPaths({root}, LineScanner(kHosts));
        const QStringList secrets = {QStringLiteral("Tr0ub4dor-x91q"),
                                     QStringLiteral("sk_live_51HqLyjWDarjtT1zdp7dcXGgW"),
                                     QStringLiteral("q8Zr3kP0vW7xN2mYb5tLc9Hd"),
                                     QStringLiteral("AKIAQ3EGTW5ZN7RXJ2KD"),
                                     QStringLiteral("hunter2-Prod-77"),
                                     QStringLiteral("ghp_R8mXw2Lq9ZtV4bN7cK1pJ6hY3sD0fG5aE2uI"),
                                     QStringLiteral("glpat-Xq4Lm8Zr2Tn6Vb1Kc9Hd"),
                                     QStringLiteral("xoxb-2741983652-5829371046-Jk3Lm9Pq2Rs8Tv4W")};
        for (const Finding& f : run.findings)
            for (const QString& secret : secrets)
                QVERIFY2(!f.excerpt.contains(secret.left(5)), qPrintable(f.excerpt));
    }

    void allowlistLeavesOutWhatItNamesWithAReason()
    {
        const QString root = testDataPath(QStringLiteral("scan-allowlist"));
        const Run run = scanPaths({root}, LineScanner({}));
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(keys(run.findings, root), QStringList{QStringLiteral("notes.md:5: github-token")});
        QCOMPARE(run.summary.allowed, 2);
    }

    void aFileNamedAloneTakesTheAllowlistOfTheFolderAboveIt()
    {
        const QString root = testDataPath(QStringLiteral("scan-allowlist"));
        const Run run = scanPaths({root + QStringLiteral("/notes.md")}, LineScanner({}));
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(run.findings.size(), 1);
        QCOMPARE(run.findings.at(0).rule, QStringLiteral("github-token"));
        QCOMPARE(run.summary.allowed, 2);
    }

    void aFileNamedAloneTakesNoAllowlistAboveItsFolderOutsideAWorkTree()
    {
        // Another local user's allowlist in a shared parent (/tmp) must not
        // silence the scan of a file under it.
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("export/wiki")));
        QVERIFY(write(dir.filePath("export/wiki/setup.env"),
                      "DATABASE_URL=postgresql://app:Zq8vK2mXr7TnB4wL9pHs@db.prod.internal/app\n"));
        QVERIFY(write(dir.filePath(".onramp-scan-ignore"), "path:** -- generated files\n"));
        Run run = scanPaths({dir.filePath("export/wiki/setup.env")}, LineScanner(kHosts));
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(run.summary.allowed, 0);
        QCOMPARE(run.findings.size(), 2);
        // Inside a git work tree it climbs to the work tree's root, no further.
        QVERIFY(QDir().mkpath(dir.filePath("export/.git")));
        run = scanPaths({dir.filePath("export/wiki/setup.env")}, LineScanner(kHosts));
        QCOMPARE(run.summary.allowed, 0);
        QVERIFY(QDir().mkpath(dir.filePath(".git")));
        QVERIFY(QDir(dir.filePath("export/.git")).removeRecursively());
        run = scanPaths({dir.filePath("export/wiki/setup.env")}, LineScanner(kHosts));
        QCOMPARE(run.summary.allowed, 2);
        QCOMPARE(run.findings.size(), 0);
    }

    void anAllowlistOthersMayWriteOrOwnIsRefusedAndNamed()
    {
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath("setup.env"),
                      "DATABASE_URL=postgresql://app:Zq8vK2mXr7TnB4wL9pHs@db.prod.internal/app\n"));
        const QString allowlist = dir.filePath(".onramp-scan-ignore");
        QVERIFY(write(allowlist, "path:** -- generated files\n"));
        QVERIFY(QFile::setPermissions(allowlist,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther
                                          | QFileDevice::WriteOther));
        for (const QString& path : {dir.path(), dir.filePath("setup.env")}) {
            const Run run = scanPaths({path}, LineScanner(kHosts));
            QVERIFY2(!run.error, qPrintable(run.error.message));
            QCOMPARE(run.summary.allowed, 0);
            QCOMPARE(run.findings.size(), 2);
            QCOMPARE(run.summary.refusedAllowlists.size(), 1);
            QVERIFY(run.summary.refusedAllowlists.at(0).contains(allowlist));
            QVERIFY(run.summary.refusedAllowlists.at(0).contains(QStringLiteral("may write it")));
        }
        QVERIFY(QFile::setPermissions(allowlist,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        QCOMPARE(scanPaths({dir.path()}, LineScanner(kHosts)).summary.allowed, 2);
        if (::geteuid() != 0)
            return; // only root can give the file to another user
        QCOMPARE(::chown(QFile::encodeName(allowlist).constData(), 65534, 65534), 0);
        const Run run = scanPaths({dir.path()}, LineScanner(kHosts));
        QCOMPARE(run.summary.allowed, 0);
        QCOMPARE(run.summary.refusedAllowlists.size(), 1);
        QVERIFY(run.summary.refusedAllowlists.at(0).contains(QStringLiteral("another user")));
    }

    void ignoredAndBinaryFilesAreStillSearchedForKnownSecrets()
    {
        const QByteArray secret = "Winter2026!prod";
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("wiki/deep")));
        QVERIFY(write(dir.filePath("wiki/.gitignore"), "*.md\nignored/\n"));
        QVERIFY(write(dir.filePath("wiki/plain.md"), "db password: " + secret + "\n"));
        QVERIFY(
            write(dir.filePath("wiki/deep/notes.txt"), QByteArray("# notes\n\0\ndb password: ", 24) + secret + "\n"));
        QVERIFY(QDir().mkpath(dir.filePath("wiki/ignored")));
        QVERIFY(write(dir.filePath("wiki/ignored/blob.bin"), QByteArray("\0\0", 2) + secret + QByteArray("\0", 1)));
        const LineScanner known(
            {}, [&](QByteArrayView candidate) { return candidate == secret ? QStringLiteral("live-pg") : QString(); },
            {int(secret.size())});
        Run run = scanPaths({dir.path()}, known);
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(keys(run.findings, dir.path()),
                 (QStringList{QStringLiteral("wiki/deep/notes.txt:3: known-secret"),
                              QStringLiteral("wiki/ignored/blob.bin:1: known-secret"),
                              QStringLiteral("wiki/plain.md:1: known-secret")}));
        QCOMPARE(run.summary.searchedForKnown, 3);
        QCOMPARE(run.summary.binary, 2);
        QCOMPARE(run.summary.ignored, 2);
        // The rules still leave them out: without known secrets, nothing.
        run = scanPaths({dir.path()}, LineScanner({}));
        QCOMPARE(run.findings.size(), 0);
        QCOMPARE(run.summary.searchedForKnown, 0);
    }

    void aFolderNamedGitThatIsNoRepositoryIsScannedAndARepositoryIsCounted()
    {
        // Only a git directory (HEAD and objects/) is skipped: a folder a
        // wiki export happens to call .git is read as any other, and each
        // one skipped is counted.
        const QByteArray token = "ghp_G1tD1rG1tD1rG1tD1rG1tD1rG1tD1rG1tD1r";
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("wiki/.git")));
        QVERIFY(write(dir.filePath("wiki/.git/notes.md"), "token: " + token + "\n"));
        Run run = scanPaths({dir.path()}, LineScanner({}));
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(keys(run.findings, dir.path()), QStringList{QStringLiteral("wiki/.git/notes.md:1: github-token")});
        QCOMPARE(run.summary.gitDirs, 0);
        QCOMPARE(run.summary.files, 1);

        QVERIFY(QDir().mkpath(dir.filePath("repo/.git/objects/ab")));
        QVERIFY(write(dir.filePath("repo/.git/HEAD"), "ref: refs/heads/main\n"));
        QVERIFY(write(dir.filePath("repo/.git/objects/ab/cdef"), "token: " + token + "\n"));
        run = scanPaths({dir.path()}, LineScanner({}));
        QCOMPARE(keys(run.findings, dir.path()), QStringList{QStringLiteral("wiki/.git/notes.md:1: github-token")});
        QCOMPARE(run.summary.gitDirs, 1);
        QCOMPARE(run.summary.files, 1);
    }

    void aKnownSecretInUtf16TextIsFound_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<qsizetype>("offset"); // bytes before the line that holds it
        for (const char* encoding : {"UTF-16LE", "UTF-16BE"})
            for (const char* secret :
                 {"Zq8vT3kLmN4pR7sW", "Prod:Secret-d41c9e0b", "Grüße-2026-prod", "пароль-2026-прод"})
                for (qsizetype offset :
                     {qsizetype(0), qsizetype(40), Scanner::kBlock - 30, Scanner::kBlock - 17, Scanner::kBlock + 1})
                    QTest::addRow("%s/%s@%lld", encoding, secret, qlonglong(offset))
                        << QString::fromLatin1(encoding) << QString::fromUtf8(secret) << offset;
    }

    void aKnownSecretInUtf16TextIsFound()
    {
        // PowerShell and Windows editors write UTF-16: the known secret's
        // UTF-16 encodings are hashed too, and found in such a file, once,
        // through the block-wise search and the line's; a near miss is not.
        QFETCH(QString, encoding);
        QFETCH(QString, secret);
        QFETCH(qsizetype, offset);
        const bool big = encoding == QLatin1String("UTF-16BE");
        KnownSecretHashes hashes;
        hashes.add(secret.toUtf8(), QStringLiteral("prod-db"));
        hashes.add("hunter2-Prod-77", QStringLiteral("other"));
        const LineScanner known(
            {}, [&](QByteArrayView candidate) { return hashes.lookup(candidate); }, hashes.lengths(), hashes.allText(),
            hashes.wideLengths(), hashes.wideAreLatin1());
        QString text = QStringLiteral("\uFEFF");
        while (text.size() * 2 < offset)
            text += QStringLiteral("Set-Location C:\\work\r\n");
        text.truncate(qMax<qsizetype>(1, offset / 2));
        text += QStringLiteral("\r\n$db = \"") + secret + QStringLiteral("\"\r\n# near miss: x") + secret
            + QStringLiteral(" and ") + secret.chopped(1) + QStringLiteral("\r\n");
        const int line = int(text.count(QLatin1Char('\n')) - 1);
        QByteArray bytes;
        for (QChar c : std::as_const(text)) {
            const char low = char(c.unicode() & 0xff);
            const char high = char(c.unicode() >> 8);
            bytes += big ? QByteArray{&high, 1} + QByteArray{&low, 1} : QByteArray{&low, 1} + QByteArray{&high, 1};
        }
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath("setup.ps1"), bytes));
        const Run run = scanPaths({dir.path()}, known);
        QVERIFY2(!run.error, qPrintable(run.error.message));
        // Of Latin-1 secrets (every one typed on a Western keyboard) the
        // bounds are a secret's in UTF-8 text; of others, a candidate needs
        // only a NUL byte or a delimiter on each side, and "x" + the secret
        // may be found too.
        if (hashes.wideAreLatin1())
            QCOMPARE(run.findings.size(), 1);
        QVERIFY(!run.findings.isEmpty());
        const Finding& f = run.findings.at(0);
        QCOMPARE(f.rule, QStringLiteral("known-secret"));
        QCOMPARE(f.credentialId, QStringLiteral("prod-db"));
        QCOMPARE(f.line, line);
        if (hashes.wideAreLatin1()) {
            QCOMPARE(f.column, 8); // $db = "
            QVERIFY2(f.excerpt.startsWith(QStringLiteral("$db = \"")) && f.excerpt.endsWith(QStringLiteral("…\"")),
                     qPrintable(f.excerpt));
        }
        QVERIFY2(!f.excerpt.contains(QChar(0)), qPrintable(f.excerpt));
        QVERIFY2(!f.excerpt.contains(secret.left(5)), qPrintable(f.excerpt));
        QCOMPARE(run.summary.searchedForKnown, 1);
    }

    void knownSecretHashesKeepTheUtf16EncodingsAsTheyAreFound()
    {
        KnownSecretHashes hashes;
        hashes.add("Zq8v", QStringLiteral("a"));
        QCOMPARE(hashes.wideLengths(), QList<int>{7});
        QVERIFY(hashes.wideAreLatin1());
        QCOMPARE(hashes.lookup(QByteArray("Z\0q\0"
                                          "8\0v",
                                          7)),
                 QStringLiteral("a"));
        QVERIFY(hashes
                    .lookup(QByteArray("Z\0q\0"
                                       "8\0v\0",
                                       8))
                    .isEmpty());
        QVERIFY(hashes
                    .lookup(QByteArray("Z\0q\0"
                                       "8\0w",
                                       7))
                    .isEmpty());
        hashes.add("\xd0\xbf", QStringLiteral("cyrillic")); // п, U+043F
        QVERIFY(!hashes.wideAreLatin1());
        QCOMPARE(hashes.lookup(QByteArray("\x3f\x04", 2)), QStringLiteral("cyrillic"));
        QCOMPARE(hashes.lookup(QByteArray("\x04\x3f", 2)), QStringLiteral("cyrillic"));
        // Bytes that are not UTF-8 have no UTF-16 encoding.
        hashes.add(QByteArray("\xff\xfe\x01", 3), QStringLiteral("binary"));
        QCOMPARE(hashes.wideLengths(), (QList<int>{2, 7}));
    }

    void allowlistByFingerprint()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(testDataPath(QStringLiteral("scan-allowlist/notes.md")), dir.filePath("notes.md")));
        Run run = scanPaths({dir.path()}, LineScanner({}));
        QCOMPARE(run.findings.size(), 3);
        const QString print = run.findings.at(2).fingerprint;
        QCOMPARE(print.size(), 16);
        QVERIFY(write(dir.filePath(".onramp-scan-ignore"),
                      "fingerprint:" + print.toLatin1() + " -- the how-to's token, revoked on 2026-11-02\n"));
        run = scanPaths({dir.path()}, LineScanner({}));
        QCOMPARE(run.findings.size(), 2);
        QVERIFY(run.findings.at(0).rule == QLatin1String("high-entropy-secret"));
    }

    void allowlistLineWithoutReasonIsAnErrorNamingFileAndLine()
    {
        const QString root = testDataPath(QStringLiteral("scan-allowlist-broken"));
        const Run run = scanPaths({testDataPath(QStringLiteral("scan")), root}, LineScanner(kHosts));
        QCOMPARE(run.error.kind, ErrorKind::InvalidInput);
        QVERIFY2(run.error.message.contains(root + QStringLiteral("/.onramp-scan-ignore:2")),
                 qPrintable(run.error.message));
        QVERIFY(run.findings.isEmpty()); // nothing scanned, not even the first path
    }

    void missingPathIsAnErrorNamingIt()
    {
        const Run run = scanPaths({testDataPath(QStringLiteral("scan/nothing-here"))}, LineScanner({}));
        QCOMPARE(run.error.kind, ErrorKind::InvalidInput);
        QVERIFY(run.error.message.contains(QStringLiteral("nothing-here")));
    }

    void symlinksAreNotFollowed()
    {
        QTemporaryDir tree;
        QTemporaryDir outside;
        QVERIFY(write(outside.filePath("leak.txt"), "token = ghp_0utS1d30utS1d30utS1d30utS1d30utS1d3\n"));
        QVERIFY(write(tree.filePath("readme.md"), "Nothing to see.\n"));
        QVERIFY(QFile::link(outside.filePath("leak.txt"), tree.filePath("linked.txt")));
        QVERIFY(QFile::link(outside.path(), tree.filePath("linked-folder")));
        const Run run = scanPaths({tree.path()}, LineScanner({}));
        QVERIFY(!run.error);
        QVERIFY(run.findings.isEmpty());
        QCOMPARE(run.summary.symlinks, 2);
        QCOMPARE(run.summary.files, 1);
    }

    void hugeLineIsReadInPiecesAndATokenAcrossACutIsFound()
    {
        QTemporaryDir dir;
        const QByteArray token = "ghp_Cu7sCu7sCu7sCu7sCu7sCu7sCu7sCu7sCu7s";
        QByteArray line(Scanner::kMaxLine - 10, 'a');
        line += ' ' + token + ' ';
        line += QByteArray(3 * Scanner::kMaxLine, 'b');
        line += " " + token + "\nnext line\n";
        QVERIFY(write(dir.filePath("huge.txt"), line));
        const Run run = scanPaths({dir.path()}, LineScanner({}));
        QCOMPARE(run.findings.size(), 2);
        QCOMPARE(run.findings.at(0).column, Scanner::kMaxLine - 10 + 2);
        QCOMPARE(run.findings.at(1).line, 1);
        QVERIFY(run.findings.at(1).column > 4 * Scanner::kMaxLine);
        QVERIFY(run.findings.at(0).excerpt.size() <= 102);
    }

    void aProgressThatSaysStopEndsTheScanWithWhatItFound()
    {
        QTemporaryDir dir;
        for (const char* name : {"a.md", "b.md", "c.md"})
            QVERIFY(
                write(dir.filePath(QString::fromLatin1(name)), "token: ghp_St0pSt0pSt0pSt0pSt0pSt0pSt0pSt0pSt0p\n"));
        const LineScanner lines({});
        Scanner scanner(lines);
        QList<qint64> seen;
        scanner.setProgress([&](const ScanSummary& summary) {
            seen.append(summary.files);
            return false;
        });
        QList<Finding> findings;
        ScanSummary summary;
        QVERIFY(!scanner.scan(
            {dir.path()}, [&](const Finding& f) { findings.append(f); }, &summary));
        QVERIFY(summary.stopped);
        QCOMPARE(seen, QList<qint64>{1});
        QCOMPARE(summary.files, 1);
        QCOMPARE(findings.size(), 1);
        QVERIFY(findings.at(0).file.endsWith(QStringLiteral("/a.md")));

        // Without a stop, each file.
        scanner.setProgress([](const ScanSummary&) { return true; });
        findings.clear();
        QVERIFY(!scanner.scan(
            {dir.path()}, [&](const Finding& f) { findings.append(f); }, &summary));
        QVERIFY(!summary.stopped);
        QCOMPARE(summary.files, 3);
        QCOMPARE(findings.size(), 3);
    }

    void knownSecretAtABlockEdgeIsFoundOnceWithItsLineAndColumn_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qsizetype>("offset");
        const qsizetype b = Scanner::kBlock;
        const qsizetype n = 15; // the secret's length
        for (const char* kind : {"text", "ignored", "binary", "binary-one-line"})
            for (qsizetype offset :
                 {qsizetype(40), b - n - 2, b - n - 1, b - n, b - n + 1, b - 8, b - 1, b, b + 1, 2 * b - 7, 3 * b + 11})
                QTest::addRow("%s@%lld", kind, qlonglong(offset)) << QString::fromLatin1(kind) << offset;
    }

    void knownSecretAtABlockEdgeIsFoundOnceWithItsLineAndColumn()
    {
        // The known secrets are searched for in each block at once; a secret
        // across the edge of two blocks, or just before or after it, is
        // still found, once, at its line and column.
        QFETCH(QString, kind);
        QFETCH(qsizetype, offset);
        const QByteArray secret = "Winter2026!prod";
        QByteArray bytes;
        const bool oneLine = kind == QLatin1String("binary-one-line");
        const QByteArray filler = oneLine ? QByteArray("abc\0def ghij\0") : QByteArray("the hire reads it\n");
        if (kind.startsWith(QLatin1String("binary")))
            bytes += '\0';
        while (bytes.size() < offset - 1)
            bytes += filler;
        bytes.truncate(offset - 1);
        bytes += ' ';
        bytes += secret;
        bytes += " and more\n";
        while (bytes.size() < offset + 2 * Scanner::kBlock)
            bytes += filler;
        const qsizetype lineStart = bytes.lastIndexOf('\n', offset) + 1;
        const QString expected =
            QStringLiteral("%1:%2 live-pg").arg(bytes.first(offset).count('\n') + 1).arg(offset - lineStart + 1);

        QTemporaryDir dir;
        if (kind == QLatin1String("ignored"))
            QVERIFY(write(dir.filePath(".gitignore"), "*.log\n"));
        QVERIFY(write(dir.filePath(kind == QLatin1String("ignored") ? "notes.log" : "notes.txt"), bytes));
        const LineScanner known(
            {}, [&](QByteArrayView candidate) { return candidate == secret ? QStringLiteral("live-pg") : QString(); },
            {int(secret.size())});
        const Run run = scanPaths({dir.path()}, known);
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(knownFound(run.findings), QStringList{expected});
        QCOMPARE(run.summary.searchedForKnown, kind == QLatin1String("text") ? 0 : 1);
        QCOMPARE(run.summary.bytes, bytes.size() + (kind == QLatin1String("ignored") ? 6 : 0));
    }

    void knownSecretsAreFoundAsLineByLineWouldFindThem_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<quint32>("seed");
        for (const char* kind : {"text", "binary"})
            for (quint32 seed : {1u, 2u, 3u, 4u, 5u, 6u})
                QTest::addRow("%s/%u", kind, seed) << QString::fromLatin1(kind) << seed;
    }

    void knownSecretsAreFoundAsLineByLineWouldFindThem()
    {
        // Random files of words, delimiters, line breaks, NUL bytes, the
        // secrets and near misses of them (a byte more, a byte less, inside
        // a longer word), over several blocks: the scan finds what a search
        // of each line alone finds, no more, no less.
        QFETCH(QString, kind);
        QFETCH(quint32, seed);
        const QList<QByteArray> secrets = {"Winter2026!prod", "hunter2-Prod-77", "sk_live_51HqLyjWDarjtT1zdp7dcXGgW"};
        const QList<QByteArray> pieces = {"Winter2026!prod",
                                          "hunter2-Prod-77",
                                          "sk_live_51HqLyjWDarjtT1zdp7dcXGgW",
                                          "Winter2026!pro",
                                          "xhunter2-Prod-77",
                                          "sk_live_51HqLyjWDarjtT1zdp7dcXGgWW",
                                          "word",
                                          "another",
                                          "\n",
                                          "\r\n",
                                          " ",
                                          "=",
                                          ":",
                                          "\"",
                                          "'",
                                          ".",
                                          "!",
                                          "\t",
                                          "/",
                                          "@",
                                          "é",
                                          "\xff\xfe"};
        QRandomGenerator random(seed);
        QByteArray bytes = kind == QLatin1String("binary") ? QByteArray("\0", 1) : QByteArray();
        while (bytes.size() < 3 * Scanner::kBlock + 1234) {
            bytes += pieces.at(int(random.bounded(pieces.size())));
            if (kind == QLatin1String("binary") && random.bounded(8) == 0)
                bytes += '\0';
        }
        const LineScanner known({},
                                [&](QByteArrayView candidate) {
                                    const qsizetype i = secrets.indexOf(candidate.toByteArray());
                                    return i < 0 ? QString() : QStringLiteral("cred-%1").arg(i);
                                },
                                {15, 15, 33});
        const QStringList expected = knownLineByLine(bytes, known);
        QVERIFY(expected.size() > 50);

        QTemporaryDir dir;
        QVERIFY(write(dir.filePath("random.txt"), bytes));
        const Run run = scanPaths({dir.path()}, known);
        QVERIFY2(!run.error, qPrintable(run.error.message));
        QCOMPARE(knownFound(run.findings), expected);
    }

    void knownSecretHashesNameOnlyTheSecretsThemselves()
    {
        KnownSecretHashes hashes;
        QVERIFY(hashes.isEmpty());
        QVERIFY(hashes.lookup("anything").isEmpty());
        hashes.add("hunter2-Prod-77", QStringLiteral("prod-db"));
        hashes.add("Winter2026!prod", QStringLiteral("live-pg"));
        hashes.add("sk_live_51HqLyjWDarjtT1zdp7dcXGgW", QStringLiteral("stripe"));
        QVERIFY(!hashes.isEmpty());
        QCOMPARE(hashes.lengths(), (QList<int>{15, 33}));
        QCOMPARE(hashes.lookup("hunter2-Prod-77"), QStringLiteral("prod-db"));
        QCOMPARE(hashes.lookup("Winter2026!prod"), QStringLiteral("live-pg"));
        QCOMPARE(hashes.lookup("sk_live_51HqLyjWDarjtT1zdp7dcXGgW"), QStringLiteral("stripe"));
        for (const char* miss : {"hunter2-Prod-78", "Hunter2-Prod-77", "hunter2-Prod-7", "hunter2-Prod-777", ""})
            QVERIFY2(hashes.lookup(miss).isEmpty(), miss);
        QVERIFY(hashes.allText());
        hashes.add(QByteArray("pass\x01word", 9), QStringLiteral("odd"));
        QVERIFY(!hashes.allText());
        QCOMPARE(hashes.lookup(QByteArray("pass\x01word", 9)), QStringLiteral("odd"));
    }

    void knownSecretsOfTextAreFoundInABinaryFileWhoseOtherCandidatesHoldControlBytes()
    {
        // With secrets that hold no control byte, a candidate with one is not
        // looked up; the secret beside it still is.
        const QByteArray secret = "Winter2026!prod";
        QByteArray bytes("\0\x01\x02", 3);
        for (int i = 0; i < 3000; ++i)
            bytes += QByteArray("\0Winter2026\x01prod\0", 17) + QByteArray("\0Winter2026!pro\x7f\0", 18);
        bytes += QByteArray("\0", 1) + secret + QByteArray("\0", 1);
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath("blob.bin"), bytes));
        int lookups = 0;
        const LineScanner known(
            {},
            [&](QByteArrayView candidate) {
                ++lookups;
                return candidate == secret ? QStringLiteral("live-pg") : QString();
            },
            {int(secret.size())}, true);
        const Run run = scanPaths({dir.path()}, known);
        QCOMPARE(knownFound(run.findings), QStringList{QStringLiteral("1:%1 live-pg").arg(bytes.size() - 15)});
        QVERIFY2(lookups < 100, qPrintable(QString::number(lookups)));
    }

    void productionHostsAsCommandLineArgumentsAndLiteralPasswords_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("kinds");
        const QStringList host{QStringLiteral("production-host")};
        const QStringList password{QStringLiteral("password-assignment")};
        const QStringList none;
        QTest::newRow("psql -h") << "psql -h db.prod.internal -U readonly" << host;
        QTest::newRow("-hHOST") << "pg_dump -hdb.prod.internal app > app.sql" << host;
        QTest::newRow("--host HOST") << "mysql --host db.prod.internal -u app" << host;
        QTest::newRow("--host=HOST") << "mysql --host=db.prod.internal -u app" << host;
        QTest::newRow("--hostname=HOST") << "redis-cli --hostname=cache.prod.example.com" << host;
        QTest::newRow("DSN host=") << "psql 'host=db.prod.internal dbname=app user=ro'" << host;
        QTest::newRow("ssh Host") << "Host db.prod.internal" << host;
        QTest::newRow("ssh HostName") << "    HostName db.prod.internal" << host;
        QTest::newRow("ssh user@HOST") << "ssh deploy@db.prod.internal" << host;
        QTest::newRow("scp to user@HOST:") << "scp dump.sql deploy@db.prod.internal:/tmp/" << host;
        QTest::newRow("rsync -a to user@HOST:") << "rsync -a ./build/ deploy@api.prod.example.com:app/" << host;
        QTest::newRow("ssh -J, then user@HOST") << "ssh -J me@bastion.example.com deploy@db.prod.internal" << host;
        QTest::newRow("scp from one, to user@HOST:") << "scp a@x.example.com:/f deploy@db.prod.internal:/y" << host;
        QTest::newRow("ssh to another host") << "ssh deploy@db.staging.internal" << none;
        QTest::newRow("an address in prose") << "write to oncall@db.prod.internal" << none;
        QTest::newRow("-h of another host") << "psql -h db.staging.internal -U readonly" << none;
        QTest::newRow("a word with -h") << "a well-hidden db.prod.internal" << none;
        QTest::newRow("yaml password") << "password: hunter2hunter2" << password;
        QTest::newRow("env PASSWORD=") << "PGPASSWORD=hunter2hunter2 psql -U app" << password;
        QTest::newRow("export DB_PASS=") << "export DB_PASS='s3cr3t-pw'" << password;
        QTest::newRow("json") << "{\"user\": \"app\", \"password\": \"Summer2024!\"}" << password;
        QTest::newRow("python") << "db_password = \"hunter2hunter2\"" << password;
        QTest::newRow("MYSQL_PWD") << "MYSQL_PWD=Pa55word!" << password;
        QTest::newRow("comment after") << "password: hunter2hunter2  # rotate in May" << password;
        QTest::newRow("<password>") << "password: <password>" << none;
        QTest::newRow("${VAR}") << "PASSWORD=${DB_PASSWORD}" << none;
        QTest::newRow("$VAR") << "PGPASSWORD=$PGPASS psql" << none;
        QTest::newRow("changeme") << "password: changeme123" << none;
        QTest::newRow("xxx") << "password: xxxxxxxx" << none;
        QTest::newRow("stars") << "password=********" << none;
        QTest::newRow("{{ }}") << "password: \"{{ vault_db_password }}\"" << none;
        QTest::newRow("ansible vault") << "password: !vault |" << none;
        QTest::newRow("a path") << "password_file: /run/secrets/db" << none;
        QTest::newRow("a schema's type") << "password: string" << none;
        QTest::newRow("prose") << "Reset your password: click the link in 2 minutes" << none;
        QTest::newRow("code") << "password = os.environ.get(\"PW\")" << none;
        QTest::newRow("a name only beginning so") << "password_length: 123456" << none;
        QTest::newRow("short") << "password: ab12" << none;
        QTest::newRow("a flag") << "PASSWORD=--prompt" << none;
    }

    // A line made to cost the remote-login rule: many commands and no login.
    // Each pass of the rule is linear in the line, so it ends, and finds the
    // one login at its end.
    void aLongLineOfCommandsEndsAndFindsItsLogin()
    {
        QByteArray line;
        while (line.size() < 60 * 1024)
            line += "ssh.";
        line += " @ deploy@db.prod.internal";
        QStringList found;
        for (const LineHit& hit : LineScanner(kHosts).scan(line))
            found << hit.rule;
        QCOMPARE(found, QStringList{QStringLiteral("production-host")});
    }

    void productionHostsAsCommandLineArgumentsAndLiteralPasswords()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, kinds);
        QStringList found;
        for (const LineHit& hit : LineScanner(kHosts).scan(line.toUtf8()))
            found << hit.rule;
        QCOMPARE(found, kinds);
    }

    void aHowToWithAHostArgumentAndAKnownPasswordGivesBoth()
    {
        // An app walk's notes.md: the host given to psql is a production
        // host; the password, a known secret, is named as one, once.
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath("notes.md"),
                      "Connect with:\n\n    psql -h db.prod.internal -U readonly\n    password: hunter2hunter2\n"));
        const QByteArray secret = "hunter2hunter2";
        const LineScanner known(
            kHosts,
            [&](QByteArrayView candidate) { return candidate == secret ? QStringLiteral("prod-db") : QString(); },
            {int(secret.size())});
        Run run = scanPaths({dir.path()}, known);
        QCOMPARE(
            keys(run.findings, dir.path()),
            (QStringList{QStringLiteral("notes.md:3: production-host"), QStringLiteral("notes.md:4: known-secret")}));
        QCOMPARE(run.findings.at(0).host, QStringLiteral("db.prod.internal"));
        QCOMPARE(run.findings.at(0).column, 13);
        // A hire's scan (no known secret) names the literal password.
        run = scanPaths({dir.path()}, LineScanner(kHosts));
        QCOMPARE(keys(run.findings, dir.path()),
                 (QStringList{QStringLiteral("notes.md:3: production-host"),
                              QStringLiteral("notes.md:4: password-assignment")}));
        QCOMPARE(run.findings.at(1).excerpt, QStringLiteral("password: hun…"));
    }

    void knownSecretIsMatchedThroughTheLookup()
    {
        const QByteArray secret = "Prod:Secret-d41c9e0b";
        const LineScanner lines(
            {}, [&](QByteArrayView candidate) { return candidate == secret ? QStringLiteral("prod-db") : QString(); },
            {int(secret.size())});
        const QList<LineHit> hits = lines.scan("export PGPASSWORD=Prod:Secret-d41c9e0b.");
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.at(0).rule, QStringLiteral("known-secret"));
        QCOMPARE(hits.at(0).credentialId, QStringLiteral("prod-db"));
        QCOMPARE(hits.at(0).column, 18);
        // A byte more is not the secret (a literal password still).
        for (const LineHit& hit : lines.scan("export PGPASSWORD=Prod:Secret-d41c9e0bX"))
            QCOMPARE(hit.rule, QStringLiteral("password-assignment"));
        const QString shown =
            LineScanner::excerpt(QStringLiteral("export PGPASSWORD=Prod:Secret-d41c9e0b."), hits, hits.at(0));
        QCOMPARE(shown, QStringLiteral("export PGPASSWORD=Prod…."));
    }

    void ignorePatternsOfTheSupportedSubset_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");
        QTest::newRow("name anywhere") << "*.log"
                                       << "a/b/c.log" << false << true;
        QTest::newRow("anchored") << "/top.txt"
                                  << "a/top.txt" << false << false;
        QTest::newRow("anchored at root") << "/top.txt"
                                          << "top.txt" << false << true;
        QTest::newRow("dir only, on a file") << "build/"
                                             << "build" << false << false;
        QTest::newRow("dir only, on a dir") << "build/"
                                            << "a/build" << true << true;
        QTest::newRow("middle slash anchors") << "doc/*.md"
                                              << "x/doc/a.md" << false << false;
        QTest::newRow("double star") << "**/secrets/*.env"
                                     << "a/b/secrets/x.env" << false << true;
        QTest::newRow("class") << "file[0-9].txt"
                               << "file7.txt" << false << true;
        QTest::newRow("star stays in a name") << "a*.txt"
                                              << "a/b.txt" << false << false;
    }

    void ignorePatternsOfTheSupportedSubset()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(".gitignore"), pattern.toUtf8() + "\n"));
        GitIgnore rules;
        rules.enter(dir.path(), QString());
        QCOMPARE(rules.ignored(path, isDir), ignored);
    }
};

QTEST_GUILESS_MAIN(TestScanner)
#include "TestScanner.moc"
