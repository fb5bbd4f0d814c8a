// Key slots at scale: what signing in and a key-slot write cost with N
// slots, in the key store (keys.db) and in the JSON key file it replaced.
// Usage: bench_keyslots [people]...  (default: 1000 10000 100000)
// Slots beyond the admin's are copies under other names: they are never
// opened here, only read, so their signatures do not matter.
#include "KeyFile.h"
#include "KeyFileStore.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
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
        // A `person add`'s key part: every slot read (the authority check
        // needs them), one slot added and written.
        int added = 0;
        const double add = medianMs(runs, [&] {
            KeyFile k;
            KeyFile::load(file, &k);
            KeySlot copy = ada;
            copy.name = QStringLiteral("new%1").arg(++added);
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

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Minimal Argon2id cost: the figures are the key file's, not the KDF's.
    qputenv("ONRAMP_TEST_KDF", "fast");
    qputenv("QT_LOGGING_RULES", "onramp.vault.keyfile.warning=false");
    QList<int> sizes;
    for (const QString& arg : app.arguments().mid(1))
        sizes.append(arg.toInt());
    if (sizes.isEmpty())
        sizes = {1000, 10000, 100000};
    for (const int people : sizes)
        benchPeople(people, people >= 100000 ? 3 : 5);
    return 0;
}
