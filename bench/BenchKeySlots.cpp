// Key slots at scale: what signing in and a key-slot write cost with N
// slots, in the key store (keys.db) and in the JSON key file it replaced,
// and what a whole `person add` costs in a vault of N real people.
// Usage: bench_keyslots [people]...  (default: 1000 10000 100000)
//        bench_keyslots --stored [RUNS] [people]...  (default: 5 runs, 1000 people)
// --stored times a privileged command's first check (Ledger::require in a
// fresh process) without the desktop's stored signature checks and with them.
//        bench_keyslots --trust [people]...  (default: 10000 100000)
// --trust times this desktop's trust file, which lists every person, as a
// privileged check and a commit read and write it.
// Slots beyond the admin's are copies under other names: they are never
// opened here, only read, so their signatures do not matter.
#include "KeyFile.h"
#include "KeyFileStore.h"
#include "TrustStore.h"
#include "audit/Ledger.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace onramp;

namespace {

const QByteArray kPassphrase = "benchmark passphrase";

template<typename F>
double medianMs(int runs, F&& f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void benchPeople(int people, int runs)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("vault"));
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::create(dir, QStringLiteral("ada"), {}, kPassphrase, KdfLevel::Interactive, &vault)) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(e.message));
        return;
    }
    vault.reset();
    const QString path = QDir(dir).filePath(Vault::keyFileName());
    KeyFile keys;
    KeyFile::load(path, &keys);
    const KeySlot ada = *keys.slot(QStringLiteral("ada"));
    KeyFile json;
    json.vaultId = keys.vaultId;
    json.extra = keys.extra;
    json.slots = keys.slots;
    for (int i = 1; i < people; ++i) {
        KeySlot copy = ada;
        copy.name = QStringLiteral("p%1").arg(i, 6, 10, QLatin1Char('0'));
        copy.role = QStringLiteral("hire");
        json.slots.append(copy);
    }
    // The vault as the JSON writer left it, then moved into the store.
    const QString jsonPath = KeyFileStore::legacyPath(path);
    QFile::remove(path);
    if (Error e = json.save(jsonPath)) {
        std::fprintf(stderr, "save failed: %s\n", qPrintable(e.message));
        return;
    }
    const double jsonBytes = double(QFileInfo(jsonPath).size());
    const auto measure = [&](const QString& file, const char* format, bool signIn) {
        const double loadWhole = medianMs(runs, [&] {
            KeyFile k;
            KeyFile::load(file, &k);
        });
        const double loadOne = medianMs(runs, [&] {
            KeyFile k;
            KeyFile::loadFor(file, QStringLiteral("ada"), &k);
        });
        // Vault::unlock would move a keys.json into the store: timed on the store only.
        const double unlock = !signIn ? -1 : medianMs(runs, [&] {
            std::unique_ptr<Vault> v;
            if (Error e = Vault::unlock(dir, QStringLiteral("ada"), kPassphrase, &v))
                std::fprintf(stderr, "unlock failed: %s\n", qPrintable(e.message));
        });
        // A `person add`'s key part as the act reads and writes the slots:
        // the admin's and the new name's slots whole and a digest of every
        // other row (KeyFile::loadForAct; a JSON key file is read whole),
        // one slot added, and only its row written.
        int added = 0;
        const double add = medianMs(runs, [&] {
            KeyFile k;
            const QString name = QStringLiteral("new%1").arg(++added);
            KeyFile::loadForAct(file, {QStringLiteral("ada"), name}, &k);
            KeySlot copy = ada;
            copy.name = name;
            k.setSlot(copy);
            k.save(file);
        });
        // The audit head mirrored after an audited command.
        qint64 sequence = 0;
        const double head = medianMs(runs, [&] {
            KeyFile k;
            if (KeyFileStore::isStorePath(file))
                KeyFileStore::loadHeader(file, &k);
            else
                KeyFile::load(file, &k);
            k.extra.insert(QStringLiteral("bench_head"), ++sequence);
            k.save(file);
        });
        std::printf("%7d people  %-6s %7.2f MiB  read whole %8.1f ms  read one %7.1f ms  sign-in %8.1f ms"
                    "  person add %8.1f ms  head mirror %7.1f ms\n",
                    people, format, double(QFileInfo(file).size()) / (1024.0 * 1024.0), loadWhole, loadOne, unlock, add,
                    head);
        std::fflush(stdout);
    };
    QFile::copy(jsonPath, jsonPath + QStringLiteral(".bench"));
    {
        QElapsedTimer timer;
        timer.start();
        if (Error e = KeyFileStore::migrate(jsonPath, path)) {
            std::fprintf(stderr, "migrate failed: %s\n", qPrintable(e.message));
            return;
        }
        std::printf("%7d people  migrating %.2f MiB of keys.json: %.1f ms\n", people, jsonBytes / (1024.0 * 1024.0),
                    double(timer.nsecsElapsed()) / 1e6);
    }
    measure(path, "keys.db", true);
    // The same with the JSON file alone (the store moved aside).
    QFile::rename(path, path + QStringLiteral(".aside"));
    QFile::rename(jsonPath + QStringLiteral(".bench"), jsonPath);
    measure(jsonPath, "json", false);
}

// A real admin act at \a people: a vault whose every person was added
// through Onramp (one `person add` of them all, the log and the slots
// agreeing), then `person add` timed whole, as each command runs it (the
// first in the process: nothing verified before) and as a session's next
// act does (what the session verified before is in its memory). The whole
// act: the authority check over the log and the database as well as the key
// slots, and the write.
/// Makes a vault in \a dir whose \a people (the admin "ada" among them)
/// were all added through Onramp; false, with a message, when it fails.
bool buildRealVault(const QString& dir, int people)
{
    std::unique_ptr<Vault> admin;
    if (Error e = Vault::create(dir, QStringLiteral("ada"), {}, kPassphrase, KdfLevel::Interactive, &admin)) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(e.message));
        return false;
    }
    // In acts of a few thousand: each person's keys are in guarded memory
    // until their act ends, and a process may map only so many pages.
    constexpr int kBatch = 4000;
    for (int first = 1; first < people; first += kBatch) {
        std::vector<People::NewPerson> batch;
        for (int i = first; i < std::min(people, first + kBatch); ++i)
            batch.push_back({QStringLiteral("p%1").arg(i, 6, 10, QLatin1Char('0')),
                             {},
                             i % 10 == 0 ? Role::Mentor : Role::Hire,
                             SecureBytes::copyOf(kPassphrase),
                             KdfLevel::Interactive,
                             false});
        if (Error e = People(*admin).addMany(batch)) {
            std::fprintf(stderr, "adding people failed: %s\n", qPrintable(e.message));
            return false;
        }
    }
    return true;
}

void benchAct(int people, int runs)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("vault"));
    qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(tmp.filePath(QStringLiteral("trust"))));
    QElapsedTimer built;
    built.start();
    if (!buildRealVault(dir, people))
        return;
    const double buildMs = double(built.nsecsElapsed()) / 1e6;
    std::unique_ptr<Vault> admin;
    int added = 0;
    const auto addOne = [&](Vault& vault) {
        if (Error e = People(vault).add(QStringLiteral("new%1").arg(++added), {}, Role::Hire, kPassphrase))
            std::fprintf(stderr, "person add failed: %s\n", qPrintable(e.message));
    };
    // Cold: a fresh process's first act (here: a fresh session's, with the
    // process's memory of verified signatures left as it is).
    if (Error e = Vault::unlock(dir, QStringLiteral("ada"), kPassphrase, &admin)) {
        std::fprintf(stderr, "unlock failed: %s\n", qPrintable(e.message));
        return;
    }
    QElapsedTimer timer;
    timer.start();
    addOne(*admin);
    const double cold = double(timer.nsecsElapsed()) / 1e6;
    const double warm = medianMs(runs, [&] { addOne(*admin); });
    std::printf("%7d people  real vault (built in %.1f s)  person add, whole act: first %9.1f ms  next %9.1f ms\n",
                people, buildMs / 1000.0, cold, warm);
    std::fflush(stdout);
}

/// In a child process, as a command runs: signs in as the admin of the
/// vault in \a dir and times the authority check of a privileged act
/// (Ledger::require), with whatever this desktop's trust folder holds.
int ledgerChild(const QString& dir)
{
    std::unique_ptr<Vault> admin;
    if (Error e = Vault::unlock(dir, QStringLiteral("ada"), kPassphrase, &admin)) {
        std::fprintf(stderr, "unlock failed: %s\n", qPrintable(e.message));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    if (Error e = Ledger::require(*admin, QDateTime::currentDateTimeUtc())) {
        std::fprintf(stderr, "ledger check failed: %s\n", qPrintable(e.message));
        return 1;
    }
    std::printf("%.1f\n", double(timer.nsecsElapsed()) / 1e6);
    return 0;
}

double runLedgerChild(const QString& dir)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--ledger-child"), dir});
    if (!child.waitForFinished(-1) || child.exitCode() != 0)
        return -1;
    return child.readAllStandardOutput().trimmed().toDouble();
}

/// A privileged command's first check in a vault of \a people added through
/// Onramp, each in a fresh process: cold (the desktop's stored signature
/// checks deleted first, as every command was before they were kept) and
/// warm (the file the run before left), alternated \a runs times. The audit
/// entries this desktop verified before are skipped in both.
void benchStored(int people, int runs, const QString& keep)
{
    QTemporaryDir tmp;
    // --dir DIR: the vault (and this desktop's trust folder) kept there and
    // reused by the next run, so that a profile can run on the same vault.
    const QString base = keep.isEmpty() ? tmp.path() : keep;
    const QString dir = QDir(base).filePath(QStringLiteral("vault-%1").arg(people));
    const QString trust = QDir(base).filePath(QStringLiteral("trust"));
    qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(trust));
    QElapsedTimer built;
    built.start();
    if (!QFileInfo::exists(QDir(dir).filePath(Vault::databaseFileName())) && !buildRealVault(dir, people))
        return;
    const double buildS = double(built.nsecsElapsed()) / 1e9;
    // A first check verifies the whole audit log once and keeps its place.
    if (runLedgerChild(dir) < 0)
        return;
    const auto forget = [&] {
        const QStringList stored =
            QDir(trust).entryList({QStringLiteral("*.signatures-*")}, QDir::Files | QDir::Hidden);
        for (const QString& name : stored)
            QFile::remove(QDir(trust).filePath(name));
        return stored.size();
    };
    std::vector<double> cold;
    std::vector<double> warm;
    int files = 0;
    for (int i = 0; i < runs; ++i) {
        files = forget();
        cold.push_back(runLedgerChild(dir));
        warm.push_back(runLedgerChild(dir));
    }
    const auto list = [](std::vector<double> v) {
        QStringList out;
        for (const double ms : v)
            out.append(QString::number(ms, 'f', 1));
        std::sort(v.begin(), v.end());
        return QStringLiteral("median %1 (%2)")
            .arg(QString::number(v[v.size() / 2], 'f', 1), out.join(QStringLiteral(", ")));
    };
    std::printf("%7d people  real vault (built in %.1f s, %d stored file)  first check, ms: cold %s  warm %s\n", people,
                buildS, files, qPrintable(list(cold)), qPrintable(list(warm)));
    std::fflush(stdout);
}

/// What one privileged check (Ledger::verify) does with this desktop's
/// trust file when the log moved on since the last check: the prefix it may
/// skip, the pinned root and head, and, the check done, the verified prefix
/// and the people as the log gives them.
void checkTrustFile(const QString& vaultId, qint64 head, const QByteArray& hash,
                    const QHash<QString, QByteArray>& people, const QList<QByteArray>& admins)
{
    std::optional<VaultPin> pin;
    TrustStore::load(vaultId, &pin); // the prefix verified before, the root and the head
    PinUpdate update;
    update.raiseEpoch = 0;
    update.advanceHead = std::pair(head, hash);
    update.advanceVerified = PinUpdate::Verified{head, hash, people, admins};
    TrustStore::update(vaultId, update);
}

/// This desktop's trust file with \a people people: reading it, one
/// privileged check's reads and writes of it, and the head a commit records.
void benchTrust(int people, int runs)
{
    QTemporaryDir tmp;
    qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(tmp.filePath(QStringLiteral("trust"))));
    const QString vaultId = QStringLiteral("0123456789abcdef0123456789abcdef");
    QHash<QString, QByteArray> everyone;
    QList<QByteArray> admins;
    for (int i = 0; i < people; ++i) {
        QByteArray key(32, Qt::Uninitialized);
        for (int b = 0; b < key.size(); ++b)
            key[b] = char((i * 131 + b * 7) & 0xff);
        everyone.insert(QStringLiteral("p%1").arg(i, 6, 10, QLatin1Char('0')), key);
        if (i < 3)
            admins.append(key);
    }
    std::sort(admins.begin(), admins.end());
    bool pinned = false;
    if (Error e = TrustStore::pinRoot(vaultId, admins.first(), &pinned)) {
        std::fprintf(stderr, "pin failed: %s\n", qPrintable(e.message));
        return;
    }
    qint64 head = 2 * people;
    const auto hashOf = [](qint64 sequence) { return QByteArray(32, char('a' + sequence % 26)); };
    TrustStore::advanceVerified(vaultId, head, hashOf(head), everyone, admins);
    const QString path = QDir(TrustStore::directory()).filePath(vaultId + QStringLiteral(".json"));
    const qint64 bytes = QFileInfo(path).size();
    // Read as a fresh process reads it: bytes this process has not read before.
    const double parse = medianMs(runs, [&] {
        QFile file(path);
        file.open(QIODevice::Append);
        file.write(" ");
        file.close();
        std::optional<VaultPin> pin;
        TrustStore::load(vaultId, &pin);
    });
    const double load = medianMs(runs, [&] {
        std::optional<VaultPin> pin;
        TrustStore::load(vaultId, &pin);
    });
    const double check = medianMs(runs, [&] {
        ++head;
        checkTrustFile(vaultId, head, hashOf(head), everyone, admins);
    });
    const double commit = medianMs(runs, [&] {
        ++head;
        TrustStore::advanceHead(vaultId, head, hashOf(head));
    });
    std::printf("%7d people  trust file %6.2f MiB  first read %7.1f ms  read again %7.1f ms  a check's reads and "
                "writes %8.1f ms  a commit's head %8.1f ms\n",
                people, double(bytes) / (1024.0 * 1024.0), parse, load, check, commit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Minimal Argon2id cost: the figures are the key file's, not the KDF's.
    qputenv("ONRAMP_TEST_KDF", "fast");
    qputenv("QT_LOGGING_RULES", "onramp.vault.keyfile.warning=false");
    QStringList args = app.arguments().mid(1);
    if (args.value(0) == QLatin1String("--ledger-child"))
        return ledgerChild(args.value(1));
    if (args.value(0) == QLatin1String("--trust")) {
        QList<int> sizes;
        for (const QString& arg : args.mid(1))
            sizes.append(arg.toInt());
        if (sizes.isEmpty())
            sizes = {10000, 100000};
        for (const int people : sizes)
            benchTrust(people, 5);
        return 0;
    }
    if (args.value(0) == QLatin1String("--stored")) {
        QString keep;
        if (const qsizetype at = args.indexOf(QStringLiteral("--dir")); at >= 0 && at + 1 < args.size()) {
            keep = QDir(args.at(at + 1)).absolutePath();
            args.remove(at, 2);
        }
        const int runs = args.size() > 1 ? args.at(1).toInt() : 5;
        const QList<QString> rest = args.mid(2);
        if (rest.isEmpty())
            benchStored(1000, runs, keep);
        for (const QString& arg : rest)
            benchStored(arg.toInt(), runs, keep);
        return 0;
    }
    QList<int> sizes;
    for (const QString& arg : std::as_const(args))
        sizes.append(arg.toInt());
    if (sizes.isEmpty())
        sizes = {1000, 10000, 100000};
    for (const int people : sizes)
        benchPeople(people, people >= 100000 ? 3 : 5);
    for (const int people : sizes)
        benchAct(people, people >= 100000 ? 3 : 5);
    return 0;
}
