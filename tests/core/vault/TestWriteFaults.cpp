// Every command that changes a vault, failed or stopped at each of its write
// calls in turn through the I/O fault seam (app/base/IoFaults.h): a write,
// fsync, rename, truncate or unlink that fails with EIO, a disk that fills up
// (ENOSPC from there on), a kill, and a power cut that drops every write not
// yet made durable; under ctest each call meets one of the four in a run,
// which one turning with the day (tests/core/CMakeLists.txt). After each: the vault
// opens, `vault check` passes, the change happened completely or not at all,
// a failure exits non-zero with a message naming the file, and a success is
// still there after the power cut.
#include "KeyFile.h"
#include "VaultTestUtil.h"

#include <QCryptographicHash>
#include <QDate>
#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace vaulttest;

namespace {

/// The copy of a vault a command runs on: its folder and this desktop's trust folder.
struct Place {
    QString root;
    QString vault() const { return root + QStringLiteral("/vault"); }
    QString trust() const { return root + QStringLiteral("/trust"); }
};

struct Run {
    int code = -1;
    bool crashed = false;
    QString out;
    QString err;
};

bool copyTree(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    for (const QFileInfo& entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QString target = to + u'/' + entry.fileName();
        if (entry.isDir() ? !copyTree(entry.filePath(), target) : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

/// What a check of \a root reads: every entry below it, its kind, mode and bytes.
QByteArray digestTree(const QString& root)
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    QStringList entries;
    while (it.hasNext())
        entries << it.next();
    entries.sort();
    for (const QString& path : std::as_const(entries)) {
        const QFileInfo info(path);
        digest.addData(QFile::encodeName(QDir(root).relativeFilePath(path)));
        digest.addData(QByteArray(QByteArray::number(int(info.permissions())) + (info.isDir() ? "/\n" : "\n")));
        QFile file(path);
        if (!info.isDir() && file.open(QIODevice::ReadOnly))
            digest.addData(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
    }
    return digest.result();
}

void replaceTree(const QString& from, const QString& to)
{
    QDir(to).removeRecursively();
    if (QFileInfo::exists(from))
        QVERIFY(copyTree(from, to));
}

struct Case {
    QString name;
    QStringList setup; // run on the base vault, each a command line with ';' between commands
    QStringList command; // the command under test
    // What a reader sees besides the audit log, when the command changes more (key slots).
    std::function<QString(const Place&)> probe;
    // A command that records its attempt before it acts (the entry first,
    // never a change without its entry) may fail leaving the log this many
    // entries longer and nothing else changed: that is "not at all".
    int attemptEntries = 0;
    QString attemptReason = {};
    // The command runs on a vault from before keys.db: every slot in keys.json.
    bool legacyKeyFile = false;
};

QString logPart(const QString& state)
{
    return state.section(QStringLiteral("; "), 0, 0);
}

QString probePart(const QString& state)
{
    return state.section(QStringLiteral("; "), 1);
}

/// \a before with \a entries more audit entries.
QString attempted(const QString& before, int entries)
{
    const int count = logPart(before).section(u' ', 0, 0).toInt() + entries;
    const QString probe = probePart(before);
    return QStringLiteral("%1 entries").arg(count) + (probe.isEmpty() ? QString() : QStringLiteral("; ") + probe);
}

} // namespace

class TestWriteFaults : public QObject
{
    Q_OBJECT

    // In memory where there is a tmpfs: the seam models what a disk keeps, and
    // the many fsyncs of a walk then cost nothing.
    QTemporaryDir m_tmp{QFileInfo(QStringLiteral("/dev/shm")).isWritable()
                            ? QStringLiteral("/dev/shm/TestWriteFaults-XXXXXX")
                            : QDir::tempPath() + QStringLiteral("/TestWriteFaults-XXXXXX")};
    Place m_base;
    QString m_files;
    int m_points = 0;
    // The state observed of each set of files a case's runs left: runs that
    // leave the same bytes (a failure rolled back, a stop before an fsync
    // and after it) need one `vault check` and probe between them.
    QHash<QByteArray, QString> m_observed;
    int m_seen = 0;
    int m_commands = 0;
    QStringList m_damaged;
    QStringList m_falseSuccesses;
    QStringList m_unclear;
    QStringList m_attempts;
    int m_damagedTotal = 0;
    int m_falseTotal = 0;
    int m_attemptTotal = 0;
    QList<QByteArray> m_modes;
    int m_strideOffset = 0; // with ONRAMP_TEST_FAULT_STRIDE: which call of each stride is tried
    int m_stride = 1;
    bool m_everyMode = false; // ONRAMP_TEST_FAULT_EVERY_MODE: each call in each mode, not one of each pair

    QString file(const QString& name) const { return m_files + u'/' + name; }

    static QJsonObject slotJson(const QString& keyPath, const QString& name)
    {
        onramp::KeyFile keys;
        if (onramp::KeyFile::load(keyPath, &keys) || !keys.slot(name))
            return {};
        return onramp::KeyFile::slotToJson(*keys.slot(name));
    }

    // Puts \a slot in place of the slot of its name, as a hire editing the store would.
    static void replaceSlot(const QString& keyPath, const QJsonObject& slot)
    {
        onramp::KeyFile keys;
        QVERIFY(!onramp::KeyFile::load(keyPath, &keys));
        keys.setSlot(onramp::KeyFile::slotFromJson(slot));
        QVERIFY(!keys.save(keyPath));
    }

    static bool hasSuperseded(const QString& keyPath)
    {
        onramp::KeyFile keys;
        return !onramp::KeyFile::load(keyPath, &keys) && !keys.superseded.isEmpty();
    }

    Run run(const Place& place, QStringList args, const QByteArray& fault = {}, const QByteArray& crashAt = {}) const
    {
        // {place}: a file beside the vault, copied with it (a backup file).
        for (QString& arg : args)
            arg.replace(QStringLiteral("{place}"), place.root);
        args << QStringLiteral("--vault") << place.vault();
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TRUST_DIR"), place.trust());
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("onramp.*.warning=false"));
        if (!fault.isEmpty())
            env.insert(QStringLiteral("ONRAMP_TEST_FAULT"), QString::fromLatin1(fault));
        if (!crashAt.isEmpty())
            env.insert(QStringLiteral("ONRAMP_TEST_CRASH_AT"), QString::fromLatin1(crashAt));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ONRAMP_BINARY), args);
        process.closeWriteChannel();
        Run r;
        if (!process.waitForStarted()) {
            r.err = QStringLiteral("did not start: ") + process.errorString();
            return r;
        }
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.crashed = process.exitStatus() == QProcess::CrashExit;
        r.code = r.crashed ? -1 : process.exitCode();
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    QStringList as(const QString& who) const
    {
        return {QStringLiteral("--as"), who, QStringLiteral("--passphrase-file"), file(who + QStringLiteral(".pass"))};
    }

    // "name args..." with {file} placeholders and "--as NAME" expanded.
    QStringList expand(const QString& line) const
    {
        QStringList out;
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < words.size(); ++i) {
            if (words[i] == QStringLiteral("--as") && i + 1 < words.size()) {
                out << as(words[++i]);
                continue;
            }
            // With the passphrase an admin handed over, before they chose their own.
            if (words[i] == QStringLiteral("--first-as") && i + 1 < words.size()) {
                out << QStringLiteral("--as") << words[i + 1] << QStringLiteral("--passphrase-file")
                    << file(words[i + 1] + QStringLiteral(".first"));
                ++i;
                continue;
            }
            QString word = words[i];
            word.replace(QStringLiteral("{files}"), m_files);
            out << word;
        }
        return out;
    }

    /// The state a reader sees: how many audit entries `vault check` verified,
    /// and the case's probe; or why the vault does not pass its check.
    QString observe(const Case& c, const Place& place) const
    {
        if (!QFileInfo::exists(place.vault() + QStringLiteral("/keys.db"))
            && !QFileInfo::exists(place.vault() + QStringLiteral("/vault.db")))
            return QStringLiteral("no vault");
        const Run check =
            run(place, QStringList{QStringLiteral("vault"), QStringLiteral("check")} + as(QStringLiteral("ada")));
        static const QRegularExpression entries(QStringLiteral("audit log: (\\d+) entries verified"));
        const QRegularExpressionMatch m = entries.match(check.out);
        if (check.code != 0 || !m.hasMatch())
            return QStringLiteral("DAMAGED (exit %1): %2%3")
                .arg(check.code)
                .arg(check.out.right(300), check.err.left(600));
        QString state = m.captured(1) + QStringLiteral(" entries");
        if (c.probe)
            state += QStringLiteral("; ") + c.probe(place);
        return state;
    }

    /// Whether the place's backup file is there, and restores (into a new
    /// folder, on a desktop of its own) to a vault that passes its check.
    QString restoresFrom(const Place& place) const
    {
        const QString backup = place.root + QStringLiteral("/backup.onramp");
        if (!QFileInfo::exists(backup))
            return QStringLiteral("no backup");
        const Place probe{place.root + QStringLiteral("/probe")};
        if (!QDir().mkpath(probe.root))
            return QStringLiteral("cannot create %1").arg(probe.root);
        const auto cleanup = qScopeGuard([&] { QDir(probe.root).removeRecursively(); });
        const Run restored = run(probe, QStringList{QStringLiteral("restore"), backup} + as(QStringLiteral("ada")));
        if (restored.code != 0)
            return QStringLiteral("a backup that does not restore (exit %1): %2").arg(restored.code).arg(restored.err);
        const Run check =
            run(probe, QStringList{QStringLiteral("vault"), QStringLiteral("check")} + as(QStringLiteral("ada")));
        return check.code == 0 ? QStringLiteral("a backup that restores")
                               : QStringLiteral("a restored backup that fails its check: %1").arg(check.err);
    }

    /// The action of the newest audit entry, as an admin reads the log.
    QString lastAction(const Place& place) const
    {
        const Run log =
            run(place, QStringList{QStringLiteral("audit"), QStringLiteral("log")} + as(QStringLiteral("ada")));
        const QStringList lines = log.out.split(u'\n', Qt::SkipEmptyParts);
        if (log.code != 0 || lines.isEmpty())
            return QStringLiteral("no log (exit %1)").arg(log.code);
        static const QRegularExpression action(QStringLiteral("\\b(vault\\.restore|step\\.done)\\b"));
        const QRegularExpressionMatch m = action.match(lines.last());
        return QStringLiteral("last entry ") + (m.hasMatch() ? m.captured(1) : lines.last());
    }

    /// Which of the passphrases in \a files opens \a who's slot.
    std::function<QString(const Place&)> opens(const QString& who, const QStringList& files) const
    {
        return [this, who, files](const Place& place) {
            QStringList opening;
            for (const QString& name : files) {
                const Run r = run(place,
                                  {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--as"), who,
                                   QStringLiteral("--passphrase-file"), file(name)});
                // Exit 4 saying so: it opens, and its owner must choose their own first.
                if (r.code == 0 || (r.code == 4 && r.err.contains(QStringLiteral("choose your own"))))
                    opening << name;
            }
            return QStringLiteral("%1 opens with %2")
                .arg(who, opening.isEmpty() ? QStringLiteral("nothing") : opening.join(u','));
        };
    }

    void setUpBase()
    {
        const QList<std::pair<QString, QByteArray>> passes = {
            {QStringLiteral("ada.pass"), "ada keeps the keys"},
            {QStringLiteral("maya.pass"), "maya mentors well"},
            {QStringLiteral("alex.pass"), "alex is new here"},
            {QStringLiteral("sam.pass"), "sam starts monday"},
            // The first passphrases ada typed, handed over and changed at once.
            {QStringLiteral("maya.first"), "maya's first passphrase"},
            {QStringLiteral("alex.first"), "alex's first passphrase"},
            {QStringLiteral("sam.first"), "sam's first passphrase"},
            {QStringLiteral("new.pass"), "a brand new passphrase"},
            {QStringLiteral("prod.secret"), "the production password"},
            // A roster of two, each with the passphrase of a file beside it.
            {QStringLiteral("roster.csv"),
             "name,display_name,role,passphrase_file\n"
             "bob,\"Bob, the new one\",hire,new.pass\ncid,Cid,mentor,new.pass"},
        };
        for (const auto& [name, content] : passes) {
            QFile out(file(name));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(content + '\n');
            // The roster reads a passphrase file only when it is its owner's only.
            QVERIFY(out.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        }
        QVERIFY(QFile::copy(QStringLiteral(ONRAMP_TEST_DATA "/../../docs/examples/backend-week-one.yaml"),
                            file(QStringLiteral("week.yaml"))));
        QFile second(file(QStringLiteral("second.yaml")));
        QVERIFY(second.open(QIODevice::WriteOnly));
        second.write("onramp: 1\nchecklist:\n  id: ops-basics\n  title: Ops basics\n  steps:\n"
                     "    - {id: pager, title: Join the pager rota, required: true}\n");
        second.close();
        const QStringList setup = {
            QStringLiteral("init --admin ada --passphrase-file {files}/ada.pass"),
            QStringLiteral("person add maya --role mentor --new-passphrase-file {files}/maya.first --as ada"),
            QStringLiteral("person add alex --role hire --new-passphrase-file {files}/alex.first --as ada"),
            QStringLiteral("person add sam --role hire --new-passphrase-file {files}/sam.first --as ada"),
            QStringLiteral("passphrase change --new-passphrase-file {files}/maya.pass --first-as maya"),
            QStringLiteral("passphrase change --new-passphrase-file {files}/alex.pass --first-as alex"),
            QStringLiteral("passphrase change --new-passphrase-file {files}/sam.pass --first-as sam"),
            QStringLiteral("checklist import {files}/week.yaml --as ada"),
            QStringLiteral("enroll alex --checklist backend-week-one --mentor maya --start 2026-12-01 --as ada"),
        };
        for (const QString& line : setup) {
            const Run r = run(m_base, expand(line));
            QVERIFY2(r.code == 0, qPrintable(line + QStringLiteral(": ") + r.err));
        }
    }

    /// Walks one mode over every call of \a c's command; returns how many points it tried.
    void walk(const Case& c, const Place& pre, const QString& before, const QString& after, int calls,
              const QByteArray& mode)
    {
        const QStringList args = expand(c.command.join(u' '));
        // ONRAMP_TEST_FAULT_STRIDE=N (the sanitizer build) fails every Nth
        // call and the last: the memory checks need every path's kind, not
        // every point, and the whole walk runs in the plain build. Which
        // call of each N comes first turns with the day, so that N days
        // of runs cover every call; a failure names its point (mode@call),
        // which ONRAMP_TEST_FAULT reproduces alone.
        QList<int> points;
        for (int n = std::min(calls, 1 + m_strideOffset % m_stride); n <= calls;
             n = (n < calls && n + m_stride > calls) ? calls : n + m_stride)
            points << n;
        // With the other mode of its pair in this run, each takes every other one.
        if (const int own = share(mode); own >= 0) {
            QList<int> mine;
            for (qsizetype k = own; k < points.size(); k += 2)
                mine << points[k];
            points = mine;
        }
        if (mode == "powerloss")
            points << calls + 1; // and once more: the power fails at exit
        for (const int n : std::as_const(points)) {
            Place work{m_tmp.filePath(QStringLiteral("work"))};
            QDir(work.root).removeRecursively();
            QVERIFY(copyTree(pre.root, work.root));
            const Run r = run(work, args, mode + '@' + QByteArray::number(n));
            ++m_points;
            const QString where = QStringLiteral("%1, %2@%3").arg(c.name, QString::fromLatin1(mode)).arg(n);
            if (!r.crashed && r.code < 0) {
                m_damaged << where + QStringLiteral(": ") + r.err;
                continue;
            }
            const QByteArray digest = digestTree(work.root);
            auto known = m_observed.constFind(digest);
            if (known == m_observed.cend())
                known = m_observed.insert(digest, observe(c, work));
            else
                ++m_seen;
            const QString state = *known;
            if (c.attemptEntries > 0 && r.code != 0 && state == attempted(before, c.attemptEntries)) {
                m_attempts << QStringLiteral("%1: %2").arg(where, state);
                continue;
            }
            if (state != before && state != after)
                m_damaged << QStringLiteral("%1: state '%2' (before '%3', after '%4'); the command said %5 %6")
                                 .arg(where, state, before, after)
                                 .arg(r.code)
                                 .arg(r.err.left(400));
            else if (r.code == 0 && state != after)
                m_falseSuccesses << QStringLiteral("%1: reported success, the vault shows '%2'").arg(where, state);
            if (!r.crashed && r.code != 0) {
                QString message = r.err;
                message.remove(QRegularExpression(QStringLiteral("(?m)^onramp-test-fault:.*\\n?")));
                if (!message.contains(work.root))
                    m_unclear << QStringLiteral("%1: exit %2 without naming the file: %3")
                                     .arg(where)
                                     .arg(r.code)
                                     .arg(message);
            }
        }
    }

    /// Which of the calls a walk tries \a mode takes when the run walks both
    /// modes of its pair (EIO and a full disk, a kill and a power cut): every
    /// other one, 0 from the first, 1 from the second; the other mode takes
    /// the rest. -1: every call.
    int share(const QByteArray& mode) const
    {
        if (m_everyMode)
            return -1;
        static const QList<std::pair<QByteArray, QByteArray>> pairs = {{"eio", "enospc"}, {"kill", "powerloss"}};
        for (const auto& [one, other] : pairs) {
            if ((mode == one || mode == other) && m_modes.contains(one) && m_modes.contains(other))
                return (mode == one ? 0 : 1) ^ (m_strideOffset / m_stride % 2);
        }
        return -1;
    }

    void runCase(const Case& c)
    {
        ++m_commands;
        m_observed.clear();
        const int seenBefore = m_seen;
        Place pre{m_tmp.filePath(QStringLiteral("pre"))};
        QDir(pre.root).removeRecursively();
        if (c.name != QStringLiteral("init"))
            QVERIFY(copyTree(m_base.root, pre.root));
        else
            QVERIFY(QDir().mkpath(pre.trust()));
        for (const QString& line : c.setup) {
            const Run r = run(pre, expand(line));
            QVERIFY2(r.code == 0, qPrintable(line + QStringLiteral(": ") + r.err));
        }
        const QString before = observe(c, pre);
        if (c.legacyKeyFile)
            QVERIFY(toLegacyKeyFile(pre.vault()));
        // A clean run, counting the calls.
        Place clean{m_tmp.filePath(QStringLiteral("clean"))};
        replaceTree(pre.root, clean.root);
        const Run counted = run(clean, expand(c.command.join(u' ')), "count");
        QVERIFY2(counted.code == 0, qPrintable(counted.err));
        static const QRegularExpression callsLine(QStringLiteral("onramp-test-fault: (\\d+) calls"));
        const QRegularExpressionMatch m = callsLine.match(counted.err);
        QVERIFY2(m.hasMatch(), qPrintable(counted.err));
        const int calls = m.captured(1).toInt();
        const QString after = observe(c, clean);
        QVERIFY2(before != after, qPrintable(QStringLiteral("the probe cannot tell the command ran: ") + after));
        QVERIFY2(!after.startsWith(QStringLiteral("DAMAGED")), qPrintable(after));
        const int pointsBefore = m_points;
        for (const QByteArray& mode : std::as_const(m_modes))
            walk(c, pre, before, after, calls, mode);
        qInfo("%s: %d write calls, %d injection points, %d leaving files checked before", qPrintable(c.name), calls,
              m_points - pointsBefore, m_seen - seenBefore);
    }

    void report(const Case& c)
    {
        m_damagedTotal += int(m_damaged.size());
        m_falseTotal += int(m_falseSuccesses.size());
        m_attemptTotal += int(m_attempts.size());
        if (!m_attempts.isEmpty())
            qInfo("%s: %d failures recorded the attempt and changed nothing else (%s)", qPrintable(c.name),
                  int(m_attempts.size()), qPrintable(c.attemptReason));
        for (const QString& line : m_damaged)
            qWarning("damaged: %s", qPrintable(line));
        for (const QString& line : m_falseSuccesses)
            qWarning("false success: %s", qPrintable(line));
        for (const QString& line : m_unclear)
            qWarning("unclear: %s", qPrintable(line));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // ONRAMP_TEST_FAULT_MODES=eio,kill runs some modes only (ctest splits the walk in two).
        const QByteArray modes = qgetenv("ONRAMP_TEST_FAULT_MODES");
        m_modes = (modes.isEmpty() ? QByteArrayLiteral("eio,enospc,kill,powerloss") : modes).split(',');
        // ONRAMP_TEST_FAULT_STRIDE_OFFSET picks it; by default the day's
        // number, plus ONRAMP_TEST_FAULT_STRIDE_SHIFT (the stops' half of a
        // walk at stride 2 takes the calls the failures' half does not).
        bool fixed = false;
        m_strideOffset = qEnvironmentVariableIntValue("ONRAMP_TEST_FAULT_STRIDE_OFFSET", &fixed);
        if (!fixed)
            m_strideOffset = int(QDate::currentDate().toJulianDay() % 1000)
                + qEnvironmentVariableIntValue("ONRAMP_TEST_FAULT_STRIDE_SHIFT");
        m_stride = std::max(1, qEnvironmentVariableIntValue("ONRAMP_TEST_FAULT_STRIDE"));
        if (m_stride > 1)
            qInfo("every %dth write call and each command's last, starting at call %d "
                  "(ONRAMP_TEST_FAULT_STRIDE_OFFSET=%d)",
                  m_stride, 1 + m_strideOffset % m_stride, m_strideOffset);
        // The two modes of a pair in one run (EIO and a full disk, a kill and
        // a power cut) take every other call each; which takes which turns
        // with the day (with the stride, every stride's days).
        // ONRAMP_TEST_FAULT_EVERY_MODE=1 tries each call in both.
        m_everyMode = qEnvironmentVariableIntValue("ONRAMP_TEST_FAULT_EVERY_MODE") != 0;
        for (const QByteArray& mode : std::as_const(m_modes)) {
            if (const int own = share(mode); own >= 0)
                qInfo("%s: every other call tried, from the %s", mode.constData(), own == 0 ? "first" : "second");
        }
        m_base.root = m_tmp.filePath(QStringLiteral("base"));
        m_files = m_tmp.filePath(QStringLiteral("files"));
        QVERIFY(QDir().mkpath(m_files));
        QVERIFY(QDir().mkpath(m_base.trust()));
        setUpBase();
    }

    void everyWriteOfEveryCommand_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(cases().size()); ++i)
            QTest::newRow(qPrintable(cases()[size_t(i)].name)) << i;
    }

    void everyWriteOfEveryCommand()
    {
        QFETCH(int, index);
        const Case c = cases()[size_t(index)];
        m_damaged.clear();
        m_falseSuccesses.clear();
        m_unclear.clear();
        m_attempts.clear();
        runCase(c);
        report(c);
        QVERIFY2(m_damaged.isEmpty(), qPrintable(QStringLiteral("%1 damaged vaults").arg(m_damaged.size())));
        QVERIFY2(m_falseSuccesses.isEmpty(),
                 qPrintable(QStringLiteral("%1 false successes").arg(m_falseSuccesses.size())));
        QVERIFY2(m_unclear.isEmpty(), qPrintable(QStringLiteral("%1 unclear failures").arg(m_unclear.size())));
    }

    // The two acts that replace a slot keep the old one beside the new until
    // their commit: stopped right before it, the old one stands, the check
    // passes, and the next admin act drops what the commit never made.
    void aSlotReplacedBeforeAStoppedCommitStillStands_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QByteArray>("point");
        QTest::addColumn<QString>("who");
        QTest::newRow("passphrase reset")
            << QStringLiteral("passphrase reset alex --new-passphrase-file {files}/new.pass --as ada")
            << QByteArray("reset-before-commit") << QStringLiteral("alex");
        QTest::newRow("person disable") << QStringLiteral("person disable sam --as ada")
                                        << QByteArray("disable-before-commit") << QStringLiteral("sam");
    }

    void aSlotReplacedBeforeAStoppedCommitStillStands()
    {
        QFETCH(QString, command);
        QFETCH(QByteArray, point);
        QFETCH(QString, who);
        Place place{m_tmp.filePath(QStringLiteral("stopped"))};
        replaceTree(m_base.root, place.root);
        const Run stopped = run(place, expand(command), {}, point);
        QVERIFY2(stopped.crashed, qPrintable(stopped.err));
        const QString keyPath = place.vault() + QStringLiteral("/keys.db");
        QVERIFY(hasSuperseded(keyPath));
        const Case probe{
            QStringLiteral("probe"), {}, {}, opens(who, {who + QStringLiteral(".pass"), QStringLiteral("new.pass")})};
        const QString expected = QStringLiteral("9 entries; %1 opens with %1.pass").arg(who);
        QCOMPARE(observe(probe, place), expected);
        // The next admin act settles it: the old slot is the slot again.
        const Run next =
            run(place,
                expand(QStringLiteral("person add zed --role hire --new-passphrase-file {files}/new.pass --as ada")));
        QVERIFY2(next.code == 0, qPrintable(next.err));
        QVERIFY(!hasSuperseded(keyPath));
        QCOMPARE(observe(probe, place), QStringLiteral("10 entries; %1 opens with %1.pass").arg(who));
    }

    // A hire disabled, who puts their slot from before the disable back
    // beside the emptied one, opens nothing: the people row decides.
    void aSupersededSlotPlantedByADisabledHireOpensNothing()
    {
        Place place{m_tmp.filePath(QStringLiteral("planted"))};
        replaceTree(m_base.root, place.root);
        const QString keyPath = place.vault() + QStringLiteral("/keys.db");
        const QJsonObject samBefore = slotJson(keyPath, QStringLiteral("sam"));
        QVERIFY(!samBefore.isEmpty());
        const Run disable = run(place, expand(QStringLiteral("person disable sam --as ada")));
        QVERIFY2(disable.code == 0, qPrintable(disable.err));
        onramp::KeyFile after;
        QVERIFY(!onramp::KeyFile::load(keyPath, &after));
        after.superseded.append(onramp::KeyFile::slotFromJson(samBefore));
        QVERIFY(!after.save(keyPath));
        const Run sam =
            run(place,
                {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--as"), QStringLiteral("sam"),
                 QStringLiteral("--passphrase-file"), this->file(QStringLiteral("sam.pass"))});
        QCOMPARE(sam.code, 4); // not permitted: disabled
        QVERIFY2(sam.err.contains(QStringLiteral("disabled")), qPrintable(sam.err));
        const Run check =
            run(place, QStringList{QStringLiteral("vault"), QStringLiteral("check")} + as(QStringLiteral("ada")));
        QVERIFY2(check.code == 0, qPrintable(check.err));
    }

    // What a stopped disable leaves in the folder can be copied: its emptied
    // slot, put back later in place of the enabled person's, is damage.
    void anEmptiedSlotPutBackForAnEnabledPersonIsNamed()
    {
        Place place{m_tmp.filePath(QStringLiteral("emptied"))};
        replaceTree(m_base.root, place.root);
        const QString keyPath = place.vault() + QStringLiteral("/keys.db");
        const Run stopped =
            run(place, expand(QStringLiteral("person disable sam --as ada")), {}, "disable-before-commit");
        QVERIFY2(stopped.crashed, qPrintable(stopped.err));
        const QJsonObject emptied = slotJson(keyPath, QStringLiteral("sam"));
        QVERIFY(emptied.value(QStringLiteral("disabled")).toBool());
        const Run next =
            run(place,
                expand(QStringLiteral("person add zed --role hire --new-passphrase-file {files}/new.pass --as ada")));
        QVERIFY2(next.code == 0, qPrintable(next.err));
        QVERIFY(!slotJson(keyPath, QStringLiteral("sam")).value(QStringLiteral("disabled")).toBool());
        replaceSlot(keyPath, emptied);
        const Run check =
            run(place, QStringList{QStringLiteral("vault"), QStringLiteral("check")} + as(QStringLiteral("ada")));
        QCOMPARE(check.code, 6);
        QVERIFY2(check.err.contains(
                     QStringLiteral("key slot of sam is damaged (it is emptied, but the log has them enabled)")),
                 qPrintable(check.err));
    }

    // A superseded slot is judged whether or not it stands: one a hire
    // signed is damage, even beside a current slot that is sound.
    void aSupersededSlotAHireSignedIsNamed()
    {
        Place place{m_tmp.filePath(QStringLiteral("hire-signed"))};
        replaceTree(m_base.root, place.root);
        const QString keyPath = place.vault() + QStringLiteral("/keys.db");
        onramp::KeyFile keys;
        QVERIFY(!onramp::KeyFile::load(keyPath, &keys));
        const std::optional<onramp::SecureBytes> alex =
            keys.slot(QStringLiteral("alex"))->unwrapSecretKey(keys.vaultId, "alex is new here");
        QVERIFY(alex);
        onramp::KeySlot copy = *keys.slot(QStringLiteral("maya"));
        copy.sign(keys.vaultId, QStringLiteral("alex"), *alex);
        keys.superseded.append(copy);
        QVERIFY(!keys.save(keyPath));
        const Run check =
            run(place, QStringList{QStringLiteral("vault"), QStringLiteral("check")} + as(QStringLiteral("ada")));
        QCOMPARE(check.code, 6);
        QVERIFY2(check.err.contains(QStringLiteral("superseded key slot of maya is damaged")), qPrintable(check.err));
    }

    void cleanupTestCase()
    {
        qInfo("%d commands x their write calls x %d modes: %d injection points tried, %d damaged vaults, "
              "%d false successes, %d failures that recorded only their attempt; %d runs left files checked before",
              m_commands, int(m_modes.size()), m_points, m_damagedTotal, m_falseTotal, m_attemptTotal, m_seen);
    }

private:
    std::vector<Case> cases() const
    {
        const QString approveAll =
            QStringLiteral("step done alex handbook --as alex;step done alex laptop --as alex;"
                           "step done alex sandbox-tests --as alex;step done alex restore-drill --as alex;"
                           "step approve alex sandbox-tests --as maya;step approve alex restore-drill --as maya");
        const QStringList signedOff = approveAll.split(u';')
            + QStringList{QStringLiteral("signoff alex --as maya"),
                          QStringLiteral("cred set prod-db --secret-file {files}/prod.secret --as ada")};
        return {
            {QStringLiteral("init"), {}, {QStringLiteral("init --admin ada --passphrase-file {files}/ada.pass")}, {}},
            {QStringLiteral("person add"),
             {},
             {QStringLiteral("person add bob --role hire --new-passphrase-file {files}/new.pass --as ada")},
             opens(QStringLiteral("bob"), {QStringLiteral("new.pass")})},
            {QStringLiteral("person add, migrating keys.json"),
             {},
             {QStringLiteral("person add bob --role hire --new-passphrase-file {files}/new.pass --as ada")},
             opens(QStringLiteral("bob"), {QStringLiteral("new.pass")}),
             0,
             {},
             true},
            {QStringLiteral("person import"),
             {},
             {QStringLiteral("person import {files}/roster.csv --as ada")},
             // Exit 3: no slot opens; exit 4: it opens, and cid must choose their own passphrase first.
             [this](const Place& place) {
                 return QStringLiteral("cid: exit %1")
                     .arg(run(place,
                              {QStringLiteral("person"), QStringLiteral("list"), QStringLiteral("--as"),
                               QStringLiteral("cid"), QStringLiteral("--passphrase-file"),
                               file(QStringLiteral("new.pass"))})
                              .code);
             }},
            {QStringLiteral("person disable"),
             {},
             {QStringLiteral("person disable sam --as ada")},
             opens(QStringLiteral("sam"), {QStringLiteral("sam.pass")})},
            {QStringLiteral("passphrase reset"),
             {},
             {QStringLiteral("passphrase reset alex --new-passphrase-file {files}/new.pass --as ada")},
             opens(QStringLiteral("alex"), {QStringLiteral("alex.pass"), QStringLiteral("new.pass")})},
            {QStringLiteral("passphrase change"),
             {},
             {QStringLiteral("passphrase change --new-passphrase-file {files}/new.pass --as alex")},
             opens(QStringLiteral("alex"), {QStringLiteral("alex.pass"), QStringLiteral("new.pass")}),
             1,
             QStringLiteral("the entry commits before the key file is written: a failed command leaves an entry "
                            "for a change that did not happen, never a change without its entry")},
            // The first choice after a handed-over passphrase: a new key
            // pair, the production key sealed to it, the old slot kept beside.
            {QStringLiteral("passphrase change, first choice"),
             {QStringLiteral("passphrase reset maya --new-passphrase-file {files}/maya.first --as ada")},
             {QStringLiteral("passphrase change --new-passphrase-file {files}/new.pass --first-as maya")},
             opens(QStringLiteral("maya"), {QStringLiteral("maya.first"), QStringLiteral("new.pass")})},
            // Every holder's slot gets the pending key, the secrets move
            // to it and the log names it, or none of it.
            {QStringLiteral("vault rotate-production-key"),
             {},
             {QStringLiteral("vault rotate-production-key --as ada")},
             opens(QStringLiteral("maya"), {QStringLiteral("maya.pass")})},
            {QStringLiteral("checklist import"),
             {},
             {QStringLiteral("checklist import {files}/second.yaml --as ada")},
             {}},
            {QStringLiteral("enroll"),
             {},
             {QStringLiteral("enroll sam --checklist backend-week-one --mentor maya --start 2026-12-01 --as ada")},
             {}},
            {QStringLiteral("step done"), {}, {QStringLiteral("step done alex handbook --note done --as alex")}, {}},
            {QStringLiteral("step undo"),
             {QStringLiteral("step done alex handbook --as alex")},
             {QStringLiteral("step undo alex handbook --as alex")},
             {}},
            // The hire's fresh sandbox secret, sealed to them, with its entry.
            {QStringLiteral("cred reissue"), {}, {QStringLiteral("cred reissue sandbox-db --as alex")}, {}},
            // The connection's box and its seal, with the entry that names the seal.
            {QStringLiteral("provider set"),
             {},
             {QStringLiteral("provider set practice --dsn postgresql:///sandbox?host=/tmp/onramp-nowhere "
                             "--environment sandbox --secret-file {files}/prod.secret --as ada")},
             {}},
            {QStringLiteral("step approve"),
             {QStringLiteral("step done alex sandbox-tests --as alex")},
             {QStringLiteral("step approve alex sandbox-tests --as maya")},
             {}},
            {QStringLiteral("step reject"),
             {QStringLiteral("step done alex sandbox-tests --as alex")},
             {QStringLiteral("step reject alex sandbox-tests --comment again --as maya")},
             {}},
            {QStringLiteral("signoff"), approveAll.split(u';'), {QStringLiteral("signoff alex --as maya")}, {}},
            {QStringLiteral("cred set"),
             {},
             {QStringLiteral("cred set prod-db --secret-file {files}/prod.secret --as ada")},
             {}},
            {QStringLiteral("cred revoke"), signedOff, {QStringLiteral("cred revoke alex prod-db --as maya")}, {}},
            {QStringLiteral("cred renew"),
             signedOff + QStringList{QStringLiteral("cred revoke alex prod-db --as maya")},
             {QStringLiteral("cred renew alex prod-db --as maya")},
             {}},
            // A move to another checklist ends the old one's reviews, sign-off
            // and live grant, and deletes the rows it ended, in one act.
            {QStringLiteral("enrollment move"),
             signedOff + QStringList{QStringLiteral("checklist import {files}/second.yaml --as ada")},
             {QStringLiteral("enrollment move alex --checklist ops-basics --accept-weaker --as ada")},
             {}},
            // A new mentor ends the former one's reviews, sign-off and live
            // grant, and deletes the rows it ended, in one act.
            {QStringLiteral("enrollment edit"),
             signedOff
                 + QStringList{QStringLiteral(
                     "person add cid --role mentor --new-passphrase-file {files}/new.pass --as ada")},
             {QStringLiteral("enrollment edit alex --mentor cid --start 2026-12-03 --as ada")},
             {}},
            {QStringLiteral("backup"),
             {},
             {QStringLiteral("backup {place}/backup.onramp --as ada")},
             [this](const Place& place) { return restoresFrom(place); },
             1,
             QStringLiteral("'vault.backup' is recorded before the copy, which holds it")},
            {QStringLiteral("restore"),
             {QStringLiteral("backup {place}/backup.onramp --as ada"),
              QStringLiteral("step done alex handbook --note done --as alex")},
             {QStringLiteral("restore {place}/backup.onramp --replace --as ada")},
             [this](const Place& place) { return lastAction(place); }},
            {QStringLiteral("vault rekey"),
             {},
             {QStringLiteral("vault rekey --as ada")},
             // The admin opens in every check; TestRekeyCrash tries every slot at its stops.
             opens(QStringLiteral("alex"), {QStringLiteral("alex.pass")}),
             2,
             QStringLiteral("'started' commits before the re-encryption, 'failed' after it is undone")},
        };
    }
};

QTEST_GUILESS_MAIN(TestWriteFaults)
#include "TestWriteFaults.moc"
