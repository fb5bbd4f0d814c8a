// bench_scan [--dir DIR] [--keep] [MB]: the scanner's throughput over a
// generated tree of mixed text (Markdown, YAML, shell, JSON notebooks,
// .env files, a few secrets sown in), next to `cat > /dev/null` of the
// same tree; then the findings over the project's own repository and its
// docs/, every one a false positive (the repository holds no secret; the
// seeded corpus is left out by the repository's .onramp-scan-ignore).
//
// bench_scan --tree DIR [RUNS]: the same figures over a tree that exists,
// such as a work tree whose ignored build/ folder holds build output: the
// files .gitignore leaves out and the binary ones are searched for the
// known secrets only, which is most of the bytes of such a tree.
#include "scan/KnownSecrets.h"
#include "scan/Scanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace onramp;
using namespace onramp::scan;

namespace {

const QStringList kHosts = {QStringLiteral("db.prod.internal"), QStringLiteral("*.prod.example.com")};

QByteArray words(QRandomGenerator& random, int count)
{
    static const QList<QByteArray> vocabulary = {
        "the",  "hire",  "reads",   "handbook", "database", "sandbox", "mentor", "step",  "review", "deploy",
        "team", "first", "service", "config",   "with",     "and",     "runs",   "tests", "before", "merging"};
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        out += vocabulary.at(int(random.bounded(vocabulary.size())));
        out += ' ';
    }
    return out;
}

// One file of about \a bytes, of the kind its index says.
QByteArray makeFile(QRandomGenerator& random, int kind, qint64 bytes)
{
    QByteArray out;
    int line = 0;
    while (out.size() < bytes) {
        ++line;
        switch (kind) {
        case 0: // Markdown
            if (line % 40 == 1)
                out += "## " + words(random, 4) + "\n";
            else
                out += words(random, 12) + "\n";
            if (line % 997 == 0)
                out += "    postgres://app:S3cr3t-" + QByteArray::number(line) + "@db.prod.internal/app\n";
            break;
        case 1: // YAML
            out += "  step_" + QByteArray::number(line) + ":\n    title: " + words(random, 5) + "\n    host: api-"
                + QByteArray::number(line % 7) + ".sandbox.internal\n";
            break;
        case 2: // shell
            out += "run_step " + QByteArray::number(line) + " --name \"" + words(random, 3) + "\" && echo ok\n";
            if (line % 1499 == 0)
                out += "export API_TOKEN=Zr8Lq3Xm9Tv2Wn7Pb4Kc" + QByteArray::number(line) + "\n";
            break;
        default: // a notebook's JSON
            out += "    \"" + words(random, 8) + "\\n\",\n";
            if (line % 2003 == 0)
                out += "    \"token = 'ghp_R8mXw2Lq9ZtV4bN7cK1pJ6hY3sD0fG5aE2uI'\\n\",\n";
            break;
        }
    }
    return out;
}

bool generate(const QString& dir, qint64 totalBytes)
{
    QRandomGenerator random(42);
    static const char* const extensions[] = {".md", ".yaml", ".sh", ".ipynb"};
    qint64 written = 0;
    for (int i = 0; written < totalBytes; ++i) {
        const QString folder = dir + QStringLiteral("/d%1").arg(i / 100);
        QDir().mkpath(folder);
        const int kind = i % 4;
        const qint64 size = 64 * 1024 + qint64(random.bounded(960 * 1024));
        QFile file(folder + QStringLiteral("/f%1").arg(i) + QLatin1String(extensions[kind]));
        const QByteArray bytes = makeFile(random, kind, size);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return false;
        written += bytes.size();
    }
    return true;
}

double catSeconds(const QString& dir)
{
    QElapsedTimer timer;
    timer.start();
    QProcess::execute(QStringLiteral("sh"),
                      {QStringLiteral("-c"), QStringLiteral("find \"$0\" -type f -exec cat {} + > /dev/null"), dir});
    return double(timer.nsecsElapsed()) / 1e9;
}

struct Measured {
    double seconds = 0;
    ScanSummary summary;
    QList<Finding> findings;
};

Measured scanTree(const QStringList& paths, const LineScanner& lines, bool keep)
{
    Measured m;
    Scanner scanner(lines);
    QElapsedTimer timer;
    timer.start();
    const Error e = scanner.scan(
        paths,
        [&](const Finding& f) {
            if (keep)
                m.findings.append(f);
        },
        &m.summary);
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (e)
        std::fprintf(stderr, "bench_scan: %s\n", qPrintable(e.message));
    return m;
}

qint64 total(const ScanSummary& summary)
{
    qint64 n = 0;
    for (int count : summary.counts)
        n += count;
    return n;
}

// An admin's scan: three known secrets, held as VaultScan holds them.
KnownSecretHashes threeSecrets()
{
    KnownSecretHashes known;
    for (const QByteArray& secret : {QByteArray("Prod:Secret-d41c9e0b"), QByteArray("hunter2-Prod-77"),
                                     QByteArray("sk_live_51HqLyjWDarjtT1zdp7dcXGgW")})
        known.add(secret, QStringLiteral("cred"));
    return known; // 15, 20 and 33 bytes
}

struct AdminsLines {
    KnownSecretHashes known = threeSecrets();
    LineScanner lines{kHosts,
                      [this](QByteArrayView c) { return known.lookup(c); },
                      known.lengths(),
                      known.allText(),
                      known.wideLengths(),
                      known.wideAreLatin1()};
};

void printRun(const char* what, const Measured& m)
{
    const double mb = double(m.summary.bytes) / (1024.0 * 1024.0);
    std::printf("| %s | %lld | %lld | %.0f | %.2f | %.1f |\n", what, m.summary.files, m.summary.searchedForKnown, mb,
                m.seconds, mb / m.seconds);
}

// bench_scan --tree DIR [RUNS]
int benchTree(const QString& dir, int runs)
{
    catSeconds(dir);
    const LineScanner patterns(kHosts);
    const AdminsLines admins;
    std::printf("tree: %s\n\n", qPrintable(dir));
    std::printf("| what | files read by the rules | files searched for known secrets only | MiB read | seconds | "
                "MiB/s |\n|---|---|---|---|---|---|\n");
    for (int run = 0; run < runs; ++run) {
        const double cat = catSeconds(dir);
        const Measured plain = scanTree({dir}, patterns, false);
        const Measured withKnown = scanTree({dir}, admins.lines, false);
        const double all = double(withKnown.summary.bytes) / (1024.0 * 1024.0);
        std::printf("| cat > /dev/null (every file) | | | %.0f | %.2f | %.0f |\n", all, cat, all / cat);
        printRun("scan, patterns and hosts", plain);
        printRun("scan, and 3 known secrets", withKnown);
        std::fflush(stdout);
    }
    return 0;
}

void printFalsePositives(const QString& label, const QString& path, const LineScanner& lines)
{
    const Measured m = scanTree({path}, lines, true);
    QStringList kinds;
    for (auto it = m.summary.counts.cbegin(); it != m.summary.counts.cend(); ++it)
        kinds << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    std::printf("| %s | %lld | %lld | %lld | %s |\n", qPrintable(label), m.summary.files, qint64(m.findings.size()),
                m.summary.allowed, qPrintable(kinds.join(QStringLiteral(", "))));
    for (const Finding& f : m.findings)
        std::printf("    %s:%lld: %s: %s\n", qPrintable(f.file), f.line, qPrintable(f.rule), qPrintable(f.excerpt));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString dir;
    QString tree;
    bool keep = false;
    qint64 number = -1; // MB, or --tree's RUNS; -1: none given
    bool usable = true;
    for (int i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--dir") && i + 1 < args.size())
            dir = args.at(++i);
        else if (args.at(i) == QLatin1String("--tree") && i + 1 < args.size())
            tree = args.at(++i);
        else if (args.at(i) == QLatin1String("--keep"))
            keep = true;
        else
            number = args.at(i).toLongLong(&usable);
    }
    const qint64 megabytes = number > 0 ? number : 256;
    if (!usable || number == 0 || number < -1) {
        std::fprintf(stderr, "usage: bench_scan [--dir DIR] [--keep] [MB] | --tree DIR [RUNS]\n");
        return 2;
    }
    if (!tree.isEmpty()) {
        if (!QFileInfo(tree).isDir()) {
            std::fprintf(stderr, "bench_scan: --tree %s: no such folder\n", qPrintable(tree));
            return 2;
        }
        return benchTree(tree, number > 0 ? int(number) : 1);
    }
    QTemporaryDir temporary;
    if (dir.isEmpty())
        dir = temporary.path();
    temporary.setAutoRemove(!keep);
    if (!QFileInfo::exists(dir + QStringLiteral("/d0")) && !generate(dir, megabytes * 1024 * 1024)) {
        std::fprintf(stderr, "bench_scan: cannot write the tree in %s\n", qPrintable(dir));
        return 1;
    }

    // Warm the page cache once, so both figures read from memory.
    catSeconds(dir);
    const double cat = catSeconds(dir);
    const LineScanner patterns(kHosts);
    const Measured plain = scanTree({dir}, patterns, false);

    const AdminsLines admins;
    const Measured withKnown = scanTree({dir}, admins.lines, false);

    const double mb = double(plain.summary.bytes) / (1024.0 * 1024.0);
    std::printf("tree: %s, %lld files, %.0f MiB\n\n", qPrintable(dir), plain.summary.files, mb);
    std::printf("| what | seconds | MiB/s |\n|---|---|---|\n");
    std::printf("| cat > /dev/null | %.2f | %.0f |\n", cat, mb / cat);
    std::printf("| scan, patterns and hosts | %.2f | %.1f |\n", plain.seconds, mb / plain.seconds);
    std::printf("| scan, and 3 known secrets | %.2f | %.1f |\n\n", withKnown.seconds, mb / withKnown.seconds);
    std::printf("findings in the generated tree: %lld (patterns), %lld (with known secrets)\n\n", total(plain.summary),
                total(withKnown.summary));

    std::printf("False positives (production_hosts: %s):\n\n", qPrintable(kHosts.join(QStringLiteral(", "))));
    std::printf("| tree | files | findings | allowed | by rule |\n|---|---|---|---|---|\n");
    const QString source = QStringLiteral(ONRAMP_SOURCE_DIR);
    printFalsePositives(QStringLiteral("repository"), source, patterns);
    printFalsePositives(QStringLiteral("docs/"), source + QStringLiteral("/docs"), patterns);
    return 0;
}
