// Start-up of a headless command against its references, side by side in one
// run: a Qt Core-only program, a bare Qt Quick window (to its first frame),
// `onramp --version`, `--help`, a usage error (`person add` without its
// NAME) and `onramp status` (unlocking a small vault, a hire
// enrolled on the example checklist, whose slots use the test KDF when the
// build has test switches). For each: the median and the fastest wall time
// of RUNS starts, the median CPU time (user and system: less disturbed by
// other load than the wall time), and the shared libraries the dynamic
// loader brought in (LD_DEBUG=libs). Then the app's own start: the bare
// window grabbed into a PNG against `onramp --screenshot` of the welcome page
// (its first frame at rest, grabbed the same way) and of the demo's home page
// (a fresh demo vault each run, signed in as its hire), with the peak RSS.
// With --before PATH, the same rows of another build's onramp (PATH, its
// lib/onramp beside its bin/) run alternately with this one's, in the same
// minute: a before-and-after that the load of a shared machine disturbs less.
// Usage: bench_start [RUNS] [--before PATH/bin/onramp]   (default 30 runs)
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

struct Program {
    const char* label;
    QStringList command;
    int exitCode = 0; ///< what it exits with when it works as measured
};

/// Runs \a command with stdout and stderr to /dev/null and \a extraEnv added;
/// returns its exit code, in \a cpuMs the CPU time it used, user and system,
/// and in \a peakKiB its peak resident memory.
int spawn(const QStringList& command, const QStringList& extraEnv = {}, double* cpuMs = nullptr,
          long* peakKiB = nullptr)
{
    std::vector<QByteArray> argBytes;
    for (const QString& arg : command)
        argBytes.push_back(QFile::encodeName(arg));
    std::vector<char*> argv;
    for (QByteArray& arg : argBytes)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envBytes;
    for (char** e = environ; *e; ++e)
        envBytes.emplace_back(*e);
    for (const QString& e : extraEnv)
        envBytes.push_back(e.toLocal8Bit());
    std::vector<char*> envp;
    for (QByteArray& e : envBytes)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int failed = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (failed)
        return -1;
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (cpuMs)
        *cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    if (peakKiB)
        *peakKiB = usage.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// The shared libraries one run of \a command loads, as the dynamic loader reports them.
int librariesLoaded(const QStringList& command, const QString& scratch)
{
    const QString prefix = QDir(scratch).filePath(QStringLiteral("ld"));
    spawn(command, {QStringLiteral("LD_DEBUG=libs"), QStringLiteral("LD_DEBUG_OUTPUT=") + prefix});
    int count = 0;
    const QDir dir(scratch);
    for (const QString& name : dir.entryList({QStringLiteral("ld.*")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            count += int(file.readAll().count("calling init:"));
        file.remove();
    }
    return count;
}

/// Times each of \a programs \a runs times and prints one row each, against
/// the first. The programs take turns, run by run, so that a change of load
/// on a shared machine falls on every row alike.
bool table(const std::vector<Program>& programs, int runs, const QString& scratch, const char* versus)
{
    std::printf("%-22s %10s %8s %10s %8s %8s %9s %9s\n", "program", "median ms", versus, "fastest ms", versus, "CPU ms",
                "peak MiB", "libraries");
    for (const Program& program : programs) {
        if (spawn(program.command) != program.exitCode) {
            std::fprintf(stderr, "bench_start: %s failed\n", program.label);
            return false;
        }
    }
    std::vector<std::vector<double>> times(programs.size());
    std::vector<std::vector<double>> cpu(programs.size());
    std::vector<long> peakKiB(programs.size(), 0);
    for (int i = 0; i < runs; ++i) {
        for (std::size_t p = 0; p < programs.size(); ++p) {
            QElapsedTimer timer;
            timer.start();
            double cpuMs = 0;
            long peak = 0;
            spawn(programs[p].command, {}, &cpuMs, &peak);
            times[p].push_back(double(timer.nsecsElapsed()) / 1e6);
            cpu[p].push_back(cpuMs);
            peakKiB[p] = std::max(peakKiB[p], peak);
        }
    }
    double referenceMedian = 0;
    double referenceFastest = 0;
    for (std::size_t p = 0; p < programs.size(); ++p) {
        std::sort(times[p].begin(), times[p].end());
        std::sort(cpu[p].begin(), cpu[p].end());
        const double median = times[p][times[p].size() / 2];
        if (referenceMedian == 0) {
            referenceMedian = median;
            referenceFastest = times[p].front();
        }
        std::printf("%-22s %10.1f %7.2fx %10.1f %7.2fx %8.1f %9.1f %9d\n", programs[p].label, median,
                    median / referenceMedian, times[p].front(), times[p].front() / referenceFastest,
                    cpu[p][cpu[p].size() / 2], double(peakKiB[p]) / 1024.0,
                    librariesLoaded(programs[p].command, scratch));
        std::fflush(stdout);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString before;
    if (const qsizetype at = args.indexOf(QStringLiteral("--before")); at >= 0 && at + 1 < args.size()) {
        before = QFileInfo(args.at(at + 1)).absoluteFilePath();
        args.remove(at, 2);
    }
    const int runs = !args.isEmpty() ? std::max(1, args.at(0).toInt()) : 30;
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    qputenv("ONRAMP_TEST_KDF", "fast");
    QTemporaryDir scratch;
    qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(scratch.filePath(QStringLiteral("trust"))));
    const QString binDir = QCoreApplication::applicationDirPath();
    const QString onramp = QDir(binDir).filePath(QStringLiteral("onramp"));

    // A small vault for `onramp status`: an admin, a mentor and a hire.
    const QString vault = QStringLiteral("--vault=") + scratch.filePath(QStringLiteral("vault"));
    const QString pass = scratch.filePath(QStringLiteral("pass"));
    QFile file(pass);
    if (!file.open(QIODevice::WriteOnly) || file.write("a passphrase long enough\n") < 0)
        return 1;
    file.close();
    const QStringList as{QStringLiteral("--as"), QStringLiteral("ada"), QStringLiteral("--passphrase-file"), pass,
                         vault};
    const QList<QStringList> setup = {
        {onramp, QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"),
         QStringLiteral("--passphrase-file"), pass, vault},
        QStringList{onramp, QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("maya"),
                    QStringLiteral("--role"), QStringLiteral("mentor"), QStringLiteral("--new-passphrase-file"), pass}
            + as,
        QStringList{onramp, QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("alex"),
                    QStringLiteral("--role"), QStringLiteral("hire"), QStringLiteral("--new-passphrase-file"), pass}
            + as,
        QStringList{onramp, QStringLiteral("checklist"), QStringLiteral("import"),
                    QStringLiteral(ONRAMP_EXAMPLE_CHECKLIST)}
            + as,
        QStringList{onramp, QStringLiteral("enroll"), QStringLiteral("alex"), QStringLiteral("--checklist"),
                    QStringLiteral("backend-week-one"), QStringLiteral("--mentor"), QStringLiteral("maya")}
            + as,
    };
    for (const QStringList& command : setup)
        if (const int code = spawn(command); code != 0) {
            std::fprintf(stderr, "bench_start: '%s' exited %d\n", qPrintable(command.join(QLatin1Char(' '))), code);
            return 1;
        }

    std::vector<Program> programs = {
        {"Qt Core hello", {QDir(binDir).filePath(QStringLiteral("bench_hello_core"))}},
        {"bare Qt Quick window", {QDir(binDir).filePath(QStringLiteral("bench_hello_quick"))}},
        {"onramp --version", {onramp, QStringLiteral("--version")}},
        {"onramp --help", {onramp, QStringLiteral("--help")}},
        {"onramp usage error", {onramp, QStringLiteral("person"), QStringLiteral("add")}, 2},
        {"onramp status alex", QStringList{onramp, QStringLiteral("status"), QStringLiteral("alex")} + as},
    };
    if (!before.isEmpty()) {
        programs.push_back({"before: --version", {before, QStringLiteral("--version")}});
        programs.push_back({"before: --help", {before, QStringLiteral("--help")}});
        programs.push_back({"before: usage error", {before, QStringLiteral("person"), QStringLiteral("add")}, 2});
        programs.push_back(
            {"before: status alex", QStringList{before, QStringLiteral("status"), QStringLiteral("alex")} + as});
    }
    if (!table(programs, runs, scratch.path(), "vs Core"))
        return 1;

    // The app to its first frame, against the bare window doing the same work.
    const QString png = scratch.filePath(QStringLiteral("shot.png"));
    const QStringList shot{onramp, QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                           QStringLiteral("1024x640")};
    std::vector<Program> windows = {
        {"bare window + PNG", {QDir(binDir).filePath(QStringLiteral("bench_hello_quick")), png}},
        {"onramp welcome",
         shot
             + QStringList{QStringLiteral("--page"), QStringLiteral("welcome"), QStringLiteral("--vault"),
                           scratch.filePath(QStringLiteral("none"))}},
        {"onramp --demo home",
         shot + QStringList{QStringLiteral("--demo"), QStringLiteral("--page"), QStringLiteral("home")}},
    };
    if (!before.isEmpty()) {
        const auto was = [&](QStringList command) {
            command[0] = before;
            return command;
        };
        windows.push_back({"before: welcome", was(windows[1].command)});
        windows.push_back({"before: --demo home", was(windows[2].command)});
    }
    std::printf("\n");
    // The demo builds its vault with its own key derivation level, not the test KDF.
    qunsetenv("ONRAMP_TEST_KDF");
    return table(windows, runs, scratch.path(), "vs bare") ? 0 : 1;
}
